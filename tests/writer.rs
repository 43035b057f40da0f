//! The output writer through the real binary: `--check`, unchanged outputs left alone,
//! all-or-nothing writes, links replaced rather than written through, and Ctrl-C at known
//! points of the write (through the test-only `PROTOC_RS_TEST_PAUSE` hook). Rows are those of
//! the hostile-input list (docs/differences.md).

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime};

const A: &str = "syntax = \"proto3\";\npackage p;\nmessage A {\n  int32 x = 1;\n}\n";
const B: &str = "syntax = \"proto3\";\npackage p;\nmessage B {\n  string s = 1;\n}\n";
const C: &str = "syntax = \"proto3\";\npackage p.sub;\nmessage C {}\n";

/// Every output kind the writer has today: two generator directories sharing `out`, a
/// subdirectory (`out/sub`), and `-o`.
const ARGS: &[&str] = &[
    "-I.",
    "--python_out=out",
    "--pyi_out=out",
    "-oout/all.pb",
    "a.proto",
    "b.proto",
    "sub/c.proto",
];

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn protoc_rs() -> Command {
    common::protoc_rs()
}

fn run(dir: &Path, args: &[&str]) -> Out {
    let out = protoc_rs().args(args).current_dir(dir).output().unwrap();
    Out {
        code: out.status.code().expect("exited"),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A directory with the inputs and `out/`.
fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("sub")).unwrap();
    fs::create_dir(dir.path().join("out")).unwrap();
    fs::write(dir.path().join("a.proto"), A).unwrap();
    fs::write(dir.path().join("b.proto"), B).unwrap();
    fs::write(dir.path().join("sub/c.proto"), C).unwrap();
    dir
}

/// A fixture whose `out/` holds a first run's outputs, every mtime set to 2001 so a rewrite
/// would show.
fn generated() -> tempfile::TempDir {
    let dir = fixture();
    let out = run(dir.path(), ARGS);
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
    let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    for (path, Entry(bytes, ..)) in tree(&dir.path().join("out")) {
        if bytes.is_empty() {
            continue; // `sub`
        }
        let f = fs::File::options()
            .write(true)
            .open(dir.path().join("out").join(path))
            .unwrap();
        f.set_modified(old).unwrap();
    }
    dir
}

/// An entry of [`tree`]: bytes (files), mtime (seconds, nanoseconds), inode.
#[derive(PartialEq, Eq)]
struct Entry(Vec<u8>, i64, i64, u64);

impl std::fmt::Debug for Entry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let head = String::from_utf8_lossy(&self.0[..self.0.len().min(40)]).into_owned();
        write!(
            f,
            "{} bytes {head:?}.., mtime {}.{}, inode {}",
            self.0.len(),
            self.1,
            self.2,
            self.3
        )
    }
}

/// Every entry under `dir` (files, links, directories) with its bytes (files), mtime (not for
/// directories) and inode.
fn tree(dir: &Path) -> BTreeMap<String, Entry> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            let meta = fs::symlink_metadata(&path).unwrap();
            let rel = path
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let bytes = if meta.is_file() {
                fs::read(&path).unwrap()
            } else {
                Vec::new()
            };
            let entry = if meta.is_dir() {
                // A directory's mtime changes when a temporary comes and goes in it.
                stack.push(path);
                Entry(bytes, 0, 0, meta.ino())
            } else {
                Entry(bytes, meta.mtime(), meta.mtime_nsec(), meta.ino())
            };
            out.insert(rel, entry);
        }
    }
    out
}

fn files(dir: &Path) -> Vec<String> {
    tree(dir).into_keys().collect()
}

const OUTPUTS: &[&str] = &[
    "a_pb2.py",
    "a_pb2.pyi",
    "all.pb",
    "b_pb2.py",
    "b_pb2.pyi",
    "sub",
    "sub/c_pb2.py",
    "sub/c_pb2.pyi",
];

