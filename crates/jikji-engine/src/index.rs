//! The index format, defined once: [`IndexBuilder`] writes it, [`Index`] reads it.
//!
//! # Byte layout (format version 5)
//!
//! All integers are little-endian. Offsets are from the start of the index.
//!
//! ```text
//! header    magic          8 bytes   b"JIKJIIDX"
//!           version        u32       FORMAT_VERSION
//!           section count  u32       SECTION_COUNT (10)
//!           checksum       u64       FNV-1a-64 (codec::checksum) of every byte after this field
//!           sections       10 × (offset u64, length u64), one per section in the order below
//!                          (the bodies follow the header texts first; a reader goes by the
//!                          offsets):
//! terms     fst::Map: term (folded token, UTF-8) → offset of its postings list in the low 40
//!           bits, the term's shape (see `shape`: its stem length, where its parts end) above
//! postings  per term:  varint doc_count, varint doc_block_len (bytes), then
//!                      the doc block, per document in increasing id order:
//!                        varint doc_id_delta << 3 | min(body_tf, 3) << 1 | (title_tf > 0),
//!                        varint body_tf - 3 (only when body_tf >= 3),
//!                        varint title_tf (only when title_tf > 0)
//!                      (one byte for most postings of common terms)
//!                      then the positions block, per document in the same order:
//!                        title_tf × varint position_delta, body_tf × varint position_delta
//!                      (positions are token indexes within the field; captions and the
//!                      source follow the body in the body field). Scoring reads only the
//!                      doc block; phrases and proximity read both.
//! docs      varint doc_count, then per document: varint title_tokens, varint body_tokens
//! articles  the articles' heads as a JSON array (`Vec<ArticleHead>`: everything but body and
//!           captions), in document id order
//! texts     the text chunks' bytes, one after the other; empty in a split index (below)
//! chunks    the text chunks' directory: varint chunk_count, then per chunk: varint doc_count,
//!           varint byte_len, u64 checksum (FNV-1a-64 of its bytes). Chunk k holds the texts of
//!           the doc_count documents after those of the chunks before it, as a JSON array of
//!           `ArticleText` (`{"body", "captions"}`); a chunk closes once it passes
//!           TEXT_CHUNK_BYTES
//! suffixes  fst::Map: `suffix \0 head` → the document count of the term `head + suffix` in
//!           the low 32 bits, and above them where the term's parts end counted from the
//!           suffix's start (bit k: after k characters; the term's end included), for every
//!           suffix of two or more characters that starts where a part of a Hangul or Han term
//!           starts (창업 inside 해외창업: key `창업\0해외`; no `비자\0소` for 소비자), except
//!           terms whose stem is another term (해외창업을): search reaches those as its forms
//! letters   fst::Map: packed letters → the term's document count, for Hangul terms; letters
//!           are jamo packed one byte each (see `jamo`), read back into the term by
//!           `jamo::compose`; serves typing (letter prefixes), initials and edit distance
//!           (The two auxiliary dictionaries hold document counts, not postings offsets:
//!           search ranks their matches by them and looks only the best up in `terms`. Small
//!           counts repeat, so these dictionaries are a third smaller than with offsets.)
//! aliases   the alias groups as a JSON array of arrays of terms (see `aliases`)
//! tails     fst::Set: the particles and endings the archive's Hangul terms end in after their
//!           stems (는, 에서, 했다, 입니다…), by which search finds the stem of a query word
//!           the archive does not have as written (화웨이는 → 화웨이)
//! ```
//!
//! [`Index::open`] checks magic, version, checksum and section bounds and decodes the small
//! per-document tables; dictionaries and postings are read in place (zero-copy). The heads'
//! JSON is only split into one slice per article on open, reading each one's id, source and
//! date (for the facet columns, which are derived rather than stored); a head is decoded the
//! first time it is asked for (a result shown), a text chunk the first time one of its
//! articles is (a snippet, the reader); both are then kept.
//!
//! # Split indexes
//!
//! [`split_texts`] cuts an index in two: the core (the same layout with an empty texts
//! section, checksummed anew) and the text chunks, each its own byte string. The browser app
//! embeds the core and fetches a chunk when one of its articles is shown, so what it
//! downloads first is the index without the archive's text. [`Index::add_texts`] gives an
//! open core a chunk; the chunk's checksum in the directory (under the core's checksum)
//! vouches for it.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use crate::aliases::AliasMiner;
use crate::article::{Article, ArticleHead, ArticleText, Caption};
use crate::codec::{checksum, varint_len, write_varint, Reader};
use crate::error::Error;
use crate::fxhash::FxMap;
use crate::jamo;
use crate::shape::{self, EveryCharacter, Segmenter, Shape};
use crate::tokenize::{for_each_token, normalize_in_place, script_of, Script};

/// The first bytes of every index.
pub const MAGIC: &[u8; 8] = b"JIKJIIDX";
/// Bumped whenever the byte layout changes; [`Index::open`] rejects other versions.
pub const FORMAT_VERSION: u32 = 5;
const SECTION_COUNT: usize = 10;
const SECTION_NAMES: [&str; SECTION_COUNT] = [
    "terms", "postings", "docs", "articles", "texts", "chunks", "suffixes", "letters", "aliases",
    "tails",
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
const CHECKSUM_OFFSET: usize = 16;
const HEADER_LEN: usize = 24 + SECTION_COUNT * 16;

/// Positions skipped between the parts of the body field (body, each caption, the source).
const PART_GAP: u32 = 16;

/// A text chunk closes once its JSON passes this many bytes. A result list of 20 shows texts
/// from up to 20 chunks (results are seldom neighbours), so smaller chunks download less text
/// that is not shown, but make more files and a longer directory (about 11 bytes a chunk).
/// At 4 KiB a chunk holds about two news articles (2–3 kB gzip): 25,000 files at 50,000
/// articles. Measured at 10,000 articles over the browser benchmark's session: 16 KiB chunks
/// downloaded 1.6–1.9 MB gzip of texts, 4 KiB chunks (see BENCHMARKS.md) less than half that.
pub const TEXT_CHUNK_BYTES: usize = 4 * 1024;

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
    /// Each distinct term once, with its id (the index into `postings`).
    term_ids: FxMap<String, u32>,
    /// Each term's postings, encoded as documents are added (documents come in id order).
    postings: Vec<TermPostings>,
}

/// One term's postings list being written: the doc block and the positions block of the
/// layout above, kept apart until `finish` joins them.
#[derive(Default)]
struct TermPostings {
    count: u32,
    last_doc: DocId,
    docs: Vec<u8>,
    positions: Vec<u8>,
}

impl TermPostings {
    /// Appends one document's occurrences: title positions, then body positions, each sorted.
    fn push(&mut self, doc: DocId, title: &[u32], body: &[u32]) {
        let (title_tf, body_tf) = (title.len() as u64, body.len() as u64);
        let delta = u64::from(doc - self.last_doc);
        self.last_doc = doc;
        self.count += 1;
        write_varint(
            &mut self.docs,
            delta << 3 | body_tf.min(3) << 1 | u64::from(title_tf > 0),
        );
        if body_tf >= 3 {
            write_varint(&mut self.docs, body_tf - 3);
        }
        if title_tf > 0 {
            write_varint(&mut self.docs, title_tf);
        }
        for field in [title, body] {
            let mut last = 0;
            for &p in field {
                write_varint(&mut self.positions, u64::from(p - last));
                last = p;
            }
        }
    }

