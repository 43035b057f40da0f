//! Archive outputs (`--X_out=FILE.zip|.jar|.srcjar`): each case of `testdata/archive/cases.tsv`
//! runs the real binary in a fresh copy of `testdata/archive/setup/` and must exit with the
//! oracle's code, print its stderr and create or change the same files, byte for byte (the
//! archives included). Goldens come from `scripts/regen-archive-goldens` (protoc 35.1 via
//! grpcio-tools 1.85.1; for `--rust_out`/`--grpc_out`, protoc-rs's files packed by the oracle).
//!
//! Then what protoc-rs adds: an unchanged archive is not rewritten, `--check` compares
//! archives, a failing run leaves an archive as it was, and an entry escaping with `../` is
//! refused (protoc writes it).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

mod common;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn archive_dir() -> PathBuf {
    root().join("testdata/archive")
}

/// A fresh scratch directory holding a copy of `testdata/archive/setup/`.
fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let setup = archive_dir().join("setup");
    for rel in common::files(&setup) {
        let to = dir.path().join(&rel);
        fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
        fs::copy(setup.join(&rel), &to).expect("copy");
    }
    dir
}

fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    common::files(dir)
        .into_iter()
        .map(|rel| {
            let bytes = fs::read(dir.join(&rel)).expect("read");
            (rel, bytes)
        })
        .collect()
}

fn protoc_rs(dir: &Path, args: &[&str]) -> Output {
    common::protoc_rs()
        .args(args)
        .current_dir(dir)
        .output()
        .expect("runs")
}

fn cases() -> Vec<(String, Vec<String>)> {
    let table = fs::read_to_string(archive_dir().join("cases.tsv")).expect("cases.tsv");
    let r = root().to_str().expect("utf8").to_string();
    table
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut parts = l.split('\t');
            let name = parts.next().expect("name").to_string();
            (name, parts.map(|a| a.replace("$R", &r)).collect())
        })
        .collect()
}

#[test]
fn archives_match_the_oracle() {
    let cases = cases();
    assert!(cases.len() >= 15, "cases.tsv read");
    let mut failures = Vec::new();
    for (name, args) in &cases {
        let golden = archive_dir().join("golden").join(name);
        let dir = scratch();
        let before = snapshot(dir.path());
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = protoc_rs(dir.path(), &args);
        let changed: BTreeMap<String, Vec<u8>> = snapshot(dir.path())
            .into_iter()
            .filter(|(rel, bytes)| before.get(rel) != Some(bytes))
            .collect();
        let stderr =
            String::from_utf8_lossy(&out.stderr).replace(root().to_str().expect("utf8"), "$R");
        let want_exit = fs::read_to_string(golden.join("exit")).expect("exit golden");
        let want_stderr = fs::read_to_string(golden.join("stderr")).expect("stderr golden");
        let want_files = snapshot(&golden.join("files"));
        let code = format!("{}\n", out.status.code().unwrap_or(-1));
        if code != want_exit {
            failures.push(format!("{name}: exit {code:?}, oracle {want_exit:?}"));
        }
        if stderr != want_stderr {
            failures.push(format!("{name}: stderr {stderr:?}, oracle {want_stderr:?}"));
        }
        let names = |m: &BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
        if names(&changed) != names(&want_files) {
            failures.push(format!(
                "{name}: wrote {:?}, oracle {:?}",
                names(&changed),
                names(&want_files)
            ));
        } else {
            for (rel, bytes) in &changed {
                if *bytes != want_files[rel] {
                    failures.push(format!("{name}: {rel} differs from the oracle's"));
                }
            }
        }
    }
    println!(
        "parity archives: {} of {} cases",
        cases.len() - failures.len().min(cases.len()),
        cases.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

const TRIO: &[&str] = &[
    "-I.",
    "--python_out=p.zip",
    "--pyi_out=p.zip",
    "--grpc_python_out=p.zip",
    "a.proto",
];

#[test]
fn an_unchanged_archive_is_not_rewritten() {
    use std::os::unix::fs::MetadataExt;
    let dir = scratch();
    assert!(protoc_rs(dir.path(), TRIO).status.success());
    let first = fs::metadata(dir.path().join("p.zip")).expect("written");
    assert!(protoc_rs(dir.path(), TRIO).status.success());
    let second = fs::metadata(dir.path().join("p.zip")).expect("still there");
    assert_eq!(
        (first.ino(), first.mtime(), first.mtime_nsec()),
        (second.ino(), second.mtime(), second.mtime_nsec())
    );
}

#[test]
fn check_compares_archives() {
    let dir = scratch();
    let check: Vec<&str> = [&["--check"][..], TRIO].concat();
    let out = protoc_rs(dir.path(), &check);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "stale: p.zip (missing)\n1 of 1 outputs are stale\n"
    );
    assert!(!dir.path().join("p.zip").exists(), "--check writes nothing");

    assert!(protoc_rs(dir.path(), TRIO).status.success());
    let out = protoc_rs(dir.path(), &check);
    assert_eq!((out.status.code(), out.stdout.len()), (Some(0), 0));

    let zip = dir.path().join("p.zip");
    let mut bytes = fs::read(&zip).expect("read");
    let len = bytes.len();
    bytes.truncate(len - 1);
    fs::write(&zip, &bytes).expect("write");
    let out = protoc_rs(dir.path(), &check);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!(
            "stale: p.zip (differs)\nbinary file differs ({} bytes on disk, {len} generated)\n\
             1 of 1 outputs are stale\n",
            len - 1
        )
    );
}

