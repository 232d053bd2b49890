//! Query parsing and ranking.
//!
//! A [`Query`] is the list of distinct terms of the user's input, tokenized exactly like the
//! articles. Every term must match (AND). A term matches a dictionary entry equal to it, or —
//! except for numbers — one that starts with it, so `중관춘` finds `중관춘은` and `중관춘에서`
//! (Korean attaches particles to the noun). Prefix matches count less than exact ones.
//!
//! Ranking is BM25F over two fields, title and body, with the title weighted up. Ties go to the
//! newer article. An empty query matches every article, newest first (browsing).

use std::collections::HashMap;

use fst::{automaton::Str, Automaton, IntoStreamer, Streamer};

use crate::index::{DocId, Index};
use crate::snippet::{highlight_ranges, make_snippet, Snippet};
use crate::tokenize::{normalize_text, tokenize, Script};

/// BM25 term-frequency saturation. 1.2 is the usual value; 0.5–2.0 is a sensible range.
const K1: f32 = 1.2;
/// BM25 length normalization: 0 ignores length, 1 normalizes fully.
const B: f32 = 0.75;
/// How much a title occurrence outweighs a body occurrence (1 = equal; 2–5 is typical).
const TITLE_WEIGHT: f32 = 3.0;
/// Weight of a longer word found by prefix (`중관춘은` for `중관춘`) relative to the exact word.
/// Below 1 so exact matches rank first; above ~0.3 so particle forms still count.
const PREFIX_WEIGHT: f32 = 0.6;
/// Most dictionary entries one query term may expand to; bounds time for one-syllable prefixes.
const MAX_EXPANSIONS: usize = 2_000;
/// Length of a result snippet, in characters.
pub const SNIPPET_CHARS: usize = 160;

/// One term of a query, in folded (search) form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryTerm {
    pub text: String,
    /// Whether longer words starting with `text` match too (all but numbers).
    pub prefix: bool,
}

impl QueryTerm {
    /// How many bytes of the folded `token` this term matches: all of it when equal, the
    /// term's length when the token merely starts with it, `None` when it does not match.
    pub fn match_len(&self, token: &str) -> Option<usize> {
        if token == self.text {
            Some(token.len())
        } else if self.prefix && token.starts_with(&self.text) {
            Some(self.text.len())
        } else {
            None
        }
    }
}

/// A parsed query: its distinct terms, in input order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub terms: Vec<QueryTerm>,
}

impl Query {
    /// Parses user input. Never fails: anything that is not a word is ignored.
    pub fn parse(input: &str) -> Query {
        let mut terms: Vec<QueryTerm> = Vec::new();
        for token in tokenize(&normalize_text(input)) {
            if terms.iter().all(|t| t.text != token.text) {
                terms.push(QueryTerm { prefix: token.script != Script::Digit, text: token.text });
            }
        }
        Query { terms }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// Paging of a search.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SearchOptions {
    pub limit: usize,
    pub offset: usize,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions { limit: 20, offset: 0 }
    }
}

/// One ranked article.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub doc: DocId,
    pub score: f32,
    /// Byte ranges of the matched words in the article's title.
    pub title_highlights: Vec<std::ops::Range<usize>>,
    pub snippet: Snippet,
}

/// The answer to a search: how many articles match, and the requested page of them.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchResults {
    pub query: Query,
    pub total: usize,
    pub hits: Vec<Hit>,
}

/// Per-document weighted term frequencies of one query term.
#[derive(Clone, Copy, Default)]
struct FieldFreqs {
    title: f32,
    body: f32,
}

