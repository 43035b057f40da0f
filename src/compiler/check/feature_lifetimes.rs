//! Feature lifetimes (descriptor.cc deferred `ValidateFeatureLifetimes`, feature_resolver.cc
//! `ValidateFeatureLifetimesImpl`): every field set in an element's options (features
//! included, recursively) and every enum value used there is checked against its
//! `feature_support` window for the file's edition. Errors and, for command-line files, the
//! deprecation warnings go on the element's NAME.

use crate::compiler::context::FileContext;
use crate::compiler::options::schema::{FieldRef, Schema};
use crate::compiler::pool::Pool;
use crate::descriptor::model::*;
use crate::descriptor::numbers::enum_value_options;
use crate::descriptor::numbers::field_options::{self, feature_support as fsup};
use crate::descriptor::options::{OptionsKind, has_options, visit_options};
use crate::descriptor::path::{enum_at, field_at, join, message_at};
use crate::descriptor::wire::{Reader, WireValue, read_varint, records_by_field};
use crate::diagnostics::Diagnostics;

/// A decoded `FieldOptions.FeatureSupport`.
#[derive(Default)]
pub(crate) struct Support {
    pub introduced: Option<i32>,
    pub deprecated: Option<i32>,
    pub deprecation_warning: Option<String>,
    pub removed: Option<i32>,
    pub removal_error: Option<String>,
}

/// The `FeatureSupport` message at option `field` of `opts`, if set.
pub(crate) fn support(opts: Option<&Options>, field: u32) -> Option<Support> {
    let bytes = &opts?.bytes;
    let mut s = Support::default();
    let mut found = false;
    for r in Reader::new(bytes).flatten() {
        if r.field != field {
            continue;
        }
        let WireValue::Len(b) = r.value else { continue };
        found = true;
        for x in Reader::new(b).flatten() {
            let text = |v: &[u8]| String::from_utf8_lossy(v).into_owned();
            match (x.field, x.value) {
                (fsup::EDITION_INTRODUCED, WireValue::Varint(v)) => s.introduced = Some(v as i32),
                (fsup::EDITION_DEPRECATED, WireValue::Varint(v)) => s.deprecated = Some(v as i32),
                (fsup::DEPRECATION_WARNING, WireValue::Len(v)) => {
                    s.deprecation_warning = Some(text(v))
                }
                (fsup::EDITION_REMOVED, WireValue::Varint(v)) => s.removed = Some(v as i32),
                (fsup::REMOVAL_ERROR, WireValue::Len(v)) => s.removal_error = Some(text(v)),
                _ => {}
            }
        }
    }
    found.then_some(s)
}

/// `ValidateSingleFeatureLifetimes`.
fn check_one(edition: i32, full: &str, s: &Support, errs: &mut Vec<(bool, String)>) {
    let introduced = s.introduced.unwrap_or(0);
    if edition < introduced {
        errs.push((
            false,
            format!(
                "{full} wasn't introduced until edition {} and can't be used in edition {}",
                edition_name(introduced),
                edition_name(edition)
            ),
        ));
    }
    if let Some(removed) = s.removed
        && edition >= removed
    {
        let tail = s
            .removal_error
            .as_ref()
            .map(|e| format!(": {e}"))
            .unwrap_or_default();
        errs.push((
            false,
            format!(
                "{full} has been removed in edition {}{tail}",
                edition_name(removed)
            ),
        ));
    } else if let Some(dep) = s.deprecated
        && edition >= dep
    {
        errs.push((
            true,
            format!(
                "{full} has been deprecated in edition {}: {}",
                edition_name(dep),
                s.deprecation_warning.as_deref().unwrap_or("")
            ),
        ));
    }
}

struct Walker<'p> {
    schema: Schema<'p>,
    edition: i32,
    out: Vec<(bool, String)>,
}

