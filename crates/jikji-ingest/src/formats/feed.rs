//! RSS, Atom and JSON feeds: one article per item (`<item>` of RSS 2.0 and 1.0, `<entry>` of
//! Atom, an object of a JSON Feed's `items`, read into the same fields).
//!
//! Read with `quick-xml` directly rather than a feed library: feed-rs, the obvious choice,
//! converts every date to UTC (a 02:30 KST item would be dated the day before) and brings some
//! seventy crates; the few elements a news feed uses are read here, each item's date string
//! kept as the feed wrote it. The date is then taken in the item's own offset (RFC 822
//! `Tue, 25 Aug 2020 02:30:00 +0900` or RFC 3339 `2020-08-25T02:30:00+09:00`); a UTC time
//! in a Korean feed is moved to KST first.
//!
//! An item's body is its full content (`content:encoded`, Atom `content`), else its
//! description or summary; HTML in it is cut into blocks like a saved page's, its furniture
//! dropped by structure. The source is the item's own (`<source>`, `dc:publisher`), else the
//! channel's title; the author the item's
//! `author`/`dc:creator`. Every character read (channel title, item titles, bodies, a summary
//! the full content repeats) is in an article or in the ledger.

use jikji_engine::{Article, Caption, Origin};
use quick_xml::events::Event;
use quick_xml::Reader;

use super::html::{self, Page};
use crate::{attributed, clean, ink, Ledger};

/// Feeds with more items than this are cut (the report says so).
const MAX_ITEMS: usize = 100_000;

/// Whether bytes look like a feed: an XML document whose root is `rss`, `feed` or `rdf:RDF`,
/// or a JSON Feed.
pub fn sniff(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(&head[..head.len().min(2048)]).to_ascii_lowercase();
    if is_json_feed(&text) {
        return true;
    }
    let mut rest = text.trim_start_matches('\u{feff}').trim_start();
    // Skip the declaration, comments, processing instructions and a document type (RSS 0.91
    // names Netscape's DTD) before the root.
    while let Some(end) = prolog_item_end(rest) {
        rest = rest[end..].trim_start();
    }
    rest.starts_with("<rss") || rest.starts_with("<feed") || rest.starts_with("<rdf:rdf")
}

/// Where the declaration, comment, processing instruction or document type opening `text`
/// ends; `None` when `text` opens with none (or one left unclosed).
fn prolog_item_end(text: &str) -> Option<usize> {
    let closing = if text.starts_with("<?") {
        "?>"
    } else if text.starts_with("<!--") {
        "-->"
    } else if text.starts_with("<!doctype") {
        // An internal subset (`[ … ]`) holds declarations of its own, each closed by '>'.
        match (text.find('['), text.find('>')) {
            (Some(open), Some(close)) if open < close => "]>",
            _ => ">",
        }
    } else {
        return None;
    };
    text.find(closing).map(|i| i + closing.len())
}

/// Decodes a feed: BOM, then the XML declaration's encoding, then UTF-8, then CP949.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return (text.into_owned(), encoding.name());
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]).to_ascii_lowercase();
    let declared = head
        .strip_prefix("<?xml")
        .and_then(|d| d.split("?>").next())
        .and_then(|d| d.split("encoding").nth(1))
        .and_then(|e| e.trim_start().strip_prefix('='))
        .map(|e| e.trim_start().trim_start_matches(['"', '\'']))
        .map(|e| {
            e.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect::<String>()
        })
        .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()));
    if let Some(encoding) = declared.filter(|e| *e != encoding_rs::UTF_8) {
        let (text, _, _) = encoding.decode(bytes);
        return (text.into_owned(), encoding.name());
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), "UTF-8"),
        Err(_) => {
            let (text, _, _) = encoding_rs::EUC_KR.decode(bytes);
            (text.into_owned(), "CP949/EUC-KR")
        }
    }
}

