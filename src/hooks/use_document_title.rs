//! The page's title while a view shows something: set as text, never as markup, and given back
//! to the site's title when the view goes. Mounted into a host page, the host's title is left
//! alone.

use yew::prelude::*;

/// Sets the document's title to `title` ("… — 직지"), or to `site` while there is none, and to
/// `site` again when the component goes; does nothing when `embedded`.
#[hook]
pub fn use_document_title(title: Option<String>, site: &'static str, embedded: bool) {
    use_effect_with((title, site), move |(title, site)| {
        let document = gloo::utils::document();
        if embedded {
            return Box::new(|| ()) as Box<dyn FnOnce()>; // the host page's title is its own
        }
        document.set_title(&match title {
            Some(t) => format!("{t} — 직지"),
            None => site.to_string(),
        });
        let site = *site;
        Box::new(move || gloo::utils::document().set_title(site))
    });
}
