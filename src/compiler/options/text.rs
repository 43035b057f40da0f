//! Text format for aggregate option values (`option (x) = { a: 1 b { c: "s" } [ext]: 2 }`),
//! parsed against the pool's schema into wire records, as protoc's `TextFormat::Parser` with
//! the option interpreter's finder.

use super::schema::{FieldRef, MsgRef, Schema};
use crate::compiler::link::cross_link::{LookupFailure, ResolveMode, Resolver};
use crate::compiler::pool::SymbolKind;
use crate::descriptor::model::FieldType;
use crate::descriptor::wire;

/// Bound on message nesting from a `FileDescriptorProto` down to the deepest message of an
/// option value. protoc re-parses the whole file under a recursion limit of 100: past it,
/// it silently skips retention stripping, then aborts. Staying at 98 keeps every accepted
/// value inside the range where protoc is correct (a documented difference from protoc).
pub const MAX_WIRE_DEPTH: usize = 98;

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    Int(String),
    Float(String),
    Str(Vec<u8>),
    Sym(char),
}

fn tokenize(s: &str) -> Result<Vec<Tok>, String> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut out = Vec::new();
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if c == b'#' {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if c.is_ascii_alphabetic() || c == b'_' {
            let st = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            out.push(Tok::Ident(s[st..i].to_string()));
        } else if c.is_ascii_digit()
            || (c == b'.' && b.get(i + 1).is_some_and(|d| d.is_ascii_digit()))
        {
            let st = i;
            let mut float = false;
            if c == b'0' && matches!(b.get(i + 1), Some(b'x' | b'X')) {
                i += 2;
                while i < b.len() && b[i].is_ascii_hexdigit() {
                    i += 1;
                }
            } else {
                while i < b.len() {
                    let d = b[i];
                    if d.is_ascii_digit() {
                        i += 1;
                    } else if d == b'.' {
                        float = true;
                        i += 1;
                    } else if d == b'e' || d == b'E' {
                        float = true;
                        i += 1;
                        if matches!(b.get(i), Some(b'+' | b'-')) {
                            i += 1;
                        }
                    } else {
                        break;
                    }
                }
                if matches!(b.get(i), Some(b'f' | b'F')) {
                    float = true;
                    i += 1;
                }
            }
            let t = s[st..i].trim_end_matches(['f', 'F']).to_string();
            out.push(if float { Tok::Float(t) } else { Tok::Int(t) });
        } else if c == b'"' || c == b'\'' {
            let q = c;
            i += 1;
            let mut v = Vec::new();
            while i < b.len() && b[i] != q {
                if b[i] == b'\\' && i + 1 < b.len() {
                    i += 1;
                    let e = b[i];
                    match e {
                        b'n' => v.push(b'\n'),
                        b't' => v.push(b'\t'),
                        b'r' => v.push(b'\r'),
                        b'a' => v.push(7),
                        b'b' => v.push(8),
                        b'f' => v.push(12),
                        b'v' => v.push(11),
                        b'x' | b'X' => {
                            let mut n = 0u32;
                            let mut k = 0;
                            while k < 2 && i + 1 < b.len() && b[i + 1].is_ascii_hexdigit() {
                                i += 1;
                                n = n * 16 + (b[i] as char).to_digit(16).unwrap_or(0);
                                k += 1;
                            }
                            v.push(n as u8);
                        }
                        b'0'..=b'7' => {
                            let mut n = (e - b'0') as u32;
                            let mut k = 1;
                            while k < 3 && i + 1 < b.len() && (b'0'..=b'7').contains(&b[i + 1]) {
                                i += 1;
                                n = n * 8 + (b[i] - b'0') as u32;
                                k += 1;
                            }
                            v.push(n as u8);
                        }
                        b'u' | b'U' => {
                            let len = if e == b'u' { 4 } else { 8 };
                            let hex = s.get(i + 1..i + 1 + len).unwrap_or("");
                            let cp = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
                            if let Some(ch) = cp {
                                let mut buf = [0u8; 4];
                                v.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                                i += len;
                            }
                        }
                        other => v.push(other),
                    }
                    i += 1;
                } else {
                    v.push(b[i]);
                    i += 1;
                }
            }
            i += 1;
            out.push(Tok::Str(v));
        } else {
            out.push(Tok::Sym(c as char));
            i += 1;
        }
    }
    Ok(out)
}

struct P<'a, 'p> {
    toks: Vec<Tok>,
    i: usize,
    r: &'a Resolver<'p>,
    schema: &'a Schema<'p>,
    used: &'a mut Vec<u32>,
    /// Deepest `{` level allowed for this option (see `MAX_WIRE_DEPTH`).
    max_depth: usize,
}

/// Parses `text` as a message of type `type_name`; returns its wire records (not yet
/// canonical) or protoc's TextFormat error text.
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
    let toks = tokenize(text)?;
    let m = schema
        .message(type_name)
        .ok_or_else(|| format!("Unknown message type \"{type_name}\"."))?;
    let mut p = P {
        toks,
        i: 0,
        r,
        schema,
        used,
        max_depth: MAX_WIRE_DEPTH.saturating_sub(element_depth + 1),
    };
    let mut out = Vec::new();
    p.fields(&m, type_name, None, &mut out, 0)?;
    Ok(out)
}

