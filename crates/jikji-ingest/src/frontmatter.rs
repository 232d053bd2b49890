//! Optional front matter at the top of a text file, which overrides what is inferred:
//!
//! ```text
//! ---
//! title: 중관춘 창업거리
//! source: 한경닷컴
//! date: 2018-04-02
//! ---
//! ```

use crate::dates::parse_date;

/// Metadata stated by the file itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub source: Option<String>,
    pub date: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    pub section: Option<String>,
    pub collection: Option<String>,
    /// Lines the container marks as photo captions (an e-mail's HTML alternative of its text
    /// part: the line under an image, a `<figcaption>`), which the text alone does not show.
    pub captions: Vec<String>,
}

/// Splits front matter off `text`. Returns it, the text after it, how many lines it took, and
/// warnings (each naming its line) for what could not be used.
pub fn split(text: &str) -> (FrontMatter, &str, u32, Vec<String>) {
    let mut fm = FrontMatter::default();
    let mut warnings = Vec::new();
    let mut lines = text.split_inclusive('\n');
    let Some(first) = lines.next().filter(|l| l.trim_end() == "---") else {
        return (fm, text, 0, warnings);
    };
    let mut consumed = first.len();
    let mut entries = Vec::new();
    let mut closed = false;
    for (i, line) in lines.enumerate() {
        consumed += line.len();
        let number = i as u32 + 2;
        let trimmed = line.trim();
        if trimmed == "---" {
            closed = true;
            break;
        }
        entries.push((number, trimmed.to_owned()));
    }
    if !closed {
        warnings.push("line 1: front matter opened with --- is never closed; read as text".into());
        return (FrontMatter::default(), text, 0, warnings);
    }
    for (number, entry) in entries {
        if entry.is_empty() || entry.starts_with('#') {
            continue;
        }
        let Some((key, value)) = entry.split_once(':') else {
            warnings.push(format!(
                "line {number}: front matter line is not `key: value`: {entry}"
            ));
            continue;
        };
        let value = value
            .trim()
            .trim_matches(|c| c == '"' || c == '\'')
            .to_owned();
        if value.is_empty() {
            continue;
        }
        let slot = match key.trim().to_lowercase().as_str() {
            "title" | "제목" => &mut fm.title,
            "source" | "출처" | "매체" => &mut fm.source,
            "author" | "byline" | "기자" | "작성자" => &mut fm.author,
            "url" | "link" => &mut fm.url,
            "section" | "섹션" => &mut fm.section,
            "collection" => &mut fm.collection,
            "date" | "날짜" | "작성일" => {
                match parse_date(&value) {
                    Some(iso) => fm.date = Some(iso),
                    None => warnings.push(format!(
                        "line {number}: front matter date {value:?} is not a date (expected YYYY-MM-DD); ignored"
                    )),
                }
                continue;
            }
            other => {
                warnings.push(format!(
                    "line {number}: unknown front matter key {other:?}; ignored"
                ));
                continue;
            }
        };
        *slot = Some(value);
    }
    let line_count = text[..consumed].matches('\n').count() as u32;
    (fm, &text[consumed.min(text.len())..], line_count, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_keys_and_returns_the_rest() {
        let text =
            "---\ntitle: 제목입니다\nsource: \"한경닷컴\"\ndate: 2018.4.2\n---\n본문 첫 줄\n";
        let (fm, rest, lines, warnings) = split(text);
        assert_eq!(fm.title.as_deref(), Some("제목입니다"));
        assert_eq!(fm.source.as_deref(), Some("한경닷컴"));
        assert_eq!(fm.date.as_deref(), Some("2018-04-02"));
        assert_eq!(rest, "본문 첫 줄\n");
        assert_eq!(lines, 5);
        assert!(warnings.is_empty());
    }

    #[test]
    fn a_malformed_date_is_reported_with_its_line_and_ignored() {
        let (fm, _, _, warnings) = split("---\ntitle: t\ndate: 2020-13-45\n---\nbody");
        assert_eq!(fm.date, None);
        assert_eq!(fm.title.as_deref(), Some("t"));
        assert!(
            warnings[0].starts_with("line 3:") && warnings[0].contains("2020-13-45"),
            "{warnings:?}"
        );
    }

    #[test]
    fn odd_spaces_after_the_fences_are_fine() {
        let (fm, rest, _, _) = split("---\u{A0}\ntitle: t\n---\u{A0}\nbody");
        assert_eq!((fm.title.as_deref(), rest), (Some("t"), "body"));
    }

    #[test]
    fn text_without_front_matter_is_untouched() {
        let (fm, rest, lines, _) = split("제목\n---\n본문");
        assert_eq!(
            (fm, rest, lines),
            (FrontMatter::default(), "제목\n---\n본문", 0)
        );
        let (_, rest, _, warnings) = split("---\ntitle: never closed\n");
        assert_eq!(rest, "---\ntitle: never closed\n");
        assert!(warnings[0].contains("never closed"));
    }
}
