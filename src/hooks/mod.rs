//! Hooks (`use_*`) of the root component: the route ([`use_route`]), the keyboard shortcuts
//! ([`use_shortcuts`]), the result list's scroll position ([`use_scroll_memory`]) and the theme
//! ([`use_theme`]); and what the reader sets in the document: its title
//! ([`use_document_title`]) and its citation meta tags ([`use_citation_meta`]). The pages' own
//! hooks live beside them (`crate::texts::use_texts`, `crate::i18n::use_strings`,
//! `crate::embed::use_mount`).

mod use_citation_meta;
mod use_document_title;
mod use_route;
mod use_scroll_memory;
mod use_shortcuts;
mod use_theme;

pub use use_citation_meta::use_citation_meta;
pub use use_document_title::use_document_title;
pub use use_route::{use_route, RouteHandle};
pub use use_scroll_memory::{use_scroll_memory, ScrollMemory};
pub use use_shortcuts::use_shortcuts;
pub use use_theme::use_theme;
