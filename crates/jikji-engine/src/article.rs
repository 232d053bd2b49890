//! The article: the unit that ingest produces, the index stores and the app shows.

use serde::{Deserialize, Serialize};

/// One article of the archive.
///
/// `body` holds paragraphs separated by one blank line (`"\n\n"`). Text stored in an index is in
/// Unicode NFC (the index builder normalizes it), so byte offsets computed on the stored text by
/// the tokenizer are valid for display.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Stable identifier, unique within an archive (used in URLs and `data-article-id`).
    pub id: String,
    pub title: String,
    /// The outlet the text is credited to, when known.
    pub source: Option<String>,
    /// ISO date (`YYYY-MM-DD`), when known. Undated articles stay undated.
    pub date: Option<String>,
    pub body: String,
    /// Where the article came from, when it came from a file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
}

/// The file and line range (1-based, inclusive) an article was read from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    pub file: String,
    pub line_start: u32,
    pub line_end: u32,
}

impl Article {
    /// The body split into its paragraphs.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.body.split("\n\n").filter(|p| !p.trim().is_empty())
    }
}
