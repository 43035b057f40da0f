//! Cross-linking (descriptor.cc `CrossLinkField`, `CrossLinkMethod`): resolves type names,
//! extendees and method types with protoc's scoping rules, fills field types, and normalises
//! default values as `DefaultValueAsString` prints them.

use super::defaults;
use super::field_numbers::{Containing, FieldNumbers};
use super::visibility::visibility_error;
use crate::compiler::context::FileContext;
use crate::compiler::pool::{Pool, Symbol, SymbolKind, symbol_full_name, symbol_name};
use crate::compiler::syntax::lexer;
use crate::descriptor::model::*;
use crate::descriptor::numbers::{file as f, message as msg};
use crate::descriptor::path::{enum_at, field_at_mut, join};
use crate::diagnostics::Diagnostics;
use rustc_hash::FxHashMap;

/// Whether a lookup only accepts types for single-component names (descriptor.cc `LOOKUP_TYPES`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ResolveMode {
    All,
    Types,
}

/// The outcome of a failed lookup, for protoc's error texts.
#[derive(Default)]
pub struct LookupFailure {
    /// A symbol found in a file that is not imported: (name tried, file name).
    pub undeclared: Option<(String, String)>,
    /// The full name a compound name resolved to but which does not exist.
    pub unresolved: Option<String>,
}

/// Name lookup from one file: what it may see, and the pool.
pub struct Resolver<'p> {
    pub pool: &'p Pool,
    pub ctx: &'p FileContext,
}

impl<'p> Resolver<'p> {
    /// descriptor.cc `FindSymbol`: a symbol is found only if it is defined in a visible file
    /// (packages: if any visible file is in that package).
    pub fn find(
        &self,
        name: &str,
        fail: &mut LookupFailure,
        for_option: bool,
    ) -> Option<&'p Symbol> {
        let s = self.pool.find(name)?;
        if self.ctx.visible.contains(&s.file)
            || (for_option
                && self.ctx.option_visible.contains(&s.file)
                && s.kind != SymbolKind::Package)
        {
            return Some(s);
        }
        if s.kind == SymbolKind::Package {
            let in_pkg = |f: u32| {
                let p = self.pool.file(f).package.as_deref().unwrap_or("");
                p == name || (p.starts_with(name) && p.as_bytes().get(name.len()) == Some(&b'.'))
            };
            if self.ctx.visible.iter().any(|&f| in_pkg(f))
                || self.ctx.option_visible.iter().any(|&f| in_pkg(f))
            {
                return Some(s);
            }
        }
        fail.undeclared = Some((name.to_string(), self.pool.file(s.file).name.clone()));
        None
    }

    /// descriptor.cc `LookupSymbolNoPlaceholder`.
    pub fn lookup(
        &self,
        name: &str,
        relative_to: &str,
        mode: ResolveMode,
        fail: &mut LookupFailure,
        for_option: bool,
    ) -> Option<&'p Symbol> {
        *fail = LookupFailure::default();
        if let Some(rest) = name.strip_prefix('.') {
            return self.find(rest, fail, for_option);
        }
        let first = match memchr::memchr(b'.', name.as_bytes()) {
            Some(dot) => &name[..dot],
            None => name,
        };
        let mut scope = String::with_capacity(relative_to.len() + name.len() + 1);
        scope.push_str(relative_to);
        loop {
            // `memrchr`: `str::rfind` costs several times more on names this short.
            let Some(dot) = memchr::memrchr(b'.', scope.as_bytes()) else {
                return self.find(name, fail, for_option);
            };
            scope.truncate(dot);
            let old = scope.len();
            scope.push('.');
            scope.push_str(first);
            if let Some(s) = self.find(&scope, fail, for_option) {
                if first.len() < name.len() {
                    if s.kind.is_aggregate() {
                        scope.push_str(&name[first.len()..]);
                        let r = self.find(&scope, fail, for_option);
                        if r.is_none() {
                            fail.unresolved = Some(scope);
                        }
                        return r;
                    }
                } else if mode == ResolveMode::All || s.kind.is_type() {
                    return Some(s);
                }
            }
            scope.truncate(old);
        }
    }

    /// protoc's `AddNotDefinedError` texts.
    pub fn not_defined_errors(&self, name: &str, fail: &LookupFailure) -> Vec<String> {
        let mut out = Vec::new();
        if fail.undeclared.is_none() && fail.unresolved.is_none() {
            out.push(format!("\"{name}\" is not defined."));
        }
        if let Some((n, f)) = &fail.undeclared {
            out.push(format!(
                "\"{n}\" seems to be defined in \"{f}\", which is not imported by \"{}\".  To use it here, please add the necessary import.",
                self.pool.file(self.ctx.index).name
            ));
        }
        if let Some(r) = &fail.unresolved {
            out.push(format!(
                "\"{name}\" is resolved to \"{r}\", which is not defined. The innermost scope is searched first in name resolution. Consider using a leading '.'(i.e., \".{name}\") to start from the outermost scope."
            ));
        }
        out
    }
}

