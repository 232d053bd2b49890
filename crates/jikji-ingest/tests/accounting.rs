//! Nothing lost: every character of every file read ends somewhere accounted for. For text files,
//! the characters of the decoded file (whitespace aside, which cleaning reflows) must equal the
//! characters of the articles' bodies and captions plus the file's ledger (titles, metadata,
//! dropped text by kind). For record files, every field value read independently here must be
//! in an article body or in the ledger. Runs over the seeds, the Wikinews fixtures and the
//! hostile fixtures, and over small files built to hit each kind of dropped text.

use std::fs;
use std::path::{Path, PathBuf};

use jikji_engine::Article;
use jikji_ingest::{decode, ingest_file, ink, Ledger, Outcome};

mod common;

/// Characters the articles themselves hold: bodies and captions.
fn chars_in_articles(articles: &[Article]) -> usize {
    articles
        .iter()
        .map(|a| ink(&a.body) + a.captions.iter().map(|c| ink(&c.text)).sum::<usize>())
        .sum()
}

/// The characters of a record file's field values, read here without the ingest's code.
fn record_value_chars(path: &Path, text: &str) -> usize {
    let value_chars = |v: &serde_json::Value| -> usize {
        let object = v
            .as_object()
            .expect("every record of the fixtures is an object");
        object
            .values()
            .map(|v| match v {
                serde_json::Value::Null => 0,
                serde_json::Value::String(s) => ink(s),
                other => ink(&other.to_string()),
            })
            .sum()
    };
    match path.extension().and_then(|e| e.to_str()) {
        Some("csv") => {
            let mut reader = csv::ReaderBuilder::new()
                .flexible(true)
                .from_reader(text.as_bytes());
            reader
                .records()
                .map(|r| {
                    r.expect("fixture CSV is well formed")
                        .iter()
                        .map(ink)
                        .sum::<usize>()
                })
                .sum()
        }
        Some("json") => serde_json::from_str::<Vec<serde_json::Value>>(text)
            .unwrap()
            .iter()
            .map(value_chars)
            .sum(),
        _ => text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| value_chars(&serde_json::from_str(l).unwrap()))
            .sum(),
    }
}

/// Checks one file; returns (input characters, article characters, ledger) for the totals.
fn account(path: &Path) -> (usize, usize, Ledger) {
    let text = decode::decode(&fs::read(path).unwrap()).unwrap().text;
    let (articles, report) = ingest_file(path);
    let Outcome::Read {
        ledger,
        article_chars,
        input_chars,
        ..
    } = report.outcome.clone()
    else {
        panic!("{}: not read: {report}", path.display());
    };
    let is_records = matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("csv" | "json" | "jsonl" | "ndjson")
    );
    let input = if is_records {
        record_value_chars(path, &text)
    } else {
        ink(&text)
    };
    let kept = chars_in_articles(&articles);
    assert_eq!(
        (input_chars, article_chars),
        (input, kept),
        "{}: the report's counts",
        path.display()
    );
    assert!(
        report
            .to_string()
            .contains(&format!("{input} chars = {kept} in articles")),
        "{report}"
    );
    assert!(
        !report.warnings.iter().any(|w| w.contains("not accounted")),
        "{report}"
    );
    assert_eq!(
        input,
        kept + ledger.chars(),
        "{}: {input} characters in, {kept} in articles + {} in the ledger {ledger:?}",
        path.display(),
        ledger.chars()
    );
    (input, kept, ledger)
}

fn account_folder(folder: &Path) -> (usize, usize, usize) {
    let mut paths: Vec<PathBuf> = fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let (mut input, mut kept, mut dropped) = (0, 0, 0);
    for path in paths.iter().filter(|p| p.is_file()) {
        let (i, k, ledger) = account(path);
        input += i;
        kept += k;
        dropped += ledger.total_dropped().chars;
    }
    assert!(input > 0, "{}: no text", folder.display());
    println!(
        "{}: {input} characters in, {kept} in articles, {dropped} dropped and counted",
        folder.display()
    );
    (input, kept, dropped)
}

#[test]
fn every_seed_character_is_accounted_for() {
    let (input, kept, dropped) = account_folder(&common::repo().join("corpus"));
    // The seeds are mostly article text, with real furniture dropped.
    assert!(kept * 10 > input * 8, "{kept} of {input}");
    assert!(dropped > 0);
}

#[test]
fn every_wikinews_field_is_accounted_for() {
    let Some(dir) = common::wikinews("Wikinews accounting skipped") else {
        return;
    };
    for name in ["wikinews_ko.csv", "wikinews_ko.jsonl"] {
        let (input, kept, _) = account(&dir.join(name));
        assert!(
            kept * 10 > input * 6,
            "{name}: {kept} of {input} (the URLs are long metadata)"
        );
    }
}

#[test]
fn every_hostile_character_is_accounted_for() {
    account_folder(&common::repo().join("tests/fixtures/hostile"));
}

