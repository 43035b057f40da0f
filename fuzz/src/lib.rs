//! The fuzz targets' entry points, one function per target: the libFuzzer binaries in
//! fuzz_targets/ call them, and tests/replay.rs runs every saved input (corpus/ and
//! regressions/) through them without libFuzzer. Each must return for any input: a panic, an
//! abort or a hang is a find.

use std::collections::HashMap;

use protoc_rs::codec::decode::decode;
use protoc_rs::codec::encode::encode;
use protoc_rs::codec::print::{missing_required, print_message};
use protoc_rs::codec::text_out::TextOut;
use protoc_rs::codec::unknown::{PRINT_RECURSION_LIMIT, parse_message, print_unknown};
use protoc_rs::compiler::options::schema::Schema;
use protoc_rs::compiler::source::bundled_file;
use protoc_rs::compiler::syntax::lexer::Lexer;
use protoc_rs::compiler::syntax::parser::parse_with_source_info;
use protoc_rs::compiler::{
    Compilation, CompileOptions, OpenError, SourceFile, SourceTree, compile as compile_files,
};
use protoc_rs::diagnostics::Diagnostics;
use protoc_rs::{Compiler, Release, with_large_stack};

/// A target's entry point: runs one input.
pub type Target = fn(&[u8]);

/// The targets, as scripts/fuzz and the replay test name them.
pub const TARGETS: &[(&str, Target)] = &[
    ("lexer", lexer),
    ("parser", parser),
    ("compile", compile),
    ("option_text", option_text),
    ("codec", codec),
];

/// Runs `f` on the compiler's large stack (as the CLI does), so that only real bugs, not the
/// fuzzer's 8 MiB main stack, can overflow; a panic there still fails the input.
fn on_compiler_stack(f: impl FnOnce() + Send + 'static) {
    with_large_stack(f).expect("the input panicked on the compiler's thread");
}

/// What `Compiler::compile` reports when its thread panicked.
const THREAD_FAILED: &str = "protoc-rs: the compiling thread failed";

/// Compiles `a.proto`. `Compiler::compile` turns a panic on its thread into an error (after
/// the panic hook ran, which aborts under libFuzzer); the replay test needs it as a panic.
fn compile_checked(c: &Compiler) {
    if let Err(e) = c.compile(&["a.proto"]) {
        let failed = e
            .diagnostics
            .iter()
            .any(|d| d.file.is_empty() && d.message == THREAD_FAILED);
        assert!(!failed, "the input panicked on the compiling thread");
    }
}

/// `.proto` tokenizer: every token of the input, with comments.
pub fn lexer(data: &[u8]) {
    let mut diags = Diagnostics::default();
    let mut lx = Lexer::new(data, "fuzz.proto", &mut diags);
    let mut comments = Default::default();
    while lx.next_with_comments(Some(&mut comments)) {}
}

/// `.proto` parser, with and without source info.
pub fn parser(data: &[u8]) {
    let data = data.to_vec();
    on_compiler_stack(move || {
        for source_info in [false, true] {
            let mut diags = Diagnostics::default();
            let _ = parse_with_source_info("fuzz.proto", &data, &mut diags, source_info);
        }
    });
}

/// Whole-file compile through the library API. Up to three files separated by NUL bytes:
/// `a.proto` (compiled), `b.proto` and `c.proto` (importable), beside the bundled
/// well-known types.
pub fn compile(data: &[u8]) {
    let mut c = Compiler::new();
    for (name, part) in ["a.proto", "b.proto", "c.proto"]
        .iter()
        .zip(data.splitn(3, |&b| b == 0))
    {
        c.file(name, part.to_vec());
    }
    c.include_source_info(true).include_imports(true);
    compile_checked(&c);
}

const OPTIONS_SCHEMA: &[u8] = include_bytes!("../schema/options.proto");

