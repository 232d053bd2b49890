//! The reader's bar: back to the list, the query's matches (count, ▲/▼), and the previous and
//! next article of the list with the article's place in it.

use yew::prelude::*;

use crate::i18n::Strings;
use crate::navigation::Navigation;

/// Back to the list (or the results, when the list is not the whole archive: `to_all`) the
/// article was opened from.
pub fn back_button(t: &Strings, to_all: bool, on_navigate: &Callback<Navigation>) -> Html {
    let label = if to_all {
        t.back_to_list
    } else {
        t.back_to_results
    };
    let on_navigate = on_navigate.clone();
    html! { <button class="back" onclick={Callback::from(move |_| on_navigate.emit(Navigation::Back))}>{ label }</button> }
}

/// What the reader's bar shows.
pub struct ReaderNav {
    /// The list it goes back to is the whole archive.
    pub back_to_all: bool,
    pub on_navigate: Callback<Navigation>,
    /// The query, as the match count names it.
    pub query: AttrValue,
    pub match_count: usize,
    pub current_match: Option<usize>,
    /// Steps to the next match (`true`) or the previous.
    pub on_step: Callback<bool>,
    /// The ids of the list's previous and next articles, where there are.
    pub previous: Option<String>,
    pub next: Option<String>,
    /// The article's place in the list and the list's length.
    pub position: Option<(usize, usize)>,
}

/// The bar (views are functions, not components: a component costs the app's code a few kB).
pub fn reader_nav(t: &Strings, props: &ReaderNav) -> Html {
    let open = |id: &Option<String>, label: &'static str, class: &'static str| match id {
        Some(id) => {
            let (on_navigate, id) = (props.on_navigate.clone(), id.clone());
            let onclick = Callback::from(move |_| on_navigate.emit(Navigation::Open(id.clone())));
            html! { <button type="button" class={classes!("nav-article", class)} {onclick}>{ label }</button> }
        }
        None => {
            html! { <button type="button" class={classes!("nav-article", class)} disabled=true>{ label }</button> }
        }
    };
    let step = |forward: bool| props.on_step.reform(move |_: MouseEvent| forward);
    let count = props.match_count;
    html! {
        <nav class="reader-nav" aria-label={t.article_navigation}>
            { back_button(t, props.back_to_all, &props.on_navigate) }
            if count > 0 {
                <span class="matches" role="group" aria-label={t.matches}>
                    <button type="button" class="icon-button" aria-label={t.previous_match} onclick={step(false)}>{"▲"}</button>
                    <span class="match-count" aria-live="polite">
                        { match props.current_match {
                            Some(i) => format!("‘{}’ {}/{}", props.query, i + 1, count),
                            None => (t.match_count)(&props.query, count),
                        } }
                    </span>
                    <button type="button" class="icon-button" aria-label={t.next_match} onclick={step(true)}>{"▼"}</button>
                </span>
            }
            <span class="spacer"></span>
            { open(&props.previous, t.previous_article, "previous") }
            if let Some((at, of)) = props.position {
                <span class="position">{ format!("{at}/{of}") }</span>
            }
            { open(&props.next, t.next_article, "next") }
        </nav>
    }
}
