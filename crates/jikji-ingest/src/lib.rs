//! Ingest: turns the files of an archive folder into clean, dated, attributed [`Article`]s,
//! with a report per file.
//!
//! This crate is where files are read; the engine never does IO. [`ingest_paths`] walks files
//! and folders (recursively, in name order, so ids and the index are reproducible) and returns
//! an [`Ingested`]: the articles and one [`FileReport`] per file. A file that cannot be read is
//! reported and skipped while the rest goes on; nothing is dropped silently — every character
//! of a file that is read ends in an article (body or caption) or in the file's [`Ledger`], as a
//! title, metadata, or a counted kind of dropped text (`tests/accounting.rs` checks the sums).
//! Metadata beyond what a header and the articles' attributions take is text the splitter left
//! in no article: [`unplaced`] makes it a warning naming its lines (or pages), and
//! [`Ingested::summary`] counts it.
//!
//! Per file: [`formats::detect`] tells what it is (magic bytes, then extension). Documents are
//! read by their [`formats`] reader (PDF, DOCX, HWPX/HWP, HTML/MHTML, e-mail, feeds), which
//! gives either text for the pipeline below (one newsletter splitter whatever the file was) or
//! articles of its own structure (a feed's items, a page's main content), with its ledger.
//! For text: [`decode`] finds the encoding; [`frontmatter`] reads optional `---` metadata;
//! then a text file is either a newsletter issue ([`newsletter`], split into its articles) or
//! one article ([`single`]: a column or a saved web page), both cleaned by [`clean`]; `.json`,
//! `.jsonl` and `.csv` files are records ([`structured`]), and a large one is read a piece at a
//! time, its articles handed on as each piece is read ([`stream`], [`ingest_file_with`]). [`build_index`] feeds the result to
//! the engine's index builder, for the app's build script and the CLI alike. [`generate`] makes
//! archives of any size for benchmarks, learned from real articles.
//!
//! Where files are read is an [`IngestOptions`] choice: in this process ([`Isolation::InProcess`],
//! the default), or in [`worker`] processes under a time and a memory limit per file
//! ([`Isolation::Worker`], what the CLI and the build use), where a reader's crash, endless loop
//! or runaway allocation becomes its file's skip reason. Either way only regular files are
//! opened, and a file is read once however it is named.

pub mod attributed;
pub mod clean;
pub mod dates;
pub mod decode;
pub mod fields;
pub mod formats;
pub mod frontmatter;
pub mod generate;
pub mod newsletter;
pub mod outlets;
pub mod pending;
pub mod reading;
pub mod single;
pub mod stream;
pub mod structured;
pub mod unplaced;
pub mod worker;

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use formats::Format;
use jikji_engine::outlets::OutletRules;
use jikji_engine::{Article, IndexBuilder, IndexSink, IndexWriter};
use pending::Pending;

/// Lines and characters of one kind of text. Characters are counted without whitespace, which
/// cleaning reflows (wrapped lines joined, runs of spaces collapsed, PDF spacing repaired).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub lines: usize,
    pub chars: usize,
}

impl Tally {
    fn add(&mut self, lines: usize, chars: usize) {
        self.lines += lines;
        self.chars += chars;
    }
}

/// Characters of `text` that are not whitespace: the unit of the ledger.
pub fn ink(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// Characters (whitespace aside) the articles hold: bodies and captions.
pub fn article_ink(articles: &[Article]) -> usize {
    articles
        .iter()
        .map(|a| ink(&a.body) + a.captions.iter().map(|c| ink(&c.text)).sum::<usize>())
        .sum()
}

/// Where the text of one file went, apart from article bodies and captions (which the articles
/// themselves hold): titles, metadata (headers, bylines, datelines, front matter, record
/// fields), and what was dropped, by kind ("web furniture", "page header", …).
/// Input characters = body + caption characters of the file's articles + everything here.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ledger {
    pub dropped: BTreeMap<&'static str, Tally>,
    pub titles: Tally,
    pub metadata: Tally,
}

impl Ledger {
    /// A line left out of every article.
    pub fn dropped(&mut self, kind: &'static str, text: &str) {
        self.dropped_counts(kind, 1, ink(text));
    }

    pub fn dropped_counts(&mut self, kind: &'static str, lines: usize, chars: usize) {
        if lines > 0 {
            self.dropped.entry(kind).or_default().add(lines, chars);
        }
    }

    /// Text read as a title (a heading line with its attribution).
    pub fn title(&mut self, text: &str) {
        self.titles.add(1, ink(text));
    }

    /// Text read as metadata.
    pub fn metadata(&mut self, text: &str) {
        self.metadata.add(1, ink(text));
    }

