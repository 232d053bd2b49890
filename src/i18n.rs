//! The interface's words, in Korean (the default) and English. Every visible string of the app
//! is a field of [`Strings`]; components read the current language from the Yew context that
//! [`crate::app`] provides (`use_strings()`), so a switch re-renders everything at once. The
//! choice is remembered in localStorage and set as `lang` on `<html>` (or, embedded, on the
//! app's element, where the host may preset it with `data-lang="en"`). Article text is never
//! translated; dates stay ISO.

use yew::prelude::*;

const STORAGE_KEY: &str = "jikji-lang";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    Ko,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ko => "ko",
            Lang::En => "en",
        }
    }

    fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().get(..2)? {
            "ko" => Some(Lang::Ko),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Ko => Lang::En,
            Lang::En => Lang::Ko,
        }
    }

    /// The remembered choice, else the language the host asks for (`data-lang`, when
    /// embedded), else Korean.
    pub fn initial(host: Option<&str>) -> Lang {
        let stored = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
        stored
            .as_deref()
            .or(host)
            .and_then(Lang::from_code)
            .unwrap_or_default()
    }

    /// Remembers the reader's choice for the next visit.
    pub fn remember(self) {
        if let Some(storage) = storage() {
            let _ = storage.set_item(STORAGE_KEY, self.code());
        }
    }

    /// Marks `target` (the document, or, embedded, the app's element: see
    /// `crate::embed::Mount::marked_element`) with the language, for screen readers, fonts and
    /// hyphenation.
    pub fn mark(self, target: Option<&web_sys::Element>) {
        if let Some(target) = target {
            let _ = target.set_attribute("lang", self.code());
        }
    }

    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::Ko => &KO,
            Lang::En => &EN,
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    gloo::utils::window().local_storage().ok().flatten()
}

/// The strings of the language in context (Korean outside any provider).
#[hook]
pub fn use_strings() -> &'static Strings {
    use_context::<Lang>().unwrap_or_default().strings()
}

