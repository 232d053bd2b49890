//! The document formats against their gold annotations (`tests/fixtures/formats.gold.json`):
//! every fixture of `tests/fixtures/formats/` read (or skipped with its reason), each article's
//! title, source, date, body start and end, captions; what the report counts as dropped; the
//! character accounting; and, where the fixture was made from known paragraphs, each of them
//! verbatim. Prints the figures and fails below 100%.

use std::path::{Path, PathBuf};

use jikji_engine::Article;
use jikji_ingest::{ingest_file, FileReport, Outcome};
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

mod common;

fn fixtures() -> PathBuf {
    common::repo().join("tests/fixtures/formats")
}

fn norm(text: &str) -> String {
    text.nfkc().filter(|c| !c.is_whitespace()).collect()
}

/// How close to the start (or end) of a body its gold phrase must be, in normalized characters.
const NEAR: usize = 120;

#[derive(Default)]
struct Score {
    checks: usize,
    failures: Vec<String>,
}

impl Score {
    fn check(&mut self, ok: bool, failure: impl FnOnce() -> String) {
        self.checks += 1;
        if !ok {
            self.failures.push(failure());
        }
    }
}

fn str_of(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(String::from)
}

fn check_article(score: &mut Score, file: &str, gold: &Value, a: &Article) {
    let title = str_of(gold, "title").unwrap();
    score.check(norm(&a.title) == norm(&title), || {
        format!("{file}: title {:?}, expected {title:?}", a.title)
    });
    for key in ["source", "date", "author"] {
        if let Some(expected) = gold.get(key) {
            let got = match key {
                "source" => &a.source,
                "date" => &a.date,
                _ => &a.author,
            };
            score.check(got.as_deref() == expected.as_str(), || {
                format!("{file}: {:?}: {key} {got:?}, expected {expected}", a.title)
            });
        }
    }
    let body = norm(&a.body);
    if let Some(start) = str_of(gold, "body_start") {
        let at = body.find(&norm(&start));
        score.check(
            at.is_some_and(|at| body[..at].chars().count() <= NEAR),
            || format!("{file}: {:?}: body does not start with {start:?}", a.title),
        );
    }
    if let Some(end) = str_of(gold, "body_end") {
        let at = body.rfind(&norm(&end));
        score.check(
            at.is_some_and(|at| body[at..].chars().count() <= NEAR + norm(&end).chars().count()),
            || format!("{file}: {:?}: body does not end with {end:?}", a.title),
        );
    }
    for phrase in gold
        .get("body_has")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let phrase = phrase.as_str().unwrap();
        score.check(a.body.contains(phrase), || {
            format!("{file}: {:?}: body lacks {phrase:?}", a.title)
        });
    }
    for caption in gold
        .get("captions")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let caption = caption.as_str().unwrap();
        score.check(
            a.captions.iter().any(|c| norm(&c.text) == norm(caption)),
            || {
                format!(
                    "{file}: {:?}: caption {caption:?} missing ({:?})",
                    a.title, a.captions
                )
            },
        );
        score.check(!body.contains(&norm(caption)), || {
            format!(
                "{file}: {:?}: caption {caption:?} left in the body",
                a.title
            )
        });
    }
}

