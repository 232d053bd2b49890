//! Builds `data/lexicon.fst` from the reduced lexicon TSV (`data/make.sh` runs it):
//! `surface \t left POS \t right POS \t cost \t boundary mask` per line, sorted by surface.
//! Each entry becomes the key `surface \0 n` (n: its rank among the surface's entries) with
//! the packed value of [`jikji_korean::Entry`].

use std::io::{BufRead, BufReader};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, source, target] = &args[..] else {
        eprintln!("usage: build_lexicon LEXICON.tsv OUT.fst");
        std::process::exit(2);
    };
    let file = std::fs::File::open(source).expect("the reduced lexicon");
    let mut entries: Vec<(Vec<u8>, u64)> = Vec::new();
    let mut last = String::new();
    let mut rank = 0u8;
    for line in BufReader::new(file).lines() {
        let line = line.expect("UTF-8 lines");
        let f: Vec<&str> = line.split('\t').collect();
        let (surface, left, right) = (f[0], f[1], f[2]);
        let cost: i32 = f[3].parse().expect("a cost");
        let boundaries: u32 = f[4].parse().expect("a mask");
        rank = if surface == last { rank + 1 } else { 0 };
        last = surface.to_owned();
        let entry = jikji_korean::Entry {
            left: jikji_korean::Pos::from_name(left).expect("a known POS"),
            right: jikji_korean::Pos::from_name(right).expect("a known POS"),
            cost,
            boundaries,
        };
        let mut key = surface.as_bytes().to_vec();
        key.extend([0, rank]);
        entries.push((key, entry.pack()));
    }
    entries.sort();
    let map = fst::Map::from_iter(entries).expect("sorted, distinct keys");
    std::fs::write(target, map.as_fst().as_bytes()).expect("writable output");
}
