//! The tokenizer: a port of protoc's `io/tokenizer.cc` (`Tokenizer`).
//!
//! This module owns turning `.proto` bytes into tokens (identifier, integer, float, string,
//! symbol, end) with protoc's positions (0-based line, byte column, TAB to the next multiple
//! of 8, only `\n` ends a line), every tokenizer error with protoc's exact text and position,
//! comment skipping (with the `NextWithComments` control flow and optional comment collection,
//! for a later source-info pass), and the literal helpers `parse_integer`, `parse_float`,
//! `parse_string` and `c_escape`/`simple_dtoa` used by the parser.
//!
//! Tokens borrow their text from the source: no allocation per token.

use crate::descriptor::model::Pos;
use crate::diagnostics::Diagnostics;

/// `Tokenizer::TokenType` (whitespace, newline and URL-chars tokens are never requested by
/// the `.proto` parser, so they are not modelled).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenType {
    /// Before the first `next` call.
    Start,
    /// End of input.
    End,
    /// A letter or `_` followed by letters, digits and `_`.
    Identifier,
    /// A decimal, octal (`0` prefix) or hex (`0x`) integer.
    Integer,
    /// A number with a decimal point or exponent.
    Float,
    /// A quoted string, quotes and escapes included as written.
    String,
    /// Any other single byte.
    Symbol,
    /// A run of URL characters (letters, digits, `_-.~!$&()*+,;=%/`), only in the text
    /// format's URL mode (`set_report_url_chars`), between `[` and `]`.
    UrlChars,
}

/// One token. `text` borrows from the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    pub ty: TokenType,
    pub text: &'a [u8],
    pub line: u32,
    pub col: u32,
    /// Column just past the token (for source-info spans).
    pub end_col: u32,
}

impl<'a> Token<'a> {
    pub fn pos(&self) -> Pos {
        Pos::new(self.line, self.col)
    }

    /// The token text as a `String` (lossy for the rare non-UTF-8 string or symbol token).
    pub fn text_string(&self) -> String {
        match std::str::from_utf8(self.text) {
            Ok(s) => s.to_owned(),
            Err(_) => String::from_utf8_lossy(self.text).into_owned(),
        }
    }
}

const TAB_WIDTH: u32 = 8;

// Character classes of tokenizer.cc.
#[inline]
fn is_whitespace_no_newline(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\x0b' | b'\x0c' | b'\r')
}
#[inline]
fn is_unprintable(c: u8) -> bool {
    (1..b' ').contains(&c)
}
#[inline]
fn is_digit(c: u8) -> bool {
    c.is_ascii_digit()
}
#[inline]
fn is_octal_digit(c: u8) -> bool {
    (b'0'..=b'7').contains(&c)
}
#[inline]
fn is_hex_digit(c: u8) -> bool {
    c.is_ascii_hexdigit()
}
#[inline]
fn is_letter(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}
#[inline]
/// io/tokenizer.cc `kUrlChar`.
fn is_url_char(c: u8) -> bool {
    is_alphanumeric(c) || b"-.~!$&()*+,;=%/".contains(&c)
}

fn is_alphanumeric(c: u8) -> bool {
    is_letter(c) || is_digit(c)
}
#[inline]
fn is_escape(c: u8) -> bool {
    matches!(
        c,
        b'a' | b'b' | b'f' | b'n' | b'r' | b't' | b'v' | b'\\' | b'?' | b'\'' | b'"'
    )
}

/// `DigitValue`: 0-35 for digits and letters, 36 otherwise.
#[inline]
fn digit_value(c: u8) -> u32 {
    match c {
        b'0'..=b'9' => (c - b'0') as u32,
        b'a'..=b'z' => (c - b'a') as u32 + 10,
        b'A'..=b'Z' => (c - b'A') as u32 + 10,
        _ => 36,
    }
}

fn translate_escape(c: u8) -> u8 {
    match c {
        b'a' => 0x07,
        b'b' => 0x08,
        b'f' => 0x0c,
        b'n' => b'\n',
        b'r' => b'\r',
        b't' => b'\t',
        b'v' => 0x0b,
        b'\\' => b'\\',
        b'?' => b'?',
        b'\'' => b'\'',
        b'"' => b'"',
        _ => b'?',
    }
}

