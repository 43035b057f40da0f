//! protoc-rs's hint lines (`cli::hints`): each case run through a pseudo-terminal (util-linux's
//! `script`), where protoc's text is followed by the hint, and without one, where stderr is
//! protoc's text byte for byte (protoc 35.1's, as its native binary prints it for these
//! commands). Where a hint names a fix, the fixed command is run too and must succeed. Then
//! `--hints`, `PROTOC_RS_HINTS` and `PROTOC_RS_ENTRY=python` (the Python package, no hints
//! unless asked).

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

const DOES_NOT_RESIDE: &str = "File does not reside within any path specified using \
    --proto_path (or -I).  You must specify a --proto_path which encompasses this file.  Note \
    that the proto_path must be an exact prefix of the .proto file names -- protoc is too dumb \
    to figure out when two paths (e.g. absolute and relative) are equivalent (it's harder than \
    you think).";

const PLEASE_SPECIFY: &str = "Please specify a program using absolute path or make sure the \
    program is available in your PATH system variable";

/// protos/foo/bar.proto (package foo) imports bar/baz.proto, which is protos/bar/baz.proto;
/// protos/g.proto imports googleapis' google/api/annotations.proto; bin/ holds executable
/// protoc-gen-grpc and protoc-gen-rust that leave a `.ran` file if run.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path();
    for d in ["protos/foo", "protos/bar", "bin"] {
        fs::create_dir_all(p.join(d)).expect("mkdir");
    }
    let write = |rel: &str, text: &str| fs::write(p.join(rel), text).expect("write");
    write(
        "protos/foo/bar.proto",
        "syntax = \"proto3\";\npackage foo;\nimport \"bar/baz.proto\";\nmessage A { bar.B b = 1; }\n",
    );
    write(
        "protos/bar/baz.proto",
        "syntax = \"proto3\";\npackage bar;\nmessage B {}\nservice S { rpc M(B) returns (B); }\n",
    );
    write(
        "protos/g.proto",
        "syntax = \"proto3\";\nimport \"google/api/annotations.proto\";\n",
    );
    for name in ["protoc-gen-grpc", "protoc-gen-rust"] {
        let path = p.join("bin").join(name);
        fs::write(&path, "#!/bin/sh\ntouch \"$0.ran\"\nexit 1\n").expect("write");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    dir
}

/// The binary in `cwd` with `args`, protoc-rs's hint and entry variables cleared, `PATH` the
/// system's alone (no protoc-gen-* of the machine's) unless `env` sets it.
fn command(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut c = common::protoc_rs();
    c.args(args)
        .current_dir(cwd)
        .env_remove("PROTOC_RS_HINTS")
        .env_remove("PROTOC_RS_ENTRY")
        .env("PATH", "/usr/bin:/bin");
    for (k, v) in env {
        c.env(k, v);
    }
    c
}

/// Exit code and stderr with stderr a pipe.
fn piped(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String) {
    let o = command(cwd, args, env).output().expect("runs");
    (code(&o), String::from_utf8(o.stderr).expect("utf8"))
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code")
}

/// `word` quoted for `sh`.
fn sh(word: &str) -> String {
    format!("'{}'", word.replace('\'', r"'\''"))
}

/// Exit code and stderr with stderr a terminal: `script -qec CMD /dev/null` runs CMD on a
/// pseudo-terminal, stdout sent to /dev/null so that the terminal shows stderr alone; the
/// terminal's `\r\n` are turned back into `\n`. The environment is `command`'s.
fn at_terminal(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String) {
    let mut line = format!("exec {}", sh(env!("CARGO_BIN_EXE_protoc-rs")));
    for a in args {
        line.push(' ');
        line.push_str(&sh(a));
    }
    line.push_str(" >/dev/null");
    let mut c = Command::new("script");
    c.args(["-qec", &line, "/dev/null"])
        .current_dir(cwd)
        .env("SHELL", "/bin/sh")
        .env("PROTOC_RS_RELEASE", common::RELEASE)
        .env_remove("PROTOC_RS_HINTS")
        .env_remove("PROTOC_RS_ENTRY")
        .env("PATH", "/usr/bin:/bin")
        .stdin(std::process::Stdio::null());
    for (k, v) in env {
        c.env(k, v);
    }
    let o = c
        .output()
        .expect("util-linux's `script` runs (the pseudo-terminal of these tests)");
    let text = String::from_utf8(o.stdout.clone()).expect("utf8");
    (code(&o), text.replace("\r\n", "\n"))
}

