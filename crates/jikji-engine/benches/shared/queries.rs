//! The query set of the native benchmark (`benches/search.rs`), also run by
//! `examples/profile_queries` so a profile is of the queries the benchmark measures.

/// Queries a user types: one to three words, whole, partial (typing), initials, Hanzi.
pub const QUERIES: &[&str] = &[
    "창업 ",
    "중관춘 ",
    "화웨이",
    "중국 기업 ",
    "스마트 팩토리 ",
    "ㅈㄱㅊ",
    "중관ㅊ",
    "창업 투자 ",
    "블록체인",
    "中关村 ",
    "인공지능 기술 개발 ",
    "정부",
    "미국 반도체",
    "시장 ",
    "ㅅㅈ",
    "알리바바 ",
];