impl<D: AsRef<[u8]>> Index<D> {
    /// Runs a query: all terms must match; returns the total and the page `options` asks for.
    pub fn search(&self, input: &str, options: &SearchOptions) -> SearchResults {
        let query = Query::parse(input);
        let mut ranked: Vec<(DocId, f32)> = if query.is_empty() {
            (0..self.docs.len() as DocId).map(|doc| (doc, 0.0)).collect()
        } else {
            self.score_all(&query)
        };
        ranked.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then_with(|| self.date_of(b.0).cmp(&self.date_of(a.0)))
                .then_with(|| a.0.cmp(&b.0))
        });
        let total = ranked.len();
        let hits = ranked
            .into_iter()
            .skip(options.offset)
            .take(options.limit)
            .filter_map(|(doc, score)| {
                let article = self.article(doc)?;
                Some(Hit {
                    doc,
                    score,
                    title_highlights: highlight_ranges(&article.title, &query),
                    snippet: make_snippet(&article.body, &query, SNIPPET_CHARS),
                })
            })
            .collect();
        SearchResults { query, total, hits }
    }

    fn date_of(&self, doc: DocId) -> Option<&str> {
        self.article(doc).and_then(|a| a.date.as_deref())
    }

    /// BM25F scores of the documents that match every term.
    fn score_all(&self, query: &Query) -> Vec<(DocId, f32)> {
        let n = self.docs.len() as f32;
        let mut scores: HashMap<DocId, (f32, usize)> = HashMap::new();
        for (i, term) in query.terms.iter().enumerate() {
            let freqs = self.term_freqs(term);
            let df = freqs.len() as f32;
            let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
            for (doc, f) in freqs {
                let stats = self.docs[doc as usize];
                let title_norm = 1.0 - B + B * stats.title_tokens as f32 / self.avg_title_tokens;
                let body_norm = 1.0 - B + B * stats.body_tokens as f32 / self.avg_body_tokens;
                let tf = TITLE_WEIGHT * f.title / title_norm + f.body / body_norm;
                let score = idf * tf * (K1 + 1.0) / (K1 + tf);
                // Only documents that matched every earlier term stay candidates.
                match scores.get_mut(&doc) {
                    Some(entry) if entry.1 == i => *entry = (entry.0 + score, i + 1),
                    None if i == 0 => {
                        scores.insert(doc, (score, 1));
                    }
                    _ => {}
                }
            }
        }
        let all = query.terms.len();
        scores.into_iter().filter(|(_, (_, matched))| *matched == all).map(|(doc, (s, _))| (doc, s)).collect()
    }

    /// Weighted frequencies of one term and its prefix expansions, per document.
    fn term_freqs(&self, term: &QueryTerm) -> HashMap<DocId, FieldFreqs> {
        let mut freqs: HashMap<DocId, FieldFreqs> = HashMap::new();
        let mut add = |offset: u64, weight: f32| {
            // The checksum was verified on open, so a decoding error here means a writer bug;
            // the term then simply contributes nothing rather than failing the search.
            let _ = self.read_postings(offset, |p| {
                let f = freqs.entry(p.doc).or_default();
                f.title += weight * p.title_positions.len() as f32;
                f.body += weight * p.body_positions.len() as f32;
            });
        };
        if term.prefix {
            let automaton = Str::new(&term.text).starts_with();
            let mut stream = self.terms.search(automaton).into_stream();
            let mut expansions = 0;
            while let Some((key, offset)) = stream.next() {
                let weight = if key == term.text.as_bytes() { 1.0 } else { PREFIX_WEIGHT };
                add(offset, weight);
                expansions += 1;
                if expansions == MAX_EXPANSIONS {
                    break;
                }
            }
        } else if let Some(offset) = self.terms.get(&term.text) {
            add(offset, 1.0);
        }
        freqs
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::tests::article;
    use crate::IndexBuilder;

    fn index(articles: &[(&str, &str, &str)]) -> Index<Vec<u8>> {
        let mut builder = IndexBuilder::new();
        for (id, title, body) in articles {
            builder.add(article(id, title, body));
        }
        Index::open(builder.finish()).unwrap()
    }

    fn ids(index: &Index<Vec<u8>>, query: &str) -> Vec<String> {
        let results = index.search(query, &SearchOptions { limit: 100, offset: 0 });
        results.hits.iter().map(|h| index.article(h.doc).unwrap().id.clone()).collect()
    }

    #[test]
    fn parses_distinct_terms_and_numbers_without_prefix() {
        let q = Query::parse("화웨이 화웨이, 2020년");
        let texts: Vec<_> = q.terms.iter().map(|t| (t.text.as_str(), t.prefix)).collect();
        assert_eq!(texts, [("화웨이", true), ("2020", false), ("년", true)]);
        assert!(Query::parse(" ,.!? ").is_empty());
    }

    #[test]
    fn prefix_finds_particle_forms() {
        let idx = index(&[("a", "기사", "중관춘은 베이징에 있다"), ("b", "기사", "상하이 이야기")]);
        assert_eq!(ids(&idx, "중관춘"), ["a"]);
        assert_eq!(ids(&idx, "중관"), ["a"]);
        assert!(ids(&idx, "중관춘에서").is_empty(), "a longer query word does not match a shorter one");
    }

    #[test]
    fn all_terms_must_match() {
        let idx = index(&[
            ("a", "기사", "화웨이 칩 금지령"),
            ("b", "기사", "화웨이 스마트폰"),
            ("c", "기사", "샤오미 스마트폰"),
        ]);
        assert_eq!(ids(&idx, "화웨이 스마트폰"), ["b"]);
        assert!(ids(&idx, "화웨이 없는단어").is_empty());
    }

    #[test]
    fn title_match_outranks_body_match() {
        let idx = index(&[
            ("body", "반도체 소식", "이번 주 화웨이 관련 소식이 있었다 그리고 다른 이야기도 많았다"),
            ("title", "화웨이 신제품", "이번 주 새로운 제품이 나왔다 그리고 다른 이야기도 많았다"),
        ]);
        assert_eq!(ids(&idx, "화웨이"), ["title", "body"]);
    }

    #[test]
    fn exact_outranks_prefix_and_frequency_counts() {
        let idx = index(&[
            ("prefix", "기사", "창업자들이 모였다 오늘 행사"),
            ("exact", "기사", "창업 열기가 뜨겁다 오늘 행사"),
            ("twice", "기사", "창업 창업 열기가 뜨겁다 오늘"),
        ]);
        assert_eq!(ids(&idx, "창업"), ["twice", "exact", "prefix"]);
    }

    #[test]
    fn numbers_match_exactly() {
        let idx = index(&[("a", "기사", "2020년 소식"), ("b", "기사", "20201 번호")]);
        assert_eq!(ids(&idx, "2020"), ["a"]);
    }

    #[test]
    fn empty_query_browses_newest_first_and_pages() {
        let mut builder = IndexBuilder::new();
        for (id, date) in [("old", Some("2019-01-01")), ("none", None), ("new", Some("2022-12-14"))] {
            let mut a = article(id, "제목", "본문");
            a.date = date.map(String::from);
            builder.add(a);
        }
        let idx = Index::open(builder.finish()).unwrap();
        assert_eq!(ids(&idx, ""), ["new", "old", "none"]);
        let page = idx.search("", &SearchOptions { limit: 1, offset: 1 });
        assert_eq!(page.total, 3);
        assert_eq!(idx.article(page.hits[0].doc).unwrap().id, "old");
    }

    #[test]
    fn hits_carry_snippet_and_title_highlights() {
        let idx = index(&[("a", "화웨이 칩 금지령", "미국이 화웨이에 대한 칩 금지령을 연장했다.")]);
        let results = idx.search("화웨이", &SearchOptions::default());
        assert_eq!(results.total, 1);
        let hit = &results.hits[0];
        assert_eq!(hit.title_highlights, vec![0.."화웨이".len()]);
        let marked: Vec<&str> = hit.snippet.highlights.iter().map(|r| &hit.snippet.text[r.clone()]).collect();
        assert_eq!(marked, ["화웨이"]);
    }
}
