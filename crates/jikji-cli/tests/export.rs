//! `jikji search --format …` over the seed corpus: every hit in every format, the filters
//! applied, the full text by choice, and a formula-looking title inert in CSV. (The formats
//! read back by third-party parsers are tests/export/run.sh's.)

use std::path::PathBuf;

use serde_json::Value;

mod common;
use common::jikji;

/// What `jikji search ARGS` printed; it must succeed.
fn search(args: &[&str]) -> String {
    let mut all = vec!["search"];
    all.extend_from_slice(args);
    let out = jikji(&all);
    assert!(
        out.status.success(),
        "jikji {all:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// The ids of every hit of `query`, in order, as `--json` lists them.
fn hit_ids(query: &str) -> Vec<String> {
    let v: Value = serde_json::from_str(&search(&["--json", "--limit", "1000", query])).unwrap();
    let hits = v["hits"].as_array().unwrap();
    assert_eq!(hits.len() as u64, v["total"].as_u64().unwrap());
    hits.iter()
        .map(|h| h["id"].as_str().unwrap().to_owned())
        .collect()
}

fn json_lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).expect("a JSON object a line"))
        .collect()
}

/// The rows of a CSV export, after its byte-order mark, read by the `csv` crate.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let body = text
        .strip_prefix('\u{feff}')
        .expect("CSV starts with a BOM");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

#[test]
fn every_format_writes_every_hit_in_order() {
    let ids = hit_ids("중관춘");
    assert!(ids.len() > 1 && ids.len() < 29, "{ids:?}");
    let rows = csv_rows(&search(&["--format", "csv", "중관춘"]));
    assert_eq!(
        rows[0],
        ["id", "title", "source", "date", "url", "file", "snippet"]
    );
    let csv_ids: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(csv_ids, ids);
    let lines = json_lines(&search(&["--format", "jsonl", "중관춘"]));
    let jsonl_ids: Vec<&str> = lines.iter().map(|l| l["id"].as_str().unwrap()).collect();
    assert_eq!(jsonl_ids, ids);
    assert!(lines.iter().all(|l| l["snippet"].is_string()));
    let csl: Value = serde_json::from_str(&search(&["--format", "csljson", "중관춘"])).unwrap();
    let csl_ids: Vec<&str> = csl
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(csl_ids, ids);
    // The citation formats carry the outlet, the full date and the access date.
    let ris = search(&["--format", "ris", "--accessed", "2026-12-07", "중관춘"]);
    assert_eq!(ris.matches("TY  - NEWS\r\n").count(), ids.len());
    assert_eq!(ris.matches("\r\nER  - \r\n").count(), ids.len());
    let dates: Vec<&str> = lines.iter().filter_map(|l| l["date"].as_str()).collect();
    let sources: Vec<&str> = lines.iter().filter_map(|l| l["source"].as_str()).collect();
    assert!(!dates.is_empty() && !sources.is_empty());
    assert_eq!(ris.matches("\r\nDA  - ").count(), dates.len());
    for date in &dates {
        let full = format!("\r\nDA  - {}\r\n", date.replace('-', "/"));
        assert!(ris.contains(&full), "{full:?} in {ris}");
    }
    assert_eq!(ris.matches("\r\nT2  - ").count(), sources.len());
    assert_eq!(ris.matches("\r\nY2  - 2026/12/07\r\n").count(), ids.len());
    let bib = search(&["--format", "bibtex", "--accessed", "2026-12-07", "중관춘"]);
    assert_eq!(bib.matches("@article{").count(), ids.len());
    assert_eq!(
        bib.matches("  entrysubtype = {newspaper},\n").count(),
        ids.len()
    );
    assert_eq!(bib.matches("  urldate = {2026-12-07}").count(), ids.len());
    assert_eq!(bib.matches("  journaltitle = {").count(), sources.len());
    for date in &dates {
        assert!(
            bib.contains(&format!("  date = {{{date}}},\n")),
            "{date} in {bib}"
        );
    }
}

