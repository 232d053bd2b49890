//! Korean word forms for the index build: where a written word (어절) divides into the parts a
//! reader sees in it. `해외창업을` is 해외 | 창업 | 을, `창업자들이` 창업 | 자 | 들 | 이, but
//! `소비자` is 소비 | 자 (no 비자 in it), `미사일` and `나이지리아` are whole, `이유로` is 이유 | 로
//! (no 유로).
//!
//! [`Lexicon::analyze`] finds the cheapest ways to spell a word as a sequence of dictionary
//! entries — a lattice over the [`Lexicon`], each path costing its entries' word costs plus a
//! connection cost between neighbours' parts of speech, as a morphological analyzer does —
//! and returns an [`Analysis`]: every place where the best path, or a path within
//! [`NEAR_BEST`] of it that reads as one written word (no noun or adverb right after a
//! particle, an ending or a determiner, which Korean spaces: 본부장 is no 본 + 부장), divides
//! the word (so an ambiguity keeps both readings), and its stem: the shortest start of it
//! that a reading within [`NEAR_STEM`] of the best follows with particles and endings only.
//! A term's shape ([`Lexicon::shape_of`]) also leaves out the near readings that divide a name
//! otherwise than the best by classes and the best by the matrix both read it, not just more
//! finely: 케임브리지대 holds no 지대, 대전시의원 no 전시.
//!
//! The lexicon is mecab-ko-dic as Lucene's Nori analyzer ships it (Apache-2.0, see
//! `data/NOTICE`), reduced by `data/make.sh` to Hangul surfaces with their context ids (and
//! so part-of-speech classes, `data/contexts.tsv`), costs and the morpheme boundaries of
//! compound entries, as an `fst` map (`data/lexicon.fst`); connection costs as one median per
//! pair of classes (`data/connections.tsv`), and the full matrix by context id
//! (`data/matrix.bin.gz`), which `reading` reads words with: alone, for where they divide
//! (a shape keeps a boundary both models have), and between their neighbours, for whether a
//! noun is read as a verb there (대한 of 문제에 대한). It is used natively when the index is
//! built; the browser never downloads it (the index stores what the analysis found).

use std::sync::OnceLock;

mod reading;

use fst::raw::{Fst, Node};

/// Paths costing at most this much more than the best still mark where they divide a word.
/// 0 keeps the best reading only; ~1,000–3,000 keeps close alternatives (이유로 as the noun
/// 이유로 or as 이유 + 로, 1,500 apart) while far ones (이 + 유로, 4,400 apart) stay out.
pub const NEAR_BEST: i32 = 2_000;
/// A word's stem is the shortest start a reading within this of the best follows with
/// particles and endings only (0: the best reading's; 300–1,000 lets 일본과 be 일본 + 과 though
/// "department" reads a little cheaper, while 회의 stays 회의, not 회 + 의).
pub const NEAR_STEM: i32 = 600;
/// Shortest stem, in characters, that the best reading by the connection matrix may cut a
/// term to where the classes read no particle or ending: a noun of two syllables whose second
/// spells a particle or the copula (속도, 발의, 열도, 날인) is read alone as one syllable and
/// the particle (속 + 도), which no reader means. 1 let those queries search 속, 발, 열 (recall
/// lost: BENCHMARKS.md, "Every count is evidence"); 2 keeps them whole and still reads 사용자의
/// as 사용자 + 의 and 다음날인 as 다음날 + 이 + ㄴ.
const MIN_MATRIX_STEM: usize = 2;
/// Cost of a run of characters the lexicon does not have (a name: 핀둬둬), per run and per
/// character; high enough that any reading from the lexicon wins, low enough that an unknown
/// name followed by a known particle (핀둬둬 + 는) beats reading the whole as unknown.
const UNKNOWN_COST: i32 = 4_000;
const UNKNOWN_COST_PER_CHAR: i32 = 2_000;
/// Added to a one-syllable content word (소 in 소 + 비자, 국 in 국 + 정원): the coarse classes
/// cost such readings too little, and a near one would make the rest a part of the word. The
/// value is the Wikinews evaluation's (BENCHMARKS.md, "Korean matching against Nori and Kiwi":
/// more lost recall).
const SINGLE_SYLLABLE_COST: i32 = 1_000;
/// Longest unknown run considered, in characters (names are seldom longer).
const UNKNOWN_MAX_CHARS: usize = 10;
/// Words longer than this (in characters) are not analysed (boundaries are kept in a 32-bit
/// mask; such words are rare and usually several words run together anyway).
pub const MAX_CHARS: usize = 31;
/// A cost no path reaches (sums of a few of them stay far from overflow).
const NONE: i32 = i32::MAX / 4;
/// Connection cost of a pair of classes the dictionary never joins.
const UNSEEN_CONNECTION: i32 = 10_000;

