//! The Jikji search engine: everything between an article and a ranked, highlighted hit.
//!
//! The engine takes values and bytes and returns values; it never touches files, the network or
//! the DOM. The same code runs natively (index build, CLI, tests) and in the browser (wasm).
//!
//! Central types and how they relate:
//! - [`Article`] is the unit of the archive: title, source, date, body (paragraphs separated by a
//!   blank line). Ingest produces articles; the index stores them.
//! - [`tokenize`](tokenize::tokenize) turns text into normalized [`Token`]s with byte offsets into
//!   the original text. Index build, query parsing, snippets and highlighting all use it, so
//!   they agree on what a word is.
//! - [`IndexBuilder`] turns articles into index bytes; [`Index`] opens those bytes zero-copy (any
//!   `D: AsRef<[u8]>`: `include_bytes!` in the browser, `Vec<u8>` in the CLI and tests). The byte
//!   layout is defined and documented once, in [`index`].
//! - [`Query`] is the parsed query language (words, phrases, exclusions, alternatives, source
//!   and date filters); [`Index::prepare`] expands its words against the dictionaries into a
//!   [`Prepared`] query (exact, prefix, compound, alias, typing, initials, fuzzy matches).
//! - [`Index::search`] filters and ranks articles with BM25F and returns [`SearchResults`]:
//!   the total, [`Facets`], suggestions, and a page of [`Hit`]s, each with a [`Snippet`].
//!
//! The modules depend on each other in one direction only: `tokenize`, `jamo`, `korean`
//! (particles, past tenses), `shape`, `bm25`, `doc_mask` and `marks` stand on their own (on
//! `article` and the small helpers at most); `index` (a folder: one file per section, its
//! writer beside its reader) uses them; `snippet` reads a prepared query's `marks` and
//! nothing else of it; `concordance` lines up a text's highlights (`snippet`) with their
//! neighbouring words; `search` (a folder: preparing, expansion, dictionary streams,
//! scoring, adjacency, collection, the cache) uses `index`, `marks` and `snippet`.

pub mod aliases;
pub mod article;
mod bm25;
mod codec;
pub mod concordance;
mod doc_mask;
pub mod error;
mod fxhash;
mod hanzi_table;
pub mod index;
pub mod jamo;
pub mod korean;
pub mod marks;
pub mod outlets;
pub mod query;
pub mod search;
pub mod shape;
pub mod snippet;
pub mod tokenize;
mod unicode;

pub use article::{Article, Caption, Origin};
pub use concordance::{concordance, KwicLine, KwicOrder};
pub use error::Error;
/// The engine's fast hasher for maps of its own keys, also the lexicon's caches.
pub use fxhash::FxMap;
pub use index::{
    article_key, split, split_with, stored_checksum, text_chunk_file_name, Block, DocId, Index,
    IndexBuilder, IndexSink, IndexWriter, SplitIndex, CORE_ADDRESSES_MAX, FORMAT_VERSION, MAGIC,
};
pub use marks::MatchKind;
pub use query::Query;
pub use search::{
    Facets, Hit, Prepared, SearchCache, SearchOptions, SearchResults, Sort, Suggestion, Trend,
    TrendLine, WRITTEN_BONUS,
};
pub use shape::{EveryCharacter, OtherReadings, Segmenter, Shape};
pub use snippet::Snippet;
pub use tokenize::{normalize_text, tokenize, Script, Token};
