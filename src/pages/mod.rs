//! One component per view: the result list, the reader, and the error page; and the saved
//! searches the result list shows.

mod error;
mod reader;
mod results;
mod saved;

pub use error::ErrorPage;
pub use reader::ReaderPage;
pub use results::ResultsPage;
pub use saved::{SaveSearch, SavedSearches};
