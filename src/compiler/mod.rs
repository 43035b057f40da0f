//! The front end: everything between `.proto` files and a pool of built
//! `FileDescriptorProto`s, as protoc's `Importer` and `DescriptorBuilder` do it. One folder
//! per stage, run in protoc's order by `driver` (the only module that knows the order):
//!
//! - `source`: the source tree (`-I` mappings and the bundled include directory);
//! - `syntax`: tokenizer and parser, one file's bytes to an unlinked descriptor;
//! - `link`: imports, symbol registration, cross-linking and symbol visibility;
//! - `options`: option interpretation, feature resolution, and the option encodings;
//! - `check`: protoc's checks, named by when they run;
//! - `driver`: loads, builds and rolls back files; `descriptor_set`: what the outputs see
//!   (the `-o` output, output order, source-retention stripping); `descriptor_sets`: the
//!   files of `--descriptor_set_in`, behind the source tree (`descriptor_set_index`: the
//!   symbol index protoc checks each set with).
//!
//! The stages share the pool of built files (`pool`), the diagnostics sink, and a per-file
//! `context`. `builtin` is protoc's compiled-in descriptor.proto, built by the driver itself.

pub mod build_order;
pub mod builtin;
pub mod check;
pub mod context;
pub mod descriptor_set;
pub mod descriptor_set_index;
pub mod descriptor_sets;
pub mod driver;
pub mod link;
pub mod options;
pub mod pool;
pub mod prefetch;
pub mod source;
pub mod syntax;
#[cfg(test)]
pub(crate) mod test_support;

pub use descriptor_set::{
    descriptor_set, descriptor_set_parts, output_order, strip_source_retention,
    strip_source_retention_if_changed,
};
pub use driver::{Compilation, CompileOptions, compile};
pub use source::{OpenError, SourceFile, SourceTree};
