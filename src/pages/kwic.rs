//! The concordance page (`#/kwic?q=…`): every occurrence of the query's words in the articles
//! of the result list's first pages, one line each — the text before, the match, the text
//! after — with source and date, in text order or sorted by the word before or after (without
//! its particle); each match opens the reader at that occurrence, and the lines export as
//! CSV. An occurrence is what the reader highlights ([`jikji_engine::concordance`]). Computed
//! when the page is shown, never while typing on the results page.

use std::rc::Rc;

use jikji_engine::{
    concordance, Article, DocId, KwicLine, KwicOrder, SearchOptions, SearchResults,
};
use yew::prelude::*;

use crate::i18n::use_strings;
use crate::index_data::IndexHandle;
use crate::route::{Route, SearchState};
use crate::texts::{use_search_texts, use_texts};

/// Articles whose occurrences one page adds ("more" adds as many again).
pub const KWIC_ARTICLES: usize = 50;
/// Characters of context on each side of a match.
const CONTEXT_CHARS: usize = 40;

#[derive(Properties, PartialEq)]
pub struct KwicPageProps {
    pub index: IndexHandle,
    pub order: KwicOrder,
    pub state: SearchState,
}

/// The page: the search, its lines once every article is here, and the layout (most of its
/// length: the order links, the status, the table, "more" and the export).
#[function_component(KwicPage)]
pub fn kwic_page(props: &KwicPageProps) -> Html {
    let t = use_strings();
    let texts = use_texts();
    let articles = props.state.pages.max(1) as usize * KWIC_ARTICLES;
    // The same search as the result list's, for the articles whose lines are shown.
    let results = use_kwic_search(
        &props.index,
        &props.state,
        articles,
        texts.blocks_generation(),
    );
    let docs: Vec<DocId> = results.hits.iter().map(|hit| hit.doc).collect();
    let parts = use_search_texts(&props.index, &results.missing_blocks, &docs);
    let busy = parts.waiting();
    let failed = parts.blocks_failed.clone();
    let lines = if busy {
        Vec::new()
    } else {
        kwic_lines(&props.index, &results, props.order)
    };
    let order_link = |order: KwicOrder, label: &'static str| {
        let href = Route::Kwic {
            order,
            state: props.state.clone(),
        }
        .to_hash();
        let current = (order == props.order).then_some("page");
        html! { <a class={classes!("kwic-order", format!("kwic-order-{}", order.name()))} {href} aria-current={current}>{ label }</a> }
    };
    let more = (results.total > results.hits.len()).then(|| {
        let state = SearchState {
            pages: props.state.pages.max(1) + 1,
            ..props.state.clone()
        };
        Route::Kwic {
            order: props.order,
            state,
        }
        .to_hash()
    });
    let csv = csv_download(&props.index, &lines);
    let back = Route::Search(SearchState {
        pages: 0,
        ..props.state.clone()
    })
    .to_hash();
    html! {
        <section class="kwic" aria-labelledby="kwic-title" aria-busy={busy.to_string()}>
            <nav class="reader-nav">
                <a class="back" href={back}>{ t.back_to_results }</a>
            </nav>
            <h1 id="kwic-title">{ t.kwic }<span class="kwic-query">{ format!(" · {}", props.state.query.trim()) }</span></h1>
            <div class="kwic-orders" role="group" aria-label={t.kwic_order}>
                { order_link(KwicOrder::Text, t.kwic_order_text) }
                { order_link(KwicOrder::Before, t.kwic_order_before) }
                { order_link(KwicOrder::After, t.kwic_order_after) }
            </div>
            if let Some(reason) = failed {
                <p class="text-error" role="alert">{ (t.blocks_failed)(&reason) }</p>
            } else if busy {
                <p class="kwic-status">{ t.kwic_finding }</p>
            } else {
                <p class="count kwic-count">{ (t.kwic_count)(lines.len(), results.hits.len() - parts.articles_failed.len(), results.total) }</p>
                if let Some((_, reason)) = parts.articles_failed.first() {
                    <p class="text-error kwic-articles-failed" role="alert">{ (t.kwic_articles_failed)(parts.articles_failed.len(), reason) }</p>
                }
                <div class="kwic-wrap">
                <table class="kwic-lines">
                    <tbody>
                        { for lines.iter().map(|(_, article, line)| kwic_row(article, line, &props.state)) }
                    </tbody>
                </table>
                </div>
                <div class="kept-file">
                    if let Some(href) = more {
                        <a class="more kwic-more" {href}>{ t.kwic_more }</a>
                    }
                    <button type="button" class="kwic-export" onclick={csv}>{ t.kwic_export }</button>
                </div>
            }
        </section>
    }
}

