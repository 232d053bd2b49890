//! The current [`Route`], kept in sync with `location.hash` (or, embedded in a host page, in
//! memory: the host's URL and history are its own).
//!
//! [`RouteHandle::show`] shows a route and writes its URL as a [`UrlWrite`] says: a new history
//! entry (opening an article, new filters), in place of the current one (another page of
//! results), or, for each keystroke of a query, in place a moment later (the route is shown at
//! once and of a burst of keystrokes only the last URL is written).

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::embed::Mount;
use crate::navigation::UrlWrite;
use crate::route::Route;

fn current_route(mount: &Mount) -> Route {
    mount.initial_route().unwrap_or_else(|| {
        Route::from_hash(&gloo::utils::window().location().hash().unwrap_or_default())
    })
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

/// The URL the current history entry is to get, not yet written (see `URL_AFTER_MS`): shared
/// by the handle, the timer that writes it and the listener that drops it when the browser
/// leaves the entry.
type UnwrittenUrl = Rc<RefCell<Option<String>>>;

/// The route and the way to change it.
#[derive(Clone)]
pub struct RouteHandle {
    state: UseReducerHandle<RouteState>,
    unwritten: UnwrittenUrl,
    mount: Mount,
}

impl PartialEq for RouteHandle {
    fn eq(&self, other: &Self) -> bool {
        self.state == other.state && Rc::ptr_eq(&self.unwritten, &other.unwritten)
    }
}

impl RouteHandle {
    pub fn get(&self) -> &Route {
        &self.state.route
    }

    /// Counts navigations the app did not make itself, so views can resync local state.
    pub fn external_changes(&self) -> u32 {
        self.state.external_changes
    }

    /// Puts `route` in the URL as `write` says and shows it. Embedded, it stays in memory.
    pub fn show(&self, route: Route, write: UrlWrite) {
        let route = self.mount.constrain(route);
        if !self.mount.is_embedded() {
            let hash = route.to_hash();
            match write {
                UrlWrite::ReplaceSoon => replace_url_soon(&self.unwritten, hash),
                UrlWrite::Replace | UrlWrite::Push => {
                    // A URL still to be written belongs to the current entry: written first.
                    write_unwritten_url(&self.unwritten);
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
        self.state.dispatch(RouteAction::Internal(route));
    }
}

/// How long after a keystroke its query's URL is written (ms). Writing the history costs the
/// main thread milliseconds (BENCHMARKS.md, "The profiles, and what they changed"), and a
/// keystroke's results should take one frame: they are shown first, and of a burst of
/// keystrokes only the last URL is written.
const URL_AFTER_MS: i32 = 50;

fn replace_url_soon(unwritten: &UnwrittenUrl, hash: String) {
    let first = unwritten.borrow_mut().replace(hash).is_none();
    if first {
        let unwritten = Rc::clone(unwritten);
        let write = Closure::once_into_js(move || write_unwritten_url(&unwritten));
        let _ = gloo::utils::window().set_timeout_with_callback_and_timeout_and_arguments_0(
            write.unchecked_ref(),
            URL_AFTER_MS,
        );
    }
}

fn write_unwritten_url(unwritten: &UnwrittenUrl) {
    let hash = unwritten.borrow_mut().take();
    if let Some(hash) = hash {
        if let Ok(history) = gloo::utils::window().history() {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&hash));
        }
    }
}

/// The route of the app mounted so, following the browser's navigation (unless embedded).
#[hook]
pub fn use_route(mount: &Mount) -> RouteHandle {
    let state = use_reducer(|| RouteState {
        route: current_route(mount),
        external_changes: 0,
    });
    let unwritten: UnwrittenUrl = use_mut_ref(|| None);
    {
        let (dispatcher, unwritten, mount) = (state.dispatcher(), unwritten.clone(), mount.clone());
        use_effect_with((), move |_| {
            let on_change = move |_: &Event| {
                if mount.is_embedded() {
                    return; // the host's navigation is not ours
                }
                // The browser has left the entry a URL was still to be written to.
                unwritten.borrow_mut().take();
                dispatcher.dispatch(RouteAction::External(current_route(&mount)));
            };
            let window = gloo::utils::window();
            let hashchange = EventListener::new(&window, "hashchange", on_change.clone());
            let popstate = EventListener::new(&window, "popstate", on_change);
            move || drop((hashchange, popstate))
        });
    }
    RouteHandle {
        state,
        unwritten,
        mount: mount.clone(),
    }
}
