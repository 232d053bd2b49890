//! Prints how each word given divides: `cargo run -p jikji-korean --example analyze -- 해외창업을 소비자`.
fn main() {
    for word in std::env::args().skip(1) {
        let a = jikji_korean::Lexicon::embedded().analyze(&word);
        let chars: Vec<char> = word.chars().collect();
        let mut shown = String::new();
        for (k, c) in chars.iter().enumerate() {
            if k > 0 && a.boundaries >> k & 1 == 1 {
                shown.push('|');
            }
            shown.push(*c);
        }
        let stem: String = chars[..a.stem_chars].iter().collect();
        println!("{word}\t{shown}\tstem {stem}");
    }
}
