//! Collecting the scored articles: the exclusions, source and date filters, the facet counts
//! (disjunctive: a filter's own facet ignores it), and the result order (by score with the
//! proximity bonus on the best, or by date), found without sorting everything.

use super::cache::SearchCache;
use super::prepared::Prepared;
use super::{Facets, SearchOptions, Sort};
use crate::doc_mask::DocMask;
use crate::fxhash::{FxMap, FxSet};
use crate::index::{DocId, Index};
use crate::query::DateRange;
use crate::tokenize::fold;

/// Best hits re-ranked with the proximity bonus; the rest keep their BM25 order.
const PROXIMITY_CANDIDATES: usize = 200;
/// Score multiplier for hits whose query words stand side by side (phrase-like): 1 + this.
const ADJACENT_BONUS: f32 = 0.5;

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

impl<D: AsRef<[u8]>> Index<D> {
    /// The scored articles that pass the exclusions and filters (unordered), the facets, and
    /// the articles whose body may hold a marked term (`None`: any).
    pub(super) fn matching(
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
        let source_ok = self.sources_passing(&wanted);
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

        let (sources_column, months_column) = self.facet_columns();
        let mut source_counts = Counts::new(self.source_names().len());
        // The months' counts, then the undated articles' (the month column's `u32::MAX`).
        let undated_slot = self.month_names().len();
        let mut month_counts = Counts::new(undated_slot + 1);
        // Counts the `i`th match, `doc`, in the facets; the source facet counts the articles
        // in the dates asked for, the month facet those of the sources asked for.
        let mut count = |i: usize, doc: DocId, in_sources: bool, in_dates: bool| {
            if in_dates {
                // An article without a source (`u32::MAX`) is not counted.
                source_counts.add(sources_column[doc as usize] as usize, i);
            }
            if in_sources {
                let month = months_column[doc as usize] as usize;
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
                let source = sources_column[doc as usize];
                let in_sources =
                    wanted.is_empty() || (source != u32::MAX && source_ok[source as usize]);
                let in_dates = if options.undated {
                    months_column[doc as usize] == u32::MAX
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
        (facets.sources, facets.spellings) = self.outlet_facet(&source_counts);
        facets.months = named(self.month_names(), month_counts);
        (ranked, facets, marked_bodies)
    }

    /// Which sources (by number) pass a filter by `wanted` (folded; empty: every one): those
    /// of an outlet whose name or any spelling holds one of the wanted names, so a filter by
    /// an outlet takes every spelling of it.
    fn sources_passing(&self, wanted: &[String]) -> Vec<bool> {
        let table = self.outlet_table();
        let holds = |name: &str| wanted.iter().any(|w| fold(name).contains(w.as_str()));
        let mut outlet_ok: Vec<bool> = table.names.iter().map(|name| holds(name)).collect();
        for (name, &(outlet, _)) in self.source_names().iter().zip(&table.of_spelling) {
            if holds(name) {
                outlet_ok[outlet as usize] = true;
            }
        }
        table
            .of_spelling
            .iter()
            .map(|&(outlet, _)| wanted.is_empty() || outlet_ok[outlet as usize])
            .collect()
    }

    /// The source facet by outlet (most articles first), and the spellings with their counts
    /// of each outlet counted under more than one; `counts` are by source number.
    #[allow(clippy::type_complexity)]
    fn outlet_facet(
        &self,
        counts: &Counts,
    ) -> (Vec<(String, usize)>, Vec<(String, Vec<(String, usize)>)>) {
        let table = self.outlet_table();
        let mut by_outlet: Vec<Vec<(String, usize)>> = vec![Vec::new(); table.names.len()];
        for (i, (name, &(outlet, _))) in self
            .source_names()
            .iter()
            .zip(&table.of_spelling)
            .enumerate()
        {
            let n = counts.total(i);
            if n > 0 {
                by_outlet[outlet as usize].push((name.clone(), n));
            }
        }
        let mut sources = Vec::new();
        let mut spellings = Vec::new();
        for (name, mut counted) in table.names.iter().zip(by_outlet) {
            let total: usize = counted.iter().map(|(_, n)| n).sum();
            if total > 0 {
                sources.push((name.clone(), total));
            }
            if counted.len() > 1 {
                counted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                spellings.push((name.clone(), counted));
            }
        }
        sources.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        (sources, spellings)
    }

    pub(super) fn date_matches(&self, doc: DocId, dates: &DateRange) -> bool {
        if dates.is_open() {
            return true;
        }
        self.date_of(doc).is_some_and(|d| dates.contains(d))
    }

    /// A key whose ascending order (then the doc id's) is the result order of `sort`: score
    /// highest first, then date newest first (undated last); or the date first. Its upper
    /// half is [`Index::order_primary`].
    pub(super) fn order_key(&self, doc: DocId, score: f32, sort: Sort) -> u64 {
        let by_score = u64::from(Self::by_score(score));
        let by_date = u64::from(self.by_date(doc, sort));
        match sort {
            Sort::Relevance => by_score << 32 | by_date,
            Sort::Newest | Sort::Oldest => by_date << 32 | by_score,
        }
    }

    /// The upper half of [`Index::order_key`]: for relevance the score's alone, so most
    /// entries of a long list are passed over without looking their dates up.
    pub(super) fn order_primary(&self, doc: DocId, score: f32, sort: Sort) -> u32 {
        match sort {
            Sort::Relevance => Self::by_score(score),
            Sort::Newest | Sort::Oldest => self.by_date(doc, sort),
        }
    }

    /// Higher scores give smaller numbers.
    pub(super) fn by_score(score: f32) -> u32 {
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
    pub(super) fn by_date(&self, doc: DocId, sort: Sort) -> u32 {
        match (sort, self.date_rank(doc)) {
            (_, 0) => u32::MAX,
            (Sort::Oldest, rank) => rank,
            (Sort::Newest | Sort::Relevance, rank) => u32::MAX - rank,
        }
    }

    /// Puts the first `wanted` entries of `ranked` in order (the rest stay unordered, all
    /// after them) and returns how many are ordered.
    pub(super) fn order(
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
            let candidates = DocMask::of(
                self.doc_stats().len(),
                ranked[..top].iter().map(|(doc, _)| *doc),
            );
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

    /// Keeps one entry per story in `ranked` (matching articles and their scores): of each
    /// reprint group's matching versions the best scored (ties: the earlier in `ranked`).
    /// Returns, per kept entry with other matching versions, those versions in the group's
    /// order (first version first).
    pub(super) fn group_reprints(
        &self,
        ranked: &mut Vec<(DocId, f32)>,
    ) -> FxMap<DocId, Vec<DocId>> {
        let mut versions: FxMap<DocId, Vec<DocId>> = FxMap::default();
        if !self.has_reprints() {
            return versions;
        }
        // Per group met: the index in `ranked` of its kept entry, and its matching versions.
        let mut met: FxMap<u32, (usize, FxSet<DocId>)> = FxMap::default();
        let mut keep = vec![true; ranked.len()];
        for (i, &(doc, score)) in ranked.iter().enumerate() {
            let Some(group) = self.reprint_group(doc) else {
                continue;
            };
            let (kept, matching) = met.entry(group).or_insert_with(|| (i, FxSet::default()));
            matching.insert(doc);
            if *kept != i {
                if score > ranked[*kept].1 {
                    keep[*kept] = false;
                    *kept = i;
                } else {
                    keep[i] = false;
                }
            }
        }
        for (_, (kept, matching)) in met {
            let doc = ranked[kept].0;
            let others: Vec<DocId> = self
                .reprints_of(doc)
                .iter()
                .copied()
                .filter(|&d| d != doc && matching.contains(&d))
                .collect();
            if !others.is_empty() {
                versions.insert(doc, others);
            }
        }
        let mut flags = keep.into_iter();
        ranked.retain(|_| flags.next().unwrap_or(true));
        versions
    }
}
