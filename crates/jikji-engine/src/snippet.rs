//! Snippets and highlighting: where a prepared query's words are in a text, as byte ranges.
//!
//! Highlighting re-tokenizes the (NFC) stored text with the index's tokenizer and marks each
//! token that is one of the dictionary terms the query matched, so a word is highlighted
//! exactly when it matched. Only the matching part is marked where there is one: `중관춘` in
//! `중관춘은` (prefix), `창업` in `해외창업` (compound); other kinds (alias, fuzzy, typing,
//! initials) mark the whole word. Ranges are byte offsets into the text given; the app renders
//! them as `<mark>` elements (never as HTML), the CLI as terminal emphasis.
//!
//! A snippet reads the text from its start only as far as it must (the scan widens until the
//! best window cannot be beaten further on), and a search hit whose body the index says holds
//! no marked term is not read at all (`opening`).

use std::ops::Range;

use crate::marks::{Marks, MatchKind};
use crate::tokenize::{for_each_token, original_offset_of_folded};

/// Characters of context kept before the first highlighted word of a snippet.
const LEAD_CHARS: usize = 30;

/// A short excerpt of an article around its best match.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Snippet {
    /// The excerpt, whitespace collapsed; starts/ends with `…` when cut from a longer text.
    pub text: String,
    /// Byte ranges of matched words within `text`, sorted and disjoint.
    pub highlights: Vec<Range<usize>>,
}

/// Byte ranges in `text` of the words the query matched, sorted and disjoint.
pub fn highlight_ranges(text: &str, marks: &Marks) -> Vec<Range<usize>> {
    scan(text, marks)
        .0
        .into_iter()
        .map(|(range, _)| range)
        .collect()
}

/// One pass over `text`: each matched word's byte range with the index of the query word it
/// matched, and the distinct terms that matched.
pub(crate) fn scan(text: &str, marks: &Marks) -> (Vec<(Range<usize>, usize)>, Vec<String>) {
    let mut terms: Vec<String> = Vec::new();
    let found = scan_matches(text, marks, |term| {
        if !terms.iter().any(|t| t == term) {
            terms.push(term.to_owned());
        }
    });
    (found, terms)
}

/// [`scan`] without collecting the terms: each matched token's folded text goes to `matched`.
fn scan_matches(
    text: &str,
    marks: &Marks,
    mut matched: impl FnMut(&str),
) -> Vec<(Range<usize>, usize)> {
    let mut found = Vec::new();
    if marks.is_empty() {
        return found;
    }
    for_each_token(text, |token| {
        let Some(mark) = marks.get(token.text.as_str()) else {
            return;
        };
        matched(&token.text);
        let word = marks.word_text(mark.word);
        // The part of the folded token that matched, as folded byte offsets.
        let part = match mark.kind {
            MatchKind::Prefix if token.text.starts_with(word) => Some(0..word.len()),
            MatchKind::Compound => token.text.find(word).map(|at| at..at + word.len()),
            _ => None,
        };
        let range = match part {
            Some(part) if part != (0..token.text.len()) => {
                let start = original_offset_of_folded(text, token.start, part.start);
                let end = original_offset_of_folded(text, token.start, part.end).min(token.end);
                start..end
            }
            _ => token.start..token.end,
        };
        // One character can fold into two tokens (㏠ → 1, 日) with the same range: keep the
        // ranges disjoint.
        if !range.is_empty()
            && found
                .last()
                .is_none_or(|(last, _): &(Range<usize>, usize)| range.start >= last.end)
        {
            found.push((range, mark.word));
        }
    });
    found
}

/// Bytes of an article first scanned for a snippet. The scan widens (×2) until the best
/// window it found cannot be beaten further on, so a long article costs what a short one does
/// and most snippets read only the start of the text.
const FIRST_SCAN_BYTES: usize = 1024;

/// Cuts a snippet of about `max_chars` characters from `text` around the stretch that holds
/// the most distinct query words. Without a match, the snippet is the start of the text.
pub fn make_snippet(text: &str, marks: &Marks, max_chars: usize) -> Snippet {
    let mut cut = FIRST_SCAN_BYTES;
    let mut found = Vec::new();
    let mut read = 0;
    loop {
        // End the prefix at whitespace, so no word is cut in two.
        let mut at = cut.min(text.len()).max(read);
        while !text.is_char_boundary(at) {
            at += 1;
        }
        let end = text[at..]
            .find(char::is_whitespace)
            .map_or(text.len(), |space| at + space);
        found.extend(
            scan_matches(&text[read..end], marks, |_| {})
                .into_iter()
                .map(|(range, word)| (range.start + read..range.end + read, word)),
        );
        read = end;
        // Enough read when the windows compared were read whole (so every word and highlight
        // in them is known) and either the best holds every word the query can mark (ties go
        // to the first, so none further on beats it) or all the anchors ever tried were seen.
        let best = best_anchor(text, &found, max_chars, marks.marked_words());
        let last_compared = best.and_then(|(words, anchor)| {
            if words == marks.marked_words() {
                Some(anchor)
            } else {
                found.get(MAX_ANCHORS - 1).map(|(range, _)| range.start)
            }
        });
        let settled =
            last_compared.is_some_and(|anchor| advance_chars(text, anchor, max_chars) <= end);
        if settled || end == text.len() {
            return snippet_at(text, &found, max_chars, best.map(|(_, anchor)| anchor));
        }
        cut = cut.saturating_mul(2);
    }
}