/// `Tokenizer::CommentStyle`: which comments the lexer skips.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommentStyle {
    /// `// line` and `/* block */` comments (`.proto` files, the default).
    Cpp,
    /// `# line` comments only; `/` is an ordinary symbol (text format).
    Sh,
}

enum CommentStart {
    Line,
    Block,
    SlashNotComment,
    None,
}

/// Comments gathered by [`Lexer::next_with_comments`] (`prev_trailing_comments`,
/// `detached_comments`, `next_leading_comments` of protoc).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Comments {
    pub prev_trailing: Vec<u8>,
    pub detached: Vec<Vec<u8>>,
    pub next_leading: Vec<u8>,
}

/// protoc's `CommentCollector`, working on an optional [`Comments`].
struct CommentCollector {
    buffer: Vec<u8>,
    num_comments: usize,
    has_trailing_comment: bool,
    has_comment: bool,
    is_line_comment: bool,
    can_attach_to_prev: bool,
}

impl CommentCollector {
    fn new() -> Self {
        CommentCollector {
            buffer: Vec::new(),
            num_comments: 0,
            has_trailing_comment: false,
            has_comment: false,
            is_line_comment: false,
            can_attach_to_prev: true,
        }
    }
    fn start_line_comment(&mut self, out: &mut Option<&mut Comments>) {
        if self.has_comment && !self.is_line_comment {
            self.flush(out);
        }
        self.has_comment = true;
        self.is_line_comment = true;
    }
    fn start_block_comment(&mut self, out: &mut Option<&mut Comments>) {
        if self.has_comment {
            self.flush(out);
        }
        self.has_comment = true;
        self.is_line_comment = false;
    }
    fn flush(&mut self, out: &mut Option<&mut Comments>) {
        if self.has_comment {
            if self.can_attach_to_prev {
                if let Some(c) = out.as_deref_mut() {
                    c.prev_trailing.extend_from_slice(&self.buffer);
                }
                self.has_trailing_comment = true;
                self.can_attach_to_prev = false;
            } else if let Some(c) = out.as_deref_mut() {
                c.detached.push(self.buffer.clone());
            }
            self.buffer.clear();
            self.has_comment = false;
            self.num_comments += 1;
        }
    }
    fn detach_from_prev(&mut self) {
        self.can_attach_to_prev = false;
    }
    fn maybe_detach_comment(&mut self, out: &mut Option<&mut Comments>) {
        let mut count = self.num_comments;
        if self.has_comment {
            count += 1;
        }
        if count == 1 {
            if self.has_trailing_comment
                && let Some(c) = out.as_deref_mut()
            {
                let trail = std::mem::take(&mut c.prev_trailing);
                c.detached.insert(0, trail);
            }
            self.flush(out);
        }
    }
    fn finish(self, out: &mut Option<&mut Comments>) {
        if self.has_comment
            && let Some(c) = out.as_deref_mut()
        {
            c.next_leading = self.buffer;
        }
    }
}

/// protoc's `Tokenizer` over an in-memory buffer. Errors go to `diags` as they happen, so they
/// interleave with the parser's errors exactly as protoc's do.
pub struct Lexer<'a, 'd> {
    src: &'a [u8],
    pos: usize,
    cur_char: u8,
    /// `read_error_`: the whole input has been consumed.
    at_eof: bool,
    line: u32,
    col: u32,
    current: Token<'a>,
    previous: Token<'a>,
    /// Where errors go (the file's diagnostics, or a private sink for aggregate values).
    pub diags: &'d mut Diagnostics,
    pub file: &'d str,
    /// Number of errors this lexer reported.
    pub error_count: usize,
    /// `comment_style_`.
    comment_style: CommentStyle,
    /// `allow_f_after_float_`: a decimal number may end in `f`/`F` (then it is a float).
    allow_f_after_float: bool,
    /// `report_url_chars_`: tokens are URL-character runs or single symbols.
    report_url_chars: bool,
}

impl<'a, 'd> Lexer<'a, 'd> {
    pub fn new(src: &'a [u8], file: &'d str, diags: &'d mut Diagnostics) -> Self {
        let start = Token {
            ty: TokenType::Start,
            text: &src[..0],
            line: 0,
            col: 0,
            end_col: 0,
        };
        let mut lx = Lexer {
            src,
            pos: 0,
            cur_char: 0,
            at_eof: false,
            line: 0,
            col: 0,
            current: start,
            previous: start,
            diags,
            file,
            error_count: 0,
            comment_style: CommentStyle::Cpp,
            allow_f_after_float: false,
            report_url_chars: false,
        };
        if src.is_empty() {
            lx.at_eof = true;
        } else {
            lx.cur_char = src[0];
        }
        lx
    }