/// Part-of-speech classes of the Sejong tag set as mecab-ko-dic uses them, plus the start and
/// end of a word.
pub const POS_NAMES: [&str; 33] = [
    "BOS", "EOS", "E", "IC", "J", "MAG", "MAJ", "MM", "NA", "NNB", "NNBC", "NNG", "NNP", "NP",
    "NR", "SC", "SE", "SF", "SSC", "SSO", "UNA", "VA", "VCN", "VCP", "VSV", "VV", "VX", "XPN",
    "XR", "XSA", "XSN", "XSV", "SY",
];
const POS_COUNT: usize = POS_NAMES.len();
/// [`Pos::is_functional`] by class, worked out at compile time.
const FUNCTIONAL: [bool; POS_COUNT] = {
    let mut table = [false; POS_COUNT];
    let mut i = 0;
    while i < POS_COUNT {
        table[i] = matches!(
            POS_NAMES[i].as_bytes(),
            b"J" | b"E" | b"VCP" | b"VCN" | b"XSV" | b"XSA"
        );
        i += 1;
    }
    table
};
/// The class of names, given to runs the lexicon does not have.
const NNP: Pos = Pos(12);
/// The class of counters (명, 개, 일), which follow numerals.
const NNBC: Pos = Pos(10);
/// The class of numerals, which a word written right after digits follows (the lexicon has
/// no class for digits; its numerals connect to counters as they do).
const NR: Pos = Pos(14);

/// A part-of-speech class, an index into [`POS_NAMES`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pos(u8);

impl Pos {
    const BOS: Pos = Pos(0);
    const EOS: Pos = Pos(1);

    pub fn from_name(name: &str) -> Option<Pos> {
        POS_NAMES
            .iter()
            .position(|n| *n == name)
            .map(|i| Pos(i as u8))
    }

    pub fn name(self) -> &'static str {
        POS_NAMES[self.0 as usize]
    }

    /// Particles, endings, the copula and the verb- and adjective-making suffixes (하다, 되다):
    /// what follows a stem without changing what it names.
    fn is_functional(self) -> bool {
        FUNCTIONAL[self.0 as usize]
    }
}

/// One lexicon entry: its classes at either end (a compound or inflected entry may start as
/// one and end as another: 했다 starts as XSV and ends as E), its word cost, the morpheme
/// boundaries it states (bit k: a morpheme ends after its first k characters), and its
/// context ids at either end (finer than the classes: the rows and columns of the dictionary's
/// connection matrix, see `reading`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub left: Pos,
    pub right: Pos,
    pub cost: i32,
    pub boundaries: u32,
    pub left_id: u16,
    pub right_id: u16,
}

impl Entry {
    /// Packed into an `fst` value: cost + 2^15 in bits 0–15, left context id in 16–27, right
    /// context id in 28–39, boundaries from bit 40 (the classes follow from the ids, see
    /// [`Contexts`]).
    pub fn pack(&self) -> u64 {
        debug_assert!(self.left_id < 1 << 12 && self.right_id < 1 << 12);
        debug_assert!(self.boundaries < 1 << 24);
        (self.cost + 32_768) as u64
            | u64::from(self.left_id) << 16
            | u64::from(self.right_id) << 28
            | u64::from(self.boundaries) << 40
    }

    fn unpack(value: u64, contexts: &Contexts) -> Entry {
        let left_id = (value >> 16 & 0xFFF) as u16;
        let right_id = (value >> 28 & 0xFFF) as u16;
        Entry {
            cost: (value & 0xFFFF) as i32 - 32_768,
            left: contexts.left_class(left_id),
            right: contexts.right_class(right_id),
            boundaries: (value >> 40) as u32,
            left_id,
            right_id,
        }
    }
}

/// The class of each context id, and the ids a run of characters the lexicon lacks is read
/// with (a name's: see `examples/build_lexicon.rs`).
pub struct Contexts {
    left: Vec<Pos>,
    right: Vec<Pos>,
    unknown_left: u16,
    /// After a syllable without and with a final consonant.
    unknown_right: [u16; 2],
}

impl Contexts {
    /// From `data/contexts.tsv`: `L id POS` and `R id POS` lines, and one `U left right right`.
    pub fn parse(text: &str) -> Result<Contexts, String> {
        let mut contexts = Contexts {
            left: Vec::new(),
            right: Vec::new(),
            unknown_left: 0,
            unknown_right: [0; 2],
        };
        for (n, line) in text.lines().enumerate() {
            let bad = || format!("contexts line {}: {line:?}", n + 1);
            let fields: Vec<&str> = line.split('\t').collect();
            let id = |i: usize| {
                fields
                    .get(i)
                    .and_then(|f| f.parse::<u16>().ok())
                    .ok_or_else(bad)
            };
            match fields[0] {
                "U" => {
                    contexts.unknown_left = id(1)?;
                    contexts.unknown_right = [id(2)?, id(3)?];
                }
                "L" | "R" => {
                    let class = fields
                        .get(2)
                        .and_then(|c| Pos::from_name(c))
                        .ok_or_else(bad)?;
                    let table = if fields[0] == "L" {
                        &mut contexts.left
                    } else {
                        &mut contexts.right
                    };
                    let at = usize::from(id(1)?);
                    if table.len() <= at {
                        table.resize(at + 1, Pos::BOS);
                    }
                    table[at] = class;
                }
                _ => return Err(bad()),
            }
        }
        Ok(contexts)
    }

    fn left_class(&self, id: u16) -> Pos {
        self.left.get(usize::from(id)).copied().unwrap_or(NNP)
    }

