//! E-mail (`.eml`): the message's text, read like a text file — a newsletter sent by mail is
//! split into its articles by the same table-of-contents and attribution logic — with the
//! subject as the title of a one-article message, the sender as its source and the `Date:`
//! header as its date, in the header's own offset.
//!
//! [`mail_parser`] decodes the MIME structure, transfer encodings and encoded headers
//! (`=?ks_c_5601-1987?B?…?=`, EUC-KR, UTF-8; `full_encoding` brings the legacy charsets). The
//! text part is read when the message has one (unless it is a stub: less than half the text of
//! its HTML alternative); otherwise its HTML part, one block a line. A part in a charset
//! mail-parser does not know (`cp949`, as Korean mailers name Windows code page 949) is read
//! from its own bytes as a text file is ([`part_text`]), not as UTF-8.
//! What the report accounts for is the body text plus the subject, sender and date (the
//! header values the articles use), and what the articles do not read: further text parts,
//! forwarded messages and text attachments, counted by kind; other attachments are named
//! ([`count_the_rest`]).

use mail_parser::decoders::charsets::map::charset_decoder;
use mail_parser::{MessageParser, MimeHeaders, PartType};

use super::mime::header_names;
use crate::clean::{self, Wrapping};
use crate::frontmatter::FrontMatter;
use crate::{ink, Ledger};

/// What a message gives the text pipeline.
#[derive(Debug, Default)]
pub struct Mail {
    pub text: String,
    pub wrapping: Option<Wrapping>,
    pub given: FrontMatter,
    /// The subject, sender and date, as metadata (the subject as the title when it becomes one,
    /// which the pipeline decides: see [`Mail::subject`]).
    pub ledger: Ledger,
    pub header_chars: usize,
    /// Characters of the body left out before the text pipeline (an HTML part's furniture,
    /// in the ledger).
    pub dropped_chars: usize,
    pub subject: Option<String>,
    pub encoding: &'static str,
    pub warnings: Vec<String>,
    /// A digest's messages (see [`digest_messages`]), each an article; empty for any other
    /// message.
    pub digest: Vec<DigestMessage>,
}

/// One message of a digest: what its headers say (the subject its title, the sender its
/// outlet, the date its date) and its text.
#[derive(Debug, Default)]
pub struct DigestMessage {
    pub given: FrontMatter,
    pub text: String,
    /// Characters of its subject, sender and date, which the articles take as title and
    /// metadata.
    pub header_chars: usize,
}

/// Whether bytes look like an e-mail message: headers that a message has.
pub fn sniff(head: &[u8]) -> bool {
    let names = header_names(head);
    let known = [
        "from",
        "to",
        "subject",
        "date",
        "message-id",
        "received",
        "return-path",
        "mime-version",
        "delivered-to",
        "cc",
        "reply-to",
    ];
    names.iter().filter(|n| known.contains(&n.as_str())).count() >= 2
        && names.iter().any(|n| n == "from" || n == "subject")
}

/// Whether bytes open an mbox (a mail folder as Thunderbird, mutt or Google Takeout keep it):
/// a `From ` separator line naming the sender and when the message came, then a message's
/// headers.
pub fn sniff_mbox(head: &[u8]) -> bool {
    let Some(rest) = head.strip_prefix(b"From ") else {
        return false;
    };
    let Some(end) = rest.iter().position(|&b| b == b'\n') else {
        return false;
    };
    let words = rest[..end]
        .split(|b| b.is_ascii_whitespace())
        .filter(|w| !w.is_empty())
        .count();
    words >= 2 && sniff(&rest[end + 1..])
}

/// Messages an mbox is cut into, at most (the report says when there were more).
pub const MAX_MBOX_MESSAGES: usize = 100_000;

