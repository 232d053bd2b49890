//! The shape of a term: where it divides into the parts a reader sees in it, and where its
//! stem ends. `해외창업을` divides as 해외 | 창업 | 을 with the stem 해외창업; `소비자` as
//! 소비 | 자, so 비자 is no part of it; `화웨이는` has the stem 화웨이.
//!
//! A [`Segmenter`] finds shapes when the index is built (natively: `jikji-korean` reads a
//! Korean lexicon); the index stores each term's [`Shape`] beside its postings offset in the
//! terms dictionary, so search decides in the browser, without the lexicon, that 창업 is part
//! of 해외창업을 and 비자 no part of 소비자, and that the query word 화웨이는 stands for 화웨이.
//!
//! Search uses shapes three ways (see `search`): a longer term matches a word only where the
//! word ends at one of the term's boundaries (중관춘 → 중관춘은, not 미사 → 미사일); a word
//! inside a term only where it starts and ends at boundaries (창업 in 해외창업, not 비자 in
//! 소비자); a query word written with particles or endings also searches its stem.

/// Where a term divides. `boundaries` bit k (0 < k < 32) set: a part ends after the term's
/// first k characters. `stem_chars`: characters before its trailing particles and endings (the
/// whole term when it has none).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shape {
    pub boundaries: u32,
    pub stem_chars: usize,
}

impl Shape {
    /// A term with every character boundary a part boundary and no particles: how an index
    /// built without a segmenter matches (any substring is a part).
    pub fn every_character(chars: usize) -> Shape {
        Shape {
            boundaries: u32::MAX,
            stem_chars: chars,
        }
    }

    /// Whether a part ends after `chars` characters (the term's end always counts).
    pub fn ends_part_at(&self, chars: usize, term_chars: usize) -> bool {
        chars == term_chars || chars < 32 && self.boundaries >> chars & 1 == 1
    }
}

/// Finds the shape of terms when an index is built, and how words read in context.
pub trait Segmenter: Sync {
    /// The shape of `term` (a folded token of Hangul script).
    fn shape(&self, term: &str) -> Shape;

    /// The shape of `term` where it is written right after a number (1일부터, 3명의), which
    /// makes a counter the likely reading of its start.
    fn shape_after_number(&self, term: &str) -> Shape {
        self.shape(term)
    }

    /// How `term` (a folded Hangul token), a noun, may read as another word where some
    /// neighbours make it (대한: the name alone, the verb 대하다 in "문제에 대한 우려"; 명의: the
    /// counter 명 and 의 after a numeral); `None` where it reads as itself everywhere. Asked
    /// once a term: the builder then asks [`Segmenter::reads_otherwise`] at each of its
    /// occurrences with what this found.
    fn may_read_otherwise(&self, _term: &str) -> Option<OtherReadings> {
        None
    }

    /// Whether `term` reads as something else than the noun between the words `before` and
    /// `after` ("" where there is none); `may` is what [`Segmenter::may_read_otherwise`] found
    /// of it, asked only where it found something.
    fn reads_otherwise(
        &self,
        _before: &str,
        _term: &str,
        _after: &str,
        _may: OtherReadings,
    ) -> bool {
        false
    }

    /// Whether `stem` (a folded Hangul stem) is a proper noun: a name of a person, a place,
    /// a company or a body, as the dictionary marks it (the names page lists these).
    fn is_proper_noun(&self, _stem: &str) -> bool {
        false
    }
}

/// The other words a noun's letters may spell between some neighbours (see
/// [`Segmenter::may_read_otherwise`]), found from the term alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OtherReadings {
    /// A counter and particles after a numeral (명의 → 명 + 의).
    pub counter: bool,
    /// A verb or an adjective (대한 → 대하 + ㄴ).
    pub predicate: bool,
}

/// The segmenter of an index built without a lexicon: every character boundary is a part
/// boundary and nothing is a particle, so any substring matches (as the format before shapes
/// did).
pub struct EveryCharacter;

impl Segmenter for EveryCharacter {
    fn shape(&self, term: &str) -> Shape {
        Shape::every_character(term.chars().count())
    }
}

/// Postings offsets take the low `OFFSET_BITS` bits of a terms dictionary value (16 GiB of
/// postings, about twenty million news articles); the shape takes the next: the stem length
/// in 5 bits (31: the whole term or longer), then boundaries 1 to `STORED_BOUNDARIES` (a part
/// boundary further in is assumed: such long terms are rare, and assuming keeps their words
/// reachable); the top `COUNT_BITS` hold the term's document count class (see
/// [`count_class`]), by which expansion ranks a prefix's terms without reading their postings,
/// which a split index may not have yet.
pub(crate) const OFFSET_BITS: u32 = 34;
const STEM_BITS: u32 = 5;
const COUNT_BITS: u32 = 6;
const STORED_BOUNDARIES: u32 = 64 - OFFSET_BITS - STEM_BITS - COUNT_BITS;
pub(crate) const OFFSET_MASK: u64 = (1 << OFFSET_BITS) - 1;
const COUNT_SHIFT: u32 = 64 - COUNT_BITS;

