//! Line-level cleaning shared by every text layout: what is furniture, what is a caption, how
//! hard-wrapped lines become paragraphs, and the PDF spacing repair (`10 월` → `10월`).

use jikji_engine::korean::PARTICLES;
use unicode_normalization::UnicodeNormalization;

/// One non-blank input line: its 1-based number, the raw text, and the text trimmed with runs
/// of whitespace collapsed to one space.
#[derive(Clone, Debug)]
pub struct Line {
    pub number: u32,
    pub raw: String,
    pub text: String,
}

/// The non-blank lines of `text`, numbered from `first_number`.
pub fn lines(text: &str, first_number: u32) -> Vec<Line> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, raw)| Line {
            number: first_number + i as u32,
            raw: raw.to_owned(),
            text: collapse_spaces(raw),
        })
        .collect()
}

/// Trims and collapses runs of whitespace to one space.
pub fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A comparison key: NFKC, lowercase, only letters and digits (no spaces or punctuation), so
/// that a heading and its table-of-contents entry match despite spacing and quotes.
pub fn key(text: &str) -> String {
    text.nfkc()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// A dot leader has at least this many dots in a row.
const LEADER_DOTS: usize = 4;

/// The entry of a contents row that runs along a dot leader to its page number ("1) 제목
/// ........ 2", "제목 ····· 12", "제목 …… 3"), as a tab stop filled with dots sets it: the
/// text before the leader. `None` for any other line.
pub fn leader_entry(text: &str) -> Option<&str> {
    let t = text.trim_end();
    let before_page = t.trim_end_matches(|c: char| c.is_ascii_digit()).trim_end();
    if before_page.len() == t.len() {
        return None;
    }
    let entry = before_page.trim_end_matches(['.', '·', '…', '‥', ' ']);
    let leader = &before_page[entry.len()..];
    let dots: usize = leader
        .chars()
        .map(|c| {
            if matches!(c, '…' | '‥') {
                2
            } else {
                usize::from(c != ' ')
            }
        })
        .sum();
    (dots >= LEADER_DOTS && !entry.trim().is_empty()).then_some(entry.trim_end())
}

/// Page furniture of saved news web pages: menus, share and comment widgets, widgets' labels.
/// Matched against a whole line (by key), or as the start of a comment-widget line.
const WEB_FURNITURE: &[&str] = &[
    "실시간 뉴스",
    "실시간뉴스",
    "기사 스크랩",
    "스크랩",
    "공유",
    "공유하기",
    "댓글",
    "댓글쓰기",
    "클린뷰",
    "프린트",
    "인쇄",
    "글자크기",
    "글씨크기",
    "포토뉴스",
    "로딩중",
    "alert",
    "좋아요",
    "구독",
    "구독하기",
    "페이스북",
    "트위터",
    "카카오톡",
    "카카오스토리",
    "네이버밴드",
    "url복사",
    "링크복사",
    "이메일",
    "많이 본 뉴스",
    "많이본뉴스",
    "관련기사",
    "관련 뉴스",
    "이전기사",
    "다음기사",
    "목록",
    "top",
    "맨위로",
    "기사 공유",
    "SNS 공유",
    "본문 글씨 키우기",
    "본문 글씨 줄이기",
    "닫기",
];
/// Starts of widget lines, matched on the text as written (not folded: NFKC turns "ⓒ" into
/// "c", which would catch "CATL …").
const WEB_FURNITURE_PREFIXES: &[&str] = &[
    "댓글 쓰기",
    "댓글쓰기",
    "댓글-",
    "댓글 (",
    "첫 번째 댓글을",
    "기사제보",
];

/// Whether a whole line is web-page furniture.
pub fn is_web_furniture(line: &str) -> bool {
    let k = key(line);
    if k.is_empty() {
        return true; // punctuation only: "-", "|", "…"
    }
    // The furniture's keys, made once (not once a line: that was most of a text file's time).
    static KEYS: std::sync::LazyLock<std::collections::HashSet<String>> =
        std::sync::LazyLock::new(|| WEB_FURNITURE.iter().map(|f| key(f)).collect());
    let line = line.trim();
    KEYS.contains(&k)
        || (line.chars().count() <= 80
            && WEB_FURNITURE_PREFIXES.iter().any(|p| line.starts_with(p)))
}

/// Whether a line is only a URL (a link left behind by the export).
pub fn is_bare_url(line: &str) -> bool {
    let t = line.trim().trim_matches(|c| c == '<' || c == '>');
    !t.contains(' ')
        && (t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www."))
}

/// A link label is at most this long (characters): "☞ 원문:", "기사 원문 보기 →".
const MAX_LINK_LABEL_CHARS: usize = 12;

/// Whether a line is a link: a bare URL, or one after a short label ("☞ 원문: https://…",
/// "원문 보기 → https://…").
pub fn is_link_line(line: &str) -> bool {
    let t = line.trim();
    if is_bare_url(t) {
        return true;
    }
    let Some(at) = t.find("http://").or_else(|| t.find("https://")) else {
        return false;
    };
    let label = t[..at].trim_end();
    label.chars().count() <= MAX_LINK_LABEL_CHARS
        && label.ends_with([':', '：', '→', '▶', '>'])
        && is_bare_url(&t[at..])
}

/// A photo, figure or table caption line: numbered or credited ("사진 1) 출처: …", "그림 2) …",
/// "표 1) 출처: …"), or a news photo's caption as Korean outlets mark it ([`photo_caption`]).
pub fn caption(line: &str) -> Option<String> {
    let t = line.trim();
    if photo_caption(t) {
        return Some(t.to_owned());
    }
    let rest = ["사진", "그림", "표", "도표", "자료", "이미지"]
        .iter()
        .find_map(|w| t.strip_prefix(w))?;
    let rest = rest.trim_start();
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let after = rest[digits..].trim_start();
    let numbered = digits > 0 && (after.starts_with(')') || after.starts_with('.'));
    let credited = after
        .trim_start_matches([')', '.', ' '])
        .starts_with("출처");
    (numbered || credited).then(|| t.to_owned())
}

/// A caption line is at most this long (characters); a longer one is a paragraph that happens
/// to start with a mark.
const MAX_CAPTION_CHARS: usize = 200;

/// A news photo's caption by its marks: a line that opens with `▲` or `△`, or with a photo
/// credit (`사진=`, `(사진=…)`, `[사진=…]`, `/사진 제공=`, `사진 제공:`), or a short line that
/// ends with one (`… (사진=연합뉴스)`, `… /사진=홍길동 기자`).
pub fn photo_caption(line: &str) -> bool {
    let t = line.trim();
    if t.chars().count() > MAX_CAPTION_CHARS {
        return false;
    }
    if t.starts_with(['▲', '△']) {
        return true;
    }
    let opening = t.trim_start_matches(['(', '[', '/', '<', ' ']);
    if photo_credit(opening) {
        return true;
    }
    // A credit in the line's last parenthesis or after its last slash, or closing the line
    // after its sentence ("… 기념 촬영을 하고 있다. 사진=연합뉴스").
    let tail_at = t.rfind(['(', '[', '/']).map_or(t.len(), |i| i + 1);
    let credit_at = t.rfind("사진");
    (tail_at < t.len() && photo_credit(t[tail_at..].trim_start()))
        || credit_at.is_some_and(|i| {
            let credit = &t[i..];
            photo_credit(credit) && credit.chars().count() <= MAX_CREDIT_CHARS
        })
}

/// A photo credit closing a caption line ("사진=한국경제 홍길동 기자") is at most this long.
const MAX_CREDIT_CHARS: usize = 30;

/// Whether `text` starts with a photo credit: 사진 (or 사진 제공, 자료사진) then `=` or `:`.
fn photo_credit(text: &str) -> bool {
    ["사진", "자료사진", "사진제공", "사진 제공"]
        .iter()
        .filter_map(|w| text.strip_prefix(w))
        .any(|rest| rest.trim_start().starts_with(['=', ':', '＝']))
}

/// Lines that are copyright or redistribution notices, longer than this, are text (a column
/// about copyright law may open a paragraph with "저작권자").
const MAX_NOTICE_CHARS: usize = 120;

/// A copyright or redistribution notice: `무단전재 및 재배포 금지`, `ⓒ 한국경제`,
/// `Copyright © …`, `<저작권자 © 연합뉴스, 무단 전재-재배포 금지>`.
pub fn is_copyright(line: &str) -> bool {
    let t = line.trim();
    if t.chars().count() > MAX_NOTICE_CHARS {
        return false;
    }
    let squeezed: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let opening = t.trim_start_matches(['<', '[', '(', '*', ' ']);
    ["무단전재", "무단복제", "무단배포", "재배포금지", "전재및재배포", "AllRightsReserved"]
        .iter()
        .any(|w| squeezed.contains(w))
        || ["ⓒ", "©", "Copyright", "COPYRIGHT", "저작권자"]
            .iter()
            .any(|p| opening.starts_with(p))
        || is_distribution_notice(t)
        // "(c)" also marks the third item of a list: a notice only with its year or rights.
        || (t.starts_with("(c)") || t.starts_with("(C)"))
            && (squeezed.contains("rights") || squeezed.contains("Rights") || has_year(t))
}

/// Words that end the rights holder's name in a copyright notice.
const AFTER_HOLDER: &[&str] = &["무단", "All", "all", "ALL", "재배포", "전재"];

/// The rights holder a copyright notice names, the outlet whose text it is: `ⓒ 한국경제`,
/// `<저작권자 ⓒ 매체, 무단전재 및 재배포 금지>`, `Copyright © 2019 남도신문. All rights
/// reserved.`, `(c) 2008 충청매일`. `None` for a notice that names nobody.
pub fn copyright_holder(line: &str) -> Option<String> {
    if !is_copyright(line) {
        return None;
    }
    let t = line.trim();
    let marker = ["ⓒ", "©", "(c)", "(C)", "Copyright", "COPYRIGHT"]
        .iter()
        .filter_map(|m| t.find(m).map(|at| at + m.len()))
        .min()?;
    let rest = t[marker..].trim_start_matches(|c: char| {
        c.is_whitespace() || c.is_ascii_digit() || "ⓒ©-–.,:".contains(c)
    });
    let end = rest
        .find([',', '.', '<', '>', '|', '/', '(', '['])
        .unwrap_or(rest.len());
    let mut words: Vec<&str> = Vec::new();
    for word in rest[..end].split_whitespace() {
        if AFTER_HOLDER.iter().any(|w| word.starts_with(w)) {
            break;
        }
        words.push(word);
    }
    let holder = words.join(" ");
    let plausible = (1..=4).contains(&words.len())
        && holder.chars().count() <= 30
        && holder.chars().any(char::is_alphabetic)
        && holder != "Copyright";
    plausible.then_some(holder)
}

/// What a notice about the document itself opens with ("※ 본 자료는 …").
const DOCUMENT_SUBJECTS: &[&str] = &[
    "본자료",
    "이자료",
    "본문서",
    "이문서",
    "본메일",
    "이메일은",
    "본보고서",
    "이보고서",
    "본리포트",
    "이리포트",
    "본소식지",
    "본뉴스레터",
];

/// A notice restricting a document's use is at most this long (characters, spaces aside).
const MAX_USE_NOTICE_CHARS: usize = 60;

/// Words that restrict what a document may be used for ("내부 참고용으로만", "교육 목적으로만",
/// "목적 외 사용"): a notice about the document, whatever it forbids.
const USE_ONLY: &[&str] = &["용으로만", "목적으로만", "목적외", "용도외"];

/// A notice that the document itself may not be passed on or used but as it says: "※ 본
/// 자료는 내부 참고용으로 외부 배포를 금합니다", "이 문서는 외부 유출을 금지합니다", "본
/// 리포트는 사내 교육용으로만 활용해 주십시오" (a sentence about another's distribution is
/// text).
fn is_distribution_notice(line: &str) -> bool {
    let opening: String = line
        .trim_start_matches(['※', '*', '<', '[', '(', ' '])
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let forbidden = ["배포", "유출", "전재", "복제"]
        .iter()
        .any(|w| opening.contains(w))
        && ["금", "삼가", "불가", "안됩니다", "안 됩니다"]
            .iter()
            .any(|w| opening.contains(w));
    let restricted = USE_ONLY.iter().any(|w| opening.contains(w));
    // A notice is one short sentence; text about a report's purpose goes on.
    let one_sentence = opening.trim_end_matches('.').matches('.').count() == 0
        && opening.chars().count() <= MAX_USE_NOTICE_CHARS;
    DOCUMENT_SUBJECTS.iter().any(|s| opening.starts_with(s))
        && (forbidden || restricted && one_sentence)
        || one_sentence && is_rights_notice(&opening)
}

/// Whom a collection's notice says the rights to its articles rest with.
const RIGHTS_HOLDERS: &[&str] = &[
    "각언론사",
    "해당언론사",
    "각매체",
    "해당매체",
    "원저작자",
    "원저작권자",
];

/// A notice saying whose the rights to the document's text are (`opening` without spaces):
/// "※ 본 리포트에 실린 기사의 저작권은 각 언론사에 있습니다", "기사의 저작권은 해당 매체에
/// 있음", or going on to how the document may be used ("… 각 언론사에 있으며, 내부에서만
/// 봅니다") — about the document, or naming the outlets as a body ("각 언론사"), never one
/// right holder a sentence of an article names.
fn is_rights_notice(opening: &str) -> bool {
    let states = ["저작권은", "저작권이"].iter().any(|w| opening.contains(w))
        && ["있습니다", "있음", "있으며", "있고"]
            .iter()
            .any(|w| opening.contains(w));
    states
        && (DOCUMENT_SUBJECTS.iter().any(|s| opening.starts_with(s))
            || RIGHTS_HOLDERS.iter().any(|h| opening.contains(h)))
}

/// Whether `text` holds a year of this or the last century (a copyright notice's).
fn has_year(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_digit())
        .any(|d| d.len() == 4 && (d.starts_with("19") || d.starts_with("20")))
}

/// Words of a prompt to subscribe, follow or install: what a newsletter, a feed or a page asks
/// of its reader rather than tells.
const PROMPT_WORDS: &[&str] = &[
    "앱다운로드",
    "앱을다운로드",
    "앱설치",
    "구독하기",
    "구독신청",
    "구독하세요",
    "구독해주세요",
    "구독을눌러",
    "구독취소",
    "수신거부",
    "수신을원하지",
    "친구추가",
    "채널추가",
    "Unsubscribe",
    "unsubscribe",
    "Subscribe",
];
/// A prompt is a short line: longer ones are text that mentions subscribing.
const MAX_PROMPT_CHARS: usize = 80;

/// A subscription, follow or app-download prompt ("앱 다운로드", "뉴스레터 구독하기",
/// "수신을 원하지 않으시면 수신거부를 눌러 주세요").
pub fn is_prompt(line: &str) -> bool {
    let t = line.trim();
    if t.chars().count() > MAX_PROMPT_CHARS {
        return false;
    }
    // A statement ("유튜브 채널을 구독하기 시작했다.") reports; a prompt asks.
    let statement = is_statement(t);
    let squeezed: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    !statement && PROMPT_WORDS.iter().any(|w| squeezed.contains(w))
}

/// Whether `text` ends as a sentence that reports (`…했다.`, `…입니다`), not as a label or a
/// request.
fn is_statement(text: &str) -> bool {
    text.trim_end_matches(['.', ' ']).ends_with('다')
}

/// Job titles after a reporter's name in a byline.
const REPORTER_TITLES: &[&str] = &["기자", "특파원", "객원기자", "선임기자", "논설위원"];

/// The name of a reporter's byline line: `홍길동 기자`, `[홍길동 기자]`, `/홍길동 기자`,
/// `(서울=연합뉴스) 홍길동 기자`, `홍길동 기자 gildong@example.com`, `연합뉴스 홍길동 특파원`.
/// The whole line is the byline: a name and a title in a sentence are not.
pub fn reporter(line: &str) -> Option<String> {
    let t = line.trim();
    if t.chars().count() > 60 {
        return None;
    }
    let t = t.trim_start_matches(['/', '[', '(', '<', ' ']);
    // "(서울=연합뉴스) 홍길동 기자": the dateline's place and agency go with it.
    let t = match t.find([')', ']']) {
        Some(end) if t[..end].contains('=') => t[end + 1..].trim_start(),
        _ => t,
    };
    let words: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || matches!(c, ']' | ')' | '>' | '/' | '='))
        .filter(|w| !w.is_empty() && !w.contains('@'))
        .collect();
    let (last, before) = words.split_last()?;
    if before.len() > 2 {
        return None;
    }
    let (name, _) = REPORTER_TITLES.iter().find_map(|title| {
        if let Some(name) = last.strip_suffix(title).filter(|n| !n.is_empty()) {
            Some((name, title))
        } else if *last == *title {
            before.last().map(|n| (*n, title))
        } else {
            None
        }
    })?;
    let hangul_name =
        (2..=4).contains(&name.chars().count()) && name.chars().all(|c| ('가'..='힣').contains(&c));
    hangul_name.then(|| name.to_owned())
}

