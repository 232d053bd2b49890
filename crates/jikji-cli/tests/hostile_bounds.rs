//! The hostile corpus's floods and deep structures, made on the spot by generators: files
//! whose reading was quadratic (issue 27) — `&amp;` through a page, elements nested 100,000
//! deep, one element with 200,000 attributes, a PDF of thousands of pages, a feed of tens of
//! thousands of items, a CSV of hundreds of thousands of columns — and file names that carry
//! terminal escapes. Each lies beside a known-good article; the built `jikji` reads the folder
//! in a worker under a time limit the old quadratic code could not meet, and must read the
//! file (not stop it), keep the good article, and say what it capped.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use serde_json::Value;

/// Far more than the linear code needs for these files in this test's unoptimised build, far
/// less than the quadratic code took (optimised) for them.
const TIMEOUT: &str = "20s";
const MEMORY: &str = "1GiB";

mod common;
use common::{pdf, Scratch};

/// `jikji ingest --json` of the folder under the limits: the articles and the report, after
/// checking that the run succeeded within `budget` and kept the good article.
fn ingest(dir: &Path, budget: Duration) -> (Vec<Value>, String) {
    let started = Instant::now();
    let out: Output = Command::new(env!("CARGO_BIN_EXE_jikji"))
        .args([
            "ingest",
            "--json",
            "--file-timeout",
            TIMEOUT,
            "--file-memory",
            MEMORY,
        ])
        .arg(dir)
        .env_remove("JIKJI_CORPUS")
        .output()
        .expect("jikji runs");
    let elapsed = started.elapsed();
    let report = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "the run ends well: {report}");
    assert!(elapsed < budget, "{elapsed:?} ≥ {budget:?}: {report}");
    let articles: Value = serde_json::from_slice(&out.stdout).expect("--json prints JSON");
    let articles = articles.as_array().unwrap().clone();
    assert!(
        articles
            .iter()
            .any(|a| a["id"].as_str().unwrap().starts_with("good")),
        "{report}"
    );
    (articles, report)
}

/// The articles whose id starts with `stem`.
fn of<'a>(articles: &'a [Value], stem: &str) -> Vec<&'a Value> {
    articles
        .iter()
        .filter(|a| a["id"].as_str().unwrap().starts_with(stem))
        .collect()
}

/// Asserts that `file` was read, not skipped or stopped.
fn was_read(report: &str, file: &str) {
    assert!(
        !report
            .lines()
            .any(|l| l.contains(file) && l.contains(": skipped: ")),
        "{file} was read:\n{report}"
    );
}

const SENTENCE: &str = "중관춘 창업 거리에 새 지원센터가 문을 열었다.";

#[test]
fn a_page_full_of_ampersands_is_read_in_linear_time() {
    let dir = Scratch::new("bounds", "amp");
    // 1 MB of text in one paragraph, an `&amp;` every 10 bytes: about 6 s before (optimised;
    // 2 MB took 22 s), 7 s now in this unoptimised build (0.3 s optimised).
    let body = "a &amp; b ".repeat(100_000);
    dir.write(
        "amp.html",
        format!("<html><body><h1>앰퍼샌드</h1><p>{SENTENCE}</p><p>{body}</p></body></html>"),
    );
    let (articles, report) = ingest(&dir.0, Duration::from_secs(30));
    was_read(&report, "amp.html");
    let page = of(&articles, "amp");
    assert_eq!(page.len(), 1, "{report}");
    assert!(page[0]["body"].as_str().unwrap().contains("a & b a & b"));
}

