//! Descriptor types (the model every stage works on) and their encoding in protoc's byte order.

pub mod encode;
pub mod json_name;
pub mod model;
pub mod wire;
