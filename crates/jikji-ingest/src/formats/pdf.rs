//! PDF: the text layer, page by page, as lines with their place on the page.
//!
//! [`pdf_extract`] (on `lopdf`) interprets each page's content stream and hands us every
//! character with its position; we group them into lines the way its plain-text output does
//! (a new line when the baseline moves down and left, a blank line on a large jump, a space
//! when a word starts past the end of the last one), keeping each line's height on the page.
//! Content-stream order is reading order for the PDFs office programs write, two-column pages
//! included (column by column).
//!
//! What a page repeats is not text: a line in the top or bottom band of the page that recurs
//! on other pages (digits aside: "제195호 — 3" and "제195호 — 4" are one header) is a running
//! header or footer, and a bare page number there ("3", "- 3 -", "3 / 12", "p. 3") is a page
//! number; both go to the ledger. The rest goes to the text pipeline, which joins hard-wrapped
//! lines, repairs the spacing extraction leaves (`GDP 로`), keeps captions as captions and
//! splits a newsletter into its articles with the same logic as a text newsletter.
//!
//! Bad files are reasons, not panics: no `%PDF` structure ("damaged or truncated PDF"), a
//! password ("encrypted PDF"), a stream whose `/Length` is wrong ([`wrong_length`]), no text
//! at all ("no text layer — a scanned image?"). The pages are read in one pass
//! ([`read_pages`]). Memory is bounded by the file size cap, by measuring what each page's
//! Flate streams inflate to under a cap before the reader inflates them
//! ([`check_inflated_sizes`]), and by keeping each page's text, not its objects.

use lopdf::Document;
use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use super::{guarded, Extracted};
use crate::{ink, Ledger};

/// Larger files are refused (the whole file is parsed in memory).
pub const MAX_BYTES: usize = 256 << 20;
/// Extraction stops after this many characters (about 20,000 pages of dense text).
pub const MAX_CHARS: usize = 40_000_000;
/// The top and bottom bands of a page (fractions of its height) where running headers,
/// footers and page numbers stand.
const BAND: f64 = 0.1;

/// One line of a page: its text and the height of its baseline from the top of the page
/// (0 = top, 1 = bottom).
#[derive(Clone, Debug)]
struct PdfLine {
    text: String,
    top: f64,
    /// The same in points.
    depth: f64,
    /// Where the line starts and ends horizontally, and its largest font size (points).
    x0: f64,
    x1: f64,
    size: f64,
    /// The widest gap between two words of the line, in points: a tab stop or table column
    /// ("발표 ⇥ P20") is much wider than a space.
    widest_gap: f64,
}

/// Collects the characters pdf-extract reports into lines, per page.
#[derive(Default)]
struct Collector {
    pages: Vec<Vec<PdfLine>>,
    page: Vec<PdfLine>,
    current: String,
    current_top: f64,
    current_x0: f64,
    current_size: f64,
    current_gap: f64,
    ury: f64,
    height: f64,
    last_y: f64,
    last_end: f64,
    first_char: bool,
    chars: usize,
}

