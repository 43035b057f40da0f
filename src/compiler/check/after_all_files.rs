//! The checks protoc's command line runs on the input files once all of them are built
//! (command_line_interface.cc `Run`): option imports of debug_redact options, field numbers
//! 19000-19999, and option `targets`; then the edition support check. All reported, then exit 1.

use crate::compiler::context::BuiltinPool;
use crate::compiler::options::canonical;
use crate::compiler::options::interpret::field_full_name;
use crate::compiler::options::schema::{FieldRef, MsgRef, Schema};
use crate::compiler::pool::Pool;
use crate::descriptor::model::*;
use crate::descriptor::numbers::enum_value_options;
use crate::descriptor::numbers::field_options;
use crate::descriptor::options::{OptionsKind, option_varint, visit_options};
use crate::descriptor::path::join;
use crate::descriptor::wire::{Reader, WireValue, records_by_field};
use crate::diagnostics::Diagnostics;
use crate::release::Release;
use rustc_hash::FxHashSet;
use std::collections::HashMap;

/// code_generator.cc `CanSkipEditionCheck` (35.1 and 36.2 alike): protobuf's own files, its
/// conformance and test messages, by virtual name.
pub fn can_skip_edition_check(name: &str) -> bool {
    [
        "google/protobuf/",
        "upb/",
        "com/google/protobuf/",
        "conformance/test_protos/",
        "test_messages_edition_unstable",
    ]
    .iter()
    .any(|p| name.starts_with(p))
}

/// protoc 36.2's warning for an input file that sets a `*_generic_services` option to true.
pub const GENERIC_SERVICES: &str = "Generic services (cc_generic_services, java_generic_services, and py_generic_services) are deprecated in favor of using plugins that generate code specific to your particular RPC system. Additional code generator options may be required to enable generic services and total removal of these options is planned in future breaking releases.";

/// Whether the file sets `cc_generic_services`, `java_generic_services` or
/// `py_generic_services` to true.
fn sets_generic_services(file: &FileDescriptorProto) -> bool {
    use crate::descriptor::numbers::file_options as fo;
    [
        fo::CC_GENERIC_SERVICES,
        fo::JAVA_GENERIC_SERVICES,
        fo::PY_GENERIC_SERVICES,
    ]
    .into_iter()
    .any(|n| option_varint(file.options.as_deref(), &[n]).is_some_and(|v| v != 0))
}

/// What the checks find in one input file, in the order protoc reports it.
#[derive(Default)]
struct Findings {
    option_import: Option<String>,
    generic_services: bool,
    /// Fields numbered 19000-19999: one error each.
    reserved_numbers: usize,
    /// Options set on an entity their `targets` exclude.
    targets: Vec<String>,
}

/// Runs the checks on `inputs` (virtual names), naming files in diagnostics by `display`;
/// returns false when any error was reported.
pub fn run(
    pool: &Pool,
    diags: &mut Diagnostics,
    inputs: &[String],
    display: &dyn Fn(&str) -> String,
    builtin: BuiltinPool,
    experimental_editions: bool,
) -> bool {
    let mut ok = true;
    let files: Vec<u32> = inputs
        .iter()
        .filter_map(|n| pool.file_index.get(n.as_str()).copied())
        .collect();
    // Each file is read alone, so the files are checked on every core (the pool is complete
    // and no longer changes); the findings are reported in protoc's order below.
    let findings = crate::parallel::map_in_order(&files, crate::parallel::thread_count(), |&i| {
        findings(pool, pool.file(i), builtin)
    });
    for (&i, found) in files.iter().zip(&findings) {
        let shown = display(&pool.file(i).name);
        if let Some(msg) = &found.option_import {
            ok = false;
            diags.error(&shown, None, msg.clone());
        }
        if found.generic_services {
            // NB: protoc 36.2 records it through its error collector, but `--fatal_warnings`
            // does not fail on it.
            diags.non_fatal_warning(&shown, GENERIC_SERVICES);
        }
        for _ in 0..found.reserved_numbers {
            ok = false;
            diags.error(
                &shown,
                None,
                "Field numbers 19000 through 19999 are reserved for the protocol buffer library implementation.",
            );
        }
    }
    // NB: protoc checks every file's imports and numbers before any file's targets.
    for (&i, found) in files.iter().zip(findings) {
        let shown = display(&pool.file(i).name);
        for msg in found.targets {
            ok = false;
            diags.error(&shown, None, msg);
        }
    }
    // NB: protoc's --experimental_editions skips the edition support check.
    if !ok || experimental_editions {
        return ok;
    }
    for &i in &files {
        let file = pool.file(i);
        // NB: protoc skips this check for its own files (code_generator.cc
        // `CanSkipEditionCheck`, 35.1 and 36.2 alike: these virtual-name prefixes).
        let own = can_skip_edition_check(&file.name);
        if file.syntax == Syntax::Editions(edition::UNSTABLE) && !own {
            // NB: protoc names the file by its virtual name here, not its disk path.
            diags.error(
                &file.name,
                None,
                format!(
                    "is a file using edition UNSTABLE, which is later than the protoc maximum supported edition {}.",
                    edition_name(pool.release.maximum_edition())
                ),
            );
            ok = false;
        }
    }
    ok
}

