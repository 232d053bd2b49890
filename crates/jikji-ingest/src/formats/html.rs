//! HTML and MHTML saved pages: the main content, readability-style, with title, byline,
//! outlet and date from the page's own metadata.
//!
//! The page is decoded by its BOM, its `<meta charset>` (or `http-equiv` content type), else as
//! UTF-8 or, failing that, CP949/EUC-KR. Its visible text is cut into blocks (the text of one
//! paragraph, heading, list item, cell, caption…, in document order), which are what the
//! report accounts for; a date in an inline element of its own that the next element's text
//! runs into (`<span>2022.10.13.</span><a>제목</a>`, set apart only by a style sheet) ends its
//! block, as a `<time>` does. [`dom_smoothie`] (a port of Mozilla's Readability) picks the main
//! content; a block is body text when it is part of that content, in order — so menus,
//! tickers, share buttons, related and most-read lists, comments and footers are left out, and
//! each is counted under the kind its place in the page names (`<nav>`, `class="comment…"`,
//! …). The body is made of the page's own blocks, so every character of the page's text ends
//! in the article or in the ledger. Within the content, a block is read by its kind
//! ([`clean::role`]): a caption (a `<figcaption>`, short text in an element named for photos,
//! the short line under an image, a `▲`/`사진=` line) goes to the article's captions, a
//! reporter's byline to the metadata and the author, copyright notices, prompts and section
//! labels the page repeats to the ledger by kind.
//!
//! Metadata: the title is the page's `<h1>` when the metadata title (og:title, `<title>`)
//! contains it (a structural title, never dropped for the words it holds), else the metadata
//! title; the outlet is og:site_name or the JSON-LD publisher; the date is
//! article:published_time or JSON-LD datePublished, taken in the offset the page writes it in
//! (a UTC time on a Korean page is moved to KST first, so 02:30 KST is not the day before),
//! else the date the page shows in its dateline by the title ("입력 2020.08.25 02:30").
//! An MHTML file (a page saved with its resources, as MIME) is read for its HTML part with
//! that part's charset.
//!
//! The HTML parser's work grows with the square of a page's nesting depth and of one
//! element's attribute count: [`Shape`] measures both by a quick scan of the markup first,
//! and a page past [`MAX_PARSED_DEPTH`] or [`MAX_ATTRIBUTES`] is read as the text of its
//! markup ([`strip_tags`]) with a warning. Long text nodes are cut before Readability
//! serializes its content ([`split_long_texts`]), which scanned a node to its end at every
//! `&`.

use dom_query::{Document, NodeRef};
use jikji_engine::{Article, Caption, Origin};

use crate::{clean, ink, single, Ledger};

/// Pages with more elements than this are not parsed for their main content.
const MAX_ELEMENTS: usize = 200_000;
/// Elements nested deeper than this are read as their ancestor's text (no page nests so deep;
/// a hostile one would overflow the stack).
const MAX_DEPTH: usize = 256;
/// A block found this far (normalized characters) past where the last kept block ended in the
/// main content is not part of it, unless it is long enough not to match by chance.
const SLACK: usize = 40;
const LONG_BLOCK: usize = 30;

/// What a page gave: its article and where the rest of its text went.
#[derive(Debug, Default)]
pub struct Page {
    pub articles: Vec<Article>,
    pub ledger: Ledger,
    pub input_chars: usize,
    pub warnings: Vec<String>,
}

/// Decodes a page: BOM, then `<meta charset>` / `http-equiv`, then UTF-8, then CP949.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return (text.into_owned(), encoding.name());
    }
    if let Some(encoding) = declared_charset(bytes) {
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

/// The charset a page declares in its first 4 kB (`<meta charset="euc-kr">`,
/// `<meta http-equiv="Content-Type" content="text/html; charset=ks_c_5601-1987">`).
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let at = head.find("charset")?;
    let rest = head[at + "charset".len()..]
        .trim_start()
        .strip_prefix('=')?;
    let rest = rest.trim_start().trim_start_matches(['"', '\'']);
    let label: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    encoding_rs::Encoding::for_label(label.as_bytes())
}

/// One block of a page's visible text, and what its place in the page says it is.
#[derive(Debug, Clone)]
struct Block {
    text: String,
    /// The kind of page furniture its nearest telling ancestor names ("menu", "comments", …),
    /// for the ledger if it is dropped.
    kind: &'static str,
    caption: bool,
    /// Inside an element whose name says photo or caption (`table.photo`, `div.img_caption`).
    photo: bool,
    /// The first text after an image.
    after_image: bool,
    heading: u8,
}

const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "caption",
    "button",
    "select",
    "option",
    "label",
];
const HIDDEN_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "head", "svg", "iframe", "object",
];

/// The kind of text outside any furniture: what the main content can be made of.
const NEUTRAL: &str = "page furniture";

/// An element's id and class, lowercased, for the names they hold.
fn id_and_class(node: &NodeRef) -> String {
    format!(
        "{} {}",
        node.attr("id").map(|s| s.to_string()).unwrap_or_default(),
        node.attr("class")
            .map(|s| s.to_string())
            .unwrap_or_default()
    )
    .to_ascii_lowercase()
}

