//! RIS, the tagged format every reference manager imports: `TY  - NEWS`, the outlet as
//! `T2`, the full date as `DA` (`YYYY/MM/DD`), `ER  - ` closing each record, CRLF line ends.

use std::fmt::Write as _;

use crate::{Date, Entry, Options};

/// The entries as RIS records (`TY`, `ID`, `TI`, `T2`, `AU`, `PY`, `DA`, `SE`, `UR`, `Y2`,
/// `AB`), each value on one line: line breaks and other control characters in a value become
/// spaces, so no value can start a tag of its own.
pub fn ris(entries: &[Entry], options: &Options) -> String {
    let mut out = String::new();
    for entry in entries {
        let a = entry.article;
        let date = entry.date();
        tag(&mut out, "TY", "NEWS");
        tag(&mut out, "ID", &a.id);
        tag(&mut out, "TI", &a.title);
        let fields = [
            ("T2", a.source.clone()),
            ("AU", a.author.clone()),
            ("PY", date.map(|d| format!("{:04}", d.year))),
            ("DA", date.map(ris_date)),
            ("SE", a.section.clone()),
            ("UR", a.url.clone()),
            ("Y2", options.accessed.map(ris_date)),
            ("AB", entry.text(options.text).map(str::to_owned)),
        ];
        for (name, value) in fields {
            if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
                tag(&mut out, name, &value);
            }
        }
        out.push_str("ER  - \r\n");
    }
    out
}

/// `NAME  - value` and CRLF, the value on one line.
fn tag(out: &mut String, name: &str, value: &str) {
    let _ = write!(out, "{name}  - {}\r\n", one_line(value));
}

/// The value with runs of line breaks, tabs and other control characters as one space.
fn one_line(value: &str) -> String {
    value
        .split(char::is_control)
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .trim()
        .to_owned()
}

/// `YYYY/MM/DD`; a partial date leaves its missing parts empty (`2020/08/`, `2020//`).
fn ris_date(date: Date) -> String {
    let part = |n: Option<u8>| n.map(|n| format!("{n:02}")).unwrap_or_default();
    format!("{:04}/{}/{}", date.year, part(date.month), part(date.day))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::article;
    use crate::Text;

    #[test]
    fn a_record_has_the_tags_in_order_with_crlf() {
        let a = article();
        let options = Options {
            text: Text::Snippet,
            accessed: Date::parse("2026-12-07"),
        };
        let out = ris(
            &[Entry {
                article: &a,
                snippet: Some("첫\n문단"),
            }],
            &options,
        );
        assert_eq!(
            out,
            "TY  - NEWS\r\nID  - 003_f0ea3dc2add15f79-01\r\nTI  - 중관춘 창업거리, 화웨이 칩 금지\r\n\
             T2  - KIC 중국\r\nAU  - 김철수\r\nPY  - 2020\r\nDA  - 2020/08/26\r\nSE  - 산업 동향\r\n\
             UR  - https://example.com/news?id=1&p=2\r\nY2  - 2026/12/07\r\nAB  - 첫 문단\r\nER  - \r\n"
        );
    }

    #[test]
    fn a_value_cannot_start_a_tag_or_end_the_record() {
        let mut a = article();
        a.title = "제목\r\nER  - \r\nTY  - JOUR".into();
        a.source = None;
        let out = ris(&[Entry::of(&a)], &Options::default());
        assert!(out.contains("TI  - 제목 ER  -  TY  - JOUR\r\n"), "{out}");
        assert_eq!(out.matches("\r\n").count(), out.lines().count());
        assert_eq!(out.matches("ER  - \r\n").count(), 1);
        assert!(!out.contains("T2  -"));
        assert!(!out.contains("Y2  -"));
    }

    #[test]
    fn partial_dates_leave_their_parts_empty() {
        assert_eq!(ris_date(Date::parse("2020-08").unwrap()), "2020/08/");
        assert_eq!(ris_date(Date::parse("2020").unwrap()), "2020//");
    }
}
