//! The engine at its boundary: a query table over the seed corpus (every matching rule with
//! the articles that must and must not come back), and property tests (build → read round
//! trip; any query string returns without panic).

use std::sync::OnceLock;

use jikji_engine::{
    Article, Block, Error, Index, IndexBuilder, SearchCache, SearchOptions, Sort, WRITTEN_BONUS,
};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

#[path = "../benches/shared/repo.rs"]
mod repo;

fn seeds() -> &'static Index<Vec<u8>> {
    static INDEX: OnceLock<Index<Vec<u8>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let corpus = repo::seeds();
        let (bytes, ingested) = jikji_ingest::build_index(&[corpus]);
        assert_eq!(ingested.articles.len(), 29);
        Index::open(bytes).unwrap()
    })
}

/// Article ids without the file hash: "003-01", "002".
fn short(id: &str) -> String {
    let (file, rest) = id.split_once('_').unwrap();
    match rest.split_once('-') {
        Some((_, n)) => format!("{file}-{n}"),
        None => file.to_owned(),
    }
}

/// Default options with room for every seed article.
fn wide() -> SearchOptions {
    SearchOptions {
        limit: 100,
        ..SearchOptions::default()
    }
}

fn search(query: &str, options: SearchOptions) -> (Vec<String>, jikji_engine::SearchResults) {
    let index = seeds();
    let results = index.search(query, &options);
    let ids = results
        .hits
        .iter()
        .map(|h| short(&index.article(h.doc).unwrap().id))
        .collect();
    (ids, results)
}

struct Row {
    rule: &'static str,
    query: &'static str,
    must: &'static [&'static str],
    must_not: &'static [&'static str],
    /// The article that must rank first, where it matters.
    first: Option<&'static str>,
}

const fn row(
    rule: &'static str,
    query: &'static str,
    must: &'static [&'static str],
    must_not: &'static [&'static str],
    first: Option<&'static str>,
) -> Row {
    Row {
        rule,
        query,
        must,
        must_not,
        first,
    }
}

/// Queries ending in a space are finished words; without one, the last word is being typed.
const TABLE: &[Row] = &[
    row(
        "particles: noun finds 중관춘은/중관춘에서",
        "중관춘 ",
        &["002", "003-01"],
        &["001", "000"],
        Some("002"),
    ),
    row(
        "particles: 창업자 finds 창업자들이",
        "창업자 ",
        &["002"],
        &["001"],
        None,
    ),
    row(
        "compound: 창업 inside 해외창업",
        "창업 ",
        &["003-18", "002"],
        &["001", "003-11"],
        None,
    ),
    row(
        "compound: 창업거리",
        "창업거리 ",
        &["002"],
        &[],
        Some("002"),
    ),
    row(
        "spacing: 스마트팩토리 finds 스마트 팩토리",
        "스마트팩토리 ",
        &["000", "001"],
        &["002"],
        None,
    ),
    row(
        "spacing: 스마트 팩토리 finds 스마트팩토리",
        "스마트 팩토리 ",
        &["000", "001"],
        &["002"],
        None,
    ),
    row(
        "scripts: 베이징상보北京商报 is two words",
        "北京商报 ",
        &["003-03"],
        &["003-01"],
        Some("003-03"),
    ),
    row(
        "scripts: Hangul part alone",
        "베이징상보 ",
        &["003-03"],
        &[],
        Some("003-03"),
    ),
    row(
        "scripts: traditional Hanzi = simplified",
        "中關村 ",
        &["004-07", "003-01"],
        &["002"],
        None,
    ),
    row(
        "scripts: full width folds",
        "ＡＩ ",
        &["004-04", "001"],
        &["003-02"],
        None,
    ),
    row(
        "aliases: 拼多多 finds 핀둬둬",
        "拼多多 ",
        &["003-03"],
        &["003-01"],
        Some("003-03"),
    ),
    row(
        "aliases: 蚂蚁集团 finds 마이그룹",
        "蚂蚁集团 ",
        &["003-06"],
        &[],
        Some("003-06"),
    ),
    row(
        "aliases: 抖音 finds 도인",
        "抖音 ",
        &["003-02"],
        &[],
        Some("003-02"),
    ),
    row(
        "aliases: ai finds 인공지능",
        "ai ",
        &["003-05"],
        &["003-02"],
        None,
    ),
    row(
        "fuzzy: 중관촌 finds itself; 중관춘 is offered, not counted",
        "중관촌 ",
        &["004-07"],
        &["001", "002"],
        None,
    ),
    row(
        "fuzzy: the offer taken finds both spellings",
        "중관촌 | 중관춘 ",
        &["004-07", "002"],
        &["001"],
        None,
    ),
    row(
        "typing: partial syllable",
        "중관ㅊ",
        &["002", "003-01"],
        &["001"],
        None,
    ),
    row(
        "typing: IME intermediate 화웨",
        "화웨",
        &["003-01", "003-11"],
        &["001"],
        None,
    ),
    row(
        "typing: lone initial letter",
        "핀ㄷ",
        &["003-03"],
        &["001"],
        None,
    ),
    row(
        "initials: ㅈㄱㅊ",
        "ㅈㄱㅊ",
        &["002", "004-07"],
        &["001"],
        None,
    ),
    row(
        "initials: ㅍㄷㄷ",
        "ㅍㄷㄷ",
        &["003-03"],
        &["002"],
        Some("003-03"),
    ),
    row(
        "AND: all words must match",
        "중관춘 김정은 ",
        &["002"],
        &["003-01"],
        Some("002"),
    ),
    row(
        "phrase: adjacent words",
        "\"스마트 팩토리\"",
        &["001"],
        &["000"],
        None,
    ),
    row(
        "exclusion",
        "블록체인 -화웨이",
        &["003-09", "003-10"],
        &["003-11"],
        None,
    ),
    row(
        "alternatives",
        "알리페이 | 위챗페이",
        &["003-06", "000"],
        &["001"],
        None,
    ),
    row(
        "source filter",
        "source:36kr",
        &["003-02"],
        &["003-01"],
        None,
    ),
    row(
        "date filter",
        "date:2020-08-26..2020-08-27",
        &["003-01", "003-02", "003-03"],
        &["003-04", "004-01", "000"],
        None,
    ),
    row(
        "malformed syntax degrades",
        "\"중관춘 -",
        &["002"],
        &[],
        None,
    ),
];

