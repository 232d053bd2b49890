//! Builds the search index from the corpus before the app compiles. The index is split
//! (`jikji_engine::split`): `src/index_data.rs` embeds the core with `include_bytes!`, and the
//! article text chunks and the blocks (postings, suffixes) are written to
//! `target/jikji-texts/<core checksum>/<n>.json`, `…/p<n>.bin` and `…/s<n>.bin`, from where
//! `jikji package` copies the ones of the built wasm into `dist/texts/`. The corpus
//! is `corpus/` unless `JIKJI_CORPUS` names another folder or file (absolute, or relative to
//! this directory); `CARGO_TARGET_DIR` moves `target/`.
//!
//! The corpus files are read by worker processes (this script, run again: see
//! `jikji_ingest::worker`), each file under a time and a memory limit, so that a file that
//! crashes a reader or never ends is reported (a `cargo:warning`) and skipped, and the build
//! goes on. `JIKJI_FILE_TIMEOUT` (default `60s`) and `JIKJI_FILE_MEMORY` (default `2GiB`)
//! change the limits.

use std::path::PathBuf;

fn main() {
    // This script, run again as a worker to read the corpus files, serves and exits here.
    jikji_ingest::worker::run_if_worker();
    println!("cargo:rerun-if-env-changed=JIKJI_CORPUS");
    println!("cargo:rerun-if-env-changed=JIKJI_FILE_TIMEOUT");
    println!("cargo:rerun-if-env-changed=JIKJI_FILE_MEMORY");
    println!("cargo:rerun-if-env-changed=CARGO_TARGET_DIR");
    let corpus =
        std::env::var_os("JIKJI_CORPUS").map_or_else(|| PathBuf::from("corpus"), PathBuf::from);
    // For a folder, Cargo re-runs the script when any file inside it changes.
    println!("cargo:rerun-if-changed={}", corpus.display());

    let limits = jikji_ingest::worker::Limits::from_env().unwrap_or_else(|e| panic!("{e}"));
    let options = jikji_ingest::IngestOptions {
        isolation: jikji_ingest::Isolation::Worker(limits),
    };
    let (bytes, ingested) = jikji_ingest::build_index_with(std::slice::from_ref(&corpus), &options);
    for note in &ingested.notes {
        println!("cargo:warning={note}");
    }
    // Skipped files, and files with text kept in no article: what the archive lost. Cargo
    // shows a warning a line, so a report's lines are warnings each.
    for file in &ingested.files {
        let skipped = matches!(file.outcome, jikji_ingest::Outcome::Skipped { .. });
        if skipped || file.unplaced().is_some() {
            for line in file.to_string().lines() {
                println!("cargo:warning={}", line.trim_start());
            }
        }
    }
    if ingested.unplaced().next().is_some() {
        println!("cargo:warning={}", ingested.summary());
    }
    if ingested.articles.is_empty() {
        panic!("no article could be read from the corpus {} (set JIKJI_CORPUS to a folder of articles: text, records, PDF, DOCX, HWP(X), saved pages, e-mail or feeds)", corpus.display());
    }
    let split = jikji_engine::split(&bytes).expect("an index just built splits");
    let out =
        PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("index.jikji");
    std::fs::write(&out, &split.core)
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));

    let id = jikji_engine::stored_checksum(&split.core).expect("a core has a header");
    let texts = jikji_ingest::texts_cache_dir().join(format!("{id:016x}"));
    std::fs::create_dir_all(&texts)
        .unwrap_or_else(|e| panic!("cannot create {}: {e}", texts.display()));
    for (number, chunk) in split.chunks.iter().enumerate() {
        let path = texts.join(format!("{number}.json"));
        std::fs::write(&path, chunk)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }
    for (block, bytes) in &split.blocks {
        let path = texts.join(block.file_name());
        std::fs::write(&path, bytes)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }
}
