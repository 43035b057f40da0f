//! The `.proto` parser: a port of protoc's `compiler/parser.cc` (`Parser`).
//!
//! This module owns turning one file's tokens into a [`FileDescriptorProto`] exactly as
//! protoc's parser fills it: options left uninterpreted, type names as written, map entries,
//! groups and proto3 synthetic oneofs generated, defaults normalized, and the error positions
//! protoc's `SourceLocationTable` keeps (parser.cc `RecordLegacyLocation`: the start of the
//! NAME, NUMBER, TYPE, ... token) recorded in the `loc` structs. Every parse error and warning
//! has protoc's text and position, and errors are recovered from as protoc does
//! (`SkipStatement` / `SkipRestOfBlock`) so later errors are reported too.
//!
//! With source info requested ([`parse_with_source_info`]) the parser also records protoc's
//! `SourceCodeInfo`: one location per `LocationRecorder` of parser.cc, appended when created
//! and ended (at the last token consumed) when protoc's recorder goes out of scope, with the
//! comments [`Lexer::next_with_comments`] collects at each end of declaration attached as
//! protoc's `TryConsumeEndOfDeclaration` does. Without it every recording call is a no-op.

use rustc_hash::{FxHashMap, FxHashSet};

use super::lexer::{self, Comments, Lexer, Token, TokenType};
use crate::descriptor::model::*;
use crate::descriptor::numbers::{
    UNINTERPRETED_OPTION, enum_type, enum_value, extension_range, field as fld, file as f,
    message as msg, method, name_part, oneof, reserved_range, service, uninterpreted_option as uo,
};
use crate::diagnostics::Diagnostics;
use crate::release::Release;

#[cfg(test)]
#[path = "parser_tests.rs"]
mod parser_tests;

/// Maximum nesting of message and group bodies. protoc's parser only limits messages (31
/// levels, below), not groups; its later stage rejects anything deeper than 32, but its
/// recursive parser overflows the stack somewhere between 15,000 and 20,000 levels of groups
/// (oracle, 8 MB stack). This bound, below that point, keeps every later recursion bounded.
pub const MAX_BLOCK_NESTING: u32 = 12_000;

/// Maximum `{` nesting inside an aggregate option value. protoc reads aggregates without
/// recursion but aborts when interpreting values nested about 100 levels deep.
const MAX_AGGREGATE_NESTING: u32 = 96;

/// Parses one `.proto` file as the newest release's parser. `display_name` is how diagnostics
/// name the file; the returned proto's `name` is left empty. Returns `None` if any error was
/// reported (protoc then never builds the file); warnings alone still return the file.
pub fn parse(
    display_name: &str,
    source: &[u8],
    diags: &mut Diagnostics,
) -> Option<FileDescriptorProto> {
    parse_with_source_info(display_name, source, diags, false)
}

/// [`parse`], also filling `source_code_info` when `source_info` is set.
pub fn parse_with_source_info(
    display_name: &str,
    source: &[u8],
    diags: &mut Diagnostics,
    source_info: bool,
) -> Option<FileDescriptorProto> {
    parse_file(
        display_name,
        display_name,
        source,
        diags,
        source_info,
        Release::NEWEST,
    )
}

/// [`parse_with_source_info`] for a file whose virtual name (as imported) differs from the
/// disk path its diagnostics show, as `release`'s parser.
pub fn parse_file(
    display_name: &str,
    virtual_name: &str,
    source: &[u8],
    diags: &mut Diagnostics,
    source_info: bool,
    release: Release,
) -> Option<FileDescriptorProto> {
    let si = source_info.then(Box::default);
    parse_recording(display_name, virtual_name, source, diags, si, release)
}

/// [`parse_file`] with source info only under the top-level `FileDescriptorProto` fields
/// `tops` (what the run's generators read): the other locations are never recorded.
pub fn parse_file_with_source_info_under(
    display_name: &str,
    virtual_name: &str,
    source: &[u8],
    diags: &mut Diagnostics,
    tops: &[i32],
    release: Release,
) -> Option<FileDescriptorProto> {
    let si = Box::new(SrcInfo {
        only_under: Some(tops.to_vec()),
        ..SrcInfo::default()
    });
    parse_recording(display_name, virtual_name, source, diags, Some(si), release)
}

fn parse_recording(
    display_name: &str,
    virtual_name: &str,
    source: &[u8],
    diags: &mut Diagnostics,
    si: Option<Box<SrcInfo>>,
    release: Release,
) -> Option<FileDescriptorProto> {
    let errors_before = diags.error_count;
    let mut file = FileDescriptorProto::default();
    let mut si = si;
    if let Some(si) = &mut si {
        // Room for the locations a file of this size records (googleapis: one per 47 bytes
        // at the median, one per 28 at the densest percent): growing the list by doubling
        // copied it about a dozen times for a large file. Room never written is never touched.
        si.locs.reserve(source.len() / 32 + 16);
    }
    let (ok, si) = {
        let mut p = Parser {
            input: Lexer::new(source, display_name, diags),
            had_errors: false,
            syntax: SyntaxId::None,
            edition: 0,
            recursion_depth: 0,
            block_nesting: 0,
            import_locs: FxHashMap::default(),
            si,
            virtual_name,
            release,
        };
        let ok = p.parse(&mut file);
        (ok, p.si)
    };
    if !ok || diags.error_count > errors_before {
        return None;
    }
    super::trim::file(&mut file);
    if let Some(mut si) = si {
        // Held until the driver builds the file (up to the parse-ahead bound): no spare capacity.
        si.locs.shrink_to_fit();
        file.source_code_info = Some(SourceCodeInfo::Locations(si.locs));
    }
    Some(file)
}

/// Source-info state: protoc's `source_code_info_`, `upcoming_doc_comments_` and
/// `upcoming_detached_comments_`.
#[derive(Default)]
struct SrcInfo {
    locs: Vec<Location>,
    upcoming_doc: Vec<u8>,
    upcoming_detached: Vec<Vec<u8>>,
    /// Record only locations under these top-level fields (`None`: all of them).
    only_under: Option<Vec<i32>>,
}

/// A location being recorded (an index into `SrcInfo::locs`; [`NO_LOC`] when not recording).
type Loc = usize;
const NO_LOC: Loc = usize::MAX;

/// `syntax_identifier_`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SyntaxId {
    None,
    Proto2,
    Proto3,
    Editions,
}

/// `Edition_Parse("EDITION_" + s)`.
fn edition_from_name(s: &[u8]) -> Option<i32> {
    Some(match s {
        b"UNKNOWN" => 0,
        b"LEGACY" => 900,
        b"PROTO2" => 998,
        b"PROTO3" => 999,
        b"2023" => 1000,
        b"2024" => 1001,
        b"2026" => 1002,
        b"UNSTABLE" => 9999,
        b"1_TEST_ONLY" => 1,
        b"2_TEST_ONLY" => 2,
        b"99997_TEST_ONLY" => 99997,
        b"99998_TEST_ONLY" => 99998,
        b"99999_TEST_ONLY" => 99999,
        b"MAX" => 0x7FFF_FFFF,
        _ => return None,
    })
}

/// `GetTypeNameTable` (`group` included).
fn type_from_name(s: &[u8]) -> Option<FieldType> {
    if s == b"group" {
        return Some(FieldType::Group);
    }
    FieldType::from_keyword(std::str::from_utf8(s).ok()?)
}

/// `GetTypeNameTableWithFixedWireForIntTypes` (edition UNSTABLE).
fn type_from_name_fixed_wire(s: &[u8]) -> Option<FieldType> {
    use FieldType::*;
    Some(match s {
        b"double" => Double,
        b"float" => Float,
        b"uint64" => Fixed64,
        b"bool" => Bool,
        b"string" => String,
        b"group" => Group,
        b"bytes" => Bytes,
        b"uint32" => Fixed32,
        b"int32" => Sfixed32,
        b"int64" => Sfixed64,
        b"varint32" => Int32,
        b"varint64" => Int64,
        b"uvarint32" => Uint32,
        b"uvarint64" => Uint64,
        b"zigzag32" => Sint32,
        b"zigzag64" => Sint64,
        _ => return None,
    })
}

fn numeric_type_replaced_with(s: &[u8]) -> Option<&'static str> {
    Some(match s {
        b"fixed32" => "uint32",
        b"fixed64" => "uint64",
        b"sfixed32" => "int32",
        b"sfixed64" => "int64",
        b"sint32" => "zigzag32",
        b"sint64" => "zigzag64",
        _ => return None,
    })
}

