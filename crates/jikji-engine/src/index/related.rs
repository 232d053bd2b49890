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
//! The `related` section ([`write_related`], [`read_related`]) is cut into blocks of
//! [`RELATED_BLOCK_DOCS`] consecutive articles (`r<n>.bin`), fetched when the reader shows one
//! of them: nothing of it is in a split index's core.

use std::ops::Range;

use crate::article::{Article, DocId};
use crate::codec::{write_varint, Reader};
use crate::error::Error;
use crate::fxhash::FxMap;
use crate::tokenize::{for_each_token, Script};

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

/// The related articles of every article of `articles`, by document; `stem_of` gives a
/// token's stem (`None`: not a word to compare by), `same_story` whether two articles are
/// versions of one story.
pub(super) fn find_related(
    articles: &[Article],
    stem_of: &(dyn Fn(&str) -> Option<String> + Sync),
    same_story: &dyn Fn(DocId, DocId) -> bool,
) -> Vec<Vec<Related>> {
    let (names, counts) = word_counts(articles, stem_of);
    let n = articles.len() as f64;
    let mut df: Vec<u32> = vec![0; names.len()];
    for doc in &counts {
        for &(word, _) in doc {
            df[word as usize] += 1;
        }
    }
    let vectors: Vec<Vec<(u32, f32)>> = counts.iter().map(|doc| distinctive(doc, &df, n)).collect();
    let mut sharers: Vec<Vec<(DocId, f32)>> = vec![Vec::new(); names.len()];
    for (doc, vector) in vectors.iter().enumerate() {
        for &(word, weight) in vector {
            sharers[word as usize].push((doc as DocId, weight));
        }
    }
    let dates: Vec<Option<i64>> = articles
        .iter()
        .map(|a| day_number(a.date.as_deref()))
        .collect();
    (0..articles.len() as DocId)
        .map(|doc| {
            let mut scores: FxMap<DocId, (f32, Vec<(f32, u32)>)> = FxMap::default();
            for &(word, weight) in &vectors[doc as usize] {
                let list = &sharers[word as usize];
                if list.len() > MAX_SHARERS {
                    continue;
                }
                for &(other, other_weight) in list {
                    if other != doc && !same_story(doc, other) {
                        let entry = scores.entry(other).or_default();
                        entry.0 += weight * other_weight;
                        entry.1.push((weight * other_weight, word));
                    }
                }
            }
            let mut ranked: Vec<(DocId, f32, Vec<(f32, u32)>)> = scores
                .into_iter()
                .map(|(other, (score, shared))| (other, score, shared))
                .collect();
            ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            let near = |other: DocId| within_a_year(dates[doc as usize], dates[other as usize]);
            let best: Vec<usize> = (0..ranked.len()).take(RELATED_SHOWN).collect();
            let best_near = (0..ranked.len())
                .filter(|&i| near(ranked[i].0))
                .take(RELATED_SHOWN)
                .filter(|i| !best.contains(i));
            let mut kept: Vec<usize> = best.iter().copied().chain(best_near).collect();
            kept.sort_unstable();
            kept.into_iter()
                .map(|i| {
                    let (other, score, mut shared) = ranked[i].clone();
                    shared.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
                    Related {
                        doc: other,
                        score: score.min(1.0),
                        reason: shared
                            .iter()
                            .take(REASON_WORDS)
                            .map(|&(_, word)| names[word as usize].clone())
                            .collect(),
                    }
                })
                .collect()
        })
        .collect()
}

/// The words of the archive (interned) and, per article, each word's count (title twice).
fn word_counts(
    articles: &[Article],
    stem_of: &(dyn Fn(&str) -> Option<String> + Sync),
) -> (Vec<String>, Vec<Vec<(u32, u32)>>) {
    let mut ids: FxMap<String, u32> = FxMap::default();
    let mut names: Vec<String> = Vec::new();
    let mut counts = Vec::with_capacity(articles.len());
    for article in articles {
        let mut doc: FxMap<u32, u32> = FxMap::default();
        for (text, weight) in [(article.title.as_str(), 2), (article.body.as_str(), 1)] {
            for_each_token(text, |token| {
                if !worth_comparing(&token.text, token.script) {
                    return;
                }
                let Some(stem) = stem_of(&token.text) else {
                    return;
                };
                if !worth_comparing(&stem, token.script) {
                    return;
                }
                let id = match ids.get(&stem) {
                    Some(&id) => id,
                    None => {
                        let id = names.len() as u32;
                        names.push(stem.clone());
                        ids.insert(stem, id);
                        id
                    }
                };
                *doc.entry(id).or_default() += weight;
            });
        }
        let mut doc: Vec<(u32, u32)> = doc.into_iter().collect();
        doc.sort_unstable();
        counts.push(doc);
    }
    (names, counts)
}

/// Whether a word (or stem) may tell articles apart: not a number, two letters at least
/// (three for Latin and other alphabets).
fn worth_comparing(word: &str, script: Script) -> bool {
    let chars = word.chars().count();
    match script {
        Script::Digit => false,
        Script::Alpha => chars >= 3,
        _ => chars >= 2,
    }
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
