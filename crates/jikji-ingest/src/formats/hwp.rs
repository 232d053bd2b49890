//! HWPX (the zip-and-XML format of Hangul 2010 and later) and HWP 5 (the binary compound
//! file of Hangul 2002 and later), read by [`unhwp`]: paragraphs with their heading level
//! (outline styles), tables one line per row, or cell after cell when a row's cells hold prose
//! ([`super::document::row_blocks`]); a line break is read as one. Articles are then made by
//! [`super::document::articles`], like a Word document's.
//!
//! Before unhwp sees a file: an HWP 5 file's own header says whether it is password-protected
//! or distribution-locked (배포용: its text is kept encrypted for viewing only, and unhwp would
//! give a stand-in sentence instead), and such a file is reported as such; an HWPX package is
//! unpacked once under the zip caps ([`super::zip_part`]'s limits), so a zip bomb is refused
//! before a parser that does not cap what it inflates reads it.

use std::io::Read;

use super::document::Block;

/// HWP 5 file header flags (the `FileHeader` stream, after the 32-byte signature and the
/// 4-byte version).
const PASSWORD: u32 = 1 << 1;
const DISTRIBUTION: u32 = 1 << 2;
const DRM: u32 = 1 << 4;

/// Whether bytes are a compound file (OLE2/CFB), the container of HWP 5.
pub fn is_compound_file(head: &[u8]) -> bool {
    head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// The properties of an HWP 5 file's header, or why it is not one.
fn hwp5_properties(bytes: &[u8]) -> Result<u32, String> {
    let mut file = cfb::CompoundFile::open(std::io::Cursor::new(bytes))
        .map_err(|e| format!("damaged or truncated HWP (not a readable compound file: {e})"))?;
    let mut header = Vec::new();
    file.open_stream("/FileHeader")
        .map_err(|_| {
            "a compound file without an HWP FileHeader (not an HWP 5 document)".to_owned()
        })?
        .take(256)
        .read_to_end(&mut header)
        .map_err(|e| format!("damaged HWP: {e}"))?;
    if !header.starts_with(b"HWP Document File") || header.len() < 40 {
        return Err("a compound file that is not an HWP 5 document".into());
    }
    Ok(u32::from_le_bytes([
        header[36], header[37], header[38], header[39],
    ]))
}

/// Checks an HWPX package under the zip caps: every entry inflated (and dropped) at most
/// [`super::MAX_PART_BYTES`] each.
fn check_package(bytes: &[u8]) -> Result<(), String> {
    let mut archive = super::open_zip(bytes, "HWPX")?;
    let mut total = 0u64;
    for i in 0..archive.len() {
        let mut entry = archive
            .by_index(i)
            .map_err(|e| format!("damaged HWPX: {e}"))?;
        let name = entry
            .name()
            .map(|n| n.into_owned())
            .unwrap_or_else(|_| format!("entry {i}"));
        let read = std::io::copy(
            &mut (&mut entry).take(super::MAX_PART_BYTES + 1),
            &mut std::io::sink(),
        )
        .map_err(|e| format!("damaged HWPX: {name}: {e}"))?;
        if read > super::MAX_PART_BYTES {
            return Err(format!(
                "{name} decompresses to more than the {} MB ingest unpacks (a zip bomb?)",
                super::MAX_PART_BYTES >> 20
            ));
        }
        total += read;
        if total > 4 * super::MAX_PART_BYTES {
            return Err(format!(
                "HWPX decompresses to more than {} MB in all (a zip bomb?)",
                (4 * super::MAX_PART_BYTES) >> 20
            ));
        }
    }
    Ok(())
}

/// HWPX writes a line break inside a paragraph (Shift+Enter) as `<hp:lineBreak/>` in the
/// paragraph's text, which unhwp reads as nothing, running the two lines' words together
/// (`매일경제<hp:lineBreak/>2022.05.22` read `매일경제2022.05.22`). Before unhwp reads the
/// package, each is written as a newline's character reference, so the break is read as the
/// line break it is (a document's `\n`, as a DOCX `<w:br/>` is). A package without one is
/// read as it is; the sections are read under the zip caps ([`super::zip_part`]).
fn with_line_breaks(bytes: &[u8]) -> Result<std::borrow::Cow<'_, [u8]>, String> {
    use std::io::Write;
    let mut archive = super::open_zip(bytes, "HWPX")?;
    let damaged = |e: zip::result::ZipError| format!("damaged HWPX: {e}");
    let names: Vec<String> = archive
        .file_names()
        .map(|n| n.map(|n| n.into_owned()))
        .collect::<Result<_, _>>()
        .map_err(damaged)?;
    let mut rewritten = std::collections::HashMap::new();
    for name in names
        .iter()
        .filter(|n| n.starts_with("Contents/") && n.ends_with(".xml"))
    {
        if let Some(xml) = super::zip_part(&mut archive, name)? {
            if let Some(xml) = line_breaks_as_newlines(&xml) {
                rewritten.insert(name.clone(), xml);
            }
        }
    }
    if rewritten.is_empty() {
        return Ok(std::borrow::Cow::Borrowed(bytes));
    }
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::with_capacity(bytes.len())));
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(damaged)?;
        let name = entry.name().map_err(damaged)?.into_owned();
        match rewritten.get(&name) {
            Some(xml) => {
                drop(entry);
                let stored = zip::write::SimpleFileOptions::default()
                    .compression_method(zip::CompressionMethod::Stored);
                out.start_file(name, stored).map_err(damaged)?;
                out.write_all(xml.as_bytes())
                    .map_err(|e| format!("damaged HWPX: {e}"))?;
            }
            None => out.raw_copy_file(entry).map_err(damaged)?,
        }
    }
    Ok(std::borrow::Cow::Owned(
        out.finish().map_err(damaged)?.into_inner(),
    ))
}

