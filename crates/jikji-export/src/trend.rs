//! A trend ([`jikji_engine::Trend`]) as CSV: one row per period (month, or year over long
//! spans), the period first.

use jikji_engine::Trend;

use crate::record::write_row;
use crate::sheet::BOM;

/// Which figures a trend's CSV carries per query.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrendColumns {
    /// One column per query: its count of articles.
    Counts,
    /// One column per query: its share of the period's articles (0 to 1).
    Shares,
    /// Three columns per query: count, the period's articles, share (the app's export, wide).
    All,
}

/// The trend as CSV (UTF-8 with a BOM, CRLF), headed `month` (or `year`) and then each
/// query's columns, named by the query (`화웨이`, or `화웨이 total`, `화웨이 share` with
/// [`TrendColumns::All`]).
pub fn trend_csv(trend: &Trend, columns: TrendColumns) -> String {
    let mut out = String::from(BOM);
    let mut header = vec![if trend.yearly { "year" } else { "month" }.to_owned()];
    for line in &trend.lines {
        match columns {
            TrendColumns::Counts | TrendColumns::Shares => header.push(line.query.clone()),
            TrendColumns::All => header.extend([
                format!("{} count", line.query),
                format!("{} total", line.query),
                format!("{} share", line.query),
            ]),
        }
    }
    write_row(&mut out, &header);
    for (i, period) in trend.periods.iter().enumerate() {
        let mut row = vec![period.clone()];
        for (n, line) in trend.lines.iter().enumerate() {
            let share = format!("{:.4}", trend.share(n, i));
            match columns {
                TrendColumns::Counts => row.push(line.counts[i].to_string()),
                TrendColumns::Shares => row.push(share),
                TrendColumns::All => row.extend([
                    line.counts[i].to_string(),
                    trend.totals[i].to_string(),
                    share,
                ]),
            }
        }
        write_row(&mut out, &row);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jikji_engine::TrendLine;

    fn trend() -> Trend {
        Trend {
            periods: vec!["2020-01".into(), "2020-02".into()],
            yearly: false,
            lines: vec![
                TrendLine {
                    query: "화웨이".into(),
                    counts: vec![1, 0],
                    total: 1,
                },
                TrendLine {
                    query: "=반도체".into(),
                    counts: vec![2, 1],
                    total: 3,
                },
            ],
            totals: vec![4, 0],
            missing_blocks: Vec::new(),
        }
    }

    #[test]
    fn one_row_per_period_one_column_per_query() {
        let csv = trend_csv(&trend(), TrendColumns::Counts);
        assert_eq!(
            csv,
            "\u{feff}month,화웨이,'=반도체\r\n2020-01,1,2\r\n2020-02,0,1\r\n"
        );
        let shares = trend_csv(&trend(), TrendColumns::Shares);
        assert!(
            shares.ends_with("2020-01,0.2500,0.5000\r\n2020-02,0.0000,0.0000\r\n"),
            "{shares}"
        );
    }

    #[test]
    fn a_query_with_commas_or_quotes_is_one_cell_as_the_csv_crate_reads_it() {
        let mut trend = trend();
        trend.lines[0].query = "화웨이, \"칩\"\n".into();
        let csv = trend_csv(&trend, TrendColumns::Counts);
        let mut reader = ::csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(header, ["month", "화웨이, \"칩\"\n", "'=반도체"]);
        assert_eq!(reader.records().count(), 2);
    }

    #[test]
    fn the_wide_form_carries_count_total_and_share_of_each_query() {
        let csv = trend_csv(&trend(), TrendColumns::All);
        let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(
            lines[0],
            "month,화웨이 count,화웨이 total,화웨이 share,'=반도체 count,'=반도체 total,'=반도체 share"
        );
        assert_eq!(lines[1], "2020-01,1,4,0.2500,2,4,0.5000");
    }
}
