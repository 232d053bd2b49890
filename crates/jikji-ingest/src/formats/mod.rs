//! File formats other than plain text and records: what a file is (magic bytes first, the
//! extension second) and the readers that turn each format into text or articles.
//!
//! A reader gives either text for the text pipeline ([`crate::text_articles`]: newsletter
//! splitting, single-article cleaning — one splitter whatever the file was) or articles it
//! built itself from the format's own structure (a feed's items, a saved page's main content).
//! Either way it accounts for every character it extracted: what it leaves out is in the
//! [`Ledger`] by kind. A reader never panics on a bad file; it returns a reason
//! ("no text layer — a scanned image?", "encrypted PDF: …") and the file is reported and
//! skipped.

pub mod document;
pub mod docx;
pub mod feed;
pub mod html;
pub mod hwp;
pub mod mail;
pub mod mime;
pub mod odt;
pub mod pdf;

use std::path::Path;

use crate::Ledger;

/// What a file is, as far as ingest is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Csv,
    Pdf,
    Html,
    Mhtml,
    Email,
    Mbox,
    Feed,
    Docx,
    Odt,
    Hwpx,
    Hwp,
}

impl Format {
    /// The name the report and the reader show.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "JSON records",
            Format::Csv => "CSV records",
            Format::Pdf => "PDF",
            Format::Html => "HTML",
            Format::Mhtml => "MHTML",
            Format::Email => "e-mail",
            Format::Mbox => "mbox",
            Format::Feed => "feed",
            Format::Docx => "DOCX",
            Format::Odt => "ODT",
            Format::Hwpx => "HWPX",
            Format::Hwp => "HWP",
        }
    }

    /// Whether articles of this format carry it in their origin (plain text and records
    /// do not: their file name says it, and their indexes stay as they were).
    pub fn is_document(self) -> bool {
        !matches!(self, Format::Text | Format::Json | Format::Csv)
    }

    /// Whether a file of this format holds records: its metadata are the fields each record
    /// maps to its article's id, source, date, url…, kept with that article, never text the
    /// reader left out.
    pub fn is_records(self) -> bool {
        matches!(self, Format::Json | Format::Csv)
    }

    /// Whether `name` ([`Format::name`]) names a records format.
    pub fn names_records(name: &str) -> bool {
        [Format::Json, Format::Csv].iter().any(|f| f.name() == name)
    }
}

/// Extensions ingest reads, for the "unsupported file type" message.
pub const EXTENSIONS: &[&str] = &[
    "txt", "md", "text", "json", "jsonl", "ndjson", "csv", "pdf", "html", "htm", "xhtml", "mht",
    "mhtml", "eml", "mbox", "rss", "atom", "docx", "odt", "hwpx", "hwp",
];

/// The format of a file from its first bytes, else from its extension; `None` when it is
/// neither a known format nor a known extension.
pub fn detect(path: &Path, head: &[u8]) -> Option<Format> {
    if let Some(format) = sniff(head) {
        return Some(format);
    }
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "txt" | "md" | "text" => Format::Text,
        "json" | "jsonl" | "ndjson" => Format::Json,
        "csv" => Format::Csv,
        // A file named .pdf that does not start like one is still read as a PDF, so that the
        // report says what is wrong with it.
        "pdf" => Format::Pdf,
        "html" | "htm" | "xhtml" => Format::Html,
        "mht" | "mhtml" => Format::Mhtml,
        "eml" => Format::Email,
        "mbox" => Format::Mbox,
        "rss" | "atom" => Format::Feed,
        "docx" => Format::Docx,
        "odt" => Format::Odt,
        "hwpx" => Format::Hwpx,
        "hwp" => Format::Hwp,
        _ => return None,
    })
}

/// Formats recognised by their content alone.
fn sniff(head: &[u8]) -> Option<Format> {
    // A PDF may have a few bytes of junk before its header (readers accept up to 1 kB).
    let window = &head[..head.len().min(1024)];
    if window.windows(5).any(|w| w == b"%PDF-") {
        return Some(Format::Pdf);
    }
    if html::sniff_mhtml(head) {
        return Some(Format::Mhtml);
    }
    if head.starts_with(b"PK\x03\x04") {
        // A zip package: what it holds says what it is (the first entry's name is in the
        // local header; Word writes [Content_Types].xml or word/ first).
        let name_len = head
            .get(26..28)
            .map_or(0, |b| u16::from_le_bytes([b[0], b[1]]) as usize);
        let name = head.get(30..30 + name_len).unwrap_or_default();
        // HWPX (like EPUB and ODF) opens with a stored "mimetype" entry naming it.
        let extra_len = head
            .get(28..30)
            .map_or(0, |b| u16::from_le_bytes([b[0], b[1]]) as usize);
        let data = head.get(30 + name_len + extra_len..).unwrap_or_default();
        if name == b"mimetype" && data.starts_with(b"application/hwp+zip") {
            return Some(Format::Hwpx);
        }
        if name == b"mimetype" && data.starts_with(odt::MIMETYPE.as_bytes()) {
            return Some(Format::Odt);
        }
        if name.starts_with(b"word/")
            || name == b"[Content_Types].xml"
            || name.starts_with(b"_rels/")
            || name.starts_with(b"docProps/")
        {
            return Some(Format::Docx);
        }
    }
    if hwp::is_compound_file(head) {
        // A compound file is HWP 5 or an old Office document; the reader tells which.
        return Some(Format::Hwp);
    }
    if feed::sniff(head) {
        return Some(Format::Feed);
    }
    if mail::sniff_mbox(head) {
        return Some(Format::Mbox);
    }
    if mail::sniff(head) {
        return Some(Format::Email);
    }
    if html::sniff(head) {
        return Some(Format::Html);
    }
    None
}

