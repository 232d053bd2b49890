//! The index format, defined once: [`IndexBuilder`] writes it, [`Index`] reads it.
//!
//! # Byte layout (format version 19)
//!
//! All integers are little-endian. Offsets are from the start of the index.
//!
//! ```text
//! header    magic          8 bytes   b"JIKJIIDX"
//!           version        u32       FORMAT_VERSION
//!           section count  u32       SECTION_COUNT (17)
//!           checksum       u64       FNV-1a-64 (codec::checksum) of every byte after this field
//!           sections       17 × (offset u64, length u64, checksum u64: FNV-1a-64 of the
//!                          section's bytes, to name the section a damaged index is damaged
//!                          in), one per section in the order below (the bodies follow the
//!                          header, texts first; a reader goes by the offsets)
//!           table sum      u64       FNV-1a-64 of the section table (damage there is named as
//!                                    the header's)
//! terms     in blocks of about DICTIONARY_BLOCK_BYTES, each an fst::Map (the blocks one
//!           after the other; empty in a split index): term (folded token, UTF-8) → offset of
//!           its postings list in the low 34 bits, the term's shape (see `shape`: its stem
//!           length, where its parts end) above, its document count class in the top 6
//!           (`shape::count_class`)
//! postings  per term:  varint doc_count << 1 | 1 if readings follow, varint doc_block_len
//!                      (bytes), varint positions_len (bytes, in `positions`), then the
//!                      readings if any: the articles where the term's letters are never read
//!                      as the noun they spell (대한 in "문제에 대한": the verb 대하다; see
//!                      `readings`), varint count and varint article id deltas; then
//!                      the doc block, per document in increasing id order:
//!                        varint doc_id_delta << 3 | min(body_tf, 3) << 1 | (title_tf > 0),
//!                        varint body_tf - 3 (only when body_tf >= 3),
//!                        varint title_tf (only when title_tf > 0)
//!                      (one byte for most postings of common terms)
//!           The lists are in term order; the section is empty in a split index (below).
//! positions per term, in the postings' order: per document in the same order as its doc
//!           block, title_tf × varint position_delta, then body_tf × varint position_delta
//!           (positions are token indexes within the field; captions and the source follow
//!           the body in the body field). Counting and scoring read only the postings; phrases,
//!           spacing and proximity read these too. Cut into blocks paired with the postings'
//!           (block k: the positions of the lists in postings block k, one after the other, so
//!           a list's start there is the sum of the positions_len of the lists before it in
//!           its postings block); empty in a split index
//! docs      varint doc_count, then per document: varint title_tokens, varint body_tokens
//! heads     what search, filters, facets and ordering need of every article, the rest of it
//!           being in its text chunk: varint doc_count; the sources, then the dates, each as
//!           varint count and the distinct values sorted (varint length, UTF-8); then per
//!           document: varint source number + 1 and varint date number + 1 (0: none); then
//!           the outlets the sources are spellings of (see `outlets`): varint count, then
//!           each one's name in name order (varint number + 1 of the source spelled so, or 0
//!           and the name as varint length, UTF-8), then per source varint outlet number and
//!           varint why it is under it (`outlets::Merged`)
//! texts     the text chunks' bytes, one after the other; empty in a split index (below)
//! chunks    the text chunks' articles: varint chunk_count, then per chunk varint doc_count.
//!           Chunk k holds the doc_count articles after those of the chunks before it, whole
//!           (title, metadata, body, captions), as a JSON array of `Article` (unknown fields
//!           left out); a chunk closes once it passes TEXT_CHUNK_BYTES. Kept in a split
//!           index's core: which chunk holds an article is known without a block
//! addresses per chunk, in chunk order: varint byte_len, u32 checksum (FNV-1a-64 of its bytes
//!           folded to 32 bits: `codec::short_checksum`). No two chunks share a checksum and
//!           a length (a chunk that would is padded with a space before its closing bracket):
//!           the pair is the chunk's address, its file name where parts are published by
//!           content (`Index::text_chunk_address`), and what a chunk given to a split index
//!           is checked against. Cut into blocks of ADDRESS_BLOCK_CHUNKS chunks (empty in a
//!           split index whose addresses pass CORE_ADDRESSES_MAX: they grow with the
//!           archive, and a visitor needs those of the chunks shown only)
//! suffixes  in blocks of about DICTIONARY_BLOCK_BYTES, each an fst::Map (the blocks one after
//!           the other; empty in a split index): `suffix \0 head` → the document count of
//!           the term `head + suffix` in the low 32 bits, and above them where the term's parts end counted from the
//!           suffix's start (bit k: after k characters; the term's end included), for every
//!           suffix of two or more characters that starts where a part of a Hangul or Han term
//!           starts (창업 inside 해외창업: key `창업\0해외`; no `비자\0소` for 소비자), except
//!           terms whose stem is another term (해외창업을): search reaches those as its forms
//! letters   in blocks of about DICTIONARY_BLOCK_BYTES, each an fst::Map (as the terms):
//!           packed letters → the term's document count, for Hangul terms; letters
//!           are jamo packed one byte each (see `jamo`), read back into the term by
//!           `jamo::compose`; serves typing (letter prefixes), initials and edit distance
//!           (The two auxiliary dictionaries hold document counts, not postings offsets:
//!           search ranks their matches by them and looks only the best up in `terms`. Small
//!           counts repeat, so these dictionaries are a third smaller than with offsets.)
//! aliases   the alias groups as a JSON array of arrays of terms (see `aliases`)
//! tails     fst::Set: the particles and endings the archive's Hangul terms end in after their
//!           stems (는, 에서, 했다, 입니다…), by which search finds the stem of a query word
//!           the archive does not have as written (화웨이는 → 화웨이)
//! ids       in blocks of about DICTIONARY_BLOCK_BYTES, each an fst::Map (as the terms; empty
//!           in a split index): article id (UTF-8) → document number; a link to an article
//!           reads the one block its id is in (the id also travels in the article's chunk)
//! blocks    the directories of the sections cut into blocks, each: varint block count, then
//!           per block varint byte length, u64 checksum (FNV-1a-64 of its bytes), and for a
//!           dictionary varint key length and its first key; block k starts where block k − 1
//!           ends. First the postings (cut at list boundaries once a block passes
//!           POSTINGS_BLOCK_BYTES), the positions (as many blocks), then the suffixes, the
//!           terms, the letters and the ids, then the related, the names and the
//!           addresses (as the positions)
//! reprints  the groups of articles that are versions of one story (see `reprints`): varint
//!           group count, then per group varint member count, varint first version, and the
//!           other members as varint deltas in increasing order; kept in a split index's core
//! related   per article, its related articles (see `related`): varint count, then per
//!           related article varint doc, varint score in thousandths, varint reason word
//!           count and each word (varint length, UTF-8); cut into blocks of RELATED_BLOCK_DOCS
//!           articles (empty in a split index)
//! names     the archive's names, most named first (see `names`): the name count, then per
//!           name varint spelling count and each spelling (varint length, UTF-8), varint
//!           articles naming it, varint kind (0: an alias group stated, 1: a proper noun of the
//!           dictionary), varint count of the names most often in the same articles and each
//!           as varint name number and varint articles naming both; cut into blocks of
//!           NAME_BLOCK names, the count in the first (empty in a split index)
//! ```
//!
//! [`Index::open`] checks magic, version, checksum and section bounds and decodes the small
//! per-document tables (token counts; sources and dates, from which the facet columns
//! are derived); dictionaries and postings are read in place (zero-copy). A text chunk is
//! decoded the first time one of its articles is asked for (a result shown, the reader), and
//! then kept.
//!
//! # Split indexes
//!
//! [`split`] cuts an index into its core (the same layout with empty texts, postings,
//! positions, terms, suffixes, letters, ids, related, names and addresses sections, checksummed
//! anew), its text chunks and its blocks, each
//! its own byte string. The browser app starts with the core and fetches a block when a query
//! (or a link to an article) reads it, a text chunk when one of its articles is shown, so what
//! it downloads first is the index without the archive's articles, dictionaries and postings. [`Index::add_block`] and
//! [`Index::add_texts`] give an open core a block or a chunk; its checksum in the core's
//! directory vouches for a block, and a chunk's checksum in its addresses block (which must be
//! given first: [`Index::missing_address`]) for the chunk. A search on a core without a block it needs reads it as empty
//! and says which blocks it lacked (`SearchResults::missing_blocks`): the caller fetches
//! them and searches again. A hit whose article is not here yet has no title highlights or
//! snippet (`Hit::awaiting_text`) until [`Index::complete_hit`] can make them.

