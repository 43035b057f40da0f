//! `--encode`: text format in, parsed by the aggregate-option parser of
//! `compiler::options::text` in `TextFormat::Parser`'s default mode ([`parse_input`]: errors
//! and warnings with positions, extensions by full name), then serialised as C++ serialises
//! the parsed message (`compiler::options::canonical`: number order, packing per the field's
//! features, map entries whole, sorted by key only with `--deterministic_output`).

use super::decode::{DecodeError, decode};
use super::print::missing_required;
use crate::compiler::options::canonical::Canon;
use crate::compiler::options::schema::Schema;
use crate::compiler::options::text::parse_input;
use crate::diagnostics::Diagnostics;

/// What `--encode` made of its input.
pub struct Encoded {
    /// The message's bytes; `None` when the input had errors.
    pub bytes: Option<Vec<u8>>,
    /// Errors and warnings, at their positions in `input`.
    pub diagnostics: Diagnostics,
    /// `InitializationErrorString` when required fields are missing (empty otherwise).
    pub missing_required: String,
    /// A string field (its full name) holding invalid UTF-8 where its features ask for
    /// valid UTF-8: C++ logs it while serialising, and writes the message anyway.
    pub invalid_utf8: Option<String>,
}

/// Parses `text` as a message of type `type_name` (which must be in the schema).
pub fn encode(schema: &Schema, type_name: &str, text: &[u8], deterministic: bool) -> Encoded {
    let (records, diagnostics) = parse_input(schema, type_name, text);
    let Some(records) = records else {
        return Encoded {
            bytes: None,
            diagnostics,
            missing_required: String::new(),
            invalid_utf8: None,
        };
    };
    let canon = Canon {
        schema,
        strip: false,
        sort_maps: deterministic,
    };
    let bytes = canon.message(type_name, &records);
    // The message's required fields are checked on what was parsed: reading the bytes back
    // gives the same message.
    let (missing_required, invalid_utf8) = match decode(schema, type_name, &bytes) {
        Ok(m) => (missing_required(schema, &m), None),
        Err(DecodeError::InvalidUtf8(field)) => (String::new(), Some(field)),
        Err(DecodeError::Malformed) => (String::new(), None),
    };
    Encoded {
        bytes: Some(bytes),
        diagnostics,
        missing_required,
        invalid_utf8,
    }
}