impl Collector {
    fn end_current(&mut self) {
        let text = self.current.trim().to_owned();
        if !text.is_empty() {
            self.page.push(PdfLine {
                text,
                top: self.current_top,
                depth: self.current_top * self.height,
                x0: self.current_x0,
                x1: self.last_end,
                size: self.current_size,
                widest_gap: self.current_gap,
            });
        }
        self.current.clear();
        self.current_size = 0.0;
        self.current_gap = 0.0;
    }
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _: u32,
        media_box: &MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.ury = media_box.ury;
        self.height = (media_box.ury - media_box.lly).abs().max(1.0);
        self.last_y = f64::NAN;
        self.last_end = f64::NEG_INFINITY;
        self.first_char = false;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        self.end_current();
        let page = std::mem::take(&mut self.page);
        self.pages.push(page);
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _: f64,
        font_size: f64,
        ch: &str,
    ) -> Result<(), OutputError> {
        if self.chars >= MAX_CHARS {
            return Ok(());
        }
        let (x, y) = (trm.m31, trm.m32);
        let vx = font_size * (trm.m11 + trm.m21);
        let vy = font_size * (trm.m12 + trm.m22);
        let size = (vx * vy).abs().sqrt().max(0.1);
        if self.first_char {
            let dy = (y - self.last_y).abs();
            if self.last_y.is_nan() || self.current.is_empty() {
                self.current_top = ((self.ury - y) / self.height).clamp(0.0, 1.0);
                self.current_x0 = x;
            } else if dy > size * 1.5 || (x < self.last_end && dy > size * 0.5) {
                self.end_current();
                self.current_top = ((self.ury - y) / self.height).clamp(0.0, 1.0);
                self.current_x0 = x;
            } else if x > self.last_end + size * 0.1 {
                // Han characters are written without spaces; a small gap between two of them
                // is a font's metrics (a fallback font's widths), not a word break.
                let han_pair = self.current.chars().last().is_some_and(is_han)
                    && ch.chars().next().is_some_and(is_han)
                    && x < self.last_end + size * 0.6;
                if !han_pair {
                    // A tab stop or a table column is written as a tab, as text exports do
                    // (a table of contents in columns is read by them).
                    let gap = x - self.last_end;
                    self.current
                        .push(if gap > TAB_GAP * size { '\t' } else { ' ' });
                    self.current_gap = self.current_gap.max(gap);
                }
            }
        }
        // Some fonts map a glyph to control characters; they are not text.
        for c in ch.chars().filter(|c| !c.is_control()) {
            self.current.push(c);
            self.chars += 1;
        }
        self.current_size = self.current_size.max(size);
        self.first_char = false;
        self.last_y = y;
        self.last_end = x + width * size;
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.first_char = true;
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// Reads the text layer of a PDF.
pub fn extract(bytes: &[u8]) -> Result<Extracted, String> {
    if bytes.len() > MAX_BYTES {
        return Err(format!(
            "PDF of {} MB is larger than the {} MB ingest reads",
            bytes.len() >> 20,
            MAX_BYTES >> 20
        ));
    }
    let doc = guarded("PDF", || {
        let mut doc = Document::load_mem(bytes).map_err(|e| match e {
            lopdf::Error::Decryption(_) => "encrypted PDF: it needs a password to open".to_owned(),
            e => format!("damaged or truncated PDF ({e})"),
        })?;
        if doc.is_encrypted() && doc.decrypt("").is_err() {
            return Err("encrypted PDF: it needs a password to open".to_owned());
        }
        Ok(doc)
    })?;
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err("damaged PDF: it has no pages".into());
    }
    check_inflated_sizes(&doc, &pages)?;
    let page_numbers: Vec<u32> = pages.keys().copied().collect();
    let mut collector = Collector::default();
    let mut warnings = Vec::new();
    let failed = read_pages(&doc, &page_numbers, &mut collector);
    drop(doc);
    if !failed.is_empty() {
        let list: Vec<String> = failed
            .iter()
            .map(|(n, e)| format!("page {n}: {e}"))
            .collect();
        warnings.push(format!(
            "{} page(s) could not be read: {}",
            failed.len(),
            list.join("; ")
        ));
    }
    if collector.chars >= MAX_CHARS {
        warnings.push(format!("text cut at {MAX_CHARS} characters"));
    }
    let pages = collector.pages;
    let total: usize = pages.iter().flatten().map(|l| ink(&l.text)).sum();
    if total == 0 {
        return Err(if failed.len() == page_numbers.len() {
            format!("damaged PDF: no page could be read ({})", failed[0].1)
        } else {
            match wrong_length(bytes) {
                Some(why) => format!("damaged PDF: {why}, so its text cannot be read"),
                None => "no text layer — a scanned image? (text must be recognised (OCR) first)"
                    .to_owned(),
            }
        });
    }
    let empty: Vec<String> = pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.is_empty())
        .map(|(i, _)| (i + 1).to_string())
        .collect();
    if !empty.is_empty() && empty.len() < pages.len() {
        warnings.push(format!(
            "page(s) {} have no text layer (scanned images?)",
            empty.join(", ")
        ));
    }
    let mut ledger = Ledger::default();
    let (text, page_lines) = assemble(&pages, &mut ledger);
    Ok(Extracted {
        text,
        encoding: "text layer",
        ledger,
        input_chars: total,
        warnings,
        page_lines,
    })
}

/// What one page's content may inflate to, its streams together (a page of dense text is a
/// few hundred kB): past it, a file is a decompression bomb, refused before its reader
/// inflates anything — as a zip part past [`super::MAX_PART_BYTES`] is.
pub const MAX_PAGE_CONTENT_BYTES: u64 = 64 << 20;