    pub fn dropped_lines(&self, kind: &str) -> usize {
        self.dropped.get(kind).map_or(0, |t| t.lines)
    }

    pub fn total_dropped(&self) -> Tally {
        self.dropped.values().fold(Tally::default(), |mut sum, t| {
            sum.add(t.lines, t.chars);
            sum
        })
    }

    /// Adds another ledger's tallies to this one.
    pub fn absorb(&mut self, other: Ledger) {
        for (kind, t) in other.dropped {
            self.dropped_counts(kind, t.lines, t.chars);
        }
        self.titles.add(other.titles.lines, other.titles.chars);
        self.metadata
            .add(other.metadata.lines, other.metadata.chars);
    }

    /// Everything recorded here, in characters.
    pub fn chars(&self) -> usize {
        self.titles.chars + self.metadata.chars + self.total_dropped().chars
    }
}

/// The outcome of an ingest run.
#[derive(Debug, Default)]
pub struct Ingested {
    pub articles: Vec<Article>,
    pub files: Vec<FileReport>,
    /// What the run has to say about itself rather than about a file (files read in process
    /// because no worker could be started, the archive's `sources.toml`), for the caller to
    /// show.
    pub notes: Vec<String>,
    /// The outlets the archive names itself (`outlets`), for the index.
    pub outlets: OutletRules,
}

/// How an ingest run reads its files.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IngestOptions {
    pub isolation: Isolation,
}

/// Where files are read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Isolation {
    /// In this process: no process to start, but a reader that overflows its stack, runs out
    /// of memory or never ends takes the whole run with it. The default, because only a
    /// program whose `main` calls [`worker::run_if_worker`] can serve as a worker (a test
    /// binary cannot).
    #[default]
    InProcess,
    /// In worker processes under per-file time and memory limits ([`worker`]); a file that
    /// breaks them is skipped with the reason, and the run goes on.
    Worker(worker::Limits),
}

/// What happened to one input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileReport {
    pub path: PathBuf,
    pub outcome: Outcome,
    /// Problems that did not stop the file, each naming its line where it has one.
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// `input_chars`: characters (whitespace aside) of the text, or of a record file's field
    /// values; `article_chars`: those in the articles' bodies and captions. The ledger holds
    /// the rest: `input_chars = article_chars + ledger.chars()` (a warning says otherwise).
    Read {
        articles: usize,
        /// What the file is ("text", "PDF", …: [`formats::Format::name`]).
        format: &'static str,
        /// How its text was encoded ("UTF-8", "CP949/EUC-KR", a PDF's "text layer", …).
        encoding: &'static str,
        input_chars: usize,
        article_chars: usize,
        ledger: Ledger,
    },
    Skipped {
        reason: String,
    },
}

/// `text` as it may be shown on a terminal: control characters (C0 but, with `keep_lines`,
/// line breaks and tabs; DEL; C1) and the invisible characters that reorder or hide text
/// (bidirectional overrides and isolates) written as `\u{1b}` escapes, so that a file's name
/// or text cannot move the cursor, recolour the terminal or fake a line of the report.
pub fn escape_controls(text: &str, keep_lines: bool) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| {
        (c.is_control() && !(keep_lines && matches!(c, '\n' | '\t')))
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
    };
    if !text.chars().any(hidden) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hidden(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

impl fmt::Display for FileReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display().to_string();
        let path = escape_controls(&path, false);
        match &self.outcome {
            Outcome::Read {
                articles,
                format,
                encoding,
                input_chars,
                article_chars,
                ledger,
            } => {
                write!(f, "{path}: {articles} article(s), {format}, {encoding}")?;
                let dropped = ledger.total_dropped();
                if dropped.lines > 0 {
                    let kinds: Vec<String> = ledger
                        .dropped
                        .iter()
                        .map(|(kind, t)| format!("{kind} {} ({} chars)", t.lines, t.chars))
                        .collect();
                    write!(f, "; dropped {} lines: {}", dropped.lines, kinds.join(", "))?;
                }
                write!(
                    f,
                    "\n  {path}: {input_chars} chars = {article_chars} in articles + {} in titles + {} metadata + {} dropped",
                    ledger.titles.chars,
                    ledger.metadata.chars,
                    dropped.chars
                )?;
            }
            Outcome::Skipped { reason } => {
                write!(f, "{path}: skipped: {}", escape_controls(reason, false))?
            }
        }
        for warning in &self.warnings {
            write!(
                f,
                "\n  {path}: warning: {}",
                escape_controls(warning, false)
            )?;
        }
        Ok(())
    }
}