mod blocks;
mod builder;
mod dictionaries;
mod documents;
mod header;
pub mod names;
mod postings;
mod readings;
pub mod related;
pub mod reprints;
#[cfg(test)]
pub(crate) mod tests;
mod texts;
mod threads;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex};

pub use blocks::{article_key, Block, DICTIONARY_BLOCK_BYTES, POSTINGS_BLOCK_BYTES};
pub use builder::{IndexBuilder, IndexSink, IndexWriter};
pub use header::stored_checksum;
pub(crate) use postings::Positions;
pub use postings::Posting;
pub use texts::{split, split_with, text_chunk_file_name, SplitIndex};

pub use crate::article::DocId;
use crate::bm25::{self, DocStats};
use crate::error::Error;
use documents::{FacetColumns, Heads};
use texts::TextChunk;

/// The first bytes of every index.
pub const MAGIC: &[u8; 8] = b"JIKJIIDX";
/// Bumped whenever the byte layout changes; [`Index::open`] rejects other versions.
pub const FORMAT_VERSION: u32 = 19;
const SECTION_COUNT: usize = 17;
const SECTION_NAMES: [&str; SECTION_COUNT] = [
    "terms",
    "postings",
    "docs",
    "heads",
    "texts",
    "chunks",
    "suffixes",
    "letters",
    "aliases",
    "tails",
    "ids",
    "positions",
    "blocks",
    "reprints",
    "related",
    "names",
    "addresses",
];
/// Section numbers, in `SECTION_NAMES` order.
const TERMS: usize = 0;
const POSTINGS: usize = 1;
const DOCS: usize = 2;
const HEADS: usize = 3;
const TEXTS: usize = 4;
const CHUNKS: usize = 5;
const SUFFIXES: usize = 6;
const LETTERS: usize = 7;
const ALIASES: usize = 8;
const TAILS: usize = 9;
const IDS: usize = 10;
const POSITIONS: usize = 11;
const BLOCKS: usize = 12;
const REPRINTS: usize = 13;
const RELATED: usize = 14;
const NAMES: usize = 15;
const ADDRESSES: usize = 16;