/// Refuses a PDF whose page content would inflate past [`MAX_PAGE_CONTENT_BYTES`]: each
/// Flate stream a page draws is inflated once, into nothing, counting its bytes under the cap
/// (a page that names one stream a million times counts it a million times). Form XObjects are
/// measured alike; images are not (the reader does not decode them).
fn check_inflated_sizes(
    doc: &Document,
    pages: &std::collections::BTreeMap<u32, lopdf::ObjectId>,
) -> Result<(), String> {
    let mut sizes: std::collections::HashMap<lopdf::ObjectId, u64> =
        std::collections::HashMap::new();
    let mut size_of = |id: lopdf::ObjectId| -> u64 {
        *sizes
            .entry(id)
            .or_insert_with(|| match doc.objects.get(&id) {
                Some(lopdf::Object::Stream(stream)) => inflated_size(stream),
                _ => 0,
            })
    };
    let mb = |bytes: u64| bytes >> 20;
    for (number, &page) in pages {
        let mut total = 0u64;
        for id in doc.get_page_contents(page) {
            total = total.saturating_add(size_of(id));
            if total > MAX_PAGE_CONTENT_BYTES {
                return Err(format!(
                    "page {number}'s content would inflate to more than {} MB, the most ingest unpacks for a page (a decompression bomb?)",
                    mb(MAX_PAGE_CONTENT_BYTES)
                ));
            }
        }
    }
    for (id, object) in &doc.objects {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        let form = stream
            .dict
            .get(b"Subtype")
            .and_then(|s| s.as_name())
            .is_ok_and(|s| s == b"Form");
        if form && size_of(*id) > MAX_PAGE_CONTENT_BYTES {
            return Err(format!(
                "a drawing (form XObject {}) would inflate to more than {} MB, the most ingest unpacks (a decompression bomb?)",
                id.0,
                mb(MAX_PAGE_CONTENT_BYTES)
            ));
        }
    }
    Ok(())
}

/// The size a stream inflates to, counted up to just past [`MAX_PAGE_CONTENT_BYTES`]; its raw
/// size when it is not Flate-compressed.
fn inflated_size(stream: &lopdf::Stream) -> u64 {
    use std::io::Read;
    let flate = match stream.dict.get(b"Filter") {
        Ok(lopdf::Object::Name(name)) => name == b"FlateDecode",
        Ok(lopdf::Object::Array(filters)) => filters
            .iter()
            .any(|f| f.as_name().is_ok_and(|n| n == b"FlateDecode")),
        _ => false,
    };
    if !flate {
        return stream.content.len() as u64;
    }
    let decoder = flate2::read::ZlibDecoder::new(stream.content.as_slice());
    std::io::copy(
        &mut decoder.take(MAX_PAGE_CONTENT_BYTES + 1),
        &mut std::io::sink(),
    )
    .unwrap_or(0)
}

/// Reads every page into `collector`, one page after another in a single pass; a page that
/// fails (an error or a panic of the reader) is recorded and the pass resumes after it. The
/// pass is one call for all pages because the reader's call for a single page lists the
/// whole page tree first (10,000 pages one by one took 54 s). Returns the pages that failed.
fn read_pages(doc: &Document, numbers: &[u32], collector: &mut Collector) -> Vec<(u32, String)> {
    let mut failed = Vec::new();
    let mut next = 0;
    while next < numbers.len() {
        let before = collector.pages.len();
        let result = guarded("PDF page", || {
            if next == 0 {
                pdf_extract::output_doc(doc, collector).map_err(|e| e.to_string())
            } else {
                pdf_extract::output_doc_page(doc, collector, numbers[next])
                    .map_err(|e| e.to_string())
            }
        });
        // The pass read the pages up to the one that failed (or just one page after a failure).
        let done = collector.pages.len() - before;
        next += done;
        if let Err(e) = result {
            failed.push((numbers[next.min(numbers.len() - 1)], e));
            // A page that failed half-way keeps what it gave; one that gave nothing is empty.
            collector.end_current();
            let partial = std::mem::take(&mut collector.page);
            collector.pages.push(partial);
            next += 1;
        } else if done == 0 {
            next += 1;
        }
        collector.first_char = false;
        collector.last_y = f64::NAN;
    }
    failed
}

