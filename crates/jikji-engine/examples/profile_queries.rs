//! Runs the benchmark's query set repeatedly on a generated corpus, for a profiler:
//! `cargo build --release -p jikji-engine --example profile_queries` then
//! `perf record target/release/examples/profile_queries 50000`.

use jikji_engine::{Index, IndexBuilder, SearchOptions};
use jikji_ingest::generate::Model;

fn main() {
    let count: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let root = std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus"));
    let seeds = jikji_ingest::ingest_paths(&[root]).articles;
    // The index is cached on disk, so a profile of the queries is not drowned by the build.
    let cache = std::env::temp_dir().join(format!("jikji-profile-{count}.idx"));
    let bytes = std::fs::read(&cache)
        .ok()
        .filter(|b| Index::open(b.as_slice()).is_ok())
        .unwrap_or_else(|| {
            let bytes =
                IndexBuilder::from_articles(Model::learn(&seeds).corpus(2026, count)).finish();
            let _ = std::fs::write(&cache, &bytes);
            bytes
        });
    let index = Index::open(bytes).unwrap();
    let only: Option<String> = std::env::args().nth(3);
    let all = [
        "창업 ",
        "중관춘 ",
        "화웨이",
        "중국 기업 ",
        "스마트 팩토리 ",
        "ㅈㄱㅊ",
        "중관ㅊ",
        "창업 투자 ",
        "블록체인",
        "정부",
    ];
    let queries: Vec<&str> = match &only {
        Some(q) => vec![q.as_str()],
        None => all.to_vec(),
    };
    let rounds = std::env::args()
        .nth(2)
        .and_then(|a| a.parse().ok())
        .unwrap_or(50u32);
    for q in queries.iter().copied() {
        let time = |f: &dyn Fn()| {
            let start = std::time::Instant::now();
            for _ in 0..rounds {
                f();
            }
            start.elapsed() / rounds
        };
        let prepare = time(&|| drop(index.prepare(q)));
        let no_hits = time(&|| {
            drop(index.search(
                q,
                &SearchOptions {
                    limit: 0,
                    ..SearchOptions::default()
                },
            ))
        });
        let full = time(&|| drop(index.search(q, &SearchOptions::default())));
        println!("{q:<12} prepare {prepare:>10?}  rank {no_hits:>10?}  with 20 hits {full:>10?}");
    }
}
