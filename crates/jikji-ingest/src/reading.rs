//! One contract for every format reader: [`read`] turns a file's bytes, by its [`Format`], into
//! one [`Reading`] — the articles, how the text was encoded, the characters read, the
//! [`Ledger`] of every other character, the warnings, and where its lines are ([`Located`]) —
//! or a typed [`Skip`] saying why the file gives nothing. `ingest_file` only dispatches to it
//! and finishes what every reading gets (the document format, text kept in no article, the
//! accounting check).
//!
//! Readers that yield text (plain text, PDF, e-mail, Word and Hangul documents) hand it to the
//! text pipeline ([`crate::text_articles_laid_out`], through [`formats::document`] for
//! documents); readers that yield structure (records, saved pages, feeds) make their articles
//! themselves, but for a saved page that is a collection of attributed articles, whose text
//! goes to the text pipeline as an e-mail's does.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use jikji_engine::Article;

use crate::formats::{self, Format};
use crate::{
    attributed, clean, decode, ink, newsletter, structured, text_articles, text_articles_laid_out,
    unplaced, Ledger,
};

/// A file's names as the articles carry them: its label (the file name, in ids' origins) and
/// its stem (the ids' prefix).
#[derive(Clone, Debug)]
pub struct Names {
    pub label: String,
    pub stem: String,
}

impl Names {
    pub fn of(path: &Path) -> Self {
        let label = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let stem = path
            .file_stem()
            .map_or_else(|| label.clone(), |s| s.to_string_lossy().into_owned());
        Names { label, stem }
    }
}

/// What a reader made of a file.
#[derive(Debug)]
pub struct Reading {
    pub articles: Vec<Article>,
    /// How the text was encoded ("UTF-8", "CP949/EUC-KR", a PDF's "text layer", …).
    pub encoding: &'static str,
    /// Characters (whitespace aside) read: the text's, or a record file's field values.
    pub input_chars: usize,
    pub ledger: Ledger,
    pub warnings: Vec<String>,
    pub located: Located,
}

/// Where a reading's articles' line spans count, to say where text kept in no article is.
#[derive(Debug)]
pub enum Located {
    /// The text the spans count in, and what its lines are called ("lines", "body lines").
    Lines { text: String, what: &'static str },
    /// A PDF's extracted text and the line each page starts on.
    Pages { text: String, page_lines: Vec<u32> },
    /// No lines to name (records, a page's or a feed's structure, a document's blocks).
    Unknown,
}

impl Located {
    pub fn place(&self) -> unplaced::Place<'_> {
        match self {
            Located::Lines { text, what } => unplaced::Place::Lines { text, what },
            Located::Pages { text, page_lines } => unplaced::Place::Pages { text, page_lines },
            Located::Unknown => unplaced::Place::Unknown,
        }
    }
}

/// Why a file gives no articles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Skip {
    /// The file could not be opened or read (the system's reason).
    Unreadable(String),
    /// Its reader refused it, in the reader's words (damaged, locked, scanned, not text…),
    /// with the warnings it had by then.
    Refused {
        reason: String,
        warnings: Vec<String>,
    },
    /// Read, but it holds no article (only furniture, or empty records): `chars`, the
    /// characters of text it held, all of them outside any article.
    NoArticle { chars: usize, warnings: Vec<String> },
}

impl Skip {
    fn refused(reason: String) -> Self {
        Skip::Refused {
            reason,
            warnings: Vec::new(),
        }
    }

    /// The warnings the reader had when it gave up.
    pub fn into_warnings(self) -> Vec<String> {
        match self {
            Skip::Unreadable(_) => Vec::new(),
            Skip::Refused { warnings, .. } | Skip::NoArticle { warnings, .. } => warnings,
        }
    }
}

impl fmt::Display for Skip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Skip::Unreadable(e) => write!(f, "cannot read: {e}"),
            Skip::Refused { reason, .. } => f.write_str(reason),
            Skip::NoArticle { chars: 0, .. } => {
                f.write_str("no article found (only furniture or empty records)")
            }
            // Text that ends in no article is said to, with how much there was.
            Skip::NoArticle { chars, .. } => write!(
                f,
                "no article found: {} characters of text kept in no article (only furniture or empty records)",
                crate::unplaced::thousands(*chars)
            ),
        }
    }
}

