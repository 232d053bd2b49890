//! Any string is a query: parsing, expansion, ranking, facets and snippets never panic.
#![no_main]

use std::sync::OnceLock;

use jikji_engine::{Index, SearchOptions};
use libfuzzer_sys::fuzz_target;

fn index() -> &'static Index<Vec<u8>> {
    static INDEX: OnceLock<Index<Vec<u8>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let corpus = std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../corpus"));
        Index::open(jikji_ingest::build_index(&[corpus]).0).expect("the seed index opens")
    })
}

fuzz_target!(|data: &[u8]| {
    let query = String::from_utf8_lossy(data);
    let results = index().search(&query, &SearchOptions { matched_words: true, ..SearchOptions::default() });
    for hit in &results.hits {
        for range in &hit.snippet.highlights {
            assert!(hit.snippet.text.get(range.clone()).is_some());
        }
    }
});