impl Ingested {
    /// Files that produced no article.
    pub fn skipped(&self) -> impl Iterator<Item = &FileReport> {
        self.files
            .iter()
            .filter(|f| matches!(f.outcome, Outcome::Skipped { .. }))
    }

    /// Files read with text kept in no article ([`unplaced`]), and those characters.
    pub fn unplaced(&self) -> impl Iterator<Item = (&FileReport, usize)> {
        self.files
            .iter()
            .filter_map(|f| f.unplaced().map(|chars| (f, chars)))
    }

    /// One line for the end of a run: files read and skipped, articles, and the text kept in
    /// no article (in how many files), so a loss is counted where the run is summed up.
    pub fn summary(&self) -> String {
        let skipped = self.skipped().count();
        let (files, chars) = self
            .unplaced()
            .fold((0, 0), |(files, chars), (_, c)| (files + 1, chars + c));
        // Counted from the reports: a run that hands its articles on (`ingest_paths_to`)
        // keeps none.
        let articles: usize = self
            .files
            .iter()
            .map(|file| match file.outcome {
                Outcome::Read { articles, .. } => articles,
                Outcome::Skipped { .. } => 0,
            })
            .sum();
        let mut line = format!(
            "{} file(s) read, {skipped} skipped; {articles} article(s)",
            self.files.len() - skipped,
        );
        if files > 0 {
            line.push_str(&format!(
                "; {} characters of text kept in no article in {files} file(s) (see their warnings)",
                unplaced::thousands(chars)
            ));
        }
        line
    }
}

impl FileReport {
    /// The articles handed on while this file was read, or none if it was skipped after all
    /// (a file read a piece at a time that could not be read to its end).
    pub fn keep(&self, articles: Vec<Article>) -> Vec<Article> {
        match self.outcome {
            Outcome::Read { .. } => articles,
            Outcome::Skipped { .. } => Vec::new(),
        }
    }

    /// [`FileReport::keep`] of articles held in a [`Pending`].
    pub fn keep_pending(&self, articles: Pending) -> Pending {
        match self.outcome {
            Outcome::Read { .. } => articles,
            Outcome::Skipped { .. } => Pending::default(),
        }
    }

    /// The characters of this file's text that stand in no article and that its report says
    /// so of: the text kept in no article ([`FileReport::unplaced`]) and the whole parts a
    /// reader did not read into the articles, counted as dropped with a warning (a message's
    /// further text parts, forwarded messages, text attachments: [`formats::mail::UNREAD_PARTS`];
    /// a record's unknown fields when it has no body: [`structured::BODYLESS_RECORD_FIELD`]).
    pub fn text_outside_articles(&self) -> Option<usize> {
        let Outcome::Read { ledger, .. } = &self.outcome else {
            return None;
        };
        let parts: usize = formats::mail::UNREAD_PARTS
            .iter()
            .chain([&structured::BODYLESS_RECORD_FIELD])
            .filter_map(|kind| ledger.dropped.get(kind))
            .map(|t| t.chars)
            .sum();
        let total = self.unplaced().unwrap_or(0) + parts;
        (total > 0).then_some(total)
    }

    /// The characters of this file's text kept in no article, when over the threshold
    /// ([`unplaced::excess`]). A records file has none: its metadata are fields kept with
    /// their articles.
    pub fn unplaced(&self) -> Option<usize> {
        match &self.outcome {
            Outcome::Read {
                articles,
                ledger,
                format,
                ..
            } if !formats::Format::names_records(format) => unplaced::excess(ledger, *articles),
            Outcome::Read { .. } | Outcome::Skipped { .. } => None,
        }
    }
}

/// Reads every supported file under `paths` (files or folders), in this process.
pub fn ingest_paths(paths: &[PathBuf]) -> Ingested {
    ingest_paths_with_progress(paths, |_, _, _| {})
}

/// [`ingest_paths`], calling `progress(files done, files in all, file)` before each file.
pub fn ingest_paths_with_progress(
    paths: &[PathBuf],
    progress: impl FnMut(usize, usize, &Path),
) -> Ingested {
    ingest_paths_with(paths, &IngestOptions::default(), progress)
}

/// [`ingest_paths_with_progress`], reading the files as `options` say (in worker processes
/// under limits, or in this process). The articles and reports are the same either way, in
/// the same order, but for the files a worker could not finish.
pub fn ingest_paths_with(
    paths: &[PathBuf],
    options: &IngestOptions,
    progress: impl FnMut(usize, usize, &Path),
) -> Ingested {
    let mut articles = Vec::new();
    let mut ingested = ingest_paths_to(paths, options, progress, |batch| articles.extend(batch));
    ingested.articles = articles;
    ingested
}

