//! Labelled fields: one notion of "a label and its value" for every reader (records' column
//! names, a clipping sheet's `매체명 : …`, a record of labelled lines or cells, a field list,
//! a card's rows).
//!
//! A label is recognised by what it means, not by a list of spellings: a head word that says
//! what the field holds (`매체`, `언론사`, `출처` an outlet; `일자`, `날짜`, `일시` a date;
//! `기자`, `작성자` a reporter; `제목` a title), alone or after a word that says of what
//! (`보도`, `게재`, `발행`, `기사`, `원문`: `보도매체`, `게재일자`, `발행일`, `기사제목`), perhaps
//! with `명` ("name of": `매체명`, `언론사명`); or its English word (`Source`, `Publisher`,
//! `Published`, `Date`, `Byline`, `Headline`). A date's head may be `일` alone only after such
//! a word (`보도일`, `게재일`: `내일`, `휴일` are no labels).

use crate::clean;

/// What a labelled field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    Id,
    Title,
    Body,
    Date,
    Outlet,
    Url,
    Reporter,
    Section,
}

/// Words that say of what a field is: the article's publication or the article itself.
const QUALIFIERS: &[&str] = &[
    "보도", "게재", "발행", "기사", "원문", "작성", "등록", "입력", "배포", "수록", "출고", "송고",
    "발간", "게시", "언론", "취재", "담당",
];

/// Head words of a field, by what it holds.
const HEADS: &[(&str, FieldKind)] = &[
    ("매체", FieldKind::Outlet),
    ("언론사", FieldKind::Outlet),
    ("신문", FieldKind::Outlet),
    ("신문사", FieldKind::Outlet),
    ("출처", FieldKind::Outlet),
    ("발행처", FieldKind::Outlet),
    ("발행사", FieldKind::Outlet),
    ("제공처", FieldKind::Outlet),
    ("출전", FieldKind::Outlet),
    ("일자", FieldKind::Date),
    ("날짜", FieldKind::Date),
    ("일시", FieldKind::Date),
    ("연월일", FieldKind::Date),
    ("기자", FieldKind::Reporter),
    ("작성자", FieldKind::Reporter),
    ("필자", FieldKind::Reporter),
    ("글쓴이", FieldKind::Reporter),
    ("제목", FieldKind::Title),
    ("표제", FieldKind::Title),
    ("헤드라인", FieldKind::Title),
    ("내용", FieldKind::Body),
    ("본문", FieldKind::Body),
    ("번호", FieldKind::Id),
    ("링크", FieldKind::Url),
    ("원문", FieldKind::Url),
    ("주소", FieldKind::Url),
    ("분류", FieldKind::Section),
    ("섹션", FieldKind::Section),
    ("카테고리", FieldKind::Section),
    ("분야", FieldKind::Section),
];

/// English labels (compared in lower case, spaces and marks aside).
const ENGLISH: &[(&str, FieldKind)] = &[
    ("id", FieldKind::Id),
    ("title", FieldKind::Title),
    ("headline", FieldKind::Title),
    ("body", FieldKind::Body),
    ("content", FieldKind::Body),
    ("text", FieldKind::Body),
    ("article", FieldKind::Body),
    ("date", FieldKind::Date),
    ("published", FieldKind::Date),
    ("publisheddate", FieldKind::Date),
    ("datepublished", FieldKind::Date),
    ("publishedat", FieldKind::Date),
    ("pubdate", FieldKind::Date),
    ("issued", FieldKind::Date),
    ("source", FieldKind::Outlet),
    ("publisher", FieldKind::Outlet),
    ("publication", FieldKind::Outlet),
    ("outlet", FieldKind::Outlet),
    ("media", FieldKind::Outlet),
    ("newspaper", FieldKind::Outlet),
    // The site's name, as scrapers write it (trafilatura's "sitename" and "source-hostname").
    ("sitename", FieldKind::Outlet),
    ("sourcehostname", FieldKind::Outlet),
    ("url", FieldKind::Url),
    ("link", FieldKind::Url),
    ("author", FieldKind::Reporter),
    ("byline", FieldKind::Reporter),
    ("writer", FieldKind::Reporter),
    ("reporter", FieldKind::Reporter),
    ("section", FieldKind::Section),
    ("category", FieldKind::Section),
];