/// A split index's core keeps the chunks' addresses when they take no more than this many
/// bytes (about 40,000 chunks, 80,000 articles); above it they are blocks, fetched before the
/// texts they name. A block costs the first results a round trip and saves the core bytes
/// that grow with the archive; below this size the round trip costs more than the bytes
/// (BENCHMARKS.md, "A million articles in the browser").
pub const CORE_ADDRESSES_MAX: usize = 256 * 1024;

/// The addresses of this many consecutive text chunks make a block (`a<n>.bin`, six bytes or
/// so a chunk): a result list of 20 articles reads up to 20 of them, before the chunks
/// themselves.
pub const ADDRESS_BLOCK_CHUNKS: usize = 256;

/// A text chunk closes once its JSON passes this many bytes. A result list of 20 shows texts
/// from up to 20 chunks (results are seldom neighbours), so smaller chunks download less text
/// that is not shown, but make more files and a longer directory (about 11 bytes a chunk).
/// At 4 KiB a chunk holds about two news articles: 25,000 files at 50,000 articles. The size
/// was chosen by the texts a browser session downloads (BENCHMARKS.md, "The archive as data:
/// postings and compounds in blocks"): about half the bytes of 16 KiB chunks.
pub const TEXT_CHUNK_BYTES: usize = 4 * 1024;

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

/// An open index: dictionaries and postings read in place, small tables decoded, articles a
/// chunk at a time, on first use.
pub struct Index<D> {
    /// The terms dictionary's blocks (`fst::Map`s one after the other; empty in a split
    /// index), read by `term` and `for_each_term`.
    terms: Section<D>,
    /// The suffixes dictionary's blocks (`fst::Map`s one after the other; empty in a split
    /// index), read by `for_each_suffix`.
    suffixes: Section<D>,
    /// The letters dictionary's blocks (as the terms'), read by `letters_matching`.
    letters: Section<D>,
    /// The ids dictionary's blocks (as the terms'), read by `find_id`.
    ids: Section<D>,
    /// The ids of the articles whose texts a split index has been given, so an article shown
    /// can be opened by its id without the ids dictionary's block.
    ids_of_texts: Mutex<HashMap<Box<str>, DocId>>,
    /// The particles and endings the archive's terms have after their stems.
    tails: fst::Set<Section<D>>,
    /// The related articles of each article (empty in a split index), in blocks.
    related: Section<D>,
    /// The archive's names (empty in a split index), in blocks.
    names: Section<D>,
    /// The text chunks' addresses (empty in a split index), in blocks.
    addresses: Section<D>,
    /// The postings section (empty in a split index) and its blocks.
    postings: Section<D>,
    /// The positions section (empty in a split index), in blocks paired with the postings'.
    positions: Section<D>,
    blocks: blocks::Blocks,
    docs: Vec<DocStats>,
    /// Per article, what a term occurrence in its title and in its body weighs in BM25F (see
    /// `bm25::field_weights`), worked out once on open.
    field_weights: Vec<[f32; 2]>,
    /// Each article's date (see `documents::Heads`).
    heads: Heads,
    /// The texts section and its chunks, in document order; per document, its chunk (the
    /// chunks' addresses are blocks: `addresses`).
    texts: Section<D>,
    chunks: Vec<TextChunk>,
    chunk_of_doc: Vec<u32>,
    alias_groups: Vec<Vec<String>>,
    alias_of: HashMap<String, usize>,
    /// Per article, its source, month and date rank as numbers (see
    /// `documents::FacetColumns`).
    facets: FacetColumns,
    /// The groups of reprints, and each article's group.
    reprints: reprints::ReprintGroups,
    /// Where each section is, in layout order.
    section_ranges: [Range<usize>; SECTION_COUNT],
    /// The checksum in the header (of the index as opened, before any texts were added).
    checksum: u64,
}

