//! Bytes to text: UTF-32 and UTF-16 (by their BOM, or without one by where their zero bytes
//! fall), ISO-2022-KR (7-bit Korean mail's encoding, by its designator `ESC $ ) C`), UTF-8
//! (with or without BOM), and the legacy Korean CP949/EUC-KR, detected in that order. The
//! encoding used is reported per file.

use encoding_rs::{Encoding, EUC_KR, UTF_16BE, UTF_16LE};

/// Decoded text, the name of the encoding it was read as, and anything worth a warning.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    pub warnings: Vec<String>,
}

/// Share of undecodable bytes above which a file is not text in any supported encoding, rather
/// than text with a few damaged bytes (0.5–2% is a sensible range).
const MAX_DAMAGED_SHARE: f64 = 0.01;

/// [`decode`], taking the bytes: a file in UTF-8 without a BOM (the usual case) becomes its
/// text without a copy, so a large file is not held twice.
pub fn decode_owned(bytes: Vec<u8>) -> Result<Decoded, String> {
    let plain = !bytes.starts_with(b"\xEF\xBB\xBF")
        && !bytes.contains(&0)
        && !bytes.iter().all(u8::is_ascii_whitespace);
    if plain && binary_at(&bytes).is_none() {
        match String::from_utf8(bytes) {
            Ok(text) => {
                return Ok(Decoded {
                    text,
                    encoding: "UTF-8",
                    warnings: Vec::new(),
                })
            }
            Err(e) => return decode(e.as_bytes()),
        }
    }
    decode(&bytes)
}

/// Decodes a file's bytes. `Err` carries a message for the report (the file is skipped).
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    let decoded = |text: String, encoding| {
        Ok(Decoded {
            text,
            encoding,
            warnings: Vec::new(),
        })
    };
    // UTF-32's byte order marks begin like UTF-16's: they are tried first.
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE\0\0") {
        return Ok(decode_utf32(rest, false, "UTF-32LE (BOM)"));
    }
    if let Some(rest) = bytes.strip_prefix(b"\0\0\xFE\xFF") {
        return Ok(decode_utf32(rest, true, "UTF-32BE (BOM)"));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return decoded(decode_utf16(UTF_16LE, rest), "UTF-16LE (BOM)");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return decoded(decode_utf16(UTF_16BE, rest), "UTF-16BE (BOM)");
    }
    let (bytes, utf8_name) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, "UTF-8 (BOM)"),
        None => (bytes, "UTF-8"),
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("empty file".into());
    }
    match wide_pattern(bytes) {
        Some(Wide::Utf32 { big_endian }) => {
            let name = if big_endian {
                "UTF-32BE (no BOM)"
            } else {
                "UTF-32LE (no BOM)"
            };
            return Ok(decode_utf32(bytes, big_endian, name));
        }
        Some(Wide::Utf16 { big_endian }) => {
            let (encoding, name) = if big_endian {
                (UTF_16BE, "UTF-16BE (no BOM)")
            } else {
                (UTF_16LE, "UTF-16LE (no BOM)")
            };
            return decoded(decode_utf16(encoding, bytes), name);
        }
        None => {}
    }
    if let Some(text) = iso_2022_kr(bytes) {
        return decoded(text, "ISO-2022-KR");
    }
    if let Some(at) = binary_at(bytes) {
        return Err(format!("binary content at byte {at} (not a text file)"));
    }
    let error = match std::str::from_utf8(bytes) {
        Ok(text) => return decoded(text.to_owned(), utf8_name),
        Err(error) => error,
    };
    if let Some(text) = EUC_KR.decode_without_bom_handling_and_without_replacement(bytes) {
        if text.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c)) {
            return decoded(text.into_owned(), "CP949/EUC-KR");
        }
    }
    // Mostly UTF-8 with damaged bytes: keep the text, mark the damage, say where it is.
    let text = String::from_utf8_lossy(bytes).into_owned();
    let damaged = text.matches('\u{FFFD}').count();
    if damaged as f64 > bytes.len() as f64 * MAX_DAMAGED_SHARE {
        return Err(format!(
            "not text in a supported encoding (UTF-8, UTF-16 with BOM, CP949): {damaged} undecodable sequences"
        ));
    }
    let line = line_of(bytes, error.valid_up_to());
    let warning = format!(
        "invalid UTF-8 at line {line} (byte {}){}; replaced by U+FFFD",
        error.valid_up_to(),
        if damaged > 1 {
            format!(" and {} more places", damaged - 1)
        } else {
            String::new()
        }
    );
    Ok(Decoded {
        text,
        encoding: utf8_name,
        warnings: vec![warning],
    })
}

