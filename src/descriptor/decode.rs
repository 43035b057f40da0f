//! Decoding `FileDescriptorSet` / `FileDescriptorProto` bytes into the descriptor model, for
//! `--descriptor_set_in`: what C++'s generated `FileDescriptorSet::ParseFromFileDescriptor`
//! keeps of them. Fields of the wrong wire type and unknown fields are skipped (C++ keeps
//! them as unknown fields, which `FileDescriptor::CopyTo` never writes back); options
//! messages are kept as bytes (the option interpreter re-serialises them as C++ does);
//! singular message fields merge, repeated ones append, scalars keep the last value.
//! Positions are all `None`: protoc points at no token in a file it did not parse.

use super::model::*;
use super::wire::{Reader, WireError, WireValue, read_varint};

/// protoc's parse depth limit (`CodedInputStream`'s default recursion limit of 100).
const MAX_DEPTH: usize = 100;

/// The files of an encoded `FileDescriptorSet` (field 1), as raw bytes, in order.
pub fn file_set(bytes: &[u8]) -> Result<Vec<&[u8]>, WireError> {
    let mut files = Vec::new();
    for r in Reader::new(bytes) {
        let r = r?;
        match (r.field, r.value) {
            (1, WireValue::Len(b)) => files.push(b),
            (_, WireValue::Group(b)) => check_nesting(b, 1)?,
            _ => {}
        }
    }
    for f in &files {
        // NB: protoc parses the whole set up front: a malformed file anywhere fails it.
        file(f)?;
    }
    Ok(files)
}

/// The `name` of an encoded `FileDescriptorProto` (the last one, as C++ keeps it).
pub fn file_name(bytes: &[u8]) -> String {
    let mut name = String::new();
    for r in Reader::new(bytes).flatten() {
        if let (1, WireValue::Len(b)) = (r.field, r.value) {
            name = text(b);
        }
    }
    name
}

/// A decoded file and what protoc's builder says about a `syntax` it does not know.
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded {
    pub file: FileDescriptorProto,
    /// `syntax` when it is neither empty, `proto2` nor `proto3` and no `edition` is set
    /// (protoc: `Unrecognized syntax: X`, the file's edition then UNKNOWN).
    pub unrecognized_syntax: Option<String>,
}

/// One encoded `FileDescriptorProto`.
pub fn file(bytes: &[u8]) -> Result<FileDescriptorProto, WireError> {
    Ok(decoded(bytes)?.file)
}

/// One encoded `FileDescriptorProto`, with its syntax verdict.
pub fn decoded(bytes: &[u8]) -> Result<Decoded, WireError> {
    let mut f = FileDescriptorProto::default();
    let n = counts(bytes);
    f.message_type.reserve_exact(n[4]);
    f.enum_type.reserve_exact(n[5]);
    f.service.reserve_exact(n[6]);
    f.extension.reserve_exact(n[7]);
    let mut syntax = String::new();
    let mut edition_value = None;
    for r in Reader::new(bytes) {
        let r = r?;
        match (r.field, r.value) {
            (1, WireValue::Len(b)) => f.name = text(b),
            (2, WireValue::Len(b)) => f.package = Some(text(b)),
            (3, WireValue::Len(b)) => f.dependency.push(text(b)),
            (4, WireValue::Len(b)) => f.message_type.push(message(b, 2)?),
            (5, WireValue::Len(b)) => f.enum_type.push(enumeration(b, 2)?),
            (6, WireValue::Len(b)) => f.service.push(service(b, 2)?),
            (7, WireValue::Len(b)) => f.extension.push(field(b, 2)?),
            (8, WireValue::Len(b)) => merge_options(&mut f.options, b, 2)?,
            (9, WireValue::Len(b)) => {
                let info = f
                    .source_code_info
                    .get_or_insert_with(SourceCodeInfo::default);
                info.rewrite(|l| source_code_info(l, b))?;
            }
            (10, v) => ints(&mut f.public_dependency, v)?,
            (11, v) => ints(&mut f.weak_dependency, v)?,
            (12, WireValue::Len(b)) => syntax = text(b),
            (14, WireValue::Varint(v)) => edition_value = Some(v as i32),
            (15, WireValue::Len(b)) => f.option_dependency.push(text(b)),
            (_, WireValue::Group(b)) => check_nesting(b, 2)?,
            _ => {}
        }
    }
    // NB: protoc's builder takes the edition when one is set, whatever `syntax` says, and
    // writes PROTO2/PROTO3 back as the `syntax` string (FileDescriptor::CopyHeadingTo).
    let mut unrecognized_syntax = None;
    f.syntax = match (edition_value, syntax.as_str()) {
        (Some(edition::PROTO2), _) | (None, "" | "proto2") => Syntax::Proto2,
        (Some(edition::PROTO3), _) | (None, "proto3") => Syntax::Proto3,
        (Some(e), _) => Syntax::Editions(e),
        (None, other) => {
            unrecognized_syntax = Some(other.to_string());
            Syntax::Editions(0)
        }
    };
    // NB: CopyTo writes no empty package.
    if f.package.as_deref() == Some("") {
        f.package = None;
    }
    Ok(Decoded {
        file: f,
        unrecognized_syntax,
    })
}

