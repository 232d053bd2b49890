//! The parts of the index fetched when needed: articles and blocks. The app starts with the
//! core of the index ([`crate::index_data`]): the tails dictionary, and every article's id,
//! source and date (see `jikji_engine::split`). A search waits for the blocks its words'
//! entries, postings lists, compounds and letters are in, and a result list or the reader
//! for the chunks that hold their articles (titles, metadata, texts) — the blocks
//! `texts/<index checksum>/d<n>.bin`, `p<n>.bin`, `s<n>.bin`, `l<n>.bin`… and the chunks
//! `texts/chunks/t<checksum>-<length>.bin` (named by their content, so that a rebuild which
//! leaves a chunk as it was keeps its URL) beside the page (or beside `embed.js`, when mounted
//! into a host page); or, where the page has its own reader of the parts (the single offline
//! file, an archive file read by ranges), each part by its name in the build (`t<n>.bin`).
//!
//! [`Texts`] is the context every page reads: [`Texts::request`] asks for text chunks and
//! [`Texts::request_blocks`] for blocks (each is fetched once, all of one request
//! side by side), and when a request has arrived its `generation` changes, so the pages that
//! read it render again (and search again) with the parts in the index. A part that cannot be
//! had is remembered with the reason, which is shown in its place.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use js_sys::{Function, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use jikji_engine::Block;

use crate::index_data::IndexHandle;

/// The state of the article texts, as a context.
#[derive(Clone)]
pub struct Texts {
    /// Changes each time requested parts have arrived (or failed).
    generation: u32,
    /// Changes each time requested blocks have arrived (or failed).
    blocks_generation: u32,
    loader: Rc<Loader>,
}

impl PartialEq for Texts {
    fn eq(&self, other: &Self) -> bool {
        self.generation == other.generation
            && self.blocks_generation == other.blocks_generation
            && Rc::ptr_eq(&self.loader, &other.loader)
    }
}

/// A part of the index fetched on demand.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Part {
    /// A text chunk, by number.
    Text(usize),
    /// A block of postings or of a dictionary.
    Block(Block),
}

impl Part {
    /// Its file name in the index's folder.
    fn file_name(self) -> String {
        match self {
            Part::Text(n) => jikji_engine::text_chunk_file_name(n),
            Part::Block(block) => block.file_name(),
        }
    }

    /// Its URL: a text chunk's in the chunks' folder under its address, when the parts are
    /// fetched as files; otherwise its file name in the index's folder (which the page's own
    /// reader of the parts reads by its last segment).
    fn url(self, index: &IndexHandle, by_address: bool) -> String {
        match self {
            Part::Text(n) if by_address => {
                let address = index.text_chunk_address(n).unwrap_or_default();
                format!("{}{address}", index.chunks_folder())
            }
            _ => format!("{}{}", index.folder(), self.file_name()),
        }
    }
}

/// Whether text chunks are fetched by their addresses (`texts/chunks/…`): when the page reads
/// parts as files from its host, not through a reader of its own.
fn chunks_by_address() -> bool {
    own_loader().is_none()
}

struct Loader {
    index: IndexHandle,
    generation: Cell<u32>,
    blocks_generation: Cell<u32>,
    pending: RefCell<HashSet<Part>>,
    failed: RefCell<HashMap<Part, String>>,
    /// Renders the provider again once a request is complete.
    on_arrival: Callback<()>,
}

impl Texts {
    /// Asks for the text chunks `chunks` (those already here, on their way or failed are
    /// skipped). The fetches start in a task of their own, after the page that asked has been
    /// painted: starting one costs the main thread about a millisecond.
    pub fn request(&self, chunks: impl IntoIterator<Item = usize>) {
        self.request_parts(chunks.into_iter().map(Part::Text));
    }

    /// Asks for the blocks `blocks` (a search reported them missing), as [`Texts::request`]
    /// does for text chunks.
    pub fn request_blocks(&self, blocks: impl IntoIterator<Item = Block>) {
        self.request_parts(blocks.into_iter().map(Part::Block));
    }

    fn request_parts(&self, parts: impl IntoIterator<Item = Part>) {
        let loader = &self.loader;
        let wanted: Vec<Part> = {
            let (pending, failed) = (loader.pending.borrow(), loader.failed.borrow());
            let mut wanted: Vec<Part> = parts
                .into_iter()
                .filter(|part| {
                    !pending.contains(part) && !failed.contains_key(part) && !loader.has(*part)
                })
                .collect();
            wanted.sort_unstable();
            wanted.dedup();
            wanted
        };
        if wanted.is_empty() {
            return;
        }
        loader.pending.borrow_mut().extend(&wanted);
        let loader = Rc::clone(loader);
        Timeout::new(0, move || loader.fetch(wanted)).forget();
    }

