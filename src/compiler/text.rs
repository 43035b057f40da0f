//! Text format for aggregate option values (`option (x) = { a: 1 b { c: "s" } [ext]: 2 }`),
//! parsed against the pool's schema into wire records, as protoc's `TextFormat::Parser` with
//! the option interpreter's finder.

use super::lexer::{CommentStyle, Lexer, Token, TokenType, parse_float, parse_integer};
use super::link::{LookupFailure, ResolveMode, Resolver};
use super::pool::SymbolKind;
use super::schema::{FieldRef, MsgRef, Schema};
use crate::descriptor::model::FieldType;
use crate::descriptor::wire;
use crate::diagnostics::Diagnostics;

/// Bound on message nesting from a `FileDescriptorProto` down to the deepest message of an
/// option value. protoc re-parses the whole file under a recursion limit of 100: past it,
/// it silently skips retention stripping, then aborts. Staying at 98 keeps every accepted
/// value inside the range where protoc is correct (a documented difference from protoc).
pub const MAX_WIRE_DEPTH: usize = 98;

/// A [`Lexer`] over `text` set up as protoc's `TextFormat::Parser` sets up its
/// `io::Tokenizer`: `#` starts a comment (`//` and `/*` do not), and a decimal number may end
/// in `f`. Errors go to `diags` (protoc's text parser keeps only their messages).
pub(crate) fn text_lexer<'t, 'd>(text: &'t str, diags: &'d mut Diagnostics) -> Lexer<'t, 'd> {
    let mut lx = Lexer::new(text.as_bytes(), "", diags);
    lx.set_comment_style(CommentStyle::Sh);
    lx.set_allow_f_after_float(true);
    // The parser's constructor reads the first token.
    lx.next_token();
    lx
}

struct P<'a, 'p, 't> {
    lx: Lexer<'t, 't>,
    r: &'a Resolver<'p>,
    schema: &'a Schema<'p>,
    used: &'a mut Vec<u32>,
    /// Deepest `{` level allowed for this option (see `MAX_WIRE_DEPTH`).
    max_depth: usize,
}

/// Parses `text` as a message of type `type_name`; returns its wire records (not yet
/// canonical) or protoc's TextFormat error text: the messages of every error reported, the
/// tokenizer's and the parser's in the order they happened, joined by "; " (the option
/// interpreter's `AggregateErrorCollector`).
/// `element_depth` is the wire depth of the options message holding the value (1 for file
/// options, 2 for a top-level message's options, ...).
pub fn parse_message<'p>(
    r: &Resolver<'p>,
    schema: &Schema<'p>,
    type_name: &str,
    text: &str,
    used: &mut Vec<u32>,
    element_depth: usize,
) -> Result<Vec<u8>, String> {
    let mut diags = Diagnostics::default();
    let lx = text_lexer(text, &mut diags);
    let mut p = P {
        lx,
        r,
        schema,
        used,
        max_depth: MAX_WIRE_DEPTH.saturating_sub(element_depth + 1),
    };
    let mut out = Vec::new();
    let parsed = match schema.message(type_name) {
        Some(m) => p.fields(&m, type_name, None, &mut out, 0),
        None => Err(format!("Unknown message type \"{type_name}\".")),
    };
    let mut errors: Vec<&str> =
        p.lx.diags
            .items
            .iter()
            .map(|d| d.message.as_str())
            .collect();
    if let Err(e) = &parsed {
        errors.push(e);
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors.join("; "))
    }
}