impl std::error::Error for Skip {}

/// Reads a file's bytes by its format.
pub fn read(format: Format, bytes: Vec<u8>, names: &Names) -> Result<Reading, Skip> {
    match format {
        Format::Text | Format::Json | Format::Csv => text_or_records(format, bytes, names),
        Format::Pdf => pdf(&bytes, names),
        Format::Email => email(&bytes, names),
        Format::Mbox => mbox(&bytes, names),
        Format::Docx | Format::Odt | Format::Hwpx | Format::Hwp => document(format, &bytes, names),
        Format::Html | Format::Mhtml | Format::Feed => page(format, &bytes, names),
    }
}

/// A text file (the text pipeline), or JSON and CSV records.
fn text_or_records(format: Format, bytes: Vec<u8>, names: &Names) -> Result<Reading, Skip> {
    // The bytes are the text's from here on (not held twice).
    let decoded = decode::decode_owned(bytes).map_err(Skip::refused)?;
    let mut warnings = decoded.warnings;
    let mut ledger = Ledger::default();
    if format == Format::Text {
        let input_chars = ink(&decoded.text);
        let (articles, more) = text_articles(&names.label, &names.stem, &decoded.text, &mut ledger);
        warnings.extend(more);
        return Ok(Reading {
            articles,
            encoding: decoded.encoding,
            input_chars,
            ledger,
            warnings,
            located: Located::Lines {
                text: decoded.text,
                what: "lines",
            },
        });
    }
    let records = if format == Format::Csv {
        structured::from_csv(&names.label, &names.stem, &decoded.text)
    } else {
        structured::from_json(&names.label, &names.stem, &decoded.text)
    };
    let records = match records {
        Ok(records) => records,
        Err(reason) => return Err(Skip::Refused { reason, warnings }),
    };
    warnings.extend(records.warnings);
    Ok(Reading {
        articles: records.articles,
        encoding: decoded.encoding,
        input_chars: records.value_chars,
        ledger: records.ledger,
        warnings,
        located: Located::Unknown,
    })
}

/// A PDF's text layer, through the text pipeline.
fn pdf(bytes: &[u8], names: &Names) -> Result<Reading, Skip> {
    let extracted = formats::pdf::extract(bytes).map_err(Skip::refused)?;
    let mut ledger = extracted.ledger;
    let mut warnings = extracted.warnings;
    let (articles, more) = text_articles_laid_out(
        &names.label,
        &names.stem,
        &extracted.text,
        Some(clean::Wrapping::OnePerLine),
        None,
        &mut ledger,
    );
    warnings.extend(more);
    Ok(Reading {
        articles,
        encoding: extracted.encoding,
        input_chars: extracted.input_chars,
        ledger,
        warnings,
        located: Located::Pages {
            text: extracted.text,
            page_lines: extracted.page_lines,
        },
    })
}

