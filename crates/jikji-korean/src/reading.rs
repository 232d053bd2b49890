//! How a word reads between its neighbours. [`Lexicon::analyze`] reads a word alone, by
//! classes; a word's reading can depend on the words around it: 대한 alone is the name
//! (大韓), but in `문제에 대한 우려` it is the verb 대하다 before a noun, and 사고 (accident)
//! after `책을` is 사 + 고 (buy and); 명의 (name) after a numeral — `6명의`, `두 명의`,
//! `여러 명의` — is the counter 명 and the particle 의 (mecab-ko-dic's class NNBC, its
//! counters). Here a word is read as Nori reads a sentence: by the
//! dictionary's full connection matrix between context ids (mecab-ko-dic's, a cost for each
//! morpheme's right context and the next one's left context), together with the words on
//! either side, one lattice over the three.
//!
//! The index build asks this per occurrence of the words it may matter for (see
//! [`Lexicon::may_read_otherwise`]); search then leaves out the articles where a word is never
//! read as itself (no 대한 for the 대한 of "에 대한").

use std::cell::RefCell;
use std::io::Read;
use std::rc::Rc;

use jikji_engine::{FxMap, OtherReadings};

use super::{readable, Lexicon, Pos, Span, NEAR_BEST, NNBC, NNP, NONE, UNSEEN_CONNECTION};

/// A word is a noun when, read alone, its best reading opening with a noun costs at most this
/// much more than its best reading: 대한 (the verb 대하다 + ㄴ, or the name 大韓: 3,700
/// apart) is, 있는 (the verb 있다 + 는; 있 as a noun: 7,500 apart) is not. Search looks for a
/// noun where its letters are read as the noun (0: only words whose best reading is a noun;
/// 2,000–5,000 is sensible; a verb form counted a noun loses nothing a search finds, as a word
/// never read as itself anywhere is searched as written).
const NOUN_WITHIN: i32 = 4_000;
/// A noun whose best reading alone is the noun may read otherwise between neighbours when a
/// reading that opens with a verb or adjective costs at most this much more alone (a neighbour's
/// connection costs move a reading by a few thousand; the bound only saves work: the words
/// it leaves out read as themselves everywhere).
const MAY_READ_OTHERWISE_WITHIN: i32 = 6_000;

/// What a reading of a word costs more that starts with a particle, an ending, the copula or
/// a suffix right after a space (mecab-ko-dic's left space penalty, as Nori applies it): a
/// word after a space seldom continues the one before.
const SPACE_PENALTY: i32 = 3_000;

/// The context of no word: a word read alone, or with nothing before or after it, joins it
/// at no cost. (mecab-ko-dic's own id 0 is a sentence's start and end, which costs a query
/// word alone as a sentence: 국민의 would read 국 + 민의, as no sentence ends in 의.)
const NO_WORD: u16 = 0;

/// How many words' lattices a thread keeps (see [`Lexicon::word_lattice`]); past this many
/// it starts afresh. An index build reads each word among its neighbours: the words it meets
/// most are then looked up in the dictionary once, not at every occurrence.
const LATTICES_KEPT: usize = 8_192;

thread_local! {
    /// Per lexicon (by address), the lattices of the words read lately on this thread, with
    /// their length in characters (`None`: a word the lexicon does not read).
    static LATTICES: RefCell<KeptLattices> = RefCell::new(FxMap::default());
}

/// Per lexicon (by address), per word, its lattice (see [`LATTICES`]).
type KeptLattices = FxMap<usize, FxMap<Box<str>, Option<WordLattice>>>;

/// A word's spans (see [`Lexicon::lattice`]) and its length in characters.
type WordLattice = (Rc<[Span]>, usize);

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

    /// The cost of a sentence starting with a morpheme of left context `left`.
    fn sentence_start(&self, left: u16) -> i32 {
        self.costs
            .get(usize::from(left))
            .map_or(UNSEEN_CONNECTION, |&c| i32::from(c))
    }

    /// The cost of a sentence ending with a morpheme of right context `right`.
    fn sentence_end(&self, right: u16) -> i32 {
        self.costs
            .get(usize::from(right) * self.backward)
            .map_or(UNSEEN_CONNECTION, |&c| i32::from(c))
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
    /// A counter (NNBC: 명, 개, 일), which follows numerals.
    counter: bool,
}

