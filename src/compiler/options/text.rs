//! Text format for aggregate option values (`option (x) = { a: 1 b { c: "s" } [ext]: 2 }`),
//! parsed against the pool's schema into wire records, as protoc's `TextFormat::Parser` with
//! the option interpreter's finder; and the same parser as `--encode` runs it
//! ([`parse_input`]: the default finder, errors and warnings with their positions).

use super::schema::{FieldRef, MsgRef, Schema};
use crate::compiler::link::cross_link::{LookupFailure, ResolveMode, Resolver};
use crate::compiler::pool::{Symbol, SymbolKind};
use crate::compiler::syntax::lexer::{
    CommentStyle, Lexer, Token, TokenType, parse_float, parse_integer, parse_string_append,
};
use crate::descriptor::model::FieldType;
use crate::descriptor::model::Pos;
use crate::descriptor::numbers::field_options;
use crate::descriptor::options::option_varint;
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

/// What `HasField`/`HasOneof` would say of the message being parsed: the fields set (protoc's
/// `FORBID_SINGULAR_OVERWRITES`, which the option interpreter's parser uses).
#[derive(Default)]
struct Seen {
    /// Numbers of the non-repeated fields set.
    singular: Vec<i32>,
    /// Oneofs (by index) with a member set, and that member's name.
    oneofs: Vec<(i32, String)>,
}