/// An e-mail's body through the text pipeline, with its subject, sender and date given.
fn email(bytes: &[u8], names: &Names) -> Result<Reading, Skip> {
    let mut mail = formats::mail::read(bytes).map_err(Skip::refused)?;
    if !mail.digest.is_empty() {
        return Ok(digest(mail, names));
    }
    let mut ledger = mail.ledger;
    let mut warnings = mail.warnings;
    let input_chars = ink(&mail.text) + mail.header_chars + mail.dropped_chars;
    // A body that opens with the subject again: the subject is its title — unless that line
    // is a newsletter's masthead (its name and issue number), which the splitter needs to see
    // the issue.
    // A subject may carry the mailing's tag before the title the body opens with ("[매체
    // 뉴스레터] 제목" over "제목"): the body's line is then the title.
    let mut text = mail.text.as_str();
    let issue = newsletter::detect(&clean::lines(text, 1)).is_some();
    if let Some(subject) = mail.subject.as_ref().filter(|_| !issue) {
        let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        let repeats = |s: &str| clean::key(first) == clean::key(s);
        if repeats(subject) || untagged(subject).is_some_and(repeats) {
            ledger.dropped("repeated text", first);
            mail.given.title = Some(clean::collapse_spaces(first));
            let at = text.find(first).unwrap_or(0) + first.len();
            text = &text[at..];
        }
    }
    let (articles, more) = text_articles_laid_out(
        &names.label,
        &names.stem,
        text,
        mail.wrapping,
        Some(&mail.given),
        &mut ledger,
    );
    warnings.extend(more);
    if let Some(subject) = &mail.subject {
        if articles.len() == 1 && Some(&articles[0].title) == mail.given.title.as_ref() {
            ledger.title(subject);
        } else {
            ledger.metadata(subject);
        }
    }
    Ok(Reading {
        articles,
        encoding: mail.encoding,
        input_chars,
        ledger,
        warnings,
        located: Located::Lines {
            text: text.to_owned(),
            what: "body lines",
        },
    })
}

/// A subject less the tag opening it (`[매체 뉴스레터] 제목`, `(광고) 제목`, `【속보】 제목`):
/// `None` when it opens with none, or is nothing else.
fn untagged(subject: &str) -> Option<&str> {
    let subject = subject.trim_start();
    let close = match subject.chars().next()? {
        '[' => ']',
        '(' => ')',
        '【' => '】',
        '<' => '>',
        '〔' => '〕',
        _ => return None,
    };
    let rest = subject[subject.find(close)? + close.len_utf8()..].trim();
    (!rest.is_empty()).then_some(rest)
}

/// An mbox's messages, each read as an e-mail file is ([`email`]), their articles in order and
/// their ledgers and warnings together (a warning saying which message it is about). A message
/// that cannot be read is a warning, its text counted in no reading.
fn mbox(bytes: &[u8], names: &Names) -> Result<Reading, Skip> {
    let mut messages = formats::mail::mbox_messages(bytes);
    if messages.is_empty() {
        return Err(Skip::refused("damaged mbox: no message".into()));
    }
    let mut warnings = Vec::new();
    if messages.len() > formats::mail::MAX_MBOX_MESSAGES {
        warnings.push(format!(
            "{} messages: only the first {} read",
            messages.len(),
            formats::mail::MAX_MBOX_MESSAGES
        ));
        messages.truncate(formats::mail::MAX_MBOX_MESSAGES);
    }
    let mut all = Reading {
        articles: Vec::new(),
        encoding: "",
        input_chars: 0,
        ledger: Ledger::default(),
        warnings,
        located: Located::Unknown,
    };
    for (k, message) in messages.iter().enumerate() {
        let one = Names {
            label: names.label.clone(),
            stem: format!("{}-{:02}", names.stem, k + 1),
        };
        match email(message, &one) {
            Ok(reading) => {
                all.encoding = match all.encoding {
                    "" => reading.encoding,
                    same if same == reading.encoding => same,
                    _ => "several encodings",
                };
                all.articles.extend(reading.articles);
                all.input_chars += reading.input_chars;
                all.ledger.absorb(reading.ledger);
                let at = |w: String| format!("message {}: {w}", k + 1);
                all.warnings.extend(reading.warnings.into_iter().map(at));
            }
            Err(skip) => all
                .warnings
                .push(format!("message {}: skipped: {skip}", k + 1)),
        }
    }
    Ok(all)
}

