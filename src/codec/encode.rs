//! `--encode`: text format in (the aggregate-option parser of `compiler::options::text` in
//! `TextFormat::Parser`'s default mode: errors with their positions, singular fields
//! overwritten), binary out as C++ serialises the parsed message.

use crate::compiler::options::schema::Schema;
use crate::diagnostics::Diagnostics;

/// An encoded message.
pub struct Encoded {
    pub bytes: Vec<u8>,
    /// `InitializationErrorString` when required fields are missing.
    pub missing_required: Option<String>,
}

/// Parses `text` as a message of type `type_name`; the errors are at positions in `input`.
pub fn encode(
    _schema: &Schema,
    _type_name: &str,
    _text: &[u8],
    _deterministic: bool,
) -> Result<Encoded, Diagnostics> {
    let mut d = Diagnostics::default();
    d.error("input", None, "--encode: not supported yet");
    Err(d)
}
