//! Ingest over real files: the project's seed corpus and bad files made on the spot.

use std::path::PathBuf;

use jikji_ingest::{build_index, ingest_paths, Outcome};

fn seeds() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus"))
}

#[test]
fn reads_every_seed_file() {
    let ingested = ingest_paths(&[seeds()]);
    assert_eq!(ingested.articles.len(), 5);
    assert_eq!(ingested.files.len(), 5);
    assert!(ingested.files.iter().all(|f| matches!(f.outcome, Outcome::Read { articles: 1, .. })));
    let a = ingested.articles.iter().find(|a| a.id == "002_6e567526448bfc06").unwrap();
    assert!(a.title.starts_with("[조아라의 소프트 차이나]"), "{}", a.title);
    assert!(a.body.contains("중관춘은 중국 베이징 서북쪽"));
    let a = ingested.articles.iter().find(|a| a.id == "001_c0e2c6cc898f512e").unwrap();
    assert_eq!(a.title, "[김문기] 4차산업혁명 키워드 '중소·다품종'", "'실시간 뉴스' is not a title");
}

#[test]
fn bad_files_are_reported_and_skipped_while_the_rest_goes_on() {
    let dir = std::env::temp_dir().join(format!("jikji-ingest-test-{}", std::process::id()));
    let nested = dir.join("nested");
    std::fs::create_dir_all(&nested).unwrap();
    std::fs::write(dir.join("good.txt"), "좋은 기사의 제목입니다\n본문입니다.").unwrap();
    std::fs::write(nested.join("deep.md"), "폴더 안의 기사 제목입니다\n본문.").unwrap();
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    std::fs::write(dir.join("binary.txt"), [0u8, 159, 146, 150]).unwrap();
    std::fs::write(dir.join("latin1.txt"), b"caf\xe9 au lait is a title\nbody").unwrap();
    std::fs::write(dir.join("picture.png"), [137u8, 80, 78, 71]).unwrap();

    let (bytes, ingested) = build_index(&[dir.clone(), dir.join("missing.txt")]);
    let titles: Vec<&str> = ingested.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["좋은 기사의 제목입니다", "폴더 안의 기사 제목입니다"]);
    let reason = |name: &str| {
        ingested
            .files
            .iter()
            .find(|f| f.path.ends_with(name))
            .map(|f| match &f.outcome {
                Outcome::Skipped { reason } => reason.clone(),
                Outcome::Read { .. } => panic!("{name} should be skipped"),
            })
            .unwrap_or_else(|| panic!("{name} not reported"))
    };
    assert!(reason("empty.txt").contains("no text"));
    assert!(reason("binary.txt").contains("binary"));
    assert!(reason("latin1.txt").contains("line 1"));
    assert!(reason("picture.png").contains("unsupported"));
    assert!(reason("missing.txt").contains("cannot read"));
    assert!(jikji_engine::Index::open(bytes).is_ok());
    std::fs::remove_dir_all(&dir).unwrap();
}
