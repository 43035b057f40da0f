//! protoc-rs: a drop-in replacement for protoc in pure Rust, and a library to compile
//! `.proto` files without one.
//!
//! The stable API is what this page lists: [`Compiler`] compiles files through include
//! paths or from memory to a `FileDescriptorSet` (the bytes `protoc -o` writes), with
//! [`Diagnostic`]s as values; [`build`] (feature `rust-codegen`, on by default) generates
//! prost/tonic code from a build script. The modules hidden from this documentation are the
//! command-line tool's internals and change without notice.
//!
//! ```
//! # let tmp = tempfile::tempdir().unwrap();
//! # let dir = tmp.path();
//! # std::fs::create_dir_all(dir.join("protos/shop")).unwrap();
//! # std::fs::write(dir.join("protos/shop/item.proto"),
//! #     "syntax = \"proto3\";\npackage shop;\nmessage Item { string sku = 1; }\n").unwrap();
//! // protoc -I protos -o set.pb --include_imports protos/shop/item.proto
//! let compiled = protoc_rs::Compiler::new()
//!     .include(dir.join("protos"))
//!     .include_imports(true)
//!     .compile(&["shop/item.proto"]);
//! match compiled {
//!     Ok(c) => std::fs::write(dir.join("set.pb"), c.descriptor_set()).unwrap(),
//!     Err(errors) => panic!("{errors}"), // protoc's lines: file:line:col: message
//! }
//! ```
//!
//! Features: `rust-codegen` (default) brings `--rust_out`/`--grpc_out` and [`build`] with
//! prost-build, tonic-prost-build, syn and prettyplease; `prost-types` (implied by it) adds
//! [`Compiled::to_prost_types`]. `default-features = false` compiles to descriptor sets only.
//!
//! The pipeline behind it: `cli` (flags into an invocation) -> `compiler` (source tree,
//! parse, link, options, validate) -> `descriptor` (encoding) -> `generator` (requests to
//! responses) -> `output` (the one writer of files). `os_error` is a leaf both `compiler` and
//! `output` use; `parallel` (thread count, in-order maps) a leaf every threaded stage uses; `release` (which
//! protoc release a run matches, [`Release`]) a leaf every release-dependent stage reads.

mod api;
#[cfg(feature = "rust-codegen")]
pub mod build;

#[doc(hidden)]
pub use api::with_large_stack;
pub use api::{Compiled, Compiler, Diagnostic, Errors, STACK_SIZE, Severity};
pub use release::Release;

#[doc(hidden)]
pub mod cli;
#[doc(hidden)]
pub mod codec;
#[doc(hidden)]
pub mod compiler;
#[doc(hidden)]
pub mod descriptor;
#[doc(hidden)]
pub mod diagnostics;
#[doc(hidden)]
pub mod escape;
#[doc(hidden)]
pub mod float_text;
#[doc(hidden)]
pub mod generator;
#[doc(hidden)]
pub mod os_error;
#[doc(hidden)]
pub mod output;
#[doc(hidden)]
pub mod parallel;
mod release;