/// `MapEntryName`: `foo_map` -> `FooMapEntry`.
fn map_entry_name(field_name: &str) -> String {
    let mut result = String::with_capacity(field_name.len() + 5);
    let mut cap_next = true;
    for c in field_name.chars() {
        if c == '_' {
            cap_next = true;
        } else if cap_next {
            result.push(c.to_ascii_uppercase());
            cap_next = false;
        } else {
            result.push(c);
        }
    }
    result.push_str("Entry");
    result
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// `GenerateSyntheticOneofs`.
fn generate_synthetic_oneofs(message: &mut DescriptorProto) {
    // Most messages have no proto3 `optional` field: nothing to name then.
    if !message
        .field
        .iter()
        .any(|f| f.proto3_optional == Some(true))
    {
        return;
    }
    let mut names: FxHashSet<String> = FxHashSet::default();
    names.extend(message.field.iter().map(|f| f.name.clone()));
    names.extend(message.oneof_decl.iter().map(|o| o.name.clone()));
    for i in 0..message.field.len() {
        if message.field[i].proto3_optional == Some(true) {
            let mut name = message.field[i].name.clone();
            if !name.starts_with('_') {
                name.insert(0, '_');
            }
            while names.contains(&name) {
                name.insert(0, 'X');
            }
            names.insert(name.clone());
            message.field[i].oneof_index = Some(message.oneof_decl.len() as i32);
            message.oneof_decl.push(OneofDescriptorProto {
                name,
                ..Default::default()
            });
        }
    }
}

const MAX_RANGE_SENTINEL: i32 = -1;

fn is_message_set_wire_format(message: &DescriptorProto) -> bool {
    message.options.as_ref().is_some_and(|o| {
        o.uninterpreted.iter().any(|u| {
            u.name.len() == 1
                && !u.name[0].is_extension
                && u.name[0].name_part == "message_set_wire_format"
                && u.identifier_value.as_deref() == Some("true")
        })
    })
}

#[derive(Default)]
struct MapField {
    is_map_field: bool,
    key_type: Option<FieldType>,
    key_type_name: String,
    value_type: Option<FieldType>,
    value_type_name: String,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum OptionStyle {
    Statement,
    Assignment,
}

/// Where reserved ranges and names go: a message's or an enum's.
struct ReservedTarget<'x> {
    ranges: &'x mut Vec<ReservedRange>,
    names: &'x mut Vec<String>,
    name_pos: &'x mut Vec<MaybePos>,
    is_enum: bool,
}

struct Parser<'a, 'd> {
    input: Lexer<'a, 'd>,
    had_errors: bool,
    syntax: SyntaxId,
    /// `edition_` (0 = EDITION_UNKNOWN unless an `edition` statement was parsed); also the
    /// file's `edition()` as `ParseVisibility` sees it.
    edition: i32,
    recursion_depth: i32,
    block_nesting: u32,
    /// `SourceLocationTable::AddImport`, keyed by name (`"weak"` for the weak keyword).
    import_locs: FxHashMap<String, Pos>,
    /// Source-info recording, when asked for.
    si: Option<Box<SrcInfo>>,
    /// The file's virtual (import) name, for the "No edition or syntax" log line.
    virtual_name: &'a str,
    /// Whose parser this is (36.2 changed reserved numbers and aggregate values).
    release: Release,
}

macro_rules! ok {
    ($e:expr) => {
        if !$e {
            return false;
        }
    };
}

macro_rules! some {
    ($e:expr) => {
        match $e {
            Some(v) => v,
            None => return false,
        }
    };
}

impl<'a, 'd> Parser<'a, 'd> {
    // ----------------------------------------------------------------- source locations

    /// `LocationRecorder(parent, extra...)`: appends a location whose path is the parent's
    /// plus `extra`, starting at the current token. `parent` is `None` for the root.
    fn loc(&mut self, parent: Option<Loc>, extra: &[i32]) -> Loc {
        let Some(si) = self.si.as_deref_mut() else {
            return NO_LOC;
        };
        let t = self.input.current();
        // Under a location not recorded (outside `only_under`): not recorded either.
        if parent == Some(NO_LOC) {
            return NO_LOC;
        }
        // One allocation each (a million locations are recorded for the corpus): the path
        // exactly sized, the span with room for `EndAt`'s numbers (the same 32-byte malloc
        // chunk as two numbers take).
        let parent = parent
            .and_then(|p| si.locs.get(p))
            .map_or(&[][..], |p| &p.path[..]);
        if let (Some(tops), Some(top)) = (&si.only_under, parent.first().or(extra.first()))
            && !tops.contains(top)
        {
            return NO_LOC;
        }
        let mut path = Vec::with_capacity(parent.len() + extra.len());
        path.extend_from_slice(parent);
        path.extend_from_slice(extra);
        let mut span = Vec::with_capacity(4);
        span.extend([t.line as i32, t.col as i32]);
        si.locs.push(Location {
            path,
            span,
            ..Default::default()
        });
        si.locs.len() - 1
    }

    /// A child location of `parent`.
    #[inline]
    fn loc_in(&mut self, parent: Loc, extra: &[i32]) -> Loc {
        if self.si.is_none() {
            return NO_LOC;
        }
        self.loc(Some(parent), extra)
    }

    fn loc_mut(&mut self, l: Loc) -> Option<&mut Location> {
        self.si.as_deref_mut()?.locs.get_mut(l)
    }

    /// `LocationRecorder::AddPath`.
    fn loc_add_path(&mut self, l: Loc, component: i32) {
        if let Some(loc) = self.loc_mut(l) {
            loc.path.push(component);
        }
    }

    /// `LocationRecorder::StartAt(token)`.
    fn loc_start_at(&mut self, l: Loc, t: &Token<'_>) {
        if let Some(loc) = self.loc_mut(l)
            && loc.span.len() >= 2
        {
            loc.span[0] = t.line as i32;
            loc.span[1] = t.col as i32;
        }
    }

    /// `LocationRecorder::StartAt(other)`.
    fn loc_start_at_loc(&mut self, l: Loc, other: Loc) {
        let Some(si) = self.si.as_deref_mut() else {
            return;
        };
        let Some(start) = si.locs.get(other).and_then(|o| o.span.get(..2)) else {
            return;
        };
        let (line, col) = (start[0], start[1]);
        if let Some(loc) = si.locs.get_mut(l)
            && loc.span.len() >= 2
        {
            loc.span[0] = line;
            loc.span[1] = col;
        }
    }

    /// `LocationRecorder::EndAt(token)`.
    fn loc_end_at(&mut self, l: Loc, t: &Token<'_>) {
        if let Some(loc) = self.loc_mut(l) {
            if loc.span.first() != Some(&(t.line as i32)) {
                loc.span.push(t.line as i32);
            }
            loc.span.push(t.end_col as i32);
        }
    }

    /// `~LocationRecorder`: ends the location at the last token consumed, unless `EndAt`
    /// already did.
    fn loc_end(&mut self, l: Loc) {
        if self.si.is_none() {
            return;
        }
        let prev = *self.input.previous();
        if self.loc_mut(l).is_some_and(|loc| loc.span.len() <= 2) {
            self.loc_end_at(l, &prev);
        }
    }

    fn loc_path_len(&self, l: Loc) -> usize {
        self.si
            .as_deref()
            .and_then(|si| si.locs.get(l))
            .map_or(0, |loc| loc.path.len())
    }

    fn loc_count(&self) -> usize {
        self.si.as_deref().map_or(0, |si| si.locs.len())
    }

    /// The parse start: `NextWithComments(nullptr, &upcoming_detached_comments_,
    /// &upcoming_doc_comments_)`.
    fn next_with_upcoming_comments(&mut self) {
        match self.si.as_deref_mut() {
            Some(si) => {
                let mut c = Comments::default();
                self.input.next_with_comments(Some(&mut c));
                si.upcoming_detached = c.detached;
                si.upcoming_doc = c.next_leading;
            }
            None => {
                self.input.next_with_comments(None);
            }
        }
    }

    // ----------------------------------------------------------------- token helpers

    #[inline]
    fn looking_at(&self, text: &str) -> bool {
        self.input.current().text == text.as_bytes()
    }

    #[inline]
    fn looking_at_type(&self, ty: TokenType) -> bool {
        self.input.current().ty == ty
    }

    #[inline]
    fn at_end(&self) -> bool {
        self.looking_at_type(TokenType::End)
    }

    #[inline]
    fn cur_pos(&self) -> Pos {
        self.input.current().pos()
    }

    fn try_consume(&mut self, text: &str) -> bool {
        if self.looking_at(text) {
            self.input.next_token();
            true
        } else {
            false
        }
    }

    fn consume(&mut self, text: &str) -> bool {
        if self.try_consume(text) {
            true
        } else {
            self.record_error(&format!("Expected \"{text}\"."));
            false
        }
    }

    fn consume_msg(&mut self, text: &str, error: &str) -> bool {
        if self.try_consume(text) {
            true
        } else {
            self.record_error(error);
            false
        }
    }

    fn consume_identifier(&mut self, error: &str) -> Option<String> {
        if self.looking_at_type(TokenType::Identifier) {
            let s = self.input.current().text_string();
            self.input.next_token();
            Some(s)
        } else {
            self.record_error(error);
            None
        }
    }

    /// `ConsumeInteger`: an unsigned integer up to INT32_MAX (0 after "Integer out of range.").
    fn consume_integer(&mut self, error: &str) -> Option<i32> {
        if self.looking_at_type(TokenType::Integer) {
            let mut value = 0u64;
            match lexer::parse_integer(self.input.current().text, i32::MAX as u64) {
                Some(v) => value = v,
                None => self.record_error("Integer out of range."),
            }
            self.input.next_token();
            Some(value as i32)
        } else {
            self.record_error(error);
            None
        }
    }

    fn consume_signed_integer(&mut self, error: &str) -> Option<i32> {
        let mut is_negative = false;
        let mut max_value = i32::MAX as u64;
        if self.try_consume("-") {
            is_negative = true;
            max_value += 1;
        }
        let mut value = self.consume_integer64(max_value, error)?;
        if is_negative {
            value = value.wrapping_neg();
        }
        Some(value as i32)
    }

    fn consume_integer64(&mut self, max_value: u64, error: &str) -> Option<u64> {
        if self.looking_at_type(TokenType::Integer) {
            let value = match lexer::parse_integer(self.input.current().text, max_value) {
                Some(v) => v,
                None => {
                    self.record_error("Integer out of range.");
                    0
                }
            };
            self.input.next_token();
            Some(value)
        } else {
            self.record_error(error);
            None
        }
    }

    fn try_consume_integer64(&mut self, max_value: u64) -> Option<u64> {
        if self.looking_at_type(TokenType::Integer)
            && let Some(v) = lexer::parse_integer(self.input.current().text, max_value)
        {
            self.input.next_token();
            return Some(v);
        }
        None
    }

    fn consume_number(&mut self, error: &str) -> Option<f64> {
        let tok = *self.input.current();
        if tok.ty == TokenType::Float {
            let v = lexer::parse_float(tok.text);
            self.input.next_token();
            Some(v)
        } else if tok.ty == TokenType::Integer {
            let mut out = 0.0;
            if let Some(v) = lexer::parse_integer(tok.text, u64::MAX) {
                out = v as f64;
            } else if tok.text.first() == Some(&b'0') {
                // Octal or hex: not parsed as a float.
                self.record_error("Integer out of range.");
            } else {
                let (v, ok) = lexer::try_parse_float(tok.text);
                out = v;
                if !ok {
                    self.record_error("Integer out of range.");
                }
            }
            self.input.next_token();
            Some(out)
        } else if self.looking_at("inf") {
            self.input.next_token();
            Some(f64::INFINITY)
        } else if self.looking_at("nan") {
            self.input.next_token();
            Some(f64::NAN)
        } else {
            self.record_error(error);
            None
        }
    }

    /// `ConsumeString`: adjacent string tokens are concatenated.
    fn consume_string(&mut self, error: &str) -> Option<Vec<u8>> {
        if self.looking_at_type(TokenType::String) {
            let mut out = lexer::parse_string(self.input.current().text);
            self.input.next_token();
            while self.looking_at_type(TokenType::String) {
                lexer::parse_string_append(self.input.current().text, &mut out);
                self.input.next_token();
            }
            Some(out)
        } else {
            self.record_error(error);
            None
        }
    }

    /// `TryConsumeEndOfDeclaration`: the one place comments are collected; with source info
    /// they are attached to `location` (trailing from this token, leading and detached from
    /// the previous end of declaration).
    fn try_consume_end_of_declaration(&mut self, text: &str) -> bool {
        self.try_consume_end_of_declaration_at(text, None)
    }

    fn try_consume_end_of_declaration_at(&mut self, text: &str, location: Option<Loc>) -> bool {
        if !self.looking_at(text) {
            return false;
        }
        let Some(si) = self.si.as_deref_mut() else {
            self.input.next_with_comments(None);
            return true;
        };
        let mut c = Comments::default();
        self.input.next_with_comments(Some(&mut c));
        let leading = std::mem::replace(&mut si.upcoming_doc, c.next_leading);
        match location {
            Some(l) => {
                let detached = std::mem::replace(&mut si.upcoming_detached, c.detached);
                if let Some(loc) = si.locs.get_mut(l) {
                    if !leading.is_empty() {
                        loc.leading_comments = Some(leading);
                    }
                    if !c.prev_trailing.is_empty() {
                        loc.trailing_comments = Some(c.prev_trailing);
                    }
                    loc.leading_detached_comments.extend(detached);
                }
            }
            // NB: protoc drops the pending detached comments at a block's end, and keeps
            // collecting them across empty statements.
            None if text == "}" => si.upcoming_detached = c.detached,
            None => si.upcoming_detached.extend(c.detached),
        }
        true
    }

    fn consume_end_of_declaration_at(&mut self, text: &str, location: Option<Loc>) -> bool {
        if self.try_consume_end_of_declaration_at(text, location) {
            true
        } else {
            self.record_error(&format!("Expected \"{text}\"."));
            false
        }
    }

    fn record_error_at(&mut self, pos: Option<Pos>, msg: &str) {
        self.input.error_count += 1;
        let file = self.input.file;
        self.input.diags.error(file, pos, msg.to_string());
        self.had_errors = true;
    }

    fn record_error(&mut self, msg: &str) {
        let p = self.cur_pos();
        self.record_error_at(Some(p), msg);
    }

    fn record_warning_at(&mut self, pos: Pos, msg: &str) {
        let file = self.input.file;
        self.input.diags.warning(file, Some(pos), msg.to_string());
    }

    fn skip_statement(&mut self) {
        loop {
            if self.at_end() {
                return;
            } else if self.looking_at_type(TokenType::Symbol) {
                if self.try_consume_end_of_declaration(";") {
                    return;
                } else if self.try_consume("{") {
                    self.skip_rest_of_block();
                    return;
                } else if self.looking_at("}") {
                    return;
                }
            }
            self.input.next_token();
        }
    }

    fn skip_rest_of_block(&mut self) {
        let mut block_count: usize = 1;
        loop {
            if self.at_end() {
                return;
            } else if self.looking_at_type(TokenType::Symbol) {
                if self.try_consume_end_of_declaration("}") {
                    block_count -= 1;
                    if block_count == 0 {
                        break;
                    }
                } else if self.try_consume("{") {
                    block_count += 1;
                }
            }
            // NB: protoc also skips the token right after a consumed `{` or `}`.
            self.input.next_token();
        }
    }

    // ----------------------------------------------------------------- validation

    fn validate_message(&mut self, message: &DescriptorProto) -> bool {
        if let Some(opts) = &message.options {
            for o in &opts.uninterpreted {
                if let Some(first) = o.name.first()
                    && !first.is_extension
                    && first.name_part == "map_entry"
                {
                    self.record_error_at(
                        o.name_pos,
                        "map_entry should not be set explicitly. Use map<KeyType, ValueType> instead.",
                    );
                    return false;
                }
            }
        }
        true
    }

    fn validate_enum(&mut self, e: &EnumDescriptorProto) -> bool {
        let mut has_allow_alias = false;
        let mut allow_alias = false;
        if let Some(opts) = &e.options {
            for o in &opts.uninterpreted {
                if o.name.len() > 1 {
                    continue;
                }
                if let Some(first) = o.name.first()
                    && !first.is_extension
                    && first.name_part == "allow_alias"
                {
                    has_allow_alias = true;
                    if o.identifier_value.as_deref() == Some("true") {
                        allow_alias = true;
                    }
                    break;
                }
            }
        }
        if has_allow_alias && !allow_alias {
            self.record_error(&format!(
                "\"{}\" declares 'option allow_alias = false;' which has no effect. Please remove the declaration.",
                e.name
            ));
            return false;
        }
        let mut used = FxHashSet::default();
        let mut has_duplicates = false;
        for v in &e.value {
            if !used.insert(v.number) {
                has_duplicates = true;
                break;
            }
        }
        if allow_alias && !has_duplicates {
            self.record_error(&format!(
                "\"{}\" declares support for enum aliases but no enum values share field numbers. Please remove the unnecessary 'option allow_alias = true;' declaration.",
                e.name
            ));
            return false;
        }
        true
    }

    // ----------------------------------------------------------------- file

    fn parse(&mut self, file: &mut FileDescriptorProto) -> bool {
        self.had_errors = false;
        if self.looking_at_type(TokenType::Start) {
            self.next_with_upcoming_comments();
        }
        file.loc.first_token = Some(self.cur_pos());
        let root = self.loc(None, &[]);

        if self.looking_at("syntax") || self.looking_at("edition") {
            if !self.parse_syntax_identifier(file, root) {
                return false;
            }
            file.syntax = match self.syntax {
                SyntaxId::Proto3 => Syntax::Proto3,
                SyntaxId::Editions => Syntax::Editions(self.edition),
                _ => Syntax::Proto2,
            };
        } else {
            // NB: protoc logs this through absl (`W... parser.cc:659] ...`), not through its
            // error collector, naming the file by its virtual name.
            let file_name = self.input.file;
            let virtual_name = self.virtual_name;
            self.input.diags.log(
                file_name,
                format!(
                    "No edition or syntax specified for the proto file: {virtual_name}. Please use 'edition = \"YYYY\";'  to specify a valid edition version. (Defaulted to \"syntax = \"proto2\";\".)"
                ),
            );
            self.syntax = SyntaxId::Proto2;
        }

        while !self.at_end() {
            if !self.parse_top_level_statement(file, root) {
                self.skip_statement();
                if self.looking_at("}") {
                    self.record_error("Unmatched \"}\".");
                    self.next_with_upcoming_comments();
                }
            }
        }
        self.loc_end(root);

        // Fill the import positions (protoc's table is keyed by name: the last one wins).
        file.loc.dependency = file
            .dependency
            .iter()
            .map(|d| self.import_locs.get(d).copied())
            .collect();
        file.loc.option_dependency = file
            .option_dependency
            .iter()
            .map(|d| self.import_locs.get(d).copied())
            .collect();
        let weak = self.import_locs.get("weak").copied();
        file.loc.weak = file.weak_dependency.iter().map(|_| weak).collect();
        !self.had_errors
    }

    fn parse_syntax_identifier(&mut self, file: &mut FileDescriptorProto, root: Loc) -> bool {
        file.loc.syntax = Some(self.cur_pos());
        // NB: protoc records `edition` under the `syntax` path (12) too.
        let l = self.loc_in(root, &[f::SYNTAX]);
        let has_edition = if self.try_consume("edition") {
            true
        } else {
            ok!(self.consume_msg(
                "syntax",
                "File must begin with an edition or syntax statement, e.g. 'edition = \"2023\";'."
            ));
            false
        };
        ok!(self.consume("="));
        let syntax_pos = self.cur_pos();
        let syntax = some!(self.consume_string("Expected syntax identifier."));
        ok!(self.consume_end_of_declaration_at(";", Some(l)));
        self.loc_end(l);

        if has_edition {
            match edition_from_name(&syntax) {
                Some(e) if e != edition::PROTO2 && e != edition::PROTO3 && e != 0 => {
                    self.edition = e;
                    self.syntax = SyntaxId::Editions;
                    return true;
                }
                _ => {
                    self.record_error_at(
                        Some(syntax_pos),
                        &format!("Unknown edition \"{}\".", lossy(&syntax)),
                    );
                    return false;
                }
            }
        }
        match syntax.as_slice() {
            b"proto2" => self.syntax = SyntaxId::Proto2,
            b"proto3" => self.syntax = SyntaxId::Proto3,
            _ => {
                self.record_error_at(
                    Some(syntax_pos),
                    &format!(
                        "Unrecognized syntax identifier \"{}\".  This parser only recognizes \"proto2\" and \"proto3\".",
                        lossy(&syntax)
                    ),
                );
                return false;
            }
        }
        true
    }

    fn parse_top_level_statement(&mut self, file: &mut FileDescriptorProto, root: Loc) -> bool {
        if self.try_consume_end_of_declaration(";") {
            return true;
        }
        let mut visibility = None;
        if self.looking_at("export") || self.looking_at("local") {
            ok!(self.parse_visibility(&mut visibility));
        }
        if self.looking_at("message") {
            let l = self.loc_in(root, &[f::MESSAGE_TYPE, file.message_type.len() as i32]);
            self.recursion_depth = 32;
            file.message_type.push(DescriptorProto::default());
            let m = file.message_type.last_mut().expect("just pushed");
            let r = self.parse_message_definition(m, visibility, l);
            self.loc_end(l);
            r
        } else if self.looking_at("enum") {
            let l = self.loc_in(root, &[f::ENUM_TYPE, file.enum_type.len() as i32]);
            file.enum_type.push(EnumDescriptorProto::default());
            let e = file.enum_type.last_mut().expect("just pushed");
            let r = self.parse_enum_definition(e, visibility, l);
            self.loc_end(l);
            r
        } else if self.looking_at("service") {
            let l = self.loc_in(root, &[f::SERVICE, file.service.len() as i32]);
            file.service.push(ServiceDescriptorProto::default());
            let s = file.service.last_mut().expect("just pushed");
            let r = self.parse_service_definition(s, l);
            self.loc_end(l);
            r
        } else if self.looking_at("extend") {
            let l = self.loc_in(root, &[f::EXTENSION]);
            let r = self.parse_extend(
                &mut file.extension,
                &mut file.message_type,
                root,
                f::MESSAGE_TYPE,
                l,
            );
            self.loc_end(l);
            r
        } else if self.looking_at("import") {
            self.parse_import(file, root)
        } else if self.looking_at("package") {
            self.parse_package(file, root)
        } else if self.looking_at("option") {
            let l = self.loc_in(root, &[f::OPTIONS]);
            let opts = file.options.get_or_insert_with(Default::default);
            let r = self.parse_option(opts, OptionStyle::Statement, l);
            self.loc_end(l);
            r
        } else {
            self.record_error("Expected top-level statement (e.g. \"message\").");
            false
        }
    }

    fn parse_visibility(&mut self, out: &mut Option<Visibility>) -> bool {
        if self.syntax != SyntaxId::Editions || self.edition <= edition::E2023 {
            return true;
        }
        if self.try_consume("export") {
            *out = Some(Visibility::Export);
        } else if self.try_consume("local") {
            *out = Some(Visibility::Local);
        }
        if out.is_some() && !self.looking_at("message") && !self.looking_at("enum") {
            self.record_error(
                "'local' and 'export' visibility modifiers are valid only on 'message' and 'enum'",
            );
            return false;
        }
        true
    }

    fn parse_package(&mut self, file: &mut FileDescriptorProto, root: Loc) -> bool {
        if file.package.is_some() {
            self.record_error("Multiple package definitions.");
            file.package = None;
        }
        file.loc.package = Some(self.cur_pos());
        let l = self.loc_in(root, &[f::PACKAGE]);
        ok!(self.consume("package"));
        loop {
            let id = some!(self.consume_identifier("Expected identifier."));
            file.package.get_or_insert_with(String::new).push_str(&id);
            if !self.try_consume(".") {
                break;
            }
            file.package.get_or_insert_with(String::new).push('.');
        }
        ok!(self.consume_end_of_declaration_at(";", Some(l)));
        self.loc_end(l);
        true
    }

    fn parse_import(&mut self, file: &mut FileDescriptorProto, root: Loc) -> bool {
        let import_pos = self.cur_pos();
        let import_start = *self.input.current();
        ok!(self.consume("import"));
        if self.looking_at("option") {
            if self.edition < edition::E2024 {
                self.record_error("option import is not supported before edition 2024.");
            }
            let l = self.loc_in(
                root,
                &[f::OPTION_DEPENDENCY, file.option_dependency.len() as i32],
            );
            self.loc_start_at(l, &import_start);
            ok!(self.consume("option"));
            let name = lossy(&some!(
                self.consume_string("Expected a string naming the file to import.")
            ));
            file.option_dependency.push(name.clone());
            self.import_locs.insert(name, import_pos);
            ok!(self.consume_end_of_declaration_at(";", Some(l)));
            self.loc_end(l);
            return true;
        }
        let l = self.loc_in(root, &[f::DEPENDENCY, file.dependency.len() as i32]);
        self.loc_start_at(l, &import_start);
        if !file.option_dependency.is_empty() {
            self.record_error(
                "imports should precede any option imports to ensure proto files can roundtrip.",
            );
        }
        if self.looking_at("public") {
            let pl = self.loc_in(
                root,
                &[f::PUBLIC_DEPENDENCY, file.public_dependency.len() as i32],
            );
            ok!(self.consume("public"));
            self.loc_end(pl);
            file.public_dependency.push(file.dependency.len() as i32);
        } else if self.looking_at("weak") {
            if self.edition >= edition::E2024 {
                self.record_error(
                    "weak import is not supported in edition 2024 and above. Consider using option import instead.",
                );
            }
            let wl = self.loc_in(
                root,
                &[f::WEAK_DEPENDENCY, file.weak_dependency.len() as i32],
            );
            let p = self.cur_pos();
            self.import_locs.insert("weak".to_string(), p);
            ok!(self.consume("weak"));
            self.loc_end(wl);
            file.weak_dependency.push(file.dependency.len() as i32);
        }
        let name = lossy(&some!(
            self.consume_string("Expected a string naming the file to import.")
        ));
        file.dependency.push(name.clone());
        self.import_locs.insert(name, import_pos);
        ok!(self.consume_end_of_declaration_at(";", Some(l)));
        self.loc_end(l);
        true
    }

    // ----------------------------------------------------------------- messages

    fn parse_message_definition(
        &mut self,
        message: &mut DescriptorProto,
        visibility: Option<Visibility>,
        ml: Loc,
    ) -> bool {
        self.recursion_depth -= 1;
        let r = self.parse_message_definition_inner(message, visibility, ml);
        self.recursion_depth += 1;
        r
    }

    fn parse_message_definition_inner(
        &mut self,
        message: &mut DescriptorProto,
        visibility: Option<Visibility>,
        ml: Loc,
    ) -> bool {
        if self.recursion_depth <= 0 {
            self.record_error("Reached maximum recursion limit for nested messages.");
            return false;
        }
        ok!(self.consume("message"));
        message.loc.name = Some(self.cur_pos());
        let nl = self.loc_in(ml, &[msg::NAME]);
        message.name = some!(self.consume_identifier("Expected message name."));
        self.loc_end(nl);
        ok!(self.parse_message_block(message, ml));
        if self.syntax == SyntaxId::Proto3 {
            generate_synthetic_oneofs(message);
        }
        if visibility.is_some() {
            message.visibility = visibility;
        }
        true
    }

    fn parse_message_block(&mut self, message: &mut DescriptorProto, ml: Loc) -> bool {
        if self.block_nesting >= MAX_BLOCK_NESTING {
            // Not a protoc error: protoc crashes at about this depth (see MAX_BLOCK_NESTING).
            self.record_error(&format!(
                "Messages and groups are nested too deeply (more than {MAX_BLOCK_NESTING} levels)."
            ));
            return false;
        }
        self.block_nesting += 1;
        let r = self.parse_message_block_inner(message, ml);
        self.block_nesting -= 1;
        r
    }

    fn parse_message_block_inner(&mut self, message: &mut DescriptorProto, ml: Loc) -> bool {
        ok!(self.consume_end_of_declaration_at("{", Some(ml)));
        while !self.try_consume_end_of_declaration("}") {
            if self.at_end() {
                self.record_error("Reached end of input in message definition (missing '}').");
                return false;
            }
            if !self.parse_message_statement(message, ml) {
                self.skip_statement();
            }
        }
        if !message.extension_range.is_empty() || !message.reserved_range.is_empty() {
            let max = if is_message_set_wire_format(message) {
                i32::MAX
            } else {
                536_870_912
            };
            for r in &mut message.extension_range {
                if r.end == MAX_RANGE_SENTINEL {
                    r.end = max;
                }
            }
            for r in &mut message.reserved_range {
                if r.end == MAX_RANGE_SENTINEL {
                    r.end = max;
                }
            }
        }
        ok!(self.validate_message(message));
        true
    }

    fn parse_message_statement(&mut self, message: &mut DescriptorProto, ml: Loc) -> bool {
        if self.try_consume_end_of_declaration(";") {
            return true;
        }
        let mut visibility = None;
        if self.looking_at("export") || self.looking_at("local") {
            ok!(self.parse_visibility(&mut visibility));
        }
        let r;
        let l;
        if self.looking_at("message") {
            l = self.loc_in(ml, &[msg::NESTED_TYPE, message.nested_type.len() as i32]);
            message.nested_type.push(DescriptorProto::default());
            let m = message.nested_type.last_mut().expect("just pushed");
            r = self.parse_message_definition(m, visibility, l);
        } else if self.looking_at("enum") {
            l = self.loc_in(ml, &[msg::ENUM_TYPE, message.enum_type.len() as i32]);
            message.enum_type.push(EnumDescriptorProto::default());
            let e = message.enum_type.last_mut().expect("just pushed");
            r = self.parse_enum_definition(e, visibility, l);
        } else if self.looking_at("extensions") {
            l = self.loc_in(ml, &[msg::EXTENSION_RANGE]);
            r = self.parse_extensions(message, l);
        } else if self.looking_at("reserved") {
            let mut t = ReservedTarget {
                ranges: &mut message.reserved_range,
                names: &mut message.reserved_name,
                name_pos: &mut message.reserved_name_pos,
                is_enum: false,
            };
            return self.parse_reserved(&mut t, ml);
        } else if self.looking_at("extend") {
            l = self.loc_in(ml, &[msg::EXTENSION]);
            r = self.parse_extend(
                &mut message.extension,
                &mut message.nested_type,
                ml,
                msg::NESTED_TYPE,
                l,
            );
        } else if self.looking_at("option") {
            l = self.loc_in(ml, &[msg::OPTIONS]);
            let opts = message.options.get_or_insert_with(Default::default);
            r = self.parse_option(opts, OptionStyle::Statement, l);
        } else if self.looking_at("oneof") {
            let idx = message.oneof_decl.len();
            l = self.loc_in(ml, &[msg::ONEOF_DECL, idx as i32]);
            message.oneof_decl.push(OneofDescriptorProto::default());
            r = self.parse_oneof(message, idx, l, ml);
        } else {
            l = self.loc_in(ml, &[msg::FIELD, message.field.len() as i32]);
            message.field.push(FieldDescriptorProto::default());
            let DescriptorProto {
                field, nested_type, ..
            } = message;
            let f = field.last_mut().expect("just pushed");
            r = self.parse_message_field(f, nested_type, ml, msg::NESTED_TYPE, l);
        }
        self.loc_end(l);
        r
    }

    /// `ParseMessageField`: `parent` and `nested` say where a group's message location goes
    /// (`parent` path + `[nested, index]`); `fl` is the field's location.
    fn parse_message_field(
        &mut self,
        field: &mut FieldDescriptorProto,
        messages: &mut Vec<DescriptorProto>,
        parent: Loc,
        nested: i32,
        fl: Loc,
    ) -> bool {
        if let Some(label) = self.parse_label(fl) {
            field.label = Some(label);
            if label == Label::Optional && self.syntax == SyntaxId::Proto3 {
                field.proto3_optional = Some(true);
            }
        }
        self.parse_message_field_no_label(field, messages, parent, nested, fl)
    }

    fn parse_label(&mut self, fl: Loc) -> Option<Label> {
        if !self.looking_at("optional")
            && !self.looking_at("repeated")
            && !self.looking_at("required")
        {
            return None;
        }
        if self.looking_at("optional") && self.syntax == SyntaxId::Editions {
            self.record_error(
                "Label \"optional\" is not supported in editions. By default, all singular fields have presence unless features.field_presence is set.",
            );
        }
        if self.looking_at("required") && self.syntax == SyntaxId::Editions {
            self.record_error(
                "Label \"required\" is not supported in editions, use features.field_presence = LEGACY_REQUIRED.",
            );
        }
        let l = self.loc_in(fl, &[fld::LABEL]);
        let label = if self.try_consume("optional") {
            Label::Optional
        } else if self.try_consume("repeated") {
            Label::Repeated
        } else {
            self.consume("required");
            Label::Required
        };
        self.loc_end(l);
        Some(label)
    }

    fn parse_message_field_no_label(
        &mut self,
        field: &mut FieldDescriptorProto,
        messages: &mut Vec<DescriptorProto>,
        parent: Loc,
        nested: i32,
        fl: Loc,
    ) -> bool {
        let mut map_field = MapField::default();
        {
            field.loc.r#type = Some(self.cur_pos());
            // The path is completed once the type is known.
            let tl = self.loc_in(fl, &[]);
            let mut type_parsed = false;
            let mut ty = FieldType::Int32;
            let mut type_name = String::new();
            if self.try_consume("map") {
                if self.looking_at("<") {
                    map_field.is_map_field = true;
                    ok!(self.parse_map_type(&mut map_field, field));
                    self.loc_add_path(tl, fld::TYPE_NAME);
                } else {
                    type_parsed = true;
                    type_name = "map".to_string();
                }
            }
            if !map_field.is_map_field {
                if field.label.is_none() && self.default_to_optional_fields() {
                    field.label = Some(Label::Optional);
                }
                if field.label.is_none() {
                    self.record_error("Expected \"required\", \"optional\", or \"repeated\".");
                    field.label = Some(Label::Optional);
                }
                if !type_parsed {
                    ok!(self.parse_type(&mut ty, &mut type_name));
                }
                if type_name.is_empty() {
                    self.loc_add_path(tl, fld::TYPE);
                    field.r#type = Some(ty);
                } else {
                    self.loc_add_path(tl, fld::TYPE_NAME);
                    field.type_name = Some(type_name);
                }
            }
            self.loc_end(tl);
        }

        let name_token = *self.input.current();
        field.loc.name = Some(name_token.pos());
        let nl = self.loc_in(fl, &[fld::NAME]);
        field.name = some!(self.consume_identifier("Expected field name."));
        self.loc_end(nl);
        ok!(self.consume_msg("=", "Missing field number."));

        field.loc.number = Some(self.cur_pos());
        let numl = self.loc_in(fl, &[fld::NUMBER]);
        field.number = Some(some!(self.consume_integer("Expected field number.")));
        self.loc_end(numl);

        ok!(self.parse_field_options(field, fl));

        if field.r#type == Some(FieldType::Group) {
            // NB: protoc gives a group overlapping locations: the message (from the field's
            // start), its name, and the field's type_name, all at the group's name token.
            let gl = self.loc_in(parent, &[]);
            self.loc_start_at_loc(gl, fl);
            self.loc_add_path(gl, nested);
            self.loc_add_path(gl, messages.len() as i32);
            let gnl = self.loc_in(gl, &[msg::NAME]);
            self.loc_start_at(gnl, &name_token);
            self.loc_end_at(gnl, &name_token);
            let tnl = self.loc_in(fl, &[fld::TYPE_NAME]);
            self.loc_start_at(tnl, &name_token);
            self.loc_end_at(tnl, &name_token);
            let mut group = DescriptorProto {
                name: field.name.clone(),
                ..Default::default()
            };
            group.loc.name = Some(name_token.pos());
            // NB: protoc forces group names to start with a capital letter and lower-cases
            // the field name.
            let first = group.name.as_bytes().first().copied().unwrap_or(0);
            if !first.is_ascii_uppercase() {
                self.record_error_at(
                    Some(name_token.pos()),
                    "Group names must start with a capital letter.",
                );
            }
            field.name.make_ascii_lowercase();
            field.type_name = Some(group.name.clone());
            messages.push(group);
            let group = messages.last_mut().expect("just pushed");
            if self.looking_at("{") {
                ok!(self.parse_message_block(group, gl));
                self.loc_end(gl);
            } else {
                self.record_error("Missing group body.");
                return false;
            }
        } else {
            ok!(self.consume_end_of_declaration_at(";", Some(fl)));
        }

        if map_field.is_map_field {
            generate_map_entry(&map_field, field, messages);
        }
        true
    }

    fn default_to_optional_fields(&self) -> bool {
        matches!(self.syntax, SyntaxId::Editions | SyntaxId::Proto3)
    }

    fn parse_map_type(
        &mut self,
        map_field: &mut MapField,
        field: &mut FieldDescriptorProto,
    ) -> bool {
        if field.oneof_index.is_some() {
            self.record_error("Map fields are not allowed in oneofs.");
            return false;
        }
        if field.label.is_some() {
            self.record_error(
                "Field labels (required/optional/repeated) are not allowed on map fields.",
            );
            return false;
        }
        if field.extendee.is_some() {
            self.record_error("Map fields are not allowed to be extensions.");
            return false;
        }
        field.label = Some(Label::Repeated);
        ok!(self.consume("<"));
        let mut kt = FieldType::Int32;
        ok!(self.parse_type(&mut kt, &mut map_field.key_type_name));
        map_field.key_type = Some(kt);
        ok!(self.consume(","));
        let mut vt = FieldType::Int32;
        ok!(self.parse_type(&mut vt, &mut map_field.value_type_name));
        map_field.value_type = Some(vt);
        ok!(self.consume(">"));
        true
    }

    fn parse_type(&mut self, ty: &mut FieldType, type_name: &mut String) -> bool {
        let fixed = self.syntax == SyntaxId::Editions && self.edition == edition::UNSTABLE;
        let text = self.input.current().text;
        let found = if fixed {
            type_from_name_fixed_wire(text)
        } else {
            type_from_name(text)
        };
        if let Some(t) = found {
            if self.syntax == SyntaxId::Editions && t == FieldType::Group {
                self.record_error(
                    "Group syntax is no longer supported in editions. To get group behavior you can specify features.message_encoding = DELIMITED on a message field.",
                );
            }
            *ty = t;
            self.input.next_token();
        } else if fixed && let Some(repl) = numeric_type_replaced_with(text) {
            let msg = format!(
                "Type '{}' is obsolete in unstable editions, use '{}' instead.",
                lossy(text),
                repl
            );
            self.record_error(&msg);
            self.input.next_token();
        } else {
            ok!(self.parse_user_defined_type(type_name));
        }
        true
    }

    fn parse_user_defined_type(&mut self, type_name: &mut String) -> bool {
        type_name.clear();
        if type_from_name(self.input.current().text).is_some() {
            self.record_error("Expected message type.");
            *type_name = self.input.current().text_string();
            self.input.next_token();
            return true;
        }
        if self.try_consume(".") {
            type_name.push('.');
        }
        let id = some!(self.consume_identifier("Expected type name."));
        type_name.push_str(&id);
        while self.try_consume(".") {
            type_name.push('.');
            let id = some!(self.consume_identifier("Expected identifier."));
            type_name.push_str(&id);
        }
        true
    }

    fn parse_field_options(&mut self, field: &mut FieldDescriptorProto, fl: Loc) -> bool {
        if !self.looking_at("[") {
            return true;
        }
        let ol = self.loc_in(fl, &[fld::OPTIONS]);
        ok!(self.consume("["));
        loop {
            // NB: protoc records `default` and `json_name` under the field, not its options.
            if self.looking_at("default") {
                ok!(self.parse_default_assignment(field, fl));
            } else if self.looking_at("json_name") {
                ok!(self.parse_json_name(field, fl));
            } else {
                let opts = field.options.get_or_insert_with(Default::default);
                ok!(self.parse_option(opts, OptionStyle::Assignment, ol));
            }
            if !self.try_consume(",") {
                break;
            }
        }
        ok!(self.consume("]"));
        self.loc_end(ol);
        true
    }

    fn parse_default_assignment(&mut self, field: &mut FieldDescriptorProto, fl: Loc) -> bool {
        if field.default_value.is_some() {
            self.record_error("Already set option \"default\".");
            field.default_value = None;
        }
        ok!(self.consume("default"));
        ok!(self.consume("="));
        let dl = self.loc_in(fl, &[fld::DEFAULT_VALUE]);
        let r = self.parse_default_value(field);
        self.loc_end(dl);
        r
    }

    fn parse_default_value(&mut self, field: &mut FieldDescriptorProto) -> bool {
        field.loc.default_value = Some(self.cur_pos());
        let dv = field
            .default_value
            .get_or_insert_with(std::string::String::new);

        let Some(ty) = field.r#type else {
            // A named type: take the token as is; the linker checks it.
            dv.push_str(&self.input.current().text_string());
            self.input.next_token();
            return true;
        };
        use FieldType::*;
        match ty {
            Int32 | Int64 | Sint32 | Sint64 | Sfixed32 | Sfixed64 => {
                let mut max_value = if matches!(ty, Int32 | Sint32 | Sfixed32) {
                    i32::MAX as u64
                } else {
                    i64::MAX as u64
                };
                if self.try_consume("-") {
                    dv.push('-');
                    max_value += 1;
                }
                let v = match self
                    .consume_integer64(max_value, "Expected integer for field default value.")
                {
                    Some(v) => v,
                    None => return false,
                };
                let dv = field
                    .default_value
                    .get_or_insert_with(std::string::String::new);
                dv.push_str(&v.to_string());
            }
            Uint32 | Uint64 | Fixed32 | Fixed64 => {
                let max_value = if matches!(ty, Uint32 | Fixed32) {
                    u32::MAX as u64
                } else {
                    u64::MAX
                };
                if self.try_consume("-") {
                    self.record_error("Unsigned field can't have negative default value.");
                }
                let v = some!(
                    self.consume_integer64(max_value, "Expected integer for field default value.")
                );
                let dv = field
                    .default_value
                    .get_or_insert_with(std::string::String::new);
                dv.push_str(&v.to_string());
            }
            Float | Double => {
                if self.try_consume("-") {
                    dv.push('-');
                }
                let v = some!(self.consume_number("Expected number."));
                let dv = field
                    .default_value
                    .get_or_insert_with(std::string::String::new);
                dv.push_str(&lexer::simple_dtoa(v));
            }
            Bool => {
                if self.try_consume("true") {
                    *dv = "true".to_string();
                } else if self.try_consume("false") {
                    *dv = "false".to_string();
                } else {
                    self.record_error("Expected \"true\" or \"false\".");
                    return false;
                }
            }
            String => {
                let s = some!(self.consume_string("Expected string for field default value."));
                field.default_value = Some(lossy(&s));
            }
            Bytes => {
                let s = some!(self.consume_string("Expected string."));
                field.default_value = Some(lexer::c_escape(&s));
            }
            Enum => {
                let s = some!(
                    self.consume_identifier("Expected enum identifier for field default value.")
                );
                field.default_value = Some(s);
            }
            Message | Group => {
                self.record_error("Messages can't have default values.");
                return false;
            }
        }
        true
    }

    fn parse_json_name(&mut self, field: &mut FieldDescriptorProto, fl: Loc) -> bool {
        if field.json_name.is_some() {
            self.record_error("Already set option \"json_name\".");
            field.json_name = None;
        }
        field.loc.json_name_option = Some(self.cur_pos());
        let jl = self.loc_in(fl, &[fld::JSON_NAME]);
        ok!(self.consume("json_name"));
        ok!(self.consume("="));
        field.loc.json_name_value = Some(self.cur_pos());
        // NB: protoc records the value as a second location with the same path.
        let vl = self.loc_in(jl, &[]);
        field.json_name = Some(String::new());
        let s = some!(self.consume_string("Expected string for JSON name."));
        field.json_name = Some(lossy(&s));
        self.loc_end(vl);
        self.loc_end(jl);
        true
    }

    // ----------------------------------------------------------------- options

    fn parse_option_name_part(&mut self, opt: &mut UninterpretedOption, pl: Loc) -> bool {
        opt.name.push(NamePart {
            name_part: String::new(),
            is_extension: false,
        });
        let idx = opt.name.len() - 1;
        if self.looking_at("(") {
            ok!(self.consume("("));
            let l = self.loc_in(pl, &[name_part::NAME_PART]);
            if self.looking_at_type(TokenType::Identifier) {
                // The name so far is empty: the identifier becomes it (not copied).
                opt.name[idx].name_part = some!(self.consume_identifier("Expected identifier."));
            }
            while self.looking_at(".") {
                ok!(self.consume("."));
                opt.name[idx].name_part.push('.');
                let id = some!(self.consume_identifier("Expected identifier."));
                opt.name[idx].name_part.push_str(&id);
            }
            self.loc_end(l);
            ok!(self.consume(")"));
            opt.name[idx].is_extension = true;
        } else {
            let l = self.loc_in(pl, &[name_part::NAME_PART]);
            let id = some!(self.consume_identifier("Expected identifier."));
            self.loc_end(l);
            opt.name[idx].name_part = id;
            opt.name[idx].is_extension = false;
        }
        true
    }

    fn parse_uninterpreted_block(&mut self, value: &mut String) -> bool {
        ok!(self.consume("{"));
        let mut brace_depth: u32 = 1;
        while !self.at_end() {
            if self.looking_at("{") {
                brace_depth += 1;
                if brace_depth > MAX_AGGREGATE_NESTING {
                    // NB: not a protoc error (protoc aborts later, when interpreting it).
                    self.record_error(&format!(
                        "Aggregate value is nested too deeply (more than {MAX_AGGREGATE_NESTING} levels of \"{{\")."
                    ));
                    return false;
                }
            } else if self.looking_at("}") {
                brace_depth -= 1;
            }
            let cur = self.input.current();
            if self.release >= Release::V36_2 {
                // NB: protoc 36.2 keeps the value's line breaks and columns, up to the closing
                // brace (comments become blank space), so a text-format `#` comment ends at
                // its line.
                let prev = self.input.previous();
                if cur.line > prev.line {
                    value.extend(std::iter::repeat_n('\n', (cur.line - prev.line) as usize));
                    value.extend(std::iter::repeat_n(' ', cur.col as usize));
                } else if cur.col > prev.end_col {
                    value.extend(std::iter::repeat_n(' ', (cur.col - prev.end_col) as usize));
                }
            }
            if brace_depth == 0 {
                self.input.next_token();
                return true;
            }
            if self.release < Release::V36_2 && !value.is_empty() {
                value.push(' ');
            }
            value.push_str(&String::from_utf8_lossy(cur.text));
            self.input.next_token();
        }
        self.record_error("Unexpected end of stream while parsing aggregate value.");
        false
    }

    /// `ParseOption`: `ol` is the location of the options message (`[8]`, `M,7`, `F,8`, ...);
    /// the option itself is recorded as `ol,999,i` (rewritten when options are interpreted).
    fn parse_option(&mut self, options: &mut Options, style: OptionStyle, ol: Loc) -> bool {
        let l = self.loc_in(
            ol,
            &[UNINTERPRETED_OPTION, options.uninterpreted.len() as i32],
        );
        let r = self.parse_option_at(options, style, l);
        self.loc_end(l);
        r
    }

    fn parse_option_at(&mut self, options: &mut Options, style: OptionStyle, l: Loc) -> bool {
        if style == OptionStyle::Statement {
            ok!(self.consume("option"));
        }
        options.uninterpreted.push(UninterpretedOption::default());
        let opt = options.uninterpreted.last_mut().expect("just pushed");

        opt.name_pos = Some(self.cur_pos());
        // NB: protoc records the name's and the value's locations under the option's, and
        // drops them all once the option is interpreted (descriptor.cc `UpdateSourceCodeInfo`);
        // a file whose options are not all interpreted fails, and a failed compilation has no
        // output. So they are not recorded (their parent is [`NO_LOC`]): the option's own
        // location `l` is (it takes the path of the field set).
        let nl = self.loc_in(NO_LOC, &[uo::NAME]);
        let pl = self.loc_in(nl, &[0]);
        ok!(self.parse_option_name_part(opt, pl));
        self.loc_end(pl);
        while self.looking_at(".") {
            ok!(self.consume("."));
            let pl = self.loc_in(nl, &[opt.name.len() as i32]);
            ok!(self.parse_option_name_part(opt, pl));
            self.loc_end(pl);
        }
        self.loc_end(nl);

        ok!(self.consume("="));

        opt.value_pos = Some(self.cur_pos());
        let vl = self.loc_in(NO_LOC, &[]);
        let r = self.parse_option_value(opt, vl);
        self.loc_end(vl);
        ok!(r);

        if style == OptionStyle::Statement {
            ok!(self.consume_end_of_declaration_at(";", Some(l)));
        }
        true
    }

    /// The value of an option; `vl` gets the `UninterpretedOption` field of the value kind.
    fn parse_option_value(&mut self, opt: &mut UninterpretedOption, vl: Loc) -> bool {
        let is_negative = self.try_consume("-");
        let ty = self.input.current().ty;
        let mut as_float = false;
        match ty {
            // The `.proto` tokenizer never reads URL characters.
            TokenType::Start | TokenType::UrlChars => return false,
            TokenType::End => {
                self.record_error("Unexpected end of stream while parsing option value.");
                return false;
            }
            TokenType::Identifier => {
                self.loc_add_path(vl, uo::IDENTIFIER_VALUE);
                let value = some!(self.consume_identifier("Expected identifier."));
                if is_negative {
                    if value == "inf" {
                        opt.double_value = Some(f64::NEG_INFINITY);
                    } else if value == "nan" {
                        opt.double_value = Some(f64::NAN);
                    } else {
                        self.record_error("Identifier after '-' symbol must be inf or nan.");
                        return false;
                    }
                } else {
                    opt.identifier_value = Some(value);
                }
            }
            TokenType::Integer => {
                let max_value = if is_negative {
                    i64::MAX as u64 + 1
                } else {
                    u64::MAX
                };
                if let Some(v) = self.try_consume_integer64(max_value) {
                    if is_negative {
                        self.loc_add_path(vl, uo::NEGATIVE_INT_VALUE);
                        opt.negative_int_value = Some(0u64.wrapping_sub(v) as i64);
                    } else {
                        self.loc_add_path(vl, uo::POSITIVE_INT_VALUE);
                        opt.positive_int_value = Some(v);
                    }
                } else {
                    // Too large for an integer: read it as a float.
                    as_float = true;
                }
            }
            TokenType::Float => as_float = true,
            TokenType::String => {
                self.loc_add_path(vl, uo::STRING_VALUE);
                if is_negative {
                    self.record_error("Invalid '-' symbol before string.");
                    return false;
                }
                let v = some!(self.consume_string("Expected string."));
                opt.string_value = Some(v);
            }
            TokenType::Symbol => {
                if self.looking_at("{") {
                    self.loc_add_path(vl, uo::AGGREGATE_VALUE);
                    let mut agg = String::new();
                    let r = self.parse_uninterpreted_block(&mut agg);
                    opt.aggregate_value = Some(agg);
                    ok!(r);
                } else {
                    self.record_error("Expected option value.");
                    return false;
                }
            }
        }
        if as_float {
            self.loc_add_path(vl, uo::DOUBLE_VALUE);
            let v = some!(self.consume_number("Expected number."));
            opt.double_value = Some(if is_negative { -v } else { v });
        }
        true
    }

    // ----------------------------------------------------------------- ranges

    fn parse_extensions(&mut self, message: &mut DescriptorProto, el: Loc) -> bool {
        ok!(self.consume("extensions"));
        let old_range_size = message.extension_range.len();
        loop {
            let rl = self.loc_in(el, &[message.extension_range.len() as i32]);
            message.extension_range.push(ExtensionRange {
                loc: Some(self.cur_pos()),
                ..Default::default()
            });
            let sl = self.loc_in(rl, &[extension_range::START]);
            let start_token = *self.input.current();
            let start = some!(self.consume_integer("Expected field number range."));
            if start == i32::MAX {
                self.record_error("Field number out of bounds.");
                return false;
            }
            self.loc_end(sl);
            let mut end;
            if self.try_consume("to") {
                let endl = self.loc_in(rl, &[extension_range::END]);
                if self.try_consume("max") {
                    end = MAX_RANGE_SENTINEL - 1;
                } else {
                    end = some!(self.consume_integer("Expected integer."));
                    if end == i32::MAX {
                        self.record_error("Field number out of bounds.");
                        return false;
                    }
                }
                self.loc_end(endl);
            } else {
                let endl = self.loc_in(rl, &[extension_range::END]);
                self.loc_start_at(endl, &start_token);
                self.loc_end_at(endl, &start_token);
                end = start;
            }
            self.loc_end(rl);
            end += 1;
            let r = message.extension_range.last_mut().expect("just pushed");
            r.start = start;
            r.end = end;
            if !self.try_consume(",") {
                break;
            }
        }

        if self.looking_at("[") {
            let mut options = Options::default();
            // NB: protoc records the first range's option locations apart (under a
            // placeholder index), then copies them to every range of the statement.
            let range_number_index = self.loc_path_len(el);
            let first_loc = self.loc_count();
            let il = self.loc_in(el, &[0]);
            let ol = self.loc_in(il, &[extension_range::OPTIONS]);
            let ok = (|| {
                ok!(self.consume("["));
                loop {
                    ok!(self.parse_option(&mut options, OptionStyle::Assignment, ol));
                    if !self.try_consume(",") {
                        break;
                    }
                }
                ok!(self.consume("]"));
                true
            })();
            self.loc_end(ol);
            self.loc_end(il);
            if let Some(si) = self.si.as_deref_mut() {
                let recorded = si.locs.split_off(first_loc.min(si.locs.len()));
                for i in old_range_size..message.extension_range.len() {
                    for loc in &recorded {
                        if loc.path.len() == range_number_index + 1 {
                            continue;
                        }
                        let mut copy = loc.clone();
                        if let Some(p) = copy.path.get_mut(range_number_index) {
                            *p = i as i32;
                        }
                        si.locs.push(copy);
                    }
                }
            }
            // The options of the first range are copied to the others (after a success).
            if !ok {
                message.extension_range[old_range_size].options = Some(Box::new(options));
                return false;
            }
            for r in &mut message.extension_range[old_range_size..] {
                r.options = Some(Box::new(options.clone()));
            }
        }
        ok!(self.consume_end_of_declaration_at(";", Some(el)));
        true
    }

    /// `ParseReserved` of a message (`parent` = its location) or an enum.
    fn parse_reserved(&mut self, t: &mut ReservedTarget<'_>, parent: Loc) -> bool {
        let start_token = *self.input.current();
        let (names_field, ranges_field) = if t.is_enum {
            (enum_type::RESERVED_NAME, enum_type::RESERVED_RANGE)
        } else {
            (msg::RESERVED_NAME, msg::RESERVED_RANGE)
        };
        ok!(self.consume("reserved"));
        let l;
        let r = if self.looking_at_type(TokenType::String) {
            if self.syntax == SyntaxId::Editions {
                self.record_error(
                    "Reserved names must be identifiers in editions, not string literals.",
                );
                return false;
            }
            l = self.loc_in(parent, &[names_field]);
            self.loc_start_at(l, &start_token);
            self.parse_reserved_names(t, l)
        } else if self.looking_at_type(TokenType::Identifier) {
            if self.syntax != SyntaxId::Editions {
                self.record_error(
                    "Reserved names must be string literals. (Only editions supports identifiers.)",
                );
                return false;
            }
            l = self.loc_in(parent, &[names_field]);
            self.loc_start_at(l, &start_token);
            self.parse_reserved_identifiers(t, l)
        } else {
            l = self.loc_in(parent, &[ranges_field]);
            self.loc_start_at(l, &start_token);
            self.parse_reserved_numbers(t, l)
        };
        self.loc_end(l);
        r
    }

    fn parse_reserved_names(&mut self, t: &mut ReservedTarget<'_>, l: Loc) -> bool {
        let msg = if t.is_enum {
            "Expected enum value string literal."
        } else {
            "Expected field name string literal."
        };
        loop {
            let pos = self.cur_pos();
            let nl = self.loc_in(l, &[t.names.len() as i32]);
            t.names.push(String::new());
            t.name_pos.push(Some(pos));
            let name = some!(self.consume_string(msg));
            self.loc_end(nl);
            if !lexer::is_identifier(&name) {
                self.record_warning_at(
                    pos,
                    &format!(
                        "Reserved name \"{}\" is not a valid identifier.",
                        lossy(&name)
                    ),
                );
            }
            if let Some(last) = t.names.last_mut() {
                *last = lossy(&name);
            }
            if !self.try_consume(",") {
                break;
            }
        }
        ok!(self.consume_end_of_declaration_at(";", Some(l)));
        true
    }

    fn parse_reserved_identifiers(&mut self, t: &mut ReservedTarget<'_>, l: Loc) -> bool {
        let msg = if t.is_enum {
            "Expected enum value identifier."
        } else {
            "Expected field name identifier."
        };
        loop {
            let pos = self.cur_pos();
            let nl = self.loc_in(l, &[t.names.len() as i32]);
            t.names.push(String::new());
            t.name_pos.push(Some(pos));
            let name = some!(self.consume_identifier(msg));
            self.loc_end(nl);
            if let Some(last) = t.names.last_mut() {
                *last = name;
            }
            if !self.try_consume(",") {
                break;
            }
        }
        ok!(self.consume_end_of_declaration_at(";", Some(l)));
        true
    }

    fn parse_reserved_numbers(&mut self, t: &mut ReservedTarget<'_>, l: Loc) -> bool {
        let mut first = true;
        loop {
            let rl = self.loc_in(l, &[t.ranges.len() as i32]);
            t.ranges.push(ReservedRange {
                loc: Some(self.cur_pos()),
                ..Default::default()
            });
            let sl = self.loc_in(rl, &[reserved_range::START]);
            let start_token = *self.input.current();
            let (start, end);
            if t.is_enum {
                start = some!(self.consume_signed_integer(if first {
                    "Expected enum value or number range."
                } else {
                    "Expected enum number range."
                }));
                self.loc_end(sl);
                if self.try_consume("to") {
                    let endl = self.loc_in(rl, &[reserved_range::END]);
                    if self.try_consume("max") {
                        end = i32::MAX;
                    } else {
                        end = some!(self.consume_signed_integer("Expected integer."));
                    }
                    self.loc_end(endl);
                } else {
                    self.single_range_end(rl, &start_token);
                    end = start;
                }
            } else {
                start = some!(self.consume_integer(if first {
                    "Expected field name or number range."
                } else {
                    "Expected field number range."
                }));
                ok!(self.reserved_number_in_bounds(start));
                self.loc_end(sl);
                let e = if self.try_consume("to") {
                    let endl = self.loc_in(rl, &[reserved_range::END]);
                    let e = if self.try_consume("max") {
                        MAX_RANGE_SENTINEL - 1
                    } else {
                        let e = some!(self.consume_integer("Expected integer."));
                        ok!(self.reserved_number_in_bounds(e));
                        e
                    };
                    self.loc_end(endl);
                    e
                } else {
                    self.single_range_end(rl, &start_token);
                    start
                };
                // NB: protoc's `++end` overflows for INT32_MAX; wrap like it does.
                end = e.wrapping_add(1);
            }
            self.loc_end(rl);
            let r = t.ranges.last_mut().expect("just pushed");
            r.start = start;
            r.end = end;
            first = false;
            if !self.try_consume(",") {
                break;
            }
        }
        ok!(self.consume_end_of_declaration_at(";", Some(l)));
        true
    }

    /// protoc 36.2 refuses a message's reserved number INT32_MAX (whose exclusive end would
    /// overflow), at the token after it; 35.1 lets `++end` wrap.
    fn reserved_number_in_bounds(&mut self, n: i32) -> bool {
        if self.release >= Release::V36_2 && n == i32::MAX {
            self.record_error("Field number out of bounds.");
            return false;
        }
        true
    }

    /// The `end` location of a one-number range: the start token again.
    fn single_range_end(&mut self, rl: Loc, start_token: &Token<'_>) {
        let endl = self.loc_in(rl, &[reserved_range::END]);
        self.loc_start_at(endl, start_token);
        self.loc_end_at(endl, start_token);
    }

    // ----------------------------------------------------------------- extend, oneof

    /// `ParseExtend`: `parent` and `nested` place groups (see [`Self::parse_message_field`]);
    /// `xl` is the block's location (`[7]` or `M,6`).
    fn parse_extend(
        &mut self,
        extensions: &mut Vec<FieldDescriptorProto>,
        messages: &mut Vec<DescriptorProto>,
        parent: Loc,
        nested: i32,
        xl: Loc,
    ) -> bool {
        ok!(self.consume("extend"));
        let extendee_pos = self.cur_pos();
        let extendee_start = *self.input.current();
        let mut extendee = String::new();
        ok!(self.parse_user_defined_type(&mut extendee));
        let extendee_end = *self.input.previous();
        ok!(self.consume_end_of_declaration_at("{", Some(xl)));

        let mut is_first = true;
        loop {
            if self.at_end() {
                self.record_error("Reached end of input in extend definition (missing '}').");
                return false;
            }
            let fl = self.loc_in(xl, &[extensions.len() as i32]);
            let el = self.loc_in(fl, &[fld::EXTENDEE]);
            self.loc_start_at(el, &extendee_start);
            self.loc_end_at(el, &extendee_end);
            let mut field = FieldDescriptorProto::default();
            if is_first {
                field.loc.extendee = Some(extendee_pos);
                is_first = false;
            }
            field.extendee = Some(extendee.clone());
            extensions.push(field);
            let f = extensions.last_mut().expect("just pushed");
            if !self.parse_message_field(f, messages, parent, nested, fl) {
                self.skip_statement();
            }
            self.loc_end(fl);
            if self.try_consume_end_of_declaration("}") {
                break;
            }
        }
        true
    }

    fn parse_oneof(
        &mut self,
        containing_type: &mut DescriptorProto,
        oneof_index: usize,
        ol: Loc,
        ml: Loc,
    ) -> bool {
        ok!(self.consume("oneof"));
        let nl = self.loc_in(ol, &[oneof::NAME]);
        let name = some!(self.consume_identifier("Expected oneof name."));
        self.loc_end(nl);
        containing_type.oneof_decl[oneof_index].name = name;
        ok!(self.consume_end_of_declaration_at("{", Some(ol)));

        loop {
            if self.at_end() {
                self.record_error("Reached end of input in oneof definition (missing '}').");
                return false;
            }
            'body: {
                if self.looking_at("option") {
                    let opl = self.loc_in(ol, &[oneof::OPTIONS]);
                    let opts = containing_type.oneof_decl[oneof_index]
                        .options
                        .get_or_insert_with(Default::default);
                    if !self.parse_option(opts, OptionStyle::Statement, opl) {
                        return false;
                    }
                    self.loc_end(opl);
                    break 'body;
                }
                if self.looking_at("required")
                    || self.looking_at("optional")
                    || self.looking_at("repeated")
                {
                    self.record_error(
                        "Fields in oneofs must not have labels (required / optional / repeated).",
                    );
                    self.input.next_token();
                }
                let fl = self.loc_in(ml, &[msg::FIELD, containing_type.field.len() as i32]);
                containing_type.field.push(FieldDescriptorProto {
                    label: Some(Label::Optional),
                    oneof_index: Some(oneof_index as i32),
                    ..Default::default()
                });
                let DescriptorProto {
                    field, nested_type, ..
                } = &mut *containing_type;
                let f = field.last_mut().expect("just pushed");
                if !self.parse_message_field_no_label(f, nested_type, ml, msg::NESTED_TYPE, fl) {
                    self.skip_statement();
                }
                self.loc_end(fl);
            }
            if self.try_consume_end_of_declaration("}") {
                break;
            }
        }
        true
    }

    // ----------------------------------------------------------------- enums

    fn parse_enum_definition(
        &mut self,
        enum_type: &mut EnumDescriptorProto,
        visibility: Option<Visibility>,
        enl: Loc,
    ) -> bool {
        ok!(self.consume("enum"));
        enum_type.loc.name = Some(self.cur_pos());
        let nl = self.loc_in(enl, &[enum_type::NAME]);
        enum_type.name = some!(self.consume_identifier("Expected enum name."));
        self.loc_end(nl);
        ok!(self.parse_enum_block(enum_type, enl));
        ok!(self.validate_enum(enum_type));
        if visibility.is_some() {
            enum_type.visibility = visibility;
        }
        true
    }

    fn parse_enum_block(&mut self, enum_type: &mut EnumDescriptorProto, enl: Loc) -> bool {
        ok!(self.consume_end_of_declaration_at("{", Some(enl)));
        while !self.try_consume_end_of_declaration("}") {
            if self.at_end() {
                self.record_error("Reached end of input in enum definition (missing '}').");
                return false;
            }
            if !self.parse_enum_statement(enum_type, enl) {
                self.skip_statement();
            }
        }
        true
    }

    fn parse_enum_statement(&mut self, enum_type: &mut EnumDescriptorProto, enl: Loc) -> bool {
        if self.try_consume_end_of_declaration(";") {
            true
        } else if self.looking_at("option") {
            let l = self.loc_in(enl, &[enum_type::OPTIONS]);
            let opts = enum_type.options.get_or_insert_with(Default::default);
            let r = self.parse_option(opts, OptionStyle::Statement, l);
            self.loc_end(l);
            r
        } else if self.looking_at("reserved") {
            let mut t = ReservedTarget {
                ranges: &mut enum_type.reserved_range,
                names: &mut enum_type.reserved_name,
                name_pos: &mut enum_type.reserved_name_pos,
                is_enum: true,
            };
            self.parse_reserved(&mut t, enl)
        } else {
            let l = self.loc_in(enl, &[enum_type::VALUE, enum_type.value.len() as i32]);
            enum_type.value.push(EnumValueDescriptorProto::default());
            let v = enum_type.value.last_mut().expect("just pushed");
            let r = self.parse_enum_constant(v, l);
            self.loc_end(l);
            r
        }
    }

    fn parse_enum_constant(&mut self, v: &mut EnumValueDescriptorProto, vl: Loc) -> bool {
        v.loc.name = Some(self.cur_pos());
        let nl = self.loc_in(vl, &[enum_value::NAME]);
        v.name = some!(self.consume_identifier("Expected enum constant name."));
        self.loc_end(nl);
        ok!(self.consume_msg("=", "Missing numeric value for enum constant."));
        v.loc.number = Some(self.cur_pos());
        let numl = self.loc_in(vl, &[enum_value::NUMBER]);
        v.number = some!(self.consume_signed_integer("Expected integer."));
        self.loc_end(numl);
        if self.looking_at("[") {
            let ol = self.loc_in(vl, &[enum_value::OPTIONS]);
            ok!(self.consume("["));
            loop {
                let opts = v.options.get_or_insert_with(Default::default);
                ok!(self.parse_option(opts, OptionStyle::Assignment, ol));
                if !self.try_consume(",") {
                    break;
                }
            }
            ok!(self.consume("]"));
            self.loc_end(ol);
        }
        ok!(self.consume_end_of_declaration_at(";", Some(vl)));
        true
    }

    // ----------------------------------------------------------------- services

    fn parse_service_definition(&mut self, service: &mut ServiceDescriptorProto, sl: Loc) -> bool {
        ok!(self.consume("service"));
        service.loc.name = Some(self.cur_pos());
        let nl = self.loc_in(sl, &[service::NAME]);
        service.name = some!(self.consume_identifier("Expected service name."));
        self.loc_end(nl);
        ok!(self.consume_end_of_declaration_at("{", Some(sl)));
        while !self.try_consume_end_of_declaration("}") {
            if self.at_end() {
                self.record_error("Reached end of input in service definition (missing '}').");
                return false;
            }
            if !self.parse_service_statement(service, sl) {
                self.skip_statement();
            }
        }
        true
    }

    fn parse_service_statement(&mut self, service: &mut ServiceDescriptorProto, sl: Loc) -> bool {
        if self.try_consume_end_of_declaration(";") {
            true
        } else if self.looking_at("option") {
            let l = self.loc_in(sl, &[service::OPTIONS]);
            let opts = service.options.get_or_insert_with(Default::default);
            let r = self.parse_option(opts, OptionStyle::Statement, l);
            self.loc_end(l);
            r
        } else {
            let l = self.loc_in(sl, &[service::METHOD, service.method.len() as i32]);
            service.method.push(MethodDescriptorProto::default());
            let m = service.method.last_mut().expect("just pushed");
            let r = self.parse_service_method(m, l);
            self.loc_end(l);
            r
        }
    }

    fn parse_service_method(&mut self, method: &mut MethodDescriptorProto, ml: Loc) -> bool {
        ok!(self.consume("rpc"));
        method.loc.name = Some(self.cur_pos());
        let nl = self.loc_in(ml, &[method::NAME]);
        method.name = some!(self.consume_identifier("Expected method name."));
        self.loc_end(nl);

        ok!(self.consume("("));
        if self.looking_at("stream") {
            method.loc.stream = Some(self.cur_pos());
            let l = self.loc_in(ml, &[method::CLIENT_STREAMING]);
            method.client_streaming = true;
            ok!(self.consume("stream"));
            self.loc_end(l);
        }
        method.loc.input_type = Some(self.cur_pos());
        let il = self.loc_in(ml, &[method::INPUT_TYPE]);
        ok!(self.parse_user_defined_type(&mut method.input_type));
        self.loc_end(il);
        ok!(self.consume(")"));

        ok!(self.consume("returns"));
        ok!(self.consume("("));
        if self.looking_at("stream") {
            // NB: protoc's table keeps one OTHER position per method: the last `stream`.
            method.loc.stream = Some(self.cur_pos());
            let l = self.loc_in(ml, &[method::SERVER_STREAMING]);
            ok!(self.consume("stream"));
            self.loc_end(l);
            method.server_streaming = true;
        }
        method.loc.output_type = Some(self.cur_pos());
        let ol = self.loc_in(ml, &[method::OUTPUT_TYPE]);
        ok!(self.parse_user_defined_type(&mut method.output_type));
        self.loc_end(ol);
        ok!(self.consume(")"));

        if self.looking_at("{") {
            let opts = method.options.get_or_insert_with(Default::default);
            ok!(self.parse_method_options(opts, ml));
        } else {
            ok!(self.consume_end_of_declaration_at(";", Some(ml)));
        }
        true
    }

    fn parse_method_options(&mut self, opts: &mut Options, ml: Loc) -> bool {
        // NB: protoc ignores the result of consuming the `{`.
        self.consume_end_of_declaration_at("{", Some(ml));
        while !self.try_consume_end_of_declaration("}") {
            if self.at_end() {
                self.record_error("Reached end of input in method options (missing '}').");
                return false;
            }
            if self.try_consume_end_of_declaration(";") {
                // empty statement
            } else {
                let l = self.loc_in(ml, &[method::OPTIONS]);
                if !self.parse_option(opts, OptionStyle::Statement, l) {
                    self.skip_statement();
                }
                self.loc_end(l);
            }
        }
        true
    }
}

