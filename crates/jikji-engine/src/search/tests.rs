//! Search behaviour on small built indexes: matching, ranking, filters, facets, paging,
//! highlights, and any input as a query.

use super::streams::MAX_EXPANSIONS;
use super::*;
use crate::{Article, IndexBuilder};

fn index(articles: &[(&str, &str, &str)]) -> Index<Vec<u8>> {
    let mut builder = IndexBuilder::new();
    for (id, title, body) in articles {
        builder.add(Article::new(*id, *title, *body));
    }
    Index::open(builder.finish()).unwrap()
}

fn dated(articles: &[(&str, Option<&str>, Option<&str>)]) -> Index<Vec<u8>> {
    let mut builder = IndexBuilder::new();
    for (id, date, source) in articles {
        let mut a = Article::new(*id, "제목", "본문 창업 이야기");
        a.date = date.map(String::from);
        a.source = source.map(String::from);
        builder.add(a);
    }
    Index::open(builder.finish()).unwrap()
}

#[test]
fn every_page_is_its_slice_of_the_whole_order() {
    // 600 articles: scores tie in groups (same text, different lengths), dates repeat,
    // some are undated; pages are found by selecting a head of the results, the whole
    // order by sorting them all.
    let mut builder = IndexBuilder::new();
    for i in 0..600 {
        let body = format!("{} 창업 {}", "기업 ".repeat(i % 7), "투자 ".repeat(i % 3));
        let mut a = Article::new(
            i.to_string(),
            if i % 5 == 0 { "창업" } else { "소식" },
            &body,
        );
        a.date = (i % 11 != 0).then(|| format!("2020-{:02}-{:02}", 1 + i % 12, 1 + i % 28));
        builder.add(a);
    }
    let index = Index::open(builder.finish()).unwrap();
    for sort in [Sort::Relevance, Sort::Newest, Sort::Oldest] {
        for query in ["창업 ", "창업 투자 ", "ㅊ"] {
            let options = SearchOptions {
                sort,
                ..SearchOptions::default()
            };
            let whole = index.ranked(query, &options);
            assert!(whole.len() > 300, "{query}");
            for offset in [0, 20, 190, 200, 360] {
                let page = index.search(
                    query,
                    &SearchOptions {
                        offset,
                        limit: 20,
                        ..options.clone()
                    },
                );
                let docs: Vec<DocId> = page.hits.iter().map(|h| h.doc).collect();
                assert_eq!(
                    docs,
                    whole[offset..offset + 20],
                    "{query} {sort:?} from {offset}"
                );
            }
        }
    }
}

fn ids_with(index: &Index<Vec<u8>>, query: &str, options: &SearchOptions) -> Vec<String> {
    let results = index.search(
        query,
        &SearchOptions {
            limit: 100,
            ..options.clone()
        },
    );
    results
        .hits
        .iter()
        .map(|h| index.article(h.doc).unwrap().id.clone())
        .collect()
}

fn ids(index: &Index<Vec<u8>>, query: &str) -> Vec<String> {
    ids_with(index, query, &SearchOptions::default())
}

#[test]
fn prefix_finds_particle_forms_and_exact_ranks_first() {
    let idx = index(&[
        ("prefix", "기사", "창업자들이 모였다 오늘 행사"),
        ("exact", "기사", "창업 열기가 뜨겁다 오늘 행사"),
        ("twice", "기사", "창업 창업 열기가 뜨겁다 오늘"),
        ("none", "기사", "상하이 이야기"),
    ]);
    assert_eq!(ids(&idx, "창업 "), ["twice", "exact", "prefix"]);
    let results = idx.search("창업자들이다 ", &SearchOptions::default());
    assert_eq!(
        results.total, 1,
        "a longer word matches a shorter one only by edit distance"
    );
    assert_eq!(results.prepared.suggestions[0].also, ["창업자들이"]);
}

