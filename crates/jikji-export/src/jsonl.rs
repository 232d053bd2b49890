//! JSON Lines: one JSON object an article, a line each, for scripts and data tools.

use serde::Serialize;

use crate::{Entry, Text};

/// One line's object. Absent values are `null`, so every line has the same keys.
#[derive(Serialize)]
struct Line<'a> {
    id: &'a str,
    title: &'a str,
    source: Option<&'a str>,
    date: Option<&'a str>,
    section: Option<&'a str>,
    collection: Option<&'a str>,
    author: Option<&'a str>,
    url: Option<&'a str>,
    file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<Option<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<Option<&'a str>>,
}

/// The entries as JSON Lines: `{"id", "title", "source", "date", "section", "collection",
/// "author", "url", "file", "snippet"}` (`"text"`, the whole body, in place of `"snippet"`
/// with [`Text::Full`]), each line ended by `\n`.
pub fn json_lines(entries: &[Entry], text: Text) -> String {
    let mut out = String::new();
    for entry in entries {
        let a = entry.article;
        let body = entry.text(text);
        let line = Line {
            id: &a.id,
            title: &a.title,
            source: a.source.as_deref(),
            date: a.date.as_deref(),
            section: a.section.as_deref(),
            collection: a.collection.as_deref(),
            author: a.author.as_deref(),
            url: a.url.as_deref(),
            file: entry.file(),
            snippet: (text == Text::Snippet).then_some(body),
            text: (text == Text::Full).then_some(body),
        };
        out.push_str(&serde_json::to_string(&line).expect("strings serialise"));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::article;
    use serde_json::Value;

    #[test]
    fn one_object_a_line_with_every_key() {
        let a = article();
        let mut b = article();
        b.id = "b".into();
        b.title = "줄\n바꿈 \u{2028}".into();
        b.source = None;
        let entries = [
            Entry {
                article: &a,
                snippet: Some("첫 문단"),
            },
            Entry::of(&b),
        ];
        let out = json_lines(&entries, Text::Snippet);
        let lines: Vec<Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["title"], "중관춘 창업거리, 화웨이 칩 금지");
        assert_eq!(lines[0]["file"], "003_f0ea3dc2add15f79.txt");
        assert_eq!(lines[0]["snippet"], "첫 문단");
        assert_eq!(lines[1]["title"], "줄\n바꿈 \u{2028}");
        assert_eq!(lines[1]["source"], Value::Null);
        assert_eq!(lines[1]["snippet"], Value::Null);
        assert!(lines[1].get("text").is_none());
        let full = json_lines(&entries[..1], Text::Full);
        let line: Value = serde_json::from_str(full.trim_end()).unwrap();
        assert_eq!(line["text"], "첫 문단.\n\n둘째 문단.");
        assert!(line.get("snippet").is_none());
    }
}
