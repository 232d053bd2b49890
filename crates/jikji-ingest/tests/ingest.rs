//! Ingest over real files: the seed corpus, the Wikinews records (when ../shared is present),
//! and bad input made on the spot. Bad input is reported with the file (and line) and skipped;
//! the rest of the run goes on; nothing panics.

use std::path::PathBuf;

use jikji_engine::Article;
use jikji_ingest::{ingest_paths, Ingested, Outcome};

mod common;
use common::repo as root;

/// A scratch folder removed at the end of the test.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("jikji-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn report_of<'a>(ingested: &'a Ingested, name: &str) -> &'a jikji_ingest::FileReport {
    ingested
        .files
        .iter()
        .find(|f| f.path.ends_with(name))
        .unwrap_or_else(|| panic!("{name} not reported"))
}

fn skip_reason(ingested: &Ingested, name: &str) -> String {
    match &report_of(ingested, name).outcome {
        Outcome::Skipped { reason } => reason.clone(),
        Outcome::Read { .. } => panic!("{name} should have been skipped"),
    }
}

#[test]
fn the_seed_corpus_is_read_with_a_report_per_file() {
    let ingested = ingest_paths(&[root().join("corpus")]);
    assert_eq!(ingested.articles.len(), 29);
    assert_eq!(ingested.files.len(), 5);
    let report = report_of(&ingested, "002_6e567526448bfc06.txt").to_string();
    assert!(
        report.contains("1 article(s), text, UTF-8") && report.contains("repeated text"),
        "{report}"
    );
    let report = report_of(&ingested, "003_f0ea3dc2add15f79.txt").to_string();
    assert!(
        report.contains("19 article(s)") && report.contains("table of contents"),
        "{report}"
    );
    // Ids are unique: the app and the index rely on it.
    let mut ids: Vec<&str> = ingested.articles.iter().map(|a| a.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 29);
    // Captions are kept apart from the body.
    let a = ingested
        .articles
        .iter()
        .find(|a| a.id == "003_f0ea3dc2add15f79-01")
        .unwrap();
    assert!(
        a.captions
            .iter()
            .any(|c| c.text.starts_with("사진 1) 출처: ZOL")),
        "{:?}",
        a.captions
    );
    assert!(!a.body.contains("사진 1)"));
    // PDF spacing repaired, hard wraps joined.
    assert!(a.body.contains("SEMI는") && !a.body.contains("SEMI 는"));
    assert!(a.body.contains("2020년 8월 17일"));
    assert!(
        a.paragraphs().count() < 20,
        "hard-wrapped lines were joined into paragraphs"
    );
}

