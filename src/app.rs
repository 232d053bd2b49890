//! The root component: opens the embedded index, then shows the page the route names, with
//! the search box, the language and theme toggles and the keyboard shortcuts that work
//! everywhere. The language is a context every component reads its words from ([`crate::i18n`]).

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};
use yew::prelude::*;

use crate::components::{SearchBox, ThemeToggle};
use crate::hooks::use_route;
use crate::i18n::{Lang, LangToggle};
use crate::index_data::{self, IndexHandle};
use crate::pages::{ErrorPage, ReaderPage, ResultsPage};
use crate::route::{Route, SearchState};
use crate::texts::{use_texts_provider, Texts};

/// Delay between the last keystroke and the search, in milliseconds, when searching is slow
/// (a large archive): short enough to feel live (under ~200), long enough to skip the
/// intermediate states of fast typing.
const SEARCH_DEBOUNCE_MS: u32 = 120;
/// A search that took less than this (ms) runs on every keystroke, without the delay: waiting
/// only pays when searching is slower than a typist's pace between keys (~100 ms).
const INSTANT_SEARCH_MS: f64 = 50.0;

#[function_component(App)]
pub fn app() -> Html {
    let index = use_memo((), |_| index_data::open());
    let lang = use_state(Lang::initial);
    use_effect_with(*lang, |lang| lang.mark());
    let on_lang = {
        let lang = lang.clone();
        Callback::from(move |next: Lang| {
            next.remember();
            lang.set(next);
        })
    };
    let page = match &*index {
        Ok(index) => html! { <Explorer index={index.clone()} lang={*lang} on_lang={on_lang} /> },
        Err(message) => html! {
            <ErrorPage title={lang.strings().index_error_title} message={message.clone()} />
        },
    };
    html! { <ContextProvider<Lang> context={*lang}>{ page }</ContextProvider<Lang>> }
}

#[derive(Properties, PartialEq)]
struct ExplorerProps {
    index: IndexHandle,
    lang: Lang,
    on_lang: Callback<Lang>,
}

/// Where the results list was scrolled when an article was opened, to return there.
#[derive(Default)]
struct ScrollMemory {
    results_y: Option<f64>,
}

