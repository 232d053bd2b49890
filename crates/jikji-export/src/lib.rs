//! Export formats: a list of articles (a search's hits, a selection) turned into the files
//! people take elsewhere — a spreadsheet (CSV), a data pipeline (JSON Lines), a reference
//! manager (CSL-JSON, RIS, BibTeX); and a trend's counts per month ([`trend_csv`]) and a
//! concordance's lines ([`kwic_csv`]) as CSV; and one article cited ([`korean_citation`],
//! [`apa_citation`], the page's [`citation_meta`] tags and a result's [`coins`]).
//!
//! Pure functions from articles to text: no IO and no clock (the access date the citation
//! formats carry is the caller's), so the CLI and the browser app give the same bytes.
//! Every writer takes [`Entry`]s (an article and, when it came from a search, the snippet
//! shown for it) and [`Options`] (snippet or full text, the access date).
//!
//! | Format | Text it carries | Notes |
//! |---|---|---|
//! | [`Format::Csv`] | `snippet` or `text` column | UTF-8 with a BOM; formula-looking cells made inert |
//! | [`Format::JsonLines`] | `snippet` or `text` field | one article a line |
//! | [`Format::CslJson`] | `abstract` | an array of `article-newspaper` items |
//! | [`Format::Ris`] | `AB` (on one line) | `TY  - NEWS`, CRLF line ends |
//! | [`Format::Bibtex`] | `abstract` | `@article` with `entrysubtype = {newspaper}` |

mod bibtex;
mod cite;
mod csl;
mod date;
mod jsonl;
mod kwic;
mod record;
mod ris;
mod sheet;
mod trend;

pub use bibtex::{bibtex, bibtex_escape, bibtex_keys};
pub use cite::{apa_citation, citation_meta, coins, korean_citation};
pub use csl::csl_json;
pub use date::Date;
pub use jsonl::json_lines;
pub use kwic::kwic_csv;
pub use ris::ris;
pub use sheet::{csv, neutralise};
pub use trend::{trend_csv, TrendColumns};

use jikji_engine::Article;

/// One article to export.
#[derive(Clone, Copy, Debug)]
pub struct Entry<'a> {
    pub article: &'a Article,
    /// The passage shown for it in the results, when it came from a search.
    pub snippet: Option<&'a str>,
}

impl<'a> Entry<'a> {
    /// An article without a snippet (a selection, a clipping).
    pub fn of(article: &'a Article) -> Entry<'a> {
        Entry {
            article,
            snippet: None,
        }
    }

    /// The text the export carries for it: the snippet, or the whole body.
    fn text(&self, which: Text) -> Option<&'a str> {
        match which {
            Text::Snippet => self.snippet,
            Text::Full => Some(self.article.body.as_str()),
        }
        .filter(|t| !t.trim().is_empty())
    }

    /// The article's date, when it reads as one.
    fn date(&self) -> Option<Date> {
        self.article.date.as_deref().and_then(Date::parse)
    }

    /// The file the article was read from.
    fn file(&self) -> Option<&'a str> {
        self.article.origin.as_ref().map(|o| o.file.as_str())
    }
}

/// Which text goes with each article.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Text {
    /// The snippet of the search (nothing for an entry without one).
    #[default]
    Snippet,
    /// The article's whole body.
    Full,
}

/// What every writer is told besides the entries.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    pub text: Text,
    /// The day the articles were read, for the citation formats' access date (CSL `accessed`,
    /// RIS `Y2`, BibTeX `urldate`); left out when `None`.
    pub accessed: Option<Date>,
}

/// The export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    JsonLines,
    CslJson,
    Ris,
    Bibtex,
}

impl Format {
    /// Every format, in the order menus list them.
    pub const ALL: [Format; 5] = [
        Format::Csv,
        Format::JsonLines,
        Format::CslJson,
        Format::Ris,
        Format::Bibtex,
    ];

    /// The usual file name extension (without the dot).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::JsonLines => "jsonl",
            Format::CslJson => "json",
            Format::Ris => "ris",
            Format::Bibtex => "bib",
        }
    }

    /// The media type a download of it is given.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::JsonLines => "application/jsonl; charset=utf-8",
            Format::CslJson => "application/vnd.citationstyles.csl+json",
            Format::Ris => "application/x-research-info-systems",
            Format::Bibtex => "application/x-bibtex; charset=utf-8",
        }
    }

    /// The entries written in this format.
    pub fn write(self, entries: &[Entry], options: &Options) -> String {
        match self {
            Format::Csv => csv(entries, options.text),
            Format::JsonLines => json_lines(entries, options.text),
            Format::CslJson => csl_json(entries, options),
            Format::Ris => ris(entries, options),
            Format::Bibtex => bibtex(entries, options),
        }
    }
}

#[cfg(test)]
pub(crate) mod testing {
    use jikji_engine::{Article, Origin};

    /// A fully described article.
    pub fn article() -> Article {
        let mut a = Article::new(
            "003_f0ea3dc2add15f79-01",
            "중관춘 창업거리, 화웨이 칩 금지",
            "첫 문단.\n\n둘째 문단.",
        );
        a.source = Some("KIC 중국".into());
        a.date = Some("2020-08-26".into());
        a.section = Some("산업 동향".into());
        a.author = Some("김철수".into());
        a.url = Some("https://example.com/news?id=1&p=2".into());
        a.origin = Some(Origin {
            file: "003_f0ea3dc2add15f79.txt".into(),
            line_start: 3,
            line_end: 9,
            format: None,
        });
        a
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_writes_the_article_through_one_entry_point() {
        let a = testing::article();
        let mut extensions = Vec::new();
        for format in Format::ALL {
            let out = format.write(&[Entry::of(&a)], &Options::default());
            assert!(out.contains("중관춘 창업거리"), "{format:?}: {out}");
            extensions.push(format.extension());
        }
        extensions.dedup();
        assert_eq!(extensions.len(), Format::ALL.len());
    }
}
