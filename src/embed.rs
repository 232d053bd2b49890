//! Mounted into an element of a host page (`dist/embed.js`) rather than owning the page: the
//! app then keeps its state in memory instead of the URL, leaves the page's title, scroll and
//! keyboard alone, and applies its theme to its own element. The host element's data
//! attributes give the options: `data-query` (initial query) and `data-source` (a fixed source
//! filter; several separated by `|`) and `data-lang` (`ko` or `en`: the interface language
//! until the reader picks one).

use std::sync::OnceLock;

use web_sys::Element;

use crate::route::SearchState;

/// What the host page asked for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EmbedOptions {
    pub query: String,
    /// Sources every search is limited to (empty: all).
    pub sources: Vec<String>,
    /// The interface language the host asks for.
    pub lang: Option<String>,
}

static OPTIONS: OnceLock<Option<EmbedOptions>> = OnceLock::new();

/// Reads the options from the root element, once, at start.
pub fn init(root: &Element) {
    let options = root
        .has_attribute("data-jikji-embed")
        .then(|| EmbedOptions {
            query: root.get_attribute("data-query").unwrap_or_default(),
            sources: root
                .get_attribute("data-source")
                .map(|s| {
                    s.split('|')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(String::from)
                        .collect()
                })
                .unwrap_or_default(),
            lang: root.get_attribute("data-lang"),
        });
    let _ = OPTIONS.set(options);
}

/// The embedding options, when the app is mounted into a host page.
pub fn options() -> Option<&'static EmbedOptions> {
    OPTIONS.get().and_then(Option::as_ref)
}

pub fn is_embedded() -> bool {
    options().is_some()
}

/// A state with the host's fixed sources applied (they cannot be removed from inside).
pub fn constrain(mut state: SearchState) -> SearchState {
    if let Some(options) = options().filter(|o| !o.sources.is_empty()) {
        state.sources = options.sources.clone();
    }
    state
}

/// The state an embedded app starts with.
pub fn initial_state() -> Option<SearchState> {
    options().map(|o| constrain(SearchState::with_query(o.query.clone())))
}

/// The app's root element.
pub fn root() -> Option<Element> {
    gloo::utils::document().get_element_by_id("jikji")
}
