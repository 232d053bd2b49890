//! HWPX (the zip-and-XML format of Hangul 2010 and later) and HWP 5 (the binary compound
//! file of Hangul 2002 and later), read by [`unhwp`]: paragraphs with their heading level
//! (outline styles), tables one line per row. Articles are then made by
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

/// Reads an HWP 5 or HWPX document into blocks.
pub fn read(bytes: &[u8], hwpx: bool) -> Result<Vec<Block>, String> {
    let what = if hwpx { "HWPX" } else { "HWP" };
    if hwpx {
        check_package(bytes)?;
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
        unhwp::parse_bytes(bytes).map_err(|e| match e {
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

/// A table as one block per row, cells separated by " | "; nested tables after their row.
fn table_rows(table: &unhwp::model::Table, blocks: &mut Vec<Block>) {
    for row in &table.rows {
        let cells: Vec<String> = row
            .cells
            .iter()
            .map(|c| crate::clean::collapse_spaces(&c.plain_text()))
            .filter(|c| !c.is_empty())
            .collect();
        if !cells.is_empty() {
            blocks.push(Block {
                text: cells.join(" | "),
                ..Default::default()
            });
        }
        for cell in &row.cells {
            for nested in &cell.nested_tables {
                table_rows(nested, blocks);
            }
        }
    }
}
