//! Words side by side: the occurrences of a sequence of term groups next to each other (for
//! phrases and spacing variants), and the candidates where consecutive clauses' words stand
//! together (the proximity bonus).

use super::prepared::{Prepared, TermMatch};
use crate::doc_mask::DocMask;
use crate::fxhash::{FxMap, FxSet};
use crate::index::{DocId, Index, Positions};

/// Terms per clause whose positions are read for the proximity bonus (the best-weighted).
const MAX_PROXIMITY_TERMS: usize = 3;

impl<D: AsRef<[u8]>> Index<D> {
    /// Per document, how often a term of each group follows one of the previous group, in the
    /// title and in the body. Adds to `bodies` the documents whose body holds a term of any
    /// group.
    pub(super) fn adjacent_occurrences(
        &self,
        groups: &[Vec<TermMatch>],
        bodies: Option<&mut DocMask>,
    ) -> FxMap<DocId, (u32, u32)> {
        self.adjacent_occurrences_in(groups, None, bodies)
    }

    /// [`Index::adjacent_occurrences`] in the documents `only` (all when `None`); `bodies`
    /// are found only when all are looked at.
    pub(super) fn adjacent_occurrences_in(
        &self,
        groups: &[Vec<TermMatch>],
        only: Option<&DocMask>,
        bodies: Option<&mut DocMask>,
    ) -> FxMap<DocId, (u32, u32)> {
        let mut result = FxMap::default();
        if groups.is_empty() {
            return result;
        }
        // Only documents holding a term of every group can hold them side by side: found from
        // the doc blocks alone, so positions are decoded for those documents only (and, group
        // after group, for those where the words so far stand side by side).
        let mut candidates = match only {
            Some(only) => only.clone(),
            None => self.docs_with_every_group(groups, bodies),
        };
        // Where the groups so far stand side by side: the first one's occurrences, each one
        // number `doc << 33 | field << 32 | position` (field 0 the title, 1 the body), sorted,
        // so that the next group's word stands `k` on at the number `k` higher.
        let mut chain: Vec<u64> = Vec::new();
        for (k, group) in groups.iter().enumerate() {
            let mut occurrences: Vec<u64> = Vec::new();
            for m in group {
                let _ = self.read_postings(m.postings, Positions::Only(&candidates), |p| {
                    if candidates.contains(p.doc) {
                        let doc = u64::from(p.doc) << 33;
                        let title = p.title_positions.iter().map(|&at| doc | u64::from(at));
                        let body = p.body_positions.iter();
                        occurrences
                            .extend(title.chain(body.map(|&at| doc | 1 << 32 | u64::from(at))));
                    }
                });
            }
            occurrences.sort_unstable();
            occurrences.dedup();
            if k == 0 {
                chain = occurrences;
            } else {
                let mut next = occurrences.iter().copied().peekable();
                chain.retain(|&start| {
                    let wanted = start + k as u64;
                    while next.next_if(|&at| at < wanted).is_some() {}
                    next.peek() == Some(&wanted)
                });
            }
            if chain.is_empty() {
                return result;
            }
            candidates = DocMask::of(
                self.doc_stats().len(),
                chain.iter().map(|&at| (at >> 33) as DocId),
            );
        }
        for at in chain {
            let counts: &mut (u32, u32) = result.entry((at >> 33) as DocId).or_default();
            if at >> 32 & 1 == 0 {
                counts.0 += 1;
            } else {
                counts.1 += 1;
            }
        }
        result
    }

    /// The documents that hold a term of each group.
    /// Adds to `bodies` those whose body holds a term of any group.
    pub(super) fn docs_with_every_group(
        &self,
        groups: &[Vec<TermMatch>],
        mut bodies: Option<&mut DocMask>,
    ) -> DocMask {
        let mut all: Option<DocMask> = None;
        for group in groups {
            let mut any = DocMask::new(self.doc_stats().len());
            for m in group {
                let _ = self.read_doc_freqs(m.postings, |doc, _, body_tf| {
                    any.insert(doc);
                    if let Some(bodies) = bodies.as_deref_mut().filter(|_| body_tf > 0) {
                        bodies.insert(doc);
                    }
                });
            }
            match &mut all {
                Some(all) => all.keep_only(&any),
                None => all = Some(any),
            }
        }
        all.unwrap_or_else(|| DocMask::new(self.doc_stats().len()))
    }

    /// Candidates in which the words of two consecutive clauses stand side by side.
    pub(super) fn adjacent_docs(&self, prepared: &Prepared, candidates: &DocMask) -> FxSet<DocId> {
        let groups: Vec<Vec<TermMatch>> = prepared
            .clauses
            .iter()
            .map(|(_, words)| {
                let mut terms: Vec<TermMatch> = words
                    .iter()
                    .flat_map(|w| w.matches.iter().cloned())
                    .collect();
                terms.sort_by(|a, b| b.weight.total_cmp(&a.weight));
                terms.truncate(MAX_PROXIMITY_TERMS);
                terms
            })
            .collect();
        let mut found = FxSet::default();
        for pair in groups.windows(2) {
            found.extend(
                self.adjacent_occurrences_in(pair, Some(candidates), None)
                    .into_keys(),
            );
        }
        found
    }
}
