//! The root component: opens the embedded index, then shows the page the route names.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use crate::components::SearchBox;
use crate::hooks::use_route;
use crate::index_data::{self, IndexHandle};
use crate::pages::{ErrorPage, ReaderPage, ResultsPage};
use crate::route::Route;

/// Delay between the last keystroke and the search, in milliseconds. Short enough to feel
/// live (under ~200), long enough to skip the intermediate states of fast typing.
const SEARCH_DEBOUNCE_MS: u32 = 120;

#[function_component(App)]
pub fn app() -> Html {
    let index = use_memo((), |_| index_data::open());
    match &*index {
        Ok(index) => html! { <Explorer index={index.clone()} /> },
        Err(message) => html! {
            <ErrorPage title="색인을 열 수 없습니다 · The archive index cannot be opened" message={message.clone()} />
        },
    }
}

#[derive(Properties, PartialEq)]
struct ExplorerProps {
    index: IndexHandle,
}

/// Where the results list was scrolled when an article was opened, to return there.
#[derive(Default)]
struct ScrollMemory {
    results_y: Option<f64>,
}

#[function_component(Explorer)]
fn explorer(props: &ExplorerProps) -> Html {
    let route = use_route();
    let debounce: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
    let scroll = use_mut_ref(ScrollMemory::default);

    let on_query = {
        let route = route.clone();
        Callback::from(move |text: String| {
            let route = route.clone();
            let timeout = Timeout::new(SEARCH_DEBOUNCE_MS, move || {
                let next = Route::Search { query: text };
                match route.get() {
                    Route::Search { .. } => route.replace(next),
                    Route::Article { .. } => route.push(next),
                }
            });
            // Replacing the pending timeout cancels it: only the last keystroke searches.
            *debounce.borrow_mut() = Some(timeout);
        })
    };

    let on_open = {
        let route = route.clone();
        let scroll = scroll.clone();
        Callback::from(move |id: String| {
            scroll.borrow_mut().results_y = gloo::utils::window().scroll_y().ok();
            route.push(Route::Article { id, query: route.get().query().to_owned() });
        })
    };

    let on_back = {
        let route = route.clone();
        let scroll = scroll.clone();
        Callback::from(move |_| {
            if scroll.borrow().results_y.is_some() {
                // Opened from the list: going back restores the list's history entry.
                let _ = gloo::utils::window().history().map(|h| h.back());
            } else {
                route.push(Route::Search { query: route.get().query().to_owned() });
            }
        })
    };

    // Scroll to the top for a new article, back to where the list was for the results.
    {
        let scroll = scroll.clone();
        let is_reader = matches!(route.get(), Route::Article { .. });
        use_effect_with(route.get().clone(), move |_| {
            let y = if is_reader { 0.0 } else { scroll.borrow_mut().results_y.take().unwrap_or(-1.0) };
            if y >= 0.0 {
                gloo::utils::window().scroll_to_with_x_and_y(0.0, y);
            }
        });
    }

    let query = route.get().query().to_owned();
    let page = match route.get() {
        Route::Search { query } => html! {
            <ResultsPage index={props.index.clone()} query={query.clone()} on_open={on_open} />
        },
        Route::Article { id, query } => html! {
            <ReaderPage index={props.index.clone()} id={id.clone()} query={query.clone()} on_back={on_back} />
        },
    };
    html! {
        <>
            <header class="topbar">
                <div class="topbar-inner">
                    <a class="brand" href="#/" title="직지 Jikji — 처음으로">
                        <span class="brand-ko">{"직지"}</span>
                        <span class="brand-en">{"Jikji"}</span>
                    </a>
                    <SearchBox value={query} sync={route.external_changes()} on_query={on_query} />
                </div>
            </header>
            <main class="content">{ page }</main>
            <footer class="footer">
                { format!("기사 {}건 · 브라우저 안에서만 검색합니다 (서버 없음)", props.index.articles().len()) }
            </footer>
        </>
    }
}
