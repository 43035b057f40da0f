//! The text format as `--decode` prints it: text_format.cc's `Printer` with protoc's defaults
//! (multi-line, fields in number order with extensions among them as `[full.name]`, groups
//! under their type's name, maps sorted by key, `CEscape`d strings and bytes, enums by name or
//! number, `SimpleDtoa`/`SimpleFtoa` numbers, `Any` not expanded, unknown fields last).

use std::cmp::Ordering;

use super::decode::{DynMessage, Value};
use super::text_out::{TextOut, simple_dtoa, simple_ftoa};
use super::unknown::{PRINT_RECURSION_LIMIT, print_unknown};
use crate::compiler::options::schema::{FieldRef, Schema};
use crate::descriptor::model::FieldType;
use crate::descriptor::path::type_full_name;
use crate::escape::c_escape;

pub fn print_message(schema: &Schema, m: &DynMessage, out: &mut TextOut) {
    if schema.is_map_entry(&m.msg) {
        // NB: a map entry prints its key and value even when they were not on the wire.
        for f in m.msg.msg.field.iter().take(2) {
            let Some(f) = schema.field_by_name(&m.msg, &f.name) else {
                continue;
            };
            match m.fields.get(&f.number()).and_then(|s| s.values.last()) {
                Some(v) => print_value(schema, &f, v, out),
                None => print_default(schema, &f, out),
            }
        }
    } else {
        for slot in m.fields.values() {
            let f = &slot.field;
            if f.is_repeated() {
                if is_map(schema, f) {
                    for v in sorted_map(&slot.values) {
                        print_value(schema, f, v, out);
                    }
                } else {
                    for v in &slot.values {
                        print_value(schema, f, v, out);
                    }
                }
            } else if let Some(v) = slot.values.last()
                && (schema.has_presence(f) || !v.is_zero())
            {
                print_value(schema, f, v, out);
            }
        }
    }
    print_unknown(&m.unknown, out, PRINT_RECURSION_LIMIT);
}

fn is_map(schema: &Schema, f: &FieldRef) -> bool {
    f.is_message()
        && schema
            .message(f.type_name())
            .is_some_and(|m| schema.is_map_entry(&m))
}

/// A map's entries sorted by key, stably (`MapEntryMessageComparator`).
/// NB: protoc prints a decoded map from its wire entries, so a repeated key is printed once
/// per entry.
fn sorted_map<'v, 'p, 'a>(values: &'v [Value<'p, 'a>]) -> Vec<&'v Value<'p, 'a>> {
    let mut entries: Vec<&Value> = values.iter().collect();
    entries.sort_by(|a, b| map_key_cmp(a, b));
    entries
}

fn map_key<'x, 'p, 'a>(v: &'x Value<'p, 'a>) -> Option<&'x Value<'p, 'a>> {
    match v {
        Value::Msg(m) => m.fields.get(&1).and_then(|s| s.values.last()),
        _ => None,
    }
}

fn map_key_cmp(a: &Value, b: &Value) -> Ordering {
    match (map_key(a), map_key(b)) {
        (Some(Value::Int(x)), Some(Value::Int(y))) => x.cmp(y),
        (Some(Value::UInt(x)), Some(Value::UInt(y))) => x.cmp(y),
        (Some(Value::Bool(x)), Some(Value::Bool(y))) => x.cmp(y),
        (Some(Value::Bytes(x)), Some(Value::Bytes(y))) => x.cmp(y),
        // A key not on the wire is its type's zero.
        (None, Some(y)) => zero_cmp(y).reverse(),
        (Some(x), None) => zero_cmp(x),
        _ => Ordering::Equal,
    }
}

/// How a key compares with its type's zero.
fn zero_cmp(v: &Value) -> Ordering {
    match v {
        Value::Int(x) => x.cmp(&0),
        Value::UInt(x) => x.cmp(&0),
        Value::Bool(x) => x.cmp(&false),
        Value::Bytes(x) => x.len().cmp(&0),
        _ => Ordering::Equal,
    }
}

/// `PrintFieldName`.
fn field_name(schema: &Schema, f: &FieldRef) -> String {
    if f.is_extension {
        return format!("[{}]", printable_extension_name(schema, f));
    }
    if is_group_like(schema, f) {
        return f.type_name().rsplit('.').next().unwrap_or("").to_string();
    }
    f.field.name.clone()
}

