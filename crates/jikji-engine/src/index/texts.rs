//! The texts and chunks sections: the articles, whole (title, metadata, body, captions), as
//! JSON chunks of about [`TEXT_CHUNK_BYTES`], and the chunks' directory (documents, length,
//! checksum). Written by
//! [`TextWriter`], read on [`Index`] a chunk at a time on first use; [`split_texts`]
//! cuts an index into its core and its chunks (see "Split indexes" in `index`).

use std::ops::Range;

use super::header::{append_section, write_header, HEADER_LEN};
use super::{
    Block, DocId, Index, ADDRESSES, ADDRESS_BLOCK_CHUNKS, IDS, LETTERS, NAMES, POSITIONS, POSTINGS,
    RELATED, SECTION_COUNT, SUFFIXES, TERMS, TEXTS, TEXT_CHUNK_BYTES,
};
use crate::article::{Article, Caption, Origin};
use crate::codec::{check_listed, short_checksum, write_varint, Checksum, Reader};
use crate::error::Error;
use crate::fxhash::FxSet;

/// How an article is written into a chunk: as [`Article`], borrowed, unknown fields left out.
#[derive(serde::Serialize)]
struct ArticleRef<'a> {
    id: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    collection: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    body: &'a str,
    #[serde(skip_serializing_if = "<[Caption]>::is_empty")]
    captions: &'a [Caption],
    #[serde(skip_serializing_if = "Option::is_none")]
    origin: Option<&'a Origin>,
}

impl<'a> From<&'a Article> for ArticleRef<'a> {
    fn from(a: &'a Article) -> Self {
        ArticleRef {
            id: &a.id,
            title: &a.title,
            source: a.source.as_deref(),
            date: a.date.as_deref(),
            section: a.section.as_deref(),
            collection: a.collection.as_deref(),
            author: a.author.as_deref(),
            url: a.url.as_deref(),
            body: &a.body,
            captions: &a.captions,
            origin: a.origin.as_ref(),
        }
    }
}

/// The texts section as it is written, an article at a time as articles are added (the
/// articles are not kept): JSON arrays of `Article`, each chunk closed once it passes
/// `TEXT_CHUNK_BYTES`, and the chunks' directory. Each chunk is appended to the `out` given
/// when it closes (the builder's buffer, which an [`IndexWriter`](super::IndexWriter) empties
/// into its file after each batch of articles).
pub(super) struct TextWriter {
    /// The chunk being filled.
    chunk: Vec<u8>,
    chunk_docs: u32,
    /// Per chunk closed: its articles, length and short checksum.
    closed: Vec<(u32, usize, u64)>,
    /// The (short checksum, length) of each chunk closed, which no two chunks share: they
    /// name a chunk where parts are published by content ([`Index::text_chunk_address`]).
    addresses: FxSet<(u64, usize)>,
    /// The section's bytes so far, and their checksum.
    len: usize,
    sum: Checksum,
}

impl TextWriter {
    pub(super) fn new() -> Self {
        TextWriter {
            chunk: Vec::new(),
            chunk_docs: 0,
            closed: Vec::new(),
            addresses: FxSet::default(),
            len: 0,
            sum: Checksum::default(),
        }
    }

    /// Writes `article` into the chunk being filled, and the chunk to `out` once it is full.
    pub(super) fn push(&mut self, article: &Article, out: &mut Vec<u8>) {
        self.chunk
            .push(if self.chunk_docs == 0 { b'[' } else { b',' });
        serde_json::to_writer(&mut self.chunk, &ArticleRef::from(article))
            .expect("articles serialize to JSON");
        self.chunk_docs += 1;
        if self.chunk.len() >= TEXT_CHUNK_BYTES {
            self.close_chunk(out);
        }
    }

    /// Where each chunk closed so far is in the section, with its first document.
    pub(super) fn spans(&self) -> Vec<(DocId, Range<usize>)> {
        let (mut doc, mut at) = (0, 0);
        self.closed
            .iter()
            .map(|&(docs, len, _)| {
                let span = (doc, at..at + len);
                doc += docs;
                at += len;
                span
            })
            .collect()
    }

    /// Closes the chunk being filled, if it has an article, and writes it to `out`.
    pub(super) fn close_chunk(&mut self, out: &mut Vec<u8>) {
        if self.chunk_docs == 0 {
            return;
        }
        self.chunk.push(b']');
        let mut address = (short_checksum(&self.chunk), self.chunk.len());
        // Another chunk with this checksum and length (one in about 2^32 of the chunks of
        // that length): a space before the closing bracket, which JSON ignores, makes it
        // another address.
        while !self.addresses.insert(address) {
            self.chunk.pop();
            self.chunk.extend_from_slice(b" ]");
            address = (short_checksum(&self.chunk), self.chunk.len());
        }
        self.closed.push((self.chunk_docs, address.1, address.0));
        out.extend_from_slice(&self.chunk);
        self.sum.update(&self.chunk);
        self.len += self.chunk.len();
        self.chunk.clear();
        self.chunk_docs = 0;
    }