fn check_read(
    score: &mut Score,
    gold: &Value,
    path: &Path,
    articles: &[Article],
    report: &FileReport,
) {
    let file = str_of(gold, "file").unwrap();
    let Outcome::Read {
        format,
        input_chars,
        article_chars,
        ledger,
        ..
    } = &report.outcome
    else {
        score.check(false, || format!("{file}: not read: {report}"));
        return;
    };
    score.check(Some(format.to_string()) == str_of(gold, "format"), || {
        format!("{file}: format {format}")
    });
    if let (Some(expected), Outcome::Read { encoding, .. }) =
        (str_of(gold, "encoding"), &report.outcome)
    {
        score.check(*encoding == expected, || {
            format!("{file}: encoding {encoding}, expected {expected}")
        });
    }
    score.check(report.to_string().contains(format), || {
        format!("{file}: the report does not name the format: {report}")
    });
    score.check(*input_chars == article_chars + ledger.chars(), || {
        format!("{file}: accounting: {report}")
    });
    // The warnings the gold expects (by their start), and no other.
    let warned: Vec<&str> = gold
        .get("warnings")
        .and_then(Value::as_array)
        .map(|w| w.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let as_expected = report.warnings.len() == warned.len()
        && warned
            .iter()
            .all(|start| report.warnings.iter().any(|w| w.starts_with(start)));
    score.check(as_expected, || {
        format!("{file}: warnings: {:?}", report.warnings)
    });
    let expected = gold["articles"].as_array().unwrap();
    score.check(articles.len() == expected.len(), || {
        format!(
            "{file}: {} articles, expected {}",
            articles.len(),
            expected.len()
        )
    });
    for (gold_article, article) in expected.iter().zip(articles) {
        check_article(score, &file, gold_article, article);
        let origin = article.origin.as_ref();
        score.check(
            origin.and_then(|o| o.format.as_deref()) == Some(format)
                && origin.is_some_and(|o| {
                    Some(o.file.as_str()) == path.file_name().and_then(|n| n.to_str())
                }),
            || format!("{file}: origin {origin:?}"),
        );
    }
    if let Some(collection) = str_of(gold, "collection") {
        for a in articles {
            score.check(a.collection.as_deref() == Some(collection.as_str()), || {
                format!("{file}: {:?}: collection {:?}", a.title, a.collection)
            });
        }
    }
    for text in gold
        .get("body_not")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let text = text.as_str().unwrap();
        score.check(!articles.iter().any(|a| a.body.contains(text)), || {
            format!("{file}: {text:?} is in a body")
        });
    }
    for kind in gold
        .get("dropped")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let kind = kind.as_str().unwrap();
        score.check(ledger.dropped_lines(kind) > 0, || {
            format!("{file}: nothing dropped as {kind:?}: {report}")
        });
    }
}

/// The source paragraphs a fixture was made from, each of which must be a whole paragraph of
/// its article, spacing included: hard wraps joined, extraction spacing repaired, two columns
/// in order.
fn check_paragraphs(gold: &Value, articles: &[Article]) -> (usize, usize, Vec<String>) {
    let Some(which) = gold.get("paragraphs") else {
        return (0, 0, vec![]);
    };
    let passages: Value = serde_json::from_str(
        &std::fs::read_to_string(fixtures().join("src/passages.json")).unwrap(),
    )
    .unwrap();
    // A set of passages, one per article; or one passage of a set for the file's one article.
    let sources: Vec<&Value> = match which {
        Value::String(set) => passages[set].as_array().unwrap().iter().collect(),
        _ => {
            let set = which["set"].as_str().unwrap();
            vec![&passages[set][which["index"].as_u64().unwrap() as usize]]
        }
    };
    let (mut found, mut total, mut missing) = (0, 0, vec![]);
    for (passage, article) in sources.into_iter().zip(articles) {
        let paragraphs: Vec<&str> = article.body.split("\n\n").collect();
        for p in passage["paras"].as_array().unwrap() {
            let p = p.as_str().unwrap();
            total += 1;
            if paragraphs.contains(&p) {
                found += 1;
            } else {
                missing.push(format!("{:?}: {p:?}", article.title));
            }
        }
    }
    (found, total, missing)
}

