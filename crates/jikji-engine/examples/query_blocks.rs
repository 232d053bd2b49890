//! What a query fetches in a split index, by kind of block: opens the core of an index alone,
//! searches, gives it the blocks the search lacked, until it lacks none (as the app does),
//! then the text chunks of the first page of results (and the blocks of their addresses). Then each query's time on the whole
//! index (the median of seven searches, every part at hand).
//!
//! `cargo run --release -p jikji-engine --example query_blocks -- INDEX QUERY...`

use std::collections::BTreeMap;

use jikji_engine::index::split;
use jikji_engine::{Block, Index, SearchOptions};

fn kind(block: Block) -> &'static str {
    match block {
        Block::Postings(_) => "postings",
        Block::Positions(_) => "positions",
        Block::Suffixes(_) => "compounds",
        Block::Terms(_) => "terms",
        Block::Letters(_) => "letters",
        Block::Ids(_) => "ids",
        Block::Related(_) => "related",
        Block::Names(_) => "names",
        Block::Addresses(_) => "chunk addresses",
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let bytes = std::fs::read(&args[0]).expect("an index file");
    let parts = split(&bytes).expect("a whole index");
    let blocks: BTreeMap<Block, Vec<u8>> = parts
        .blocks
        .into_iter()
        .map(|(block, bytes)| (block, bytes.to_vec()))
        .collect();
    println!("core {} bytes", parts.core.len());
    for query in &args[1..] {
        let core = Index::open(parts.core.as_slice()).expect("its core");
        let mut fetched: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        let mut rounds = 0;
        let results = loop {
            let results = core.search(query, &SearchOptions::default());
            if results.missing_blocks.is_empty() {
                break results;
            }
            rounds += 1;
            for block in results.missing_blocks {
                let bytes = &blocks[&block];
                core.add_block(block, bytes).expect("a block of this index");
                let entry = fetched.entry(kind(block)).or_default();
                entry.0 += 1;
                entry.1 += bytes.len();
            }
        };
        let mut chunks: Vec<usize> = results
            .hits
            .iter()
            .filter_map(|h| h.awaiting_text)
            .collect();
        chunks.sort_unstable();
        chunks.dedup();
        let mut address_blocks: Vec<Block> = chunks
            .iter()
            .filter_map(|&c| core.missing_address(c))
            .collect();
        address_blocks.dedup();
        for block in address_blocks {
            let entry = fetched.entry(kind(block)).or_default();
            entry.0 += 1;
            entry.1 += blocks[&block].len();
        }
        let text: usize = chunks.iter().map(|&c| parts.chunks[c].len()).sum();
        let by_kind: Vec<String> = fetched
            .iter()
            .map(|(k, (n, b))| format!("{k} {n} ({} kB)", b / 1000))
            .collect();
        println!(
            "{query}: {} hits; {rounds} rounds of blocks: {}; texts {} chunks ({} kB)",
            results.total,
            by_kind.join(", "),
            chunks.len(),
            text / 1000
        );
    }
    let whole = Index::open(bytes.as_slice()).expect("the whole index");
    for query in &args[1..] {
        let mut times: Vec<f64> = (0..7)
            .map(|_| {
                let start = std::time::Instant::now();
                let results = whole.search(query, &SearchOptions::default());
                std::hint::black_box(results.total);
                start.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        println!(
            "{query}: {:.1} ms on the whole index (median of 7)",
            times[3]
        );
    }
}
