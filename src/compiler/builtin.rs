//! protoc's compiled-in descriptor.proto (with the cpp and java feature extensions it links):
//! the schema options are re-encoded against after interpretation, and the fallback schema
//! when the pool has no descriptor.proto. Built once, by our own front end, from the bundled
//! files.

use std::sync::OnceLock;

use super::pool::Pool;
use super::{CompileOptions, OpenError, SourceFile, SourceTree};
use crate::diagnostics::Diagnostics;

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

struct Embedded;

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

/// The built-in pool (descriptor.proto, cpp_features.proto, java_features.proto).
pub fn pool() -> &'static Pool {
    static POOL: OnceLock<Pool> = OnceLock::new();
    POOL.get_or_init(|| {
        let mut diags = Diagnostics::default();
        let names: Vec<String> = FILES.iter().map(|(n, _)| n.to_string()).collect();
        let mut b =
            super::build::Builder::new(&Embedded, &mut diags, CompileOptions::default(), &[]);
        b.bootstrap = true;
        for n in &names {
            b.build(n);
        }
        b.pool
    })
}