/// Successful [`Resolver::lookup`]s of one file, remembered by where they start. A lookup
/// begins at the parent of the scope it is relative to, so the elements of one message share
/// their lookups: their options name the same few extensions (`(google.api.field_behavior)`
/// on every field), each otherwise probing every enclosing scope again. Option
/// interpretation uses it; neither the pool's symbols nor the file's visible imports change
/// while it runs. (Cross-linking's field types gained nothing from it: they repeat too seldom
/// within a message to pay for the key.) Failures are not remembered: their errors need the
/// lookup's `LookupFailure`.
#[derive(Default)]
pub struct LookupCache<'p> {
    found: FxHashMap<Box<str>, &'p Symbol>,
    /// The key being looked up (reused: a hit allocates nothing).
    key: String,
}

impl<'p> LookupCache<'p> {
    /// [`Resolver::lookup`], remembered when it finds a symbol `keep` holds for (a caller
    /// that reads `fail` after finding some other symbol leaves those out).
    #[allow(clippy::too_many_arguments)]
    pub fn lookup(
        &mut self,
        r: &Resolver<'p>,
        name: &str,
        relative_to: &str,
        mode: ResolveMode,
        fail: &mut LookupFailure,
        for_option: bool,
        keep: fn(&Symbol) -> bool,
    ) -> Option<&'p Symbol> {
        self.key.clear();
        self.key.push(match (mode, for_option) {
            (ResolveMode::All, false) => 'a',
            (ResolveMode::All, true) => 'o',
            (ResolveMode::Types, false) => 't',
            (ResolveMode::Types, true) => 'u',
        });
        match memchr::memrchr(b'.', relative_to.as_bytes()) {
            Some(dot) => self.key.push_str(&relative_to[..dot]),
            // No parent: looked up from the top (a control character no scope holds keeps it
            // apart from the parent "").
            None => self.key.push('\u{1}'),
        }
        self.key.push('\0');
        self.key.push_str(name);
        if let Some(&s) = self.found.get(self.key.as_str()) {
            *fail = LookupFailure::default();
            return Some(s);
        }
        let sym = r.lookup(name, relative_to, mode, fail, for_option);
        if let Some(s) = sym
            && keep(s)
        {
            self.found.insert(self.key.as_str().into(), s);
        }
        sym
    }
}

/// A change the linker makes to one field.
struct FieldFix {
    path: Vec<i32>,
    r#type: Option<FieldType>,
    type_name: Option<String>,
    /// `Some(None)`: the extendee of a field that is no extension (only a descriptor set
    /// can hold one; protoc reports it while building and then ignores it).
    extendee: Option<Option<String>>,
    default_value: Option<Option<String>>,
}

struct MethodFix {
    service: usize,
    method: usize,
    input: Option<String>,
    output: Option<String>,
}

