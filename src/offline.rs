//! Offline use of the published site: the service worker (`www/sw.js`, copied beside
//! `index.html`) and the state behind the "save the whole archive" control
//! (`crate::components::OfflineControl`).
//!
//! The service worker keeps what a visit fetched (the page, its code, the parts of the index
//! and the texts its queries read), so the site reloads and answers those queries with the
//! network off; saving the whole archive fetches every part ([`crate::texts::all_part_urls`])
//! into a cache of its own, so any query answers offline, and removing it deletes that cache
//! only. Where it runs:
//!
//! - the app's own page (`index.html`, also inside an `<iframe>`), over https or on
//!   localhost: the service worker is registered once the page has loaded;
//! - a page that is not a secure context (a plain-http intranet host): browsers give no
//!   service worker there; the site works online and the control says why saving is not
//!   offered ([`Availability::Insecure`]);
//! - the single file (`jikji.html`, from `file://` or from a server): everything is in the file
//!   already; no service worker, no control ([`Availability::Hidden`]);
//! - mounted into a host page by `embed.js`: a service worker's scope is the folder of its
//!   script, which never covers the host's page, and registering one on the host's origin is
//!   the host's business, not an embedded widget's; no control.
//!
//! [`OfflineHandle`] is what `use_offline` gives the root: the [`OfflineStatus`] to show and
//! the callbacks that save and remove.
//!
//! Cache names (shared with `www/sw.js`, which owns the scheme): `jikji-v1 <scope> <kind>`,
//! where the scope is the service worker's (the site's folder, so two archives published on
//! one origin keep apart) and the kind `shell`, `code`, `parts <index id>` (kept while
//! browsing) or `saved <index id>` (saved by the control) — and, for the text chunks, which
//! are named by their content and outlive a rebuild that leaves them as they were,
//! `parts chunks` and `saved chunks`: a new build's page deletes from those the chunks its
//! index no longer has ([`Controller::forget_old_chunks`]), so saving again after a rebuild
//! fetches only the chunks that changed.

use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Cache, CacheStorage, Request, RequestInit, Response, ResponseInit};
use yew::prelude::*;

use crate::embed::Mount;
use crate::index_data::IndexHandle;

/// The version in the cache names; `www/sw.js` has the same (`VERSION`) and deletes the caches
/// of other versions when it takes over.
const CACHE_VERSION: &str = "jikji-v1";
/// The request header that tells the service worker a fetch is the control's (it passes it to
/// the network, and the control stores the answer in the saved cache).
const SAVE_HEADER: &str = "x-jikji-save";
/// How many parts are fetched side by side while saving.
const SAVE_CONCURRENCY: usize = 6;
/// The saved cache's record of the save, in the parts' folder (no part's name starts with a dot).
const SAVED_RECORD: &str = ".saved.json";
/// The key (followed by the worker's scope) under which the origin's local storage names the
/// build whose page last used the chunks' caches.
const CHUNKS_BUILD_KEY: &str = "jikji chunks build";
/// The id in the names of the caches of the text chunks (`parts chunks`, `saved chunks`),
/// which serve every build that has them.
const CHUNKS_CACHE_ID: &str = "chunks";

/// Whether offline use is offered here, and if not, why.
#[derive(Clone, Debug, PartialEq)]
pub enum Availability {
    /// No control at all: the single file (which holds everything) or mounted into a host page.
    Hidden,
    /// Not a secure context (plain http, not localhost): no service worker.
    Insecure,
    /// The browser has no service workers here, or refused to register ours (the reason).
    Unsupported(String),
    /// The service worker is being registered.
    Starting,
    /// The service worker is registered.
    Available,
}

/// Where saving the whole archive stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Saved {
    /// Not known yet.
    Unknown,
    /// Not every part is on this device.
    No,
    /// Saving: parts done of all, bytes fetched so far.
    Saving {
        done: usize,
        total: usize,
        bytes: f64,
    },
    /// Every part is on this device.
    Yes,
    /// Saving stopped on this reason (what was saved stays; saving again goes on from there).
    Failed(String),
}