#[test]
fn the_format_fixtures_meet_their_gold_annotations() {
    let gold: Value = serde_json::from_str(
        &std::fs::read_to_string(common::repo().join("tests/fixtures/formats.gold.json")).unwrap(),
    )
    .unwrap();
    let mut score = Score::default();
    let (mut paragraphs_found, mut paragraphs_total) = (0, 0);
    let (mut read, mut skipped, mut article_count) = (0, 0, 0);
    for gold in gold["files"].as_array().unwrap() {
        let file = str_of(gold, "file").unwrap();
        let path = fixtures().join(&file);
        let (articles, report) = ingest_file(&path);
        println!("{report}");
        if let Some(reason) = str_of(gold, "skipped") {
            skipped += 1;
            let ok =
                matches!(&report.outcome, Outcome::Skipped { reason: r } if r.starts_with(&reason));
            score.check(ok && articles.is_empty(), || {
                format!("{file}: expected skipped with {reason:?}: {report}")
            });
            continue;
        }
        read += 1;
        article_count += articles.len();
        check_read(&mut score, gold, &path, &articles, &report);
        let (found, total, missing) = check_paragraphs(gold, &articles);
        paragraphs_found += found;
        paragraphs_total += total;
        for m in missing {
            score
                .failures
                .push(format!("{file}: paragraph not found verbatim: {m}"));
        }
    }
    println!(
        "formats: {read} files read ({article_count} articles), {skipped} bad files skipped with their reason; \
         {}/{} checks passed; source paragraphs verbatim: {paragraphs_found}/{paragraphs_total}",
        score.checks - score.failures.len(),
        score.checks
    );
    assert!(score.failures.is_empty(), "{:#?}", score.failures);
}

/// A PDF of `pages` pages, each with a running header, two paragraphs of hard-wrapped
/// Latin text (Helvetica, no embedded font) and a page number.
fn many_page_pdf(pages: usize) -> Vec<u8> {
    use lopdf::content::{Content, Operation};
    use lopdf::{dictionary, Document, Object, Stream};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let resources_id = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font_id } });
    let line = |ops: &mut Vec<Operation>, x: i64, y: i64, size: i64, text: &str| {
        ops.push(Operation::new("BT", vec![]));
        ops.push(Operation::new("Tf", vec!["F1".into(), size.into()]));
        ops.push(Operation::new("Td", vec![x.into(), y.into()]));
        ops.push(Operation::new("Tj", vec![Object::string_literal(text)]));
        ops.push(Operation::new("ET", vec![]));
    };
    let mut kids = Vec::new();
    for n in 1..=pages {
        let mut ops = Vec::new();
        line(
            &mut ops,
            56,
            800,
            8,
            "Annual report on the startup ecosystem",
        );
        let mut y = 740;
        for p in 0..2 {
            for l in 0..6 {
                let text = if l == 5 {
                    format!("the end of paragraph {p} of page {n}.")
                } else {
                    format!("Page {n} paragraph {p} line {l} of a long wrapped body text that fills the width")
                };
                line(&mut ops, 56, y, 11, &text);
                y -= 14;
            }
            y -= 14;
        }
        line(&mut ops, 290, 30, 8, &format!("- {n} -"));
        let content = Content { operations: ops };
        let content_id = doc.add_object(Stream::new(dictionary! {}, content.encode().unwrap()));
        kids.push(Object::from(doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        })));
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => count, "Resources" => resources_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    doc.compress();
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}

