//! Searching: a parsed [`Query`] is prepared against the index — each word expanded into the
//! dictionary terms it matches — then articles are filtered, ranked and paged.
//!
//! How a word matches, best first (the weight scales its term frequency):
//!
//! | kind | example | weight |
//! |---|---|---|
//! | exact | 화웨이 → 화웨이 | 1.0 |
//! | stem (the query word's own particles and endings dropped) | 화웨이는 → 화웨이 | 0.65 |
//! | prefix (particles, endings, compounds it begins) | 중관춘 → 중관춘은, 창업자 → 창업자들이 | 0.6 |
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
//! particles or endings (화웨이는, 발표했다, 기업입니다) is searched as its stem too; an article
//! holding the word as written counts most ([`WRITTEN_WEIGHT`], [`WRITTEN_BONUS`]).
//!
//! Ranking is BM25F over title (weighted up) and body, plus a bonus when the query's words
//! stand next to each other; ties go to the newer article. Every answer carries the total,
//! facet counts (per source, per month, undated) and, per hit, a snippet with highlights.

use std::ops::Range;
use std::sync::Arc;

use fst::{IntoStreamer, Streamer};

use crate::fxhash::{FxMap, FxSet};
use crate::index::{DocId, DocMask, DocStats, Index, Positions};
use crate::jamo;
use crate::query::{Clause, DateRange, Query, Word};
use crate::shape;
use crate::snippet::{make_snippet, opening, scan, snippet_from, Snippet};
use crate::tokenize::{fold, Script, PARTICLES};

/// BM25 term-frequency saturation. 1.2 is the usual value; 0.5–2.0 is a sensible range.
const K1: f32 = 1.2;
/// BM25 length normalization: 0 ignores length, 1 normalizes fully.
const B: f32 = 0.75;
/// How much a title occurrence outweighs a body occurrence (1 = equal; 2–5 is typical).
const TITLE_WEIGHT: f32 = 3.0;
/// Most dictionary terms one word may expand to per kind: the most frequent of up to
/// `MAX_CANDIDATES` found. Bounds time for one-syllable prefixes (100–1,000 is sensible).
const MAX_EXPANSIONS: usize = 300;
const MAX_CANDIDATES: usize = 2_000;
/// Terms per clause whose positions are read for the proximity bonus (the best-weighted).
const MAX_PROXIMITY_TERMS: usize = 3;
/// A word whose exact, prefix, compound and alias matches cover fewer documents than this is
/// also looked up by edit distance (1–5 is sensible; 0 disables fuzzy matching).
const FUZZY_BELOW_DOCS: usize = 3;
/// Shortest word looked up by edit distance, and the length from which two edits are allowed
/// (in syllables).
const FUZZY_MIN_SYLLABLES: usize = 3;
const FUZZY_LONG_SYLLABLES: usize = 5;
/// Best hits re-ranked with the proximity bonus; the rest keep their BM25 order.
const PROXIMITY_CANDIDATES: usize = 200;
/// Score multiplier for hits whose query words stand side by side (phrase-like): 1 + this.
const ADJACENT_BONUS: f32 = 0.5;
/// Weight of a query word with particles or endings, where the archive has it as written: a
/// little above its stem's own forms (exact 1.0 would rank an article that happens to use the
/// same particle far above one that uses another).
pub const WRITTEN_WEIGHT: f32 = 0.7;
/// Score multiplier of a clause, 1 + this, in an article that holds a word of it as the query
/// wrote it with its particles or endings (중관춘에서 for 중관춘에서), over its stem's other
/// forms: a pasted phrase finds its article first, while a query with other particles still
/// finds every form (0 ranks all forms alike; 0.3–1 is sensible).
pub const WRITTEN_BONUS: f32 = 0.5;
/// Shortest stem, in characters, that a query word the archive lacks is cut to by a particle
/// or ending it ends in (국가 is not 국 + 가).
const MIN_QUERY_STEM_CHARS: usize = 2;
/// Longer terms looked at to tell whether a string is the stem of some term.
const STEM_PROBES: usize = 64;
/// Length of a result snippet, in characters.
pub const SNIPPET_CHARS: usize = 160;

/// How a dictionary term came to match a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MatchKind {
    Exact,
    Stem,
    Prefix,
    Alias,
    Typing,
    Initials,
    Compound,
    Fuzzy,
}

impl MatchKind {
    fn weight(self) -> f32 {
        match self {
            MatchKind::Exact => 1.0,
            MatchKind::Stem => 0.65,
            MatchKind::Prefix => 0.6,
            MatchKind::Alias | MatchKind::Typing | MatchKind::Initials => 0.5,
            MatchKind::Compound => 0.45,
            MatchKind::Fuzzy => 0.3,
        }
    }
}

/// One dictionary term a word matches.
#[derive(Clone, Debug, PartialEq)]
pub struct TermMatch {
    pub term: String,
    pub kind: MatchKind,
    pub weight: f32,
    postings: u64,
}

/// A query word with the dictionary terms it matches.
#[derive(Clone, Debug, PartialEq)]
pub struct PreparedWord {
    pub word: Word,
    pub matches: Vec<TermMatch>,
    /// A spacing variant: the word written as two (스마트팩토리 → 스마트 팩토리).
    split: Option<(TermMatch, Vec<TermMatch>)>,
    /// The stem also searched for a word written with particles or endings (화웨이는 → 화웨이).
    pub stem: Option<String>,
}

/// "중관촌 → also showing 중관춘": a word found little, so similar words were searched too.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    pub word: String,
    pub also: Vec<String>,
}

/// How a token of text is highlighted when it matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Mark {
    pub(crate) kind: MatchKind,
    /// Index of the query word, to count distinct words in a snippet window.
    pub(crate) word: usize,
}

/// A query prepared against an index: what each word matches, ready to score and highlight.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Prepared {
    pub query: Query,
    clauses: Vec<(bool, Vec<PreparedWord>)>,
    excluded: Vec<PreparedWord>,
    pub suggestions: Vec<Suggestion>,
    /// Every matched term → how to mark it (best kind wins).
    pub(crate) marks: FxMap<String, Mark>,
    /// The folded text of each word, by `Mark::word`.
    pub(crate) word_texts: Vec<String>,
    /// How many words have a term in `marks`: the most distinct words a snippet can show.
    pub(crate) marked_words: usize,
    /// The first characters of the terms in `marks`, a bit each (by code point, modulo
    /// 2,048): most words of a text start with none of them and are passed over by one bit
    /// test, not hashed and looked up.
    mark_starts: [u64; 32],
}

impl Prepared {
    /// Whether `token` (folded) may be in `marks`: `false` means it is not.
    #[inline]
    pub(crate) fn may_mark(&self, token: &str) -> bool {
        token.chars().next().is_some_and(|c| {
            let bit = c as usize % 2048;
            self.mark_starts[bit / 64] >> (bit % 64) & 1 == 1
        })
    }

    /// The dictionary terms each word matched, for display ("matched").
    pub fn words(&self) -> impl Iterator<Item = &PreparedWord> {
        self.clauses.iter().flat_map(|(_, words)| words)
    }
}

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
        }
    }
}

/// Counts of matching articles per source and per month, for the current query.
///
/// Facets are disjunctive: source counts ignore the source filter and month counts ignore the
/// date filter, so choosing one source still shows how many the others have.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facets {
    /// (source, count), most articles first; articles without a source are not counted.
    pub sources: Vec<(String, usize)>,
    /// (`YYYY-MM`, count), in month order.
    pub months: Vec<(String, usize)>,
    pub undated: usize,
}

/// One ranked article.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub doc: DocId,
    pub score: f32,
    /// Byte ranges of the matched words in the article's title.
    pub title_highlights: Vec<Range<usize>>,
    /// Empty while the article's text is awaited (`awaiting_text`), or when the search was
    /// asked for no snippets (`SearchOptions::snippets`).
    pub snippet: Snippet,
    /// The words of the article that matched (folded), for "matched: […]"; filled only when
    /// `SearchOptions::matched_words` asks for it.
    pub matched: Vec<String>,
    /// In a split index, the text chunk to give [`Index::add_texts`] before this hit can have
    /// its snippet (then made by [`Index::snippet`]); `None` when the text is here.
    pub awaiting_text: Option<usize>,
}

/// The answer to a search.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchResults {
    pub prepared: Prepared,
    pub total: usize,
    pub hits: Vec<Hit>,
    pub facets: Facets,
}

/// Weighted term frequencies of one document.
#[derive(Clone, Copy, Default)]
struct FieldFreqs {
    title: f32,
    body: f32,
}

/// Weighted term frequencies of one clause for every document (dense: no hashing on the hot
/// path), with the documents touched.
struct Freqs {
    /// Per document: weighted title and body frequencies, side by side (one cache line for
    /// both, as postings visit documents in no order across terms).
    freqs: Vec<[f32; 2]>,
    /// The documents touched: a bit each, set on every posting (no test, no branch; a few
    /// kilobytes, so it stays in the fastest cache), read back in id order at the end.
    touched: DocMask,
    /// Documents whose body holds a spacing variant's part, alone (not counted in `freqs`,
    /// which count the parts side by side, but highlighted).
    parts_in_body: DocMask,
}

