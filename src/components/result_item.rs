//! One entry of the result list: title, source and date, snippet with the matches marked;
//! for a reprinted story, how many versions in how many outlets, which opens the list of them.

use std::rc::Rc;

use jikji_engine::{Article, Hit};
use yew::prelude::*;

use super::Highlighted;
use crate::i18n::{use_strings, Strings};
use crate::route::{Route, SearchState};

/// What an entry and the reader show of an article above its text.
#[derive(Clone, Debug, PartialEq)]
pub struct Heading {
    pub id: String,
    pub title: String,
    pub source: Option<String>,
    pub date: Option<String>,
    pub collection: Option<String>,
    pub section: Option<String>,
    /// The article as a COinS title (OpenURL), which reference managers read from the list.
    pub coins: String,
}

impl From<&Article> for Heading {
    fn from(article: &Article) -> Self {
        Heading {
            id: article.id.clone(),
            title: article.title.clone(),
            source: article.source.clone(),
            date: article.date.clone(),
            collection: article.collection.clone(),
            section: article.section.clone(),
            coins: jikji_export::coins(&jikji_export::Entry::of(article)),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct ResultItemProps {
    /// The article's title, source, date (its chunk is here: a result list waits for them).
    pub head: Heading,
    /// Its title highlights and snippet.
    pub hit: Rc<Hit>,
    /// The query and filters, for the link's URL (`#/article/ID?…`).
    pub state: SearchState,
    /// Called with the article id when the entry is opened by a plain click.
    pub on_open: Callback<String>,
    /// Opened before (marked as read).
    #[prop_or_default]
    pub read: bool,
    /// New since its saved search was last opened.
    #[prop_or_default]
    pub fresh: bool,
    /// The other versions of its story that match too (reprints), first version first.
    #[prop_or_default]
    pub versions: Rc<Vec<Heading>>,
}

#[function_component(ResultItem)]
pub fn result_item(props: &ResultItemProps) -> Html {
    let t = use_strings();
    let article = &props.head;
    let href = Route::Article {
        id: article.id.clone(),
        state: props.state.clone(),
        at: None,
    }
    .to_hash();
    let onclick = {
        let on_open = props.on_open.clone();
        let id = article.id.clone();
        Callback::from(move |event: MouseEvent| {
            // Let modified clicks (new tab, new window) do what the browser does with links.
            if !(event.ctrl_key() || event.meta_key() || event.shift_key() || event.button() != 0) {
                event.prevent_default();
                on_open.emit(id.clone());
            }
        })
    };
    html! {
        <li class={classes!("result", props.read.then_some("read"), props.fresh.then_some("fresh"))} data-article-id={article.id.clone()}>
            <a class="result-link" {href} {onclick}>
                if props.fresh {
                    <span class="fresh-badge">{ t.fresh_badge }</span>
                }
                if props.read {
                    <span class="visually-hidden">{ format!("({}) ", t.read_label) }</span>
                }
                <h2 class="result-title">
                    <Highlighted text={article.title.clone()} ranges={Rc::new(props.hit.title_highlights.clone())} />
                </h2>
                <p class="meta">{ meta_line(article, t) }</p>
                <p class="snippet">
                    <Highlighted text={props.hit.snippet.text.clone()} ranges={Rc::new(props.hit.snippet.highlights.clone())} />
                </p>
            </a>
            <span class="Z3988" title={article.coins.clone()}></span>
            if !props.versions.is_empty() {
                <Versions outlets={props.hit.outlets} versions={props.versions.clone()} state={props.state.clone()} on_open={props.on_open.clone()} />
            }
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct VersionsProps {
    /// How many outlets the story's versions come from (one outlet's spellings once).
    outlets: usize,
    versions: Rc<Vec<Heading>>,
    state: SearchState,
    on_open: Callback<String>,
}

/// "같은 기사 3건 · 매체 2곳": a button that opens the list of a story's other versions, each
/// a link to it (its outlet and date first: they are what tells versions apart).
#[function_component(Versions)]
fn versions(props: &VersionsProps) -> Html {
    let t = use_strings();
    let open = use_state(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    html! {
        <div class="versions">
            <button type="button" class="versions-toggle" aria-expanded={open.to_string()} onclick={toggle}>
                { (t.reprints_badge)(props.versions.len() + 1, props.outlets) }
                <span aria-hidden="true">{ if *open { " ▴" } else { " ▾" } }</span>
            </button>
            if *open {
                <ul class="version-list">
                    { for props.versions.iter().map(|version| version_link(version, &props.state, &props.on_open, t)) }
                </ul>
            }
        </div>
    }
}

/// One version in the list: outlet · date, then its title, a link that opens it.
fn version_link(
    version: &Heading,
    state: &SearchState,
    on_open: &Callback<String>,
    t: &Strings,
) -> Html {
    let href = Route::Article {
        id: version.id.clone(),
        state: state.clone(),
        at: None,
    }
    .to_hash();
    let onclick = {
        let (on_open, id) = (on_open.clone(), version.id.clone());
        Callback::from(move |event: MouseEvent| {
            if !(event.ctrl_key() || event.meta_key() || event.shift_key() || event.button() != 0) {
                event.prevent_default();
                on_open.emit(id.clone());
            }
        })
    };
    html! {
        <li data-article-id={version.id.clone()}>
            <a {href} {onclick}>
                <span class="version-meta">{ meta_line(version, t) }</span>
                <span class="version-title">{ version.title.clone() }</span>
            </a>
        </li>
    }
}

/// "source · date · collection · section", naming what is unknown instead of hiding it.
pub fn meta_line(article: &Heading, t: &Strings) -> String {
    let mut parts = vec![
        article
            .source
            .as_deref()
            .unwrap_or(t.unknown_source)
            .to_owned(),
        article.date.as_deref().unwrap_or(t.undated).to_owned(),
    ];
    parts.extend(article.collection.clone());
    parts.extend(article.section.clone());
    parts.join(" · ")
}

/// In place of a result whose article could not be loaded: says so, with the reason.
#[function_component(FailedItem)]
pub fn failed_item(props: &FailedItemProps) -> Html {
    let t = use_strings();
    html! {
        <li class="result-failed">
            <p class="text-error" title={props.reason.clone()}>{ t.article_failed }</p>
        </li>
    }
}

#[derive(Properties, PartialEq)]
pub struct FailedItemProps {
    /// Why its chunk could not be had.
    pub reason: String,
}