    /// Why the text chunk `number` could not be had, if it could not.
    pub fn failure(&self, number: usize) -> Option<String> {
        self.loader
            .failed
            .borrow()
            .get(&Part::Text(number))
            .cloned()
    }

    /// Why one of `blocks` could not be had, if one could not.
    pub fn blocks_failure(&self, blocks: &[Block]) -> Option<String> {
        let failed = self.loader.failed.borrow();
        blocks
            .iter()
            .find_map(|&block| failed.get(&Part::Block(block)).cloned())
    }

    /// Changes each time requested blocks have arrived (or failed): a search made before may
    /// find more now.
    pub fn blocks_generation(&self) -> u32 {
        self.blocks_generation
    }
}

impl Loader {
    fn has(&self, part: Part) -> bool {
        match part {
            Part::Text(n) => self.index.has_texts(n),
            Part::Block(block) => self.index.has_block(block),
        }
    }

    /// Fetches `parts` side by side and gives them to the index; renders the provider again
    /// once all have arrived or failed. A text chunk is named (by its address) and checked
    /// by its block of the chunks' addresses: those not here yet are fetched first.
    fn fetch(self: Rc<Self>, parts: Vec<Part>) {
        let mut addresses: Vec<Part> = parts
            .iter()
            .filter_map(|part| match *part {
                Part::Text(n) => self.index.missing_address(n).map(Part::Block),
                Part::Block(_) => None,
            })
            .collect();
        addresses.sort_unstable();
        addresses.dedup();
        if addresses.is_empty() {
            return self.fetch_side_by_side(parts, Self::arrived);
        }
        self.fetch_side_by_side(addresses, move |loader, _| {
            loader.fetch_side_by_side(parts, Self::arrived)
        });
    }

    /// Fetches `parts` side by side, each given to the index or its failure remembered, then
    /// calls `then` (with whether blocks were among them).
    fn fetch_side_by_side(
        self: Rc<Self>,
        parts: Vec<Part>,
        then: impl FnOnce(Rc<Self>, bool) + 'static,
    ) {
        let remaining = Rc::new(Cell::new(parts.len()));
        let then = Rc::new(Cell::new(Some(then)));
        let blocks = parts.iter().any(|p| matches!(p, Part::Block(_)));
        for part in parts {
            let (loader, remaining, then) =
                (Rc::clone(&self), Rc::clone(&remaining), Rc::clone(&then));
            wasm_bindgen_futures::spawn_local(async move {
                if let Err(reason) = loader.fetch_one(part).await {
                    web_sys::console::error_1(&reason.clone().into());
                    loader.failed.borrow_mut().insert(part, reason);
                }
                loader.pending.borrow_mut().remove(&part);
                remaining.set(remaining.get() - 1);
                if remaining.get() == 0 {
                    if let Some(then) = then.take() {
                        then(loader, blocks);
                    }
                }
            });
        }
    }

    /// Fetches `part` and gives it to the index; a text chunk whose addresses block could not
    /// be had fails with that block's reason.
    async fn fetch_one(&self, part: Part) -> Result<(), String> {
        if let Part::Text(n) = part {
            if let Some(block) = self.index.missing_address(n) {
                let reason = self.failed.borrow().get(&Part::Block(block)).cloned();
                return Err(reason.unwrap_or_else(|| format!("{}: not fetched", block.file_name())));
            }
        }
        fetch_into(&self.index, part).await
    }

    /// Once requested parts have arrived (or failed): the pages that read them render again.
    fn arrived(self: Rc<Self>, blocks: bool) {
        self.generation.set(self.generation.get() + 1);
        if blocks {
            self.blocks_generation.set(self.blocks_generation.get() + 1);
        }
        self.on_arrival.emit(());
    }
}

/// The texts context for `index`, kept for the life of the component that calls it. Its
/// parts are fetched from the index's folder (named by its checksum, so a cached part of
/// another build is never used).
#[hook]
pub fn use_texts_provider(index: IndexHandle) -> Texts {
    let update = use_force_update();
    let loader = use_memo((), move |_| Loader {
        index,
        generation: Cell::new(0),
        blocks_generation: Cell::new(0),
        pending: RefCell::default(),
        failed: RefCell::default(),
        on_arrival: Callback::from(move |_| update.force_update()),
    });
    let loader = Rc::clone(&loader);
    Texts {
        generation: loader.generation.get(),
        blocks_generation: loader.blocks_generation.get(),
        loader,
    }
}

/// The texts context.
#[hook]
pub fn use_texts() -> Texts {
    use_context::<Texts>().expect("the explorer provides the texts context")
}

