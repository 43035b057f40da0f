//! protoc-rs: a drop-in replacement for protoc in pure Rust.
//!
//! The pipeline: `cli` (flags into an invocation) -> `compiler` (source tree, parse, link,
//! options, validate) -> `descriptor` (encoding) -> output.

pub mod cli;
pub mod compiler;
pub mod descriptor;
pub mod diagnostics;
pub mod escape;
pub mod generator;
pub mod os_error;
pub mod output;
