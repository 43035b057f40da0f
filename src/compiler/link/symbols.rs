//! Symbol registration (descriptor.cc `AddPackage`, `AddSymbol`, `CreateDescriptorNames`):
//! the file's package and every named element go into the pool's symbol table in protoc's
//! order, before the file's own structure checks and cross-linking; once the file is free of
//! errors, its extensions are indexed by extendee and number for option lookups.
//!
//! The elements' full names and paths depend on the file alone, so a parse helper works them
//! out ahead ([`plan`]) and the driver only inserts them ([`register_planned`]): a third of
//! its registration work. A file whose names collide takes the full walk, which reports the
//! collisions where protoc does. A file rolled back loses its symbols by the same walk
//! ([`unregister`]).

use std::collections::hash_map::Entry;

use crate::compiler::build_order::{self as order, BuildKey, Keyed};
use crate::compiler::context::FileContext;
use crate::compiler::pool::{Pool, Symbol, SymbolKind};
use crate::descriptor::model::*;
use crate::descriptor::numbers::{enum_type as en, file as f, message as msg, service as svc};
use crate::descriptor::path::join;
use crate::diagnostics::Diagnostics;

/// Registers the package and symbols of `file` (to be the file at `ctx.index`), in
/// protoc's order.
pub fn run(
    pool: &mut Pool,
    diags: &mut Diagnostics,
    ctx: &FileContext,
    file: &FileDescriptorProto,
) {
    register_package(pool, diags, ctx, file);
    register_elements(pool, diags, ctx, file);
}

/// The package alone: protoc adds it (reporting its conflicts) before it resolves the
/// imports (descriptor.cc `BuildFileImpl`); [`unregister_package`] takes it back.
pub fn register_package(
    pool: &mut Pool,
    diags: &mut Diagnostics,
    ctx: &FileContext,
    file: &FileDescriptorProto,
) {
    let mut reg = Registrar::new(pool, ctx);
    if let Some(pkg) = file.package.clone().filter(|p| !p.is_empty()) {
        reg.add_package(&pkg, file.loc.package);
    }
    order::report(diags, &ctx.display_name, vec![reg.errs]);
}

/// Everything but the package, after the imports.
pub fn register_elements(
    pool: &mut Pool,
    diags: &mut Diagnostics,
    ctx: &FileContext,
    file: &FileDescriptorProto,
) {
    let errs = register_elements_keyed(pool, ctx, file);
    order::report(diags, &ctx.display_name, vec![errs]);
}

/// [`register_elements`], its errors returned with their place in protoc's building walk
/// (for merging with `check::before_link`'s).
pub fn register_elements_keyed(
    pool: &mut Pool,
    ctx: &FileContext,
    file: &FileDescriptorProto,
) -> Vec<Keyed> {
    let mut reg = Registrar::new(pool, ctx);
    walk_elements(&mut reg, file);
    reg.errs
}

/// One element's symbol worked out ahead: its full name, kind and path.
type PlannedSymbol = (Box<str>, SymbolKind, Box<[i32]>);

/// The symbols of a file's elements, in protoc's order, worked out from the file alone.
pub struct Planned(Vec<PlannedSymbol>);

/// `file`'s element symbols, or `None` when registering them reports something whatever the
/// table holds (a name that is not an identifier or is too long, nesting past protoc's
/// limit): such a file takes the full walk.
pub fn plan(file: &FileDescriptorProto) -> Option<Planned> {
    let mut reg = Registrar::planning();
    walk_elements(&mut reg, file);
    match (reg.errs.is_empty(), reg.sink) {
        (true, Sink::Plan(symbols)) => Some(Planned(symbols)),
        _ => None,
    }
}

/// [`register_elements_keyed`] with the symbols `planned` ahead for `file` (if any): inserted
/// as they are when none is taken, else the full walk, which reports the collisions.
pub fn register_planned(
    pool: &mut Pool,
    ctx: &FileContext,
    file: &FileDescriptorProto,
    planned: Option<Planned>,
) -> Vec<Keyed> {
    if let Some(Planned(symbols)) = planned {
        let mut free = true;
        for (name, kind, path) in symbols {
            match pool.symbols.entry(name) {
                Entry::Vacant(slot) => {
                    slot.insert(Symbol {
                        kind,
                        file: ctx.index,
                        path,
                    });
                }
                Entry::Occupied(_) => {
                    free = false;
                    break;
                }
            }
        }
        if free {
            return Vec::new();
        }
        // Back to the table as it was (the package stays), for the full walk.
        remove_symbols(pool, ctx.index, file, false);
    }
    register_elements_keyed(pool, ctx, file)
}

