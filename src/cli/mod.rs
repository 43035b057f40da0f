//! The command line: protoc's flag grammar into an invocation, then the one place that runs
//! the stages in order.
//!
//! Layers: `args` (argfiles, splitting `--name=value`), `raw` (protoc's flag semantics and
//! cross-flag checks into [`raw::RawArgs`]), `invocation` (resolved [`Invocation`]), `run`
//! (source tree, compile, outputs). The generator flags (`generators`) and the help's list
//! (`help`) are derived from the generator registry; every layer prints through [`Console`].
//! Exit codes: 0 for success, `--help` and `--version`; 1 for every failure, as protoc.

pub mod args;
pub mod codec;
pub mod console;
pub mod depfile;
pub mod free_fields;
pub mod generators;
pub mod help;
pub mod invocation;
pub mod notices;
mod plugin_output;
pub mod raw;
mod run;

pub use console::Console;
pub use invocation::Invocation;

use crate::release::{self, Release};

/// Runs protoc-rs with `args` (without the program name); returns the exit code.
pub fn run(args: Vec<String>) -> i32 {
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let mut out = stdout.lock();
    let mut err = stderr.lock();
    let mut con = Console {
        out: &mut out,
        err: &mut err,
    };
    run_with(&args, &mut con)
}

/// `run`, printing to `con`, matching the newest release unless the command line or
/// `PROTOC_RS_RELEASE` selects another.
pub fn run_with(args: &[String], con: &mut Console) -> i32 {
    if let Some(line) = crate::generator::plugin::protoc::refused_as_child(args) {
        con.err_line(&line);
        return 1;
    }
    let env = std::env::var(release::ENV_VAR).ok();
    let raw = match raw::parse(args, env.as_deref(), Release::NEWEST, con) {
        raw::Parsed::Run(raw) => *raw,
        raw::Parsed::Exit(code) => return code,
    };
    let invocation = match invocation::resolve(raw) {
        Ok(inv) => inv,
        Err(msg) => {
            con.err_line(&msg);
            return 1;
        }
    };
    run::execute(&invocation, con, &run::COMPILER)
}
