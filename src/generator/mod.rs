//! Code generators: each maps a [`Request`] to a [`Response`] and never touches the file
//! system (`output` applies responses). This mirrors protoc, where built-in generators run
//! through the same `CodeGeneratorRequest` path as plugins (`CreateCodeGeneratorRequest`,
//! then `GenerateCodeFromResponse`), so built-ins and plugins stay interchangeable.
//!
//! Shared here: the request/response model and the [`Generator`] trait, what a generator is
//! constructed with ([`Setup`], [`Shared`]), protoc's `ParseGeneratorParameter`, an index of
//! the request's types, the source-comment accessor, and [`Printer`], a copy of the parts of
//! `io::Printer` the generators rely on (indentation only at the start of non-empty lines).
//! [`registry`] lists the built-in generators.

pub mod plugin;
pub mod python;
pub mod registry;
#[cfg(feature = "rust-codegen")]
pub mod rust;

use std::any::Any;
use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use crate::compiler::{self, Compilation, pool::Pool};
use crate::descriptor::model::*;

/// `CodeGeneratorRequest`, as protoc's `CreateCodeGeneratorRequest` fills it, plus the
/// linked pool it was made from.
pub struct Request<'a> {
    /// Virtual names of the files to generate, in command-line order (repeats kept).
    pub file_to_generate: Vec<String>,
    /// `PARAMS` of `--X_out=PARAMS:DIR` joined with the `--X_opt` values.
    pub parameter: String,
    pub compiler_version: Version,
    /// Built-ins only: protoc hands its own generators linked `FileDescriptor`s (the Rust
    /// generators need the pool's editions features). Plugins get the serialized fields.
    pub pool: &'a Pool,
    /// Built on first use by [`Request::proto_file`], once for every request of a
    /// [`Requests`].
    proto_file: &'a OnceCell<Vec<ProtoFile>>,
}

impl<'a> Request<'a> {
    /// Every file the inputs need, dependencies first. The files to generate have their
    /// source-retention options stripped.
    pub fn proto_file(&self) -> impl Iterator<Item = &FileDescriptorProto> {
        self.proto_file
            .get_or_init(|| proto_files(self.pool, &self.file_to_generate))
            .iter()
            .map(|f| match f {
                ProtoFile::Pool(i) => self.pool.file(*i),
                ProtoFile::Stripped(f) => f,
            })
    }
}

/// The requests of one invocation: they differ only in their parameter, so the files they
/// carry are built once, and only if a generator reads them (the Rust ones read the pool).
pub struct Requests<'a> {
    pool: &'a Pool,
    file_to_generate: Vec<String>,
    /// The inputs as given, repeats included: a plugin's `file_to_generate`.
    inputs: Vec<String>,
    proto_file: OnceCell<Vec<ProtoFile>>,
}

impl<'a> Requests<'a> {
    /// For `inputs` (virtual names, in command-line order) of `compilation`.
    pub fn new(compilation: &'a Compilation, inputs: &[String]) -> Requests<'a> {
        // Deduplicated through a set: a scan of the list per input was quadratic (googleapis'
        // 8,016 inputs: 32 million comparisons).
        let mut seen = rustc_hash::FxHashSet::default();
        let file_to_generate: Vec<String> = (inputs.iter())
            .filter(|i| seen.insert(i.as_str()))
            .cloned()
            .collect();
        Requests {
            pool: &compilation.pool,
            file_to_generate,
            inputs: inputs.to_vec(),
            proto_file: OnceCell::new(),
        }
    }

    /// The compiled pool the requests are made from.
    pub fn pool(&self) -> &'a Pool {
        self.pool
    }

    /// The inputs, each once, in command-line order.
    pub fn files_to_generate(&self) -> &[String] {
        &self.file_to_generate
    }

    /// The request protoc gives a built-in generator with `parameter`.
    pub fn request(&self, parameter: &str) -> Request<'_> {
        Request {
            // NB: protoc generates an input given twice twice (so the Python generators fail
            // with `Tried to write the same file twice.`).
            file_to_generate: self.inputs.clone(),
            parameter: parameter.to_string(),
            compiler_version: Version::of(self.pool.release),
            pool: self.pool,
            proto_file: &self.proto_file,
        }
    }
}

