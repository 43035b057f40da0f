//! `--python_out`: `x_pb2.py` (protobuf `python/generator.cc`). One function per `Print*`
//! step, in output order. The file embeds its own descriptor (`AddSerializedFile`) and
//! patches options and byte offsets for the pure-Python runtime.
//!
//! For `google/protobuf/descriptor.proto` itself the file also carries the pure-Python
//! bootstrap descriptors ([`super::pure_descriptors`]).

use std::ops::Range;

use super::names::*;
use super::pure_descriptors::{self, is_descriptor_proto};
use super::resolved_features::Features;
use super::serialized_pb::{MessageSpan, file_spans, find_anywhere, first_occurrence};
use super::target::Shape;
use crate::descriptor::encode::{self, EncodeOptions};
use crate::descriptor::model::*;
use crate::escape::{c_escape, c_hex_escape};
use crate::generator::{Index, Printer, Request, Response, ResponseFile, parse_parameter};

/// `python/generator.cc` `GeneratorOptions`.
#[derive(Clone, Copy, Debug, Default)]
pub struct GeneratorOptions {
    pub pyi_out: bool,
    pub annotate_code: bool,
    pub strip_nonfunctional: bool,
}

/// `Generator::ParseParameter`. NB: protoc keeps parsing after an unknown option; the last
/// unknown one is reported.
pub fn parse_options(parameter: &str) -> Result<GeneratorOptions, String> {
    let mut o = GeneratorOptions::default();
    let mut error = None;
    for (k, _) in parse_parameter(parameter) {
        match k.as_str() {
            "pyi_out" => o.pyi_out = true,
            "annotate_code" => o.annotate_code = true,
            "experimental_strip_nonfunctional_codegen" => o.strip_nonfunctional = true,
            _ => error = Some(format!("Unknown generator option: {k}")),
        }
    }
    match error {
        Some(e) => Err(e),
        None => Ok(o),
    }
}

/// The `--python_out` generator, writing for one runtime's [`Shape`].
pub struct Pb2Generator {
    pub shape: Shape,
}

impl crate::generator::Generator for Pb2Generator {
    fn generate(&self, request: &Request) -> Response {
        let parameter = request.parameter.as_str();
        crate::generator::generate_each(request, |index, file| {
            let options = parse_options(parameter)?;
            let mut out = Vec::new();
            if options.pyi_out {
                let mut pyi_params = Vec::new();
                if options.annotate_code {
                    pyi_params.push("annotate_code");
                }
                if options.strip_nonfunctional {
                    pyi_params.push("experimental_strip_nonfunctional_codegen");
                }
                out.push(super::pyi::generate_file(
                    index,
                    file,
                    &pyi_params.join(","),
                    &self.shape,
                )?);
            }
            let bootstrap = if is_descriptor_proto(file) {
                // NB: protoc aborts (a failed CHECK, exit 134) on a descriptor.proto without
                // FeatureSet; protoc-rs reports the check's words and exits 1 instead.
                Some(Features::of(file).ok_or(
                    "Malformed descriptor.proto doesn't contain google.protobuf.FeatureSet",
                )?)
            } else {
                None
            };
            out.push(ResponseFile {
                name: file_name(&file.name, ".py"),
                insertion_point: None,
                content: generate_file(index, file, &self.shape, bootstrap.as_ref()),
            });
            Ok(out)
        })
    }
}

