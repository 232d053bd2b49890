//! Dates as archives write them (`2020.8.27`, `2020. 9. 2`, `2020-08-27`, `2020년 8월 27일`,
//! `2020/08/27`), read into ISO `YYYY-MM-DD`. Impossible dates are not dates.

/// The first date in `text` and the byte range it occupies.
pub fn find_date(text: &str) -> Option<(String, std::ops::Range<usize>)> {
    let bytes = text.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        if bytes[start].is_ascii_digit() && (start == 0 || !bytes[start - 1].is_ascii_digit()) {
            if let Some((iso, len)) = date_at(&text[start..]) {
                return Some((iso, start..start + len));
            }
        }
        start += 1;
    }
    None
}

/// `text` as a date when the whole of it (trimmed) is one.
pub fn parse_date(text: &str) -> Option<String> {
    let text = text.trim();
    match date_at(text) {
        Some((iso, len))
            if text[len..]
                .trim_matches(|c: char| c == '.' || c.is_whitespace())
                .is_empty() =>
        {
            Some(iso)
        }
        _ => None,
    }
}

/// A date at the very start of `text`: its ISO form and byte length.
fn date_at(text: &str) -> Option<(String, usize)> {
    let mut pos = 0;
    let year = number(text, &mut pos, 4, 4)?;
    let separator = separator(text, &mut pos, "년")?;
    let month = number(text, &mut pos, 1, 2)?;
    separator_like(text, &mut pos, &separator, "월")?;
    let day = number(text, &mut pos, 1, 2)?;
    if separator == "년" {
        skip_spaces(text, &mut pos);
        if text[pos..].starts_with('일') {
            pos += '일'.len_utf8();
        }
    }
    // A following digit means this was not a date but part of a longer number.
    if text[pos..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let valid = (1900..=2100).contains(&year)
        && (1..=12).contains(&month)
        && (1..=days_in(year, month)).contains(&day);
    valid.then(|| (format!("{year:04}-{month:02}-{day:02}"), pos))
}

fn number(text: &str, pos: &mut usize, min: usize, max: usize) -> Option<u32> {
    let digits = text[*pos..].bytes().take_while(u8::is_ascii_digit).count();
    if digits < min || digits > max {
        return None;
    }
    let value = text[*pos..*pos + digits].parse().ok()?;
    *pos += digits;
    Some(value)
}

fn skip_spaces(text: &str, pos: &mut usize) {
    *pos += text[*pos..].len() - text[*pos..].trim_start_matches(' ').len();
}

/// Reads the separator after the year: `.`, `-`, `/` or `년`, with optional spaces around.
fn separator(text: &str, pos: &mut usize, word: &str) -> Option<String> {
    skip_spaces(text, pos);
    let rest = &text[*pos..];
    let sep = if rest.starts_with(word) {
        word
    } else {
        ['.', '-', '/']
            .into_iter()
            .find(|c| rest.starts_with(*c))
            .map(|c| &rest[..c.len_utf8()])?
    };
    *pos += sep.len();
    skip_spaces(text, pos);
    Some(sep.to_owned())
}

/// The separator after the month must be the same kind as after the year.
fn separator_like(text: &str, pos: &mut usize, first: &str, word: &str) -> Option<()> {
    let expected = if first == "년" { word } else { first };
    skip_spaces(text, pos);
    if !text[*pos..].starts_with(expected) {
        return None;
    }
    *pos += expected.len();
    skip_spaces(text, pos);
    Some(())
}

fn days_in(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_forms_archives_use() {
        for (text, iso) in [
            ("2020.8.27", "2020-08-27"),
            ("2020.08.28", "2020-08-28"),
            ("2020. 9. 2", "2020-09-02"),
            ("2022-12-14", "2022-12-14"),
            ("2020/08/27", "2020-08-27"),
            ("2020년 8월 27일", "2020-08-27"),
            ("2020 년 8 월 17 일", "2020-08-17"),
        ] {
            assert_eq!(parse_date(text).as_deref(), Some(iso), "{text}");
        }
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for text in [
            "2020.13.01",
            "2021-02-29",
            "20201.1.1",
            "2020",
            "2020.8",
            "12.14",
            "2020-08-27x",
            "1800.1.1",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
        }
        assert_eq!(parse_date("2020-02-29").as_deref(), Some("2020-02-29"));
    }

    #[test]
    fn finds_a_date_inside_text() {
        let text = "(ZOL 中关村在线 2020.8.27)";
        let (iso, range) = find_date(text).unwrap();
        assert_eq!(iso, "2020-08-27");
        assert_eq!(&text[range], "2020.8.27");
        assert_eq!(find_date("제 195 호(2020.09.02)").unwrap().0, "2020-09-02");
        assert_eq!(find_date("전화 +86-10-6437-7896"), None);
        assert_eq!(find_date("(2023)"), None);
    }
}
