//! A file that holds one article: a column, or a news page saved from a web site. Menus, share
//! buttons and comment boxes are dropped (and counted); the byline gives the author and often
//! the outlet; whatever a page repeats after the byline is not body text. Lines are read by
//! their kind ([`clean::role`]): copyright notices, prompts and repeated section labels are
//! dropped by kind, a byline without an address ("[홍길동 기자]") gives the author.

use jikji_engine::{Article, Caption, Origin};

use crate::clean::{self, Line};
use crate::frontmatter::FrontMatter;
use crate::Ledger;

/// A line with at least this many non-space characters can be a title ("실시간 뉴스" cannot).
const MIN_TITLE_CHARS: usize = 8;
/// A first line longer than this is body text (a column without a title); the title is then
/// its start, cut to `CUT_TITLE_CHARS`.
const MAX_TITLE_CHARS: usize = 100;
const CUT_TITLE_CHARS: usize = 60;

/// Who wrote it, and for which outlet, as a byline states it.
#[derive(Debug, PartialEq, Eq)]
pub struct Byline {
    pub author: String,
    pub outlet: Option<String>,
}

/// Job titles that follow a name in Korean bylines.
const TITLES: &[&str] = &[
    "기자",
    "특파원",
    "논설위원",
    "위원",
    "객원기자",
    "칼럼니스트",
    "교수",
    "대표",
    "연구원",
];

/// "조아라 한경닷컴 기자 rrang123@hankyung.com", "김문기기자 moon@inews24.com",
/// "임성환 KOTRA 항저우무역관장 limsydney@kotra.or.kr".
pub fn parse_byline(line: &str) -> Option<Byline> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let email = words
        .iter()
        .position(|w| w.contains('@') && w.contains('.'))?;
    if email == 0 || email > 4 || email + 1 != words.len() || line.chars().count() > 80 {
        return None;
    }
    let first = words[0];
    let name = TITLES
        .iter()
        .find_map(|t| first.strip_suffix(t))
        .unwrap_or(first);
    let hangul_name =
        (2..=4).contains(&name.chars().count()) && name.chars().all(|c| ('가'..='힣').contains(&c));
    if !hangul_name {
        return None;
    }
    let outlet = words[1..email]
        .iter()
        .find(|w| !TITLES.iter().any(|t| w.ends_with(t) || *w == t) && !w.ends_with('장'))
        .map(|w| w.to_string());
    Some(Byline {
        author: name.to_owned(),
        outlet,
    })
}

/// "[아이뉴스24 김문기기자] 본문…": the outlet, the author and the text after the bracket.
pub fn parse_dateline(line: &str) -> Option<(Option<String>, String, String)> {
    let inner_end = line.find(']')?;
    let inner = line.strip_prefix('[')?.get(..inner_end - 1)?;
    let words: Vec<&str> = inner.split_whitespace().collect();
    let (last, outlet_words) = words.split_last()?;
    let author = TITLES
        .iter()
        .find_map(|t| last.strip_suffix(t).filter(|n| !n.is_empty()))?;
    let outlet = (!outlet_words.is_empty()).then(|| outlet_words.join(" "));
    Some((
        outlet,
        author.to_owned(),
        line[inner_end + 1..].trim().to_owned(),
    ))
}

/// Whether a line ends like a Korean declarative sentence ("…할 수 있다."), which headlines
/// do not.
fn is_sentence(line: &str) -> bool {
    line.trim_end().ends_with("다.")
}

/// A title made from the start of body text: cut at `CUT_TITLE_CHARS` with an ellipsis, or the
/// whole line when it is short enough.
pub fn cut_title(text: &str) -> String {
    if text.chars().count() <= CUT_TITLE_CHARS {
        return text.to_owned();
    }
    let cut: String = text.chars().take(CUT_TITLE_CHARS).collect();
    format!("{}…", cut.trim_end())
}

