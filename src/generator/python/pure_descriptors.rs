//! `descriptor_pb2.py`'s pure-Python bootstrap: for `google/protobuf/descriptor.proto` only,
//! protoc's Python generator (`python/generator.cc`, `GeneratingDescriptorProto()`) writes the
//! file's descriptors out as `_descriptor.FileDescriptor(...)`, `EnumDescriptor(...)`,
//! `Descriptor(...)` calls, because the pure-Python runtime's `AddSerializedFile` itself needs
//! `descriptor_pb2`. It also embeds the features protoc resolved for every element
//! (`PrintResolvedFeatures`). Everything here runs inside `if not _descriptor._USE_C_DESCRIPTORS:`.

use super::names::{descriptor_name, module_alias, resolve_keyword};
use super::resolved_features::Features;
use super::target::Shape;
use crate::descriptor::model::*;
use crate::descriptor::path::join;
use crate::escape::{c_escape, c_hex_escape};
use crate::float_text::{simple_dtoa, simple_ftoa};
use crate::generator::{Index, Printer, TypeDef};

/// Whether `file` takes the bootstrap path (`GeneratingDescriptorProto`).
pub fn is_descriptor_proto(file: &FileDescriptorProto) -> bool {
    file.name == "net/proto2/proto/descriptor.proto"
        || file.name == "google/protobuf/descriptor.proto"
}

/// `OptionsValue`: `None` or the serialized options, C-escaped.
fn options_value(options: &Option<Box<Options>>) -> String {
    match options {
        Some(o) if !o.bytes.is_empty() => format!("b'{}'", c_escape(&o.bytes)),
        _ => "None".to_string(),
    }
}

/// The pure-Python half of `PrintFileDescriptor` (the caller prints the `else:` branch).
pub fn print_file_descriptor(
    p: &mut Printer,
    file: &FileDescriptorProto,
    serialized: &[u8],
    shape: &Shape,
) {
    p.print(use_c_descriptors_test(shape));
    p.indent();
    let syntax = legacy_syntax(file);
    // NB: protobuf 4's generator writes no `edition=`.
    let edition = match shape.legacy_options {
        true => String::new(),
        false => format!(
            "  edition='EDITION_{}',\n",
            edition_name(file.syntax.edition())
        ),
    };
    p.print(&format!(
        "DESCRIPTOR = _descriptor.FileDescriptor(\n  name='{}',\n  package='{}',\n  syntax='{syntax}',\n{edition}  serialized_options={},\n  create_key=_descriptor._internal_create_key,\n",
        file.name,
        file.package.as_deref().unwrap_or(""),
        options_value(&file.options),
    ));
    p.indent();
    p.print(&format!("serialized_pb=b'{}'\n", c_hex_escape(serialized)));
    if !file.dependency.is_empty() {
        p.print(",\ndependencies=[");
        for d in &file.dependency {
            p.print(&format!("{}.DESCRIPTOR,", module_alias(d)));
        }
        p.print("]");
    }
    if !file.public_dependency.is_empty() {
        p.print(",\npublic_dependencies=[");
        for &i in &file.public_dependency {
            if let Some(d) = file.dependency.get(i as usize) {
                p.print(&format!("{}.DESCRIPTOR,", module_alias(d)));
            }
        }
        p.print("]");
    }
    p.outdent();
    p.print(")\n");
    p.outdent();
    p.print("else:\n");
}

/// The pure branch's test: protobuf 4's generator compares with `== False`.
pub fn use_c_descriptors_test(shape: &Shape) -> &'static str {
    if shape.legacy_options {
        "if _descriptor._USE_C_DESCRIPTORS == False:\n"
    } else {
        "if not _descriptor._USE_C_DESCRIPTORS:\n"
    }
}

fn legacy_syntax(file: &FileDescriptorProto) -> &'static str {
    match file.syntax {
        Syntax::Proto2 => "proto2",
        Syntax::Proto3 => "proto3",
        Syntax::Editions(_) => "editions",
    }
}