/// The designator that opens ISO-2022-KR text (RFC 1557): KS X 1001 as the shifted set.
const ISO_2022_KR_DESIGNATOR: &[u8] = b"\x1b$)C";

/// Text in ISO-2022-KR (RFC 1557, 7-bit Korean mail): ASCII, and after Shift Out (0x0E) up to
/// Shift In (0x0F) or the line's end, KS X 1001 (EUC-KR's) characters as byte pairs without
/// their high bits. `None` when the bytes do not open with its designator or break its rules
/// (a byte above 0x7F, a shifted byte outside 0x21–0x7E, a pair cut short), so other text
/// never reads as it.
pub fn iso_2022_kr(bytes: &[u8]) -> Option<String> {
    let start = bytes
        .windows(ISO_2022_KR_DESIGNATOR.len())
        .take(4096)
        .position(|w| w == ISO_2022_KR_DESIGNATOR)?;
    if !bytes[..start].iter().all(u8::is_ascii) {
        return None;
    }
    let mut out = String::with_capacity(bytes.len());
    out.push_str(std::str::from_utf8(&bytes[..start]).ok()?);
    let mut rest = &bytes[start + ISO_2022_KR_DESIGNATOR.len()..];
    let mut shifted = false;
    let mut pair = Vec::new();
    while let Some((&b, tail)) = rest.split_first() {
        rest = tail;
        match b {
            0x0E => shifted = true,
            0x0F => shifted = false,
            0x1B if rest.starts_with(&ISO_2022_KR_DESIGNATOR[1..]) => {
                rest = &rest[ISO_2022_KR_DESIGNATOR.len() - 1..];
            }
            b'\n' | b'\r' => {
                shifted = false;
                out.push(b as char);
            }
            0x80.. => return None,
            _ if shifted => {
                if !(0x21..=0x7E).contains(&b) {
                    return None;
                }
                let (&second, tail) = rest.split_first()?;
                rest = tail;
                if !(0x21..=0x7E).contains(&second) {
                    return None;
                }
                pair.clear();
                pair.extend([b | 0x80, second | 0x80]);
                out.push_str(&EUC_KR.decode_without_bom_handling(&pair).0);
            }
            _ => out.push(b as char),
        }
    }
    Some(out)
}

/// How a file whose first bytes are `head` reads as UTF-8 when it is decoded a line at a time
/// ([`crate::stream`]): the encoding's name and the length of its byte order mark, or `None`
/// when [`decode`] would read it otherwise (a UTF-16 or UTF-32 mark, binary content). Bytes
/// further on that are not UTF-8 are for the reader to find.
pub fn utf8_head(head: &[u8]) -> Option<(&'static str, usize)> {
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") || head.starts_with(b"\0\0") {
        return None;
    }
    if head
        .windows(ISO_2022_KR_DESIGNATOR.len())
        .any(|w| w == ISO_2022_KR_DESIGNATOR)
    {
        return None;
    }
    let (rest, name, bom) = match head.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, "UTF-8 (BOM)", 3),
        None => (head, "UTF-8", 0),
    };
    binary_at(rest).is_none().then_some((name, bom))
}

