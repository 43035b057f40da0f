//! protoc plugins (`protoc-gen-NAME`): a generator that is another program. The request is
//! encoded as protoc 35.1 encodes it (`request`), handed to the program (`process`), and its
//! response decoded (`response`); the CLI applies the response's files through the same
//! output writer as the built-ins' (`output::OutputDirectory::apply_chunks`), after protoc's
//! checks on what the plugin declared it supports (`features`).
//!
//! Follows command_line_interface.cc `GeneratePluginOutput`, plugin.proto and subprocess.cc.

pub mod features;
pub mod process;
pub mod protoc;
pub mod request;
pub mod response;

use std::time::Duration;

use super::Requests;
use process::{Failure, Program};
use response::PluginResponse;

/// One plugin of an invocation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plugin {
    /// `protoc-gen-NAME`, as protoc names it in messages.
    pub name: String,
    /// The path of `--plugin=protoc-gen-NAME=PATH` (or `--plugin=PATH`); `None` searches
    /// `PATH` for `name`.
    pub path: Option<String>,
    /// protoc-rs's `--plugin_timeout`.
    pub timeout: Option<Duration>,
    /// `--enable_codegen_trace`: the plugin runs with `PROTOC_CODEGEN_TRACE=yes` unless the
    /// environment already sets it (protoc's `setenv(..., 0)` before spawning).
    pub codegen_trace: bool,
    /// protoc 36.2's `--NAME_prefix=COMMAND`, split: the plugin runs as `COMMAND... PLUGIN`,
    /// `PLUGIN` being `path` or else the bare `name` (the wrapper finds it).
    pub prefix: Option<Vec<String>>,
}

/// Why a plugin gave no usable response: the text protoc prints after `--X_out: `, and the
/// lines protoc's child printed before it (a program that could not be started).
#[derive(Debug, PartialEq, Eq)]
pub struct PluginError {
    pub before: Option<String>,
    pub message: String,
    /// The program was not found or not executable.
    pub not_found: bool,
    /// A real protoc running one of protoc's other built-ins failed and printed why (`before`):
    /// its path, and no line of protoc-rs's own follows (protoc itself prints only that).
    pub failed_protoc: Option<String>,
}

impl Plugin {
    /// Runs the plugin on the request for `parameter`; the decoded response, or protoc's
    /// `protoc-gen-NAME: ...` failure.
    pub fn run(&self, requests: &Requests, parameter: &str) -> Result<PluginResponse, PluginError> {
        let input = requests.plugin_request(&self.name, parameter);
        let program = match (&self.prefix, &self.path) {
            (Some(command), path) => Program::Wrapped {
                command,
                plugin: path.as_deref().unwrap_or(&self.name),
            },
            (None, Some(p)) => Program::Exact(p),
            (None, None) => Program::Search(&self.name),
        };
        let failed = |message: String, before: Option<String>, not_found: bool| PluginError {
            before,
            message: format!("{}: {message}", self.name),
            not_found,
            failed_protoc: None,
        };
        let output = match process::communicate(program, input, self.timeout, self.codegen_trace) {
            Ok(out) => out,
            Err(Failure::NotStarted { lines }) => {
                return Err(failed(Failure::Status(1).message(), Some(lines), true));
            }
            Err(f) => return Err(failed(f.message(), None, false)),
        };
        response::decode(&output).map_err(|_| {
            failed(
                format!(
                    "Plugin output is unparseable: {}",
                    crate::escape::c_escape(&output)
                ),
                None,
                false,
            )
        })
    }
}