/// A stream whose declared `/Length` is not where its `endstream` stands (more than a line
/// break apart): a damaged file, not a scanned one. Says which object and both lengths.
fn wrong_length(bytes: &[u8]) -> Option<String> {
    let find = |from: usize, needle: &[u8]| {
        bytes
            .get(from..)?
            .windows(needle.len())
            .position(|w| w == needle)
            .map(|n| from + n)
    };
    let mut at = 0;
    while let Some(keyword) = find(at, b"stream") {
        at = keyword + 6;
        // "stream" opens data only after a dictionary's ">>" (not "endstream").
        let before = &bytes[..keyword];
        let dict_end = before.iter().rposition(|b| !b.is_ascii_whitespace())?;
        if !before[..=dict_end].ends_with(b">>") || before[..keyword].ends_with(b"end") {
            continue;
        }
        let mut data = at;
        if bytes.get(data) == Some(&b'\r') {
            data += 1;
        }
        if bytes.get(data) == Some(&b'\n') {
            data += 1;
        }
        let object_start = before[..dict_end]
            .windows(3)
            .rposition(|w| w == b"obj")
            .unwrap_or(0);
        let dict = String::from_utf8_lossy(&before[object_start..=dict_end]);
        let declared = dict.split("/Length").nth(1).and_then(|rest| {
            let words: Vec<&str> = rest
                .split(|c: char| c.is_whitespace() || "/<>[]()".contains(c))
                .filter(|w| !w.is_empty())
                .take(3)
                .collect();
            // An indirect length ("12 0 R") is not checked.
            (words.get(2) != Some(&"R")).then(|| words.first()?.parse::<usize>().ok())?
        });
        let Some(end) = find(data, b"endstream") else {
            return Some("a stream has no end (the file is cut off?)".to_owned());
        };
        let actual = bytes[data..end]
            .strip_suffix(b"\n")
            .map_or(end - data, |d| d.strip_suffix(b"\r").unwrap_or(d).len());
        if let Some(declared) = declared.filter(|&d| d.abs_diff(actual) > 2) {
            let name = String::from_utf8_lossy(&before[..object_start]);
            let object = name
                .split_whitespace()
                .rev()
                .nth(1)
                .map_or(String::new(), |n| format!(" of object {n}"));
            return Some(format!(
                "the length a stream{object} declares ({declared} bytes) is not its length ({actual} bytes)"
            ));
        }
        at = end + 9;
    }
    None
}

/// A line's text with digits replaced, so that running headers numbered by page compare equal.
fn running_key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// A bare page number: `3`, `- 3 -`, `— 3 —`, `3 / 12`, `p. 3`, `3쪽`, `Page 3 of 12`.
pub fn is_page_number(text: &str) -> bool {
    let t = text.trim();
    let lower = t.to_lowercase();
    let core = lower
        .trim_start_matches("page")
        .trim_start_matches("p.")
        .trim_end_matches('쪽')
        .trim_end_matches('면');
    let core = core.trim_matches(|c: char| {
        c == '-'
            || c == '—'
            || c == '–'
            || c.is_whitespace()
            || c == '['
            || c == ']'
            || c == '('
            || c == ')'
    });
    let mut parts = core
        .split(|c: char| c == '/' || c.is_whitespace())
        .filter(|p| !p.is_empty() && *p != "of");
    let first = parts.next();
    let second = parts.next();
    let numeric = |p: &str| !p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit());
    match (first, second, parts.next()) {
        (Some(a), None, None) => numeric(a),
        (Some(a), Some(b), None) => numeric(a) && numeric(b),
        _ => false,
    }
}