#[derive(Debug, Default, Clone)]
struct Item {
    title: String,
    link: Option<String>,
    content: String,
    summary: String,
    date: Option<String>,
    author: String,
    /// The outlet an aggregator's item comes from: RSS's `<source>`, Atom's `<source><title>`.
    source: String,
    /// The item's publisher (Dublin Core's `dc:publisher`, as RSS 1.0 writes it): its outlet
    /// when it names no source.
    publisher: String,
}

/// Reads a feed into one article per item.
pub fn read(text: &str, file: &str, stem: &str) -> Result<Page, String> {
    super::guarded("feed", || read_unguarded(text, file, stem))
}

fn read_unguarded(text: &str, file: &str, stem: &str) -> Result<Page, String> {
    let parsed = if is_json_feed(text) {
        json_items(text)?
    } else {
        xml_items(text)?
    };
    if parsed.items.is_empty() {
        return Err("a feed without a complete item (empty, damaged or truncated)".into());
    }
    Ok(page_of(parsed, text, file, stem))
}

/// What a feed holds before its items become articles.
struct Parsed {
    channel_title: String,
    language: String,
    items: Vec<Item>,
    warnings: Vec<String>,
}

/// A JSON Feed (jsonfeed.org, versions 1 and 1.1): an object naming its version, with items.
fn is_json_feed(text: &str) -> bool {
    let head: String = text
        .trim_start_matches('\u{feff}')
        .chars()
        .take(2048)
        .collect();
    // A version written with escaped slashes ("https:\/\/jsonfeed.org\/version\/1") too.
    head.trim_start().starts_with('{')
        && head.contains("jsonfeed.org")
        && head.contains("\"version\"")
}

/// A JSON Feed's items: `title`, `content_html` (else `content_text`), `summary`,
/// `date_published` (else `date_modified`), the authors' names (1.1's `authors`, 1.0's
/// `author`), `url` (else `external_url`); the feed's `title` and `language`.
fn json_items(text: &str) -> Result<Parsed, String> {
    let feed: serde_json::Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| format!("damaged JSON Feed: {e}"))?;
    let string = |v: &serde_json::Value, key: &str| v[key].as_str().unwrap_or("").to_owned();
    let mut warnings = Vec::new();
    let all = feed["items"].as_array().map_or(&[][..], Vec::as_slice);
    if all.len() > MAX_ITEMS {
        warnings.push(format!(
            "cut at {MAX_ITEMS} items: the items after it are not read"
        ));
    }
    let items = all
        .iter()
        .take(MAX_ITEMS)
        .map(|item| {
            let authors = item["authors"].as_array().cloned().unwrap_or_default();
            let names: Vec<String> = authors
                .iter()
                .chain(std::iter::once(&item["author"]))
                .map(|a| string(a, "name"))
                .filter(|n| !n.trim().is_empty())
                .collect();
            let first = |keys: &[&str]| {
                keys.iter()
                    .map(|k| string(item, k))
                    .find(|v| !v.trim().is_empty())
            };
            Item {
                title: string(item, "title"),
                link: first(&["url", "external_url"]),
                content: first(&["content_html", "content_text"]).unwrap_or_default(),
                summary: string(item, "summary"),
                date: first(&["date_published", "date_modified"]),
                author: names.join(", "),
                ..Item::default()
            }
        })
        .collect();
    Ok(Parsed {
        channel_title: string(&feed, "title"),
        language: string(&feed, "language"),
        items,
        warnings,
    })
}

