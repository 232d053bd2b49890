//! The result list of a query (or, for an empty query, the whole archive, newest first), with
//! the filter panel beside it (a drawer on narrow screens), the active filters as chips, and,
//! when nothing matches, which filter to relax. Everything it changes it reports as a
//! [`Navigation`]: new filters as `Search`, "more" as `Page`, a result as `Open`.
//!
//! The page runs one search per state and puts the parts together; how it renders while
//! typing is in `passes.rs` (its hooks), its pieces are `head.rs` (the count line), `list.rs`,
//! `chips.rs` (the active filters) and `relax.rs` (similar words; what to relax when nothing
//! matches).

mod chips;
mod head;
mod list;
mod passes;
mod relax;

use std::rc::Rc;

use jikji_engine::{DocId, SearchOptions, SearchResults};
use yew::prelude::*;

use crate::components::Filters;
use crate::embed::use_mount;
use crate::i18n::{use_strings, Strings};
use crate::index_data::IndexHandle;
use crate::kept::use_kept;
use crate::navigation::Navigation;
use crate::pages::{ExportResults, SaveSearch, SavedSearches};
use crate::route::SearchState;
use crate::texts::{use_search_texts, use_texts};
use chips::FilterChips;
use head::{results_head, summary, ResultsHead};
use list::{result_list, ResultList};
use passes::{use_complete, use_filter_panel, use_last_whole, use_rendered_hits};
use relax::{NoResults, SuggestionLine};

/// Results shown at first and added by each "more" click. Enough to fill a screen twice.
const PAGE_SIZE: usize = 20;
/// Results rendered at once for a new query: a screenful on a laptop (4–5 are visible at 900
/// px). The rest follow once the browser has painted them (`REST_AFTER_MS`), unless another
/// keystroke comes first: a keystroke should take one frame (16 ms), and more results at once
/// took longer than that (BENCHMARKS.md, "The profiles, and what they changed").
const FIRST_RESULTS: usize = 6;
const REST_AFTER_MS: u32 = 20;

#[derive(Properties, PartialEq)]
pub struct ResultsPageProps {
    pub index: IndexHandle,
    pub state: SearchState,
    pub on_navigate: Callback<Navigation>,
}