    /// `set_comment_style`: [`CommentStyle::Sh`] for text format (protoc's
    /// `TextFormat::Parser`).
    pub fn set_comment_style(&mut self, style: CommentStyle) {
        self.comment_style = style;
    }

    /// `set_report_url_chars`: the text format's mode for the inside of `[...]` (io/tokenizer.cc
    /// `kUrlChar`): the next tokens read are URL-character runs or single symbols.
    pub fn set_report_url_chars(&mut self, report: bool) {
        self.report_url_chars = report;
    }

    /// `set_allow_f_after_float`: accept `1f`, `1.5f`, `1e3F` as float tokens (text format).
    pub fn set_allow_f_after_float(&mut self, allow: bool) {
        self.allow_f_after_float = allow;
    }

    #[inline]
    pub fn current(&self) -> &Token<'a> {
        &self.current
    }

    #[inline]
    pub fn previous(&self) -> &Token<'a> {
        &self.previous
    }

    /// Records an error at (line, col).
    pub fn error_at(&mut self, line: u32, col: u32, msg: &str) {
        self.error_count += 1;
        self.diags
            .error(self.file, Some(Pos::new(line, col)), msg.to_string());
    }

    /// `AddError`: an error at the current reading position.
    fn add_error(&mut self, msg: &str) {
        self.error_at(self.line, self.col, msg);
    }

    #[inline]
    fn next_char(&mut self) {
        match self.cur_char {
            b'\n' => {
                self.line += 1;
                self.col = 0;
            }
            b'\t' => self.col += TAB_WIDTH - self.col % TAB_WIDTH,
            _ => self.col += 1,
        }
        if self.at_eof {
            self.cur_char = 0;
            return;
        }
        self.pos += 1;
        if self.pos < self.src.len() {
            self.cur_char = self.src[self.pos];
        } else {
            self.pos = self.src.len();
            self.at_eof = true;
            self.cur_char = 0;
        }
    }

    /// `next_char` `n` times over bytes known to be in the source and neither newlines nor
    /// tabs (each moves one column): a run of them at once.
    #[inline]
    fn advance_plain(&mut self, n: usize) {
        debug_assert!(!self.at_eof && self.pos + n <= self.src.len());
        self.col += n as u32;
        self.pos += n;
        if self.pos < self.src.len() {
            self.cur_char = self.src[self.pos];
        } else {
            self.at_eof = true;
            self.cur_char = 0;
        }
    }

    /// How many bytes from the current one are in `class` (none at the end of input).
    #[inline]
    fn run_of(&self, class: fn(u8) -> bool) -> usize {
        if self.at_eof {
            return 0;
        }
        let rest = &self.src[self.pos..];
        rest.iter().position(|&c| !class(c)).unwrap_or(rest.len())
    }

    /// `consume_zero_or_more(is_whitespace)`, a run of spaces at a time.
    #[inline]
    fn skip_whitespace(&mut self) {
        loop {
            match self.cur_char {
                b'\n' | b'\t' => self.next_char(),
                b' ' | b'\x0b' | b'\x0c' | b'\r' => {
                    let n = self.run_of(|c| matches!(c, b' ' | b'\x0b' | b'\x0c' | b'\r'));
                    self.advance_plain(n);
                }
                _ => return,
            }
        }
    }

    #[inline]
    fn try_consume(&mut self, c: u8) -> bool {
        if self.cur_char == c {
            self.next_char();
            true
        } else {
            false
        }
    }

    #[inline]
    fn try_consume_one(&mut self, class: fn(u8) -> bool) -> bool {
        if class(self.cur_char) {
            self.next_char();
            true
        } else {
            false
        }
    }

    #[inline]
    fn consume_zero_or_more(&mut self, class: fn(u8) -> bool) {
        while class(self.cur_char) {
            self.next_char();
        }
    }

    fn consume_one_or_more(&mut self, class: fn(u8) -> bool, error: &str) {
        if !class(self.cur_char) {
            self.add_error(error);
        } else {
            loop {
                self.next_char();
                if !class(self.cur_char) {
                    break;
                }
            }
        }
    }

    fn consume_string(&mut self, delimiter: u8) {
        loop {
            match self.cur_char {
                0 => {
                    self.add_error("Unexpected end of string.");
                    return;
                }
                b'\n' => {
                    self.add_error("Multiline strings are not allowed. Did you miss a \"?.");
                    return;
                }
                b'\\' => {
                    self.next_char();
                    if self.try_consume_one(is_escape) || self.try_consume_one(is_octal_digit) {
                        // NB: protoc accepts one octal digit here; more are ordinary chars.
                    } else if self.try_consume(b'x') || self.try_consume(b'X') {
                        if !self.try_consume_one(is_hex_digit) {
                            self.add_error("Expected hex digits for escape sequence.");
                        }
                    } else if self.try_consume(b'u') {
                        if !self.try_consume_one(is_hex_digit)
                            || !self.try_consume_one(is_hex_digit)
                            || !self.try_consume_one(is_hex_digit)
                            || !self.try_consume_one(is_hex_digit)
                        {
                            self.add_error("Expected four hex digits for \\u escape sequence.");
                        }
                    } else if self.try_consume(b'U') {
                        if !self.try_consume(b'0')
                            || !self.try_consume(b'0')
                            || !(self.try_consume(b'0') || self.try_consume(b'1'))
                            || !self.try_consume_one(is_hex_digit)
                            || !self.try_consume_one(is_hex_digit)
                            || !self.try_consume_one(is_hex_digit)
                            || !self.try_consume_one(is_hex_digit)
                            || !self.try_consume_one(is_hex_digit)
                        {
                            self.add_error(
                                "Expected eight hex digits up to 10ffff for \\U escape sequence",
                            );
                        }
                    } else {
                        self.add_error("Invalid escape sequence in string literal.");
                    }
                }
                // A run of plain characters at once (a tab moves the column its own way).
                c if c != delimiter && c != b'\t' => {
                    let rest = &self.src[self.pos..];
                    let n = rest
                        .iter()
                        .position(|&b| matches!(b, 0 | b'\n' | b'\\' | b'\t') || b == delimiter)
                        .unwrap_or(rest.len());
                    self.advance_plain(n);
                }
                c => {
                    self.next_char();
                    if c == delimiter {
                        return;
                    }
                }
            }
        }
    }

    fn consume_number(&mut self, started_with_zero: bool, started_with_dot: bool) -> TokenType {
        let mut is_float = false;
        if started_with_zero && (self.try_consume(b'x') || self.try_consume(b'X')) {
            self.consume_one_or_more(is_hex_digit, "\"0x\" must be followed by hex digits.");
        } else if started_with_zero && is_digit(self.cur_char) {
            self.consume_zero_or_more(is_octal_digit);
            if is_digit(self.cur_char) {
                self.add_error("Numbers starting with leading zero must be in octal.");
                self.consume_zero_or_more(is_digit);
            }
        } else {
            if started_with_dot {
                is_float = true;
                self.consume_zero_or_more(is_digit);
            } else {
                self.consume_zero_or_more(is_digit);
                if self.try_consume(b'.') {
                    is_float = true;
                    self.consume_zero_or_more(is_digit);
                }
            }
            if self.try_consume(b'e') || self.try_consume(b'E') {
                is_float = true;
                let _ = self.try_consume(b'-') || self.try_consume(b'+');
                self.consume_one_or_more(is_digit, "\"e\" must be followed by exponent.");
            }
            // NB: false for .proto files, true for text format.
            if self.allow_f_after_float && (self.try_consume(b'f') || self.try_consume(b'F')) {
                is_float = true;
            }
        }
        if is_letter(self.cur_char) {
            self.add_error("Need space between number and identifier.");
        } else if self.cur_char == b'.' {
            if is_float {
                self.add_error("Already saw decimal point or exponent; can't have another one.");
            } else {
                self.add_error("Hex and octal numbers must be integers.");
            }
        }
        if is_float {
            TokenType::Float
        } else {
            TokenType::Integer
        }
    }

    fn consume_symbol(&mut self) {
        if self.cur_char & 0x80 != 0 {
            let msg = format!("Interpreting non ascii codepoint {}.", self.cur_char);
            self.error_at(self.line, self.col, &msg);
        }
        self.next_char();
    }

    /// Appends `src[start..self.pos]` to `content` if recording.
    fn record(&self, content: &mut Option<&mut Vec<u8>>, start: usize) {
        if let Some(c) = content.as_deref_mut()
            && start < self.pos
        {
            // A comment of several lines grows line by line: start with room for a few.
            if c.capacity() == 0 {
                c.reserve(256);
            }
            c.extend_from_slice(&self.src[start..self.pos]);
        }
    }

    fn consume_line_comment(&mut self, mut content: Option<&mut Vec<u8>>) {
        let start = self.pos;
        // Fast path: a comment ending in a newline leaves the column at 0 whatever it holds.
        if !self.at_eof
            && let Some(k) = memchr::memchr2(b'\n', 0, &self.src[self.pos..])
            && self.src[self.pos + k] == b'\n'
        {
            self.pos += k;
            self.cur_char = b'\n';
        }
        while self.cur_char != 0 && self.cur_char != b'\n' {
            self.next_char();
        }
        self.try_consume(b'\n');
        self.record(&mut content, start);
    }

    fn consume_block_comment(&mut self, mut content: Option<&mut Vec<u8>>) {
        let start_line = self.line;
        let start_col = self.col.saturating_sub(2);
        let mut rec_start = self.pos;
        loop {
            while self.cur_char != 0
                && self.cur_char != b'*'
                && self.cur_char != b'/'
                && self.cur_char != b'\n'
            {
                self.next_char();
            }
            if self.try_consume(b'\n') {
                self.record(&mut content, rec_start);
                self.consume_zero_or_more(is_whitespace_no_newline);
                if self.try_consume(b'*') && self.try_consume(b'/') {
                    break;
                }
                rec_start = self.pos;
            } else if self.try_consume(b'*') && self.try_consume(b'/') {
                if let Some(c) = content.as_deref_mut() {
                    // Record without the closing "*/".
                    let end = self.pos.saturating_sub(2).max(rec_start);
                    c.extend_from_slice(&self.src[rec_start..end]);
                }
                break;
            } else if self.try_consume(b'/') && self.cur_char == b'*' {
                self.add_error("\"/*\" inside block comment.  Block comments cannot be nested.");
            } else if self.cur_char == 0 {
                self.add_error("End-of-file inside block comment.");
                self.error_at(start_line, start_col, "  Comment started here.");
                self.record(&mut content, rec_start);
                break;
            }
        }
    }

    fn try_consume_comment_start(&mut self) -> CommentStart {
        if self.comment_style == CommentStyle::Sh {
            return if self.try_consume(b'#') {
                CommentStart::Line
            } else {
                CommentStart::None
            };
        }
        if self.try_consume(b'/') {
            if self.try_consume(b'/') {
                CommentStart::Line
            } else if self.try_consume(b'*') {
                CommentStart::Block
            } else {
                let p = self.pos.saturating_sub(1);
                self.current = Token {
                    ty: TokenType::Symbol,
                    text: &self.src[p..p + 1],
                    line: self.line,
                    col: self.col.saturating_sub(1),
                    end_col: self.col,
                };
                CommentStart::SlashNotComment
            }
        } else {
            CommentStart::None
        }
    }

    /// `Tokenizer::Next`: reads the next token, skipping whitespace and comments. Returns
    /// false at the end of input.
    pub fn next_token(&mut self) -> bool {
        self.previous = self.current;
        while !self.at_eof {
            self.skip_whitespace();
            match self.try_consume_comment_start() {
                CommentStart::Line => {
                    self.consume_line_comment(None);
                    continue;
                }
                CommentStart::Block => {
                    self.consume_block_comment(None);
                    continue;
                }
                CommentStart::SlashNotComment => return true,
                CommentStart::None => {}
            }
            if self.at_eof {
                break;
            }
            if is_unprintable(self.cur_char) || self.cur_char == 0 {
                self.add_error("Invalid control characters encountered in text.");
                self.next_char();
                // NB: protoc skips a whole run of control characters and NULs at once.
                while self.try_consume_one(is_unprintable) || (!self.at_eof && self.try_consume(0))
                {
                }
            } else {
                let start = self.pos;
                let line = self.line;
                let col = self.col;
                let ty;
                if self.report_url_chars {
                    if self.try_consume_one(is_url_char) {
                        self.consume_zero_or_more(is_url_char);
                        ty = TokenType::UrlChars;
                    } else {
                        self.consume_symbol();
                        ty = TokenType::Symbol;
                    }
                } else if self.try_consume_one(is_letter) {
                    let n = self.run_of(is_alphanumeric);
                    if n > 0 {
                        self.advance_plain(n);
                    }
                    ty = TokenType::Identifier;
                } else if self.try_consume(b'0') {
                    ty = self.consume_number(true, false);
                } else if self.try_consume(b'.') {
                    if self.try_consume_one(is_digit) {
                        if self.previous.ty == TokenType::Identifier
                            && line == self.previous.line
                            && col == self.previous.end_col
                        {
                            self.error_at(
                                self.line,
                                self.col.saturating_sub(2),
                                "Need space between identifier and decimal point.",
                            );
                        }
                        ty = self.consume_number(false, true);
                    } else {
                        ty = TokenType::Symbol;
                    }
                } else if self.try_consume_one(is_digit) {
                    ty = self.consume_number(false, false);
                } else if self.try_consume(b'"') {
                    self.consume_string(b'"');
                    ty = TokenType::String;
                } else if self.try_consume(b'\'') {
                    self.consume_string(b'\'');
                    ty = TokenType::String;
                } else {
                    self.consume_symbol();
                    ty = TokenType::Symbol;
                }
                self.current = Token {
                    ty,
                    text: &self.src[start..self.pos],
                    line,
                    col,
                    end_col: self.col,
                };
                return true;
            }
        }
        self.current = Token {
            ty: TokenType::End,
            text: &self.src[self.src.len()..],
            line: self.line,
            col: self.col,
            end_col: self.col,
        };
        false
    }

    /// `Tokenizer::NextWithComments`: like [`Lexer::next_token`], but sorts the comments it skips
    /// into trailing / detached / leading as protoc does, when `out` is given. The parser
    /// calls this exactly where protoc's does, so source info can later pass `Some`.
    pub fn next_with_comments(&mut self, mut out: Option<&mut Comments>) -> bool {
        if let Some(c) = out.as_deref_mut() {
            c.prev_trailing.clear();
            c.detached.clear();
            c.next_leading.clear();
        }
        let mut collector = CommentCollector::new();
        let mut prev_line: i64 = self.line as i64;
        let mut trailing_comment_end_line: i64 = -1;
        let want = out.is_some();

        macro_rules! buf {
            () => {
                if want {
                    Some(&mut collector.buffer)
                } else {
                    None
                }
            };
        }

        if self.current.ty == TokenType::Start {
            // NB: protoc skips a UTF-8 BOM; its three bytes still advance the column.
            if self.try_consume(0xEF) && (!self.try_consume(0xBB) || !self.try_consume(0xBF)) {
                self.add_error(
                    "Proto file starts with 0xEF but not UTF-8 BOM. Only UTF-8 is accepted for proto file.",
                );
                return false;
            }
            collector.detach_from_prev();
            prev_line = -1;
        } else {
            self.consume_zero_or_more(is_whitespace_no_newline);
            match self.try_consume_comment_start() {
                CommentStart::Line => {
                    trailing_comment_end_line = self.line as i64;
                    collector.start_line_comment(&mut out);
                    self.consume_line_comment(buf!());
                    collector.flush(&mut out);
                }
                CommentStart::Block => {
                    collector.start_block_comment(&mut out);
                    self.consume_block_comment(buf!());
                    trailing_comment_end_line = self.line as i64;
                    self.consume_zero_or_more(is_whitespace_no_newline);
                    collector.flush(&mut out);
                }
                // NB: protoc leaves `previous` untouched on this path.
                CommentStart::SlashNotComment => return true,
                CommentStart::None => {
                    if !self.try_consume(b'\n') {
                        let r = self.next_token();
                        collector.finish(&mut out);
                        return r;
                    }
                }
            }
        }

        loop {
            self.consume_zero_or_more(is_whitespace_no_newline);
            match self.try_consume_comment_start() {
                CommentStart::Line => {
                    collector.start_line_comment(&mut out);
                    self.consume_line_comment(buf!());
                }
                CommentStart::Block => {
                    collector.start_block_comment(&mut out);
                    self.consume_block_comment(buf!());
                    self.consume_zero_or_more(is_whitespace_no_newline);
                    self.try_consume(b'\n');
                }
                CommentStart::SlashNotComment => {
                    collector.finish(&mut out);
                    return true;
                }
                CommentStart::None => {
                    if self.try_consume(b'\n') {
                        collector.flush(&mut out);
                        collector.detach_from_prev();
                    } else {
                        let result = self.next_token();
                        let t = self.current.text;
                        if !result || t == b"}" || t == b"]" || t == b")" {
                            collector.flush(&mut out);
                        }
                        if result
                            && (prev_line == self.line as i64
                                || trailing_comment_end_line == self.line as i64)
                        {
                            collector.maybe_detach_comment(&mut out);
                        }
                        collector.finish(&mut out);
                        return result;
                    }
                }
            }
        }
    }
}