/// Reads the one article of `lines`. `None` when nothing but furniture is left.
pub fn article(
    file: &str,
    stem: &str,
    lines: &[Line],
    fm: &FrontMatter,
    wrapping: Option<clean::Wrapping>,
    ledger: &mut Ledger,
) -> Option<Article> {
    let mut content: Vec<&Line> = Vec::new();
    let labels = clean::running_labels(lines.iter().map(|l| l.text.as_str()));
    // A byline line without an address ("[홍길동 기자]", "/홍길동 기자"); one with an address
    // is read below, where it may also end a saved page.
    let mut reporter = None;
    for line in lines {
        if clean::is_link_line(&line.text) {
            ledger.dropped("bare link", &line.text);
        } else if clean::is_web_furniture(&line.text) {
            ledger.dropped("web furniture", &line.text);
        } else if labels.contains(&clean::key(&line.text)) {
            ledger.dropped("running label", &line.text);
        } else {
            match clean::role(&line.text) {
                Some(clean::Role::Dropped(kind)) => ledger.dropped(kind, &line.text),
                Some(clean::Role::Byline(name)) if parse_byline(&line.text).is_none() => {
                    ledger.metadata(&line.text);
                    reporter.get_or_insert(name);
                }
                _ => content.push(line),
            }
        }
    }

    // A byline ends the article when nothing but page furniture, or the body again, follows it
    // (a saved page); a line with an address in the middle of real text is just text.
    let mut byline = None;
    let keys_before = |at: usize| -> std::collections::HashSet<String> {
        content[..at].iter().map(|l| clean::key(&l.text)).collect()
    };
    let ends_article = |at: usize| {
        let body_keys = keys_before(at);
        content[at + 1..]
            .iter()
            .all(|l| clean::is_web_furniture(&l.text) || body_keys.contains(&clean::key(&l.text)))
    };
    let at = (1..content.len())
        .find(|&at| parse_byline(&content[at].text).is_some() && ends_article(at));
    if let Some(at) = at {
        byline = parse_byline(&content[at].text);
        ledger.metadata(&content[at].text);
        let body_keys = keys_before(at);
        for line in &content[at + 1..] {
            let kind = if body_keys.contains(&clean::key(&line.text)) {
                "repeated text"
            } else {
                "web furniture"
            };
            ledger.dropped(kind, &line.text);
        }
        content.truncate(at);
    }

    // The first line, set off from the body by a blank line, is a title however short it is
    // and whatever words it holds ("댓글 문화의 변화"): structure, not length or keywords.
    let set_off = content.len() > 1
        && content[1].number > content[0].number + 1
        && lines.first().is_some_and(|l| l.number == content[0].number)
        && content[0]
            .text
            .chars()
            .filter(|c| !c.is_whitespace())
            .count()
            >= 2;
    let title_at = if set_off {
        Some(0)
    } else {
        content
            .iter()
            .position(|l| l.text.chars().filter(|c| !c.is_whitespace()).count() >= MIN_TITLE_CHARS)
    };
    let (mut title, body_from) = match (&fm.title, title_at) {
        // Stated in front matter: every content line is body.
        (Some(title), _) => (title.clone(), 0),
        (None, None) => return None,
        // A long line, or a sentence ("…있다."), is body text: the column has no title line.
        (None, Some(at))
            if content[at].text.chars().count() > MAX_TITLE_CHARS
                || is_sentence(&content[at].text) =>
        {
            (cut_title(&content[at].text), at)
        }
        // A title with nothing after it: the line is the whole article, its body too.
        (None, Some(at)) if at + 1 == content.len() => (cut_title(&content[at].text), at),
        (None, Some(at)) => (content[at].text.clone(), at + 1),
    };
    let title_line = if fm.title.is_some() {
        0
    } else {
        title_at.unwrap_or(0)
    };
    for line in &content[..title_line] {
        ledger.dropped("web furniture", &line.text);
    }
    if body_from > title_line {
        ledger.title(&content[title_line].text);
    }
    let first_line = content.get(title_line).map_or(1, |l| l.number);
    title = clean::fix_pdf_spacing(&title);

    let mut dateline = None;
    let mut body_lines: Vec<String> = Vec::new();
    let mut captions = Vec::new();
    let wrapping = wrapping.unwrap_or_else(|| clean::detect_wrapping(lines));
    for line in &content[body_from..] {
        if dateline.is_none() && body_lines.is_empty() {
            let wire = || {
                clean::wire_dateline(&line.text)
                    .map(|w| (Some(w.outlet), w.author, line.text[w.len..].to_owned()))
            };
            let bracketed = || parse_dateline(&line.text).map(|(o, a, rest)| (o, Some(a), rest));
            if let Some((outlet, author, rest)) = bracketed().or_else(wire) {
                ledger.metadata(&line.text[..line.text.len() - rest.len()]);
                dateline = Some((outlet, author));
                if !rest.is_empty() {
                    body_lines.push(rest);
                }
                continue;
            }
        }
        match clean::caption(&line.text) {
            Some(text) => captions.push((body_lines.len(), text)),
            None => body_lines.push(line.text.clone()),
        }
    }
    let paragraphs = clean::paragraphs(body_lines.iter().map(String::as_str), wrapping);
    drop(body_lines);
    let (paragraphs, repeated_lines, repeated_chars) = clean::drop_repeated(paragraphs);
    ledger.dropped_counts("repeated text", repeated_lines, repeated_chars);
    if paragraphs.is_empty() && fm.title.is_none() {
        return None;
    }
    let (dateline_outlet, dateline_author) = dateline.unwrap_or((None, None));
    let byline_outlet = byline.as_ref().and_then(|b| b.outlet.clone());
    let mut article = Article::new(stem, title, paragraphs.join("\n\n"));
    article.source = fm.source.clone().or(dateline_outlet).or(byline_outlet);
    article.author = fm
        .author
        .clone()
        .or(dateline_author)
        .or(byline.map(|b| b.author))
        .or(reporter);
    article.date = fm.date.clone();
    article.url = fm.url.clone();
    article.section = fm.section.clone();
    article.collection = fm.collection.clone();
    // Captions are placed after the paragraph their line followed (counted in source lines,
    // an approximation once hard-wrapped lines are joined).
    let paragraph_count = paragraphs.len() as u32;
    article.captions = captions
        .into_iter()
        .map(|(after_lines, text)| Caption {
            after_paragraph: (after_lines as u32).min(paragraph_count),
            text,
        })
        .collect();
    let last_line = content.last().map_or(first_line, |l| l.number);
    article.origin = Some(Origin {
        file: file.to_owned(),
        line_start: first_line,
        line_end: last_line,
        format: None,
    });
    Some(article)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_bylines() {
        assert_eq!(
            parse_byline("조아라 한경닷컴 기자 rrang123@hankyung.com"),
            Some(Byline {
                author: "조아라".into(),
                outlet: Some("한경닷컴".into())
            })
        );
        assert_eq!(
            parse_byline("김문기기자 moon@inews24.com"),
            Some(Byline {
                author: "김문기".into(),
                outlet: None
            })
        );
        assert_eq!(
            parse_byline("임성환 KOTRA 항저우무역관장 limsydney@kotra.or.kr"),
            Some(Byline {
                author: "임성환".into(),
                outlet: Some("KOTRA".into())
            })
        );
        assert_eq!(
            parse_byline("문의는 info@kicchina.org 로 보내 주시기 바랍니다 오늘"),
            None
        );
        assert_eq!(parse_byline("메일: info@kicchina.org"), None);
    }

    #[test]
    fn an_address_inside_the_text_does_not_end_the_article() {
        let text = "회사 소식 제목입니다\n\n첫 문단입니다.\n\n문의 info@x.org\n\n마지막 문단도 본문입니다.\n";
        let mut ledger = Ledger::default();
        let a = article(
            "x.txt",
            "x",
            &clean::lines(text, 1),
            &FrontMatter::default(),
            None,
            &mut ledger,
        )
        .unwrap();
        assert!(a.body.contains("마지막 문단도 본문입니다."), "{}", a.body);
        assert_eq!(a.author, None);
    }

    #[test]
    fn reads_datelines() {
        assert_eq!(
            parse_dateline("[아이뉴스24 김문기기자] '소량다품종'"),
            Some((
                Some("아이뉴스24".into()),
                "김문기".into(),
                "'소량다품종'".into()
            ))
        );
        assert_eq!(parse_dateline("[김문기] 4차산업혁명 키워드"), None);
    }

    #[test]
    fn a_saved_page_becomes_one_clean_article() {
        let text = "실시간 뉴스\n\n[김문기] 키워드 '중소·다품종'\n\n[아이뉴스24 김문기기자] '소량다품종'\n\n첫 문단입니다.\n\n둘째 문단입니다.\n\n김문기기자 moon@inews24.com\n\nalert\n\n댓글 쓰기\n\n포토뉴스\n";
        let mut ledger = Ledger::default();
        let a = article(
            "x.txt",
            "x",
            &clean::lines(text, 1),
            &FrontMatter::default(),
            None,
            &mut ledger,
        )
        .unwrap();
        assert_eq!(a.title, "[김문기] 키워드 '중소·다품종'");
        assert_eq!(a.body, "'소량다품종'\n\n첫 문단입니다.\n\n둘째 문단입니다.");
        assert_eq!(
            (a.source.as_deref(), a.author.as_deref()),
            (Some("아이뉴스24"), Some("김문기"))
        );
        assert_eq!(ledger.dropped_lines("web furniture"), 4);
        assert_eq!(a.origin.unwrap().line_start, 3);
    }
}
