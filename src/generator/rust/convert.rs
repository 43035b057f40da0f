//! Our descriptor model as the `prost_types::FileDescriptorProto` prost-build reads: encoded
//! exactly as `-o` writes it (source-retention options stripped, source info kept) and decoded
//! with prost, so prost-build sees what it would see in protoc's descriptor set.
//!
//! prost-build only understands proto2 and proto3, and `prost-types` has no `edition` field, so
//! an editions file is translated into the proto2 or proto3 shape that gives prost the resolved
//! features: explicit or implicit presence (`proto3_optional` on a proto3 shape), packed or
//! expanded repeated fields (`[packed]` set explicitly), `DELIMITED` message fields as groups,
//! `LEGACY_REQUIRED` as `required`. Enums stay `i32` either way.

use crate::compiler::options::features::{self, Features, value};
use crate::compiler::pool::Pool;
use crate::descriptor::encode::{EncodeOptions, encode_file};
use crate::descriptor::model::{self, Syntax};
use crate::descriptor::numbers::{file, message};
use crate::descriptor::options::{OptionsKind, is_map_entry};
use prost::Message;
use prost_types::field_descriptor_proto::{Label, Type};

/// Converts `file` (a member of `pool`) to prost's descriptor type.
pub fn to_prost(
    pool: &Pool,
    file: &model::FileDescriptorProto,
) -> Result<prost_types::FileDescriptorProto, String> {
    let stripped = crate::compiler::strip_source_retention(pool, file);
    let bytes = encode_file(&stripped, &EncodeOptions { json_names: true });
    let mut out = prost_types::FileDescriptorProto::decode(bytes.as_slice())
        .map_err(|e| format!("{}: cannot decode descriptor: {e}", file.name))?;
    if let Syntax::Editions(_) = file.syntax {
        translate_editions(pool, file, &mut out);
    }
    Ok(out)
}

/// One field's resolved shape.
struct Shape {
    explicit: bool,
    required: bool,
    packed: bool,
    delimited: bool,
}

fn field_shape(parent: &Features, f: &model::FieldDescriptorProto) -> Shape {
    let feats = parent.merge(&features::explicit(
        f.options.as_deref(),
        OptionsKind::Field,
    ));
    // Message fields always have explicit presence, whatever `field_presence` resolves to (a
    // file-wide IMPLICIT does not reach them); as groups in a proto3 shape they need
    // `proto3_optional` to become `Option<T>`.
    let message = matches!(
        f.r#type,
        Some(model::FieldType::Message | model::FieldType::Group)
    );
    Shape {
        explicit: message || feats.field_presence() != value::IMPLICIT,
        required: feats.field_presence() == value::LEGACY_REQUIRED,
        packed: feats.repeated_field_encoding() == value::PACKED,
        delimited: feats.message_encoding() == value::DELIMITED,
    }
}

/// Walks every message with its path, resolved features and prost counterpart.
fn walk_messages<'m>(
    file: &'m model::FileDescriptorProto,
    out: &mut Vec<(Vec<i32>, &'m model::DescriptorProto)>,
) {
    fn rec<'m>(
        m: &'m model::DescriptorProto,
        path: Vec<i32>,
        out: &mut Vec<(Vec<i32>, &'m model::DescriptorProto)>,
    ) {
        for (i, n) in m.nested_type.iter().enumerate() {
            let mut p = path.clone();
            p.extend([message::NESTED_TYPE, i as i32]);
            rec(n, p, out);
        }
        out.push((path, m));
    }
    for (i, m) in file.message_type.iter().enumerate() {
        rec(m, vec![file::MESSAGE_TYPE, i as i32], out);
    }
}

fn prost_message_at<'a>(
    file: &'a mut prost_types::FileDescriptorProto,
    path: &[i32],
) -> Option<&'a mut prost_types::DescriptorProto> {
    let mut msg = file.message_type.get_mut(*path.get(1)? as usize)?;
    let mut rest = &path[2..];
    while rest.len() >= 2 {
        msg = msg.nested_type.get_mut(rest[1] as usize)?;
        rest = &rest[2..];
    }
    Some(msg)
}

fn translate_editions(
    pool: &Pool,
    file: &model::FileDescriptorProto,
    out: &mut prost_types::FileDescriptorProto,
) {
    let mut messages = Vec::new();
    walk_messages(file, &mut messages);
    // A proto3 shape is needed only when some field has implicit presence.
    let mut implicit = false;
    for (path, m) in &messages {
        let parent = features::type_features(file, path, pool.release);
        for f in &m.field {
            let singular = f.label != Some(model::Label::Repeated);
            if singular && f.oneof_index.is_none() && !field_shape(&parent, f).explicit {
                implicit = true;
            }
        }
    }
    out.syntax = Some(if implicit { "proto3" } else { "proto2" }.to_string());
    let file_feats = features::file_features(file, pool.release);
    for x in &mut out.extension {
        if let Some(f) = file.extension.iter().find(|e| e.name == x.name()) {
            apply_field(pool, &file_feats, f, x, implicit, false);
        }
    }
    for (path, m) in &messages {
        let parent = features::type_features(file, path, pool.release);
        let map_entry = is_map_entry(m);
        let Some(pm) = prost_message_at(out, path) else {
            continue;
        };
        let mut synthetic = Vec::new();
        for (f, pf) in m.field.iter().zip(pm.field.iter_mut()) {
            if apply_field(pool, &parent, f, pf, implicit, map_entry) {
                synthetic.push(pf);
            }
        }
        // proto3 `optional`: a synthetic oneof per field, after the real ones (as protoc).
        let first = pm.oneof_decl.len() as i32;
        let mut decls = Vec::new();
        for (index, pf) in (first..).zip(synthetic) {
            pf.proto3_optional = Some(true);
            pf.oneof_index = Some(index);
            decls.push(prost_types::OneofDescriptorProto {
                name: Some(format!("_{}", pf.name())),
                options: None,
            });
        }
        pm.oneof_decl.extend(decls);
        for (f, pf) in m.extension.iter().zip(pm.extension.iter_mut()) {
            apply_field(pool, &parent, f, pf, implicit, false);
        }
    }
}

/// Rewrites one field; returns whether it needs `proto3_optional` (proto3 shape only).
fn apply_field(
    pool: &Pool,
    parent: &Features,
    f: &model::FieldDescriptorProto,
    pf: &mut prost_types::FieldDescriptorProto,
    proto3: bool,
    map_entry: bool,
) -> bool {
    let shape = field_shape(parent, f);
    let repeated = pf.label() == Label::Repeated;
    if shape.required && !repeated {
        pf.set_label(Label::Required);
    }
    if shape.delimited && pf.r#type() == Type::Message && !map_entry && !is_map_field(pool, pf) {
        pf.set_type(Type::Group);
    }
    if repeated && is_packable(pf.r#type()) {
        let o = pf.options.get_or_insert_with(Default::default);
        o.packed = Some(shape.packed);
    }
    proto3
        && !repeated
        && !shape.required
        && shape.explicit
        && pf.oneof_index.is_none()
        && !map_entry
        // prost makes singular messages optional anyway, but a group only in proto2 shape.
        && pf.r#type() != Type::Message
}

/// Map fields stay length-prefixed whatever `message_encoding` says.
fn is_map_field(pool: &Pool, pf: &prost_types::FieldDescriptorProto) -> bool {
    pf.label() == Label::Repeated
        && pool
            .message(pf.type_name().trim_start_matches('.'))
            .is_some_and(is_map_entry)
}

fn is_packable(t: Type) -> bool {
    !matches!(t, Type::String | Type::Bytes | Type::Message | Type::Group)
}
