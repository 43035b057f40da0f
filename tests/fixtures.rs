//! Fixture parity: runs the real `protoc-rs` binary over every fixture in `testdata/` and
//! compares with the goldens that `scripts/regen-goldens` wrote from the pinned oracle
//! (grpcio-tools 1.85.1 = libprotoc 35.1). Needs nothing but Rust.
//!
//! Suites (one ratchet list each, `testdata/ratchet/fixtures-<suite>.txt`):
//! - `plain`, `include_imports`, `retain_options`: each `testdata/ok/**.proto` compiled alone
//!   (`-I testdata/ok`) must exit 0 and write exactly the golden `-o` bytes.
//! - `errors`: each `testdata/err/*.proto` (`-I testdata/err`) must exit with the oracle's code
//!   (1) and its first error line must carry the oracle's `file:line:col`.
//! - `errors-stderr`: the same runs must print the oracle's whole stderr: error lines in the
//!   same order, warning lines as a set (protoc's order varies from run to run), after
//!   [`normalize_stderr`].
//!
//! A ratchet list names the fixtures that still differ. The test fails when a fixture that is
//! not listed differs (a regression) and when a listed fixture now matches (the list must
//! shrink). `BLESS_RATCHET=1 cargo test --test fixtures` rewrites the lists; nothing else does.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

mod common;

const VARIANTS: [(&str, Option<&str>); 3] = [
    ("plain", None),
    ("include_imports", Some("--include_imports")),
    ("retain_options", Some("--retain_options")),
];

