//! Large record files, read a piece at a time: a JSON Lines file and a CSV file larger than
//! the per-file memory limit (read whole, each would need several times it), made on the spot,
//! read by the built `jikji` in a worker under that limit and a time limit that applies to
//! each piece. Every article must arrive, once and in order, and every character be accounted
//! for.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

mod common;
use common::Scratch;

/// Less than the files: neither a file nor its articles fit in it. (96 MiB, not the least
/// limit there is, 64 MiB: the record reader sorts each body's lines by role, and a worker
/// of this unoptimised build, linked with the workspace's features, needs more than 64 MiB
/// for a piece of 16 MiB.)
const MEMORY: &str = "96MiB";
/// Enough for one piece of 16 MiB in this unoptimised build on a loaded machine.
const TIMEOUT: &str = "20s";

const SENTENCES: [&str; 4] = [
    "중관춘 창업 거리에 새 지원센터가 문을 열었다.",
    "화웨이는 올해 연구개발 투자를 크게 늘리겠다고 밝혔다.",
    "해외 창업자들이 베이징의 기술 단지로 모여들고 있다.",
    "지방 정부는 청년 기업에 임대료를 지원하기로 했다.",
];

/// The body of record `n`: about `size` bytes of sentences, in an order of its own.
fn body(n: usize, size: usize) -> String {
    let mut body = String::with_capacity(size + 100);
    let mut i = n;
    while body.len() < size {
        body.push_str(SENTENCES[i % SENTENCES.len()]);
        body.push(' ');
        i = i.wrapping_mul(7).wrapping_add(3);
    }
    body
}

fn ink(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// `jikji ingest` of the folder under the limits: stdout and the report, after checking that
/// the run succeeded.
fn ingest(dir: &Path) -> (String, String) {
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_jikji"))
        .args(["ingest", "--file-timeout", TIMEOUT, "--file-memory", MEMORY])
        .arg(dir)
        .env_remove("JIKJI_CORPUS")
        .output()
        .expect("jikji runs");
    let report = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "the run ends well: {report}");
    eprintln!("read in {:?}", started.elapsed());
    (String::from_utf8(out.stdout).unwrap(), report)
}

/// Checks that the articles `big-000001` … `big-{count}` were printed, each once and in order,
/// and that the report counts them and all `chars` of the file's values, none unaccounted.
fn all_arrived(stdout: &str, report: &str, file: &str, count: usize, chars: usize) {
    let ids: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("[big-"))
        .map(|l| &l[..6])
        .collect();
    assert_eq!(ids.len(), count, "{report}");
    for (n, id) in ids.iter().enumerate() {
        assert_eq!(*id, format!("{:06}", n + 1));
    }
    assert!(
        report.contains(&format!("{file}: {count} article(s)")),
        "{report}"
    );
    assert!(
        report.contains(&format!("{file}: {chars} chars = ")),
        "{report}"
    );
    let lines = report.lines().filter(|l| l.contains(file));
    for line in lines {
        assert!(
            !line.contains(": warning: ") && !line.contains(": skipped: "),
            "{report}"
        );
    }
}

#[test]
fn a_json_lines_file_far_larger_than_the_memory_limit_is_read_whole() {
    let dir = Scratch::new("large", "jsonl");
    let (count, mut chars) = (90_000, 0);
    let mut text = String::with_capacity(165 << 20);
    for n in 1..=count {
        let (id, title, body) = (format!("big-{n:06}"), format!("기록 {n}"), body(n, 1600));
        chars += ink(&id) + ink(&title) + ink(&body) + ink("2020-08-26");
        let record =
            serde_json::json!({"id": id, "title": title, "date": "2020-08-26", "body": body});
        writeln!(text, "{record}").unwrap();
    }
    assert!(text.len() > 144 << 20, "{} bytes", text.len());
    dir.write("big.jsonl", text);
    let (stdout, report) = ingest(&dir.0);
    all_arrived(&stdout, &report, "big.jsonl", count, chars);
}

#[test]
fn a_csv_file_far_larger_than_the_memory_limit_is_read_whole() {
    let dir = Scratch::new("large", "csv");
    let (count, mut chars) = (60_000, 0);
    let mut text = String::with_capacity(135 << 20);
    text.push_str("id,제목,작성일,내용\n");
    for n in 1..=count {
        // Bodies of two paragraphs on two lines, quoted: records span lines.
        let (id, title) = (format!("big-{n:06}"), format!("기록 {n}"));
        let body = format!("{}\n{}", body(n, 1000), body(n + 1, 1000));
        chars += ink(&id) + ink(&title) + ink(&body) + ink("2020-08-26");
        writeln!(text, "{id},{title},2020-08-26,\"{body}\"").unwrap();
    }
    assert!(text.len() > 108 << 20, "{} bytes", text.len());
    dir.write("big.csv", text);
    let (stdout, report) = ingest(&dir.0);
    all_arrived(&stdout, &report, "big.csv", count, chars);
}