impl Freqs {
    fn new(docs: usize) -> Freqs {
        Freqs {
            freqs: vec![[0.0; 2]; docs],
            touched: DocMask::new(docs),
            parts_in_body: DocMask::new(docs),
        }
    }

    #[inline]
    fn add(&mut self, doc: DocId, title: f32, body: f32) {
        let Some(f) = self.freqs.get_mut(doc as usize) else {
            return;
        };
        f[0] += title;
        f[1] += body;
        self.touched.insert(doc);
    }

    fn of(&self, doc: DocId) -> FieldFreqs {
        let [title, body] = self.freqs[doc as usize];
        FieldFreqs { title, body }
    }
}

/// Counts per facet value (source, month). Most matches of a query share a few values, and
/// adding one to the same counter again and again waits on the previous addition each time:
/// `LANES` counters per value, taken in turn, let the additions overlap.
struct Counts(Vec<[u32; Counts::LANES]>);

impl Counts {
    const LANES: usize = 4;

    fn new(values: usize) -> Counts {
        Counts(vec![[0; Counts::LANES]; values])
    }

    /// Counts one for `value`; `turn` (any number that changes from call to call) picks the
    /// lane.
    #[inline]
    fn add(&mut self, value: usize, turn: usize) {
        if let Some(lanes) = self.0.get_mut(value) {
            lanes[turn % Counts::LANES] += 1;
        }
    }

    fn total(&self, value: usize) -> usize {
        self.0
            .get(value)
            .map_or(0, |lanes| lanes.iter().map(|&n| n as usize).sum())
    }
}

/// What recent searches computed that the next one can reuse. While a query is typed, the
/// words before the one being typed stay the same from keystroke to keystroke (중국 기 →
/// 중국 기업): their expansions and their clauses' scores are taken from here instead of being
/// worked out again. Results are the same with or without it. It belongs to one index (used
/// with another, it starts over) and keeps the last `CACHED_WORDS` expansions and
/// `CACHED_CLAUSES` clauses' scores (8 bytes per article a clause matches, and a bit per
/// article).
#[derive(Default)]
pub struct SearchCache {
    /// The checksum of the index the entries were computed on.
    index: Option<u64>,
    /// A word and whether fuzzy matching was allowed → its expansion and the suggestions made.
    words: Recent<(Word, bool), (PreparedWord, Vec<Suggestion>)>,
    /// A clause (phrase or not, its words) → what it matches.
    clauses: Recent<(bool, Vec<Word>), Arc<ClauseMatches>>,
}

/// What one clause matches: each document with the clause's BM25F score, and the documents
/// whose body may hold one of the terms the clause marks.
#[derive(Clone)]
struct ClauseMatches {
    scores: Vec<(DocId, f32)>,
    /// `None`: any of them may (a phrase's words are marked wherever they stand, also apart,
    /// which its scores do not tell).
    marked_bodies: Option<DocMask>,
}

const CACHED_WORDS: usize = 16;
const CACHED_CLAUSES: usize = 4;

impl SearchCache {
    /// The cache, emptied first if it was filled on another index than `index`.
    fn on<D: AsRef<[u8]>>(&mut self, index: &Index<D>) -> &mut SearchCache {
        if self.index != Some(index.checksum()) {
            *self = SearchCache {
                index: Some(index.checksum()),
                ..SearchCache::default()
            };
        }
        self
    }
}

/// The most recently used entries of a small map, up to a capacity.
struct Recent<K, V> {
    /// Least recently used first.
    entries: Vec<(K, V)>,
}

impl<K, V> Default for Recent<K, V> {
    fn default() -> Self {
        Recent {
            entries: Vec::new(),
        }
    }
}

impl<K: PartialEq, V> Recent<K, V> {
    /// The value of `key`, made by `make` unless it is here; it becomes the most recent.
    fn get_or_insert_with(&mut self, key: K, capacity: usize, make: impl FnOnce() -> V) -> &V {
        match self.entries.iter().position(|(k, _)| *k == key) {
            Some(at) => {
                let entry = self.entries.remove(at);
                self.entries.push(entry);
            }
            None => {
                if self.entries.len() >= capacity {
                    self.entries.remove(0);
                }
                let value = make();
                self.entries.push((key, value));
            }
        }
        &self.entries.last().expect("an entry was just pushed").1
    }
}

/// Per article, the weight of a term occurrence in its title and in its body: the title boost
/// over each field's length normalisation (BM25's `1 - b + b·length/average length`).
pub(crate) fn field_weights(docs: &[DocStats]) -> Vec<[f32; 2]> {
    let count = docs.len().max(1) as f32;
    let avg_title = (docs.iter().map(|d| d.title_tokens as f32).sum::<f32>() / count).max(1.0);
    let avg_body = (docs.iter().map(|d| d.body_tokens as f32).sum::<f32>() / count).max(1.0);
    let norm = |tokens: u32, avg: f32| 1.0 - B + B * tokens as f32 / avg;
    docs.iter()
        .map(|d| {
            [
                TITLE_WEIGHT / norm(d.title_tokens, avg_title),
                1.0 / norm(d.body_tokens, avg_body),
            ]
        })
        .collect()
}

impl<D: AsRef<[u8]>> Index<D> {
    /// Parses and runs a query: the total, the page `options` asks for, facets, suggestions.
    pub fn search(&self, input: &str, options: &SearchOptions) -> SearchResults {
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
        let cache = cache.on(self);
        let prepared = self.prepare_with(input, Some(&mut *cache));
        self.search_prepared_with(prepared, options, Some(cache))
    }

    /// Parses a query and expands its words against this index.
    pub fn prepare(&self, input: &str) -> Prepared {
        self.prepare_with(input, None)
    }

