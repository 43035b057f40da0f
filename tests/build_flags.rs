//! The build-system flags against the oracle: each case of `testdata/build/cases.tsv` runs its
//! steps (protoc-rs invocations) in order in one fresh copy of `testdata/build/setup/`; every
//! step's exit code, stdout and stderr, and every file the steps created, must equal what
//! protoc 35.1 did (`testdata/build/golden/NAME/`, from `scripts/regen-build-goldens`).
//!
//! The cases: three-level `--descriptor_set_in` chains (the Bazel / Buck shape, each step
//! compiling only its own file) for `-o`, `--include_imports`, `--include_source_info`,
//! `--retain_options` and the Python generators; the sets' error paths; strict dependencies;
//! `--print_free_field_numbers`; `--disallow_services`; `--experimental_editions`; and the
//! command lines (params files included) that Bazel's proto rules emit for three targets.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

mod common;

fn build_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata/build")
}

/// The cases of cases.tsv: name and steps (consecutive lines of one name), in order.
fn cases() -> Vec<(String, Vec<Vec<String>>)> {
    let text = fs::read_to_string(build_dir().join("cases.tsv")).unwrap();
    let mut out: Vec<(String, Vec<Vec<String>>)> = Vec::new();
    for line in text.lines() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.split('\t');
        let name = parts.next().unwrap().to_string();
        let args: Vec<String> = parts
            .map(|a| if a == "<empty>" { "" } else { a }.to_string())
            .collect();
        match out.last_mut() {
            Some((last, steps)) if *last == name => steps.push(args),
            _ => out.push((name, vec![args])),
        }
    }
    out
}

fn copy_tree(from: &Path, to: &Path) {
    for rel in common::files(from) {
        let dest = to.join(&rel);
        fs::create_dir_all(dest.parent().unwrap()).unwrap();
        fs::copy(from.join(&rel), dest).unwrap();
    }
}

/// Every file under `dir`, by relative path.
fn contents(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    common::files(dir)
        .into_iter()
        .map(|rel| {
            let bytes = fs::read(dir.join(&rel)).unwrap();
            (rel, bytes)
        })
        .collect()
}

/// Runs a case's steps; returns the steps' report (as the golden's steps.txt) and the files
/// they created.
fn run(steps: &[Vec<String>]) -> (Vec<u8>, BTreeMap<String, Vec<u8>>) {
    let dir = tempfile::tempdir().unwrap();
    let setup = build_dir().join("setup");
    copy_tree(&setup, dir.path());
    let before = common::files(dir.path());
    let mut report = Vec::new();
    for (i, args) in steps.iter().enumerate() {
        let out = common::protoc_rs()
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        let code = out.status.code().unwrap_or(-1);
        report.extend(format!("## step {}: exit {code}\n## stdout\n", i + 1).bytes());
        report.extend(&out.stdout);
        report.extend(b"## stderr\n");
        report.extend(&out.stderr);
    }
    let created = contents(dir.path())
        .into_iter()
        .filter(|(rel, _)| !before.contains(rel))
        .collect();
    (report, created)
}

