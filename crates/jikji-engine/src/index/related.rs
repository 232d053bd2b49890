//! Related articles: for each article, up to [`RELATED_SHOWN`] others most like it, found when
//! the index is built, each with the words that make it so ("같은 낱말: 화웨이, 반도체, 제재").
//!
//! How ([`find_related`]):
//! 1. Each article's words are read as their stems (the builder's shapes: 화웨이는 → 화웨이),
//!    its title counting twice; numbers, one-letter words and Latin words of two letters are
//!    left out.
//! 2. Its most distinctive words, [`DISTINCTIVE_WORDS`] of them, by TF-IDF against the
//!    archive (`(1 + ln tf) · ln(N / df)`). No document-frequency floor but the one a
//!    relation needs (a word in two articles at least), so a company named in three
//!    articles of the archive counts most; a word in more than half the articles is not
//!    distinctive of any.
//! 3. Two articles are alike by the cosine of these short vectors, over the words both have
//!    among their distinctive ones; the reason is the words they share, the weightiest first.
//!    A word that is distinctive of more than [`MAX_SHARERS`] articles is passed over when
//!    looking for an article's neighbours (it relates everything to everything), so the
//!    work stays near linear in the archive.
//! 4. Kept per article: the [`RELATED_SHOWN`] best, and the best dated within a year of it
//!    that are not among them (up to as many again), for the reader's "within a year" option;
//!    versions of its own story (reprints) are left out: they are linked as versions.
//!
//! The builder gathers each article's words as it indexes it ([`WordsSeen`]: term ids and
//! counts, packed), and [`related_section`] reads them as stems once every term's shape is
//! known, the articles compared on every core.
//!
//! The `related` section ([`write_related`], [`read_related`]) is cut into blocks of
//! [`RELATED_BLOCK_DOCS`] consecutive articles (`r<n>.bin`), fetched when the reader shows one
//! of them: nothing of it is in a split index's core.

use std::ops::Range;

use super::threads::{available_threads, map_in_parallel};
use crate::article::DocId;
use crate::codec::{write_varint, Reader};
use crate::error::Error;
use crate::fxhash::FxMap;
use crate::tokenize::Script;

/// Related articles shown by the reader.
pub const RELATED_SHOWN: usize = 5;
/// Words an article is compared by. 12 keeps the names and topics of a news article; more
/// lets common words relate articles that share nothing else.
pub const DISTINCTIVE_WORDS: usize = 12;
/// A word distinctive of more articles than this relates none (see the module docs).
pub const MAX_SHARERS: usize = 2_000;
/// Words given as the reason of a relation.
pub const REASON_WORDS: usize = 3;
/// Articles per block of the `related` section.
pub const RELATED_BLOCK_DOCS: usize = 256;

/// One related article.
#[derive(Clone, Debug, PartialEq)]
pub struct Related {
    pub doc: DocId,
    /// Cosine similarity of the two articles' distinctive words, 0–1 (stored in thousandths).
    pub score: f32,
    /// The shared words that weigh most, as stems.
    pub reason: Vec<String>,
}

/// The words of one article that related articles are found by, gathered as it is indexed:
/// each term (the builder's id) worth comparing, with its script, in the order first seen,
/// and its count (a title's tokens count twice).
#[derive(Default)]
pub(super) struct WordsSeen {
    words: Vec<(u32, Script, u32)>,
    at: FxMap<(u32, u8), usize>,
}

/// A title's token counts this many times a body's.
pub(super) const TITLE_WEIGHT: u32 = 2;

impl WordsSeen {
    /// Counts a token of term `term` (its text `text`, its script `script`), `weight` times.
    pub(super) fn see(&mut self, term: u32, text: &str, script: Script, weight: u32) {
        if !worth_comparing(text, script) {
            return;
        }
        let next = self.words.len();
        let at = *self.at.entry((term, script_code(script))).or_insert(next);
        if at == next {
            self.words.push((term, script, 0));
        }
        self.words[at].2 += weight;
    }

    /// The words seen, their terms renamed by `term_id`, packed for keeping until the index
    /// is finished: per word varint term, varint count · 4 + script.
    pub(super) fn pack(&self, term_id: impl Fn(u32) -> u32) -> Box<[u8]> {
        let mut out = Vec::with_capacity(self.words.len() * 4);
        for &(term, script, count) in &self.words {
            write_varint(&mut out, u64::from(term_id(term)));
            write_varint(
                &mut out,
                u64::from(count) << 2 | u64::from(script_code(script)),
            );
        }
        out.into_boxed_slice()
    }
}

