//! What crosses the pipes between the parent and a worker: a [`Request`] (a file's path) a
//! line in; [`Reply`] lines out, both JSON: the file's articles in pieces as they are read
//! ([`Reply::Articles`]), then its outcome and warnings ([`Reply::Done`]).
//! [`Outcome`] names its format, encoding and kinds of dropped text with `&'static str`, so it
//! travels as [`WireOutcome`] and its names are interned again on arrival.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::sync::Mutex;

use jikji_engine::Article;
use serde::{Deserialize, Serialize};

use crate::{Ledger, Outcome, Tally};

/// One file to read: its path as bytes (a path need not be UTF-8).
#[derive(Serialize, Deserialize)]
pub struct Request {
    pub path: Vec<u8>,
}

/// What the worker says about the file it reads, a line each: any number of
/// [`Reply::Articles`], then one [`Reply::Done`].
#[derive(Serialize, Deserialize)]
pub enum Reply<'a> {
    /// Some of the file's articles, in order: those of one piece of a file read a piece at a
    /// time, or a part of those of a file read whole (none: a piece without articles, which
    /// still tells the parent the worker is getting on).
    Articles {
        articles: Cow<'a, [Article]>,
        /// How many bytes of a file read a piece at a time are read; 0 for a file read whole.
        read: u64,
    },
    /// The file is read.
    Done {
        outcome: WireOutcome,
        warnings: Vec<String>,
    },
}

impl Reply<'_> {
    /// The reply, its articles owned (as they are once read from a line).
    pub fn into_owned(self) -> Reply<'static> {
        match self {
            Reply::Articles { articles, read } => Reply::Articles {
                articles: Cow::Owned(articles.into_owned()),
                read,
            },
            Reply::Done { outcome, warnings } => Reply::Done { outcome, warnings },
        }
    }
}

/// [`Outcome`] with owned names, for the wire.
#[derive(Serialize, Deserialize)]
pub enum WireOutcome {
    Read {
        articles: usize,
        format: String,
        encoding: String,
        input_chars: usize,
        article_chars: usize,
        /// `(kind, lines, chars)` of the ledger's dropped text.
        dropped: Vec<(String, usize, usize)>,
        titles: (usize, usize),
        metadata: (usize, usize),
    },
    Skipped {
        reason: String,
    },
}

impl From<&Outcome> for WireOutcome {
    fn from(outcome: &Outcome) -> WireOutcome {
        match outcome {
            Outcome::Read {
                articles,
                format,
                encoding,
                input_chars,
                article_chars,
                ledger,
            } => WireOutcome::Read {
                articles: *articles,
                format: (*format).to_owned(),
                encoding: (*encoding).to_owned(),
                input_chars: *input_chars,
                article_chars: *article_chars,
                dropped: ledger
                    .dropped
                    .iter()
                    .map(|(kind, t)| ((*kind).to_owned(), t.lines, t.chars))
                    .collect(),
                titles: (ledger.titles.lines, ledger.titles.chars),
                metadata: (ledger.metadata.lines, ledger.metadata.chars),
            },
            Outcome::Skipped { reason } => WireOutcome::Skipped {
                reason: reason.clone(),
            },
        }
    }
}

impl WireOutcome {
    pub fn into_outcome(self) -> Outcome {
        match self {
            WireOutcome::Read {
                articles,
                format,
                encoding,
                input_chars,
                article_chars,
                dropped,
                titles,
                metadata,
            } => {
                let tally = |(lines, chars)| Tally { lines, chars };
                Outcome::Read {
                    articles,
                    format: intern(format),
                    encoding: intern(encoding),
                    input_chars,
                    article_chars,
                    ledger: Ledger {
                        dropped: dropped
                            .into_iter()
                            .map(|(kind, lines, chars)| (intern(kind), Tally { lines, chars }))
                            .collect(),
                        titles: tally(titles),
                        metadata: tally(metadata),
                    },
                }
            }
            WireOutcome::Skipped { reason } => Outcome::Skipped { reason },
        }
    }
}

/// The one `&'static str` of a name sent by a worker. Reports name formats, encodings and
/// kinds of dropped text by the program's own constants, a small closed set, so each distinct
/// name is leaked once and the memory stays bounded however many files are read.
fn intern(name: String) -> &'static str {
    static NAMES: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());
    let mut names = NAMES.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(&known) = names.get(name.as_str()) {
        return known;
    }
    let leaked: &'static str = Box::leak(name.into_boxed_str());
    names.insert(leaked);
    leaked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_cross_the_wire_unchanged() {
        let mut ledger = Ledger::default();
        ledger.dropped("page header", "머리말");
        ledger.title("제목");
        let outcome = Outcome::Read {
            articles: 2,
            format: "PDF",
            encoding: "text layer",
            input_chars: 9,
            article_chars: 4,
            ledger,
        };
        let wire = serde_json::to_string(&WireOutcome::from(&outcome)).unwrap();
        let back: WireOutcome = serde_json::from_str(&wire).unwrap();
        assert_eq!(back.into_outcome(), outcome);
    }
}