fn decode_utf16(encoding: &'static Encoding, bytes: &[u8]) -> String {
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// UTF-32 text: four bytes a character; a value that is no character becomes U+FFFD and is
/// counted in a warning.
fn decode_utf32(bytes: &[u8], big_endian: bool, name: &'static str) -> Decoded {
    let mut text = String::with_capacity(bytes.len() / 2);
    let mut damaged = 0;
    for unit in bytes.chunks(4) {
        let mut b = [0u8; 4];
        b[..unit.len()].copy_from_slice(unit);
        let value = if big_endian {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        };
        match char::from_u32(value).filter(|_| unit.len() == 4) {
            Some(c) => text.push(c),
            None => {
                damaged += 1;
                text.push('\u{FFFD}');
            }
        }
    }
    let warnings = if damaged > 0 {
        vec![format!(
            "{damaged} four-byte units are no character; replaced by U+FFFD"
        )]
    } else {
        Vec::new()
    };
    Decoded {
        text,
        encoding: name,
        warnings,
    }
}

/// Text in a wide encoding without a byte order mark, told by where its zero bytes fall.
#[derive(Debug, PartialEq, Eq)]
enum Wide {
    Utf32 { big_endian: bool },
    Utf16 { big_endian: bool },
}

/// How many bytes [`wide_pattern`] looks at.
const PATTERN_SAMPLE: usize = 8192;

/// Whether the start of `bytes` is UTF-32 or UTF-16 without a BOM: in UTF-32 two of every
/// four bytes are zero (Hangul, Han and ASCII alike lie below U+10000 — U+FFFF), always at
/// the same places; in UTF-16 the ASCII characters of any text (spaces, digits, line breaks)
/// have a zero byte on one side only, and the text must decode to letters, not to noise.
fn wide_pattern(bytes: &[u8]) -> Option<Wide> {
    let sample = &bytes[..bytes.len().min(PATTERN_SAMPLE) / 4 * 4];
    if sample.len() < 8 {
        return None;
    }
    let mut zeros = [0usize; 4];
    for (i, b) in sample.iter().enumerate() {
        if *b == 0 {
            zeros[i % 4] += 1;
        }
    }
    let quarter = sample.len() / 4;
    let all = |n: usize| n * 100 >= quarter * 99;
    if all(zeros[2]) && all(zeros[3]) && !all(zeros[1]) {
        return Some(Wide::Utf32 { big_endian: false });
    }
    if all(zeros[0]) && all(zeros[1]) && !all(zeros[2]) {
        return Some(Wide::Utf32 { big_endian: true });
    }
    let (even, odd) = (zeros[0] + zeros[2], zeros[1] + zeros[3]);
    let half = sample.len() / 2;
    // A character whose other byte is zero (관 is U+AD00) puts a few zeros on the other side.
    let big_endian = if odd * 10 >= half && even * 4 <= odd {
        false
    } else if even * 10 >= half && odd * 4 <= even {
        true
    } else {
        return None;
    };
    let encoding = if big_endian { UTF_16BE } else { UTF_16LE };
    // A few zero bytes say nothing; and the characters must be those of Korean news (ASCII,
    // Hangul, Han, their punctuation), not the scatter over all of Unicode that binary makes.
    if odd.max(even) < MIN_WIDE_ZEROS {
        return None;
    }
    let (text, _) = encoding.decode_without_bom_handling(sample);
    let plausible = text.chars().filter(|&c| plausible_char(c)).count();
    (plausible * 100 >= text.chars().count() * 95).then_some(Wide::Utf16 { big_endian })
}

/// Zero bytes [`wide_pattern`] needs to see before it calls anything UTF-16.
const MIN_WIDE_ZEROS: usize = 8;

/// A character of Korean news text: ASCII, Hangul, Han, and their punctuation and forms.
fn plausible_char(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\r' | ' '..='~'
        | '\u{A0}'..='\u{24F}'     // Latin-1 and Latin Extended
        | '\u{2000}'..='\u{27BF}'  // punctuation, symbols, arrows, shapes
        | '\u{3000}'..='\u{33FF}'  // CJK punctuation, compatibility jamo, enclosed, units
        | '\u{1100}'..='\u{11FF}'  // Hangul jamo
        | '\u{4E00}'..='\u{9FFF}'  // Han
        | '\u{AC00}'..='\u{D7A3}'  // Hangul syllables
        | '\u{FF00}'..='\u{FFEF}') // full and half width forms
}

/// The offset of the first byte that no text file contains: NUL, or a run of control bytes.
fn binary_at(bytes: &[u8]) -> Option<usize> {
    let control = |b: &u8| *b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B);
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Some(at);
    }
    let sample = &bytes[..bytes.len().min(8192)];
    let controls = sample.iter().filter(|b| control(b)).count();
    (controls * 20 > sample.len()).then(|| sample.iter().position(control).unwrap_or(0))
}