    /// Closes the last chunk (written to `out`) and returns the section's length and checksum,
    /// the chunks section (their articles) and the addresses section with its cuts.
    pub(super) fn finish(mut self, out: &mut Vec<u8>) -> FinishedTexts {
        self.close_chunk(out);
        let mut chunks = Vec::new();
        write_varint(&mut chunks, self.closed.len() as u64);
        let (mut addresses, mut cuts) = (Vec::new(), Vec::new());
        for (number, (docs, len, sum)) in self.closed.into_iter().enumerate() {
            write_varint(&mut chunks, u64::from(docs));
            if number % ADDRESS_BLOCK_CHUNKS == 0 {
                cuts.push(addresses.len()..addresses.len());
            }
            write_varint(&mut addresses, len as u64);
            addresses.extend_from_slice(&(sum as u32).to_le_bytes());
            cuts.last_mut().expect("a block is open").end = addresses.len();
        }
        FinishedTexts {
            len: self.len,
            sum: self.sum.finish(),
            chunks,
            addresses,
            address_cuts: cuts,
        }
    }
}

/// The texts section once written: its length and checksum, and the sections that describe
/// it (see the layout in `index`).
pub(super) struct FinishedTexts {
    pub(super) len: usize,
    pub(super) sum: u64,
    /// The chunks section: each chunk's number of articles.
    pub(super) chunks: Vec<u8>,
    /// The addresses section, and where each of its blocks is in it.
    pub(super) addresses: Vec<u8>,
    pub(super) address_cuts: Vec<Range<usize>>,
}

/// One chunk of article texts (see the layout).
pub(super) struct TextChunk {
    pub(super) first_doc: DocId,
    pub(super) docs: u32,
    /// Where its bytes are in the texts section; `None` in a split index, whose chunks are
    /// given by `Index::add_texts`.
    pub(super) inline: Option<Range<usize>>,
    /// Its articles, decoded on first use; `None` if its bytes, though checksummed, are not
    /// its documents' articles.
    articles: std::sync::OnceLock<Option<Vec<Article>>>,
}

/// Reads the chunks section of an index with `docs` documents: which articles each chunk
/// holds (where its bytes are is set by [`place_chunks`] when the index has its texts).
pub(super) fn read_chunks(bytes: &[u8], docs: usize) -> Result<Vec<TextChunk>, Error> {
    let mut r = Reader::new(bytes);
    let count = r.varint_u32()? as usize;
    // Each entry takes at least one byte; a larger count is a lie told by damaged bytes.
    if count > bytes.len() {
        return Err(Error::corrupt(
            "text chunk count exceeds the chunks section's size",
        ));
    }
    let mut chunks = Vec::with_capacity(count);
    let mut first_doc = 0usize;
    for _ in 0..count {
        let chunk_docs = r.varint_u32()?;
        // (first_doc <= docs holds here, so the subtraction cannot wrap.)
        if chunk_docs == 0 || chunk_docs as usize > docs - first_doc {
            return Err(Error::corrupt("text chunks do not match the documents"));
        }
        chunks.push(TextChunk {
            first_doc: first_doc as DocId,
            docs: chunk_docs,
            inline: None,
            articles: std::sync::OnceLock::new(),
        });
        first_doc += chunk_docs as usize;
    }
    if first_doc != docs {
        return Err(Error::corrupt(format!(
            "text chunks hold {first_doc} of {docs} documents"
        )));
    }
    Ok(chunks)
}

/// The (short checksum, length) of each chunk in an addresses section or block.
fn read_addresses(bytes: &[u8]) -> Result<Vec<(u64, usize)>, Error> {
    let mut r = Reader::new(bytes);
    let mut addresses = Vec::with_capacity(bytes.len() / 6);
    while r.remaining() > 0 {
        addresses.push(read_address(&mut r)?);
    }
    Ok(addresses)
}

/// The (short checksum, length) of the chunk whose address `r` is at.
fn read_address(r: &mut Reader<'_>) -> Result<(u64, usize), Error> {
    let len =
        usize::try_from(r.varint()?).map_err(|_| Error::corrupt("text chunk length overflow"))?;
    Ok((u64::from(r.u32_le()?), len))
}

/// The addresses block that holds text chunk `number`'s address.
fn address_block(number: usize) -> Block {
    Block::Addresses(number / ADDRESS_BLOCK_CHUNKS)
}