/// Option-value text format, two ways: as `--encode=fz.All` input (the text parser with the
/// default finder; every input) and, for inputs whose first byte is a multiple of 4, as an
/// aggregate option value in a file (`option (fz.all) = { DATA };`, through the option
/// interpreter). The file path compiles descriptor.proto each time (about 30 runs a second
/// under coverage), so it gets a quarter of the inputs rather than all.
pub fn option_text(data: &[u8]) {
    // On the fuzzer's thread: the schema is compiled once per thread, and the text parser's
    // nesting limit keeps it well inside a default stack.
    with_schema(|schema| {
        let _ = encode(schema, "fz.All", data, true);
    });
    if data.first().is_some_and(|b| b % 4 == 0) {
        let mut file =
            b"syntax = \"proto2\";\nimport \"options.proto\";\noption (fz.all) = {".to_vec();
        file.extend_from_slice(data);
        file.extend_from_slice(b"};\n");
        let mut c = Compiler::new();
        c.file("options.proto", OPTIONS_SCHEMA.to_vec())
            .file("a.proto", file);
        compile_checked(&c);
    }
}

/// The message types `codec` decodes into (the codec tests' schemas and descriptor.proto).
const CODEC_TYPES: &[&str] = &[
    "codec3.Scalars",
    "codec2.Legacy",
    "codec2.Set",
    "codec_ed.Editions",
    "google.protobuf.FileDescriptorSet",
    "fz.All",
];

/// `--decode_raw` and `--decode=T`: the first byte picks raw or one of [`CODEC_TYPES`], the
/// rest is the binary message.
pub fn codec(data: &[u8]) {
    let Some((&pick, msg)) = data.split_first() else {
        return;
    };
    let pick = usize::from(pick) % (CODEC_TYPES.len() + 1);
    let mut out = TextOut::default();
    if pick == CODEC_TYPES.len() {
        if let Some(fields) = parse_message(msg) {
            print_unknown(&fields, &mut out, PRINT_RECURSION_LIMIT);
        }
        return;
    }
    with_schema(|schema| {
        if let Ok(m) = decode(schema, CODEC_TYPES[pick], msg) {
            let _ = missing_required(schema, &m);
            print_message(schema, &m, &mut out);
        }
    });
}

/// In-memory files first, then the bundled includes.
struct MemoryTree(HashMap<&'static str, &'static [u8]>);

impl SourceTree for MemoryTree {
    fn open(&self, name: &str) -> Result<SourceFile, OpenError> {
        let contents = self
            .0
            .get(name)
            .copied()
            .or_else(|| bundled_file(Release::NEWEST, name));
        contents.map_or(Err(OpenError::NotFound), |c| {
            Ok(SourceFile {
                contents: c.to_vec(),
                display_name: name.to_string(),
            })
        })
    }
}

thread_local! {
    /// The codec and option schemas, compiled once per thread.
    static COMPILATION: &'static Compilation = compile_schemas();
}

fn compile_schemas() -> &'static Compilation {
    let files: HashMap<&'static str, &'static [u8]> = [
        ("options.proto", OPTIONS_SCHEMA),
        (
            "scalars3.proto",
            &include_bytes!("../../testdata/codec/protos/scalars3.proto")[..],
        ),
        (
            "legacy2.proto",
            &include_bytes!("../../testdata/codec/protos/legacy2.proto")[..],
        ),
        (
            "delimited.proto",
            &include_bytes!("../../testdata/codec/protos/delimited.proto")[..],
        ),
    ]
    .into_iter()
    .collect();
    let mut inputs: Vec<String> = files.keys().map(|k| k.to_string()).collect();
    inputs.sort();
    inputs.push("google/protobuf/descriptor.proto".to_string());
    let mut diags = Diagnostics::default();
    let c = compile_files(
        &MemoryTree(files),
        &inputs,
        &CompileOptions::default(),
        &mut diags,
    );
    assert!(!diags.has_errors(), "fuzz schemas: {:?}", diags.items);
    Box::leak(Box::new(c.expect("fuzz schemas compile")))
}

fn with_schema(f: impl FnOnce(&Schema)) {
    COMPILATION.with(|c| f(&Schema::new(&c.pool)))
}
