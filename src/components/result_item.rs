//! One entry of the result list: title, source and date, snippet with the matches marked.

use std::rc::Rc;

use jikji_engine::{ArticleHead, Hit};
use yew::prelude::*;

use super::Highlighted;
use crate::i18n::{use_strings, Strings};
use crate::route::{Route, SearchState};

#[derive(Properties, PartialEq)]
pub struct ResultItemProps {
    /// The article's title, source, date (from the index, which has every article's head).
    pub head: ArticleHead,
    pub hit: Rc<Hit>,
    /// Why the article's text could not be had, if it could not (else, while the hit awaits
    /// its text, the snippet is left empty for the moment).
    pub text_failed: Option<String>,
    /// The query and filters, for the link's URL (`#/article/ID?…`).
    pub state: SearchState,
    /// Called with the article id when the entry is opened by a plain click.
    pub on_open: Callback<String>,
}

#[function_component(ResultItem)]
pub fn result_item(props: &ResultItemProps) -> Html {
    let t = use_strings();
    let article = &props.head;
    let href = Route::Article {
        id: article.id.clone(),
        state: props.state.clone(),
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
        <li class="result" data-article-id={article.id.clone()}>
            <a class="result-link" {href} {onclick}>
                <h2 class="result-title">
                    <Highlighted text={article.title.clone()} ranges={Rc::new(props.hit.title_highlights.clone())} />
                </h2>
                <p class="meta">{ meta_line(article, t) }</p>
                if let Some(reason) = &props.text_failed {
                    <p class="snippet text-error" title={reason.clone()}>{ t.text_failed }</p>
                } else if props.hit.awaiting_text.is_some() {
                    <p class="snippet text-pending" aria-hidden="true"></p>
                } else {
                    <p class="snippet">
                        <Highlighted text={props.hit.snippet.text.clone()} ranges={Rc::new(props.hit.snippet.highlights.clone())} />
                    </p>
                }
            </a>
        </li>
    }
}

/// "source · date · collection · section", naming what is unknown instead of hiding it.
pub fn meta_line(article: &ArticleHead, t: &Strings) -> String {
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