impl Walker<'_> {
    fn field_full_name(&self, f: &FieldRef, msg_name: &str) -> String {
        if f.is_extension {
            let file = self.schema.pool.file(f.file);
            let scope = if f.scope_path.is_empty() {
                file.package.clone().unwrap_or_default()
            } else {
                message_full(self.schema.pool, f.file, f.scope_path)
            };
            join(&scope, &f.field.name)
        } else {
            format!("{msg_name}.{}", f.field.name)
        }
    }

    fn enum_value(&mut self, type_name: &str, n: i32) {
        let Some(e) = self.schema.pool.enum_type(type_name) else {
            return;
        };
        let Some(v) = e.value.iter().find(|v| v.number == n) else {
            return;
        };
        let scope = type_name.rsplit_once('.').map(|(s, _)| s).unwrap_or("");
        if let Some(s) = support(v.options.as_deref(), enum_value_options::FEATURE_SUPPORT) {
            let full = join(scope, &v.name);
            check_one(self.edition, &full, &s, &mut self.out);
        }
    }

    /// `ValidateFeatureLifetimesImpl` over an encoded message of type `msg_name`.
    fn message(&mut self, msg_name: &str, bytes: &[u8], depth: u32) {
        let Some(m) = self.schema.message(msg_name) else {
            return;
        };
        if depth > 32 {
            return;
        }
        // ListFields: each set field once, by number, with its records in wire order.
        let records = records_by_field(bytes);
        for group in records.chunk_by(|a, b| a.0 == b.0) {
            let n = group[0].0;
            let Some(f) = self.schema.field_by_number(&m, msg_name, n as i32) else {
                continue;
            };
            let values = || group.iter().map(|r| r.1);
            if f.is_message() {
                let sub = f.type_name();
                if f.is_repeated() {
                    for r in values() {
                        if let WireValue::Len(b) = r {
                            self.message(sub, b, depth + 1);
                        }
                    }
                } else if let [(_, WireValue::Len(b))] = group {
                    self.message(sub, b, depth + 1);
                } else {
                    // A singular message merges all its occurrences.
                    let mut merged = Vec::new();
                    for r in values() {
                        if let WireValue::Len(b) = r {
                            merged.extend_from_slice(b);
                        }
                    }
                    self.message(sub, &merged, depth + 1);
                }
            }
            if f.ty() == FieldType::Enum {
                let mut numbers = Vec::new();
                for r in values() {
                    match r {
                        WireValue::Varint(v) => numbers.push(v as i32),
                        WireValue::Len(b) => {
                            let mut pos = 0;
                            while pos < b.len() {
                                match read_varint(b, &mut pos) {
                                    Ok(v) => numbers.push(v as i32),
                                    Err(_) => break,
                                }
                            }
                        }
                        _ => {}
                    }
                }
                if !f.is_repeated() {
                    numbers = numbers.last().copied().into_iter().collect();
                }
                for v in numbers {
                    self.enum_value(f.type_name(), v);
                }
            }
            if let Some(s) = support(f.field.options.as_deref(), field_options::FEATURE_SUPPORT) {
                let full = self.field_full_name(&f, msg_name);
                check_one(self.edition, &full, &s, &mut self.out);
            }
        }
    }
}

fn message_full(pool: &Pool, file: u32, path: &[i32]) -> String {
    let f = pool.file(file);
    let mut name = f.package.clone().unwrap_or_default();
    for k in 1..=path.len() / 2 {
        if let Some(m) = message_at(f, &path[..k * 2]) {
            name = join(&name, &m.name);
        }
    }
    name
}

/// The NAME position of an element carrying options.
fn name_pos(file: &FileDescriptorProto, kind: OptionsKind, p: &[i32]) -> MaybePos {
    let n = p.len();
    match kind {
        OptionsKind::File => file.loc.package,
        OptionsKind::Message => message_at(file, p).and_then(|m| m.loc.name),
        OptionsKind::Field => field_at(file, p).and_then(|f| f.loc.name),
        OptionsKind::Oneof => message_at(file, &p[..n - 2])
            .and_then(|m| m.oneof_decl.get(p[n - 1] as usize))
            .and_then(|o| o.loc.name),
        OptionsKind::Enum => enum_at(file, p).and_then(|x| x.loc.name),
        OptionsKind::EnumValue => enum_at(file, &p[..n - 2])
            .and_then(|x| x.value.get(p[n - 1] as usize))
            .and_then(|v| v.loc.name),
        OptionsKind::Service => file.service.get(p[1] as usize).and_then(|s| s.loc.name),
        OptionsKind::Method => file
            .service
            .get(p[1] as usize)
            .and_then(|s| s.method.get(p[3] as usize))
            .and_then(|m| m.loc.name),
        OptionsKind::ExtensionRange => None,
    }
}

/// Checks the file at `ctx.index`; reports errors, and warnings for command-line files.
pub fn run(pool: &Pool, diags: &mut Diagnostics, ctx: &FileContext) {
    run_with_schema(pool, diags, ctx, has_own_schema(pool));
}

/// Whether `pool` holds descriptor.proto's options, which then describe the features
/// (rather than protoc's compiled-in copy).
pub fn has_own_schema(pool: &Pool) -> bool {
    pool.find("google.protobuf.FileOptions").is_some()
}

/// [`run`], with the features described by `pool`'s own descriptor.proto when `own_schema`
/// (what [`has_own_schema`] said when the check was due: a check run later, on a pool that
/// has grown, must read the schema it would have read then).
pub fn run_with_schema(pool: &Pool, diags: &mut Diagnostics, ctx: &FileContext, own_schema: bool) {
    let file = pool.file(ctx.index);
    // A file without options is skipped before protoc's built-in pool is built (the largest
    // part of a small compilation's cost).
    if !has_options(file) {
        return;
    }
    let schema_pool = if own_schema { pool } else { (ctx.builtin)() };
    let mut w = Walker {
        schema: Schema::new(schema_pool),
        edition: file.syntax.edition(),
        out: Vec::new(),
    };
    let mut report = Vec::new();
    // The deferred validation was queued in `VisitDescriptors` order, parents first.
    visit_options(file, &mut |kind, path, o| {
        w.message(kind.type_name(), &o.bytes, 0);
        let pos = name_pos(file, kind, path);
        for (warning, msg) in w.out.drain(..) {
            report.push((pos, warning, msg));
        }
    });
    for (pos, warning, msg) in report {
        if warning {
            if ctx.is_input {
                diags.warning(&ctx.display_name, pos, msg);
            }
        } else {
            diags.error(&ctx.display_name, pos, msg);
        }
    }
}
