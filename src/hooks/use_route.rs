//! The current [`Route`], kept in sync with `location.hash`.
//!
//! Navigation that should make a history entry (opening an article) goes through a plain link
//! or [`RouteHandle::push`]; updates that should not go through [`RouteHandle::replace`],
//! which uses `history.replaceState`, or, for each keystroke of a query,
//! [`RouteHandle::replace_soon`], which shows the route at once and writes its URL just after.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::route::Route;

fn current_route() -> Route {
    match crate::embed::initial_state() {
        Some(state) => Route::Search(state),
        None => Route::from_hash(&gloo::utils::window().location().hash().unwrap_or_default()),
    }
}

/// The route as it may be shown: an embedded app keeps the host's fixed sources.
fn constrained(route: Route) -> Route {
    match route {
        Route::Search(state) => Route::Search(crate::embed::constrain(state)),
        Route::Article { id, state } => Route::Article {
            id,
            state: crate::embed::constrain(state),
        },
    }
}

/// The route, and how many times it was changed from outside the app.
#[derive(Clone, PartialEq)]
struct RouteState {
    route: Route,
    external_changes: u32,
}

enum RouteAction {
    /// The app navigated itself.
    Internal(Route),
    /// The browser navigated (back/forward, a link, an edited URL).
    External(Route),
}

impl Reducible for RouteState {
    type Action = RouteAction;
    fn reduce(self: Rc<Self>, action: RouteAction) -> Rc<Self> {
        let external_changes = self.external_changes;
        Rc::new(match action {
            RouteAction::Internal(route) => RouteState {
                route,
                external_changes,
            },
            RouteAction::External(route) => RouteState {
                route,
                external_changes: external_changes + 1,
            },
        })
    }
}

/// The route and ways to change it.
#[derive(Clone, PartialEq)]
pub struct RouteHandle(UseReducerHandle<RouteState>);

impl RouteHandle {
    pub fn get(&self) -> &Route {
        &self.0.route
    }

    /// Counts navigations the app did not make itself, so views can resync local state.
    pub fn external_changes(&self) -> u32 {
        self.0.external_changes
    }

    /// Shows `route` without a new history entry.
    pub fn replace(&self, route: Route) {
        self.show(route, UrlWrite::Replace);
    }

    /// Shows `route` without a new history entry, its URL written a moment later (see
    /// `URL_AFTER_MS`): for the query as it is typed.
    pub fn replace_soon(&self, route: Route) {
        self.show(route, UrlWrite::ReplaceSoon);
    }

    /// Shows `route` as a new history entry.
    pub fn push(&self, route: Route) {
        self.show(route, UrlWrite::Push);
    }

    /// Puts `route` in the URL (a new history entry or in place of the current one) and shows
    /// it. Embedded, it stays in memory: the host's URL and history are its own.
    fn show(&self, route: Route, write: UrlWrite) {
        let route = constrained(route);
        if !crate::embed::is_embedded() {
            let hash = route.to_hash();
            match write {
                UrlWrite::ReplaceSoon => replace_url_soon(hash),
                UrlWrite::Replace | UrlWrite::Push => {
                    // A URL still to be written belongs to the current entry: written first.
                    write_unwritten_url();
                    if let Ok(history) = gloo::utils::window().history() {
                        let _ = if write == UrlWrite::Push {
                            history.push_state_with_url(&JsValue::NULL, "", Some(&hash))
                        } else {
                            history.replace_state_with_url(&JsValue::NULL, "", Some(&hash))
                        };
                    }
                }
            }
        }
        self.0.dispatch(RouteAction::Internal(route));
    }
}

#[derive(Clone, Copy, PartialEq)]
enum UrlWrite {
    Push,
    Replace,
    ReplaceSoon,
}

/// How long after a keystroke its query's URL is written (ms). Writing the history costs the
/// main thread a millisecond or more (measured up to 5 ms), and a keystroke's results should
/// take one frame: they are shown first, and of a burst of keystrokes only the last URL is
/// written.
const URL_AFTER_MS: i32 = 50;

thread_local! {
    /// The URL the current history entry is to get, not yet written.
    static UNWRITTEN_URL: RefCell<Option<String>> = const { RefCell::new(None) };
}

fn replace_url_soon(hash: String) {
    let first = UNWRITTEN_URL.with(|url| url.borrow_mut().replace(hash).is_none());
    if first {
        let write = Closure::once_into_js(write_unwritten_url);
        let _ = gloo::utils::window().set_timeout_with_callback_and_timeout_and_arguments_0(
            write.unchecked_ref(),
            URL_AFTER_MS,
        );
    }
}

fn write_unwritten_url() {
    if let Some(hash) = UNWRITTEN_URL.with(|url| url.borrow_mut().take()) {
        if let Ok(history) = gloo::utils::window().history() {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&hash));
        }
    }
}

#[hook]
pub fn use_route() -> RouteHandle {
    let state = use_reducer(|| RouteState {
        route: current_route(),
        external_changes: 0,
    });
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let embedded = crate::embed::is_embedded();
            let on_change = move |_: &Event| {
                if embedded {
                    return; // the host's navigation is not ours
                }
                // The browser has left the entry a URL was still to be written to.
                UNWRITTEN_URL.with(|url| url.borrow_mut().take());
                let route = current_route();
                dispatcher.dispatch(RouteAction::External(route));
            };
            let window = gloo::utils::window();
            let hashchange = EventListener::new(&window, "hashchange", on_change.clone());
            let popstate = EventListener::new(&window, "popstate", on_change);
            move || drop((hashchange, popstate))
        });
    }
    RouteHandle(state)
}