/// The messages of an mbox, in order, each without its separator line (a line opening
/// `From `, first in the file or after an empty line). A body line the format escaped
/// (`>From `, `>>From `) is given back its first `>`.
pub fn mbox_messages(bytes: &[u8]) -> Vec<Vec<u8>> {
    let mut messages: Vec<Vec<u8>> = Vec::new();
    let mut after_blank = true;
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        if after_blank && line.starts_with(b"From ") {
            messages.push(Vec::new());
            after_blank = false;
            continue;
        }
        after_blank = line == b"\n" || line == b"\r\n";
        let Some(message) = messages.last_mut() else {
            continue;
        };
        let quotes = line.iter().take_while(|&&b| b == b'>').count();
        if quotes > 0 && line[quotes..].starts_with(b"From ") {
            message.extend_from_slice(&line[1..]);
        } else {
            message.extend_from_slice(line);
        }
    }
    messages
}

/// A plain part whose text, times this, is less than its HTML alternative's is a stub.
const STUB_SHARE: usize = 2;

/// An HTML line this long (in characters) is prose, which a plain alternative holds too.
const PROSE_LINE: usize = 40;

/// A plain part is an abridgement when more than this share of its HTML alternative's prose
/// (by characters) is not in it.
const ABRIDGED_SHARE: f64 = 0.25;

/// Whether a plain part leaves out the HTML alternative's prose: its long lines, compared
/// without spaces (the plain part wraps and spaces its lines otherwise), missing from the
/// plain part for more than [`ABRIDGED_SHARE`] of their characters.
fn abridges(plain: &str, html_text: &str) -> bool {
    let squeezed = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let plain = squeezed(plain);
    let (mut prose, mut missing) = (0, 0);
    for line in html_text.lines().map(squeezed) {
        let len = line.chars().count();
        if len >= PROSE_LINE {
            prose += len;
            if !plain.contains(&line) {
                missing += len;
            }
        }
    }
    prose > 0 && missing as f64 > prose as f64 * ABRIDGED_SHARE
}

/// A text part with at least this share of its lines quoted ("> ") forwards or answers a
/// message quoted whole: the quoted message is what the mail holds.
const QUOTED_SHARE: f64 = 0.5;

/// A text part that quotes a message whole ("> " before its lines, as a mail client forwards
/// one inline, "> > " for a message it quoted in turn): its lines without the quotation marks,
/// and the lines and characters of the marks taken off. `None` when most lines are not quoted.
fn unquoted(text: &str) -> Option<(String, (usize, usize))> {
    let quote_len = |line: &str| {
        let mut len = 0;
        let mut rest = line;
        while let Some(after) = rest.trim_start_matches([' ', '\t']).strip_prefix('>') {
            len = line.len() - after.len();
            rest = after;
        }
        len
    };
    let written: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let quoted = written.iter().filter(|l| quote_len(l) > 0).count();
    if written.is_empty() || (quoted as f64) < QUOTED_SHARE * written.len() as f64 {
        return None;
    }
    let (mut lines, mut marks) = (0, 0);
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let cut = quote_len(line);
        if cut > 0 {
            lines += 1;
            marks += crate::ink(&line[..cut]);
        }
        let rest = &line[cut..];
        out.push_str(rest.strip_prefix(' ').unwrap_or(rest));
        out.push('\n');
    }
    Some((out, (lines, marks)))
}

/// The kinds of the parts a message's articles do not read, as the ledger counts them: a
/// report of text outside every article ([`crate::FileReport::text_outside_articles`]).
pub const UNREAD_PARTS: &[&str] = &[FURTHER_TEXT_PART, FORWARDED_MESSAGE, TEXT_ATTACHMENT];
const FURTHER_TEXT_PART: &str = "further text part";
const FORWARDED_MESSAGE: &str = "forwarded message";
const TEXT_ATTACHMENT: &str = "text attachment";