/// The kind of furniture an element's tag, id or class names, if any ([`NEUTRAL`] for names
/// that say article text: `article-body`, `content`, …); `inherited` is its parent's.
fn kind_of(node: &NodeRef, inherited: &'static str) -> Option<&'static str> {
    let names = id_and_class(node);
    let words: Vec<&str> = names
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |stems: &[&str]| words.iter().any(|w| stems.iter().any(|s| w.starts_with(s)));
    if has(&["comment", "reply", "cmt", "disqus"]) {
        Some("comments")
    } else if has(&["share", "sns", "social"]) {
        Some("share buttons")
    } else if words
        .iter()
        .any(|w| ["subscribe", "subscription", "signup"].contains(w))
    {
        // Whole words: a "subscriber-only" box holds the article itself.
        Some("subscription prompt")
    } else if has(&["related", "relate", "recommend", "more"]) {
        Some("related articles")
    } else if has(&["popular", "ranking", "rank", "most", "best", "hot"]) {
        Some("most read")
    } else if has(&["ticker", "breaking", "flash", "rolling", "marquee"]) {
        Some("ticker")
    } else if has(&["menu", "nav", "gnb", "lnb", "breadcrumb", "sitemap"]) {
        Some("menu")
    } else if has(&["footer", "copyright", "foot"]) {
        Some("page footer")
    } else if has(&["header", "masthead", "topbar"]) {
        Some("page header")
    } else if words.iter().any(|w| {
        [
            "ad",
            "ads",
            "advert",
            "advertisement",
            "banner",
            "sponsor",
            "promo",
        ]
        .contains(w)
    }) {
        Some("advertising")
    } else if has(&[
        "article", "content", "story", "entry", "body", "text", "view",
    ]) {
        Some(NEUTRAL)
    } else {
        // Names say more than tags; the tag alone when there are none.
        let tag = node
            .node_name()
            .map(|t| t.to_ascii_lowercase())
            .unwrap_or_default();
        match tag.as_str() {
            "nav" => Some("menu"),
            "footer" => Some("page footer"),
            "header" => Some("page header"),
            "aside" => Some("sidebar"),
            // Controls tell little where they stand (a comment's "reply" button is a comment's).
            "form" | "button" | "select" | "label" | "textarea" if inherited == NEUTRAL => {
                Some("form")
            }
            _ => None,
        }
    }
}

/// Whether an element's id or class names a photo or its caption (`photo`, `img_caption`,
/// `caption`): the short text inside it is a caption.
fn names_photo(node: &NodeRef) -> bool {
    let names = id_and_class(node);
    names
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| w.starts_with("photo") || w.starts_with("caption") || w.ends_with("caption"))
}

/// Whether an element's id or class names the outlet or its logo (`press`, `logo`, `source`,
/// `media`, `publisher`, `cp`): an image inside it stands for the outlet's name.
fn names_outlet(node: &NodeRef) -> bool {
    let names = id_and_class(node);
    names.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| {
        [
            "press",
            "logo",
            "source",
            "media",
            "publisher",
            "outlet",
            "cp",
            "brand",
        ]
        .iter()
        .any(|name| w == *name || w.starts_with(name) && w.len() <= name.len() + 4)
    })
}

/// An outlet's name is at most this long (characters) in a logo's alt text.
const MAX_LOGO_ALT_CHARS: usize = 30;

/// The text an image stands for when it is an outlet's logo (inside an element named for the
/// outlet, [`names_outlet`], or named so itself): its alt text, a short name (not "로고",
/// "logo", which names the picture, not the outlet).
fn logo_name(img: &NodeRef, outlet: bool) -> Option<String> {
    if !(outlet || names_outlet(img)) {
        return None;
    }
    let alt = clean::collapse_spaces(&img.attr("alt")?);
    let bare = clean::key(&alt);
    let generic = bare.is_empty() || bare == "로고" || bare == "logo" || bare.ends_with("로고");
    (!generic && alt.chars().count() <= MAX_LOGO_ALT_CHARS).then_some(alt)
}

/// The date a `<time>` element's `datetime` states (`2021-03-04T08:00:00+09:00`), when its
/// visible text states none (`3일 전`, `어제`): what the text means, as the page knew it. It
/// reads as a dateline on a line of its own.
fn machine_date(time: &NodeRef) -> Option<String> {
    if crate::dates::find_date(&time.text()).is_some() {
        return None;
    }
    let stated = time.attr("datetime")?;
    let day = stated.split(['T', ' ']).next()?;
    crate::dates::parse_date(day)
}

/// A caption is at most this long (characters): a longer block is text, wherever it stands.
const MAX_CAPTION_CHARS: usize = 200;

/// Whether a block of the main content is a caption: in a `<figcaption>`, a short text in an
/// element named for photos, the short line right under an image that is not a sentence, or a
/// line marked as one (`▲ …`, `사진=…`: [`clean::caption`]).
fn is_caption(block: &Block) -> bool {
    let short = block.text.chars().count() <= MAX_CAPTION_CHARS;
    let sentence = block.text.trim_end().ends_with("다.");
    block.caption
        || (block.photo && short)
        || (block.after_image && short && !sentence)
        || clean::caption(&block.text).is_some()
}

