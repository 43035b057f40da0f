//! `--grpc_python_out`: `x_pb2_grpc.py` (grpc `src/compiler/python_generator.cc`), and with
//! `grpc_1_0` the deprecated beta code inserted into `x_pb2.py` at `module_scope`. One
//! function per `Print*` step, in output order. The fixed version-check block lives in
//! `templates/`.
//!
//! Docstrings come from source comments through [`SourceComments`]: until the front end puts
//! `source_code_info` into generator requests, every docstring is the "Missing associated
//! documentation comment" text.

use std::collections::{BTreeMap, BTreeSet};

use super::target::Shape;
use crate::descriptor::model::*;
use crate::descriptor::numbers::{file, service};
use crate::generator::{
    Generator, Index, Printer, Request, Response, ResponseFile, SourceComments,
};

const VERSION_CHECK: &str = include_str!("../../../templates/grpc_python_version_check.py");

const BETA_CLASS_DOC: &str = "\"\"\"The Beta API is deprecated for 0.15.0 and later.\n\
\nIt is recommended to use the GA API (classes and functions in this\n\
file not marked beta) for all further purposes. This class was generated\n\
only to ease transition from grpcio<0.15.0 to grpcio>=0.15.0.\"\"\"\n";

const BETA_FUNCTION_DOC: &str = "\"\"\"The Beta API is deprecated for 0.15.0 and later.\n\
\nIt is recommended to use the GA API (classes and functions in this\n\
file not marked beta) for all further purposes. This function was\n\
generated only to ease transition from grpcio<0.15.0 to grpcio>=0.15.0\"\"\"\n";

/// The `--grpc_python_out` generator, writing for one runtime's [`Shape`].
pub struct GrpcPythonGenerator {
    pub shape: Shape,
}

impl Generator for GrpcPythonGenerator {
    fn generate(&self, request: &Request) -> Response {
        let parameter = request.parameter.as_str();
        crate::generator::generate_each(request, |index, file| {
            generate_file(index, file, parameter, &self.shape)
        })
    }
}

/// grpc's `Split`: an empty string is one empty part; a trailing delimiter adds none.
fn split_parameters(s: &str) -> Vec<&str> {
    if s.is_empty() {
        return vec![""];
    }
    let mut parts: Vec<&str> = s.split(',').collect();
    if parts.last() == Some(&"") {
        parts.pop();
    }
    parts
}

/// `PythonGrpcGenerator::Generate` for one file.
pub fn generate_file(
    index: &Index,
    file: &FileDescriptorProto,
    parameter: &str,
    shape: &Shape,
) -> Result<Vec<ResponseFile>, String> {
    let name = &file.name;
    // NB: protoc-gen-grpc_python tests `find_last_of(".proto")`, which accepts any name
    // longer than six bytes ending in one of `.proto`'s characters.
    let ok = name.len() > 6 && name.ends_with(['.', 'p', 'r', 'o', 't']);
    if !ok {
        return Err("Invalid proto file name. Proto file must end with .proto".to_string());
    }
    let mut base = name[..name.len() - 6].replace('-', "_");
    // NB: grpcio-tools up to 1.71 keeps the dots: `a/b.c_pb2_grpc.py` beside `a/b/c_pb2.py`.
    if shape.grpc_dots_as_dirs {
        base = base.replace('.', "/");
    }
    let pb2_file = format!("{base}_pb2.py");
    let pb2_grpc_file = format!("{base}_pb2_grpc.py");

    let parts = split_parameters(parameter);
    let (version, prefixes): (&str, Vec<String>) = match parts.len() {
        1 if parts[0].is_empty() => ("grpc_2_0", Vec::new()),
        1 => (parts[0], Vec::new()),
        2 => (parts[0], vec![parts[1].to_string()]),
        _ => {
            return Err(
                "--grpc_python_out received too many comma-delimited parameters.".to_string(),
            );
        }
    };
    let g = Grpc {
        index,
        file,
        prefixes,
        // Only services' comments are printed.
        comments: SourceComments::under(file, Some(file::SERVICE)),
        shape,
    };
    match version {
        "grpc_2_0" => Ok(vec![ResponseFile {
            name: pb2_grpc_file,
            insertion_point: None,
            content: g.services(true),
        }]),
        "grpc_1_0" => Ok(vec![
            ResponseFile {
                name: pb2_grpc_file,
                insertion_point: None,
                content: g.services(true),
            },
            ResponseFile {
                name: pb2_file,
                insertion_point: Some("module_scope".to_string()),
                content: g.services(false),
            },
        ]),
        v => Err(format!("Invalid grpc version '{v}'.")),
    }
}