impl<D: AsRef<[u8]>> Index<D> {
    /// Opens index bytes, checking magic, format version, checksum and structure.
    pub fn open(data: D) -> Result<Self, Error> {
        let bytes = data.as_ref();
        let (stored, ranges) = header::read_sections(bytes)?;
        let docs = documents::read_docs(&bytes[ranges[DOCS].clone()])?;
        let (heads, facets) = documents::read_heads(&bytes[ranges[HEADS].clone()], docs.len())?;
        let mut chunks = texts::read_chunks(&bytes[ranges[CHUNKS].clone()], docs.len())?;
        texts::place_chunks(
            &mut chunks,
            &bytes[ranges[ADDRESSES].clone()],
            ranges[TEXTS].len(),
        )?;
        let chunk_of_doc = chunks
            .iter()
            .enumerate()
            .flat_map(|(i, c)| std::iter::repeat_n(i as u32, c.docs as usize))
            .collect();
        let alias_groups: Vec<Vec<String>> =
            serde_json::from_slice(&bytes[ranges[ALIASES].clone()])
                .map_err(|e| Error::corrupt(format!("aliases: {e}")))?;
        let alias_of = alias_groups
            .iter()
            .enumerate()
            .flat_map(|(i, group)| group.iter().map(move |term| (term.clone(), i)))
            .collect();
        let field_weights = bm25::field_weights(&docs);
        let reprints = reprints::read_groups(&bytes[ranges[REPRINTS].clone()], docs.len())?;
        let blocks = blocks::read_blocks(
            &bytes[ranges[BLOCKS].clone()],
            [
                POSTINGS, POSITIONS, SUFFIXES, TERMS, LETTERS, IDS, RELATED, NAMES, ADDRESSES,
            ]
            .map(|i| ranges[i].len()),
        )?;

        let data = Arc::new(data);
        let section = |range: &Range<usize>| Section {
            data: Arc::clone(&data),
            range: range.clone(),
        };
        Ok(Index {
            checksum: stored,
            terms: section(&ranges[TERMS]),
            suffixes: section(&ranges[SUFFIXES]),
            letters: section(&ranges[LETTERS]),
            ids: section(&ranges[IDS]),
            ids_of_texts: Mutex::default(),
            tails: fst::Set::new(section(&ranges[TAILS]))
                .map_err(|e| Error::corrupt(format!("tails dictionary: {e}")))?,
            postings: section(&ranges[POSTINGS]),
            related: section(&ranges[RELATED]),
            names: section(&ranges[NAMES]),
            addresses: section(&ranges[ADDRESSES]),
            positions: section(&ranges[POSITIONS]),
            blocks,
            docs,
            field_weights,
            heads,
            facets,
            reprints,
            texts: section(&ranges[TEXTS]),
            chunks,
            chunk_of_doc,
            alias_groups,
            alias_of,
            section_ranges: ranges,
        })
    }

    /// The byte size of each section, by name, in layout order.
    pub fn section_sizes(&self) -> Vec<(&'static str, usize)> {
        SECTION_NAMES
            .iter()
            .copied()
            .zip(self.section_ranges.iter().map(Range::len))
            .collect()
    }

    /// The alias groups mined from the archive.
    pub fn alias_groups(&self) -> &[Vec<String>] {
        &self.alias_groups
    }

    /// The checksum stored in the index's header: names this index (and its text chunks).
    pub fn checksum(&self) -> u64 {
        self.checksum
    }

    /// Number of articles.
    pub fn article_count(&self) -> usize {
        self.heads.count()
    }

    /// The article's date.
    pub(crate) fn date_of(&self, doc: DocId) -> Option<&str> {
        self.heads.date(doc)
    }

