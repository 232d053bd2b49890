//! Ingest: turns the files of an archive folder into [`Article`]s, with a report per file.
//!
//! This crate is where files are read; the engine never does IO. [`ingest_paths`] walks files
//! and folders (recursively, in name order, so ids and the index are reproducible) and returns
//! an [`Ingested`]: the articles and one [`FileReport`] per file, so a file that cannot be read
//! is reported and skipped while the rest goes on.
//!
//! Version 1 reads UTF-8 text files (`.txt`, `.md`) as one article each: the title is the first
//! meaningful line, the body the remaining lines as paragraphs.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use jikji_engine::{Article, IndexBuilder, Origin};

/// File extensions read as text articles.
pub const TEXT_EXTENSIONS: &[&str] = &["txt", "md"];
/// A line with fewer non-space characters than this is not taken as a title (e.g. "실시간 뉴스",
/// "-", a page number).
const MIN_TITLE_CHARS: usize = 8;
/// A line longer than this is body text, not a title; the title is then its start.
const MAX_TITLE_CHARS: usize = 100;
/// Length of a title cut from a body line.
const CUT_TITLE_CHARS: usize = 60;

/// The outcome of an ingest run.
#[derive(Debug, Default)]
pub struct Ingested {
    pub articles: Vec<Article>,
    pub files: Vec<FileReport>,
}

/// What happened to one input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileReport {
    pub path: PathBuf,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Read { articles: usize, encoding: &'static str },
    Skipped { reason: String },
}

impl fmt::Display for FileReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.outcome {
            Outcome::Read { articles, encoding } => {
                write!(f, "{}: {articles} article(s), {encoding}", self.path.display())
            }
            Outcome::Skipped { reason } => write!(f, "{}: skipped: {reason}", self.path.display()),
        }
    }
}

/// Reads every supported file under `paths` (files or folders).
pub fn ingest_paths(paths: &[PathBuf]) -> Ingested {
    let mut files = Vec::new();
    let mut reports = Vec::new();
    for path in paths {
        collect_files(path, &mut files, &mut reports);
    }
    let mut ingested = Ingested { articles: Vec::new(), files: reports };
    for file in files {
        let outcome = match read_text(&file) {
            Ok((text, encoding)) => {
                let articles = articles_from_text(&file_label(&file), &text);
                let count = articles.len();
                ingested.articles.extend(articles);
                if count == 0 {
                    Outcome::Skipped { reason: "no text in file".into() }
                } else {
                    Outcome::Read { articles: count, encoding }
                }
            }
            Err(reason) => Outcome::Skipped { reason },
        };
        ingested.files.push(FileReport { path: file, outcome });
    }
    ingested
}

/// Ingests `paths` and builds the index bytes of the articles found, for the app's build script
/// and the CLI, which must index exactly alike.
pub fn build_index(paths: &[PathBuf]) -> (Vec<u8>, Ingested) {
    let ingested = ingest_paths(paths);
    let mut builder = IndexBuilder::new();
    for article in &ingested.articles {
        builder.add(article.clone());
    }
    (builder.finish(), ingested)
}

fn collect_files(path: &Path, files: &mut Vec<PathBuf>, reports: &mut Vec<FileReport>) {
    let skip = |reason: String| FileReport { path: path.to_path_buf(), outcome: Outcome::Skipped { reason } };
    let metadata = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return reports.push(skip(format!("cannot read: {e}"))),
    };
    if metadata.is_dir() {
        let mut entries: Vec<PathBuf> = match fs::read_dir(path) {
            Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => return reports.push(skip(format!("cannot list folder: {e}"))),
        };
        entries.sort();
        for entry in entries {
            let hidden = entry.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'));
            if !hidden {
                collect_files(&entry, files, reports);
            }
        }
    } else if is_text_file(path) {
        files.push(path.to_path_buf());
    } else {
        reports.push(skip(format!("unsupported file type (supported: {})", TEXT_EXTENSIONS.join(", "))));
    }
}

fn is_text_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| TEXT_EXTENSIONS.iter().any(|t| t.eq_ignore_ascii_case(e)))
}