/// Counts what the articles do not read: further text parts (a message with several bodies,
/// not alternatives of one), forwarded messages (`message/rfc822`), text attachments — each
/// in the ledger by its kind, with a warning — and names other attachments, which hold no
/// text ingest reads.
fn count_the_rest(message: &mail_parser::Message, mail: &mut Mail) {
    let body: Vec<u32> = [message.text_body.first(), message.html_body.first()]
        .into_iter()
        .flatten()
        .copied()
        .collect();
    let mut further: Vec<u32> = message
        .text_body
        .iter()
        .chain(&message.html_body)
        .copied()
        .filter(|i| !body.contains(i))
        .collect();
    further.sort_unstable();
    further.dedup();
    let mut counted: Vec<(&'static str, usize, usize)> = Vec::new();
    let mut count = |mail: &mut Mail, kind: &'static str, text: &str| {
        let chars = part_chars(mail, kind, text);
        match counted.iter_mut().find(|(k, _, _)| *k == kind) {
            Some((_, n, c)) => {
                *n += 1;
                *c += chars;
            }
            None => counted.push((kind, 1, chars)),
        }
    };
    for part in further.iter().filter_map(|&i| message.part(i)) {
        match &part.body {
            PartType::Text(text) => count(mail, FURTHER_TEXT_PART, text),
            PartType::Html(html) => {
                let mut scratch = crate::Ledger::default();
                let (text, _) = super::html::page_lines(html, &mut scratch);
                count(mail, FURTHER_TEXT_PART, &text);
            }
            _ => {}
        }
    }
    let mut others = Vec::new();
    for part in message.attachments() {
        if let Some(inner) = part.message() {
            if !mail.digest.is_empty() {
                // A digest's messages are its articles ([`digest_messages`]).
                continue;
            }
            let text = inner.body_text(0).unwrap_or_default();
            count(mail, FORWARDED_MESSAGE, &text);
        } else if let PartType::Text(text) = &part.body {
            count(mail, TEXT_ATTACHMENT, text);
        } else {
            let name = part.attachment_name().unwrap_or("(no name)");
            let kind = part.content_type().map_or_else(String::new, |ct| {
                format!("{}/{}", ct.ctype(), ct.subtype().unwrap_or(""))
            });
            others.push(format!("{name:?} ({kind}, {} bytes)", part.len()));
        }
    }
    for (kind, n, chars) in counted {
        mail.warnings.push(format!(
            "{n} {kind}(s) not read into the articles: {chars} characters, counted as dropped"
        ));
    }
    if !others.is_empty() {
        mail.warnings.push(format!(
            "attachments not read (save them beside the message to ingest them): {}",
            others.join(", ")
        ));
    }
}

/// The messages of a digest: a message whose type says it is one (`multipart/digest`), or
/// one that carries two or more messages holding more text than its own body (a list's
/// digest sent as `multipart/mixed`, its body only the contents). Each carried message is an
/// article, not forwarded mail: its subject the title, its sender the outlet, its `Date:` the
/// date. Empty for any other message (one forwarded message stays a forwarded message).
fn digest_messages(message: &mail_parser::Message, body_chars: usize) -> Vec<DigestMessage> {
    let is_digest = message.content_type().is_some_and(|ct| {
        ct.subtype()
            .is_some_and(|s| s.eq_ignore_ascii_case("digest"))
    });
    let carried: Vec<&mail_parser::Message> =
        message.attachments().filter_map(|p| p.message()).collect();
    let texts: Vec<String> = carried
        .iter()
        .map(|m| m.body_text(0).map(|t| t.into_owned()).unwrap_or_default())
        .collect();
    let carried_chars: usize = texts.iter().map(|t| ink(t)).sum();
    if carried.len() < 2 || !(is_digest || carried_chars > body_chars) {
        return Vec::new();
    }
    carried
        .into_iter()
        .zip(texts)
        .map(|(m, text)| {
            let (given, header_chars) = headers_given(m);
            DigestMessage {
                given,
                text,
                header_chars,
            }
        })
        .collect()
}

/// What a message's headers say of its article: the subject, the sender's name (else its
/// address), the date as the header writes it; and their characters.
fn headers_given(message: &mail_parser::Message) -> (FrontMatter, usize) {
    let mut given = FrontMatter::default();
    given.title = message
        .subject()
        .map(clean::collapse_spaces)
        .filter(|s| !s.is_empty());
    given.source = sender(message);
    given.date = message
        .date()
        .map(|d| format!("{:04}-{:02}-{:02}", d.year, d.month, d.day))
        .filter(|iso| crate::dates::parse_date(iso).is_some());
    let chars = [&given.title, &given.source, &given.date]
        .into_iter()
        .flatten()
        .map(|v| ink(v))
        .sum();
    (given, chars)
}

