//! Isolation asked of a program that cannot serve as a worker: this test binary, whose `main`
//! (the test harness) does not call `run_if_worker`. Ingest must notice, say so in a note, and
//! read the files in process with the same results. (The worker path itself is tested through
//! the `jikji` binary: `crates/jikji-cli/tests/hostile.rs`.)

use std::time::Duration;

use jikji_ingest::worker::{Limits, WORKER_ENV};
use jikji_ingest::{ingest_paths, ingest_paths_with, IngestOptions, Isolation};

mod common;

#[test]
fn a_program_that_is_no_worker_reads_in_process_with_a_note() {
    // Run again as the would-be worker, this binary runs its tests: this one must then do
    // nothing, or each run would start another.
    if std::env::var_os(WORKER_ENV).is_some() {
        return;
    }
    let corpus = common::repo().join("corpus");
    let options = IngestOptions {
        isolation: Isolation::Worker(Limits {
            file_timeout: Duration::from_secs(10),
            file_memory: 1 << 30,
        }),
    };
    let isolated = ingest_paths_with(std::slice::from_ref(&corpus), &options, |_, _, _| {});
    assert_eq!(isolated.notes.len(), 1, "{:?}", isolated.notes);
    assert!(
        isolated.notes[0].contains("files are read in this process")
            && isolated.notes[0].contains("run_if_worker"),
        "{}",
        isolated.notes[0]
    );
    let in_process = ingest_paths(&[corpus]);
    assert_eq!(isolated.articles, in_process.articles);
    assert_eq!(isolated.files, in_process.files);
    assert!(in_process.notes.is_empty());
}
