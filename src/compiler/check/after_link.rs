//! protoc's checks after a file is cross-linked: field-number conflicts (descriptor.cc
//! `CrossLinkField`'s `AddFieldByNumber` and `AddExtension`), then the `SuggestFieldNumbers`
//! hint for the messages `before_link` found number problems in.

use std::collections::HashMap;

use super::before_link::{Hints, MAX_NUMBER};
use crate::compiler::context::FileContext;
use crate::compiler::link::symbols::MAX_MESSAGE_DEPTH;
use crate::compiler::pool::{Pool, Symbol, SymbolKind, symbol_name};
use crate::descriptor::model::*;
use crate::descriptor::path::join;
use crate::diagnostics::Diagnostics;

/// The full name of the element at `path` in file `file` (`pkg.Msg.field`).
fn element_full_name(pool: &Pool, file: u32, path: &[i32], name: &str) -> String {
    let scope = if path.len() <= 2 {
        pool.file(file).package.clone().unwrap_or_default()
    } else {
        symbol_name(
            pool,
            &Symbol {
                kind: SymbolKind::Message,
                file,
                path: path[..path.len() - 2].into(),
            },
        )
    };
    join(&scope, name)
}

/// Field-number conflicts found while cross-linking the file at `ctx.index`
/// (`CrossLinkField`'s `AddFieldByNumber` and `AddExtension`), then `SuggestFieldNumbers`.
pub fn run(pool: &Pool, diags: &mut Diagnostics, ctx: &FileContext, hints: Hints) {
    let display = ctx.display_name.as_str();
    let mut out: Vec<(MaybePos, String, bool)> = Vec::new();
    {
        let file = pool.file(ctx.index);
        let pkg = file.package.clone().unwrap_or_default();
        let mut by_number: HashMap<(String, i32), (String, String)> = HashMap::new();
        let mut n = Numbers {
            pool,
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
            diags.warning(display, pos, msg);
        } else {
            diags.error(display, pos, msg);
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

struct Numbers<'b> {
    pool: &'b Pool,
    by_number: &'b mut HashMap<(String, i32), (String, String)>,
    out: &'b mut Vec<(MaybePos, String, bool)>,
}

impl Numbers<'_> {
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
        // CrossLinkMessage's oneof checks; only a descriptor set can break them (the parser
        // writes no empty oneof and puts each proto3 `optional` in its own oneof).
        let oneof_of = |f: &FieldDescriptorProto| {
            f.oneof_index
                .and_then(|o| usize::try_from(o).ok())
                .filter(|&o| o < m.oneof_decl.len())
        };
        let mut seen = vec![false; m.oneof_decl.len()];
        for (i, f) in m.field.iter().enumerate() {
            let Some(o) = oneof_of(f) else {
                continue;
            };
            if seen[o] && i > 0 && oneof_of(&m.field[i - 1]) != Some(o) {
                let prev = &m.field[i - 1];
                self.out.push((
                    prev.loc.r#type,
                    format!(
                        "Fields in the same oneof must be defined consecutively. \"{}\" cannot be defined before the completion of the \"{}\" oneof definition.",
                        prev.name, m.oneof_decl[o].name
                    ),
                    false,
                ));
            }
            seen[o] = true;
        }
        // The empty-oneof and proto3_optional membership checks are cross-linking's
        // (`cross_link::oneof_membership`), where protoc makes them.
    }

    fn field(&mut self, f: &FieldDescriptorProto, scope: &str, parent: Option<&DescriptorProto>) {
        let number = f.number.unwrap_or(0);
        let is_ext = f.extendee.is_some();
        let containing = if is_ext {
            let e = f.extendee.as_deref().unwrap_or("");
            let Some(e) = e.strip_prefix('.') else {
                return;
            };
            match self.pool.find(e) {
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
        if is_ext && let Some(list) = self.pool.extensions.get(&containing) {
            // NB: protoc only warns about a conflict with another file's extension.
            if let Some((_, ofile, opath)) = list.iter().find(|(n, _, _)| *n == number)
                && let Some(other) = self.pool.field_at(*ofile, opath)
            {
                let other_full = element_full_name(self.pool, *ofile, opath, &other.name);
                let other_file = &self.pool.file(*ofile).name;
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
