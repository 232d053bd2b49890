//! A newsletter issue: a header (name, issue number, date, publisher), a table of contents,
//! then its articles under section headings, with running page headers and section labels
//! repeated at page breaks.
//!
//! The table of contents drives the split. It comes in two layouts — `▶ title (매체, date)`
//! entries under section labels, or a tab-separated table `section<TAB>title<TAB>P9` — and
//! gives each entry's title, section and often its source and date. The table ends at the first
//! numbered line after it. A body line is an article heading when it matches the next table
//! entry (numbered or not), or when it is numbered (`3. …`) and ends with an attribution
//! (`(매체, 2020.8.26)`, `— 매체(媒体) 제공`). Numbered lists inside an article match neither, so
//! they do not split it.

use jikji_engine::{Article, Caption, Origin};

use crate::clean::{self, key, Line, Wrapping};
use crate::dates::find_date;
use crate::Ledger;

/// What the header of an issue says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    /// The newsletter's name, e.g. "주간 중국 창업".
    pub name: String,
    pub issue: u32,
    pub date: Option<String>,
    pub publisher: Option<String>,
    /// Index of the first line after the header.
    end: usize,
}

impl Header {
    /// "주간 중국 창업 제195호".
    pub fn collection(&self) -> String {
        format!("{} 제{}호", self.name, self.issue)
    }
}

/// How far into a file the header may reach, in non-blank lines.
const HEADER_LINES: usize = 40;

/// The issue number in "제 195 호" / "제307호", and where "제" starts.
fn issue_number(text: &str) -> Option<(u32, usize)> {
    let mut from = 0;
    while let Some(pos) = text[from..].find('제') {
        let at = from + pos;
        let rest = text[at + '제'.len_utf8()..].trim_start();
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && rest[digits..].trim_start().starts_with('호') {
            if let Ok(number) = rest[..digits].parse() {
                return Some((number, at));
            }
        }
        from = at + '제'.len_utf8();
    }
    None
}

/// Recognises a newsletter by the issue number in its first lines.
pub fn detect(lines: &[Line]) -> Option<Header> {
    let head = &lines[..lines.len().min(HEADER_LINES)];
    let (at, issue, name) = head.iter().enumerate().find_map(|(i, line)| {
        let (issue, start) = issue_number(&line.text)?;
        let before =
            line.text[..start].trim_end_matches(|c: char| c.is_ascii_digit() || c.is_whitespace());
        let name = if before.is_empty() && i > 0 {
            head[i - 1].text.clone()
        } else {
            before.to_owned()
        };
        (!name.is_empty()).then_some((i, issue, name))
    })?;
    // An issue number alone ("법률 제17894호") does not make a newsletter: it needs a table of
    // contents too.
    let toc = toc_start(lines, at)?;
    let header = &lines[..toc];
    let date = header
        .iter()
        .find_map(|l| find_date(&l.text))
        .map(|(iso, _)| iso);
    let publisher = header.iter().find_map(|l| {
        let raw = l.raw.trim();
        let rest = raw
            .strip_prefix("발행처")?
            .trim_start()
            .trim_start_matches([':', '：'])
            .trim();
        let value = rest.split("  ").next()?.trim();
        (!value.is_empty()).then(|| value.to_owned())
    });
    Some(Header {
        name,
        issue,
        date,
        publisher,
        end: toc,
    })
}

/// Where the table of contents starts: its first entry, or the label just above it.
fn toc_start(lines: &[Line], issue_line: usize) -> Option<usize> {
    let limit = lines.len().min(HEADER_LINES * 2);
    let first = (issue_line..limit).find(|&i| {
        let t = &lines[i].text;
        t.starts_with('▶')
            || lines[i].raw.contains('\t')
            || matches!(t.as_str(), "목록" | "목차" | "차례" | "Contents")
    });
    match first? {
        i if i > 0 && lines[i].text.starts_with('▶') && is_label_like(&lines[i - 1].text) => {
            Some(i - 1)
        }
        i => Some(i),
    }
}

