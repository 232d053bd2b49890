//! Names: the companies, people, places and bodies the archive names, each with its spellings,
//! how many articles name it, and the names most often named in the same articles — found when
//! the index is built, read by the names page (`#/names`) and `jikji names`.
//!
//! What a name is ([`find_names`]):
//! - **an alias group the archive states** (`화웨이(華爲)`, `华为(Huawei)`: see `aliases`), its
//!   spellings the group's;
//! - **a proper noun of the Korean dictionary** (the [`Segmenter`] says which stems are: 중국,
//!   베이징, 알리바바) named in [`MIN_PROPER_NOUN_ARTICLES`] articles or more, spelt as that
//!   stem.
//!
//! The articles that name one are those search counts for it (a name's count is the total
//! its page's search shows): every term holding one of its spellings as whole parts (the
//! term's shape: 화웨이는, 화웨이코리아 when it divides there; not 미사 in 미사일), less the
//! articles where that term is never read as itself (see `readings`). Latin and digit
//! spellings match their term exactly, as search does.
//!
//! The names most often in the same articles ([`CO_NAMES`] of them, each with how many
//! articles name both) are counted from those article sets.
//!
//! The `names` section ([`write_names`], [`read_names`]) lists the names by how many articles
//! name them, in blocks of [`NAME_BLOCK`] names (`n<k>.bin`), fetched when the names page is
//! shown: nothing of it is in a split index's core but the blocks' directory.

use std::collections::HashMap;
use std::ops::Range;

use crate::article::DocId;
use crate::codec::{write_varint, Reader};
use crate::error::Error;
use crate::fxhash::FxMap;
use crate::shape::{Segmenter, Shape};
use crate::tokenize::{script_of, Script};

/// Names per block of the `names` section.
pub const NAME_BLOCK: usize = 256;
/// Articles a proper noun of the dictionary must be named in to be a name (one article's
/// passing mention is not worth a page; a name the archive states is one from its first).
pub const MIN_PROPER_NOUN_ARTICLES: usize = 2;
/// Names kept as most often in the same articles as a name.
pub const CO_NAMES: usize = 10;
/// Longest part span looked up as a spelling, in characters (aliases are shorter; see
/// `aliases`).
const MAX_SPELLING_CHARS: usize = 40;

/// Where a name comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameKind {
    /// An alias group the archive states (`이름(原名)`).
    Stated,
    /// A proper noun of the Korean dictionary.
    ProperNoun,
}

/// One name.
#[derive(Clone, Debug, PartialEq)]
pub struct Name {
    /// Its spellings, the one it is shown by first (Hangul first, then by how many articles
    /// spell it so), originals in parentheses as the archive first wrote them (`AI`, `華爲`).
    pub spellings: Vec<String>,
    /// Articles that name it (as search counts them).
    pub articles: usize,
    pub kind: NameKind,
    /// The names most often named in the same articles: (name number, articles naming both),
    /// most first.
    pub with: Vec<(u32, usize)>,
}

impl Name {
    /// The spelling it is shown by.
    pub fn shown(&self) -> &str {
        self.spellings.first().map_or("", String::as_str)
    }
}

/// What finding names reads of the archive being indexed.
pub(super) struct Archive<'a> {
    /// Every term, sorted, with the builder's id.
    pub(super) terms: &'a [(String, u32)],
    /// Each term's shape, as `terms`.
    pub(super) shapes: &'a [Shape],
    /// The articles of each term (by id) where it is read as itself, in increasing order.
    pub(super) articles_of: &'a (dyn Fn(u32) -> Vec<DocId> + Sync),
    /// Articles of each term (by id).
    pub(super) count_of: &'a (dyn Fn(u32) -> usize + Sync),
    pub(super) alias_groups: &'a [Vec<String>],
    pub(super) segmenter: &'a dyn Segmenter,
}

/// A name being found: its spellings and kind.
struct Candidate {
    spellings: Vec<String>,
    kind: NameKind,
}

