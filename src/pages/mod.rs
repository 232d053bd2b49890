//! One component per view: the result list, the reader, the clippings, the trends, the
//! concordance, the names and the error page;
//! and the saved searches the result list shows.

mod clippings;
mod error;
mod export;
mod kwic;
mod names;
mod reader;
mod results;
mod saved;
mod trends;

pub use clippings::{ClipControls, ClippingsPage};
pub use error::ErrorPage;
pub use export::ExportResults;
pub use kwic::KwicPage;
pub use names::NamesPage;
pub use reader::ReaderPage;
pub use results::ResultsPage;
pub use saved::{SaveSearch, SavedSearches};
pub use trends::TrendsPage;