#[test]
fn deep_nesting_and_attribute_floods_are_read_as_text_with_a_warning() {
    let dir = Scratch::new("bounds", "deep");
    let depth = 100_000;
    dir.write(
        "deep.html",
        format!(
            "<html><body>{}<p>{SENTENCE}</p>{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        ),
    );
    let attributes: String = (0..200_000).map(|i| format!(" a{i}=\"x\"")).collect();
    dir.write(
        "attrs.html",
        format!("<html><body><p{attributes}>{SENTENCE}</p></body></html>"),
    );
    // 37 s and 31 s before (optimised).
    let (articles, report) = ingest(&dir.0, Duration::from_secs(20));
    for (stem, warning) in [
        ("deep", "elements nested about 100000 deep (more than the 5000 ingest parses): read as plain text"),
        ("attrs", "an element with 200000 attributes (more than the 5000 ingest parses): read as plain text"),
    ] {
        was_read(&report, &format!("{stem}.html"));
        assert!(
            report.contains(&format!("{stem}.html: warning: {warning}")),
            "{report}"
        );
        let page = of(&articles, stem);
        assert_eq!(page.len(), 1, "{report}");
        assert!(page[0]["body"].as_str().unwrap().contains(SENTENCE) || page[0]["title"].as_str().unwrap().contains("중관춘"), "{report}");
    }
}

/// A PDF of `pages` pages, each with one line of text.
fn many_pages(pages: usize) -> Vec<u8> {
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {pages} >>",
            (0..pages)
                .map(|i| format!("{} 0 R", 4 + 2 * i))
                .collect::<Vec<_>>()
                .join(" ")
        )
        .into_bytes(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
    ];
    for i in 0..pages {
        objects.push(format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>", 5 + 2 * i).into_bytes());
        let content = format!("BT /F1 12 Tf 72 712 Td (Page {i} of the long report.) Tj ET");
        objects.push(
            format!(
                "<< /Length {} >>\nstream\n{content}\nendstream",
                content.len()
            )
            .into_bytes(),
        );
    }
    pdf(&objects)
}

#[test]
fn a_pdf_of_thousands_of_pages_is_read_in_one_pass() {
    let dir = Scratch::new("bounds", "pages");
    // 3,000 pages: about 5 s before (optimised; 10,000 took 54 s), the page tree listed once
    // per page.
    dir.write("pages.pdf", many_pages(3_000));
    let (articles, report) = ingest(&dir.0, Duration::from_secs(30));
    was_read(&report, "pages.pdf");
    let body: String = of(&articles, "pages")
        .iter()
        .map(|a| a["body"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        body.contains("Page 0 of") && body.contains("Page 2999 of"),
        "{report}"
    );
}

#[test]
fn a_feed_of_many_items_and_a_csv_of_many_columns_are_read_in_linear_time() {
    let dir = Scratch::new("bounds", "floods");
    let items: String = (0..30_000)
        .map(|i| format!("<item><title>기사 {i}</title><description>본문 {i} 내용입니다.</description></item>"))
        .collect();
    dir.write(
        "items.rss",
        format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>채널</title>{items}</channel></rss>"),
    );
    let columns = 300_000;
    let header: String = (0..columns).map(|i| format!(",c{i}")).collect();
    let row = ",x".repeat(columns);
    dir.write(
        "columns.csv",
        format!("제목,내용{header}\n제목 하나,본문 내용{row}\n"),
    );
    // Both quadratic before: the feed counted its lines once per item, the CSV looked each
    // unknown column up in a list (100,000 items or 1,000,000 columns: past 140 s).
    let (articles, report) = ingest(&dir.0, Duration::from_secs(40));
    was_read(&report, "items.rss");
    was_read(&report, "columns.csv");
    assert_eq!(of(&articles, "items").len(), 30_000, "{report}");
    assert_eq!(of(&articles, "columns").len(), 1, "{report}");
    // The unknown columns are named up to twenty, then counted: no flood of warnings.
    assert!(
        report.contains(&format!("{} more unknown fields ignored", columns - 20)),
        "{report}"
    );
    let named = report
        .lines()
        .filter(|l| l.contains("warning: unknown field"))
        .count();
    assert_eq!(named, 20, "{report}");
}

#[cfg(unix)]
#[test]
fn escapes_in_file_names_reach_the_terminal_escaped() {
    let dir = Scratch::new("bounds", "names");
    // A name that would turn the terminal red and fake a report line of its own.
    let name = "red\u{1b}[31m\nfake.txt: skipped: \u{202e}exe.txt";
    dir.write(name, "no text\0here");
    let (_, report) = ingest(&dir.0, Duration::from_secs(20));
    assert!(
        !report.contains('\u{1b}') && !report.contains('\u{202e}'),
        "{report:?}"
    );
    assert!(
        report.contains(
            "red\\u{1b}[31m\\u{a}fake.txt: skipped: \\u{202e}exe.txt: skipped: binary content"
        ),
        "{report}"
    );
}

#[test]
fn a_malformed_date_filter_in_a_query_is_named() {
    let dir = Scratch::new("bounds", "date");
    let search = |query: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_jikji"))
            .args(["search", "--limit", "1", "--corpus"])
            .arg(&dir.0)
            .arg(query)
            .env_remove("JIKJI_CORPUS")
            .output()
            .expect("jikji runs");
        assert!(out.status.success());
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let stderr = search("창업 date:어제");
    assert!(
        stderr.contains("warning: \"date:어제\" is not a date filter"),
        "{stderr}"
    );
    assert!(!search("창업 date:2020-08").contains("warning"));
}