/// The archive's names, most named first (ties by the spelling shown).
pub(super) fn find_names(archive: &Archive<'_>) -> Vec<Name> {
    let mut candidates = candidates(archive);
    for c in &mut candidates {
        order_spellings(&mut c.spellings, archive);
    }
    let of_spelling: FxMap<&str, (u32, bool)> = candidates
        .iter()
        .enumerate()
        .flat_map(|(n, c)| {
            c.spellings
                .iter()
                .enumerate()
                .map(move |(k, s)| (s.as_str(), (n as u32, k == 0)))
        })
        .collect();
    let mut terms_of: Vec<Vec<u32>> = vec![Vec::new(); candidates.len()];
    let mut found: Vec<u32> = Vec::new();
    for (k, (term, id)) in archive.terms.iter().enumerate() {
        spellings_in(term, &archive.shapes[k], &of_spelling, &mut found);
        for &n in &found {
            terms_of[n as usize].push(*id);
        }
    }
    drop(of_spelling);
    let mut named: Vec<(Candidate, Vec<DocId>)> = candidates
        .into_iter()
        .zip(terms_of)
        .map(|(c, terms)| {
            let mut docs: Vec<DocId> = terms
                .iter()
                .flat_map(|&id| (archive.articles_of)(id))
                .collect();
            docs.sort_unstable();
            docs.dedup();
            (c, docs)
        })
        .filter(|(c, docs)| match c.kind {
            NameKind::Stated => !docs.is_empty(),
            NameKind::ProperNoun => docs.len() >= MIN_PROPER_NOUN_ARTICLES,
        })
        .collect();
    named.sort_by(|(a, a_docs), (b, b_docs)| {
        b_docs
            .len()
            .cmp(&a_docs.len())
            .then_with(|| a.spellings[0].cmp(&b.spellings[0]))
    });
    let with = names_together(&named.iter().map(|(_, d)| d.as_slice()).collect::<Vec<_>>());
    named
        .into_iter()
        .zip(with)
        .map(|((c, docs), with)| Name {
            spellings: c.spellings,
            articles: docs.len(),
            kind: c.kind,
            with,
        })
        .collect()
}

/// Each spelling of `names` as the archive first wrote it where it is an original in
/// parentheses (`written`, folded → written: `AI`, `華爲`), so a name shows as written; the
/// folded spelling is what search matches, and what it folds to again.
pub(super) fn show_as_written(names: &mut [Name], written: &HashMap<String, String>) {
    for spelling in names.iter_mut().flat_map(|n| n.spellings.iter_mut()) {
        if let Some(original) = written.get(spelling.as_str()) {
            spelling.clone_from(original);
        }
    }
}

/// The alias groups, then every stem the segmenter calls a proper noun that no group spells.
fn candidates(archive: &Archive<'_>) -> Vec<Candidate> {
    let mut candidates: Vec<Candidate> = archive
        .alias_groups
        .iter()
        .map(|group| Candidate {
            spellings: group.clone(),
            kind: NameKind::Stated,
        })
        .collect();
    // Each stem is asked about once (many terms share one).
    let mut asked: FxMap<&str, ()> = archive
        .alias_groups
        .iter()
        .flatten()
        .map(|s| (s.as_str(), ()))
        .collect();
    for (k, (term, _)) in archive.terms.iter().enumerate() {
        let stem = stem(term, &archive.shapes[k]);
        if stem.chars().count() < 2
            || !stem.chars().all(|c| script_of(c) == Some(Script::Hangul))
            || asked.insert(stem, ()).is_some()
            || !archive.segmenter.is_proper_noun(stem)
        {
            continue;
        }
        candidates.push(Candidate {
            spellings: vec![stem.to_owned()],
            kind: NameKind::ProperNoun,
        });
    }
    candidates
}

/// A term's stem: its first `stem_chars` characters (one at least).
pub(super) fn stem<'t>(term: &'t str, shape: &Shape) -> &'t str {
    term.char_indices()
        .nth(shape.stem_chars.max(1))
        .map_or(term, |(end, _)| &term[..end])
}

/// The names (by candidate number, into `found`, cleared first) `term` is a form of, as a
/// search of the name (its spelling shown) finds them: a spelling as the whole term; a Hangul
/// or Han term starting with the shown spelling or a Hangul spelling, up to a part's end
/// (화웨이는); a Hangul or Han term holding the shown spelling from a part's start to a part's
/// end (a compound: 해외창업 for 창업). `of_spelling`: each spelling's name, and whether it is
/// the one shown. (Search also counts spelling variants of a word that finds fewer than three
/// articles, and spacing variants; those are not counted here.)
fn spellings_in(
    term: &str,
    shape: &Shape,
    of_spelling: &FxMap<&str, (u32, bool)>,
    found: &mut Vec<u32>,
) {
    found.clear();
    let script = term.chars().next().and_then(script_of);
    if !matches!(script, Some(Script::Hangul | Script::Han)) {
        found.extend(of_spelling.get(term).map(|&(n, _)| n));
        return;
    }
    let ends: Vec<(usize, usize)> = term
        .char_indices()
        .map(|(at, _)| at)
        .chain([term.len()])
        .enumerate()
        .collect();
    let chars = ends.len() - 1;
    let at_part = |k: usize| k == 0 || shape.ends_part_at(k, chars);
    for &(start_chars, start) in ends.iter().filter(|(k, _)| at_part(*k)) {
        for &(end_chars, end) in &ends[start_chars + 1..] {
            if end_chars - start_chars > MAX_SPELLING_CHARS {
                break;
            }
            if !at_part(end_chars) {
                continue;
            }
            let Some(&(n, shown)) = of_spelling.get(&term[start..end]) else {
                continue;
            };
            let whole = start_chars == 0 && end_chars == chars;
            let leading = start_chars == 0 && (shown || script == Some(Script::Hangul));
            if (whole || leading || shown) && !found.contains(&n) {
                found.push(n);
            }
        }
    }
}

