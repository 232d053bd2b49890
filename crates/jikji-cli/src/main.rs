//! `jikji`: the command-line face of the archive. It runs the same ingest and engine as the
//! browser app, so what `jikji search` prints is what the app shows.

mod kwic;
mod names;
mod package;
mod trend;

use std::fmt::Write as _;
use std::io::{IsTerminal, Write as _};
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};
use jikji_engine::query::date_bound;
use jikji_engine::{Index, SearchOptions, SearchResults, Sort};
use jikji_ingest::worker::{self, Limits};
use jikji_ingest::{IngestOptions, Isolation, Outcome};
use serde::Serialize;

/// The project's default corpus (the seed archive), used when neither --corpus nor
/// JIKJI_CORPUS names another.
const DEFAULT_CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus");

#[derive(Parser)]
#[command(
    name = "jikji",
    version,
    about = "Search and inspect a Korean news archive (Jikji, 직지)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// How files are read: each in a worker process under a time and a memory limit, so that a
/// file that crashes its reader, loops or allocates without end is skipped with the reason
/// and the rest goes on.
#[derive(clap::Args, Clone, Copy)]
struct FileLimits {
    /// Skip a file whose reading takes longer than this (e.g. 60s, 500ms, 2m). A JSON Lines,
    /// JSON or CSV file larger than 16 MiB is read 16 MiB at a time, and the limit applies to each
    /// piece: a large file that keeps making progress is not stopped
    #[arg(
        long,
        value_name = "TIME",
        env = "JIKJI_FILE_TIMEOUT",
        default_value = "60s",
        value_parser = worker::parse_duration
    )]
    file_timeout: Duration,
    /// Skip a file whose reading needs more memory than this (e.g. 2GiB, 512MiB). A large
    /// JSON Lines, JSON or CSV file needs memory for one piece at a time; a text file is read whole
    /// and needs about 10 times its size
    #[arg(
        long,
        value_name = "SIZE",
        env = "JIKJI_FILE_MEMORY",
        default_value = "2GiB",
        value_parser = worker::parse_bytes
    )]
    file_memory: u64,
    /// Read the files in this process, without the limits: a file that crashes a reader ends
    /// the run (for measuring what isolation costs)
    #[arg(long)]
    in_process: bool,
}

impl FileLimits {
    fn options(self) -> IngestOptions {
        let isolation = if self.in_process {
            Isolation::InProcess
        } else {
            Isolation::Worker(Limits {
                file_timeout: self.file_timeout,
                file_memory: self.file_memory,
            })
        };
        IngestOptions { isolation }
    }
}

