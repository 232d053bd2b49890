//! Readings: per term, the articles where its letters are never read as the noun they spell
//! (kept with the term's postings list, see `postings`). 대한 is the name 大韓 alone, but in
//! "문제에 대한 우려" the verb 대하다; 사고 (accident) in "책을 사고" is 사 + 고 (buy and); 명의
//! (name) after a numeral, "6명의", "두 명의", is the counter 명 + 의. A [`ContextReader`] asks
//! the segmenter, as articles are added, how each such word reads between its neighbours;
//! search leaves those articles out of the word's matches (a phrase still finds them as
//! written: see `search::score`).

use std::sync::Arc;

use crate::fxhash::{FxMap, FxSet};
use crate::shape::Segmenter;
use crate::tokenize::Script;

/// One token of a text, as the context reader needs it: its term id and where it stands.
#[derive(Clone, Copy)]
pub(super) struct Placed {
    pub(super) id: u32,
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) hangul: bool,
    /// Written in digits (a numeral before a counter: 6명의, 6 명의).
    pub(super) number: bool,
}

/// Reads the words of the articles being added in their context (see the module doc).
pub(super) struct ContextReader {
    segmenter: &'static dyn Segmenter,
    readings: Readings,
    /// For a run indexed on its own thread: what the builder it joins had read when the run
    /// began, asked before the segmenter (see [`ContextReader::lend`]).
    known: Option<Arc<Known>>,
    /// For such a run: per term id, that builder's id for the term (`NO_WORD`: new to it).
    theirs: Vec<u32>,
}

/// What a context reader has read, by term id.
#[derive(Clone, Default)]
struct Readings {
    /// Per term id: whether it has been looked at.
    seen: Vec<bool>,
    /// The terms that may read otherwise, by id, with their text.
    candidates: FxMap<u32, String>,
    /// Whether a candidate reads otherwise between two neighbours (term ids; `NO_WORD`).
    decided: FxMap<(u32, u32, u32), bool>,
}

/// A builder's terms and readings, lent to the runs of a batch while they are indexed: a
/// word is read between two neighbours once in a build, not once in every run (the runs of
/// a batch start afresh, and a large archive is built in hundreds of them).
#[derive(Clone)]
pub(super) struct Known {
    term_ids: FxMap<String, u32>,
    readings: Readings,
}

/// No neighbour: the start or end of a text, punctuation, a number or a Latin word.
const NO_WORD: u32 = u32::MAX;

impl ContextReader {
    pub(super) fn new(segmenter: &'static dyn Segmenter) -> Self {
        ContextReader {
            segmenter,
            readings: Readings::default(),
            known: None,
            theirs: Vec::new(),
        }
    }

    /// A reader for a run that will join a builder which knows `known`.
    pub(super) fn for_run(segmenter: &'static dyn Segmenter, known: Option<Arc<Known>>) -> Self {
        ContextReader {
            known,
            ..ContextReader::new(segmenter)
        }
    }

