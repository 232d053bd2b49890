//! A concordance (lines of [`jikji_engine::concordance`]) as CSV: one row per occurrence —
//! the article's id, title, source and date, then the text before, the match and the text
//! after.

use jikji_engine::{Article, KwicLine};

use crate::record::write_row;
use crate::sheet::BOM;

/// The lines as CSV (UTF-8 with a BOM, CRLF), in the order given.
pub fn kwic_csv(lines: &[(&Article, &KwicLine)]) -> String {
    let mut out = String::from(BOM);
    let header = ["id", "title", "source", "date", "left", "match", "right"];
    write_row(&mut out, &header.map(String::from));
    for (article, line) in lines {
        let row = [
            article.id.clone(),
            article.title.clone(),
            article.source.clone().unwrap_or_default(),
            article.date.clone().unwrap_or_default(),
            line.left.clone(),
            line.matched.clone(),
            line.right.clone(),
        ];
        write_row(&mut out, &row);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_row_per_occurrence() {
        let mut article = Article::new("a-1", "창업, 그 후", "본문");
        article.source = Some("신화".into());
        let line = KwicLine {
            left: "베이징의 ".into(),
            matched: "창업".into(),
            right: "자들이 모였다".into(),
            before: "베이징".into(),
            after: "모였다".into(),
            ordinal: 1,
        };
        let csv = kwic_csv(&[(&article, &line)]);
        assert_eq!(
            csv,
            "\u{feff}id,title,source,date,left,match,right\r\na-1,\"창업, 그 후\",신화,,베이징의 ,창업,자들이 모였다\r\n"
        );
    }
}
