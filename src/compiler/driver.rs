//! The build driver: loads files depth-first through the source tree, parses them, and builds
//! each one into the pool in protoc's order (d.cc `BuildFile`/`BuildFileImpl`, importer.cc):
//! imports, symbols, cross-linking, options, validation, unused-import warnings. A file with
//! errors is rolled back out of the pool, so importers see "not found or had errors".

use std::collections::{HashMap, HashSet};

use super::pool::{Pool, Symbol, SymbolKind, join};
use super::{CompileOptions, OpenError, SourceTree};
use crate::descriptor::model::*;
use crate::diagnostics::Diagnostics;

/// What building one file needs to know about its imports.
pub struct FileContext {
    /// Index the file will have in the pool.
    pub index: u32,
    pub display_name: String,
    /// This file, its direct imports, and what they re-export through `import public`.
    pub visible: HashSet<u32>,
    /// Files reached through `import option` (their fields are visible to options only).
    pub option_visible: HashSet<u32>,
    /// Direct imports that are still unused (candidates for the warning), with their index
    /// in `dependency` followed by `option_dependency`.
    pub unused: HashMap<u32, usize>,
    /// Whether this file was named on the command line.
    pub is_input: bool,
}

pub struct Builder<'a> {
    pub tree: &'a dyn SourceTree,
    pub pool: Pool,
    pub diags: &'a mut Diagnostics,
    pub options: CompileOptions,
    pending: Vec<String>,
    bad: HashSet<String>,
    inputs: HashSet<String>,
    /// Display names of files by virtual name (for diagnostics about already-built files).
    pub display: HashMap<String, String>,
    /// Building protoc's built-in descriptor.proto itself: it is its own schema.
    pub bootstrap: bool,
}

impl<'a> Builder<'a> {
    pub fn new(
        tree: &'a dyn SourceTree,
        diags: &'a mut Diagnostics,
        options: CompileOptions,
        inputs: &[String],
    ) -> Self {
        Builder {
            tree,
            pool: Pool::default(),
            diags,
            options,
            pending: Vec::new(),
            bad: HashSet::new(),
            inputs: inputs.iter().cloned().collect(),
            display: HashMap::new(),
            bootstrap: false,
        }
    }

    /// Builds `name` and its imports; `None` if it could not be found or had errors.
    pub fn build(&mut self, name: &str) -> Option<u32> {
        if let Some(&i) = self.pool.file_index.get(name) {
            return Some(i);
        }
        if self.bad.contains(name) {
            return None;
        }
        let source = match self.tree.open(name) {
            Ok(s) => s,
            Err(OpenError::NotFound) => {
                self.diags.error(name, None, "File not found.");
                self.bad.insert(name.to_string());
                return None;
            }
            Err(OpenError::Unreadable(msg)) => {
                self.diags.error(name, None, msg);
                self.bad.insert(name.to_string());
                return None;
            }
        };
        let display = source.display_name.clone();
        self.display.insert(name.to_string(), display.clone());
        let Some(mut file) = super::parser::parse_file(
            &display,
            name,
            &source.contents,
            self.diags,
            self.options.include_source_info,
        ) else {
            self.bad.insert(name.to_string());
            return None;
        };
        drop(source);
        file.name = name.to_string();
        let result = self.build_parsed(file, &display);
        if result.is_none() {
            self.bad.insert(name.to_string());
        }
        result
    }

