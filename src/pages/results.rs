//! The result list of a query (or, for an empty query, the whole archive, newest first), with
//! the filter panel beside it (a drawer on narrow screens), the active filters as chips, and,
//! when nothing matches, which filter to relax. Everything it changes it reports as a
//! [`Navigation`]: new filters as `Search`, "more" as `Page`, a result as `Open`.

use std::rc::Rc;

use gloo::timers::callback::Timeout;
use jikji_engine::{DocId, Facets, Hit, KwicOrder, SearchOptions, SearchResults, Suggestion};
use yew::prelude::*;

use crate::components::result_item::Heading;
use crate::components::{FailedItem, Filters, ResultItem};
use crate::embed::use_mount;
use crate::i18n::use_strings;
use crate::index_data::IndexHandle;
use crate::kept::use_kept;
use crate::navigation::Navigation;
use crate::pages::{ExportResults, SaveSearch, SavedSearches};
use crate::route::{Route, SearchState, TrendView};
use crate::texts::{use_search_texts, use_texts};

/// Results shown at first and added by each "more" click. Enough to fill a screen twice.
const PAGE_SIZE: usize = 20;
/// Results rendered at once for a new query: a screenful on a laptop (4–5 are visible at 900
/// px). The rest follow once the browser has painted them (`REST_AFTER_MS`), unless another
/// keystroke comes first: each result costs about half a millisecond to render, and a
/// keystroke should take one frame (16 ms; 8 at once measured p95 17 ms at 10,000 articles,
/// 6 measured 14 ms).
const FIRST_RESULTS: usize = 6;
const REST_AFTER_MS: u32 = 20;

