//! The URL hash is the app's state: what is shown follows from it, so links can be shared,
//! reload restores the view and the back button works.
//!
//! `#/?q=화웨이&source=36kr&from=2020-08&to=2020-09&sort=newest` is a result list (query,
//! filters, order); `#/article/ID?…` the reader for one article, with the same parameters so
//! terms stay highlighted and "back" returns to the same results; `#/clippings?…` the
//! clippings; `#/trends?line=창업&line=화웨이&share=1&…` the trend of those queries under the
//! list's filters; `#/names` the archive's names, `#/names/화웨이` one name's page. `undated=1` selects the
//! undated bucket; `pages=3` how many pages of results are shown ("더 보기" was clicked twice).
//! Values are percent-encoded as UTF-8.

use jikji_engine::query::date_bound;
use jikji_engine::{KwicOrder, SearchOptions, Sort};

/// Query, filters and order of a result list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchState {
    pub query: String,
    pub sources: Vec<String>,
    /// Partial ISO dates (`2020`, `2020-08`, `2020-08-26`), inclusive.
    pub from: Option<String>,
    pub to: Option<String>,
    pub undated: bool,
    pub sort: Sort,
    /// Pages of results shown (0 and 1: the first); any new query or filter starts again at one.
    pub pages: u32,
}

/// Most pages a URL can ask for: every shown result is rendered, so a hand-made link must not
/// ask for a hundred thousand.
pub const MAX_PAGES: u32 = 100;

impl SearchState {
    pub fn with_query(query: impl Into<String>) -> SearchState {
        SearchState {
            query: query.into(),
            ..SearchState::default()
        }
    }

    /// The same query and filters from the first page.
    pub fn first_page(self) -> SearchState {
        SearchState { pages: 0, ..self }
    }

    /// Whether any filter narrows the results (the query aside).
    pub fn filtered(&self) -> bool {
        !self.sources.is_empty() || self.from.is_some() || self.to.is_some() || self.undated
    }

    /// The engine options for `limit` results.
    pub fn options(&self, limit: usize) -> SearchOptions {
        SearchOptions {
            limit,
            offset: 0,
            sort: self.sort,
            sources: self.sources.clone(),
            from: self.from.as_deref().and_then(|d| date_bound(d, false)),
            to: self.to.as_deref().and_then(|d| date_bound(d, true)),
            undated: self.undated,
            matched_words: false,
            snippets: true,
            group_reprints: true,
        }
    }

    fn to_params(&self) -> String {
        let mut params: Vec<String> = Vec::new();
        if !self.query.is_empty() {
            params.push(format!("q={}", encode(&self.query)));
        }
        params.extend(self.sources.iter().map(|s| format!("source={}", encode(s))));
        params.extend(self.from.iter().map(|d| format!("from={}", encode(d))));
        params.extend(self.to.iter().map(|d| format!("to={}", encode(d))));
        if self.undated {
            params.push("undated=1".into());
        }
        if self.sort != Sort::Relevance {
            params.push(format!("sort={}", self.sort.name()));
        }
        if self.pages > 1 {
            params.push(format!("pages={}", self.pages));
        }
        if params.is_empty() {
            String::new()
        } else {
            format!("?{}", params.join("&"))
        }
    }

    /// Its URL parameters without the `?` (`q=…&source=…`): how a saved search keeps its view.
    pub fn params(&self) -> String {
        self.to_params().trim_start_matches('?').to_owned()
    }

    /// The state URL parameters name (what is not a parameter of a result list is dropped).
    pub fn from_params(params: &str) -> SearchState {
        let mut state = SearchState::default();
        for (key, value) in params.split('&').filter_map(|pair| pair.split_once('=')) {
            let value = decode(value);
            match key {
                "q" => state.query = value,
                "source" if !value.is_empty() => state.sources.push(value),
                // Only dates the engine reads (2020, 2020-08, 2020-08-26); anything else is dropped.
                "from" if date_bound(&value, false).is_some() => state.from = Some(value),
                "to" if date_bound(&value, true).is_some() => state.to = Some(value),
                "undated" => state.undated = value == "1",
                // Digits only; a number too large for u32 is as many pages as allowed.
                "pages" if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => {
                    // One page is the default, written as nothing.
                    state.pages = value.parse::<u32>().unwrap_or(MAX_PAGES).min(MAX_PAGES);
                    if state.pages == 1 {
                        state.pages = 0;
                    }
                }
                "sort" => state.sort = Sort::from_name(&value),
                _ => {}
            }
        }
        state
    }
}