const BLESS_HINT: &str = "BLESS_RATCHET=1 cargo test --test fixtures";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `.proto` files under `dir`, relative to it with `/` separators, sorted.
fn protos(dir: &Path, recursive: bool) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, recursive: bool, out: &mut Vec<String>) {
        let entries = fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if recursive {
                    walk(base, &path, recursive, out);
                }
            } else if path.extension().is_some_and(|e| e == "proto") {
                let rel = path.strip_prefix(base).unwrap();
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

/// Files under `dir`, relative, with `/` separators.
struct Run {
    code: Option<i32>,
    stderr: String,
}

fn protoc_rs(args: &[String]) -> Run {
    let out = common::protoc_rs()
        .args(args)
        .current_dir(root())
        .output()
        .expect("failed to start protoc-rs");
    Run {
        code: out.status.code(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The `file:line:col` (or just `file` for errors without a position) of the first error line,
/// skipping warnings and absl log lines.
fn first_error_location(stderr: &str) -> Option<String> {
    let stderr = normalize_stderr(stderr);
    let is_log = |l: &str| {
        let b = l.as_bytes();
        b.len() > 2 && matches!(b[0], b'I' | b'W' | b'E' | b'F') && b[1] == b' ' && l.contains("] ")
    };
    let line = stderr
        .lines()
        .find(|l| !l.trim().is_empty() && !l.contains(": warning: ") && !is_log(l))?;
    let parts: Vec<&str> = line.splitn(4, ':').collect();
    if parts.len() == 4
        && !parts[1].is_empty()
        && parts[1].bytes().all(|b| b.is_ascii_digit())
        && !parts[2].is_empty()
        && parts[2].bytes().all(|b| b.is_ascii_digit())
        && parts[3].starts_with(' ')
    {
        return Some(format!("{}:{}:{}", parts[0], parts[1], parts[2]));
    }
    Some(match line.find(": ") {
        Some(i) => line[..i].to_string(),
        None => line.to_string(),
    })
}

/// Runs `jobs` on a few threads, keeping the input order of the results.
fn parallel<T: Sync, R: Send>(jobs: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get().min(8));
    let next = Mutex::new(0usize);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..jobs.len()).map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    let i = {
                        let mut n = next.lock().unwrap();
                        let i = *n;
                        *n += 1;
                        i
                    };
                    if i >= jobs.len() {
                        break;
                    }
                    let r = f(&jobs[i]);
                    results.lock().unwrap()[i] = Some(r);
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap()
        .into_iter()
        .map(|r| r.unwrap())
        .collect()
}

/// One suite's outcome: every fixture checked and the ones that differ, with a reason each.
struct Suite {
    name: String,
    total: usize,
    differing: Vec<(String, String)>,
}

fn ratchet_path(suite: &str) -> PathBuf {
    root().join(format!("testdata/ratchet/fixtures-{suite}.txt"))
}

fn read_ratchet(path: &Path) -> BTreeSet<String> {
    fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect()
}

fn write_ratchet(path: &Path, suite: &str, entries: &BTreeSet<String>) {
    let mut text = format!(
        "# Fixtures that still differ from the oracle in suite fixtures-{suite}.\n\
         # The list may only shrink. Rewrite with: {BLESS_HINT}\n"
    );
    for e in entries {
        text.push_str(e);
        text.push('\n');
    }
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// Compares a suite with its ratchet list; returns the failure messages.
fn ratchet(suite: &Suite, bless: bool) -> Vec<String> {
    let path = ratchet_path(&suite.name);
    let rel = format!("testdata/ratchet/fixtures-{}.txt", suite.name);
    let listed = read_ratchet(&path);
    let differing: BTreeSet<String> = suite.differing.iter().map(|(f, _)| f.clone()).collect();
    println!(
        "parity fixtures-{}: {}/{} files identical",
        suite.name,
        suite.total - differing.len(),
        suite.total
    );
    if bless {
        if listed != differing {
            write_ratchet(&path, &suite.name, &differing);
            println!("blessed {rel}: {} entries", differing.len());
        }
        return Vec::new();
    }
    let mut failures = Vec::new();
    for (file, why) in &suite.differing {
        if !listed.contains(file) {
            failures.push(format!(
                "REGRESSION fixtures-{}: {file} differs from the oracle but is not listed in {rel}: {why}\n  \
                 Fix it; if the change is intended, run `{BLESS_HINT}` and commit {rel}.",
                suite.name
            ));
        }
    }
    for file in listed.difference(&differing) {
        failures.push(format!(
            "STALE fixtures-{}: {file} is listed in {rel} but now matches the oracle (or no longer exists).\n  \
             Remove that line (or run `{BLESS_HINT}`) and commit {rel}.",
            suite.name
        ));
    }
    failures
}

#[test]
fn fixtures_match_oracle_goldens() {
    let root = root();
    let bless = std::env::var("BLESS_RATCHET").is_ok_and(|v| v == "1");
    let ok = protos(&root.join("testdata/ok"), true);
    let err = protos(&root.join("testdata/err"), false);
    assert!(ok.len() >= 20, "too few accepted fixtures: {}", ok.len());
    assert!(err.len() >= 100, "too few rejected fixtures: {}", err.len());

    // Every fixture has its goldens and every golden has its fixture.
    let golden_dir = root.join("testdata/golden");
    let mut expected_goldens = BTreeSet::new();
    for rel in &ok {
        let stem = rel.strip_suffix(".proto").unwrap();
        for (variant, _) in VARIANTS {
            expected_goldens.insert(format!("ok/{stem}.{variant}.pb"));
        }
    }
    for name in &err {
        let stem = name.strip_suffix(".proto").unwrap();
        expected_goldens.insert(format!("err/{stem}.stderr"));
        expected_goldens.insert(format!("err/{stem}.exit"));
    }
    let present = common::files(&golden_dir);
    let missing: Vec<_> = expected_goldens.difference(&present).collect();
    let orphaned: Vec<_> = present.difference(&expected_goldens).collect();
    assert!(
        missing.is_empty() && orphaned.is_empty(),
        "goldens out of sync with testdata/ fixtures; run scripts/regen-goldens (needs the pinned \
         oracle, see docs/contributing.md) and commit testdata/golden/.\n  missing: {missing:?}\n  without a fixture: {orphaned:?}"
    );

    // Outputs are kept for inspection (compare with scripts/fdsdiff.py GOLDEN ACTUAL).
    let out_dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("fixtures");
    let _ = fs::remove_dir_all(&out_dir);
    fs::create_dir_all(&out_dir).unwrap();

    let mut suites = Vec::new();
    for (variant, flag) in VARIANTS {
        let results = parallel(&ok, |rel| {
            let stem = rel.strip_suffix(".proto").unwrap();
            let golden = golden_dir.join(format!("ok/{stem}.{variant}.pb"));
            let actual = out_dir.join(format!("ok/{stem}.{variant}.pb"));
            fs::create_dir_all(actual.parent().unwrap()).unwrap();
            let mut args = vec![
                "-Itestdata/ok".to_string(),
                format!("-o{}", actual.display()),
            ];
            args.extend(flag.map(String::from));
            args.push(format!("testdata/ok/{rel}"));
            let run = protoc_rs(&args);
            let why = if run.code != Some(0) {
                let first = run.stderr.lines().next().unwrap_or("");
                Some(format!("exit {:?} (oracle: 0); stderr: {first}", run.code))
            } else {
                let want = fs::read(&golden).unwrap();
                match fs::read(&actual) {
                    Ok(got) if got == want => None,
                    Ok(_) => Some(format!(
                        "bytes differ; see: python3 scripts/fdsdiff.py {} {}",
                        golden.display(),
                        actual.display()
                    )),
                    Err(e) => Some(format!("exit 0 but no output written: {e}")),
                }
            };
            why.map(|w| (format!("testdata/ok/{rel}"), w))
        });
        suites.push(Suite {
            name: variant.to_string(),
            total: ok.len(),
            differing: results.into_iter().flatten().collect(),
        });
    }

    let err_results = parallel(&err, |name| {
        let stem = name.strip_suffix(".proto").unwrap();
        let want_stderr =
            fs::read_to_string(golden_dir.join(format!("err/{stem}.stderr"))).unwrap();
        let want_exit: i32 = fs::read_to_string(golden_dir.join(format!("err/{stem}.exit")))
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        let actual = out_dir.join(format!("err/{stem}.pb"));
        fs::create_dir_all(actual.parent().unwrap()).unwrap();
        let run = protoc_rs(&[
            "-Itestdata/err".to_string(),
            format!("-o{}", actual.display()),
            format!("testdata/err/{name}"),
        ]);
        let want_loc = first_error_location(&want_stderr);
        let got_loc = first_error_location(&run.stderr);
        let why = if run.code != Some(want_exit) {
            Some(format!(
                "exit {:?} (oracle: {want_exit}); first error at {got_loc:?} (oracle: {want_loc:?})",
                run.code
            ))
        } else if got_loc != want_loc {
            Some(format!(
                "first error at {got_loc:?}, oracle at {want_loc:?}; oracle said: {}",
                want_stderr.lines().next().unwrap_or("")
            ))
        } else {
            None
        };
        let stderr_why = if run.code != Some(want_exit) {
            Some(format!("exit {:?} (oracle: {want_exit})", run.code))
        } else {
            stderr_difference(&want_stderr, &run.stderr)
        };
        (
            why.map(|w| (format!("testdata/err/{name}"), w)),
            stderr_why.map(|w| (format!("testdata/err/{name}"), w)),
        )
    });
    let (first_errors, full_stderr): (Vec<_>, Vec<_>) = err_results.into_iter().unzip();
    suites.push(Suite {
        name: "errors".to_string(),
        total: err.len(),
        differing: first_errors.into_iter().flatten().collect(),
    });
    suites.push(Suite {
        name: "errors-stderr".to_string(),
        total: err.len(),
        differing: full_stderr.into_iter().flatten().collect(),
    });

    let failures: Vec<String> = suites.iter().flat_map(|s| ratchet(s, bless)).collect();
    assert!(
        failures.is_empty(),
        "{} fixture ratchet failure(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Removes what protoc's stderr changes from run to run: absl's one-time banner, and the
/// timestamp and thread id of absl log lines (`W0000 00:00:1795642014.556936   15773
/// parser.cc:659] ...` becomes `W parser.cc:659] ...`, as protoc-rs prints it).
pub fn normalize_stderr(stderr: &str) -> String {
    let mut out = String::new();
    for line in stderr.split_inclusive('\n') {
        if line.starts_with("WARNING: All log messages before absl::InitializeLog()") {
            continue;
        }
        let b = line.as_bytes();
        let is_absl = b.len() > 5
            && matches!(b[0], b'I' | b'W' | b'E' | b'F')
            && b[1..5].iter().all(u8::is_ascii_digit)
            && b[5] == b' ';
        if is_absl && let Some(end) = line.find("] ") {
            let head = &line[..end];
            let src = head.rsplit(' ').next().unwrap_or("");
            out.push_str(&format!("{} {src}{}", &line[..1], &line[end..]));
            continue;
        }
        out.push_str(line);
    }
    out
}

/// Why `got` is not the oracle's stderr `want`, or `None` when it is: lines are compared in
/// order except warnings (`: warning: `), which are compared as a sorted list.
fn stderr_difference(want: &str, got: &str) -> Option<String> {
    fn split(s: &str) -> (Vec<&str>, Vec<&str>) {
        let (mut warnings, errors): (Vec<&str>, Vec<&str>) =
            s.lines().partition(|l| l.contains(": warning: "));
        warnings.sort_unstable();
        (errors, warnings)
    }
    let want = normalize_stderr(want);
    let got = normalize_stderr(got);
    let (we, ww) = split(&want);
    let (ge, gw) = split(&got);
    if we != ge {
        let i = we.iter().zip(&ge).take_while(|(a, b)| a == b).count();
        return Some(format!(
            "stderr line {} differs: got {:?}, oracle {:?}",
            i + 1,
            ge.get(i).copied().unwrap_or("<none>"),
            we.get(i).copied().unwrap_or("<none>")
        ));
    }
    if ww != gw {
        return Some(format!("warnings differ: got {gw:?}, oracle {ww:?}"));
    }
    None
}

#[test]
fn stderr_comparison_normalizes_protoc_noise() {
    let oracle = "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR\n\
                  W0000 00:00:1795642014.556936   15773 parser.cc:659] No edition.\n\
                  a.proto:1:1: warning: Import b.proto is unused.\n\
                  a.proto:2:1: warning: Import c.proto is unused.\n";
    let ours = "W parser.cc:659] No edition.\n\
                a.proto:2:1: warning: Import c.proto is unused.\n\
                a.proto:1:1: warning: Import b.proto is unused.\n";
    assert_eq!(stderr_difference(oracle, ours), None);
    assert!(
        stderr_difference(
            "a.proto:1:1: x\na.proto:2:1: y\n",
            "a.proto:2:1: y\na.proto:1:1: x\n"
        )
        .is_some()
    );
}

#[test]
fn first_error_location_parses_protoc_formats() {
    let loc = |s: &str| first_error_location(s);
    assert_eq!(
        loc("a.proto:3:13: \"Bogus\" is not defined.\n").as_deref(),
        Some("a.proto:3:13")
    );
    assert_eq!(
        loc("a.proto:1:1: warning: Import b.proto is unused.\nb.proto: File not found.\n")
            .as_deref(),
        Some("b.proto")
    );
    assert_eq!(
        loc("x.proto: Option a.b cannot be set on an entity of type `field`.\n").as_deref(),
        Some("x.proto")
    );
    assert_eq!(loc(""), None);
}