impl Default for FileLimits {
    fn default() -> FileLimits {
        let limits = Limits::default();
        FileLimits {
            file_timeout: limits.file_timeout,
            file_memory: limits.file_memory,
            in_process: false,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum SortArg {
    Relevance,
    Newest,
    Oldest,
}

impl From<SortArg> for Sort {
    fn from(sort: SortArg) -> Sort {
        match sort {
            SortArg::Relevance => Sort::Relevance,
            SortArg::Newest => Sort::Newest,
            SortArg::Oldest => Sort::Oldest,
        }
    }
}

/// The formats of `search --format`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ExportFormat {
    Csv,
    Jsonl,
    Csljson,
    Ris,
    Bibtex,
}

impl From<ExportFormat> for jikji_export::Format {
    fn from(format: ExportFormat) -> jikji_export::Format {
        match format {
            ExportFormat::Csv => jikji_export::Format::Csv,
            ExportFormat::Jsonl => jikji_export::Format::JsonLines,
            ExportFormat::Csljson => jikji_export::Format::CslJson,
            ExportFormat::Ris => jikji_export::Format::Ris,
            ExportFormat::Bibtex => jikji_export::Format::Bibtex,
        }
    }
}

/// A full date (`YYYY-MM-DD`), for `--accessed`.
fn parse_accessed(text: &str) -> Result<jikji_export::Date, String> {
    jikji_export::Date::parse(text)
        .filter(|d| d.day.is_some())
        .ok_or_else(|| format!("{text:?} is not a date (YYYY-MM-DD)"))
}

#[derive(Subcommand)]
enum Command {
    /// Search the archive and print ranked hits with snippets.
    ///
    /// Every word must match. A word also finds its particle forms (중관춘 → 중관춘은), the
    /// compounds it is part of (창업 → 해외창업), its aliases stated in the archive (핀둬둬 →
    /// 拼多多), and — when it finds little — words one letter apart (중관촌 → 중관춘). A query of
    /// initial consonants (ㅈㄱㅊ) matches words by their initials.
    ///
    /// Query language: "exact phrase", -exclude, a | b (or a OR b), source:36kr,
    /// date:2020-08 or date:2020-08-01..2020-08-31. An empty query ("") lists all articles.
    Search(SearchArgs),
    /// Print how many articles each query finds per month (per year over more than four
    /// years), as CSV: the month, then one column per query.
    ///
    /// The counts are the search's own (every form of the word, its compounds and aliases;
    /// not words one letter apart), under the same source and date filters for every query.
    /// Undated articles are in no month.
    Trend(trend::TrendArgs),
    /// Print every occurrence of the query's words in context (a concordance, KWIC), one a
    /// line: the article's id, the text before, the match, the text after (tab-separated).
    ///
    /// An occurrence is what the reader highlights: every form of the word (창업 in
    /// 창업자들이), its compounds, its aliases. The articles are the search's, in its order.
    Kwic(kwic::KwicArgs),
    /// The articles most like one article, found when the archive is indexed: by the words
    /// most distinctive of it (TF-IDF against the archive), with the shared words as the
    /// reason. The other versions of its story (reprints) are not listed.
    Related(RelatedArgs),
    /// Write a generated archive of Korean news articles (JSON Lines), for benchmarks: learned
    /// from the corpus's articles, deterministic by seed.
    Generate(GenerateArgs),
    /// Print the alias groups mined from the archive (spellings that find each other).
    Aliases(AliasesArgs),
    /// Print the archive's names, most named first: the alias groups it states and the proper
    /// nouns of the Korean dictionary named in two articles or more, each with its spellings,
    /// the articles naming it (as search counts them) and the names most often in the same
    /// articles.
    Names(names::NamesArgs),
    /// Print the archive's outlets: each with the spellings of its name the articles use,
    /// how many articles each has, and why a spelling is counted under the outlet (the same
    /// letters, the same original name in parentheses or in Hanzi, an alias the archive
    /// states, or the archive's sources.toml).
    Sources(AliasesArgs),
    /// Read archive files and print the articles found in them.
    ///
    /// Text files (.txt, .md; UTF-8, UTF-16 or CP949) hold one article, or a newsletter
    /// issue that is split into its articles; .json, .jsonl and .csv files hold records; PDF
    /// (text layer), DOCX, ODT, HWPX and HWP, saved pages (HTML, MHTML), e-mail (.eml, .mbox) and feeds (RSS,
    /// Atom, JSON Feed) are read too, a file's type told by its first bytes, then its extension. Folders
    /// are read recursively. Each file is read in a worker process under --file-timeout and
    /// --file-memory: a file that crashes its reader, runs too long or needs too much memory is
    /// skipped with the reason, and the rest goes on. Named pipes, devices and sockets are
    /// never opened; a file reached by two names is read once. The per-file report (articles,
    /// format and encoding, dropped furniture, skipped files and why) goes to stderr. Exits
    /// non-zero only when no article could be read.
    Ingest(IngestArgs),
    /// Finish a release build for publishing, with an archive: index the archive (printing
    /// the ingest report) and write its index beside the app, split into the parts the app
    /// fetches (DIST/texts/<id>/: the core, the article texts, the blocks); move the bootstrap
    /// out of index.html (so the site runs under a strict Content-Security-Policy); write
    /// embed.js (to mount the app into a host page's element) and one self-contained HTML file
    /// (app, index and articles inline) to open offline with a double click.
    Package(PackageArgs),
    /// Build the index file of an archive (what `package` splits for the app), and print the
    /// ingest report.
    Index(IndexArgs),
}

/// The flags of `jikji search`.
#[derive(clap::Args)]
struct SearchArgs {
    /// Folder (or file) of the archive [default: $JIKJI_CORPUS, else the project's corpus/]
    #[arg(long, value_name = "DIR")]
    corpus: Option<PathBuf>,
    /// Print at most N hits [default: 10; with --format, all]
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    /// Skip the first N hits (paging)
    #[arg(long, value_name = "N", default_value_t = 0)]
    offset: usize,
    #[command(flatten)]
    filters: Filters,
    /// Order of the hits
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    sort: SortArg,
    /// Print {"total", "stories", "hits": [{"id", "title", "source", "date", "score",
    /// "snippet", "highlights", "matched", "versions"}], "facets": {"source": {..},
    /// "month": {..}, "undated"}, "suggestions"}; a reprinted story is one hit, the ids of
    /// its other matching versions in "versions"
    #[arg(long)]
    json: bool,
    /// Every article its own hit: the versions of a reprinted story are not grouped
    /// (exports with --format never group them)
    #[arg(long)]
    no_group: bool,
    /// Write the hits (all of them unless --limit) for other tools: csv (UTF-8 with a BOM,
    /// for spreadsheets: id, title, source, date, url, file, snippet), jsonl (one article a
    /// line), csljson (CSL-JSON, for Zotero and Pandoc), ris, bibtex
    #[arg(long, value_enum, value_name = "FORMAT", conflicts_with_all = ["json", "queries"])]
    format: Option<ExportFormat>,
    /// With --format, the whole text of each article in place of its snippet
    #[arg(long, requires = "format")]
    full_text: bool,
    /// With --format, the access date the citation formats give (YYYY-MM-DD)
    /// [default: today, UTC]
    #[arg(long, value_name = "DATE", requires = "format", value_parser = parse_accessed)]
    accessed: Option<jikji_export::Date>,
    /// Run every query of FILE against one index, in order: one query a line, as
    /// `ID<TAB>QUERY` or a bare query whose id is its line number (from 1); blank lines
    /// are skipped. With --json, prints one JSON object a line (JSON Lines):
    /// {"id", "query", "total", "hits", "suggestions"}, as for a single query. The other flags
    /// apply to every query (--limit and --offset to each one's hits).
    #[arg(long, value_name = "FILE", conflicts_with = "query")]
    queries: Option<PathBuf>,
    #[command(flatten)]
    limits: FileLimits,
    /// The query (several words may be given without quotes)
    #[arg(
        required_unless_present = "queries",
        num_args = 1..,
        value_name = "QUERY"
    )]
    query: Vec<String>,
}

/// The flags of `jikji related`.
#[derive(clap::Args)]
struct RelatedArgs {
    /// Folder (or file) of the archive [default: $JIKJI_CORPUS, else the project's corpus/]
    #[arg(long, value_name = "DIR")]
    corpus: Option<PathBuf>,
    /// Only articles dated within a year of it
    #[arg(long)]
    within_a_year: bool,
    /// Print [{"id", "title", "score", "reason": [words]}]
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    limits: FileLimits,
    /// The article's id (as `jikji search` prints it)
    #[arg(value_name = "ID")]
    id: String,
}

