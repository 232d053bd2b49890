//! One name per outlet: the spellings of the archive's sources grouped by the archive's own
//! evidence, so the source facet counts an outlet once and its filter takes every spelling.
//!
//! The same outlet is written many ways (`KIC 중국`, `KIC중국`, `한국혁신센터(KIC)중국`,
//! `글로벌혁신센터(KIC 중국)`; `과기일보(科技日报)` and `科技日报`). Two spellings are one outlet
//! when any of these holds, each a [`Merged`] reason:
//!
//! - **the same letters**: they differ only in spacing, punctuation, case, width or traditional
//!   and simplified Hanzi (`KIC 중국` = `KIC중국`);
//! - **the same original**: a name followed by its original in another script, in parentheses
//!   or not (`과기일보(科技日报)`, `베이징상보北京商报`, `한국혁신센터(KIC)중국`), is also written as
//!   either part — the name before the parenthesis or the original in its place, with what
//!   follows the parenthesis — and two spellings that can be written the same are one. A
//!   parenthesis in the script of the name before it is a qualifier (`인민일보(중국)`), not an
//!   original, and joins nothing;
//! - **an alias the archive states**: the two are (or can be written as) spellings of one
//!   alias group mined from the texts (`제일재경(第一财经)` in an article joins the sources
//!   `제일재경` and `第一财经`);
//! - **the archive's `sources.toml`**: a file beside the articles naming an outlet and its
//!   spellings, which overrides the evidence for every spelling it lists ([`OutletRules`]).
//!
//! An outlet is named by its spelling on the most articles (then the longest, then the first in
//! order), or by the name `sources.toml` gives it.

use std::collections::HashMap;

use crate::tokenize::{fold, script_of, Script};

/// Spellings shorter than this (in characters, as compared) are no evidence: `중국`, `AP`.
const MIN_KEY_CHARS: usize = 3;

/// Outlets the archive names itself, from `sources.toml` (read by ingest): each outlet's name
/// and its spellings. A spelling listed here leaves whatever group the evidence put it in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OutletRules {
    pub outlets: Vec<(String, Vec<String>)>,
}

/// Why a spelling is counted under its outlet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Merged {
    /// The spelling the outlet is named by, or one alone.
    Named = 0,
    /// The same letters, spaced or punctuated otherwise.
    SameLetters = 1,
    /// Written with the same original (in parentheses, or in Hanzi after the name).
    SameOriginal = 2,
    /// Spellings of an alias group the archive's texts state.
    StatedAlias = 3,
    /// Listed under the outlet in the archive's `sources.toml`.
    SourcesFile = 4,
}

impl Merged {
    pub(crate) fn from_code(code: u64) -> Option<Merged> {
        Some(match code {
            0 => Merged::Named,
            1 => Merged::SameLetters,
            2 => Merged::SameOriginal,
            3 => Merged::StatedAlias,
            4 => Merged::SourcesFile,
            _ => return None,
        })
    }

    /// Why, in a few words (the CLI's listing).
    pub fn describe(self) -> &'static str {
        match self {
            Merged::Named => "the outlet's name",
            Merged::SameLetters => "the same letters",
            Merged::SameOriginal => "the same original name",
            Merged::StatedAlias => "an alias the archive states",
            Merged::SourcesFile => "sources.toml",
        }
    }
}

/// The outlets of an archive: their names (sorted, distinct) and, per source spelling (in the
/// order of the heads' sorted source names), its outlet's number and why it is there.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OutletTable {
    pub names: Vec<String>,
    pub of_spelling: Vec<(u32, Merged)>,
}

/// One outlet as listed for people: its name and its spellings with the reason each is there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outlet {
    pub name: String,
    pub spellings: Vec<(String, Merged)>,
}