fn findings(pool: &Pool, file: &FileDescriptorProto, builtin: BuiltinPool) -> Findings {
    let mut found = Findings {
        option_import: option_import_error(pool, file),
        generic_services: pool.release >= Release::V36_2 && sets_generic_services(file),
        ..Findings::default()
    };
    visit_fields(file, &mut |f| {
        if f.number.is_some_and(|n| (19000..=19999).contains(&n)) {
            found.reserved_numbers += 1;
        }
    });
    // The schema is made on first use: a file without options needs no built-in pool.
    let mut schema = None;
    // Options messages found allowed, by kind and bytes: a file repeats the same options on
    // many elements (`field_behavior`, `resource_reference`).
    let mut allowed: FxHashSet<(OptionsKind, &[u8])> = FxHashSet::default();
    // NB: protoc checks targets in `VisitDescriptors` order, the file first.
    visit_options(file, &mut |kind, _, o| {
        if allowed.contains(&(kind, &o.bytes[..])) {
            return;
        }
        let schema = schema.get_or_insert_with(|| {
            Schema::new(if pool.find("google.protobuf.FileOptions").is_some() {
                pool
            } else {
                builtin()
            })
        });
        let Some(m) = schema.message(kind.type_name()) else {
            return;
        };
        let (type_name, target) = (kind.type_name(), target(kind));
        let errors = found.targets.len();
        check_targets(
            schema,
            &m,
            type_name,
            &o.bytes,
            target,
            &mut found.targets,
            0,
        );
        if found.targets.len() == errors {
            allowed.insert((kind, &o.bytes));
        }
    });
    found
}

/// command_line_interface.cc `ValidateOptionImports`: the first `import option` dependency that
/// defines an extension whose (transitive) type has an enum value marked `debug_redact`.
fn option_import_error(pool: &Pool, file: &FileDescriptorProto) -> Option<String> {
    for dep in &file.option_dependency {
        let Some(&di) = pool.file_index.get(dep.as_str()) else {
            continue;
        };
        if let Some(ext) = debug_redact_marker(pool, pool.file(di)) {
            return Some(format!(
                "Option dependency {dep} contains a custom option {ext} marked debug_redact, which is used to mark fields that need to be redacted in debug string APIs. Switch to a regular import or remove the debug_redact annotation to avoid potentially leaking sensitive data."
            ));
        }
    }
    None
}

/// command_line_interface.cc `FindDebugRedactMarker`: the full name of the last extension (in
/// protoc's visiting order) whose type can carry a `debug_redact` enum value.
fn debug_redact_marker(pool: &Pool, file: &FileDescriptorProto) -> Option<String> {
    struct Finder<'p> {
        pool: &'p Pool,
        visited: HashMap<String, bool>,
        found: Option<String>,
    }
    impl Finder<'_> {
        fn field(&mut self, f: &FieldDescriptorProto) -> bool {
            let Some(t) = f.type_name.as_deref().map(|t| t.trim_start_matches('.')) else {
                return false;
            };
            if let Some(e) = self.pool.enum_type(t) {
                return e.value.iter().any(|v| {
                    option_varint(v.options.as_deref(), &[enum_value_options::DEBUG_REDACT])
                        == Some(1)
                });
            }
            let Some(m) = self.pool.message(t) else {
                return false;
            };
            if let Some(&v) = self.visited.get(t) {
                return v;
            }
            self.visited.insert(t.to_string(), false);
            for sub in &m.field {
                if self.field(sub) {
                    self.visited.insert(t.to_string(), true);
                    return true;
                }
            }
            false
        }
        fn extensions(&mut self, xs: &[FieldDescriptorProto], scope: &str) {
            for x in xs {
                if self.field(x) {
                    self.found = Some(join(scope, &x.name));
                }
            }
        }
        fn message(&mut self, m: &DescriptorProto, scope: &str) {
            let full = join(scope, &m.name);
            for n in &m.nested_type {
                self.message(n, &full);
            }
            self.extensions(&m.extension, &full);
        }
    }
    let mut f = Finder {
        pool,
        visited: HashMap::new(),
        found: None,
    };
    let pkg = file.package.clone().unwrap_or_default();
    for m in &file.message_type {
        f.message(m, &pkg);
    }
    f.extensions(&file.extension, &pkg);
    f.found
}