/// The visible text of `root` as blocks, in document order.
fn blocks(root: &NodeRef) -> Vec<Block> {
    blocks_and_depth(root).0
}

/// [`blocks`], and how deep the elements nest (capped at just over [`MAX_DEPTH`]).
fn blocks_and_depth(root: &NodeRef) -> (Vec<Block>, usize) {
    struct Walker {
        blocks: Vec<Block>,
        open: Option<usize>,
        elements: usize,
        deepest: usize,
        /// An image was passed since the last text.
        image: bool,
        /// The last inline element walked held a date alone ([`inline_date`]).
        after_date: bool,
        /// … and another element follows it: its text starts a line of its own.
        date_field: bool,
    }
    /// What a block inherits from the elements around it.
    #[derive(Clone, Copy)]
    struct Context {
        kind: &'static str,
        caption: bool,
        photo: bool,
        heading: u8,
        /// Inside an element named for the outlet ([`names_outlet`]).
        outlet: bool,
    }
    impl Walker {
        /// Text that continues the open block, or opens one.
        fn text(&mut self, text: &str, c: Context) {
            if std::mem::take(&mut self.date_field) && !text.starts_with(char::is_whitespace) {
                // A date in an element of its own, run into the next element's text: a field,
                // as a `<time>` is; the page's style sheet sets the next text apart.
                self.open = None;
            }
            let i = match self.open {
                Some(i) => i,
                None => {
                    let i = self.block(String::new(), c);
                    self.open = Some(i);
                    i
                }
            };
            self.blocks[i].text.push_str(text);
        }
        fn block(&mut self, text: String, c: Context) -> usize {
            self.blocks.push(Block {
                text,
                kind: c.kind,
                caption: c.caption,
                photo: c.photo,
                after_image: std::mem::take(&mut self.image),
                heading: c.heading,
            });
            self.blocks.len() - 1
        }
    }
    fn walk(w: &mut Walker, node: &NodeRef, c: Context, depth: usize) {
        w.deepest = w.deepest.max(depth);
        if depth > MAX_DEPTH {
            // Too deep to walk: the subtree's text as one block.
            let text = node.text();
            if !text.trim().is_empty() {
                w.block(text.to_string(), c);
            }
            w.open = None;
            return;
        }
        for child in node.children_it(false) {
            if child.is_text() {
                let text = child.text();
                // Bare text right after a date element goes on with it (`3월 4일</b>부터`).
                w.after_date = false;
                if text.trim().is_empty() {
                    w.date_field = false;
                    if let Some(i) = w.open {
                        w.blocks[i].text.push(' ');
                    }
                    continue;
                }
                w.text(&text, c);
            } else if child.is_element() {
                w.elements += 1;
                if w.elements > MAX_ELEMENTS {
                    return;
                }
                let tag = child
                    .node_name()
                    .map(|t| t.to_ascii_lowercase())
                    .unwrap_or_default();
                if HIDDEN_TAGS.contains(&tag.as_str()) || child.has_attr("hidden") {
                    continue;
                }
                w.date_field |= std::mem::take(&mut w.after_date);
                if tag == "img" {
                    match logo_name(&child, c.outlet) {
                        Some(name) => w.text(&format!(" {name} "), c),
                        None => w.image = true,
                    }
                    continue;
                }
                if tag == "time" {
                    // A dateline of its own, as the page shows it under the title.
                    if let Some(date) = machine_date(&child) {
                        w.open = None;
                        w.text(&date, c);
                        w.open = None;
                        continue;
                    }
                }
                if tag == "br" {
                    w.after_date = false;
                    w.date_field = false;
                    if let Some(i) = w.open {
                        w.blocks[i].text.push(' ');
                    }
                    continue;
                }
                let inner = Context {
                    kind: kind_of(&child, c.kind).unwrap_or(c.kind),
                    caption: c.caption || tag == "figcaption",
                    photo: c.photo || names_photo(&child),
                    heading: match tag.as_bytes() {
                        [b'h', d @ b'1'..=b'6'] => d - b'0',
                        _ => c.heading,
                    },
                    outlet: c.outlet || names_outlet(&child),
                };
                if BLOCK_TAGS.contains(&tag.as_str()) {
                    w.open = None;
                    walk(w, &child, inner, depth + 1);
                    w.open = None;
                } else {
                    let before = w.open.map(|i| (i, w.blocks[i].text.len()));
                    walk(w, &child, inner, depth + 1);
                    // An element that ends with a date element ends with a date too.
                    w.after_date = w.after_date || inline_date(&w.blocks, before, w.open);
                }
            }
        }
    }
    let mut w = Walker {
        blocks: Vec::new(),
        open: None,
        elements: 0,
        deepest: 0,
        image: false,
        after_date: false,
        date_field: false,
    };
    let top = Context {
        kind: NEUTRAL,
        caption: false,
        photo: false,
        heading: 0,
        outlet: false,
    };
    walk(&mut w, root, top, 0);
    let blocks = w
        .blocks
        .into_iter()
        .map(|mut b| {
            b.text = clean::collapse_spaces(&b.text);
            b
        })
        .filter(|b| !b.text.is_empty())
        .collect();
    (blocks, w.deepest)
}

