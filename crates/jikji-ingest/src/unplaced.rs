//! Text kept in no article: when a file's "metadata" holds more than its articles' titles,
//! sources, dates and bylines and its own header can take, it is body text the splitter did
//! not place (a newsletter's article it did not find), which nobody could search or read. The
//! ledger still accounts for it, so the sums hold; this is what makes it a warning, with where
//! it is, instead of a silence.
//!
//! The threshold: a file's header (a newsletter's masthead, an e-mail's sender and date, front
//! matter) takes up to [`METADATA_PER_FILE`] characters, and each article's attribution (its
//! source, date and byline line: "그린데일리 한서윤 기자 seoyun@greendaily.example" is 35) up
//! to [`METADATA_PER_ARTICLE`]. The seeds, the format fixtures and the furniture fixtures stay
//! under it (the most, 244, is a 40-article newsletter's header and bylines; a saved page's
//! byline and dateline take about 50); a paragraph or two of text left out is over it. Where
//! the text is comes from the lines of the file's text that no article's span covers and that
//! read as prose (at least [`PROSE_CHARS`] characters, ending as a sentence ends): line numbers
//! of the text, or pages for a PDF.

use jikji_engine::Article;

use crate::Ledger;

/// Metadata characters a file's own header may take.
pub const METADATA_PER_FILE: usize = 200;
/// Metadata characters each article's attribution may take.
pub const METADATA_PER_ARTICLE: usize = 50;
/// A line outside every article with at least this many characters (whitespace aside) that
/// ends as a sentence does is prose, where the text kept in no article is looked for (a table
/// of contents' entry, a masthead or a date line is not).
pub const PROSE_CHARS: usize = 20;
/// At most this many places are named; the rest are summed up as "…".
const MAX_PLACES: usize = 4;

/// How much metadata a file of `articles` articles may hold before it is text kept in no
/// article.
pub fn allowance(articles: usize) -> usize {
    METADATA_PER_FILE + METADATA_PER_ARTICLE * articles
}

/// The metadata characters of a file that are text kept in no article, or `None` when they
/// are within the [`allowance`].
pub fn excess(ledger: &Ledger, articles: usize) -> Option<usize> {
    (ledger.metadata.chars > allowance(articles)).then_some(ledger.metadata.chars)
}

/// Where a file's text can be pointed at.
#[derive(Clone, Copy, Debug)]
pub enum Place<'a> {
    /// The text the articles' line spans count in (`what` names it: "lines", "body lines").
    Lines { text: &'a str, what: &'static str },
    /// A PDF's extracted text, and the line each page starts on.
    Pages {
        text: &'a str,
        page_lines: &'a [u32],
    },
    /// No lines to name (a page's or a feed's structure).
    Unknown,
}

/// The warning for a file whose metadata is over the allowance, naming where the text is.
pub fn warning(ledger: &Ledger, articles: &[Article], place: Place) -> Option<String> {
    let chars = excess(ledger, articles.len())?;
    let spans = match place {
        Place::Lines { text, .. } | Place::Pages { text, .. } => prose_outside(text, articles),
        Place::Unknown => Vec::new(),
    };
    let mut warning = format!(
        "{} characters of text kept in no article (kept as metadata: more than the {} a header and {} article(s)' sources, dates and bylines take)",
        thousands(chars),
        thousands(allowance(articles.len())),
        articles.len()
    );
    if !spans.is_empty() {
        warning.push_str(" — ");
        warning.push_str(&name_spans(&spans, place));
    }
    Some(warning)
}

/// Runs of prose lines (1-based, first and last) that no article's span covers; lines a
/// short gap apart (a heading, a blank) are one run.
fn prose_outside(text: &str, articles: &[Article]) -> Vec<(u32, u32)> {
    let spans: Vec<(u32, u32)> = articles
        .iter()
        .filter_map(|a| a.origin.as_ref())
        .map(|o| (o.line_start, o.line_end))
        .collect();
    let covered = |n: u32| spans.iter().any(|&(a, b)| a <= n && n <= b);
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let n = i as u32 + 1;
        if covered(n) || !is_prose(line) {
            continue;
        }
        match runs.last_mut() {
            Some(run) if n <= run.1 + 3 => run.1 = n,
            _ => runs.push((n, n)),
        }
    }
    runs
}

/// Whether a line reads as prose: long enough, and ending as a Korean or English sentence ends.
fn is_prose(line: &str) -> bool {
    let end = line.trim_end();
    crate::ink(end) >= PROSE_CHARS
        && end.ends_with(['.', '?', '!', '다', '요', '…', '"', '”', '’', '」'])
}

/// "lines 40–88, 120–130" or "p.2–3".
fn name_spans(spans: &[(u32, u32)], place: Place) -> String {
    let range = |a: u32, b: u32| {
        if a == b {
            a.to_string()
        } else {
            format!("{a}–{b}")
        }
    };
    let mut named: Vec<String> = match place {
        Place::Pages { page_lines, .. } => {
            let page = |line: u32| {
                page_lines
                    .iter()
                    .filter(|&&start| start <= line)
                    .count()
                    .max(1) as u32
            };
            let mut pages: Vec<(u32, u32)> = Vec::new();
            for &(a, b) in spans {
                let (a, b) = (page(a), page(b));
                match pages.last_mut() {
                    Some(last) if a <= last.1 + 1 => last.1 = last.1.max(b),
                    _ => pages.push((a, b)),
                }
            }
            let named = pages.iter().map(|&(a, b)| range(a, b)).collect::<Vec<_>>();
            return format!("p.{}", named.join(", "));
        }
        _ => spans
            .iter()
            .take(MAX_PLACES)
            .map(|&(a, b)| range(a, b))
            .collect(),
    };
    if spans.len() > MAX_PLACES {
        named.push("…".into());
    }
    let what = match place {
        Place::Lines { what, .. } => what,
        _ => "lines",
    };
    format!("{what} {}", named.join(", "))
}

/// 1233 → "1,233".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jikji_engine::Origin;

    fn article(start: u32, end: u32) -> Article {
        let mut a = Article::new("a", "제목", "본문");
        a.origin = Some(Origin {
            file: "f".into(),
            line_start: start,
            line_end: end,
            format: None,
        });
        a
    }

    #[test]
    fn names_the_prose_lines_outside_every_article() {
        let prose = "이 줄은 어느 기사에도 들지 않은 본문 문장으로 충분히 깁니다.";
        assert!(
            is_prose(prose) && !is_prose("▶ 폭염 속 텃밭, 물은 아침에 (도시농업신문, 2023.8.28)")
        );
        let mut lines = ["머리말"; 10];
        lines[4] = prose;
        lines[5] = prose;
        lines[7] = prose;
        let text = lines.join("\n");
        let mut ledger = Ledger::default();
        ledger.metadata.chars = 900;
        let w = warning(
            &ledger,
            &[article(1, 3)],
            Place::Lines {
                text: &text,
                what: "lines",
            },
        )
        .unwrap();
        assert!(
            w.starts_with("900 characters of text kept in no article"),
            "{w}"
        );
        assert!(w.ends_with("— lines 5–8"), "{w}");
        let pages = [1, 5, 8];
        let w = warning(
            &ledger,
            &[article(1, 3)],
            Place::Pages {
                text: &text,
                page_lines: &pages,
            },
        )
        .unwrap();
        assert!(w.ends_with("— p.2–3"), "{w}");
        ledger.metadata.chars = 250;
        assert_eq!(warning(&ledger, &[article(1, 3)], Place::Unknown), None);
        assert_eq!(thousands(1233), "1,233");
        assert_eq!(thousands(999), "999");
    }
}
