//! The one writer of everything an invocation produces: generated files ([`directory`]) and
//! single files such as the `-o` descriptor set ([`file`]). Generators return responses and
//! the CLI hands over bytes; only this module touches the file system for outputs, and it
//! owns the lines printed when that fails (protoc's texts: `PATH: strerror`).
//!
//! The order of writes is the caller's: protoc writes the generators' directories first, then
//! the descriptor set.

pub mod directory;
pub mod file;

pub use directory::{OutputDirectory, Outputs};
pub use file::write_atomically;
