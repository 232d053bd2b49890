//! Word-processor documents (DOCX, ODT, HWPX, HWP) after their reader: paragraphs with their style
//! (heading level, caption), tables as one line per row or, when a row's cells hold prose,
//! cell after cell ([`row_blocks`]), and how they become articles.
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
use crate::fields::{self, FieldKind};
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

/// A document's blocks as the article splitter reads them: a line break inside a paragraph
/// ends a line where it sets an attribution apart ([`at_line_breaks`]), and fields written as
/// a label and its value in cells or paragraphs of their own become labelled lines
/// ([`labelled_fields`]); a body's label is dropped (in the ledger). The marks that join a
/// label to its value (`: `, ` / `) are counted with the text read: the blocks returned and
/// the ledger's drop are what was read.
pub fn normalized(blocks: Vec<Block>, ledger: &mut Ledger) -> Vec<Block> {
    labelled_fields(at_line_breaks(blocks), ledger)
}

/// A paragraph broken by a line break (`<w:br/>`, read as `\n`) whose pieces include an
/// attribution ("제목↵매체 2021.3.4") is that many lines, the first keeping the paragraph's
/// style; any other break is a space, as the paragraph reads on.
fn at_line_breaks(blocks: Vec<Block>) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    for block in blocks {
        if !block.text.contains('\n') {
            out.push(block);
            continue;
        }
        let pieces: Vec<&str> = block
            .text
            .split('\n')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let sets_apart = pieces.len() >= 2
            && pieces
                .iter()
                .any(|p| attributed::attribution_line(p).is_some_and(|a| a.source.is_some()));
        if !sets_apart {
            out.push(Block {
                text: block.text.replace('\n', " "),
                ..block
            });
            continue;
        }
        for (k, piece) in pieces.into_iter().enumerate() {
            out.push(if k == 0 {
                Block {
                    text: piece.to_owned(),
                    ..block.clone()
                }
            } else {
                Block {
                    text: piece.to_owned(),
                    ..Default::default()
                }
            });
        }
    }
    out
}

/// A paragraph at least this long (characters) in a table cell of two paragraphs or more makes
/// the cell one of prose.
const PROSE_PARAGRAPH_CHARS: usize = 80;

/// A table row as blocks; each cell is given as its paragraphs. A row of fields or short cells
/// is one line, its cells separated by " | " (a cell's paragraphs joined by a space). A row
/// with a cell of prose (two paragraphs or more, one of them long) and no field label among
/// its cells is a layout grid — an article a cell, or a listing's number, text and credit
/// side by side — read cell after cell, each paragraph a block of its own.
pub fn row_blocks(cells: &[Vec<String>]) -> Vec<Block> {
    let prose = |cell: &Vec<String>| {
        cell.len() >= 2
            && cell
                .iter()
                .any(|p| p.chars().count() >= PROSE_PARAGRAPH_CHARS)
    };
    let labelled = |cell: &Vec<String>| {
        cell.iter()
            .any(|p| fields::label_kind(p.trim().trim_end_matches([':', '：'])).is_some())
    };
    let block = |text: String| Block {
        text,
        ..Default::default()
    };
    if cells.iter().any(prose) && !cells.iter().any(labelled) {
        return cells.iter().flatten().cloned().map(block).collect();
    }
    let line: Vec<String> = cells
        .iter()
        .map(|cell| cell.join(" "))
        .filter(|c| !c.is_empty())
        .collect();
    if line.is_empty() {
        Vec::new()
    } else {
        vec![block(line.join(" | "))]
    }
}

/// One field of a record: its label as written, what it names, its value.
struct Field {
    label: String,
    kind: FieldKind,
    value: String,
}

/// A table row of labels each followed by its value (`매체 | 연합뉴스 | 일자 | 2021.3.4`,
/// `제목 | …`): its fields. A row whose values are labels too is a header row, no record.
fn row_fields(text: &str) -> Option<Vec<Field>> {
    let cells: Vec<&str> = text.split(" | ").map(str::trim).collect();
    if cells.len() < 2 || cells.len() % 2 != 0 {
        return None;
    }
    cells
        .chunks(2)
        .map(|pair| {
            let kind = fields::label_kind(pair[0])?;
            (fields::label_kind(pair[1]).is_none() && !pair[1].is_empty()).then(|| Field {
                label: pair[0].to_owned(),
                kind,
                value: pair[1].to_owned(),
            })
        })
        .collect()
}

/// A field's value in a paragraph of its own is at most this long (characters).
const MAX_FIELD_VALUE_CHARS: usize = 60;