/// Every string the interface shows. Formatted ones are functions of their values.
pub struct Strings {
    // Frame
    /// While the archive's index is on its way.
    pub opening: &'static str,
    pub index_error_title: &'static str,
    pub home: &'static str,
    pub footer_count: fn(usize) -> String,
    pub footer_keys: &'static str,
    pub switch_language: &'static str,
    pub switch_language_short: &'static str,
    pub to_light: &'static str,
    pub to_dark: &'static str,
    pub page_title: &'static str,
    // Search box
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    // Results
    pub all_articles: fn(usize) -> String,
    pub filtered_articles: fn(usize) -> String,
    pub results_for: fn(&str, usize) -> String,
    pub show_more: fn(usize) -> String,
    /// After the count of articles, when reprints make fewer stories.
    pub stories_count: fn(usize) -> String,
    /// A result standing for several versions of one story: how many, in how many outlets.
    pub reprints_badge: fn(usize, usize) -> String,
    /// The reader's list of the other versions of its story.
    pub other_versions: &'static str,
    /// Marks a story's first version (the earliest) in a list of its versions.
    pub first_version: &'static str,
    /// The reader's list of the articles most like the one open.
    pub related_heading: &'static str,
    /// The option that keeps the list to articles dated within a year of the one open.
    pub related_within_a_year: &'static str,
    /// Why an article is related: the words both have.
    pub related_reason: fn(&str) -> String,
    pub related_none: &'static str,
    pub filters: &'static str,
    pub close_filters: &'static str,
    pub close: &'static str,
    pub results: &'static str,
    /// Before and after the spellings also searched: "‘중관촌’ → **중관춘**도 함께 보여 드립니다".
    pub also_showing: (fn(&str) -> String, &'static str),
    /// An offer of similar words, not counted until taken: "비슷한 낱말: **도움** 12건 — 함께 보기".
    pub similar_words: &'static str,
    /// One offered word's count, after the word: " 12건".
    pub similar_count: fn(usize) -> String,
    /// The button that takes the offer, and its accessible name.
    pub add_similar: &'static str,
    pub add_similar_label: fn(&str) -> String,
    pub unknown_source: &'static str,
    pub undated: &'static str,
    // Chips and relaxations
    pub remove: fn(&str) -> String,
    pub source_chip: fn(&str) -> String,
    pub date_chip: fn(&str, &str) -> String,
    pub undated_only: &'static str,
    pub relax_sources: fn(usize) -> String,
    pub relax_dates: fn(usize) -> String,
    pub relax_all: fn(usize) -> String,
    pub nothing_matches: &'static str,
    pub nothing_matches_query: fn(&str) -> String,
    pub hint_words: &'static str,
    pub hint_filters: &'static str,
    // Filters
    pub sort: &'static str,
    pub by_relevance: &'static str,
    pub newest_first: &'static str,
    pub oldest_first: &'static str,
    pub source: &'static str,
    pub find_source: &'static str,
    pub no_sources: &'static str,
    /// An outlet counted under several spellings: how many, and each with its count.
    pub spellings_count: fn(usize) -> String,
    pub spellings_list: fn(&[(String, usize)]) -> String,
    pub date: &'static str,
    pub per_month: &'static str,
    pub month_bar: fn(&str, usize) -> String,
    pub undated_bucket: fn(usize) -> String,
    pub date_from: &'static str,
    pub date_to: &'static str,
    pub clear_dates: &'static str,
    /// What a date field takes.
    pub date_placeholder: &'static str,
    /// The day a date field was read as (ISO), as the first day (`true`) or the last.
    pub date_read: fn(&str, bool) -> String,
    /// What was typed into a date field that is not a date.
    pub date_unread: fn(&str) -> String,
    pub timeline_hint: &'static str,
    // Reader
    pub back_to_list: &'static str,
    pub back_to_results: &'static str,
    pub not_found: fn(&str) -> String,
    /// In place of an article's text while it is fetched, and when it could not be.
    pub text_loading: &'static str,
    /// In place of a result whose article could not be loaded.
    pub article_failed: &'static str,
    /// Shown while the blocks of the index a search needs are fetched.
    pub searching: &'static str,
    /// A block of the index could not be had: the reason, and what it means for the results.
    pub blocks_failed: fn(&str) -> String,
    pub origin: fn(&str, u32, u32) -> String,
    /// Where an article read from a document (PDF, HTML, e-mail, …) came from: its file and
    /// format (line numbers of extracted text would mean nothing to the reader).
    pub origin_document: fn(&str, &str) -> String,
    pub more_from_source: &'static str,
    pub same_day: &'static str,
    pub link_copied: &'static str,
    pub citation_copied: &'static str,
    pub article_navigation: &'static str,
    pub matches: &'static str,
    pub previous_match: &'static str,
    pub next_match: &'static str,
    pub match_count: fn(&str, usize) -> String,
    pub previous_article: &'static str,
    pub next_article: &'static str,
    pub byline: fn(&str) -> String,
    pub copy_link: &'static str,
    pub copy_citation: &'static str,
    // Offline (src/components/offline.rs)
    pub offline_button: &'static str,
    /// Beside the button's icon, on wide screens.
    pub offline_short: &'static str,
    pub offline_button_saved: &'static str,
    pub offline_title: &'static str,
    pub offline_kept: &'static str,
    pub offline_whole: fn(usize) -> String,
    pub offline_save: &'static str,
    pub offline_saving: fn(usize, usize, &str) -> String,
    pub offline_saved: &'static str,
    pub offline_remove: &'static str,
    pub offline_usage: fn(&str, &str) -> String,
    pub offline_archive_size: fn(&str) -> String,
    pub offline_persisted: &'static str,
    pub offline_not_persisted: &'static str,
    pub offline_failed: fn(&str) -> String,
    pub offline_retry: &'static str,
    pub offline_insecure: &'static str,
    pub offline_unsupported: fn(&str) -> String,
    pub offline_checking: &'static str,
    // Saved searches and what was read (src/pages/saved.rs)
    pub save_search: &'static str,
    pub save_search_name: &'static str,
    pub save: &'static str,
    pub cancel: &'static str,
    pub saved_search: fn(&str) -> String,
    /// A saved search the browser is storing (a moment).
    pub saving_search: fn(&str) -> String,
    pub remove_saved: fn(&str) -> String,
    pub saved_searches: &'static str,
    pub new_articles: fn(usize) -> String,
    pub no_new_articles: &'static str,
    pub counting: &'static str,
    pub fresh_badge: &'static str,
    pub read_label: &'static str,
    pub export_kept: &'static str,
    /// How many things kept are in this browser only (since the last export).
    pub export_reminder: fn(u32) -> String,
    pub import_kept: &'static str,
    pub imported: fn(usize, usize, usize) -> String,
    pub imported_other_archive: fn(&str) -> String,
    pub import_failed: fn(&str) -> String,
    pub keeping_unavailable: fn(&str) -> String,
    pub kept_here: &'static str,
    pub clip_article: &'static str,
    pub clipped_article: &'static str,
    pub clip_passage: &'static str,
    pub select_first: &'static str,
    pub clipped: &'static str,
    pub clippings: &'static str,
    pub clippings_count: fn(usize) -> String,
    pub no_clippings: &'static str,
    pub note: &'static str,
    pub remove_clip: &'static str,
    pub whole_article: &'static str,
    pub export_markdown: &'static str,
    /// The footer's link to the clippings page, where export and import are too.
    pub clippings_and_kept: &'static str,
    /// The trend page (`#/trends`).
    pub trends: &'static str,
    /// The results page's link to the trend of its query.
    pub trend_link: &'static str,
    pub trend_counts: &'static str,
    pub trend_shares: &'static str,
    pub trend_per_year: &'static str,
    pub trend_query: fn(usize) -> String,
    pub trend_add: &'static str,
    pub trend_remove: &'static str,
    pub trend_draw: &'static str,
    /// What the filters are (or that there are none): they apply to every line.
    pub trend_filters: fn(&str) -> String,
    pub trend_no_filters: &'static str,
    /// A point's figures: period, query, its count, the period's articles, the share in %.
    pub trend_point: fn(&str, &str, usize, usize, &str) -> String,
    pub trend_table: &'static str,
    pub trend_month: &'static str,
    pub trend_year: &'static str,
    pub trend_all_articles: &'static str,
    pub trend_export: &'static str,
    pub trend_empty: &'static str,
    pub trend_counting: &'static str,
    pub trend_hint: &'static str,
    pub trend_line_total: fn(usize) -> String,
    pub trend_chart: &'static str,
    /// The concordance page (`#/kwic`).
    pub kwic: &'static str,
    /// The results page's link to the concordance of its query.
    pub kwic_link: &'static str,
    pub kwic_order: &'static str,
    pub kwic_order_text: &'static str,
    pub kwic_order_before: &'static str,
    pub kwic_order_after: &'static str,
    pub kwic_finding: &'static str,
    /// Occurrences, articles read, articles the query finds.
    pub kwic_count: fn(usize, usize, usize) -> String,
    /// Articles whose text could not be had (how many, the first one's reason).
    pub kwic_articles_failed: fn(usize, &str) -> String,
    pub kwic_more: &'static str,
    pub kwic_export: &'static str,
    /// The names page (`#/names`) and a name's page (`#/names/NAME`).
    pub names: &'static str,
    pub names_link: &'static str,
    /// How many names, and what they are.
    pub names_intro: fn(usize) -> String,
    pub names_filter: &'static str,
    pub names_loading: &'static str,
    pub names_none: &'static str,
    pub names_more: fn(usize) -> String,
    pub name_unknown: fn(&str) -> String,
    pub name_articles: fn(usize) -> String,
    pub name_stated: &'static str,
    pub name_proper_noun: &'static str,
    pub name_spellings: &'static str,
    pub name_months: &'static str,
    pub name_outlets: &'static str,
    pub name_with: &'static str,
    /// Articles naming both.
    pub name_together: fn(usize) -> String,
    pub name_search_both: &'static str,
    pub name_all_names: &'static str,
    /// The result list's export menu.
    pub export_results: &'static str,
    pub exported: fn(usize) -> String,
    pub export_failed: fn(&str) -> String,
    /// Articles whose texts are here, of those to export.
    pub export_reading: fn(usize, usize) -> String,
    /// The most one export takes, of the results' total.
    /// Results of more articles than one file takes: they export in parts, one chosen here.
    pub export_full_text: &'static str,
    pub export_in_parts: fn(usize, usize) -> String,
    pub export_part: fn(usize, usize) -> String,
}

pub static KO: Strings = Strings {
    opening: "직지를 여는 중… · Loading the archive…",
    index_error_title: "색인을 열 수 없습니다 · The archive index cannot be opened",
    home: "직지 Jikji — 처음으로",
    footer_count: |n| format!("기사 {n}건 · 브라우저 안에서만 검색합니다 (서버 없음)"),
    footer_keys: " · / 검색 · ↑↓ 또는 j k 이동 · Enter 열기 · Esc 뒤로 · n N 다음·이전 일치",
    switch_language: "Switch to English",
    switch_language_short: "EN",
    to_light: "밝은 화면으로",
    to_dark: "어두운 화면으로",
    page_title: "직지 Jikji — 뉴스 아카이브 검색",
    search_label: "기사 검색",
    search_placeholder: "검색어를 입력하세요 — 예: 화웨이, 중관춘, 창업",
    all_articles: |n| format!("전체 기사 {n}건"),
    filtered_articles: |n| format!("조건에 맞는 기사 {n}건"),
    results_for: |q, n| format!("‘{q}’ 검색 결과 {n}건"),
    show_more: |n| format!("더 보기 ({n}건 남음)"),
    stories_count: |n| format!("같은 기사를 묶어 {n}건"),
    reprints_badge: |n, m| format!("같은 기사 {n}건 · 매체 {m}곳"),
    other_versions: "같은 기사의 다른 판",
    first_version: "첫 판",
    related_heading: "관련 기사",
    related_within_a_year: "1년 안의 기사만",
    related_reason: |words| format!("같은 낱말: {words}"),
    related_none: "이 기사와 비슷한 기사가 없습니다.",
    filters: "필터",
    close_filters: "필터 닫기",
    close: "닫기 ×",
    results: "검색 결과",
    also_showing: (|w| format!("‘{w}’ → "), "도 함께 보여 드립니다"),
    similar_words: "비슷한 낱말: ",
    similar_count: |n| format!(" {n}건"),
    add_similar: "함께 보기",
    add_similar_label: |w| format!("{w}도 함께 검색하기"),
    unknown_source: "출처 미상",
    undated: "날짜 없음",
    remove: |label| format!("{label} 해제"),
    source_chip: |s| format!("출처: {s}"),
    date_chip: |from, to| format!("날짜: {from} – {to}"),
    undated_only: "날짜 없는 기사만",
    relax_sources: |n| format!("출처 필터 해제 ({n}건)"),
    relax_dates: |n| format!("날짜 필터 해제 ({n}건)"),
    relax_all: |n| format!("모든 필터 해제 ({n}건)"),
    nothing_matches: "조건에 맞는 기사가 없습니다.",
    nothing_matches_query: |q| format!("‘{q}’에 맞는 기사가 없습니다."),
    hint_words:
        "모든 단어가 들어 있는 기사만 보여 줍니다. 단어를 줄이거나 다른 표기로 찾아 보세요.",
    hint_filters: "필터 때문에 결과가 없습니다:",
    sort: "정렬",
    by_relevance: "관련도순",
    newest_first: "최신순",
    oldest_first: "오래된순",
    source: "출처",
    find_source: "출처 찾기",
    no_sources: "출처가 적힌 기사가 없습니다",
    spellings_count: |n| format!("표기 {n}가지"),
    spellings_list: |spellings| {
        let each: Vec<String> = spellings.iter().map(|(s, n)| format!("{s} {n}건")).collect();
        format!("함께 센 표기: {}", each.join(" · "))
    },
    date: "날짜",
    per_month: "기간별 기사 수",
    month_bar: |m, n| format!("{m}: {n}건"),
    undated_bucket: |n| format!("날짜 없음 {n}건"),
    date_from: "부터",
    date_to: "까지",
    clear_dates: "날짜 해제",
    date_placeholder: "예: 2020, 2020-08, 2020.8.26",
    date_read: |day, first| {
        let (y, m, d) = day_parts(day);
        format!("{y}년 {m}월 {d}일{}", if first { "부터" } else { "까지" })
    },
    date_unread: |typed| format!("날짜로 읽을 수 없습니다: {typed} (예: 2020, 2020-08, 2020.8.26)"),
    timeline_hint: "막대를 누르거나 끌어서 기간 선택",
    back_to_list: "← 기사 목록",
    back_to_results: "← 검색 결과",
    not_found: |id| format!("기사 ‘{id}’를 찾을 수 없습니다."),
    text_loading: "본문을 불러오는 중…",
    article_failed: "이 기사를 불러오지 못했습니다. 페이지를 새로 고쳐 보세요.",
    searching: "검색 중…",
    blocks_failed: |reason| {
        format!("이 검색에 필요한 색인 일부를 불러오지 못해 결과를 보여 드릴 수 없습니다. 페이지를 새로 고쳐 보세요. ({reason})")
    },
    origin: |file, from, to| format!("원문: {file} {from}–{to}행"),
    origin_document: |file, format| format!("원문: {file} ({format} 파일)"),
    more_from_source: "이 출처의 기사 더 보기",
    same_day: "같은 날 기사",
    link_copied: "링크를 복사했습니다",
    citation_copied: "인용 정보를 복사했습니다",
    article_navigation: "기사 탐색",
    matches: "일치 항목",
    previous_match: "이전 일치 (N)",
    next_match: "다음 일치 (n)",
    match_count: |q, n| format!("‘{q}’ {n}곳"),
    previous_article: "‹ 이전 기사",
    next_article: "다음 기사 ›",
    byline: |author| format!("글 {author}"),
    copy_link: "링크 복사",
    copy_citation: "인용 복사",
    offline_button: "오프라인 저장",
    offline_short: "오프라인",
    offline_button_saved: "오프라인 저장됨",
    offline_title: "오프라인에서 쓰기",
    offline_kept: "이미 한 검색과 읽은 기사는 이 기기에 남아, 네트워크가 끊겨도 다시 열립니다.",
    offline_whole: |n| format!("아카이브 전체(파일 {n}개)를 저장하면 어떤 검색이든 오프라인에서 됩니다."),
    offline_save: "전체 아카이브 저장",
    offline_saving: |done, total, bytes| format!("저장 중… 파일 {done}/{total}개 · {bytes}"),
    offline_saved: "아카이브 전체가 이 기기에 있습니다. 네트워크 없이도 모든 검색이 됩니다.",
    offline_remove: "저장 해제",
    offline_usage: |used, quota| format!("이 사이트가 쓰는 저장 공간 {used} (한도 {quota})"),
    offline_archive_size: |size| format!("저장한 아카이브 {size}"),
    offline_persisted: "공간이 부족해도 브라우저가 지우지 않습니다.",
    offline_not_persisted: "공간이 부족하면 브라우저가 지울 수 있습니다.",
    offline_failed: |reason| format!("저장하지 못했습니다 ({reason}). 받은 만큼은 남아 있어, 다시 시도하면 이어서 받습니다."),
    offline_retry: "다시 시도",
    offline_insecure: "이 주소는 보안 연결(https)이 아니어서 브라우저가 오프라인 저장을 허용하지 않습니다. 온라인에서는 지금처럼 검색할 수 있습니다. 오프라인으로 쓰려면 https 주소로 열거나, 아카이브 전체가 든 파일 jikji.html을 받아 여세요.",
    offline_unsupported: |reason| format!("이 브라우저에서는 오프라인 저장을 쓸 수 없습니다 ({reason}). 온라인에서는 지금처럼 검색할 수 있습니다."),
    offline_checking: "확인 중…",
    save_search: "검색 저장",
    save_search_name: "저장할 이름",
    save: "저장",
    cancel: "취소",
    saved_search: |name| format!("저장한 검색: {name}"),
    saving_search: |name| format!("저장 중… {name}"),
    remove_saved: |name| format!("저장한 검색 ‘{name}’ 지우기"),
    saved_searches: "저장한 검색",
    new_articles: |n| format!("새 기사 {n}건"),
    no_new_articles: "새 기사 없음",
    counting: "세는 중…",
    fresh_badge: "새 기사",
    read_label: "읽음",
    export_kept: "내보내기 (JSON)",
    export_reminder: |n| {
        format!(
            "저장한 검색·클리핑·메모 {n}건이 이 브라우저에만 있습니다. 브라우저가 저장소를 비우면 \
             사라지니 파일로 내보내 두세요."
        )
    },
    import_kept: "가져오기",
    imported: |searches, read, clips| format!("가져왔습니다: 저장한 검색 {searches}개, 읽은 기사 {read}건, 스크랩 {clips}건. 이미 있던 것은 그대로입니다."),
    imported_other_archive: |archive| format!("이 파일은 다른 아카이브({archive})에서 내보낸 것입니다."),
    import_failed: |reason| format!("가져오지 못했습니다: {reason}. 이미 저장한 것은 그대로입니다."),
    keeping_unavailable: |reason| format!("이 브라우저는 여기서 저장한 검색을 간직할 수 없습니다 ({reason})."),
    kept_here: "저장한 검색과 읽은 기사는 이 브라우저에만 남고 어디로도 보내지 않습니다. 브라우저 데이터를 지우면 사라지니 가끔 내보내 두세요.",
    clip_article: "☆ 스크랩",
    clipped_article: "★ 스크랩함",
    clip_passage: "선택한 구절 스크랩",
    select_first: "먼저 기사 본문에서 스크랩할 구절을 선택하세요.",
    clipped: "스크랩했습니다.",
    clippings: "스크랩",
    clippings_count: |n| format!("스크랩 {n}건"),
    no_clippings: "스크랩한 기사가 없습니다. 기사를 열어 ‘☆ 스크랩’을 누르거나, 구절을 선택한 뒤 ‘선택한 구절 스크랩’을 누르세요.",
    note: "메모",
    remove_clip: "스크랩 지우기",
    whole_article: "기사 전체",
    export_markdown: "Markdown으로 내보내기",
    clippings_and_kept: "스크랩 · 내보내기와 가져오기",
    trends: "추세",
    trend_link: "추세 보기",
    trend_counts: "기사 수",
    trend_shares: "그달 전체 기사 중 비율",
    trend_per_year: "기간이 길어 해마다 셉니다.",
    trend_query: |n| format!("검색어 {n}"),
    trend_add: "검색어 추가",
    trend_remove: "이 선 지우기",
    trend_draw: "그리기",
    trend_filters: |f| format!("필터는 모든 선에 같이 적용됩니다: {f}"),
    trend_no_filters: "필터 없음 (아카이브 전체)",
    trend_point: |period, query, n, total, share| {
        format!("{period} · {query} {n}건 · 그때 전체 기사 {total}건 중 {share}")
    },
    trend_table: "기간별 수치",
    trend_month: "월",
    trend_year: "연도",
    trend_all_articles: "전체 기사",
    trend_export: "CSV로 내보내기",
    trend_empty: "이 필터에는 날짜가 있는 기사가 없습니다.",
    trend_counting: "세는 중…",
    trend_hint: "점이나 표의 수를 누르면 그 기간의 기사 목록이 열립니다.",
    trend_line_total: |n| format!("모두 {n}건"),
    trend_chart: "검색어별 기사 수 추이",
    kwic: "용례",
    kwic_link: "용례 보기",
    kwic_order: "줄 순서",
    kwic_order_text: "기사 순",
    kwic_order_before: "앞 낱말 순",
    kwic_order_after: "뒷 낱말 순",
    kwic_finding: "용례를 찾는 중…",
    kwic_count: |lines, read, total| {
        if read < total {
            format!("용례 {lines}개 · 기사 {read}건에서 (모두 {total}건 중)")
        } else {
            format!("용례 {lines}개 · 기사 {read}건에서")
        }
    },
    kwic_articles_failed: |n, reason| {
        format!("기사 {n}건은 불러오지 못해 이 용례에 없습니다 ({reason})")
    },
    kwic_more: "기사 더 읽기",
    kwic_export: "CSV로 내보내기",
    names: "이름",
    names_link: "이름",
    names_intro: |n| format!("이 아카이브가 부르는 이름 {n}개: 기사가 원어와 함께 밝힌 이름, 그리고 사전의 고유명사 가운데 기사 2건 이상에 나온 것. 기사가 많은 순서입니다."),
    names_filter: "이름 찾기",
    names_loading: "이름을 불러오는 중…",
    names_none: "맞는 이름이 없습니다.",
    names_more: |n| format!("더 보기 ({n}개 남음)"),
    name_unknown: |name| format!("‘{name}’이라는 이름은 이 아카이브의 이름 목록에 없습니다. 검색해 보세요."),
    name_articles: |n| format!("기사 {n}건"),
    name_stated: "기사가 원어와 함께 밝힌 이름",
    name_proper_noun: "사전의 고유명사",
    name_spellings: "표기",
    name_months: "달마다 나온 기사",
    name_outlets: "이 이름을 쓴 매체",
    name_with: "같은 기사에 자주 나온 이름",
    name_together: |n| format!("함께 {n}건"),
    name_search_both: "함께 검색",
    name_all_names: "모든 이름",
    export_results: "결과 내보내기",
    exported: |n| format!("기사 {n}건을 내보냈습니다."),
    export_failed: |reason| format!("내보내지 못했습니다: 기사를 가져올 수 없습니다 ({reason})."),
    export_reading: |here, all| format!("기사 {here}/{all}건 읽는 중…"),
    export_full_text: "검색 구절 대신 본문 전체",
    export_in_parts: |max, total| format!("결과 {total}건을 {max}건씩 나누어 내보냅니다. 부분: "),
    export_part: |first, last| format!("{first}–{last}번째"),
};

pub static EN: Strings = Strings {
    opening: "Loading the archive… · 직지를 여는 중…",
    index_error_title: "The archive index cannot be opened · 색인을 열 수 없습니다",
    home: "Jikji — start page",
    footer_count: |n| {
        format!(
            "{} · searched in your browser only (no server)",
            count(n, "article")
        )
    },
    footer_keys: " · / search · ↑↓ or j k move · Enter open · Esc back · n N next/previous match",
    switch_language: "한국어로 보기",
    switch_language_short: "한",
    to_light: "Light theme",
    to_dark: "Dark theme",
    page_title: "Jikji — news archive search",
    search_label: "Search articles",
    search_placeholder: "Search — e.g. 화웨이, 중관춘, 창업",
    all_articles: |n| format!("All {}", count(n, "article")),
    filtered_articles: |n| {
        format!(
            "{} {} the filters",
            count(n, "article"),
            if n == 1 { "matches" } else { "match" }
        )
    },
    results_for: |q, n| format!("{} for ‘{q}’", count(n, "result")),
    show_more: |n| format!("Show more ({n} left)"),
    stories_count: |n| match n {
        1 => "1 story, reprints grouped".to_string(),
        n => format!("{n} stories, reprints grouped"),
    },
    reprints_badge: |n, m| format!("Same story {n}× · {}", count(m, "outlet")),
    other_versions: "Other versions of this story",
    first_version: "first version",
    related_heading: "Related articles",
    related_within_a_year: "Only within a year",
    related_reason: |words| format!("Same words: {words}"),
    related_none: "No article is like this one.",
    filters: "Filters",
    close_filters: "Close filters",
    close: "Close ×",
    results: "Search results",
    also_showing: (|w| format!("‘{w}’ → also showing "), ""),
    similar_words: "Similar words: ",
    similar_count: |n| format!(" ({n})"),
    add_similar: "Include them",
    add_similar_label: |w| format!("Also search {w}"),
    unknown_source: "Unknown source",
    undated: "Undated",
    remove: |label| format!("Remove {label}"),
    source_chip: |s| format!("Source: {s}"),
    date_chip: |from, to| format!("Date: {from} – {to}"),
    undated_only: "Undated only",
    relax_sources: |n| format!("Clear the source filter ({n})"),
    relax_dates: |n| format!("Clear the date filter ({n})"),
    relax_all: |n| format!("Clear all filters ({n})"),
    nothing_matches: "No article matches the filters.",
    nothing_matches_query: |q| format!("No article matches ‘{q}’."),
    hint_words: "Only articles with every word are shown. Try fewer words or another spelling.",
    hint_filters: "The filters removed every result:",
    sort: "Sort",
    by_relevance: "Relevance",
    newest_first: "Newest first",
    oldest_first: "Oldest first",
    source: "Source",
    find_source: "Find a source",
    no_sources: "No article names a source",
    spellings_count: |n| format!("{n} spellings"),
    spellings_list: |spellings| {
        let each: Vec<String> = spellings.iter().map(|(s, n)| format!("{s} ({n})")).collect();
        format!("Counted together: {}", each.join(" · "))
    },
    date: "Date",
    per_month: "Articles per month or year",
    month_bar: |m, n| format!("{m}: {}", count(n, "article")),
    undated_bucket: |n| format!("Undated ({n})"),
    date_from: "From",
    date_to: "To",
    clear_dates: "Clear dates",
    date_placeholder: "e.g. 2020, 2020-08, 2020.8.26",
    date_read: |day, first| {
        const MONTHS: [&str; 12] = [
            "January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December",
        ];
        let (y, m, d) = day_parts(day);
        let month = MONTHS.get(m.wrapping_sub(1) as usize).unwrap_or(&"");
        format!("{} {d} {month} {y}", if first { "from" } else { "to" })
    },
    date_unread: |typed| format!("Not a date: {typed} (e.g. 2020, 2020-08, 2020.8.26)"),
    timeline_hint: "Click or drag across the bars to pick a period",
    back_to_list: "← All articles",
    back_to_results: "← Results",
    not_found: |id| format!("There is no article ‘{id}’."),
    text_loading: "Loading the text…",
    article_failed: "This article could not be loaded. Try reloading the page.",
    searching: "Searching…",
    blocks_failed: |reason| {
        format!("Part of the index this search needs could not be loaded, so its results cannot be shown. Try reloading the page. ({reason})")
    },
    origin: |file, from, to| format!("From {file}, lines {from}–{to}"),
    origin_document: |file, format| format!("From {file} ({format} file)"),
    more_from_source: "More from this source",
    same_day: "Same day",
    link_copied: "Link copied",
    citation_copied: "Citation copied",
    article_navigation: "Article navigation",
    matches: "Matches",
    previous_match: "Previous match (N)",
    next_match: "Next match (n)",
    match_count: |q, n| format!("‘{q}’: {}", count(n, "match")),
    previous_article: "‹ Previous article",
    next_article: "Next article ›",
    byline: |author| format!("By {author}"),
    copy_link: "Copy link",
    copy_citation: "Copy citation",
    offline_button: "Save for offline",
    offline_short: "Offline",
    offline_button_saved: "Saved for offline",
    offline_title: "Use it offline",
    offline_kept: "Searches you made and articles you read stay on this device and open again without a network.",
    offline_whole: |n| format!("Save the whole archive ({n} files) and any search works offline."),
    offline_save: "Save the whole archive",
    offline_saving: |done, total, bytes| format!("Saving… {done} of {total} files · {bytes}"),
    offline_saved: "The whole archive is on this device: every search works without a network.",
    offline_remove: "Remove from this device",
    offline_usage: |used, quota| format!("Storage used by this site: {used} (of {quota} allowed)"),
    offline_archive_size: |size| format!("Archive saved: {size}"),
    offline_persisted: "The browser keeps it even when space runs low.",
    offline_not_persisted: "The browser may clear it when space runs low.",
    offline_failed: |reason| format!("Saving stopped ({reason}). What arrived stays: try again to go on from there."),
    offline_retry: "Try again",
    offline_insecure: "This address is not a secure connection (https), so the browser does not allow saving for offline use. Searching online works as usual. To use it offline, open it over https, or get jikji.html, the single file that holds the whole archive.",
    offline_unsupported: |reason| format!("This browser cannot save the archive for offline use here ({reason}). Searching online works as usual."),
    offline_checking: "Checking…",
    save_search: "Save search",
    save_search_name: "Name to save it under",
    save: "Save",
    cancel: "Cancel",
    saved_search: |name| format!("Saved search: {name}"),
    saving_search: |name| format!("Saving… {name}"),
    remove_saved: |name| format!("Remove the saved search ‘{name}’"),
    saved_searches: "Saved searches",
    new_articles: |n| format!("{} new", count(n, "article")),
    no_new_articles: "Nothing new",
    counting: "Counting…",
    fresh_badge: "New",
    read_label: "Read",
    export_kept: "Export (JSON)",
    export_reminder: |n| {
        format!(
            "{} (saved searches, clippings, notes) are kept in this browser only, which may \
             clear its storage: export them to a file.",
            count(n as usize, "thing")
        )
    },
    import_kept: "Import",
    imported: |searches, read, clips| format!("Imported {}, {} read and {}. Nothing kept before was changed.", count(searches, "saved search"), count(read, "article"), count(clips, "clipping")),
    imported_other_archive: |archive| format!("This file was exported from another archive ({archive})."),
    import_failed: |reason| format!("Nothing imported: {reason}. What was kept before is unchanged."),
    keeping_unavailable: |reason| format!("This browser cannot keep saved searches here ({reason})."),
    kept_here: "Saved searches and articles read stay in this browser only and are sent nowhere. Clearing the browser's data removes them: export them now and then.",
    clip_article: "☆ Clip",
    clipped_article: "★ Clipped",
    clip_passage: "Clip the selected passage",
    select_first: "First select a passage of the article's text to clip.",
    clipped: "Clipped.",
    clippings: "Clippings",
    clippings_count: |n| count(n, "clipping"),
    no_clippings: "No clippings yet. Open an article and press ‘☆ Clip’, or select a passage and press ‘Clip the selected passage’.",
    note: "Note",
    remove_clip: "Remove clipping",
    whole_article: "Whole article",
    export_markdown: "Export as Markdown",
    clippings_and_kept: "Clippings · export and import",
    trends: "Trends",
    trend_link: "Trend over time",
    trend_counts: "Articles",
    trend_shares: "Share of the month's articles",
    trend_per_year: "A long span: counted per year.",
    trend_query: |n| format!("Query {n}"),
    trend_add: "Add a query",
    trend_remove: "Remove this line",
    trend_draw: "Draw",
    trend_filters: |f| format!("The filters apply to every line: {f}"),
    trend_no_filters: "no filter (the whole archive)",
    trend_point: |period, query, n, total, share| {
        format!("{period} · {query}: {} of {total} ({share})", count(n, "article"))
    },
    trend_table: "The figures by period",
    trend_month: "Month",
    trend_year: "Year",
    trend_all_articles: "All articles",
    trend_export: "Export CSV",
    trend_empty: "No dated article in these filters.",
    trend_counting: "Counting…",
    trend_hint: "Click a point, or a figure in the table, to open that period's articles.",
    trend_line_total: |n| format!("{} in all", count(n, "article")),
    trend_chart: "Articles per query over time",
    kwic: "Concordance",
    kwic_link: "Every occurrence",
    kwic_order: "Line order",
    kwic_order_text: "As in the articles",
    kwic_order_before: "By the word before",
    kwic_order_after: "By the word after",
    kwic_finding: "Finding every occurrence…",
    kwic_count: |lines, read, total| {
        let found = count(lines, "occurrence");
        if read < total {
            format!("{found} in {} (of {total})", count(read, "article"))
        } else {
            format!("{found} in {}", count(read, "article"))
        }
    },
    kwic_articles_failed: |n, reason| {
        format!(
            "{} could not be loaded and are not in these lines ({reason})",
            count(n, "article")
        )
    },
    kwic_more: "Read more articles",
    kwic_export: "Export CSV",
    names: "Names",
    names_link: "Names",
    names_intro: |n| format!("{} this archive names: those its articles state with their original spelling, and the dictionary's proper nouns found in two articles or more. Most named first.", count(n, "name")),
    names_filter: "Find a name",
    names_loading: "Loading the names…",
    names_none: "No name matches.",
    names_more: |n| format!("Show more ({n} left)"),
    name_unknown: |name| format!("“{name}” is not among this archive's names. Try a search."),
    name_articles: |n| count(n, "article"),
    name_stated: "A name the articles state with its original spelling",
    name_proper_noun: "A proper noun of the dictionary",
    name_spellings: "Spellings",
    name_months: "Articles per month",
    name_outlets: "Outlets that wrote about it",
    name_with: "Names most often in the same articles",
    name_together: |n| format!("{} together", count(n, "article")),
    name_search_both: "Search both",
    name_all_names: "All names",
    export_results: "Export results",
    exported: |n| format!("Exported {}.", count(n, "article")),
    export_failed: |reason| format!("Could not export: an article could not be fetched ({reason})."),
    export_reading: |here, all| format!("Reading articles: {here} of {all}…"),
    export_full_text: "The whole text instead of the snippet",
    export_in_parts: |max, total| format!("The {total} results export in files of {max}. Part: "),
    export_part: |first, last| format!("{first}–{last}"),
};

/// "1 article", "2 articles"; "1 match", "2 matches".
/// Year, month and day of an ISO day (`2020-08-26`); 0 where one is missing.
fn day_parts(day: &str) -> (u32, u32, u32) {
    let mut parts = day.split('-').map(|p| p.parse().unwrap_or(0));
    let mut next = || parts.next().unwrap_or(0);
    (next(), next(), next())
}

fn count(n: usize, noun: &str) -> String {
    let plural = if noun.ends_with("ch") { "es" } else { "s" };
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}{plural}")
    }
}

