//! The search field. It is left uncontrolled while the user types, so the IME's composition
//! and the caret are never disturbed; its value is set from outside when the page navigates
//! (back/forward, a link: a change of `sync`) or when the shown query changes while the field
//! is not being typed in (e.g. "more from this source" clears it).

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::use_strings;

#[derive(Properties, PartialEq)]
pub struct SearchBoxProps {
    /// The query the page shows.
    pub value: AttrValue,
    /// Changes whenever the browser navigated; the field then takes `value`.
    pub sync: u32,
    /// Called with the field's text on every input event.
    pub on_query: Callback<String>,
}

#[function_component(SearchBox)]
pub fn search_box(props: &SearchBoxProps) -> Html {
    let input = use_node_ref();
    // The navigation count the field last saw.
    let last_sync = use_mut_ref(|| props.sync);
    {
        let input = input.clone();
        let value = props.value.clone();
        let sync = props.sync;
        use_effect_with((sync, value.clone()), move |(sync, _)| {
            let Some(field) = input.cast::<HtmlInputElement>() else {
                return;
            };
            let focused = gloo::utils::document()
                .active_element()
                .is_some_and(|e| e == *field.as_ref());
            // While the field has focus its text leads (typing, possibly mid-composition); a
            // navigation from outside (`sync`) always wins.
            let navigated = *sync != last_sync.replace(*sync);
            if field.value() != value.as_str() && (!focused || navigated) {
                field.set_value(&value);
            }
        });
    }
    let oninput = {
        let on_query = props.on_query.clone();
        Callback::from(move |event: InputEvent| {
            let field: HtmlInputElement = event.target_unchecked_into();
            on_query.emit(field.value());
        })
    };
    let t = use_strings();
    html! {
        <form class="search" role="search" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <label class="visually-hidden" for="q">{ t.search_label }</label>
            <input
                id="q"
                ref={input}
                type="search"
                autocomplete="off"
                spellcheck="false"
                placeholder={t.search_placeholder}
                {oninput}
            />
        </form>
    }
}