/// What the page shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Search(SearchState),
    Article {
        id: String,
        state: SearchState,
        /// The match to show first (from 0, in reading order: `&at=3`), when a concordance
        /// line opened it.
        at: Option<usize>,
    },
    /// The clippings (`#/clippings`), with the result list to go back to.
    Clippings(SearchState),
    /// Every occurrence of the query's words in context (`#/kwic?q=…&order=before`), in the
    /// articles of the list's first pages.
    Kwic {
        order: KwicOrder,
        state: SearchState,
    },
    /// The trend of a few queries (`#/trends?line=…&line=…`), under the result list's filters,
    /// with that list to go back to.
    Trends {
        view: TrendView,
        state: SearchState,
    },
    /// The archive's names (`#/names`), or one name's page (`#/names/화웨이`), with the result
    /// list to go back to.
    Names {
        name: Option<String>,
        state: SearchState,
    },
}

/// What a trend shows: its queries (one line each) and whether as shares of each month's
/// articles rather than counts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrendView {
    pub lines: Vec<String>,
    pub share: bool,
}

impl TrendView {
    fn to_params(&self) -> Vec<String> {
        let mut params: Vec<String> = self
            .lines
            .iter()
            .map(|l| format!("line={}", encode(l)))
            .collect();
        if self.share {
            params.push("share=1".into());
        }
        params
    }

    /// The lines (blank ones dropped, at most `MAX_TREND_LINES`) and the share flag a URL names.
    fn from_params(params: &str) -> TrendView {
        let mut view = TrendView::default();
        for (key, value) in params.split('&').filter_map(|pair| pair.split_once('=')) {
            match key {
                "line" => view.lines.push(decode(value)),
                "share" => view.share = value == "1",
                _ => {}
            }
        }
        view.lines.retain(|l| !l.trim().is_empty());
        view.lines.truncate(jikji_engine::search::MAX_TREND_LINES);
        view
    }
}

impl Route {
    pub fn state(&self) -> &SearchState {
        match self {
            Route::Search(state)
            | Route::Article { state, .. }
            | Route::Clippings(state)
            | Route::Kwic { state, .. }
            | Route::Trends { state, .. }
            | Route::Names { state, .. } => state,
        }
    }

    pub fn query(&self) -> &str {
        &self.state().query
    }

    /// Reads a `location.hash` value (with or without the leading `#`). Anything unknown is the
    /// search page, so a mistyped link still lands somewhere useful.
    pub fn from_hash(hash: &str) -> Route {
        let hash = hash.trim_start_matches('#');
        let (path, params) = hash.split_once('?').unwrap_or((hash, ""));
        let state = SearchState::from_params(params);
        match path.trim_start_matches('/').split_once('/') {
            Some(("article", id)) if !id.is_empty() => Route::Article {
                id: decode(id),
                state,
                at: param(params, "at").and_then(|n| n.parse().ok()),
            },
            Some(("names", name)) if !name.is_empty() => Route::Names {
                name: Some(decode(name)),
                state,
            },
            _ if path.trim_matches('/') == "names" => Route::Names { name: None, state },
            _ if path.trim_matches('/') == "kwic" => Route::Kwic {
                order: KwicOrder::from_name(&param(params, "order").unwrap_or_default()),
                state,
            },
            _ if path.trim_matches('/') == "clippings" => Route::Clippings(state),
            _ if path.trim_matches('/') == "trends" => Route::Trends {
                view: TrendView::from_params(params),
                state,
            },
            _ => Route::Search(state),
        }
    }

    /// The hash for this route, starting with `#`.
    pub fn to_hash(&self) -> String {
        match self {
            Route::Search(state) => format!("#/{}", state.to_params()),
            Route::Clippings(state) => format!("#/clippings{}", state.to_params()),
            Route::Trends { view, state } => {
                let mut params = view.to_params();
                params.extend(
                    state
                        .params()
                        .split('&')
                        .filter(|p| !p.is_empty())
                        .map(String::from),
                );
                format!("#/trends?{}", params.join("&"))
            }
            Route::Article { id, state, at } => {
                let params = with_param(state.params(), "at", at.map(|n| n.to_string()));
                format!("#/article/{}{}", encode(id), params)
            }
            Route::Kwic { order, state } => {
                let order = (*order != KwicOrder::Text).then(|| order.name().to_owned());
                format!("#/kwic{}", with_param(state.params(), "order", order))
            }
            Route::Names { name, state } => match name {
                Some(name) => format!("#/names/{}{}", encode(name), state.to_params()),
                None => format!("#/names{}", state.to_params()),
            },
        }
    }
}

/// The value of parameter `key` (decoded), if the parameters name it.
fn param(params: &str, key: &str) -> Option<String> {
    params
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == key)
        .map(|(_, v)| decode(v))
}

