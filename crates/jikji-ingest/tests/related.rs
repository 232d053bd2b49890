//! Related articles found at build time (`jikji_engine::index::related`), on the seeds and
//! the reprints fixture (`tests/fixtures/reprints/`): an article's related articles share
//! its distinctive words, which are given as the reason; rare names count; versions of its
//! own story are not listed; the list survives a split index, its block fetched alone.

use jikji_engine::index::related::RELATED_SHOWN;
use jikji_engine::{split, Error, Index};
use jikji_ingest::{index_articles, ingest_paths};

mod common;

fn index_of(folder: &str) -> Index<Vec<u8>> {
    let articles = ingest_paths(&[common::repo().join(folder)]).articles;
    assert!(articles.len() > 5, "{folder} reads into articles");
    Index::open(index_articles(articles)).expect("the index opens")
}

#[test]
fn related_articles_share_the_distinctive_words_they_give_as_the_reason() {
    let index = index_of("corpus");
    // The newsletter's article on Beijing's blockchain city with Huawei.
    let doc = index.doc_by_id("003_f0ea3dc2add15f79-11").unwrap();
    let related = index.related_articles(doc, false).unwrap();
    assert!(!related.is_empty() && related.len() <= RELATED_SHOWN);
    let ids: Vec<&str> = related.iter().map(|r| index.id(r.doc).unwrap()).collect();
    // The two other blockchain articles of the issue, and the one other on Huawei.
    for id in [
        "003_f0ea3dc2add15f79-09",
        "003_f0ea3dc2add15f79-10",
        "003_f0ea3dc2add15f79-01",
    ] {
        assert!(ids.contains(&id), "{id} is related: {ids:?}");
    }
    for r in &related {
        assert!(!r.reason.is_empty(), "a reason is given");
        let other = index.article(r.doc).unwrap();
        let here = index.article(doc).unwrap();
        for word in &r.reason {
            assert!(
                other.body.contains(word.as_str()) || other.title.contains(word.as_str()),
                "{word} is in {}",
                other.id
            );
            assert!(here.body.contains(word.as_str()) || here.title.contains(word.as_str()));
        }
        assert!(r.score > 0.0 && r.score <= 1.0);
    }
    let huawei = &related[ids
        .iter()
        .position(|&id| id == "003_f0ea3dc2add15f79-01")
        .unwrap()];
    assert!(
        huawei.reason.iter().any(|w| w == "화웨이"),
        "a name in three articles of the archive is the reason: {:?}",
        huawei.reason
    );
    let scores: Vec<f32> = related.iter().map(|r| r.score).collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "best first: {scores:?}"
    );
}

#[test]
fn versions_of_a_story_are_not_related_and_within_a_year_keeps_to_dates() {
    let index = index_of("tests/fixtures/reprints");
    let doc = index.doc_by_id("02-chip-ban-reprint").unwrap();
    assert_eq!(index.reprints_of(doc).len(), 3);
    let related = index.related_articles(doc, false).unwrap();
    let ids: Vec<&str> = related.iter().map(|r| index.id(r.doc).unwrap()).collect();
    assert!(!ids.iter().any(|id| id.contains("chip-ban")), "{ids:?}");
    assert!(ids.contains(&"04-beijing-blockchain"), "{ids:?}");
    let near = index.related_articles(doc, true).unwrap();
    for r in &near {
        let date = index.article(r.doc).unwrap().date.clone().unwrap();
        assert!(
            date.as_str() >= "2019-08-29",
            "{date} is within a year of 2020-08-29"
        );
    }
    let far: Vec<&str> = related
        .iter()
        .filter(|r| !near.contains(r))
        .map(|r| index.id(r.doc).unwrap())
        .collect();
    for id in far {
        assert_eq!(
            id, "08-zhongguancun",
            "only the 2019 article is more than a year away"
        );
    }
}

#[test]
fn a_split_index_gives_related_articles_once_their_block_is_given() {
    let whole = index_of("corpus");
    let bytes = index_articles(ingest_paths(&[common::repo().join("corpus")]).articles);
    let parts = split(&bytes).unwrap();
    let core = Index::open(parts.core.clone()).unwrap();
    let doc = core.doc_by_id("003_f0ea3dc2add15f79-11");
    // (The id's block may be absent from the core: look it up in the whole index.)
    let doc = doc.unwrap_or_else(|| whole.doc_by_id("003_f0ea3dc2add15f79-11").unwrap());
    let _ids_block = core.take_missing_blocks();
    assert!(matches!(
        core.related_articles(doc, false),
        Err(Error::Absent)
    ));
    let missing = core.take_missing_blocks();
    assert_eq!(missing.len(), 1, "one block names it: {missing:?}");
    let (_, block) = parts.blocks.iter().find(|(b, _)| *b == missing[0]).unwrap();
    assert!(
        block.len() < 16 * 1024,
        "a related block is small: {} bytes",
        block.len()
    );
    core.add_block(missing[0], block).unwrap();
    assert_eq!(
        core.related_articles(doc, false).unwrap(),
        whole.related_articles(doc, false).unwrap()
    );
}