/// Where the parts a page needs to show a search's articles stand ([`use_search_texts`]).
pub struct SearchTexts {
    /// The search lacks a block, or an article asked for lacks its text, that has not failed:
    /// what the page shows of this search is not whole yet.
    pub incomplete: bool,
    /// Why a block the search needs could not be had: its hits and counts are not whole.
    pub blocks_failed: Option<String>,
    /// The articles asked for whose text could not be had, each with the reason.
    pub articles_failed: Vec<(jikji_engine::DocId, String)>,
}

impl SearchTexts {
    /// Parts are still on their way (and no block the search needs has failed).
    pub fn waiting(&self) -> bool {
        self.incomplete && self.blocks_failed.is_none()
    }
}

/// Asks for what a page needs to show the articles `docs` of a search that lacked the blocks
/// `missing_blocks`: the blocks first, then, once the search has them (its hits are final),
/// the text chunks of `docs`; and says what is still on its way and what could not be had.
/// The result list, the concordance and the export all read a search's articles this way.
#[hook]
pub fn use_search_texts(
    index: &IndexHandle,
    missing_blocks: &[Block],
    docs: &[jikji_engine::DocId],
) -> SearchTexts {
    let texts = use_texts();
    {
        let texts = texts.clone();
        use_effect_with(missing_blocks.to_vec(), move |missing| {
            texts.request_blocks(missing.iter().copied())
        });
    }
    let (mut lacking, mut articles_failed) = (Vec::new(), Vec::new());
    for &doc in docs {
        if let Some(chunk) = index.missing_text(doc) {
            match texts.failure(chunk) {
                Some(reason) => articles_failed.push((doc, reason)),
                None => lacking.push(chunk),
            }
        }
    }
    lacking.sort_unstable();
    lacking.dedup();
    let incomplete = !missing_blocks.is_empty() || !lacking.is_empty();
    let blocks_failed = texts.blocks_failure(missing_blocks);
    {
        let wanted = missing_blocks.is_empty().then_some(lacking);
        use_effect_with(wanted, move |wanted| {
            if let Some(chunks) = wanted {
                texts.request(chunks.iter().copied());
            }
        });
    }
    SearchTexts {
        incomplete,
        blocks_failed,
        articles_failed,
    }
}

/// The page's own reader of the index's parts (`__jikji.part`: the single file's, or the
/// archive file's over HTTP, see `www/archive.js`), if it has one: it takes a part's name and
/// gives a promise of its bytes as published.
pub fn own_loader() -> Option<Function> {
    Reflect::get(&js_sys::global(), &"__jikji".into())
        .ok()
        .filter(JsValue::is_object)
        .and_then(|jikji| Reflect::get(&jikji, &"part".into()).ok())
        .and_then(|f| f.dyn_into::<Function>().ok())
}

/// The bytes of the part of the index named `name`, fetched from `url` — or, in the single
/// file, from the page's own loader (`__jikji.part`) — and unpacked: `jikji package`
/// gzip-compresses every part (a host that undoes that itself hands over the bytes as they
/// were, which are taken as they are).
pub async fn fetch_part(name: &str, url: &str) -> Result<Vec<u8>, String> {
    let value = match own_loader() {
        Some(load) => {
            let promise = load
                .call1(&JsValue::NULL, &JsValue::from_str(name))
                .map_err(describe)?;
            JsFuture::from(js_sys::Promise::resolve(&promise))
                .await
                .map_err(describe)?
        }
        None => {
            let response: web_sys::Response =
                JsFuture::from(gloo::utils::window().fetch_with_str(url))
                    .await
                    .map_err(|e| format!("{url}: {}", describe(e)))?
                    .dyn_into()
                    .map_err(describe)?;
            if !response.ok() {
                return Err(format!("{url}: HTTP {}", response.status()));
            }
            JsFuture::from(response.array_buffer().map_err(describe)?)
                .await
                .map_err(describe)?
        }
    };
    let bytes = Uint8Array::new(&value);
    if bytes.length() >= 2 && bytes.get_index(0) == 0x1f && bytes.get_index(1) == 0x8b {
        gunzip(&bytes)
            .await
            .map_err(|e| format!("{url}: damaged, cannot be unpacked ({e})"))
    } else {
        Ok(bytes.to_vec())
    }
}

