//! Trends: how many articles each of a few queries finds per month (per year over long
//! spans), beside how many articles the archive has in that month, so a count can be read as
//! a share. Every count is a search's own month facet — the same articles, by the same
//! Korean rules, as the result list's total and timeline — under the same source filters;
//! the date filters choose which periods are shown.

use super::{SearchOptions, SearchResults};
use crate::index::{Block, Index};

/// Most queries one trend compares.
pub const MAX_TREND_LINES: usize = 5;

/// Months above which a trend is counted per year rather than per month (four years, as the
/// result list's timeline does).
pub const MAX_MONTHS: usize = 48;

/// Counts per period of each query, and of every article.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Trend {
    /// `YYYY-MM` (or `YYYY` when `yearly`), every period from the first dated article found
    /// to the last, in order, gaps included.
    pub periods: Vec<String>,
    pub yearly: bool,
    /// One per query, in the order given.
    pub lines: Vec<TrendLine>,
    /// Every article of each period (in the sources asked for): what a share is of.
    pub totals: Vec<usize>,
    /// In a split index, the blocks the searches lacked (as [`SearchResults::missing_blocks`]):
    /// the counts are not whole until they are added and the trend is made again.
    pub missing_blocks: Vec<Block>,
}

/// One query's counts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TrendLine {
    pub query: String,
    /// Articles per period, as [`Trend::periods`].
    pub counts: Vec<usize>,
    /// Articles found in the periods shown (undated ones are in no period).
    pub total: usize,
}

impl Trend {
    /// The share of period `i`'s articles that query line `line` found (0 for a period
    /// without articles).
    pub fn share(&self, line: usize, i: usize) -> f64 {
        match self.totals[i] {
            0 => 0.0,
            total => self.lines[line].counts[i] as f64 / total as f64,
        }
    }
}

impl<D: AsRef<[u8]>> Index<D> {
    /// The trend of up to [`MAX_TREND_LINES`] queries (the rest are ignored; blank ones too)
    /// under `options`' source and date filters (its paging and order do not matter).
    pub fn trend(&self, queries: &[&str], options: &SearchOptions) -> Trend {
        let counting = SearchOptions {
            limit: 0,
            offset: 0,
            snippets: false,
            matched_words: false,
            undated: false,
            ..options.clone()
        };
        let queries: Vec<&str> = queries
            .iter()
            .map(|q| q.trim())
            .filter(|q| !q.is_empty())
            .take(MAX_TREND_LINES)
            .collect();
        let all = self.search("", &counting);
        // Each query is finished (a trailing space: its last word is not being typed).
        let found: Vec<SearchResults> = queries
            .iter()
            .map(|q| self.search(&format!("{q} "), &counting))
            .collect();
        let window = Window::of(options);
        let months = window.months(found.iter().chain([&all]));
        let yearly = months.len() > MAX_MONTHS;
        let periods = periods(&months, yearly);
        let counts = |results: &SearchResults| -> Vec<usize> {
            let mut counts = vec![0; periods.len()];
            for (month, n) in &results.facets.months {
                let period = if yearly { &month[..4] } else { month.as_str() };
                if let Ok(i) = periods.binary_search_by(|p| p.as_str().cmp(period)) {
                    if window.holds(month) {
                        counts[i] += n;
                    }
                }
            }
            counts
        };
        let mut missing_blocks: Vec<Block> = found
            .iter()
            .chain([&all])
            .flat_map(|r| r.missing_blocks.iter().copied())
            .collect();
        missing_blocks.sort_unstable();
        missing_blocks.dedup();
        let lines = queries
            .iter()
            .zip(&found)
            .map(|(query, results)| {
                let counts = counts(results);
                TrendLine {
                    query: query.to_string(),
                    total: counts.iter().sum(),
                    counts,
                }
            })
            .collect();
        Trend {
            totals: counts(&all),
            periods,
            yearly,
            lines,
            missing_blocks,
        }
    }
}

/// The months the date filters let through (`YYYY-MM` bounds, inclusive).
struct Window {
    from: Option<String>,
    to: Option<String>,
}

impl Window {
    fn of(options: &SearchOptions) -> Window {
        let month = |d: &Option<String>| d.as_ref().and_then(|d| d.get(..7)).map(str::to_owned);
        Window {
            from: month(&options.from),
            to: month(&options.to),
        }
    }

    fn holds(&self, month: &str) -> bool {
        self.from.as_deref().is_none_or(|f| month >= f)
            && self.to.as_deref().is_none_or(|t| month <= t)
    }

    /// Every month from the first to the last the searches counted articles in, inside the
    /// window, gaps included.
    fn months<'a>(&self, results: impl Iterator<Item = &'a SearchResults>) -> Vec<String> {
        let counted: Vec<&str> = results
            .flat_map(|r| r.facets.months.iter())
            .filter(|(month, n)| *n > 0 && self.holds(month))
            .map(|(month, _)| month.as_str())
            .collect();
        let (Some(first), Some(last)) = (counted.iter().min(), counted.iter().max()) else {
            return Vec::new();
        };
        month_range(first, last)
    }
}