#[test]
fn check_names_the_entries_that_differ() {
    let dir = scratch();
    let two = ["-I.", "--pyi_out=p.zip", "a.proto", "pkg/b.proto"];
    assert!(protoc_rs(dir.path(), &two).status.success());
    // a.proto gains a message; pkg/b.proto is no longer an input.
    let a = dir.path().join("a.proto");
    let mut text = fs::read_to_string(&a).expect("read");
    text.push_str("message Z {}\n");
    fs::write(&a, text).expect("write");
    let out = protoc_rs(
        dir.path(),
        &["--check", "-I.", "--pyi_out=p.zip", "a.proto"],
    );
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let want_start = "stale: p.zip (differs)\n\
                      --- p.zip:a_pb2.pyi (on disk)\n\
                      +++ p.zip:a_pb2.pyi (generated)\n@@ ";
    assert!(stdout.starts_with(want_start), "{stdout}");
    assert!(
        stdout.contains("\n+class Z(_message.Message):\n"),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("\np.zip:pkg/b_pb2.pyi: on disk only\n1 of 1 outputs are stale\n"),
        "{stdout}"
    );
}

/// A deliberate difference: protoc writes `../x` into the archive (case
/// `plugin_dotdot_allowed_zip` shows its bytes, which protoc-rs writes only with
/// `--unsafe_allow_out_dir_escape`); protoc-rs refuses the entry as it would for a directory.
#[test]
fn entries_escaping_with_dotdot_are_refused() {
    let dir = scratch();
    let plugin = root().join("testdata/plugin/plugins/reply-name_dotdot");
    let plugin = format!("--plugin=protoc-gen-r={}", plugin.display());
    let out = protoc_rs(dir.path(), &["-I.", &plugin, "--r_out=r.zip", "a.proto"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "Output file names must never have a relative path. (../x). Use \
         --unsafe_allow_out_dir_escape to disable this error if intentional.\n"
    );
    assert!(!dir.path().join("r.zip").exists());
}

#[test]
fn a_failing_run_leaves_the_archive_as_it_was() {
    // The archive comes first on the command line; the second output's directory is missing.
    // protoc would have written old.zip already; protoc-rs writes nothing.
    let dir = scratch();
    let out = protoc_rs(
        dir.path(),
        &["-I.", "--python_out=old.zip", "--pyi_out=nodir", "a.proto"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "nodir/: No such file or directory\n"
    );
    assert_eq!(fs::read(dir.path().join("old.zip")).expect("kept"), b"old");
}
