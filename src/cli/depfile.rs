//! The `--dependency_out=FILE` manifest, in make's format (command_line_interface.cc
//! `GenerateDependencyManifestFile`): every output file as a target, then the disk paths of
//! the inputs and their transitive imports. Pure: the caller gathers what was written and
//! writes the bytes.
//!
//! protoc's format, established against the oracle:
//! - targets: each output location's files (sorted by name, as its `btree_map`), prefixed with
//!   the location plus `/` and with one leading `./` dropped; then the `-o` file exactly as
//!   given (no `./` dropped). Joined with ` \` and a newline; `:` after the last.
//! - dependencies: a post-order walk of each input's imports (option imports too), each file
//!   once, as the disk path the `-I` mappings give it (`-I/abs/` gives `/abs//a.proto`).
//!   Each is written as ` PATH`, separated by `\` and a newline; no trailing newline.
//! - nothing is escaped (a space in a path is written as is).
//! - no output files at all: the file is created empty.
//!
//! protoc-rs differences: the bundled well-known types have no disk path and are left out
//! (protoc fails with `Unable to identify path for file ...` when it cannot map one); several
//! inputs are accepted (protoc refuses them), their files in one rule; protoc lists output
//! locations in its hash map's order, protoc-rs in first-use order on the command line.

use crate::compiler::source::{DiskSourceTree, Location};
use crate::compiler::{Compilation, output_order};

/// The targets: `generated` are the output directories' files as protoc names them (location,
/// `/`, file name: `Outputs::directory_paths`), in first-use order of the locations;
/// `descriptor_set_out` is the `-o` file.
pub fn targets(generated: &[String], descriptor_set_out: Option<&str>) -> Vec<String> {
    let mut out: Vec<String> = generated
        .iter()
        // NB: protoc drops one leading `./` from generated files, never from `-o`.
        .map(|full| full.strip_prefix("./").unwrap_or(full).to_string())
        .collect();
    if let Some(o) = descriptor_set_out {
        out.push(o.to_string());
    }
    out
}

/// The dependencies: every file `inputs` (virtual names) need, post-order, as disk paths.
/// Files found only in the bundled include directory are left out.
pub fn dependencies(
    compilation: &Compilation,
    inputs: &[String],
    tree: &DiskSourceTree,
) -> Vec<String> {
    let pool = &compilation.pool;
    output_order(pool, inputs, true)
        .into_iter()
        .filter_map(|i| match tree.locate(&pool.file(i).name) {
            Ok(Location::Disk(disk)) => Some(disk),
            _ => None,
        })
        .collect()
}

/// The file's bytes.
pub fn render(targets: &[String], dependencies: &[String]) -> Vec<u8> {
    if targets.is_empty() {
        // NB: protoc creates the file but writes nothing, as a rule without a target would
        // be malformed.
        return Vec::new();
    }
    let mut s = targets.join(" \\\n");
    s.push(':');
    let deps: Vec<String> = dependencies.iter().map(|d| format!(" {d}")).collect();
    s.push_str(&deps.join("\\\n"));
    s.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn one_target_one_dependency() {
        assert_eq!(
            render(&strings(&["x.pb"]), &strings(&["a.proto"])),
            b"x.pb: a.proto"
        );
    }

    #[test]
    fn several_targets_and_dependencies() {
        assert_eq!(
            String::from_utf8(render(
                &strings(&["a_pb2.py", "a_pb2.pyi", "x.pb"]),
                &strings(&["p/c.proto", "p/a b.proto"]),
            ))
            .expect("utf8"),
            "a_pb2.py \\\na_pb2.pyi \\\nx.pb: p/c.proto\\\n p/a b.proto"
        );
    }

    #[test]
    fn no_targets_is_empty() {
        assert_eq!(render(&[], &strings(&["a.proto"])), b"");
    }

    #[test]
    fn no_dependencies() {
        assert_eq!(render(&strings(&["x.pb"]), &[]), b"x.pb:");
    }

    #[test]
    fn target_paths() {
        let generated = strings(&[
            "./a_pb2.py",
            "./sub/b_pb2.py",
            "./out/a.rs",
            "/abs/a.rs",
            "././o/a.rs",
        ]);
        assert_eq!(
            targets(&generated, Some("./x.pb")),
            [
                "a_pb2.py",
                "sub/b_pb2.py",
                "out/a.rs",
                "/abs/a.rs",
                "./o/a.rs",
                "./x.pb"
            ]
        );
    }
}
