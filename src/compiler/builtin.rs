//! The sources of protoc's compiled-in descriptor.proto (with the cpp and java feature
//! extensions it links), per release, taken from that release's bundled include tree: the
//! schema options are re-encoded against after interpretation, and the fallback schema when the
//! pool has no descriptor.proto. `driver::builtin_pool_of` makes the pool once per release from
//! [`prebuilt`]: the files as our own front end builds them from these sources, encoded
//! (`prebuilt/X.Y.pb`, written by `scripts/regen-builtin-pool` and checked by the tests below).

use super::source::{OpenError, SourceFile, SourceTree, bundled_file};
use crate::release::Release;

/// The built-in files, in build order.
pub const NAMES: [&str; 3] = [
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

/// The built-in files of `release` as our front end builds them from [`NAMES`], encoded as a
/// `FileDescriptorSet` in build order (explicit `json_name`s only, no source info).
pub fn prebuilt(release: Release) -> &'static [u8] {
    match release {
        Release::V35_1 => include_bytes!("prebuilt/35.1.pb"),
        Release::V36_2 => include_bytes!("prebuilt/36.2.pb"),
    }
}

/// The built-in files, in build order.
pub fn names() -> Vec<String> {
    NAMES.iter().map(|n| n.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compiler::driver::{builtin_pool_from_sources, builtin_pool_prebuilt};
    use crate::compiler::pool::Pool;
    use crate::descriptor::encode::{EncodeOptions, encode_file};
    use crate::descriptor::wire::put_bytes;

    /// Set to rewrite `prebuilt/X.Y.pb` from the sources (`scripts/regen-builtin-pool`).
    const WRITE: &str = "PROTOC_RS_WRITE_BUILTIN_POOL";

    fn encode(pool: &Pool) -> Vec<u8> {
        let mut set = Vec::new();
        for f in &pool.files {
            put_bytes(
                &mut set,
                1,
                &encode_file(f, &EncodeOptions { json_names: false }),
            );
        }
        set
    }

    /// `prebuilt` is what the front end builds from the bundled sources, for every release:
    /// a change to the parser, linker or options that changes the built-in files fails here
    /// until the bytes are regenerated.
    #[test]
    fn prebuilt_is_the_sources_built() {
        for release in Release::ALL {
            let built = encode(&builtin_pool_from_sources(release));
            let path = format!(
                "{}/src/compiler/prebuilt/{}.pb",
                env!("CARGO_MANIFEST_DIR"),
                release.name()
            );
            if std::env::var_os(WRITE).is_some() {
                std::fs::write(&path, &built).expect("writes the prebuilt pool");
                continue;
            }
            assert!(
                prebuilt(release) == built.as_slice(),
                "{path} is stale: run scripts/regen-builtin-pool"
            );
        }
    }

    /// The pool made from `prebuilt` equals the one built from the sources: the same files,
    /// symbols and extensions, in the same order.
    #[test]
    fn prebuilt_pool_is_the_sources_pool() {
        for release in Release::ALL {
            let from_sources = builtin_pool_from_sources(release);
            let prebuilt = &builtin_pool_prebuilt(release).expect("the prebuilt pool decodes");
            assert_eq!(encode(prebuilt), encode(&from_sources), "{release:?}");
            assert_eq!(prebuilt.symbols, from_sources.symbols, "{release:?}");
            assert_eq!(prebuilt.extensions, from_sources.extensions, "{release:?}");
            assert_eq!(prebuilt.file_index, from_sources.file_index, "{release:?}");
            assert_eq!(prebuilt.release, release);
        }
    }
}
