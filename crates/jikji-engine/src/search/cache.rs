//! [`SearchCache`]: what recent searches worked out that the next keystroke's can reuse.

use std::sync::Arc;

use super::prepared::{Prepared, PreparedWord, Suggestion};
use super::{SearchOptions, SearchResults};
use crate::doc_mask::DocMask;
use crate::index::{DocId, Index};
use crate::query::{DateRange, Word};

/// What recent searches computed that the next one can reuse. While a query is typed, the
/// words before the one being typed stay the same from keystroke to keystroke (중국 기 →
/// 중국 기업): their expansions and their clauses' scores are taken from here instead of being
/// worked out again. A clause is known by what its words matched, not by how they were
/// typed: `중국` while it is typed and `중국 ` once a space follows match the same terms (중국
/// is a word of the archive), so the second keystroke reuses the first's scores — and, when
/// nothing else changed, its whole answer. Results are the same with or without it. It
/// belongs to one index (used with another, it starts over) and keeps the last
/// `CACHED_WORDS` expansions, `CACHED_CLAUSES` clauses' scores (8 bytes per article a clause
/// matches, and a bit per article) and the last answer.
#[derive(Default)]
pub struct SearchCache {
    /// The checksum of the index the entries were computed on.
    index: Option<u64>,
    /// A word and whether fuzzy matching was allowed → its expansion and the suggestions made.
    words: Recent<(Word, bool), (PreparedWord, Vec<Suggestion>)>,
    /// A clause → what it matches.
    clauses: Recent<ClauseKey, Arc<ClauseMatches>>,
    /// The last answer (whole: no block was missing), and what it answered.
    answer: Option<(AnswerKey, SearchResults)>,
}

/// A clause as its words matched (phrase or not; each word's expansion), whether or not its
/// last word was still being typed.
pub(super) type ClauseKey = (bool, Vec<PreparedWord>);

/// `words` as a cache key: the expansions, without the typing flag (see [`ClauseKey`]).
pub(super) fn clause_key(phrase: bool, words: &[PreparedWord]) -> ClauseKey {
    (phrase, words.iter().map(untyped).collect())
}

fn untyped(word: &PreparedWord) -> PreparedWord {
    let mut word = word.clone();
    word.word.typing = false;
    word
}

/// What a search's answer depends on: its clauses and excluded words as they matched, its
/// filters and its options.
#[derive(PartialEq)]
pub(super) struct AnswerKey {
    clauses: Vec<ClauseKey>,
    excluded: Vec<PreparedWord>,
    sources: Vec<String>,
    dates: DateRange,
    options: SearchOptions,
}

impl AnswerKey {
    pub(super) fn of(prepared: &Prepared, options: &SearchOptions) -> AnswerKey {
        AnswerKey {
            clauses: prepared
                .clauses
                .iter()
                .map(|(phrase, words)| clause_key(*phrase, words))
                .collect(),
            excluded: prepared.excluded.iter().map(untyped).collect(),
            sources: prepared.query.sources.clone(),
            dates: prepared.query.dates.clone(),
            options: options.clone(),
        }
    }
}

/// What one clause matches: each document with the clause's BM25F score, and the documents
/// whose body may hold one of the terms the clause marks.
#[derive(Clone)]
pub(super) struct ClauseMatches {
    pub(super) scores: Vec<(DocId, f32)>,
    /// `None`: any of them may (a phrase's words are marked wherever they stand, also apart,
    /// which its scores do not tell).
    pub(super) marked_bodies: Option<DocMask>,
    /// The documents holding a word of the clause as the query wrote it, with its particles
    /// or endings (`None`: no word of it was also searched as its stem).
    pub(super) written: Option<DocMask>,
}

/// How many words' expansions and clauses' scores the cache keeps: the words of the query
/// being typed and of the few before it (a query seldom has more than 8 words; 8–32 is
/// sensible), and the clauses of the last few keystrokes (each keeps 8 bytes per article it
/// matches: 1–8 is sensible).
const CACHED_WORDS: usize = 16;
const CACHED_CLAUSES: usize = 4;

impl SearchCache {
    /// The cache, emptied first if it was filled on another index than `index`.
    pub(super) fn on<D: AsRef<[u8]>>(&mut self, index: &Index<D>) -> &mut SearchCache {
        if self.index != Some(index.checksum()) {
            *self = SearchCache {
                index: Some(index.checksum()),
                ..SearchCache::default()
            };
        }
        self
    }

    /// The expansion of `word` (and the suggestions made), worked out by `make` unless it is
    /// here.
    pub(super) fn expansion(
        &mut self,
        word: &Word,
        allow_fuzzy: bool,
        make: impl FnOnce() -> (PreparedWord, Vec<Suggestion>),
    ) -> &(PreparedWord, Vec<Suggestion>) {
        self.words
            .get_or_insert_with((word.clone(), allow_fuzzy), CACHED_WORDS, make)
    }

    /// What the clause `key` matches, worked out by `make` unless it is here.
    pub(super) fn clause(
        &mut self,
        key: ClauseKey,
        make: impl FnOnce() -> Arc<ClauseMatches>,
    ) -> Arc<ClauseMatches> {
        Arc::clone(self.clauses.get_or_insert_with(key, CACHED_CLAUSES, make))
    }

    /// The last answer, if it answered the search `key` (see [`AnswerKey::of`]) and its hits
    /// await the same texts (`awaiting`: which chunk a document awaits now; a text that
    /// arrived since changes a hit), with `prepared` as its prepared query.
    pub(super) fn answer(
        &self,
        key: &AnswerKey,
        prepared: &Prepared,
        awaiting: impl Fn(DocId) -> Option<usize>,
    ) -> Option<SearchResults> {
        let (kept, results) = self.answer.as_ref()?;
        let same = kept == key
            && results
                .hits
                .iter()
                .all(|hit| hit.awaiting_text == awaiting(hit.doc));
        same.then(|| SearchResults {
            prepared: prepared.clone(),
            ..results.clone()
        })
    }

    /// Keeps `results`, the answer to the search `key`, for [`SearchCache::answer`].
    pub(super) fn keep_answer(&mut self, key: AnswerKey, results: &SearchResults) {
        self.answer = Some((key, results.clone()));
    }

    /// Empties the cache (its entries were worked out on an index missing some blocks).
    pub(super) fn forget(&mut self) {
        *self = SearchCache {
            index: self.index,
            ..SearchCache::default()
        };
    }
}

/// The most recently used entries of a small map, up to a capacity.
struct Recent<K, V> {
    /// Least recently used first.
    entries: Vec<(K, V)>,
}

impl<K, V> Default for Recent<K, V> {
    fn default() -> Self {
        Recent {
            entries: Vec::new(),
        }
    }
}

impl<K: PartialEq, V> Recent<K, V> {
    /// The value of `key`, made by `make` unless it is here; it becomes the most recent.
    fn get_or_insert_with(&mut self, key: K, capacity: usize, make: impl FnOnce() -> V) -> &V {
        match self.entries.iter().position(|(k, _)| *k == key) {
            Some(at) => {
                let entry = self.entries.remove(at);
                self.entries.push(entry);
            }
            None => {
                if self.entries.len() >= capacity {
                    self.entries.remove(0);
                }
                let value = make();
                self.entries.push((key, value));
            }
        }
        &self.entries.last().expect("an entry was just pushed").1
    }
}
