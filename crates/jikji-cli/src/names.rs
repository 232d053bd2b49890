//! `jikji names`: the archive's names (the alias groups it states and the proper nouns of the
//! dictionary it names in two articles or more), most named first, each with its spellings,
//! how many articles name it, and the names most often in the same articles.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use jikji_engine::index::names::{Name, NameKind};
use serde::Serialize;

use crate::{open_corpus, print_out, FileLimits};

/// The flags of `jikji names`.
#[derive(Args)]
pub struct NamesArgs {
    /// Folder (or file) of the archive [default: $JIKJI_CORPUS, else the project's corpus/]
    #[arg(long, value_name = "DIR")]
    corpus: Option<PathBuf>,
    /// Print a JSON array of names
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    limits: FileLimits,
}

/// One name as `--json` prints it.
#[derive(Serialize)]
struct JsonName<'a> {
    name: &'a str,
    spellings: &'a [String],
    articles: usize,
    /// `stated` (an alias group of the archive) or `proper noun` (the dictionary's).
    kind: &'static str,
    with: Vec<JsonTogether<'a>>,
}

/// A name often in the same articles, and how many articles name both.
#[derive(Serialize)]
struct JsonTogether<'a> {
    name: &'a str,
    articles: usize,
}

/// Prints the names: a line each (name, articles, spellings, the names most often with it), or
/// with `--json` an array.
pub fn run(args: NamesArgs) -> Result<()> {
    let index = open_corpus(args.corpus, args.limits)?;
    let names = index.names()?;
    let rows: Vec<JsonName> = names.iter().map(|name| json_name(name, &names)).collect();
    let output = if args.json {
        serde_json::to_string_pretty(&rows)? + "\n"
    } else {
        rows.iter().map(name_line).collect()
    };
    print_out(&output)?;
    Ok(())
}

fn json_name<'a>(name: &'a Name, names: &'a [Name]) -> JsonName<'a> {
    JsonName {
        name: name.shown(),
        spellings: &name.spellings,
        articles: name.articles,
        kind: match name.kind {
            NameKind::Stated => "stated",
            NameKind::ProperNoun => "proper noun",
        },
        with: name
            .with
            .iter()
            .filter_map(|&(other, articles)| {
                let other = names.get(other as usize)?;
                Some(JsonTogether {
                    name: other.shown(),
                    articles,
                })
            })
            .collect(),
    }
}

/// `name \t articles \t spelling = spelling \t with: other (n), other (n)`.
fn name_line(name: &JsonName) -> String {
    let with: Vec<String> = name
        .with
        .iter()
        .map(|w| format!("{} ({})", w.name, w.articles))
        .collect();
    format!(
        "{}\t{}\t{}\twith: {}\n",
        name.name,
        name.articles,
        name.spellings.join(" = "),
        with.join(", ")
    )
}