/// The flags of `jikji generate`.
#[derive(clap::Args)]
struct GenerateArgs {
    /// Number of articles
    #[arg(long, value_name = "N")]
    count: usize,
    /// The same seed gives the same archive on every machine
    #[arg(long, value_name = "SEED", default_value_t = 2026)]
    seed: u64,
    /// Articles to learn from [default: $JIKJI_CORPUS, else the project's corpus/]
    #[arg(long, value_name = "DIR")]
    corpus: Option<PathBuf>,
    /// Where to write the JSON Lines
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

/// The flags of `jikji aliases`.
#[derive(clap::Args)]
struct AliasesArgs {
    /// Folder (or file) of the archive [default: $JIKJI_CORPUS, else the project's corpus/]
    #[arg(long, value_name = "DIR")]
    corpus: Option<PathBuf>,
    /// Print a JSON array of groups
    #[arg(long)]
    json: bool,
}

/// The flags of `jikji ingest`.
#[derive(clap::Args)]
struct IngestArgs {
    /// Print a JSON array of {"id", "title", "source", "date", "section", "collection",
    /// "author", "body", "origin": {"file", "line_start", "line_end", "format" (documents)}}
    #[arg(long)]
    json: bool,
    /// Files or folders to read
    #[arg(required = true, num_args = 1.., value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    limits: FileLimits,
}

/// The flags of `jikji package`.
#[derive(clap::Args)]
struct PackageArgs {
    /// The release build (Trunk's output)
    #[arg(long, value_name = "DIR", default_value = "dist")]
    dist: PathBuf,
    /// Where to write the file [default: DIST/jikji.html]
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Folder (or file) of the archive [default: $JIKJI_CORPUS, else the project's corpus/]
    #[arg(long, value_name = "DIR", conflicts_with = "index")]
    corpus: Option<PathBuf>,
    /// An index `jikji index` wrote, instead of indexing the archive again
    #[arg(long, value_name = "FILE")]
    index: Option<PathBuf>,
    /// Above this many MB of index (compressed), the single file keeps it in an archive
    /// file beside it (`jikji.archive`), which the page asks for once
    #[arg(long, value_name = "MB", default_value_t = package::SINGLE_FILE_MAX_PARTS / 1_000_000)]
    single_file_max: usize,
    /// Up to this many kB of text chunk addresses, the index's core holds them; above, they
    /// are blocks fetched before the texts they name (a round trip less for the first
    /// results of a small archive, a core that does not grow for a large one)
    #[arg(long, value_name = "KB", default_value_t = jikji_engine::CORE_ADDRESSES_MAX / 1024)]
    core_addresses_max: usize,
    /// How the static site's parts reach the browser: each its own file, or one archive
    /// file read with HTTP Range requests (for hosts that cap the number of files; the
    /// host must answer ranges with 206)
    #[arg(long, value_enum, default_value_t = package::Transport::Files)]
    transport: package::Transport,
    /// The archive's name, the same for every build of it: a browser keeps what a reader
    /// saved (searches, articles read) under it [default: the archive folder's name]
    #[arg(long, value_name = "NAME", env = "JIKJI_ARCHIVE_ID")]
    archive_id: Option<String>,
    #[command(flatten)]
    limits: FileLimits,
}

/// The flags of `jikji index`.
#[derive(clap::Args)]
struct IndexArgs {
    /// Folder (or file) of the archive [default: $JIKJI_CORPUS, else the project's corpus/]
    #[arg(long, value_name = "DIR")]
    corpus: Option<PathBuf>,
    /// Where to write the index (never one of the archive's files)
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    #[command(flatten)]
    limits: FileLimits,
}

fn main() -> Result<()> {
    // A worker reading files for an ingest run started by this program serves it and exits.
    worker::run_if_worker();
    match Cli::parse().command {
        Command::Search(args) => search(args)?,
        Command::Generate(args) => generate(args)?,
        Command::Trend(args) => trend::run(args)?,
        Command::Kwic(args) => kwic::run(args)?,
        Command::Related(args) => related(args)?,
        Command::Aliases(args) => aliases(args)?,
        Command::Names(args) => names::run(args)?,
        Command::Sources(args) => sources(args)?,
        Command::Ingest(args) => ingest(args)?,
        Command::Package(args) => package(args)?,
        Command::Index(args) => index(args)?,
    }
    Ok(())
}

/// Prints each section's size, and what the browser gets of it: the core, and the text chunks
/// and postings blocks it fetches when needed.
/// `jikji search`: one query, or a file of them, against the archive; hits as text, JSON or an export format.
fn search(args: SearchArgs) -> Result<()> {
    let SearchArgs {
        corpus,
        limit,
        offset,
        filters,
        sort,
        json,
        format,
        full_text,
        accessed,
        queries,
        query,
        limits,
        no_group,
    } = args;
    // An export takes every hit; a listing, a page of them.
    let limit = limit.unwrap_or(if format.is_some() { usize::MAX } else { 10 });
    // The queries file is read before the corpus is indexed, so a wrong path fails at
    // once.
    let batch = queries.as_deref().map(read_queries).transpose()?;
    let index = open_corpus(corpus, limits)?;
    let options = filters.apply(SearchOptions {
        limit,
        offset,
        sort: sort.into(),
        undated: false,
        matched_words: true,
        snippets: true,
        group_reprints: !no_group && format.is_none(),
        ..SearchOptions::default()
    })?;
    let Some(batch) = batch else {
        let query = query.join(" ");
        let results = search_finished(&index, &query, &options, "");
        let output = match format {
            Some(format) => {
                let text = if full_text {
                    jikji_export::Text::Full
                } else {
                    jikji_export::Text::Snippet
                };
                let accessed = Some(accessed.unwrap_or_else(today));
                export(
                    &index,
                    &results,
                    format.into(),
                    &jikji_export::Options { text, accessed },
                )
            }
            None if json => {
                serde_json::to_string_pretty(&results_json(&index, &query, &results))? + "\n"
            }
            None => format_results(&index, &query, &results),
        };
        print_out(&output)?;
        return Ok(());
    };
    search_batch(&index, &batch, &options, json)
}

/// The results of `query` as typed at a prompt: finished (its last word is not being typed);
/// its malformed dates are warned about on stderr (`which` names the query of a batch).
fn search_finished(
    index: &Index<Vec<u8>>,
    query: &str,
    options: &SearchOptions,
    which: &str,
) -> SearchResults {
    for warning in malformed_dates(query) {
        eprintln!("warning: {which}{warning}");
    }
    index.search(&format!("{query} "), options)
}

/// `jikji search --queries FILE`: each query's answer, a JSON line or a listing under its id,
/// written as soon as it is known, so a long batch shows progress and a closed pipe stops it.
fn search_batch(
    index: &Index<Vec<u8>>,
    batch: &[BatchQuery],
    options: &SearchOptions,
    json: bool,
) -> Result<()> {
    for (n, q) in batch.iter().enumerate() {
        let results = search_finished(index, &q.query, options, &format!("query {}: ", q.id));
        let output = if json {
            let all = results_json(index, &q.query, &results);
            let line = JsonBatchLine {
                id: &q.id,
                query: &q.query,
                total: all.total,
                hits: all.hits,
                suggestions: all.suggestions,
            };
            serde_json::to_string(&line)? + "\n"
        } else {
            let gap = if n == 0 { "" } else { "\n" };
            format!(
                "{gap}=== {} ===\n{}",
                q.id,
                format_results(index, &q.query, &results)
            )
        };
        if !print_out(&output)? {
            break;
        }
    }
    Ok(())
}

/// `jikji related`: the articles most like one article.
fn related(args: RelatedArgs) -> Result<()> {
    let RelatedArgs {
        corpus,
        within_a_year,
        json,
        limits,
        id,
    } = args;
    let index = open_corpus(corpus, limits)?;
    let doc = index
        .doc_by_id(&id)
        .with_context(|| format!("no article with the id {id:?} in the archive"))?;
    let related = index
        .related_articles(doc, within_a_year)
        .map_err(|e| anyhow::anyhow!("the related articles of {id:?}: {e}"))?;
    let rows: Vec<JsonRelated> = related
        .iter()
        .filter_map(|r| {
            let a = index.article(r.doc)?;
            Some(JsonRelated {
                id: &a.id,
                title: &a.title,
                score: r.score,
                reason: &r.reason,
            })
        })
        .collect();
    let output = if json {
        serde_json::to_string_pretty(&rows)? + "\n"
    } else if rows.is_empty() {
        format!("no article is like {id} in this archive\n")
    } else {
        rows.iter()
            .enumerate()
            .map(|(n, r)| {
                format!(
                    "{}. {}  [{}]  (score {:.2})\n   same words: {}\n",
                    n + 1,
                    shown(r.title),
                    shown(r.id),
                    r.score,
                    shown(&r.reason.join(", "))
                )
            })
            .collect()
    };
    print_out(&output)?;
    Ok(())
}

/// `jikji generate`: a generated archive, learned from the corpus.
fn generate(args: GenerateArgs) -> Result<()> {
    let GenerateArgs {
        count,
        seed,
        corpus,
        out,
    } = args;
    let corpus = corpus_path(corpus);
    let learned = jikji_ingest::ingest_paths_with(
        std::slice::from_ref(&corpus),
        &FileLimits::default().options(),
        |_, _, _| {},
    )
    .articles;
    if learned.is_empty() {
        bail!("no article to learn from in {}", corpus.display());
    }
    let model = jikji_ingest::generate::Model::learn(&learned);
    let file =
        std::fs::File::create(&out).with_context(|| format!("creating {}", out.display()))?;
    let mut writer = std::io::BufWriter::new(file);
    for n in 0..count {
        serde_json::to_writer(&mut writer, &model.article(seed, n))?;
        writer.write_all(b"\n")?;
    }
    writer.flush()?;
    eprintln!("{count} articles (seed {seed}) → {}", out.display());
    Ok(())
}

/// `jikji aliases`: the alias groups mined from the archive.
fn aliases(args: AliasesArgs) -> Result<()> {
    let AliasesArgs { corpus, json } = args;
    let index = open_corpus(corpus, FileLimits::default())?;
    let groups = index.alias_groups();
    let output = if json {
        serde_json::to_string_pretty(groups)? + "\n"
    } else {
        groups.iter().map(|g| g.join(" = ") + "\n").collect()
    };
    print_out(&output)?;
    Ok(())
}

/// `jikji sources`: the outlets, their spellings, and why each spelling is under its outlet.
fn sources(args: AliasesArgs) -> Result<()> {
    let AliasesArgs { corpus, json } = args;
    let index = open_corpus(corpus, FileLimits::default())?;
    let every = index.search("", &SearchOptions::default());
    // An outlet's count is the facet's; a spelling's is its own where the outlet has several.
    let find = |counts: &[(String, usize)], name: &str| {
        counts
            .iter()
            .find(|(n, _)| n == name)
            .map_or(0, |(_, n)| *n)
    };
    let outlet_count = |outlet: &str| find(&every.facets.sources, outlet);
    let spelling_count = |outlet: &str, spelling: &str| match every
        .facets
        .spellings
        .iter()
        .find(|(name, _)| name == outlet)
    {
        Some((_, spellings)) => find(spellings, spelling),
        None => outlet_count(outlet),
    };
    let outlets: Vec<serde_json::Value> = index
        .outlets()
        .into_iter()
        .map(|outlet| {
            let spellings: Vec<serde_json::Value> = outlet
                .spellings
                .iter()
                .map(|(spelling, why)| {
                    serde_json::json!({
                        "spelling": spelling,
                        "articles": spelling_count(&outlet.name, spelling),
                        "why": why.describe(),
                    })
                })
                .collect();
            serde_json::json!({
                "outlet": outlet.name,
                "articles": outlet_count(&outlet.name),
                "spellings": spellings,
            })
        })
        .collect();
    let output = if json {
        serde_json::to_string_pretty(&outlets)? + "\n"
    } else {
        outlets.iter().map(outlet_lines).collect()
    };
    print_out(&output)?;
    Ok(())
}

/// An outlet as `jikji sources` prints it: its name and count, then a spelling a line (when
/// it has more than its name).
fn outlet_lines(outlet: &serde_json::Value) -> String {
    let mut out = format!(
        "{}\t{}\n",
        outlet["outlet"].as_str().unwrap_or(""),
        outlet["articles"]
    );
    let spellings = outlet["spellings"]
        .as_array()
        .map_or(&[][..], Vec::as_slice);
    if spellings.len() > 1 || spellings.iter().any(|s| s["spelling"] != outlet["outlet"]) {
        for s in spellings {
            out += &format!(
                "    {}\t{}\t{}\n",
                s["spelling"].as_str().unwrap_or(""),
                s["articles"],
                s["why"].as_str().unwrap_or("")
            );
        }
    }
    out
}

/// `jikji ingest`: the articles found in files, with the ingest report.
fn ingest(args: IngestArgs) -> Result<()> {
    let IngestArgs {
        json,
        paths,
        limits,
    } = args;
    // A progress line on a terminal, for archives of many files.
    let show = std::io::stderr().is_terminal();
    let ingested =
        jikji_ingest::ingest_paths_with(&paths, &limits.options(), |done, total, path| {
            if show && total > 1 {
                eprint!("\r\x1b[2Kreading {}/{total} {}", done + 1, path.display());
            }
        });
    if show {
        eprint!("\r\x1b[2K");
    }
    report(&ingested, true);
    if ingested.articles.is_empty() {
        bail!("no article could be read from {}", display_paths(&paths));
    }
    let output = if json {
        serde_json::to_string_pretty(&ingested.articles)? + "\n"
    } else {
        format_articles(&ingested.articles)
    };
    print_out(&output)?;
    Ok(())
}

/// `jikji package`: the archive's index beside a release build, the single file, the transport.
fn package(args: PackageArgs) -> Result<()> {
    let PackageArgs {
        dist,
        out,
        corpus,
        index,
        single_file_max,
        core_addresses_max,
        transport,
        archive_id,
        limits,
    } = args;
    let archive = package::archive_id(
        archive_id.as_deref(),
        index.as_deref().unwrap_or(&corpus_path(corpus.clone())),
    );
    let bytes = match index {
        Some(file) => {
            std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?
        }
        // Built into a file as the archive is read, then read whole: the archive and
        // the index are never in memory together.
        None => {
            let built = dist.join(".jikji-index.bin");
            write_index_file(corpus, limits, &built)?;
            let bytes =
                std::fs::read(&built).with_context(|| format!("reading {}", built.display()))?;
            std::fs::remove_file(&built)
                .with_context(|| format!("removing {}", built.display()))?;
            bytes
        }
    };
    report_outlets(&bytes)?;
    let core_addresses_max = core_addresses_max.saturating_mul(1024);
    let (id, parts, packed) = package::write_index(&dist, &bytes, &archive, core_addresses_max)?;
    eprintln!(
        "{}: the index in {parts} parts (core, article texts, blocks), {:.1} MB gzip-compressed",
        dist.join("texts").join(&id).display(),
        packed as f64 / 1e6
    );
    package::externalize_boot(&dist)?;
    package::write_embed(&dist, (&id, &archive), None)?;
    let out = out.unwrap_or_else(|| dist.join("jikji.html"));
    let max_parts = single_file_max.saturating_mul(1_000_000);
    match package::bundle(&dist, (&id, &archive), &out, max_parts)? {
        package::Bundle::OneFile(size) => eprintln!(
            "{} ({:.1} MB): one file, works offline from file://",
            out.display(),
            size as f64 / 1e6
        ),
        package::Bundle::WithArchive(size, archive, archive_size) => eprintln!(
            "{} ({:.1} MB) and {} ({:.1} MB): works offline from file://; the index is \
             over {single_file_max} MB (--single-file-max), so it is kept in the archive \
             file beside the page, which the page asks for once and reads a part at a \
             time (a large page would be slow to open)",
            out.display(),
            size as f64 / 1e6,
            archive.display(),
            archive_size as f64 / 1e6
        ),
    }
    if transport == package::Transport::Files {
        package::publish_chunks_by_address(&dist, &id)?;
    }
    if transport == package::Transport::Archive {
        let file = package::publish_as_archive(&dist, (&id, &archive))?;
        eprintln!(
            "{}: the site reads its index from this one file ({:.1} MB) with HTTP Range \
             requests (--transport archive); publish it on a host that answers them",
            dist.join("texts")
                .join(&id)
                .join(package::SITE_ARCHIVE_FILE)
                .display(),
            file.size as f64 / 1e6
        );
    }
    eprintln!("archive id: {archive} (what readers keep in their browsers is kept under it)");
    Ok(())
}

/// `jikji index`: the index file of an archive, and its layout.
fn index(args: IndexArgs) -> Result<()> {
    let IndexArgs {
        corpus,
        out,
        limits,
    } = args;
    let (articles, len) = write_index_file(corpus, limits, &out)?;
    eprintln!("{articles} articles, {len} bytes → {}", out.display());
    let bytes = std::fs::read(&out).with_context(|| format!("reading {}", out.display()))?;
    report_outlets(&bytes)?;
    print_layout(&bytes)?;
    Ok(())
}

/// The ingest report's word on the sources: how many spellings counted under how many
/// outlets, and each outlet counted under several with its spellings and why (`jikji sources`
/// lists every one).
fn report_outlets(bytes: &[u8]) -> Result<()> {
    let index = jikji_engine::Index::open(bytes)?;
    let outlets = index.outlets();
    let spellings: usize = outlets.iter().map(|o| o.spellings.len()).sum();
    eprintln!("sources: {spellings} spellings, {} outlets", outlets.len());
    for outlet in outlets
        .iter()
        .filter(|o| o.spellings.iter().any(|(s, _)| *s != o.name))
    {
        let merged: Vec<String> = outlet
            .spellings
            .iter()
            .filter(|(spelling, _)| *spelling != outlet.name)
            .map(|(spelling, why)| format!("{spelling} ({})", why.describe()))
            .collect();
        eprintln!("  {} ← {}", outlet.name, merged.join(", "));
    }
    Ok(())
}

fn print_layout(bytes: &[u8]) -> Result<()> {
    let index = jikji_engine::Index::open(bytes)?;
    let sections: Vec<String> = index
        .section_sizes()
        .into_iter()
        .map(|(name, size)| format!("{name} {size}"))
        .collect();
    eprintln!("sections (bytes): {}", sections.join(", "));
    let split = jikji_engine::split(bytes)?;
    let of_kind = |kind: fn(&jikji_engine::Block) -> bool| {
        let sizes: Vec<usize> = split
            .blocks
            .iter()
            .filter(|(b, _)| kind(b))
            .map(|(_, bytes)| bytes.len())
            .collect();
        let largest = sizes.iter().max().copied().unwrap_or(0);
        format!("{} (largest {largest} bytes)", sizes.len())
    };
    use jikji_engine::Block;
    eprintln!(
        "split for the browser: core {} bytes; {} text chunks; blocks: postings {}, positions {}, terms {}, compounds {}, letters {}, ids {}, related {}, names {}, chunk addresses {}",
        split.core.len(),
        split.chunks.len(),
        of_kind(|b| matches!(b, Block::Postings(_))),
        of_kind(|b| matches!(b, Block::Positions(_))),
        of_kind(|b| matches!(b, Block::Terms(_))),
        of_kind(|b| matches!(b, Block::Suffixes(_))),
        of_kind(|b| matches!(b, Block::Letters(_))),
        of_kind(|b| matches!(b, Block::Ids(_))),
        of_kind(|b| matches!(b, Block::Related(_))),
        of_kind(|b| matches!(b, Block::Names(_))),
        of_kind(|b| matches!(b, Block::Addresses(_))),
    );
    Ok(())
}

/// The filters of every command that searches: sources and dates.
#[derive(clap::Args, Clone, Default)]
struct Filters {
    /// Only articles from this source (repeat for any of several; matched by containment)
    #[arg(long = "source", value_name = "S")]
    sources: Vec<String>,
    /// Only articles dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Only articles dated on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
}

impl Filters {
    /// Search options with these filters (the others as `base` has them), or why a date is
    /// not one.
    fn apply(self, base: SearchOptions) -> Result<SearchOptions> {
        Ok(SearchOptions {
            from: date_option(self.from.as_deref(), false)?,
            to: date_option(self.to.as_deref(), true)?,
            sources: self.sources,
            ..base
        })
    }
}

/// A date flag as the bound of a filter (`end`: the last day it names), or why it is not a
/// date.
fn date_option(value: Option<&str>, end: bool) -> Result<Option<String>> {
    value
        .map(|v| {
            date_bound(v, end)
                .with_context(|| format!("{v:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"))
        })
        .transpose()
}

fn corpus_path(flag: Option<PathBuf>) -> PathBuf {
    flag.or_else(|| std::env::var_os("JIKJI_CORPUS").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from(DEFAULT_CORPUS))
}

/// Ingests and indexes the corpus in memory (to search it); the report of the skipped files
/// goes to stderr.
fn index_corpus(flag: Option<PathBuf>, limits: FileLimits) -> Result<Vec<u8>> {
    let corpus = corpus_path(flag);
    let ingested = jikji_ingest::ingest_paths_with(
        std::slice::from_ref(&corpus),
        &limits.options(),
        |_, _, _| {},
    );
    report(&ingested, false);
    if ingested.articles.is_empty() {
        bail!("no article could be read from {}", corpus.display());
    }
    Ok(jikji_ingest::index_articles_with(
        ingested.articles,
        &ingested.outlets,
    ))
}

/// Ingests the corpus and writes its index to `out` as the articles are read
/// (`jikji_ingest::index_paths_into`: the archive is never in memory whole); returns the
/// number of articles and the index's length. The index is written to a file beside `out`,
/// created once the archive's files are listed (so it is never one of them), and renamed to
/// `out` when whole; an `out` that is one of the archive's files is refused, and left as it
/// was.
fn write_index_file(
    flag: Option<PathBuf>,
    limits: FileLimits,
    out: &std::path::Path,
) -> Result<(usize, u64)> {
    let corpus = corpus_path(flag);
    refuse_input(out, std::slice::from_ref(&corpus))?;
    let name = out
        .file_name()
        .with_context(|| format!("{} names no file", out.display()))?;
    let partial = out.with_file_name(format!(".{}.partial", name.to_string_lossy()));
    let written = jikji_ingest::index_paths_into(
        std::slice::from_ref(&corpus),
        &limits.options(),
        OpenedOnFirstUse::new(partial.clone()),
    );
    let result = written
        .with_context(|| format!("writing the index to {}", partial.display()))
        .and_then(|(ingested, count, sink, len)| {
            drop(sink);
            report(&ingested, true);
            let inputs: Vec<PathBuf> = ingested.files.iter().map(|f| f.path.clone()).collect();
            refuse_input(out, &inputs)?;
            if count == 0 {
                bail!("no article could be read from {}", corpus.display());
            }
            std::fs::rename(&partial, out)
                .with_context(|| format!("renaming {} to {}", partial.display(), out.display()))?;
            Ok((count, len))
        });
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}

/// A file created at its first read, write or seek (see `write_index_file`).
struct OpenedOnFirstUse {
    path: PathBuf,
    file: Option<std::fs::File>,
}

impl OpenedOnFirstUse {
    fn new(path: PathBuf) -> Self {
        OpenedOnFirstUse { path, file: None }
    }