/// Hangul spellings first, then the others; each by the articles that spell it so, most
/// first, then by its letters.
fn order_spellings(spellings: &mut [String], archive: &Archive<'_>) {
    let count = |s: &str| {
        archive
            .terms
            .binary_search_by(|(t, _)| t.as_str().cmp(s))
            .map_or(0, |k| (archive.count_of)(archive.terms[k].1))
    };
    let not_hangul = |s: &str| s.chars().next().and_then(script_of) != Some(Script::Hangul);
    spellings.sort_by_cached_key(|s| (not_hangul(s), std::cmp::Reverse(count(s)), s.clone()));
}

/// For each name (its articles, in increasing order), the [`CO_NAMES`] names most often in
/// the same articles, with how many: counted per name over its articles.
fn names_together(docs_of: &[&[DocId]]) -> Vec<Vec<(u32, usize)>> {
    let doc_count = docs_of
        .iter()
        .filter_map(|d| d.last())
        .map(|&d| d as usize + 1)
        .max()
        .unwrap_or(0);
    // Each article's names, in rank order (compressed rows).
    let mut starts = vec![0usize; doc_count + 1];
    for docs in docs_of {
        for &d in *docs {
            starts[d as usize + 1] += 1;
        }
    }
    for i in 0..doc_count {
        starts[i + 1] += starts[i];
    }
    let mut next = starts.clone();
    let mut names_of = vec![0u32; starts[doc_count]];
    for (name, docs) in docs_of.iter().enumerate() {
        for &d in *docs {
            names_of[next[d as usize]] = name as u32;
            next[d as usize] += 1;
        }
    }
    let mut counts = vec![0usize; docs_of.len()];
    let mut touched: Vec<u32> = Vec::new();
    docs_of
        .iter()
        .enumerate()
        .map(|(name, docs)| {
            for &d in *docs {
                for &other in &names_of[starts[d as usize]..starts[d as usize + 1]] {
                    if other as usize != name {
                        if counts[other as usize] == 0 {
                            touched.push(other);
                        }
                        counts[other as usize] += 1;
                    }
                }
            }
            let mut with: Vec<(u32, usize)> =
                touched.iter().map(|&o| (o, counts[o as usize])).collect();
            for &o in &touched {
                counts[o as usize] = 0;
            }
            touched.clear();
            with.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            with.truncate(CO_NAMES);
            with
        })
        .collect()
}

/// The `names` section and its cuts: the name count, then per name varint spelling count,
/// each spelling (varint length, UTF-8), varint articles, varint kind (0 stated, 1 proper
/// noun), varint count of names together, each as varint name number and varint articles.
/// Cut every [`NAME_BLOCK`] names (the count is in the first block).
pub(super) fn write_names(names: &[Name]) -> (Vec<u8>, Vec<Range<usize>>) {
    let mut out = Vec::new();
    let mut cuts = Vec::new();
    for (k, block) in names.chunks(NAME_BLOCK).enumerate() {
        let start = out.len();
        if k == 0 {
            write_varint(&mut out, names.len() as u64);
        }
        for name in block {
            write_varint(&mut out, name.spellings.len() as u64);
            for spelling in &name.spellings {
                write_varint(&mut out, spelling.len() as u64);
                out.extend_from_slice(spelling.as_bytes());
            }
            write_varint(&mut out, name.articles as u64);
            write_varint(&mut out, u64::from(name.kind == NameKind::ProperNoun));
            write_varint(&mut out, name.with.len() as u64);
            for &(other, both) in &name.with {
                write_varint(&mut out, u64::from(other));
                write_varint(&mut out, both as u64);
            }
        }
        cuts.push(start..out.len());
    }
    (out, cuts)
}

