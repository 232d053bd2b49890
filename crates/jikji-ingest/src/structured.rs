//! Structured records: a JSON array, JSON Lines, or CSV with a header row. Fields are found by
//! their common Korean and English names (제목/title, 내용·본문/body, 작성일·날짜/date,
//! 출처·매체/source, url, …); unknown fields are reported and ignored. The ledger accounts for
//! every field value: body (in the article), title, metadata, or dropped (an unknown or repeated
//! field, a record with neither title nor body, a line that is not a record). A JSON array is
//! read a record at a time, so a bad record is named and skipped and a file cut off inside
//! one keeps the records before it, as JSON Lines does line by line.

use jikji_engine::{Article, Origin};
use serde_json::{Map, Value};

use crate::clean;
use crate::dates::parse_date;
use crate::fields::{self, FieldKind};
use crate::formats::feed;
use crate::Ledger;

/// The article field a column or JSON key feeds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Id,
    Title,
    Body,
    Date,
    Source,
    Url,
    Author,
    Section,
}

/// Recognises a field name by what it means ([`fields::label_kind`]): case, spacing and a
/// note in parentheses ("출처 (URL)") do not matter.
fn field_of(name: &str) -> Option<Field> {
    let field = match fields::label_kind(name)? {
        FieldKind::Id => Field::Id,
        FieldKind::Title => Field::Title,
        FieldKind::Body => Field::Body,
        FieldKind::Date => Field::Date,
        FieldKind::Outlet => Field::Source,
        FieldKind::Url => Field::Url,
        FieldKind::Reporter => Field::Author,
        FieldKind::Section => Field::Section,
    };
    Some(field)
}

/// Records read from one file, and warnings naming the line of each problem.
#[derive(Debug)]
pub struct Records {
    pub articles: Vec<Article>,
    pub warnings: Vec<String>,
    pub ledger: Ledger,
    /// Characters (whitespace aside) of every field value and of every line that was no
    /// record: what the articles and the ledger must add up to.
    pub value_chars: usize,
}

/// One record's fields by name, and the line it started on.
struct Raw {
    line: u32,
    line_end: u32,
    fields: Vec<(String, String)>,
}

pub fn from_json(file: &str, stem: &str, text: &str) -> Result<Records, String> {
    let mut builder = Builder::new(file, stem);
    let mut articles = Vec::new();
    if text.trim_start().starts_with('[') {
        json_array(text, &mut builder, &mut articles)?;
    } else {
        for (i, line) in text.lines().enumerate() {
            articles.extend(json_line(&mut builder, i as u32 + 1, line));
        }
        no_records_is_refused(&builder)?;
    }
    Ok(builder.finish(articles))
}

/// A JSON Lines file with no record at all is not records: it is refused.
pub(crate) fn no_records_is_refused(builder: &Builder) -> Result<(), String> {
    if builder.records() == 0 {
        return Err("no JSON records (expected a JSON array or one JSON object per line)".into());
    }
    Ok(())
}

/// The article of one line of JSON Lines (line `number`, from 1), if it is a record with a
/// title or a body; a line that is no object is warned about and counted as dropped.
pub(crate) fn json_line(builder: &mut Builder, number: u32, line: &str) -> Option<Article> {
    if line.trim().is_empty() {
        return None;
    }
    match serde_json::from_str::<Value>(line) {
        Ok(Value::Object(map)) => builder.add(Raw {
            line: number,
            line_end: number,
            fields: flatten(map),
        }),
        Ok(_) => {
            let warning = format!("line {number}: not a JSON object; skipped");
            builder.warnings.push(warning);
            builder.drop_text("not a record", line);
            None
        }
        Err(e) => {
            let warning = format!("line {number}: not valid JSON ({e}); skipped");
            builder.warnings.push(warning);
            builder.drop_text("not a record", line);
            None
        }
    }
}

/// The records of a JSON array, a record at a time: a bad record is named and skipped, and a
/// file cut off inside one keeps the records before it.
fn json_array(
    text: &str,
    builder: &mut Builder,
    articles: &mut Vec<Article>,
) -> Result<(), String> {
    let mut scan = ArrayScan::default();
    let mut lines = LineCount::default();
    loop {
        match scan.next(text, true) {
            Step::Record { start, raw } => {
                let line = lines.line_at(text, start);
                let line_end = lines.line_at(text, start + raw.len());
                articles.extend(array_record(builder, scan.found(), line, line_end, raw));
            }
            Step::End | Step::More => return Ok(()),
            Step::Broken(broken) => {
                let line = lines.line_at(text, broken.at);
                return broken_array(builder, line, &broken, crate::ink(&text[broken.at..]));
            }
        }
    }
}