    fn right_class(&self, id: u16) -> Pos {
        self.right.get(usize::from(id)).copied().unwrap_or(NNP)
    }
}

/// Where a word divides, as [`Lexicon::analyze`] found it.
///
/// The connection costs are medians per pair of classes, coarser than Nori's per context; and
/// a word's end is costed as a sentence's end (the dictionary's EOS); costing it by what
/// starts the next word reads fewer query words right (BENCHMARKS.md, "Korean matching
/// against Nori and Kiwi").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Analysis {
    /// Bit k set: a part of the word ends after its first k characters (0 < k < length), in
    /// the best reading or one near it.
    pub boundaries: u32,
    /// Characters before the best reading's trailing particles and endings (the whole word
    /// when it has none, or is nothing but them): 화웨이는 → 3, 발표했다 → 2, 기업입니다 → 2.
    pub stem_chars: usize,
}

impl Analysis {
    /// The analysis of a word not analysed: no inner boundary, all stem.
    pub fn whole(chars: usize) -> Analysis {
        Analysis {
            boundaries: 0,
            stem_chars: chars,
        }
    }
}

/// The dictionary and the connection costs: per pair of classes (for a word's shape), and per
/// pair of context ids (for how it reads between its neighbours, see `reading`).
pub struct Lexicon {
    entries: Fst<&'static [u8]>,
    connections: Connections,
    /// `connections` with [`UNSPACED_COST`] added where it applies.
    spaced: Connections,
    contexts: Contexts,
    matrix: reading::Matrix,
}

/// A lattice node: an entry (or unknown run) spanning characters `start..end`.
#[derive(Clone)]
struct Span {
    start: usize,
    end: usize,
    entry: Entry,
    /// A one-syllable content word: the reading by classes costs it `SINGLE_SYLLABLE_COST`
    /// more (see [`Lexicon::lattice`]).
    single_syllable: bool,
}

impl Span {
    /// Whether the span runs over one of `boundaries` (bit k: after a word's first k
    /// characters, its ends included) from or to a place that is none of them: the same
    /// letters divided otherwise (사 + 정권 against 사정 + 권, 대 + 전시 against 대전 + 시), not
    /// more finely (해외 + 창업 within 해외창업) nor more coarsely.
    fn straddles(&self, boundaries: u32) -> bool {
        let inside = (1u32 << self.end) - (2u32 << self.start);
        let at_ends = boundaries >> self.start & 1 == 1 && boundaries >> self.end & 1 == 1;
        boundaries & inside != 0 && !at_ends
    }
}

