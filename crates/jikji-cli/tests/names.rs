//! `jikji names` over the seed corpus: the names most named first, each counted as its search
//! counts it (a name in three articles or more: search reads a rarer word also as a shorter
//! one with a particle, or as two words written apart), a stated name with every spelling the
//! archive gives it, and the names together counted alike both ways and as the search of both
//! words counts them.

use std::collections::HashMap;
use std::io::Write;

use serde_json::Value;

mod common;
use common::stdout_of;

/// Each query's total, by `jikji search --queries` (one run for them all).
fn totals(queries: &[String]) -> Vec<u64> {
    let path = std::env::temp_dir().join(format!(
        "jikji-names-{}-{}.txt",
        std::process::id(),
        queries.len()
    ));
    let mut file = std::fs::File::create(&path).unwrap();
    for q in queries {
        writeln!(file, "{q}").unwrap();
    }
    let out = stdout_of(&[
        "search",
        "--json",
        "--limit",
        "0",
        "--queries",
        path.to_str().unwrap(),
    ]);
    std::fs::remove_file(&path).unwrap();
    out.lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["total"]
                .as_u64()
                .unwrap()
        })
        .collect()
}

#[test]
fn names_are_counted_as_search_counts_them() {
    let names: Vec<Value> = serde_json::from_str(&stdout_of(&["names", "--json"])).unwrap();
    assert!(names.len() > 50, "{} names", names.len());
    let articles: Vec<u64> = names
        .iter()
        .map(|n| n["articles"].as_u64().unwrap())
        .collect();
    assert!(
        articles.windows(2).all(|w| w[0] >= w[1]),
        "most named first"
    );
    assert!(articles.iter().all(|&n| (1..=29).contains(&n)));
    let by_name: HashMap<&str, &Value> = names
        .iter()
        .map(|n| (n["name"].as_str().unwrap(), n))
        .collect();
    assert_eq!(by_name.len(), names.len(), "one entry a name");
    // A stated name has every spelling of its group; a proper noun is in two articles at least.
    let pinduoduo = by_name["핀둬둬"];
    assert_eq!(pinduoduo["kind"], "stated");
    assert!(pinduoduo["spellings"]
        .as_array()
        .unwrap()
        .contains(&"拼多多".into()));
    for name in &names {
        if name["kind"] == "proper noun" {
            assert!(name["articles"].as_u64().unwrap() >= 2, "{name}");
        }
    }
    assert_eq!(by_name["화웨이"]["kind"], "proper noun");
    // An original shows as the archive writes it (search matches it folded).
    assert!(by_name["인공지능"]["spellings"]
        .as_array()
        .unwrap()
        .contains(&"AI".into()));
    // The count is the search's, for a name in three articles or more.
    let common: Vec<&Value> = names
        .iter()
        .filter(|n| n["articles"].as_u64().unwrap() >= 3)
        .collect();
    let queries: Vec<String> = common
        .iter()
        .map(|n| n["name"].as_str().unwrap().to_owned())
        .collect();
    for (name, total) in common.iter().zip(totals(&queries)) {
        assert_eq!(
            name["articles"].as_u64().unwrap(),
            total,
            "{}",
            name["name"]
        );
    }
    // The names together: each count no more than either's, the same both ways when both list
    // each other, and what the search of both words finds.
    let mut pairs = Vec::new();
    for name in &names {
        let own = name["articles"].as_u64().unwrap();
        for with in name["with"].as_array().unwrap() {
            let other = by_name[with["name"].as_str().unwrap()];
            let both = with["articles"].as_u64().unwrap();
            assert!(both >= 1 && both <= own && both <= other["articles"].as_u64().unwrap());
            if let Some(back) = other["with"]
                .as_array()
                .unwrap()
                .iter()
                .find(|w| w["name"] == name["name"])
            {
                assert_eq!(
                    back["articles"], with["articles"],
                    "{} and {}",
                    name["name"], other["name"]
                );
            }
            if own >= 3 && other["articles"].as_u64().unwrap() >= 3 {
                pairs.push((
                    format!(
                        "{} {}",
                        name["name"].as_str().unwrap(),
                        with["name"].as_str().unwrap()
                    ),
                    both,
                ));
            }
        }
    }
    assert!(pairs.len() > 20);
    let queries: Vec<String> = pairs.iter().map(|(q, _)| q.clone()).collect();
    for ((query, both), total) in pairs.iter().zip(totals(&queries)) {
        assert_eq!(*both, total, "{query}");
    }
}

#[test]
fn a_stated_name_is_searched_whole() {
    // 예란(叶澜) names a person; alone, its letters read as 예 + the particle 란, whose forms
    // (예를) the search of a word written with particles also finds. A stated name is whole.
    let v: Value =
        serde_json::from_str(&stdout_of(&["search", "--json", "--limit", "20", "예란"])).unwrap();
    let matched: Vec<&str> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|h| h["matched"].as_array().unwrap())
        .map(|w| w.as_str().unwrap())
        .collect();
    assert!(!matched.is_empty());
    assert!(
        matched.iter().all(|w| *w == "예란" || *w == "叶澜"),
        "{matched:?}"
    );
}

#[test]
fn names_print_a_line_each() {
    let text = stdout_of(&["names"]);
    let first = text.lines().next().unwrap();
    let fields: Vec<&str> = first.split('\t').collect();
    assert_eq!(fields.len(), 4, "{first}");
    assert_eq!(fields[0], "중국");
    assert!(fields[3].starts_with("with: "), "{first}");
}
