//! The names page (`#/names`): the companies, people, places and bodies the archive names
//! (found when it was indexed, see `jikji_engine::index::names`), most named first, with a
//! box that finds one by any of its spellings; and a name's page (`#/names/화웨이`): its
//! spellings, the articles naming it (a link to them), the articles per month, the outlets that
//! wrote about it and the names most often in the same articles, each a link. The counts of a
//! name's page are the search's own (its month and source facets); the names' blocks are
//! fetched when the page is shown, never before.

use std::rc::Rc;

use jikji_engine::error::Error;
use jikji_engine::index::names::{Name, NameKind};
use jikji_engine::{Block, SearchOptions, SearchResults, Trend};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::trends::TrendFigures;
use crate::i18n::{use_strings, Strings};
use crate::index_data::IndexHandle;
use crate::route::{Route, SearchState, TrendView};
use crate::texts::use_texts;

/// Names listed at first, and added by each "더 보기".
const NAMES_SHOWN: usize = 100;
/// Outlets listed on a name's page.
const OUTLETS_SHOWN: usize = 12;

#[derive(Properties, PartialEq)]
pub struct NamesPageProps {
    pub index: IndexHandle,
    /// The name whose page is shown; `None`: the list of names.
    pub name: Option<String>,
    /// The result list to go back to.
    pub state: SearchState,
}

/// What a name's page counts with the search: the articles naming it (total and outlets) and
/// per month.
struct NameCounts {
    results: SearchResults,
    trend: Rc<Trend>,
}

#[function_component(NamesPage)]
pub fn names_page(props: &NamesPageProps) -> Html {
    let t = use_strings();
    let texts = use_texts();
    let generation = texts.blocks_generation();
    // The searches first (each keeps the blocks it lacked), then the names' blocks.
    let found = {
        let index = props.index.clone();
        use_memo((props.name.clone(), generation), move |(name, _)| {
            let counts = name.as_deref().map(|name| name_counts(&index, name));
            let names = index.names().map(Rc::new);
            let mut missing = index.take_missing_blocks();
            if let Some(counts) = &counts {
                missing.extend(&counts.results.missing_blocks);
                missing.extend(&counts.trend.missing_blocks);
            }
            (names, counts, missing)
        })
    };
    let (names, counts, missing) = &*found;
    {
        let texts = texts.clone();
        use_effect_with(missing.clone(), move |missing: &Vec<Block>| {
            texts.request_blocks(missing.iter().copied())
        });
    }
    let back = Route::Search(props.state.clone()).to_hash();
    let failed = texts.blocks_failure(missing);
    let error_line = |reason: &str| html! { <p class="text-error" role="alert">{ (t.blocks_failed)(reason) }</p> };
    // What stands where parts are on their way: that they are, or why they failed.
    let waiting = |what: &str| match &failed {
        Some(reason) => error_line(reason),
        None => html! { <p class="names-status" aria-busy="true">{ what.to_owned() }</p> },
    };
    let body = match (names, &props.name) {
        (Err(Error::Absent), _) => waiting(t.names_loading),
        (Err(error), _) => error_line(&error.to_string()),
        (Ok(names), None) => {
            html! { <NamesList names={names.clone()} state={props.state.clone()} /> }
        }
        (Ok(names), Some(name)) => {
            let whole = counts.as_ref().filter(|c| {
                c.results.missing_blocks.is_empty() && c.trend.missing_blocks.is_empty()
            });
            let counts = whole.ok_or_else(|| waiting(t.trend_counting));
            name_page(t, names, name, counts, &props.state)
        }
    };
    html! {
        <section class="names" aria-labelledby="names-title">
            <nav class="reader-nav">
                <a class="back" href={back}>{ t.back_to_results }</a>
                if props.name.is_some() {
                    <a class="names-all" href={Route::Names { name: None, state: props.state.clone() }.to_hash()}>{ t.name_all_names }</a>
                }
            </nav>
            { body }
        </section>
    }
}

/// The search of `name` (every spelling of it: search finds a name's aliases) for its total
/// and outlets, and its trend.
fn name_counts(index: &IndexHandle, name: &str) -> NameCounts {
    let counting = SearchOptions {
        limit: 0,
        snippets: false,
        group_reprints: false,
        ..SearchOptions::default()
    };
    NameCounts {
        results: index.search(name, &counting),
        trend: Rc::new(index.trend(&[name], &counting)),
    }
}

#[derive(Properties)]
struct NamesListProps {
    names: Rc<Vec<Name>>,
    state: SearchState,
}

impl PartialEq for NamesListProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.names, &other.names) && self.state == other.state
    }
}

