//! Every occurrence in context (a concordance, KWIC): each place an article holds one of a
//! prepared query's words, as a line — the context before it, the match, the context after —
//! with the neighbouring words to sort by.
//!
//! An occurrence is what the reader highlights (the same [`highlight_ranges`] over the same
//! texts in the same order, [`Article::reading_order`]), so a line's `ordinal` is the match the
//! reader steps to. A neighbour is the whole word (어절: the text between spaces) before or
//! after the one holding the match, its particle cut off ([`stem`]), so lines sort by 기업 for
//! both 기업이 and 기업의.

use std::ops::Range;

use crate::article::Article;
use crate::korean::PARTICLES;
use crate::marks::Marks;
use crate::snippet::highlight_ranges;

/// One occurrence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KwicLine {
    /// The text before the match (whitespace collapsed; `…` where it was cut).
    pub left: String,
    /// The matched text, as written.
    pub matched: String,
    /// The text after the match (the rest of its word first).
    pub right: String,
    /// The word before the match's own, without its particle ("" at the start of a text).
    pub before: String,
    /// The word after the match's own, without its particle ("" at the end of a text).
    pub after: String,
    /// Which match of the article this is, from 0, in the reader's order.
    pub ordinal: usize,
}

/// How lines are ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum KwicOrder {
    /// As the articles come, and in each one as it reads.
    #[default]
    Text,
    /// By the word before the match, then the match.
    Before,
    /// By the match's word, then the word after it.
    After,
}

impl KwicOrder {
    /// Its name in links and flags (`text`, `before`, `after`).
    pub fn name(self) -> &'static str {
        match self {
            KwicOrder::Text => "text",
            KwicOrder::Before => "before",
            KwicOrder::After => "after",
        }
    }

    /// The order a name stands for; anything else is text order.
    pub fn from_name(name: &str) -> KwicOrder {
        [KwicOrder::Before, KwicOrder::After]
            .into_iter()
            .find(|o| o.name() == name)
            .unwrap_or(KwicOrder::Text)
    }

    /// Sorts `lines` (stable: lines with equal keys keep their text order).
    pub fn sort<T>(self, lines: &mut [T], line: impl Fn(&T) -> &KwicLine) {
        match self {
            KwicOrder::Text => {}
            KwicOrder::Before => lines.sort_by(|a, b| {
                let (a, b) = (line(a), line(b));
                (&a.before, &a.matched).cmp(&(&b.before, &b.matched))
            }),
            KwicOrder::After => lines.sort_by(|a, b| {
                let (a, b) = (line(a), line(b));
                (&a.matched, &a.after).cmp(&(&b.matched, &b.after))
            }),
        }
    }
}

impl Article {
    /// The article's texts in the order a reader shows them: the title, the captions placed
    /// before the first paragraph, then each paragraph followed by the captions placed after
    /// it.
    pub fn reading_order(&self) -> Vec<&str> {
        let captions_after = |n: usize| {
            self.captions
                .iter()
                .filter(move |c| c.after_paragraph as usize == n)
                .map(|c| c.text.as_str())
        };
        let mut texts = vec![self.title.as_str()];
        texts.extend(captions_after(0));
        for (i, paragraph) in self.paragraphs().enumerate() {
            texts.push(paragraph);
            texts.extend(captions_after(i + 1));
        }
        texts
    }
}

/// Every occurrence of `marks`' words in `article`, in reading order, with about `context`
/// characters on each side.
pub fn concordance(article: &Article, marks: &Marks, context: usize) -> Vec<KwicLine> {
    let mut lines = Vec::new();
    for text in article.reading_order() {
        for range in highlight_ranges(text, marks) {
            let ordinal = lines.len();
            lines.push(line(text, range, context, ordinal));
        }
    }
    lines
}

fn line(text: &str, range: Range<usize>, context: usize, ordinal: usize) -> KwicLine {
    let own_start = text[..range.start]
        .rfind(char::is_whitespace)
        .map_or(0, |i| i + next_char_len(text, i));
    let own_end = text[range.end..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| range.end + i);
    KwicLine {
        left: tail(&text[..range.start], context),
        matched: text[range.clone()].to_owned(),
        right: head(&text[range.end..], context),
        before: text[..own_start]
            .split_whitespace()
            .next_back()
            .map(stem)
            .unwrap_or_default(),
        after: text[own_end..]
            .split_whitespace()
            .next()
            .map(stem)
            .unwrap_or_default(),
        ordinal,
    }
}

fn next_char_len(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(1, char::len_utf8)
}

/// The last `chars` characters of `text`, whitespace collapsed, `…` before if cut.
fn tail(text: &str, chars: usize) -> String {
    let collapsed = collapse(text);
    let count = collapsed.chars().count();
    if count <= chars {
        return collapsed;
    }
    let kept: String = collapsed.chars().skip(count - chars).collect();
    format!("…{kept}")
}