/// The text of `x_pb2.py` for `file` (already stripped of source-retention options);
/// `bootstrap` (descriptor.proto only) adds the pure-Python descriptors.
pub fn generate_file(
    index: &Index,
    file: &FileDescriptorProto,
    shape: &Shape,
    bootstrap: Option<&Features>,
) -> String {
    let serialized = serialize(file);
    let module = module_name(&file.name);
    let mut p = Printer::new(2);
    print_top_boilerplate(&mut p, file, shape);
    print_imports(&mut p, index, file);
    if bootstrap.is_some() {
        pure_descriptors::print_file_descriptor(&mut p, file, &serialized, shape);
        p.indent();
    }
    print_file_descriptor(&mut p, &serialized);
    if bootstrap.is_some() {
        p.outdent();
    }
    p.print("_globals = globals()\n");
    if let Some(features) = bootstrap {
        p.print(pure_descriptors::use_c_descriptors_test(shape));
        p.indent();
        pure_descriptors::print_descriptors(&mut p, index, file, features, shape);
        p.outdent();
        p.print("else:\n");
        p.indent();
    }
    p.print("_builder.BuildMessageAndEnumDescriptors(DESCRIPTOR, _globals)\n");
    if bootstrap.is_some() {
        p.outdent();
    }
    p.print(&format!(
        "_builder.BuildTopDescriptorsAndMessages(DESCRIPTOR, '{module}', _globals)\n"
    ));
    if shape.legacy_options {
        // NB: protobuf 4's generator compares with `== False`.
        p.print("if _descriptor._USE_C_DESCRIPTORS == False:\n");
    } else {
        p.print("if not _descriptor._USE_C_DESCRIPTORS:\n");
    }
    p.indent();
    let attr = if shape.legacy_options {
        "_options"
    } else {
        "_loaded_options"
    };
    fix_all_descriptor_options(&mut p, file, attr);
    set_serialized_pb_interval(&mut p, file, &serialized);
    p.outdent();
    if has_generic_services(file) {
        p.print(&format!(
            "_builder.BuildServices(DESCRIPTOR, '{module}', _globals)\n"
        ));
    }
    p.print("# @@protoc_insertion_point(module_scope)\n");
    p.finish()
}

/// The embedded descriptor: the file as `CopyTo` writes it (explicit json_names only, no
/// source info).
fn serialize(file: &FileDescriptorProto) -> Vec<u8> {
    encode::encode_file_without_source_info(file, &EncodeOptions { json_names: false })
}

fn print_top_boilerplate(p: &mut Printer, file: &FileDescriptorProto, shape: &Shape) {
    let name = &file.name;
    let v = shape.protobuf_version;
    p.print(
        "# -*- coding: utf-8 -*-\n# Generated by the protocol buffer compiler.  DO NOT EDIT!\n",
    );
    if shape.runtime_check {
        p.print("# NO CHECKED-IN PROTOBUF GENCODE\n");
    }
    p.print(&format!(
        "# source: {name}\n\
         # Protobuf Python Version: {v}\n\
         \"\"\"Generated protocol buffer code.\"\"\"\n\
         from google.protobuf import descriptor as _descriptor\n\
         from google.protobuf import descriptor_pool as _descriptor_pool\n"
    ));
    if shape.runtime_check {
        p.print("from google.protobuf import runtime_version as _runtime_version\n");
    }
    p.print(
        "from google.protobuf import symbol_database as _symbol_database\n\
         from google.protobuf.internal import builder as _builder\n",
    );
    if shape.runtime_check {
        p.print(&format!(
            "_runtime_version.ValidateProtobufRuntimeVersion(\n\
             \x20   _runtime_version.Domain.PUBLIC,\n\
             \x20   {},\n\
             \x20   {},\n\
             \x20   {},\n\
             \x20   '',\n\
             \x20   '{name}'\n\
             )\n",
            v.major, v.minor, v.patch
        ));
    }
    p.print("# @@protoc_insertion_point(imports)\n\n_sym_db = _symbol_database.Default()\n\n\n");
}

fn print_imports(p: &mut Printer, index: &Index, file: &FileDescriptorProto) {
    let mut has_importlib = false;
    for dep in &file.dependency {
        let module = module_name(dep);
        let alias = module_alias(dep);
        if contains_keyword(&module) {
            if !has_importlib {
                p.print("import importlib\n");
                has_importlib = true;
            }
            p.print(&format!("{alias} = importlib.import_module('{module}')\n"));
        } else {
            p.print(&format!("{} as {alias}\n", import_statement(&module)));
        }
        if let Some(d) = index.file(dep) {
            copy_public_dependencies_aliases(p, index, &alias, d, 0);
        }
    }
    p.print("\n");
    for &i in &file.public_dependency {
        if let Some(dep) = file.dependency.get(i as usize) {
            p.print(&format!("from {} import *\n", module_name(dep)));
        }
    }
    p.print("\n");
}

