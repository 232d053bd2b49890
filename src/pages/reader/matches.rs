//! Match navigation in the reader: which highlighted match is current, stepped with the ▲/▼
//! buttons or `n`/`N`, reset for a new article, and set from the page's `at=` (a concordance
//! line's match) once the article's marks are there. The marks are the `<mark>`s of the
//! `<article>`, in reading order.

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent, ScrollIntoViewOptions, ScrollLogicalPosition};
use yew::prelude::*;

/// The current match (none until the reader steps or the page opens at one) and the callback
/// that steps forward (`true`) or back, around the ends.
pub struct MatchNavigation {
    pub current: Option<usize>,
    pub step: Callback<bool>,
}

/// Marks the `n`-th highlighted match as current and scrolls it into view.
fn show_match(n: usize) {
    let Ok(marks) = gloo::utils::document().query_selector_all("article mark") else {
        return;
    };
    for i in 0..marks.length() {
        let Some(mark) = marks.get(i).and_then(|m| m.dyn_into::<Element>().ok()) else {
            continue;
        };
        if i as usize == n {
            let _ = mark.class_list().add_1("current");
            let options = ScrollIntoViewOptions::new();
            options.set_block(ScrollLogicalPosition::Center);
            mark.scroll_into_view_with_scroll_into_view_options(&options);
        } else {
            let _ = mark.class_list().remove_1("current");
        }
    }
}

/// The match after (or before) `current` among `count`, around the ends.
fn next_match(current: Option<usize>, forward: bool, count: usize) -> usize {
    match (current, forward) {
        (None, true) => 0,
        (None, false) => count - 1,
        (Some(i), true) => (i + 1) % count,
        (Some(i), false) => (i + count - 1) % count,
    }
}

/// Match navigation for the article `id` with `count` matches, opened at the match `at`.
#[hook]
pub fn use_match_navigation(id: &AttrValue, at: Option<usize>, count: usize) -> MatchNavigation {
    let current = use_state(|| None::<usize>);
    let step = {
        let current = current.clone();
        Callback::from(move |forward: bool| {
            if count == 0 {
                return;
            }
            let next = next_match(*current, forward, count);
            show_match(next);
            current.set(Some(next));
        })
    };
    use_step_keys(id, count, *current, &step);
    {
        let current = current.clone();
        use_effect_with(id.clone(), move |_| {
            // A new article starts with no current match (and no leftover mark of the last).
            show_match(usize::MAX);
            current.set(None);
        });
    }
    {
        // Opened at a match (from a concordance line): shown once the article's marks are.
        let current = current.clone();
        use_effect_with((id.clone(), at, count), move |(_, at, count)| {
            if let Some(n) = at.filter(|n| n < count) {
                show_match(n);
                current.set(Some(n));
            }
        });
    }
    MatchNavigation {
        current: *current,
        step,
    }
}

/// `n` / `N` step through the matches (not while typing in a form field, nor with a modifier).
#[hook]
fn use_step_keys(id: &AttrValue, count: usize, current: Option<usize>, step: &Callback<bool>) {
    let step = step.clone();
    // Re-registered when the current match changes, so the handler never steps from a stale
    // position.
    use_effect_with((id.clone(), count, current), move |_| {
        let listener = EventListener::new(&gloo::utils::window(), "keydown", move |event| {
            let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
                return;
            };
            if !crate::focus::in_form_field()
                && !event.ctrl_key()
                && !event.meta_key()
                && !event.alt_key()
            {
                match event.key().as_str() {
                    "n" => step.emit(true),
                    "N" => step.emit(false),
                    _ => {}
                }
            }
        });
        move || drop(listener)
    });
}

#[cfg(test)]
mod tests {
    use super::next_match;

    #[test]
    fn stepping_goes_around_the_ends() {
        assert_eq!(next_match(None, true, 3), 0);
        assert_eq!(next_match(None, false, 3), 2);
        assert_eq!(next_match(Some(2), true, 3), 0);
        assert_eq!(next_match(Some(0), false, 3), 2);
        assert_eq!(next_match(Some(1), true, 3), 2);
    }
}