/// A line that is an e-mail address alone ("gildong@example.com", "<gildong@example.com>"): a
/// reporter's address closing an article, no part of its text.
pub fn is_address(line: &str) -> bool {
    let t = line
        .trim()
        .trim_matches(['<', '>', '(', ')', '[', ']', ' ']);
    let Some((user, domain)) = t.split_once('@') else {
        return false;
    };
    let part = |p: &str, extra: &[char]| {
        !p.is_empty()
            && p.chars()
                .all(|c| c.is_ascii_alphanumeric() || extra.contains(&c))
    };
    part(user, &['.', '_', '-', '+'])
        && part(domain, &['.', '-'])
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
}

/// A wire service's dateline opening a story: the outlet in brackets after the place, the
/// reporter after it, then `=` ("(서울=연합뉴스) 홍길동 기자 = ", "【베이징=뉴시스】홍길동
/// 특파원 =", "(세종=뉴스1) "), with how many bytes of the text it takes.
#[derive(Debug, PartialEq, Eq)]
pub struct WireDateline {
    pub outlet: String,
    pub author: Option<String>,
    pub len: usize,
}

/// The reporter's part of a wire dateline is at most this long (characters), `=` included.
const MAX_WIRE_REPORTER_CHARS: usize = 24;

/// The wire dateline `text` opens with, if any ([`WireDateline`]).
pub fn wire_dateline(text: &str) -> Option<WireDateline> {
    let (open, close) = [('(', ')'), ('【', '】'), ('[', ']'), ('（', '）')]
        .into_iter()
        .find(|(o, _)| text.starts_with(*o))?;
    let inner_end = text.find(close)?;
    let inner = &text[open.len_utf8()..inner_end];
    let (place, outlet) = inner.split_once(['=', '＝'])?;
    let (place, outlet) = (place.trim(), outlet.trim());
    let short_name = |t: &str| {
        (1..=20).contains(&t.chars().count())
            && t.chars().any(char::is_alphabetic)
            && !t.contains('=')
    };
    if !short_name(place) || !short_name(outlet) || place.split_whitespace().count() > 2 {
        return None;
    }
    let after = inner_end + close.len_utf8();
    let rest = &text[after..];
    // "홍길동 기자 = ": the reporter, up to the equals sign.
    let reporter = rest.find(['=', '＝']).and_then(|eq| {
        let part = &rest[..eq];
        let name = (part.chars().count() < MAX_WIRE_REPORTER_CHARS)
            .then(|| reporter(part))
            .flatten()?;
        let sign = rest[eq..].chars().next().map_or(1, char::len_utf8);
        Some((name, eq + sign))
    });
    let (author, taken) = match reporter {
        Some((name, len)) => (Some(name), len),
        None => (None, 0),
    };
    let len = after + taken;
    let len = len + (text[len..].len() - text[len..].trim_start().len());
    Some(WireDateline {
        outlet: outlet.to_owned(),
        author,
        len,
    })
}

