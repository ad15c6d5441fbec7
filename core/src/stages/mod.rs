//! The stages that run in the core, each a function over a `Document`, in pipeline order.
//!
//! The pipeline's one ordered list of stages, with their names, rule ids and docs, stays in
//! Python (`cleaner/pipeline.py`); a ported stage there hands its work to the function here.

pub mod classify;
pub mod guard;
pub mod header;
pub mod language;
pub mod links;
pub mod normalize;
pub mod render;
pub mod repeats;
pub mod rules;
pub mod segment;
pub mod structure;