/// The button that switches language.
#[derive(Properties, PartialEq)]
pub struct LangToggleProps {
    pub lang: Lang,
    pub on_change: Callback<Lang>,
}

#[function_component(LangToggle)]
pub fn lang_toggle(props: &LangToggleProps) -> Html {
    let t = props.lang.strings();
    let onclick = {
        let (lang, on_change) = (props.lang, props.on_change.clone());
        Callback::from(move |_| on_change.emit(lang.other()))
    };
    html! {
        <button class="icon-button lang-toggle" type="button" lang={props.lang.other().code()}
            aria-label={t.switch_language} title={t.switch_language} {onclick}>
            { t.switch_language_short }
        </button>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_language_codes() {
        assert_eq!(Lang::from_code("en-US"), Some(Lang::En));
        assert_eq!(Lang::from_code("KO"), Some(Lang::Ko));
        assert_eq!(Lang::from_code("fr"), None);
        assert_eq!(Lang::from_code("한"), None, "no panic on a multi-byte code");
    }

    #[test]
    fn english_counts_agree_with_their_nouns() {
        assert_eq!((EN.results_for)("창업", 1), "1 result for ‘창업’");
        assert_eq!((EN.results_for)("창업", 2), "2 results for ‘창업’");
        assert_eq!((EN.filtered_articles)(1), "1 article matches the filters");
        assert_eq!((EN.match_count)("a", 3), "‘a’: 3 matches");
        assert_eq!((KO.results_for)("창업", 1), "‘창업’ 검색 결과 1건");
    }
}