    /// Bytes of this list in the postings section (counts, doc block, positions block).
    fn encoded_len(&self) -> usize {
        varint_len(u64::from(self.count))
            + varint_len(self.docs.len() as u64)
            + self.docs.len()
            + self.positions.len()
    }

    /// Appends the list `other` built over documents numbered from 0, whose ids here start at
    /// `first_doc`: only its first doc gap changes (it was counted from 0).
    fn append(&mut self, other: TermPostings, first_doc: DocId) {
        if other.count == 0 {
            return;
        }
        let mut reader = Reader::new(&other.docs);
        let head = reader.varint().expect("a list this builder wrote");
        let doc = (head >> 3) as DocId + first_doc;
        write_varint(
            &mut self.docs,
            u64::from(doc - self.last_doc) << 3 | head & 0b111,
        );
        self.docs
            .extend_from_slice(&other.docs[reader.position()..]);
        self.positions.extend_from_slice(&other.positions);
        self.count += other.count;
        self.last_doc = other.last_doc + first_doc;
    }
}

impl IndexBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an article; its text is stored in NFC so that offsets computed later match it.
    pub fn add(&mut self, mut article: Article) {
        normalize_in_place(&mut article.title);
        normalize_in_place(&mut article.body);
        for caption in &mut article.captions {
            normalize_in_place(&mut caption.text);
        }
        if let Some(source) = &mut article.source {
            normalize_in_place(source);
        }
        let doc = self.articles.len() as DocId;
        let mut stats = DocStats::default();
        // Captions and the source are searchable as part of the body field, after the body's
        // positions (so 베이징상보 finds the articles it is credited with).
        let title = [article.title.as_str()];
        let body: Vec<&str> = std::iter::once(article.body.as_str())
            .chain(article.captions.iter().map(|c| c.text.as_str()))
            .chain(article.source.as_deref())
            .collect();
        // (term id, is body, position) of every token; terms are interned once for the whole
        // build, so a document allocates only for words never seen before.
        let mut occurrences: Vec<(u32, bool, u32)> = Vec::new();
        for (is_body, texts) in [(false, &title[..]), (true, &body[..])] {
            let mut position = 0u32;
            for (part, text) in texts.iter().enumerate() {
                // A gap between body, captions and source, so no phrase spans two of them.
                if part > 0 {
                    position += PART_GAP;
                }
                for_each_token(text, |token| {
                    let id = match self.term_ids.get(token.text.as_str()) {
                        Some(&id) => id,
                        None => self.term_id(token.text.clone()),
                    };
                    occurrences.push((id, is_body, position));
                    position += 1;
                });
            }
            if is_body {
                stats.body_tokens = position;
            } else {
                stats.title_tokens = position;
            }
        }
        occurrences.sort_unstable();
        let mut rest = &occurrences[..];
        let mut title_positions = Vec::new();
        let mut body_positions = Vec::new();
        while let Some(&(id, _, _)) = rest.first() {
            let n = rest.iter().take_while(|o| o.0 == id).count();
            title_positions.clear();
            body_positions.clear();
            for &(_, is_body, position) in &rest[..n] {
                if is_body {
                    body_positions.push(position)
                } else {
                    title_positions.push(position)
                }
            }
            self.postings[id as usize].push(doc, &title_positions, &body_positions);
            rest = &rest[n..];
        }
        for text in title.iter().chain(&body) {
            self.aliases.add_text(text);
        }
        self.docs.push(stats);
        self.articles.push(article);
    }

    /// A builder holding `articles`, added on every core there is: each thread indexes a run of
    /// consecutive articles, then the runs are joined in order. The index is byte for byte the
    /// one `add` would build article by article.
    pub fn from_articles(articles: Vec<Article>) -> Self {
        Self::from_runs(split_into_runs(articles))
    }

    /// A builder holding each run of articles in turn, the runs indexed side by side.
    fn from_runs(runs: Vec<Vec<Article>>) -> Self {
        let mut builders = map_in_parallel(runs, |run| {
            let mut builder = IndexBuilder::new();
            for article in run {
                builder.add(article);
            }
            builder
        })
        .into_iter();
        let mut first = builders.next().unwrap_or_default();
        for next in builders {
            first.append(next);
        }
        first
    }

    /// Adds the documents of `other` after this builder's, as if they had been added here.
    fn append(&mut self, other: IndexBuilder) {
        let first_doc = self.articles.len() as DocId;
        let mut lists = other.postings;
        for (term, id) in other.term_ids {
            let list = std::mem::take(&mut lists[id as usize]);
            let here = self.term_id(term);
            self.postings[here as usize].append(list, first_doc);
        }
        self.docs.extend(other.docs);
        self.articles.extend(other.articles);
        self.aliases.append(other.aliases);
    }

    /// The id of `term`, interned on first sight.
    fn term_id(&mut self, term: String) -> u32 {
        match self.term_ids.get(term.as_str()) {
            Some(&id) => id,
            None => {
                let id = self.postings.len() as u32;
                self.term_ids.insert(term, id);
                self.postings.push(TermPostings::default());
                id
            }
        }
    }

    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// Writes the index, every substring of a term a part of it (no lexicon; see
    /// [`finish_with`](Self::finish_with)).
    pub fn finish(self) -> Vec<u8> {
        self.finish_with(&EveryCharacter)
    }

    /// Writes the index, the shape of each Hangul term found by `segmenter` (where its parts
    /// are, what its stem is: see `shape`).
    pub fn finish_with(self, segmenter: &dyn Segmenter) -> Vec<u8> {
        let IndexBuilder {
            aliases,
            articles,
            docs,
            term_ids,
            postings: mut lists,
        } = self;
        let mut terms: Vec<(String, u32)> = term_ids.into_iter().collect();
        terms.sort_unstable();
        let shapes = term_shapes(&terms, segmenter);
        let tails = tail_set(&terms, &shapes);
        // Where each term's postings list will start, known before any list is written, so the
        // suffixes dictionary (the longest part: millions of keys to sort) is built on its own
        // thread while the other sections are written.
        let mut offsets = Vec::with_capacity(terms.len());
        let mut doc_counts = Vec::with_capacity(terms.len());
        let mut postings_len = 0;
        for (_, id) in &terms {
            offsets.push(postings_len as u64);
            doc_counts.push(u64::from(lists[*id as usize].count));
            postings_len += lists[*id as usize].encoded_len();
        }
        let mut ranges: [Range<usize>; SECTION_COUNT] = Default::default();
        let (suffixes, (letters, mut out)) = in_parallel(
            || suffix_dictionary(&terms, &shapes, &doc_counts),
            || {
                let dictionary = term_dictionary(&terms, &shapes, &offsets);
                let letters = letter_dictionary(&terms, &doc_counts);
                // The index is put together in the buffer of its largest section, the
                // texts, after room for the header, so that section is never copied.
                let mut out = vec![0; HEADER_LEN];
                let chunks = write_text_chunks(&articles, &mut out);
                ranges[TEXTS] = HEADER_LEN..out.len();
                let heads: Vec<ArticleHead> = articles.iter().map(Article::head).collect();
                let heads = serde_json::to_vec(&heads).expect("heads serialize to JSON");
                ranges[HEADS] = append_section(&mut out, &heads);
                ranges[CHUNKS] = append_section(&mut out, &chunks);
                ranges[TERMS] = append_section(&mut out, &dictionary);
                out.reserve(postings_len);
                let start = out.len();
                for (_, id) in &terms {
                    let list = std::mem::take(&mut lists[*id as usize]);
                    write_varint(&mut out, u64::from(list.count));
                    write_varint(&mut out, list.docs.len() as u64);
                    out.extend_from_slice(&list.docs);
                    out.extend_from_slice(&list.positions);
                }
                ranges[POSTINGS] = start..out.len();
                debug_assert_eq!(ranges[POSTINGS].len(), postings_len);
                (letters, out)
            },
        );
        let mut doc_table = Vec::new();
        write_varint(&mut doc_table, docs.len() as u64);
        for d in &docs {
            write_varint(&mut doc_table, u64::from(d.title_tokens));
            write_varint(&mut doc_table, u64::from(d.body_tokens));
        }
        let aliases = serde_json::to_vec(&aliases.groups()).expect("aliases serialize to JSON");
        ranges[DOCS] = append_section(&mut out, &doc_table);
        ranges[SUFFIXES] = append_section(&mut out, &suffixes);
        ranges[LETTERS] = append_section(&mut out, &letters);
        ranges[ALIASES] = append_section(&mut out, &aliases);
        ranges[TAILS] = append_section(&mut out, &tails);
        write_header(&mut out, &ranges);
        out
    }
}

