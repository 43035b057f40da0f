//! protoc's structural checks that run while a file is built, before option interpretation:
//! field and range numbers, reserved names and ranges, empty enums (d.cc `BuildMessage`,
//! `BuildFieldOrExtension`, `BuildExtensionRange`, `BuildReservedRange`, `BuildEnum`); the
//! field-number conflicts found while cross-linking (`CrossLinkField`); and the
//! `SuggestFieldNumbers` hint that follows cross-linking.

use std::collections::HashMap;

use super::build::{Builder, MAX_MESSAGE_DEPTH};
use super::pool::{Symbol, SymbolKind, join};
use crate::descriptor::model::*;

/// protoc's `FieldDescriptor::kMaxNumber`.
pub const MAX_NUMBER: i32 = 536_870_911;

/// `MessageHints`, per top-level message index: how many numbers to suggest and where the
/// first reason was.
#[derive(Default)]
pub struct Hints {
    by_message: HashMap<usize, (i32, MaybePos)>,
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
    errors: Vec<(MaybePos, String)>,
    hints: Hints,
    _file: &'a FileDescriptorProto,
}

/// Most fields one message may have (d.cc kMaxFieldsPerMessage).
pub const MAX_FIELDS_PER_MESSAGE: usize = 65535;

/// The checks of `BuildMessage`/`BuildEnum`/`BuildField`, in protoc's order. Returns the
/// number hints for `suggest_field_numbers`.
pub fn check_structure(b: &mut Builder, index: u32, display: &str) -> Hints {
    let file = b.pool.file(index);
    let mut c = Checker {
        errors: Vec::new(),
        hints: Hints::default(),
        _file: file,
    };
    let pkg = file.package.clone().unwrap_or_default();
    for (i, m) in file.message_type.iter().enumerate() {
        c.message(m, &pkg, &[4, i as i32]);
    }
    for e in &file.enum_type {
        c.enum_type(e);
    }
    for x in &file.extension {
        c.field(x, &pkg, true, &[]);
    }
    let Checker { errors, hints, .. } = c;
    for (pos, e) in errors {
        b.diags.error(display, pos, e);
    }
    hints
}