/// The article of record `number` of a JSON array (lines `line` to `line_end`), if it is an
/// object with a title or a body; another value, or one that cannot be read, is warned about
/// and counted as dropped.
pub(crate) fn array_record(
    builder: &mut Builder,
    number: usize,
    line: u32,
    line_end: u32,
    record: &str,
) -> Option<Article> {
    match serde_json::from_str::<Value>(record) {
        Ok(Value::Object(map)) => builder.add(Raw {
            line,
            line_end,
            fields: flatten(map),
        }),
        Ok(other) => {
            builder.warnings.push(format!(
                "line {line}: record {number} is not a JSON object; skipped"
            ));
            builder.drop_text("not a record", &other.to_string());
            None
        }
        Err(e) => {
            builder.warnings.push(format!(
                "line {line}: record {number} cannot be read ({e}); skipped"
            ));
            builder.drop_text("not a record", record);
            None
        }
    }
}

/// Where a JSON array stops being readable (at `line`, with `rest` characters from there to
/// the end of the file): the rest is counted as dropped, or the file refused if it had no
/// record before.
pub(crate) fn broken_array(
    builder: &mut Builder,
    line: u32,
    broken: &Broken,
    rest: usize,
) -> Result<(), String> {
    if builder.records() == 0 {
        return Err(format!(
            "not a JSON array of records: line {line}: record {}: {}",
            broken.record, broken.error
        ));
    }
    builder.warnings.push(format!(
        "line {line}: record {} is not valid JSON ({}); it and the rest of the file ({rest} characters) are skipped",
        broken.record, broken.error,
    ));
    builder.drop_counts("unreadable JSON", 1, rest);
    Ok(())
}

/// The line (from 1) of offsets of a text, asked in order: the newlines are counted once,
/// from one offset to the next. The text may lose its start ([`LineCount::rebase`]) when it is
/// a window on a file read in pieces.
#[derive(Default)]
pub(crate) struct LineCount {
    counted_to: usize,
    newlines: u32,
}

impl LineCount {
    pub(crate) fn line_at(&mut self, text: &str, offset: usize) -> u32 {
        let offset = offset.clamp(self.counted_to, text.len());
        self.newlines += newlines(&text.as_bytes()[self.counted_to..offset]);
        self.counted_to = offset;
        self.newlines + 1
    }

    /// The line of `offset` (at or after the last asked), without moving on.
    pub(crate) fn peek(&self, text: &str, offset: usize) -> u32 {
        let offset = offset.clamp(self.counted_to, text.len());
        self.newlines + newlines(&text.as_bytes()[self.counted_to..offset]) + 1
    }

    /// The text loses its first `by` bytes (none of them asked about again).
    pub(crate) fn rebase(&mut self, text: &str, by: usize) {
        self.line_at(text, by);
        self.counted_to -= by;
    }
}

fn newlines(bytes: &[u8]) -> u32 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u32
}

/// Where a JSON array stops being readable: the record's number (from 1), its offset, why.
#[derive(Clone, Debug)]
pub(crate) struct Broken {
    record: usize,
    pub(crate) at: usize,
    error: String,
}

/// What the next step through a JSON array found.
pub(crate) enum Step<'t> {
    /// A record (any JSON value), and its offset in the text.
    Record { start: usize, raw: &'t str },
    /// The array's `]`: no more records.
    End,
    /// What follows cannot be read.
    Broken(Broken),
    /// The text given ends before the next step is known (only when it is not the whole
    /// file): more of the file is needed.
    More,
}

/// Steps through the records of a JSON array, one at a time, so that the records before a
/// broken one (a cut-off file, a syntax error) are kept; its text may be given whole or as a
/// window on a file read in pieces.
#[derive(Default)]
pub(crate) struct ArrayScan {
    /// Where reading goes on: before the `[`, or after a record's `,`.
    at: usize,
    opened: bool,
    found: usize,
    /// What the step after the record just found is (the array's end, or a bad separator).
    then: Option<Step<'static>>,
}

impl ArrayScan {
    /// The records found so far.
    pub(crate) fn found(&self) -> usize {
        self.found
    }