/// Peak resident memory of this process so far, in kB (Linux; 0 elsewhere).
fn peak_rss_kb() -> usize {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

#[test]
fn a_500_page_pdf_is_read_whole_in_bounded_time_and_memory() {
    let bytes = many_page_pdf(500);
    let dir = std::env::temp_dir().join(format!("jikji-many-pages-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("report.pdf");
    std::fs::write(&path, &bytes).unwrap();
    let started = std::time::Instant::now();
    let (articles, report) = ingest_file(&path);
    let elapsed = started.elapsed();
    let _ = std::fs::remove_dir_all(&dir);
    println!(
        "500-page PDF ({} kB): {:.1} s, peak memory {} MB; {report}",
        bytes.len() / 1024,
        elapsed.as_secs_f64(),
        peak_rss_kb() / 1024
    );
    let Outcome::Read { ledger, .. } = &report.outcome else {
        panic!("not read: {report}");
    };
    // Every page's header and number dropped, every paragraph kept whole.
    assert_eq!(ledger.dropped_lines("page header"), 500, "{report}");
    assert_eq!(ledger.dropped_lines("page number"), 500, "{report}");
    assert_eq!(articles.len(), 1);
    let body = &articles[0].body;
    assert!(!body.contains("Annual report"));
    assert_eq!(body.split("\n\n").count(), 1000, "{}", &body[..2000]);
    assert!(body.contains(
        "Page 500 paragraph 1 line 4 of a long wrapped body text that fills the width the end of paragraph 1 of page 500."
    ));
    assert!(elapsed.as_secs() < 120, "{elapsed:?}");
    assert!(
        peak_rss_kb() < 1024 * 1024,
        "peak memory {} kB",
        peak_rss_kb()
    );
}

/// An HWP 5 document as Hangul lays one out, uncompressed: a compound file with its
/// `FileHeader` (signature, version 5.0.3.0, `properties` flags), an empty `DocInfo` and one
/// `BodyText/Section0` of paragraph records (PARA_HEADER, PARA_TEXT in UTF-16LE).
fn hwp5(paragraphs: &[&str], properties: u32) -> Vec<u8> {
    use std::io::Write;
    let mut file = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    let mut header = b"HWP Document File".to_vec();
    header.resize(32, 0);
    header.extend(0x0500_0300u32.to_le_bytes());
    header.extend(properties.to_le_bytes());
    header.resize(256, 0);
    file.create_stream("/FileHeader")
        .unwrap()
        .write_all(&header)
        .unwrap();
    file.create_stream("/DocInfo").unwrap();
    let record = |tag: u32, level: u32, data: &[u8]| -> Vec<u8> {
        let mut out = (tag | (level << 10) | ((data.len() as u32) << 20))
            .to_le_bytes()
            .to_vec();
        out.extend(data);
        out
    };
    let mut section = Vec::new();
    for text in paragraphs {
        let mut units: Vec<u16> = text.encode_utf16().collect();
        units.push(0x0D);
        let mut head = Vec::new();
        head.extend((units.len() as u32).to_le_bytes()); // characters
        head.extend(0u32.to_le_bytes()); // control mask
        head.extend(0u16.to_le_bytes()); // paragraph shape
        head.push(0); // style
        head.push(0); // break type
        head.extend(1u16.to_le_bytes()); // character shapes
        head.extend(0u16.to_le_bytes()); // range tags
        head.extend(0u16.to_le_bytes()); // line alignments
        head.extend(0u32.to_le_bytes()); // instance id
        section.extend(record(66, 0, &head));
        let bytes: Vec<u8> = units.iter().flat_map(|u| u.to_le_bytes()).collect();
        section.extend(record(67, 1, &bytes));
        section.extend(record(68, 1, &[0; 8]));
    }
    file.create_storage("/BodyText").unwrap();
    file.create_stream("/BodyText/Section0")
        .unwrap()
        .write_all(&section)
        .unwrap();
    file.flush().unwrap();
    file.into_inner().into_inner()
}

#[test]
fn hwp5_documents_are_read_and_locked_ones_reported() {
    let dir = std::env::temp_dir().join(format!("jikji-hwp5-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let passages: Value = serde_json::from_str(
        &std::fs::read_to_string(fixtures().join("src/passages.json")).unwrap(),
    )
    .unwrap();
    let a = &passages["single"][2];
    let title = a["title"].as_str().unwrap();
    let paras: Vec<&str> = a["paras"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    let text: Vec<&str> = std::iter::once(title)
        .chain(paras.iter().copied())
        .collect();
    let cases = [
        ("plain.hwp", 0u32),
        ("locked.hwp", 1 << 2),
        ("password.hwp", 1 << 1),
    ];
    for (name, flags) in cases {
        std::fs::write(dir.join(name), hwp5(&text, flags)).unwrap();
    }
    let (articles, report) = ingest_file(&dir.join("plain.hwp"));
    println!("{report}");
    let Outcome::Read {
        format,
        input_chars,
        article_chars,
        ledger,
        ..
    } = &report.outcome
    else {
        panic!("not read: {report}");
    };
    assert_eq!(*format, "HWP");
    assert_eq!(*input_chars, article_chars + ledger.chars(), "{report}");
    assert_eq!(articles.len(), 1, "{report}");
    assert_eq!(articles[0].title, title);
    assert_eq!(articles[0].body.split("\n\n").collect::<Vec<_>>(), paras);
    assert_eq!(
        articles[0].origin.as_ref().unwrap().format.as_deref(),
        Some("HWP")
    );
    for (name, expected) in [("locked.hwp", "배포용"), ("password.hwp", "암호")] {
        let (articles, report) = ingest_file(&dir.join(name));
        println!("{report}");
        assert!(articles.is_empty());
        assert!(
            matches!(&report.outcome, Outcome::Skipped { reason } if reason.contains(expected)),
            "{report}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every fixture cut short at several points and with bytes overwritten: each copy is read or
/// skipped with a reason, never a panic, and what is read is accounted for.
#[test]
fn damaged_copies_of_every_fixture_are_reported_never_a_panic() {
    let dir = std::env::temp_dir().join(format!("jikji-damaged-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut originals = Vec::new();
    for folder in ["pdf", "docx", "hwp", "html", "mail", "feed"] {
        let mut entries: Vec<_> = std::fs::read_dir(fixtures().join(folder))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        originals.extend(entries);
    }
    let (mut read, mut skipped) = (0, 0);
    for original in &originals {
        let bytes = std::fs::read(original).unwrap();
        let name = original.file_name().unwrap().to_string_lossy().into_owned();
        let mut variants: Vec<(String, Vec<u8>)> = Vec::new();
        for percent in [5, 30, 60, 95] {
            variants.push((
                format!("cut{percent}-{name}"),
                bytes[..bytes.len() * percent / 100].to_vec(),
            ));
        }
        for seed in 1..=3u64 {
            let mut damaged = bytes.clone();
            let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15);
            for _ in 0..(damaged.len() / 200).max(4) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let at = (x as usize) % damaged.len();
                damaged[at] = (x >> 32) as u8;
            }
            variants.push((format!("flip{seed}-{name}"), damaged));
        }
        for (variant, data) in variants {
            let path = dir.join(&variant);
            std::fs::write(&path, &data).unwrap();
            let result = std::panic::catch_unwind(|| ingest_file(&path));
            let (_, report) = result.unwrap_or_else(|_| panic!("{variant}: ingest panicked"));
            match &report.outcome {
                Outcome::Read {
                    input_chars,
                    article_chars,
                    ledger,
                    ..
                } => {
                    read += 1;
                    assert_eq!(*input_chars, article_chars + ledger.chars(), "{report}");
                }
                Outcome::Skipped { reason } => {
                    skipped += 1;
                    assert!(!reason.is_empty());
                }
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    println!(
        "damaged copies of {} fixtures: {read} read, {skipped} skipped with a reason, no panic",
        originals.len()
    );
}

#[test]
fn a_page_nested_too_deep_is_read_without_overflowing() {
    let dir = std::env::temp_dir().join(format!("jikji-deep-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let depth = 3_000;
    let html = format!(
        "<!DOCTYPE html><html><body><h1>깊은 페이지의 제목</h1>{}<p>본문 문단입니다. 아주 깊이 중첩된 페이지도 읽혀야 한다.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let path = dir.join("deep.html");
    std::fs::write(&path, html).unwrap();
    let handle = std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || ingest_file(&path))
        .unwrap();
    let started = std::time::Instant::now();
    let (articles, report) = handle.join().expect("no overflow or panic");
    let _ = std::fs::remove_dir_all(&dir);
    println!("{report} ({:.1} s)", started.elapsed().as_secs_f64());
    assert!(matches!(report.outcome, Outcome::Read { .. }), "{report}");
    assert!(
        report.warnings.iter().any(|w| w.contains("nested")),
        "{report}"
    );
    assert_eq!(articles[0].title, "깊은 페이지의 제목");
    assert!(articles[0].body.contains("본문 문단입니다"));
    // Readability's cost grows with depth; without the cap this page takes minutes.
    assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
}
