//! The index embedded in the app at build time (see `build.rs`), opened once.

use std::cell::RefCell;
use std::rc::Rc;

use jikji_engine::{Index, SearchCache, SearchOptions, SearchResults};

/// The core of the index `build.rs` built from the corpus (`JIKJI_CORPUS`, default `corpus/`):
/// everything but the article texts, which `crate::texts` fetches.
static INDEX_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/index.jikji"));

pub type AppIndex = Index<&'static [u8]>;

/// A shared handle to the open index, with what its recent searches worked out; equal when
/// it is the same index, so it can be a prop.
#[derive(Clone)]
pub struct IndexHandle {
    index: Rc<AppIndex>,
    cache: Rc<RefCell<SearchCache>>,
}

impl IndexHandle {
    /// Searches as the query is typed: the words already typed are not expanded and scored
    /// again at every keystroke (`SearchCache`; the results are the same).
    pub fn search_typed(&self, query: &str, options: &SearchOptions) -> SearchResults {
        self.index
            .search_with(query, options, &mut self.cache.borrow_mut())
    }
}

impl PartialEq for IndexHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.index, &other.index)
    }
}

impl std::ops::Deref for IndexHandle {
    type Target = AppIndex;
    fn deref(&self) -> &AppIndex {
        &self.index
    }
}

/// The embedded index's checksum, as its text chunks' folder is named (`texts/<id>/`).
pub fn texts_folder() -> String {
    format!(
        "{:016x}",
        jikji_engine::stored_checksum(INDEX_BYTES).unwrap_or(0)
    )
}

/// Opens the embedded index; the error is a message for the error page.
pub fn open() -> Result<IndexHandle, String> {
    let index = Index::open(INDEX_BYTES).map_err(|e| e.to_string())?;
    Ok(IndexHandle {
        index: Rc::new(index),
        cache: Rc::default(),
    })
}
