//! Plugins: each case of `testdata/plugin/cases.tsv` runs the real binary in a fresh directory
//! and must exit with the oracle's code, print its stderr and create the same files with the
//! same bytes: the requests the `dump` test plugin recorded (so every `CodeGeneratorRequest`
//! is byte-identical to protoc 35.1's) and the files built from the test plugins' responses.
//! Goldens come from `scripts/regen-plugin-goldens`; the test plugins are `/bin/sh` scripts in
//! `testdata/plugin/plugins/`, so no Python is needed here.
//!
//! Where protoc-rs deliberately differs (docs/differences.md), the case is
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
    common::protoc_rs()
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
            // `~`: the oracle's files are unspecified (see `ALL_OR_NOTHING`).
            let name = parts.next().unwrap().trim_start_matches('~').to_string();
            (name, parts.collect())
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
/// writes everything or nothing (the same exit code and stderr, no file). Cases named `~NAME`
/// in `cases.tsv` are such cases too (the oracle's files are not recorded).
const ALL_OR_NOTHING: &[&str] = &["name_nested_dotdot"];

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
    let mut deliberate_count = 0;
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
        let deliberate =
            if ALL_OR_NOTHING.contains(&name.as_str()) || want_files.contains("unspecified") {
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
        deliberate_count += usize::from(deliberate);
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
        deliberate_count,
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// Hostile row 22: a plugin that never answers is killed after `--plugin_timeout` seconds
/// (protoc waits for ever); the run fails and writes nothing, not even the other outputs.
#[test]
fn a_hanging_plugin_times_out() {
    let (_t, d) = scratch();
    let out = protoc_rs(
        &d,
        &args(&[
            "-I$O",
            "--python_out=$D",
            "--plugin_timeout=1",
            "--plugin=protoc-gen-h=$P/hang",
            "--h_out=$D",
            "proto3_maps.proto",
        ]),
    );
    let stderr = normalized_stderr(&out, &d);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.starts_with("hang: waiting "), "{stderr}");
    assert!(
        stderr
            .ends_with("--h_out: protoc-gen-h: Plugin killed after --plugin_timeout=1 seconds.\n"),
        "{stderr}"
    );
    assert!(common::files(Path::new(&d)).is_empty());
}

/// Hostile row 22: Ctrl-C (SIGINT to protoc-rs and its plugin, as a terminal sends it to the
/// foreground process group) while a plugin hangs leaves nothing behind.
#[test]
fn ctrl_c_while_a_plugin_hangs_leaves_nothing() {
    use std::io::{BufRead, BufReader};
    let (_t, d) = scratch();
    let mut child = common::protoc_rs()
        .args([
            format!("-I{}", protos()),
            format!("--python_out={d}"),
            format!("--plugin=protoc-gen-h={}/hang", plugins()),
            format!("--h_out={d}"),
            "proto3_maps.proto".to_string(),
        ])
        .current_dir(&d)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    let plugin_pid = line
        .strip_prefix("hang: waiting ")
        .map(|p| p.trim().to_string())
        .unwrap_or_else(|| panic!("the plugin did not start: {line:?}"));
    let kill = Command::new("kill")
        .args(["-INT", &child.id().to_string(), &plugin_pid])
        .status()
        .unwrap();
    assert!(kill.success());
    let status = child.wait().unwrap();
    assert!(!status.success(), "{status:?}");
    assert!(common::files(Path::new(&d)).is_empty());
}

/// Hostile row 23: a plugin that exits at once without reading a request of over 10 MB: no
/// crash (the broken pipe is ignored, as protoc ignores it), its empty response applies.
#[test]
fn a_plugin_that_never_reads_a_big_request() {
    let (_t, d) = scratch();
    let mut text = String::from("syntax = \"proto3\";\npackage big;\n");
    // Long comments make a big request cheaply: each is sent twice (proto_file and
    // source_file_descriptors both carry source info).
    let comment = format!("// {}\n", "x".repeat(2000));
    for i in 0..3_000 {
        text.push_str(&comment);
        text.push_str(&format!("message M{i} {{ string f = 1; }}\n"));
    }
    fs::write(Path::new(&d).join("big.proto"), &text).unwrap();
    // The dump plugin sees the same request: it is over 10 MB.
    let dumped = protoc_rs(
        &d,
        &args(&[
            "-I$D",
            "--plugin=protoc-gen-d=$P/dump",
            "--d_out=$D",
            "big.proto",
        ]),
    );
    assert_eq!(dumped.status.code(), Some(0));
    let size = fs::metadata(Path::new(&d).join("req0.bin")).unwrap().len();
    assert!(size > 10_000_000, "request of {size} bytes");
    fs::remove_file(Path::new(&d).join("req0.bin")).unwrap();
    let out = protoc_rs(
        &d,
        &args(&[
            "-I$D",
            "--plugin=protoc-gen-x=$P/noread",
            "--x_out=$D",
            "big.proto",
        ]),
    );
    assert_eq!(
        (out.status.code(), normalized_stderr(&out, &d).as_str()),
        (Some(0), "")
    );
    assert_eq!(
        common::files(Path::new(&d)),
        BTreeSet::from(["big.proto".to_string()])
    );
}