/// Fills in the header at the start of `out` (room for it left empty) for sections at `ranges`,
/// with the checksum of everything after it.
fn write_header(out: &mut [u8], ranges: &[Range<usize>; SECTION_COUNT]) {
    let mut header = Vec::with_capacity(HEADER_LEN);
    header.extend_from_slice(MAGIC);
    header.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    header.extend_from_slice(&(SECTION_COUNT as u32).to_le_bytes());
    header.extend_from_slice(&0u64.to_le_bytes()); // checksum, filled in below
    for range in ranges {
        header.extend_from_slice(&(range.start as u64).to_le_bytes());
        header.extend_from_slice(&(range.len() as u64).to_le_bytes());
    }
    out[..HEADER_LEN].copy_from_slice(&header);
    let sum = checksum(&out[CHECKSUM_OFFSET + 8..]);
    out[CHECKSUM_OFFSET..CHECKSUM_OFFSET + 8].copy_from_slice(&sum.to_le_bytes());
}

/// Writes the articles' texts to `out` in chunks (JSON arrays of `ArticleText`, each closed
/// once it passes `TEXT_CHUNK_BYTES`) and returns the chunks' directory.
fn write_text_chunks(articles: &[Article], out: &mut Vec<u8>) -> Vec<u8> {
    /// How an article's text is written: as `ArticleText`, borrowed.
    #[derive(serde::Serialize)]
    struct TextRef<'a> {
        body: &'a str,
        #[serde(skip_serializing_if = "<[Caption]>::is_empty")]
        captions: &'a [Caption],
    }
    let mut chunks: Vec<(u32, usize, u64)> = Vec::new();
    let (mut start, mut docs) = (out.len(), 0u32);
    for (i, article) in articles.iter().enumerate() {
        out.push(if docs == 0 { b'[' } else { b',' });
        serde_json::to_writer(
            &mut *out,
            &TextRef {
                body: &article.body,
                captions: &article.captions,
            },
        )
        .expect("texts serialize to JSON");
        docs += 1;
        if out.len() - start >= TEXT_CHUNK_BYTES || i + 1 == articles.len() {
            out.push(b']');
            chunks.push((docs, out.len() - start, checksum(&out[start..])));
            (start, docs) = (out.len(), 0);
        }
    }
    let mut directory = Vec::new();
    write_varint(&mut directory, chunks.len() as u64);
    for (docs, len, sum) in chunks {
        write_varint(&mut directory, u64::from(docs));
        write_varint(&mut directory, len as u64);
        directory.extend_from_slice(&sum.to_le_bytes());
    }
    directory
}

/// The checksum an index's header stores: it names the index (and, for a core, the text
/// chunks that belong to it). `None` when the bytes do not start with an index header.
pub fn stored_checksum(bytes: &[u8]) -> Option<u64> {
    if bytes.get(..MAGIC.len())? != MAGIC {
        return None;
    }
    Some(u64::from_le_bytes(
        bytes
            .get(CHECKSUM_OFFSET..CHECKSUM_OFFSET + 8)?
            .try_into()
            .ok()?,
    ))
}

/// Where a valid index of this format lies inside `bytes` (for example the data of a wasm
/// module that embeds it), if one does.
pub fn find_embedded(bytes: &[u8]) -> Option<Range<usize>> {
    let mut signature = MAGIC.to_vec();
    signature.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    signature.extend_from_slice(&(SECTION_COUNT as u32).to_le_bytes());
    let mut from = 0;
    while let Some(at) = bytes
        .get(from..)?
        .windows(signature.len())
        .position(|w| w == signature)
    {
        let start = from + at;
        let mut header = Reader::at(bytes, start + CHECKSUM_OFFSET + 8).ok()?;
        let mut end = start + HEADER_LEN;
        for _ in 0..SECTION_COUNT {
            let (offset, len) = (header.u64_le().ok()?, header.u64_le().ok()?);
            end = end.max(start.saturating_add(offset.saturating_add(len) as usize));
        }
        if end <= bytes.len() && Index::open(&bytes[start..end]).is_ok() {
            return Some(start..end);
        }
        from = start + 1;
    }
    None
}

/// One chunk of article texts (see the layout).
struct TextChunk {
    first_doc: DocId,
    docs: u32,
    len: usize,
    checksum: u64,
    /// Where its bytes are in the texts section; `None` in a split index, whose chunks are
    /// given by `Index::add_texts`.
    inline: Option<Range<usize>>,
    /// Its articles (heads joined with texts), decoded on first use; `None` if its bytes,
    /// though checksummed, are not the texts of its documents.
    articles: std::sync::OnceLock<Option<Vec<Article>>>,
}

/// Reads the chunks' directory of an index with `docs` documents and a texts section of
/// `texts_len` bytes (0 when the index is split).
fn read_chunks(bytes: &[u8], docs: usize, texts_len: usize) -> Result<Vec<TextChunk>, Error> {
    let mut r = Reader::new(bytes);
    let count = r.varint_u32()? as usize;
    // Each entry takes at least ten bytes; a larger count is a lie told by damaged bytes.
    if count > bytes.len() / 10 {
        return Err(Error::corrupt(
            "text chunk count exceeds the directory's size",
        ));
    }
    let mut chunks = Vec::with_capacity(count);
    let (mut first_doc, mut offset) = (0usize, 0usize);
    for _ in 0..count {
        let chunk_docs = r.varint_u32()?;
        let len = usize::try_from(r.varint()?)
            .map_err(|_| Error::corrupt("text chunk length overflow"))?;
        let sum = r.u64_le()?;
        // (first_doc <= docs holds here, so the subtraction cannot wrap.)
        if chunk_docs == 0 || chunk_docs as usize > docs - first_doc {
            return Err(Error::corrupt("text chunks do not match the documents"));
        }
        let end = offset
            .checked_add(len)
            .ok_or_else(|| Error::corrupt("text chunk length overflow"))?;
        chunks.push(TextChunk {
            first_doc: first_doc as DocId,
            docs: chunk_docs,
            len,
            checksum: sum,
            inline: Some(offset..end),
            articles: std::sync::OnceLock::new(),
        });
        first_doc += chunk_docs as usize;
        offset = end;
    }
    if first_doc != docs {
        return Err(Error::corrupt(format!(
            "text chunks hold {first_doc} of {docs} documents"
        )));
    }
    match texts_len {
        n if n == offset => {}
        0 => chunks.iter_mut().for_each(|c| c.inline = None),
        n => {
            return Err(Error::corrupt(format!(
                "texts section of {n} bytes, its chunks hold {offset}"
            )))
        }
    }
    Ok(chunks)
}

