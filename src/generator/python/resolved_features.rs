//! `PrintResolvedFeatures` for `descriptor_pb2.py`'s pure-Python branch: the runtime cannot
//! resolve features while building descriptor.proto's own descriptors, so protoc writes the
//! features it resolved for every element as `_ResolvedFeatures(...)` objects.
//!
//! Only the proto2 file descriptor.proto is: its elements resolve to the PROTO2 edition
//! defaults, changed by a required label, `packed = true` or a group (the legacy features
//! protoc infers from proto2 syntax).

use super::names::descriptor_name;
use crate::descriptor::model::*;
use crate::descriptor::options::option_varint;
use crate::generator::Printer;

/// The global features protoc's PROTO2 defaults set, by number, with their default value.
/// NB: features introduced later (enforce_naming_style, default_symbol_visibility in 2024)
/// have no PROTO2 default, so protoc's resolved set lacks them and prints none.
const PROTO2_DEFAULTS: [(i32, i32); 6] = [
    (1, 1), // field_presence = EXPLICIT
    (2, 2), // enum_type = CLOSED
    (3, 2), // repeated_field_encoding = EXPANDED
    (4, 3), // utf8_validation = NONE
    (5, 1), // message_encoding = LENGTH_PREFIXED
    (6, 2), // json_format = LEGACY_BEST_EFFORT
];

/// One feature `_ResolvedFeatures` names: the FeatureSet field, its enum's descriptor name
/// and the enum's values.
struct Feature<'a> {
    number: i32,
    name: &'a str,
    enum_descriptor: String,
    values: &'a [EnumValueDescriptorProto],
}

/// The file's features protoc lists, in field-number order (`Reflection::ListFields`).
pub struct Features<'a> {
    features: Vec<Feature<'a>>,
}

impl<'a> Features<'a> {
    /// `None` when protoc would abort: no `FeatureSet` message in the file (an old
    /// descriptor.proto), a file that is not proto2, or a default its enum lacks.
    pub fn of(file: &'a FileDescriptorProto) -> Option<Features<'a>> {
        if file.syntax != Syntax::Proto2 {
            return None;
        }
        let set = file.message_type.iter().find(|m| m.name == "FeatureSet")?;
        let mut fields: Vec<&FieldDescriptorProto> = set.field.iter().collect();
        fields.sort_by_key(|f| f.number);
        let mut features = Vec::new();
        for f in fields {
            let number = f.number.unwrap_or(0);
            let Some(&(_, default)) = PROTO2_DEFAULTS.iter().find(|(n, _)| *n == number) else {
                continue;
            };
            // NB: protoc skips source-retention features (FieldOptions.retention = 17).
            if f.r#type != Some(FieldType::Enum)
                || option_varint(f.options.as_deref(), &[17]) == Some(2)
            {
                continue;
            }
            let enum_name = f.type_name.as_deref()?.rsplit('.').next()?;
            let e = set.enum_type.iter().find(|e| e.name == enum_name)?;
            e.value.iter().find(|v| v.number == default)?;
            features.push(Feature {
                number,
                name: &f.name,
                enum_descriptor: descriptor_name(&["FeatureSet"], &e.name),
                values: &e.value,
            });
        }
        Some(Features { features })
    }

    /// `_ResolvedFeatures(...)` with `overrides` (feature number, value) over the defaults.
    fn expression(&self, overrides: &[(i32, i32)]) -> String {
        let args: Vec<String> = self
            .features
            .iter()
            .filter_map(|f| {
                let default = PROTO2_DEFAULTS.iter().find(|(n, _)| *n == f.number)?.1;
                let value = overrides
                    .iter()
                    .find(|(n, _)| *n == f.number)
                    .map_or(default, |o| o.1);
                let v = f.values.iter().find(|v| v.number == value)?;
                Some(format!(
                    "{}={}.values_by_name[\"{}\"].number",
                    f.name, f.enum_descriptor, v.name
                ))
            })
            .collect();
        format!("_ResolvedFeatures({})", args.join(","))
    }
}

/// The legacy features a proto2 field infers from its label, options and type.
fn field_overrides(f: &FieldDescriptorProto) -> Vec<(i32, i32)> {
    let mut o = Vec::new();
    if f.label == Some(Label::Required) {
        o.push((1, 3)); // LEGACY_REQUIRED
    }
    if option_varint(f.options.as_deref(), &[2]) == Some(1) {
        o.push((3, 1)); // PACKED
    }
    if f.r#type == Some(FieldType::Group) {
        o.push((5, 2)); // DELIMITED
    }
    o
}

/// The `_ResolvedFeatures` class and every element's `_features`, in protoc's visiting
/// order: the file, messages depth first (each with its fields, oneofs, extensions), then
/// enums (a message's own before its nested messages', the file's last).
pub fn print(p: &mut Printer, file: &FileDescriptorProto, features: &Features) {
    p.print(concat!(
        "class _ResolvedFeatures:\n",
        "  def __init__(self, features = None, **kwargs):\n",
        "    if features:\n",
        "      for k, v in features.FIELDS.items():\n",
        "        setattr(self, k, getattr(features, k))\n",
        "    else:\n",
        "      for k, v in kwargs.items():\n",
        "        setattr(self, k, v)\n",
    ));
    let base = features.expression(&[]);
    p.print(&format!("DESCRIPTOR._features = {base}\n"));
    for m in &file.message_type {
        print_message(p, features, &base, &mut Vec::new(), m);
    }
    for m in &file.message_type {
        print_message_enums(p, &base, &mut Vec::new(), m);
    }
    for e in &file.enum_type {
        print_enum(p, &base, &[], e);
    }
}

fn print_message<'a>(
    p: &mut Printer,
    features: &Features,
    base: &str,
    parents: &mut Vec<&'a str>,
    m: &'a DescriptorProto,
) {
    let name = descriptor_name(parents, &m.name);
    p.print(&format!("{name}._features = {base}\n"));
    for (i, f) in m.field.iter().enumerate() {
        let e = features.expression(&field_overrides(f));
        p.print(&format!("{name}.fields[{i}]._features = {e}\n"));
    }
    for i in 0..m.oneof_decl.len() {
        p.print(&format!("{name}.oneofs[{i}]._features = {base}\n"));
    }
    for (i, f) in m.extension.iter().enumerate() {
        let e = features.expression(&field_overrides(f));
        p.print(&format!("{name}.extensions[{i}]._features = {e}\n"));
    }
    parents.push(&m.name);
    for n in &m.nested_type {
        print_message(p, features, base, parents, n);
    }
    parents.pop();
}

fn print_message_enums<'a>(
    p: &mut Printer,
    base: &str,
    parents: &mut Vec<&'a str>,
    m: &'a DescriptorProto,
) {
    parents.push(&m.name);
    for e in &m.enum_type {
        print_enum(p, base, parents, e);
    }
    for n in &m.nested_type {
        print_message_enums(p, base, parents, n);
    }
    parents.pop();
}

fn print_enum(p: &mut Printer, base: &str, parents: &[&str], e: &EnumDescriptorProto) {
    let name = descriptor_name(parents, &e.name);
    p.print(&format!("{name}._features = {base}\n"));
    for i in 0..e.value.len() {
        p.print(&format!("{name}.values[{i}]._features = {base}\n"));
    }
}
