//! Props-only pieces the pages are built from.

pub mod filters;
mod highlighted;
pub mod result_item;
mod search_box;
mod theme_toggle;
mod timeline;

pub use filters::Filters;
pub use highlighted::Highlighted;
pub use result_item::ResultItem;
pub use search_box::SearchBox;
pub use theme_toggle::ThemeToggle;
pub use timeline::Timeline;
