//! Dictionary streams for expansion: the terms a prefix begins (by whether it is a whole part
//! of them), the terms a word is a part of (the suffixes dictionary), the terms of a letters
//! stream; each cut to the most frequent.

use fst::Streamer;

use crate::index::Index;
use crate::jamo;
use crate::shape;

/// Most dictionary terms one word may expand to per kind: the most frequent of up to
/// `MAX_CANDIDATES` found. Bounds time for one-syllable prefixes (100–1,000 is sensible).
pub(super) const MAX_EXPANSIONS: usize = 300;
pub(super) const MAX_CANDIDATES: usize = 2_000;

impl<D: AsRef<[u8]>> Index<D> {
    /// Terms longer than `prefix` that start with it, `which` by whether `prefix` is a whole
    /// part of them: the `MAX_EXPANSIONS` most frequent of at most `MAX_CANDIDATES`.
    pub(super) fn prefix_stream(&self, prefix: &str, which: Parts) -> Vec<(String, u64)> {
        let chars = prefix.chars().count();
        // The terms dictionary is in blocks: the prefix's terms are read first (at most as
        // many as a stream would look at), then ranked as a stream.
        let mut entries = Vec::new();
        self.terms_starting_with(prefix.as_bytes(), |key, value| {
            entries.push((key.to_vec(), value));
            entries.len() < MAX_CANDIDATES
        });
        strings(self.most_frequent_of(
            Entries {
                entries: &entries,
                next: 0,
            },
            |key, value| {
                let whole = which == Parts::Any || ends_part_at(key, value, chars);
                (whole == (which != Parts::Inside)).then(|| key.to_vec())
            },
            shape::stored_count_class,
        ))
    }

    /// Terms that have `text` as a part after their first character (keys `suffix \0 head`
    /// whose parts end where `text` does), within their stem (자의 is no part of 후보자의,
    /// 후보자 + 의; 명의 none of 두명의), and their particle forms (the suffix dictionary
    /// leaves those out): the most frequent.
    pub(super) fn compound_stream(&self, text: &str) -> Vec<(String, u64)> {
        let chars = text.chars().count();
        // The suffixes dictionary is in blocks: its entries for `text` are read first (at most
        // as many as a stream would look at), then ranked as a stream.
        let mut entries = Vec::new();
        let to = after_prefix(text.as_bytes());
        self.for_each_suffix(text.as_bytes(), to.as_deref(), |key, value| {
            entries.push((key.to_vec(), value));
            entries.len() < MAX_CANDIDATES
        });
        let keys = self.most_frequent_of(
            Entries {
                entries: &entries,
                next: 0,
            },
            |key, value| {
                let ends = value >> 32;
                (chars < 32 && ends >> chars & 1 == 1).then(|| key.to_vec())
            },
            |value| (value & u64::from(u32::MAX)) as usize,
        );
        let mut out = Vec::new();
        for (key, _) in keys {
            let Some(nul) = key.iter().position(|&b| b == 0) else {
                continue;
            };
            let (suffix, head) = (&key[..nul], &key[nul + 1..]);
            let base = [head, suffix].concat();
            let head_chars = std::str::from_utf8(head).map_or(0, |h| h.chars().count());
            let base_chars = std::str::from_utf8(&base).map_or(0, |b| b.chars().count());
            if !self.within_stem(&base, base_chars, head_chars + chars) {
                continue;
            }
            self.terms_starting_with(&base, |key, value| {
                if ends_part_at(key, value, base_chars) {
                    out.push((key.to_vec(), value));
                }
                out.len() < MAX_CANDIDATES
            });
            if out.len() >= MAX_CANDIDATES {
                break;
            }
        }
        strings(self.most_frequent(out, shape::stored_count_class))
    }

    /// Whether the first `end` characters of `term` (of `chars` characters) end within its
    /// stem, before its particles and endings (a term not found counts as all stem).
    fn within_stem(&self, term: &[u8], chars: usize, end: usize) -> bool {
        let Ok(term) = std::str::from_utf8(term) else {
            return true;
        };
        self.term(term)
            .is_none_or(|value| end <= shape::unpack(value, chars).stem_chars)
    }

    /// Calls `visit` with each term that starts with `prefix` and its value, in term order,
    /// until it returns false (the terms dictionary's blocks not here are noted as missing).
    pub(super) fn terms_starting_with(&self, prefix: &[u8], visit: impl FnMut(&[u8], u64) -> bool) {
        let to = after_prefix(prefix);
        self.for_each_term(prefix, to.as_deref(), visit);
    }

