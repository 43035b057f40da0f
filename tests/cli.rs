//! Command-line behaviour of the real binary: stdout, stderr and exit code for each case,
//! with expected texts taken byte for byte from protoc 35.1 (grpcio-tools 1.85.1 run as
//! `protoc`). Cases that would reach compilation only assert what happens before it.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

const DOES_NOT_RESIDE: &str = "File does not reside within any path specified using \
    --proto_path (or -I).  You must specify a --proto_path which encompasses this file.  Note \
    that the proto_path must be an exact prefix of the .proto file names -- protoc is too dumb \
    to figure out when two paths (e.g. absolute and relative) are equivalent (it's harder than \
    you think).";

const EMPTY_ARG: &str = "You seem to have passed an empty string as one of the arguments to \
    protoc.  This is actually sort of hard to do.  Congrats.  Unfortunately it is not valid \
    input so the program is going to die now.\n";

/// A scratch directory holding a few inputs; the binary runs inside it.
struct Fixture {
    dir: tempfile::TempDir,
}

#[derive(Debug, PartialEq, Eq)]
struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().expect("tempdir");
        let proto = "syntax = \"proto3\";\nmessage A {}\n";
        let p = dir.path();
        fs::write(p.join("a.proto"), proto).expect("write");
        fs::create_dir(p.join("sub")).expect("mkdir");
        fs::write(p.join("sub/a.proto"), proto).expect("write");
        fs::create_dir(p.join("dir.proto")).expect("mkdir");
        fs::create_dir(p.join("eq=dir")).expect("mkdir");
        fs::write(p.join("eq=dir/a.proto"), proto).expect("write");
        Fixture { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn abs(&self, rel: &str) -> String {
        let p: PathBuf = self.path().join(rel);
        p.to_str().expect("utf8 path").to_string()
    }

    fn write(&self, rel: &str, contents: &str) {
        fs::write(self.path().join(rel), contents).expect("write");
    }

    fn run(&self, args: &[&str]) -> Out {
        let o = common::protoc_rs()
            .args(args)
            .current_dir(self.path())
            .output()
            .expect("run protoc-rs");
        Out {
            code: o.status.code().expect("exit code"),
            stdout: String::from_utf8(o.stdout).expect("utf8 stdout"),
            stderr: String::from_utf8(o.stderr).expect("utf8 stderr"),
        }
    }

    /// Asserts a failure with exactly `stderr` and nothing on stdout.
    fn fails(&self, args: &[&str], stderr: &str) {
        let out = self.run(args);
        assert_eq!(
            out,
            Out {
                code: 1,
                stdout: String::new(),
                stderr: stderr.to_string()
            },
            "args: {args:?}"
        );
    }
}

fn help_of(out: &Out) -> &str {
    assert_eq!(out.code, 0);
    assert_eq!(out.stderr, "");
    &out.stdout
}

#[test]
fn no_arguments_prints_help() {
    let f = Fixture::new();
    let out = f.run(&[]);
    let help = help_of(&out);
    assert!(help.starts_with(
        "Usage: protoc-rs [OPTION] PROTO_FILES\n\
         Parse PROTO_FILES and generate output based on the options given:\n"
    ));
    // protoc's help ends with the `@<filename>` block; protoc-rs adds its own flags and its
    // version after it.
    assert!(help.contains("                              even if it contains spaces.\n"));
    assert!(help.contains("stdout, text files with a short diff).\n"));
    assert!(help.contains("\n  --python_target=protobuf==X.Y.Z[,grpcio==A.B.C]\n"));
    assert!(help.contains("\n  --hints=auto|always|never   "));
    assert!(help.ends_with(&format!(
        "\nprotoc-rs {}, a drop-in replacement for libprotoc 35.1.\n",
        env!("CARGO_PKG_VERSION")
    )));
    // Each generator a line of its own; protoc's other built-ins, through a real protoc.
    for line in [
        "\n  --cpp_out=OUT_DIR           Generate C++ header and source.\n\
         \x20                             protoc-rs: through $PROTOC_RS_PROTOC or protoc.\n",
        "\n  --grpc_out=OUT_DIR          Generate Rust gRPC (tonic) service sources.\n",
        "\n  --grpc_python_out=OUT_DIR   Generate Python gRPC service stubs.\n",
        "\n  --pyi_out=OUT_DIR           Generate Python pyi stub.\n",
        "\n  --python_out=OUT_DIR        Generate Python source file.\n",
        "\n  --rust_out=OUT_DIR          Generate Rust (prost) sources.\n",
        "\n  --plugin=EXECUTABLE         Specifies a plugin executable to use.\n",
    ] {
        assert!(help.contains(line), "missing {line:?}");
    }
}