/// Places each chunk's bytes in a texts section of `texts_len` bytes by the addresses section
/// `addresses` (a whole index), checking that no two chunks share an address; leaves them
/// unplaced when the index is split (no texts; the addresses in blocks, or kept in its core).
pub(super) fn place_chunks(
    chunks: &mut [TextChunk],
    addresses: &[u8],
    texts_len: usize,
) -> Result<(), Error> {
    if texts_len == 0 && addresses.is_empty() {
        return Ok(());
    }
    let addresses = read_addresses(addresses)?;
    if addresses.len() != chunks.len() {
        return Err(Error::corrupt(format!(
            "{} text chunk addresses for {} chunks",
            addresses.len(),
            chunks.len()
        )));
    }
    if texts_len == 0 {
        return Ok(());
    }
    let mut seen = FxSet::default();
    let mut offset = 0usize;
    for (chunk, &(sum, len)) in chunks.iter_mut().zip(&addresses) {
        if !seen.insert((sum, len)) {
            return Err(Error::corrupt(
                "two text chunks share a checksum and a length (their address)",
            ));
        }
        let end = offset
            .checked_add(len)
            .ok_or_else(|| Error::corrupt("text chunk length overflow"))?;
        chunk.inline = Some(offset..end);
        offset = end;
    }
    if offset != texts_len {
        return Err(Error::corrupt(format!(
            "texts section of {texts_len} bytes, its chunks hold {offset}"
        )));
    }
    Ok(())
}

/// An index cut by [`split`] into its core, its text chunks and its blocks (the chunks and
/// blocks are slices of the index: nothing but the core is copied).
pub struct SplitIndex<'a> {
    /// The index without its texts, postings and suffixes: opens with [`Index::open`]; its
    /// blocks arrive by [`Index::add_block`], its articles' texts by [`Index::add_texts`].
    pub core: Vec<u8>,
    /// The text chunks, by chunk number.
    pub chunks: Vec<&'a [u8]>,
    /// The blocks (postings, then suffixes), each with its bytes.
    pub blocks: Vec<(Block, &'a [u8])>,
}

/// The file name of text chunk `number` in the folder of a split index's parts (`t<n>.bin`),
/// as [`Block::file_name`] names the blocks.
pub fn text_chunk_file_name(number: usize) -> String {
    format!("t{number}.bin")
}

/// The file name of a text chunk of `len` bytes with short checksum `checksum` where parts
/// are published by their content (`t<checksum>-<length>.bin`, both in hex): no two chunks of
/// an index share one, and a chunk that a rebuild leaves as it was keeps it.
fn text_chunk_address(checksum: u64, len: usize) -> String {
    format!("t{checksum:08x}-{len:x}.bin")
}

/// Cuts a whole index into its core, its text chunks and its blocks (see "Split indexes" in
/// `index`); the core keeps the chunks' addresses when they are small
/// ([`CORE_ADDRESSES_MAX`](super::CORE_ADDRESSES_MAX)).
pub fn split(bytes: &[u8]) -> Result<SplitIndex<'_>, Error> {
    split_with(bytes, super::CORE_ADDRESSES_MAX)
}

/// [`split`], the core keeping the chunks' addresses when they take no more than
/// `core_addresses_max` bytes (their blocks are made either way: saving the whole archive
/// takes every block the directory lists).
pub fn split_with(bytes: &[u8], core_addresses_max: usize) -> Result<SplitIndex<'_>, Error> {
    let index = Index::open(bytes)?;
    let addresses_in_core = index.section_ranges[ADDRESSES].len() <= core_addresses_max;
    let texts = &bytes[index.section_ranges[TEXTS].clone()];
    let chunks = index
        .chunks
        .iter()
        .map(|c| c.inline.clone().map(|range| &texts[range]))
        .collect::<Option<Vec<&[u8]>>>()
        .ok_or_else(|| Error::corrupt("the index is split already"))?;
    let mut blocks = Vec::new();
    for (list, section, kind) in [
        (
            &index.blocks.postings,
            POSTINGS,
            Block::Postings as fn(usize) -> Block,
        ),
        (&index.blocks.positions, POSITIONS, Block::Positions),
        (&index.blocks.suffixes, SUFFIXES, Block::Suffixes),
        (&index.blocks.terms, TERMS, Block::Terms),
        (&index.blocks.letters, LETTERS, Block::Letters),
        (&index.blocks.ids, IDS, Block::Ids),
        (&index.blocks.related, RELATED, Block::Related),
        (&index.blocks.names, NAMES, Block::Names),
        (&index.blocks.addresses, ADDRESSES, Block::Addresses),
    ] {
        if !list.inline {
            return Err(Error::corrupt("the index is split already"));
        }
        let bytes = &bytes[index.section_ranges[section].clone()];
        for (number, range) in list.ranges().enumerate() {
            blocks.push((kind(number), &bytes[range]));
        }
    }
    let mut core = vec![0; HEADER_LEN];
    let mut ranges: [Range<usize>; SECTION_COUNT] = Default::default();
    for (i, range) in index.section_ranges.iter().enumerate() {
        let in_blocks = [
            TEXTS, POSTINGS, POSITIONS, SUFFIXES, TERMS, LETTERS, IDS, RELATED, NAMES,
        ]
        .contains(&i)
            || (i == ADDRESSES && !addresses_in_core);
        ranges[i] = if in_blocks {
            core.len()..core.len()
        } else {
            append_section(&mut core, &bytes[range.clone()])
        };
    }
    write_header(&mut core, &ranges);
    Ok(SplitIndex {
        core,
        chunks,
        blocks,
    })
}

