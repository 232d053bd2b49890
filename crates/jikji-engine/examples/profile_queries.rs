//! Runs the benchmark's query set repeatedly on a generated corpus, for a profiler:
//! `cargo build --release -p jikji-engine --example profile_queries` then
//! `perf record target/release/examples/profile_queries 50000`. With a query `typing` it
//! types the browser benchmark's keystroke sequences instead, each state searched with and
//! without a `SearchCache` (as the app searches while typing).

use jikji_engine::{Index, IndexBuilder, SearchCache, SearchOptions};
use jikji_ingest::generate::Model;

#[path = "../benches/shared/queries.rs"]
mod queries;
#[path = "../benches/shared/repo.rs"]
mod repo;

fn main() {
    let count: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let seeds = jikji_ingest::ingest_paths(&[repo::seeds()]).articles;
    // The index is cached on disk, so a profile of the queries is not drowned by the build.
    let cache = std::env::temp_dir().join(format!("jikji-profile-{count}.idx"));
    let bytes = std::fs::read(&cache)
        .ok()
        .filter(|b| Index::open(b.as_slice()).is_ok())
        .unwrap_or_else(|| {
            let lexicon = jikji_korean::Lexicon::embedded();
            let articles = Model::learn(&seeds).corpus(2026, count);
            let bytes = IndexBuilder::from_articles_with(articles, lexicon).finish_with(lexicon);
            let _ = std::fs::write(&cache, &bytes);
            bytes
        });
    let index = Index::open(bytes).unwrap();
    let only: Option<String> = std::env::args().nth(3);
    let rounds = std::env::args()
        .nth(2)
        .and_then(|a| a.parse().ok())
        .unwrap_or(50u32);
    if only.as_deref() == Some("typing") {
        return typing(&index, rounds);
    }
    let queries: Vec<&str> = match &only {
        Some(q) => vec![q.as_str()],
        None => queries::QUERIES.to_vec(),
    };
    for q in queries.iter().copied() {
        // The fastest round: this machine's speed drifts, the minimum is what the code costs.
        let time = |f: &dyn Fn()| {
            (0..rounds)
                .map(|_| {
                    let start = std::time::Instant::now();
                    f();
                    start.elapsed()
                })
                .min()
                .unwrap_or_default()
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

/// The keystroke sequences of `bench/run.mjs`, typed `rounds` times: per state, the time to
/// the first page of results (no snippets, as the app asks) without and with a cache, the
/// fastest of the rounds (this machine's speed drifts; the minimum is what the code costs).
fn typing(index: &Index<Vec<u8>>, rounds: u32) {
    let sequences: [&[&str]; 5] = [
        &["ㅎ", "화", "환", "화웨", "화웨이"],
        &[
            "ㅈ",
            "주",
            "중",
            "중ㄱ",
            "중과",
            "중관",
            "중관ㅊ",
            "중관추",
            "중관춘",
        ],
        &["창", "창어", "창업"],
        &["중국", "중국 ", "중국 기", "중국 기업"],
        &["ㅈ", "ㅈㄱ", "ㅈㄱㅊ"],
    ];
    let states: Vec<&str> = sequences.iter().flat_map(|s| s.iter().copied()).collect();
    let options = SearchOptions {
        limit: 20,
        snippets: false,
        ..SearchOptions::default()
    };
    let mut fastest = vec![(std::time::Duration::MAX, std::time::Duration::MAX); states.len()];
    for _ in 0..rounds {
        let mut cache = SearchCache::default();
        for (state, fastest) in states.iter().zip(&mut fastest) {
            let start = std::time::Instant::now();
            drop(index.search(state, &options));
            let plain = start.elapsed();
            let start = std::time::Instant::now();
            drop(index.search_with(state, &options, &mut cache));
            let cached = start.elapsed();
            *fastest = (fastest.0.min(plain), fastest.1.min(cached));
        }
    }
    println!("{:<12} {:>10} {:>10}", "state", "search", "with cache");
    for (state, (plain, cached)) in states.iter().zip(&fastest) {
        println!("{state:<12} {plain:>10.2?} {cached:>10.2?}");
    }
    let sum = |f: fn(&(std::time::Duration, std::time::Duration)) -> std::time::Duration| {
        fastest.iter().map(f).sum::<std::time::Duration>()
    };
    println!(
        "{:<12} {:>10.2?} {:>10.2?}",
        "all states",
        sum(|f| f.0),
        sum(|f| f.1)
    );
}