/// Whether the inline element just walked holds a date alone: the text it added to the open
/// block (which was open at `before` with that many bytes, or opened by it) is one
/// (`<span class="date">2022.10.13.</span>`).
fn inline_date(blocks: &[Block], before: Option<(usize, usize)>, open: Option<usize>) -> bool {
    let Some(i) = open else {
        return false;
    };
    let start = match before {
        Some((j, len)) if j == i => len,
        Some(_) => return false,
        None => 0,
    };
    blocks[i]
        .text
        .get(start..)
        .and_then(crate::dates::parse_date)
        .is_some()
}

/// What the page's metadata says (from Readability's metadata pass).
struct Meta {
    title: String,
    byline: Option<String>,
    site_name: Option<String>,
    published_time: Option<String>,
    url: Option<String>,
}

/// Comparison form: NFKC-free (the page's own text on both sides), whitespace removed.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A byline as pages write it ("조아라 기자", "By 조아라", "조아라 기자 rrang@hankyung.com"):
/// the name.
fn author_of(byline: &str) -> Option<String> {
    if let Some(b) = single::parse_byline(byline) {
        return Some(b.author);
    }
    let words: Vec<&str> = byline
        .split_whitespace()
        .filter(|w| !w.contains('@') && !matches!(*w, "By" | "by" | "기자" | "특파원" | "=" | "|"))
        .collect();
    let name = words.first()?.trim_end_matches("기자");
    (!name.is_empty() && name.chars().count() <= 20).then(|| name.to_owned())
}

/// Letters (not digits or punctuation) a dateline holds besides its dates: its labels
/// ("입력", "수정", "기사입력", "승인", "오후").
const DATELINE_LETTERS: usize = 12;

/// Whether a block is a page's dateline: a date, and besides the digits and punctuation of
/// dates and times only a few letters ("입력 2019.05.20 14:35 | 수정 2019.05.20 16:02").
fn is_dateline(text: &str) -> bool {
    crate::dates::find_date(text).is_some()
        && text.chars().filter(|c| c.is_alphabetic()).count() <= DATELINE_LETTERS
}

