//! protoc's other built-in generators (`--cpp_out`, `--java_out`, ...), run by a real protoc
//! as if it were a plugin: the descriptors of the invocation are handed to it through
//! `--descriptor_set_in` as protoc's own parser would hand them to its generators, it
//! generates into a temporary directory, and the files read back become a plugin response,
//! applied by the same output writer as every other generator's.
//!
//! grpcio-tools' protoc (the oracle) has only the Python generators built in and would run
//! `--cpp_out` as a plugin `protoc-gen-cpp`; a full protoc always runs its own. protoc-rs
//! follows the full protoc, but an explicit `--plugin=protoc-gen-cpp=PATH` still wins (as in
//! the oracle). The protoc is `$PROTOC_RS_PROTOC`, else `protoc` on `PATH`. Since
//! `protoc --version` cannot tell protoc-rs from protoc, the child gets `PROTOC_RS_CHILD` in
//! its environment, and a protoc-rs started with it refuses to run a built-in through protoc.

use std::path::Path;
use std::process::{Command, Stdio};

use super::super::Requests;
use super::PluginError;
use super::response::{PluginFile, PluginResponse};
use crate::compiler;
use crate::compiler::check::after_all_files::GENERIC_SERVICES;
use crate::descriptor::encode::{EncodeOptions, write_file_field};

/// The environment variable naming the protoc to run.
pub const PROTOC_VAR: &str = "PROTOC_RS_PROTOC";
/// Set for the child protoc: the recursion guard.
pub const CHILD_VAR: &str = "PROTOC_RS_CHILD";

/// protoc 35.1's built-in generators (main.cc) that protoc-rs does not implement, by flag,
/// with the language named in messages.
pub const BUILT_INS: &[(&str, &str)] = &[
    ("--cpp_out", "C++"),
    ("--java_out", "Java"),
    ("--kotlin_out", "Kotlin"),
    ("--php_out", "PHP"),
    ("--ruby_out", "Ruby"),
    ("--rbs_out", "RBS"),
    ("--csharp_out", "C#"),
    ("--objc_out", "Objective-C"),
];

/// Whether `plugin` for `flag` is one of protoc's built-ins run through a real protoc (an
/// explicit `--plugin` path makes it a plugin).
pub fn runs(flag: &str, plugin: &super::Plugin) -> bool {
    plugin.path.is_none() && built_in(flag).is_some()
}

/// The language of `flag` when it is one of protoc's built-ins run through a real protoc.
pub fn built_in(flag: &str) -> Option<&'static str> {
    BUILT_INS.iter().find(|(f, _)| *f == flag).map(|&(_, l)| l)
}

/// The recursion guard: when this protoc-rs is a parent's protoc (`PROTOC_RS_CHILD` is set) and
/// `args` ask for a built-in it would run through protoc, the line to fail with.
pub fn refused_as_child(args: &[String]) -> Option<String> {
    std::env::var_os(CHILD_VAR)?;
    let flag = args
        .iter()
        .map(|a| a.split('=').next().unwrap_or(a))
        .find(|a| built_in(a).is_some())?;
    let language = built_in(flag)?;
    Some(format!(
        "{flag}: protoc-rs was started as the protoc for a built-in generator ({CHILD_VAR} is \
         set), so the protoc it runs for the {language} generator would be itself. Set \
         {PROTOC_VAR} to the path of a real protoc."
    ))
}

/// The `FileDescriptorSet` protoc's parser would give its generators: every file the inputs
/// need, imports first, with source info and all options (no retention stripping), and
/// `json_name` only where the source wrote one (a filled-in one changes C++ output).
pub fn descriptor_set(requests: &Requests) -> Vec<u8> {
    let pool = requests.pool;
    let opts = EncodeOptions { json_names: false };
    let mut out = Vec::with_capacity(64 * 1024);
    for i in compiler::output_order(pool, &requests.file_to_generate, true) {
        write_file_field(&mut out, 1, pool.file(i), &opts);
    }
    out
}

