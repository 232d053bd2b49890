//! The reader: one article in full, with the query's words highlighted.

use std::rc::Rc;

use jikji_engine::snippet::highlight_ranges;
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
    let prepared = props.index.prepare(&props.query);
    let marked = |text: &str| (text.to_owned(), Rc::new(highlight_ranges(text, &prepared)));
    let title = marked(&article.title);
    let paragraphs: Vec<_> = article.paragraphs().map(marked).collect();
    let captions: Vec<_> = article.captions.iter().map(|c| (c.after_paragraph as usize, marked(&c.text))).collect();
    let match_count = title.1.len()
        + paragraphs.iter().map(|(_, r)| r.len()).sum::<usize>()
        + captions.iter().map(|(_, (_, r))| r.len()).sum::<usize>();
    let captions_after = |n: usize| {
        captions
            .iter()
            .filter(move |(after, _)| *after == n)
            .map(|(_, (text, ranges))| html! {
                <p class="caption"><Highlighted text={text.clone()} ranges={ranges.clone()} /></p>
            })
            .collect::<Html>()
    };
    let origin = article.origin.as_ref().map(|o| format!("원문: {} {}–{}행", o.file, o.line_start, o.line_end));
    html! {
        <section class="reader">
            <nav class="reader-nav" aria-label="기사 탐색">
                { back }
                if !props.query.trim().is_empty() {
                    <span class="match-count">{ format!("‘{}’ {}곳", props.query.trim(), match_count) }</span>
                }
            </nav>
            <article data-article-id={article.id.clone()}>
                <h1><Highlighted text={title.0} ranges={title.1} /></h1>
                <p class="meta">{ meta_line(article) }</p>
                if let Some(author) = &article.author {
                    <p class="byline">{ format!("글 {author}") }</p>
                }
                { captions_after(0) }
                { for paragraphs.into_iter().enumerate().map(|(i, (text, ranges))| html! {
                    <>
                        <p><Highlighted text={text} ranges={ranges} /></p>
                        { captions_after(i + 1) }
                    </>
                }) }
                if let Some(origin) = origin {
                    <p class="origin">{ origin }</p>
                }
            </article>
        </section>
    }
}
