//! Where the CLI prints: stdout for help and version, stderr for everything else. Its own
//! module so that the CLI's layers can print without importing the CLI's entry point.

use std::io::Write;

/// The two streams of one run.
pub struct Console<'a> {
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
}

impl Console<'_> {
    /// One line on stderr. Write failures are ignored, as protoc ignores them.
    pub fn err_line(&mut self, line: &str) {
        let _ = writeln!(self.err, "{line}");
    }

    /// NB: a line protoc logs through absl at ERROR level (`source` is `file.cc:LINE`), after
    /// absl's banner as grpcio-tools' protoc prints them. protoc's lines carry a time stamp and a
    /// thread id (so are never byte-identical); protoc-rs prints zeros there.
    pub fn absl_errors(&mut self, lines: &[(String, String)]) {
        self.err_line(
            "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR",
        );
        for (source, message) in lines {
            self.err_line(&format!("E0000 00:00:0.000000       0 {source}] {message}"));
        }
    }

    pub fn out_str(&mut self, text: &str) {
        let _ = self.out.write_all(text.as_bytes());
        let _ = self.out.flush();
    }
}
