//! Replays the committed fuzz corpus of the text ingest (`fuzz/corpus/ingest_text`): no panic,
//! and every character accounted for.

use jikji_ingest::ink;

mod common;

#[test]
fn ingest_text_corpus() {
    let dir = common::repo().join("fuzz/corpus/ingest_text");
    let (mut count, mut accounted) = (0, 0);
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        let data = std::fs::read(entry.path()).unwrap();
        if let Ok(decoded) = jikji_ingest::decode::decode(&data) {
            let mut ledger = jikji_ingest::Ledger::default();
            let (articles, _) =
                jikji_ingest::text_articles("fuzz.txt", "fuzz", &decoded.text, &mut ledger);
            assert!(
                articles.iter().all(|a| !a.id.is_empty()),
                "{}",
                entry.path().display()
            );
            // Nothing lost: a file that gives articles accounts for every character.
            if !articles.is_empty() {
                let kept = jikji_ingest::article_ink(&articles);
                assert_eq!(
                    ink(&decoded.text),
                    kept + ledger.chars(),
                    "{}: {ledger:?}",
                    entry.path().display()
                );
                accounted += 1;
            }
        }
        count += 1;
    }
    assert!(count > 0 && accounted > 0);
}