    /// Where the text still to read starts.
    pub(crate) fn at(&self) -> usize {
        self.at
    }

    /// The text loses its first `by` bytes (all of them read), unless the step after the
    /// record just found is known already (the array ends there).
    pub(crate) fn rebase(&mut self, by: usize) -> bool {
        if self.then.is_some() || by > self.at {
            return false;
        }
        self.at -= by;
        true
    }

    /// The next step in `text`; `whole`: `text` runs to the end of the file.
    pub(crate) fn next<'t>(&mut self, text: &'t str, whole: bool) -> Step<'t> {
        let skip_ws = |at: usize| {
            text[at..]
                .find(|c: char| !c.is_whitespace())
                .map_or(text.len(), |n| at + n)
        };
        if let Some(then) = self.then.take() {
            return then;
        }
        if !self.opened && skip_ws(0) == text.len() {
            return Step::More;
        }
        let at = skip_ws(if self.opened { self.at } else { skip_ws(0) + 1 });
        if at == text.len() && !whole {
            return Step::More;
        }
        self.opened = true;
        self.at = at;
        if self.found == 0 && text[at..].starts_with(']') {
            return Step::End;
        }
        let number = self.found + 1;
        let broken =
            |record: usize, at: usize, error: String| Step::Broken(Broken { record, at, error });
        let mut stream = serde_json::Deserializer::from_str(&text[at..])
            .into_iter::<&serde_json::value::RawValue>();
        let raw = match stream.next() {
            Some(Ok(_)) if !whole && at + stream.byte_offset() == text.len() => return Step::More,
            Some(Ok(raw)) => raw.get(),
            Some(Err(e)) if !whole && e.is_eof() => return Step::More,
            Some(Err(e)) => return broken(number, at, e.to_string()),
            None => return broken(number, at, "the file ends inside the array".into()),
        };
        let after = skip_ws(at + stream.byte_offset());
        let then = match text[after..].chars().next() {
            None if !whole => return Step::More,
            Some(',') => None,
            Some(']') => Some(Step::End),
            Some(c) => {
                let error = format!("expected `,` or `]` after record {number}, found {c:?}");
                Some(broken(number + 1, after, error))
            }
            None => Some(broken(
                number + 1,
                after,
                "the file ends inside the array".into(),
            )),
        };
        self.then = then;
        self.found = number;
        self.at = after + 1;
        let start = raw.as_ptr() as usize - text.as_ptr() as usize;
        Step::Record { start, raw }
    }
}

fn flatten(map: Map<String, Value>) -> Vec<(String, String)> {
    map.into_iter()
        .filter_map(|(k, v)| match v {
            Value::Null => None,
            Value::String(s) => Some((k, s)),
            other => Some((k, other.to_string())),
        })
        .collect()
}

pub fn from_csv(file: &str, stem: &str, text: &str) -> Result<Records, String> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = csv_headers(&mut reader)?;
    let mut builder = Builder::new(file, stem);
    let mut articles = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line_end = reader.position().line() as u32;
                articles.extend(csv_record(&mut builder, &headers, &record, line_end));
            }
            Err(e) => {
                if !csv_error(&mut builder, &e) {
                    break;
                }
            }
        }
    }
    Ok(builder.finish(articles))
}

/// The header row of a CSV file: its field names.
pub(crate) fn csv_headers<R: std::io::Read>(
    reader: &mut csv::Reader<R>,
) -> Result<Vec<String>, String> {
    Ok(reader
        .headers()
        .map_err(|e| format!("cannot read the CSV header row: {e}"))?
        .iter()
        .map(str::to_owned)
        .collect())
}

/// The article of one CSV record, if it has a title or a body; `line_end` is the line the
/// reader stands on after it.
pub(crate) fn csv_record(
    builder: &mut Builder,
    headers: &[String],
    record: &csv::StringRecord,
    line_end: u32,
) -> Option<Article> {
    let line = record.position().map_or(0, |p| p.line() as u32);
    let fields = headers
        .iter()
        .cloned()
        .zip(record.iter().map(str::to_owned))
        .collect();
    // A row longer than the header: its extra cells belong to no field.
    for cell in record.iter().skip(headers.len()) {
        builder.drop_text("extra cell", cell);
    }
    builder.add(Raw {
        line,
        line_end: line_end.saturating_sub(1).max(line),
        fields,
    })
}