#[test]
fn build_flags_match_the_oracle() {
    let mut failures = Vec::new();
    let all = cases();
    assert!(all.len() > 50, "cases.tsv has {} cases", all.len());
    for (name, steps) in &all {
        let golden = build_dir().join("golden").join(name);
        let want_report = fs::read(golden.join("steps.txt"))
            .unwrap_or_else(|_| panic!("{name}: no golden; run scripts/regen-build-goldens"));
        let want_files = contents(&golden.join("files"));
        let (report, created) = run(steps);
        if report != want_report {
            failures.push(format!(
                "{name}: steps differ\n--- oracle\n{}--- protoc-rs\n{}",
                String::from_utf8_lossy(&want_report),
                String::from_utf8_lossy(&report)
            ));
        }
        let names = |m: &BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
        if names(&created) != names(&want_files) {
            failures.push(format!(
                "{name}: created {:?}, the oracle {:?}",
                names(&created),
                names(&want_files)
            ));
        } else {
            for (rel, bytes) in &created {
                if want_files.get(rel) != Some(bytes) {
                    failures.push(format!("{name}: {rel} differs from the oracle's"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The oracle's own facts docs/ states, read from the goldens: a chain's last step with
/// `--include_imports` writes what compiling everything from source writes, while with source
/// info or `--retain_options` the files taken from descriptor sets keep what those sets held.
#[test]
fn chain_with_imports_equals_compiling_from_source() {
    let files = build_dir().join("golden/chain_imports/files");
    let chained = fs::read(files.join("c.pb")).unwrap();
    let from_source = fs::read(files.join("from_source.pb")).unwrap();
    assert_eq!(chained, from_source);
    for (case, out) in [
        ("chain_late_source_info", "tree.pb"),
        ("chain_late_retain", "c.pb"),
    ] {
        let files = build_dir().join("golden").join(case).join("files");
        let chained = fs::read(files.join(out)).unwrap();
        let from_source = fs::read(files.join("from_source.pb")).unwrap();
        assert!(chained.len() < from_source.len(), "{case}");
    }
}

/// `--notices` prints protoc-rs's own notices (not protoc's, so not from the oracle): the text
/// generated from Cargo.lock, on stdout, exit 0, and stops at once like protoc's.
#[test]
fn notices() {
    let text =
        fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/cli/notices.txt"))
            .unwrap();
    assert!(text.starts_with("protoc-rs uses the following open source libraries:\n\n"));
    assert!(text.contains("\nprost 0.14.6\nApache-2.0\n"), "{text}");
    for args in [&["--notices"][..], &["--notices", "--no_such_flag=1"]] {
        let out = common::protoc_rs().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert_eq!(String::from_utf8(out.stdout).unwrap(), text);
        assert!(out.stderr.is_empty());
    }
    let out = common::protoc_rs()
        .args(["--no_such_flag=1", "--notices"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(out.stderr, b"Unknown flag: --no_such_flag\n");
}

/// A small deterministic generator (xorshift64*), so the hostile cases are the same each run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// One semantic mutation of a decoded set: values the parser never produces (numbers out of
/// range, dangling indices, missing names and types, unknown editions).
fn mutate(files: &mut [protoc_rs::descriptor::model::FileDescriptorProto], rng: &mut Rng) {
    use protoc_rs::descriptor::model::{FieldType, Label, Syntax};
    let f = rng.below(files.len());
    let file = &mut files[f];
    let choice = rng.below(10);
    if choice == 0 {
        file.public_dependency.push([-1, 0, 9][rng.below(3)]);
        return;
    }
    if choice == 1 {
        file.dependency
            .push(["", "c.proto", "nope.proto", "a.proto"][rng.below(4)].to_string());
        return;
    }
    if choice == 2 {
        file.syntax = [Syntax::Editions(0), Syntax::Editions(9999), Syntax::Proto3][rng.below(3)];
        return;
    }
    let Some(m) = (!file.message_type.is_empty()).then(|| rng.below(file.message_type.len()))
    else {
        return;
    };
    let m = &mut file.message_type[m];
    if choice == 3 {
        m.name = ["", "A", "x.y"][rng.below(3)].to_string();
        return;
    }
    if m.field.is_empty() {
        return;
    }
    let i = rng.below(m.field.len());
    let field = &mut m.field[i];
    match choice {
        4 => field.number = Some([0, -1, 19000, 536_870_912, 1][rng.below(5)]),
        5 => field.oneof_index = Some([-1, 0, 7][rng.below(3)]),
        6 => field.label = [None, Some(Label::Required)][rng.below(2)],
        7 => field.r#type = [None, Some(FieldType::Group), Some(FieldType::Enum)][rng.below(3)],
        8 => {
            field.type_name =
                [None, Some(""), Some("."), Some("Nope")][rng.below(4)].map(str::to_string)
        }
        _ => field.default_value = Some(["", "x", "1e400", "-0"][rng.below(4)].to_string()),
    }
}

/// Descriptor sets no protoc writes, mutated byte by byte and field by field from the chain's
/// sets: protoc-rs answers each with an exit code of 0 or 1, never a panic.
#[test]
fn hostile_descriptor_sets_never_panic() {
    use protoc_rs::descriptor::{decode, encode};
    let golden = build_dir().join("golden/chain_imports/files/c.pb");
    let base = fs::read(golden).unwrap();
    let files: Vec<_> = decode::file_set(&base)
        .unwrap()
        .into_iter()
        .map(|f| decode::file(f).unwrap())
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for case in 0..90 {
        let bytes = if case % 2 == 0 {
            let mut b = base.clone();
            for _ in 0..=rng.below(3) {
                let at = rng.below(b.len());
                match rng.below(3) {
                    0 => b[at] = rng.next() as u8,
                    1 => b[at] ^= 1 << rng.below(8),
                    _ => b.truncate(at),
                }
            }
            b
        } else {
            let mut mutated = files.clone();
            for _ in 0..=rng.below(3) {
                mutate(&mut mutated, &mut rng);
            }
            let opts = encode::EncodeOptions { json_names: true };
            let mut b = Vec::new();
            for f in &mutated {
                encode::write_file_field(&mut b, 1, f, &opts);
            }
            b
        };
        fs::write(dir.path().join("m.pb"), &bytes).unwrap();
        let flags = [
            &["-oo.pb"][..],
            &["--print_free_field_numbers"],
            &["--python_out=.", "--pyi_out=."],
        ];
        let out = common::protoc_rs()
            .arg("--descriptor_set_in=m.pb")
            .args(flags[case % 3])
            .arg(["c.proto", "b.proto", "a.proto"][rng.below(3)])
            .current_dir(dir.path())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            matches!(out.status.code(), Some(0 | 1)) && !stderr.contains("panicked"),
            "case {case}: {:?}\n{stderr}",
            out.status
        );
    }
}

/// `--rust_out`/`--grpc_out` (no oracle: prost-build's output) from a descriptor set holding
/// source info equal what they write from the sources.
#[test]
fn rust_generators_from_a_descriptor_set() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&build_dir().join("setup"), dir.path());
    let run = |args: &[&str]| {
        let out = common::protoc_rs()
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    fs::create_dir_all(dir.path().join("from_source")).unwrap();
    fs::create_dir_all(dir.path().join("from_set")).unwrap();
    run(&[
        "-I.",
        "--include_imports",
        "--include_source_info",
        "-oall.pb",
        "pkg/c.proto",
    ]);
    run(&[
        "-I.",
        "--rust_out=from_source",
        "--grpc_out=from_source",
        "pkg/c.proto",
    ]);
    run(&[
        "--descriptor_set_in=all.pb",
        "--rust_out=from_set",
        "--grpc_out=from_set",
        "pkg/c.proto",
    ]);
    let source = contents(&dir.path().join("from_source"));
    assert!(source.contains_key("pkg.rs") && source.contains_key("pkg.tonic.rs"));
    assert_eq!(source, contents(&dir.path().join("from_set")));
}