/// [`ingest_paths_with`], each file's articles handed to `take` (a batch at a time, in order)
/// once the file is read and kept, not collected: the `Ingested` returned has the reports and
/// notes, and no articles. A file's articles wait in a [`Pending`] while it is read.
pub fn ingest_paths_to(
    paths: &[PathBuf],
    options: &IngestOptions,
    mut progress: impl FnMut(usize, usize, &Path),
    mut take: impl FnMut(Vec<Article>),
) -> Ingested {
    let mut ingested = Ingested::default();
    let mut collector = Collector::default();
    for path in paths {
        if let Some(file) = outlets::sources_file(path) {
            read_outlets(&file, &mut ingested);
            collector.not_articles.push(file);
        }
        collector.collect(path, true, &mut ingested.files);
    }
    let files = collector.files;
    let total = files.len();
    // Ids must be unique in an archive (links and the reader use them): a repeat, e.g. the same
    // file name in two folders, gets a suffix, and the report says so.
    let mut used: HashMap<String, usize> = HashMap::new();
    let mut accept = |articles: Pending, mut report: FileReport| {
        let read_back = articles.drain(|mut batch| {
            for article in &mut batch {
                let seen = used.entry(article.id.clone()).or_insert(0);
                *seen += 1;
                if *seen > 1 {
                    let renamed = format!("{}~{}", article.id, seen);
                    report.warnings.push(format!(
                        "id {:?} is already used; this article is {renamed:?}",
                        article.id
                    ));
                    article.id = renamed;
                }
            }
            take(batch);
        });
        if let Err(lost) = read_back {
            report.warnings.push(lost);
        }
        ingested.files.push(report);
    };
    match &options.isolation {
        Isolation::InProcess => {
            for (done, (path, _)) in files.iter().enumerate() {
                progress(done, total, path);
                let (articles, report) = ingest_file_pending(path);
                accept(articles, report);
            }
        }
        Isolation::Worker(limits) => {
            let mut pool = worker::Pool::new(*limits);
            if let Some((first, _)) = files.first() {
                progress(0, total, first);
            }
            // A file is being read from when the one before it is done.
            pool.read_all(&files, |done, articles, report| {
                accept(articles, report);
                if let Some((next, _)) = files.get(done + 1) {
                    progress(done + 1, total, next);
                }
            });
            ingested.notes.extend(pool.into_notes());
        }
    }
    ingested
}

/// Reads the archive's `sources.toml` into `ingested.outlets`, and says so (or what is wrong
/// with it) in its notes.
fn read_outlets(file: &Path, ingested: &mut Ingested) {
    match outlets::read_sources_file(file) {
        Ok(rules) => {
            ingested.notes.push(format!(
                "{}: {} outlet(s) named, their spellings counted under them",
                file.display(),
                rules.outlets.len()
            ));
            ingested.outlets.outlets.extend(rules.outlets);
        }
        Err(e) => ingested.notes.push(format!(
            "{} not read ({e}); sources are grouped by the archive's evidence alone",
            file.display()
        )),
    }
}

/// Ingests `paths` and builds the index bytes of the articles found, as the CLI does (the
/// tests' way to an index of a folder).
pub fn build_index(paths: &[PathBuf]) -> (Vec<u8>, Ingested) {
    let ingested = ingest_paths_with(paths, &IngestOptions::default(), |_, _, _| {});
    let index = index_articles_with(ingested.articles.clone(), &ingested.outlets);
    (index, ingested)
}

/// The index bytes of `articles`: Hangul terms divided by the Korean lexicon (`jikji_korean`),
/// so search tells 창업 in 해외창업 from 비자 in 소비자. Every index is built here.
pub fn index_articles(articles: Vec<Article>) -> Vec<u8> {
    index_articles_with(articles, &OutletRules::default())
}

/// [`index_articles`], with the outlets the archive names itself (its `sources.toml`).
pub fn index_articles_with(articles: Vec<Article>, outlets: &OutletRules) -> Vec<u8> {
    let mut builder = IndexBuilder::from_articles_with(articles, jikji_korean::Lexicon::embedded());
    builder.set_outlets(outlets.clone());
    builder.finish_with(jikji_korean::Lexicon::embedded())
}

