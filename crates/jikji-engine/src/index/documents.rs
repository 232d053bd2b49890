//! The per-document sections: `articles` (each article's head as JSON, decoded on first use)
//! and `docs` (each article's token counts, for BM25), and the facet columns derived from the
//! heads on open (source, month, date rank), which are not stored.

use std::collections::HashMap;
use std::ops::Range;

use super::{DocId, Index};
use crate::article::ArticleHead;
use crate::bm25::DocStats;
use crate::codec::{write_varint, Reader};
use crate::error::Error;
use crate::fxhash::{FxMap, FxSet};

impl<D: AsRef<[u8]>> Index<D> {
    /// The head of article `doc` (all but its text): always at hand, decoded the first time it
    /// is asked for. `None` for an unknown document (or, were the writer wrong, JSON the
    /// checksum vouched for but that is not a head).
    pub fn head(&self, doc: DocId) -> Option<&ArticleHead> {
        let span = self.heads.spans.get(doc as usize)?.clone();
        self.heads.decoded[doc as usize]
            .get_or_init(|| {
                self.heads_json
                    .as_ref()
                    .get(span)
                    .and_then(|json| serde_json::from_slice(json).ok())
            })
            .as_ref()
    }
}

/// What opening an index reads of each head: its id, source and date (the rest of its JSON
/// is skipped, not decoded).
#[derive(serde::Deserialize)]
struct HeadMeta<'a> {
    #[serde(borrow)]
    id: std::borrow::Cow<'a, str>,
    #[serde(borrow, default)]
    source: Option<std::borrow::Cow<'a, str>>,
    #[serde(borrow, default)]
    date: Option<std::borrow::Cow<'a, str>>,
}

/// A facet column: each value's index into the sorted distinct values (`u32::MAX` for none).
/// Only the distinct values are sorted (a few thousand dates among 50,000 articles).
fn column<'a>(values: impl Iterator<Item = Option<&'a str>>) -> (Vec<u32>, Vec<String>) {
    let values: Vec<Option<&str>> = values.collect();
    let mut names: Vec<&str> = values
        .iter()
        .flatten()
        .copied()
        .collect::<FxSet<&str>>()
        .into_iter()
        .collect();
    names.sort_unstable();
    let id_of: FxMap<&str, u32> = names
        .iter()
        .enumerate()
        .map(|(i, name)| (*name, i as u32))
        .collect();
    let ids = values
        .iter()
        .map(|v| v.map_or(u32::MAX, |v| id_of[v]))
        .collect();
    (ids, names.into_iter().map(str::to_owned).collect())
}

pub(super) fn read_docs(bytes: &[u8]) -> Result<Vec<DocStats>, Error> {
    let mut r = Reader::new(bytes);
    let count = r.varint_u32()? as usize;
    // Each entry takes at least two bytes; a larger count is a lie told by damaged bytes.
    if count > bytes.len() / 2 {
        return Err(Error::corrupt("document table count exceeds its size"));
    }
    (0..count)
        .map(|_| {
            Ok(DocStats {
                title_tokens: r.varint_u32()?,
                body_tokens: r.varint_u32()?,
            })
        })
        .collect()
}

/// What opening an index reads of the heads section, per article: where its head's JSON is,
/// the head once decoded (on first use), its date (for date filters and ordering, without
/// decoding the head), and its id.
pub(super) struct Heads {
    pub(super) spans: Vec<Range<usize>>,
    pub(super) decoded: Vec<std::sync::OnceLock<Option<ArticleHead>>>,
    pub(super) dates: Vec<Option<Box<str>>>,
    pub(super) by_id: HashMap<String, DocId>,
}

/// Per article, its source and month (`YYYY-MM`) as indexes into `source_names` and
/// `month_names` (`u32::MAX` when unknown), and its date's rank among the archive's dates (1 =
/// oldest; 0 = undated), so filters, facets and ordering compare integers, not strings.
pub(super) struct FacetColumns {
    pub(super) sources_column: Vec<u32>,
    pub(super) months_column: Vec<u32>,
    pub(super) source_names: Vec<String>,
    pub(super) month_names: Vec<String>,
    pub(super) date_ranks: Vec<u32>,
}

/// The heads section's JSON array, checked to hold `docs` heads, split into one span each;
/// only each head's id, source and date are read.
pub(super) fn read_heads(json: &[u8], docs: usize) -> Result<(Heads, FacetColumns), Error> {
    let raw: Vec<&serde_json::value::RawValue> =
        serde_json::from_slice(json).map_err(|e| Error::corrupt(format!("articles: {e}")))?;
    if raw.len() != docs {
        return Err(Error::corrupt(format!(
            "{} articles but {} document entries",
            raw.len(),
            docs
        )));
    }
    let mut metas = Vec::with_capacity(raw.len());
    let mut spans = Vec::with_capacity(raw.len());
    for head in &raw {
        let meta: HeadMeta = serde_json::from_str(head.get())
            .map_err(|e| Error::corrupt(format!("article: {e}")))?;
        let start = head.get().as_ptr() as usize - json.as_ptr() as usize;
        spans.push(start..start + head.get().len());
        metas.push(meta);
    }
    let by_id = metas
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.to_string(), i as DocId))
        .collect();
    let (sources_column, source_names) = column(metas.iter().map(|a| a.source.as_deref()));
    let (months_column, month_names) = column(
        metas
            .iter()
            .map(|a| a.date.as_deref().and_then(|d| d.get(..7))),
    );
    let date_ranks = column(metas.iter().map(|a| a.date.as_deref()))
        .0
        .into_iter()
        .map(|i| i.wrapping_add(1))
        .collect();
    let dates = metas
        .iter()
        .map(|a| a.date.as_deref().map(Box::from))
        .collect();
    let decoded = (0..metas.len())
        .map(|_| std::sync::OnceLock::new())
        .collect();
    Ok((
        Heads {
            spans,
            decoded,
            dates,
            by_id,
        },
        FacetColumns {
            sources_column,
            months_column,
            source_names,
            month_names,
            date_ranks,
        },
    ))
}

/// The heads section: the articles' heads as one JSON array.
pub(super) fn write_heads(heads: &[ArticleHead]) -> Vec<u8> {
    serde_json::to_vec(heads).expect("heads serialize to JSON")
}

/// The docs section: the document count, then each article's title and body token counts.
pub(super) fn write_doc_table(docs: &[DocStats]) -> Vec<u8> {
    let mut table = Vec::new();
    write_varint(&mut table, docs.len() as u64);
    for d in docs {
        write_varint(&mut table, u64::from(d.title_tokens));
        write_varint(&mut table, u64::from(d.body_tokens));
    }
    table
}
