//! What several of ingest's test files share: the repository's root, and the Wikinews corpus
//! that lives beside it when the machine has it.
#![allow(dead_code)] // each test file uses some of it

use std::path::PathBuf;

/// The repository's root.
pub fn repo() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// The folder of the Wikinews corpus (`../shared/corpus/wikinews`: `wikinews_ko.jsonl` and
/// `wikinews_ko.csv`), when it is there. When it is not, the test goes on without it (and
/// says what it leaves out: `without`), unless `JIKJI_REQUIRE_WIKINEWS` is set, which makes
/// the absence a failure.
pub fn wikinews(without: &str) -> Option<PathBuf> {
    let dir = repo().join("../shared/corpus/wikinews");
    if dir.join("wikinews_ko.jsonl").is_file() && dir.join("wikinews_ko.csv").is_file() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("JIKJI_REQUIRE_WIKINEWS").is_none(),
        "JIKJI_REQUIRE_WIKINEWS is set, but there is no Wikinews corpus at {}",
        dir.display()
    );
    eprintln!("no Wikinews corpus at {}: {without}", dir.display());
    None
}