#[test]
fn an_export_takes_all_hits_unless_limited_and_keeps_the_filters() {
    let all = json_lines(&search(&["--format", "jsonl", ""]));
    assert_eq!(all.len(), 29, "every seed article, not a page of 10");
    let three = json_lines(&search(&["--format", "jsonl", "--limit", "3", ""]));
    assert_eq!(three, all[..3]);
    let source = all
        .iter()
        .find_map(|l| l["source"].as_str())
        .expect("a seed article with a source");
    let of_source = json_lines(&search(&["--format", "jsonl", "--source", source, ""]));
    assert!(!of_source.is_empty() && of_source.len() < all.len());
    assert!(of_source
        .iter()
        .all(|l| l["source"].as_str().unwrap().contains(source)));
    let august = json_lines(&search(&[
        "--format", "jsonl", "--from", "2020-08", "--to", "2020-08", "",
    ]));
    assert_eq!(
        august.len(),
        15,
        "the seeds' August 2020, as the month facet counts it"
    );
    assert!(august
        .iter()
        .all(|l| l["date"].as_str().unwrap().starts_with("2020-08")));
}

#[test]
fn full_text_puts_the_whole_body_in_place_of_the_snippet() {
    let ingested: Value =
        serde_json::from_slice(&jikji(&["ingest", "--json", &common::repo_path("corpus")]).stdout)
            .unwrap();
    let body = |id: &str| {
        ingested
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .map(|a| a["body"].as_str().unwrap().to_owned())
            .unwrap()
    };
    let lines = json_lines(&search(&["--format", "jsonl", "--full-text", "화웨이"]));
    assert!(!lines.is_empty());
    for line in &lines {
        assert_eq!(
            line["text"].as_str().unwrap(),
            body(line["id"].as_str().unwrap())
        );
        assert!(line.get("snippet").is_none());
    }
    let rows = csv_rows(&search(&["--format", "csv", "--full-text", "화웨이"]));
    assert_eq!(rows[0][6], "text");
    assert_eq!(rows[1][6], body(&rows[1][0]));
}

#[test]
fn the_access_date_is_the_day_of_the_run_unless_given() {
    let ris = search(&["--format", "ris", "--limit", "1", "화웨이"]);
    let y2 = ris.lines().find(|l| l.starts_with("Y2  - ")).unwrap();
    let date = y2.trim_start_matches("Y2  - ").trim_end();
    let parts: Vec<&str> = date.split('/').collect();
    let widths: Vec<usize> = parts.iter().map(|p| p.len()).collect();
    assert_eq!(widths, [4, 2, 2], "{y2}");
    assert!(parts.iter().all(|p| p.parse::<u16>().is_ok()), "{y2}");
}

#[test]
fn a_formula_looking_title_is_inert_in_csv() {
    let dir = std::env::temp_dir().join(format!("jikji-export-formula-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let file: PathBuf = dir.join("formula.txt");
    std::fs::write(
        &file,
        "---\ntitle: =HYPERLINK(\"https://example.com\",\"중관춘\")\nsource: @한경닷컴\ndate: 2020-08-26\n---\n중관춘 창업거리 기사 본문.\n",
    )
    .unwrap();
    let csv = search(&[
        "--corpus",
        dir.to_str().unwrap(),
        "--format",
        "csv",
        "중관춘",
    ]);
    std::fs::remove_dir_all(&dir).unwrap();
    let rows = csv_rows(&csv);
    assert_eq!(rows.len(), 2, "{csv}");
    assert_eq!(
        rows[1][1],
        "'=HYPERLINK(\"https://example.com\",\"중관춘\")"
    );
    assert_eq!(rows[1][2], "'@한경닷컴");
    assert_eq!(rows[1][3], "2020-08-26");
}

#[test]
fn format_is_refused_with_json_and_full_text_needs_a_format() {
    for args in [
        &["search", "--json", "--format", "csv", "화웨이"][..],
        &["search", "--full-text", "화웨이"],
        &[
            "search",
            "--format",
            "csv",
            "--accessed",
            "2026-12",
            "화웨이",
        ],
    ] {
        let out = jikji(args);
        assert!(!out.status.success(), "{args:?} succeeded");
        assert!(out.stdout.is_empty());
    }
}
