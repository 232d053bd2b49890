//! Prints each part of a split index: its file name, byte length and FNV-1a-64 checksum
//! (to compare two builds: which parts a rebuild changed).
use jikji_engine::{split, text_chunk_file_name};

fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: part_sums INDEX");
    let bytes = std::fs::read(&path).expect("read the index");
    let parts = split(&bytes).expect("split");
    println!("core.bin\t{}\t{:016x}", parts.core.len(), fnv(&parts.core));
    for (n, chunk) in parts.chunks.iter().enumerate() {
        println!(
            "{}\t{}\t{:016x}",
            text_chunk_file_name(n),
            chunk.len(),
            fnv(chunk)
        );
    }
    for (block, b) in &parts.blocks {
        println!("{}\t{}\t{:016x}", block.file_name(), b.len(), fnv(b));
    }
}