impl<'p> P<'_, 'p> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.i)
    }

    fn sym(&mut self, c: char) -> bool {
        if self.peek() == Some(&Tok::Sym(c)) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn describe(&self) -> String {
        match self.peek() {
            None => String::new(),
            Some(Tok::Ident(s) | Tok::Int(s) | Tok::Float(s)) => s.clone(),
            Some(Tok::Str(s)) => format!("\"{}\"", String::from_utf8_lossy(s)),
            Some(Tok::Sym(c)) => c.to_string(),
        }
    }

    fn fields(
        &mut self,
        m: &MsgRef<'p>,
        full: &str,
        end: Option<char>,
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
            match (self.peek(), end) {
                (None, None) => return Ok(()),
                (None, Some(c)) => return Err(format!("Expected \"{c}\".")),
                (Some(Tok::Sym(c)), Some(e)) if *c == e => {
                    self.i += 1;
                    return Ok(());
                }
                _ => {}
            }
            self.field(m, full, out, depth)?;
            if !self.sym(';') {
                self.sym(',');
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
        let f: FieldRef<'p> = if self.sym('[') {
            let mut name = String::new();
            while let Some(t) = self.peek().cloned() {
                self.i += 1;
                match t {
                    Tok::Sym(']') => break,
                    Tok::Ident(s) => name.push_str(&s),
                    Tok::Sym(c) => name.push(c),
                    Tok::Int(s) | Tok::Float(s) => name.push_str(&s),
                    Tok::Str(_) => return Err("Expected identifier.".into()),
                }
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
            let Some(Tok::Ident(name)) = self.peek().cloned() else {
                return Err(format!("Expected identifier, got: {}", self.describe()));
            };
            self.i += 1;
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
            self.sym(':');
            if self.sym('[') {
                if self.sym(']') {
                    return Ok(());
                }
                loop {
                    self.sub_message(&f, n, out, depth)?;
                    if self.sym(']') {
                        return Ok(());
                    }
                    if !self.sym(',') {
                        return Err(format!("Expected \"]\", found \"{}\".", self.describe()));
                    }
                }
            }
            return self.sub_message(&f, n, out, depth);
        }
        if !self.sym(':') {
            return Err(format!("Expected \":\", found \"{}\".", self.describe()));
        }
        if self.sym('[') {
            if self.sym(']') {
                return Ok(());
            }
            loop {
                self.scalar(&f, n, out)?;
                if self.sym(']') {
                    return Ok(());
                }
                if !self.sym(',') {
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
        self.sym(':');
        let close = if self.sym('{') {
            '}'
        } else if self.sym('<') {
            '>'
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
        let close = if self.sym('{') {
            '}'
        } else if self.sym('<') {
            '>'
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
        let neg = self.sym('-');
        let tok = self
            .peek()
            .cloned()
            .ok_or_else(|| "Unexpected end of input.".to_string())?;
        self.i += 1;
        match ty {
            String | Bytes => {
                let Tok::Str(mut s) = tok else {
                    return Err(format!("Expected string, got: {}", tok_text(&tok)));
                };
                while let Some(Tok::Str(more)) = self.peek().cloned() {
                    self.i += 1;
                    s.extend(more);
                }
                wire::put_bytes(out, n, &s);
            }
            Bool => {
                let v = match &tok {
                    Tok::Ident(s) if matches!(s.as_str(), "true" | "True" | "t") => 1,
                    Tok::Ident(s) if matches!(s.as_str(), "false" | "False" | "f") => 0,
                    Tok::Int(s) if s == "0" || s == "1" => s.parse().unwrap_or(0),
                    _ => {
                        return Err(format!(
                            "Invalid value for boolean field \"{}\". Value: \"{}\".",
                            f.field.name,
                            tok_text(&tok)
                        ));
                    }
                };
                wire::put_uint(out, n, v);
            }
            Enum => {
                let num = match &tok {
                    Tok::Ident(id) => {
                        let e = self.schema.pool.enum_type(f.type_name());
                        let v = e
                            .and_then(|e| e.value.iter().find(|v| v.name == *id))
                            .map(|v| v.number);
                        v.ok_or_else(|| {
                            format!(
                                "Unknown enumeration value of \"{id}\" for field \"{}\".",
                                f.field.name
                            )
                        })?
                    }
                    Tok::Int(s) => {
                        let v = parse_int(s).ok_or("Expected integer.")? as i64;
                        (if neg { -v } else { v }) as i32
                    }
                    _ => return Err(format!("Expected identifier, got: {}", tok_text(&tok))),
                };
                wire::put_int(out, n, num as i64);
            }
            Float | Double => {
                let v: f64 = match &tok {
                    Tok::Int(s) => parse_int(s).ok_or("Expected double.")? as f64,
                    Tok::Float(s) => s.parse().map_err(|_| "Expected double.".to_string())?,
                    Tok::Ident(s)
                        if s.eq_ignore_ascii_case("inf") || s.eq_ignore_ascii_case("infinity") =>
                    {
                        f64::INFINITY
                    }
                    Tok::Ident(s) if s.eq_ignore_ascii_case("nan") => f64::NAN,
                    _ => return Err(format!("Expected double, got: {}", tok_text(&tok))),
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
                let Tok::Int(s) = &tok else {
                    return Err(format!("Expected integer, got: {}", tok_text(&tok)));
                };
                let mag = parse_int(s).ok_or_else(|| format!("Integer out of range ({s})"))?;
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
                        "Integer out of range ({}{s})",
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
        Ok(())
    }
}

fn tok_text(t: &Tok) -> String {
    match t {
        Tok::Ident(s) | Tok::Int(s) | Tok::Float(s) => s.clone(),
        Tok::Str(s) => format!("\"{}\"", String::from_utf8_lossy(s)),
        Tok::Sym(c) => c.to_string(),
    }
}

fn parse_int(s: &str) -> Option<u64> {
    if let Some(h) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        u64::from_str_radix(h, 16).ok()
    } else if s.len() > 1 && s.starts_with('0') {
        u64::from_str_radix(&s[1..], 8).ok()
    } else {
        s.parse().ok()
    }
}