/// One mistake: run in `cwd` without a terminal, stderr is `protoc` (exit 1); at a terminal,
/// the same followed by `hint` (which ends in its newline).
fn case(cwd: &Path, args: &[&str], env: &[(&str, &str)], protoc: &str, hint: &str) {
    assert_eq!(piped(cwd, args, env), (1, protoc.to_string()), "{args:?}");
    assert_eq!(
        at_terminal(cwd, args, env),
        (1, format!("{protoc}{hint}")),
        "{args:?} at a terminal"
    );
}

/// protoc's lines when protos/foo/bar.proto's import is not found (`name` is how it is named).
fn import_not_found(name: &str) -> String {
    format!(
        "bar/baz.proto: File not found.\n\
         {name}:3:1: Import \"bar/baz.proto\" was not found or had errors.\n\
         {name}:4:13: \"bar.B\" is not defined.\n"
    )
}

/// Succeeds (the fixed command a hint names).
fn fixed(cwd: &Path, args: &[&str], env: &[(&str, &str)]) {
    assert_eq!(piped(cwd, args, env), (0, String::new()), "{args:?}");
}

#[test]
fn no_proto_path_and_an_import_under_a_directory_below() {
    let p = project();
    let d = p.path();
    case(
        d,
        &["--python_out=.", "protos/foo/bar.proto"],
        &[],
        &import_not_found("protos/foo/bar.proto"),
        "protoc-rs: hint: no -I was given, so imports are looked up from the current directory; \
         bar/baz.proto is at protos/bar/baz.proto: add -I protos\n",
    );
    fixed(
        d,
        &["-I", "protos", "--python_out=.", "protos/foo/bar.proto"],
        &[],
    );
}

#[test]
fn an_import_under_the_directory_above_the_working_directory() {
    let p = project();
    let foo = p.path().join("protos/foo");
    case(
        &foo,
        &["--python_out=.", "bar.proto"],
        &[],
        &import_not_found("bar.proto"),
        "protoc-rs: hint: no -I was given, so imports are looked up from the current directory; \
         bar/baz.proto is at ../bar/baz.proto: add -I .. and name the input ../foo/bar.proto\n",
    );
    fixed(
        &foo,
        &["-I", "..", "--python_out=.", "../foo/bar.proto"],
        &[],
    );
}

#[test]
fn an_import_not_found_under_the_given_proto_path() {
    let p = project();
    let d = p.path();
    case(
        d,
        &["-I", "protos/foo", "--python_out=.", "protos/foo/bar.proto"],
        &[],
        &import_not_found("protos/foo/bar.proto"),
        "protoc-rs: hint: bar/baz.proto is at protos/bar/baz.proto: add -I protos\n",
    );
}

#[test]
fn an_input_under_no_proto_path() {
    let p = project();
    let d = p.path();
    case(
        d,
        &["-I", "protos/bar", "--python_out=.", "protos/foo/bar.proto"],
        &[],
        &format!("protos/foo/bar.proto: {DOES_NOT_RESIDE}\n"),
        "protoc-rs: hint: add -I protos, where its import bar/baz.proto is (the file is then \
         foo/bar.proto)\n",
    );
    fixed(
        d,
        &[
            "-I",
            "protos/bar",
            "-I",
            "protos",
            "--python_out=.",
            "protos/foo/bar.proto",
        ],
        &[],
    );
    // Without imports: the root of its package, else its directory.
    fs::write(
        d.join("protos/foo/lone.proto"),
        "syntax = \"proto3\";\npackage foo;\n",
    )
    .expect("write");
    fs::write(d.join("protos/foo/other.proto"), "syntax = \"proto3\";\n").expect("write");
    for (input, hint) in [
        (
            "protos/foo/lone.proto",
            "add -I protos, the root of its package foo (the file is then foo/lone.proto)",
        ),
        (
            "protos/foo/other.proto",
            "add -I protos/foo, the file's directory (the file is then other.proto)",
        ),
    ] {
        case(
            d,
            &["-I", "protos/bar", "-o", "x.pb", input],
            &[],
            &format!("{input}: {DOES_NOT_RESIDE}\n"),
            &format!("protoc-rs: hint: {hint}\n"),
        );
    }
}

