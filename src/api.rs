//! The library API, stable by intent: compile `.proto` files to a `FileDescriptorSet`, as
//! `protoc -o` writes it, with diagnostics as values. Everything else in the crate is internal
//! (`#[doc(hidden)]`) and may change in any release.
//!
//! The contract is the bytes: a serialized `google.protobuf.FileDescriptorSet`, identical to
//! protoc 35.1's for the same inputs and flags, editions and custom options included. Decode
//! it with any protobuf library that keeps unknown fields (prost-reflect, protobuf); the
//! `prost-types` feature adds [`Compiled::to_prost_types`], a lossy conversion.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::compiler::source::DiskSourceTree;
use crate::compiler::{self, CompileOptions, OpenError, SourceFile, SourceTree};
use crate::diagnostics::Diagnostics;
use crate::release::Release;

/// The stack of the thread a compilation runs on (the CLI's too). Every recursion of the
/// compiler is bounded by a nesting limit; this leaves room for the deepest accepted input,
/// whatever stack the caller has (a build script's main thread has a small one). Only the
/// pages actually touched are committed.
pub const STACK_SIZE: usize = 1 << 30;

/// Runs `f` on a thread with [`STACK_SIZE`] of stack; `None` if the thread could not start
/// or panicked.
pub fn with_large_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    std::thread::Builder::new()
        .name("protoc-rs".into())
        .stack_size(STACK_SIZE)
        .spawn(f)
        .ok()
        .and_then(|t| t.join().ok())
}

/// A compilation's configuration: include paths (`-I`), in-memory files, and what the
/// descriptor set keeps. Build one, then [`Compiler::compile`] any number of times.
///
/// ```
/// let compiled = protoc_rs::Compiler::new()
///     .file("greet.proto", "syntax = \"proto3\";\nmessage Hello { string name = 1; }\n")
///     .include_imports(true)
///     .compile(&["greet.proto"])
///     .expect("compiles");
/// // The bytes protoc's `-o --include_imports` would write.
/// assert!(compiled.descriptor_set().starts_with(b"\x0a"));
/// assert!(compiled.warnings().is_empty());
///
/// let errors = protoc_rs::Compiler::new()
///     .file("bad.proto", "syntax = \"proto3\";\nmessage Bad { Nope n = 1; }\n")
///     .compile(&["bad.proto"])
///     .unwrap_err();
/// let first = &errors.diagnostics[0];
/// assert_eq!((first.line, first.column), (Some(2), Some(15)));
/// assert_eq!(errors.to_string(), "bad.proto:2:15: \"Nope\" is not defined.");
/// ```
#[derive(Clone, Debug, Default)]
pub struct Compiler {
    includes: Vec<(String, PathBuf)>,
    files: Vec<(String, Vec<u8>)>,
    include_imports: bool,
    include_source_info: bool,
    retain_options: bool,
    release: Release,
}

/// Whether a [`Diagnostic`] stops the compilation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One error or warning, with protoc's file, position and text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as protoc names it: the path it was found at on disk (`protos/a.proto`), or
    /// its virtual name for in-memory and bundled files.
    pub file: String,
    /// 1-based line, when the message has a position.
    pub line: Option<u32>,
    /// 1-based column (protoc counts a tab as advancing to the next multiple of 8).
    pub column: Option<u32>,
    pub message: String,
    pub severity: Severity,
}

/// A failed compilation: every diagnostic protoc would have printed, in its order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Errors {
    pub diagnostics: Vec<Diagnostic>,
}

/// A successful compilation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Compiled {
    descriptor_set: Vec<u8>,
    warnings: Vec<Diagnostic>,
}

impl Compiler {
    pub fn new() -> Compiler {
        Compiler::default()
    }

    /// Adds an include directory, searched after the ones added before (`-I DIR`).
    pub fn include(&mut self, dir: impl AsRef<Path>) -> &mut Compiler {
        self.include_as("", dir)
    }

    /// Adds an include directory seen under a virtual prefix (`-I PREFIX=DIR`).
    pub fn include_as(&mut self, prefix: &str, dir: impl AsRef<Path>) -> &mut Compiler {
        self.includes
            .push((prefix.to_string(), dir.as_ref().to_path_buf()));
        self
    }

    /// Adds a file held in memory under a virtual name (`pkg/a.proto`), found before any
    /// include directory. A later file of the same name replaces an earlier one.
    pub fn file(&mut self, name: &str, contents: impl Into<Vec<u8>>) -> &mut Compiler {
        self.files.retain(|(n, _)| n != name);
        self.files.push((name.to_string(), contents.into()));
        self
    }

    /// Also put every imported file in the set, dependencies first (`--include_imports`).
    pub fn include_imports(&mut self, yes: bool) -> &mut Compiler {
        self.include_imports = yes;
        self
    }

    /// Keep comments and source positions (`--include_source_info`).
    pub fn include_source_info(&mut self, yes: bool) -> &mut Compiler {
        self.include_source_info = yes;
        self
    }

    /// Keep options with `retention = RETENTION_SOURCE` (`--retain_options`).
    pub fn retain_options(&mut self, yes: bool) -> &mut Compiler {
        self.retain_options = yes;
        self
    }

    /// Match this protoc release (`--protoc_release`): what is accepted, its messages and its
    /// bundled well-known types. Default: [`Release::NEWEST`]. The library never reads
    /// `PROTOC_RS_RELEASE`.
    pub fn release(&mut self, release: Release) -> &mut Compiler {
        self.release = release;
        self
    }

