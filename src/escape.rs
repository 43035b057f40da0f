//! C-style escaping of bytes as absl prints them: `CEscape` (octal) for default values and
//! `_serialized_options`, `CHexEscape` for the serialized descriptor in `_pb2.py`.

/// absl `CEscape`: named escapes, other non-printable bytes as three octal digits.
pub fn c_escape(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        match b {
            b'\n' => s.push_str("\\n"),
            b'\r' => s.push_str("\\r"),
            b'\t' => s.push_str("\\t"),
            b'"' => s.push_str("\\\""),
            b'\'' => s.push_str("\\'"),
            b'\\' => s.push_str("\\\\"),
            0x20..=0x7e => s.push(b as char),
            _ => {
                s.push('\\');
                for shift in [6, 3, 0] {
                    s.push((b'0' + ((b >> shift) & 7)) as char);
                }
            }
        }
    }
    s
}

/// absl `CHexEscape`: as [`c_escape`] with `\xNN`; a hex digit right after a `\xNN` escape is
/// escaped too, or it would extend the escape.
pub fn c_hex_escape(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    let mut last_hex = false;
    for &b in bytes {
        let mut hex = false;
        match b {
            b'\n' => s.push_str("\\n"),
            b'\r' => s.push_str("\\r"),
            b'\t' => s.push_str("\\t"),
            b'"' => s.push_str("\\\""),
            b'\'' => s.push_str("\\'"),
            b'\\' => s.push_str("\\\\"),
            0x20..=0x7e if !(last_hex && b.is_ascii_hexdigit()) => s.push(b as char),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                s.push_str("\\x");
                s.push(HEX[(b >> 4) as usize] as char);
                s.push(HEX[(b & 0xf) as usize] as char);
                hex = true;
            }
        }
        last_hex = hex;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(c_escape(b"a\x01\n'\"\\\x7f"), "a\\001\\n\\'\\\"\\\\\\177");
        assert_eq!(c_escape("é".as_bytes()), "\\303\\251");
        assert_eq!(c_hex_escape(b"\x01a\x01g\x12"), "\\x01\\x61\\x01g\\x12");
    }
}
