//! The URL hash is the app's state: what is shown follows from it, so reload, links and the
//! back button work.
//!
//! `#/?q=화웨이` is the result list of a query, `#/article/ID?q=화웨이` the reader for one
//! article (the query kept so terms stay highlighted and "back" returns to the same results).
//! Values are percent-encoded as UTF-8.

/// What the page shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Search { query: String },
    Article { id: String, query: String },
}

impl Route {
    pub fn query(&self) -> &str {
        match self {
            Route::Search { query } | Route::Article { query, .. } => query,
        }
    }

    /// Reads a `location.hash` value (with or without the leading `#`). Anything unknown is the
    /// search page, so a mistyped link still lands somewhere useful.
    pub fn from_hash(hash: &str) -> Route {
        let hash = hash.trim_start_matches('#');
        let (path, params) = hash.split_once('?').unwrap_or((hash, ""));
        let query = params
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .find(|(key, _)| *key == "q")
            .map(|(_, value)| decode(value))
            .unwrap_or_default();
        match path.trim_start_matches('/').split_once('/') {
            Some(("article", id)) if !id.is_empty() => Route::Article { id: decode(id), query },
            _ => Route::Search { query },
        }
    }

    /// The hash for this route, starting with `#`.
    pub fn to_hash(&self) -> String {
        let with_query = |path: String, query: &str| {
            if query.is_empty() {
                path
            } else {
                format!("{path}?q={}", encode(query))
            }
        };
        match self {
            Route::Search { query } => with_query("#/".into(), query),
            Route::Article { id, query } => with_query(format!("#/article/{}", encode(id)), query),
        }
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
    fn round_trips_korean_queries_and_ids() {
        for route in [
            Route::Search { query: String::new() },
            Route::Search { query: "화웨이 \"칩\" & 100%".into() },
            Route::Article { id: "003_f0ea#1".into(), query: "중관춘".into() },
            Route::Article { id: "a".into(), query: String::new() },
        ] {
            assert_eq!(Route::from_hash(&route.to_hash()), route);
        }
    }

    #[test]
    fn reads_what_browsers_and_people_write() {
        assert_eq!(Route::from_hash(""), Route::Search { query: String::new() });
        assert_eq!(Route::from_hash("#/?q=화웨이"), Route::Search { query: "화웨이".into() });
        assert_eq!(Route::from_hash("#/?q=a+b%2"), Route::Search { query: "a b%2".into() });
        assert_eq!(Route::from_hash("#/nonsense/x"), Route::Search { query: String::new() });
        assert_eq!(
            Route::from_hash("#/article/002?x=1&q=%EC%A4%91"),
            Route::Article { id: "002".into(), query: "중".into() }
        );
    }
}
