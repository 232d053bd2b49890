//! The postings and positions sections: per term, the documents it occurs in with their term
//! frequencies (in `postings`, the doc block: all that counting and scoring read), and its
//! positions in each (in `positions`, kept apart so a query of one word fetches none of
//! them; phrases, spacing and proximity read them). [`TermPostings`] writes one term's list
//! as documents are added; the readers on [`Index`] decode one in place. The byte layout is in
//! `index`'s doc.

use super::{DocId, Index};
use crate::codec::{varint_len, write_varint, Reader};
use crate::doc_mask::DocMask;
use crate::error::Error;
use crate::shape;

/// One term's occurrences in one article.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Posting {
    pub doc: DocId,
    pub title_positions: Vec<u32>,
    pub body_positions: Vec<u32>,
}

/// One term's postings list being written: the doc block and the positions block of the
/// layout above, kept apart until `finish` joins them.
#[derive(Default)]
pub(super) struct TermPostings {
    pub(super) count: u32,
    last_doc: DocId,
    pub(super) docs: Vec<u8>,
    pub(super) positions: Vec<u8>,
    /// Occurrences of the term, and of them those written right after a number (not
    /// written to the index: they decide how the term is read, see `term_shapes`).
    occurrences: u32,
    pub(super) after_number: u32,
    /// The documents where the term is never read as itself (see `readings`), in id order.
    pub(super) read_otherwise: Vec<DocId>,
}