/// What the control shows.
#[derive(Clone, Debug, PartialEq)]
pub struct OfflineStatus {
    pub availability: Availability,
    pub saved: Saved,
    /// How many parts the whole archive has.
    pub parts: usize,
    /// `navigator.storage.estimate()`: bytes this site uses, and its quota.
    pub usage: Option<(f64, f64)>,
    /// The bytes of the whole archive as saved (its parts), once saved.
    pub archive_bytes: Option<f64>,
    /// `navigator.storage.persisted()`: whether the browser keeps this site's storage under
    /// pressure (`None`: not known, or no StorageManager).
    pub persisted: Option<bool>,
}

/// The offline state and what the control can ask for.
#[derive(Clone, PartialEq)]
pub struct OfflineHandle {
    pub status: OfflineStatus,
    pub on_save: Callback<()>,
    pub on_remove: Callback<()>,
    pub on_open: Callback<()>,
}

/// Registers the service worker when the page may have one, and gives the control's state.
#[hook]
pub fn use_offline(index: IndexHandle, mount: &Mount) -> OfflineHandle {
    let update = use_force_update();
    let availability = availability(mount);
    let index_id = mount.index_id().unwrap_or_default();
    let controller = use_memo((), move |_| Controller {
        status: RefCell::new(OfflineStatus {
            availability,
            saved: Saved::Unknown,
            parts: crate::texts::part_count(&index),
            usage: None,
            archive_bytes: None,
            persisted: None,
        }),
        index,
        index_id,
        scope: RefCell::default(),
        busy: Cell::new(false),
        changes: Cell::new(0),
        on_change: Callback::from(move |()| update.force_update()),
        part_urls: RefCell::default(),
    });
    {
        let controller = Rc::clone(&controller);
        use_effect_with((), move |()| {
            if controller.status.borrow().availability == Availability::Starting {
                controller.register_after_load();
            }
        });
    }
    let status = controller.status.borrow().clone();
    let on_save = {
        let controller = Rc::clone(&controller);
        Callback::from(move |()| {
            let controller = Rc::clone(&controller);
            wasm_bindgen_futures::spawn_local(async move { controller.save().await });
        })
    };
    let on_remove = {
        let controller = Rc::clone(&controller);
        Callback::from(move |()| {
            let controller = Rc::clone(&controller);
            wasm_bindgen_futures::spawn_local(async move { controller.remove().await });
        })
    };
    let on_open = {
        let controller = Rc::clone(&controller);
        Callback::from(move |()| {
            let controller = Rc::clone(&controller);
            if controller.status.borrow().availability == Availability::Available
                && !controller.busy.get()
            {
                wasm_bindgen_futures::spawn_local(async move { controller.refresh().await });
            }
        })
    };
    OfflineHandle {
        status,
        on_save,
        on_remove,
        on_open,
    }
}

/// Whether this page may have a service worker (before registering one).
fn availability(mount: &Mount) -> Availability {
    let window = gloo::utils::window();
    let single_file = Reflect::get(&js_sys::global(), &"__jikji".into())
        .ok()
        .filter(JsValue::is_object)
        .and_then(|jikji| Reflect::get(&jikji, &"selfContained".into()).ok())
        .is_some_and(|flag| flag.is_truthy());
    let protocol = window.location().protocol().unwrap_or_default();
    if single_file || protocol == "file:" || mount.is_embedded() {
        Availability::Hidden
    } else if !window.is_secure_context() {
        Availability::Insecure
    } else if !Reflect::has(&window.navigator(), &"serviceWorker".into()).unwrap_or(false)
        || !Reflect::has(&window, &"caches".into()).unwrap_or(false)
    {
        Availability::Unsupported("no service workers".into())
    } else {
        Availability::Starting
    }
}

struct Controller {
    status: RefCell<OfflineStatus>,
    index: IndexHandle,
    /// The index's id (its checksum, the name of its folder), as the page names it.
    index_id: String,
    /// The service worker's scope, once registered.
    scope: RefCell<Option<String>>,
    /// A save or a removal is under way.
    busy: Cell<bool>,
    /// Counts saves and removals begun: a reading of the caches begun before one is stale.
    changes: Cell<u32>,
    on_change: Callback<()>,
    /// The absolute URL of every part, made the first time one is asked for (half a million
    /// strings at a million articles: made once, and only where the caches could hold them).
    part_urls: RefCell<Option<Rc<Vec<String>>>>,
}

