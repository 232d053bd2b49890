//! Word-processor documents (DOCX, HWPX, HWP) after their reader: paragraphs with their style
//! (heading level, caption), tables as one line per row, and how they become articles.
//!
//! A document whose opening is a newsletter issue (issue number, table of contents) goes to
//! the newsletter splitter, one paragraph a line, like a text newsletter. Otherwise a heading
//! style is a strong article boundary: when the document has two or more headings of its top
//! level, each starts an article — its title the heading, an attribution in it ("(매체,
//! 2020.8.26)") giving source and date — and what stands before the first is the document's
//! own title and front matter. A document with fewer headings is one article, read by the
//! single-article rules with its heading (or Title-styled paragraph) as the title.

use jikji_engine::{Article, Caption, Origin};

use crate::clean::{self, key, Wrapping};
use crate::{attributed, ink, newsletter, Ledger};

/// One paragraph of a document (or one table row, its cells separated by " | ").
#[derive(Clone, Debug, Default)]
pub struct Block {
    pub text: String,
    /// Outline level of a heading style (1 = top), 0 for body text.
    pub heading: u8,
    /// Styled as the document's title.
    pub title: bool,
    /// Styled as a caption.
    pub caption: bool,
}

/// The text of a document for the text pipeline: one block a line.
pub fn lines(blocks: &[Block]) -> String {
    let mut text: String = blocks
        .iter()
        .map(|b| clean::collapse_spaces(&b.text) + "\n")
        .collect();
    if text.is_empty() {
        text.push('\n');
    }
    text
}

/// Characters (whitespace aside) of the blocks.
pub fn chars(blocks: &[Block]) -> usize {
    blocks.iter().map(|b| ink(&b.text)).sum()
}

/// The articles of a document, with the report's warnings.
pub fn articles(
    blocks: &[Block],
    file: &str,
    stem: &str,
    ledger: &mut Ledger,
) -> (Vec<Article>, Vec<String>) {
    let blocks: Vec<Block> = blocks
        .iter()
        .map(|b| Block {
            text: clean::collapse_spaces(&b.text),
            ..b.clone()
        })
        .filter(|b| !b.text.is_empty())
        .collect();
    let text = lines(&blocks);
    let text_lines = clean::lines(&text, 1);
    let contents = newsletter::detect(&text_lines).is_some();
    // Structure first: the heading level that carries the attributions is the articles' (a
    // level above it names sections); with none, two or more top-level headings are articles
    // unless the text's own attributions split it otherwise.
    let level = if contents {
        None
    } else {
        attributed_level(&blocks).or_else(|| {
            let top = blocks
                .iter()
                .filter(|b| b.heading > 0)
                .map(|b| b.heading)
                .min()?;
            let count = blocks.iter().filter(|b| b.heading == top).count();
            (count >= 2 && !attributed::splits(&text_lines)).then_some(top)
        })
    };
    let Some(level) = level else {
        let collection = contents || attributed::splits(&text_lines);
        return text_pipeline(&blocks, text, collection, file, stem, ledger);
    };
    (
        split_at_headings(&blocks, level, file, stem, ledger),
        Vec::new(),
    )
}

/// A newsletter (by its contents or its attributions) or one article, read by the text
/// pipeline. A heading or a Title-styled paragraph at the top of one article is its title
/// (given as such: structure, not words, says it is one).
fn text_pipeline(
    blocks: &[Block],
    mut text: String,
    collection: bool,
    file: &str,
    stem: &str,
    ledger: &mut Ledger,
) -> (Vec<Article>, Vec<String>) {
    let given = blocks
        .iter()
        .take(3)
        .find(|b| b.heading > 0 || b.title)
        .filter(|_| !collection)
        .map(|b| crate::frontmatter::FrontMatter {
            title: Some(b.text.clone()),
            ..Default::default()
        });
    if let Some(fm) = &given {
        let title = fm.title.as_deref().unwrap_or("");
        if let Some(at) = text.find(&format!("{title}\n")) {
            ledger.title(title);
            text.replace_range(at..at + title.len() + 1, "");
        }
    }
    crate::text_articles_laid_out(
        file,
        stem,
        &text,
        Some(Wrapping::OnePerLine),
        given.as_ref(),
        ledger,
    )
}