/// `GenerateMapEntry`: the `XEntry` nested type of a map field.
fn generate_map_entry(
    map_field: &MapField,
    field: &mut FieldDescriptorProto,
    messages: &mut Vec<DescriptorProto>,
) {
    let entry_name = map_entry_name(&field.name);
    field.type_name = Some(entry_name.clone());
    let mut key = FieldDescriptorProto {
        name: "key".to_string(),
        label: Some(Label::Optional),
        number: Some(1),
        ..Default::default()
    };
    if map_field.key_type_name.is_empty() {
        key.r#type = map_field.key_type;
    } else {
        key.type_name = Some(map_field.key_type_name.clone());
    }
    let mut value = FieldDescriptorProto {
        name: "value".to_string(),
        label: Some(Label::Optional),
        number: Some(2),
        ..Default::default()
    };
    if map_field.value_type_name.is_empty() {
        value.r#type = map_field.value_type;
    } else {
        value.type_name = Some(map_field.value_type_name.clone());
    }
    if let Some(opts) = &field.options {
        for o in &opts.uninterpreted {
            let Some(first) = o.name.first() else {
                continue;
            };
            // NB: protoc also copies the legacy `enforce_utf8` option onto string key/value.
            if o.name.len() == 1 && first.name_part == "enforce_utf8" && !first.is_extension {
                if key.r#type == Some(FieldType::String) {
                    key.options
                        .get_or_insert_with(Default::default)
                        .uninterpreted
                        .push(o.clone());
                }
                if value.r#type == Some(FieldType::String) {
                    value
                        .options
                        .get_or_insert_with(Default::default)
                        .uninterpreted
                        .push(o.clone());
                }
            }
            if first.name_part == "features" && !first.is_extension {
                key.options
                    .get_or_insert_with(Default::default)
                    .uninterpreted
                    .push(o.clone());
                value
                    .options
                    .get_or_insert_with(Default::default)
                    .uninterpreted
                    .push(o.clone());
            }
        }
    }
    messages.push(DescriptorProto {
        name: entry_name,
        field: vec![key, value],
        options: Some(Box::new(Options {
            uninterpreted: Vec::new(),
            // map_entry = true (MessageOptions field 7).
            bytes: vec![0x38, 0x01],
            unresolved_features: false,
        })),
        ..Default::default()
    });
}
