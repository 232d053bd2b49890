//! CSV for spreadsheets: UTF-8 with a byte-order mark (without it, Excel in a Korean locale
//! reads the file as CP949 and garbles Hangul), CRLF record ends, quoted where a cell needs
//! it (RFC 4180, [`crate::record`]), and every cell that a spreadsheet would run as a formula
//! made inert.

use std::borrow::Cow;

use crate::record::write_row;
use crate::{Entry, Text};

/// The byte-order mark that tells a spreadsheet the file is UTF-8.
pub(crate) const BOM: char = '\u{feff}';

/// The first characters that make a spreadsheet read a cell as a formula (OWASP, CSV
/// injection): `=`, `+`, `-`, `@`, and tab and carriage return, which some read past.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The entries as CSV: a header, then one row each of id, title, source, date, url, file and
/// `snippet` (or `text`, the whole body, with [`Text::Full`]).
pub fn csv(entries: &[Entry], text: Text) -> String {
    let last = match text {
        Text::Snippet => "snippet",
        Text::Full => "text",
    };
    let mut out = String::from(BOM);
    let header = ["id", "title", "source", "date", "url", "file", last];
    write_row(&mut out, &header.map(String::from));
    for entry in entries {
        let a = entry.article;
        let cells = [
            Some(a.id.as_str()),
            Some(a.title.as_str()),
            a.source.as_deref(),
            a.date.as_deref(),
            a.url.as_deref(),
            entry.file(),
            entry.text(text),
        ];
        // An absent value is an empty cell.
        write_row(&mut out, &cells.map(|c| c.unwrap_or("").to_owned()));
    }
    out
}

/// A cell a spreadsheet shows as text: one that begins like a formula gets a leading `'`
/// (which spreadsheets take as "this is text" and do not show).
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::article;

    #[test]
    fn formula_looking_cells_are_made_inert() {
        for cell in ["=1+2", "+82 2", "-3", "@SUM(A1)", "\tx", "\r=x"] {
            assert_eq!(neutralise(cell), format!("'{cell}"), "{cell:?}");
        }
        for cell in ["중관춘", "2020-08-26", "a=b", " =x", ""] {
            assert_eq!(neutralise(cell), cell, "{cell:?}");
        }
    }

    #[test]
    fn csv_has_a_bom_a_header_and_quoted_cells() {
        let mut a = article();
        a.title = "=HYPERLINK(\"http://x\",\"중관춘\")".into();
        let out = csv(
            &[Entry {
                article: &a,
                snippet: Some("첫, \"문단\"\n끝"),
            }],
            Text::Snippet,
        );
        let mut lines = out.split("\r\n");
        assert_eq!(
            lines.next(),
            Some("\u{feff}id,title,source,date,url,file,snippet")
        );
        assert_eq!(
            lines.next(),
            Some(
                "003_f0ea3dc2add15f79-01,\"'=HYPERLINK(\"\"http://x\"\",\"\"중관춘\"\")\",KIC 중국,\
                 2020-08-26,https://example.com/news?id=1&p=2,003_f0ea3dc2add15f79.txt,\
                 \"첫, \"\"문단\"\"\n끝\""
            )
        );
        assert_eq!(lines.next(), Some(""));
    }

    #[test]
    fn full_text_replaces_the_snippet_column() {
        let a = article();
        let out = csv(
            &[Entry {
                article: &a,
                snippet: Some("짧은"),
            }],
            Text::Full,
        );
        assert!(out.starts_with("\u{feff}id,title,source,date,url,file,text\r\n"));
        assert!(out.ends_with(",\"첫 문단.\n\n둘째 문단.\"\r\n"), "{out}");
        assert!(!out.contains("짧은"));
    }
}