impl Lexicon {
    /// The lexicon compiled into this crate.
    pub fn embedded() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| {
            Lexicon::new(
                include_bytes!("../data/lexicon.fst"),
                include_str!("../data/connections.tsv"),
                include_str!("../data/contexts.tsv"),
                include_bytes!("../data/matrix.bin.gz"),
            )
            .expect("the embedded lexicon is well formed (checked by the tests)")
        })
    }

    /// A lexicon from `fst` bytes and the context ids' classes (see
    /// `examples/build_lexicon.rs`), a connection table by class (`right class \t left class \t
    /// cost \t …` per line) and the gzipped connection matrix by context id (see
    /// `data/NoriExport.java`).
    pub fn new(
        fst_bytes: &'static [u8],
        connections: &str,
        contexts: &str,
        matrix_gz: &[u8],
    ) -> Result<Lexicon, String> {
        let entries = Fst::new(fst_bytes).map_err(|e| format!("lexicon: {e}"))?;
        let mut table = [[UNSEEN_CONNECTION; POS_COUNT]; POS_COUNT];
        for (n, line) in connections.lines().enumerate() {
            let fields: Vec<&str> = line.split('\t').collect();
            let bad = || format!("connections line {}: {line:?}", n + 1);
            let [right, left, cost, ..] = fields[..] else {
                return Err(bad());
            };
            let (Some(right), Some(left), Ok(cost)) = (
                Pos::from_name(right),
                Pos::from_name(left),
                cost.parse::<i32>(),
            ) else {
                return Err(bad());
            };
            table[right.0 as usize][left.0 as usize] = cost;
        }
        let mut spaced = table;
        for (right, row) in spaced.iter_mut().enumerate() {
            for (left, cost) in row.iter_mut().enumerate() {
                *cost += unspaced_cost(Pos(right as u8), Pos(left as u8));
            }
        }
        Ok(Lexicon {
            entries,
            connections: table,
            spaced,
            contexts: Contexts::parse(contexts)?,
            matrix: reading::Matrix::from_gzip(matrix_gz)?,
        })
    }

    /// Where `word` (folded: NFC, as the tokenizer gives terms) divides. A word that is not all
    /// Hangul syllables, or longer than [`MAX_CHARS`], is taken whole.
    pub fn analyze(&self, word: &str) -> Analysis {
        self.analyze_from(word, Pos::BOS)
    }

    /// [`Lexicon::analyze`] for a word written right after a number (the 일부터 of 1일부터): its
    /// reading starts after a numeral, as a counter's does (일 + 부터, not 일부 + 터).
    pub fn analyze_after_number(&self, word: &str) -> Analysis {
        self.analyze_from(word, NR)
    }

    /// The analysis of `word` read after a morpheme of class `before` (the start of a word, or
    /// a number).
    fn analyze_from(&self, word: &str, before: Pos) -> Analysis {
        let Some(chars) = readable(word) else {
            return Analysis::whole(word.chars().count());
        };
        self.analyze_spans(&chars, by_classes(self.lattice(word, &chars)), before)
            .0
    }

    /// A term's shape: where it divides in readings near its best both by classes and by the
    /// full connection matrix (이사회 is 이사 + 회, not also 이 + 사회), and its stem: the
    /// shorter of the one by classes and the best reading's by the matrix (사용자의 is
    /// 사용자 + 의, though by classes alone it ends in the noun 자의); one lattice serves all.
    /// The matrix's near readings leave out those dividing a name otherwise than both best
    /// readings do (see `Span::straddles`).
    pub fn shape_of(&self, word: &str) -> Analysis {
        let Some(chars) = readable(word) else {
            return Analysis::whole(word.chars().count());
        };
        let spans = self.lattice(word, &chars);
        let (mut analysis, names_by_classes) =
            self.analyze_spans(&chars, by_classes(spans.clone()), Pos::BOS);
        let fine = self.boundaries_by_matrix(spans, chars.len(), names_by_classes);
        if let Some((fine, stem)) = fine {
            analysis.boundaries &= fine;
            if stem >= MIN_MATRIX_STEM {
                analysis.stem_chars = analysis.stem_chars.min(stem);
            }
        }
        analysis
    }

    /// Whether `word` (folded) is a proper noun of the dictionary: read alone, at best it is
    /// one entry of the dictionary, a proper noun (NNP) from end to end (중국, 베이징, 알리바바;
    /// not 그룹, a common noun at best, nor 지난, a verb form, nor 등의, 등 + 의, nor a word
    /// the dictionary lacks).
    pub fn is_proper_noun(&self, word: &str) -> bool {
        let spelt = self.entries_spelt(word);
        // Most words have no such entry: they are told without reading the word.
        spelt
            .iter()
            .any(|entry| entry.left == NNP && entry.right == NNP)
            && self.best_whole_entry(word).is_some_and(|entry| {
                entry.left == NNP && entry.right == NNP && spelt.contains(&entry)
            })
    }

    /// The dictionary's entries whose surface is `word`, exactly.
    fn entries_spelt(&self, word: &str) -> Vec<Entry> {
        let mut node = self.entries.root();
        let mut out = fst::raw::Output::zero();
        for &byte in word.as_bytes().iter().chain([&0u8]) {
            let Some(i) = node.find_input(byte) else {
                return Vec::new();
            };
            let t = node.transition(i);
            out = out.cat(t.out);
            node = self.entries.node(t.addr);
        }
        node.transitions()
            .map(|r| {
                let last = self.entries.node(r.addr);
                let value = out.cat(r.out).cat(last.final_output()).value();
                Entry::unpack(value, &self.contexts)
            })
            .collect()
    }

    /// The cost of `word`'s cheapest reading by classes as one written word, from a
    /// sentence's start to its end ([`UNSPACED_COST`] on what Korean spaces): how well it
    /// reads as a word, to compare with the same letters read as two words (a line break that
    /// parted a word or fell between two). `None` for a word the lexicon does not read (not all
    /// Hangul syllables, or longer than [`MAX_CHARS`]).
    pub fn word_cost(&self, word: &str) -> Option<i32> {
        let chars = readable(word)?;
        let spans = by_classes(self.lattice(word, &chars));
        let n = chars.len();
        let by_start = by_start(&spans, n);
        let starting_at = |p: usize| &spans[by_start[p]..by_start[p + 1]];
        let passes = Passes::new(n, Pos::BOS, &self.spaced, starting_at, |_| false);
        (passes.best < NONE).then_some(passes.best)
    }

    /// [`Lexicon::analyze_from`] over the spans of a word's lattice, costed by classes: the
    /// best reading's boundaries, and those of readings within [`NEAR_BEST`] of it that read
    /// as one written word (see [`UNSPACED_COST`]); and the boundaries of the best reading's
    /// names (NNP), the word's ends included.
    fn analyze_spans(
        &self,
        chars: &[(usize, char)],
        spans: Vec<Span>,
        before: Pos,
    ) -> (Analysis, u32) {
        let n = chars.len();
        let by_start = by_start(&spans, n);
        let starting_at = |p: usize| &spans[by_start[p]..by_start[p + 1]];
        let functional = |span: &Span| {
            span.end - span.start == 1 && is_particle_like(&span.entry, chars[span.start].1)
                || span.entry.left.is_functional()
        };
        let plain = Passes::new(n, before, &self.connections, starting_at, functional);
        if plain.best >= NONE {
            return (Analysis::whole(n), 1 | 1 << n);
        }
        let spaced = Passes::new(n, before, &self.spaced, starting_at, functional);
        // Every span on the best path, or on a path of one written word near it, marks its
        // ends and its stated inner boundaries. The stem: the shortest start of the word that
        // a reading within NEAR_STEM of the best follows with nothing but particles and endings
        // (일본과: 일본 + 과 as a particle, though 일본 + 과 "department" costs a little less),
        // else the word; the best, or the best of one written word (부속도서로 is 부속도서 +
        // 로, though 부속 + 도 + 서로 "each other" costs less).
        let mut boundaries = 0u32;
        let mut names = 1 | 1 << n;
        let mut stem_chars = n;
        for span in &spans {
            let marks = 1 << span.start | 1 << span.end | span.entry.boundaries << span.start;
            if plain.through(span).saturating_add(plain.after(span)) <= plain.best {
                if span.entry.left == NNP {
                    names |= marks;
                }
                boundaries |= marks;
            } else if spaced.through(span).saturating_add(spaced.after(span))
                <= plain.best + NEAR_BEST
            {
                boundaries |= marks;
            }
            let stems = |passes: &Passes| {
                passes.through(span).saturating_add(passes.tail_after(span))
                    <= passes.best + NEAR_STEM
            };
            if span.end < stem_chars && !functional(span) && (stems(&plain) || stems(&spaced)) {
                stem_chars = span.end;
            }
        }
        boundaries &= !(1 | 1 << n);
        let analysis = Analysis {
            boundaries,
            stem_chars,
        };
        (analysis, names)
    }

    /// Every dictionary entry found at every position of the word, plus unknown runs, in
    /// order of their start, at their own costs; one-syllable content words are marked (the
    /// reading by classes costs them more: [`by_classes`]).
    fn lattice(&self, word: &str, chars: &[(usize, char)]) -> Vec<Span> {
        let n = chars.len();
        let bytes = word.as_bytes();
        let mut spans = Vec::new();
        for start in 0..n {
            let mut node: Node<'_> = self.entries.root();
            let mut out = fst::raw::Output::zero();
            let mut end = start;
            let mut pos = chars[start].0;
            'walk: while end < n {
                let next_char_end = chars.get(end + 1).map_or(bytes.len(), |c| c.0);
                while pos < next_char_end {
                    let Some(i) = node.find_input(bytes[pos]) else {
                        break 'walk;
                    };
                    let t = node.transition(i);
                    out = out.cat(t.out);
                    node = self.entries.node(t.addr);
                    pos += 1;
                }
                end += 1;
                // The entries of this surface follow a NUL, one transition per entry.
                if let Some(i) = node.find_input(0) {
                    let t = node.transition(i);
                    let entries = self.entries.node(t.addr);
                    let base = out.cat(t.out);
                    for r in entries.transitions() {
                        let last = self.entries.node(r.addr);
                        let value = base.cat(r.out).cat(last.final_output()).value();
                        let entry = Entry::unpack(value, &self.contexts);
                        let single_syllable =
                            end - start == 1 && !is_particle_like(&entry, chars[start].1);
                        spans.push(Span {
                            start,
                            end,
                            entry,
                            single_syllable,
                        });
                    }
                }
            }
            for len in 1..=UNKNOWN_MAX_CHARS.min(n - start) {
                let has_final = !(chars[start + len - 1].1 as u32 - 0xAC00).is_multiple_of(28);
                spans.push(Span {
                    start,
                    end: start + len,
                    entry: Entry {
                        left: NNP,
                        right: NNP,
                        cost: UNKNOWN_COST + UNKNOWN_COST_PER_CHAR * len as i32,
                        boundaries: 0,
                        left_id: self.contexts.unknown_left,
                        right_id: self.contexts.unknown_right[usize::from(has_final)],
                    },
                    single_syllable: len == 1,
                });
            }
        }
        spans
    }
}