/// The name articles of this file are known by: its file name.
fn file_label(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

fn read_text(path: &Path) -> Result<(String, &'static str), String> {
    let bytes = fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    decode(&bytes)
}

/// Decodes file bytes as UTF-8 (with or without BOM). Returns the text and the encoding name.
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), String> {
    if bytes.contains(&0) {
        return Err("binary content (NUL bytes) in a text file".into());
    }
    let (bytes, encoding) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, "UTF-8 with BOM"),
        None => (bytes, "UTF-8"),
    };
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((text.to_owned(), encoding)),
        Err(e) => {
            let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(format!("not valid UTF-8 at line {line} (byte {})", e.valid_up_to()))
        }
    }
}

/// Splits one text file into articles. Version 1: the whole file is one article.
pub fn articles_from_text(file: &str, text: &str) -> Vec<Article> {
    let lines: Vec<&str> = text.lines().collect();
    let Some(title_line) = lines.iter().position(|l| is_title_candidate(l)) else {
        return Vec::new();
    };
    let title_text = collapse_spaces(lines[title_line]);
    let (title, body_from) = if title_text.chars().count() > MAX_TITLE_CHARS {
        // A long first line is body text (a column without a title): keep it in the body.
        let cut: String = title_text.chars().take(CUT_TITLE_CHARS).collect();
        (format!("{}…", cut.trim_end()), title_line)
    } else {
        (title_text, title_line + 1)
    };
    let paragraphs: Vec<String> = lines[body_from..]
        .iter()
        .map(|l| collapse_spaces(l))
        .filter(|l| !l.is_empty())
        .collect();
    let last_line = lines.iter().rposition(|l| !l.trim().is_empty()).unwrap_or(title_line);
    let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
    vec![Article {
        id: stem.to_owned(),
        title,
        source: None,
        date: None,
        body: paragraphs.join("\n\n"),
        origin: Some(Origin {
            file: file.to_owned(),
            line_start: title_line as u32 + 1,
            line_end: last_line as u32 + 1,
        }),
    }]
}

fn is_title_candidate(line: &str) -> bool {
    line.chars().filter(|c| !c.is_whitespace()).count() >= MIN_TITLE_CHARS
}

/// Trims and collapses runs of whitespace (PDF exports pad with many spaces) to one space.
fn collapse_spaces(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_meaningful_line_is_the_title() {
        let text = "실시간 뉴스\n\n\n[김문기] 4차산업혁명 키워드 '중소·다품종'\n\n본문 첫 문단.\n둘째 문단.\n";
        let articles = articles_from_text("001_x.txt", text);
        assert_eq!(articles.len(), 1);
        let a = &articles[0];
        assert_eq!(a.id, "001_x");
        assert_eq!(a.title, "[김문기] 4차산업혁명 키워드 '중소·다품종'");
        assert_eq!(a.body, "본문 첫 문단.\n\n둘째 문단.");
        assert_eq!(a.origin.as_ref().unwrap().line_start, 4);
        assert_eq!(a.origin.as_ref().unwrap().line_end, 7);
    }

    #[test]
    fn a_long_first_line_stays_in_the_body() {
        let first = "중국이 모바일과 4차 산업혁명 기술 육성에 사활을 걸고 있다는 사례를 곳곳에서 찾아볼 수 있다. ".repeat(3);
        let text = format!("{first}\n둘째 줄.");
        let a = &articles_from_text("000.txt", &text)[0];
        assert!(a.title.ends_with('…') && a.title.chars().count() <= CUT_TITLE_CHARS + 1);
        assert!(a.body.starts_with("중국이 모바일과"));
    }

    #[test]
    fn empty_text_gives_no_article() {
        assert!(articles_from_text("e.txt", "\n  \n-\n").is_empty());
    }

    #[test]
    fn decodes_utf8_with_bom_and_rejects_binary_and_invalid() {
        assert_eq!(decode(b"\xEF\xBB\xBFabc").unwrap(), ("abc".to_owned(), "UTF-8 with BOM"));
        assert!(decode(b"ab\0cd").unwrap_err().contains("binary"));
        assert!(decode(b"line one\nline \xff two").unwrap_err().contains("line 2"));
    }
}
