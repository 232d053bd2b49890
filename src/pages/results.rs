//! The result list of a query (or, for an empty query, the whole archive, newest first).

use std::rc::Rc;

use jikji_engine::SearchOptions;
use yew::prelude::*;

use crate::components::ResultItem;
use crate::index_data::IndexHandle;

/// Results shown at first and added by each "more" click. Enough to fill a screen twice
/// without rendering hundreds of entries on every keystroke.
const PAGE_SIZE: usize = 30;

#[derive(Properties, PartialEq)]
pub struct ResultsPageProps {
    pub index: IndexHandle,
    pub query: AttrValue,
    pub on_open: Callback<String>,
}

#[function_component(ResultsPage)]
pub fn results_page(props: &ResultsPageProps) -> Html {
    let shown = use_state(|| PAGE_SIZE);
    {
        let shown = shown.clone();
        use_effect_with(props.query.clone(), move |_| shown.set(PAGE_SIZE));
    }
    let results = {
        let index = props.index.clone();
        use_memo((props.query.clone(), *shown), move |(query, limit)| {
            index.search(query, &SearchOptions { limit: *limit, ..SearchOptions::default() })
        })
    };
    let query = props.query.as_str().trim();
    let summary = if query.is_empty() {
        format!("전체 기사 {}건 · 최신순", results.total)
    } else {
        format!("‘{query}’ 검색 결과 {}건", results.total)
    };
    let more = (results.total > results.hits.len()).then(|| {
        let shown = shown.clone();
        let onclick = Callback::from(move |_| shown.set(*shown + PAGE_SIZE));
        html! { <button class="more" {onclick}>{ format!("더 보기 ({}건 남음)", results.total - results.hits.len()) }</button> }
    });
    html! {
        <section class="results" aria-label="검색 결과">
            <p class="count" aria-live="polite">{ summary }</p>
            { for results.prepared.suggestions.iter().map(|s| html! {
                <p class="suggestion">
                    { format!("‘{}’", s.word) }{ " → " }<strong>{ s.also.join(", ") }</strong>{ "도 함께 보여 드립니다" }
                </p>
            }) }
            if results.total == 0 {
                <div class="empty">
                    <p>{ format!("‘{query}’에 맞는 기사가 없습니다.") }</p>
                    <p class="hint">{ "모든 단어가 들어 있는 기사만 보여 줍니다. 단어를 줄이거나 다른 표기로 찾아 보세요." }</p>
                </div>
            }
            <ol class="result-list">
                { for results.hits.iter().filter_map(|hit| {
                    let article = props.index.article(hit.doc)?;
                    Some(html! {
                        <ResultItem
                            key={article.id.clone()}
                            article={Rc::new(article.clone())}
                            hit={Rc::new(hit.clone())}
                            query={props.query.clone()}
                            on_open={props.on_open.clone()}
                        />
                    })
                }) }
            </ol>
            { for more }
        </section>
    }
}