/// Who sent a message, as its source: the sender's name (an outlet's mailing named as such,
/// "매체 뉴스레터", is the outlet), else the address.
fn sender(message: &mail_parser::Message) -> Option<String> {
    let first = message.from().and_then(|a| a.first())?;
    first
        .name()
        .map(clean::collapse_spaces)
        .filter(|n| !n.is_empty())
        .map(|n| mailing_outlet(&n).to_owned())
        .or_else(|| first.address().map(str::to_owned))
}

/// Words naming a mailing after the outlet that sends it.
const MAILING_WORDS: &[&str] = &["뉴스레터", "newsletter", "news letter"];

/// The outlet a sender's name is a mailing of ("매체 뉴스레터", "매체 Newsletter"), else the
/// name as it is.
fn mailing_outlet(name: &str) -> &str {
    let lower = name.to_lowercase();
    MAILING_WORDS
        .iter()
        .find_map(|w| {
            let cut = lower.strip_suffix(w)?.len();
            // Lowercasing kept the outlet's bytes where they were (Korean and ASCII).
            let outlet = name.get(..cut)?.trim_end();
            let set_apart = name[..cut].ends_with(char::is_whitespace);
            (set_apart && !outlet.is_empty()).then_some(outlet)
        })
        .unwrap_or(name)
}

/// Puts a part's text in the ledger under `kind`; its characters.
fn part_chars(mail: &mut Mail, kind: &'static str, text: &str) -> usize {
    let chars = ink(text);
    if chars > 0 {
        mail.ledger.dropped_counts(kind, 1, chars);
        mail.dropped_chars += chars;
    }
    chars
}

/// A part in ISO-2022-KR (7-bit Korean mail, RFC 1557), which the WHATWG encodings decode as
/// "replacement" (the whole part one U+FFFD): read from the part's own bytes. A part in any
/// other charset that decodes so is refused with its charset named, never read as one
/// character.
fn seven_bit_korean(
    bytes: &[u8],
    part: &mail_parser::MessagePart,
    mail: &mut Mail,
) -> Result<(), String> {
    let label = part
        .content_type()
        .and_then(|ct| ct.attribute("charset"))
        .unwrap_or("")
        .trim()
        .to_owned();
    let lost = encoding_rs::Encoding::for_label(label.as_bytes())
        .is_some_and(|e| e == encoding_rs::REPLACEMENT);
    if !lost {
        return Ok(());
    }
    let plain = part.content_transfer_encoding().is_none_or(|te| {
        ["7bit", "8bit", "binary"]
            .iter()
            .any(|t| te.eq_ignore_ascii_case(t))
    });
    let raw = bytes
        .get(part.raw_body_offset() as usize..part.raw_end_offset() as usize)
        .unwrap_or(&[]);
    match crate::decode::iso_2022_kr(raw).filter(|_| plain && matches!(part.body, PartType::Text(_))) {
        Some(text) => {
            mail.text = text;
            mail.encoding = "ISO-2022-KR";
            Ok(())
        }
        None => Err(format!(
            "e-mail whose text is in the charset {label:?}, which ingest cannot decode (its text would be lost)"
        )),
    }
}