/// The first `chars` characters of `text`, whitespace collapsed, `…` after if cut.
fn head(text: &str, chars: usize) -> String {
    let collapsed = collapse(text);
    if collapsed.chars().count() <= chars {
        return collapsed;
    }
    let kept: String = collapsed.chars().take(chars).collect();
    format!("{kept}…")
}

/// Runs of whitespace as one space, kept at the ends (the space beside a match shows).
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// A word to sort by: lowercased, the punctuation around it dropped, and its particle cut off
/// (the longest of [`PARTICLES`] it ends with, when two characters or more are left: 정부는 →
/// 정부, but 회의 and 국가 stay whole, and so does 책을). Without a lexicon a noun that ends in a
/// particle's letters loses them too (민주주의 → 민주주): the key groups lines, and a line
/// shows its words whole.
pub fn stem(word: &str) -> String {
    let word = word
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let chars = word.chars().count();
    let cut = PARTICLES
        .iter()
        .filter(|p| word.ends_with(*p) && chars >= p.chars().count() + 2)
        .map(|p| p.len())
        .max();
    match cut {
        Some(len) => word[..word.len() - len].to_owned(),
        None => word,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Caption, Index, IndexBuilder};

    fn prepared_marks(query: &str, articles: &[Article]) -> Marks {
        let mut builder = IndexBuilder::new();
        for a in articles {
            builder.add(a.clone());
        }
        let index = Index::open(builder.finish()).unwrap();
        index.prepare(&format!("{query} ")).marks
    }

    fn article() -> Article {
        let mut a = Article::new(
            "a",
            "창업 지원",
            "베이징의 창업자들이 모였다. 해외창업 열기가 뜨겁다.\n\n정부는 창업을 돕는다.",
        );
        a.captions = vec![Caption {
            after_paragraph: 1,
            text: "▲ 창업 박람회".into(),
        }];
        a
    }

    #[test]
    fn every_occurrence_in_the_readers_order_with_its_neighbours() {
        let a = article();
        let marks = prepared_marks("창업", std::slice::from_ref(&a));
        let lines = concordance(&a, &marks, 12);
        let matched: Vec<&str> = lines.iter().map(|l| l.matched.as_str()).collect();
        assert_eq!(matched, ["창업"; 5]);
        assert_eq!(
            lines.iter().map(|l| l.ordinal).collect::<Vec<_>>(),
            [0, 1, 2, 3, 4]
        );
        // The title, then the first paragraph (창업자들이: the rest of the word is on the right).
        assert_eq!(lines[0].left, "");
        assert_eq!(lines[1].left, "베이징의 ");
        assert!(
            lines[1].right.starts_with("자들이 모였다"),
            "{:?}",
            lines[1].right
        );
        assert_eq!(
            (lines[1].before.as_str(), lines[1].after.as_str()),
            ("베이징", "모였다")
        );
        // 해외창업: the compound's own word is the match's, so the neighbour is the word before.
        assert_eq!(lines[2].before, "모였다");
        assert_eq!(lines[2].after, "열기");
        // The caption comes after its paragraph, before the next one.
        assert_eq!(lines[3].left, "▲ ");
        assert_eq!(
            (lines[4].before.as_str(), lines[4].after.as_str()),
            ("정부", "돕는다")
        );
    }

    #[test]
    fn long_context_is_cut_with_an_ellipsis() {
        assert_eq!(tail("가나다라마바사", 3), "…마바사");
        assert_eq!(head("가나다라마바사", 3), "가나다…");
        assert_eq!(tail("가  나\n다", 10), "가 나 다");
    }

    #[test]
    fn a_neighbour_sorts_by_its_stem() {
        assert_eq!(stem("기업이"), "기업");
        assert_eq!(stem("기업의,"), "기업");
        assert_eq!(stem("“화웨이와"), "화웨이");
        assert_eq!(
            stem("이"),
            "이",
            "nothing is left before the particle: kept"
        );
        assert_eq!(stem("회의"), "회의", "as long as the particle: kept");
        assert_eq!(stem("정부에서"), "정부");
        assert_eq!(stem("국가에서"), "국가");
        assert_eq!(stem("Huawei's"), "huawei's");
    }

    #[test]
    fn lines_sort_by_the_word_before_or_after() {
        let line = |before: &str, after: &str, ordinal| KwicLine {
            left: String::new(),
            matched: "창업".into(),
            right: String::new(),
            before: before.into(),
            after: after.into(),
            ordinal,
        };
        let mut lines = vec![
            line("정부", "지원", 0),
            line("베이징", "열기", 1),
            line("정부", "가", 2),
        ];
        KwicOrder::Before.sort(&mut lines, |l| l);
        assert_eq!(
            lines.iter().map(|l| l.ordinal).collect::<Vec<_>>(),
            [1, 0, 2]
        );
        KwicOrder::After.sort(&mut lines, |l| l);
        assert_eq!(
            lines.iter().map(|l| l.ordinal).collect::<Vec<_>>(),
            [2, 1, 0]
        );
        assert_eq!(KwicOrder::from_name("after"), KwicOrder::After);
        assert_eq!(KwicOrder::from_name("sideways"), KwicOrder::Text);
    }
}