/// An index cut in two by [`split_texts`].
pub struct SplitIndex {
    /// The index without its texts: opens with [`Index::open`]; its articles' texts arrive by
    /// [`Index::add_texts`].
    pub core: Vec<u8>,
    /// The text chunks, by chunk number.
    pub chunks: Vec<Vec<u8>>,
}

/// Cuts a whole index into its core and its text chunks (see "Split indexes" above).
pub fn split_texts(bytes: &[u8]) -> Result<SplitIndex, Error> {
    let index = Index::open(bytes)?;
    let texts = &bytes[index.section_ranges[TEXTS].clone()];
    let chunks = index
        .chunks
        .iter()
        .map(|c| c.inline.clone().map(|range| texts[range].to_vec()))
        .collect::<Option<Vec<Vec<u8>>>>()
        .ok_or_else(|| Error::corrupt("the index is split already"))?;
    let mut core = vec![0; HEADER_LEN];
    let mut ranges: [Range<usize>; SECTION_COUNT] = Default::default();
    for (i, range) in index.section_ranges.iter().enumerate() {
        ranges[i] = if i == TEXTS {
            core.len()..core.len()
        } else {
            append_section(&mut core, &bytes[range.clone()])
        };
    }
    write_header(&mut core, &ranges);
    Ok(SplitIndex { core, chunks })
}

/// Appends a section's bytes and returns where they are.
fn append_section(out: &mut Vec<u8>, bytes: &[u8]) -> Range<usize> {
    let start = out.len();
    out.extend_from_slice(bytes);
    start..out.len()
}

/// Runs `a` and `b` on two threads (natively; one after the other where there are no threads,
/// as in the browser, which never builds an index).
fn in_parallel<A: Send, B: Send>(
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::thread::scope(|scope| {
            let a = scope.spawn(a);
            let b = b();
            (
                a.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                b,
            )
        })
    }
    #[cfg(target_arch = "wasm32")]
    {
        (a(), b())
    }
}

/// Articles in at most one run per core (one run where there are no threads, or few articles).
fn split_into_runs(mut articles: Vec<Article>) -> Vec<Vec<Article>> {
    const MIN_RUN: usize = 1_000;
    let run_len = articles.len().div_ceil(available_threads()).max(MIN_RUN);
    let mut runs = Vec::new();
    while articles.len() > run_len {
        let rest = articles.split_off(run_len);
        runs.push(std::mem::replace(&mut articles, rest));
    }
    runs.push(articles);
    runs
}

/// Threads worth running side by side: the cores (at most 8), one in the browser.
fn available_threads() -> usize {
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8)
    }
    #[cfg(target_arch = "wasm32")]
    {
        1
    }
}

/// `f` of each item, each on its own thread (natively; in turn in the browser), in order.
fn map_in_parallel<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let f = &f;
        std::thread::scope(|scope| {
            let threads: Vec<_> = items
                .into_iter()
                .map(|item| scope.spawn(move || f(item)))
                .collect();
            threads
                .into_iter()
                .map(|t| {
                    t.join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect()
        })
    }
    #[cfg(target_arch = "wasm32")]
    {
        items.into_iter().map(f).collect()
    }
}

/// Each term's shape (in `terms` order): Hangul terms as `segmenter` divides them, the others
/// with every character boundary a part boundary (Han compounds are found inside Han terms by
/// any substring, as Han writes words without spaces; Latin words and numbers only match
/// whole or as prefixes being typed).
fn term_shapes(terms: &[(String, u32)], segmenter: &dyn Segmenter) -> Vec<Shape> {
    let chunks: Vec<&[(String, u32)]> = terms
        .chunks(terms.len().div_ceil(available_threads()).max(1))
        .collect();
    map_in_parallel(chunks, |chunk| {
        chunk
            .iter()
            .map(|(term, _)| {
                let chars = term.chars().count();
                match term.chars().next().and_then(script_of) {
                    Some(Script::Hangul) => segmenter.shape(term),
                    _ => Shape::every_character(chars),
                }
            })
            .collect::<Vec<Shape>>()
    })
    .into_iter()
    .flatten()
    .collect()
}

/// The tails section: every particle or ending a Hangul term has after its stem.
fn tail_set(terms: &[(String, u32)], shapes: &[Shape]) -> Vec<u8> {
    let mut tails: Vec<&str> = terms
        .iter()
        .zip(shapes)
        .filter_map(|((term, _), shape)| {
            let at = term.char_indices().nth(shape.stem_chars)?.0;
            Some(&term[at..])
        })
        .collect();
    tails.sort_unstable();
    tails.dedup();
    let mut builder = fst::SetBuilder::memory();
    builder
        .extend_iter(tails)
        .expect("tails are sorted and unique");
    builder.into_inner().expect("writing to memory cannot fail")
}

/// The terms dictionary: each term → the offset of its postings list and its shape.
fn term_dictionary(terms: &[(String, u32)], shapes: &[Shape], offsets: &[u64]) -> Vec<u8> {
    let mut builder = fst::MapBuilder::memory();
    for (((term, _), &offset), shape) in terms.iter().zip(offsets).zip(shapes) {
        builder
            .insert(term, shape::pack(offset, *shape, term.chars().count()))
            .expect("terms are sorted and unique");
    }
    builder.into_inner().expect("writing to memory cannot fail")
}

/// The suffixes dictionary: for each Hangul or Han term whose stem is not another term, each
/// suffix of at least two characters that starts where one of its parts starts (after its
/// first character), as `suffix \0 head` → the term's document count and where its parts end
/// from there.
fn suffix_dictionary(terms: &[(String, u32)], shapes: &[Shape], doc_counts: &[u64]) -> Vec<u8> {
    let known: crate::fxhash::FxSet<&str> = terms.iter().map(|(t, _)| t.as_str()).collect();
    let mut keys = Vec::new();
    for (((term, _), &count), shape) in terms.iter().zip(doc_counts).zip(shapes) {
        let script = term.chars().next().and_then(script_of);
        if !matches!(script, Some(Script::Hangul | Script::Han)) {
            continue;
        }
        let starts: Vec<usize> = term.char_indices().map(|(i, _)| i).collect();
        let chars = starts.len();
        // A particle or ending form of another term (해외창업을 of 해외창업) is reached from
        // that term's own entries.
        if shape.stem_chars < chars && known.contains(&term[..starts[shape.stem_chars]]) {
            continue;
        }
        for (k, &start) in starts
            .iter()
            .enumerate()
            .skip(1)
            .take(chars.saturating_sub(2))
        {
            if !shape.ends_part_at(k, chars) {
                continue;
            }
            // Where parts end, counted from this start; the term's end is one.
            let ends = (shape.boundaries >> k) as u64 | 1 << (chars - k);
            keys.push((
                [term[start..].as_bytes(), &[0], term[..start].as_bytes()].concat(),
                count | ends << 32,
            ));
        }
    }
    fst_of(keys)
}

