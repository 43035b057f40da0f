//! The text printer's output (text_format.cc `TextGenerator`: two spaces per level, written at
//! the start of each non-empty line) and its number formats (io/strtod.cc `SimpleDtoa`,
//! `SimpleFtoa`).

/// Text being printed, with its current indentation.
#[derive(Default)]
pub struct TextOut {
    pub buf: Vec<u8>,
    indent: usize,
}

impl TextOut {
    /// One `text` line at the current indentation.
    pub fn line(&mut self, text: &str) {
        self.indent_line();
        self.buf.extend_from_slice(text.as_bytes());
        self.buf.push(b'\n');
    }

    /// `NAME {` and one level deeper.
    pub fn open(&mut self, name: &str) {
        self.line(&format!("{name} {{"));
        self.indent += 1;
    }

    /// One level back, then `}`.
    pub fn close(&mut self) {
        self.indent = self.indent.saturating_sub(1);
        self.line("}");
    }

    fn indent_line(&mut self) {
        for _ in 0..self.indent {
            self.buf.extend_from_slice(b"  ");
        }
    }
}

pub use crate::float_text::{simple_dtoa, simple_ftoa};