/// A horizontal rule typed as text: a run of at least three `-`, `=`, `_`, `*`, `~` or `─`.
fn is_rule(text: &str) -> bool {
    let t = text.trim();
    t.chars().count() >= 3 && t.chars().all(|c| "-=_*~─━".contains(c))
}

/// A short line that names a section rather than saying something.
fn is_label_like(text: &str) -> bool {
    text.chars().count() <= 30
        && !text.contains([':', '：', '@'])
        && !text.ends_with(['.', '다'])
        && find_date(text).is_none()
        && text.chars().any(char::is_alphabetic)
}

/// One entry of the table of contents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TocEntry {
    title: String,
    key: String,
    section: Option<usize>,
    source: Option<String>,
    date: Option<String>,
}

/// The table of contents: its entries, its section names, and its sub-section labels.
#[derive(Debug, Default)]
struct Toc {
    entries: Vec<TocEntry>,
    sections: Vec<String>,
    label_keys: Vec<String>,
    /// Index of the first body line.
    end: usize,
}

/// Bullets that open labels and entries; stripped before comparing.
const BULLETS: &[char] = &['▶', '▷', '◆', '◇', '■', '□', '●', '○', '•', '-', '*'];

fn parse_toc(lines: &[Line], start: usize) -> Toc {
    let end = (start..lines.len())
        .find(|&i| is_body_start(&lines[i]))
        .unwrap_or(lines.len());
    let region = &lines[start..end];
    let mut toc = if region.iter().any(|l| l.text.starts_with('▶')) {
        arrow_toc(region)
    } else {
        table_toc(region)
    };
    toc.end = end;
    toc.label_keys.extend(toc.sections.iter().map(|s| key(s)));
    toc
}

/// The first line of the body: a numbered heading outside the table.
fn is_body_start(line: &Line) -> bool {
    !line.raw.contains('\t')
        && !line.text.starts_with('▶')
        && strip_numbering(&line.text).0.is_some()
}

/// `▶ title (매체, date)` entries; other lines are section labels (`◆ …` sub-sections).
fn arrow_toc(region: &[Line]) -> Toc {
    let mut toc = Toc::default();
    let mut open: Option<String> = None; // the entry being read, until its attribution
    let finish = |toc: &mut Toc, text: String| {
        let (title, source, date) = split_attribution(&text);
        let section = toc.sections.len().checked_sub(1);
        toc.entries.push(TocEntry {
            key: key(&title),
            title,
            section,
            source,
            date,
        });
    };
    for line in region {
        let text = line.text.as_str();
        if let Some(rest) = text.strip_prefix('▶') {
            if let Some(previous) = open.take() {
                finish(&mut toc, previous);
            }
            open = Some(rest.trim().to_owned());
            continue;
        }
        let continues = open.as_ref().is_some_and(|entry| {
            let (_, source, date) = split_attribution(entry);
            source.is_none()
                && date.is_none()
                && (is_attribution_line(text) || entry.ends_with(['—', '―']))
        });
        if continues {
            let entry = open.as_mut().expect("checked above");
            entry.push(' ');
            entry.push_str(text);
            continue;
        }
        if let Some(previous) = open.take() {
            finish(&mut toc, previous);
        }
        let label = text.trim_start_matches(BULLETS).trim();
        if text.starts_with(BULLETS) {
            toc.label_keys.push(key(label));
        } else if is_label_like(label) {
            toc.sections.push(label.to_owned());
        }
    }
    if let Some(previous) = open {
        finish(&mut toc, previous);
    }
    toc
}