/// Runs `flag` (`--cpp_out`) with `parameter` through a real protoc; its files as a response,
/// with what it printed on stderr (its temporary output directory named `location`).
pub fn run(
    flag: &str,
    parameter: &str,
    location: &str,
    requests: &Requests,
) -> Result<(PluginResponse, String), PluginError> {
    let language = built_in(flag).unwrap_or("built-in");
    let fail = |message: String| PluginError {
        before: None,
        message,
        not_found: false,
        failed_protoc: None,
    };
    let (protoc, explicit) = match std::env::var(PROTOC_VAR) {
        Ok(p) if !p.is_empty() => (p, true),
        _ => ("protoc".to_string(), false),
    };
    // A random name under TMPDIR, created exclusively, removed when dropped.
    let temp = tempfile::Builder::new()
        .prefix("protoc-rs-")
        .tempdir()
        .map_err(|e| fail(format!("cannot make a temporary directory: {e}")))?;
    let set = temp.path().join("descriptors.pb");
    let out = temp.path().join("out");
    std::fs::write(&set, descriptor_set(requests))
        .and_then(|()| std::fs::create_dir(&out))
        .map_err(|e| fail(format!("{}: {e}", temp.path().display())))?;
    let mut command = Command::new(&protoc);
    command
        .arg(format!("--descriptor_set_in={}", set.display()))
        .arg(format!("{flag}={}", out.display()));
    if !parameter.is_empty() {
        // `--X_opt` rather than `PARAMS:DIR`, so a parameter with a colon stays whole.
        command.arg(format!("{}_opt={parameter}", flag.trim_end_matches("_out")));
    }
    let output = command
        .args(&requests.inputs)
        .env(CHILD_VAR, flag)
        .stdin(Stdio::null())
        .output();
    let output = match output {
        Ok(o) => o,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let what = if explicit {
                format!("{PROTOC_VAR}={protoc} was not found")
            } else {
                "no protoc was found on PATH".to_string()
            };
            return Err(PluginError {
                before: None,
                message: format!(
                    "protoc-rs runs protoc's built-in {language} generator ({flag}) through a \
                     real protoc, and {what}. Install protoc, or set {PROTOC_VAR} to its path."
                ),
                not_found: false,
                failed_protoc: None,
            });
        }
        Err(e) => return Err(fail(format!("{protoc}: {e}"))),
    };
    // The child's messages name our temporary directory; they are about the output's.
    let stderr = String::from_utf8_lossy(&output.stderr).replace(&*out.to_string_lossy(), location);
    // NB: a protoc 36.2 child warns again about generic services in the inputs it was handed;
    // protoc-rs warned already, as protoc does once.
    let stderr: String = stderr
        .split_inclusive('\n')
        .filter(|l| !l.trim_end().ends_with(GENERIC_SERVICES))
        .collect();
    if !output.status.success() {
        let status = match output.status.code() {
            Some(code) => format!("status code {code}"),
            None => "a signal".to_string(),
        };
        // NB: the child printed protoc's own lines (its `--cpp_out: ...` error among them):
        // those are what protoc prints, so no line of ours follows them.
        let printed = !stderr.trim().is_empty();
        return Err(PluginError {
            before: Some(stderr),
            message: format!("{protoc} failed with {status} running its {language} generator."),
            not_found: false,
            failed_protoc: printed.then(|| protoc.clone()),
        });
    }
    let mut files = Vec::new();
    read_tree(&out, "", &mut files).map_err(|e| fail(format!("{}: {e}", out.display())))?;
    files.sort_by(|a, b| a.name.cmp(&b.name));
    let response = PluginResponse {
        file: files,
        ..PluginResponse::default()
    };
    Ok((response, stderr))
}

/// What `protoc --version` says of the protoc at `protoc` (`libprotoc 3.21.12`), if it runs.
pub fn version_of(protoc: &str) -> Option<String> {
    let out = Command::new(protoc)
        .arg("--version")
        .env(CHILD_VAR, "--version")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout).trim().to_string();
    (out.status.success() && !text.is_empty()).then_some(text)
}

/// The terminal hint after a real protoc failed a built-in, when its version is not the
/// release protoc-rs matches (`libprotoc 36.2`): its messages and what it accepts may differ.
pub fn version_hint(flag: &str, protoc: &str, version: &str, matched: &str) -> Option<String> {
    (version != matched).then(|| {
        format!(
            "protoc-rs: note: {flag} ran through {protoc} ({version}), while protoc-rs matches \
             {matched}: that protoc's messages and the inputs it accepts may differ (set \
             {PROTOC_VAR} to a protoc of the same release, or pass --protoc_release)."
        )
    })
}

/// Every file under `dir`, named relative to the output directory with `/`.
fn read_tree(dir: &Path, prefix: &str, files: &mut Vec<PluginFile>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
        if entry.file_type()?.is_dir() {
            read_tree(&entry.path(), &format!("{name}/"), files)?;
        } else {
            files.push(PluginFile {
                name: name.into_bytes(),
                content: std::fs::read(entry.path())?,
                ..PluginFile::default()
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generator::registry::GENERATORS;

    #[test]
    fn version_hint_only_for_another_release() {
        assert_eq!(
            version_hint("--cpp_out", "protoc", "libprotoc 36.2", "libprotoc 36.2"),
            None
        );
        assert_eq!(
            version_hint(
                "--cpp_out",
                "/usr/bin/protoc",
                "libprotoc 3.21.12",
                "libprotoc 36.2"
            )
            .as_deref(),
            Some(
                "protoc-rs: note: --cpp_out ran through /usr/bin/protoc (libprotoc 3.21.12), \
                 while protoc-rs matches libprotoc 36.2: that protoc's messages and the inputs \
                 it accepts may differ (set PROTOC_RS_PROTOC to a protoc of the same release, \
                 or pass --protoc_release)."
            )
        );
    }

    #[test]
    fn built_ins_are_protocs_and_not_ours() {
        assert_eq!(built_in("--cpp_out"), Some("C++"));
        assert_eq!(built_in("--objc_out"), Some("Objective-C"));
        // protoc's upb generators are plugins there too; the Python ones and Rust are ours.
        for flag in [
            "--upb_out",
            "--python_out",
            "--rust_out",
            "--cpp_opt",
            "--go_out",
        ] {
            assert_eq!(built_in(flag), None, "{flag}");
        }
        for g in GENERATORS {
            assert_eq!(built_in(g.flag), None, "{}", g.flag);
        }
    }
}
