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

pub mod feed;
pub mod html;
pub mod mail;
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
    Feed,
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
            Format::Feed => "feed",
        }
    }

    /// Whether articles of this format carry it in their origin (plain text and records
    /// do not: their file name says it, and their indexes stay as they were).
    pub fn is_document(self) -> bool {
        !matches!(self, Format::Text | Format::Json | Format::Csv)
    }
}

/// Extensions ingest reads, for the "unsupported file type" message.
pub const EXTENSIONS: &[&str] = &[
    "txt", "md", "text", "json", "jsonl", "ndjson", "csv", "pdf", "html", "htm", "xhtml", "mht",
    "mhtml", "eml", "rss", "atom",
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
        "rss" | "atom" => Format::Feed,
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
    if feed::sniff(head) {
        return Some(Format::Feed);
    }
    if mail::sniff(head) {
        return Some(Format::Email);
    }
    if html::sniff(head) {
        return Some(Format::Html);
    }
    None
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
}

/// Runs a third-party parser, turning a panic into an error: a damaged file must never stop
/// the ingest of the others.
pub fn guarded<T>(what: &str, f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown error".into());
            Err(format!("damaged {what}: the reader failed ({message})"))
        }
    }
}
