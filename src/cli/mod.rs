//! The command line: protoc's flag grammar into an invocation, then the one place that runs
//! the stages in order.
//!
//! Layers: `args` (argfiles, splitting `--name=value`), `raw` (protoc's flag semantics and
//! cross-flag checks into [`raw::RawArgs`]), `invocation` (resolved [`Invocation`]), `run`
//! (source tree, compile, outputs). The generator flags (`generators`) and the help's list
//! (`help`) are derived from the generator registry; every layer prints through [`Console`].
//! The entry point (`entry`: the binary or the Python package) picks the help's style and
//! whether protoc-rs's hint lines (`hints`) show by default.
//! Exit codes: 0 for success, `--help` and `--version`; 1 for every failure, as protoc.

pub mod args;
pub mod codec;
pub mod console;
pub mod depfile;
pub mod entry;
pub mod free_fields;
pub mod generators;
pub mod help;
pub mod hints;
pub mod invocation;
pub mod notices;
mod plugin_output;
pub mod raw;
mod run;

pub use console::Console;
pub use invocation::Invocation;

use std::io::IsTerminal;

use crate::release::{self, Release};

/// Runs protoc-rs with `args` (without the program name); returns the exit code.
pub fn run(args: Vec<String>) -> i32 {
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let terminal = stderr.is_terminal();
    let mut out = stdout.lock();
    let mut err = stderr.lock();
    let mut con = Console {
        out: &mut out,
        err: &mut err,
    };
    run_in(&args, &mut con, terminal)
}

/// `run`, printing to `con`, matching the newest release unless the command line or
/// `PROTOC_RS_RELEASE` selects another. `con` is no terminal: hints only with `--hints=always`
/// or `PROTOC_RS_HINTS=always`.
pub fn run_with(args: &[String], con: &mut Console) -> i32 {
    run_in(args, con, false)
}

/// `run_with`; `terminal` says whether `con.err` is a terminal (`--hints=auto`).
fn run_in(args: &[String], con: &mut Console, terminal: bool) -> i32 {
    if let Some(line) = crate::generator::plugin::protoc::refused_as_child(args) {
        con.err_line(&line);
        return 1;
    }
    let entry = match entry::Entry::from_env(std::env::var(entry::ENV_VAR).ok().as_deref()) {
        Ok(entry) => entry,
        Err(line) => {
            con.err_line(&line);
            return 1;
        }
    };
    let env = std::env::var(release::ENV_VAR).ok();
    let raw = match raw::parse(args, env.as_deref(), Release::NEWEST, con) {
        raw::Parsed::Run(raw) => *raw,
        raw::Parsed::Help(release) => {
            con.out_str(&help::help_text(entry.help_style(), release));
            return 0;
        }
        raw::Parsed::Exit(code) => return code,
    };
    let hints_env = std::env::var(hints::ENV_VAR).ok();
    // `auto` shows hints at a terminal, but not among machine-readable errors (json, github),
    // which a tool may read from a terminal too; `--hints=always` still shows them.
    let plain_errors = matches!(
        raw.error_format,
        crate::diagnostics::ErrorFormat::Gcc | crate::diagnostics::ErrorFormat::Msvs
    );
    let hints = match hints::shown(
        raw.hints,
        hints_env.as_deref(),
        entry.default_hints(),
        terminal && plain_errors,
    ) {
        Ok(shown) => shown,
        Err(line) => {
            con.err_line(&line);
            return 1;
        }
    };
    let mut invocation = match invocation::resolve(raw) {
        Ok(inv) => inv,
        Err(msg) => {
            con.err_line(&msg);
            return 1;
        }
    };
    invocation.hints = hints;
    run::execute(&invocation, con, &run::COMPILER)
}