fn message(bytes: &[u8], depth: usize) -> Result<DescriptorProto, WireError> {
    if depth > MAX_DEPTH {
        return Err(WireError);
    }
    let mut m = DescriptorProto::default();
    let n = counts(bytes);
    m.field.reserve_exact(n[2]);
    m.nested_type.reserve_exact(n[3]);
    m.enum_type.reserve_exact(n[4]);
    m.extension.reserve_exact(n[6]);
    m.oneof_decl.reserve_exact(n[8]);
    for r in Reader::new(bytes) {
        let r = r?;
        match (r.field, r.value) {
            (1, WireValue::Len(b)) => m.name = text(b),
            (2, WireValue::Len(b)) => m.field.push(field(b, depth + 1)?),
            (3, WireValue::Len(b)) => m.nested_type.push(message(b, depth + 1)?),
            (4, WireValue::Len(b)) => m.enum_type.push(enumeration(b, depth + 1)?),
            (5, WireValue::Len(b)) => m.extension_range.push(extension_range(b, depth + 1)?),
            (6, WireValue::Len(b)) => m.extension.push(field(b, depth + 1)?),
            (7, WireValue::Len(b)) => merge_options(&mut m.options, b, depth + 1)?,
            (8, WireValue::Len(b)) => m.oneof_decl.push(oneof(b, depth + 1)?),
            (9, WireValue::Len(b)) => m.reserved_range.push(range(b)?),
            (10, WireValue::Len(b)) => m.reserved_name.push(text(b)),
            (11, WireValue::Varint(v)) => m.visibility = visibility(v).or(m.visibility),
            (_, WireValue::Group(b)) => check_nesting(b, depth + 1)?,
            _ => {}
        }
    }
    m.reserved_name_pos = vec![None; m.reserved_name.len()];
    Ok(m)
}

/// How many length-delimited records `bytes` holds of each field number below 16: the
/// repeated elements are sized up front, since each is decoded (allocating) between pushes and
/// a growing vector would be copied at each doubling.
fn counts(bytes: &[u8]) -> [usize; 16] {
    let mut n = [0; 16];
    for r in Reader::new(bytes).map_while(Result::ok) {
        if let (Some(slot), WireValue::Len(_)) = (n.get_mut(r.field as usize), r.value) {
            *slot += 1;
        }
    }
    n
}

