//! The query language, parsed without looking at any index.
//!
//! - Space is AND: every word must match.
//! - `"exact phrase"` (also `“…”`): the words in this order, next to each other.
//! - `-word` excludes articles that contain the word.
//! - `a | b` or `a OR b`: either word.
//! - `source:36kr` (or `출처:`): only articles from that source; several mean any of them.
//! - `date:2020-08`, `date:2020`, `date:2020-08-01..2020-08-31` (or `날짜:`): a date range.
//!
//! Malformed syntax never errors: an unclosed quote, a lone `-` or `|`, a date that is not a
//! date — each degrades to plain words. An empty query matches every article.

use crate::tokenize::{normalize_text, tokenize, Script};

/// Most clauses (words, phrases, alternatives) and exclusions a query keeps; the rest of a
/// longer input is ignored. 8–64 is sensible; each clause costs a dictionary walk.
pub const MAX_CLAUSES: usize = 24;
/// Most alternatives in one clause (twice as many words in a phrase).
pub const MAX_WORDS_PER_CLAUSE: usize = 8;

/// One word to look up, in folded (search) form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub script: Script,
    /// The last word of the input with no space after it: probably still being typed, so a
    /// partial syllable or lone letter at its end also matches (`중관ㅊ` → `중관춘`).
    pub typing: bool,
}

/// A condition every matching article meets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Clause {
    /// At least one of the words (one word: that word).
    AnyOf(Vec<Word>),
    /// All words, adjacent and in order.
    Phrase(Vec<Word>),
}

impl Clause {
    pub fn words(&self) -> &[Word] {
        match self {
            Clause::AnyOf(words) | Clause::Phrase(words) => words,
        }
    }
}

/// An inclusive range of ISO dates (`YYYY-MM-DD`); either end may be open.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DateRange {
    pub from: Option<String>,
    pub to: Option<String>,
}

impl DateRange {
    pub fn contains(&self, date: &str) -> bool {
        self.from.as_deref().is_none_or(|from| date >= from)
            && self.to.as_deref().is_none_or(|to| date <= to)
    }

    pub fn is_open(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }
}

/// A parsed query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub clauses: Vec<Clause>,
    pub excluded: Vec<Word>,
    /// Source names asked for with `source:` (any of them).
    pub sources: Vec<String>,
    pub dates: DateRange,
}

impl Query {
    /// Parses user input. Never fails.
    pub fn parse(input: &str) -> Query {
        let input = normalize_text(input);
        let ends_in_space = input.ends_with(char::is_whitespace);
        let mut query = Query::default();
        let mut items: Vec<Item> = Vec::new();
        for (text, quoted) in split_quotes(&input) {
            if quoted {
                let words = words_of(&text);
                match words.len() {
                    0 => {}
                    1 => items.push(Item::Words(words)),
                    _ => items.push(Item::Phrase(words)),
                }
                continue;
            }
            for raw in text.split_whitespace() {
                for (i, part) in raw.split('|').enumerate() {
                    if i > 0 {
                        items.push(Item::Or);
                    }
                    if !part.is_empty() {
                        items.push(classify(part, &mut query));
                    }
                }
            }
        }
        // Join `a | b` and `a OR b` into one clause; a dangling OR is dropped.
        let mut pending_or = false;
        // The word the input ends with, if it ends with a word (not a filter or exclusion).
        let mut last_word: Option<String> = None;
        for item in items {
            last_word = None;
            match item {
                Item::Or => pending_or = !query.clauses.is_empty(),
                // A filter or exclusion between `a |` and `c` breaks the alternative.
                Item::Words(words) if words.is_empty() => pending_or = false,
                Item::Words(mut words) => {
                    last_word = words.last().map(|w| w.text.clone());
                    match query.clauses.last_mut() {
                        Some(Clause::AnyOf(alternatives)) if pending_or => {
                            alternatives.push(words.remove(0));
                        }
                        _ => query.clauses.push(Clause::AnyOf(vec![words.remove(0)])),
                    }
                    // Further words of the same item ("4차산업" → 4, 차산업) are ANDed.
                    query
                        .clauses
                        .extend(words.into_iter().map(|w| Clause::AnyOf(vec![w])));
                    pending_or = false;
                }
                Item::Phrase(words) => {
                    query.clauses.push(Clause::Phrase(words));
                    pending_or = false;
                }
            }
        }
        // A query is a handful of words; thousands (a pasted page) are cut, so the time a
        // search takes stays bounded whatever the input.
        let mut seen: Vec<Clause> = Vec::new();
        query.clauses.retain(|c| {
            let new = !seen.contains(c);
            if new && seen.len() <= MAX_CLAUSES {
                seen.push(c.clone());
            }
            new
        });
        query.clauses.truncate(MAX_CLAUSES);
        query.excluded.truncate(MAX_CLAUSES);
        query.sources.truncate(MAX_CLAUSES);
        // Alternatives and phrases are bounded too (a clause of 5,000 alternatives is a clause).
        for clause in &mut query.clauses {
            match clause {
                Clause::AnyOf(words) => {
                    let mut seen: Vec<String> = Vec::new();
                    words.retain(|w| {
                        let new = !seen.contains(&w.text);
                        seen.push(w.text.clone());
                        new
                    });
                    words.truncate(MAX_WORDS_PER_CLAUSE);
                }
                Clause::Phrase(words) => words.truncate(MAX_WORDS_PER_CLAUSE * 2),
            }
        }
        if let (false, true, Some(last)) = (
            ends_in_space,
            input.trim_end().ends_with(|c: char| c.is_alphanumeric()),
            last_word,
        ) {
            let word = query.clauses.iter_mut().rev().find_map(|c| match c {
                Clause::AnyOf(words) => words.iter_mut().find(|w| w.text == last),
                Clause::Phrase(_) => None,
            });
            if let Some(word) = word {
                word.typing = true;
            }
        }
        query
    }

