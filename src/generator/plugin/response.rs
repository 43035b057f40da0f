//! Decoding the `CodeGeneratorResponse` a plugin writes on its stdout (plugin.proto), with
//! C++'s parsing rules: malformed wire data fails the whole response; a known field with an
//! unexpected wire type is kept as an unknown field (ignored); the last value of a singular
//! field wins; strings are not checked for UTF-8 (plugin.proto is proto2), so names and
//! contents stay bytes here.

use crate::descriptor::wire::{Reader, WireError, WireValue};

/// `CodeGeneratorResponse`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PluginResponse {
    /// Set and non-empty when the plugin failed; protoc prints it after `--X_out: `.
    pub error: Vec<u8>,
    pub supported_features: u64,
    pub minimum_edition: i32,
    pub maximum_edition: i32,
    pub file: Vec<PluginFile>,
}

/// `CodeGeneratorResponse.File`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PluginFile {
    pub name: Vec<u8>,
    pub insertion_point: Vec<u8>,
    pub content: Vec<u8>,
    /// The encoded `GeneratedCodeInfo` (several occurrences merge, so they are concatenated).
    pub generated_code_info: Option<Vec<u8>>,
}

/// `CodeGeneratorResponse.Feature`.
pub const FEATURE_PROTO3_OPTIONAL: u64 = 1;
pub const FEATURE_SUPPORTS_EDITIONS: u64 = 2;

/// Parses `bytes` as C++'s `ParseFromString` would, or fails as it does.
pub fn decode(bytes: &[u8]) -> Result<PluginResponse, WireError> {
    let mut r = PluginResponse::default();
    for record in Reader::new(bytes) {
        let record = record?;
        match (record.field, record.value) {
            (1, WireValue::Len(b)) => r.error = b.to_vec(),
            (2, WireValue::Varint(v)) => r.supported_features = v,
            // int32: the low 32 bits of the varint.
            (3, WireValue::Varint(v)) => r.minimum_edition = v as i32,
            (4, WireValue::Varint(v)) => r.maximum_edition = v as i32,
            (15, WireValue::Len(b)) => r.file.push(decode_file(b)?),
            _ => {}
        }
    }
    Ok(r)
}

fn decode_file(bytes: &[u8]) -> Result<PluginFile, WireError> {
    let mut f = PluginFile::default();
    for record in Reader::new(bytes) {
        let record = record?;
        match (record.field, record.value) {
            (1, WireValue::Len(b)) => f.name = b.to_vec(),
            (2, WireValue::Len(b)) => f.insertion_point = b.to_vec(),
            (15, WireValue::Len(b)) => f.content = b.to_vec(),
            (16, WireValue::Len(b)) => {
                // A message field: its nested data must parse too.
                for inner in Reader::new(b) {
                    inner?;
                }
                f.generated_code_info
                    .get_or_insert_with(Vec::new)
                    .extend_from_slice(b);
            }
            _ => {}
        }
    }
    Ok(f)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::descriptor::wire::{put_bytes, put_message, put_uint};

    #[test]
    fn fields_and_files() {
        let mut b = Vec::new();
        put_uint(&mut b, 2, 3);
        put_message(&mut b, 15, |o| {
            put_bytes(o, 1, b"a.txt");
            put_bytes(o, 15, b"x\xff");
        });
        put_message(&mut b, 15, |o| put_bytes(o, 15, b"y"));
        put_uint(&mut b, 4, 1001);
        // A known field with another wire type is an unknown field.
        put_uint(&mut b, 1, 7);
        let r = decode(&b).expect("parses");
        assert_eq!(r.supported_features, 3);
        assert_eq!(r.maximum_edition, 1001);
        assert!(r.error.is_empty());
        assert_eq!(r.file.len(), 2);
        assert_eq!(r.file[0].name, b"a.txt");
        assert_eq!(r.file[0].content, b"x\xff");
        assert!(r.file[1].name.is_empty());
    }

    #[test]
    fn empty_is_an_empty_response() {
        assert_eq!(decode(b""), Ok(PluginResponse::default()));
    }

    #[test]
    fn malformed() {
        assert!(decode(b"garbage").is_err());
        // A file whose length runs past the end.
        assert!(decode(b"\x7a\x05ab").is_err());
        // Malformed data inside a file.
        assert!(decode(b"\x7a\x02\x0a\x05").is_err());
    }
}
