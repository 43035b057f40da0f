//! SourceCodeInfo parity: runs the real `protoc-rs` binary with `--include_source_info` over
//! every `testdata/source_info/*.proto` (`-I testdata/source_info`) and every
//! `testdata/ok/**.proto` (`-I testdata/ok`), each compiled alone, and compares the `-o` bytes
//! with the goldens `scripts/regen-source-info-goldens` wrote from the pinned oracle
//! (grpcio-tools 1.85.1 = libprotoc 35.1) under `testdata/source_info/golden/`. Needs nothing
//! but Rust. A mismatch is reported with the first location that differs.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use protoc_rs::descriptor::wire::{Reader, WireValue, read_varint};

const VARIANTS: [(&str, &[&str]); 2] = [
    (
        "source_info",
        &["--include_imports", "--include_source_info"],
    ),
    (
        "source_info_retain",
        &[
            "--include_imports",
            "--include_source_info",
            "--retain_options",
        ],
    ),
];

/// (suite, input directory, recursive).
const SUITES: [(&str, &str, bool); 2] = [
    ("source_info", "testdata/source_info", false),
    ("ok", "testdata/ok", true),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `.proto` files under `dir`, relative with `/` separators, sorted.
fn protos(dir: &Path, recursive: bool) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, recursive: bool, out: &mut Vec<String>) {
        let entries = fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                if recursive {
                    walk(base, &path, recursive, out);
                }
            } else if path.extension().is_some_and(|e| e == "proto") {
                let rel = path.strip_prefix(base).expect("under base");
                let parts: Vec<_> = rel.iter().map(|p| p.to_string_lossy()).collect();
                out.push(parts.join("/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, recursive, &mut out);
    out.sort();
    out
}

/// One location as text: `file path span [L=..] [T=..] [D=..]`.
fn locations(set: &[u8]) -> Vec<String> {
    fn len_fields(buf: &[u8], field: u32) -> Vec<&[u8]> {
        Reader::new(buf)
            .filter_map(|r| r.ok())
            .filter(|r| r.field == field)
            .filter_map(|r| match r.value {
                WireValue::Len(b) => Some(b),
                _ => None,
            })
            .collect()
    }
    fn packed(b: &[u8]) -> Vec<i64> {
        let mut pos = 0;
        let mut out = Vec::new();
        while pos < b.len() {
            match read_varint(b, &mut pos) {
                Ok(v) => out.push(v as i64),
                Err(_) => break,
            }
        }
        out
    }
    let mut out = Vec::new();
    for file in len_fields(set, 1) {
        let name = len_fields(file, 1)
            .first()
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .unwrap_or_default();
        for info in len_fields(file, 9) {
            for loc in len_fields(info, 1) {
                let mut s = format!(
                    "{name} {:?} {:?}",
                    len_fields(loc, 1)
                        .iter()
                        .flat_map(|b| packed(b))
                        .collect::<Vec<_>>(),
                    len_fields(loc, 2)
                        .iter()
                        .flat_map(|b| packed(b))
                        .collect::<Vec<_>>()
                );
                for (f, tag) in [(3, "L"), (4, "T"), (6, "D")] {
                    for c in len_fields(loc, f) {
                        s.push_str(&format!(" {tag}={:?}", String::from_utf8_lossy(c)));
                    }
                }
                out.push(s);
            }
        }
    }
    out
}

/// Why `ours` differs from `golden`: the first differing location, or the byte offset.
fn explain(golden: &[u8], ours: &[u8]) -> String {
    let (g, o) = (locations(golden), locations(ours));
    for (i, (a, b)) in g.iter().zip(&o).enumerate() {
        if a != b {
            return format!("location #{i}: oracle `{a}`, ours `{b}`");
        }
    }
    if g.len() != o.len() {
        return format!("{} locations in the oracle's, {} in ours", g.len(), o.len());
    }
    let at = golden
        .iter()
        .zip(ours)
        .position(|(a, b)| a != b)
        .unwrap_or(golden.len().min(ours.len()));
    format!(
        "same locations; bytes differ at offset {at} (sizes {} vs {})",
        golden.len(),
        ours.len()
    )
}

#[test]
fn source_info_matches_oracle_goldens() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut failures = Vec::new();
    let mut checked = 0;
    for (suite, dir, recursive) in SUITES {
        for rel in protos(&root().join(dir), recursive) {
            for (variant, flags) in VARIANTS {
                let stem = &rel[..rel.len() - ".proto".len()];
                let golden_path = root()
                    .join("testdata/source_info/golden")
                    .join(suite)
                    .join(format!("{stem}.{variant}.pb"));
                let Ok(golden) = fs::read(&golden_path) else {
                    failures.push(format!(
                        "{dir}/{rel} ({variant}): no golden {} (run scripts/regen-source-info-goldens)",
                        golden_path.display()
                    ));
                    continue;
                };
                let out_path = tmp.path().join(format!("{checked}.pb"));
                let output = common::protoc_rs()
                    .arg(format!("-I{dir}"))
                    .arg(format!("-o{}", out_path.display()))
                    .args(flags)
                    .arg(format!("{dir}/{rel}"))
                    .current_dir(root())
                    .output()
                    .expect("failed to start protoc-rs");
                checked += 1;
                if !output.status.success() {
                    failures.push(format!(
                        "{dir}/{rel} ({variant}): exit {:?}\n{}",
                        output.status.code(),
                        String::from_utf8_lossy(&output.stderr)
                    ));
                    continue;
                }
                let ours = fs::read(&out_path).expect("output written");
                if ours != golden {
                    failures.push(format!(
                        "{dir}/{rel} ({variant}): {}",
                        explain(&golden, &ours)
                    ));
                }
            }
        }
    }
    assert!(checked > 0, "no inputs found");
    assert!(
        failures.is_empty(),
        "{} of {checked} runs differ from the oracle goldens:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
