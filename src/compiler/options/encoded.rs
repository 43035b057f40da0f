//! Single records of encoded messages, as the options code reads and writes them: the last
//! varint at a path of singular message fields, and one wire value written back.

use crate::descriptor::wire::{self, Reader, WireValue};

/// The last varint at a path of singular message fields inside an encoded message.
pub fn last_varint(buf: &[u8], path: &[u32]) -> Option<u64> {
    let (&first, rest) = path.split_first()?;
    let mut found = None;
    if rest.is_empty() {
        for r in Reader::new(buf).flatten() {
            if r.field == first
                && let WireValue::Varint(v) = r.value
            {
                found = Some(v);
            }
        }
        return found;
    }
    // Sub-messages that appear several times are merged: the last value wins.
    for r in Reader::new(buf).flatten() {
        if r.field == first
            && let WireValue::Len(b) = r.value
            && let Some(v) = last_varint(b, rest)
        {
            found = Some(v);
        }
    }
    found
}

/// Encodes a value record from the wire back into `out`.
pub fn put_value(out: &mut Vec<u8>, field: u32, v: &WireValue) {
    match v {
        WireValue::Varint(x) => {
            wire::put_tag(out, field, wire::VARINT);
            wire::put_varint(out, *x);
        }
        WireValue::Fixed64(x) => {
            wire::put_tag(out, field, wire::FIXED64);
            out.extend_from_slice(&x.to_le_bytes());
        }
        WireValue::Fixed32(x) => {
            wire::put_tag(out, field, wire::FIXED32);
            out.extend_from_slice(&x.to_le_bytes());
        }
        WireValue::Len(b) => wire::put_bytes(out, field, b),
        WireValue::Group(b) => {
            wire::put_tag(out, field, wire::START_GROUP);
            out.extend_from_slice(b);
            wire::put_tag(out, field, wire::END_GROUP);
        }
    }
}