/// The names of block `number` of the `names` section (and, from the first block, how many
/// names there are in all).
pub(super) fn read_names(
    block: &[u8],
    number: usize,
    doc_count: usize,
) -> Result<(Vec<Name>, Option<usize>), Error> {
    let mut r = Reader::new(block);
    let total = if number == 0 {
        Some(r.varint()? as usize)
    } else {
        None
    };
    let bad = |what: &str| Error::corrupt(format!("names block {number}: {what}"));
    let mut names = Vec::new();
    while r.remaining() > 0 {
        let count = r.varint_u32()? as usize;
        let mut spellings = Vec::with_capacity(count.min(16));
        for _ in 0..count {
            let len = r.varint_u32()? as usize;
            let spelling = std::str::from_utf8(r.bytes(len)?).map_err(|_| bad("not UTF-8"))?;
            spellings.push(spelling.to_owned());
        }
        let articles = r.varint()? as usize;
        if articles > doc_count || spellings.is_empty() {
            return Err(bad("a name out of range"));
        }
        let kind = match r.varint()? {
            0 => NameKind::Stated,
            1 => NameKind::ProperNoun,
            _ => return Err(bad("an unknown kind")),
        };
        let together = r.varint_u32()? as usize;
        let mut with = Vec::with_capacity(together.min(CO_NAMES));
        for _ in 0..together {
            with.push((r.varint_u32()?, r.varint()? as usize));
        }
        names.push(Name {
            spellings,
            articles,
            kind,
            with,
        });
    }
    if names.len() > NAME_BLOCK {
        return Err(bad("more names than a block holds"));
    }
    Ok((names, total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_together_count_shared_articles() {
        let a: &[DocId] = &[0, 1, 2, 3];
        let b: &[DocId] = &[1, 2, 3];
        let c: &[DocId] = &[3, 4];
        let with = names_together(&[a, b, c]);
        assert_eq!(with[0], vec![(1, 3), (2, 1)]);
        assert_eq!(with[1], vec![(0, 3), (2, 1)]);
        assert_eq!(with[2], vec![(0, 1), (1, 1)]);
    }

    #[test]
    fn names_round_trip_through_blocks() {
        let names: Vec<Name> = (0..NAME_BLOCK + 3)
            .map(|k| Name {
                spellings: vec![format!("이름{k}"), format!("name{k}")],
                articles: 1000 - k,
                kind: if k % 2 == 0 {
                    NameKind::Stated
                } else {
                    NameKind::ProperNoun
                },
                with: vec![((k as u32 + 1) % 7, 2)],
            })
            .collect();
        let (bytes, cuts) = write_names(&names);
        assert_eq!(cuts.len(), 2);
        let (first, total) = read_names(&bytes[cuts[0].clone()], 0, 2000).unwrap();
        let (second, none) = read_names(&bytes[cuts[1].clone()], 1, 2000).unwrap();
        assert_eq!(total, Some(NAME_BLOCK + 3));
        assert_eq!(none, None);
        assert_eq!([first, second].concat(), names);
        assert!(read_names(&bytes[cuts[0].clone()], 0, 10).is_err());
    }

    #[test]
    fn a_spelling_counts_where_it_is_whole_parts() {
        let of: FxMap<&str, (u32, bool)> = [
            ("화웨이", (0, true)),
            ("미사", (1, true)),
            ("huawei", (2, false)),
            ("华为", (0, false)),
        ]
        .into_iter()
        .collect();
        let mut found = Vec::new();
        // 화웨이 | 는: the stem; 화웨이 | 코리아: a part.
        let shape = |boundaries, stem_chars| Shape {
            boundaries,
            stem_chars,
        };
        spellings_in("화웨이는", &shape(1 << 3, 3), &of, &mut found);
        assert_eq!(found, vec![0]);
        spellings_in("화웨이코리아", &shape(1 << 3, 6), &of, &mut found);
        assert_eq!(found, vec![0]);
        // 미사일 does not divide after 미사.
        spellings_in("미사일", &shape(0, 3), &of, &mut found);
        assert!(found.is_empty());
        spellings_in("huawei", &Shape::every_character(6), &of, &mut found);
        assert_eq!(found, vec![2]);
        spellings_in("huaweicloud", &Shape::every_character(11), &of, &mut found);
        assert!(found.is_empty());
        // A Han spelling not shown counts as itself only, as search's aliases do.
        spellings_in("华为", &Shape::every_character(2), &of, &mut found);
        assert_eq!(found, vec![0]);
        spellings_in("华为公司", &Shape::every_character(4), &of, &mut found);
        assert!(found.is_empty());
    }
}
