//! Hangul at the level of its letters (jamo), for what the syllable level cannot see: a word
//! still being typed (`중관ㅊ` → `중관춘`), initial-consonant queries (`ㅈㄱㅊ` → `중관춘`), and
//! transliteration variants one letter apart (`중관촌` ~ `중관춘`).
//!
//! A syllable becomes its initial, vowel and final as compatibility jamo (the letters an IME
//! shows), with compound vowels and finals split into basic letters (ㅘ → ㅗㅏ, ㄳ → ㄱㅅ) so one
//! keystroke is one letter; Unicode NFD alone does not do that. Letters are then packed one
//! byte each (`code - 0x3130`), so the letter dictionary and the automata work on bytes;
//! [`compose`] turns packed letters back into the word.

const INITIALS: [char; 19] = [
    'ㄱ', 'ㄲ', 'ㄴ', 'ㄷ', 'ㄸ', 'ㄹ', 'ㅁ', 'ㅂ', 'ㅃ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅉ', 'ㅊ', 'ㅋ',
    'ㅌ', 'ㅍ', 'ㅎ',
];
const VOWELS: [&str; 21] = [
    "ㅏ", "ㅐ", "ㅑ", "ㅒ", "ㅓ", "ㅔ", "ㅕ", "ㅖ", "ㅗ", "ㅗㅏ", "ㅗㅐ", "ㅗㅣ", "ㅛ", "ㅜ",
    "ㅜㅓ", "ㅜㅔ", "ㅜㅣ", "ㅠ", "ㅡ", "ㅡㅣ", "ㅣ",
];
const FINALS: [&str; 28] = [
    "", "ㄱ", "ㄲ", "ㄱㅅ", "ㄴ", "ㄴㅈ", "ㄴㅎ", "ㄷ", "ㄹ", "ㄹㄱ", "ㄹㅁ", "ㄹㅂ", "ㄹㅅ",
    "ㄹㅌ", "ㄹㅍ", "ㄹㅎ", "ㅁ", "ㅂ", "ㅂㅅ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ",
    "ㅎ",
];
/// Compound compatibility letters typed alone, split like the ones inside syllables.
const COMPOUND_LETTERS: [(char, &str); 18] = [
    ('ㅘ', "ㅗㅏ"),
    ('ㅙ', "ㅗㅐ"),
    ('ㅚ', "ㅗㅣ"),
    ('ㅝ', "ㅜㅓ"),
    ('ㅞ', "ㅜㅔ"),
    ('ㅟ', "ㅜㅣ"),
    ('ㅢ', "ㅡㅣ"),
    ('ㄳ', "ㄱㅅ"),
    ('ㄵ', "ㄴㅈ"),
    ('ㄶ', "ㄴㅎ"),
    ('ㄺ', "ㄹㄱ"),
    ('ㄻ', "ㄹㅁ"),
    ('ㄼ', "ㄹㅂ"),
    ('ㄽ', "ㄹㅅ"),
    ('ㄾ', "ㄹㅌ"),
    ('ㄿ', "ㄹㅍ"),
    ('ㅀ', "ㄹㅎ"),
    ('ㅄ', "ㅂㅅ"),
];

