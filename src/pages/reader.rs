//! The reader: one article in full, with the query's words highlighted.

use std::rc::Rc;

use jikji_engine::snippet::highlight_ranges;
use jikji_engine::Query;
use yew::prelude::*;

use crate::components::result_item::meta_line;
use crate::components::Highlighted;
use crate::index_data::IndexHandle;

#[derive(Properties, PartialEq)]
pub struct ReaderPageProps {
    pub index: IndexHandle,
    pub id: AttrValue,
    pub query: AttrValue,
    pub on_back: Callback<()>,
}

#[function_component(ReaderPage)]
pub fn reader_page(props: &ReaderPageProps) -> Html {
    let back = {
        let on_back = props.on_back.clone();
        let label = if props.query.trim().is_empty() { "← 기사 목록" } else { "← 검색 결과" };
        html! { <button class="back" onclick={Callback::from(move |_| on_back.emit(()))}>{ label }</button> }
    };
    let Some(article) = props.index.doc_by_id(&props.id).and_then(|doc| props.index.article(doc)) else {
        return html! {
            <section class="reader">
                { back }
                <p class="empty">{ format!("기사 ‘{}’를 찾을 수 없습니다.", props.id) }</p>
            </section>
        };
    };
    let query = Query::parse(&props.query);
    let title_ranges = Rc::new(highlight_ranges(&article.title, &query));
    let paragraphs: Vec<(String, Rc<Vec<std::ops::Range<usize>>>)> = article
        .paragraphs()
        .map(|p| (p.to_owned(), Rc::new(highlight_ranges(p, &query))))
        .collect();
    let match_count: usize = title_ranges.len() + paragraphs.iter().map(|(_, r)| r.len()).sum::<usize>();
    html! {
        <section class="reader">
            <nav class="reader-nav" aria-label="기사 탐색">
                { back }
                if !query.is_empty() {
                    <span class="match-count">{ format!("‘{}’ {}곳", props.query.trim(), match_count) }</span>
                }
            </nav>
            <article data-article-id={article.id.clone()}>
                <h1><Highlighted text={article.title.clone()} ranges={title_ranges} /></h1>
                <p class="meta">{ meta_line(article) }</p>
                { for paragraphs.into_iter().map(|(text, ranges)| html! {
                    <p><Highlighted text={text} ranges={ranges} /></p>
                }) }
            </article>
        </section>
    }
}
