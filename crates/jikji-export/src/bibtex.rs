//! BibTeX (and biblatex): one `@article` a record with `entrysubtype = {newspaper}`, the
//! outlet as both `journaltitle` (biblatex) and `journal` (BibTeX), text escaped for LaTeX,
//! keys unique and ASCII.

use std::collections::HashSet;
use std::fmt::Write as _;

use crate::{Entry, Options};

/// The entries as BibTeX records, keyed by [`bibtex_keys`].
pub fn bibtex(entries: &[Entry], options: &Options) -> String {
    let keys = bibtex_keys(entries);
    let mut out = String::new();
    for (entry, key) in entries.iter().zip(keys) {
        if !out.is_empty() {
            out.push('\n');
        }
        record(&mut out, &key, entry, options);
    }
    out
}

/// One `@article{key, …}` record: the text fields escaped, dates and the URL as they are.
fn record(out: &mut String, key: &str, entry: &Entry, options: &Options) {
    let a = entry.article;
    let date = entry.date();
    let text = |value: Option<&str>| value.map(bibtex_escape);
    let fields = [
        ("title", Some(bibtex_escape(&a.title))),
        ("journaltitle", text(a.source.as_deref())),
        ("journal", text(a.source.as_deref())),
        ("entrysubtype", Some("newspaper".to_owned())),
        // Double braces: one name as written (a Korean byline is not "Last, First").
        (
            "author",
            a.author
                .as_deref()
                .map(|n| format!("{{{}}}", bibtex_escape(n))),
        ),
        ("date", date.map(|d| d.to_string())),
        ("year", date.map(|d| d.year.to_string())),
        ("month", date.and_then(|d| d.month).map(|m| m.to_string())),
        (
            "day",
            date.and_then(|d| d.month.and(d.day)).map(|d| d.to_string()),
        ),
        ("url", a.url.as_deref().map(url_escape)),
        ("urldate", options.accessed.map(|d| d.to_string())),
        ("abstract", text(entry.text(options.text))),
    ];
    let _ = write!(out, "@article{{{key}");
    for (name, value) in fields {
        if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
            let _ = write!(out, ",\n  {name} = {{{value}}}");
        }
    }
    out.push_str("\n}\n");
}

/// The pairs of characters TeX fonts join into another (`--` an en dash, ``` `` ``` and `''`
/// quotation marks, `<<` a guillemet, …), kept apart with an empty group.
const LIGATURES: [(char, char); 7] = [
    ('-', '-'),
    ('`', '`'),
    ('\'', '\''),
    ('!', '`'),
    ('?', '`'),
    ('<', '<'),
    ('>', '>'),
];