/// A table `section<TAB>title<TAB>P9`: a row with a page number starts an entry, rows
/// without one continue the entry's title and the section's name.
fn table_toc(region: &[Line]) -> Toc {
    let mut toc = Toc::default();
    let mut titles: Vec<String> = Vec::new();
    for line in region.iter().filter(|l| l.raw.contains('\t')) {
        let cells: Vec<String> = line.raw.split('\t').map(clean::collapse_spaces).collect();
        let section_cell = cells.first().cloned().unwrap_or_default();
        let title_cell = cells.get(1).cloned().unwrap_or_default();
        let page = cells.iter().skip(2).any(|c| is_page_number(c));
        if page {
            if !section_cell.is_empty() {
                toc.sections.push(section_cell);
            }
            titles.push(title_cell);
            let section = toc.sections.len().checked_sub(1);
            toc.entries.push(TocEntry {
                title: String::new(),
                key: String::new(),
                section,
                source: None,
                date: None,
            });
        } else {
            if let Some(current) = toc.sections.last_mut().filter(|_| !section_cell.is_empty()) {
                current.push(' ');
                current.push_str(&section_cell);
            }
            if let Some(title) = titles.last_mut().filter(|_| !title_cell.is_empty()) {
                title.push(' ');
                title.push_str(&title_cell);
            }
        }
    }
    for (entry, title) in toc.entries.iter_mut().zip(titles) {
        let (title, source, date) = split_attribution(&title);
        *entry = TocEntry {
            key: key(&title),
            title,
            source,
            date,
            ..entry.clone()
        };
    }
    toc
}

/// "P12", "12", "- 12 -": a page number.
fn is_page_number(text: &str) -> bool {
    let t = text
        .trim()
        .trim_matches(|c: char| c == '-' || c.is_whitespace());
    let t = t.strip_prefix(['P', 'p']).unwrap_or(t);
    !t.is_empty() && t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit())
}

/// A line that only carries an attribution: "(36kr, 2020.8.26)", "— 중국상보(中国商报) 제공".
fn is_attribution_line(text: &str) -> bool {
    let t = text.trim();
    (t.starts_with('(') && t.ends_with(')') && find_date(t).is_some())
        || t.starts_with(['—', '―'])
        || t.ends_with("제공")
}

/// "3. 핀둬둬 채소 판매" → (Some(3), "핀둬둬 채소 판매"); PDF exports may drop the space
/// ("4.양자컴퓨터"). A digit after the dot is a decimal ("2.4개"), not numbering.
pub(crate) fn strip_numbering(text: &str) -> (Option<u32>, &str) {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=2).contains(&digits) {
        if let Some(rest) = text[digits..].strip_prefix('.') {
            if !rest.starts_with(|c: char| c.is_ascii_digit() || c == '.')
                && !rest.trim().is_empty()
            {
                return (text[..digits].parse().ok(), rest.trim_start());
            }
        }
    }
    (None, text)
}

/// Whether `text` opens a parenthesis it does not close.
pub(crate) fn unclosed_parenthesis(text: &str) -> bool {
    let opened = text.chars().filter(|&c| c == '(' || c == '（').count();
    let closed = text.chars().filter(|&c| c == ')' || c == '）').count();
    opened > closed
}

