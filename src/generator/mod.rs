//! Built-in code generators.

pub mod rust;
