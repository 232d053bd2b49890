//! Props-only pieces the pages are built from: each renders what its props say and reports
//! what the reader does through its callbacks (`on_*`); none reads the index, the route or the
//! mount. (They take their words from the language context, `crate::i18n::use_strings`.)

pub mod filters;
pub mod highlighted;
mod offline;
pub mod result_item;
mod search_box;
mod theme_toggle;
mod timeline;

pub use filters::Filters;
pub use highlighted::Highlighted;
pub use offline::OfflineControl;
pub use result_item::{FailedItem, ResultItem};
pub use search_box::SearchBox;
pub use theme_toggle::ThemeToggle;
pub use timeline::Timeline;
