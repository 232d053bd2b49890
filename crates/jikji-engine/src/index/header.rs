//! The header: magic, format version, section count, checksum, and where each section lies
//! with its own checksum (so damage is named by the section it is in).
//! [`write_header`] fills it in, [`read_sections`] checks it when an index is opened;
//! [`stored_checksum`] reads it without opening the index.

use std::ops::Range;

use super::{FORMAT_VERSION, MAGIC, SECTION_COUNT, SECTION_NAMES};
use crate::codec::{checksum, Checksum, Reader};
use crate::error::Error;

pub(super) const CHECKSUM_OFFSET: usize = 16;
/// Where the section table starts; it is followed by its own checksum.
const TABLE_OFFSET: usize = CHECKSUM_OFFSET + 8;
const TABLE_LEN: usize = SECTION_COUNT * 24;
pub(super) const HEADER_LEN: usize = TABLE_OFFSET + TABLE_LEN + 8;

/// Fills in the header at the start of `out` (room for it left empty) for sections at `ranges`
/// (each with its checksum), with the checksum of everything after it.
pub(super) fn write_header(out: &mut [u8], ranges: &[Range<usize>; SECTION_COUNT]) {
    let sums = ranges.clone().map(|range| checksum(&out[range]));
    let mut header = header_table(ranges, &sums);
    let mut sum = Checksum::default();
    sum.update(&header[CHECKSUM_OFFSET + 8..]);
    sum.update(&out[HEADER_LEN..]);
    seal_header(&mut header, sum.finish());
    out[..HEADER_LEN].copy_from_slice(&header);
}

/// The header of sections at `ranges` with checksums `sums`, its own checksum left 0 (see
/// [`seal_header`]).
pub(super) fn header_table(
    ranges: &[Range<usize>; SECTION_COUNT],
    sums: &[u64; SECTION_COUNT],
) -> Vec<u8> {
    let mut header = Vec::with_capacity(HEADER_LEN);
    header.extend_from_slice(MAGIC);
    header.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    header.extend_from_slice(&(SECTION_COUNT as u32).to_le_bytes());
    header.extend_from_slice(&0u64.to_le_bytes()); // checksum, filled in by `seal_header`
    for (range, sum) in ranges.iter().zip(sums) {
        header.extend_from_slice(&(range.start as u64).to_le_bytes());
        header.extend_from_slice(&(range.len() as u64).to_le_bytes());
        header.extend_from_slice(&sum.to_le_bytes());
    }
    let table = checksum(&header[TABLE_OFFSET..]);
    header.extend_from_slice(&table.to_le_bytes());
    header
}

/// Puts `sum`, the checksum of everything after it (the header's table, then the sections),
/// into `header`.
pub(super) fn seal_header(header: &mut [u8], sum: u64) {
    header[CHECKSUM_OFFSET..CHECKSUM_OFFSET + 8].copy_from_slice(&sum.to_le_bytes());
}

/// Checks the header of `bytes` (magic, format version, section count, checksum) and returns
/// its checksum and where each section lies, each within the bytes.
pub(super) fn read_sections(bytes: &[u8]) -> Result<(u64, [Range<usize>; SECTION_COUNT]), Error> {
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
            part: damaged_part(bytes),
            expected: stored,
            got: computed,
        });
    }
    let mut ranges: [Range<usize>; SECTION_COUNT] = Default::default();
    for (range, name) in ranges.iter_mut().zip(SECTION_NAMES) {
        let offset = header.u64_le()?;
        let len = header.u64_le()?;
        let _section_checksum = header.u64_le()?;
        let end = offset
            .checked_add(len)
            .filter(|&end| end <= bytes.len() as u64);
        match end {
            Some(end) if offset >= HEADER_LEN as u64 => *range = offset as usize..end as usize,
            _ => return Err(Error::corrupt(format!("{name} section out of bounds"))),
        }
    }
    Ok((stored, ranges))
}

/// Where the damage is in `bytes`, an index whose checksum does not match: its header (the
/// section table, checked by its own checksum), else the first section whose own checksum
/// does not match.
fn damaged_part(bytes: &[u8]) -> String {
    let header = "its header".to_string();
    let Some(table) = bytes.get(TABLE_OFFSET..TABLE_OFFSET + TABLE_LEN) else {
        return header;
    };
    let stored_table = bytes
        .get(TABLE_OFFSET + TABLE_LEN..HEADER_LEN)
        .and_then(|b| b.try_into().ok())
        .map(u64::from_le_bytes);
    if stored_table != Some(checksum(table)) {
        return header;
    }
    let mut entries = Reader::new(table);
    for name in SECTION_NAMES {
        let (Ok(offset), Ok(len), Ok(sum)) = (entries.u64_le(), entries.u64_le(), entries.u64_le())
        else {
            break;
        };
        let section = usize::try_from(offset)
            .ok()
            .zip(usize::try_from(len).ok())
            .and_then(|(start, len)| bytes.get(start..start.checked_add(len)?));
        if section.is_some_and(|section| checksum(section) != sum) {
            return format!("its {name} section");
        }
    }
    header
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

/// Appends a section's bytes and returns where they are.
pub(super) fn append_section(out: &mut Vec<u8>, bytes: &[u8]) -> Range<usize> {
    let start = out.len();
    out.extend_from_slice(bytes);
    start..out.len()
}