#[test]
fn legacy_and_unicode_encodings_are_detected_and_reported() {
    let dir = Scratch::new("encodings");
    let text = "화웨이 신제품 발표 기사 제목\n\n화웨이가 새 스마트폰을 발표했다.\n";
    let (cp949, _, _) = encoding_rs::EUC_KR.encode(text);
    dir.write("cp949.txt", &cp949);
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    dir.write("utf16.txt", &utf16);
    dir.write(
        "bom.md",
        [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
    );
    let ingested = ingest_paths(std::slice::from_ref(&dir.0));
    assert_eq!(ingested.articles.len(), 3);
    for a in &ingested.articles {
        assert_eq!(a.title, "화웨이 신제품 발표 기사 제목");
        assert_eq!(a.body, "화웨이가 새 스마트폰을 발표했다.");
    }
    let encodings: Vec<&str> = ingested
        .files
        .iter()
        .map(|f| match f.outcome {
            Outcome::Read { encoding, .. } => encoding,
            _ => "skipped",
        })
        .collect();
    assert_eq!(encodings, ["UTF-8 (BOM)", "CP949/EUC-KR", "UTF-16LE (BOM)"]);
}

#[test]
fn front_matter_overrides_what_is_inferred() {
    let dir = Scratch::new("frontmatter");
    dir.write("a.md", "---\ntitle: 앞머리 제목\nsource: 테스트일보\ndate: 2021-05-06\nauthor: 홍길동\n---\n본문 첫 줄입니다 이것은 제목이 아닙니다\n\n둘째 문단.\n");
    let ingested = ingest_paths(std::slice::from_ref(&dir.0));
    let a = &ingested.articles[0];
    assert_eq!(a.title, "앞머리 제목");
    assert_eq!(
        (a.source.as_deref(), a.date.as_deref(), a.author.as_deref()),
        (Some("테스트일보"), Some("2021-05-06"), Some("홍길동"))
    );
    assert!(a.body.starts_with("본문 첫 줄입니다"));
    assert_eq!(a.origin.as_ref().unwrap().line_start, 7);
}

#[test]
fn bad_input_is_reported_with_file_and_line_and_the_rest_goes_on() {
    let dir = Scratch::new("bad");
    dir.write("good.txt", "좋은 기사의 제목입니다\n본문입니다.");
    dir.write("nested/deep.md", "폴더 안의 기사 제목입니다\n본문.");
    dir.write("empty.txt", "");
    dir.write("binary.txt", [0x50u8, 0x4B, 3, 4, 0, 0, 0x14, 0]);
    let mut damaged = "깨진 바이트가 있는 기사 제목\n".to_owned().into_bytes();
    for i in 0..30 {
        damaged.extend_from_slice(format!("{i}번째 줄의 본문입니다.\n").as_bytes());
    }
    damaged.extend_from_slice(b"\xFF\xFE\xFD broken\n");
    damaged.extend_from_slice("마지막 줄까지 읽힌다.\n".as_bytes());
    dir.write("damaged.txt", &damaged);
    dir.write("columns.csv", "제목,조회수,내용\n첫 기사,10,본문\n");
    dir.write(
        "baddate.md",
        "---\ntitle: 날짜가 틀린 기사\ndate: 2020-02-30\n---\n본문입니다.\n",
    );
    dir.write("picture.png", [137u8, 80, 78, 71]);
    let unit = "아주 긴 한 줄의 기사 본문이 끝없이 이어진다, ";
    let huge = unit.repeat(20 * 1024 * 1024 / unit.len() + 1);
    dir.write("huge.txt", &huge);

    dir.write(
        "other/good.txt",
        "다른 폴더의 같은 이름 기사 제목\n본문입니다.",
    );
    let ingested = ingest_paths(&[dir.0.clone(), dir.0.join("missing.txt")]);
    let mut ids: Vec<&str> = ingested.articles.iter().map(|a| a.id.as_str()).collect();
    ids.sort_unstable();
    assert!(
        ids.windows(2).all(|w| w[0] != w[1]),
        "ids are unique: {ids:?}"
    );
    assert!(report_of(&ingested, "other/good.txt")
        .to_string()
        .contains("already used"));
    let titles: Vec<&str> = ingested.articles.iter().map(|a| a.title.as_str()).collect();
    assert!(
        titles.contains(&"좋은 기사의 제목입니다") && titles.contains(&"폴더 안의 기사 제목입니다"),
        "{titles:?}"
    );

    assert_eq!(skip_reason(&ingested, "empty.txt"), "empty file");
    assert!(skip_reason(&ingested, "binary.txt").contains("binary"));
    assert!(skip_reason(&ingested, "picture.png").contains("unsupported"));
    assert!(skip_reason(&ingested, "missing.txt").contains("cannot read"));

    let damaged = report_of(&ingested, "damaged.txt");
    assert!(
        damaged
            .to_string()
            .contains("damaged.txt: warning: invalid UTF-8 at line 32"),
        "{damaged}"
    );
    let a = ingested
        .articles
        .iter()
        .find(|a| a.title == "깨진 바이트가 있는 기사 제목")
        .unwrap();
    assert!(
        a.body.contains("마지막 줄까지 읽힌다."),
        "text after the damage is kept"
    );

    let columns = report_of(&ingested, "columns.csv").to_string();
    assert!(
        columns.contains("columns.csv: warning: unknown field \"조회수\""),
        "{columns}"
    );
    assert!(ingested
        .articles
        .iter()
        .any(|a| a.title == "첫 기사" && a.body == "본문"));

    let baddate = report_of(&ingested, "baddate.md").to_string();
    assert!(
        baddate.contains("baddate.md: warning: line 3: front matter date \"2020-02-30\""),
        "{baddate}"
    );
    let a = ingested
        .articles
        .iter()
        .find(|a| a.title == "날짜가 틀린 기사")
        .unwrap();
    assert_eq!(
        a.date, None,
        "a malformed date leaves the article undated, never today"
    );

    let huge_report = report_of(&ingested, "huge.txt");
    let huge_article = ingested
        .articles
        .iter()
        .find(|a| a.origin.as_ref().unwrap().file == "huge.txt");
    let huge_article = huge_article.unwrap_or_else(|| panic!("{huge_report}"));
    assert_eq!(
        huge_article.body,
        huge.trim(),
        "the 20 MB line is kept whole"
    );
    assert!(huge_article.title.chars().count() <= 61);
}

fn wikinews() -> Option<PathBuf> {
    common::wikinews("Wikinews checks skipped")
}

#[test]
fn wikinews_csv_and_jsonl_give_the_same_644_articles() {
    let Some(dir) = wikinews() else { return };
    let read = |name: &str| ingest_paths(&[dir.join(name)]);
    let (csv, jsonl) = (read("wikinews_ko.csv"), read("wikinews_ko.jsonl"));
    assert_eq!(csv.articles.len(), 644, "{:?}", csv.files);
    assert_eq!(jsonl.articles.len(), 644, "{:?}", jsonl.files);
    let fields = |a: &jikji_engine::Article| {
        (
            a.title.clone(),
            a.date.clone(),
            a.body.clone(),
            a.url.clone(),
        )
    };
    let mut differing = 0;
    for (c, j) in csv.articles.iter().zip(&jsonl.articles) {
        if fields(c) != fields(j) {
            differing += 1;
            if differing <= 3 {
                println!(
                    "differs: csv {:?}\n     jsonl {:?}",
                    fields(c).0,
                    fields(j).0
                );
            }
        }
    }
    assert_eq!(differing, 0, "records that differ between CSV and JSONL");
    assert!(jsonl
        .articles
        .iter()
        .all(|a| a.source.as_deref() == Some("위키뉴스") && a.date.is_some()));
    assert!(csv.articles.iter().all(|a| a
        .url
        .as_deref()
        .is_some_and(|u| u.starts_with("https://ko.wikinews.org/"))));
    println!(
        "wikinews: 644 articles from CSV and from JSONL, identical in title, date, body and url"
    );
}

#[test]
fn a_title_line_is_never_dropped_for_its_words() {
    // Issue 17 (a): short first lines holding words menus use were dropped as furniture and the
    // title taken from the body. The blank line after a first line makes it a title.
    let dir = Scratch::new("title-words");
    dir.write("a.txt", "댓글 문화의 변화\n\n온라인 댓글 문화가 크게 바뀌고 있다. 실명제 논의가 다시 시작됐다.\n\n두 번째 문단이다.\n");
    dir.write(
        "b.txt",
        "해킹 기사 제목\n\n국내 기업을 노린 해킹 공격이 늘고 있다고 보안업계가 밝혔다.\n",
    );
    let ingested = ingest_paths(std::slice::from_ref(&dir.0));
    let titles: Vec<&str> = ingested.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["댓글 문화의 변화", "해킹 기사 제목"]);
    assert!(ingested.articles[0].body.starts_with("온라인 댓글 문화가"));
    for f in &ingested.files {
        let Outcome::Read { ledger, .. } = &f.outcome else {
            panic!("{f}")
        };
        assert_eq!(ledger.dropped_lines("web furniture"), 0, "{f}");
    }
}

