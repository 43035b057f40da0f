//! `--pyi_out` (and `--python_out=pyi_out:`): `x_pb2.pyi` type stubs (protobuf
//! `python/pyi_generator.cc`), one function per `Print*` step, in output order.

use std::collections::{HashMap, HashSet};

use super::names::*;
use super::target::Shape;
use crate::descriptor::model::*;
use crate::descriptor::options::is_map_entry;
use crate::generator::{
    Generator, Index, Printer, Request, Response, ResponseFile, TypeDef, TypeInfo, parse_parameter,
};

/// The `--pyi_out` generator, writing for one runtime's [`Shape`].
pub struct PyiGenerator {
    pub shape: Shape,
}

impl Generator for PyiGenerator {
    fn generate(&self, request: &Request) -> Response {
        let parameter = request.parameter.as_str();
        crate::generator::generate_each(request, |index, file| {
            Ok(vec![generate_file(index, file, parameter, &self.shape)?])
        })
    }
}

/// `PyiGenerator::Generate` for one file. `annotate_code` is accepted; protoc collects the
/// annotations but writes them nowhere, so it changes nothing.
pub fn generate_file(
    index: &Index,
    file: &FileDescriptorProto,
    parameter: &str,
    shape: &Shape,
) -> Result<ResponseFile, String> {
    let mut filename = String::new();
    let mut strip = false;
    for (k, _) in parse_parameter(parameter) {
        if k == "annotate_code" {
        } else if k.ends_with(".pyi") {
            filename = k;
        } else if k == "experimental_strip_nonfunctional_codegen" {
            strip = true;
        } else {
            return Err(format!("Unknown generator option: {k}"));
        }
    }
    if filename.is_empty() {
        filename = file_name(&file.name, ".pyi");
    }
    let mut g = Pyi {
        index,
        file,
        p: Printer::new(4),
        import_map: HashMap::new(),
        strip,
        shape,
    };
    g.print_imports();
    g.p.print("DESCRIPTOR: _descriptor.FileDescriptor\n");
    for dep in public_dependencies(index, file) {
        g.print_extensions(&dep.extension);
        for e in &dep.enum_type {
            g.print_enum_values(dep, &[], e, false);
        }
    }
    g.print_top_level_enums();
    for e in &file.enum_type {
        g.print_enum_values(file, &[], e, false);
    }
    g.print_extensions(&file.extension);
    g.print_messages();
    if has_generic_services(file) {
        g.print_services();
    }
    Ok(ResponseFile {
        name: filename,
        insertion_point: None,
        content: g.p.finish(),
    })
}

fn public_dependencies<'a>(
    index: &Index<'a>,
    file: &FileDescriptorProto,
) -> Vec<&'a FileDescriptorProto> {
    file.public_dependency
        .iter()
        .filter_map(|&i| file.dependency.get(i as usize))
        .filter_map(|d| index.file(d))
        .collect()
}

/// Type names the runtime gives extra base classes (`well_known_types.py`).
fn is_well_known_type(full_name: &str) -> bool {
    matches!(
        full_name,
        "google.protobuf.Any"
            | "google.protobuf.Duration"
            | "google.protobuf.FieldMask"
            | "google.protobuf.ListValue"
            | "google.protobuf.Struct"
            | "google.protobuf.Timestamp"
    )
}

/// `ImportModules`: which helper modules the stub needs.
#[derive(Default)]
struct ImportModules {
    has_repeated: bool,
    has_iterable: bool,
    has_messages: bool,
    has_enums: bool,
    has_extendable: bool,
    has_mapping: bool,
    has_optional: bool,
    has_union: bool,
    has_well_known_type: bool,
    has_datetime: bool,
}