    /// The segmenter it asks.
    pub(super) fn segmenter(&self) -> &'static dyn Segmenter {
        self.segmenter
    }

    /// Lends what this reader has read, with its builder's `term_ids`, to the runs of a batch
    /// (see [`ContextReader::for_run`]); [`ContextReader::take_back`] returns them.
    pub(super) fn lend(&mut self, term_ids: FxMap<String, u32>) -> Arc<Known> {
        Arc::new(Known {
            term_ids,
            readings: std::mem::take(&mut self.readings),
        })
    }

    /// Takes back what was lent once the runs are done with it; returns the terms' ids.
    pub(super) fn take_back(&mut self, known: Arc<Known>) -> FxMap<String, u32> {
        let known = Arc::try_unwrap(known).unwrap_or_else(|shared| Known::clone(&shared));
        self.readings = known.readings;
        known.term_ids
    }

    /// Lets go of what a run was lent (before its builder joins).
    pub(super) fn end_run(&mut self) {
        self.known = None;
        self.theirs = Vec::new();
    }

    /// Takes in what a run's reader read, its term ids renamed by `renamed`.
    pub(super) fn absorb(&mut self, run: ContextReader, renamed: &[u32]) {
        let here = |id: u32| {
            if id == NO_WORD {
                NO_WORD
            } else {
                renamed[id as usize]
            }
        };
        let mine = &mut self.readings;
        for (id, _) in run
            .readings
            .seen
            .iter()
            .enumerate()
            .filter(|(_, &seen)| seen)
        {
            let at = here(id as u32) as usize;
            if mine.seen.len() <= at {
                mine.seen.resize(at + 1, false);
            }
            mine.seen[at] = true;
        }
        for (id, term) in run.readings.candidates {
            mine.candidates.entry(here(id)).or_insert(term);
        }
        for ((before, id, after), reads) in run.readings.decided {
            mine.decided
                .entry((here(before), here(id), here(after)))
                .or_insert(reads);
        }
    }

    /// Notes term `id`, spelled `term` in `script`, the first time it is seen.
    pub(super) fn see(&mut self, id: u32, term: &str, script: Script) {
        let at = id as usize;
        if self.readings.seen.len() <= at {
            self.readings.seen.resize(at + 1, false);
        }
        if self.readings.seen[at] {
            return;
        }
        self.readings.seen[at] = true;
        let known = self.known.as_deref();
        let theirs = known
            .and_then(|k| k.term_ids.get(term).copied())
            .unwrap_or(NO_WORD);
        if known.is_some() {
            if self.theirs.len() <= at {
                self.theirs.resize(at + 1, NO_WORD);
            }
            self.theirs[at] = theirs;
        }
        let looked = known.filter(|k| k.readings.seen.get(theirs as usize) == Some(&true));
        let candidate = match looked {
            Some(known) => known.readings.candidates.contains_key(&theirs),
            None => script == Script::Hangul && self.segmenter.may_read_otherwise(term),
        };
        if candidate {
            self.readings.candidates.insert(id, term.to_owned());
        }
    }

    /// Whether the builder this run joins has read a candidate between these neighbours
    /// (this run's term ids), and how.
    fn known_reading(&self, (before, id, after): (u32, u32, u32)) -> Option<bool> {
        let known = self.known.as_deref()?;
        let theirs = |id: u32| match id {
            NO_WORD => Some(NO_WORD),
            id => self
                .theirs
                .get(id as usize)
                .copied()
                .filter(|&t| t != NO_WORD),
        };
        let key = (theirs(before)?, theirs(id)?, theirs(after)?);
        known.readings.decided.get(&key).copied()
    }

    /// Reads the candidates among one text's tokens between their neighbours (a neighbour
    /// counts when it is Hangul or a number in digits with only spaces or nothing between:
    /// after punctuation a word reads as at a start; 6명의, 221명의 10분의 1), adding their ids to `itself` where they read as the noun and to `otherwise`
    /// where not.
    pub(super) fn read_text(
        &mut self,
        text: &str,
        tokens: &[Placed],
        itself: &mut FxSet<u32>,
        otherwise: &mut FxSet<u32>,
    ) {
        let next_to = |a: &Placed, b: &Placed| {
            (a.hangul || a.number)
                && (b.hangul || b.number)
                && text[a.end..b.start].chars().all(char::is_whitespace)
        };
        let word = |t: Option<&Placed>| t.map_or(("", NO_WORD), |t| (&text[t.start..t.end], t.id));
        for (i, token) in tokens.iter().enumerate() {
            let Some(term) = self.readings.candidates.get(&token.id) else {
                continue;
            };
            let before = i
                .checked_sub(1)
                .map(|p| &tokens[p])
                .filter(|p| next_to(p, token));
            let after = tokens.get(i + 1).filter(|n| next_to(token, n));
            let ((before_text, before_id), (after_text, after_id)) = (word(before), word(after));
            let key = (before_id, token.id, after_id);
            let reads_otherwise = match self.readings.decided.get(&key) {
                Some(&reads) => reads,
                None => match self.known_reading(key) {
                    Some(reads) => reads,
                    None => {
                        let reads = self
                            .segmenter
                            .reads_otherwise(before_text, term, after_text);
                        self.readings.decided.insert(key, reads);
                        reads
                    }
                },
            };
            if reads_otherwise {
                otherwise.insert(token.id);
            } else {
                itself.insert(token.id);
            }
        }
    }
}
