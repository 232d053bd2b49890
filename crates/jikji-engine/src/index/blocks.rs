//! The blocks section: the postings section cut into blocks at list boundaries, each with
//! its length and checksum, so a browser can fetch only the blocks a query reads.
//!
//! [`write_blocks`] cuts the postings as the builder writes them; [`read_blocks`] reads the
//! directory on open into [`PostingsBlock`]s. In a whole index every block is inline (in the
//! postings section); in a split index (see [`split`](super::split)) the postings section is
//! empty and a block arrives by [`Index::add_postings`]. A read of a block that has not
//! arrived yields nothing and is remembered: [`Index::take_missing_postings`] tells the caller
//! which blocks to fetch before searching again.

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::{Mutex, OnceLock};

use super::Index;
use crate::codec::{checksum, write_varint, Reader};
use crate::error::Error;

/// A block closes once its lists pass this many bytes (a list is never cut, so a common
/// term's list makes a block of its own). A query reads the lists of its words' expansions,
/// which for a prefix are neighbours in term order: larger blocks mean fewer requests per
/// query but more bytes not read. 16–64 KiB suits a static host (about 10–40 ms at 10 Mbit/s).
pub const POSTINGS_BLOCK_BYTES: usize = 32 * 1024;

/// One block of postings lists (see the layout in `index`).
pub(super) struct PostingsBlock {
    /// Where the block starts in the postings section (the offset of its first list).
    pub(super) start: u64,
    pub(super) len: usize,
    pub(super) checksum: u64,
    /// Its bytes when given by [`Index::add_postings`] (a split index).
    pub(super) given: OnceLock<Box<[u8]>>,
}

/// The blocks of a postings section, and those a read asked for and did not find.
#[derive(Default)]
pub(super) struct Blocks {
    pub(super) list: Vec<PostingsBlock>,
    /// Whether the postings section holds every block (a whole index).
    pub(super) inline: bool,
    missing: Mutex<BTreeSet<usize>>,
}

/// Cuts the postings of lists of `list_lens` bytes (in writing order, `postings` their bytes
/// one after the other) into blocks and returns the directory: varint block count, then per
/// block varint byte length and u64 checksum.
pub(super) fn write_blocks(list_lens: impl IntoIterator<Item = usize>, postings: &[u8]) -> Vec<u8> {
    let mut cuts = Vec::new();
    let (mut start, mut end) = (0, 0);
    for len in list_lens {
        end += len;
        if end - start >= POSTINGS_BLOCK_BYTES {
            cuts.push(start..end);
            start = end;
        }
    }
    if end > start {
        cuts.push(start..end);
    }
    debug_assert_eq!(end, postings.len());
    let mut directory = Vec::new();
    write_varint(&mut directory, cuts.len() as u64);
    for range in cuts {
        write_varint(&mut directory, range.len() as u64);
        directory.extend_from_slice(&checksum(&postings[range]).to_le_bytes());
    }
    directory
}

/// Reads the blocks' directory of a postings section of `postings_len` bytes (0 when the
/// index is split).
pub(super) fn read_blocks(bytes: &[u8], postings_len: usize) -> Result<Blocks, Error> {
    let mut r = Reader::new(bytes);
    let count = r.varint_u32()? as usize;
    // Each entry takes at least nine bytes; a larger count is a lie told by damaged bytes.
    if count > bytes.len() / 9 {
        return Err(Error::corrupt(
            "postings block count exceeds the directory's size",
        ));
    }
    let mut list = Vec::with_capacity(count);
    let mut start = 0u64;
    for _ in 0..count {
        let len = r.varint()?;
        let sum = r.u64_le()?;
        if len == 0 {
            return Err(Error::corrupt("an empty postings block"));
        }
        list.push(PostingsBlock {
            start,
            len: usize::try_from(len).map_err(|_| Error::corrupt("postings block too long"))?,
            checksum: sum,
            given: OnceLock::new(),
        });
        start = start
            .checked_add(len)
            .ok_or_else(|| Error::corrupt("postings block length overflow"))?;
    }
    let inline = match postings_len as u64 {
        n if n == start => true,
        0 => false,
        n => {
            return Err(Error::corrupt(format!(
                "postings section of {n} bytes, its blocks hold {start}"
            )))
        }
    };
    Ok(Blocks {
        list,
        inline,
        missing: Mutex::default(),
    })
}