/// `Tokenizer::ParseInteger`: parses an integer token (decimal, `0` octal, `0x` hex) no
/// greater than `max_value`. `None` if out of range or malformed.
pub fn parse_integer(text: &[u8], max_value: u64) -> Option<u64> {
    let at = |i: usize| -> u8 { text.get(i).copied().unwrap_or(0) };
    let mut i = 0usize;
    let mut base: u64 = 10;
    if at(0) == b'0' {
        if at(1) == b'x' || at(1) == b'X' {
            base = 16;
            i = 2;
        } else {
            base = 8;
        }
    }
    let overflow_if_mul_base = u64::MAX / base + 1;
    let mut result: u64 = 0;
    // Skip leading zeros.
    while i < text.len() {
        let digit = digit_value(text[i]) as u64;
        i += 1;
        if digit >= base {
            return None;
        }
        if digit != 0 {
            result = digit;
            break;
        }
    }
    while i < text.len() {
        let digit = digit_value(text[i]) as u64;
        if digit >= base {
            return None;
        }
        if result >= overflow_if_mul_base {
            return None;
        }
        result = result.wrapping_mul(base).wrapping_add(digit);
        if result < base {
            return None;
        }
        i += 1;
    }
    if result > max_value {
        return None;
    }
    Some(result)
}

