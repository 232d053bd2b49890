//! The article: the unit that ingest produces, the index stores and the app shows.
//!
//! The index keeps an article in two parts: its [`ArticleHead`] (id, title, source, date and
//! the rest of the metadata: always at hand, for result lists and facets) and its
//! [`ArticleText`] (body and captions: stored in chunks that a browser loads when an article
//! is shown). [`Article::from_parts`] joins them again.

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

/// An article without its text: what a result list shows before the text has arrived.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleHead {
    pub id: String,
    pub title: String,
    // What is unknown is left out of the index (most articles lack a section or an author).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collection: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
}

/// An article's text: its body and captions.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleText {
    pub body: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub captions: Vec<Caption>,
}

impl Article {
    /// The article made of its head and its text.
    pub fn from_parts(head: ArticleHead, text: ArticleText) -> Article {
        let ArticleHead {
            id,
            title,
            source,
            date,
            section,
            collection,
            author,
            url,
            origin,
        } = head;
        Article {
            id,
            title,
            source,
            date,
            section,
            collection,
            author,
            url,
            body: text.body,
            captions: text.captions,
            origin,
        }
    }

    /// Its head: everything but the body and captions.
    pub fn head(&self) -> ArticleHead {
        ArticleHead {
            id: self.id.clone(),
            title: self.title.clone(),
            source: self.source.clone(),
            date: self.date.clone(),
            section: self.section.clone(),
            collection: self.collection.clone(),
            author: self.author.clone(),
            url: self.url.clone(),
            origin: self.origin.clone(),
        }
    }

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
