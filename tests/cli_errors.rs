//! CLI-misuse parity: each case of `testdata/cli/cases.tsv` runs the real binary in a fresh
//! directory and must print the oracle's stderr (warnings compared as a set), exit with its
//! code and create the same files. Goldens come from `scripts/regen-cli-goldens`, which runs
//! protoc 35.1 (grpcio-tools 1.85.1) the same way. Cases protoc-rs still gets wrong are listed
//! in `testdata/ratchet/cli-errors.txt`; that list may only shrink
//! (`BLESS_RATCHET=1 cargo test --test cli_errors` rewrites it).

use std::collections::BTreeSet;
use std::fs;
use std::path::PathBuf;

mod common;

/// The scratch files every case starts from (keep in sync with scripts/regen-cli-goldens).
const SETUP: &[(&str, &str)] = &[
    ("a.proto", "syntax = \"proto3\";\nmessage A {}\n"),
    ("a2.proto", "syntax = \"proto3\";\nmessage A {}\n"),
    (
        "bad.proto",
        "syntax = \"proto3\";\nmessage B {\n\toptional Foo f = 1;\n}\n",
    ),
    (
        "unused.proto",
        "syntax = \"proto3\";\nimport \"a.proto\";\nmessage U {}\n",
    ),
    (
        "imports_missing.proto",
        "syntax = \"proto3\";\nimport \"nope.proto\";\n",
    ),
    (
        "self.proto",
        "syntax = \"proto3\";\nimport \"self.proto\";\n",
    ),
    ("sub/a.proto", "syntax = \"proto3\";\nmessage S {}\n"),
    ("dir.proto/.keep", ""),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Error lines in order, warning lines sorted.
fn canonical(stderr: &str) -> (Vec<&str>, Vec<&str>) {
    let (mut warnings, errors): (Vec<&str>, Vec<&str>) = stderr
        .lines()
        .partition(|l| l.contains(": warning: ") || l.contains(": warning in column="));
    warnings.sort_unstable();
    (errors, warnings)
}

struct Case {
    name: String,
    args: Vec<String>,
}

fn cases() -> Vec<Case> {
    let text = fs::read_to_string(root().join("testdata/cli/cases.tsv")).unwrap();
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut parts = l.split('\t');
            let name = parts.next().unwrap().to_string();
            let args = parts
                .map(|a| {
                    if a == "<empty>" {
                        String::new()
                    } else {
                        a.to_string()
                    }
                })
                .collect();
            Case { name, args }
        })
        .collect()
}

/// Why the case differs from its goldens, if it does.
fn check(case: &Case) -> Option<String> {
    let golden = root().join("testdata/cli");
    let read = |ext: &str| fs::read_to_string(golden.join(format!("{}.{ext}", case.name))).unwrap();
    let want_exit: i32 = read("exit").trim().parse().unwrap();
    let want_stderr = read("stderr");
    let want_files: BTreeSet<String> = read("files").lines().map(String::from).collect();

    let dir = tempfile::tempdir().unwrap();
    for (rel, text) in SETUP {
        let p = dir.path().join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }
    let before = common::files(dir.path());
    let out = common::protoc_rs()
        .args(&case.args)
        .current_dir(dir.path())
        .output()
        .unwrap();
    let got_stderr = String::from_utf8_lossy(&out.stderr);
    let created: BTreeSet<String> = common::files(dir.path())
        .difference(&before)
        .cloned()
        .collect();
    if out.status.code() != Some(want_exit) {
        return Some(format!(
            "exit {:?}, oracle {want_exit}; stderr {got_stderr:?}, oracle {want_stderr:?}",
            out.status.code()
        ));
    }
    if canonical(&got_stderr) != canonical(&want_stderr) {
        return Some(format!("stderr {got_stderr:?}, oracle {want_stderr:?}"));
    }
    if created != want_files {
        return Some(format!("created {created:?}, oracle {want_files:?}"));
    }
    None
}

#[test]
fn cli_misuse_matches_oracle() {
    let cases = cases();
    assert!(cases.len() >= 30, "too few CLI cases: {}", cases.len());
    let ratchet = root().join("testdata/ratchet/cli-errors.txt");
    let listed: BTreeSet<String> = fs::read_to_string(&ratchet)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect();
    let mut differing = BTreeSet::new();
    let mut failures = Vec::new();
    for case in &cases {
        if let Some(why) = check(case) {
            if !listed.contains(&case.name) {
                failures.push(format!("REGRESSION {}: {why}", case.name));
            }
            differing.insert(case.name.clone());
        }
    }
    for stale in listed.difference(&differing) {
        failures.push(format!(
            "STALE {stale}: listed in testdata/ratchet/cli-errors.txt but matches the oracle"
        ));
    }
    println!(
        "parity cli-errors: {}/{} cases identical",
        cases.len() - differing.len(),
        cases.len()
    );
    if std::env::var("BLESS_RATCHET").is_ok_and(|v| v == "1") {
        let mut text = String::from(
            "# CLI cases that still differ from the oracle. The list may only shrink.\n\
             # Rewrite with: BLESS_RATCHET=1 cargo test --test cli_errors\n",
        );
        for d in &differing {
            text.push_str(d);
            text.push('\n');
        }
        fs::write(&ratchet, text).unwrap();
        return;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
