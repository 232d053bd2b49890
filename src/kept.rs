//! What a reader keeps about an archive in this browser: saved searches (a view, and the
//! articles it found when last opened, so the next visit says what is new), the articles
//! opened (marked as read in results), and clippings (an article, or a passage of it, with a
//! note).
//!
//! Kept in IndexedDB — database `jikji`, store `kept`, one record per archive id
//! ([`crate::embed::Mount::archive_id`]) — so a rebuild of the archive keeps them, and two
//! archives on one origin (or, in Chromium, every local file) keep theirs apart. Articles are
//! named by their key ([`jikji_engine::article_key`] of their id), which survives a rebuild
//! where document numbers do not. Everything kept exports as one JSON file and imports again;
//! an imported file is untrusted: read field by field with limits, merged into what is kept
//! (nothing kept is replaced or lost), and shown only as text.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Promise, Reflect};
use serde::{Deserialize, Serialize};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbOpenDbRequest, IdbRequest, IdbTransaction, IdbTransactionMode};
use yew::prelude::*;

use crate::route::SearchState;
use crate::texts::describe;

const DATABASE: &str = "jikji";
const STORE: &str = "kept";
/// What an export file says it is.
const FILE_KIND: &str = "jikji-kept";
/// Longest name of a saved search, in characters.
const MAX_NAME: usize = 200;
/// Longest view of a saved search (its URL parameters), in bytes.
const MAX_VIEW: usize = 4000;

/// A saved search.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SavedSearch {
    pub name: String,
    /// The view, as the URL's parameters (`q=…&source=…`).
    pub view: String,
    /// The keys of the articles it found when last opened (sorted); `None` until they have
    /// been counted once (its blocks of the index were not all here when it was saved).
    pub seen: Option<Vec<u32>>,
    /// When it was last opened, in ms since the epoch.
    pub opened: f64,
}

impl SavedSearch {
    pub fn state(&self) -> SearchState {
        SearchState::from_params(&self.view)
    }

    /// How many of `found` (keys) it had not seen when last opened.
    pub fn new_among(&self, found: &[u32]) -> usize {
        match &self.seen {
            Some(seen) => found
                .iter()
                .filter(|k| seen.binary_search(k).is_err())
                .count(),
            None => 0,
        }
    }
}

/// A clipping: an article (starred), or a passage selected in it, with a note. What the
/// clippings page shows of the article is copied in, so it needs no part of the index.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Clip {
    /// Unique among the clippings (when it was made, and a counter).
    pub id: String,
    /// The article's id.
    pub article: String,
    pub title: String,
    pub source: Option<String>,
    pub date: Option<String>,
    /// The passage; `None` for the whole article.
    pub passage: Option<String>,
    pub note: String,
    /// When it was made, in ms since the epoch.
    pub created: f64,
}

/// Longest passage or note kept, in characters.
const MAX_TEXT: usize = 20_000;

impl Clip {
    /// The clip with its fields as an import may hold them: text of bounded length, no
    /// control characters but line breaks.
    fn checked(mut self) -> Option<Clip> {
        let text = |s: &str, max: usize| -> String {
            s.chars()
                .filter(|c| *c == '\n' || !c.is_control())
                .take(max)
                .collect()
        };
        self.id = text(&self.id, 100);
        self.article = text(&self.article, 1000);
        self.title = text(&self.title, 1000);
        self.source = self.source.map(|s| text(&s, 300));
        self.date = self.date.map(|s| text(&s, 40));
        self.passage = self.passage.map(|s| text(&s, MAX_TEXT));
        self.note = text(&self.note, MAX_TEXT);
        if !self.created.is_finite() {
            self.created = 0.0;
        }
        (!self.id.is_empty() && !self.article.is_empty()).then_some(self)
    }
}

