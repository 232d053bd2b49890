//! Jikji, the browser app: a Yew single-page app that searches and shows an archive. The
//! code is the same for every archive: it fetches the core of the index the page names when
//! it starts ([`index_data`]), and the rest of the index — blocks a query reads, an article's
//! text when it is shown — from beside the page as it is needed ([`texts`]).
//!
//! Map: [`index_data`] fetches and opens the index; [`texts`] brings the article texts; [`route`]
//! maps the URL hash to what is shown; [`navigation`] is what the pages ask for and where it
//! leads; [`embed`] says where the app is mounted (its own page, or a host page's element,
//! where the route lives in memory); [`app`] is the root component, which provides the
//! contexts and applies the pages' navigation; [`hooks`] are its hooks (route, keyboard
//! shortcuts, scroll memory, theme); [`pages`] are the two views (results, reader) and the
//! error page; [`components`] are the props-only pieces they are built from; [`i18n`] holds
//! every interface string; [`offline`] registers the service worker and saves the whole
//! archive for offline use; [`timing`] remembers how long searches take, to decide whether
//! typing searches at once or after a short pause.

mod app;
mod components;
mod embed;
mod focus;
mod hooks;
mod i18n;
mod index_data;
mod kept;
mod navigation;
mod offline;
mod pages;
mod route;
mod texts;
mod timing;

fn main() {
    install_panic_hook();
    let root = gloo::utils::document()
        .get_element_by_id("jikji")
        .expect("the page has an element with id=jikji");
    let mount = embed::Mount::read(root.clone());
    yew::Renderer::<app::App>::with_root_and_props(root, app::AppProps { mount }).render();
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
