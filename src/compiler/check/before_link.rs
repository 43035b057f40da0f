//! protoc's structural checks that run while a file is built, after its symbols are
//! registered and before it is cross-linked: field and range numbers, reserved names and
//! ranges, empty enums (descriptor.cc `BuildMessage`, `BuildFieldOrExtension`,
//! `BuildExtensionRange`, `BuildReservedRange`, `BuildEnum`). They also collect the
//! `SuggestFieldNumbers` hints `after_link` prints.

use std::collections::HashMap;

use crate::compiler::build_order::{self as order, BuildKey, Keyed, at};
use crate::compiler::context::FileContext;
use crate::compiler::link::defaults;
use crate::compiler::link::symbols::MAX_MESSAGE_DEPTH;
use crate::compiler::pool::Pool;
use crate::descriptor::model::*;
use crate::descriptor::numbers::{file as f, message as msg};
use crate::descriptor::path::join;
use crate::diagnostics::Diagnostics;

/// protoc's `FieldDescriptor::kMaxNumber`.
pub const MAX_NUMBER: i32 = 536_870_911;

/// `MessageHints`, per top-level message index: how many numbers to suggest and where the
/// first reason was.
#[derive(Default)]
pub struct Hints {
    pub(super) by_message: HashMap<usize, (i32, MaybePos)>,
}

impl Hints {
    /// `RequestHintOnFieldNumbers` for a reason inside message `path` (only top-level messages
    /// ever print hints, so others are dropped).
    fn request(&mut self, path: &[i32], pos: MaybePos, start: i32, end: i32) {
        if path.len() != 2 {
            return;
        }
        let fit = |v: i64| v.clamp(0, MAX_NUMBER as i64);
        let e = self.by_message.entry(path[1] as usize).or_insert((0, pos));
        e.0 = fit(e.0 as i64 + fit(fit(end as i64) - fit(start as i64))) as i32;
    }
}

struct Checker<'a> {
    errors: Vec<Keyed>,
    /// Where in protoc's building walk the checker is (errors are tagged with it).
    key: BuildKey,
    hints: Hints,
    _file: &'a FileDescriptorProto,
}

/// Most fields one message may have (descriptor.cc kMaxFieldsPerMessage).
pub const MAX_FIELDS_PER_MESSAGE: usize = 65535;

/// The checks of `BuildMessage`/`BuildEnum`/`BuildField` on the file at `ctx.index`, in
/// protoc's order. Returns the number hints for `after_link::run`.
pub fn run(pool: &Pool, diags: &mut Diagnostics, ctx: &FileContext) -> Hints {
    let (hints, errors) = run_keyed(pool, ctx);
    order::report(diags, &ctx.display_name, vec![errors]);
    hints
}

/// [`run`], its errors returned with their place in protoc's building walk (for merging with
/// `link::symbols`'s).
pub fn run_keyed(pool: &Pool, ctx: &FileContext) -> (Hints, Vec<Keyed>) {
    let file = pool.file(ctx.index);
    let mut c = Checker {
        errors: Vec::new(),
        key: Vec::new(),
        hints: Hints::default(),
        _file: file,
    };
    let pkg = file.package.clone().unwrap_or_default();
    for (i, m) in file.message_type.iter().enumerate() {
        c.key = vec![order::file::MESSAGE, i as u32];
        c.message(m, &pkg, &[f::MESSAGE_TYPE, i as i32]);
    }
    for (i, e) in file.enum_type.iter().enumerate() {
        c.key = vec![order::file::ENUM, i as u32];
        c.enum_type(e);
    }
    for (i, x) in file.extension.iter().enumerate() {
        c.key = vec![order::file::EXTENSION, i as u32, order::field::CHECKS];
        c.field(x, &pkg, true, &[]);
    }
    let Checker { errors, hints, .. } = c;
    (hints, errors)
}

