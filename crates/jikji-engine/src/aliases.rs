//! Aliases the archive states itself: a Hangul name followed by its original in parentheses —
//! `핀둬둬(拼多多)`, `중관춘(中关村)`, `마이그룹(蚂蚁集团 ANT GROUP)`, `화웨이(Huawei)`,
//! `인공지능(AI)`. Mined at index time, they let any spelling find the others. Groups that share
//! a spelling are merged (`중관춘(中关村)` and `중관촌(中關村)` make one group of three).
//!
//! An alias belongs to the whole name. A name written as several words before an acronym
//! (`증강 현실(AR)`, `국제 반도체 산업 협회(SEMI)`) is the run of bare words before it (each
//! its own stem, no particle or ending: the [`Segmenter`] says so when the index is
//! finished), at most as many as the acronym has letters: the alias is of those words written
//! together (증강현실 ↔ ar), never of the last word alone (현실 ↛ ar). Where one bare word
//! stands there (`중국의 인공지능(AI)`, `…에 따르면 인공지능(AI)`), the name is that word, as
//! for any other alias.
//!
//! So with an original in Han letters whose Hangul word before it is shorter than it
//! (`궈메이 소매(国美零售)`, `핑안 건강 의료 과기유한공사(平安健康医疗科技有限公司)`): a Han letter
//! reads as one Hangul syllable (국가 for 国家) or, transcribed from Chinese, two (지엔 for 坚),
//! so the name is the fewest bare words at the end whose syllables reach the Han letters'
//! count, without passing twice that count (궈메이소매 ↔ 国美零售, never 소매 ↔ 国美零售). A
//! Hangul word as long as the Han letters is the name alone (`중국 인민일보(人民日報)`).

use std::collections::HashMap;

use crate::shape::Segmenter;
use crate::tokenize::{tokenize, Script, Token};

/// Longest parenthesis content read as an alias, in characters.
const MAX_ORIGINAL_CHARS: usize = 40;
/// Largest alias group kept: bigger ones come from generic words and would mislead.
pub const MAX_GROUP: usize = 8;

/// What decides how many of the bare words before a parenthesis name what it holds.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Extent {
    /// An acronym: all of them (they were read back no further than its letters).
    Acronym,
    /// This many Han letters: the fewest whose syllables reach that count, at most twice it.
    Hanzi(usize),
}

impl Extent {
    /// How many of `bare` (the bare words at the end, the name last; at least one) name the
    /// original.
    fn words(self, bare: &[String]) -> usize {
        let Extent::Hanzi(letters) = self else {
            return bare.len();
        };
        let mut syllables = 0;
        let mut taken = 0;
        for word in bare.iter().rev() {
            let more = word.chars().count();
            if taken > 0 && (syllables >= letters || syllables + more > 2 * letters) {
                break;
            }
            syllables += more;
            taken += 1;
        }
        taken
    }
}

/// Collects alias pairs from texts and merges them into groups.
#[derive(Default)]
pub struct AliasMiner {
    /// Union-find over spellings.
    parent: HashMap<String, String>,
    /// Originals after several words (the words, the original folded, and what decides how
    /// many of the words make the name): decided in [`AliasMiner::groups`].
    phrases: Vec<(Vec<String>, String, Extent)>,
    /// Each original spelling as the archive first wrote it (folded → written: ai → AI,
    /// 华为 → 華爲), for showing (see [`AliasMiner::take_written`]).
    written: HashMap<String, String>,
}

impl AliasMiner {
    pub fn add_text(&mut self, text: &str) {
        let mut rest = text;
        while let Some(open) = rest.find(['(', '（']) {
            let before = &rest[..open];
            let after = &rest[open + rest[open..].chars().next().map_or(1, char::len_utf8)..];
            let Some(close) = after.find([')', '）']) else {
                break;
            };
            let inside = &after[..close];
            self.add_pair(before, inside);
            rest = &after[close..];
        }
    }

