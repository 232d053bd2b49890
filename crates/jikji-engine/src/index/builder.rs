//! [`IndexBuilder`]: articles in, index bytes out. Each article is tokenized once as it is
//! added (on every core: runs of articles are indexed side by side and joined), its text
//! written into the texts section at once and the article dropped (of each, only its id,
//! source and date are kept, and what reprints and related articles are found by: its body's
//! LSH band keys and its words as term ids with their counts, about a tenth of its text), and
//! [`IndexBuilder::finish_with`] writes the other sections with their writers (`postings`,
//! `dictionaries`, `texts`, `documents`, `reprints`, `related`) and the header. The bodies of
//! the few articles whose band keys meet are read back from the texts section written, to be
//! compared exactly.
//! [`IndexWriter`] is the same builder writing its index to a file (an [`IndexSink`]) as the
//! articles come, batch by batch, so no archive is ever held whole in memory.

use std::io::{self, Read, Seek, SeekFrom, Write};
use std::ops::Range;

use super::blocks::{cut, write_blocks};
use super::dictionaries::{
    id_dictionary, letter_dictionary, suffix_dictionary, tail_set, term_dictionary, term_shapes,
};
use super::documents::{write_doc_table, write_heads};
use super::header::{append_section, header_table, seal_header, write_header, HEADER_LEN};
use super::postings::TermPostings;
use super::readings::{ContextReader, Placed};
use super::related::{WordsSeen, TITLE_WEIGHT};
use super::reprints::BandKeys;
use super::texts::{FinishedTexts, TextWriter};
use super::threads::{in_parallel, map_in_parallel, split_into_runs};
use super::*;
use crate::aliases::AliasMiner;
use crate::article::Article;
use crate::bm25::DocStats;
use crate::codec::{checksum, Checksum};
use crate::fxhash::{FxMap, FxSet};
use crate::outlets::OutletRules;
use crate::shape::{EveryCharacter, Segmenter};
use crate::tokenize::{for_each_token, normalize_in_place, Script};

/// Positions skipped between the parts of the body field (body, each caption, the source).
const PART_GAP: u32 = 16;

/// Collects articles and writes the index bytes.
#[derive(Default)]
pub struct IndexBuilder {
    /// Reads words in context as articles are added (`with_segmenter`), for `readings`.
    context: Option<ContextReader>,
    aliases: AliasMiner,
    /// The articles added, written out or (a run's) kept to be handed on.
    stored: Stored,
    docs: Vec<DocStats>,
    /// Each distinct term once, with its id (the index into `postings`).
    term_ids: FxMap<String, u32>,
    /// Each term's postings, encoded as documents are added (documents come in id order).
    postings: Vec<TermPostings>,
    /// The outlets the archive names itself (its `sources.toml`), for the source facet.
    outlet_rules: OutletRules,
}

