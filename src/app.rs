//! The root component: fetches and opens the archive's index, provides the contexts every
//! page reads (the mount, [`crate::embed`]; the language, [`crate::i18n`]; the article texts,
//! [`crate::texts`]; what the reader keeps, [`crate::kept`]),
//! and shows the page the route names, with the search box, the language and theme toggles and
//! the offline control ([`crate::offline`]).
//!
//! The pages report what they want as a [`Navigation`] through one callback; [`navigate`] is
//! the one place that applies it: it asks [`Navigation::step`] where it leads, remembers the
//! list's scroll position when the reader opens, and shows the next route (or goes back in
//! the browser's history). A keystroke's query waits for its letter to be on screen when
//! searching is slower than a few frames, and for a pause in typing when it is slow. The
//! keyboard shortcuts and the scroll memory are hooks ([`crate::hooks`]).

use std::rc::Rc;

use gloo::render::{request_animation_frame, AnimationFrame};
use gloo::timers::callback::Timeout;
use yew::prelude::*;

use crate::components::{OfflineControl, SearchBox, ThemeToggle};
use crate::embed::{use_mount, Mount};
use crate::hooks::{
    use_route, use_scroll_memory, use_shortcuts, use_theme, RouteHandle, ScrollMemory,
};
use crate::i18n::{Lang, LangToggle};
use crate::index_data::{self, IndexHandle};
use crate::kept::{use_kept_provider, KeptHandle};
use crate::navigation::{Navigation, Step};
use crate::offline::use_offline;
use crate::pages::{
    ClippingsPage, ErrorPage, KwicPage, NamesPage, ReaderPage, ResultsPage, TrendsPage,
};
use crate::route::Route;
use crate::texts::{use_texts_provider, Texts};

/// A search that took less than this (ms) runs on every keystroke, at once.
const INSTANT_SEARCH_MS: f64 = 50.0;
/// A search that took less than this (ms), and `INSTANT_SEARCH_MS` or more, runs once the
/// keystroke's letter is on screen (in the task after the next frame), for the last of the
/// keystrokes typed meanwhile. A slower one waits for a pause in typing
/// (`SEARCH_DEBOUNCE_MS`): a key pressed while it runs would wait that long to show, longer
/// than a typist's pace between keys (~100–150 ms).
const PAUSED_SEARCH_MS: f64 = 150.0;
/// The pause, in milliseconds, after which a search slower than `PAUSED_SEARCH_MS` runs: short
/// enough to feel live (under ~200), long enough to skip the intermediate states of fast
/// typing.
const SEARCH_DEBOUNCE_MS: u32 = 120;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// Where the app is mounted (read once, in `main`).
    pub mount: Mount,
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let index = use_state(|| None::<Result<IndexHandle, String>>);
    {
        let (index, mount) = (index.clone(), props.mount.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                index.set(Some(index_data::load(&mount).await));
            });
        });
    }
    let lang = use_state(|| Lang::initial(props.mount.lang()));
    {
        let target = props.mount.marked_element();
        use_effect_with(*lang, move |lang| lang.mark(target.as_ref()));
    }
    let on_lang = {
        let lang = lang.clone();
        Callback::from(move |next: Lang| {
            next.remember();
            lang.set(next);
        })
    };
    let page = match &*index {
        None => html! { <p class="loading">{ lang.strings().opening }</p> },
        Some(Ok(index)) => {
            html! { <Explorer index={index.clone()} lang={*lang} on_lang={on_lang} /> }
        }
        Some(Err(message)) => html! {
            <ErrorPage title={lang.strings().index_error_title} message={message.clone()} />
        },
    };
    html! {
        <ContextProvider<Mount> context={props.mount.clone()}>
            <ContextProvider<Lang> context={*lang}>{ page }</ContextProvider<Lang>>
        </ContextProvider<Mount>>
    }
}

#[derive(Properties, PartialEq)]
struct ExplorerProps {
    index: IndexHandle,
    lang: Lang,
    on_lang: Callback<Lang>,
}

