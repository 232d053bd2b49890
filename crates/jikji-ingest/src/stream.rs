//! Large record files read a piece at a time: a JSON Lines, JSON array or CSV file of more
//! than one [`PIECE`] is read from a buffered reader, record by record, never whole, and its
//! articles are handed on after each piece of the file (a `sink` called with the articles of that
//! piece, empty if it had none). A worker sends each piece to the parent as it is read
//! ([`crate::worker`]), so its memory is bounded by a piece, not the file, and the per-file
//! time limit applies to each piece.
//!
//! The records are made by the same [`structured::Builder`] as a file read whole, so the
//! articles, ids, warnings and ledger are the same (`tests::streaming_reads_what_reading_whole_reads`).
//! The text is decoded as UTF-8 a record at a time. A file the whole-file decoder would read
//! otherwise (a UTF-16 or UTF-32 mark, binary content, bytes that are not UTF-8 in its first
//! piece, no record at all) is left to it: [`read`] returns `None` before
//! anything is handed on. Bytes that are not UTF-8 further on are replaced by U+FFFD with a
//! warning, as the whole-file decoder does with a few damaged bytes.
//!
//! A JSON array is read through a window on the file that holds the record being read
//! ([`structured::ArrayScan`], the same steps as for an array read whole).

use std::borrow::Cow;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use jikji_engine::Article;

use crate::formats::{self, Format};
use crate::reading::{Names, Skip};
use crate::structured::{self, Builder, Records};
use crate::{article_ink, decode, Piece};

/// How much of a large record file is read before its articles are handed on; files larger
/// than this are streamed.
pub const PIECE: u64 = 16 << 20;

/// How much of a file's start tells its format and encoding.
const HEAD: usize = 64 << 10;

/// What a streamed file gave, beside the articles handed on.
#[derive(Debug)]
pub struct Streamed {
    pub format: Format,
    pub encoding: &'static str,
    /// The articles handed on, and their characters (bodies and captions).
    pub articles: usize,
    pub article_chars: usize,
    /// The records' warnings, ledger and value characters (its `articles` empty).
    pub records: Records,
}

/// Reads `path` a piece at a time if it is a large JSON Lines, JSON or CSV file in UTF-8, handing
/// each piece's articles to `sink`; `None` (nothing handed on) when it is to be read whole.
pub fn read(
    path: &Path,
    names: &Names,
    sink: &mut dyn FnMut(Piece),
) -> Option<Result<Streamed, Skip>> {
    read_in_pieces(path, names, PIECE, sink)
}

/// [`read`] with pieces of `piece` bytes.
pub fn read_in_pieces(
    path: &Path,
    names: &Names,
    piece: u64,
    sink: &mut dyn FnMut(Piece),
) -> Option<Result<Streamed, Skip>> {
    let file = crate::open_regular(path).ok()?;
    if file.metadata().ok()?.len() <= piece {
        return None;
    }
    let mut reader = BufReader::with_capacity(HEAD, file);
    let head = reader.fill_buf().ok()?;
    let format = formats::detect(path, head)?;
    let (encoding, bom) = decode::utf8_head(head)?;
    // A head of nothing but whitespace does not say what the file is: it is read whole.
    let first = *head[bom..].iter().find(|b| !b.is_ascii_whitespace())?;
    let array = first == b'[';
    reader.consume(bom);
    let mut pieces = Pieces::new(piece, sink);
    let mut builder = Builder::new(&names.label, &names.stem);
    let read = match format {
        Format::Json if array => json_array(&mut reader, &mut builder, &mut pieces),
        Format::Json => json_lines(&mut reader, &mut builder, &mut pieces),
        Format::Csv => csv_records(reader, &mut builder, &mut pieces),
        _ => return None,
    };
    match read {
        Ok(()) => {}
        Err(Stop::Fallback) => return None,
        Err(Stop::Refused(reason)) => {
            let warnings = builder.finish(Vec::new()).warnings;
            return Some(Err(Skip::Refused { reason, warnings }));
        }
    }
    let Pieces {
        articles,
        article_chars,
        damage,
        ..
    } = pieces.finish();
    let mut records = builder.finish(Vec::new());
    if let Some(warning) = damage.warning() {
        records.warnings.insert(0, warning);
    }
    Some(Ok(Streamed {
        format,
        encoding,
        articles,
        article_chars,
        records,
    }))
}