#[test]
fn all_words_must_match_and_title_outranks_body() {
    let idx = index(&[
        (
            "body",
            "반도체 소식",
            "이번 주 화웨이 스마트폰 소식이 있었다 그리고 다른 이야기도 많았다",
        ),
        (
            "title",
            "화웨이 스마트폰",
            "이번 주 새로운 제품이 나왔다 그리고 다른 이야기도 많았다",
        ),
        ("other", "샤오미 스마트폰", "다른 이야기"),
    ]);
    assert_eq!(ids(&idx, "화웨이 스마트폰 "), ["title", "body"]);
    assert!(ids(&idx, "화웨이 없는단어 ").is_empty());
}

#[test]
fn numbers_match_exactly() {
    let idx = index(&[("a", "기사", "2020년 소식"), ("b", "기사", "20201 번호")]);
    assert_eq!(ids(&idx, "2020"), ["a"]);
}

#[test]
fn compounds_and_spacing_variants() {
    let idx = index(&[
        ("inside", "기사", "해외창업 지원이 늘었다"),
        ("spaced", "기사", "스마트 팩토리 구축"),
        ("joined", "기사", "스마트팩토리 구축"),
    ]);
    assert_eq!(ids(&idx, "창업 "), ["inside"]);
    let mut both = ids(&idx, "스마트팩토리 ");
    both.sort();
    assert_eq!(both, ["joined", "spaced"]);
    let mut both = ids(&idx, "스마트 팩토리 ");
    both.sort();
    assert_eq!(both, ["joined", "spaced"]);
}

#[test]
fn aliases_find_each_other() {
    let idx = index(&[
        ("named", "기사", "핀둬둬(拼多多)가 채소를 판다"),
        ("hanzi", "기사", "拼多多 买菜 开通"),
        ("korean", "기사", "핀둬둬의 성장"),
    ]);
    let mut found = ids(&idx, "拼多多 ");
    found.sort();
    assert_eq!(found, ["hanzi", "korean", "named"]);
    assert_eq!(ids(&idx, "핀둬둬 ").len(), 3);
    assert_eq!(
        idx.alias_groups(),
        [vec!["拼多多".to_owned(), "핀둬둬".to_owned()]]
    );
}

#[test]
fn a_common_syllable_being_typed_answers_for_itself() {
    // Few words start with 주: typing it also finds the words it may be composing (중국).
    let few = index(&[("a", "주식 시장", "주식"), ("b", "중국 이야기", "중국")]);
    assert_eq!(ids(&few, "주"), ["a", "b"]);
    // More words start with 주 than are searched: 주 answers with them alone.
    let words: Vec<String> = (0..MAX_EXPANSIONS as u32 + 10)
        .map(|i| format!("주{}", char::from_u32(0xAC00 + i * 28).unwrap()))
        .collect();
    let body = words.join(" ");
    let many = index(&[("a", "주식 시장", &body), ("b", "중국 이야기", "중국")]);
    assert_eq!(ids(&many, "주"), ["a"]);
}

#[test]
fn typing_initials_and_fuzzy() {
    let idx = index(&[
        ("a", "중관춘 이야기", "중관춘은 베이징에 있다"),
        ("b", "상하이", "푸둥 이야기"),
    ]);
    assert_eq!(
        ids(&idx, "중관ㅊ"),
        ["a"],
        "a partial syllable while typing"
    );
    assert_eq!(
        ids(&idx, "중과"),
        ["a"],
        "the IME shows 중과 on the way to 중관"
    );
    assert!(
        ids(&idx, "중과 ").is_empty(),
        "a finished word is not a partial one"
    );
    assert_eq!(ids(&idx, "ㅈㄱㅊ"), ["a"]);
    let results = idx.search("중관촌", &SearchOptions::default());
    assert_eq!(results.total, 1);
    assert_eq!(
        results.prepared.suggestions,
        [Suggestion {
            word: "중관촌".into(),
            also: vec!["중관춘".into()],
            counts: Vec::new(),
            merged: true,
        }]
    );
}