/// grpc's `StripProto`: `.protodevel` or `.proto`, either case.
fn strip_proto(name: &str) -> &str {
    let strip = |suffix: &str| {
        let n = name.len().checked_sub(suffix.len())?;
        let tail = name.get(n..)?;
        tail.eq_ignore_ascii_case(suffix).then(|| &name[..n])
    };
    strip(".protodevel")
        .or_else(|| strip(".proto"))
        .unwrap_or(name)
}

/// Comment lines as `std::getline` splits them: no piece after a final newline.
fn lines(text: &str, out: &mut Vec<String>) {
    if text.is_empty() {
        return;
    }
    let body = text.strip_suffix('\n').unwrap_or(text);
    out.extend(body.split('\n').map(str::to_string));
}

struct Method<'a> {
    m: &'a MethodDescriptorProto,
    path: Vec<i32>,
}

impl Method<'_> {
    fn arity(&self, sep: &str) -> String {
        format!(
            "{}{sep}{}",
            if self.m.client_streaming {
                "stream"
            } else {
                "unary"
            },
            if self.m.server_streaming {
                "stream"
            } else {
                "unary"
            }
        )
    }

    fn request_arg(&self) -> &'static str {
        if self.m.client_streaming {
            "request_iterator"
        } else {
            "request"
        }
    }
}

struct Grpc<'i, 'a> {
    index: &'i Index<'a>,
    file: &'a FileDescriptorProto,
    prefixes: Vec<String>,
    comments: SourceComments,
    shape: &'i Shape,
}

impl Grpc<'_, '_> {
    /// `ModuleName` with the prefix to strip applied.
    fn module_name(&self, filename: &str) -> String {
        let base = strip_proto(filename).replace('-', "_").replace('/', ".");
        let raw = format!("{base}_pb2");
        for p in &self.prefixes {
            if let Some(rest) = raw.strip_prefix(p.as_str()) {
                return rest.to_string();
            }
        }
        raw
    }

    fn module_alias(&self, filename: &str) -> String {
        self.module_name(filename)
            .replace('_', "__")
            .replace('.', "_dot_")
    }

    /// The file defining a method's input or output type.
    fn type_file(&self, type_name: &str) -> String {
        self.index
            .find(type_name)
            .map(|t| t.file.name.clone())
            .unwrap_or_else(|| self.file.name.clone())
    }

    /// `GetModuleAndMessagePath`: `alias.Outer.Inner`, unqualified inside its own `_pb2.py`.
    fn type_path(&self, type_name: &str, in_pb2_grpc: bool) -> String {
        let Some(t) = self.index.find(type_name) else {
            return type_name.trim_start_matches('.').to_string();
        };
        let mut path = t.parents.join(".");
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(t.name());
        if t.file.name != self.file.name || in_pb2_grpc {
            format!("{}.{path}", self.module_alias(&t.file.name))
        } else {
            path
        }
    }