/// A paragraph that is a label alone (`매체`, `일자:`) over a short paragraph that is its
/// value (a field list, as pandoc writes reStructuredText's: Definition Term, Definition):
/// the field. A label of the body or title does not take the paragraph under it this way
/// (a heading `내용` over its text is a heading).
fn paragraph_field(label: &Block, value: &Block) -> Option<Field> {
    let bare = label.text.trim().trim_end_matches([':', '：']).trim();
    let kind = fields::label_kind(bare).filter(|k| {
        !matches!(k, FieldKind::Body | FieldKind::Title) && clean::key(bare).chars().count() <= 8
    })?;
    let v = value.text.trim();
    // A sentence is no value; a date may end with its period ("2019. 4. 5.").
    let sentence = v.ends_with('다')
        || v.ends_with("다.")
        || (v.ends_with('.') && crate::dates::find_date(v).is_none());
    let short = v.chars().count() <= MAX_FIELD_VALUE_CHARS && !sentence;
    (short && value.heading == 0 && fields::label_kind(v).is_none() && !v.contains(" | ")).then(
        || Field {
            label: bare.to_owned(),
            kind,
            value: v.to_owned(),
        },
    )
}

/// Fields a document writes as a label and its value in cells of a row or in paragraphs of
/// their own, as the lines of labelled fields a clipping sheet writes: the title's alone
/// (`제목: …`), the outlet's, date's, reporter's… of one record on one line (`매체: 연합뉴스 /
/// 일자: 2021.3.4`), the body's value as its text (its label dropped as a field label).
fn labelled_fields(blocks: Vec<Block>, ledger: &mut Ledger) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    let mut credit: Vec<String> = Vec::new();
    let flush = |credit: &mut Vec<String>, out: &mut Vec<Block>| {
        if !credit.is_empty() {
            out.push(Block {
                text: credit.join(" / "),
                ..Default::default()
            });
            credit.clear();
        }
    };
    let mut i = 0;
    while i < blocks.len() {
        let block = &blocks[i];
        let (found, taken) = match row_fields(&block.text) {
            Some(found) => (found, 1),
            None => match blocks
                .get(i + 1)
                .and_then(|next| paragraph_field(block, next))
            {
                Some(field) => (vec![field], 2),
                None => (Vec::new(), 0),
            },
        };
        if found.is_empty() {
            flush(&mut credit, &mut out);
            out.push(block.clone());
            i += 1;
            continue;
        }
        for field in found {
            match field.kind {
                FieldKind::Title => {
                    flush(&mut credit, &mut out);
                    out.push(Block {
                        text: format!("{}: {}", field.label, field.value),
                        ..Default::default()
                    });
                }
                FieldKind::Body => {
                    flush(&mut credit, &mut out);
                    ledger.dropped("field label", &field.label);
                    out.push(Block {
                        text: field.value,
                        ..Default::default()
                    });
                }
                _ => credit.push(format!("{}: {}", field.label, field.value)),
            }
        }
        i += taken;
    }
    flush(&mut credit, &mut out);
    out
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

    fn para(text: &str) -> Block {
        Block {
            text: text.to_owned(),
            ..Default::default()
        }
    }

    fn texts(blocks: &[Block]) -> Vec<&str> {
        blocks.iter().map(|b| b.text.as_str()).collect()
    }

    #[test]
    fn a_line_break_that_sets_an_attribution_apart_ends_a_line() {
        let mut ledger = Ledger::default();
        let heading = Block {
            heading: 2,
            ..para("항만 물동량 3년 만에 반등\n[부산일보 2019.4.5]")
        };
        let blocks = normalized(
            vec![heading, para("바람이 분다\n살아야겠다\n"), para("본문.")],
            &mut ledger,
        );
        assert_eq!(
            texts(&blocks),
            [
                "항만 물동량 3년 만에 반등",
                "[부산일보 2019.4.5]",
                "바람이 분다 살아야겠다 ",
                "본문."
            ]
        );
        assert_eq!((blocks[0].heading, blocks[1].heading), (2, 0));
    }

    #[test]
    fn labels_and_values_in_cells_or_paragraphs_of_their_own_are_labelled_lines() {
        let mut ledger = Ledger::default();
        let blocks = normalized(
            vec![
                para("분야 | 기사제목 | 언론사 | 보도일"),
                para("기사제목 | 항만 물동량 반등"),
                para("언론사 | 경향신문 | 보도일 | 2019-04-05"),
                para("본문 | 부산항의 물동량이 늘었다."),
                para("출처"),
                para("부산일보"),
                para("게재일자:"),
                para("2019. 4. 5."),
                para("내용"),
                para("부산항의 물동량이 3년 만에 늘었다고 항만공사가 밝혔다."),
            ],
            &mut ledger,
        );
        assert_eq!(
            texts(&blocks),
            [
                "분야 | 기사제목 | 언론사 | 보도일",
                "기사제목: 항만 물동량 반등",
                "언론사: 경향신문 / 보도일: 2019-04-05",
                "부산항의 물동량이 늘었다.",
                "출처: 부산일보 / 게재일자: 2019. 4. 5.",
                "내용",
                "부산항의 물동량이 3년 만에 늘었다고 항만공사가 밝혔다.",
            ]
        );
        assert_eq!(ledger.dropped_lines("field label"), 1);
    }
}
