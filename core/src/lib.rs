//! The compiled core of `cleaner`: the work done once per line of a document.
//!
//! The crate is plain Rust; `python.rs` (feature `python`) is the only place that knows
//! about Python, so every module here is tested with `cargo test` alone.

pub mod dates;
#[cfg(test)]
mod devdata;
pub mod document;
pub mod features;
pub mod given_names;
pub mod header_lines;
pub mod language;
pub mod lexicon;
pub mod model;
pub mod page_metadata;
pub mod pipeline;
pub mod pychar;
pub mod recipes;
pub mod repeats;
pub mod restore;
pub mod rules;
pub mod stages;
pub mod textshape;

#[cfg(feature = "python")]
mod python;
