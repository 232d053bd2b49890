//! How a word reads between its neighbours. [`Lexicon::analyze`] reads a word alone, by
//! classes; a word's reading can depend on the words around it: 대한 alone is the name
//! (大韓), but in `문제에 대한 우려` it is the verb 대하다 before a noun, and 사고 (accident)
//! after `책을` is 사 + 고 (buy and). Here a word is read as Nori reads a sentence: by the
//! dictionary's full connection matrix between context ids (mecab-ko-dic's, a cost for each
//! morpheme's right context and the next one's left context), from the context its previous
//! word ends in to the one its next word begins with.
//!
//! The index build asks this per occurrence of the words it may matter for (see
//! [`Edges::may_read_otherwise`]); search then leaves out the articles where a word is never
//! read as itself (no 대한 for the 대한 of "에 대한").

use std::io::Read;

use jikji_engine::Edges;

use super::{is_syllable, Lexicon, Pos, MAX_CHARS, NONE, UNSEEN_CONNECTION};

/// A word is a noun when, read alone, its best reading opening with a noun costs at most this
/// much more than its best reading: 대한 (the verb 대하다 + ㄴ, or the name 大韓: 3,700
/// apart) is, 있는 (the verb 있다 + 는; 있 as a noun: 7,500 apart) is not. Search looks for a
/// noun where its letters are read as the noun (0: only words whose best reading is a noun;
/// 2,000–5,000 is sensible; a verb form counted a noun loses nothing a search finds, as a word
/// never read as itself anywhere is searched as written).
const NOUN_WITHIN: i32 = 4_000;
/// A noun whose best reading alone is the noun may read otherwise between neighbours when a
/// reading that opens differently costs at most this much more alone (a neighbour's
/// connection costs move a reading by a few thousand; the bound only saves work: the words
/// it leaves out read as themselves everywhere).
const MAY_READ_OTHERWISE_WITHIN: i32 = 6_000;

/// The context of no word: a word read alone, or with nothing before or after it, joins it
/// at no cost. (mecab-ko-dic's own id 0 is a sentence's start and end, which costs a query
/// word alone as a sentence: 국민의 would read 국 + 민의, as no sentence ends in 의.)
const NO_WORD: u16 = 0;

/// mecab-ko-dic's connection costs by context id: `costs[right id × backward + left id]`.
pub(crate) struct Matrix {
    forward: usize,
    backward: usize,
    costs: Vec<i16>,
}

impl Matrix {
    /// From `data/matrix.bin.gz` (u16 forward size, u16 backward size, then i16 costs, right
    /// id major, little-endian).
    pub(crate) fn from_gzip(bytes: &[u8]) -> Result<Matrix, String> {
        let mut raw = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut raw)
            .map_err(|e| format!("connection matrix: {e}"))?;
        let size = |at: usize| usize::from(u16::from_le_bytes([raw[at], raw[at + 1]]));
        if raw.len() < 4 {
            return Err("connection matrix: no header".into());
        }
        let (forward, backward) = (size(0), size(2));
        if raw.len() != 4 + 2 * forward * backward {
            return Err(format!(
                "connection matrix: {} bytes for {forward} × {backward}",
                raw.len()
            ));
        }
        let costs = raw[4..]
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect();
        Ok(Matrix {
            forward,
            backward,
            costs,
        })
    }

    /// The cost of a morpheme with left context `left` after one with right context `right`;
    /// nothing where either is [`NO_WORD`].
    fn get(&self, right: u16, left: u16) -> i32 {
        let (r, l) = (usize::from(right), usize::from(left));
        if right == NO_WORD || left == NO_WORD {
            return 0;
        }
        if r >= self.forward || l >= self.backward {
            return UNSEEN_CONNECTION;
        }
        i32::from(self.costs[r * self.backward + l])
    }
}

/// How a reading opens: where its first morpheme ends, whether that morpheme names something
/// (a noun, a name, a number, a pronoun), and whether it is a predicate's stem (a verb's, an
/// adjective's).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Opening {
    end: usize,
    nominal: bool,
    predicate: bool,
}