#[test]
fn a_wrapped_attribution_stays_out_of_the_title() {
    // Issue 17 (b): "1. … 발표 (선전상보深圳商报," / "2021.1.8)" kept the wrapped piece in the title.
    let dir = Scratch::new("wrapped-attribution");
    dir.write(
        "nl.txt",
        "주간 중국 창업\n제 210 호 (2021. 1. 13)\n발행처 : 한국혁신센터(KIC)중국\n\n주간 NEWS\n\
         ▶ 선전시, 과학기술 혁신 지원 확대 발표 (선전상보深圳商报, 2021.1.8)\n\
         ▶ 베이징시, 스타트업 보조금 지급 (베이징상보北京商报, 2021.1.9)\n\n\
         1. 선전시, 과학기술 혁신 지원 확대 발표 (선전상보深圳商报,\n2021.1.8)\n\
         선전시는 올해 과학기술 혁신 지원 예산을 대폭 늘린다고 발표했다.\n\
         2. 베이징시, 스타트업 보조금 지급 (베이징상보北京商报, 2021.1.9)\n\
         베이징시는 스타트업에 보조금을 지급한다고 밝혔다.\n",
    );
    let ingested = ingest_paths(std::slice::from_ref(&dir.0));
    let a = &ingested.articles[0];
    assert_eq!(a.title, "선전시, 과학기술 혁신 지원 확대 발표");
    assert_eq!(
        (a.source.as_deref(), a.date.as_deref()),
        (Some("선전상보深圳商报"), Some("2021-01-08"))
    );
    assert!(a.body.starts_with("선전시는 올해"), "{}", a.body);
}

