//! The tokenizer on any text: offsets stay on character boundaries and inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = jikji_engine::normalize_text(&String::from_utf8_lossy(data));
    for token in jikji_engine::tokenize(&text) {
        assert!(text.get(token.start..token.end).is_some());
        assert!(!token.text.is_empty());
    }
});
