//! Encoding of the descriptor model in protoc's byte order: fields in number order, as C++
//! serialises a `FileDescriptorProto` produced by `FileDescriptor::CopyTo`.

use super::json_name::to_json_name;
use super::model::*;
use super::wire::*;

/// What `CopyTo` adds beyond the parsed model.
#[derive(Clone, Copy, Debug, Default)]
pub struct EncodeOptions {
    /// Fill `json_name` on every field (`-o`, plugins); else only explicit ones (python).
    pub json_names: bool,
}

pub fn encode_file(f: &FileDescriptorProto, opts: &EncodeOptions) -> Vec<u8> {
    let mut out = Vec::with_capacity(4096);
    write_file(&mut out, f, opts);
    out
}

/// The file as `CopyTo` leaves it when source info is not asked for (python's embedded
/// descriptor), without cloning the file to drop it.
pub fn encode_file_without_source_info(f: &FileDescriptorProto, opts: &EncodeOptions) -> Vec<u8> {
    let mut out = Vec::with_capacity(4096);
    write_file_parts(&mut out, f, opts, None);
    out
}

/// A message alone, as `DescriptorProto::SerializeAsString` (python's `_serialized_start`
/// search needs the bytes of each element).
pub fn encode_message(m: &DescriptorProto, opts: &EncodeOptions) -> Vec<u8> {
    let mut out = Vec::new();
    write_message(&mut out, m, opts);
    out
}

pub fn encode_enum(e: &EnumDescriptorProto) -> Vec<u8> {
    let mut out = Vec::new();
    write_enum(&mut out, e);
    out
}

pub fn encode_service(s: &ServiceDescriptorProto) -> Vec<u8> {
    let mut out = Vec::new();
    write_service(&mut out, s);
    out
}

/// Appends `f` as field `field` of an enclosing message (a `FileDescriptorSet` entry).
pub fn write_file_field(
    out: &mut Vec<u8>,
    field: u32,
    f: &FileDescriptorProto,
    opts: &EncodeOptions,
) {
    put_message(out, field, |o| write_file(o, f, opts));
}

/// [`write_file_field`], leaving out the source info unless `source_info`.
pub fn write_file_field_parts(
    out: &mut Vec<u8>,
    field: u32,
    f: &FileDescriptorProto,
    opts: &EncodeOptions,
    source_info: bool,
) {
    let info = f.source_code_info.as_ref().filter(|_| source_info);
    put_message(out, field, |o| write_file_parts(o, f, opts, info));
}

/// [`write_file_field`] with `info` as the file's source info, whatever `f` holds (the `-o`
/// writer moves each file's out of the pool and frees it once encoded).
pub fn write_file_field_with_info(
    out: &mut Vec<u8>,
    field: u32,
    f: &FileDescriptorProto,
    opts: &EncodeOptions,
    info: Option<&SourceCodeInfo>,
) {
    put_message(out, field, |o| write_file_parts(o, f, opts, info));
}

fn write_file(out: &mut Vec<u8>, f: &FileDescriptorProto, opts: &EncodeOptions) {
    write_file_parts(out, f, opts, f.source_code_info.as_ref());
}

fn write_file_parts(
    out: &mut Vec<u8>,
    f: &FileDescriptorProto,
    opts: &EncodeOptions,
    info: Option<&SourceCodeInfo>,
) {
    write_file_head(out, f, opts);
    if let Some(sci) = info {
        put_message(out, 9, |o| write_source_code_info(o, sci));
    }
    write_file_tail(out, f);
}

/// [`write_file_field`] cut around the body of the file's source info (`info_len` bytes), which
/// the caller places between the two halves itself (`-o`'s writer moves it rather than copy
/// it): `out` gets everything up to the source info's tag and length, `rest` what follows it.
pub fn write_file_field_around_info(
    out: &mut Vec<u8>,
    rest: &mut Vec<u8>,
    field: u32,
    f: &FileDescriptorProto,
    opts: &EncodeOptions,
    info_len: usize,
) {
    let mut head = Vec::new();
    write_file_head(&mut head, f, opts);
    let rest_from = rest.len();
    write_file_tail(rest, f);
    let info_field = varint_len(9 << 3) + varint_len(info_len as u64) + info_len;
    let body = head.len() + info_field + (rest.len() - rest_from);
    put_tag(out, field, LEN);
    put_varint(out, body as u64);
    out.extend_from_slice(&head);
    put_tag(out, 9, LEN);
    put_varint(out, info_len as u64);
}