impl TermPostings {
    /// Appends one document's occurrences: title positions, then body positions, each sorted.
    pub(super) fn push(&mut self, doc: DocId, title: &[u32], body: &[u32]) {
        let (title_tf, body_tf) = (title.len() as u64, body.len() as u64);
        self.occurrences += (title.len() + body.len()) as u32;
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

    /// The articles of this list where the term is read as itself (all but those of
    /// `read_otherwise`), in increasing order.
    pub(super) fn articles_read_as_itself(&self) -> Vec<DocId> {
        let mut r = Reader::new(&self.docs);
        let mut docs = Vec::with_capacity(self.count as usize);
        let mut doc: DocId = 0;
        for _ in 0..self.count {
            let Ok(head) = r.varint() else { break };
            doc += (head >> 3) as DocId;
            if head >> 1 & 3 == 3 && r.varint().is_err() {
                break;
            }
            if head & 1 == 1 && r.varint().is_err() {
                break;
            }
            if self.read_otherwise.binary_search(&doc).is_err() {
                docs.push(doc);
            }
        }
        docs
    }

    /// Whether the term stands right after a number in at least half of its occurrences.
    pub(super) fn mostly_after_number(&self) -> bool {
        self.after_number > 0 && self.after_number * 2 >= self.occurrences
    }

    /// Bytes of this list in the postings section (see [`TermPostings::write`]).
    pub(super) fn encoded_len(&self) -> usize {
        let mut readings = Vec::new();
        self.write_readings(&mut readings);
        varint_len(self.head())
            + varint_len(self.docs.len() as u64)
            + varint_len(self.positions.len() as u64)
            + readings.len()
            + self.docs.len()
    }

    /// Appends this list as the postings section holds it (varint `count << 1 | whether
    /// articles read otherwise follow`, varint doc block length, varint positions length,
    /// those articles (see `write_readings`), the doc block) to `postings`, and its positions
    /// to `positions`.
    pub(super) fn write(&self, postings: &mut Vec<u8>, positions: &mut Vec<u8>) {
        write_varint(postings, self.head());
        write_varint(postings, self.docs.len() as u64);
        write_varint(postings, self.positions.len() as u64);
        self.write_readings(postings);
        postings.extend_from_slice(&self.docs);
        positions.extend_from_slice(&self.positions);
    }

    fn head(&self) -> u64 {
        u64::from(self.count) << 1 | u64::from(!self.read_otherwise.is_empty())
    }

    /// The articles where the term is never read as itself, if any: varint count, then
    /// varint article id deltas.
    fn write_readings(&self, out: &mut Vec<u8>) {
        if self.read_otherwise.is_empty() {
            return;
        }
        write_varint(out, self.read_otherwise.len() as u64);
        let mut last = 0;
        for &doc in &self.read_otherwise {
            write_varint(out, u64::from(doc - last));
            last = doc;
        }
    }

    /// Appends the list `other` built over documents numbered from 0, whose ids here start at
    /// `first_doc`: only its first doc gap changes (it was counted from 0).
    pub(super) fn append(&mut self, other: TermPostings, first_doc: DocId) {
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
        self.occurrences += other.occurrences;
        self.after_number += other.after_number;
        self.read_otherwise
            .extend(other.read_otherwise.iter().map(|&doc| doc + first_doc));
        self.last_doc = other.last_doc + first_doc;
    }
}

impl<D: AsRef<[u8]>> Index<D> {
    /// The postings of an exact term, or an empty list when the term is absent.
    pub fn postings_of(&self, term: &str) -> Result<Vec<Posting>, Error> {
        let mut list = Vec::new();
        if let Some(offset) = self.term(term) {
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
    /// its shape bits are ignored; 0 if unreadable, or not here in a split index).
    pub(crate) fn doc_frequency(&self, offset: u64) -> usize {
        self.postings_list(offset).map_or(0, |list| list.count)
    }

    /// The articles where the term with postings at `offset` (a terms dictionary value) is
    /// never read as itself, in id order (empty for most terms, and when the list is not here
    /// or cannot be read).
    pub(crate) fn read_otherwise(&self, offset: u64) -> Vec<DocId> {
        let Ok(PostingsList {
            count,
            mut readings,
            ..
        }) = self.postings_list(offset)
        else {
            return Vec::new();
        };
        read_docs(&mut readings, count, self.docs.len()).unwrap_or_default()
    }

    /// Decodes the postings list at `offset` (a value of the term dictionary), calling `visit`
    /// for each posting in document order. Returns the number of documents in the list.
    pub(crate) fn read_postings(
        &self,
        offset: u64,
        wanted: Positions<'_>,
        mut visit: impl FnMut(PostingRef<'_>),
    ) -> Result<usize, Error> {
        let PostingsList {
            count,
            docs: mut doc_block,
            ..
        } = self.postings_list(offset)?;
        let mut positions = self.positions_of(offset)?;
        let docs = self.docs.len();
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
        let PostingsList {
            count,
            docs: mut doc_block,
            ..
        } = self.postings_list(offset)?;
        let docs = self.docs.len();
        let mut doc = 0;
        for _ in 0..count {
            let (title_tf, body_tf);
            (doc, title_tf, body_tf) = Self::next_posting(&mut doc_block, doc, docs)?;
            visit(doc, title_tf, body_tf);
        }
        Ok(count)
    }

    /// The list at `offset`, read within its postings block.
    fn postings_list(&self, offset: u64) -> Result<PostingsList<'_>, Error> {
        let (_, bytes, at) = self.postings_block(offset & shape::OFFSET_MASK)?;
        let mut r = Reader::at(bytes, at)?;
        let head = ListHead::read(&mut r)?;
        let readings = r.clone();
        if head.has_readings {
            read_docs(&mut r, head.count, self.docs.len())?;
        }
        let start = r.position();
        let end = start.saturating_add(head.doc_block_len);
        let block = bytes
            .get(start..end)
            .ok_or_else(|| Error::corrupt("postings doc block beyond its block"))?;
        Ok(PostingsList {
            count: head.count,
            readings: if head.has_readings {
                readings
            } else {
                Reader::new(&[])
            },
            docs: Reader::new(block),
        })
    }

    /// The positions of the list at `offset`: in the positions block paired with its postings
    /// block, after those of the lists before it there (their lengths are in their heads).
    fn positions_of(&self, offset: u64) -> Result<Reader<'_>, Error> {
        let (number, bytes, at) = self.postings_block(offset & shape::OFFSET_MASK)?;
        let mut r = Reader::new(bytes);
        let mut start = 0usize;
        loop {
            let here = r.position();
            let head = ListHead::read(&mut r)?;
            if here == at {
                let positions = self.positions_block(number)?;
                let end = start.saturating_add(head.positions_len);
                return positions
                    .get(start..end)
                    .map(Reader::new)
                    .ok_or_else(|| Error::corrupt("positions beyond their block"));
            }
            if here > at {
                return Err(Error::corrupt("postings offset inside a list"));
            }
            if head.has_readings {
                let n = r.varint()?;
                r.skip_varints(n as usize)?;
            }
            r.bytes(head.doc_block_len)?;
            start = start.saturating_add(head.positions_len);
        }
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

/// One term's postings list, as `postings_list` finds it: readers on its parts.
struct PostingsList<'a> {
    /// Documents in the list.
    count: usize,
    /// The articles where the term is never read as itself (empty when there are none).
    readings: Reader<'a>,
    docs: Reader<'a>,
}

/// The head of a postings list (see [`TermPostings::write`]).
struct ListHead {
    count: usize,
    has_readings: bool,
    doc_block_len: usize,
    positions_len: usize,
}

impl ListHead {
    fn read(r: &mut Reader<'_>) -> Result<ListHead, Error> {
        let head = r.varint()?;
        Ok(ListHead {
            count: usize::try_from(head >> 1)
                .map_err(|_| Error::corrupt("postings: document count overflows"))?,
            has_readings: head & 1 == 1,
            doc_block_len: r.varint_u32()? as usize,
            positions_len: r.varint_u32()? as usize,
        })
    }
}

/// Reads the articles a term is read otherwise in (varint count, varint id deltas), checked to
/// be in increasing order, below `doc_count`, and no more than the list's `count`.
fn read_docs(r: &mut Reader<'_>, count: usize, doc_count: usize) -> Result<Vec<DocId>, Error> {
    if r.remaining() == 0 {
        return Ok(Vec::new());
    }
    let n = r.varint_u32()? as usize;
    if n > count {
        return Err(Error::corrupt(
            "readings: more articles than the term's list",
        ));
    }
    let mut docs = Vec::with_capacity(n);
    let mut doc = 0u64;
    for _ in 0..n {
        let delta = r.varint()?;
        doc = doc.saturating_add(delta);
        if doc >= doc_count as u64 || delta == 0 && !docs.is_empty() {
            return Err(Error::corrupt("readings: article out of range or order"));
        }
        docs.push(doc as DocId);
    }
    Ok(docs)
}

/// Which documents' positions `read_postings` decodes.
#[derive(Clone, Copy)]
pub(crate) enum Positions<'a> {
    All,
    /// Only these documents' (the others' are skipped, and reported empty).
    Only(&'a DocMask),
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