/// Why a streamed reading stopped early.
enum Stop {
    /// Nothing was handed on yet and the file is for the whole-file reader.
    Fallback,
    /// The file is refused, with this reason.
    Refused(String),
}

/// The pieces of a file: the articles of the piece being read, and where the next ends.
struct Pieces<'s> {
    piece: u64,
    /// The end of the piece being read, in bytes from the start of the file.
    next: u64,
    sink: &'s mut dyn FnMut(Piece),
    held: Vec<Article>,
    /// Pieces handed on so far.
    handed: usize,
    /// Bytes of the file read so far.
    read: u64,
    articles: usize,
    article_chars: usize,
    damage: Damage,
}

impl<'s> Pieces<'s> {
    fn new(piece: u64, sink: &'s mut dyn FnMut(Piece)) -> Self {
        Pieces {
            piece,
            next: piece,
            sink,
            held: Vec::new(),
            handed: 0,
            read: 0,
            articles: 0,
            article_chars: 0,
            damage: Damage::default(),
        }
    }

    /// Whether nothing was handed on yet: the file may still go to the whole-file reader.
    fn untouched(&self) -> bool {
        self.handed == 0
    }

    fn push(&mut self, article: Option<Article>) {
        self.held.extend(article);
    }

    /// Hands on the articles held when `read` bytes of the file have passed the piece's end.
    fn reached(&mut self, read: u64) {
        self.read = read;
        if read >= self.next {
            self.hand_on();
            self.next = read + self.piece;
        }
    }

    fn hand_on(&mut self) {
        let articles = std::mem::take(&mut self.held);
        self.articles += articles.len();
        self.article_chars += article_ink(&articles);
        self.handed += 1;
        (self.sink)(Piece {
            articles,
            read: Some(self.read),
        });
    }

    /// Hands on the last piece's articles, if any.
    fn finish(mut self) -> Self {
        if !self.held.is_empty() {
            self.hand_on();
        }
        self
    }

    /// `bytes` as text, or [`Stop::Fallback`] for bytes the whole-file decoder must judge
    /// (not UTF-8, or a zero byte) while nothing was handed on; later, damaged bytes become
    /// U+FFFD and are counted. `line` and `at` (its offset) say where for the warning.
    fn text<'b>(&mut self, bytes: &'b [u8], line: usize, at: u64) -> Result<Cow<'b, str>, Stop> {
        let clean = std::str::from_utf8(bytes);
        if self.untouched() && (clean.is_err() || bytes.contains(&0)) {
            return Err(Stop::Fallback);
        }
        match clean {
            Ok(text) => Ok(Cow::Borrowed(text)),
            Err(e) => {
                let text = String::from_utf8_lossy(bytes);
                self.damage.add(&text, line, at + e.valid_up_to() as u64);
                Ok(text)
            }
        }
    }
}

/// Bytes that were not UTF-8: where the first was, and how many places.
#[derive(Default)]
struct Damage {
    first: Option<(usize, u64)>,
    places: usize,
}

impl Damage {
    fn add(&mut self, text: &str, line: usize, at: u64) {
        self.first.get_or_insert((line, at));
        self.places += text.matches('\u{FFFD}').count();
    }

    /// The whole-file decoder's warning for damaged bytes.
    fn warning(&self) -> Option<String> {
        let (line, at) = self.first?;
        let more = match self.places {
            0 | 1 => String::new(),
            n => format!(" and {} more places", n - 1),
        };
        Some(format!(
            "invalid UTF-8 at line {line} (byte {at}){more}; replaced by U+FFFD"
        ))
    }
}

