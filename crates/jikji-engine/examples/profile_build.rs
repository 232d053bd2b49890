//! Builds the index of a generated corpus, timing adding the articles and finishing apart,
//! for a profiler: `cargo build --release -p jikji-engine --example profile_build` then
//! `perf record -g target/release/examples/profile_build 50000`.

use std::time::Instant;

use jikji_engine::IndexBuilder;
use jikji_ingest::generate::Model;

#[path = "../benches/shared/repo.rs"]
mod repo;

fn main() {
    let count: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let seeds = jikji_ingest::ingest_paths(&[repo::seeds()]).articles;
    let articles = Model::learn(&seeds).corpus(2026, count);
    let raw: usize = articles
        .iter()
        .map(|a| {
            a.title.len() + a.body.len() + a.captions.iter().map(|c| c.text.len()).sum::<usize>()
        })
        .sum();
    let start = Instant::now();
    let builder = if std::env::args().any(|a| a == "--one-thread") {
        let mut builder = IndexBuilder::new();
        for a in articles {
            builder.add(a);
        }
        builder
    } else {
        IndexBuilder::from_articles(articles)
    };
    let added = start.elapsed();
    let bytes = builder.finish();
    let total = start.elapsed();
    println!(
        "{count} articles, {:.1} MB: add {added:?}, finish {:?}, total {total:?} = {:.1} MB/s; index {:.1} MB",
        raw as f64 / 1e6,
        total - added,
        raw as f64 / 1e6 / total.as_secs_f64(),
        bytes.len() as f64 / 1e6
    );
}