/// `FieldDescriptor::PrintableNameForExtension`: a MessageSet extension by its message
/// type's name, any other by its own full name.
fn printable_extension_name(schema: &Schema, f: &FieldRef) -> String {
    let file = schema.pool.file(f.file);
    let full = crate::descriptor::path::join(&type_full_name(file, f.scope_path), &f.field.name);
    let container = f
        .field
        .extendee
        .as_deref()
        .unwrap_or("")
        .trim_start_matches('.');
    let in_message_set = schema
        .message(container)
        .is_some_and(|m| schema.is_message_set(&m));
    let ty = f.type_name();
    if in_message_set
        && schema.ty(f) == FieldType::Message
        && !f.is_repeated()
        && !f.scope_path.is_empty()
        && type_full_name(file, f.scope_path) == ty
    {
        return ty.to_string();
    }
    full
}

/// `internal::cpp::IsGroupLike`: a group (or delimited) field named as its type in lower
/// case, the type declared beside the field.
fn is_group_like(schema: &Schema, f: &FieldRef) -> bool {
    if schema.ty(f) != FieldType::Group {
        return false;
    }
    let Some(m) = schema.message(f.type_name()) else {
        return false;
    };
    f.field.name == m.msg.name.to_ascii_lowercase()
        && m.file == f.file
        && m.path.len() >= 2
        && m.path[..m.path.len() - 2] == *f.scope_path
}

fn print_value(schema: &Schema, f: &FieldRef, v: &Value, out: &mut TextOut) {
    let name = field_name(schema, f);
    match v {
        Value::Msg(m) => {
            out.open(&name);
            print_message(schema, m, out);
            out.close();
        }
        _ => out.line(&format!("{name}: {}", scalar_text(schema, f, v))),
    }
}

fn scalar_text(schema: &Schema, f: &FieldRef, v: &Value) -> String {
    match v {
        Value::Int(x) => x.to_string(),
        Value::UInt(x) => x.to_string(),
        Value::F32(x) => simple_ftoa(*x),
        Value::F64(x) => simple_dtoa(*x),
        Value::Bool(x) => x.to_string(),
        Value::Enum(n) => enum_name(schema, f, *n).unwrap_or_else(|| n.to_string()),
        Value::Bytes(b) => format!("\"{}\"", c_escape(b)),
        Value::Msg(_) => String::new(),
    }
}

/// The first value of the field's enum with number `n`.
fn enum_name(schema: &Schema, f: &FieldRef, n: i32) -> Option<String> {
    let e = schema.pool.enum_type(f.type_name())?;
    e.value
        .iter()
        .find(|v| v.number == n)
        .map(|v| v.name.clone())
}

/// A map entry's key or value that was not on the wire: its type's default.
fn print_default(schema: &Schema, f: &FieldRef, out: &mut TextOut) {
    let name = field_name(schema, f);
    if f.is_message() {
        out.open(&name);
        out.close();
        return;
    }
    let text = match f.ty() {
        FieldType::String | FieldType::Bytes => "\"\"".to_string(),
        FieldType::Bool => "false".to_string(),
        FieldType::Float | FieldType::Double => "0".to_string(),
        FieldType::Enum => schema
            .pool
            .enum_type(f.type_name())
            .and_then(|e| e.value.first())
            .map(|v| v.name.clone())
            .unwrap_or_else(|| "0".to_string()),
        _ => "0".to_string(),
    };
    out.line(&format!("{name}: {text}"));
}

/// `Message::InitializationErrorString`: the paths of the required fields not set, joined
/// with ", " (`a`, `sub.b`, `list[2].c`, `(pkg.ext).d`).
pub fn missing_required(schema: &Schema, m: &DynMessage) -> String {
    let mut out = Vec::new();
    find_missing(schema, m, "", &mut out);
    out.join(", ")
}

fn find_missing(schema: &Schema, m: &DynMessage, prefix: &str, out: &mut Vec<String>) {
    for f in &m.msg.msg.field {
        let Some(f) = schema.field_by_name(&m.msg, &f.name) else {
            continue;
        };
        if schema.is_required(&f) && !m.fields.contains_key(&f.number()) {
            out.push(format!("{prefix}{}", f.field.name));
        }
    }
    for slot in m.fields.values() {
        let f = &slot.field;
        let name = if f.is_extension {
            format!("({})", extension_full_name(schema, f))
        } else {
            f.field.name.clone()
        };
        for (i, v) in slot.values.iter().enumerate() {
            if let Value::Msg(sub) = v {
                let p = if f.is_repeated() {
                    format!("{prefix}{name}[{i}].")
                } else {
                    format!("{prefix}{name}.")
                };
                find_missing(schema, sub, &p, out);
            }
        }
    }
}

fn extension_full_name(schema: &Schema, f: &FieldRef) -> String {
    let file = schema.pool.file(f.file);
    crate::descriptor::path::join(&type_full_name(file, f.scope_path), &f.field.name)
}
