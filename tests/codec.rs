//! `--encode`, `--decode`, `--decode_raw` and `--edition_defaults_out` parity: every case of
//! `testdata/codec/cases.tsv` and `random.tsv` runs the real binary in a fresh directory with
//! its stdin and must print the oracle's stdout and stderr byte for byte, exit with its code,
//! and write its `out.bin`. Goldens come from `scripts/regen-codec-goldens` (protoc 35.1);
//! `scripts/codec-parity` compares many more inputs with the oracle directly.

mod common;

use std::fs;
use std::io::Write;
use std::path::PathBuf;
use std::process::Stdio;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `-`, `hex:..`, `text:..` (`\n`, `\t`, `\\`) or `file:PATH`, as the regen script reads them.
fn stdin_bytes(spec: &str) -> Vec<u8> {
    if spec == "-" {
        return Vec::new();
    }
    let (kind, rest) = spec.split_once(':').expect("stdin spec");
    match kind {
        "hex" => (0..rest.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&rest[i..i + 2], 16).expect("hex"))
            .collect(),
        "file" => fs::read(root().join(rest)).expect("stdin file"),
        "text" => {
            let mut out = String::new();
            let mut chars = rest.chars().peekable();
            while let Some(c) = chars.next() {
                match (c, chars.peek()) {
                    ('\\', Some('n')) => {
                        out.push('\n');
                        chars.next();
                    }
                    ('\\', Some('t')) => {
                        out.push('\t');
                        chars.next();
                    }
                    ('\\', Some('\\')) => {
                        out.push('\\');
                        chars.next();
                    }
                    _ => out.push(c),
                }
            }
            out.into_bytes()
        }
        _ => panic!("bad stdin spec {spec}"),
    }
}

struct Case {
    name: String,
    stdin: Vec<u8>,
    args: Vec<String>,
}

fn cases(tsv: &str) -> Vec<Case> {
    let text = fs::read_to_string(root().join("testdata/codec").join(tsv)).unwrap();
    let r = root().to_str().unwrap().to_string();
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut parts = l.split('\t');
            let name = parts.next().unwrap().to_string();
            let stdin = stdin_bytes(parts.next().unwrap());
            let args = parts.map(|a| a.replace("$ROOT", &r)).collect();
            Case { name, stdin, args }
        })
        .collect()
}

/// What differs from the goldens, if anything.
fn check(case: &Case) -> Option<String> {
    let golden = root().join("testdata/codec/golden");
    let dir = tempfile::tempdir().unwrap();
    let mut child = common::protoc_rs()
        .args(&case.args)
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A run that never reads stdin may close it early; that is not a failure.
    let _ = child.stdin.take().unwrap().write_all(&case.stdin);
    let out = child.wait_with_output().unwrap();
    // Goldens write the repository's path as `$ROOT`.
    let r = root().to_str().unwrap().as_bytes().to_vec();
    let want = |ext: &str| {
        fs::read(golden.join(format!("{}.{ext}", case.name)))
            .ok()
            .map(|b| replace(&b, b"$ROOT", &r))
    };
    let mut diffs = Vec::new();
    if want("stdout").as_deref() != Some(&out.stdout[..]) {
        diffs.push(format!(
            "stdout:\n--- oracle\n{}\n--- protoc-rs\n{}",
            String::from_utf8_lossy(&want("stdout").unwrap_or_default()),
            String::from_utf8_lossy(&out.stdout)
        ));
    }
    if want("stderr").as_deref() != Some(&out.stderr[..]) {
        diffs.push(format!(
            "stderr:\n--- oracle\n{}--- protoc-rs\n{}",
            String::from_utf8_lossy(&want("stderr").unwrap_or_default()),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let code = format!("{}\n", out.status.code().unwrap_or(-1));
    if want("exit").as_deref() != Some(code.as_bytes()) {
        diffs.push(format!("exit: protoc-rs {code}"));
    }
    if want("out") != fs::read(dir.path().join("out.bin")).ok() {
        diffs.push("out.bin differs".to_string());
    }
    (!diffs.is_empty()).then(|| format!("{}: {}", case.name, diffs.join("\n")))
}

fn replace(hay: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(hay.len());
    let mut i = 0;
    while i < hay.len() {
        if hay[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(hay[i]);
            i += 1;
        }
    }
    out
}

fn run_all(tsv: &str) {
    let cases = cases(tsv);
    assert!(!cases.is_empty());
    let failures: Vec<String> = cases.iter().filter_map(check).collect();
    println!(
        "parity codec {tsv}: {}/{} cases match",
        cases.len() - failures.len(),
        cases.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn codec_cases() {
    run_all("cases.tsv");
}

#[test]
fn random_inputs() {
    run_all("random.tsv");
}
