//! Reprints grouped at build time (`jikji_engine::index::reprints`), held to labelled pairs.
//!
//! The pairs are made from real articles — the seeds (`corpus/`), and the Wikinews corpus
//! when it is at hand (`../shared/corpus/wikinews/`) — reprinted with the edits reprints
//! get: a changed headline, another outlet's name, a byline added, the last paragraph cut,
//! respacing, half the story, and several at once. Positive pairs: an article and its
//! reprint. Negative pairs: two different articles, the most alike first (follow-ups of one
//! event, a newsletter's articles with the same furniture), then others. The articles are
//! split by the parity of their number into a development half (on which the threshold was
//! chosen: `measure_thresholds`, run with `--ignored --nocapture`) and a held-out half, which
//! the threshold must tell apart.

use jikji_engine::index::reprints::{
    find_reprints_at, jaccard, shingles, MIN_SHINGLES, REPRINT_THRESHOLD,
};
use jikji_engine::{Article, Index, SearchOptions};
use jikji_ingest::{index_articles, ingest_paths};

mod common;
use common::repo;

/// The kinds of edit a reprint gets, each a function of the original.
const EDITS: [(&str, fn(&Article) -> Article); 7] = [
    ("headline", |a| Article {
        title: format!("[종합] {} …관련 업계 주목", a.title),
        ..a.clone()
    }),
    ("outlet", |a| Article {
        source: Some("한중경제신문".into()),
        ..a.clone()
    }),
    ("byline", |a| Article {
        body: format!(
            "[서울=한중경제신문] 김민수 기자 = {}\n\n김민수 기자 minsu@example.kr",
            a.body
        ),
        ..a.clone()
    }),
    ("last paragraph cut", |a| Article {
        body: cut_last_paragraph(&a.body),
        ..a.clone()
    }),
    ("respaced", |a| Article {
        body: a.body.replace(", ", ",").replace("다. ", "다.\n"),
        ..a.clone()
    }),
    ("first half", |a| Article {
        body: a.body.chars().take(a.body.chars().count() / 2).collect(),
        ..a.clone()
    }),
    ("all at once", |a| Article {
        title: format!("{} (전재)", a.title),
        source: Some("아시아 테크 위클리".into()),
        body: format!("글 박지영\n\n{}", cut_last_paragraph(&a.body)),
        ..a.clone()
    }),
];

/// The body without its last paragraph, or without its last sentence when it has one
/// paragraph.
fn cut_last_paragraph(body: &str) -> String {
    match body.trim_end().rfind("\n\n") {
        Some(end) => body[..end].to_string(),
        None => match body.trim_end().trim_end_matches('.').rfind(". ") {
            Some(end) => body[..end + 1].to_string(),
            None => body.to_string(),
        },
    }
}

/// The real articles: the seeds, and Wikinews when at hand; only those long enough to be
/// grouped at all.
fn originals() -> Vec<Article> {
    let mut paths = vec![repo().join("corpus")];
    if let Some(dir) = common::wikinews("the seeds only") {
        paths.push(dir.join("wikinews_ko.jsonl"));
    }
    let articles = ingest_paths(&paths).articles;
    assert!(articles.len() > 20, "the seed corpus reads into articles");
    articles
        .into_iter()
        .filter(|a| shingles(&a.body).len() >= MIN_SHINGLES)
        .collect()
}

/// Pairs of different articles of the corpora that are one story, read by hand: Wikinews
/// has these articles two or three times (same date, title and text). Every other pair of
/// different articles is labelled as two stories (the most alike above 0.2 were read:
/// weekly poll reports and daily case counts written to one template, each a story of its
/// own).
const SAME_STORY: [(&str, &str); 8] = [
    ("wikinews-0614", "wikinews-0615"),
    ("wikinews-0623", "wikinews-0624"),
    ("wikinews-0626", "wikinews-0627"),
    ("wikinews-0628", "wikinews-0631"),
    ("wikinews-0629", "wikinews-0630"),
    ("wikinews-0641", "wikinews-0642"),
    ("wikinews-0641", "wikinews-0643"),
    ("wikinews-0642", "wikinews-0643"),
];