fn is_syllable(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// A compatibility jamo letter (ㄱ … ㅣ), the letters an IME shows while composing.
pub fn is_letter(c: char) -> bool {
    ('\u{3131}'..='\u{318E}').contains(&c)
}

/// A basic or double consonant letter (ㄱ … ㅎ).
pub fn is_consonant_letter(c: char) -> bool {
    ('\u{3131}'..='\u{314E}').contains(&c)
}

fn pack(c: char) -> u8 {
    (c as u32 - 0x3130) as u8
}

fn pack_str(letters: &str, out: &mut Vec<u8>) {
    out.extend(letters.chars().map(pack));
}

/// The packed letters of a Hangul word, or `None` when it holds anything but syllables and
/// letters.
pub fn letters(word: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(word.len() * 2);
    for c in word.chars() {
        if is_syllable(c) {
            let index = c as u32 - 0xAC00;
            out.push(pack(INITIALS[(index / 588) as usize]));
            pack_str(VOWELS[((index % 588) / 28) as usize], &mut out);
            pack_str(FINALS[(index % 28) as usize], &mut out);
        } else if is_letter(c) {
            match COMPOUND_LETTERS.iter().find(|(compound, _)| *compound == c) {
                Some((_, split)) => pack_str(split, &mut out),
                None => out.push(pack(c)),
            }
        } else {
            return None;
        }
    }
    (!out.is_empty()).then_some(out)
}

fn unpack(b: u8) -> char {
    char::from_u32(0x3130 + u32::from(b)).unwrap_or('?')
}

fn is_vowel_letter(c: char) -> bool {
    ('\u{314F}'..='\u{3163}').contains(&c)
}

/// Where the letters `a` (then `b`) are spelled in a table of vowels or finals.
fn table_index(table: &[&str], a: char, b: Option<char>) -> Option<usize> {
    table.iter().position(|entry| {
        let mut chars = entry.chars();
        chars.next() == Some(a) && chars.next() == b && chars.next().is_none()
    })
}

/// The word back from its packed letters (`letters` inverted): a consonant before a vowel
/// starts a syllable, split vowels and finals are joined again. Exact for words of syllables;
/// letters that form no syllable stay letters.
pub fn compose(packed: &[u8]) -> String {
    let letters: Vec<char> = packed.iter().map(|&b| unpack(b)).collect();
    let n = letters.len();
    let vowel_at = |i: usize| i < n && is_vowel_letter(letters[i]);
    let consonant_at = |i: usize| i < n && is_consonant_letter(letters[i]);
    let mut out = String::with_capacity(n);
    let mut i = 0;
    while i < n {
        let initial = INITIALS.iter().position(|&c| c == letters[i]);
        let (Some(initial), true) = (initial, vowel_at(i + 1)) else {
            out.push(letters[i]);
            i += 1;
            continue;
        };
        i += 1;
        let mut vowel = table_index(&VOWELS, letters[i], None).unwrap_or(0);
        i += 1;
        if vowel_at(i) {
            if let Some(joined) = table_index(&VOWELS, letters[i - 1], Some(letters[i])) {
                vowel = joined;
                i += 1;
            }
        }
        // A consonant is a final unless a vowel follows it (then it starts the next syllable).
        let mut last = 0;
        if consonant_at(i) && !vowel_at(i + 1) {
            if let Some(single) = table_index(&FINALS, letters[i], None) {
                last = single;
                i += 1;
                if consonant_at(i) && !vowel_at(i + 1) {
                    if let Some(joined) = table_index(&FINALS, letters[i - 1], Some(letters[i])) {
                        last = joined;
                        i += 1;
                    }
                }
            }
        }
        let code = 0xAC00 + (initial as u32 * 21 + vowel as u32) * 28 + last as u32;
        out.push(char::from_u32(code).unwrap_or('?'));
    }
    out
}

/// An `fst` automaton over packed letters: matches words whose syllable-initial consonants
/// start with the query's (ㅈㄱㅊ matches 중관춘 and 중관춘은). A consonant is an initial when
/// a vowel follows it.
pub struct InitialsPrefix<'a> {
    pub query: &'a [u8],
}

/// (initials matched, the consonant read last if no vowel followed it yet); `None` is dead.
pub type InitialsState = Option<(usize, Option<u8>)>;

impl fst::Automaton for InitialsPrefix<'_> {
    type State = InitialsState;

    fn start(&self) -> InitialsState {
        Some((0, None))
    }

    fn is_match(&self, state: &InitialsState) -> bool {
        matches!(state, Some((m, _)) if *m == self.query.len())
    }

    fn can_match(&self, state: &InitialsState) -> bool {
        state.is_some()
    }

    fn will_always_match(&self, state: &InitialsState) -> bool {
        self.is_match(state)
    }

    fn accept(&self, state: &InitialsState, byte: u8) -> InitialsState {
        let (matched, pending) = (*state)?;
        if matched == self.query.len() {
            return Some((matched, None));
        }
        if is_vowel_letter(unpack(byte)) {
            match pending {
                Some(c) if c == self.query[matched] => Some((matched + 1, None)),
                Some(_) => None,
                None => Some((matched, None)),
            }
        } else {
            Some((matched, Some(byte)))
        }
    }
}