/// JSON Lines, a line at a time.
fn json_lines(
    reader: &mut impl BufRead,
    builder: &mut Builder,
    pieces: &mut Pieces,
) -> Result<(), Stop> {
    let mut line = Vec::new();
    let (mut number, mut read) = (0u32, 0u64);
    loop {
        line.clear();
        let n = reader
            .read_until(b'\n', &mut line)
            .map_err(|e| Stop::Refused(format!("cannot read: {e}")))?;
        if n == 0 {
            break;
        }
        number += 1;
        let text = pieces.text(trim_line_end(&line), number as usize, read)?;
        let article = structured::json_line(builder, number, &text);
        pieces.push(article);
        read += n as u64;
        pieces.reached(read);
    }
    if builder.records() == 0 && pieces.untouched() {
        return Err(Stop::Fallback);
    }
    structured::no_records_is_refused(builder).map_err(Stop::Refused)
}

/// How much of a JSON array is read into its window at a time (more when a record is
/// larger), and how much of the window may be behind the record being read before it is let go.
#[cfg(not(test))]
const CHUNK: usize = 1 << 20;
/// Small in the tests, so that records and characters are cut by a chunk's end.
#[cfg(test)]
const CHUNK: usize = 61;

/// A JSON array, a record at a time ([`structured::ArrayScan`]) through a window on the file:
/// the text from the record being read on, read a chunk at a time, let go of as records are
/// made.
fn json_array(
    reader: &mut impl BufRead,
    builder: &mut Builder,
    pieces: &mut Pieces,
) -> Result<(), Stop> {
    let mut window = Window::default();
    let mut scan = structured::ArrayScan::default();
    let mut lines = structured::LineCount::default();
    loop {
        match scan.next(&window.text, window.whole) {
            structured::Step::More => window.read_more(reader, &lines, pieces)?,
            structured::Step::Record { start, raw } => {
                let line = lines.line_at(&window.text, start);
                let line_end = lines.line_at(&window.text, start + raw.len());
                let article = structured::array_record(builder, scan.found(), line, line_end, raw);
                pieces.push(article);
                window.let_go(&mut scan, &mut lines);
                pieces.reached(window.offset + scan.at() as u64);
            }
            structured::Step::End => break,
            structured::Step::Broken(broken) => {
                let line = lines.line_at(&window.text, broken.at);
                let rest = crate::ink(&window.text[broken.at..]) + window.rest_ink(reader)?;
                let untouched = pieces.untouched();
                return structured::broken_array(builder, line, &broken, rest).map_err(|reason| {
                    if untouched {
                        Stop::Fallback
                    } else {
                        Stop::Refused(reason)
                    }
                });
            }
        }
    }
    if builder.records() == 0 && pieces.untouched() {
        return Err(Stop::Fallback);
    }
    Ok(())
}

/// The part of a file being read as text: from `offset` (in bytes), with the bytes of a
/// character cut at its end kept aside.
#[derive(Default)]
struct Window {
    text: String,
    offset: u64,
    cut: Vec<u8>,
    /// Whether the text runs to the end of the file.
    whole: bool,
}

impl Window {
    /// Reads another chunk of the file into the text (at least as much as it holds, so that a
    /// record larger than a chunk is read in a number of steps that grows with its log).
    fn read_more(
        &mut self,
        reader: &mut impl BufRead,
        lines: &structured::LineCount,
        pieces: &mut Pieces,
    ) -> Result<(), Stop> {
        let mut bytes = std::mem::take(&mut self.cut);
        let want = CHUNK.max(self.text.len());
        let read = reader
            .by_ref()
            .take(want as u64)
            .read_to_end(&mut bytes)
            .map_err(|e| Stop::Refused(format!("cannot read: {e}")))?;
        self.whole = read == 0;
        if !self.whole {
            self.cut = bytes.split_off(cut_char(&bytes));
        }
        let text = match std::str::from_utf8(&bytes) {
            Ok(text) => text,
            Err(e) => {
                let valid = e.valid_up_to();
                let line = lines.peek(&self.text, self.text.len()) + newlines(&bytes[..valid]);
                let at = self.offset + self.text.len() as u64;
                let text = pieces.text(&bytes, line as usize, at)?;
                self.text.push_str(&text);
                return Ok(());
            }
        };
        if pieces.untouched() && text.contains('\0') {
            return Err(Stop::Fallback);
        }
        self.text.push_str(text);
        Ok(())
    }

