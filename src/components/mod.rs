//! Props-only pieces the pages are built from.

mod highlighted;
pub mod result_item;
mod search_box;

pub use highlighted::Highlighted;
pub use result_item::ResultItem;
pub use search_box::SearchBox;
