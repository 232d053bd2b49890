//! The result list of a query (or, for an empty query, the whole archive, newest first), with
//! the filter panel beside it (a drawer on narrow screens).

use std::rc::Rc;

use jikji_engine::SearchOptions;
use yew::prelude::*;

use crate::components::{Filters, ResultItem};
use crate::index_data::IndexHandle;
use crate::route::SearchState;

/// Results shown at first and added by each "more" click. Enough to fill a screen twice;
/// every one shown is re-rendered on each keystroke, so more costs typing latency.
const PAGE_SIZE: usize = 20;

#[derive(Properties, PartialEq)]
pub struct ResultsPageProps {
    pub index: IndexHandle,
    pub state: SearchState,
    pub on_open: Callback<String>,
    pub on_state: Callback<SearchState>,
}

#[function_component(ResultsPage)]
pub fn results_page(props: &ResultsPageProps) -> Html {
    let shown = use_state(|| PAGE_SIZE);
    let drawer = use_state(|| false);
    {
        let shown = shown.clone();
        use_effect_with(props.state.clone(), move |_| shown.set(PAGE_SIZE));
    }
    let results = {
        let index = props.index.clone();
        use_memo((props.state.clone(), *shown), move |(state, limit)| {
            crate::timing::measure(|| index.search(&state.query, &state.options(*limit)))
        })
    };
    let state = &props.state;
    let query = state.query.trim();
    let summary = if query.is_empty() && !state.filtered() {
        format!("전체 기사 {}건", results.total)
    } else if query.is_empty() {
        format!("조건에 맞는 기사 {}건", results.total)
    } else {
        format!("‘{query}’ 검색 결과 {}건", results.total)
    };
    let more = (results.total > results.hits.len()).then(|| {
        let shown = shown.clone();
        let onclick = Callback::from(move |_| shown.set(*shown + PAGE_SIZE));
        html! { <button class="more" {onclick}>{ format!("더 보기 ({}건 남음)", results.total - results.hits.len()) }</button> }
    });
    let toggle_drawer = {
        let drawer = drawer.clone();
        Callback::from(move |_| drawer.set(!*drawer))
    };
    html! {
        <div class={classes!("layout", drawer.then_some("drawer-open"))}>
            <aside class="filters" id="filters" aria-label="필터">
                <button class="drawer-close" type="button" onclick={toggle_drawer.clone()}>{"닫기 ×"}</button>
                <Filters state={state.clone()} facets={results.facets.clone()} on_state={props.on_state.clone()} />
            </aside>
            <section class="results" aria-label="검색 결과">
                <div class="results-head">
                    <p class="count" aria-live="polite">{ summary }</p>
                    <button class="filters-button" type="button" aria-controls="filters" aria-expanded={drawer.to_string()} onclick={toggle_drawer}>
                        { if *drawer { "필터 닫기" } else { "필터" } }
                    </button>
                </div>
                <FilterChips state={state.clone()} on_state={props.on_state.clone()} />
                { for results.prepared.suggestions.iter().map(|s| html! {
                    <p class="suggestion">
                        { format!("‘{}’", s.word) }{ " → " }<strong>{ s.also.join(", ") }</strong>{ "도 함께 보여 드립니다" }
                    </p>
                }) }
                if results.total == 0 {
                    <NoResults index={props.index.clone()} state={state.clone()} on_state={props.on_state.clone()} />
                }
                <ol class="result-list">
                    { for results.hits.iter().filter_map(|hit| {
                        let article = props.index.article(hit.doc)?;
                        Some(html! {
                            <ResultItem
                                key={article.id.clone()}
                                index={props.index.clone()}
                                doc={hit.doc}
                                hit={Rc::new(hit.clone())}
                                state={state.clone()}
                                on_open={props.on_open.clone()}
                            />
                        })
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
    on_state: Callback<SearchState>,
}

/// The active filters as removable chips.
#[function_component(FilterChips)]
fn filter_chips(props: &ChipsProps) -> Html {
    let state = &props.state;
    if !state.filtered() {
        return html! {};
    }
    let chip = |label: String, next: SearchState| {
        let on_state = props.on_state.clone();
        let onclick = Callback::from(move |_| on_state.emit(next.clone()));
        html! {
            <button type="button" class="chip" aria-label={format!("{label} 해제")} {onclick}>{ label }<span aria-hidden="true">{" ×"}</span></button>
        }
    };
    html! {
        <div class="chips">
            { for state.sources.iter().filter(|_| !crate::embed::options().is_some_and(|o| !o.sources.is_empty())).map(|s| {
                let sources = state.sources.iter().filter(|x| *x != s).cloned().collect();
                chip(format!("출처: {s}"), SearchState { sources, ..state.clone() })
            }) }
            if state.from.is_some() || state.to.is_some() {
                { chip(
                    format!("날짜: {} – {}", state.from.as_deref().unwrap_or("…"), state.to.as_deref().unwrap_or("…")),
                    SearchState { from: None, to: None, ..state.clone() },
                ) }
            }
            if state.undated {
                { chip("날짜 없는 기사만".into(), SearchState { undated: false, ..state.clone() }) }
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

/// Says that nothing matched, which filter removed the results, and offers to relax it.
#[function_component(NoResults)]
fn no_results(props: &NoResultsProps) -> Html {
    let state = &props.state;
    let total = |s: &SearchState| props.index.search(&s.query, &SearchOptions { limit: 0, ..s.options(0) }).total;
    let mut relaxations: Vec<(String, SearchState)> = Vec::new();
    if !state.sources.is_empty() {
        let s = SearchState { sources: Vec::new(), ..state.clone() };
        relaxations.push((format!("출처 필터 해제 ({}건)", total(&s)), s));
    }
    if state.from.is_some() || state.to.is_some() || state.undated {
        let s = SearchState { from: None, to: None, undated: false, ..state.clone() };
        relaxations.push((format!("날짜 필터 해제 ({}건)", total(&s)), s));
    }
    if state.filtered() && !state.query.trim().is_empty() {
        let s = SearchState::with_query(state.query.clone());
        relaxations.push((format!("모든 필터 해제 ({}건)", total(&s)), s));
    }
    let query = state.query.trim();
    html! {
        <div class="empty">
            if query.is_empty() {
                <p>{"조건에 맞는 기사가 없습니다."}</p>
            } else {
                <p>{ format!("‘{query}’에 맞는 기사가 없습니다.") }</p>
            }
            if relaxations.is_empty() {
                <p class="hint">{ "모든 단어가 들어 있는 기사만 보여 줍니다. 단어를 줄이거나 다른 표기로 찾아 보세요." }</p>
            } else {
                <p class="hint">{ "필터 때문에 결과가 없습니다:" }</p>
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
