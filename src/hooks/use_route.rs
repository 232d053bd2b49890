//! The current [`Route`], kept in sync with `location.hash`.
//!
//! Navigation that should make a history entry (opening an article) goes through a plain link
//! or [`RouteHandle::push`]; updates that should not (each keystroke of a query) go through
//! [`RouteHandle::replace`], which uses `history.replaceState`.

use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::JsValue;
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
        self.show(route, false);
    }

    /// Shows `route` as a new history entry.
    pub fn push(&self, route: Route) {
        self.show(route, true);
    }

    /// Puts `route` in the URL (a new history entry or in place of the current one) and shows
    /// it. Embedded, it stays in memory: the host's URL and history are its own.
    fn show(&self, route: Route, new_entry: bool) {
        let route = constrained(route);
        if !crate::embed::is_embedded() {
            if let Ok(history) = gloo::utils::window().history() {
                let hash = route.to_hash();
                let _ = if new_entry {
                    history.push_state_with_url(&JsValue::NULL, "", Some(&hash))
                } else {
                    history.replace_state_with_url(&JsValue::NULL, "", Some(&hash))
                };
            }
        }
        self.0.dispatch(RouteAction::Internal(route));
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
