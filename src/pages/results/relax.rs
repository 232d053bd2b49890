//! What the result list offers when a query finds little: similar words of a query word
//! ([`SuggestionLine`]), and when nothing matches, which filter removed the results and a
//! button that relaxes it ([`NoResults`]).

use jikji_engine::{SearchOptions, Suggestion};
use yew::prelude::*;

use crate::i18n::use_strings;
use crate::index_data::IndexHandle;
use crate::route::SearchState;

#[derive(Properties, PartialEq)]
pub struct NoResultsProps {
    pub index: IndexHandle,
    pub state: SearchState,
    pub on_state: Callback<SearchState>,
}

#[derive(Properties, PartialEq)]
pub struct SuggestionLineProps {
    pub suggestion: Suggestion,
    pub state: SearchState,
    pub on_state: Callback<SearchState>,
}

/// Similar words of a query word: searched in its place where it found nothing ("‘중관촌’ →
/// 중관춘도 함께 보여 드립니다"), else offered with what each finds and a button that adds them
/// to the query ("비슷한 낱말: 도움 12건 — 함께 보기"; the query, and so the URL, keeps them).
#[function_component(SuggestionLine)]
pub fn suggestion_line(props: &SuggestionLineProps) -> Html {
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
pub fn no_results(props: &NoResultsProps) -> Html {
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
