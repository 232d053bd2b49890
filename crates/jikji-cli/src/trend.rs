//! `jikji trend`: how many articles each query finds per month, as CSV.

use std::path::PathBuf;

use anyhow::{bail, Result};
use clap::Args;
use jikji_engine::search::MAX_TREND_LINES;
use jikji_engine::SearchOptions;
use jikji_export::{trend_csv, TrendColumns};

use crate::{open_corpus, print_out, FileLimits, Filters};

/// The flags of `jikji trend`.
#[derive(Args)]
pub struct TrendArgs {
    /// Folder (or file) of the archive [default: $JIKJI_CORPUS, else the project's corpus/]
    #[arg(long, value_name = "DIR")]
    corpus: Option<PathBuf>,
    /// Sources and dates, for every query and for the months' totals
    #[command(flatten)]
    filters: Filters,
    /// Each query's share of the month's articles (0 to 1) in place of its count
    #[arg(long, conflicts_with = "wide")]
    share: bool,
    /// Three columns per query: count, the month's articles, share
    #[arg(long)]
    wide: bool,
    #[command(flatten)]
    limits: FileLimits,
    /// Up to five queries, each one argument (quote a query of several words)
    #[arg(required = true, num_args = 1..=MAX_TREND_LINES, value_name = "QUERY")]
    queries: Vec<String>,
}

/// Prints the trend of the queries: `month` (or `year` over more than four years), then one
/// column per query.
pub fn run(args: TrendArgs) -> Result<()> {
    if let Some(blank) = args.queries.iter().position(|q| q.trim().is_empty()) {
        bail!("query {} is empty: a trend needs words to count", blank + 1);
    }
    let options = args.filters.apply(SearchOptions::default())?;
    let index = open_corpus(args.corpus, args.limits)?;
    let queries: Vec<&str> = args.queries.iter().map(String::as_str).collect();
    let trend = index.trend(&queries, &options);
    let columns = match (args.share, args.wide) {
        (true, _) => TrendColumns::Shares,
        (_, true) => TrendColumns::All,
        _ => TrendColumns::Counts,
    };
    print_out(&trend_csv(&trend, columns))?;
    Ok(())
}
