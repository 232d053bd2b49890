//! Clippings ([`crate::kept`] keeps them): the reader's buttons that clip the article or the
//! passage selected in it, and the clippings page (`#/clippings`), each clipping with its
//! article's title, source and date, the passage, a note, and a link back to the article
//! (where its clipped passages are marked); exported as Markdown, in the export formats
//! (CSV, JSON Lines, CSL-JSON, RIS, BibTeX: each clipped article with its passage) or, with
//! everything kept, as JSON.

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::result_item::Heading;
use crate::i18n::use_strings;
use crate::kept::{use_kept, Clip};
use crate::route::{Route, SearchState};

/// How long after the last keystroke a note is kept (ms).
const NOTE_PAUSE_MS: u32 = 600;

#[derive(Properties, PartialEq)]
pub struct ClipControlsProps {
    pub heading: Heading,
}

/// "☆ 스크랩" (the whole article, again to unclip it) and "선택한 구절 스크랩" (the text selected
/// in the article), with a line saying what happened.
#[function_component(ClipControls)]
pub fn clip_controls(props: &ClipControlsProps) -> Html {
    let t = use_strings();
    let kept = use_kept();
    let said = use_state(|| None::<&'static str>);
    // The last passage selected inside the article (a click on the button may clear the
    // selection before the click is seen).
    let selected = use_mut_ref(String::new);
    {
        let selected = selected.clone();
        use_effect_with(props.heading.id.clone(), move |_| {
            let listener =
                EventListener::new(&gloo::utils::document(), "selectionchange", move |_| {
                    if let Some(text) = selection_in_article() {
                        *selected.borrow_mut() = text;
                    }
                });
            move || drop(listener)
        });
    }
    let whole = kept
        .clips_of(&props.heading.id)
        .into_iter()
        .find(|c| c.passage.is_none());
    let star = {
        let (kept, heading, said, whole) = (
            kept.clone(),
            props.heading.clone(),
            said.clone(),
            whole.clone(),
        );
        Callback::from(move |_| match &whole {
            Some(clip) => {
                kept.remove_clip(&clip.id);
                said.set(None);
            }
            None => {
                kept.clip(&heading, None);
                said.set(Some(t.clipped));
            }
        })
    };
    let passage = {
        let (kept, heading, said) = (kept.clone(), props.heading.clone(), said.clone());
        Callback::from(move |_| {
            let text = selection_in_article().unwrap_or_else(|| selected.borrow().clone());
            if text.trim().is_empty() {
                said.set(Some(t.select_first));
            } else {
                kept.clip(&heading, Some(text));
                selected.borrow_mut().clear();
                said.set(Some(t.clipped));
            }
        })
    };
    let to_clippings = Route::Clippings(SearchState::default()).to_hash();
    html! {
        <>
            <button type="button" class={classes!("link-button", "clip-article", whole.is_some().then_some("on"))}
                aria-pressed={whole.is_some().to_string()} onclick={star}>
                { if whole.is_some() { t.clipped_article } else { t.clip_article } }
            </button>
            <button type="button" class="link-button clip-passage" onclick={passage}>{ t.clip_passage }</button>
            if let Some(message) = *said {
                <span class="clip-said" role="status">
                    { message }
                    if message == t.clipped {
                        { " " }<a href={to_clippings}>{ t.clippings }</a>
                    }
                </span>
            }
        </>
    }
}

/// The text selected inside the article shown, if any.
fn selection_in_article() -> Option<String> {
    let selection = gloo::utils::window().get_selection().ok().flatten()?;
    if selection.is_collapsed() {
        return None;
    }
    let article = gloo::utils::document()
        .query_selector("article[data-article-id]")
        .ok()
        .flatten()?;
    let anchor = selection.anchor_node()?;
    let focus = selection.focus_node()?;
    if !(article.contains(Some(&anchor)) && article.contains(Some(&focus))) {
        return None;
    }
    let text = String::from(selection.to_string());
    (!text.trim().is_empty()).then_some(text)
}

#[derive(Properties, PartialEq)]
pub struct ClippingsPageProps {
    /// The result list to go back to.
    pub state: SearchState,
}

/// The clippings, newest first.
#[function_component(ClippingsPage)]
pub fn clippings_page(props: &ClippingsPageProps) -> Html {
    let t = use_strings();
    let kept = use_kept();
    let clips = kept.clips();
    let report = use_state(|| None::<Result<String, String>>);
    let back = Route::Search(props.state.clone()).to_hash();
    let markdown = {
        let kept = kept.clone();
        Callback::from(move |_| {
            let name = format!("jikji-{}-clippings.md", kept.archive());
            super::saved::download(&name, "text/markdown", &kept.clips_markdown(t.clippings));
        })
    };
    // The clippings in the export formats: each clipped article, its passage as the text that
    // goes with it (the snippet's place), the note left out.
    let in_format = |format: jikji_export::Format| {
        let kept = kept.clone();
        Callback::from(move |_| {
            let articles: Vec<(jikji_engine::Article, Option<String>)> =
                kept.clips().into_iter().map(clip_article).collect();
            let entries: Vec<jikji_export::Entry> = articles
                .iter()
                .map(|(article, passage)| jikji_export::Entry {
                    article,
                    snippet: passage.as_deref(),
                })
                .collect();
            let options = jikji_export::Options {
                text: jikji_export::Text::Snippet,
                accessed: super::export::today(),
            };
            let name = format!("jikji-{}-clippings.{}", kept.archive(), format.extension());
            super::saved::download(
                &name,
                format.media_type(),
                &format.write(&entries, &options),
            );
        })
    };
    html! {
        <section class="clippings" aria-labelledby="clippings-title">
            <nav class="reader-nav">
                <a class="back" href={back}>{ t.back_to_results }</a>
            </nav>
            <h1 id="clippings-title">{ t.clippings }</h1>
            if clips.is_empty() {
                <p class="empty">{ t.no_clippings }</p>
            } else {
                <p class="count">{ (t.clippings_count)(clips.len()) }</p>
                <ul class="clip-list">{ for clips.into_iter().map(|clip| { let key = clip.id.clone(); html! { <ClipItem {key} {clip} /> } }) }</ul>
                <div class="kept-file">
                    <button type="button" class="export-markdown" onclick={markdown}>{ t.export_markdown }</button>
                    { for jikji_export::Format::ALL.into_iter().map(|format| html! {
                        <button type="button" class={classes!("export-clips", format!("export-clips-{}", format.extension()))}
                            onclick={in_format(format)}>{ super::export::format_label(format) }</button>
                    }) }
                </div>
            }
            // Everything kept (saved searches, reads, clippings), here even when nothing is yet:
            // a browser that keeps nothing imports here.
            <super::saved::KeptFile kept={kept.clone()} report={report.clone()} />
            <p class="kept-here">{ t.kept_here }</p>
        </section>
    }
}

/// A clipping as the article the export formats write: what the clipping kept of it (id,
/// title, source, date), and its passage.
fn clip_article(clip: Clip) -> (jikji_engine::Article, Option<String>) {
    let mut article = jikji_engine::Article::new(clip.article, clip.title, "");
    article.source = clip.source;
    article.date = clip.date;
    (article, clip.passage)
}

#[derive(Properties, PartialEq)]
struct ClipItemProps {
    clip: Clip,
}

#[function_component(ClipItem)]
fn clip_item(props: &ClipItemProps) -> Html {
    let t = use_strings();
    let kept = use_kept();
    let clip = &props.clip;
    let href = Route::Article {
        id: clip.article.clone(),
        state: SearchState::default(),
        at: None,
    }
    .to_hash();
    let meta: Vec<&str> = [clip.source.as_deref(), clip.date.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    // The note is kept a moment after typing stops, and when the field is left.
    let pending = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
    let keep_note = {
        let (kept, id) = (kept.clone(), clip.id.clone());
        move |area: web_sys::HtmlTextAreaElement| {
            let kept_now = kept.clips_of_id(&id).map(|c| c.note).unwrap_or_default();
            if area.value() != kept_now {
                kept.set_note(&id, &area.value());
            }
        }
    };
    let area_of = |target: Option<web_sys::EventTarget>| {
        target.and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    };
    let on_input = {
        let (keep_note, pending) = (keep_note.clone(), pending.clone());
        Callback::from(move |event: InputEvent| {
            if let Some(area) = area_of(event.target()) {
                let keep_note = keep_note.clone();
                let later =
                    gloo::timers::callback::Timeout::new(NOTE_PAUSE_MS, move || keep_note(area));
                *pending.borrow_mut() = Some(later);
            }
        })
    };
    let on_leave = Callback::from(move |event: FocusEvent| {
        pending.borrow_mut().take();
        if let Some(area) = area_of(event.target()) {
            keep_note(area);
        }
    });
    let remove = {
        let (kept, id) = (kept.clone(), clip.id.clone());
        Callback::from(move |_| kept.remove_clip(&id))
    };
    html! {
        <li class="clip" data-clip-id={clip.id.clone()}>
            <a class="clip-title" {href}>{ clip.title.clone() }</a>
            <p class="meta">{ meta.join(" · ") }</p>
            { match &clip.passage {
                Some(passage) => html! { <blockquote class="clip-passage-text">{ passage.clone() }</blockquote> },
                None => html! { <p class="clip-whole">{ t.whole_article }</p> },
            } }
            <label class="clip-note">
                <span>{ t.note }</span>
                <textarea rows="2" value={clip.note.clone()} oninput={on_input} onblur={on_leave}></textarea>
            </label>
            <button type="button" class="remove-clip link-button" onclick={remove}>{ t.remove_clip }</button>
        </li>
    }
}