    fn build_parsed(&mut self, file: FileDescriptorProto, display: &str) -> Option<u32> {
        // NB: protoc loads every import (depth-first) before building the file, keeping the
        // chain of files being loaded to detect cycles.
        if let Some(from) = self.pending.iter().position(|p| *p == file.name) {
            let mut msg = String::from("File recursively imports itself: ");
            for p in &self.pending[from..] {
                msg.push_str(p);
                msg.push_str(" -> ");
            }
            msg.push_str(&file.name);
            let target = self
                .pending
                .get(from + 1)
                .cloned()
                .unwrap_or_else(|| file.name.clone());
            let pos = import_pos(&file, &target);
            self.diags.error(display, pos, msg);
            return None;
        }
        // NB: protoc rejects over-long packages before loading any import (d.cc BuildFile).
        let package = file.package.as_deref().unwrap_or("");
        if package.len() > MAX_PACKAGE_LEN {
            self.diags
                .error(display, file.loc.package, "Package name is too long");
            return None;
        }
        self.pending.push(file.name.clone());
        let deps: Vec<String> = file
            .dependency
            .iter()
            .chain(file.option_dependency.iter())
            .cloned()
            .collect();
        for d in &deps {
            if !self.pool.file_index.contains_key(d.as_str()) {
                self.build(d);
            }
        }
        self.pending.pop();
        // The same file may have been built while loading a cycle.
        if let Some(&i) = self.pool.file_index.get(&file.name) {
            return Some(i);
        }
        let errors_before = self.diags.error_count;
        // FeatureResolver::Create: the edition must lie within protoc's supported range.
        if let Syntax::Editions(e) = file.syntax {
            if e < edition::PROTO2 {
                self.diags.error(
                    display,
                    file.loc.syntax,
                    format!(
                        "Edition {} is earlier than the minimum supported edition PROTO2",
                        edition_name(e)
                    ),
                );
            } else if e > edition::E2024 && e != edition::UNSTABLE {
                self.diags.error(
                    display,
                    file.loc.syntax,
                    format!(
                        "Edition {} is later than the maximum supported edition 2024",
                        edition_name(e)
                    ),
                );
            }
        }
        // NB: protoc: at most 100 dots in a package (d.cc kPackageLimit), checked before
        // the imports are resolved.
        if package.bytes().filter(|&c| c == b'.').count() > MAX_PACKAGE_DOTS {
            self.diags
                .error(display, file.loc.package, "Exceeds Maximum Package Depth");
            return None;
        }
        let (mut ctx, self_import) = self.resolve_imports(&file, display);
        if self_import {
            // NB: protoc finds the half-built file itself and returns silently (d.cc
            // BuildFileImpl `dependency == result`); the recursion error is already printed.
            return None;
        }
        let mut file = file;
        let added = self.add_symbols(&mut file, &ctx);
        let index = ctx.index;
        self.pool.file_index.insert(file.name.clone(), index);
        self.pool.files.push(file);
        // BuildMessage/BuildEnum's own checks (numbers, ranges, reserved) run before linking.
        let hints = super::structure::check_structure(self, index, display);
        // NB: protoc cross-links even when imports are missing ("not defined" errors follow).
        super::link::link_file(self, &mut ctx);
        super::structure::check_numbers(self, index, display, hints);
        if self.diags.error_count == errors_before {
            self.register_extensions(index);
            super::options::interpret_file(self, &mut ctx);
        }
        if self.diags.error_count == errors_before {
            super::validate::validate_file(self, &ctx);
        }
        if self.diags.error_count != errors_before {
            super::validate::detect_map_conflicts(self, &ctx);
        }
        if self.diags.error_count == errors_before {
            if ctx.is_input {
                self.warn_unused(index, &ctx);
            }
            // NB: protoc checks naming style after the unused-import warnings.
            super::validate::naming_style(self, &ctx);
        }
        if self.diags.error_count == errors_before {
            super::visibility::check_strict(self, &ctx);
        }
        if self.diags.error_count == errors_before {
            super::lifetimes::check_file(self, &ctx);
        }
        if self.diags.error_count == errors_before {
            return Some(index);
        }
        self.rollback(added, index);
        None
    }

    /// Indexes the file's extensions by extendee and number (for option lookups).
    fn register_extensions(&mut self, index: u32) {
        let file = self.pool.file(index);
        let mut found = Vec::new();
        for (i, x) in file.extension.iter().enumerate() {
            found.push((x.extendee.clone(), x.number, vec![7, i as i32]));
        }
        fn walk(
            m: &DescriptorProto,
            path: Vec<i32>,
            found: &mut Vec<(Option<String>, Option<i32>, Vec<i32>)>,
        ) {
            for (i, x) in m.extension.iter().enumerate() {
                let mut p = path.clone();
                p.extend([6, i as i32]);
                found.push((x.extendee.clone(), x.number, p));
            }
            for (i, n) in m.nested_type.iter().enumerate() {
                let mut p = path.clone();
                p.extend([3, i as i32]);
                walk(n, p, found);
            }
        }
        for (i, m) in file.message_type.iter().enumerate() {
            walk(m, vec![4, i as i32], &mut found);
        }
        for (extendee, number, path) in found {
            if let (Some(e), Some(n)) = (extendee, number) {
                let e = e.trim_start_matches('.').to_string();
                self.pool.extensions.entry(e).or_default().push((
                    n,
                    index,
                    path.into_boxed_slice(),
                ));
            }
        }
    }

