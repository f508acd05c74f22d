//! Force generation: from a mission's request to the officers selected for it.
//!
//! `files` solves a selection instance read from files (the benchmark format shared with external
//! solvers); the pipeline over the roster builds the same problem from stored nominations.

pub mod files;
pub mod pipeline;
