//! Builds `data/lexicon.fst` and `data/contexts.tsv` from the reduced lexicon TSV (`data/make.sh`
//! runs it): `surface \t left POS \t right POS \t cost \t boundary mask \t left id \t right id`
//! per line, sorted by surface. Each entry becomes the key `surface \0 n` (n: its rank among
//! the surface's entries) with the packed value of [`jikji_korean::Entry`]; the contexts file
//! gives each context id's class (`L id POS`, `R id POS`) and the ids a run of characters the
//! lexicon lacks is read with (`U left id, right id after a vowel, right id after a final
//! consonant`: those of the most common name entries).

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::{BufRead, BufReader};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, source, target, contexts] = &args[..] else {
        eprintln!("usage: build_lexicon LEXICON.tsv OUT.fst CONTEXTS.tsv");
        std::process::exit(2);
    };
    let file = std::fs::File::open(source).expect("the reduced lexicon");
    let mut entries: Vec<(Vec<u8>, u64)> = Vec::new();
    let mut classes: BTreeMap<(char, u16), String> = BTreeMap::new();
    // Name (NNP) entries' ids, counted: left ids, and right ids by the last syllable's final.
    let mut name_left: HashMap<u16, usize> = HashMap::new();
    let mut name_right: [HashMap<u16, usize>; 2] = Default::default();
    let mut last = String::new();
    let mut rank = 0u8;
    for line in BufReader::new(file).lines() {
        let line = line.expect("UTF-8 lines");
        let f: Vec<&str> = line.split('\t').collect();
        let (surface, left, right) = (f[0], f[1], f[2]);
        let cost: i32 = f[3].parse().expect("a cost");
        let boundaries: u32 = f[4].parse().expect("a mask");
        let left_id: u16 = f[5].parse().expect("a left id");
        let right_id: u16 = f[6].parse().expect("a right id");
        rank = if surface == last { rank + 1 } else { 0 };
        last = surface.to_owned();
        classes.insert(('L', left_id), left.to_owned());
        classes.insert(('R', right_id), right.to_owned());
        if left == "NNP" {
            *name_left.entry(left_id).or_default() += 1;
        }
        if right == "NNP" {
            let last_syllable = surface.chars().last().map_or(0, |c| c as u32);
            let has_final =
                (0xAC00..=0xD7A3).contains(&last_syllable) && (last_syllable - 0xAC00) % 28 != 0;
            *name_right[usize::from(has_final)]
                .entry(right_id)
                .or_default() += 1;
        }
        let entry = jikji_korean::Entry {
            left: jikji_korean::Pos::from_name(left).expect("a known POS"),
            right: jikji_korean::Pos::from_name(right).expect("a known POS"),
            cost,
            boundaries,
            left_id,
            right_id,
        };
        let mut key = surface.as_bytes().to_vec();
        key.extend([0, rank]);
        entries.push((key, entry.pack()));
    }
    entries.sort();
    let map = fst::Map::from_iter(entries).expect("sorted, distinct keys");
    std::fs::write(target, map.as_fst().as_bytes()).expect("writable output");
    let most = |counts: &HashMap<u16, usize>| {
        counts
            .iter()
            .max_by_key(|&(id, n)| (*n, std::cmp::Reverse(*id)))
            .map(|(id, _)| *id)
            .expect("name entries")
    };
    let mut out = String::new();
    for ((side, id), class) in &classes {
        writeln!(out, "{side}\t{id}\t{class}").unwrap();
    }
    writeln!(
        out,
        "U\t{}\t{}\t{}",
        most(&name_left),
        most(&name_right[0]),
        most(&name_right[1])
    )
    .unwrap();
    std::fs::write(contexts, out).expect("writable contexts");
}