fn field(bytes: &[u8], depth: usize) -> Result<FieldDescriptorProto, WireError> {
    let mut f = FieldDescriptorProto::default();
    for r in Reader::new(bytes) {
        let r = r?;
        match (r.field, r.value) {
            (1, WireValue::Len(b)) => f.name = text(b),
            (2, WireValue::Len(b)) => f.extendee = Some(text(b)),
            (3, WireValue::Varint(v)) => f.number = Some(v as i32),
            // Closed enums: C++ keeps an unknown value as an unknown field (the field unset).
            (4, WireValue::Varint(v)) => f.label = label(v).or(f.label),
            (5, WireValue::Varint(v)) => {
                f.r#type = i32::try_from(v)
                    .ok()
                    .and_then(FieldType::from_i32)
                    .or(f.r#type)
            }
            (6, WireValue::Len(b)) => f.type_name = Some(text(b)),
            (7, WireValue::Len(b)) => f.default_value = Some(text(b)),
            (8, WireValue::Len(b)) => merge_options(&mut f.options, b, depth + 1)?,
            (9, WireValue::Varint(v)) => f.oneof_index = Some(v as i32),
            (10, WireValue::Len(b)) => f.json_name = Some(text(b)),
            (17, WireValue::Varint(v)) => f.proto3_optional = Some(v != 0),
            (_, WireValue::Group(b)) => check_nesting(b, depth + 1)?,
            _ => {}
        }
    }
    // NB: protoc's builder reads an unset label or type as the enum's first value
    // (LABEL_OPTIONAL, TYPE_DOUBLE), except that a type_name without a type is resolved.
    f.label = f.label.or(Some(Label::Optional));
    if f.r#type.is_none() && f.type_name.is_none() {
        f.r#type = Some(FieldType::Double);
    }
    Ok(f)
}

fn oneof(bytes: &[u8], depth: usize) -> Result<OneofDescriptorProto, WireError> {
    let mut o = OneofDescriptorProto::default();
    for r in Reader::new(bytes) {
        let r = r?;
        match (r.field, r.value) {
            (1, WireValue::Len(b)) => o.name = text(b),
            (2, WireValue::Len(b)) => merge_options(&mut o.options, b, depth + 1)?,
            (_, WireValue::Group(b)) => check_nesting(b, depth + 1)?,
            _ => {}
        }
    }
    Ok(o)
}

fn extension_range(bytes: &[u8], depth: usize) -> Result<ExtensionRange, WireError> {
    let mut e = ExtensionRange::default();
    for r in Reader::new(bytes) {
        let r = r?;
        match (r.field, r.value) {
            (1, WireValue::Varint(v)) => e.start = v as i32,
            (2, WireValue::Varint(v)) => e.end = v as i32,
            (3, WireValue::Len(b)) => merge_options(&mut e.options, b, depth + 1)?,
            (_, WireValue::Group(b)) => check_nesting(b, depth + 1)?,
            _ => {}
        }
    }
    Ok(e)
}

fn range(bytes: &[u8]) -> Result<ReservedRange, WireError> {
    let mut out = ReservedRange::default();
    for r in Reader::new(bytes) {
        let r = r?;
        match (r.field, r.value) {
            (1, WireValue::Varint(v)) => out.start = v as i32,
            (2, WireValue::Varint(v)) => out.end = v as i32,
            _ => {}
        }
    }
    Ok(out)
}

fn enumeration(bytes: &[u8], depth: usize) -> Result<EnumDescriptorProto, WireError> {
    if depth > MAX_DEPTH {
        return Err(WireError);
    }
    let mut e = EnumDescriptorProto::default();
    e.value.reserve_exact(counts(bytes)[2]);
    for r in Reader::new(bytes) {
        let r = r?;
        match (r.field, r.value) {
            (1, WireValue::Len(b)) => e.name = text(b),
            (2, WireValue::Len(b)) => e.value.push(enum_value(b, depth + 1)?),
            (3, WireValue::Len(b)) => merge_options(&mut e.options, b, depth + 1)?,
            (4, WireValue::Len(b)) => e.reserved_range.push(range(b)?),
            (5, WireValue::Len(b)) => e.reserved_name.push(text(b)),
            (6, WireValue::Varint(v)) => e.visibility = visibility(v).or(e.visibility),
            (_, WireValue::Group(b)) => check_nesting(b, depth + 1)?,
            _ => {}
        }
    }
    e.reserved_name_pos = vec![None; e.reserved_name.len()];
    Ok(e)
}