/// The connection costs between classes, `[right class][left class]`.
type Connections = [[i32; POS_COUNT]; POS_COUNT];

/// A word's lattice read by classes both ways (a Viterbi search from its start and from its
/// end), under one table of connection costs.
struct Passes {
    /// `arrive[p][c]`: the cheapest cost of reading the first p characters and then starting
    /// a span of class c there.
    arrive: Vec<[i32; POS_COUNT]>,
    /// `backward[p][c]`: the cheapest cost from p, after a span of class c, to the end;
    /// `tail[p][c]` the same through particles and endings only (for the stem).
    backward: Vec<[i32; POS_COUNT]>,
    tail: Vec<[i32; POS_COUNT]>,
    /// The best reading's cost ([`NONE`]: no reading spans the word).
    best: i32,
}

impl Passes {
    /// The passes over a word of `n` characters read after a morpheme of class `before`, whose
    /// spans starting at p are `starting_at(p)` and of which `functional` tells particles and
    /// endings.
    fn new<'s>(
        n: usize,
        before: Pos,
        table: &Connections,
        starting_at: impl Fn(usize) -> &'s [Span],
        functional: impl Fn(&Span) -> bool,
    ) -> Passes {
        let (forward, arrive) = Self::forward(n, before, table, &starting_at);
        let (backward, tail) = Self::backward(n, table, &starting_at, functional);
        let best = (0..POS_COUNT)
            .map(|c| forward[n][c].saturating_add(backward[n][c]))
            .min()
            .expect("classes");
        Passes {
            arrive,
            backward,
            tail,
            best,
        }
    }

    /// Forward: the cheapest cost of reading the first `pos` characters, ending in each
    /// class; and `arrive` (see [`Passes::arrive`]).
    fn forward<'s>(
        n: usize,
        before: Pos,
        table: &Connections,
        starting_at: &impl Fn(usize) -> &'s [Span],
    ) -> (Vec<[i32; POS_COUNT]>, Vec<[i32; POS_COUNT]>) {
        let mut forward = vec![[NONE; POS_COUNT]; n + 1];
        forward[0][before.0 as usize] = 0;
        let mut arrive = vec![[NONE; POS_COUNT]; n + 1];
        for p in 0..n {
            let mut live = [0usize; POS_COUNT];
            let mut lives = 0;
            for (c, &cost) in forward[p].iter().enumerate() {
                if cost < NONE {
                    live[lives] = c;
                    lives += 1;
                }
            }
            let live = &live[..lives];
            if live.is_empty() {
                continue;
            }
            for span in starting_at(p) {
                let left = span.entry.left.0 as usize;
                if arrive[p][left] == NONE {
                    arrive[p][left] = live
                        .iter()
                        .map(|&prev| forward[p][prev] + table[prev][left])
                        .min()
                        .unwrap_or(NONE);
                }
                let cost = arrive[p][left] + span.entry.cost;
                let slot = &mut forward[span.end][span.entry.right.0 as usize];
                *slot = (*slot).min(cost);
            }
        }
        (forward, arrive)
    }

    /// Backward: [`Passes::backward`] and [`Passes::tail`].
    fn backward<'s>(
        n: usize,
        table: &Connections,
        starting_at: &impl Fn(usize) -> &'s [Span],
        functional: impl Fn(&Span) -> bool,
    ) -> (Vec<[i32; POS_COUNT]>, Vec<[i32; POS_COUNT]>) {
        let mut backward = vec![[NONE; POS_COUNT]; n + 1];
        let mut tail = vec![[NONE; POS_COUNT]; n + 1];
        for (prev, slot) in backward[n].iter_mut().enumerate() {
            *slot = table[prev][Pos::EOS.0 as usize];
        }
        tail[n] = backward[n];
        for p in (0..n).rev() {
            // The cheapest rest after starting a span of each class at p.
            let mut leave = [NONE; POS_COUNT];
            let mut leave_functional = [NONE; POS_COUNT];
            for span in starting_at(p) {
                let left = span.entry.left.0 as usize;
                let right = span.entry.right.0 as usize;
                leave[left] =
                    leave[left].min(span.entry.cost.saturating_add(backward[span.end][right]));
                if functional(span) {
                    leave_functional[left] = leave_functional[left]
                        .min(span.entry.cost.saturating_add(tail[span.end][right]));
                }
            }
            for (rest, out) in [
                (&leave, &mut backward[p]),
                (&leave_functional, &mut tail[p]),
            ] {
                let mut lefts = [0usize; POS_COUNT];
                let mut count = 0;
                for (l, &cost) in rest.iter().enumerate() {
                    if cost < NONE {
                        lefts[count] = l;
                        count += 1;
                    }
                }
                let lefts = &lefts[..count];
                for (prev, slot) in out.iter_mut().enumerate() {
                    *slot = lefts
                        .iter()
                        .map(|&l| table[prev][l] + rest[l])
                        .min()
                        .unwrap_or(NONE);
                }
            }
        }
        (backward, tail)
    }

    /// The cheapest cost of reading the word up to the end of `span`, through it.
    fn through(&self, span: &Span) -> i32 {
        let before = self.arrive[span.start][span.entry.left.0 as usize];
        if before >= NONE {
            NONE
        } else {
            before + span.entry.cost
        }
    }

    /// The cheapest cost of the rest of the word after `span`.
    fn after(&self, span: &Span) -> i32 {
        self.backward[span.end][span.entry.right.0 as usize]
    }

    /// The cheapest cost of the rest of the word after `span` in particles and endings only.
    fn tail_after(&self, span: &Span) -> i32 {
        self.tail[span.end][span.entry.right.0 as usize]
    }
}