/// Everything kept about one archive.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Kept {
    pub saved: Vec<SavedSearch>,
    /// The keys of the articles opened, sorted.
    pub read: Vec<u32>,
    #[serde(default)]
    pub clips: Vec<Clip>,
    /// Saved searches, clippings and first notes made since everything kept was last
    /// exported (not in an export file, nor read from one).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub unexported: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// The export file.
#[derive(Serialize, Deserialize)]
struct ExportFile {
    kind: String,
    version: u32,
    archive: String,
    #[serde(flatten)]
    kept: Kept,
}

/// What an import added.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub searches: usize,
    pub read: usize,
    pub clips: usize,
    /// The archive the file was exported from, when it is another one.
    pub other_archive: Option<String>,
}

impl Kept {
    /// `other` merged in: its saved searches whose names are new (a name kept already with
    /// another view gets a number), the articles it read. Nothing kept changes or goes.
    fn merge(&mut self, other: Kept) -> (usize, usize, usize) {
        let mut added = 0;
        for mut search in other.saved {
            if self
                .saved
                .iter()
                .any(|s| s.name == search.name && s.view == search.view)
            {
                continue;
            }
            let base = search.name.clone();
            let mut n = 2;
            while self.saved.iter().any(|s| s.name == search.name) {
                search.name = format!("{base} ({n})");
                n += 1;
            }
            self.saved.push(search);
            added += 1;
        }
        let before = self.read.len();
        self.read.extend(other.read);
        self.read.sort_unstable();
        self.read.dedup();
        let clips_before = self.clips.len();
        for clip in other.clips {
            if !self.clips.iter().any(|c| c.id == clip.id) {
                self.clips.push(clip);
            }
        }
        (
            added,
            self.read.len() - before,
            self.clips.len() - clips_before,
        )
    }

    /// The saved searches and reads of an export file, checked: a name is text of at most
    /// [`MAX_NAME`] characters, a view is read as a result list's parameters (what is not one
    /// is dropped) and written again.
    fn from_file(text: &str) -> Result<(Kept, String), String> {
        let file: ExportFile =
            serde_json::from_str(text).map_err(|e| format!("not a Jikji export file ({e})"))?;
        if file.kind != FILE_KIND || file.version != 1 {
            return Err(format!("not a Jikji export file (kind {:?})", file.kind));
        }
        let mut kept = file.kept;
        kept.unexported = 0;
        for search in &mut kept.saved {
            search.name = search
                .name
                .chars()
                .filter(|c| !c.is_control())
                .take(MAX_NAME)
                .collect();
            search.view = if search.view.len() > MAX_VIEW {
                String::new()
            } else {
                search.state().params()
            };
            if let Some(seen) = &mut search.seen {
                seen.sort_unstable();
                seen.dedup();
            }
            if !search.opened.is_finite() {
                search.opened = 0.0;
            }
        }
        kept.saved.retain(|s| !s.name.trim().is_empty());
        kept.clips = std::mem::take(&mut kept.clips)
            .into_iter()
            .filter_map(Clip::checked)
            .collect();
        kept.read.sort_unstable();
        kept.read.dedup();
        Ok((kept, file.archive))
    }
}

/// Whether this browser keeps anything here.
#[derive(Clone, Debug, PartialEq)]
pub enum Storage {
    Opening,
    Ready,
    /// It does not (no IndexedDB, or it refused: the reason).
    Unavailable(String),
}

/// What is kept, as a context: [`KeptHandle::generation`] changes with every change, so the
/// pages that read it render again.
#[derive(Clone)]
pub struct KeptHandle {
    generation: u32,
    keeper: Rc<Keeper>,
}

impl PartialEq for KeptHandle {
    fn eq(&self, other: &Self) -> bool {
        self.generation == other.generation && Rc::ptr_eq(&self.keeper, &other.keeper)
    }
}

