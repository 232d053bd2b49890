//! The filter panel: order, sources with counts, the timeline of months ([`Timeline`]), date
//! inputs. Every control reports a whole new [`SearchState`]; the page puts it in the URL.

use jikji_engine::{Facets, Sort};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::Timeline;
use crate::i18n::use_strings;
use crate::route::SearchState;

/// More sources than this get a filter box above the list.
const SOURCE_FILTER_FROM: usize = 8;

#[derive(Properties, PartialEq)]
pub struct FiltersProps {
    pub state: SearchState,
    pub facets: Facets,
    /// The host page fixed the sources (embedded): no source list to choose from.
    pub sources_fixed: bool,
    pub on_state: Callback<SearchState>,
}

#[function_component(Filters)]
pub fn filters(props: &FiltersProps) -> Html {
    html! {
        <>
            <SortSelect state={props.state.clone()} on_state={props.on_state.clone()} />
            if !props.sources_fixed {
                <SourceFacet state={props.state.clone()} facets={props.facets.clone()} on_state={props.on_state.clone()} />
            }
            <Timeline state={props.state.clone()} facets={props.facets.clone()} on_state={props.on_state.clone()} />
            <DateInputs state={props.state.clone()} on_state={props.on_state.clone()} />
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct StateProps {
    pub state: SearchState,
    pub on_state: Callback<SearchState>,
}

#[function_component(SortSelect)]
pub fn sort_select(props: &StateProps) -> Html {
    let onchange = {
        let (state, on_state) = (props.state.clone(), props.on_state.clone());
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            let sort = Sort::from_name(&select.value());
            on_state.emit(SearchState {
                sort,
                ..state.clone()
            });
        })
    };
    let current = props.state.sort;
    let t = use_strings();
    // The `selected` attributes set the first rendering; once the reader has used the control,
    // only its value property follows the state (back/forward, a link), so set it too.
    let select = use_node_ref();
    {
        let select = select.clone();
        use_effect_with(current, move |sort| {
            if let Some(select) = select.cast::<HtmlSelectElement>() {
                select.set_value(sort.name());
            }
        });
    }
    html! {
        <div class="filter-group">
            <label class="filter-title" for="sort">{ t.sort }</label>
            <select id="sort" class="sort" ref={select} {onchange}>
                <option value={Sort::Relevance.name()} selected={current == Sort::Relevance}>{ t.by_relevance }</option>
                <option value={Sort::Newest.name()} selected={current == Sort::Newest}>{ t.newest_first }</option>
                <option value={Sort::Oldest.name()} selected={current == Sort::Oldest}>{ t.oldest_first }</option>
            </select>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct FacetProps {
    pub state: SearchState,
    pub facets: Facets,
    pub on_state: Callback<SearchState>,
}

#[function_component(SourceFacet)]
pub fn source_facet(props: &FacetProps) -> Html {
    let filter = use_state(String::new);
    let t = use_strings();
    let selected = &props.state.sources;
    // Selected sources stay listed even when the query leaves them no article.
    let mut sources: Vec<(String, usize)> = props.facets.sources.clone();
    for s in selected {
        if !sources.iter().any(|(name, _)| name == s) {
            sources.push((s.clone(), 0));
        }
    }
    // The filter box only exists for long lists; a leftover filter must not hide a short one.
    let needle = if sources.len() > SOURCE_FILTER_FROM {
        filter.to_lowercase()
    } else {
        String::new()
    };
    let shown: Vec<&(String, usize)> = sources
        .iter()
        .filter(|(name, _)| needle.is_empty() || name.to_lowercase().contains(&needle))
        .collect();
    let toggle = |name: String| {
        let (state, on_state) = (props.state.clone(), props.on_state.clone());
        Callback::from(move |_: Event| {
            let mut next = state.clone();
            match next.sources.iter().position(|s| *s == name) {
                Some(i) => {
                    next.sources.remove(i);
                }
                None => next.sources.push(name.clone()),
            }
            on_state.emit(next);
        })
    };
    let oninput = {
        let filter = filter.clone();
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            filter.set(input.value());
        })
    };
    html! {
        <fieldset class="filter-group sources">
            <legend class="filter-title">{ t.source }</legend>
            if sources.len() > SOURCE_FILTER_FROM {
                <input class="source-filter" type="text" placeholder={t.find_source} aria-label={t.find_source} {oninput} />
            }
            <ul class="facet-list">
                { for shown.into_iter().map(|(name, count)| {
                    let checked = selected.contains(name);
                    html! {
                        <li>
                            <label class={classes!("facet", checked.then_some("selected"))} data-facet-source={name.clone()}>
                                <input type="checkbox" checked={checked} onchange={toggle(name.clone())} />
                                <span class="facet-name">{ name.clone() }</span>
                                <span class="facet-count">{ count }</span>
                            </label>
                        </li>
                    }
                }) }
            </ul>
            if sources.is_empty() {
                <p class="facet-empty">{ t.no_sources }</p>
            }
        </fieldset>
    }
}

#[function_component(DateInputs)]
pub fn date_inputs(props: &StateProps) -> Html {
    let change = |is_from: bool| {
        let (state, on_state) = (props.state.clone(), props.on_state.clone());
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let value = Some(input.value()).filter(|v| !v.is_empty());
            let mut next = SearchState {
                undated: false,
                ..state.clone()
            };
            if is_from {
                next.from = value;
            } else {
                next.to = value;
            }
            on_state.emit(next);
        })
    };
    let shown = |value: &Option<String>, end: bool| {
        value
            .as_deref()
            .and_then(|v| jikji_engine::query::date_bound(v, end))
            .unwrap_or_default()
    };
    let t = use_strings();
    let clear = {
        let (state, on_state) = (props.state.clone(), props.on_state.clone());
        Callback::from(move |_| {
            on_state.emit(SearchState {
                from: None,
                to: None,
                undated: false,
                ..state.clone()
            })
        })
    };
    html! {
        <div class="filter-group dates">
            <label>{ t.date_from }<input id="date-from" type="date" value={shown(&props.state.from, false)} onchange={change(true)} /></label>
            <label>{ t.date_to }<input id="date-to" type="date" value={shown(&props.state.to, true)} onchange={change(false)} /></label>
            if props.state.from.is_some() || props.state.to.is_some() {
                <button type="button" class="link-button" onclick={clear}>{ t.clear_dates }</button>
            }
        </div>
    }
}
