//! Article texts, fetched when they are shown. The wasm embeds the index without the
//! archive's text (see `jikji_engine::split_texts`): titles, sources and dates are at hand at
//! once, and a result's snippet or the reader's paragraphs wait for the text chunk that holds
//! them — `texts/<index checksum>/<n>.json` beside the page (or beside `embed.js`, when mounted
//! into a host page), or, in the single offline file, a chunk unpacked from the file itself.
//!
//! [`Texts`] is the context every page reads: [`Texts::request`] asks for chunks (each is
//! fetched once, all of one request side by side), and when a request has arrived its
//! `generation` changes, so the pages that read it render again with the texts in the index.
//! A chunk that cannot be had is remembered with the reason, which is shown in its place.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use js_sys::{Function, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use crate::index_data::IndexHandle;

/// The state of the article texts, as a context.
#[derive(Clone)]
pub struct Texts {
    /// Changes each time requested texts have arrived (or failed).
    generation: u32,
    loader: Rc<Loader>,
}

impl PartialEq for Texts {
    fn eq(&self, other: &Self) -> bool {
        self.generation == other.generation && Rc::ptr_eq(&self.loader, &other.loader)
    }
}

struct Loader {
    index: IndexHandle,
    /// The URL of the folder of this index's chunks (`…/texts/<index checksum>/`).
    folder: String,
    generation: Cell<u32>,
    pending: RefCell<HashSet<usize>>,
    failed: RefCell<HashMap<usize, String>>,
    /// Renders the provider again once a request is complete.
    on_arrival: Callback<()>,
}

impl Texts {
    /// Asks for the text chunks `chunks` (those already here, on their way or failed are
    /// skipped). The fetches start in a task of their own, after the page that asked has been
    /// painted: starting one costs the main thread about a millisecond.
    pub fn request(&self, chunks: impl IntoIterator<Item = usize>) {
        let loader = &self.loader;
        let wanted: Vec<usize> = {
            let (pending, failed) = (loader.pending.borrow(), loader.failed.borrow());
            let mut wanted: Vec<usize> = chunks
                .into_iter()
                .filter(|&n| {
                    !pending.contains(&n) && !failed.contains_key(&n) && !loader.index.has_texts(n)
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
        self.loader.failed.borrow().get(&number).cloned()
    }
}

impl Loader {
    /// Fetches `chunks` side by side and gives them to the index; renders the provider again
    /// once all have arrived or failed.
    fn fetch(self: Rc<Self>, chunks: Vec<usize>) {
        let remaining = Rc::new(Cell::new(chunks.len()));
        for number in chunks {
            let (loader, remaining) = (Rc::clone(&self), Rc::clone(&remaining));
            wasm_bindgen_futures::spawn_local(async move {
                let url = format!("{}{number}.json", loader.folder);
                let outcome = fetch_chunk(number, &url).await.and_then(|bytes| {
                    loader
                        .index
                        .add_texts(number, &bytes)
                        .map_err(|e| format!("{url}: {e}"))
                });
                if let Err(reason) = outcome {
                    web_sys::console::error_1(&reason.clone().into());
                    loader.failed.borrow_mut().insert(number, reason);
                }
                loader.pending.borrow_mut().remove(&number);
                remaining.set(remaining.get() - 1);
                if remaining.get() == 0 {
                    loader.generation.set(loader.generation.get() + 1);
                    loader.on_arrival.emit(());
                }
            });
        }
    }
}

/// The texts context for `index`, kept for the life of the component that calls it. Its
/// chunks are fetched from `base` (`texts/` relative to the page, or the URL `embed.js` gave),
/// in the folder named by the index checksum, so a cached chunk of another build is never used.
#[hook]
pub fn use_texts_provider(index: IndexHandle, base: String) -> Texts {
    let update = use_force_update();
    let loader = use_memo((), move |_| Loader {
        index,
        folder: format!("{base}{}/", crate::index_data::texts_folder()),
        generation: Cell::new(0),
        pending: RefCell::default(),
        failed: RefCell::default(),
        on_arrival: Callback::from(move |_| update.force_update()),
    });
    let loader = Rc::clone(&loader);
    Texts {
        generation: loader.generation.get(),
        loader,
    }
}

/// The texts context.
#[hook]
pub fn use_texts() -> Texts {
    use_context::<Texts>().expect("the explorer provides the texts context")
}

/// The bytes of text chunk `number`: from the page's own loader when it has one (the single
/// file), else fetched from `url`.
async fn fetch_chunk(number: usize, url: &str) -> Result<Vec<u8>, String> {
    let own_loader = Reflect::get(&js_sys::global(), &"__jikji".into())
        .ok()
        .filter(JsValue::is_object)
        .and_then(|jikji| Reflect::get(&jikji, &"texts".into()).ok())
        .and_then(|f| f.dyn_into::<Function>().ok());
    let value = match own_loader {
        Some(load) => {
            let promise = load
                .call1(&JsValue::NULL, &JsValue::from(number as u32))
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
    Ok(Uint8Array::new(&value).to_vec())
}

fn describe(error: JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| format!("{error:?}"))
}