pub fn is_initials_query(word: &str) -> bool {
    word.chars().count() >= 2 && word.chars().all(is_consonant_letter)
}

/// The packed letters of a query of consonant letters, for the initials dictionary.
pub fn packed_consonants(word: &str) -> Vec<u8> {
    word.chars().map(pack).collect()
}

/// Edit distance between two packed letter strings (insert, delete, substitute: cost 1).
pub fn distance(a: &[u8], b: &[u8]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, &x) in a.iter().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, &y) in b.iter().enumerate() {
            let substitute = previous + usize::from(x != y);
            previous = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(previous + 1);
        }
    }
    row[b.len()]
}

/// The edit distance from `query` to the closest prefix of `letters`.
pub fn prefix_distance(query: &[u8], letters: &[u8]) -> usize {
    // Columns: query prefixes; rows: letters read. The best over all rows of the last column.
    let mut row: Vec<usize> = (0..=query.len()).collect();
    let mut best = row[query.len()];
    for &x in letters {
        let mut previous = row[0];
        row[0] += 1;
        for (j, &q) in query.iter().enumerate() {
            let substitute = previous + usize::from(x != q);
            previous = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(previous + 1);
        }
        best = best.min(row[query.len()]);
    }
    best
}

/// An `fst` automaton over packed letters: matches keys within `max` edits of the query —
/// or, with `prefix`, keys that start with something within `max` edits, so particle forms of
/// a variant match too (중관촌 → 중관춘에서). A Levenshtein automaton run row by row; no DFA is
/// built up front.
pub struct WithinDistance<'a> {
    pub query: &'a [u8],
    pub max: u8,
    pub prefix: bool,
}

#[derive(Clone, Debug)]
pub enum DistanceState {
    /// The dynamic-programming row after the letters read so far.
    Row(Vec<u8>),
    /// A prefix was within distance: everything that follows matches.
    Matched,
}