#[cfg(unix)]
#[test]
fn special_files_are_never_opened_and_a_file_is_read_once_whatever_its_names() {
    // Issue 27: a FIFO anywhere in the folder hung the run; a device was read to its end; a
    // file named twice gave its articles twice. Read in process here (the library's default),
    // which must not hang either.
    let dir = Scratch::new("special-files");
    let good = dir.write(
        "a.txt",
        "첫 기사\n\n본문 첫 문단입니다. 둘째 문장도 있습니다.\n",
    );
    let fifo = dir.0.join("b.txt");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    std::os::unix::fs::symlink("/dev/null", dir.0.join("c.txt")).unwrap();
    std::os::unix::fs::symlink(&good, dir.0.join("d.txt")).unwrap();
    std::fs::hard_link(&good, dir.0.join("e.txt")).unwrap();
    std::os::unix::fs::symlink(&dir.0, dir.0.join("f")).unwrap();

    let ingested = ingest_paths(&[dir.0.clone(), good.clone()]);
    assert_eq!(ingested.articles.len(), 1, "{:#?}", ingested.files);
    assert_eq!(
        skip_reason(&ingested, "b.txt"),
        "a named pipe (FIFO), not a regular file: not opened"
    );
    assert_eq!(
        skip_reason(&ingested, "c.txt"),
        "a character device, not a regular file: not opened"
    );
    for twin in ["d.txt", "e.txt"] {
        let reason = skip_reason(&ingested, twin);
        assert!(reason.starts_with("the same file as ") && reason.ends_with("a.txt (read once)"));
    }
    // Found in the folder first, then named again: read once, reported twice.
    let reports: Vec<_> = ingested.files.iter().filter(|f| f.path == good).collect();
    assert_eq!(reports.len(), 2);
    assert!(reports
        .iter()
        .any(|f| matches!(f.outcome, Outcome::Read { .. })));
    assert!(reports
        .iter()
        .any(|f| f.to_string().ends_with("(read once)")));
    assert_eq!(
        skip_reason(&ingested, "f"),
        "a symbolic link to a folder (not followed)"
    );
    // Asked for directly, a special file is refused by the reader itself.
    let (articles, report) = jikji_ingest::ingest_file(&fifo);
    assert!(articles.is_empty());
    assert!(
        report.to_string().contains("not a regular file"),
        "{report}"
    );
}

#[test]
fn a_records_files_metadata_is_kept_with_its_articles_not_called_text_kept_in_no_article() {
    // Long percent-encoded URLs, as Wikinews's records have: far over what a text file's
    // header and bylines may take, but every character is kept in its article's url.
    let dir = Scratch::new("records-metadata");
    let url = format!(
        "https://ko.wikinews.org/wiki/{}",
        "%EB%89%B4%EC%8A%A4".repeat(20)
    );
    let records: String = (0..4)
        .map(|i| {
            format!(
                "{{\"id\": \"r{i}\", \"source\": \"위키뉴스\", \"date\": \"2020-01-0{}\", \"url\": \"{url}\", \"title\": \"제목 {i}\", \"body\": \"본문입니다. 기사 {i}의 내용이 여기에 있습니다.\"}}\n",
                i + 1
            )
        })
        .collect();
    dir.write("news.jsonl", &records);
    let ingested = ingest_paths(std::slice::from_ref(&dir.0));
    let report = report_of(&ingested, "news.jsonl");
    let Outcome::Read {
        articles, ledger, ..
    } = &report.outcome
    else {
        panic!("{report}");
    };
    assert_eq!(*articles, 4);
    assert!(
        ledger.metadata.chars > 4 * url.len(),
        "the urls are metadata"
    );
    assert!(ingested
        .articles
        .iter()
        .all(|a| a.url.as_deref() == Some(url.as_str())));
    assert_eq!(report.unplaced(), None);
    assert!(
        report
            .warnings
            .iter()
            .all(|w| !w.contains("kept in no article")),
        "{:?}",
        report.warnings
    );
}