fn enum_value(bytes: &[u8], depth: usize) -> Result<EnumValueDescriptorProto, WireError> {
    let mut v = EnumValueDescriptorProto::default();
    for r in Reader::new(bytes) {
        let r = r?;
        match (r.field, r.value) {
            (1, WireValue::Len(b)) => v.name = text(b),
            (2, WireValue::Varint(n)) => v.number = n as i32,
            (3, WireValue::Len(b)) => merge_options(&mut v.options, b, depth + 1)?,
            (_, WireValue::Group(b)) => check_nesting(b, depth + 1)?,
            _ => {}
        }
    }
    Ok(v)
}

fn service(bytes: &[u8], depth: usize) -> Result<ServiceDescriptorProto, WireError> {
    let mut s = ServiceDescriptorProto::default();
    s.method.reserve_exact(counts(bytes)[2]);
    for r in Reader::new(bytes) {
        let r = r?;
        match (r.field, r.value) {
            (1, WireValue::Len(b)) => s.name = text(b),
            (2, WireValue::Len(b)) => s.method.push(method(b, depth + 1)?),
            (3, WireValue::Len(b)) => merge_options(&mut s.options, b, depth + 1)?,
            (_, WireValue::Group(b)) => check_nesting(b, depth + 1)?,
            _ => {}
        }
    }
    Ok(s)
}

fn method(bytes: &[u8], depth: usize) -> Result<MethodDescriptorProto, WireError> {
    let mut m = MethodDescriptorProto::default();
    for r in Reader::new(bytes) {
        let r = r?;
        match (r.field, r.value) {
            (1, WireValue::Len(b)) => m.name = text(b),
            (2, WireValue::Len(b)) => m.input_type = text(b),
            (3, WireValue::Len(b)) => m.output_type = text(b),
            (4, WireValue::Len(b)) => merge_options(&mut m.options, b, depth + 1)?,
            (5, WireValue::Varint(v)) => m.client_streaming = v != 0,
            (6, WireValue::Varint(v)) => m.server_streaming = v != 0,
            (_, WireValue::Group(b)) => check_nesting(b, depth + 1)?,
            _ => {}
        }
    }
    Ok(m)
}

/// Appends the locations of an encoded `SourceCodeInfo` to `locations`.
pub fn source_code_info(locations: &mut Vec<Location>, bytes: &[u8]) -> Result<(), WireError> {
    for r in Reader::new(bytes) {
        let r = r?;
        match (r.field, r.value) {
            (1, WireValue::Len(b)) => locations.push(location(b)?),
            (_, WireValue::Group(b)) => check_nesting(b, 4)?,
            _ => {}
        }
    }
    Ok(())
}

fn location(bytes: &[u8]) -> Result<Location, WireError> {
    let mut l = Location::default();
    for r in Reader::new(bytes) {
        let r = r?;
        match (r.field, r.value) {
            (1, v) => ints(&mut l.path, v)?,
            (2, v) => ints(&mut l.span, v)?,
            (3, WireValue::Len(b)) => l.leading_comments = Some(b.to_vec()),
            (4, WireValue::Len(b)) => l.trailing_comments = Some(b.to_vec()),
            (6, WireValue::Len(b)) => l.leading_detached_comments.push(b.to_vec()),
            (_, WireValue::Group(b)) => check_nesting(b, 5)?,
            _ => {}
        }
    }
    Ok(l)
}

/// A singular options message: C++ merges repeated occurrences, which for the encoded form
/// is concatenation (the interpreter re-serialises the result).
fn merge_options(
    slot: &mut Option<Box<Options>>,
    bytes: &[u8],
    depth: usize,
) -> Result<(), WireError> {
    check_nesting(bytes, depth)?;
    slot.get_or_insert_with(Default::default)
        .bytes
        .extend_from_slice(bytes);
    Ok(())
}

