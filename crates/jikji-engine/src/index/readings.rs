//! The readings section: per term, the articles where its letters are never read as the noun
//! they spell. 대한 is the name 大韓 alone, but in "문제에 대한 우려" the verb 대하다; 사고
//! (accident) in "책을 사고" is 사 + 고 (buy and); 명의 (name) after a numeral, "6명의",
//! "두 명의", is the counter 명 + 의. A [`ContextReader`] asks the segmenter, as
//! articles are added, how each such word reads between its neighbours; search leaves those
//! articles out of the word's matches (a phrase still finds them as written: see
//! `search::score`).

use super::{DocId, Index};
use crate::codec::{write_varint, Reader};
use crate::error::Error;
use crate::fxhash::{FxMap, FxSet};
use crate::shape::{self, Segmenter};
use crate::tokenize::Script;

/// One token of a text, as the context reader needs it: its term id and where it stands.
#[derive(Clone, Copy)]
pub(super) struct Placed {
    pub(super) id: u32,
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) hangul: bool,
    /// Written in digits (a numeral before a counter: 6명의, 6 명의).
    pub(super) number: bool,
}

/// Reads the words of the articles being added in their context (see the module doc).
pub(super) struct ContextReader {
    segmenter: &'static dyn Segmenter,
    /// Per term id: whether it has been looked at.
    seen: Vec<bool>,
    /// The terms that may read otherwise, by id, with their text.
    candidates: FxMap<u32, String>,
    /// Whether a candidate reads otherwise between two neighbours (term ids; `NO_WORD`).
    decided: FxMap<(u32, u32, u32), bool>,
}

/// No neighbour: the start or end of a text, punctuation, a number or a Latin word.
const NO_WORD: u32 = u32::MAX;

impl ContextReader {
    pub(super) fn new(segmenter: &'static dyn Segmenter) -> Self {
        ContextReader {
            segmenter,
            seen: Vec::new(),
            candidates: FxMap::default(),
            decided: FxMap::default(),
        }
    }

    /// Notes term `id`, spelled `term` in `script`, the first time it is seen.
    pub(super) fn see(&mut self, id: u32, term: &str, script: Script) {
        let at = id as usize;
        if self.seen.len() <= at {
            self.seen.resize(at + 1, false);
        }
        if self.seen[at] {
            return;
        }
        self.seen[at] = true;
        if script == Script::Hangul && self.segmenter.may_read_otherwise(term) {
            self.candidates.insert(id, term.to_owned());
        }
    }

    /// Reads the candidates among one text's tokens between their neighbours (a neighbour
    /// counts when it is Hangul with only spaces between: after punctuation a word reads as
    /// at a start; or, before the word, a number in digits with only spaces or nothing between:
    /// 6명의), adding their ids to `itself` where they read as the noun and to `otherwise`
    /// where not.
    pub(super) fn read_text(
        &mut self,
        text: &str,
        tokens: &[Placed],
        itself: &mut FxSet<u32>,
        otherwise: &mut FxSet<u32>,
    ) {
        let next_to = |a: &Placed, b: &Placed| {
            (a.hangul || a.number)
                && b.hangul
                && text[a.end..b.start].chars().all(char::is_whitespace)
        };
        let word = |t: Option<&Placed>| t.map_or(("", NO_WORD), |t| (&text[t.start..t.end], t.id));
        for (i, token) in tokens.iter().enumerate() {
            let Some(term) = self.candidates.get(&token.id) else {
                continue;
            };
            let before = i
                .checked_sub(1)
                .map(|p| &tokens[p])
                .filter(|p| next_to(p, token));
            let after = tokens.get(i + 1).filter(|n| next_to(token, n));
            let ((before_text, before_id), (after_text, after_id)) = (word(before), word(after));
            let segmenter = self.segmenter;
            let reads_otherwise = *self
                .decided
                .entry((before_id, token.id, after_id))
                .or_insert_with(|| segmenter.reads_otherwise(before_text, term, after_text));
            if reads_otherwise {
                otherwise.insert(token.id);
            } else {
                itself.insert(token.id);
            }
        }
    }
}

/// The readings section, from the terms in dictionary order with their postings offsets and
/// the articles where each is never read as itself (`docs_of`, in id order): varint entry
/// count, then per term that has such articles, in offset order: varint offset delta, varint
/// article count, varint article id deltas.
pub(super) fn write_readings<'a>(
    offsets: &[u64],
    docs_of: impl Iterator<Item = &'a [DocId]>,
) -> Vec<u8> {
    let entries: Vec<(u64, &[DocId])> = offsets
        .iter()
        .copied()
        .zip(docs_of)
        .filter(|(_, docs)| !docs.is_empty())
        .collect();
    let mut out = Vec::new();
    write_varint(&mut out, entries.len() as u64);
    let mut last_offset = 0;
    for (offset, docs) in entries {
        write_varint(&mut out, offset - last_offset);
        last_offset = offset;
        write_varint(&mut out, docs.len() as u64);
        let mut last_doc = 0;
        for &doc in docs {
            write_varint(&mut out, u64::from(doc - last_doc));
            last_doc = doc;
        }
    }
    out
}

/// Reads the readings section: postings offset → the articles where that term is read
/// otherwise, each in increasing order and below `doc_count`.
pub(super) fn read_readings(
    bytes: &[u8],
    doc_count: usize,
) -> Result<FxMap<u64, Box<[DocId]>>, Error> {
    let mut r = Reader::new(bytes);
    let entries = r.varint()?;
    let mut map = FxMap::default();
    let mut offset = 0u64;
    for _ in 0..entries {
        offset = offset
            .checked_add(r.varint()?)
            .ok_or_else(|| Error::corrupt("readings: offset overflows"))?;
        let count = r.varint_u32()? as usize;
        if count > doc_count {
            return Err(Error::corrupt("readings: more articles than the index has"));
        }
        let mut docs = Vec::with_capacity(count);
        let mut doc = 0u64;
        for _ in 0..count {
            let delta = r.varint()?;
            doc = doc.saturating_add(delta);
            if doc >= doc_count as u64 || delta == 0 && !docs.is_empty() {
                return Err(Error::corrupt("readings: article out of range or order"));
            }
            docs.push(doc as DocId);
        }
        map.insert(offset, docs.into_boxed_slice());
    }
    if r.position() != bytes.len() {
        return Err(Error::corrupt("readings: trailing bytes"));
    }
    Ok(map)
}

impl<D: AsRef<[u8]>> Index<D> {
    /// The articles where the term with postings at `postings` (a terms dictionary value) is
    /// never read as itself, in id order (empty for most terms).
    pub(crate) fn read_otherwise(&self, postings: u64) -> &[DocId] {
        self.read_otherwise
            .get(&(postings & shape::OFFSET_MASK))
            .map_or(&[], |docs| docs)
    }
}
