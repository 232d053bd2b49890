//! `jikji kwic`: every occurrence of a query's words in context, one line each.

use std::path::PathBuf;

use anyhow::{bail, Result};
use clap::Args;
use jikji_engine::{concordance, KwicLine, KwicOrder, SearchOptions};
use serde::Serialize;

use crate::{open_corpus, print_out, FileLimits, Filters};

/// The flags of `jikji kwic`.
#[derive(Args)]
pub struct KwicArgs {
    /// Folder (or file) of the archive [default: $JIKJI_CORPUS, else the project's corpus/]
    #[arg(long, value_name = "DIR")]
    corpus: Option<PathBuf>,
    #[command(flatten)]
    filters: Filters,
    /// Line order: as the articles rank and read (text), by the word before the match
    /// (before), or by the match and the word after it (after); words without their particles
    #[arg(long, value_name = "ORDER", default_value = "text", value_parser = ["text", "before", "after"])]
    order: String,
    /// Characters of context on each side
    #[arg(long, value_name = "N", default_value_t = 30)]
    context: usize,
    /// Print a JSON array of {"id", "source", "date", "left", "match", "right", "before",
    /// "after", "ordinal"} (ordinal: which match of its article, from 0, as the reader counts)
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    limits: FileLimits,
    /// The query (several words may be given without quotes)
    #[arg(required = true, num_args = 1.., value_name = "QUERY")]
    query: Vec<String>,
}

/// One printed line: an occurrence and its article.
#[derive(Serialize)]
struct Occurrence<'a> {
    id: &'a str,
    source: Option<&'a str>,
    date: Option<&'a str>,
    left: &'a str,
    #[serde(rename = "match")]
    matched: &'a str,
    right: &'a str,
    before: &'a str,
    after: &'a str,
    ordinal: usize,
}

/// Prints every occurrence: `ID<TAB>left<TAB>match<TAB>right`, or JSON.
pub fn run(args: KwicArgs) -> Result<()> {
    let query = args.query.join(" ");
    if query.trim().is_empty() {
        bail!("the query is empty: a concordance needs words to find");
    }
    let options = args.filters.apply(SearchOptions {
        limit: usize::MAX,
        snippets: false,
        // Every article, reprints too: each holds its occurrences.
        group_reprints: false,
        ..SearchOptions::default()
    })?;
    let index = open_corpus(args.corpus, args.limits)?;
    // A query typed at a prompt is finished: its last word is not being typed.
    let results = index.search(&format!("{query} "), &options);
    let mut lines: Vec<(&jikji_engine::Article, KwicLine)> = results
        .hits
        .iter()
        .filter_map(|hit| index.article(hit.doc))
        .flat_map(|article| {
            concordance(article, &results.prepared.marks, args.context)
                .into_iter()
                .map(move |line| (article, line))
        })
        .collect();
    KwicOrder::from_name(&args.order).sort(&mut lines, |(_, line)| line);
    let occurrences: Vec<Occurrence> = lines
        .iter()
        .map(|(article, line)| Occurrence {
            id: &article.id,
            source: article.source.as_deref(),
            date: article.date.as_deref(),
            left: &line.left,
            matched: &line.matched,
            right: &line.right,
            before: &line.before,
            after: &line.after,
            ordinal: line.ordinal,
        })
        .collect();
    let output = if args.json {
        serde_json::to_string_pretty(&occurrences)? + "\n"
    } else {
        occurrences
            .iter()
            .map(|o| format!("{}\t{}\t{}\t{}\n", o.id, o.left, o.matched, o.right))
            .collect()
    };
    print_out(&output)?;
    Ok(())
}