/// Every name, most named first, a box to find one by any spelling, more on demand.
#[function_component(NamesList)]
fn names_list(props: &NamesListProps) -> Html {
    let t = use_strings();
    let filter = use_state(String::new);
    let shown = use_state(|| NAMES_SHOWN);
    let on_filter = {
        let (filter, shown) = (filter.clone(), shown.clone());
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            filter.set(input.value());
            shown.set(NAMES_SHOWN);
        })
    };
    let wanted = filter.trim().to_lowercase();
    let matching: Vec<&Name> = props
        .names
        .iter()
        .filter(|n| {
            wanted.is_empty()
                || n.spellings
                    .iter()
                    .any(|s| s.to_lowercase().contains(&wanted))
        })
        .collect();
    let left = matching.len().saturating_sub(*shown);
    let more = {
        let shown = shown.clone();
        Callback::from(move |_| shown.set(*shown + NAMES_SHOWN))
    };
    html! {
        <>
        <h1 id="names-title">{ t.names }</h1>
        <p class="names-intro">{ (t.names_intro)(props.names.len()) }</p>
        <input class="names-filter" type="search" placeholder={t.names_filter} aria-label={t.names_filter}
            value={(*filter).clone()} oninput={on_filter} />
        if matching.is_empty() {
            <p class="empty">{ t.names_none }</p>
        }
        <ol class="names-list">
            { for matching.iter().take(*shown).map(|name| html! {
                <li data-name={name.shown().to_owned()}>
                    <a class="name-link" href={Route::Names { name: Some(name.shown().to_owned()), state: props.state.clone() }.to_hash()}>{ name.shown() }</a>
                    { " " }<span class="name-count">{ (t.name_articles)(name.articles) }</span>
                    if name.spellings.len() > 1 {
                        { " " }<span class="name-spellings">{ name.spellings[1..].join(" · ") }</span>
                    }
                </li>
            }) }
        </ol>
        if left > 0 {
            <button type="button" class="names-more" onclick={more}>{ (t.names_more)(left) }</button>
        }
        </>
    }
}

/// One name's page (a view function: a component costs the app's code a few kB): `counts`
/// once the searches are whole, else what to show in their place (that they are on their way,
/// or why they failed).
fn name_page(
    t: &Strings,
    names: &[Name],
    wanted: &str,
    counts: Result<&NameCounts, Html>,
    state: &SearchState,
) -> Html {
    let folded = wanted.trim().to_lowercase();
    let Some(name) = names
        .iter()
        .find(|n| n.spellings.iter().any(|s| s.to_lowercase() == folded))
    else {
        return html! {
            <>
            <h1 id="names-title">{ wanted }</h1>
            <p class="empty">{ (t.name_unknown)(wanted) }</p>
            </>
        };
    };
    let link = |other: &str| {
        Route::Names {
            name: Some(other.to_owned()),
            state: state.clone(),
        }
        .to_hash()
    };
    let search = |query: String, sources: Vec<String>| {
        Route::Search(SearchState {
            query,
            sources,
            ..SearchState::default()
        })
        .to_hash()
    };
    let kind = match name.kind {
        NameKind::Stated => t.name_stated,
        NameKind::ProperNoun => t.name_proper_noun,
    };
    html! {
        <>
        <h1 id="names-title">{ name.shown() }</h1>
        <p class="name-kind">{ kind }</p>
        <p class="name-spellings-line">{ t.name_spellings }{ ": " }
            { for name.spellings.iter().enumerate().map(|(k, s)| html! {
                <>{ if k > 0 { " · " } else { "" } }<span class="name-spelling">{ s }</span></>
            }) }
        </p>
        if let Err(status) = &counts {
            { status.clone() }
        }
        if let Ok(counts) = counts {
            <p class="name-total">
                <a class="name-articles" href={search(name.shown().to_owned(), Vec::new())}>{ (t.name_articles)(counts.results.total) }</a>
                { " · " }
                <a class="trend-link" href={Route::Trends { view: TrendView { lines: vec![name.shown().to_owned()], share: false }, state: SearchState::default() }.to_hash()}>{ t.trend_link }</a>
            </p>
            <h2>{ t.name_outlets }</h2>
            <ul class="name-outlets">
                { for counts.results.facets.sources.iter().take(OUTLETS_SHOWN).map(|(outlet, n)| html! {
                    <li><a href={search(name.shown().to_owned(), vec![outlet.clone()])}>{ outlet }</a>{ " " }<span class="name-count">{ n }</span></li>
                }) }
            </ul>
            <h2>{ t.name_months }</h2>
            if !counts.trend.periods.is_empty() {
                <TrendFigures trend={counts.trend.clone()} share={false} state={SearchState::default()} />
            }
        }
        <h2>{ t.name_with }</h2>
        <ul class="name-with">
            { for name.with.iter().filter_map(|&(other, both)| names.get(other as usize).map(|o| (o, both))).map(|(other, both)| html! {
                <li data-name={other.shown().to_owned()}>
                    <a class="name-link" href={link(other.shown())}>{ other.shown() }</a>
                    { " " }<span class="name-count">{ (t.name_together)(both) }</span>
                    { " " }<a class="name-both" href={search(format!("{} {}", name.shown(), other.shown()), Vec::new())}>{ t.name_search_both }</a>
                </li>
            }) }
        </ul>
        </>
    }
}