/// What a line is when it is not body text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Role {
    /// A photo caption: kept with the article, apart from its body.
    Caption,
    /// A reporter's byline, with the name: metadata.
    Byline(String),
    /// Text that is no part of the article, by kind ("copyright notice", "subscription prompt").
    Dropped(&'static str),
}

/// The role of a line by its kind, or `None` for body text. One place for every reader (text,
/// saved pages, e-mail, feeds), so a caption or a notice is recognised whatever file it is in.
pub fn role(line: &str) -> Option<Role> {
    if is_copyright(line) {
        Some(Role::Dropped("copyright notice"))
    } else if is_prompt(line) {
        Some(Role::Dropped("subscription prompt"))
    } else if let Some(name) = reporter(line) {
        Some(Role::Byline(name))
    } else if caption(line).is_some() {
        Some(Role::Caption)
    } else if is_address(line) {
        Some(Role::Dropped("reporter's e-mail address"))
    } else if is_imprint(line) {
        Some(Role::Dropped("publisher's imprint"))
    } else if is_template_tag(line) {
        Some(Role::Dropped("template tag"))
    } else if is_attachment_note(line) {
        Some(Role::Dropped("attachment note"))
    } else if is_mail_notice(line) {
        Some(Role::Dropped("mail notice"))
    } else if is_tag_line(line) {
        Some(Role::Dropped("tag line"))
    } else if is_provenance_note(line) {
        Some(Role::Dropped("provenance note"))
    } else if is_sign_off(line)
        || is_dashed_signature(line)
        || is_closing_line(line)
        || is_sender_signature(line)
    {
        Some(Role::Dropped("sign-off"))
    } else if is_note_markup(line) {
        Some(Role::Dropped("note markup"))
    } else if is_contact_line(line) {
        Some(Role::Dropped("contact line"))
    } else {
        None
    }
}