impl Opening {
    /// How `span`, the first of a word that starts at character `at`, opens the word.
    fn of(span: &Span, at: usize) -> Opening {
        Opening {
            end: span.end - at,
            nominal: is_nominal(span.entry.left),
            predicate: is_predicate(span.entry.left),
            counter: span.entry.left == NNBC,
        }
    }
}

/// A word read alone: its best reading, how readings opening otherwise compare, and where
/// the readings near the best divide it.
struct Alone {
    opening: Opening,
    cost: i32,
    /// The best cost of a reading that opens with a predicate ([`NONE`]: there is none).
    verbal: i32,
    /// The best reading's opening among those opening with a noun, and its cost.
    noun: Option<(Opening, i32)>,
    /// Bit k: a morpheme ends after k characters in a reading within `NEAR_BEST` of the best
    /// (inside the word only).
    boundaries: u32,
    /// Characters before the best reading's trailing particles and endings.
    stem: usize,
}

impl Alone {
    /// The opening of the word as a noun: its best one that opens with a noun, where that is
    /// within `NOUN_WITHIN` of its best reading.
    fn noun_opening(&self) -> Option<Opening> {
        self.noun
            .filter(|&(_, cost)| cost <= self.cost + NOUN_WITHIN)
            .map(|(opening, _)| opening)
    }
}

/// The lattice of words read together, one after the other: their spans, by start.
struct Lattice {
    spans: Vec<Span>,
    /// `spans[by_start[p]..by_start[p + 1]]` start at character p.
    by_start: Vec<usize>,
    chars: usize,
    /// Where each word read starts (the first at 0).
    word_starts: Vec<usize>,
}

impl Lattice {
    /// The lattice of `spans` (in order of their start) over `chars` characters.
    fn new(spans: Vec<Span>, chars: usize, word_starts: Vec<usize>) -> Lattice {
        let by_start = super::by_start(&spans, chars);
        Lattice {
            spans,
            by_start,
            chars,
            word_starts,
        }
    }

    /// The lattice without the spans that straddle both `one` and `other`, two readings'
    /// boundaries (see `Span::straddles`). `None` when no span does (this lattice serves).
    fn dividing_as(&self, one: u32, other: u32) -> Option<Lattice> {
        let straddles = |span: &Span| span.straddles(one) && span.straddles(other);
        if !self.spans.iter().any(straddles) {
            return None;
        }
        let spans = self
            .spans
            .iter()
            .filter(|s| !straddles(s))
            .cloned()
            .collect();
        Some(Lattice::new(spans, self.chars, self.word_starts.clone()))
    }

    /// What joining span `next` to `prev` costs beyond the matrix: inside a word, a noun after
    /// what ends a written word ([`super::UNSPACED_COST`]).
    fn within_word(&self, prev: &Span, next: &Span) -> i32 {
        if self.word_starts.contains(&next.start) {
            0
        } else {
            super::unspaced_cost(prev.entry.right, next.entry.left)
        }
    }
}

/// A morpheme of a reading: its first and end characters, its class.
type Morpheme = (usize, usize, Pos);

/// The cheapest readings from each span to the end of the words: `rest[i]`, the cost from
/// span i on (its own cost included), and `next[i]`, the span after it on that reading.
struct FromEnd {
    rest: Vec<i32>,
    next: Vec<usize>,
}

