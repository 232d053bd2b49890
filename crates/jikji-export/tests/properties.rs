//! Properties of every writer over arbitrary text (control characters, quotes, braces, TeX
//! specials, Hangul): what a parser of the format reads back, or what would break it, never
//! happens.

use jikji_engine::Article;
use jikji_export::{bibtex, bibtex_escape, csv, neutralise, ris, Entry, Options, Text};
use proptest::prelude::*;

/// Text mixing what the formats treat specially with Hangul and plain letters.
fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            proptest::sample::select(vec![
                '=', '+', '-', '@', '\t', '\r', '\n', '"', ',', '{', '}', '\\', '%', '&', '#', '_',
                '$', '~', '^', '`', '\'', '<', '>', '!', '?', ' ', '\u{0}', '\u{1b}', '\u{2028}',
            ]),
            proptest::sample::select(vec!['중', '관', '춘', 'a', 'Z', '7', '中']),
        ],
        0..24,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

fn article(id: String, title: String, source: String) -> Article {
    let mut a = Article::new(id, title, "본문");
    a.source = Some(source);
    a.date = Some("2020-08-26".into());
    a
}

proptest! {
    #[test]
    fn csv_reads_back_as_the_neutralised_cells(title in text(), source in text(), snippet in text()) {
        let a = article("id".into(), title.clone(), source.clone());
        let out = csv(&[Entry { article: &a, snippet: Some(&snippet) }], Text::Snippet);
        let body = out.strip_prefix('\u{feff}').unwrap();
        let rows: Vec<Vec<String>> = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(body.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect();
        prop_assert_eq!(rows.len(), 2);
        prop_assert_eq!(&rows[1][1], &neutralise(&title).into_owned());
        prop_assert_eq!(&rows[1][2], &neutralise(&source).into_owned());
        let want = if snippet.trim().is_empty() { String::new() } else { neutralise(&snippet).into_owned() };
        prop_assert_eq!(&rows[1][6], &want);
        for cell in &rows[1] {
            prop_assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{:?}", cell);
        }
    }

    #[test]
    fn bibtex_fields_keep_their_braces_balanced_and_specials_escaped(value in text()) {
        let escaped = bibtex_escape(&value);
        let mut depth = 0i32;
        for c in escaped.chars() {
            depth += match c { '{' => 1, '}' => -1, _ => 0 };
            prop_assert!(depth >= 0, "{:?}", escaped);
        }
        prop_assert_eq!(depth, 0);
        let chars: Vec<char> = escaped.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            if "%&#_$".contains(c) {
                prop_assert!(i > 0 && chars[i - 1] == '\\', "{:?}", escaped);
            }
            prop_assert!(c == '\n' || !c.is_control(), "{:?}", escaped);
        }
        prop_assert!(!escaped.contains("--") && !escaped.contains("``") && !escaped.contains("''"));
    }

    #[test]
    fn bibtex_keys_and_records_hold_for_any_ids(ids in proptest::collection::vec(text(), 1..6)) {
        let articles: Vec<Article> = ids.iter().map(|id| article(id.clone(), "t".into(), "s".into())).collect();
        let entries: Vec<Entry> = articles.iter().map(Entry::of).collect();
        let keys = jikji_export::bibtex_keys(&entries);
        let unique: std::collections::HashSet<&String> = keys.iter().collect();
        prop_assert_eq!(unique.len(), keys.len());
        for key in &keys {
            prop_assert!(!key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || "-_.:".contains(c)), "{:?}", key);
        }
        let out = bibtex(&entries, &Options::default());
        prop_assert_eq!(out.matches("@article{").count(), ids.len());
    }

    #[test]
    fn ris_values_stay_on_their_tag_line(title in text(), source in text(), snippet in text()) {
        let a = article("id".into(), title, source);
        let out = ris(&[Entry { article: &a, snippet: Some(&snippet) }], &Options::default());
        prop_assert!(out.ends_with("ER  - \r\n"));
        let lines: Vec<&str> = out.split("\r\n").collect();
        prop_assert_eq!(lines.last(), Some(&""));
        for line in &lines[..lines.len() - 1] {
            let tag = line.as_bytes();
            prop_assert!(tag.len() >= 6 && tag[..2].iter().all(u8::is_ascii_alphanumeric) && &tag[2..6] == b"  - ", "{:?}", line);
            prop_assert!(!line.contains(|c: char| c.is_control()), "{:?}", line);
        }
        let ends: Vec<usize> = (0..lines.len()).filter(|&i| lines[i] == "ER  - ").collect();
        prop_assert_eq!(ends, vec![lines.len() - 2]);
    }
}
