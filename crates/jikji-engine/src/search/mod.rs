//! Searching: a parsed [`Query`](crate::Query) is prepared against the index — each word expanded into the
//! dictionary terms it matches — then articles are filtered, ranked and paged.
//!
//! How a word matches, best first (the weight scales its term frequency):
//!
//! | kind | example | weight |
//! |---|---|---|
//! | exact, and the word's own forms (its particles and endings) | 화웨이 → 화웨이, 중관춘 → 중관춘은 | 1.0 |
//! | stem (the query word's own particles and endings dropped), and the stem's forms | 화웨이는 → 화웨이, 화웨이가 | 0.65 |
//! | prefix (longer words it begins, and their forms) | 창업 → 창업자들이 | 0.6 |
//! | alias (mined from the archive) | 핀둬둬 → 拼多多 | 0.5 |
//! | typing (last word, letter prefix) | 중관ㅊ → 중관춘 | 0.5 |
//! | initials | ㅈㄱㅊ → 중관춘 | 0.5 |
//! | compound (a part of a word) | 창업 → 해외창업; 스마트팩토리 → 스마트 팩토리 | 0.45 |
//! | fuzzy (letter edit distance, when little is found) | 중관촌 → 중관춘 | 0.3 / 0.2 |
//!
//! A longer word matches only where the query word is one of its parts, as the index's term
//! shapes say (see `shape`): 미사 finds neither 미사일 nor 소비자's 비자. Only the last word
//! while it is being typed and not yet a word of the archive (화웨 → 화웨이), or a finished
//! word that matches nothing else, also matches the words it begins. A word written with
//! particles or endings (화웨이는, 발표했다, 기업입니다) is searched as its stem too; the form as
//! written counts most ([`WRITTEN_WEIGHT`]), and an article holding every such word of the
//! query as written ranks above the others ([`WRITTEN_BONUS`]).
//!
//! Ranking is BM25F over title (weighted up) and body, plus a bonus when the query's words
//! stand next to each other; ties go to the newer article. Every answer carries the total,

mod adjacent;
mod cache;
mod collect;
mod expand;
mod prepared;
mod score;
mod streams;
#[cfg(test)]
mod tests;
mod trend;

use std::ops::Range;

use cache::AnswerKey;
pub use cache::SearchCache;
pub use prepared::{Prepared, PreparedWord, Suggestion, TermMatch};
pub use trend::{Trend, TrendLine, MAX_MONTHS, MAX_TREND_LINES};

use crate::index::{Block, DocId, Index};
use crate::snippet::{make_snippet, opening, scan, snippet_from, Snippet};

/// Weight of a query word with particles or endings, where the archive has it as written: a
/// little above its stem's own forms (exact 1.0 would rank an article that happens to use the
/// same particle far above one that uses another).
pub const WRITTEN_WEIGHT: f32 = 0.7;
/// Score multiplier, 1 + this, of an article that holds the query as written: each of its
/// words written with particles or endings in that form (중관춘에서 for 중관춘에서), over its
/// stems' other forms. A pasted phrase finds its article first, while a query with other
/// particles still finds every form; an article holding only some words as written gets
/// nothing (another article using the same particle for one word says little about the
/// query). 0 ranks all forms alike; 0.3–1 is sensible.
pub const WRITTEN_BONUS: f32 = 0.5;
/// Length of a result snippet, in characters.
pub const SNIPPET_CHARS: usize = 160;

/// Result order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Relevance,
    Newest,
    Oldest,
}

impl Sort {
    /// Its name in links and forms (`relevance`, `newest`, `oldest`).
    pub fn name(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
        }
    }

    /// The order a name stands for; anything else is relevance.
    pub fn from_name(name: &str) -> Sort {
        [Sort::Newest, Sort::Oldest]
            .into_iter()
            .find(|s| s.name() == name)
            .unwrap_or(Sort::Relevance)
    }
}