/// Packed words (see [`WordsSeen::pack`]) with their terms renamed by `term_id`.
pub(super) fn renumber(packed: &[u8], term_id: impl Fn(u32) -> u32) -> Box<[u8]> {
    let mut out = Vec::with_capacity(packed.len() + packed.len() / 4);
    for (term, script, count) in unpack(packed) {
        write_varint(&mut out, u64::from(term_id(term)));
        write_varint(
            &mut out,
            u64::from(count) << 2 | u64::from(script_code(script)),
        );
    }
    out.into_boxed_slice()
}

/// The words packed by [`WordsSeen::pack`], in order: (term, script, count).
fn unpack(packed: &[u8]) -> impl Iterator<Item = (u32, Script, u32)> + '_ {
    let mut r = Reader::new(packed);
    std::iter::from_fn(move || {
        let term = r.varint().ok()?;
        let count = r.varint().ok()?;
        Some((term as u32, script_of_code(count & 3), (count >> 2) as u32))
    })
}

fn script_code(script: Script) -> u8 {
    match script {
        Script::Hangul => 0,
        Script::Han => 1,
        Script::Alpha => 2,
        Script::Digit => 3,
    }
}

fn script_of_code(code: u64) -> Script {
    match code {
        0 => Script::Hangul,
        1 => Script::Han,
        2 => Script::Alpha,
        _ => Script::Digit,
    }
}

/// What finding related articles reads of the archive: per article its words
/// ([`WordsSeen::pack`]) and the day it is dated, the stem of each term (by the builder's
/// id), and per article the number of its story (`u32::MAX`: no reprint of it).
pub(super) struct Archive<'a> {
    pub(super) words: Vec<Box<[u8]>>,
    pub(super) days: Vec<Option<i64>>,
    pub(super) stem_of: &'a (dyn Fn(u32) -> &'a str + Sync),
    pub(super) terms: usize,
    pub(super) story_of: Vec<u32>,
}

/// The `related` section and its cuts (see [`write_related`]) of `archive`, the articles
/// compared on every core there is (the bytes do not depend on how many).
pub(super) fn related_section(archive: Archive<'_>) -> (Vec<u8>, Vec<Range<usize>>) {
    let Archive {
        words,
        days,
        stem_of,
        terms,
        story_of,
    } = archive;
    let n = words.len();
    let (stems, df) = stems_and_df(&words, stem_of, terms);
    let vectors = distinctive_vectors(words, &stems, &df);
    let mut sharers: Vec<Vec<(DocId, f32)>> = vec![Vec::new(); df.len()];
    for (doc, vector) in vectors.iter().enumerate() {
        for &(word, weight) in vector {
            sharers[word as usize].push((doc as DocId, weight));
        }
    }
    let same_story = |a: DocId, b: DocId| {
        let story = story_of[a as usize];
        story != u32::MAX && story_of[b as usize] == story
    };
    // Each block's lists are written as soon as they are found, so only a block's are held.
    let lists_of = |docs: Range<usize>| {
        let mut scratch = Scratch::new(n);
        let (mut out, mut cuts) = (Vec::new(), Vec::new());
        for start in docs.clone().step_by(RELATED_BLOCK_DOCS) {
            let block = start..(start + RELATED_BLOCK_DOCS).min(docs.end);
            let lists: Vec<Vec<Related>> = block
                .map(|doc| {
                    let doc = doc as DocId;
                    let names = &stems.names;
                    related_to(
                        doc,
                        &vectors,
                        &sharers,
                        &days,
                        &same_story,
                        names,
                        &mut scratch,
                    )
                })
                .collect();
            let (bytes, block_cuts) = write_related(&lists);
            let base = out.len();
            cuts.extend(block_cuts.into_iter().map(|c| c.start + base..c.end + base));
            out.extend_from_slice(&bytes);
        }
        (out, cuts)
    };
    let threads = available_threads().max(1);
    let blocks = n.div_ceil(RELATED_BLOCK_DOCS);
    let per_thread = blocks.div_ceil(threads).max(1) * RELATED_BLOCK_DOCS;
    let ranges: Vec<Range<usize>> = (0..n)
        .step_by(per_thread)
        .map(|start| start..(start + per_thread).min(n))
        .collect();
    let mut out = Vec::new();
    let mut cuts = Vec::new();
    for (bytes, part_cuts) in map_in_parallel(ranges, lists_of) {
        let base = out.len();
        cuts.extend(part_cuts.into_iter().map(|c| c.start + base..c.end + base));
        out.extend_from_slice(&bytes);
    }
    (out, cuts)
}

