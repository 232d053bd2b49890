//! The index format, defined once: [`IndexBuilder`] writes it, [`Index`] reads it.
//!
//! # Byte layout (format version 2)
//!
//! All integers are little-endian. Offsets are from the start of the index.
//!
//! ```text
//! header    magic          8 bytes   b"JIKJIIDX"
//!           version        u32       FORMAT_VERSION
//!           section count  u32       SECTION_COUNT (8)
//!           checksum       u64       FNV-1a-64 (codec::checksum) of every byte after this field
//!           sections       8 × (offset u64, length u64), in this order:
//! terms     fst::Map: term (folded token, UTF-8) → offset of its postings list
//! postings  per term:  varint doc_count, then per document in increasing id order:
//!                      varint doc_id_delta, varint title_tf, varint body_tf,
//!                      varint positions_len (bytes, so counting can skip positions),
//!                      title_tf × varint position_delta, body_tf × varint position_delta
//!                      (positions are token indexes within the field; captions and the
//!                      source follow the body in the body field)
//! docs      varint doc_count, then per document: varint title_tokens, varint body_tokens
//! articles  the articles as a JSON array (`Vec<Article>`), in document id order
//! suffixes  fst::Map: `suffix \0 term` → postings offset, for every suffix of two or more
//!           characters that starts inside a Hangul or Han term (창업 inside 해외창업)
//! letters   fst::Map: `letters \0 term` → postings offset, for Hangul terms; letters are
//!           jamo packed one byte each (see `jamo`), for typing and edit distance
//! initials  fst::Map: `initials \0 term` → postings offset, for terms of Hangul syllables
//! aliases   the alias groups as a JSON array of arrays of terms (see `aliases`)
//! ```
//!
//! [`Index::open`] checks magic, version, checksum and section bounds and decodes the small
//! per-document tables; dictionaries and postings are read in place (zero-copy). Facet columns
//! (source and month per article) are derived from the articles on open rather than stored.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use crate::aliases::AliasMiner;
use crate::article::Article;
use crate::codec::{checksum, write_varint, Reader};
use crate::error::Error;
use crate::jamo;
use crate::tokenize::{for_each_token, normalize_text, script_of, Script};

/// The first bytes of every index.
pub const MAGIC: &[u8; 8] = b"JIKJIIDX";
/// Bumped whenever the byte layout changes; [`Index::open`] rejects other versions.
pub const FORMAT_VERSION: u32 = 2;
const SECTION_COUNT: usize = 8;
const SECTION_NAMES: [&str; SECTION_COUNT] =
    ["terms", "postings", "docs", "articles", "suffixes", "letters", "initials", "aliases"];
const CHECKSUM_OFFSET: usize = 16;
const HEADER_LEN: usize = 24 + SECTION_COUNT * 16;

/// An article's position in the index (0-based, in build order).
pub type DocId = u32;

/// Token counts of one article, for BM25 length normalization.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct DocStats {
    pub(crate) title_tokens: u32,
    pub(crate) body_tokens: u32,
}

/// One term's occurrences in one article.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Posting {
    pub doc: DocId,
    pub title_positions: Vec<u32>,
    pub body_positions: Vec<u32>,
}

/// Collects articles and writes the index bytes.
#[derive(Default)]
pub struct IndexBuilder {
    aliases: AliasMiner,
    articles: Vec<Article>,
    docs: Vec<DocStats>,
    postings: HashMap<String, Vec<Posting>>,
}