/// `Tokenizer::TryParseFloat`: the value of a float (or large integer) token, and whether the
/// whole text was a valid number. Overflow gives infinity, as `strtod`.
pub fn try_parse_float(text: &[u8]) -> (f64, bool) {
    // strtod prefix: digits [. digits] [(e|E) [sign] digits]
    let n = text.len();
    let mut i = 0;
    while i < n && text[i].is_ascii_digit() {
        i += 1;
    }
    let mut mantissa_digits = i;
    if i < n && text[i] == b'.' {
        i += 1;
        let frac_start = i;
        while i < n && text[i].is_ascii_digit() {
            i += 1;
        }
        mantissa_digits += i - frac_start;
    }
    let mut num_end = i;
    if mantissa_digits == 0 {
        // strtod parses nothing.
        return (0.0, false);
    }
    if i < n && (text[i] == b'e' || text[i] == b'E') {
        let mut j = i + 1;
        if j < n && (text[j] == b'-' || text[j] == b'+') {
            j += 1;
        }
        let ds = j;
        while j < n && text[j].is_ascii_digit() {
            j += 1;
        }
        if j > ds {
            num_end = j;
        }
    }
    let s = std::str::from_utf8(&text[..num_end]).unwrap_or("0");
    let value: f64 = s.parse().unwrap_or(0.0);
    // NB: protoc then skips a dangling exponent marker and sign, and an `f` suffix.
    let mut end = num_end;
    if end < n && (text[end] == b'e' || text[end] == b'E') {
        end += 1;
        if end < n && (text[end] == b'-' || text[end] == b'+') {
            end += 1;
        }
    }
    if end < n && (text[end] == b'f' || text[end] == b'F') {
        end += 1;
    }
    (value, end == n && text.first() != Some(&b'-'))
}

