//! Running a resolved invocation in protoc's order (`CommandLineInterface::Run`): source
//! tree and input mapping, compile (diagnostics printed in order), generators in
//! command-line order, the `-o` descriptor set, then every output written in one commit (or
//! compared, with `--check`), then the exit code (`--fatal_warnings`). protoc-rs's hints are
//! asked for where each stage fails and printed after everything else (`hints`).

use super::console::Console;
use super::depfile;
use super::free_fields;
use super::hints::{self, Hints, Place, ProtoPath};
use super::invocation::{Invocation, Output};
use crate::compiler::descriptor_sets::{DescriptorSets, WithDescriptorSets};
use crate::compiler::{self, Compilation, CompileOptions, SourceTree, source::DiskSourceTree};
use crate::descriptor::model::{Syntax, edition, edition_name};
use crate::diagnostics::Diagnostics;
use crate::generator::python::target::editions_error;
use crate::generator::{Generator, Requests, Response, Setup, Shared, registry};
use crate::output::{Outputs, WriteError};

/// The front end `execute` drives; a seam so the stage order can be tested without it.
pub struct Backend {
    pub compile:
        fn(&dyn SourceTree, &[String], &CompileOptions, &mut Diagnostics) -> Option<Compilation>,
    pub descriptor_set: DescriptorSetParts,
}

/// The `-o` set of the inputs (with imports?), in parts written one after another; the last
/// reader of the compilation's source info, which it may move out.
pub type DescriptorSetParts =
    fn(&mut Compilation, &[String], bool, &CompileOptions) -> Vec<Vec<u8>>;

/// The real front end.
pub const COMPILER: Backend = Backend {
    compile: compiler::compile,
    descriptor_set: compiler::descriptor_set_parts,
};

/// NB: the release `--python_target` copies may refuse what compiled here. protoc 25.1:
/// editions inputs without --experimental_editions (the first one; google/protobuf/ and upb/
/// exempt). protoc 27.2/29.0: an edition after 2023 is a parse error (the first input).
/// protoc 31.1: its Python generators refuse an edition after 2023 (the first input, printed
/// without a newline). Only the inputs are checked, not their imports.
fn refused_by_target(
    inv: &Invocation,
    inputs: &[String],
    compilation: &Compilation,
    con: &mut Console,
) -> Option<i32> {
    let shape = &inv.python;
    let python_outputs = inv.outputs.iter().any(|o| {
        matches!(
            o.flag.as_str(),
            "--python_out" | "--pyi_out" | "--grpc_python_out"
        )
    });
    for name in inputs {
        let Some(&i) = compilation.pool.file_index.get(name) else {
            continue;
        };
        let f = compilation.pool.file(i);
        let Syntax::Editions(edition) = f.syntax else {
            continue;
        };
        // protoc 25.1's parser knows no edition after 2023: an error at the edition's string,
        // taken to be 10 columns after the keyword (`edition = "`, the usual spelling).
        if shape.unknown_later_editions && edition > edition::E2023 {
            let pos = f
                .loc
                .syntax
                .map(|p| format!("{}:{}", p.line + 1, p.col() + 11));
            con.err_line(&format!(
                "{}:{}: Unknown edition \"{}\".",
                f.name,
                pos.unwrap_or_else(|| "1:11".to_string()),
                edition_name(edition)
            ));
            return Some(1);
        }
        // NB: protoc 30.0 to 35.1 check the maximum in their feature resolver, which lets
        // edition UNSTABLE through.
        if let Some(max) = shape.parser_max_edition.filter(|&max| {
            edition > max && !(max >= edition::E2024 && edition == edition::UNSTABLE)
        }) {
            let pos = f
                .loc
                .syntax
                .map(|p| format!("{}:{}", p.line + 1, p.col() + 1));
            con.err_line(&format!(
                "{}:{}: Edition {} is later than the maximum supported edition {}",
                f.name,
                pos.unwrap_or_else(|| "1:1".to_string()),
                edition_name(edition),
                edition_name(max)
            ));
            return Some(1);
        }
        if shape.rejects_editions
            && !name.starts_with("google/protobuf/")
            && !name.starts_with("upb/")
        {
            con.err_line(&editions_error(&f.name));
            return Some(1);
        }
        if python_outputs && shape.generator_max_edition.is_some_and(|max| edition > max) {
            // NB: protoc 31.1 ends this message without a newline.
            let _ = con.err.write_all(
                format!(
                    "{}: is a file using edition {}, which is later than the protoc maximum \
                     supported edition 2023.",
                    f.name,
                    edition_name(edition)
                )
                .as_bytes(),
            );
            return Some(1);
        }
    }
    None
}

