//! The one writer of everything an invocation produces. Generators return responses and the
//! CLI hands over bytes; only this module touches the file system for outputs, and it owns the
//! lines printed when that fails (protoc's texts: `PATH: strerror`).
//!
//! One plan per invocation ([`Outputs`], in `plan`), then one of two ends:
//!
//! ```text
//! let mut outputs = Outputs::default();
//! outputs.directory("out").apply(response, "--python_out")?;  // per --X_out, in order
//! outputs.add_file("deps.d", dependency_bytes);                 // single files, in the
//! outputs.add_file("x.pb", descriptor_set_bytes);               // order protoc writes them
//! outputs.commit(allow_escape)   // write: all or nothing, unchanged files untouched
//! outputs.check(allow_escape)    // --check: compare with the disk, write nothing
//! ```
//!
//! A new kind of output is one more kind of target of the plan; it then gets the checks,
//! unchanged-file skipping, atomic replacement and `--check` for free. An archive
//! (`--X_out=out.zip`, `.jar`, `.srcjar`) is a directory staged like the others and written as
//! one file (`archive`: protoc's zip bytes). `directory_paths` lists the directories' files
//! (and archives' entries) as protoc names them (for a dependency file).
//!
//! Both run protoc's checks on every output first (`plan`). `commit` (in `commit`) skips files
//! that already hold the same bytes, writes the others to temporaries beside their targets and
//! renames them into place with SIGINT/SIGTERM deferred, so a failed or interrupted run leaves
//! all old or all new files and no temporary. `check` (in `check`, diffs from `diff`) reports
//! stale outputs. `directory` stages responses (insertion points, duplicate files).

pub mod archive;
pub mod check;
pub mod commit;
pub mod diff;
pub mod directory;
pub mod metadata;
pub mod metadata_text;
pub mod plan;

pub use check::Report;
pub use commit::Written;
pub use directory::{Chunk, OutputDirectory};
pub use plan::{Outputs, WriteError};

/// What the writer's unit tests share: responses and plans made from `(name, content)` pairs.
#[cfg(test)]
pub(crate) mod test_support {
    use super::Outputs;
    use crate::generator::{Response, ResponseFile};
    use std::path::Path;

    pub fn response(files: &[(&str, &str)]) -> Response {
        Response {
            error: None,
            file: files
                .iter()
                .map(|(name, content)| ResponseFile {
                    name: name.to_string(),
                    insertion_point: None,
                    content: content.to_string(),
                })
                .collect(),
        }
    }

    /// A plan with one directory, `loc`, holding `files` (as one `--x_out` response).
    pub fn outputs(loc: &Path, files: &[(&str, &str)]) -> Outputs {
        let mut outs = Outputs::default();
        outs.directory(loc.to_str().expect("utf8"))
            .apply(response(files), "--x_out")
            .expect("applies");
        outs
    }
}
