//! The reader's article as metadata reference managers read from a page: `citation_*` meta
//! tags (Highwire Press; Zotero's connector and Google Scholar read them) in the document's
//! head while the article is open. Not in an embedded app: the host page's head is its own.

use jikji_engine::Article;
use jikji_export::{citation_meta, Entry};
use yew::prelude::*;

/// The attribute that marks the tags this hook adds, so it removes exactly those.
const MARK: &str = "data-jikji-citation";

/// Puts the citation meta tags of `article` (none while it is `None`) in the head, in the
/// interface's `language`, and takes them out when it changes or the reader closes.
#[hook]
pub fn use_citation_meta(article: Option<Article>, language: &'static str, embedded: bool) {
    use_effect_with(
        (article, language, embedded),
        |(article, language, embedded)| {
            if let (Some(article), false) = (article, embedded) {
                add_tags(&citation_meta(&Entry::of(article), language));
            }
            remove_tags
        },
    );
}

fn add_tags(tags: &[(&str, String)]) {
    let document = gloo::utils::document();
    let Ok(Some(head)) = document.query_selector("head") else {
        return;
    };
    for (name, content) in tags {
        let Ok(meta) = document.create_element("meta") else {
            continue;
        };
        // Open Graph names its tags by `property`; the others by `name`.
        let key = if name.starts_with("og:") {
            "property"
        } else {
            "name"
        };
        let _ = meta.set_attribute(key, name);
        let _ = meta.set_attribute("content", content);
        let _ = meta.set_attribute(MARK, "");
        let _ = head.append_child(&meta);
    }
}

fn remove_tags() {
    let Ok(tags) = gloo::utils::document().query_selector_all(&format!("meta[{MARK}]")) else {
        return;
    };
    for i in 0..tags.length() {
        if let Some(tag) = tags.item(i) {
            if let Some(parent) = tag.parent_node() {
                let _ = parent.remove_child(&tag);
            }
        }
    }
}