/// Text for a BibTeX field: LaTeX's special characters as commands. Braces become
/// `\textbraceleft{}` and `\textbraceright{}`, not `\{` and `\}`, since BibTeX counts every
/// brace (escaped or not) to find where a field ends. Pairs that TeX would join into one
/// glyph are kept apart (`-{}-`), so `--` stays two hyphens. Control characters other than
/// line breaks become spaces.
pub fn bibtex_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut previous = None;
    for c in text.chars() {
        if previous.is_some_and(|p| LIGATURES.contains(&(p, c))) {
            out.push_str("{}");
        }
        previous = Some(c);
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' => out.push_str("\\textbraceleft{}"),
            '}' => out.push_str("\\textbraceright{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '%' | '&' | '#' | '_' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push('\n'),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A URL for the verbatim `url` field: only what would break the record (braces, backslash,
/// spaces and control characters) percent-encoded.
fn url_escape(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.trim().chars() {
        match c {
            '{' | '}' | '\\' | ' ' => {
                let _ = write!(out, "%{:02X}", c as u32);
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A citation key for each entry, from its id: ASCII letters, digits and `-_.:` kept, other
/// ASCII as `_`, other characters as `u` and their hexadecimal code point; a key already given
/// gets `-2`, `-3`, … so that every key is unique.
pub fn bibtex_keys(entries: &[Entry]) -> Vec<String> {
    let mut used = HashSet::new();
    entries
        .iter()
        .map(|entry| {
            let base = ascii_key(&entry.article.id);
            let mut key = base.clone();
            let mut n = 1;
            while !used.insert(key.clone()) {
                n += 1;
                key = format!("{base}-{n}");
            }
            key
        })
        .collect()
}

fn ascii_key(id: &str) -> String {
    let mut key = String::new();
    for c in id.trim().chars() {
        match c {
            c if c.is_ascii_alphanumeric() || "-_.:".contains(c) => key.push(c),
            c if c.is_ascii() => key.push('_'),
            c => {
                let _ = write!(key, "u{:x}", c as u32);
            }
        }
    }
    if key.is_empty() {
        key.push_str("article");
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::article;
    use crate::{Date, Text};

    #[test]
    fn latex_specials_are_escaped_and_braces_stay_balanced() {
        assert_eq!(
            bibtex_escape(r"{a}\b%c&d#e_f$g~h^i"),
            r"\textbraceleft{}a\textbraceright{}\textbackslash{}b\%c\&d\#e\_f\$g\textasciitilde{}h\textasciicircum{}i"
        );
        assert_eq!(
            bibtex_escape("중관춘 창업\n거리\t끝"),
            "중관춘 창업\n거리 끝"
        );
        assert_eq!(
            bibtex_escape("a---b ``c'' <<d>> !`"),
            "a-{}-{}-b `{}`c'{}' <{}<d>{}> !{}`"
        );
        let escaped = bibtex_escape("}}}{");
        assert_eq!(escaped.matches('{').count(), escaped.matches('}').count());
    }

    #[test]
    fn keys_are_ascii_and_unique() {
        let mut a = article();
        a.id = "기사 1".into();
        let mut b = article();
        b.id = "a/b".into();
        let mut c = article();
        c.id = "a_b".into();
        let mut d = article();
        d.id = "a_b-2".into();
        let e = Article::new("", "", "");
        let entries: Vec<Entry> = [&a, &b, &c, &d, &e].map(Entry::of).to_vec();
        let keys = bibtex_keys(&entries);
        assert_eq!(keys, ["uae30uc0ac_1", "a_b", "a_b-2", "a_b-2-2", "article"]);
        let unique: HashSet<&String> = keys.iter().collect();
        assert_eq!(unique.len(), keys.len());
    }

    use jikji_engine::Article;

    #[test]
    fn a_record_is_a_newspaper_article_with_outlet_and_dates() {
        let mut a = article();
        a.title = "50% & #1_$ {특집}".into();
        a.url = Some("https://example.com/a b{c}".into());
        let options = Options {
            text: Text::Snippet,
            accessed: Date::parse("2026-12-07"),
        };
        let out = bibtex(
            &[Entry {
                article: &a,
                snippet: Some("첫 문단"),
            }],
            &options,
        );
        assert_eq!(
            out,
            "@article{003_f0ea3dc2add15f79-01,\n  \
             title = {50\\% \\& \\#1\\_\\$ \\textbraceleft{}특집\\textbraceright{}},\n  \
             journaltitle = {KIC 중국},\n  journal = {KIC 중국},\n  entrysubtype = {newspaper},\n  \
             author = {{김철수}},\n  date = {2020-08-26},\n  year = {2020},\n  month = {8},\n  \
             day = {26},\n  url = {https://example.com/a%20b%7Bc%7D},\n  urldate = {2026-12-07},\n  \
             abstract = {첫 문단}\n}\n"
        );
    }

    #[test]
    fn missing_metadata_leaves_its_fields_out() {
        let a = Article::new("x", "제목", "본문");
        let out = bibtex(&[Entry::of(&a)], &Options::default());
        assert_eq!(
            out,
            "@article{x,\n  title = {제목},\n  entrysubtype = {newspaper}\n}\n"
        );
    }
}