    /// `get_all_comments`: leading detached (each followed by an empty line), leading,
    /// trailing.
    fn all_comments(&self, path: &[i32]) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(c) = self.comments.at(path) {
            for d in &c.leading_detached {
                lines(d, &mut out);
                out.push(String::new());
            }
            if let Some(l) = &c.leading {
                lines(l, &mut out);
            }
            if let Some(t) = &c.trailing {
                lines(t, &mut out);
            }
        }
        out
    }

    fn print_all_comments(&self, p: &mut Printer, path: &[i32]) {
        let comments = self.all_comments(path);
        if comments.is_empty() {
            p.print("\"\"\"Missing associated documentation comment in .proto file.\"\"\"\n");
            return;
        }
        p.print("\"\"\"");
        for c in &comments {
            if let Some(start) = c.find(|ch| ch != ' ') {
                p.print(&c[start..]);
            }
            p.print("\n");
        }
        p.print("\"\"\"\n");
    }

    fn methods<'s>(&'s self, si: usize, s: &'s ServiceDescriptorProto) -> Vec<Method<'s>> {
        s.method
            .iter()
            .enumerate()
            .map(|(mi, m)| Method {
                m,
                path: vec![file::SERVICE, si as i32, service::METHOD, mi as i32],
            })
            .collect()
    }

    fn package_prefix(&self) -> String {
        match self.file.package.as_deref() {
            Some(p) if !p.is_empty() => format!("{p}."),
            _ => String::new(),
        }
    }

    /// `GetGrpcServices`.
    fn services(&self, in_pb2_grpc: bool) -> String {
        let mut p = Printer::new(2);
        if in_pb2_grpc {
            p.print(
                "# Generated by the gRPC Python protocol compiler plugin. DO NOT EDIT!\n\
                 \"\"\"Client and server classes corresponding to protobuf-defined services.\"\"\"\n",
            );
            self.print_preamble(&mut p, true);
            self.print_ga_services(&mut p, true);
        } else {
            p.print("try:\n");
            p.indent();
            p.indent();
            p.print(
                "# THESE ELEMENTS WILL BE DEPRECATED.\n\
                 # Please use the generated *_pb2_grpc.py files instead.\n",
            );
            self.print_preamble(&mut p, false);
            self.print_beta_preamble(&mut p);
            self.print_ga_services(&mut p, false);
            self.print_beta_services(&mut p);
            p.outdent();
            p.outdent();
            p.print("except ImportError:\n");
            p.indent();
            p.indent();
            // NB: no newline; the insertion adds one.
            p.print("pass");
        }
        p.finish()
    }

    fn print_preamble(&self, p: &mut Printer, in_pb2_grpc: bool) {
        p.print("import grpc\n");
        if self.shape.grpc_registered_methods {
            p.print("import warnings\n");
        }
        if !in_pb2_grpc {
            return;
        }
        p.print("\n");
        let mut imports = BTreeSet::new();
        for s in &self.file.service {
            for m in &s.method {
                for t in [&m.input_type, &m.output_type] {
                    let f = self.type_file(t);
                    imports.insert((self.module_name(&f), self.module_alias(&f)));
                }
            }
        }
        for (module, alias) in &imports {
            let stmt = match module.rfind('.') {
                Some(d) => format!("from {} import {}", &module[..d], &module[d + 1..]),
                None => format!("import {module}"),
            };
            p.print(&format!("{stmt} as {alias}\n"));
        }
        if !self.shape.grpc_registered_methods {
            return;
        }
        let file = strip_proto(&self.file.name).replace('-', "_");
        let mut check = VERSION_CHECK
            .replace("{version}", &self.shape.grpc_version.to_string())
            .replace("{file}", &file);
        if self.shape.grpc_fstring_quirk {
            // NB: grpcio-tools up to 1.75 makes this line an f-string without fields.
            check = check.replace("+ ' but the generated code", "+ f' but the generated code");
        }
        if let Some((release, date)) = self.shape.grpc_check_warns {
            // grpcio-tools 1.63 to 1.65: a RuntimeWarning announcing the error to come.
            check = check
                .replace(
                    "_version_not_supported = False\n",
                    &format!(
                        "EXPECTED_ERROR_RELEASE = '{release}'\n\
                         SCHEDULED_RELEASE_DATE = '{date}'\n\
                         _version_not_supported = False\n"
                    ),
                )
                .replace("    raise RuntimeError(\n", "    warnings.warn(\n")
                .replace(
                    "grpcio-tools<={GRPC_VERSION}.'\n    )\n",
                    "grpcio-tools<={GRPC_VERSION}.'\n\
                     \x20       + f' This warning will become an error in {EXPECTED_ERROR_RELEASE},'\n\
                     \x20       + f' scheduled for release on {SCHEDULED_RELEASE_DATE}.',\n\
                     \x20       RuntimeWarning\n    )\n",
                );
        }
        p.print(&check);
    }

    /// NB: grpcio-tools up to 1.80 derives every class from `object`.
    fn base(&self) -> &'static str {
        if self.shape.grpc_object_base {
            "(object)"
        } else {
            ""
        }
    }

    fn print_beta_preamble(&self, p: &mut Printer) {
        p.print(
            "from grpc.beta import implementations as beta_implementations\n\
             from grpc.beta import interfaces as beta_interfaces\n\
             from grpc.framework.common import cardinality\n\
             from grpc.framework.interfaces.face import utilities as face_utilities\n",
        );
    }

    fn print_ga_services(&self, p: &mut Printer, in_pb2_grpc: bool) {
        let pkg = self.package_prefix();
        for (si, s) in self.file.service.iter().enumerate() {
            let full = format!("{pkg}{}", s.name);
            let methods = self.methods(si, s);
            let spath = [file::SERVICE, si as i32];
            self.print_stub(p, &full, s, &spath, &methods, in_pb2_grpc);
            self.print_servicer(p, s, &spath, &methods);
            self.print_add_servicer_to_server(p, &full, s, &methods, in_pb2_grpc);
            self.print_service_class(p, &full, s, &spath, &methods, in_pb2_grpc);
        }
    }

    fn print_stub(
        &self,
        p: &mut Printer,
        full: &str,
        s: &ServiceDescriptorProto,
        spath: &[i32],
        methods: &[Method],
        in_pb2_grpc: bool,
    ) {
        p.print("\n\n");
        p.print(&format!("class {}Stub{}:\n", s.name, self.base()));
        indent2(p);
        self.print_all_comments(p, spath);
        p.print("\n");
        p.print("def __init__(self, channel):\n");
        indent2(p);
        p.print("\"\"\"Constructor.\n\nArgs:\n");
        indent2(p);
        p.print("channel: A grpc.Channel.\n");
        outdent2(p);
        p.print("\"\"\"\n");
        for m in methods {
            let req = self.type_path(&m.m.input_type, in_pb2_grpc);
            let resp = self.type_path(&m.m.output_type, in_pb2_grpc);
            p.print(&format!("self.{} = channel.{}(\n", m.m.name, m.arity("_")));
            indent2(p);
            indent2(p);
            p.print(&format!("'/{full}/{}',\n", m.m.name));
            p.print(&format!("request_serializer={req}.SerializeToString,\n"));
            p.print(&format!("response_deserializer={resp}.FromString,\n"));
            if self.shape.grpc_registered_methods {
                p.print("_registered_method=True)\n");
            } else {
                p.print(")\n");
            }
            outdent2(p);
            outdent2(p);
        }
        outdent2(p);
        outdent2(p);
    }

    fn print_servicer(
        &self,
        p: &mut Printer,
        s: &ServiceDescriptorProto,
        spath: &[i32],
        methods: &[Method],
    ) {
        p.print("\n\n");
        p.print(&format!("class {}Servicer{}:\n", s.name, self.base()));
        indent2(p);
        self.print_all_comments(p, spath);
        for m in methods {
            p.print("\n");
            p.print(&format!(
                "def {}(self, {}, context):\n",
                m.m.name,
                m.request_arg()
            ));
            indent2(p);
            self.print_all_comments(p, &m.path);
            p.print(
                "context.set_code(grpc.StatusCode.UNIMPLEMENTED)\n\
                 context.set_details('Method not implemented!')\n\
                 raise NotImplementedError('Method not implemented!')\n",
            );
            outdent2(p);
        }
        outdent2(p);
    }

    fn print_add_servicer_to_server(
        &self,
        p: &mut Printer,
        full: &str,
        s: &ServiceDescriptorProto,
        methods: &[Method],
        in_pb2_grpc: bool,
    ) {
        p.print("\n\n");
        p.print(&format!(
            "def add_{}Servicer_to_server(servicer, server):\n",
            s.name
        ));
        indent2(p);
        p.print("rpc_method_handlers = {\n");
        indent2(p);
        indent2(p);
        for m in methods {
            let req = self.type_path(&m.m.input_type, in_pb2_grpc);
            let resp = self.type_path(&m.m.output_type, in_pb2_grpc);
            p.print(&format!(
                "'{}': grpc.{}_rpc_method_handler(\n",
                m.m.name,
                m.arity("_")
            ));
            indent2(p);
            indent2(p);
            p.print(&format!("servicer.{},\n", m.m.name));
            p.print(&format!("request_deserializer={req}.FromString,\n"));
            p.print(&format!("response_serializer={resp}.SerializeToString,\n"));
            outdent2(p);
            outdent2(p);
            p.print("),\n");
        }
        outdent2(p);
        outdent2(p);
        p.print("}\n");
        p.print("generic_handler = grpc.method_handlers_generic_handler(\n");
        indent2(p);
        indent2(p);
        p.print(&format!("'{full}', rpc_method_handlers)\n"));
        outdent2(p);
        outdent2(p);
        p.print("server.add_generic_rpc_handlers((generic_handler,))\n");
        if self.shape.grpc_add_registered_handlers {
            p.print(&format!(
                "server.add_registered_method_handlers('{full}', rpc_method_handlers)\n"
            ));
        }
        outdent2(p);
    }

    fn print_service_class(
        &self,
        p: &mut Printer,
        full: &str,
        s: &ServiceDescriptorProto,
        spath: &[i32],
        methods: &[Method],
        in_pb2_grpc: bool,
    ) {
        p.print("\n\n");
        // NB: protoc-gen-grpc_python prints this comment with a leading space.
        p.print(" # This class is part of an EXPERIMENTAL API.\n");
        p.print(&format!("class {}{}:\n", s.name, self.base()));
        indent2(p);
        self.print_all_comments(p, spath);
        for m in methods {
            let req = self.type_path(&m.m.input_type, in_pb2_grpc);
            let resp = self.type_path(&m.m.output_type, in_pb2_grpc);
            p.print("\n");
            p.print("@staticmethod\n");
            p.print(&format!("def {}(", m.m.name));
            indent2(p);
            indent2(p);
            p.print(&format!("{},\n", m.request_arg()));
            p.print(
                "target,\n\
                 options=(),\n\
                 channel_credentials=None,\n\
                 call_credentials=None,\n\
                 insecure=False,\n\
                 compression=None,\n\
                 wait_for_ready=None,\n\
                 timeout=None,\n\
                 metadata=None):\n",
            );
            outdent2(p);
            outdent2(p);
            indent2(p);
            if !self.shape.grpc_registered_methods {
                // NB: grpcio-tools 1.62 packs the arguments onto four lines.
                p.print(&format!(
                    "return grpc.experimental.{}({}, target, '/{full}/{}',\n",
                    m.arity("_"),
                    m.request_arg(),
                    m.m.name
                ));
                indent2(p);
                p.print(&format!("{req}.SerializeToString,\n"));
                p.print(&format!("{resp}.FromString,\n"));
                p.print(
                    "options, channel_credentials,\n\
                     insecure, call_credentials, compression, wait_for_ready, timeout, metadata)\n",
                );
                outdent2(p);
                outdent2(p);
                continue;
            }
            p.print(&format!("return grpc.experimental.{}(\n", m.arity("_")));
            indent2(p);
            p.print(&format!("{},\n", m.request_arg()));
            p.print("target,\n");
            p.print(&format!("'/{full}/{}',\n", m.m.name));
            p.print(&format!("{req}.SerializeToString,\n"));
            p.print(&format!("{resp}.FromString,\n"));
            p.print(
                "options,\n\
                 channel_credentials,\n\
                 insecure,\n\
                 call_credentials,\n\
                 compression,\n\
                 wait_for_ready,\n\
                 timeout,\n\
                 metadata,\n\
                 _registered_method=True)\n",
            );
            outdent2(p);
            outdent2(p);
        }
        outdent2(p);
    }

    fn print_beta_services(&self, p: &mut Printer) {
        let pkg = self.package_prefix();
        for (si, s) in self.file.service.iter().enumerate() {
            let full = format!("{pkg}{}", s.name);
            let methods = self.methods(si, s);
            let spath = [file::SERVICE, si as i32];
            self.print_beta_servicer(p, s, &spath, &methods);
            self.print_beta_stub(p, s, &spath, &methods);
            self.print_beta_server_factory(p, &full, s, &methods);
            self.print_beta_stub_factory(p, &full, s, &methods);
        }
    }

    fn print_beta_servicer(
        &self,
        p: &mut Printer,
        s: &ServiceDescriptorProto,
        spath: &[i32],
        methods: &[Method],
    ) {
        p.print("\n\n");
        p.print(&format!("class Beta{}Servicer{}:\n", s.name, self.base()));
        indent2(p);
        p.print(BETA_CLASS_DOC);
        self.print_all_comments(p, spath);
        for m in methods {
            p.print(&format!(
                "def {}(self, {}, context):\n",
                m.m.name,
                m.request_arg()
            ));
            indent2(p);
            self.print_all_comments(p, &m.path);
            p.print("context.code(beta_interfaces.StatusCode.UNIMPLEMENTED)\n");
            outdent2(p);
        }
        outdent2(p);
    }

    fn print_beta_stub(
        &self,
        p: &mut Printer,
        s: &ServiceDescriptorProto,
        spath: &[i32],
        methods: &[Method],
    ) {
        p.print("\n\n");
        p.print(&format!("class Beta{}Stub{}:\n", s.name, self.base()));
        indent2(p);
        p.print(BETA_CLASS_DOC);
        self.print_all_comments(p, spath);
        for m in methods {
            p.print(&format!(
                "def {}(self, {}, timeout, metadata=None, with_call=False, protocol_options=None):\n",
                m.m.name,
                m.request_arg()
            ));
            indent2(p);
            self.print_all_comments(p, &m.path);
            p.print("raise NotImplementedError()\n");
            outdent2(p);
            if !m.m.server_streaming {
                p.print(&format!("{}.future = None\n", m.m.name));
            }
        }
        outdent2(p);
    }

    /// The beta factories list methods through `std::map`s: sorted by name, first wins.
    fn sorted<'m>(methods: &'m [Method<'m>]) -> BTreeMap<&'m str, &'m Method<'m>> {
        let mut map = BTreeMap::new();
        for m in methods {
            map.entry(m.m.name.as_str()).or_insert(m);
        }
        map
    }

    fn print_beta_server_factory(
        &self,
        p: &mut Printer,
        full: &str,
        s: &ServiceDescriptorProto,
        methods: &[Method],
    ) {
        p.print("\n\n");
        p.print(&format!(
            "def beta_create_{}_server(servicer, pool=None, pool_size=None, default_timeout=None, maximum_timeout=None):\n",
            s.name
        ));
        indent2(p);
        p.print(BETA_FUNCTION_DOC);
        let sorted = Self::sorted(methods);
        p.print("request_deserializers = {\n");
        for (name, m) in &sorted {
            let req = self.type_path(&m.m.input_type, false);
            indent2(p);
            p.print(&format!("('{full}', '{name}'): {req}.FromString,\n"));
            outdent2(p);
        }
        p.print("}\n");
        p.print("response_serializers = {\n");
        for (name, m) in &sorted {
            let resp = self.type_path(&m.m.output_type, false);
            indent2(p);
            p.print(&format!(
                "('{full}', '{name}'): {resp}.SerializeToString,\n"
            ));
            outdent2(p);
        }
        p.print("}\n");
        p.print("method_implementations = {\n");
        for (name, m) in &sorted {
            indent2(p);
            p.print(&format!(
                "('{full}', '{name}'): face_utilities.{}_inline(servicer.{name}),\n",
                m.arity("_")
            ));
            outdent2(p);
        }
        p.print("}\n");
        p.print(
            "server_options = beta_implementations.server_options(request_deserializers=request_deserializers, response_serializers=response_serializers, thread_pool=pool, thread_pool_size=pool_size, default_timeout=default_timeout, maximum_timeout=maximum_timeout)\n\
             return beta_implementations.server(method_implementations, options=server_options)\n",
        );
        outdent2(p);
    }

    fn print_beta_stub_factory(
        &self,
        p: &mut Printer,
        full: &str,
        s: &ServiceDescriptorProto,
        methods: &[Method],
    ) {
        p.print("\n\n");
        p.print(&format!(
            "def beta_create_{}_stub(channel, host=None, metadata_transformer=None, pool=None, pool_size=None):\n",
            s.name
        ));
        indent2(p);
        p.print(BETA_FUNCTION_DOC);
        let sorted = Self::sorted(methods);
        p.print("request_serializers = {\n");
        for (name, m) in &sorted {
            let req = self.type_path(&m.m.input_type, false);
            indent2(p);
            p.print(&format!("('{full}', '{name}'): {req}.SerializeToString,\n"));
            outdent2(p);
        }
        p.print("}\n");
        p.print("response_deserializers = {\n");
        for (name, m) in &sorted {
            let resp = self.type_path(&m.m.output_type, false);
            indent2(p);
            p.print(&format!("('{full}', '{name}'): {resp}.FromString,\n"));
            outdent2(p);
        }
        p.print("}\n");
        p.print("cardinalities = {\n");
        for (name, m) in &sorted {
            indent2(p);
            p.print(&format!(
                "'{name}': cardinality.Cardinality.{},\n",
                m.arity("_").to_ascii_uppercase()
            ));
            outdent2(p);
        }
        p.print("}\n");
        p.print(
            "stub_options = beta_implementations.stub_options(host=host, metadata_transformer=metadata_transformer, request_serializers=request_serializers, response_deserializers=response_deserializers, thread_pool=pool, thread_pool_size=pool_size)\n",
        );
        p.print(&format!(
            "return beta_implementations.dynamic_stub(channel, '{full}', cardinalities, options=stub_options)\n"
        ));
        outdent2(p);
    }
}

/// grpc's `IndentScope`: two printer levels, four spaces.
fn indent2(p: &mut Printer) {
    p.indent();
    p.indent();
}

fn outdent2(p: &mut Printer) {
    p.outdent();
    p.outdent();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_split_like_grpc() {
        assert_eq!(split_parameters(""), [""]);
        assert_eq!(split_parameters("a,"), ["a"]);
        assert_eq!(split_parameters(",b"), ["", "b"]);
        assert_eq!(split_parameters("a,b,c"), ["a", "b", "c"]);
    }

    #[test]
    fn comment_lines() {
        let mut v = Vec::new();
        lines(" a\n\n b\n", &mut v);
        assert_eq!(v, [" a", "", " b"]);
        lines("", &mut v);
        assert_eq!(v.len(), 3);
    }

    #[test]
    fn grpc_strip_proto_ignores_case() {
        assert_eq!(strip_proto("a/B.PROTO"), "a/B");
        assert_eq!(strip_proto("a.protodevel"), "a");
    }
}