impl IndexBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an article; its text is stored in NFC so that offsets computed later match it.
    pub fn add(&mut self, mut article: Article) {
        article.title = normalize_text(&article.title);
        article.body = normalize_text(&article.body);
        for caption in &mut article.captions {
            caption.text = normalize_text(&caption.text);
        }
        let doc = self.articles.len() as DocId;
        let mut per_term: HashMap<String, Posting> = HashMap::new();
        let mut stats = DocStats::default();
        // Captions and the source are searchable as part of the body field, after the body's
        // positions (so 베이징상보 finds the articles it is credited with).
        let title = [article.title.as_str()];
        let body: Vec<&str> = std::iter::once(article.body.as_str())
            .chain(article.captions.iter().map(|c| c.text.as_str()))
            .chain(article.source.as_deref())
            .collect();
        for (field, texts) in [(Field::Title, &title[..]), (Field::Body, &body[..])] {
            let mut position = 0u32;
            for text in texts {
                for_each_token(text, |token| {
                    let posting = per_term
                        .entry(token.text)
                        .or_insert_with(|| Posting { doc, ..Posting::default() });
                    match field {
                        Field::Title => posting.title_positions.push(position),
                        Field::Body => posting.body_positions.push(position),
                    }
                    position += 1;
                });
            }
            match field {
                Field::Title => stats.title_tokens = position,
                Field::Body => stats.body_tokens = position,
            }
        }
        for (term, posting) in per_term {
            self.postings.entry(term).or_default().push(posting);
        }
        for text in title.iter().chain(&body) {
            self.aliases.add_text(text);
        }
        self.docs.push(stats);
        self.articles.push(article);
    }

    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// Writes the index.
    pub fn finish(self) -> Vec<u8> {
        let mut terms: Vec<(String, Vec<Posting>)> = self.postings.into_iter().collect();
        terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));

        let mut postings = Vec::new();
        let mut dictionary = fst::MapBuilder::memory();
        let (mut suffixes, mut letters, mut initials) = (Vec::new(), Vec::new(), Vec::new());
        let mut positions = Vec::new();
        for (term, list) in &terms {
            let offset = postings.len() as u64;
            dictionary.insert(term.as_bytes(), offset).expect("terms are sorted and unique");
            add_variants(term, offset, &mut suffixes, &mut letters, &mut initials);
            write_varint(&mut postings, list.len() as u64);
            let mut previous = 0;
            for posting in list {
                write_varint(&mut postings, u64::from(posting.doc - previous));
                previous = posting.doc;
                write_varint(&mut postings, posting.title_positions.len() as u64);
                write_varint(&mut postings, posting.body_positions.len() as u64);
                positions.clear();
                for field in [&posting.title_positions, &posting.body_positions] {
                    let mut last = 0;
                    for &p in field {
                        write_varint(&mut positions, u64::from(p - last));
                        last = p;
                    }
                }
                write_varint(&mut postings, positions.len() as u64);
                postings.extend_from_slice(&positions);
            }
        }
        let dictionary = dictionary.into_inner().expect("writing to memory cannot fail");

        let mut docs = Vec::new();
        write_varint(&mut docs, self.docs.len() as u64);
        for d in &self.docs {
            write_varint(&mut docs, u64::from(d.title_tokens));
            write_varint(&mut docs, u64::from(d.body_tokens));
        }
        let articles = serde_json::to_vec(&self.articles).expect("articles serialize to JSON");
        let aliases = serde_json::to_vec(&self.aliases.groups()).expect("aliases serialize to JSON");

        let sections =
            [dictionary, postings, docs, articles, fst_of(suffixes), fst_of(letters), fst_of(initials), aliases];
        let mut out = Vec::with_capacity(HEADER_LEN + sections.iter().map(Vec::len).sum::<usize>());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&(SECTION_COUNT as u32).to_le_bytes());
        out.extend_from_slice(&0u64.to_le_bytes()); // checksum, filled in below
        let mut offset = HEADER_LEN as u64;
        for section in &sections {
            out.extend_from_slice(&offset.to_le_bytes());
            out.extend_from_slice(&(section.len() as u64).to_le_bytes());
            offset += section.len() as u64;
        }
        for section in &sections {
            out.extend_from_slice(section);
        }
        let sum = checksum(&out[CHECKSUM_OFFSET + 8..]);
        out[CHECKSUM_OFFSET..CHECKSUM_OFFSET + 8].copy_from_slice(&sum.to_le_bytes());
        out
    }
}

/// Keys of the auxiliary dictionaries for one term: `variant \0 term`.
fn add_variants(
    term: &str,
    offset: u64,
    suffixes: &mut Vec<(Vec<u8>, u64)>,
    letters: &mut Vec<(Vec<u8>, u64)>,
    initials: &mut Vec<(Vec<u8>, u64)>,
) {
    let key = |variant: &[u8]| [variant, &[0], term.as_bytes()].concat();
    let script = term.chars().next().and_then(script_of);
    if matches!(script, Some(Script::Hangul | Script::Han)) {
        let starts: Vec<usize> = term.char_indices().map(|(i, _)| i).collect();
        // Suffixes of at least two characters that start after the first character.
        for &start in starts.iter().skip(1).take(starts.len().saturating_sub(2)) {
            suffixes.push((key(term[start..].as_bytes()), offset));
        }
    }
    if let Some(packed) = jamo::letters(term) {
        letters.push((key(&packed), offset));
    }
    if let Some(packed) = jamo::initials(term) {
        initials.push((key(&packed), offset));
    }
}