/// `compiler.Version`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version {
    pub major: i32,
    pub minor: i32,
    pub patch: i32,
    pub suffix: String,
}

impl Version {
    /// The `compiler_version` a release reports.
    pub fn of(release: crate::release::Release) -> Self {
        // NB: protoc reports PROTOBUF_VERSION (7035001 for 35.1) as {7, 35, 1, ""}.
        let (minor, patch) = release.version();
        Version {
            major: 7,
            minor,
            patch,
            suffix: String::new(),
        }
    }
}

/// `CodeGeneratorResponse`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Response {
    /// Set when the generator failed; protoc prints it after `--X_out: `.
    pub error: Option<String>,
    pub file: Vec<ResponseFile>,
}

/// `CodeGeneratorResponse.File`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResponseFile {
    /// Path relative to the output directory; empty continues the previous file.
    pub name: String,
    /// Insert `content` before the line holding `@@protoc_insertion_point(NAME)`.
    pub insertion_point: Option<String>,
    pub content: String,
}

impl Response {
    /// A failed generation: protoc writes nothing for it.
    pub fn failure(error: String) -> Response {
        Response {
            error: Some(error),
            file: Vec::new(),
        }
    }
}

/// A code generator (protoc's `CodeGenerator`).
pub trait Generator {
    fn generate(&self, request: &Request) -> Response;
}

/// What a built-in generator is constructed with, once per output of an invocation.
///
/// Every output's generator is constructed before the first one runs, so a generator can
/// tell its siblings about itself through `shared` (`--grpc_out` records where it writes, so
/// a `--rust_out` to the same place `include!`s the service files).
pub struct Setup<'s> {
    /// The `DIR` of `--X_out=PARAMS:DIR`, as given.
    pub location: &'s str,
    pub shared: &'s Shared,
    /// What the Python generators write (`--python_target`; grpcio-tools 1.85.1's without).
    pub python: &'s python::target::Shape,
}

/// State the generators of one invocation share: one value per type, made on first use and
/// dropped with the invocation, so nothing outlives the compilation it was computed from
/// (protoc warns against mutable per-call state on the generator objects themselves).
#[derive(Default)]
pub struct Shared {
    items: RefCell<Vec<Rc<dyn Any>>>,
}

impl Shared {
    /// The invocation's `T`, made with `T::default()` the first time it is asked for.
    pub fn get<T: Any + Default>(&self) -> Rc<T> {
        let mut items = self.items.borrow_mut();
        if let Some(t) = items.iter().find_map(|i| Rc::clone(i).downcast::<T>().ok()) {
            return t;
        }
        let t = Rc::new(T::default());
        items.push(Rc::clone(&t) as Rc<dyn Any>);
        t
    }
}

/// A file of [`Request::proto_file`]: the pool's own, or a copy changed by stripping.
enum ProtoFile {
    Pool(u32),
    Stripped(Box<FileDescriptorProto>),
}

/// `proto_file` as protoc fills it for a built-in generator: dependency order,
/// source-retention options stripped from the files to generate, `json_name` only where
/// written (protoc's built-ins get no `CopyJsonNameTo`).
///
/// Files are borrowed from the pool unless stripping changed them: a copy of every file (with
/// its source info) per invocation was most of the Python row's peak memory.
fn proto_files(pool: &Pool, file_to_generate: &[String]) -> Vec<ProtoFile> {
    let order = compiler::output_order(pool, file_to_generate, true);
    let wanted: std::collections::HashSet<&str> =
        file_to_generate.iter().map(|s| s.as_str()).collect();
    order
        .into_iter()
        .map(|i| {
            let f = pool.file(i);
            if wanted.contains(f.name.as_str()) {
                match compiler::strip_source_retention_if_changed(pool, f) {
                    Some(stripped) => ProtoFile::Stripped(Box::new(stripped)),
                    None => ProtoFile::Pool(i),
                }
            } else {
                ProtoFile::Pool(i)
            }
        })
        .collect()
}

/// protoc's `ParseGeneratorParameter`: comma-separated `key` or `key=value`, empty parts
/// skipped.
pub fn parse_parameter(text: &str) -> Vec<(String, String)> {
    text.split(',')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => (p.to_string(), String::new()),
        })
        .collect()
}