/// The search of the concordance's `articles` first articles: every article, reprints too
/// (each holds its occurrences); again when blocks arrive (`generation`).
#[hook]
fn use_kwic_search(
    index: &IndexHandle,
    state: &SearchState,
    articles: usize,
    generation: u32,
) -> Rc<SearchResults> {
    let index = index.clone();
    use_memo(
        (state.clone(), articles, generation),
        move |(state, articles, _)| {
            let options = SearchOptions {
                snippets: false,
                group_reprints: false,
                ..state.options(*articles)
            };
            index.search(&state.query, &options)
        },
    )
}

/// Every occurrence in the hits' articles (those here), in `order`.
fn kwic_lines<'a>(
    index: &'a IndexHandle,
    results: &SearchResults,
    order: KwicOrder,
) -> Vec<(DocId, &'a Article, KwicLine)> {
    let mut lines = Vec::new();
    for hit in &results.hits {
        if let Some(article) = index.article(hit.doc) {
            let found = concordance(article, &results.prepared.marks, CONTEXT_CHARS);
            lines.extend(found.into_iter().map(|line| (hit.doc, article, line)));
        }
    }
    order.sort(&mut lines, |(_, _, line)| line);
    lines
}

/// The click that downloads the lines as CSV. The articles are looked up when the file is
/// asked for, not copied at every render.
fn csv_download(
    index: &IndexHandle,
    lines: &[(DocId, &Article, KwicLine)],
) -> Callback<MouseEvent> {
    let index = index.clone();
    let rows: Vec<(DocId, KwicLine)> = lines.iter().map(|(doc, _, l)| (*doc, l.clone())).collect();
    Callback::from(move |_| {
        let refs: Vec<(&Article, &KwicLine)> = rows
            .iter()
            .filter_map(|(doc, line)| Some((index.article(*doc)?, line)))
            .collect();
        super::saved::download("jikji-kwic.csv", "text/csv", &jikji_export::kwic_csv(&refs));
    })
}

/// One line: when and where it is from, the text before (right-aligned), the match (a link to the
/// reader at that occurrence), the text after.
fn kwic_row(article: &Article, line: &KwicLine, state: &SearchState) -> Html {
    let href = Route::Article {
        id: article.id.clone(),
        state: SearchState {
            pages: 0,
            ..state.clone()
        },
        at: Some(line.ordinal),
    }
    .to_hash();
    // The date first: a long source name is cut at the column's end.
    let from: Vec<&str> = [article.date.as_deref(), article.source.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    html! {
        <tr class="kwic-line" data-article-id={article.id.clone()} data-ordinal={line.ordinal.to_string()}>
            <td class="kwic-from" title={article.title.clone()}>{ from.join(" · ") }</td>
            // (Right to left, so a long context is cut at its far end; the text itself left to right.)
            <td class="kwic-left"><span dir="ltr">{ &line.left }</span></td>
            <td class="kwic-match"><a {href} title={article.title.clone()}>{ &line.matched }</a></td>
            <td class="kwic-right">{ &line.right }</td>
        </tr>
    }
}