    /// Compiles `inputs`: virtual names (`pkg/a.proto`) or paths under an include directory
    /// (`protos/pkg/a.proto` with `include("protos")`), as protoc's command line takes them.
    /// Runs on a thread of its own with [`STACK_SIZE`] of stack.
    pub fn compile<S: AsRef<str>>(&self, inputs: &[S]) -> Result<Compiled, Errors> {
        let this = self.clone();
        let inputs: Vec<String> = inputs.iter().map(|s| s.as_ref().to_string()).collect();
        with_large_stack(move || this.compile_here(&inputs)).unwrap_or_else(|| {
            Err(Errors {
                diagnostics: vec![Diagnostic {
                    file: String::new(),
                    line: None,
                    column: None,
                    message: "protoc-rs: the compiling thread failed".to_string(),
                    severity: Severity::Error,
                }],
            })
        })
    }

    /// [`Compiler::compile`] on the calling thread.
    fn compile_here(&self, inputs: &[String]) -> Result<Compiled, Errors> {
        let tree = self.source_tree();
        let mut names = Vec::with_capacity(inputs.len());
        for input in inputs {
            if self.files.iter().any(|(n, _)| n == input) {
                names.push(input.clone());
                continue;
            }
            match tree.disk.map_input(input) {
                Ok(v) => names.push(v),
                // NB: protoc stops at the first input it cannot map; the line names it.
                Err(line) => return Err(Errors::from_line(line)),
            }
        }
        let options = CompileOptions {
            retain_options: self.retain_options,
            include_source_info: self.include_source_info,
            release: self.release,
            ..CompileOptions::default()
        };
        let mut diags = Diagnostics::default();
        let compilation = compiler::compile(&tree, &names, &options, &mut diags);
        let diagnostics: Vec<Diagnostic> = diags.items.iter().map(Diagnostic::from).collect();
        match compilation {
            Some(c) if !diags.has_errors() => Ok(Compiled {
                descriptor_set: compiler::descriptor_set(
                    &c,
                    &names,
                    self.include_imports,
                    &options,
                ),
                warnings: diagnostics,
            }),
            _ => Err(Errors { diagnostics }),
        }
    }

    fn source_tree(&self) -> MemoryThenDisk<'_> {
        let mut disk = DiskSourceTree::for_release(self.release);
        for (prefix, dir) in &self.includes {
            disk.map_path(prefix, &dir.to_string_lossy());
        }
        MemoryThenDisk {
            files: &self.files,
            disk,
        }
    }
}

/// In-memory files first, then the include directories and the bundled well-known types.
struct MemoryThenDisk<'a> {
    files: &'a [(String, Vec<u8>)],
    disk: DiskSourceTree,
}

impl SourceTree for MemoryThenDisk<'_> {
    fn open(&self, virtual_name: &str) -> Result<SourceFile, OpenError> {
        match self.files.iter().find(|(n, _)| n == virtual_name) {
            Some((name, contents)) => Ok(SourceFile {
                contents: contents.clone(),
                display_name: name.clone(),
            }),
            None => self.disk.open(virtual_name),
        }
    }
}

impl Compiled {
    /// The serialized `FileDescriptorSet`: the bytes `protoc -o` writes.
    pub fn descriptor_set(&self) -> &[u8] {
        &self.descriptor_set
    }

    pub fn into_descriptor_set(self) -> Vec<u8> {
        self.descriptor_set
    }

    /// The warnings protoc would print (unused imports, ...).
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// The set as `prost_types`. Lossy: prost-types 0.14 has no `edition` field and prost
    /// drops unknown fields, so editions and every custom option are lost; use
    /// [`Compiled::descriptor_set`] where they matter.
    ///
    /// ```
    /// let set = protoc_rs::Compiler::new()
    ///     .file("a.proto", "edition = \"2023\";\npackage a;\nmessage A { int32 x = 1; }\n")
    ///     .compile(&["a.proto"])
    ///     .unwrap()
    ///     .to_prost_types();
    /// assert_eq!(set.file[0].message_type[0].name(), "A");
    /// assert_eq!(set.file[0].syntax(), "editions"); // the edition itself is lost
    /// ```
    #[cfg(feature = "prost-types")]
    pub fn to_prost_types(&self) -> prost_types::FileDescriptorSet {
        // The bytes are protoc's encoding of this very message: decoding cannot fail.
        prost::Message::decode(self.descriptor_set.as_slice()).unwrap_or_default()
    }
}

impl Errors {
    /// A failure protoc reports as one line without a position (an input it cannot map).
    fn from_line(line: String) -> Errors {
        let (file, message) = match line.split_once(": ") {
            Some((f, m)) => (f.to_string(), m.to_string()),
            None => (String::new(), line),
        };
        Errors {
            diagnostics: vec![Diagnostic {
                file,
                line: None,
                column: None,
                message,
                severity: Severity::Error,
            }],
        }
    }
}

impl From<&crate::diagnostics::Diagnostic> for Diagnostic {
    fn from(d: &crate::diagnostics::Diagnostic) -> Diagnostic {
        Diagnostic {
            file: d.file.clone(),
            line: d.pos.map(|p| p.line + 1),
            column: d.pos.map(|p| p.col() + 1),
            message: d.message.clone(),
            severity: if d.warning || d.log {
                Severity::Warning
            } else {
                Severity::Error
            },
        }
    }
}

/// protoc's line for it (`--error_format=gcc`): `file:line:col: message`, `warning: ` before
/// a warning's message.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let warning = if self.severity == Severity::Warning {
            "warning: "
        } else {
            ""
        };
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{}:{l}:{c}: {warning}{}", self.file, self.message),
            _ if self.file.is_empty() => write!(f, "{}", self.message),
            _ => write!(f, "{}: {warning}{}", self.file, self.message),
        }
    }
}

/// Every diagnostic, one per line, as protoc prints them.
impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Errors {}
