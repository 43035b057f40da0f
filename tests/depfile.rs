//! `--dependency_out`: each case of `testdata/depfile/cases.tsv` runs the real binary in a
//! fresh directory and must exit with the oracle's code, print its stderr, create the same
//! files and leave the same dependency file, byte for byte. Goldens come from
//! `scripts/regen-depfile-goldens` (protoc 35.1 via grpcio-tools 1.85.1).
//!
//! The one adjustment, [`without_bundled`]: the oracle's wrapper appends
//! `-I<grpc_tools>/_proto` and lists the well-known types it finds there; protoc-rs's bundled
//! well-known types have no file on disk and are left out (a listed difference), so those
//! entries are dropped from the oracle's file before comparing. Nothing else is changed.
//!
//! Then protoc-rs's own extensions, which the oracle refuses or leaves unspecified: several
//! inputs in one rule, and several output locations.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

mod common;

/// The scratch files every case starts from (keep in sync with scripts/regen-depfile-goldens).
const SETUP: &[(&str, &str)] = &[
    ("a.proto", "syntax = \"proto3\";\nmessage A {}\n"),
    (
        "bad.proto",
        "syntax = \"proto3\";\nmessage B {\n\toptional Foo f = 1;\n}\n",
    ),
    (
        "unused.proto",
        "syntax = \"proto3\";\nimport \"a.proto\";\nmessage U {}\n",
    ),
    ("old.txt", "old"),
    ("out/.keep", ""),
    ("sp ace/c c.proto", "syntax = \"proto3\";\nmessage S {}\n"),
    ("p/c.proto", "syntax = \"proto3\";\nmessage C {}\n"),
    (
        "p/q/b.proto",
        "syntax = \"proto3\";\nimport \"c.proto\";\nmessage B { C c = 1; }\n",
    ),
    (
        "p/a.proto",
        "syntax = \"proto3\";\nimport \"q/b.proto\";\nimport public \"c.proto\";\n\
         import \"google/protobuf/timestamp.proto\";\n\
         message A { B b = 1; google.protobuf.Timestamp t = 2; }\n\
         service S { rpc M(A) returns (A); }\n",
    ),
    (
        "p/f.proto",
        "syntax = \"proto3\";\nimport public \"q/b.proto\";\n",
    ),
    (
        "p/g.proto",
        "syntax = \"proto3\";\nimport \"f.proto\";\nmessage G { B b = 1; }\n",
    ),
];

/// Where the oracle's wrapper keeps the well-known types, as the goldens spell it.
const ORACLE_WKT: &str = " <grpc_tools>/_proto/";

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata/depfile")
}

fn golden(name: &str, ext: &str) -> Option<String> {
    fs::read_to_string(golden_dir().join(format!("{name}.{ext}"))).ok()
}

/// The oracle's dependency file without the well-known types it found in its own include
/// directory (see the module doc). Targets never hold a `:` in these cases.
fn without_bundled(dep: &str) -> String {
    let Some((targets, deps)) = dep.split_once(':') else {
        return dep.to_string();
    };
    let kept: Vec<&str> = deps
        .split("\\\n")
        .filter(|d| !d.starts_with(ORACLE_WKT))
        .collect();
    format!("{targets}:{}", kept.join("\\\n"))
}

/// A scratch directory with SETUP, its absolute (canonical) path as a string.
fn scratch() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    for (rel, text) in SETUP {
        let p = dir.path().join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }
    let d = fs::canonicalize(dir.path())
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    (dir, d)
}

struct Run {
    code: i32,
    stderr: String,
    created: BTreeSet<String>,
}

fn run(d: &str, args: &[String]) -> Run {
    let before = common::files(Path::new(d));
    let out = common::protoc_rs()
        .args(args)
        .current_dir(d)
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stderr: String::from_utf8_lossy(&out.stderr).replace(d, "$D"),
        created: common::files(Path::new(d))
            .difference(&before)
            .cloned()
            .collect(),
    }
}

fn cases() -> Vec<(String, Vec<String>)> {
    let text = fs::read_to_string(golden_dir().join("cases.tsv")).unwrap();
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut parts = l.split('\t').map(String::from);
            let name = parts.next().unwrap();
            (name, parts.collect())
        })
        .collect()
}

fn depfile_arg(args: &[String]) -> &str {
    args.iter()
        .find_map(|a| a.strip_prefix("--dependency_out="))
        .expect("every case has --dependency_out=")
}

/// Cases where protoc-rs deliberately differs from the oracle (docs/differences.md):
/// protoc writes the dependency file before it fails on `-o`; protoc-rs writes all
/// outputs or none, so there the run creates nothing (exit code and stderr still protoc's).
const ALL_OR_NOTHING: &[&str] = &["o_unwritable"];