/// Enums, messages, their cross references and resolved features (the body of the pure
/// branch after `_globals = globals()`).
pub fn print_descriptors(
    p: &mut Printer,
    index: &Index,
    file: &FileDescriptorProto,
    features: &Features,
    shape: &Shape,
) {
    let pkg = file.package.as_deref().unwrap_or("");
    for e in &file.enum_type {
        print_enum(p, pkg, &[], e);
    }
    for m in &file.message_type {
        print_nested_enums(p, pkg, &mut Vec::new(), m);
    }
    for m in &file.message_type {
        let scope = MessageScope {
            pkg,
            index,
            shape,
            syntax: legacy_syntax(file),
        };
        print_message(p, &scope, &mut Vec::new(), m);
        p.print("\n");
    }
    fix_foreign_fields(p, index, file);
    // NB: protobuf 4 had no features to embed.
    if !shape.legacy_options {
        super::resolved_features::print(p, file, features);
    }
}

fn print_enum(p: &mut Printer, pkg: &str, parents: &[&str], e: &EnumDescriptorProto) {
    let name = descriptor_name(parents, &e.name);
    p.print(&format!(
        "{name} = _descriptor.EnumDescriptor(\n  name='{}',\n  full_name='{}',\n  filename=None,\n  file=DESCRIPTOR,\n  create_key=_descriptor._internal_create_key,\n  values=[\n",
        e.name,
        full_name(pkg, parents, &e.name),
    ));
    p.indent();
    p.indent();
    for (i, v) in e.value.iter().enumerate() {
        p.print(&format!(
            "_descriptor.EnumValueDescriptor(\n  name='{}', index={i}, number={},\n  serialized_options={},\n  type=None,\n  create_key=_descriptor._internal_create_key)",
            v.name,
            v.number,
            options_value(&v.options)
        ));
        p.print(",\n");
    }
    p.outdent();
    p.print("],\n");
    p.print("containing_type=None,\n");
    p.print(&format!(
        "serialized_options={},\n",
        options_value(&e.options)
    ));
    p.outdent();
    p.print(")\n");
    p.print(&format!("_sym_db.RegisterEnumDescriptor({name})\n"));
    p.print("\n");
}

/// The element's full name: package, enclosing messages, name.
fn full_name(pkg: &str, parents: &[&str], name: &str) -> String {
    let scope = parents
        .iter()
        .fold(pkg.to_string(), |scope, p| join(&scope, p));
    join(&scope, name)
}

/// `PrintNestedEnums`: nested messages' enums first, then the message's own.
fn print_nested_enums<'a>(
    p: &mut Printer,
    pkg: &str,
    parents: &mut Vec<&'a str>,
    m: &'a DescriptorProto,
) {
    parents.push(&m.name);
    for n in &m.nested_type {
        print_nested_enums(p, pkg, parents, n);
    }
    for e in &m.enum_type {
        print_enum(p, pkg, parents, e);
    }
    parents.pop();
}

/// What every message of the file is printed with.
struct MessageScope<'s> {
    pkg: &'s str,
    index: &'s Index<'s>,
    shape: &'s Shape,
    syntax: &'static str,
}

/// `PrintDescriptor`: nested messages first, then this one.
fn print_message<'a>(
    p: &mut Printer,
    scope: &MessageScope,
    parents: &mut Vec<&'a str>,
    m: &'a DescriptorProto,
) {
    let (pkg, index) = (scope.pkg, scope.index);
    parents.push(&m.name);
    for n in &m.nested_type {
        print_message(p, scope, parents, n);
    }
    parents.pop();
    let full = full_name(pkg, parents, &m.name);
    p.print("\n");
    p.print(&format!(
        "{} = _descriptor.Descriptor(\n",
        descriptor_name(parents, &m.name)
    ));
    p.indent();
    p.print(&format!(
        "name='{}',\nfull_name='{full}',\nfilename=None,\nfile=DESCRIPTOR,\ncontaining_type=None,\ncreate_key=_descriptor._internal_create_key,\n",
        m.name
    ));
    print_fields(p, &full, &m.field, false, "fields", index);
    print_fields(p, &full, &m.extension, true, "extensions", index);
    parents.push(&m.name);
    p.print("nested_types=[");
    for n in &m.nested_type {
        p.print(&format!("{}, ", descriptor_name(parents, &n.name)));
    }
    p.print("],\n");
    p.print("enum_types=[\n");
    p.indent();
    for e in &m.enum_type {
        p.print(&format!("{},\n", descriptor_name(parents, &e.name)));
    }
    parents.pop();
    p.outdent();
    p.print("],\n");
    p.print(&format!(
        "serialized_options={},\nis_extendable={}",
        options_value(&m.options),
        py_bool(!m.extension_range.is_empty())
    ));
    if scope.shape.legacy_options {
        // NB: protobuf 4's Descriptor still took `syntax` (the file's).
        p.print(&format!(",\nsyntax='{}'", scope.syntax));
    }
    p.print(",\n");
    p.print("extension_ranges=[");
    for r in &m.extension_range {
        p.print(&format!("({}, {}), ", r.start, r.end));
    }
    p.print("],\n");
    p.print("oneofs=[\n");
    p.indent();
    for (i, o) in m.oneof_decl.iter().enumerate() {
        let options = match options_value(&o.options).as_str() {
            "None" => String::new(),
            v => format!(", serialized_options={v}"),
        };
        p.print(&format!(
            "_descriptor.OneofDescriptor(\n  name='{}', full_name='{full}.{}',\n  index={i}, containing_type=None,\n  create_key=_descriptor._internal_create_key,\nfields=[]{options}),\n",
            o.name, o.name
        ));
    }
    p.outdent();
    p.print("],\n");
    p.outdent();
    p.print(")\n");
}

