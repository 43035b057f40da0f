//! The front end: source tree, parse, link, options, validate. `compile` runs the stages in
//! protoc's order (`semantics.md` section 1) over one shared pool of files.

pub mod build;
pub mod builtin;
pub mod canonical;
pub mod checks;
pub mod defaults;
pub mod extdecl;
pub mod features;
pub mod fxhash;
pub mod lexer;
pub mod lifetimes;
pub mod link;
pub mod options;
pub mod parser;
pub mod pool;
pub mod schema;
pub mod source;
pub mod structure;
pub mod text;
pub mod validate;
pub mod visibility;

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
#[derive(Default)]
pub struct Compilation {
    pub pool: pool::Pool,
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
    let mut b = build::Builder::new(tree, diags, *options, inputs);
    for input in inputs {
        // NB: protoc stops at the first input that fails.
        b.build(input)?;
    }
    if b.diags.has_errors() {
        return None;
    }
    let display = |name: &str| {
        b.display
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.to_string())
    };
    if !checks::run(&b.pool, inputs, &display, b.diags) {
        return None;
    }
    Some(Compilation { pool: b.pool })
}

/// The `-o` output: a `FileDescriptorSet` of `inputs` (with their imports, post-order, when
/// `include_imports`), encoded in protoc's byte order.
pub fn descriptor_set(
    compilation: &Compilation,
    inputs: &[String],
    include_imports: bool,
    options: &CompileOptions,
) -> Vec<u8> {
    let pool = &compilation.pool;
    let order = output_order(pool, inputs, include_imports);
    let enc = crate::descriptor::encode::EncodeOptions { json_names: true };
    let mut out = Vec::new();
    for i in order {
        let file = pool.file(i);
        // Generators compile with source info; `-o` keeps it only when asked for.
        let without_info;
        let file = if file.source_code_info.is_some() && !options.include_source_info {
            without_info = crate::descriptor::model::FileDescriptorProto {
                source_code_info: None,
                ..file.clone()
            };
            &without_info
        } else {
            file
        };
        if options.retain_options {
            crate::descriptor::encode::write_file_field(&mut out, 1, file, &enc);
        } else {
            let stripped = strip_source_retention(pool, file);
            crate::descriptor::encode::write_file_field(&mut out, 1, &stripped, &enc);
        }
    }
    out
}

/// Files in protoc's output order: per input, a post-order walk of its imports.
pub fn output_order(pool: &pool::Pool, inputs: &[String], include_imports: bool) -> Vec<u32> {
    fn walk(pool: &pool::Pool, i: u32, seen: &mut Vec<bool>, out: &mut Vec<u32>) {
        if seen[i as usize] {
            return;
        }
        seen[i as usize] = true;
        let f = pool.file(i);
        for d in f.dependency.iter().chain(&f.option_dependency) {
            if let Some(&j) = pool.file_index.get(d.as_str()) {
                walk(pool, j, seen, out);
            }
        }
        out.push(i);
    }
    let mut seen = vec![false; pool.files.len()];
    let mut order = Vec::new();
    for name in inputs {
        if let Some(&i) = pool.file_index.get(name.as_str()) {
            walk(pool, i, &mut seen, &mut order);
        }
    }
    if !include_imports {
        let wanted: std::collections::HashSet<&str> = inputs.iter().map(|s| s.as_str()).collect();
        order.retain(|&i| wanted.contains(pool.file(i).name.as_str()));
    }
    order
}

/// retention.cc `StripSourceRetentionOptions`: every options message re-encoded against the
/// pool's descriptor.proto (protoc's own if the pool has none), source-retention fields
/// dropped, options emptied by that removed; with source info, the locations of everything
/// removed are dropped too (`StripSourceCodeInfo`).
pub fn strip_source_retention(
    pool: &pool::Pool,
    file: &crate::descriptor::model::FileDescriptorProto,
) -> crate::descriptor::model::FileDescriptorProto {
    let schema_pool = if pool.find("google.protobuf.FileOptions").is_some() {
        pool
    } else {
        builtin::pool()
    };
    let schema = schema::Schema::new(schema_pool);
    let canon = canonical::Canon {
        schema: &schema,
        strip: true,
    };
    let mut out = file.clone();
    let source_info = out.source_code_info.is_some();
    let mut stripped: Vec<Vec<i32>> = Vec::new();
    for e in options::elements(file) {
        if let Some(o) = options::options_at_mut(&mut out, &e.path, e.kind) {
            let before = o.bytes.is_empty();
            let mut trace = source_info.then(|| canonical::StripTrace {
                path: options::options_path(&e),
                stripped: Vec::new(),
            });
            o.bytes = canon.message_traced(e.kind.type_name(), &o.bytes, &mut trace);
            if let Some(t) = trace {
                stripped.extend(t.stripped);
            }
            if o.bytes.is_empty() && !before {
                clear_options(&mut out, &e.path, e.kind);
                stripped.push(options::options_path(&e));
            }
        }
    }
    if !stripped.is_empty()
        && let Some(info) = &mut out.source_code_info
    {
        info.location
            .retain(|l| !stripped.iter().any(|p| l.path.starts_with(p)));
    }
    out
}

fn clear_options(
    file: &mut crate::descriptor::model::FileDescriptorProto,
    path: &[i32],
    kind: options::OptionsKind,
) {
    // An emptied options message is removed entirely (retention.cc).
    if let Some(o) = options::options_at_mut(file, path, kind) {
        o.bytes.clear();
    }
    options::remove_options(file, path, kind);
}
