//! The hostile files of issue 27 that ingest now reads or refuses in the user's terms, kept as
//! regression fixtures (`tests/fixtures/hostile-ingest/`): encodings told apart, a JSON array
//! with a bad record, a one-line article, a PDF whose `/Length` is wrong, an e-mail with
//! further parts and a forwarded message, a DOCX with footnotes, comments and a page header.
//! For each: what it gives, what the report says, and that every character is accounted for.

use std::path::PathBuf;

use jikji_engine::Article;
use jikji_ingest::{ingest_paths, FileReport, Ingested, Outcome};

mod common;

fn fixture(name: &str) -> PathBuf {
    common::repo()
        .join("tests/fixtures/hostile-ingest")
        .join(name)
}

/// Ingests one fixture: its articles and its report.
fn ingest(name: &str) -> (Vec<Article>, FileReport) {
    let Ingested {
        articles,
        mut files,
        ..
    } = ingest_paths(&[fixture(name)]);
    assert_eq!(files.len(), 1);
    (articles, files.remove(0))
}

/// The report of a file that was read, after checking that its characters add up.
fn read(report: &FileReport) -> (&'static str, &jikji_ingest::Ledger) {
    match &report.outcome {
        Outcome::Read {
            encoding,
            input_chars,
            article_chars,
            ledger,
            ..
        } => {
            assert_eq!(
                *input_chars,
                article_chars + ledger.chars(),
                "every character accounted for: {report}"
            );
            assert!(
                !report
                    .warnings
                    .iter()
                    .any(|w| w.contains("not accounted for")),
                "{report}"
            );
            (encoding, ledger)
        }
        Outcome::Skipped { reason } => panic!("{} was skipped: {reason}", report.path.display()),
    }
}

#[test]
fn wide_encodings_are_told_apart_with_or_without_a_bom() {
    for (name, encoding) in [
        ("utf16le-no-bom.txt", "UTF-16LE (no BOM)"),
        ("utf16be-no-bom.txt", "UTF-16BE (no BOM)"),
        ("utf32le-bom.txt", "UTF-32LE (BOM)"),
        ("utf32be-no-bom.txt", "UTF-32BE (no BOM)"),
    ] {
        let (articles, report) = ingest(name);
        assert_eq!(read(&report).0, encoding, "{report}");
        assert_eq!(articles.len(), 1, "{report}");
        assert_eq!(
            articles[0].title, "중관춘 창업 거리에 새 지원센터",
            "{name}"
        );
        assert!(
            articles[0].body.contains("화웨이(Huawei)") && !articles[0].body.contains('\0'),
            "{name}: {:?}",
            articles[0].body
        );
    }
}

#[test]
fn a_json_array_keeps_its_good_records_and_names_the_bad_one() {
    let (articles, report) = ingest("bad-number.json");
    read(&report);
    let titles: Vec<&str> = articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["첫 기사", "셋째 기사"], "{report}");
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.starts_with("line 3: record 2 cannot be read (number out of range")),
        "{report}"
    );

    let (articles, report) = ingest("cut-array.json");
    let (_, ledger) = read(&report);
    assert_eq!(articles.len(), 2, "{report}");
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.starts_with("line 4: record 3 is not valid JSON")
                && w.contains("the rest of the file")),
        "{report}"
    );
    assert_eq!(ledger.dropped_lines("unreadable JSON"), 1);
}

#[test]
fn a_one_line_article_is_kept() {
    let (articles, report) = ingest("one-line.txt");
    read(&report);
    assert_eq!(articles.len(), 1, "{report}");
    assert_eq!(articles[0].title, "중관춘 창업센터 개소");
    assert_eq!(articles[0].body, "중관춘 창업센터 개소");
}

#[test]
fn a_wrong_stream_length_is_called_damage_not_a_scan() {
    let (articles, report) = ingest("bad-length.pdf");
    assert!(articles.is_empty());
    let Outcome::Skipped { reason } = &report.outcome else {
        panic!("{report}")
    };
    assert!(!reason.contains("scanned"), "{reason}");
    assert!(
        reason.starts_with(
            "damaged PDF: the length a stream of object 4 declares (12 bytes) is not its length"
        ),
        "{reason}"
    );
}

#[test]
fn an_e_mails_further_parts_are_counted_by_kind() {
    let (articles, report) = ingest("parts.eml");
    let (_, ledger) = read(&report);
    assert_eq!(articles.len(), 1, "{report}");
    assert!(articles[0].body.contains("창업 지원센터"), "{report}");
    assert_eq!(ledger.dropped_lines("further text part"), 1, "{report}");
    assert_eq!(ledger.dropped_lines("forwarded message"), 1, "{report}");
    let warnings = report.warnings.join("\n");
    assert!(
        warnings.contains("1 forwarded message(s) not read"),
        "{warnings}"
    );
    assert!(
        warnings.contains("1 further text part(s) not read"),
        "{warnings}"
    );
    assert!(warnings.contains("\"photo.png\" (image/png"), "{warnings}");
}

#[test]
fn a_docx_footnotes_comments_and_headers_are_counted_by_kind() {
    let (articles, report) = ingest("notes.docx");
    let (_, ledger) = read(&report);
    assert_eq!(articles.len(), 1, "{report}");
    assert!(!articles[0].body.contains("각주"), "{report}");
    for kind in ["footnote", "comment", "page header"] {
        assert_eq!(ledger.dropped_lines(kind), 1, "{kind}: {report}");
    }
    let warnings = report.warnings.join("\n");
    assert!(
        warnings.contains("1 footnote(s) not read into the articles"),
        "{warnings}"
    );
    assert!(
        warnings.contains("1 comment(s) not read into the articles"),
        "{warnings}"
    );
}
