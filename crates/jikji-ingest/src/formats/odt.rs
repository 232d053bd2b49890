//! OpenDocument Text (ODT, as LibreOffice and OpenOffice save): the paragraphs of
//! `content.xml` read into the blocks the DOCX reader gives ([`super::document::Block`]), so
//! that articles, titles, credits and furniture are found as for DOCX. A `text:h` is a heading
//! at its `text:outline-level`; a `text:p` takes the role of its style, followed up its parents
//! through the automatic styles of `content.xml` and the named ones of `styles.xml` ("Heading
//! 1", "Title", "Caption", a `style:default-outline-level`); lists are their paragraphs;
//! tables are read row by row as DOCX tables are ([`super::document::row_blocks`]). Spaces
//! (`text:s`), tabs and line breaks are written out; a frame's text box is read as paragraphs
//! of their own. Footnotes and endnotes (`text:note`) on a heading or the title are read as
//! lines under it (a credit), others — and comments (`office:annotation`), page headers and
//! footers (`styles.xml`) — are text beside the body, counted by kind ([`super::docx::Asides`]).
//!
//! A package is an ODT by its `mimetype` entry (`application/vnd.oasis.opendocument.text`);
//! another OpenDocument kind, a damaged package or one without `content.xml` is a reason to
//! skip the file.

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::document::Block;
use super::docx::{attr, end_paragraph, push_reference, style_from_name, Asides};

/// The media type an ODT's `mimetype` entry names (a template's adds `-template`).
pub const MIMETYPE: &str = "application/vnd.oasis.opendocument.text";

/// A document's blocks, and the text beside them less the notes read into them.
pub fn read(bytes: &[u8]) -> Result<(Vec<Block>, Asides), String> {
    super::guarded("ODT", || {
        let mut archive = super::open_zip(bytes, "ODT")?;
        let mimetype = super::zip_part(&mut archive, "mimetype")?;
        if !mimetype
            .as_deref()
            .is_some_and(|m| m.trim().starts_with(MIMETYPE))
        {
            return Err(format!(
                "not an OpenDocument text (its mimetype entry says {:?})",
                mimetype.as_deref().map_or("nothing", str::trim)
            ));
        }
        let content = super::zip_part(&mut archive, "content.xml")?
            .ok_or_else(|| "damaged ODT: no content.xml".to_owned())?;
        let common = super::zip_part(&mut archive, "styles.xml")?.unwrap_or_default();
        let mut styles = Styles::default();
        styles.read(&common);
        styles.read(&content);
        let mut body = Body::new(&styles);
        body.read(&content, Region::Body)?;
        let mut furniture = Body::new(&styles);
        furniture.read(&common, Region::PageFurniture)?;
        let mut asides = body.asides;
        asides.extend(furniture.blocks.into_iter().map(|b| (b.kind, b.block.text)));
        Ok((body.blocks.into_iter().map(|b| b.block).collect(), asides))
    })
}

/// A style's own name, display name, parent and outline level.
#[derive(Clone, Debug, Default)]
struct StyleEntry {
    display: Option<String>,
    parent: Option<String>,
    outline: u8,
}

/// The paragraph styles of a package, by name.
#[derive(Default)]
struct Styles(HashMap<String, StyleEntry>);