    fn rollback(&mut self, added: Vec<String>, index: u32) {
        for name in added {
            self.pool.symbols.remove(&name);
        }
        for list in self.pool.extensions.values_mut() {
            list.retain(|(_, f, _)| *f != index);
        }
        if (index as usize) < self.pool.files.len() {
            let name = self.pool.files[index as usize].name.clone();
            self.pool.files.truncate(index as usize);
            self.pool.file_index.remove(&name);
        }
    }

    /// Import checks and visibility (d.cc BuildFileImpl, RecordPublicDependencies). The flag
    /// is set when the file imports itself: the caller must stop building it.
    fn resolve_imports(
        &mut self,
        file: &FileDescriptorProto,
        display: &str,
    ) -> (FileContext, bool) {
        let index = self.pool.files.len() as u32;
        let is_input = self.inputs.contains(&file.name);
        let mut ctx = FileContext {
            index,
            display_name: display.to_string(),
            visible: HashSet::from([index]),
            option_visible: HashSet::new(),
            unused: HashMap::new(),
            is_input,
        };
        let mut seen = HashSet::new();
        let n_deps = file.dependency.len();
        let mut direct = Vec::new();
        let mut option_direct = Vec::new();
        for (i, name) in file
            .dependency
            .iter()
            .chain(file.option_dependency.iter())
            .enumerate()
        {
            let is_option = i >= n_deps;
            let pos = if is_option {
                file.loc
                    .option_dependency
                    .get(i - n_deps)
                    .copied()
                    .flatten()
            } else {
                file.loc.dependency.get(i).copied().flatten()
            };
            if !seen.insert(name.as_str()) {
                self.diags
                    .error(display, pos, format!("Import \"{name}\" was listed twice."));
            }
            if *name == file.name {
                return (ctx, true);
            }
            match self.pool.file_index.get(name.as_str()) {
                None => {
                    // NB: protoc tolerates a missing `import option` file (a placeholder).
                    if !is_option {
                        self.diags.error(
                            display,
                            pos,
                            format!("Import \"{name}\" was not found or had errors."),
                        );
                    }
                }
                Some(&d) => {
                    if is_option {
                        option_direct.push(d);
                    } else {
                        direct.push(d);
                    }
                    // NB: protoc tracks `import option` files as possibly unused too.
                    if is_input && self.pool.file(d).public_dependency.is_empty() {
                        ctx.unused.insert(d, i);
                    }
                }
            }
        }
        for &p in &file.public_dependency {
            if let Some(name) = file.dependency.get(p as usize)
                && let Some(d) = self.pool.file_index.get(name.as_str())
            {
                ctx.unused.remove(d);
            }
        }
        for d in direct {
            self.record_public(d, &mut ctx.visible);
        }
        for d in option_direct {
            self.record_public(d, &mut ctx.option_visible);
        }
        (ctx, false)
    }

    fn record_public(&self, file: u32, into: &mut HashSet<u32>) {
        if !into.insert(file) {
            return;
        }
        let f = self.pool.file(file);
        for &p in &f.public_dependency {
            if let Some(name) = f.dependency.get(p as usize)
                && let Some(&d) = self.pool.file_index.get(name.as_str())
            {
                self.record_public(d, into);
            }
        }
    }

