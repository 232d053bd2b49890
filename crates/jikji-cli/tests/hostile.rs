//! A hostile corpus, made on the spot: files that crash, exhaust or hang a reader, special
//! files, and the traps of naming a file twice or writing an index over an input. Each bad
//! file lies beside a known-good article in a scratch folder; the built `jikji` reads the
//! folder under tight limits (its files in a worker process) and must finish, keep the good
//! article, and name the bad file as skipped with the reason.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::Value;

/// A tight time limit, so that an endless file is caught quickly.
const TIMEOUT: &str = "3s";
/// Memory enough for any real file, far less than the bombs ask for.
const MEMORY: &str = "512MiB";

mod common;
use common::{jikji, pdf, Scratch};

/// `jikji ingest --json` of the folder under [`TIMEOUT`] and [`MEMORY`]: the articles' ids
/// and the report, after checking that the run succeeded and kept the good article.
fn ingest(dir: &Path) -> (Vec<String>, String) {
    ingest_within(dir, TIMEOUT)
}

/// [`ingest`] with another time limit.
fn ingest_within(dir: &Path, timeout: &str) -> (Vec<String>, String) {
    let mut args = vec![
        "ingest",
        "--json",
        "--file-timeout",
        timeout,
        "--file-memory",
        MEMORY,
    ];
    let dir = dir.to_str().unwrap();
    args.push(dir);
    let started = Instant::now();
    let out = jikji(&args);
    let report = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "the run ends well: {report}");
    assert!(started.elapsed() < Duration::from_secs(40), "{report}");
    let articles: Value = serde_json::from_slice(&out.stdout).expect("--json prints JSON");
    let ids: Vec<String> = articles
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        ids.iter().any(|id| id.starts_with("good")),
        "{ids:?}\n{report}"
    );
    (ids, report)
}

/// The line of the report that names `file` as skipped.
fn skipped<'a>(report: &'a str, file: &str) -> &'a str {
    report
        .lines()
        .find(|l| l.contains(file) && l.contains(": skipped: "))
        .unwrap_or_else(|| panic!("{file} is reported as skipped:\n{report}"))
}

fn object(text: &str) -> Vec<u8> {
    text.as_bytes().to_vec()
}

/// A stream object: `dict` entries and the data, its length filled in.
fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut out = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    out.extend(data);
    out.extend(b"\nendstream");
    out
}

const CATALOG: &str = "<< /Type /Catalog /Pages 2 0 R >>";
const PAGES: &str = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>";

/// A page that draws form XObject 4, which draws itself: a reader that follows it recurses
/// until the stack overflows.
fn self_drawing_form() -> Vec<u8> {
    pdf(&[
        object(CATALOG),
        object(PAGES),
        object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /X1 4 0 R >> >> /Contents 5 0 R >>"),
        stream(
            "/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources << /XObject << /X1 4 0 R >> >>",
            b"/X1 Do",
        ),
        stream("", b"/X1 Do"),
    ])
}

/// A page that is its own /Parent: a reader looking up inherited attributes climbs forever.
fn own_parent_page() -> Vec<u8> {
    pdf(&[
        object(CATALOG),
        object(PAGES),
        object("<< /Type /Page /Parent 3 0 R /Contents 4 0 R >>"),
        stream("", b"BT /F1 12 Tf 72 712 Td (Hello) Tj ET"),
    ])
}

/// A page that draws form XObject 4, which draws 5 twice, which draws 6 twice, … `depth`
/// levels deep: 2^depth drawings from a file of a few kB, none of them deep enough to overflow
/// a stack. Nothing but a time limit stops a reader that follows them.
fn doubling_forms(depth: usize) -> Vec<u8> {
    let mut objects = vec![
        object(CATALOG),
        object(PAGES),
        object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /X 4 0 R >> >> /Contents 5 0 R >>"),
        stream("/Type /XObject /Subtype /Form /BBox [0 0 9 9] /Resources << /XObject << /X 6 0 R >> >>", b"/X Do /X Do"),
        stream("", b"/X Do"),
    ];
    for level in 1..depth {
        let next = if level + 1 < depth { level + 6 } else { 4 };
        let content: &[u8] = if level + 1 < depth {
            b"/X Do /X Do"
        } else {
            b""
        };
        objects.push(stream(
            &format!("/Type /XObject /Subtype /Form /BBox [0 0 9 9] /Resources << /XObject << /X {next} 0 R >> >>"),
            content,
        ));
    }
    pdf(&objects)
}