/// `python -m protoc_rs` (`PROTOC_RS_ENTRY=python`) keeps grpcio-tools' help: `Usage: protoc`,
/// its generator lines, none of protoc's other built-ins, protoc-rs's flags as before
/// `--hints`.
#[test]
fn the_python_packages_help() {
    let f = Fixture::new();
    let run = |args: &[&str]| {
        let o = common::protoc_rs()
            .args(args)
            .current_dir(f.path())
            .env("PROTOC_RS_ENTRY", "python")
            .output()
            .expect("run protoc-rs");
        assert_eq!(o.status.code(), Some(0));
        assert!(o.stderr.is_empty());
        String::from_utf8(o.stdout).expect("utf8")
    };
    let help = run(&[]);
    assert_eq!(run(&["--help"]), help);
    assert!(help.starts_with(
        "Usage: protoc [OPTION] PROTO_FILES\n\
         Parse PROTO_FILES and generate output based on the options given:\n"
    ));
    assert!(help.contains("stdout, text files with a short diff).\n"));
    for line in [
        "\n  --grpc_out=OUT_DIR          Generate Rust gRPC (tonic) service sources.\n",
        "\n  --grpc_python_out=OUT_DIR   Generate Python source file.\n",
        "\n  --pyi_out=OUT_DIR           Generate Python pyi stub.\n",
        "\n  --python_out=OUT_DIR        Generate Python source file.\n  --rust_out",
        "\n  --rust_out=OUT_DIR          Generate Rust sources.\n  @<filename>",
    ] {
        assert!(help.contains(line), "missing {line:?}");
    }
    for absent in ["--cpp_out", "--hints", "protoc-rs: through"] {
        assert!(!help.contains(absent), "{absent}");
    }
    assert!(help.ends_with(&format!(
        "\nprotoc-rs {}, a drop-in replacement for libprotoc 35.1.\n",
        env!("CARGO_PKG_VERSION")
    )));
}

#[test]
fn help_flags() {
    let f = Fixture::new();
    let expected = f.run(&[]).stdout;
    for args in [
        &["-h"][..],
        &["--help"],
        &["-hx"],
        &["--help=1"],
        &["a.proto", "-h", "--bogus"],
    ] {
        let out = f.run(args);
        assert_eq!(help_of(&out), expected, "args: {args:?}");
    }
}

#[test]
fn version() {
    let f = Fixture::new();
    let expected = Out {
        code: 0,
        stdout: "libprotoc 35.1\n".into(),
        stderr: String::new(),
    };
    assert_eq!(f.run(&["--version"]), expected);
    // NB: protoc ignores a value given to a no-value flag.
    assert_eq!(f.run(&["--version=3"]), expected);
    assert_eq!(
        f.run(&["-Ifoo", "--version", "--bogus"]).stdout,
        expected.stdout
    );
}

#[test]
fn argfile() {
    let f = Fixture::new();
    f.write("version.args", "--version\n");
    assert_eq!(f.run(&["@version.args"]).stdout, "libprotoc 35.1\n");
    f.fails(&["@nofile"], "Failed to open argument file: nofile\n");
    f.fails(&["@"], "Failed to open argument file: \n");
    // An empty line is an empty argument.
    f.write("empty.args", "-o\nx.pb\n\na.proto");
    f.fails(&["@empty.args"], EMPTY_ARG);
    // Not recursive: `@inner` inside an argfile is an input file.
    f.write("nest.args", "-o\nx.pb\n@inner\n");
    f.fails(
        &["@nest.args"],
        "Could not make proto path relative: @inner: No such file or directory\n",
    );
    // Lines are taken verbatim, spaces included.
    f.write("space.args", "-o x.pb\nnope.proto\n");
    f.fails(
        &["@space.args"],
        "Could not make proto path relative: nope.proto: No such file or directory\n",
    );
    // A directory reads as no lines at all: help.
    help_of(&f.run(&["@dir.proto"]));
}

