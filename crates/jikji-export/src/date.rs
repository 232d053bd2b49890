//! Dates as the formats want them: an article's ISO date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`)
//! read into its parts, a partial date kept partial.

use std::fmt;

/// A day, a month or a year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Date {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl Date {
    /// Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (months 1–12, days 1–31); anything else is `None`.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().split('-');
        let year = parts.next().filter(|y| y.len() == 4)?.parse().ok()?;
        let month = optional(parts.next(), 12)?;
        let day = optional(parts.next(), 31)?;
        if parts.next().is_some() {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// The parts present, year first.
    pub fn parts(self) -> Vec<u16> {
        std::iter::once(self.year)
            .chain(self.month.map(u16::from))
            .chain(self.month.and(self.day).map(u16::from))
            .collect()
    }
}

/// An absent part (`Some(None)`), or a present one that reads as a number up to `max`.
fn optional(part: Option<&str>, max: u8) -> Option<Option<u8>> {
    match part {
        None => Some(None),
        Some(text) => number(text, max).map(Some),
    }
}

/// A one- or two-digit number from 1 to `max`.
fn number(text: &str, max: u8) -> Option<u8> {
    if text.is_empty() || text.len() > 2 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok().filter(|n| (1..=max).contains(n))
}

/// ISO 8601, as precise as the date is: `2020-08-26`, `2020-08`, `2020`.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
            if let Some(day) = self.day {
                write!(f, "-{day:02}")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_and_partial_dates_read_into_their_parts() {
        assert_eq!(Date::parse("2020-08-26").unwrap().parts(), [2020, 8, 26]);
        assert_eq!(Date::parse("2020-08").unwrap().parts(), [2020, 8]);
        assert_eq!(Date::parse("2020").unwrap().parts(), [2020]);
        assert_eq!(Date::parse("2020-8-3").unwrap().to_string(), "2020-08-03");
        assert_eq!(Date::parse("2020-08").unwrap().to_string(), "2020-08");
    }

    #[test]
    fn what_is_no_date_is_none() {
        for text in [
            "",
            "20-08-26",
            "2020-13",
            "2020-08-32",
            "2020-08-26-1",
            "2020/08",
            "이천",
        ] {
            assert_eq!(Date::parse(text), None, "{text}");
        }
    }
}
