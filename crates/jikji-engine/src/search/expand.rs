//! Expansion: the dictionary terms a query word matches, best kind first — exact, its stem
//! (for a word written with particles or endings), the longer words it is a part of, aliases,
//! letters being typed, initials, a spacing variant, and similar words when little is found.

use super::prepared::{PreparedWord, Suggestion, TermMatch};
use super::streams::{after_prefix, Parts, MAX_CANDIDATES, MAX_EXPANSIONS};
use super::WRITTEN_WEIGHT;
use crate::fxhash::FxSet;
use crate::index::Index;
use crate::jamo;
use crate::korean::{past_tense_stems, PARTICLES};
use crate::marks::MatchKind;
use crate::query::Word;
use crate::shape;
use crate::tokenize::Script;

/// A word whose exact, prefix, compound and alias matches cover fewer documents than this is
/// also looked up by edit distance (1–5 is sensible; 0 disables fuzzy matching).
const FUZZY_BELOW_DOCS: usize = 3;
/// Shortest word looked up by edit distance, and the length from which two edits are allowed
/// (in syllables).
const FUZZY_MIN_SYLLABLES: usize = 3;
const FUZZY_LONG_SYLLABLES: usize = 5;
/// Shortest stem, in characters, that a query word the archive lacks is cut to by a particle
/// or ending it ends in (국가 is not 국 + 가).
const MIN_QUERY_STEM_CHARS: usize = 2;
/// Longer terms looked at to tell whether a string is the stem of some term.
const STEM_PROBES: usize = 64;

