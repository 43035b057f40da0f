//! The `GeneratedCodeInfo.Annotation` model `metadata` works on, and `GeneratedCodeInfo` in
//! text format, the form plugins write their own `NAME.pb.meta` in
//! (file contents in the plugin protocol are text): read as protobuf's `TextFormat::Parser`
//! reads it (tokens from the compiler's lexer in text-format mode; an unknown field fails the
//! whole parse) and printed as `TextFormat::PrintToString` prints it, for `metadata`.

use crate::compiler::syntax::lexer::{CommentStyle, Lexer, TokenType, parse_integer, parse_string};
use crate::diagnostics::Diagnostics;

/// `GeneratedCodeInfo.Annotation`, with whatever it carries beyond the known fields.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Annotation {
    pub path: Vec<i32>,
    pub source_file: Option<Vec<u8>>,
    pub begin: i32,
    pub end: i32,
    pub semantic: Option<u64>,
    /// Fields of other numbers, as read (wire format only).
    pub unknown: Vec<u8>,
}

/// `GeneratedCodeInfo.Annotation.Semantic` names.
const SEMANTICS: &[&str] = &["NONE", "SET", "ALIAS"];

/// The annotations of a text-format `GeneratedCodeInfo`, or `None` if it does not parse.
pub fn parse(src: &[u8]) -> Option<Vec<Annotation>> {
    let mut diags = Diagnostics::default();
    let out = Parser {
        lx: Lexer::new(src, "pb.meta", &mut diags),
    }
    .annotations()?;
    // A malformed token (an unterminated string) is reported, not returned.
    (!diags.has_errors()).then_some(out)
}

/// As `TextFormat::PrintToString`: known fields in number order, two-space indents.
pub fn print(annotations: &[Annotation]) -> Vec<u8> {
    let mut s = String::new();
    for a in annotations {
        s.push_str("annotation {\n");
        for p in &a.path {
            s.push_str(&format!("  path: {p}\n"));
        }
        if let Some(f) = &a.source_file {
            s.push_str(&format!(
                "  source_file: \"{}\"\n",
                crate::escape::c_escape(f)
            ));
        }
        s.push_str(&format!("  begin: {}\n  end: {}\n", a.begin, a.end));
        if let Some(v) = a.semantic {
            match SEMANTICS.get(v as usize) {
                Some(name) => s.push_str(&format!("  semantic: {name}\n")),
                None => s.push_str(&format!("  semantic: {v}\n")),
            }
        }
        s.push_str("}\n");
    }
    s.into_bytes()
}

struct Parser<'a, 'd> {
    lx: Lexer<'a, 'd>,
}

impl Parser<'_, '_> {
    fn annotations(mut self) -> Option<Vec<Annotation>> {
        self.lx.set_comment_style(CommentStyle::Sh);
        self.lx.next_token();
        let mut out = Vec::new();
        while self.lx.current().ty != TokenType::End {
            self.expect_name("annotation")?;
            self.accept(b":");
            let close: &[u8] = if self.accept(b"{") {
                b"}"
            } else if self.accept(b"<") {
                b">"
            } else {
                return None;
            };
            out.push(self.annotation(close)?);
            self.separator();
        }
        Some(out)
    }

    fn accept(&mut self, symbol: &[u8]) -> bool {
        let t = self.lx.current();
        if t.ty == TokenType::Symbol && t.text == symbol {
            self.lx.next_token();
            return true;
        }
        false
    }

    fn expect_name(&mut self, name: &str) -> Option<()> {
        let t = self.lx.current();
        (t.ty == TokenType::Identifier && t.text == name.as_bytes()).then_some(())?;
        self.lx.next_token();
        Some(())
    }

    fn identifier(&mut self) -> Option<String> {
        let t = *self.lx.current();
        (t.ty == TokenType::Identifier).then_some(())?;
        self.lx.next_token();
        Some(t.text_string())
    }

    /// An optional `,` or `;` after a field.
    fn separator(&mut self) {
        if !self.accept(b",") {
            self.accept(b";");
        }
    }

    fn annotation(&mut self, close: &[u8]) -> Option<Annotation> {
        let mut a = Annotation::default();
        while !self.accept(close) {
            let field = self.identifier()?;
            match field.as_str() {
                "path" => {
                    self.accept(b":");
                    if self.accept(b"[") {
                        let mut first = true;
                        while !self.accept(b"]") {
                            if !first && !self.accept(b",") {
                                return None;
                            }
                            first = false;
                            a.path.push(self.int32()?);
                        }
                    } else {
                        a.path.push(self.int32()?);
                    }
                }
                "source_file" => {
                    self.accept(b":").then_some(())?;
                    let mut bytes = Vec::new();
                    // Adjacent strings are one value.
                    while self.lx.current().ty == TokenType::String {
                        bytes.extend(parse_string(self.lx.current().text));
                        self.lx.next_token();
                    }
                    a.source_file = Some(bytes);
                }
                "begin" => {
                    self.accept(b":").then_some(())?;
                    a.begin = self.int32()?;
                }
                "end" => {
                    self.accept(b":").then_some(())?;
                    a.end = self.int32()?;
                }
                "semantic" => {
                    self.accept(b":").then_some(())?;
                    let t = *self.lx.current();
                    let v = if t.ty == TokenType::Identifier {
                        SEMANTICS.iter().position(|n| n.as_bytes() == t.text)? as u64
                    } else {
                        let v = self.int32()?;
                        // An enum value the type does not define is refused.
                        u64::try_from(v)
                            .ok()
                            .filter(|&v| (v as usize) < SEMANTICS.len())?
                    };
                    if t.ty == TokenType::Identifier {
                        self.lx.next_token();
                    }
                    a.semantic = Some(v);
                }
                _ => return None,
            }
            self.separator();
        }
        Some(a)
    }

    fn int32(&mut self) -> Option<i32> {
        let negative = self.accept(b"-");
        let t = *self.lx.current();
        (t.ty == TokenType::Integer).then_some(())?;
        let max = if negative {
            1u64 << 31
        } else {
            (1u64 << 31) - 1
        };
        let v = parse_integer(t.text, max)? as i64;
        self.lx.next_token();
        i32::try_from(if negative { -v } else { v }).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_print() {
        let text = b"# c\nannotation { path: [4, 1] source_file: \"b\\303\\251\" 'x' begin: -2 end: 0x10; semantic: ALIAS }\nannotation < path: 5 >\n";
        let got = parse(text).expect("parses");
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].path, [4, 1]);
        assert_eq!(got[0].source_file.as_deref(), Some(&b"b\xc3\xa9x"[..]));
        assert_eq!(
            (got[0].begin, got[0].end, got[0].semantic),
            (-2, 16, Some(2))
        );
        assert_eq!(
            String::from_utf8(print(&got)).expect("utf8"),
            "annotation {\n  path: 4\n  path: 1\n  source_file: \"b\\303\\251x\"\n  begin: -2\n  end: 16\n  semantic: ALIAS\n}\nannotation {\n  path: 5\n  begin: 0\n  end: 0\n}\n"
        );
        assert!(parse(b"annotation { unknown: 1 }").is_none());
        assert!(parse(b"other {}").is_none());
        assert!(parse(b"annotation { begin: 2147483648 }").is_none());
    }
}