/// What a whole save records beside the parts (`.saved.json`): their bytes and their number.
struct SavedRecord {
    bytes: Option<f64>,
    parts: Option<f64>,
}

impl Controller {
    fn set(&self, change: impl FnOnce(&mut OfflineStatus)) {
        change(&mut self.status.borrow_mut());
        self.on_change.emit(());
    }

    /// Registers the service worker once the page has loaded, so that what it fetches never
    /// competes with the page's own first downloads.
    fn register_after_load(self: &Rc<Self>) {
        let this = Rc::clone(self);
        let start = move || {
            Timeout::new(0, move || {
                wasm_bindgen_futures::spawn_local(async move { this.register().await })
            })
            .forget()
        };
        if gloo::utils::document().ready_state() == "complete" {
            start();
        } else {
            let once = Closure::once_into_js(start);
            let options = web_sys::AddEventListenerOptions::new();
            options.set_once(true);
            let _ = gloo::utils::window()
                .add_event_listener_with_callback_and_add_event_listener_options(
                    "load",
                    once.unchecked_ref(),
                    &options,
                );
        }
    }

    async fn register(self: Rc<Self>) {
        let container = gloo::utils::window().navigator().service_worker();
        let options = web_sys::RegistrationOptions::new();
        options.set_scope("./");
        let registered = JsFuture::from(container.register_with_options("sw.js", &options)).await;
        let registration: web_sys::ServiceWorkerRegistration =
            match registered.and_then(|r| r.dyn_into()) {
                Ok(registration) => registration,
                Err(error) => {
                    let reason = describe(&error);
                    web_sys::console::warn_1(&format!("offline: {reason}").into());
                    self.set(|s| s.availability = Availability::Unsupported(reason));
                    return;
                }
            };
        *self.scope.borrow_mut() = Some(registration.scope());
        self.set(|s| s.availability = Availability::Available);
        // What this visit fetched before the worker controlled the page is kept too.
        if container.controller().is_some() {
            self.keep();
        } else {
            let this = Rc::clone(&self);
            let once = Closure::once_into_js(move || this.keep());
            let options = web_sys::AddEventListenerOptions::new();
            options.set_once(true);
            let _ = container.add_event_listener_with_callback_and_add_event_listener_options(
                "controllerchange",
                once.unchecked_ref(),
                &options,
            );
        }
        if let Err(reason) = self.forget_old_chunks().await {
            web_sys::console::warn_1(&format!("offline: {reason}").into());
        }
        self.refresh().await;
    }

    /// Tells the service worker what this page fetched (the page, its code, the parts read so
    /// far: the browser's resource timing lists them) and which index is current: it keeps
    /// those it lacks and deletes the code and the parts of other builds.
    fn keep(&self) {
        let Some(scope) = self.scope.borrow().clone() else {
            return;
        };
        let window = gloo::utils::window();
        let Some(worker) = window.navigator().service_worker().controller() else {
            return;
        };
        let urls = Array::new();
        let page = window.location().href().unwrap_or_default();
        urls.push(&page.split('#').next().unwrap_or_default().into());
        if let Some(performance) = window.performance() {
            for entry in performance.get_entries_by_type("resource").iter() {
                let name = Reflect::get(&entry, &"name".into())
                    .ok()
                    .and_then(|n| n.as_string())
                    .unwrap_or_default();
                if name.starts_with(&scope) {
                    urls.push(&name.into());
                }
            }
        }
        let message = Object::new();
        let _ = Reflect::set(&message, &"type".into(), &"keep".into());
        let _ = Reflect::set(&message, &"index".into(), &self.index_id.as_str().into());
        let _ = Reflect::set(&message, &"urls".into(), &urls);
        let _ = worker.post_message(&message);
    }

    /// Deletes from the chunks' caches (`parts chunks`, `saved chunks`) the text chunks this
    /// index does not have: those of earlier builds that this one changed. Only when the
    /// build that last used those caches (named in the origin's local storage) is another:
    /// knowing every chunk's address takes every block of the addresses, which a first visit
    /// and a visit to the same build never fetch. Without local storage the caches are left as
    /// they are.
    async fn forget_old_chunks(&self) -> Result<(), String> {
        let (Some(scope), Ok(Some(storage))) = (
            self.scope.borrow().clone(),
            gloo::utils::window().local_storage(),
        ) else {
            return Ok(());
        };
        let key = format!("{CHUNKS_BUILD_KEY} {scope}");
        let last = storage.get_item(&key).ok().flatten();
        if last.as_deref() == Some(self.index_id.as_str()) {
            return Ok(());
        }
        if last.is_some() {
            self.forget_chunks_of_other_builds().await?;
        }
        let _ = storage.set_item(&key, &self.index_id);
        Ok(())
    }