/// A page whose content stream is 1 GiB of zeros deflated to about 1 MB.
fn flate_bomb() -> Vec<u8> {
    pdf(&[
        object(CATALOG),
        object(PAGES),
        object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>"),
        stream("/Filter /FlateDecode", &zeros_deflated(1 << 30)),
    ])
}

/// A zlib stream of `total` zero bytes, made without compressing them all: one MiB of zeros
/// is deflated once into blocks ending on a byte boundary (a sync flush), which repeat.
fn zeros_deflated(total: usize) -> Vec<u8> {
    use flate2::{Compress, Compression, FlushCompress};
    const CHUNK: usize = 1 << 20;
    let mut deflate = Compress::new(Compression::best(), false);
    let mut block = Vec::with_capacity(CHUNK / 100);
    deflate
        .compress_vec(&vec![0; CHUNK], &mut block, FlushCompress::Sync)
        .unwrap();
    let mut out = vec![0x78, 0xda];
    for _ in 0..total / CHUNK {
        out.extend(&block);
    }
    // The last block: empty, fixed Huffman codes, final.
    out.extend([0x03, 0x00]);
    // The Adler-32 of zeros: A stays 1, B grows by 1 a byte.
    let adler = (((total % 65521) as u32) << 16) | 1;
    out.extend(adler.to_be_bytes());
    out
}

#[test]
fn a_form_that_draws_itself_is_skipped_as_a_crash() {
    let dir = Scratch::new("hostile", "recursion");
    dir.write("loop.pdf", self_drawing_form());
    let (_, report) = ingest(&dir.0);
    let line = skipped(&report, "loop.pdf");
    assert!(
        line.contains("the PDF reader crashed (stack overflow)"),
        "{line}"
    );
}

#[test]
fn a_page_that_is_its_own_parent_is_stopped() {
    let dir = Scratch::new("hostile", "cycle");
    dir.write("cycle.pdf", own_parent_page());
    let (_, report) = ingest(&dir.0);
    let line = skipped(&report, "cycle.pdf");
    // The reader climbs the /Parent chain by tail recursion: optimised, a loop that never
    // ends (the time limit stops it); unoptimised (this test's build), a stack overflow.
    assert!(
        line.contains("took longer than 3 s")
            || line.contains("the PDF reader crashed (stack overflow)"),
        "{line}"
    );
}

#[test]
fn forms_that_double_at_every_level_are_stopped_at_the_time_limit() {
    let dir = Scratch::new("hostile", "doubling");
    dir.write("doubling.pdf", doubling_forms(48));
    let (_, report) = ingest(&dir.0);
    let line = skipped(&report, "doubling.pdf");
    assert!(line.contains("took longer than 3 s"), "{line}");
}

#[test]
fn a_flate_bomb_is_refused_before_it_is_inflated() {
    let dir = Scratch::new("hostile", "bomb");
    dir.write("bomb.pdf", flate_bomb());
    let started = Instant::now();
    let (_, report) = ingest(&dir.0);
    let line = skipped(&report, "bomb.pdf");
    assert!(
        line.contains("page 1's content would inflate to more than 64 MB"),
        "{line}"
    );
    // Counted under the cap, never held: no memory limit, no time limit reached.
    assert!(started.elapsed() < Duration::from_secs(20), "{report}");
}

/// A page whose content stream is the flate bomb written in ASCII85 (`[/ASCII85Decode
/// /FlateDecode]`): its size is not measured before reading, so the memory limit stops it.
fn flate_bomb_behind_ascii85() -> Vec<u8> {
    pdf(&[
        object(CATALOG),
        object(PAGES),
        object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>"),
        stream(
            "/Filter [/ASCII85Decode /FlateDecode]",
            &ascii85(&zeros_deflated(1 << 30)),
        ),
    ])
}

/// ASCII85 (PDF's `ASCII85Decode`), with its `~>` end.
fn ascii85(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() * 5 / 4 + 2);
    for chunk in data.chunks(4) {
        let mut group = [0u8; 4];
        group[..chunk.len()].copy_from_slice(chunk);
        let mut n = u32::from_be_bytes(group);
        if chunk.len() == 4 && n == 0 {
            out.push(b'z');
            continue;
        }
        let mut digits = [0u8; 5];
        for d in digits.iter_mut().rev() {
            *d = (n % 85) as u8 + b'!';
            n /= 85;
        }
        out.extend(&digits[..chunk.len() + 1]);
    }
    out.extend(b"~>");
    out
}