/// A message or enum of the request, found by full name.
#[derive(Clone, Copy, Debug)]
pub enum TypeDef<'a> {
    Message(&'a DescriptorProto),
    Enum(&'a EnumDescriptorProto),
}

/// Where a type is: its file, the names of the messages it is nested in (outermost first),
/// and its definition.
#[derive(Clone, Debug)]
pub struct TypeInfo<'a> {
    pub file: &'a FileDescriptorProto,
    pub parents: Vec<&'a str>,
    pub def: TypeDef<'a>,
}

impl<'a> TypeInfo<'a> {
    pub fn name(&self) -> &'a str {
        match self.def {
            TypeDef::Message(m) => &m.name,
            TypeDef::Enum(e) => &e.name,
        }
    }

    pub fn message(&self) -> Option<&'a DescriptorProto> {
        match self.def {
            TypeDef::Message(m) => Some(m),
            TypeDef::Enum(_) => None,
        }
    }

    /// The full name without a leading dot.
    pub fn full_name(&self) -> String {
        let mut s = self.file.package.clone().unwrap_or_default();
        for p in self.parents.iter().copied().chain([self.name()]) {
            if !s.is_empty() {
                s.push('.');
            }
            s.push_str(p);
        }
        s
    }
}

/// protoc's `CodeGenerator::GenerateAll`: runs `one` on each file to generate, in order; the
/// first error, prefixed with that file's name, fails the whole response. The files are
/// independent, so they are generated on several threads ([`crate::parallel`]) and gathered in order.
pub fn generate_each(
    request: &Request,
    one: impl Fn(&Index, &FileDescriptorProto) -> Result<Vec<ResponseFile>, String> + Sync,
) -> Response {
    let index = Index::new(request);
    let results = crate::parallel::map_in_order(
        &request.file_to_generate,
        crate::parallel::thread_count(),
        |name| match index.file(name) {
            Some(file) => one(&index, file),
            None => Err("file not in request".to_string()),
        },
    );
    let mut response = Response::default();
    for (name, result) in request.file_to_generate.iter().zip(results) {
        match result {
            Ok(files) => response.file.extend(files),
            Err(e) => return Response::failure(format!("{name}: {e}")),
        }
    }
    response
}

/// The request's files by name, and its types found by full name through the pool's
/// symbol table (no table of its own: building one for every type of every file, once per
/// generator, cost more than all the lookups a run makes).
pub struct Index<'a> {
    pub files: HashMap<&'a str, &'a FileDescriptorProto>,
    pool: &'a Pool,
}

impl<'a> Index<'a> {
    pub fn new(request: &'a Request) -> Index<'a> {
        let files = request.proto_file().map(|f| (f.name.as_str(), f)).collect();
        Index {
            files,
            pool: request.pool,
        }
    }

    /// A type of the request by `type_name` (`.pkg.Msg`, as linking spells it), in the
    /// request's copy of its file.
    pub fn find(&self, type_name: &str) -> Option<TypeInfo<'a>> {
        let symbol = self.pool.find(type_name.strip_prefix('.')?)?;
        if !symbol.kind.is_type() {
            return None;
        }
        let file = self.file(&self.pool.file(symbol.file).name)?;
        use crate::descriptor::numbers::{file as F, message as M};
        let at = |i: i32| usize::try_from(i).ok();
        let mut parents = Vec::new();
        let mut scope: Option<&'a DescriptorProto> = None;
        let mut rest = &symbol.path[..];
        // The path alternates (messages field, index) down to the type: `[4, i, 3, j]`, an
        // enum last (`[5, i]` at the top, `[.., 4, k]` inside a message).
        let def = loop {
            let (messages, enums, message_field, enum_field) = match scope {
                None => (
                    &file.message_type,
                    &file.enum_type,
                    F::MESSAGE_TYPE,
                    F::ENUM_TYPE,
                ),
                Some(m) => (&m.nested_type, &m.enum_type, M::NESTED_TYPE, M::ENUM_TYPE),
            };
            match rest {
                [f, i] if *f == enum_field => break TypeDef::Enum(enums.get(at(*i)?)?),
                [f, i, tail @ ..] if *f == message_field => {
                    let m = messages.get(at(*i)?)?;
                    if tail.is_empty() {
                        break TypeDef::Message(m);
                    }
                    parents.push(m.name.as_str());
                    scope = Some(m);
                    rest = tail;
                }
                _ => return None,
            }
        };
        Some(TypeInfo { file, parents, def })
    }

