//! The active filters as removable chips above the result list.

use yew::prelude::*;

use crate::i18n::use_strings;
use crate::route::SearchState;

#[derive(Properties, PartialEq)]
pub struct ChipsProps {
    pub state: SearchState,
    /// The host fixed the sources: they are not chips to remove.
    pub sources_fixed: bool,
    pub on_state: Callback<SearchState>,
}

/// The active filters as removable chips.
#[function_component(FilterChips)]
pub fn filter_chips(props: &ChipsProps) -> Html {
    let t = use_strings();
    let state = &props.state;
    if !state.filtered() {
        return html! {};
    }
    let chip = |label: String, next: SearchState| {
        let on_state = props.on_state.clone();
        let onclick = Callback::from(move |_| on_state.emit(next.clone()));
        html! {
            <button type="button" class="chip" aria-label={(t.remove)(&label)} {onclick}>{ label }<span aria-hidden="true">{" ×"}</span></button>
        }
    };
    html! {
        <div class="chips">
            { for state.sources.iter().filter(|_| !props.sources_fixed).map(|s| {
                let sources = state.sources.iter().filter(|x| *x != s).cloned().collect();
                chip((t.source_chip)(s), SearchState { sources, ..state.clone() })
            }) }
            if state.from.is_some() || state.to.is_some() {
                { chip(
                    (t.date_chip)(state.from.as_deref().unwrap_or("…"), state.to.as_deref().unwrap_or("…")),
                    SearchState { from: None, to: None, ..state.clone() },
                ) }
            }
            if state.undated {
                { chip(t.undated_only.into(), SearchState { undated: false, ..state.clone() }) }
            }
        </div>
    }
}
