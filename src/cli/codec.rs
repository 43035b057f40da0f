//! `--encode`, `--decode` and `--decode_raw` (command_line_interface.cc `EncodeOrDecode`): the
//! message on stdin (read whole, binary-safe), the other form on stdout, protoc's messages on
//! stderr. Runs after every output was written, as protoc runs it.

use std::io::Read;

use super::console::Console;
use super::invocation::Codec;
use crate::codec::decode::{DecodeError, decode};
use crate::codec::encode::encode;
use crate::codec::print::{missing_required, print_message};
use crate::codec::text_out::TextOut;
use crate::codec::unknown::{PRINT_RECURSION_LIMIT, parse_message, print_unknown};
use crate::compiler::Compilation;
use crate::compiler::options::schema::Schema;
use crate::diagnostics::ErrorFormat;

const PARSE_FAILED: &str = "Failed to parse input.";

/// Runs the codec on stdin; returns the exit code.
pub fn run(
    codec: &Codec,
    compilation: &Compilation,
    format: ErrorFormat,
    con: &mut Console,
) -> i32 {
    let schema = Schema::new(&compilation.pool);
    // protoc looks the type up before it reads anything.
    if !codec.type_name.is_empty() && schema.message(&codec.type_name).is_none() {
        con.err_line(&format!("Type not defined: {}", codec.type_name));
        return 1;
    }
    let mut input = Vec::new();
    if std::io::stdin().lock().read_to_end(&mut input).is_err() {
        con.err_line(PARSE_FAILED);
        return 1;
    }
    if codec.encode {
        let done = encode(&schema, &codec.type_name, &input, codec.deterministic);
        for d in &done.diagnostics.items {
            con.err_line(&format.render(d));
        }
        let Some(bytes) = done.bytes else {
            con.err_line(PARSE_FAILED);
            return 1;
        };
        if !done.missing_required.is_empty() {
            warn_missing(con, &done.missing_required);
        }
        if let Some(field) = &done.invalid_utf8 {
            log_invalid_utf8(con, field, "serializing");
        }
        return write_out(con, &bytes);
    }
    let mut out = TextOut::default();
    if codec.type_name.is_empty() {
        let Some(fields) = parse_message(&input) else {
            con.err_line(PARSE_FAILED);
            return 1;
        };
        print_unknown(&fields, &mut out, PRINT_RECURSION_LIMIT);
        return write_out(con, &out.buf);
    }
    match decode(&schema, &codec.type_name, &input) {
        Ok(m) => {
            let missing = missing_required(&schema, &m);
            if !missing.is_empty() {
                warn_missing(con, &missing);
            }
            print_message(&schema, &m, &mut out);
            write_out(con, &out.buf)
        }
        Err(DecodeError::InvalidUtf8(field)) => {
            log_invalid_utf8(con, &field, "parsing");
            con.err_line(PARSE_FAILED);
            1
        }
        Err(DecodeError::Malformed) => {
            con.err_line(PARSE_FAILED);
            1
        }
    }
}

/// protoc logs invalid UTF-8 through absl (`Console::absl_errors`).
fn log_invalid_utf8(con: &mut Console, field: &str, when: &str) {
    con.absl_errors(&[(
        "wire_format_lite.cc:578".to_string(),
        format!(
            "String field '{field}' contains invalid UTF-8 data when {when} a protocol buffer. \
             Use the 'bytes' type if you intend to send raw bytes. "
        ),
    )]);
}

fn warn_missing(con: &mut Console, missing: &str) {
    con.err_line(&format!(
        "warning:  Input message is missing required fields:  {missing}"
    ));
}

fn write_out(con: &mut Console, bytes: &[u8]) -> i32 {
    match con.out.write_all(bytes).and_then(|_| con.out.flush()) {
        Ok(()) => 0,
        Err(_) => {
            con.err_line("output: I/O error.");
            1
        }
    }
}