/// Small files that exercise each path text can take out of an article.
#[test]
fn every_kind_of_dropped_text_is_counted() {
    let dir = std::env::temp_dir().join(format!("jikji-accounting-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let files = [
        // Front matter, furniture, a dateline, a caption, a repeated body, a byline and what follows.
        (
            "page.txt",
            "---\ntitle: 앞머리 제목\nsource: 한경닷컴\nnot a pair\n---\n실시간 뉴스\nhttps://example.org/a\n\
             [한경닷컴 조아라 기자] 중관춘 창업거리에 새 공간이 문을 열었다고 밝혔다.\n\
             사진 1) 출처: 한경닷컴\n이 문단은 충분히 길어서 반복되면 중복으로 봅니다.\n\
             이 문단은 충분히 길어서 반복되면 중복으로 봅니다.\n조아라 한경닷컴 기자 rrang123@hankyung.com\n\
             댓글 쓰기\n공유하기\n",
        ),
        // A title line consumed as the title.
        ("column.txt", "중관춘 창업거리의 하루\n창업자들이 모여드는 거리는 아침부터 붐볐다.\n"),
        // Records: an unknown field, a repeated body field, an empty record, a line that is no record.
        (
            "records.jsonl",
            "{\"제목\": \"첫 기사\", \"내용\": \"앞 본문\", \"본문\": \"뒤 본문\", \"조회수\": 5, \"작성일\": \"2020-08-26\"}\n\
             {\"조회수\": 7}\nnot json at all\n[1, 2]\n",
        ),
        (
            "records.csv",
            "제목,작성일,출처,내용,조회수\n첫 기사,2020-08-26,36kr,\"첫 줄\n둘째 줄\",5\n,,,,9\n둘째 기사,,,본문,1,남는 칸\n",
        ),
    ];
    for (name, text) in files {
        fs::write(dir.join(name), text).unwrap();
    }
    // The JSONL's broken lines are not records the test's own reader can sum: count them by hand.
    let (_, report) = ingest_file(&dir.join("records.jsonl"));
    let Outcome::Read { ledger, .. } = &report.outcome else {
        panic!("{report}")
    };
    assert_eq!(ledger.dropped_lines("not a record"), 2, "{report}");
    assert_eq!(ledger.dropped["repeated field"].chars, ink("앞 본문"));
    assert_eq!(
        ledger.dropped_lines("unknown field"),
        1,
        "the empty record's field is counted with its record"
    );
    assert_eq!(ledger.dropped_lines("record without title or body"), 1);
    fs::write(dir.join("records.jsonl"), text_of_valid_records(files[2].1)).unwrap();

    for name in ["page.txt", "column.txt", "records.jsonl", "records.csv"] {
        account(&dir.join(name));
    }
    let (_, report) = ingest_file(&dir.join("records.csv"));
    let Outcome::Read { ledger, .. } = &report.outcome else {
        panic!("{report}")
    };
    assert_eq!(
        ledger.dropped["extra cell"].chars,
        ink("남는 칸"),
        "{report}"
    );
    let (_, report) = ingest_file(&dir.join("page.txt"));
    let Outcome::Read { ledger, .. } = &report.outcome else {
        panic!("{report}")
    };
    for kind in ["web furniture", "bare link", "repeated text"] {
        assert!(ledger.dropped_lines(kind) > 0, "{kind}: {report}");
    }
    assert_eq!(
        ledger.metadata.lines, 6,
        "front matter (5 lines), dateline; byline: {ledger:?}"
    );
    fs::remove_dir_all(&dir).unwrap();
}

/// The lines of a JSONL text that are JSON objects.
fn text_of_valid_records(text: &str) -> String {
    text.lines()
        .filter(|l| serde_json::from_str::<serde_json::Value>(l).is_ok_and(|v| v.is_object()))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// Text kept in no article (a newsletter's opening letter, which the splitter leaves in the
/// header as metadata) is a warning naming its lines, shown in the file's report and counted in
/// the run's summary; a newsletter whose text is all in its articles, and the seeds, have none.
#[test]
fn text_kept_in_no_article_is_a_warning_with_its_lines() {
    let letter =
        common::repo().join("tests/fixtures/furniture/unplaced/letter-before-contents.txt");
    let (_, report) = ingest_file(&letter);
    assert_eq!(report.unplaced(), Some(387), "{report}");
    let warning = report
        .warnings
        .iter()
        .find(|w| w.contains("kept in no article"))
        .unwrap_or_else(|| panic!("no warning: {report}"));
    assert!(
        warning.starts_with("387 characters of text kept in no article")
            && warning.ends_with("— lines 6–12"),
        "{warning}"
    );
    assert!(report.to_string().contains(warning.as_str()));

    let whole = common::repo().join("tests/fixtures/furniture/dev/green-brief.eml");
    let mut clean = vec![whole.clone()];
    clean.extend(
        fs::read_dir(common::repo().join("corpus"))
            .unwrap()
            .map(|e| e.unwrap().path()),
    );
    for path in &clean {
        let (_, report) = ingest_file(path);
        assert_eq!(report.unplaced(), None, "{report}");
        assert!(
            !report
                .warnings
                .iter()
                .any(|w| w.contains("kept in no article")),
            "{report}"
        );
    }

    let run = jikji_ingest::ingest_paths(&[letter, whole]);
    assert_eq!(
        run.summary(),
        "2 file(s) read, 0 skipped; 5 article(s); 387 characters of text kept in no article in 1 file(s) (see their warnings)"
    );
}

/// The same for a clipping split by its attributions: an editor's letter before the first
/// attributed article is in no article, and says so with its lines; the two articles are found.
#[test]
fn text_the_attribution_splitter_leaves_out_is_a_warning_too() {
    let letter =
        common::repo().join("tests/fixtures/layouts/unplaced/letter-before-attributed.txt");
    let (articles, report) = ingest_file(&letter);
    let found: Vec<(&str, Option<&str>, Option<&str>)> = articles
        .iter()
        .map(|a| (a.title.as_str(), a.source.as_deref(), a.date.as_deref()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "기후 적응 예산 두 배로 늘린다",
                Some("환경일보"),
                Some("2023-10-02")
            ),
            (
                "재활용 분리배출 기준 새로 정한다",
                Some("그린뉴스"),
                Some("2023-10-04")
            ),
        ]
    );
    assert_eq!(report.unplaced(), Some(338), "{report}");
    assert!(
        report.warnings.iter().any(
            |w| w.starts_with("338 characters of text kept in no article")
                && w.ends_with("— lines 5–9")
        ),
        "{report}"
    );
}
