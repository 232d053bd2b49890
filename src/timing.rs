//! How long the last search took, so typing can search on every keystroke when that is
//! instant and wait for a pause when it is not.

use std::cell::Cell;

thread_local! {
    /// Starts at zero: the first keystroke searches at once (the list shown on load has
    /// already been measured by then).
    ///
    /// A thread_local, not component state: it is a measurement of how fast this device
    /// searches this index, not of any component. The results page writes it (inside the memo
    /// that searches) and the root's typing handler reads it; it must outlive the results page
    /// (unmounted while the reader is shown), and a change must render nothing.
    static LAST_SEARCH_MS: Cell<f64> = const { Cell::new(0.0) };
}

fn now() -> f64 {
    gloo::utils::window()
        .performance()
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// Runs `search`, remembering how long it took.
pub fn measure<T>(search: impl FnOnce() -> T) -> T {
    let start = now();
    let value = search();
    LAST_SEARCH_MS.with(|last| last.set(now() - start));
    value
}

pub fn last_search_ms() -> f64 {
    LAST_SEARCH_MS.with(Cell::get)
}