/// A section's XML with each empty `lineBreak` element (`<hp:lineBreak/>`, whatever its
/// prefix) written `&#10;`; `None` when it has none.
fn line_breaks_as_newlines(xml: &str) -> Option<String> {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    let mut found = false;
    while let Some(at) = rest.find(":lineBreak") {
        let start = rest[..at].rfind('<').filter(|&lt| {
            rest[lt + 1..at]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        });
        let after = &rest[at + ":lineBreak".len()..];
        let end = after.trim_start().strip_prefix("/>");
        match (start, end) {
            (Some(start), Some(end)) => {
                out.push_str(&rest[..start]);
                out.push_str("&#10;");
                rest = end;
                found = true;
            }
            _ => {
                out.push_str(&rest[..at + 1]);
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
    found.then_some(out)
}

/// Reads an HWP 5 or HWPX document into blocks.
pub fn read(bytes: &[u8], hwpx: bool) -> Result<Vec<Block>, String> {
    let what = if hwpx { "HWPX" } else { "HWP" };
    let mut package = std::borrow::Cow::Borrowed(bytes);
    if hwpx {
        check_package(bytes)?;
        package = with_line_breaks(bytes)?;
    } else {
        let properties = hwp5_properties(bytes)?;
        if properties & PASSWORD != 0 {
            return Err(
                "password-protected HWP document (암호): it cannot be read without its password"
                    .into(),
            );
        }
        if properties & DISTRIBUTION != 0 {
            return Err("distribution-locked HWP document (배포용): its text is encrypted for viewing only and cannot be extracted".into());
        }
        if properties & DRM != 0 {
            return Err("DRM-protected HWP document: its text cannot be extracted".into());
        }
    }
    let document = super::guarded(what, || {
        unhwp::parse_bytes(&package).map_err(|e| match e {
            unhwp::error::Error::Encrypted => format!(
                "password-protected {what} document (암호): it cannot be read without its password"
            ),
            e => format!("damaged {what} ({e})"),
        })
    })?;
    if document.metadata.is_distribution {
        return Err(format!("distribution-locked {what} document (배포용): its text is encrypted for viewing only and cannot be extracted"));
    }
    let mut blocks = Vec::new();
    for section in &document.sections {
        for block in &section.content {
            match block {
                unhwp::model::Block::Paragraph(p) => blocks.push(Block {
                    text: p.plain_text(),
                    heading: p.style.heading_level,
                    ..Default::default()
                }),
                unhwp::model::Block::Table(table) => table_rows(table, &mut blocks),
            }
        }
    }
    Ok(blocks)
}

/// A table's rows as blocks ([`super::document::row_blocks`]); nested tables after their row.
fn table_rows(table: &unhwp::model::Table, blocks: &mut Vec<Block>) {
    for row in &table.rows {
        let cells: Vec<Vec<String>> = row
            .cells
            .iter()
            .map(|c| {
                c.content
                    .iter()
                    .flat_map(|p| {
                        p.plain_text()
                            .lines()
                            .map(str::to_owned)
                            .collect::<Vec<_>>()
                    })
                    .map(|p| crate::clean::collapse_spaces(&p))
                    .filter(|p| !p.is_empty())
                    .collect()
            })
            .collect();
        blocks.extend(super::document::row_blocks(&cells));
        for cell in &row.cells {
            for nested in &cell.nested_tables {
                table_rows(nested, blocks);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_break_elements_become_newlines_whatever_their_prefix() {
        assert_eq!(
            line_breaks_as_newlines("<hp:t>매체<hp:lineBreak/>2021.03.04<x:lineBreak />끝</hp:t>")
                .as_deref(),
            Some("<hp:t>매체&#10;2021.03.04&#10;끝</hp:t>")
        );
        // Text that only names the element, and a section without one, are left alone.
        assert_eq!(line_breaks_as_newlines("<hp:t>a:lineBreak b</hp:t>"), None);
    }

    #[test]
    fn a_hwpx_line_break_keeps_its_lines_apart() {
        // python-hwpx writes each cell's paragraphs joined by <hp:lineBreak/>: a card's text cell.
        let bytes = include_bytes!("../../../../tests/fixtures/layouts/dev/hwpx-card-tables.hwpx");
        let text: String = read(bytes, true)
            .unwrap()
            .iter()
            .map(|b| b.text.clone() + "\n")
            .collect();
        assert!(
            text.contains("알려졌다. 현재까지 발견된"),
            "the lines run together: {text}"
        );
        assert!(!text.contains("알려졌다.현재까지"), "{text}");
    }

    #[test]
    fn a_listing_rows_text_cell_is_read_paragraph_by_paragraph() {
        // One row an article: its number, its title over its text, its outlet over its date.
        let long = "역 앞 광장이 다음 달부터 새로 꾸며지면서 버스 정류장과 택시 승강장의 자리가 바뀌고 보행로가 넓어진다고 시는 밝혔다. 공사는 석 달 동안 이어진다.";
        let cells = vec![
            vec!["1".to_owned()],
            vec![
                "역 앞 광장 새로 꾸민다".to_owned(),
                long.to_owned(),
                "둘째 문단이다.".to_owned(),
            ],
            vec!["강원일보".to_owned(), "2019.05.03".to_owned()],
        ];
        let blocks = super::super::document::row_blocks(&cells);
        let lines: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            lines,
            [
                "1",
                "역 앞 광장 새로 꾸민다",
                long,
                "둘째 문단이다.",
                "강원일보",
                "2019.05.03"
            ]
        );
    }
}
