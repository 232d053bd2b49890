//! The dictionary sections, written from the sorted terms: `terms` (term → postings offset
//! and shape), `suffixes` (where a part of a term starts → the term), `letters` (packed jamo
//! → the term, for typing, initials and edit distance), all written in blocks (see `blocks`),
//! and `tails` (the particles and endings after the archive's stems); and from the articles
//! `ids` (article id → document, in blocks too). Search reads them in place through
//! [`Index`]'s accessors.

use super::blocks::{fst_blocks, KeyedCuts};
use super::threads::{available_threads, map_in_parallel};
use crate::fxhash::FxSet;
use crate::jamo;
use crate::shape::{self, Segmenter, Shape};
use crate::tokenize::{script_of, Script};

/// Each term's shape (in `terms` order): Hangul terms as `segmenter` divides them (those that
/// mostly stand right after a number as it divides them there: 1일부터 is 일 + 부터, not
/// 일부 + 터), the others
/// with every character boundary a part boundary (Han compounds are found inside Han terms by
/// any substring, as Han writes words without spaces; Latin words and numbers only match
/// whole or as prefixes being typed).
pub(super) fn term_shapes(
    terms: &[(String, u32)],
    after_number: &[bool],
    segmenter: &dyn Segmenter,
) -> Vec<Shape> {
    let per_thread = terms.len().div_ceil(available_threads()).max(1);
    let chunks: Vec<_> = terms
        .chunks(per_thread)
        .zip(after_number.chunks(per_thread))
        .collect();
    map_in_parallel(chunks, |(chunk, after_number)| {
        chunk
            .iter()
            .zip(after_number)
            .map(|((term, _), &after_number)| {
                let chars = term.chars().count();
                match term.chars().next().and_then(script_of) {
                    Some(Script::Hangul) if after_number => segmenter.shape_after_number(term),
                    Some(Script::Hangul) => segmenter.shape(term),
                    _ => Shape::every_character(chars),
                }
            })
            .collect::<Vec<Shape>>()
    })
    .into_iter()
    .flatten()
    .collect()
}

/// The tails section: every particle or ending a Hangul term has after its stem.
pub(super) fn tail_set(terms: &[(String, u32)], shapes: &[Shape]) -> Vec<u8> {
    let mut tails: Vec<&str> = terms
        .iter()
        .zip(shapes)
        .filter_map(|((term, _), shape)| {
            let at = term.char_indices().nth(shape.stem_chars)?.0;
            Some(&term[at..])
        })
        .collect();
    tails.sort_unstable();
    tails.dedup();
    let mut builder = fst::SetBuilder::memory();
    builder
        .extend_iter(tails)
        .expect("tails are sorted and unique");
    builder.into_inner().expect("writing to memory cannot fail")
}

/// The terms dictionary, in blocks: each term → the offset of its postings list, its shape
/// and its document count class.
pub(super) fn term_dictionary(
    terms: &[(String, u32)],
    shapes: &[Shape],
    offsets: &[u64],
    doc_counts: &[u64],
) -> (Vec<u8>, KeyedCuts) {
    let values = offsets.iter().zip(doc_counts);
    let entries: Vec<(Vec<u8>, u64)> = terms
        .iter()
        .zip(values)
        .zip(shapes)
        .map(|(((term, _), (&offset, &count)), shape)| {
            let value = shape::pack(offset, *shape, term.chars().count(), count);
            (term.as_bytes().to_vec(), value)
        })
        .collect();
    fst_blocks(&entries)
}

/// The suffixes dictionary: for each Hangul or Han term whose stem is not another term, each
/// suffix of at least two characters that starts where one of its parts starts (after its
/// first character), as `suffix \0 head` → the term's document count and where its parts end
/// from there.
pub(super) fn suffix_dictionary(
    terms: &[(String, u32)],
    shapes: &[Shape],
    doc_counts: &[u64],
) -> (Vec<u8>, KeyedCuts) {
    let known: FxSet<&str> = terms.iter().map(|(t, _)| t.as_str()).collect();
    let mut keys = Vec::new();
    for (((term, _), &count), shape) in terms.iter().zip(doc_counts).zip(shapes) {
        let script = term.chars().next().and_then(script_of);
        if !matches!(script, Some(Script::Hangul | Script::Han)) {
            continue;
        }
        let starts: Vec<usize> = term.char_indices().map(|(i, _)| i).collect();
        let chars = starts.len();
        // A particle or ending form of another term (해외창업을 of 해외창업) is reached from
        // that term's own entries.
        if shape.stem_chars < chars && known.contains(&term[..starts[shape.stem_chars]]) {
            continue;
        }
        for (k, &start) in starts
            .iter()
            .enumerate()
            .skip(1)
            .take(chars.saturating_sub(2))
        {
            if !shape.ends_part_at(k, chars) {
                continue;
            }
            // Where parts end, counted from this start; the term's end is one.
            let ends = (shape.boundaries >> k) as u64 | 1 << (chars - k);
            keys.push((
                [&term.as_bytes()[start..], &[0], &term.as_bytes()[..start]].concat(),
                count | ends << 32,
            ));
        }
    }
    fst_blocks(&sorted_unique(keys))
}

/// The letters dictionary: each Hangul term's packed letters → its document count, for the
/// terms the letters read back into exactly (nearly all).
pub(super) fn letter_dictionary(
    terms: &[(String, u32)],
    doc_counts: &[u64],
) -> (Vec<u8>, KeyedCuts) {
    let keys = terms
        .iter()
        .zip(doc_counts)
        .filter_map(|((term, _), &count)| {
            jamo::letters(term)
                .filter(|p| jamo::compose(p) == *term)
                .map(|p| (p, count))
        })
        .collect();
    fst_blocks(&sorted_unique(keys))
}

/// The ids dictionary: each article's id → its document number (the first, were an id
/// given twice).
pub(super) fn id_dictionary(ids: &[Box<str>]) -> (Vec<u8>, KeyedCuts) {
    let entries = ids
        .iter()
        .enumerate()
        .map(|(doc, id)| (id.as_bytes().to_vec(), doc as u64))
        .collect();
    fst_blocks(&sorted_unique(entries))
}

/// (key, value) pairs sorted by key, the first of each key kept.
fn sorted_unique(mut entries: Vec<(Vec<u8>, u64)>) -> Vec<(Vec<u8>, u64)> {
    entries.sort_unstable();
    entries.dedup_by(|a, b| a.0 == b.0);
    entries
}