fn py_bool(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}

/// `PrintFieldDescriptorsInDescriptor`.
fn print_fields(
    p: &mut Printer,
    message_full_name: &str,
    fields: &[FieldDescriptorProto],
    is_extension: bool,
    list: &str,
    index: &Index,
) {
    p.print(&format!("{list}=[\n"));
    p.indent();
    for (i, f) in fields.iter().enumerate() {
        print_field(p, message_full_name, i, f, is_extension, index);
        p.print(",\n");
    }
    p.outdent();
    p.print("],\n");
}

/// `PrintFieldDescriptor`.
fn print_field(
    p: &mut Printer,
    message_full_name: &str,
    i: usize,
    f: &FieldDescriptorProto,
    is_extension: bool,
    index: &Index,
) {
    let ty = f.r#type.unwrap_or(FieldType::Message);
    let label = match f.label {
        Some(Label::Required) => 2,
        Some(Label::Repeated) => 3,
        _ => 1,
    };
    let has_default = f.default_value.is_some();
    let json_name = match &f.json_name {
        Some(j) => format!(", json_name='{j}'"),
        None => String::new(),
    };
    p.print(&format!(
        "_descriptor.FieldDescriptor(\n  name='{}', full_name='{message_full_name}.{}', index={i},\n  number={}, type={}, cpp_type={}, label={label},\n  has_default_value={}, default_value={},\n  message_type=None, enum_type=None, containing_type=None,\n  is_extension={}, extension_scope=None,\n  serialized_options={}{json_name}, file=DESCRIPTOR,  create_key=_descriptor._internal_create_key)",
        f.name,
        f.name,
        f.number.unwrap_or(0),
        ty as i32,
        cpp_type(ty),
        py_bool(has_default),
        default_value(f, ty, index),
        py_bool(is_extension),
        options_value(&f.options),
    ));
}

/// `FieldDescriptor::TypeToCppType`'s numbers.
fn cpp_type(ty: FieldType) -> i32 {
    use FieldType::*;
    match ty {
        Int32 | Sint32 | Sfixed32 => 1,
        Int64 | Sint64 | Sfixed64 => 2,
        Uint32 | Fixed32 => 3,
        Uint64 | Fixed64 => 4,
        Double => 5,
        Float => 6,
        Bool => 7,
        Enum => 8,
        String | Bytes => 9,
        Group | Message => 10,
    }
}

/// `StringifyDefaultValue`.
fn default_value(f: &FieldDescriptorProto, ty: FieldType, index: &Index) -> String {
    use FieldType::*;
    if f.label == Some(Label::Repeated) {
        return "[]".to_string();
    }
    let given = f.default_value.as_deref();
    match ty {
        Int32 | Sint32 | Sfixed32 | Int64 | Sint64 | Sfixed64 | Uint32 | Fixed32 | Uint64
        | Fixed64 => given.unwrap_or("0").to_string(),
        Double | Float => {
            let v: f64 = match given {
                Some("inf") => f64::INFINITY,
                Some("-inf") => f64::NEG_INFINITY,
                Some("nan") => f64::NAN,
                Some(s) => s.parse().unwrap_or(0.0),
                None => 0.0,
            };
            if v == f64::INFINITY {
                "1e10000".to_string()
            } else if v == f64::NEG_INFINITY {
                "-1e10000".to_string()
            } else if v.is_nan() {
                "(1e10000 * 0)".to_string()
            } else if ty == Float {
                format!("float({})", simple_ftoa(v as f32))
            } else {
                format!("float({})", simple_dtoa(v))
            }
        }
        Bool => py_bool(given == Some("true")).to_string(),
        Enum => enum_default(f, given, index).to_string(),
        // NB: the descriptor keeps a bytes default C-escaped, which is what protoc re-escapes
        // it to.
        Bytes => format!("b\"{}\"", given.unwrap_or("")),
        String => format!(
            "b\"{}\".decode('utf-8')",
            c_escape(given.unwrap_or("").as_bytes())
        ),
        Group | Message => "None".to_string(),
    }
}