impl Blocks {
    /// The number and byte range (in the postings section) of the block holding `offset`.
    pub(super) fn find(&self, offset: u64) -> Option<(usize, Range<usize>)> {
        let number = self
            .list
            .partition_point(|b| b.start <= offset)
            .checked_sub(1)?;
        let block = &self.list[number];
        let start = usize::try_from(block.start).ok()?;
        Some((number, start..start + block.len))
    }

    /// Remembers that a read needed block `number`, which is not here.
    pub(super) fn note_missing(&self, number: usize) {
        if let Ok(mut missing) = self.missing.lock() {
            missing.insert(number);
        }
    }
}

impl<D: AsRef<[u8]>> Index<D> {
    /// Number of postings blocks.
    pub fn postings_block_count(&self) -> usize {
        self.blocks.list.len()
    }

    /// Whether postings block `number` is here (always, unless the index is split).
    pub fn has_postings(&self, number: usize) -> bool {
        self.blocks.inline
            || self
                .blocks
                .list
                .get(number)
                .is_some_and(|b| b.given.get().is_some())
    }

    /// Gives a split index postings block `number` (the bytes [`split`](super::split) made of
    /// it). The bytes must match the block's length and checksum in the directory. Giving a
    /// block that is already here does nothing.
    pub fn add_postings(&self, number: usize, bytes: &[u8]) -> Result<(), Error> {
        self.check_postings(number, bytes)?;
        if !self.blocks.inline {
            let _ = self.blocks.list[number].given.set(bytes.into());
        }
        Ok(())
    }

    /// Checks that `bytes` are postings block `number` as the directory lists it (length and
    /// checksum).
    pub fn check_postings(&self, number: usize, bytes: &[u8]) -> Result<(), Error> {
        let block = self
            .blocks
            .list
            .get(number)
            .ok_or_else(|| Error::corrupt(format!("no postings block {number}")))?;
        if bytes.len() != block.len {
            return Err(Error::corrupt(format!(
                "postings block {number}: {} bytes, expected {}",
                bytes.len(),
                block.len
            )));
        }
        let got = checksum(bytes);
        if got != block.checksum {
            return Err(Error::Checksum {
                expected: block.checksum,
                got,
            });
        }
        Ok(())
    }

    /// The postings blocks reads have asked for since the last call and not found, in order;
    /// a search that needed one gave results without its lists (see
    /// [`SearchResults::missing_postings`](crate::SearchResults)).
    pub fn take_missing_postings(&self) -> Vec<usize> {
        self.blocks
            .missing
            .lock()
            .map(|mut missing| std::mem::take(&mut *missing).into_iter().collect())
            .unwrap_or_default()
    }

    /// The bytes of the block holding postings `offset`, and where that offset is in them;
    /// `Error::Absent` (and the block noted as missing) when a split index does not have it.
    pub(super) fn postings_block(&self, offset: u64) -> Result<(&[u8], usize), Error> {
        let (number, range) = self
            .blocks
            .find(offset)
            .ok_or_else(|| Error::corrupt("postings offset beyond every block"))?;
        let at = (offset - self.blocks.list[number].start) as usize;
        if self.blocks.inline {
            let bytes = self
                .postings
                .as_ref()
                .get(range)
                .ok_or_else(|| Error::corrupt("postings block beyond the section"))?;
            return Ok((bytes, at));
        }
        match self.blocks.list[number].given.get() {
            Some(bytes) => Ok((bytes, at)),
            None => {
                self.blocks.note_missing(number);
                Err(Error::Absent)
            }
        }
    }
}