impl fst::Automaton for WithinDistance<'_> {
    type State = DistanceState;

    fn start(&self) -> DistanceState {
        DistanceState::Row((0..=self.query.len()).map(|i| i.min(255) as u8).collect())
    }

    fn is_match(&self, state: &DistanceState) -> bool {
        match state {
            DistanceState::Row(row) => row[self.query.len()] <= self.max,
            DistanceState::Matched => true,
        }
    }

    fn can_match(&self, state: &DistanceState) -> bool {
        match state {
            DistanceState::Row(row) => row.iter().any(|&d| d <= self.max),
            DistanceState::Matched => true,
        }
    }

    fn will_always_match(&self, state: &DistanceState) -> bool {
        matches!(state, DistanceState::Matched)
    }

    fn accept(&self, state: &DistanceState, byte: u8) -> DistanceState {
        match state {
            DistanceState::Row(row) if self.prefix && row[self.query.len()] <= self.max => {
                DistanceState::Matched
            }
            DistanceState::Row(row) => {
                let mut next = Vec::with_capacity(row.len());
                next.push(row[0].saturating_add(1));
                for (i, &q) in self.query.iter().enumerate() {
                    let substitute = row[i].saturating_add(u8::from(q != byte));
                    let value = substitute
                        .min(row[i + 1].saturating_add(1))
                        .min(next[i].saturating_add(1));
                    next.push(value);
                }
                DistanceState::Row(next)
            }
            DistanceState::Matched => DistanceState::Matched,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spelled(word: &str) -> String {
        letters(word)
            .unwrap()
            .into_iter()
            .map(|b| char::from_u32(0x3130 + b as u32).unwrap())
            .collect()
    }

    #[test]
    fn splits_syllables_into_basic_letters() {
        assert_eq!(spelled("중관춘"), "ㅈㅜㅇㄱㅗㅏㄴㅊㅜㄴ");
        assert_eq!(spelled("닭"), "ㄷㅏㄹㄱ");
        assert_eq!(spelled("웨이"), "ㅇㅜㅔㅇㅣ");
        assert_eq!(spelled("중관ㅊ"), "ㅈㅜㅇㄱㅗㅏㄴㅊ");
        assert_eq!(spelled("ㅘ"), "ㅗㅏ");
        assert_eq!(letters("AI"), None);
    }

    #[test]
    fn partial_typing_is_a_letter_prefix() {
        let word = letters("화웨이").unwrap();
        for typed in ["ㅎ", "호", "화", "황", "화우", "화웨", "화웽"] {
            assert!(word.starts_with(&letters(typed).unwrap()), "{typed}");
        }
    }

    #[test]
    fn letters_compose_back_into_words() {
        for word in [
            "중관춘",
            "닭갈비",
            "각사",
            "앉았다",
            "화웨이",
            "읽고",
            "값싼",
            "의사",
            "꿰뚫다",
            "ㅋㅋ",
            "중관ㅊ",
        ] {
            assert_eq!(compose(&letters(word).unwrap()), word);
        }
    }

    #[test]
    fn initials_automaton_and_queries() {
        use fst::{IntoStreamer, Streamer};
        let mut keys: Vec<Vec<u8>> = ["중관춘", "중관춘은", "중국", "장관", "ㅈㄱ"]
            .iter()
            .map(|w| letters(w).unwrap())
            .collect();
        keys.sort();
        let set = fst::Set::from_iter(keys).unwrap();
        let query = packed_consonants("ㅈㄱ");
        let mut found: Vec<String> = Vec::new();
        let mut stream = set.search(InitialsPrefix { query: &query }).into_stream();
        while let Some(key) = stream.next() {
            found.push(compose(key));
        }
        found.sort();
        assert_eq!(found, ["장관", "중관춘", "중관춘은", "중국"]);

        assert!(is_initials_query("ㅈㄱㅊ") && is_initials_query("ㅍㄷㄷ"));
        assert!(
            !is_initials_query("ㅎ") && !is_initials_query("중ㄱ") && !is_initials_query("ㅏㅓ")
        );
    }

    #[test]
    fn transliteration_variants_are_one_letter_apart() {
        let d = |a: &str, b: &str| distance(&letters(a).unwrap(), &letters(b).unwrap());
        assert_eq!(d("중관촌", "중관춘"), 1);
        assert_eq!(d("핀둬둬", "핀도도"), 4);
        assert_eq!(d("화웨이", "화웨이"), 0);
        assert_eq!(d("샤오미", "샤오메"), 1);
        assert_eq!(
            prefix_distance(&letters("중관촌").unwrap(), &letters("중관춘은").unwrap()),
            1
        );
    }

    #[test]
    fn the_automaton_agrees_with_the_distance() {
        use fst::{IntoStreamer, Streamer};
        let mut entries: Vec<Vec<u8>> = ["중관춘", "중관촌", "중관춘은", "화웨이", "중국"]
            .iter()
            .map(|w| letters(w).unwrap())
            .collect();
        entries.sort();
        let set = fst::Set::from_iter(entries).unwrap();
        let query = letters("중관촌").unwrap();
        for (prefix, expected) in [
            (false, vec!["중관촌", "중관춘"]),
            (true, vec!["중관촌", "중관춘", "중관춘은"]),
        ] {
            let mut found = Vec::new();
            let mut stream = set
                .search(WithinDistance {
                    query: &query,
                    max: 1,
                    prefix,
                })
                .into_stream();
            while let Some(key) = stream.next() {
                found.push(compose(key));
            }
            found.sort();
            assert_eq!(found, expected);
        }
    }
}