/// protoc's "too dumb" case: `-I` absolute, the input relative.
#[test]
fn a_proto_path_spelled_another_way() {
    let p = project();
    let d = p.path();
    let abs = d.join("protos").to_str().expect("utf8").to_string();
    case(
        d,
        &["-I", &abs, "--python_out=.", "protos/foo/bar.proto"],
        &[],
        &format!("protos/foo/bar.proto: {DOES_NOT_RESIDE}\n"),
        &format!(
            "protoc-rs: hint: -I {abs} is protos written another way, and protoc compares them \
             as written: name the input {abs}/foo/bar.proto, or pass -I protos\n"
        ),
    );
    fixed(
        d,
        &[
            "-I",
            &abs,
            "--python_out=.",
            &format!("{abs}/foo/bar.proto"),
        ],
        &[],
    );
}

#[test]
fn an_input_named_from_a_directory_above_the_proto_path() {
    let p = project();
    let d = p.path();
    case(
        d,
        &["-I", "protos/foo", "--python_out=.", "foo/bar.proto"],
        &[],
        "Could not make proto path relative: foo/bar.proto: No such file or directory\n",
        "protoc-rs: hint: protos/foo/bar.proto exists: add -I protos\n",
    );
    fixed(
        d,
        &[
            "-I",
            "protos/foo",
            "-I",
            "protos",
            "--python_out=.",
            "foo/bar.proto",
        ],
        &[],
    );
    // Nothing certain to say about a file that is nowhere.
    case(
        d,
        &["--python_out=.", "nowhere.proto"],
        &[],
        "Could not make proto path relative: nowhere.proto: No such file or directory\n",
        "",
    );
}

#[test]
fn googleapis_imports() {
    let p = project();
    let d = p.path();
    case(
        d,
        &["-I", "protos", "--python_out=.", "protos/g.proto"],
        &[],
        "google/api/annotations.proto: File not found.\n\
         protos/g.proto:2:1: Import \"google/api/annotations.proto\" was not found or had errors.\n",
        "protoc-rs: hint: only google/protobuf/ is bundled; google/api/annotations.proto is part \
         of googleapis (https://github.com/googleapis/googleapis; pip install \
         googleapis-common-protos, npm install google-proto-files): pass the directory holding \
         its google/ with -I\n",
    );
    // A copy of googleapis above the file: the -I to it instead.
    fs::create_dir_all(d.join("protos/google/api")).expect("mkdir");
    fs::write(
        d.join("protos/google/api/annotations.proto"),
        "syntax = \"proto3\";\npackage google.api;\n",
    )
    .expect("write");
    case(
        d,
        &["-I", "protos/foo", "-o", "x.pb", "protos/g.proto"],
        &[],
        &format!("protos/g.proto: {DOES_NOT_RESIDE}\n"),
        "protoc-rs: hint: add -I protos, where its import google/api/annotations.proto is (the \
         file is then g.proto)\n",
    );
}