    fn prepare_with(&self, input: &str, mut cache: Option<&mut SearchCache>) -> Prepared {
        let query = Query::parse(input);
        let mut prepared = Prepared::default();
        for clause in &query.clauses {
            let phrase = matches!(clause, Clause::Phrase(_));
            let mut words = Vec::with_capacity(clause.words().len());
            for word in clause.words() {
                let allow_fuzzy = !phrase;
                match cache.as_deref_mut() {
                    Some(cache) => {
                        let (expanded, suggested) = cache.words.get_or_insert_with(
                            (word.clone(), allow_fuzzy),
                            CACHED_WORDS,
                            || {
                                let mut suggested = Vec::new();
                                let expanded =
                                    self.expand(word, allow_fuzzy, !phrase, &mut suggested);
                                (expanded, suggested)
                            },
                        );
                        prepared.suggestions.extend(suggested.iter().cloned());
                        words.push(expanded.clone());
                    }
                    None => words.push(self.expand(
                        word,
                        allow_fuzzy,
                        !phrase,
                        &mut prepared.suggestions,
                    )),
                }
            }
            prepared.clauses.push((phrase, words));
        }
        prepared.excluded = query
            .excluded
            .iter()
            .map(|w| self.expand(w, false, true, &mut Vec::new()))
            .collect();
        for word in prepared.clauses.iter().flat_map(|(_, words)| words) {
            let index = prepared.word_texts.len();
            // What a match highlights of a longer word: the stem where the query had particles.
            prepared
                .word_texts
                .push(word.stem.clone().unwrap_or_else(|| word.word.text.clone()));
            let split_parts = word
                .split
                .iter()
                .flat_map(|(first, rest)| std::iter::once(first).chain(rest));
            for m in word.matches.iter().chain(split_parts) {
                let mark = Mark {
                    kind: m.kind,
                    word: index,
                };
                let entry = prepared.marks.entry(m.term.clone()).or_insert(mark);
                if m.kind < entry.kind {
                    *entry = mark;
                }
            }
        }
        for c in prepared.marks.keys().filter_map(|term| term.chars().next()) {
            let bit = c as usize % 2048;
            prepared.mark_starts[bit / 64] |= 1 << (bit % 64);
        }
        let mut marked: Vec<usize> = prepared.marks.values().map(|m| m.word).collect();
        marked.sort_unstable();
        marked.dedup();
        prepared.marked_words = marked.len();
        prepared.query = query;
        prepared
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
                self.hit(doc, score, &prepared, options, marked_body)
            })
            .collect();
        SearchResults {
            prepared,
            total,
            hits,
            facets,
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

    /// The scored articles that pass the exclusions and filters (unordered), the facets, and
    /// the articles whose body may hold a marked term (`None`: any).
    fn matching(
        &self,
        prepared: &Prepared,
        options: &SearchOptions,
        cache: Option<&mut SearchCache>,
    ) -> (Vec<(DocId, f32)>, Facets, Option<DocMask>) {
        let (scored, marked_bodies) = self.score(prepared, cache);
        let excluded = self.excluded_docs(prepared);
        let wanted: Vec<String> = options
            .sources
            .iter()
            .chain(&prepared.query.sources)
            .map(|s| fold(s))
            .collect();
        // Which source names pass the source filter, decided once per name.
        let source_ok: Vec<bool> = self
            .source_names
            .iter()
            .map(|name| wanted.is_empty() || wanted.iter().any(|w| fold(name).contains(w.as_str())))
            .collect();
        let mut dates = prepared.query.dates.clone();
        if let Some(from) = &options.from {
            dates.from = Some(
                dates
                    .from
                    .map_or_else(|| from.clone(), |f| f.max(from.clone())),
            );
        }
        if let Some(to) = &options.to {
            dates.to = Some(dates.to.map_or_else(|| to.clone(), |t| t.min(to.clone())));
        }

        let mut source_counts = Counts::new(self.source_names.len());
        // The months' counts, then the undated articles' (the month column's `u32::MAX`).
        let undated_slot = self.month_names.len();
        let mut month_counts = Counts::new(undated_slot + 1);
        // Counts the `i`th match, `doc`, in the facets; the source facet counts the articles
        // in the dates asked for, the month facet those of the sources asked for.
        let mut count = |i: usize, doc: DocId, in_sources: bool, in_dates: bool| {
            if in_dates {
                // An article without a source (`u32::MAX`) is not counted.
                source_counts.add(self.sources_column[doc as usize] as usize, i);
            }
            if in_sources {
                let month = self.months_column[doc as usize] as usize;
                month_counts.add(month.min(undated_slot), i);
            }
        };
        let unfiltered =
            excluded.is_empty() && wanted.is_empty() && dates.is_open() && !options.undated;
        let ranked = if unfiltered {
            for (i, &(doc, _)) in scored.iter().enumerate() {
                count(i, doc, true, true);
            }
            scored
        } else {
            let mut ranked: Vec<(DocId, f32)> = Vec::with_capacity(scored.len());
            for (i, (doc, score)) in scored.into_iter().enumerate() {
                if excluded.contains(&doc) {
                    continue;
                }
                let source = self.sources_column[doc as usize];
                let in_sources =
                    wanted.is_empty() || (source != u32::MAX && source_ok[source as usize]);
                let in_dates = if options.undated {
                    self.months_column[doc as usize] == u32::MAX
                } else {
                    self.date_matches(doc, &dates)
                };
                count(i, doc, in_sources, in_dates);
                if in_sources && in_dates {
                    ranked.push((doc, score));
                }
            }
            ranked
        };
        let mut facets = Facets {
            undated: month_counts.total(undated_slot),
            ..Facets::default()
        };
        let named = |names: &[String], counts: Counts| -> Vec<(String, usize)> {
            names
                .iter()
                .enumerate()
                .filter_map(|(i, name)| {
                    let n = counts.total(i);
                    (n > 0).then(|| (name.clone(), n))
                })
                .collect()
        };
        facets.sources = named(&self.source_names, source_counts);
        facets
            .sources
            .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        facets.months = named(&self.month_names, month_counts);
        (ranked, facets, marked_bodies)
    }

    /// Hit `doc`; its body is read for matches only when it may hold a marked term
    /// (`marked_body`), else its snippet is the start of the text.
    fn hit(
        &self,
        doc: DocId,
        score: f32,
        prepared: &Prepared,
        options: &SearchOptions,
        marked_body: bool,
    ) -> Option<Hit> {
        let head = self.head(doc)?;
        let (title_found, mut matched) = scan(&head.title, prepared);
        if !options.matched_words {
            matched.clear();
        }
        let awaiting_text = self.missing_text(doc);
        let article = if options.snippets || options.matched_words {
            self.article(doc)
        } else {
            None
        };
        let snippet = match article {
            Some(article) if !marked_body => opening(&article.body, SNIPPET_CHARS),
            Some(article) if options.matched_words => {
                let (found, body_matched) = scan(&article.body, prepared);
                for term in body_matched {
                    if !matched.contains(&term) {
                        matched.push(term);
                    }
                }
                snippet_from(&article.body, &found, SNIPPET_CHARS)
            }
            Some(article) => make_snippet(&article.body, prepared, SNIPPET_CHARS),
            None => Snippet::default(),
        };
        let title_highlights = title_found.into_iter().map(|(range, _)| range).collect();
        Some(Hit {
            doc,
            score,
            title_highlights,
            snippet,
            matched,
            awaiting_text,
        })
    }

    /// The snippet of article `doc` for `prepared` (`Hit::snippet`), once its text is here:
    /// for hits searched without snippets (`SearchOptions::snippets`) or that awaited their
    /// text, made without searching again.
    pub fn snippet(&self, doc: DocId, prepared: &Prepared) -> Option<Snippet> {
        self.article(doc)
            .map(|article| make_snippet(&article.body, prepared, SNIPPET_CHARS))
    }

    fn date_matches(&self, doc: DocId, dates: &DateRange) -> bool {
        if dates.is_open() {
            return true;
        }
        self.date_of(doc).is_some_and(|d| dates.contains(d))
    }

    /// The date's rank (later dates rank higher; 0 when undated).
    fn date_rank(&self, doc: DocId) -> u32 {
        self.date_ranks.get(doc as usize).copied().unwrap_or(0)
    }

    /// A key whose ascending order (then the doc id's) is the result order of `sort`: score
    /// highest first, then date newest first (undated last); or the date first. Its upper
    /// half is [`Index::order_primary`].
    fn order_key(&self, doc: DocId, score: f32, sort: Sort) -> u64 {
        let by_score = u64::from(Self::by_score(score));
        let by_date = u64::from(self.by_date(doc, sort));
        match sort {
            Sort::Relevance => by_score << 32 | by_date,
            Sort::Newest | Sort::Oldest => by_date << 32 | by_score,
        }
    }

    /// The upper half of [`Index::order_key`]: for relevance the score's alone, so most
    /// entries of a long list are passed over without looking their dates up.
    fn order_primary(&self, doc: DocId, score: f32, sort: Sort) -> u32 {
        match sort {
            Sort::Relevance => Self::by_score(score),
            Sort::Newest | Sort::Oldest => self.by_date(doc, sort),
        }
    }

    /// Higher scores give smaller numbers.
    fn by_score(score: f32) -> u32 {
        // The bits of an f32 as a u32 in the order of `f32::total_cmp`.
        let bits = score.to_bits();
        let score_order = if bits >> 31 == 1 {
            !bits
        } else {
            bits | 1 << 31
        };
        u32::MAX - score_order
    }

    /// The date's order in `sort` (newest first but for `Sort::Oldest`), undated last.
    fn by_date(&self, doc: DocId, sort: Sort) -> u32 {
        match (sort, self.date_rank(doc)) {
            (_, 0) => u32::MAX,
            (Sort::Oldest, rank) => rank,
            (Sort::Newest | Sort::Relevance, rank) => u32::MAX - rank,
        }
    }

    /// Puts the first `wanted` entries of `ranked` in order (the rest stay unordered, all
    /// after them) and returns how many are ordered.
    fn order(
        &self,
        ranked: &mut [(DocId, f32)],
        prepared: &Prepared,
        sort: Sort,
        wanted: usize,
    ) -> usize {
        let by_relevance = |a: &(DocId, f32), b: &(DocId, f32)| {
            b.1.total_cmp(&a.1)
                .then_with(|| self.date_rank(b.0).cmp(&self.date_rank(a.0)))
                .then_with(|| a.0.cmp(&b.0))
        };
        let newest = sort == Sort::Newest;
        let by_date = |a: &(DocId, f32), b: &(DocId, f32)| {
            // Undated articles come last in both orders.
            let by_date = match (self.date_rank(a.0), self.date_rank(b.0)) {
                (0, 0) => std::cmp::Ordering::Equal,
                (_, 0) => std::cmp::Ordering::Less,
                (0, _) => std::cmp::Ordering::Greater,
                (x, y) if newest => y.cmp(&x),
                (x, y) => x.cmp(&y),
            };
            by_date.then_with(|| by_relevance(a, b))
        };
        let relevance = sort == Sort::Relevance;
        let head = wanted
            .max(if relevance { PROXIMITY_CANDIDATES } else { 0 })
            .min(ranked.len());
        if head == 0 {
            return 0;
        }
        let compare = |a: &(DocId, f32), b: &(DocId, f32)| {
            if relevance {
                by_relevance(a, b)
            } else {
                by_date(a, b)
            }
        };
        if head < ranked.len() {
            // The head is found among tens of thousands of entries by one integer key each, in
            // the order of `compare` (no date looked up in a comparison): the `head` smallest
            // keys are kept in a heap, then the entries up to its largest key are moved to
            // the front. Once the heap is full, an entry whose key's upper half (for
            // relevance, the score alone) is above the largest's is passed over unkeyed.
            let key = |&(doc, score): &(DocId, f32)| (self.order_key(doc, score, sort), doc);
            let primary = |&(doc, score): &(DocId, f32)| self.order_primary(doc, score, sort);
            let upper = |key: &(u64, DocId)| (key.0 >> 32) as u32;
            let mut smallest = std::collections::BinaryHeap::with_capacity(head);
            let mut bound = u32::MAX;
            for entry in ranked.iter() {
                if primary(entry) > bound {
                    continue;
                }
                let entry_key = key(entry);
                if smallest.len() < head {
                    smallest.push(entry_key);
                } else if let Some(mut largest) = smallest.peek_mut() {
                    if entry_key < *largest {
                        *largest = entry_key;
                    }
                }
                if smallest.len() == head {
                    bound = smallest.peek().map_or(u32::MAX, upper);
                }
            }
            if let Some(&last) = smallest.peek() {
                let mut front = 0;
                for i in 0..ranked.len() {
                    if primary(&ranked[i]) <= upper(&last) && key(&ranked[i]) <= last {
                        ranked.swap(front, i);
                        front += 1;
                    }
                }
            }
        }
        ranked[..head].sort_by(compare);
        if relevance && prepared.clauses.len() > 1 {
            // Re-rank the best candidates: words side by side earn a bonus. Everything after
            // them scored lower before the bonus, so the head stays the head.
            let top = head.min(PROXIMITY_CANDIDATES);
            let candidates =
                DocMask::of(self.docs.len(), ranked[..top].iter().map(|(doc, _)| *doc));
            let adjacent = self.adjacent_docs(prepared, &candidates);
            for entry in &mut ranked[..top] {
                if adjacent.contains(&entry.0) {
                    entry.1 *= 1.0 + ADJACENT_BONUS;
                }
            }
            ranked[..head].sort_by(by_relevance);
        }
        head
    }

    /// Documents matching every clause, with their BM25F scores, and those whose body may hold
    /// a marked term (`None`: any). No clause: every document (and no marked term).
    fn score(
        &self,
        prepared: &Prepared,
        mut cache: Option<&mut SearchCache>,
    ) -> (Vec<(DocId, f32)>, Option<DocMask>) {
        let n = self.docs.len();
        if prepared.clauses.is_empty() {
            let every = (0..n as DocId).map(|doc| (doc, 0.0)).collect();
            return (every, Some(DocMask::new(n)));
        }
        let mut clause_matches = |phrase: bool, words: &[PreparedWord]| match cache.as_deref_mut() {
            Some(cache) => {
                let key = (phrase, words.iter().map(|w| w.word.clone()).collect());
                Arc::clone(cache.clauses.get_or_insert_with(key, CACHED_CLAUSES, || {
                    Arc::new(self.clause_matches(phrase, words))
                }))
            }
            None => Arc::new(self.clause_matches(phrase, words)),
        };
        if let [(phrase, words)] = prepared.clauses.as_slice() {
            // One clause: its scores are the answer.
            let clause = Arc::unwrap_or_clone(clause_matches(*phrase, words));
            return (clause.scores, clause.marked_bodies);
        }
        let mut scores = vec![0f32; n];
        let mut matched = vec![0u32; n];
        let mut candidates = Vec::new();
        // A body holds a marked term when it holds one of any clause's.
        let mut marked_bodies = Some(DocMask::new(n));
        for (i, (phrase, words)) in prepared.clauses.iter().enumerate() {
            let clause = clause_matches(*phrase, words);
            let i = i as u32;
            // Whether a document matched every clause before is as likely as not: added
            // without a branch on it (a wrong guess costs more than the addition).
            let mut any = false;
            for &(doc, score) in &clause.scores {
                let d = doc as usize;
                let (Some(m), Some(s)) = (matched.get_mut(d), scores.get_mut(d)) else {
                    continue;
                };
                let still = *m == i;
                *s += if still { score } else { 0.0 };
                *m += u32::from(still);
                any |= still;
            }
            marked_bodies = match (marked_bodies, &clause.marked_bodies) {
                (Some(mut all), Some(this)) => {
                    all.add_all(this);
                    Some(all)
                }
                _ => None,
            };
            if !any {
                return (Vec::new(), marked_bodies);
            }
            if i == 0 {
                candidates = Arc::unwrap_or_clone(clause).scores;
            }
        }
        let all = prepared.clauses.len() as u32;
        // Kept without a branch too: every candidate is written, the count moves on a match.
        let mut kept = 0;
        for i in 0..candidates.len() {
            let d = candidates[i].0 as usize;
            candidates[kept] = (d as DocId, scores[d]);
            kept += usize::from(matched[d] == all);
        }
        candidates.truncate(kept);
        (candidates, marked_bodies)
    }

    /// What one clause matches: the documents, each with the clause's BM25F score, and those
    /// whose body holds one of its words' terms.
    fn clause_matches(&self, phrase: bool, words: &[PreparedWord]) -> ClauseMatches {
        let freqs = if phrase {
            self.phrase_freqs(words)
        } else {
            self.clause_freqs(words)
        };
        let df = freqs.touched.len() as f32;
        let idf = (1.0 + (self.docs.len() as f32 - df + 0.5) / (df + 0.5)).ln();
        let written = (!phrase).then(|| self.written_forms(words)).flatten();
        let mut scores = Vec::with_capacity(freqs.touched.len());
        let mut marked_bodies = freqs.parts_in_body.clone();
        for doc in freqs.touched.members() {
            let f = freqs.of(doc);
            if f.body > 0.0 {
                marked_bodies.insert(doc);
            }
            let mut score = idf * self.bm25f(doc, f);
            if written.as_ref().is_some_and(|w| w.contains(doc)) {
                score *= 1.0 + WRITTEN_BONUS;
            }
            scores.push((doc, score));
        }
        // A phrase's frequencies count its words side by side; highlighting marks them (and
        // their other matches) anywhere.
        ClauseMatches {
            scores,
            marked_bodies: (!phrase).then_some(marked_bodies),
        }
    }

    /// The documents holding a word of the clause as the query wrote it, for the words that
    /// were also searched as their stems (`None` when none was).
    fn written_forms(&self, words: &[PreparedWord]) -> Option<DocMask> {
        let mut docs: Option<DocMask> = None;
        for word in words.iter().filter(|w| w.stem.is_some()) {
            let docs = docs.get_or_insert_with(|| DocMask::new(self.docs.len()));
            for m in word.matches.iter().filter(|m| m.term == word.word.text) {
                let _ = self.read_doc_freqs(m.postings, |doc, _, _| docs.insert(doc));
            }
        }
        docs
    }

    fn bm25f(&self, doc: DocId, f: FieldFreqs) -> f32 {
        let [title, body] = self
            .field_weights
            .get(doc as usize)
            .copied()
            .unwrap_or_default();
        let tf = title * f.title + body * f.body;
        tf * (K1 + 1.0) / (K1 + tf)
    }

    /// Weighted frequencies of the terms of any of `words`, per document.
    fn clause_freqs(&self, words: &[PreparedWord]) -> Freqs {
        let mut freqs = Freqs::new(self.docs.len());
        for word in words {
            for m in &word.matches {
                // The checksum was verified on open, so a decoding error here means a writer
                // bug; the term then contributes nothing rather than failing the search.
                let _ = self.read_doc_freqs(m.postings, |doc, title_tf, body_tf| {
                    freqs.add(doc, m.weight * title_tf as f32, m.weight * body_tf as f32);
                });
            }
            if let Some((first, rest)) = &word.split {
                let weight = MatchKind::Compound.weight();
                let parts = [vec![first.clone()], rest.clone()];
                let adjacent = self.adjacent_occurrences(&parts, Some(&mut freqs.parts_in_body));
                for (doc, (title, body)) in adjacent {
                    freqs.add(doc, weight * title as f32, weight * body as f32);
                }
            }
        }
        freqs
    }

    /// Frequencies of a phrase: occurrences of its words side by side, in order.
    fn phrase_freqs(&self, words: &[PreparedWord]) -> Freqs {
        let groups: Vec<Vec<TermMatch>> = words
            .iter()
            .map(|w| {
                w.matches
                    .iter()
                    .filter(|m| matches!(m.kind, MatchKind::Exact | MatchKind::Prefix))
                    .cloned()
                    .collect()
            })
            .collect();
        let mut freqs = Freqs::new(self.docs.len());
        for (doc, (title, body)) in self.adjacent_occurrences(&groups, None) {
            freqs.add(doc, title as f32, body as f32);
        }
        freqs
    }

    /// Per document, how often a term of each group follows one of the previous group, in the
    /// title and in the body. Adds to `bodies` the documents whose body holds a term of any
    /// group.
    fn adjacent_occurrences(
        &self,
        groups: &[Vec<TermMatch>],
        bodies: Option<&mut DocMask>,
    ) -> FxMap<DocId, (u32, u32)> {
        self.adjacent_occurrences_in(groups, None, bodies)
    }

    /// [`Index::adjacent_occurrences`] in the documents `only` (all when `None`); `bodies`
    /// are found only when all are looked at.
    fn adjacent_occurrences_in(
        &self,
        groups: &[Vec<TermMatch>],
        only: Option<&DocMask>,
        bodies: Option<&mut DocMask>,
    ) -> FxMap<DocId, (u32, u32)> {
        let mut result = FxMap::default();
        if groups.is_empty() {
            return result;
        }
        // Only documents holding a term of every group can hold them side by side: found from
        // the doc blocks alone, so positions are decoded for those documents only (and, group
        // after group, for those where the words so far stand side by side).
        let mut candidates = match only {
            Some(only) => only.clone(),
            None => self.docs_with_every_group(groups, bodies),
        };
        // Where the groups so far stand side by side: the first one's occurrences, each one
        // number `doc << 33 | field << 32 | position` (field 0 the title, 1 the body), sorted,
        // so that the next group's word stands `k` on at the number `k` higher.
        let mut chain: Vec<u64> = Vec::new();
        for (k, group) in groups.iter().enumerate() {
            let mut occurrences: Vec<u64> = Vec::new();
            for m in group {
                let _ = self.read_postings(m.postings, Positions::Only(&candidates), |p| {
                    if candidates.contains(p.doc) {
                        let doc = u64::from(p.doc) << 33;
                        let title = p.title_positions.iter().map(|&at| doc | u64::from(at));
                        let body = p.body_positions.iter();
                        occurrences
                            .extend(title.chain(body.map(|&at| doc | 1 << 32 | u64::from(at))));
                    }
                });
            }
            occurrences.sort_unstable();
            occurrences.dedup();
            if k == 0 {
                chain = occurrences;
            } else {
                let mut next = occurrences.iter().copied().peekable();
                chain.retain(|&start| {
                    let wanted = start + k as u64;
                    while next.next_if(|&at| at < wanted).is_some() {}
                    next.peek() == Some(&wanted)
                });
            }
            if chain.is_empty() {
                return result;
            }
            candidates = DocMask::of(self.docs.len(), chain.iter().map(|&at| (at >> 33) as DocId));
        }
        for at in chain {
            let counts: &mut (u32, u32) = result.entry((at >> 33) as DocId).or_default();
            if at >> 32 & 1 == 0 {
                counts.0 += 1;
            } else {
                counts.1 += 1;
            }
        }
        result
    }

    /// The documents that hold a term of each group.
    /// Adds to `bodies` those whose body holds a term of any group.
    fn docs_with_every_group(
        &self,
        groups: &[Vec<TermMatch>],
        mut bodies: Option<&mut DocMask>,
    ) -> DocMask {
        let mut all: Option<DocMask> = None;
        for group in groups {
            let mut any = DocMask::new(self.docs.len());
            for m in group {
                let _ = self.read_doc_freqs(m.postings, |doc, _, body_tf| {
                    any.insert(doc);
                    if let Some(bodies) = bodies.as_deref_mut().filter(|_| body_tf > 0) {
                        bodies.insert(doc);
                    }
                });
            }
            match &mut all {
                Some(all) => all.keep_only(&any),
                None => all = Some(any),
            }
        }
        all.unwrap_or_else(|| DocMask::new(self.docs.len()))
    }

    /// Candidates in which the words of two consecutive clauses stand side by side.
    fn adjacent_docs(&self, prepared: &Prepared, candidates: &DocMask) -> FxSet<DocId> {
        let groups: Vec<Vec<TermMatch>> = prepared
            .clauses
            .iter()
            .map(|(_, words)| {
                let mut terms: Vec<TermMatch> = words
                    .iter()
                    .flat_map(|w| w.matches.iter().cloned())
                    .collect();
                terms.sort_by(|a, b| b.weight.total_cmp(&a.weight));
                terms.truncate(MAX_PROXIMITY_TERMS);
                terms
            })
            .collect();
        let mut found = FxSet::default();
        for pair in groups.windows(2) {
            found.extend(
                self.adjacent_occurrences_in(pair, Some(candidates), None)
                    .into_keys(),
            );
        }
        found
    }

    fn excluded_docs(&self, prepared: &Prepared) -> FxSet<DocId> {
        let mut docs = FxSet::default();
        for word in &prepared.excluded {
            for m in word.matches.iter().filter(|m| {
                matches!(
                    m.kind,
                    MatchKind::Exact | MatchKind::Stem | MatchKind::Prefix
                )
            }) {
                let _ = self.read_doc_freqs(m.postings, |doc, _, _| {
                    docs.insert(doc);
                });
            }
        }
        docs
    }

    /// The dictionary terms a word matches, best kind first; with `stem`, a word written with
    /// particles or endings also matches what its stem does.
    fn expand(
        &self,
        word: &Word,
        allow_fuzzy: bool,
        stem: bool,
        suggestions: &mut Vec<Suggestion>,
    ) -> PreparedWord {
        match self.query_stem(word).filter(|_| stem) {
            Some(stem) => self.expand_with_stem(word, stem, allow_fuzzy, suggestions),
            None => self.expand_word(word, allow_fuzzy, suggestions),
        }
    }

    /// A word written with particles or endings: what its stem matches, the stem itself as
    /// [`MatchKind::Stem`], and the word as written (where the archive has it) above them.
    fn expand_with_stem(
        &self,
        word: &Word,
        stem: String,
        allow_fuzzy: bool,
        suggestions: &mut Vec<Suggestion>,
    ) -> PreparedWord {
        let stem_word = Word {
            text: stem.clone(),
            script: word.script,
            typing: false,
        };
        let mut expanded = self.expand_word(&stem_word, allow_fuzzy, suggestions);
        for m in &mut expanded.matches {
            if m.kind == MatchKind::Exact {
                m.kind = MatchKind::Stem;
                m.weight = MatchKind::Stem.weight();
            }
        }
        if let Some(postings) = self.terms.get(&word.text) {
            expanded.matches.retain(|m| m.term != word.text);
            expanded.matches.insert(
                0,
                TermMatch {
                    term: word.text.clone(),
                    kind: MatchKind::Exact,
                    weight: WRITTEN_WEIGHT,
                    postings,
                },
            );
        }
        expanded.word = word.clone();
        expanded.stem = Some(stem);
        expanded
    }

    /// The stem of a query word written with particles or endings: the one its shape in the
    /// index gives, or — for a word the archive does not have as written — the longest start
    /// of it that is a stem in the archive and is followed by a particle or ending (one the
    /// archive's terms end in, or one of [`PARTICLES`]). `None` for a word that is its own stem.
    fn query_stem(&self, word: &Word) -> Option<String> {
        let text = word.text.as_str();
        if word.script != Script::Hangul {
            return None;
        }
        let chars = text.chars().count();
        if let Some(value) = self.terms.get(text) {
            let shape = shape::unpack(value, chars);
            if shape.stem_chars == 0 || shape.stem_chars >= chars {
                return None;
            }
            let at = text.char_indices().nth(shape.stem_chars)?.0;
            return Some(text[..at].to_owned());
        }
        let cuts: Vec<(usize, char)> = text.char_indices().collect();
        for &(at, _) in cuts.iter().skip(MIN_QUERY_STEM_CHARS).rev() {
            let (head, tail) = text.split_at(at);
            if (self.tails.contains(tail) || PARTICLES.contains(&tail)) && self.is_stem(head) {
                return Some(head.to_owned());
            }
        }
        // A past tense contracts its stem's last syllable (늘렸다 of 늘리다): the stem the
        // archive has before the ending, uncontracted.
        for (i, &(at, syllable)) in cuts.iter().enumerate().skip(1).rev() {
            for stem_end in jamo::past_tense_stems(syllable) {
                let stem = format!("{}{stem_end}", &text[..at]);
                if i + 1 >= MIN_QUERY_STEM_CHARS && self.is_stem(&stem) {
                    return Some(stem);
                }
            }
        }
        None
    }

    /// Whether the archive has `text` as a stem: a term that is its own stem, or a term whose
    /// stem it is (among the first [`STEM_PROBES`] that start with it).
    fn is_stem(&self, text: &str) -> bool {
        let chars = text.chars().count();
        let mut terms = starting_with(&self.terms, text.as_bytes());
        let mut probes = 0;
        while let Some((term, value)) = terms.next() {
            let term_chars = std::str::from_utf8(term).map_or(0, |t| t.chars().count());
            if shape::unpack(value, term_chars).stem_chars == chars {
                return true;
            }
            probes += 1;
            if probes == STEM_PROBES {
                break;
            }
        }
        false
    }

    /// The dictionary terms a word matches as it is written, best kind first.
    fn expand_word(
        &self,
        word: &Word,
        allow_fuzzy: bool,
        suggestions: &mut Vec<Suggestion>,
    ) -> PreparedWord {
        let mut found: Vec<TermMatch> = Vec::new();
        let mut seen: FxSet<String> = FxSet::default();
        // The set of terms found so far is passed in (not captured), so it can be read between
        // additions.
        let add = |found: &mut Vec<TermMatch>,
                   seen: &mut FxSet<String>,
                   term: String,
                   postings: u64,
                   kind: MatchKind| {
            if seen.insert(term.clone()) {
                found.push(TermMatch {
                    term,
                    kind,
                    weight: kind.weight(),
                    postings,
                });
            }
        };
        let text = word.text.as_str();
        let hangul_or_han = matches!(word.script, Script::Hangul | Script::Han);
        if jamo::is_initials_query(text) {
            let packed = jamo::packed_consonants(text);
            for (term, postings) in self.letter_stream(
                self.letters
                    .search(jamo::InitialsPrefix { query: &packed })
                    .into_stream(),
                |_| false,
            ) {
                add(&mut found, &mut seen, term, postings, MatchKind::Initials);
            }
            return PreparedWord {
                word: word.clone(),
                matches: found,
                split: None,
                stem: None,
            };
        }
        if let Some(postings) = self.terms.get(text) {
            add(
                &mut found,
                &mut seen,
                text.to_owned(),
                postings,
                MatchKind::Exact,
            );
        }
        // Hangul and Han words take particles and endings, so their longer forms match; a
        // Latin word only while it is being typed ("ai" is not "airbnb"); numbers never.
        let prefixes = match word.script {
            Script::Hangul | Script::Han => true,
            Script::Alpha => word.typing,
            Script::Digit => false,
        };
        // A syllable being typed begins words more than it is a part of them: it matches every
        // longer word it begins, as typing always did (주 → 주식, 주가…).
        let one_syllable_typed = word.typing && text.chars().count() == 1;
        // Whether the word's longer forms are more than are searched (a common syllable).
        let mut prefix_saturated = false;
        if prefixes {
            let which = if one_syllable_typed {
                Parts::Any
            } else {
                Parts::Whole
            };
            let longer = self.prefix_stream(text, which);
            prefix_saturated = longer.len() >= MAX_EXPANSIONS;
            for (term, postings) in longer {
                add(&mut found, &mut seen, term, postings, MatchKind::Prefix);
            }
        }
        for alias in self.aliases_of(text) {
            if let Some(postings) = self.terms.get(&alias) {
                add(
                    &mut found,
                    &mut seen,
                    alias.clone(),
                    postings,
                    MatchKind::Alias,
                );
            }
            if alias.chars().next().and_then(crate::tokenize::script_of) == Some(Script::Hangul) {
                for (term, postings) in self.prefix_stream(&alias, Parts::Whole) {
                    add(&mut found, &mut seen, term, postings, MatchKind::Alias);
                }
            }
        }
        if hangul_or_han && text.chars().count() >= 2 {
            for (term, postings) in self.compound_stream(text) {
                add(&mut found, &mut seen, term, postings, MatchKind::Compound);
            }
        }
        // A word being typed that is not (yet) a word of the archive — no term and no term's
        // stem — matches the longer words it begins (화웨 → 화웨이, 중관 → 중관춘); once it is
        // one (미사), the words it merely begins (미사일) are no longer its matches. A finished
        // word that matches nothing else does too.
        let unfinished = if word.typing {
            !one_syllable_typed && self.terms.get(text).is_none() && !self.is_stem(text)
        } else {
            found.is_empty()
        };
        if unfinished && prefixes {
            let kind = if word.typing {
                MatchKind::Typing
            } else {
                MatchKind::Prefix
            };
            for (term, postings) in self.prefix_stream(text, Parts::Inside) {
                add(&mut found, &mut seen, term, postings, kind);
            }
        }
        // A word being typed also matches as letters, its last syllable perhaps still being
        // composed (중관추 → 중관춘); not when its own longer forms are already more than are
        // searched: the syllable (주) is then common enough to answer for itself, and its
        // compositions (중, 준, 줄…) would search as many postings again; the next keystroke
        // shows them. Nor when the word is already a word of the archive.
        if word.typing
            && word.script == Script::Hangul
            && !prefix_saturated
            && (one_syllable_typed || unfinished)
        {
            if let Some(packed) = jamo::letters(text) {
                for (term, postings) in self
                    .letter_stream(starting_with(&self.letters, &packed), |term| {
                        seen.contains(term)
                    })
                {
                    add(&mut found, &mut seen, term, postings, MatchKind::Typing);
                }
            }
        }
        let split = if word.script == Script::Hangul {
            self.spacing_split(text)
        } else {
            None
        };
        if allow_fuzzy
            && word.script == Script::Hangul
            && self.doc_count(&found, FUZZY_BELOW_DOCS) < FUZZY_BELOW_DOCS
        {
            // One letter off in a word of two syllables is usually another word (도인 / 보인):
            // only words of three syllables or more are looked up by distance.
            let syllables = text.chars().count();
            if let Some(packed) = jamo::letters(text).filter(|_| syllables >= FUZZY_MIN_SYLLABLES) {
                let max = if syllables >= FUZZY_LONG_SYLLABLES {
                    2
                } else {
                    1
                };
                let automaton = jamo::WithinDistance {
                    query: &packed,
                    max,
                    prefix: true,
                };
                let mut stream = self.letters.search(automaton).into_stream();
                let mut candidates: Vec<(Vec<u8>, u64)> = Vec::new();
                while let Some((letters, doc_count)) = stream.next() {
                    candidates.push((letters.to_vec(), doc_count));
                    if candidates.len() == MAX_CANDIDATES {
                        break;
                    }
                }
                // The most frequent; each weighted by its distance to the query, measured to
                // the closest prefix (중관춘은 is one letter from 중관촌 plus a particle).
                let fuzzy: Vec<(usize, bool, String, u64, u64)> = self
                    .most_frequent(candidates, |doc_count| doc_count as usize)
                    .into_iter()
                    .filter_map(|(letters, doc_count)| {
                        let near = jamo::prefix_distance(&packed, &letters);
                        let longer_form = jamo::distance(&packed, &letters) > near;
                        let term = jamo::compose(&letters);
                        let postings = self.terms.get(&term)?;
                        Some((near, longer_form, term, postings, doc_count))
                    })
                    .collect();
                let mut also: Vec<(usize, usize, String)> = Vec::new();
                for (distance, longer_form, term, postings, doc_count) in fuzzy {
                    if seen.contains(&term) {
                        continue;
                    }
                    also.push((
                        distance + usize::from(longer_form),
                        usize::MAX - doc_count as usize,
                        term.clone(),
                    ));
                    seen.insert(term.clone());
                    // Two letters off counts less than one; a particle form of a variant less
                    // than the variant itself, as prefixes count less than exact words.
                    let mut weight =
                        MatchKind::Fuzzy.weight() * if distance <= 1 { 1.0 } else { 2.0 / 3.0 };
                    if longer_form {
                        weight *= MatchKind::Prefix.weight();
                    }
                    found.push(TermMatch {
                        term,
                        kind: MatchKind::Fuzzy,
                        weight,
                        postings,
                    });
                }
                also.sort();
                // Name base forms only: 중관춘, not also 중관춘은.
                let mut names: Vec<String> = Vec::new();
                for (_, _, term) in also {
                    if names.len() < 3 && !names.iter().any(|n| term.starts_with(n.as_str())) {
                        names.push(term);
                    }
                }
                if !names.is_empty() {
                    suggestions.push(Suggestion {
                        word: text.to_owned(),
                        also: names,
                    });
                }
            }
        }
        PreparedWord {
            word: word.clone(),
            matches: found,
            split,
            stem: None,
        }
    }

    /// The other spellings of `term` in its alias group.
    fn aliases_of(&self, term: &str) -> Vec<String> {
        match self.alias_of.get(term) {
            Some(&group) => self.alias_groups[group]
                .iter()
                .filter(|t| *t != term)
                .cloned()
                .collect(),
            None => Vec::new(),
        }
    }

    /// A spacing variant: the word written as two, a word then one starting with the rest
    /// (스마트팩토리 → 스마트 + 팩토리…); the first split point whose parts are both in the
    /// dictionary. Only articles where the two stand side by side match through it.
    fn spacing_split(&self, text: &str) -> Option<(TermMatch, Vec<TermMatch>)> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        if chars.len() < 4 {
            return None;
        }
        for &(at, _) in chars.iter().skip(2).take(chars.len().saturating_sub(3)) {
            let (head, tail) = text.split_at(at);
            let Some(postings) = self.terms.get(head) else {
                continue;
            };
            let rest: Vec<TermMatch> = self
                .prefix_stream(tail, Parts::Whole)
                .into_iter()
                .map(|(term, postings)| TermMatch {
                    term,
                    kind: MatchKind::Compound,
                    weight: MatchKind::Compound.weight(),
                    postings,
                })
                .collect();
            if !rest.is_empty() {
                let first = TermMatch {
                    term: head.to_owned(),
                    kind: MatchKind::Compound,
                    weight: MatchKind::Compound.weight(),
                    postings,
                };
                return Some((first, rest));
            }
        }
        None
    }

    /// Terms longer than `prefix` that start with it, `which` by whether `prefix` is a whole
    /// part of them: the `MAX_EXPANSIONS` most frequent of at most `MAX_CANDIDATES`.
    fn prefix_stream(&self, prefix: &str, which: Parts) -> Vec<(String, u64)> {
        let chars = prefix.chars().count();
        strings(self.most_frequent_of(
            starting_with(&self.terms, prefix.as_bytes()),
            |key, value| {
                let whole = which == Parts::Any || ends_part_at(key, value, chars);
                (whole == (which != Parts::Inside)).then(|| key.to_vec())
            },
            |postings| self.doc_frequency(postings),
        ))
    }

    /// Terms that have `text` as a part after their first character (keys `suffix \0 head`
    /// whose parts end where `text` does), and their particle forms (the suffix dictionary
    /// leaves those out): the most frequent.
    fn compound_stream(&self, text: &str) -> Vec<(String, u64)> {
        let chars = text.chars().count();
        let bases = self.most_frequent_of(
            starting_with(&self.suffixes, text.as_bytes()),
            |key, value| {
                let ends = value >> 32;
                if chars >= 32 || ends >> chars & 1 == 0 {
                    return None;
                }
                let nul = key.iter().position(|&b| b == 0)?;
                Some([&key[nul + 1..], &key[..nul]].concat())
            },
            |value| (value & u64::from(u32::MAX)) as usize,
        );
        let mut out = Vec::new();
        'bases: for (base, _) in bases {
            let base_chars = std::str::from_utf8(&base).map_or(0, |b| b.chars().count());
            let mut forms = starting_with(&self.terms, &base);
            while let Some((key, postings)) = forms.next() {
                if !ends_part_at(key, postings, base_chars) {
                    continue;
                }
                out.push((key.to_vec(), postings));
                if out.len() >= MAX_CANDIDATES {
                    break 'bases;
                }
            }
        }
        strings(self.most_frequent(out, |postings| self.doc_frequency(postings)))
    }

    /// Terms of a stream of the letter dictionary: the `MAX_EXPANSIONS` most frequent of at
    /// most `MAX_CANDIDATES`, read back into words, with their postings offsets; but not those
    /// `known` already (whose offsets are not looked up again).
    fn letter_stream<S>(&self, stream: S, known: impl Fn(&str) -> bool) -> Vec<(String, u64)>
    where
        S: for<'a> Streamer<'a, Item = (&'a [u8], u64)>,
    {
        self.most_frequent_of(
            stream,
            |letters, _| Some(letters.to_vec()),
            |doc_count| doc_count as usize,
        )
        .into_iter()
        .filter_map(|(letters, _)| {
            let term = jamo::compose(&letters);
            if known(&term) {
                return None;
            }
            let postings = self.terms.get(&term)?;
            Some((term, postings))
        })
        .collect()
    }

    /// The `MAX_EXPANSIONS` most frequent of the first `MAX_CANDIDATES` entries of a dictionary
    /// stream, keys made by `key` (`None` skips an entry), frequencies by `doc_count` from the
    /// entry's value (a postings offset in `terms`, the count itself in the auxiliary
    /// dictionaries). Only entries frequent enough to be among the best so far get their key
    /// copied: one-letter prefixes stream thousands.
    fn most_frequent_of<S>(
        &self,
        mut stream: S,
        key: impl Fn(&[u8], u64) -> Option<Vec<u8>>,
        doc_count: impl Fn(u64) -> usize,
    ) -> Vec<(Vec<u8>, u64)>
    where
        S: for<'a> Streamer<'a, Item = (&'a [u8], u64)>,
    {
        use std::cmp::Reverse;
        use std::collections::BinaryHeap;
        // A min-heap on (documents, order seen): the least frequent of the best is on top.
        let mut best: BinaryHeap<Reverse<(usize, usize)>> = BinaryHeap::new();
        let mut kept: Vec<Option<(Vec<u8>, u64)>> = Vec::new();
        let mut seen = 0;
        while let Some((bytes, value)) = stream.next() {
            seen += 1;
            let df = doc_count(value);
            let full = best.len() == MAX_EXPANSIONS;
            if !full || best.peek().is_some_and(|Reverse((least, _))| df > *least) {
                if let Some(k) = key(bytes, value) {
                    if full {
                        if let Some(Reverse((_, slot))) = best.pop() {
                            kept[slot] = None;
                        }
                    }
                    best.push(Reverse((df, kept.len())));
                    kept.push(Some((k, value)));
                }
            }
            if seen == MAX_CANDIDATES {
                break;
            }
        }
        kept.into_iter().flatten().collect()
    }

    /// The `MAX_EXPANSIONS` candidates found in the most documents (`doc_count` of each value).
    fn most_frequent<K>(
        &self,
        mut candidates: Vec<(K, u64)>,
        doc_count: impl Fn(u64) -> usize,
    ) -> Vec<(K, u64)> {
        if candidates.len() > MAX_EXPANSIONS {
            let mut keyed: Vec<(usize, (K, u64))> = candidates
                .into_iter()
                .map(|c| (usize::MAX - doc_count(c.1), c))
                .collect();
            keyed.select_nth_unstable_by_key(MAX_EXPANSIONS - 1, |k| k.0);
            keyed.truncate(MAX_EXPANSIONS);
            candidates = keyed.into_iter().map(|(_, c)| c).collect();
        }
        candidates
    }

    /// Distinct documents covered by the matches, counted up to `limit`.
    fn doc_count(&self, matches: &[TermMatch], limit: usize) -> usize {
        let mut docs = FxSet::default();
        for m in matches {
            if self.doc_frequency(m.postings) >= limit {
                return limit;
            }
            let _ = self.read_doc_freqs(m.postings, |doc, _, _| {
                docs.insert(doc);
            });
            if docs.len() >= limit {
                return limit;
            }
        }
        docs.len()
    }
}

/// Which longer terms a prefix stream keeps: those the prefix is a whole part of (중관춘 of
/// 중관춘은), those it only begins (미사 of 미사일), or any.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Parts {
    Whole,
    Inside,
    Any,
}