/// Warns about a CSV record the reader could not read; whether reading can go on after it.
pub(crate) fn csv_error(builder: &mut Builder, e: &csv::Error) -> bool {
    let line = e.position().map_or(0, |p| p.line());
    builder
        .warnings
        .push(format!("line {line}: unreadable CSV record ({e}); skipped"));
    matches!(
        e.kind(),
        csv::ErrorKind::UnequalLengths { .. } | csv::ErrorKind::Utf8 { .. }
    )
}

/// Makes articles of records one at a time, as they are read, and keeps what a file's records
/// add up to: the warnings, the ledger, the characters of every value. A whole file's records
/// and a file streamed a piece at a time ([`crate::stream`]) go through it alike.
pub(crate) struct Builder<'a> {
    file: &'a str,
    stem: &'a str,
    /// Records made so far (each object, with or without title and body): the ids' numbers.
    records: usize,
    /// Unknown field names, each reported once (a hash set: a file may have a million).
    unknown: std::collections::HashSet<String>,
    /// Records without a body whose unknown fields held text (each warned of, up to a bound).
    bodyless: usize,
    pub(crate) warnings: Vec<String>,
    pub(crate) ledger: Ledger,
    /// Characters (whitespace aside) of every value and of every line that was no record.
    pub(crate) value_chars: usize,
}

impl<'a> Builder<'a> {
    pub(crate) fn new(file: &'a str, stem: &'a str) -> Self {
        Builder {
            file,
            stem,
            records: 0,
            unknown: std::collections::HashSet::new(),
            bodyless: 0,
            warnings: Vec::new(),
            ledger: Ledger::default(),
            value_chars: 0,
        }
    }

    /// Text of the file that is no record (a line that is not JSON, an extra CSV cell),
    /// counted as dropped text of `kind`.
    pub(crate) fn drop_text(&mut self, kind: &'static str, text: &str) {
        self.value_chars += crate::ink(text);
        self.ledger.dropped(kind, text);
    }

    /// Text of `lines` that is no record, counted by its characters alone.
    pub(crate) fn drop_counts(&mut self, kind: &'static str, lines: usize, chars: usize) {
        self.value_chars += chars;
        self.ledger.dropped_counts(kind, lines, chars);
    }

    /// The records it has made so far.
    pub(crate) fn records(&self) -> usize {
        self.records
    }

    /// Everything the file's records add up to, with `articles`.
    pub(crate) fn finish(mut self, articles: Vec<Article>) -> Records {
        if self.bodyless > MAX_NAMED_UNKNOWN {
            self.warnings.push(format!(
                "{} more records without body had their unknown fields kept in no article",
                self.bodyless - MAX_NAMED_UNKNOWN
            ));
        }
        if self.unknown.len() > MAX_NAMED_UNKNOWN {
            self.warnings.push(format!(
                "{} more unknown fields ignored",
                self.unknown.len() - MAX_NAMED_UNKNOWN
            ));
        }
        Records {
            articles,
            warnings: self.warnings,
            ledger: self.ledger,
            value_chars: self.value_chars,
        }
    }

    /// The article of one record, or `None` (counted and warned) for a record with neither
    /// title nor body.
    fn add(&mut self, raw: Raw) -> Option<Article> {
        self.value_chars += raw
            .fields
            .iter()
            .map(|(_, value)| crate::ink(value))
            .sum::<usize>();
        self.records += 1;
        let mut article = Article::new(
            format!("{}-{:04}", self.stem, self.records),
            String::new(),
            String::new(),
        );
        // This record's titles, metadata and dropped fields, kept only if the record is.
        let mut record = Ledger::default();
        let mut seen: Vec<Field> = Vec::new();
        let mut unknown: Vec<(&str, &str)> = Vec::new();
        for (name, raw_value) in &raw.fields {
            let value = raw_value.trim().to_owned();
            let Some(field) = field_of(name) else {
                self.unknown_field(name);
                unknown.push((name, raw_value));
                continue;
            };
            if value.is_empty() {
                continue;
            }
            // A "source" holding a link is the article's URL (Wikinews' 출처, a scraper's page
            // address beside the site's name): no second outlet.
            let field = if field == Field::Source && clean::is_bare_url(&value) {
                Field::Url
            } else {
                field
            };
            // Two columns for one field ("내용" and "본문"): the last one wins; the other is counted.
            if seen.contains(&field) {
                self.warnings.push(format!(
                    "line {}: field {name:?} repeats an earlier one; the earlier value is ignored",
                    raw.line
                ));
                let earlier = match field {
                    Field::Title => std::mem::take(&mut article.title),
                    Field::Body => std::mem::take(&mut article.body),
                    _ => String::new(), // metadata: counted as read, below
                };
                record.dropped("repeated field", &earlier);
            }
            seen.push(field);
            self.set(&mut article, &mut record, field, value, raw.line);
        }
        self.drop_unknown(&mut record, &unknown, article.body.is_empty(), raw.line);
        if article.body.is_empty() && article.title.is_empty() {
            self.warnings.push(format!(
                "line {}: record has neither title nor body; skipped",
                raw.line
            ));
            for (_, value) in &raw.fields {
                self.ledger.dropped("record without title or body", value);
            }
            return None;
        }
        if !article.title.is_empty() {
            record.title(&article.title);
        }
        self.ledger.absorb(record);
        if article.title.is_empty() {
            let lead = article.body.split("\n\n").next().unwrap_or_default();
            article.title = crate::single::cut_title(lead);
        }
        article.origin = Some(Origin {
            file: self.file.to_owned(),
            line_start: raw.line,
            line_end: raw.line_end,
            format: None,
        });
        Some(article)
    }

