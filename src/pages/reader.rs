//! The reader: one article in full, the query's words highlighted with previous/next match
//! navigation (buttons and n/N), the previous and next article of the current results, links
//! to more from the same source and the same day, the other versions of its story (reprints),
//! the articles most like it (found when the archive was indexed; within a year of it, as
//! an option), and copy link / copy citation. Where it
//! leads it reports as a [`Navigation`]: `Back`, `Open` (previous / next), `Search` (more from
//! the source, the same day).

use std::rc::Rc;

use gloo::events::EventListener;
use jikji_engine::error::Error;
use jikji_engine::snippet::highlight_ranges;
use jikji_engine::DocId;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, KeyboardEvent, ScrollIntoViewOptions, ScrollLogicalPosition};
use yew::prelude::*;

use crate::components::highlighted::passage_ranges;
use crate::components::result_item::{meta_line, Heading};
use crate::components::Highlighted;
use crate::embed::use_mount;
use crate::i18n::use_strings;
use crate::index_data::IndexHandle;
use crate::navigation::Navigation;
use crate::pages::ClipControls;
use crate::route::SearchState;
use crate::texts::use_texts;

#[derive(Properties, PartialEq)]
pub struct ReaderPageProps {
    pub index: IndexHandle,
    pub id: AttrValue,
    pub state: SearchState,
    /// The match to show first (a concordance line's), from 0 in reading order.
    #[prop_or_default]
    pub at: Option<usize>,
    pub on_navigate: Callback<Navigation>,
}

/// Marks the `n`-th highlighted match as current and scrolls it into view.
fn show_match(n: usize) {
    let Ok(marks) = gloo::utils::document().query_selector_all("article mark") else {
        return;
    };
    for i in 0..marks.length() {
        let Some(mark) = marks.get(i).and_then(|m| m.dyn_into::<Element>().ok()) else {
            continue;
        };
        if i as usize == n {
            let _ = mark.class_list().add_1("current");
            let options = ScrollIntoViewOptions::new();
            options.set_block(ScrollLogicalPosition::Center);
            mark.scroll_into_view_with_scroll_into_view_options(&options);
        } else {
            let _ = mark.class_list().remove_1("current");
        }
    }
}

/// Writes text to the clipboard (where the browser allows it).
fn copy(text: &str) {
    let navigator = gloo::utils::window().navigator();
    let Ok(clipboard) = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard")) else {
        return;
    };
    if let Ok(write) = js_sys::Reflect::get(&clipboard, &JsValue::from_str("writeText")) {
        if let Some(write) = write.dyn_ref::<js_sys::Function>() {
            let _ = write.call1(&clipboard, &JsValue::from_str(text));
        }
    }
}