/// An RSS or Atom feed's items, its channel's title and language.
fn xml_items(text: &str) -> Result<Parsed, String> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = false;
    let mut path: Vec<String> = Vec::new();
    let mut channel_title = String::new();
    let mut language = String::new();
    let mut items: Vec<Item> = Vec::new();
    let mut current: Option<Item> = None;
    let mut warnings = Vec::new();
    // The field an item's text goes to, by the element it is in (and how deep that is).
    let mut field: Option<(&'static str, usize)> = None;
    // How deep the item's `<source>` element is, while inside it.
    let mut source_depth: Option<usize> = None;
    // How deep an Atom content of type "xhtml" is, while inside it: its elements are the
    // body's markup, kept as tags so its paragraphs stay apart.
    let mut xhtml_depth: Option<usize> = None;
    loop {
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                if items.is_empty() && current.is_none() {
                    return Err(format!("damaged feed: {e}"));
                }
                warnings.push(format!(
                    "the feed is damaged after item {}: {e}",
                    items.len()
                ));
                break;
            }
        };
        match event {
            Event::Empty(start) => {
                // Only an Atom link says something without content.
                let name = start.local_name().as_ref().to_ascii_lowercase();
                if let (Some(item), Some(_)) = (&mut current, xhtml_depth) {
                    item.content.push_str(&format!("<{name}>"));
                } else if let (Some(item), "link") = (&mut current, name.as_str()) {
                    if let Ok(Some(href)) = start.try_get_attribute("href") {
                        let rel = start
                            .try_get_attribute("rel")
                            .ok()
                            .flatten()
                            .map(|r| r.value.into_owned());
                        if item.link.is_none() && rel.as_deref().is_none_or(|r| r == "alternate") {
                            item.link = Some(href.value.into_owned());
                        }
                    }
                }
            }
            Event::Start(start) => {
                let name = start.local_name().as_ref().to_ascii_lowercase();
                if (name == "item" || name == "entry") && current.is_none() {
                    if items.len() >= MAX_ITEMS {
                        warnings.push(format!(
                            "cut at {MAX_ITEMS} items: the items after it are not read"
                        ));
                        break;
                    }
                    current = Some(Item::default());
                } else if let Some(item) = &mut current {
                    if xhtml_depth.is_some() {
                        item.content.push_str(&format!("<{name}>"));
                    } else if let Some(depth) = source_depth {
                        // Inside an Atom <source>: its title names the outlet; its other
                        // children (id, updated, author) are the outlet's, not the item's.
                        field = if name == "title" && path.len() == depth + 1 {
                            item.source.clear();
                            Some(("source", path.len()))
                        } else {
                            Some(("skip", path.len()))
                        };
                    } else if field.is_none() {
                        field = match name.as_str() {
                            "source" => {
                                source_depth = Some(path.len());
                                Some(("source", path.len()))
                            }
                            "title" => Some(("title", path.len())),
                            "encoded" | "content" => {
                                if is_xhtml(&start) {
                                    xhtml_depth = Some(path.len());
                                }
                                Some(("content", path.len()))
                            }
                            "description" | "summary" => Some(("summary", path.len())),
                            "pubdate" | "published" | "date" | "issued" => {
                                Some(("date", path.len()))
                            }
                            "updated" | "modified" if item.date.is_none() => {
                                Some(("updated", path.len()))
                            }
                            "creator" | "name" => Some(("author", path.len())),
                            "publisher" => Some(("publisher", path.len())),
                            "author" if path.last().is_some_and(|p| p == "item") => {
                                Some(("author", path.len()))
                            }
                            "link" => Some(("link", path.len())),
                            _ => None,
                        };
                    }
                } else if name == "title"
                    && path.last().is_some_and(|p| p == "channel" || p == "feed")
                {
                    field = Some(("channel", path.len()));
                } else if name == "language" {
                    field = Some(("language", path.len()));
                }
                path.push(name);
            }
            Event::End(end) => {
                let name = end.local_name().as_ref().to_ascii_lowercase();
                path.pop();
                match (&mut current, xhtml_depth) {
                    (Some(item), Some(depth)) if depth < path.len() => {
                        item.content.push_str(&format!("</{name}>"));
                    }
                    _ => xhtml_depth = None,
                }
                if field.is_some_and(|(_, depth)| depth >= path.len()) {
                    field = None;
                }
                if source_depth.is_some_and(|depth| depth >= path.len()) {
                    source_depth = None;
                }
                if (name == "item" || name == "entry") && field.is_none() {
                    if let Some(item) = current.take() {
                        items.push(item);
                    }
                }
            }
            Event::Text(t) => {
                push_text(
                    &mut current,
                    &mut channel_title,
                    &mut language,
                    field,
                    &t.into_inner(),
                );
            }
            Event::CData(t) => {
                push_text(
                    &mut current,
                    &mut channel_title,
                    &mut language,
                    field,
                    &t.into_inner(),
                );
            }
            Event::GeneralRef(r) => {
                let value = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => {
                        let name = r.into_inner();
                        match quick_xml::escape::unescape(&format!("&{name};")) {
                            Ok(v) => v.into_owned(),
                            // Entities XML does not define, as HTML-minded feeds write them.
                            Err(_) if name == "nbsp" => " ".to_owned(),
                            Err(_) => format!("&{name};"),
                        }
                    }
                };
                // Inside XHTML markup, a character reference is text, never a tag.
                let value = if xhtml_depth.is_some() {
                    html_escape(&value)
                } else {
                    value
                };
                push_text(
                    &mut current,
                    &mut channel_title,
                    &mut language,
                    field,
                    &value,
                );
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(Parsed {
        channel_title,
        language,
        items,
        warnings,
    })
}