    /// `before` ends with the Hangul name; `inside` is what the parentheses hold.
    fn add_pair(&mut self, before: &str, inside: &str) {
        if inside.chars().count() > MAX_ORIGINAL_CHARS || before.ends_with(char::is_whitespace) {
            return;
        }
        let Some(name) = tokenize(before).pop() else {
            return;
        };
        if name.script != Script::Hangul
            || name.text.chars().count() < 2
            || name.end != before.len()
        {
            return;
        }
        // The name must be a whole word: "한중과기CT교류협회(KCICT)" does not name 교류협회.
        let starts_word = before[..name.start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        if !starts_word {
            return;
        }
        let originals = tokenize(inside);
        if originals.is_empty()
            || originals
                .iter()
                .any(|t| matches!(t.script, Script::Hangul | Script::Digit))
        {
            return;
        }
        for t in &originals {
            self.written
                .entry(t.text.clone())
                .or_insert_with(|| inside[t.start..t.end].to_owned());
        }
        // The Han letters, all of them (放送倫理・番組向上機構 is one name of ten), against
        // the Hangul name's syllables.
        let han: Vec<&Token> = originals
            .iter()
            .filter(|t| t.script == Script::Han)
            .collect();
        let letters: usize = han.iter().map(|t| t.text.chars().count()).sum();
        let words = if name.text.chars().count() < letters {
            words_before(before, letters)
        } else {
            Vec::new()
        };
        let mut spellings = Vec::new();
        for han in han.iter().filter(|t| t.text.chars().count() >= 2) {
            if words.len() >= 2 {
                let phrase = (words.clone(), han.text.clone(), Extent::Hanzi(letters));
                self.phrases.push(phrase);
            } else {
                spellings.push(han.text.clone());
            }
        }
        // A Latin spelling only when it is all the parentheses hold (Huawei, AI); several words
        // ("ANT GROUP") are not one term, and "COVID-19" or "Face++" name something else.
        let latin_only = originals.len() == 1 && originals[0].script == Script::Alpha;
        let bare = inside.trim().chars().all(|c| c.is_alphabetic());
        if latin_only && bare && originals[0].text.chars().count() >= 2 {
            let words = acronym_words(before, inside.trim());
            if words.len() >= 2 {
                self.phrases
                    .push((words, originals[0].text.clone(), Extent::Acronym));
            } else {
                spellings.push(originals[0].text.clone());
            }
        }
        for spelling in spellings {
            self.union(&name.text, &spelling);
        }
    }

    /// The root of `term`'s group, compressing the path (iterative: no deep recursion).
    fn find(&mut self, term: &str) -> String {
        let mut root = term.to_owned();
        while let Some(parent) = self.parent.get(&root).filter(|p| **p != root) {
            root = parent.clone();
        }
        let mut node = term.to_owned();
        while node != root {
            let next = self
                .parent
                .insert(node, root.clone())
                .unwrap_or_else(|| root.clone());
            node = next;
        }
        root
    }

    fn union(&mut self, a: &str, b: &str) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.parent.insert(ra, rb);
        }
        self.parent
            .entry(a.to_owned())
            .or_insert_with(|| a.to_owned());
        self.parent
            .entry(b.to_owned())
            .or_insert_with(|| b.to_owned());
    }

    /// Adds the pairs `other` has seen (the groups are the same whatever the order of texts).
    pub fn append(&mut self, mut other: AliasMiner) {
        self.phrases.append(&mut other.phrases);
        for (folded, written) in std::mem::take(&mut other.written) {
            self.written.entry(folded).or_insert(written);
        }
        let terms: Vec<String> = other.parent.keys().cloned().collect();
        for term in terms {
            let root = other.find(&term);
            self.union(&term, &root);
        }
    }

    /// The original spellings as the archive first wrote them (folded → written), taken out
    /// of the miner: what a name is shown as (`AI`, not the folded `ai` that search matches).
    pub fn take_written(&mut self) -> HashMap<String, String> {
        std::mem::take(&mut self.written)
    }

    /// The alias groups, each sorted, groups sorted; oversized groups dropped. An original
    /// after several words names bare ones at their end (`segmenter`: a word whose stem is all
    /// of it; as many as its [`Extent`] says), written together where they are two or more,
    /// else the last word.
    pub fn groups(mut self, segmenter: &dyn Segmenter) -> Vec<Vec<String>> {
        for (words, original, extent) in std::mem::take(&mut self.phrases) {
            let bare = words
                .iter()
                .rev()
                .take_while(|w| {
                    let chars = w.chars().count();
                    segmenter.shape(w).stem_chars >= chars
                })
                .count()
                .max(1);
            let taken = extent.words(&words[words.len() - bare..]);
            let name: String = words[words.len() - taken..].concat();
            self.union(&name, &original);
        }
        let terms: Vec<String> = self.parent.keys().cloned().collect();
        let mut by_root: HashMap<String, Vec<String>> = HashMap::new();
        for term in terms {
            let root = self.find(&term);
            by_root.entry(root).or_default().push(term);
        }
        let mut groups: Vec<Vec<String>> = by_root
            .into_values()
            .filter(|g| (2..=MAX_GROUP).contains(&g.len()))
            .map(|mut g| {
                g.sort();
                g
            })
            .collect();
        groups.sort();
        groups
    }
}

/// The words an acronym (`inside`: capitals only, AR, SEMI) may stand for: the Hangul words
/// that end `before` (the last is the name before the parenthesis), separated by spaces only,
/// at most as many as the acronym has letters (국제 원자력 기구(IAEA): three, 원자력 standing
/// for two). Empty when `inside` is no acronym.
fn acronym_words(before: &str, inside: &str) -> Vec<String> {
    let letters = inside.chars().count();
    if letters < 2 || !inside.chars().all(|c| c.is_ascii_uppercase()) {
        return Vec::new();
    }
    words_before(before, letters)
}