/// A labelled pair: its similarity, and whether it is one story.
struct Pair {
    similarity: f64,
    same_story: bool,
    kind: &'static str,
    ids: String,
}

/// The labelled pairs of the half of `originals` with number parity `half`.
fn labelled_pairs(originals: &[Article], half: usize) -> Vec<Pair> {
    let mine: Vec<&Article> = originals.iter().skip(half).step_by(2).collect();
    let sets: Vec<Vec<u64>> = mine.iter().map(|a| shingles(&a.body)).collect();
    let mut pairs = Vec::new();
    for (i, article) in mine.iter().enumerate() {
        let (kind, edit) = EDITS[i % EDITS.len()];
        pairs.push(Pair {
            similarity: jaccard(&sets[i], &shingles(&edit(article).body)),
            same_story: true,
            kind,
            ids: article.id.clone(),
        });
    }
    // Different stories: every pair of the half, the most alike kept (as many as the
    // positives), and every 97th of the rest.
    let mut different: Vec<(f64, usize, usize)> = Vec::new();
    for i in 0..sets.len() {
        for j in i + 1..sets.len() {
            different.push((jaccard(&sets[i], &sets[j]), i, j));
        }
    }
    different.sort_by(|a, b| b.0.total_cmp(&a.0));
    let most_alike = mine.len().min(different.len());
    for (k, &(similarity, i, j)) in different.iter().enumerate() {
        if k < most_alike || k % 97 == 0 {
            pairs.push(Pair {
                similarity,
                same_story: SAME_STORY
                    .iter()
                    .any(|&(a, b)| a == mine[i].id && b == mine[j].id),
                kind: if k < most_alike {
                    "most alike"
                } else {
                    "other"
                },
                ids: format!("{} / {}", mine[i].id, mine[j].id),
            });
        }
    }
    pairs
}

/// (precision, recall) of grouping the pairs at `threshold`.
fn precision_recall(pairs: &[Pair], threshold: f64) -> (f64, f64) {
    let grouped = |p: &&Pair| p.similarity >= threshold;
    let true_positives = pairs
        .iter()
        .filter(grouped)
        .filter(|p| p.same_story)
        .count();
    let predicted = pairs.iter().filter(grouped).count();
    let positives = pairs.iter().filter(|p| p.same_story).count();
    (
        true_positives as f64 / predicted.max(1) as f64,
        true_positives as f64 / positives.max(1) as f64,
    )
}

#[test]
#[ignore = "a measurement: prints precision and recall of the development pairs per threshold"]
fn measure_thresholds() {
    let originals = originals();
    for (name, half) in [("development", 0), ("held out", 1)] {
        let pairs = labelled_pairs(&originals, half);
        let positives = pairs.iter().filter(|p| p.same_story).count();
        println!(
            "{name}: {positives} same-story pairs, {} others",
            pairs.len() - positives
        );
        for threshold in [0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] {
            let (p, r) = precision_recall(&pairs, threshold);
            println!("  threshold {threshold:.2}: precision {p:.3}, recall {r:.3}");
        }
        for p in pairs
            .iter()
            .filter(|p| !p.same_story && p.similarity >= 0.2)
        {
            println!("  a different-story pair at {:.3}: {}", p.similarity, p.ids);
        }
        for kind in EDITS.iter().map(|e| e.0).chain(["most alike"]) {
            let of_kind: Vec<f64> = pairs
                .iter()
                .filter(|p| p.kind == kind)
                .map(|p| p.similarity)
                .collect();
            let min = of_kind.iter().copied().fold(f64::MAX, f64::min);
            let max = of_kind.iter().copied().fold(0.0, f64::max);
            println!(
                "  {kind}: {} pairs, similarity {min:.3}–{max:.3}",
                of_kind.len()
            );
        }
    }
}