/// Filters, order and paging of a search (the query language's `source:` and `date:` add to
/// these).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchOptions {
    pub limit: usize,
    pub offset: usize,
    pub sort: Sort,
    /// Only articles from any of these sources (matched by containment, case-insensitive).
    pub sources: Vec<String>,
    /// Only articles dated from (to) this ISO date, inclusive. Undated articles are excluded
    /// by any date bound.
    pub from: Option<String>,
    pub to: Option<String>,
    /// Only undated articles (the "undated" bucket of the timeline).
    pub undated: bool,
    /// Fill `Hit::matched` (costs a pass over each hit's whole text; the CLI wants it, the
    /// app does not).
    pub matched_words: bool,
    /// Make each hit's snippet (`Hit::snippet`). Without, hits come without snippets, to be
    /// made by [`Index::snippet`] for those shown (the app shows a page in two steps).
    pub snippets: bool,
    /// Show the versions of one story (reprints, see `index::reprints`) as one hit, at the
    /// place of its best-ranked version, the others in its `Hit::versions`.
    pub group_reprints: bool,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 20,
            offset: 0,
            sort: Sort::Relevance,
            sources: Vec::new(),
            from: None,
            to: None,
            undated: false,
            matched_words: false,
            snippets: true,
            group_reprints: true,
        }
    }
}

/// Counts of matching articles per source and per month, for the current query.
///
/// Facets are disjunctive: source counts ignore the source filter and month counts ignore the
/// date filter, so choosing one source still shows how many the others have.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facets {
    /// (outlet, count), most articles first; articles without a source are not counted. An
    /// outlet counts every spelling of its name (see `outlets`).
    pub sources: Vec<(String, usize)>,
    /// Of each outlet in `sources` counted under more than one spelling: its spellings, each
    /// with its count (most first); they add up to the outlet's.
    pub spellings: Vec<(String, Vec<(String, usize)>)>,
    /// (`YYYY-MM`, count), in month order.
    pub months: Vec<(String, usize)>,
    pub undated: usize,
}

/// One ranked article.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub doc: DocId,
    pub score: f32,
    /// Byte ranges of the matched words in the article's title (empty while the article is
    /// awaited, `awaiting_text`).
    pub title_highlights: Vec<Range<usize>>,
    /// Empty while the article's text is awaited (`awaiting_text`), or when the search was
    /// asked for no snippets (`SearchOptions::snippets`).
    pub snippet: Snippet,
    /// The words of the article that matched (folded), for "matched: […]"; filled only when
    /// `SearchOptions::matched_words` asks for it.
    pub matched: Vec<String>,
    /// In a split index, the text chunk to give [`Index::add_texts`] before this hit's
    /// article can be shown (its title highlights and snippet then made by
    /// [`Index::complete_hit`]); `None` when the article is here.
    pub awaiting_text: Option<usize>,
    /// The other versions of its story that match too (reprints, when the search groups
    /// them: `SearchOptions::group_reprints`), first version first.
    pub versions: Vec<DocId>,
    /// How many outlets the article and its `versions` come from (spellings of one outlet's
    /// name counted once: see `outlets`); 0 when it has no other versions.
    pub outlets: usize,
}

/// The answer to a search.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchResults {
    pub prepared: Prepared,
    /// The matching articles (each version of a story counted).
    pub total: usize,
    /// The matching stories: the articles, each story's versions counted once when the
    /// search groups reprints (`SearchOptions::group_reprints`); else the total. Pages
    /// (`offset`, `limit`) count stories.
    pub stories: usize,
    pub hits: Vec<Hit>,
    pub facets: Facets,
    /// In a split index, the blocks this search needed and did not have (it read their
    /// postings lists and dictionary entries as empty, so the results are incomplete): give
    /// them to [`Index::add_block`] and search again. Empty when the results are whole.
    pub missing_blocks: Vec<Block>,
}

impl<D: AsRef<[u8]>> Index<D> {
    /// Parses and runs a query: the total, the page `options` asks for, facets, suggestions.
    pub fn search(&self, input: &str, options: &SearchOptions) -> SearchResults {
        let _stale = self.take_missing_blocks();
        self.search_prepared(self.prepare(input), options)
    }

    /// [`Index::search`], reusing what recent searches with the same `cache` worked out (for
    /// search as you type; the results are the same).
    pub fn search_with(
        &self,
        input: &str,
        options: &SearchOptions,
        cache: &mut SearchCache,
    ) -> SearchResults {
        let _stale = self.take_missing_blocks();
        let cache = cache.on(self);
        let prepared = self.prepare_with(input, Some(&mut *cache));
        let key = AnswerKey::of(&prepared, options);
        if let Some(answer) = cache.answer(&key, &prepared, |doc| self.missing_text(doc)) {
            return answer;
        }
        let results = self.search_prepared_with(prepared, options, Some(&mut *cache));
        // What was worked out without some postings is not what the whole index gives: it
        // must not answer the next keystroke.
        if results.missing_blocks.is_empty() {
            cache.keep_answer(key, &results);
        } else {
            cache.forget();
        }
        results
    }