    /// No words, no exclusions, no filters: every article matches.
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
            && self.excluded.is_empty()
            && self.sources.is_empty()
            && self.dates.is_open()
    }

    /// All the words that must or may match (not the excluded ones), in order.
    pub fn words(&self) -> impl Iterator<Item = &Word> {
        self.clauses.iter().flat_map(Clause::words)
    }
}

/// `input` with `also` added as alternatives right after its first piece that spells `word`
/// (itself, or with particles or endings: `도우미를`), outside quotes, exclusions and
/// filters: `도우미 삼성` → `도우미 | 도움 삼성`, `도우미` → `도우미 | 도움 ` (a finished word). `None` when no piece does, or when the
/// alternatives are there already (the offer was taken).
pub fn with_alternatives(input: &str, word: &str, also: &[String]) -> Option<String> {
    let normalized = normalize_text(input);
    let taken = |alternative: &String| {
        Query::parse(&normalized)
            .clauses
            .iter()
            .any(|c| c.words().iter().any(|w| &w.text == alternative))
    };
    if also.is_empty() || also.iter().all(taken) {
        return None;
    }
    // Whether the text before each piece leaves a quote open.
    let mut in_quotes = false;
    let mut start = None;
    for (at, c) in normalized.char_indices().chain([(normalized.len(), ' ')]) {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some((at, in_quotes)),
            (true, Some((from, quoted))) => {
                start = None;
                let piece = &normalized[from..at];
                let plain = !quoted && !piece.starts_with('-') && !piece.contains(':');
                let spells = !piece.contains(is_quote)
                    && words_of(piece)
                        .first()
                        .is_some_and(|w| w.text.starts_with(word));
                if plain && spells {
                    let added: String = also.iter().map(|a| format!(" | {a}")).collect();
                    // At the end, a space after them: the last is a finished word, not one
                    // being typed (which would also match the words it begins).
                    let rest = if at == normalized.len() {
                        " "
                    } else {
                        &normalized[at..]
                    };
                    return Some(format!("{}{added}{rest}", &normalized[..at]));
                }
            }
            _ => {}
        }
        if is_quote(c) {
            in_quotes = !in_quotes;
        }
    }
    None
}

enum Item {
    Words(Vec<Word>),
    Phrase(Vec<Word>),
    Or,
}

/// Reads one whitespace-separated piece: a filter, an exclusion, `OR`, or words.
fn classify(part: &str, query: &mut Query) -> Item {
    if part == "OR" {
        return Item::Or;
    }
    if let Some((key, value)) = part.split_once(':') {
        let key = key.to_lowercase();
        if matches!(key.as_str(), "source" | "출처" | "매체") && !value.is_empty() {
            query.sources.push(value.to_owned());
            return Item::Words(Vec::new());
        }
        if matches!(key.as_str(), "date" | "날짜") {
            if let Some(range) = parse_date_range(value) {
                query.dates = range;
                return Item::Words(Vec::new());
            }
        }
    }
    if let Some(rest) = part.strip_prefix('-') {
        let words = words_of(rest);
        if !words.is_empty() {
            query.excluded.extend(words);
            return Item::Words(Vec::new());
        }
    }
    Item::Words(words_of(part))
}

