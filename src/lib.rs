//! capaian: a static site generator for Indonesian government performance reports.
//!
//! The modules follow the data: [`load`] reads a content folder into the [`model`],
//! [`validate`] collects [`finding`]s, [`compute`] derives the achievements, [`render`] turns
//! everything into pages and [`write`] puts them on disk atomically. [`site`] runs the stages
//! in order; [`cli`] sits on top.

pub mod model;
pub mod load;
pub mod validate;
pub mod finding;
pub mod compute;
pub mod chart;
pub mod render;
pub mod write;
pub mod flowchart;
pub mod form;
pub mod site;
pub mod pdf;
pub mod cli;
pub mod serve;
pub mod provenance;
pub mod scaffold;
pub mod import;

pub use site::{BuildError, BuildOptions, BuildSummary, Site};
