//! Jikji, the browser app: a Yew single-page app that searches and shows the archive embedded
//! in it. The index (with every article's title, source and date) is compiled into the wasm;
//! an article's text is fetched from beside the page when it is shown ([`texts`]).
//!
//! Map: [`index_data`] opens the embedded index; [`texts`] brings the article texts; [`route`] maps the URL hash to what is shown
//! ([`embed`]: or memory, when mounted into a host page);
//! [`hooks`] keeps the route in sync with the browser; [`app`] is the root component;
//! [`pages`] are the two views (results, reader) and the error page; [`components`] are the
//! props-only pieces they are built from; [`timing`] remembers how long searches take, to
//! decide whether typing searches at once or after a short pause.

mod app;
mod components;
mod embed;
mod focus;
mod hooks;
mod i18n;
mod index_data;
mod pages;
mod route;
mod texts;
mod timing;

fn main() {
    install_panic_hook();
    let root = embed::root().expect("the page has an element with id=jikji");
    embed::init(&root);
    yew::Renderer::<app::App>::with_root(root).render();
}

/// A panic must not leave a blank or frozen page: show what happened in place of the app.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&message.clone().into());
        if let Some(root) = gloo::utils::document().get_element_by_id("jikji") {
            root.set_inner_html(
                "<div class=\"error-page\" role=\"alert\"><h1>문제가 발생했습니다</h1>\
                 <p>The app stopped because of an internal error. Reload the page to start again.</p>\
                 <pre></pre></div>",
            );
            if let Ok(Some(pre)) = root.query_selector("pre") {
                pre.set_text_content(Some(&message));
            }
        }
    }));
}
