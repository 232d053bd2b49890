//! DOCX (Office Open XML): the paragraphs of `word/document.xml` in order, each with its style's
//! outline level (from `word/styles.xml`: "heading 1", "제목 1", an explicit `w:outlineLvl`) or
//! caption/title role; tables one line per row, cells separated by " | ", or cell after cell
//! when a row's cells hold prose ([`super::document::row_blocks`]). Articles are then
//! made by [`super::document::articles`] (a heading style is a strong article boundary).
//! Footnotes, endnotes, comments, page headers and footers are read too ([`asides`]), to be
//! counted by kind rather than lost in silence; a note whose mark stands in a heading or the
//! title (`## 제목[^1]`, `[^1]: 출처: 매체, 2021년 3월 4일.`) credits what the heading heads, and
//! is read as a line under it.
//!
//! A text box's paragraphs (`w:txbxContent`) are read where the box is anchored, before the
//! line of the paragraph anchoring it (which holds what text it has besides). Word writes a box twice, in an `mc:AlternateContent`: the
//! shape (`mc:Choice`) and a VML copy for older readers (`mc:Fallback`); only the first is
//! read ([`skips_fallback`]), or every box would be read twice.
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

/// An element's attribute by its local name (whatever its namespace prefix), shared with the
/// OpenDocument reader ([`super::odt`]).
pub(super) fn attr(e: &quick_xml::events::BytesStart, name: &str) -> Option<String> {
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
/// The text beside a document's body, by kind, one entry a paragraph ([`asides`]).
pub type Asides = Vec<(&'static str, String)>;

/// A document's blocks, and the text beside them ([`asides`]) less the notes read into them.
pub fn read(bytes: &[u8]) -> Result<(Vec<Block>, Asides), String> {
    super::guarded("DOCX", || {
        let mut archive = super::open_zip(bytes, "DOCX")?;
        let document = super::zip_part(&mut archive, "word/document.xml")?
            .ok_or_else(|| "damaged DOCX: no word/document.xml".to_owned())?;
        let styles = super::zip_part(&mut archive, "word/styles.xml")?
            .map(|xml| styles(&xml))
            .unwrap_or_default();
        let mut notes = Notes::default();
        for (kind, part) in NOTE_PARTS {
            if let Some(xml) = super::zip_part(&mut archive, part)? {
                notes.read(kind, &xml)?;
            }
        }
        let blocks = paragraphs(&document, &styles, &mut notes)?;
        let asides = asides(&mut archive, &notes)?;
        Ok((blocks, asides))
    })
}

/// The parts holding notes, by the kind of their marks in the document.
const NOTE_PARTS: [(&str, &str); 2] = [
    ("footnote", "word/footnotes.xml"),
    ("endnote", "word/endnotes.xml"),
];

/// A document's footnotes and endnotes by kind and id, and those read under a heading.
#[derive(Default)]
struct Notes {
    text: HashMap<(&'static str, String), String>,
    placed: std::collections::HashSet<(&'static str, String)>,
}

impl Notes {
    /// Reads a notes part: each `<w:footnote w:id="…">`'s paragraphs, one a line.
    fn read(&mut self, kind: &'static str, xml: &str) -> Result<(), String> {
        let mut reader = Reader::from_str(xml);
        let mut open: Option<(String, String)> = None;
        let mut in_text = false;
        loop {
            match reader
                .read_event()
                .map_err(|e| format!("damaged DOCX: {e}"))?
            {
                Event::Start(e) if e.local_name().as_ref() == kind => {
                    open = attr(&e, "id").map(|id| (id, String::new()));
                }
                Event::Start(e) if e.local_name().as_ref() == "t" => in_text = true,
                Event::Text(t) if in_text => {
                    if let Some((_, text)) = &mut open {
                        text.push_str(&t.into_inner());
                    }
                }
                Event::End(e) => match e.local_name().as_ref() {
                    "t" => in_text = false,
                    "p" => {
                        if let Some((_, text)) = &mut open {
                            text.push('\n');
                        }
                    }
                    name if name == kind => {
                        if let Some((id, text)) = open.take() {
                            self.text.insert((kind, id), text.trim().to_owned());
                        }
                    }
                    _ => {}
                },
                Event::Eof => return Ok(()),
                _ => {}
            }
        }
    }

    /// The lines of the notes `marks` point to, each marked as read.
    fn place(&mut self, marks: &[(&'static str, String)]) -> Vec<String> {
        let mut lines = Vec::new();
        for mark in marks {
            if let Some(text) = self.text.get(mark).filter(|t| !t.is_empty()) {
                lines.extend(text.lines().map(str::to_owned));
                self.placed.insert(mark.clone());
            }
        }
        lines
    }
}

/// The text of the parts beside the document's body — footnotes, endnotes, comments, page
/// headers and footers — by kind, one entry a paragraph, less the notes read under a heading:
/// not part of the articles, but counted (the ledger) and named (a warning) rather than lost
/// in silence.
fn asides(
    archive: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    notes: &Notes,
) -> Result<Asides, String> {
    let names: Vec<String> = archive
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .collect();
    let mut out = Vec::new();
    for name in names {
        let Some(kind) = aside_kind(&name) else {
            continue;
        };
        if let Some((note, _)) = NOTE_PARTS.iter().find(|(_, part)| *part == name) {
            for ((k, id), text) in &notes.text {
                if k == note && !notes.placed.contains(&(*k, id.clone())) {
                    out.extend(text.lines().map(|line| (kind, line.to_owned())));
                }
            }
            continue;
        }
        let Some(xml) = super::zip_part(archive, &name)? else {
            continue;
        };
        for block in paragraphs(&xml, &HashMap::new(), &mut Notes::default())? {
            out.push((kind, block.text));
        }
    }
    Ok(out)
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

/// An entity or character reference of the text (`&amp;`, `&#x20;`) appended to `text`.
pub(super) fn push_reference(text: &mut String, r: quick_xml::events::BytesRef) {
    match r.resolve_char_ref() {
        Ok(Some(c)) => text.push(c),
        _ => {
            let name = r.into_inner();
            if let Ok(v) = quick_xml::escape::unescape(&format!("&{name};")) {
                text.push_str(&v);
            }
        }
    }
}

/// A paragraph read to its end: a line of the table cell being read (its line breaks spaces),
/// or a block of its own followed, when it heads (a heading or the title), by the lines of the
/// notes marked in it (`notes_under`: a note on a heading credits what it heads). Shared with
/// the OpenDocument reader ([`super::odt`]).
pub(super) fn end_paragraph(
    blocks: &mut Vec<Block>,
    cell: Option<&mut Vec<String>>,
    p: Block,
    notes_under: impl FnOnce() -> Vec<String>,
) {
    match cell {
        Some(cell) => {
            let text = p.text.replace('\n', " ");
            if !text.trim().is_empty() {
                cell.push(text.trim().to_owned());
            }
        }
        None => {
            let heads = p.heading > 0 || p.title;
            blocks.push(p);
            if heads {
                blocks.extend(notes_under().into_iter().map(|text| Block {
                    text,
                    ..Default::default()
                }));
            }
        }
    }
}

fn paragraphs(
    xml: &str,
    styles: &HashMap<String, Style>,
    notes: &mut Notes,
) -> Result<Vec<Block>, String> {
    let mut reader = Reader::from_str(xml);
    let mut blocks = Vec::new();
    let mut paragraph: Option<Block> = None;
    // The note marks in the paragraph being read.
    let mut marks: Vec<(&'static str, String)> = Vec::new();
    let mut in_text = false;
    // Tables: the cells of the row being read, and how deep in tables we are.
    let mut row: Option<Vec<Vec<String>>> = None;
    let mut table_depth = 0usize;
    // Paragraphs holding a text box whose paragraphs are being read, and how deep in an
    // alternative's fallback copy we are.
    let mut anchors: Vec<Block> = Vec::new();
    let mut fallback_depth = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("damaged DOCX: {e}"))?;
        if skips_fallback(&event, &mut fallback_depth) {
            continue;
        }
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                "p" => {
                    anchors.extend(paragraph.take());
                    paragraph = Some(Block::default());
                }
                "t" => in_text = true,
                "tbl" => table_depth += 1,
                "tr" if table_depth == 1 => row = Some(Vec::new()),
                "tc" if table_depth == 1 => {
                    if let Some(cells) = &mut row {
                        cells.push(Vec::new());
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
                "footnoteReference" | "endnoteReference" => {
                    let kind = if e.local_name().as_ref() == "footnoteReference" {
                        "footnote"
                    } else {
                        "endnote"
                    };
                    if let Some(id) = attr(&e, "id") {
                        marks.push((kind, id));
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
                    push_reference(&mut p.text, r);
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "p" => {
                    if let Some(p) = paragraph.take() {
                        let cell = row
                            .as_mut()
                            .and_then(|cells| cells.last_mut())
                            .filter(|_| table_depth == 1);
                        end_paragraph(&mut blocks, cell, p, || notes.place(&marks));
                        marks.clear();
                    }
                    paragraph = anchors.pop();
                }
                "tr" if table_depth == 1 => {
                    if let Some(cells) = row.take() {
                        blocks.extend(super::document::row_blocks(&cells));
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

/// Whether `event` is in (or opens or closes) an `mc:Fallback`, the copy of an
/// `mc:AlternateContent`'s choice written for readers that cannot read it (Word's text boxes,
/// drawn again in VML): it is passed over, `depth` counting the fallbacks open.
fn skips_fallback(event: &Event, depth: &mut usize) -> bool {
    match event {
        Event::Start(e) if e.local_name().as_ref() == "Fallback" => {
            *depth += 1;
            true
        }
        Event::End(e) if e.local_name().as_ref() == "Fallback" => {
            *depth = depth.saturating_sub(1);
            true
        }
        _ => *depth > 0,
    }
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

    #[test]
    fn a_note_on_a_heading_is_read_under_it_and_others_stay_notes() {
        let p = |style: &str, text: &str, mark: &str| {
            format!(
                "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr><w:r><w:t>{text}</w:t></w:r>{mark}</w:p>"
            )
        };
        let document = format!(
            "<w:document><w:body>{}{}{}</w:body></w:document>",
            p(
                "Heading1",
                "항만 물동량 늘어",
                "<w:r><w:endnoteReference w:id=\"3\"/></w:r>"
            ),
            p(
                "Normal",
                "부산항의 물동량이 늘었다.",
                "<w:r><w:footnoteReference w:id=\"4\"/></w:r>"
            ),
            p("Heading1", "철도 개통", ""),
        );
        let mut notes = Notes::default();
        notes
            .read(
                "endnote",
                "<w:endnotes><w:endnote w:id=\"3\"><w:p><w:r><w:endnoteRef/></w:r>\
                 <w:r><w:t>해운신문 2019. 5. 2.</w:t></w:r></w:p></w:endnote></w:endnotes>",
            )
            .unwrap();
        notes
            .read(
                "footnote",
                "<w:footnotes><w:footnote w:id=\"4\"><w:p><w:r><w:t>TEU 기준.</w:t></w:r></w:p></w:footnote></w:footnotes>",
            )
            .unwrap();
        let blocks = paragraphs(&document, &HashMap::new(), &mut notes).unwrap();
        let lines: Vec<(&str, u8)> = blocks
            .iter()
            .map(|b| (b.text.as_str(), b.heading))
            .collect();
        assert_eq!(
            lines,
            [
                ("항만 물동량 늘어", 1),
                ("해운신문 2019. 5. 2.", 0),
                ("부산항의 물동량이 늘었다.", 0),
                ("철도 개통", 1),
            ]
        );
        // The note on a body paragraph is no credit: it stays a note, counted beside the text.
        assert!(notes.placed.contains(&("endnote", "3".to_owned())));
        assert!(!notes.placed.contains(&("footnote", "4".to_owned())));
    }

    #[test]
    fn a_row_whose_cells_hold_prose_is_read_cell_after_cell() {
        let p = |text: &str| format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>");
        let long = "시내버스 노선이 다음 달부터 새로 짜이면서 외곽 마을을 오가는 버스가 하루 여섯 차례로 늘어나고 배차 간격도 짧아진다고 시는 밝혔다. 시민들은 대체로 반기는 분위기다.";
        let cell = |title: &str, credit: &str| {
            format!(
                "<w:tc>{}{}{}{}</w:tc>",
                p(title),
                p(long),
                p("시는 정류장 안내판도 바꾼다."),
                p(credit)
            )
        };
        let document = format!(
            "<w:document><w:body>{}<w:tbl><w:tr>{}{}</w:tr>\
             <w:tr><w:tc>{}</w:tc><w:tc>{}{}</w:tc></w:tr>\
             <w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl></w:body></w:document>",
            p("교통 소식 모음"),
            cell("시내버스 노선 개편", "— 강원일보, 2019년 5월 3일"),
            cell("외곽 마을 버스 늘어", "— 춘천일보, 2019년 5월 4일"),
            p("내용"),
            p(long),
            p("둘째 문단."),
            p("번호"),
            p("제목"),
            p("매체"),
        );
        let blocks = paragraphs(&document, &HashMap::new(), &mut Notes::default()).unwrap();
        let lines: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        // The grid row: each cell's paragraphs in turn. A labelled row (내용 | its text) and a
        // row of short cells stay one line each, their cells separated by " | ".
        assert_eq!(lines.len(), 1 + 8 + 2, "{lines:?}");
        assert_eq!(
            &lines[1..5],
            [
                "시내버스 노선 개편",
                long,
                "시는 정류장 안내판도 바꾼다.",
                "— 강원일보, 2019년 5월 3일"
            ]
        );
        assert_eq!(lines[5], "외곽 마을 버스 늘어");
        assert_eq!(lines[9], format!("내용 | {long} 둘째 문단."));
        assert_eq!(lines[10], "번호 | 제목 | 매체");
        let mut ledger = crate::Ledger::default();
        let (articles, _) =
            super::super::document::articles(&blocks[..9], "g.docx", "g", &mut ledger);
        let read: Vec<(&str, Option<&str>, Option<&str>)> = articles
            .iter()
            .map(|a| (a.title.as_str(), a.source.as_deref(), a.date.as_deref()))
            .collect();
        assert_eq!(
            read,
            [
                ("시내버스 노선 개편", Some("강원일보"), Some("2019-05-03")),
                ("외곽 마을 버스 늘어", Some("춘천일보"), Some("2019-05-04")),
            ]
        );
    }

    /// A Word text box: its paragraphs in the shape (`mc:Choice`) and again in VML
    /// (`mc:Fallback`), anchored in a paragraph of its own text.
    fn text_box(paragraphs: &str) -> String {
        format!(
            "<mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor><a:graphic>\
             <a:graphicData><wps:wsp><wps:txbx><w:txbxContent>{paragraphs}</w:txbxContent>\
             </wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>\
             <mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{paragraphs}</w:txbxContent>\
             </v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent>"
        )
    }

    #[test]
    fn a_text_box_is_read_once_where_it_is_anchored() {
        let p = |text: &str| format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>");
        let boxed = format!(
            "{}{}{}",
            p("항구 도시에 새 여객선 취항"),
            p("해양일보, 2018.4.2."),
            p("섬을 오가는 여객선이 하루 네 차례 다닌다.")
        );
        let document = format!(
            "<w:document><w:body>{}<w:p><w:r><w:t>사진 없음</w:t></w:r><w:r>{}</w:r></w:p>{}</w:body></w:document>",
            p("지역 소식"),
            text_box(&boxed),
            p("다음 호에 계속"),
        );
        let blocks = paragraphs(&document, &HashMap::new(), &mut Notes::default()).unwrap();
        let lines: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            lines,
            [
                "지역 소식",
                "항구 도시에 새 여객선 취항",
                "해양일보, 2018.4.2.",
                "섬을 오가는 여객선이 하루 네 차례 다닌다.",
                "사진 없음",
                "다음 호에 계속",
            ]
        );
    }
}
