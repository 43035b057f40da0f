//! Diagnostics: errors and warnings with protoc's positions, rendered in protoc's gcc or msvs
//! format (`file:line:col: message` or `file(line) : error in column=col: message`, as
//! `command_line_interface.cc`'s `ErrorPrinter`), or in protoc-rs's formats for machines:
//! `json` (one object per line) and `github` (GitHub Actions workflow commands).

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
    /// A warning `--fatal_warnings` does not count (protoc 36.2's generic-services warning).
    pub non_fatal: bool,
}

impl Diagnostic {
    pub fn error(file: &str, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_string(),
            pos,
            message: message.into(),
            warning: false,
            log: false,
            non_fatal: false,
        }
    }

    pub fn warning(file: &str, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_string(),
            pos,
            message: message.into(),
            warning: true,
            log: false,
            non_fatal: false,
        }
    }
}

/// `--error_format`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ErrorFormat {
    #[default]
    Gcc,
    Msvs,
    /// protoc-rs's own: `{"file":F,"line":L,"column":C,"severity":S,"message":M}` per line;
    /// `line` and `column` (1-based, as gcc's) are left out when there is no position.
    Json,
    /// protoc-rs's own: `::error file=F,line=L,col=C::MESSAGE` (or `::warning`), GitHub
    /// Actions' workflow-command annotations; `line` and `col` are left out without a position.
    Github,
}

impl ErrorFormat {
    /// `--error_format=VALUE`: protoc's `gcc` and `msvs`, and protoc-rs's `json` and `github`.
    pub fn parse(value: &str) -> Option<ErrorFormat> {
        match value {
            "gcc" => Some(ErrorFormat::Gcc),
            "msvs" => Some(ErrorFormat::Msvs),
            "json" => Some(ErrorFormat::Json),
            "github" => Some(ErrorFormat::Github),
            _ => None,
        }
    }
}

impl ErrorFormat {
    /// One line, without the trailing newline.
    pub fn render(self, d: &Diagnostic) -> String {
        match self {
            ErrorFormat::Json => return render_json(d),
            ErrorFormat::Github => return render_github(d),
            ErrorFormat::Gcc | ErrorFormat::Msvs => {}
        }
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
                    p.col() + 1,
                    w,
                    d.message
                )
            }
            (_, Some(p)) => {
                let w = if d.warning { "warning: " } else { "" };
                format!(
                    "{}({}) : {} in column={}: {}{}",
                    d.file,
                    p.line + 1,
                    kind,
                    p.col() + 1,
                    w,
                    d.message
                )
            }
        }
    }
}

/// One JSON object. A logged line (protoc's absl warning) is a warning without a position.
fn render_json(d: &Diagnostic) -> String {
    let mut s = String::from("{\"file\":");
    json_string(&mut s, &d.file);
    if let Some(p) = d.pos {
        s.push_str(&format!(
            ",\"line\":{},\"column\":{}",
            p.line + 1,
            p.col() + 1
        ));
    }
    s.push_str(if d.warning {
        ",\"severity\":\"warning\""
    } else {
        ",\"severity\":\"error\""
    });
    s.push_str(",\"message\":");
    json_string(&mut s, &d.message);
    s.push('}');
    s
}

/// `text` as a JSON string (RFC 8259: quote, backslash and control characters escaped).
fn json_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// One GitHub Actions annotation. A logged line is a warning without a position.
fn render_github(d: &Diagnostic) -> String {
    let command = if d.warning { "warning" } else { "error" };
    let mut s = format!("::{command} file={}", github_property(&d.file));
    if let Some(p) = d.pos {
        s.push_str(&format!(",line={},col={}", p.line + 1, p.col() + 1));
    }
    s.push_str("::");
    s.push_str(&github_data(&d.message));
    s
}