    /// Deletes from the chunks' caches every chunk this index does not have.
    async fn forget_chunks_of_other_builds(&self) -> Result<(), String> {
        let mut current: Option<HashSet<String>> = None;
        for kind in ["parts", "saved"] {
            let Some(name) = self.chunks_cache_name(kind) else {
                return Ok(());
            };
            let cached = cached_requests(&name).await?;
            if cached.is_empty() {
                continue;
            }
            if current.is_none() {
                current = Some(self.part_urls().await?.iter().cloned().collect());
            }
            let current = current.as_ref().expect("filled above");
            let cache: Cache = await_js(caches()?.open(&name)).await?;
            for request in cached {
                if !current.contains(&request.url()) {
                    let _ = JsFuture::from(cache.delete_with_request(&request)).await;
                }
            }
        }
        Ok(())
    }

    /// The absolute URL of the folder of this build's parts.
    fn folder_url(&self) -> String {
        absolute(self.index.folder())
    }

    /// The URL under which the saved cache records what the save took (`{"bytes": …}`): a
    /// name no part has.
    fn record_url(&self) -> String {
        format!("{}{SAVED_RECORD}", self.folder_url())
    }

    /// The absolute URL of every part of the archive (the blocks of the chunks' addresses
    /// fetched first, if they are not here: they name the chunks).
    async fn part_urls(&self) -> Result<Rc<Vec<String>>, String> {
        if let Some(urls) = self.part_urls.borrow().as_ref() {
            return Ok(Rc::clone(urls));
        }
        crate::texts::load_all_addresses(&self.index).await?;
        let base = Absolute::of_page();
        let all = crate::texts::all_part_urls(&self.index);
        let urls = Rc::new(all.iter().map(|url| base.of(url)).collect::<Vec<_>>());
        *self.part_urls.borrow_mut() = Some(Rc::clone(&urls));
        Ok(urls)
    }

    fn cache_name(&self, kind: &str) -> Option<String> {
        let scope = self.scope.borrow().clone()?;
        Some(format!("{CACHE_VERSION} {scope} {kind} {}", self.index_id))
    }

    fn chunks_cache_name(&self, kind: &str) -> Option<String> {
        let scope = self.scope.borrow().clone()?;
        Some(format!("{CACHE_VERSION} {scope} {kind} {CHUNKS_CACHE_ID}"))
    }

    /// Reads what is saved (every part in the kept or the saved cache?) and the storage figures.
    async fn refresh(&self) {
        let changes = self.changes.get();
        let record = self.saved_record().await;
        let saved = match self.all_parts_kept(record.as_ref()).await {
            Ok(true) => Saved::Yes,
            Ok(false) => Saved::No,
            Err(reason) => Saved::Failed(reason),
        };
        let archive_bytes = record.and_then(|r| r.bytes);
        let (usage, persisted) = storage_figures().await;
        let stale = self.changes.get() != changes || self.busy.get();
        self.set(|s| {
            if !stale {
                s.saved = saved;
                s.archive_bytes = archive_bytes;
            }
            s.usage = usage;
            s.persisted = persisted.or(s.persisted);
        });
    }

    /// What the last whole save recorded, if the saved cache is there.
    async fn saved_record(&self) -> Option<SavedRecord> {
        let caches = caches().ok()?;
        let name = self.cache_name("saved")?;
        if !bool_of(JsFuture::from(caches.has(&name)).await) {
            return None;
        }
        let cache: Cache = await_js(caches.open(&name)).await.ok()?;
        let found = JsFuture::from(cache.match_with_str(&self.record_url()))
            .await
            .ok()?;
        let record: Response = found.dyn_into().ok()?;
        let json = JsFuture::from(record.json().ok()?).await.ok()?;
        let figure = |name: &str| Reflect::get(&json, &name.into()).ok()?.as_f64();
        Some(SavedRecord {
            bytes: figure("bytes"),
            parts: figure("parts"),
        })
    }

