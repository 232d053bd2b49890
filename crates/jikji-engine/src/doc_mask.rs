//! [`DocMask`]: a set of documents, one bit each. Postings readers test membership for every
//! posting they read (which documents' positions to decode); search uses it for the documents
//! a clause touches, the written forms, candidates.

use crate::article::DocId;

/// A set of documents as one bit each: membership is tested for every posting read.
#[derive(Clone, Debug)]
pub(crate) struct DocMask(Vec<u64>);

impl DocMask {
    pub(crate) fn new(docs: usize) -> DocMask {
        DocMask(vec![0; docs.div_ceil(64)])
    }

    pub(crate) fn of(docs: usize, members: impl IntoIterator<Item = DocId>) -> DocMask {
        let mut mask = DocMask::new(docs);
        for doc in members {
            mask.insert(doc);
        }
        mask
    }

    pub(crate) fn insert(&mut self, doc: DocId) {
        if let Some(word) = self.0.get_mut(doc as usize / 64) {
            *word |= 1 << (doc % 64);
        }
    }

    /// Adds the documents of `other`.
    pub(crate) fn add_all(&mut self, other: &DocMask) {
        for (word, add) in self.0.iter_mut().zip(&other.0) {
            *word |= add;
        }
    }

    /// Keeps only the documents also in `other`.
    pub(crate) fn keep_only(&mut self, other: &DocMask) {
        for (word, keep) in self.0.iter_mut().zip(&other.0) {
            *word &= keep;
        }
    }

    /// How many documents are in the mask.
    pub(crate) fn len(&self) -> usize {
        self.0.iter().map(|word| word.count_ones() as usize).sum()
    }

    /// The documents in the mask, in increasing id order.
    pub(crate) fn members(&self) -> impl Iterator<Item = DocId> + '_ {
        self.0.iter().enumerate().flat_map(|(i, &word)| {
            let mut rest = word;
            std::iter::from_fn(move || {
                (rest != 0).then(|| {
                    let bit = rest.trailing_zeros();
                    rest &= rest - 1;
                    (i * 64) as DocId + bit
                })
            })
        })
    }

    #[inline]
    pub(crate) fn contains(&self, doc: DocId) -> bool {
        self.0
            .get(doc as usize / 64)
            .is_some_and(|word| word >> (doc % 64) & 1 == 1)
    }
}
