//! One component per view: the result list, the reader, and the error page.

mod error;
mod reader;
mod results;

pub use error::ErrorPage;
pub use reader::ReaderPage;
pub use results::ResultsPage;
