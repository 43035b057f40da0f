//! Python back-end parity: runs the real `protoc-rs` binary for every case of
//! `testdata/python/cases.txt` and compares the generated files, stderr and exit code with
//! the goldens `scripts/regen-python-goldens` wrote from the pinned oracle (grpcio-tools
//! 1.85.1). Needs nothing but Rust.
//!
//! A `NAME=OTHER` case runs flags the oracle does not register (`--python_opt`) and must
//! produce exactly OTHER's goldens. A `?NAME` case is a known difference (gRPC docstrings
//! need SourceCodeInfo in generator requests, which is pending): it must still differ, so
//! the mark has to go once the gap closes.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

fn python_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata/python")
}

/// Files under `dir` (relative, `/`-separated) with their bytes; a missing directory is empty.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = fs::read_dir(&d) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).expect("under dir");
                let parts: Vec<_> = rel.iter().map(|p| p.to_string_lossy()).collect();
                out.insert(parts.join("/"), fs::read(&path).expect("read"));
            }
        }
    }
    out
}

struct Case {
    name: String,
    /// `?NAME`: expected to differ from the oracle.
    pending: bool,
    golden: String,
    args: Vec<String>,
}

fn cases() -> Vec<Case> {
    let text = fs::read_to_string(python_dir().join("cases.txt")).expect("cases.txt");
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (name, args) = l.split_once('\t').expect("NAME<TAB>ARGS");
            let pending = name.starts_with('?');
            let name = name.trim_start_matches('?');
            let (name, golden) = match name.split_once('=') {
                Some((n, g)) => (n.to_string(), g.to_string()),
                None => (name.to_string(), name.to_string()),
            };
            Case {
                name,
                pending,
                golden,
                args: args.split(' ').map(str::to_string).collect(),
            }
        })
        .collect()
}

/// Runs one case against testdata/python/golden/; returns a description of each difference.
fn run_case(case: &Case) -> Vec<String> {
    run_case_in(case, "golden", &[])
}

/// Runs one case with `extra` flags first, against the goldens in `golden_dir`.
fn run_case_in(case: &Case, golden_dir: &str, extra: &[String]) -> Vec<String> {
    let golden = python_dir().join(golden_dir);
    let out = tempfile::tempdir().expect("tempdir");
    let out_str = out.path().to_str().expect("utf8");
    let args: Vec<String> = case
        .args
        .iter()
        .map(|a| a.replace("$OUT", out_str))
        .collect();
    let result = common::protoc_rs()
        .args(extra)
        .args(&args)
        .current_dir(python_dir().join("protos"))
        .output()
        .expect("runs protoc-rs");
    let mut diffs = Vec::new();
    let want_exit = fs::read_to_string(golden.join(format!("{}.exit", case.golden)))
        .expect("golden exit")
        .trim()
        .to_string();
    let got_exit = result
        .status
        .code()
        .map(|c| c.to_string())
        .unwrap_or_default();
    if got_exit != want_exit {
        diffs.push(format!("exit {got_exit}, oracle {want_exit}"));
    }
    let want_err = fs::read(golden.join(format!("{}.stderr", case.golden))).expect("stderr");
    let got_err = String::from_utf8_lossy(&result.stderr).replace(out_str, "$OUT");
    if got_err.as_bytes() != want_err {
        diffs.push(format!(
            "stderr:\n{got_err}oracle:\n{}",
            String::from_utf8_lossy(&want_err)
        ));
    }
    let want = tree(&golden.join(&case.golden));
    let got = tree(out.path());
    for (name, bytes) in &want {
        match got.get(name) {
            None => diffs.push(format!("{name}: not written")),
            Some(g) if g != bytes => diffs.push(format!("{name}: differs")),
            Some(_) => {}
        }
    }
    for name in got.keys().filter(|n| !want.contains_key(*n)) {
        diffs.push(format!("{name}: written, oracle did not"));
    }
    diffs
}

