//! A query prepared against an index: each word of each clause with the dictionary terms it
//! matches ([`PreparedWord`]), the excluded words, the suggestions, and the [`Marks`] that
//! snippets and highlighting read.

use super::cache::SearchCache;
use crate::index::Index;
use crate::marks::{Marks, MatchKind};
use crate::query::{Clause, Query, Word};

/// One dictionary term a word matches.
#[derive(Clone, Debug, PartialEq)]
pub struct TermMatch {
    pub term: String,
    pub kind: MatchKind,
    pub weight: f32,
    pub(super) postings: u64,
}

/// A query word with the dictionary terms it matches.
#[derive(Clone, Debug, PartialEq)]
pub struct PreparedWord {
    pub word: Word,
    pub matches: Vec<TermMatch>,
    /// A spacing variant: the word written as two (스마트팩토리 → 스마트 팩토리).
    pub(super) split: Option<(TermMatch, Vec<TermMatch>)>,
    /// The stem also searched for a word written with particles or endings (화웨이는 → 화웨이).
    pub stem: Option<String>,
}

/// Similar words for a word that found little. Where the word found nothing, they were
/// searched in its place (`merged`: "중관촌 → also showing 중관춘"); else they are only
/// offered, each with the articles it finds (`counts`, beside `also`), and the word's count
/// stays its own ("비슷한 낱말: 도움 12건 — 함께 보기": [`Suggestion::query_with`] adds them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    pub word: String,
    pub also: Vec<String>,
    /// For an offer, the articles each of `also` finds searched alone; empty when merged.
    pub counts: Vec<usize>,
    pub merged: bool,
}

impl Suggestion {
    /// `input` with this offer taken: the query word it is for followed by its variants as
    /// alternatives (`도우미 삼성` → `도우미 | 도움 삼성`), so the count is of all of them
    /// and the query says so. `None` when no word of `input` is the one this offer is for.
    pub fn query_with(&self, input: &str) -> Option<String> {
        crate::query::with_alternatives(input, &self.word, &self.also)
    }
}

/// A query prepared against an index: what each word matches, ready to score and highlight.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Prepared {
    pub query: Query,
    pub(super) clauses: Vec<(bool, Vec<PreparedWord>)>,
    pub(super) excluded: Vec<PreparedWord>,
    pub suggestions: Vec<Suggestion>,
    /// What highlighting marks: every matched term, by query word.
    pub marks: Marks,
}

impl Prepared {
    /// The dictionary terms each word matched, for display ("matched").
    pub fn words(&self) -> impl Iterator<Item = &PreparedWord> {
        self.clauses.iter().flat_map(|(_, words)| words)
    }
}

impl<D: AsRef<[u8]>> Index<D> {
    /// Parses a query and expands its words against this index.
    pub fn prepare(&self, input: &str) -> Prepared {
        self.prepare_with(input, None)
    }

    pub(super) fn prepare_with(
        &self,
        input: &str,
        mut cache: Option<&mut SearchCache>,
    ) -> Prepared {
        let query = Query::parse(input);
        let mut prepared = Prepared::default();
        for clause in &query.clauses {
            let phrase = matches!(clause, Clause::Phrase(_));
            let mut words = Vec::with_capacity(clause.words().len());
            for word in clause.words() {
                let allow_fuzzy = !phrase;
                match cache.as_deref_mut() {
                    Some(cache) => {
                        let (expanded, suggested) = cache.expansion(word, allow_fuzzy, || {
                            let mut suggested = Vec::new();
                            let expanded = self.expand(word, allow_fuzzy, !phrase, &mut suggested);
                            (expanded, suggested)
                        });
                        prepared.suggestions.extend(suggested.iter().cloned());
                        words.push(expanded.clone());
                    }
                    None => words.push(self.expand(
                        word,
                        allow_fuzzy,
                        !phrase,
                        &mut prepared.suggestions,
                    )),
                }
            }
            prepared.clauses.push((phrase, words));
        }
        prepared.excluded = query
            .excluded
            .iter()
            .map(|w| self.expand(w, false, true, &mut Vec::new()))
            .collect();
        for word in prepared.clauses.iter().flat_map(|(_, words)| words) {
            // What a match highlights of a longer word: the stem where the query had particles.
            let index = prepared
                .marks
                .add_word(word.stem.clone().unwrap_or_else(|| word.word.text.clone()));
            let split_parts = word
                .split
                .iter()
                .flat_map(|(first, rest)| std::iter::once(first).chain(rest));
            for m in word.matches.iter().chain(split_parts) {
                prepared.marks.add(&m.term, m.kind, index);
            }
        }
        prepared.marks.finish();
        prepared.query = query;
        prepared
    }
}
