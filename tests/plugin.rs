//! Plugins: each case of `testdata/plugin/cases.tsv` runs the real binary in a fresh directory
//! and must exit with the oracle's code, print its stderr and create the same files with the
//! same bytes: the requests the `dump` test plugin recorded (so every `CodeGeneratorRequest`
//! is byte-identical to protoc 35.1's) and the files built from the test plugins' responses.
//! Goldens come from `scripts/regen-plugin-goldens`; the test plugins are `/bin/sh` scripts in
//! `testdata/plugin/plugins/`, so no Python is needed here.
//!
//! Where protoc-rs deliberately differs (README, "Differences from protoc"), the case is
//! listed below with what protoc-rs does instead. Then the failure modes the oracle cannot
//! show (a hanging plugin, Ctrl-C, a 10 MB request never read) and protoc-rs's own additions.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata/plugin")
}

fn plugins() -> String {
    dir().join("plugins").to_str().unwrap().to_string()
}

fn protos() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/ok")
        .to_str()
        .unwrap()
        .to_string()
}

fn golden(rel: &str) -> Option<Vec<u8>> {
    fs::read(dir().join("golden").join(rel)).ok()
}

/// Runs protoc-rs in `d` with `$D`, `$P`, `$O` expanded and the plugins first on PATH.
fn protoc_rs(d: &str, args: &[String]) -> Output {
    let expand = |a: &String| {
        a.replace("$D", d)
            .replace("$P", &plugins())
            .replace("$O", &protos())
    };
    let path = format!(
        "{}:{}",
        plugins(),
        std::env::var("PATH").unwrap_or_default()
    );
    Command::new(env!("CARGO_BIN_EXE_protoc-rs"))
        .args(args.iter().map(expand))
        .current_dir(d)
        .env("PATH", path)
        .output()
        .unwrap()
}

/// stderr with the three directories written back as the goldens write them.
fn normalized_stderr(out: &Output, d: &str) -> String {
    String::from_utf8_lossy(&out.stderr)
        .replace(d, "$D")
        .replace(&plugins(), "$P")
        .replace(&protos(), "$O")
}

fn cases() -> Vec<(String, Vec<String>)> {
    let text = fs::read_to_string(dir().join("cases.tsv")).unwrap();
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut parts = l.split('\t').map(String::from);
            (parts.next().unwrap(), parts.collect())
        })
        .collect()
}

fn scratch() -> (tempfile::TempDir, String) {
    let t = tempfile::tempdir().unwrap();
    let d = fs::canonicalize(t.path())
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    (t, d)
}

/// protoc writes what it validated before failing on a later name or directory; protoc-rs
/// writes everything or nothing (the same exit code and stderr, no file).
const ALL_OR_NOTHING: &[&str] = &["name_nested_dotdot", "insert_other_directory"];

/// Names protoc accepts and protoc-rs refuses before writing anything: protoc nests an
/// absolute name under the output directory, writes `C:\x` as a file name on Unix, cuts a name
/// at a NUL and writes bytes that are not UTF-8.
const REFUSED_NAMES: &[(&str, &str)] = &[
    (
        "name_absolute",
        "Output file names must be relative to the output directory (/abs/x). Use \
         --unsafe_allow_out_dir_escape to disable this error if intentional.\n",
    ),
    (
        "name_drive",
        "Output file names must be relative to the output directory (C:\\x). Use \
         --unsafe_allow_out_dir_escape to disable this error if intentional.\n",
    ),
    (
        "name_nul",
        "Output file names must not contain a NUL byte (a\\000b).\n",
    ),
    (
        "name_not_utf8",
        "--r_out: protoc-gen-r: Plugin returned a file name that is not UTF-8 (a\\377b).\n",
    ),
];

#[test]
fn plugins_match_oracle() {
    let cases = cases();
    assert!(cases.len() >= 50, "too few plugin cases: {}", cases.len());
    let mut failures = Vec::new();
    let mut identical = 0;
    for (name, args) in &cases {
        let (_t, d) = scratch();
        let out = protoc_rs(&d, args);
        let got_code = out.status.code().unwrap_or(-1);
        let got_stderr = normalized_stderr(&out, &d);
        let created = common::files(Path::new(&d));

        let mut want_code: i32 = String::from_utf8(golden(&format!("{name}.exit")).unwrap())
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        let mut want_stderr =
            String::from_utf8_lossy(&golden(&format!("{name}.stderr")).unwrap()).into_owned();
        let mut want_files: BTreeSet<String> =
            String::from_utf8_lossy(&golden(&format!("{name}.files")).unwrap())
                .lines()
                .map(String::from)
                .collect();
        let deliberate = if ALL_OR_NOTHING.contains(&name.as_str()) {
            assert_eq!(want_code, 1, "{name}: the oracle fails this case");
            want_files.clear();
            true
        } else if let Some((_, line)) = REFUSED_NAMES.iter().find(|(n, _)| n == name) {
            want_code = 1;
            want_stderr = line.to_string();
            want_files.clear();
            true
        } else {
            false
        };
        let mut why = Vec::new();
        if got_code != want_code {
            why.push(format!("exit {got_code}, want {want_code}"));
        }
        if got_stderr != want_stderr {
            why.push(format!("stderr {got_stderr:?}, want {want_stderr:?}"));
        }
        if created != want_files {
            why.push(format!("created {created:?}, want {want_files:?}"));
        } else {
            for f in &created {
                let got = fs::read(Path::new(&d).join(f)).unwrap();
                if golden(&format!("{name}/{f}")).as_deref() != Some(&got[..]) {
                    why.push(format!("{f} differs from the oracle's"));
                }
            }
        }
        if why.is_empty() {
            identical += usize::from(!deliberate);
        } else {
            failures.push(format!("{name}: {}", why.join("; ")));
        }
    }
    println!(
        "parity plugins: {identical}/{} cases identical to the oracle, {} deliberate \
         differences, {} failures",
        cases.len(),
        ALL_OR_NOTHING.len() + REFUSED_NAMES.len(),
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
