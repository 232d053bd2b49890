//! DOCX (Office Open XML): the paragraphs of `word/document.xml` in order, each with its style's
//! outline level (from `word/styles.xml`: "heading 1", "제목 1", an explicit `w:outlineLvl`) or
//! caption/title role; tables one line per row, cells separated by " | ". Articles are then
//! made by [`super::document::articles`] (a heading style is a strong article boundary).
//! Footnotes, endnotes, comments, page headers and footers are read too ([`asides`]), to be
//! counted by kind rather than lost in silence.
//!
//! The package is a zip: what is decompressed is capped ([`super::zip_part`]), so a zip bomb is
//! reported, not unpacked; a damaged or truncated package, or one without a document part, is
//! a reason to skip the file.

use std::collections::HashMap;

use quick_xml::events::Event;
use quick_xml::Reader;

use super::document::Block;

/// A style: its outline level (0: body) and role.
#[derive(Clone, Copy, Debug, Default)]
struct Style {
    heading: u8,
    title: bool,
    caption: bool,
}

/// The outline level a style's name says ("heading 2", "Heading2", "제목 2", "개요 1"), and
/// whether it is a title or caption style.
pub fn style_from_name(name: &str) -> (u8, bool, bool) {
    let lower = name.to_lowercase();
    let compact: String = lower.chars().filter(|c| !c.is_whitespace()).collect();
    for prefix in ["heading", "제목", "개요", "outline"] {
        if let Some(rest) = compact.strip_prefix(prefix) {
            if let Ok(level) = rest.parse::<u8>() {
                if (1..=9).contains(&level) {
                    return (level, false, false);
                }
            }
        }
    }
    let title = matches!(compact.as_str(), "title" | "제목" | "문서제목" | "표제");
    let caption = compact.starts_with("caption") || compact.starts_with("캡션");
    (0, title, caption)
}

fn attr(e: &quick_xml::events::BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| a.value.into_owned())
}

