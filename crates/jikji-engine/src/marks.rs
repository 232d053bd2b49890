//! What a prepared query highlights: each matched term with how it matched ([`MatchKind`]) and
//! which query word it stands for. Search fills the [`Marks`] when it prepares a query;
//! snippets and highlighting read them and nothing else of the query.

use crate::fxhash::FxMap;

/// How a dictionary term came to match a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MatchKind {
    Exact,
    Stem,
    Prefix,
    Alias,
    Typing,
    Initials,
    Compound,
    Fuzzy,
}

impl MatchKind {
    /// What an occurrence of a term matched this way counts, against an exact one's 1.0.
    pub fn weight(self) -> f32 {
        match self {
            MatchKind::Exact => 1.0,
            MatchKind::Stem => 0.65,
            MatchKind::Prefix => 0.6,
            MatchKind::Alias | MatchKind::Typing | MatchKind::Initials => 0.5,
            MatchKind::Compound => 0.45,
            MatchKind::Fuzzy => 0.3,
        }
    }
}

/// How a token of text is highlighted when it matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Mark {
    pub(crate) kind: MatchKind,
    /// Index of the query word, to count distinct words in a snippet window.
    pub(crate) word: usize,
}

/// Every matched term → how to mark it (the best kind wins), and the text of each query word.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Marks {
    terms: FxMap<String, Mark>,
    /// The folded text each word highlights in a longer word (its stem where the query had
    /// particles), by `Mark::word`.
    word_texts: Vec<String>,
    /// How many words have a term in `terms`: the most distinct words a snippet can show.
    marked_words: usize,
    /// The first characters of the terms, a bit each (by code point, modulo 2,048): most
    /// words of a text start with none of them and are passed over by one bit test, not
    /// hashed and looked up.
    starts: [u64; 32],
}

impl Marks {
    /// Adds a query word whose text, in a longer word, is `text`; its number for [`Marks::add`].
    pub(crate) fn add_word(&mut self, text: String) -> usize {
        self.word_texts.push(text);
        self.word_texts.len() - 1
    }

    /// Marks `term` as matching word `word` by `kind`, unless it already matches better.
    pub(crate) fn add(&mut self, term: &str, kind: MatchKind, word: usize) {
        let mark = Mark { kind, word };
        let entry = self.terms.entry(term.to_owned()).or_insert(mark);
        if kind < entry.kind {
            *entry = mark;
        }
    }

    /// Done adding: works out the first characters and the marked words.
    pub(crate) fn finish(&mut self) {
        for c in self.terms.keys().filter_map(|term| term.chars().next()) {
            let bit = c as usize % 2048;
            self.starts[bit / 64] |= 1 << (bit % 64);
        }
        let mut marked: Vec<usize> = self.terms.values().map(|m| m.word).collect();
        marked.sort_unstable();
        marked.dedup();
        self.marked_words = marked.len();
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The mark of `token` (folded), if it matched.
    #[inline]
    pub(crate) fn get(&self, token: &str) -> Option<Mark> {
        if !self.may_mark(token) {
            return None;
        }
        self.terms.get(token).copied()
    }

    /// Whether `token` (folded) may be marked: `false` means it is not.
    #[inline]
    fn may_mark(&self, token: &str) -> bool {
        token.chars().next().is_some_and(|c| {
            let bit = c as usize % 2048;
            self.starts[bit / 64] >> (bit % 64) & 1 == 1
        })
    }

    /// The text word `word` highlights inside a longer word.
    pub(crate) fn word_text(&self, word: usize) -> &str {
        &self.word_texts[word]
    }

    /// The most distinct query words a snippet can show.
    pub(crate) fn marked_words(&self) -> usize {
        self.marked_words
    }
}
