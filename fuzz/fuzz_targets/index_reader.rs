//! The index reader given arbitrary bytes: a typed error or a working index, never a panic.
#![no_main]

use jikji_engine::{Index, SearchOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(index) = Index::open(data) {
        let _ = index.search("중관춘 ㅈㄱ", &SearchOptions::default());
        // Every text chunk decoded (or found wanting) without a panic.
        let _ = index.articles().count();
    }
});
