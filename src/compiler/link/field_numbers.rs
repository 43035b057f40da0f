//! Field-number conflicts, found as each field is cross-linked (the end of descriptor.cc
//! `CrossLinkField`: `AddFieldByNumber`, then `AddExtension`). A field whose type or extendee
//! failed to link never gets here, as in protoc.
//!
//! The table is keyed by the containing message itself (file and path), not by its name: a
//! message defined twice is two messages to protoc, so the second definition's fields never
//! conflict with the first's, nor a user message with a map's synthesized entry of that name.

use rustc_hash::FxHashMap;

use crate::compiler::check::before_link::MAX_NUMBER;
use crate::compiler::pool::{Pool, Symbol, SymbolKind, symbol_name};
use crate::descriptor::model::*;
use crate::descriptor::path::join;

/// A message by identity: its file and its path in that file.
pub type MessageKey = (u32, Vec<i32>);

/// The fields by number of one file's cross-linking (`FileDescriptorTables::fields_by_number_`).
#[derive(Default)]
pub struct FieldNumbers {
    /// (containing message, number) -> (full name, name) of the field first given the number.
    by_number: FxHashMap<(MessageKey, i32), (String, String)>,
}

/// Where the field being added sits.
pub struct Containing<'a> {
    /// The message whose numbers the field takes (the extendee for an extension).
    pub key: MessageKey,
    /// Its full name, for the texts.
    pub name: &'a str,
    /// The declaring message of a non-extension field (for the next free number); `None`
    /// for an extension.
    pub parent: Option<&'a DescriptorProto>,
}

impl FieldNumbers {
    /// Adds field `f` (full name `full`); returns protoc's error, or for an extension whose
    /// number another file's extension took, its warning (`true`).
    pub fn add(
        &mut self,
        pool: &Pool,
        f: &FieldDescriptorProto,
        full: &str,
        containing: Containing<'_>,
    ) -> Option<(MaybePos, String, bool)> {
        let number = f.number.unwrap_or(0);
        let is_ext = containing.parent.is_none();
        let cname = containing.name;
        // NB: protoc's AddFieldByNumber keeps the fields at the start of the sequence (the
        // i-th declared field numbered i + 1: `sequential_field_limit_`) out of the table. A
        // field numbered within that prefix conflicts with the prefix's field of that number
        // unless it is that field, even when the other's type failed to link.
        let message = match containing.parent {
            Some(m) => Some(m),
            None => pool.message_at(containing.key.0, &containing.key.1),
        };
        let in_prefix = message.and_then(|m| {
            let limit = m
                .field
                .iter()
                .enumerate()
                .take_while(|(i, g)| g.number == Some(*i as i32 + 1))
                .count();
            let n = usize::try_from(number)
                .ok()
                .filter(|&n| n >= 1 && n <= limit)?;
            Some(&m.field[n - 1])
        });
        let key = (containing.key, number);
        let prefix_conflict = match in_prefix {
            Some(other) if !is_ext && std::ptr::eq(other, f) => return None,
            Some(other) => Some((join(cname, &other.name), other.name.clone())),
            None => None,
        };
        let found = match &prefix_conflict {
            Some((full, name)) => Some((full, name)),
            None => self.by_number.get(&key).map(|(a, b)| (a, b)),
        };
        if let Some((other_full, other_name)) = found {
            let msg = if is_ext {
                format!(
                    "Extension number {number} has already been used in \"{cname}\" by extension \"{other_full}\"."
                )
            } else {
                let next = containing.parent.map(next_available).unwrap_or(1);
                let proposal = if next <= MAX_NUMBER as i64 {
                    format!("Next available field number is {next}")
                } else {
                    "There are no available field numbers".to_string()
                };
                format!(
                    "Field number {number} has already been used in \"{cname}\" by field \"{other_name}\". {proposal}."
                )
            };
            return Some((f.loc.number, msg, false));
        }
        self.by_number
            .insert(key, (full.to_string(), f.name.clone()));
        if !is_ext {
            return None;
        }
        // NB: protoc only warns about a conflict with another file's extension.
        let list = pool.extensions.get(cname)?;
        let (_, ofile, opath) = list.iter().find(|(n, _, _)| *n == number)?;
        let other = pool.field_at(*ofile, opath)?;
        let other_full = element_full_name(pool, *ofile, opath, &other.name);
        let other_file = &pool.file(*ofile).name;
        Some((
            f.loc.number,
            format!(
                "Extension number {number} has already been used in \"{cname}\" by extension \"{other_full}\" defined in {other_file}."
            ),
            true,
        ))
    }
}

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