struct Keeper {
    archive: String,
    kept: RefCell<Kept>,
    storage: RefCell<Storage>,
    database: RefCell<Option<IdbDatabase>>,
    /// The articles a saved search found that it had not seen, shown marked while its view is
    /// (the view's parameters, the keys).
    fresh: RefCell<Option<(String, Vec<u32>)>>,
    /// Whether persistence was asked for in this visit.
    persist_asked: Cell<bool>,
    /// Writes begun and not yet committed by the browser.
    writing: Cell<u32>,
    generation: Cell<u32>,
    on_change: Callback<()>,
}

impl KeptHandle {
    pub fn storage(&self) -> Storage {
        self.keeper.storage.borrow().clone()
    }

    /// Whether everything kept is in the browser's storage: no write under way, no change
    /// waiting for the stored record to be read. Until then the page says "saving", and
    /// leaving it asks first.
    pub fn is_stored(&self) -> bool {
        !self.keeper.unstored()
    }

    pub fn saved(&self) -> Vec<SavedSearch> {
        self.keeper.kept.borrow().saved.clone()
    }

    /// The saved search of this view, if any.
    pub fn saved_as(&self, state: &SearchState) -> Option<SavedSearch> {
        let view = state.clone().first_page().params();
        self.keeper
            .kept
            .borrow()
            .saved
            .iter()
            .find(|s| s.view == view)
            .cloned()
    }

    pub fn is_read(&self, key: u32) -> bool {
        self.keeper.kept.borrow().read.binary_search(&key).is_ok()
    }

    /// Whether the article `key` is new in `state`'s view (opened from its saved search).
    pub fn is_fresh(&self, state: &SearchState, key: u32) -> bool {
        let view = state.clone().first_page().params();
        matches!(&*self.keeper.fresh.borrow(), Some((v, keys)) if *v == view && keys.binary_search(&key).is_ok())
    }

    /// Saves `state`'s view as `name`, with the articles it finds (`found`, keys) when known.
    pub fn save(&self, name: &str, state: &SearchState, found: Option<Vec<u32>>) {
        let name: String = name
            .trim()
            .chars()
            .filter(|c| !c.is_control())
            .take(MAX_NAME)
            .collect();
        if name.is_empty() {
            return;
        }
        let view = state.clone().first_page().params();
        let seen = found.map(sorted);
        self.change(|kept| {
            kept.unexported += 1;
            kept.saved.retain(|s| s.view != view && s.name != name);
            kept.saved.push(SavedSearch {
                name,
                view,
                seen,
                opened: js_sys::Date::now(),
            });
        });
        self.keeper.ask_persistence();
    }

    pub fn remove(&self, name: &str) {
        self.change(|kept| kept.saved.retain(|s| s.name != name));
    }

    /// Opens the saved search `name`, which now finds `found` (keys): the ones it had not seen
    /// are marked in its view, and what it has seen becomes `found`.
    pub fn open_saved(&self, name: &str, found: Vec<u32>) {
        let found = sorted(found);
        let Some(search) = self.saved().into_iter().find(|s| s.name == name) else {
            return;
        };
        let fresh: Vec<u32> = match &search.seen {
            Some(seen) => found
                .iter()
                .copied()
                .filter(|k| seen.binary_search(k).is_err())
                .collect(),
            None => Vec::new(),
        };
        *self.keeper.fresh.borrow_mut() = Some((search.view.clone(), fresh));
        self.change(|kept| {
            if let Some(s) = kept.saved.iter_mut().find(|s| s.name == name) {
                s.seen = Some(found);
                s.opened = js_sys::Date::now();
            }
        });
    }

    /// Fills in what a saved search found when it had not been counted yet.
    pub fn count_first(&self, name: &str, found: Vec<u32>) {
        let unknown = self
            .saved()
            .iter()
            .any(|s| s.name == name && s.seen.is_none());
        if unknown {
            self.change(|kept| {
                if let Some(s) = kept.saved.iter_mut().find(|s| s.name == name) {
                    s.seen = Some(sorted(found));
                }
            });
        }
    }

