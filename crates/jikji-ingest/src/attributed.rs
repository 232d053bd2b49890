//! A newsletter or clipping without a table of contents the splitter knows: its articles found
//! by their attributions, the outlet and date each article is credited with.
//!
//! An attribution is a short line that holds a date and at most an outlet's name, perhaps its
//! reporter ([`attribution_line`]: `(연합뉴스, 2021.3.4)`, `출처 : 매체 (2021. 3. 4.)`,
//! `- 매체, 2021.3.4 -`, `매체 | 2021.3.4`, `<매체, 2021년 3월 4일 보도>`, `[매체] 2021.03.04`,
//! `매체 / 2021.3.4 / 홍길동 기자`, `매체명 : 연합뉴스 게재일 : …`, `매체 | 입력 2021-03-04 10:30`,
//! `매체, Mar 4, 2021`, `[매체, 21.03.04]`); or the end of a title line (`제목 (매체 / 2021.03.04)`,
//! `제목 | 매체 | 2021-03-04`, `제목 - 매체 (2021.03.04)`); or a table row of both; or a record
//! of labelled fields (`제목:` / `매체:` / `일자:`). Where the attributions stand tells the
//! layout, once for the whole file ([`Layout`]): on the line after each title (the line before
//! it is short, the line after it body text), before each title (no body text before the first
//! one), or at the end of each article (body text before the first one). The layout then says
//! where each article starts and which line is its title; short lines between an article's
//! last paragraph and the next title are section labels, lines repeated across articles running
//! labels. What stands before the first article is the issue's header (its contents list, when
//! it repeats the titles, is dropped as such); it is metadata, and beyond the allowance a
//! warning ([`crate::unplaced`]).
//!
//! A file with fewer than two attributed articles is not split here. A date alone counts only
//! in a file none of whose attributions name an outlet; an outlet before a date with no mark
//! between them only when the name ends in no particle (a wrapped sentence's "부산시장이
//! 2020년 4월 23일" is no credit) or is one word before a date in figures ("머니투데이
//! 2020.10.26"). In hard-wrapped text a line as wide as the wrapping is body
//! text whatever its end.

use jikji_engine::Article;

use crate::clean::{self, key, Line};
use crate::dates::find_date;
use crate::fields::{self, FieldKind};
use crate::newsletter::{self, Draft, Heading};
use crate::Ledger;

/// An outlet and date an article is credited with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribution {
    pub source: Option<String>,
    pub date: String,
    /// The reporter the credit names with the outlet ("연합뉴스 홍길동 기자 (2021.3.4)").
    pub author: Option<String>,
}

/// An attribution line is at most this long (characters).
const MAX_ATTRIBUTION_CHARS: usize = 60;
/// An outlet's name is at most this long (characters) and this many words.
const MAX_SOURCE_CHARS: usize = 30;
const MAX_SOURCE_WORDS: usize = 4;

/// Marks around and between an attribution's outlet and date.
const ATTRIBUTION_MARKS: &[char] = &[
    '(', ')', '<', '>', '[', ']', '【', '】', '〈', '〉', '「', '」', '《', '》', '『', '』', '〔',
    '〕', '-', '—', '―', '–', ',', '，', '|', '·', '/', ':', '：', '.', '*', '※', ' ',
    // The jamo ㅣ, as Korean layouts draw a bar ("매체 ㅣ 2021-03-04").
    'ㅣ',
];

/// Words that introduce the credited outlet.
const SOURCE_PREFIXES: &[&str] = &["출처", "자료", "원문", "Source", "source"];

/// Words of a dateline or an issue header that say when, not who: a line with one of these is
/// not an article's attribution ("입력 2021.11.3", "발행일 2010.11.4", "제 34 호 2012.8.30").
const NOT_OUTLETS: &[&str] = &[
    "입력",
    "수정",
    "등록",
    "발행",
    "발간",
    "배포",
    "작성",
    "업데이트",
    "기준",
];

/// Words of a portal's dateline that stand by its date: a label ("입력", "기사입력", "수정") or
/// a time ("10:30", "오전").
const DATELINE_WORDS: &[&str] = &[
    "입력",
    "기사입력",
    "수정",
    "최종수정",
    "송고",
    "등록",
    "승인",
    "업데이트",
    "오전",
    "오후",
];

/// `text` without dateline labels and clock times.
fn without_dateline_words(text: &str) -> String {
    let time = |w: &str| {
        let (h, m) = w.split_once(':').unwrap_or(("", ""));
        (1..=2).contains(&h.len())
            && m.len() == 2
            && h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit())
    };
    let words: Vec<&str> = text.split(' ').collect();
    let kept: Vec<&str> = words
        .into_iter()
        .filter(|w| !DATELINE_WORDS.contains(w) && !time(w))
        .collect();
    let joined = kept.join(" ");
    // Keep the spaces at the ends, where the date stood.
    let lead = if text.starts_with(' ') && !joined.starts_with(' ') {
        " "
    } else {
        ""
    };
    format!("{lead}{joined}")
}

/// Particles a date takes in a sentence ("2021년 6월 1일부터", "3월 4일에", "…일까지").
const DATE_PARTICLES: &[&str] = &[
    "부터", "까지", "으로", "로", "에", "의", "을", "를", "은", "는", "이", "가", "과", "와", "쯤",
    "경",
];

/// Whether text right after a date opens with a particle, no space between: the date is a
/// sentence's ("구글은 2021년 6월 1일부터 …", a wrapped line of it), never a credit's.
fn opens_with_a_particle(text: &str) -> bool {
    DATE_PARTICLES.iter().any(|p| text.starts_with(p))
}

/// Whether text after a date opens with an hour in words and a comma ("오후 3시, …", "3시 30분,
/// …"): the date is a sentence's adverbial ("2012년 9월 9일 오후 3시, 안철수 …"), not a credit's
/// (a credit writes its time `09:30`, and a comma never follows it).
fn opens_with_an_hour_and_a_comma(text: &str) -> bool {
    let t = text.trim_start();
    let t = ["오전", "오후", "새벽", "밤"]
        .iter()
        .find_map(|w| t.strip_prefix(w))
        .unwrap_or(t)
        .trim_start();
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if !(1..=2).contains(&digits) {
        return false;
    }
    let Some(rest) = t[digits..].strip_prefix('시') else {
        return false;
    };
    // "3시 30분,"
    let rest = rest.trim_start();
    let minutes = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = if (1..=2).contains(&minutes) {
        rest[minutes..].strip_prefix('분').unwrap_or(rest)
    } else {
        rest
    };
    rest.starts_with(',')
}

/// The attribution a whole line is, if it is one.
pub fn attribution_line(text: &str) -> Option<Attribution> {
    // Markdown's emphasis around the whole credit and its links ("*출처: [매체](url) · …*").
    let plain = without_link_markup(without_emphasis(text.trim()));
    let t = plain.trim();
    if t.chars().count() > MAX_ATTRIBUTION_CHARS {
        return None;
    }
    let (date, range) = find_date(t)
        .or_else(|| crate::dates::find_short_date(t))
        .or_else(|| crate::dates::find_english_date(t))?;
    // A date an editor wrote as a mention ("@2021년 3월 5일", as Notion shows a date): the
    // mark is the date's, not the outlet's.
    let range = match t[..range.start].strip_suffix('@') {
        Some(before) => before.len()..range.end,
        None => range,
    };
    // A portal's dateline around the date ("매체 | 입력 2021-03-04 10:30"): its label and time
    // say when, not who.
    // "2021년 3월 4일자": the date's own suffix.
    let after_date = &t[range.end..];
    let after_date = &after_date[crate::dates::weekday_len(after_date)..];
    let after_date = after_date.strip_prefix('자').unwrap_or(after_date);
    // "2021-03-05T09:00:00+09:00": the moment's time and offset are the date's.
    let after_date = &after_date[crate::dates::iso_time_len(after_date)..];
    if opens_with_an_hour_and_a_comma(after_date) || opens_with_a_particle(after_date) {
        return None;
    }
    let before = without_dateline_words(&t[..range.start]);
    let after = without_dateline_words(after_date);
    let dateline = before.len() + after.len() != range.start + after_date.len();
    let t = format!("{before}{}{after}", &t[range.clone()]);
    let t = t.trim();
    let range = before.len()..before.len() + range.len();
    // The date's place marks where one field ends: "출처 : 매체 (2021. 3. 4.)".
    let rest = format!("{} | {}", &t[..range.start], &t[range.end..]);
    if let Some(source) = labelled_source(&rest) {
        return Some(credit(Some(source), date));
    }
    let rest = format!("{} {}", &t[..range.start], &t[range.end..]);
    // Marks and bullets around it ("■ 날짜:"), not the parentheses of an original name.
    let around = |c: char| {
        ATTRIBUTION_MARKS.contains(&c)
            || !(c.is_alphanumeric() || matches!(c, '(' | ')' | '（' | '）'))
    };
    let mut source = rest.trim_matches(around);
    // "자료 출처 : 매체": every word that introduces the outlet.
    while let Some(after) = SOURCE_PREFIXES.iter().find_map(|p| source.strip_prefix(p)) {
        source = after.trim_matches(around);
    }
    let mut source = clean::collapse_spaces(source);
    // An outlet with its original name, "과기일보(科技日报)", lost its closing parenthesis to
    // the trimming.
    if source.matches(['(', '（']).count() > source.matches([')', '）']).count() {
        // Unless words stand before that parenthesis: then the line is a title with its
        // attribution in parentheses ("제목 (매체 / 2021.3.4)"), not an attribution alone.
        if source.contains(" (") || source.contains(" （") {
            return None;
        }
        source.push(')');
    }
    // "매체 2021.3.4" with nothing to mark it as a credit may be a wrapped sentence's line
    // ("부산시장이 2020년 4월 23일"): unmarked, the date ends or opens the line and the name
    // ends in no particle — or is one word before a date in figures, as credits write it and
    // sentences seldom do ("머니투데이 2020.10.26": a name whose last syllable reads as one).
    let date_at_an_end =
        t[range.end..].trim_matches(['.', ' ']).is_empty() || t[..range.start].trim().is_empty();
    let in_figures = !t[range.clone()].contains(['년', '월', '일']);
    let one_word = !source.contains(' ');
    let marked = source.is_empty()
        || t.contains(|c: char| c != ' ' && c != '.' && ATTRIBUTION_MARKS.contains(&c))
        || SOURCE_PREFIXES.iter().any(|p| t.starts_with(p))
        || (date_at_an_end && (!ends_in_particle(&source) || (one_word && in_figures)));
    if dateline && source.is_empty() {
        // A page's own dateline ("입력 2021.11.03 06:00") credits no outlet.
        return None;
    }
    // "게시: 2021-03-05": one word labelling the date (not an outlet's label), the outlet in a
    // field of its own if anywhere.
    let labels_the_date = t[..range.start]
        .trim_end()
        .strip_suffix([':', '：'])
        .map(|label| label.trim_matches(|c: char| !c.is_alphanumeric()))
        .is_some_and(|label| label.split_whitespace().count() == 1 && !is_outlet_label(label));
    if labels_the_date
        || is_date_label(&source)
        || (source.chars().count() <= 4 && !source.contains(' ') && source.ends_with('일'))
    {
        // "일자: 2021-03-04", "수집일 2021-03-04": a date field, the outlet in a field of its
        // own (if any).
        return Some(credit(None, date));
    }
    // "매체 2021.03.04 보도", "… 제공": the word that says how it was credited.
    for word in CREDIT_WORDS {
        if let Some(outlet) = source.strip_suffix(word) {
            if !outlet.trim().is_empty() {
                source = outlet.trim_end_matches(around).to_owned();
            }
        }
    }
    // "매체 2021.3.4 A10면": the page is where, not who.
    let source = without_page(&source).to_owned();
    // "매체 / 2021.3.4 / 홍길동 기자": the reporter is a byline, not part of the outlet.
    let found = credit((!source.is_empty()).then_some(source), date);
    let source = found.source.clone().unwrap_or_default();
    let plausible = marked
        && source.chars().count() <= MAX_SOURCE_CHARS
        && source.split_whitespace().count() <= MAX_SOURCE_WORDS
        && !source.contains([':', '：', '@', '=', '?', '!', '\'', '"', '‘', '’', '“', '”'])
        && !source.ends_with('다')
        && find_date(&source).is_none()
        && !NOT_OUTLETS.iter().any(|w| source.contains(w))
        && !source.contains('호')
        && !source.to_lowercase().contains("vol");
    plausible.then_some(found)
}

/// Whether a word is a newspaper's page ("A3면", "2면", "B12면").
fn is_page(word: &str) -> bool {
    let Some(number) = word.strip_suffix('면') else {
        return false;
    };
    let digits = number.trim_start_matches(|c: char| c.is_ascii_uppercase());
    number.len() - digits.len() <= 2
        && (1..=3).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
}

/// An outlet without the page it printed the article on ("매일경제 A10면" → "매일경제").
fn without_page(source: &str) -> &str {
    match source.rsplit_once(' ') {
        Some((outlet, page)) if is_page(page) => outlet.trim_end_matches(ATTRIBUTION_MARKS),
        _ => source,
    }
}

