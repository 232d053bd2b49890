//! Below the reader's article: the other versions of its story (reprints, the first version
//! marked) and the articles most like it (found when the archive was indexed, with the words
//! they share; within a year of it, as an option). Each opens as a [`Navigation::Open`].

use jikji_engine::error::Error;
use jikji_engine::index::related::Related;
use jikji_engine::DocId;
use yew::prelude::*;

use crate::components::result_item::{meta_line, Heading};
use crate::i18n::Strings;
use crate::index_data::IndexHandle;
use crate::navigation::Navigation;

/// The other versions of the story of the article `doc` (shown, left out of the list): its
/// `group`, first version first.
pub fn versions(
    t: &Strings,
    index: &IndexHandle,
    doc: DocId,
    group: &[DocId],
    on_navigate: &Callback<Navigation>,
) -> Html {
    let Some(&first) = group.first() else {
        return Html::default();
    };
    let items = group.iter().filter(|&&d| d != doc).map(|&d| {
        let first =
            (d == first).then(|| html! { <span class="first-version">{ t.first_version }</span> });
        match index.article(d) {
            Some(version) => {
                let head = Heading::from(version);
                let onclick = open(on_navigate, &version.id);
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
}

/// What the related articles' box shows.
pub struct RelatedArticles {
    pub index: IndexHandle,
    /// The related articles, or why they are not here (`Absent`: their block is on its way).
    pub related: Result<Vec<Related>, Error>,
    pub within_a_year: bool,
    pub on_within_a_year: Callback<bool>,
    pub on_navigate: Callback<Navigation>,
}

/// The articles most like the one shown, each with the words they share.
pub fn related_articles(t: &Strings, props: &RelatedArticles) -> Html {
    let toggle = {
        let (on_within_a_year, within_a_year) =
            (props.on_within_a_year.clone(), props.within_a_year);
        Callback::from(move |_| on_within_a_year.emit(!within_a_year))
    };
    let list = match &props.related {
        Ok(list) if list.is_empty() => html! { <p class="related-none">{ t.related_none }</p> },
        Ok(list) => html! {
            <ul>{ for list.iter().map(|r| match props.index.article(r.doc) {
                Some(other) => {
                    let head = Heading::from(other);
                    let onclick = open(&props.on_navigate, &other.id);
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
                    <input type="checkbox" checked={props.within_a_year} onchange={toggle} />
                    { t.related_within_a_year }
                </label>
            </div>
            { list }
        </aside>
    }
}

/// A click that opens the article `id`.
fn open<E>(on_navigate: &Callback<Navigation>, id: &str) -> Callback<E> {
    let (on_navigate, id) = (on_navigate.clone(), id.to_owned());
    Callback::from(move |_| on_navigate.emit(Navigation::Open(id.clone())))
}
