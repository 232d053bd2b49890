//! Scoring: each clause's BM25F score per article (the weighted frequencies of its words'
//! terms, or of a phrase's words side by side), the articles that match every clause, and the
//! written-form bonus of those that hold the query as written.

use std::sync::Arc;

use super::cache::{clause_key, ClauseMatches, SearchCache};
use super::prepared::{Prepared, PreparedWord, TermMatch};
use super::WRITTEN_BONUS;
use crate::bm25::{self, FieldFreqs};
use crate::doc_mask::DocMask;
use crate::fxhash::FxSet;
use crate::index::{DocId, Index};
use crate::marks::MatchKind;

/// Weighted term frequencies of one clause for every document (dense: no hashing on the hot
/// path), with the documents touched.
pub(super) struct Freqs {
    /// Per document: weighted title and body frequencies, side by side (one cache line for
    /// both, as postings visit documents in no order across terms).
    freqs: Vec<[f32; 2]>,
    /// The documents touched: a bit each, set on every posting (no test, no branch; a few
    /// kilobytes, so it stays in the fastest cache), read back in id order at the end.
    touched: DocMask,
    /// Documents whose body holds a spacing variant's part, alone (not counted in `freqs`,
    /// which count the parts side by side, but highlighted).
    parts_in_body: DocMask,
}

impl Freqs {
    fn new(docs: usize) -> Freqs {
        Freqs {
            freqs: vec![[0.0; 2]; docs],
            touched: DocMask::new(docs),
            parts_in_body: DocMask::new(docs),
        }
    }

    #[inline]
    fn add(&mut self, doc: DocId, title: f32, body: f32) {
        let Some(f) = self.freqs.get_mut(doc as usize) else {
            return;
        };
        f[0] += title;
        f[1] += body;
        self.touched.insert(doc);
    }

    /// How many documents the clause matches.
    pub(super) fn documents(&self) -> usize {
        self.touched.len()
    }

    fn of(&self, doc: DocId) -> FieldFreqs {
        let [title, body] = self.freqs[doc as usize];
        FieldFreqs { title, body }
    }
}

/// The written-form bonus ([`WRITTEN_BONUS`]) for the documents in every one of `written`
/// (each a clause's documents holding its words as the query wrote them): the query's own
/// words, not one of them in an article that happens to use the same particle while another
/// uses the others. No clause: no bonus.
fn reward_as_written(scores: &mut [(DocId, f32)], written: &[&DocMask]) {
    if written.is_empty() {
        return;
    }
    for (doc, score) in scores {
        if written.iter().all(|w| w.contains(*doc)) {
            *score *= 1.0 + WRITTEN_BONUS;
        }
    }
}

impl<D: AsRef<[u8]>> Index<D> {
    /// Documents matching every clause, with their BM25F scores, and those whose body may hold
    /// a marked term (`None`: any). No clause: every document (and no marked term).
    pub(super) fn score(
        &self,
        prepared: &Prepared,
        mut cache: Option<&mut SearchCache>,
    ) -> (Vec<(DocId, f32)>, Option<DocMask>) {
        let n = self.doc_stats().len();
        if prepared.clauses.is_empty() {
            let every = (0..n as DocId).map(|doc| (doc, 0.0)).collect();
            return (every, Some(DocMask::new(n)));
        }
        let mut clause_matches = |phrase: bool, words: &[PreparedWord]| match cache.as_deref_mut() {
            Some(cache) => cache.clause(clause_key(phrase, words), || {
                Arc::new(self.clause_matches(phrase, words))
            }),
            None => Arc::new(self.clause_matches(phrase, words)),
        };
        if let [(phrase, words)] = prepared.clauses.as_slice() {
            // One clause: its scores are the answer.
            let mut clause = Arc::unwrap_or_clone(clause_matches(*phrase, words));
            if let Some(written) = &clause.written {
                reward_as_written(&mut clause.scores, &[written]);
            }
            return (clause.scores, clause.marked_bodies);
        }
        let mut scores = vec![0f32; n];
        let mut matched = vec![0u32; n];
        // The first clause's documents: the candidates (read from it, not copied: it may be
        // in the cache).
        let mut first: Option<Arc<ClauseMatches>> = None;
        // A body holds a marked term when it holds one of any clause's.
        let mut marked_bodies = Some(DocMask::new(n));
        // The clauses with words also searched as their stems.
        let mut stemmed: Vec<Arc<ClauseMatches>> = Vec::new();
        for (i, (phrase, words)) in prepared.clauses.iter().enumerate() {
            let clause = clause_matches(*phrase, words);
            if clause.written.is_some() {
                stemmed.push(Arc::clone(&clause));
            }
            let i = i as u32;
            // Whether a document matched every clause before is as likely as not: added
            // without a branch on it (a wrong guess costs more than the addition).
            let mut any = false;
            for &(doc, score) in &clause.scores {
                let d = doc as usize;
                let (Some(m), Some(s)) = (matched.get_mut(d), scores.get_mut(d)) else {
                    continue;
                };
                let still = *m == i;
                *s += if still { score } else { 0.0 };
                *m += u32::from(still);
                any |= still;
            }
            marked_bodies = match (marked_bodies, &clause.marked_bodies) {
                (Some(mut all), Some(this)) => {
                    all.add_all(this);
                    Some(all)
                }
                _ => None,
            };
            if !any {
                return (Vec::new(), marked_bodies);
            }
            if i == 0 {
                first = Some(clause);
            }
        }
        let all = prepared.clauses.len() as u32;
        let mut candidates: Vec<(DocId, f32)> = first
            .iter()
            .flat_map(|clause| &clause.scores)
            .filter(|&&(doc, _)| matched[doc as usize] == all)
            .map(|&(doc, _)| (doc, scores[doc as usize]))
            .collect();
        let written: Vec<&DocMask> = stemmed.iter().filter_map(|c| c.written.as_ref()).collect();
        reward_as_written(&mut candidates, &written);
        (candidates, marked_bodies)
    }