    /// Counts a record's unknown fields as dropped. When the record has no body, they are
    /// text kept in no article ([`BODYLESS_RECORD_FIELD`]): a column of bodies under a name
    /// not known would otherwise be lost without a word; a warning names the longest (for the
    /// first records; the rest are counted in one).
    fn drop_unknown(
        &mut self,
        record: &mut Ledger,
        unknown: &[(&str, &str)],
        bodyless: bool,
        line: u32,
    ) {
        let kind = if bodyless {
            BODYLESS_RECORD_FIELD
        } else {
            "unknown field"
        };
        for (_, value) in unknown {
            record.dropped(kind, value.trim());
        }
        let longest = unknown.iter().max_by_key(|(_, value)| crate::ink(value));
        if let Some((name, value)) = longest.filter(|(_, v)| bodyless && crate::ink(v) > 0) {
            self.bodyless += 1;
            if self.bodyless > MAX_NAMED_UNKNOWN {
                return;
            }
            self.warnings.push(format!(
                "line {line}: record has no body; its field {name:?} ({} characters) kept in no article",
                crate::ink(value)
            ));
        }
    }

    fn unknown_field(&mut self, name: &str) {
        if !self.unknown.contains(name) {
            if self.unknown.len() < MAX_NAMED_UNKNOWN {
                self.warnings
                    .push(format!("unknown field {name:?} ignored"));
            }
            self.unknown.insert(name.to_owned());
        }
    }

    /// Puts one known field's value in the article (title, body) or its metadata.
    fn set(
        &mut self,
        article: &mut Article,
        record: &mut Ledger,
        field: Field,
        value: String,
        line: u32,
    ) {
        match field {
            Field::Title => article.title = clean::collapse_spaces(&value),
            Field::Body => self.set_body(article, record, &value),
            _ => record.metadata(&value),
        }
        match field {
            Field::Title | Field::Body => {}
            Field::Id => article.id = value,
            Field::Date => match parse_date(&value) {
                Some(iso) => article.date = Some(iso),
                None => self.warnings.push(format!(
                    "line {line}: date {value:?} is not a date; left undated"
                )),
            },
            Field::Source => article.source = Some(value),
            Field::Url => article.url = Some(value),
            Field::Author => article.author = Some(value),
            Field::Section => article.section = Some(value),
        }
    }
}

impl Builder<'_> {
    /// A record's body, a paragraph a line, sorted by role as a feed item's are
    /// ([`feed::sort_paragraphs`]): a copyright notice or a prompt dropped, a caption kept as
    /// one, a byline naming the reporter when no field does; and the page's widgets a scraper
    /// kept after the text (`공유하기`, `좋아요`) dropped from its end.
    fn set_body(&mut self, article: &mut Article, record: &mut Ledger, value: &str) {
        let lines = value
            .lines()
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect();
        let (mut body, captions, reporter) = feed::sort_paragraphs(lines, record);
        while body.last().is_some_and(|p| clean::is_web_furniture(p)) {
            record.dropped("page widget", &body.pop().unwrap_or_default());
        }
        article.body = body.join("\n\n");
        article.captions = captions;
        if article.author.is_none() {
            article.author = reporter;
        }
    }
}

