//! Edition 2024 symbol visibility (`export` / `local`, `features.default_symbol_visibility`):
//! descriptor.cc `Symbol::IsVisibleFrom`/`GetVisibilityError` for cross-file type references
//! (protoc's CLI turns on `EnforceSymbolVisibility`), and symbol_checker.cc's STRICT rules for
//! nested types.

use crate::compiler::check::before_link::MAX_NUMBER;
use crate::compiler::context::FileContext;
use crate::compiler::options::features;
use crate::compiler::pool::{Pool, Symbol, SymbolKind, symbol_name};
use crate::descriptor::model::*;
use crate::descriptor::numbers::feature_set;
use crate::descriptor::path::{enum_at, join, message_at};
use crate::diagnostics::Diagnostics;
use crate::release::Release;

use features::value::{EXPORT_ALL, EXPORT_TOP_LEVEL, LOCAL_ALL, STRICT};

fn default_name(v: i32) -> &'static str {
    match v {
        EXPORT_ALL => "EXPORT_ALL",
        EXPORT_TOP_LEVEL => "EXPORT_TOP_LEVEL",
        LOCAL_ALL => "LOCAL_ALL",
        STRICT => "STRICT",
        _ => "DEFAULT_SYMBOL_VISIBILITY_UNKNOWN",
    }
}

/// The file's resolved `default_symbol_visibility` (a file-only feature).
fn file_default(file: &FileDescriptorProto, release: Release) -> i32 {
    features::file_features(file, release).0[features::slot(feature_set::DEFAULT_SYMBOL_VISIBILITY)]
}

/// The `export`/`local` keyword of the message or enum a type symbol names.
fn keyword(pool: &Pool, s: &Symbol) -> Option<Visibility> {
    let file = pool.file(s.file);
    match s.kind {
        SymbolKind::Message => message_at(file, &s.path).and_then(|m| m.visibility),
        SymbolKind::Enum => enum_at(file, &s.path).and_then(|e| e.visibility),
        _ => None,
    }
}

/// `Symbol::IsVisibleFrom(from)`, and when not visible, `GetVisibilityError(from, usage)`.
pub fn visibility_error(pool: &Pool, s: &Symbol, from: u32, usage: &str) -> Option<String> {
    if !s.kind.is_type() || s.file == from {
        return None;
    }
    let kw = keyword(pool, s);
    let file = pool.file(s.file);
    let default = file_default(file, pool.release);
    let nested = s.path.len() > 2;
    let exported = match kw {
        Some(v) => v == Visibility::Export,
        None => match default {
            EXPORT_TOP_LEVEL => !nested,
            LOCAL_ALL | STRICT => false,
            // NB: protoc fails open on an unknown default.
            _ => true,
        },
    };
    if exported {
        return None;
    }
    let reason = if kw == Some(Visibility::Local) {
        "It is explicitly marked 'local'".to_string()
    } else {
        format!(
            "It defaulted to local from file-level 'option features.default_symbol_visibility = '{}';",
            default_name(default)
        )
    };
    Some(format!(
        "Symbol \"{}\", defined in \"{}\" {usage} is not visible from \"{}\". {reason} and cannot be accessed outside its own file",
        symbol_name(pool, s),
        file.name,
        pool.file(from).name
    ))
}

/// symbol_checker.cc `CheckSymbolVisibilityRules`: under STRICT, nested messages and nested
/// enums (other than a "namespaced" enum) may not be marked `export`. Errors have no position.
pub fn check_strict(pool: &Pool, diags: &mut Diagnostics, ctx: &FileContext) {
    let file = pool.file(ctx.index);
    if file_default(file, pool.release) != STRICT {
        return;
    }
    let mut messages = Vec::new();
    let mut enums = Vec::new();
    let pkg = file.package.clone().unwrap_or_default();
    fn walk(
        m: &DescriptorProto,
        full: &str,
        nested: bool,
        messages: &mut Vec<String>,
        enums: &mut Vec<String>,
    ) {
        if nested && m.visibility == Some(Visibility::Export) {
            messages.push(full.to_string());
        }
        // Under STRICT an enum counts as "namespaced" when it is marked `export` inside a
        // top-level message that is local (explicitly or by default) and reserves exactly
        // `1 to max`: it is then allowed.
        let namespace = !nested
            && m.visibility != Some(Visibility::Export)
            && m.reserved_range.len() == 1
            && m.reserved_range[0].start == 1
            && m.reserved_range[0].end == MAX_NUMBER + 1;
        for e in &m.enum_type {
            if e.visibility == Some(Visibility::Export) && !namespace {
                enums.push(join(full, &e.name));
            }
        }
        for n in &m.nested_type {
            walk(n, &join(full, &n.name), true, messages, enums);
        }
    }
    for m in &file.message_type {
        walk(m, &join(&pkg, &m.name), false, &mut messages, &mut enums);
    }
    let mut out = Vec::new();
    for name in messages {
        out.push(format!(
            "\"{name}\" is a nested message and cannot be `export` with STRICT default_symbol_visibility. It must be moved to top-level, ideally in its own file in order to be `export`."
        ));
    }
    for name in enums {
        out.push(format!(
            "\"{name}\" is a nested enum and cannot be marked `export` with STRICT default_symbol_visibility. It must be moved to top-level, ideally in its own file in order to be `export`. For C++ namespacing of enums in a messages use: `local message <OuterNamespace> {{ export enum {name} {{...}} reserved 1 to max; }}`"
        ));
    }
    for msg in out {
        diags.error(&ctx.display_name, None, msg);
    }
}