    pub fn mark_read(&self, key: u32) {
        if !self.is_read(key) {
            self.change(|kept| {
                if let Err(at) = kept.read.binary_search(&key) {
                    kept.read.insert(at, key);
                }
            });
        }
    }

    /// The clippings, newest first.
    pub fn clips(&self) -> Vec<Clip> {
        let mut clips = self.keeper.kept.borrow().clips.clone();
        clips.sort_by(|a, b| b.created.total_cmp(&a.created));
        clips
    }

    /// The clipping `id`.
    pub fn clips_of_id(&self, id: &str) -> Option<Clip> {
        self.keeper
            .kept
            .borrow()
            .clips
            .iter()
            .find(|c| c.id == id)
            .cloned()
    }

    /// The clippings of the article `id`.
    pub fn clips_of(&self, id: &str) -> Vec<Clip> {
        self.keeper
            .kept
            .borrow()
            .clips
            .iter()
            .filter(|c| c.article == id)
            .cloned()
            .collect()
    }

    /// Clips `heading`'s article, or `passage` of it; the clip's id.
    pub fn clip(
        &self,
        heading: &crate::components::result_item::Heading,
        passage: Option<String>,
    ) -> String {
        let created = js_sys::Date::now();
        let count = self.keeper.kept.borrow().clips.len();
        let id = format!("{created:.0}-{count}");
        let clip = Clip {
            id: id.clone(),
            article: heading.id.clone(),
            title: heading.title.clone(),
            source: heading.source.clone(),
            date: heading.date.clone(),
            passage: passage.map(|p| p.trim().chars().take(MAX_TEXT).collect()),
            note: String::new(),
            created,
        };
        self.change(|kept| {
            kept.unexported += 1;
            kept.clips.push(clip)
        });
        self.keeper.ask_persistence();
        id
    }

    pub fn remove_clip(&self, id: &str) {
        self.change(|kept| kept.clips.retain(|c| c.id != id));
    }

    pub fn set_note(&self, id: &str, note: &str) {
        let note: String = note.chars().take(MAX_TEXT).collect();
        self.change(|kept| {
            if let Some(clip) = kept.clips.iter_mut().find(|c| c.id == id) {
                if clip.note.trim().is_empty() && !note.trim().is_empty() {
                    kept.unexported += 1;
                }
                clip.note = note;
            }
        });
    }

    /// The clippings as a Markdown file: each under its title, with source, date, the
    /// article's id, the passage quoted and the note.
    pub fn clips_markdown(&self, heading: &str) -> String {
        let mut out = format!("# {heading} — {}\n", self.keeper.archive);
        for clip in self.clips() {
            out.push_str(&format!("\n## {}\n\n", one_line(&clip.title)));
            let meta: Vec<&str> = [
                clip.source.as_deref(),
                clip.date.as_deref(),
                Some(clip.article.as_str()),
            ]
            .into_iter()
            .flatten()
            .collect();
            out.push_str(&format!("{}\n", one_line(&meta.join(" · "))));
            if let Some(passage) = &clip.passage {
                out.push('\n');
                for line in passage.lines() {
                    out.push_str(&format!("> {line}\n"));
                }
            }
            if !clip.note.trim().is_empty() {
                out.push_str(&format!("\n{}\n", clip.note.trim()));
            }
        }
        out
    }

    /// Everything kept about this archive, as the export file's text; what was made since the
    /// last export is in it now ([`KeptHandle::unexported`] is 0 again).
    pub fn export(&self) -> String {
        let mut kept = self.keeper.kept.borrow().clone();
        kept.unexported = 0;
        let file = ExportFile {
            kind: FILE_KIND.to_owned(),
            version: 1,
            archive: self.keeper.archive.clone(),
            kept,
        };
        let text = serde_json::to_string_pretty(&file).unwrap_or_default();
        self.change(|kept| kept.unexported = 0);
        text
    }

    /// How many saved searches, clippings and first notes were made since everything kept
    /// was last exported: kept in this browser only.
    pub fn unexported(&self) -> u32 {
        self.keeper.kept.borrow().unexported
    }

