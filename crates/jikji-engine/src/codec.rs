//! Byte-level helpers of the index format: LEB128 varints, a bounds-checked reader and the
//! checksum. Every read is checked, so damaged bytes become [`Error::Corrupt`], never a panic.

use crate::error::Error;

pub(crate) fn write_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// How many bytes `write_varint` writes for `value`.
pub(crate) fn varint_len(value: u64) -> usize {
    (64 - value.leading_zeros() as usize).max(1).div_ceil(7)
}

/// The varint at `bytes[pos..]` and where it ends.
#[inline(never)]
fn varint_at(bytes: &[u8], mut pos: usize) -> Result<(u64, usize), Error> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let byte = *bytes
            .get(pos)
            .ok_or_else(|| Error::corrupt("varint runs past the end"))?;
        pos += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Ok((value, pos));
        }
    }
    Err(Error::corrupt("varint longer than 10 bytes"))
}

/// A cursor over bytes whose reads fail with [`Error::Corrupt`] instead of panicking.
#[derive(Clone)]
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, pos: 0 }
    }

    pub(crate) fn at(bytes: &'a [u8], pos: usize) -> Result<Self, Error> {
        if pos > bytes.len() {
            return Err(Error::corrupt(format!(
                "offset {pos} beyond {} bytes",
                bytes.len()
            )));
        }
        Ok(Reader { bytes, pos })
    }

    #[inline]
    pub(crate) fn varint(&mut self) -> Result<u64, Error> {
        // Most values of the postings (doc gaps, positions) fit one byte.
        if let Some(&byte) = self.bytes.get(self.pos) {
            if byte < 0x80 {
                self.pos += 1;
                return Ok(u64::from(byte));
            }
        }
        // The reader is not lent to the longer decoding, so a loop reading postings can keep
        // its position in a register.
        let (value, end) = varint_at(self.bytes, self.pos)?;
        self.pos = end;
        Ok(value)
    }

    /// A varint that must fit a u32 (doc ids, counts, positions).
    #[inline]
    pub(crate) fn varint_u32(&mut self) -> Result<u32, Error> {
        u32::try_from(self.varint()?).map_err(|_| Error::corrupt("value does not fit 32 bits"))
    }

    /// Skips `count` varints without decoding them: a varint ends at a byte below 0x80.
    pub(crate) fn skip_varints(&mut self, count: usize) -> Result<(), Error> {
        let mut left = count;
        // Eight bytes at a time while they hold fewer ends of varints than are left to skip (a
        // byte below 0x80 ends one): skipping positions is most of a proximity check's work.
        while left > 8 {
            let Some(chunk) = self.bytes.get(self.pos..self.pos + 8) else {
                break;
            };
            let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0xff; 8]));
            let ends = 8 - (word & 0x8080_8080_8080_8080).count_ones() as usize;
            if ends >= left {
                break;
            }
            left -= ends;
            self.pos += 8;
        }
        while left > 0 {
            let byte = *self
                .bytes
                .get(self.pos)
                .ok_or_else(|| Error::corrupt("varint runs past the end"))?;
            self.pos += 1;
            if byte < 0x80 {
                left -= 1;
            }
        }
        Ok(())
    }

    pub(crate) fn position(&self) -> usize {
        self.pos
    }

    /// How many bytes are left to read.
    pub(crate) fn remaining(&self) -> usize {
        self.bytes.len().saturating_sub(self.pos)
    }

    pub(crate) fn u32_le(&mut self) -> Result<u32, Error> {
        Ok(u32::from_le_bytes(self.array::<4>()?))
    }

    pub(crate) fn u64_le(&mut self) -> Result<u64, Error> {
        Ok(u64::from_le_bytes(self.array::<8>()?))
    }

    /// The next `len` bytes.
    pub(crate) fn bytes(&mut self, len: usize) -> Result<&'a [u8], Error> {
        let slice = self
            .bytes
            .get(self.pos..self.pos.saturating_add(len))
            .ok_or_else(|| Error::corrupt("unexpected end of data"))?;
        self.pos += len;
        Ok(slice)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], Error> {
        let slice = self
            .bytes
            .get(self.pos..self.pos + N)
            .ok_or_else(|| Error::corrupt("unexpected end of data"))?;
        self.pos += N;
        Ok(slice.try_into().expect("slice has length N"))
    }
}

/// Checks that `bytes` are the part `what` (a text chunk, a block) as its directory lists it:
/// `len` bytes whose `sum` ([`checksum`] or [`short_checksum`]) is `expected`.
pub(crate) fn check_listed(
    what: impl std::fmt::Display,
    bytes: &[u8],
    (len, expected): (usize, u64),
    sum: fn(&[u8]) -> u64,
) -> Result<(), Error> {
    if bytes.len() != len {
        return Err(Error::corrupt(format!(
            "{what}: {} bytes, expected {len}",
            bytes.len()
        )));
    }
    let got = sum(bytes);
    if got != expected {
        return Err(Error::Checksum {
            part: what.to_string(),
            expected,
            got,
        });
    }
    Ok(())
}