/// Links the file at `ctx.index` (already in the pool) in place.
pub fn run(pool: &mut Pool, diags: &mut Diagnostics, ctx: &mut FileContext) {
    let idx = ctx.index;
    let mut errors: Vec<(MaybePos, String)> = Vec::new();
    let mut warnings: Vec<(usize, MaybePos, String)> = Vec::new();
    let mut used = Vec::new();
    let mut fixes = Vec::new();
    let mut mfixes = Vec::new();
    {
        let pool = &*pool;
        let file = pool.file(idx);
        let r = Resolver { pool, ctx };
        let pkg = file.package.clone().unwrap_or_default();
        let mut l = Linker {
            r: &r,
            errors: &mut errors,
            warnings: &mut warnings,
            used: &mut used,
            fixes: &mut fixes,
            numbers: FieldNumbers::default(),
        };
        for (i, m) in file.message_type.iter().enumerate() {
            l.message(m, &pkg, vec![f::MESSAGE_TYPE, i as i32]);
        }
        for (i, x) in file.extension.iter().enumerate() {
            l.field(x, &pkg, vec![f::EXTENSION, i as i32], None);
        }
        for (i, s) in file.service.iter().enumerate() {
            let sfull = join(&pkg, &s.name);
            for (j, m) in s.method.iter().enumerate() {
                let mfull = join(&sfull, &m.name);
                let mut fix = MethodFix {
                    service: i,
                    method: j,
                    input: None,
                    output: None,
                };
                for (is_input, name, pos) in [
                    (true, &m.input_type, m.loc.input_type),
                    (false, &m.output_type, m.loc.output_type),
                ] {
                    let mut fail = LookupFailure::default();
                    match r.lookup(name, &mfull, ResolveMode::All, &mut fail, false) {
                        None => {
                            for e in r.not_defined_errors(name, &fail) {
                                l.errors.push((pos, e));
                            }
                        }
                        Some(s) => {
                            l.used.push(s.file);
                            if s.kind != SymbolKind::Message {
                                l.errors
                                    .push((pos, format!("\"{name}\" is not a message type.")));
                            } else if let Some(e) = visibility_error(pool, s, idx, "") {
                                l.errors.push((pos, e));
                            } else {
                                let full = symbol_full_name(pool, s);
                                if is_input {
                                    fix.input = Some(full);
                                } else {
                                    fix.output = Some(full);
                                }
                            }
                        }
                    }
                }
                mfixes.push(fix);
            }
        }
    }
    for f in used {
        ctx.unused.remove(&f);
    }
    let mut warnings = warnings.into_iter().peekable();
    for (i, (pos, e)) in errors.into_iter().enumerate() {
        while let Some((_, wpos, w)) = warnings.next_if(|w| w.0 <= i) {
            diags.warning(&ctx.display_name, wpos, w);
        }
        diags.error(&ctx.display_name, pos, e);
    }
    for (_, wpos, w) in warnings {
        diags.warning(&ctx.display_name, wpos, w);
    }
    let file = &mut pool.files[idx as usize];
    for fix in fixes {
        let Some(f) = field_at_mut(file, &fix.path) else {
            continue;
        };
        if fix.r#type.is_some() {
            f.r#type = fix.r#type;
        }
        if fix.type_name.is_some() {
            f.type_name = fix.type_name;
        }
        if let Some(e) = fix.extendee {
            f.extendee = e;
        }
        if let Some(d) = fix.default_value {
            f.default_value = d;
        }
    }
    for fix in mfixes {
        let m = &mut file.service[fix.service].method[fix.method];
        if let Some(i) = fix.input {
            m.input_type = i;
        }
        if let Some(o) = fix.output {
            m.output_type = o;
        }
    }
}

struct Linker<'r, 'p> {
    r: &'r Resolver<'p>,
    errors: &'r mut Vec<(MaybePos, String)>,
    /// Warnings, each with the number of errors reported before it.
    warnings: &'r mut Vec<(usize, MaybePos, String)>,
    used: &'r mut Vec<u32>,
    fixes: &'r mut Vec<FieldFix>,
    numbers: FieldNumbers,
}

impl Linker<'_, '_> {
    fn message(&mut self, m: &DescriptorProto, scope: &str, path: Vec<i32>) {
        let full = join(scope, &m.name);
        // Messages past protoc's nesting limit were never built (see link/symbols.rs).
        let nested: &[DescriptorProto] = if path.len() >= 64 {
            &[]
        } else {
            &m.nested_type
        };
        for (i, n) in nested.iter().enumerate() {
            let mut p = path.clone();
            p.extend([msg::NESTED_TYPE, i as i32]);
            self.message(n, &full, p);
        }
        for (i, f) in m.field.iter().enumerate() {
            let mut p = path.clone();
            p.extend([msg::FIELD, i as i32]);
            // CrossLinkField: only a descriptor set can put a repeated or required field in a
            // oneof (the parser refuses labels there).
            let in_oneof = f
                .oneof_index
                .and_then(|o| usize::try_from(o).ok())
                .is_some_and(|o| o < m.oneof_decl.len());
            if in_oneof && f.label.is_some_and(|l| l != Label::Optional) {
                self.errors.push((
                    f.loc.name,
                    "Fields of oneofs must themselves have label LABEL_OPTIONAL.".to_string(),
                ));
            }
            self.field(f, &full, p, Some(m));
        }
        for (i, f) in m.extension.iter().enumerate() {
            let mut p = path.clone();
            p.extend([msg::EXTENSION, i as i32]);
            self.field(f, &full, p, None);
        }
        self.oneof_membership(m);
    }