/// The page: the search, what of it is shown while parts are on their way, and the layout.
/// It stays long because its markup is: the panel, the head, the actions, the list (views
/// written out field by field, functions rather than components, which cost the wasm a few kB
/// each).
#[function_component(ResultsPage)]
pub fn results_page(props: &ResultsPageProps) -> Html {
    let t = use_strings();
    let texts = use_texts();
    let kept = use_kept();
    // A host page that fixed the sources leaves none to choose or remove.
    let sources_fixed = use_mount().sources_fixed();
    let embedded = use_mount().is_embedded();
    let drawer = use_state(|| false);
    // The callbacks the parts get, made again only when the page's is new (unchanged props
    // leave a result unrendered).
    let (on_open, on_state) = {
        let callbacks = use_memo(props.on_navigate.clone(), |on_navigate| {
            (
                on_navigate.reform(Navigation::Open),
                on_navigate.reform(Navigation::Search),
            )
        });
        (*callbacks).clone()
    };
    let complete = use_complete(&props.state);
    let results = use_search(&props.index, &props.state, texts.blocks_generation());
    // Until every block it needs is here, and the articles of its page (their titles are in
    // their chunks), a search's results are not shown: its total and its list would be those
    // of part of the archive, or a list without titles. Meanwhile the page goes on showing
    // the last whole results (busy), so typing into a large archive does not blank the list
    // at every key; with none yet, it says it is searching. An article that cannot be had is
    // shown as such, in its place.
    // (A reprinted story's other versions are listed under it, by their titles too.)
    let docs: Vec<DocId> = results
        .hits
        .iter()
        .flat_map(|hit| std::iter::once(hit.doc).chain(hit.versions.iter().copied()))
        .collect();
    let parts = use_search_texts(&props.index, &results.missing_blocks, &docs);
    let searching = parts.waiting();
    let ((state, results), stale) =
        use_last_whole(&props.state, &results, parts.incomplete, searching);
    let hidden = parts.incomplete && !stale;
    let hits = use_rendered_hits(&props.index, &state, &results, complete, &texts);
    let panel = use_filter_panel(&props.state, &results.facets, hidden, complete, &on_state);
    // What the page shows once complete (the "more" button counts from it in both passes).
    // Pages count stories: a reprinted story is one entry.
    let shown = (state.pages.max(1) as usize * PAGE_SIZE).min(results.stories);
    let state = &state;
    let unfiltered = state.query.trim().is_empty() && !state.filtered();
    let more = (results.stories > shown && !hidden)
        .then(|| more_button(t, state, results.stories - shown, &props.on_navigate));
    let toggle_drawer = {
        let drawer = drawer.clone();
        Callback::from(move |_| drawer.set(!*drawer))
    };
    html! {
        <div class={classes!("layout", drawer.then_some("drawer-open"))}>
            <aside class="filters" id="filters" aria-label={t.filters}>
                <button class="drawer-close" type="button" onclick={toggle_drawer.clone()}>{ t.close }</button>
                if let Some(facets) = panel.facets {
                    <Filters state={panel.state} {facets} {sources_fixed} on_state={panel.on_state} />
                }
            </aside>
            <section class={classes!("results", stale.then_some("stale"))} aria-label={t.results}>
                { results_head(t, &ResultsHead {
                    summary: summary(t, state, &results, hidden, searching, stale),
                    state: state.clone(),
                    links: !embedded,
                    drawer: *drawer,
                    on_toggle_drawer: toggle_drawer,
                }) }
                if unfiltered {
                    <SavedSearches index={props.index.clone()} />
                } else if !hidden {
                    <div class="results-actions">
                        <SaveSearch index={props.index.clone()} state={state.clone()} />
                        if results.total > 0 {
                            <ExportResults index={props.index.clone()} state={state.clone()} total={results.total} />
                        }
                    </div>
                }
                <FilterChips state={state.clone()} {sources_fixed} on_state={on_state.clone()} />
                { for results.prepared.suggestions.iter().filter(|_| !hidden).map(|s| html! {
                    <SuggestionLine suggestion={s.clone()} state={state.clone()} on_state={on_state.clone()} />
                }) }
                if let Some(reason) = parts.blocks_failed {
                    <p class="text-error" role="alert">{ (t.blocks_failed)(&reason) }</p>
                } else if results.total == 0 && !hidden {
                    <NoResults index={props.index.clone()} state={state.clone()} on_state={on_state.clone()} />
                }
                { result_list(&ResultList {
                    index: props.index.clone(),
                    hits,
                    state: state.clone(),
                    searching,
                    complete,
                    hidden,
                    on_open,
                }, &texts, &kept) }
                { for more }
            </section>
        </div>
    }
}

/// "Show n more": the next page of `state`'s results.
fn more_button(
    t: &Strings,
    state: &SearchState,
    rest: usize,
    on_navigate: &Callback<Navigation>,
) -> Html {
    let (state, on_navigate) = (state.clone(), on_navigate.clone());
    let onclick = Callback::from(move |_| {
        on_navigate.emit(Navigation::Page(SearchState {
            pages: state.pages.max(1) + 1,
            ..state.clone()
        }))
    });
    html! { <button class="more" {onclick}>{ (t.show_more)(rest) }</button> }
}

/// One search per state, for the whole page, without snippets: they cost as much as
/// rendering, so they are made for the results rendered only. A search that lacked blocks of
/// the index asks for them and is made again when they arrive (`generation`). Timed: typing
/// searches at once when searches are fast (`crate::timing`).
#[hook]
fn use_search(index: &IndexHandle, state: &SearchState, generation: u32) -> Rc<SearchResults> {
    let index = index.clone();
    use_memo((state.clone(), generation), move |(state, _)| {
        let options = SearchOptions {
            snippets: false,
            ..state.options(state.pages.max(1) as usize * PAGE_SIZE)
        };
        crate::timing::measure(|| index.search_typed(&state.query, &options))
    })
}