/// An `fst::Map` of (key, value) pairs in any order.
fn fst_of(mut entries: Vec<(Vec<u8>, u64)>) -> Vec<u8> {
    entries.sort_unstable();
    entries.dedup_by(|a, b| a.0 == b.0);
    let mut builder = fst::MapBuilder::memory();
    for (key, value) in entries {
        builder.insert(key, value).expect("keys are sorted and unique");
    }
    builder.into_inner().expect("writing to memory cannot fail")
}

#[derive(Clone, Copy)]
enum Field {
    Title,
    Body,
}

/// A byte range of shared index bytes, so the `fst::Map` can borrow its section without a copy.
#[derive(Clone)]
pub struct Section<D> {
    data: Arc<D>,
    range: Range<usize>,
}

impl<D: AsRef<[u8]>> AsRef<[u8]> for Section<D> {
    fn as_ref(&self) -> &[u8] {
        &(*self.data).as_ref()[self.range.clone()]
    }
}

/// An open index: dictionaries and postings read in place, articles and small tables decoded.
pub struct Index<D> {
    pub(crate) terms: fst::Map<Section<D>>,
    pub(crate) suffixes: fst::Map<Section<D>>,
    pub(crate) letters: fst::Map<Section<D>>,
    pub(crate) initials: fst::Map<Section<D>>,
    postings: Section<D>,
    pub(crate) docs: Vec<DocStats>,
    pub(crate) avg_title_tokens: f32,
    pub(crate) avg_body_tokens: f32,
    articles: Vec<Article>,
    by_id: HashMap<String, DocId>,
    pub(crate) alias_groups: Vec<Vec<String>>,
    pub(crate) alias_of: HashMap<String, usize>,
    /// Facet columns: each article's month (`YYYY-MM`), or `None` when undated.
    pub(crate) months: Vec<Option<String>>,
    /// Section byte sizes, in layout order, for reports.
    section_sizes: [usize; SECTION_COUNT],
}

impl<D: AsRef<[u8]>> Index<D> {
    /// Opens index bytes, checking magic, format version, checksum and structure.
    pub fn open(data: D) -> Result<Self, Error> {
        let bytes = data.as_ref();
        if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
            return Err(Error::Magic);
        }
        let mut header = Reader::at(bytes, MAGIC.len())?;
        let version = header.u32_le()?;
        if version != FORMAT_VERSION {
            return Err(Error::Version { expected: FORMAT_VERSION, got: version });
        }
        let section_count = header.u32_le()? as usize;
        if section_count != SECTION_COUNT {
            return Err(Error::corrupt(format!("{section_count} sections, expected {SECTION_COUNT}")));
        }
        let stored = header.u64_le()?;
        if bytes.len() < HEADER_LEN {
            return Err(Error::corrupt("truncated header"));
        }
        let computed = checksum(&bytes[CHECKSUM_OFFSET + 8..]);
        if stored != computed {
            return Err(Error::Checksum { expected: stored, got: computed });
        }
        let mut ranges = Vec::with_capacity(SECTION_COUNT);
        for name in SECTION_NAMES {
            let offset = header.u64_le()?;
            let len = header.u64_le()?;
            let end = offset.checked_add(len).filter(|&end| end <= bytes.len() as u64);
            match end {
                Some(end) if offset >= HEADER_LEN as u64 => ranges.push(offset as usize..end as usize),
                _ => return Err(Error::corrupt(format!("{name} section out of bounds"))),
            }
        }