    pub fn file(&self, name: &str) -> Option<&'a FileDescriptorProto> {
        self.files.get(name).copied()
    }
}

/// Comments attached to one element (a SourceCodeInfo location).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Comments {
    pub leading: Option<String>,
    pub trailing: Option<String>,
    pub leading_detached: Vec<String>,
}

/// Source comments of a file by descriptor path, read from its `source_code_info` (the run
/// compiles with source info whenever a generator runs; a file without it has no comments).
#[derive(Default)]
pub struct SourceComments {
    by_path: HashMap<Vec<i32>, Comments>,
}

impl SourceComments {
    /// The one place that reads the model's source info.
    pub fn new(file: &FileDescriptorProto) -> SourceComments {
        Self::under(file, None)
    }

    /// Only the locations under the file's field `top` (a path starting with it), when a
    /// generator reads no others: copying every comment of a file it does not print was a
    /// large part of `--grpc_python_out`'s time.
    pub fn under(file: &FileDescriptorProto, top: Option<i32>) -> SourceComments {
        let Some(sci) = &file.source_code_info else {
            return SourceComments::default();
        };
        let text = |b: &Vec<u8>| String::from_utf8_lossy(b).into_owned();
        let wanted = |l: &&Location| top.is_none_or(|t| l.path.first() == Some(&t));
        // Decoded here, one file at a time: the pool holds it encoded.
        let all = sci.locations();
        let locations = all.iter().filter(wanted).map(|l| {
            let c = Comments {
                leading: l.leading_comments.as_ref().map(text),
                trailing: l.trailing_comments.as_ref().map(text),
                leading_detached: l.leading_detached_comments.iter().map(text).collect(),
            };
            (l.path.clone(), c)
        });
        SourceComments::from_locations(locations)
    }

    /// From `(path, comments)` pairs in the file's location order.
    pub fn from_locations(locations: impl IntoIterator<Item = (Vec<i32>, Comments)>) -> Self {
        let mut by_path = HashMap::new();
        for (path, c) in locations {
            // NB: protoc's `GetSourceLocation` answers with the first location of a path.
            by_path.entry(path).or_insert(c);
        }
        SourceComments { by_path }
    }

    /// The comments at `path`, if the file has a location there.
    pub fn at(&self, path: &[i32]) -> Option<&Comments> {
        self.by_path.get(path)
    }
}

/// The subset of protoc's `io::Printer` the generators use: text is appended as given, and
/// the current indent is written before the first character of every line that is not
/// itself empty.
pub struct Printer {
    out: String,
    indent: usize,
    step: usize,
    at_line_start: bool,
}

impl Printer {
    /// `step` spaces per `indent()` (2 in protoc, 4 for the pyi generator).
    pub fn new(step: usize) -> Printer {
        Printer {
            out: String::with_capacity(8192),
            indent: 0,
            step,
            at_line_start: true,
        }
    }

    pub fn indent(&mut self) {
        self.indent += self.step;
    }

    pub fn outdent(&mut self) {
        self.indent = self.indent.saturating_sub(self.step);
    }

    pub fn print(&mut self, text: &str) {
        for line in text.split_inclusive('\n') {
            if self.at_line_start && !line.starts_with('\n') {
                self.out.extend(std::iter::repeat_n(' ', self.indent));
            }
            self.out.push_str(line);
            self.at_line_start = line.ends_with('\n');
        }
    }

    pub fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_holds_one_value_per_type() {
        #[derive(Default)]
        struct A(std::cell::Cell<u32>);
        #[derive(Default)]
        struct B(u32);
        let shared = Shared::default();
        shared.get::<A>().0.set(7);
        assert_eq!(shared.get::<B>().0, 0);
        assert_eq!(shared.get::<A>().0.get(), 7);
        assert!(Rc::ptr_eq(&shared.get::<A>(), &shared.get::<A>()));
        assert_eq!(Shared::default().get::<A>().0.get(), 0);
    }