#[test]
fn a_saved_collection_keeps_its_photo_captions_apart() {
    // A page of attributed articles goes through the text pipeline; its markup still tells a
    // photo's caption (here the line under an image, and a cell named for photos) from text.
    let dir = Scratch::new("collection-captions");
    let article = |n: usize, outlet: &str, caption: &str| {
        format!(
            "<div class=\"item\"><h3>{n}번째 소식 제목입니다</h3><p>({outlet}, 2019.6.{n})</p>\
             <p>{n}번째 소식의 본문은 이렇게 길게 이어지며 마침표로 끝나는 문장으로 되어 있습니다.</p>\
             <p><img src=\"a.jpg\"></p><p>{caption}</p>\
             <p>{n}번째 소식은 사진 아래에서도 이렇게 길게 이어지며 마침표로 끝나는 문장입니다.</p></div>"
        )
    };
    let page = format!(
        "<html><head><meta charset=\"utf-8\"><title>소식 모음</title></head><body><h1>소식 모음</h1>{}{}\
         <table><tr><td class=\"photoDesc\">행사장 전경</td></tr></table>\
         <p>두 번째 본문의 끝 문장도 이렇게 길게 이어지며 마침표로 끝납니다.</p></body></html>",
        article(1, "강원일보", "개막식에 참석한 관계자들"),
        article(2, "경인일보", "현장 모습"),
    );
    dir.write("collection.html", page);
    let ingested = ingest_paths(std::slice::from_ref(&dir.0));
    let a = &ingested.articles;
    assert_eq!(a.len(), 2, "{:?}", ingested.files[0].to_string());
    let captions = |i: usize| {
        a[i].captions
            .iter()
            .map(|c| c.text.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(captions(0), ["개막식에 참석한 관계자들"]);
    assert_eq!(captions(1), ["현장 모습", "행사장 전경"]);
    assert!(a
        .iter()
        .all(|a| !a.body.contains("관계자들") && !a.body.contains("전경")));
    assert_eq!(a[1].source.as_deref(), Some("경인일보"));
}

#[test]
fn a_wire_services_dateline_names_the_outlet_and_reporter_of_one_article() {
    let dir = Scratch::new("wire-dateline");
    dir.write(
        "wire.txt",
        "항만 물동량 두 달째 증가\n\n(인천=뉴시스) 정다운 기자 = 인천항의 물동량이 두 달 연속 늘어난 것으로 나타났다.\n\n\
         항만공사는 다음 달에도 증가세가 이어질 것으로 내다봤다.\n\ndawoon@newsis.example\n",
    );
    let ingested = ingest_paths(std::slice::from_ref(&dir.0));
    let a = &ingested.articles[0];
    assert_eq!(
        (a.source.as_deref(), a.author.as_deref()),
        (Some("뉴시스"), Some("정다운"))
    );
    assert!(a.body.starts_with("인천항의 물동량이"), "{}", a.body);
    assert!(a.body.ends_with("내다봤다."), "{}", a.body);
}

/// A message carrying `n` messages as `message/rfc822` parts after a short note, as
/// `multipart/mixed` (not `multipart/digest`), each with its subject, sender and date.
fn message_carrying(n: usize) -> String {
    let mut mail = String::from(
        "From: list@example.org\r\nSubject: =?UTF-8?B?7KCA64WB7ZWZ7IOd?=\r\n\
         Date: Tue, 2 Feb 2021 10:00:00 +0900\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n\
         --outer\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n첨부한 글을 참고하세요.\r\n",
    );
    let outlets = ["강원도민일보", "경남신문", "전북일보"];
    for k in 0..n {
        mail.push_str(&format!(
            "--outer\r\nContent-Type: message/rfc822\r\n\r\n\
             From: \"{outlet}\" <desk{k}@news.example>\r\nSubject: {k}번 소식은 이렇게 붙었다\r\n\
             Date: Mon, 1 Feb 2021 0{k}:30:00 +0900\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
             {k}번 소식의 본문은 이렇게 길게 이어지며 마침표로 끝나는 문장으로 되어 있습니다.\r\n\r\n\
             둘째 문단도 이렇게 이어지며 독자에게 소식을 자세히 전하는 문장으로 끝납니다.\r\n\r\n",
            outlet = outlets[k % outlets.len()],
        ));
    }
    mail.push_str("--outer--\r\n");
    mail
}

/// The k-th of the articles messages carried is titled `title(k)`, from the k-th outlet, dated
/// 2021-02-01, its body the k-th message's.
fn assert_carried(a: &[&Article], title: impl Fn(usize) -> String) {
    for (k, outlet) in ["강원도민일보", "경남신문", "전북일보"].iter().enumerate() {
        assert_eq!(a[k].title, title(k));
        assert_eq!(a[k].source.as_deref(), Some(*outlet));
        assert_eq!(a[k].date.as_deref(), Some("2021-02-01"));
        assert!(
            a[k].body.starts_with(&format!("{k}번 소식의 본문")),
            "{}",
            a[k].body
        );
    }
}

#[test]
fn messages_a_mail_carries_are_its_articles_when_they_are_its_text() {
    let dir = Scratch::new("carried-messages");
    dir.write("digest.eml", message_carrying(3));
    let ingested = ingest_paths(std::slice::from_ref(&dir.0));
    let a: Vec<&Article> = ingested.articles.iter().collect();
    assert_eq!(a.len(), 3, "{}", ingested.files[0]);
    assert_carried(&a, |k| format!("{k}번 소식은 이렇게 붙었다"));
    let ids: std::collections::BTreeSet<&str> = a.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids.len(), 3);
    assert!(
        ingested.files[0].text_outside_articles().is_none(),
        "{}",
        ingested.files[0]
    );
}

/// An mbox of `n` one-article alerts from a mailing service, each subject tagged with the
/// mailing's name before the title its body opens with, the sender an outlet's mailing; the
/// second one's body holds a line the format escaped (`>From `).
fn mbox_of_alerts(n: usize) -> String {
    let outlets = ["강원도민일보", "경남신문", "전북일보"];
    let mut mbox = String::new();
    for k in 0..n {
        let outlet = outlets[k % outlets.len()];
        let escaped = if k == 1 {
            ">From the desk: 오늘도 읽어 주셔서 고맙습니다.\n\n"
        } else {
            ""
        };
        mbox.push_str(&format!(
            "From alerts@{k}.example Mon Feb  1 0{k}:30:00 2021\n\
             From: \"{outlet} 뉴스레터\" <alerts@{k}.example>\nSubject: [{outlet} 알림] {k}번 소식 도착\n\
             Date: Mon, 1 Feb 2021 0{k}:30:00 +0900\nContent-Type: text/plain; charset=utf-8\n\n\
             {k}번 소식 도착\n\n\
             {k}번 소식의 본문은 이렇게 길게 이어지며 마침표로 끝나는 문장으로 되어 있습니다.\n\n\
             {escaped}둘째 문단도 이렇게 이어지며 독자에게 소식을 자세히 전하는 문장으로 끝납니다.\n\n",
        ));
    }
    mbox
}

#[test]
fn an_mbox_gives_the_articles_of_each_message() {
    let dir = Scratch::new("mbox");
    dir.write("alerts.mbox", mbox_of_alerts(3));
    // Told by its first bytes, whatever its name.
    dir.write("Inbox", mbox_of_alerts(2));
    let ingested = ingest_paths(std::slice::from_ref(&dir.0));
    let report = report_of(&ingested, "alerts.mbox");
    let a: Vec<_> = ingested
        .articles
        .iter()
        .filter(|a| a.origin.as_ref().is_some_and(|o| o.file == "alerts.mbox"))
        .collect();
    assert_eq!(a.len(), 3, "{report}");
    // The body's opening line is the title; the subject's tag and the mailing's name go.
    assert_carried(&a, |k| format!("{k}번 소식 도착"));
    assert!(a[1].body.contains("\nFrom the desk"), "{}", a[1].body);
    let ids: std::collections::BTreeSet<&str> = a.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids.len(), 3);
    assert!(report.text_outside_articles().is_none(), "{report}");
    assert!(report.to_string().contains("mbox"), "{report}");
    assert_eq!(
        ingested.articles.len(),
        5,
        "{}",
        report_of(&ingested, "Inbox")
    );
}