/// Ingests `paths` (as [`ingest_paths_with`]) and writes the index of the articles to `sink` as
/// they are read ([`IndexWriter`]): the bytes [`index_articles`] gives of the same articles,
/// built with no more than a batch of articles (about [`INDEX_BATCH_BYTES`] of text) and the
/// postings in memory. Returns the reports (no articles), the number of articles, and the
/// sink with the index's length; an error is the sink's.
pub fn index_paths_into<S: IndexSink>(
    paths: &[PathBuf],
    options: &IngestOptions,
    sink: S,
) -> std::io::Result<(Ingested, usize, S, u64)> {
    index_paths_in_batches(paths, options, sink, INDEX_BATCH_BYTES)
}

/// The text of the articles indexed together by [`index_paths_into`] (on every core, then
/// written out): 128 MiB, some 40,000 news articles; smaller batches cost time (each run
/// reads its words in context afresh), larger ones memory.
pub const INDEX_BATCH_BYTES: usize = 128 << 20;

/// [`index_paths_into`] with batches of `batch_bytes` of text (the tests' way to many batches).
pub fn index_paths_in_batches<S: IndexSink>(
    paths: &[PathBuf],
    options: &IngestOptions,
    sink: S,
    batch_bytes: usize,
) -> std::io::Result<(Ingested, usize, S, u64)> {
    let lexicon = jikji_korean::Lexicon::embedded();
    let mut writer = IndexWriter::new(sink, lexicon);
    let mut batch: Vec<Article> = Vec::new();
    let mut held = 0;
    let mut failed = None;
    let ingested = ingest_paths_to(
        paths,
        options,
        |_, _, _| {},
        |articles| {
            held += articles
                .iter()
                .map(|a| a.title.len() + a.body.len())
                .sum::<usize>();
            batch.extend(articles);
            if held >= batch_bytes && failed.is_none() {
                held = 0;
                if let Err(e) = writer.add_all(std::mem::take(&mut batch)) {
                    failed = Some(e);
                }
                return_freed_memory();
            }
        },
    );
    if let Some(e) = failed {
        return Err(e);
    }
    writer.add_all(batch)?;
    return_freed_memory();
    writer.set_outlets(ingested.outlets.clone());
    let count = writer.len();
    let (sink, len) = writer.finish(lexicon)?;
    // What finishing held (postings, dictionaries) is let go: before the caller reads the
    // index back, for one.
    return_freed_memory();
    Ok((ingested, count, sink, len))
}

/// Gives back to the system the memory the allocator keeps freed. A batch is indexed on
/// threads of its own, which glibc serves from arenas of their own: what they freed stays
/// with those arenas, where the finish of the index, on this thread, cannot reuse it, and
/// would count twice in the build's peak (as what the finish freed would when the index is
/// read back).
fn return_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free pages of the allocator's own heaps.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// The files a run reads, found in the order they are read, each once.
#[derive(Default)]
struct Collector {
    files: Vec<(PathBuf, Format)>,
    /// The files already taken, by identity (device and inode): a file named twice, or
    /// reached through a link and directly, is read once.
    seen: HashMap<FileId, PathBuf>,
    /// Files of the archive that hold no article (its `sources.toml`), never read as one.
    not_articles: Vec<PathBuf>,
}

impl Collector {
    /// Adds `path` (a file, or a folder read recursively) to the files to read, and reports
    /// what is not read. `named`: the user gave this path (a link to a folder is followed only
    /// then: a link inside a folder may lead back to a parent, and would recurse forever).
    fn collect(&mut self, path: &Path, named: bool, reports: &mut Vec<FileReport>) {
        let mut skip = |reason: String| {
            reports.push(FileReport {
                path: path.to_path_buf(),
                outcome: Outcome::Skipped { reason },
                warnings: vec![],
            })
        };
        let metadata = match fs::symlink_metadata(path) {
            Ok(m) => m,
            Err(e) => return skip(format!("cannot read: {e}")),
        };
        let metadata = if metadata.file_type().is_symlink() {
            match fs::metadata(path) {
                Ok(target) if target.is_dir() && !named => {
                    return skip("a symbolic link to a folder (not followed)".into())
                }
                Ok(target) => target,
                Err(e) => return skip(format!("a symbolic link that leads nowhere ({e})")),
            }
        } else {
            metadata
        };
        if metadata.is_dir() {
            self.collect_folder(path, reports);
        } else if let Some(kind) = special_kind(&metadata) {
            skip(format!("{kind}, not a regular file: not opened"));
        } else if let Some(first) = self.seen.get(&FileId::of(&metadata)) {
            skip(format!("the same file as {} (read once)", first.display()));
        } else if let Some(format) = formats::detect(path, &head_of(path)) {
            self.seen.insert(FileId::of(&metadata), path.to_path_buf());
            self.files.push((path.to_path_buf(), format));
        } else {
            let supported = formats::EXTENSIONS.join(", ");
            skip(format!("unsupported file type (supported: {supported})"));
        }
    }

