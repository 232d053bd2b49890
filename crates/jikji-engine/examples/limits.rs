//! Limits of the engine, measured: very long queries, a 20 MB article, 10,000 sources. Prints
//! time and the process's peak memory after each step (Linux `VmHWM`).
//! `cargo run --release -p jikji-engine --example limits`

use std::time::Instant;

use jikji_engine::{Article, Index, IndexBuilder, SearchOptions};

#[path = "../benches/shared/repo.rs"]
mod repo;

fn peak_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l.split_whitespace().nth(1).unwrap_or("0").to_owned())
        })
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn step<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let value = f();
    println!(
        "| {name} | {:.1} ms | {:.0} MB |",
        start.elapsed().as_secs_f64() * 1e3,
        peak_mb()
    );
    value
}

fn main() {
    println!("| case | time | peak memory (process) |\n|---|---|---|");
    let seeds = jikji_ingest::ingest_paths(&[repo::seeds()]).articles;
    let index = step("open the seed index", || {
        let mut b = IndexBuilder::new();
        for a in &seeds {
            b.add(a.clone());
        }
        Index::open(b.finish()).unwrap()
    });
    let long: String = "중관춘 창업 화웨이 ".repeat(100_000 / 12);
    step("query of 100,000 characters", || {
        index.search(&long, &SearchOptions::default()).total
    });
    let syllables: String = (0..5000)
        .map(|i| format!("{} ", char::from_u32(0xAC00 + (i * 37) % 11172).unwrap()))
        .collect();
    step("query of 5,000 one-syllable words", || {
        index.search(&syllables, &SearchOptions::default()).total
    });

    let unit = "아주 긴 기사 본문이 끝없이 이어진다. 화웨이와 중관춘 이야기. ";
    let huge = unit.repeat(20 * 1024 * 1024 / unit.len());
    let big = step("index a 20 MB article", || {
        let mut b = IndexBuilder::new();
        b.add(Article::new("huge", "아주 긴 기사", huge.clone()));
        Index::open(b.finish()).unwrap()
    });
    step("search it (snippet over 20 MB)", || {
        big.search("화웨이", &SearchOptions::default()).total
    });
    drop(big);

    let many = step("index 10,000 articles with 10,000 sources", || {
        let mut b = IndexBuilder::new();
        for i in 0..10_000 {
            let mut a = Article::new(format!("s{i}"), format!("기사 {i}"), "창업 소식 본문");
            a.source = Some(format!("매체{i}"));
            b.add(a);
        }
        Index::open(b.finish()).unwrap()
    });
    let facets = step("search with facets over 10,000 sources", || {
        many.search("창업", &SearchOptions::default())
            .facets
            .sources
            .len()
    });
    assert_eq!(facets, 10_000);
}
