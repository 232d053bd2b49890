//! The index embedded in the app at build time (see `build.rs`), opened once.

use std::rc::Rc;

use jikji_engine::Index;

/// The core of the index `build.rs` built from the corpus (`JIKJI_CORPUS`, default `corpus/`):
/// everything but the article texts, which `crate::texts` fetches.
static INDEX_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/index.jikji"));

pub type AppIndex = Index<&'static [u8]>;

/// A shared handle to the open index; equal when it is the same index, so it can be a prop.
#[derive(Clone)]
pub struct IndexHandle(pub Rc<AppIndex>);

impl PartialEq for IndexHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for IndexHandle {
    type Target = AppIndex;
    fn deref(&self) -> &AppIndex {
        &self.0
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
    Index::open(INDEX_BYTES)
        .map(|index| IndexHandle(Rc::new(index)))
        .map_err(|e| e.to_string())
}