/// The pages' text, one paragraph a line: running headers, footers and page numbers moved to
/// the ledger, and the lines of a paragraph joined; with the line (paragraph) each page starts
/// on.
fn assemble(pages: &[Vec<PdfLine>], ledger: &mut Ledger) -> (String, Vec<u32>) {
    // Running headers and footers: lines in the top or bottom band of a page, no more than
    // two lines from its edge, whose text (digits aside) recurs so on other pages.
    let at_edge = |page: &[PdfLine]| -> Vec<bool> {
        let mut depths: Vec<f64> = page.iter().map(|l| l.top).collect();
        depths.sort_by(f64::total_cmp);
        let n = depths.len();
        let (second, second_last) = (depths[1.min(n - 1)], depths[n.saturating_sub(2)]);
        page.iter()
            .map(|l| {
                (l.top < BAND && l.top <= second) || (l.top > 1.0 - BAND && l.top >= second_last)
            })
            .collect()
    };
    let edges_of: Vec<Vec<bool>> = pages
        .iter()
        .map(|p| if p.is_empty() { vec![] } else { at_edge(p) })
        .collect();
    let mut pages_with: std::collections::HashMap<String, usize> = Default::default();
    for (page, edge) in pages.iter().zip(&edges_of) {
        let mut seen = std::collections::HashSet::new();
        for (line, _) in page.iter().zip(edge).filter(|(_, &e)| e) {
            let key = running_key(&line.text);
            if seen.insert(key.clone()) {
                *pages_with.entry(key).or_default() += 1;
            }
        }
    }
    let mut body: Vec<Vec<&PdfLine>> = Vec::new();
    for (page, edge) in pages.iter().zip(&edges_of) {
        let mut kept = Vec::new();
        for (line, &at_edge) in page.iter().zip(edge) {
            if at_edge {
                if is_page_number(&line.text) {
                    ledger.dropped("page number", &line.text);
                    continue;
                }
                let repeats = pages_with
                    .get(&running_key(&line.text))
                    .copied()
                    .unwrap_or(0);
                if pages.len() > 1 && repeats >= 2 {
                    let kind = if line.top < BAND {
                        "page header"
                    } else {
                        "page footer"
                    };
                    ledger.dropped(kind, &line.text);
                    continue;
                }
            }
            kept.push(line);
        }
        body.push(kept);
    }
    let lexicon = lexicon(pages);
    // Each paragraph's lines, joined once the whole document tells how its lines wrap.
    let mut paragraphs: Vec<Vec<&str>> = Vec::new();
    // Room left at the end of each full line that a paragraph goes on after, in ems.
    let mut rooms: Vec<f64> = Vec::new();
    // The last line of the paragraph being built, and the right edge of its column.
    let mut open: Option<(&PdfLine, f64)> = None;
    let mut page_lines = Vec::with_capacity(body.len());
    for page in &body {
        // A page starts on the paragraph its first line went to (the one before, when it
        // continues it); an empty page on the next one.
        let this_page = page_lines.len();
        page_lines.push(paragraphs.len() as u32 + 1);
        let edges = column_edges(page);
        let page_pitch = line_pitch(page);
        for (i, line) in page.iter().enumerate() {
            // The usual pitch of lines of this one's type size (a title's leading is wider
            // than the body's), or the page's.
            let pitch = line_pitch_of_size(page, line.size).unwrap_or(page_pitch);
            // A paragraph ends at a vertical jump: one of well over a line, or one larger than
            // the page's usual line pitch after a sentence's end. (Paragraph spacing and the
            // taller lines of a mixed-script line measure alike: the sentence end tells them
            // apart.) The first line of a page continues the page before when that ended on a
            // full line (its jump is the one after the page header). A change of type size
            // with a wider step ends one too: a title set a little larger than its body.
            let gap = i > 0 && {
                let previous = page[i - 1];
                let jump = line.depth - previous.depth;
                let resized =
                    (line.size - previous.size).abs() > RESIZED * line.size.max(previous.size);
                jump > 2.5 * line.size
                    || (jump > 1.25 * pitch && (ends_sentence(&previous.text) || resized))
            };
            match open {
                Some((previous, edge))
                    if !gap
                        && continues(
                            previous,
                            edge,
                            line,
                            paragraphs.last().map(Vec::len) == Some(1),
                        ) =>
                {
                    let last = paragraphs.last_mut().expect("an open paragraph");
                    last.push(&line.text);
                    rooms.push((edge - previous.x1) / previous.size);
                }
                _ => paragraphs.push(vec![&line.text]),
            }
            if i == 0 {
                page_lines[this_page] = paragraphs.len() as u32;
            }
            open = Some((*line, edges[i]));
        }
    }
    let anywhere = wraps_between_syllables(&rooms);
    let mut text = String::new();
    for lines in paragraphs {
        let mut paragraph = lines[0].to_owned();
        for next in &lines[1..] {
            join(&mut paragraph, next, &lexicon, anywhere);
        }
        text.push_str(&paragraph);
        text.push('\n');
    }
    if text.is_empty() {
        text.push('\n');
    }
    (text, page_lines)
}

/// A full line that leaves more than this room (ems) could have taken another syllable.
const ROOM_FOR_A_SYLLABLE: f64 = 1.2;
/// Lines that wrap only between words leave room for a syllable at the end of this share of
/// their full lines or more; lines that wrap between any two syllables, at hardly any.
const WORD_WRAP_SHARE: f64 = 0.1;
/// Fewest wrapped lines that tell how a document wraps.
const MIN_WRAPS: usize = 10;

/// Whether a document's lines wrap between any two syllables (WeasyPrint's and ReportLab's
/// CJK wrapping) rather than only between words: its full lines almost never leave room for
/// another syllable. `rooms`: the room (ems) at the end of each line a paragraph goes on after.
fn wraps_between_syllables(rooms: &[f64]) -> bool {
    let roomy = rooms.iter().filter(|&&r| r > ROOM_FOR_A_SYLLABLE).count();
    rooms.len() >= MIN_WRAPS && (roomy as f64) < WORD_WRAP_SHARE * rooms.len() as f64
}

/// The usual distance between the baselines of consecutive lines of a page: the median of
/// the downward steps between lines of one type size.
fn line_pitch(page: &[&PdfLine]) -> f64 {
    let mut steps: Vec<f64> = page
        .windows(2)
        .filter(|w| (w[0].size - w[1].size).abs() <= 0.15 * w[0].size)
        .map(|w| w[1].depth - w[0].depth)
        .filter(|&d| d > 0.0)
        .collect();
    if steps.is_empty() {
        return f64::INFINITY;
    }
    steps.sort_by(f64::total_cmp);
    steps[steps.len() / 2]
}

