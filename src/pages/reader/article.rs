//! The reader's article: its title, meta line and byline, its paragraphs and captions with the
//! query's matches highlighted and the reader's clipped passages marked, and its footer (where
//! it came from; more from its source and day, copy link and citation, the clip buttons).

use std::ops::Range;
use std::rc::Rc;

use jikji_engine::marks::Marks;
use jikji_engine::snippet::highlight_ranges;
use jikji_engine::Article;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use crate::components::highlighted::passage_ranges;
use crate::components::result_item::{meta_line, Heading};
use crate::components::Highlighted;
use crate::i18n::{Lang, Strings};
use crate::navigation::Navigation;
use crate::pages::ClipControls;
use crate::route::SearchState;

/// A text and the byte ranges of its matches.
pub type Marked = (String, Rc<Vec<Range<usize>>>);

/// An article's texts with the query's matches found in them, in reading order: the marks the
/// reader steps through.
#[derive(PartialEq, Default)]
pub struct MarkedArticle {
    pub title: Marked,
    pub paragraphs: Vec<Marked>,
    /// Each caption with the number of the paragraph it follows (0: before the first).
    pub captions: Vec<(usize, Marked)>,
}

impl MarkedArticle {
    /// `article`'s texts marked where `marks` match (empty while its text is on its way).
    pub fn new(article: Option<&Article>, marks: &Marks) -> Self {
        let marked = |text: &str| (text.to_owned(), Rc::new(highlight_ranges(text, marks)));
        MarkedArticle {
            title: marked(article.map_or("", |a| a.title.as_str())),
            paragraphs: article
                .into_iter()
                .flat_map(|a| a.paragraphs())
                .map(marked)
                .collect(),
            captions: article
                .into_iter()
                .flat_map(|a| &a.captions)
                .map(|c| (c.after_paragraph as usize, marked(&c.text)))
                .collect(),
        }
    }

    /// How many matches are marked in it.
    pub fn match_count(&self) -> usize {
        self.title.1.len()
            + self.paragraphs.iter().map(|(_, r)| r.len()).sum::<usize>()
            + self
                .captions
                .iter()
                .map(|(_, (_, r))| r.len())
                .sum::<usize>()
    }
}

/// What the reader shows of its article.
pub struct ArticleView<'a> {
    pub article: &'a Article,
    pub marked: &'a MarkedArticle,
    /// The passages of it the reader clipped, marked where they are.
    pub passages: Vec<String>,
    /// The interface's language, which chooses the citation's style.
    pub lang: Lang,
    /// What was just copied ("link copied"), said until another article is shown.
    pub copied: UseStateHandle<Option<&'static str>>,
    pub on_navigate: &'a Callback<Navigation>,
}

/// The article, as [`MarkedArticle`] marks it (a view function: a component costs the app's
/// code a few kB).
pub fn article_view(t: &'static Strings, props: &ArticleView) -> Html {
    let article = props.article;
    let head = Heading::from(article);
    let marked = props.marked;
    let captions_after = |n: usize| {
        marked
            .captions
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
    html! {
        <article data-article-id={article.id.clone()}>
            <h1><Highlighted text={marked.title.0.clone()} ranges={marked.title.1.clone()} /></h1>
            <p class="meta">{ meta_line(&head, t) }</p>
            if let Some(author) = &article.author {
                <p class="byline">{ (t.byline)(author) }</p>
            }
            { captions_after(0) }
            { for marked.paragraphs.iter().enumerate().map(|(i, (text, ranges))| html! {
                <>
                    <p><Highlighted clipped={Rc::new(passage_ranges(text, &props.passages))} text={text.clone()} ranges={ranges.clone()} /></p>
                    { captions_after(i + 1) }
                </>
            }) }
            <footer class="article-footer">
                if let Some(origin) = origin {
                    <p class="origin">{ origin }</p>
                }
                { article_actions(t, head, citation(article, props.lang), &props.copied, props.on_navigate) }
            </footer>
        </article>
    }
}

/// More from the article's source and from its day, copy link, copy `citation` (with a line
/// saying it was `copied`) and the clip buttons.
fn article_actions(
    t: &'static Strings,
    head: Heading,
    citation: String,
    copied: &UseStateHandle<Option<&'static str>>,
    on_navigate: &Callback<Navigation>,
) -> Html {
    let search = |label: &'static str, state: SearchState| {
        let on_navigate = on_navigate.clone();
        let onclick = Callback::from(move |_| on_navigate.emit(Navigation::Search(state.clone())));
        html! { <button type="button" class="link-button" {onclick}>{ label }</button> }
    };
    let more_from_source = head.source.clone().map(|source| {
        search(
            t.more_from_source,
            SearchState {
                sources: vec![source],
                ..SearchState::default()
            },
        )
    });
    let same_day = head.date.clone().map(|date| {
        search(
            t.same_day,
            SearchState {
                from: Some(date.clone()),
                to: Some(date),
                ..SearchState::default()
            },
        )
    });
    let copy_link = {
        let copied = copied.clone();
        Callback::from(move |_| {
            copy(&gloo::utils::window().location().href().unwrap_or_default());
            copied.set(Some(t.link_copied));
        })
    };
    let copy_citation = {
        let copied = copied.clone();
        Callback::from(move |_| {
            copy(&citation);
            copied.set(Some(t.citation_copied));
        })
    };
    html! {
        <div class="article-actions">
            { for more_from_source }
            { for same_day }
            <button type="button" class="link-button" onclick={copy_link}>{ t.copy_link }</button>
            <button type="button" class="link-button" onclick={copy_citation}>{ t.copy_citation }</button>
            <ClipControls heading={head} />
            if let Some(message) = **copied {
                <span class="copied" role="status">{ message }</span>
            }
        </div>
    }
}

/// The article cited in the Korean style (저자, 「제목」, 『매체』, 2020. 8. 26., URL) or an
/// APA-like one, by the interface's language.
fn citation(article: &Article, lang: Lang) -> String {
    let entry = jikji_export::Entry::of(article);
    match lang {
        Lang::Ko => jikji_export::korean_citation(&entry),
        Lang::En => jikji_export::apa_citation(&entry),
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
