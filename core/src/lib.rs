//! The compiled core of `cleaner`: the work done once per line of a document.
//!
//! The crate is plain Rust; `python.rs` (feature `python`) is the only place that knows
//! about Python, so every module here is tested with `cargo test` alone.

pub mod pychar;
pub mod rules;
pub mod textshape;

#[cfg(feature = "python")]
mod python;