    /// Whether every part of the archive is on this device; `record`, the last whole save's.
    async fn all_parts_kept(&self, record: Option<&SavedRecord>) -> Result<bool, String> {
        // A whole save of this index records how many parts it saved, in this index's own
        // saved cache, which the browser keeps or evicts as a whole: trusted, so a saved
        // archive is not listed part by part at every visit (half a million parts at a
        // million articles, and every block of the chunks' addresses read to name them).
        let parts = crate::texts::part_count(&self.index);
        if record.and_then(|r| r.parts) == Some(parts as f64) {
            return Ok(true);
        }
        let mut have = HashSet::new();
        for kind in ["parts", "saved"] {
            let (Some(name), Some(chunks)) = (self.cache_name(kind), self.chunks_cache_name(kind))
            else {
                return Ok(false);
            };
            for name in [name, chunks] {
                have.extend(cached_requests(&name).await?.iter().map(Request::url));
            }
        }
        // Fewer kept than the archive has parts: not all of them, and no URL need be made.
        if have.len() < parts {
            return Ok(false);
        }
        Ok(self.part_urls().await?.iter().all(|url| have.contains(url)))
    }

    /// Fetches every part not on this device yet into the saved cache, showing the progress;
    /// then asks the browser to keep the site's storage (`persist()`).
    async fn save(self: Rc<Self>) {
        if self.busy.replace(true) {
            return;
        }
        self.changes.set(self.changes.get() + 1);
        let outcome = self.save_all().await;
        self.busy.set(false);
        match outcome {
            Ok(()) => {
                self.set(|s| s.saved = Saved::Yes);
                self.ask_persistence();
            }
            Err(reason) => {
                web_sys::console::warn_1(&format!("offline: {reason}").into());
                self.set(|s| s.saved = Saved::Failed(reason));
            }
        }
        let (usage, persisted) = storage_figures().await;
        self.set(|s| {
            s.usage = usage;
            s.persisted = persisted.or(s.persisted);
        });
    }

    async fn save_all(&self) -> Result<(), String> {
        let caches = caches()?;
        let name = self.cache_name("saved").ok_or("no service worker")?;
        let chunks = self.chunks_cache_name("saved").ok_or("no service worker")?;
        let saved = SaveTo {
            parts: await_js(caches.open(&name)).await?,
            chunks: await_js(caches.open(&chunks)).await?,
            chunks_folder: absolute(self.index.chunks_folder()),
        };
        let urls = self.part_urls().await?;
        let total = urls.len();
        let (done, bytes) = (Cell::new(0usize), Cell::new(0f64));
        self.set(|s| {
            s.saved = Saved::Saving {
                done: 0,
                total,
                bytes: 0.0,
            }
        });
        for batch in urls.chunks(SAVE_CONCURRENCY) {
            for result in save_batch(&caches, &saved, batch).await {
                bytes.set(bytes.get() + result?);
                done.set(done.get() + 1);
            }
            self.set(|s| {
                s.saved = Saved::Saving {
                    done: done.get(),
                    total,
                    bytes: bytes.get(),
                }
            });
        }
        let record = format!("{{\"bytes\":{},\"parts\":{total}}}", bytes.get());
        let init = ResponseInit::new();
        init.set_status(200);
        let record =
            Response::new_with_opt_str_and_init(Some(&record), &init).map_err(|e| describe(&e))?;
        JsFuture::from(saved.parts.put_with_str(&self.record_url(), &record))
            .await
            .map_err(|e| describe(&e))?;
        self.set(|s| s.archive_bytes = Some(bytes.get()));
        Ok(())
    }

    /// Asks the browser to keep the site's storage; the answer may take a while (Firefox asks
    /// the person), so it is shown when it comes.
    fn ask_persistence(self: &Rc<Self>) {
        let storage = gloo::utils::window().navigator().storage();
        if !Reflect::has(&storage, &"persist".into()).unwrap_or(false) {
            return;
        }
        let Ok(promise) = storage.persist() else {
            return;
        };
        let this = Rc::clone(self);
        wasm_bindgen_futures::spawn_local(async move {
            if let Ok(granted) = JsFuture::from(promise).await {
                this.set(|s| s.persisted = granted.as_bool());
            }
        });
    }

