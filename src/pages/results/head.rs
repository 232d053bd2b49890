//! The line above the result list: how many articles (and stories) match, or that a search is
//! on its way; the links to the query's trend and concordance, and to the archive's names; the
//! filters button of narrow screens.

use jikji_engine::{KwicOrder, SearchResults};
use yew::prelude::*;

use crate::i18n::Strings;
use crate::route::{Route, SearchState, TrendView};

/// What the count line says of `results` (of `state`): "검색 중…" while a search with nothing
/// whole to show yet is on its way (`hidden`, `searching`), nothing while hidden otherwise;
/// the count, of stories too where reprints are grouped, followed by "검색 중…" when the
/// results shown are the last whole ones (`stale`).
pub fn summary(
    t: &Strings,
    state: &SearchState,
    results: &SearchResults,
    hidden: bool,
    searching: bool,
    stale: bool,
) -> String {
    let query = state.query.trim();
    let summary = if hidden && searching {
        t.searching.to_string()
    } else if hidden {
        String::new()
    } else if query.is_empty() && !state.filtered() {
        (t.all_articles)(results.total)
    } else if query.is_empty() {
        (t.filtered_articles)(results.total)
    } else {
        (t.results_for)(query, results.total)
    };
    let summary = if results.stories < results.total && !hidden {
        format!("{summary} · {}", (t.stories_count)(results.stories))
    } else {
        summary
    };
    if stale {
        format!("{summary} · {}", t.searching)
    } else {
        summary
    }
}

/// What the line above the list shows.
pub struct ResultsHead {
    pub summary: String,
    /// The state of the results shown (their query names the trend and the concordance).
    pub state: SearchState,
    /// Links to other views (not when mounted into a host page, whose URL is not the app's).
    pub links: bool,
    /// The filter drawer is open.
    pub drawer: bool,
    pub on_toggle_drawer: Callback<MouseEvent>,
}

/// The line above the list (a view function: a component costs the app's code a few kB).
pub fn results_head(t: &Strings, props: &ResultsHead) -> Html {
    let query = props.state.query.trim();
    html! {
        <div class="results-head">
            <p class="count" aria-live="polite">{ props.summary.clone() }</p>
            if !query.is_empty() && props.links {
                <a class="trend-link" href={Route::Trends {
                    view: TrendView { lines: vec![query.to_owned()], share: false },
                    state: props.state.clone().first_page(),
                }.to_hash()}>{ t.trend_link }</a>
                <a class="kwic-link" href={Route::Kwic {
                    order: KwicOrder::Text,
                    state: props.state.clone().first_page(),
                }.to_hash()}>{ t.kwic_link }</a>
            }
            if props.links {
                <a class="names-link" href={Route::Names { name: None, state: props.state.clone().first_page() }.to_hash()}>{ t.names_link }</a>
            }
            <button class="filters-button" type="button" aria-controls="filters" aria-expanded={props.drawer.to_string()} onclick={props.on_toggle_drawer.clone()}>
                { if props.drawer { t.close_filters } else { t.filters } }
            </button>
        </div>
    }
}