/// An enum field's default number: the named value, else the enum's first.
fn enum_default(f: &FieldDescriptorProto, given: Option<&str>, index: &Index) -> i32 {
    let Some(TypeDef::Enum(e)) = f
        .type_name
        .as_deref()
        .and_then(|t| index.find(t))
        .map(|t| t.def)
    else {
        return 0;
    };
    let value = match given {
        Some(name) => e.value.iter().find(|v| v.name == name),
        None => e.value.first(),
    };
    value.map_or(0, |v| v.number)
}

/// `ModuleLevelDescriptorName` of a field's message or enum type, module-qualified when it
/// is another file's.
fn type_descriptor_name(
    index: &Index,
    file: &FileDescriptorProto,
    type_name: &str,
) -> Option<String> {
    let t = index.find(type_name)?;
    let name = match t.def {
        TypeDef::Message(m) => &m.name,
        TypeDef::Enum(e) => &e.name,
    };
    let local = descriptor_name(&t.parents, name);
    if t.file.name == file.name {
        Some(local)
    } else {
        Some(format!("{}.{local}", module_alias(&t.file.name)))
    }
}

/// `FixForeignFieldsInDescriptors`: field types, containing types and oneof members, then
/// the file's registry entries.
fn fix_foreign_fields(p: &mut Printer, index: &Index, file: &FileDescriptorProto) {
    for m in &file.message_type {
        fix_foreign_fields_in(p, index, file, &mut Vec::new(), m);
    }
    for m in &file.message_type {
        p.print(&format!(
            "DESCRIPTOR.message_types_by_name['{}'] = {}\n",
            m.name,
            descriptor_name(&[], &m.name)
        ));
    }
    for e in &file.enum_type {
        p.print(&format!(
            "DESCRIPTOR.enum_types_by_name['{}'] = {}\n",
            e.name,
            descriptor_name(&[], &e.name)
        ));
    }
    for x in &file.extension {
        p.print(&format!(
            "DESCRIPTOR.extensions_by_name['{}'] = {}\n",
            x.name,
            resolve_keyword(&x.name)
        ));
    }
    p.print("_sym_db.RegisterFileDescriptor(DESCRIPTOR)\n");
    p.print("\n");
}

fn fix_foreign_fields_in<'a>(
    p: &mut Printer,
    index: &Index,
    file: &FileDescriptorProto,
    parents: &mut Vec<&'a str>,
    m: &'a DescriptorProto,
) {
    let name = descriptor_name(parents, &m.name);
    parents.push(&m.name);
    for n in &m.nested_type {
        fix_foreign_fields_in(p, index, file, parents, n);
    }
    for f in &m.field {
        let Some(foreign) = f
            .type_name
            .as_deref()
            .and_then(|t| type_descriptor_name(index, file, t))
        else {
            continue;
        };
        let attr = match f.r#type {
            Some(FieldType::Enum) => "enum_type",
            _ => "message_type",
        };
        p.print(&format!(
            "{name}.fields_by_name['{}'].{attr} = {foreign}\n",
            f.name
        ));
    }
    parents.pop();
    if let Some(parent) = parents
        .split_last()
        .map(|(last, rest)| descriptor_name(rest, last))
    {
        p.print(&format!("{name}.containing_type = {parent}\n"));
    }
    parents.push(&m.name);
    for e in &m.enum_type {
        p.print(&format!(
            "{}.containing_type = {name}\n",
            descriptor_name(parents, &e.name)
        ));
    }
    parents.pop();
    for (i, o) in m.oneof_decl.iter().enumerate() {
        for f in m.field.iter().filter(|f| f.oneof_index == Some(i as i32)) {
            p.print(&format!(
                "{name}.oneofs_by_name['{}'].fields.append(\n  {name}.fields_by_name['{}'])\n",
                o.name, f.name
            ));
            p.print(&format!(
                "{name}.fields_by_name['{}'].containing_oneof = {name}.oneofs_by_name['{}']\n",
                f.name, o.name
            ));
        }
    }
}
