//! The measured bar of ingest: the seed corpus against its gold annotations
//! (`tests/fixtures/seeds.gold.json`). Prints the figures and fails below 100%.

use std::collections::BTreeMap;

use jikji_engine::Article;
use jikji_ingest::ingest_paths;
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

mod common;

/// The gold file's comparison form: NFKC with all whitespace removed.
fn norm(text: &str) -> String {
    text.nfkc().filter(|c| !c.is_whitespace()).collect()
}

/// How close to the start (or end) of a body its gold opening (closing) phrase must be, in
/// normalized characters.
const NEAR: usize = 120;

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

struct Score {
    name: &'static str,
    passed: usize,
    total: usize,
    failures: Vec<String>,
}

impl Score {
    fn new(name: &'static str) -> Self {
        Score {
            name,
            passed: 0,
            total: 0,
            failures: Vec::new(),
        }
    }
    fn check(&mut self, ok: bool, failure: impl FnOnce() -> String) {
        self.total += 1;
        if ok {
            self.passed += 1;
        } else {
            self.failures.push(failure());
        }
    }
}

fn source_matches(article: &Article, gold: &Value) -> bool {
    let mut accepted: Vec<String> = strings(&gold["source_alt"]);
    let stated = gold["source"].as_str();
    accepted.extend(stated.map(String::from));
    match article.source.as_deref() {
        None => stated.is_none(),
        Some(ours) => {
            let ours = norm(ours);
            accepted
                .iter()
                .map(|a| norm(a))
                .any(|a| !a.is_empty() && (ours.contains(&a) || a.contains(&ours)))
        }
    }
}

#[test]
fn seed_corpus_matches_the_gold_annotations() {
    let gold: Value = serde_json::from_str(
        &std::fs::read_to_string(common::repo().join("tests/fixtures/seeds.gold.json")).unwrap(),
    )
    .unwrap();
    let gold = gold["articles"].as_array().unwrap();
    let ingested = ingest_paths(&[common::repo().join("corpus")]);
    let articles = &ingested.articles;

    let file_of = |a: &Article| a.origin.as_ref().unwrap().file.clone();
    let mut ours_per_file: BTreeMap<String, usize> = BTreeMap::new();
    for a in articles {
        *ours_per_file.entry(file_of(a)).or_default() += 1;
    }
    let mut gold_per_file: BTreeMap<String, usize> = BTreeMap::new();
    for g in gold {
        *gold_per_file
            .entry(g["file"].as_str().unwrap().to_owned())
            .or_default() += 1;
    }

    let mut matched = Score::new("articles matched");
    let mut titles = Score::new("titles");
    let mut sources = Score::new("sources");
    let mut dates = Score::new("dates");
    let mut bodies = Score::new("body checks");
    for g in gold {
        let file = g["file"].as_str().unwrap();
        let in_file: Vec<&Article> = articles.iter().filter(|a| file_of(a) == file).collect();
        let mut wanted: Vec<String> = strings(&g["title_alt"]);
        wanted.extend(g["title"].as_str().map(String::from));
        let wanted: Vec<String> = wanted.iter().map(|t| norm(t)).collect();
        let found = if wanted.is_empty() {
            // No title stated: the file's only article is the one.
            (in_file.len() == 1).then(|| in_file[0])
        } else {
            in_file
                .iter()
                .copied()
                .find(|a| wanted.contains(&norm(&a.title)))
        };
        let label = g["title"].as_str().unwrap_or(file).to_owned();
        matched.check(found.is_some(), || {
            format!("no article titled {label:?} in {file}")
        });
        let Some(a) = found else { continue };
        titles.check(true, String::new);
        sources.check(source_matches(a, g), || {
            format!(
                "{label}: source {:?}, gold {} / {}",
                a.source, g["source"], g["source_alt"]
            )
        });
        dates.check(a.date.as_deref() == g["date"].as_str(), || {
            format!("{label}: date {:?}, gold {}", a.date, g["date"])
        });

        let body = norm(&a.body);
        if let Some(start) = g["body_start"].as_str().filter(|s| !s.is_empty()) {
            let at = body.find(&norm(start));
            bodies.check(
                at.is_some_and(|at| body[..at].chars().count() <= NEAR),
                || {
                    format!(
                        "{label}: body_start {start:?} at {at:?}; body opens {:?}",
                        body.chars().take(60).collect::<String>()
                    )
                },
            );
        }
        if let Some(end) = g["body_end"].as_str().filter(|s| !s.is_empty()) {
            let phrase = norm(end);
            let at = body.rfind(&phrase);
            bodies.check(
                at.is_some_and(|at| body[at + phrase.len()..].chars().count() <= NEAR),
                || {
                    let tail: String = body
                        .chars()
                        .rev()
                        .take(60)
                        .collect::<Vec<_>>()
                        .into_iter()
                        .rev()
                        .collect();
                    format!("{label}: body_end {end:?} at {at:?}; body closes {tail:?}")
                },
            );
        }
        for phrase in strings(&g["body_not"]) {
            bodies.check(!body.contains(&norm(&phrase)), || {
                format!("{label}: furniture {phrase:?} in body")
            });
        }
        for phrase in strings(&g["body_once"]) {
            let count = body.matches(&norm(&phrase)).count();
            bodies.check(count == 1, || {
                format!("{label}: {phrase:?} appears {count} times")
            });
        }
    }
    // Furniture of any gold article must be in no body at all.
    let all_not: Vec<String> = gold.iter().flat_map(|g| strings(&g["body_not"])).collect();
    for a in articles {
        for phrase in &all_not {
            bodies.check(!norm(&a.body).contains(&norm(phrase)), || {
                format!("{}: furniture {phrase:?} in body", a.id)
            });
        }
    }

    println!("ingest of the seed corpus against seeds.gold.json:");
    println!(
        "  articles: {} found, {} in gold; per file ours {ours_per_file:?}",
        articles.len(),
        gold.len()
    );
    let scores = [&matched, &titles, &sources, &dates, &bodies];
    for s in scores {
        println!(
            "  {:<17} {:>3}/{:<3} {:>5.1}%",
            s.name,
            s.passed,
            s.total,
            100.0 * s.passed as f64 / s.total.max(1) as f64
        );
    }
    let failures: Vec<&String> = scores.iter().flat_map(|s| &s.failures).collect();
    for f in &failures {
        println!("  FAIL {f}");
    }
    assert_eq!(articles.len(), gold.len(), "article count");
    assert_eq!(ours_per_file, gold_per_file, "articles per file");
    assert!(failures.is_empty(), "{} gold checks failed", failures.len());
}