#[test]
fn variants_of_a_word_that_finds_something_are_offered_not_counted() {
    let idx = index(&[
        ("own", "도우미 제도", "도우미가 온다"),
        // Built without a segmenter: no particle is told apart, so the variant is written bare.
        ("v1", "지원", "큰 도움 됐다"),
        ("v2", "지원", "도움 받았다"),
        ("v3", "다른", "관계없는 글"),
    ]);
    let results = idx.search("도우미 ", &SearchOptions::default());
    assert_eq!(results.total, 1, "the count is of the word");
    assert_eq!(results.hits.iter().map(|h| h.doc).collect::<Vec<_>>(), [0]);
    let offer = &results.prepared.suggestions[..];
    assert_eq!(
        offer,
        [Suggestion {
            word: "도우미".into(),
            also: vec!["도움".into()],
            counts: vec![2],
            merged: false,
        }]
    );
    // Taking the offer searches both, and the count says so.
    let taken = offer[0].query_with("도우미 ").unwrap();
    assert_eq!(taken, "도우미 | 도움 ");
    let both = idx.search(&taken, &SearchOptions::default());
    assert_eq!(both.total, 3);
    assert!(both
        .prepared
        .suggestions
        .iter()
        .all(|s| s.query_with(&taken).is_none()));
}

#[test]
fn phrases_exclusions_and_alternatives() {
    let idx = index(&[
        ("phrase", "기사", "중관춘 창업거리에 갔다"),
        ("apart", "기사", "창업거리는 중관춘 북쪽에"),
        ("other", "기사", "상하이 이야기"),
    ]);
    assert_eq!(ids(&idx, "\"중관춘 창업거리\""), ["phrase"]);
    assert_eq!(ids(&idx, "중관춘 -북쪽"), ["phrase"]);
    let mut any = ids(&idx, "상하이 | 북쪽");
    any.sort();
    assert_eq!(any, ["apart", "other"]);
    assert_eq!(
        ids(&idx, "중관춘 창업거리 ")[0],
        "phrase",
        "words side by side rank first"
    );
}

#[test]
fn filters_facets_and_sorting() {
    let idx = dated(&[
        ("old", Some("2019-01-05"), Some("36kr")),
        ("none", None, Some("KOTRA")),
        ("new", Some("2022-12-14"), Some("36Kr 중국")),
        ("mid", Some("2020-08-26"), None),
    ]);
    assert_eq!(
        ids(&idx, ""),
        ["new", "mid", "old", "none"],
        "browsing: newest first, undated last"
    );
    assert_eq!(
        ids_with(
            &idx,
            "",
            &SearchOptions {
                sort: Sort::Oldest,
                ..Default::default()
            }
        ),
        ["old", "mid", "new", "none"]
    );
    assert_eq!(ids(&idx, "source:36kr"), ["new", "old"]);
    assert_eq!(ids(&idx, "date:2020"), ["mid"]);
    assert_eq!(ids(&idx, "date:2019-01-01..2020-12-31"), ["mid", "old"]);
    let filtered = SearchOptions {
        sources: vec!["kotra".into()],
        ..Default::default()
    };
    assert_eq!(ids_with(&idx, "창업", &filtered), ["none"]);
    let undated = SearchOptions {
        undated: true,
        ..Default::default()
    };
    assert_eq!(ids_with(&idx, "", &undated), ["none"]);
    let order: Vec<String> = idx
        .ranked("", &SearchOptions::default())
        .iter()
        .map(|&d| idx.article(d).unwrap().id.clone())
        .collect();
    assert_eq!(order, ["new", "mid", "old", "none"]);

    let results = idx.search("창업 source:36kr", &SearchOptions::default());
    assert_eq!(results.total, 2);
    // Source counts ignore the source filter; month counts respect it.
    assert_eq!(
        results.facets.sources,
        [
            ("36Kr 중국".into(), 1),
            ("36kr".into(), 1),
            ("KOTRA".into(), 1)
        ]
    );
    assert_eq!(
        results.facets.months,
        [("2019-01".into(), 1), ("2022-12".into(), 1)]
    );
    assert_eq!(results.facets.undated, 0);
    let page = idx.search(
        "",
        &SearchOptions {
            limit: 1,
            offset: 1,
            ..Default::default()
        },
    );
    assert_eq!((page.total, page.hits.len()), (4, 1));
    assert_eq!(page.facets.undated, 1);
}

/// The words a snippet highlights.
fn marked(snippet: &Snippet) -> Vec<&str> {
    snippet
        .highlights
        .iter()
        .map(|r| &snippet.text[r.clone()])
        .collect()
}