    pub fn archive(&self) -> &str {
        &self.keeper.archive
    }

    /// Merges an export file into what is kept.
    pub fn import(&self, text: &str) -> Result<Imported, String> {
        let (other, archive) = Kept::from_file(text)?;
        let mut counts = (0, 0, 0);
        self.change(|kept| counts = kept.merge(other));
        Ok(Imported {
            searches: counts.0,
            read: counts.1,
            clips: counts.2,
            other_archive: (archive != self.keeper.archive).then_some(archive),
        })
    }

    /// Changes what is kept, writes it (once what was stored has been read: until then the
    /// reading merges it in and writes), and renders again.
    fn change(&self, edit: impl FnOnce(&mut Kept)) {
        edit(&mut self.keeper.kept.borrow_mut());
        if self.keeper.storage() == Storage::Ready {
            Rc::clone(&self.keeper).write_soon();
        }
        self.keeper.changed();
    }
}

impl Keeper {
    fn changed(&self) {
        self.generation.set(self.generation.get() + 1);
        self.on_change.emit(());
    }

    /// Reads what is kept for the archive (once, when the app starts).
    async fn load(self: &Rc<Self>) {
        let outcome = async {
            let database = open_database().await?;
            let read = database
                .transaction_with_str(STORE)
                .and_then(|t| t.object_store(STORE))
                .and_then(|store| store.get(&self.archive.as_str().into()))
                .map_err(describe)?;
            let value = settled(&read).await?;
            *self.database.borrow_mut() = Some(database);
            Ok::<_, String>(value.as_string())
        }
        .await;
        match outcome {
            Ok(text) => {
                let mut kept: Kept = text
                    .and_then(|t| serde_json::from_str(&t).ok())
                    .unwrap_or_default();
                // What the reader did while it was being read joins it.
                let meanwhile = std::mem::take(&mut *self.kept.borrow_mut());
                let changed = meanwhile != Kept::default();
                kept.merge(meanwhile);
                *self.kept.borrow_mut() = kept;
                *self.storage.borrow_mut() = Storage::Ready;
                if changed {
                    Rc::clone(self).write_soon();
                }
            }
            Err(reason) => *self.storage.borrow_mut() = Storage::Unavailable(reason),
        }
        self.changed();
    }

    fn storage(&self) -> Storage {
        self.storage.borrow().clone()
    }

    /// Writes what is kept; the page renders again once the browser has committed it (see
    /// [`KeptHandle::is_stored`]); a failure makes storage unavailable, with the reason.
    fn write_soon(self: Rc<Self>) {
        self.writing.set(self.writing.get() + 1);
        wasm_bindgen_futures::spawn_local(async move {
            let written = self.write().await;
            self.writing.set(self.writing.get() - 1);
            if let Err(reason) = written {
                *self.storage.borrow_mut() = Storage::Unavailable(reason);
            }
            self.changed();
        });
    }

    /// Whether something kept is not in storage yet (see [`KeptHandle::is_stored`]).
    fn unstored(&self) -> bool {
        self.writing.get() > 0
            || *self.storage.borrow() == Storage::Opening && *self.kept.borrow() != Kept::default()
    }

    /// Writes what is kept (the whole record of the archive), done once its transaction has
    /// committed (a request's success alone is not yet on disk).
    async fn write(&self) -> Result<(), String> {
        let text = serde_json::to_string(&*self.kept.borrow()).map_err(|e| e.to_string())?;
        let database = self
            .database
            .borrow()
            .clone()
            .ok_or("storage is not open")?;
        let transaction = database
            .transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)
            .map_err(describe)?;
        transaction
            .object_store(STORE)
            .and_then(|store| store.put_with_key(&text.into(), &self.archive.as_str().into()))
            .map_err(describe)?;
        committed(&transaction).await
    }

    /// Asks the browser to keep this site's storage (once a visit, on the first save).
    fn ask_persistence(&self) {
        if self.persist_asked.replace(true) {
            return;
        }
        let storage = gloo::utils::window().navigator().storage();
        if Reflect::has(&storage, &"persist".into()).unwrap_or(false) {
            if let Ok(promise) = storage.persist() {
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = JsFuture::from(promise).await;
                });
            }
        }
    }
}