#[test]
fn missing_values() {
    let f = Fixture::new();
    f.fails(&["-o"], "Missing value for flag: -o\n");
    f.fails(&["-o", "--version"], "Missing value for flag: -o\n");
    f.fails(
        &["a.proto", "--proto_path"],
        "Missing value for flag: --proto_path\n",
    );
    f.fails(&["-I"], "Missing value for flag: -I\n");
    f.fails(
        &["--error_format"],
        "Missing value for flag: --error_format\n",
    );
    f.fails(
        &["--decode"],
        "Missing value for flag: --decode\nTo decode an unknown message, use --decode_raw.\n",
    );
    f.fails(&["-x"], "Missing value for flag: -x\n");
    f.fails(&["--"], "Missing value for flag: --\n");
    f.fails(&["-o", "", "a.proto"], "-o requires a non-empty value.\n");
}

#[test]
fn empty_argument() {
    let f = Fixture::new();
    f.fails(&[""], EMPTY_ARG);
    f.fails(&["a.proto", ""], EMPTY_ARG);
}

#[test]
fn unknown_flags() {
    let f = Fixture::new();
    f.fails(&["--bar", "a.proto"], "Unknown flag: --bar\n");
    f.fails(&["--bar=1", "a.proto"], "Unknown flag: --bar\n");
    f.fails(&["-x", "y"], "Unknown flag: -x\n");
    f.fails(&["--", "a"], "Unknown flag: --\n");
    f.fails(
        &["--error_format=xml", "a.proto"],
        "Unknown error format: xml\n",
    );
    f.fails(&["--error_format=", "a.proto"], "Unknown error format: \n");
    // An `_opt` needs its `_out`.
    f.fails(
        &["--foo_opt=x", "-o", "x", "a.proto"],
        "Unknown flag: --foo_opt\n",
    );
    f.fails(
        &["--pyi_opt=x", "--pyi_out=o", "a.proto"],
        "Unknown flag: --pyi_opt\n",
    );
    f.fails(
        &["--grpc_python_opt=x", "--grpc_python_out=o", "a.proto"],
        "Unknown flag: --grpc_python_opt\n",
    );
}

#[test]
fn passed_once() {
    let f = Fixture::new();
    f.fails(
        &["-o", "x", "-o", "y", "a.proto"],
        "-o may only be passed once.\n",
    );
    f.fails(
        &["--descriptor_set_out=x", "-o", "y", "a.proto"],
        "-o may only be passed once.\n",
    );
    for flag in [
        "--include_imports",
        "--include_source_info",
        "--retain_options",
        "--fatal_warnings",
    ] {
        f.fails(
            &["a.proto", flag, flag],
            &format!("{flag} may only be passed once.\n"),
        );
    }
    f.fails(
        &["--direct_dependencies=a", "--direct_dependencies=b"],
        "--direct_dependencies may only be passed once. To specify multiple direct \
         dependencies, pass them all as a single parameter separated by ':'.\n",
    );
    f.fails(
        &["--descriptor_set_in=a", "--descriptor_set_in=b"],
        "--descriptor_set_in may only be passed once. To specify multiple descriptor sets, \
         pass them all as a single parameter separated by ':'.\n",
    );
    f.fails(
        &[
            "--edition_defaults_minimum=2023",
            "--edition_defaults_minimum=2024",
        ],
        "--edition_defaults_minimum may only be passed once.\n",
    );
}

#[test]
fn missing_inputs_and_outputs() {
    let f = Fixture::new();
    f.fails(&["--include_imports"], "Missing input file.\n");
    f.fails(&["--python_out=x"], "Missing input file.\n");
    f.fails(&["-I.", "a.proto"], "Missing output directives.\n");
    f.fails(&["--encode=A"], "Missing input file.\n");
    f.fails(&["--print_free_field_numbers"], "Missing input file.\n");
}

