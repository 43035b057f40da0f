//! Required fields left unset in an aggregate option value: text_format.cc's parser refuses
//! such a message (`Message missing required fields: r, sub.r`), listing the paths as
//! `Message::FindInitializationErrors` does. Works on the parsed wire bytes.

use super::schema::{MsgRef, Schema};
use crate::descriptor::path::{join, type_full_name};
use crate::descriptor::wire::{Reader, WireValue};

/// The paths of the unset required fields of `bytes`, a message of type `msg` (`a`,
/// `sub.b`, `list[2].c`, `(pkg.ext).d`), in protoc's order: this message's own required fields
/// in declaration order, then each set message field's, by field number.
pub fn missing(schema: &Schema, msg: &MsgRef, bytes: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    walk(schema, msg, bytes, "", &mut out, 0);
    out
}

fn walk(
    schema: &Schema,
    m: &MsgRef,
    bytes: &[u8],
    prefix: &str,
    out: &mut Vec<String>,
    depth: u32,
) {
    if depth > super::canonical::MAX_DEPTH as u32 {
        return;
    }
    let records: Vec<_> = Reader::new(bytes).flatten().collect();
    for f in &m.msg.field {
        let Some(f) = schema.field_by_name(m, &f.name) else {
            continue;
        };
        if schema.is_required(&f) && !records.iter().any(|r| r.field as i32 == f.number()) {
            out.push(format!("{prefix}{}", f.field.name));
        }
    }
    // ListFields: each set field once, by number.
    let mut numbers: Vec<u32> = records.iter().map(|r| r.field).collect();
    numbers.sort_unstable();
    numbers.dedup();
    let full_name = type_full_name(schema.pool.file(m.file), m.path);
    for n in numbers {
        let Some(f) = schema.field_by_number(m, &full_name, n as i32) else {
            continue;
        };
        if !f.is_message() {
            continue;
        }
        let Some(sub) = schema.message(f.type_name()) else {
            continue;
        };
        let name = if f.is_extension {
            let scope = type_full_name(schema.pool.file(f.file), f.scope_path);
            format!("({})", join(&scope, &f.field.name))
        } else {
            f.field.name.clone()
        };
        let bodies = records
            .iter()
            .filter(|r| r.field == n)
            .filter_map(|r| match r.value {
                WireValue::Len(b) | WireValue::Group(b) => Some(b),
                _ => None,
            });
        if f.is_repeated() {
            for (i, b) in bodies.enumerate() {
                walk(
                    schema,
                    &sub,
                    b,
                    &format!("{prefix}{name}[{i}]."),
                    out,
                    depth + 1,
                );
            }
        } else {
            // A singular message merges all its occurrences.
            let merged: Vec<u8> = bodies.flatten().copied().collect();
            walk(
                schema,
                &sub,
                &merged,
                &format!("{prefix}{name}."),
                out,
                depth + 1,
            );
        }
    }
}