/// A text or HTML part's text, and the encoding it was read as when not mail-parser's. A part
/// whose charset mail-parser does not know (Korean mailers' `cp949`, `ms949`) it reads as
/// UTF-8, every Hangul syllable a U+FFFD: such a part's own bytes, after their transfer
/// encoding, are read as a text file's are ([`crate::decode::decode`]: UTF-8, else
/// CP949/EUC-KR), and refused with the charset named when they are neither.
fn part_text(
    bytes: &[u8],
    part: &mail_parser::MessagePart,
) -> Result<(String, Option<&'static str>), String> {
    let (PartType::Text(text) | PartType::Html(text)) = &part.body else {
        return Ok((String::new(), None));
    };
    let label = part
        .content_type()
        .and_then(|ct| ct.attribute("charset"))
        .map(str::trim)
        .filter(|label| !label.is_empty());
    let Some(label) = label.filter(|l| charset_decoder(l.as_bytes()).is_none()) else {
        return Ok((text.to_string(), None));
    };
    let raw = bytes
        .get(part.raw_body_offset() as usize..part.raw_end_offset() as usize)
        .unwrap_or(&[]);
    let transfer = part.content_transfer_encoding().unwrap_or("");
    let own = if transfer.eq_ignore_ascii_case("base64") {
        mail_parser::decoders::base64::base64_decode(raw)
    } else if transfer.eq_ignore_ascii_case("quoted-printable") {
        mail_parser::decoders::quoted_printable::quoted_printable_decode(raw)
    } else {
        Some(raw.to_vec())
    };
    let unreadable = || {
        format!("e-mail whose text is in the charset {label:?}, which ingest cannot decode (its text would be lost)")
    };
    let decoded = crate::decode::decode(&own.ok_or_else(unreadable)?).map_err(|_| unreadable())?;
    Ok((decoded.text, Some(decoded.encoding)))
}

/// A header's encoded words in ISO-2022-KR (`=?ISO-2022-KR?B?…?=`), which the MIME decoder
/// reads as nothing: the header's text; `None` when it has none.
fn iso_2022_kr_words(raw: &str) -> Option<String> {
    let mut out = String::new();
    let mut found = false;
    let mut rest = raw.trim();
    while let Some(start) = rest.find("=?") {
        let (before, word) = rest.split_at(start);
        // Whitespace between two encoded words is no text.
        if !(found && before.trim().is_empty()) {
            out.push_str(before);
        }
        let inner = &word[2..];
        let mut parts = inner.splitn(3, '?');
        let (Some(charset), Some(encoding), Some(tail)) =
            (parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        let end = tail.find("?=")?;
        if !charset.eq_ignore_ascii_case("iso-2022-kr") || !encoding.eq_ignore_ascii_case("b") {
            return None;
        }
        let bytes = base64(&tail[..end])?;
        out.push_str(&crate::decode::iso_2022_kr(&bytes)?);
        found = true;
        rest = &tail[end + 2..];
    }
    out.push_str(rest);
    found.then_some(out)
}

/// Standard base64 (with or without padding); `None` on any other character.
fn base64(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut bits, mut held) = (0u32, 0u32);
    for c in text
        .bytes()
        .filter(|&c| c != b'=' && !c.is_ascii_whitespace())
    {
        bits = (bits << 6) | u32::from(value(c)?);
        held += 6;
        if held >= 8 {
            held -= 8;
            out.push((bits >> held) as u8);
            bits &= (1 << held) - 1;
        }
    }
    Some(out)
}

/// Reads a message.
pub fn read(bytes: &[u8]) -> Result<Mail, String> {
    super::guarded("e-mail", || read_unguarded(bytes))
}