/// Whether a content element says its content is XHTML markup (Atom's `type="xhtml"`).
fn is_xhtml(start: &quick_xml::events::BytesStart) -> bool {
    start
        .try_get_attribute("type")
        .ok()
        .flatten()
        .is_some_and(|t| t.value.as_ref() == "xhtml")
}

/// Text escaped to stand in markup.
fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The articles of a feed's items: one an item, its body cut into paragraphs by their role.
fn page_of(parsed: Parsed, text: &str, file: &str, stem: &str) -> Page {
    let Parsed {
        channel_title,
        language,
        items,
        mut warnings,
    } = parsed;
    let mut ledger = Ledger::default();
    let channel_title = clean::collapse_spaces(&channel_title);
    let mut input_chars = ink(&channel_title);
    if !channel_title.is_empty() {
        ledger.metadata(&channel_title);
    }
    let hangul = items
        .iter()
        .flat_map(|i| i.title.chars().chain(i.summary.chars()))
        .filter(|c| ('가'..='힣').contains(c))
        .count();
    let korean = language.trim().to_ascii_lowercase().starts_with("ko") || hangul > 0;
    let width = items.len().to_string().len().max(2);
    // Every item names the whole file (an item does not know its lines): counted once.
    let line_end = text.lines().count().max(1) as u32;
    let mut articles = Vec::new();
    for (n, item) in items.into_iter().enumerate() {
        let title = clean::collapse_spaces(&item.title);
        input_chars += ink(&title);
        let source = clean::collapse_spaces(&item.source);
        let publisher = clean::collapse_spaces(&item.publisher);
        for named in [&source, &publisher] {
            input_chars += ink(named);
            if !named.is_empty() {
                ledger.metadata(named);
            }
        }
        let outlet = if source.is_empty() { publisher } else { source };
        let (title, credited) = without_outlet(&title, &outlet);
        if let Some(credited) = credited {
            ledger.metadata(credited);
        }
        let (body_html, other) = if item.content.trim().is_empty() {
            (&item.summary, None)
        } else {
            (&item.content, Some(&item.summary))
        };
        // The original's copyright line, kept when a feed copies its text whole, names the
        // outlet the item is from.
        let holder = html::strip_tags(body_html)
            .lines()
            .find_map(clean::copyright_holder);
        let (paragraphs, chars) = body_paragraphs(body_html, &mut ledger);
        input_chars += chars;
        let (mut paragraphs, captions, reporter) = sort_paragraphs(paragraphs, &mut ledger);
        let credit = original_credit(&mut paragraphs, &mut ledger);
        if let Some(summary) = other.filter(|s| !s.trim().is_empty()) {
            let mut scratch = Ledger::default();
            let (summary_paragraphs, chars) = body_paragraphs(summary, &mut scratch);
            input_chars += chars;
            ledger.absorb(scratch);
            for p in summary_paragraphs {
                ledger.dropped("summary (the content repeats it)", &p);
            }
        }
        let mut author = clean::collapse_spaces(&item.author);
        if !author.is_empty() {
            input_chars += ink(&author);
            ledger.metadata(&author);
            // "홍길동 기자": the reporter's name without the job title.
            if let Some(name) = clean::reporter(&author) {
                author = name;
            }
        } else if let Some(name) = reporter {
            author = name;
        }
        if title.is_empty() && paragraphs.is_empty() {
            for caption in &captions {
                ledger.dropped("caption of an empty item", &caption.text);
            }
            continue;
        }
        let title = if title.is_empty() {
            crate::single::cut_title(&paragraphs[0])
        } else {
            ledger.title(&title);
            title
        };
        let mut article = Article::new(
            format!("{stem}-{:0width$}", n + 1),
            title,
            paragraphs.join("\n\n"),
        );
        article.captions = captions;
        let credit = credit.unwrap_or(attributed::Attribution {
            source: None,
            date: String::new(),
            author: None,
        });
        article.source = if !outlet.is_empty() {
            Some(outlet)
        } else if credit.source.is_some() {
            credit.source
        } else if holder.is_some() {
            holder
        } else {
            (!channel_title.is_empty()).then(|| channel_title.clone())
        };
        article.author = (!author.is_empty()).then_some(author);
        article.date = item
            .date
            .as_deref()
            .and_then(|d| crate::dates::item_date(d, korean));
        let posted = article.date.is_some();
        if !credit.date.is_empty() {
            // The original's date; the item's is when the feed posted it.
            article.date = Some(credit.date);
        }
        if item.date.is_some() && !posted {
            warnings.push(format!(
                "item {}: date {:?} not understood",
                n + 1,
                item.date.as_deref().unwrap_or("")
            ));
        }
        article.url = item
            .link
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty());
        article.origin = Some(Origin {
            file: file.to_owned(),
            line_start: 1,
            line_end,
            format: Some("feed".to_owned()),
        });
        articles.push(article);
    }
    Page {
        articles,
        ledger,
        input_chars,
        warnings,
    }
}

