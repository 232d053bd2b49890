//! Builds the search index from the corpus before the app compiles; `src/index_data.rs`
//! embeds it with `include_bytes!`. The corpus is `corpus/` unless `JIKJI_CORPUS` names another
//! folder (absolute, or relative to this directory).

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-env-changed=JIKJI_CORPUS");
    let corpus = std::env::var_os("JIKJI_CORPUS").map_or_else(|| PathBuf::from("corpus"), PathBuf::from);
    // For a folder, Cargo re-runs the script when any file inside it changes.
    println!("cargo:rerun-if-changed={}", corpus.display());

    let (bytes, ingested) = jikji_ingest::build_index(std::slice::from_ref(&corpus));
    for file in &ingested.files {
        if let jikji_ingest::Outcome::Skipped { .. } = file.outcome {
            println!("cargo:warning={file}");
        }
    }
    if ingested.articles.is_empty() {
        panic!("no article could be read from the corpus {} (set JIKJI_CORPUS to a folder of .txt/.md files)", corpus.display());
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("index.jikji");
    std::fs::write(&out, &bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}