fn read_unguarded(bytes: &[u8]) -> Result<Mail, String> {
    if header_names(bytes).is_empty() {
        return Err("damaged e-mail: no headers".into());
    }
    let message = MessageParser::default()
        .parse(bytes)
        .ok_or_else(|| "damaged e-mail: its MIME structure cannot be read".to_owned())?;
    let mut mail = Mail::default();
    // The body: a real text part, else the HTML part's blocks.
    let text_part = message
        .text_part(0)
        .filter(|p| matches!(p.body, PartType::Text(_)));
    let html_part = message
        .html_part(0)
        .filter(|p| matches!(p.body, PartType::Html(_)));
    let part = text_part.or(html_part);
    let charset = part
        .and_then(|p| p.content_type())
        .and_then(|ct| ct.attribute("charset"))
        .and_then(|label| encoding_rs::Encoding::for_label(label.trim().as_bytes()))
        .map_or("US-ASCII/UTF-8", |e| e.name());
    mail.encoding = charset;
    let plain = text_part.map(|p| part_text(bytes, p)).transpose()?;
    let html = html_part.map(|p| part_text(bytes, p)).transpose()?;
    if let Some(read_as) = plain.as_ref().or(html.as_ref()).and_then(|t| t.1) {
        mail.encoding = read_as;
    }
    let plain = plain.map(|t| t.0);
    let html = html.map(|t| t.0);
    // A plain part with far less text than its HTML alternative is a stub ("이 메일은 HTML
    // 형식입니다…", a teaser), not the message; one that leaves out paragraphs the HTML holds
    // is an abridgement (a mailing service's text version, each article cut to its lede):
    // the HTML is read.
    let plain = plain.filter(|plain| {
        let Some(html) = &html else {
            return true;
        };
        let mut scratch = crate::Ledger::default();
        let (html_text, _) = super::html::page_lines(html, &mut scratch);
        ink(plain) * STUB_SHARE >= ink(&html_text) && !abridges(plain, &html_text)
    });
    match (plain, html) {
        (Some(text), html) => {
            mail.text = text;
            if let Some((text, marks)) = unquoted(&mail.text) {
                mail.ledger
                    .dropped_counts("quotation marks", marks.0, marks.1);
                mail.dropped_chars += marks.1;
                mail.text = text;
            }
            // The HTML alternative tells which of the text's lines are photo captions.
            if let Some(html) = html {
                mail.given.captions = super::html::caption_lines(&html);
            }
        }
        (None, Some(html)) => {
            let (text, chars) = super::html::page_lines(&html, &mut mail.ledger);
            mail.given.captions = super::html::caption_lines(&html);
            mail.dropped_chars = chars - ink(&text);
            mail.text = text;
            mail.wrapping = Some(Wrapping::OnePerLine);
        }
        (None, None) => return Err("e-mail without a text or HTML part".into()),
    }
    if let Some(p) = part {
        seven_bit_korean(bytes, p, &mut mail)?;
    }
    if ink(&mail.text) == 0 {
        return Err("e-mail with an empty body".into());
    }
    mail.digest = digest_messages(&message, ink(&mail.text));
    count_the_rest(&message, &mut mail);
    let subject = message
        .header_raw("Subject")
        .and_then(iso_2022_kr_words)
        .or_else(|| message.subject().map(str::to_owned))
        .map(|s| clean::collapse_spaces(&s))
        .filter(|s| !s.is_empty());
    if let Some(subject) = &subject {
        mail.header_chars += ink(subject);
    }
    let from = sender(&message);
    if let Some(from) = &from {
        mail.ledger.metadata(from);
        mail.header_chars += ink(from);
    }
    if let Some(date) = message.date() {
        // The date as the header writes it, in its own offset (not converted to UTC).
        let iso = format!("{:04}-{:02}-{:02}", date.year, date.month, date.day);
        if crate::dates::parse_date(&iso).is_some() {
            mail.ledger.metadata(&iso);
            mail.header_chars += ink(&iso);
            mail.given.date = Some(iso);
        } else {
            mail.warnings
                .push("the Date: header is not a valid date".into());
        }
    }
    mail.given.title = subject.clone();
    mail.given.source = from;
    mail.subject = subject;
    Ok(mail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_mbox_is_told_by_its_separator_and_headers_and_cut_at_its_separators() {
        let mbox = b"From a@x.example Mon Feb  1 00:30:00 2021\nFrom: a@x.example\nSubject: one\n\n\
            body\nFrom here on, a body line\n>From escaped\n>>From twice\n\n\
            From b@y.example Tue Feb  2 00:30:00 2021\r\nFrom: b@y.example\r\nSubject: two\r\n\r\nsecond\r\n";
        assert!(sniff_mbox(mbox));
        // A letter opening with "From" is text, and a message with no separator an e-mail.
        assert!(!sniff_mbox("From 김철수\n잘 지내지?\n".as_bytes()));
        assert!(!sniff_mbox(b"From: a@x.example\nSubject: one\n\nbody\n"));
        let messages = mbox_messages(mbox);
        assert_eq!(messages.len(), 2);
        let first = String::from_utf8_lossy(&messages[0]);
        assert!(first.starts_with("From: a@x.example\n"), "{first}");
        // Only a separator after an empty line cuts; escaped lines lose one '>'.
        assert!(
            first.contains("\nFrom here on, a body line\nFrom escaped\n>From twice\n"),
            "{first}"
        );
        assert!(String::from_utf8_lossy(&messages[1]).ends_with("second\r\n"));
    }

    #[test]
    fn an_outlets_mailing_is_the_outlet() {
        assert_eq!(mailing_outlet("강원일보 뉴스레터"), "강원일보");
        assert_eq!(mailing_outlet("KBS Newsletter"), "KBS");
        assert_eq!(mailing_outlet("뉴스레터"), "뉴스레터");
        assert_eq!(mailing_outlet("주간뉴스레터"), "주간뉴스레터");
        assert_eq!(mailing_outlet("홍길동"), "홍길동");
    }

    #[test]
    fn a_plain_part_that_only_points_to_the_html_one_is_not_the_message() {
        let message = |plain: &str| {
            format!(
                "From: a@b.example\r\nSubject: news\r\nMIME-Version: 1.0\r\n\
                 Content-Type: multipart/alternative; boundary=\"b\"\r\n\r\n\
                 --b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{plain}\r\n\
                 --b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n\
                 <html><body><h2>제목 하나</h2><p>첫 기사의 본문이 여기에 이렇게 길게 이어집니다. 두 문장째도 있습니다.</p>\
                 <h2>제목 둘</h2><p>둘째 기사의 본문도 여기에 이렇게 길게 이어집니다. 두 문장째도 있습니다.</p></body></html>\r\n--b--\r\n"
            )
        };
        let stub =
            read(message("HTML 메일입니다. 웹에서 보기: https://x.example").as_bytes()).unwrap();
        assert!(stub.text.contains("둘째 기사의 본문"), "{}", stub.text);
        // A plain part with the same text as the HTML one is the message.
        let same = "제목 하나\r\n첫 기사의 본문이 여기에 이렇게 길게 이어집니다. 두 문장째도 있습니다.\r\n제목 둘\r\n둘째 기사의 본문도 여기에 이렇게 길게 이어집니다. 두 문장째도 있습니다.";
        let plain = read(message(same).as_bytes()).unwrap();
        assert!(
            plain.text.starts_with("제목 하나\r\n") || plain.text.starts_with("제목 하나\n"),
            "{}",
            plain.text
        );
        assert_eq!(plain.wrapping, None);
    }

    #[test]
    fn a_plain_part_that_abridges_the_html_one_is_not_the_message() {
        let paragraph = |n: &str, k: &str| {
            format!("{n} 기사의 {k} 문단은 이렇게 길게 이어지며 마침표로 끝나는 문장 두 개로 되어 있습니다. 둘째 문장도 있습니다.")
        };
        let html: String = ["첫째", "둘째"]
            .iter()
            .map(|n| {
                format!(
                    "<h2>{n} 제목</h2><p>{}</p><p>{}</p>",
                    paragraph(n, "앞"),
                    paragraph(n, "뒤")
                )
            })
            .collect();
        // Each article's first paragraph and a long link: as long as the HTML's text, half
        // its prose missing.
        let plain: String = ["첫째", "둘째"]
            .iter()
            .map(|n| format!("{n} 제목\r\n{}\r\n계속 읽기: https://x.example/articles/2021/03/04/{n}-article-of-the-weekly-issue-and-more\r\n", paragraph(n, "앞")))
            .collect();
        let message = format!(
            "From: a@b.example\r\nSubject: news\r\nMIME-Version: 1.0\r\n\
             Content-Type: multipart/alternative; boundary=\"b\"\r\n\r\n\
             --b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{plain}\r\n\
             --b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body>{html}</body></html>\r\n--b--\r\n"
        );
        let mail = read(message.as_bytes()).unwrap();
        assert!(
            mail.text.contains(&paragraph("둘째", "뒤")),
            "{}",
            mail.text
        );
        // The same plain part with every paragraph is the message.
        let whole = plain.replace("\r\n계속", &format!("\r\n{}\r\n계속", paragraph("X", "뒤")));
        let whole: String = ["첫째", "둘째"].iter().fold(whole, |t, n| {
            t.replacen(&paragraph("X", "뒤"), &paragraph(n, "뒤"), 1)
        });
        let message = message.replace(&plain, &whole);
        let mail = read(message.as_bytes()).unwrap();
        assert!(mail.text.contains("계속 읽기"), "{}", mail.text);
    }

    #[test]
    fn a_part_in_a_charset_the_mime_decoder_does_not_know_is_read_from_its_bytes() {
        let message = |charset: &str, bytes: &[u8]| {
            // Quoted-printable: every byte past ASCII as =XX.
            let body: String = bytes
                .iter()
                .map(|&b| match b {
                    0x80.. | b'=' => format!("={b:02X}"),
                    _ => char::from(b).to_string(),
                })
                .collect();
            format!(
                "From: a@b.example\r\nSubject: news\r\nMIME-Version: 1.0\r\n\
                 Content-Type: text/plain; charset={charset}\r\n\
                 Content-Transfer-Encoding: quoted-printable\r\n\r\n{body}\r\n"
            )
        };
        let (korean, _, _) = encoding_rs::EUC_KR.encode("지역 소식\r\n본문은 한국어입니다.");
        let mail = read(message("ms949", &korean).as_bytes()).unwrap();
        assert_eq!(mail.text.trim_end(), "지역 소식\r\n본문은 한국어입니다.");
        assert_eq!(mail.encoding, "CP949/EUC-KR");
        // A charset it knows is read as before.
        let known = read(message("euc-kr", &korean).as_bytes()).unwrap();
        assert_eq!(known.text, mail.text);
        assert_eq!(known.encoding, "EUC-KR");
        // Bytes that are no text in any encoding ingest reads are refused, the charset named.
        let noise: Vec<u8> = (0..200u32).map(|i| 0x80 + (i * 37 % 0x30) as u8).collect();
        let refused = read(message("x-mac-korean", &noise).as_bytes()).unwrap_err();
        assert!(refused.contains("\"x-mac-korean\""), "{refused}");
    }

    #[test]
    fn a_subject_in_iso_2022_kr_is_read() {
        // "주간 교육" in ISO-2022-KR, base64 (Python's iso2022_kr codec).
        assert_eq!(
            iso_2022_kr_words("=?ISO-2022-KR?B?GyQpQw5BVjAjDyAOMTNAMA8=?=").as_deref(),
            Some("주간 교육")
        );
        assert_eq!(iso_2022_kr_words("=?UTF-8?B?7KO86rCE?="), None);
        assert_eq!(iso_2022_kr_words("plain subject"), None);
    }

    #[test]
    fn a_message_quoted_whole_loses_its_quotation_marks() {
        let text = "확인 바랍니다.\n\n> 제목 하나\n> (매체, 2020.1.2)\n>\n> > 본문 첫 줄.\n>본문 둘째 줄.\n";
        let (out, (lines, marks)) = unquoted(text).unwrap();
        assert_eq!(
            out,
            "확인 바랍니다.\n\n제목 하나\n(매체, 2020.1.2)\n\n본문 첫 줄.\n본문 둘째 줄.\n"
        );
        assert_eq!((lines, marks), (5, 6));
        // A reply quoting a line or two keeps its marks: the quote is not the message.
        assert!(unquoted(
            "답장입니다.\n좋습니다.\n그럼 내일 뵙겠습니다.\n> 내일 회의 가능하신가요?\n"
        )
        .is_none());
        // "1 > 0" inside a line is no quotation.
        assert!(unquoted("가 > 나\n다\n").is_none());
    }
}