#[test]
fn cross_flag_checks() {
    let f = Fixture::new();
    // NB: protoc refuses several inputs with --dependency_out; protoc-rs accepts them
    // (tests/depfile.rs).
    f.fails(
        &["--deterministic_output", "-o", "x", "a.proto"],
        "Can only use --deterministic_output with --encode.\n",
    );
    f.fails(
        &["--decode_raw", "a.proto"],
        "When using --decode_raw, no input files should be given.\n",
    );
    f.fails(
        &["--decode_raw=x"],
        "--decode_raw does not take a parameter.\n",
    );
    f.fails(
        &["--decode="],
        "Type name for --decode cannot be blank.\nTo decode an unknown message, use \
         --decode_raw.\n",
    );
    f.fails(
        &["-o", "x", "--encode=A", "a.proto"],
        "Cannot use --encode and generate code or descriptors at the same time.\n",
    );
    f.fails(
        &["--encode=A", "-o", "x", "a.proto"],
        "Cannot use --encode or --decode and generate descriptors at the same time.\n",
    );
    f.fails(
        &["--encode=A", "--python_out=x", "a.proto"],
        "Cannot use --encode, --decode or print .proto info and generate code at the same \
         time.\n",
    );
    f.fails(
        &["--encode=A", "--decode=B", "a.proto"],
        "Only one of --encode and --decode can be specified.\n",
    );
    f.fails(
        &["--encode=A", "--print_free_field_numbers", "a.proto"],
        "Cannot use --print_free_field_numbers and use --encode, --decode or print other \
         info at the same time.\n",
    );
    f.fails(
        &["-o", "x", "--print_free_field_numbers", "a.proto"],
        "Cannot use --print_free_field_numbers and generate code or descriptors at the same \
         time.\n",
    );
    f.fails(
        &["--dependency_out=d", "--descriptor_set_in=a", "a.proto"],
        "--descriptor_set_in cannot be used with --dependency_out.\n",
    );
    f.fails(
        &["--descriptor_set_in=a", "--dependency_out=d", "a.proto"],
        "--dependency_out cannot be used with --descriptor_set_in.\n",
    );
    f.fails(
        &["--descriptor_set_in=", "a.proto"],
        "--descriptor_set_in requires a non-empty value.\n",
    );
    f.fails(
        &["--edition_defaults_minimum=FOO"],
        "--edition_defaults_minimum unknown edition \"FOO\".\n",
    );
}

#[test]
fn only_makes_sense_warnings_then_continue() {
    let f = Fixture::new();
    f.fails(
        &[
            "--include_imports",
            "--retain_options",
            "--python_out=out",
            "nope.proto",
        ],
        "--include_imports only makes sense when combined with --descriptor_set_out.\n\
         --retain_options only makes sense when combined with --descriptor_set_out.\n\
         Could not make proto path relative: nope.proto: No such file or directory\n",
    );
}

#[test]
fn proto_path_forms() {
    let f = Fixture::new();
    let abs = f.abs("a.proto");
    let not_in = format!("a.proto: {DOES_NOT_RESIDE}\n");
    // Glued, separate and `=` forms all take the value.
    for args in [
        &["-Inope", "-o", "x", "a.proto"][..],
        &["-I", "nope", "-o", "x", "a.proto"],
        &["--proto_path", "nope", "-o", "x", "a.proto"],
        &["--proto_path=nope", "-o", "x", "a.proto"],
    ] {
        f.fails(
            args,
            &format!("nope: warning: directory does not exist.\n{not_in}"),
        );
    }
    // Colon-separated lists, empty parts skipped.
    f.fails(
        &["-Inope:sub::", "-o", "x", &abs],
        &format!("nope: warning: directory does not exist.\n{abs}: {DOES_NOT_RESIDE}\n"),
    );
    f.fails(
        &["-I=", "-o", "x", "a.proto"],
        "--proto_path passed empty directory name.  (Use \".\" for current directory.)\n",
    );
    f.fails(
        &["-Ifoo=", "-o", "x", "a.proto"],
        "--proto_path passed empty directory name.  (Use \".\" for current directory.)\n",
    );
    // A directory whose name contains '=' is taken whole when `dir` alone does not exist.
    f.fails(
        &["-Ieq=dir", "-o", "x", &abs],
        &format!("{abs}: {DOES_NOT_RESIDE}\n"),
    );
    f.fails(
        &["-Ieq=dir", "-Inope=dir", "-o", "x", &abs],
        &format!("dir: warning: directory does not exist.\n{abs}: {DOES_NOT_RESIDE}\n"),
    );
}

