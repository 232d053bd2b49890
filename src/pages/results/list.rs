//! The result list: each hit as a [`ResultItem`] (read or new since the search was saved, its
//! reprints under it), or, where its text could not be had, as a [`FailedItem`] with the reason.

use std::rc::Rc;

use jikji_engine::Hit;
use yew::prelude::*;

use crate::components::result_item::Heading;
use crate::components::{FailedItem, ResultItem};
use crate::index_data::IndexHandle;
use crate::kept::KeptHandle;
use crate::route::SearchState;
use crate::texts::Texts;

/// What the list shows.
pub struct ResultList {
    pub index: IndexHandle,
    /// The hits rendered, completed with their titles and snippets.
    pub hits: Rc<Vec<Rc<Hit>>>,
    /// The state of the results shown.
    pub state: SearchState,
    /// Parts of the index are on their way (`aria-busy`).
    pub searching: bool,
    /// Every hit of the page is rendered (else its first results only, `data-rendered`).
    pub complete: bool,
    /// Nothing whole to show yet: the list is empty.
    pub hidden: bool,
    pub on_open: Callback<String>,
}

/// The list (a view function: a component costs the app's code a few kB), each article
/// marked read or new from `kept`, a failed one with its reason from `texts`.
pub fn result_list(props: &ResultList, texts: &Texts, kept: &KeptHandle) -> Html {
    let state = &props.state;
    let item = |hit: &Rc<Hit>| match props.index.article(hit.doc) {
        Some(article) => {
            let key = jikji_engine::article_key(&article.id);
            let versions = hit
                .versions
                .iter()
                .filter_map(|&doc| props.index.article(doc))
                .map(Heading::from)
                .collect::<Vec<_>>();
            html! {
                <ResultItem
                    key={article.id.clone()}
                    read={kept.is_read(key)}
                    fresh={kept.is_fresh(state, key)}
                    head={Heading::from(article)}
                    hit={hit.clone()}
                    state={state.clone()}
                    on_open={props.on_open.clone()}
                    versions={Rc::new(versions)}
                />
            }
        }
        None => {
            let reason = props
                .index
                .missing_text(hit.doc)
                .and_then(|chunk| texts.failure(chunk))
                .unwrap_or_default();
            html! { <FailedItem key={format!("failed-{}", hit.doc)} {reason} /> }
        }
    };
    html! {
        <ol class="result-list" aria-busy={props.searching.to_string()} data-rendered={if props.complete { "all" } else { "first" }}>
            { for props.hits.iter().filter(|_| !props.hidden).map(item) }
        </ol>
    }
}