#[test]
fn check_on_a_clean_tree_exits_0_and_touches_nothing() {
    let dir = generated();
    let before = tree(dir.path());
    let mut args = vec!["--check"];
    args.extend_from_slice(ARGS);
    let out = run(dir.path(), &args);
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (0, "", "")
    );
    assert_eq!(tree(dir.path()), before);
}

#[test]
fn check_names_an_edited_and_a_missing_file() {
    let dir = generated();
    let out_dir = dir.path().join("out");
    let edited = fs::read_to_string(out_dir.join("a_pb2.py"))
        .unwrap()
        .replace(
            "_builder.BuildTopDescriptorsAndMessages",
            "# hand edit\n_builder.BuildTopDescriptorsAndMessages",
        );
    fs::write(out_dir.join("a_pb2.py"), &edited).unwrap();
    fs::remove_file(out_dir.join("sub/c_pb2.pyi")).unwrap();
    // Not an output of this run: outside the check.
    fs::write(out_dir.join("notes.txt"), "mine").unwrap();
    let before = tree(dir.path());
    let mut args = ARGS.to_vec();
    args.push("--check");
    let out = run(dir.path(), &args);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(out.stderr, "");
    assert!(
        out.stdout.starts_with(
            "stale: out/a_pb2.py (differs)\n\
             --- out/a_pb2.py (on disk)\n\
             +++ out/a_pb2.py (generated)\n\
             @@ "
        ),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("\n-# hand edit\n"), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("\nstale: out/sub/c_pb2.pyi (missing)\n")
    );
    assert!(
        out.stdout.ends_with("\n2 of 7 outputs are stale\n"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("notes.txt"));
    assert_eq!(tree(dir.path()), before, "--check wrote something");
}

#[test]
fn check_cuts_a_huge_diff_and_says_so() {
    let dir = generated();
    let junk: String = (0..5000).map(|i| format!("line {i}\n")).collect();
    fs::write(dir.path().join("out/b_pb2.py"), junk).unwrap();
    fs::write(dir.path().join("out/all.pb"), b"\x0a\x00").unwrap();
    let mut args = vec!["--check"];
    args.extend_from_slice(ARGS);
    let out = run(dir.path(), &args);
    assert_eq!(out.code, 1);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(lines.len() < 220, "{} lines", lines.len());
    let cut = lines
        .iter()
        .find(|l| l.starts_with("... ") && l.ends_with(" more diff lines not shown"))
        .expect("says how much was left out");
    let n: usize = cut[4..cut.len() - " more diff lines not shown".len()]
        .parse()
        .unwrap();
    assert!(n > 4800, "{cut}");
    assert!(
        out.stdout
            .contains("stale: out/all.pb (differs)\nbinary file differs (")
    );
}

#[test]
fn check_refuses_other_modes() {
    let dir = fixture();
    let out = run(dir.path(), &["-I.", "--check", "--decode_raw"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        "Can only use --check when generating code or descriptors.\n"
    );
}

/// Row 24, first half: a second identical run changes nothing on disk.
#[test]
fn row24_second_run_keeps_every_mtime_and_inode() {
    let dir = generated();
    let before = tree(dir.path());
    assert_eq!(
        files(&dir.path().join("out")),
        OUTPUTS.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    );
    let out = run(dir.path(), ARGS);
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
    assert_eq!(tree(dir.path()), before);
}

/// Row 24, second half: an output that is a hard link or a symlink is replaced by the new
/// file, never written through; an unchanged hard-linked output is not touched at all.
#[test]
fn row24_links_are_replaced_never_written_through() {
    let dir = generated();
    let out_dir = dir.path().join("out");
    // A hard link with the current contents: unchanged, so kept as it is.
    fs::hard_link(out_dir.join("a_pb2.py"), dir.path().join("a_copy.py")).unwrap();
    // A hard link and a symlink to stale contents.
    fs::write(dir.path().join("keep.pyi"), "old").unwrap();
    fs::remove_file(out_dir.join("a_pb2.pyi")).unwrap();
    fs::hard_link(dir.path().join("keep.pyi"), out_dir.join("a_pb2.pyi")).unwrap();
    fs::write(dir.path().join("target.py"), "old").unwrap();
    let expected_b = fs::read(out_dir.join("b_pb2.py")).unwrap();
    fs::remove_file(out_dir.join("b_pb2.py")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("target.py"), out_dir.join("b_pb2.py")).unwrap();
    let ino_a = fs::metadata(out_dir.join("a_pb2.py")).unwrap().ino();

    let out = run(dir.path(), ARGS);
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
    assert_eq!(fs::read(dir.path().join("keep.pyi")).unwrap(), b"old");
    assert_eq!(fs::read(dir.path().join("target.py")).unwrap(), b"old");
    let b = fs::symlink_metadata(out_dir.join("b_pb2.py")).unwrap();
    assert!(b.file_type().is_file(), "the symlink was replaced");
    assert_eq!(fs::read(out_dir.join("b_pb2.py")).unwrap(), expected_b);
    assert_eq!(fs::metadata(out_dir.join("a_pb2.pyi")).unwrap().nlink(), 1);
    let a = fs::metadata(out_dir.join("a_pb2.py")).unwrap();
    assert_eq!((a.ino(), a.nlink()), (ino_a, 2), "unchanged link kept");
}

/// Directory symlinks inside an output tree are followed, as protoc follows them.
#[test]
fn directory_symlinks_in_the_output_tree_are_followed() {
    let dir = fixture();
    fs::create_dir(dir.path().join("elsewhere")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("elsewhere"), dir.path().join("out/sub")).unwrap();
    let out = run(dir.path(), ARGS);
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
    assert_eq!(
        files(&dir.path().join("elsewhere")),
        ["c_pb2.py", "c_pb2.pyi"]
    );
}

/// Row 3: a good file plus a bad name that sorts after it (here a directory where the file
/// goes): nothing written at all, not even the good file or `-o`. (A name with `..` is refused
/// the same way before anything is written: `output::plan`'s unit tests; no built-in
/// generator makes one.)
#[test]
fn row03_good_file_then_bad_name_writes_nothing() {
    let dir = fixture();
    fs::create_dir(dir.path().join("out/b_pb2.py")).unwrap();
    let before = tree(dir.path());
    let out = run(dir.path(), ARGS);
    assert_eq!(out.code, 1);
    // protoc ends a generated file's failure line without a newline.
    assert_eq!(out.stderr, "out/b_pb2.py: Is a directory");
    assert_eq!(tree(dir.path()), before);
}

/// Row 4: the second output directory is missing, the first is fine: no files in either.
#[test]
fn row04_second_directory_missing_writes_nothing() {
    let dir = fixture();
    let out = run(
        dir.path(),
        &[
            "-I.",
            "--python_out=out",
            "--pyi_out=missing",
            "-oout/x.pb",
            "a.proto",
        ],
    );
    assert_eq!(out.code, 1);
    assert_eq!(out.stderr, "missing/: No such file or directory\n");
    assert_eq!(files(&dir.path().join("out")), Vec::<String>::new());
}

/// Row 15: a missing or unwritable output directory, an output path that is a directory:
/// protoc's error naming the path, and nothing written.
#[test]
fn row15_bad_output_directories_and_paths() {
    for (args, msg) in [
        (
            &["--python_out=nope"][..],
            "nope/: No such file or directory\n",
        ),
        // No newline: protoc's `WriteAllToDisk` prints none (`-o` uses perror).
        (&["--python_out=/sys"], "/sys/a_pb2.py: Permission denied"),
        (&["--python_out=out", "-oout"], "out: Is a directory\n"),
        (
            &["--pyi_out=out", "-o/sys/x.pb"],
            "/sys/x.pb: Permission denied\n",
        ),
    ] {
        let dir = fixture();
        let mut all = vec!["-I."];
        all.extend_from_slice(args);
        all.push("a.proto");
        let out = run(dir.path(), &all);
        assert_eq!((out.code, out.stderr.as_str()), (1, msg), "{args:?}");
        assert_eq!(
            files(&dir.path().join("out")),
            Vec::<String>::new(),
            "{args:?}"
        );
    }
}

/// Runs `ARGS` on changed inputs with the test pause at `point`, sends `signal` once the
/// writer has paused, and returns (exit code, stderr).
fn interrupt(dir: &Path, point: &str, signal: &str) -> (i32, String) {
    let mut child = protoc_rs()
        .args(ARGS)
        .current_dir(dir)
        .env("PROTOC_RS_TEST_PAUSE", point)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut seen = String::new();
    let marker = format!("protoc-rs: test pause: {point}\n");
    let mut line = String::new();
    while stderr.read_line(&mut line).unwrap() > 0 {
        seen.push_str(&line);
        if line == marker {
            break;
        }
        line.clear();
    }
    assert!(seen.ends_with(&marker), "no pause: {seen}");
    let kill = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    stderr.read_to_string(&mut seen).unwrap();
    let status = child.wait().unwrap();
    (status.code().expect("exited, not killed"), seen)
}

/// Changes every input so every output changes, and adds one that makes new files.
fn change_inputs(dir: &Path) {
    fs::write(dir.join("a.proto"), A.replace("int32 x", "int64 x")).unwrap();
    fs::write(dir.join("b.proto"), B.replace("string s", "bytes s")).unwrap();
    fs::write(
        dir.join("sub/c.proto"),
        C.replace("C {}", "C { bool c = 1; }"),
    )
    .unwrap();
}

fn no_temporaries(dir: &Path) {
    let stray: Vec<String> = files(dir)
        .into_iter()
        .filter(|f| f.contains(".protoc-rs-"))
        .collect();
    assert!(stray.is_empty(), "temporaries left: {stray:?}");
}

/// Row 22: Ctrl-C before the rename phase: every old file as it was, no new file, no
/// temporary, no new directory; exit 130.
#[test]
fn row22_ctrl_c_before_rename_leaves_all_old() {
    let dir = generated();
    fs::remove_dir_all(dir.path().join("out/sub")).unwrap();
    let before = tree(dir.path().join("out").as_path());
    change_inputs(dir.path());
    let (code, stderr) = interrupt(dir.path(), "before_rename", "-INT");
    assert_eq!(code, 130, "{stderr}");
    assert!(
        stderr.ends_with("protoc-rs: interrupted; no output was written\n"),
        "{stderr}"
    );
    assert_eq!(tree(dir.path().join("out").as_path()), before);
    no_temporaries(dir.path());
}

/// Row 22: SIGTERM the same, with exit 143.
#[test]
fn row22_sigterm_before_rename_leaves_all_old() {
    let dir = generated();
    let before = tree(dir.path().join("out").as_path());
    change_inputs(dir.path());
    let (code, _) = interrupt(dir.path(), "before_rename", "-TERM");
    assert_eq!(code, 143);
    assert_eq!(tree(dir.path().join("out").as_path()), before);
    no_temporaries(dir.path());
}

/// Row 22: Ctrl-C during the rename phase: the renames finish, every file is new, exit 130.
#[test]
fn row22_ctrl_c_during_rename_leaves_all_new() {
    let expected = fixture();
    change_inputs(expected.path());
    assert_eq!(run(expected.path(), ARGS).code, 0);
    let expected = tree(expected.path().join("out").as_path());

    let dir = generated();
    change_inputs(dir.path());
    let (code, stderr) = interrupt(dir.path(), "during_rename", "-INT");
    assert_eq!(code, 130, "{stderr}");
    assert!(
        stderr.ends_with("protoc-rs: interrupted; every output was written\n"),
        "{stderr}"
    );
    let got = tree(dir.path().join("out").as_path());
    let bytes = |t: &BTreeMap<String, Entry>| -> BTreeMap<String, Vec<u8>> {
        t.iter().map(|(k, v)| (k.clone(), v.0.clone())).collect()
    };
    assert_eq!(bytes(&got), bytes(&expected));
    no_temporaries(dir.path());
}