/// What a field's type resolves to, in protoc's `cpp_type` terms.
enum Kind<'a> {
    Scalar(&'static str),
    Enum(TypeInfo<'a>),
    Message(TypeInfo<'a>),
}

fn is_repeated(f: &FieldDescriptorProto) -> bool {
    f.label == Some(Label::Repeated)
}

struct Pyi<'i, 'a> {
    index: &'i Index<'a>,
    file: &'a FileDescriptorProto,
    p: Printer,
    /// Dependency file name -> the alias its module was imported under.
    import_map: HashMap<String, String>,
    strip: bool,
    shape: &'i Shape,
}

impl<'a> Pyi<'_, 'a> {
    fn kind(&self, f: &FieldDescriptorProto) -> Kind<'a> {
        use FieldType::*;
        match f.r#type {
            Some(
                Int32 | Uint32 | Int64 | Uint64 | Sint32 | Sint64 | Fixed32 | Fixed64 | Sfixed32
                | Sfixed64,
            ) => Kind::Scalar("int"),
            Some(Double | Float) => Kind::Scalar("float"),
            Some(Bool) => Kind::Scalar("bool"),
            Some(String) => Kind::Scalar("str"),
            Some(Bytes) => Kind::Scalar("bytes"),
            _ => {
                let found = f.type_name.as_deref().and_then(|t| self.index.find(t));
                match found {
                    Some(t) if matches!(t.def, TypeDef::Enum(_)) => Kind::Enum(t),
                    Some(t) => Kind::Message(t),
                    // The front end links every type; keep going rather than panic.
                    None => Kind::Scalar("object"),
                }
            }
        }
    }

    /// The map entry message of a map field.
    fn map_entry(&self, f: &FieldDescriptorProto) -> Option<&'a DescriptorProto> {
        if !is_repeated(f) {
            return None;
        }
        let Kind::Message(t) = self.kind(f) else {
            return None;
        };
        let m = t.message()?;
        if is_map_entry(m) && m.field.len() >= 2 {
            Some(m)
        } else {
            None
        }
    }

    fn check_import_modules(&self, m: &DescriptorProto, im: &mut ImportModules, full: &str) {
        if !m.extension_range.is_empty() {
            im.has_extendable = true;
        }
        if !m.enum_type.is_empty() {
            im.has_enums = true;
        }
        if is_well_known_type(full) {
            im.has_well_known_type = true;
        }
        // NB: protobuf before 6.31.1 imports no `datetime` (6.31.0 uses it all the same).
        let with_datetime = self.shape.pyi_datetime_import;
        let is_time = |t: &TypeInfo| {
            let n = t.full_name();
            with_datetime && (n == "google.protobuf.Duration" || n == "google.protobuf.Timestamp")
        };
        for f in &m.field {
            if is_keyword(&f.name) {
                continue;
            }
            im.has_optional = true;
            if is_repeated(f) {
                im.has_repeated = true;
            }
            if let Some(entry) = self.map_entry(f) {
                im.has_mapping = true;
                match self.kind(&entry.field[1]) {
                    Kind::Message(t) => {
                        im.has_union = true;
                        if is_time(&t) {
                            im.has_datetime = true;
                        }
                    }
                    Kind::Enum(_) => im.has_union = true,
                    Kind::Scalar(_) => {}
                }
            } else {
                if is_repeated(f) {
                    im.has_iterable = true;
                }
                match self.kind(f) {
                    Kind::Message(t) => {
                        im.has_union = true;
                        im.has_mapping = true;
                        if is_time(&t) {
                            im.has_datetime = true;
                        }
                    }
                    Kind::Enum(_) => im.has_union = true,
                    Kind::Scalar(_) => {}
                }
            }
        }
        for n in &m.nested_type {
            self.check_import_modules(n, im, &format!("{full}.{}", n.name));
        }
    }

    fn print_import_for(
        &mut self,
        filename: &str,
        seen: &mut HashSet<String>,
        has_importlib: &mut bool,
    ) {
        let module = module_name(filename);
        let last = module.rsplit('.').next().unwrap_or(&module);
        let mut alias = format!("_{last}");
        while seen.contains(&alias) {
            alias.push_str("_1");
        }
        if contains_keyword(&module) {
            if !*has_importlib {
                self.p.print("import importlib\n");
                *has_importlib = true;
            }
            // NB: protoc neither records nor reserves an importlib alias.
            self.p
                .print(&format!("{alias} = importlib.import_module('{module}')\n"));
        } else {
            self.p
                .print(&format!("{} as {alias}\n", import_statement(&module)));
            self.import_map.insert(filename.to_string(), alias.clone());
            seen.insert(alias);
        }
    }

    fn print_imports(&mut self) {
        let file = self.file;
        let mut im = ImportModules {
            has_messages: !file.message_type.is_empty(),
            has_enums: !file.enum_type.is_empty(),
            ..Default::default()
        };
        let pkg = file.package.clone().unwrap_or_default();
        for m in &file.message_type {
            let full = if pkg.is_empty() {
                m.name.clone()
            } else {
                format!("{pkg}.{}", m.name)
            };
            self.check_import_modules(m, &mut im, &full);
        }
        if im.has_datetime {
            self.p.print("import datetime\n\n");
        }
        let mut seen = HashSet::new();
        let mut has_importlib = false;
        for dep in &file.dependency {
            if self.strip && is_known_feature_proto(dep) {
                continue;
            }
            self.print_import_for(dep, &mut seen, &mut has_importlib);
            if let Some(d) = self.index.file(dep) {
                for pd in &d.public_dependency {
                    if let Some(name) = d.dependency.get(*pd as usize) {
                        self.print_import_for(name, &mut seen, &mut has_importlib);
                    }
                }
            }
        }
        let p = &mut self.p;
        if im.has_repeated {
            p.print("from google.protobuf.internal import containers as _containers\n");
        }
        if im.has_enums {
            p.print(
                "from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper\n",
            );
        }
        if im.has_extendable {
            p.print("from google.protobuf.internal import python_message as _python_message\n");
        }
        if im.has_well_known_type {
            p.print("from google.protobuf.internal import well_known_types as _well_known_types\n");
        }
        p.print("from google.protobuf import descriptor as _descriptor\n");
        if im.has_messages {
            p.print("from google.protobuf import message as _message\n");
        }
        if has_generic_services(file) {
            p.print("from google.protobuf import service as _service\n");
        }
        let abc = self.shape.pyi_collections_abc;
        if abc && (im.has_iterable || im.has_mapping) {
            p.print("from collections.abc import");
            if im.has_iterable {
                p.print(" Iterable as _Iterable");
                if im.has_mapping {
                    p.print(",");
                }
            }
            if im.has_mapping {
                p.print(" Mapping as _Mapping");
            }
            p.print("\n");
        }
        p.print("from typing import ClassVar as _ClassVar");
        // NB: protobuf 4 and 5 import Iterable and Mapping from `typing`.
        if !abc && im.has_iterable {
            p.print(", Iterable as _Iterable");
        }
        if !abc && im.has_mapping {
            p.print(", Mapping as _Mapping");
        }
        if im.has_optional {
            p.print(", Optional as _Optional");
        }
        if im.has_union {
            p.print(", Union as _Union");
        }
        p.print("\n");
        for dep in public_dependencies(self.index, file) {
            let module = module_name(&dep.name);
            for m in &dep.message_type {
                self.p
                    .print(&format!("from {module} import {0} as {0}\n", m.name));
            }
            for e in &dep.enum_type {
                self.p
                    .print(&format!("from {module} import {0} as {0}\n", e.name));
            }
        }
        self.p.print("\n");
    }

    /// `ModuleLevelName`: the dotted nested name, qualified by the import alias for a type
    /// of another file.
    fn module_level_name(
        &self,
        file: &FileDescriptorProto,
        parents: &[&str],
        name: &str,
    ) -> String {
        let local = nested_name(parents, name, ".");
        if file.name == self.file.name {
            return local;
        }
        let alias = match self.import_map.get(&file.name) {
            Some(a) => a.clone(),
            None => {
                let module = module_name(&file.name);
                format!("_{}", module.rsplit('.').next().unwrap_or(&module))
            }
        };
        format!("{alias}.{local}")
    }

    fn type_name(&self, t: &TypeInfo) -> String {
        self.module_level_name(t.file, &t.parents, t.name())
    }

    fn print_enum(&mut self, parents: &[&str], e: &EnumDescriptorProto) {
        self.p.print(&format!(
            "class {}(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):\n    __slots__ = ()\n",
            e.name
        ));
        self.p.indent();
        self.print_enum_values(self.file, parents, e, true);
        self.p.outdent();
    }

    fn print_enum_values(
        &mut self,
        file: &FileDescriptorProto,
        parents: &[&str],
        e: &EnumDescriptorProto,
        is_classvar: bool,
    ) {
        let name = self.module_level_name(file, parents, &e.name);
        for v in &e.value {
            if is_classvar {
                self.p.print(&format!("{}: _ClassVar[{name}]\n", v.name));
            } else {
                self.p.print(&format!("{}: {name}\n", v.name));
            }
        }
    }

    fn print_top_level_enums(&mut self) {
        for e in &self.file.enum_type {
            self.p.print("\n");
            self.print_enum(&[], e);
        }
    }

    fn print_extensions(&mut self, extensions: &[FieldDescriptorProto]) {
        for x in extensions {
            self.p.print(&format!(
                "{}_FIELD_NUMBER: _ClassVar[int]\n{}: _descriptor.FieldDescriptor\n",
                x.name.to_ascii_uppercase(),
                x.name
            ));
        }
    }

    /// `GetFieldType`.
    fn field_type(
        &self,
        f: &FieldDescriptorProto,
        containing: &DescriptorProto,
        nested: bool,
    ) -> String {
        match self.kind(f) {
            Kind::Scalar(s) => s.to_string(),
            Kind::Enum(t) => self.type_name(&t),
            Kind::Message(t) => {
                let name = self.type_name(&t);
                // NB: protoc qualifies with the module when a nested message's field names a
                // type spelled like the message itself.
                if nested && name == containing.name {
                    format!("{}.{name}", module_name(&self.file.name))
                } else {
                    name
                }
            }
        }
    }

    fn print_message(&mut self, parents: &mut Vec<&'a str>, m: &'a DescriptorProto, full: &str) {
        let nested = !parents.is_empty();
        if !nested {
            self.p.print("\n");
        }
        let extra = if is_well_known_type(full) {
            format!(", _well_known_types.{}", m.name)
        } else {
            String::new()
        };
        self.p
            .print(&format!("class {}(_message.Message{extra}):\n", m.name));
        self.p.indent();
        self.p.print("__slots__ = (");
        let mut items = 0;
        for f in &m.field {
            if is_keyword(&f.name) {
                continue;
            }
            if items > 0 {
                self.p.print(", ");
            }
            items += 1;
            self.p.print(&format!("\"{}\"", f.name));
        }
        self.p.print(if items == 1 { ",)\n" } else { ")\n" });
        if !m.extension_range.is_empty() {
            self.p.print("Extensions: _python_message._ExtensionDict\n");
        }
        parents.push(&m.name);
        for e in &m.enum_type {
            self.print_enum(parents, e);
            self.print_enum_values(self.file, parents, e, false);
        }
        for n in &m.nested_type {
            self.print_message(parents, n, &format!("{full}.{}", n.name));
        }
        parents.pop();
        self.print_extensions(&m.extension);
        for f in &m.field {
            self.p.print(&format!(
                "{}_FIELD_NUMBER: _ClassVar[int]\n",
                f.name.to_ascii_uppercase()
            ));
        }
        for f in &m.field {
            if is_keyword(&f.name) {
                continue;
            }
            let ty = if let Some(entry) = self.map_entry(f) {
                let value_is_message = matches!(self.kind(&entry.field[1]), Kind::Message(_));
                format!(
                    "{}{}, {}]",
                    if value_is_message {
                        "_containers.MessageMap["
                    } else {
                        "_containers.ScalarMap["
                    },
                    self.field_type(&entry.field[0], m, nested),
                    self.field_type(&entry.field[1], m, nested)
                )
            } else if is_repeated(f) {
                let prefix = if matches!(self.kind(f), Kind::Message(_)) {
                    "_containers.RepeatedCompositeFieldContainer["
                } else {
                    "_containers.RepeatedScalarFieldContainer["
                };
                format!("{prefix}{}]", self.field_type(f, m, nested))
            } else {
                self.field_type(f, m, nested)
            };
            self.p.print(&format!("{}: {ty}\n", f.name));
        }
        self.print_init(m, nested);
        self.p.outdent();
    }

    fn print_init(&mut self, m: &DescriptorProto, nested: bool) {
        let mut s = String::from("def __init__(");
        let mut self_arg = String::from("self");
        // NB: before protobuf 6 the argument keeps its name (see the fields below).
        while self.shape.pyi_rename_self && m.field.iter().any(|f| f.name == self_arg) {
            self_arg.push('_');
        }
        s.push_str(&self_arg);
        let mut has_keywords = false;
        let mut is_first = true;
        for f in &m.field {
            if is_keyword(&f.name) {
                has_keywords = true;
                continue;
            }
            // NB: before protobuf 6 only a FIRST field named `self` is renamed, to `self_`
            // (a later one makes `def __init__(self, ..., self: ...)`).
            let name = if !self.shape.pyi_rename_self && is_first && f.name == "self" {
                "self_"
            } else {
                f.name.as_str()
            };
            is_first = false;
            // NB: before protobuf 7 a singular bool argument is a bare `bool`.
            let bare_bool = !self.shape.pyi_optional_bool
                && !is_repeated(f)
                && matches!(self.kind(f), Kind::Scalar("bool"));
            if bare_bool {
                s.push_str(&format!(", {name}: bool = ..."));
                continue;
            }
            s.push_str(&format!(", {name}: _Optional["));
            if let Some(entry) = self.map_entry(f) {
                s.push_str(&format!(
                    "_Mapping[{}, {}]",
                    self.field_type(&entry.field[0], m, nested),
                    self.field_type(&entry.field[1], m, nested)
                ));
            } else {
                if is_repeated(f) {
                    s.push_str("_Iterable[");
                }
                match self.kind(f) {
                    Kind::Message(t) => {
                        let extra = match t.full_name().as_str() {
                            _ if !self.shape.pyi_datetime_union => "",
                            "google.protobuf.Timestamp" => "datetime.datetime, ",
                            "google.protobuf.Duration" => "datetime.timedelta, ",
                            _ => "",
                        };
                        s.push_str(&format!(
                            "_Union[{extra}{}, _Mapping]",
                            self.field_type(f, m, nested)
                        ));
                    }
                    Kind::Enum(t) => s.push_str(&format!("_Union[{}, str]", self.type_name(&t))),
                    Kind::Scalar(_) => s.push_str(&self.field_type(f, m, nested)),
                }
                if is_repeated(f) {
                    s.push(']');
                }
            }
            s.push_str("] = ...");
        }
        if has_keywords {
            s.push_str(", **kwargs");
        }
        s.push_str(") -> None: ...\n");
        self.p.print(&s);
    }

    fn print_messages(&mut self) {
        let pkg = self.file.package.clone().unwrap_or_default();
        for m in &self.file.message_type {
            let full = if pkg.is_empty() {
                m.name.clone()
            } else {
                format!("{pkg}.{}", m.name)
            };
            self.print_message(&mut Vec::new(), m, &full);
        }
    }

    fn print_services(&mut self) {
        for s in &self.file.service {
            self.p.print("\n");
            self.p.print(&format!(
                "class {0}(_service.service): ...\n\nclass {0}_Stub({0}): ...\n",
                s.name
            ));
        }
    }
}

/// code_generator_lite.cc `IsKnownFeatureProto`.
fn is_known_feature_proto(name: &str) -> bool {
    name == "google/protobuf/cpp_features.proto" || name == "google/protobuf/java_features.proto"
}