/// Runs `inv`; returns the exit code. Hints, when shown, follow everything protoc printed.
pub fn execute(inv: &Invocation, con: &mut Console, backend: &Backend) -> i32 {
    let mut hints = Hints::new(inv.hints);
    let code = stages(inv, con, backend, &mut hints);
    hints.print(con);
    code
}

/// The `-I` directories of `inv`, for hints.
fn proto_path(inv: &Invocation) -> ProtoPath<'_> {
    ProtoPath {
        mappings: &inv.proto_path,
        default: inv.default_proto_path,
        release: inv.compile_options.release,
    }
}

/// Every place `inv` writes, for hints.
fn places(inv: &Invocation) -> Vec<Place<'_>> {
    let mut places: Vec<Place> = inv
        .outputs
        .iter()
        .map(|o| Place {
            flag: &o.flag,
            path: &o.location,
            directory: !crate::output::archive::is_archive(&o.location),
        })
        .collect();
    let files = [
        ("-o", inv.descriptor_set_out.as_deref()),
        ("--dependency_out", inv.dependency_out.as_deref()),
        (
            "--edition_defaults_out",
            inv.edition_defaults.as_ref().map(|e| e.path.as_str()),
        ),
    ];
    for (flag, path) in files {
        if let Some(path) = path {
            places.push(Place {
                flag,
                path,
                directory: false,
            });
        }
    }
    places
}

