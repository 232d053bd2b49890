//! The archive's own names for its outlets: `sources.toml` in a folder given to ingest, each
//! line an outlet's name and the spellings its articles write it with —
//!
//! ```toml
//! "KIC 중국" = ["KIC중국", "한국혁신센터(KIC)중국", "글로벌혁신센터(KIC 중국)"]
//! "선전상보" = ["深圳商报"]
//! ```
//!
//! The index groups the other spellings by the archive's own evidence
//! (`jikji_engine::outlets`); what this file lists overrides that. The file is no article.

use std::path::{Path, PathBuf};

use jikji_engine::outlets::OutletRules;

/// The file's name, in a folder of the archive.
pub const SOURCES_FILE: &str = "sources.toml";

/// The `sources.toml` directly in `folder`, if there is one.
pub fn sources_file(folder: &Path) -> Option<PathBuf> {
    let path = folder.join(SOURCES_FILE);
    path.is_file().then_some(path)
}

/// Reads a `sources.toml`: the outlets it names, or what is wrong with it (its place in the
/// file included).
pub fn read_sources_file(path: &Path) -> Result<OutletRules, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read: {e}"))?;
    parse_sources(&text)
}

fn parse_sources(text: &str) -> Result<OutletRules, String> {
    let table: std::collections::BTreeMap<String, Vec<String>> =
        toml::from_str(text).map_err(|e| {
            format!(
                "not an outlet's name = [its spellings] a line, each name in quotes \
                 (\"선전상보\" = [\"深圳商报\"]): {e}"
            )
        })?;
    Ok(OutletRules {
        outlets: table.into_iter().collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_spellings_are_read() {
        let rules = parse_sources(
            "# 매체 이름\n\"KIC 중국\" = [\"KIC중국\", \"한국혁신센터(KIC)중국\"]\n\"선전상보\" = [\"深圳商报\"]\n",
        )
        .unwrap();
        assert_eq!(
            rules.outlets,
            [
                (
                    "KIC 중국".to_string(),
                    vec!["KIC중국".to_string(), "한국혁신센터(KIC)중국".to_string()]
                ),
                ("선전상보".to_string(), vec!["深圳商报".to_string()]),
            ]
        );
    }

    #[test]
    fn a_wrong_file_says_where() {
        let error = parse_sources("\"KIC\" = \"KIC중국\"\n").unwrap_err();
        assert!(error.contains("line 1"), "{error}");
        assert!(parse_sources("KIC = [\"a\"\n").is_err());
    }
}
