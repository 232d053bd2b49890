//! The reader: one article in full, the query's words highlighted with previous/next match
//! navigation (buttons and n/N), the previous and next article of the current results, links
//! to more from the same source and the same day, the other versions of its story (reprints),
//! the articles most like it (found when the archive was indexed; within a year of it, as
//! an option), and copy link / copy citation. Where it leads it reports as a [`Navigation`]:
//! `Back`, `Open` (previous / next), `Search` (more from the source, the same day).
//!
//! The page finds the article and asks for the parts it shows; its pieces are `nav.rs` (the
//! bar), `article.rs` (the article and its footer), `related.rs` (versions and related
//! articles) and `matches.rs` (the current match, the hook [`use_match_navigation`]).

mod article;
mod matches;
mod nav;
mod related;

use std::rc::Rc;

use jikji_engine::error::Error;
use jikji_engine::index::related::Related;
use jikji_engine::{Block, DocId};
use yew::prelude::*;

use crate::embed::use_mount;
use crate::hooks::{use_citation_meta, use_document_title};
use crate::i18n::{use_strings, Lang, Strings};
use crate::index_data::IndexHandle;
use crate::kept::{use_kept, KeptHandle};
use crate::navigation::Navigation;
use crate::route::SearchState;
use crate::texts::{use_texts, Texts};
use article::{article_view, ArticleView, MarkedArticle};
use matches::use_match_navigation;
use nav::{back_button, reader_nav, ReaderNav};
use related::{related_articles, versions, RelatedArticles};

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

/// The page: the article's lookup, the hooks that ask for what it shows (their order is the
/// order of its effects), and its layout. It stays long because yew's hooks run in the page's
/// body, before the early return while the article is on its way, and the views it hands
/// their values to are written out field by field.
#[function_component(ReaderPage)]
pub fn reader_page(props: &ReaderPageProps) -> Html {
    let t = use_strings();
    let texts = use_texts();
    let index = &props.index;
    // The id's block of the ids dictionary may still be to fetch (asked for below, with the
    // query's blocks).
    let lookup = index.find_id(&props.id);
    let awaiting_id = matches!(lookup, Err(Error::Absent));
    let doc = lookup.ok().flatten();
    // The article's text may still be to fetch (see `crate::texts`).
    let missing = doc.and_then(|d| index.missing_text(d));
    use_texts_of(&texts, index, doc.into_iter().collect());
    let article = doc.and_then(|d| index.article(d));
    let kept = use_kept();
    use_mark_read(&kept, article.is_some().then(|| props.id.clone()));
    // The query's marks and the list's order read postings: blocks they lacked are asked for,
    // and both are made again when they arrive.
    let generation = texts.blocks_generation();
    let prepared = {
        let index = index.clone();
        use_memo(
            (props.state.query.clone(), generation),
            move |(query, _)| index.prepare(query),
        )
    };
    let (previous_doc, next_doc, position) = use_neighbours(index, &props.state, doc, generation);
    // The articles most like it: their block is fetched when the reader shows it.
    let within_a_year = use_state(|| false);
    let related = doc.map(|d| index.related_articles(d, *within_a_year));
    let missing_blocks = index.take_missing_blocks();
    // The other versions of its story (reprints), first version first.
    let group: Vec<DocId> = doc.map_or(Vec::new(), |d| index.reprints_of(d).to_vec());
    use_parts_around(
        &texts,
        index,
        &related,
        &missing_blocks,
        [previous_doc, next_doc],
        &group,
    );
    let embedded = use_mount().is_embedded();
    let lang = use_context::<Lang>().unwrap_or_default();
    use_citation_meta(article.cloned(), lang.code(), embedded);
    use_document_title(article.map(|a| a.title.clone()), t.page_title, embedded);
    // (Empty while the article's text is on its way: the hooks below run on every render.)
    let marked = Rc::new(MarkedArticle::new(article, &prepared.marks));
    let match_count = marked.match_count();
    let matches = use_match_navigation(&props.id, props.at, match_count);
    let copied = use_copied(&props.id);

    let back_to_all = props.state.query.trim().is_empty() && !props.state.filtered();
    let (Some(doc), Some(article)) = (doc, article) else {
        // The article (or which article the id names) is on its way, or failed: say which.
        let failure = match (missing, awaiting_id) {
            (Some(chunk), _) => Some(texts.failure(chunk)),
            (None, true) => Some(texts.blocks_failure(&missing_blocks)),
            (None, false) => None,
        };
        let back = back_button(t, back_to_all, &props.on_navigate);
        return not_shown(t, back, failure, &props.id);
    };
    let id_of = |doc: Option<DocId>| doc.and_then(|d| index.id(d)).map(str::to_owned);
    let on_within_a_year = {
        let within_a_year = within_a_year.clone();
        Callback::from(move |near| within_a_year.set(near))
    };
    html! {
        <section class="reader">
            { reader_nav(t, &ReaderNav {
                back_to_all,
                on_navigate: props.on_navigate.clone(),
                query: AttrValue::from(props.state.query.trim().to_owned()),
                match_count,
                current_match: matches.current,
                on_step: matches.step,
                previous: id_of(previous_doc),
                next: id_of(next_doc),
                position,
            }) }
            { article_view(t, &ArticleView {
                article,
                marked: &marked,
                passages: clipped_passages(&kept, &article.id),
                lang,
                copied,
                on_navigate: &props.on_navigate,
            }) }
            if !group.is_empty() {
                { versions(t, index, doc, &group, &props.on_navigate) }
            }
            if let Some(related) = related {
                { related_articles(t, &RelatedArticles {
                    index: index.clone(),
                    related,
                    within_a_year: *within_a_year,
                    on_within_a_year,
                    on_navigate: props.on_navigate.clone(),
                }) }
            }
        </section>
    }
}