    /// What one clause matches: the documents, each with the clause's BM25F score, and those
    /// whose body holds one of its words' terms.
    pub(super) fn clause_matches(&self, phrase: bool, words: &[PreparedWord]) -> ClauseMatches {
        let freqs = if phrase {
            self.phrase_freqs(words)
        } else {
            self.clause_freqs(words)
        };
        let idf = bm25::idf(self.doc_stats().len(), freqs.touched.len());
        let mut scores = Vec::with_capacity(freqs.touched.len());
        let mut marked_bodies = freqs.parts_in_body.clone();
        for doc in freqs.touched.members() {
            let f = freqs.of(doc);
            if f.body > 0.0 {
                marked_bodies.insert(doc);
            }
            scores.push((doc, idf * self.bm25f(doc, f)));
        }
        // A phrase's frequencies count its words side by side; highlighting marks them (and
        // their other matches) anywhere.
        ClauseMatches {
            scores,
            marked_bodies: (!phrase).then_some(marked_bodies),
            written: (!phrase).then(|| self.written_forms(words)).flatten(),
        }
    }

    /// The documents holding a word of the clause as the query wrote it, for the words that
    /// were also searched as their stems (`None` when none was).
    pub(super) fn written_forms(&self, words: &[PreparedWord]) -> Option<DocMask> {
        let mut docs: Option<DocMask> = None;
        for word in words.iter().filter(|w| w.stem.is_some()) {
            let docs = docs.get_or_insert_with(|| DocMask::new(self.doc_stats().len()));
            for m in word.matches.iter().filter(|m| m.term == word.word.text) {
                let _ = self.read_doc_freqs(m.postings, |doc, _, _| docs.insert(doc));
            }
        }
        docs
    }

    /// Article `doc`'s BM25F term score for weighted frequencies `f`.
    fn bm25f(&self, doc: DocId, f: FieldFreqs) -> f32 {
        let weights = self
            .field_weights()
            .get(doc as usize)
            .copied()
            .unwrap_or_default();
        bm25::saturated(weights, f)
    }

    /// Weighted frequencies of the terms of any of `words`, per document. A term counts only
    /// in the articles where it is read as itself somewhere (no 대한 of "에 대한" for 대한, see
    /// `index::readings`), unless a word would then match nothing at all.
    pub(super) fn clause_freqs(&self, words: &[PreparedWord]) -> Freqs {
        let mut freqs = Freqs::new(self.doc_stats().len());
        for word in words {
            let add_matches = |freqs: &mut Freqs, as_read: bool| {
                let mut added = false;
                for m in &word.matches {
                    let otherwise = if as_read {
                        self.read_otherwise(m.postings)
                    } else {
                        Vec::new()
                    };
                    // The checksum was verified on open, so a decoding error here means a
                    // writer bug; the term then contributes nothing rather than failing.
                    let _ = self.read_doc_freqs(m.postings, |doc, title_tf, body_tf| {
                        if otherwise.is_empty() || otherwise.binary_search(&doc).is_err() {
                            freqs.add(doc, m.weight * title_tf as f32, m.weight * body_tf as f32);
                            added = true;
                        }
                    });
                }
                added
            };
            if !add_matches(&mut freqs, true) {
                add_matches(&mut freqs, false);
            }
            if let Some((first, rest)) = &word.split {
                let weight = MatchKind::Compound.weight();
                let parts = [vec![first.clone()], rest.clone()];
                let adjacent = self.adjacent_occurrences(&parts, Some(&mut freqs.parts_in_body));
                for (doc, (title, body)) in adjacent {
                    freqs.add(doc, weight * title as f32, weight * body as f32);
                }
            }
        }
        freqs
    }

    /// Frequencies of a phrase: occurrences of its words side by side, in order.
    pub(super) fn phrase_freqs(&self, words: &[PreparedWord]) -> Freqs {
        let groups: Vec<Vec<TermMatch>> = words
            .iter()
            .map(|w| {
                w.matches
                    .iter()
                    .filter(|m| matches!(m.kind, MatchKind::Exact | MatchKind::Prefix))
                    .cloned()
                    .collect()
            })
            .collect();
        let mut freqs = Freqs::new(self.doc_stats().len());
        for (doc, (title, body)) in self.adjacent_occurrences(&groups, None) {
            freqs.add(doc, title as f32, body as f32);
        }
        freqs
    }

    pub(super) fn excluded_docs(&self, prepared: &Prepared) -> FxSet<DocId> {
        let mut docs = FxSet::default();
        for word in &prepared.excluded {
            for m in word.matches.iter().filter(|m| {
                matches!(
                    m.kind,
                    MatchKind::Exact | MatchKind::Stem | MatchKind::Prefix
                )
            }) {
                let _ = self.read_doc_freqs(m.postings, |doc, _, _| {
                    docs.insert(doc);
                });
            }
        }
        docs
    }
}
