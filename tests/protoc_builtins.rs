//! protoc's other built-in generators (`--cpp_out`, `--java_out`, ...) run through a real
//! protoc (`generator::plugin::protoc`). These tests need no protoc: a fake one (a `/bin/sh`
//! script) shows what the child gets and that its files are applied; none on `PATH` gives the
//! clear error; protoc-rs itself as the protoc trips the recursion guard. The real parity
//! (Debian's protoc 3.21, `--cpp_out` and `--java_out` byte for byte) is in
//! `scripts/plugin-parity` (family `protoc`).

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Output;

mod common;

fn fixtures() -> String {
    format!("{}/testdata/ok", env!("CARGO_MANIFEST_DIR"))
}

/// protoc-rs in `d` with `PATH` = `path` and `PROTOC_RS_PROTOC` = `protoc` (unset if `None`).
fn protoc_rs(d: &Path, path: &str, protoc: Option<&str>, args: &[&str]) -> Output {
    let mut c = common::protoc_rs();
    c.args(args)
        .current_dir(d)
        .env("PATH", path)
        .env_remove("PROTOC_RS_PROTOC")
        .env_remove("PROTOC_RS_CHILD");
    if let Some(p) = protoc {
        c.env("PROTOC_RS_PROTOC", p);
    }
    c.output().unwrap()
}