/// `Tokenizer::ParseFloat`.
pub fn parse_float(text: &[u8]) -> f64 {
    try_parse_float(text).0
}

fn append_utf8(code_point: u32, out: &mut Vec<u8>) {
    if code_point <= 0x7f {
        out.push(code_point as u8);
    } else if code_point <= 0x7ff {
        out.push(0xc0 | (code_point >> 6) as u8);
        out.push(0x80 | (code_point & 0x3f) as u8);
    } else if code_point <= 0xffff {
        out.push(0xe0 | (code_point >> 12) as u8);
        out.push(0x80 | ((code_point >> 6) & 0x3f) as u8);
        out.push(0x80 | (code_point & 0x3f) as u8);
    } else if code_point <= 0x10ffff {
        out.push(0xf0 | (code_point >> 18) as u8);
        out.push(0x80 | ((code_point >> 12) & 0x3f) as u8);
        out.push(0x80 | ((code_point >> 6) & 0x3f) as u8);
        out.push(0x80 | (code_point & 0x3f) as u8);
    } else {
        out.extend_from_slice(format!("\\U{code_point:08x}").as_bytes());
    }
}

/// `ReadHexDigits`: no validation beyond stopping at the end (as protoc).
fn read_hex_digits(text: &[u8], at: usize, len: usize) -> Option<u32> {
    if len == 0 {
        return None;
    }
    let mut r: u32 = 0;
    for k in 0..len {
        let c = *text.get(at + k)?;
        r = (r << 4).wrapping_add(digit_value(c));
    }
    Some(r)
}