/// A Korean label is at most this many characters (its key).
const MAX_LABEL_CHARS: usize = 8;

/// What a label names, if it is one: `보도매체`, `게재일자`, `발행일`, `기사제목`, `매체명`,
/// `Source`, `Date published`. Marks, spaces, a colon and a note in parentheses (`출처 (URL)`)
/// do not matter.
pub fn label_kind(label: &str) -> Option<FieldKind> {
    let label = label.trim_start_matches(|c: char| !c.is_alphanumeric());
    let base = label.split(['(', '（']).next().unwrap_or(label);
    let k = clean::key(base);
    if let Some((_, kind)) = ENGLISH.iter().find(|(w, _)| *w == k) {
        return Some(*kind);
    }
    if k.is_empty() || k.chars().count() > MAX_LABEL_CHARS {
        return None;
    }
    let k = k.strip_suffix('명').filter(|s| !s.is_empty()).unwrap_or(&k);
    if let Some((_, kind)) = HEADS.iter().find(|(w, _)| *w == k) {
        return Some(*kind);
    }
    let qualified = QUALIFIERS
        .iter()
        .find_map(|q| k.strip_prefix(q).filter(|rest| !rest.is_empty()));
    if let Some((_, kind)) = HEADS.iter().find(|(w, _)| Some(*w) == qualified) {
        return Some(*kind);
    }
    if let Some(kind) = doubled_head(k).or_else(|| qualified.and_then(doubled_head)) {
        return Some(kind);
    }
    // "보도일", "게재일", "발행일": a date's head `일` only after a qualifier.
    (qualified == Some("일")).then_some(FieldKind::Date)
}

/// Two head words of one kind run together (`본문내용`, `제목표제`, `매체출처`): the field
/// they both name.
fn doubled_head(key: &str) -> Option<FieldKind> {
    HEADS.iter().find_map(|(first, kind)| {
        let rest = key.strip_prefix(first)?;
        HEADS
            .iter()
            .any(|(second, other)| *second == rest && other == kind)
            .then_some(*kind)
    })
}

/// Whether `label` names a field of `kind`.
pub fn is_label_of(label: &str, kind: FieldKind) -> bool {
    label_kind(label) == Some(kind)
}

/// A line's label and value when it is written `label: value` (`보도매체: 매체`, `■ 일자 :
/// 2021.3.4`) and the label is one ([`label_kind`]).
pub fn labelled_line(text: &str) -> Option<(FieldKind, &str)> {
    let (label, value) = text.split_once([':', '：'])?;
    let kind = label_kind(label.trim_matches(|c: char| !c.is_alphanumeric()))?;
    Some((kind, value.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_known_by_their_head_word_and_qualifier() {
        for (label, kind) in [
            ("게재매체", FieldKind::Outlet),
            ("언론사명", FieldKind::Outlet),
            ("신문명", FieldKind::Outlet),
            ("Publisher", FieldKind::Outlet),
            ("발행일", FieldKind::Date),
            ("기사 일시", FieldKind::Date),
            ("입력일자", FieldKind::Date),
            ("Date published", FieldKind::Date),
            ("취재 기자", FieldKind::Reporter),
            ("Byline", FieldKind::Reporter),
            ("원문 제목", FieldKind::Title),
            ("Headline", FieldKind::Title),
            ("출처 (URL)", FieldKind::Outlet),
            ("(기사원문", FieldKind::Url),
            ("[보도일]", FieldKind::Date),
            ("본문내용", FieldKind::Body),
            ("기사 본문 내용", FieldKind::Body),
            ("출처매체", FieldKind::Outlet),
        ] {
            assert_eq!(label_kind(label), Some(kind), "{label}");
        }
    }

    #[test]
    fn words_that_merely_end_alike_are_no_labels() {
        for word in [
            "내일",
            "휴일",
            "일",
            "보도",
            "매체들이 밝힌 바에 따르면",
            "생일",
            "정부는",
            "본문번호",
            "제목날짜",
        ] {
            assert_eq!(label_kind(word), None, "{word}");
        }
    }

    #[test]
    fn a_labelled_line_gives_its_kind_and_value() {
        assert_eq!(
            labelled_line("▶ 게재매체 : 농민신문"),
            Some((FieldKind::Outlet, "농민신문"))
        );
        assert_eq!(labelled_line("시간: 오후 세 시"), None);
    }
}