/// Whether a part of `term` (with terms dictionary value `value`) ends after `chars` characters.
fn ends_part_at(term: &[u8], value: u64, chars: usize) -> bool {
    let term_chars = std::str::from_utf8(term).map_or(0, |t| t.chars().count());
    shape::unpack(value, term_chars).ends_part_at(chars, term_chars)
}

/// Dictionary keys as strings (keys are UTF-8 by construction; anything else is dropped).
fn strings(keys: Vec<(Vec<u8>, u64)>) -> Vec<(String, u64)> {
    keys.into_iter()
        .filter_map(|(key, postings)| String::from_utf8(key).ok().map(|t| (t, postings)))
        .collect()
}

/// The entries of `map` whose keys start with `prefix`, in key order. The stream walks down
/// to the first of them and stops after the last: a search by an automaton would try every
/// branch of the dictionary before them (thousands of transitions for a Hangul prefix, most
/// of the time of short words' expansions).
fn starting_with<'m, D: AsRef<[u8]>>(map: &'m fst::Map<D>, prefix: &[u8]) -> fst::map::Stream<'m> {
    let from = map.range().ge(prefix);
    // The first key after every key that starts with `prefix`: its last byte that can be
    // increased, increased.
    let mut end = prefix.to_vec();
    while let Some(last) = end.pop() {
        if last < u8::MAX {
            end.push(last + 1);
            return from.lt(end).into_stream();
        }
    }
    from.into_stream()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Article, IndexBuilder};

    fn index(articles: &[(&str, &str, &str)]) -> Index<Vec<u8>> {
        let mut builder = IndexBuilder::new();
        for (id, title, body) in articles {
            builder.add(Article::new(*id, *title, *body));
        }
        Index::open(builder.finish()).unwrap()
    }

    fn dated(articles: &[(&str, Option<&str>, Option<&str>)]) -> Index<Vec<u8>> {
        let mut builder = IndexBuilder::new();
        for (id, date, source) in articles {
            let mut a = Article::new(*id, "제목", "본문 창업 이야기");
            a.date = date.map(String::from);
            a.source = source.map(String::from);
            builder.add(a);
        }
        Index::open(builder.finish()).unwrap()
    }

    #[test]
    fn every_page_is_its_slice_of_the_whole_order() {
        // 600 articles: scores tie in groups (same text, different lengths), dates repeat,
        // some are undated; pages are found by selecting a head of the results, the whole
        // order by sorting them all.
        let mut builder = IndexBuilder::new();
        for i in 0..600 {
            let body = format!("{} 창업 {}", "기업 ".repeat(i % 7), "투자 ".repeat(i % 3));
            let mut a = Article::new(
                i.to_string(),
                if i % 5 == 0 { "창업" } else { "소식" },
                &body,
            );
            a.date = (i % 11 != 0).then(|| format!("2020-{:02}-{:02}", 1 + i % 12, 1 + i % 28));
            builder.add(a);
        }
        let index = Index::open(builder.finish()).unwrap();
        for sort in [Sort::Relevance, Sort::Newest, Sort::Oldest] {
            for query in ["창업 ", "창업 투자 ", "ㅊ"] {
                let options = SearchOptions {
                    sort,
                    ..SearchOptions::default()
                };
                let whole = index.ranked(query, &options);
                assert!(whole.len() > 300, "{query}");
                for offset in [0, 20, 190, 200, 360] {
                    let page = index.search(
                        query,
                        &SearchOptions {
                            offset,
                            limit: 20,
                            ..options.clone()
                        },
                    );
                    let docs: Vec<DocId> = page.hits.iter().map(|h| h.doc).collect();
                    assert_eq!(
                        docs,
                        whole[offset..offset + 20],
                        "{query} {sort:?} from {offset}"
                    );
                }
            }
        }
    }

    fn ids_with(index: &Index<Vec<u8>>, query: &str, options: &SearchOptions) -> Vec<String> {
        let results = index.search(
            query,
            &SearchOptions {
                limit: 100,
                ..options.clone()
            },
        );
        results
            .hits
            .iter()
            .map(|h| index.article(h.doc).unwrap().id.clone())
            .collect()
    }

    fn ids(index: &Index<Vec<u8>>, query: &str) -> Vec<String> {
        ids_with(index, query, &SearchOptions::default())
    }

    #[test]
    fn prefix_finds_particle_forms_and_exact_ranks_first() {
        let idx = index(&[
            ("prefix", "기사", "창업자들이 모였다 오늘 행사"),
            ("exact", "기사", "창업 열기가 뜨겁다 오늘 행사"),
            ("twice", "기사", "창업 창업 열기가 뜨겁다 오늘"),
            ("none", "기사", "상하이 이야기"),
        ]);
        assert_eq!(ids(&idx, "창업 "), ["twice", "exact", "prefix"]);
        let results = idx.search("창업자들이다 ", &SearchOptions::default());
        assert_eq!(
            results.total, 1,
            "a longer word matches a shorter one only by edit distance"
        );
        assert_eq!(results.prepared.suggestions[0].also, ["창업자들이"]);
    }

    #[test]
    fn all_words_must_match_and_title_outranks_body() {
        let idx = index(&[
            (
                "body",
                "반도체 소식",
                "이번 주 화웨이 스마트폰 소식이 있었다 그리고 다른 이야기도 많았다",
            ),
            (
                "title",
                "화웨이 스마트폰",
                "이번 주 새로운 제품이 나왔다 그리고 다른 이야기도 많았다",
            ),
            ("other", "샤오미 스마트폰", "다른 이야기"),
        ]);
        assert_eq!(ids(&idx, "화웨이 스마트폰 "), ["title", "body"]);
        assert!(ids(&idx, "화웨이 없는단어 ").is_empty());
    }

    #[test]
    fn numbers_match_exactly() {
        let idx = index(&[("a", "기사", "2020년 소식"), ("b", "기사", "20201 번호")]);
        assert_eq!(ids(&idx, "2020"), ["a"]);
    }

    #[test]
    fn compounds_and_spacing_variants() {
        let idx = index(&[
            ("inside", "기사", "해외창업 지원이 늘었다"),
            ("spaced", "기사", "스마트 팩토리 구축"),
            ("joined", "기사", "스마트팩토리 구축"),
        ]);
        assert_eq!(ids(&idx, "창업 "), ["inside"]);
        let mut both = ids(&idx, "스마트팩토리 ");
        both.sort();
        assert_eq!(both, ["joined", "spaced"]);
        let mut both = ids(&idx, "스마트 팩토리 ");
        both.sort();
        assert_eq!(both, ["joined", "spaced"]);
    }

    #[test]
    fn aliases_find_each_other() {
        let idx = index(&[
            ("named", "기사", "핀둬둬(拼多多)가 채소를 판다"),
            ("hanzi", "기사", "拼多多 买菜 开通"),
            ("korean", "기사", "핀둬둬의 성장"),
        ]);
        let mut found = ids(&idx, "拼多多 ");
        found.sort();
        assert_eq!(found, ["hanzi", "korean", "named"]);
        assert_eq!(ids(&idx, "핀둬둬 ").len(), 3);
        assert_eq!(
            idx.alias_groups(),
            [vec!["拼多多".to_owned(), "핀둬둬".to_owned()]]
        );
    }

    #[test]
    fn a_common_syllable_being_typed_answers_for_itself() {
        // Few words start with 주: typing it also finds the words it may be composing (중국).
        let few = index(&[("a", "주식 시장", "주식"), ("b", "중국 이야기", "중국")]);
        assert_eq!(ids(&few, "주"), ["a", "b"]);
        // More words start with 주 than are searched: 주 answers with them alone.
        let words: Vec<String> = (0..MAX_EXPANSIONS as u32 + 10)
            .map(|i| format!("주{}", char::from_u32(0xAC00 + i * 28).unwrap()))
            .collect();
        let body = words.join(" ");
        let many = index(&[("a", "주식 시장", &body), ("b", "중국 이야기", "중국")]);
        assert_eq!(ids(&many, "주"), ["a"]);
    }

    #[test]
    fn typing_initials_and_fuzzy() {
        let idx = index(&[
            ("a", "중관춘 이야기", "중관춘은 베이징에 있다"),
            ("b", "상하이", "푸둥 이야기"),
        ]);
        assert_eq!(
            ids(&idx, "중관ㅊ"),
            ["a"],
            "a partial syllable while typing"
        );
        assert_eq!(
            ids(&idx, "중과"),
            ["a"],
            "the IME shows 중과 on the way to 중관"
        );
        assert!(
            ids(&idx, "중과 ").is_empty(),
            "a finished word is not a partial one"
        );
        assert_eq!(ids(&idx, "ㅈㄱㅊ"), ["a"]);
        let results = idx.search("중관촌", &SearchOptions::default());
        assert_eq!(results.total, 1);
        assert_eq!(
            results.prepared.suggestions,
            [Suggestion {
                word: "중관촌".into(),
                also: vec!["중관춘".into()]
            }]
        );
    }

    #[test]
    fn phrases_exclusions_and_alternatives() {
        let idx = index(&[
            ("phrase", "기사", "중관춘 창업거리에 갔다"),
            ("apart", "기사", "창업거리는 중관춘 북쪽에"),
            ("other", "기사", "상하이 이야기"),
        ]);
        assert_eq!(ids(&idx, "\"중관춘 창업거리\""), ["phrase"]);
        assert_eq!(ids(&idx, "중관춘 -북쪽"), ["phrase"]);
        let mut any = ids(&idx, "상하이 | 북쪽");
        any.sort();
        assert_eq!(any, ["apart", "other"]);
        assert_eq!(
            ids(&idx, "중관춘 창업거리 ")[0],
            "phrase",
            "words side by side rank first"
        );
    }

    #[test]
    fn filters_facets_and_sorting() {
        let idx = dated(&[
            ("old", Some("2019-01-05"), Some("36kr")),
            ("none", None, Some("KOTRA")),
            ("new", Some("2022-12-14"), Some("36Kr 중국")),
            ("mid", Some("2020-08-26"), None),
        ]);
        assert_eq!(
            ids(&idx, ""),
            ["new", "mid", "old", "none"],
            "browsing: newest first, undated last"
        );
        assert_eq!(
            ids_with(
                &idx,
                "",
                &SearchOptions {
                    sort: Sort::Oldest,
                    ..Default::default()
                }
            ),
            ["old", "mid", "new", "none"]
        );
        assert_eq!(ids(&idx, "source:36kr"), ["new", "old"]);
        assert_eq!(ids(&idx, "date:2020"), ["mid"]);
        assert_eq!(ids(&idx, "date:2019-01-01..2020-12-31"), ["mid", "old"]);
        let filtered = SearchOptions {
            sources: vec!["kotra".into()],
            ..Default::default()
        };
        assert_eq!(ids_with(&idx, "창업", &filtered), ["none"]);
        let undated = SearchOptions {
            undated: true,
            ..Default::default()
        };
        assert_eq!(ids_with(&idx, "", &undated), ["none"]);
        let order: Vec<String> = idx
            .ranked("", &SearchOptions::default())
            .iter()
            .map(|&d| idx.article(d).unwrap().id.clone())
            .collect();
        assert_eq!(order, ["new", "mid", "old", "none"]);

        let results = idx.search("창업 source:36kr", &SearchOptions::default());
        assert_eq!(results.total, 2);
        // Source counts ignore the source filter; month counts respect it.
        assert_eq!(
            results.facets.sources,
            [
                ("36Kr 중국".into(), 1),
                ("36kr".into(), 1),
                ("KOTRA".into(), 1)
            ]
        );
        assert_eq!(
            results.facets.months,
            [("2019-01".into(), 1), ("2022-12".into(), 1)]
        );
        assert_eq!(results.facets.undated, 0);
        let page = idx.search(
            "",
            &SearchOptions {
                limit: 1,
                offset: 1,
                ..Default::default()
            },
        );
        assert_eq!((page.total, page.hits.len()), (4, 1));
        assert_eq!(page.facets.undated, 1);
    }

    /// The words a snippet highlights.
    fn marked(snippet: &Snippet) -> Vec<&str> {
        snippet
            .highlights
            .iter()
            .map(|r| &snippet.text[r.clone()])
            .collect()
    }

    #[test]
    fn hits_carry_snippets_highlights_and_matched_words() {
        let idx = index(&[(
            "a",
            "화웨이 칩 금지령",
            "미국이 화웨이에 대한 칩 금지령을 연장했다. 해외창업 소식.",
        )]);
        // Without snippets, the same hit, its snippet made on demand.
        let bare = idx.search(
            "화웨이",
            &SearchOptions {
                snippets: false,
                ..SearchOptions::default()
            },
        );
        let full = idx.search("화웨이", &SearchOptions::default());
        assert!(bare.hits[0].snippet.text.is_empty() && bare.hits[0].awaiting_text.is_none());
        assert_eq!(
            idx.snippet(bare.hits[0].doc, &bare.prepared).as_ref(),
            Some(&full.hits[0].snippet)
        );
        assert_eq!(bare.hits[0].title_highlights, full.hits[0].title_highlights);
        let results = idx.search(
            "화웨이",
            &SearchOptions {
                matched_words: true,
                ..Default::default()
            },
        );
        let hit = &results.hits[0];
        assert_eq!(hit.title_highlights, vec![0.."화웨이".len()]);
        assert_eq!(
            marked(&hit.snippet),
            ["화웨이"],
            "only the noun of 화웨이에 is marked"
        );
        assert_eq!(hit.matched, ["화웨이", "화웨이에"]);
        let results = idx.search("창업", &SearchOptions::default());
        let hit = &results.hits[0];
        assert_eq!(
            marked(&hit.snippet),
            ["창업"],
            "the compound's part is marked"
        );
    }

    #[test]
    fn any_input_is_a_query() {
        let idx = index(&[("a", "기사", "본문")]);
        for input in [
            "\"",
            "-",
            "|",
            "OR",
            "source:",
            "date:",
            "((",
            "ㅏ",
            "ㄱ",
            "\u{0}",
            "😀",
            "a".repeat(5000).as_str(),
        ] {
            let _ = idx.search(input, &SearchOptions::default());
        }
    }
}
