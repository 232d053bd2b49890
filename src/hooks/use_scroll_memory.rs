//! Where the result list was scrolled when an article was opened from it, to return there:
//! [`ScrollMemory::remember`] when the reader opens, and when the route is a list again the
//! hook scrolls back to it (a new article starts at the top). An embedded app does not scroll
//! its host page.

use std::cell::Cell;
use std::rc::Rc;

use yew::prelude::*;

use crate::route::Route;

/// The list's scroll position, while the reader opened from it is shown.
#[derive(Clone)]
pub struct ScrollMemory {
    results_y: Rc<Cell<Option<f64>>>,
}

impl ScrollMemory {
    /// Remembers where the list is scrolled, as the reader opens from it.
    pub fn remember(&self) {
        self.results_y.set(gloo::utils::window().scroll_y().ok());
    }

    /// Whether the reader was opened from the list (so the browser's back returns to it).
    pub fn opened_from_list(&self) -> bool {
        self.results_y.get().is_some()
    }
}

/// Scrolls to the top for a new article, back to where the list was for the results.
#[hook]
pub fn use_scroll_memory(route: &Route, embedded: bool) -> ScrollMemory {
    let memory = ScrollMemory {
        results_y: use_memo((), |_| Cell::new(None)),
    };
    {
        let results_y = memory.results_y.clone();
        let is_reader = matches!(route, Route::Article { .. });
        use_effect_with(route.clone(), move |_| {
            let y = if is_reader {
                0.0
            } else {
                results_y.take().unwrap_or(-1.0)
            };
            if y >= 0.0 && !embedded {
                gloo::utils::window().scroll_to_with_x_and_y(0.0, y);
            }
        });
    }
    memory
}
