//! CSL-JSON, the citation data of Zotero, Pandoc and citeproc: an array of items of type
//! `article-newspaper`, the outlet as the container title.

use serde::Serialize;
use serde_json::{json, Value};

use crate::{Date, Entry, Options};

/// One CSL item; an absent variable is left out.
#[derive(Serialize)]
struct Item<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    title: &'a str,
    #[serde(rename = "container-title", skip_serializing_if = "Option::is_none")]
    container_title: Option<&'a str>,
    #[serde(rename = "collection-title", skip_serializing_if = "Option::is_none")]
    collection_title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<[Value; 1]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    issued: Option<Value>,
    #[serde(rename = "URL", skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    accessed: Option<Value>,
    #[serde(rename = "abstract", skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
}

/// The entries as a CSL-JSON array (one item a line). The byline is one literal name (a
/// Korean byline is not "family, given"); a date that does not read as one is given `raw`.
pub fn csl_json(entries: &[Entry], options: &Options) -> String {
    let items: Vec<String> = entries
        .iter()
        .map(|entry| {
            let item = item(entry, options);
            serde_json::to_string(&item).expect("strings serialise")
        })
        .collect();
    if items.is_empty() {
        return "[]\n".into();
    }
    format!("[\n{}\n]\n", items.join(",\n"))
}

fn item<'a>(entry: &Entry<'a>, options: &Options) -> Item<'a> {
    let a = entry.article;
    let issued = match (entry.date(), a.date.as_deref()) {
        (Some(date), _) => Some(date_variable(date)),
        (None, Some(raw)) if !raw.trim().is_empty() => Some(json!({ "raw": raw })),
        _ => None,
    };
    Item {
        id: &a.id,
        kind: "article-newspaper",
        title: &a.title,
        container_title: a.source.as_deref(),
        collection_title: a.collection.as_deref(),
        section: a.section.as_deref(),
        author: a.author.as_deref().map(|name| [json!({ "literal": name })]),
        issued,
        url: a.url.as_deref(),
        accessed: options.accessed.map(date_variable),
        summary: entry.text(options.text),
    }
}

/// `{"date-parts": [[year, month, day]]}`, as many parts as the date has.
fn date_variable(date: Date) -> Value {
    json!({ "date-parts": [date.parts()] })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::article;
    use crate::Text;

    fn options() -> Options {
        Options {
            text: Text::Snippet,
            accessed: Date::parse("2026-12-07"),
        }
    }

    #[test]
    fn an_item_carries_the_outlet_dates_and_byline() {
        let a = article();
        let out = csl_json(
            &[Entry {
                article: &a,
                snippet: Some("첫 문단"),
            }],
            &options(),
        );
        let items: Value = serde_json::from_str(&out).unwrap();
        let item = &items[0];
        assert_eq!(item["type"], "article-newspaper");
        assert_eq!(item["id"], "003_f0ea3dc2add15f79-01");
        assert_eq!(item["title"], "중관춘 창업거리, 화웨이 칩 금지");
        assert_eq!(item["container-title"], "KIC 중국");
        assert_eq!(item["issued"], json!({ "date-parts": [[2020, 8, 26]] }));
        assert_eq!(item["accessed"], json!({ "date-parts": [[2026, 12, 7]] }));
        assert_eq!(item["author"], json!([{ "literal": "김철수" }]));
        assert_eq!(item["URL"], "https://example.com/news?id=1&p=2");
        assert_eq!(item["section"], "산업 동향");
        assert_eq!(item["abstract"], "첫 문단");
    }

    #[test]
    fn partial_and_unreadable_dates_stay_as_they_are() {
        let mut a = article();
        a.date = Some("2020-08".into());
        let mut b = article();
        b.date = Some("8월 하순".into());
        let mut c = article();
        (c.date, c.author, c.source) = (None, None, None);
        let entries = [Entry::of(&a), Entry::of(&b), Entry::of(&c)];
        let items: Value = serde_json::from_str(&csl_json(&entries, &Options::default())).unwrap();
        assert_eq!(items[0]["issued"], json!({ "date-parts": [[2020, 8]] }));
        assert_eq!(items[1]["issued"], json!({ "raw": "8월 하순" }));
        for key in [
            "issued",
            "author",
            "container-title",
            "accessed",
            "abstract",
        ] {
            assert!(items[2].get(key).is_none(), "{key}");
        }
        assert_eq!(csl_json(&[], &Options::default()), "[]\n");
    }
}