fn words_of(text: &str) -> Vec<Word> {
    tokenize(text)
        .into_iter()
        .map(|t| Word {
            text: t.text,
            script: t.script,
            typing: false,
        })
        .collect()
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '＂')
}

/// Splits on double quotes into (text, quoted) pieces. An unclosed quote is plain text.
fn split_quotes(input: &str) -> Vec<(String, bool)> {
    let quotes = input.chars().filter(|&c| is_quote(c)).count();
    if quotes < 2 {
        return vec![(input.replace(is_quote, " "), false)];
    }
    let mut pieces = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut seen = 0;
    for c in input.chars() {
        if is_quote(c) && (quoted || seen + 1 < quotes) {
            seen += 1;
            pieces.push((std::mem::take(&mut current), quoted));
            quoted = !quoted;
        } else {
            current.push(c);
        }
    }
    pieces.push((current, quoted));
    pieces
}

/// `2020`, `2020-08`, `2020-08-26`, and ranges `A..B` of those (either end may be empty).
pub fn parse_date_range(value: &str) -> Option<DateRange> {
    if let Some((from, to)) = value.split_once("..") {
        let from = if from.is_empty() {
            None
        } else {
            Some(date_bound(from, false)?)
        };
        let to = if to.is_empty() {
            None
        } else {
            Some(date_bound(to, true)?)
        };
        return (from.is_some() || to.is_some()).then_some(DateRange { from, to });
    }
    Some(DateRange {
        from: Some(date_bound(value, false)?),
        to: Some(date_bound(value, true)?),
    })
}