fn visit_fields(file: &FileDescriptorProto, f: &mut dyn FnMut(&FieldDescriptorProto)) {
    fn message(m: &DescriptorProto, f: &mut dyn FnMut(&FieldDescriptorProto)) {
        m.field.iter().for_each(&mut *f);
        m.extension.iter().for_each(&mut *f);
        for n in &m.nested_type {
            message(n, f);
        }
    }
    for m in &file.message_type {
        message(m, f);
    }
    file.extension.iter().for_each(f);
}

/// `FieldOptions.OptionTargetType` of an options kind, and its name in messages.
fn target(kind: OptionsKind) -> (u64, &'static str) {
    match kind {
        OptionsKind::File => (1, "file"),
        OptionsKind::ExtensionRange => (2, "extension range"),
        OptionsKind::Message => (3, "message"),
        OptionsKind::Field => (4, "field"),
        OptionsKind::Oneof => (5, "oneof"),
        OptionsKind::Enum => (6, "enum"),
        OptionsKind::EnumValue => (7, "enum entry"),
        OptionsKind::Service => (8, "service"),
        OptionsKind::Method => (9, "method"),
    }
}

/// command_line_interface.cc `ValidateTargetConstraintsRecursive`: every set field (in number
/// order) must allow the target; set sub-messages are checked too.
fn check_targets(
    schema: &Schema,
    m: &MsgRef,
    full: &str,
    bytes: &[u8],
    target: (u64, &str),
    errs: &mut Vec<String>,
    depth: usize,
) {
    if depth > canonical::MAX_DEPTH {
        return;
    }
    // Each set field once, by number, with its records in wire order.
    let records = records_by_field(bytes);
    for group in records.chunk_by(|a, b| a.0 == b.0) {
        let Some(f) = schema.field_by_number(m, full, group[0].0 as i32) else {
            continue;
        };
        let subs = group.iter().filter_map(|(_, v)| match v {
            WireValue::Len(b) | WireValue::Group(b) => Some(*b),
            _ => None,
        });
        let targets = allowed_targets(&f);
        if !targets.is_empty() && !targets.contains(&target.0) {
            let name = field_full_name(schema.pool, &f);
            errs.push(format!(
                "Option {name} cannot be set on an entity of type `{}`.",
                target.1
            ));
        }
        if f.ty() == FieldType::Message {
            let tn = f.type_name();
            if let Some(sub) = schema.message(tn) {
                if f.is_repeated() {
                    for b in subs {
                        check_targets(schema, &sub, tn, b, target, errs, depth + 1);
                    }
                } else if let [(_, WireValue::Len(b) | WireValue::Group(b))] = group {
                    check_targets(schema, &sub, tn, b, target, errs, depth + 1);
                } else {
                    let merged: Vec<u8> = subs.collect::<Vec<_>>().concat();
                    check_targets(schema, &sub, tn, &merged, target, errs, depth + 1);
                }
            }
        }
    }
}

/// `FieldOptions.targets` (19) of a field.
fn allowed_targets(f: &FieldRef) -> Vec<u64> {
    let Some(o) = &f.field.options else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for r in Reader::new(&o.bytes).flatten() {
        if r.field != field_options::TARGETS {
            continue;
        }
        match r.value {
            WireValue::Varint(v) => out.push(v),
            WireValue::Len(b) => {
                let mut pos = 0;
                while pos < b.len() {
                    match crate::descriptor::wire::read_varint(b, &mut pos) {
                        Ok(v) => out.push(v),
                        Err(_) => break,
                    }
                }
            }
            _ => {}
        }
    }
    out
}