/// What the unknown fields of a record without body count as in the ledger: text kept in no
/// article ([`crate::FileReport::text_outside_articles`]).
pub const BODYLESS_RECORD_FIELD: &str = "unknown field of a record without body";

/// Unknown fields named one by one in the report; the rest are counted.
const MAX_NAMED_UNKNOWN: usize = 20;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_korean_and_english_field_names() {
        assert_eq!(field_of("제목"), Some(Field::Title));
        assert_eq!(field_of("Title"), Some(Field::Title));
        assert_eq!(field_of("내용"), Some(Field::Body));
        assert_eq!(field_of("본문"), Some(Field::Body));
        assert_eq!(field_of("작성일"), Some(Field::Date));
        assert_eq!(field_of("출처 (URL)"), Some(Field::Source));
        assert_eq!(field_of("매체"), Some(Field::Source));
        assert_eq!(field_of("조회수"), None);
    }

    #[test]
    fn reads_csv_with_quoted_multiline_bodies_and_reports_problems() {
        let csv = "제목,작성일,출처,내용,조회수\n첫 기사,2020-08-26,36kr,\"첫 줄\n둘째 줄\",5\n둘째 기사,어제,https://example.org/a,본문,7\n";
        let r = from_csv("a.csv", "a", csv).unwrap();
        assert_eq!(r.articles.len(), 2);
        let a = &r.articles[0];
        assert_eq!(
            (a.title.as_str(), a.date.as_deref(), a.source.as_deref()),
            ("첫 기사", Some("2020-08-26"), Some("36kr"))
        );
        assert_eq!(a.body, "첫 줄\n\n둘째 줄");
        assert_eq!(a.origin.as_ref().unwrap().line_start, 2);
        let b = &r.articles[1];
        assert_eq!(
            (b.date.as_deref(), b.url.as_deref(), b.source.as_deref()),
            (None, Some("https://example.org/a"), None)
        );
        assert!(
            r.warnings.iter().any(|w| w.contains("조회수")),
            "{:?}",
            r.warnings
        );
        assert!(
            r.warnings
                .iter()
                .any(|w| w.starts_with("line 4:") && w.contains("어제")),
            "{:?}",
            r.warnings
        );
    }

    #[test]
    fn a_compound_body_column_is_the_body_and_an_unknown_one_is_reported() {
        let body = "첫 문단입니다.\n둘째 문단입니다.";
        let known = format!("헤드라인,매체명,게재일,본문내용\n기사,매체,2021.03.04,\"{body}\"\n");
        let r = from_csv("a.csv", "a", &known).unwrap();
        assert_eq!(r.articles[0].body, "첫 문단입니다.\n\n둘째 문단입니다.");
        assert_eq!(r.ledger.dropped.get(BODYLESS_RECORD_FIELD), None);
        let unknown = format!("헤드라인,게재일,기사전문,비고\n기사,2021.03.04,\"{body}\",참고\n");
        let r = from_csv("a.csv", "a", &unknown).unwrap();
        assert_eq!(
            (r.articles[0].title.as_str(), r.articles[0].body.as_str()),
            ("기사", "")
        );
        assert_eq!(
            r.ledger.dropped.get(BODYLESS_RECORD_FIELD).map(|t| t.chars),
            Some(crate::ink(body) + crate::ink("참고"))
        );
        assert!(
            r.warnings
                .iter()
                .any(|w| w.starts_with("line 2:") && w.contains("기사전문")),
            "{:?}",
            r.warnings
        );
        // A file of such records is warned of record by record up to a bound, then in one.
        let rows: String = (0..30).map(|i| format!("기사 {i},본문 {i}\n")).collect();
        let r = from_csv("a.csv", "a", &format!("헤드라인,기사전문\n{rows}")).unwrap();
        let record_warnings = r
            .warnings
            .iter()
            .filter(|w| w.contains("has no body"))
            .count();
        assert_eq!(record_warnings, MAX_NAMED_UNKNOWN);
        assert!(
            r.warnings.iter().any(|w| w.starts_with("10 more records")),
            "{:?}",
            r.warnings
        );
    }

    #[test]
    fn a_scrapers_records_name_the_site_and_leave_its_widgets_out() {
        // As trafilatura or a site's export writes them: the page's URL as "source", the
        // site's name apart, the page's widgets and notices kept after the text.
        let jsonl = concat!(
            r#"{"title": "첫 기사", "author": "홍길동", "date": "2021-03-05", "source": "https://news.example/a/1", "source-hostname": "새벽경제", "text": "첫 문단이다.\n둘째 문단이다.\n좋아요\n공유하기\n저작권자 © 새벽경제 무단전재 및 재배포 금지"}"#,
            "\n",
            r#"{"title": "둘째 기사", "sitename": "한빛일보", "text": "본문이다.\n좋아요를 누른 사람이 많았다.\n이몽룡 기자 mong@hanbit.example"}"#,
            "\n"
        );
        let r = from_json("a.jsonl", "a", jsonl).unwrap();
        let a = &r.articles[0];
        assert_eq!(a.source.as_deref(), Some("새벽경제"));
        assert_eq!(a.url.as_deref(), Some("https://news.example/a/1"));
        assert_eq!(a.author.as_deref(), Some("홍길동"));
        assert_eq!(a.body, "첫 문단이다.\n\n둘째 문단이다.");
        let b = &r.articles[1];
        assert_eq!(b.source.as_deref(), Some("한빛일보"));
        assert_eq!(b.author.as_deref(), Some("이몽룡"));
        assert_eq!(b.body, "본문이다.\n\n좋아요를 누른 사람이 많았다.");
        assert!(
            !r.warnings.iter().any(|w| w.contains("repeats")),
            "{:?}",
            r.warnings
        );
    }

    #[test]
    fn reads_json_arrays_and_lines_skipping_bad_lines() {
        let r = from_json(
            "a.json",
            "a",
            r#"[{"title": "가", "body": "본문", "date": "2020.8.26"}]"#,
        )
        .unwrap();
        assert_eq!(r.articles[0].date.as_deref(), Some("2020-08-26"));
        // Records of an array name their own lines.
        let array = "[\n  {\"title\": \"가\", \"body\": \"하나\"},\n  {\n    \"title\": \"나\",\n    \"body\": \"둘\"\n  },\n  7\n]\n";
        let r = from_json("a.json", "a", array).unwrap();
        let lines: Vec<(u32, u32)> = r
            .articles
            .iter()
            .map(|a| {
                a.origin
                    .as_ref()
                    .map(|o| (o.line_start, o.line_end))
                    .unwrap()
            })
            .collect();
        assert_eq!(lines, [(2, 2), (3, 6)]);
        assert!(
            r.warnings.iter().any(|w| w.starts_with("line 7:")),
            "{:?}",
            r.warnings
        );
        let jsonl = "{\"id\": \"x1\", \"title\": \"가\", \"body\": \"b\"}\nnot json\n\n{\"title\": \"나\", \"body\": \"c\"}\n";
        let r = from_json("a.jsonl", "a", jsonl).unwrap();
        let ids: Vec<&str> = r.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["x1", "a-0002"]);
        assert!(r.warnings[0].starts_with("line 2:"));
        assert!(from_json("a.json", "a", "[1, 2").is_err());
    }

    #[test]
    fn a_json_array_keeps_the_records_before_and_around_a_bad_one() {
        // A number no float holds: that record is named and skipped, the others kept.
        let text = "[\n{\"title\": \"가\", \"body\": \"하나\"},\n{\"title\": \"나\", \"body\": 1e400},\n{\"title\": \"다\", \"body\": \"셋\"}\n]";
        let r = from_json("a.json", "a", text).unwrap();
        let titles: Vec<&str> = r.articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["가", "다"]);
        assert!(
            r.warnings
                .iter()
                .any(|w| w.starts_with("line 3: record 2 cannot be read")),
            "{:?}",
            r.warnings
        );
        // A file cut off inside its third record: the first two are kept, the rest counted.
        let cut = "[{\"title\": \"가\", \"body\": \"하나\"},\n {\"title\": \"나\", \"body\": \"둘\"},\n {\"title\": \"다\", \"bo";
        let r = from_json("a.json", "a", cut).unwrap();
        assert_eq!(r.articles.len(), 2);
        assert!(
            r.warnings
                .iter()
                .any(|w| w.starts_with("line 3: record 3 is not valid JSON")),
            "{:?}",
            r.warnings
        );
        assert_eq!(r.ledger.dropped_lines("unreadable JSON"), 1);
        let total = crate::article_ink(&r.articles) + r.ledger.chars();
        assert_eq!(total, r.value_chars);
    }
}