/// protoc-rs's extra line after protoc's three when an unknown `--X_out` looks like one of
/// the built-in generators' flags.
#[test]
fn a_misspelt_generator_gets_a_suggestion() {
    let (_t, d) = scratch();
    let out = protoc_rs(&d, &args(&["-I$O", "--pyhton_out=$D", "proto3_maps.proto"]));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        normalized_stderr(&out, &d),
        "protoc-gen-pyhton: program not found or is not executable\n\
         Please specify a program using absolute path or make sure the program is available in \
         your PATH system variable\n\
         --pyhton_out: protoc-gen-pyhton: Plugin failed with status code 1.\n\
         did you mean --python_out?\n"
    );
}

/// `--rust_out` and `--grpc_out` run protoc-rs's built-ins unless `--plugin` names a
/// `protoc-gen-rust`/`protoc-gen-grpc` (a case above): one merely found on PATH is not run.
#[test]
fn a_protoc_gen_rust_on_path_is_not_run() {
    let (_t, d) = scratch();
    let bin = tempfile::tempdir().unwrap();
    for name in ["protoc-gen-rust", "protoc-gen-grpc"] {
        let p = bin.path().join(name);
        fs::write(&p, "#!/bin/sh\ntouch \"$0.ran\"\nexit 1\n").unwrap();
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&p, fs::Permissions::from_mode(0o755)).unwrap();
    }
    let out = common::protoc_rs()
        .args([
            format!("-I{}", protos()),
            format!("--rust_out={d}"),
            format!("--grpc_out={d}"),
            "services.proto".to_string(),
        ])
        .current_dir(&d)
        .env("PATH", bin.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(!common::files(Path::new(&d)).is_empty());
    assert_eq!(
        common::files(bin.path()),
        BTreeSet::from(["protoc-gen-grpc".to_string(), "protoc-gen-rust".to_string()])
    );
}

/// `--plugin_timeout` takes a whole number of seconds above 0.
#[test]
fn plugin_timeout_needs_seconds() {
    let (_t, d) = scratch();
    for value in ["0", "x", "-1", "1.5", ""] {
        let out = protoc_rs(
            &d,
            &args(&[&format!("--plugin_timeout={value}"), "-o$D/x.pb", "a.proto"]),
        );
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(
            normalized_stderr(&out, &d),
            format!("--plugin_timeout needs a whole number of seconds above 0, not \"{value}\".\n")
        );
    }
}

/// `--enable_codegen_trace=VALUE` runs plugins with `PROTOC_CODEGEN_TRACE=yes` (protoc sets it
/// in its own environment before spawning them, without overwriting a value already set).
#[test]
fn codegen_trace_reaches_plugins() {
    let (_t, d) = scratch();
    let plugin = Path::new(&d).join("protoc-gen-trace");
    fs::write(
        &plugin,
        "#!/bin/sh\ncat > /dev/null\nprintf '%s' \"${PROTOC_CODEGEN_TRACE-unset}\" > trace.txt\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&plugin, fs::Permissions::from_mode(0o755)).unwrap();
    let traced = |extra: &[&str], env: Option<&str>| {
        let mut cmd = common::protoc_rs();
        cmd.arg(format!("-I{}", protos()))
            .arg(format!("--plugin=protoc-gen-trace={}", plugin.display()))
            .arg(format!("--trace_out={d}"))
            .args(extra)
            .arg("services.proto")
            .current_dir(&d)
            .env_remove("PROTOC_CODEGEN_TRACE");
        if let Some(v) = env {
            cmd.env("PROTOC_CODEGEN_TRACE", v);
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        fs::read_to_string(Path::new(&d).join("trace.txt")).unwrap()
    };
    assert_eq!(traced(&[], None), "unset");
    assert_eq!(traced(&["--enable_codegen_trace=1"], None), "yes");
    assert_eq!(traced(&["--enable_codegen_trace=1"], Some("no")), "no");
}