#[test]
fn hits_carry_snippets_highlights_and_matched_words() {
    let idx = index(&[(
        "a",
        "화웨이 칩 금지령",
        "미국이 화웨이에 대한 칩 금지령을 연장했다. 해외창업 소식.",
    )]);
    // Without snippets, the same hit, its snippet made on demand.
    let bare = idx.search(
        "화웨이",
        &SearchOptions {
            snippets: false,
            ..SearchOptions::default()
        },
    );
    let full = idx.search("화웨이", &SearchOptions::default());
    assert!(bare.hits[0].snippet.text.is_empty() && bare.hits[0].awaiting_text.is_none());
    assert_eq!(
        idx.complete_hit(&bare.hits[0], &bare.prepared)
            .map(|hit| hit.snippet)
            .as_ref(),
        Some(&full.hits[0].snippet)
    );
    assert_eq!(bare.hits[0].title_highlights, full.hits[0].title_highlights);
    let results = idx.search(
        "화웨이",
        &SearchOptions {
            matched_words: true,
            ..Default::default()
        },
    );
    let hit = &results.hits[0];
    assert_eq!(hit.title_highlights, vec![0.."화웨이".len()]);
    assert_eq!(
        marked(&hit.snippet),
        ["화웨이"],
        "only the noun of 화웨이에 is marked"
    );
    assert_eq!(hit.matched, ["화웨이", "화웨이에"]);
    let results = idx.search("창업", &SearchOptions::default());
    let hit = &results.hits[0];
    assert_eq!(
        marked(&hit.snippet),
        ["창업"],
        "the compound's part is marked"
    );
}

#[test]
fn any_input_is_a_query() {
    let idx = index(&[("a", "기사", "본문")]);
    for input in [
        "\"",
        "-",
        "|",
        "OR",
        "source:",
        "date:",
        "((",
        "ㅏ",
        "ㄱ",
        "\u{0}",
        "😀",
        "a".repeat(5000).as_str(),
    ] {
        // Whatever it is, a query answers: never more than the archive, a list no longer
        // than its total, facets that count no more than it, nothing lacking in a whole index.
        let results = idx.search(input, &SearchOptions::default());
        assert!(results.total <= 1, "{input:?}: total {}", results.total);
        assert!(results.hits.len() <= results.total, "{input:?}");
        assert!(results.missing_blocks.is_empty(), "{input:?}");
        let counted: usize = results.facets.sources.iter().map(|(_, n)| n).sum();
        assert!(
            counted <= results.total,
            "{input:?}: sources count {counted}"
        );
    }
    // And the index those queries ran on answers a real one.
    assert_eq!(idx.search("본문", &SearchOptions::default()).total, 1);
}

#[test]
fn an_outlet_is_counted_and_filtered_under_every_spelling() {
    let index = dated(&[
        ("1", Some("2020-08-01"), Some("한국혁신센터(KIC)중국")),
        ("2", Some("2020-08-02"), Some("한국혁신센터(KIC)중국")),
        ("3", Some("2020-08-03"), Some("글로벌혁신센터(KIC 중국)")),
        ("4", Some("2020-08-04"), Some("KIC중국")),
        ("5", Some("2020-08-05"), Some("36kr")),
    ]);
    let all = index.search("창업", &SearchOptions::default());
    assert_eq!(
        all.facets.sources,
        [
            ("한국혁신센터(KIC)중국".to_string(), 4),
            ("36kr".to_string(), 1)
        ]
    );
    let (outlet, spellings) = &all.facets.spellings[0];
    assert_eq!(outlet, "한국혁신센터(KIC)중국");
    assert_eq!(spellings.iter().map(|(_, n)| n).sum::<usize>(), 4);
    assert_eq!(spellings.len(), 3);
    // A filter by the outlet's name, or by any one spelling, takes every spelling.
    for filter in ["한국혁신센터(KIC)중국", "KIC중국", "글로벌혁신센터"] {
        let options = SearchOptions {
            sources: vec![filter.to_string()],
            ..SearchOptions::default()
        };
        assert_eq!(index.search("창업", &options).total, 4, "{filter}");
    }
    let outlets = index.outlets();
    assert_eq!(outlets.len(), 2);
    assert_eq!(outlets[1].spellings.len(), 3);
}