    /// Runs a prepared query.
    pub fn search_prepared(&self, prepared: Prepared, options: &SearchOptions) -> SearchResults {
        self.search_prepared_with(prepared, options, None)
    }

    fn search_prepared_with(
        &self,
        prepared: Prepared,
        options: &SearchOptions,
        cache: Option<&mut SearchCache>,
    ) -> SearchResults {
        let (mut ranked, facets, marked_bodies) = self.matching(&prepared, options, cache);
        let total = ranked.len();
        let mut versions = if options.group_reprints {
            self.group_reprints(&mut ranked)
        } else {
            Default::default()
        };
        let stories = ranked.len();
        let head = self.order(
            &mut ranked,
            &prepared,
            options.sort,
            options.offset.saturating_add(options.limit),
        );
        let hits = ranked[..head]
            .iter()
            .skip(options.offset)
            .take(options.limit)
            .filter_map(|&(doc, score)| {
                let marked_body = marked_bodies.as_ref().is_none_or(|m| m.contains(doc));
                let mut hit = self.hit(doc, score, &prepared, options, marked_body)?;
                hit.versions = versions.remove(&doc).unwrap_or_default();
                if !hit.versions.is_empty() {
                    hit.outlets =
                        self.outlet_count(std::iter::once(doc).chain(hit.versions.iter().copied()));
                }
                Some(hit)
            })
            .collect();
        SearchResults {
            prepared,
            total,
            stories,
            hits,
            facets,
            missing_blocks: self.take_missing_blocks(),
        }
    }

    /// Every matching article in result order (for "previous / next article" in a reader).
    pub fn ranked(&self, input: &str, options: &SearchOptions) -> Vec<DocId> {
        let prepared = self.prepare(input);
        let (mut ranked, _, _) = self.matching(&prepared, options, None);
        let all = ranked.len();
        self.order(&mut ranked, &prepared, options.sort, all);
        ranked.into_iter().map(|(doc, _)| doc).collect()
    }

    /// Hit `doc`; its body is read for matches only when it may hold a marked term
    /// (`marked_body`), else its snippet is the start of the text. A hit whose article is not
    /// here yet (a split index) has no title highlights or snippet: it awaits its text.
    fn hit(
        &self,
        doc: DocId,
        score: f32,
        prepared: &Prepared,
        options: &SearchOptions,
        marked_body: bool,
    ) -> Option<Hit> {
        let mut hit = Hit {
            doc,
            score,
            title_highlights: Vec::new(),
            snippet: Snippet::default(),
            matched: Vec::new(),
            awaiting_text: self.missing_text(doc),
            versions: Vec::new(),
            outlets: 0,
        };
        let Some(article) = self.article(doc) else {
            return Some(hit);
        };
        let (title_found, mut matched) = scan(&article.title, &prepared.marks);
        hit.title_highlights = title_found.into_iter().map(|(range, _)| range).collect();
        hit.snippet = match (options.snippets, options.matched_words) {
            (false, false) => Snippet::default(),
            _ if !marked_body => opening(&article.body, SNIPPET_CHARS),
            (_, true) => {
                let (found, body_matched) = scan(&article.body, &prepared.marks);
                for term in body_matched {
                    if !matched.contains(&term) {
                        matched.push(term);
                    }
                }
                snippet_from(&article.body, &found, SNIPPET_CHARS)
            }
            (true, false) => make_snippet(&article.body, &prepared.marks, SNIPPET_CHARS),
        };
        if options.matched_words {
            hit.matched = matched;
        }
        Some(hit)
    }

    /// `hit` with its title highlights and snippet for `prepared`, once its article is here:
    /// for hits searched without snippets (`SearchOptions::snippets`) or that awaited their
    /// text, made without searching again. `None` while the article is not here.
    pub fn complete_hit(&self, hit: &Hit, prepared: &Prepared) -> Option<Hit> {
        let article = self.article(hit.doc)?;
        let (title_found, _) = scan(&article.title, &prepared.marks);
        Some(Hit {
            title_highlights: title_found.into_iter().map(|(range, _)| range).collect(),
            snippet: make_snippet(&article.body, &prepared.marks, SNIPPET_CHARS),
            awaiting_text: None,
            ..hit.clone()
        })
    }
}