    /// The document of the article with id `id`; `None` also when the ids block it would
    /// be in is not here yet (see [`Index::find_id`], which tells the two apart).
    pub fn doc_by_id(&self, id: &str) -> Option<DocId> {
        self.find_id(id).ok().flatten()
    }

    /// The id of article `doc`, which comes with its text (`None` until a split index has
    /// its chunk: [`Index::missing_text`]).
    pub fn id(&self, doc: DocId) -> Option<&str> {
        self.article(doc).map(|a| a.id.as_str())
    }

    /// The particles and endings the archive's terms have after their stems.
    pub(crate) fn tails(&self) -> &fst::Set<Section<D>> {
        &self.tails
    }

    /// Each article's token counts, by document id.
    pub(crate) fn doc_stats(&self) -> &[DocStats] {
        &self.docs
    }

    /// Per article, what a term occurrence in its title and in its body weighs in BM25F.
    pub(crate) fn field_weights(&self) -> &[[f32; 2]] {
        &self.field_weights
    }

    /// The other spellings of `term` in its alias group.
    pub(crate) fn aliases_of(&self, term: &str) -> Vec<String> {
        match self.alias_of.get(term) {
            Some(&group) => self.alias_groups[group]
                .iter()
                .filter(|t| *t != term)
                .cloned()
                .collect(),
            None => Vec::new(),
        }
    }

    /// The facet columns: per article, its source and its month as indexes into
    /// [`source_names`](Self::source_names) and [`month_names`](Self::month_names)
    /// (`u32::MAX` when it has none).
    pub(crate) fn facet_columns(&self) -> (&[u32], &[u32]) {
        (&self.facets.sources_column, &self.facets.months_column)
    }

    /// The archive's sources, sorted.
    pub(crate) fn source_names(&self) -> &[String] {
        &self.facets.source_names
    }

    /// The outlets the sources are spellings of: their names and, per source (as in
    /// [`source_names`](Self::source_names)), its outlet's number and why it is under it.
    pub(crate) fn outlet_table(&self) -> &crate::outlets::OutletTable {
        &self.facets.outlets
    }

    /// How many outlets `docs` come from (articles without a source count as none).
    pub fn outlet_count(&self, docs: impl Iterator<Item = DocId>) -> usize {
        let of_spelling = &self.outlet_table().of_spelling;
        let mut outlets: Vec<u32> = docs
            .filter_map(|doc| {
                let source = *self.facets.sources_column.get(doc as usize)?;
                of_spelling.get(source as usize).map(|&(outlet, _)| outlet)
            })
            .collect();
        outlets.sort_unstable();
        outlets.dedup();
        outlets.len()
    }

    /// The archive's outlets, each with its spellings and why each is counted under it (see
    /// `outlets`), in name order.
    pub fn outlets(&self) -> Vec<crate::outlets::Outlet> {
        let table = self.outlet_table();
        let mut outlets: Vec<crate::outlets::Outlet> = table
            .names
            .iter()
            .map(|name| crate::outlets::Outlet {
                name: name.clone(),
                spellings: Vec::new(),
            })
            .collect();
        for (spelling, &(outlet, why)) in self.source_names().iter().zip(&table.of_spelling) {
            outlets[outlet as usize]
                .spellings
                .push((spelling.clone(), why));
        }
        outlets
    }

    /// The archive's months (`YYYY-MM`), sorted.
    pub(crate) fn month_names(&self) -> &[String] {
        &self.facets.month_names
    }

    /// The versions of the story article `doc` is one version of, its first version first;
    /// empty when it is the only one.
    pub fn reprints_of(&self, doc: DocId) -> &[DocId] {
        match self.reprints.group_of.get(doc as usize) {
            Some(&group) if group != u32::MAX => &self.reprints.groups[group as usize],
            _ => &[],
        }
    }

    /// The number of the reprint group of article `doc` (`None`: it has no other version).
    pub(crate) fn reprint_group(&self, doc: DocId) -> Option<u32> {
        self.reprints
            .group_of
            .get(doc as usize)
            .copied()
            .filter(|&g| g != u32::MAX)
    }

    /// Whether the archive has any reprints.
    pub fn has_reprints(&self) -> bool {
        !self.reprints.groups.is_empty()
    }

    /// The rank of article `doc`'s date among the archive's dates (1 = oldest; 0 = undated).
    pub(crate) fn date_rank(&self, doc: DocId) -> u32 {
        self.facets
            .date_ranks
            .get(doc as usize)
            .copied()
            .unwrap_or(0)
    }
}
