//! `--error_format=json` and `--error_format=github` on every rejected fixture of
//! `testdata/err/`: each prints one object (one annotation) per diagnostic that the gcc
//! format prints, in the same order, with the same file, position (1-based line and column,
//! none when gcc shows none), severity and message. The gcc output itself is compared with
//! the oracle by `tests/fixtures.rs`; this test ties the two machine formats to it.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One diagnostic as any format shows it. `file` is `None` for protoc's absl log lines,
/// which the gcc format prints without the file (`W parser.cc:659] ...`).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Diag {
    file: Option<String>,
    pos: Option<(u32, u32)>,
    warning: bool,
    message: String,
}

impl Diag {
    /// Equal, except that a file gcc does not show is not compared.
    fn matches_gcc(&self, gcc: &Diag) -> bool {
        (gcc.file.is_none() || self.file == gcc.file)
            && self.pos == gcc.pos
            && self.warning == gcc.warning
            && self.message == gcc.message
    }
}

fn parse_gcc(line: &str) -> Diag {
    if let Some(message) = line.strip_prefix("W parser.cc:659] ") {
        return Diag {
            file: None,
            pos: None,
            warning: true,
            message: message.to_string(),
        };
    }
    let (head, rest) = line
        .split_once(": ")
        .unwrap_or_else(|| panic!("not a gcc diagnostic: {line:?}"));
    let (warning, message) = match rest.strip_prefix("warning: ") {
        Some(m) => (true, m),
        None => (false, rest),
    };
    let parts: Vec<&str> = head.rsplitn(3, ':').collect();
    let (file, pos) = match parts[..] {
        [col, l, file] if col.parse::<u32>().is_ok() && l.parse::<u32>().is_ok() => (
            file.to_string(),
            Some((l.parse().unwrap(), col.parse().unwrap())),
        ),
        _ => (head.to_string(), None),
    };
    Diag {
        file: Some(file),
        pos,
        warning,
        message: message.to_string(),
    }
}

/// A flat JSON object of strings and unsigned integers, as protoc-rs prints it; panics on
/// anything else (which is a failure of the format).
fn parse_json(line: &str) -> Vec<(String, String)> {
    let b: Vec<char> = line.chars().collect();
    let mut i = 0;
    let expect = |i: &mut usize, c: char| {
        assert_eq!(b.get(*i), Some(&c), "at {i} in {line:?}");
        *i += 1;
    };
    let string = |i: &mut usize| -> String {
        expect(i, '"');
        let mut s = String::new();
        loop {
            let c = b[*i];
            *i += 1;
            match c {
                '"' => return s,
                '\\' => {
                    let e = b[*i];
                    *i += 1;
                    match e {
                        '"' => s.push('"'),
                        '\\' => s.push('\\'),
                        '/' => s.push('/'),
                        'n' => s.push('\n'),
                        'r' => s.push('\r'),
                        't' => s.push('\t'),
                        'b' => s.push('\u{8}'),
                        'f' => s.push('\u{c}'),
                        'u' => {
                            let hex: String = b[*i..*i + 4].iter().collect();
                            *i += 4;
                            s.push(char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap());
                        }
                        _ => panic!("bad escape in {line:?}"),
                    }
                }
                c => {
                    assert!(c as u32 >= 0x20, "raw control character in {line:?}");
                    s.push(c);
                }
            }
        }
    };
    let mut fields = Vec::new();
    expect(&mut i, '{');
    loop {
        let key = string(&mut i);
        expect(&mut i, ':');
        let value = if b[i] == '"' {
            string(&mut i)
        } else {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            assert!(i > start, "bad value in {line:?}");
            b[start..i].iter().collect()
        };
        fields.push((key, value));
        if b[i] == '}' {
            assert_eq!(i + 1, b.len(), "trailing text in {line:?}");
            return fields;
        }
        expect(&mut i, ',');
    }
}

fn diag_from_json(line: &str) -> Diag {
    let fields = parse_json(line);
    let keys: Vec<&str> = fields.iter().map(|(k, _)| k.as_str()).collect();
    assert!(
        keys == ["file", "line", "column", "severity", "message"]
            || keys == ["file", "severity", "message"],
        "fields {keys:?} in {line:?}"
    );
    let get = |k: &str| fields.iter().find(|(f, _)| f == k).map(|(_, v)| v.clone());
    let severity = get("severity").unwrap();
    assert!(severity == "error" || severity == "warning", "{line:?}");
    Diag {
        file: get("file"),
        pos: get("line").map(|l| (l.parse().unwrap(), get("column").unwrap().parse().unwrap())),
        warning: severity == "warning",
        message: get("message").unwrap(),
    }
}