#[test]
fn missing_output_directories() {
    let p = project();
    let d = p.path();
    let base = ["-I", "protos", "protos/bar/baz.proto"];
    let with =
        |extra: &[&'static str]| -> Vec<&str> { extra.iter().chain(&base).copied().collect() };
    case(
        d,
        &with(&["--python_out=out"]),
        &[],
        "out/: No such file or directory\n",
        "protoc-rs: hint: the output directory of --python_out does not exist (it is never \
         created): mkdir -p out\n",
    );
    case(
        d,
        &with(&["--python_out=out", "--pyi_out=out2", "-o", "out3/x.pb"]),
        &[],
        "out/: No such file or directory\n",
        "protoc-rs: hint: the output directories of --python_out, --pyi_out and -o do not exist \
         (they are never created): mkdir -p out out2 out3\n",
    );
    case(
        d,
        &with(&["-o", "out3/x.pb"]),
        &[],
        "out3/x.pb: No such file or directory\n",
        "protoc-rs: hint: the output directory of -o does not exist (it is never created): \
         mkdir -p out3\n",
    );
    // NB: protoc ends an archive's line without a newline; the hint starts a line of its own.
    case(
        d,
        &with(&["--python_out=out/x.zip"]),
        &[],
        "out/x.zip: No such file or directory",
        "\nprotoc-rs: hint: the output directory of --python_out does not exist (it is never \
         created): mkdir -p out\n",
    );
    fs::create_dir_all(d.join("out")).expect("mkdir");
    fixed(d, &with(&["--python_out=out"]), &[]);
}

#[test]
fn plugins_not_found() {
    let p = project();
    let d = p.path();
    let not_found = |program: &str| {
        format!(
            "{program}: program not found or is not executable\n{PLEASE_SPECIFY}\n\
             --foo_out: protoc-gen-foo: Plugin failed with status code 1.\n"
        )
    };
    case(
        d,
        &["-I", "protos", "--foo_out=.", "protos/bar/baz.proto"],
        &[],
        &not_found("protoc-gen-foo"),
        "protoc-rs: hint: --foo_out runs the plugin protoc-gen-foo, which is not on PATH: install \
         it, or pass --plugin=protoc-gen-foo=PATH\n",
    );
    case(
        d,
        &[
            "-I",
            "protos",
            "--plugin=protoc-gen-foo=./nope",
            "--foo_out=.",
            "protos/bar/baz.proto",
        ],
        &[],
        &not_found("./nope"),
        "protoc-rs: hint: --plugin=protoc-gen-foo=./nope: there is no file ./nope\n",
    );
    fs::write(d.join("plain"), "#!/bin/sh\n").expect("write");
    case(
        d,
        &[
            "-I",
            "protos",
            "--plugin=protoc-gen-foo=plain",
            "--foo_out=.",
            "protos/bar/baz.proto",
        ],
        &[],
        &not_found("plain"),
        "protoc-rs: hint: plain is not executable: chmod +x plain\n",
    );
    // A likely typo keeps protoc-rs's `did you mean` line, and no hint.
    let typo = "protoc-gen-pyhton: program not found or is not executable\n";
    case(
        d,
        &["-I", "protos", "--pyhton_out=.", "protos/bar/baz.proto"],
        &[],
        &format!(
            "{typo}{PLEASE_SPECIFY}\n--pyhton_out: protoc-gen-pyhton: Plugin failed with status \
             code 1.\ndid you mean --python_out?\n"
        ),
        "",
    );
}

/// Shown after a successful run too: protoc-rs ran its own generators for `--grpc_out` and
/// `--rust_out`, not the programs on PATH protoc would have run (they did not run).
#[test]
fn protoc_gen_grpc_and_rust_on_path() {
    let p = project();
    let d = p.path();
    fs::create_dir(d.join("gen")).expect("mkdir");
    let bin = d.join("bin");
    let path = format!("{}:/usr/bin:/bin", bin.display());
    let env = [("PATH", path.as_str())];
    let args = [
        "-I",
        "protos",
        "--grpc_out=gen",
        "--rust_out=gen",
        "protos/bar/baz.proto",
    ];
    assert_eq!(piped(d, &args, &env), (0, String::new()));
    let grpc = bin.join("protoc-gen-grpc");
    let rust = bin.join("protoc-gen-rust");
    let (grpc, rust) = (grpc.display(), rust.display());
    assert_eq!(
        at_terminal(d, &args, &env),
        (
            0,
            format!(
                "protoc-rs: hint: --grpc_out ran protoc-rs's own generator, not {grpc} found on \
                 PATH, which protoc would run: pass --plugin=protoc-gen-grpc={grpc} to run that \
                 one\n\
                 protoc-rs: hint: --rust_out ran protoc-rs's own generator, not {rust} found on \
                 PATH, which grpcio-tools' protoc would run (a full protoc has its own \
                 --rust_out): pass --plugin=protoc-gen-rust={rust} to run that one\n"
            )
        )
    );
    assert!(!bin.join("protoc-gen-grpc.ran").exists());
    assert!(!bin.join("protoc-gen-rust.ran").exists());
}

/// `--hints` wins over `PROTOC_RS_HINTS`, which wins over the entry point's default: `auto`
/// for the binary, `never` for the Python package (`PROTOC_RS_ENTRY=python`).
#[test]
fn when_hints_show() {
    let p = project();
    let d = p.path();
    let protoc = import_not_found("protos/foo/bar.proto");
    let hint = "protoc-rs: hint: no -I was given, so imports are looked up from the current \
                directory; bar/baz.proto is at protos/bar/baz.proto: add -I protos\n";
    let with_hint = format!("{protoc}{hint}");
    let run = |hints: &[&str], env: &[(&str, &str)], terminal: bool| {
        let mut args: Vec<&str> = hints.to_vec();
        args.extend(["--python_out=.", "protos/foo/bar.proto"]);
        let (code, stderr) = if terminal {
            at_terminal(d, &args, env)
        } else {
            piped(d, &args, env)
        };
        assert_eq!(code, 1, "{args:?} {env:?}");
        stderr
    };
    let python = ("PROTOC_RS_ENTRY", "python");
    for terminal in [true, false] {
        assert_eq!(run(&["--hints=always"], &[], terminal), with_hint);
        assert_eq!(run(&["--hints", "never"], &[], terminal), protoc);
        assert_eq!(
            run(&[], &[("PROTOC_RS_HINTS", "always")], terminal),
            with_hint
        );
        assert_eq!(run(&[], &[("PROTOC_RS_HINTS", "never")], terminal), protoc);
        assert_eq!(
            run(
                &["--hints=never"],
                &[("PROTOC_RS_HINTS", "always")],
                terminal
            ),
            protoc
        );
        // The Python package: none unless asked for.
        assert_eq!(run(&[], &[python], terminal), protoc);
        assert_eq!(run(&["--hints=always"], &[python], terminal), with_hint);
        assert_eq!(
            run(&[], &[python, ("PROTOC_RS_HINTS", "auto")], terminal),
            *if terminal { &with_hint } else { &protoc }
        );
    }
    assert_eq!(run(&["--hints=auto"], &[], true), with_hint);
    assert_eq!(run(&["--hints=auto"], &[], false), protoc);
    // Machine-readable errors get no hint line at a terminal, unless asked for.
    let json = run(&["--error_format=json"], &[], true);
    assert!(json.starts_with('{') && !json.contains("hint"), "{json}");
    assert!(run(&["--error_format=github", "--hints=always"], &[], true).ends_with(hint));
    assert_eq!(
        run(&["--error_format=msvs"], &[], true)
            .matches("hint")
            .count(),
        1
    );
    assert_eq!(run(&[], &[("PROTOC_RS_HINTS", "")], true), with_hint);
}

#[test]
fn bad_values() {
    let p = project();
    let d = p.path();
    let args = ["--python_out=.", "protos/foo/bar.proto"];
    let mut flag = vec!["--hints=yes"];
    flag.extend(args);
    assert_eq!(
        piped(d, &flag, &[]),
        (
            1,
            "--hints: unknown value \"yes\"; protoc-rs takes auto, always or never.\n".to_string()
        )
    );
    assert_eq!(
        piped(d, &args, &[("PROTOC_RS_HINTS", "on")]),
        (
            1,
            "PROTOC_RS_HINTS: unknown value \"on\"; protoc-rs takes auto, always or never.\n"
                .to_string()
        )
    );
    assert_eq!(
        piped(d, &args, &[("PROTOC_RS_ENTRY", "ruby")]),
        (
            1,
            "PROTOC_RS_ENTRY: unknown entry point \"ruby\"; protoc-rs knows \"python\".\n"
                .to_string()
        )
    );
    let mut missing = args.to_vec();
    missing.push("--hints");
    assert_eq!(
        piped(d, &missing, &[]),
        (1, "Missing value for flag: --hints\n".to_string())
    );
}

/// The note after a real protoc of another release failed one of protoc's other built-ins
/// (`--cpp_out`) is shown as hints are (it was a terminal-only line before `--hints`).
#[test]
fn another_protoc_releases_note() {
    let p = project();
    let d = p.path();
    fs::create_dir(d.join("gen")).expect("mkdir");
    let protoc = d.join("bin/protoc");
    fs::write(
        &protoc,
        "#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'libprotoc 3.21.12'; exit 0; fi\n\
         echo 'bar/baz.proto: refused' >&2\nexit 1\n",
    )
    .expect("write");
    fs::set_permissions(&protoc, fs::Permissions::from_mode(0o755)).expect("chmod");
    let protoc = protoc.to_str().expect("utf8");
    let env = [("PROTOC_RS_PROTOC", protoc)];
    case(
        d,
        &["-I", "protos", "--cpp_out=gen", "protos/bar/baz.proto"],
        &env,
        "bar/baz.proto: refused\n",
        &format!(
            "protoc-rs: note: --cpp_out ran through {protoc} (libprotoc 3.21.12), while protoc-rs \
             matches libprotoc 35.1: that protoc's messages and the inputs it accepts may differ \
             (set PROTOC_RS_PROTOC to a protoc of the same release, or pass --protoc_release).\n"
        ),
    );
    let mut never = vec!["--hints=never"];
    never.extend(["-I", "protos", "--cpp_out=gen", "protos/bar/baz.proto"]);
    assert_eq!(
        at_terminal(d, &never, &env),
        (1, "bar/baz.proto: refused\n".to_string())
    );
}