impl Lexicon {
    /// Where a word of `chars` characters divides in the readings near its best by the
    /// connection matrix, from its lattice `spans` (see [`Lexicon::analyze`] for the same by
    /// classes); `None` where no reading spans it.
    /// Also the stem of the best reading by the matrix (사용자의: 사용 + 자 + 의, stem 사용자,
    /// where the classes alone read the noun 자의). A near reading that divides a name
    /// otherwise than both the best by the matrix and the best by classes read it
    /// (`names_by_classes`: the boundaries of that reading's names, the word's ends included)
    /// is another word's, and none of its boundaries count: 케임 + 브리 + 지대 against the name
    /// 케임브리지 + 대, 대 + 전시 + 의원 against 대전시 (대전 + 시) + 의원. (Either best alone
    /// misreads too often: the classes read 브라질의 as the name 브라 + 질의. And only names:
    /// both best readings misread 성소수자 as 성소 + 수자, 주권침해다 as 주권 + 침 + 해다, where
    /// the near reading is the word, 성 + 소수자.)
    pub(crate) fn boundaries_by_matrix(
        &self,
        spans: Vec<Span>,
        chars: usize,
        names_by_classes: u32,
    ) -> Option<(u32, usize)> {
        let lattice = Lattice::new(spans, chars, vec![0]);
        self.read_alone_in(&lattice, Some(names_by_classes))
            .map(|alone| (alone.boundaries, alone.stem))
    }

    /// The dictionary entry `word` alone reads as at best by the connection matrix, where
    /// that reading is one span over the whole word (`None` where it divides: 등의 is 등 + 의).
    pub(crate) fn best_whole_entry(&self, word: &str) -> Option<super::Entry> {
        let (lattice, offsets) = self.lattice_of(&[word]);
        offsets[0]?;
        let FromEnd { rest, .. } = self.best_to_end(&lattice, false, false);
        let first = (lattice.by_start[0]..lattice.by_start[1])
            .filter(|&i| rest[i] < NONE)
            .min_by_key(|&i| rest[i])?;
        let span = &lattice.spans[first];
        (span.end == lattice.chars).then_some(span.entry)
    }

    /// Whether `term` is a noun (see `NOUN_WITHIN`) that a neighbour may make read as a
    /// verb or an adjective (its best reading alone is one, or one is within
    /// `MAY_READ_OTHERWISE_WITHIN`), or as a counter after a numeral (명의).
    pub fn may_read_otherwise(&self, term: &str) -> bool {
        self.other_readings(term).is_some()
    }

    /// What [`Lexicon::may_read_otherwise`] finds of `term`, read alone: which other words it
    /// may read as (`None`: none, or it is no noun).
    pub fn other_readings(&self, term: &str) -> Option<OtherReadings> {
        let alone = self.read_alone(term, None)?;
        alone.noun_opening()?;
        let may = OtherReadings {
            counter: self.counter_after_number(term),
            predicate: may_be_predicate(&alone),
        };
        (may.counter || may.predicate).then_some(may)
    }

    /// Whether `term`, written right after a number, may read as a counter and particles that
    /// together spell another word (명의 → 명 + 의, 일부터 → 일 + 부터; not 걸음, a counter
    /// whole, nor 차산업혁명, nor 분기 as 분 + the ending 기): the counter that starts such a
    /// reading, if any.
    fn counter_start(&self, term: &str) -> Option<Span> {
        let (spans, chars) = self.word_lattice(term)?;
        let functional_from = functional_ends(&spans, chars);
        let mut counters = spans
            .iter()
            .filter(|span| span.start == 0 && span.entry.left == NNBC && functional_from[span.end])
            .cloned();
        let first = counters.next()?;
        // The counter ends before the term's stem does: 가족이 is the counter 가족 + 이, but
        // that is the noun 가족 too. (The shape is worked out only for the few terms that
        // open with a counter.)
        let stem = self.shape_of(term).stem_chars;
        std::iter::once(first)
            .chain(counters)
            .find(|span| span.end < stem)
    }

    /// Whether `term` may read as a counter after a numeral (see
    /// [`Lexicon::reads_otherwise_as`]).
    pub fn counter_after_number(&self, term: &str) -> bool {
        self.counter_start(term).is_some()
    }

    /// Whether `term`, a noun (see `NOUN_WITHIN`), reads as something else between the
    /// words `before` and `after` ("" for none): read together, as an analyzer reads a
    /// sentence, its reading opens with a verb or an adjective; or it reads as a counter
    /// after a numeral ([`Lexicon::reads_otherwise_as`]). (A noun read there as a
    /// shorter noun and a particle, 주의 as 주 + 의, is still a noun: the matrix reads nearly
    /// every bare 주의 before a noun so, 각별한 주의 필요 and 여행 주의 사항 too, so such a
    /// reading says little about the occurrence; and an adverb, prefix or root reading
    /// — 현재 as "currently", 불 of 불가능, 다양 of 다양한 — still spells the noun a reader
    /// searches for.)
    pub fn reads_otherwise(&self, before: &str, term: &str, after: &str) -> bool {
        self.other_readings(term)
            .is_some_and(|may| self.reads_otherwise_as(before, term, after, may))
    }