/// The original's credit an item's text opens or closes with ("출처: 매체 (2021.03.04)", "(매체,
/// 2021.3.4)", "원문: 매체"), as a clipping blog or curation feed copies it: taken out of the text (as
/// metadata). Its outlet and date are the article's, the item's own date only when the feed
/// posted it.
fn original_credit(
    paragraphs: &mut Vec<String>,
    ledger: &mut Ledger,
) -> Option<attributed::Attribution> {
    if paragraphs.len() < 2 {
        return None;
    }
    // Dated ("출처: 매체 (2021.03.04)") or not ("원문: 매체").
    let credited = |p: &String| {
        attributed::attribution_line(p)
            .filter(|a| a.source.is_some())
            .or_else(|| attributed::labelled_outlet(p))
    };
    let at = if credited(&paragraphs[0]).is_some() {
        0
    } else if credited(&paragraphs[paragraphs.len() - 1]).is_some() {
        paragraphs.len() - 1
    } else {
        return None;
    };
    let line = paragraphs.remove(at);
    ledger.metadata(&line);
    credited(&line)
}

/// A title without the outlet an aggregator appends to it ("제목 - 매체", "제목 | 매체") when it
/// is the item's own outlet, and what was cut.
fn without_outlet<'a>(title: &'a str, outlet: &str) -> (String, Option<&'a str>) {
    if outlet.is_empty() {
        return (title.to_owned(), None);
    }
    for mark in [" - ", " – ", " — ", " | ", " : "] {
        if let Some(cut) = title
            .strip_suffix(outlet)
            .and_then(|t| t.strip_suffix(mark))
        {
            if !cut.trim().is_empty() {
                return (cut.trim().to_owned(), Some(&title[cut.len()..]));
            }
        }
    }
    (title.to_owned(), None)
}