    fn warn_unused(&mut self, index: u32, ctx: &FileContext) {
        let file = self.pool.file(index);
        let mut unused: Vec<usize> = ctx.unused.values().copied().collect();
        unused.sort_unstable();
        let mut out = Vec::new();
        let n_deps = file.dependency.len();
        for i in unused {
            let (pos, name) = if i < n_deps {
                (file.loc.dependency.get(i), &file.dependency[i])
            } else {
                let j = i - n_deps;
                (
                    file.loc.option_dependency.get(j),
                    &file.option_dependency[j],
                )
            };
            let pos = pos.copied().flatten();
            out.push((pos, format!("Import {name} is unused.")));
        }
        for (pos, msg) in out {
            self.diags.warning(&ctx.display_name, pos, msg);
        }
    }

    /// Registers the file's package and symbols (d.cc AddPackage, AddSymbol), in protoc's
    /// order. Returns the names added, for rollback.
    fn add_symbols(&mut self, file: &mut FileDescriptorProto, ctx: &FileContext) -> Vec<String> {
        let mut reg = Registrar {
            b: self,
            ctx,
            added: Vec::new(),
        };
        if let Some(pkg) = file.package.clone().filter(|p| !p.is_empty()) {
            reg.add_package(&pkg, file.loc.package);
        }
        let pkg = file.package.clone().unwrap_or_default();
        for (i, m) in file.message_type.iter().enumerate() {
            reg.message(m, &pkg, vec![4, i as i32]);
        }
        for (i, e) in file.enum_type.iter().enumerate() {
            reg.enum_type(e, &pkg, vec![5, i as i32]);
        }
        for (i, s) in file.service.iter().enumerate() {
            let full = join(&pkg, &s.name);
            for (j, m) in s.method.iter().enumerate() {
                reg.add(
                    &join(&full, &m.name),
                    SymbolKind::Method,
                    vec![6, i as i32, 2, j as i32],
                    m.loc.name,
                );
            }
            reg.add(&full, SymbolKind::Service, vec![6, i as i32], s.loc.name);
        }
        for (i, x) in file.extension.iter().enumerate() {
            reg.add(
                &join(&pkg, &x.name),
                SymbolKind::Extension,
                vec![7, i as i32],
                x.loc.name,
            );
        }
        reg.added
    }
}

fn import_pos(file: &FileDescriptorProto, target: &str) -> MaybePos {
    file.dependency
        .iter()
        .rposition(|d| d == target)
        .and_then(|i| file.loc.dependency.get(i).copied().flatten())
}

/// Longest package name protoc accepts (descriptor.h NameLimits::kPackageName).
const MAX_PACKAGE_LEN: usize = 511;

/// Most dots protoc accepts in a package name (d.cc kPackageLimit).
const MAX_PACKAGE_DOTS: usize = 100;

/// Longest full name protoc accepts (its name lengths are 16-bit).
const MAX_NAME_LEN: usize = u16::MAX as usize;

/// Nesting level at which protoc's descriptor builder gives up on a message.
pub(crate) const MAX_MESSAGE_DEPTH: usize = 32;

struct Registrar<'b, 'a> {
    b: &'b mut Builder<'a>,
    ctx: &'b FileContext,
    added: Vec<String>,
}

impl Registrar<'_, '_> {
    fn add(&mut self, full: &str, kind: SymbolKind, path: Vec<i32>, pos: MaybePos) -> bool {
        if full.len() > MAX_NAME_LEN && kind != SymbolKind::Message && kind != SymbolKind::Enum {
            // NB: protoc: see `checked_name`; the symbol is then `unknown`-named, not added.
            self.b
                .diags
                .error(&self.ctx.display_name, pos, "Name too long.");
            return true;
        }
        if let Some(existing) = self.b.pool.symbols.get(full) {
            let msg = if existing.file == self.ctx.index {
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
                let other = &self.b.pool.file(existing.file).name;
                format!("\"{full}\" is already defined in file \"{other}\".")
            };
            self.b.diags.error(&self.ctx.display_name, pos, msg);
            return false;
        }
        self.b.pool.symbols.insert(
            full.to_string(),
            Symbol {
                kind,
                file: self.ctx.index,
                path: path.into_boxed_slice(),
            },
        );
        self.added.push(full.to_string());
        true
    }