/// 1-based line number of a byte offset.
pub fn line_of(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_iso_2022_kr_and_nothing_else_as_it() {
        // "제목 1\n본문은 한글." written as RFC 1557 says (made with Python's iso2022_kr codec).
        let bytes = "제목 1\n본문은 한글.".encode_iso_2022_kr();
        let d = decode(&bytes).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("제목 1\n본문은 한글.", "ISO-2022-KR")
        );
        assert_eq!(utf8_head(&bytes), None);
        // The designator alone does not make other bytes ISO-2022-KR.
        assert!(iso_2022_kr(b"\x1b$)C\x0e\xb0\xa1").is_none());
        assert!(iso_2022_kr("가나다 abc".as_bytes()).is_none());
    }

    /// Test helper: text in ISO-2022-KR (the designator once, then SO/SI around Hangul).
    trait Iso2022Kr {
        fn encode_iso_2022_kr(&self) -> Vec<u8>;
    }

    impl Iso2022Kr for str {
        fn encode_iso_2022_kr(&self) -> Vec<u8> {
            let mut out = ISO_2022_KR_DESIGNATOR.to_vec();
            for line in self.split_inclusive('\n') {
                let mut shifted = false;
                for c in line.chars() {
                    if c.is_ascii() {
                        if shifted {
                            out.push(0x0F);
                            shifted = false;
                        }
                        out.push(c as u8);
                    } else {
                        if !shifted {
                            out.push(0x0E);
                            shifted = true;
                        }
                        let mut buffer = [0; 4];
                        let (bytes, _, _) = EUC_KR.encode(c.encode_utf8(&mut buffer));
                        out.extend(bytes.iter().map(|b| b & 0x7F));
                    }
                }
                if shifted {
                    out.push(0x0F);
                }
            }
            out
        }
    }

    #[test]
    fn reads_utf8_with_and_without_bom() {
        let d = decode("중관춘".as_bytes()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("중관춘", "UTF-8"));
        let d = decode(b"\xEF\xBB\xBFabc").unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("abc", "UTF-8 (BOM)"));
    }

    #[test]
    fn reads_utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("화웨이\n".encode_utf16().flat_map(u16::to_le_bytes));
        let d = decode(&bytes).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("화웨이\n", "UTF-16LE (BOM)")
        );
        let mut bytes = vec![0xFE, 0xFF];
        bytes.extend("화웨이".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(&bytes).unwrap().text, "화웨이");
    }

    #[test]
    fn tells_utf32_from_utf16_and_reads_both_without_bom() {
        let text = "중관춘 창업 뉴스 2020년 8월\n화웨이(Huawei)가 발표했다.\n";
        let utf32 = |big: bool| -> Vec<u8> {
            text.chars()
                .flat_map(|c| {
                    if big {
                        (c as u32).to_be_bytes()
                    } else {
                        (c as u32).to_le_bytes()
                    }
                })
                .collect()
        };
        let mut bom = vec![0xFF, 0xFE, 0, 0];
        bom.extend(utf32(false));
        let d = decode(&bom).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (text, "UTF-32LE (BOM)"));
        let d = decode(&utf32(true)).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (text, "UTF-32BE (no BOM)"));
        let d = decode(&utf32(false)).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (text, "UTF-32LE (no BOM)"));
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let d = decode(&le).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (text, "UTF-16LE (no BOM)"));
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let d = decode(&be).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (text, "UTF-16BE (no BOM)"));
        // Zero bytes at random places are still binary.
        let noise: Vec<u8> = (0..4000u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8 & 0x83)
            .collect();
        assert!(decode(&noise).unwrap_err().contains("binary"));
    }

    #[test]
    fn decoding_owned_bytes_is_decoding_them() {
        let samples: [&[u8]; 6] = [
            "중관춘 창업".as_bytes(),
            b"\xEF\xBB\xBFabc",
            b"PK\x03\x04\0\0",
            b" \n",
            b"bad \xFF byte",
            b"\xFF\xFEa\0b\0",
        ];
        for bytes in samples {
            let owned = decode_owned(bytes.to_vec()).map(|d| (d.text, d.encoding, d.warnings));
            let borrowed = decode(bytes).map(|d| (d.text, d.encoding, d.warnings));
            assert_eq!(owned, borrowed, "{bytes:?}");
        }
    }

    #[test]
    fn detects_cp949() {
        let (bytes, _, _) = EUC_KR.encode("중국 창업 뉴스: 똠방각하 샾");
        let d = decode(&bytes).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("중국 창업 뉴스: 똠방각하 샾", "CP949/EUC-KR")
        );
    }

    #[test]
    fn damaged_utf8_is_kept_with_a_warning_naming_the_line() {
        let mut bytes = "첫째 줄\n둘째 줄\n".repeat(20).into_bytes();
        bytes.extend_from_slice(b"bad \xFF byte\n");
        bytes.extend_from_slice("마지막 줄".as_bytes());
        let d = decode(&bytes).unwrap();
        assert!(d.text.contains("bad \u{FFFD} byte") && d.text.ends_with("마지막 줄"));
        assert!(d.warnings[0].contains("line 41"), "{:?}", d.warnings);
    }

    #[test]
    fn rejects_empty_binary_and_undecodable() {
        assert_eq!(decode(b"").unwrap_err(), "empty file");
        assert_eq!(decode(b" \n\n").unwrap_err(), "empty file");
        assert!(decode(b"PK\x03\x04\0\0").unwrap_err().contains("binary"));
        let noise: Vec<u8> = (0..400u32)
            .map(|i| [0xFFu8, b'a', 0xC3][i as usize % 3])
            .collect();
        assert!(decode(&noise).unwrap_err().contains("supported encoding"));
    }
}
