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

    pub fn out_str(&mut self, text: &str) {
        let _ = self.out.write_all(text.as_bytes());
        let _ = self.out.flush();
    }
}