    /// Lets go of the text before the next record once it is more than a chunk.
    fn let_go(&mut self, scan: &mut structured::ArrayScan, lines: &mut structured::LineCount) {
        let by = scan.at().min(self.text.len());
        if by > CHUNK && scan.rebase(by) {
            lines.rebase(&self.text, by);
            self.text.drain(..by);
            self.offset += by as u64;
        }
    }

    /// The characters (whitespace aside) of the file after the window.
    fn rest_ink(&mut self, reader: &mut impl BufRead) -> Result<usize, Stop> {
        let mut ink = 0;
        let mut bytes = std::mem::take(&mut self.cut);
        loop {
            let read = reader
                .by_ref()
                .take(CHUNK as u64)
                .read_to_end(&mut bytes)
                .map_err(|e| Stop::Refused(format!("cannot read: {e}")))?;
            let keep = match std::str::from_utf8(&bytes) {
                Err(e) if e.error_len().is_none() && read > 0 => e.valid_up_to(),
                _ => bytes.len(),
            };
            ink += crate::ink(&String::from_utf8_lossy(&bytes[..keep]));
            bytes.drain(..keep);
            if read == 0 {
                return Ok(ink);
            }
        }
    }
}

/// Where a character cut by the end of `bytes` starts (their length if none is cut).
fn cut_char(bytes: &[u8]) -> usize {
    let len = bytes.len();
    for back in 1..=len.min(3) {
        let b = bytes[len - back];
        if b & 0xC0 == 0x80 {
            continue; // a continuation byte
        }
        let needs = match b {
            0xF0.. => 4,
            0xE0.. => 3,
            0xC0.. => 2,
            _ => 1,
        };
        return if needs > back { len - back } else { len };
    }
    len
}

fn newlines(bytes: &[u8]) -> u32 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u32
}

/// A line without its `\n` (and the `\r` before it), as [`str::lines`] gives it.
fn trim_line_end(line: &[u8]) -> &[u8] {
    match line.strip_suffix(b"\n") {
        Some(line) => line.strip_suffix(b"\r").unwrap_or(line),
        None => line,
    }
}

/// CSV with a header row, a record at a time.
fn csv_records(
    reader: impl std::io::Read,
    builder: &mut Builder,
    pieces: &mut Pieces,
) -> Result<(), Stop> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
    let header = reader.byte_headers().map_err(|_| Stop::Fallback)?.clone();
    pieces.text(header.as_slice(), 1, 0)?;
    let headers = structured::csv_headers(&mut reader).map_err(|_| Stop::Fallback)?;
    let mut bytes = csv::ByteRecord::new();
    loop {
        match reader.read_byte_record(&mut bytes) {
            Ok(false) => break,
            Ok(true) => {
                let record = string_record(&bytes, pieces)?;
                let line_end = reader.position().line() as u32;
                let article = structured::csv_record(builder, &headers, &record, line_end);
                pieces.push(article);
                pieces.reached(reader.position().byte());
            }
            Err(e) if structured::csv_error(builder, &e) => {}
            Err(_) => break,
        }
    }
    Ok(())
}