fn stages(inv: &Invocation, con: &mut Console, backend: &Backend, hints: &mut Hints) -> i32 {
    // protoc reads the descriptor sets first, then sets up the source tree in front of them.
    let sets = match DescriptorSets::load(&inv.descriptor_set_in) {
        Ok(sets) => sets,
        Err(line) => {
            con.err_line(&line);
            return 1;
        }
    };
    let mut disk = DiskSourceTree::for_release(inv.compile_options.release);
    for (virt, disk_path) in &inv.proto_path {
        disk.map_path(virt, disk_path);
    }
    // protoc stops at the first input it cannot map. Each mapping asks the file system about
    // the input (three or four system calls), so many inputs are mapped on several threads;
    // mapping only reads.
    let threads = match inv.inputs.len() >= MAP_IN_PARALLEL_FROM {
        true => crate::parallel::thread_count(),
        false => 1,
    };
    let mapped = crate::parallel::map_in_order(&inv.inputs, threads, |input| {
        disk.map_input_with_fallback(input, sets.contains(input))
    });
    let mut inputs = Vec::with_capacity(inv.inputs.len());
    for (input, mapped) in inv.inputs.iter().zip(mapped) {
        match mapped {
            Ok(v) => inputs.push(v),
            Err(line) => {
                con.err_line(&line);
                hints.add(|| hints::unmapped_input(input, &proto_path(inv)));
                return 1;
            }
        }
    }

    let tree = WithDescriptorSets {
        tree: &disk,
        sets: &sets,
    };
    let mut diags = Diagnostics::default();
    // Generators see the source info they read (comments); `-o` strips it unless asked for.
    let mut compile_options = inv.compile_options.clone();
    if !inv.outputs.is_empty() && !compile_options.include_source_info {
        let needed = registry::source_info_needed(inv.outputs.iter().map(|o| o.generator));
        compile_options.include_source_info = needed.as_ref().is_none_or(|t| !t.is_empty());
        compile_options.source_info_under = needed;
    }
    let compilation = (backend.compile)(&tree, &inputs, &compile_options, &mut diags);
    for d in &diags.items {
        con.err_line(&inv.error_format.render(d));
    }
    if let Some(line) = diags.omitted_line() {
        con.err_line(&line);
    }
    hints.add(|| hints::missing_import(&diags.items, &inv.inputs, &proto_path(inv)));
    let mut held = DroppedAside(compilation);
    let Some(compilation) = held.0.as_mut() else {
        return 1;
    };
    if diags.has_errors() {
        return 1;
    }
    if let Some(code) = refused_by_target(inv, &inputs, compilation, con) {
        return code;
    }

    // Every output's generator is made before the first runs, so generators can learn about
    // their siblings (`Setup`); they then run in command-line order. Those sharing a location
    // share one staged directory (so insertion points work across them); nothing is written
    // until all ran.
    let shared = Shared::default();
    let generators: Vec<Option<Box<dyn Generator>>> = inv
        .outputs
        .iter()
        .map(|o| {
            o.generator.map(|g| {
                (g.make)(&Setup {
                    location: &o.location,
                    shared: &shared,
                    python: &inv.python,
                })
            })
        })
        .collect();
    let requests = Requests::new(compilation, &inputs);
    let mut outputs = Outputs::default();
    let mut rebuild_failure = None;
    for (output, generator) in inv.outputs.iter().zip(&generators) {
        // protoc's other built-ins (run through a real protoc) rebuild the files as well.
        let rebuilds = match &output.plugin {
            Some(plugin) => crate::generator::plugin::protoc::runs(&output.flag, plugin),
            None => output.generator.is_some_and(|g| g.rebuilds),
        };
        if rebuilds {
            let failure = rebuild_failure.get_or_insert_with(|| first_rebuild_failure(&requests));
            if let Some((file, errors)) = failure {
                print_rebuild_failure(con, compilation.pool.release, file, errors);
                con.err_line(&format!("{}: ", output.flag));
                return 1;
            }
        }
        if let Some(plugin) = &output.plugin {
            let dir = outputs.directory(&output.location);
            if !super::plugin_output::generate(
                output,
                plugin,
                &requests,
                compilation,
                &inputs,
                dir,
                con,
                hints,
            ) {
                return 1;
            }
            continue;
        }
        // protoc would have run a protoc-gen-NAME on PATH for `--grpc_out`/`--rust_out`.
        hints.add(|| hints::plugin_on_path(&output.flag));
        let response = match generate(output, generator.as_deref(), &requests) {
            Ok(r) => r,
            Err(e) => {
                con.err_line(&format!("{}: {e}", output.flag));
                return 1;
            }
        };
        if let Some(e) = &response.error {
            con.err_line(&format!("{}: {e}", output.flag));
            return 1;
        }
        match outputs
            .directory(&output.location)
            .apply(response, &output.flag)
        {
            Ok(lines) => {
                for line in lines {
                    con.err_line(&line);
                }
            }
            Err(e) => {
                con.err_line(&e);
                return 1;
            }
        }
    }
    // protoc writes the dependency manifest after the generators' files, before `-o`.
    if let Some(path) = &inv.dependency_out {
        let bytes = dependency_manifest(inv, &outputs, compilation, &inputs, &disk);
        outputs.add_file(path, bytes);
    }
    if let Some(path) = &inv.descriptor_set_out {
        let bytes = (backend.descriptor_set)(
            compilation,
            &inputs,
            inv.include_imports,
            &inv.compile_options,
        );
        outputs.add_file_parts(path, bytes);
    }

    // protoc writes the edition defaults after `-o`.
    if let Some(out) = &inv.edition_defaults {
        let schema = crate::compiler::options::schema::Schema::new(&compilation.pool);
        match crate::codec::edition_defaults::compile(
            &schema,
            out.minimum.as_deref(),
            out.maximum.as_deref(),
        ) {
            Ok(bytes) => outputs.add_file(&out.path, bytes),
            Err(e) => {
                con.err_line(&format!("{}: {e}", out.path));
                return 1;
            }
        }
    }

    // Everything is written at once (protoc's order: the directories, then `-o`), or nothing.
    let allow_escape = inv.unsafe_allow_out_dir_escape;
    if inv.check {
        match outputs.check(allow_escape) {
            Ok(report) if report.stale > 0 => {
                con.out_str(&report.text);
                return 1;
            }
            Ok(_) => {}
            Err(e) => return write_failed(con, &e, inv, hints),
        }
    } else {
        match outputs.commit(allow_escape) {
            Ok(written) => {
                if let Some(code) = written.interrupted {
                    con.err_line("protoc-rs: interrupted; every output was written");
                    return code;
                }
            }
            Err(e) => return write_failed(con, &e, inv, hints),
        }
    }

    // protoc encodes or decodes after writing the outputs, and fails on warnings after that.
    if let Some(codec) = &inv.codec {
        let code = super::codec::run(codec, compilation, inv.error_format, con);
        if code != 0 {
            return code;
        }
    }

    // NB: protoc writes every output before failing on warnings.
    let warned = diags
        .items
        .iter()
        .any(|d| d.warning && !d.log && !d.non_fatal);
    if inv.fatal_warnings && warned {
        return 1;
    }
    if inv.print_free_field_numbers {
        con.out_str(&free_fields::render(&compilation.pool, &inputs));
    }
    0
}

/// The `--dependency_out` file's bytes: every output location's files (first use on the
/// command line first), then `-o`, depending on the inputs and their imports.
fn dependency_manifest(
    inv: &Invocation,
    outputs: &Outputs,
    compilation: &Compilation,
    inputs: &[String],
    tree: &DiskSourceTree,
) -> Vec<u8> {
    let targets = depfile::targets(
        &outputs.directory_paths(),
        inv.descriptor_set_out.as_deref(),
    );
    let dependencies = depfile::dependencies(compilation, inputs, tree);
    depfile::render(&targets, &dependencies)
}