/// The kept context for `archive`, read from storage once.
#[hook]
pub fn use_kept_provider(archive: String) -> KeptHandle {
    let update = use_force_update();
    let keeper = use_memo((), move |_| Keeper {
        archive,
        kept: RefCell::default(),
        storage: RefCell::new(Storage::Opening),
        database: RefCell::default(),
        fresh: RefCell::default(),
        persist_asked: Cell::new(false),
        writing: Cell::new(0),
        generation: Cell::new(0),
        on_change: Callback::from(move |_| update.force_update()),
    });
    {
        let keeper = Rc::clone(&keeper);
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move { keeper.load().await });
        });
    }
    {
        let keeper = Rc::clone(&keeper);
        use_effect_with((), move |_| {
            let leaving = ask_before_leaving_unstored(keeper);
            move || drop(leaving)
        });
    }
    KeptHandle {
        generation: keeper.generation.get(),
        keeper: Rc::clone(&keeper),
    }
}

#[hook]
pub fn use_kept() -> KeptHandle {
    use_context::<KeptHandle>().expect("the explorer provides the kept context")
}

/// `text` on one line (a title or a meta line in Markdown).
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn sorted(mut keys: Vec<u32>) -> Vec<u32> {
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Opens the database, creating its store the first time.
async fn open_database() -> Result<IdbDatabase, String> {
    let factory = gloo::utils::window()
        .indexed_db()
        .map_err(describe)?
        .ok_or("this browser has no IndexedDB here")?;
    let request: IdbOpenDbRequest = factory.open_with_u32(DATABASE, 1).map_err(describe)?;
    let opening = request.clone();
    let upgrade = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        if let Ok(database) = opening.result().and_then(|r| r.dyn_into::<IdbDatabase>()) {
            if !database.object_store_names().contains(STORE) {
                let _ = database.create_object_store(STORE);
            }
        }
    });
    request.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let database = settled(&request).await?;
    request.set_onupgradeneeded(None);
    drop(upgrade);
    database.dyn_into().map_err(describe)
}

/// While something kept is not stored yet, leaving the page (closing the tab, a reload)
/// asks first, as the browser does for a form being sent: the write takes a moment and would
/// be lost. (Only for that moment; the listener lives as long as what it returns.)
fn ask_before_leaving_unstored(keeper: Rc<Keeper>) -> gloo::events::EventListener {
    let options = gloo::events::EventListenerOptions::enable_prevent_default();
    let window = gloo::utils::window();
    gloo::events::EventListener::new_with_options(&window, "beforeunload", options, move |event| {
        if keeper.unstored() {
            event.prevent_default();
            // Older engines ask only when the event's return value is set.
            let _ = Reflect::set(event, &"returnValue".into(), &"".into());
        }
    })
}

/// Done once `transaction` has committed, or why it failed or was aborted.
async fn committed(transaction: &IdbTransaction) -> Result<(), String> {
    let promise = Promise::new(&mut |resolve, reject| {
        transaction.set_oncomplete(Some(&resolve));
        transaction.set_onerror(Some(&reject));
        transaction.set_onabort(Some(&reject));
    });
    let outcome = JsFuture::from(promise).await;
    transaction.set_oncomplete(None);
    transaction.set_onerror(None);
    transaction.set_onabort(None);
    outcome.map(|_| ()).map_err(|_| {
        transaction
            .error()
            .map(|e| e.message())
            .unwrap_or_else(|| "storage refused".into())
    })
}

