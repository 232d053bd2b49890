//! The reader's bar: back to the list, the query's matches (count, ▲/▼), and the previous and
//! next article of the list with the article's place in it.

use yew::prelude::*;

use crate::i18n::use_strings;
use crate::navigation::Navigation;

#[derive(Properties, PartialEq)]
pub struct BackButtonProps {
    /// The list it goes back to is the whole archive (no query, no filter).
    pub to_all: bool,
    pub on_navigate: Callback<Navigation>,
}

/// Back to the list (or the results) the article was opened from.
#[function_component(BackButton)]
pub fn back_button(props: &BackButtonProps) -> Html {
    let t = use_strings();
    let label = if props.to_all {
        t.back_to_list
    } else {
        t.back_to_results
    };
    let on_navigate = props.on_navigate.clone();
    html! { <button class="back" onclick={Callback::from(move |_| on_navigate.emit(Navigation::Back))}>{ label }</button> }
}

#[derive(Properties, PartialEq)]
pub struct ReaderNavProps {
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

#[function_component(ReaderNav)]
pub fn reader_nav(props: &ReaderNavProps) -> Html {
    let t = use_strings();
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
            <BackButton to_all={props.back_to_all} on_navigate={props.on_navigate.clone()} />
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