/// The attribution a heading carries: in its own text, or as the paragraph right under it
/// (an attribution, or a dateline alone) when body text follows (an attribution right above a heading of the next level is that
/// heading's: the attribution stands before the titles).
fn heading_attribution(blocks: &[Block], at: usize) -> Option<attributed::Attribution> {
    if let Some((_, attribution)) = attributed::titled_attribution(&blocks[at].text) {
        return Some(attribution);
    }
    let (_, source, date) = newsletter::split_attribution(&blocks[at].text);
    if let Some(date) = date {
        return Some(attributed::Attribution {
            source,
            date,
            author: None,
        });
    }
    let body_follows = blocks.get(at + 2).is_none_or(|b| b.heading == 0);
    let under = blocks
        .get(at + 1)
        .filter(|b| b.heading == 0 && body_follows)?;
    attributed::attribution_line(&under.text).or_else(|| {
        // A dateline alone under the title ("2021.03.04 09:15", "입력 2021-03-04"): the
        // article's date, its outlet left to the text.
        attributed::dateline_date(&under.text).map(|date| attributed::Attribution {
            source: None,
            date,
            author: None,
        })
    })
}

/// The heading level most of whose headings carry an attribution, when two or more do.
fn attributed_level(blocks: &[Block]) -> Option<u8> {
    let mut counts = std::collections::BTreeMap::<u8, (usize, usize)>::new();
    for (i, b) in blocks.iter().enumerate().filter(|(_, b)| b.heading > 0) {
        let entry = counts.entry(b.heading).or_default();
        entry.0 += 1;
        entry.1 += usize::from(heading_attribution(blocks, i).is_some());
    }
    counts
        .into_iter()
        .filter(|(_, (all, attributed))| *attributed >= 2 && attributed * 2 >= *all)
        .max_by_key(|(level, (_, attributed))| (*attributed, std::cmp::Reverse(*level)))
        .map(|(level, _)| level)
}