/// A clipping's credit with the page and no date ("[전자신문 A3면]", "(한겨레 12면)"): the
/// outlet. Such an article's date is the issue's.
fn page_credit(text: &str) -> Option<String> {
    let t = text.trim();
    if t.chars().count() > MAX_ATTRIBUTION_CHARS || find_date(t).is_some() {
        return None;
    }
    let bracketed = t
        .strip_prefix(['[', '(', '【', '<', '〈'])
        .and_then(|r| r.strip_suffix([']', ')', '】', '>', '〉']));
    let inner = bracketed.unwrap_or(t);
    let (outlet, page) = inner.trim().rsplit_once(' ')?;
    let outlet = outlet.trim_matches(ATTRIBUTION_MARKS);
    let plausible = is_page(page)
        && !outlet.is_empty()
        && outlet.split_whitespace().count() <= MAX_SOURCE_WORDS
        && outlet.chars().count() <= MAX_SOURCE_CHARS
        && outlet.chars().any(char::is_alphabetic)
        // Unbracketed, "이 문제는 3면" is a sentence's words.
        && (bracketed.is_some() || !ends_in_particle(outlet));
    plausible.then(|| outlet.to_owned())
}

/// Particles that leave a sentence's subject or object waiting for its verb.
const OPEN_PARTICLES: &[char] = &['은', '는', '을', '를'];

/// Whether the line at `at` opens with a date and goes on a sentence the line above left
/// open: that line's last word a subject or object with its particle ("…공화국은" /
/// "2012년 12월 10일 오전인 오…", a column's lines), so the date is the sentence's, not a
/// credit's ("2012.12.10 매체").
fn continues_a_sentence(lines: &[Line], at: usize) -> bool {
    let opens_with_date = find_date(lines[at].text.trim()).is_some_and(|(_, r)| r.start == 0);
    let open_above = at > 0 && {
        let above = lines[at - 1].text.trim();
        let last = above.split_whitespace().last().unwrap_or("");
        last.chars().count() > 1
            && last.ends_with(OPEN_PARTICLES)
            && !above.ends_with(['.', '?', '!'])
    };
    opens_with_date && open_above
}

/// A credit that dates its article by month and day alone ("매체 3/5", "(매체, 3월 5일)"), in
/// a file whose issue states its date, in full, above it: the date is taken in the issue's
/// year. Only a credit that names its outlet: a day's heading ("■ 3월 5일(금)") is none.
fn yearless_credit(text: &str, issued: &str) -> Option<Attribution> {
    if find_date(text).is_some() || crate::dates::find_short_date(text).is_some() {
        return None;
    }
    let slashed = bracketed_dotted_month_and_day(text);
    let text = slashed.as_deref().unwrap_or(text);
    let (date, range) = crate::dates::find_yearless_date(text, issued)?;
    let dated = format!("{}{date}{}", &text[..range.start], &text[range.end..]);
    attribution_line(&dated).filter(|a| a.source.is_some())
}