#[function_component(Explorer)]
fn explorer(props: &ExplorerProps) -> Html {
    let route = use_route();
    let texts = use_texts_provider(props.index.clone());
    let t = props.lang.strings();
    let debounce: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
    let scroll = use_mut_ref(ScrollMemory::default);

    let on_query = {
        let route = route.clone();
        Callback::from(move |text: String| {
            let route = route.clone();
            let run = move || {
                let next = Route::Search(
                    SearchState {
                        query: text,
                        ..route.get().state().clone()
                    }
                    .first_page(),
                );
                match route.get() {
                    Route::Search(_) => route.replace_soon(next),
                    Route::Article { .. } => route.push(next),
                }
            };
            if crate::timing::last_search_ms() < INSTANT_SEARCH_MS {
                *debounce.borrow_mut() = None;
                run();
            } else {
                // Replacing the pending timeout cancels it: only the last keystroke searches.
                *debounce.borrow_mut() = Some(Timeout::new(SEARCH_DEBOUNCE_MS, run));
            }
        })
    };

    // Filters, sort and "more from this source" set the whole state at once, from the first
    // page; "more" adds a page in place (no history entry per page).
    let on_state = {
        let route = route.clone();
        Callback::from(move |state: SearchState| route.push(Route::Search(state.first_page())))
    };
    let on_page = {
        let route = route.clone();
        Callback::from(move |state: SearchState| route.replace(Route::Search(state)))
    };

    let on_open = {
        let route = route.clone();
        let scroll = scroll.clone();
        Callback::from(move |id: String| {
            let next = Route::Article {
                id,
                state: route.get().state().clone(),
            };
            if matches!(route.get(), Route::Search(_)) {
                scroll.borrow_mut().results_y = gloo::utils::window().scroll_y().ok();
                route.push(next);
            } else {
                // Previous / next article replaces the reader's entry: back returns to the list.
                route.replace(next);
            }
        })
    };

    let on_back = {
        let route = route.clone();
        let scroll = scroll.clone();
        Callback::from(move |_| {
            if scroll.borrow().results_y.is_some() && !crate::embed::is_embedded() {
                // Opened from the list: going back restores the list's history entry.
                let _ = gloo::utils::window().history().map(|h| h.back());
            } else {
                route.push(Route::Search(route.get().state().clone()));
            }
        })
    };

    // Scroll to the top for a new article, back to where the list was for the results.
    {
        let scroll = scroll.clone();
        let is_reader = matches!(route.get(), Route::Article { .. });
        use_effect_with(route.get().clone(), move |_| {
            let y = if is_reader {
                0.0
            } else {
                scroll.borrow_mut().results_y.take().unwrap_or(-1.0)
            };
            // An embedded app does not scroll its host page.
            if y >= 0.0 && !crate::embed::is_embedded() {
                gloo::utils::window().scroll_to_with_x_and_y(0.0, y);
            }
        });
    }

    // Keyboard: `/` focuses the search box, ↑/↓ or j/k move through results, Esc goes back.
    {
        let on_back = on_back.clone();
        let is_reader = matches!(route.get(), Route::Article { .. });
        use_effect_with(is_reader, move |&is_reader| {
            // The host page's keys are its own: an embedded app adds no global shortcuts.
            let embedded = crate::embed::is_embedded();
            let options = EventListenerOptions::enable_prevent_default();
            let listener = EventListener::new_with_options(
                &gloo::utils::window(),
                "keydown",
                options,
                move |event| {
                    let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
                        return;
                    };
                    if !embedded {
                        handle_key(event, is_reader, &on_back);
                    }
                },
            );
            move || drop(listener)
        });
    }

    let page = match route.get() {
        Route::Search(state) => html! {
            <ResultsPage index={props.index.clone()} state={state.clone()} on_open={on_open} on_state={on_state} {on_page} />
        },
        Route::Article { id, state } => html! {
            <ReaderPage index={props.index.clone()} id={id.clone()} state={state.clone()}
                on_back={on_back} on_open={on_open} on_state={on_state} />
        },
    };
    html! {
        <ContextProvider<Texts> context={texts}>
            <header class="topbar" role="banner">
                <div class="topbar-inner">
                    <a class="brand" href="#/" title={t.home}>
                        <span class="brand-ko">{"직지"}</span>
                        <span class="brand-en">{"Jikji"}</span>
                    </a>
                    <SearchBox value={route.get().query().to_owned()} sync={route.external_changes()} on_query={on_query} />
                    <LangToggle lang={props.lang} on_change={props.on_lang.clone()} />
                    <ThemeToggle />
                </div>
            </header>
            <main class="content" id="main">{ page }</main>
            <footer class="footer">
                { (t.footer_count)(props.index.article_count()) }
                <span class="keys">{ t.footer_keys }</span>
            </footer>
        </ContextProvider<Texts>>
    }
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
    match event.key().as_str() {
        "/" if !typing => {
            event.prevent_default();
            if let Some(input) = document
                .get_element_by_id("q")
                .and_then(|e| e.dyn_into::<HtmlElement>().ok())
            {
                let _ = input.focus();
            }
        }
        "Escape" if typing => {
            if let Some(e) = active.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
                let _ = e.blur();
            }
        }
        "Escape" if is_reader => on_back.emit(()),
        // Arrows work from the search box too (↓ goes to the first result); letters do not.
        "ArrowDown" | "ArrowUp" if !is_reader && arrows_free => {
            if move_focus(event.key() == "ArrowDown") {
                event.prevent_default();
            }
        }
        "j" | "k" if !is_reader && !typing => {
            if move_focus(event.key() == "j") {
                event.prevent_default();
            }
        }
        _ => {}
    }
}

/// Moves the focus to the next (or previous) result link; from the search box, to the first.
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
            if let Some(input) = document
                .get_element_by_id("q")
                .and_then(|e| e.dyn_into::<HtmlElement>().ok())
            {
                let _ = input.focus();
            }
            return true;
        }
        (Some(i), false) => i - 1,
    };
    let _ = links[next].focus();
    true
}