/// A file's fields before its source info (field 9).
fn write_file_head(out: &mut Vec<u8>, f: &FileDescriptorProto, opts: &EncodeOptions) {
    put_str(out, 1, &f.name);
    if let Some(p) = &f.package {
        put_str(out, 2, p);
    }
    for d in &f.dependency {
        put_str(out, 3, d);
    }
    for m in &f.message_type {
        put_message(out, 4, |o| write_message(o, m, opts));
    }
    for e in &f.enum_type {
        put_message(out, 5, |o| write_enum(o, e));
    }
    for s in &f.service {
        put_message(out, 6, |o| write_service(o, s));
    }
    for x in &f.extension {
        put_message(out, 7, |o| write_field(o, x, opts));
    }
    write_options(out, 8, &f.options);
}

/// A file's fields after its source info.
fn write_file_tail(out: &mut Vec<u8>, f: &FileDescriptorProto) {
    for &d in &f.public_dependency {
        put_int(out, 10, d as i64);
    }
    for &d in &f.weak_dependency {
        put_int(out, 11, d as i64);
    }
    match f.syntax {
        Syntax::Proto2 => {}
        Syntax::Proto3 => put_str(out, 12, "proto3"),
        Syntax::Editions(e) => {
            put_str(out, 12, "editions");
            put_int(out, 14, e as i64);
        }
    }
    for d in &f.option_dependency {
        put_str(out, 15, d);
    }
}

fn write_options(out: &mut Vec<u8>, field: u32, o: &Option<Box<Options>>) {
    if let Some(o) = o {
        put_bytes(out, field, &o.bytes);
    }
}

fn write_message(out: &mut Vec<u8>, m: &DescriptorProto, opts: &EncodeOptions) {
    put_str(out, 1, &m.name);
    for f in &m.field {
        put_message(out, 2, |o| write_field(o, f, opts));
    }
    for n in &m.nested_type {
        put_message(out, 3, |o| write_message(o, n, opts));
    }
    for e in &m.enum_type {
        put_message(out, 4, |o| write_enum(o, e));
    }
    for r in &m.extension_range {
        put_message(out, 5, |o| {
            put_int(o, 1, r.start as i64);
            put_int(o, 2, r.end as i64);
            write_options(o, 3, &r.options);
        });
    }
    for x in &m.extension {
        put_message(out, 6, |o| write_field(o, x, opts));
    }
    write_options(out, 7, &m.options);
    for d in &m.oneof_decl {
        put_message(out, 8, |o| {
            put_str(o, 1, &d.name);
            write_options(o, 2, &d.options);
        });
    }
    write_ranges(out, 9, &m.reserved_range);
    for n in &m.reserved_name {
        put_str(out, 10, n);
    }
    if let Some(v) = m.visibility {
        put_int(out, 11, v as i64);
    }
}

fn write_ranges(out: &mut Vec<u8>, field: u32, ranges: &[ReservedRange]) {
    for r in ranges {
        put_message(out, field, |o| {
            put_int(o, 1, r.start as i64);
            put_int(o, 2, r.end as i64);
        });
    }
}

fn write_field(out: &mut Vec<u8>, f: &FieldDescriptorProto, opts: &EncodeOptions) {
    put_str(out, 1, &f.name);
    if let Some(e) = &f.extendee {
        put_str(out, 2, e);
    }
    if let Some(n) = f.number {
        put_int(out, 3, n as i64);
    }
    if let Some(l) = f.label {
        put_int(out, 4, l as i64);
    }
    if let Some(t) = f.r#type {
        put_int(out, 5, t as i64);
    }
    if let Some(t) = &f.type_name {
        put_str(out, 6, t);
    }
    if let Some(d) = &f.default_value {
        put_str(out, 7, d);
    }
    write_options(out, 8, &f.options);
    if let Some(i) = f.oneof_index {
        put_int(out, 9, i as i64);
    }
    match &f.json_name {
        Some(j) => put_str(out, 10, j),
        None if opts.json_names => put_str(out, 10, &to_json_name(&f.name)),
        None => {}
    }
    if let Some(p) = f.proto3_optional {
        put_bool(out, 17, p);
    }
}