/// Takes the symbols of `file`, the file at `index`, out of the table (a failed build's
/// rollback): its elements' and its package's (those this file added first).
pub fn unregister(pool: &mut Pool, index: u32, file: &FileDescriptorProto) {
    remove_symbols(pool, index, file, true);
    unregister_package(pool, index, file);
}

/// Takes out of the table the parts of `file`'s package that the file at `index` added (the
/// others were there before it).
pub fn unregister_package(pool: &mut Pool, index: u32, file: &FileDescriptorProto) {
    let mut package = file.package.as_deref().unwrap_or("");
    while !package.is_empty() {
        if pool.symbols.get(package).is_some_and(|s| s.file == index) {
            pool.symbols.remove(package);
        }
        package = package.rsplit_once('.').map_or("", |(outer, _)| outer);
    }
}

/// Removes the table's entries of `file`'s element names that the file at `index` added
/// (packages too when `packages`: an element may bear the name of the file's own package).
fn remove_symbols(pool: &mut Pool, index: u32, file: &FileDescriptorProto, packages: bool) {
    let mut reg = Registrar::planning();
    walk_elements(&mut reg, file);
    let Sink::Plan(symbols) = reg.sink else {
        return;
    };
    for (name, _, _) in symbols {
        if pool
            .symbols
            .get(&name)
            .is_some_and(|s| s.file == index && (packages || s.kind != SymbolKind::Package))
        {
            pool.symbols.remove(&name);
        }
    }
}

/// protoc's walk over the elements of `file`, adding each symbol to `reg`.
fn walk_elements(reg: &mut Registrar, file: &FileDescriptorProto) {
    let pkg = file.package.clone().unwrap_or_default();
    for (i, m) in file.message_type.iter().enumerate() {
        reg.key = vec![order::file::MESSAGE, i as u32];
        reg.message(m, &pkg, vec![f::MESSAGE_TYPE, i as i32]);
    }
    for (i, e) in file.enum_type.iter().enumerate() {
        reg.key = vec![order::file::ENUM, i as u32];
        reg.enum_type(e, &pkg, vec![f::ENUM_TYPE, i as i32]);
    }
    for (i, s) in file.service.iter().enumerate() {
        reg.key = vec![order::file::SERVICE, i as u32];
        let full = join(&pkg, &s.name);
        for (j, m) in s.method.iter().enumerate() {
            reg.validate_name(&m.name, m.loc.name);
            reg.add(
                join(&full, &m.name),
                SymbolKind::Method,
                vec![f::SERVICE, i as i32, svc::METHOD, j as i32],
                m.loc.name,
            );
        }
        reg.validate_name(&s.name, s.loc.name);
        reg.add(
            full,
            SymbolKind::Service,
            vec![f::SERVICE, i as i32],
            s.loc.name,
        );
    }
    for (i, x) in file.extension.iter().enumerate() {
        reg.key = vec![order::file::EXTENSION, i as u32];
        reg.validate_name(&x.name, x.loc.name);
        reg.key.push(order::field::SYMBOL);
        reg.add(
            join(&pkg, &x.name),
            SymbolKind::Extension,
            vec![f::EXTENSION, i as i32],
            x.loc.name,
        );
    }
}

/// Indexes the extensions of the file at `ctx.index` by extendee and number (for option
/// lookups).
pub fn register_extensions(pool: &mut Pool, ctx: &FileContext) {
    let index = ctx.index;
    let file = pool.file(index);
    let mut found = Vec::new();
    for (i, x) in file.extension.iter().enumerate() {
        found.push((x.extendee.clone(), x.number, vec![f::EXTENSION, i as i32]));
    }
    fn walk(
        m: &DescriptorProto,
        path: Vec<i32>,
        found: &mut Vec<(Option<String>, Option<i32>, Vec<i32>)>,
    ) {
        for (i, x) in m.extension.iter().enumerate() {
            let p = child(&path, [msg::EXTENSION, i as i32]);
            found.push((x.extendee.clone(), x.number, p));
        }
        for (i, n) in m.nested_type.iter().enumerate() {
            let p = child(&path, [msg::NESTED_TYPE, i as i32]);
            walk(n, p, found);
        }
    }
    for (i, m) in file.message_type.iter().enumerate() {
        walk(m, vec![f::MESSAGE_TYPE, i as i32], &mut found);
    }
    for (extendee, number, path) in found {
        if let (Some(e), Some(n)) = (extendee, number) {
            let e = e.trim_start_matches('.').to_string();
            pool.extensions
                .entry(e)
                .or_default()
                .push((n, index, path.into_boxed_slice()));
        }
    }
}

/// Longest full name protoc accepts (its name lengths are 16-bit).
const MAX_NAME_LEN: usize = u16::MAX as usize;