/// [`checksum`] folded to 32 bits, for parts listed by the thousand (the text chunks), where
/// the directory's size counts: still one chance in four billion that damage goes unseen.
pub fn short_checksum(bytes: &[u8]) -> u64 {
    let sum = checksum(bytes);
    (sum ^ sum >> 32) & 0xFFFF_FFFF
}

/// FNV-1a, 64 bits, over 8-byte little-endian words (then the tail byte by byte): one multiply
/// per word keeps the check cheap at startup in the browser while still catching any flipped
/// byte. It guards against damage, not against tampering.
pub(crate) fn checksum(bytes: &[u8]) -> u64 {
    let mut sum = Checksum::default();
    sum.update(bytes);
    sum.finish()
}

/// [`checksum`] of bytes given a piece at a time (an index written to a file as it is built):
/// the same value as over the pieces joined, however they are cut.
#[derive(Clone, Copy)]
pub(crate) struct Checksum {
    hash: u64,
    /// The start of a word not yet whole, and its length.
    partial: [u8; 8],
    partial_len: usize,
}

impl Default for Checksum {
    fn default() -> Self {
        Checksum {
            hash: 0xcbf2_9ce4_8422_2325,
            partial: [0; 8],
            partial_len: 0,
        }
    }
}

impl Checksum {
    const PRIME: u64 = 0x0000_0100_0000_01b3;

    pub(crate) fn update(&mut self, mut bytes: &[u8]) {
        if self.partial_len > 0 {
            let take = (8 - self.partial_len).min(bytes.len());
            self.partial[self.partial_len..self.partial_len + take].copy_from_slice(&bytes[..take]);
            self.partial_len += take;
            bytes = &bytes[take..];
            if self.partial_len < 8 {
                return;
            }
            self.fold_word(self.partial);
            self.partial_len = 0;
        }
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            self.fold_word(word.try_into().expect("8 bytes"));
        }
        let tail = words.remainder();
        self.partial[..tail.len()].copy_from_slice(tail);
        self.partial_len = tail.len();
    }

    fn fold_word(&mut self, word: [u8; 8]) {
        self.hash = (self.hash ^ u64::from_le_bytes(word)).wrapping_mul(Self::PRIME);
    }

    pub(crate) fn finish(&self) -> u64 {
        self.partial[..self.partial_len]
            .iter()
            .fold(self.hash, |hash, &byte| {
                (hash ^ u64::from(byte)).wrapping_mul(Self::PRIME)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip() {
        let values = [
            0u64,
            1,
            127,
            128,
            300,
            16_383,
            16_384,
            u32::MAX as u64,
            u64::MAX,
        ];
        let mut bytes = Vec::new();
        for &v in &values {
            write_varint(&mut bytes, v);
        }
        let mut reader = Reader::new(&bytes);
        for &v in &values {
            assert_eq!(reader.varint().unwrap(), v);
        }
        assert!(reader.varint().is_err(), "reading past the end must fail");
    }

    #[test]
    fn skipping_varints_lands_where_reading_them_does() {
        // Values of one to five bytes in a pseudo-random mix.
        let mut bytes = Vec::new();
        let mut x = 12345u64;
        let mut values = Vec::new();
        for _ in 0..2000 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let v = (x >> 33) >> ((x >> 7) % 32);
            values.push(v);
            write_varint(&mut bytes, v);
        }
        for skip in [0, 1, 7, 8, 9, 15, 16, 17, 100, 1999] {
            let mut reader = Reader::new(&bytes);
            reader.skip_varints(skip).unwrap();
            assert_eq!(
                reader.varint().unwrap(),
                values[skip],
                "after skipping {skip}"
            );
        }
        assert!(
            Reader::new(&bytes).skip_varints(2001).is_err(),
            "skipping past the end must fail"
        );
    }

    #[test]
    fn varint_len_counts_what_is_written() {
        for value in [0u64, 1, 127, 128, 16_383, 16_384, u32::MAX as u64, u64::MAX] {
            let mut out = Vec::new();
            write_varint(&mut out, value);
            assert_eq!(varint_len(value), out.len(), "{value}");
        }
    }

    #[test]
    fn checksum_given_in_pieces_is_the_checksum_of_the_whole() {
        let data: Vec<u8> = (0..203u32).map(|i| (i * 37 % 251) as u8).collect();
        let whole = checksum(&data);
        for cut in [1, 3, 7, 8, 9, 64, 100] {
            let mut sum = Checksum::default();
            for piece in data.chunks(cut) {
                sum.update(piece);
            }
            assert_eq!(sum.finish(), whole, "pieces of {cut} bytes");
        }
        assert_ne!(whole, checksum(&data[1..]));
    }

    #[test]
    fn checksum_sees_every_byte() {
        let data: Vec<u8> = (0..=255u8).cycle().take(1000).collect();
        let base = checksum(&data);
        for i in [0, 7, 8, 500, 999] {
            let mut damaged = data.clone();
            damaged[i] ^= 1;
            assert_ne!(checksum(&damaged), base, "flip at {i} undetected");
        }
    }
}