fn write_enum(out: &mut Vec<u8>, e: &EnumDescriptorProto) {
    put_str(out, 1, &e.name);
    for v in &e.value {
        put_message(out, 2, |o| {
            put_str(o, 1, &v.name);
            put_int(o, 2, v.number as i64);
            write_options(o, 3, &v.options);
        });
    }
    write_options(out, 3, &e.options);
    write_ranges(out, 4, &e.reserved_range);
    for n in &e.reserved_name {
        put_str(out, 5, n);
    }
    if let Some(v) = e.visibility {
        put_int(out, 6, v as i64);
    }
}

fn write_service(out: &mut Vec<u8>, s: &ServiceDescriptorProto) {
    put_str(out, 1, &s.name);
    for m in &s.method {
        put_message(out, 2, |o| {
            put_str(o, 1, &m.name);
            put_str(o, 2, &m.input_type);
            put_str(o, 3, &m.output_type);
            write_options(o, 4, &m.options);
            if m.client_streaming {
                put_bool(o, 5, true);
            }
            if m.server_streaming {
                put_bool(o, 6, true);
            }
        });
    }
    write_options(out, 3, &s.options);
}

/// `SourceCodeInfo`: an encoded one as it is, else its locations encoded.
fn write_source_code_info(out: &mut Vec<u8>, sci: &SourceCodeInfo) {
    match sci {
        SourceCodeInfo::Encoded(bytes) => out.extend_from_slice(bytes),
        SourceCodeInfo::Locations(locations) => write_locations(out, locations),
    }
}

/// The `location` records of a `SourceCodeInfo`: `path` and `span` packed, fields in number
/// order (1, 2, 3, 4, 6).
pub fn write_locations(out: &mut Vec<u8>, locations: &[Location]) {
    // Every length is known before a byte is written (`Location`s are small and flat), so
    // `out` is sized once and each length written up front: no growth, no shift of a record
    // whose length takes two bytes, and `freeze` keeps a buffer of exactly its size.
    let sizes: Vec<Sizes> = locations.iter().map(Sizes::of).collect();
    out.reserve_exact(
        sizes
            .iter()
            .map(|s| 1 + varint_len(s.body) + s.body as usize)
            .sum(),
    );
    for (l, size) in locations.iter().zip(&sizes) {
        put_tag(out, 1, LEN);
        put_varint(out, size.body);
        packed(out, 1, &l.path, size.path);
        packed(out, 2, &l.span, size.span);
        if let Some(c) = &l.leading_comments {
            put_bytes(out, 3, c);
        }
        if let Some(c) = &l.trailing_comments {
            put_bytes(out, 4, c);
        }
        for c in &l.leading_detached_comments {
            put_bytes(out, 6, c);
        }
    }
}

/// The encoded lengths of a `Location`: its body (tags of fields 1-6 take one byte) and the
/// payloads of its packed `path` and `span`.
struct Sizes {
    body: u64,
    path: u64,
    span: u64,
}

impl Sizes {
    fn of(l: &Location) -> Sizes {
        let bytes = |b: &[u8]| 1 + varint_len(b.len() as u64) + b.len();
        let path = packed_payload(&l.path);
        let span = packed_payload(&l.span);
        let mut body = packed_len(path) + packed_len(span);
        body += l.leading_comments.as_deref().map_or(0, bytes);
        body += l.trailing_comments.as_deref().map_or(0, bytes);
        body += l
            .leading_detached_comments
            .iter()
            .map(|c| bytes(c))
            .sum::<usize>();
        Sizes {
            body: body as u64,
            path,
            span,
        }
    }
}

/// The payload length of a packed `int32` field.
fn packed_payload(vals: &[i32]) -> u64 {
    // Most values of paths and spans take one byte.
    let len = |&v: &i32| match v {
        0..0x80 => 1,
        _ => varint_len(v as i64 as u64),
    };
    vals.iter().map(len).sum::<usize>() as u64
}

/// The encoded length of a packed field with this payload, tag included; none for an empty
/// field (every value takes at least a byte, so only an empty one has no payload).
fn packed_len(payload: u64) -> usize {
    match payload {
        0 => 0,
        _ => 1 + varint_len(payload) + payload as usize,
    }
}

/// A packed `int32` field of this payload length, written in place (nothing when empty).
fn packed(out: &mut Vec<u8>, field: u32, vals: &[i32], payload: u64) {
    if vals.is_empty() {
        return;
    }
    put_tag(out, field, LEN);
    put_varint(out, payload);
    for &v in vals {
        put_varint(out, v as i64 as u64);
    }
}
