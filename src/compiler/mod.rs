//! The front end: source tree, parse, link, options, validate. `compile` runs the stages in
//! protoc's order (`semantics.md` section 1) over one shared pool of files.

pub mod lexer;
pub mod parser;
pub mod source;

use crate::descriptor::model::FileDescriptorProto;

/// Where `.proto` files come from: `-I` directories, then the bundled include directory.
pub trait SourceTree {
    /// Opens a file by its virtual name (`google/protobuf/any.proto`).
    fn open(&self, virtual_name: &str) -> Result<SourceFile, OpenError>;
}

/// A file read from a source tree.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub contents: Vec<u8>,
    /// How diagnostics name the file: its disk path (`protos/a.proto`) or, for a bundled
    /// file, its virtual name.
    pub display_name: String,
}

/// Why a file could not be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenError {
    /// Not found anywhere: protoc prints `x.proto: File not found.`
    NotFound,
    /// Found but unreadable (a directory, permissions): protoc prints the message given.
    Unreadable(String),
}

/// What a compilation produces: every file built, in build order (dependencies first).
#[derive(Debug, Default)]
pub struct Compilation {
    pub files: Vec<FileDescriptorProto>,
}

/// Options of a compilation that change what is built.
#[derive(Clone, Copy, Debug, Default)]
pub struct CompileOptions {
    /// `--retain_options`: keep source-retention options and protoc's interpretation order.
    pub retain_options: bool,
    /// `--include_source_info`.
    pub include_source_info: bool,
}

/// Builds `inputs` (virtual names, command-line order) and everything they import. Returns
/// `None` when any error was reported to `diags` (warnings alone still return the files).
pub fn compile(
    tree: &dyn SourceTree,
    inputs: &[String],
    options: &CompileOptions,
    diags: &mut crate::diagnostics::Diagnostics,
) -> Option<Compilation> {
    let _ = (tree, inputs, options, diags);
    None
}

/// The `-o` output: a `FileDescriptorSet` of `inputs` (with their imports, post-order, when
/// `include_imports`), encoded in protoc's byte order.
pub fn descriptor_set(
    compilation: &Compilation,
    inputs: &[String],
    include_imports: bool,
    options: &CompileOptions,
) -> Vec<u8> {
    let _ = (compilation, inputs, include_imports, options);
    Vec::new()
}
