//! Where the engine's tests, benchmarks and examples find the repository's files: its root,
//! the seed corpus, and the Wikinews corpus beside the repository when the machine has it.
#![allow(dead_code)] // each user reads some of it

use std::path::PathBuf;

/// The repository's root.
pub fn root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// The seed corpus (`corpus/`).
pub fn seeds() -> PathBuf {
    root().join("corpus")
}

/// The Wikinews corpus as JSON Lines (`../shared/corpus/wikinews/wikinews_ko.jsonl`), when it
/// is there.
pub fn wikinews_jsonl() -> Option<PathBuf> {
    let file = root().join("../shared/corpus/wikinews/wikinews_ko.jsonl");
    file.is_file().then_some(file)
}