/// A bracketed credit whose month and day are written with a dot, last in the brackets
/// ("(매체, 3.5)", "[매체 3.5.]"), with them written "3/5"; `None` for any other line (a
/// figure ending a sentence, "성장률은 3.5", is no date).
fn bracketed_dotted_month_and_day(text: &str) -> Option<String> {
    let t = text.trim();
    let close = match t.chars().next()? {
        '(' => ')',
        '[' => ']',
        '<' => '>',
        _ => return None,
    };
    let inner = t[1..].strip_suffix(close)?;
    let cut = inner.rfind([' ', ','])? + 1;
    let (outlet, last) = inner.split_at(cut);
    let (month, day) = last.trim_end_matches('.').split_once('.')?;
    let figures = |s: &str| (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    // An outlet set apart by a comma, or one word: "(전년 대비 12.25)" is a figure's note.
    let named = outlet.trim_end().ends_with(',') || outlet.split_whitespace().count() == 1;
    (figures(month) && figures(day) && named && outlet.chars().any(char::is_alphabetic))
        .then(|| format!("{}{outlet}{month}/{day}{close}", &t[..1]))
}

/// An attribution of `source`, which may name the reporter too: after the outlet
/// ("연합뉴스 홍길동 기자") or as a part of its own ("연합뉴스 / 홍길동 기자").
fn credit(source: Option<String>, date: String) -> Attribution {
    let parts: Vec<&str> = source
        .as_deref()
        .unwrap_or("")
        .split(['/', '|', '·', ',', 'ㅣ'])
        .map(|p| p.trim_matches(ATTRIBUTION_MARKS))
        .filter(|p| !p.is_empty())
        .collect();
    let reporter = parts.iter().find_map(|p| clean::reporter(p));
    let source = match &reporter {
        Some(name) => parts.iter().find_map(|p| {
            let cut = p.find(name.as_str()).unwrap_or(p.len());
            let outlet = p[..cut].trim_matches(ATTRIBUTION_MARKS);
            (!outlet.is_empty()).then(|| outlet.to_owned())
        }),
        None => source,
    };
    Attribution {
        source,
        date,
        author: reporter,
    }
}

/// Words after an outlet that say how it is credited ("보도", "제공", "발췌", "인용").
const CREDIT_WORDS: &[&str] = &[" 보도", " 제공", " 발췌", " 인용"];

/// Whether a word labels a date field ("일자: 2021-03-04", "게재일자", "Published").
fn is_date_label(word: &str) -> bool {
    fields::is_label_of(word, FieldKind::Date)
}

/// Whether a word labels the outlet ("매체명 : 연합뉴스", "보도매체", "Source").
fn is_outlet_label(word: &str) -> bool {
    fields::is_label_of(word, FieldKind::Outlet)
}

/// Whether a word labels the title ("제목: …", "기사제목", "Headline").
fn is_title_label(word: &str) -> bool {
    fields::is_label_of(word, FieldKind::Title)
}

/// Syllables that end a word as a particle does ("시장이", "정부는", "서울에서"): a name before
/// a date with a word that ends in one is a sentence's words, not an outlet.
const PARTICLE_ENDS: &[char] = &[
    '이', '가', '은', '는', '을', '를', '에', '의', '도', '로', '와', '과', '서',
];

fn ends_in_particle(text: &str) -> bool {
    text.split_whitespace()
        .any(|w| w.chars().count() > 1 && w.ends_with(PARTICLE_ENDS))
}

/// A label in brackets before its value ("[출처] 매체 [일시] 2021.03.04", "【매체】 …") written
/// as a label before a colon ("출처 : 매체 일시 : …"); brackets around anything that is no
/// label ("[연합뉴스]") stay.
fn bracketed_labels_as_colons(text: &str) -> String {
    const PAIRS: &[(char, char)] = &[
        ('[', ']'),
        ('【', '】'),
        ('<', '>'),
        ('〈', '〉'),
        ('〔', '〕'),
    ];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open_at) = rest.find(|c| PAIRS.iter().any(|(o, _)| *o == c)) {
        let open = rest[open_at..].chars().next().unwrap_or('[');
        let close = PAIRS
            .iter()
            .find(|(o, _)| *o == open)
            .map_or(']', |(_, c)| *c);
        let inner_at = open_at + open.len_utf8();
        let Some(len) = rest[inner_at..].find(close) else {
            break;
        };
        let inner = &rest[inner_at..inner_at + len];
        out.push_str(&rest[..open_at]);
        if fields::label_kind(inner).is_some() {
            out.push_str(&format!(" {} : ", inner.trim()));
        } else {
            out.push_str(&rest[open_at..inner_at + len + close.len_utf8()]);
        }
        rest = &rest[inner_at + len + close.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// The outlet of a line of labelled fields ("매체명 : 연합뉴스 게재일 : 2021.03.04 면 : 2"): the
/// words after its outlet label, up to the next label (a word followed by a colon).
fn labelled_source(text: &str) -> Option<String> {
    let spaced = bracketed_labels_as_colons(text).replace(['：', ':'], " : ");
    let words: Vec<&str> = spaced.split_whitespace().collect();
    // The outlet's label, or the original's ("원문", "기사원문": a link or its outlet's name)
    // when a name, not a link, follows it.
    let labels_outlet = |w: &str| {
        is_outlet_label(w)
            || (fields::is_label_of(w, FieldKind::Url) && clean::key(w).ends_with("원문"))
    };
    let at = words
        .windows(2)
        .position(|w| labels_outlet(w[0]) && w[1] == ":")?;
    let rest = &words[at + 2..];
    let end = (0..rest.len())
        .find(|&i| rest.get(i + 1) == Some(&":") || rest[i] == "|")
        .unwrap_or(rest.len());
    let value = rest[..end].join(" ");
    let value = value.trim_matches(ATTRIBUTION_MARKS);
    let link = value.contains("://") || value.starts_with("www.");
    (!value.is_empty() && !link && value.chars().count() <= MAX_SOURCE_CHARS)
        .then(|| value.to_owned())
}

/// A line that is a labelled outlet and nothing else, without a date ("원문: 매체", "출처 :
/// 매체"), as a feed item or a clipping closes the text it copied: its credit, undated.
pub(crate) fn labelled_outlet(text: &str) -> Option<Attribution> {
    let t = text.trim();
    let (label, value) = t.split_once([':', '：'])?;
    let one_label = label.split_whitespace().count() == 1;
    let short = value.split_whitespace().count() <= MAX_SOURCE_WORDS && !value.contains(['|', ':']);
    if !one_label || !short || find_date(t).is_some() {
        return None;
    }
    let source =
        labelled_source(t).filter(|s| s == value.trim().trim_matches(ATTRIBUTION_MARKS))?;
    Some(Attribution {
        source: Some(source),
        date: String::new(),
        author: None,
    })
}

/// Words that name what was provided, not who: "사진 제공", "자료 제공".
const NOT_PROVIDERS: &[&str] = &["사진", "자료", "영상", "그래픽", "이미지", "정보", "도움말"];

/// A line that is an outlet and the word saying it provided the article, nothing else
/// ("아시아경제 제공", "[연합뉴스 제공]"), as a newsletter closes each article it carried: its
/// credit, undated. The outlet is a name of at most [`MAX_SOURCE_WORDS`] words, no figures,
/// no marks (a caption's credit, "▲ … /매체 제공", is a caption's).
pub(crate) fn provided_by(text: &str) -> Option<Attribution> {
    let t = text
        .trim()
        .trim_start_matches(['[', '(', '〈'])
        .trim_end_matches([']', ')', '〉']);
    let outlet = t.strip_suffix("제공")?.trim_end();
    let words = outlet.split_whitespace().count();
    let name = outlet
        .chars()
        .all(|c| (c.is_alphanumeric() && !c.is_ascii_digit()) || c == ' ');
    let plausible = (1..=MAX_SOURCE_WORDS).contains(&words)
        && name
        && !ends_in_particle(outlet)
        && !NOT_PROVIDERS.contains(&outlet)
        && !NOT_OUTLETS.iter().any(|w| outlet.contains(w));
    plausible.then(|| Attribution {
        source: Some(outlet.to_owned()),
        date: String::new(),
        author: None,
    })
}

/// A title line that ends with its attribution, "제목 (매체, 2021.3.4)": the title and it.
pub(crate) fn titled_attribution(text: &str) -> Option<(String, Attribution)> {
    let t = text.trim();
    // "제목 | 매체 | 2021-03-04": a row's cells, the attribution's after the title's; short
    // labels (a section, "경제 | 제목 | 매체 | 2021-03-04") may stand before it.
    let cells: Vec<&str> = t.split(" | ").map(str::trim).collect();
    for (k, title) in cells.iter().enumerate().take(cells.len().saturating_sub(1)) {
        if cells[..k].iter().any(|c| !is_label(c)) {
            break;
        }
        let credit = cells[k + 1..].join(" | ");
        if let Some(attribution) = attribution_line(&credit).filter(|a| a.source.is_some()) {
            if title.chars().count() >= 4 && !is_prose(title) {
                return Some(((*title).to_owned(), attribution));
            }
        }
    }
    if !t.ends_with([')', '）']) || is_prose(t) && t.chars().count() > 100 {
        return None;
    }
    let open = newsletter::final_parenthesis(t)?;
    let mut title = t[..open].trim();
    let mut attribution = attribution_line(&t[open..])?;
    // "제목 - 매체 (2021.03.04)": a date alone in the parenthesis, the outlet after a dash.
    if attribution.source.is_none() {
        let dash = title.rfind(" - ").or_else(|| title.rfind(" — "))?;
        let outlet = title[dash..].trim_start_matches([' ', '-', '—']).trim();
        if outlet.is_empty() || outlet.split_whitespace().count() > MAX_SOURCE_WORDS {
            return None;
        }
        attribution.source = Some(outlet.to_owned());
        title = title[..dash].trim();
    }
    (attribution.source.is_some() && title.chars().count() >= 4 && !is_prose(title))
        .then(|| (title.to_owned(), attribution))
}

/// Whether a line ends with an article's attribution (or is one): the end of a title.
pub fn ends_with_attribution(text: &str) -> bool {
    attribution_line(text).is_some_and(|a| a.source.is_some()) || titled_attribution(text).is_some()
}

/// A body line, by its length or its sentence end: a title, a label or an attribution is
/// shorter, or ends otherwise.
fn is_prose(text: &str) -> bool {
    // A contents row's entry is a title, however long its dot leader.
    let text = clean::leader_entry(text).unwrap_or(text);
    let t = text
        .trim()
        .trim_end_matches(['"', '\'', '”', '’', ')', ' ']);
    let chars = t.chars().count();
    chars >= 60 || (chars >= 25 && t.ends_with('.'))
}

/// A short line that can be a title: no sentence, no attribution, some letters.
fn is_title_like(text: &str) -> bool {
    let t = text.trim();
    !is_prose(t)
        && t.chars().count() <= 100
        && attribution_line(t).is_none()
        && clean::role(t).is_none()
        && t.chars().any(char::is_alphabetic)
}

/// A line right above its attribution is its title even when it ends as a sentence does
/// ("… 어려움을 겪다."), if it is as short as titles are.
fn is_title_by_place(text: &str) -> bool {
    let t = text.trim();
    t.chars().count() < 60
        && attribution_line(t).is_none()
        && clean::role(t).is_none()
        && t.chars().any(char::is_alphabetic)
}

/// A file's lines, with which of them are body text: prose by its own marks, or, in hard-wrapped
/// text, a line as wide as the wrapping (a wrapped paragraph's line ends without a period).
struct Body<'a> {
    lines: &'a [Line],
    long: Vec<bool>,
}

/// A hard-wrapped line this close to the wrapping width (tenths) is a paragraph's line.
const WRAPPED_LINE_TENTHS: usize = 8;

impl<'a> Body<'a> {
    fn new(lines: &'a [Line], wrapping: clean::Wrapping) -> Self {
        let long = lines
            .iter()
            .map(|l| match wrapping {
                clean::Wrapping::Hard { width } => {
                    clean::width(&l.text) * 10 >= width * WRAPPED_LINE_TENTHS
                }
                clean::Wrapping::OnePerLine => false,
            })
            .collect();
        Body { lines, long }
    }

    fn prose(&self, i: usize) -> bool {
        self.long[i] || is_prose(&self.lines[i].text)
    }

    fn title_like(&self, i: usize) -> bool {
        !self.long[i] && is_title_like(&self.lines[i].text)
    }

    fn label(&self, i: usize) -> bool {
        !self.long[i] && is_label(&self.lines[i].text)
    }
}

/// Where a file's attributions stand relative to its titles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// In the title line itself, or on the line right after it.
    AfterTitle,
    /// On the line before the title.
    BeforeTitle,
    /// After the article's last paragraph.
    AtEnd,
}

/// An attribution found in the file: the line it is on, and the title when it ends one.
struct Anchor {
    at: usize,
    attribution: Attribution,
    /// The title, when the anchor gives it (in the attribution's line, a table row's other
    /// cell, a field of its own), and the line it is on.
    title: Option<String>,
    title_at: usize,
}

/// The attributions of a file. A date alone (an issue's date, a dateline) counts only in a
/// file none of whose attributions name an outlet (a clipping whose titles carry it).
fn anchors(lines: &[Line], issued: Option<&str>) -> Vec<Anchor> {
    let all = without_titles_opening_with_a_date(lines, every_anchor(lines, issued));
    if all.iter().any(|a| a.attribution.source.is_some()) {
        all.into_iter()
            .filter(|a| a.attribution.source.is_some() || a.title.is_some())
            .collect()
    } else {
        all
    }
}

/// A credit beside another credit — right under it with body text under itself, or right
/// over it — that opens with its date and is marked by nothing but the date is a title that
/// opens with a date ("매체 2014. 08. 20 (수)" / "2014년 8월 20일 심층진단" / body, or
/// "2014년 8월 18일 심층진단" / "[출처] 매체 [일시] …"): an article is credited once, and a
/// credit is no heading over a body.
fn without_titles_opening_with_a_date(lines: &[Line], anchors: Vec<Anchor>) -> Vec<Anchor> {
    let opens_with_date = |at: usize| {
        let text = lines[at].text.trim();
        let unmarked = !text.contains(|c: char| {
            c != ' ' && c != '.' && ATTRIBUTION_MARKS.contains(&c) && !c.is_alphanumeric()
        });
        unmarked
            && find_date(text)
                .or_else(|| crate::dates::find_short_date(text))
                .is_some_and(|(_, range)| range.start == 0)
    };
    let sourced = |a: &Anchor| a.title.is_none() && a.attribution.source.is_some();
    let mut out: Vec<Anchor> = Vec::with_capacity(anchors.len());
    let mut pending_title: Option<usize> = None;
    for mut anchor in anchors {
        if let Some(title_at) = pending_title.take() {
            if title_at + 1 == anchor.at && sourced(&anchor) {
                anchor.title = Some(lines[title_at].text.trim().to_owned());
                anchor.title_at = title_at;
                out.push(anchor);
                continue;
            }
            // Not over a credit after all: the date-opening line stays what it was read as.
            out.push(out_of_pending(lines, title_at));
        }
        let body_under = lines.get(anchor.at + 1).is_some_and(|l| is_prose(&l.text));
        let candidate = anchor.title.is_none() && opens_with_date(anchor.at);
        let credit_above = out
            .last_mut()
            .filter(|above| above.at + 1 == anchor.at && sourced(above));
        match credit_above {
            Some(above) if candidate && body_under => {
                above.title = Some(lines[anchor.at].text.trim().to_owned());
                above.title_at = anchor.at;
            }
            _ if candidate => pending_title = Some(anchor.at),
            _ => out.push(anchor),
        }
    }
    if let Some(title_at) = pending_title {
        out.push(out_of_pending(lines, title_at));
    }
    out
}

/// The anchor a date-opening line held back as a possible title is, when no credit follows it.
fn out_of_pending(lines: &[Line], at: usize) -> Anchor {
    let attribution = attribution_line(&lines[at].text).unwrap_or(Attribution {
        source: None,
        date: String::new(),
        author: None,
    });
    Anchor {
        at,
        attribution,
        title: None,
        title_at: at,
    }
}

/// The date of `first` (a line's number and the date found on it) if that line is above line
/// `at`.
fn date_before(first: &Option<(usize, String)>, at: usize) -> Option<&str> {
    first
        .as_ref()
        .filter(|(i, _)| *i < at)
        .map(|(_, date)| date.as_str())
}

/// Every line that credits an article. `issued`: the date the container gives the issue (a
/// mail's `Date:`), for the lines above the text's own first full date (or all, if none).
fn every_anchor(lines: &[Line], issued: Option<&str>) -> Vec<Anchor> {
    // The first date of the file, the issue's: the date of the articles a clipping credits
    // with their page alone, after it.
    let issue_date = lines
        .iter()
        .enumerate()
        .find_map(|(i, l)| find_date(&l.text).map(|(date, _)| (i, date)));
    let issued_before = |at: usize| date_before(&issue_date, at).or(issued);
    // The issue's date as the file states it on a line of its own (a masthead's, a running
    // header's or footer's), not in a sentence: the year of credits giving a month and day
    // alone. Before the credit; else the container's; else wherever the file states it (a
    // footer printed at its end).
    let stated = lines
        .iter()
        .enumerate()
        .find_map(|(i, l)| stated_date(&l.text).map(|date| (i, date)));
    let year_of = |at: usize| {
        date_before(&stated, at)
            .or(issued)
            .or(stated.as_ref().map(|(_, date)| date.as_str()))
    };
    lines
        .iter()
        .enumerate()
        .filter_map(|(at, line)| {
            if let Some(date) = issued_before(at) {
                if let Some(outlet) = page_credit(&line.text) {
                    return Some(Anchor {
                        at,
                        attribution: Attribution {
                            source: Some(outlet),
                            date: date.to_owned(),
                            author: None,
                        },
                        title: None,
                        title_at: at,
                    });
                }
            }
            if let Some(issued) = year_of(at) {
                if let Some(attribution) = yearless_credit(&line.text, issued) {
                    return Some(Anchor {
                        at,
                        attribution,
                        title: None,
                        title_at: at,
                    });
                }
            }
            let titled = |(title, attribution): (String, Attribution), title_at: usize| Anchor {
                at,
                attribution,
                title: Some(title),
                title_at,
            };
            if continues_a_sentence(lines, at) {
                return None;
            }
            // Before the line is read as an attribution: its date cell would be, with the
            // title cell for the outlet.
            if let Some(found) = outlet_over_row(lines, at) {
                return Some(found);
            }
            // A row's cells set apart by wide gaps: a title and its attribution, which the
            // line's text, its cells run together, would read as one long outlet.
            if line.raw.contains('\t') {
                if let Some(found) = row_attribution(&line.raw) {
                    return Some(titled(found, at));
                }
            }
            if let Some(attribution) = attribution_line(&line.text) {
                if attribution.source.is_none() {
                    if let Some(found) = fields(lines, at, attribution.clone())
                        .or_else(|| cell_fields(lines, at, &attribution))
                        .or_else(|| cells(lines, at, &attribution))
                        .or_else(|| outlet_over_date(lines, at, &attribution))
                    {
                        return Some(found);
                    }
                }
                return Some(Anchor {
                    at,
                    attribution,
                    title: None,
                    title_at: at,
                });
            }
            if let Some(found) = outlet_title(lines, at).or_else(|| outlet_over_title(lines, at)) {
                return Some(found);
            }
            if let Some(attribution) = provided_by(&line.text) {
                return Some(Anchor {
                    at,
                    attribution,
                    title: None,
                    title_at: at,
                });
            }
            titled_attribution(&line.text)
                .map(|found| titled(found, at))
                .or_else(|| outlet_tagged_title(lines, at, issued_before(at)))
        })
        .collect()
}

/// A title closed by its outlet in angle brackets and no date ("○ 제목 <매체>", "제목
/// 《매체》"), as a clipping grouped under day headings writes each article: dated by the
/// nearest day heading above it ("■ 3월 5일(금)"), in the year of the issue's date, or
/// undated.
fn outlet_tagged_title(lines: &[Line], at: usize, issued: Option<&str>) -> Option<Anchor> {
    let text = lines[at].text.trim();
    let (close, open) = [('>', '<'), ('》', '《'), ('〉', '〈')]
        .into_iter()
        .find(|(close, _)| text.ends_with(*close))?;
    let start = text.rfind(open)?;
    let outlet = text[start + open.len_utf8()..text.len() - close.len_utf8()].trim();
    let title = text[..start].trim();
    let plausible_outlet = !outlet.is_empty()
        && outlet.chars().count() <= MAX_SOURCE_CHARS
        && outlet.split_whitespace().count() <= MAX_SOURCE_WORDS
        && outlet.chars().any(char::is_alphabetic)
        && !outlet.contains(['@', ':', '/', '=', '<', '>'])
        && find_date(outlet).is_none()
        && !TITLE_TAGS.contains(&outlet);
    let plausible_title = title.chars().count() >= 4 && is_title_like(title);
    if !(plausible_outlet && plausible_title) {
        return None;
    }
    let date = issued
        .and_then(|issued| day_heading_above(lines, at, issued))
        .unwrap_or_default();
    Some(Anchor {
        at,
        attribution: Attribution {
            source: Some(outlet.to_owned()),
            date,
            author: None,
        },
        title: Some(title.to_owned()),
        title_at: at,
    })
}

/// The date of the nearest day heading above line `at` ("■ 3월 5일(금)", "[3/5]": a month and
/// day, marks around them, nothing else), in the year of `issued`.
fn day_heading_above(lines: &[Line], at: usize, issued: &str) -> Option<String> {
    lines[..at].iter().rev().find_map(|line| {
        let text = line.text.trim();
        let (date, range) = crate::dates::find_yearless_date(text, issued)?;
        let marks_only = |t: &str| !t.chars().any(char::is_alphanumeric);
        marks_only(&text[..range.start]).then_some(date)
    })
}

/// Tags a news title is marked with in brackets, which name no outlet ("[속보] 제목").
const TITLE_TAGS: &[&str] = &[
    "속보",
    "단독",
    "종합",
    "사설",
    "칼럼",
    "기고",
    "포토",
    "영상",
    "인터뷰",
    "기획",
    "특집",
    "해설",
    "오피니언",
    "사진",
    "그래픽",
];

/// A title with its outlet in brackets before it and a dateline alone on the next line
/// ("[연합뉴스] 제목" / "등록 2021.03.04 14:22"), as clipping services copy a portal's list.
fn outlet_title(lines: &[Line], at: usize) -> Option<Anchor> {
    let text = lines[at].text.trim();
    if !text.starts_with(['[', '(', '【', '〈', '《']) || is_prose(text) {
        return None;
    }
    let (title, outlet) = clean_title(text);
    let outlet = outlet?;
    let plausible = outlet.split_whitespace().count() <= MAX_SOURCE_WORDS
        && outlet.chars().any(char::is_alphabetic)
        && find_date(&outlet).is_none()
        && !TITLE_TAGS.iter().any(|t| outlet.contains(t));
    if !plausible || title.chars().count() < 4 {
        return None;
    }
    let date = dateline_date(&lines.get(at + 1)?.text)?;
    Some(Anchor {
        at: at + 1,
        attribution: Attribution {
            source: Some(outlet),
            date,
            author: None,
        },
        title: Some(text.to_owned()),
        title_at: at,
    })
}

/// The date a line states as a masthead, a running header or footer does ("대외협력실
/// 2012년 9월 14일 금요일 2"), not a sentence's: the line is no prose, and what follows its
/// date (its weekday aside) goes on no sentence (an hour and a comma, "… 21시, 베이징에서",
/// or a particle, "… 4일부터").
fn stated_date(text: &str) -> Option<String> {
    let t = text.trim();
    if is_prose(t) {
        return None;
    }
    let (date, range) = find_date(t)?;
    let after = &t[range.end..];
    let after = &after[crate::dates::weekday_len(after)..];
    (!opens_with_an_hour_and_a_comma(after) && !opens_with_a_particle(after)).then_some(date)
}

/// The date of a line standing under a title with nothing but its date: a dateline
/// ([`dateline_date`]), or a month and day with their weekday and time ("3월 5일(화) 오전
/// 9:00") in the year of the issue's date `issued`.
fn date_under_title(text: &str, issued: Option<&str>) -> Option<String> {
    dateline_date(text).or_else(|| {
        let bare = without_dateline_words(text.trim());
        let (date, range) = crate::dates::find_yearless_date(&bare, issued?)?;
        bare[..range.start].trim().is_empty().then_some(date)
    })
}

/// The date of a dateline standing alone ("등록 2021.03.04 14:22", "입력 2021-03-04",
/// "2021.03.04"): a date with nothing but dateline words, a time and marks around it.
pub(crate) fn dateline_date(text: &str) -> Option<String> {
    let t = text.trim();
    if t.chars().count() > MAX_ATTRIBUTION_CHARS {
        return None;
    }
    let (date, range) = find_date(t).or_else(|| crate::dates::find_short_date(t))?;
    let after = &t[range.end..];
    let mut after = after[crate::dates::weekday_len(after)..].to_owned();
    // "입력 2021.03.04 10:30 | 수정 2021.03.05 09:12": when it was modified too; the first
    // date is the article's.
    while let Some((_, later)) = find_date(&after) {
        let weekday = crate::dates::weekday_len(&after[later.end..]);
        after.replace_range(later.start..later.end + weekday, " ");
    }
    let rest = without_dateline_words(&format!("{} {}", &t[..range.start], after));
    rest.trim_matches(|c: char| ATTRIBUTION_MARKS.contains(&c))
        .is_empty()
        .then_some(date)
}

/// An outlet's name alone over a title with a portal's dateline under it ("연합뉴스" /
/// "제목" / "입력 2021.03.04 10:30"), as a portal's list or a page of its articles shows them.
fn outlet_over_title(lines: &[Line], title_at: usize) -> Option<Anchor> {
    let outlet_at = title_at.checked_sub(1)?;
    let title = &lines[title_at].text;
    let date = dateline_date(&lines.get(title_at + 1)?.text)?;
    let source = outlet_line(&lines[outlet_at].text, &date)?;
    let plausible = is_title_like(title)
        && title.chars().count() >= 4
        && lines.get(title_at + 2).is_some_and(|l| is_prose(&l.text));
    plausible.then(|| Anchor {
        at: title_at + 1,
        attribution: Attribution {
            source: Some(source),
            date,
            author: None,
        },
        title: Some(title.clone()),
        title_at,
    })
}

/// A record of labelled fields ending with its date field ("제목: …" / "매체: …" / "일자:
/// …"): the title and outlet from the fields above the date, within a few lines.
fn fields(lines: &[Line], date_at: usize, mut attribution: Attribution) -> Option<Anchor> {
    let field = |line: &Line| {
        let (label, value) = line.text.split_once([':', '：'])?;
        let label = label.trim_matches(|c: char| !c.is_alphanumeric());
        Some((label.to_owned(), value.trim().to_owned()))
    };
    let mut title = None;
    let mut top = date_at;
    for at in (date_at.saturating_sub(3)..date_at).rev() {
        let Some((label, value)) = field(&lines[at]) else {
            break;
        };
        if is_outlet_label(&label) && attribution.source.is_none() {
            attribution.source = Some(value);
        } else if is_title_label(&label) {
            title = Some((value, at));
        }
        top = at;
    }
    let (title, title_at) = title.or_else(|| {
        attribution.source.as_ref()?;
        heading_over_fields(lines, top)
    })?;
    Some(Anchor {
        at: date_at,
        attribution,
        title: Some(title),
        title_at,
    })
}

/// The title over a record's fields that label no title ("## 제목" / "매체: …" / "게시일:
/// …"): the line right above them, a box's label between aside (a Markdown callout's header,
/// `> [!info] 출처`), when it reads as a title and labels nothing itself.
fn heading_over_fields(lines: &[Line], top: usize) -> Option<(String, usize)> {
    let mut at = top.checked_sub(1)?;
    if is_callout_header(&lines[at].text) {
        at = at.checked_sub(1)?;
    }
    let text = lines[at].text.trim();
    let labelled = text
        .split_once([':', '：'])
        .is_some_and(|(label, _)| fields::label_kind(label).is_some());
    (is_title_like(text) && !labelled).then(|| (text.to_owned(), at))
}

/// A Markdown callout's header (`> [!info] 출처`, `[!note]-`, as Obsidian and GitHub write a
/// box): the box's type in brackets after '!', then its label.
fn is_callout_header(text: &str) -> bool {
    let t = text.trim_start_matches(['>', ' ']);
    t.strip_prefix("[!")
        .and_then(|r| r.split_once(']'))
        .is_some_and(|(kind, _)| {
            !kind.is_empty()
                && kind
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        })
}

/// A record of labelled fields whose labels and values stand in cells of their own, one a
/// line, ending with its date ("제목" / "…" / "출처" / "연합뉴스" / "게재일" / "2021-03-04"), as a
/// saved page's table of one article gives it: the title and outlet from the pairs above.
fn cell_fields(lines: &[Line], date_at: usize, date: &Attribution) -> Option<Anchor> {
    let bare = |i: usize| lines[i].text.trim().trim_end_matches([':', '：']).trim();
    let label_at = date_at.checked_sub(1)?;
    if !is_date_label(bare(label_at)) {
        return None;
    }
    let mut source = None;
    let mut poster = false;
    let mut label_at = label_at;
    // Label and value pairs upwards, up to the title's.
    for _ in 0..MAX_FIELD_PAIRS {
        let (Some(value_at), Some(above)) = (label_at.checked_sub(1), label_at.checked_sub(2))
        else {
            return None;
        };
        let label = bare(above);
        let value = lines[value_at].text.trim();
        if is_title_label(label) {
            // A record naming who wrote it and no outlet is a board post's own header (its
            // 제목, 작성자 and 등록일), not an article's credit: the post may hold articles.
            if poster && source.is_none() {
                return None;
            }
            return Some(Anchor {
                at: date_at,
                attribution: Attribution {
                    source,
                    date: date.date.clone(),
                    author: None,
                },
                title: Some(value.to_owned()),
                title_at: value_at,
            });
        }
        if is_outlet_label(label) {
            source.get_or_insert_with(|| value.to_owned());
        }
        poster |= fields::is_label_of(label, FieldKind::Reporter);
        label_at = above;
    }
    None
}

/// A record of labelled cells has at most this many fields above its date.
const MAX_FIELD_PAIRS: usize = 4;

/// A table row written one cell a line, as a saved page's index table gives it: the title,
/// the outlet, the date ("제목" / "연합뉴스" / "2021-03-04"), perhaps after its number.
fn cells(lines: &[Line], date_at: usize, date: &Attribution) -> Option<Anchor> {
    let outlet = &lines[date_at.checked_sub(1)?].text;
    let title_at = date_at.checked_sub(2)?;
    let title = &lines[title_at].text;
    let credit = attribution_line(&format!("{} | {}", outlet.trim(), date.date))?;
    let source = credit.source.filter(|s| s.trim() == outlet.trim())?;
    (is_title_like(title) && title.chars().count() >= 4).then(|| Anchor {
        at: date_at,
        attribution: Attribution {
            source: Some(source),
            date: date.date.clone(),
            author: None,
        },
        title: Some(title.clone()),
        title_at,
    })
}

/// The outlet a line alone names when the date `date` follows it: the whole line, if it
/// reads as an outlet credited with that date ("연합뉴스" over "2021-03-04").
fn outlet_line(text: &str, date: &str) -> Option<String> {
    let text = text.trim();
    let credit = attribution_line(&format!("{text} | {date}"))?;
    credit.source.filter(|s| s == text)
}

/// A table whose left cell holds the outlet over the date, read line by line: the outlet on a
/// line of its own, then the date alone, then the title from the right cell, then the body
/// ("연합뉴스" / "2021-03-04" / "제목" / …). A short title over a dateline is no such cell: the
/// body follows its date, not a title; a name over a date opening the file is its masthead
/// and issue date.
fn outlet_over_date(lines: &[Line], date_at: usize, date: &Attribution) -> Option<Anchor> {
    let outlet_at = date_at.checked_sub(1).filter(|&at| at > 0)?;
    let source = outlet_line(&lines[outlet_at].text, &date.date)?;
    let title_at = date_at + 1;
    let title = lines.get(title_at)?;
    let body_follows = lines.get(title_at + 1).is_some_and(|l| is_prose(&l.text));
    (is_title_like(&title.text) && body_follows).then(|| Anchor {
        at: outlet_at,
        attribution: Attribution {
            source: Some(source),
            date: date.date.clone(),
            author: None,
        },
        title: Some(title.text.clone()),
        title_at,
    })
}

/// The same table where the date shares its line with the title ("연합뉴스" over
/// "2021-03-04 제목", the cells' lines on one baseline, or the row's cells split by a tab),
/// the body on the next line.
fn outlet_over_row(lines: &[Line], at: usize) -> Option<Anchor> {
    let text = lines[at].text.trim();
    let (found, range) = find_date(text)?;
    if range.start != 0 || credits_after_date(&text[range.end..]) {
        return None;
    }
    let title = without_dateline_words(text[range.end..].trim_matches(['\t', ' ']));
    let title = title.trim();
    let outlet_at = at.checked_sub(1).filter(|&at| at > 0)?;
    let source = outlet_line(&lines[outlet_at].text, &found)?;
    let body_follows = lines.get(at + 1).is_some_and(|l| is_prose(&l.text));
    (title.chars().count() >= 4 && is_title_like(title) && body_follows).then(|| Anchor {
        at: outlet_at,
        attribution: Attribution {
            source: Some(source),
            date: found,
            author: None,
        },
        title: Some(title.to_owned()),
        title_at: at,
    })
}

/// Marks that set a credit's parts apart: after a date, they lead to its outlet
/// (`2021.03.04 | 매체`), where a row's date cell is set apart from its title by a gap.
const CREDIT_SEPARATORS: &[char] = &['|', '｜', 'ㅣ', '/', '·'];

/// Whether what follows a date (its weekday aside) opens with a credit's separator.
fn credits_after_date(after: &str) -> bool {
    after[crate::dates::weekday_len(after)..]
        .trim_start()
        .starts_with(CREDIT_SEPARATORS)
}

/// Anchors that are a contents list's entries (an index table's rows, each a title with its
/// outlet and date), moved to the lines further on where the titles stand again over their
/// bodies: when every anchor's title stands again, in order, after the last of them, and no
/// body text comes between the first entry and the first title's repetition.
fn to_repeated_titles(lines: &[Line], body: &Body, anchors: &mut [Anchor]) {
    let Some(last) = anchors.last().map(|a| a.at) else {
        return;
    };
    let mut from = last + 1;
    let mut again = Vec::new();
    for anchor in anchors.iter() {
        let title = anchor.title.as_deref().map(|t| key(&clean_title(t).0));
        let found = title
            .filter(|t| !t.is_empty())
            .and_then(|t| (from..lines.len()).find(|&i| key(&clean_title(&lines[i].text).0) == t));
        let Some(at) = found else {
            return;
        };
        from = at + 1;
        again.push(at);
    }
    // The entries' own lines, however long a row is, are no body text.
    let entry = |i: usize| anchors.iter().any(|a| a.at == i || a.title_at == i);
    if (anchors[0].at..again[0]).any(|i| !entry(i) && body.prose(i)) {
        return;
    }
    for (anchor, at) in anchors.iter_mut().zip(again) {
        anchor.at = at;
        anchor.title_at = at;
    }
}

/// A table row of a title and its attribution, in either order: the first cells an
/// attribution and the last the title ("연합뉴스<TAB>2021.03.04<TAB>제목", as a PDF's table or
/// a text export writes it), or the title first and the attribution after it, as a title with
/// its outlet and date set apart on its right ("제목<TAB>연합뉴스 2021.03.04").
fn row_attribution(raw: &str) -> Option<(String, Attribution)> {
    let cells: Vec<&str> = raw
        .split('\t')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    let sourced =
        |credit: &[&str]| attribution_line(&credit.join(" | ")).filter(|a| a.source.is_some());
    let is_title = |t: &str| !is_prose(t) && attribution_line(t).is_none();
    let (title, credit) = cells.split_last()?;
    if !credit.is_empty() && is_title(title) {
        if let Some(attribution) = sourced(credit) {
            return Some(((*title).to_owned(), attribution));
        }
    }
    let (title, credit) = cells.split_first()?;
    if credit.is_empty() || !is_title(title) || title.chars().count() < 4 {
        return None;
    }
    sourced(credit).map(|attribution| ((*title).to_owned(), attribution))
}

/// The layout the attribution lines make (those naming an outlet, when any do): most of them with a title-like line before and a
/// body line after are on the line after their titles; otherwise prose before the first one
/// puts them at the ends of articles, and none before it before the titles.
fn layout(body: &Body, anchors: &[Anchor]) -> Layout {
    let lines = body.lines;
    // A date alone (an issue's date, a dateline) says less than an outlet and a date: the
    // attributions that name an outlet decide, when there are any.
    let sourced = anchors.iter().any(|a| a.attribution.source.is_some());
    let own_lines: Vec<&Anchor> = anchors
        .iter()
        .filter(|a| a.title.is_none() && (a.attribution.source.is_some() || !sourced))
        .collect();
    if own_lines.is_empty() {
        return Layout::AfterTitle;
    }
    let after = own_lines
        .iter()
        .filter(|a| {
            a.at > 0
                && body.title_like(a.at - 1)
                && a.at + 1 < lines.len()
                && (body.prose(a.at + 1) || clean::caption(&lines[a.at + 1].text).is_some())
        })
        .count();
    // Body text before the first article (its title or credit, whichever comes first): the
    // attributions close the articles.
    let first = anchors
        .iter()
        .map(|a| a.at.min(a.title_at))
        .min()
        .unwrap_or(own_lines[0].at);
    if after * 2 >= own_lines.len() {
        Layout::AfterTitle
    } else if (0..first).any(|i| body.prose(i)) {
        Layout::AtEnd
    } else {
        Layout::BeforeTitle
    }
}

/// One article found: its title line, attribution line (the same in a titled attribution),
/// and the lines of its body (`body.0..body.1`).
struct Found {
    title: usize,
    attribution: usize,
    title_text: String,
    attribution_value: Attribution,
    body: (usize, usize),
}

/// An outline heading is at most this long (characters, its number aside).
const MAX_OUTLINE_HEADING_CHARS: usize = 20;

/// The number of an outline's heading ("3. 조치 계획"): a short numbered line, no sentence.
fn outline_number(text: &str) -> Option<u32> {
    let (number, rest) = newsletter::strip_numbering(text.trim());
    let heading = rest.chars().count() <= MAX_OUTLINE_HEADING_CHARS
        && !rest.ends_with(['.', '다'])
        && !is_prose(rest);
    number.filter(|_| heading)
}

/// Where a report's closing section opens in its last article's body: a heading whose number
/// goes on the outline the report opened with before its first article ("1. 개요", "2. 주요
/// 보도", then "3. 조치 계획" after the last), numbered 1, 2, … in order.
fn closing_section(lines: &[Line], found: &[Found]) -> Option<usize> {
    let (first, last) = (found.first()?, found.last()?);
    let outline: Vec<u32> = lines[..first.title.min(first.attribution)]
        .iter()
        .filter_map(|l| outline_number(&l.text))
        .collect();
    let in_order = outline.len() >= 2 && outline.iter().zip(1..).all(|(n, k)| *n == k);
    let next = outline.len() as u32 + 1;
    in_order
        .then(|| (last.body.0..last.body.1).find(|&i| outline_number(&lines[i].text) == Some(next)))
        .flatten()
}

/// The articles the anchors delimit in `layout`; `None` for an anchor with no title.
fn delimit(body: &Body, anchors: &[Anchor], layout: Layout, issued: Option<&str>) -> Vec<Found> {
    let lines = body.lines;
    let mut found = Vec::new();
    for (k, anchor) in anchors.iter().enumerate() {
        let from = k.checked_sub(1).map_or(0, |p| anchors[p].at + 1);
        let next = anchors.get(k + 1).map(|a| a.at);
        let title_at = match (&anchor.title, layout) {
            (Some(_), _) => Some(anchor.title_at),
            (None, Layout::AfterTitle) => anchor.at.checked_sub(1),
            (None, Layout::BeforeTitle) => Some(anchor.at + 1).filter(|&t| t < lines.len()),
            (None, Layout::AtEnd) => {
                // The short line right above a paragraph (a caption between aside), the first
                // such; else the last short line before the article's first paragraph. (A
                // post's greeting under its own header, "조회" / "152" / "… 알려 드립니다.", is
                // no article's first paragraph.)
                let above = |i: usize| {
                    (from..i)
                        .rev()
                        .find(|&j| clean::caption(&lines[j].text).is_none())
                };
                let headed = (from + 1..anchor.at)
                    .filter(|&i| body.prose(i))
                    .find_map(|i| above(i).filter(|&j| body.title_like(j)));
                let first_prose = (from..anchor.at).find(|&i| body.prose(i));
                headed.or_else(|| {
                    first_prose.and_then(|p| (from..p).rev().find(|&i| body.title_like(i)))
                })
            }
        };
        // In the at-end layout, an undated credit's article may carry its date on a line of
        // its own under its title ("제목" / "3월 5일(화) 오전 9:00" / body … "매체 제공").
        let dateline = match (layout, title_at) {
            (Layout::AtEnd, Some(t)) if anchor.title.is_none() && t > from => {
                date_under_title(&lines[t].text, issued)
                    .filter(|_| body.title_like(t - 1))
                    .map(|date| (t, date))
            }
            _ => None,
        };
        let title_at = dateline.as_ref().map_or(title_at, |(t, _)| Some(t - 1));
        let Some(title_at) = title_at.filter(|&t| {
            anchor.title.is_some()
                || body.title_like(t)
                || (layout == Layout::AfterTitle && is_title_by_place(&lines[t].text))
        }) else {
            continue;
        };
        let title_text = anchor
            .title
            .clone()
            .unwrap_or_else(|| lines[title_at].text.clone());
        let mut attribution_value = anchor.attribution.clone();
        let start = if let Some((at, date)) = &dateline {
            if attribution_value.date.is_empty() {
                attribution_value.date = date.clone();
            }
            at + 1
        } else if layout == Layout::AtEnd && anchor.title.is_none() {
            title_at + 1
        } else {
            title_at.max(anchor.at) + 1
        };
        let end = match layout {
            Layout::AtEnd if anchor.title.is_none() => anchor.at,
            _ => next.map_or(lines.len(), |n| {
                // The next article starts at its title (the line before an attribution after
                // it), or at its attribution line (before it).
                let next_anchor = &anchors[k + 1];
                if next_anchor.title.is_some() {
                    let first = next_anchor.title_at.min(n);
                    // Its outlet alone on the line before its title is its own.
                    let outlet_before = first > 0
                        && next_anchor.attribution.source.as_deref()
                            == Some(lines[first - 1].text.trim());
                    first - usize::from(outlet_before)
                } else if layout == Layout::AfterTitle {
                    n.saturating_sub(1).max(start)
                } else {
                    n
                }
            }),
        };
        found.push(Found {
            title: title_at,
            attribution: anchor.at,
            title_text,
            attribution_value,
            body: (start, end.max(start)),
        });
    }
    found
}

/// Opening brackets and quotes, which a title may start with.
const OPENING: &[char] = &[
    '(', '[', '【', '〈', '《', '「', '『', '"', '“', '\'', '‘', '<', '（', '［',
];

/// Brackets a title may be wrapped in whole.
const WRAPPERS: &[(char, char)] = &[
    ('【', '】'),
    ('『', '』'),
    ('「', '」'),
    ('《', '》'),
    ('〈', '〉'),
    ('<', '>'),
];

/// Marks of plain-text emphasis, as a mail's text part writes bold or italics.
const EMPHASIS: &[char] = &['*', '_'];

/// A title wrapped whole in plain-text emphasis ("*제목*", "**제목**", "_제목_"), as a mail
/// client writes a bold title in the text part: the title inside. A mark inside the title
/// ("*제목* 외 *둘*") leaves it as it is.
fn without_emphasis(text: &str) -> &str {
    for mark in EMPHASIS {
        let inner = text.trim_matches(*mark);
        let wrapped = text.starts_with(*mark) && text.ends_with(*mark);
        if wrapped && !inner.is_empty() && !inner.contains(*mark) {
            return inner.trim();
        }
    }
    text
}

/// Markdown's links (`[매체](https://…)`) as their text: the label a reader sees.
fn without_link_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let link = rest[open + 1..]
            .split_once("](")
            .and_then(|(label, after)| {
                let end = after.find(')')?;
                let url = &after[..end];
                let plausible = !label.contains(['[', ']'])
                    && !url.is_empty()
                    && !url.contains(char::is_whitespace);
                plausible.then(|| (label, open + 1 + label.len() + 2 + end + 1))
            });
        match link {
            Some((label, end)) => {
                out.push_str(&rest[..open]);
                out.push_str(label);
                rest = &rest[end..];
            }
            None => {
                out.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Titles as newsletters number and mark them: "1. ", "1) ", "[1] ", "(1) ", "가. ", "①",
/// bullets; and an outlet in brackets before the title ("[연합뉴스] 제목"), returned apart.
pub(crate) fn clean_title(text: &str) -> (String, Option<String>) {
    let mut t = text.trim();
    // A labelled title field, "제목 : …".
    if let Some((label, value)) = t.split_once([':', '：']) {
        let label = label.trim_matches(|c: char| !c.is_alphanumeric());
        if is_title_label(label) && !value.trim().is_empty() {
            t = value.trim();
        }
    }
    t = without_emphasis(t);
    // A number written after a hash sign ("#1 제목", "＃12 제목"): the number goes with its mark.
    if let Some(rest) = t.strip_prefix(['#', '＃']) {
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0 && rest[digits..].starts_with(char::is_whitespace) {
            t = rest[digits..].trim_start();
        }
    }
    // Bullets and marks before the title ("◆", "◎", "▣", "###"): any symbols but an opening
    // bracket or quote.
    t = t
        .trim_start_matches(|c: char| {
            !c.is_alphanumeric() && !c.is_whitespace() && !OPENING.contains(&c)
        })
        .trim_start();
    // A title wrapped whole in brackets: "【제목】", "『제목』".
    for (open, close) in WRAPPERS {
        if let Some(inner) = t.strip_prefix(*open).and_then(|r| r.strip_suffix(*close)) {
            if !inner.contains([*open, *close]) {
                t = inner.trim();
            }
        }
    }
    let (number, rest) = newsletter::strip_numbering(t);
    if number.is_some() {
        t = rest;
    }
    let mut chars = t.char_indices();
    if let (Some((_, first)), Some((i, second))) = (chars.next(), chars.next()) {
        let ordinal = ('가'..='하').contains(&first)
            || first.is_ascii_digit()
            || ('Ⅰ'..='Ⅻ').contains(&first)
            || ('ⅰ'..='ⅻ').contains(&first);
        if ordinal && matches!(second, '.' | ')') {
            t = t[i + second.len_utf8()..].trim_start();
        }
    }
    if let Some(inner) = t.strip_prefix('(').or_else(|| t.strip_prefix('[')) {
        let close = inner.find([')', ']']);
        if let Some(close) = close {
            let label = &inner[..close];
            let rest = inner[close + 1..].trim_start();
            if label.chars().all(|c| c.is_ascii_digit()) && !label.is_empty() {
                t = rest;
            } else if !rest.is_empty() && label.chars().count() <= MAX_SOURCE_CHARS {
                return (rest.to_owned(), Some(label.trim().to_owned()));
            }
        }
    }
    if let Some(first) = t.chars().next().filter(|c| ('①'..='⑳').contains(c)) {
        t = t[first.len_utf8()..].trim_start();
    }
    (t.to_owned(), None)
}

/// A section label: a short line that is no sentence, byline, notice or caption.
pub(crate) fn is_label(text: &str) -> bool {
    text.chars().count() <= 30
        && !is_prose(text)
        && clean::role(text).is_none()
        && !text.ends_with(['.', '다'])
        && !text.contains('@')
}

/// A section's label is at most this long (characters) in a cell beside a title.
const MAX_SECTION_CELL_CHARS: usize = 10;

/// A title line that is a row of two cells set apart by a wide gap, a short label and the
/// title ("경제<TAB>제목", a table row of the section and the title): the label and the title.
fn section_cell(raw: &str) -> Option<(String, String)> {
    let cells: Vec<&str> = raw
        .split('\t')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    let [label, title] = cells[..] else {
        return None;
    };
    let label = clean::collapse_spaces(label);
    let title = clean::collapse_spaces(title);
    (is_label(&label)
        && label.chars().count() <= MAX_SECTION_CELL_CHARS
        && title.chars().count() > label.chars().count()
        && is_title_like(&title))
    .then_some((label, title))
}

/// Short lines at the end of a body, right before the next article: section labels.
fn trailing_labels(body: &Body, span: (usize, usize)) -> usize {
    let mut end = span.1;
    while end > span.0 && body.label(end - 1) {
        end -= 1;
    }
    span.1 - end
}

/// Fewest attributed articles that make a file a collection of articles.
const MIN_ARTICLES: usize = 2;

/// The articles of a file known by their attributions, or `None` (and the ledger untouched)
/// when it has fewer than two.
pub fn articles(
    file: &str,
    stem: &str,
    lines: &[Line],
    wrapping: Option<clean::Wrapping>,
    issued: Option<&str>,
    ledger: &mut Ledger,
) -> Option<Vec<Article>> {
    let mut own = Ledger::default();
    let articles = split(file, stem, lines, wrapping, issued, &mut own)?;
    ledger.absorb(own);
    Some(articles)
}

/// Whether [`articles`] would split these lines.
pub fn splits(lines: &[Line]) -> bool {
    split("", "", lines, None, None, &mut Ledger::default()).is_some()
}

fn split(
    file: &str,
    stem: &str,
    lines: &[Line],
    wrapping: Option<clean::Wrapping>,
    issued: Option<&str>,
    ledger: &mut Ledger,
) -> Option<Vec<Article>> {
    let mut anchors = anchors(lines, issued);
    if anchors.len() < MIN_ARTICLES {
        return None;
    }
    let wrapping = wrapping.unwrap_or_else(|| clean::detect_wrapping(lines));
    let body = Body::new(lines, wrapping);
    to_repeated_titles(lines, &body, &mut anchors);
    let layout = layout(&body, &anchors);
    let mut found: Vec<Found> = delimit(&body, &anchors, layout, issued)
        .into_iter()
        .filter(|f| (f.body.0..f.body.1).any(|i| body.prose(i)))
        .collect();
    if found.len() < MIN_ARTICLES {
        return None;
    }
    // A report's closing section is the report's, not the last article's: kept with the header.
    if let Some(end) = closing_section(lines, &found) {
        if let Some(last) = found.last_mut() {
            last.body.1 = end;
        }
    }
    let titles: Vec<String> = found
        .iter()
        .map(|f| key(&clean_title(&f.title_text).0))
        .collect();
    let running = clean::running_labels(
        found
            .iter()
            .flat_map(|f| lines[f.body.0..f.body.1].iter().map(|l| l.text.as_str())),
    );
    // Every line is in one place: the header, an article (title, attribution, body), a label.
    let mut placed = vec![false; lines.len()];
    let mut drafts = Vec::new();
    let mut sections: Vec<Option<String>> = Vec::new();
    let mut authors: Vec<Option<String>> = Vec::new();
    let mut section: Option<String> = None;
    for (n, f) in found.iter().enumerate() {
        // A line is read once: an article whose lines another took (a title that is also the
        // next attribution) is left out, its lines kept with the header's.
        let span = f.title.min(f.attribution)..f.body.1.max(f.attribution + 1);
        if placed[span].iter().any(|p| *p) {
            continue;
        }
        let labels = if n + 1 < found.len() && layout != Layout::AtEnd {
            trailing_labels(&body, f.body)
        } else {
            0
        };
        let body_end = f.body.1 - labels;
        // In the at-end layout, an article's labels stand before its title.
        if layout == Layout::AtEnd {
            let from = n
                .checked_sub(1)
                .map_or(f.title, |p| found[p].attribution + 1);
            for i in (from..f.title).filter(|_| n > 0) {
                if !placed[i] {
                    ledger.dropped("section label", &lines[i].text);
                    section = Some(lines[i].text.clone());
                    placed[i] = true;
                }
            }
        }
        // A title in a row beside its section's cell ("경제<TAB>제목").
        let (title_text, row_section) = match section_cell(&lines[f.title].raw) {
            Some((label, title)) if f.title_text == lines[f.title].text => (title, Some(label)),
            _ => (f.title_text.clone(), None),
        };
        if row_section.is_some() {
            section = row_section;
        }
        let (title, bracketed) = clean_title(&title_text);
        let heading = Heading {
            title,
            source: f.attribution_value.source.clone().or(bracketed),
            // An undated credit ("원문: 매체", "제목 <매체>" under no day heading) dates nothing.
            date: Some(f.attribution_value.date.clone()).filter(|d| !d.is_empty()),
            toc: None,
            lines: 1,
        };
        let mut body = Vec::new();
        for i in f.body.0..body_end {
            let text = &lines[i].text;
            if running.contains(&key(text)) {
                ledger.dropped("section label", text);
            } else if i != f.attribution {
                body.push(lines[i].clone());
            }
            placed[i] = true;
        }
        if f.attribution != f.title {
            ledger.metadata(&lines[f.attribution].text);
        }
        placed[f.title] = true;
        placed[f.attribution] = true;
        sections.push(section.clone());
        authors.push(f.attribution_value.author.clone());
        drafts.push(Draft {
            heading,
            heading_text: lines[f.title].text.clone(),
            first_line: lines[f.title].number,
            lines: body,
        });
        // Labels before the next title name its section.
        if labels > 0 {
            for line in &lines[body_end..f.body.1] {
                ledger.dropped("section label", &line.text);
            }
            section = Some(lines[f.body.1 - 1].text.clone());
            placed[body_end..f.body.1]
                .iter_mut()
                .for_each(|p| *p = true);
        }
    }
    // The header and what no article took: a contents list repeats the titles.
    for (line, _) in lines.iter().zip(&placed).filter(|(_, p)| !**p) {
        let (title, _) = clean_title(line.text.trim_end_matches(|c: char| {
            c.is_ascii_digit() || c.is_whitespace() || matches!(c, '·' | '.' | '…' | '-')
        }));
        if titles.contains(&key(&title)) && !key(&title).is_empty() {
            ledger.dropped("table of contents", &line.text);
        } else if let Some(clean::Role::Dropped(kind)) = clean::role(&line.text) {
            ledger.dropped(kind, &line.text);
        } else {
            ledger.metadata(&line.text);
        }
    }
    let mut out = Vec::new();
    for ((draft, section), author) in drafts.into_iter().zip(sections).zip(authors) {
        if let Some(mut article) = newsletter::assemble(draft, None, wrapping, ledger) {
            article.author = article.author.or(author);
            article.id = format!("{stem}-{:02}", out.len() + 1);
            article.section = section.map(|s| clean_title(&s).0);
            if let Some(origin) = article.origin.as_mut() {
                origin.file = file.to_owned();
            }
            out.push(article);
        }
    }
    (out.len() >= MIN_ARTICLES).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attribution(source: Option<&str>, date: &str) -> Option<Attribution> {
        Some(Attribution {
            source: source.map(str::to_owned),
            date: date.to_owned(),
            author: None,
        })
    }

    #[test]
    fn labels_in_brackets_and_a_jamo_bar_are_read_as_credits_mark_them() {
        let a = attribution_line;
        assert_eq!(
            a("【언론사】 강원도민일보 【보도일】 2019.5.6"),
            attribution(Some("강원도민일보"), "2019-05-06")
        );
        assert_eq!(
            a("[매체명] 경남신문 [게재일자] 2019-05-06 14:00"),
            attribution(Some("경남신문"), "2019-05-06")
        );
        assert_eq!(
            a("전북일보 ㅣ 2019.05.06"),
            attribution(Some("전북일보"), "2019-05-06")
        );
        assert_eq!(
            a("(기사원문: 충청투데이 2019/05/06)"),
            attribution(Some("충청투데이"), "2019-05-06")
        );
        assert_eq!(
            a("[출처] 충청투데이 [일시] 2019.05.06 09:30"),
            attribution(Some("충청투데이"), "2019-05-06")
        );
        // A sentence that opens with its date and hour is no credit.
        assert_eq!(a("2019년 5월 6일 오후 3시, 강원도 산불 대책"), None);
        assert_eq!(a("2019년 5월 6일 3시 30분, 회의가 열렸다"), None);
        // A bracketed outlet stays an outlet.
        assert_eq!(
            a("[부산일보] 2019.05.06"),
            attribution(Some("부산일보"), "2019-05-06")
        );
    }

    #[test]
    fn a_labelled_outlet_alone_is_an_undated_credit() {
        let source = |t: &str| labelled_outlet(t).and_then(|a| a.source);
        assert_eq!(source("원문: 남해신문").as_deref(), Some("남해신문"));
        assert_eq!(source("출처 : 경남일보").as_deref(), Some("경남일보"));
        // A sentence after the label, a dated credit, another field: none.
        assert_eq!(
            source("출처: 통계청 자료에 따르면 지난해 수출이 늘었다"),
            None
        );
        assert_eq!(source("출처: 경남일보 2021.3.4"), None);
        assert_eq!(source("원문: https://n.example/2"), None);
        assert_eq!(source("제목: 항구 축제"), None);
    }

    #[test]
    fn reads_attribution_lines() {
        let a = attribution_line;
        assert_eq!(
            a("(연합뉴스, 2020.4.23)"),
            attribution(Some("연합뉴스"), "2020-04-23")
        );
        assert_eq!(
            a("출처 : 매일경제 (2012.8.30)"),
            attribution(Some("매일경제"), "2012-08-30")
        );
        assert_eq!(
            a("- 한국경제, 2011.2.17 -"),
            attribution(Some("한국경제"), "2011-02-17")
        );
        assert_eq!(
            a("연합뉴스 | 2013.11.12"),
            attribution(Some("연합뉴스"), "2013-11-12")
        );
        assert_eq!(
            a("<뉴시스, 2021년 3월 4일>"),
            attribution(Some("뉴시스"), "2021-03-04")
        );
        assert_eq!(
            a("[전자신문] 2013.12.30"),
            attribution(Some("전자신문"), "2013-12-30")
        );
        assert_eq!(
            a("(출처: 서울경제, 2014년 5월 7일)"),
            attribution(Some("서울경제"), "2014-05-07")
        );
        assert_eq!(
            a("KOTRA 해외시장뉴스 · 2012.08.30"),
            attribution(Some("KOTRA 해외시장뉴스"), "2012-08-30")
        );
        assert_eq!(a("2022-11-07"), attribution(None, "2022-11-07"));
        assert_eq!(
            a("(과기일보(科技日报), 2022.12.14)"),
            attribution(Some("과기일보(科技日报)"), "2022-12-14")
        );
        // Datelines, issue headers and sentences are not attributions.
        assert_eq!(a("입력 2021.11.03 06:00"), None);
        assert_eq!(a("제 34 호 2012. 8. 30."), None);
        assert_eq!(a("발행일 2010.11.4 | 발행 지역경제연구센터"), None);
        assert_eq!(a("정부는 2021.3.4 새 제도를 시행한다고 밝혔다."), None);
        assert_eq!(a("오거돈 대한민국 부산시장이 2020년 4월 23일"), None);
        assert_eq!(a("부산시장이 2020년 4월 23일"), None);
        assert_eq!(a("시장이 말한 2020.4.23"), None);
        // One name whose last syllable reads as a particle, before a date in figures.
        assert_eq!(
            a("머니투데이 2020.10.26"),
            attribution(Some("머니투데이"), "2020-10-26")
        );
        assert_eq!(
            a("연합뉴스 2021.03.04"),
            attribution(Some("연합뉴스"), "2021-03-04")
        );
        assert_eq!(
            a("자료 출처 : 뉴시스 (2021.3.4)"),
            attribution(Some("뉴시스"), "2021-03-04")
        );
        assert_eq!(
            a("출처: 뉴시스 · 2021-03-04"),
            attribution(Some("뉴시스"), "2021-03-04")
        );
        assert_eq!(
            a("출처 : 뉴시스 (2021. 3. 4.)"),
            attribution(Some("뉴시스"), "2021-03-04")
        );
        assert_eq!(
            a("2021.03.04 뉴시스"),
            attribution(Some("뉴시스"), "2021-03-04")
        );
        assert_eq!(a("■ 날짜: 2021.3.4"), attribution(None, "2021-03-04"));
        assert_eq!(
            a("뉴시스 | 입력 2021-03-04 10:30"),
            attribution(Some("뉴시스"), "2021-03-04")
        );
        assert_eq!(a("수집일 2021-03-04"), attribution(None, "2021-03-04"));
        assert_eq!(
            a("<뉴시스 2021.03.04 보도>"),
            attribution(Some("뉴시스"), "2021-03-04")
        );
        assert_eq!(
            a("뉴시스, Mar 4, 2021"),
            attribution(Some("뉴시스"), "2021-03-04")
        );
        assert_eq!(
            a("출처 : 뉴시스 2021년 3월 4일자 2면"),
            attribution(Some("뉴시스"), "2021-03-04")
        );
        let slashed = a("뉴시스 / 2021.3.4 / 홍길동 기자").unwrap();
        assert_eq!(
            (slashed.source.as_deref(), slashed.author.as_deref()),
            (Some("뉴시스"), Some("홍길동"))
        );
        assert_eq!(
            a("[뉴시스, 21.03.04]"),
            attribution(Some("뉴시스"), "2021-03-04")
        );
        assert_eq!(a("일자: 2021-03-04"), attribution(None, "2021-03-04"));
        let with_reporter = a("연합뉴스 홍길동 기자 (2021.03.04)").unwrap();
        assert_eq!(
            (
                with_reporter.source.as_deref(),
                with_reporter.author.as_deref()
            ),
            (Some("연합뉴스"), Some("홍길동"))
        );
        assert_eq!(
            a("매체명 : 연합뉴스    게재일 : 2021.03.04    면 : 2"),
            attribution(Some("연합뉴스"), "2021-03-04")
        );
    }

    #[test]
    fn cleans_numbered_and_marked_titles() {
        let c = |t: &str| clean_title(t);
        assert_eq!(c("1. 제목입니다"), ("제목입니다".into(), None));
        assert_eq!(c("[2] 제목입니다"), ("제목입니다".into(), None));
        assert_eq!(c("가. 제목입니다"), ("제목입니다".into(), None));
        assert_eq!(c("3) 제목입니다"), ("제목입니다".into(), None));
        assert_eq!(c("◆ 제목입니다"), ("제목입니다".into(), None));
        assert_eq!(
            c("[연합뉴스] 제목입니다"),
            ("제목입니다".into(), Some("연합뉴스".into()))
        );
        assert_eq!(
            c("2014년부터 금지된다"),
            ("2014년부터 금지된다".into(), None)
        );
        assert_eq!(c("【제목입니다】"), ("제목입니다".into(), None));
        assert_eq!(c("### 제목입니다"), ("제목입니다".into(), None));
        assert_eq!(c("◎ 제목입니다"), ("제목입니다".into(), None));
        assert_eq!(c("Ⅱ. 제목입니다"), ("제목입니다".into(), None));
        assert_eq!(c("제목 : 제목입니다"), ("제목입니다".into(), None));
        assert_eq!(c("\"인용\" 제목"), ("\"인용\" 제목".into(), None));
        assert_eq!(c("#7  제목입니다"), ("제목입니다".into(), None));
        assert_eq!(c("＃12 제목입니다"), ("제목입니다".into(), None));
        // A hashtag is the title's word, and a number with no mark stays.
        assert_eq!(c("#3월 개학 연기"), ("3월 개학 연기".into(), None));
        assert_eq!(c("#MeToo 운동 1년"), ("MeToo 운동 1년".into(), None));
        // Plain-text emphasis around the whole title is no part of it.
        assert_eq!(c("*제목입니다*"), ("제목입니다".into(), None));
        assert_eq!(c("**1. 제목입니다**"), ("제목입니다".into(), None));
        assert_eq!(c("_제목입니다_"), ("제목입니다".into(), None));
        assert_eq!(c("제목 *강조* 입니다"), ("제목 *강조* 입니다".into(), None));
        assert_eq!(c("snake_case_name"), ("snake_case_name".into(), None));
    }

    fn split(text: &str) -> Vec<(String, Option<String>, Option<String>, String)> {
        split_wrapped(text, None)
    }

    /// [`split`], its lines wrapped as `wrapping` says (a PDF's: one a line).
    fn split_wrapped(
        text: &str,
        wrapping: Option<clean::Wrapping>,
    ) -> Vec<(String, Option<String>, Option<String>, String)> {
        split_issued(text, wrapping, None)
    }

    /// [`split_wrapped`], in an issue dated `issued` (as a mail's Date: gives it).
    fn split_issued(
        text: &str,
        wrapping: Option<clean::Wrapping>,
        issued: Option<&str>,
    ) -> Vec<(String, Option<String>, Option<String>, String)> {
        let lines = clean::lines(text, 1);
        let mut ledger = Ledger::default();
        let Some(articles) = articles("t.txt", "t", &lines, wrapping, issued, &mut ledger) else {
            return Vec::new();
        };
        assert_eq!(
            crate::ink(text),
            crate::article_ink(&articles) + ledger.chars(),
            "{ledger:?}"
        );
        articles
            .into_iter()
            .map(|a| (a.title, a.source, a.date, a.body))
            .collect()
    }

    const FIRST: &str =
        "첫째 기사의 본문은 이렇게 길게 이어지며 마침표로 끝나는 문장으로 되어 있습니다.";
    const SECOND: &str =
        "둘째 기사의 본문도 이렇게 길게 이어지며 마침표로 끝나는 문장으로 되어 있습니다.";

    fn expected(first_title: &str) -> Vec<(String, Option<String>, Option<String>, String)> {
        vec![
            (
                first_title.into(),
                Some("매체A".into()),
                Some("2021-03-01".into()),
                FIRST.into(),
            ),
            (
                "둘째 기사 제목".into(),
                Some("매체B".into()),
                Some("2021-03-02".into()),
                SECOND.into(),
            ),
        ]
    }

    #[test]
    fn splits_at_attributions_after_titles() {
        let text = format!(
            "소식지\n목차\n· 첫째 기사 제목\n· 둘째 기사 제목\n국내\n1. 첫째 기사 제목\n(매체A, 2021.3.1)\n{FIRST}\n해외\n2. 둘째 기사 제목\n(매체B, 2021.3.2)\n{SECOND}\n"
        );
        assert_eq!(split(&text), expected("첫째 기사 제목"));
    }

    #[test]
    fn a_date_written_as_a_mention_is_the_credits_date() {
        assert_eq!(
            attribution_line("출처: 강원일보 · @2019년 5월 3일"),
            attribution(Some("강원일보"), "2019-05-03")
        );
        assert_eq!(
            attribution_line("경남신문 @2019. 5. 3."),
            attribution(Some("경남신문"), "2019-05-03")
        );
        assert_eq!(
            attribution_line("전북일보 · 2019-05-03T09:30:00+09:00"),
            attribution(Some("전북일보"), "2019-05-03")
        );
        assert_eq!(
            attribution_line("게시: 2019-05-03T09:30:00+09:00"),
            attribution(None, "2019-05-03")
        );
        // An address before a date stays an address: no credit.
        assert_eq!(attribution_line("desk@경남신문 2019. 5. 3."), None);
    }

    #[test]
    fn fields_naming_no_title_take_the_heading_over_them() {
        // A note's info box under each heading: its outlet and its date as labelled lines.
        let text = format!(
            "# 주간 정리\n\n## 첫째 기사 제목\n\n> [!info] 출처\n> 매체: 매체A\n> 게시: 2021-03-01T09:00:00+09:00\n\n{FIRST}\n\n## 둘째 기사 제목\n\n매체: 매체B\n게재일: 2021-03-02\n\n{SECOND}\n"
        );
        assert_eq!(split(&text), expected("첫째 기사 제목"));
        assert!(is_callout_header("> [!note]- 접힌 상자"));
        assert!(!is_callout_header("[!] 느낌표"));
        assert!(!is_callout_header("[속보] 제목"));
    }

    #[test]
    fn markdown_credits_are_read_as_a_reader_sees_them() {
        assert_eq!(
            attribution_line("*출처: [매체A](https://a.example/1?x=1) · 2021년 3월 1일*"),
            attribution(Some("매체A"), "2021-03-01")
        );
        let text = format!(
            "# 주간 정리\n\n## 첫째 기사 제목\n\n_[매체A](https://a.example/1), 2021.3.1_\n\n{FIRST}\n\n## 둘째 기사 제목\n\n**출처: [매체B](https://b.example/2) (2021.3.2)**\n\n{SECOND}\n"
        );
        assert_eq!(split(&text), expected("첫째 기사 제목"));
        // Brackets that are no link stay.
        assert_eq!(
            without_link_markup("[속보] (서울) 제목 [1](2"),
            "[속보] (서울) 제목 [1](2"
        );
    }

    #[test]
    fn a_date_going_on_the_sentence_the_line_above_left_open_is_no_credit() {
        // A column's lines: the subject with its particle, then a line opening with the
        // sentence's date, which an outlet over a dated title would look like.
        let text = format!(
            "소식지\n첫째 기사 제목\n(매체A, 2021.3.1)\n{FIRST}\n둘째 기사 제목\n(매체B, 2021.3.2)\n한국은행은\n2021년 3월 2일 오전인 오\n늘 기준금리를 동결한다고 발표했다. 이번 결정은 시장의 예상과 같았으며 물가 상승세가 여전히 높다는 판단에 따른 것이라고 설명했다.\n"
        );
        let found = split_wrapped(&text, Some(clean::Wrapping::OnePerLine));
        let titles: Vec<&str> = found.iter().map(|a| a.0.as_str()).collect();
        assert_eq!(titles, ["첫째 기사 제목", "둘째 기사 제목"], "{found:?}");
        assert!(found[1].3.starts_with("한국은행은"), "{found:?}");
    }

    #[test]
    fn a_reports_closing_section_goes_on_its_opening_outline_not_the_last_article() {
        let text = format!(
            "동향 보고\n1. 개요\nㅇ 건수: 2건\n2. 주요 보도\n첫째 기사 제목\n(매체A, 2021.3.1)\n{FIRST}\n둘째 기사 제목\n(매체B, 2021.3.2)\n{SECOND}\n3. 향후 계획\nㅇ 계속 살펴볼 예정임\n"
        );
        assert_eq!(split(&text), expected("첫째 기사 제목"));
        // Without the outline opening the report, a numbered line is the article's own.
        let unopened = text.replace("1. 개요\n", "").replace("2. 주요 보도\n", "");
        assert!(
            split(&unopened)[1].3.contains("향후 계획"),
            "{:?}",
            split(&unopened)
        );
    }

    #[test]
    fn credits_of_a_month_and_day_take_the_year_of_the_issues_date() {
        let text = format!(
            "주간 소식 2021년 3월 8일 발행\n첫째 기사 제목\n매체A 3/1\n{FIRST}\n둘째 기사 제목\n(매체B, 3월 2일)\n{SECOND}\n"
        );
        assert_eq!(split(&text), expected("첫째 기사 제목"));
        // Without the issue's date above them, they date nothing.
        let undated = text.replace("2021년 3월 8일 발행", "발행");
        assert!(
            split(&undated).iter().all(|a| a.2.is_none()),
            "{:?}",
            split(&undated)
        );
    }

    #[test]
    fn a_bracketed_credits_month_and_day_may_be_written_with_a_dot() {
        // A board post dated once above its articles, each closed by "(매체, 3.1)".
        let text = format!(
            "등록일 2021-03-08\n1. 첫째 기사 제목\n{FIRST}\n(매체A, 3.1)\n2. 둘째 기사 제목\n{SECOND}\n(매체B, 3.2.)\n"
        );
        assert_eq!(split(&text), expected("첫째 기사 제목"));
        assert_eq!(
            bracketed_dotted_month_and_day("(매체A, 3.1)").as_deref(),
            Some("(매체A, 3/1)")
        );
        // A figure is no date, bracketed or not.
        assert_eq!(bracketed_dotted_month_and_day("(3.5)"), None);
        assert_eq!(bracketed_dotted_month_and_day("성장률은 3.5"), None);
        assert_eq!(bracketed_dotted_month_and_day("(전년 대비 12.25)"), None);
    }

    #[test]
    fn a_board_posts_own_header_is_no_articles_credit() {
        // A saved board post: its view table one cell a line (제목, 작성자, 등록일, 조회), a
        // greeting, then articles closed by their credits.
        let text = format!(
            "언론보도\n제목\n3월 둘째 주 보도 모음\n작성자\n홍보팀\n등록일\n2021-03-08\n조회\n152\n\
             지난주 보도를 아래와 같이 알려 드립니다. 참고하시기 바랍니다.\n\
             1. 첫째 기사 제목\n{FIRST}\n(매체A, 3.1)\n2. 둘째 기사 제목\n{SECOND}\n(매체B, 3.2)\n"
        );
        assert_eq!(split(&text), expected("첫째 기사 제목"));
    }

    #[test]
    fn titles_closed_by_their_outlet_take_the_date_of_their_days_heading() {
        let text = format!(
            "주간 모니터링\n■ 3월 1일(월)\n○ 첫째 기사 제목 <매체A>\n{FIRST}\n■ 3월 2일(화)\n○ 둘째 기사 제목 <매체B>\n{SECOND}\n"
        );
        let lines = clean::lines(&text, 1);
        let mut ledger = Ledger::default();
        let found = articles("t.txt", "t", &lines, None, Some("2021-03-08"), &mut ledger).unwrap();
        let read: Vec<_> = found
            .iter()
            .map(|a| {
                (
                    a.title.as_str(),
                    a.source.as_deref(),
                    a.date.as_deref(),
                    a.body.as_str(),
                )
            })
            .collect();
        assert_eq!(
            read,
            [
                ("첫째 기사 제목", Some("매체A"), Some("2021-03-01"), FIRST),
                ("둘째 기사 제목", Some("매체B"), Some("2021-03-02"), SECOND),
            ]
        );
        // With no issue's date to give the year, they are undated.
        let found = articles("t.txt", "t", &lines, None, None, &mut ledger).unwrap();
        assert!(found.iter().all(|a| a.date.is_none()), "{found:?}");
        // An address or a date in the brackets is no outlet.
        assert!(outlet_tagged_title(
            &clean::lines("보낸 사람 홍길동 <gil@x.example>", 1),
            0,
            None
        )
        .is_none());
        assert!(
            outlet_tagged_title(&clean::lines("첫째 기사 제목 <2021.3.4>", 1), 0, None).is_none()
        );
    }

    #[test]
    fn splits_at_bracketed_outlets_over_datelines() {
        let text = format!(
            "클리핑\n[매체A] 첫째 기사 제목\n등록 2021.03.01 10:22\n{FIRST}\n[매체B] 둘째 기사 제목\n등록 2021.03.02 11:22\n{SECOND}\n"
        );
        assert_eq!(split(&text), expected("첫째 기사 제목"));
        // A tag in brackets names no outlet.
        let tagged = text
            .replace("[매체A]", "[속보]")
            .replace("[매체B]", "[단독]");
        assert!(split(&tagged).is_empty());
    }

    #[test]
    fn splits_at_titles_an_index_table_attributes() {
        let text = format!(
            "스크랩 보고서\n번호\n제목\n매체\n게재일\n1\n첫째 기사 제목\n매체A\n2021-03-01\n2\n둘째 기사 제목\n매체B\n2021-03-02\n첫째 기사 제목\n{FIRST}\n둘째 기사 제목\n{SECOND}\n"
        );
        assert_eq!(split(&text), expected("첫째 기사 제목"));
    }

    #[test]
    fn splits_a_table_of_outlet_and_date_cells() {
        let text = format!(
            "기준일 2021.03.02\n매체A\n2021.03.01\n첫째 기사 제목\n{FIRST}\n매체B\n2021.03.02 둘째 기사 제목\n{SECOND}\n"
        );
        assert_eq!(split(&text), expected("첫째 기사 제목"));
        // A short title over its dateline is no outlet over a date.
        let text = format!(
            "소식\n첫째 기사 제목\n2021.03.01\n{FIRST}\n둘째 기사 제목\n2021.03.02\n{SECOND}\n"
        );
        assert!(split(&text).iter().all(|(_, source, ..)| source.is_none()));
        // A masthead over the issue's date, then an editor's letter, is the issue's header.
        let text = format!(
            "환경 소식\n2021.03.05\n편집자의 말\n{FIRST}\n1. 첫째 기사 제목\n(매체A, 2021.3.1)\n{FIRST}\n2. 둘째 기사 제목\n(매체B, 2021.3.2)\n{SECOND}\n"
        );
        let titles: Vec<String> = split(&text).into_iter().map(|(title, ..)| title).collect();
        assert_eq!(titles, ["첫째 기사 제목", "둘째 기사 제목"]);
    }

    #[test]
    fn a_wrapped_line_opening_with_a_date_is_no_attribution() {
        assert_eq!(
            attribution_line("2020년 5월 7일 유튜브에는 '폭로합니다'라는 채"),
            None
        );
        assert_eq!(attribution_line("2019.3.4 시민들은 광장에 모여 다시"), None);
        // A date with its particle is a sentence's, wherever the line was wrapped.
        assert_eq!(
            attribution_line("항구(Port)는 2019년 5월 1일부터 무료로 문을"),
            None
        );
        assert_eq!(attribution_line("축제는 2019.5.3까지 이어진다"), None);
        assert_eq!(
            attribution_line("2019.3.4 경기신문"),
            attribution(Some("경기신문"), "2019-03-04")
        );
    }

    #[test]
    fn reads_weekdays_and_other_brackets_in_attributions() {
        let a = attribution_line;
        assert_eq!(
            a("[조선비즈 2011-01-24(월)]"),
            attribution(Some("조선비즈"), "2011-01-24")
        );
        assert_eq!(
            a("연합뉴스 | 2018. 11. 11.(일)"),
            attribution(Some("연합뉴스"), "2018-11-11")
        );
        assert_eq!(
            a("아시아경제 | 2017년 5월 4일 목요일"),
            attribution(Some("아시아경제"), "2017-05-04")
        );
        assert_eq!(
            a("《헤럴드경제》 2017年 1月 25日"),
            attribution(Some("헤럴드경제"), "2017-01-25")
        );
        assert_eq!(
            a("전자신문 | 20.03.31(화)"),
            attribution(Some("전자신문"), "2020-03-31")
        );
    }

    #[test]
    fn splits_at_attributions_before_titles() {
        let text = format!(
            "소식지\n2021-03-05\n[매체A] 2021.03.01\n첫째 기사 제목\n{FIRST}\n[매체B] 2021.03.02\n둘째 기사 제목\n{SECOND}\n"
        );
        assert_eq!(split(&text), expected("첫째 기사 제목"));
    }

    #[test]
    fn articles_closed_by_their_provider_take_the_date_under_their_title() {
        // A mailing's articles: the title, its month, day and time on a line of its own, a
        // photo's caption, the body, "매체 제공" closing it; the year is the issue's.
        let text = format!(
            "이번 주 소식을 모아 보내 드립니다. 즐겁게 읽어 주십시오.\n첫째 기사 제목\n3월 1일(월) 오전 9:00\n▲ 항만의 모습 /매체A 제공\n{FIRST}\n매체A 제공\n둘째 기사 제목\n3월 2일(화) 오후 2:30\n{SECOND}\n[매체B 제공]\n"
        );
        assert_eq!(
            split_issued(&text, None, Some("2021-03-08")),
            expected("첫째 기사 제목")
        );
        // What was provided, a caption's credit, a sentence: no outlet's credit.
        for line in [
            "사진 제공",
            "▲ 항만의 모습 /매체A 제공",
            "자료는 매체A가 제공",
            "2021 제공",
        ] {
            assert_eq!(provided_by(line), None, "{line}");
        }
        // A date under a title stands alone, or with its weekday and time.
        assert_eq!(
            date_under_title("3월 5일 오후 발표 예정", Some("2021-03-08")),
            None
        );
        assert_eq!(date_under_title("3월 5일(금)", None), None);
    }

    #[test]
    fn credits_of_a_month_and_day_take_the_year_the_file_states_not_a_sentences() {
        // The issue's date stands only in a footer at the end; a sentence before the articles
        // holds another date.
        let text = format!(
            "2020년 5월 4일 오후 3시, 시장이 문을 열었다는 소식으로 이번 호를 엽니다.\n[1] 첫째 기사 제목\n{FIRST}\n— 매체A, 3월 1일\n[2] 둘째 기사 제목\n{SECOND}\n— 매체B, 3월 2일\n대외협력실    2021년 3월 8일 월요일    2\n"
        );
        assert_eq!(split(&text), expected("첫째 기사 제목"));
        assert_eq!(
            stated_date("대외협력실    2021년 3월 8일 월요일    2").as_deref(),
            Some("2021-03-08")
        );
        assert_eq!(stated_date("2022년 2월 4일 21시, 베이징에서"), None);
        assert_eq!(stated_date("2021년 6월 1일부터 바뀐다"), None);
    }

    #[test]
    fn splits_at_attributions_ending_articles() {
        let text = format!(
            "소식지\n=== 정책 ===\n[1] 첫째 기사 제목\n{FIRST}\n출처: 매체A 2021.3.1\n=== 현장 ===\n[2] 둘째 기사 제목\n{SECOND}\n출처: 매체B 2021.3.2\n무단전재 및 재배포 금지\n"
        );
        assert_eq!(split(&text), expected("첫째 기사 제목"));
    }

    #[test]
    fn splits_at_titles_with_their_attribution_set_apart_on_the_right() {
        let text = format!(
            "소식지\n첫째 기사 제목\t\t매체A  2021-03-01\n{FIRST}\n둘째 기사 제목\t매체B 2021.3.2.\n{SECOND}\n"
        );
        assert_eq!(split(&text), expected("첫째 기사 제목"));
        // A row of two titles, or of a title and a date alone, credits nobody.
        assert_eq!(row_attribution("첫째 기사 제목\t둘째 기사 제목"), None);
        assert_eq!(row_attribution("첫째 기사 제목\t2021.3.2"), None);
    }

    #[test]
    fn a_clipping_credited_with_pages_is_dated_by_its_issue() {
        let text = format!(
            "조간 주요 기사 2021.03.01\n첫째 기사 제목\n매체A 2면\n{FIRST}\n둘째 기사 제목\n【매체B B12면】\n{SECOND}\n"
        );
        let mut want = expected("첫째 기사 제목");
        want[1].2 = Some("2021-03-01".into());
        assert_eq!(split(&text), want);
        assert_eq!(page_credit("이 문제는 3면"), None);
        assert_eq!(
            page_credit("(파이낸셜투데이 A1면)"),
            Some("파이낸셜투데이".into())
        );
        assert_eq!(page_credit("[매체 3쪽]"), None);
        assert_eq!(
            attribution_line("(매일경제 2021.3.4 A10면)"),
            attribution(Some("매일경제"), "2021-03-04")
        );
    }

    #[test]
    fn splits_at_outlets_over_titles_over_portal_datelines() {
        let text = format!(
            "오늘의 기사\n매체A\n첫째 기사 제목\n기사입력 2021-03-01 오전 9:00 | 최종수정 2021-03-04 11:00\n{FIRST}\n매체B\n둘째 기사 제목\n입력 2021.03.02. 14:20\n{SECOND}\n"
        );
        assert_eq!(split(&text), expected("첫째 기사 제목"));
        assert_eq!(
            dateline_date("입력 2021.03.01 09:00 수정 2021.03.04(목) 11:00").as_deref(),
            Some("2021-03-01")
        );
    }

    #[test]
    fn splits_records_of_labelled_cells_and_rows_with_a_section_cell() {
        let text = format!(
            "자료실\n구분\n국내\n기사제목\n첫째 기사 제목\n언론사\n매체A\n보도일\n2021.03.01\n{FIRST}\n구분\n국외\n기사제목\n둘째 기사 제목\n언론사\n매체B\n보도일\n2021.03.02\n{SECOND}\n"
        );
        assert_eq!(split(&text), expected("첫째 기사 제목"));
        let text = format!(
            "모음\n구분 | 제목 | 매체 | 날짜\n국내 | 첫째 기사 제목 | 매체A | 2021.3.1\n국외 소식 | 둘째 기사 제목, 길어서 한 줄이 본문만큼 긴 제목이 되었다 | 매체B | 2021.3.2\n첫째 기사 제목\n{FIRST}\n둘째 기사 제목, 길어서 한 줄이 본문만큼 긴 제목이 되었다\n{SECOND}\n"
        );
        let mut want = expected("첫째 기사 제목");
        want[1].0 = "둘째 기사 제목, 길어서 한 줄이 본문만큼 긴 제목이 되었다".into();
        assert_eq!(split(&text), want);
    }

    #[test]
    fn a_title_beside_its_sections_cell_is_the_title_and_the_section() {
        let text = format!(
            "동향\n국내\t\t첫째 기사 제목\n(매체A, 2021.3.1)\n{FIRST}\n해외\t둘째 기사 제목\n(매체B, 2021.3.2)\n{SECOND}\n"
        );
        assert_eq!(split(&text), expected("첫째 기사 제목"));
        let found = articles(
            "t.txt",
            "t",
            &clean::lines(&text, 1),
            None,
            None,
            &mut Ledger::default(),
        );
        let sections: Vec<Option<String>> = found.unwrap().into_iter().map(|a| a.section).collect();
        assert_eq!(sections, [Some("국내".into()), Some("해외".into())]);
        assert_eq!(section_cell("첫째 기사 제목\t둘째 기사 제목"), None);
        assert_eq!(
            section_cell("해외\t둘째 기사 제목"),
            Some(("해외".into(), "둘째 기사 제목".into()))
        );
    }

    #[test]
    fn a_short_title_over_a_date_and_its_outlet_is_the_title() {
        // The title reads as an outlet's name would; the bar after the date says the line is
        // a credit, not a left cell's date beside a right cell's title.
        let text = format!(
            "주간 소식\n항만 물동량 증가\n2021.03.01 | 매체A\n{FIRST}\n철도 노선 개통\n2021.03.02(화) / 매체B\n{SECOND}\n"
        );
        let mut want = expected("항만 물동량 증가");
        want[1].0 = "철도 노선 개통".into();
        assert_eq!(split(&text), want);
    }

    #[test]
    fn a_contents_list_along_dot_leaders_is_no_first_paragraph() {
        // Attributions at the end; the contents rows, long with their leaders, come before
        // the first title, which is the last short line before the first paragraph.
        let text = format!(
            "주간 소식\n차례\n1) 첫째 기사 제목 ..................................................... 2\n2) 둘째 기사 제목 ..................................................... 3\n1) 첫째 기사 제목\n{FIRST}\n자료: 매체A, 2021. 3. 1.\n2) 둘째 기사 제목\n{SECOND}\n자료: 매체B, 2021. 3. 2.\n"
        );
        assert_eq!(
            split_wrapped(&text, Some(clean::Wrapping::OnePerLine)),
            expected("첫째 기사 제목")
        );
    }

    #[test]
    fn splits_at_titles_ending_with_their_attribution() {
        let text = format!(
            "소식지\n▶ 첫째 기사 제목 (매체A / 2021.03.01)\n{FIRST}\n▶ 둘째 기사 제목 (매체B / 2021.03.02)\n{SECOND}\n"
        );
        assert_eq!(split(&text), expected("첫째 기사 제목"));
    }

    #[test]
    fn one_attributed_article_is_not_split() {
        let text = format!("첫째 기사 제목\n(매체A, 2021.3.1)\n{FIRST}\n{SECOND}\n");
        assert!(split(&text).is_empty());
    }
}
