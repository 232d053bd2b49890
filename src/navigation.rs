//! How the pages change what is shown: every page reports a [`Navigation`] through one
//! callback (`on_navigate`), and the root component ([`crate::app`]) applies it. Where a
//! navigation leads is decided here, without the browser: [`Navigation::step`] is the reducer
//! from the current [`Route`] to the next one and the way its URL is written ([`UrlWrite`]),
//! or to the browser's own back ([`Step::HistoryBack`]). The root component adds what needs
//! the browser: the pause before a keystroke searches, the scroll memory, the history.

use crate::route::{Route, SearchState, TrendView};

/// What a page asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Navigation {
    /// The query as typed in the search box: the list follows it without a history entry per
    /// keystroke; typed in the reader, it returns to the list.
    Query(String),
    /// New filters, a new order, "more from this source", "same day", a relaxed filter: the
    /// whole state, from its first page, as a new history entry.
    Search(SearchState),
    /// Another page of the same results ("more"), in place (no history entry per page).
    Page(SearchState),
    /// Opens the article with this id: from the list, a new history entry; from the reader
    /// (previous / next article), in place of the reader's, so back returns to the list.
    Open(String),
    /// From the reader back to the results.
    Back,
    /// The trend of these queries under the current filters, as a new history entry.
    Trend(TrendView),
}

/// How a new route's URL is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlWrite {
    /// A new history entry.
    Push,
    /// In place of the current entry.
    Replace,
    /// In place of the current entry, a moment later: for the query as it is typed.
    ReplaceSoon,
}

/// What a navigation does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// Shows the route, its URL written so.
    Show(Route, UrlWrite),
    /// Goes back one history entry: the list the reader was opened from, whose URL (and
    /// scroll position) the browser restores.
    HistoryBack,
}

impl Navigation {
    /// Where this navigation leads from `current`. `back_is_list`: the history entry before
    /// the current one is the list the reader was opened from (not so when the reader was
    /// opened by a link, a reload, or in a host page, whose history is its own).
    pub fn step(self, current: &Route, back_is_list: bool) -> Step {
        let state = current.state().clone();
        match self {
            Navigation::Query(query) => {
                let next = Route::Search(SearchState { query, ..state }.first_page());
                match current {
                    Route::Search(_) => Step::Show(next, UrlWrite::ReplaceSoon),
                    Route::Article { .. }
                    | Route::Clippings(_)
                    | Route::Trends { .. }
                    | Route::Names { .. }
                    | Route::Kwic { .. } => Step::Show(next, UrlWrite::Push),
                }
            }
            Navigation::Search(state) => {
                Step::Show(Route::Search(state.first_page()), UrlWrite::Push)
            }
            Navigation::Page(state) => Step::Show(Route::Search(state), UrlWrite::Replace),
            Navigation::Open(id) => {
                let next = Route::Article {
                    id,
                    state,
                    at: None,
                };
                match current {
                    Route::Search(_)
                    | Route::Clippings(_)
                    | Route::Trends { .. }
                    | Route::Names { .. }
                    | Route::Kwic { .. } => Step::Show(next, UrlWrite::Push),
                    Route::Article { .. } => Step::Show(next, UrlWrite::Replace),
                }
            }
            Navigation::Back if back_is_list => Step::HistoryBack,
            Navigation::Back => Step::Show(Route::Search(state), UrlWrite::Push),
            Navigation::Trend(view) => Step::Show(
                Route::Trends {
                    view,
                    state: state.first_page(),
                },
                UrlWrite::Push,
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(query: &str, pages: u32) -> Route {
        Route::Search(SearchState {
            pages,
            sources: vec!["36kr".into()],
            ..SearchState::with_query(query)
        })
    }

    fn reader(id: &str, query: &str) -> Route {
        Route::Article {
            id: id.into(),
            state: list(query, 2).state().clone(),
            at: None,
        }
    }

    #[test]
    fn typing_replaces_the_list_and_leaves_the_reader() {
        assert_eq!(
            Navigation::Query("화웨".into()).step(&list("화", 3), false),
            Step::Show(list("화웨", 0), UrlWrite::ReplaceSoon),
            "same filters, first page, no history entry"
        );
        assert_eq!(
            Navigation::Query("창업".into()).step(&reader("a", "화웨이"), true),
            Step::Show(list("창업", 0), UrlWrite::Push)
        );
    }

    #[test]
    fn filters_start_a_new_entry_and_pages_do_not() {
        let state = list("창업", 3).state().clone();
        assert_eq!(
            Navigation::Search(state.clone()).step(&reader("a", "x"), false),
            Step::Show(list("창업", 0), UrlWrite::Push)
        );
        assert_eq!(
            Navigation::Page(state.clone()).step(&list("창업", 2), false),
            Step::Show(Route::Search(state), UrlWrite::Replace)
        );
    }

    #[test]
    fn opening_keeps_the_state_and_neighbours_replace_the_reader() {
        assert_eq!(
            Navigation::Open("a".into()).step(&list("화웨이", 2), false),
            Step::Show(reader("a", "화웨이"), UrlWrite::Push)
        );
        assert_eq!(
            Navigation::Open("b".into()).step(&reader("a", "화웨이"), true),
            Step::Show(reader("b", "화웨이"), UrlWrite::Replace)
        );
    }

    #[test]
    fn back_is_the_browsers_when_the_list_is_behind() {
        assert_eq!(
            Navigation::Back.step(&reader("a", "화웨이"), true),
            Step::HistoryBack
        );
        assert_eq!(
            Navigation::Back.step(&reader("a", "화웨이"), false),
            Step::Show(list("화웨이", 2), UrlWrite::Push),
            "opened by a link: the list is a new entry, with the reader's state"
        );
    }
}