/// The usual distance between consecutive lines of `size` (within 15%) on a page, when two
/// such lines follow each other.
fn line_pitch_of_size(page: &[&PdfLine], size: f64) -> Option<f64> {
    let same = |l: &PdfLine| (l.size - size).abs() <= 0.15 * size;
    let mut steps: Vec<f64> = page
        .windows(2)
        .filter(|w| same(w[0]) && same(w[1]))
        .map(|w| w[1].depth - w[0].depth)
        .filter(|&d| d > 0.0)
        .collect();
    if steps.is_empty() {
        return None;
    }
    steps.sort_by(f64::total_cmp);
    Some(steps[steps.len() / 2])
}

/// Whether a line ends a sentence: `.`, `?`, `!` or `…`, then perhaps closing quotes or
/// brackets.
fn ends_sentence(text: &str) -> bool {
    let t = text
        .trim_end()
        .trim_end_matches(['”', '’', '"', '\'', ')', '」', '』', '》']);
    t.ends_with(['.', '?', '!', '…', '。'])
}

/// Lines either side of a line that tell where its column ends.
const NEIGHBOURS: usize = 8;

/// For each line of a page, the right edge of its column: the furthest its neighbours (in
/// reading order) of the same type size, starting where it starts, reach.
fn column_edges(page: &[&PdfLine]) -> Vec<f64> {
    (0..page.len())
        .map(|i| {
            let line = page[i];
            let range = i.saturating_sub(NEIGHBOURS)..(i + NEIGHBOURS + 1).min(page.len());
            page[range]
                .iter()
                .filter(|other| {
                    (other.x0 - line.x0).abs() < 2.0 * line.size
                        && (other.size - line.size).abs() <= 0.15 * line.size
                })
                .map(|other| other.x1)
                .fold(line.x1, f64::max)
        })
        .collect()
}

/// The width a word takes at `size` points, roughly: wide characters (Hangul, Han) one em,
/// others about half.
fn word_width(word: &str, size: f64) -> f64 {
    word.chars()
        .map(|c| {
            if crate::clean::width(c.encode_utf8(&mut [0; 4])) == 2 {
                size
            } else {
                0.55 * size
            }
        })
        .sum()
}

/// Whether `next` goes on the paragraph whose last line is `previous`: same type size, not
/// indented or outdented (but for a paragraph's indented first line, `opens`), not a list
/// item, neither line an article's attribution or a reporter's byline (lines of their own,
/// however full; an attribution ending a line closes its title), and `previous` was full —
/// the first word of `next` would not have fitted after it before its column's right edge
/// `edge`.
fn continues(previous: &PdfLine, edge: f64, next: &PdfLine, opens: bool) -> bool {
    let same_size = (previous.size - next.size).abs() <= 0.15 * previous.size;
    // The next column starts higher up, to the right of this one.
    let next_column = next.top < previous.top && next.x0 > previous.x1 - next.size;
    // A paragraph's first line set in by a few ems, its next line at the margin.
    let indent = previous.x0 - next.x0;
    let first_line_indent = opens && indent > 0.0 && indent <= MAX_FIRST_LINE_INDENT * next.size;
    let same_start =
        (next.x0 - previous.x0).abs() <= 0.8 * next.size || next_column || first_line_indent;
    let first = next.text.split_whitespace().next().unwrap_or("");
    let room = edge - previous.x1;
    let full = room < 0.25 * previous.size + word_width(first, previous.size);
    // A line with a tab-stop gap is a row of a table or of a contents list: it is a line of
    // its own, whatever its width.
    let tabular = |l: &PdfLine| {
        l.widest_gap > TAB_GAP * l.size || crate::clean::leader_entry(&l.text).is_some()
    };
    same_size
        && (same_start && full || centred_wrap(previous, next))
        && !tabular(previous)
        && !tabular(next)
        && !next.text.starts_with(['▶', '■', '●', '◆', '-', '•'])
        && !crate::attributed::ends_with_attribution(&previous.text)
        && (crate::attributed::attribution_line(&next.text).is_none()
            || crate::newsletter::unclosed_parenthesis(&previous.text))
        && crate::clean::reporter(&previous.text).is_none()
}

/// Whether `next` goes on a centred paragraph whose line `previous` is (a title centred over
/// two lines, as slides and covers set it): both lines centred on one axis, `next` set in
/// further on both sides (a centred paragraph's last line is its shortest), `previous` no
/// sentence's end. Lines set flush left are told by their start ([`continues`]).
fn centred_wrap(previous: &PdfLine, next: &PdfLine) -> bool {
    let centre = |l: &PdfLine| (l.x0 + l.x1) / 2.0;
    (centre(previous) - centre(next)).abs() <= next.size
        && next.x0 > previous.x0 + next.size
        && next.x1 < previous.x1 - next.size
        && !ends_sentence(&previous.text)
}