#[test]
fn one_forwarded_message_stays_forwarded_and_its_text_is_reported_outside() {
    let dir = Scratch::new("one-forwarded");
    dir.write("forward.eml", message_carrying(1));
    let ingested = ingest_paths(std::slice::from_ref(&dir.0));
    let report = &ingested.files[0];
    assert_eq!(ingested.articles.len(), 1, "{report}");
    assert!(!ingested.articles[0].body.contains("0번 소식의 본문"));
    assert!(
        report
            .text_outside_articles()
            .is_some_and(|chars| chars > 50),
        "{report}"
    );
}

#[test]
fn compound_labels_credit_an_article_wherever_they_stand() {
    // Labels by what they mean (게재매체, 발행일, Source, Published), closing each article.
    let dir = Scratch::new("compound-labels");
    let text = "사내 소식 모음\n\n\
        첫째 소식의 제목이다\n\n첫째 소식의 본문은 이렇게 길게 이어지며 마침표로 끝나는 문장으로 되어 있습니다.\n\n\
        게재매체 : 강원도민일보 · 발행일 : 2019-07-02\n\n\
        둘째 소식의 제목이다\n\n둘째 소식의 본문은 이렇게 길게 이어지며 마침표로 끝나는 문장으로 되어 있습니다.\n\n\
        게재매체 : 경남신문 · 발행일 : 2019-07-03\n";
    dir.write("labels.txt", text);
    let ingested = ingest_paths(std::slice::from_ref(&dir.0));
    let a = &ingested.articles;
    assert_eq!(a.len(), 2, "{}", ingested.files[0]);
    assert_eq!(a[0].title, "첫째 소식의 제목이다");
    assert_eq!(a[0].source.as_deref(), Some("강원도민일보"));
    assert_eq!(a[1].source.as_deref(), Some("경남신문"));
    assert_eq!(a[1].date.as_deref(), Some("2019-07-03"));
}