/// The index build asks the lexicon where its Hangul terms divide.
impl jikji_engine::Segmenter for Lexicon {
    fn shape(&self, term: &str) -> jikji_engine::Shape {
        self.shape_of(term).into()
    }

    /// After a number by classes, its stem no longer than the term's own shape's (만명의:
    /// 만명 + 의, as the matrix reads it).
    fn shape_after_number(&self, term: &str) -> jikji_engine::Shape {
        let mut analysis = self.analyze_after_number(term);
        analysis.stem_chars = analysis.stem_chars.min(self.shape_of(term).stem_chars);
        analysis.into()
    }

    fn may_read_otherwise(&self, term: &str) -> Option<jikji_engine::OtherReadings> {
        self.other_readings(term)
    }

    fn is_proper_noun(&self, stem: &str) -> bool {
        Lexicon::is_proper_noun(self, stem)
    }

    fn reads_otherwise(
        &self,
        before: &str,
        term: &str,
        after: &str,
        may: jikji_engine::OtherReadings,
    ) -> bool {
        self.reads_otherwise_as(before, term, after, may)
    }
}

impl From<Analysis> for jikji_engine::Shape {
    fn from(analysis: Analysis) -> jikji_engine::Shape {
        jikji_engine::Shape {
            boundaries: analysis.boundaries,
            stem_chars: analysis.stem_chars,
        }
    }
}

