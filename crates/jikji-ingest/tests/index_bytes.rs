//! The index bytes, pinned: the index built from the seed corpus, from an archive generated
//! from it, and from the Wikinews corpus when it is at hand, must stay byte for byte what
//! `tests/fixtures/index-digests.tsv` records (length and header checksum, FNV-1a-64 of every
//! byte after it).
//!
//! A change meant to leave the index as it is (a restructuring, a faster builder) must pass
//! unchanged. A change meant to alter it (a format version, another lexicon, a tokenizer
//! rule) updates the digests on purpose: run with `JIKJI_WRITE_DIGESTS=1` and commit the file
//! with the change, saying why the bytes moved.

use std::collections::BTreeMap;
use std::path::PathBuf;

use jikji_engine::stored_checksum;
use jikji_ingest::{generate::Model, index_articles, ingest_paths};

mod common;
use common::repo;

fn digests_file() -> PathBuf {
    repo().join("tests/fixtures/index-digests.tsv")
}

/// `name → "length checksum"` of each corpus built here.
fn built() -> BTreeMap<String, String> {
    let digest = |bytes: Vec<u8>| {
        let sum = stored_checksum(&bytes).expect("an index header");
        format!("{}\t{sum:016x}", bytes.len())
    };
    let mut out = BTreeMap::new();
    let seeds = ingest_paths(&[repo().join("corpus")]).articles;
    assert!(seeds.len() > 20, "the seed corpus reads into articles");
    let generated = Model::learn(&seeds).corpus(7, 2_000);
    out.insert("seeds".to_string(), digest(index_articles(seeds)));
    out.insert(
        "generated-2000".to_string(),
        digest(index_articles(generated)),
    );
    if let Some(dir) = common::wikinews("its digest is not checked") {
        let articles = ingest_paths(&[dir.join("wikinews_ko.jsonl")]).articles;
        assert!(
            articles.len() > 600,
            "the Wikinews corpus reads into articles"
        );
        out.insert("wikinews".to_string(), digest(index_articles(articles)));
    }
    out
}

#[test]
fn the_index_bytes_are_the_recorded_ones() {
    let built = built();
    if std::env::var_os("JIKJI_WRITE_DIGESTS").is_some() {
        let mut text = String::from(
            "# corpus\tbytes\tchecksum (see crates/jikji-ingest/tests/index_bytes.rs)\n",
        );
        for (name, digest) in &built {
            text += &format!("{name}\t{digest}\n");
        }
        std::fs::write(digests_file(), text).expect("writing the digests");
        return;
    }
    let recorded: BTreeMap<String, String> = std::fs::read_to_string(digests_file())
        .expect("tests/fixtures/index-digests.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(|l| l.split_once('\t'))
        .map(|(name, digest)| (name.to_string(), digest.to_string()))
        .collect();
    for (name, digest) in &built {
        assert_eq!(
            Some(digest),
            recorded.get(name),
            "the index of {name} is no longer the recorded one (bytes, checksum); if the change \
             means to alter the index, write the digests anew (JIKJI_WRITE_DIGESTS=1) and say why"
        );
    }
}

/// The index written to a file as the archive is read (`index_paths_in_batches`, what `jikji
/// index` does), in batches of a few articles, is byte for byte the one built in memory.
#[test]
fn an_index_written_as_files_are_read_is_the_one_built_in_memory() {
    let corpus = repo().join("corpus");
    let seeds = ingest_paths(std::slice::from_ref(&corpus)).articles;
    let in_memory = index_articles(seeds.clone());
    for batch_bytes in [1, 20_000, usize::MAX] {
        let (ingested, count, sink, len) = jikji_ingest::index_paths_in_batches(
            std::slice::from_ref(&corpus),
            &jikji_ingest::IngestOptions::default(),
            std::io::Cursor::new(Vec::new()),
            batch_bytes,
        )
        .expect("writing to memory");
        assert!(ingested.articles.is_empty(), "the articles are not kept");
        assert_eq!(count, seeds.len());
        let written = sink.into_inner();
        assert_eq!(len as usize, written.len());
        assert!(
            written == in_memory,
            "batches of {batch_bytes} bytes of text give other bytes"
        );
    }
}
