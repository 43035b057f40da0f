//! Options: what a file's `option` statements mean. Interpretation runs on each file once it
//! is linked without errors; the rest is used by the checks and the outputs. Follows
//! descriptor.cc's `OptionInterpreter`, text_format.cc (aggregate values),
//! feature_resolver.cc (editions features) and retention.cc:
//!
//! - `interpret`: every `UninterpretedOption` to wire records, then re-encoded canonically;
//! - `text`: the text format of aggregate option values (`{ a: 1 b { c: "s" } }`);
//! - `schema`: the pool seen as a schema for dynamic messages (fields by name or number);
//! - `required`: the required fields an aggregate value leaves unset;
//! - `canonical`: re-encoding a message as C++ parses and serialises it;
//! - `features`: editions feature resolution;
//! - `retention`: stripping source-retention options for the outputs.
//!
//! The elements that carry options and access to them by path are descriptor-model helpers
//! (`descriptor::options`), as are single encoded records (`descriptor::wire::last_varint`).

pub mod canonical;
pub mod features;
pub mod interpret;
pub mod required;
pub mod retention;
pub mod schema;
pub mod text;

#[cfg(test)]
mod tests;
