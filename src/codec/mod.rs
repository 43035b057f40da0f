//! protoc's `--encode`, `--decode` and `--decode_raw` (command_line_interface.cc
//! `EncodeOrDecode`) and `--edition_defaults_out` (`WriteEditionDefaults`): the binary wire
//! format against the compiled pool, and protoc's text format (text_format.cc) both ways.
//!
//! - `wire_in`: reading the wire as C++'s two parsers do (the table-driven message parser and
//!   `CodedInputStream`), with their limits;
//! - `unknown`: `UnknownFieldSet`: parsing and printing fields no descriptor names;
//! - `decode`: a message of a pool type read from the wire (`DynamicMessage` parsing);
//! - `print`: the text format printer (`TextFormat::Printer` with protoc's defaults);
//! - `text_out`: the printer's indenting generator and its number formats (`SimpleDtoa`);
//! - `encode`: text format in (the aggregate-option parser of `compiler::options::text` in
//!   protoc's `TextFormat::Parser` mode), canonical binary out;
//! - `edition_defaults`: `FeatureResolver::CompileDefaults` as `--edition_defaults_out` writes it.

pub mod decode;
pub mod edition_defaults;
pub mod encode;
pub mod print;
pub mod text_out;
pub mod unknown;
pub mod wire_in;
