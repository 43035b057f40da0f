//! The two forms of a file's `SourceCodeInfo` (`model::SourceCodeInfo`): decoded locations
//! while the file is built, its encoding once built (`freeze`), which is what the pool keeps
//! for the rest of the run. The encoding is exactly what `-o` writes (field 9's body), so the
//! encoder copies it; the few readers after the build (comments for the generators,
//! retention stripping) decode it again, one file at a time.

use std::borrow::Cow;

use super::decode;
use super::encode::write_locations;
use super::model::{Location, SourceCodeInfo};

impl SourceCodeInfo {
    /// The locations, decoded when held encoded.
    pub fn locations(&self) -> Cow<'_, [Location]> {
        match self {
            SourceCodeInfo::Locations(locations) => Cow::Borrowed(locations),
            SourceCodeInfo::Encoded(bytes) => Cow::Owned(decoded(bytes)),
        }
    }

    /// Runs `f` on the locations to rewrite them; an encoded one is decoded first (and stays
    /// decoded).
    pub fn rewrite<R>(&mut self, f: impl FnOnce(&mut Vec<Location>) -> R) -> R {
        let mut locations = match std::mem::take(self) {
            SourceCodeInfo::Locations(locations) => locations,
            SourceCodeInfo::Encoded(bytes) => decoded(&bytes),
        };
        let result = f(&mut locations);
        *self = SourceCodeInfo::Locations(locations);
        result
    }

    /// Encodes decoded locations: the file is built and nothing rewrites them any more.
    pub fn freeze(&mut self) {
        if let SourceCodeInfo::Locations(locations) = self {
            let mut bytes = Vec::new();
            write_locations(&mut bytes, locations);
            *self = SourceCodeInfo::Encoded(bytes.into_boxed_slice());
        }
    }
}

/// Locations from bytes `freeze` wrote, which always decode; the records before a damaged
/// one otherwise.
fn decoded(bytes: &[u8]) -> Vec<Location> {
    let mut locations = Vec::new();
    // Ignored: our own encoding has no error to report.
    let _ = decode::source_code_info(&mut locations, bytes);
    locations
}

impl PartialEq for SourceCodeInfo {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (SourceCodeInfo::Encoded(a), SourceCodeInfo::Encoded(b)) => a == b,
            _ => self.locations() == other.locations(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::descriptor::encode::{EncodeOptions, encode_file};
    use crate::descriptor::model::FileDescriptorProto;

    fn sample() -> Vec<Location> {
        vec![
            Location {
                path: vec![4, 0],
                span: vec![3, 0, 5, 1],
                leading_comments: Some(b" lead\n".to_vec()),
                trailing_comments: Some(b" trail\n".to_vec()),
                leading_detached_comments: vec![b" one\n".to_vec(), b" two\n".to_vec()],
            },
            Location {
                path: vec![4, 0, 2, 0, 1],
                span: vec![4, 9, 12],
                ..Default::default()
            },
            Location::default(),
            // Lengths of two bytes: the comment's, and the record's.
            Location {
                path: vec![4, 1, 2, 300],
                span: vec![70_000, 2, 9],
                leading_detached_comments: vec![vec![b'x'; 200]],
                ..Default::default()
            },
        ]
    }

    #[test]
    fn locations_are_encoded_at_their_exact_size() {
        let mut bytes = Vec::new();
        write_locations(&mut bytes, &sample());
        assert_eq!(bytes.capacity(), bytes.len());
        let mut again = Vec::new();
        decode::source_code_info(&mut again, &bytes).expect("decodes");
        assert_eq!(again, sample());
    }

    #[test]
    fn frozen_locations_decode_to_the_same_and_encode_to_the_same_bytes() {
        let open = SourceCodeInfo::Locations(sample());
        let mut frozen = open.clone();
        frozen.freeze();
        assert!(matches!(frozen, SourceCodeInfo::Encoded(_)));
        assert_eq!(frozen.locations(), open.locations());
        assert_eq!(frozen, open);
        let file = |info: SourceCodeInfo| FileDescriptorProto {
            name: "a.proto".into(),
            source_code_info: Some(info),
            ..Default::default()
        };
        let opts = EncodeOptions::default();
        assert_eq!(
            encode_file(&file(frozen.clone()), &opts),
            encode_file(&file(open), &opts)
        );
    }

    #[test]
    fn rewriting_a_frozen_one_decodes_it() {
        let mut info = SourceCodeInfo::Locations(sample());
        info.freeze();
        info.rewrite(|l| l.retain(|l| l.path.len() != 5));
        assert!(matches!(info, SourceCodeInfo::Locations(_)));
        assert_eq!(info.locations().len(), 3);
        assert_ne!(info, SourceCodeInfo::Locations(sample()));
    }
}