/// Groups `spellings` (the archive's distinct source names, sorted, each with its number of
/// articles) into outlets by the evidence above; `alias_groups` are the archive's stated
/// aliases (folded terms).
pub fn group_outlets(
    spellings: &[(&str, usize)],
    alias_groups: &[Vec<String>],
    rules: &OutletRules,
) -> OutletTable {
    let listed = listed_spellings(spellings, rules);
    let alias_of: HashMap<String, usize> = alias_groups
        .iter()
        .enumerate()
        .flat_map(|(g, terms)| terms.iter().map(move |t| (key(t), g)))
        .collect();
    // Who holds each piece of evidence, and whether as written or derived.
    let mut holders: HashMap<Evidence, Vec<(usize, bool)>> = HashMap::new();
    for (i, (spelling, _)) in spellings.iter().enumerate() {
        if listed[i].is_none() {
            for (evidence, derived) in evidence_of(spelling, &alias_of) {
                holders.entry(evidence).or_default().push((i, derived));
            }
        }
    }
    let mut groups = UnionFind::new(spellings.len());
    for held in holders.values() {
        for pair in held.windows(2) {
            groups.union(pair[0].0, pair[1].0);
        }
    }
    // Why each joined: the strongest evidence it shares with another spelling.
    let mut why = vec![Merged::Named; spellings.len()];
    for (evidence, held) in holders.iter().filter(|(_, held)| held.len() > 1) {
        let as_written = held.iter().filter(|(_, derived)| !derived).count();
        for &(i, derived) in held {
            // Shared as written only with another spelling that has it as written too.
            let reason = evidence.reason(derived || as_written < 2);
            if why[i] == Merged::Named || reason < why[i] {
                why[i] = reason;
            }
        }
    }
    name_outlets(spellings, &listed, &mut groups, why, rules)
}

/// Per spelling, the number of the `sources.toml` outlet that lists it (by its letters).
fn listed_spellings(spellings: &[(&str, usize)], rules: &OutletRules) -> Vec<Option<usize>> {
    let mut listed_as: HashMap<String, usize> = HashMap::new();
    for (n, (name, listed)) in rules.outlets.iter().enumerate() {
        for spelling in std::iter::once(name).chain(listed) {
            listed_as.entry(key(spelling)).or_insert(n);
        }
    }
    spellings
        .iter()
        .map(|(s, _)| listed_as.get(&key(s)).copied())
        .collect()
}

/// Names the groups (each by its spelling on the most articles, then the longest, then the
/// first in order; a listed one by its `sources.toml` name) and numbers them in name order.
fn name_outlets(
    spellings: &[(&str, usize)],
    listed: &[Option<usize>],
    groups: &mut UnionFind,
    mut why: Vec<Merged>,
    rules: &OutletRules,
) -> OutletTable {
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in (0..spellings.len()).filter(|&i| listed[i].is_none()) {
        members.entry(groups.find(i)).or_default().push(i);
    }
    let mut named: Vec<(String, usize)> = Vec::with_capacity(spellings.len());
    for group in members.values() {
        let by = |&i: &usize| {
            let (spelling, articles) = spellings[i];
            (
                articles,
                spelling.chars().count(),
                std::cmp::Reverse(spelling),
            )
        };
        let name = *group
            .iter()
            .max_by_key(|i| by(i))
            .expect("a group has a member");
        why[name] = Merged::Named;
        named.extend(group.iter().map(|&i| (spellings[name].0.to_string(), i)));
    }
    for (i, outlet) in listed.iter().enumerate() {
        if let Some(n) = outlet {
            let name = &rules.outlets[*n].0;
            named.push((name.clone(), i));
            why[i] = if spellings[i].0 == name {
                Merged::Named
            } else {
                Merged::SourcesFile
            };
        }
    }
    let mut names: Vec<String> = named.iter().map(|(name, _)| name.clone()).collect();
    names.sort_unstable();
    names.dedup();
    let mut of_spelling = vec![(0, Merged::Named); spellings.len()];
    for (name, i) in named {
        let number = names.binary_search(&name).expect("named above") as u32;
        of_spelling[i] = (number, why[i]);
    }
    OutletTable { names, of_spelling }
}

/// A piece of evidence a spelling carries: two spellings with the same are one outlet.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Evidence {
    /// Letters it is written with (compared folded, without spaces or punctuation): as a
    /// whole, or one of the ways it is also written (`written_as`).
    Letters(String),
    /// A stated alias group its letters, or a way it is written, belong to.
    Alias(usize),
}

impl Evidence {
    /// Why two spellings sharing this are one; `derived`: one of them has it from a way it
    /// is written, not as written.
    fn reason(&self, derived: bool) -> Merged {
        match self {
            Evidence::Letters(_) if derived => Merged::SameOriginal,
            Evidence::Letters(_) => Merged::SameLetters,
            Evidence::Alias(_) => Merged::StatedAlias,
        }
    }
}