    /// [`Lexicon::reads_otherwise`] of a term whose [`Lexicon::other_readings`] are `may`:
    /// `term`, read together with `before` and `after` as the dictionary's full matrix reads a
    /// sentence, opens with a predicate (where it may), or with a counter and particles (where
    /// it may, after a word: `before`, a number in digits read as the numeral [`NUMERAL`]: 6명의,
    /// 6 명의; 두 명의, 여러 명의, 8명의 국회의원을; not 대통령 명의의, nor 2차선으로, where 차선
    /// is the lane). The three words are read once; what depends on the term alone was found
    /// once for it.
    pub fn reads_otherwise_as(
        &self,
        before: &str,
        term: &str,
        after: &str,
        may: OtherReadings,
    ) -> bool {
        let counter = may.counter && !before.is_empty();
        if !counter && !may.predicate {
            return false;
        }
        self.read_together(before, term, after)
            .is_some_and(|(opening, _)| {
                counter && opening.counter || may.predicate && opening.predicate
            })
    }

    /// `words`' lattice, each word's spans after the previous word's; a word the lexicon does
    /// not read (not all Hangul, too long) is left out. Of several words, each starts after a
    /// space: a reading of one that starts with a particle or ending costs
    /// `SPACE_PENALTY` more.
    fn lattice_of(&self, words: &[&str]) -> (Lattice, Vec<Option<usize>>) {
        let spaced = words.len() > 1;
        let mut spans = Vec::new();
        let mut offsets = Vec::new();
        let mut at = 0;
        let mut word_starts = Vec::new();
        for word in words {
            let Some((word_spans, chars)) = self.word_lattice(word) else {
                offsets.push(None);
                continue;
            };
            spans.extend(word_spans.iter().map(|span| {
                let mut span = span.clone();
                if spaced && span.start == 0 && takes_space_penalty(span.entry.left) {
                    span.entry.cost += SPACE_PENALTY;
                }
                span.start += at;
                span.end += at;
                span
            }));
            offsets.push(Some(at));
            word_starts.push(at);
            at += chars;
        }
        (Lattice::new(spans, at, word_starts), offsets)
    }

    /// [`Lexicon::lattice`] of `word` with its length in characters, kept for the words this
    /// thread read lately (see [`LATTICES_KEPT`]); `None` for a word the lexicon does not
    /// read (not all Hangul, too long).
    fn word_lattice(&self, word: &str) -> Option<WordLattice> {
        LATTICES.with(|kept| {
            let mut kept = kept.borrow_mut();
            let words = kept.entry(self as *const Lexicon as usize).or_default();
            if let Some(found) = words.get(word) {
                return found.clone();
            }
            let found =
                readable(word).map(|chars| (Rc::from(self.lattice(word, &chars)), chars.len()));
            if words.len() >= LATTICES_KEPT {
                words.clear();
            }
            words.insert(word.into(), found.clone());
            found
        })
    }

