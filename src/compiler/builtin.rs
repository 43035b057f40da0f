//! The sources of protoc's compiled-in descriptor.proto (with the cpp and java feature
//! extensions it links): the schema options are re-encoded against after interpretation, and
//! the fallback schema when the pool has no descriptor.proto. `driver::builtin_pool` builds
//! them once, with our own front end.

use super::source::{OpenError, SourceFile, SourceTree};

const FILES: &[(&str, &[u8])] = &[
    (
        "google/protobuf/descriptor.proto",
        include_bytes!("../../include/google/protobuf/descriptor.proto"),
    ),
    (
        "google/protobuf/cpp_features.proto",
        include_bytes!("../../include/google/protobuf/cpp_features.proto"),
    ),
    (
        "google/protobuf/java_features.proto",
        include_bytes!("../../include/google/protobuf/java_features.proto"),
    ),
];

/// A source tree of just the built-in files.
pub struct Embedded;

impl SourceTree for Embedded {
    fn open(&self, name: &str) -> Result<SourceFile, OpenError> {
        FILES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(n, b)| SourceFile {
                contents: b.to_vec(),
                display_name: n.to_string(),
            })
            .ok_or(OpenError::NotFound)
    }
}

/// The built-in files, in build order.
pub fn names() -> Vec<String> {
    FILES.iter().map(|(n, _)| n.to_string()).collect()
}