/// A paragraph's first line is set in by at most this many ems.
const MAX_FIRST_LINE_INDENT: f64 = 4.0;

/// Lines whose type sizes differ by more than this share of the larger are set in two sizes
/// (a title and its body), though close enough to be taken for one where a line's size is
/// all there is to go by.
const RESIZED: f64 = 0.05;

/// A gap between words wider than this many ems is a tab stop or a column boundary.
const TAB_GAP: f64 = 2.0;

/// The words of the document, to tell whether a word cut at the end of a line was one word.
fn lexicon(pages: &[Vec<PdfLine>]) -> std::collections::HashSet<String> {
    let mut words = std::collections::HashSet::new();
    for line in pages.iter().flatten() {
        let tokens: Vec<&str> = line.text.split_whitespace().collect();
        // A line's first and last words may be cut; the others are whole.
        for token in tokens.iter().skip(1).take(tokens.len().saturating_sub(2)) {
            words.insert(bare(token).to_owned());
        }
    }
    words
}

/// A word without the punctuation around it.
fn bare(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric())
}

/// Whether the Hangul pieces around a line break read better as one written word than as two
/// (`액` + `세서리까지`, `신청했으` + `나`: a PDF whose lines break between any two syllables,
/// as WeasyPrint's and ReportLab's CJK wrapping do), by the Korean lexicon's costs.
fn reads_as_one_word(before: &str, after: &str) -> bool {
    let lexicon = jikji_korean::Lexicon::embedded();
    let cost = |w: &str| lexicon.word_cost(w);
    match (cost(&format!("{before}{after}")), cost(before), cost(after)) {
        (Some(one), Some(first), Some(second)) => one < first.saturating_add(second),
        _ => false,
    }
}