    fn collect_folder(&mut self, path: &Path, reports: &mut Vec<FileReport>) {
        let mut entries: Vec<PathBuf> = match fs::read_dir(path) {
            Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => {
                return reports.push(FileReport {
                    path: path.to_path_buf(),
                    outcome: Outcome::Skipped {
                        reason: format!("cannot list folder: {e}"),
                    },
                    warnings: vec![],
                })
            }
        };
        entries.sort();
        for entry in entries {
            let hidden = entry
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            if !hidden && !self.not_articles.contains(&entry) {
                self.collect(&entry, false, reports);
            }
        }
    }
}

/// A file's identity: the same for every name and link that leads to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct FileId(u64, u64);

impl FileId {
    #[cfg(unix)]
    fn of(metadata: &fs::Metadata) -> FileId {
        use std::os::unix::fs::MetadataExt;
        FileId(metadata.dev(), metadata.ino())
    }

    /// Without inodes (not Unix), every name counts as a file of its own.
    #[cfg(not(unix))]
    fn of(_metadata: &fs::Metadata) -> FileId {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        FileId(0, NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
    }
}

/// Whether `a` and `b` name the same existing file (through links too): `jikji index` refuses
/// to write its index over one of its inputs.
pub fn same_file(a: &Path, b: &Path) -> bool {
    if let (Ok(a), Ok(b)) = (fs::canonicalize(a), fs::canonicalize(b)) {
        if a == b {
            return true;
        }
    }
    // Hard links have different names but one identity.
    cfg!(unix)
        && match (fs::metadata(a), fs::metadata(b)) {
            (Ok(a), Ok(b)) => FileId::of(&a) == FileId::of(&b),
            _ => false,
        }
}

/// What a file that is neither a regular file nor a folder is ("a named pipe (FIFO)", …);
/// `None` for a regular file. Such files are never opened: a FIFO blocks its reader forever
/// and a device may never end.
fn special_kind(metadata: &fs::Metadata) -> Option<&'static str> {
    if metadata.is_file() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = metadata.file_type();
        if kind.is_fifo() {
            return Some("a named pipe (FIFO)");
        } else if kind.is_char_device() {
            return Some("a character device");
        } else if kind.is_block_device() {
            return Some("a block device");
        } else if kind.is_socket() {
            return Some("a socket");
        }
    }
    Some("a special file")
}

/// Opens `path` for reading if it is a regular file, checked on the open handle (a file
/// swapped for a FIFO or a device after the folder was listed is refused, not read). The open
/// itself never waits: on Unix it is non-blocking, which a FIFO would otherwise need.
fn open_regular(path: &Path) -> std::io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let metadata = file.metadata()?;
    match special_kind(&metadata) {
        None => Ok(file),
        Some(kind) => Err(std::io::Error::other(format!(
            "{kind}, not a regular file: not read"
        ))),
    }
}