/// The terms dictionary value of a term with postings at `offset`, `shape` and `doc_count`
/// documents.
pub(crate) fn pack(offset: u64, shape: Shape, term_chars: usize, doc_count: u64) -> u64 {
    assert!(
        offset <= OFFSET_MASK,
        "postings beyond 16 GiB: more than this format holds"
    );
    let stem = if shape.stem_chars >= term_chars {
        31
    } else {
        shape.stem_chars.min(30) as u64
    };
    let boundaries = u64::from(shape.boundaries >> 1) & ((1 << STORED_BOUNDARIES) - 1);
    offset
        | stem << OFFSET_BITS
        | boundaries << (OFFSET_BITS + STEM_BITS)
        | count_class(doc_count) << COUNT_SHIFT
}

/// The shape stored in a terms dictionary value, for a term of `term_chars` characters.
pub(crate) fn unpack(value: u64, term_chars: usize) -> Shape {
    let stem = (value >> OFFSET_BITS & 31) as usize;
    let stored = (value >> (OFFSET_BITS + STEM_BITS)) as u32 & ((1 << STORED_BOUNDARIES) - 1);
    Shape {
        boundaries: stored << 1 | !((1u32 << (STORED_BOUNDARIES + 1)) - 1),
        stem_chars: if stem == 31 { term_chars } else { stem },
    }
}

/// A document count in `COUNT_BITS` bits, in order: counts below 16 as they are, larger ones
/// by their power of two and whether they are in its upper half (a class spans at most a
/// factor of 1.5), up to about sixteen million. Ranking a prefix's terms by it picks the same
/// terms as by exact counts but among terms of nearly equal counts.
pub(crate) fn count_class(doc_count: u64) -> u64 {
    if doc_count < 16 {
        return doc_count;
    }
    let log = u64::from(63 - doc_count.leading_zeros());
    let upper_half = doc_count >> (log - 1) & 1;
    (16 + (log - 4) * 2 + upper_half).min((1 << COUNT_BITS) - 1)
}

/// The smallest document count of class `class` (see [`count_class`]).
pub(crate) fn least_count_of_class(class: usize) -> usize {
    if class < 16 {
        return class;
    }
    let log = (class - 16) / 2 + 4;
    let upper_half = (class - 16) % 2;
    (1 << log) + upper_half * (1 << (log - 1))
}

/// The document count class stored in a terms dictionary value (see [`count_class`]).
pub(crate) fn stored_count_class(value: u64) -> usize {
    (value >> COUNT_SHIFT) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_classes_keep_the_order_of_counts() {
        let mut last = 0;
        for count in 0..5_000_000u64 {
            let class = count_class(count);
            assert!(class >= last, "class of {count} fell");
            last = class;
        }
        assert_eq!(count_class(15), 15);
        assert!(count_class(16) < count_class(24) && count_class(24) < count_class(32));
        assert!(count_class(u64::MAX) < 64);
        for count in (0..100_000).step_by(7) {
            let least = least_count_of_class(count_class(count) as usize) as u64;
            assert!(least <= count, "{count}: {least}");
            assert_eq!(count_class(least), count_class(count), "{count}");
        }
    }

    #[test]
    fn shapes_round_trip_through_dictionary_values() {
        let shape = Shape {
            boundaries: 0b10100,
            stem_chars: 4,
        };
        let value = pack(123_456, shape, 5, 40);
        assert_eq!(stored_count_class(value) as u64, count_class(40));
        assert_eq!(value & OFFSET_MASK, 123_456);
        let back = unpack(value, 5);
        assert_eq!(back.stem_chars, 4);
        assert!(back.ends_part_at(2, 5) && back.ends_part_at(4, 5) && back.ends_part_at(5, 5));
        assert!(!back.ends_part_at(1, 5) && !back.ends_part_at(3, 5));
        // A whole term keeps its length as its stem.
        assert_eq!(
            unpack(pack(7, Shape::every_character(3), 3, 1), 3).stem_chars,
            3
        );
        assert!(unpack(pack(7, Shape::every_character(3), 3, 1), 3).ends_part_at(1, 3));
        // Boundaries beyond those stored are assumed.
        assert!(unpack(
            pack(
                0,
                Shape {
                    boundaries: 0,
                    stem_chars: 30
                },
                30,
                1
            ),
            30
        )
        .ends_part_at(25, 30));
    }
}
