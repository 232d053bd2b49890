//! Prints how each word given divides (its shape, as the index stores it): `cargo run -p jikji-korean --example analyze -- 해외창업을 소비자`;
//! with `--time`, reads words from stdin, one a line, and prints how long analysing them took;
//! with `--after-number`, analyses the words as written right after a number (1일부터); with
//! `--context BEFORE WORD AFTER`, prints how WORD reads between the two ("" for none).
fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, flag, before, word, after] = &args[..] {
        if flag == "--context" {
            let lexicon = jikji_korean::Lexicon::embedded();
            println!("{}", lexicon.describe_reading(before, word, after));
            return;
        }
    }
    if std::env::args().nth(1).as_deref() == Some("--paths") {
        let lexicon = jikji_korean::Lexicon::embedded();
        for word in std::env::args().skip(2) {
            println!("{word}\n{}", lexicon.describe_paths(&word, 4_000));
        }
        return;
    }
    if std::env::args().nth(1).as_deref() == Some("--time") {
        let words: Vec<String> = std::io::stdin().lines().map_while(Result::ok).collect();
        let lexicon = jikji_korean::Lexicon::embedded();
        let start = std::time::Instant::now();
        let mut bits = 0u64;
        for word in &words {
            bits += u64::from(lexicon.analyze(word).boundaries.count_ones());
        }
        let took = start.elapsed();
        println!(
            "{} words in {took:.2?}: {:.2} µs a word ({bits} boundaries)",
            words.len(),
            took.as_secs_f64() * 1e6 / words.len().max(1) as f64
        );
        return;
    }
    let after_number = std::env::args().nth(1).as_deref() == Some("--after-number");
    for word in std::env::args().skip(1 + usize::from(after_number)) {
        let lexicon = jikji_korean::Lexicon::embedded();
        let a = if after_number {
            lexicon.analyze_after_number(&word)
        } else {
            lexicon.shape_of(&word)
        };
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