    fn file(&mut self) -> std::io::Result<&mut std::fs::File> {
        if self.file.is_none() {
            let file = std::fs::File::options()
                .read(true)
                .write(true)
                .create(true)
                .truncate(true)
                .open(&self.path)?;
            self.file = Some(file);
        }
        Ok(self.file.as_mut().expect("opened above"))
    }
}

impl std::io::Read for OpenedOnFirstUse {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.file()?.read(buf)
    }
}

impl std::io::Write for OpenedOnFirstUse {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.file()?.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file()?.flush()
    }
}

impl std::io::Seek for OpenedOnFirstUse {
    fn seek(&mut self, at: std::io::SeekFrom) -> std::io::Result<u64> {
        self.file()?.seek(at)
    }
}

/// An error when `out` is one of `inputs` (by identity: through links and other names too),
/// so that an index never overwrites the archive it was built from.
fn refuse_input(out: &std::path::Path, inputs: &[PathBuf]) -> Result<()> {
    if let Some(input) = inputs.iter().find(|i| jikji_ingest::same_file(out, i)) {
        bail!(
            "refusing to write the index to {}: it is the archive's file {}; give --out a path outside the archive's files",
            out.display(),
            input.display()
        );
    }
    Ok(())
}

/// The corpus indexed in memory, ready to search.
fn open_corpus(flag: Option<PathBuf>, limits: FileLimits) -> Result<Index<Vec<u8>>> {
    Ok(Index::open(index_corpus(flag, limits)?)?)
}