/// `FetchUnicodePoint`: `i` indexes the `u`/`U`; returns the code point and the index just
/// past the escape (including a trailing surrogate), or `None`.
fn fetch_unicode_point(text: &[u8], i: usize) -> Option<(u32, usize)> {
    let len = match text[i] {
        b'u' => 4,
        b'U' => 8,
        _ => 0,
    };
    let mut p = i + 1;
    let mut cp = read_hex_digits(text, p, len)?;
    p += len;
    if (0xd800..0xdc00).contains(&cp)
        && text.get(p) == Some(&b'\\')
        && text.get(p + 1) == Some(&b'u')
        && let Some(trail) = read_hex_digits(text, p + 2, 4)
        && (0xdc00..0xe000).contains(&trail)
    {
        cp = 0x10000 + (((cp - 0xd800) << 10) | (trail - 0xdc00));
        p += 6;
    }
    Some((cp, p))
}

/// `Tokenizer::ParseStringAppend`: decodes a string token (quotes included) onto `out`.
pub fn parse_string_append(text: &[u8], out: &mut Vec<u8>) {
    let Some(&delim) = text.first() else {
        return;
    };
    let at = |i: usize| -> u8 { text.get(i).copied().unwrap_or(0) };
    out.reserve(text.len());
    let mut i = 1;
    while i < text.len() {
        // The bytes up to the next backslash are copied as they are, but for the closing quote.
        let run_end = memchr::memchr(b'\\', &text[i..]).map_or(text.len(), |k| i + k);
        if run_end > i {
            let closing = run_end == text.len() && text[run_end - 1] == delim;
            out.extend_from_slice(&text[i..run_end - usize::from(closing)]);
            i = run_end;
            continue;
        }
        let c = text[i];
        if c == b'\\' && at(i + 1) != 0 {
            i += 1;
            let c = text[i];
            if is_octal_digit(c) {
                let mut code = digit_value(c);
                if is_octal_digit(at(i + 1)) {
                    i += 1;
                    code = code * 8 + digit_value(text[i]);
                }
                if is_octal_digit(at(i + 1)) {
                    i += 1;
                    code = code * 8 + digit_value(text[i]);
                }
                out.push(code as u8);
            } else if c == b'x' || c == b'X' {
                let mut code = 0;
                if is_hex_digit(at(i + 1)) {
                    i += 1;
                    code = digit_value(text[i]);
                }
                if is_hex_digit(at(i + 1)) {
                    i += 1;
                    code = code * 16 + digit_value(text[i]);
                }
                out.push(code as u8);
            } else if c == b'u' || c == b'U' {
                match fetch_unicode_point(text, i) {
                    None => out.push(c),
                    Some((cp, end)) => {
                        append_utf8(cp, out);
                        i = end - 1;
                    }
                }
            } else {
                out.push(translate_escape(c));
            }
        } else if c == delim && i + 1 == text.len() {
            // The closing quote.
        } else {
            out.push(c);
        }
        i += 1;
    }
}

/// `Tokenizer::ParseString`.
pub fn parse_string(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    parse_string_append(text, &mut out);
    out
}

/// `Tokenizer::IsIdentifier`.
pub fn is_identifier(text: &[u8]) -> bool {
    match text.split_first() {
        Some((&c, rest)) => is_letter(c) && rest.iter().all(|&c| is_alphanumeric(c)),
        None => false,
    }
}

pub use crate::escape::c_escape;

pub use crate::float_text::simple_dtoa;