        let docs = read_docs(&bytes[ranges[2].clone()])?;
        let articles: Vec<Article> = serde_json::from_slice(&bytes[ranges[3].clone()])
            .map_err(|e| Error::corrupt(format!("articles: {e}")))?;
        if articles.len() != docs.len() {
            return Err(Error::corrupt(format!(
                "{} articles but {} document entries",
                articles.len(),
                docs.len()
            )));
        }
        let alias_groups: Vec<Vec<String>> = serde_json::from_slice(&bytes[ranges[7].clone()])
            .map_err(|e| Error::corrupt(format!("aliases: {e}")))?;
        let alias_of = alias_groups
            .iter()
            .enumerate()
            .flat_map(|(i, group)| group.iter().map(move |term| (term.clone(), i)))
            .collect();
        let by_id = articles.iter().enumerate().map(|(i, a)| (a.id.clone(), i as DocId)).collect();
        let months = articles.iter().map(|a| a.date.as_ref().and_then(|d| d.get(..7)).map(str::to_owned)).collect();
        let count = docs.len().max(1) as f32;
        let avg_title_tokens = docs.iter().map(|d| d.title_tokens as f32).sum::<f32>() / count;
        let avg_body_tokens = docs.iter().map(|d| d.body_tokens as f32).sum::<f32>() / count;
        let section_sizes: [usize; SECTION_COUNT] = std::array::from_fn(|i| ranges[i].len());

        let data = Arc::new(data);
        let section = |range: &Range<usize>| Section { data: Arc::clone(&data), range: range.clone() };
        let map = |i: usize| {
            fst::Map::new(section(&ranges[i])).map_err(|e| Error::corrupt(format!("{} dictionary: {e}", SECTION_NAMES[i])))
        };
        Ok(Index {
            terms: map(0)?,
            suffixes: map(4)?,
            letters: map(5)?,
            initials: map(6)?,
            postings: section(&ranges[1]),
            docs,
            avg_title_tokens: avg_title_tokens.max(1.0),
            avg_body_tokens: avg_body_tokens.max(1.0),
            articles,
            by_id,
            alias_groups,
            alias_of,
            months,
            section_sizes,
        })
    }

    /// The byte size of each section, by name, in layout order.
    pub fn section_sizes(&self) -> Vec<(&'static str, usize)> {
        SECTION_NAMES.iter().copied().zip(self.section_sizes).collect()
    }

    /// The alias groups mined from the archive.
    pub fn alias_groups(&self) -> &[Vec<String>] {
        &self.alias_groups
    }

    pub fn articles(&self) -> &[Article] {
        &self.articles
    }

    pub fn article(&self, doc: DocId) -> Option<&Article> {
        self.articles.get(doc as usize)
    }

    pub fn doc_by_id(&self, id: &str) -> Option<DocId> {
        self.by_id.get(id).copied()
    }

    /// Number of distinct terms in the dictionary.
    pub fn term_count(&self) -> usize {
        self.terms.len()
    }

    /// The postings of an exact term, or an empty list when the term is absent.
    pub fn postings_of(&self, term: &str) -> Result<Vec<Posting>, Error> {
        let mut list = Vec::new();
        if let Some(offset) = self.terms.get(term) {
            self.read_postings(offset, true, |p| {
                list.push(Posting {
                    doc: p.doc,
                    title_positions: p.title_positions.to_vec(),
                    body_positions: p.body_positions.to_vec(),
                })
            })?;
        }
        Ok(list)
    }

    /// Number of documents in the postings list at `offset` (0 if unreadable).
    pub(crate) fn doc_frequency(&self, offset: u64) -> usize {
        Reader::at(self.postings.as_ref(), usize::try_from(offset).unwrap_or(usize::MAX))
            .and_then(|mut r| r.varint_u32())
            .map_or(0, |n| n as usize)
    }

    /// Decodes the postings list at `offset` (a value of the term dictionary), calling `visit`
    /// for each posting in document order. Returns the number of documents in the list.
    pub(crate) fn read_postings(
        &self,
        offset: u64,
        with_positions: bool,
        mut visit: impl FnMut(PostingRef<'_>),
    ) -> Result<usize, Error> {
        let bytes = self.postings.as_ref();
        let mut r = Reader::at(bytes, usize::try_from(offset).unwrap_or(usize::MAX))?;
        let count = r.varint_u32()? as usize;
        let mut doc = 0u32;
        let (mut title_positions, mut body_positions) = (Vec::new(), Vec::new());
        for _ in 0..count {
            doc = doc
                .checked_add(r.varint_u32()?)
                .filter(|&d| (d as usize) < self.docs.len())
                .ok_or_else(|| Error::corrupt("posting refers to a missing document"))?;
            let title_tf = r.varint_u32()?;
            let body_tf = r.varint_u32()?;
            let positions_len = r.varint_u32()? as usize;
            if with_positions {
                read_positions(&mut r, title_tf, &mut title_positions)?;
                read_positions(&mut r, body_tf, &mut body_positions)?;
            } else {
                r.skip(positions_len)?;
            }
            visit(PostingRef {
                doc,
                title_tf,
                body_tf,
                title_positions: &title_positions,
                body_positions: &body_positions,
            });
        }
        Ok(count)
    }
}