/// Caps on what a zip package may decompress: a zip bomb is reported, not unpacked.
pub const MAX_PART_BYTES: u64 = 64 << 20;
pub const MAX_ENTRIES: usize = 10_000;

/// Opens a zip package (DOCX, ODT, HWPX), refusing one with too many entries.
pub fn open_zip<'a>(
    bytes: &'a [u8],
    what: &str,
) -> Result<zip::ZipArchive<std::io::Cursor<&'a [u8]>>, String> {
    let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("damaged or truncated {what} (not a readable zip package: {e})"))?;
    if archive.len() > MAX_ENTRIES {
        return Err(format!(
            "{what} with {} entries: more than the {MAX_ENTRIES} ingest opens",
            archive.len()
        ));
    }
    Ok(archive)
}

/// A part of a zip package as text, `None` when absent; never more than [`MAX_PART_BYTES`]
/// decompressed (a larger part is a zip bomb or not a document, and an error).
pub fn zip_part(
    archive: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, String> {
    use std::io::Read;
    let mut file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("damaged package: {name}: {e}")),
    };
    if file.size() > MAX_PART_BYTES {
        return Err(format!(
            "{name} would decompress to {} MB, more than the {} MB ingest unpacks (a zip bomb?)",
            file.size() >> 20,
            MAX_PART_BYTES >> 20
        ));
    }
    let mut data = Vec::new();
    // The declared size may lie: the reader is capped as well.
    (&mut file)
        .take(MAX_PART_BYTES + 1)
        .read_to_end(&mut data)
        .map_err(|e| format!("damaged package: {name}: {e}"))?;
    if data.len() as u64 > MAX_PART_BYTES {
        return Err(format!(
            "{name} decompresses to more than the {} MB ingest unpacks (a zip bomb?)",
            MAX_PART_BYTES >> 20
        ));
    }
    String::from_utf8(data)
        .map(Some)
        .map_err(|_| format!("damaged package: {name} is not UTF-8 XML"))
}

/// What a document reader extracted: text for the text pipeline, with what it already
/// left out (page headers, page numbers) in `ledger`. `input_chars` counts everything
/// extracted, the text and the ledger alike.
#[derive(Debug, Default)]
pub struct Extracted {
    pub text: String,
    pub encoding: &'static str,
    pub ledger: Ledger,
    pub input_chars: usize,
    pub warnings: Vec<String>,
    /// The line of `text` each page starts on (1-based, one entry a page), so that a report
    /// can name pages rather than lines of the extracted text.
    pub page_lines: Vec<u32>,
}

/// Runs a third-party parser, turning a panic into an error: a damaged file must never stop
/// the ingest of the others. (Every profile unwinds natively for this; only the wasm app,
/// which never ingests, aborts.) The panic's message goes into the error, which the file's
/// report shows, not to standard error as an uncaught panic's would.
pub fn guarded<T>(what: &str, f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    quiet_panics_when_guarded();
    GUARDED.with(|g| g.set(g.get() + 1));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(g.get() - 1));
    match outcome {
        Ok(result) => result,
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown error".into());
            Err(panic_reason(what, &message))
        }
    }
}

/// A reader's panic in the user's terms: the file is damaged in a way its reader did not
/// expect. The panic's own text follows as a detail for a bug report, without the phrases of
/// Rust's standard library that say nothing to a user (``called `Option::unwrap()` on a
/// `None` value``).
fn panic_reason(what: &str, message: &str) -> String {
    let mut detail = message.trim();
    for noise in [
        "called `Result::unwrap()` on an `Err` value:",
        "called `Result::unwrap()` on an `Err` value",
        "called `Option::unwrap()` on a `None` value",
    ] {
        detail = detail.strip_prefix(noise).unwrap_or(detail).trim();
    }
    let mut reason =
        format!("damaged {what}: its reader met something it could not make sense of and gave up");
    if !detail.is_empty() {
        let short: String = detail.chars().take(200).collect();
        reason.push_str(&format!(" (reader's detail: {short})"));
    }
    reason
}

thread_local! {
    /// How many `guarded` calls this thread is inside.
    static GUARDED: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Installs, once, a panic hook that stays silent for panics inside `guarded` (they become
/// errors) and reports all others as the hook before it did.
fn quiet_panics_when_guarded() {
    static INSTALL: std::sync::Once = std::sync::Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if GUARDED.with(|g| g.get()) == 0 {
                previous(info);
            }
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::guarded;

    #[test]
    fn a_panicking_reader_is_an_error_naming_the_format() {
        let result: Result<(), String> = guarded("PDF", || panic!("index out of range"));
        assert_eq!(
            result,
            Err("damaged PDF: its reader met something it could not make sense of and gave up (reader's detail: index out of range)".to_string())
        );
        // The standard library's words are not shown.
        let result: Result<(), String> = guarded("DOCX", || {
            std::hint::black_box(None::<u8>).unwrap();
            Ok(())
        });
        assert_eq!(
            result,
            Err(
                "damaged DOCX: its reader met something it could not make sense of and gave up"
                    .to_string()
            )
        );
        let result: Result<(), String> = guarded("HWP", || {
            std::hint::black_box("x").parse::<u8>().unwrap();
            Ok(())
        });
        let reason = result.unwrap_err();
        assert!(!reason.contains("called `Result::unwrap()`"), "{reason}");
        assert!(
            reason.ends_with("(reader's detail: ParseIntError { kind: InvalidDigit })"),
            "{reason}"
        );
        // Nested and later calls work as before.
        assert_eq!(guarded("DOCX", || guarded("PDF page", || Ok(3))), Ok(3));
        assert!(guarded::<()>("HWP", || Err("locked".into())).is_err());
    }
}