fn report(ingested: &jikji_ingest::Ingested, verbose: bool) {
    for note in &ingested.notes {
        eprintln!("{note}");
    }
    for file in &ingested.files {
        // A file with text kept in no article is shown like a skipped one: it lost text.
        if verbose || matches!(file.outcome, Outcome::Skipped { .. }) || file.unplaced().is_some() {
            eprintln!("{file}");
        }
    }
    // The summary ends every report that shows files, and a quiet one (a search's) when
    // something was lost.
    let lost = ingested.skipped().next().is_some() || ingested.unplaced().next().is_some();
    if verbose || lost {
        eprintln!("{}", ingested.summary());
    }
}

fn display_paths(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a query's `date:` (or `날짜:`) filters say that is no date: the engine searches such a
/// filter as plain words (it never fails a query), which would otherwise give few or no hits
/// without a word of why, where `--from garbage` is an error.
fn malformed_dates(query: &str) -> Vec<String> {
    query
        .split_whitespace()
        .filter_map(|word| {
            let (key, value) = word.split_once(':')?;
            let key = key.to_lowercase();
            (key == "date" || key == "날짜").then_some((word, value))
        })
        .filter(|(_, value)| jikji_engine::query::parse_date_range(value).is_none())
        .map(|(word, _)| {
            format!(
                "{:?} is not a date filter (date:2020-08, date:2020-08-26, date:2020-08-01..2020-08-31); searched as words",
                jikji_ingest::escape_controls(word, false)
            )
        })
        .collect()
}

/// The hits written in an export format, each with its snippet.
fn export(
    index: &Index<Vec<u8>>,
    results: &SearchResults,
    format: jikji_export::Format,
    options: &jikji_export::Options,
) -> String {
    let articles: Vec<(&jikji_engine::Article, &str)> = results
        .hits
        .iter()
        .filter_map(|hit| Some((index.article(hit.doc)?, hit.snippet.text.as_str())))
        .collect();
    let entries: Vec<jikji_export::Entry> = articles
        .iter()
        .map(|&(article, snippet)| jikji_export::Entry {
            article,
            snippet: Some(snippet),
        })
        .collect();
    format.write(&entries, options)
}

/// Today's date in UTC, from the system clock.
fn today() -> jikji_export::Date {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_date((seconds / 86_400) as i64)
}

/// The proleptic Gregorian date `days` days after 1970-01-01 (Howard Hinnant's
/// `civil_from_days`).
fn civil_date(days: i64) -> jikji_export::Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    jikji_export::Date {
        year: year as u16,
        month: Some(month as u8),
        day: Some(day as u8),
    }
}

