//! How the result list stays fast while typing and whole once shown: a new query renders in
//! two passes (its first results, then the rest, [`use_complete`]); a search still waiting for
//! parts of the index leaves the last whole results on screen ([`use_last_whole`]); and the
//! filter panel keeps its facets and props while typing ([`use_filter_panel`]).
//!
//! The last two remember a value across renders (a `use_mut_ref` written as the page renders):
//! what they keep is a function of the renders so far, never a reason to render again.

use std::rc::Rc;

use gloo::timers::callback::Timeout;
use jikji_engine::{Facets, Hit, SearchResults};
use yew::prelude::*;

use super::{FIRST_RESULTS, REST_AFTER_MS};
use crate::index_data::IndexHandle;
use crate::route::SearchState;
use crate::texts::Texts;

/// Whether the page is rendered whole: false from a new query or new filters until
/// `REST_AFTER_MS` later (unless another state comes first). The page as mounted (at load, or
/// back from an article, where the scroll position is restored into it) and "more" (the
/// reader is at the bottom of the list) render whole at once.
#[hook]
pub fn use_complete(state: &SearchState) -> bool {
    // The last state whose whole result page was rendered.
    let complete_for = use_state(|| None::<SearchState>);
    {
        let complete_for = complete_for.clone();
        use_effect_with(state.clone(), move |state| {
            let state = state.clone();
            let rest = Timeout::new(REST_AFTER_MS, move || complete_for.set(Some(state)));
            move || drop(rest)
        });
    }
    complete_for
        .as_ref()
        .is_none_or(|c| c.clone().first_page() == state.clone().first_page())
}

/// The results to show and their state: `results` of `state`, or, while parts of the index
/// are on their way (`searching`), the last whole results shown (the second value says that
/// they are those). With none yet, `results` as they are.
#[hook]
pub fn use_last_whole(
    state: &SearchState,
    results: &Rc<SearchResults>,
    incomplete: bool,
    searching: bool,
) -> ((SearchState, Rc<SearchResults>), bool) {
    let last_whole = use_mut_ref(|| None::<(SearchState, Rc<SearchResults>)>);
    if !incomplete {
        *last_whole.borrow_mut() = Some((state.clone(), results.clone()));
    }
    let stale = searching.then(|| last_whole.borrow().clone()).flatten();
    let showing_stale = stale.is_some();
    (
        stale.unwrap_or_else(|| (state.clone(), results.clone())),
        showing_stale,
    )
}

/// The hits rendered, with their title highlights and snippets: the first `FIRST_RESULTS`
/// until the page is `complete`, then all. Made again when texts arrive.
#[hook]
pub fn use_rendered_hits(
    index: &IndexHandle,
    state: &SearchState,
    results: &Rc<SearchResults>,
    complete: bool,
    texts: &Texts,
) -> Rc<Vec<Rc<Hit>>> {
    let (index, results) = (index.clone(), results.clone());
    use_memo(
        (state.clone(), complete, texts.clone()),
        move |(_, complete, _)| {
            let shown = if *complete {
                results.hits.len()
            } else {
                FIRST_RESULTS
            };
            results
                .hits
                .iter()
                .take(shown)
                .map(|hit| {
                    Rc::new(
                        index
                            .complete_hit(hit, &results.prepared)
                            .unwrap_or_else(|| hit.clone()),
                    )
                })
                .collect::<Vec<Rc<Hit>>>()
        },
    )
}

/// What the filter panel is given: the facets, the filters and where to report them.
pub struct FilterPanel {
    /// The facets of the last complete page (none before any search is whole: those of an
    /// unfinished one would say that no article has a source).
    pub facets: Option<Facets>,
    /// The filters without the query, so that typing leaves the panel's props alone.
    pub state: SearchState,
    /// What the panel reports, with the live query put back.
    pub on_state: Callback<SearchState>,
}

/// The filter panel follows the query a frame late: while typing it keeps the facets of the
/// last complete page and gets the filters without the query, so its props do not change and
/// it is not redrawn. `facets` are taken when shown (not `hidden`) and `complete`, or when
/// the panel has none.
#[hook]
pub fn use_filter_panel(
    state: &SearchState,
    facets: &Facets,
    hidden: bool,
    complete: bool,
    on_state: &Callback<SearchState>,
) -> FilterPanel {
    let panel_facets = use_mut_ref(|| None::<Facets>);
    if !hidden && (complete || panel_facets.borrow().is_none()) {
        *panel_facets.borrow_mut() = Some(facets.clone());
    }
    let live = use_mut_ref(|| (String::new(), Callback::noop()));
    *live.borrow_mut() = (state.query.clone(), on_state.clone());
    let on_panel = use_memo((), move |_| {
        Callback::from(move |state: SearchState| {
            let (query, on_state) = live.borrow().clone();
            on_state.emit(SearchState { query, ..state });
        })
    });
    let facets = panel_facets.borrow().clone();
    FilterPanel {
        facets,
        state: SearchState {
            query: String::new(),
            pages: 0,
            ..state.clone()
        },
        on_state: (*on_panel).clone(),
    }
}