/// `?` and the parameters `params` (`a=1&b=2`, maybe empty) with `key=value` after them, or
/// "" when there are none.
fn with_param(params: String, key: &str, value: Option<String>) -> String {
    let mut all: Vec<String> = params
        .split('&')
        .filter(|p| !p.is_empty())
        .map(String::from)
        .collect();
    all.extend(value.map(|v| format!("{key}={}", encode(&v))));
    if all.is_empty() {
        String::new()
    } else {
        format!("?{}", all.join("&"))
    }
}

/// Percent-encodes everything but RFC 3986 unreserved characters.
fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len() * 3);
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Decodes percent-escapes (and `+` as space); malformed escapes are kept as they are.
fn decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let hex = |i: usize| bytes.get(i).and_then(|&b| (b as char).to_digit(16));
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match (bytes[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (b'+', _, _) => {
                out.push(b' ');
                i += 1;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_part_of_the_state() {
        let full = SearchState {
            query: "화웨이 \"칩\" & 100%".into(),
            sources: vec!["36kr".into(), "베이징상보北京商报".into()],
            from: Some("2020-08".into()),
            to: Some("2020-09-02".into()),
            undated: false,
            sort: Sort::Newest,
            pages: 3,
        };
        for route in [
            Route::Search(SearchState::default()),
            Route::Search(SearchState::with_query("중관춘")),
            Route::Search(full.clone()),
            Route::Search(SearchState {
                undated: true,
                sort: Sort::Oldest,
                ..SearchState::default()
            }),
            Route::Article {
                id: "003_f0ea#1".into(),
                state: full.clone(),
                at: None,
            },
            Route::Article {
                id: "a".into(),
                state: SearchState::default(),
                at: Some(12),
            },
            Route::Kwic {
                order: KwicOrder::Before,
                state: full.clone(),
            },
            Route::Kwic {
                order: KwicOrder::Text,
                state: SearchState::with_query("창업"),
            },
            Route::Clippings(SearchState::with_query("화웨이")),
            Route::Clippings(SearchState::default()),
            Route::Trends {
                view: TrendView {
                    lines: vec!["창업".into(), "화웨이 & 칩".into()],
                    share: true,
                },
                state: full.clone(),
            },
            Route::Trends {
                view: TrendView::default(),
                state: SearchState::default(),
            },
            Route::Names {
                name: None,
                state: SearchState::default(),
            },
            Route::Names {
                name: Some("화웨이/华为 & co".into()),
                state: full.clone(),
            },
        ] {
            assert_eq!(Route::from_hash(&route.to_hash()), route);
        }
    }

    #[test]
    fn reads_what_browsers_and_people_write() {
        let search = |q: &str| Route::Search(SearchState::with_query(q));
        assert_eq!(Route::from_hash(""), search(""));
        assert_eq!(Route::from_hash("#/?q=화웨이"), search("화웨이"));
        assert_eq!(Route::from_hash("#/?q=a+b%2"), search("a b%2"));
        assert_eq!(Route::from_hash("#/nonsense/x"), search(""));
        assert_eq!(
            Route::from_hash("#/?sort=sideways&q=x").state().sort,
            Sort::Relevance
        );
        assert_eq!(
            Route::from_hash("#/?pages=99999999999").state().pages,
            MAX_PAGES
        );
        assert_eq!(Route::from_hash("#/?pages=-2").state().pages, 0);
        assert_eq!(
            Route::from_hash("#/?pages=1"),
            Route::from_hash("#/"),
            "one page is the default"
        );
        let bad = Route::from_hash("#/?from=%EA%B0%80%EB%82%98%EB%8B%A4&to=2020-13");
        assert_eq!(
            (bad.state().from.clone(), bad.state().to.clone()),
            (None, None),
            "not dates: dropped"
        );
        assert_eq!(
            Route::from_hash("#/article/002?x=1&q=%EC%A4%91"),
            Route::Article {
                id: "002".into(),
                state: SearchState::with_query("중"),
                at: None,
            }
        );
        assert_eq!(
            Route::from_hash("#/article/002?at=x"),
            Route::from_hash("#/article/002"),
            "not a number: dropped"
        );
    }

    #[test]
    fn options_widen_partial_dates() {
        let state = SearchState {
            from: Some("2020-08".into()),
            to: Some("2020".into()),
            ..SearchState::default()
        };
        let options = state.options(10);
        assert_eq!(options.from.as_deref(), Some("2020-08-01"));
        assert_eq!(options.to.as_deref(), Some("2020-12-31"));
    }
}
