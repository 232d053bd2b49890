//! The blocks section: the parts of the index that grow with the archive and that a query
//! reads only a little of, cut into [`Block`]s, each with its length and checksum (and, for
//! dictionary blocks, its first key), so a browser can fetch only the blocks a query reads.
//!
//! The sections cut: the postings (at list boundaries, [`POSTINGS_BLOCK_BYTES`]), the
//! positions (block k holds those of the lists in postings block k), the terms, suffixes,
//! letters and ids dictionaries (one `fst::Map` per block of keys,
//! [`DICTIONARY_BLOCK_BYTES`], each block's first key in the directory; a prefix's keys are
//! neighbours, so a word's lookup reads one block, its prefix or compound search one or two),
//! and the related articles, the names and the text chunks' addresses (by count of articles,
//! names and chunks). [`write_blocks`] writes the
//! directory, [`read_blocks`] reads it on open into [`Blocks`]. In a whole index every block
//! is inline (in its section); in a split index (see [`split`](super::split)) those sections
//! are empty and a block arrives by [`Index::add_block`]. A read of a block that has not
//! arrived yields nothing and is remembered: [`Index::take_missing_blocks`] tells the caller
//! which blocks to fetch before searching again.

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::{Mutex, OnceLock};

use fst::automaton::{AlwaysMatch, Automaton};

use super::{DocId, Index, Section};
use crate::codec::{check_listed, checksum, write_varint, Reader};
use crate::error::Error;

/// A postings block closes once its lists pass this many bytes (a list is never cut, so a
/// common term's list makes a block of its own). A query reads the lists of its words'
/// expansions, which for a prefix are neighbours in term order: larger blocks mean fewer
/// requests per query but more bytes not read. 16–64 KiB suits a static host (about 10–40 ms
/// at 10 Mbit/s).
pub const POSTINGS_BLOCK_BYTES: usize = 32 * 1024;
/// A dictionary block closes once its `fst::Map` passes this many bytes. Each block is a
/// dictionary of its own (a little less compact than one for all keys); a word's lookup reads
/// the one block its key is in, a prefix or compound search the one or two its keys are in.
pub const DICTIONARY_BLOCK_BYTES: usize = 32 * 1024;

/// A block of a split index, by kind and number: what a search may lack and a caller fetches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Block {
    /// Postings lists (counts, scoring).
    Postings(usize),
    /// The positions of the lists in the postings block of the same number (phrases,
    /// spacing, proximity).
    Positions(usize),
    /// Part of the suffixes dictionary (the compounds a word is part of).
    Suffixes(usize),
    /// Part of the terms dictionary (every term, its postings list, shape and count class).
    Terms(usize),
    /// Part of the letters dictionary (Hangul terms by their letters: typing, initials,
    /// spelling variants).
    Letters(usize),
    /// Part of the ids dictionary (article id → document: a link to an article).
    Ids(usize),
    /// The related articles of `RELATED_BLOCK_DOCS` consecutive articles (the reader).
    Related(usize),
    /// `NAME_BLOCK` of the archive's names, most named first (the names page).
    Names(usize),
    /// The addresses (length and checksum) of `ADDRESS_BLOCK_CHUNKS` consecutive text chunks:
    /// what names a chunk and vouches for it.
    Addresses(usize),
}

impl Block {
    /// The block's file name beside the text chunks (`p3.bin`, `s0.bin`, `d1.bin`).
    pub fn file_name(self) -> String {
        match self {
            Block::Postings(n) => format!("p{n}.bin"),
            Block::Positions(n) => format!("q{n}.bin"),
            Block::Suffixes(n) => format!("s{n}.bin"),
            Block::Terms(n) => format!("d{n}.bin"),
            Block::Letters(n) => format!("l{n}.bin"),
            Block::Ids(n) => format!("i{n}.bin"),
            Block::Related(n) => format!("r{n}.bin"),
            Block::Names(n) => format!("n{n}.bin"),
            Block::Addresses(n) => format!("a{n}.bin"),
        }
    }

    /// Whether it is a block of a dictionary (an `fst::Map` of its own).
    fn is_dictionary(self) -> bool {
        !matches!(
            self,
            Block::Postings(_)
                | Block::Positions(_)
                | Block::Related(_)
                | Block::Names(_)
                | Block::Addresses(_)
        )
    }
}

