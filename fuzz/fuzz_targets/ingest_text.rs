//! Ingest of one text file, from its bytes: decoding, front matter, newsletter or single
//! article; never a panic, and every article has an id and a title.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(decoded) = jikji_ingest::decode::decode(data) {
        let mut dropped = jikji_ingest::Dropped::default();
        let (articles, _) = jikji_ingest::text_articles("fuzz.txt", "fuzz", &decoded.text, &mut dropped);
        for a in articles {
            assert!(!a.id.is_empty());
        }
    }
});
