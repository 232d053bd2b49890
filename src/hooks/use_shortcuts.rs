//! The keyboard shortcuts that work everywhere in the app: `/` focuses the search box, `↑` `↓`
//! or `j` `k` move through the results (`↓` from the search box to the first), `Esc` leaves a
//! form field, or the reader. (The reader's own `n` / `N` are the reader's.) Keys typed into a
//! form field are the field's ([`crate::focus`]); an embedded app adds no global shortcuts (the
//! host page's keys are its own).

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};
use yew::prelude::*;

/// Listens for the shortcuts while `enabled`; `on_back` is called for `Esc` in the reader.
#[hook]
pub fn use_shortcuts(enabled: bool, is_reader: bool, on_back: Callback<()>) {
    // The listener calls the latest callback, without being registered again for it.
    let latest = use_mut_ref(Callback::noop);
    *latest.borrow_mut() = on_back;
    use_effect_with((enabled, is_reader), move |&(enabled, is_reader)| {
        let listener = enabled.then(|| {
            let options = EventListenerOptions::enable_prevent_default();
            EventListener::new_with_options(
                &gloo::utils::window(),
                "keydown",
                options,
                move |event| {
                    if let Some(event) = event.dyn_ref::<KeyboardEvent>() {
                        let on_back = latest.borrow().clone();
                        handle_key(event, is_reader, &on_back);
                    }
                },
            )
        });
        move || drop(listener)
    });
}

fn handle_key(event: &KeyboardEvent, is_reader: bool, on_back: &Callback<()>) {
    if event.ctrl_key() || event.meta_key() || event.alt_key() {
        return;
    }
    let document = gloo::utils::document();
    let active = document.active_element();
    let typing = crate::focus::in_form_field();
    // Arrows move through results from the search box, a result or the page, not from the
    // other controls (a select, a date, a checkbox keep their own arrows).
    let arrows_free = active.as_ref().is_none_or(|e| {
        e.id() == "q"
            || e.class_list().contains("result-link")
            || matches!(e.tag_name().as_str(), "BODY" | "HTML")
    });
    let key = event.key();
    // Arrows work from the search box too (↓ goes to the first result); letters do not.
    let down = match key.as_str() {
        "ArrowDown" | "ArrowUp" if !is_reader && arrows_free => Some(key == "ArrowDown"),
        "j" | "k" if !is_reader && !typing => Some(key == "j"),
        _ => None,
    };
    if let Some(down) = down {
        // A key that moved nothing keeps its default (scrolling).
        if move_focus(down) {
            event.prevent_default();
        }
        return;
    }
    match key.as_str() {
        "/" if !typing => {
            event.prevent_default();
            focus_search_box();
        }
        "Escape" if typing => {
            if let Some(e) = active.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
                let _ = e.blur();
            }
        }
        "Escape" if is_reader => on_back.emit(()),
        _ => {}
    }
}

fn focus_search_box() {
    if let Some(input) = gloo::utils::document()
        .get_element_by_id("q")
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    {
        let _ = input.focus();
    }
}

/// Moves the focus to the next (or previous) result link; from the search box, to the first;
/// up from the first, to the search box. Whether the key did something.
fn move_focus(down: bool) -> bool {
    let document = gloo::utils::document();
    let Ok(links) = document.query_selector_all(".result-link") else {
        return false;
    };
    let links: Vec<HtmlElement> = (0..links.length())
        .filter_map(|i| links.get(i)?.dyn_into().ok())
        .collect();
    if links.is_empty() {
        return false;
    }
    let active = document.active_element();
    let current = links.iter().position(|l| {
        active
            .as_ref()
            .is_some_and(|a| a == l.as_ref() as &web_sys::Element)
    });
    let next = match (current, down) {
        (None, true) => 0,
        (None, false) => return false,
        (Some(i), true) => (i + 1).min(links.len() - 1),
        (Some(0), false) => {
            focus_search_box();
            return true;
        }
        (Some(i), false) => i - 1,
    };
    let _ = links[next].focus();
    true
}
