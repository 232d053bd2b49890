//! Dates as archives write them (`2020.8.27`, `2020. 9. 2`, `2020-08-27`, `2020년 8월 27일`,
//! `2020/08/27`, `2020年 8月 27日`, with the weekday after it or not, `2020. 8. 27.(목)`; a
//! clipping's two-digit year, `21.03.04`, `'21.3.4.`, `21년 3월 4일`, where an attribution is
//! looked for),
//! read into ISO `YYYY-MM-DD`. Impossible dates are not dates. Dates with a time and an offset
//! (a page's ISO date-time, a feed item's RFC 822 date) stay on the day of their own offset.

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
    let separator = separator(text, &mut pos)?;
    let month = number(text, &mut pos, 1, 2)?;
    separator_like(text, &mut pos, &separator)?;
    let day = number(text, &mut pos, 1, 2)?;
    if let Some((_, _, day_word)) = DATE_WORDS.iter().find(|(y, ..)| *y == separator) {
        skip_spaces(text, &mut pos);
        if text[pos..].starts_with(day_word) {
            pos += day_word.len();
        }
    }
    // A following digit means this was not a date but part of a longer number.
    if text[pos..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let valid = (1900..=2100).contains(&year)
        && (1..=12).contains(&month)
        && (1..=days_in(year, month)).contains(&day);
    // The weekday after it is part of the date ("2021. 3. 4.(목)", "2021년 3월 4일 목요일").
    pos += weekday_len(&text[pos..]);
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

/// The words of a date written in words: year, month and day, in Hangul and in Chinese
/// characters ("2021년 3월 4일", "2021年 3月 4日").
const DATE_WORDS: &[(&str, &str, &str)] = &[("년", "월", "일"), ("年", "月", "日")];

/// Reads the separator after the year: `.`, `-`, `/`, `년` or `年`, with optional spaces around.
fn separator(text: &str, pos: &mut usize) -> Option<String> {
    skip_spaces(text, pos);
    let rest = &text[*pos..];
    let sep = match DATE_WORDS.iter().find(|(y, ..)| rest.starts_with(y)) {
        Some((year_word, ..)) => year_word,
        None => ['.', '-', '/']
            .into_iter()
            .find(|c| rest.starts_with(*c))
            .map(|c| &rest[..c.len_utf8()])?,
    };
    *pos += sep.len();
    skip_spaces(text, pos);
    Some(sep.to_owned())
}

/// The separator after the month must be the same kind as after the year.
fn separator_like(text: &str, pos: &mut usize, first: &str) -> Option<()> {
    let expected = DATE_WORDS
        .iter()
        .find(|(y, ..)| *y == first)
        .map_or(first, |(_, month_word, _)| month_word);
    skip_spaces(text, pos);
    if !text[*pos..].starts_with(expected) {
        return None;
    }
    *pos += expected.len();
    skip_spaces(text, pos);
    Some(())
}

/// The days of the week as a date is followed by them, in Hangul and in Chinese characters.
const WEEKDAYS: &[char] = &[
    '월', '화', '수', '목', '금', '토', '일', '月', '火', '水', '木', '金', '土', '日',
];

/// The byte length of an ISO 8601 time written right after a date, or 0: `T09:00`,
/// `T09:00:00`, `T09:00:00.000`, with its offset (`Z`, `+09:00`, `+0900`) if it has one
/// (`2021-03-05T09:00:00+09:00`, as exports and web clippers write a moment).
pub fn iso_time_len(text: &str) -> usize {
    let b = text.as_bytes();
    let digits =
        |at: usize, n: usize| b.len() >= at + n && b[at..at + n].iter().all(u8::is_ascii_digit);
    if !(b.first() == Some(&b'T') && digits(1, 2) && b.get(3) == Some(&b':') && digits(4, 2)) {
        return 0;
    }
    let mut len = 6;
    if b.get(len) == Some(&b':') && digits(len + 1, 2) {
        len += 3;
        if b.get(len) == Some(&b'.') && digits(len + 1, 1) {
            len += 1 + b[len + 1..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
        }
    }
    match b.get(len) {
        Some(b'Z') => len + 1,
        Some(b'+' | b'-') if digits(len + 1, 2) => {
            let colon = usize::from(b.get(len + 3) == Some(&b':'));
            if digits(len + 3 + colon, 2) {
                len + 5 + colon
            } else {
                len
            }
        }
        _ => len,
    }
}

/// The byte length of a weekday written right after a date, or 0: "(목)", "(목요일)",
/// "목요일", perhaps after the date's closing period ("2021. 3. 4.(목)").
pub fn weekday_len(text: &str) -> usize {
    let after_period = text.strip_prefix('.').unwrap_or(text);
    let rest = after_period.trim_start_matches(' ');
    // "목요일", not "목요일에" (a sentence goes on).
    let spelled = |t: &str| {
        let day = t.chars().next().filter(|c| WEEKDAYS.contains(c))?;
        let after = t[day.len_utf8()..].strip_prefix("요일")?;
        (!after.starts_with(char::is_alphanumeric)).then(|| t.len() - after.len())
    };
    // "(목)", "(목요일)".
    let in_parens = |t: &str| {
        let inner = t.strip_prefix('(')?;
        let day = inner.chars().next().filter(|c| WEEKDAYS.contains(c))?;
        let after = &inner[day.len_utf8()..];
        let after = after.strip_prefix("요일").unwrap_or(after);
        after.starts_with(')').then(|| t.len() - after.len() + 1)
    };
    let Some(len) = in_parens(rest).or_else(|| spelled(rest)) else {
        return 0;
    };
    text.len() - rest.len() + len
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

/// The date of an ISO date-time as the page wrote it, in its own offset; a UTC time (`Z`,
/// `+00:00`) on a page in Korean is moved to KST (+09:00) first.
pub fn local_date(value: &str, korean: bool) -> Option<String> {
    let value = value.trim();
    let date = parse_date(value.get(..10)?)?;
    let rest = &value[10..];
    let utc = rest.ends_with('Z') || rest.ends_with("+00:00") || rest.ends_with("+0000");
    if !(utc && korean) {
        return Some(date);
    }
    let hour: u32 = rest.get(1..3)?.parse().ok()?;
    if hour + 9 < 24 {
        return Some(date);
    }
    Some(next_day(&date))
}

/// The ISO date after `date`.
pub fn next_day(date: &str) -> String {
    let parts: Vec<u32> = date.split('-').filter_map(|p| p.parse().ok()).collect();
    let [y, m, d] = parts[..] else {
        return date.to_owned();
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let (y, m, d) = if d < days[(m as usize).clamp(1, 12) - 1] {
        (y, m, d + 1)
    } else if m < 12 {
        (y, m + 1, 1)
    } else {
        (y + 1, 1, 1)
    };
    format!("{y:04}-{m:02}-{d:02}")
}

/// A date as an item writes it, in the item's own offset (`korean`: a UTC time is moved to
/// KST first).
pub fn item_date(raw: &str, korean: bool) -> Option<String> {
    let raw = raw.trim();
    if raw.len() >= 10 && raw.as_bytes()[4] == b'-' {
        return local_date(raw, korean);
    }
    // RFC 822: "Tue, 25 Aug 2020 02:30:00 +0900" (the weekday optional).
    let words: Vec<&str> = raw
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let start = usize::from(
        words
            .first()
            .is_some_and(|w| w.chars().all(char::is_alphabetic)),
    );
    let day: u32 = words.get(start)?.parse().ok()?;
    let month = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|m| {
        words
            .get(start + 1)
            .is_some_and(|w| w.to_ascii_lowercase().starts_with(m))
    })? as u32
        + 1;
    let mut year: u32 = words.get(start + 2)?.parse().ok()?;
    if year < 100 {
        year += if year < 50 { 2000 } else { 1900 };
    }
    let date = parse_date(&format!("{year:04}-{month:02}-{day:02}"))?;
    let hour: u32 = words
        .get(start + 3)
        .and_then(|t| t.split(':').next()?.parse().ok())
        .unwrap_or(0);
    let zone = words.get(start + 4).copied().unwrap_or("");
    let utc = matches!(
        zone.to_ascii_uppercase().as_str(),
        "GMT" | "UT" | "UTC" | "Z" | "+0000" | "-0000"
    );
    if utc && korean && hour + 9 >= 24 {
        return Some(next_day(&date));
    }
    Some(date)
}

/// A date with a two-digit year as clippings write it, and its byte range: "21.03.04" (two
/// digits, a separator, two digits, the same separator, two), "'21.3.4." (the apostrophe that
/// marks a shortened year, the month and day in one or two digits) or "21년 3월 4일" (in
/// words). From 50, the 1900s.
pub fn find_short_date(text: &str) -> Option<(String, std::ops::Range<usize>)> {
    let bytes = text.as_bytes();
    (0..bytes.len()).find_map(|i| {
        let starts_number = bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_digit());
        if !starts_number {
            return None;
        }
        let apostrophe = ['\'', '’', '‘']
            .into_iter()
            .find(|c| text[..i].ends_with(*c))
            .map_or(0, char::len_utf8);
        let (iso, len) = short_date_at(&text[i..], apostrophe > 0)?;
        Some((iso, i - apostrophe..i + len))
    })
}

/// A two-digit-year date at the very start of `text` ([`find_short_date`]'s forms); `marked`
/// when an apostrophe stands before it.
fn short_date_at(text: &str, marked: bool) -> Option<(String, usize)> {
    let mut pos = 0;
    let year = number(text, &mut pos, 2, 2)?;
    let separator = separator(text, &mut pos)?;
    let month_at = pos;
    let month = number(text, &mut pos, 1, 2)?;
    let month_digits = pos - month_at;
    separator_like(text, &mut pos, &separator)?;
    let day_at = pos;
    let day = number(text, &mut pos, 1, 2)?;
    let day_digits = pos - day_at;
    let in_words = DATE_WORDS.iter().find(|(y, ..)| *y == separator);
    if let Some((_, _, day_word)) = in_words {
        skip_spaces(text, &mut pos);
        if !text[pos..].starts_with(day_word) {
            return None;
        }
        pos += day_word.len();
    }
    if text[pos..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // Unmarked and in figures, only the fixed-width form: "3.4.21" or "1.2.3" are no dates.
    let fixed_width = pos == 8 && month_digits == 2 && day_digits == 2;
    if in_words.is_none() && !marked && !fixed_width {
        return None;
    }
    let century = if year < 50 { 2000 } else { 1900 };
    let iso = parse_date(&format!("{}.{month}.{day}", century + year))?;
    pos += weekday_len(&text[pos..]);
    Some((iso, pos))
}

/// A date written without its year at the end of `text` ("매체 3/5", "매체 3월 5일(금)"), as an
/// issue dated once in its masthead credits its articles, and its byte range: the month and
/// day in the year of `issued` (an ISO date), or of the year before when they fall after it
/// (a January issue's December news). Only the line's last words: a month and day inside a
/// sentence, or a fraction, is not taken.
pub fn find_yearless_date(text: &str, issued: &str) -> Option<(String, std::ops::Range<usize>)> {
    let end = text.trim_end().len();
    let bytes = text.as_bytes();
    (0..end).find_map(|i| {
        let starts_number = bytes[i].is_ascii_digit()
            && (i == 0 || !(bytes[i - 1].is_ascii_digit() || b"./-".contains(&bytes[i - 1])));
        if !starts_number {
            return None;
        }
        let (month, day, len) = month_and_day_at(&text[i..end])?;
        let rest = &text[i + len..end];
        let rest = &rest[weekday_len(rest)..];
        if !rest
            .trim_matches(|c: char| c.is_whitespace() || ")]>〉】".contains(c))
            .is_empty()
        {
            return None;
        }
        let year: u32 = issued.get(..4)?.parse().ok()?;
        let in_year = |y: u32| parse_date(&format!("{y}.{month}.{day}"));
        let date = in_year(year)
            .filter(|d| d.as_str() <= issued)
            .or_else(|| in_year(year - 1))?;
        Some((date, i..i + len))
    })
}

/// "3/5" or "3월 5일" at the very start of `text`: month, day and byte length.
fn month_and_day_at(text: &str) -> Option<(u32, u32, usize)> {
    let mut pos = 0;
    let month = number(text, &mut pos, 1, 2)?;
    let in_words = text[pos..].starts_with('월');
    if in_words {
        pos += '월'.len_utf8();
        skip_spaces(text, &mut pos);
    } else {
        pos += text[pos..].strip_prefix('/').map(|_| 1)?;
    }
    let day = number(text, &mut pos, 1, 2)?;
    if in_words {
        pos += text[pos..].strip_prefix('일').map(|_| '일'.len_utf8())?;
    }
    if text[pos..].starts_with(|c: char| c.is_ascii_digit() || c == '/') {
        return None;
    }
    Some((month, day, pos))
}

/// English month names as a date writes them ("Mar", "March").
const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// A date with an English month name ("Mar 4, 2021", "March 4, 2021", "4 March 2021") and its
/// byte range.
pub fn find_english_date(text: &str) -> Option<(String, std::ops::Range<usize>)> {
    // Words with their byte ranges.
    let mut words: Vec<(&str, std::ops::Range<usize>)> = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let part = c.is_ascii_alphanumeric();
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push((&text[s..i], s..i));
                start = None;
            }
            _ => {}
        }
    }
    let month = |w: &str| {
        let w = w.to_ascii_lowercase();
        MONTHS
            .iter()
            .position(|m| w.len() >= 3 && (w == *m || (w.starts_with(m) && w.len() > 3)))
            .map(|p| p as u32 + 1)
    };
    let number = |w: &str, max: usize| (w.len() <= max).then(|| w.parse::<u32>().ok()).flatten();
    words.windows(3).find_map(|w| {
        let (m, d, y) = if let Some(m) = month(w[0].0) {
            (m, number(w[1].0, 2)?, w[2].0)
        } else {
            (month(w[1].0)?, number(w[0].0, 2)?, w[2].0)
        };
        let year: u32 = (y.len() == 4).then(|| y.parse().ok()).flatten()?;
        let iso = parse_date(&format!("{year:04}-{m:02}-{d:02}"))?;
        Some((iso, w[0].1.start..w[2].1.end))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_and_day_closing_a_line_take_the_issues_year() {
        let on = |text: &str| find_yearless_date(text, "2019-01-10").map(|(d, _)| d);
        assert_eq!(on("한겨레 1/7").as_deref(), Some("2019-01-07"));
        assert_eq!(
            on("(한겨레, 1월 8일 화요일)").as_deref(),
            Some("2019-01-08")
        );
        // After the issue's own day: the year before's.
        assert_eq!(on("한겨레 12/28").as_deref(), Some("2018-12-28"));
        // Inside a sentence, a fraction, a full date's tail, a page count: none.
        assert_eq!(on("찬성은 1/3 정도였고 반대가 많았다"), None);
        assert_eq!(on("2019/1/7"), None);
        assert_eq!(on("2/30"), None);
        assert_eq!(on("1/2/3"), None);
    }

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
            ("2021年 3月 4日", "2021-03-04"),
            ("2021年3月4日", "2021-03-04"),
            ("2021. 3. 4.(목)", "2021-03-04"),
            ("2021-03-04(목요일)", "2021-03-04"),
            ("2021년 3월 4일 목요일", "2021-03-04"),
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
            "2021年 3월 4일",
            "2021. 3. 4.(목)요",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
        }
        assert_eq!(parse_date("2020-02-29").as_deref(), Some("2020-02-29"));
    }

    #[test]
    fn takes_the_weekday_with_the_date() {
        let text = "매체 2021.3.4(목) 보도";
        let (_, range) = find_date(text).unwrap();
        assert_eq!(&text[range], "2021.3.4(목)");
        // A sentence that goes on after the weekday keeps it.
        let text = "2021년 3월 4일 목요일에 열린";
        let (_, range) = find_date(text).unwrap();
        assert_eq!(&text[range], "2021년 3월 4일");
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

    #[test]
    fn dates_stay_in_the_pages_offset() {
        assert_eq!(
            local_date("2020-08-25T02:30:00+09:00", true).as_deref(),
            Some("2020-08-25")
        );
        // 17:30 UTC on the 24th is 02:30 KST on the 25th.
        assert_eq!(
            local_date("2020-08-24T17:30:00Z", true).as_deref(),
            Some("2020-08-25")
        );
        assert_eq!(
            local_date("2020-08-24T17:30:00Z", false).as_deref(),
            Some("2020-08-24")
        );
        assert_eq!(
            local_date("2020-12-31T20:00:00Z", true).as_deref(),
            Some("2021-01-01")
        );
        assert_eq!(next_day("2020-02-28"), "2020-02-29");
    }

    #[test]
    fn item_dates_keep_their_offset() {
        assert_eq!(
            item_date("Tue, 25 Aug 2020 02:30:00 +0900", true).as_deref(),
            Some("2020-08-25")
        );
        assert_eq!(
            item_date("Mon, 24 Aug 2020 17:30:00 GMT", true).as_deref(),
            Some("2020-08-25")
        );
        assert_eq!(
            item_date("Mon, 24 Aug 2020 17:30:00 GMT", false).as_deref(),
            Some("2020-08-24")
        );
        assert_eq!(
            item_date("2020-08-25T02:30:00+09:00", true).as_deref(),
            Some("2020-08-25")
        );
        assert_eq!(
            item_date("25 Aug 20 02:30 +0900", true).as_deref(),
            Some("2020-08-25")
        );
    }

    #[test]
    fn two_digit_years() {
        let date = |t: &str| find_short_date(t).map(|(iso, r)| (iso, t[r].to_owned()));
        let iso = |t: &str| date(t).map(|(iso, _)| iso);
        assert_eq!(iso("[매체, 99.12.31]").as_deref(), Some("1999-12-31"));
        // An apostrophe marks the year: month and day may be one digit.
        assert_eq!(
            date("(’09.7.1., 한겨레)"),
            Some(("2009-07-01".to_owned(), "’09.7.1".to_owned()))
        );
        assert_eq!(iso("'18-2-9 보도").as_deref(), Some("2018-02-09"));
        // In words, with or without spaces, a weekday after it.
        assert_eq!(
            iso("경향신문 · 19년 11월 2일").as_deref(),
            Some("2019-11-02")
        );
        assert_eq!(
            date("98년2월5일(목) 기사"),
            Some(("1998-02-05".to_owned(), "98년2월5일(목)".to_owned()))
        );
        // Unmarked short figures are versions, scores, times.
        assert_eq!(iso("버전 21.3.4 배포"), None);
        assert_eq!(iso("1.2.3"), None);
        assert_eq!(iso("'21.13.4"), None);
        assert_eq!(iso("21년 3월"), None);
        assert_eq!(iso("2021년 3월 4일"), None);
    }

    #[test]
    fn english_month_names() {
        let date = |t: &str| find_english_date(t).map(|(iso, _)| iso);
        assert_eq!(date("Reuters, Mar 4, 2021").as_deref(), Some("2021-03-04"));
        assert_eq!(date("March 14, 2021").as_deref(), Some("2021-03-14"));
        assert_eq!(date("4 March 2021").as_deref(), Some("2021-03-04"));
        assert_eq!(date("Mar 40, 2021"), None);
        assert_eq!(date("May the force"), None);
    }

    #[test]
    fn an_iso_time_after_a_date_is_measured_with_its_offset() {
        for (text, len) in [
            ("T09:00:00+09:00 뒤", 15),
            ("T09:00", 6),
            ("T09:00:00Z", 10),
            ("T09:00:00.250+0900", 18),
            ("T9:00", 0),
            ("Time", 0),
            ("T09:00:00+9", 9),
        ] {
            assert_eq!(iso_time_len(text), len, "{text}");
        }
    }
}