/// One block per article: id and title, the metadata that is known, the start of the body.
fn format_articles(articles: &[jikji_engine::Article]) -> String {
    let mut out = String::new();
    for a in articles {
        let _ = writeln!(out, "[{}] {}", a.id, a.title);
        let fields = [
            ("source", &a.source),
            ("date", &a.date),
            ("section", &a.section),
            ("collection", &a.collection),
            ("author", &a.author),
        ];
        let meta: Vec<String> = fields
            .iter()
            .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}: {v}")))
            .collect();
        if !meta.is_empty() {
            let _ = writeln!(out, "  {}", meta.join(" | "));
        }
        let lead: String = a
            .body
            .chars()
            .take(100)
            .map(|c| if c == '\n' { ' ' } else { c })
            .collect();
        let _ = writeln!(out, "  {lead}…\n");
    }
    // Article text from many hands: no escape sequence of it reaches the terminal.
    match jikji_ingest::escape_controls(&out, true) {
        std::borrow::Cow::Borrowed(_) => out,
        std::borrow::Cow::Owned(escaped) => escaped,
    }
}

/// Writes to stdout; a closed pipe (`jikji search … | head`) is a normal end, not an error.
/// Returns whether stdout still takes output.
fn print_out(text: &str) -> Result<bool> {
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// One query of a `--queries` file.
#[derive(Debug, PartialEq)]
struct BatchQuery {
    id: String,
    query: String,
}

/// Reads a `--queries` file: see [`parse_queries`].
fn read_queries(path: &std::path::Path) -> Result<Vec<BatchQuery>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the queries file {}", path.display()))?;
    let queries =
        parse_queries(&text).with_context(|| format!("in the queries file {}", path.display()))?;
    if queries.is_empty() {
        bail!("the queries file {} holds no query", path.display());
    }
    Ok(queries)
}