/// The letters dictionary: each Hangul term's packed letters → its document count, for the
/// terms the letters read back into exactly (nearly all).
fn letter_dictionary(terms: &[(String, u32)], doc_counts: &[u64]) -> Vec<u8> {
    let keys = terms
        .iter()
        .zip(doc_counts)
        .filter_map(|((term, _), &count)| {
            jamo::letters(term)
                .filter(|p| jamo::compose(p) == *term)
                .map(|p| (p, count))
        })
        .collect();
    fst_of(keys)
}

/// An `fst::Map` of (key, value) pairs in any order.
fn fst_of(mut entries: Vec<(Vec<u8>, u64)>) -> Vec<u8> {
    entries.sort_unstable();
    entries.dedup_by(|a, b| a.0 == b.0);
    let mut builder = fst::MapBuilder::memory();
    for (key, value) in entries {
        builder
            .insert(key, value)
            .expect("keys are sorted and unique");
    }
    builder.into_inner().expect("writing to memory cannot fail")
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

/// An open index: dictionaries and postings read in place, small tables decoded, heads decoded
/// one by one and texts a chunk at a time, on first use.
pub struct Index<D> {
    pub(crate) terms: fst::Map<Section<D>>,
    pub(crate) suffixes: fst::Map<Section<D>>,
    pub(crate) letters: fst::Map<Section<D>>,
    /// The particles and endings the archive's terms have after their stems.
    pub(crate) tails: fst::Set<Section<D>>,
    postings: Section<D>,
    pub(crate) docs: Vec<DocStats>,
    /// Per article, what a term occurrence in its title and in its body weighs in BM25F (see
    /// `search::field_weights`), worked out once on open.
    pub(crate) field_weights: Vec<[f32; 2]>,
    /// Each article's head: its JSON within the heads section, decoded on first use.
    heads_json: Section<D>,
    head_spans: Vec<Range<usize>>,
    heads: Vec<std::sync::OnceLock<Option<ArticleHead>>>,
    /// Per article, its date (for date filters and ordering, without decoding its head).
    dates: Vec<Option<Box<str>>>,
    /// The texts section and its chunks, in document order; per document, its chunk.
    texts: Section<D>,
    chunks: Vec<TextChunk>,
    chunk_of_doc: Vec<u32>,
    by_id: HashMap<String, DocId>,
    pub(crate) alias_groups: Vec<Vec<String>>,
    pub(crate) alias_of: HashMap<String, usize>,
    /// Facet columns, per article: its source and month (`YYYY-MM`) as indexes into
    /// `source_names` and `month_names`, `u32::MAX` when unknown.
    pub(crate) sources_column: Vec<u32>,
    pub(crate) months_column: Vec<u32>,
    pub(crate) source_names: Vec<String>,
    pub(crate) month_names: Vec<String>,
    /// Per article, its date's rank among the archive's dates (1 = oldest; 0 = undated), so
    /// ordering compares integers, not strings.
    pub(crate) date_ranks: Vec<u32>,
    /// Where each section is, in layout order.
    section_ranges: [Range<usize>; SECTION_COUNT],
    /// The checksum in the header (of the index as opened, before any texts were added).
    checksum: u64,
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
            return Err(Error::Version {
                expected: FORMAT_VERSION,
                got: version,
            });
        }
        let section_count = header.u32_le()? as usize;
        if section_count != SECTION_COUNT {
            return Err(Error::corrupt(format!(
                "{section_count} sections, expected {SECTION_COUNT}"
            )));
        }
        let stored = header.u64_le()?;
        if bytes.len() < HEADER_LEN {
            return Err(Error::corrupt("truncated header"));
        }
        let computed = checksum(&bytes[CHECKSUM_OFFSET + 8..]);
        if stored != computed {
            return Err(Error::Checksum {
                expected: stored,
                got: computed,
            });
        }
        let mut ranges = Vec::with_capacity(SECTION_COUNT);
        for name in SECTION_NAMES {
            let offset = header.u64_le()?;
            let len = header.u64_le()?;
            let end = offset
                .checked_add(len)
                .filter(|&end| end <= bytes.len() as u64);
            match end {
                Some(end) if offset >= HEADER_LEN as u64 => {
                    ranges.push(offset as usize..end as usize)
                }
                _ => return Err(Error::corrupt(format!("{name} section out of bounds"))),
            }
        }

        let docs = read_docs(&bytes[ranges[DOCS].clone()])?;
        let json = &bytes[ranges[HEADS].clone()];
        let raw: Vec<&serde_json::value::RawValue> =
            serde_json::from_slice(json).map_err(|e| Error::corrupt(format!("articles: {e}")))?;
        if raw.len() != docs.len() {
            return Err(Error::corrupt(format!(
                "{} articles but {} document entries",
                raw.len(),
                docs.len()
            )));
        }
        let mut metas = Vec::with_capacity(raw.len());
        let mut head_spans = Vec::with_capacity(raw.len());
        for head in &raw {
            let meta: HeadMeta = serde_json::from_str(head.get())
                .map_err(|e| Error::corrupt(format!("article: {e}")))?;
            let start = head.get().as_ptr() as usize - json.as_ptr() as usize;
            head_spans.push(start..start + head.get().len());
            metas.push(meta);
        }
        let chunks = read_chunks(
            &bytes[ranges[CHUNKS].clone()],
            docs.len(),
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
        let by_id = metas
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.to_string(), i as DocId))
            .collect();
        let (sources_column, source_names) = column(metas.iter().map(|a| a.source.as_deref()));
        let (months_column, month_names) = column(
            metas
                .iter()
                .map(|a| a.date.as_deref().and_then(|d| d.get(..7))),
        );
        let date_ranks = column(metas.iter().map(|a| a.date.as_deref()))
            .0
            .into_iter()
            .map(|i| i.wrapping_add(1))
            .collect();
        let dates = metas
            .iter()
            .map(|a| a.date.as_deref().map(Box::from))
            .collect();
        let heads = (0..metas.len())
            .map(|_| std::sync::OnceLock::new())
            .collect();
        drop(metas);
        drop(raw);
        let field_weights = crate::search::field_weights(&docs);
        let section_ranges: [Range<usize>; SECTION_COUNT] =
            std::array::from_fn(|i| ranges[i].clone());

        let data = Arc::new(data);
        let section = |range: &Range<usize>| Section {
            data: Arc::clone(&data),
            range: range.clone(),
        };
        let map = |i: usize| {
            fst::Map::new(section(&ranges[i]))
                .map_err(|e| Error::corrupt(format!("{} dictionary: {e}", SECTION_NAMES[i])))
        };
        Ok(Index {
            checksum: stored,
            terms: map(TERMS)?,
            suffixes: map(SUFFIXES)?,
            letters: map(LETTERS)?,
            tails: fst::Set::new(section(&ranges[TAILS]))
                .map_err(|e| Error::corrupt(format!("tails dictionary: {e}")))?,
            postings: section(&ranges[POSTINGS]),
            docs,
            field_weights,
            heads_json: section(&ranges[HEADS]),
            head_spans,
            heads,
            dates,
            texts: section(&ranges[TEXTS]),
            chunks,
            chunk_of_doc,
            by_id,
            alias_groups,
            alias_of,
            sources_column,
            months_column,
            source_names,
            month_names,
            date_ranks,
            section_ranges,
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
        self.head_spans.len()
    }

    /// Every article whose text is here, in document order (each chunk decoded on first use).
    pub fn articles(&self) -> impl Iterator<Item = &Article> + '_ {
        (0..self.article_count() as DocId).filter_map(|doc| self.article(doc))
    }

    /// The head of article `doc` (all but its text): always at hand, decoded the first time it
    /// is asked for. `None` for an unknown document (or, were the writer wrong, JSON the
    /// checksum vouched for but that is not a head).
    pub fn head(&self, doc: DocId) -> Option<&ArticleHead> {
        let span = self.head_spans.get(doc as usize)?.clone();
        self.heads[doc as usize]
            .get_or_init(|| {
                self.heads_json
                    .as_ref()
                    .get(span)
                    .and_then(|json| serde_json::from_slice(json).ok())
            })
            .as_ref()
    }

    /// The whole article `doc`, its chunk decoded the first time it is asked for. `None` for an
    /// unknown document, for one whose text has not been given to a split index yet (see
    /// [`Index::missing_text`]), or, were the writer wrong, a chunk the checksum vouched for
    /// but that is not its documents' texts.
    pub fn article(&self, doc: DocId) -> Option<&Article> {
        let chunk = &self.chunks[self.chunk_of(doc)?];
        let articles = match &chunk.inline {
            Some(range) => chunk
                .articles
                .get_or_init(|| self.decode_chunk(chunk, self.texts.as_ref().get(range.clone())?)),
            None => chunk.articles.get()?,
        };
        articles.as_ref()?.get((doc - chunk.first_doc) as usize)
    }

    /// The text chunk to give [`Index::add_texts`] before article `doc` can be read whole;
    /// `None` when its text is here (always, unless the index is split).
    pub fn missing_text(&self, doc: DocId) -> Option<usize> {
        let number = self.chunk_of(doc)?;
        (!self.has_texts(number)).then_some(number)
    }

    /// Number of text chunks.
    pub fn text_chunk_count(&self) -> usize {
        self.chunks.len()
    }

    /// Whether the texts of chunk `number` are here (always, unless the index is split).
    pub fn has_texts(&self, number: usize) -> bool {
        self.chunks
            .get(number)
            .is_some_and(|c| c.inline.is_some() || c.articles.get().is_some())
    }

    /// Gives a split index the text chunk `number` (the bytes [`split_texts`] made of it). The
    /// bytes must match the chunk's length and checksum in the directory. Giving a chunk that
    /// is already here does nothing.
    pub fn add_texts(&self, number: usize, bytes: &[u8]) -> Result<(), Error> {
        self.check_texts(number, bytes)?;
        if self.has_texts(number) {
            return Ok(());
        }
        let chunk = &self.chunks[number];
        let articles = self.decode_chunk(chunk, bytes);
        if articles.is_none() {
            return Err(Error::corrupt(format!(
                "text chunk {number} does not hold its articles' texts"
            )));
        }
        let _ = chunk.articles.set(articles);
        Ok(())
    }

    /// Checks that `bytes` are text chunk `number` as the directory lists it (length and
    /// checksum), without decoding them.
    pub fn check_texts(&self, number: usize, bytes: &[u8]) -> Result<(), Error> {
        let chunk = self
            .chunks
            .get(number)
            .ok_or_else(|| Error::corrupt(format!("no text chunk {number}")))?;
        if bytes.len() != chunk.len {
            return Err(Error::corrupt(format!(
                "text chunk {number}: {} bytes, expected {}",
                bytes.len(),
                chunk.len
            )));
        }
        let got = checksum(bytes);
        if got != chunk.checksum {
            return Err(Error::Checksum {
                expected: chunk.checksum,
                got,
            });
        }
        Ok(())
    }

    /// The chunk holding article `doc`'s text.
    fn chunk_of(&self, doc: DocId) -> Option<usize> {
        self.chunk_of_doc
            .get(doc as usize)
            .map(|&chunk| chunk as usize)
    }

    /// The articles of `chunk`, its texts read from `bytes` and joined with their heads.
    fn decode_chunk(&self, chunk: &TextChunk, bytes: &[u8]) -> Option<Vec<Article>> {
        let texts: Vec<ArticleText> = serde_json::from_slice(bytes).ok()?;
        let first = chunk.first_doc as usize;
        let docs = first as DocId..(first + chunk.docs as usize) as DocId;
        let heads: Option<Vec<ArticleHead>> = docs.map(|doc| self.head(doc).cloned()).collect();
        let heads = heads?;
        (texts.len() == heads.len()).then(|| {
            heads
                .into_iter()
                .zip(texts)
                .map(|(head, text)| Article::from_parts(head, text))
                .collect()
        })
    }

    /// The article's date.
    pub(crate) fn date_of(&self, doc: DocId) -> Option<&str> {
        self.dates.get(doc as usize)?.as_deref()
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
            self.read_postings(offset, Positions::All, |p| {
                list.push(Posting {
                    doc: p.doc,
                    title_positions: p.title_positions.to_vec(),
                    body_positions: p.body_positions.to_vec(),
                })
            })?;
        }
        Ok(list)
    }

    /// Number of documents in the postings list at `offset` (a value of the term dictionary:
    /// its shape bits are ignored; 0 if unreadable).
    pub(crate) fn doc_frequency(&self, offset: u64) -> usize {
        Reader::at(
            self.postings.as_ref(),
            usize::try_from(offset & shape::OFFSET_MASK).unwrap_or(usize::MAX),
        )
        .and_then(|mut r| r.varint_u32())
        .map_or(0, |n| n as usize)
    }

    /// Decodes the postings list at `offset` (a value of the term dictionary), calling `visit`
    /// for each posting in document order. Returns the number of documents in the list.
    pub(crate) fn read_postings(
        &self,
        offset: u64,
        wanted: Positions<'_>,
        mut visit: impl FnMut(PostingRef<'_>),
    ) -> Result<usize, Error> {
        let (count, mut doc_block, positions_at) = self.postings_list(offset)?;
        let docs = self.docs.len();
        let mut positions = Reader::at(self.postings.as_ref(), positions_at)?;
        let mut doc = 0;
        let (mut title_positions, mut body_positions) = (Vec::new(), Vec::new());
        // Positions of documents not asked for, skipped in one go before the next ones read.
        let mut unread = 0usize;
        for _ in 0..count {
            let (title_tf, body_tf);
            (doc, title_tf, body_tf) = Self::next_posting(&mut doc_block, doc, docs)?;
            match wanted {
                Positions::Only(docs) if !docs.contains(doc) => {
                    unread += title_tf as usize + body_tf as usize;
                    title_positions.clear();
                    body_positions.clear();
                }
                Positions::All | Positions::Only(_) => {
                    positions.skip_varints(std::mem::take(&mut unread))?;
                    read_positions(&mut positions, title_tf, &mut title_positions)?;
                    read_positions(&mut positions, body_tf, &mut body_positions)?;
                }
            }
            visit(PostingRef {
                doc,
                title_positions: &title_positions,
                body_positions: &body_positions,
            });
        }
        Ok(count)
    }

    /// [`Index::read_postings`] without positions, for scoring: `visit(doc, title_tf,
    /// body_tf)` for each posting.
    pub(crate) fn read_doc_freqs(
        &self,
        offset: u64,
        mut visit: impl FnMut(DocId, u32, u32),
    ) -> Result<usize, Error> {
        let (count, mut doc_block, _) = self.postings_list(offset)?;
        let docs = self.docs.len();
        let mut doc = 0;
        for _ in 0..count {
            let (title_tf, body_tf);
            (doc, title_tf, body_tf) = Self::next_posting(&mut doc_block, doc, docs)?;
            visit(doc, title_tf, body_tf);
        }
        Ok(count)
    }

    /// The postings list at `offset`: its document count, a reader over its doc block, and
    /// where its positions block starts.
    fn postings_list(&self, offset: u64) -> Result<(usize, Reader<'_>, usize), Error> {
        let bytes = self.postings.as_ref();
        let mut r = Reader::at(
            bytes,
            usize::try_from(offset & shape::OFFSET_MASK).unwrap_or(usize::MAX),
        )?;
        let count = r.varint_u32()? as usize;
        let doc_block_len = r.varint_u32()? as usize;
        let start = r.position();
        let end = start.checked_add(doc_block_len).unwrap_or(usize::MAX);
        let block = bytes
            .get(start..end)
            .ok_or_else(|| Error::corrupt("postings block beyond the section"))?;
        Ok((count, Reader::new(block), end))
    }

    /// The posting after the one of `doc` in a doc block: its document, title and body term
    /// frequencies (`delta << 3 | min(tf, 3) << 1 | in title`, then the rest of tf and the
    /// title tf when they do not fit). `docs` is the number of documents.
    #[inline(always)]
    fn next_posting(
        r: &mut Reader<'_>,
        doc: DocId,
        docs: usize,
    ) -> Result<(DocId, u32, u32), Error> {
        let code = r.varint()?;
        let next = u64::from(doc) + (code >> 3);
        if next >= docs as u64 {
            return Err(Error::corrupt("posting refers to a missing document"));
        }
        let mut body_tf = (code >> 1 & 3) as u32;
        if body_tf == 3 {
            body_tf = body_tf
                .checked_add(r.varint_u32()?)
                .ok_or_else(|| Error::corrupt("term frequency overflow"))?;
        }
        let title_tf = if code & 1 == 1 { r.varint_u32()? } else { 0 };
        Ok((next as DocId, title_tf, body_tf))
    }
}

