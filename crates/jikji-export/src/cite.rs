//! One article cited: the line a reader pastes into a text (in the Korean style or an APA-like
//! one, by the interface's language), and the metadata reference managers read from a page —
//! `citation_*` meta tags (Highwire Press, as Google Scholar and Zotero read them) for the
//! article open in the reader, and a COinS span (OpenURL in a `Z3988` title) for each result.

use crate::{Date, Entry};

/// The Korean style: 저자, 「제목」, 『매체』, 2020. 8. 26., URL (the parts the article has).
pub fn korean_citation(entry: &Entry) -> String {
    let article = entry.article;
    let mut parts: Vec<String> = Vec::new();
    if let Some(author) = author(entry) {
        parts.push(author.to_string());
    }
    parts.push(format!("「{}」", article.title.trim()));
    if let Some(source) = source(entry) {
        parts.push(format!("『{source}』"));
    }
    if let Some(date) = entry.date() {
        let numbers: Vec<String> = date.parts().iter().map(u16::to_string).collect();
        parts.push(format!("{}.", numbers.join(". ")));
    }
    if let Some(url) = url(entry) {
        parts.push(url.to_string());
    }
    parts.join(", ")
}

/// An APA-like style: Author. (2020, August 26). Title. *Outlet*. URL — the outlet first when
/// no author is named, as APA puts a work without one.
pub fn apa_citation(entry: &Entry) -> String {
    let article = entry.article;
    let date = entry.date().map_or_else(|| "n.d.".to_string(), apa_date);
    let title = article.title.trim();
    let mut out = match (author(entry), source(entry)) {
        (Some(author), Some(source)) => format!("{author}. ({date}). {title}. {source}."),
        (Some(author), None) => format!("{author}. ({date}). {title}."),
        (None, Some(source)) => format!("{source}. ({date}). {title}."),
        (None, None) => format!("{title}. ({date})."),
    };
    if let Some(url) = url(entry) {
        out = format!("{out} {url}");
    }
    out
}

/// The `citation_*` meta tags of the article, as (name, content): title, author, date
/// (`YYYY/MM/DD`, as Highwire wants it), the outlet (as `citation_publisher`, and Dublin
/// Core's and Open Graph's names for the same), the language and the article's own URL.
pub fn citation_meta(entry: &Entry, language: &str) -> Vec<(&'static str, String)> {
    let mut tags = vec![("citation_title", entry.article.title.trim().to_string())];
    if let Some(author) = author(entry) {
        tags.push(("citation_author", author.to_string()));
    }
    if let Some(date) = entry.date() {
        let numbers: Vec<String> = date.parts().iter().map(|n| format!("{n:02}")).collect();
        tags.push(("citation_publication_date", numbers.join("/")));
        tags.push(("DC.date", numbers.join("-")));
    }
    if let Some(source) = source(entry) {
        tags.push(("citation_publisher", source.to_string()));
        tags.push(("DC.publisher", source.to_string()));
        tags.push(("og:site_name", source.to_string()));
    }
    tags.push(("citation_language", language.to_string()));
    tags.push(("DC.type", "Text".to_string()));
    tags.push(("og:type", "article".to_string()));
    if let Some(url) = url(entry) {
        tags.push(("citation_public_url", url.to_string()));
    }
    tags
}

/// The COinS title of the article (an OpenURL 1.0 ContextObject, key/encoded-value): a
/// newspaper article, with its title, outlet, date, author and URL.
pub fn coins(entry: &Entry) -> String {
    let mut pairs: Vec<(&str, String)> = vec![
        ("ctx_ver", "Z39.88-2004".into()),
        ("rft_val_fmt", "info:ofi/fmt:kev:mtx:journal".into()),
        ("rft.genre", "article".into()),
        ("rft.atitle", entry.article.title.trim().to_string()),
    ];
    if let Some(source) = source(entry) {
        pairs.push(("rft.jtitle", source.to_string()));
    }
    if let Some(date) = entry.date() {
        let numbers: Vec<String> = date.parts().iter().map(|n| format!("{n:02}")).collect();
        pairs.push(("rft.date", numbers.join("-")));
    }
    if let Some(author) = author(entry) {
        pairs.push(("rft.au", author.to_string()));
    }
    if let Some(url) = url(entry) {
        pairs.push(("rft_id", url.to_string()));
    }
    pairs
        .iter()
        .map(|(key, value)| format!("{key}={}", percent_encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

fn author<'a>(entry: &Entry<'a>) -> Option<&'a str> {
    entry
        .article
        .author
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty())
}