/// A site generator's tag left unrendered in a post's text, wholly the line: a Hugo shortcode
/// (`{{< subscribe >}}`, `{{% notice %}}`) or a Jekyll (Liquid) tag (`{% include ad.html %}`).
fn is_template_tag(line: &str) -> bool {
    let t = line.trim();
    let wrapped = |open: &str, close: &str| {
        t.strip_prefix(open)
            .and_then(|r| r.strip_suffix(close))
            .is_some_and(|inner| !inner.contains(['{', '}']))
    };
    wrapped("{{", "}}") || wrapped("{%", "%}")
}

/// An official document's note of what is attached, closing it ("붙임  1. 기사 원문 1부.
/// 끝.", "붙임: 보도자료 2부"): the word 붙임 set apart, then a list of copies, no sentence.
fn is_attachment_note(line: &str) -> bool {
    let t = line.trim();
    let Some(rest) = t.strip_prefix("붙임") else {
        return false;
    };
    let set_apart = rest.starts_with(|c: char| c.is_whitespace() || c == ':' || c == '：');
    let ends_list = t.ends_with("끝.") || t.trim_end_matches('.').ends_with('부');
    set_apart && ends_list && t.chars().count() <= MAX_PROMPT_CHARS
}

/// A mailing's notice about the mail itself ("본 메일은 발신 전용입니다.", "이 메일은 회신되지
/// 않습니다"): the mail named first, then that it is send-only or takes no reply.
fn is_mail_notice(line: &str) -> bool {
    let squeezed: String = line
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let about_the_mail = ["본메일은", "본이메일은", "이메일은"]
        .iter()
        .any(|w| squeezed.starts_with(w));
    let send_only = ["발신전용", "회신"].iter().any(|w| squeezed.contains(w));
    about_the_mail && send_only && line.chars().count() <= MAX_PROMPT_CHARS
}

/// A note about the article itself, saying how it came to be carried ("이 기사는 제휴 클리핑
/// 서비스를 통해 제공됩니다", "본 기사는 지역신문발전기금을 지원받아 작성됐습니다"): the article
/// named first, then that it was provided, carried or funded, in one short sentence.
fn is_provenance_note(line: &str) -> bool {
    let squeezed: String = line
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let about_the_article = ["이기사는", "본기사는", "위기사는"]
        .iter()
        .any(|w| squeezed.starts_with(w));
    let carried = ["제공", "게재", "전재", "지원받"]
        .iter()
        .any(|w| squeezed.contains(w));
    let one_sentence = squeezed
        .trim_end_matches('.')
        .matches(['.', '?', '!'])
        .count()
        == 0;
    about_the_article && carried && one_sentence && line.chars().count() <= MAX_PROMPT_CHARS
}

/// A notes app's markup that a reader of the note never sees as text: a comment wholly the
/// line (`%% … %%`, Obsidian's), or a line of links to other notes and nothing else but a
/// label and separators ("관련: [[지난 호]] · [[목록]]").
fn is_note_markup(line: &str) -> bool {
    let t = line.trim();
    let comment = t.len() > 4 && t.starts_with("%%") && t.ends_with("%%");
    let rest = match t.split_once([':', '：']) {
        Some((label, rest)) if label.split_whitespace().count() == 1 => rest,
        _ => t,
    };
    let mut links = 0;
    let mut outside = rest;
    while let Some(open) = outside.find("[[") {
        let Some(close) = outside[open..].find("]]") else {
            return comment;
        };
        if !outside[..open]
            .chars()
            .all(|c| c.is_whitespace() || "·,|/-".contains(c))
        {
            return comment;
        }
        links += 1;
        outside = &outside[open + close + 2..];
    }
    let only_links = links > 0
        && outside
            .chars()
            .all(|c| c.is_whitespace() || "·,|/-".contains(c));
    comment || only_links
}

/// A sender's name set between dashes on a line of its own, as an office signs a mail or a
/// notice ("- 홍보담당관실 -", "— 편집팀 —"): a short name, no figures (a credit's date, a
/// page number), no sentence.
fn is_dashed_signature(line: &str) -> bool {
    let t = line.trim();
    let inner = ["-", "—", "–"].iter().find_map(|d| {
        t.strip_prefix(d)?
            .strip_suffix(d)
            .filter(|i| i.starts_with(' ') && i.ends_with(' '))
    });
    inner.is_some_and(|i| {
        let i = i.trim();
        !i.is_empty()
            && i.chars().count() <= 20
            && i.split_whitespace().count() <= 3
            && i.chars().any(char::is_alphabetic)
            && !i.chars().any(|c| c.is_ascii_digit() || ".?!,".contains(c))
    })
}

/// A sender's signature on a line of its own, "From" and a name ("From 아시아경제 편집국", as
/// mailings sign in English): at most four words, no figures, no sentence's marks (a mail
/// header's "From:" has its colon). A name then 드림 ("편집팀 드림") is left alone: "드림" is
/// also "dream" ("코리안 드림").
fn is_sender_signature(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    words.first() == Some(&"From")
        && (2..=4).contains(&words.len())
        && !line
            .chars()
            .any(|c| c.is_ascii_digit() || ".?!,:@".contains(c))
}

/// What a newsletter says as it ends its issue ("오늘 소식은 여기까지입니다").
const ISSUE_ENDS: &[&str] = &["여기까지입니다", "여기까지예요", "여기까지였습니다"];

