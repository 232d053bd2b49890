//! What a word is: normalization and tokenization, shared by indexing, queries and highlighting.
//!
//! Simplified and traditional Chinese characters fold together (中關村 = 中关村).
//! Text is first put in Unicode NFC ([`normalize_text`]) so that decomposed (NFD) Hangul pasted
//! from other systems equals precomposed Hangul. [`tokenize`] then folds each character with
//! NFKC (full-width `ＡＩ` → `AI`, compatibility forms) and lowercase, and splits on whitespace,
//! punctuation and script changes: `베이징상보北京商报` is two words, `4차` is `4` and `차`.
//! Each [`Token`] keeps the byte range of the text it came from, so hits can be highlighted in
//! the original text.

use crate::hanzi_table::TRADITIONAL_TO_SIMPLIFIED;
use crate::unicode::{is_nfc, nfc, nfkc_char};

/// Tokens longer than this many characters are cut into pieces, so pathological input (a
/// megabyte without a space) cannot produce giant dictionary keys. Real Korean words and
/// compounds are far shorter; 32–64 is a sensible range.
pub const MAX_TOKEN_CHARS: usize = 48;

/// The script class of a token. A change of class ends a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    Hangul,
    Han,
    /// Latin and every other alphabetic script.
    Alpha,
    Digit,
}

/// A normalized word and the byte range `start..end` of the original text it was read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub script: Script,
}

/// Puts text in Unicode NFC. Stored article text and queries go through this first.
pub fn normalize_text(text: &str) -> String {
    if is_nfc(text) {
        return text.to_owned();
    }
    nfc(text)
}

/// [`normalize_text`] in place: text already NFC (most is) is kept as it is, not copied.
pub fn normalize_in_place(text: &mut String) {
    if !is_nfc(text) {
        *text = nfc(text);
    }
}

/// The letter ㆍ (U+318D), which modern text uses as an interpunct.
const ARAEA: char = '\u{318D}';

/// The script class of an already folded character, or `None` for separators.
pub fn script_of(c: char) -> Option<Script> {
    match c {
        // ㆍ (araea), a letter of old Hangul, is written today between words as an
        // interpunct (예방ㆍ관리): it separates them, as · does.
        ARAEA => None,
        '\u{AC00}'..='\u{D7A3}'   // Hangul syllables
        | '\u{1100}'..='\u{11FF}' // conjoining jamo
        | '\u{3131}'..='\u{318E}' // compatibility jamo (what an IME shows while composing)
        | '\u{A960}'..='\u{A97F}'
        | '\u{D7B0}'..='\u{D7FF}' => Some(Script::Hangul),
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3134F}'
        | '\u{3005}' => Some(Script::Han),
        '0'..='9' => Some(Script::Digit),
        c if c.is_alphanumeric() => Some(Script::Alpha),
        _ => None,
    }
}

/// Appends the search form of one character: NFKC, then lowercase.
fn fold_char(c: char, out: &mut impl FnMut(char)) {
    // Fast path: ASCII, Hangul syllables and common Han ideographs are unchanged by NFKC.
    if c.is_ascii() {
        out(c.to_ascii_lowercase());
        return;
    }
    // Hangul syllables, and the letters an IME shows while composing: NFKC would turn the
    // letters into conjoining jamo, which no keyboard produces and `jamo` does not read.
    if matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{3131}'..='\u{318E}') {
        out(c);
        return;
    }
    if matches!(c, '\u{4E00}'..='\u{9FFF}') {
        out(simplified(c));
        return;
    }
    nfkc_char(c, &mut |n| {
        for l in n.to_lowercase() {
            out(simplified(l));
        }
    });
}

/// The simplified form of a traditional Chinese character (中關村 → 中关村); others unchanged.
pub fn simplified(c: char) -> char {
    if c < '\u{3400}' {
        return c;
    }
    match TRADITIONAL_TO_SIMPLIFIED.binary_search_by_key(&c, |&(t, _)| t) {
        Ok(i) => TRADITIONAL_TO_SIMPLIFIED[i].1,
        Err(_) => c,
    }
}

/// The folded (search) form of a whole string, without splitting it.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut |f| out.push(f));
    }
    out
}

/// Splits `text` into normalized tokens with byte offsets into `text`.
///
/// `text` should already be NFC (see [`normalize_text`]); offsets are into `text` as given.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    for_each_token(text, |token| tokens.push(token.clone()));
    tokens
}