/// A date as people write it — a year (`2020`), a month (`2020-08`, `2020.8`, `2020년 8월`)
/// or a day (`2020-08-26`, `2020.8.26.`, `2020. 8. 26`, `2020/8/26`, `2020년 8월 26일`) — as
/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `None` when it is none of those (a month past 12, a day
/// past 31, letters).
pub fn partial_date(value: &str) -> Option<String> {
    let written: String = value
        .trim()
        .replace(['년', '월'], "-")
        .replace('일', "")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let written = written.trim_end_matches(['-', '.', '/']);
    let start = date_bound(written, false)?;
    let parts = written.split(['-', '.', '/']).count();
    Some(start[..[4, 7, 10][parts - 1]].to_owned())
}

/// The first (or last) ISO day a partial date stands for.
pub fn date_bound(value: &str, end: bool) -> Option<String> {
    let parts: Vec<&str> = value.split(['-', '.', '/']).collect();
    let number = |s: &str, len: std::ops::RangeInclusive<usize>| {
        (len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let year = number(parts.first()?, 4..=4)?;
    let month = match parts.get(1) {
        Some(m) => Some(number(m, 1..=2).filter(|m| (1..=12).contains(m))?),
        None => None,
    };
    let day = match parts.get(2) {
        Some(d) => Some(number(d, 1..=2).filter(|d| (1..=31).contains(d))?),
        None => None,
    };
    if parts.len() > 3 {
        return None;
    }
    let month_value = month.unwrap_or(if end { 12 } else { 1 });
    let day_value = day.unwrap_or(if end { 31 } else { 1 });
    Some(format!("{year:04}-{month_value:02}-{day_value:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(words: &[Word]) -> Vec<&str> {
        words.iter().map(|w| w.text.as_str()).collect()
    }

    fn clause_texts(q: &Query) -> Vec<(bool, Vec<&str>)> {
        q.clauses
            .iter()
            .map(|c| (matches!(c, Clause::Phrase(_)), texts(c.words())))
            .collect()
    }

    #[test]
    fn dates_are_read_as_people_write_them() {
        for (written, read) in [
            ("2020", Some("2020")),
            ("2020-08", Some("2020-08")),
            ("2020.8", Some("2020-08")),
            ("2020년 8월", Some("2020-08")),
            ("2020-08-26", Some("2020-08-26")),
            ("2020.8.26.", Some("2020-08-26")),
            ("2020. 8. 26", Some("2020-08-26")),
            ("2020/8/26", Some("2020-08-26")),
            (" 2020년 8월 26일 ", Some("2020-08-26")),
            ("2020-13", None),
            ("2020-08-32", None),
            ("20", None),
            ("어제", None),
            ("2020-08-26-01", None),
            ("", None),
        ] {
            assert_eq!(partial_date(written).as_deref(), read, "{written:?}");
        }
    }

    #[test]
    fn words_are_anded_and_the_last_one_is_being_typed() {
        let q = Query::parse("화웨이 칩");
        assert_eq!(
            clause_texts(&q),
            [(false, vec!["화웨이"]), (false, vec!["칩"])]
        );
        assert!(!q.clauses[0].words()[0].typing && q.clauses[1].words()[0].typing);
        assert!(!Query::parse("화웨이 칩 ").clauses[1].words()[0].typing);
    }

    #[test]
    fn phrases_exclusions_and_alternatives() {
        let q = Query::parse("\"중관춘 창업거리\" -샤오미 바이두 | 알리바바 OR 텐센트");
        assert_eq!(
            clause_texts(&q),
            [
                (true, vec!["중관춘", "창업거리"]),
                (false, vec!["바이두", "알리바바", "텐센트"])
            ]
        );
        assert_eq!(texts(&q.excluded), ["샤오미"]);
    }

    #[test]
    fn filters() {
        let q = Query::parse("창업 source:36kr source:KOTRA date:2020-08");
        assert_eq!(q.sources, ["36kr", "KOTRA"]);
        assert_eq!(
            q.dates,
            DateRange {
                from: Some("2020-08-01".into()),
                to: Some("2020-08-31".into())
            }
        );
        let q = Query::parse("date:2020-08-01..2020-08-15");
        assert_eq!(q.dates.to.as_deref(), Some("2020-08-15"));
        assert!(q.clauses.is_empty() && !q.is_empty());
        let q = Query::parse("날짜:2020..");
        assert_eq!(
            q.dates,
            DateRange {
                from: Some("2020-01-01".into()),
                to: None
            }
        );
    }

    #[test]
    fn very_long_input_keeps_a_bounded_number_of_words() {
        let q = Query::parse(&"가 ".repeat(5000));
        assert_eq!(q.clauses.len(), 1, "repeated words are one word");
        let many: String = (0..5000)
            .map(|i| format!("{}{} ", char::from_u32(0xAC00 + i).unwrap(), i))
            .collect();
        assert_eq!(Query::parse(&many).clauses.len(), MAX_CLAUSES);
    }

    #[test]
    fn filters_break_alternatives_and_typing_marks_the_last_word_only() {
        let q = Query::parse("a | -b c");
        assert_eq!(clause_texts(&q), [(false, vec!["a"]), (false, vec!["c"])]);
        let q = Query::parse("차 -중국");
        assert!(
            !q.clauses[0].words()[0].typing,
            "the input ends with an exclusion"
        );
        let q = Query::parse("화웨이 칩 화웨이");
        let typing: Vec<&str> = q
            .words()
            .filter(|w| w.typing)
            .map(|w| w.text.as_str())
            .collect();
        assert_eq!(typing, ["화웨이"]);
        let q = Query::parse(&"가|나|".repeat(3000));
        assert!(q.clauses.len() == 1 && q.clauses[0].words().len() <= MAX_WORDS_PER_CLAUSE);
    }

    #[test]
    fn alternatives_go_after_the_word_they_are_for() {
        let also = vec!["도움".to_string()];
        assert_eq!(
            with_alternatives("도우미 삼성", "도우미", &also).as_deref(),
            Some("도우미 | 도움 삼성")
        );
        assert_eq!(
            with_alternatives("삼성 도우미를", "도우미", &also).as_deref(),
            Some("삼성 도우미를 | 도움 ")
        );
        // Not inside a phrase or an exclusion; not twice.
        assert_eq!(with_alternatives("\"도우미 삼성\"", "도우미", &also), None);
        assert_eq!(with_alternatives("-도우미", "도우미", &also), None);
        assert_eq!(with_alternatives("도우미 | 도움", "도우미", &also), None);
        let parsed = Query::parse("도우미 | 도움 삼성");
        assert_eq!(
            clause_texts(&parsed),
            [(false, vec!["도우미", "도움"]), (false, vec!["삼성"])]
        );
    }

    #[test]
    fn malformed_syntax_degrades_to_words() {
        assert_eq!(
            clause_texts(&Query::parse("\"중관춘 창업")),
            [(false, vec!["중관춘"]), (false, vec!["창업"])]
        );
        assert_eq!(
            clause_texts(&Query::parse("| 화웨이 |")),
            [(false, vec!["화웨이"])]
        );
        assert_eq!(
            clause_texts(&Query::parse("date:어제")),
            [(false, vec!["date"]), (false, vec!["어제"])]
        );
        assert_eq!(
            clause_texts(&Query::parse("- -- OR")),
            Vec::<(bool, Vec<&str>)>::new()
        );
        assert!(Query::parse("  ").is_empty());
    }
}