#[test]
fn dependency_files_match_oracle() {
    let cases = cases();
    assert!(cases.len() >= 15, "too few depfile cases: {}", cases.len());
    let mut failures = Vec::new();
    for (name, args) in &cases {
        let (_dir, d) = scratch();
        let args: Vec<String> = args.iter().map(|a| a.replace("$D", &d)).collect();
        let got = run(&d, &args);
        let dep_path = Path::new(&d).join(depfile_arg(&args));
        let got_dep = fs::read_to_string(&dep_path)
            .ok()
            .map(|s| s.replace(&d, "$D"));

        let want_code: i32 = golden(name, "exit").unwrap().trim().parse().unwrap();
        let want_stderr = golden(name, "stderr").unwrap();
        let want_files: BTreeSet<String> = golden(name, "files")
            .unwrap()
            .lines()
            .map(String::from)
            .collect();
        let mut want_dep = golden(name, "dep").map(|g| without_bundled(&g));
        let mut want_files = want_files;
        if ALL_OR_NOTHING.contains(&name.as_str()) {
            assert_eq!(want_code, 1, "{name}: the oracle fails this case");
            want_dep = None;
            want_files.clear();
        }
        if got.code != want_code {
            failures.push(format!("{name}: exit {}, oracle {want_code}", got.code));
        }
        if got.stderr != want_stderr {
            failures.push(format!(
                "{name}: stderr {:?}, oracle {want_stderr:?}",
                got.stderr
            ));
        }
        if got.created != want_files {
            failures.push(format!(
                "{name}: created {:?}, oracle {want_files:?}",
                got.created
            ));
        }
        if got_dep != want_dep {
            failures.push(format!(
                "{name}: dependency file {got_dep:?}, oracle {want_dep:?}"
            ));
        }
    }
    println!(
        "parity depfile: {}/{} cases checked, {} differences",
        cases.len(),
        cases.len(),
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn without_bundled_drops_only_the_oracles_well_known_types() {
    assert_eq!(
        without_bundled(
            "x.pb: p/c.proto\\\n <grpc_tools>/_proto/google/protobuf/t.proto\\\n p/a.proto"
        ),
        "x.pb: p/c.proto\\\n p/a.proto"
    );
    assert_eq!(
        without_bundled("x.pb: <grpc_tools>/_proto/google/protobuf/empty.proto"),
        "x.pb:"
    );
    assert_eq!(without_bundled("old"), "old");
}

/// The dependencies of one oracle golden (without the oracle's well-known types).
fn golden_dependencies(name: &str) -> Vec<String> {
    let dep = without_bundled(&golden(name, "dep").unwrap());
    let (_, deps) = dep.split_once(':').unwrap();
    deps.split("\\\n")
        .filter(|d| !d.is_empty())
        .map(|d| d.strip_prefix(' ').unwrap().to_string())
        .collect()
}

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// Several inputs (protoc refuses them): one rule, whose targets are every output and whose
/// dependencies are the single-input oracle rules' dependencies, concatenated in input
/// order, each file once.
#[test]
fn several_inputs_make_one_rule() {
    let (_dir, d) = scratch();
    let got = run(
        &d,
        &args(&[
            "-Ip",
            "--python_out=.",
            "--pyi_out=.",
            "-ox.pb",
            "--dependency_out=d.txt",
            "p/g.proto",
            "p/a.proto",
            "p/c.proto",
        ]),
    );
    assert_eq!((got.code, got.stderr.as_str()), (0, ""));
    let mut deps: Vec<String> = Vec::new();
    for single in ["public_imports", "well_known_type", "single_file"] {
        for dep in golden_dependencies(single) {
            if !deps.contains(&dep) {
                deps.push(dep);
            }
        }
    }
    assert_eq!(
        deps,
        [
            "p/c.proto",
            "p/q/b.proto",
            "p/f.proto",
            "p/g.proto",
            "p/a.proto"
        ]
    );
    let want = format!(
        "a_pb2.py \\\na_pb2.pyi \\\nc_pb2.py \\\nc_pb2.pyi \\\ng_pb2.py \\\ng_pb2.pyi \\\nx.pb: {}",
        deps.join("\\\n ")
    );
    assert_eq!(
        fs::read_to_string(Path::new(&d).join("d.txt")).unwrap(),
        want
    );
}

/// Several inputs, one failing: nothing is written, as with one input.
#[test]
fn several_inputs_with_an_error_write_nothing() {
    let (_dir, d) = scratch();
    let got = run(
        &d,
        &args(&[
            "-I.",
            "-ox.pb",
            "--dependency_out=d.txt",
            "a.proto",
            "bad.proto",
        ]),
    );
    assert_eq!(got.code, 1);
    assert_eq!(got.stderr, "bad.proto:3:18: \"Foo\" is not defined.\n");
    assert!(got.created.is_empty(), "{:?}", got.created);
}

/// Several output locations: protoc lists them in its hash map's order (unspecified);
/// protoc-rs in first use on the command line, each location's files sorted, then `-o`.
#[test]
fn several_locations_in_command_line_order() {
    let (_dir, d) = scratch();
    let got = run(
        &d,
        &args(&[
            "-Ip",
            "--pyi_out=out",
            "--python_out=.",
            "--grpc_python_out=./out/",
            "-ox.pb",
            "--dependency_out=d.txt",
            "p/q/b.proto",
        ]),
    );
    assert_eq!((got.code, got.stderr.as_str()), (0, ""));
    assert_eq!(
        fs::read_to_string(Path::new(&d).join("d.txt")).unwrap(),
        "out/q/b_pb2.pyi \\\nq/b_pb2.py \\\nout/q/b_pb2_grpc.py \\\nx.pb: p/c.proto\\\n p/q/b.proto"
    );
}