/// The stems of the archive, interned in the order first read, and what each term reads as.
struct Stems<'a> {
    names: Vec<&'a str>,
    /// Per stem, its letters (at most 255).
    letters: Vec<u8>,
    /// Per term, its stem's number plus one (0: not read as one yet).
    of_term: Vec<u32>,
}

impl Stems<'_> {
    /// The stem a word of an article is counted as, if it is worth comparing as one.
    fn of(&self, term: u32, script: Script) -> Option<u32> {
        let stem = self.of_term.get(term as usize)?.checked_sub(1)?;
        stem_worth_comparing(self.letters[stem as usize] as usize, script).then_some(stem)
    }
}

/// Every word's stem, numbered in the order articles and their words were read (so ties
/// between words are broken as they were when each article's text was read here), and each
/// stem's document frequency.
fn stems_and_df<'a>(
    words: &[Box<[u8]>],
    stem_of: &(dyn Fn(u32) -> &'a str + Sync),
    terms: usize,
) -> (Stems<'a>, Vec<u32>) {
    let mut stems = Stems {
        names: Vec::new(),
        letters: Vec::new(),
        of_term: vec![0; terms],
    };
    let mut ids: FxMap<&str, u32> = FxMap::default();
    let mut df: Vec<u32> = Vec::new();
    let mut seen: Vec<u32> = Vec::new();
    for packed in words {
        seen.clear();
        for (term, script, _) in unpack(packed) {
            let Some(slot) = stems.of_term.get(term as usize) else {
                continue;
            };
            let stem = match slot.checked_sub(1) {
                Some(stem) => stem_worth_comparing(stems.letters[stem as usize] as usize, script)
                    .then_some(stem),
                None => {
                    let name = stem_of(term);
                    let letters = name.chars().count();
                    stem_worth_comparing(letters, script).then(|| {
                        let stem = *ids.entry(name).or_insert_with(|| {
                            stems.names.push(name);
                            stems.letters.push(letters.min(255) as u8);
                            df.push(0);
                            stems.names.len() as u32 - 1
                        });
                        stems.of_term[term as usize] = stem + 1;
                        stem
                    })
                }
            };
            if let Some(stem) = stem {
                seen.push(stem);
            }
        }
        seen.sort_unstable();
        seen.dedup();
        for &stem in &seen {
            df[stem as usize] += 1;
        }
    }
    (stems, df)
}

/// Whether a stem of `letters` letters, of a token of `script`, may tell articles apart (see
/// [`worth_comparing`]).
fn stem_worth_comparing(letters: usize, script: Script) -> bool {
    match script {
        Script::Digit => false,
        Script::Alpha => letters >= 3,
        _ => letters >= 2,
    }
}

/// Each article's distinctive words (see [`distinctive`]), its packed words let go as they
/// are read; on every core there is.
fn distinctive_vectors(
    words: Vec<Box<[u8]>>,
    stems: &Stems<'_>,
    df: &[u32],
) -> Vec<Vec<(u32, f32)>> {
    let n = words.len() as f64;
    let threads = available_threads().max(1);
    let per_thread = words.len().div_ceil(threads).max(1);
    let mut parts = Vec::new();
    let mut words = words;
    while words.len() > per_thread {
        let rest = words.split_off(per_thread);
        parts.push(std::mem::replace(&mut words, rest));
    }
    parts.push(words);
    map_in_parallel(parts, |part| {
        part.into_iter()
            .map(|packed| {
                let mut counts: Vec<(u32, u32)> = unpack(&packed)
                    .filter_map(|(term, script, count)| Some((stems.of(term, script)?, count)))
                    .collect();
                drop(packed);
                counts.sort_unstable();
                counts.dedup_by(|later, kept| {
                    let same = later.0 == kept.0;
                    if same {
                        kept.1 += later.1;
                    }
                    same
                });
                distinctive(&counts, df, n)
            })
            .collect::<Vec<_>>()
    })
    .into_iter()
    .flatten()
    .collect()
}

