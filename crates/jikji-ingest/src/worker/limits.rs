//! The per-file limits of isolated reading, [`Limits`], and how users write them: durations
//! (`60s`, `500ms`) and sizes (`2GiB`, `512MiB`), read from the command line and from
//! `JIKJI_FILE_TIMEOUT` / `JIKJI_FILE_MEMORY`, and shown back in skip reasons.

use std::time::Duration;

/// The per-file limits of isolated reading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// How long one file may take.
    pub file_timeout: Duration,
    /// How much address space the worker may use while reading one file, in bytes.
    pub file_memory: u64,
}

impl Default for Limits {
    /// 60 s and 2 GiB: far above what any real archive file needs (BENCHMARKS.md), far below
    /// what stalls a build or a machine.
    fn default() -> Limits {
        Limits {
            file_timeout: Duration::from_secs(60),
            file_memory: 2 << 30,
        }
    }
}

impl Limits {
    /// The limits `JIKJI_FILE_TIMEOUT` and `JIKJI_FILE_MEMORY` set (as `60s`, `2GiB`), the
    /// defaults where they are not set; an error names a variable that cannot be read.
    pub fn from_env() -> Result<Limits, String> {
        let mut limits = Limits::default();
        if let Some(value) = env_value("JIKJI_FILE_TIMEOUT")? {
            limits.file_timeout =
                parse_duration(&value).map_err(|e| format!("JIKJI_FILE_TIMEOUT: {e}"))?;
        }
        if let Some(value) = env_value("JIKJI_FILE_MEMORY")? {
            limits.file_memory =
                parse_bytes(&value).map_err(|e| format!("JIKJI_FILE_MEMORY: {e}"))?;
        }
        Ok(limits)
    }
}

fn env_value(name: &str) -> Result<Option<String>, String> {
    match std::env::var(name) {
        Ok(value) if value.trim().is_empty() => Ok(None),
        Ok(value) => Ok(Some(value)),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => Err(format!("{name} is not text")),
    }
}

/// A duration as a user writes it: `60s`, `500ms`, `2m`, `1h`, or a bare number of seconds.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let (number, unit) = split_number(text);
    let value: f64 = number
        .parse()
        .map_err(|_| format!("{text:?} is not a duration (e.g. 60s, 500ms, 2m)"))?;
    let seconds = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "s" | "sec" | "secs" => value,
        "ms" => value / 1000.0,
        "m" | "min" => value * 60.0,
        "h" => value * 3600.0,
        _ => return Err(format!("{text:?}: unknown unit (use ms, s, m or h)")),
    };
    if !(seconds > 0.0 && seconds.is_finite()) {
        return Err(format!("{text:?}: a time limit must be more than zero"));
    }
    Ok(Duration::from_secs_f64(seconds))
}

/// A size as a user writes it: `2GiB`, `512MiB`, `1GB`, `800M`, or a bare number of bytes.
pub fn parse_bytes(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let (number, unit) = split_number(text);
    let value: f64 = number
        .parse()
        .map_err(|_| format!("{text:?} is not a size (e.g. 2GiB, 512MiB)"))?;
    let scale: f64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kib" => 1024.0,
        "kb" => 1e3,
        "m" | "mib" => 1024.0 * 1024.0,
        "mb" => 1e6,
        "g" | "gib" => 1024.0 * 1024.0 * 1024.0,
        "gb" => 1e9,
        _ => {
            return Err(format!(
                "{text:?}: unknown unit (use KiB, MiB, GiB, KB, MB or GB)"
            ))
        }
    };
    let bytes = value * scale;
    // Below this not even the worker's own program fits in its address space.
    if !(bytes >= (64u64 << 20) as f64 && bytes < u64::MAX as f64) {
        return Err(format!("{text:?}: a memory limit must be at least 64MiB"));
    }
    Ok(bytes as u64)
}

fn split_number(text: &str) -> (&str, &str) {
    let at = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    text.split_at(at)
}

/// A duration for a message: `60 s`, `1.5 s`, `500 ms`.
pub fn show_duration(duration: Duration) -> String {
    let ms = duration.as_millis();
    if ms < 1000 {
        format!("{ms} ms")
    } else if ms.is_multiple_of(1000) {
        format!("{} s", ms / 1000)
    } else {
        format!("{:.1} s", duration.as_secs_f64())
    }
}

/// A size for a message: `2 GiB`, `512 MiB`, `1.5 GiB`.
pub fn show_bytes(bytes: u64) -> String {
    let (value, unit) = if bytes >= 1 << 30 {
        (bytes as f64 / (1u64 << 30) as f64, "GiB")
    } else {
        (bytes as f64 / (1u64 << 20) as f64, "MiB")
    };
    if value.fract() == 0.0 {
        format!("{value} {unit}")
    } else {
        format!("{value:.1} {unit}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_sizes_read_as_users_write_them() {
        assert_eq!(parse_duration("60s"), Ok(Duration::from_secs(60)));
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_duration(" 5 "), Ok(Duration::from_secs(5)));
        assert!(parse_duration("0s").is_err());
        assert!(parse_duration("soon").is_err());
        assert_eq!(parse_bytes("2GiB"), Ok(2 << 30));
        assert_eq!(parse_bytes("512MiB"), Ok(512 << 20));
        assert_eq!(parse_bytes("1GB"), Ok(1_000_000_000));
        assert!(parse_bytes("1MiB").is_err(), "too small for any program");
        assert!(parse_bytes("lots").is_err());
        assert_eq!(show_duration(Duration::from_secs(60)), "60 s");
        assert_eq!(show_duration(Duration::from_millis(250)), "250 ms");
        assert_eq!(show_bytes(2 << 30), "2 GiB");
        assert_eq!(show_bytes(512 << 20), "512 MiB");
    }
}