/// Reads a saved page.
pub fn read(html: &str, file: &str, stem: &str, format: &'static str) -> Result<Page, String> {
    if let Some(why) = Shape::of(html).beyond_limits() {
        return Ok(read_as_text(html, file, stem, why));
    }
    let doc = Document::from(html);
    let root = doc.select("body");
    let root = match root.nodes().first() {
        Some(body) => *body,
        None => doc.root(),
    };
    let (all, depth) = blocks_and_depth(&root);
    let input_chars: usize = all.iter().map(|b| ink(&b.text)).sum();
    if input_chars == 0 {
        return Err("no text in the page".into());
    }
    let lang = doc
        .select("html")
        .attr("lang")
        .map(|l| l.to_lowercase())
        .unwrap_or_default();
    let hangul = all
        .iter()
        .flat_map(|b| b.text.chars())
        .filter(|c| ('가'..='힣').contains(c))
        .count();
    let korean = lang.starts_with("ko") || hangul * 4 > input_chars;

    let config = dom_smoothie::Config {
        max_elements_to_parse: MAX_ELEMENTS,
        ..Default::default()
    };
    // Readability's scoring grows with the depth of the tree; a page nested deeper than any
    // real one (a hostile file) is read by its structure alone, and the report says so.
    let too_deep = depth > MAX_DEPTH;
    let (meta, content_html) = super::guarded("HTML", || {
        let document = Document::from(html);
        split_long_texts(&document);
        let mut readability =
            dom_smoothie::Readability::with_document(document, None, Some(config))
                .map_err(|e| e.to_string())?;
        if too_deep {
            let m = readability.get_article_metadata(readability.parse_json_ld());
            let meta = Meta {
                title: m.title,
                byline: m.byline,
                site_name: m.site_name,
                published_time: m.published_time,
                url: m.url,
            };
            return Ok((meta, None));
        }
        let a = readability
            .parse()
            .map_err(|e| format!("no main content found ({e})"))?;
        let meta = Meta {
            title: a.title,
            byline: a.byline,
            site_name: a.site_name,
            published_time: a.published_time,
            url: a.url,
        };
        Ok((meta, Some(a.content.to_string())))
    })?;
    let mut warnings = Vec::new();
    if too_deep {
        warnings.push(format!(
            "elements nested more than {MAX_DEPTH} deep: the main content is what the page's structure does not name as furniture"
        ));
    }
    let content: Option<String> = content_html.map(|c| {
        let content_doc = Document::from(c);
        let keys: String = blocks(&content_doc.root())
            .iter()
            .map(|b| squeeze(&b.text))
            .collect();
        keys
    });
    let parsed = meta;

    // The title: the page's own heading when the metadata title holds it.
    let meta_title = clean::collapse_spaces(&parsed.title);
    let h1 = all
        .iter()
        .find(|b| b.heading == 1 && !squeeze(&b.text).is_empty());
    let title = match h1 {
        Some(h) if squeeze(&meta_title).contains(&squeeze(&h.text)) || meta_title.is_empty() => {
            h.text.clone()
        }
        _ => meta_title.clone(),
    };
    let title_key = squeeze(&title);
    let byline = parsed.byline.as_deref().map(clean::collapse_spaces);
    let byline_key = byline.as_deref().map(squeeze).filter(|k| !k.is_empty());
    let date = parsed
        .published_time
        .as_deref()
        .and_then(|t| crate::dates::local_date(t, korean));

    // The date the page shows by its title ("입력 2020.08.25 02:30"), when its metadata has none.
    let mut page_date: Option<String> = None;
    let mut ledger = Ledger::default();
    let mut paragraphs: Vec<String> = Vec::new();
    let mut captions: Vec<Caption> = Vec::new();
    let mut cursor = 0;
    let mut title_seen = false;
    // A byline the page writes in its text ("홍길동 기자 gildong@example.com", "[홍길동 기자]").
    let mut reporter: Option<String> = None;
    let labels = clean::running_labels(all.iter().map(|b| b.text.as_str()));
    for block in &all {
        let key = squeeze(&block.text);
        let found = match &content {
            Some(content) => content
                .get(cursor..)
                .and_then(|rest| rest.find(&key))
                .map(|at| at + cursor),
            None => Some(cursor),
        };
        let in_content =
            found.is_some_and(|at| at - cursor <= SLACK || key.chars().count() >= LONG_BLOCK);
        if !title_seen && (key == title_key || (block.heading == 1 && title_key.contains(&key))) {
            ledger.title(&block.text);
            title_seen = true;
            if in_content {
                cursor = found.unwrap() + key.len();
            }
            continue;
        }
        // The byline and dateline blocks (which readability leaves out of the content).
        let short = block.text.chars().count() <= 60;
        let is_byline = byline_key
            .as_ref()
            .is_some_and(|b| key.contains(b.as_str()))
            && short;
        let is_dateline = short && is_dateline(&block.text);
        if (is_byline || is_dateline) && block.kind == NEUTRAL && paragraphs.is_empty() {
            ledger.metadata(&block.text);
            if page_date.is_none() {
                page_date = crate::dates::find_date(&block.text).map(|(iso, _)| iso);
            }
            if in_content && content.is_some() {
                cursor = found.unwrap() + key.len();
            }
            continue;
        }
        // A reporter's byline is metadata wherever the page puts it (Readability often leaves
        // it out of the content).
        let role = (block.kind == NEUTRAL)
            .then(|| clean::role(&block.text))
            .flatten();
        if let Some(clean::Role::Byline(name)) = &role {
            ledger.metadata(&block.text);
            reporter.get_or_insert_with(|| name.clone());
            if in_content && content.is_some() {
                cursor = found.unwrap() + key.len();
            }
            continue;
        }
        // Readability may keep a comment list or a related-articles box with a short
        // article: what the page's structure names as furniture is never body.
        if !in_content || block.kind != NEUTRAL {
            ledger.dropped(block.kind, &block.text);
            continue;
        }
        if content.is_some() {
            cursor = found.unwrap() + key.len();
        }
        if let Some(clean::Role::Dropped(kind)) = role {
            ledger.dropped(kind, &block.text);
            continue;
        }
        if labels.contains(&clean::key(&block.text)) {
            ledger.dropped("running label", &block.text);
            continue;
        }
        if is_caption(block) {
            captions.push(Caption {
                after_paragraph: paragraphs.len() as u32,
                text: block.text.clone(),
            });
        } else {
            paragraphs.push(block.text.clone());
        }
    }
    if paragraphs.is_empty() {
        return Err("no main content found (only page furniture)".into());
    }
    let mut article = Article::new(stem, title, paragraphs.join("\n\n"));
    article.source = parsed
        .site_name
        .as_deref()
        .map(clean::collapse_spaces)
        .filter(|s| !s.is_empty());
    article.author = byline.as_deref().and_then(author_of).or(reporter);
    article.date = date.or(page_date);
    article.url = parsed.url.clone().filter(|u| u.starts_with("http"));
    article.captions = captions;
    article.origin = Some(Origin {
        file: file.to_owned(),
        line_start: 1,
        line_end: html.lines().count().max(1) as u32,
        format: Some(format.to_owned()),
    });
    if !title_seen && h1.is_none() && meta_title.is_empty() {
        warnings.push("the page has no title; the body's start stands for it".into());
    }
    if article.title.is_empty() {
        article.title = single::cut_title(article.body.split("\n\n").next().unwrap_or_default());
    }
    Ok(Page {
        articles: vec![article],
        ledger,
        input_chars,
        warnings,
    })
}

/// The HTML part of an MHTML file, decoded with its own charset.
pub fn mhtml_html(bytes: &[u8]) -> Result<(String, Option<String>), String> {
    super::guarded("MHTML", || {
        let message = mail_parser::MessageParser::default()
            .parse(bytes)
            .ok_or_else(|| "damaged MHTML: not a MIME document".to_owned())?;
        let html = message
            .body_html(0)
            .ok_or_else(|| "MHTML without an HTML part".to_owned())?
            .into_owned();
        let location = message
            .header_raw("Snapshot-Content-Location")
            .or_else(|| message.header_raw("Content-Location"))
            .map(|s| s.trim().to_owned());
        Ok((html, location))
    })
}