impl Styles {
    /// Adds the `style:style` elements of a part (named or automatic).
    fn read(&mut self, xml: &str) {
        let mut reader = Reader::from_str(xml);
        while let Ok(event) = reader.read_event() {
            match event {
                Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "style" => {
                    if let Some(name) = attr(&e, "name") {
                        let outline = attr(&e, "default-outline-level")
                            .and_then(|v| v.parse::<u8>().ok())
                            .filter(|l| (1..=9).contains(l))
                            .unwrap_or(0);
                        let entry = StyleEntry {
                            display: attr(&e, "display-name"),
                            parent: attr(&e, "parent-style-name"),
                            outline,
                        };
                        self.0.insert(name, entry);
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
    }

    /// The role (outline level, title, caption) of the style `name`, from it or the nearest
    /// of its parents that has one.
    fn role(&self, name: &str) -> (u8, bool, bool) {
        let mut at = Some(name.to_owned());
        for _ in 0..16 {
            let Some(name) = at.take() else { break };
            let entry = self.0.get(&name).cloned().unwrap_or_default();
            if entry.outline > 0 {
                return (entry.outline, false, false);
            }
            let shown = entry.display.unwrap_or_else(|| name.replace("_20_", " "));
            let role = style_from_name(&shown);
            if role != (0, false, false) {
                return role;
            }
            at = entry.parent;
        }
        (0, false, false)
    }
}

/// Which part of a package's XML holds the text read: the document's body (`office:text`), or
/// the page headers and footers of `styles.xml`'s master pages.
#[derive(Clone, Copy, PartialEq)]
enum Region {
    Body,
    PageFurniture,
}

/// A block read, with the kind of text it is when it is beside the body.
struct Read {
    block: Block,
    kind: &'static str,
}

/// A paragraph being read and the note lines marked in it.
#[derive(Default)]
struct Open {
    block: Block,
    notes: Vec<(&'static str, String)>,
}

/// A note or comment being read: its kind and text, one paragraph a line.
struct Note {
    kind: &'static str,
    text: String,
    /// How many paragraphs were open where it stands: its own text is in paragraphs opened
    /// inside it (its citation, a comment's author and date are not).
    base: usize,
}

/// The walk through a part's paragraphs.
struct Body<'s> {
    styles: &'s Styles,
    blocks: Vec<Read>,
    asides: Asides,
    /// The paragraphs open, innermost last (a frame's text box holds paragraphs of its own).
    open: Vec<Open>,
    note: Option<Note>,
    /// The cells of the table row being read, and how deep in tables the walk is.
    row: Option<Vec<Vec<String>>>,
    table_depth: usize,
    /// How deep inside the region read (a page header or footer, the body), and its kind.
    inside: usize,
    kind: &'static str,
    /// How deep inside text that is not the document's (tracked deletions).
    ignored: usize,
}

impl<'s> Body<'s> {
    fn new(styles: &'s Styles) -> Self {
        Body {
            styles,
            blocks: Vec::new(),
            asides: Vec::new(),
            open: Vec::new(),
            note: None,
            row: None,
            table_depth: 0,
            inside: 0,
            kind: "body",
            ignored: 0,
        }
    }

    fn read(&mut self, xml: &str, region: Region) -> Result<(), String> {
        let mut reader = Reader::from_str(xml);
        loop {
            let event = reader
                .read_event()
                .map_err(|e| format!("damaged ODT: {e}"))?;
            match event {
                Event::Start(e) => {
                    if self.inside == 0 {
                        if let Some(kind) = region_kind(&e, region) {
                            self.kind = kind;
                            self.inside = 1;
                        }
                        continue;
                    }
                    self.inside += 1;
                    self.start(&e);
                }
                Event::Empty(e) if self.inside > 0 => self.empty(&e),
                Event::Text(t) if self.reading_text() => {
                    self.push_text(&t.into_inner());
                }
                Event::GeneralRef(r) if self.reading_text() => {
                    if let Some(text) = self.text() {
                        push_reference(text, r);
                    }
                }
                Event::End(e) if self.inside > 0 => {
                    self.inside -= 1;
                    if self.inside > 0 {
                        self.end(e.local_name().as_ref());
                    }
                }
                Event::Eof => return Ok(()),
                _ => {}
            }
        }
    }

    fn start(&mut self, e: &BytesStart) {
        if self.ignored > 0 {
            self.ignored += 1;
            return;
        }
        match e.local_name().as_ref() {
            "p" | "h" => self.open.push(Open {
                block: self.paragraph(e),
                notes: Vec::new(),
            }),
            // Deleted text kept for review; an image's title and description.
            _ if matches!(
                e.name().as_ref(),
                "text:tracked-changes" | "svg:title" | "svg:desc"
            ) =>
            {
                self.ignored = 1
            }
            "note" | "annotation" => {
                let kind = match attr(e, "note-class").as_deref() {
                    Some("endnote") => "endnote",
                    _ if e.local_name().as_ref() == "annotation" => "comment",
                    _ => "footnote",
                };
                self.note = Some(Note {
                    kind,
                    text: String::new(),
                    base: self.open.len(),
                });
            }
            "table" => self.table_depth += 1,
            "table-row" if self.table_depth == 1 => self.row = Some(Vec::new()),
            "table-cell" if self.table_depth == 1 => {
                if let Some(cells) = &mut self.row {
                    cells.push(Vec::new());
                }
            }
            _ => {}
        }
    }

    /// A paragraph's block with the role its element and style give it.
    fn paragraph(&self, e: &BytesStart) -> Block {
        let (mut heading, title, caption) = attr(e, "style-name")
            .map(|name| self.styles.role(&name))
            .unwrap_or_default();
        if e.local_name().as_ref() == "h" {
            heading = attr(e, "outline-level")
                .and_then(|v| v.parse::<u8>().ok())
                .filter(|l| (1..=9).contains(l))
                .unwrap_or(heading.max(1));
        }
        Block {
            heading,
            title: title && heading == 0,
            caption,
            ..Default::default()
        }
    }

    fn empty(&mut self, e: &BytesStart) {
        if self.ignored > 0 {
            return;
        }
        let Some(text) = self.text() else { return };
        match e.local_name().as_ref() {
            "s" => {
                let count = attr(e, "c")
                    .and_then(|c| c.parse::<usize>().ok())
                    .unwrap_or(1);
                text.extend(std::iter::repeat_n(' ', count.min(1000)));
            }
            "tab" => text.push(' '),
            // As a DOCX `<w:br/>`: [`super::document::normalized`] says whether it ends the
            // paragraph's line or only a wrapped one.
            "line-break" => text.push('\n'),
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        if self.ignored > 0 {
            self.ignored -= 1;
            return;
        }
        match name {
            "p" | "h" => self.end_paragraph(),
            "note" | "annotation" => {
                if let Some(note) = self.note.take() {
                    let text = note.text.trim();
                    let lines = text.lines().map(|l| (note.kind, l.trim().to_owned()));
                    match self.open.last_mut() {
                        Some(p) if note.kind != "comment" => p.notes.extend(lines),
                        _ => self.asides.extend(lines),
                    }
                }
            }
            "table-row" if self.table_depth == 1 => {
                if let Some(cells) = self.row.take() {
                    let kind = self.kind;
                    let rows = super::document::row_blocks(&cells);
                    self.blocks
                        .extend(rows.into_iter().map(|block| Read { block, kind }));
                }
            }
            "table" => self.table_depth = self.table_depth.saturating_sub(1),
            _ => {}
        }
    }

    fn end_paragraph(&mut self) {
        let Some(p) = self.open.pop() else { return };
        if let Some(note) = &mut self.note {
            // A paragraph of a note or comment: a line of it.
            note.text.push_str(&p.block.text);
            note.text.push('\n');
            return;
        }
        let cell = self
            .row
            .as_mut()
            .and_then(|cells| cells.last_mut())
            .filter(|_| self.table_depth == 1);
        let mut blocks = Vec::new();
        let mut placed = false;
        let lines = p.notes.iter().map(|(_, l)| l.clone()).collect();
        end_paragraph(&mut blocks, cell, p.block, || {
            placed = true;
            lines
        });
        if !placed {
            self.asides.extend(p.notes);
        }
        let kind = self.kind;
        self.blocks
            .extend(blocks.into_iter().map(|block| Read { block, kind }));
    }

    /// Whether text events are the document's text now (in a paragraph, not a note's mark).
    fn reading_text(&self) -> bool {
        self.inside > 0
            && self.ignored == 0
            && self.open.len() > self.note.as_ref().map_or(0, |n| n.base)
    }

    /// The text of the paragraph being read.
    fn text(&mut self) -> Option<&mut String> {
        self.open.last_mut().map(|p| &mut p.block.text)
    }

    fn push_text(&mut self, raw: &str) {
        if let Some(text) = self.text() {
            // Runs of white space in ODF text are one space (spaces are `text:s`).
            let mut last_space = text.ends_with(' ');
            for c in raw.chars() {
                if c.is_whitespace() && c != '\u{3000}' && c != '\u{a0}' {
                    if !last_space {
                        text.push(' ');
                    }
                    last_space = true;
                } else {
                    text.push(c);
                    last_space = false;
                }
            }
        }
    }
}

/// The kind of text an element opens, when it is a region read: the body's `office:text`,
/// or a master page's header or footer.
fn region_kind(e: &BytesStart, region: Region) -> Option<&'static str> {
    match (region, e.local_name().as_ref()) {
        (Region::Body, "text") => Some("body"),
        (Region::PageFurniture, "header" | "header-first" | "header-left") => Some("page header"),
        (Region::PageFurniture, "footer" | "footer-first" | "footer-left") => Some("page footer"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The blocks and asides of a `content.xml` body and its automatic styles.
    fn read_body(styles_xml: &str, body: &str) -> (Vec<(String, u8, bool)>, Asides) {
        let content = format!(
            "<office:document-content><office:automatic-styles>{styles_xml}</office:automatic-styles>\
             <office:body><office:text>{body}</office:text></office:body></office:document-content>"
        );
        let mut styles = Styles::default();
        styles.read(&content);
        let mut walk = Body::new(&styles);
        walk.read(&content, Region::Body).unwrap();
        let blocks = walk
            .blocks
            .into_iter()
            .map(|r| (r.block.text, r.block.heading, r.block.title))
            .collect();
        (blocks, walk.asides)
    }

    #[test]
    fn spaces_tabs_breaks_and_styles_read_as_docx_blocks() {
        let styles = "<style:style style:name=\"Heading_20_2\" style:display-name=\"Heading 2\"/>\
             <style:style style:name=\"P1\" style:parent-style-name=\"Heading_20_2\"/>\
             <style:style style:name=\"P2\" style:parent-style-name=\"Title\"/>";
        let body = "<text:p text:style-name=\"P2\">소식 모음</text:p>\
             <text:p text:style-name=\"P1\">항만  물동량<text:s text:c=\"2\"/>늘어</text:p>\
             <text:h text:outline-level=\"3\">철도<text:tab/>개통<text:line-break/>매일신문 2023.5.1</text:h>\
             <text:list><text:list-item><text:p>첫째 <text:span text:style-name=\"T1\">항목</text:span></text:p></text:list-item></text:list>";
        let (blocks, _) = read_body(styles, body);
        let expected = [
            ("소식 모음", 0, true),
            ("항만 물동량  늘어", 2, false),
            ("철도 개통\n매일신문 2023.5.1", 3, false),
            ("첫째 항목", 0, false),
        ];
        let got: Vec<(&str, u8, bool)> = blocks
            .iter()
            .map(|(t, h, ti)| (t.as_str(), *h, *ti))
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn notes_credit_a_heading_and_the_rest_is_counted_beside_the_body() {
        let note = |id: &str, text: &str| {
            format!(
                "<text:note text:id=\"{id}\" text:note-class=\"footnote\"><text:note-citation>{id}</text:note-citation>\
                 <text:note-body><text:p>{text}</text:p></text:note-body></text:note>"
            )
        };
        let body = format!(
            "<text:h text:outline-level=\"1\">버스 노선 개편{}</text:h>\
             <text:p>노선이 바뀐다.{}<office:annotation><dc:creator>편집자</dc:creator><dc:date>2023</dc:date>\
             <text:p>확인 필요</text:p></office:annotation></text:p>\
             <text:tracked-changes><text:changed-region><text:deletion><text:p>지운 문장</text:p></text:deletion></text:changed-region></text:tracked-changes>\
             <text:p>사진 아래<draw:frame><svg:title>그림 제목</svg:title><draw:text-box><text:p>상자 속 글</text:p></draw:text-box></draw:frame></text:p>",
            note("1", "강원일보, 2023년 5월 2일"),
            note("2", "시 누리집 참고.")
        );
        let (blocks, asides) = read_body("", &body);
        let texts: Vec<&str> = blocks.iter().map(|(t, _, _)| t.as_str()).collect();
        assert_eq!(
            texts,
            [
                "버스 노선 개편",
                "강원일보, 2023년 5월 2일",
                "노선이 바뀐다.",
                "상자 속 글",
                "사진 아래"
            ]
        );
        assert_eq!(
            asides,
            [
                ("comment", "확인 필요".to_owned()),
                ("footnote", "시 누리집 참고.".to_owned())
            ]
        );
    }

    #[test]
    fn a_package_is_an_odt_by_its_mimetype_entry() {
        let fixture = |name: &str| {
            std::fs::read(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("../../tests/fixtures/formats")
                    .join(name),
            )
            .unwrap()
        };
        let odt = fixture("odt/sections.odt");
        // Whatever it is called.
        assert_eq!(
            super::super::detect(std::path::Path::new("소식.zip"), &odt[..512]),
            Some(super::super::Format::Odt)
        );
        let (blocks, asides) = read(&odt).unwrap();
        assert!(blocks
            .iter()
            .any(|b| b.heading == 2 && b.text == "시내버스 노선 전면 개편"));
        assert!(asides
            .iter()
            .any(|(kind, text)| *kind == "page header" && text == "지역 소식 모음"));
        // Another OpenDocument kind, or a package cut short, is a reason to skip.
        let sheet = fixture("bad/spreadsheet.odt");
        assert!(read(&sheet)
            .unwrap_err()
            .starts_with("not an OpenDocument text"));
        assert!(read(&odt[..odt.len() / 2])
            .unwrap_err()
            .starts_with("damaged or truncated ODT"));
    }
}