impl<D: AsRef<[u8]>> Index<D> {
    /// The dictionary terms a word matches, best kind first; with `stem`, a word written with
    /// particles or endings also matches what its stem does.
    pub(super) fn expand(
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
    pub(super) fn expand_with_stem(
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
        // The stem and its own forms count alike, as the stem; the longer words it begins
        // less, as for any word.
        for m in &mut expanded.matches {
            if m.kind == MatchKind::Exact {
                m.kind = MatchKind::Stem;
            }
            m.weight = m.weight.min(MatchKind::Stem.weight());
        }
        if let Some(postings) = self.term(&word.text) {
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
    /// archive's terms end in, or one of [`PARTICLES`]). `None` for a word that is its own stem
    /// (in the archive as written, or as the stem of its terms, or both).
    pub(super) fn query_stem(&self, word: &Word) -> Option<String> {
        let text = word.text.as_str();
        if word.script != Script::Hangul {
            return None;
        }
        // A name the archive states with its original (예란(叶澜)) is whole: no shorter word
        // and a particle (예 + 란), whatever its letters read as alone.
        if !self.aliases_of(text).is_empty() {
            return None;
        }
        let chars = text.chars().count();
        if let Some(value) = self.term(text) {
            let shape = shape::unpack(value, chars);
            // Nor a word the archive also has with particles of its own (토론토는, 토론토에서):
            // it is a stem there, whatever its letters may read as alone (토론 + 토).
            if shape.stem_chars == 0 || shape.stem_chars >= chars || self.is_stem(text) {
                return None;
            }
            let at = text.char_indices().nth(shape.stem_chars)?.0;
            return Some(text[..at].to_owned());
        }
        // A word the archive has only with particles (그림자 of 그림자가, 그림자를) is its own
        // stem, not a shorter stem and an ending (그림 + 자).
        if self.is_stem(text) {
            return None;
        }
        let cuts: Vec<(usize, char)> = text.char_indices().collect();
        for &(at, _) in cuts.iter().skip(MIN_QUERY_STEM_CHARS).rev() {
            let (head, tail) = text.split_at(at);
            if (self.tails().contains(tail) || PARTICLES.contains(&tail)) && self.is_stem(head) {
                return Some(head.to_owned());
            }
        }
        // A past tense contracts its stem's last syllable (늘렸다 of 늘리다): the stem the
        // archive has before the ending, uncontracted.
        for (i, &(at, syllable)) in cuts.iter().enumerate().skip(1).rev() {
            for stem_end in past_tense_stems(syllable) {
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
    pub(super) fn is_stem(&self, text: &str) -> bool {
        let chars = text.chars().count();
        let (mut probes, mut found) = (0, false);
        self.terms_starting_with(text.as_bytes(), |term, value| {
            let term_chars = std::str::from_utf8(term).map_or(0, |t| t.chars().count());
            found = shape::unpack(value, term_chars).stem_chars == chars;
            probes += 1;
            !found && probes < STEM_PROBES
        });
        found
    }

    /// The dictionary terms a word matches as it is written, best kind first.
    pub(super) fn expand_word(
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
            // Keys start with their first initial: only those of the query's are looked at.
            let (from, to) = first_letter_range(&packed);
            let entries = self.letters_matching(
                (&from, to.as_deref()),
                jamo::InitialsPrefix { query: &packed },
                MAX_CANDIDATES,
            );
            for (term, postings) in self.letter_stream(&entries, |_| false) {
                add(&mut found, &mut seen, term, postings, MatchKind::Initials);
            }
            return PreparedWord {
                word: word.clone(),
                matches: found,
                split: None,
                stem: None,
            };
        }
        if let Some(postings) = self.term(text) {
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
        // longer word it begins (주 → 주식, 주가…).
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
            weigh_own_forms(&mut found, text.chars().count());
        }
        for alias in self.aliases_of(text) {
            if let Some(postings) = self.term(&alias) {
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
            !one_syllable_typed && self.term(text).is_none() && !self.is_stem(text)
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
                let to = after_prefix(&packed);
                let entries = self.letters_matching(
                    (&packed, to.as_deref()),
                    fst::automaton::AlwaysMatch,
                    MAX_CANDIDATES,
                );
                for (term, postings) in self.letter_stream(&entries, |term| seen.contains(term)) {
                    add(&mut found, &mut seen, term, postings, MatchKind::Typing);
                }
            }
        }
        let split = if word.script == Script::Hangul {
            self.spacing_split(text)
        } else {
            None
        };
        // Whether the word finds little is known once the blocks read so far are here: until
        // then (a split index's first round) its variants wait, so their letters blocks are
        // not fetched for a word that turns out common.
        if allow_fuzzy
            && word.script == Script::Hangul
            && !self.lacks_blocks()
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
                // Variants keep the word's first letter (as a fuzzy query's prefix length
                // does elsewhere): the letters blocks of other first letters are not read.
                let (from, to) = first_letter_range(&packed);
                let candidates =
                    self.letters_matching((&from, to.as_deref()), automaton, MAX_CANDIDATES);
                // The most frequent; each weighted by its distance to the query, measured to
                // the closest prefix (중관춘은 is one letter from 중관촌 plus a particle).
                let fuzzy: Vec<(usize, bool, String, u64, u64)> = self
                    .most_frequent(candidates, |doc_count| doc_count as usize)
                    .into_iter()
                    .filter_map(|(letters, doc_count)| {
                        let near = jamo::prefix_distance(&packed, &letters);
                        let longer_form = jamo::distance(&packed, &letters) > near;
                        let term = jamo::compose(&letters);
                        let postings = self.term(&term)?;
                        Some((near, longer_form, term, postings, doc_count))
                    })
                    .collect();
                // Variants are merged into the word's matches only where the word itself finds
                // nothing (and the page says so); else they are offered, each with the articles
                // it would add, and the count stays the word's own.
                let merge = found.is_empty() && split.is_none();
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
                    if !merge {
                        continue;
                    }
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
                let names = variant_names(also, &packed, |term| self.base_form(term));
                let suggestion = if merge {
                    Suggestion {
                        word: text.to_owned(),
                        counts: Vec::new(),
                        also: names,
                        merged: true,
                    }
                } else {
                    self.offer(text, names)
                };
                if !suggestion.also.is_empty() {
                    suggestions.push(suggestion);
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

    /// A spacing variant: the word written as two, a word then one starting with the rest
    /// (스마트팩토리 → 스마트 + 팩토리…); the first split point whose parts are both in the
    /// dictionary. Only articles where the two stand side by side match through it.
    pub(super) fn spacing_split(&self, text: &str) -> Option<(TermMatch, Vec<TermMatch>)> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        if chars.len() < 4 {
            return None;
        }
        for &(at, _) in chars.iter().skip(2).take(chars.len().saturating_sub(3)) {
            let (head, tail) = text.split_at(at);
            let Some(postings) = self.term(head) else {
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

    /// The offer of similar words for `word`, which found a little: each variant searched as a
    /// word of its own (its forms, compounds and aliases, as a query of it would), with the
    /// articles it finds; a variant that finds none is left out.
    fn offer(&self, word: &str, names: Vec<String>) -> Suggestion {
        let mut offer = Suggestion {
            word: word.to_owned(),
            also: Vec::new(),
            counts: Vec::new(),
            merged: false,
        };
        for name in names {
            let variant = Word {
                text: name.clone(),
                script: Script::Hangul,
                typing: false,
            };
            let expanded = self.expand_word(&variant, false, &mut Vec::new());
            let count = self.clause_freqs(&[expanded]).documents();
            if count > 0 {
                offer.also.push(name);
                offer.counts.push(count);
            }
        }
        offer
    }

    /// A term without its particles and endings (도움이 → 도움), where what is left is a term
    /// of two characters or more; else the term.
    fn base_form(&self, term: &str) -> String {
        let chars = term.chars().count();
        let stem = self
            .term(term)
            .map_or(chars, |value| shape::unpack(value, chars).stem_chars);
        let cut = term
            .char_indices()
            .nth(stem)
            .map_or(term.len(), |(at, _)| at);
        let base = &term[..cut];
        if stem >= MIN_QUERY_STEM_CHARS && stem < chars && self.term(base).is_some() {
            base.to_owned()
        } else {
            term.to_owned()
        }
    }

    /// Distinct documents covered by the matches, counted up to `limit` (at least the
    /// terms dictionary's count class of each says, where its postings are not here yet).
    pub(super) fn doc_count(&self, matches: &[TermMatch], limit: usize) -> usize {
        let mut docs = FxSet::default();
        let mut least = 0;
        for m in matches {
            least = least.max(shape::least_count_of_class(shape::stored_count_class(
                m.postings,
            )));
            if self.doc_frequency(m.postings).max(least) >= limit {
                return limit;
            }
            let _ = self.read_doc_freqs(m.postings, |doc, _, _| {
                docs.insert(doc);
            });
            if docs.len() >= limit {
                return limit;
            }
        }
        docs.len().max(least)
    }
}

/// Gives the word's own forms among its prefix matches — the word of `chars` characters with
/// particles or endings, whose stem it is (중관춘은, 사고를 of 사고) — the weight of the word
/// itself: 사고를 is the word 사고, and an article that writes it bare says no more of it than
/// one that writes it with a particle. A longer word it begins (창업자들이 of 창업) keeps the
/// prefix weight.
fn weigh_own_forms(found: &mut [TermMatch], chars: usize) {
    for m in found.iter_mut().filter(|m| m.kind == MatchKind::Prefix) {
        if shape::unpack(m.postings, m.term.chars().count()).stem_chars == chars {
            m.weight = MatchKind::Exact.weight();
        }
    }
}

/// The variants to name, from (distance, frequency rank, term) in order: base forms only
/// (중관춘, not also 중관춘은; `base_form` gives a term's), other spellings only (a longer word that starts with the query's
/// letters `packed` is no alternative to it), at most three.
fn variant_names(
    also: Vec<(usize, usize, String)>,
    packed: &[u8],
    base_form: impl Fn(&str) -> String,
) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for (_, _, term) in also {
        let term = base_form(&term);
        let other_spelling = !jamo::letters(&term).is_some_and(|l| l.starts_with(packed));
        if names.len() < 3 && other_spelling && !names.iter().any(|n| term.starts_with(n.as_str()))
        {
            names.push(term);
        }
    }
    names
}

/// The keys of a letters dictionary that begin with the first letter of `packed` (all keys
/// when it is empty): from, and up to (`None`: to the end).
fn first_letter_range(packed: &[u8]) -> (Vec<u8>, Option<Vec<u8>>) {
    let first = &packed[..packed.len().min(1)];
    (first.to_vec(), after_prefix(first))
}