#[test]
fn a_title_that_opens_with_a_date_under_its_credit_is_the_title() {
    let dir = Scratch::new("date-title");
    let body = |n: &str| {
        format!("{n} 소식의 본문은 이렇게 길게 이어지며 마침표로 끝나는 문장으로 되어 있습니다.")
    };
    let text = format!(
        "지역 소식 카드\n\n강원일보 · 2019.05.06\n2019년 5월 6일 오늘의 소식\n{}\n\n\
         경남신문 · 2019.05.07\n항만 물동량이 다시 늘었다\n{}\n\n\
         전북일보 · 2019.05.08\n전주 한옥마을 방문객 늘어\n{}\n",
        body("첫째"),
        body("둘째"),
        body("셋째")
    );
    dir.write("cards.txt", text);
    let ingested = ingest_paths(std::slice::from_ref(&dir.0));
    let a = &ingested.articles;
    assert_eq!(a.len(), 3, "{}", ingested.files[0]);
    assert_eq!(a[0].title, "2019년 5월 6일 오늘의 소식");
    assert_eq!(a[0].source.as_deref(), Some("강원일보"));
    assert_eq!(a[0].date.as_deref(), Some("2019-05-06"));
    assert!(a[0].body.starts_with("첫째 소식의 본문"), "{}", a[0].body);
    assert_eq!(a[1].title, "항만 물동량이 다시 늘었다");
}