#[derive(Properties, PartialEq)]
pub struct ResultsPageProps {
    pub index: IndexHandle,
    pub state: SearchState,
    pub on_navigate: Callback<Navigation>,
}

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
    // The last state whose whole result page was rendered (see FIRST_RESULTS).
    let complete_for = use_state(|| None::<SearchState>);
    {
        let complete_for = complete_for.clone();
        use_effect_with(props.state.clone(), move |state| {
            let state = state.clone();
            let rest = Timeout::new(REST_AFTER_MS, move || complete_for.set(Some(state)));
            move || drop(rest)
        });
    }
    // Only a new query or new filters render in two passes. The page as mounted (at load, or
    // back from an article, where the scroll position is restored into it) and "more" (the
    // reader is at the bottom of the list) render whole at once.
    let complete = complete_for
        .as_ref()
        .is_none_or(|c| c.clone().first_page() == props.state.clone().first_page());
    // One search per state, for the whole page, without snippets: they cost as much as
    // rendering, so they are made for the results rendered only, below. A search that lacked
    // blocks of the index asks for them and is made again when they arrive.
    let results = {
        let index = props.index.clone();
        use_memo(
            (props.state.clone(), texts.blocks_generation()),
            move |(state, _)| {
                let options = SearchOptions {
                    snippets: false,
                    ..state.options(state.pages.max(1) as usize * PAGE_SIZE)
                };
                crate::timing::measure(|| index.search_typed(&state.query, &options))
            },
        )
    };
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
    let blocks_failed = parts.blocks_failed.clone();
    let incomplete = parts.incomplete;
    let searching = parts.waiting();
    let last_whole = use_mut_ref(|| None::<(SearchState, Rc<SearchResults>)>);
    if !incomplete {
        *last_whole.borrow_mut() = Some((props.state.clone(), results.clone()));
    }
    let stale = searching.then(|| last_whole.borrow().clone()).flatten();
    let showing_stale = stale.is_some();
    let hide = incomplete && stale.is_none();
    let (state, results) = stale.unwrap_or_else(|| (props.state.clone(), results.clone()));
    // The results rendered, with their title highlights and snippets.
    let hits = {
        let (index, results) = (props.index.clone(), results.clone());
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
    };
    // The filter panel follows the query a frame late too: while typing it keeps the facets of
    // the last complete page and gets the filters without the query, so its props do not change
    // and it is not redrawn. What it reports gets the live query back.
    let panel_facets = use_mut_ref(|| None::<Facets>);
    // (Before any search is whole there are no facets to show: those of an unfinished one
    // would say that no article has a source.)
    if !hide && (complete || panel_facets.borrow().is_none()) {
        *panel_facets.borrow_mut() = Some(results.facets.clone());
    }
    let facets = panel_facets.borrow().clone();
    let panel_state = SearchState {
        query: String::new(),
        pages: 0,
        ..props.state.clone()
    };
    let live = use_mut_ref(|| (String::new(), Callback::noop()));
    *live.borrow_mut() = (props.state.query.clone(), on_state.clone());
    let on_panel = use_memo((), move |_| {
        Callback::from(move |state: SearchState| {
            let (query, on_state) = live.borrow().clone();
            on_state.emit(SearchState { query, ..state });
        })
    });
    // What the page shows once complete (the "more" button counts from it in both passes).
    // Pages count stories: a reprinted story is one entry.
    let shown = (state.pages.max(1) as usize * PAGE_SIZE).min(results.stories);
    let state = &state;
    let query = state.query.trim();
    let summary = if hide && searching {
        t.searching.to_string()
    } else if hide {
        String::new()
    } else if query.is_empty() && !state.filtered() {
        (t.all_articles)(results.total)
    } else if query.is_empty() {
        (t.filtered_articles)(results.total)
    } else {
        (t.results_for)(query, results.total)
    };
    let summary = if results.stories < results.total && !hide {
        format!("{summary} · {}", (t.stories_count)(results.stories))
    } else {
        summary
    };
    // The last whole results, shown while the new query's blocks arrive, say so.
    let summary = if showing_stale {
        format!("{summary} · {}", t.searching)
    } else {
        summary
    };
    let more = (results.stories > shown && !hide).then(|| {
        let (state, on_navigate) = (state.clone(), props.on_navigate.clone());
        let onclick = Callback::from(move |_| {
            on_navigate.emit(Navigation::Page(SearchState {
                pages: state.pages.max(1) + 1,
                ..state.clone()
            }))
        });
        html! { <button class="more" {onclick}>{ (t.show_more)(results.stories - shown) }</button> }
    });
    let toggle_drawer = {
        let drawer = drawer.clone();
        Callback::from(move |_| drawer.set(!*drawer))
    };
    html! {
        <div class={classes!("layout", drawer.then_some("drawer-open"))}>
            <aside class="filters" id="filters" aria-label={t.filters}>
                <button class="drawer-close" type="button" onclick={toggle_drawer.clone()}>{ t.close }</button>
                if let Some(facets) = facets {
                    <Filters state={panel_state} {facets} {sources_fixed} on_state={(*on_panel).clone()} />
                }
            </aside>
            <section class={classes!("results", showing_stale.then_some("stale"))} aria-label={t.results}>
                <div class="results-head">
                    <p class="count" aria-live="polite">{ summary }</p>
                    // (Mounted into a host page, the app's views are not in the host's URL.)
                    if !query.trim().is_empty() && !embedded {
                        <a class="trend-link" href={Route::Trends {
                            view: TrendView { lines: vec![query.trim().to_owned()], share: false },
                            state: state.clone().first_page(),
                        }.to_hash()}>{ t.trend_link }</a>
                        <a class="kwic-link" href={Route::Kwic {
                            order: KwicOrder::Text,
                            state: state.clone().first_page(),
                        }.to_hash()}>{ t.kwic_link }</a>
                    }
                    <button class="filters-button" type="button" aria-controls="filters" aria-expanded={drawer.to_string()} onclick={toggle_drawer}>
                        { if *drawer { t.close_filters } else { t.filters } }
                    </button>
                </div>
                if query.is_empty() && !state.filtered() {
                    <SavedSearches index={props.index.clone()} />
                } else if !hide {
                    <div class="results-actions">
                        <SaveSearch index={props.index.clone()} state={state.clone()} />
                        if results.total > 0 {
                            <ExportResults index={props.index.clone()} state={state.clone()} total={results.total} />
                        }
                    </div>
                }
                <FilterChips state={state.clone()} {sources_fixed} on_state={on_state.clone()} />
                { for results.prepared.suggestions.iter().filter(|_| !hide).map(|s| html! {
                    <SuggestionLine suggestion={s.clone()} state={state.clone()} on_state={on_state.clone()} />
                }) }
                if let Some(reason) = blocks_failed {
                    <p class="text-error" role="alert">{ (t.blocks_failed)(&reason) }</p>
                } else if results.total == 0 && !hide {
                    <NoResults index={props.index.clone()} state={state.clone()} on_state={on_state.clone()} />
                }
                <ol class="result-list" aria-busy={searching.to_string()} data-rendered={if complete { "all" } else { "first" }}>
                    { for hits.iter().filter(|_| !hide).map(|hit| {
                        match props.index.article(hit.doc) {
                            Some(article) => html! {
                                <ResultItem
                                    key={article.id.clone()}
                                    read={kept.is_read(jikji_engine::article_key(&article.id))}
                                    fresh={kept.is_fresh(state, jikji_engine::article_key(&article.id))}
                                    head={Heading::from(article)}
                                    hit={hit.clone()}
                                    state={state.clone()}
                                    on_open={on_open.clone()}
                                    versions={Rc::new(hit.versions.iter().filter_map(|&doc| props.index.article(doc)).map(Heading::from).collect::<Vec<_>>())}
                                />
                            },
                            None => {
                                let reason = props.index.missing_text(hit.doc)
                                    .and_then(|chunk| texts.failure(chunk))
                                    .unwrap_or_default();
                                html! { <FailedItem key={format!("failed-{}", hit.doc)} {reason} /> }
                            }
                        }
                    }) }
                </ol>
                { for more }
            </section>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ChipsProps {
    state: SearchState,
    /// The host fixed the sources: they are not chips to remove.
    sources_fixed: bool,
    on_state: Callback<SearchState>,
}

/// The active filters as removable chips.
#[function_component(FilterChips)]
fn filter_chips(props: &ChipsProps) -> Html {
    let t = use_strings();
    let state = &props.state;
    if !state.filtered() {
        return html! {};
    }
    let chip = |label: String, next: SearchState| {
        let on_state = props.on_state.clone();
        let onclick = Callback::from(move |_| on_state.emit(next.clone()));
        html! {
            <button type="button" class="chip" aria-label={(t.remove)(&label)} {onclick}>{ label }<span aria-hidden="true">{" ×"}</span></button>
        }
    };
    html! {
        <div class="chips">
            { for state.sources.iter().filter(|_| !props.sources_fixed).map(|s| {
                let sources = state.sources.iter().filter(|x| *x != s).cloned().collect();
                chip((t.source_chip)(s), SearchState { sources, ..state.clone() })
            }) }
            if state.from.is_some() || state.to.is_some() {
                { chip(
                    (t.date_chip)(state.from.as_deref().unwrap_or("…"), state.to.as_deref().unwrap_or("…")),
                    SearchState { from: None, to: None, ..state.clone() },
                ) }
            }
            if state.undated {
                { chip(t.undated_only.into(), SearchState { undated: false, ..state.clone() }) }
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct NoResultsProps {
    index: IndexHandle,
    state: SearchState,
    on_state: Callback<SearchState>,
}

#[derive(Properties, PartialEq)]
struct SuggestionLineProps {
    suggestion: Suggestion,
    state: SearchState,
    on_state: Callback<SearchState>,
}

/// Similar words of a query word: searched in its place where it found nothing ("‘중관촌’ →
/// 중관춘도 함께 보여 드립니다"), else offered with what each finds and a button that adds them
/// to the query ("비슷한 낱말: 도움 12건 — 함께 보기"; the query, and so the URL, keeps them).
#[function_component(SuggestionLine)]
fn suggestion_line(props: &SuggestionLineProps) -> Html {
    let t = use_strings();
    let s = &props.suggestion;
    if s.merged {
        return html! {
            <p class="suggestion">
                { (t.also_showing.0)(&s.word) }<strong>{ s.also.join(", ") }</strong>{ t.also_showing.1 }
            </p>
        };
    }
    let Some(query) = s.query_with(&props.state.query) else {
        return Html::default();
    };
    let onclick = {
        let (state, on_state) = (props.state.clone(), props.on_state.clone());
        Callback::from(move |_| {
            on_state.emit(SearchState {
                query: query.clone(),
                pages: 0,
                ..state.clone()
            })
        })
    };
    let last = s.also.len().saturating_sub(1);
    html! {
        <p class="suggestion offer">
            { t.similar_words }
            { for s.also.iter().zip(&s.counts).enumerate().map(|(i, (word, n))| html! {
                <>
                    <strong>{ word }</strong>{ (t.similar_count)(*n) }{ if i < last { ", " } else { "" } }
                </>
            }) }
            { " — " }
            <button type="button" class="add-similar" aria-label={(t.add_similar_label)(&s.also.join(", "))} {onclick}>
                { t.add_similar }
            </button>
        </p>
    }
}

/// Says that nothing matched, which filter removed the results, and offers to relax it.
#[function_component(NoResults)]
fn no_results(props: &NoResultsProps) -> Html {
    let t = use_strings();
    let state = &props.state;
    let total = |s: &SearchState| {
        props
            .index
            .search_typed(
                &s.query,
                &SearchOptions {
                    limit: 0,
                    ..s.options(0)
                },
            )
            .total
    };
    let mut relaxations: Vec<(String, SearchState)> = Vec::new();
    if !state.sources.is_empty() {
        let s = SearchState {
            sources: Vec::new(),
            ..state.clone()
        };
        relaxations.push(((t.relax_sources)(total(&s)), s));
    }
    if state.from.is_some() || state.to.is_some() || state.undated {
        let s = SearchState {
            from: None,
            to: None,
            undated: false,
            ..state.clone()
        };
        relaxations.push(((t.relax_dates)(total(&s)), s));
    }
    if state.filtered() && !state.query.trim().is_empty() {
        let s = SearchState::with_query(state.query.clone());
        relaxations.push(((t.relax_all)(total(&s)), s));
    }
    let query = state.query.trim();
    html! {
        <div class="empty">
            if query.is_empty() {
                <p>{ t.nothing_matches }</p>
            } else {
                <p>{ (t.nothing_matches_query)(query) }</p>
            }
            if relaxations.is_empty() {
                <p class="hint">{ t.hint_words }</p>
            } else {
                <p class="hint">{ t.hint_filters }</p>
                <div class="relax">
                    { for relaxations.into_iter().map(|(label, next)| {
                        let on_state = props.on_state.clone();
                        html! { <button type="button" class="more" onclick={Callback::from(move |_| on_state.emit(next.clone()))}>{ label }</button> }
                    }) }
                </div>
            }
        </div>
    }
}