#[test]
fn python_goldens() {
    let mut failures = Vec::new();
    let all = cases();
    assert!(all.len() > 20, "cases.txt lists the cases");
    for case in &all {
        let diffs = run_case(case);
        if case.pending {
            if diffs.is_empty() {
                failures.push(format!(
                    "{}: now matches the oracle; drop its `?` in cases.txt",
                    case.name
                ));
            }
        } else if !diffs.is_empty() {
            failures.push(format!("{}:\n  {}", case.name, diffs.join("\n  ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ from the oracle:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}

/// testdata/python/releases.txt: (grpcio-tools, grpcio, protobuf), the default last.
fn releases() -> Vec<(String, String, String)> {
    let text = fs::read_to_string(python_dir().join("releases.txt")).expect("releases.txt");
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            (f[0].to_string(), f[1].to_string(), f[2].to_string())
        })
        .collect()
}

/// `--python_target`: every case of cases.txt (not the protoc-rs-only `NAME=OTHER` ones)
/// against each older release's goldens (`scripts/regen-python-goldens --release R`), with
/// `--python_target=protobuf==P,grpcio==G`. `?NAME` cases stay known differences.
#[test]
fn python_target_goldens() {
    let all = cases();
    let releases = releases();
    assert!(releases.len() >= 5, "releases.txt lists the releases");
    let mut failures = Vec::new();
    let mut checked = 0;
    for (tools, grpcio, protobuf) in &releases[..releases.len() - 1] {
        let dir = format!("golden-{tools}");
        assert!(python_dir().join(&dir).is_dir(), "{dir} missing");
        let extra = [format!(
            "--python_target=protobuf=={protobuf},grpcio=={grpcio}"
        )];
        for case in all.iter().filter(|c| c.name == c.golden) {
            let diffs = run_case_in(case, &dir, &extra);
            checked += 1;
            if case.pending {
                if diffs.is_empty() {
                    failures.push(format!("{tools} {}: now matches; drop its `?`", case.name));
                }
            } else if !diffs.is_empty() {
                failures.push(format!("{tools} {}:\n  {}", case.name, diffs.join("\n  ")));
            }
        }
        println!("parity python-target {tools}: cases checked against {dir}");
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} release cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// An error leaves what was in the output directory untouched, even the files a generator
/// had finished before another failed.
#[test]
fn failed_invocation_writes_nothing() {
    let out = tempfile::tempdir().expect("tempdir");
    fs::write(out.path().join("nested_pb2.py"), "old").expect("write");
    let o = out.path().to_str().expect("utf8");
    let result = common::protoc_rs()
        .args([
            "-I.",
            &format!("--python_out={o}"),
            &format!("--pyi_out={o}"),
            &format!("--grpc_python_out=a,b,c:{o}"),
            "nested.proto",
        ])
        .current_dir(python_dir().join("protos"))
        .output()
        .expect("runs");
    assert_eq!(result.status.code(), Some(1));
    let files = tree(out.path());
    assert_eq!(files.len(), 1, "{:?}", files.keys().collect::<Vec<_>>());
    assert_eq!(files["nested_pb2.py"], b"old");
}

/// Deliberate difference (docs/differences.md): a descriptor.proto without
/// `FeatureSet` (from before editions) makes protoc's Python generator abort on a failed
/// CHECK (exit 134); protoc-rs reports the check's words, exits 1 and writes nothing, not
/// even the `.pyi` that works on its own. (The current descriptor.proto is the
/// `descriptor_bootstrap` case of cases.txt.)
#[test]
fn descriptor_pb2_without_feature_set_is_refused() {
    let out = tempfile::tempdir().expect("tempdir");
    let o = out.path().to_str().expect("utf8");
    let result = common::protoc_rs()
        .args([
            "-Ino-featureset",
            &format!("--python_out=pyi_out:{o}"),
            "google/protobuf/descriptor.proto",
        ])
        .current_dir(python_dir().join("protos"))
        .output()
        .expect("runs");
    assert_eq!(result.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&result.stderr),
        "--python_out: google/protobuf/descriptor.proto: Malformed descriptor.proto doesn't contain google.protobuf.FeatureSet\n"
    );
    assert!(tree(out.path()).is_empty());
}
