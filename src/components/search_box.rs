//! The search field. It is left uncontrolled while the user types, so the IME's composition
//! and the caret are never disturbed; its value is set from outside only when the page
//! navigates (back/forward, a link), signalled by a change of `sync`.

use web_sys::HtmlInputElement;
use yew::prelude::*;

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
    {
        let input = input.clone();
        let value = props.value.clone();
        use_effect_with(props.sync, move |_| {
            if let Some(field) = input.cast::<HtmlInputElement>() {
                if field.value() != value.as_str() {
                    field.set_value(&value);
                }
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
    html! {
        <form class="search" role="search" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <label class="visually-hidden" for="q">{"기사 검색"}</label>
            <input
                id="q"
                ref={input}
                type="search"
                autocomplete="off"
                spellcheck="false"
                placeholder="검색어를 입력하세요 — 예: 화웨이, 중관춘, 창업"
                {oninput}
            />
        </form>
    }
}
