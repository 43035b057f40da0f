//! `UnknownFieldSet`: fields read without a descriptor, kept in wire order, and printed as
//! text_format.cc's `PrintUnknownFields` prints them (`--decode_raw` is a message with no
//! fields at all: everything in it is unknown).

use std::borrow::Cow;

use super::text_out::TextOut;
use super::wire_in::{END_GROUP, FIXED32, FIXED64, Flavor, Input, LEN, START_GROUP, VARINT};
use crate::escape::c_escape;

/// text_format.cc `kUnknownFieldRecursionLimit`: how deep length-delimited values are tried
/// as nested messages when printed.
pub const PRINT_RECURSION_LIMIT: i32 = 10;

#[derive(Clone, Debug, PartialEq)]
pub enum UnknownValue<'a> {
    Varint(u64),
    Fixed32(u32),
    Fixed64(u64),
    Len(Cow<'a, [u8]>),
    Group(Vec<UnknownField<'a>>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct UnknownField<'a> {
    pub number: u32,
    pub value: UnknownValue<'a>,
}

/// How a list of fields ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// At the end of the input: the only place a message may end.
    Eof,
    /// On tag 0 (or a malformed tag, for `CodedInputStream`) or an end-group tag.
    Tag(u32),
}

/// Reads fields into `out` until the input or a terminating tag ends them (the parsers'
/// loop). `None` when the input is malformed. `depth` is the recursion budget left.
pub fn read_fields<'a>(
    inp: &mut Input<'a>,
    depth: &mut i32,
    out: &mut Vec<UnknownField<'a>>,
) -> Option<End> {
    loop {
        if inp.at_end() {
            return Some(End::Eof);
        }
        let tag = match inp.tag() {
            Some(t) => t,
            // NB: `CodedInputStream::ReadTag` answers 0 for a malformed tag, which ends the
            // message as tag 0 does (and fails later, as the end is not the input's).
            None if inp.flavor == Flavor::Coded => 0,
            None => return None,
        };
        if tag == 0 || tag & 7 == END_GROUP {
            return Some(End::Tag(tag));
        }
        out.push(read_field(inp, tag, depth)?);
    }
}

/// The value of one field whose `tag` was just read (`FieldParser` / `WireFormat::SkipField`).
pub fn read_field<'a>(inp: &mut Input<'a>, tag: u32, depth: &mut i32) -> Option<UnknownField<'a>> {
    let number = tag >> 3;
    if number == 0 {
        return None;
    }
    let value = match tag & 7 {
        VARINT => UnknownValue::Varint(inp.varint()?),
        FIXED64 => UnknownValue::Fixed64(inp.fixed64()?),
        LEN => UnknownValue::Len(Cow::Borrowed(inp.len_delimited()?)),
        START_GROUP => UnknownValue::Group(read_group(inp, number, depth)?),
        FIXED32 => UnknownValue::Fixed32(inp.fixed32()?),
        _ => return None,
    };
    Some(UnknownField { number, value })
}

/// A group's fields, up to its matching end-group tag.
fn read_group<'a>(
    inp: &mut Input<'a>,
    number: u32,
    depth: &mut i32,
) -> Option<Vec<UnknownField<'a>>> {
    *depth -= 1;
    if *depth < 0 {
        return None;
    }
    let mut fields = Vec::new();
    let end = read_fields(inp, depth, &mut fields)?;
    *depth += 1;
    (end == End::Tag(number << 3 | END_GROUP)).then_some(fields)
}

/// A whole message of unknown fields, as `ParsePartialFromZeroCopyStream` reads a message
/// with no fields (`--decode_raw`). `None`: protoc's "Failed to parse input.".
pub fn parse_message(buf: &[u8]) -> Option<Vec<UnknownField<'_>>> {
    let mut inp = Input::new(buf, Flavor::Table);
    let mut depth = super::wire_in::RECURSION_LIMIT;
    let mut fields = Vec::new();
    (read_fields(&mut inp, &mut depth, &mut fields)? == End::Eof).then_some(fields)
}

/// `UnknownFieldSet::ParseFromCodedStream` with a recursion limit of `budget`: how the
/// printer decides that a length-delimited value is a message.
fn parse_embedded(buf: &[u8], budget: i32) -> Option<Vec<UnknownField<'_>>> {
    let mut inp = Input::new(buf, Flavor::Coded);
    let mut depth = budget;
    let mut fields = Vec::new();
    (read_fields(&mut inp, &mut depth, &mut fields)? == End::Eof).then_some(fields)
}

/// text_format.cc `PrintUnknownFields`.
pub fn print_unknown(fields: &[UnknownField], out: &mut TextOut, budget: i32) {
    for f in fields {
        let n = f.number;
        match &f.value {
            UnknownValue::Varint(v) => out.line(&format!("{n}: {v}")),
            UnknownValue::Fixed32(v) => out.line(&format!("{n}: 0x{v:08x}")),
            UnknownValue::Fixed64(v) => out.line(&format!("{n}: 0x{v:016x}")),
            UnknownValue::Len(bytes) => {
                // NB: protoc prints any value that parses as a message as one, so a string
                // such as "\x08\x01" comes out as `{ 1: 1 }`.
                let embedded = (!bytes.is_empty() && budget > 0)
                    .then(|| parse_embedded(bytes, budget))
                    .flatten();
                match embedded {
                    Some(inner) => {
                        out.open(&n.to_string());
                        print_unknown(&inner, out, budget - 1);
                        out.close();
                    }
                    None => out.line(&format!("{n}: \"{}\"", c_escape(bytes))),
                }
            }
            UnknownValue::Group(inner) => {
                out.open(&n.to_string());
                print_unknown(inner, out, budget - 1);
                out.close();
            }
        }
    }
}
