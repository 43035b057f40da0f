//! Where each top-level enum, message (nested ones too) and service sits inside `x_pb2.py`'s
//! embedded descriptor: `_serialized_start`/`_serialized_end` (`SetSerializedPbInterval`).
//!
//! protoc serialises each element alone and takes the first occurrence of those bytes in the
//! serialised file (`std::string::find`). An element's bytes are exactly the body of its
//! length-delimited record in the file, so instead of re-encoding every element and searching
//! from offset 0 at every offset, the records are located by walking the file's wire bytes once
//! per nesting level, and only the (rare) earlier duplicate is searched for, with `memmem`,
//! before the element's own position.

use std::ops::Range;

use crate::descriptor::wire::{Reader, WireValue};

/// `DescriptorProto` fields holding nested messages and enums.
const NESTED_TYPE: u32 = 3;
const MESSAGE_ENUM_TYPE: u32 = 4;
/// `FileDescriptorProto` fields holding top-level messages, enums and services.
const FILE_MESSAGE_TYPE: u32 = 4;
const FILE_ENUM_TYPE: u32 = 5;
const FILE_SERVICE: u32 = 6;

/// The byte ranges, inside the serialised file, of one message and what it nests, in the
/// model's order (the encoder writes repeated fields in that order).
pub struct MessageSpan {
    pub body: Range<usize>,
    pub nested: Vec<MessageSpan>,
    pub enums: Vec<Range<usize>>,
}

/// The byte ranges of a file's top-level elements.
pub struct FileSpans {
    pub messages: Vec<MessageSpan>,
    pub enums: Vec<Range<usize>>,
    pub services: Vec<Range<usize>>,
}

/// Locates the elements of `serialized`, a whole encoded `FileDescriptorProto`.
pub fn file_spans(serialized: &[u8]) -> FileSpans {
    let whole = 0..serialized.len();
    FileSpans {
        messages: records(serialized, &whole, FILE_MESSAGE_TYPE)
            .into_iter()
            .map(|body| message_span(serialized, body))
            .collect(),
        enums: records(serialized, &whole, FILE_ENUM_TYPE),
        services: records(serialized, &whole, FILE_SERVICE),
    }
}

fn message_span(serialized: &[u8], body: Range<usize>) -> MessageSpan {
    MessageSpan {
        nested: records(serialized, &body, NESTED_TYPE)
            .into_iter()
            .map(|b| message_span(serialized, b))
            .collect(),
        enums: records(serialized, &body, MESSAGE_ENUM_TYPE),
        body,
    }
}

/// The absolute ranges of the bodies of the length-delimited records numbered `field` in the
/// message `serialized[within]`. Malformed bytes end the walk (the bytes are our own encoding,
/// so this does not happen; the caller then falls back to encoding the element).
fn records(serialized: &[u8], within: &Range<usize>, field: u32) -> Vec<Range<usize>> {
    let base = serialized.as_ptr() as usize;
    let mut out = Vec::new();
    for record in Reader::new(&serialized[within.clone()]) {
        let Ok(record) = record else { break };
        if let (true, WireValue::Len(body)) = (record.field == field, record.value) {
            let start = body.as_ptr() as usize - base;
            out.push(start..start + body.len());
        }
    }
    out
}

/// `std::string::find` of `serialized[element]` in `serialized`. NB: protoc takes the first
/// occurrence, so an element identical to an earlier one points at the earlier one; the
/// element's own position bounds the search.
pub fn first_occurrence(serialized: &[u8], element: &Range<usize>) -> usize {
    let needle = &serialized[element.clone()];
    memchr::memmem::find(&serialized[..element.end], needle).unwrap_or(element.start)
}

/// The first occurrence of `needle` (an element encoded alone) in `serialized`, 0 if absent:
/// the fallback should an element's record not be found by [`file_spans`].
pub fn find_anywhere(serialized: &[u8], needle: &[u8]) -> usize {
    memchr::memmem::find(serialized, needle).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::descriptor::wire::{put_message, put_str};

    #[test]
    fn locates_nested_records_and_earlier_duplicates() {
        // file { message_type { name: "A" nested_type { name: "A" } } enum_type { name: "E" } }
        let mut file = Vec::new();
        put_str(&mut file, 1, "f.proto");
        put_message(&mut file, FILE_MESSAGE_TYPE, |m| {
            put_str(m, 1, "A");
            put_message(m, NESTED_TYPE, |n| put_str(n, 1, "A"));
        });
        put_message(&mut file, FILE_ENUM_TYPE, |e| put_str(e, 1, "E"));
        let spans = file_spans(&file);
        assert_eq!(spans.messages.len(), 1);
        assert_eq!(spans.enums.len(), 1);
        let outer = &spans.messages[0];
        assert_eq!(&file[outer.body.clone()], b"\x0a\x01A\x1a\x03\x0a\x01A");
        let inner = &outer.nested[0].body;
        assert_eq!(&file[inner.clone()], b"\x0a\x01A");
        // The nested message's bytes `\n\x01A` first occur at the outer message's start.
        assert_eq!(first_occurrence(&file, inner), outer.body.start);
        assert_eq!(first_occurrence(&file, &outer.body), outer.body.start);
        assert_eq!(&file[spans.enums[0].clone()], b"\x0a\x01E");
    }
}