fn push_text(
    current: &mut Option<Item>,
    channel: &mut String,
    language: &mut String,
    field: Option<(&'static str, usize)>,
    value: &str,
) {
    let Some((name, _)) = field else { return };
    if name == "channel" {
        channel.push_str(value);
        return;
    }
    if name == "language" {
        language.push_str(value);
        return;
    }
    let Some(item) = current else { return };
    match name {
        "title" => item.title.push_str(value),
        "content" => item.content.push_str(value),
        "summary" => item.summary.push_str(value),
        "date" | "updated" => item.date.get_or_insert_with(String::new).push_str(value),
        "author" => item.author.push_str(value),
        "link" => item.link.get_or_insert_with(String::new).push_str(value),
        "source" => item.source.push_str(value),
        "publisher" => item.publisher.push_str(value),
        _ => {}
    }
}

/// An item's paragraphs by their role ([`clean::role`]): the body, the captions (placed after
/// the paragraph they followed), and the reporter a byline names. Notices and prompts go to
/// `ledger` by kind, the byline as metadata.
pub(crate) fn sort_paragraphs(
    paragraphs: Vec<String>,
    ledger: &mut Ledger,
) -> (Vec<String>, Vec<Caption>, Option<String>) {
    let mut body = Vec::new();
    let mut captions = Vec::new();
    let mut reporter = None;
    for p in paragraphs {
        match clean::role(&p) {
            Some(clean::Role::Dropped(kind)) => ledger.dropped(kind, &p),
            Some(clean::Role::Byline(name)) => {
                ledger.metadata(&p);
                reporter.get_or_insert(name);
            }
            Some(clean::Role::Caption) => captions.push(Caption {
                after_paragraph: body.len() as u32,
                text: p,
            }),
            None => body.push(p),
        }
    }
    (body, captions, reporter)
}

/// An item's body as paragraphs: HTML cut into blocks (its furniture to `ledger`), plain text
/// split at its line breaks. Returns the paragraphs and the characters read.
fn body_paragraphs(body: &str, ledger: &mut Ledger) -> (Vec<String>, usize) {
    if body.contains('<') {
        let (text, chars) = html::page_lines(&format!("<body>{body}</body>"), ledger);
        (text.lines().map(str::to_owned).collect(), chars)
    } else {
        let paragraphs: Vec<String> = body
            .lines()
            .map(clean::collapse_spaces)
            .filter(|l| !l.is_empty())
            .collect();
        let chars = paragraphs.iter().map(|p| ink(p)).sum();
        (paragraphs, chars)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_atom_contents_xhtml_markup_keeps_its_paragraphs_apart() {
        // Atom's type="xhtml": the content is markup in the feed, not escaped text; read as
        // HTML is (a line break inside a paragraph is a space).
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>모음</title>
            <entry><title>항만 물동량 늘어</title><published>2015-06-03T09:00:00+09:00</published>
            <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>부산항의 A &amp; B 부두가 붐볐다.</p><p>물동량은 &lt;표 1&gt;과 같다.<br/>두 달째 늘었다.</p><p>ⓒ 부산일보. 무단 전재 및 재배포 금지</p></div></content></entry></feed>"#;
        let page = read(atom, "a.atom", "a").unwrap();
        assert_eq!(
            page.articles[0].body,
            "부산항의 A & B 부두가 붐볐다.\n\n물동량은 <표 1>과 같다. 두 달째 늘었다."
        );
        assert_eq!(page.articles[0].source.as_deref(), Some("부산일보"));
    }

    #[test]
    fn an_items_source_names_its_outlet_and_leaves_its_title() {
        let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>경제 - 검색 결과</title>
            <item><title>항만 물동량 두 달째 늘어 | 부산일보</title><pubDate>Wed, 03 Jun 2015 00:10:00 GMT</pubDate>
            <description>&lt;p&gt;부산항의 물동량이 두 달 연속 늘어났다.&lt;/p&gt;</description>
            <source url="https://busan.example/rss">부산일보</source></item>
            <item><title>매체 이름이 제목 끝에 없는 기사</title><source url="https://x.example">국제신문</source>
            <description>본문 한 줄.</description></item></channel></rss>"#;
        let page = read(rss, "f.xml", "f").unwrap();
        let a = &page.articles;
        assert_eq!(a[0].title, "항만 물동량 두 달째 늘어");
        assert_eq!(a[0].source.as_deref(), Some("부산일보"));
        assert_eq!(a[0].date.as_deref(), Some("2015-06-03"));
        assert_eq!(a[1].title, "매체 이름이 제목 끝에 없는 기사");
        assert_eq!(a[1].source.as_deref(), Some("국제신문"));
        // Atom: the source's title, not its id or its own updated time.
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>모음</title>
            <entry><title>새 기사 — 전북일보</title><published>2019-10-01T09:00:00+09:00</published>
            <source><id>https://jb.example/</id><title>전북일보</title><updated>2024-01-01T00:00:00Z</updated></source>
            <content type="html">&lt;p&gt;본문.&lt;/p&gt;</content></entry></feed>"#;
        let page = read(atom, "a.xml", "a").unwrap();
        let a = &page.articles[0];
        assert_eq!(a.title, "새 기사");
        assert_eq!(a.source.as_deref(), Some("전북일보"));
        assert_eq!(a.date.as_deref(), Some("2019-10-01"));
    }

    #[test]
    fn the_originals_credit_in_an_items_text_names_its_outlet_and_date() {
        // A curation feed: the item posted days later; the text closes with the credit.
        let rss = r#"<rss version="2.0"><channel><title>우리 동네 스크랩</title>
            <item><title>항구 축제 열려</title><pubDate>Sun, 12 May 2019 22:00:00 +0900</pubDate>
            <description>&lt;p&gt;항구 축제가 사흘 동안 열려 많은 사람이 찾았다.&lt;/p&gt;&lt;p&gt;둘째 문단.&lt;/p&gt;&lt;p&gt;(강원도민일보, 2019.5.9)&lt;/p&gt;</description></item>
            <item><title>한 문단뿐인 글</title><pubDate>Sun, 12 May 2019 22:00:00 +0900</pubDate>
            <description>짧은 글 한 문단이다.</description></item></channel></rss>"#;
        let page = read(rss, "f.xml", "f").unwrap();
        let a = &page.articles;
        assert_eq!(a[0].source.as_deref(), Some("강원도민일보"));
        assert_eq!(a[0].date.as_deref(), Some("2019-05-09"));
        assert!(!a[0].body.contains("강원도민일보"), "{}", a[0].body);
        assert_eq!(a[1].source.as_deref(), Some("우리 동네 스크랩"));
        assert_eq!(a[1].date.as_deref(), Some("2019-05-12"));
    }

    #[test]
    fn a_json_feeds_items_are_read_like_an_xml_feeds() {
        // Version 1 (one author, slashes escaped as PHP writes them) and 1.1 (authors).
        let json = r#"{"version": "https:\/\/jsonfeed.org\/version\/1", "title": "지역 소식 모음",
            "items": [
              {"id": "1", "title": "항구 축제 열려", "content_text": "항구 축제가 사흘 동안 열렸다.\n관광객이 몰렸다.",
               "date_published": "2019-05-09T00:30:00+09:00", "author": {"name": "홍길동 기자"}},
              {"id": "2", "title": "둘째 소식", "content_html": "<p>본문만 있다.</p><p>원문: <a href='https://n.example/2'>남해신문</a></p>", "summary": "요약",
               "authors": [{"name": "김철수"}], "external_url": "https://n.example/2"}
            ]}"#;
        assert!(sniff(json.as_bytes()));
        let page = read(json, "f.json", "f").unwrap();
        let a = &page.articles;
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].title, "항구 축제 열려");
        assert_eq!(
            a[0].body,
            "항구 축제가 사흘 동안 열렸다.\n\n관광객이 몰렸다."
        );
        // The item's own offset keeps it on its day.
        assert_eq!(a[0].date.as_deref(), Some("2019-05-09"));
        assert_eq!(a[0].author.as_deref(), Some("홍길동"));
        assert_eq!(a[0].source.as_deref(), Some("지역 소식 모음"));
        assert_eq!(
            (a[1].body.as_str(), a[1].author.as_deref()),
            ("본문만 있다.", Some("김철수"))
        );
        // The original's outlet, labelled and undated, closing the text: the item's source.
        assert_eq!(a[1].source.as_deref(), Some("남해신문"));
        assert_eq!(a[1].url.as_deref(), Some("https://n.example/2"));
        // A JSON array of records is no feed.
        assert!(!sniff(r#"[{"title": "제목", "body": "본문"}]"#.as_bytes()));
    }

    #[test]
    fn an_rss_1_items_publisher_names_its_outlet() {
        let rdf = r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <channel rdf:about="https://w.example/"><title>경제 브리핑</title></channel>
            <item rdf:about="https://w.example/1"><title>항구 축제 열려</title><dc:date>2019-05-09T07:30:00+09:00</dc:date>
            <dc:publisher>남해신문</dc:publisher><description>항구 축제가 사흘 동안 열렸다.</description></item>
            <item rdf:about="https://w.example/2"><title>둘째 소식</title><dc:publisher>남해신문</dc:publisher>
            <source url="https://g.example/rss">경남일보</source><description>본문만 있다.</description></item>
            <item rdf:about="https://w.example/3"><title>셋째 소식</title><description>본문만 있다.</description></item>
            </rdf:RDF>"#;
        let page = read(rdf, "r.rdf", "r").unwrap();
        let sources: Vec<_> = page.articles.iter().map(|a| a.source.as_deref()).collect();
        assert_eq!(
            sources,
            [Some("남해신문"), Some("경남일보"), Some("경제 브리핑")]
        );
        assert_eq!(page.articles[0].date.as_deref(), Some("2019-05-09"));
    }

    #[test]
    fn an_rss_0_91_feed_under_its_document_type_is_a_feed() {
        let head = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<!-- 0.91 -->\n\
            <!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\"\n \
            \"http://my.netscape.com/publish/formats/rss-0.91.dtd\">\n<rss version=\"0.91\"><channel>";
        assert!(sniff(head.as_bytes()));
        let subset = "<!DOCTYPE rss [<!ENTITY nbsp \"&#160;\">]><rss version=\"0.91\">";
        assert!(sniff(subset.as_bytes()));
        // A document type of another root is no feed.
        assert!(!sniff(b"<!DOCTYPE html><html><head><title>rss</title>"));
        assert!(!sniff(
            b"<?xml version=\"1.0\"?><!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"x\"><svg>"
        ));
    }

    #[test]
    fn the_originals_copyright_line_names_an_items_outlet() {
        let rss = r#"<rss version="2.0"><channel><title>지역 소식 - 전체 기사</title>
            <item><title>항구 축제 열려</title><dc:creator>오세린 기자</dc:creator>
            <description>&lt;p&gt;항구 축제가 열렸다.&lt;/p&gt;&lt;p&gt;ⓒ 남해신문 무단 전재 금지&lt;/p&gt;</description></item>
            <item><title>둘째 소식</title><description>&lt;p&gt;본문만 있다.&lt;/p&gt;</description></item>
            </channel></rss>"#;
        let page = read(rss, "r.xml", "r").unwrap();
        let a = &page.articles;
        assert_eq!(a[0].source.as_deref(), Some("남해신문"));
        assert_eq!(a[0].author.as_deref(), Some("오세린"));
        assert_eq!(a[0].body, "항구 축제가 열렸다.");
        assert_eq!(a[1].source.as_deref(), Some("지역 소식 - 전체 기사"));
    }
}
