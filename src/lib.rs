//! protoc-rs: a drop-in replacement for protoc in pure Rust.
//!
//! The pipeline: `cli` (flags into an invocation) -> `compiler` (source tree, parse, link,
//! options, validate) -> `descriptor` (encoding) -> `generator` (requests to responses) ->
//! `output` (the one writer of files). `os_error` is a leaf both `compiler` and `output` use.

pub mod cli;
pub mod codec;
pub mod compiler;
pub mod descriptor;
pub mod diagnostics;
pub mod escape;
pub mod generator;
pub mod os_error;
pub mod output;