/// One block of a cut section (see the layout in `index`).
pub(super) struct StoredBlock {
    /// Where the block starts in its section.
    start: u64,
    len: usize,
    checksum: u64,
    /// The first key of a dictionary block (empty for postings).
    first_key: Box<[u8]>,
    /// Its bytes when given by [`Index::add_block`] (a split index).
    given: OnceLock<Box<[u8]>>,
}

/// The blocks of one cut section.
#[derive(Default)]
pub(super) struct BlockList {
    blocks: Vec<StoredBlock>,
    /// Whether the section holds every block (a whole index).
    pub(super) inline: bool,
}

/// The blocks of the index's cut sections, and those reads asked for and did not find.
#[derive(Default)]
pub(super) struct Blocks {
    pub(super) postings: BlockList,
    pub(super) positions: BlockList,
    pub(super) suffixes: BlockList,
    pub(super) terms: BlockList,
    pub(super) letters: BlockList,
    pub(super) ids: BlockList,
    pub(super) related: BlockList,
    pub(super) names: BlockList,
    pub(super) addresses: BlockList,
    missing: Mutex<BTreeSet<Block>>,
}

/// Cuts a section into blocks: each closes at the first of `boundaries` (the byte offsets
/// where a block may end, increasing; the last is the section's end) at or after `target`
/// bytes past its start.
pub(super) fn cut(boundaries: impl IntoIterator<Item = usize>, target: usize) -> Vec<Range<usize>> {
    let mut cuts = Vec::new();
    let mut start = 0;
    let mut end = 0;
    for boundary in boundaries {
        end = boundary;
        if end - start >= target {
            cuts.push(start..end);
            start = end;
        }
    }
    if end > start {
        cuts.push(start..end);
    }
    cuts
}

/// Where each block of a dictionary is in its section, and its first key.
pub(super) type KeyedCuts = Vec<(Range<usize>, Vec<u8>)>;

/// Entries (sorted, unique keys) as a dictionary in blocks: the blocks' `fst::Map`s one after
/// the other, and each block's byte range and first key.
pub(super) fn fst_blocks(entries: &[(Vec<u8>, u64)]) -> (Vec<u8>, KeyedCuts) {
    let mut out = Vec::new();
    let mut blocks = Vec::new();
    let mut open: Option<(fst::MapBuilder<Vec<u8>>, &[u8])> = None;
    let mut close = |(builder, first): (fst::MapBuilder<Vec<u8>>, &[u8])| {
        let bytes = builder.into_inner().expect("writing to memory cannot fail");
        blocks.push((out.len()..out.len() + bytes.len(), first.to_vec()));
        out.extend_from_slice(&bytes);
    };
    for (key, value) in entries {
        let (builder, _) = open.get_or_insert_with(|| (fst::MapBuilder::memory(), key));
        builder
            .insert(key, *value)
            .expect("keys are sorted and unique");
        if builder.bytes_written() as usize >= DICTIONARY_BLOCK_BYTES {
            close(open.take().expect("a block is open"));
        }
    }
    if let Some(last) = open {
        close(last);
    }
    (out, blocks)
}

/// The blocks section: the postings blocks and the positions blocks (`sections`: each section
/// and its cuts), then the blocks of each dictionary in `dictionaries` (suffixes, terms,
/// letters, ids: the section and its cuts), with their first keys, then the related blocks,
/// the names blocks and the addresses blocks (`plain`). Each list: varint count, then per block varint byte
/// length, u64 checksum, and for dictionary blocks varint key length and the key.
pub(super) fn write_blocks(
    sections: [(&[u8], &[Range<usize>]); 2],
    dictionaries: [(&[u8], &KeyedCuts); 4],
    plain: [(&[u8], &[Range<usize>]); 3],
) -> Vec<u8> {
    let mut out = Vec::new();
    let plain_list = |out: &mut Vec<u8>, (section, cuts): (&[u8], &[Range<usize>])| {
        write_varint(out, cuts.len() as u64);
        for range in cuts {
            write_varint(out, range.len() as u64);
            out.extend_from_slice(&checksum(&section[range.clone()]).to_le_bytes());
        }
    };
    for section in sections {
        plain_list(&mut out, section);
    }
    for (section, cuts) in dictionaries {
        write_varint(&mut out, cuts.len() as u64);
        for (range, first) in cuts {
            write_varint(&mut out, range.len() as u64);
            out.extend_from_slice(&checksum(&section[range.clone()]).to_le_bytes());
            write_varint(&mut out, first.len() as u64);
            out.extend_from_slice(first);
        }
    }
    for section in plain {
        plain_list(&mut out, section);
    }
    out
}

