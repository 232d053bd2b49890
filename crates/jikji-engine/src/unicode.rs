//! Unicode normalization (NFC for text, NFKC for one character): natively the
//! `unicode-normalization` crate; in the browser the browser's own `String.prototype.normalize`,
//! whose tables every browser already has, so the app does not ship them (about a sixth of its
//! code). Both follow the Unicode standard; they can differ only on characters newer than one
//! of the two (the index is built natively, queries are read in the browser).

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

    /// `text` in NFC.
    pub(crate) fn nfc(text: &str) -> String {
        text.nfc().collect()
    }

    /// Whether `text` is surely NFC by the quick check (which avoids rebuilding most text: a
    /// large share of the index build's time otherwise).
    pub(crate) fn is_nfc(text: &str) -> bool {
        text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes
    }

    /// Calls `out` with each character of the NFKC form of `c`.
    pub(crate) fn nfkc_char(c: char, out: &mut impl FnMut(char)) {
        std::iter::once(c).nfkc().for_each(out);
    }
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use js_sys::JsString;

    fn normalize(text: &str, form: &str) -> String {
        JsString::from(text).normalize(form).into()
    }

    /// `text` in NFC.
    pub(crate) fn nfc(text: &str) -> String {
        normalize(text, "NFC")
    }

    /// Whether `text` is NFC (queries are short: the browser normalizes them and compares).
    pub(crate) fn is_nfc(text: &str) -> bool {
        text.is_ascii() || nfc(text) == text
    }

    /// Calls `out` with each character of the NFKC form of `c`.
    pub(crate) fn nfkc_char(c: char, out: &mut impl FnMut(char)) {
        let mut buffer = [0; 4];
        normalize(c.encode_utf8(&mut buffer), "NFKC")
            .chars()
            .for_each(out);
    }
}

#[cfg(target_arch = "wasm32")]
pub(crate) use browser::{is_nfc, nfc, nfkc_char};
#[cfg(not(target_arch = "wasm32"))]
pub(crate) use native::{is_nfc, nfc, nfkc_char};
