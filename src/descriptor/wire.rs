//! Protobuf wire format primitives: varints, tags, length-delimited records, a reader that
//! walks the records of an encoded message, and single records read and written back as the
//! options code does (`last_varint`, `put_value`).

pub const VARINT: u32 = 0;
pub const FIXED64: u32 = 1;
pub const LEN: u32 = 2;
pub const START_GROUP: u32 = 3;
pub const END_GROUP: u32 = 4;
pub const FIXED32: u32 = 5;

pub fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

pub fn put_tag(out: &mut Vec<u8>, field: u32, wire_type: u32) {
    put_varint(out, ((field as u64) << 3) | wire_type as u64);
}

pub fn varint_len(v: u64) -> usize {
    let bits = 64 - (v | 1).leading_zeros() as usize;
    bits.div_ceil(7)
}

pub fn put_bytes(out: &mut Vec<u8>, field: u32, bytes: &[u8]) {
    put_tag(out, field, LEN);
    put_varint(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

pub fn put_str(out: &mut Vec<u8>, field: u32, s: &str) {
    put_bytes(out, field, s.as_bytes());
}

/// An int32/int64/enum value: negatives take ten bytes, as in C++.
pub fn put_int(out: &mut Vec<u8>, field: u32, v: i64) {
    put_tag(out, field, VARINT);
    put_varint(out, v as u64);
}

pub fn put_uint(out: &mut Vec<u8>, field: u32, v: u64) {
    put_tag(out, field, VARINT);
    put_varint(out, v);
}

pub fn put_bool(out: &mut Vec<u8>, field: u32, v: bool) {
    put_uint(out, field, v as u64);
}

/// Writes a length-delimited sub-message built by `f`, without a second copy: the length is
/// reserved first and the bytes shifted only when it takes more than one byte.
pub fn put_message(out: &mut Vec<u8>, field: u32, f: impl FnOnce(&mut Vec<u8>)) {
    put_tag(out, field, LEN);
    let len_at = out.len();
    out.push(0);
    f(out);
    let len = out.len() - len_at - 1;
    if len < 0x80 {
        out[len_at] = len as u8;
    } else {
        let mut prefix = Vec::with_capacity(5);
        put_varint(&mut prefix, len as u64);
        out.splice(len_at..len_at + 1, prefix);
    }
}

pub fn zigzag32(v: i32) -> u64 {
    ((v << 1) ^ (v >> 31)) as u32 as u64
}

pub fn zigzag64(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

/// The value of one record as read from the wire.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum WireValue<'a> {
    Varint(u64),
    Fixed64(u64),
    Fixed32(u32),
    Len(&'a [u8]),
    /// The bytes between a start-group tag and its matching end-group tag.
    Group(&'a [u8]),
}

/// One record: field number, value, and the raw bytes of the whole record (tag included).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Record<'a> {
    pub field: u32,
    pub value: WireValue<'a>,
    pub raw: &'a [u8],
}

/// Malformed wire data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WireError;

#[inline]
pub fn read_varint(buf: &[u8], pos: &mut usize) -> Result<u64, WireError> {
    // Most tags and lengths take one byte.
    if let Some(&b) = buf.get(*pos)
        && b < 0x80
    {
        *pos += 1;
        return Ok(b as u64);
    }
    read_long_varint(buf, pos)
}

fn read_long_varint(buf: &[u8], pos: &mut usize) -> Result<u64, WireError> {
    let mut v = 0u64;
    for shift in (0..70).step_by(7) {
        let b = *buf.get(*pos).ok_or(WireError)?;
        *pos += 1;
        if shift < 64 {
            v |= ((b & 0x7f) as u64) << shift;
        }
        if b < 0x80 {
            return Ok(v);
        }
    }
    Err(WireError)
}

/// Iterates the records of an encoded message; groups are returned whole (nested groups are
/// skipped with an explicit depth bound, never recursion).
pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(buf: &'a [u8]) -> Self {
        Reader { buf, pos: 0 }
    }

    fn read_one(&mut self) -> Result<Record<'a>, WireError> {
        let start = self.pos;
        let tag = read_varint(self.buf, &mut self.pos)?;
        let field = (tag >> 3) as u32;
        if field == 0 || tag >> 3 > u32::MAX as u64 {
            return Err(WireError);
        }
        let value = match (tag & 7) as u32 {
            VARINT => WireValue::Varint(read_varint(self.buf, &mut self.pos)?),
            FIXED64 => {
                let b = self.buf.get(self.pos..self.pos + 8).ok_or(WireError)?;
                self.pos += 8;
                WireValue::Fixed64(u64::from_le_bytes(b.try_into().map_err(|_| WireError)?))
            }
            FIXED32 => {
                let b = self.buf.get(self.pos..self.pos + 4).ok_or(WireError)?;
                self.pos += 4;
                WireValue::Fixed32(u32::from_le_bytes(b.try_into().map_err(|_| WireError)?))
            }
            LEN => {
                let len = read_varint(self.buf, &mut self.pos)? as usize;
                let end = self.pos.checked_add(len).ok_or(WireError)?;
                let b = self.buf.get(self.pos..end).ok_or(WireError)?;
                self.pos = end;
                WireValue::Len(b)
            }
            START_GROUP => {
                let body_start = self.pos;
                let mut depth = 1usize;
                loop {
                    let inner_start = self.pos;
                    let t = read_varint(self.buf, &mut self.pos)?;
                    match (t & 7) as u32 {
                        VARINT => {
                            read_varint(self.buf, &mut self.pos)?;
                        }
                        FIXED64 => self.pos += 8,
                        FIXED32 => self.pos += 4,
                        LEN => {
                            let len = read_varint(self.buf, &mut self.pos)? as usize;
                            self.pos = self.pos.checked_add(len).ok_or(WireError)?;
                        }
                        START_GROUP => depth += 1,
                        END_GROUP => {
                            depth -= 1;
                            if depth == 0 {
                                if (t >> 3) as u32 != field {
                                    return Err(WireError);
                                }
                                let body = &self.buf[body_start..inner_start];
                                break WireValue::Group(body);
                            }
                        }
                        _ => return Err(WireError),
                    }
                    if self.pos > self.buf.len() {
                        return Err(WireError);
                    }
                }
            }
            _ => return Err(WireError),
        };
        Ok(Record {
            field,
            value,
            raw: &self.buf[start..self.pos],
        })
    }
}

impl<'a> Iterator for Reader<'a> {
    type Item = Result<Record<'a>, WireError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.pos >= self.buf.len() {
            return None;
        }
        let r = self.read_one();
        if r.is_err() {
            self.pos = self.buf.len();
        }
        Some(r)
    }
}