#[test]
fn input_mapping_errors() {
    let f = Fixture::new();
    f.fails(
        &["-o", "x", "nope.proto"],
        "Could not make proto path relative: nope.proto: No such file or directory\n",
    );
    f.fails(
        &["-o", "x", "-"],
        "Could not make proto path relative: -: No such file or directory\n",
    );
    f.fails(
        &["-I.", "-o", "x", "./nope.proto"],
        "Could not make proto path relative: ./nope.proto: No such file or directory\n",
    );
    f.fails(
        &["-I.", "-o", "x", "../x/a.proto"],
        "Could not make proto path relative: ../x/a.proto: No such file or directory\n",
    );
    let abs = f.abs("a.proto");
    f.fails(&["-o", "x", &abs], &format!("{abs}: {DOES_NOT_RESIDE}\n"));
    f.fails(
        &["-o", "x", "dir.proto"],
        "Could not map to virtual file: dir.proto: Input file is a directory.\n",
    );
    f.fails(
        &["-Isub", "-I.", "-o", "x", "a.proto"],
        "a.proto: Input is shadowed in the --proto_path by \"sub/a.proto\".  Either use the \
         latter file as your input or reorder the --proto_path so that the former file's \
         location comes first.\n",
    );
    // The first failing input stops everything.
    f.fails(
        &["-I.", "-o", "x", "a.proto", "dir.proto", "nope.proto"],
        "Could not map to virtual file: dir.proto: Input file is a directory.\n",
    );
    let sub = f.abs("sub");
    f.fails(
        &["-I", &sub, "-o", "x", &sub],
        &format!("Could not map to virtual file: {sub}: Input file is a directory.\n"),
    );
}

/// Every flag of protoc 35.1's `--help` is implemented: none answers `not supported yet`, and
/// the help marks none.
#[test]
fn no_flag_is_refused_as_unsupported() {
    let f = Fixture::new();
    for args in [
        &["--encode=A", "a.proto"][..],
        &["--decode=A", "a.proto"],
        &["--decode_raw"],
        &["--edition_defaults_out=x", "a.proto"],
        &["--deterministic_output", "--encode=A", "a.proto"],
        &["--descriptor_set_in=x.pb", "-o", "x", "a.proto"],
        &["--print_free_field_numbers", "a.proto"],
        &["--disallow_services", "-o", "x", "a.proto"],
        &["--direct_dependencies=a", "-o", "x", "a.proto"],
        &["--experimental_editions", "-o", "x", "a.proto"],
        &["--enable_codegen_trace=1", "-o", "x", "a.proto"],
        &["--notices"],
        &["--option_dependencies=a", "-o", "x", "a.proto"],
        &["--plugin=protoc-gen-x=/bin/true", "-o", "x", "a.proto"],
    ] {
        let run = f.run(args);
        assert!(
            !run.stderr.contains("not supported yet"),
            "{args:?}: {}",
            run.stderr
        );
    }
    let help = f.run(&["--help"]).stdout;
    assert!(!help.contains("not supported yet"), "{help}");
}

#[test]
fn accepted_flags_reach_input_mapping() {
    let f = Fixture::new();
    let missing = "Could not make proto path relative: nope.proto: No such file or directory\n";
    for args in [
        &["-ox.pb", "nope.proto"][..],
        &["--descriptor_set_out", "x.pb", "nope.proto"],
        &[
            "--experimental_allow_proto3_optional",
            "-o",
            "x",
            "nope.proto",
        ],
        &["--unsafe_allow_out_dir_escape", "-o", "x", "nope.proto"],
        &["--include_imports=yes", "-o", "x", "nope.proto"],
        &[
            "--error_format=msvs",
            "--fatal_warnings",
            "-o",
            "x",
            "nope.proto",
        ],
        &["--python_out=out", "--python_opt=a", "nope.proto"],
        &["--pyi_out=out", "--grpc_python_out=p:out", "nope.proto"],
        &[
            "--rust_out=out",
            "--rust_opt=x",
            "--grpc_out=out",
            "--grpc_opt=y",
            "nope.proto",
        ],
        &["--foo_out=out", "--foo_opt=x", "nope.proto"],
        // NB: protoc lets `--cpp_opt` through without `--cpp_out`.
        &["--cpp_opt=x", "-o", "x", "nope.proto"],
    ] {
        f.fails(args, missing);
    }
}

#[test]
fn failed_run_leaves_existing_output_alone() {
    let f = Fixture::new();
    f.write("x.pb", "old");
    f.fails(
        &["-o", "x.pb", "nope.proto"],
        "Could not make proto path relative: nope.proto: No such file or directory\n",
    );
    assert_eq!(fs::read(f.path().join("x.pb")).expect("read"), b"old");
}