/// A newsletter's closing line: the issue's end said in its first sentence ("오늘의 소식은
/// 여기까지입니다. 의견은 답장으로 보내 주세요."), short, at most two sentences. Thanks alone
/// ("감사합니다.") is no such line: a speech's or a letter's text ends with it too.
fn is_closing_line(line: &str) -> bool {
    let t = line.trim();
    let sentences: Vec<&str> = t
        .split_terminator(['.', '!', '?'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let ends_issue = sentences
        .first()
        .is_some_and(|s| ISSUE_ENDS.iter().any(|w| s.ends_with(w)));
    ends_issue && sentences.len() <= 2 && t.chars().count() <= MAX_PROMPT_CHARS
}

/// Labels of a line giving whom to ask and how to reach them.
const CONTACT_LABELS: &[&str] = &[
    "문의",
    "문의처",
    "연락처",
    "담당",
    "담당자",
    "전화",
    "tel",
    "contact",
];

/// A line giving whom to ask and a telephone number, no sentence ("문의: 정책분석팀
/// (044-000-1234)", "연락처 02-123-4567"): a contact label first, then a number of three
/// groups of digits set apart by hyphens.
fn is_contact_line(line: &str) -> bool {
    let t = line.trim();
    let label = t
        .split(|c: char| c.is_whitespace() || c == ':' || c == '：')
        .next()
        .unwrap_or_default()
        .to_lowercase();
    let statement = is_statement(t);
    CONTACT_LABELS.contains(&label.as_str())
        && has_phone_number(t)
        && !statement
        && t.chars().count() <= MAX_PROMPT_CHARS
}

/// Whether `text` holds a telephone number written in three groups of digits set apart by
/// hyphens (`02-123-4567`, `044-000-1234`, `010-1234-5678`).
fn has_phone_number(text: &str) -> bool {
    text.split(|c: char| !(c.is_ascii_digit() || c == '-'))
        .any(|w| {
            let groups: Vec<&str> = w.split('-').collect();
            groups.len() == 3
                && groups.iter().all(|g| (2..=4).contains(&g.len()))
                && groups[2].len() == 4
        })
}

/// A newsletter's sign-off, promising the reader the next issue ("다음 주에도 좋은 기사로
/// 찾아오겠습니다", "다음 호에서 뵙겠습니다", "다음 주에 만나요!"): one short sentence naming the
/// next issue and ending in the promise.
fn is_sign_off(line: &str) -> bool {
    let t = line
        .trim()
        .trim_end_matches(['.', '!', '~', ' ', '😊', '🙂']);
    let next_issue = [
        "다음 주",
        "다음주",
        "다음 호",
        "다음호",
        "다음 달",
        "다음 시간",
        "다음에",
    ]
    .iter()
    .any(|w| t.starts_with(w));
    let promise = [
        "찾아오겠습니다",
        "뵙겠습니다",
        "찾아뵙겠습니다",
        "돌아오겠습니다",
        "만나요",
    ]
    .iter()
    .any(|w| t.ends_with(w));
    let one_sentence = !t.contains(['.', '?', '!']);
    next_issue && promise && one_sentence && t.chars().count() <= MAX_PROMPT_CHARS
}

/// A post's tags as a blog shows them under it: two hashtags or more and nothing else but a
/// label before them ("태그 #경제 #스크랩", "Tags: #AI #칩").
fn is_tag_line(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let labelled = words.first().is_some_and(|w| {
        let w = w.trim_end_matches([':', '：']).to_lowercase();
        ["태그", "tag", "tags"].contains(&w.as_str())
    });
    let tags = &words[usize::from(labelled)..];
    let hashtag = |w: &&str| {
        w.strip_prefix(['#', '＃'])
            .is_some_and(|t| t.chars().next().is_some_and(char::is_alphabetic))
    };
    tags.len() >= 2 && tags.iter().all(hashtag)
}

/// A cell of a publisher's imprint is at most this long (characters).
const MAX_IMPRINT_CELL_CHARS: usize = 30;

/// A publisher's imprint, as a newsletter's footer gives it: three cells or more set apart by
/// `|`, one of them an e-mail address, none a sentence ("뉴스 한입 | 서울시 중구 세종대로 00 |
/// hello@news.example"). A byline with its address has two.
fn is_imprint(line: &str) -> bool {
    let cells: Vec<&str> = line.split('|').map(str::trim).collect();
    cells.len() >= 3
        && cells.iter().any(|c| is_address(c))
        && cells.iter().all(|c| {
            !c.is_empty()
                && c.chars().count() <= MAX_IMPRINT_CELL_CHARS
                && !c.trim_end_matches('.').ends_with('다')
        })
}

/// A running label ("경제", "국제 | 중국") is at most this long (characters).
const MAX_LABEL_CHARS: usize = 16;

/// The keys of short lines that occur more than once in `lines` and are not sentences: a
/// section label a page or a newsletter repeats (in its header, above each article, on every
/// page). Their repeats are furniture, not text.
pub fn running_labels<'a>(
    lines: impl IntoIterator<Item = &'a str>,
) -> std::collections::HashSet<String> {
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for line in lines {
        let t = line.trim();
        let sentence = t.ends_with(['.', '?', '!', '다', '요']);
        if t.chars().count() <= MAX_LABEL_CHARS && !sentence && !key(t).is_empty() {
            *counts.entry(key(t)).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(k, _)| k)
        .collect()
}

/// Display width of a line: wide (Hangul, Han, full-width) characters count two.
pub fn width(text: &str) -> usize {
    text.chars()
        .map(|c| match c {
            '\u{1100}'..='\u{115F}'
            | '\u{2E80}'..='\u{A4CF}'
            | '\u{AC00}'..='\u{D7A3}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{FE30}'..='\u{FE4F}'
            | '\u{FF00}'..='\u{FF60}'
            | '\u{FFE0}'..='\u{FFE6}'
            | '\u{20000}'..='\u{3FFFD}' => 2,
            _ => 1,
        })
        .sum()
}

/// How a file's lines are laid out: hard-wrapped at a fixed width (PDF exports), or one line
/// per paragraph (web pages, clean exports).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wrapping {
    /// Lines were cut at about this display width; a shorter line ends a paragraph.
    Hard {
        width: usize,
    },
    OnePerLine,
}

/// Share of lines near the typical full width above which a file is hard-wrapped. PDF exports
/// measure ~0.7, web pages and clean exports ≤ 0.2.
const WRAPPED_SHARE: f64 = 0.4;

pub fn detect_wrapping(lines: &[Line]) -> Wrapping {
    let mut widths: Vec<usize> = lines.iter().map(|l| width(&l.text)).collect();
    if widths.len() < 10 {
        return Wrapping::OnePerLine;
    }
    widths.sort_unstable();
    let p90 = widths[widths.len() * 9 / 10];
    let near = widths
        .iter()
        .filter(|&&w| w * 10 >= p90 * 8 && w * 10 <= p90 * 11)
        .count();
    if (near as f64) >= WRAPPED_SHARE * widths.len() as f64 {
        Wrapping::Hard { width: p90 }
    } else {
        Wrapping::OnePerLine
    }
}

/// A line that continues into the next one in a hard-wrapped file: nearly full width.
fn continues(line: &str, wrapping: Wrapping) -> bool {
    match wrapping {
        // 0.85: a full line loses up to one long word to the wrap.
        Wrapping::Hard { width: w } => width(line) * 100 >= w * 85,
        Wrapping::OnePerLine => false,
    }
}

/// Joins lines into paragraphs according to the file's wrapping, repairing PDF spacing.
pub fn paragraphs<'a>(lines: impl IntoIterator<Item = &'a str>, wrapping: Wrapping) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut open = false;
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(last) if open => {
                last.push(' ');
                last.push_str(line);
            }
            _ => out.push(line.to_owned()),
        }
        open = continues(line, wrapping);
    }
    // Each paragraph is let go as soon as it is repaired: a large file is not held twice.
    out.into_iter().map(|p| fix_pdf_spacing(&p)).collect()
}

/// Words that attach to the number or Latin word before them: particles
/// (`jikji_engine::korean::PARTICLES` and these) and counting units (`UNITS`). PDF extraction
/// puts a space before them ("10 월", "SEMI 는"); Korean writes them joined.
const MORE_PARTICLES: &[&str] = &[
    "으로써",
    "로써",
    "께",
    "한테",
    "마다",
    "씩",
    "쯤",
    "여",
    "이상",
    "이하",
    "대비",
];
const UNITS: &[&str] = &[
    "년", "월", "일", "시", "분", "초", "개", "명", "억", "만", "천", "백", "원", "위안", "달러",
    "엔", "건", "대", "곳", "배", "차", "호", "세", "회", "주", "점", "편", "권", "위", "개월",
    "년간", "일간", "시간", "주년", "년판", "개국", "개사", "종", "층", "조", "톤", "가지", "번째",
    "분기", "인치",
];