/// A digest's articles, one a message it carries, each read as a one-message e-mail is (its
/// headers fill what its text does not state). The digest's own body is its contents when
/// most of its lines name the messages' subjects (dropped as such), else metadata; its own
/// subject, sender and date are metadata.
fn digest(mail: formats::mail::Mail, names: &Names) -> Reading {
    let mut ledger = mail.ledger;
    let mut warnings = mail.warnings;
    let mut input_chars = ink(&mail.text) + mail.header_chars + mail.dropped_chars;
    if let Some(subject) = &mail.subject {
        ledger.metadata(subject);
    }
    let subjects: Vec<String> = mail
        .digest
        .iter()
        .filter_map(|m| m.given.title.as_deref().map(clean::key))
        .collect();
    let lines: Vec<&str> = mail.text.lines().filter(|l| ink(l) > 0).collect();
    let naming = lines
        .iter()
        .filter(|l| {
            let k = clean::key(l);
            subjects
                .iter()
                .any(|s| !s.is_empty() && k.contains(s.as_str()))
        })
        .count();
    for line in &lines {
        if naming * 2 >= lines.len() {
            ledger.dropped("digest contents", line);
        } else {
            ledger.metadata(line);
        }
    }
    let mut articles = Vec::new();
    for (k, message) in mail.digest.iter().enumerate() {
        input_chars += ink(&message.text) + message.header_chars;
        let stem = format!("{}-{:02}", names.stem, k + 1);
        let (found, more) = text_articles_laid_out(
            &names.label,
            &stem,
            &message.text,
            None,
            Some(&message.given),
            &mut ledger,
        );
        warnings.extend(more);
        let given = &message.given;
        if let Some(title) = &given.title {
            if found.len() == 1 && found[0].title == *title {
                ledger.title(title);
            } else {
                ledger.metadata(title);
            }
        }
        for value in [&given.source, &given.date].into_iter().flatten() {
            ledger.metadata(value);
        }
        articles.extend(found);
    }
    Reading {
        articles,
        encoding: mail.encoding,
        input_chars,
        ledger,
        warnings,
        located: Located::Unknown,
    }
}

/// A Word, OpenDocument or Hangul document's blocks, and a DOCX's or ODT's notes, comments,
/// headers and footers.
fn document(format: Format, bytes: &[u8], names: &Names) -> Result<Reading, Skip> {
    let (blocks, asides) = match format {
        Format::Docx => formats::docx::read(bytes),
        Format::Odt => formats::odt::read(bytes),
        _ => formats::hwp::read(bytes, format == Format::Hwpx).map(|b| (b, Vec::new())),
    }
    .map_err(Skip::refused)?;
    let mut ledger = Ledger::default();
    let blocks = formats::document::normalized(blocks, &mut ledger);
    let labels = ledger.total_dropped().chars;
    let encoding = if format == Format::Hwp {
        "HWP 5 (UTF-16)"
    } else {
        "UTF-8 XML"
    };
    let (articles, mut warnings) =
        formats::document::articles(&blocks, &names.label, &names.stem, &mut ledger);
    let input_chars = formats::document::chars(&blocks)
        + labels
        + count_asides(&asides, &mut ledger, &mut warnings);
    Ok(Reading {
        articles,
        encoding,
        input_chars,
        ledger,
        warnings,
        located: Located::Unknown,
    })
}

/// A saved page (HTML or MHTML) or a feed, read by its structure.
fn page(format: Format, bytes: &[u8], names: &Names) -> Result<Reading, Skip> {
    let (page, encoding) = match format {
        Format::Feed => {
            let (text, charset) = formats::feed::decode(bytes);
            (
                formats::feed::read(&text, &names.label, &names.stem),
                charset,
            )
        }
        Format::Html => {
            let (html, charset) = formats::html::decode(bytes);
            if let Some(reading) = collection_page(&html, charset, names) {
                return Ok(reading);
            }
            let page = formats::html::read(&html, &names.label, &names.stem, format.name());
            (page, charset)
        }
        _ => {
            let html = formats::html::mhtml_html(bytes);
            if let Some(reading) = html
                .as_ref()
                .ok()
                .and_then(|(html, _)| collection_page(html, "MIME", names))
            {
                return Ok(reading);
            }
            let page = html.and_then(|(html, _)| {
                formats::html::read(&html, &names.label, &names.stem, format.name())
            });
            (page, "MIME")
        }
    };
    let page = page.map_err(Skip::refused)?;
    Ok(Reading {
        articles: page.articles,
        encoding,
        input_chars: page.input_chars,
        ledger: page.ledger,
        warnings: page.warnings,
        located: Located::Unknown,
    })
}