    #[test]
    fn parameters() {
        assert_eq!(
            parse_parameter("a,,b=c=d,"),
            [
                ("a".to_string(), String::new()),
                ("b".to_string(), "c=d".to_string())
            ]
        );
        assert!(parse_parameter("").is_empty());
    }

    #[test]
    fn printer_indents_non_empty_lines() {
        let mut p = Printer::new(2);
        p.print("a\n");
        p.indent();
        p.print("b\n\nc");
        p.print("d\n");
        p.outdent();
        p.print("e\n");
        assert_eq!(p.finish(), "a\n  b\n\n  cd\ne\n");
    }

    #[test]
    fn index_finds_types_through_the_pool() {
        use crate::compiler::{OpenError, SourceFile, SourceTree};
        struct Files;
        impl SourceTree for Files {
            fn open(&self, name: &str) -> Result<SourceFile, OpenError> {
                let contents: &str = match name {
                    "a.proto" => {
                        "syntax = \"proto3\"; package p.q; import \"b.proto\";\n\
                        message A { message B { enum E { Z = 0; } message C {} } B.C c = 1; }\n\
                        enum Top { T = 0; }\n\
                        service S { rpc Go(A) returns (.D); }"
                    }
                    "b.proto" => "syntax = \"proto3\"; message D { enum F { Y = 0; } }",
                    _ => return Err(OpenError::NotFound),
                };
                Ok(SourceFile {
                    contents: contents.as_bytes().to_vec(),
                    display_name: name.to_string(),
                })
            }
        }
        let mut diags = crate::diagnostics::Diagnostics::default();
        let inputs = ["a.proto".to_string()];
        let compilation =
            compiler::compile(&Files, &inputs, &Default::default(), &mut diags).expect("compiles");
        let requests = Requests::new(&compilation, &inputs);
        let request = requests.request("");
        let index = Index::new(&request);
        let found = |name: &str| {
            index
                .find(name)
                .map(|t| (t.file.name.as_str(), t.parents.join("."), t.full_name()))
        };
        let typed = |file: &'static str, parents: &str, full: &str| {
            Some((file, parents.to_string(), full.to_string()))
        };
        assert_eq!(found(".p.q.A"), typed("a.proto", "", "p.q.A"));
        assert_eq!(found(".p.q.A.B.C"), typed("a.proto", "A.B", "p.q.A.B.C"));
        assert_eq!(found(".p.q.A.B.E"), typed("a.proto", "A.B", "p.q.A.B.E"));
        assert_eq!(found(".p.q.Top"), typed("a.proto", "", "p.q.Top"));
        assert_eq!(found(".D.F"), typed("b.proto", "D", "D.F"));
        assert!(
            matches!(index.find(".p.q.A.B.E").map(|t| t.def), Some(TypeDef::Enum(e)) if e.name == "E")
        );
        assert!(index.find(".p.q.A").and_then(|t| t.message()).is_some());
        // Not types, or not names as linking spells them.
        for name in [".p.q.S", ".p.q.A.c", ".p.q", "p.q.A", ".p.q.Nope", ""] {
            assert!(index.find(name).is_none(), "{name}");
        }
    }

    #[test]
    fn comments_from_source_info() {
        let loc = |path: Vec<i32>, lead: &str| Location {
            path,
            leading_comments: Some(lead.as_bytes().to_vec()),
            leading_detached_comments: vec![b" detached\n".to_vec()],
            ..Default::default()
        };
        let file = FileDescriptorProto {
            // NB: protoc answers with the first location of a path.
            source_code_info: Some(SourceCodeInfo::Locations(vec![
                loc(vec![6, 0], " lead\n"),
                loc(vec![6, 0], " later\n"),
            ])),
            ..Default::default()
        };
        let c = SourceComments::new(&file);
        let got = c.at(&[6, 0]).expect("location");
        assert_eq!(got.leading.as_deref(), Some(" lead\n"));
        assert_eq!(got.leading_detached, [" detached\n"]);
        assert!(c.at(&[6]).is_none());
    }
}