    /// Deletes the saved cache (what browsing kept stays), then reads the state again.
    async fn remove(self: Rc<Self>) {
        if self.busy.replace(true) {
            return;
        }
        self.changes.set(self.changes.get() + 1);
        if let Ok(caches) = caches() {
            for name in [self.cache_name("saved"), self.chunks_cache_name("saved")]
                .into_iter()
                .flatten()
            {
                let _ = JsFuture::from(caches.delete(&name)).await;
            }
        }
        self.busy.set(false);
        self.set(|s| s.saved = Saved::Unknown);
        self.refresh().await;
    }
}

/// Where saving puts a part: the text chunks (named by their content, kept across builds)
/// in a cache of their own.
#[derive(Clone)]
struct SaveTo {
    parts: Cache,
    chunks: Cache,
    /// The absolute URL of the chunks' folder.
    chunks_folder: String,
}

impl SaveTo {
    fn cache_for(&self, url: &str) -> &Cache {
        if url.starts_with(&self.chunks_folder) {
            &self.chunks
        } else {
            &self.parts
        }
    }
}

/// Saves one part unless some cache has it already; its bytes.
async fn save_part(caches: &CacheStorage, saved: &SaveTo, url: &str) -> Result<f64, String> {
    let found = JsFuture::from(caches.match_with_str(url))
        .await
        .map_err(|e| describe(&e))?;
    if let Ok(found) = found.dyn_into::<Response>() {
        let body: js_sys::ArrayBuffer =
            await_js(found.array_buffer().map_err(|e| describe(&e))?).await?;
        return Ok(f64::from(body.byte_length()));
    }
    let (body, content_type) = match crate::texts::own_loader() {
        Some(load) => (part_from_archive(&load, url).await?, None),
        None => part_from_host(url).await?,
    };
    // Stored as a plain 200 under its own URL, with its type (a 206 or a compressed body's
    // headers never reach the cache).
    let init = ResponseInit::new();
    init.set_status(200);
    let stored_headers = web_sys::Headers::new().map_err(|e| describe(&e))?;
    if let Some(kind) = content_type {
        let _ = stored_headers.set("content-type", &kind);
    }
    init.set_headers(&stored_headers);
    let stored = Response::new_with_opt_buffer_source_and_init(Some(&body), &init)
        .map_err(|e| describe(&e))?;
    JsFuture::from(saved.cache_for(url).put_with_str(url, &stored))
        .await
        .map_err(|e| format!("{url}: {}", describe(&e)))?;
    Ok(f64::from(body.byte_length()))
}