#[test]
fn seed_query_table() {
    let mut failures = Vec::new();
    for row in TABLE {
        let (ids, _) = search(row.query, wide());
        let missing: Vec<_> = row
            .must
            .iter()
            .filter(|m| !ids.iter().any(|i| i == *m))
            .collect();
        let unwanted: Vec<_> = row
            .must_not
            .iter()
            .filter(|m| ids.iter().any(|i| i == *m))
            .collect();
        let first_ok = row
            .first
            .is_none_or(|f| ids.first().map(String::as_str) == Some(f));
        let ok = missing.is_empty() && unwanted.is_empty() && first_ok;
        println!(
            "{} {:<45} {:<28} → {ids:?}",
            if ok { "ok  " } else { "FAIL" },
            row.rule,
            row.query
        );
        if !ok {
            failures.push(format!(
                "{}: missing {missing:?}, unwanted {unwanted:?}, first {:?}",
                row.rule,
                ids.first()
            ));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Ids of the hits for `query` on the seeds, in order.
fn ids_of(query: &str) -> Vec<String> {
    search(query, wide()).0
}

/// The index of `articles` as the app builds it, with the Korean lexicon.
fn index_with_lexicon(articles: &[Article]) -> Index<Vec<u8>> {
    Index::open(jikji_ingest::index_articles(articles.to_vec())).unwrap()
}

/// Ids of every hit for `query` on `index`, sorted.
fn sorted_ids(index: &Index<Vec<u8>>, query: &str) -> Vec<String> {
    let mut ids: Vec<String> = index
        .search(query, &wide())
        .hits
        .iter()
        .map(|h| index.article(h.doc).unwrap().id.clone())
        .collect();
    ids.sort();
    ids
}

/// Ids and scores of the hits for `query` on `index`, best first.
fn scored_ids(index: &Index<Vec<u8>>, query: &str) -> Vec<(String, f32)> {
    index
        .search(query, &wide())
        .hits
        .iter()
        .map(|h| (index.article(h.doc).unwrap().id.clone(), h.score))
        .collect()
}

/// The score of article `id` among `hits`.
fn score_of(hits: &[(String, f32)], id: &str) -> f32 {
    hits.iter().find(|h| h.0 == id).unwrap().1
}

#[test]
fn a_query_word_with_particles_or_endings_finds_what_its_stem_finds() {
    for (written, stem) in [
        ("화웨이는 ", "화웨이 "),
        ("화웨이의 ", "화웨이 "),
        ("반도체를 ", "반도체 "),
        ("핀둬둬는 ", "핀둬둬 "),
        ("창업자가 ", "창업자 "),
        ("육성하고 ", "육성 "),
        ("베이징에서 ", "베이징 "),
        ("기업입니다 ", "기업 "),
        ("기업이다 ", "기업 "),
        ("발표했다 ", "발표 "),
        ("발표한 ", "발표 "),
        ("화웨이의 반도체 ", "화웨이 반도체 "),
    ] {
        let (mut a, mut b) = (ids_of(written), ids_of(stem));
        assert!(!b.is_empty(), "{stem}");
        a.sort();
        b.sort();
        assert_eq!(a, b, "{written} finds what {stem} finds");
    }
    // A contracted past tense finds its verb's other forms (늘렸다 → 늘리고).
    let matched = SearchOptions {
        matched_words: true,
        ..wide()
    };
    let (ids, results) = search("투자를 늘렸다 ", matched.clone());
    assert!(!ids.is_empty());
    assert!(
        results.hits[0].matched.iter().any(|m| m == "늘리고"),
        "{:?}",
        results.hits[0].matched
    );
    // The form as written ranks first where the archive has it.
    let (_, results) = search("중관춘에서 ", matched);
    assert!(
        results.hits[0].matched.iter().any(|m| m == "중관춘에서"),
        "{:?}",
        results.hits[0].matched
    );
    // A phrase keeps its words as written.
    let stems = |query: &str| -> Vec<Option<String>> {
        seeds()
            .prepare(query)
            .words()
            .map(|w| w.stem.clone())
            .collect()
    };
    assert_eq!(stems("\"화웨이의 반도체\""), [None, None]);
    assert_eq!(stems("화웨이의 반도체 "), [Some("화웨이".into()), None]);
}

#[test]
fn the_query_as_written_ranks_first_and_one_word_of_it_as_written_counts_no_more() {
    let articles = [
        ("topic", "새 칩", "화웨이는 새 반도체가 나왔다고 밝혔다."),
        ("subject", "새 칩", "화웨이가 새 반도체가 나왔다고 밝혔다."),
        (
            "written",
            "새 칩",
            "화웨이는 새 반도체를 내놓았다고 밝혔다.",
        ),
    ]
    .map(|(id, title, body)| Article::new(id, title, body));
    let index = index_with_lexicon(&articles);
    let scores = |query: &str| scored_ids(&index, query);
    // One word: the article holding it as written first.
    let one = scores("화웨이는 ");
    assert_eq!(one.len(), 3);
    assert!(
        score_of(&one, "topic") > score_of(&one, "subject"),
        "{one:?}"
    );
    // Two words: the article with both as written first; one of the two as written, in an
    // article that writes the other otherwise, is no better than neither.
    let two = scores("화웨이는 반도체를 ");
    assert_eq!(two[0].0, "written", "{two:?}");
    // (화웨이는 itself still counts a little more than 화웨이가: WRITTEN_WEIGHT.)
    let ratio = |hits: &[(String, f32)]| score_of(hits, "topic") / score_of(hits, "subject");
    assert!(ratio(&one) > 1.0 + WRITTEN_BONUS * 0.9, "{one:?}");
    assert!(ratio(&two) < 1.0 + WRITTEN_BONUS * 0.2, "{two:?}");
}

#[test]
fn a_word_with_its_own_particles_counts_as_the_word_and_a_longer_word_less() {
    // Three articles of three words each: 창업 bare, with a particle, and in a longer word
    // it begins (창업자 + 가).
    let articles = [
        ("bare", "소식", "창업 열기가 뜨겁다."),
        ("particle", "소식", "창업이 늘고 있다."),
        ("longer", "소식", "창업자가 늘고 있다."),
    ]
    .map(|(id, title, body)| Article::new(id, title, body));
    let index = index_with_lexicon(&articles);
    let scores = |query: &str| scored_ids(&index, query);
    for query in ["창업 ", "창업은 "] {
        let hits = scores(query);
        assert_eq!(hits.len(), 3, "{query}: {hits:?}");
        let (bare, particle) = (score_of(&hits, "bare"), score_of(&hits, "particle"));
        assert!((bare - particle).abs() < 1e-4 * bare, "{query}: {hits:?}");
        assert!(
            score_of(&hits, "longer") < 0.95 * particle,
            "{query}: {hits:?}"
        );
    }
}

#[test]
fn a_word_the_archive_has_only_with_particles_is_its_own_stem() {
    // 그림자 is no term here, only 그림자가 and 그림자를; 그림 is a word and 자 an ending
    // (떠나자), yet 그림자 is not 그림 + 자.
    let articles = [
        (
            "shadow",
            "정경유착",
            "정경유착의 어두운 그림자가 짙게 깔려 있다.",
        ),
        (
            "history",
            "역사",
            "그 어두운 역사의 그림자를 지우고 새로 출발한다.",
        ),
        ("picture", "그림 전시", "그림을 걸었다. 그림이 팔렸다."),
        ("leave", "출발", "이제 떠나자 하고 말했다."),
    ]
    .map(|(id, title, body)| Article::new(id, title, body));
    let index = index_with_lexicon(&articles);
    assert_eq!(sorted_ids(&index, "그림자 "), ["history", "shadow"]);
    assert_eq!(sorted_ids(&index, "그림자의 "), ["history", "shadow"]);
    assert_eq!(sorted_ids(&index, "그림 "), ["picture"]);
}

#[test]
fn a_word_inside_a_longer_word_matches_only_as_a_part_of_it() {
    let articles = [
        ("consumer", "소비자 물가", "소비자들이 지갑을 닫았다."),
        ("visa", "비자 발급", "비자를 받으려는 줄이 길다."),
        ("missile", "미사일 발사", "미사일이 날아갔다."),
        ("mass", "미사 집전", "성당에서 미사가 열렸다."),
        (
            "startup",
            "해외창업 지원",
            "해외창업을 돕는 센터가 문을 열었다.",
        ),
        ("startups", "창업 열기", "창업자들이 모였다."),
        ("huawei", "화웨이 발표", "화웨이는 새 칩을 공개했다."),
        (
            "dated",
            "시행 안내",
            "새 제도는 3월 1일부터는 전국에서 시행된다.",
        ),
        ("some", "일부 지역", "일부는 다음 달부터 시행된다."),
    ]
    .map(|(id, title, body)| Article::new(id, title, body));
    let index = index_with_lexicon(&articles);
    let ids = |query: &str| sorted_ids(&index, query);
    assert_eq!(ids("비자 "), ["visa"], "no 비자 in 소비자");
    assert_eq!(ids("미사 "), ["mass"], "no 미사 in 미사일");
    assert_eq!(
        ids("창업 "),
        ["startup", "startups"],
        "창업 is part of 해외창업 and 창업자"
    );
    assert_eq!(ids("소비 "), ["consumer"], "소비 is part of 소비자");
    // A word written right after a number is read from its counter: 1일부터는 is 1 + 일 +
    // 부터 + 는, with no 일부 (some) in it.
    assert_eq!(ids("일부 "), ["some"], "no 일부 in 1일부터는");
    // The last word being typed finds what it begins while it is no word of the archive …
    assert_eq!(ids("화웨"), ["huawei"]);
    // … and only what it is a part of once it is one.
    assert_eq!(ids("미사"), ["mass"]);
    // A finished word that is no word of the archive falls back to what it begins.
    assert_eq!(ids("화웨 "), ["huawei"]);
    // Without a lexicon every substring is a part, as before shapes.
    let mut builder = IndexBuilder::new();
    for article in articles {
        builder.add(article);
    }
    let plain = Index::open(builder.finish()).unwrap();
    assert_eq!(plain.search("비자 ", &wide()).total, 2);
}

/// A word's letters count where they are read as the noun they spell, by their neighbours:
/// 대한 in "문제에 대한" is the verb 대하다, 사고 in "책을 사고" is 사다 (buy) + 고.
#[test]
fn a_word_inside_a_longer_one_matches_only_within_its_stem() {
    // Sentences of Wikinews. 사용자의 is 사용자 + 의 (no 자의 in it), 다음날인 다음날 + 이 + ㄴ
    // (no 날인), 두명의 두 + 명 + 의 (no 명의): the query word would end in the particle or
    // ending, past the longer word's stem. After a numeral apart (8명의, 한 명의, 2 명의) 명의
    // is the counter 명 + 의 too: those articles never read it as the noun.
    let articles = [
        (
            "user",
            "해킹",
            "네이트와 싸이월드 3500만명 사용자의 개인 정보가 해킹되었다.",
        ),
        (
            "arbitrary",
            "세금",
            "국민 세금을 쌈짓돈 쓰듯 자의적으로 쓰겠다는 협박이다.",
        ),
        (
            "next-day",
            "태풍",
            "서울시는 다음날인 29일 출근시간대 증회운행을 한다.",
        ),
        ("seal", "계약", "양측은 서명과 날인까지 마쳤다."),
        (
            "two",
            "사고",
            "두명의 사망자가 보고되었으며 구조가 이어졌다.",
        ),
        (
            "eight",
            "선거",
            "7월 28일 8명의 국회의원을 선출하는 재보궐선거에서",
        ),
        (
            "spaced",
            "폭발",
            "폭발로 인해 한 명의 여성과 2 명의 어린이가 사망했다.",
        ),
        (
            "name",
            "조전",
            "이명박 대통령 명의의 조전을 발송한 바 있다.",
        ),
    ]
    .map(|(id, title, body)| Article::new(id, title, body));
    let index = index_with_lexicon(&articles);
    let ids = |query: &str| sorted_ids(&index, query);
    assert_eq!(ids("자의 "), ["arbitrary"]);
    assert_eq!(ids("날인 "), ["seal"]);
    assert_eq!(ids("명의 "), ["name"]);
    // The longer words are still found by their own parts.
    assert_eq!(ids("사용자 "), ["user"]);
    // A name the archive has with particles of its own is searched as itself, whatever its
    // letters read as alone (토론 + 토).
    let cities = [
        (
            "toronto",
            "대회",
            "캐나다 토론토에서 열린 대회에서 우승했다. 토론토는 추웠다. 토론토 시민들이 모였다.",
        ),
        ("debate", "정치", "후보들이 토론회를 열었다."),
    ]
    .map(|(id, title, body)| Article::new(id, title, body));
    let cities = index_with_lexicon(&cities);
    assert_eq!(sorted_ids(&cities, "토론토 "), ["toronto"]);
    assert_eq!(sorted_ids(&cities, "토론토는 "), ["toronto"]);
    assert_eq!(ids("다음날 "), ["next-day"]);
}

#[test]
fn an_alias_belongs_to_the_whole_name() {
    // Sentences of Wikinews: AR is the alias of 증강 현실, not of 현실; IMF of 국제 통화 기구
    // (and of 국제통화기금), not of 기구.
    let articles = [
        (
            "ar",
            "성화",
            "눈송이 주위에 증강 현실(AR) 기술을 통해 아름답게 표현되었다.",
        ),
        (
            "rifle",
            "총격",
            "사건 당시에 AR-15 소총과 권총 2정을 소지하고 있었다.",
        ),
        ("real", "정치", "현실과 동떨어진 주장이라고 비판했다."),
        (
            "imf",
            "원조",
            "금액 수로는 국제 통화 기구(IMF)와 세계은행의 뒤를 이었다.",
        ),
        (
            "fund",
            "경제",
            "국제통화기금(IMF)가 세계 역성장을 전망했다.",
        ),
        ("body", "기구", "새 기구를 만들기로 했다."),
    ]
    .map(|(id, title, body)| Article::new(id, title, body));
    let index = index_with_lexicon(&articles);
    let ids = |query: &str| sorted_ids(&index, query);
    assert_eq!(ids("현실 "), ["ar", "real"], "no AR-15 for 현실");
    assert_eq!(ids("기구 "), ["body", "imf"], "no IMF for 기구");
    assert_eq!(
        ids("증강현실 "),
        ["ar", "rifle"],
        "the whole name finds its alias"
    );
    assert_eq!(ids("국제통화기금 "), ["fund", "imf"]);
}

#[test]
fn a_han_original_belongs_to_the_whole_name() {
    // Sentences of the seeds: 国美零售 is 궈메이 소매 (four letters, five syllables), not 소매
    // (retail) alone; 平安健康医疗科技有限公司 all four words before it.
    let articles = [
        (
            "gome",
            "전환",
            "빠르게 전환한 것은 궈메이 소매(国美零售)가 추진한 전략이다.",
        ),
        ("retail", "유통", "소매 판매가 늘었다."),
        (
            "pingan",
            "의료",
            "핑안 건강 의료 과기유한공사(平安健康医疗科技有限公司)는 공시했다.",
        ),
        ("firm", "공사", "과기유한공사 설립이 늘었다."),
    ]
    .map(|(id, title, body)| Article::new(id, title, body));
    let index = index_with_lexicon(&articles);
    let ids = |query: &str| sorted_ids(&index, query);
    assert_eq!(ids("国美零售 "), ["gome"], "not every article of 소매");
    assert_eq!(ids("國美零售 "), ["gome"]);
    assert_eq!(ids("소매 "), ["gome", "retail"]);
    assert_eq!(ids("平安健康医疗科技有限公司 "), ["pingan"]);
    assert_eq!(ids("과기유한공사 "), ["firm", "pingan"]);
}

#[test]
fn words_read_otherwise_by_their_neighbours_are_not_that_noun() {
    let articles = [
        ("about", "우려 표명", "정부는 문제에 대한 우려를 밝혔다."),
        ("korea", "대한민국의 기업", "대한민국의 기업들이 모였다."),
        ("bought", "서점 소식", "그는 책을 사고 집에 갔다."),
        (
            "accident",
            "교통 사고",
            "어제 교통 사고 현장에 경찰이 왔다.",
        ),
    ]
    .map(|(id, title, body)| Article::new(id, title, body));
    let index = index_with_lexicon(&articles);
    let ids = |query: &str| sorted_ids(&index, query);
    assert_eq!(ids("대한 "), ["korea"], "no 대한 in 문제에 대한");
    assert_eq!(ids("사고 "), ["accident"], "no 사고 in 책을 사고");
    // A phrase keeps its words as written.
    assert_eq!(ids("\"문제에 대한\""), ["about"]);
    assert_eq!(ids("\"책을 사고\""), ["bought"]);
    // A word read otherwise wherever the archive has it is still found as written.
    let only_about = index_with_lexicon(&articles[..1]);
    assert_eq!(only_about.search("대한 ", &wide()).total, 1);
    // An index built without reading words in context finds them all.
    let plain = Index::open(
        IndexBuilder::from_articles(articles.to_vec())
            .finish_with(jikji_korean::Lexicon::embedded()),
    )
    .unwrap();
    assert_eq!(plain.search("대한 ", &wide()).total, 2);
    assert_eq!(plain.search("사고 ", &wide()).total, 2);
}

#[test]
fn exact_ranks_above_prefix_and_a_variant_is_offered_not_counted() {
    let mut builder = IndexBuilder::new();
    for (id, body) in [
        ("fuzzy", "중관촌 소식"),
        ("prefix", "중관춘에서 소식"),
        ("exact", "중관춘 소식"),
    ] {
        builder.add(Article::new(id, "기사", body));
    }
    let index = Index::open(builder.finish()).unwrap();
    let ids_for = |query: &str| -> Vec<String> {
        index
            .search(query, &wide())
            .hits
            .iter()
            .map(|h| index.article(h.doc).unwrap().id.clone())
            .collect()
    };
    assert_eq!(
        ids_for("중관춘 "),
        ["exact", "prefix"],
        "the word's own forms"
    );
    let results = index.search("중관춘 ", &wide());
    assert_eq!(results.total, 2);
    assert_eq!(results.prepared.suggestions[0].also, ["중관촌"]);
    assert_eq!(results.prepared.suggestions[0].counts, [1]);
    assert_eq!(ids_for("중관촌 "), ["fuzzy"]);
    assert_eq!(
        ids_for("중관촌 | 중관춘 "),
        ["fuzzy", "exact", "prefix"],
        "the offer taken: the spelling asked for first, its variant after"
    );
    // A word that finds nothing searches its variants in its place, and says so.
    let mut builder = IndexBuilder::new();
    builder.add(Article::new("only", "기사", "중관춘 소식"));
    let index = Index::open(builder.finish()).unwrap();
    let results = index.search("중관촌 ", &wide());
    assert_eq!(results.total, 1);
    assert!(results.prepared.suggestions[0].merged);
}

#[test]
fn nfd_input_and_width_variants_give_the_same_answer() {
    let nfc = search("화웨이 ", wide()).0;
    let nfd: String = "화웨이 ".nfd().collect();
    assert_eq!(search(&nfd, wide()).0, nfc);
    assert!(!nfc.is_empty());
    assert_eq!(search("AI ", wide()).0, search("ａｉ ", wide()).0);
}

#[test]
fn responses_carry_facets_sorting_and_paging() {
    let (all, results) = search("", wide());
    assert_eq!(all.len(), 29, "an empty query browses everything");
    assert_eq!(results.facets.undated, 3);
    let months: Vec<&str> = results
        .facets
        .months
        .iter()
        .map(|(m, _)| m.as_str())
        .collect();
    assert_eq!(months, ["2020-08", "2020-09", "2022-12"]);
    assert_eq!(
        results.facets.months.iter().map(|(_, n)| n).sum::<usize>() + 3,
        29
    );
    assert!(results
        .facets
        .sources
        .iter()
        .any(|(s, n)| s == "36kr" && *n == 1));

    let (newest, _) = search(
        "창업 ",
        SearchOptions {
            sort: Sort::Newest,
            ..wide()
        },
    );
    assert!(newest[0].starts_with("004"));
    let (oldest, _) = search(
        "창업 ",
        SearchOptions {
            sort: Sort::Oldest,
            ..wide()
        },
    );
    assert!(oldest[0].starts_with("003"), "{oldest:?}");
    assert!(
        oldest.last().unwrap().starts_with("00") && !oldest.last().unwrap().contains('-'),
        "undated last"
    );

    let (page, results) = search(
        "창업 ",
        SearchOptions {
            offset: 2,
            limit: 3,
            ..wide()
        },
    );
    assert_eq!(page.len(), 3);
    assert!(results.total > 5);
    let (from, _) = search(
        "창업 ",
        SearchOptions {
            from: Some("2022-01-01".into()),
            ..wide()
        },
    );
    assert!(!from.is_empty() && from.iter().all(|id| id.starts_with("004")));
}

#[test]
fn single_syllables_and_common_words_stay_bounded_and_sensible() {
    for query in ["중", "중 ", "ㅈ", "이", "의 ", "것 ", "a"] {
        let (ids, results) = search(query, wide());
        assert!(results.total <= 29 && ids.len() <= 29);
    }
    // A one-syllable word ranks articles that contain it as a word before prefix matches.
    let (ids, _) = search("칩 ", wide());
    assert_eq!(ids.first().map(String::as_str), Some("003-01"));
}

#[test]
fn searching_as_you_type_with_a_cache_answers_as_without() {
    let index = seeds();
    // Every query of the table typed a character at a time, through one cache (so its entries
    // are reused, and evicted as queries go on), then a two-word query typed again.
    let mut typed: Vec<String> = Vec::new();
    for row in TABLE {
        let chars: Vec<char> = row.query.chars().collect();
        typed.extend((1..=chars.len()).map(|n| chars[..n].iter().collect::<String>()));
    }
    typed.extend(
        [
            "중국 기",
            "중국 기업",
            "중국 기업 -화웨이",
            "\"중국 기업\"",
            "중국 기",
        ]
        .map(String::from),
    );
    let mut cache = SearchCache::default();
    let mut reused = 0;
    for (i, query) in typed.iter().enumerate() {
        let options = SearchOptions {
            limit: 30,
            sort: [Sort::Relevance, Sort::Newest][i % 2],
            ..SearchOptions::default()
        };
        let fresh = index.search(query, &options);
        let cached = index.search_with(query, &options, &mut cache);
        assert_eq!(fresh, cached, "{query:?}");
        reused +=
            usize::from(i > 0 && query.starts_with(typed[i - 1].as_str()) && query.contains(' '));
    }
    assert!(
        reused > 20,
        "only {reused} queries could reuse a finished word"
    );
    // The same cache on another index starts over rather than answering from the first.
    let mut builder = IndexBuilder::new();
    builder.add(Article::new("only", "중국 기업의 하루", "중국 기업 이야기"));
    let other = Index::open(builder.finish()).unwrap();
    let results = other.search_with("중국 기", &SearchOptions::default(), &mut cache);
    assert_eq!(results, other.search("중국 기", &SearchOptions::default()));
    assert_eq!(results.total, 1);
}

#[test]
fn a_word_finished_with_a_space_answers_as_it_did_while_typed_until_a_text_arrives() {
    // `중국` while it is typed and `중국 ` once a space follows match the same terms: the
    // second may take the first's answer from the cache, which must be the answer a search
    // without it gives — also for a split index whose hits await their texts, after one of
    // those texts has arrived (the hit then carries its title highlights, not the wait).
    let bytes = jikji_ingest::build_index(&[repo::seeds()]).0;
    let split = jikji_engine::split(&bytes).unwrap();
    let core = Index::open(split.core).unwrap();
    for (block, bytes) in &split.blocks {
        core.add_block(*block, bytes).unwrap();
    }
    let options = SearchOptions {
        snippets: false,
        ..SearchOptions::default()
    };
    let mut cache = SearchCache::default();
    let typed = core.search_with("중국", &options, &mut cache);
    assert!(typed.missing_blocks.is_empty() && typed.total > 5);
    let awaited = typed.hits[0]
        .awaiting_text
        .expect("the first hit awaits its text");
    for query in ["중국 ", "중국", "중국  "] {
        let results = core.search_with(query, &options, &mut cache);
        assert_eq!(results, core.search(query, &options), "{query:?}");
        assert_eq!(results.hits, typed.hits);
        assert_eq!(
            results.prepared.query.clauses,
            core.prepare(query).query.clauses
        );
    }
    core.add_texts(awaited, &split.chunks[awaited]).unwrap();
    let after = core.search_with("중국 ", &options, &mut cache);
    assert_eq!(after, core.search("중국 ", &options));
    assert_eq!(after.hits[0].awaiting_text, None);
    assert!(!after.hits[0].title_highlights.is_empty() || after.hits[0].doc != typed.hits[0].doc);
}

#[test]
fn a_hit_whose_body_holds_no_match_shows_the_snippet_reading_the_body_gives() {
    // A hit's body is not read for matches when the index says it holds none: its snippet
    // must be the one reading it gives, here for titles matching alone, words matching apart
    // in a phrase or a spacing variant (marked anywhere, counted only side by side), and
    // queries of several clauses, exclusions and alternatives.
    let mut builder = IndexBuilder::new();
    for (id, title, body) in [
        (
            "title-only",
            "화웨이 새 칩",
            "반도체 이야기가 길게 이어진다. 관련 없는 문장이다.",
        ),
        (
            "both",
            "화웨이 소식",
            "미국이 화웨이에 대한 제재를 연장했다. 칩도 그렇다.",
        ),
        (
            "spaced",
            "스마트 팩토리 소개",
            "스마트 기술의 시대가 왔다. 공장은 바뀐다.",
        ),
        (
            "phrase",
            "중국 기업 이야기",
            "기업 그리고 중국, 순서가 바뀐 본문이다.",
        ),
        (
            "plain",
            "오늘의 소식",
            "중국 기업 화웨이 스마트 팩토리 모두 여기에 있다.",
        ),
    ] {
        builder.add(Article::new(id, title, body));
    }
    let index = Index::open(builder.finish()).unwrap();
    let mut title_only = 0;
    for query in [
        "화웨이",
        "화웨이 ",
        "화웨이 칩",
        "스마트팩토리",
        "\"중국 기업\"",
        "중국 기업",
        "화웨이 -반도체",
        "화웨이 | 반도체",
        "",
    ] {
        for matched_words in [false, true] {
            let options = SearchOptions {
                matched_words,
                ..wide()
            };
            let results = index.search(query, &options);
            assert!(!results.hits.is_empty(), "{query:?}");
            for hit in &results.hits {
                let read = index.complete_hit(hit, &results.prepared).unwrap();
                assert_eq!(hit.snippet, read.snippet, "{query:?}, article {}", hit.doc);
                assert_eq!(hit.title_highlights, read.title_highlights, "{query:?}");
                title_only += usize::from(
                    !hit.title_highlights.is_empty() && read.snippet.highlights.is_empty(),
                );
            }
        }
    }
    assert!(
        title_only > 4,
        "only {title_only} hits matched in their title alone"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_query_returns_without_panic(query in "\\PC{0,200}") {
        let results = seeds().search(&query, &wide());
        prop_assert!(results.hits.len() <= results.total);
        for hit in &results.hits {
            for r in &hit.snippet.highlights {
                prop_assert!(hit.snippet.text.get(r.clone()).is_some());
            }
        }
    }

    #[test]
    fn build_then_read_round_trips(texts in prop::collection::vec(("\\PC{1,30}", "\\PC{0,300}"), 1..8)) {
        let mut builder = IndexBuilder::new();
        let articles: Vec<Article> = texts
            .iter()
            .enumerate()
            .map(|(i, (title, body))| Article::new(format!("a{i}"), title.clone(), body.clone()))
            .collect();
        for a in &articles {
            builder.add(a.clone());
        }
        let bytes = builder.finish();
        let index = Index::open(bytes.clone()).unwrap();
        prop_assert_eq!(index.article_count(), articles.len());
        // Split into the core and its text chunks, and joined again in the reader.
        let split = jikji_engine::split(&bytes).unwrap();
        let core = Index::open(split.core).unwrap();
        for (block, bytes) in &split.blocks {
            core.add_block(*block, bytes).unwrap();
        }
        for (number, chunk) in split.chunks.iter().enumerate() {
            core.add_texts(number, chunk).unwrap();
        }
        prop_assert!(core.articles().eq(index.articles()));
        for (stored, original) in index.articles().zip(&articles) {
            prop_assert_eq!(&stored.body, &jikji_engine::normalize_text(&original.body));
            prop_assert_eq!(&stored.id, &original.id);
        }
        // Every word of every body finds its article.
        for (i, a) in index.articles().enumerate() {
            for token in jikji_engine::tokenize(&a.body).into_iter().take(5) {
                let results = index.search(&format!("\"{}\"", token.text), &SearchOptions { limit: 100, ..wide() });
                prop_assert!(results.hits.iter().any(|h| h.doc as usize == i), "{} not found", token.text);
            }
        }
    }
}

#[test]
fn huge_queries_return() {
    let long: String = "가나다라마바사 ".repeat(100_000 / 8);
    let syllables: String = (0..5000)
        .map(|i| {
            char::from_u32(0xAC00 + (i * 37) % 11172)
                .unwrap()
                .to_string()
                + " "
        })
        .collect();
    let index = seeds(); // built before the clock starts
    for query in [long, syllables] {
        // A query keeps at most MAX_CLAUSES distinct clauses, so 5,000 words cost what 24
        // do: the search returns in bounded time (generous here: the tests run unoptimised,
        // on a shared machine), and with no more than the archive.
        let clauses = jikji_engine::Query::parse(&query).clauses.len();
        assert!(
            (1..=jikji_engine::query::MAX_CLAUSES).contains(&clauses),
            "{clauses}"
        );
        let started = std::time::Instant::now();
        let results = index.search(&query, &wide());
        let took = started.elapsed();
        assert!(
            took.as_secs() < 20,
            "{} words took {took:?}",
            query.split(' ').count()
        );
        assert!(results.total <= index.article_count());
        assert!(results.hits.len() <= results.total);
    }
}

#[test]
fn a_damaged_index_is_rejected_at_every_offset_never_read() {
    let mut builder = IndexBuilder::new();
    for (i, text) in [
        "중관춘 창업거리 이야기",
        "핀둬둬(拼多多) 채소",
        "화웨이 칩 금지령 2020년",
    ]
    .iter()
    .enumerate()
    {
        builder.add(Article::new(format!("a{i}"), "제목", *text));
    }
    let bytes = builder.finish();
    // Flip each byte in turn: the header or the checksum catches every one.
    for at in 0..bytes.len() {
        let mut damaged = bytes.clone();
        damaged[at] ^= 0x5a;
        match Index::open(damaged) {
            Err(_) => {}
            Ok(_) => panic!("a flipped byte at {at} of {} went unnoticed", bytes.len()),
        }
    }
    // Truncate at every length.
    for len in 0..bytes.len() {
        assert!(
            Index::open(bytes[..len].to_vec()).is_err(),
            "truncated to {len}"
        );
    }
    // Appending garbage is damage too.
    let mut longer = bytes.clone();
    longer.extend_from_slice(b"tail");
    assert!(Index::open(longer).is_err());
    // A text chunk fetched for a split index: any flipped byte or other length is refused.
    let split = jikji_engine::split_with(&bytes, 0).unwrap();
    let core = Index::open(split.core.as_slice()).unwrap();
    // (Checked against its addresses block, given first.)
    let addresses = split
        .blocks
        .iter()
        .find(|(b, _)| matches!(b, Block::Addresses(_)))
        .unwrap();
    assert!(matches!(
        core.add_texts(0, &split.chunks[0]),
        Err(Error::Absent)
    ));
    core.add_block(addresses.0, addresses.1).unwrap();
    let chunk = &split.chunks[0];
    for at in 0..chunk.len() {
        let mut damaged = chunk.to_vec();
        damaged[at] ^= 0x5a;
        assert!(
            core.add_texts(0, &damaged).is_err(),
            "a flipped byte at {at} of the chunk went unnoticed"
        );
    }
    for len in 0..chunk.len() {
        assert!(
            core.add_texts(0, &chunk[..len]).is_err(),
            "chunk truncated to {len}"
        );
    }
    assert!(core.article(0).is_none());
    core.add_texts(0, chunk).unwrap();
    assert_eq!(core.article(0).unwrap().body, "중관춘 창업거리 이야기");
    // So is a block: any flipped byte or other length.
    let core = Index::open(split.core.as_slice()).unwrap();
    for (block, bytes) in &split.blocks {
        for at in 0..bytes.len() {
            let mut damaged = bytes.to_vec();
            damaged[at] ^= 0x5a;
            assert!(
                core.add_block(*block, &damaged).is_err(),
                "{block:?} flipped at {at}"
            );
        }
        assert!(core.add_block(*block, &bytes[..bytes.len() - 1]).is_err());
        assert!(!core.has_block(*block));
        core.add_block(*block, bytes).unwrap();
    }
    assert!(core
        .search("창업", &Default::default())
        .missing_blocks
        .is_empty());
}
