//! The filter panel: order, sources with counts, the timeline of months ([`Timeline`]), date
//! inputs. Every control reports a whole new [`SearchState`]; the page puts it in the URL.

use jikji_engine::{Facets, Sort};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::Timeline;
use crate::i18n::{use_strings, Strings};
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
    // The spellings of an outlet counted under several (each with its count).
    let spellings_of = |name: &str| {
        props
            .facets
            .spellings
            .iter()
            .find(|(outlet, _)| outlet == name)
            .map(|(_, spellings)| spellings.as_slice())
    };
    // An outlet is found by any spelling of its name.
    let spelled = |name: &str| {
        std::iter::once(name)
            .chain(
                spellings_of(name)
                    .into_iter()
                    .flatten()
                    .map(|(s, _)| s.as_str()),
            )
            .any(|s| s.to_lowercase().contains(&needle))
    };
    let shown: Vec<&(String, usize)> = sources
        .iter()
        .filter(|(name, _)| needle.is_empty() || spelled(name))
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
                { for shown.into_iter().map(|(name, count)| source_item(t, &SourceItem {
                    name,
                    count: *count,
                    checked: selected.contains(name),
                    spellings: spellings_of(name),
                    on_toggle: toggle(name.clone()),
                })) }
            </ul>
            if sources.is_empty() {
                <p class="facet-empty">{ t.no_sources }</p>
            }
        </fieldset>
    }
}

/// One outlet of the source facet.
struct SourceItem<'a> {
    name: &'a str,
    count: usize,
    checked: bool,
    /// Its spellings with their counts, where it is counted under several.
    spellings: Option<&'a [(String, usize)]>,
    on_toggle: Callback<Event>,
}

/// An outlet's box, its name, how many spellings it is counted under (listed on hover) and
/// its count (a view function: a component costs the app's code a few kB).
fn source_item(t: &Strings, item: &SourceItem) -> Html {
    html! {
        <li>
            <label class={classes!("facet", item.checked.then_some("selected"))} data-facet-source={item.name.to_owned()}
                title={item.spellings.map(|s| (t.spellings_list)(s))}>
                <input type="checkbox" checked={item.checked} onchange={item.on_toggle.clone()} />
                <span class="facet-name">
                    { item.name.to_owned() }
                    if let Some(spellings) = item.spellings {
                        { " " }<span class="facet-spellings">{ (t.spellings_count)(spellings.len()) }</span>
                    }
                </span>
                <span class="facet-count">{ item.count }</span>
            </label>
        </li>
    }
}

/// The date fields: text, not the browser's date picker (which shows the browser's locale,
/// `mm/dd/yyyy` inside the Korean interface, and asks for a whole day). They take a year, a
/// month or a day as people write them (`2020`, `2020-08`, `2020.8.26`, `2020년 8월`), keep it
/// in the URL as `2020`, `2020-08` or `2020-08-26`, and say under the field which day they
/// read it as; what is not a date is said so, and the filter is left as it was.
#[function_component(DateInputs)]
pub fn date_inputs(props: &StateProps) -> Html {
    let t = use_strings();
    // What was typed into each field (from, to) that is not a date.
    let unread = use_state(|| (None::<String>, None::<String>));
    let change = |is_from: bool| {
        let (state, on_state, unread) =
            (props.state.clone(), props.on_state.clone(), unread.clone());
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let typed = input.value();
            let read = jikji_engine::query::partial_date(&typed);
            let not_a_date = (read.is_none() && !typed.trim().is_empty()).then_some(typed);
            let (mut from, mut to) = (*unread).clone();
            *(if is_from { &mut from } else { &mut to }) = not_a_date.clone();
            unread.set((from, to));
            if not_a_date.is_some() {
                return;
            }
            let mut next = SearchState {
                undated: false,
                ..state.clone()
            };
            *(if is_from {
                &mut next.from
            } else {
                &mut next.to
            }) = read;
            on_state.emit(next);
        })
    };
    let clear = {
        let (state, on_state, unread) =
            (props.state.clone(), props.on_state.clone(), unread.clone());
        Callback::from(move |_| {
            unread.set((None, None));
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
            { date_field(t, true, &props.state.from, &unread.0, change(true)) }
            { date_field(t, false, &props.state.to, &unread.1, change(false)) }
            if props.state.from.is_some() || props.state.to.is_some() || unread.0.is_some() || unread.1.is_some() {
                <button type="button" class="link-button" onclick={clear}>{ t.clear_dates }</button>
            }
        </div>
    }
}

/// One date field (`is_from`: the range's start) showing `value` (the URL's) or what was
/// `typed` that is not a date, with a note under it: the day it reads `value` as, or that the
/// typed text is no date.
fn date_field(
    t: &Strings,
    is_from: bool,
    value: &Option<String>,
    typed: &Option<String>,
    onchange: Callback<Event>,
) -> Html {
    let (id, label) = if is_from {
        ("date-from", t.date_from)
    } else {
        ("date-to", t.date_to)
    };
    let read = value
        .as_deref()
        .and_then(|v| jikji_engine::query::date_bound(v, !is_from));
    let note = match (typed, read) {
        (Some(typed), _) => Some((true, (t.date_unread)(typed))),
        (None, Some(day)) => Some((false, (t.date_read)(&day, is_from))),
        (None, None) => None,
    };
    let note_id = format!("{id}-read");
    html! {
        <label>
            { label }
            <input {id} type="text" autocomplete="off" spellcheck="false" placeholder={t.date_placeholder}
                value={typed.clone().or_else(|| value.clone()).unwrap_or_default()}
                aria-invalid={typed.is_some().to_string()} aria-describedby={note.as_ref().map(|_| note_id.clone())}
                {onchange} />
            if let Some((unread, text)) = note {
                <small id={note_id} class={classes!("date-read", unread.then_some("date-unread"))}
                    role={unread.then_some("alert")}>{ text }</small>
            }
        </label>
    }
}