/// A CSV record's fields as text ([`Pieces::text`]), with its position.
fn string_record(bytes: &csv::ByteRecord, pieces: &mut Pieces) -> Result<csv::StringRecord, Stop> {
    let position = bytes.position().cloned();
    let (line, at) = position
        .as_ref()
        .map_or((0, 0), |p| (p.line() as usize, p.byte()));
    let mut record = csv::StringRecord::with_capacity(bytes.as_slice().len(), bytes.len());
    for field in bytes {
        record.push_field(&pieces.text(field, line, at)?);
    }
    record.set_position(position);
    Ok(record)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every record file of the tests, read whole and streamed in pieces of `piece` bytes.
    fn both_ways(path: &Path, piece: u64) {
        let names = Names::of(path);
        let (whole, whole_report) = crate::ingest_file(path);
        let mut streamed = Vec::new();
        let mut pieces = 0;
        let result = read_in_pieces(path, &names, piece, &mut |piece| {
            pieces += 1;
            streamed.extend(piece.articles)
        })
        .expect("streamed")
        .expect("read");
        assert!(pieces > 1, "{}: {pieces} piece(s)", path.display());
        assert_eq!(streamed, whole, "{}", path.display());
        let report = crate::streamed_report(path, Ok(result));
        assert_eq!(report, whole_report, "{}", path.display());
    }

    #[test]
    fn streaming_reads_what_reading_whole_reads() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut files = vec![];
        for dir in [
            "tests/fixtures/hostile-ingest",
            "tests/fixtures/formats",
            "corpus",
        ] {
            let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
                continue;
            };
            files.extend(entries.filter_map(|e| e.ok().map(|e| e.path())));
        }
        files.extend(
            ["wikinews_ko.jsonl", "wikinews_ko.csv"]
                .map(|f| root.join("../shared/corpus/wikinews").join(f)),
        );
        files.sort();
        let mut read = 0;
        for path in files.iter().filter(|p| p.is_file()) {
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if !matches!(ext, "json" | "jsonl" | "ndjson" | "csv") {
                continue;
            }
            let size = std::fs::metadata(path).unwrap().len();
            let names = Names::of(path);
            if read_in_pieces(path, &names, size / 3 + 1, &mut |_| {}).is_some() {
                both_ways(path, size / 3 + 1);
                read += 1;
            }
        }
        assert!(read > 0, "no record file streamed among {files:?}");
    }

    #[test]
    fn a_json_array_is_streamed_as_it_is_read_whole() {
        let dir = std::env::temp_dir().join(format!("jikji-stream-array-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let record = |n: usize| {
            format!("{{\"title\": \"기사 {n}\",\n  \"body\": \"중관춘 창업 거리에 새 지원센터가 문을 열었다 {n}.\"}}")
        };
        let records: Vec<String> = (1..=40).map(record).collect();
        let good = format!("[\n{}\n]\n", records.join(",\n"));
        // A record no float holds, a number, and a file cut off inside a record.
        let mut bad = records.clone();
        bad[10] = "{\"title\": \"나\", \"body\": 1e400}".into();
        bad[20] = "7".into();
        let cut = format!("[{}", bad.join(", "));
        let end = (0..cut.len() - 30).rev().find(|&i| cut.is_char_boundary(i));
        let cut = &cut[..end.unwrap()];
        let separator = format!("[{}, {} x {}]", records[0], records[1], records[2]);
        for (name, text) in [
            ("good", good.as_str()),
            ("cut", cut),
            ("separator", &separator),
        ] {
            let path = dir.join(format!("{name}.json"));
            std::fs::write(&path, text).unwrap();
            both_ways(&path, text.len() as u64 / 4);
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_file_that_is_not_utf8_in_its_first_piece_is_read_whole() {
        let dir = std::env::temp_dir().join(format!("jikji-stream-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let line = "{\"title\": \"가\", \"body\": \"본문\"}\n";
        let path = dir.join("cp949.jsonl");
        let mut bytes = b"{\"title\": \"\xB0\xA1\", \"body\": \"x\"}\n".to_vec();
        bytes.extend(line.repeat(10).into_bytes());
        std::fs::write(&path, &bytes).unwrap();
        let names = Names::of(&path);
        assert!(read_in_pieces(&path, &names, 64, &mut |_| {}).is_none());
        // Damage after the first piece: replaced and warned about, the records kept.
        let mut late = line.repeat(10).into_bytes();
        late.extend(b"{\"title\": \"\xFF\", \"body\": \"x\"}\n");
        std::fs::write(&path, &late).unwrap();
        let mut articles = Vec::new();
        let streamed = read_in_pieces(&path, &names, 64, &mut |p| articles.extend(p.articles))
            .unwrap()
            .unwrap();
        assert_eq!(articles.len(), 11);
        assert_eq!(articles[10].title, "\u{FFFD}");
        // The whole-file decoder's warning, word for word.
        let whole = decode::decode(&late).unwrap().warnings;
        assert_eq!(streamed.records.warnings[0], whole[0]);
        assert!(whole[0].starts_with("invalid UTF-8 at line 11 (byte "));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