    fn add_package(&mut self, name: &str, pos: MaybePos) {
        match self.b.pool.symbols.get(name) {
            None => {
                self.b.pool.symbols.insert(
                    name.to_string(),
                    Symbol {
                        kind: SymbolKind::Package,
                        file: self.ctx.index,
                        path: Box::new([]),
                    },
                );
                self.added.push(name.to_string());
                if let Some(d) = name.rfind('.') {
                    self.add_package(&name[..d], pos);
                }
            }
            Some(s) if s.kind != SymbolKind::Package => {
                let other = self.b.pool.file(s.file).name.clone();
                self.b.diags.error(
                    &self.ctx.display_name,
                    pos,
                    format!(
                        "\"{name}\" is already defined (as something other than a package) in file \"{other}\"."
                    ),
                );
            }
            Some(_) => {}
        }
    }

    /// protoc stores name lengths as 16 bits (d.cc CreateDescriptorNames): a longer full
    /// name is `Name too long.` at NAME, and the entity carries on as `unknown`.
    fn checked_name(&mut self, scope: &str, name: &str, pos: MaybePos) -> String {
        let full = join(scope, name);
        if full.len() > MAX_NAME_LEN {
            self.b
                .diags
                .error(&self.ctx.display_name, pos, "Name too long.");
            return "unknown".to_string();
        }
        full
    }

    fn message(&mut self, m: &DescriptorProto, scope: &str, path: Vec<i32>) {
        let full = self.checked_name(scope, &m.name, m.loc.name);
        for (i, o) in m.oneof_decl.iter().enumerate() {
            let mut p = path.clone();
            p.extend([8, i as i32]);
            self.add(&join(&full, &o.name), SymbolKind::Oneof, p, o.loc.name);
        }
        for (i, f) in m.field.iter().enumerate() {
            let mut p = path.clone();
            p.extend([2, i as i32]);
            self.add(&join(&full, &f.name), SymbolKind::Field, p, f.loc.name);
        }
        for (i, e) in m.enum_type.iter().enumerate() {
            let mut p = path.clone();
            p.extend([4, i as i32]);
            self.enum_type(e, &full, p);
        }
        for (i, x) in m.extension.iter().enumerate() {
            let mut p = path.clone();
            p.extend([6, i as i32]);
            self.add(&join(&full, &x.name), SymbolKind::Extension, p, x.loc.name);
        }
        // NB: protoc's BuildMessage stops at 32 levels of nesting (reachable through groups,
        // which its parser does not limit): no position, no symbol, no nested types.
        if path.len() >= 2 * MAX_MESSAGE_DEPTH {
            let msg = "Reached maximum recursion limit for nested messages.";
            self.b.diags.error(&self.ctx.display_name, None, msg);
            return;
        }
        for (i, n) in m.nested_type.iter().enumerate() {
            let mut p = path.clone();
            p.extend([3, i as i32]);
            self.message(n, &full, p);
        }
        self.add(&full, SymbolKind::Message, path, m.loc.name);
    }

    fn enum_type(&mut self, e: &EnumDescriptorProto, scope: &str, path: Vec<i32>) {
        let full = self.checked_name(scope, &e.name, e.loc.name);
        for (i, v) in e.value.iter().enumerate() {
            let mut p = path.clone();
            p.extend([2, i as i32]);
            // NB: protoc: enum values are siblings of their type (C++ scoping).
            let value_full = join(scope, &v.name);
            let dup_in_enum = e.value[..i].iter().any(|w| w.name == v.name);
            if !self.add(&value_full, SymbolKind::EnumValue, p, v.loc.name) && !dup_in_enum {
                let outer = if scope.is_empty() {
                    "the global scope".to_string()
                } else {
                    format!("\"{scope}\"")
                };
                let msg = format!(
                    "Note that enum values use C++ scoping rules, meaning that enum values are siblings of their type, not children of it.  Therefore, \"{}\" must be unique within {}, not just within \"{}\".",
                    v.name, outer, e.name
                );
                self.b.diags.error(&self.ctx.display_name, v.loc.name, msg);
            }
        }
        self.add(&full, SymbolKind::Enum, path, e.loc.name);
    }
}
