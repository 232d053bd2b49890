//! Times the reprint search alone (`jikji_engine::index::reprints::find_reprints`) on an
//! archive, for BENCHMARKS.md: `cargo run --release -p jikji-ingest --example reprint_time
//! -- FILE_OR_FOLDER`. Prints the articles, the groups found and the time.

use std::time::Instant;

use jikji_engine::index::reprints::find_reprints;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: reprint_time FILE_OR_FOLDER");
        std::process::exit(2);
    };
    let articles = jikji_ingest::ingest_paths(&[path.into()]).articles;
    let start = Instant::now();
    let groups = find_reprints(&articles);
    let grouped: usize = groups.iter().map(Vec::len).sum();
    println!(
        "{} articles: {} groups holding {grouped} articles, found in {:.2} s",
        articles.len(),
        groups.len(),
        start.elapsed().as_secs_f64()
    );
}