/// [`make_snippet`] from matches already found by [`scan`].
pub(crate) fn snippet_from(
    text: &str,
    found: &[(Range<usize>, usize)],
    max_chars: usize,
) -> Snippet {
    let mut words: Vec<usize> = found.iter().map(|(_, word)| *word).collect();
    words.sort_unstable();
    words.dedup();
    let anchor = best_anchor(text, found, max_chars, words.len()).map(|(_, anchor)| anchor);
    snippet_at(text, found, max_chars, anchor)
}

/// The snippet of a text with no match: its start.
pub(crate) fn opening(text: &str, max_chars: usize) -> Snippet {
    snippet_at(text, &[], max_chars, None)
}

/// The snippet of `text` showing the match that starts at `anchor` (the start of the text
/// without one), with the matches `found` in it highlighted.
fn snippet_at(
    text: &str,
    found: &[(Range<usize>, usize)],
    max_chars: usize,
    anchor: Option<usize>,
) -> Snippet {
    let start = match anchor {
        Some(anchor_start) => window_start(text, anchor_start),
        None => 0,
    };
    let end = advance_chars(text, start, max_chars);
    let end = if end < text.len() {
        // Do not cut a word in half: end at the last space, if it leaves the anchor inside.
        match text[start..end].rfind(char::is_whitespace) {
            Some(space) if start + space > anchor.unwrap_or(start) => start + space,
            _ => end,
        }
    } else {
        end
    };
    let ranges: Vec<Range<usize>> = found
        .iter()
        .map(|(r, _)| r.clone())
        .filter(|r| r.start >= start && r.end <= end)
        .collect();
    collapse(text, start..end, &ranges)
}

/// Matches tried as snippet anchors: the first ones are enough (later ones rarely beat them),
/// and the cost must stay bounded on long articles.
const MAX_ANCHORS: usize = 64;

/// The match whose window of `max_chars` covers the most distinct words: (how many, its start).
/// The first window holding `most` words (as many as there can be) ends the search.
fn best_anchor(
    text: &str,
    found: &[(Range<usize>, usize)],
    max_chars: usize,
    most: usize,
) -> Option<(usize, usize)> {
    let reach = max_chars.saturating_sub(LEAD_CHARS);
    let mut best: Option<(usize, usize)> = None; // (distinct words, anchor)
    let mut words: Vec<usize> = Vec::new();
    // The window from the anchor `at` to `end`, `end_chars` characters long: anchors come in
    // text order, so both ends only move forward and no character is counted twice.
    let (mut at, mut end, mut end_chars) = (0, 0, 0);
    for (i, (range, _)) in found.iter().enumerate().take(MAX_ANCHORS) {
        if range.start >= end {
            (at, end, end_chars) = (range.start, range.start, 0);
        } else {
            end_chars -= text[at..range.start].chars().count();
            at = range.start;
        }
        while end_chars < reach {
            let Some(c) = text[end..].chars().next() else {
                break;
            };
            end += c.len_utf8();
            end_chars += 1;
        }
        words.clear();
        words.extend(
            found[i..]
                .iter()
                .take_while(|(r, _)| r.end <= end)
                .map(|(_, w)| *w),
        );
        words.sort_unstable();
        words.dedup();
        if best.is_none_or(|(count, _)| words.len() > count) {
            best = Some((words.len(), range.start));
            if words.len() >= most {
                break;
            }
        }
    }
    best
}

/// Where a snippet showing the match at `anchor` starts: a little before it, at a sentence or
/// word boundary when there is one.
fn window_start(text: &str, anchor: usize) -> usize {
    let lead_start = retreat_chars(text, anchor, LEAD_CHARS);
    if lead_start == 0 {
        return 0;
    }
    let lead = &text[lead_start..anchor];
    if let Some(pos) = lead.rfind(['.', '!', '?', '。', '\n']) {
        let after = lead_start + pos + lead[pos..].chars().next().map_or(1, char::len_utf8);
        return after + text[after..anchor].len() - text[after..anchor].trim_start().len();
    }
    match lead.char_indices().find(|(_, c)| c.is_whitespace()) {
        Some((space, c)) => lead_start + space + c.len_utf8(),
        None => lead_start,
    }
}

fn advance_chars(text: &str, from: usize, chars: usize) -> usize {
    text[from..]
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| from + i)
}

fn retreat_chars(text: &str, from: usize, chars: usize) -> usize {
    text[..from]
        .char_indices()
        .rev()
        .take(chars)
        .last()
        .map_or(from, |(i, _)| i)
}

