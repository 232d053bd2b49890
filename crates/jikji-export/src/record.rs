//! CSV records, for every CSV this crate writes (articles, trends, concordances). Written by
//! hand rather than with the `csv` crate's writer, which would add tens of kilobytes to the
//! app's code for what is a few lines: quoting is RFC 4180's (a cell with a comma, a quote or
//! a line break in quotes, quotes doubled), cells are made inert ([`crate::neutralise`]); the
//! tests hold the output to the `csv` crate's reader.

use std::borrow::Cow;

use crate::sheet::neutralise;

/// One record: cells made inert ([`neutralise`]), quoted where RFC 4180 needs it (a comma, a
/// quote or a line break; quotes doubled), CRLF at the end.
pub(crate) fn write_row(out: &mut String, cells: &[String]) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&quoted(&neutralise(cell)));
    }
    out.push_str("\r\n");
}

fn quoted(cell: &str) -> Cow<'_, str> {
    if cell.contains([',', '"', '\r', '\n']) {
        Cow::Owned(format!("\"{}\"", cell.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_crate_reads_what_is_written() {
        let cells = ["a,b", "say \"hi\"", "line\nbreak", "=1+2", "화웨이", ""].map(String::from);
        let mut out = String::new();
        write_row(&mut out, &cells);
        write_row(&mut out, &cells);
        let mut reader = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(out.as_bytes());
        for record in reader.records() {
            let record: Vec<String> = record.unwrap().iter().map(String::from).collect();
            assert_eq!(
                record,
                ["a,b", "say \"hi\"", "line\nbreak", "'=1+2", "화웨이", ""]
            );
        }
    }
}