/// Appends a wrapped line to its paragraph. The break of a full line is a space unless the
/// two pieces are one word: digits or Han characters on both sides ("2" + "020.8.26)",
/// "平安好" + "医生"), a number cut at its decimal point ("7." + "8%"), a closing bracket or
/// punctuation after it, an opening one before it, or a word the document writes whole
/// elsewhere ("스타" + "맵은" when "스타맵은" occurs), or, where the document's lines wrap
/// between any two syllables (`wraps_anywhere`), Hangul pieces that read better as one word
/// ([`reads_as_one_word`]). Spaces before particles are repaired
/// later by the text pipeline (`clean::fix_pdf_spacing`).
fn join(
    paragraph: &mut String,
    next: &str,
    lexicon: &std::collections::HashSet<String>,
    wraps_anywhere: bool,
) {
    let before = paragraph.split_whitespace().last().unwrap_or("");
    let after = next.split_whitespace().next().unwrap_or("");
    let end = before.chars().last();
    let start = after.chars().next();
    let glued = match (end, start) {
        (Some(a), Some(b)) if a.is_ascii_digit() && b.is_ascii_digit() => true,
        // A number cut at its decimal point or thousands separator: "7." + "8%", "1," + "700".
        (Some('.' | ','), Some(b))
            if b.is_ascii_digit()
                && before
                    .chars()
                    .rev()
                    .nth(1)
                    .is_some_and(|c| c.is_ascii_digit()) =>
        {
            true
        }
        (_, Some(b)) if ")]}>〉》」』’”,.:;!?%·".contains(b) => true,
        (Some(a), _) if "([{<〈《「『‘“·".contains(a) => true,
        (Some(a), Some(b)) if is_han(a) && is_han(b) => true,
        (Some(a), Some(b)) if !a.is_ascii() && !b.is_ascii() => {
            let whole = format!("{}{}", bare(before), bare(after));
            lexicon.contains(&whole)
                || (wraps_anywhere && reads_as_one_word(bare(before), bare(after)))
        }
        _ => false,
    };
    if !glued {
        paragraph.push(' ');
    }
    paragraph.push_str(next);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, x0: f64, x1: f64) -> PdfLine {
        PdfLine {
            text: text.into(),
            top: 0.5,
            depth: 400.0,
            x0,
            x1,
            size: 10.0,
            widest_gap: 3.0,
        }
    }

    #[test]
    fn an_indented_first_line_and_the_lines_under_it_are_one_paragraph() {
        let edge = 520.0;
        let first = line(
            "  항구의 물동량이 지난해보다 크게 늘어나 부두마다 컨테이너가",
            90.0,
            519.0,
        );
        let next = line("쌓였다. 항만공사는 부두를 넓히기로 했다.", 70.0, 300.0);
        assert!(continues(&first, edge, &next, true));
        // The same step left under a line that continues a paragraph is no first-line indent:
        // a list item's turned line, an outdented label.
        assert!(!continues(&first, edge, &next, false));
        // A line set in further than a paragraph's indent goes on no paragraph.
        let far = line("쌓였다.", 20.0, 60.0);
        assert!(!continues(&first, edge, &far, true));
        // A contents row running along a dot leader is a line of its own, however full.
        let row = line(
            "1) 항만 물동량 늘어 ........................................ 3",
            70.0,
            519.0,
        );
        let row2 = line(
            "2) 철도 노선 개통 ......................................... 4",
            70.0,
            519.0,
        );
        assert!(!continues(&row, edge, &row2, true));
    }

    #[test]
    fn a_title_centred_over_two_lines_is_one_paragraph() {
        let edge = 900.0;
        let first = line("항만 물동량 두 달째 늘어, 부두마다 컨테이너", 200.0, 700.0);
        let last = line("쌓여", 430.0, 470.0);
        assert!(continues(&first, edge, &last, false));
        // Centred lines, one a sentence's end: two paragraphs (a cover's lines).
        let said = line("항만 물동량이 두 달째 늘었다.", 250.0, 650.0);
        assert!(!continues(&said, edge, &last, false));
        // A line no narrower, or set flush under a short one, is no centred line's end.
        let wide = line(
            "부두마다 컨테이너가 쌓여 항만공사는 부두를 넓힌다",
            190.0,
            710.0,
        );
        assert!(!continues(&first, edge, &wide, false));
        let flush = line("쌓여", 200.0, 240.0);
        assert!(!continues(&first, edge, &flush, false));
    }

    #[test]
    fn pieces_of_one_word_are_told_from_two_words() {
        // A line broken inside a word: the pieces read better whole.
        assert!(reads_as_one_word("스마트", "폰으로"));
        assert!(reads_as_one_word("공무원들", "이"));
        // Two words: a particle or an ending, then the next word.
        assert!(!reads_as_one_word("정부는", "내년"));
        assert!(!reads_as_one_word("회의를", "열었다"));
        assert!(!reads_as_one_word("하지만", "시민들은"));
    }

    #[test]
    fn a_document_that_wraps_between_syllables_leaves_no_room_at_its_lines_ends() {
        let syllables = [0.1, 0.4, 0.9, 0.0, 0.6, 1.0, 0.3, 0.2, 0.8, 0.5, 0.7];
        assert!(wraps_between_syllables(&syllables));
        let words = [0.1, 2.4, 0.9, 3.0, 0.6, 1.9, 0.3, 0.2, 4.8, 0.5, 0.7];
        assert!(!wraps_between_syllables(&words));
        // Too few full lines tell nothing.
        assert!(!wraps_between_syllables(&[0.1, 0.2]));
    }

    #[test]
    fn a_wrong_length_is_found_and_any_bytes_are_taken() {
        let good = b"4 0 obj\n<< /Length 5 >>\nstream\nhello\nendstream\nendobj\n";
        assert_eq!(wrong_length(good), None);
        let bad = b"4 0 obj\n<</Length 2/Filter/FlateDecode>>\nstream\nhello\nendstream\nendobj\n";
        assert_eq!(
            wrong_length(bad).as_deref(),
            Some("the length a stream of object 4 declares (2 bytes) is not its length (5 bytes)")
        );
        let indirect = b"4 0 obj\n<</Length 9 0 R>>\nstream\nhello\nendstream\nendobj\n";
        assert_eq!(wrong_length(indirect), None);
        let scraps: [&[u8]; 10] = [
            b"stream",
            b"endstream",
            b">>",
            b"<<",
            b"/Length ",
            b"12",
            b" 0 R",
            b"obj",
            b"\r\n",
            "한".as_bytes(),
        ];
        let mut state = 2026u64;
        for _ in 0..2000 {
            let mut file = Vec::new();
            for _ in 0..(state % 30) {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                file.extend_from_slice(scraps[(state >> 33) as usize % scraps.len()]);
            }
            let _ = wrong_length(&file);
        }
    }

    #[test]
    fn page_numbers() {
        for yes in [
            "3",
            "- 3 -",
            "— 12 —",
            "3 / 12",
            "p. 3",
            "Page 3 of 12",
            "3쪽",
            "[4]",
        ] {
            assert!(is_page_number(yes), "{yes}");
        }
        for no in ["2021.1.8", "제195호", "3월", "GDP 3", "", "12345"] {
            assert!(!is_page_number(no), "{no}");
        }
    }

    #[test]
    fn damaged_bytes_are_a_reason() {
        let err = extract(b"%PDF-1.7\n1 0 obj << /Type /Catalog").unwrap_err();
        assert!(err.contains("damaged"), "{err}");
    }
}