/// Whether `word` is a particle, a unit, or a unit followed by particles ("일부터", "년에는").
fn attaches(word: &str) -> bool {
    fn particles_only(rest: &str) -> bool {
        rest.is_empty()
            || PARTICLES
                .iter()
                .chain(MORE_PARTICLES)
                .any(|p| rest.strip_prefix(p).is_some_and(particles_only))
    }
    particles_only(word)
        || UNITS
            .iter()
            .any(|u| word.strip_prefix(u).is_some_and(particles_only))
}

/// Removes the space PDF extraction puts between a number or Latin word and the Hangul unit or
/// particle that follows it (`10 월` → `10월`, `SEMI 는` → `SEMI는`), and only there.
pub fn fix_pdf_spacing(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let mut out = String::with_capacity(text.len());
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            let previous = words[i - 1];
            let joins = previous
                .chars()
                .last()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '%')
                && hangul_word(word).is_some_and(attaches);
            if !joins {
                out.push(' ');
            }
        }
        out.push_str(word);
    }
    out
}

/// The leading Hangul of `word` when the rest is punctuation ("월,", "는.") — else `None`.
fn hangul_word(word: &str) -> Option<&str> {
    let end = word
        .find(|c: char| !('\u{AC00}'..='\u{D7A3}').contains(&c))
        .unwrap_or(word.len());
    let (hangul, rest) = word.split_at(end);
    (!hangul.is_empty() && rest.chars().all(|c| !c.is_alphanumeric())).then_some(hangul)
}

/// Short paragraphs ("감사합니다.") legitimately repeat; only longer ones are duplicates.
const MIN_REPEATED_CHARS: usize = 20;

/// Removes paragraphs that repeat an earlier one (pages saved with the body twice), and pull
/// quotes ([`is_pull_quote`]). Returns the kept paragraphs, and the paragraphs and characters
/// (without whitespace) removed.
pub fn drop_repeated(paragraphs: Vec<String>) -> (Vec<String>, usize, usize) {
    let mut seen = std::collections::HashSet::new();
    let pull_quotes = pull_quotes(&paragraphs);
    let (mut kept, mut lines, mut chars) = (Vec::new(), 0, 0);
    for (n, p) in paragraphs.into_iter().enumerate() {
        let repeated = p.chars().count() >= MIN_REPEATED_CHARS && !seen.insert(key(&p));
        if repeated || pull_quotes.contains(&n) {
            lines += 1;
            chars += crate::ink(&p);
        } else {
            kept.push(p);
        }
    }
    (kept, lines, chars)
}

/// Quotation marks a pull quote is set between.
const QUOTES: &[char] = &['“', '”', '"', '「', '」', '『', '』', '‘', '’', '\''];

/// At most this many quoted paragraphs of one article are compared with the others (the
/// comparison reads the whole article for each).
const MAX_PULL_QUOTE_CHECKS: usize = 64;