/// Which documents' positions `read_postings` decodes.
#[derive(Clone, Copy)]
pub(crate) enum Positions<'a> {
    All,
    /// Only these documents' (the others' are skipped, and reported empty).
    Only(&'a DocMask),
}

/// A set of documents as one bit each: membership is tested for every posting read.
#[derive(Clone, Debug)]
pub(crate) struct DocMask(Vec<u64>);

impl DocMask {
    pub(crate) fn new(docs: usize) -> DocMask {
        DocMask(vec![0; docs.div_ceil(64)])
    }

    pub(crate) fn of(docs: usize, members: impl IntoIterator<Item = DocId>) -> DocMask {
        let mut mask = DocMask::new(docs);
        for doc in members {
            mask.insert(doc);
        }
        mask
    }

    pub(crate) fn insert(&mut self, doc: DocId) {
        if let Some(word) = self.0.get_mut(doc as usize / 64) {
            *word |= 1 << (doc % 64);
        }
    }

    /// Adds the documents of `other`.
    pub(crate) fn add_all(&mut self, other: &DocMask) {
        for (word, add) in self.0.iter_mut().zip(&other.0) {
            *word |= add;
        }
    }

    /// Keeps only the documents also in `other`.
    pub(crate) fn keep_only(&mut self, other: &DocMask) {
        for (word, keep) in self.0.iter_mut().zip(&other.0) {
            *word &= keep;
        }
    }