/// The records of an encoded message as `(field, value)`, by field number; a field's records
/// keep their wire order (a stable sort), as protoc's `ListFields` walks a message. Records
/// after a damaged one are left out.
pub fn records_by_field(buf: &[u8]) -> Vec<(u32, WireValue<'_>)> {
    let mut records: Vec<(u32, WireValue)> = Reader::new(buf)
        .flatten()
        .map(|r| (r.field, r.value))
        .collect();
    records.sort_by_key(|r| r.0);
    records
}

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
            put_tag(out, field, VARINT);
            put_varint(out, *x);
        }
        WireValue::Fixed64(x) => {
            put_tag(out, field, FIXED64);
            out.extend_from_slice(&x.to_le_bytes());
        }
        WireValue::Fixed32(x) => {
            put_tag(out, field, FIXED32);
            out.extend_from_slice(&x.to_le_bytes());
        }
        WireValue::Len(b) => put_bytes(out, field, b),
        WireValue::Group(b) => {
            put_tag(out, field, START_GROUP);
            out.extend_from_slice(b);
            put_tag(out, field, END_GROUP);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip() {
        for v in [0u64, 1, 127, 128, 300, u32::MAX as u64, u64::MAX] {
            let mut out = Vec::new();
            put_varint(&mut out, v);
            assert_eq!(out.len(), varint_len(v));
            let mut pos = 0;
            assert_eq!(read_varint(&out, &mut pos), Ok(v));
        }
    }

    #[test]
    fn negative_int_takes_ten_bytes() {
        let mut out = Vec::new();
        put_int(&mut out, 1, -1);
        assert_eq!(out.len(), 11);
    }

    #[test]
    fn long_message_length_is_spliced() {
        let mut out = Vec::new();
        put_message(&mut out, 1, |o| o.extend(std::iter::repeat_n(7u8, 300)));
        assert_eq!(&out[..3], &[0x0a, 0xac, 0x02]);
        assert_eq!(out.len(), 303);
    }

    #[test]
    fn reader_returns_groups_whole() {
        // field 1 group { field 2 varint 5 }, field 3 varint 1
        let buf = [0x0b, 0x10, 0x05, 0x0c, 0x18, 0x01];
        let recs: Vec<_> = Reader::new(&buf).map(|r| r.unwrap()).collect();
        assert_eq!(recs[0].value, WireValue::Group(&[0x10, 0x05]));
        assert_eq!(recs[1].field, 3);
    }

    #[test]
    fn last_varint_takes_the_last_record() {
        use crate::descriptor::numbers::field_options::{CTYPE, LAZY, PACKED};
        // packed = 1, packed = 0, ctype = 5
        let mut buf = Vec::new();
        put_bool(&mut buf, PACKED, true);
        put_bool(&mut buf, PACKED, false);
        put_uint(&mut buf, CTYPE, 5);
        assert_eq!(last_varint(&buf, &[PACKED]), Some(0));
        assert_eq!(last_varint(&buf, &[CTYPE]), Some(5));
        assert_eq!(last_varint(&buf, &[LAZY]), None);
        assert_eq!(last_varint(&buf, &[]), None);
    }

    #[test]
    fn last_varint_merges_repeated_sub_messages() {
        use crate::descriptor::numbers::feature_set::*;
        use crate::descriptor::numbers::field_options::FEATURES;
        // features { field_presence: 2 repeated_field_encoding: 1 }
        // features { field_presence: 1 } features { utf8_validation: 2 }
        let mut buf = Vec::new();
        put_message(&mut buf, FEATURES, |o| {
            put_uint(o, FIELD_PRESENCE, 2);
            put_uint(o, REPEATED_FIELD_ENCODING, 1);
        });
        put_message(&mut buf, FEATURES, |o| put_uint(o, FIELD_PRESENCE, 1));
        put_message(&mut buf, FEATURES, |o| put_uint(o, UTF8_VALIDATION, 2));
        assert_eq!(last_varint(&buf, &[FEATURES, FIELD_PRESENCE]), Some(1));
        assert_eq!(
            last_varint(&buf, &[FEATURES, REPEATED_FIELD_ENCODING]),
            Some(1)
        );
        assert_eq!(last_varint(&buf, &[FEATURES, UTF8_VALIDATION]), Some(2));
        assert_eq!(last_varint(&buf, &[FEATURES, MESSAGE_ENCODING]), None);
        // A varint is not a message to look into.
        let deeper = [FEATURES, FIELD_PRESENCE, FIELD_PRESENCE];
        assert_eq!(last_varint(&buf, &deeper), None);
    }

    #[test]
    fn put_value_writes_records_back() {
        let mut buf = Vec::new();
        put_uint(&mut buf, 1, 300);
        buf.extend([0x11, 1, 2, 3, 4, 5, 6, 7, 8]);
        buf.extend([0x1d, 1, 2, 3, 4]);
        put_str(&mut buf, 4, "ab");
        buf.extend([0x2b, 0x08, 0x01, 0x2c]);
        let mut out = Vec::new();
        for r in Reader::new(&buf) {
            let r = r.unwrap();
            put_value(&mut out, r.field, &r.value);
        }
        assert_eq!(out, buf);
    }
}