#[function_component(ReaderPage)]
pub fn reader_page(props: &ReaderPageProps) -> Html {
    let t = use_strings();
    let current = use_state(|| None::<usize>);
    let copied = use_state(|| None::<&'static str>);
    let texts = use_texts();
    let embedded = use_mount().is_embedded();
    // The id's block of the ids dictionary may still be to fetch (asked for below, with the
    // query's blocks).
    let lookup = props.index.find_id(&props.id);
    let awaiting_id = matches!(lookup, Err(Error::Absent));
    let doc = lookup.ok().flatten();
    // The article's text may still be to fetch (see `crate::texts`).
    let missing = doc.and_then(|d| props.index.missing_text(d));
    {
        let texts = texts.clone();
        use_effect_with(missing, move |missing| texts.request(*missing));
    }
    let article = doc.and_then(|d| props.index.article(d));
    // Opened is read: results mark it so from now on.
    let kept = crate::kept::use_kept();
    {
        let kept = kept.clone();
        let shown = article.is_some().then(|| props.id.clone());
        use_effect_with(shown, move |shown| {
            if let Some(id) = shown {
                kept.mark_read(jikji_engine::article_key(id));
            }
        });
    }
    // The query's marks and the list's order read postings: blocks they lacked are asked for,
    // and both are made again when they arrive.
    let generation = texts.blocks_generation();
    let prepared = {
        let index = props.index.clone();
        use_memo(
            (props.state.query.clone(), generation),
            move |(query, _)| index.prepare(query),
        )
    };
    let neighbours = {
        let index = props.index.clone();
        use_memo(
            (props.state.clone(), doc, generation),
            move |(state, doc, _)| {
                let order = index.ranked(&state.query, &state.options(0));
                let at = doc.and_then(|d| order.iter().position(|x| *x == d));
                let doc_at = |i: Option<usize>| i.and_then(|i| order.get(i)).copied();
                (
                    doc_at(at.and_then(|i| i.checked_sub(1))),
                    doc_at(at.map(|i| i + 1)),
                    at.map(|i| (i + 1, order.len())),
                )
            },
        )
    };
    // The articles most like it: their block is fetched when the reader shows it.
    let within_a_year = use_state(|| false);
    let related = doc.map(|d| props.index.related_articles(d, *within_a_year));
    {
        let texts = texts.clone();
        let chunks: Vec<usize> = match &related {
            Some(Ok(list)) => list
                .iter()
                .filter_map(|r| props.index.missing_text(r.doc))
                .collect(),
            _ => Vec::new(),
        };
        use_effect_with(chunks, move |chunks| texts.request(chunks.iter().copied()));
    }
    let missing_blocks = props.index.take_missing_blocks();
    {
        let texts = texts.clone();
        use_effect_with(missing_blocks.clone(), move |missing| {
            texts.request_blocks(missing.iter().copied())
        });
    }
    // The neighbours' ids come with their texts.
    let (previous_doc, next_doc, position) = *neighbours;
    {
        let texts = texts.clone();
        let chunks: Vec<usize> = [previous_doc, next_doc]
            .into_iter()
            .flatten()
            .filter_map(|d| props.index.missing_text(d))
            .collect();
        use_effect_with(chunks, move |chunks| texts.request(chunks.iter().copied()));
    }
    // The other versions of its story (reprints), first version first, come with their texts.
    let group: Vec<DocId> = doc.map_or(Vec::new(), |d| props.index.reprints_of(d).to_vec());
    {
        let texts = texts.clone();
        let chunks: Vec<usize> = group
            .iter()
            .filter_map(|&d| props.index.missing_text(d))
            .collect();
        use_effect_with(chunks, move |chunks| texts.request(chunks.iter().copied()));
    }
    let lang = use_context::<crate::i18n::Lang>().unwrap_or_default();
    crate::hooks::use_citation_meta(article.cloned(), lang.code(), embedded);
    let id_of = |doc: Option<DocId>| doc.and_then(|d| props.index.id(d)).map(str::to_owned);
    let (previous, next) = (id_of(previous_doc), id_of(next_doc));
    // The page title names the article (set as text, never as markup).
    {
        let title = article.map(|a| a.title.clone());
        let site = t.page_title;
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
    let back = {
        let on_navigate = props.on_navigate.clone();
        let label = if props.state.query.trim().is_empty() && !props.state.filtered() {
            t.back_to_list
        } else {
            t.back_to_results
        };
        html! { <button class="back" onclick={Callback::from(move |_| on_navigate.emit(Navigation::Back))}>{ label }</button> }
    };
    let marked = |text: &str| {
        (
            text.to_owned(),
            Rc::new(highlight_ranges(text, &prepared.marks)),
        )
    };
    // (Empty while the article's text is on its way: the hooks below run on every render.)
    let title = marked(article.map_or("", |a| a.title.as_str()));
    let paragraphs: Vec<_> = article
        .into_iter()
        .flat_map(|a| a.paragraphs())
        .map(marked)
        .collect();
    let captions: Vec<_> = article
        .into_iter()
        .flat_map(|a| &a.captions)
        .map(|c| (c.after_paragraph as usize, marked(&c.text)))
        .collect();
    let match_count = title.1.len()
        + paragraphs.iter().map(|(_, r)| r.len()).sum::<usize>()
        + captions.iter().map(|(_, (_, r))| r.len()).sum::<usize>();

    let step = {
        let current = current.clone();
        Callback::from(move |forward: bool| {
            if match_count == 0 {
                return;
            }
            let next = match (*current, forward) {
                (None, true) => 0,
                (None, false) => match_count - 1,
                (Some(i), true) => (i + 1) % match_count,
                (Some(i), false) => (i + match_count - 1) % match_count,
            };
            show_match(next);
            current.set(Some(next));
        })
    };
    // n / N step through the matches.
    {
        let step = step.clone();
        // Re-registered when the current match changes, so the handler never steps from a
        // stale position.
        use_effect_with((props.id.clone(), match_count, *current), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "keydown", move |event| {
                let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
                    return;
                };
                if !crate::focus::in_form_field()
                    && !event.ctrl_key()
                    && !event.meta_key()
                    && !event.alt_key()
                {
                    match event.key().as_str() {
                        "n" => step.emit(true),
                        "N" => step.emit(false),
                        _ => {}
                    }
                }
            });
            move || drop(listener)
        });
    }
    {
        let current = current.clone();
        let copied = copied.clone();
        use_effect_with(props.id.clone(), move |_| {
            // A new article starts with no current match (and no leftover mark of the last).
            show_match(usize::MAX);
            current.set(None);
            copied.set(None);
        });
    }
    {
        // Opened at a match (from a concordance line): shown once the article's marks are.
        let current = current.clone();
        use_effect_with(
            (props.id.clone(), props.at, match_count),
            move |(_, at, count)| {
                if let Some(n) = at.filter(|n| n < count) {
                    show_match(n);
                    current.set(Some(n));
                }
            },
        );
    }

    let Some(article) = article else {
        // The article (or which article the id names) is on its way, or failed: say which.
        let pending = match (missing, awaiting_id) {
            (Some(chunk), _) => Some(texts.failure(chunk)),
            (None, true) => Some(texts.blocks_failure(&missing_blocks)),
            (None, false) => None,
        };
        return match pending {
            Some(failure) => html! {
                <section class="reader" aria-busy={failure.is_none().to_string()}>
                    <nav class="reader-nav">{ back }</nav>
                    // No data-article-id until the article is there whole.
                    <article class="pending">
                        if let Some(reason) = failure {
                            <p class="text-error" role="alert">{ t.article_failed }<br /><small>{ reason }</small></p>
                        } else {
                            <p class="text-pending">{ t.text_loading }</p>
                        }
                    </article>
                </section>
            },
            None => html! {
                <section class="reader">
                    <nav class="reader-nav">{ back }</nav>
                    <p class="empty">{ (t.not_found)(&props.id) }</p>
                </section>
            },
        };
    };
    let head = Heading::from(article);
    // The passages of it the reader clipped are marked where they are.
    let passages: Vec<String> = kept
        .clips_of(&article.id)
        .into_iter()
        .filter_map(|clip| clip.passage)
        .collect();

    let captions_after = |n: usize| {
        captions
            .iter()
            .filter(move |(after, _)| *after == n)
            .map(|(_, (text, ranges))| html! {
                <p class="caption"><Highlighted text={text.clone()} ranges={ranges.clone()} /></p>
            })
            .collect::<Html>()
    };
    let origin = article.origin.as_ref().map(|o| match &o.format {
        Some(format) => (t.origin_document)(&o.file, format),
        None => (t.origin)(&o.file, o.line_start, o.line_end),
    });
    let open = |id: Option<String>, label: &'static str, class: &'static str| {
        let on_navigate = props.on_navigate.clone();
        match id {
            Some(id) => {
                html! { <button type="button" class={classes!("nav-article", class)} onclick={Callback::from(move |_| on_navigate.emit(Navigation::Open(id.clone())))}>{ label }</button> }
            }
            None => {
                html! { <button type="button" class={classes!("nav-article", class)} disabled=true>{ label }</button> }
            }
        }
    };
    let more_from_source = article.source.clone().map(|source| {
        let on_navigate = props.on_navigate.clone();
        let onclick = Callback::from(move |_| on_navigate.emit(Navigation::Search(SearchState { sources: vec![source.clone()], ..SearchState::default() })));
        html! { <button type="button" class="link-button" {onclick}>{ t.more_from_source }</button> }
    });
    let same_day = article.date.clone().map(|date| {
        let on_navigate = props.on_navigate.clone();
        let onclick = Callback::from(move |_| {
            on_navigate.emit(Navigation::Search(SearchState {
                from: Some(date.clone()),
                to: Some(date.clone()),
                ..SearchState::default()
            }))
        });
        html! { <button type="button" class="link-button" {onclick}>{ t.same_day }</button> }
    });
    let copy_link = {
        let copied = copied.clone();
        Callback::from(move |_| {
            copy(&gloo::utils::window().location().href().unwrap_or_default());
            copied.set(Some(t.link_copied));
        })
    };
    // The Korean style (저자, 「제목」, 『매체』, 2020. 8. 26., URL) or an APA-like one, by the
    // interface's language.
    let citation = match lang {
        crate::i18n::Lang::Ko => jikji_export::korean_citation(&jikji_export::Entry::of(article)),
        crate::i18n::Lang::En => jikji_export::apa_citation(&jikji_export::Entry::of(article)),
    };
    let copy_citation = {
        let copied = copied.clone();
        Callback::from(move |_| {
            copy(&citation);
            copied.set(Some(t.citation_copied));
        })
    };
    let versions = (!group.is_empty()).then(|| {
        let items = group.iter().filter(|&&d| Some(d) != doc).map(|&d| {
            let first = (d == group[0]).then(|| html! { <span class="first-version">{ t.first_version }</span> });
            match props.index.article(d) {
                Some(version) => {
                    let head = Heading::from(version);
                    let on_navigate = props.on_navigate.clone();
                    let id = version.id.clone();
                    let onclick = Callback::from(move |_| on_navigate.emit(Navigation::Open(id.clone())));
                    html! {
                        <li data-article-id={version.id.clone()}>
                            <button type="button" class="version-open" {onclick}>
                                <span class="version-meta">{ meta_line(&head, t) }{ for first }</span>
                                <span class="version-title">{ head.title.clone() }</span>
                            </button>
                        </li>
                    }
                }
                None => html! { <li class="text-pending">{ t.text_loading }</li> },
            }
        });
        html! {
            <aside class="versions-box" aria-label={t.other_versions}>
                <h2>{ t.other_versions }</h2>
                <ul>{ for items }</ul>
            </aside>
        }
    });
    let related_box = related.map(|related| {
        let toggle = {
            let within_a_year = within_a_year.clone();
            Callback::from(move |_| within_a_year.set(!*within_a_year))
        };
        let list = match related {
            Ok(list) if list.is_empty() => html! { <p class="related-none">{ t.related_none }</p> },
            Ok(list) => html! {
                <ul>{ for list.iter().map(|r| match props.index.article(r.doc) {
                    Some(other) => {
                        let head = Heading::from(other);
                        let on_navigate = props.on_navigate.clone();
                        let id = other.id.clone();
                        let onclick = Callback::from(move |_| on_navigate.emit(Navigation::Open(id.clone())));
                        html! {
                            <li data-article-id={other.id.clone()}>
                                <button type="button" class="related-open" {onclick}>
                                    <span class="version-title">{ head.title.clone() }</span>
                                    <span class="version-meta">{ meta_line(&head, t) }</span>
                                    <span class="related-reason">{ (t.related_reason)(&r.reason.join(", ")) }</span>
                                </button>
                            </li>
                        }
                    }
                    None => html! { <li class="text-pending">{ t.text_loading }</li> },
                }) }</ul>
            },
            Err(Error::Absent) => html! { <p class="text-pending">{ t.text_loading }</p> },
            Err(e) => html! { <p class="text-error">{ (t.blocks_failed)(&e.to_string()) }</p> },
        };
        html! {
            <aside class="related-box" aria-label={t.related_heading}>
                <div class="related-head">
                    <h2>{ t.related_heading }</h2>
                    <label class="related-near">
                        <input type="checkbox" checked={*within_a_year} onchange={toggle} />
                        { t.related_within_a_year }
                    </label>
                </div>
                { list }
            </aside>
        }
    });
    let previous_match = {
        let step = step.clone();
        Callback::from(move |_| step.emit(false))
    };
    let next_match = Callback::from(move |_| step.emit(true));

    html! {
        <section class="reader">
            <nav class="reader-nav" aria-label={t.article_navigation}>
                { back }
                if match_count > 0 {
                    <span class="matches" role="group" aria-label={t.matches}>
                        <button type="button" class="icon-button" aria-label={t.previous_match} onclick={previous_match}>{"▲"}</button>
                        <span class="match-count" aria-live="polite">
                            { match *current {
                                Some(i) => format!("‘{}’ {}/{}", props.state.query.trim(), i + 1, match_count),
                                None => (t.match_count)(props.state.query.trim(), match_count),
                            } }
                        </span>
                        <button type="button" class="icon-button" aria-label={t.next_match} onclick={next_match}>{"▼"}</button>
                    </span>
                }
                <span class="spacer"></span>
                { open(previous, t.previous_article, "previous") }
                if let Some((at, of)) = position {
                    <span class="position">{ format!("{at}/{of}") }</span>
                }
                { open(next, t.next_article, "next") }
            </nav>
            <article data-article-id={article.id.clone()}>
                <h1><Highlighted text={title.0} ranges={title.1} /></h1>
                <p class="meta">{ meta_line(&head, t) }</p>
                if let Some(author) = &article.author {
                    <p class="byline">{ (t.byline)(author) }</p>
                }
                { captions_after(0) }
                { for paragraphs.into_iter().enumerate().map(|(i, (text, ranges))| html! {
                    <>
                        <p><Highlighted clipped={Rc::new(passage_ranges(&text, &passages))} text={text} ranges={ranges} /></p>
                        { captions_after(i + 1) }
                    </>
                }) }
                <footer class="article-footer">
                    if let Some(origin) = origin {
                        <p class="origin">{ origin }</p>
                    }
                    <div class="article-actions">
                        { for more_from_source }
                        { for same_day }
                        <button type="button" class="link-button" onclick={copy_link}>{ t.copy_link }</button>
                        <button type="button" class="link-button" onclick={copy_citation}>{ t.copy_citation }</button>
                        <ClipControls heading={head.clone()} />
                        if let Some(message) = *copied {
                            <span class="copied" role="status">{ message }</span>
                        }
                    </div>
                </footer>
            </article>
            { for versions }
            { for related_box }
        </section>
    }
}