impl Checker<'_> {
    fn err(&mut self, pos: MaybePos, msg: impl Into<String>) {
        self.errors.push((pos, msg.into()));
    }

    fn field(&mut self, f: &FieldDescriptorProto, scope: &str, is_ext: bool, parent: &[i32]) {
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
    }

    fn message(&mut self, m: &DescriptorProto, scope: &str, path: &[i32]) {
        let full = join(scope, &m.name);
        for f in &m.field {
            self.field(f, &full, false, path);
        }
        for e in &m.enum_type {
            self.enum_type(e);
        }
        for r in &m.extension_range {
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
        for x in &m.extension {
            self.field(x, &full, true, path);
        }
        for r in &m.reserved_range {
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
        // none of the checks below (see build.rs MAX_MESSAGE_DEPTH).
        if path.len() >= 2 * MAX_MESSAGE_DEPTH {
            return;
        }
        for (i, n) in m.nested_type.iter().enumerate() {
            let mut p = path.to_vec();
            p.extend([3, i as i32]);
            self.message(n, &full, &p);
        }
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
        // NB: protoc limits a message to 65,535 fields (d.cc kMaxFieldsPerMessage); TYPE is
        // never recorded for a message, so the error has no position.
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

    fn enum_type(&mut self, e: &EnumDescriptorProto) {
        if e.value.is_empty() {
            self.err(e.loc.name, "Enums must contain at least one value.");
        }
        for r in &e.reserved_range {
            if r.start > r.end {
                self.err(
                    r.loc,
                    "Reserved range end number must be greater than start number.",
                );
            }
        }
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

/// The full name of the element at `path` in file `file` (`pkg.Msg.field`).
fn element_full_name(b: &Builder, file: u32, path: &[i32], name: &str) -> String {
    let scope = if path.len() <= 2 {
        b.pool.file(file).package.clone().unwrap_or_default()
    } else {
        super::link::symbol_name(
            &b.pool,
            &Symbol {
                kind: SymbolKind::Message,
                file,
                path: path[..path.len() - 2].into(),
            },
        )
    };
    join(&scope, name)
}

/// Field-number conflicts found while cross-linking (`CrossLinkField`'s `AddFieldByNumber`
/// and `AddExtension`), then `SuggestFieldNumbers`.
pub fn check_numbers(b: &mut Builder, index: u32, display: &str, hints: Hints) {
    let mut out: Vec<(MaybePos, String, bool)> = Vec::new();
    {
        let file = b.pool.file(index);
        let pkg = file.package.clone().unwrap_or_default();
        let mut by_number: HashMap<(String, i32), (String, String)> = HashMap::new();
        let mut n = Numbers {
            b,
            by_number: &mut by_number,
            out: &mut out,
        };
        for m in &file.message_type {
            n.message(m, &pkg, 1);
        }
        for x in &file.extension {
            n.field(x, &pkg, None);
        }
        for (i, m) in file.message_type.iter().enumerate() {
            let Some(&(count, pos)) = hints.by_message.get(&i) else {
                continue;
            };
            let count = count.min(3);
            if count <= 0 {
                continue;
            }
            out.push((pos, suggestion(m, &join(&pkg, &m.name), count), false));
        }
    }
    for (pos, msg, warning) in out {
        if warning {
            b.diags.warning(display, pos, msg);
        } else {
            b.diags.error(display, pos, msg);
        }
    }
}

/// The `Suggested field numbers for M: ...` text.
fn suggestion(m: &DescriptorProto, full: &str, mut count: i32) -> String {
    let mut used: Vec<(i64, i64)> = Vec::new();
    let max = MAX_NUMBER as i64;
    let add_ordinal = |used: &mut Vec<(i64, i64)>, o: i64| {
        if o <= 0 || o > max {
            return;
        }
        match used.last_mut() {
            Some(last) if last.1 == o => last.1 = o + 1,
            _ => used.push((o, o + 1)),
        }
    };
    for f in m.field.iter().chain(m.extension.iter()) {
        add_ordinal(&mut used, f.number.unwrap_or(0) as i64);
    }
    let add_range = |used: &mut Vec<(i64, i64)>, from: i32, to: i32| {
        let from = (from as i64).clamp(0, max + 1);
        let to = (to as i64).clamp(0, max + 1);
        if from < to {
            used.push((from, to));
        }
    };
    for r in &m.reserved_range {
        add_range(&mut used, r.start, r.end);
    }
    for r in &m.extension_range {
        add_range(&mut used, r.start, r.end);
    }
    used.push((max, max + 1));
    // NB: protoc's range for the implementation-reserved numbers ends at 19999 exclusive,
    // so 19999 can be suggested.
    used.push((19000, 19999));
    used.sort();
    let mut s = format!("Suggested field numbers for {full}: ");
    let mut current = 1i64;
    let mut sep = "";
    for (from, to) in used {
        while current < from && count > 0 {
            s.push_str(sep);
            s.push_str(&current.to_string());
            current += 1;
            sep = ", ";
            count -= 1;
        }
        if count == 0 {
            break;
        }
        current = current.max(to);
    }
    s
}

struct Numbers<'b, 'a> {
    b: &'b Builder<'a>,
    by_number: &'b mut HashMap<(String, i32), (String, String)>,
    out: &'b mut Vec<(MaybePos, String, bool)>,
}

impl Numbers<'_, '_> {
    fn message(&mut self, m: &DescriptorProto, scope: &str, depth: usize) {
        let full = join(scope, &m.name);
        // Messages past protoc's nesting limit were never built.
        if depth < MAX_MESSAGE_DEPTH {
            for n in &m.nested_type {
                self.message(n, &full, depth + 1);
            }
        }
        for f in &m.field {
            self.field(f, &full, Some(m));
        }
        for x in &m.extension {
            self.field(x, &full, None);
        }
    }

    fn field(&mut self, f: &FieldDescriptorProto, scope: &str, parent: Option<&DescriptorProto>) {
        let number = f.number.unwrap_or(0);
        let is_ext = f.extendee.is_some();
        let containing = if is_ext {
            let e = f.extendee.as_deref().unwrap_or("");
            let Some(e) = e.strip_prefix('.') else {
                return;
            };
            match self.b.pool.find(e) {
                Some(s) if s.kind == SymbolKind::Message => e.to_string(),
                _ => return,
            }
        } else {
            scope.to_string()
        };
        let full = join(scope, &f.name);
        let key = (containing.clone(), number);
        if let Some((other_full, other_name)) = self.by_number.get(&key) {
            let msg = if is_ext {
                format!(
                    "Extension number {number} has already been used in \"{containing}\" by extension \"{other_full}\"."
                )
            } else {
                let next = parent.map(next_available).unwrap_or(1);
                let proposal = if next <= MAX_NUMBER as i64 {
                    format!("Next available field number is {next}")
                } else {
                    "There are no available field numbers".to_string()
                };
                format!(
                    "Field number {number} has already been used in \"{containing}\" by field \"{other_name}\". {proposal}."
                )
            };
            self.out.push((f.loc.number, msg, false));
            return;
        }
        self.by_number.insert(key, (full, f.name.clone()));
        if is_ext && let Some(list) = self.b.pool.extensions.get(&containing) {
            // NB: protoc only warns about a conflict with another file's extension.
            if let Some((_, ofile, opath)) = list.iter().find(|(n, _, _)| *n == number)
                && let Some(other) = self.b.pool.field_at(*ofile, opath)
            {
                let other_full = element_full_name(self.b, *ofile, opath, &other.name);
                let other_file = &self.b.pool.file(*ofile).name;
                self.out.push((
                    f.loc.number,
                    format!(
                        "Extension number {number} has already been used in \"{containing}\" by extension \"{other_full}\" defined in {other_file}."
                    ),
                    true,
                ));
            }
        }
    }
}

/// The "Next available field number" of a message: walk the sorted used intervals from 1.
fn next_available(m: &DescriptorProto) -> i64 {
    let mut used: Vec<(i64, i64)> = Vec::new();
    for f in &m.field {
        let n = f.number.unwrap_or(0) as i64;
        used.push((n, n));
    }
    for r in &m.extension_range {
        used.push((r.start as i64, r.end as i64 - 1));
    }
    for r in &m.reserved_range {
        used.push((r.start as i64, r.end as i64 - 1));
    }
    used.sort();
    used.dedup();
    let mut k = 1i64;
    for (s, e) in used {
        if s <= k && k <= e {
            k = e + 1;
        } else {
            break;
        }
    }
    k
}