/// `YYYY-MM` months from `first` to `last`, inclusive.
fn month_range(first: &str, last: &str) -> Vec<String> {
    let parse = |m: &str| -> Option<(u32, u32)> {
        Some((m.get(..4)?.parse().ok()?, m.get(5..7)?.parse().ok()?))
    };
    let (Some((mut year, mut month)), Some(end)) = (parse(first), parse(last)) else {
        return Vec::new();
    };
    let mut months = Vec::new();
    while (year, month) <= end {
        months.push(format!("{year:04}-{month:02}"));
        (year, month) = if month == 12 {
            (year + 1, 1)
        } else {
            (year, month + 1)
        };
    }
    months
}

/// The periods of a trend over `months`: the months, or their years.
fn periods(months: &[String], yearly: bool) -> Vec<String> {
    if !yearly {
        return months.to_vec();
    }
    let mut years: Vec<String> = months.iter().map(|m| m[..4].to_owned()).collect();
    years.dedup();
    years
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Article, IndexBuilder};

    fn archive() -> Index<Vec<u8>> {
        let mut builder = IndexBuilder::new();
        let articles = [
            ("a", "2020-01-05", "신화", "화웨이는 반도체를 만든다"),
            ("b", "2020-01-20", "한경", "반도체 수출이 늘었다"),
            ("c", "2020-03-02", "신화", "화웨이의 새 전화"),
            ("d", "2020-03-09", "한경", "날씨가 맑다"),
            ("e", "2020-03-30", "한경", "화웨이와 반도체"),
        ];
        for (id, date, source, body) in articles {
            let mut a = Article::new(id, "소식", body);
            a.date = Some(date.into());
            a.source = Some(source.into());
            builder.add(a);
        }
        let mut undated = Article::new("f", "소식", "화웨이 이야기");
        undated.source = Some("신화".into());
        builder.add(undated);
        Index::open(builder.finish()).unwrap()
    }

    #[test]
    fn each_line_counts_its_articles_per_month_beside_every_article() {
        let index = archive();
        let trend = index.trend(&["화웨이", "반도체", " "], &SearchOptions::default());
        assert_eq!(trend.periods, ["2020-01", "2020-02", "2020-03"]);
        assert!(!trend.yearly);
        assert_eq!(trend.totals, [2, 0, 3]);
        assert_eq!(trend.lines.len(), 2, "a blank query is no line");
        assert_eq!(
            (trend.lines[0].query.as_str(), &trend.lines[0].counts[..]),
            ("화웨이", &[1, 0, 2][..])
        );
        assert_eq!(&trend.lines[1].counts[..], &[2, 0, 1]);
        // The undated article is in no period; the total is the search's dated hits.
        let search = index.search("화웨이", &SearchOptions::default());
        assert_eq!(search.total, 4);
        assert_eq!(trend.lines[0].total, 3);
        assert_eq!(trend.share(0, 2), 2.0 / 3.0);
        assert_eq!(trend.share(0, 1), 0.0);
    }

    #[test]
    fn filters_apply_to_every_line_and_to_the_totals() {
        let index = archive();
        let options = SearchOptions {
            sources: vec!["한경".into()],
            from: Some("2020-02-01".into()),
            ..SearchOptions::default()
        };
        let trend = index.trend(&["화웨이", "반도체"], &options);
        assert_eq!(trend.periods, ["2020-03"]);
        assert_eq!(trend.totals, [2]);
        assert_eq!(trend.lines[0].counts, [1]);
        assert_eq!(trend.lines[1].counts, [1]);
    }

    #[test]
    fn nothing_found_is_an_empty_trend_not_a_panic() {
        let index = archive();
        let options = SearchOptions {
            from: Some("2031-01-01".into()),
            ..SearchOptions::default()
        };
        let trend = index.trend(&["화웨이"], &options);
        assert!(trend.periods.is_empty());
        assert_eq!(trend.lines[0].total, 0);
    }

    #[test]
    fn months_run_across_years_with_gaps_filled() {
        assert_eq!(
            month_range("2019-11", "2020-02"),
            ["2019-11", "2019-12", "2020-01", "2020-02"]
        );
        assert_eq!(month_range("2020-05", "2020-05"), ["2020-05"]);
        assert!(month_range("2020-06", "2020-05").is_empty());
        assert!(month_range("garbage", "2020-05").is_empty());
    }

    #[test]
    fn long_spans_are_counted_by_year() {
        let months = month_range("2015-03", "2020-02");
        assert_eq!(
            periods(&months, true),
            ["2015", "2016", "2017", "2018", "2019", "2020"]
        );
    }

    #[test]
    fn the_window_is_inclusive_by_month() {
        let options = SearchOptions {
            from: Some("2020-08-01".into()),
            to: Some("2020-09-30".into()),
            ..SearchOptions::default()
        };
        let window = Window::of(&options);
        assert!(window.holds("2020-08") && window.holds("2020-09"));
        assert!(!window.holds("2020-07") && !window.holds("2020-10"));
    }
}