    /// How many documents are in the mask.
    pub(crate) fn len(&self) -> usize {
        self.0.iter().map(|word| word.count_ones() as usize).sum()
    }

    /// The documents in the mask, in increasing id order.
    pub(crate) fn members(&self) -> impl Iterator<Item = DocId> + '_ {
        self.0.iter().enumerate().flat_map(|(i, &word)| {
            let mut rest = word;
            std::iter::from_fn(move || {
                (rest != 0).then(|| {
                    let bit = rest.trailing_zeros();
                    rest &= rest - 1;
                    (i * 64) as DocId + bit
                })
            })
        })
    }

    #[inline]
    pub(crate) fn contains(&self, doc: DocId) -> bool {
        self.0
            .get(doc as usize / 64)
            .is_some_and(|word| word >> (doc % 64) & 1 == 1)
    }
}

/// A posting borrowed from the decoder's buffers (no allocation per posting). Positions are
/// empty unless they were asked for.
pub(crate) struct PostingRef<'a> {
    pub(crate) doc: DocId,
    pub(crate) title_positions: &'a [u32],
    pub(crate) body_positions: &'a [u32],
}

fn read_positions(r: &mut Reader<'_>, count: u32, out: &mut Vec<u32>) -> Result<(), Error> {
    out.clear();
    let mut p = 0u32;
    for _ in 0..count {
        p = p
            .checked_add(r.varint_u32()?)
            .ok_or_else(|| Error::corrupt("position overflow"))?;
        out.push(p);
    }
    Ok(())
}

/// What opening an index reads of each head: its id, source and date (the rest of its JSON
/// is skipped, not decoded).
#[derive(serde::Deserialize)]
struct HeadMeta<'a> {
    #[serde(borrow)]
    id: std::borrow::Cow<'a, str>,
    #[serde(borrow, default)]
    source: Option<std::borrow::Cow<'a, str>>,
    #[serde(borrow, default)]
    date: Option<std::borrow::Cow<'a, str>>,
}

/// A facet column: each value's index into the sorted distinct values (`u32::MAX` for none).
/// Only the distinct values are sorted (a few thousand dates among 50,000 articles).
fn column<'a>(values: impl Iterator<Item = Option<&'a str>>) -> (Vec<u32>, Vec<String>) {
    let values: Vec<Option<&str>> = values.collect();
    let mut names: Vec<&str> = values
        .iter()
        .flatten()
        .copied()
        .collect::<crate::fxhash::FxSet<&str>>()
        .into_iter()
        .collect();
    names.sort_unstable();
    let id_of: FxMap<&str, u32> = names
        .iter()
        .enumerate()
        .map(|(i, name)| (*name, i as u32))
        .collect();
    let ids = values
        .iter()
        .map(|v| v.map_or(u32::MAX, |v| id_of[v]))
        .collect();
    (ids, names.into_iter().map(str::to_owned).collect())
}

