//! `jikji trend` over the seed corpus: each query's counts per month are its search's month
//! facet (the same articles the result list counts), months between are zero, shares are of
//! every article of the month, and the filters apply to every query and to the totals.

use std::collections::BTreeMap;

use serde_json::Value;

mod common;
use common::{jikji, stdout_of};

/// The CSV's header and rows, after its byte-order mark.
fn table(csv: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let body = csv.strip_prefix('\u{feff}').expect("a byte-order mark");
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

/// `jikji search --json QUERY ARGS`'s month facet.
fn months_of(query: &str, args: &[&str]) -> BTreeMap<String, u64> {
    let mut all = vec!["search", "--json", "--limit", "0"];
    all.extend_from_slice(args);
    all.push(query);
    let v: Value = serde_json::from_str(&stdout_of(&all)).unwrap();
    v["facets"]["month"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(m, n)| (m.clone(), n.as_u64().unwrap()))
        .collect()
}

#[test]
fn each_query_counts_what_its_search_counts_month_by_month() {
    let queries = ["창업", "화웨이", "중관춘"];
    let (header, rows) = table(&stdout_of(&["trend", queries[0], queries[1], queries[2]]));
    assert_eq!(header, ["month", "창업", "화웨이", "중관춘"]);
    // Every month from the first to the last, in order.
    let months: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert!(months.len() > 12, "{months:?}");
    assert!(months.windows(2).all(|w| w[0] < w[1]));
    for (column, query) in queries.iter().enumerate() {
        let facet = months_of(query, &[]);
        assert!(
            facet.values().sum::<u64>() > 0,
            "{query} finds dated articles"
        );
        for row in &rows {
            let count: u64 = row[column + 1].parse().unwrap();
            assert_eq!(
                count,
                facet.get(&row[0]).copied().unwrap_or(0),
                "{query} in {}",
                row[0]
            );
        }
    }
}

#[test]
fn shares_are_of_every_article_of_the_month_and_filters_apply_to_both() {
    let all = months_of("", &["--source", "KIC"]);
    let found = months_of("창업", &["--source", "KIC"]);
    let (header, rows) = table(&stdout_of(&["trend", "--wide", "--source", "KIC", "창업"]));
    assert_eq!(header, ["month", "창업 count", "창업 total", "창업 share"]);
    assert!(!rows.is_empty());
    for row in &rows {
        let (count, total, share): (u64, u64, f64) = (
            row[1].parse().unwrap(),
            row[2].parse().unwrap(),
            row[3].parse().unwrap(),
        );
        assert_eq!(count, found.get(&row[0]).copied().unwrap_or(0));
        assert_eq!(total, all.get(&row[0]).copied().unwrap_or(0));
        let expected = if total == 0 {
            0.0
        } else {
            count as f64 / total as f64
        };
        assert!((share - expected).abs() < 1e-4, "{row:?}");
    }
    // The date filters choose the months.
    let (_, rows) = table(&stdout_of(&[
        "trend", "--from", "2020-09", "--to", "2021-01", "창업",
    ]));
    let months: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(months.first(), Some(&"2020-09"));
    assert!(
        months.iter().all(|m| *m >= "2020-09" && *m <= "2021-01"),
        "{months:?}"
    );
}

#[test]
fn an_empty_query_is_refused_with_a_reason() {
    let out = jikji(&["trend", "창업", " "]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("query 2 is empty"));
}