impl<D: AsRef<[u8]>> Index<D> {
    /// Every article whose text is here, in document order (each chunk decoded on first use).
    pub fn articles(&self) -> impl Iterator<Item = &Article> + '_ {
        (0..self.article_count() as DocId).filter_map(|doc| self.article(doc))
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

    /// The file name of text chunk `number` where parts are published by their content
    /// (`t<checksum>-<length>.bin`): unique in this index, and the same in a rebuild that
    /// leaves the chunk as it was, so a browser that has it keeps it. `None` until a split
    /// index has the chunk's addresses block ([`Index::missing_address`]).
    pub fn text_chunk_address(&self, number: usize) -> Option<String> {
        let (checksum, len) = self.chunk_address(number).ok()?;
        Some(text_chunk_address(checksum, len))
    }

    /// The addresses block to give a split index (see [`Index::add_block`]) before text chunk
    /// `number` can be named by its address or given; `None` when it is here.
    pub fn missing_address(&self, number: usize) -> Option<Block> {
        let block = address_block(number);
        (number < self.chunks.len() && !self.has_block(block)).then_some(block)
    }

    /// The (short checksum, length) of text chunk `number`, read from its addresses block up
    /// to its entry (naming every chunk reads each block once per chunk it holds).
    fn chunk_address(&self, number: usize) -> Result<(u64, usize), Error> {
        if number >= self.chunks.len() {
            return Err(Error::corrupt(format!("no text chunk {number}")));
        }
        let block = address_block(number);
        if !self.has_block(block) {
            return Err(Error::Absent);
        }
        let mut r = Reader::new(self.block_bytes(&self.addresses, block)?);
        for _ in 0..number % ADDRESS_BLOCK_CHUNKS {
            read_address(&mut r)?;
        }
        read_address(&mut r)
            .map_err(|_| Error::corrupt(format!("no address for text chunk {number}")))
    }

    /// Whether the texts of chunk `number` are here (always, unless the index is split).
    pub fn has_texts(&self, number: usize) -> bool {
        self.chunks
            .get(number)
            .is_some_and(|c| c.inline.is_some() || c.articles.get().is_some())
    }

    /// Gives a split index the text chunk `number` (the bytes [`split`] made of it). The
    /// bytes must match the chunk's length and checksum in the directory. Giving a chunk that
    /// is already here does nothing.
    pub fn add_texts(&self, number: usize, bytes: &[u8]) -> Result<(), Error> {
        self.check_texts(number, bytes)?;
        if self.has_texts(number) {
            return Ok(());
        }
        let chunk = &self.chunks[number];
        let Some(articles) = self.decode_chunk(chunk, bytes) else {
            return Err(Error::corrupt(format!(
                "text chunk {number} does not hold its articles"
            )));
        };
        if let Ok(mut known) = self.ids_of_texts.lock() {
            for (article, doc) in articles.iter().zip(chunk.first_doc..) {
                known.entry(article.id.as_str().into()).or_insert(doc);
            }
        }
        let _ = chunk.articles.set(Some(articles));
        Ok(())
    }

    /// Checks that `bytes` are text chunk `number` as its addresses block lists it (length
    /// and checksum), without decoding them; `Error::Absent` when a split index lacks that
    /// block ([`Index::missing_address`]).
    pub fn check_texts(&self, number: usize, bytes: &[u8]) -> Result<(), Error> {
        let (checksum, len) = self.chunk_address(number)?;
        check_listed(
            format_args!("text chunk {number}"),
            bytes,
            (len, checksum),
            short_checksum,
        )
    }

    /// The chunk holding article `doc`'s text.
    fn chunk_of(&self, doc: DocId) -> Option<usize> {
        self.chunk_of_doc
            .get(doc as usize)
            .map(|&chunk| chunk as usize)
    }

    /// The articles of `chunk`, read from `bytes` (which its checksum vouched for): `None`
    /// unless they are as many as its documents.
    fn decode_chunk(&self, chunk: &TextChunk, bytes: &[u8]) -> Option<Vec<Article>> {
        let articles: Vec<Article> = serde_json::from_slice(bytes).ok()?;
        (articles.len() == chunk.docs as usize).then_some(articles)
    }
}