/// Nesting level at which protoc's descriptor builder gives up on a message.
pub(crate) const MAX_MESSAGE_DEPTH: usize = 32;

/// Where a [`Registrar`] puts the symbols.
enum Sink<'b> {
    /// Into the table, as the file at this index.
    Pool(&'b mut Pool, u32),
    /// Into a list ([`plan`]).
    Plan(Vec<PlannedSymbol>),
}

struct Registrar<'b> {
    sink: Sink<'b>,
    /// Where in protoc's building walk the registrar is (errors are tagged with it).
    key: BuildKey,
    errs: Vec<Keyed>,
}

impl<'b> Registrar<'b> {
    fn new(pool: &'b mut Pool, ctx: &FileContext) -> Self {
        Registrar {
            sink: Sink::Pool(pool, ctx.index),
            key: Vec::new(),
            errs: Vec::new(),
        }
    }

    fn planning() -> Registrar<'static> {
        Registrar {
            sink: Sink::Plan(Vec::new()),
            key: Vec::new(),
            errs: Vec::new(),
        }
    }

    /// Moves the building-walk key to the element `steps` below the one whose key is the
    /// first `base` steps (in place: the key changes for every element, and is read only
    /// when an error is reported).
    fn step(&mut self, base: usize, steps: &[u32]) {
        self.key.truncate(base);
        self.key.extend_from_slice(steps);
    }

    fn error(&mut self, pos: MaybePos, msg: impl Into<String>) {
        self.errs.push(Keyed {
            key: self.key.clone(),
            pos,
            msg: msg.into(),
        });
    }

    fn add(&mut self, full: String, kind: SymbolKind, path: Vec<i32>, pos: MaybePos) -> bool {
        if full.len() > MAX_NAME_LEN && kind != SymbolKind::Message && kind != SymbolKind::Enum {
            // NB: protoc: see `checked_name`; the symbol is then `unknown`-named, not added.
            self.error(pos, "Name too long.");
            return true;
        }
        let (pool, index) = match &mut self.sink {
            Sink::Plan(symbols) => {
                symbols.push((full.into_boxed_str(), kind, path.into_boxed_slice()));
                return true;
            }
            Sink::Pool(pool, index) => (pool, *index),
        };
        // One hash and probe for the check and the insert.
        let (full, existing_file) = match pool.symbols.entry(full.into_boxed_str()) {
            Entry::Vacant(slot) => {
                slot.insert(Symbol {
                    kind,
                    file: index,
                    path: path.into_boxed_slice(),
                });
                return true;
            }
            Entry::Occupied(slot) => (slot.key().clone(), slot.get().file),
        };
        let msg = if existing_file == index {
            match full.rfind('.') {
                None => format!("\"{full}\" is already defined."),
                Some(d) => {
                    format!(
                        "\"{}\" is already defined in \"{}\".",
                        &full[d + 1..],
                        &full[..d]
                    )
                }
            }
        } else {
            let other = &pool.file(existing_file).name;
            format!("\"{full}\" is already defined in file \"{other}\".")
        };
        self.error(pos, msg);
        false
    }

    fn add_package(&mut self, name: &str, pos: MaybePos) {
        let Sink::Pool(pool, index) = &mut self.sink else {
            return;
        };
        match pool.symbols.get(name) {
            None => {
                pool.symbols.insert(
                    name.into(),
                    Symbol {
                        kind: SymbolKind::Package,
                        file: *index,
                        path: Box::new([]),
                    },
                );
                match name.rfind('.') {
                    Some(d) => {
                        self.add_package(&name[..d], pos);
                        self.validate_name(&name[d + 1..], pos);
                    }
                    None => self.validate_name(name, pos),
                }
            }
            Some(s) if s.kind != SymbolKind::Package => {
                let other = pool.file(s.file).name.clone();
                self.error(
                    pos,
                    format!(
                        "\"{name}\" is already defined (as something other than a package) in file \"{other}\"."
                    ),
                );
            }
            Some(_) => {}
        }
    }

    /// descriptor.cc `ValidateSymbolName`: only a descriptor set can hold an empty name or one
    /// that is not an identifier (the parser reads identifiers).
    fn validate_name(&mut self, name: &str, pos: MaybePos) {
        if name.is_empty() {
            self.error(pos, "Missing name.");
        } else if !name.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_') {
            self.error(pos, format!("\"{name}\" is not a valid identifier."));
        }
    }

    /// protoc stores name lengths as 16 bits (descriptor.cc CreateDescriptorNames): a longer full
    /// name is `Name too long.` at NAME, and the entity carries on as `unknown`.
    fn checked_name(&mut self, scope: &str, name: &str, pos: MaybePos) -> String {
        let full = join(scope, name);
        if full.len() > MAX_NAME_LEN {
            self.error(pos, "Name too long.");
            return "unknown".to_string();
        }
        full
    }

    /// Registers message `m`; `self.key` is its place in the building walk.
    fn message(&mut self, m: &DescriptorProto, scope: &str, path: Vec<i32>) {
        use order::{field as fk, message as mk};
        let base = self.key.len();
        let full = self.checked_name(scope, &m.name, m.loc.name);
        for (i, o) in m.oneof_decl.iter().enumerate() {
            self.step(base, &[mk::ONEOF, i as u32]);
            let p = child(&path, [msg::ONEOF_DECL, i as i32]);
            self.validate_name(&o.name, o.loc.name);
            self.add(join(&full, &o.name), SymbolKind::Oneof, p, o.loc.name);
        }
        for (i, f) in m.field.iter().enumerate() {
            self.step(base, &[mk::FIELD, i as u32]);
            let p = child(&path, [msg::FIELD, i as i32]);
            self.validate_name(&f.name, f.loc.name);
            self.key.push(fk::SYMBOL);
            self.add(join(&full, &f.name), SymbolKind::Field, p, f.loc.name);
        }
        for (i, e) in m.enum_type.iter().enumerate() {
            self.step(base, &[mk::ENUM, i as u32]);
            let p = child(&path, [msg::ENUM_TYPE, i as i32]);
            self.enum_type(e, &full, p);
        }
        for (i, x) in m.extension.iter().enumerate() {
            self.step(base, &[mk::EXTENSION, i as u32]);
            let p = child(&path, [msg::EXTENSION, i as i32]);
            self.validate_name(&x.name, x.loc.name);
            self.key.push(fk::SYMBOL);
            self.add(join(&full, &x.name), SymbolKind::Extension, p, x.loc.name);
        }
        // NB: protoc's BuildMessage stops at 32 levels of nesting (reachable through groups,
        // which its parser does not limit): no position, no symbol, no nested types.
        if path.len() >= 2 * MAX_MESSAGE_DEPTH {
            self.step(base, &[mk::DEPTH_LIMIT]);
            let msg = "Reached maximum recursion limit for nested messages.";
            self.error(None, msg);
            return;
        }
        for (i, n) in m.nested_type.iter().enumerate() {
            self.step(base, &[mk::NESTED, i as u32]);
            let p = child(&path, [msg::NESTED_TYPE, i as i32]);
            self.message(n, &full, p);
        }
        // protoc checks the name first (`ValidateSymbolName`), and adds the symbol last.
        self.key.truncate(base);
        self.validate_name(&m.name, m.loc.name);
        self.step(base, &[mk::SYMBOL]);
        self.add(full, SymbolKind::Message, path, m.loc.name);
    }

    /// Registers enum `e` and its values; `self.key` is its place in the building walk.
    fn enum_type(&mut self, e: &EnumDescriptorProto, scope: &str, path: Vec<i32>) {
        use order::enumeration as ek;
        let base = self.key.len();
        let full = self.checked_name(scope, &e.name, e.loc.name);
        for (i, v) in e.value.iter().enumerate() {
            self.step(base, &[ek::VALUE, i as u32]);
            let p = child(&path, [en::VALUE, i as i32]);
            // NB: protoc: enum values are siblings of their type (C++ scoping).
            let value_full = join(scope, &v.name);
            self.validate_name(&v.name, v.loc.name);
            // The scan for an earlier value of the same name only when the symbol clashed (it
            // is quadratic in the enum's size).
            if !self.add(value_full, SymbolKind::EnumValue, p, v.loc.name)
                && !e.value[..i].iter().any(|w| w.name == v.name)
            {
                let outer = if scope.is_empty() {
                    "the global scope".to_string()
                } else {
                    format!("\"{scope}\"")
                };
                let msg = format!(
                    "Note that enum values use C++ scoping rules, meaning that enum values are siblings of their type, not children of it.  Therefore, \"{}\" must be unique within {}, not just within \"{}\".",
                    v.name, outer, e.name
                );
                self.error(v.loc.name, msg);
            }
        }
        self.key.truncate(base);
        self.validate_name(&e.name, e.loc.name);
        self.step(base, &[ek::SYMBOL]);
        self.add(full, SymbolKind::Enum, path, e.loc.name);
    }
}

/// The path of a child element: `path` and the two `steps` to it, allocated at its size so
/// that boxing it (`Symbol::path`) reallocates nothing.
fn child(path: &[i32], steps: [i32; 2]) -> Vec<i32> {
    let mut p = Vec::with_capacity(path.len() + 2);
    p.extend_from_slice(path);
    p.extend(steps);
    p
}