fn styles(xml: &str) -> HashMap<String, Style> {
    let mut out = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let mut id: Option<String> = None;
    let mut style = Style::default();
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "style" => {
                    id = attr(&e, "styleId");
                    style = Style::default();
                }
                "name" if id.is_some() => {
                    let (heading, title, caption) =
                        style_from_name(&attr(&e, "val").unwrap_or_default());
                    style = Style {
                        heading: style.heading.max(heading),
                        title,
                        caption,
                    };
                }
                "outlineLvl" if id.is_some() => {
                    if let Some(level) = attr(&e, "val").and_then(|v| v.parse::<u8>().ok()) {
                        if level < 9 {
                            style.heading = level + 1;
                        }
                    }
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == "style" => {
                if let Some(id) = id.take() {
                    out.insert(id, style);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// Reads the paragraphs of a DOCX package.
pub fn read(bytes: &[u8]) -> Result<Vec<Block>, String> {
    super::guarded("DOCX", || {
        let mut archive = super::open_zip(bytes, "DOCX")?;
        let document = super::zip_part(&mut archive, "word/document.xml")?
            .ok_or_else(|| "damaged DOCX: no word/document.xml".to_owned())?;
        let styles = super::zip_part(&mut archive, "word/styles.xml")?
            .map(|xml| styles(&xml))
            .unwrap_or_default();
        paragraphs(&document, &styles)
    })
}

/// The text of the parts beside the document's body — footnotes, endnotes, comments, page
/// headers and footers — by kind, one entry a paragraph: not part of the articles, but
/// counted (the ledger) and named (a warning) rather than lost in silence.
pub fn asides(bytes: &[u8]) -> Result<Vec<(&'static str, String)>, String> {
    super::guarded("DOCX", || {
        let mut archive = super::open_zip(bytes, "DOCX")?;
        let names: Vec<String> = archive
            .file_names()
            .filter_map(|n| n.ok().map(|n| n.into_owned()))
            .collect();
        let mut out = Vec::new();
        for name in names {
            let Some(kind) = aside_kind(&name) else {
                continue;
            };
            let Some(xml) = super::zip_part(&mut archive, &name)? else {
                continue;
            };
            for block in paragraphs(&xml, &HashMap::new())? {
                out.push((kind, block.text));
            }
        }
        Ok(out)
    })
}

/// The kind of text a part of the package beside `word/document.xml` holds.
fn aside_kind(name: &str) -> Option<&'static str> {
    let file = name.strip_prefix("word/")?.strip_suffix(".xml")?;
    let numbered = |prefix: &str| {
        file.strip_prefix(prefix)
            .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()))
    };
    Some(match file {
        "footnotes" => "footnote",
        "endnotes" => "endnote",
        "comments" => "comment",
        _ if numbered("header") => "page header",
        _ if numbered("footer") => "page footer",
        _ => return None,
    })
}

fn paragraphs(xml: &str, styles: &HashMap<String, Style>) -> Result<Vec<Block>, String> {
    let mut reader = Reader::from_str(xml);
    let mut blocks = Vec::new();
    let mut paragraph: Option<Block> = None;
    let mut in_text = false;
    // Tables: the cells of the row being read, and how deep in tables we are.
    let mut row: Option<Vec<String>> = None;
    let mut table_depth = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("damaged DOCX: {e}"))?;
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                "p" => paragraph = Some(Block::default()),
                "t" => in_text = true,
                "tbl" => table_depth += 1,
                "tr" if table_depth == 1 => row = Some(Vec::new()),
                "tc" if table_depth == 1 => {
                    if let Some(cells) = &mut row {
                        cells.push(String::new());
                    }
                }
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                "pStyle" => {
                    if let (Some(p), Some(id)) = (&mut paragraph, attr(&e, "val")) {
                        let style = styles.get(&id).copied().unwrap_or_else(|| {
                            let (heading, title, caption) = style_from_name(&id);
                            Style {
                                heading,
                                title,
                                caption,
                            }
                        });
                        p.heading = style.heading;
                        p.title = style.title;
                        p.caption = style.caption;
                    }
                }
                "outlineLvl" => {
                    if let (Some(p), Some(level)) = (
                        &mut paragraph,
                        attr(&e, "val").and_then(|v| v.parse::<u8>().ok()),
                    ) {
                        if level < 9 {
                            p.heading = level + 1;
                        }
                    }
                }
                "tab" => {
                    if let Some(p) = &mut paragraph {
                        p.text.push(' ');
                    }
                }
                // A line break ends a line ([`super::document::normalized`] says whether it
                // ends the paragraph's line or only a wrapped one); a page break is a space.
                "br" | "cr" => {
                    if let Some(p) = &mut paragraph {
                        let page = attr(&e, "type").is_some_and(|t| t == "page" || t == "column");
                        p.text.push(if page { ' ' } else { '\n' });
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text => {
                if let Some(p) = &mut paragraph {
                    p.text.push_str(&t.into_inner());
                }
            }
            Event::GeneralRef(r) if in_text => {
                if let Some(p) = &mut paragraph {
                    match r.resolve_char_ref() {
                        Ok(Some(c)) => p.text.push(c),
                        _ => {
                            let name = r.into_inner();
                            if let Ok(v) = quick_xml::escape::unescape(&format!("&{name};")) {
                                p.text.push_str(&v);
                            }
                        }
                    }
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "p" => {
                    if let Some(p) = paragraph.take() {
                        match row
                            .as_mut()
                            .and_then(|cells| cells.last_mut())
                            .filter(|_| table_depth == 1)
                        {
                            Some(cell) => {
                                if !cell.is_empty() {
                                    cell.push(' ');
                                }
                                cell.push_str(p.text.replace('\n', " ").trim());
                            }
                            None => blocks.push(p),
                        }
                    }
                }
                "tr" if table_depth == 1 => {
                    if let Some(cells) = row.take() {
                        let cells: Vec<String> = cells
                            .into_iter()
                            .map(|c| c.trim().to_owned())
                            .filter(|c| !c.is_empty())
                            .collect();
                        if !cells.is_empty() {
                            blocks.push(Block {
                                text: cells.join(" | "),
                                ..Default::default()
                            });
                        }
                    }
                }
                "tbl" => table_depth = table_depth.saturating_sub(1),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(blocks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn style_names_give_outline_levels() {
        assert_eq!(style_from_name("heading 1"), (1, false, false));
        assert_eq!(style_from_name("Heading2"), (2, false, false));
        assert_eq!(style_from_name("제목 1"), (1, false, false));
        assert_eq!(style_from_name("개요 3"), (3, false, false));
        assert_eq!(style_from_name("Title"), (0, true, false));
        assert_eq!(style_from_name("Caption"), (0, false, true));
        assert_eq!(style_from_name("Normal"), (0, false, false));
    }
}