/// Reads the blocks section of an index whose postings, positions, suffixes, terms, letters,
/// ids, related, names and addresses sections have these lengths (0 when the index is split).
pub(super) fn read_blocks(
    bytes: &[u8],
    [postings_len, positions_len, suffixes_len, terms_len, letters_len, ids_len, related_len, names_len, addresses_len]: [usize; 9],
) -> Result<Blocks, Error> {
    let mut r = Reader::new(bytes);
    let postings = read_list(&mut r, bytes.len(), false, postings_len, "postings")?;
    let positions = read_list(&mut r, bytes.len(), false, positions_len, "positions")?;
    if positions.len() != postings.len() {
        return Err(Error::corrupt(
            "positions blocks do not pair with postings blocks",
        ));
    }
    let suffixes = read_list(&mut r, bytes.len(), true, suffixes_len, "suffixes")?;
    let terms = read_list(&mut r, bytes.len(), true, terms_len, "terms")?;
    let letters = read_list(&mut r, bytes.len(), true, letters_len, "letters")?;
    let ids = read_list(&mut r, bytes.len(), true, ids_len, "ids")?;
    let related = read_list(&mut r, bytes.len(), false, related_len, "related")?;
    let names = read_list(&mut r, bytes.len(), false, names_len, "names")?;
    let addresses = read_list(&mut r, bytes.len(), false, addresses_len, "addresses")?;
    Ok(Blocks {
        related,
        names,
        addresses,
        postings,
        positions,
        suffixes,
        terms,
        letters,
        ids,
        missing: Mutex::default(),
    })
}

fn read_list(
    r: &mut Reader<'_>,
    directory_len: usize,
    keyed: bool,
    section_len: usize,
    what: &str,
) -> Result<BlockList, Error> {
    let count = r.varint_u32()? as usize;
    // Each entry takes at least nine bytes; a larger count is a lie told by damaged bytes.
    if count > directory_len / 9 {
        return Err(Error::corrupt(format!(
            "{what} block count exceeds the directory's size"
        )));
    }
    let mut blocks = Vec::with_capacity(count);
    let mut start = 0u64;
    for _ in 0..count {
        let len = r.varint()?;
        let sum = r.u64_le()?;
        let first_key = if keyed {
            let key_len = r.varint_u32()? as usize;
            r.bytes(key_len)?.into()
        } else {
            Box::default()
        };
        if len == 0 {
            return Err(Error::corrupt(format!("an empty {what} block")));
        }
        blocks.push(StoredBlock {
            start,
            len: usize::try_from(len).map_err(|_| Error::corrupt("block too long"))?,
            checksum: sum,
            first_key,
            given: OnceLock::new(),
        });
        start = start
            .checked_add(len)
            .ok_or_else(|| Error::corrupt(format!("{what} block length overflow")))?;
    }
    let inline = match section_len as u64 {
        n if n == start => true,
        0 => false,
        n => {
            return Err(Error::corrupt(format!(
                "{what} section of {n} bytes, its blocks hold {start}"
            )))
        }
    };
    Ok(BlockList { blocks, inline })
}

impl BlockList {
    pub(super) fn len(&self) -> usize {
        self.blocks.len()
    }

    /// The byte range of each block in the section, in order.
    pub(super) fn ranges(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        self.blocks.iter().map(|b| {
            let start = b.start as usize;
            start..start + b.len
        })
    }

    /// The number of the block holding byte `offset` of the section.
    fn holding(&self, offset: u64) -> Option<usize> {
        self.blocks
            .partition_point(|b| b.start <= offset)
            .checked_sub(1)
    }

    /// The number of the block whose keys `key` would be among, by their first keys (`None`
    /// when it comes before every block's).
    fn holding_key(&self, key: &[u8]) -> Option<usize> {
        self.blocks
            .partition_point(|b| &*b.first_key <= key)
            .checked_sub(1)
    }