impl<'p, 't> P<'_, 'p, 't> {
    /// The current (not yet consumed) token.
    fn cur(&self) -> Token<'t> {
        *self.lx.current()
    }

    fn at_end(&self) -> bool {
        self.lx.current().ty == TokenType::End
    }

    /// `LookingAt`: the current token's text is `c` (a symbol, as no other token is one byte
    /// of punctuation).
    fn looking_at(&self, c: u8) -> bool {
        self.lx.current().text == [c]
    }

    /// Consumes the current token.
    fn advance(&mut self) {
        self.lx.next_token();
    }

    fn sym(&mut self, c: u8) -> bool {
        if self.looking_at(c) {
            self.advance();
            true
        } else {
            false
        }
    }

    /// The current token as written (empty at the end of input).
    fn describe(&self) -> String {
        self.lx.current().text_string()
    }

    fn fields(
        &mut self,
        m: &MsgRef<'p>,
        full: &str,
        end: Option<u8>,
        out: &mut Vec<u8>,
        depth: usize,
    ) -> Result<(), String> {
        if depth > self.max_depth {
            return Err(format!(
                "Aggregate value is nested too deeply: more than {} levels of \"{{\" in an option at this depth (protoc-rs keeps option values within {MAX_WIRE_DEPTH} levels of message nesting).",
                self.max_depth + 1
            ));
        }
        loop {
            match end {
                None if self.at_end() => return Ok(()),
                Some(c) if self.at_end() => return Err(format!("Expected \"{}\".", c as char)),
                Some(c) if self.sym(c) => return Ok(()),
                _ => {}
            }
            self.field(m, full, out, depth)?;
            if !self.sym(b';') {
                self.sym(b',');
            }
        }
    }

    fn field(
        &mut self,
        m: &MsgRef<'p>,
        full: &str,
        out: &mut Vec<u8>,
        depth: usize,
    ) -> Result<(), String> {
        let f: FieldRef<'p> = if self.sym(b'[') {
            let mut name = String::new();
            while !self.at_end() {
                let t = self.cur();
                if t.ty == TokenType::String {
                    return Err("Expected identifier.".into());
                }
                self.advance();
                if t.text == b"]" {
                    break;
                }
                name.push_str(&t.text_string());
            }
            if let Some((_, ty)) = name.split_once('/') {
                // An `Any` expansion: `[type.googleapis.com/pkg.T] { ... }`.
                return self.any(m, full, ty, out, depth);
            }
            let mut fail = LookupFailure::default();
            let sym = self
                .r
                .lookup(&name, full, ResolveMode::All, &mut fail, true);
            let f = sym.and_then(|s| {
                self.used.push(s.file);
                if s.kind != SymbolKind::Extension {
                    return None;
                }
                let fd = self.r.pool.field_at(s.file, &s.path)?;
                (fd.extendee.as_deref().map(|e| e.trim_start_matches('.')) == Some(full)).then_some(
                    FieldRef {
                        file: s.file,
                        scope_path: &s.path[..s.path.len() - 2],
                        field: fd,
                        is_extension: true,
                    },
                )
            });
            f.ok_or_else(|| {
                format!("Extension \"{name}\" is not defined or is not an extension of \"{full}\".")
            })?
        } else {
            let t = self.cur();
            if t.ty != TokenType::Identifier {
                return Err(format!("Expected identifier, got: {}", self.describe()));
            }
            self.advance();
            let name = t.text_string();
            let by_name = self.schema.field_by_name(m, &name).or_else(|| {
                // Group fields are named by their type name.
                let lower = name.to_ascii_lowercase();
                self.schema
                    .field_by_name(m, &lower)
                    .filter(|f| f.ty() == FieldType::Group)
            });
            by_name
                .ok_or_else(|| format!("Message type \"{full}\" has no field named \"{name}\"."))?
        };
        let n = f.number() as u32;
        if f.is_message() {
            self.sym(b':');
            if self.sym(b'[') {
                if self.sym(b']') {
                    return Ok(());
                }
                loop {
                    self.sub_message(&f, n, out, depth)?;
                    if self.sym(b']') {
                        return Ok(());
                    }
                    if !self.sym(b',') {
                        return Err(format!("Expected \"]\", found \"{}\".", self.describe()));
                    }
                }
            }
            return self.sub_message(&f, n, out, depth);
        }
        if !self.sym(b':') {
            return Err(format!("Expected \":\", found \"{}\".", self.describe()));
        }
        if self.sym(b'[') {
            if self.sym(b']') {
                return Ok(());
            }
            loop {
                self.scalar(&f, n, out)?;
                if self.sym(b']') {
                    return Ok(());
                }
                if !self.sym(b',') {
                    return Err(format!("Expected \"]\", found \"{}\".", self.describe()));
                }
            }
        }
        self.scalar(&f, n, out)
    }

    fn any(
        &mut self,
        _m: &MsgRef<'p>,
        _full: &str,
        ty: &str,
        out: &mut Vec<u8>,
        depth: usize,
    ) -> Result<(), String> {
        let inner = self
            .schema
            .message(ty)
            .ok_or_else(|| format!("Could not find type \"{ty}\"."))?;
        self.sym(b':');
        let close = if self.sym(b'{') {
            b'}'
        } else if self.sym(b'<') {
            b'>'
        } else {
            return Err(format!("Expected \"{{\", found \"{}\".", self.describe()));
        };
        let mut body = Vec::new();
        self.fields(&inner, ty, Some(close), &mut body, depth + 1)?;
        // Any.type_url = 1, Any.value = 2.
        let mut any = Vec::new();
        wire::put_str(&mut any, 1, &format!("type.googleapis.com/{ty}"));
        let canon = super::canonical::Canon {
            schema: self.schema,
            strip: false,
        };
        wire::put_bytes(&mut any, 2, &canon.message(ty, &body));
        out.extend(any);
        Ok(())
    }

    fn sub_message(
        &mut self,
        f: &FieldRef<'p>,
        n: u32,
        out: &mut Vec<u8>,
        depth: usize,
    ) -> Result<(), String> {
        let close = if self.sym(b'{') {
            b'}'
        } else if self.sym(b'<') {
            b'>'
        } else {
            return Err(format!("Expected \"{{\", found \"{}\".", self.describe()));
        };
        let tn = f.type_name();
        let sub = self
            .schema
            .message(tn)
            .ok_or_else(|| format!("Unknown message type \"{tn}\"."))?;
        let mut body = Vec::new();
        self.fields(&sub, tn, Some(close), &mut body, depth + 1)?;
        if f.ty() == FieldType::Group {
            wire::put_tag(out, n, wire::START_GROUP);
            out.extend(body);
            wire::put_tag(out, n, wire::END_GROUP);
        } else {
            wire::put_bytes(out, n, &body);
        }
        Ok(())
    }

    fn scalar(&mut self, f: &FieldRef<'p>, n: u32, out: &mut Vec<u8>) -> Result<(), String> {
        use FieldType::*;
        let ty = f.ty();
        let neg = self.sym(b'-');
        if self.at_end() {
            return Err("Unexpected end of input.".to_string());
        }
        let tok = self.cur();
        let text = tok.text_string();
        match ty {
            String | Bytes => {
                if tok.ty != TokenType::String {
                    return Err(format!("Expected string, got: {text}"));
                }
                // Adjacent strings concatenate.
                let mut s = Vec::new();
                while self.lx.current().ty == TokenType::String {
                    super::lexer::parse_string_append(self.lx.current().text, &mut s);
                    self.advance();
                }
                wire::put_bytes(out, n, &s);
                return Ok(());
            }
            Bool => {
                let v = match (tok.ty, text.as_str()) {
                    (TokenType::Identifier, "true" | "True" | "t") => 1,
                    (TokenType::Identifier, "false" | "False" | "f") => 0,
                    (TokenType::Integer, "0") => 0,
                    (TokenType::Integer, "1") => 1,
                    _ => {
                        return Err(format!(
                            "Invalid value for boolean field \"{}\". Value: \"{text}\".",
                            f.field.name,
                        ));
                    }
                };
                wire::put_uint(out, n, v);
            }
            Enum => {
                let num = match tok.ty {
                    TokenType::Identifier => {
                        let e = self.schema.pool.enum_type(f.type_name());
                        let v = e
                            .and_then(|e| e.value.iter().find(|v| v.name == text))
                            .map(|v| v.number);
                        v.ok_or_else(|| {
                            format!(
                                "Unknown enumeration value of \"{text}\" for field \"{}\".",
                                f.field.name
                            )
                        })?
                    }
                    TokenType::Integer => {
                        let v =
                            parse_integer(tok.text, u64::MAX).ok_or("Expected integer.")? as i64;
                        (if neg { -v } else { v }) as i32
                    }
                    _ => return Err(format!("Expected identifier, got: {text}")),
                };
                wire::put_int(out, n, num as i64);
            }
            Float | Double => {
                let v: f64 = match tok.ty {
                    TokenType::Integer => {
                        parse_integer(tok.text, u64::MAX).ok_or("Expected double.")? as f64
                    }
                    TokenType::Float => parse_float(tok.text),
                    TokenType::Identifier
                        if text.eq_ignore_ascii_case("inf")
                            || text.eq_ignore_ascii_case("infinity") =>
                    {
                        f64::INFINITY
                    }
                    TokenType::Identifier if text.eq_ignore_ascii_case("nan") => f64::NAN,
                    _ => return Err(format!("Expected double, got: {text}")),
                };
                let v = if neg { -v } else { v };
                if ty == Float {
                    wire::put_tag(out, n, wire::FIXED32);
                    out.extend_from_slice(&(v as f32).to_bits().to_le_bytes());
                } else {
                    wire::put_tag(out, n, wire::FIXED64);
                    out.extend_from_slice(&v.to_bits().to_le_bytes());
                }
            }
            _ => {
                if tok.ty != TokenType::Integer {
                    return Err(format!("Expected integer, got: {text}"));
                }
                let mag = parse_integer(tok.text, u64::MAX)
                    .ok_or_else(|| format!("Integer out of range ({text})"))?;
                let signed = matches!(ty, Int32 | Int64 | Sint32 | Sint64 | Sfixed32 | Sfixed64);
                if neg && !signed {
                    return Err("Expected integer, got: -".to_string());
                }
                let v: i128 = if neg { -(mag as i128) } else { mag as i128 };
                let (lo, hi): (i128, i128) = match ty {
                    Int32 | Sint32 | Sfixed32 => (i32::MIN as i128, i32::MAX as i128),
                    Int64 | Sint64 | Sfixed64 => (i64::MIN as i128, i64::MAX as i128),
                    Uint32 | Fixed32 => (0, u32::MAX as i128),
                    _ => (0, u64::MAX as i128),
                };
                if v < lo || v > hi {
                    return Err(format!(
                        "Integer out of range ({}{text})",
                        if neg { "-" } else { "" }
                    ));
                }
                match ty {
                    Int32 | Int64 => wire::put_int(out, n, v as i64),
                    Uint32 | Uint64 => wire::put_uint(out, n, v as u64),
                    Sint32 => wire::put_uint(out, n, wire::zigzag32(v as i32)),
                    Sint64 => wire::put_uint(out, n, wire::zigzag64(v as i64)),
                    Fixed32 | Sfixed32 => {
                        wire::put_tag(out, n, wire::FIXED32);
                        out.extend_from_slice(&(v as u32).to_le_bytes());
                    }
                    _ => {
                        wire::put_tag(out, n, wire::FIXED64);
                        out.extend_from_slice(&(v as u64).to_le_bytes());
                    }
                }
            }
        }
        self.advance();
        Ok(())
    }
}
