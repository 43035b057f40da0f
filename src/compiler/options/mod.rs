//! Options: what a file's `option` statements mean. Interpretation runs on each file once it
//! is linked without errors; the rest is used by the checks and the outputs. Follows
//! descriptor.cc's `OptionInterpreter`, text_format.cc (aggregate values),
//! feature_resolver.cc (editions features) and retention.cc:
//!
//! - `interpret`: every `UninterpretedOption` to wire records, then re-encoded canonically;
//! - `elements`: the elements of a file that carry options, and access to their options;
//! - `text`: the text format of aggregate option values (`{ a: 1 b { c: "s" } }`);
//! - `schema`: the pool seen as a schema for dynamic messages (fields by name or number);
//! - `canonical`: re-encoding a message as C++ parses and serialises it;
//! - `encoded`: reading and writing single records of encoded options;
//! - `features`: editions feature resolution;
//! - `retention`: stripping source-retention options for the outputs.

pub mod canonical;
pub mod elements;
pub mod encoded;
pub mod features;
pub mod interpret;
pub mod retention;
pub mod schema;
pub mod text;

#[cfg(test)]
mod tests;