/// A posting borrowed from the decoder's buffers (no allocation per posting). Positions are
/// empty unless they were asked for.
pub(crate) struct PostingRef<'a> {
    pub(crate) doc: DocId,
    pub(crate) title_tf: u32,
    pub(crate) body_tf: u32,
    pub(crate) title_positions: &'a [u32],
    pub(crate) body_positions: &'a [u32],
}

fn read_positions(r: &mut Reader<'_>, count: u32, out: &mut Vec<u32>) -> Result<(), Error> {
    out.clear();
    let mut p = 0u32;
    for _ in 0..count {
        p = p.checked_add(r.varint_u32()?).ok_or_else(|| Error::corrupt("position overflow"))?;
        out.push(p);
    }
    Ok(())
}

fn read_docs(bytes: &[u8]) -> Result<Vec<DocStats>, Error> {
    let mut r = Reader::new(bytes);
    let count = r.varint_u32()? as usize;
    // Each entry takes at least two bytes; a larger count is a lie told by damaged bytes.
    if count > bytes.len() / 2 {
        return Err(Error::corrupt("document table count exceeds its size"));
    }
    (0..count)
        .map(|_| Ok(DocStats { title_tokens: r.varint_u32()?, body_tokens: r.varint_u32()? }))
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn article(id: &str, title: &str, body: &str) -> Article {
        let mut a = Article::new(id, title, body);
        a.source = Some("테스트".into());
        a.date = Some("2020-08-26".into());
        a
    }

    fn sample() -> Vec<u8> {
        let mut b = IndexBuilder::new();
        b.add(article("a", "화웨이 칩 금지령", "미국이 화웨이에 대한 칩 금지령을 연장했다.\n\n화웨이는 반발했다."));
        b.add(article("b", "중관춘 창업거리", "중관춘은 베이징의 실리콘밸리다."));
        b.finish()
    }

    #[test]
    fn round_trip_keeps_articles_terms_and_positions() {
        let index = Index::open(sample()).unwrap();
        assert_eq!(index.articles().len(), 2);
        assert_eq!(index.articles()[1].title, "중관춘 창업거리");
        assert_eq!(index.doc_by_id("b"), Some(1));
        let postings = index.postings_of("화웨이").unwrap();
        assert_eq!(postings.len(), 1);
        assert_eq!(postings[0].doc, 0);
        assert_eq!(postings[0].title_positions, vec![0]);
        assert!(postings[0].body_positions.is_empty(), "화웨이에 and 화웨이는 are other terms");
        assert_eq!(index.postings_of("화웨이는").unwrap()[0].body_positions, vec![6]);
        assert_eq!(index.postings_of("칩").unwrap()[0].body_positions, vec![3]);
        assert!(index.postings_of("없는말").unwrap().is_empty());
        assert_eq!(index.docs[1].title_tokens, 2);
    }

    #[test]
    fn works_from_a_borrowed_slice() {
        let bytes = sample();
        let index = Index::open(bytes.as_slice()).unwrap();
        assert_eq!(index.articles().len(), 2);
    }

    #[test]
    fn rejects_other_versions_with_a_typed_error() {
        let mut bytes = sample();
        bytes[8..12].copy_from_slice(&99u32.to_le_bytes());
        assert_eq!(Index::open(bytes).err(), Some(Error::Version { expected: FORMAT_VERSION, got: 99 }));
    }

    #[test]
    fn rejects_wrong_magic_and_damage() {
        assert_eq!(Index::open(b"not an index at all".to_vec()).err(), Some(Error::Magic));
        assert_eq!(Index::open(Vec::new()).err(), Some(Error::Magic));
        let bytes = sample();
        for at in [HEADER_LEN, HEADER_LEN + 3, bytes.len() / 2, bytes.len() - 1] {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x40;
            assert!(matches!(Index::open(damaged), Err(Error::Checksum { .. })), "flip at {at}");
        }
        for len in [9, 20, HEADER_LEN, bytes.len() - 1] {
            assert!(Index::open(bytes[..len].to_vec()).is_err(), "truncated to {len}");
        }
    }
}