fn source<'a>(entry: &Entry<'a>) -> Option<&'a str> {
    entry
        .article
        .source
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// The article's own address, when it is a web address.
fn url<'a>(entry: &Entry<'a>) -> Option<&'a str> {
    entry
        .article
        .url
        .as_deref()
        .map(str::trim)
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
}

/// `2020, August 26`, `2020, August` or `2020`.
fn apa_date(date: Date) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = date
        .month
        .and_then(|m| MONTHS.get(usize::from(m).wrapping_sub(1)));
    match (month, date.day) {
        (Some(month), Some(day)) => format!("{}, {month} {day}", date.year),
        (Some(month), None) => format!("{}, {month}", date.year),
        _ => date.year.to_string(),
    }
}

/// Percent-encodes all but the unreserved characters (RFC 3986), UTF-8.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jikji_engine::Article;

    fn article() -> Article {
        let mut a = Article::new("a1", " 중관춘 창업 거리 ", "본문");
        a.source = Some("한경닷컴".into());
        a.date = Some("2020-08-26".into());
        a.author = Some("김문기".into());
        a.url = Some("https://example.com/news/1?a=b&c".into());
        a
    }

    #[test]
    fn the_korean_style_has_its_brackets_and_dotted_date() {
        let a = article();
        assert_eq!(
            korean_citation(&Entry::of(&a)),
            "김문기, 「중관춘 창업 거리」, 『한경닷컴』, 2020. 8. 26., https://example.com/news/1?a=b&c"
        );
        let mut bare = Article::new("a2", "제목", "본문");
        bare.date = Some("2021-03".into());
        bare.url = Some("articles/a2.html".into());
        assert_eq!(korean_citation(&Entry::of(&bare)), "「제목」, 2021. 3.");
    }

    #[test]
    fn the_apa_style_puts_the_outlet_first_without_an_author() {
        let mut a = article();
        assert_eq!(
            apa_citation(&Entry::of(&a)),
            "김문기. (2020, August 26). 중관춘 창업 거리. 한경닷컴. https://example.com/news/1?a=b&c"
        );
        a.author = None;
        a.date = None;
        a.url = None;
        assert_eq!(
            apa_citation(&Entry::of(&a)),
            "한경닷컴. (n.d.). 중관춘 창업 거리."
        );
    }

    #[test]
    fn meta_tags_and_coins_carry_the_article() {
        let a = article();
        let tags = citation_meta(&Entry::of(&a), "ko");
        assert!(tags.contains(&("citation_title", "중관춘 창업 거리".into())));
        assert!(tags.contains(&("citation_publication_date", "2020/08/26".into())));
        assert!(tags.contains(&("citation_author", "김문기".into())));
        assert!(tags.contains(&("citation_publisher", "한경닷컴".into())));
        let coins = coins(&Entry::of(&a));
        assert!(coins
            .starts_with("ctx_ver=Z39.88-2004&rft_val_fmt=info%3Aofi%2Ffmt%3Akev%3Amtx%3Ajournal"));
        assert!(coins.contains("&rft.date=2020-08-26"));
        // Decoded, the title and URL come back whole (an & inside a value is encoded).
        assert!(coins.contains("&rft.atitle=%EC%A4%91%EA%B4%80%EC%B6%98%20"));
        assert!(coins.contains("&rft_id=https%3A%2F%2Fexample.com%2Fnews%2F1%3Fa%3Db%26c"));
    }
}