/// A lattice's spans as the reading by classes costs them: a one-syllable content word
/// `SINGLE_SYLLABLE_COST` more.
fn by_classes(mut spans: Vec<Span>) -> Vec<Span> {
    for span in spans.iter_mut().filter(|s| s.single_syllable) {
        span.entry.cost += SINGLE_SYLLABLE_COST;
    }
    spans
}

/// What a reading costs more that puts a noun or an adverb right after a particle, an ending
/// or a determiner inside one written word: Korean writes a space after those (본부장 is not
/// 본 + 부장, 이석기 not 이 + 석기, 부속도서로 not 부속 + 도 + 서로), so such a reading is no
/// reading of one word — as high as a pair of classes the dictionary never joins. The best
/// reading still counts as it is (text is not always spaced as it should be: 많은이유가).
const UNSPACED_COST: i32 = UNSEEN_CONNECTION;

/// [`UNSPACED_COST`] where a morpheme of class `left` follows one of class `right` inside a
/// word, else 0.
fn unspaced_cost(right: Pos, left: Pos) -> i32 {
    UNSPACED[right.0 as usize][left.0 as usize]
}

/// [`unspaced_cost`] by pair of classes, `[right][left]`, worked out at compile time: what
/// ends a written word (a particle, an ending, a determiner), then a noun or an adverb.
const UNSPACED: [[i32; POS_COUNT]; POS_COUNT] = {
    let mut table = [[0; POS_COUNT]; POS_COUNT];
    let mut right = 0;
    while right < POS_COUNT {
        let ends_word = matches!(POS_NAMES[right].as_bytes(), b"J" | b"E" | b"MM");
        let mut left = 0;
        while left < POS_COUNT {
            let noun = matches!(POS_NAMES[left].as_bytes(), b"NNG" | b"NNP" | b"MAG");
            if ends_word && noun {
                table[right][left] = UNSPACED_COST;
            }
            left += 1;
        }
        right += 1;
    }
    table
};

/// A one-syllable entry that attaches to a stem: a particle, ending, copula or verb-making
/// suffix, or the plural 들.
fn is_particle_like(entry: &Entry, syllable: char) -> bool {
    entry.left.is_functional() || syllable == '들'
}

/// Where the spans of each start are, for `spans` in order of their start over `chars`
/// characters: `spans[by_start[p]..by_start[p + 1]]` start at character p.
fn by_start(spans: &[Span], chars: usize) -> Vec<usize> {
    let mut by_start = vec![0; chars + 2];
    for span in spans {
        by_start[span.start + 1] += 1;
    }
    for p in 0..=chars {
        by_start[p + 1] += by_start[p];
    }
    by_start
}

/// The characters of `word` with their byte offsets, where the lexicon reads it: one to
/// [`MAX_CHARS`] Hangul syllables (a word that is not is taken whole).
fn readable(word: &str) -> Option<Vec<(usize, char)>> {
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    let readable =
        !chars.is_empty() && chars.len() <= MAX_CHARS && chars.iter().all(|&(_, c)| is_syllable(c));
    readable.then_some(chars)
}