/// The indices of the pull quotes among an article's paragraphs: a paragraph set whole
/// between quotation marks whose words (of [`MIN_REPEATED_CHARS`] or more) another paragraph
/// of the article holds, as a magazine repeats a sentence large beside its text.
fn pull_quotes(paragraphs: &[String]) -> Vec<usize> {
    let keys: Vec<String> = paragraphs.iter().map(|p| key(p)).collect();
    let quoted = paragraphs.iter().enumerate().filter(|(_, p)| {
        let p = p.trim();
        p.starts_with(QUOTES) && p.ends_with(QUOTES)
    });
    quoted
        .take(MAX_PULL_QUOTE_CHECKS)
        .map(|(n, _)| n)
        .filter(|&n| {
            let quote = &keys[n];
            quote.chars().count() >= MIN_REPEATED_CHARS
                && keys.iter().enumerate().any(|(m, other)| {
                    m != n && other.len() > quote.len() && other.contains(quote.as_str())
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs_pdf_spacing_only_before_particles_and_units() {
        assert_eq!(
            fix_pdf_spacing("2020 년 8 월 17 일 발표한"),
            "2020년 8월 17일 발표한"
        );
        assert_eq!(
            fix_pdf_spacing("SEMI 는 미국 상무부에"),
            "SEMI는 미국 상무부에"
        );
        assert_eq!(
            fix_pdf_spacing("10 월 9 일부터 진입불가"),
            "10월 9일부터 진입불가"
        );
        assert_eq!(fix_pdf_spacing("5G 와 무관한 상품"), "5G와 무관한 상품");
        assert_eq!(
            fix_pdf_spacing("CEO 인 John Neuffer 는 지난 주"),
            "CEO인 John Neuffer는 지난 주"
        );
        // Real words after numbers and Latin words keep their space.
        assert_eq!(
            fix_pdf_spacing("5G 시대 1700 만 달러"),
            "5G 시대 1700만 달러"
        );
        assert_eq!(
            fix_pdf_spacing("화웨이 는"),
            "화웨이 는",
            "Hangul before: not a PDF artifact"
        );
        assert_eq!(
            fix_pdf_spacing("1V1 도움을 제정했다"),
            "1V1 도움을 제정했다"
        );
        assert_eq!(
            fix_pdf_spacing("120 일 후로, 38 개 자회사"),
            "120일 후로, 38개 자회사"
        );
    }

    #[test]
    fn recognises_furniture_and_captions() {
        for line in [
            "실시간 뉴스",
            "-",
            "기사 스크랩",
            "클린뷰",
            "댓글 쓰기 제목 [김문기] 기사",
            "포토뉴스",
            "alert",
        ] {
            assert!(is_web_furniture(line), "{line}");
        }
        for line in [
            "4차산업혁명을 논할 때 꼭 빠지지 않고 등장하는 단어다.",
            "공유경제가 커진다",
            "CATL, 배터리 공장 증설",
            "댓글 조작 의혹이 커졌다",
        ] {
            assert!(!is_web_furniture(line), "{line}");
        }
        assert!(caption("   사진 1) 출처: ZOL 중관춘짜이씨엔(ZOL 中关村在线) ").is_some());
        assert!(caption("그림 1) 출처: CB Insights. 게임산업을 바꾸려는 96 개 스타트업").is_some());
        assert!(caption("표 3) 출처: Wind").is_some());
        assert!(caption("사진을 찍는 사람들이 늘었다").is_none());
        assert!(
            is_link_line("☞ 원문: https://edu.example/news/1")
                && !is_link_line("자세한 내용은 다음 주소에서: https://x.y")
                && is_bare_url("https://feng.ifeng.com/author/4939")
                && !is_bare_url("see https://x.y now")
        );
    }

    #[test]
    fn reads_wire_datelines_and_addresses_alone() {
        let wire = |t: &str| wire_dateline(t).map(|w| (w.outlet, w.author, t[w.len..].to_owned()));
        let some = |o: &str, a: Option<&str>, rest: &str| {
            Some((o.to_owned(), a.map(str::to_owned), rest.to_owned()))
        };
        assert_eq!(
            wire("(광주=뉴시스) 이영호 기자 = 광주시가 밝혔다."),
            some("뉴시스", Some("이영호"), "광주시가 밝혔다.")
        );
        assert_eq!(
            wire("【워싱턴=뉴스1】김소라 특파원= 미국 정부는"),
            some("뉴스1", Some("김소라"), "미국 정부는")
        );
        assert_eq!(
            wire("(제주=연합뉴스) 제주도가 밝혔다."),
            some("연합뉴스", None, "제주도가 밝혔다.")
        );
        // Brackets that hold no place and outlet, and a sentence's equation, are no dateline.
        assert_eq!(wire("(사진) 현장 모습"), None);
        assert_eq!(wire("(x=1) 일 때 y는 2가 된다."), None);
        assert_eq!(wire("서울=연합뉴스 본문"), None);
        assert!(is_address("hong.gd@news-agency.co.kr"));
        assert!(is_address("<reporter@example.com>"));
        assert_eq!(
            role("hong@example.com"),
            Some(Role::Dropped("reporter's e-mail address"))
        );
        assert!(!is_address("문의: hong@example.com"));
        assert!(!is_address("hong@localhost"));
    }

    #[test]
    fn a_copyright_notice_names_its_holder() {
        for (line, holder) in [
            ("ⓒ 경북매일", Some("경북매일")),
            (
                "<저작권자 © 대구신문, 무단 전재-재배포 금지>",
                Some("대구신문"),
            ),
            ("저작권자 ⓒ 뉴스핌 무단전재 및 재배포금지", Some("뉴스핌")),
            (
                "Copyright © 2020 The Daily Post. All rights reserved.",
                Some("The Daily Post"),
            ),
            ("(c) 2011 남해신문", Some("남해신문")),
            ("무단전재 및 재배포 금지", None),
            ("Copyright ⓒ All rights reserved.", None),
        ] {
            assert_eq!(copyright_holder(line).as_deref(), holder, "{line}");
        }
        // A line that is no notice names no holder.
        assert_eq!(copyright_holder("ⓒ 표시는 저작권을 뜻하며 오늘 여러 나라가 이 표시를 쓴다고 알려졌는데, 이는 문장이다. 그 뒤로 이어지는 설명이 매우 길게 이어져서 알림으로 볼 수 없을 만큼 길어지면 본문이다. 그렇다."), None);
    }

    #[test]
    fn tells_lines_by_their_kind() {
        for line in [
            "▲ 청년 창업 공간으로 바뀐 옛 오곡초등학교 교실. 전라남도 제공",
            "사진=산업통상자원부 제공",
            "/사진 제공=과학기술정보통신부",
            "(사진=서지우 기자)",
            "지난 18일 열린 입주 설명회 모습. (사진=전라남도)",
            "한 시민이 휴대전화로 앱을 살펴보고 있다. /사진=새벽경제 DB",
        ] {
            assert_eq!(role(line), Some(Role::Caption), "{line}");
        }
        for (line, name) in [
            ("홍길동 기자 gildong@example.com", "홍길동"),
            ("[홍길동 기자]", "홍길동"),
            ("/홍길동 기자", "홍길동"),
            ("홍길동기자", "홍길동"),
            ("(서울=연합뉴스) 홍길동 특파원", "홍길동"),
            ("그린데일리 한서윤 기자 seoyun@greendaily.example", "한서윤"),
        ] {
            assert_eq!(role(line), Some(Role::Byline(name.into())), "{line}");
        }
        for line in [
            "무단전재 및 재배포 금지",
            "* 이 문서는 외부 유출을 금지합니다.",
            "본 보고서는 대외 배포가 불가합니다",
            "※ 이 보고서는 회원사 참고 목적으로만 쓰일 수 있습니다.",
            "<저작권자 © 연합뉴스, 무단 전재-재배포 금지>",
            "ⓒ 한국경제",
            "Copyright © 2019 남도신문. All rights reserved.",
            "(c) 2008 충청매일",
            "이 소식지에 옮긴 기사의 저작권은 해당 매체에 있음",
            "* 수록 기사의 저작권은 원저작자에게 있습니다.",
            "※ 실린 글의 저작권은 각 매체에 있으며 사내 교육에만 씁니다.",
            "기사 저작권은 해당 언론사에 있고, 외부 공유를 삼가 주십시오.",
        ] {
            assert_eq!(
                role(line),
                Some(Role::Dropped("copyright notice")),
                "{line}"
            );
        }
        for line in [
            "남도 소식 | 전남 목포시 영산로 12 | news@namdo.example",
            "발행 한빛출판 | 대표 김하나 | 서울 종로구 | help@hanbit.example | 02-000-0000",
        ] {
            assert_eq!(
                role(line),
                Some(Role::Dropped("publisher's imprint")),
                "{line}"
            );
        }
        for line in [
            "붙임  1. 회의 자료 1부.  끝.",
            "붙임: 보도자료 2부",
            "붙임 1. 명단 1부 2. 일정 1부.  끝.",
        ] {
            assert_eq!(role(line), Some(Role::Dropped("attachment note")), "{line}");
        }
        for line in [
            "※ 본 메일은 발신 전용입니다.",
            "이 메일은 발신전용이므로 회신되지 않습니다. 문의는 홈페이지를 이용해 주세요.",
        ] {
            assert_eq!(role(line), Some(Role::Dropped("mail notice")), "{line}");
        }
        for line in ["태그 #경제 #스크랩", "Tags: #AI #반도체 #칩", "#여행 #제주"] {
            assert_eq!(role(line), Some(Role::Dropped("tag line")), "{line}");
        }
        for line in [
            "%% 나중에 고칠 것 %%",
            "[[회의록]]",
            "참고: [[2021-03 회의]], [[예산안]]",
        ] {
            assert_eq!(role(line), Some(Role::Dropped("note markup")), "{line}");
        }
        for line in [
            "- 국제협력과 -",
            "— 편집팀 드림 —",
            "From 한빛일보 편집국",
            "이번 주 소식은 여기까지입니다.",
            "오늘 브리핑은 여기까지입니다. 궁금한 점은 답장으로 알려 주세요.",
            "다음 호에서 더 알찬 소식으로 뵙겠습니다.",
            "다음 주에 또 만나요!",
            "다음에도 새 소식 들고 돌아오겠습니다 😊",
        ] {
            assert_eq!(role(line), Some(Role::Dropped("sign-off")), "{line}");
        }
        for line in [
            "문의: 기획조정실 정책분석팀 (044-000-1234)",
            "연락처 02-123-4567",
            "Tel: 031-987-6543",
        ] {
            assert_eq!(role(line), Some(Role::Dropped("contact line")), "{line}");
        }
        for line in [
            "본 기사는 한국언론진흥재단 뉴스 제휴를 통해 제공받아 게재합니다.",
            "※ 이 기사는 지역신문발전기금을 지원받아 작성됐습니다.",
            "위 기사는 해당 언론사의 허락을 받아 전재함",
        ] {
            assert_eq!(role(line), Some(Role::Dropped("provenance note")), "{line}");
        }
        for line in [
            "{{< subscribe >}}",
            "{{% notice info %}}",
            "{% include ad.html %}",
        ] {
            assert_eq!(role(line), Some(Role::Dropped("template tag")), "{line}");
        }
        for line in [
            "한빛일보 앱 다운로드",
            "이 글이 도움이 되셨다면 구독해 주세요.",
            "뉴스레터 구독하기",
            "수신을 원하지 않으시면 수신거부를 눌러 주세요.",
        ] {
            assert_eq!(
                role(line),
                Some(Role::Dropped("subscription prompt")),
                "{line}"
            );
        }
        // Text that only mentions these things is text.
        for line in [
            "사진을 찍는 사람들이 늘었다.",
            "기자는 둬둬마이차이 미니프로그램에서 단지 우한과 난창에만 오픈했음을 보았다.",
            "CATL, 배터리 공장 증설",
            "구독 경제가 커지면서 정기 배송 서비스를 내놓는 기업이 늘고 있다고 업계는 분석했다.",
            "유튜브 채널을 구독하기 시작했다.",
            "(c) 세 번째 조건은 기한 안에 서류를 내는 것이다.",
            "법원은 이 자료의 공개를 허가했다.",
            "본 자료에 따르면 수출이 늘었다.",
            "이 보고서는 연구 목적으로만 자료를 모았다는 점에서 한계가 있다고 연구진은 밝혔다. 다만 후속 연구에서는 이 점을 보완하겠다고 덧붙였으며 표본도 늘리겠다고 했다.",
            "▶ 국제반도체협회: 미국 화웨이에 대한 칩 금지령시행 120 일 후로 연장 신청",
            "법원은 이 사진의 저작권은 작가에게 있다고 판단했다.",
            "그 사진의 저작권은 촬영한 기자에게 있습니다.",
            "그 노래의 저작권은 작곡가에게 있으며 음반사는 권리가 없다고 법원은 밝혔다.",
            "매체 | 2021.03.04 | 경제",
            "{{ 중괄호 }} 안의 말이 문장 가운데 있다.",
            "이메일은 발신 전용 주소에서 온 것처럼 꾸며져 있었다고 경찰은 설명했다. 피해자들은 회신을 보냈고 그 뒤 돈을 잃었다고 한다. 경찰은 이런 메일에 답하지 말라고 당부했다.",
            "#1 제목입니다",
            "#미투 운동이 번졌다",
            "붙임성이 좋은 그는 금세 친구를 사귀었다.",
            "붙임 자료를 보면 지난해 수출이 늘었다.",
            "구독해 주셔서 감사하다고 그는 말했다.",
            "감사합니다.",
            "From: 한빛일보 <news@hanbit.example>",
            "From 2021, the rules changed",
            "코리안 드림",
            "이 기사는 조회수가 많았다. 시청은 자료를 제공했다.",
            "이 기사를 제공한 통신사는 오보를 인정했다.",
            "관련 문서는 [[회의록]] 에 정리해 두었다고 팀장은 말했다.",
            "%% 기호는 주석을 뜻한다",
            "다음 주에 협상단이 다시 만나 합의문을 다듬을 예정이라고 정부는 밝혔다.",
            "- 한국경제, 2011.2.17 -",
            "- 3 -",
            "그는 \"협상은 여기까지입니다\"라고 말한 뒤 자리를 떴다.",
            "시민들은 구조대에 감사합니다라는 글을 남겼다.",
            "1차 협상은 여기까지입니다. 2차 협상은 다음 달 열린다. 양측은 모두 만족했다.",
            "문의가 잇따르자 시는 상담 전화 02-120-1234를 새로 열었다.",
            "담당 부서는 2021-03-05에 결과를 발표한다.",
            "다음 달 총리는 국민 앞에서 다시 뵙겠습니다라는 인사를 남겼다.",
            "문의는 help@hanbit.example 로 보내면 된다 | 접수 | 마감",
        ] {
            assert_eq!(role(line), None, "{line}");
        }
    }

    #[test]
    fn contents_rows_along_dot_leaders_give_their_entries() {
        assert_eq!(
            leader_entry("1) 항만 물동량 늘어 ........ 12"),
            Some("1) 항만 물동량 늘어")
        );
        assert_eq!(
            leader_entry("철도 노선 개통·······3"),
            Some("철도 노선 개통")
        );
        assert_eq!(leader_entry("여는 글 …… 2"), Some("여는 글"));
        // A sentence ending with a number, or an ellipsis before a figure, is no row.
        assert_eq!(leader_entry("수출은 전년보다 늘어 3"), None);
        assert_eq!(leader_entry("그래서... 2"), None);
        assert_eq!(leader_entry("........ 2"), None);
    }

    #[test]
    fn finds_running_labels_by_repetition() {
        let lines = [
            "경제",
            "첫 문단입니다.",
            "경제",
            "감사합니다.",
            "감사합니다.",
            "단독",
        ];
        let labels = running_labels(lines);
        assert!(labels.contains(&key("경제")));
        assert!(!labels.contains(&key("감사합니다.")) && !labels.contains(&key("단독")));
    }

    #[test]
    fn joins_hard_wrapped_lines_into_paragraphs() {
        let full = "가".repeat(40);
        let mut text = String::new();
        for _ in 0..6 {
            text.push_str(&format!("{full}\n{full}\n끝나는 줄.\n"));
        }
        let wrapped = lines(&text, 1);
        let wrapping = detect_wrapping(&wrapped);
        assert_eq!(wrapping, Wrapping::Hard { width: 80 });
        let paras = paragraphs(wrapped.iter().map(|l| l.text.as_str()), wrapping);
        assert_eq!(paras.len(), 6);
        assert_eq!(paras[0], format!("{full} {full} 끝나는 줄."));
        // One paragraph per line when lines vary freely.
        let free: Vec<String> = (1..=12).map(|i| "나".repeat(i * 7)).collect();
        assert_eq!(
            detect_wrapping(&lines(&free.join("\n"), 1)),
            Wrapping::OnePerLine
        );
    }

    #[test]
    fn drops_repeated_long_paragraphs_only() {
        let long = "이 문단은 충분히 길어서 반복되면 중복으로 봅니다.".to_owned();
        let (kept, lines, _) = drop_repeated(vec![
            long.clone(),
            "감사합니다.".into(),
            long,
            "감사합니다.".into(),
        ]);
        assert_eq!(kept.len(), 3);
        assert_eq!(lines, 1);
    }

    #[test]
    fn drops_a_pull_quote_that_repeats_a_sentence_of_its_article() {
        let text = "시장은 “도시의 미래는 이 도시의 시민 모두가 함께 만들어 가는 것”이라며 참여를 당부했다. 행사는 저녁까지 이어졌다.";
        let quote = "“도시의 미래는 이 도시의 시민 모두가 함께 만들어 가는 것”";
        let (kept, lines, _) =
            drop_repeated(vec![text.into(), quote.into(), "둘째 문단입니다.".into()]);
        assert_eq!(kept, [text, "둘째 문단입니다."]);
        assert_eq!(lines, 1);
        // A quoted paragraph the text does not hold, and a short one, stay.
        let other = "“다른 곳에서는 한 번도 나오지 않은 말을 따옴표 안에 적었다”";
        let (kept, lines, _) = drop_repeated(vec![text.into(), other.into(), "“미래”".into()]);
        assert_eq!((kept.len(), lines), (3, 0));
    }
}
