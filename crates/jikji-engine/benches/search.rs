//! Native benchmarks of the engine: index build throughput, index size against the raw text,
//! and query latency (median and p99 over a set of 1–3 word queries, including prefix,
//! typing and initials queries), on the seed corpus, the Wikinews corpus (when
//! `../shared/corpus/wikinews` is present) and generated corpora of 10,000 and 50,000
//! articles. Prints a summary table, then runs Criterion on representative queries.
//!
//! `cargo bench -p jikji-engine --bench search` (add `-- --summary` to skip Criterion).

use std::time::{Duration, Instant};

use criterion::{black_box, Criterion};
use jikji_engine::{Article, Index, IndexBuilder, SearchOptions};
use jikji_ingest::generate::Model;

#[path = "shared/queries.rs"]
mod queries;
#[path = "shared/repo.rs"]
mod repo;
use queries::QUERIES;

const RUNS_PER_QUERY: usize = 30;
const GENERATOR_SEED: u64 = 2026;

fn corpora() -> Vec<(String, Vec<Article>)> {
    let seeds = jikji_ingest::ingest_paths(&[repo::seeds()]).articles;
    let mut out = vec![("seeds".to_owned(), seeds.clone())];
    if let Some(wikinews) = repo::wikinews_jsonl() {
        out.push((
            "wikinews".to_owned(),
            jikji_ingest::ingest_paths(&[wikinews]).articles,
        ));
    } else {
        println!("(../shared/corpus/wikinews not present: Wikinews skipped)");
    }
    let model = Model::learn(&seeds);
    for count in [10_000, 50_000] {
        out.push((
            format!("gen-{}k", count / 1000),
            model.corpus(GENERATOR_SEED, count),
        ));
    }
    out
}

fn raw_bytes(articles: &[Article]) -> usize {
    articles
        .iter()
        .map(|a| {
            a.title.len() + a.body.len() + a.captions.iter().map(|c| c.text.len()).sum::<usize>()
        })
        .sum()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn micros(d: Duration) -> String {
    format!("{:.0} µs", d.as_secs_f64() * 1e6)
}

/// A fixed piece of work (sorting 4 million pseudo-random numbers), timed before the figures:
/// this machine's speed drifts by a quarter between runs, so runs are compared by it.
fn reference_ms() -> f64 {
    let mut x = 0x9e37_79b9_7f4a_7c15u64;
    let mut numbers: Vec<u64> = (0..4_000_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        })
        .collect();
    let start = Instant::now();
    numbers.sort_unstable();
    black_box(&numbers);
    start.elapsed().as_secs_f64() * 1e3
}

fn main() {
    let summary_only = std::env::args().any(|a| a == "--summary");
    println!(
        "reference work (sort of 4 M numbers): {:.0} ms",
        reference_ms()
    );
    let corpora = corpora();
    let mut indexes = Vec::new();
    println!("\n| corpus | articles | raw text | build | index | overhead (all but articles) | query p50 | query p99 | slowest query |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for (name, articles) in &corpora {
        let raw = raw_bytes(articles);
        // The builder takes the articles it indexes (as the CLI gives them): copied untimed.
        let owned = articles.to_vec();
        let start = Instant::now();
        // As the app and the CLI build it: Hangul terms shaped by the Korean lexicon, words read
        // in context.
        let lexicon = jikji_korean::Lexicon::embedded();
        let bytes = IndexBuilder::from_articles_with(owned, lexicon).finish_with(lexicon);
        let build_time = start.elapsed();
        let index = Index::open(bytes.clone()).unwrap();
        // The stored articles: their heads and texts.
        let stored: usize = index
            .section_sizes()
            .iter()
            .filter(|(n, _)| matches!(*n, "articles" | "texts"))
            .map(|(_, s)| s)
            .sum();
        let overhead = bytes.len() - stored;

        let mut all = Vec::new();
        let mut slowest = (Duration::ZERO, "");
        for query in QUERIES {
            let mut times = Vec::with_capacity(RUNS_PER_QUERY);
            for _ in 0..RUNS_PER_QUERY {
                let start = Instant::now();
                black_box(index.search(query, &SearchOptions::default()));
                times.push(start.elapsed());
            }
            times.sort();
            let median = percentile(&times, 0.5);
            if median > slowest.0 {
                slowest = (median, query);
            }
            all.extend(times);
        }
        all.sort();
        println!(
            "| {name} | {} | {:.1} MB | {:.1} MB/s | {:.1} MB | {:.1} MB = {:.0}% | {} | {} | `{}` {} |",
            articles.len(),
            raw as f64 / 1e6,
            raw as f64 / 1e6 / build_time.as_secs_f64(),
            bytes.len() as f64 / 1e6,
            overhead as f64 / 1e6,
            100.0 * overhead as f64 / raw as f64,
            micros(percentile(&all, 0.5)),
            micros(percentile(&all, 0.99)),
            slowest.1.trim(),
            micros(slowest.0),
        );
        let sections: Vec<String> = index
            .section_sizes()
            .iter()
            .map(|(n, s)| format!("{n} {:.0} kB", *s as f64 / 1e3))
            .collect();
        println!("|  | sections: {} |", sections.join(", "));
        indexes.push((name.clone(), index));
    }
    if summary_only {
        return;
    }
    let mut criterion = Criterion::default()
        .configure_from_args()
        .sample_size(30)
        .measurement_time(Duration::from_secs(2));
    for (name, index) in &indexes {
        let mut group = criterion.benchmark_group(name.as_str());
        for query in ["창업 ", "중관ㅊ", "ㅈㄱㅊ", "중국 기업 "] {
            group.bench_function(query.trim(), |b| {
                b.iter(|| index.search(black_box(query), &SearchOptions::default()))
            });
        }
        group.finish();
    }
    criterion.final_summary();
}