#[function_component(Explorer)]
fn explorer(props: &ExplorerProps) -> Html {
    let mount = use_mount();
    let embedded = mount.is_embedded();
    let route = use_route(&mount);
    let texts = use_texts_provider(props.index.clone());
    let kept = use_kept_provider(mount.archive_id().unwrap_or_default());
    let offline = use_offline(props.index.clone(), &mount);
    let scroll = use_scroll_memory(route.get(), embedded);
    let (dark, on_theme) = use_theme(&mount);
    let t = props.lang.strings();

    let on_navigate = use_navigate(&route, &scroll, embedded);

    // The host page's keys are its own: an embedded app adds no global shortcuts.
    let is_reader = matches!(route.get(), Route::Article { .. });
    use_shortcuts(
        !embedded,
        is_reader,
        on_navigate.reform(|()| Navigation::Back),
    );

    let page = match route.get() {
        Route::Search(state) => html! {
            <ResultsPage index={props.index.clone()} state={state.clone()} on_navigate={on_navigate.clone()} />
        },
        Route::Article { id, state, at } => html! {
            <ReaderPage index={props.index.clone()} id={id.clone()} state={state.clone()} at={*at} on_navigate={on_navigate.clone()} />
        },
        Route::Kwic { order, state } => html! {
            <KwicPage index={props.index.clone()} order={*order} state={state.clone()} />
        },
        Route::Clippings(state) => html! { <ClippingsPage state={state.clone()} /> },
        Route::Trends { view, state } => html! {
            <TrendsPage index={props.index.clone()} view={view.clone()} state={state.clone()} on_navigate={on_navigate.clone()} />
        },
        Route::Names { name, state } => html! {
            <NamesPage index={props.index.clone()} name={name.clone()} state={state.clone()} />
        },
    };
    html! {
        <ContextProvider<Texts> context={texts}>
        <ContextProvider<KeptHandle> context={kept}>
            <header class="topbar" role="banner">
                <div class="topbar-inner">
                    <a class="brand" href="#/" title={t.home}>
                        <span class="brand-ko">{"직지"}</span>
                        <span class="brand-en">{"Jikji"}</span>
                    </a>
                    <SearchBox value={route.get().query().to_owned()} sync={route.external_changes()}
                        on_query={on_navigate.reform(Navigation::Query)} />
                    <LangToggle lang={props.lang} on_change={props.on_lang.clone()} />
                    <ThemeToggle {dark} on_toggle={on_theme} />
                    <OfflineControl status={offline.status} on_save={offline.on_save}
                        on_remove={offline.on_remove} on_open={offline.on_open} />
                </div>
            </header>
            <main class="content" id="main">{ page }</main>
            <footer class="footer">
                { (t.footer_count)(props.index.article_count()) }
                <span class="keys">{ t.footer_keys }</span>
                // (Mounted into a host page, the app's views are not in the host's URL.)
                if !embedded {
                    { " · " }<a class="footer-clippings" href={Route::Clippings(route.get().state().clone().first_page()).to_hash()}>{ t.clippings_and_kept }</a>
                }
            </footer>
        </ContextProvider<KeptHandle>>
        </ContextProvider<Texts>>
    }
}

/// The one handler of every page's navigation. A keystroke's query searches at once when
/// searching is fast; when it is slower, after the keystroke's letter is on screen, or after
/// a pause in typing when it is slow (see `INSTANT_SEARCH_MS`). A pending search is replaced
/// by the next keystroke's, so only the last keystroke of a burst searches.
#[hook]
fn use_navigate(
    route: &RouteHandle,
    scroll: &ScrollMemory,
    embedded: bool,
) -> Callback<Navigation> {
    let pending = use_mut_ref(PendingSearch::default);
    let (route, scroll) = (route.clone(), scroll.clone());
    Callback::from(move |navigation: Navigation| {
        let last_search_ms = crate::timing::last_search_ms();
        let is_query = matches!(navigation, Navigation::Query(_));
        let (route, scroll) = (route.clone(), scroll.clone());
        let go = move || navigate(&route, &scroll, embedded, navigation);
        if !is_query {
            return go();
        }
        *pending.borrow_mut() = PendingSearch::default();
        if last_search_ms < INSTANT_SEARCH_MS {
            go();
        } else if last_search_ms < PAUSED_SEARCH_MS {
            let timer = Rc::clone(&pending);
            pending.borrow_mut().frame = Some(request_animation_frame(move |_| {
                // The frame is being drawn: the search runs in the task after it.
                timer.borrow_mut().timer = Some(Timeout::new(0, go));
            }));
        } else {
            pending.borrow_mut().timer = Some(Timeout::new(SEARCH_DEBOUNCE_MS, go));
        }
    })
}

/// A keystroke's search waiting for the next frame, then for its timer (dropping either
/// cancels it).
#[derive(Default)]
struct PendingSearch {
    frame: Option<AnimationFrame>,
    timer: Option<Timeout>,
}

/// Applies a navigation: the list's scroll position is remembered when the reader opens from
/// it; back from a reader opened from the list is the browser's back (which restores the
/// list's URL), except embedded, where the history is the host's.
fn navigate(route: &RouteHandle, scroll: &ScrollMemory, embedded: bool, navigation: Navigation) {
    let current = route.get();
    if matches!(navigation, Navigation::Open(_)) && matches!(current, Route::Search(_)) {
        scroll.remember();
    }
    match navigation.step(current, scroll.opened_from_list() && !embedded) {
        Step::Show(next, write) => route.show(next, write),
        Step::HistoryBack => {
            let _ = gloo::utils::window().history().map(|h| h.back());
        }
    }
}