#[test]
fn the_threshold_tells_the_held_out_pairs_apart() {
    let pairs = labelled_pairs(&originals(), 1);
    assert!(pairs.iter().any(|p| p.same_story) && pairs.iter().any(|p| !p.same_story));
    let (precision, recall) = precision_recall(&pairs, REPRINT_THRESHOLD);
    assert!(precision >= 0.98, "precision {precision:.3}");
    assert!(recall >= 0.95, "recall {recall:.3}");
}

#[test]
fn reprints_of_every_kind_join_their_first_version_and_other_stories_stay_apart() {
    let originals: Vec<Article> = originals().into_iter().take(60).collect();
    let mut articles = originals.clone();
    for (i, original) in originals.iter().enumerate().step_by(3) {
        let (kind, edit) = EDITS[i / 3 % EDITS.len()];
        articles.push(Article {
            id: format!("{}-reprint-{}", original.id, kind.replace(' ', "-")),
            ..edit(original)
        });
    }
    let groups = find_reprints_at(&articles, REPRINT_THRESHOLD);
    for (i, original) in originals.iter().enumerate().step_by(3) {
        let reprint = articles
            .iter()
            .position(|a| a.id.starts_with(&format!("{}-reprint-", original.id)))
            .expect("made above") as u32;
        assert!(
            groups
                .iter()
                .any(|g| g[0] == i as u32 && g.contains(&reprint)),
            "{} and its reprint ({}) are not one group led by the original",
            original.id,
            articles[reprint as usize].id
        );
    }
    let grouped: usize = groups.iter().map(|g| g.len()).sum();
    let reprints = articles.len() - originals.len();
    assert_eq!(
        grouped,
        2 * reprints,
        "only originals and their reprints are grouped: {groups:?}"
    );
}

#[test]
fn a_search_shows_a_story_once_with_its_versions_and_counts_articles_in_facets() {
    let originals = ingest_paths(&[repo().join("corpus")]).articles;
    let story = originals
        .iter()
        .find(|a| a.body.contains("중관춘") && shingles(&a.body).len() > 200)
        .expect("a seed article about 중관춘")
        .clone();
    let mut articles = originals.clone();
    articles.push(Article {
        id: "reprint-1".into(),
        source: Some("한중경제신문".into()),
        ..EDITS[2].1(&story)
    });
    articles.push(Article {
        id: "reprint-2".into(),
        source: Some("아시아 테크 위클리".into()),
        ..EDITS[3].1(&story)
    });
    let index = Index::open(index_articles(articles)).expect("the index opens");
    let first = index.doc_by_id(&story.id).expect("the story is indexed");
    assert_eq!(
        index.reprints_of(first).len(),
        3,
        "the story has three versions"
    );

    let grouped = index.search(
        "중관춘",
        &SearchOptions {
            limit: 100,
            ..Default::default()
        },
    );
    let ungrouped = index.search(
        "중관춘",
        &SearchOptions {
            limit: 100,
            group_reprints: false,
            ..Default::default()
        },
    );
    assert_eq!(grouped.total, ungrouped.total, "the total counts articles");
    assert_eq!(
        grouped.stories,
        grouped.total - 2,
        "three versions are one story"
    );
    assert_eq!(grouped.hits.len(), grouped.stories);
    assert_eq!(
        grouped.facets.sources, ungrouped.facets.sources,
        "facets count articles"
    );
    let entry = grouped
        .hits
        .iter()
        .find(|h| index.reprints_of(h.doc).contains(&first))
        .expect("the story is a hit");
    let mut ids: Vec<&str> = std::iter::once(entry.doc)
        .chain(entry.versions.iter().copied())
        .map(|doc| index.id(doc).expect("whole index"))
        .collect();
    ids.sort_unstable();
    let mut expected = vec![story.id.as_str(), "reprint-1", "reprint-2"];
    expected.sort_unstable();
    assert_eq!(ids, expected);
}