/// Walks an opaque sub-message (options, unknown groups) to refuse what C++ would refuse:
/// malformed records, nesting past the depth limit. Nested length-delimited records are not
/// parsed (they may be strings); groups are.
fn check_nesting(bytes: &[u8], depth: usize) -> Result<(), WireError> {
    if depth > MAX_DEPTH {
        return Err(WireError);
    }
    for r in Reader::new(bytes) {
        if let WireValue::Group(b) = r?.value {
            check_nesting(b, depth + 1)?;
        }
    }
    Ok(())
}

/// A repeated int32, packed or not.
fn ints(out: &mut Vec<i32>, v: WireValue) -> Result<(), WireError> {
    match v {
        WireValue::Varint(n) => out.push(n as i32),
        WireValue::Len(b) => {
            let mut pos = 0;
            while pos < b.len() {
                out.push(read_varint(b, &mut pos)? as i32);
            }
        }
        _ => {}
    }
    Ok(())
}

fn label(v: u64) -> Option<Label> {
    match v {
        1 => Some(Label::Optional),
        2 => Some(Label::Required),
        3 => Some(Label::Repeated),
        _ => None,
    }
}

fn visibility(v: u64) -> Option<Visibility> {
    match v {
        1 => Some(Visibility::Local),
        2 => Some(Visibility::Export),
        _ => None,
    }
}

/// NB: descriptor.proto's strings are proto2 `string`s, which C++ does not check for UTF-8;
/// the model holds `String`s, so invalid sequences become U+FFFD.
fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::descriptor::encode::{EncodeOptions, encode_file};

    fn sample() -> FileDescriptorProto {
        FileDescriptorProto {
            name: "a.proto".into(),
            package: Some("p".into()),
            dependency: vec!["b.proto".into()],
            public_dependency: vec![0],
            message_type: vec![DescriptorProto {
                name: "M".into(),
                field: vec![FieldDescriptorProto {
                    name: "f_g".into(),
                    number: Some(1),
                    label: Some(Label::Repeated),
                    r#type: Some(FieldType::Message),
                    type_name: Some(".p.M".into()),
                    json_name: Some("fG".into()),
                    options: Some(Box::new(Options {
                        uninterpreted: Vec::new(),
                        bytes: vec![0x10, 0x01],
                        unresolved_features: false,
                    })),
                    ..Default::default()
                }],
                reserved_range: vec![ReservedRange {
                    start: 5,
                    end: 7,
                    loc: None,
                }],
                reserved_name: vec!["x".into()],
                reserved_name_pos: vec![None],
                ..Default::default()
            }],
            syntax: Syntax::Editions(edition::E2023),
            source_code_info: Some(SourceCodeInfo::Locations(vec![Location {
                path: vec![4, 0],
                span: vec![1, 0, 12],
                leading_comments: Some(b" hi\n".to_vec()),
                ..Default::default()
            }])),
            ..Default::default()
        }
    }

    #[test]
    fn round_trips_what_encode_writes() {
        let opts = EncodeOptions { json_names: false };
        let bytes = encode_file(&sample(), &opts);
        let back = file(&bytes).expect("decodes");
        assert_eq!(back, sample());
        assert_eq!(encode_file(&back, &opts), bytes);
    }

    #[test]
    fn unknown_fields_and_wrong_wire_types_are_skipped() {
        // name "a", an unknown field 99 (varint), `package` as a varint (wrong type).
        let bytes = [0x0a, 1, b'a', 0x98, 0x06, 7, 0x10, 3];
        let f = file(&bytes).expect("decodes");
        assert_eq!(f.name, "a");
        assert_eq!(f.package, None);
    }

    #[test]
    fn malformed_or_too_deep_input_is_refused() {
        assert!(file_set(&[0x0a, 5, 1]).is_err());
        let mut nested = Vec::new();
        for _ in 0..200 {
            let mut outer = vec![0x1a];
            crate::descriptor::wire::put_varint(&mut outer, nested.len() as u64);
            outer.extend(nested);
            nested = outer;
        }
        let mut msg = vec![0x22];
        crate::descriptor::wire::put_varint(&mut msg, nested.len() as u64);
        msg.extend(nested);
        assert!(file(&msg).is_err());
    }
}