/// `CopyPublicDependenciesAliases`: a dependency re-exports its public imports' aliases.
fn copy_public_dependencies_aliases(
    p: &mut Printer,
    index: &Index,
    copy_from: &str,
    file: &FileDescriptorProto,
    depth: usize,
) {
    // Public imports cannot be cyclic (the front end rejects import cycles); the bound only
    // keeps a malformed request from recursing without end.
    if depth > 64 {
        return;
    }
    for &i in &file.public_dependency {
        let Some(dep) = file.dependency.get(i as usize) else {
            continue;
        };
        let module = module_name(dep);
        let alias = module_alias(dep);
        p.print(&format!(
            "try:\n  {alias} = {copy_from}.{alias}\nexcept AttributeError:\n  {alias} = {copy_from}.{module}\n"
        ));
        if let Some(d) = index.file(dep) {
            copy_public_dependencies_aliases(p, index, copy_from, d, depth + 1);
        }
    }
}

fn print_file_descriptor(p: &mut Printer, serialized: &[u8]) {
    p.print(&format!(
        "DESCRIPTOR = _descriptor_pool.Default().AddSerializedFile(b'{}')\n",
        c_hex_escape(serialized)
    ));
    p.print("\n");
}

/// `PrintDescriptorOptionsFixingCode`: nothing when the options serialise empty.
fn print_options_fix(
    p: &mut Printer,
    options: &Option<Box<Options>>,
    descriptor: &str,
    attr: &str,
) -> bool {
    let bytes = match options {
        Some(o) if !o.bytes.is_empty() => &o.bytes,
        _ => return false,
    };
    let name = match descriptor.find('.') {
        Some(dot) => format!("_globals['{}']{}", &descriptor[..dot], &descriptor[dot..]),
        None => format!("_globals['{descriptor}']"),
    };
    p.print(&format!(
        "{name}.{attr} = None\n{name}._serialized_options = b'{}'\n",
        c_escape(bytes)
    ));
    true
}

/// `FixAllDescriptorOptions`: file, top-level enums, top-level extensions, messages (depth
/// first), services.
/// `attr` is `_loaded_options` (`_options` for protobuf 4).
fn fix_all_descriptor_options(p: &mut Printer, file: &FileDescriptorProto, attr: &str) {
    if !print_options_fix(p, &file.options, "DESCRIPTOR", attr) {
        p.print(&format!("DESCRIPTOR.{attr} = None\n"));
    }
    for e in &file.enum_type {
        fix_options_for_enum(p, &[], e, attr);
    }
    for x in &file.extension {
        // NB: protoc names a top-level extension by its bare name, keywords unresolved.
        print_options_fix(p, &x.options, &x.name, attr);
    }
    for m in &file.message_type {
        fix_options_for_message(p, &mut Vec::new(), m, attr);
    }
    for s in &file.service {
        let name = format!("_{}", s.name.to_ascii_uppercase());
        print_options_fix(p, &s.options, &name, attr);
        for m in &s.method {
            print_options_fix(
                p,
                &m.options,
                &format!("{name}.methods_by_name['{}']", m.name),
                attr,
            );
        }
    }
}

fn fix_options_for_enum(p: &mut Printer, parents: &[&str], e: &EnumDescriptorProto, attr: &str) {
    let name = descriptor_name(parents, &e.name);
    print_options_fix(p, &e.options, &name, attr);
    for v in &e.value {
        print_options_fix(
            p,
            &v.options,
            &format!("{name}.values_by_name[\"{}\"]", v.name),
            attr,
        );
    }
}