/// `packed` (gzip) unpacked by the browser's `DecompressionStream`. The bytes are written to
/// its writable side while its readable side is read to its end; a damaged stream fails the
/// read (and the write, whose failure is awaited too, so none goes unhandled).
async fn gunzip(packed: &Uint8Array) -> Result<Vec<u8>, String> {
    let global = js_sys::global();
    let constructor: Function = Reflect::get(&global, &"DecompressionStream".into())
        .ok()
        .and_then(|c| c.dyn_into().ok())
        .ok_or("this browser lacks DecompressionStream")?;
    let stream =
        Reflect::construct(&constructor, &js_sys::Array::of1(&"gzip".into())).map_err(describe)?;
    let field = |name: &str| Reflect::get(&stream, &name.into()).map_err(describe);
    let (writable, readable) = (field("writable")?, field("readable")?);
    let method = |target: &JsValue, name: &str| -> Result<Function, String> {
        Reflect::get(target, &name.into())
            .map_err(describe)?
            .dyn_into()
            .map_err(describe)
    };
    let writer = method(&writable, "getWriter")?
        .call0(&writable)
        .map_err(describe)?;
    let write = method(&writer, "write")?
        .call1(&writer, packed)
        .map_err(describe)?;
    let close = method(&writer, "close")?.call0(&writer).map_err(describe)?;
    // Settles once everything was written, or failed; awaited below, after the read.
    let written = JsFuture::from(js_sys::Promise::all(&js_sys::Array::of2(&write, &close)));
    // Read with a reader, not through `new Response(readable)`: Firefox reports a damaged
    // stream read by a Response as an uncaught error of the page ("Failed to read data from the
    // ReadableStream"), even though the failure is handled here; a reader's failed read is
    // only a rejected promise (and names the damage, where the Response said "aborted").
    let reader = method(&readable, "getReader")?
        .call0(&readable)
        .map_err(describe)?;
    let next = method(&reader, "read")?;
    let mut unpacked = Vec::new();
    let read: Result<(), String> = async {
        loop {
            let step: js_sys::Promise = next.call0(&reader).map_err(describe)?.unchecked_into();
            let step = JsFuture::from(step).await.map_err(describe)?;
            let done = Reflect::get(&step, &"done".into()).map_err(describe)?;
            if done.as_bool().unwrap_or(true) {
                return Ok(());
            }
            let chunk = Reflect::get(&step, &"value".into()).map_err(describe)?;
            unpacked.extend(Uint8Array::new(&chunk).to_vec());
        }
    }
    .await;
    let written = written.await;
    read?;
    written.map_err(describe)?;
    Ok(unpacked)
}

/// A JavaScript error (or thrown value) as the message a page shows.
pub(crate) fn describe(error: JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| format!("{error:?}"))
}

/// How many parts `index` has: the core, its text chunks and its blocks.
pub fn part_count(index: &IndexHandle) -> usize {
    1 + index.text_chunk_count() + index.blocks().len()
}

/// Fetches `part` and gives it to `index`, which checks it against its directory (a text
/// chunk against its address, which must be here); a failure names the part's URL.
async fn fetch_into(index: &IndexHandle, part: Part) -> Result<(), String> {
    let url = part.url(index, chunks_by_address());
    let bytes = fetch_part(&part.file_name(), &url).await?;
    match part {
        Part::Text(n) => index.add_texts(n, &bytes),
        Part::Block(block) => index.add_block(block, &bytes),
    }
    .map_err(|e| format!("{url}: {e}"))
}

/// How many blocks of the chunks' addresses [`load_all_addresses`] fetches side by side.
const ADDRESS_FETCHES: usize = 16;

/// Fetches every block of the text chunks' addresses that `index` lacks, side by side: what
/// naming every chunk needs ([`all_part_urls`]). The first that cannot be had says why.
pub async fn load_all_addresses(index: &IndexHandle) -> Result<(), String> {
    let lacking: Vec<Block> = index
        .blocks()
        .into_iter()
        .filter(|&block| matches!(block, Block::Addresses(_)) && !index.has_block(block))
        .collect();
    for batch in lacking.chunks(ADDRESS_FETCHES) {
        let fetches: js_sys::Array = batch
            .iter()
            .map(|&block| {
                let index = index.clone();
                JsValue::from(wasm_bindgen_futures::future_to_promise(async move {
                    fetch_into(&index, Part::Block(block)).await?;
                    Ok(JsValue::UNDEFINED)
                }))
            })
            .collect();
        JsFuture::from(js_sys::Promise::all(&fetches))
            .await
            .map_err(describe)?;
    }
    Ok(())
}

/// The URL of every part of `index` (relative to the page, as they are fetched) — the core,
/// each text chunk and each block: what saving the whole archive for offline fetches
/// (`crate::offline`). The chunks are named by their addresses: [`load_all_addresses`] first.
pub fn all_part_urls(index: &IndexHandle) -> Vec<String> {
    let by_address = chunks_by_address();
    let texts = (0..index.text_chunk_count()).map(Part::Text);
    let blocks = index.blocks().into_iter().map(Part::Block);
    std::iter::once(format!(
        "{}{}",
        index.folder(),
        crate::index_data::CORE_FILE
    ))
    .chain(texts.chain(blocks).map(|part| part.url(index, by_address)))
    .collect()
}