/// The part at `url` (its file) as the host sends it, straight from the server, and its type.
async fn part_from_host(url: &str) -> Result<(js_sys::ArrayBuffer, Option<String>), String> {
    let init = RequestInit::new();
    let headers = web_sys::Headers::new().map_err(|e| describe(&e))?;
    let _ = headers.set(SAVE_HEADER, "1");
    init.set_headers(&headers);
    // Not into the browser's HTTP cache as well: the saved cache is where it is kept (and
    // removing it removes it).
    init.set_cache(web_sys::RequestCache::NoStore);
    let request = Request::new_with_str_and_init(url, &init).map_err(|e| describe(&e))?;
    let response: Response = await_js(gloo::utils::window().fetch_with_request(&request))
        .await
        .map_err(|e| format!("{url}: {e}"))?;
    if response.status() != 200 {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    let body = await_js(response.array_buffer().map_err(|e| describe(&e))?).await?;
    Ok((body, response.headers().get("content-type").ok().flatten()))
}

/// The part at `url` read out of the site's archive file by the page's reader (the archive
/// transport), which is told not to keep it: the saved cache does.
async fn part_from_archive(
    load: &js_sys::Function,
    url: &str,
) -> Result<js_sys::ArrayBuffer, String> {
    let name = url.rsplit('/').next().unwrap_or_default();
    let options = Object::new();
    let _ = Reflect::set(&options, &"keep".into(), &false.into());
    let promise = load
        .call2(&JsValue::NULL, &name.into(), &options)
        .map_err(|e| format!("{url}: {}", describe(&e)))?;
    let bytes: js_sys::Uint8Array = await_js(js_sys::Promise::resolve(&promise))
        .await
        .map_err(|e| format!("{url}: {e}"))?;
    Ok(bytes.slice(0, bytes.length()).buffer())
}

/// Saves the parts at `urls` side by side; each one's bytes fetched, or why it failed, in order.
async fn save_batch(
    caches: &CacheStorage,
    saved: &SaveTo,
    urls: &[String],
) -> Vec<Result<f64, String>> {
    let promises: Array = urls
        .iter()
        .map(|url| {
            let (caches, saved, url) = (caches.clone(), saved.clone(), url.clone());
            JsValue::from(wasm_bindgen_futures::future_to_promise(async move {
                Ok(match save_part(&caches, &saved, &url).await {
                    Ok(bytes) => JsValue::from(bytes),
                    Err(reason) => JsValue::from(reason),
                })
            }))
        })
        .collect();
    let outcomes = JsFuture::from(js_sys::Promise::all(&promises)).await;
    let outcomes: Array = outcomes.map(|v| Array::from(&v)).unwrap_or_default();
    outcomes
        .iter()
        .map(|v| v.as_f64().ok_or_else(|| v.as_string().unwrap_or_default()))
        .collect()
}

/// The requests the cache `name` holds (none when there is no such cache).
async fn cached_requests(name: &str) -> Result<Vec<Request>, String> {
    let caches = caches()?;
    if !bool_of(JsFuture::from(caches.has(name)).await) {
        return Ok(Vec::new());
    }
    let cache: Cache = await_js(caches.open(name)).await?;
    let keys: Array = await_js(cache.keys()).await?;
    Ok(keys.iter().filter_map(|key| key.dyn_into().ok()).collect())
}

/// Makes URLs relative to the page absolute: a plain relative path is appended to the page's
/// folder; anything else is resolved by the browser.
struct Absolute {
    folder: String,
}

impl Absolute {
    fn of_page() -> Absolute {
        Absolute {
            folder: absolute("./"),
        }
    }

    fn of(&self, url: &str) -> String {
        let plain = !url.starts_with(['/', '.', '?', '#'])
            && !url.contains(':')
            && self.folder.ends_with('/');
        if plain {
            format!("{}{url}", self.folder)
        } else {
            absolute(url)
        }
    }
}

/// `url` (relative to the page) as an absolute URL.
fn absolute(url: &str) -> String {
    let base = gloo::utils::document()
        .base_uri()
        .ok()
        .flatten()
        .unwrap_or_default();
    web_sys::Url::new_with_base(url, &base)
        .map(|u| u.href())
        .unwrap_or_else(|_| url.to_owned())
}

fn caches() -> Result<CacheStorage, String> {
    gloo::utils::window().caches().map_err(|e| describe(&e))
}

async fn await_js<T: JsCast>(promise: js_sys::Promise) -> Result<T, String> {
    JsFuture::from(promise)
        .await
        .map_err(|e| describe(&e))?
        .dyn_into::<T>()
        .map_err(|e| describe(&e))
}

fn bool_of(value: Result<JsValue, JsValue>) -> bool {
    value.ok().and_then(|v| v.as_bool()).unwrap_or(false)
}

/// `navigator.storage.estimate()` (usage, quota) and `persisted()`, where the browser has them.
async fn storage_figures() -> (Option<(f64, f64)>, Option<bool>) {
    let navigator = gloo::utils::window().navigator();
    if !Reflect::has(&navigator, &"storage".into()).unwrap_or(false) {
        return (None, None);
    }
    let storage = navigator.storage();
    let mut usage = None;
    if let Ok(promise) = storage.estimate() {
        if let Ok(estimate) = JsFuture::from(promise).await {
            let estimate: web_sys::StorageEstimate = estimate.unchecked_into();
            if let (Some(used), Some(quota)) = (estimate.get_usage(), estimate.get_quota()) {
                usage = Some((used, quota));
            }
        }
    }
    let persisted = match storage.persisted() {
        Ok(promise) => JsFuture::from(promise).await.ok().and_then(|v| v.as_bool()),
        Err(_) => None,
    };
    (usage, persisted)
}

fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| format!("{error:?}"))
}