/// One query a line: `ID<TAB>QUERY` (the id is what precedes the first tab), or a bare query
/// whose id is its line number, counted from 1 over every line, blank ones included (the
/// number an editor shows). Blank lines are skipped; a byte-order mark and `\r` line ends are
/// accepted. A tab with nothing before it is an error, not a silent renumbering.
fn parse_queries(text: &str) -> Result<Vec<BatchQuery>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut queries = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        let (id, query) = match line.split_once('\t') {
            Some((id, query)) => {
                let id = id.trim();
                if id.is_empty() {
                    bail!("line {}: a tab with no id before it", n + 1);
                }
                (id.to_string(), query.trim().to_string())
            }
            None => ((n + 1).to_string(), line.trim().to_string()),
        };
        queries.push(BatchQuery { id, query });
    }
    Ok(queries)
}

/// A line of `search --queries FILE --json`.
#[derive(Serialize)]
struct JsonBatchLine<'a> {
    id: &'a str,
    query: &'a str,
    total: usize,
    hits: Vec<JsonHit<'a>>,
    suggestions: Vec<JsonSuggestion<'a>>,
}

/// A line of `related --json`.
#[derive(Serialize)]
struct JsonRelated<'a> {
    id: &'a str,
    title: &'a str,
    score: f32,
    /// The shared words that weigh most (stems).
    reason: &'a [String],
}

/// The `--json` shape of a search answer.
#[derive(Serialize)]
struct JsonResults<'a> {
    /// Matching articles.
    total: usize,
    /// Matching stories: the versions of a reprinted story counted once (unless --no-group).
    stories: usize,
    hits: Vec<JsonHit<'a>>,
    facets: JsonFacets,
    /// Words that found little, and the similar words searched as well.
    suggestions: Vec<JsonSuggestion<'a>>,
}

#[derive(Serialize)]
struct JsonHit<'a> {
    id: &'a str,
    title: &'a str,
    source: Option<&'a str>,
    date: Option<&'a str>,
    score: f32,
    snippet: &'a str,
    /// Highlighted spans of `snippet` as [start, end) character offsets.
    highlights: Vec<[usize; 2]>,
    /// The words of the article that matched the query.
    matched: &'a [String],
    /// The ids of the other versions of its story that match too (reprints), first version
    /// first; left out when it has none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    versions: Vec<&'a str>,
}

#[derive(Serialize)]
struct JsonFacets {
    /// By outlet: every spelling of its name counted under it.
    source: serde_json::Map<String, serde_json::Value>,
    /// Of each outlet counted under several spellings, each spelling's count.
    #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
    source_spellings: serde_json::Map<String, serde_json::Value>,
    month: serde_json::Map<String, serde_json::Value>,
    undated: usize,
}

/// Similar words of a word that found little: searched with it (`merged`, where the word
/// found nothing; counted in the total), or offered with the articles each finds (`counts`)
/// and the query that takes the offer (`query`; not counted in the total).
#[derive(Serialize)]
struct JsonSuggestion<'a> {
    word: &'a str,
    also: &'a [String],
    merged: bool,
    #[serde(skip_serializing_if = "<[usize]>::is_empty")]
    counts: &'a [usize],
    #[serde(skip_serializing_if = "Option::is_none")]
    query: Option<String>,
}