/// The result of an IndexedDB request once it has succeeded, or why it failed.
async fn settled(request: &IdbRequest) -> Result<JsValue, String> {
    let promise = Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    let outcome = JsFuture::from(promise).await;
    request.set_onsuccess(None);
    request.set_onerror(None);
    match outcome {
        Ok(_) => request.result().map_err(describe),
        Err(_) => Err(request
            .error()
            .ok()
            .flatten()
            .map(|e| e.message())
            .unwrap_or_else(|| "storage refused".into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn search(name: &str, view: &str) -> SavedSearch {
        SavedSearch {
            name: name.into(),
            view: view.into(),
            seen: Some(vec![1, 2]),
            opened: 0.0,
        }
    }

    #[test]
    fn an_imported_file_brings_no_count_of_things_unexported() {
        let text = r#"{"kind":"jikji-kept","version":1,"archive":"a","saved":[],"read":[],"clips":[],"unexported":9}"#;
        let (kept, _) = Kept::from_file(text).unwrap();
        assert_eq!(kept.unexported, 0);
    }

    #[test]
    fn a_merge_keeps_everything_and_numbers_a_name_taken() {
        let clip = |id: &str| Clip {
            id: id.into(),
            article: "a".into(),
            ..Clip::default()
        };
        let mut kept = Kept {
            saved: vec![search("화웨이", "q=화웨이")],
            read: vec![3, 9],
            clips: vec![clip("1-0")],
            unexported: 2,
        };
        let other = Kept {
            saved: vec![search("화웨이", "q=화웨이"), search("화웨이", "q=반도체")],
            read: vec![1, 9],
            clips: vec![clip("1-0"), clip("2-1")],
            unexported: 7,
        };
        assert_eq!(kept.merge(other), (1, 1, 1));
        assert_eq!(kept.unexported, 2, "a merge makes nothing the reader made");
        let names: Vec<&str> = kept.saved.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["화웨이", "화웨이 (2)"]);
        assert_eq!(kept.saved[0].view, "q=화웨이");
        assert_eq!(kept.read, [1, 3, 9]);
    }

    #[test]
    fn an_import_file_is_checked_field_by_field() {
        let hostile = r#"{"kind":"jikji-kept","version":1,"archive":"<img src=x onerror=alert(1)>",
            "saved":[{"name":"<script>alert(1)</script>\u0007","view":"q=%3Cb%3E&evil=1&sort=oldest","seen":[5,5,1],"opened":1},
                     {"name":"   ","view":"q=x","seen":null,"opened":0}],
            "read":[7,7,2],
            "clips":[{"id":"1-0","article":"a","title":"<b>t</b>\u0000","source":null,"date":"2020",
                      "passage":"line 1\nline 2\u0007","note":"n","created":5},
                     {"id":"","article":"a","title":"no id","source":null,"date":null,"passage":null,"note":"","created":0}]}"#;
        let (kept, archive) = Kept::from_file(hostile).unwrap();
        assert_eq!(archive, "<img src=x onerror=alert(1)>");
        assert_eq!(kept.saved.len(), 1, "a name of spaces is no name");
        assert_eq!(kept.saved[0].name, "<script>alert(1)</script>");
        assert_eq!(kept.saved[0].view, "q=%3Cb%3E&sort=oldest");
        assert_eq!(kept.saved[0].seen, Some(vec![1, 5]));
        assert_eq!(kept.read, [2, 7]);
        assert_eq!(kept.clips.len(), 1, "a clip without an id is dropped");
        assert_eq!(kept.clips[0].title, "<b>t</b>");
        assert_eq!(kept.clips[0].passage.as_deref(), Some("line 1\nline 2"));
        for bad in [
            "",
            "[]",
            "{\"kind\":\"other\",\"version\":1,\"archive\":\"a\",\"saved\":[],\"read\":[]}",
            "{\"kind\":\"jikji-kept\",\"version\":1,\"archive\":\"a\",\"saved\":[],\"read\":[-1]}",
        ] {
            assert!(Kept::from_file(bad).is_err(), "{bad}");
        }
    }
}