/// The reader while its article is not shown: on its way (`Some(None)`), failed (`Some(Some(
/// reason))`), or named by no article in the archive (`None`).
fn not_shown(t: &Strings, back: Html, failure: Option<Option<String>>, id: &str) -> Html {
    match failure {
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
                <p class="empty">{ (t.not_found)(id) }</p>
            </section>
        },
    }
}

/// Asks for the text chunks of `docs` that are not here yet (again when that list changes).
#[hook]
fn use_texts_of(texts: &Texts, index: &IndexHandle, docs: Vec<DocId>) {
    let chunks: Vec<usize> = docs.iter().filter_map(|&d| index.missing_text(d)).collect();
    let texts = texts.clone();
    use_effect_with(chunks, move |chunks| texts.request(chunks.iter().copied()));
}

/// Asks for what the reader shows around the article: the texts of its related articles, the
/// blocks its query and list lacked, the texts of its neighbours in the list (their ids come
/// with them) and of the other versions of its story.
#[hook]
fn use_parts_around(
    texts: &Texts,
    index: &IndexHandle,
    related: &Option<Result<Vec<Related>, Error>>,
    missing_blocks: &[Block],
    neighbours: [Option<DocId>; 2],
    group: &[DocId],
) {
    let related_docs = match related {
        Some(Ok(list)) => list.iter().map(|r| r.doc).collect(),
        _ => Vec::new(),
    };
    use_texts_of(texts, index, related_docs);
    {
        let texts = texts.clone();
        use_effect_with(missing_blocks.to_vec(), move |missing| {
            texts.request_blocks(missing.iter().copied())
        });
    }
    use_texts_of(texts, index, neighbours.into_iter().flatten().collect());
    use_texts_of(texts, index, group.to_vec());
}

/// What the article's actions say was just copied, until another article is shown.
#[hook]
fn use_copied(id: &AttrValue) -> UseStateHandle<Option<&'static str>> {
    let copied = use_state(|| None::<&'static str>);
    {
        let copied = copied.clone();
        use_effect_with(id.clone(), move |_| copied.set(None));
    }
    copied
}

/// The passages of the article `id` the reader clipped.
fn clipped_passages(kept: &KeptHandle, id: &str) -> Vec<String> {
    kept.clips_of(id)
        .into_iter()
        .filter_map(|clip| clip.passage)
        .collect()
}

/// An article opened is read: result lists mark it so from now on.
#[hook]
fn use_mark_read(kept: &KeptHandle, shown: Option<AttrValue>) {
    let kept = kept.clone();
    use_effect_with(shown, move |shown| {
        if let Some(id) = shown {
            kept.mark_read(jikji_engine::article_key(id));
        }
    });
}

/// The articles before and after `doc` in the list `state` gives, and `doc`'s place in it
/// (from 1) with the list's length.
#[hook]
fn use_neighbours(
    index: &IndexHandle,
    state: &SearchState,
    doc: Option<DocId>,
    generation: u32,
) -> (Option<DocId>, Option<DocId>, Option<(usize, usize)>) {
    let index = index.clone();
    let neighbours = use_memo((state.clone(), doc, generation), move |(state, doc, _)| {
        let order = index.ranked(&state.query, &state.options(0));
        let at = doc.and_then(|d| order.iter().position(|x| *x == d));
        let doc_at = |i: Option<usize>| i.and_then(|i| order.get(i)).copied();
        (
            doc_at(at.and_then(|i| i.checked_sub(1))),
            doc_at(at.map(|i| i + 1)),
            at.map(|i| (i + 1, order.len())),
        )
    });
    *neighbours
}
