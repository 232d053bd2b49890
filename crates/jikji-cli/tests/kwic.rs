//! `jikji kwic` over the seed corpus: every article the search finds gives its occurrences,
//! each one the query's word in its text with the text around it, in the order asked for.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

mod common;
use common::jikji;

fn json_of(args: &[&str]) -> Value {
    let out = jikji(args);
    assert!(
        out.status.success(),
        "jikji {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// Every article of the seeds: id → title, captions and body, as ingest reads them.
fn texts() -> BTreeMap<String, String> {
    let articles = json_of(&["ingest", "--json", "../../corpus"]);
    articles
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let captions: Vec<&str> = a["captions"]
                .as_array()
                .map(|c| c.iter().filter_map(|c| c["text"].as_str()).collect())
                .unwrap_or_default();
            let text = format!(
                "{}\n{}\n{}",
                a["title"].as_str().unwrap(),
                captions.join("\n"),
                a["body"].as_str().unwrap()
            );
            (a["id"].as_str().unwrap().to_owned(), text)
        })
        .collect()
}

#[test]
fn every_hit_gives_its_occurrences_each_in_its_text() {
    let lines = json_of(&["kwic", "--json", "--context", "12", "창업"]);
    let lines = lines.as_array().unwrap();
    let search = json_of(&["search", "--json", "--limit", "100", "창업"]);
    let hits: BTreeSet<&str> = search["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect();
    let found: BTreeSet<&str> = lines.iter().map(|l| l["id"].as_str().unwrap()).collect();
    assert_eq!(
        found, hits,
        "every article found holds an occurrence, and only those"
    );
    assert!(lines.len() > hits.len() * 2, "{} lines", lines.len());
    let texts = texts();
    let collapse = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    for line in lines {
        let (left, matched, right) = (
            line["left"].as_str().unwrap(),
            line["match"].as_str().unwrap(),
            line["right"].as_str().unwrap(),
        );
        assert_eq!(matched, "창업", "{line}");
        // The line is a stretch of its article's text (ellipses aside).
        let stretch = collapse(&format!(
            "{}{matched}{}",
            left.trim_start_matches('…'),
            right.trim_end_matches('…')
        ));
        let text = collapse(&texts[line["id"].as_str().unwrap()]);
        assert!(text.contains(&stretch), "{stretch:?} not in {}", line["id"]);
        assert!(left.chars().filter(|&c| c != '…').count() <= 12, "{left:?}");
    }
    // Forms with particles and endings, and compounds, are occurrences: 창업자 is one.
    assert!(lines
        .iter()
        .any(|l| l["right"].as_str().unwrap().starts_with('자')));
}

#[test]
fn lines_sort_by_the_word_before_without_its_particle() {
    let lines = json_of(&["kwic", "--json", "--order", "before", "창업"]);
    let before: Vec<&str> = lines
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["before"].as_str().unwrap())
        .collect();
    assert!(before.windows(2).all(|w| w[0] <= w[1]), "{before:?}");
    // 기업의 and 기업이 sort as 기업.
    assert!(
        before
            .iter()
            .all(|w| !(w.ends_with('의') || w.ends_with('는')) || w.chars().count() <= 2),
        "particles cut: {before:?}"
    );
    let tsv = String::from_utf8(jikji(&["kwic", "창업"]).stdout).unwrap();
    assert!(
        tsv.lines().all(|l| l.split('\t').count() == 4),
        "id, left, match, right"
    );
    assert_eq!(tsv.lines().count(), before.len());
}
