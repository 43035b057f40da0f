//! The library API (`protoc_rs::Compiler`): the same bytes as protoc's `-o` (the oracle's
//! goldens of the fixtures), the same diagnostics as the CLI, and deep inputs compiled from a
//! thread with a small stack, as a build script's.

mod common;

use std::path::{Path, PathBuf};

use protoc_rs::{Compiler, Release, Severity};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixtures(dir: &str) -> Vec<String> {
    let base = root().join(dir);
    common::files(&base)
        .into_iter()
        .filter(|f| f.ends_with(".proto"))
        .collect()
}

/// Every accepted fixture, compiled through the API with each `-o` variant, gives the
/// oracle's bytes (testdata/golden/ok, from scripts/regen-goldens) — except the fixtures the
/// CLI's ratchet still lists, which must differ there too.
#[test]
fn descriptor_sets_equal_the_oracle_goldens() {
    let ok = fixtures("testdata/ok");
    assert!(ok.len() >= 20, "{}", ok.len());
    let mut checked = 0;
    let mut differ = Vec::new();
    for (variant, imports, retain) in [
        ("plain", false, false),
        ("include_imports", true, false),
        ("retain_options", false, true),
    ] {
        let known = std::fs::read_to_string(
            root().join(format!("testdata/ratchet/fixtures-{variant}.txt")),
        )
        .unwrap_or_default();
        for rel in &ok {
            let stem = rel.strip_suffix(".proto").unwrap();
            let golden =
                std::fs::read(root().join(format!("testdata/golden/ok/{stem}.{variant}.pb")))
                    .expect("golden");
            let got = Compiler::new()
                .release(Release::V35_1)
                .include(root().join("testdata/ok"))
                .include_imports(imports)
                .retain_options(retain)
                .compile(&[rel.as_str()]);
            let same = got
                .as_ref()
                .is_ok_and(|c| c.descriptor_set() == golden.as_slice());
            let listed = known
                .lines()
                .any(|l| l.trim() == format!("testdata/ok/{rel}"));
            if same == listed {
                differ.push(format!("{variant} {rel}: same={same} listed={listed}"));
            }
            checked += 1;
        }
    }
    assert!(
        differ.is_empty(),
        "{checked} checked:\n{}",
        differ.join("\n")
    );
}