/// A workflow command's message (the runner's `escapeData`).
fn github_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value (the runner's `escapeProperty`).
fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
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

    /// Appends `other`'s diagnostics (collected apart, e.g. on another thread) as if they
    /// had been reported here now, under this sink's error cap.
    pub fn append(&mut self, other: Diagnostics) {
        for d in other.items {
            self.push(d);
        }
        self.error_count += other.omitted_errors;
        self.omitted_errors += other.omitted_errors;
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

    /// A warning `--fatal_warnings` does not count (see `Diagnostic::non_fatal`).
    pub fn non_fatal_warning(&mut self, file: &str, message: impl Into<String>) {
        let mut d = Diagnostic::warning(file, None, message);
        d.non_fatal = true;
        self.push(d);
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

    /// Where the diagnostics stand now, for [`Self::rewind`].
    pub fn mark(&self) -> Mark {
        Mark {
            items: self.items.len(),
            error_count: self.error_count,
            omitted_errors: self.omitted_errors,
        }
    }

    /// Forgets everything reported since `mark` was taken.
    pub fn rewind(&mut self, mark: Mark) {
        self.items.truncate(mark.items);
        self.error_count = mark.error_count;
        self.omitted_errors = mark.omitted_errors;
    }

    /// Inserts warnings found apart where they would have been reported: each `(at, found)`
    /// goes before the item that was at index `at` (after everything when `at` is the end),
    /// `at` non-decreasing, in the order given where several share one place.
    pub fn splice_warnings(&mut self, found: impl IntoIterator<Item = (usize, Vec<Diagnostic>)>) {
        let old = std::mem::take(&mut self.items);
        let mut items = Vec::with_capacity(old.len());
        let mut old = old.into_iter();
        let mut taken = 0;
        for (at, warnings) in found {
            debug_assert!(warnings.iter().all(|d| d.warning));
            while taken < at {
                let Some(d) = old.next() else { break };
                items.push(d);
                taken += 1;
            }
            items.extend(warnings);
        }
        items.extend(old);
        self.items = items;
    }
}

/// A place in [`Diagnostics`] to rewind to.
#[derive(Clone, Copy, Debug)]
pub struct Mark {
    items: usize,
    error_count: usize,
    omitted_errors: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: u32, col: u32) -> Option<Pos> {
        Some(Pos::new(line, col))
    }

    #[test]
    fn warnings_found_apart_go_where_they_would_have_been_reported() {
        let w = |m: &str| Diagnostic::warning("a.proto", None, m);
        let mut d = Diagnostics::default();
        d.push(w("a"));
        d.push(w("b"));
        d.push(w("c"));
        d.splice_warnings([
            (0, vec![w("0")]),
            (2, vec![w("2x"), w("2y")]),
            (2, vec![w("2z")]),
            (3, vec![w("end")]),
        ]);
        let order: Vec<&str> = d.items.iter().map(|i| i.message.as_str()).collect();
        assert_eq!(order, ["0", "a", "b", "2x", "2y", "2z", "c", "end"]);
    }

    #[test]
    fn rewinding_forgets_what_came_after_the_mark() {
        let mut d = Diagnostics::default();
        d.warning("a.proto", None, "kept");
        let mark = d.mark();
        for _ in 0..MAX_REPORTED_ERRORS + 5 {
            d.error("a.proto", None, "gone");
        }
        d.rewind(mark);
        assert_eq!((d.items.len(), d.error_count, d.omitted_errors), (1, 0, 0));
        assert_eq!(d.items[0].message, "kept");
    }

    #[test]
    fn json_objects() {
        let e = Diagnostic::error("p/a b.proto", at(2, 17), "\"Foo\" is not defined.");
        assert_eq!(
            ErrorFormat::Json.render(&e),
            r#"{"file":"p/a b.proto","line":3,"column":18,"severity":"error","message":"\"Foo\" is not defined."}"#
        );
        let w = Diagnostic::warning("x.proto", None, "back\\slash\ttab\nnl\u{1}é");
        assert_eq!(
            ErrorFormat::Json.render(&w),
            r#"{"file":"x.proto","severity":"warning","message":"back\\slash\ttab\nnl\u0001é"}"#
        );
    }

    #[test]
    fn github_annotations() {
        let e = Diagnostic::error("dir,x/a:b.proto", at(0, 0), "100% \"bad\"\r\nnext: a, b");
        assert_eq!(
            ErrorFormat::Github.render(&e),
            "::error file=dir%2Cx/a%3Ab.proto,line=1,col=1::100%25 \"bad\"%0D%0Anext: a, b"
        );
        let w = Diagnostic::warning("x.proto", None, "File not found.");
        assert_eq!(
            ErrorFormat::Github.render(&w),
            "::warning file=x.proto::File not found."
        );
    }

    #[test]
    fn log_lines_are_warnings_without_position() {
        let mut d = Diagnostics::default();
        d.log("a.proto", "No edition or syntax specified");
        let l = &d.items[0];
        assert_eq!(
            ErrorFormat::Json.render(l),
            r#"{"file":"a.proto","severity":"warning","message":"No edition or syntax specified"}"#
        );
        assert_eq!(
            ErrorFormat::Github.render(l),
            "::warning file=a.proto::No edition or syntax specified"
        );
        assert_eq!(
            ErrorFormat::Gcc.render(l),
            "W parser.cc:659] No edition or syntax specified"
        );
    }

    #[test]
    fn formats_by_name() {
        for (name, f) in [
            ("gcc", ErrorFormat::Gcc),
            ("msvs", ErrorFormat::Msvs),
            ("json", ErrorFormat::Json),
            ("github", ErrorFormat::Github),
        ] {
            assert_eq!(ErrorFormat::parse(name), Some(f));
        }
        assert_eq!(ErrorFormat::parse("GCC"), None);
    }
}
