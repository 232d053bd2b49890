//! Readings: per term, the articles where its letters are never read as the noun they spell
//! (kept with the term's postings list, see `postings`). 대한 is the name 大韓 alone, but in
//! "문제에 대한 우려" the verb 대하다; 사고 (accident) in "책을 사고" is 사 + 고 (buy and); 명의
//! (name) after a numeral, "6명의", "두 명의", is the counter 명 + 의. A [`ContextReader`] asks
//! the segmenter, as articles are added, how each such word reads between its neighbours;
//! search leaves those articles out of the word's matches (a phrase still finds them as
//! written: see `search::score`).

use crate::fxhash::{FxMap, FxSet};
use crate::shape::{OtherReadings, Segmenter};
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
    /// The terms that may read otherwise, by id, with their text and how they may.
    candidates: FxMap<u32, (String, OtherReadings)>,
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

    /// The segmenter it asks.
    pub(super) fn segmenter(&self) -> &'static dyn Segmenter {
        self.segmenter
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
        if script != Script::Hangul {
            return;
        }
        if let Some(may) = self.segmenter.may_read_otherwise(term) {
            self.candidates.insert(id, (term.to_owned(), may));
        }
    }

    /// Reads the candidates among one text's tokens between their neighbours (a neighbour
    /// counts when it is Hangul or a number in digits with only spaces or nothing between:
    /// after punctuation a word reads as at a start; 6명의, 221명의 10분의 1), adding their ids to `itself` where they read as the noun and to `otherwise`
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
                && (b.hangul || b.number)
                && text[a.end..b.start].chars().all(char::is_whitespace)
        };
        let word = |t: Option<&Placed>| t.map_or(("", NO_WORD), |t| (&text[t.start..t.end], t.id));
        for (i, token) in tokens.iter().enumerate() {
            let Some((term, may)) = self.candidates.get(&token.id) else {
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
                .or_insert_with(|| segmenter.reads_otherwise(before_text, term, after_text, *may));
            if reads_otherwise {
                otherwise.insert(token.id);
            } else {
                itself.insert(token.id);
            }
        }
    }
}
