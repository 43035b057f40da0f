//! Running a plugin as protoc's `Subprocess` does (subprocess.cc): the program with no
//! arguments (`argv[0]` exactly as named), the request on its stdin, its stdout read to the
//! end, its stderr passed through, then its exit status. Writing and reading run at the same
//! time, so a plugin that answers before reading (or never reads) cannot deadlock us; a write
//! to a plugin that stopped reading is dropped, as protoc pretends it finished.
//!
//! A Ctrl-C reaches the plugin too (it shares our process group) and ends protoc-rs before
//! anything is written. protoc-rs adds an optional deadline (`--plugin_timeout`): the plugin is
//! killed when it passes it.

use std::io::{Read, Write};
#[cfg(unix)]
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How protoc starts a plugin.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Program<'a> {
    /// `--plugin=NAME=PATH` or `--plugin=PATH`: executed as given (`execv`), never searched.
    Exact(&'a str),
    /// `protoc-gen-NAME`, searched on `PATH` (`execvp`).
    Search(&'a str),
    /// protoc 36.2's `--NAME_prefix`: the command's first token searched on `PATH` (`execvp`),
    /// its other tokens then the plugin as arguments.
    Wrapped {
        command: &'a [String],
        plugin: &'a str,
    },
}

/// Why a plugin run produced no response.
#[derive(Debug, PartialEq, Eq)]
pub enum Failure {
    /// The program could not be started. protoc's child prints two lines (here `lines`) and
    /// exits 1, so protoc then reports status code 1.
    NotStarted { lines: String },
    /// `Plugin failed with status code N.`
    Status(i32),
    /// `Plugin killed by signal N.`
    Signal(i32),
    /// protoc-rs only: the plugin ran longer than `--plugin_timeout`.
    TimedOut(Duration),
    /// An I/O error of our own side of the pipes.
    Io(String),
}

impl Failure {
    /// The text protoc prints after `--X_out: protoc-gen-NAME: `.
    pub fn message(&self) -> String {
        match self {
            Failure::NotStarted { .. } => Failure::Status(1).message(),
            Failure::Status(code) => format!("Plugin failed with status code {code}."),
            Failure::Signal(sig) => format!("Plugin killed by signal {sig}."),
            Failure::TimedOut(t) => {
                format!(
                    "Plugin killed after --plugin_timeout={} seconds.",
                    t.as_secs()
                )
            }
            Failure::Io(e) => e.clone(),
        }
    }
}

/// The variable `--enable_codegen_trace` sets for plugins (io/printer.h `kProtocCodegenTrace`).
const CODEGEN_TRACE: &str = "PROTOC_CODEGEN_TRACE";

/// Runs `program` with `input` on its stdin; returns everything it wrote on its stdout once it
/// exited successfully.
pub fn communicate(
    program: Program,
    input: Vec<u8>,
    timeout: Option<Duration>,
    codegen_trace: bool,
) -> Result<Vec<u8>, Failure> {
    let (path, argv0, args): (String, &str, &[String]) = match program {
        // NB: protoc's `execv` runs a name without a slash from the working directory.
        Program::Exact(p) if !p.contains('/') => (format!("./{p}"), p, &[]),
        Program::Exact(p) | Program::Search(p) => (p.to_string(), p, &[]),
        Program::Wrapped { command, .. } => match command.split_first() {
            Some((first, rest)) => (first.clone(), first.as_str(), rest),
            None => return Err(Failure::Io("empty plugin prefix".to_string())),
        },
    };
    let mut command = Command::new(&path);
    #[cfg(unix)]
    command.arg0(argv0);
    command.args(args);
    if let Program::Wrapped { plugin, .. } = program {
        command.arg(plugin);
    }
    if codegen_trace && std::env::var_os(CODEGEN_TRACE).is_none() {
        command.env(CODEGEN_TRACE, "yes");
    }
    let spawned = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn();
    let mut child = match spawned {
        Ok(c) => c,
        Err(_) => {
            return Err(Failure::NotStarted {
                lines: format!(
                    "{argv0}: program not found or is not executable\n\
                     Please specify a program using absolute path or make sure the program is \
                     available in your PATH system variable\n"
                ),
            });
        }
    };
    let deadline = timeout.map(|t| Instant::now() + t);
    let (Some(mut stdin), Some(mut stdout)) = (child.stdin.take(), child.stdout.take()) else {
        kill(&mut child);
        return Err(Failure::Io("plugin pipes were not created".to_string()));
    };
    // Both directions on their own threads: a plugin may write before it reads, or never
    // read. Neither thread is joined on a timeout: killing the plugin closes its pipes (unless
    // a grandchild holds them), and we exit soon after anyway.
    std::thread::spawn(move || {
        // A plugin that exits without reading closes the pipe: the rest is dropped.
        let _ = stdin.write_all(&input);
    });
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut out = Vec::new();
        let result = stdout.read_to_end(&mut out).map(|_| out);
        let _ = tx.send(result);
    });
    let received = match deadline {
        None => rx.recv().map_err(|_| None),
        Some(d) => rx
            .recv_timeout(d.saturating_duration_since(Instant::now()))
            .map_err(|e| match e {
                mpsc::RecvTimeoutError::Timeout => Some(()),
                mpsc::RecvTimeoutError::Disconnected => None,
            }),
    };
    let output = match received {
        Ok(Ok(out)) => out,
        Ok(Err(e)) => {
            kill(&mut child);
            return Err(Failure::Io(format!("reading the plugin's output: {e}")));
        }
        Err(Some(())) => {
            kill(&mut child);
            return Err(Failure::TimedOut(timeout.unwrap_or_default()));
        }
        Err(None) => {
            kill(&mut child);
            return Err(Failure::Io(
                "the plugin's output reader stopped".to_string(),
            ));
        }
    };
    let status = match wait(&mut child, deadline) {
        Ok(Some(s)) => s,
        Ok(None) => {
            kill(&mut child);
            return Err(Failure::TimedOut(timeout.unwrap_or_default()));
        }
        Err(e) => return Err(Failure::Io(format!("waiting for the plugin: {e}"))),
    };
    #[cfg(unix)]
    let signal = status.signal();
    #[cfg(not(unix))]
    let signal: Option<i32> = None;
    match (status.code(), signal) {
        (Some(0), _) => Ok(output),
        (Some(code), _) => Err(Failure::Status(code)),
        (None, Some(sig)) => Err(Failure::Signal(sig)),
        (None, None) => Err(Failure::Io(
            "Neither WEXITSTATUS nor WTERMSIG is true?".to_string(),
        )),
    }
}

/// Waits for the plugin to exit; `None` when the deadline passed first.
fn wait(child: &mut Child, deadline: Option<Instant>) -> std::io::Result<Option<ExitStatus>> {
    let Some(deadline) = deadline else {
        return child.wait().map(Some);
    };
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        if Instant::now() >= deadline {
            return Ok(None);
        }
        // The output is complete; this only waits for the process to go away.
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn kill(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}