impl Checker<'_> {
    fn err(&mut self, pos: MaybePos, msg: impl Into<String>) {
        self.errors.push(Keyed {
            key: self.key.clone(),
            pos,
            msg: msg.into(),
        });
    }

    fn field(&mut self, f: &FieldDescriptorProto, scope: &str, is_ext: bool, parent: &[i32]) {
        // Only a descriptor set can hold this one (the parser sets it in proto3 files only).
        if f.proto3_optional == Some(true) && self._file.syntax != Syntax::Proto3 {
            let full = join(scope, &f.name);
            // NB: protoc's message lacks the space between "proto3" and "fields".
            self.err(
                f.loc.r#type,
                format!(
                    "The [proto3_optional=true] option may only be set on proto3fields, not {full}"
                ),
            );
        }
        if is_ext && f.label == Some(Label::Required) {
            let full = join(scope, &f.name);
            self.err(
                f.loc.r#type,
                format!("The extension {full} cannot be required."),
            );
        }
        if f.default_value.is_some() && f.label == Some(Label::Repeated) {
            self.err(
                f.loc.default_value,
                "Repeated fields can't have default values.",
            );
        }
        // protoc parses a default while building the field when its type is already known
        // (scalars and groups from the parser, any type from a descriptor set); cross-linking
        // normalises it later without a second report.
        if let (Some(t), Some(d)) = (f.r#type, &f.default_value) {
            match t {
                FieldType::Message | FieldType::Group => {
                    self.err(f.loc.default_value, "Messages can't have default values.")
                }
                FieldType::Enum | FieldType::String | FieldType::Bytes => {}
                FieldType::Bool => {
                    if d != "true" && d != "false" {
                        self.err(
                            f.loc.default_value,
                            "Boolean default must be true or false.",
                        );
                    }
                }
                _ => {
                    if let Err(msg) = defaults::normalize(t, d) {
                        self.err(f.loc.default_value, msg);
                    }
                }
            }
        }
        let n = f.number.unwrap_or(0);
        if n <= 0 {
            self.hints.request(parent, f.loc.number, 0, 1);
            self.err(f.loc.number, "Field numbers must be positive integers.");
        } else if !is_ext && n > MAX_NUMBER {
            self.hints.request(parent, f.loc.number, 0, 1);
            self.err(
                f.loc.number,
                format!("Field numbers cannot be greater than {MAX_NUMBER}."),
            );
        }
        // What only a descriptor set can get wrong about an extension.
        if is_ext && f.extendee.is_none() {
            self.err(
                f.loc.extendee,
                "FieldDescriptorProto.extendee not set for extension field.",
            );
        }
        if is_ext && f.oneof_index.is_some() {
            self.err(
                f.loc.r#type,
                "FieldDescriptorProto.oneof_index should not be set for extensions.",
            );
        }
    }

    /// `BuildMessage`'s checks; `self.key` is the message's place in the building walk.
    fn message(&mut self, m: &DescriptorProto, scope: &str, path: &[i32]) {
        use order::message as mk;
        let base = std::mem::take(&mut self.key);
        let full = join(scope, &m.name);
        for (i, f) in m.field.iter().enumerate() {
            self.key = at(&base, &[mk::FIELD, i as u32, order::field::CHECKS]);
            self.field(f, &full, false, path);
            // BuildFieldOrExtension's checks of what only a descriptor set can get wrong.
            if f.extendee.is_some() {
                self.err(
                    f.loc.extendee,
                    "FieldDescriptorProto.extendee set for non-extension field.",
                );
            }
            if let Some(i) = f.oneof_index
                && usize::try_from(i).map_or(true, |i| i >= m.oneof_decl.len())
            {
                self.err(
                    f.loc.r#type,
                    format!(
                        "FieldDescriptorProto.oneof_index {i} is out of range for type \"{}\".",
                        m.name
                    ),
                );
            }
        }
        for (i, e) in m.enum_type.iter().enumerate() {
            self.key = at(&base, &[mk::ENUM, i as u32]);
            self.enum_type(e);
        }
        for (i, r) in m.extension_range.iter().enumerate() {
            self.key = at(&base, &[mk::EXTENSION_RANGE, i as u32]);
            if r.start <= 0 {
                self.hints.request(path, r.loc, r.start, r.end);
                self.err(r.loc, "Extension numbers must be positive integers.");
            }
            if r.start >= r.end {
                self.err(
                    r.loc,
                    "Extension range end number must be greater than start number.",
                );
            }
        }
        for (i, x) in m.extension.iter().enumerate() {
            self.key = at(&base, &[mk::EXTENSION, i as u32, order::field::CHECKS]);
            self.field(x, &full, true, path);
        }
        for (i, r) in m.reserved_range.iter().enumerate() {
            self.key = at(&base, &[mk::RESERVED_RANGE, i as u32]);
            if r.start <= 0 {
                self.hints.request(path, r.loc, r.start, r.end);
                self.err(r.loc, "Reserved numbers must be positive integers.");
            }
            if r.start >= r.end {
                self.err(
                    r.loc,
                    "Reserved range end number must be greater than start number.",
                );
            }
        }
        // NB: protoc's BuildMessage returns here at its nesting limit: no nested messages,
        // none of the checks below (see link/symbols.rs MAX_MESSAGE_DEPTH).
        if path.len() >= 2 * MAX_MESSAGE_DEPTH {
            return;
        }
        for (i, n) in m.nested_type.iter().enumerate() {
            self.key = at(&base, &[mk::NESTED, i as u32]);
            let mut p = path.to_vec();
            p.extend([msg::NESTED_TYPE, i as i32]);
            self.message(n, &full, &p);
        }
        self.key = at(&base, &[mk::CHECKS]);
        let rr = &m.reserved_range;
        for (i, r1) in rr.iter().enumerate() {
            for r2 in &rr[i + 1..] {
                if r1.end > r2.start && r2.end > r1.start {
                    self.err(
                        r1.loc,
                        format!(
                            "Reserved range {} to {} overlaps with already-defined range {} to {}.",
                            r2.start,
                            r2.end as i64 - 1,
                            r1.start,
                            r1.end as i64 - 1
                        ),
                    );
                }
            }
        }
        let mut names = std::collections::HashSet::new();
        for n in &m.reserved_name {
            if !names.insert(n.as_str()) {
                self.err(
                    m.loc.name,
                    format!("Field name \"{n}\" is reserved multiple times."),
                );
            }
        }
        // NB: protoc limits a message to 65,535 fields (descriptor.cc kMaxFieldsPerMessage); TYPE
        // is never recorded for a message, so the error has no position.
        if m.field.len() > MAX_FIELDS_PER_MESSAGE {
            self.err(
                None,
                format!(
                    "{} fields in {full} exceeds the limit of {MAX_FIELDS_PER_MESSAGE}",
                    m.field.len()
                ),
            );
        }
        for f in &m.field {
            let n = f.number.unwrap_or(0);
            for r in &m.extension_range {
                if r.start <= n && n < r.end {
                    self.hints.request(path, r.loc, 0, 1);
                    self.err(
                        r.loc,
                        format!(
                            "Extension range {} to {} includes field \"{}\" ({n}).",
                            r.start,
                            r.end as i64 - 1,
                            f.name
                        ),
                    );
                }
            }
            for r in rr {
                if r.start <= n && n < r.end {
                    self.hints.request(path, r.loc, 0, 1);
                    self.err(
                        r.loc,
                        format!("Field \"{}\" uses reserved number {n}.", f.name),
                    );
                }
            }
            if names.contains(f.name.as_str()) {
                self.err(
                    f.loc.name,
                    format!("Field name \"{}\" is reserved.", f.name),
                );
            }
        }
        let xr = &m.extension_range;
        for (i, r1) in xr.iter().enumerate() {
            for r2 in rr {
                if r1.end > r2.start && r2.end > r1.start {
                    self.err(
                        r1.loc,
                        format!(
                            "Extension range {} to {} overlaps with reserved range {} to {}.",
                            r1.start,
                            r1.end as i64 - 1,
                            r2.start,
                            r2.end as i64 - 1
                        ),
                    );
                }
            }
            for r2 in &xr[i + 1..] {
                if r1.end > r2.start && r2.end > r1.start {
                    self.err(
                        r1.loc,
                        format!(
                            "Extension range {} to {} overlaps with already-defined range {} to {}.",
                            r2.start,
                            r2.end as i64 - 1,
                            r1.start,
                            r1.end as i64 - 1
                        ),
                    );
                }
            }
        }
    }

    /// `BuildEnum`'s checks; `self.key` is the enum's place in the building walk.
    fn enum_type(&mut self, e: &EnumDescriptorProto) {
        use order::enumeration as ek;
        let base = std::mem::take(&mut self.key);
        self.key = at(&base, &[ek::EMPTY]);
        if e.value.is_empty() {
            self.err(e.loc.name, "Enums must contain at least one value.");
        }
        for (i, r) in e.reserved_range.iter().enumerate() {
            self.key = at(&base, &[ek::RESERVED_RANGE, i as u32]);
            if r.start > r.end {
                self.err(
                    r.loc,
                    "Reserved range end number must be greater than start number.",
                );
            }
        }
        self.key = at(&base, &[ek::CHECKS]);
        let rr = &e.reserved_range;
        for (i, r1) in rr.iter().enumerate() {
            for r2 in &rr[i + 1..] {
                if r1.end >= r2.start && r2.end >= r1.start {
                    self.err(
                        r1.loc,
                        format!(
                            "Reserved range {} to {} overlaps with already-defined range {} to {}.",
                            r2.start, r2.end, r1.start, r1.end
                        ),
                    );
                }
            }
        }
        let mut names = std::collections::HashSet::new();
        for n in &e.reserved_name {
            if !names.insert(n.as_str()) {
                self.err(
                    e.loc.name,
                    format!("Enum value \"{n}\" is reserved multiple times."),
                );
            }
        }
        for v in &e.value {
            for r in rr {
                if r.start <= v.number && v.number <= r.end {
                    self.err(
                        r.loc,
                        format!(
                            "Enum value \"{}\" uses reserved number {}.",
                            v.name, v.number
                        ),
                    );
                }
            }
            if names.contains(v.name.as_str()) {
                self.err(
                    v.loc.name,
                    format!("Enum value \"{}\" is reserved.", v.name),
                );
            }
        }
    }
}
