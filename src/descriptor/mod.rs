//! Descriptor types (the model every stage works on) and their encoding in protoc's byte order.
//!
//! - `model`: the descriptor structs; `numbers`: descriptor.proto field numbers;
//! - `path`: descriptor paths to elements and full names;
//! - `options`: the elements that carry options, and their options messages by path;
//! - `encode`, `wire`, `json_name`: encoding, wire primitives, default JSON names;
//! - `source_info`: a file's source locations, decoded while it is built, encoded after;
//! - `decode`: encoded descriptor sets back into the model (`--descriptor_set_in`).

pub mod decode;
pub mod encode;
pub mod json_name;
pub mod model;
pub mod numbers;
pub mod options;
pub mod path;
pub mod source_info;
pub mod wire;