/// A saved page that is a collection of attributed articles (a clipping service's export, a
/// newsletter saved from the web): its visible text through the text pipeline, which splits
/// it as it splits an e-mail's, its captions known by the markup. `None` for a page of one article, read by its structure.
fn collection_page(html: &str, encoding: &'static str, names: &Names) -> Option<Reading> {
    let mut ledger = Ledger::default();
    let (text, input_chars) = formats::html::page_lines(html, &mut ledger);
    if !attributed::splits(&clean::lines(&text, 1)) {
        return None;
    }
    // The markup tells which lines are photo captions (a `<figcaption>`, the line under an
    // image), as an e-mail's HTML alternative tells its text part.
    let given = crate::frontmatter::FrontMatter {
        captions: formats::html::caption_lines(html),
        ..Default::default()
    };
    let (articles, warnings) = text_articles_laid_out(
        &names.label,
        &names.stem,
        &text,
        Some(clean::Wrapping::OnePerLine),
        Some(&given),
        &mut ledger,
    );
    (articles.len() > 1).then_some(Reading {
        articles,
        encoding,
        input_chars,
        ledger,
        warnings,
        located: Located::Lines {
            text,
            what: "lines of the page's text",
        },
    })
}

/// Puts a document's footnotes, comments, page headers and footers ([`formats::docx::asides`])
/// in the ledger by kind, with a warning for the kinds that hold text a reader may miss
/// (footnotes, endnotes, comments); returns their characters.
fn count_asides(
    asides: &[(&'static str, String)],
    ledger: &mut Ledger,
    warnings: &mut Vec<String>,
) -> usize {
    let mut by_kind: BTreeMap<&'static str, (usize, usize)> = BTreeMap::new();
    for (kind, text) in asides {
        let chars = ink(text);
        if chars > 0 {
            ledger.dropped(kind, text);
            let entry = by_kind.entry(kind).or_default();
            entry.0 += 1;
            entry.1 += chars;
        }
    }
    for (kind, (n, chars)) in &by_kind {
        if !matches!(*kind, "page header" | "page footer") {
            warnings.push(format!(
                "{n} {kind}(s) not read into the articles: {chars} characters, counted as dropped"
            ));
        }
    }
    by_kind.values().map(|(_, chars)| chars).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_skip_says_why_in_the_reports_words() {
        assert_eq!(
            Skip::Unreadable("permission denied".into()).to_string(),
            "cannot read: permission denied"
        );
        let refused = Skip::Refused {
            reason: "damaged e-mail".into(),
            warnings: vec!["line 3: bad byte".into()],
        };
        assert_eq!(refused.to_string(), "damaged e-mail");
        assert_eq!(refused.into_warnings(), ["line 3: bad byte"]);
        assert_eq!(
            Skip::NoArticle {
                chars: 0,
                warnings: vec![]
            }
            .to_string(),
            "no article found (only furniture or empty records)"
        );
        assert_eq!(
            Skip::NoArticle {
                chars: 1234,
                warnings: vec![]
            }
            .to_string(),
            "no article found: 1,234 characters of text kept in no article (only furniture or empty records)"
        );
    }

    #[test]
    fn every_format_reads_through_one_contract() {
        let names = Names {
            label: "a.txt".into(),
            stem: "a".into(),
        };
        let text = "제목\n\n본문은 이렇게 길게 이어지며 마침표로 끝나는 문장으로 되어 있는 한 문단입니다.\n";
        let reading = read(Format::Text, text.as_bytes().to_vec(), &names).unwrap();
        assert_eq!(reading.articles.len(), 1);
        assert_eq!(reading.encoding, "UTF-8");
        assert_eq!(
            reading.input_chars,
            crate::article_ink(&reading.articles) + reading.ledger.chars()
        );
        assert!(matches!(
            reading.located,
            Located::Lines { what: "lines", .. }
        ));
        let skip = read(Format::Pdf, b"%PDF-1.4 cut".to_vec(), &names).unwrap_err();
        assert!(matches!(skip, Skip::Refused { .. }), "{skip}");
    }
}