/// Streaming form of [`tokenize`]: calls `emit` with each token in order. The token is lent,
/// not given: its buffer is reused for the next one, so tokenizing allocates nothing per word.
pub fn for_each_token(text: &str, mut emit: impl FnMut(&Token)) {
    let mut current = Token {
        text: String::with_capacity(64),
        start: 0,
        end: 0,
        script: Script::Hangul,
    };
    let mut open = false;
    let mut current_chars = 0usize;
    // Takes one folded character `f` of script `script` (`None`: a separator) that came from
    // `text[start..end]`.
    let mut take = |f: char, script: Option<Script>, start: usize, end: usize| match script {
        None => {
            if open {
                emit(&current);
                open = false;
            }
        }
        Some(script) => {
            if open && current.script == script && current_chars < MAX_TOKEN_CHARS {
                current.text.push(f);
                current.end = end;
                current_chars += 1;
            } else {
                if open {
                    emit(&current);
                }
                current.text.clear();
                current.text.push(f);
                current.start = start;
                current.end = end;
                current.script = script;
                current_chars = 1;
                open = true;
            }
        }
    };
    for (start, c) in text.char_indices() {
        let end = start + c.len_utf8();
        // Most characters are Hangul syllables or ASCII, which folding keeps (but for case):
        // their script is known without asking `script_of`.
        match c {
            '\u{AC00}'..='\u{D7A3}' => take(c, Some(Script::Hangul), start, end),
            'a'..='z' => take(c, Some(Script::Alpha), start, end),
            'A'..='Z' => take(c.to_ascii_lowercase(), Some(Script::Alpha), start, end),
            '0'..='9' => take(c, Some(Script::Digit), start, end),
            _ if c.is_ascii() => take(c, None, start, end),
            // The middle dot and general punctuation (‘ ’ “ ” … – —), common in Korean news:
            // separators, as folding would find them (NFKC gives no letter or digit for any).
            '\u{00B7}' | '\u{2000}'..='\u{206F}' => take(c, None, start, end),
            _ => fold_char(c, &mut |f| take(f, script_of(f), start, end)),
        }
    }
    if open {
        emit(&current);
    }
}

/// The byte offset in `text` where the first `folded_len` bytes of the folded form of
/// `text[start..]` end. Used to highlight only the matched part of a token (`중관춘` in
/// `중관춘은`, `창업` in `해외창업`).
pub fn original_offset_of_folded(text: &str, start: usize, folded_len: usize) -> usize {
    let mut produced = 0usize;
    for (offset, c) in text[start..].char_indices() {
        if produced >= folded_len {
            return start + offset;
        }
        fold_char(c, &mut |f| produced += f.len_utf8());
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokenize(&normalize_text(text))
            .into_iter()
            .map(|t| t.text)
            .collect()
    }

    #[test]
    fn punctuation_taken_as_separators_unfolded_folds_to_no_word() {
        for c in std::iter::once('\u{00B7}').chain('\u{2000}'..='\u{206F}') {
            let mut folded = Vec::new();
            fold_char(c, &mut |f| folded.push(f));
            assert!(
                folded.iter().all(|&f| script_of(f).is_none()),
                "{c:?} folds to {folded:?}"
            );
        }
        assert_eq!(
            words("화웨이·샤오미 “중관춘”… ‘창업’"),
            ["화웨이", "샤오미", "중관춘", "창업"]
        );
    }

    #[test]
    fn splits_on_whitespace_and_punctuation() {
        assert_eq!(
            words("화웨이, 샤오미·바이두!"),
            ["화웨이", "샤오미", "바이두"]
        );
        assert_eq!(words("  '중관춘'은?  "), ["중관춘", "은"]);
        // ㆍ as an interpunct, as Korean news writes it.
        assert_eq!(words("예방ㆍ관리 및 치료"), ["예방", "관리", "및", "치료"]);
    }

    #[test]
    fn splits_at_script_changes() {
        assert_eq!(words("베이징상보北京商报"), ["베이징상보", "北京商报"]);
        assert_eq!(words("4차산업혁명"), ["4", "차산업혁명"]);
        assert_eq!(words("SEMI는"), ["semi", "는"]);
    }

    #[test]
    fn folds_width_and_case() {
        assert_eq!(words("ＡＩ AI ai"), ["ai", "ai", "ai"]);
        assert_eq!(words("１２３"), ["123"]);
    }

    #[test]
    fn folds_traditional_hanzi_to_simplified() {
        assert_eq!(
            words("中關村 中关村 北京商報"),
            ["中关村", "中关村", "北京商报"]
        );
    }

    #[test]
    fn nfd_hangul_equals_nfc() {
        use unicode_normalization::UnicodeNormalization;
        let nfd: String = "화웨이".nfd().collect();
        assert_ne!(nfd, "화웨이");
        assert_eq!(words(&nfd), ["화웨이"]);
    }

    #[test]
    fn keeps_original_offsets() {
        let text = "미국 ＡＩ기업";
        let tokens = tokenize(text);
        assert_eq!(tokens.len(), 3);
        assert_eq!(&text[tokens[1].start..tokens[1].end], "ＡＩ");
        assert_eq!(tokens[1].text, "ai");
        assert_eq!(&text[tokens[2].start..tokens[2].end], "기업");
    }

    #[test]
    fn cuts_very_long_tokens() {
        let long = "가".repeat(MAX_TOKEN_CHARS * 2 + 1);
        let tokens = tokenize(&long);
        assert_eq!(tokens.len(), 3);
        assert!(tokens
            .iter()
            .all(|t| t.text.chars().count() <= MAX_TOKEN_CHARS));
    }

    #[test]
    fn folded_offsets_map_back_to_original() {
        let text = "ＡＩ기업";
        assert_eq!(original_offset_of_folded(text, 0, 1), "Ａ".len());
        let text = "중관춘은";
        assert_eq!(
            &text[..original_offset_of_folded(text, 0, "중관춘".len())],
            "중관춘"
        );
    }
}