/// Elements nested deeper than this, or one element with more attributes, are not given to
/// the HTML parser: its work grows with the square of either (html5ever scans the open
/// elements for every tag, and an element's earlier attributes for every attribute; 100,000
/// nested `<div>`s took 37 s). No real page comes near (a deep one nests a few hundred).
const MAX_PARSED_DEPTH: usize = 5_000;
const MAX_ATTRIBUTES: usize = 5_000;
/// Text nodes longer than this (bytes) are cut into several before Readability sees the page:
/// serializing its content scans a text node to its end for every `&` or `·` in it.
const TEXT_PIECE: usize = 1024;

/// How deep a page's elements nest and how many attributes its largest tag has, by a quick
/// scan of the markup (comments, scripts, styles and end tags of elements that need none are
/// taken into account; it errs on the deep side for unclosed elements).
#[derive(Debug, Default, PartialEq, Eq)]
struct Shape {
    depth: usize,
    attributes: usize,
}

impl Shape {
    fn of(html: &str) -> Shape {
        let bytes = html.as_bytes();
        let mut shape = Shape::default();
        let mut depth = 0usize;
        let mut at = 0;
        while let Some(lt) = memchr_lt(bytes, at) {
            let rest = &bytes[lt..];
            if rest.starts_with(b"<!--") {
                at = find(bytes, lt + 4, b"-->").map_or(bytes.len(), |e| e + 3);
                continue;
            }
            let closing = rest.get(1) == Some(&b'/');
            let name_start = lt + 1 + usize::from(closing);
            let name_end = bytes[name_start..]
                .iter()
                .position(|b| !b.is_ascii_alphanumeric())
                .map_or(bytes.len(), |n| name_start + n);
            if name_end == name_start {
                at = lt + 1;
                continue;
            }
            let name = html[name_start..name_end].to_ascii_lowercase();
            let (end, attributes) = tag_end(bytes, name_end);
            shape.attributes = shape.attributes.max(attributes);
            let self_closing = end >= 2 && bytes[end - 2] == b'/';
            if closing {
                if !VOID_OR_OPTIONAL.contains(&name.as_str()) {
                    depth = depth.saturating_sub(1);
                }
            } else if !self_closing && !VOID_OR_OPTIONAL.contains(&name.as_str()) {
                depth += 1;
                shape.depth = shape.depth.max(depth);
            }
            at = end;
            // Raw text: its content holds no tags.
            if !closing && matches!(name.as_str(), "script" | "style" | "textarea" | "title") {
                let close = format!("</{name}");
                at = find_ignore_case(bytes, at, close.as_bytes()).unwrap_or(bytes.len());
            }
        }
        shape
    }

    /// Why the page is not parsed, if it is beyond what the parser does in linear time.
    fn beyond_limits(&self) -> Option<String> {
        if self.depth > MAX_PARSED_DEPTH {
            Some(format!(
                "elements nested about {} deep (more than the {MAX_PARSED_DEPTH} ingest parses): read as plain text, without the page's structure",
                self.depth
            ))
        } else if self.attributes > MAX_ATTRIBUTES {
            Some(format!(
                "an element with {} attributes (more than the {MAX_ATTRIBUTES} ingest parses): read as plain text, without the page's structure",
                self.attributes
            ))
        } else {
            None
        }
    }
}

/// Elements whose end tag is absent or optional: they do not count towards depth.
const VOID_OR_OPTIONAL: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "html", "head", "body", "tbody",
    "thead", "tfoot", "colgroup", "optgroup", "rt", "rp",
];

fn memchr_lt(bytes: &[u8], from: usize) -> Option<usize> {
    bytes
        .get(from..)?
        .iter()
        .position(|&b| b == b'<')
        .map(|n| from + n)
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|n| from + n)
}

fn find_ignore_case(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|n| from + n)
}

/// The end of a tag whose name ends at `from` (just past its `>`), and how many attributes
/// it has (names outside quoted values).
fn tag_end(bytes: &[u8], from: usize) -> (usize, usize) {
    let mut attributes = 0;
    let mut quote: Option<u8> = None;
    let mut in_name = false;
    let mut i = from;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None => match b {
                b'>' => return (i + 1, attributes),
                b'"' | b'\'' => {
                    quote = Some(b);
                    in_name = false;
                }
                b'=' | b'/' => in_name = false,
                _ if b.is_ascii_whitespace() => in_name = false,
                _ => {
                    if !in_name && bytes[i - 1] != b'=' {
                        attributes += 1;
                    }
                    in_name = true;
                }
            },
        }
        i += 1;
    }
    (bytes.len(), attributes)
}