fn scratch() -> (tempfile::TempDir, std::path::PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let d = fs::canonicalize(t.path()).unwrap();
    fs::create_dir(d.join("out")).unwrap();
    (t, d)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fake protoc named `protoc` in `dir`: records its arguments and `PROTOC_RS_CHILD`, keeps
/// the descriptor set, warns on stderr naming its output directory and writes `x/a.pb.h`.
fn fake_protoc(dir: &Path) -> String {
    let path = dir.join("protoc");
    fs::write(
        &path,
        r#"#!/bin/sh
log="$(dirname "$0")/log"
printf '%s\n' "$@" >"$log"
echo "child=$PROTOC_RS_CHILD" >>"$log"
for a in "$@"; do
  case "$a" in
    --descriptor_set_in=*) cp "${a#*=}" "$(dirname "$0")/set.pb" ;;
    --cpp_out=*) out="${a#*=}" ;;
  esac
done
echo "a warning about $out/x/a.pb.h" >&2
mkdir -p "$out/x" && printf 'generated\n' >"$out/x/a.pb.h"
"#,
    )
    .unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn a_fake_protoc_gets_the_descriptors_and_its_files_are_applied() {
    let (_t, d) = scratch();
    let bin = d.join("bin");
    fs::create_dir(&bin).unwrap();
    let protoc = fake_protoc(&bin);
    let include = format!("-I{}", fixtures());
    let path = format!("{}:/usr/bin:/bin", bin.display());
    // Found on PATH, with the parameter of `--cpp_out` and `--cpp_opt` joined.
    let o = protoc_rs(
        &d,
        &path,
        None,
        &[
            &include,
            "--cpp_out=lite:out",
            "--cpp_opt=speed",
            "json_names.proto",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "a warning about out/x/a.pb.h\n");
    assert_eq!(fs::read(d.join("out/x/a.pb.h")).unwrap(), b"generated\n");
    let log = fs::read_to_string(bin.join("log")).unwrap();
    let lines: Vec<&str> = log.lines().collect();
    assert!(lines[0].starts_with("--descriptor_set_in="), "{log}");
    assert!(lines[1].starts_with("--cpp_out="), "{log}");
    assert_eq!(
        &lines[2..],
        [
            "--cpp_opt=lite,speed",
            "json_names.proto",
            "child=--cpp_out"
        ]
    );
    // The set names the file and keeps its source info (comments), and has no `json_name`
    // filled in: only the one the source wrote (`json_name = "...")` is there.
    let set = fs::read(bin.join("set.pb")).unwrap();
    let has = |needle: &[u8]| set.windows(needle.len()).any(|w| w == needle);
    assert!(has(b"json_names.proto"));
    assert!(has(b"json_name: custom names"), "comments kept");
    // The five the fixture writes (`[json_name = "..."]`).
    let written = ["renamed", "x", "with\"quote", "ünïcödé", "customSame"];
    for j in &written {
        assert!(has(j.as_bytes()), "explicit json_name {j} kept");
    }
    // Field 10 (json_name) of a FieldDescriptorProto is tag 0x52; count them.
    let json_names = count_json_names(&set);
    assert_eq!(json_names, written.len(), "only explicit json_names");

    // `--check` compares the same files: up to date now.
    let o = protoc_rs(
        &d,
        &path,
        Some(&protoc),
        &[
            &include,
            "--check",
            "--cpp_out=lite:out",
            "--cpp_opt=speed",
            "json_names.proto",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// The `json_name` fields of every field of every message of every file in `set` (a
/// `FileDescriptorSet`), walking the wire format.
fn count_json_names(set: &[u8]) -> usize {
    fn varint(b: &[u8], i: &mut usize) -> u64 {
        let mut v = 0;
        let mut shift = 0;
        loop {
            let byte = b[*i];
            *i += 1;
            v |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return v;
            }
            shift += 7;
        }
    }
    /// Calls `f` with (field, bytes) of each length-delimited field of `b`.
    fn each(b: &[u8], mut f: impl FnMut(u64, &[u8])) {
        let mut i = 0;
        while i < b.len() {
            let key = varint(b, &mut i);
            match key & 7 {
                0 => {
                    varint(b, &mut i);
                }
                1 => i += 8,
                5 => i += 4,
                2 => {
                    let n = varint(b, &mut i) as usize;
                    f(key >> 3, &b[i..i + n]);
                    i += n;
                }
                _ => panic!("wire type"),
            }
        }
    }
    fn message(m: &[u8], n: &mut usize) {
        each(m, |field, b| match field {
            2 => each(b, |f, _| *n += usize::from(f == 10)),
            3 => message(b, n),
            _ => {}
        });
    }
    let mut n = 0;
    each(set, |_, file| {
        each(file, |field, b| {
            if field == 4 {
                message(b, &mut n);
            }
        })
    });
    n
}

#[test]
fn a_failing_protoc_fails_the_run_and_writes_nothing() {
    let (_t, d) = scratch();
    let fail = d.join("failing-protoc");
    fs::write(&fail, "#!/bin/sh\necho 'x.proto: it broke' >&2\nexit 3\n").unwrap();
    fs::set_permissions(&fail, fs::Permissions::from_mode(0o755)).unwrap();
    let include = format!("-I{}", fixtures());
    let o = protoc_rs(
        &d,
        "/nonexistent",
        Some(fail.to_str().unwrap()),
        &[
            &include,
            "--python_out=out",
            "--java_out=out",
            "json_names.proto",
        ],
    );
    // protoc prints only its own lines: no line of protoc-rs's follows the child's.
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), "x.proto: it broke\n");
    assert!(common::files(&d.join("out")).is_empty());

    // A child that fails silently gets protoc-rs's line, naming it.
    fs::write(&fail, "#!/bin/sh\nexit 3\n").unwrap();
    let o = protoc_rs(
        &d,
        "/nonexistent",
        Some(fail.to_str().unwrap()),
        &[&include, "--java_out=out", "json_names.proto"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!(
            "--java_out: {} failed with status code 3 running its Java generator.\n",
            fail.display()
        )
    );
    assert!(common::files(&d.join("out")).is_empty());
}

/// An older protoc as the child: its own error about what it cannot read (an edition 2026
/// file in 36.2 mode) is what the run prints, and nothing is written.
#[test]
fn an_older_protoc_reports_its_own_error() {
    let (_t, d) = scratch();
    let old = d.join("old-protoc");
    fs::write(
        &old,
        "#!/bin/sh\n[ \"$1\" = --version ] && { echo 'libprotoc 3.21.12'; exit 0; }\n\
         echo 'm.proto:1:1: Edition 2026 is later than the maximum supported edition 2023' >&2\n\
         exit 1\n",
    )
    .unwrap();
    fs::set_permissions(&old, fs::Permissions::from_mode(0o755)).unwrap();
    fs::write(d.join("m.proto"), "edition = \"2026\";\nmessage M {}\n").unwrap();
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_protoc-rs"));
    let o = c
        .args(["-I.", "--cpp_out=out", "m.proto"])
        .current_dir(&d)
        .env("PROTOC_RS_RELEASE", "36.2")
        .env("PROTOC_RS_PROTOC", &old)
        .env_remove("PROTOC_RS_CHILD")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    // Not a terminal: no note of protoc-rs's own.
    assert_eq!(
        stderr(&o),
        "m.proto:1:1: Edition 2026 is later than the maximum supported edition 2023\n"
    );
    assert!(common::files(&d.join("out")).is_empty());
}

#[test]
fn without_a_protoc_the_error_names_the_generator_and_the_remedy() {
    let (_t, d) = scratch();
    let include = format!("-I{}", fixtures());
    let args = [
        include.as_str(),
        "--python_out=out",
        "--cpp_out=out",
        "json_names.proto",
    ];
    let o = protoc_rs(&d, d.to_str().unwrap(), None, &args);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "--cpp_out: protoc-rs runs protoc's built-in C++ generator (--cpp_out) through a real \
         protoc, and no protoc was found on PATH. Install protoc, or set PROTOC_RS_PROTOC to \
         its path.\n"
    );
    let o = protoc_rs(&d, d.to_str().unwrap(), Some("/no/such/protoc"), &args);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "--cpp_out: protoc-rs runs protoc's built-in C++ generator (--cpp_out) through a real \
         protoc, and PROTOC_RS_PROTOC=/no/such/protoc was not found. Install protoc, or set \
         PROTOC_RS_PROTOC to its path.\n"
    );
    assert!(common::files(&d.join("out")).is_empty());
}

#[test]
fn protoc_rs_as_its_own_protoc_stops_at_once() {
    let (_t, d) = scratch();
    let include = format!("-I{}", fixtures());
    let me = env!("CARGO_BIN_EXE_protoc-rs");
    let o = protoc_rs(
        &d,
        "/nonexistent",
        Some(me),
        &[&include, "--kotlin_out=out", "json_names.proto"],
    );
    assert_eq!(o.status.code(), Some(1));
    // The child's line alone: no line of the parent's follows it.
    assert_eq!(
        stderr(&o),
        "--kotlin_out: protoc-rs was started as the protoc for a built-in generator \
         (PROTOC_RS_CHILD is set), so the protoc it runs for the Kotlin generator would be \
         itself. Set PROTOC_RS_PROTOC to the path of a real protoc.\n"
    );
    assert!(common::files(&d.join("out")).is_empty());
}
