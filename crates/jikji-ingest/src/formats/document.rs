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

use crate::clean::{self, Wrapping};
use crate::{ink, newsletter, Ledger};

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
    let top = blocks
        .iter()
        .filter(|b| b.heading > 0)
        .map(|b| b.heading)
        .min();
    let headings = top.map_or(0, |t| blocks.iter().filter(|b| b.heading == t).count());
    if newsletter::detect(&text_lines).is_some() || headings < 2 {
        // A newsletter, or one article: the text pipeline, which knows both. A heading or a
        // Title-styled paragraph at the top is the title (given as such: structure, not words,
        // says it is one).
        let given = blocks
            .iter()
            .take(3)
            .find(|b| b.heading > 0 || b.title)
            .filter(|_| newsletter::detect(&text_lines).is_none())
            .map(|b| crate::frontmatter::FrontMatter {
                title: Some(b.text.clone()),
                ..Default::default()
            });
        let mut text = text;
        if let Some(fm) = &given {
            let title = fm.title.as_deref().unwrap_or("");
            if let Some(at) = text.find(&format!("{title}\n")) {
                ledger.title(title);
                text.replace_range(at..at + title.len() + 1, "");
            }
        }
        return crate::text_articles_laid_out(
            file,
            stem,
            &text,
            Some(Wrapping::OnePerLine),
            given.as_ref(),
            ledger,
        );
    }
    let top = top.unwrap_or(1);
    let mut out = Vec::new();
    let mut starts: Vec<usize> = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.heading == top)
        .map(|(i, _)| i)
        .collect();
    starts.push(blocks.len());
    // Before the first heading: the document's title and front matter.
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
    for b in &blocks[..starts[0]] {
        ledger.metadata(&b.text);
    }
    let width = (starts.len() - 1).to_string().len().max(2);
    for (n, w) in starts.windows(2).enumerate() {
        let heading = &blocks[w[0]];
        let (_, unnumbered) = newsletter::strip_numbering(&heading.text);
        let (title, source, date) = newsletter::split_attribution(unnumbered);
        ledger.title(&heading.text);
        let mut paragraphs: Vec<String> = Vec::new();
        let mut captions = Vec::new();
        for b in &blocks[w[0] + 1..w[1]] {
            if b.caption || clean::caption(&b.text).is_some() {
                captions.push(Caption {
                    after_paragraph: paragraphs.len() as u32,
                    text: b.text.clone(),
                });
            } else {
                paragraphs.push(clean::fix_pdf_spacing(&b.text));
            }
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
        article.source = source;
        article.date = date;
        article.collection.clone_from(&collection);
        article.captions = captions;
        article.origin = Some(Origin {
            file: file.to_owned(),
            line_start: w[0] as u32 + 1,
            line_end: w[1] as u32,
            format: None,
        });
        out.push(article);
    }
    (out, Vec::new())
}