/// For every rejected fixture, the API's diagnostics printed as protoc prints them are the
/// lines the CLI prints (protoc's absl log lines aside, which the API reports as warnings
/// without a position).
#[test]
fn diagnostics_carry_the_clis_positions() {
    let err = fixtures("testdata/err");
    assert!(err.len() >= 100, "{}", err.len());
    let dir = root().join("testdata/err");
    let mut differ = Vec::new();
    for name in &err {
        let cli = common::protoc_rs()
            .arg(format!("-I{}", dir.display()))
            .arg("-o/dev/null")
            .arg(dir.join(name))
            .output()
            .expect("runs");
        let cli_lines: Vec<String> = String::from_utf8_lossy(&cli.stderr)
            .lines()
            .filter(|l| !l.starts_with("W parser.cc"))
            .map(String::from)
            .collect();
        let api = Compiler::new()
            .release(Release::V35_1)
            .include(&dir)
            .compile(&[dir.join(name).to_str().unwrap()]);
        let (ok, diagnostics) = match api {
            Ok(c) => (true, c.warnings().to_vec()),
            Err(e) => (false, e.diagnostics),
        };
        let api_lines: Vec<String> = diagnostics
            .iter()
            // protoc logs this one through absl (`W parser.cc:659] ...`), not its error printer.
            .filter(|d| !d.message.starts_with("No edition or syntax specified"))
            .map(|d| d.to_string())
            .collect();
        let cli_ok = cli.status.code() == Some(0);
        // The CLI adds `N errors omitted` style lines only after 100+ errors: none here.
        if ok != cli_ok || api_lines != cli_lines {
            differ.push(format!(
                "{name}: api ok={ok} {api_lines:?}\n    cli ok={cli_ok} {cli_lines:?}"
            ));
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

/// In-memory files, imports between them, the bundled well-known types, and a warning.
#[test]
fn in_memory_files_and_warnings() {
    let compiled = Compiler::new()
        .release(Release::V35_1)
        .file(
            "a/x.proto",
            "syntax = \"proto3\";\npackage a;\nimport \"google/protobuf/timestamp.proto\";\n\
             import \"a/y.proto\";\nmessage X { google.protobuf.Timestamp at = 1; }\n",
        )
        .file(
            "a/y.proto",
            "syntax = \"proto3\";\npackage a;\nmessage Y {}\n",
        )
        .include_imports(true)
        .compile(&["a/x.proto"])
        .expect("compiles");
    let warnings: Vec<String> = compiled.warnings().iter().map(|d| d.to_string()).collect();
    assert_eq!(
        warnings,
        ["a/x.proto:4:1: warning: Import a/y.proto is unused."]
    );
    let set = compiled.descriptor_set();
    for name in ["google/protobuf/timestamp.proto", "a/y.proto", "a/x.proto"] {
        assert!(
            set.windows(name.len()).any(|w| w == name.as_bytes()),
            "{name} in the set"
        );
    }

    let err = Compiler::new()
        .release(Release::V35_1)
        .file(
            "m.proto",
            "syntax = \"proto3\";\nmessage M { Missing m = 1; }\n",
        )
        .compile(&["m.proto"])
        .expect_err("unresolved type");
    assert_eq!(err.diagnostics.len(), 1);
    let d = &err.diagnostics[0];
    assert_eq!(
        (d.file.as_str(), d.line, d.column, d.severity),
        ("m.proto", Some(2), Some(13), Severity::Error)
    );
    assert_eq!(d.message, "\"Missing\" is not defined.");
    assert_eq!(err.to_string(), "m.proto:2:13: \"Missing\" is not defined.");
}

/// An input outside every include path is protoc's one-line refusal.
#[test]
fn unmapped_input() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("a.proto");
    std::fs::write(&file, "syntax = \"proto3\";\n").expect("write");
    let err = Compiler::new()
        .release(Release::V35_1)
        .include(Path::new("/nonexistent-include"))
        .compile(&[file.to_str().unwrap()])
        .expect_err("not under the include path");
    assert_eq!(err.diagnostics.len(), 1);
    assert!(
        err.diagnostics[0]
            .message
            .starts_with("File does not reside within any path specified using --proto_path"),
        "{err}"
    );
}

/// A build script's main thread may have a small stack: the API compiles on its own thread,
/// so the hostile-inputs nesting limits are reached with protoc's errors, not a crash.
#[test]
fn deep_inputs_from_a_small_stack() {
    let groups = |n: usize| {
        format!(
            "syntax=\"proto2\";\nmessage A {{ {}{}}}\n",
            (0..n)
                .map(|i| format!("optional group G{i} = {} {{ ", i + 1))
                .collect::<String>(),
            "}".repeat(n)
        )
    };
    let result = std::thread::Builder::new()
        .stack_size(64 * 1024)
        .spawn(move || {
            let deep = Compiler::new()
                .release(Release::V35_1)
                .file("a.proto", groups(100_000))
                .compile(&["a.proto"])
                .expect_err("too deep");
            let protoc_limit = Compiler::new()
                .release(Release::V35_1)
                .file("a.proto", groups(10_000))
                .compile(&["a.proto"])
                .expect_err("beyond protoc's recursion limit");
            (deep.to_string(), protoc_limit.to_string())
        })
        .expect("spawn")
        .join()
        .expect("no stack overflow");
    assert!(
        result
            .0
            .lines()
            .next()
            .unwrap()
            .ends_with(": Messages and groups are nested too deeply (more than 12000 levels)."),
        "{}",
        &result.0[..200]
    );
    assert!(
        result
            .1
            .starts_with("a.proto: Reached maximum recursion limit for nested messages.\n"),
        "{}",
        &result.1[..200]
    );
}