fn is_syllable(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parts a word divides into, by the analysis's boundaries, and its stem.
    fn parts(word: &str) -> (Vec<String>, String) {
        parts_of(word, Lexicon::embedded().analyze(word))
    }

    fn parts_of(word: &str, a: Analysis) -> (Vec<String>, String) {
        let chars: Vec<char> = word.chars().collect();
        let mut out = Vec::new();
        let mut from = 0;
        for k in 1..=chars.len() {
            if k == chars.len() || a.boundaries >> k & 1 == 1 {
                out.push(chars[from..k].iter().collect());
                from = k;
            }
        }
        (out, chars[..a.stem_chars].iter().collect())
    }

    #[test]
    fn proper_nouns_are_the_dictionarys_read_alone() {
        let lexicon = Lexicon::embedded();
        for name in ["중국", "베이징", "알리바바", "미국", "화웨이"] {
            assert!(lexicon.is_proper_noun(name), "{name}");
        }
        // A common noun at best, a verb form, a noun and a particle, a word the dictionary
        // lacks.
        for word in ["그룹", "지난", "등의", "기업", "발표했다", "핀둬둬"] {
            assert!(!lexicon.is_proper_noun(word), "{word}");
        }
    }

    #[test]
    fn class_constants_name_their_classes() {
        assert_eq!(NNP.name(), "NNP");
        assert_eq!(NR.name(), "NR");
        assert_eq!(NNBC.name(), "NNBC");
        assert_eq!(Pos::BOS.name(), "BOS");
        assert_eq!(Pos::EOS.name(), "EOS");
        let functional: Vec<&str> = (0..POS_COUNT as u8)
            .map(Pos)
            .filter(|p| p.is_functional())
            .map(Pos::name)
            .collect();
        assert_eq!(functional, ["E", "J", "VCN", "VCP", "XSA", "XSV"]);
    }

    #[test]
    fn packed_entries_round_trip() {
        let contexts = &Lexicon::embedded().contexts;
        let (left_id, right_id) = (2_417, 3);
        let e = Entry {
            left: contexts.left_class(left_id),
            right: contexts.right_class(right_id),
            cost: -3_961,
            boundaries: 0b1010,
            left_id,
            right_id,
        };
        assert_eq!((e.left.name(), e.right.name()), ("VV", "E"));
        assert_eq!(Entry::unpack(e.pack(), contexts), e);
    }

    #[test]
    fn words_divide_where_their_parts_are() {
        for (word, want) in [
            ("해외창업을", &["해외", "창업", "을"][..]),
            ("중관춘에서", &["중관춘", "에서"]),
            ("미사일", &["미사일"]),
            ("나이지리아", &["나이지리아"]),
            ("분위기", &["분위기"]),
        ] {
            assert_eq!(parts(word).0, want, "{word}");
        }
        // No part of them is the other word: 비자, 유로, 영화, 주시.
        for (word, not) in [
            ("소비자", "비자"),
            ("이유로", "유로"),
            ("민영화", "영화"),
            ("경주시", "주시"),
        ] {
            let (p, _) = parts(word);
            let starts: Vec<usize> = std::iter::once(0)
                .chain(p.iter().scan(0, |at, s| {
                    *at += s.chars().count();
                    Some(*at)
                }))
                .collect();
            let inside = word.find(not).map(|b| word[..b].chars().count()).unwrap();
            assert!(
                !starts.contains(&inside) || !starts.contains(&(inside + not.chars().count())),
                "{word}: {p:?}"
            );
        }
    }

    #[test]
    fn stems_drop_particles_endings_and_the_copula() {
        for (word, stem) in [
            ("화웨이는", "화웨이"),
            ("반도체를", "반도체"),
            ("발표했다", "발표"),
            ("육성하고", "육성"),
            ("기업입니다", "기업"),
            ("기업이다", "기업"),
            ("창업자들이", "창업자"),
            ("핀둬둬는", "핀둬둬"),
            ("화웨이", "화웨이"),
            ("에서", "에서"),
        ] {
            assert_eq!(parts(word).1, stem, "{word}");
        }
    }

    #[test]
    fn a_shape_ends_its_stem_where_either_model_reads_a_particle() {
        let lexicon = Lexicon::embedded();
        for (word, stem) in [
            // By classes alone these end in the nouns 자의, 명의; the matrix reads 의.
            ("사용자의", "사용자"),
            ("후보자의", "후보자"),
            ("두명의", "두명"),
            // Nouns of two syllables whose second spells a particle stay whole.
            ("속도", "속도"),
            ("발의", "발의"),
            ("열도", "열도"),
            ("날인", "날인"),
            ("다음날인", "다음날"),
            ("회의", "회의"),
            ("창업자들이", "창업자"),
        ] {
            assert_eq!(parts_of(word, lexicon.shape_of(word)).1, stem, "{word}");
        }
    }

    /// Whether `part` (its first occurrence in `word`) is a part of `word` by `shape`.
    fn is_part(word: &str, shape: Analysis, part: &str) -> bool {
        let chars = word.chars().count();
        let from = word[..word.find(part).unwrap()].chars().count();
        let to = from + part.chars().count();
        let cut = |k: usize| k == 0 || k == chars || shape.boundaries >> k & 1 == 1;
        cut(from) && cut(to)
    }

    #[test]
    fn a_shape_has_no_part_of_a_reading_that_divides_the_letters_otherwise() {
        let lexicon = Lexicon::embedded();
        // Both best readings are the names 케임브리지 + 대, 대전시 + 의원: the near readings
        // 케임 + 브리 + 지대, 대 + 전시 + 의원 are other words.
        for (word, not) in [("케임브리지대", "지대"), ("대전시의원", "전시")] {
            assert!(!is_part(word, lexicon.shape_of(word), not), "{word}: {not}");
        }
        // Where one best reading divides so, or a reading divides more finely, or no name,
        // the part stays: the classes read 브라 + 질의, the matrix 의 + 견차 + 를, both 성소 +
        // 수자.
        for (word, part) in [
            ("브라질의", "브라질"),
            ("의견차를", "의견"),
            ("성소수자", "소수자"),
            ("해외창업을", "창업"),
            ("국제통화기금", "기금"),
        ] {
            assert!(
                is_part(word, lexicon.shape_of(word), part),
                "{word}: {part}"
            );
        }
    }

    #[test]
    fn a_word_right_after_a_number_starts_with_its_counter() {
        let lexicon = Lexicon::embedded();
        for (word, want, stem) in [
            ("일부터는", &["일", "부터", "는"][..], "일"),
            ("월부터", &["월", "부터"][..], "월"),
            ("명이", &["명", "이"][..], "명"),
        ] {
            let got = parts_of(word, lexicon.analyze_after_number(word));
            assert_eq!(
                (got.0, got.1.as_str()),
                (want.iter().map(|p| p.to_string()).collect::<Vec<_>>(), stem),
                "{word}"
            );
        }
        // Alone, 일부터는 may also be 일부 (some) + 터 + 는; after 1, it is not.
        assert!(parts("일부터는").0.contains(&"부".to_string()));
    }

    #[test]
    fn other_text_is_taken_whole() {
        assert_eq!(Lexicon::embedded().analyze("huawei"), Analysis::whole(6));
        assert_eq!(Lexicon::embedded().analyze(""), Analysis::whole(0));
    }
}