/// Prints a failed commit or check; returns the exit code.
fn write_failed(con: &mut Console, e: &WriteError, inv: &Invocation, hints: &mut Hints) -> i32 {
    match e {
        WriteError::Reported => {}
        WriteError::Line(_) | WriteError::Interrupted(_) => con.err_line(&e.to_string()),
        WriteError::Unterminated(line) => {
            let _ = con.err.write_all(line.as_bytes());
            hints.after_partial_line();
        }
    }
    if let WriteError::Line(line) | WriteError::Unterminated(line) = e {
        hints.add(|| hints::missing_output_dirs(line, &places(inv)));
    }
    match e {
        WriteError::Interrupted(code) => *code,
        _ => 1,
    }
}

/// The first file of the request (dependencies first) that protoc's built-in generators
/// would fail to rebuild (`after_options::rebuild_errors`), with its errors.
fn first_rebuild_failure(requests: &Requests) -> Option<(String, Vec<(String, String)>)> {
    let pool = requests.pool();
    compiler::output_order(pool, requests.files_to_generate(), true)
        .into_iter()
        .map(|i| pool.file(i))
        .find_map(|f| {
            let errors = compiler::check::after_options::rebuild_errors(pool, f);
            (!errors.is_empty()).then(|| (f.name.clone(), errors))
        })
}

/// protoc's pool without an error collector logs a file that does not build through absl
/// (`Console::absl_errors`): a heading, then each error with its element.
fn print_rebuild_failure(
    con: &mut Console,
    release: crate::release::Release,
    file: &str,
    errors: &[(String, String)],
) {
    let (heading, each) = release.invalid_descriptor_log_lines();
    let mut lines = vec![(
        format!("descriptor.cc:{heading}"),
        format!("Invalid proto descriptor for file \"{file}\":"),
    )];
    lines.extend(errors.iter().map(|(element, message)| {
        (
            format!("descriptor.cc:{each}"),
            format!("  {element}: {message}"),
        )
    }));
    con.absl_errors(&lines);
}

/// Runs one output's built-in generator on the request protoc would build for
/// it. `Err` is printed after `--X_out: `.
fn generate(
    output: &Output,
    generator: Option<&dyn Generator>,
    requests: &Requests,
) -> Result<Response, String> {
    let Some(generator) = generator else {
        return Err("no generator".to_string());
    };
    Ok(generator.generate(&requests.request(&output.parameter)))
}

/// Holds the compilation of a run and drops it on a thread of its own: freeing every file of
/// a large run is a few percent of it (googleapis: ~40 ms), which nobody needs to wait for;
/// the binary exits without waiting for that thread. A small one is dropped in place: a
/// thread would cost more than the freeing.
struct DroppedAside(Option<Compilation>);

/// Inputs from which they are mapped to virtual names on several threads.
const MAP_IN_PARALLEL_FROM: usize = 64;

/// Files from which a compilation is dropped aside.
const DROP_ASIDE_FROM: usize = 64;