    /// The numbers of the blocks that may hold keys from `from` (inclusive) to `to`
    /// (exclusive; `None`: to the end), by their first keys.
    fn keyed_range(&self, from: &[u8], to: Option<&[u8]>) -> Range<usize> {
        let first = self.holding_key(from).unwrap_or(0);
        let end = match to {
            Some(to) => self.blocks.partition_point(|b| &*b.first_key < to),
            None => self.blocks.len(),
        };
        first..end.max(first)
    }

    fn has(&self, number: usize) -> bool {
        self.inline
            || self
                .blocks
                .get(number)
                .is_some_and(|b| b.given.get().is_some())
    }
}

impl<D: AsRef<[u8]>> Index<D> {
    /// Every block of the index (for a caller that copies or packs them all).
    pub fn blocks(&self) -> Vec<Block> {
        let postings = (0..self.blocks.postings.len()).map(Block::Postings);
        postings
            .chain((0..self.blocks.positions.len()).map(Block::Positions))
            .chain((0..self.blocks.suffixes.len()).map(Block::Suffixes))
            .chain((0..self.blocks.terms.len()).map(Block::Terms))
            .chain((0..self.blocks.letters.len()).map(Block::Letters))
            .chain((0..self.blocks.ids.len()).map(Block::Ids))
            .chain((0..self.blocks.related.len()).map(Block::Related))
            .chain((0..self.blocks.names.len()).map(Block::Names))
            .chain((0..self.blocks.addresses.len()).map(Block::Addresses))
            .collect()
    }

    /// Whether `block` is here (always, unless the index is split).
    pub fn has_block(&self, block: Block) -> bool {
        let (list, number) = self.list_of(block);
        list.has(number)
    }

    /// Gives a split index `block` (the bytes [`split`](super::split) made of it). The bytes
    /// must match the block's length and checksum in the directory. Giving a block that is
    /// already here does nothing.
    pub fn add_block(&self, block: Block, bytes: &[u8]) -> Result<(), Error> {
        self.check_block(block, bytes)?;
        let (list, number) = self.list_of(block);
        if !list.inline {
            if block.is_dictionary() {
                fst::Map::new(bytes)
                    .map_err(|e| Error::corrupt(format!("block {}: {e}", block.file_name())))?;
            }
            let _ = list.blocks[number].given.set(bytes.into());
        }
        Ok(())
    }

    /// Checks that `bytes` are `block` as the directory lists it (length and checksum).
    pub fn check_block(&self, block: Block, bytes: &[u8]) -> Result<(), Error> {
        let (list, number) = self.list_of(block);
        let stored = list
            .blocks
            .get(number)
            .ok_or_else(|| Error::corrupt(format!("no block {}", block.file_name())))?;
        check_listed(
            format_args!("block {}", block.file_name()),
            bytes,
            (stored.len, stored.checksum),
            checksum,
        )
    }

    /// The blocks reads have asked for since the last call and not found, in order; a search
    /// that needed one gave results without them (see
    /// [`SearchResults::missing_blocks`](crate::SearchResults)).
    pub fn take_missing_blocks(&self) -> Vec<Block> {
        self.blocks
            .missing
            .lock()
            .map(|mut missing| std::mem::take(&mut *missing).into_iter().collect())
            .unwrap_or_default()
    }

    /// Whether reads have asked for blocks that are not here since the last
    /// [`take_missing_blocks`](Self::take_missing_blocks).
    pub(crate) fn lacks_blocks(&self) -> bool {
        self.blocks
            .missing
            .lock()
            .is_ok_and(|missing| !missing.is_empty())
    }

    fn list_of(&self, block: Block) -> (&BlockList, usize) {
        match block {
            Block::Postings(n) => (&self.blocks.postings, n),
            Block::Positions(n) => (&self.blocks.positions, n),
            Block::Suffixes(n) => (&self.blocks.suffixes, n),
            Block::Terms(n) => (&self.blocks.terms, n),
            Block::Letters(n) => (&self.blocks.letters, n),
            Block::Ids(n) => (&self.blocks.ids, n),
            Block::Related(n) => (&self.blocks.related, n),
            Block::Names(n) => (&self.blocks.names, n),
            Block::Addresses(n) => (&self.blocks.addresses, n),
        }
    }

