//! Where the app runs: its own page, or an element of a host page (`dist/embed.js`). Mounted
//! into a host page, the app keeps its state in memory instead of the URL, leaves the page's
//! title, scroll and keyboard alone, and applies its theme and language to its own element.
//! The host element's data attributes give the options: `data-query` (initial query),
//! `data-source` (a fixed source filter; several separated by `|`) and `data-lang` (`ko` or
//! `en`: the interface language until the reader picks one).
//!
//! [`Mount`] is read once, in `main`, from the app's element and handed to the root component,
//! which provides it as a context ([`use_mount`]): the pages and hooks ask it whether they are
//! embedded and what the host fixed; the components get what they need from it as props.

use std::rc::Rc;

use web_sys::Element;
use yew::prelude::*;

use crate::route::{Route, SearchState};

/// What the host page asked for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EmbedOptions {
    pub query: String,
    /// Sources every search is limited to (empty: all).
    pub sources: Vec<String>,
    /// The interface language the host asks for.
    pub lang: Option<String>,
}

impl EmbedOptions {
    /// The options from the host element's attributes (`data-source` as written: `a|b`).
    fn from_attributes(
        query: Option<String>,
        source: Option<String>,
        lang: Option<String>,
    ) -> Self {
        EmbedOptions {
            query: query.unwrap_or_default(),
            sources: source
                .map(|s| {
                    s.split('|')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(String::from)
                        .collect()
                })
                .unwrap_or_default(),
            lang,
        }
    }

    /// `state` with the host's fixed sources applied (they cannot be removed from inside).
    fn constrain(&self, mut state: SearchState) -> SearchState {
        if !self.sources.is_empty() {
            state.sources = self.sources.clone();
        }
        state
    }
}

/// How the app is mounted: its element, and the host's options when it is embedded. Equal
/// when it is the same mount, so it can be a context.
#[derive(Clone, Debug, PartialEq)]
pub struct Mount {
    /// The app's element (`id="jikji"`).
    root: Element,
    /// `None` when the app owns the page.
    options: Option<Rc<EmbedOptions>>,
}

impl Mount {
    /// Reads the options from the app's element (`embed.js` marks it `data-jikji-embed`).
    pub fn read(root: Element) -> Mount {
        let options = root.has_attribute("data-jikji-embed").then(|| {
            Rc::new(EmbedOptions::from_attributes(
                root.get_attribute("data-query"),
                root.get_attribute("data-source"),
                root.get_attribute("data-lang"),
            ))
        });
        Mount { root, options }
    }

    /// Whether the app is mounted into a host page (which keeps its URL, title, keys, scroll).
    pub fn is_embedded(&self) -> bool {
        self.options.is_some()
    }

    /// Whether the host fixed the sources: the reader has none to choose or remove.
    pub fn sources_fixed(&self) -> bool {
        self.options.as_ref().is_some_and(|o| !o.sources.is_empty())
    }

    /// The interface language the host asks for, if it is embedded and asks.
    pub fn lang(&self) -> Option<&str> {
        self.options.as_ref()?.lang.as_deref()
    }

    /// The route an embedded app starts with (the host's query and sources); `None` when the
    /// app owns the page and starts from its URL.
    pub fn initial_route(&self) -> Option<Route> {
        let options = self.options.as_ref()?;
        Some(Route::Search(
            options.constrain(SearchState::with_query(options.query.clone())),
        ))
    }

    /// `route` as it may be shown: an embedded app keeps the host's fixed sources.
    pub fn constrain(&self, route: Route) -> Route {
        let Some(options) = &self.options else {
            return route;
        };
        match route {
            Route::Search(state) => Route::Search(options.constrain(state)),
            Route::Article { id, state, at } => Route::Article {
                id,
                state: options.constrain(state),
                at,
            },
            Route::Kwic { order, state } => Route::Kwic {
                order,
                state: options.constrain(state),
            },
            Route::Clippings(state) => Route::Clippings(options.constrain(state)),
            Route::Trends { view, state } => Route::Trends {
                view,
                state: options.constrain(state),
            },
            Route::Names { name, state } => Route::Names {
                name,
                state: options.constrain(state),
            },
        }
    }

    /// The element that carries the theme and the language: `<html>`, or, embedded, the app's
    /// own element (its styles are scoped to it).
    pub fn marked_element(&self) -> Option<Element> {
        if self.is_embedded() {
            Some(self.root.clone())
        } else {
            gloo::utils::document().document_element()
        }
    }

    /// The id of the archive's index, as the page names it (`jikji package` writes it on the
    /// app's element, `embed.js` sets it).
    pub fn index_id(&self) -> Option<String> {
        self.root
            .get_attribute("data-jikji-index")
            .filter(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_hexdigit()))
    }

    /// The archive's id, as the page names it (`data-jikji-archive-id`, from `jikji package
    /// --archive-id`): the same for every build of one archive, so what a reader keeps about
    /// it (saved searches, articles read) outlives a rebuild. A page without one (built before
    /// it existed) is its own archive: its index id.
    pub fn archive_id(&self) -> Option<String> {
        self.root
            .get_attribute("data-jikji-archive-id")
            .filter(|id| !id.trim().is_empty())
            .or_else(|| self.index_id())
    }

    /// Where the index's folders are: the URL `embed.js` gave the app's element, else
    /// `texts/` relative to the page.
    pub fn texts_base(&self) -> String {
        self.root
            .get_attribute("data-jikji-texts")
            .unwrap_or_else(|| "texts/".to_owned())
    }
}

/// The mount context (provided by [`crate::app::App`]).
#[hook]
pub fn use_mount() -> Mount {
    use_context::<Mount>().expect("the app provides the mount context")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_host_attributes() {
        let options = EmbedOptions::from_attributes(
            Some("중관춘".into()),
            Some(" 한경닷컴 | 36kr ||".into()),
            Some("en".into()),
        );
        assert_eq!(options.query, "중관춘");
        assert_eq!(options.sources, ["한경닷컴", "36kr"]);
        assert_eq!(options.lang.as_deref(), Some("en"));
        assert_eq!(
            EmbedOptions::from_attributes(None, None, None),
            EmbedOptions::default()
        );
    }

    #[test]
    fn fixed_sources_replace_the_chosen_ones() {
        let fixed = EmbedOptions::from_attributes(None, Some("한경닷컴".into()), None);
        let state = SearchState {
            sources: vec!["36kr".into()],
            ..SearchState::with_query("창업")
        };
        assert_eq!(fixed.constrain(state.clone()).sources, ["한경닷컴"]);
        assert_eq!(fixed.constrain(state.clone()).query, "창업");
        let free = EmbedOptions::default();
        assert_eq!(free.constrain(state.clone()), state);
    }
}