/// What [`related_to`] works in, kept by a thread from one article to the next: each
/// article's score so far (the articles of the archive, dense), and the articles touched.
struct Scratch {
    scores: Vec<f32>,
    touched: Vec<DocId>,
    is_touched: Vec<bool>,
}

impl Scratch {
    fn new(docs: usize) -> Self {
        Scratch {
            scores: vec![0.0; docs],
            touched: Vec::new(),
            is_touched: vec![false; docs],
        }
    }
}

/// Whether `a` ranks before `b`: the higher score first, then the lower document.
fn ahead(a: &(DocId, f32), b: &(DocId, f32)) -> std::cmp::Ordering {
    b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
}

/// Puts `entry` among the `RELATED_SHOWN` best of `top` (ranked by [`ahead`]), if it is.
fn keep_if_best(top: &mut Vec<(DocId, f32)>, entry: (DocId, f32)) {
    let at = top.partition_point(|t| ahead(t, &entry).is_lt());
    if at < RELATED_SHOWN {
        top.insert(at, entry);
        top.truncate(RELATED_SHOWN);
    }
}

/// The related articles of `doc` (see the module docs): the best [`RELATED_SHOWN`] by the
/// cosine of the distinctive words, and the best within a year of it not among them; each
/// with the shared words that weigh most.
fn related_to(
    doc: DocId,
    vectors: &[Vec<(u32, f32)>],
    sharers: &[Vec<(DocId, f32)>],
    days: &[Option<i64>],
    same_story: &dyn Fn(DocId, DocId) -> bool,
    names: &[&str],
    scratch: &mut Scratch,
) -> Vec<Related> {
    let counted = |word: u32| sharers[word as usize].len() <= MAX_SHARERS;
    for &(word, weight) in &vectors[doc as usize] {
        if !counted(word) {
            continue;
        }
        for &(other, other_weight) in &sharers[word as usize] {
            if other != doc && !same_story(doc, other) {
                let at = other as usize;
                if !scratch.is_touched[at] {
                    scratch.is_touched[at] = true;
                    scratch.touched.push(other);
                }
                scratch.scores[at] += weight * other_weight;
            }
        }
    }
    let near = |other: DocId| within_a_year(days[doc as usize], days[other as usize]);
    let (mut best, mut best_near) = (Vec::new(), Vec::new());
    for other in scratch.touched.drain(..) {
        let at = other as usize;
        let entry = (other, scratch.scores[at]);
        scratch.scores[at] = 0.0;
        scratch.is_touched[at] = false;
        keep_if_best(&mut best, entry);
        if near(other) {
            keep_if_best(&mut best_near, entry);
        }
    }
    best_near.retain(|entry| !best.contains(entry));
    let mut kept = best;
    kept.extend(best_near);
    kept.sort_by(ahead);
    let own = &vectors[doc as usize];
    kept.into_iter()
        .map(|(other, score)| {
            let theirs = &vectors[other as usize];
            let mut shared: Vec<(f32, u32)> = own
                .iter()
                .filter(|&&(word, _)| counted(word))
                .filter_map(|&(word, weight)| {
                    let &(_, other_weight) = theirs.iter().find(|&&(w, _)| w == word)?;
                    Some((weight * other_weight, word))
                })
                .collect();
            shared.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            Related {
                doc: other,
                score: score.min(1.0),
                reason: shared
                    .iter()
                    .take(REASON_WORDS)
                    .map(|&(_, word)| names[word as usize].to_owned())
                    .collect(),
            }
        })
        .collect()
}

/// Whether a word (or stem) may tell articles apart: not a number, two letters at least
/// (three for Latin and other alphabets).
fn worth_comparing(word: &str, script: Script) -> bool {
    script != Script::Digit && stem_worth_comparing(word.chars().count(), script)
}

/// An article's `DISTINCTIVE_WORDS` heaviest words by TF-IDF, normalised to length 1.
fn distinctive(counts: &[(u32, u32)], df: &[u32], n: f64) -> Vec<(u32, f32)> {
    let mut weighted: Vec<(u32, f64)> = counts
        .iter()
        .filter(|&&(word, _)| {
            let df = df[word as usize] as f64;
            df >= 2.0 && df <= (n / 2.0).max(2.0)
        })
        .map(|&(word, tf)| {
            let idf = (n / df[word as usize] as f64).ln().max(0.05);
            (word, (1.0 + (tf as f64).ln()) * idf)
        })
        .collect();
    weighted.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    weighted.truncate(DISTINCTIVE_WORDS);
    let norm = weighted.iter().map(|w| w.1 * w.1).sum::<f64>().sqrt();
    weighted
        .into_iter()
        .map(|(word, w)| (word, (w / norm.max(f64::MIN_POSITIVE)) as f32))
        .collect()
}