/// The bytes of a regular file ([`open_regular`]).
fn read_regular(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut file = open_regular(path)?;
    let mut bytes = Vec::with_capacity(file.metadata().map_or(0, |m| m.len() as usize));
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The first bytes of a file, for [`formats::detect`] (empty when it cannot be read: the
/// extension decides, and reading it later reports the error).
fn head_of(path: &Path) -> Vec<u8> {
    use std::io::Read;
    let mut head = Vec::with_capacity(HEAD_BYTES);
    if let Ok(file) = open_regular(path) {
        let _ = file.take(HEAD_BYTES as u64).read_to_end(&mut head);
    }
    head
}

const HEAD_BYTES: usize = 4096;

/// Reads one file into articles and its report ([`ingest_file_with`], the articles
/// gathered).
pub fn ingest_file(path: &Path) -> (Vec<Article>, FileReport) {
    let mut articles = Vec::new();
    let report = ingest_file_with(path, &mut |piece| articles.extend(piece.articles));
    (report.keep(articles), report)
}

/// [`ingest_file`], the articles held in a [`Pending`] (past its budget, in a temporary file).
pub fn ingest_file_pending(path: &Path) -> (Pending, FileReport) {
    let mut articles = Pending::default();
    let report = ingest_file_with(path, &mut |piece| articles.extend(piece.articles));
    (report.keep_pending(articles), report)
}

/// Some of a file's articles, handed on as they are read ([`ingest_file_with`]).
#[derive(Debug)]
pub struct Piece {
    pub articles: Vec<Article>,
    /// For a file read a piece at a time, how many of its bytes are read; `None` for a file
    /// read whole.
    pub read: Option<u64>,
}

/// Reads one file, handing its articles to `sink` as they are read, and returns its report
/// (a file skipped after some of its articles were handed on keeps none: [`FileReport::keep`]).
/// A JSON Lines, JSON or CSV file larger than [`stream::PIECE`] is read a piece at a time and
/// `sink` is called after each piece, with the articles of that piece (empty if it had
/// none); any other file is read whole and its articles handed on once.
pub fn ingest_file_with(path: &Path, sink: &mut dyn FnMut(Piece)) -> FileReport {
    let names = reading::Names::of(path);
    if let Some(streamed) = stream::read(path, &names, sink) {
        return streamed_report(path, streamed);
    }
    let (articles, report) = read_whole(path, &names);
    sink(Piece {
        articles,
        read: None,
    });
    report
}

/// Reads one file whole: its bytes, its format, the format's reader ([`reading::read`]: one
/// [`reading::Reading`] or a [`reading::Skip`]), then what every file gets — the document
/// format on each article, text kept in no article, the accounting check.
fn read_whole(path: &Path, names: &reading::Names) -> (Vec<Article>, FileReport) {
    let read = read_regular(path)
        .map_err(|e| reading::Skip::Unreadable(e.to_string()))
        .and_then(|bytes| {
            let format = formats::detect(path, &bytes).unwrap_or(Format::Text);
            reading::read(format, bytes, names).map(|reading| (format, reading))
        })
        .and_then(|(format, reading)| finish(format, reading));
    match read {
        Ok((articles, outcome, warnings)) => (
            articles,
            FileReport {
                path: path.to_path_buf(),
                outcome,
                warnings,
            },
        ),
        Err(skip) => (Vec::new(), skipped(path, skip)),
    }
}

/// The report of a file that gives no article.
fn skipped(path: &Path, skip: reading::Skip) -> FileReport {
    FileReport {
        path: path.to_path_buf(),
        outcome: Outcome::Skipped {
            reason: skip.to_string(),
        },
        warnings: skip.into_warnings(),
    }
}

/// The report of a file read a piece at a time ([`stream`]): what [`finish`] gives a records
/// file read whole.
fn streamed_report(path: &Path, streamed: Result<stream::Streamed, reading::Skip>) -> FileReport {
    let streamed = match streamed {
        Ok(streamed) => streamed,
        Err(skip) => return skipped(path, skip),
    };
    let structured::Records {
        mut warnings,
        ledger,
        value_chars,
        ..
    } = streamed.records;
    if streamed.articles == 0 {
        return skipped(
            path,
            reading::Skip::NoArticle {
                chars: value_chars,
                warnings,
            },
        );
    }
    warnings.extend(unaccounted(value_chars, streamed.article_chars, &ledger));
    FileReport {
        path: path.to_path_buf(),
        outcome: Outcome::Read {
            articles: streamed.articles,
            format: streamed.format.name(),
            encoding: streamed.encoding,
            input_chars: value_chars,
            article_chars: streamed.article_chars,
            ledger,
        },
        warnings,
    }
}

/// The warning of a file whose characters do not add up (an ingest bug).
fn unaccounted(input_chars: usize, article_chars: usize, ledger: &Ledger) -> Option<String> {
    (input_chars != article_chars + ledger.chars()).then(|| {
        format!(
            "{} of {input_chars} characters are not accounted for (an ingest bug: please report it with the file)",
            input_chars.abs_diff(article_chars + ledger.chars())
        )
    })
}

/// What every reading gets: the document format on each article, no article a skip, text
/// kept in no article a warning, and the check that every character is accounted for.
fn finish(
    format: Format,
    reading: reading::Reading,
) -> Result<(Vec<Article>, Outcome, Vec<String>), reading::Skip> {
    let reading::Reading {
        mut articles,
        encoding,
        input_chars,
        ledger,
        mut warnings,
        located,
    } = reading;
    if format.is_document() {
        for article in &mut articles {
            if let Some(origin) = &mut article.origin {
                origin.format = Some(format.name().to_owned());
            }
        }
    }
    if articles.is_empty() {
        return Err(reading::Skip::NoArticle {
            chars: input_chars,
            warnings,
        });
    }
    if !format.is_records() {
        warnings.extend(unplaced::warning(&ledger, &articles, located.place()));
    }
    let article_chars = article_ink(&articles);
    warnings.extend(unaccounted(input_chars, article_chars, &ledger));
    let outcome = Outcome::Read {
        articles: articles.len(),
        format: format.name(),
        encoding,
        input_chars,
        article_chars,
        ledger,
    };
    Ok((articles, outcome, warnings))
}

/// The articles of one text file: a newsletter issue, or a single article.
pub fn text_articles(
    file: &str,
    stem: &str,
    text: &str,
    ledger: &mut Ledger,
) -> (Vec<Article>, Vec<String>) {
    text_articles_laid_out(file, stem, text, None, None, ledger)
}

/// Moves the body paragraphs that are one of `captions` (by their letters) to the article's
/// captions, each after the paragraphs it followed.
fn mark_captions(article: &mut Article, captions: &[String]) {
    if captions.is_empty() {
        return;
    }
    let keys: Vec<String> = captions.iter().map(|c| clean::key(c)).collect();
    let mut kept: Vec<&str> = Vec::new();
    let mut found = Vec::new();
    for paragraph in article.body.split("\n\n") {
        if keys.contains(&clean::key(paragraph)) && !clean::key(paragraph).is_empty() {
            found.push(jikji_engine::Caption {
                after_paragraph: kept.len() as u32,
                text: paragraph.to_owned(),
            });
        } else {
            kept.push(paragraph);
        }
    }
    if found.is_empty() {
        return;
    }
    article.body = kept.join("\n\n");
    article.captions.extend(found);
    article.captions.sort_by_key(|c| c.after_paragraph);
}

/// The articles of a newsletter or clipping: split by its table of contents
/// ([`newsletter`]) when that finds two or more, else by its articles' attributions
/// ([`attributed`]), else what the contents found; `None` for text that is one article.
fn collection_articles(
    file: &str,
    stem: &str,
    lines: &[clean::Line],
    wrapping: Option<clean::Wrapping>,
    issued: Option<&str>,
    ledger: &mut Ledger,
) -> Option<Vec<Article>> {
    let mut by_contents = None;
    if let Some(header) = newsletter::detect(lines) {
        let mut own = Ledger::default();
        let articles = newsletter::articles(file, stem, lines, &header, wrapping, &mut own);
        if articles.len() >= 2 {
            ledger.absorb(own);
            return Some(articles);
        }
        by_contents = Some((articles, own));
    }
    if let Some(articles) = attributed::articles(file, stem, lines, wrapping, issued, ledger) {
        return Some(articles);
    }
    let (articles, own) = by_contents?;
    ledger.absorb(own);
    Some(articles)
}

/// [`text_articles`] for text whose wrapping is known (a document reader that joined its
/// lines into paragraphs gives [`clean::Wrapping::OnePerLine`]; `None` detects it), with what
/// the container already says (`given`: an e-mail's subject, sender and date), which fills
/// what the text does not state: the title of a single article, an article's missing source
/// or date.
pub fn text_articles_laid_out(
    file: &str,
    stem: &str,
    text: &str,
    wrapping: Option<clean::Wrapping>,
    given: Option<&frontmatter::FrontMatter>,
    ledger: &mut Ledger,
) -> (Vec<Article>, Vec<String>) {
    let (mut fm, rest, fm_lines, warnings) = frontmatter::split(text);
    if let Some(given) = given {
        if fm.title.is_none() {
            fm.title.clone_from(&given.title);
        }
    }
    for line in text[..text.len() - rest.len()]
        .lines()
        .filter(|l| !l.trim().is_empty())
    {
        ledger.metadata(line);
    }
    let lines = clean::lines(rest, fm_lines + 1);
    // The date the container gives (a mail's Date:) dates an issue whose text states none.
    let issued = given.and_then(|g| g.date.as_deref());
    let mut articles = collection_articles(file, stem, &lines, wrapping, issued, ledger)
        .unwrap_or_else(|| {
            single::article(file, stem, &lines, &fm, wrapping, ledger)
                .into_iter()
                .collect()
        });
    // Front matter overrides what was inferred (the title only for a single article).
    for article in &mut articles {
        let overrides = [
            (&fm.source, &mut article.source),
            (&fm.date, &mut article.date),
            (&fm.author, &mut article.author),
            (&fm.url, &mut article.url),
            (&fm.section, &mut article.section),
            (&fm.collection, &mut article.collection),
        ];
        for (value, slot) in overrides {
            if value.is_some() {
                slot.clone_from(value);
            }
        }
        if let Some(given) = given {
            mark_captions(article, &given.captions);
            let fills = [
                (&given.source, &mut article.source),
                (&given.date, &mut article.date),
                (&given.author, &mut article.author),
                (&given.url, &mut article.url),
            ];
            for (value, slot) in fills {
                if slot.is_none() {
                    slot.clone_from(value);
                }
            }
        }
    }
    (articles, warnings)
}
