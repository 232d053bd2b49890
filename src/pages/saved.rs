//! Saved searches on the pages ([`crate::kept`] keeps them): the button that saves the view
//! shown, and the start page's list, each with the articles added since it was last opened
//! ("새 기사 3건"), plus export and import of everything kept.
//!
//! What a saved search finds is counted with the whole index, as the result list's total is:
//! the search, all its hits (not a page of them), and the key of each hit's article — from the
//! index's ids blocks, which are fetched the first time a list is counted.

use jikji_engine::{Block, SearchOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::i18n::use_strings;
use crate::index_data::IndexHandle;
use crate::kept::{use_kept, KeptHandle, SavedSearch, Storage};
use crate::route::{Route, SearchState};
use crate::texts::use_texts;

/// The keys of every article each of `states` finds (`None` where blocks of the index are
/// still to come), and the blocks still to come. Every article's key is read once for all.
pub fn found_keys(
    index: &IndexHandle,
    states: &[SearchState],
) -> (Vec<Option<Vec<u32>>>, Vec<Block>) {
    let keys = index.article_keys();
    // (Taken before a search, which starts by clearing what is noted missing.)
    let mut missing = index.take_missing_blocks();
    let found = states
        .iter()
        .map(|state| {
            // Every article is kept track of, each version of a story too.
            let options = SearchOptions {
                snippets: false,
                group_reprints: false,
                ..state.options(index.article_count())
            };
            let results = index.search(&state.query, &options);
            let whole = results.missing_blocks.is_empty();
            missing.extend(results.missing_blocks);
            let keys = keys.as_ref().ok().filter(|_| whole)?;
            Some(
                results
                    .hits
                    .iter()
                    .filter_map(|hit| keys.get(hit.doc as usize).copied())
                    .collect(),
            )
        })
        .collect();
    (found, missing)
}

/// What each saved search finds now (keys), or `None` while blocks are on their way; the
/// blocks are asked for.
#[hook]
fn use_found(index: &IndexHandle, searches: &[SavedSearch]) -> Vec<Option<Vec<u32>>> {
    let texts = use_texts();
    let views: Vec<String> = searches.iter().map(|s| s.view.clone()).collect();
    let found = {
        let index = index.clone();
        use_memo((views, texts.blocks_generation()), move |(views, _)| {
            let states: Vec<SearchState> =
                views.iter().map(|v| SearchState::from_params(v)).collect();
            found_keys(&index, &states)
        })
    };
    {
        let texts = texts.clone();
        use_effect_with(found.1.clone(), move |missing| {
            texts.request_blocks(missing.iter().copied())
        });
    }
    found.0.clone()
}

#[derive(Properties, PartialEq)]
pub struct SaveSearchProps {
    pub index: IndexHandle,
    pub state: SearchState,
}

/// A search saved before its blocks were here is counted once they are (the articles it found
/// then are the ones later visits compare with).
#[hook]
fn use_count_first(index: &IndexHandle, kept: &KeptHandle, saved: Option<&SavedSearch>) {
    let pending: Vec<SavedSearch> = saved
        .iter()
        .filter(|s| s.seen.is_none())
        .map(|s| (*s).clone())
        .collect();
    let found = use_found(index, &pending);
    let kept = kept.clone();
    let first: Vec<(String, Vec<u32>)> = pending
        .iter()
        .zip(found)
        .filter_map(|(s, f)| Some((s.name.clone(), f?)))
        .collect();
    use_effect_with(first, move |first| {
        for (name, keys) in first {
            kept.count_first(name, keys.clone());
        }
    });
}

/// Saves the view shown under a name (the query, by default), or says it is saved.
#[function_component(SaveSearch)]
pub fn save_search(props: &SaveSearchProps) -> Html {
    let t = use_strings();
    let kept = use_kept();
    let editing = use_state(|| false);
    let name = use_node_ref();
    let saved = kept.saved_as(&props.state);
    use_count_first(&props.index, &kept, saved.as_ref());
    if let Storage::Unavailable(reason) = kept.storage() {
        return html! { <p class="keeping-unavailable">{ (t.keeping_unavailable)(&reason) }</p> };
    }
    if let Some(saved) = saved {
        // Said saved once the browser has stored it; "saving" for the moment before.
        let (class, said) = if kept.is_stored() {
            ("saved-as", (t.saved_search)(&saved.name))
        } else {
            ("saved-as storing", (t.saving_search)(&saved.name))
        };
        let (kept, name) = (kept.clone(), saved.name.clone());
        let remove = Callback::from(move |_| kept.remove(&name));
        return html! {
            <p class={class}>
                <span>{ said }</span>
                <button type="button" class="remove-saved" aria-label={(t.remove_saved)(&saved.name)} onclick={remove}>{ "×" }</button>
            </p>
        };
    }
    if !*editing {
        let editing = editing.clone();
        return html! {
            <button type="button" class="save-search" onclick={Callback::from(move |_| editing.set(true))}>
                { format!("☆ {}", t.save_search) }
            </button>
        };
    }
    let onsubmit = {
        let (kept, editing, name, state, index) = (
            kept.clone(),
            editing.clone(),
            name.clone(),
            props.state.clone(),
            props.index.clone(),
        );
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let Some(input) = name.cast::<web_sys::HtmlInputElement>() else {
                return;
            };
            let found = found_keys(&index, std::slice::from_ref(&state))
                .0
                .pop()
                .flatten();
            kept.save(&input.value(), &state, found);
            editing.set(false);
        })
    };
    let cancel = {
        let editing = editing.clone();
        Callback::from(move |_| editing.set(false))
    };
    let default = props.state.query.trim().to_owned();
    html! {
        <form class="save-search-form" {onsubmit}>
            <label>
                <span class="visually-hidden">{ t.save_search_name }</span>
                <input ref={name} type="text" class="save-name" value={default} maxlength="200"
                    placeholder={t.save_search_name} autofocus=true />
            </label>
            <button type="submit" class="save-confirm">{ t.save }</button>
            <button type="button" class="save-cancel" onclick={cancel}>{ t.cancel }</button>
        </form>
    }
}