impl Drop for DroppedAside {
    fn drop(&mut self) {
        if let Some(compilation) = self.0.take()
            && compilation.pool.files.len() >= DROP_ASIDE_FROM
        {
            // Where no thread can be started, the closure and with it the compilation are
            // dropped here.
            let _ = std::thread::Builder::new()
                .name("protoc-rs-free".into())
                .spawn(move || drop(compilation));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::raw::{self, Parsed};
    use crate::descriptor::model::Pos;

    /// Runs `args` in `dir` against `backend`; returns (code, stderr).
    fn run_in(dir: &std::path::Path, args: &[&str], backend: &Backend) -> (i32, String) {
        let mut args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        // Inputs and outputs are made absolute so the test does not depend on the cwd.
        let d = dir.to_str().expect("utf8").to_string();
        args.insert(0, format!("-I{d}"));
        for a in &mut args {
            *a = a.replace("$D", &d);
        }
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let mut con = Console {
            out: &mut out,
            err: &mut err,
        };
        let code = match raw::parse(&args, None, crate::release::Release::V35_1, &mut con) {
            Parsed::Run(r) => match crate::cli::invocation::resolve(*r) {
                Ok(inv) => execute(&inv, &mut con, backend),
                Err(e) => {
                    con.err_line(&e);
                    1
                }
            },
            Parsed::Help(_) => 0,
            Parsed::Exit(c) => c,
        };
        (code, String::from_utf8(err).expect("utf8"))
    }

    fn warn_compile(
        tree: &dyn SourceTree,
        inputs: &[String],
        _: &CompileOptions,
        diags: &mut Diagnostics,
    ) -> Option<Compilation> {
        let f = tree.open(&inputs[0]).ok()?;
        assert_eq!(inputs[0], "a.proto");
        diags.warning(
            &f.display_name,
            Some(Pos::new(2, 0)),
            "Import ok.proto is unused.",
        );
        Some(Compilation::default())
    }

    fn error_compile(
        _: &dyn SourceTree,
        _: &[String],
        _: &CompileOptions,
        diags: &mut Diagnostics,
    ) -> Option<Compilation> {
        diags.error("a.proto", Some(Pos::new(2, 24)), "Expected \";\".");
        diags.error("b.proto", None, "File not found.");
        None
    }

    fn bytes(
        _: &mut Compilation,
        inputs: &[String],
        imports: bool,
        o: &CompileOptions,
    ) -> Vec<Vec<u8>> {
        let all = format!(
            "{inputs:?} {imports} {} {}",
            o.include_source_info, o.retain_options
        );
        // In two parts, as the real set comes: the file holds them one after the other.
        let (a, b) = all.split_at(all.len() / 2);
        vec![a.as_bytes().to_vec(), b.as_bytes().to_vec()]
    }

    const WARN: Backend = Backend {
        compile: warn_compile,
        descriptor_set: bytes,
    };
    const ERROR: Backend = Backend {
        compile: error_compile,
        descriptor_set: bytes,
    };

    fn fixture() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("a.proto"), "syntax = \"proto3\";\n").expect("write");
        dir
    }

    #[test]
    fn warnings_print_and_output_is_written() {
        let dir = fixture();
        let (code, err) = run_in(
            dir.path(),
            &[
                "-o",
                "$D/x.pb",
                "--include_imports",
                "--retain_options",
                "$D/a.proto",
            ],
            &WARN,
        );
        let d = dir.path().display();
        assert_eq!(
            err,
            format!("{d}/a.proto:3:1: warning: Import ok.proto is unused.\n")
        );
        assert_eq!(code, 0);
        let written = std::fs::read(dir.path().join("x.pb")).expect("written");
        assert_eq!(written, br#"["a.proto"] true false true"#);
    }

    #[test]
    fn fatal_warnings_write_then_fail() {
        let dir = fixture();
        let (code, err) = run_in(
            dir.path(),
            &[
                "--error_format=msvs",
                "--fatal_warnings",
                "-o",
                "$D/x.pb",
                "$D/a.proto",
            ],
            &WARN,
        );
        let d = dir.path().display();
        assert_eq!(
            err,
            format!("{d}/a.proto(3) : warning in column=1: warning: Import ok.proto is unused.\n")
        );
        assert_eq!(code, 1);
        assert!(dir.path().join("x.pb").exists());
    }

    #[test]
    fn errors_print_in_order_and_leave_output_alone() {
        let dir = fixture();
        std::fs::write(dir.path().join("x.pb"), "old").expect("write");
        let (code, err) = run_in(dir.path(), &["-o", "$D/x.pb", "$D/a.proto"], &ERROR);
        assert_eq!(
            err,
            "a.proto:3:25: Expected \";\".\nb.proto: File not found.\n"
        );
        assert_eq!(code, 1);
        assert_eq!(
            std::fs::read(dir.path().join("x.pb")).expect("read"),
            b"old"
        );
    }

    #[test]
    fn unwritable_output() {
        let dir = fixture();
        let (code, err) = run_in(dir.path(), &["-o", "$D/no/x.pb", "$D/a.proto"], &WARN);
        let d = dir.path().display();
        assert_eq!(code, 1);
        assert!(
            err.ends_with(&format!("{d}/no/x.pb: No such file or directory\n")),
            "{err}"
        );
    }

    #[test]
    fn a_missing_plugin_fails_before_o_is_written() {
        let dir = fixture();
        let (code, err) = run_in(
            dir.path(),
            &[
                "--plugin=protoc-gen-foo=$D/missing",
                "--foo_out=$D",
                "-o",
                "$D/x.pb",
                "$D/a.proto",
            ],
            &WARN,
        );
        assert_eq!(code, 1);
        assert!(
            err.ends_with("--foo_out: protoc-gen-foo: Plugin failed with status code 1.\n"),
            "{err}"
        );
        assert!(
            !dir.path().join("x.pb").exists(),
            "generators run before -o"
        );
    }
}
