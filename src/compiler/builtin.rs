//! The sources of protoc's compiled-in descriptor.proto (with the cpp and java feature
//! extensions it links), per release, taken from that release's bundled include tree: the
//! schema options are re-encoded against after interpretation, and the fallback schema when the
//! pool has no descriptor.proto. `driver::builtin_pool_of` builds them once per release, with
//! our own front end.

use super::source::{OpenError, SourceFile, SourceTree, bundled_file};
use crate::release::Release;

/// The built-in files, in build order.
const NAMES: [&str; 3] = [
    "google/protobuf/descriptor.proto",
    "google/protobuf/cpp_features.proto",
    "google/protobuf/java_features.proto",
];

/// A source tree of just one release's built-in files.
pub struct Embedded(pub Release);

impl SourceTree for Embedded {
    fn open(&self, name: &str) -> Result<SourceFile, OpenError> {
        NAMES
            .iter()
            .find(|n| **n == name)
            .and_then(|n| bundled_file(self.0, n).map(|b| (n, b)))
            .map(|(n, b)| SourceFile {
                contents: b.to_vec(),
                display_name: n.to_string(),
            })
            .ok_or(OpenError::NotFound)
    }
}

/// The built-in files, in build order.
pub fn names() -> Vec<String> {
    NAMES.iter().map(|n| n.to_string()).collect()
}