/// Where the parenthesis that closes `text` opens: "(과기일보(科技日报), 2022.12.14)" is one
/// parenthesis, not "(科技日报), 2022.12.14)".
pub(crate) fn final_parenthesis(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    text.char_indices().rev().find_map(|(i, c)| {
        match c {
            ')' | '）' => depth += 1,
            '(' | '（' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
        None
    })
}

/// Splits a heading into title, source and date: a final "(매체, 2020.8.26)" (the date makes it
/// an attribution, so "보고(2023)" stays in the title) or a final "— 매체(媒体) 제공".
pub fn split_attribution(text: &str) -> (String, Option<String>, Option<String>) {
    let t = text.trim();
    if t.ends_with(')') {
        if let Some(open) = final_parenthesis(t) {
            let inner = &t[open + 1..t.len() - 1];
            if let Some((iso, range)) = find_date(inner) {
                let source = format!("{} {}", &inner[..range.start], &inner[range.end..]);
                let source = source.trim_matches(|c: char| {
                    c.is_whitespace() || matches!(c, ',' | '.' | ';' | '，')
                });
                let source = (!source.is_empty()).then(|| clean::collapse_spaces(source));
                return (t[..open].trim().to_owned(), source, Some(iso));
            }
        }
    }
    if let Some(dash) = t.rfind(['—', '―']) {
        let after = t[dash..].trim_start_matches(['—', '―']).trim();
        let source = after.strip_suffix("제공").unwrap_or(after).trim();
        let title = t[..dash].trim();
        if !title.is_empty() && !source.is_empty() && source.chars().count() <= 40 {
            return (title.to_owned(), Some(source.to_owned()), None);
        }
    }
    (t.to_owned(), None, None)
}

/// Whether the dash form of an attribution names an outlet the way newsletters credit one:
/// "… 제공", or a name with its original in parentheses, "과기일보(科技日报)".
fn credited(text: &str) -> bool {
    let t = text.trim();
    t.ends_with("제공") || (t.ends_with(')') && t.contains('('))
}

/// An article heading found in the body.
pub(crate) struct Heading {
    pub(crate) title: String,
    pub(crate) source: Option<String>,
    pub(crate) date: Option<String>,
    pub(crate) toc: Option<usize>,
    /// Lines the heading takes (with its attribution line).
    pub(crate) lines: usize,
}

/// Characters of two keys compared to match a heading to its table entry: enough to be
/// specific, few enough to survive a reworded ending or a typo further on (8–16 works).
const KEY_PREFIX_CHARS: usize = 12;
/// Shortest key that can match a table entry at all.
const MIN_KEY_CHARS: usize = 6;

/// Whether two keys start alike over the first `KEY_PREFIX_CHARS` (or the shorter key).
fn keys_match(a: &str, b: &str) -> bool {
    let n = KEY_PREFIX_CHARS
        .min(a.chars().count())
        .min(b.chars().count());
    n >= MIN_KEY_CHARS && a.chars().take(n).eq(b.chars().take(n))
}

/// Most lines a heading wraps over (title lines plus its attribution line).
const MAX_HEADING_LINES: usize = 3;

fn heading_at(lines: &[&Line], at: usize, toc: &Toc, next_entry: usize) -> Option<Heading> {
    let (number, first) = strip_numbering(&lines[at].text);
    let first_key = key(first);
    let joined = |n: usize| {
        let mut text = first.to_owned();
        for line in lines.iter().skip(at + 1).take(n - 1) {
            text.push(' ');
            text.push_str(&line.text);
        }
        text
    };
    // A heading listed in the table of contents: compare the starts of the keys.
    if first_key.chars().count() >= MIN_KEY_CHARS {
        if let Some(j) =
            (next_entry..toc.entries.len()).find(|&j| keys_match(&first_key, &toc.entries[j].key))
        {
            let target = toc.entries[j].key.chars().count();
            let mut n = 1;
            loop {
                let (title, source, date) = split_attribution(&joined(n));
                // Read on while the title is shorter than its table entry (it wraps) or an
                // attribution line follows; stop at an attribution.
                let incomplete = key(&title).chars().count() < target;
                // A numbered line is a heading of its own, never this one's continuation.
                let more = at + n < lines.len()
                    && n < MAX_HEADING_LINES
                    && strip_numbering(&lines[at + n].text).0.is_none();
                let attribution_follows = more && is_attribution_line(&lines[at + n].text);
                // An attribution whose parenthesis is still open wraps onto the next line:
                // "… 발표 (선전상보深圳商报," / "2021.1.8)".
                let unclosed = unclosed_parenthesis(&joined(n));
                if source.is_some()
                    || date.is_some()
                    || !more
                    || !(incomplete || attribution_follows || unclosed)
                {
                    return Some(Heading {
                        title,
                        source,
                        date,
                        toc: Some(j),
                        lines: n,
                    });
                }
                n += 1;
            }
        }
    }
    // A numbered heading not in the table, known by its attribution.
    number?;
    let own_lines = 1 + lines[at + 1..]
        .iter()
        .take(MAX_HEADING_LINES - 1)
        .take_while(|l| strip_numbering(&l.text).0.is_none())
        .count();
    for n in 1..=own_lines {
        let text = joined(n);
        let (title, source, date) = split_attribution(&text);
        let dash_credit = source.is_some()
            && date.is_none()
            && credited(&text[text.rfind(['—', '―']).unwrap_or(0)..]);
        if date.is_some() || dash_credit {
            return Some(Heading {
                title,
                source,
                date,
                toc: None,
                lines: n,
            });
        }
    }
    None
}

/// An article being collected.
pub(crate) struct Draft {
    pub(crate) heading: Heading,
    /// The heading's lines as written (numbering and attribution included), for the ledger.
    pub(crate) heading_text: String,
    pub(crate) first_line: u32,
    pub(crate) lines: Vec<Line>,
}

/// How close to the end a line naming the newsletter starts its back matter (subscription
/// notice, contacts), in non-blank lines.
const FOOTER_LINES: usize = 20;

/// Splits a newsletter into its articles.
pub fn articles(
    file: &str,
    stem: &str,
    lines: &[Line],
    header: &Header,
    wrapping: Option<clean::Wrapping>,
    ledger: &mut Ledger,
) -> Vec<Article> {
    for line in &lines[..header.end] {
        ledger.metadata(&line.text);
    }
    let toc = parse_toc(lines, header.end);
    for line in &lines[header.end..toc.end] {
        ledger.dropped("table of contents", &line.text);
    }
    // Page furniture first: a page header or number falls anywhere, even between a heading and
    // its attribution line, or right after a list item it would make look like a heading. The
    // newsletter's bare name near the end stays: after an article it starts the back matter.
    let name_key = key(&header.name);
    let mut content: Vec<&Line> = Vec::new();
    for (i, line) in lines.iter().enumerate().skip(toc.end) {
        let line_key = key(&line.text);
        if line_key == name_key && i + FOOTER_LINES >= lines.len() {
            content.push(line);
        } else if line_key.starts_with(&name_key)
            && issue_number(&line.text).is_some_and(|(n, _)| n == header.issue)
            || line_key == name_key
        {
            ledger.dropped("page header", &line.text);
        } else if is_page_number(&line.text) {
            ledger.dropped("page number", &line.text);
        } else {
            content.push(line);
        }
    }

    let mut drafts: Vec<Draft> = Vec::new();
    let mut next_entry = 0;
    let mut i = 0;
    while i < content.len() {
        let line = content[i];
        let line_key = key(&line.text);
        // Near the end, a rule ("-----") or a line that opens with the newsletter's name
        // ("주간 브리프는 회원에게 보내 드립니다") starts the back matter too.
        let near_end = i + FOOTER_LINES >= content.len();
        let back_matter = near_end
            && !drafts.is_empty()
            && (is_rule(&line.text) || line_key.starts_with(&name_key));
        if line_key == name_key || back_matter {
            if drafts.is_empty() {
                ledger.dropped("page header", &line.text);
                i += 1;
                continue;
            }
            for rest in &content[i..] {
                ledger.dropped("newsletter footer", &rest.text);
            }
            break;
        }
        if let Some(heading) = heading_at(&content, i, &toc, next_entry) {
            if let Some(j) = heading.toc {
                next_entry = j + 1;
            }
            let taken = heading.lines;
            let heading_text = content[i..i + taken]
                .iter()
                .map(|l| l.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            drafts.push(Draft {
                heading,
                heading_text,
                first_line: line.number,
                lines: Vec::new(),
            });
            i += taken;
            continue;
        } else if toc.label_keys.contains(&line_key) {
            ledger.dropped("section label", &line.text);
        } else if let Some(draft) = drafts.last_mut() {
            draft.lines.push(line.clone());
        } else {
            ledger.dropped("before the first article", &line.text);
        }
        i += 1;
    }

    let wrapping = wrapping.unwrap_or_else(|| clean::detect_wrapping(lines));
    let mut out = Vec::new();
    let mut section: Option<String> = None;
    for draft in drafts {
        let entry = draft.heading.toc.map(|j| &toc.entries[j]);
        if let Some(name) = entry
            .and_then(|e| e.section)
            .map(|s| toc.sections[s].clone())
        {
            section = Some(name);
        }
        if let Some(mut article) = assemble(draft, entry, wrapping, ledger) {
            article.id = format!("{stem}-{:02}", out.len() + 1);
            article.section = section.clone();
            article.collection = Some(header.collection());
            article.date = article.date.or_else(|| header.date.clone());
            article.source = article.source.or_else(|| header.publisher.clone());
            if let Some(origin) = article.origin.as_mut() {
                origin.file = file.to_owned();
            }
            out.push(article);
        }
    }
    out
}

/// Turns a draft into an article: captions apart, "*출처:" or a wire service's dateline as the
/// source (after what the heading says), hard wraps joined.
/// A heading with no text under it is a sub-section label, not an article (`None`).
pub(crate) fn assemble(
    draft: Draft,
    entry: Option<&TocEntry>,
    wrapping: Wrapping,
    ledger: &mut Ledger,
) -> Option<Article> {
    let last_line = draft.lines.last().map_or(draft.first_line, |l| l.number);
    let mut body: Vec<&str> = Vec::new();
    let mut captions: Vec<(usize, String)> = Vec::new();
    let mut credit: Option<String> = None;
    let mut reporter: Option<String> = None;
    for line in &draft.lines {
        let text = line.text.as_str();
        let role = clean::role(text);
        if clean::is_link_line(text) {
            ledger.dropped("bare link", text);
        } else if key(text).is_empty() {
            // A rule typed as text ("────"), or punctuation alone.
            ledger.dropped("rule", text);
        } else if let Some(clean::Role::Dropped(kind)) = role {
            ledger.dropped(kind, text);
        } else if let Some(clean::Role::Byline(name)) = role {
            ledger.metadata(text);
            reporter.get_or_insert(name);
        } else if let Some(rest) = text
            .strip_prefix("*출처")
            .or_else(|| text.strip_prefix("* 출처"))
        {
            let rest = rest.trim_start_matches([':', '：', ' ']);
            // The first credited name: up to its original-language parenthesis, or a separator.
            let end = rest
                .find(')')
                .map(|p| p + 1)
                .or_else(|| rest.find(['·', ',', ' ']))
                .unwrap_or(rest.len());
            credit = Some(rest[..end].trim().to_owned()).filter(|c| !c.is_empty());
            ledger.metadata(text);
        } else if let Some(caption) = clean::caption(text) {
            captions.push((body.len(), caption));
        } else if let Some(wire) = body
            .is_empty()
            .then(|| clean::wire_dateline(text))
            .flatten()
        {
            // "(서울=연합뉴스) 홍길동 기자 = …": the outlet and reporter, then the text.
            ledger.metadata(&text[..wire.len]);
            credit.get_or_insert(wire.outlet);
            if let Some(name) = wire.author {
                reporter.get_or_insert(name);
            }
            if !key(&text[wire.len..]).is_empty() {
                body.push(&text[wire.len..]);
            }
        } else {
            body.push(text);
        }
    }
    if body.is_empty() {
        ledger.dropped("section label", &draft.heading_text);
        for (_, caption) in &captions {
            ledger.dropped("section label", caption);
        }
        return None;
    }
    // Captions are anchored by the number of source lines before them; count paragraphs by
    // joining those lines the same way.
    ledger.title(&draft.heading_text);
    let paragraphs = clean::paragraphs(body.iter().copied(), wrapping);
    let (paragraphs, repeated_lines, repeated_chars) = clean::drop_repeated(paragraphs);
    ledger.dropped_counts("repeated text", repeated_lines, repeated_chars);
    let captions = captions
        .into_iter()
        .map(|(lines_before, text)| Caption {
            after_paragraph: (clean::paragraphs(body[..lines_before].iter().copied(), wrapping)
                .len())
            .min(paragraphs.len()) as u32,
            text: clean::fix_pdf_spacing(&text),
        })
        .collect();
    let heading = draft.heading;
    let mut article = Article::new(
        String::new(),
        clean::fix_pdf_spacing(&heading.title),
        paragraphs.join("\n\n"),
    );
    article.source = heading
        .source
        .or_else(|| entry.and_then(|e| e.source.clone()))
        .or(credit);
    article.date = heading.date.or_else(|| entry.and_then(|e| e.date.clone()));
    article.author = reporter;
    article.captions = captions;
    article.origin = Some(Origin {
        file: String::new(),
        line_start: draft.first_line,
        line_end: last_line,
        format: None,
    });
    Some(article)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_attributions() {
        let s = |t: &str| split_attribution(t);
        assert_eq!(
            s("국제반도체협회: 연장 신청 (ZOL 중관춘짜이씨엔 ZOL 中关村在线 2020.8.27)"),
            (
                "국제반도체협회: 연장 신청".into(),
                Some("ZOL 중관춘짜이씨엔 ZOL 中关村在线".into()),
                Some("2020-08-27".into())
            )
        );
        assert_eq!(
            s("핀둬둬 채소 판매 (베이징상보北京商报, 2020.8.26)")
                .1
                .as_deref(),
            Some("베이징상보北京商报")
        );
        // An outlet with its original name in parentheses inside the attribution.
        assert_eq!(
            s("세계 스마트제조 컨퍼런스 개최 (과기일보(科技日报), 2022.12.14)"),
            (
                "세계 스마트제조 컨퍼런스 개최".into(),
                Some("과기일보(科技日报)".into()),
                Some("2022-12-14".into())
            )
        );
        assert_eq!(
            s("제목 (미완, 2022.12.14"),
            ("제목 (미완, 2022.12.14".into(), None, None)
        );
        assert_eq!(
            s("의료보험에 포함 (2020.8.17)"),
            ("의료보험에 포함".into(), None, Some("2020-08-17".into()))
        );
        assert_eq!(
            s("포스트 코로나 시대 상업의 변화 — 중국상보(中国商报) 제공"),
            (
                "포스트 코로나 시대 상업의 변화".into(),
                Some("중국상보(中国商报)".into()),
                None
            )
        );
        assert_eq!(
            s("트렌드 보고(2023)"),
            ("트렌드 보고(2023)".into(), None, None)
        );
    }

    #[test]
    fn an_issue_number_without_contents_is_not_a_newsletter() {
        let text = "정부는 법률 제17894호에 따라 새 제도를 시행한다고 밝혔다.\n둘째 문단입니다.\n";
        assert_eq!(detect(&clean::lines(text, 1)), None);
    }

    #[test]
    fn numbering_needs_a_dot_and_a_space() {
        assert_eq!(strip_numbering("3. 핀둬둬 채소"), (Some(3), "핀둬둬 채소"));
        assert_eq!(
            strip_numbering("4.양자컴퓨터 시리즈"),
            (Some(4), "양자컴퓨터 시리즈")
        );
        assert_eq!(strip_numbering("2.4개 기업"), (None, "2.4개 기업"));
        assert_eq!(strip_numbering("2022 세계"), (None, "2022 세계"));
    }

    #[test]
    fn reads_the_issue_header() {
        let text = "주간 중국 창업      1      제 195 호(2020.09.02)\n주간 중국 창업\n제 195 호 (2020. 9. 2)\n발행처 : 한국혁신센터(KIC)중국      전화 : +86\n주간 NEWS\n▶ 첫 기사 제목 (36kr, 2020.8.26)\n";
        let header = detect(&clean::lines(text, 1)).unwrap();
        assert_eq!(header.collection(), "주간 중국 창업 제195호");
        assert_eq!(header.date.as_deref(), Some("2020-09-02"));
        assert_eq!(header.publisher.as_deref(), Some("한국혁신센터(KIC)중국"));
        assert_eq!(
            header.end, 4,
            "the section label above the first ▶ entry belongs to the table"
        );
    }

    #[test]
    fn splits_an_issue_without_splitting_numbered_lists() {
        let text = "\
소식지 제 7 호 (2021.3.4)
발행처 : 테스트센터
가 섹션
▶ 첫째 기사의 제목입니다 (매체A, 2021.3.1)
▶ 둘째 기사의 제목입니다 — 매체B(媒体B) 제공
나 섹션
▶ 셋째 기사의 제목입니다
1. 첫째 기사의 제목입니다 (매체A, 2021.3.1)
첫째 본문입니다.
1. 목록 하나
2. 목록 둘
사진 1) 출처: 매체A
소식지 제 7 호 (2021.3.4)
- 2 -
2. 둘째 기사의 제목입니다
— 매체B(媒体B) 제공
둘째 본문입니다.
가 섹션
둘째 본문 계속.
1. 셋째 기사의 제목입니다
셋째 본문입니다.
*출처: 매체C(媒体C) 원문 제목
2. 목록이 아닌 기사 (매체D, 2021.2.28)
넷째 본문입니다.
소식지
구독 문의: test@example.org
";
        let lines = clean::lines(text, 1);
        let header = detect(&lines).unwrap();
        let mut ledger = Ledger::default();
        let articles = articles("n.txt", "n", &lines, &header, None, &mut ledger);
        let summary: Vec<_> = articles
            .iter()
            .map(|a| {
                (
                    a.title.as_str(),
                    a.source.as_deref(),
                    a.date.as_deref(),
                    a.section.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                (
                    "첫째 기사의 제목입니다",
                    Some("매체A"),
                    Some("2021-03-01"),
                    Some("가 섹션")
                ),
                (
                    "둘째 기사의 제목입니다",
                    Some("매체B(媒体B)"),
                    Some("2021-03-04"),
                    Some("가 섹션")
                ),
                (
                    "셋째 기사의 제목입니다",
                    Some("매체C(媒体C)"),
                    Some("2021-03-04"),
                    Some("나 섹션")
                ),
                (
                    "목록이 아닌 기사",
                    Some("매체D"),
                    Some("2021-02-28"),
                    Some("나 섹션")
                ),
            ]
        );
        assert_eq!(
            articles[0].body, "첫째 본문입니다.\n\n1. 목록 하나\n\n2. 목록 둘",
            "{ledger:?}"
        );
        assert_eq!(articles[0].captions[0].text, "사진 1) 출처: 매체A");
        assert_eq!(
            articles[1].body, "둘째 본문입니다.\n\n둘째 본문 계속.",
            "the repeated section label is dropped"
        );
        assert_eq!(articles[0].collection.as_deref(), Some("소식지 제7호"));
        assert_eq!(articles[2].id, "n-03");
        assert_eq!(ledger.dropped_lines("section label"), 1);
        for kind in [
            "table of contents",
            "page header",
            "page number",
            "newsletter footer",
        ] {
            assert!(ledger.dropped_lines(kind) > 0, "{kind}: {ledger:?}");
        }
        // Every character is in an article or in the ledger.
        assert_eq!(
            crate::ink(text),
            crate::article_ink(&articles) + ledger.chars(),
            "{ledger:?}"
        );
    }
}
