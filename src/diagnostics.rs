//! Diagnostics: errors and warnings with protoc's positions, rendered in protoc's gcc or msvs
//! format (`file:line:col: message` or `file(line) : error in column=col: message`, as
//! `command_line_interface.cc`'s `ErrorPrinter`).

use crate::descriptor::model::Pos;

/// One error or warning, as protoc's `ErrorPrinter` would receive it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as shown to users: its disk path, or the virtual name of a bundled file.
    pub file: String,
    pub pos: Option<Pos>,
    pub message: String,
    pub warning: bool,
    /// A line protoc writes through its logger rather than its error collector: printed,
    /// but not a warning for `--fatal_warnings`.
    pub log: bool,
}

impl Diagnostic {
    pub fn error(file: &str, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_string(),
            pos,
            message: message.into(),
            warning: false,
            log: false,
        }
    }

    pub fn warning(file: &str, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_string(),
            pos,
            message: message.into(),
            warning: true,
            log: false,
        }
    }
}

/// `--error_format`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ErrorFormat {
    #[default]
    Gcc,
    Msvs,
}

impl ErrorFormat {
    /// One line, without the trailing newline.
    pub fn render(self, d: &Diagnostic) -> String {
        if d.log {
            // NB: protoc's absl log line, without its timestamp and thread id.
            return format!("W parser.cc:659] {}", d.message);
        }
        let kind = if d.warning { "warning" } else { "error" };
        match (self, d.pos) {
            (_, None) => {
                if d.warning {
                    format!("{}: warning: {}", d.file, d.message)
                } else {
                    format!("{}: {}", d.file, d.message)
                }
            }
            (ErrorFormat::Gcc, Some(p)) => {
                let w = if d.warning { "warning: " } else { "" };
                format!(
                    "{}:{}:{}: {}{}",
                    d.file,
                    p.line + 1,
                    p.col + 1,
                    w,
                    d.message
                )
            }
            (ErrorFormat::Msvs, Some(p)) => {
                let w = if d.warning { "warning: " } else { "" };
                format!(
                    "{}({}) : {} in column={}: {}{}",
                    d.file,
                    p.line + 1,
                    kind,
                    p.col + 1,
                    w,
                    d.message
                )
            }
        }
    }
}

/// How many errors are kept for printing. protoc prints every error; a hostile file can
/// have millions, so past this many they are only counted (a listed difference from protoc).
pub const MAX_REPORTED_ERRORS: usize = 1000;

/// Collects diagnostics in the order they are reported.
#[derive(Debug, Default)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
    pub error_count: usize,
    /// Errors past `MAX_REPORTED_ERRORS`, counted but not kept.
    pub omitted_errors: usize,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        if !d.warning {
            self.error_count += 1;
            if self.error_count > MAX_REPORTED_ERRORS {
                self.omitted_errors += 1;
                return;
            }
        }
        self.items.push(d);
    }

    /// The line printed after the diagnostics when errors were left out.
    pub fn omitted_line(&self) -> Option<String> {
        (self.omitted_errors > 0).then(|| {
            format!(
                "protoc-rs: {} more errors not shown (at most {MAX_REPORTED_ERRORS} are printed).",
                self.omitted_errors
            )
        })
    }

    pub fn error(&mut self, file: &str, pos: Option<Pos>, message: impl Into<String>) {
        self.push(Diagnostic::error(file, pos, message));
    }

    pub fn warning(&mut self, file: &str, pos: Option<Pos>, message: impl Into<String>) {
        self.push(Diagnostic::warning(file, pos, message));
    }

    /// A logged line (see `Diagnostic::log`).
    pub fn log(&mut self, file: &str, message: impl Into<String>) {
        let mut d = Diagnostic::warning(file, None, message);
        d.log = true;
        self.push(d);
    }

    pub fn has_errors(&self) -> bool {
        self.error_count > 0
    }
}
