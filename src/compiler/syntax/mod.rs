//! Syntax: one `.proto` file's bytes to an unlinked `FileDescriptorProto`, the first stage
//! the driver runs on each file. `lexer` follows protoc's `io/tokenizer.cc`, `parser` its
//! `compiler/parser.cc`: options stay uninterpreted and type names stay as written, and every
//! syntax error has protoc's text and position; `trim` drops the parse's spare vector room.
//! `parser_tests` (included by `parser`) holds their tests.

pub mod lexer;
pub mod parser;
pub mod trim;

#[cfg(test)]
mod lexer_tests;