/// The evidence `spelling` carries, each with whether it is derived (from a way of writing
/// it) rather than its letters as written.
fn evidence_of(spelling: &str, alias_of: &HashMap<String, usize>) -> Vec<(Evidence, bool)> {
    let whole = key(spelling);
    let mut written: Vec<String> = written_as(spelling)
        .iter()
        .map(|w| key(w))
        .filter(|w| w.chars().count() >= MIN_KEY_CHARS && *w != whole)
        .collect();
    written.sort_unstable();
    written.dedup();
    let mut evidence = Vec::new();
    if !whole.is_empty() {
        evidence.push((Evidence::Letters(whole.clone()), false));
    }
    evidence.extend(written.iter().map(|w| (Evidence::Letters(w.clone()), true)));
    let mut aliases: Vec<usize> = std::iter::once(&whole)
        .chain(&written)
        .filter_map(|k| alias_of.get(k).copied())
        .collect();
    aliases.sort_unstable();
    aliases.dedup();
    evidence.extend(aliases.into_iter().map(|g| (Evidence::Alias(g), false)));
    evidence
}

/// The other ways a name with its original is written: `X(Y)Z` as `XZ` and `YZ` when `Y` is
/// in another script than the end of `X`; `X原文` (Hangul, then Hanzi) as `X` and `原文`.
fn written_as(spelling: &str) -> Vec<String> {
    if let Some(open) = spelling.find(['(', '（']) {
        let width = |at: &str| at.chars().next().map_or(1, char::len_utf8);
        let rest = &spelling[open + width(&spelling[open..])..];
        let Some(close) = rest.rfind([')', '）']) else {
            return Vec::new();
        };
        let (before, inside) = (&spelling[..open], &rest[..close]);
        let after = &rest[close + width(&rest[close..])..];
        let name_script = before.chars().rev().find_map(script_of);
        let original_script = inside.chars().find_map(script_of);
        if name_script.is_some() && name_script != original_script {
            return vec![format!("{before}{after}"), format!("{inside}{after}")];
        }
        return Vec::new();
    }
    let first_han = spelling
        .char_indices()
        .find(|(_, c)| script_of(*c) == Some(Script::Han));
    match first_han {
        Some((at, _))
            if spelling[..at]
                .chars()
                .any(|c| script_of(c) == Some(Script::Hangul)) =>
        {
            vec![spelling[..at].to_string(), spelling[at..].to_string()]
        }
        _ => Vec::new(),
    }
}

