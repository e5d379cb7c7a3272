//! capaian: a static site generator for Indonesian government performance reports.
//!
//! The modules follow the data: [`load`] reads a content folder into the [`model`],
//! [`validate`] collects [`finding`]s, [`compute`] derives the achievements, [`render`] turns
//! everything into pages and [`write`] puts them on disk atomically. [`site`] runs the stages
//! in order; [`cli`] sits on top.

pub mod allocator;
pub mod approval;
pub mod changes;
pub mod chart;
pub mod cli;
pub mod compute;
pub mod evaluation;
pub mod evidence;
pub mod finding;
pub mod flowchart;
pub mod form;
pub mod format;
pub mod git;
pub mod import;
pub mod load;
pub mod model;
pub mod narrative;
pub mod pdf;
pub mod plausibility;
pub mod provenance;
pub mod recheck;
pub mod render;
pub mod route;
pub mod scaffold;
pub mod seal;
pub mod serve;
pub mod site;
pub mod validate;
pub mod write;

pub use site::{BuildError, BuildOptions, BuildSummary, Site};