struct P<'a, 'p, 't> {
    lx: Lexer<'t, 't>,
    /// The option interpreter's finder (names relative to the option's scope); `None` for
    /// `--encode`'s default finder (full names, the whole pool).
    r: Option<&'a Resolver<'p>>,
    /// `--encode`'s warnings (deprecated fields), at the current token.
    /// Each with how many tokenizer errors were reported before it.
    warnings: Vec<(Pos, String, usize)>,
    /// Where an error is reported instead of the current token: the whitespace right after a
    /// `]`, which protoc's tokenizer returns as a token until the parser skips it
    /// (`ConsumeBeforeWhitespace`, then `TryConsumeWhitespace`).
    whitespace_token: Option<Pos>,
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
        r: Some(r),
        warnings: Vec::new(),
        whitespace_token: None,
        schema,
        used,
        max_depth: MAX_WIRE_DEPTH.saturating_sub(element_depth + 1),
    };
    let mut out = Vec::new();
    let parsed = match schema.message(type_name) {
        Some(m) => p.fields(&m, type_name, None, &mut out, 0).and_then(|()| {
            // TextFormat::Parser refuses a message with required fields unset.
            let missing = super::required::missing(schema, &m, &out);
            if missing.is_empty() {
                Ok(())
            } else {
                Err(format!(
                    "Message missing required fields: {}",
                    missing.join(", ")
                ))
            }
        }),
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

/// The most `{` levels `--encode` accepts: protoc has no limit, protoc-rs stops before the
/// recursion does (a documented difference).
pub const MAX_INPUT_DEPTH: usize = 10_000;

/// Parses `text` (stdin of `--encode`) as a message of type `type_name` with protoc's default
/// `TextFormat::Parser`. Returns the wire records (not yet canonical) if nothing was wrong,
/// and the errors and warnings in protoc's order with their positions (file `input`).
pub fn parse_input(
    schema: &Schema<'_>,
    type_name: &str,
    text: &[u8],
) -> (Option<Vec<u8>>, Diagnostics) {
    let mut lexer_diags = Diagnostics::default();
    let mut lx = Lexer::new(text, "input", &mut lexer_diags);
    lx.set_comment_style(CommentStyle::Sh);
    lx.set_allow_f_after_float(true);
    lx.next_token();
    let mut used = Vec::new();
    let mut p = P {
        lx,
        r: None,
        warnings: Vec::new(),
        whitespace_token: None,
        schema,
        used: &mut used,
        max_depth: MAX_INPUT_DEPTH,
    };
    let mut out = Vec::new();
    let parsed = match schema.message(type_name) {
        Some(m) => p.fields(&m, type_name, None, &mut out, 0),
        None => Err(format!("Unknown message type \"{type_name}\".")),
    };
    let at = p.whitespace_token.unwrap_or(p.cur().pos());
    let warnings = std::mem::take(&mut p.warnings);
    drop(p);
    // The tokenizer's errors, the warnings and the parser's error, in the order they were
    // reported (a token's errors come when it is read, before what the parser says at it).
    let mut diags = Diagnostics::default();
    let mut lexer = lexer_diags.items.into_iter();
    let (mut items, mut taken) = (Vec::new(), 0);
    for (pos, w, reported) in warnings {
        while taken < reported
            && let Some(d) = lexer.next()
        {
            items.push(d);
            taken += 1;
        }
        diags.warning("input", Some(pos), &w);
        items.append(&mut diags.items);
    }
    items.extend(lexer);
    if let Err(e) = &parsed {
        diags.error("input", Some(at), e);
        items.append(&mut diags.items);
    }
    let failed = items.iter().any(|d| !d.warning);
    diags.items = items;
    ((!failed).then_some(out), diags)
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

    /// `Consume`: the symbol `c`, or protoc's error naming the token found instead.
    fn expect(&mut self, c: u8) -> Result<(), String> {
        if self.sym(c) {
            Ok(())
        } else {
            Err(format!(
                "Expected \"{}\", found \"{}\".",
                c as char,
                self.describe()
            ))
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
        if depth > self.max_depth && self.r.is_none() {
            return Err(format!(
                "Message is nested too deeply: more than {MAX_INPUT_DEPTH} levels of \"{{\" (protoc-rs's limit)."
            ));
        }
        if depth > self.max_depth {
            return Err(format!(
                "Aggregate value is nested too deeply: more than {} levels of \"{{\" in an option at this depth (protoc-rs keeps option values within {MAX_WIRE_DEPTH} levels of message nesting).",
                self.max_depth + 1
            ));
        }
        let mut seen = Seen::default();
        loop {
            // NB: at the end of input inside a message, the field parse below reports
            // "Expected identifier, got: " as protoc's does.
            match end {
                None if self.at_end() => return Ok(()),
                // NB: text_format.cc `ConsumeMessage` stops at either closing delimiter, then
                // requires its own (`Expected "}", found ">".`).
                Some(c) if self.looking_at(b'>') || self.looking_at(b'}') => {
                    return self.expect(c);
                }
                _ => {}
            }
            self.field(m, full, out, depth, &mut seen)?;
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
        seen: &mut Seen,
    ) -> Result<(), String> {
        let typed_name;
        let f: FieldRef<'p> = if self.looking_at(b'[') {
            let (prefix, name) = self.type_url_or_name()?;
            if full == "google.protobuf.Any" {
                // An `Any` expansion: `[type.googleapis.com/pkg.T] { ... }`.
                if prefix.is_empty() {
                    return Err("Type URL prefix is missing".into());
                }
                self.whitespace_token = None;
                self.any(&prefix, &name, out, depth)?;
                if seen.singular.iter().any(|n| *n == 1 || *n == 2) {
                    return Err("Non-repeated Any specified multiple times.".into());
                }
                seen.singular.extend([1, 2]);
                return Ok(());
            }
            if !prefix.is_empty() {
                return Err("Extension name contains \"/\"".into());
            }
            self.whitespace_token = None;
            typed_name = name.clone();
            let sym = match self.r {
                Some(r) => r.lookup(
                    &name,
                    full,
                    ResolveMode::All,
                    &mut LookupFailure::default(),
                    true,
                ),
                None => self.printable_extension(&name, full),
            };
            let f = sym.and_then(|s| {
                self.used.push(s.file);
                if s.kind != SymbolKind::Extension {
                    return None;
                }
                let fd = self.schema.pool.field_at(s.file, &s.path)?;
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
            typed_name = name.clone();
            let by_name = self.schema.field_by_name(m, &name).or_else(|| {
                // Group fields are named by their type name.
                let lower = name.to_ascii_lowercase();
                // Group-like fields (proto2 groups, DELIMITED fields in editions) are named by
                // their type's name too.
                self.schema.field_by_name(m, &lower).filter(|f| {
                    self.schema.ty(f) == FieldType::Group
                        && f.type_name().rsplit('.').next() == Some(name.as_str())
                })
            });
            match by_name {
                Some(f) => f,
                // NB: protoc skips a field named by a reserved name, whatever its value.
                None if m.msg.reserved_name.contains(&name) => {
                    if self.sym(b':') && !self.looking_at(b'{') && !self.looking_at(b'<') {
                        return self.skip_value(depth);
                    }
                    return self.skip_message(depth);
                }
                None => {
                    return Err(format!(
                        "Message type \"{full}\" has no field named \"{name}\"."
                    ));
                }
            }
        };
        let n = f.number() as u32;
        if self.r.is_none()
            && option_varint(f.field.options.as_deref(), &[field_options::DEPRECATED]) == Some(1)
        {
            let reported = self.lx.diags.items.len();
            self.warnings.push((
                self.cur().pos(),
                format!("text format contains deprecated field \"{typed_name}\""),
                reported,
            ));
        }
        if !f.is_repeated() && seen.singular.contains(&f.number()) {
            return Err(format!(
                "Non-repeated field \"{typed_name}\" is specified multiple times."
            ));
        }
        let oneof = f.field.oneof_index.filter(|_| !f.is_extension);
        if let Some(o) = oneof
            && let Some((_, other)) = seen.oneofs.iter().find(|(i, _)| *i == o)
        {
            return Err(format!(
                "Field \"{typed_name}\" is specified along with field \"{other}\", another member of oneof \"{}\".",
                self.oneof_name(m, o)
            ));
        }
        // A value equal to the default of a field without presence leaves it unset (and
        // unwritten): C++'s `HasField` is false for it.
        let mut mark = |is_default: bool, schema: &Schema<'p>, out: &mut Vec<u8>, start: usize| {
            if schema.has_presence(&f) {
                if let Some(o) = oneof {
                    seen.oneofs.push((o, f.field.name.clone()));
                }
                seen.singular.push(f.number());
            } else if !f.is_repeated() {
                if is_default {
                    out.truncate(start);
                } else {
                    seen.singular.push(f.number());
                }
            }
        };
        let start = out.len();
        if f.is_message() {
            self.sym(b':');
            mark(false, self.schema, out, start);
            if f.is_repeated() && self.sym(b'[') {
                if self.sym(b']') {
                    return Ok(());
                }
                loop {
                    self.sub_message(&f, n, out, depth)?;
                    if self.sym(b']') {
                        return Ok(());
                    }
                    self.expect(b',')?;
                }
            }
            return self.sub_message(&f, n, out, depth);
        }
        if !self.sym(b':') {
            return Err(format!("Expected \":\", found \"{}\".", self.describe()));
        }
        if f.is_repeated() && self.sym(b'[') {
            if self.sym(b']') {
                return Ok(());
            }
            loop {
                self.scalar(&f, n, out)?;
                if self.sym(b']') {
                    return Ok(());
                }
                self.expect(b',')?;
            }
        }
        let is_default = self.scalar(&f, n, out)?;
        mark(is_default, self.schema, out, start);
        Ok(())
    }

    /// `DescriptorPool::FindExtensionByPrintableName`: an extension by its full name, or a
    /// MessageSet extension by its message type's name.
    fn printable_extension(&self, name: &str, extendee: &str) -> Option<&'p Symbol> {
        let pool = self.schema.pool;
        if let Some(s) = pool.find(name).filter(|s| s.kind == SymbolKind::Extension) {
            return Some(s);
        }
        let container = self.schema.message(extendee)?;
        if !self.schema.is_message_set(&container) {
            return None;
        }
        let ty = pool.find(name).filter(|s| s.kind == SymbolKind::Message)?;
        let msg = pool.message_at(ty.file, &ty.path)?;
        let i = msg.extension.iter().position(|x| {
            x.extendee.as_deref().map(|e| e.trim_start_matches('.')) == Some(extendee)
                && x.type_name.as_deref().map(|t| t.trim_start_matches('.')) == Some(name)
                && x.label != Some(crate::descriptor::model::Label::Repeated)
        })?;
        let mut path = ty.path.to_vec();
        path.extend([crate::descriptor::numbers::message::EXTENSION, i as i32]);
        pool.find(&format!("{name}.{}", msg.extension[i].name))
            .filter(|s| *s.path == *path)
    }

    /// text_format.cc `SkipFieldValue`: strings, a `[...]` list, or an optionally negated
    /// number or identifier.
    fn skip_value(&mut self, depth: usize) -> Result<(), String> {
        if self.lx.current().ty == TokenType::String {
            while self.lx.current().ty == TokenType::String {
                self.advance();
            }
            return Ok(());
        }
        if self.sym(b'[') {
            if self.sym(b']') {
                return Ok(());
            }
            loop {
                if self.looking_at(b'{') || self.looking_at(b'<') {
                    self.skip_message(depth)?;
                } else {
                    self.skip_value(depth)?;
                }
                if self.sym(b']') {
                    return Ok(());
                }
                self.expect(b',')?;
            }
        }
        let minus = self.sym(b'-');
        let t = self.cur();
        if !matches!(
            t.ty,
            TokenType::Integer | TokenType::Float | TokenType::Identifier
        ) {
            return Err(format!(
                "Cannot skip field value, unexpected token: {}",
                t.text_string()
            ));
        }
        if minus && t.ty == TokenType::Identifier {
            let lower = t.text_string().to_ascii_lowercase();
            if !matches!(lower.as_str(), "inf" | "infinity" | "nan") {
                return Err(format!("Invalid float number: {lower}"));
            }
        }
        self.advance();
        Ok(())
    }

    /// A message body's opening `{` or `<`, consumed; the delimiter that closes it.
    fn open_message(&mut self) -> Result<u8, String> {
        if self.sym(b'{') {
            Ok(b'}')
        } else if self.sym(b'<') {
            Ok(b'>')
        } else {
            Err(format!("Expected \"{{\", found \"{}\".", self.describe()))
        }
    }

    /// text_format.cc `SkipFieldMessage`: a `{...}` or `<...>` body of fields skipped.
    fn skip_message(&mut self, depth: usize) -> Result<(), String> {
        if depth >= self.max_depth {
            return Err("Message is too deep".into());
        }
        let close = self.open_message()?;
        while !self.looking_at(b'>') && !self.looking_at(b'}') {
            // `SkipField`: a name (an extension or type URL in brackets), then a value.
            if self.sym(b'[') {
                while !self.at_end() && !self.looking_at(b']') {
                    self.advance();
                }
                self.expect(b']')?;
            } else {
                self.identifier()?;
            }
            if self.sym(b':') && !self.looking_at(b'{') && !self.looking_at(b'<') {
                self.skip_value(depth + 1)?;
            } else {
                self.skip_message(depth + 1)?;
            }
            if !self.sym(b';') {
                self.sym(b',');
            }
        }
        self.expect(close)
    }

    /// The name of oneof `index` of message `m`.
    fn oneof_name(&self, m: &MsgRef<'p>, index: i32) -> String {
        usize::try_from(index)
            .ok()
            .and_then(|i| m.msg.oneof_decl.get(i))
            .map(|o| o.name.clone())
            .unwrap_or_default()
    }

    /// text_format.cc `ConsumeAnyTypeUrlOrFullTypeName`: `[`, the URL characters up to `]`
    /// (read by the tokenizer in its URL mode, whitespace between them dropped), `]`; then the
    /// URL prefix (up to the last `/`) and the type name are checked. Returns (prefix, name).
    fn type_url_or_name(&mut self) -> Result<(String, String), String> {
        self.lx.set_report_url_chars(true);
        self.advance();
        let mut text = String::new();
        while self.cur().ty == TokenType::UrlChars {
            text.push_str(&self.cur().text_string());
            self.advance();
        }
        self.lx.set_report_url_chars(false);
        self.expect(b']')?;
        let close = *self.lx.previous();
        let next = *self.lx.current();
        // NB: protoc-rs takes anything between `]` and the next token for whitespace (a
        // comment right after `]` would put protoc's position at the end of its line).
        if (next.line, next.col) != (close.line, close.end_col) {
            self.whitespace_token = Some(Pos::new(close.line, close.end_col));
        }
        let (prefix, name) = match text.rfind('/') {
            Some(slash) => text.split_at(slash + 1),
            None => ("", text.as_str()),
        };
        if prefix == "/" {
            return Err("Type URL prefix is empty".into());
        }
        if prefix.starts_with('/') {
            return Err("Type URL starts with \"/\"".into());
        }
        let p = prefix.as_bytes();
        for i in 0..p.len() {
            let hex = |j: usize| p.get(j).is_some_and(u8::is_ascii_hexdigit);
            if p[i] == b'%' && (i + 2 >= p.len() || !hex(i + 1) || !hex(i + 2)) {
                let got = &prefix[i..(i + 3).min(prefix.len())];
                return Err(format!("Invalid percent encode, got: \"{got}\""));
            }
        }
        for id in name.split('.') {
            let b = id.as_bytes();
            let ok = b
                .first()
                .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_')
                && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_');
            if !ok {
                return Err(format!("Invalid identifier in type name, got: \"{id}\""));
            }
        }
        Ok((prefix.to_string(), name.to_string()))
    }

    /// The body of an `Any` expansion `[prefix/ty] { ... }` (the `[...]` consumed).
    fn any(
        &mut self,
        prefix: &str,
        ty: &str,
        out: &mut Vec<u8>,
        depth: usize,
    ) -> Result<(), String> {
        // descriptor.cc `AggregateOptionFinder::FindAnyType`: only the two Google prefixes, and
        // `FindSymbol`, which sees the file's own imports (not `import option` ones).
        // text_format.cc `DefaultFinderFindAnyType`: the same prefixes, the whole pool.
        let found = matches!(prefix, "type.googleapis.com/" | "type.googleprod.com/")
            .then(|| match self.r {
                Some(r) => r.find(ty, &mut LookupFailure::default(), false),
                None => self.schema.pool.find(ty),
            })
            .flatten()
            .filter(|s| s.kind == SymbolKind::Message)
            .and_then(|_| self.schema.message(ty));
        let inner = found.ok_or_else(|| {
            format!("Could not find type \"{prefix}{ty}\" stored in google.protobuf.Any.")
        })?;
        self.sym(b':');
        let close = self.open_message()?;
        let mut body = Vec::new();
        self.fields(&inner, ty, Some(close), &mut body, depth + 1)?;
        // Any.type_url = 1, Any.value = 2.
        let mut any = Vec::new();
        wire::put_str(&mut any, 1, &format!("{prefix}{ty}"));
        let canon = super::canonical::Canon {
            schema: self.schema,
            strip: false,
            sort_maps: false,
        };
        let value = canon.message(ty, &body);
        // `Any.value` has no presence: an empty one is not written.
        if !value.is_empty() {
            wire::put_bytes(&mut any, 2, &value);
        }
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
        let close = self.open_message()?;
        let tn = f.type_name();
        let sub = self
            .schema
            .message(tn)
            .ok_or_else(|| format!("Unknown message type \"{tn}\"."))?;
        let mut body = Vec::new();
        self.fields(&sub, tn, Some(close), &mut body, depth + 1)?;
        if self.schema.ty(f) == FieldType::Group {
            wire::put_tag(out, n, wire::START_GROUP);
            out.extend(body);
            wire::put_tag(out, n, wire::END_GROUP);
        } else {
            wire::put_bytes(out, n, &body);
        }
        Ok(())
    }

    /// `ConsumeUnsignedInteger`.
    fn unsigned(&mut self, max: u64) -> Result<u64, String> {
        let t = self.cur();
        if t.ty != TokenType::Integer {
            return Err(format!("Expected integer, got: {}", t.text_string()));
        }
        let v = parse_integer(t.text, max)
            .ok_or_else(|| format!("Integer out of range ({})", t.text_string()))?;
        self.advance();
        Ok(v)
    }

    /// `ConsumeSignedInteger`: an optional `-`, then an integer up to `max` (one more when
    /// negative).
    fn signed(&mut self, max: u64) -> Result<i64, String> {
        let neg = self.sym(b'-');
        let v = self.unsigned(if neg { max + 1 } else { max })?;
        Ok(if neg {
            (v as i64).wrapping_neg()
        } else {
            v as i64
        })
    }

    /// `ConsumeIdentifier`.
    fn identifier(&mut self) -> Result<String, String> {
        let t = self.cur();
        if t.ty != TokenType::Identifier {
            return Err(format!("Expected identifier, got: {}", t.text_string()));
        }
        self.advance();
        Ok(t.text_string())
    }

    /// `ConsumeDouble`.
    fn double(&mut self) -> Result<f64, String> {
        let neg = self.sym(b'-');
        let t = self.cur();
        let text = t.text_string();
        let v = match t.ty {
            TokenType::Integer => {
                // `ConsumeUnsignedDecimalAsDouble`.
                // `IsHexNumber` / `IsOctNumber`.
                let b = t.text;
                if b.len() >= 2 && b[0] == b'0' && matches!(b[1], b'x' | b'X' | b'0'..=b'7') {
                    return Err(format!("Expect a decimal number, got: {text}"));
                }
                parse_integer(t.text, u64::MAX)
                    .map(|v| v as f64)
                    .unwrap_or_else(|| parse_float(t.text))
            }
            TokenType::Float => parse_float(t.text),
            TokenType::Identifier => match text.to_ascii_lowercase().as_str() {
                "inf" | "infinity" => f64::INFINITY,
                "nan" => f64::NAN,
                lower => return Err(format!("Expected double, got: {lower}")),
            },
            _ => return Err(format!("Expected double, got: {text}")),
        };
        self.advance();
        Ok(if neg { -v } else { v })
    }

    /// `ConsumeFieldValue` for a non-message field; returns whether the value is the zero of
    /// its type (all bits zero, as C++'s `HasField` tests a field without presence).
    fn scalar(&mut self, f: &FieldRef<'p>, n: u32, out: &mut Vec<u8>) -> Result<bool, String> {
        use FieldType::*;
        let start = out.len();
        match f.ty() {
            Int32 => wire::put_int(out, n, self.signed(i32::MAX as u64)?),
            Int64 => wire::put_int(out, n, self.signed(i64::MAX as u64)?),
            Sint32 => {
                let v = self.signed(i32::MAX as u64)?;
                wire::put_uint(out, n, wire::zigzag32(v as i32));
            }
            Sint64 => {
                let v = self.signed(i64::MAX as u64)?;
                wire::put_uint(out, n, wire::zigzag64(v));
            }
            Sfixed32 => {
                let v = self.signed(i32::MAX as u64)?;
                wire::put_tag(out, n, wire::FIXED32);
                out.extend_from_slice(&(v as i32).to_le_bytes());
            }
            Sfixed64 => {
                let v = self.signed(i64::MAX as u64)?;
                wire::put_tag(out, n, wire::FIXED64);
                out.extend_from_slice(&v.to_le_bytes());
            }
            Uint32 => wire::put_uint(out, n, self.unsigned(u32::MAX as u64)?),
            Uint64 => wire::put_uint(out, n, self.unsigned(u64::MAX)?),
            Fixed32 => {
                let v = self.unsigned(u32::MAX as u64)?;
                wire::put_tag(out, n, wire::FIXED32);
                out.extend_from_slice(&(v as u32).to_le_bytes());
            }
            Fixed64 => {
                let v = self.unsigned(u64::MAX)?;
                wire::put_tag(out, n, wire::FIXED64);
                out.extend_from_slice(&v.to_le_bytes());
            }
            Float => {
                let v = self.double()?;
                wire::put_tag(out, n, wire::FIXED32);
                out.extend_from_slice(&(v as f32).to_bits().to_le_bytes());
            }
            Double => {
                let v = self.double()?;
                wire::put_tag(out, n, wire::FIXED64);
                out.extend_from_slice(&v.to_bits().to_le_bytes());
            }
            String | Bytes => {
                let t = self.cur();
                if t.ty != TokenType::String {
                    return Err(format!("Expected string, got: {}", t.text_string()));
                }
                // Adjacent strings concatenate.
                let mut s = Vec::new();
                while self.lx.current().ty == TokenType::String {
                    parse_string_append(self.lx.current().text, &mut s);
                    self.advance();
                }
                wire::put_bytes(out, n, &s);
            }
            Bool => {
                let v = if self.cur().ty == TokenType::Integer {
                    self.unsigned(1)?
                } else {
                    match self.identifier()?.as_str() {
                        "true" | "True" | "t" => 1,
                        "false" | "False" | "f" => 0,
                        v => {
                            return Err(format!(
                                "Invalid value for boolean field \"{}\". Value: \"{v}\".",
                                f.field.name,
                            ));
                        }
                    }
                };
                wire::put_uint(out, n, v);
            }
            Enum => {
                let t = self.cur();
                let num = if t.ty == TokenType::Identifier {
                    let id = self.identifier()?;
                    let e = self.schema.pool.enum_type(f.type_name());
                    let v = e
                        .and_then(|e| e.value.iter().find(|v| v.name == id))
                        .map(|v| v.number);
                    v.ok_or_else(|| {
                        format!(
                            "Unknown enumeration value of \"{id}\" for field \"{}\".",
                            f.field.name
                        )
                    })?
                } else if t.ty == TokenType::Integer || self.looking_at(b'-') {
                    let v = self.signed(i32::MAX as u64)? as i32;
                    // An unknown number is kept for an open enum, an error for a closed one.
                    let known = || {
                        self.schema
                            .pool
                            .enum_type(f.type_name())
                            .is_some_and(|e| e.value.iter().any(|x| x.number == v))
                    };
                    if self.schema.is_closed_enum(f.type_name()) && !known() {
                        return Err(format!(
                            "Unknown enumeration value of \"{v}\" for field \"{}\".",
                            f.field.name
                        ));
                    }
                    v
                } else {
                    return Err(format!(
                        "Expected integer or identifier, got: {}",
                        t.text_string()
                    ));
                };
                wire::put_int(out, n, num as i64);
            }
            Message | Group => return Err("Expected \"{\".".into()),
        }
        Ok(is_zero_record(&out[start..]))
    }
}

/// Whether a single record's value is all zero bits (an empty string or bytes included).
fn is_zero_record(rec: &[u8]) -> bool {
    let mut pos = 0;
    if wire::read_varint(rec, &mut pos).is_err() {
        return false;
    }
    // A varint's zero is the single byte 0; fixed values are zero bytes; a length-delimited
    // value is empty when its length is 0.
    rec.get(pos..).is_some_and(|r| r.iter().all(|b| *b == 0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compiler::syntax::lexer::{parse_string, try_parse_float};

    /// Every token of `text` as (type, text), and the errors as (line, col, message).
    #[allow(clippy::type_complexity)]
    fn lex(text: &str) -> (Vec<(TokenType, String)>, Vec<(u32, u32, String)>) {
        let mut diags = Diagnostics::default();
        let mut toks = Vec::new();
        {
            let mut lx = text_lexer(text, &mut diags);
            while lx.current().ty != TokenType::End {
                toks.push((lx.current().ty, lx.current().text_string()));
                lx.next_token();
            }
        }
        let errs = diags
            .items
            .iter()
            .map(|d| {
                let p = d.pos.unwrap();
                (p.line, p.col(), d.message.clone())
            })
            .collect();
        (toks, errs)
    }

    fn types(text: &str) -> Vec<TokenType> {
        lex(text).0.into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn numbers() {
        use TokenType::*;
        let (toks, errs) = lex("0x1F 0XaB 017 0 42 1.5 .5 1. 2e-3 1E+4");
        assert!(errs.is_empty(), "{errs:?}");
        let want = [
            (Integer, "0x1F"),
            (Integer, "0XaB"),
            (Integer, "017"),
            (Integer, "0"),
            (Integer, "42"),
            (Float, "1.5"),
            (Float, ".5"),
            (Float, "1."),
            (Float, "2e-3"),
            (Float, "1E+4"),
        ];
        let got: Vec<(TokenType, &str)> = toks.iter().map(|(t, s)| (*t, s.as_str())).collect();
        assert_eq!(got, want);
        assert_eq!(parse_integer(b"0x1F", u64::MAX), Some(31));
        assert_eq!(parse_integer(b"017", u64::MAX), Some(15));
        assert_eq!(parse_integer(b"2", 1), None);
    }

    #[test]
    fn f_suffix_makes_a_float() {
        use TokenType::*;
        let (toks, errs) = lex("1f 1.5F 2e3f 0x1f");
        assert!(errs.is_empty(), "{errs:?}");
        let got: Vec<(TokenType, &str)> = toks.iter().map(|(t, s)| (*t, s.as_str())).collect();
        // Hex digits are not a suffix.
        assert_eq!(
            got,
            [
                (Float, "1f"),
                (Float, "1.5F"),
                (Float, "2e3f"),
                (Integer, "0x1f")
            ]
        );
        assert_eq!(try_parse_float(b"1.5F"), (1.5, true));
        assert_eq!(parse_float(b"2e3f"), 2000.0);
        // Not in a .proto file.
        let mut diags = Diagnostics::default();
        {
            let mut lx = Lexer::new(b"1f", "t", &mut diags);
            lx.next_token();
            assert_eq!(lx.current().ty, Integer);
        }
        assert_eq!(
            diags.items[0].message,
            "Need space between number and identifier."
        );
    }

    #[test]
    fn strings_both_quotes_and_escapes() {
        let (toks, errs) = lex(r#""a\"b" 'c\'d' "\x41\101\n" '\ud83d\ude00' "\U0001F600""#);
        assert!(errs.is_empty(), "{errs:?}");
        assert!(toks.iter().all(|(t, _)| *t == TokenType::String));
        let vals: Vec<Vec<u8>> = toks
            .iter()
            .map(|(_, s)| parse_string(s.as_bytes()))
            .collect();
        assert_eq!(vals[0], b"a\"b");
        assert_eq!(vals[1], b"c'd");
        assert_eq!(vals[2], b"AA\n");
        assert_eq!(vals[3], "\u{1F600}".as_bytes());
        assert_eq!(vals[4], "\u{1F600}".as_bytes());
        // The token keeps its quotes and escapes as written (protoc's error texts show it).
        assert_eq!(toks[1].1, r"'c\'d'");
    }

    #[test]
    fn hash_comments_and_slashes() {
        use TokenType::*;
        let (toks, errs) = lex("a: 1 # b: 2\nc: 3 # to the end");
        assert!(errs.is_empty(), "{errs:?}");
        let texts: Vec<&str> = toks.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(texts, ["a", ":", "1", "c", ":", "3"]);
        // `//` and `/*` are symbols in text format.
        assert_eq!(types("// /*"), [Symbol, Symbol, Symbol, Symbol]);
        // `#` inside a string is no comment.
        assert_eq!(lex("s: \"a # b\"").0[2].1, "\"a # b\"");
    }

    #[test]
    fn negative_numbers_and_special_identifiers() {
        use TokenType::*;
        let (toks, errs) = lex("-5 -.5 - inf -nan Infinity NaN t");
        assert!(errs.is_empty(), "{errs:?}");
        let got: Vec<(TokenType, &str)> = toks.iter().map(|(t, s)| (*t, s.as_str())).collect();
        assert_eq!(
            got,
            [
                (Symbol, "-"),
                (Integer, "5"),
                (Symbol, "-"),
                (Float, ".5"),
                (Symbol, "-"),
                (Identifier, "inf"),
                (Symbol, "-"),
                (Identifier, "nan"),
                (Identifier, "Infinity"),
                (Identifier, "NaN"),
                (Identifier, "t"),
            ]
        );
    }

    #[test]
    fn error_positions() {
        // protoc's messages and 0-based positions; the option interpreter keeps the messages.
        let (_, errs) = lex("a: 0x\n  b: 'x\n");
        assert_eq!(
            errs,
            [
                (0, 5, "\"0x\" must be followed by hex digits.".to_string()),
                (
                    1,
                    7,
                    "Multiline strings are not allowed. Did you miss a \"?.".to_string()
                ),
            ]
        );
        let (_, errs) = lex("i: 1.5.2 j: 09");
        assert_eq!(
            errs,
            [
                (
                    0,
                    6,
                    "Already saw decimal point or exponent; can't have another one.".to_string()
                ),
                (
                    0,
                    13,
                    "Numbers starting with leading zero must be in octal.".to_string()
                ),
            ]
        );
    }
}