fn results_json<'a>(
    index: &'a Index<Vec<u8>>,
    query: &str,
    results: &'a SearchResults,
) -> JsonResults<'a> {
    let hits = results
        .hits
        .iter()
        .filter_map(|hit| {
            let a = index.article(hit.doc)?;
            let text = &hit.snippet.text;
            let char_at = |byte: usize| text[..byte].chars().count();
            Some(JsonHit {
                id: &a.id,
                title: &a.title,
                source: a.source.as_deref(),
                date: a.date.as_deref(),
                score: hit.score,
                snippet: text,
                highlights: hit
                    .snippet
                    .highlights
                    .iter()
                    .map(|r| [char_at(r.start), char_at(r.end)])
                    .collect(),
                matched: &hit.matched,
                versions: hit
                    .versions
                    .iter()
                    .filter_map(|&doc| index.id(doc))
                    .collect(),
            })
        })
        .collect();
    let counts = |pairs: &[(String, usize)]| {
        pairs
            .iter()
            .map(|(k, n)| (k.clone(), (*n).into()))
            .collect()
    };
    let facets = JsonFacets {
        source: counts(&results.facets.sources),
        source_spellings: results
            .facets
            .spellings
            .iter()
            .map(|(outlet, spellings)| (outlet.clone(), counts(spellings).into()))
            .collect(),
        month: counts(&results.facets.months),
        undated: results.facets.undated,
    };
    let suggestions = results
        .prepared
        .suggestions
        .iter()
        .map(|s| JsonSuggestion {
            word: &s.word,
            also: &s.also,
            merged: s.merged,
            counts: &s.counts,
            // A query at the command line is finished: no trailing space needed.
            query: (!s.merged)
                .then(|| s.query_with(query))
                .flatten()
                .map(|q| q.trim_end().to_owned()),
        })
        .collect();
    JsonResults {
        total: results.total,
        stories: results.stories,
        hits,
        facets,
        suggestions,
    }
}

fn format_results(index: &Index<Vec<u8>>, query: &str, results: &SearchResults) -> String {
    let highlight = if std::io::stdout().is_terminal() {
        ("\x1b[1;33m", "\x1b[0m")
    } else {
        ("**", "**")
    };
    let stories = if results.stories == results.total {
        String::new()
    } else {
        format!(" ({} stories: reprints grouped)", results.stories)
    };
    let mut out = format!(
        "{} article(s) match \"{}\"{stories}\n",
        results.total,
        shown(query)
    );
    for s in &results.prepared.suggestions {
        out.push_str(&suggestion_line(s, query));
    }
    for (rank, hit) in results.hits.iter().enumerate() {
        out.push_str(&hit_lines(index, rank, hit, highlight));
    }
    out
}

/// Article text from many hands: its control characters are shown escaped, never sent to
/// the terminal (only the highlight's own escapes are).
fn shown(text: &str) -> String {
    jikji_ingest::escape_controls(text, false).into_owned()
}

/// A query word's similar words: searched in its place ("→ also showing"), or offered with
/// what each finds and the query that adds them.
fn suggestion_line(s: &jikji_engine::Suggestion, query: &str) -> String {
    if s.merged {
        return format!(
            "{} → also showing {}\n",
            shown(&s.word),
            shown(&s.also.join(", "))
        );
    }
    let offered: Vec<String> = s
        .also
        .iter()
        .zip(&s.counts)
        .map(|(word, n)| format!("{} ({n})", shown(word)))
        .collect();
    let take = s
        .query_with(query)
        .map(|q| format!(" — search \"{}\" to add them", shown(q.trim_end())))
        .unwrap_or_default();
    format!("similar words: {}{take}\n", offered.join(", "))
}

/// One hit of a listing: its rank, title, id, source and date, score; its snippet with the
/// matches between `highlight`'s two marks; its story's other versions.
fn hit_lines(
    index: &Index<Vec<u8>>,
    rank: usize,
    hit: &jikji_engine::Hit,
    (on, off): (&str, &str),
) -> String {
    let Some(a) = index.article(hit.doc) else {
        return String::new();
    };
    let meta: Vec<&str> = [a.source.as_deref(), a.date.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    let mut out = format!(
        "\n{}. {}  [{}] {}  (score {:.2})\n   ",
        rank + 1,
        shown(&a.title),
        shown(&a.id),
        shown(&meta.join(" · ")),
        hit.score
    );
    let mut last = 0;
    for r in &hit.snippet.highlights {
        let _ = write!(
            out,
            "{}{on}{}{off}",
            shown(&hit.snippet.text[last..r.start]),
            shown(&hit.snippet.text[r.clone()])
        );
        last = r.end;
    }
    out.push_str(&shown(&hit.snippet.text[last..]));
    out.push('\n');
    if !hit.versions.is_empty() {
        let ids: Vec<String> = hit
            .versions
            .iter()
            .filter_map(|&doc| index.id(doc))
            .map(shown)
            .collect();
        let _ = writeln!(out, "   also printed as: {}", ids.join(", "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(id: &str, query: &str) -> BatchQuery {
        BatchQuery {
            id: id.into(),
            query: query.into(),
        }
    }

    #[test]
    fn queries_take_ids_from_tabs_or_line_numbers() {
        let text = "\u{feff}a1\t중관춘 창업\r\n\n화웨이\n  \nb 2\t\"스마트 팩토리\"\n";
        assert_eq!(
            parse_queries(text).unwrap(),
            [
                q("a1", "중관춘 창업"),
                q("3", "화웨이"),
                q("b 2", "\"스마트 팩토리\""),
            ]
        );
        assert!(parse_queries("\n\n").unwrap().is_empty());
    }

    #[test]
    fn days_since_the_epoch_are_calendar_dates() {
        let date = |days| civil_date(days).to_string();
        assert_eq!(date(0), "1970-01-01");
        assert_eq!(date(18_500), "2020-08-26");
        assert_eq!(date(11_016), "2000-02-29");
        assert_eq!(date(20_794), "2026-12-07");
    }

    #[test]
    fn a_tab_without_an_id_is_an_error_naming_its_line() {
        let err = parse_queries("화웨이\n\t중관춘\n").unwrap_err();
        assert!(err.to_string().contains("line 2"), "{err}");
    }
}
