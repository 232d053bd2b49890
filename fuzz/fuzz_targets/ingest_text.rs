//! Ingest of one text file, from its bytes: decoding, front matter, newsletter or single
//! article; never a panic, every article has an id and a title, and every character is
//! accounted for.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(decoded) = jikji_ingest::decode::decode(data) {
        let mut ledger = jikji_ingest::Ledger::default();
        let (articles, _) = jikji_ingest::text_articles("fuzz.txt", "fuzz", &decoded.text, &mut ledger);
        for a in &articles {
            assert!(!a.id.is_empty());
        }
        // Nothing lost: every character is in an article or in the ledger.
        if !articles.is_empty() {
            let kept = jikji_ingest::article_ink(&articles);
            assert_eq!(jikji_ingest::ink(&decoded.text), kept + ledger.chars());
        }
    }
});