#[test]
fn a_bomb_behind_another_filter_is_stopped_at_the_memory_limit() {
    let dir = Scratch::new("hostile", "bomb85");
    dir.write("bomb.pdf", flate_bomb_behind_ascii85());
    // A file read first by the same worker: the bomb is then tried again by a fresh worker
    // (the first one's heap might have been what ran out), and reported once.
    std::fs::copy(dir.0.join("good.txt"), dir.0.join("a-good.txt")).unwrap();
    // Inflating 512 MiB takes about 3 s in this test's unoptimised build (0.3 s optimised):
    // the time limit must not come first.
    let (ids, report) = ingest_within(&dir.0, "30s");
    let line = skipped(&report, "bomb.pdf");
    assert!(
        line.contains("needed more than 512 MiB of memory"),
        "{line}"
    );
    assert_eq!(report.matches("bomb.pdf").count(), 1, "{report}");
    assert!(ids.iter().any(|id| id.starts_with("a-good")), "{ids:?}");
}

#[test]
fn files_after_a_crash_are_read_by_a_new_worker() {
    let dir = Scratch::new("hostile", "after");
    dir.write("a-loop.pdf", self_drawing_form());
    std::fs::copy(dir.0.join("good.txt"), dir.0.join("z-good.txt")).unwrap();
    let (ids, report) = ingest(&dir.0);
    skipped(&report, "a-loop.pdf");
    assert!(ids.iter().any(|id| id.starts_with("z-good")), "{ids:?}");
}

#[cfg(unix)]
#[test]
fn special_files_are_reported_and_never_opened() {
    let dir = Scratch::new("hostile", "special");
    let fifo = dir.0.join("news.txt");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    // A character device under an article's name, through a link.
    std::os::unix::fs::symlink("/dev/zero", dir.0.join("zero.txt")).unwrap();
    let (_, report) = ingest(&dir.0);
    let line = skipped(&report, "news.txt");
    assert!(
        line.contains("a named pipe (FIFO), not a regular file"),
        "{line}"
    );
    let line = skipped(&report, "zero.txt");
    assert!(
        line.contains("a character device, not a regular file"),
        "{line}"
    );
}

#[cfg(unix)]
#[test]
fn a_file_named_twice_or_through_a_link_is_read_once() {
    let dir = Scratch::new("hostile", "twice");
    std::os::unix::fs::symlink(dir.0.join("good.txt"), dir.0.join("link.txt")).unwrap();
    let good = dir.0.join("good.txt");
    let out = jikji(&[
        "ingest",
        "--json",
        dir.0.to_str().unwrap(),
        good.to_str().unwrap(),
    ]);
    let report = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{report}");
    let articles: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(articles.as_array().unwrap().len(), 1, "{report}");
    assert_eq!(report.matches("(read once)").count(), 2, "{report}");
}

#[test]
fn an_index_is_never_written_over_an_input() {
    let dir = Scratch::new("hostile", "out");
    let good = dir.0.join("good.txt");
    let before = std::fs::read(&good).unwrap();
    for corpus in [&dir.0, &good] {
        let out = jikji(&[
            "index",
            "--corpus",
            corpus.to_str().unwrap(),
            "--out",
            good.to_str().unwrap(),
        ]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success());
        assert!(
            stderr.contains("refusing to write the index to"),
            "{stderr}"
        );
        assert_eq!(
            std::fs::read(&good).unwrap(),
            before,
            "the input is untouched"
        );
        assert!(
            !dir.0.join(".good.txt.partial").exists(),
            "the index written beside it is removed"
        );
    }
}

#[test]
fn reading_in_workers_changes_nothing_for_good_files() {
    let corpus = common::repo_path("corpus");
    let isolated = jikji(&["ingest", "--json", &corpus]);
    let in_process = jikji(&["ingest", "--json", "--in-process", &corpus]);
    assert!(isolated.status.success() && in_process.status.success());
    assert_eq!(isolated.stdout, in_process.stdout, "the same articles");
    assert_eq!(isolated.stderr, in_process.stderr, "the same report");
}
