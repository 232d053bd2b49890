//! A deterministic generator of Korean news archives for benchmarks: articles of any number,
//! with the statistics of a real corpus.
//!
//! The model is learned from real articles (the seed corpus): which word follows which
//! (a first-order Markov chain over space-separated words, particles attached as written),
//! how long articles and titles are, and which sources exist. To make the vocabulary keep
//! growing with the corpus as a real archive's does (Heaps' law), a small share of words are
//! new names made of the corpus's own syllables, with a particle attached. The same seed gives
//! the same corpus on every machine.

use std::collections::HashMap;

use jikji_engine::Article;

/// SplitMix64: small, fast, good enough for sampling, identical everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Share of generated words that are new names (per mille). 20–60 keeps the vocabulary of a
/// 50,000-article corpus in the range real archives show.
const NEW_NAME_PER_MILLE: usize = 35;
const MAX_PARAGRAPHS: usize = 10;
const MAX_PARAGRAPH_WORDS: usize = 80;
const PARTICLES: &[&str] = &[
    "", "은", "는", "이", "가", "을", "를", "의", "에", "에서", "와", "과", "도", "로",
];

/// What the generator learned from real articles.
pub struct Model {
    successors: HashMap<String, Vec<String>>,
    starts: Vec<String>,
    syllables: Vec<char>,
    paragraph_words: Vec<usize>,
    paragraphs_per_article: Vec<usize>,
    title_words: Vec<usize>,
    sources: Vec<String>,
}

impl Model {
    /// Learns from articles. Panics on an empty set (the generator needs something to learn).
    pub fn learn(articles: &[Article]) -> Model {
        assert!(
            !articles.is_empty(),
            "the generator learns from at least one article"
        );
        let mut successors: HashMap<String, Vec<String>> = HashMap::new();
        let mut starts = Vec::new();
        let mut syllables = Vec::new();
        let mut paragraph_words = Vec::new();
        let mut paragraphs_per_article = Vec::new();
        let mut title_words = Vec::new();
        let mut sources: Vec<String> = Vec::new();
        for a in articles {
            title_words.push(a.title.split_whitespace().count().max(2));
            let paragraphs: Vec<&str> = a.paragraphs().collect();
            paragraphs_per_article.push(paragraphs.len().max(1));
            for p in paragraphs {
                let words: Vec<&str> = p.split_whitespace().collect();
                paragraph_words.push(words.len().max(1));
                if let Some(first) = words.first() {
                    starts.push((*first).to_owned());
                }
                for pair in words.windows(2) {
                    successors
                        .entry(pair[0].to_owned())
                        .or_default()
                        .push(pair[1].to_owned());
                }
                syllables.extend(p.chars().filter(|c| ('가'..='힣').contains(c)));
            }
            if let Some(source) = &a.source {
                if !sources.contains(source) {
                    sources.push(source.clone());
                }
            }
        }
        if syllables.is_empty() {
            syllables.push('가');
        }
        if starts.is_empty() {
            starts.push("기사".into());
        }
        Model {
            successors,
            starts,
            syllables,
            paragraph_words,
            paragraphs_per_article,
            title_words,
            sources,
        }
    }

    fn word(&self, rng: &mut Rng, previous: Option<&str>) -> String {
        if rng.below(1000) < NEW_NAME_PER_MILLE {
            let len = 2 + rng.below(3);
            let mut name: String = (0..len).map(|_| *rng.pick(&self.syllables)).collect();
            name.push_str(PARTICLES[rng.below(PARTICLES.len())]);
            return name;
        }
        match previous.and_then(|p| self.successors.get(p)) {
            Some(next) => rng.pick(next).clone(),
            None => rng.pick(&self.starts).clone(),
        }
    }

    fn words(&self, rng: &mut Rng, count: usize) -> String {
        let mut out: Vec<String> = Vec::with_capacity(count);
        for _ in 0..count {
            let word = self.word(rng, out.last().map(String::as_str));
            out.push(word);
        }
        out.join(" ")
    }

    /// Article `n` of the corpus of `seed`: same inputs, same article.
    pub fn article(&self, seed: u64, n: usize) -> Article {
        let mut rng = Rng::new(seed ^ (n as u64).wrapping_mul(0x2545_F491_4F6C_DD1D));
        let title_len = *rng.pick(&self.title_words);
        let title = self.words(&mut rng, title_len.min(16));
        let paragraphs = *rng.pick(&self.paragraphs_per_article);
        // Capped so the average article (~2.5 kB) is the size of a news article, not of the
        // long newsletter pieces that dominate the seed corpus.
        let body: Vec<String> = (0..paragraphs.min(MAX_PARAGRAPHS))
            .map(|_| {
                let len = *rng.pick(&self.paragraph_words);
                self.words(&mut rng, len.min(MAX_PARAGRAPH_WORDS))
            })
            .collect();
        let mut article = Article::new(format!("gen-{seed}-{n:06}"), title, body.join("\n\n"));
        // One article in twenty stays undated, as in real archives.
        if rng.below(20) > 0 {
            let (year, month, day) = (2009 + rng.below(15), 1 + rng.below(12), 1 + rng.below(28));
            article.date = Some(format!("{year:04}-{month:02}-{day:02}"));
        }
        if !self.sources.is_empty() {
            article.source = Some(rng.pick(&self.sources).clone());
        }
        article
    }

    /// `count` articles of the corpus of `seed`.
    pub fn corpus(&self, seed: u64, count: usize) -> Vec<Article> {
        (0..count).map(|n| self.article(seed, n)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> Model {
        let mut a = Article::new(
            "a",
            "중관춘 창업 거리",
            "중관춘은 베이징에 있다.\n\n창업자들이 모인다. 창업 열기가 뜨겁다.",
        );
        a.source = Some("한경닷컴".into());
        Model::learn(&[a])
    }

    #[test]
    fn the_same_seed_gives_the_same_corpus() {
        let m = model();
        assert_eq!(m.corpus(7, 20), m.corpus(7, 20));
        assert_ne!(m.corpus(7, 20), m.corpus(8, 20));
        let a = m.article(7, 3);
        assert_eq!(a.id, "gen-7-000003");
        assert_eq!(a.source.as_deref(), Some("한경닷컴"));
        assert!(!a.body.is_empty() && !a.title.is_empty());
    }
}
