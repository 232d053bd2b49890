//! One name per outlet, from files: the spellings of a source counted as one by the archive's
//! evidence, and the archive's `sources.toml` read as outlets, never as an article.

use std::path::PathBuf;

use jikji_engine::outlets::Merged;
use jikji_engine::{Index, SearchOptions};

/// A folder of the articles `(source, body)` as one JSON Lines file, with `sources` as its
/// `sources.toml` when given; removed at the end of the test.
struct Archive(PathBuf);

impl Archive {
    fn new(name: &str, articles: &[(&str, &str)], sources: Option<&str>) -> Archive {
        let dir = std::env::temp_dir().join(format!("jikji-outlets-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let lines: Vec<String> = articles
            .iter()
            .enumerate()
            .map(|(i, (source, body))| {
                serde_json::json!({
                    "id": format!("a{i}"),
                    "title": format!("기사 {i}"),
                    "source": source,
                    "date": format!("2021-03-{:02}", i + 1),
                    "body": body,
                })
                .to_string()
            })
            .collect();
        std::fs::write(dir.join("articles.jsonl"), lines.join("\n")).unwrap();
        if let Some(sources) = sources {
            std::fs::write(dir.join("sources.toml"), sources).unwrap();
        }
        Archive(dir)
    }
}

impl Drop for Archive {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const ARTICLES: &[(&str, &str)] = &[
    ("KIC 중국", "중관춘 창업 생태계를 소개한다."),
    ("KIC중국", "선전의 하드웨어 창업 이야기."),
    ("한국혁신센터(KIC)중국", "베이징 창업 지원 정책."),
    ("글로벌혁신센터(KIC 중국)", "상하이 창업 박람회 소식."),
    (
        "제일재경",
        "제일재경(第一财经)에 따르면 창업 투자가 늘었다.",
    ),
    ("第一财经", "창업 투자 통계."),
    ("선전상보", "선전 창업 거리."),
    ("深圳商报", "창업 보조금."),
];

fn outlet_counts(index: &Index<Vec<u8>>) -> Vec<(String, usize)> {
    index
        .search("창업", &SearchOptions::default())
        .facets
        .sources
}

#[test]
fn spellings_of_an_outlet_are_counted_once_by_the_archives_evidence() {
    let archive = Archive::new("evidence", ARTICLES, None);
    let (bytes, ingested) = jikji_ingest::build_index(&[archive.0.clone()]);
    assert_eq!(ingested.articles.len(), 8);
    let index = Index::open(bytes).unwrap();
    let counts = outlet_counts(&index);
    // The four KIC spellings by letters and by the name in parentheses; 제일재경 and 第一财经
    // by the alias an article states; 선전상보 and 深圳商报 by nothing the archive says. Each
    // spelling has one article: an outlet is named by its longest, then its first.
    assert_eq!(
        counts,
        [
            ("글로벌혁신센터(KIC 중국)".to_string(), 4),
            ("第一财经".to_string(), 2),
            ("深圳商报".to_string(), 1),
            ("선전상보".to_string(), 1),
        ]
    );
    let spellings = index
        .search("창업", &SearchOptions::default())
        .facets
        .spellings;
    for (outlet, total) in &counts {
        let summed: usize = spellings
            .iter()
            .find(|(name, _)| name == outlet)
            .map_or(*total, |(_, s)| s.iter().map(|(_, n)| n).sum());
        assert_eq!(summed, *total, "{outlet}: its spellings add up to it");
    }
}

#[test]
fn the_archives_sources_file_names_outlets_and_is_no_article() {
    let sources = "# 매체\n\"KIC 중국\" = [\"KIC중국\", \"한국혁신센터(KIC)중국\", \"글로벌혁신센터(KIC 중국)\"]\n\"선전상보\" = [\"深圳商报\"]\n";
    let archive = Archive::new("file", ARTICLES, Some(sources));
    let (bytes, ingested) = jikji_ingest::build_index(&[archive.0.clone()]);
    assert_eq!(
        ingested.articles.len(),
        8,
        "sources.toml is not read as an article"
    );
    assert!(ingested
        .files
        .iter()
        .all(|f| !f.path.ends_with("sources.toml")));
    assert!(
        ingested
            .notes
            .iter()
            .any(|n| n.contains("2 outlet(s) named")),
        "{:?}",
        ingested.notes
    );
    let index = Index::open(bytes).unwrap();
    let counts = outlet_counts(&index);
    assert!(counts.contains(&("KIC 중국".to_string(), 4)), "{counts:?}");
    assert!(counts.contains(&("선전상보".to_string(), 2)), "{counts:?}");
    let outlets = index.outlets();
    let shenzhen = outlets.iter().find(|o| o.name == "선전상보").unwrap();
    assert!(shenzhen
        .spellings
        .contains(&("深圳商报".to_string(), Merged::SourcesFile)));
}

#[test]
fn a_wrong_sources_file_is_reported_and_the_build_goes_on() {
    let archive = Archive::new("wrong", ARTICLES, Some("KIC = \"not a list\"\n"));
    let (bytes, ingested) = jikji_ingest::build_index(&[archive.0.clone()]);
    assert_eq!(ingested.articles.len(), 8);
    let note = ingested
        .notes
        .iter()
        .find(|n| n.contains("sources.toml not read"));
    assert!(
        note.is_some_and(|n| n.contains("line 1")),
        "{:?}",
        ingested.notes
    );
    let index = Index::open(bytes).unwrap();
    assert_eq!(
        outlet_counts(&index)[0],
        ("글로벌혁신센터(KIC 중국)".to_string(), 4)
    );
}
