//! Release parity without the oracle: every `testdata/releases/X.Y.tsv` holds native protoc
//! X.Y's results on the fixtures (testdata/ok, testdata/err, testdata/since/R/), the Python
//! outputs, `--edition_defaults_out` and `--NAME_prefix` (testdata/prefix/; written by `scripts/track-protoc X.Y --write-goldens`).
//! Each case runs here with `PROTOC_RS_RELEASE=X.Y` and `-Iinclude/X.Y` last (the native run
//! got its own include/ tree there), and must give the same exit code, normalized stderr and
//! outputs (size and FNV-1a fingerprint). Cases that still differ are listed in
//! `testdata/ratchet/track-X.Y.txt`, the same list `scripts/track-protoc` keeps against the live
//! binary: the test fails on a new difference and on a listed case that now matches.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One line of a release's goldens.
struct Case {
    /// `suite: name`, as the ratchet lists it.
    id: String,
    exit: i32,
    stderr: String,
    outputs: String,
    args: Vec<String>,
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(o) => out.push(o),
            None => out.push('\\'),
        }
    }
    out
}

fn load(path: &Path) -> Vec<Case> {
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            Case {
                id: cols[0].to_string(),
                exit: cols[1].parse().unwrap(),
                stderr: unescape(cols[2]),
                outputs: cols[3].to_string(),
                args: cols[4..].iter().map(|s| s.to_string()).collect(),
            }
        })
        .collect()
}

/// `scripts/track-protoc`'s normalization: absl log lines without timestamp and thread id,
/// protoc-rs's WARNING-level absl lines dropped (the native binary prints none), error lines
/// in order, then warning lines sorted; the scratch directory shown as `$OUT`.
fn normalize(stderr: &str, out: &str) -> String {
    let stderr = stderr.replace(out, "$OUT");
    let (mut errors, mut warnings) = (Vec::new(), Vec::new());
    for line in stderr.lines() {
        if line.starts_with("WARNING: All log messages before absl::InitializeLog()") {
            continue;
        }
        // `E0000 00:00:0.000000       0 descriptor.cc:4446] ...` -> `E descriptor.cc:4446] ...`.
        let b = line.as_bytes();
        let stamped = b.len() > 6
            && matches!(b[0], b'I' | b'W' | b'E' | b'F')
            && b[1..5].iter().all(u8::is_ascii_digit)
            && b[5] == b' ';
        let short;
        let line = if stamped {
            let level = &line[..1];
            // After the date-time and the thread id.
            let rest = line[6..]
                .trim_start()
                .split_once(char::is_whitespace)
                .map(|(_, r)| r.trim_start())
                .and_then(|r| r.split_once(char::is_whitespace))
                .map_or("", |(_, r)| r.trim_start());
            short = format!("{level} {rest}");
            short.as_str()
        } else {
            line
        };
        let b = line.as_bytes();
        let absl = b.len() > 2 && matches!(b[0], b'I' | b'W' | b'E' | b'F') && b[1] == b' ';
        if absl && b[0] == b'W' && line.contains("] ") {
            continue;
        }
        if line.contains(": warning: ") || line.starts_with("W ") {
            warnings.push(line.to_string());
        } else {
            errors.push(line.to_string());
        }
    }
    warnings.sort();
    errors.extend(warnings);
    errors.join("\n")
}

fn fnv64(data: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in data {
        h = (h ^ u64::from(*b)).wrapping_mul(0x100000001b3);
    }
    h
}

fn outputs(dir: &Path) -> String {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                let data = fs::read(&p).unwrap();
                files.insert(rel, format!("{}:{:016x}", data.len(), fnv64(&data)));
            }
        }
    }
    files
        .into_iter()
        .map(|(n, v)| format!("{n}:{v}"))
        .collect::<Vec<_>>()
        .join(";")
}

/// Runs one case; `None` when it matches the golden, else why not.
fn run(release: &str, case: &Case) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap().to_string();
    let mut args: Vec<String> = case.args.iter().map(|a| a.replace("$OUT", &out)).collect();
    args.push(format!("-Iinclude/{release}"));
    let mut command = Command::new(env!("CARGO_BIN_EXE_protoc-rs"));
    command
        .args(&args)
        .env("PROTOC_RS_RELEASE", release)
        .current_dir(root())
        .stdin(Stdio::null());
    if case.id.starts_with("prefix: ") {
        // The --NAME_prefix cases' wrapper and plugin are found on PATH.
        let mut path = std::ffi::OsString::from(root().join("testdata/prefix"));
        path.push(":");
        path.push(std::env::var_os("PATH").unwrap_or_default());
        command.env("PATH", path);
    }
    let o = command.output().unwrap();
    let code = o.status.code().unwrap_or(-1);
    if code != case.exit {
        return Some(format!("exit {code} (protoc {release}: {})", case.exit));
    }
    let stderr = normalize(&String::from_utf8_lossy(&o.stderr), &out);
    if stderr != case.stderr {
        return Some(format!(
            "stderr differs:\n  protoc {release}: {:?}\n  protoc-rs:   {stderr:?}",
            case.stderr
        ));
    }
    let got = outputs(dir.path());
    if got != case.outputs {
        return Some(format!(
            "outputs differ:\n  protoc {release}: {}\n  protoc-rs:   {got}",
            case.outputs
        ));
    }
    None
}

fn ratchet(release: &str) -> BTreeSet<String> {
    let path = root().join(format!("testdata/ratchet/track-{release}.txt"));
    fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect()
}

#[test]
fn releases_match_native_protoc_goldens() {
    let dir = root().join("testdata/releases");
    let mut releases: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        .collect();
    releases.sort();
    assert!(!releases.is_empty(), "no goldens in {}", dir.display());
    let mut failures = Vec::new();
    for path in releases {
        let release = path.file_stem().unwrap().to_str().unwrap().to_string();
        let cases = load(&path);
        let suites: BTreeSet<&str> = cases
            .iter()
            .filter_map(|c| c.id.split_once(": ").map(|(s, _)| s))
            .collect();
        assert!(cases.len() > 100, "{}: too few cases", path.display());
        let next = Mutex::new(0usize);
        let differing = Mutex::new(BTreeMap::new());
        std::thread::scope(|s| {
            for _ in 0..std::thread::available_parallelism().map_or(2, |n| n.get().min(8)) {
                s.spawn(|| {
                    loop {
                        let i = {
                            let mut n = next.lock().unwrap();
                            *n += 1;
                            *n - 1
                        };
                        let Some(case) = cases.get(i) else { break };
                        if let Some(why) = run(&release, case) {
                            differing.lock().unwrap().insert(case.id.clone(), why);
                        }
                    }
                });
            }
        });
        let differing = differing.into_inner().unwrap();
        let listed: BTreeSet<String> = ratchet(&release)
            .into_iter()
            .filter(|l| l.split_once(": ").is_some_and(|(s, _)| suites.contains(s)))
            .collect();
        println!(
            "parity release-{release}: {}/{} cases identical to native protoc {release}",
            cases.len() - differing.len(),
            cases.len()
        );
        for (id, why) in &differing {
            if !listed.contains(id) {
                failures.push(format!(
                    "REGRESSION {release}: {id} differs from native protoc {release} and is not listed in testdata/ratchet/track-{release}.txt: {why}"
                ));
            }
        }
        for id in listed.iter().filter(|id| !differing.contains_key(*id)) {
            failures.push(format!(
                "STALE {release}: {id} is listed in testdata/ratchet/track-{release}.txt but now matches: remove the line"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