fn read_docs(bytes: &[u8]) -> Result<Vec<DocStats>, Error> {
    let mut r = Reader::new(bytes);
    let count = r.varint_u32()? as usize;
    // Each entry takes at least two bytes; a larger count is a lie told by damaged bytes.
    if count > bytes.len() / 2 {
        return Err(Error::corrupt("document table count exceeds its size"));
    }
    (0..count)
        .map(|_| {
            Ok(DocStats {
                title_tokens: r.varint_u32()?,
                body_tokens: r.varint_u32()?,
            })
        })
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
        b.add(article(
            "a",
            "화웨이 칩 금지령",
            "미국이 화웨이에 대한 칩 금지령을 연장했다.\n\n화웨이는 반발했다.",
        ));
        b.add(article(
            "b",
            "중관춘 창업거리",
            "중관춘은 베이징의 실리콘밸리다.",
        ));
        b.finish()
    }

    #[test]
    fn runs_built_apart_and_joined_give_the_same_index() {
        let articles = vec![
            article(
                "a",
                "중관춘 창업",
                "중관춘(中关村)에서 창업자들이 모였다. 창업 창업 창업 창업",
            ),
            article("b", "화웨이", "화웨이(Huawei)는 창업 투자를 늘렸다."),
            article("c", "핀둬둬", "핀둬둬(拼多多) 중관춘은 창업의 거리"),
            article("d", "중관촌", "중관촌(中關村) 소식. 화웨이 화웨이"),
            article("e", "창업", "해외창업 창업거리 중관춘"),
        ];
        let mut one = IndexBuilder::new();
        for a in articles.clone() {
            one.add(a);
        }
        let one = one.finish();
        for split in [vec![1, 4], vec![2, 2, 1], vec![1, 1, 1, 1, 1], vec![4, 1]] {
            let mut rest = articles.clone();
            let runs = split.iter().map(|&n| rest.drain(..n).collect()).collect();
            assert!(
                IndexBuilder::from_runs(runs).finish() == one,
                "runs of {split:?} differ"
            );
        }
    }

    #[test]
    fn round_trip_keeps_articles_terms_and_positions() {
        let index = Index::open(sample()).unwrap();
        assert_eq!(index.article_count(), 2);
        assert_eq!(index.article(1).unwrap().title, "중관춘 창업거리");
        assert_eq!(index.doc_by_id("b"), Some(1));
        let postings = index.postings_of("화웨이").unwrap();
        assert_eq!(postings.len(), 1);
        assert_eq!(postings[0].doc, 0);
        assert_eq!(postings[0].title_positions, vec![0]);
        assert!(
            postings[0].body_positions.is_empty(),
            "화웨이에 and 화웨이는 are other terms"
        );
        assert_eq!(
            index.postings_of("화웨이는").unwrap()[0].body_positions,
            vec![6]
        );
        assert_eq!(index.postings_of("칩").unwrap()[0].body_positions, vec![3]);
        assert!(index.postings_of("없는말").unwrap().is_empty());
        assert_eq!(index.docs[1].title_tokens, 2);
    }

    #[test]
    fn a_split_index_reads_texts_once_given_and_rejects_wrong_ones() {
        // Long bodies, so the texts make several chunks.
        let long = "중관춘 창업 거리의 이야기. ".repeat(TEXT_CHUNK_BYTES / 40);
        let mut builder = IndexBuilder::new();
        for i in 0..9 {
            builder.add(article(
                &format!("a{i}"),
                &format!("기사 {i}"),
                &format!("{long} 번호{i}"),
            ));
        }
        let whole = builder.finish();
        let split = split_texts(&whole).unwrap();
        assert!(split.chunks.len() >= 3, "{} chunks", split.chunks.len());
        assert!(split.core.len() + split.chunks.iter().map(Vec::len).sum::<usize>() == whole.len());
        assert!(
            split_texts(&split.core).is_err(),
            "a core cannot be split again"
        );
        // Found inside other bytes (as in a wasm module), past a lone magic.
        let mut module = b"\0asm JIKJIIDX ".to_vec();
        module.extend_from_slice(&split.core);
        module.extend_from_slice(b"more data");
        let found = find_embedded(&module).unwrap();
        assert_eq!(&module[found], &split.core[..]);
        assert_eq!(
            stored_checksum(&split.core),
            Some(checksum(&split.core[CHECKSUM_OFFSET + 8..]))
        );

        let whole = Index::open(whole).unwrap();
        let core = Index::open(split.core.clone()).unwrap();
        assert_eq!(core.article_count(), 9);
        assert_eq!(core.head(4).unwrap().title, "기사 4");
        assert!(core.article(4).is_none(), "no text yet");
        let chunk = core.missing_text(4).unwrap();
        assert_eq!(whole.missing_text(4), None);

        // The hit is found and ranked without its text, and says which chunk it awaits.
        let results = core.search("번호4", &crate::SearchOptions::default());
        assert_eq!(results.hits.len(), 1);
        assert_eq!(
            (results.hits[0].doc, results.hits[0].awaiting_text),
            (4, Some(chunk))
        );
        assert!(results.hits[0].snippet.text.is_empty());

        let mut damaged = split.chunks[chunk].clone();
        damaged[5] ^= 1;
        assert!(matches!(
            core.add_texts(chunk, &damaged),
            Err(Error::Checksum { .. })
        ));
        assert!(
            core.add_texts(chunk, &split.chunks[(chunk + 1) % split.chunks.len()])
                .is_err(),
            "another chunk"
        );
        assert!(
            core.add_texts(split.chunks.len(), b"[]").is_err(),
            "no such chunk"
        );
        assert!(core.article(4).is_none());

        core.add_texts(chunk, &split.chunks[chunk]).unwrap();
        assert_eq!(core.article(4), whole.article(4));
        assert_eq!(core.missing_text(4), None);
        let again = core.search("번호4", &crate::SearchOptions::default());
        assert_eq!(again.hits[0].awaiting_text, None);
        assert!(again.hits[0].snippet.text.contains("번호4"));
        assert_eq!(
            core.snippet(4, &results.prepared).as_ref(),
            Some(&again.hits[0].snippet),
            "filled in without searching"
        );
        for (number, bytes) in split.chunks.iter().enumerate() {
            core.add_texts(number, bytes).unwrap();
        }
        assert!(
            core.articles().eq(whole.articles()),
            "every article whole again"
        );
    }

    #[test]
    fn works_from_a_borrowed_slice() {
        let bytes = sample();
        let index = Index::open(bytes.as_slice()).unwrap();
        assert_eq!(index.article_count(), 2);
    }

    #[test]
    fn rejects_other_versions_with_a_typed_error() {
        let mut bytes = sample();
        bytes[8..12].copy_from_slice(&99u32.to_le_bytes());
        assert_eq!(
            Index::open(bytes).err(),
            Some(Error::Version {
                expected: FORMAT_VERSION,
                got: 99
            })
        );
    }

    #[test]
    fn rejects_wrong_magic_and_damage() {
        assert_eq!(
            Index::open(b"not an index at all".to_vec()).err(),
            Some(Error::Magic)
        );
        assert_eq!(Index::open(Vec::new()).err(), Some(Error::Magic));
        let bytes = sample();
        for at in [HEADER_LEN, HEADER_LEN + 3, bytes.len() / 2, bytes.len() - 1] {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x40;
            assert!(
                matches!(Index::open(damaged), Err(Error::Checksum { .. })),
                "flip at {at}"
            );
        }
        for len in [9, 20, HEADER_LEN, bytes.len() - 1] {
            assert!(
                Index::open(bytes[..len].to_vec()).is_err(),
                "truncated to {len}"
            );
        }
    }
}