    /// `CrossLinkMessage`'s oneof checks (consecutive fields, empty oneofs, proto3_optional
    /// membership), after the message's fields are linked: any error
    /// here keeps the file's options from being interpreted.
    /// NB: protoc finds no line for the last two, so they name only the file.
    fn oneof_membership(&mut self, m: &DescriptorProto) {
        // Only a descriptor set can break consecutiveness (the parser writes a oneof's
        // fields together).
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
                self.errors.push((
                    prev.loc.r#type,
                    format!(
                        "Fields in the same oneof must be defined consecutively. \"{}\" cannot be defined before the completion of the \"{}\" oneof definition.",
                        prev.name, m.oneof_decl[o].name
                    ),
                ));
            }
            seen[o] = true;
        }
        let count = |i: usize| {
            m.field
                .iter()
                .filter(|f| f.oneof_index == Some(i as i32))
                .count()
        };
        for i in 0..m.oneof_decl.len() {
            if count(i) == 0 {
                // A oneof holding only options parses.
                self.errors
                    .push((None, "Oneof must have at least one field.".to_string()));
            }
        }
        for f in &m.field {
            if f.proto3_optional != Some(true) {
                continue;
            }
            // A synthetic oneof holds exactly one field, which is proto3_optional; the parser
            // makes none for the fields of a proto3 group's body (ParseMessageBlock).
            let synthetic = f.oneof_index.is_some_and(|i| {
                let i = i as usize;
                count(i) == 1
            });
            if !synthetic {
                self.errors.push((
                    None,
                    "Fields with proto3_optional set must be a member of a one-field oneof"
                        .to_string(),
                ));
            }
        }
    }

    /// `CrossLinkField`; `parent` is the declaring message of a non-extension field.
    fn field(
        &mut self,
        f: &FieldDescriptorProto,
        scope: &str,
        path: Vec<i32>,
        parent: Option<&DescriptorProto>,
    ) {
        let pool = self.r.pool;
        let is_ext = parent.is_none();
        let full = join(scope, &f.name);
        // The message whose numbers the field takes: its own, or the linked extendee's.
        let mut containing = (
            (self.r.ctx.index, path[..path.len() - 2].to_vec()),
            scope.to_string(),
        );
        let mut fix = FieldFix {
            path,
            r#type: None,
            type_name: None,
            extendee: None,
            default_value: None,
        };
        if !is_ext && f.extendee.is_some() {
            fix.extendee = Some(None);
        } else if let Some(ext) = &f.extendee {
            let mut fail = LookupFailure::default();
            match self
                .r
                .lookup(ext, &full, ResolveMode::All, &mut fail, false)
            {
                None => {
                    for e in self.r.not_defined_errors(ext, &fail) {
                        self.errors.push((f.loc.extendee, e));
                    }
                    self.fixes.push(fix);
                    return;
                }
                Some(s) if s.kind != SymbolKind::Message => {
                    self.used.push(s.file);
                    self.errors
                        .push((f.loc.extendee, format!("\"{ext}\" is not a message type.")));
                    self.fixes.push(fix);
                    return;
                }
                Some(s) => {
                    self.used.push(s.file);
                    if let Some(e) = visibility_error(pool, s, self.r.ctx.index, "target of extend")
                    {
                        self.errors.push((f.loc.extendee, e));
                        self.fixes.push(fix);
                        return;
                    }
                    let name = symbol_name(pool, s);
                    containing = ((s.file, s.path.to_vec()), name.clone());
                    if let (Some(m), Some(n)) = (pool.message_at(s.file, &s.path), f.number)
                        && !m.extension_range.iter().any(|r| r.start <= n && n < r.end)
                    {
                        self.errors.push((
                            f.loc.number,
                            format!("\"{name}\" does not declare {n} as an extension number."),
                        ));
                    }
                    fix.extendee = Some(Some(format!(".{name}")));
                }
            }
        }
        if let Some(tn) = &f.type_name {
            let mut fail = LookupFailure::default();
            match self
                .r
                .lookup(tn, &full, ResolveMode::Types, &mut fail, false)
            {
                None => {
                    for e in self.r.not_defined_errors(tn, &fail) {
                        self.errors.push((f.loc.r#type, e));
                    }
                    // NB: protoc returns here, so the field takes no number.
                    self.fixes.push(fix);
                    return;
                }
                Some(s) => {
                    self.used.push(s.file);
                    if let Some(e) = visibility_error(pool, s, self.r.ctx.index, "") {
                        self.errors.push((f.loc.r#type, e));
                        self.fixes.push(fix);
                        return;
                    }
                    let ty = match (f.r#type, s.kind) {
                        (Some(t), _) => t,
                        (None, SymbolKind::Message) => FieldType::Message,
                        (None, SymbolKind::Enum) => FieldType::Enum,
                        (None, _) => {
                            self.errors
                                .push((f.loc.r#type, format!("\"{tn}\" is not a type.")));
                            self.fixes.push(fix);
                            return;
                        }
                    };
                    fix.r#type = Some(ty);
                    match ty {
                        FieldType::Message | FieldType::Group => {
                            if s.kind != SymbolKind::Message {
                                self.errors.push((
                                    f.loc.r#type,
                                    format!("\"{tn}\" is not a message type."),
                                ));
                            } else {
                                fix.type_name = Some(symbol_full_name(pool, s));
                                // A type known at build time had its default refused there.
                                if f.default_value.is_some() && f.r#type.is_none() {
                                    self.errors.push((
                                        f.loc.default_value,
                                        "Messages can't have default values.".to_string(),
                                    ));
                                }
                            }
                        }
                        FieldType::Enum => {
                            if s.kind != SymbolKind::Enum {
                                self.errors
                                    .push((f.loc.r#type, format!("\"{tn}\" is not an enum type.")));
                            } else {
                                fix.type_name = Some(symbol_full_name(pool, s));
                                if let Some(d) = &f.default_value {
                                    let e = enum_at(pool.file(s.file), &s.path);
                                    if !lexer::is_identifier(d.as_bytes()) {
                                        self.errors.push((
                                            f.loc.default_value,
                                            "Default value for an enum field must be an identifier.".to_string(),
                                        ));
                                    } else if let Some(e) = e
                                        && !e.value.iter().any(|v| v.name == *d)
                                    {
                                        self.errors.push((
                                            f.loc.default_value,
                                            format!(
                                                "Enum type \"{}\" has no value named \"{d}\".",
                                                symbol_name(pool, s)
                                            ),
                                        ));
                                    }
                                }
                            }
                        }
                        _ => {
                            self.errors.push((
                                f.loc.r#type,
                                "Field with primitive type has type_name.".to_string(),
                            ));
                        }
                    }
                }
            }
        } else if matches!(
            f.r#type,
            Some(FieldType::Message | FieldType::Group | FieldType::Enum)
        ) {
            // Only a descriptor set can leave it out (the parser names every such type).
            self.errors.push((
                f.loc.r#type,
                "Field with message or enum type missing type_name.".to_string(),
            ));
        } else if let (Some(t), Some(d)) = (f.r#type, &f.default_value) {
            // An unparsable default was reported by check::before_link, where protoc parses it.
            if let Ok(n) = defaults::normalize(t, d) {
                fix.default_value = Some(Some(n));
            }
        }
        self.fixes.push(fix);
        let (key, name) = containing;
        let found = self.numbers.add(
            pool,
            f,
            &full,
            Containing {
                key,
                name: &name,
                parent,
            },
        );
        match found {
            Some((pos, w, true)) => self.warnings.push((self.errors.len(), pos, w)),
            Some((pos, e, false)) => self.errors.push((pos, e)),
            None => {}
        }
    }
}
