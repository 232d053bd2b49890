//! The archive's index, fetched and opened once when the app starts. The app's code holds no
//! archive: the page names its index (`data-jikji-index` on the app's element, written by
//! `jikji package`), and the app fetches that index's core, `texts/<id>/core.bin` beside the
//! page (or beside `embed.js`; in the single offline file, unpacked from the file itself).
//! The core is checked (format, checksum, and that it is the index the page names) before
//! anything is searched; the other parts of the index are fetched as they are needed
//! ([`crate::texts`]): the blocks from the same folder, the text chunks from `texts/chunks/`,
//! where each is named by its content (so a rebuild that leaves one as it was keeps its URL).

use std::cell::RefCell;
use std::rc::Rc;

use jikji_engine::{Index, SearchCache, SearchOptions, SearchResults};

use crate::embed::Mount;

/// The core's file name in the index's folder (as `jikji package` writes it).
pub const CORE_FILE: &str = "core.bin";
/// The folder beside the index's folders where the text chunks are, named by their content
/// (`jikji package`'s `CHUNKS_DIR`).
pub const CHUNKS_FOLDER: &str = "chunks";

/// The open index. Its bytes are the core, fetched once and kept for the page's life.
pub type AppIndex = Index<&'static [u8]>;

/// A shared handle to the open index, with what its recent searches worked out and the URL of
/// the folder of its parts; equal when it is the same index, so it can be a prop.
#[derive(Clone)]
pub struct IndexHandle {
    index: Rc<AppIndex>,
    cache: Rc<RefCell<SearchCache>>,
    folder: Rc<str>,
    chunks_folder: Rc<str>,
}

impl IndexHandle {
    /// Searches as the query is typed: the words already typed are not expanded and scored
    /// again at every keystroke (`SearchCache`; the results are the same).
    pub fn search_typed(&self, query: &str, options: &SearchOptions) -> SearchResults {
        self.index
            .search_with(query, options, &mut self.cache.borrow_mut())
    }

    /// The URL of the folder of this index's parts (`…/texts/<id>/`).
    pub fn folder(&self) -> &str {
        &self.folder
    }

    /// The URL of the folder of the text chunks named by their content (`…/texts/chunks/`).
    pub fn chunks_folder(&self) -> &str {
        &self.chunks_folder
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

/// Fetches and opens the index the page names; the error says what failed, for the error page.
pub async fn load(mount: &Mount) -> Result<IndexHandle, String> {
    let id = mount.index_id().ok_or(
        "this page names no archive index (data-jikji-index): build the site with `./run build` \
         (or `jikji package`), which writes the index beside the app",
    )?;
    let folder = format!("{}{id}/", mount.texts_base());
    let chunks_folder = format!("{}{CHUNKS_FOLDER}/", mount.texts_base());
    let url = format!("{folder}{CORE_FILE}");
    let bytes = crate::texts::fetch_part(CORE_FILE, &url).await?;
    let stored = jikji_engine::stored_checksum(&bytes).map(|sum| format!("{sum:016x}"));
    if stored.as_deref() != Some(id.as_str()) {
        return Err(format!(
            "{url}: not the index this page names ({id}); the site's files are from different builds"
        ));
    }
    // Kept for the page's life: the index reads its dictionaries in place.
    let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
    let index = Index::open(bytes).map_err(|e| format!("{url}: {e}"))?;
    Ok(IndexHandle {
        index: Rc::new(index),
        cache: Rc::default(),
        folder: folder.into(),
        chunks_folder: chunks_folder.into(),
    })
}