impl IndexBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// A builder that also reads each article's words in context with `segmenter` as they are
    /// added: the articles where a word's letters are never read as the noun they spell (대한
    /// in "문제에 대한") are left out of that word's matches (see `readings`).
    pub fn with_segmenter(segmenter: &'static dyn Segmenter) -> Self {
        IndexBuilder {
            context: Some(ContextReader::new(segmenter)),
            ..Self::default()
        }
    }

    /// The outlets the archive names itself (its `sources.toml`): their spellings are grouped
    /// as they say rather than by the archive's evidence (see `outlets`).
    pub fn set_outlets(&mut self, rules: OutletRules) {
        self.outlet_rules = rules;
    }

    /// Adds an article; its text is stored in NFC so that offsets computed later match it.
    pub fn add(&mut self, mut article: Article) {
        normalize_in_place(&mut article.title);
        normalize_in_place(&mut article.body);
        for caption in &mut article.captions {
            normalize_in_place(&mut caption.text);
        }
        if let Some(source) = &mut article.source {
            normalize_in_place(source);
        }
        let doc = self.docs.len() as DocId;
        let mut stats = DocStats::default();
        // Captions and the source are searchable as part of the body field, after the body's
        // positions (so 베이징상보 finds the articles it is credited with).
        let title = [article.title.as_str()];
        let body: Vec<&str> = std::iter::once(article.body.as_str())
            .chain(article.captions.iter().map(|c| c.text.as_str()))
            .chain(article.source.as_deref())
            .collect();
        // (term id, is body, position) of every token; terms are interned once for the whole
        // build, so a document allocates only for words never seen before.
        let mut occurrences: Vec<(u32, bool, u32)> = Vec::new();
        // The terms read as themselves somewhere in this article, and read otherwise somewhere.
        let (mut read_as_itself, mut read_otherwise) = (FxSet::default(), FxSet::default());
        let mut placed: Vec<Placed> = Vec::new();
        // What related articles compare: the title's words and the body's (not the captions'
        // or the source's).
        let mut words = WordsSeen::default();
        for (is_body, texts) in [(false, &title[..]), (true, &body[..])] {
            let mut position = 0u32;
            for (part, text) in texts.iter().enumerate() {
                // A gap between body, captions and source, so no phrase spans two of them.
                if part > 0 {
                    position += PART_GAP;
                }
                // Where the last number ended: a word written right after it (1일부터, 3명의)
                // is counted as such, and read as a counter where that is how it mostly stands.
                let mut number_end = None;
                placed.clear();
                let weight = match (is_body, part) {
                    (false, _) => TITLE_WEIGHT,
                    (true, 0) => 1,
                    (true, _) => 0,
                };
                for_each_token(text, |token| {
                    let id = match self.term_ids.get(token.text.as_str()) {
                        Some(&id) => id,
                        None => self.term_id(token.text.clone()),
                    };
                    if weight > 0 {
                        words.see(id, &token.text, token.script, weight);
                    }
                    if let Some(context) = &mut self.context {
                        context.see(id, &token.text, token.script);
                        placed.push(Placed {
                            id,
                            start: token.start,
                            end: token.end,
                            hangul: token.script == Script::Hangul,
                            number: token.script == Script::Digit,
                        });
                    }
                    occurrences.push((id, is_body, position));
                    position += 1;
                    if number_end == Some(token.start) {
                        self.postings[id as usize].after_number += 1;
                    }
                    number_end = (token.script == Script::Digit).then_some(token.end);
                });
                if let Some(context) = &mut self.context {
                    context.read_text(text, &placed, &mut read_as_itself, &mut read_otherwise);
                }
            }
            if is_body {
                stats.body_tokens = position;
            } else {
                stats.title_tokens = position;
            }
        }
        occurrences.sort_unstable();
        let mut rest = &occurrences[..];
        let mut title_positions = Vec::new();
        let mut body_positions = Vec::new();
        while let Some(&(id, _, _)) = rest.first() {
            let n = rest.iter().take_while(|o| o.0 == id).count();
            title_positions.clear();
            body_positions.clear();
            for &(_, is_body, position) in &rest[..n] {
                if is_body {
                    body_positions.push(position)
                } else {
                    title_positions.push(position)
                }
            }
            self.postings[id as usize].push(doc, &title_positions, &body_positions);
            rest = &rest[n..];
        }
        let mut never_itself: Vec<u32> = read_otherwise
            .difference(&read_as_itself)
            .copied()
            .collect();
        never_itself.sort_unstable();
        for id in never_itself {
            self.postings[id as usize].read_otherwise.push(doc);
        }
        for text in title.iter().chain(&body) {
            self.aliases.add_text(text);
        }
        self.docs.push(stats);
        let analysed = Analysed {
            words: words.pack(|term| term),
            band_keys: reprints::band_keys_of(&article.body),
        };
        self.stored.push(article, analysed);
    }

    /// A builder holding `articles`, added on every core there is: each thread indexes a run of
    /// consecutive articles, then the runs are joined in order. The index is byte for byte the
    /// one `add` would build article by article.
    pub fn from_articles(articles: Vec<Article>) -> Self {
        let mut builder = IndexBuilder::new();
        builder.add_all(articles);
        builder
    }

    /// [`IndexBuilder::from_articles`], reading words in context with `segmenter` (see
    /// [`IndexBuilder::with_segmenter`]).
    pub fn from_articles_with(articles: Vec<Article>, segmenter: &'static dyn Segmenter) -> Self {
        let mut builder = IndexBuilder::with_segmenter(segmenter);
        builder.add_all(articles);
        builder
    }

    /// Adds `articles` after those added before, on every core there is (each thread indexes
    /// a run of them, the runs are joined in order): the index is byte for byte the one `add`
    /// would build article by article.
    pub fn add_all(&mut self, articles: Vec<Article>) {
        self.add_runs(split_into_runs(articles));
    }

    /// Adds each run of articles in turn, the runs indexed side by side.
    pub(super) fn add_runs(&mut self, runs: Vec<Vec<Article>>) {
        let segmenter = self.context.as_ref().map(ContextReader::segmenter);
        let builders = map_in_parallel(runs, |run| {
            let mut builder = IndexBuilder {
                stored: Stored::Kept(Vec::with_capacity(run.len())),
                ..match segmenter {
                    Some(segmenter) => IndexBuilder::with_segmenter(segmenter),
                    None => IndexBuilder::new(),
                }
            };
            for article in run {
                builder.add(article);
            }
            builder
        });
        for builder in builders {
            self.append(builder);
        }
    }

    /// A builder holding each run of articles in turn, the runs indexed side by side.
    #[cfg(test)]
    pub(super) fn from_runs(
        runs: Vec<Vec<Article>>,
        segmenter: Option<&'static dyn Segmenter>,
    ) -> Self {
        let mut builder = match segmenter {
            Some(segmenter) => IndexBuilder::with_segmenter(segmenter),
            None => IndexBuilder::new(),
        };
        builder.add_runs(runs);
        builder
    }

    /// Adds the documents of `other` after this builder's, as if they had been added here.
    fn append(&mut self, other: IndexBuilder) {
        let first_doc = self.docs.len() as DocId;
        let mut lists = other.postings;
        // Each term of `other` by its id here.
        let mut renamed = vec![0u32; lists.len()];
        for (term, id) in other.term_ids {
            let list = std::mem::take(&mut lists[id as usize]);
            let here = self.term_id(term);
            self.postings[here as usize].append(list, first_doc);
            renamed[id as usize] = here;
        }
        self.docs.extend(other.docs);
        match other.stored {
            Stored::Kept(articles) => {
                for (article, analysed) in articles {
                    let analysed = Analysed {
                        words: related::renumber(&analysed.words, |term| renamed[term as usize]),
                        ..analysed
                    };
                    self.stored.push(article, analysed);
                }
            }
            Stored::Written(_) => {
                unreachable!("only runs are appended, and runs keep their articles")
            }
        }
        self.aliases.append(other.aliases);
    }

    /// The id of `term`, interned on first sight.
    fn term_id(&mut self, term: String) -> u32 {
        match self.term_ids.get(term.as_str()) {
            Some(&id) => id,
            None => {
                let id = self.postings.len() as u32;
                self.term_ids.insert(term, id);
                self.postings.push(TermPostings::default());
                id
            }
        }
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Writes the index, every substring of a term a part of it (no lexicon; see
    /// [`finish_with`](Self::finish_with)).
    pub fn finish(self) -> Vec<u8> {
        self.finish_with(&EveryCharacter)
    }

    /// Writes the index, the shape of each Hangul term found by `segmenter` (where its parts
    /// are, what its stem is: see `shape`).
    pub fn finish_with(self, segmenter: &dyn Segmenter) -> Vec<u8> {
        let (texts, sections) = match self.finish_sections(segmenter, None) {
            Ok(finished) => finished,
            Err(error) => unreachable!("texts written in memory read back: {error}"),
        };
        // The index is put together in the buffer of its largest section, the texts, after
        // room for the header, so that section is never copied.
        let mut out = texts.rest;
        let mut ranges: [Range<usize>; SECTION_COUNT] = Default::default();
        ranges[TEXTS] = HEADER_LEN..out.len();
        for (section, bytes) in sections {
            ranges[section] = append_section(&mut out, &bytes);
        }
        write_header(&mut out, &ranges);
        out
    }

    /// Everything but the header: the texts section (what of it is not written out yet, its
    /// length and checksum) and the other sections in the order they follow it. `earlier`:
    /// where the index's first bytes were written out, and how many (none for a builder in
    /// memory), read back for the texts of the articles compared as reprints.
    fn finish_sections(
        self,
        segmenter: &dyn Segmenter,
        earlier: Option<(&mut dyn IndexSink, u64)>,
    ) -> io::Result<(TextsEnd, Sections)> {
        let IndexBuilder {
            context: _,
            mut aliases,
            stored,
            docs,
            term_ids,
            postings: mut lists,
            outlet_rules,
        } = self;
        let Stored::Written(stored) = stored else {
            unreachable!("a builder finished is never a run's")
        };
        let Written {
            mut texts,
            mut out,
            ids,
            sources,
            dates,
            words,
            band_keys,
        } = *stored;
        texts.close_chunk(&mut out);
        let mut phases = Phases::from_env();
        let mut terms: Vec<(String, u32)> = term_ids.into_iter().collect();
        terms.sort_unstable();
        let after_number: Vec<bool> = terms
            .iter()
            .map(|(_, id)| lists[*id as usize].mostly_after_number())
            .collect();
        let shapes = term_shapes(&terms, &after_number, segmenter);
        phases.done("terms sorted, their shapes");
        let date_strs: Vec<Option<&str>> = dates.iter().map(|d| d.as_deref()).collect();
        let reprint_groups = {
            let mut bodies = WrittenBodies::new(texts.spans(), &out, earlier);
            reprints::group_reprints(
                &band_keys,
                &reprints::date_order(&date_strs),
                reprints::REPRINT_THRESHOLD,
                &mut |doc| Ok::<_, io::Error>(reprints::shingles(&bodies.body(doc)?)),
            )?
        };
        drop(band_keys);
        phases.done("reprints");
        let (related, related_cuts) =
            related_sections(words, &date_strs, &terms, &shapes, &reprint_groups);
        drop(date_strs);
        phases.done("related");
        let written = aliases.take_written();
        let alias_groups = aliases.groups(segmenter);
        let (names, names_cuts) = {
            let articles_of = |id: u32| lists[id as usize].articles_read_as_itself();
            let count_of = |id: u32| lists[id as usize].count as usize;
            let mut found = names::find_names(&names::Archive {
                terms: &terms,
                shapes: &shapes,
                articles_of: &articles_of,
                count_of: &count_of,
                alias_groups: &alias_groups,
                segmenter,
            });
            names::show_as_written(&mut found, &written);
            names::write_names(&found)
        };
        phases.done("names");
        let tails = tail_set(&terms, &shapes);
        // Where each term's postings list will start, known before any list is written, so the
        // suffixes dictionary (the longest part: millions of keys to sort) is built on its own
        // thread while the other sections are written.
        let mut offsets = Vec::with_capacity(terms.len());
        let mut list_lens = Vec::with_capacity(terms.len());
        let mut doc_counts = Vec::with_capacity(terms.len());
        let mut postings_len = 0;
        for (_, id) in &terms {
            offsets.push(postings_len as u64);
            doc_counts.push(u64::from(lists[*id as usize].count));
            list_lens.push(lists[*id as usize].encoded_len());
            postings_len += list_lens.last().copied().unwrap_or(0);
        }
        let (ids, id_cuts) = id_dictionary(&ids);
        let reprints = reprints::write_groups(&reprint_groups);
        let (
            (suffixes, suffix_cuts),
            (
                (letters, letter_cuts),
                (dictionary, term_cuts),
                postings,
                positions,
                positions_ends,
                texts_end,
            ),
        ) = in_parallel(
            || suffix_dictionary(&terms, &shapes, &doc_counts),
            || {
                let dictionary = term_dictionary(&terms, &shapes, &offsets, &doc_counts);
                let letters = letter_dictionary(&terms, &doc_counts);
                let finished_texts = texts.finish(&mut out);
                let heads = write_heads(&sources, &dates, &alias_groups, &outlet_rules);
                let mut postings = Vec::with_capacity(postings_len);
                let mut positions = Vec::new();
                let mut positions_ends = Vec::with_capacity(terms.len());
                for (_, id) in &terms {
                    std::mem::take(&mut lists[*id as usize]).write(&mut postings, &mut positions);
                    positions_ends.push(positions.len());
                }
                debug_assert_eq!(postings.len(), postings_len);
                let texts_end = TextsEnd {
                    rest: out,
                    texts: finished_texts,
                    heads,
                };
                (
                    letters,
                    dictionary,
                    postings,
                    positions,
                    positions_ends,
                    texts_end,
                )
            },
        );
        let list_ends: Vec<usize> = list_lens
            .iter()
            .scan(0, |end, len| {
                *end += len;
                Some(*end)
            })
            .collect();
        let postings_cuts = cut(list_ends.iter().copied(), POSTINGS_BLOCK_BYTES);
        let positions_cuts = paired_cuts(&postings_cuts, &list_ends, &positions_ends);
        let blocks = write_blocks(
            [(&postings, &postings_cuts), (&positions, &positions_cuts)],
            [
                (&suffixes, &suffix_cuts),
                (&dictionary, &term_cuts),
                (&letters, &letter_cuts),
                (&ids, &id_cuts),
            ],
            [
                (&related, &related_cuts),
                (&names, &names_cuts),
                (&texts_end.texts.addresses, &texts_end.texts.address_cuts),
            ],
        );
        let doc_table = write_doc_table(&docs);
        let aliases = serde_json::to_vec(&alias_groups).expect("aliases serialize to JSON");
        let mut texts_end = texts_end;
        let sections = vec![
            (HEADS, std::mem::take(&mut texts_end.heads)),
            (CHUNKS, std::mem::take(&mut texts_end.texts.chunks)),
            (ADDRESSES, std::mem::take(&mut texts_end.texts.addresses)),
            (TERMS, dictionary),
            (POSTINGS, postings),
            (DOCS, doc_table),
            (SUFFIXES, suffixes),
            (LETTERS, letters),
            (IDS, ids),
            (POSITIONS, positions),
            (ALIASES, aliases),
            (TAILS, tails),
            (BLOCKS, blocks),
            (REPRINTS, reprints),
            (RELATED, related),
            (NAMES, names),
        ];
        phases.done("dictionaries, postings, blocks");
        Ok((texts_end, sections))
    }
}

/// With `JIKJI_BUILD_PHASES` set, how long each step of finishing an index took, written to
/// stderr as it ends (for measuring a build; natively only).
struct Phases {
    #[cfg(not(target_arch = "wasm32"))]
    last: Option<std::time::Instant>,
}

impl Phases {
    fn from_env() -> Self {
        Phases {
            #[cfg(not(target_arch = "wasm32"))]
            last: std::env::var_os("JIKJI_BUILD_PHASES").map(|_| std::time::Instant::now()),
        }
    }

    fn done(&mut self, _step: &str) {
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(last) = &mut self.last {
            eprintln!(
                "index finish: {_step}: {:.1} s",
                last.elapsed().as_secs_f64()
            );
            *last = std::time::Instant::now();
        }
    }
}

/// The sections after the texts, each with its number, in the order they are written.
type Sections = Vec<(usize, Vec<u8>)>;

/// The end of the texts section once the last article is in: the bytes not yet written out
/// (for a builder in memory, the whole index so far, header room first), the section's length
/// and checksum, and the sections written beside it (heads, the chunks' articles and
/// addresses).
struct TextsEnd {
    rest: Vec<u8>,
    texts: FinishedTexts,
    heads: Vec<u8>,
}

/// What finding reprints and related articles keeps of an article, read as it is indexed.
struct Analysed {
    /// Its words, by term id (see `related::WordsSeen::pack`).
    words: Box<[u8]>,
    /// Its body's band keys (see `reprints`); `None` for a body too short to group.
    band_keys: Option<BandKeys>,
}

/// What a builder does with the articles added.
enum Stored {
    /// A run indexed on its own thread keeps them, with what was read of each, to hand them
    /// on to the builder it joins.
    Kept(Vec<(Article, Analysed)>),
    /// The builder writes their texts at once and keeps of each its id, source and date.
    Written(Box<Written>),
}

impl Default for Stored {
    fn default() -> Self {
        Stored::Written(Box::new(Written {
            texts: TextWriter::new(),
            out: vec![0; HEADER_LEN],
            ids: Vec::new(),
            sources: Vec::new(),
            dates: Vec::new(),
            words: Vec::new(),
            band_keys: Vec::new(),
        }))
    }
}

impl Stored {
    fn push(&mut self, article: Article, analysed: Analysed) {
        match self {
            Stored::Kept(articles) => articles.push((article, analysed)),
            Stored::Written(written) => written.push(article, analysed),
        }
    }
}

/// The articles written: the texts section as it is written (`out`: the index's bytes not yet
/// handed to an [`IndexSink`], all of them for a builder in memory, which starts with the
/// header's room), and what the other sections need of each article.
struct Written {
    texts: TextWriter,
    out: Vec<u8>,
    ids: Vec<Box<str>>,
    sources: Vec<Option<Box<str>>>,
    dates: Vec<Option<Box<str>>>,
    /// Each article's words (see `related::WordsSeen::pack`), for related articles.
    words: Vec<Box<[u8]>>,
    /// The band keys of each article long enough to be grouped as a reprint; the texts of
    /// those whose keys meet are read back from the texts section to be compared.
    band_keys: Vec<(DocId, BandKeys)>,
}

impl Written {
    fn push(&mut self, article: Article, analysed: Analysed) {
        self.texts.push(&article, &mut self.out);
        let doc = self.ids.len() as DocId;
        if let Some(keys) = analysed.band_keys {
            self.band_keys.push((doc, keys));
        }
        self.words.push(analysed.words);
        let Article {
            id, source, date, ..
        } = article;
        self.ids.push(id.into_boxed_str());
        self.sources.push(source.map(String::into_boxed_str));
        self.dates.push(date.map(String::into_boxed_str));
    }
}

/// Where an [`IndexWriter`] writes its index: a file, or anything read, written and sought
/// like one (the index is written from its start to its end, then its header filled in, for
/// which the bytes after it are read back once).
pub trait IndexSink: Read + Write + Seek + Send {}

impl<T: Read + Write + Seek + Send> IndexSink for T {}

/// An [`IndexBuilder`] that writes its index to a sink as articles are added, a batch at a
/// time ([`IndexWriter::add_all`]): the texts of each batch are written out once it is
/// indexed, and the rest of the index by [`IndexWriter::finish`]. What is held in memory is
/// the postings and each article's id, source, date, band keys and words (term ids), never
/// the articles; the texts reprints are compared by are read back from the sink. The bytes are
/// those [`IndexBuilder::finish_with`] gives for the same articles.
pub struct IndexWriter<S: IndexSink> {
    builder: IndexBuilder,
    sink: S,
    /// The bytes written to the sink so far.
    written: u64,
}

impl<S: IndexSink> IndexWriter<S> {
    /// A writer to `sink` (from its start), reading words in context with `segmenter` (see
    /// [`IndexBuilder::with_segmenter`]).
    pub fn new(sink: S, segmenter: &'static dyn Segmenter) -> Self {
        IndexWriter {
            builder: IndexBuilder::with_segmenter(segmenter),
            sink,
            written: 0,
        }
    }

    /// See [`IndexBuilder::set_outlets`].
    pub fn set_outlets(&mut self, rules: OutletRules) {
        self.builder.set_outlets(rules);
    }

    /// [`IndexBuilder::add_all`], then the texts of `articles` written to the sink.
    pub fn add_all(&mut self, articles: Vec<Article>) -> io::Result<()> {
        self.builder.add_all(articles);
        if let Stored::Written(written) = &mut self.builder.stored {
            self.sink.write_all(&written.out)?;
            self.written += written.out.len() as u64;
            written.out.clear();
        }
        Ok(())
    }

    /// The articles added.
    pub fn len(&self) -> usize {
        self.builder.len()
    }

    pub fn is_empty(&self) -> bool {
        self.builder.is_empty()
    }

    /// Writes the rest of the index (see [`IndexBuilder::finish_with`]) and its header;
    /// returns the sink and the index's length in bytes.
    pub fn finish(mut self, segmenter: &dyn Segmenter) -> io::Result<(S, u64)> {
        let earlier = (&mut self.sink as &mut dyn IndexSink, self.written);
        let (texts, sections) = self.builder.finish_sections(segmenter, Some(earlier))?;
        self.sink.write_all(&texts.rest)?;
        let mut ranges: [Range<usize>; SECTION_COUNT] = Default::default();
        let mut sums = [0u64; SECTION_COUNT];
        ranges[TEXTS] = HEADER_LEN..HEADER_LEN + texts.texts.len;
        sums[TEXTS] = texts.texts.sum;
        let mut end = ranges[TEXTS].end;
        for (section, bytes) in sections {
            self.sink.write_all(&bytes)?;
            ranges[section] = end..end + bytes.len();
            sums[section] = checksum(&bytes);
            end += bytes.len();
        }
        let mut header = header_table(&ranges, &sums);
        // The index's checksum covers the header's table, then every section, in order.
        let mut sum = Checksum::default();
        sum.update(&header[super::header::CHECKSUM_OFFSET + 8..]);
        self.sink.seek(SeekFrom::Start(HEADER_LEN as u64))?;
        let mut written = (&mut self.sink).take((end - HEADER_LEN) as u64);
        let mut buffer = vec![0; 1 << 20];
        loop {
            let n = written.read(&mut buffer)?;
            if n == 0 {
                break;
            }
            sum.update(&buffer[..n]);
        }
        seal_header(&mut header, sum.finish());
        self.sink.seek(SeekFrom::Start(0))?;
        self.sink.write_all(&header)?;
        self.sink.flush()?;
        Ok((self.sink, end as u64))
    }
}

/// The `related` section and its cuts (see `related`): each article's `words` read as their
/// terms' stems, the versions of one story (`reprint_groups`) never related to each other.
fn related_sections(
    words: Vec<Box<[u8]>>,
    dates: &[Option<&str>],
    terms: &[(String, u32)],
    shapes: &[crate::shape::Shape],
    reprint_groups: &[Vec<DocId>],
) -> (Vec<u8>, Vec<Range<usize>>) {
    // Each term's place in `terms`, by its id.
    let mut place = vec![0u32; terms.len()];
    for (k, (_, id)) in terms.iter().enumerate() {
        place[*id as usize] = k as u32;
    }
    let stem_of = |id: u32| -> &str {
        let k = place[id as usize] as usize;
        names::stem(&terms[k].0, &shapes[k])
    };
    let mut story_of = vec![u32::MAX; words.len()];
    for (number, group) in reprint_groups.iter().enumerate() {
        for &doc in group {
            story_of[doc as usize] = number as u32;
        }
    }
    related::related_section(related::Archive {
        words,
        days: dates.iter().map(|d| related::day_number(*d)).collect(),
        stem_of: &stem_of,
        terms: terms.len(),
        story_of,
    })
}

/// The bodies of the articles written, read back from the texts section: from the index's
/// bytes written out (`earlier`) or still held (`out`, which follows them).
struct WrittenBodies<'o, 's> {
    /// Each chunk's first document and place in the texts section.
    spans: Vec<(DocId, Range<usize>)>,
    out: &'o [u8],
    earlier: Option<(&'s mut dyn IndexSink, u64)>,
    /// The last chunk read: its first document and its bodies.
    last: Option<(DocId, Vec<String>)>,
}

/// An article of a chunk as far as its body.
#[derive(serde::Deserialize)]
struct BodyOnly {
    body: String,
}

impl<'o, 's> WrittenBodies<'o, 's> {
    fn new(
        spans: Vec<(DocId, Range<usize>)>,
        out: &'o [u8],
        earlier: Option<(&'s mut dyn IndexSink, u64)>,
    ) -> Self {
        WrittenBodies {
            spans,
            out,
            earlier,
            last: None,
        }
    }

    /// The body of article `doc`.
    fn body(&mut self, doc: DocId) -> io::Result<String> {
        let chunk = self.spans.partition_point(|(first, _)| *first <= doc);
        let Some((first, span)) = chunk.checked_sub(1).map(|c| self.spans[c].clone()) else {
            return Err(invalid(format!("article {doc} is in no text chunk")));
        };
        if self.last.as_ref().map(|(at, _)| *at) != Some(first) {
            let bytes = self.read(HEADER_LEN + span.start..HEADER_LEN + span.end)?;
            let articles: Vec<BodyOnly> = serde_json::from_slice(&bytes)
                .map_err(|e| invalid(format!("text chunk of article {doc} read back: {e}")))?;
            self.last = Some((first, articles.into_iter().map(|a| a.body).collect()));
        }
        let bodies = self.last.as_ref().map_or(&[][..], |(_, b)| b.as_slice());
        bodies
            .get((doc - first) as usize)
            .cloned()
            .ok_or_else(|| invalid(format!("article {doc} missing from its text chunk")))
    }

    /// The index's bytes `range`, from the sink where it was written out, else `out`.
    fn read(&mut self, range: Range<usize>) -> io::Result<Vec<u8>> {
        let (start, end) = (range.start as u64, range.end as u64);
        let written = self.earlier.as_ref().map_or(0, |(_, n)| *n);
        let mut bytes = Vec::with_capacity(range.len());
        if let Some((sink, _)) = self.earlier.as_mut().filter(|_| start < written) {
            sink.seek(SeekFrom::Start(start))?;
            let mut taken = (&mut **sink).take(end.min(written) - start);
            taken.read_to_end(&mut bytes)?;
            sink.seek(SeekFrom::Start(written))?;
        }
        let held = |at: u64| (at.max(written) - written) as usize;
        let rest = self
            .out
            .get(held(start)..held(end))
            .ok_or_else(|| invalid(format!("bytes {start}..{end} of the index not written")))?;
        bytes.extend_from_slice(rest);
        if bytes.len() != range.len() {
            return Err(invalid(format!(
                "bytes {start}..{end} of the index read back short"
            )));
        }
        Ok(bytes)
    }
}

fn invalid(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message)
}

/// The cuts of the positions section paired with `postings_cuts`: each block holds the
/// positions of the lists in the postings block of its number (`list_ends` and
/// `positions_ends`: where each list ends in either section).
fn paired_cuts(
    postings_cuts: &[Range<usize>],
    list_ends: &[usize],
    positions_ends: &[usize],
) -> Vec<Range<usize>> {
    let mut start = 0;
    postings_cuts
        .iter()
        .map(|cut| {
            let last_list = list_ends.partition_point(|&end| end < cut.end);
            let end = positions_ends.get(last_list).copied().unwrap_or(start);
            let range = start..end;
            start = end;
            range
        })
        .collect()
}
