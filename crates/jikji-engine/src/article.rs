//! The article: the unit that ingest produces, the index stores and the app shows.
//!
//! The index keeps of every article at hand what search, filters and links need (its id,
//! source and date); the article itself, whole, is stored in a chunk of a few articles that a
//! browser loads when one of them is shown.

use serde::{Deserialize, Serialize};

/// An article's position in the index (0-based, in build order).
pub type DocId = u32;

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
    /// The section of the newsletter or site it appeared in, when known.
    #[serde(default)]
    pub section: Option<String>,
    /// The publication it belongs to, e.g. "주간 중국 창업 제195호".
    #[serde(default)]
    pub collection: Option<String>,
    /// Byline, when stated.
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub body: String,
    /// Photo and figure captions, kept apart from the body text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub captions: Vec<Caption>,
    /// Where the article came from, when it came from a file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
}

/// A caption and where it stood: after the first `after_paragraph` paragraphs of the body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Caption {
    pub after_paragraph: u32,
    pub text: String,
}

/// The file and line range (1-based, inclusive) an article was read from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    pub file: String,
    pub line_start: u32,
    pub line_end: u32,
    /// The file's format when it was not plain text or records ("PDF", "HTML", "e-mail", …);
    /// left out otherwise, so indexes of text archives are unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
}

impl Article {
    /// An article with the given id, title and body and no metadata.
    pub fn new(
        id: impl Into<String>,
        title: impl Into<String>,
        body: impl Into<String>,
    ) -> Article {
        Article {
            id: id.into(),
            title: title.into(),
            source: None,
            date: None,
            section: None,
            collection: None,
            author: None,
            url: None,
            body: body.into(),
            captions: Vec::new(),
            origin: None,
        }
    }

    /// The body split into its paragraphs.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.body.split("\n\n").filter(|p| !p.trim().is_empty())
    }
}
