//! Replays the committed fuzz corpus (`fuzz/corpus/`) through the same calls as the fuzz
//! targets, so every interesting input found stays fixed.

use jikji_engine::{Index, SearchOptions};

#[path = "../benches/shared/repo.rs"]
mod repo;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = repo::root().join("fuzz/corpus").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .collect();
    files.sort_by_key(|f| f.path());
    let inputs: Vec<_> = files
        .into_iter()
        .map(|f| {
            (
                f.file_name().to_string_lossy().into_owned(),
                std::fs::read(f.path()).unwrap(),
            )
        })
        .collect();
    assert!(!inputs.is_empty(), "no corpus for {target}");
    inputs
}

#[test]
fn query_corpus() {
    let corpus = repo::seeds();
    let index = Index::open(jikji_ingest::build_index(&[corpus]).0).unwrap();
    for (name, data) in inputs("query") {
        let results = index.search(
            &String::from_utf8_lossy(&data),
            &SearchOptions {
                matched_words: true,
                ..SearchOptions::default()
            },
        );
        for hit in &results.hits {
            for range in &hit.snippet.highlights {
                assert!(hit.snippet.text.get(range.clone()).is_some(), "{name}");
            }
        }
    }
}

#[test]
fn tokenize_corpus() {
    for (name, data) in inputs("tokenize") {
        let text = jikji_engine::normalize_text(&String::from_utf8_lossy(&data));
        for token in jikji_engine::tokenize(&text) {
            assert!(
                text.get(token.start..token.end).is_some() && !token.text.is_empty(),
                "{name}"
            );
        }
    }
}

#[test]
fn index_reader_corpus() {
    let mut opened = 0;
    for (_, data) in inputs("index_reader") {
        if let Ok(index) = Index::open(data.as_slice()) {
            let _ = index.search("중관춘 ㅈㄱ", &SearchOptions::default());
            let _ = index.articles().count();
            opened += 1;
        }
    }
    assert!(opened >= 1, "the corpus holds at least one valid index");
}