fn fix_options_for_message<'a>(
    p: &mut Printer,
    parents: &mut Vec<&'a str>,
    m: &'a DescriptorProto,
    attr: &str,
) {
    let name = descriptor_name(parents, &m.name);
    parents.push(&m.name);
    for n in &m.nested_type {
        fix_options_for_message(p, parents, n, attr);
    }
    for o in &m.oneof_decl {
        print_options_fix(
            p,
            &o.options,
            &format!("{name}.oneofs_by_name['{}']", o.name),
            attr,
        );
    }
    for e in &m.enum_type {
        fix_options_for_enum(p, parents, e, attr);
    }
    parents.pop();
    for f in &m.field {
        print_options_fix(
            p,
            &f.options,
            &format!("{name}.fields_by_name['{}']", f.name),
            attr,
        );
    }
    for x in &m.extension {
        print_options_fix(
            p,
            &x.options,
            &format!("{name}.extensions_by_name['{}']", x.name),
            attr,
        );
    }
    print_options_fix(p, &m.options, &name, attr);
}

/// `SetSerializedPbInterval`: byte ranges of top-level enums, messages (with their nested
/// types and enums) and services inside the embedded descriptor.
fn set_serialized_pb_interval(p: &mut Printer, file: &FileDescriptorProto, serialized: &[u8]) {
    let spans = file_spans(serialized);
    for (i, e) in file.enum_type.iter().enumerate() {
        let at = spans.enums.get(i);
        let name = descriptor_name(&[], &e.name);
        print_interval(p, serialized, at, || encode::encode_enum(e), &name);
    }
    for (i, m) in file.message_type.iter().enumerate() {
        message_interval(p, serialized, &mut Vec::new(), m, spans.messages.get(i));
    }
    for (i, s) in file.service.iter().enumerate() {
        let name = format!("_{}", s.name.to_ascii_uppercase());
        let at = spans.services.get(i);
        print_interval(p, serialized, at, || encode::encode_service(s), &name);
    }
}

fn message_interval<'a>(
    p: &mut Printer,
    serialized: &[u8],
    parents: &mut Vec<&'a str>,
    m: &'a DescriptorProto,
    span: Option<&MessageSpan>,
) {
    let name = descriptor_name(parents, &m.name);
    let opts = EncodeOptions { json_names: false };
    let at = span.map(|s| &s.body);
    print_interval(
        p,
        serialized,
        at,
        || encode::encode_message(m, &opts),
        &name,
    );
    parents.push(&m.name);
    for (i, n) in m.nested_type.iter().enumerate() {
        let nested = span.and_then(|s| s.nested.get(i));
        message_interval(p, serialized, parents, n, nested);
    }
    for (i, e) in m.enum_type.iter().enumerate() {
        let at = span.and_then(|s| s.enums.get(i));
        let name = descriptor_name(parents, &e.name);
        print_interval(p, serialized, at, || encode::encode_enum(e), &name);
    }
    parents.pop();
}

/// `PrintSerializedPbInterval` for the element whose record body is `at` in `serialized`
/// (`encode` gives its bytes should the record not have been located).
fn print_interval(
    p: &mut Printer,
    serialized: &[u8],
    at: Option<&Range<usize>>,
    encode: impl FnOnce() -> Vec<u8>,
    name: &str,
) {
    let (start, len) = match at {
        Some(at) => (first_occurrence(serialized, at), at.len()),
        None => {
            let sub = encode();
            (find_anywhere(serialized, &sub), sub.len())
        }
    };
    p.print(&format!(
        "_globals['{name}']._serialized_start={start}\n_globals['{name}']._serialized_end={}\n",
        start + len
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options() {
        assert!(parse_options("pyi_out,annotate_code").is_ok());
        assert_eq!(
            parse_options("x,pyi_out,y").err(),
            Some("Unknown generator option: y".to_string())
        );
    }
}