/// Copies `text[window]` with runs of whitespace collapsed to one space and ellipses marking
/// cuts, carrying the highlight ranges over to the new offsets.
fn collapse(text: &str, window: Range<usize>, ranges: &[Range<usize>]) -> Snippet {
    let mut out = String::with_capacity(window.len() + 8);
    if window.start > 0 {
        out.push('…');
    }
    let mut highlights = Vec::with_capacity(ranges.len());
    let mut next = ranges.iter().peekable();
    let mut open: Option<usize> = None;
    let mut in_space = false;
    for (offset, c) in text[window.clone()].char_indices() {
        let at = window.start + offset;
        if let (Some(start), Some(r)) = (open, next.peek()) {
            if at >= r.end {
                highlights.push(start..out.len());
                open = None;
                next.next();
            }
        }
        if open.is_none() && next.peek().is_some_and(|r| r.start == at) {
            open = Some(out.len());
        }
        if c.is_whitespace() {
            if !in_space && !out.is_empty() && !out.ends_with('…') {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    if let Some(start) = open {
        highlights.push(start..out.len());
    }
    let trimmed_len = out.trim_end().len();
    out.truncate(trimmed_len);
    if window.end < text.len() {
        out.push('…');
    }
    Snippet {
        text: out,
        highlights,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Article, Index, IndexBuilder};

    fn prepared(texts: &[&str], query: &str) -> Marks {
        let mut builder = IndexBuilder::new();
        for (i, t) in texts.iter().enumerate() {
            builder.add(Article::new(i.to_string(), "", *t));
        }
        Index::open(builder.finish()).unwrap().prepare(query).marks
    }

    fn marked(snippet: &Snippet) -> Vec<&str> {
        snippet
            .highlights
            .iter()
            .map(|r| &snippet.text[r.clone()])
            .collect()
    }

    #[test]
    fn highlights_only_the_matched_part() {
        let text = "중관춘은 베이징의 '중관춘'이다. 中关村";
        let ranges = highlight_ranges(text, &prepared(&[text], "중관춘 "));
        let words: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(words, ["중관춘", "중관춘"]);
    }

    #[test]
    fn highlights_folded_forms_in_the_original_text() {
        let text = "ＡＩ 기업과 Ai 연구";
        let words: Vec<&str> = highlight_ranges(text, &prepared(&[text], "ai "))
            .iter()
            .map(|r| &text[r.clone()])
            .collect();
        assert_eq!(words, ["ＡＩ", "Ai"]);
    }

    #[test]
    fn snippet_centres_on_the_densest_match() {
        let filler = "관련 없는 문장이 길게 이어진다. ".repeat(20);
        let text = format!("{filler}화웨이 이야기. {filler}화웨이와 샤오미가 만났다. {filler}");
        let snippet = make_snippet(&text, &prepared(&[&text], "화웨이 샤오미 "), 160);
        assert!(
            snippet.text.starts_with('…') && snippet.text.ends_with('…'),
            "{}",
            snippet.text
        );
        assert_eq!(marked(&snippet), ["화웨이", "샤오미"]);
        assert!(snippet.text.chars().count() <= 162);
    }

    #[test]
    fn reading_only_the_start_gives_the_snippet_reading_everything_gives() {
        let filler = "관련 없는 문장이 길게 이어진다. ".repeat(60);
        let texts = [
            format!("화웨이와 샤오미가 만났다. {filler}"),
            format!(
                "화웨이 이야기. {filler}샤오미 이야기. {filler}화웨이와 샤오미가 만났다. {filler}"
            ),
            format!("{filler}화웨이 이야기. {filler}{filler}샤오미 이야기.{filler}"),
            format!("{filler}{filler}{filler}샤오미와 화웨이"),
            format!("화웨이 {}", "화웨이 샤오미가 ".repeat(40)),
        ];
        // Matches on both sides of where the first read ends, at every offset around it.
        let short = "관련 없는 문장. ";
        let texts: Vec<String> = (40..50)
            .map(|n| {
                format!(
                    "{}화웨이 샤오미 {}화웨이 {filler}",
                    short.repeat(n),
                    "그리고 ".repeat(8)
                )
            })
            .chain(texts)
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        for query in ["화웨이 샤오미 ", "샤오미 ", "화웨이 없음 "] {
            let prepared = prepared(&refs, query);
            for text in &texts {
                let whole = snippet_from(text, &scan(text, &prepared).0, 160);
                assert_eq!(
                    make_snippet(text, &prepared, 160),
                    whole,
                    "{query} in {}",
                    &text[..40]
                );
            }
        }
    }

    #[test]
    fn snippet_without_match_is_the_lead() {
        let text = "첫 문장입니다.\n\n둘째 문단.";
        let snippet = make_snippet(text, &prepared(&[text], "없음 "), 160);
        assert_eq!(snippet.text, "첫 문장입니다. 둘째 문단.");
        assert!(snippet.highlights.is_empty());
    }

    #[test]
    fn snippet_keeps_highlights_aligned_after_collapsing_whitespace() {
        let text = "앞\n\n\n화웨이   그리고\n샤오미";
        let snippet = make_snippet(text, &prepared(&[text], "화웨이 샤오미 "), 160);
        assert_eq!(snippet.text, "앞 화웨이 그리고 샤오미");
        assert_eq!(marked(&snippet), ["화웨이", "샤오미"]);
    }
}