/// One article per heading of `level`: its title the heading, its source and date the
/// heading's attribution; headings above that level are section labels; what stands before
/// the first is the document's own title and front matter.
fn split_at_headings(
    blocks: &[Block],
    level: u8,
    file: &str,
    stem: &str,
    ledger: &mut Ledger,
) -> Vec<Article> {
    let mut starts: Vec<usize> = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.heading == level)
        .map(|(i, _)| i)
        .collect();
    starts.push(blocks.len());
    // The document's title: a Title-styled paragraph, or a lone short line before the first
    // heading.
    let before = &blocks[..starts[0]];
    let collection = before
        .iter()
        .find(|b| b.title)
        .or(before
            .first()
            .filter(|b| before.len() == 1 && b.text.chars().count() <= 80))
        .map(|b| b.text.clone());
    let mut section = None;
    for b in before {
        if b.heading > 0 && b.heading < level {
            ledger.dropped("section label", &b.text);
            section = Some(b.text.clone());
        } else {
            ledger.metadata(&b.text);
        }
    }
    let width = (starts.len() - 1).to_string().len().max(2);
    let mut out = Vec::new();
    for (n, w) in starts.windows(2).enumerate() {
        let heading = &blocks[w[0]];
        let attribution = heading_attribution(blocks, w[0]);
        let (_, unnumbered) = newsletter::strip_numbering(&heading.text);
        let (title, dash_source, _) = match attributed::titled_attribution(unnumbered) {
            Some((title, _)) => (title, None, None),
            None => newsletter::split_attribution(unnumbered),
        };
        let (title, bracketed) = attributed::clean_title(&title);
        ledger.title(&heading.text);
        let mut body_from = w[0] + 1;
        let in_heading = newsletter::split_attribution(&heading.text).2.is_some()
            || attributed::titled_attribution(&heading.text).is_some();
        if attribution.is_some() && !in_heading {
            ledger.metadata(&blocks[body_from].text);
            body_from += 1;
        }
        let mut paragraphs: Vec<String> = Vec::new();
        let mut captions = Vec::new();
        let mut author = None;
        let mut wire_outlet = None;
        let mut next_section = None;
        for b in &blocks[body_from..w[1]] {
            if b.heading > 0 && b.heading < level {
                ledger.dropped("section label", &b.text);
                next_section = Some(b.text.clone());
            } else if b.caption || clean::caption(&b.text).is_some() {
                captions.push(Caption {
                    after_paragraph: paragraphs.len() as u32,
                    text: b.text.clone(),
                });
            } else if let Some(clean::Role::Dropped(kind)) = clean::role(&b.text) {
                ledger.dropped(kind, &b.text);
            } else if key(&b.text).is_empty() {
                ledger.dropped("rule", &b.text);
            } else if let Some(clean::Role::Byline(name)) = clean::role(&b.text) {
                ledger.metadata(&b.text);
                author.get_or_insert(name);
            } else if let Some(wire) = paragraphs
                .is_empty()
                .then(|| clean::wire_dateline(&b.text))
                .flatten()
            {
                // "(서울=연합뉴스) 홍길동 기자 = …": the outlet and reporter, then the text.
                ledger.metadata(&b.text[..wire.len]);
                wire_outlet.get_or_insert(wire.outlet);
                if let Some(name) = wire.author {
                    author.get_or_insert(name);
                }
                let rest = &b.text[wire.len..];
                if !key(rest).is_empty() {
                    paragraphs.push(clean::fix_pdf_spacing(rest));
                }
            } else {
                paragraphs.push(clean::fix_pdf_spacing(&b.text));
            }
        }
        // Short paragraphs between the body and the next article's heading label its section.
        let last = w[1] == blocks.len();
        while !last && paragraphs.last().is_some_and(|p| attributed::is_label(p)) {
            let label = paragraphs.pop().expect("checked above");
            ledger.dropped("section label", &label);
            next_section.get_or_insert(label);
        }
        let title = if title.is_empty() {
            heading.text.clone()
        } else {
            title
        };
        let mut article = Article::new(
            format!("{stem}-{:0width$}", n + 1),
            title,
            paragraphs.join("\n\n"),
        );
        article.source = attribution
            .as_ref()
            .and_then(|a| a.source.clone())
            .or(dash_source)
            .or(bracketed)
            .or(wire_outlet);
        article.author = author.or_else(|| attribution.as_ref().and_then(|a| a.author.clone()));
        article.date = attribution.map(|a| a.date);
        article.section = section.clone();
        article.collection.clone_from(&collection);
        article.captions = captions;
        article.origin = Some(Origin {
            file: file.to_owned(),
            line_start: w[0] as u32 + 1,
            line_end: w[1] as u32,
            format: None,
        });
        out.push(article);
        if next_section.is_some() {
            section = next_section;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(heading: u8, text: &str) -> Block {
        Block {
            text: text.to_owned(),
            heading,
            ..Block::default()
        }
    }

    const BODY: &str =
        "본문은 이렇게 길게 이어지며 마침표로 끝나는 문장으로 되어 있는 한 문단입니다.";

    #[test]
    fn the_level_whose_headings_are_attributed_is_the_articles() {
        // Sections at level 1, articles at level 2 with the attribution under the title.
        let blocks = [
            block(1, "주간 NEWS"),
            block(2, "첫째 기사"),
            block(0, "출처 : 매체A (2021.3.1)"),
            block(0, BODY),
            block(1, "CHINA 창업"),
            block(2, "둘째 기사"),
            block(0, "출처 : 매체B (2021.3.2)"),
            block(0, BODY),
        ];
        assert_eq!(attributed_level(&blocks), Some(2));
        let mut ledger = Ledger::default();
        let articles = split_at_headings(&blocks, 2, "d.docx", "d", &mut ledger);
        let got: Vec<_> = articles
            .iter()
            .map(|a| {
                (
                    a.title.as_str(),
                    a.source.as_deref(),
                    a.date.as_deref(),
                    a.section.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "첫째 기사",
                    Some("매체A"),
                    Some("2021-03-01"),
                    Some("주간 NEWS")
                ),
                (
                    "둘째 기사",
                    Some("매체B"),
                    Some("2021-03-02"),
                    Some("CHINA 창업")
                ),
            ]
        );
        assert_eq!(
            articles[1].body, BODY,
            "the next section's heading is no body text"
        );
    }

    #[test]
    fn an_attribution_above_a_title_is_not_its_sections() {
        // The attribution stands before each title; the section heading above it has none.
        let blocks = [
            block(1, "전력"),
            block(0, "[매체A] 2021.03.01"),
            block(2, "첫째 기사"),
            block(0, BODY),
            block(1, "기후"),
            block(0, "[매체B] 2021.03.02"),
            block(2, "둘째 기사"),
            block(0, BODY),
        ];
        assert_eq!(attributed_level(&blocks), None);
    }

    #[test]
    fn a_dateline_under_each_title_and_a_wire_dateline_in_the_text() {
        // Titles at level 3 under one heading; a dateline alone under each title; the
        // outlet and reporter only in the wire service's dateline opening the text, the
        // reporter's address alone after it.
        let blocks = [
            block(1, "외신 모음"),
            block(3, "첫째 기사"),
            block(0, "입력 2019-04-02 오후 3:10"),
            block(0, &format!("【도쿄=뉴스1】이하늘 특파원 = {BODY}")),
            block(0, "sky@news1.example"),
            block(3, "둘째 기사"),
            block(0, "2019.04.03. 07:45"),
            block(0, &format!("(부산=뉴시스) {BODY}")),
        ];
        assert_eq!(attributed_level(&blocks), Some(3));
        let mut ledger = Ledger::default();
        let articles = split_at_headings(&blocks, 3, "d.docx", "d", &mut ledger);
        let got: Vec<_> = articles
            .iter()
            .map(|a| {
                (
                    a.source.as_deref(),
                    a.date.as_deref(),
                    a.author.as_deref(),
                    a.body.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (Some("뉴스1"), Some("2019-04-02"), Some("이하늘"), BODY),
                (Some("뉴시스"), Some("2019-04-03"), None, BODY),
            ]
        );
    }
}
