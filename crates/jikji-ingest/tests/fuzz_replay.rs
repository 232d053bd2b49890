//! Replays the committed fuzz corpus of the text ingest (`fuzz/corpus/ingest_text`).

use std::path::PathBuf;

#[test]
fn ingest_text_corpus() {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fuzz/corpus/ingest_text"));
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        let data = std::fs::read(entry.path()).unwrap();
        if let Ok(decoded) = jikji_ingest::decode::decode(&data) {
            let mut dropped = jikji_ingest::Dropped::default();
            let (articles, _) = jikji_ingest::text_articles("fuzz.txt", "fuzz", &decoded.text, &mut dropped);
            assert!(articles.iter().all(|a| !a.id.is_empty()), "{}", entry.path().display());
        }
        count += 1;
    }
    assert!(count > 0);
}