    /// Terms of entries of the letter dictionary: the `MAX_EXPANSIONS` most frequent of at
    /// most `MAX_CANDIDATES`, read back into words, with their postings offsets; but not those
    /// `known` already (whose offsets are not looked up again).
    pub(super) fn letter_stream(
        &self,
        entries: &[(Vec<u8>, u64)],
        known: impl Fn(&str) -> bool,
    ) -> Vec<(String, u64)> {
        self.most_frequent_of(
            Entries { entries, next: 0 },
            |letters, _| Some(letters.to_vec()),
            |doc_count| doc_count as usize,
        )
        .into_iter()
        .filter_map(|(letters, _)| {
            let term = jamo::compose(&letters);
            if known(&term) {
                return None;
            }
            let postings = self.term(&term)?;
            Some((term, postings))
        })
        .collect()
    }

    /// The `MAX_EXPANSIONS` most frequent of the first `MAX_CANDIDATES` entries of a dictionary
    /// stream, keys made by `key` (`None` skips an entry), frequencies by `doc_count` from the
    /// entry's value (its count class in `terms`, the count itself in the auxiliary
    /// dictionaries). Only entries frequent enough to be among the best so far get their key
    /// copied: one-letter prefixes stream thousands.
    pub(super) fn most_frequent_of<S>(
        &self,
        mut stream: S,
        key: impl Fn(&[u8], u64) -> Option<Vec<u8>>,
        doc_count: impl Fn(u64) -> usize,
    ) -> Vec<(Vec<u8>, u64)>
    where
        S: for<'a> Streamer<'a, Item = (&'a [u8], u64)>,
    {
        use std::cmp::Reverse;
        use std::collections::BinaryHeap;
        // A min-heap on (documents, order seen): the least frequent of the best is on top.
        let mut best: BinaryHeap<Reverse<(usize, usize)>> = BinaryHeap::new();
        let mut kept: Vec<Option<(Vec<u8>, u64)>> = Vec::new();
        let mut seen = 0;
        while let Some((bytes, value)) = stream.next() {
            seen += 1;
            let df = doc_count(value);
            let full = best.len() == MAX_EXPANSIONS;
            if !full || best.peek().is_some_and(|Reverse((least, _))| df > *least) {
                if let Some(k) = key(bytes, value) {
                    if full {
                        if let Some(Reverse((_, slot))) = best.pop() {
                            kept[slot] = None;
                        }
                    }
                    best.push(Reverse((df, kept.len())));
                    kept.push(Some((k, value)));
                }
            }
            if seen == MAX_CANDIDATES {
                break;
            }
        }
        kept.into_iter().flatten().collect()
    }

    /// The `MAX_EXPANSIONS` candidates found in the most documents (`doc_count` of each value).
    pub(super) fn most_frequent<K>(
        &self,
        mut candidates: Vec<(K, u64)>,
        doc_count: impl Fn(u64) -> usize,
    ) -> Vec<(K, u64)> {
        if candidates.len() > MAX_EXPANSIONS {
            let mut keyed: Vec<(usize, (K, u64))> = candidates
                .into_iter()
                .map(|c| (usize::MAX - doc_count(c.1), c))
                .collect();
            keyed.select_nth_unstable_by_key(MAX_EXPANSIONS - 1, |k| k.0);
            keyed.truncate(MAX_EXPANSIONS);
            candidates = keyed.into_iter().map(|(_, c)| c).collect();
        }
        candidates
    }
}

/// Which longer terms a prefix stream keeps: those the prefix is a whole part of (중관춘 of
/// 중관춘은), those it only begins (미사 of 미사일), or any.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Parts {
    Whole,
    Inside,
    Any,
}

/// Whether a part of `term` (with terms dictionary value `value`) ends after `chars` characters.
fn ends_part_at(term: &[u8], value: u64, chars: usize) -> bool {
    let term_chars = std::str::from_utf8(term).map_or(0, |t| t.chars().count());
    shape::unpack(value, term_chars).ends_part_at(chars, term_chars)
}

/// Dictionary keys as strings (keys are UTF-8 by construction; anything else is dropped).
fn strings(keys: Vec<(Vec<u8>, u64)>) -> Vec<(String, u64)> {
    keys.into_iter()
        .filter_map(|(key, postings)| String::from_utf8(key).ok().map(|t| (t, postings)))
        .collect()
}

/// The first key after every key that starts with `prefix` (its last byte that can be
/// increased, increased); `None` when there is none (only bytes 0xFF).
pub(super) fn after_prefix(prefix: &[u8]) -> Option<Vec<u8>> {
    let mut end = prefix.to_vec();
    while let Some(last) = end.pop() {
        if last < u8::MAX {
            end.push(last + 1);
            return Some(end);
        }
    }
    None
}

/// Dictionary entries already read, as a stream.
struct Entries<'e> {
    entries: &'e [(Vec<u8>, u64)],
    next: usize,
}

impl<'a> Streamer<'a> for Entries<'_> {
    type Item = (&'a [u8], u64);

    fn next(&'a mut self) -> Option<Self::Item> {
        let (key, value) = self.entries.get(self.next)?;
        self.next += 1;
        Some((key.as_slice(), *value))
    }
}
