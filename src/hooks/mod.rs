//! Hooks (`use_*`) shared by the pages.

mod use_route;

pub use use_route::use_route;