/// The best reading of a word in one context.
struct Reading {
    opening: Opening,
    cost: i32,
    /// The best cost of a reading that opens with a predicate ([`NONE`]: there is none).
    verbal: i32,
    /// The best reading's opening among those opening with a noun, and its cost.
    noun: Option<(Opening, i32)>,
    begins: u16,
    ends: u16,
    /// The morphemes of the reading: characters and classes.
    parts: Vec<(usize, usize, Pos)>,
}

impl Lexicon {
    /// How `term` reads alone, for reading its neighbours, and whether a neighbour may make it
    /// read otherwise than as the noun it is. A word the lexicon cannot read (not all Hangul,
    /// too long) has no edges.
    pub fn edges(&self, term: &str) -> Edges {
        match self.read_between(term, NO_WORD, NO_WORD) {
            Some(alone) => Edges {
                begins: alone.begins,
                ends: alone.ends,
                may_read_otherwise: alone.noun_opening().is_some_and(|_| {
                    alone.opening.predicate
                        || alone.verbal <= alone.cost + MAY_READ_OTHERWISE_WITHIN
                }),
            },
            None => Edges::default(),
        }
    }

    /// Whether `term`, a noun (see [`NOUN_WITHIN`]), reads as something else after a word
    /// ending in context `before` and before one beginning with `after` (context ids from
    /// [`Lexicon::edges`]; 0: no word there): its best reading there opens with a verb or an
    /// adjective. (A noun read there as a shorter noun and a particle, 주의 as 주 + 의, is still
    /// a noun: the term is then a form of its first part, which search matches as such; and
    /// an adverb, prefix or root reading — 현재 as "currently", 불 of 불가능, 다양 of 다양한 —
    /// still spells the noun a reader searches for.)
    pub fn reads_otherwise(&self, term: &str, before: u16, after: u16) -> bool {
        let is_noun = self
            .read_between(term, NO_WORD, NO_WORD)
            .is_some_and(|alone| alone.noun_opening().is_some());
        is_noun
            && self
                .read_between(term, before, after)
                .is_some_and(|there| there.opening.predicate)
    }

    /// The best reading of `word` after a right context `before` and before a left context
    /// `after`, by the connection matrix (a Viterbi search over the word's lattice, from the
    /// end).
    fn read_between(&self, word: &str, before: u16, after: u16) -> Option<Reading> {
        let chars: Vec<(usize, char)> = word.char_indices().collect();
        let n = chars.len();
        if n == 0 || n > MAX_CHARS || !chars.iter().all(|&(_, c)| is_syllable(c)) {
            return None;
        }
        let spans = self.lattice(word, &chars, 0);
        let mut by_start = vec![0; n + 2];
        for span in &spans {
            by_start[span.start + 1] += 1;
        }
        for p in 0..=n {
            by_start[p + 1] += by_start[p];
        }
        // From the end: the cheapest rest of the word from each span on, and the span after it.
        let mut rest = vec![NONE; spans.len()];
        let mut next = vec![usize::MAX; spans.len()];
        for i in (0..spans.len()).rev() {
            let span = &spans[i];
            let (cost, then) = if span.end == n {
                (self.matrix.get(span.entry.right_id, after), usize::MAX)
            } else {
                (by_start[span.end]..by_start[span.end + 1])
                    .filter(|&j| rest[j] < NONE)
                    .map(|j| {
                        let join = self.matrix.get(span.entry.right_id, spans[j].entry.left_id);
                        (join + rest[j], j)
                    })
                    .min()
                    .unwrap_or((NONE, usize::MAX))
            };
            if cost < NONE {
                rest[i] = span.entry.cost + cost;
                next[i] = then;
            }
        }
        let opening = |i: usize| Opening {
            end: spans[i].end,
            nominal: is_nominal(spans[i].entry.left),
            predicate: is_predicate(spans[i].entry.left),
        };
        let total = |i: usize| self.matrix.get(before, spans[i].entry.left_id) + rest[i];
        let first = (by_start[0]..by_start[1])
            .filter(|&i| rest[i] < NONE)
            .min_by_key(|&i| total(i))?;
        let verbal = (by_start[0]..by_start[1])
            .filter(|&i| rest[i] < NONE && opening(i).predicate)
            .map(total)
            .min()
            .unwrap_or(NONE);
        let noun = (by_start[0]..by_start[1])
            .filter(|&i| rest[i] < NONE && opening(i).nominal)
            .min_by_key(|&i| total(i))
            .map(|i| (opening(i), total(i)));
        let mut last = first;
        let mut parts = vec![(0, spans[first].end, spans[first].entry.left)];
        while next[last] != usize::MAX {
            last = next[last];
            parts.push((spans[last].start, spans[last].end, spans[last].entry.left));
        }
        Some(Reading {
            opening: opening(first),
            cost: total(first),
            verbal,
            noun,
            begins: spans[first].entry.left_id,
            ends: spans[last].entry.right_id,
            parts,
        })
    }
}