/// Days since 0000-03-01 of an ISO date (`YYYY-MM-DD`, or a year or month: its first day).
pub fn day_number(date: Option<&str>) -> Option<i64> {
    let date = date?;
    let mut parts = date.split('-').map(|p| p.parse::<i64>().ok());
    let year = parts.next()??;
    let month = parts.next().flatten().unwrap_or(1);
    let day = parts.next().flatten().unwrap_or(1);
    let (y, m) = if month <= 2 {
        (year - 1, month + 9)
    } else {
        (year, month - 3)
    };
    Some(365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + day - 1)
}

/// Whether two dates are within a year (366 days) of each other; never for an undated one.
pub fn within_a_year(a: Option<i64>, b: Option<i64>) -> bool {
    matches!((a, b), (Some(a), Some(b)) if (a - b).abs() <= 366)
}

/// The `related` section and its cuts: per article in document order, varint count, then per
/// related article varint doc, varint score in thousandths, varint reason word count and
/// each word (varint length, UTF-8). Cut every `RELATED_BLOCK_DOCS` articles.
pub(super) fn write_related(lists: &[Vec<Related>]) -> (Vec<u8>, Vec<Range<usize>>) {
    let mut out = Vec::new();
    let mut cuts = Vec::new();
    for block in lists.chunks(RELATED_BLOCK_DOCS) {
        let start = out.len();
        for list in block {
            write_varint(&mut out, list.len() as u64);
            for related in list {
                write_varint(&mut out, u64::from(related.doc));
                write_varint(&mut out, (related.score * 1000.0).round() as u64);
                write_varint(&mut out, related.reason.len() as u64);
                for word in &related.reason {
                    write_varint(&mut out, word.len() as u64);
                    out.extend_from_slice(word.as_bytes());
                }
            }
        }
        cuts.push(start..out.len());
    }
    (out, cuts)
}

/// The related articles of the `at`-th article of a block of the `related` section.
pub(super) fn read_related(
    block: &[u8],
    at: usize,
    doc_count: usize,
) -> Result<Vec<Related>, Error> {
    let mut r = Reader::new(block);
    for _ in 0..at {
        let count = r.varint_u32()?;
        for _ in 0..count {
            r.varint()?;
            r.varint()?;
            let words = r.varint_u32()?;
            for _ in 0..words {
                let len = r.varint_u32()? as usize;
                r.bytes(len)?;
            }
        }
    }
    let count = r.varint_u32()? as usize;
    let mut list = Vec::with_capacity(count.min(2 * RELATED_SHOWN));
    for _ in 0..count {
        let doc = r.varint_u32()?;
        if doc as usize >= doc_count {
            return Err(Error::corrupt("related: an article out of range"));
        }
        let score = r.varint()? as f32 / 1000.0;
        let words = r.varint_u32()?;
        let mut reason = Vec::new();
        for _ in 0..words {
            let len = r.varint_u32()? as usize;
            let word = std::str::from_utf8(r.bytes(len)?)
                .map_err(|_| Error::corrupt("related: a word not UTF-8"))?;
            reason.push(word.to_owned());
        }
        list.push(Related { doc, score, reason });
    }
    Ok(list)
}

impl<D: AsRef<[u8]>> super::Index<D> {
    /// The articles the reader shows as most like article `doc`: the best
    /// [`RELATED_SHOWN`], or with `within_a_year` the best dated within a year of it (none
    /// for an undated article). `Error::Absent` while a split index lacks the block.
    pub fn related_articles(&self, doc: DocId, within_a_year: bool) -> Result<Vec<Related>, Error> {
        let day = |d: DocId| day_number(self.date_of(d));
        let here = day(doc);
        Ok(self
            .related(doc)?
            .into_iter()
            .filter(|r| !within_a_year || self::within_a_year(here, day(r.doc)))
            .take(RELATED_SHOWN)
            .collect())
    }
}
