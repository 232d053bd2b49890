//! MIME headers as e-mail and MHTML files start with them: the header block and the header
//! names, for telling a message from a saved page (`mail::sniff`, `html::sniff_mhtml`) before
//! either is parsed. Kept apart so that the e-mail and saved-page readers need not import each
//! other.

/// The header block of a message: up to its first blank line (at most 16 kB).
pub fn header_block(head: &[u8]) -> String {
    let text = String::from_utf8_lossy(&head[..head.len().min(16 << 10)]).replace("\r\n", "\n");
    text.split("\n\n").next().unwrap_or("").to_owned()
}

/// The names of the headers at the start of `head`, lowercased, while it reads as headers
/// (`Name: value` lines and their folded continuations); empty when it does not start so.
pub fn header_names(head: &[u8]) -> Vec<String> {
    let mut names = Vec::new();
    for line in header_block(head).lines() {
        if line.starts_with([' ', '\t']) {
            continue;
        }
        let Some((name, _)) = line.split_once(':') else {
            return Vec::new();
        };
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Vec::new();
        }
        names.push(name.to_ascii_lowercase());
    }
    names
}