/// How spellings are compared: folded (case, width, traditional Hanzi), letters and digits
/// only.
pub fn key(spelling: &str) -> String {
    fold(spelling)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Union-find over spellings.
struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(len: usize) -> Self {
        UnionFind {
            parent: (0..len).collect(),
        }
    }

    fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        self.parent[a.max(b)] = a.min(b);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `spellings` sorted as the heads keep them.
    fn sorted<'a>(spellings: &[(&'a str, usize)]) -> Vec<(&'a str, usize)> {
        let mut spellings = spellings.to_vec();
        spellings.sort();
        spellings
    }

    /// Each outlet as `= name` and its spellings.
    fn outlets(
        spellings: &[(&str, usize)],
        aliases: &[&[&str]],
        rules: &OutletRules,
    ) -> Vec<Vec<String>> {
        let spellings = sorted(spellings);
        let alias_groups: Vec<Vec<String>> = aliases
            .iter()
            .map(|g| g.iter().map(|s| s.to_string()).collect())
            .collect();
        let table = group_outlets(&spellings, &alias_groups, rules);
        let mut by_outlet: Vec<Vec<String>> = table
            .names
            .iter()
            .map(|name| vec![format!("= {name}")])
            .collect();
        for (i, (outlet, _)) in table.of_spelling.iter().enumerate() {
            by_outlet[*outlet as usize].push(spellings[i].0.to_string());
        }
        by_outlet
    }

    #[test]
    fn spellings_of_one_outlet_are_one() {
        let spellings = [
            ("KIC 중국", 2),
            ("KIC중국", 1),
            ("한국혁신센터(KIC)중국", 3),
            ("글로벌혁신센터(KIC 중국)", 1),
            ("과기일보(科技日报)", 1),
            ("科技日報", 1),
            ("베이징상보北京商报", 1),
            ("베이징상보", 2),
            ("36kr", 5),
        ];
        let got = outlets(&spellings, &[], &OutletRules::default());
        assert_eq!(
            got,
            [
                vec!["= 36kr", "36kr"],
                vec!["= 과기일보(科技日报)", "科技日報", "과기일보(科技日报)"],
                vec!["= 베이징상보", "베이징상보", "베이징상보北京商报"],
                vec![
                    "= 한국혁신센터(KIC)중국",
                    "KIC 중국",
                    "KIC중국",
                    "글로벌혁신센터(KIC 중국)",
                    "한국혁신센터(KIC)중국"
                ],
            ]
        );
    }

    #[test]
    fn any_spelling_is_read_without_a_panic() {
        let spellings = [
            ("x)(", 1),
            ("((", 1),
            ("))", 1),
            ("(", 1),
            ("中(", 1),
            ("(中)", 1),
            ("가)나(다", 1),
            ("（", 1),
            ("", 1),
        ];
        let table = group_outlets(&sorted(&spellings), &[], &OutletRules::default());
        assert_eq!(table.of_spelling.len(), spellings.len());
    }

    #[test]
    fn a_qualifier_in_parentheses_joins_nothing() {
        let spellings = [
            ("AP(China)", 1),
            ("Reuters(China)", 1),
            ("신화통신(중국)", 1),
            ("인민일보(중국)", 1),
        ];
        let got = outlets(&spellings, &[], &OutletRules::default());
        assert_eq!(got.len(), 4, "{got:?}");
    }

    #[test]
    fn stated_aliases_join_spellings_in_two_scripts() {
        let spellings = [("제일재경", 3), ("第一财经", 1), ("선전상보", 1)];
        let got = outlets(
            &spellings,
            &[&["第一财经", "제일재경"]],
            &OutletRules::default(),
        );
        assert_eq!(
            got,
            [
                vec!["= 선전상보", "선전상보"],
                vec!["= 제일재경", "第一财经", "제일재경"]
            ]
        );
    }

    #[test]
    fn the_sources_file_overrides_the_evidence() {
        let spellings = sorted(&[
            ("KIC 중국", 2),
            ("KIC중국", 1),
            ("KIC 중국 NEWS", 1),
            ("선전상보", 1),
            ("深圳商报", 4),
        ]);
        let rules = OutletRules {
            outlets: vec![
                ("선전상보".into(), vec!["深圳商报".into()]),
                ("KIC".into(), vec!["KIC중국".into()]),
            ],
        };
        let got = outlets(&spellings, &[], &rules);
        assert_eq!(
            got,
            [
                vec!["= KIC", "KIC 중국", "KIC중국"],
                vec!["= KIC 중국 NEWS", "KIC 중국 NEWS"],
                vec!["= 선전상보", "深圳商报", "선전상보"]
            ]
        );
        let table = group_outlets(&spellings, &[], &rules);
        let why: Vec<Merged> = table.of_spelling.iter().map(|(_, why)| *why).collect();
        assert_eq!(
            why,
            [
                Merged::SourcesFile,
                Merged::Named,
                Merged::SourcesFile,
                Merged::SourcesFile,
                Merged::Named
            ]
        );
    }

    #[test]
    fn reasons_say_how_a_spelling_joined() {
        let spellings = sorted(&[
            ("KIC 중국", 2),
            ("KIC중국", 1),
            ("글로벌혁신센터(KIC 중국)", 1),
            ("第一财经", 1),
            ("제일재경", 2),
        ]);
        let aliases = vec![vec!["第一财经".to_string(), "제일재경".to_string()]];
        let table = group_outlets(&spellings, &aliases, &OutletRules::default());
        let why: Vec<Merged> = table.of_spelling.iter().map(|(_, why)| *why).collect();
        assert_eq!(
            why,
            [
                Merged::Named,
                Merged::SameLetters,
                Merged::StatedAlias,
                Merged::SameOriginal,
                Merged::Named
            ]
        );
    }
}