impl Reading {
    /// The opening of the word as a noun, read alone: its best one that opens with a noun,
    /// where that is within [`NOUN_WITHIN`] of its best reading.
    fn noun_opening(&self) -> Option<Opening> {
        self.noun
            .filter(|&(_, cost)| cost <= self.cost + NOUN_WITHIN)
            .map(|(opening, _)| opening)
    }
}

impl Lexicon {
    /// `word`'s best reading between the words `before` and `after` ("" for none), by the
    /// connection matrix, for people: its parts with their classes (`문제에 [대한] 우려` →
    /// `대한/VV`), and its cost.
    pub fn describe_reading(&self, before: &str, word: &str, after: &str) -> String {
        let before = if before.is_empty() {
            0
        } else {
            self.edges(before).ends
        };
        let after = if after.is_empty() {
            0
        } else {
            self.edges(after).begins
        };
        let Some(reading) = self.read_between(word, before, after) else {
            return format!("{word}: not read");
        };
        let chars: Vec<char> = word.chars().collect();
        let parts: Vec<String> = reading
            .parts
            .iter()
            .map(|&(s, e, class)| {
                format!(
                    "{}/{}",
                    chars[s..e].iter().collect::<String>(),
                    class.name()
                )
            })
            .collect();
        format!(
            "{} (cost {}, opening with a predicate {}, with a noun {})",
            parts.join(" + "),
            reading.cost,
            if reading.verbal >= NONE {
                "none".to_string()
            } else {
                reading.verbal.to_string()
            },
            reading
                .noun
                .map_or("none".to_string(), |(_, cost)| cost.to_string())
        )
    }
}

fn is_nominal(class: Pos) -> bool {
    matches!(class.name(), "NNG" | "NNP" | "NNB" | "NNBC" | "NR" | "NP")
}

fn is_predicate(class: Pos) -> bool {
    matches!(class.name(), "VV" | "VA" | "VX")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the middle word of three reads otherwise than alone.
    fn otherwise(before: &str, word: &str, after: &str) -> bool {
        let lexicon = Lexicon::embedded();
        let before = if before.is_empty() {
            0
        } else {
            lexicon.edges(before).ends
        };
        let after = if after.is_empty() {
            0
        } else {
            lexicon.edges(after).begins
        };
        lexicon.reads_otherwise(word, before, after)
    }

    #[test]
    fn a_word_reads_by_its_neighbours() {
        let lexicon = Lexicon::embedded();
        assert!(lexicon.edges("대한").may_read_otherwise);
        assert!(lexicon.edges("사고").may_read_otherwise);
        assert!(otherwise("문제에", "대한", "우려"));
        assert!(otherwise("책을", "사고", "나왔다"));
        // A noun read as a shorter one and a particle is still a noun.
        assert!(!otherwise("미국", "주의", "법"));
        // Where the noun fits, they are the nouns.
        assert!(!otherwise("", "국민의", "안전"));
        assert!(!otherwise("교통", "사고", "현장"));
        assert!(!otherwise("이번", "회의", "결과"));
        assert!(!otherwise("중국", "기업의", "투자"));
        assert!(!otherwise("", "화웨이는", "반도체를"));
        // A word that is no noun never reads otherwise than itself.
        assert!(!lexicon.edges("있는").may_read_otherwise);
        assert!(!otherwise("수", "있는", "방법"));
    }
}