/// The Hangul words of two letters or more that end `before` (the last is the name before the
/// parenthesis), separated by spaces only, at most `most` of them.
fn words_before(before: &str, most: usize) -> Vec<String> {
    let tokens: Vec<Token> = tokenize(before);
    let mut from = tokens.len();
    while from > 0 && tokens.len() - from < most {
        let word = &tokens[from - 1];
        let spaced = from == tokens.len()
            || before[word.end..tokens[from].start]
                .chars()
                .all(|c| c == ' ');
        if word.script != Script::Hangul || word.text.chars().count() < 2 || !spaced {
            break;
        }
        from -= 1;
    }
    tokens[from..].iter().map(|w| w.text.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Stands in for the lexicon: a word ending in 면 or 의 has them as its ending or particle.
    struct Endings;

    impl Segmenter for Endings {
        fn shape(&self, term: &str) -> crate::Shape {
            let chars = term.chars().count();
            let ends = term.ends_with('면') || term.ends_with('의');
            crate::Shape {
                boundaries: 0,
                stem_chars: chars - usize::from(ends),
            }
        }
    }

    fn mine(texts: &[&str]) -> Vec<Vec<String>> {
        let mut miner = AliasMiner::default();
        for t in texts {
            miner.add_text(t);
        }
        miner.groups(&Endings)
    }

    #[test]
    fn finds_names_with_their_originals() {
        let groups = mine(&[
            "최근 핀둬둬(拼多多) 산하의 항목과 마이그룹(蚂蚁集团 ANT GROUP)은 화웨이(Huawei)와 인공지능(AI)을",
        ]);
        assert_eq!(
            groups,
            [
                vec!["ai", "인공지능"],
                vec!["huawei", "화웨이"],
                vec!["拼多多", "핀둬둬"],
                vec!["蚂蚁集团", "마이그룹"]
            ]
        );
    }

    #[test]
    fn an_acronym_of_several_words_is_the_alias_of_them_all() {
        let groups = mine(&[
            "애플은 증강 현실(AR) 기기를",
            "국제 반도체 산업 협회(SEMI)는",
            "중국의 인공지능(AI) 기업",
            "에 따르면 국제 원자력 기구(IAEA)는",
        ]);
        assert_eq!(
            groups,
            [
                vec!["ai", "인공지능"],
                vec!["ar", "증강현실"],
                vec!["iaea", "국제원자력기구"],
                vec!["semi", "국제반도체산업협회"]
            ]
        );
    }

    #[test]
    fn a_han_name_is_the_alias_of_as_many_words_as_its_letters_read() {
        let groups = mine(&[
            "빠르게 전환한 것은 궈메이 소매(国美零售)가",
            "핑안 건강 의료 과기유한공사(平安健康医疗科技有限公司)는",
            "코인데스크는 중국 인민일보(人民日報)에",
            "텐센트 스마트소매 부총재 판이진(范奕瑾)은",
            "시장의 소매(小卖部)",
            "방송 윤리 및 편성 향상 기관(放送倫理・番組向上機構)은",
        ]);
        assert_eq!(
            groups,
            [
                vec!["人民日报", "인민일보"],
                vec!["国美零售", "궈메이소매"],
                vec!["小卖部", "소매"],
                vec!["平安健康医疗科技有限公司", "핑안건강의료과기유한공사"],
                vec!["放送伦理", "番组向上机构", "편성향상기관"],
                vec!["范奕瑾", "판이진"],
            ]
        );
    }

    #[test]
    fn a_han_name_takes_no_more_words_than_two_syllables_a_letter() {
        // 국무원 특빈반: 6 syllables for 6 letters, so 부처인 is not read. 다룬파 alone has 3
        // for 3. 징둥 has 2 for 4, but the word before would make 10, more than 8.
        let groups = mine(&[
            "관할 부처인 국무원 특빈반(国务院持贫办)은",
            "대형 할인점 다룬파(大润发)",
            "제일 큰 전자상거래플랫폼 징둥(京东商城)",
        ]);
        assert_eq!(
            groups,
            [
                vec!["京东商城", "징둥"],
                vec!["国务院持贫办", "국무원특빈반"],
                vec!["大润发", "다룬파"],
            ]
        );
    }

    #[test]
    fn originals_are_kept_as_first_written() {
        let mut first = AliasMiner::default();
        first.add_text("인공지능(AI)과 화웨이(華爲)");
        let mut later = AliasMiner::default();
        later.add_text("인공지능(Ai)");
        first.append(later);
        let written = first.take_written();
        assert_eq!(written["ai"], "AI");
        assert_eq!(written["华为"], "華爲");
        assert_eq!(
            first.groups(&Endings),
            [vec!["ai", "인공지능"], vec!["华为", "화웨이"]]
        );
    }

    #[test]
    fn merges_groups_that_share_a_spelling() {
        let groups = mine(&["중관춘(中关村)에서", "중관촌(中關村)에서"]);
        assert_eq!(groups, [vec!["中关村", "중관촌", "중관춘"]]);
    }

    #[test]
    fn ignores_what_is_not_an_alias() {
        assert!(mine(&[
            "보고(2023) 발표",
            "서울 (Seoul)",
            "사진(왼쪽부터 김씨)",
            "(中关村)",
            "A(B)"
        ])
        .is_empty());
        assert!(mine(&[
            "한중과기CT교류협회(KCICT)",
            "감염증(COVID-19)",
            "광스커지(Face++)"
        ])
        .is_empty());
    }
}