#[derive(Properties, PartialEq)]
pub struct SavedSearchesProps {
    pub index: IndexHandle,
}

/// The start page's list of saved searches, each with what is new since it was last opened,
/// and export and import of everything kept.
#[function_component(SavedSearches)]
pub fn saved_searches(props: &SavedSearchesProps) -> Html {
    let t = use_strings();
    let kept = use_kept();
    let searches = kept.saved();
    let found = use_found(&props.index, &searches);
    let report = use_state(|| None::<Result<String, String>>);
    let clips = kept.clips().len();
    if searches.is_empty() && clips == 0 && report.is_none() {
        return html! {};
    }
    let items = searches.iter().zip(found).map(|(search, found)| {
        let href = Route::Search(search.state()).to_hash();
        let new = found.as_ref().map(|f| search.new_among(f));
        let onclick = {
            let (kept, name, found) = (kept.clone(), search.name.clone(), found.clone());
            Callback::from(move |_: MouseEvent| {
                if let Some(found) = &found {
                    kept.open_saved(&name, found.clone());
                }
            })
        };
        let remove = {
            let (kept, name) = (kept.clone(), search.name.clone());
            Callback::from(move |_| kept.remove(&name))
        };
        let count = match new {
            None => html! { <span class="new-count counting">{ t.counting }</span> },
            Some(0) => html! { <span class="new-count none">{ t.no_new_articles }</span> },
            Some(n) => html! { <span class="new-count">{ (t.new_articles)(n) }</span> },
        };
        html! {
            <li class="saved-search" key={search.name.clone()}>
                <a class="saved-link" {href} {onclick}>{ search.name.clone() }</a>
                { count }
                <button type="button" class="remove-saved" aria-label={(t.remove_saved)(&search.name)} onclick={remove}>{ "×" }</button>
            </li>
        }
    });
    html! {
        <section class="saved-searches" aria-labelledby="saved-searches-title">
            <h2 id="saved-searches-title">{ t.saved_searches }</h2>
            <ul>{ for items }</ul>
            if clips > 0 {
                <p class="to-clippings"><a href={Route::Clippings(SearchState::default()).to_hash()}>{ (t.clippings_count)(clips) }</a></p>
            }
            <KeptFile kept={kept.clone()} report={report.clone()} />
            <p class="kept-here">{ t.kept_here }</p>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct KeptFileProps {
    pub kept: KeptHandle,
    pub report: UseStateHandle<Option<Result<String, String>>>,
}

/// How many things kept in this browser only (saved searches, clippings, first notes since the
/// last export) bring a reminder to export them.
const EXPORT_REMINDER: u32 = 5;

/// Export (a download of one JSON file) and import (a file chosen) of everything kept; a
/// reminder to export once much is kept in this browser only.
#[function_component(KeptFile)]
pub fn kept_file(props: &KeptFileProps) -> Html {
    let t = use_strings();
    let export = {
        let kept = props.kept.clone();
        Callback::from(move |_| {
            download(
                &format!("jikji-{}.json", kept.archive()),
                "application/json",
                &kept.export(),
            )
        })
    };
    let import = {
        let (kept, report) = (props.kept.clone(), props.report.clone());
        Callback::from(move |event: Event| {
            let Some(file) = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                .and_then(|input| input.files())
                .and_then(|files| files.get(0))
            else {
                return;
            };
            let (kept, report) = (kept.clone(), report.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
                let outcome = match text.ok().and_then(|t| t.as_string()) {
                    None => Err("the file cannot be read as text".to_owned()),
                    Some(text) => kept.import(&text).map(|done| {
                        let mut said = (t.imported)(done.searches, done.read, done.clips);
                        if let Some(other) = done.other_archive {
                            said = format!("{said} {}", (t.imported_other_archive)(&other));
                        }
                        said
                    }),
                };
                report.set(Some(outcome.map_err(|reason| (t.import_failed)(&reason))));
            });
        })
    };
    let unexported = props.kept.unexported();
    html! {
        <div class="kept-file">
            if unexported >= EXPORT_REMINDER {
                <p class="export-reminder" role="status">{ (t.export_reminder)(unexported) }</p>
            }
            <button type="button" class="export-kept" onclick={export}>{ t.export_kept }</button>
            <label class="import-kept">
                { t.import_kept }
                <input type="file" accept=".json,application/json" onchange={import} />
            </label>
            if let Some(report) = &*props.report {
                <p class="import-report" role="status">
                    { match report { Ok(said) | Err(said) => said.clone() } }
                </p>
            }
        </div>
    }
}

/// Offers `text` as a file named `name` (of type `mime`) to download.
pub(super) fn download(name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let document = gloo::utils::document();
    if let Ok(link) = document
        .create_element("a")
        .map(|a| a.unchecked_into::<web_sys::HtmlAnchorElement>())
    {
        link.set_href(&url);
        link.set_download(name);
        let _ = document.body().map(|b| b.append_child(&link));
        link.click();
        link.remove();
    }
    // Revoked once the browser has taken the download (at once, Firefox may lose it).
    gloo::timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
}
