//! Korean word forms that search and ingest know without a lexicon: the particles a noun or
//! a number takes, and how a past tense contracts its verb stem. (The lexicon itself, for the
//! index build, is the `jikji-korean` crate; what it finds reaches search as term shapes, see
//! `shape`.)

/// Particles Korean attaches to a noun or a number (은, 에서, 으로서…), one list for their
/// two uses: search cuts a query word the archive lacks before one of them to find its stem
/// (`search`; besides the particles and endings the archive's own terms show), and ingest
/// joins one that PDF extraction spaced off a number (`jikji_ingest::clean`).
pub const PARTICLES: &[&str] = &[
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "의",
    "에",
    "에서",
    "에게",
    "에는",
    "에도",
    "와",
    "과",
    "도",
    "로",
    "으로",
    "만",
    "까지",
    "부터",
    "보다",
    "처럼",
    "이나",
    "나",
    "인",
    "이다",
    "이며",
    "이고",
    "라는",
    "이라는",
    "라고",
    "이라고",
    "로서",
    "으로서",
];

/// A query of initial consonants only (ㅈㄱㅊ, ㅍㄷㄷ): at least two consonant letters.
/// The syllables a past-tense syllable (final ㅆ) contracts from its verb stem's last one:
/// 렸 → 리 (늘렸다 of 늘리다), 왔 → 오, 줬 → 주, 됐 → 되, 했 → 하, then the syllable without
/// its ㅆ (갔 → 가, 냈 → 내). Empty for any other character.
pub fn past_tense_stems(syllable: char) -> Vec<char> {
    const SSANG_SIOT: u32 = 20;
    let Some(s) = (syllable as u32)
        .checked_sub(0xAC00)
        .filter(|s| *s < 11_172)
    else {
        return Vec::new();
    };
    let (initial, vowel, last) = (s / 588, s % 588 / 28, s % 28);
    if last != SSANG_SIOT {
        return Vec::new();
    }
    let compose = |v: u32| char::from_u32(0xAC00 + initial * 588 + v * 28);
    // ㅕ ← ㅣ+ㅓ, ㅘ ← ㅗ+ㅏ, ㅝ ← ㅜ+ㅓ, ㅙ ← ㅚ+ㅓ; 했 ← 하+였.
    let uncontracted = match vowel {
        6 => Some(20),
        9 => Some(8),
        14 => Some(13),
        10 => Some(11),
        1 if initial == 18 => Some(0),
        _ => None,
    };
    uncontracted
        .and_then(compose)
        .into_iter()
        .chain(compose(vowel))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn past_tense_syllables_give_their_stems() {
        assert_eq!(past_tense_stems('렸'), ['리', '려']);
        assert_eq!(past_tense_stems('했'), ['하', '해']);
        assert_eq!(past_tense_stems('됐'), ['되', '돼']);
        assert_eq!(past_tense_stems('갔'), ['가']);
        assert!(past_tense_stems('리').is_empty() && past_tense_stems('a').is_empty());
    }
}