#[test]
fn a_pages_logo_names_the_outlet_and_a_relative_time_its_datetime() {
    let dir = Scratch::new("logos");
    let item = |k: usize, outlet: &str, day: u32| {
        format!(
            "<div class=\"card\"><span class=\"source_logo\"><img src=\"/l/{k}.gif\" alt=\"{outlet}\"></span>\
             <h4><a href=\"/n/{k}\">{k}번째 지역 축제가 올해는 닷새 동안 열린다</a></h4><time datetime=\"2019-05-{day:02}T10:00:00+09:00\">어제</time>\
             <p>{k}번째 소식의 본문은 이렇게 길게 이어지며 마침표로 끝나는 문장으로 되어 있습니다.</p>\
             <p>{k}번째 소식의 둘째 문단도 이렇게 길게 이어지며 마침표로 끝납니다.</p></div>"
        )
    };
    let page = format!(
        "<html><head><meta charset=\"utf-8\"><title>지역 뉴스</title></head><body>\
         <div class=\"top\"><img src=\"/logo.png\" alt=\"로고\"> 지역 뉴스</div>{}{}</body></html>",
        item(1, "강원일보", 6),
        item(2, "경남신문", 7)
    );
    dir.write("logos.html", page);
    let ingested = ingest_paths(std::slice::from_ref(&dir.0));
    let a = &ingested.articles;
    assert_eq!(a.len(), 2, "{}", ingested.files[0]);
    assert_eq!(a[0].title, "1번째 지역 축제가 올해는 닷새 동안 열린다");
    assert_eq!(a[0].source.as_deref(), Some("강원일보"));
    assert_eq!(a[0].date.as_deref(), Some("2019-05-06"));
    assert_eq!(a[1].source.as_deref(), Some("경남신문"));
    assert_eq!(a[1].date.as_deref(), Some("2019-05-07"));
    assert!(a.iter().all(|a| !a.body.contains("로고")));
}

#[test]
fn mail_in_iso_2022_kr_is_read_and_a_charset_that_decodes_to_nothing_is_refused_by_name() {
    let dir = Scratch::new("iso-2022-kr-mail");
    // "안내\r\n본문입니다." in ISO-2022-KR (RFC 1557), sent 7bit.
    let body: &[u8] = b"\x1b$)C\x0e>H3;\x0f\r\n\x0e:;9.@T4O4Y\x0f.\r\n";
    let mut mail = b"From: a@b.example\r\nSubject: notice\r\nMIME-Version: 1.0\r\n\
        Content-Type: text/plain; charset=ISO-2022-KR\r\nContent-Transfer-Encoding: 7bit\r\n\r\n"
        .to_vec();
    mail.extend_from_slice(body);
    dir.write("korean.eml", &mail);
    dir.write(
        "chinese.eml",
        "From: a@b.example\r\nSubject: notice\r\nMIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=ISO-2022-CN\r\nContent-Transfer-Encoding: base64\r\n\r\n\
         GyQpQQ5GXkVkDw==\r\n",
    );
    let ingested = ingest_paths(std::slice::from_ref(&dir.0));
    let korean = report_of(&ingested, "korean.eml");
    assert!(korean.to_string().contains("ISO-2022-KR"), "{korean}");
    assert!(
        ingested
            .articles
            .iter()
            .any(|a| a.body.contains("본문입니다.")),
        "{:?}",
        ingested.articles
    );
    let reason = skip_reason(&ingested, "chinese.eml");
    assert!(reason.contains("ISO-2022-CN"), "{reason}");
}

#[test]
fn a_file_whose_text_ends_in_no_article_says_so_with_its_characters() {
    let dir = Scratch::new("no-article");
    dir.write(
        "furniture.txt",
        "ⓒ 한빛일보\n무단전재 및 재배포 금지\n뉴스레터 구독하기\n",
    );
    let ingested = ingest_paths(std::slice::from_ref(&dir.0));
    let reason = skip_reason(&ingested, "furniture.txt");
    assert!(
        reason.contains("characters of text kept in no article"),
        "{reason}"
    );
    assert!(
        ingested.summary().contains("1 skipped"),
        "{}",
        ingested.summary()
    );
}