fn unescape_github(s: &str) -> String {
    s.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

fn diag_from_github(line: &str) -> Diag {
    let (warning, rest) = if let Some(r) = line.strip_prefix("::error ") {
        (false, r)
    } else if let Some(r) = line.strip_prefix("::warning ") {
        (true, r)
    } else {
        panic!("not an annotation: {line:?}");
    };
    let (props, message) = rest.split_once("::").unwrap();
    let mut file = None;
    let (mut l, mut c) = (None, None);
    for prop in props.split(',') {
        let (k, v) = prop.split_once('=').unwrap();
        match k {
            "file" => file = Some(unescape_github(v)),
            "line" => l = Some(v.parse().unwrap()),
            "col" => c = Some(v.parse().unwrap()),
            _ => panic!("property {k} in {line:?}"),
        }
    }
    assert_eq!(l.is_some(), c.is_some(), "{line:?}");
    assert!(!message.contains('\n') && !message.contains('\r'));
    Diag {
        file,
        pos: l.zip(c),
        warning,
        message: unescape_github(message),
    }
}

fn run(name: &str, format: &str, out: &Path) -> (Option<i32>, String) {
    let o = common::protoc_rs()
        .args([
            "-Itestdata/err".to_string(),
            format!("--error_format={format}"),
            format!("-o{}", out.join(format!("{format}.pb")).display()),
            format!("testdata/err/{name}"),
        ])
        .current_dir(root())
        .output()
        .unwrap();
    (o.status.code(), String::from_utf8(o.stderr).unwrap())
}

/// Why the fixture's json or github output does not match its gcc output, if it does not.
fn check(name: &str) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let (gcc_code, gcc) = run(name, "gcc", dir.path());
    if gcc_code != Some(1) {
        return Some(format!("{name}: gcc run exited {gcc_code:?}"));
    }
    let want: Vec<Diag> = gcc.lines().map(parse_gcc).collect();
    if want.is_empty() {
        return Some(format!("{name}: rejected without a diagnostic"));
    }
    for (format, parse) in [
        ("json", diag_from_json as fn(&str) -> Diag),
        ("github", diag_from_github),
    ] {
        let (code, text) = run(name, format, dir.path());
        if code != gcc_code {
            return Some(format!("{name}: {format} exit {code:?}, gcc {gcc_code:?}"));
        }
        let got: Vec<Diag> = text.lines().map(parse).collect();
        if got.len() != want.len() || got.iter().zip(&want).any(|(g, w)| !g.matches_gcc(w)) {
            return Some(format!("{name}: {format} {got:?}\n  gcc {want:?}"));
        }
    }
    None
}

#[test]
fn machine_formats_match_gcc_on_every_rejected_fixture() {
    let golden = root().join("testdata/golden/err");
    let mut names: Vec<String> = fs::read_dir(root().join("testdata/err"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".proto"))
        .filter(|n| {
            // Rejected by the oracle.
            let stem = n.strip_suffix(".proto").unwrap();
            fs::read_to_string(golden.join(format!("{stem}.exit"))).is_ok_and(|e| e.trim() != "0")
        })
        .collect();
    names.sort();
    assert!(
        names.len() >= 100,
        "too few rejected fixtures: {}",
        names.len()
    );
    let chunks: Vec<&[String]> = names.chunks(names.len().div_ceil(4)).collect();
    let failures: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = chunks
            .iter()
            .map(|chunk| s.spawn(move || chunk.iter().filter_map(|n| check(n)).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    println!(
        "error formats: json and github match gcc on {}/{} rejected fixtures",
        names.len() - failures.len(),
        names.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn gcc_parser_reads_protocs_shapes() {
    assert_eq!(
        parse_gcc("testdata/err/a.proto:3:18: warning: Import x is unused."),
        Diag {
            file: Some("testdata/err/a.proto".into()),
            pos: Some((3, 18)),
            warning: true,
            message: "Import x is unused.".into()
        }
    );
    assert_eq!(
        parse_gcc("x.proto: File not found."),
        Diag {
            file: Some("x.proto".into()),
            pos: None,
            warning: false,
            message: "File not found.".into()
        }
    );
}
