//! One module per kind of page: each owns its view type, builds it and renders the page.
//! A page module imports the shared modules of `render` (views, navigation, links, lookup,
//! the writer), never another page's module (checked by a test).

pub mod changes;
pub mod evaluation;
pub mod forms;
pub mod home;
pub mod indicator;
pub mod pages;
pub mod pk;
pub mod print;
pub mod sitemap;
pub mod sop;
pub mod validation;
pub mod year;