    /// The bytes of `block`, cut from its `section` or given; `Error::Absent` (and the block
    /// noted as missing) when a split index does not have it.
    pub(super) fn block_bytes<'a>(
        &'a self,
        section: &'a Section<D>,
        block: Block,
    ) -> Result<&'a [u8], Error> {
        let (list, number) = self.list_of(block);
        let stored = list
            .blocks
            .get(number)
            .ok_or_else(|| Error::corrupt(format!("no block {}", block.file_name())))?;
        if list.inline {
            let start = stored.start as usize;
            return section
                .as_ref()
                .get(start..start + stored.len)
                .ok_or_else(|| Error::corrupt("block beyond its section"));
        }
        match stored.given.get() {
            Some(bytes) => Ok(bytes),
            None => {
                if let Ok(mut missing) = self.blocks.missing.lock() {
                    missing.insert(block);
                }
                Err(Error::Absent)
            }
        }
    }

    /// The number and bytes of the block holding postings `offset`, and where that offset is
    /// in them.
    pub(super) fn postings_block(&self, offset: u64) -> Result<(usize, &[u8], usize), Error> {
        let number = self
            .blocks
            .postings
            .holding(offset)
            .ok_or_else(|| Error::corrupt("postings offset beyond every block"))?;
        let at = (offset - self.blocks.postings.blocks[number].start) as usize;
        Ok((
            number,
            self.block_bytes(&self.postings, Block::Postings(number))?,
            at,
        ))
    }

    /// The articles most like article `doc` (see `related`), best first; `Error::Absent`
    /// (and the block noted as missing) while a split index lacks its block.
    pub fn related(&self, doc: DocId) -> Result<Vec<super::related::Related>, Error> {
        use super::related::{read_related, RELATED_BLOCK_DOCS};
        let number = doc as usize / RELATED_BLOCK_DOCS;
        if number >= self.blocks.related.len() {
            return Ok(Vec::new());
        }
        let block = self.block_bytes(&self.related, Block::Related(number))?;
        read_related(
            block,
            doc as usize % RELATED_BLOCK_DOCS,
            self.article_count(),
        )
    }

    /// The archive's names (see `names`), most named first. Reads every names block:
    /// `Err(Error::Absent)` when some are not here (all of them then noted as missing).
    pub fn names(&self) -> Result<Vec<super::names::Name>, Error> {
        let count = self.blocks.names.len();
        let blocks: Vec<Result<&[u8], Error>> = (0..count)
            .map(|number| self.block_bytes(&self.names, Block::Names(number)))
            .collect();
        let mut names = Vec::new();
        let mut total = 0;
        for (number, bytes) in blocks.into_iter().enumerate() {
            let (block, count) = super::names::read_names(bytes?, number, self.article_count())?;
            total = count.unwrap_or(total);
            names.extend(block);
        }
        if names.len() != total
            || names
                .iter()
                .flat_map(|n| &n.with)
                .any(|w| w.0 as usize >= total)
        {
            return Err(Error::corrupt(
                "names: the blocks do not hold the names counted",
            ));
        }
        Ok(names)
    }

    /// The bytes of positions block `number` (paired with postings block `number`).
    pub(super) fn positions_block(&self, number: usize) -> Result<&[u8], Error> {
        self.block_bytes(&self.positions, Block::Positions(number))
    }

    /// Calls `visit` with each entry of the suffixes dictionary from `from` (inclusive) to
    /// `to` (exclusive; `None`: to the end), in key order, block by block, until it returns
    /// false. Blocks not here are skipped and noted as missing.
    pub(crate) fn for_each_suffix(
        &self,
        from: &[u8],
        to: Option<&[u8]>,
        visit: impl FnMut(&[u8], u64) -> bool,
    ) {
        self.for_each_entry(
            &self.suffixes,
            Block::Suffixes,
            (from, to),
            AlwaysMatch,
            visit,
        );
    }

    /// [`for_each_suffix`](Self::for_each_suffix) for the terms dictionary.
    pub(crate) fn for_each_term(
        &self,
        from: &[u8],
        to: Option<&[u8]>,
        visit: impl FnMut(&[u8], u64) -> bool,
    ) {
        self.for_each_entry(&self.terms, Block::Terms, (from, to), AlwaysMatch, visit);
    }

    /// The entries of the letters dictionary from `from` (inclusive) to `to` (exclusive;
    /// `None`: to the end) that `automaton` matches, in key order: at most `limit`.
    pub(crate) fn letters_matching<A: Automaton>(
        &self,
        (from, to): (&[u8], Option<&[u8]>),
        automaton: A,
        limit: usize,
    ) -> Vec<(Vec<u8>, u64)> {
        let mut found = Vec::new();
        self.for_each_entry(
            &self.letters,
            Block::Letters,
            (from, to),
            automaton,
            |key, value| {
                found.push((key.to_vec(), value));
                found.len() < limit
            },
        );
        found
    }

    /// The terms dictionary's value for `term` (its postings offset, shape and count class),
    /// read from the one block its key would be in; `None` when it is not a term, or when
    /// that block is not here (then noted as missing).
    pub(crate) fn term(&self, term: &str) -> Option<u64> {
        let key = term.as_bytes();
        let number = self.blocks.terms.holding_key(key)?;
        let bytes = self.block_bytes(&self.terms, Block::Terms(number)).ok()?;
        fst::Map::new(bytes).ok()?.get(key)
    }

    /// The document of the article with id `id`, read from the one ids block it would be in:
    /// `Ok(None)` when no article has it, `Err(Error::Absent)` when that block is not here
    /// (then noted as missing).
    pub fn find_id(&self, id: &str) -> Result<Option<DocId>, Error> {
        let known = self.ids_of_texts.lock().ok();
        if let Some(&doc) = known.as_ref().and_then(|known| known.get(id)) {
            return Ok(Some(doc));
        }
        drop(known);
        let key = id.as_bytes();
        let Some(number) = self.blocks.ids.holding_key(key) else {
            return Ok(None);
        };
        let bytes = self.block_bytes(&self.ids, Block::Ids(number))?;
        let map = fst::Map::new(bytes).map_err(|e| Error::corrupt(format!("ids block: {e}")))?;
        Ok(map
            .get(key)
            .and_then(|doc| DocId::try_from(doc).ok())
            .filter(|&doc| (doc as usize) < self.article_count()))
    }

    /// Every article's key, by document: [`article_key`] of its id. Keys name an article
    /// across rebuilds of the archive, where document numbers change (what a reader kept
    /// about articles is kept by key). Reads every ids block: `Err(Error::Absent)` when some
    /// are not here (all of them then noted as missing).
    pub fn article_keys(&self) -> Result<Vec<u32>, Error> {
        use fst::Streamer;
        let count = self.blocks.ids.len();
        let blocks: Vec<Result<&[u8], Error>> = (0..count)
            .map(|number| self.block_bytes(&self.ids, Block::Ids(number)))
            .collect();
        let mut keys = vec![0u32; self.article_count()];
        for bytes in blocks {
            let map =
                fst::Map::new(bytes?).map_err(|e| Error::corrupt(format!("ids block: {e}")))?;
            let mut entries = map.stream();
            while let Some((id, doc)) = entries.next() {
                if let Some(key) = usize::try_from(doc).ok().and_then(|d| keys.get_mut(d)) {
                    *key = article_key_of_bytes(id);
                }
            }
        }
        Ok(keys)
    }

    /// Calls `visit` with each entry of the dictionary cut into `kind` blocks (in `section`,
    /// or given) from `from` to `to` that `automaton` matches, in key order, until it
    /// returns false.
    fn for_each_entry<A: Automaton>(
        &self,
        section: &Section<D>,
        kind: fn(usize) -> Block,
        (from, to): (&[u8], Option<&[u8]>),
        automaton: A,
        mut visit: impl FnMut(&[u8], u64) -> bool,
    ) {
        use fst::{IntoStreamer, Streamer};
        let (list, _) = self.list_of(kind(0));
        for number in list.keyed_range(from, to) {
            let Ok(bytes) = self.block_bytes(section, kind(number)) else {
                continue;
            };
            let Ok(map) = fst::Map::new(bytes) else {
                continue;
            };
            let range = map.search(&automaton).ge(from);
            let mut stream = match to {
                Some(to) => range.lt(to).into_stream(),
                None => range.into_stream(),
            };
            while let Some((key, value)) = stream.next() {
                if !visit(key, value) {
                    return;
                }
            }
        }
    }
}

/// The key of the article with id `id` (see [`Index::article_keys`]): 32 bits of its id's
/// checksum, so a reader's marks on thousands of articles stay small; two ids share a key
/// with one chance in four billion.
pub fn article_key(id: &str) -> u32 {
    article_key_of_bytes(id.as_bytes())
}

fn article_key_of_bytes(id: &[u8]) -> u32 {
    crate::codec::short_checksum(id) as u32
}