/// The text of markup without its tags, comments, scripts and styles: a block-level tag
/// (and `<br>`) ends a line, the common entities are decoded. For pages the parser is not
/// given ([`Shape::beyond_limits`]).
pub(crate) fn strip_tags(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut text = String::with_capacity(html.len() / 2);
    let mut at = 0;
    while at < bytes.len() {
        let Some(lt) = memchr_lt(bytes, at) else {
            push_decoded(&mut text, &html[at..]);
            break;
        };
        push_decoded(&mut text, &html[at..lt]);
        if bytes[lt..].starts_with(b"<!--") {
            at = find(bytes, lt + 4, b"-->").map_or(bytes.len(), |e| e + 3);
            continue;
        }
        let closing = bytes.get(lt + 1) == Some(&b'/');
        let name_start = lt + 1 + usize::from(closing);
        let name_end = bytes[name_start..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .map_or(bytes.len(), |n| name_start + n);
        if name_end == name_start {
            text.push('<');
            at = lt + 1;
            continue;
        }
        let name = html[name_start..name_end].to_ascii_lowercase();
        let (end, _) = tag_end(bytes, name_end);
        at = end;
        if BLOCK_TAGS.contains(&name.as_str()) || name == "br" {
            text.push('\n');
        }
        if !closing && HIDDEN_TAGS.contains(&name.as_str()) {
            let close = format!("</{name}");
            at = find_ignore_case(bytes, at, close.as_bytes()).unwrap_or(bytes.len());
        }
    }
    text
}

/// Appends `raw` text with the common character references decoded.
fn push_decoded(out: &mut String, raw: &str) {
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        // A reference is short: its `;` within 12 bytes (found as a byte: the cut may fall
        // inside a character).
        let end = rest.as_bytes()[..rest.len().min(12)]
            .iter()
            .position(|&b| b == b';');
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                "nbsp" => ' ',
                _ => {
                    let n = name.strip_prefix('#')?;
                    let code = match n.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => n.parse().ok()?,
                    };
                    char::from_u32(code)?
                }
            };
            Some((c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

/// A page the parser is not given, read as the text of its markup by the text pipeline, with
/// `why` as a warning.
fn read_as_text(html: &str, file: &str, stem: &str, why: String) -> Page {
    let text = strip_tags(html);
    let mut ledger = Ledger::default();
    let (articles, mut warnings) = crate::text_articles(file, stem, &text, &mut ledger);
    warnings.insert(0, why);
    Page {
        articles,
        ledger,
        input_chars: ink(&text),
        warnings,
    }
}

/// Cuts every text node of `doc` longer than [`TEXT_PIECE`] bytes into adjacent text nodes of
/// at most that length (at character boundaries): the text is the same, but serializing it
/// stays linear.
fn split_long_texts(doc: &Document) {
    let long: Vec<NodeRef> = doc
        .root()
        .descendants_it()
        .filter(|n| n.is_text() && n.text().len() > TEXT_PIECE)
        .collect();
    for node in long {
        let text = node.text();
        let mut pieces = Vec::new();
        let mut start = 0;
        while start < text.len() {
            let mut end = (start + TEXT_PIECE).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            pieces.push(&text[start..end]);
            start = end;
        }
        node.set_text(pieces[0]);
        let mut last = node;
        for piece in &pieces[1..] {
            let next = doc.tree.new_text(*piece);
            last.insert_after(&next);
            last = next;
        }
    }
}

/// Whether bytes look like an HTML page.
pub fn sniff(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(&head[..head.len().min(1024)]).to_ascii_lowercase();
    let text = text.trim_start_matches('\u{feff}').trim_start();
    text.starts_with("<!doctype html")
        || text.starts_with("<html")
        || (text.starts_with("<!--") && text.contains("<html"))
        || (text.starts_with("<?xml") && text.contains("<html"))
}

/// Whether bytes look like an MHTML file: MIME headers with a multipart/related body, and
/// none of the headers a sent message has (an e-mail with inline images is related too).
pub fn sniff_mhtml(head: &[u8]) -> bool {
    let headers = super::mime::header_names(head);
    headers.iter().any(|h| h == "mime-version")
        && super::mime::header_block(head)
            .to_ascii_lowercase()
            .contains("multipart/related")
        && !headers.iter().any(|h| {
            [
                "to",
                "message-id",
                "received",
                "delivered-to",
                "return-path",
            ]
            .contains(&h.as_str())
        })
}

/// The visible text of a page one block a line, without the blocks its structure names as
/// furniture (a mail's footer, its menus), which go to `ledger`: the text an e-mail's HTML
/// part gives the text pipeline. Returns the text and the characters of all blocks.
pub fn page_lines(html: &str, ledger: &mut Ledger) -> (String, usize) {
    if Shape::of(html).beyond_limits().is_some() {
        let text = strip_tags(html);
        let chars = ink(&text);
        return (text, chars);
    }
    let doc = Document::from(html);
    let body = doc.select("body");
    let root = match body.nodes().first() {
        Some(body) => *body,
        None => doc.root(),
    };
    let mut text = String::new();
    let mut chars = 0;
    for block in blocks(&root) {
        chars += ink(&block.text);
        if block.kind == NEUTRAL {
            text.push_str(&block.text);
            text.push('\n');
        } else {
            ledger.dropped(block.kind, &block.text);
        }
    }
    (text, chars)
}

/// The captions of a page's body (a `<figcaption>`, the short line under an image, text in
/// an element named for photos), as blocks of text: what the markup says and a text version
/// of the same message does not.
pub fn caption_lines(html: &str) -> Vec<String> {
    if Shape::of(html).beyond_limits().is_some() {
        return Vec::new();
    }
    let doc = Document::from(html);
    let body = doc.select("body");
    let root = match body.nodes().first() {
        Some(body) => *body,
        None => doc.root(),
    };
    blocks(&root)
        .into_iter()
        .filter(|b| b.kind == NEUTRAL && is_caption(b))
        .map(|b| b.text)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_beyond_the_parser_are_read_as_their_text() {
        let deep = format!(
            "<html><body>{}<p>중관춘 &amp; 창업 &#54620;&#xAD6D; &한국어; &</p>{}</body></html>",
            "<div>".repeat(MAX_PARSED_DEPTH + 1),
            "</div>".repeat(MAX_PARSED_DEPTH + 1)
        );
        let shape = Shape::of(&deep);
        assert_eq!(shape.depth, MAX_PARSED_DEPTH + 1);
        assert!(shape
            .beyond_limits()
            .unwrap()
            .starts_with("elements nested about 5001 deep"));
        let text = strip_tags(&deep);
        assert_eq!(text.trim(), "중관춘 & 창업 한국 &한국어; &");
        // Comments, scripts, quoted `>` and void or optional elements do not count.
        let page =
            "<p a='>'>x<br><img src=a><!-- <div><div> --><script>if (a<b) {}</script><li>y</p>";
        assert_eq!(
            Shape::of(page),
            Shape {
                depth: 1,
                attributes: 1
            }
        );
        let attrs: String = (0..=MAX_ATTRIBUTES).map(|i| format!(" a{i}=x")).collect();
        let shape = Shape::of(&format!("<p{attrs}>x</p>"));
        assert_eq!(shape.attributes, MAX_ATTRIBUTES + 1);
    }

    #[test]
    fn the_markup_scan_takes_any_text() {
        // Scraps of markup in every order (a fixed generator: the same cases every run).
        let scraps = [
            "<", ">", "/", "=", "\"", "'", "&", ";", "<!--", "-->", "div", "p", "script", "한",
            "&amp", "#x", " ", "\n", "</", "a",
        ];
        let mut state = 2026u64;
        for _ in 0..2000 {
            let mut page = String::new();
            for _ in 0..(state % 40) {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                page.push_str(scraps[(state >> 33) as usize % scraps.len()]);
            }
            let _ = Shape::of(&page);
            let _ = strip_tags(&page);
        }
    }

    #[test]
    fn a_date_in_an_element_of_its_own_is_a_field_where_the_next_element_runs_into_it() {
        let lines = |html: &str| page_lines(html, &mut Ledger::default()).0;
        // A result list whose style sheet sets the date apart from the headline after it.
        let page =
            "<ul><li><em class=\"src\">경제신문</em><em>·</em><b class=\"when\"><i>2019년 5월 \
                    2일</i></b><span class=\"headline\"><a>새 정책 발표</a></span></li></ul>";
        assert_eq!(lines(page), "경제신문·2019년 5월 2일\n새 정책 발표\n");
        // A date run into the sentence's own text, or set apart by a space, stays in its line.
        let sentence =
            "<p>정부는 <strong>2019.05.02</strong>부터 <b>2019.05.03</b> <a>공고</a>를 냈다.</p>";
        assert_eq!(
            lines(sentence),
            "정부는 2019.05.02부터 2019.05.03 공고를 냈다.\n"
        );
        // Text that is no date alone does not end a line.
        let mixed = "<p><span>제목 2019.05.02</span><span>다음</span></p>";
        assert_eq!(lines(mixed), "제목 2019.05.02다음\n");
    }

    #[test]
    fn a_box_named_for_subscribing_is_a_prompt_with_all_it_says() {
        let mut ledger = Ledger::default();
        let page = "<article><p>본문의 첫 문단이 이렇게 이어진다.</p>\
                    <div class=\"newsletter-signup\"><p>이 글이 좋았다면 동료에게도 알려 주세요.</p><a>무료로 받아 보기</a></div>\
                    <p>본문의 둘째 문단도 이렇게 이어진다.</p></article>";
        let (text, _) = page_lines(page, &mut ledger);
        assert!(!text.contains("동료에게도"), "{text}");
        assert!(text.contains("둘째 문단"), "{text}");
        assert!(
            format!("{ledger:?}").contains("subscription prompt"),
            "{ledger:?}"
        );
    }

    #[test]
    fn charsets_are_read_from_the_page() {
        let (text, encoding) = decode(
            b"<html><head><meta charset=\"euc-kr\"></head><body>\xc7\xd1\xb1\xb9</body></html>",
        );
        assert_eq!(encoding, "EUC-KR");
        assert!(text.contains("한국"));
        let (_, encoding) = decode(
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ks_c_5601-1987\">",
        );
        assert_eq!(encoding, "EUC-KR");
    }
}
