//! The `NAME.pb.meta` file an insertion updates (command_line_interface.cc
//! `MemoryOutputStream::UpdateMetadata`, `InsertShiftedInfo`): when the inserted chunk carries
//! `GeneratedCodeInfo` annotations, or the directory already holds `NAME.pb.meta`, the file's
//! annotations after the insertion point move by the inserted length and the chunk's own
//! annotations are added, shifted to where their text landed (indentation included).
//! The file keeps its format: wire format, or else text format (`metadata_text`), as protoc.

use super::metadata_text::{self, Annotation};
use crate::descriptor::wire::{
    Reader, VARINT, WireValue, put_bytes, put_int, put_message, put_tag, put_varint, read_varint,
};

/// The annotations of an encoded `GeneratedCodeInfo`, or `None` if it does not parse.
fn decode(bytes: &[u8]) -> Option<Vec<Annotation>> {
    let mut out = Vec::new();
    for record in Reader::new(bytes) {
        let record = record.ok()?;
        if let (1, WireValue::Len(b)) = (record.field, record.value) {
            out.push(decode_annotation(b)?);
        }
    }
    Some(out)
}

fn decode_annotation(bytes: &[u8]) -> Option<Annotation> {
    let mut a = Annotation::default();
    for record in Reader::new(bytes) {
        let record = record.ok()?;
        match (record.field, record.value) {
            (1, WireValue::Varint(v)) => a.path.push(v as i32),
            (1, WireValue::Len(mut packed)) => {
                while !packed.is_empty() {
                    let mut pos = 0;
                    let v = read_varint(packed, &mut pos).ok()?;
                    a.path.push(v as i32);
                    packed = &packed[pos..];
                }
            }
            (2, WireValue::Len(b)) => a.source_file = Some(b.to_vec()),
            (3, WireValue::Varint(v)) => a.begin = v as i32,
            (4, WireValue::Varint(v)) => a.end = v as i32,
            (5, WireValue::Varint(v)) => a.semantic = Some(v),
            _ => a.unknown.extend_from_slice(record.raw),
        }
    }
    Some(a)
}

/// Serialised as C++ does: known fields in number order (`path` packed, `begin` and `end`
/// always set here), unknown fields last.
fn encode(annotations: &[Annotation]) -> Vec<u8> {
    let mut out = Vec::new();
    for a in annotations {
        put_message(&mut out, 1, |o| {
            if !a.path.is_empty() {
                let mut packed = Vec::new();
                for &p in &a.path {
                    put_varint(&mut packed, p as i64 as u64);
                }
                put_bytes(o, 1, &packed);
            }
            if let Some(f) = &a.source_file {
                put_bytes(o, 2, f);
            }
            put_int(o, 3, a.begin.into());
            put_int(o, 4, a.end.into());
            if let Some(s) = a.semantic {
                put_tag(o, 5, VARINT);
                put_varint(o, s);
            }
            o.extend_from_slice(&a.unknown);
        });
    }
    out
}

/// One insertion, as `UpdateMetadata` sees it.
pub struct Insertion<'a> {
    /// The inserted text before indentation, ending in a newline.
    pub content: &'a [u8],
    /// Where it went in the target file.
    pub offset: usize,
    /// How many bytes went in (indentation included).
    pub length: usize,
    pub indent: usize,
    /// The chunk's encoded `GeneratedCodeInfo`, if any.
    pub info: Option<&'a [u8]>,
}

/// What an insertion does to `NAME.pb.meta`.
#[derive(Debug, PartialEq, Eq)]
pub enum Update {
    /// Nothing: no metadata and no annotations to insert.
    None,
    /// The file's new bytes.
    Write(Vec<u8>),
    /// The metadata parses neither way: protoc prints this (`NAME.pb.meta: Could not parse
    /// metadata as wire or text format.`) and leaves the file alone; the run goes on.
    Unreadable,
}

/// What happens to the `.pb.meta` given its current bytes (`None`: no such file).
pub fn update(existing: Option<&[u8]>, ins: &Insertion) -> Update {
    let inserted = ins.info.and_then(decode).unwrap_or_default();
    if existing.is_none() && inserted.is_empty() {
        return Update::None;
    }
    let (current, text) = match existing {
        None => (Vec::new(), false),
        Some(b) => match decode(b) {
            Some(a) => (a, false),
            None => match metadata_text::parse(b) {
                Some(a) => (a, true),
                None => return Update::Unreadable,
            },
        },
    };
    let mut out = Vec::with_capacity(current.len() + inserted.len());
    let mut crossed = false;
    let mut to_add = 0usize;
    for a in current {
        if !crossed && a.begin as i64 >= ins.offset as i64 {
            crossed = true;
            shifted(&inserted, ins, &mut out);
            to_add = ins.length;
        }
        out.push(Annotation {
            begin: a.begin.wrapping_add(to_add as i32),
            end: a.end.wrapping_add(to_add as i32),
            ..a
        });
    }
    if !crossed {
        shifted(&inserted, ins, &mut out);
    }
    Update::Write(if text {
        metadata_text::print(&out)
    } else {
        encode(&out)
    })
}

/// `InsertShiftedInfo`: the inserted annotations moved to where their text landed; every
/// newline before an annotation's start adds one indent to its offset, those inside it to its
/// end.
fn shifted(inserted: &[Annotation], ins: &Insertion, out: &mut Vec<Annotation>) {
    let content = ins.content;
    let mut pos = 0usize;
    let mut offset = ins.offset + ins.indent;
    for a in inserted {
        let mut inner = 0usize;
        let stop = (a.end.max(0) as usize).min(content.len().saturating_sub(1));
        while pos < stop {
            if content[pos] == b'\n' {
                if pos >= a.begin.max(0) as usize {
                    inner += ins.indent;
                } else {
                    offset += ins.indent;
                }
            }
            pos += 1;
        }
        let begin = a.begin.wrapping_add(offset as i32);
        offset += inner;
        out.push(Annotation {
            begin,
            end: a.end.wrapping_add(offset as i32),
            ..a.clone()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_shift() {
        let a = Annotation {
            path: vec![4, 1],
            source_file: Some(b"a.proto".to_vec()),
            begin: 3,
            end: 5,
            ..Default::default()
        };
        let info = encode(std::slice::from_ref(&a));
        assert_eq!(decode(&info), Some(vec![a]));
        // protoc 35.1: "ab\ncd\n" inserted at 0 with a 2-space indent.
        let ins = Insertion {
            content: b"ab\ncd\n",
            offset: 0,
            length: 10,
            indent: 2,
            info: Some(&info),
        };
        assert_eq!(
            update(None, &ins),
            Update::Write(b"\x0a\x11\x0a\x02\x04\x01\x12\x07a.proto\x18\x07\x20\x09".to_vec())
        );
        // Neither wire nor text format.
        assert_eq!(update(Some(b"annotation {"), &ins), Update::Unreadable);
        assert_eq!(update(None, &Insertion { info: None, ..ins }), Update::None);
    }
}