    /// The cheapest readings from each span of `lattice` to its end (a Viterbi search from
    /// the end, by the connection matrix); `as_sentence`: the lattice's end is a sentence's,
    /// at its cost; `spaced`: joins inside a word cost [`Lattice::within_word`] more.
    fn best_to_end(&self, lattice: &Lattice, as_sentence: bool, spaced: bool) -> FromEnd {
        let spans = &lattice.spans;
        let mut rest = vec![NONE; spans.len()];
        let mut next = vec![usize::MAX; spans.len()];
        for i in (0..spans.len()).rev() {
            let span = &spans[i];
            let (cost, then) = if span.end == lattice.chars {
                let end = if as_sentence {
                    self.matrix.sentence_end(span.entry.right_id)
                } else {
                    0
                };
                (end, usize::MAX)
            } else {
                (lattice.by_start[span.end]..lattice.by_start[span.end + 1])
                    .filter(|&j| rest[j] < NONE)
                    .map(|j| {
                        let join = self.join(lattice, span, &spans[j], spaced);
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
        FromEnd { rest, next }
    }

    /// `before`, `word` and `after` read together, as a sentence (its start and end cost what
    /// mecab-ko-dic says they do: cut off at a neighbour, a reading should not end in a way
    /// no sentence could, 설치 시 as the verb 설치다 + the ending 시): the opening of `word` in
    /// the best reading of the three, and that reading's morphemes (characters of the three,
    /// classes).
    fn read_together<'a>(
        &self,
        before: &'a str,
        word: &str,
        after: &'a str,
    ) -> Option<(Opening, Vec<Morpheme>)> {
        // Digits read as a numeral does (6명의 as 여섯 명의; 221명의 10분의 1: not the end of
        // a sentence after 명의).
        let numeral = |w: &'a str| if is_number(w) { NUMERAL } else { w };
        let (lattice, offsets) = self.lattice_of(&[numeral(before), word, numeral(after)]);
        let at = offsets[1]?;
        let FromEnd { rest, next } = self.best_to_end(&lattice, true, false);
        let spans = &lattice.spans;
        let mut i = (lattice.by_start[0]..lattice.by_start[1])
            .filter(|&i| rest[i] < NONE)
            .min_by_key(|&i| rest[i] + self.matrix.sentence_start(spans[i].entry.left_id))?;
        let mut parts = Vec::new();
        let mut opening = None;
        loop {
            let span = &spans[i];
            parts.push((span.start, span.end, span.entry.left));
            if span.start == at {
                opening = Some(Opening::of(span, at));
            }
            if next[i] == usize::MAX {
                break;
            }
            i = next[i];
        }
        Some((opening?, parts))
    }

    /// `word` read alone (nothing before or after it costs anything); with `boundaries`, also
    /// where the readings near the best divide it (else `Alone::boundaries` is 0).
    fn read_alone(&self, word: &str, boundaries: Option<u32>) -> Option<Alone> {
        let (lattice, offsets) = self.lattice_of(&[word]);
        offsets[0]?;
        self.read_alone_in(&lattice, boundaries)
    }

    /// [`Lexicon::read_alone`] of the one word `lattice` holds; `boundaries`, when given, are
    /// those of another best reading's names (see [`Lexicon::boundaries_by_matrix`]).
    fn read_alone_in(&self, lattice: &Lattice, boundaries: Option<u32>) -> Option<Alone> {
        let FromEnd { rest, next } = self.best_to_end(lattice, false, false);
        let (spans, by_start) = (&lattice.spans, &lattice.by_start);
        let opening = |i: usize| Opening::of(&spans[i], 0);
        let openings = || (by_start[0]..by_start[1]).filter(|&i| rest[i] < NONE);
        let first = openings().min_by_key(|&i| rest[i])?;
        let best = rest[first];
        let verbal = openings()
            .filter(|&i| opening(i).predicate)
            .map(|i| rest[i])
            .min()
            .unwrap_or(NONE);
        let noun = openings()
            .filter(|&i| opening(i).nominal)
            .min_by_key(|&i| rest[i])
            .map(|i| (opening(i), rest[i]));
        let divides = if let Some(other_names) = boundaries {
            let best_divides = self.divisions(lattice, &rest, best, false);
            let names = self.divisions_of(lattice, &rest, best, false, |s| s.entry.left == NNP);
            let ends = 1 | 1 << lattice.chars;
            let compatible = lattice.dividing_as(names | ends, other_names);
            let near = compatible.as_ref().unwrap_or(lattice);
            let spaced = self.best_to_end(near, false, true);
            best_divides | self.divisions(near, &spaced.rest, best + NEAR_BEST, true)
        } else {
            0
        };
        Some(Alone {
            opening: opening(first),
            cost: best,
            verbal,
            noun,
            boundaries: divides,
            stem: stem_of_path(spans, &next, first),
        })
    }

    /// Where the readings of `lattice` (one word) costing at most `within` divide it, inside
    /// the word: bit k, a morpheme ends after k characters. `rest` is the cheapest cost from
    /// each span to the end ([`Lexicon::best_to_end`]), `spaced` whether it was worked out with
    /// [`Lattice::within_word`] (the same joins are costed here).
    fn divisions(&self, lattice: &Lattice, rest: &[i32], within: i32, spaced: bool) -> u32 {
        self.divisions_of(lattice, rest, within, spaced, |_| true)
    }

    /// [`Lexicon::divisions`] by the spans `which` holds for alone.
    fn divisions_of(
        &self,
        lattice: &Lattice,
        rest: &[i32],
        within: i32,
        spaced: bool,
        which: impl Fn(&Span) -> bool,
    ) -> u32 {
        let (spans, n) = (&lattice.spans, lattice.chars);
        let arrive = self.arrivals(lattice, spaced);
        let mut divides = 0u32;
        for (i, span) in spans.iter().enumerate().filter(|(_, span)| which(span)) {
            let through = arrive[i];
            if through < NONE && rest[i] < NONE && through - span.entry.cost + rest[i] <= within {
                divides |= 1 << span.start | 1 << span.end | span.entry.boundaries << span.start;
            }
        }
        divides & !(1 | 1 << n)
    }

    /// What joining `next` to `prev` costs in `lattice`, by the matrix (`spaced`: with
    /// [`Lattice::within_word`]).
    fn join(&self, lattice: &Lattice, prev: &Span, next: &Span, spaced: bool) -> i32 {
        let inside = if spaced {
            lattice.within_word(prev, next)
        } else {
            0
        };
        self.matrix.get(prev.entry.right_id, next.entry.left_id) + inside
    }

    /// From the start of `lattice`: the cheapest cost of reading up to each span's end
    /// through it, its own cost included ([`NONE`]: no reading reaches it).
    fn arrivals(&self, lattice: &Lattice, spaced: bool) -> Vec<i32> {
        let spans = &lattice.spans;
        let mut arrive = vec![NONE; spans.len()];
        let mut ending_at: Vec<Vec<usize>> = vec![Vec::new(); lattice.chars + 1];
        for (i, span) in spans.iter().enumerate() {
            let before_it = if span.start == 0 {
                0
            } else {
                ending_at[span.start]
                    .iter()
                    .map(|&j| arrive[j] + self.join(lattice, &spans[j], span, spaced))
                    .min()
                    .unwrap_or(NONE)
            };
            if before_it < NONE {
                arrive[i] = before_it + span.entry.cost;
                ending_at[span.end].push(i);
            }
        }
        arrive
    }

    /// How `word` reads between the words `before` and `after` ("" for none), for people:
    /// the parts of the three read together with their classes (`문제에 [대한] 우려` →
    /// `문제/NNG 에/J [대한/VV] 우려/NNG`), and how the word alone compares.
    pub fn describe_reading(&self, before: &str, word: &str, after: &str) -> String {
        let Some(alone) = self.read_alone(word, None) else {
            return format!("{word}: not read");
        };
        let text: Vec<char> = [before, word, after]
            .iter()
            .map(|&w| if is_number(w) { NUMERAL } else { w })
            .filter_map(readable)
            .flat_map(|chars| chars.into_iter().map(|(_, c)| c))
            .collect();
        let together =
            self.read_together(before, word, after)
                .map_or("not read".to_string(), |(_, parts)| {
                    parts
                        .iter()
                        .map(|&(s, e, class)| {
                            format!("{}/{}", text[s..e].iter().collect::<String>(), class.name())
                        })
                        .collect::<Vec<_>>()
                        .join(" ")
                });
        let cost = |c: i32| {
            if c >= NONE {
                "none".to_string()
            } else {
                c.to_string()
            }
        };
        format!(
            "{together}\n  alone: best {} ({}), opening with a predicate {}, with a noun {}; otherwise here: {}",
            cost(alone.cost),
            if alone.opening.nominal { "noun" } else if alone.opening.predicate { "predicate" } else { "other" },
            cost(alone.verbal),
            alone.noun.map_or("none".to_string(), |(_, c)| c.to_string()),
            self.reads_otherwise(before, word, after),
        )
    }
}

/// Where the reading that starts with span `first` and goes on by `next` ends its last
/// morpheme that is no particle, ending, copula or verb-making suffix (the whole word when
/// it is nothing but those, or when it ends in anything but a particle or an ending: no word
/// ends in a verb-making suffix, and 토론토 is no 토론 + 토).
fn stem_of_path(spans: &[Span], next: &[usize], first: usize) -> usize {
    let (mut i, mut stem, mut end, mut last) = (first, 0, 0, None);
    while let Some(span) = spans.get(i) {
        if !span.entry.left.is_functional() {
            stem = span.end;
        }
        end = span.end;
        last = Some(span.entry.right.name());
        i = next[i];
    }
    if stem == 0 || !matches!(last, Some("J" | "E")) {
        end
    } else {
        stem
    }
}

/// Per position of a word of `chars` characters: whether the rest of it from there reads
/// as particles only (`spans`: its lattice, in order of start).
fn functional_ends(spans: &[Span], chars: usize) -> Vec<bool> {
    let mut from = vec![false; chars + 1];
    from[chars] = true;
    for p in (0..chars).rev() {
        from[p] = spans
            .iter()
            .any(|s| s.start == p && s.entry.left.name() == "J" && from[s.end]);
    }
    from
}

/// What a number written in digits is read as, between the words around it: a numeral of
/// the lexicon (NR), which joins counters as digits do.
const NUMERAL: &str = "여섯";

/// Whether a word read alone (a noun) reads as a verb or an adjective at best, or nearly.
fn may_be_predicate(alone: &Alone) -> bool {
    alone.opening.predicate || alone.verbal <= alone.cost + MAY_READ_OTHERWISE_WITHIN
}

/// A number written in digits (with the separators numbers are written with).
fn is_number(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit())
        && word
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

fn is_nominal(class: Pos) -> bool {
    matches!(class.name(), "NNG" | "NNP" | "NNB" | "NNBC" | "NR" | "NP")
}

/// The classes Nori's left space penalty applies to.
fn takes_space_penalty(class: Pos) -> bool {
    matches!(class.name(), "E" | "J" | "VCP" | "XSA" | "XSN" | "XSV")
}

fn is_predicate(class: Pos) -> bool {
    matches!(class.name(), "VV" | "VA" | "VX")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn otherwise(before: &str, word: &str, after: &str) -> bool {
        Lexicon::embedded().reads_otherwise(before, word, after)
    }

    #[test]
    fn a_word_reads_by_its_neighbours() {
        let lexicon = Lexicon::embedded();
        assert!(lexicon.may_read_otherwise("대한"));
        assert!(lexicon.may_read_otherwise("사고"));
        assert!(otherwise("문제에", "대한", "우려"));
        assert!(otherwise("책을", "사고", "나왔다"));
        // Where the noun fits, they are the nouns.
        assert!(!otherwise("교통", "사고", "현장"));
        assert!(!otherwise("이번", "회의", "결과"));
        assert!(!otherwise("중국", "기업의", "투자"));
        assert!(!otherwise("", "화웨이는", "반도체를"));
        assert!(!otherwise("", "국민의", "안전"));
        // A neighbour that reads otherwise alone (가구 as 가 + 구) is read with the word.
        assert!(!otherwise("가구", "주민", ""));
        // A noun read as a shorter one and a particle is still a noun.
        assert!(!otherwise("미국", "주의", "법"));
        // The three words are read as a sentence, whose end a reading must fit: 설치 시 is
        // the nouns 설치 and 시 (when installing), not the verb 설치다 + the ending 시, which
        // no sentence ends with; and 남구 before a place name is the district.
        assert!(!otherwise("장애인시설", "설치", "시"));
        assert!(!otherwise("", "남구", "감만동"));
        // After a numeral, in digits or in words, spaced or not, 명의 is the counter 명 + 의;
        // after a noun it is the noun (name).
        assert!(lexicon.may_read_otherwise("명의"));
        assert!(otherwise("6", "명의", "사망자가"));
        assert!(otherwise("8", "명의", "국회의원을"));
        // A number after it is no sentence's end: 221명의 10분의 1.
        assert!(otherwise("221", "명의", "10"));
        assert!(!otherwise("2", "차선으로", ""));
        assert!(!otherwise("상어", "가족이", ""));
        assert!(otherwise("두", "명의", "사망자가"));
        assert!(otherwise("여러", "명의", "사망자가"));
        assert!(!otherwise("대통령", "명의의", "조전을"));
        assert!(!otherwise("회장", "명의의", "공고문이"));
        assert!(!otherwise("", "명의로", "나온"));
        assert!(!otherwise("다른", "명의로", "계좌를"));
        assert!(otherwise("수십", "명의", "학생이"));
        // A counter whole is the word (한 걸음); a compound after a number is not a counter.
        assert!(!otherwise("한", "걸음", "더"));
        assert!(!otherwise("4", "차산업혁명", "시대"));
        // A word that is no noun never reads otherwise than itself.
        assert!(!lexicon.may_read_otherwise("있는"));
        assert!(!otherwise("수", "있는", "방법"));
    }
}

impl Lexicon {
    /// The readings of `word` alone within `within` of its best by the connection matrix,
    /// cheapest first, for people: each as its morphemes with their classes, its cost by the
    /// matrix and by classes (`본부장 → 본부/NNG 장/NNG 1234 (classes 2345)`).
    pub fn describe_paths(&self, word: &str, within: i32) -> String {
        let Some(chars) = readable(word) else {
            return format!("{word}: not read");
        };
        let n = chars.len();
        let spans = self.lattice(word, &chars);
        let classes = super::by_classes(spans.clone());
        let lattice = Lattice::new(spans.clone(), n, vec![0]);
        let FromEnd { rest, .. } = self.best_to_end(&lattice, false, false);
        let spans = &lattice.spans;
        let best = (lattice.by_start[0]..lattice.by_start[1])
            .map(|i| rest[i])
            .min()
            .unwrap_or(NONE);
        let mut found: Vec<(i32, i32, Vec<usize>)> = Vec::new();
        let mut stack: Vec<(Vec<usize>, i32, i32)> = vec![(Vec::new(), 0, 0)];
        while let Some((path, fine, coarse)) = stack.pop() {
            let at = path.last().map_or(0, |&i| spans[i].end);
            if at == n {
                let last = spans[*path.last().expect("a path")].entry.right.0 as usize;
                found.push((
                    fine,
                    coarse + self.connections[last][Pos::EOS.0 as usize],
                    path,
                ));
                continue;
            }
            for i in lattice.by_start[at]..lattice.by_start[at + 1] {
                let span = &spans[i];
                let (f, c) = match path.last() {
                    None => (
                        0,
                        self.connections[Pos::BOS.0 as usize][span.entry.left.0 as usize],
                    ),
                    Some(&p) => (
                        self.matrix.get(spans[p].entry.right_id, span.entry.left_id),
                        self.connections[spans[p].entry.right.0 as usize]
                            [span.entry.left.0 as usize],
                    ),
                };
                if rest[i] >= NONE || fine + f + rest[i] > best + within {
                    continue;
                }
                let mut next = path.clone();
                next.push(i);
                stack.push((
                    next,
                    fine + f + span.entry.cost,
                    coarse + c + classes[i].entry.cost,
                ));
            }
        }
        found.sort();
        let names_by_classes = self
            .analyze_spans(&chars, super::by_classes(spans.clone()), Pos::BOS)
            .1;
        let by_matrix = self.boundaries_by_matrix(spans.clone(), n, names_by_classes);
        let by_classes = self.analyze(word).boundaries;
        let header = format!("matrix {by_matrix:?} classes {by_classes:b}\n");
        found
            .iter()
            .take(30)
            .map(|(fine, coarse, path)| {
                let parts: Vec<String> = path
                    .iter()
                    .map(|&i| {
                        let s = &spans[i];
                        let text: String = chars[s.start..s.end].iter().map(|c| c.1).collect();
                        format!(
                            "{text}/{}/{}{}",
                            s.entry.left.name(),
                            s.entry.right.name(),
                            if s.entry.boundaries == 0 {
                                String::new()
                            } else {
                                format!("/{:b}", s.entry.boundaries)
                            }
                        )
                    })
                    .collect();
                format!("{} +{} (classes {})", parts.join(" "), fine - best, coarse)
            })
            .collect::<Vec<_>>()
            .join("\n")
            + "\n"
            + &header
    }
}
