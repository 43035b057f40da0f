//! protoc's validation after options are interpreted: feature resolution's own checks
//! (descriptor.cc `ResolveFeaturesImpl`), then the `ValidateOptions` visitor (file and proto3
//! rules, json_name conflicts, extension range limits, enum rules, field option rules, editions
//! field rules, maps, jstype, lite files), in protoc's visiting order.

use super::before_link::MAX_NUMBER;
use super::custom_json;
use super::extension_declarations;
use super::feature_support;
use crate::compiler::context::FileContext;
use crate::compiler::options::features::{self, Features, slot, value};
use crate::compiler::pool::{Pool, SymbolKind};
use crate::descriptor::json_name::{is_json_name_of, json_name_bytes, to_json_name};
use crate::descriptor::model::*;
use crate::descriptor::numbers::{
    enum_options as eo, feature_set, field_options as fdo, file_options as fo,
    message_options as mo,
};
use crate::descriptor::options::{OptionsKind, is_map_entry, option_varint, option_varints};
use crate::descriptor::path::{enum_at, join};
use crate::diagnostics::Diagnostics;
use crate::release::Release;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::hash::Hasher;

/// Runs protoc's checks on the file at `ctx.index`.
pub fn run(pool: &Pool, diags: &mut Diagnostics, ctx: &FileContext) {
    let mut out = Vec::new();
    {
        let file = pool.file(ctx.index);
        let mut v = Validator {
            pool,
            file,
            out: &mut out,
            extension_declarations: ctx.enforce_extension_declarations,
            element: String::new(),
        };
        // The feature checks ran between the option passes (`feature_errors`).
        v.validate();
    }
    for (pos, msg, warning, _) in out {
        if warning {
            diags.warning(&ctx.display_name, pos, msg);
        } else {
            diags.error(&ctx.display_name, pos, msg);
        }
    }
}

/// `ResolveFeatures`'s errors (features outside editions, unknown values), which protoc reports
/// between the non-extension and the extension option passes, whatever the first pass found.
pub fn feature_errors(pool: &Pool, file: &FileDescriptorProto) -> Vec<(MaybePos, String)> {
    let mut out = Vec::new();
    let mut v = Validator {
        pool,
        file,
        out: &mut out,
        // Feature checks read no extension declarations.
        extension_declarations: false,
        element: String::new(),
    };
    v.feature_checks();
    out.into_iter().map(|(pos, msg, _, _)| (pos, msg)).collect()
}

/// The errors protoc's built-in generators meet when they rebuild a built file from its
/// `FileDescriptorProto` in a pool of their own (plugin.cc `GenerateCode`): features written
/// only under their full name (`(google.protobuf.FieldOptions.features)`) were never resolved
/// in the first build, and resolve there. Each error with the element protoc names
/// (`M.with_default`), in the order the checks run; none when the file has no such features.
pub fn rebuild_errors(pool: &Pool, file: &FileDescriptorProto) -> Vec<(String, String)> {
    if !crate::descriptor::options::any_options(file, &|o| o.unresolved_features) {
        return Vec::new();
    }
    let elements = crate::descriptor::options::elements_visit_order(file);
    let mut rebuilt = file.clone();
    for e in &elements {
        if let Some(o) = crate::descriptor::options::options_at_mut(&mut rebuilt, &e.path, e.kind) {
            o.unresolved_features = false;
        }
    }
    let mut out = Vec::new();
    let mut v = Validator {
        pool,
        file: &rebuilt,
        out: &mut out,
        extension_declarations: false,
        element: String::new(),
    };
    v.feature_checks();
    v.validate();
    out.into_iter()
        .filter(|(_, _, warning, _)| !warning)
        .map(|(_, msg, _, element)| (element, msg))
        .collect()
}

/// A finding: position, message, whether a warning, and the element protoc names with it.
type Diag = (MaybePos, String, bool, String);

struct Validator<'a> {
    pool: &'a Pool,
    file: &'a FileDescriptorProto,
    out: &'a mut Vec<Diag>,
    /// `FileContext::enforce_extension_declarations`.
    extension_declarations: bool,
    /// The element the checks are at, as descriptor.cc's `AddError` names it (a field's full
    /// name; the features checks use the element's own name).
    element: String,
}

/// What a field's checks need to know about where it sits.
#[derive(Clone, Copy)]
struct FieldCtx<'a> {
    /// The message declaring the field (`None` for file-level extensions).
    parent: Option<&'a DescriptorProto>,
    /// Full name of the declaring scope (message or package).
    scope: &'a str,
    /// Resolved features of the scope the field inherits from.
    feats: Features,
}

/// descriptor.cc `DetectMapConflicts`, run only once the file has errors: a synthesized map entry
/// whose name clashes with another nested type, a field, an enum or a oneof of its message.
pub fn detect_map_conflicts(pool: &Pool, diags: &mut Diagnostics, ctx: &FileContext) {
    fn message(m: &DescriptorProto, full: &str, out: &mut Vec<(MaybePos, String)>) {
        let mut seen: FxHashMap<&str, &DescriptorProto> = Default::default();
        for n in &m.nested_type {
            if let Some(first) = seen.get(n.name.as_str()) {
                if Validator::is_map_entry(first) || Validator::is_map_entry(n) {
                    out.push((
                        m.loc.name,
                        format!(
                            "Expanded map entry type {} conflicts with an existing nested message type.",
                            n.name
                        ),
                    ));
                    // NB: protoc stops here, skipping the remaining nested types' checks.
                    break;
                }
            } else {
                seen.insert(&n.name, n);
            }
            message(n, &join(full, &n.name), out);
        }
        let names = m
            .field
            .iter()
            .map(|f| (f.name.as_str(), "field"))
            .chain(m.enum_type.iter().map(|e| (e.name.as_str(), "enum type")))
            .chain(m.oneof_decl.iter().map(|o| (o.name.as_str(), "oneof type")));
        for (name, what) in names {
            if let Some(t) = seen.get(name)
                && Validator::is_map_entry(t)
            {
                out.push((
                    m.loc.name,
                    format!(
                        "Expanded map entry type {} conflicts with an existing {what}.",
                        t.name
                    ),
                ));
            }
        }
    }
    let file = pool.file(ctx.index);
    let pkg = file.package.clone().unwrap_or_default();
    let mut out = Vec::new();
    for m in &file.message_type {
        message(m, &join(&pkg, &m.name), &mut out);
    }
    for (pos, msg) in out {
        diags.error(&ctx.display_name, pos, msg);
    }
}

/// protoc's `FieldDescriptor::TypeName`.
fn protoc_type_name(t: FieldType) -> &'static str {
    use FieldType::*;
    match t {
        Double => "double",
        Float => "float",
        Int64 => "int64",
        Uint64 => "uint64",
        Int32 => "int32",
        Fixed64 => "fixed64",
        Fixed32 => "fixed32",
        Bool => "bool",
        String => "string",
        Group => "group",
        Message => "message",
        Bytes => "bytes",
        Uint32 => "uint32",
        Enum => "enum",
        Sfixed32 => "sfixed32",
        Sfixed64 => "sfixed64",
        Sint32 => "sint32",
        Sint64 => "sint64",
    }
}

fn is_legacy(s: Syntax) -> bool {
    !matches!(s, Syntax::Editions(_))
}

impl<'a> Validator<'a> {
    fn err(&mut self, pos: MaybePos, msg: impl Into<String>) {
        self.out
            .push((pos, msg.into(), false, self.element.clone()));
    }

    fn warn(&mut self, pos: MaybePos, msg: impl Into<String>) {
        self.out.push((pos, msg.into(), true, self.element.clone()));
    }

    // ---- Feature resolution checks -------------------------------------------------------

    /// One element's `ResolveFeatures` checks: features outside editions, unknown values.
    fn feature_check(
        &mut self,
        name: &str,
        opts: &Option<Box<Options>>,
        kind: OptionsKind,
        pos: MaybePos,
    ) {
        name.clone_into(&mut self.element);
        let opts = opts.as_deref();
        if is_legacy(self.file.syntax) {
            if features::has_features(opts, kind) {
                self.err(pos, "Features are only valid under editions.");
            }
            return;
        }
        let explicit = features::explicit(opts, kind);
        if explicit.0.contains(&Some(0)) {
            let merged = features::edition_defaults(self.file.syntax.edition(), self.pool.release)
                .merge(&explicit);
            if let Some(e) = merged.unknown_error() {
                self.err(pos, e);
            }
        }
    }

    /// `ResolveFeatures` over the file in `VisitDescriptors` order.
    fn feature_checks(&mut self) {
        let f = self.file;
        self.feature_check(&f.name, &f.options, OptionsKind::File, f.loc.syntax);
        for m in &f.message_type {
            self.message_features(m);
        }
        for e in &f.enum_type {
            self.enum_features(e);
        }
        for x in &f.extension {
            self.feature_check(&x.name, &x.options, OptionsKind::Field, x.loc.name);
        }
        for s in &f.service {
            self.feature_check(&s.name, &s.options, OptionsKind::Service, s.loc.name);
            for m in &s.method {
                self.feature_check(&m.name, &m.options, OptionsKind::Method, m.loc.name);
            }
        }
    }

    fn enum_features(&mut self, e: &EnumDescriptorProto) {
        self.feature_check(&e.name, &e.options, OptionsKind::Enum, e.loc.name);
        for v in &e.value {
            self.feature_check(&v.name, &v.options, OptionsKind::EnumValue, v.loc.name);
        }
    }

    fn message_features(&mut self, m: &DescriptorProto) {
        self.feature_check(&m.name, &m.options, OptionsKind::Message, m.loc.name);
        for e in &m.enum_type {
            self.enum_features(e);
        }
        for o in &m.oneof_decl {
            // NB: protoc records no position for oneofs.
            self.feature_check(&o.name, &o.options, OptionsKind::Oneof, None);
        }
        for f in &m.field {
            self.feature_check(&f.name, &f.options, OptionsKind::Field, f.loc.name);
        }
        for n in &m.nested_type {
            self.message_features(n);
        }
        for x in &m.extension {
            self.feature_check(&x.name, &x.options, OptionsKind::Field, x.loc.name);
        }
        for r in &m.extension_range {
            self.feature_check(&m.name, &r.options, OptionsKind::ExtensionRange, None);
        }
    }

    // ---- Helpers -------------------------------------------------------------------------

    fn is_lite(file: &FileDescriptorProto) -> bool {
        option_varint(file.options.as_deref(), &[fo::OPTIMIZE_FOR])
            == Some(fo::optimize_mode::LITE_RUNTIME)
    }

    /// The message a (linked) type name or extendee names, with its file.
    fn message_named(&self, name: &str) -> Option<(u32, &'a DescriptorProto)> {
        let s = self.pool.find(name.strip_prefix('.')?)?;
        if s.kind != SymbolKind::Message {
            return None;
        }
        Some((s.file, self.pool.message_at(s.file, &s.path)?))
    }

    /// protoc 36.2's error for a synthetic map entry named as a field's type, with its guess at
    /// what was meant: the first type of the entry's name found from the scope around the
    /// entry's message outwards (`LookupSymbol` relative to that message, types only; the top
    /// level takes any symbol), when it is not the entry itself.
    fn synthetic_map_entry_error(&self, f: &FieldDescriptorProto) -> String {
        let entry = f.type_name.as_deref().unwrap_or("").trim_start_matches('.');
        let mut error = format!(
            "{entry} is a synthetic MapEntry message type, which is not allowed to be used as a field type."
        );
        if let Some((container, name)) = entry.rsplit_once('.') {
            let mut scope = container;
            let alter = loop {
                let Some((outer, _)) = scope.rsplit_once('.') else {
                    break self.pool.find(name).map(|_| name.to_string());
                };
                scope = outer;
                let candidate = format!("{scope}.{name}");
                if self.pool.find(&candidate).is_some_and(|s| s.kind.is_type()) {
                    break Some(candidate);
                }
            };
            if let Some(alter) = alter.filter(|a| a != entry) {
                error.push_str(&format!(" Maybe you meant \".{alter}\"?"));
            }
        }
        error
    }

    /// The enum a linked type name names, and whether it is closed.
    fn enum_named(&self, name: &str) -> Option<(&'a EnumDescriptorProto, bool)> {
        let s = self.pool.find(name.strip_prefix('.')?)?;
        if s.kind != SymbolKind::Enum {
            return None;
        }
        let file = self.pool.file(s.file);
        let e = enum_at(file, &s.path)?;
        let closed =
            features::type_features(file, &s.path, self.pool.release).enum_type() == value::CLOSED;
        Some((e, closed))
    }

    fn is_map_entry(m: &DescriptorProto) -> bool {
        is_map_entry(m)
    }

    // ---- ValidateOptions -----------------------------------------------------------------

    fn validate(&mut self) {
        let file = self.file;
        let feats = features::file_features(file, self.pool.release);
        self.validate_file_options(feats);
        let pkg = file.package.clone().unwrap_or_default();
        for m in &file.message_type {
            self.message(m, &pkg, feats);
        }
        for e in &file.enum_type {
            self.enum_type(e, &pkg, feats);
        }
        for x in &file.extension {
            self.field(
                x,
                FieldCtx {
                    parent: None,
                    scope: &pkg,
                    feats,
                },
            );
        }
        if Self::is_lite(file)
            && (option_varint(file.options.as_deref(), &[fo::CC_GENERIC_SERVICES]) == Some(1)
                || option_varint(file.options.as_deref(), &[fo::JAVA_GENERIC_SERVICES]) == Some(1))
        {
            for s in &file.service {
                self.err(
                    s.loc.name,
                    "Files with optimize_for = LITE_RUNTIME cannot define services unless you set both options cc_generic_services and java_generic_services to false.",
                );
            }
        }
    }

    fn validate_file_options(&mut self, feats: Features) {
        let file = self.file;
        // ValidateFileFeatures: editions only.
        if !is_legacy(file.syntax) {
            if feats.field_presence() == value::LEGACY_REQUIRED {
                self.err(
                    file.loc.syntax,
                    "Required presence can't be specified by default.",
                );
            }
            if option_varint(file.options.as_deref(), &[fo::JAVA_STRING_CHECK_UTF8]) == Some(1) {
                self.err(
                    file.loc.syntax,
                    "File option java_string_check_utf8 is not allowed under editions. Use the (pb.java).utf8_validation feature to control this behavior.",
                );
            }
        }
        if !Self::is_lite(file) {
            for (i, d) in file.dependency.iter().enumerate() {
                let Some(&di) = self.pool.file_index.get(d.as_str()) else {
                    continue;
                };
                if Self::is_lite(self.pool.file(di)) {
                    let pos = file.loc.dependency.get(i).copied().flatten();
                    self.err(
                        pos,
                        format!(
                            "Files that do not use optimize_for = LITE_RUNTIME cannot import files which do use this option.  This file is not lite, but it imports \"{d}\" which is."
                        ),
                    );
                    break;
                }
            }
        }
        if file.syntax == Syntax::Proto3 {
            let pkg = file.package.clone().unwrap_or_default();
            for x in &file.extension {
                self.proto3_field(x, &pkg, None);
            }
            for m in &file.message_type {
                self.proto3_message(m, &pkg);
            }
        }
        if file.syntax.edition() >= edition::E2024 && !file.weak_dependency.is_empty() {
            let pos = file.loc.weak.iter().rev().find_map(|p| *p);
            self.err(
                pos,
                "weak imports are not allowed under edition 2024 and beyond.",
            );
        }
    }

    fn proto3_message(&mut self, m: &'a DescriptorProto, scope: &str) {
        let full = join(scope, &m.name);
        for n in &m.nested_type {
            self.proto3_message(n, &full);
        }
        for f in &m.field {
            self.proto3_field(f, &full, Some(&full));
        }
        for x in &m.extension {
            self.proto3_field(x, &full, None);
        }
        if let Some(r) = m.extension_range.first() {
            self.err(r.loc, "Extension ranges are not allowed in proto3.");
        }
        if option_varint(m.options.as_deref(), &[mo::MESSAGE_SET_WIRE_FORMAT]) == Some(1) {
            self.err(m.loc.name, "MessageSet is not supported in proto3.");
        }
    }

    /// `ValidateProto3Field`; `containing` is the message of a non-extension field.
    fn proto3_field(&mut self, f: &FieldDescriptorProto, _scope: &str, containing: Option<&str>) {
        let containing_name: String = match (&f.extendee, containing) {
            (Some(e), _) => {
                let e = e.trim_start_matches('.').to_string();
                const ALLOWED: [&str; 9] = [
                    "FileOptions",
                    "MessageOptions",
                    "FieldOptions",
                    "EnumOptions",
                    "EnumValueOptions",
                    "ServiceOptions",
                    "MethodOptions",
                    "OneofOptions",
                    "ExtensionRangeOptions",
                ];
                let custom = e
                    .strip_prefix("google.protobuf.")
                    .is_some_and(|n| ALLOWED.contains(&n));
                if !custom {
                    self.err(
                        f.loc.extendee,
                        "Extensions in proto3 are only allowed for defining options.",
                    );
                }
                e
            }
            (None, Some(c)) => c.to_string(),
            (None, None) => String::new(),
        };
        if f.label == Some(Label::Required) {
            self.err(f.loc.r#type, "Required fields are not allowed in proto3.");
        }
        if f.default_value.is_some() {
            self.err(
                f.loc.default_value,
                "Explicit default values are not allowed in proto3.",
            );
        }
        if f.r#type == Some(FieldType::Enum)
            && let Some(tn) = &f.type_name
            && let Some((_, true)) = self.enum_named(tn)
        {
            self.err(
                f.loc.r#type,
                format!(
                    "Enum type \"{}\" is not an open enum, but is used in \"{containing_name}\" which is a proto3 message type.",
                    tn.trim_start_matches('.')
                ),
            );
        }
        if f.r#type == Some(FieldType::Group) {
            self.err(f.loc.r#type, "Groups are not supported in proto3 syntax.");
        }
    }

    fn message(&mut self, m: &'a DescriptorProto, scope: &str, parent_feats: Features) {
        let full = join(scope, &m.name);
        full.clone_into(&mut self.element);
        let feats = parent_feats.merge(&features::explicit(
            m.options.as_deref(),
            OptionsKind::Message,
        ));
        // ValidateOptions(Descriptor): json names, then extension ranges.
        if option_varint(
            m.options.as_deref(),
            &[mo::DEPRECATED_LEGACY_JSON_FIELD_CONFLICTS],
        ) != Some(1)
            && json_names_may_clash(m)
        {
            self.json_names(m, feats, false);
            self.json_names(m, feats, true);
        }
        let max = if option_varint(m.options.as_deref(), &[mo::MESSAGE_SET_WIRE_FORMAT]) == Some(1)
        {
            i32::MAX as i64
        } else {
            MAX_NUMBER as i64
        };
        let mut range_errs = Vec::new();
        extension_declarations::check_ranges(m, max, &mut range_errs);
        for (pos, e) in range_errs {
            self.err(pos, e);
        }
        for e in &m.enum_type {
            self.enum_type(e, &full, feats);
        }
        for f in &m.field {
            let ffeats = match f.oneof_index.and_then(|i| m.oneof_decl.get(i as usize)) {
                Some(o) => feats.merge(&features::explicit(
                    o.options.as_deref(),
                    OptionsKind::Oneof,
                )),
                None => feats,
            };
            self.field(
                f,
                FieldCtx {
                    parent: Some(m),
                    scope: &full,
                    feats: ffeats,
                },
            );
        }
        for n in &m.nested_type {
            self.message(n, &full, feats);
        }
        for x in &m.extension {
            self.field(
                x,
                FieldCtx {
                    parent: Some(m),
                    scope: &full,
                    feats,
                },
            );
        }
    }

    /// `CheckFieldJsonNameUniqueness`, one pass.
    fn json_names(&mut self, m: &DescriptorProto, feats: Features, use_custom: bool) {
        /// The field that first took a JSON name (the map's key).
        struct First<'f> {
            name: &'f str,
            custom: bool,
        }
        let mut seen: FxHashMap<String, First> =
            FxHashMap::with_capacity_and_hasher(m.field.len(), Default::default());
        for f in &m.field {
            let default = to_json_name(&f.name);
            let (json, custom) = match &f.json_name {
                Some(j) if use_custom && *j != default => (j.clone(), true),
                _ => (default, false),
            };
            if custom && json.starts_with('[') && json.ends_with(']') {
                self.err(
                    f.loc.name,
                    format!(
                        "The custom JSON name of field \"{}\" (\"{}\") is invalid: JSON names may not start with '[' and end with ']'.",
                        f.name, json
                    ),
                );
                continue;
            }
            let Some(prev) = seen.get(&json) else {
                let first = First {
                    name: &f.name,
                    custom,
                };
                seen.insert(json, first);
                continue;
            };
            if use_custom && !custom && !prev.custom {
                continue;
            }
            let kind = |c: bool| if c { "custom" } else { "default" };
            // Both fields have the JSON name `json` (the key), so the text never names a
            // second one.
            let msg = format!(
                "The {} JSON name of field \"{}\" (\"{}\") conflicts with the {} JSON name of field \"{}\".",
                kind(custom),
                f.name,
                json,
                kind(prev.custom),
                prev.name,
            );
            if feats.json_format() == value::LEGACY_BEST_EFFORT && (!custom || !prev.custom) {
                self.warn(f.loc.name, msg);
            } else {
                self.err(f.loc.name, msg);
            }
        }
    }

    fn enum_type(&mut self, e: &EnumDescriptorProto, scope: &str, parent_feats: Features) {
        self.element = join(scope, &e.name);
        let feats =
            parent_feats.merge(&features::explicit(e.options.as_deref(), OptionsKind::Enum));
        self.enum_value_uniqueness(e);
        if self.pool.release >= Release::V36_2 {
            self.custom_json_uniqueness(e);
        }
        if feats.enum_type() != value::CLOSED
            && let Some(v0) = e.value.first()
            && v0.number != 0
        {
            self.err(
                v0.loc.number,
                "The first enum value must be zero for open enums.",
            );
        }
        if option_varint(e.options.as_deref(), &[eo::ALLOW_ALIAS]) != Some(1) {
            // The first value of each number; full names are only built for an error.
            let mut used: FxHashMap<i32, &str> =
                FxHashMap::with_capacity_and_hasher(e.value.len(), Default::default());
            for v in &e.value {
                match used.get(&v.number) {
                    None => {
                        used.insert(v.number, &v.name);
                    }
                    Some(prev) => {
                        let (full, prev) = (join(scope, &v.name), join(scope, prev));
                        let mut next = v.number as i64 + 1;
                        while e.value.iter().any(|w| w.number as i64 == next) {
                            next += 1;
                        }
                        let mut msg = format!(
                            "\"{full}\" uses the same enum value as \"{prev}\". If this is intended, set 'option allow_alias = true;' to the enum definition."
                        );
                        if next < i32::MAX as i64 {
                            msg.push_str(&format!(" The next available enum value is {next}."));
                        }
                        self.err(v.loc.number, msg);
                    }
                }
            }
        }
        // ValidateOptions(EnumValueDescriptor), visited after their enum.
        for v in &e.value {
            if let Some(err) = feature_support::enum_value(v, scope) {
                self.err(None, err);
            }
            if self.pool.release >= Release::V36_2
                && let Some(custom) = custom_json::of(v)
            {
                for err in custom_json::value_errors(&custom, v.number) {
                    self.err(None, err);
                }
            }
        }
    }

    /// protoc 36.2's `CheckEnumCustomStringUniqueness`: aliases agree on their custom JSON
    /// string, and no JSON string (a value's name, or its custom string) is another
    /// number's. Errors have no position (an enum value's option value has none).
    fn custom_json_uniqueness<'e>(&mut self, e: &'e EnumDescriptorProto) {
        let allow_alias = option_varint(e.options.as_deref(), &[eo::ALLOW_ALIAS]) == Some(1);
        let mut by_json: FxHashMap<Cow<'e, str>, &'e EnumValueDescriptorProto> =
            FxHashMap::with_capacity_and_hasher(e.value.len(), Default::default());
        let mut first_by_number: FxHashMap<i32, &EnumValueDescriptorProto> = Default::default();
        for v in &e.value {
            if allow_alias {
                match first_by_number.get(&v.number) {
                    None => {
                        first_by_number.insert(v.number, v);
                    }
                    Some(primary) => {
                        let shown = |ev: &EnumValueDescriptorProto| {
                            custom_json::of(ev)
                                .and_then(|c| c.string)
                                .map_or("unset".to_string(), |s| format!("\"{s}\""))
                        };
                        let (mine, theirs) = (shown(v), shown(primary));
                        if mine != theirs {
                            self.err(
                                None,
                                format!(
                                    "Alias values for number {} must have the same custom JSON string. \"{}\" has {mine} but primary alias \"{}\" has {theirs}.",
                                    v.number, v.name, primary.name
                                ),
                            );
                        }
                    }
                }
            }
            let mut check = |this: &mut Self, name: Cow<'e, str>, custom: bool| match by_json
                .get(name.as_ref())
            {
                None => {
                    by_json.insert(name, v);
                }
                Some(conflict) if !std::ptr::eq(*conflict, v) && conflict.number != v.number => {
                    let current = if custom { "Custom" } else { "Default" };
                    let theirs = if conflict.name == name {
                        "default"
                    } else {
                        "custom"
                    };
                    this.err(
                            None,
                            format!(
                                "{current} JSON string \"{name}\" conflicts with {theirs} JSON string of \"{}\".",
                                conflict.name
                            ),
                        );
                }
                Some(_) => {}
            };
            check(self, Cow::Borrowed(&v.name), false);
            if let Some(c) = custom_json::of(v) {
                check(self, Cow::Owned(c.string.unwrap_or_default()), true);
            }
        }
    }

    /// `CheckEnumValueUniqueness`: names must differ after prefix-stripping and PascalCase.
    fn enum_value_uniqueness(&mut self, e: &EnumDescriptorProto) {
        let prefix: String = e
            .name
            .chars()
            .filter(|c| *c != '_')
            .map(|c| c.to_ascii_lowercase())
            .collect();
        let legacy = option_varint(
            e.options.as_deref(),
            &[eo::DEPRECATED_LEGACY_JSON_FIELD_CONFLICTS],
        ) == Some(1)
            && self.file.syntax == Syntax::Proto2;
        let mut seen: FxHashMap<String, &EnumValueDescriptorProto> = Default::default();
        for v in &e.value {
            let stripped = pascal_case(strip_prefix(&v.name, prefix.as_bytes()));
            match seen.get(&stripped) {
                None => {
                    seen.insert(stripped, v);
                }
                Some(prev) if prev.name != v.name && prev.number != v.number => {
                    let msg = format!(
                        "Enum name {} has the same name as {} if you ignore case and strip out the enum name prefix (if any). (If you are using allow_alias, please assign the same number to each enum value name.)",
                        v.name, prev.name
                    );
                    if legacy {
                        self.warn(v.loc.name, msg);
                    } else {
                        self.err(v.loc.name, msg);
                    }
                }
                Some(_) => {}
            }
        }
    }

    fn field(&mut self, f: &FieldDescriptorProto, fc: FieldCtx<'_>) {
        let full = join(fc.scope, &f.name);
        self.element.clone_from(&full);
        let [packed, ctype, lazy, unverified_lazy] = option_varints(
            f.options.as_deref(),
            [fdo::PACKED, fdo::CTYPE, fdo::LAZY, fdo::UNVERIFIED_LAZY],
        );
        let syntax = self.file.syntax;
        let is_ext = f.extendee.is_some();
        let explicit = features::explicit(f.options.as_deref(), OptionsKind::Field);
        let feats = fc.feats.merge(&features::field_base(f, syntax));
        let in_map_entry = fc.parent.is_some_and(Self::is_map_entry) && !is_ext;
        let repeated = f.label == Some(Label::Repeated);
        let required = feats.field_presence() == value::LEGACY_REQUIRED;
        let target_msg = f.type_name.as_deref().and_then(|t| self.message_named(t));
        // PostProcessFieldFeatures: DELIMITED message fields are groups.
        let mut ty = f.r#type;
        if ty == Some(FieldType::Message)
            && !in_map_entry
            && feats.message_encoding() == value::DELIMITED
            && !target_msg.is_some_and(|(_, m)| Self::is_map_entry(m))
        {
            ty = Some(FieldType::Group);
        }
        let is_message = matches!(ty, Some(FieldType::Message | FieldType::Group));
        let enum_info = if ty == Some(FieldType::Enum) {
            f.type_name.as_deref().and_then(|t| self.enum_named(t))
        } else {
            None
        };
        let is_map = ty == Some(FieldType::Message)
            && target_msg.is_some_and(|(_, m)| Self::is_map_entry(m));
        let packable = repeated && ty.is_some_and(|t| t.is_packable());
        let in_oneof = f.oneof_index.is_some() && !is_ext;
        let has_presence = !repeated
            && (is_message || is_ext || in_oneof || feats.field_presence() != value::IMPLICIT);
        let pos_name = f.loc.name;
        let pos_type = f.loc.r#type;

        // ValidateFieldFeatureSupport comes first in ValidateOptions(FieldDescriptor).
        let enum_full = match f.r#type {
            Some(FieldType::Enum) => f.type_name.as_deref().and_then(|t| t.strip_prefix('.')),
            _ => None,
        };
        let values = enum_full
            .and_then(|e| {
                Some((
                    self.pool.enum_type(e)?,
                    e.rsplit_once('.').map_or("", |p| p.0),
                ))
            })
            .into_iter()
            .flat_map(|(e, scope)| e.value.iter().map(move |v| (v, join(scope, &v.name))));
        // NB: protoc reports it at the field's OPTION_NAME, a position its parser records
        // only for `json_name` (other fields' errors carry none).
        if let Some(e) = feature_support::field(f, &full, values) {
            self.err(f.loc.json_name_option, e);
        }

        // ValidateFieldFeatures (editions only).
        if syntax.edition() >= edition::E2023 {
            // Only a descriptor set can hold these two (the parser refuses both keywords).
            if f.label == Some(Label::Required) {
                self.err(
                    pos_name,
                    "Required label is not allowed under editions.  Use the feature field_presence = LEGACY_REQUIRED to control this behavior.",
                );
            }
            if f.r#type == Some(FieldType::Group) {
                self.err(
                    pos_name,
                    "Group types are not allowed under editions.  Use the feature message_encoding = DELIMITED to control this behavior.",
                );
            }
            if packed.is_some() {
                self.err(
                    pos_name,
                    "Field option packed is not allowed under editions.  Use the repeated_field_encoding feature to control this behavior.",
                );
            }
            if !repeated && !has_presence {
                if f.default_value.is_some() {
                    self.err(pos_name, "Implicit presence fields can't specify defaults.");
                }
                if enum_info.is_some_and(|(_, closed)| closed) {
                    self.err(
                        pos_name,
                        "Implicit presence enum fields must always be open.",
                    );
                }
            }
            if is_ext && required {
                self.err(pos_name, "Extensions can't be required.");
            }
            if !in_map_entry {
                if let Some(p) = explicit.0[slot(feature_set::FIELD_PRESENCE)] {
                    if in_oneof {
                        self.err(pos_name, "Oneof fields can't specify field presence.");
                    } else if repeated {
                        self.err(pos_name, "Repeated fields can't specify field presence.");
                    } else if is_ext && p != value::LEGACY_REQUIRED {
                        self.err(pos_name, "Extensions can't specify field presence.");
                    } else if is_message && p == value::IMPLICIT {
                        self.err(pos_name, "Message fields can't specify implicit presence.");
                    }
                }
                if !repeated && explicit.0[slot(feature_set::REPEATED_FIELD_ENCODING)].is_some() {
                    self.err(
                        pos_name,
                        "Only repeated fields can specify repeated field encoding.",
                    );
                }
                let string_map = is_map
                    && target_msg.is_some_and(|(_, m)| {
                        m.field.iter().any(|x| x.r#type == Some(FieldType::String))
                    });
                if ty != Some(FieldType::String)
                    && !string_map
                    && explicit.0[slot(feature_set::UTF8_VALIDATION)].is_some()
                {
                    self.err(pos_name, "Only string fields can specify utf8 validation.");
                }
                if !packable
                    && explicit.0[slot(feature_set::REPEATED_FIELD_ENCODING)] == Some(value::PACKED)
                {
                    self.err(
                        pos_name,
                        "Only repeated primitive fields can specify PACKED repeated field encoding.",
                    );
                }
                if (!is_message || is_map)
                    && explicit.0[slot(feature_set::MESSAGE_ENCODING)].is_some()
                {
                    self.err(
                        pos_name,
                        "Only message fields can specify message encoding.",
                    );
                }
            }
        }
        if syntax.edition() >= edition::E2024 && ctype.is_some() {
            self.err(
                pos_type,
                "ctype option is not allowed under edition 2024 and beyond. Use the feature string_type = VIEW|CORD|STRING|... instead.",
            );
        }
        let (lazy, unverified_lazy) = (lazy == Some(1), unverified_lazy == Some(1));
        if lazy || unverified_lazy {
            if ty != Some(FieldType::Message) {
                self.err(
                    pos_type,
                    "[lazy = true] can only be specified for submessage fields.",
                );
            }
            if unverified_lazy && is_ext {
                self.err(pos_type, "Extensions cannot be marked as unverified_lazy.");
            }
        }
        if packed == Some(1) && !packable {
            self.err(
                pos_type,
                "[packed = true] can only be specified for repeated primitive fields.",
            );
        }
        // The containing type: the extendee of an extension, else the declaring message.
        let containing: Option<(u32, &DescriptorProto)> = if is_ext {
            f.extendee.as_deref().and_then(|e| self.message_named(e))
        } else {
            None
        };
        let containing_msg = if is_ext {
            containing.map(|(_, m)| m)
        } else {
            fc.parent
        };
        if containing_msg.is_some_and(|m| {
            option_varint(m.options.as_deref(), &[mo::MESSAGE_SET_WIRE_FORMAT]) == Some(1)
        }) {
            if is_ext {
                if required || repeated || ty != Some(FieldType::Message) {
                    self.err(
                        pos_type,
                        "Extensions of MessageSets must be optional messages.",
                    );
                }
            } else {
                self.err(pos_name, "MessageSets cannot have fields, only extensions.");
            }
        }
        if is_ext
            && Self::is_lite(self.file)
            && let Some((cf, _)) = containing
            && !Self::is_lite(self.pool.file(cf))
        {
            self.err(
                f.loc.extendee,
                "Extensions to non-lite types can only be declared in non-lite files.  Note that you cannot extend a non-lite type to contain a lite type, but the reverse is allowed.",
            );
        }
        if self.pool.release >= Release::V36_2
            && ty == Some(FieldType::Group)
            && target_msg.is_some_and(|(_, m)| Self::is_map_entry(m))
        {
            self.err(
                pos_type,
                "Groups cannot be map entries. Use a regular message field with map<KeyType, ValueType> syntax instead.",
            );
        }
        if is_map && let Some((_, entry)) = target_msg {
            let containing = if is_ext {
                f.extendee.as_deref().unwrap_or("")
            } else {
                fc.scope
            };
            // protoc 36.2 tells a map entry named as a field's type from a map field apart
            // (before its `ValidateMapEntry`, which then checks only the entry's shape);
            // 35.1's `ValidateMapEntry` checks both.
            let synthetic_misuse = !map_entry_named_by_its_map(f, containing);
            let v36 = self.pool.release >= Release::V36_2;
            if v36 && synthetic_misuse {
                let msg = self.synthetic_map_entry_error(f);
                self.err(pos_type, msg);
            }
            if map_entry_shaped(entry) && (v36 || !synthetic_misuse) {
                self.map_entry(entry, pos_type);
            } else {
                self.err(
                    pos_type,
                    "map_entry should not be set explicitly. Use map<KeyType, ValueType> instead.",
                );
            }
        }
        self.jstype(f, ty, pos_type);
        if is_ext
            && let Some(j) = &f.json_name
            && !is_json_name_of(j, &f.name)
        {
            self.err(
                f.loc.json_name_option,
                "option json_name is not allowed on extension fields.",
            );
        }
        if is_ext && self.extension_declarations {
            self.extension_declaration(f, fc.scope, ty, repeated);
        }
    }

    /// The extension-declaration checks at the end of `ValidateOptions(FieldDescriptor)`.
    fn extension_declaration(
        &mut self,
        f: &FieldDescriptorProto,
        scope: &str,
        ty: Option<FieldType>,
        repeated: bool,
    ) {
        let (Some(extendee), Some(number)) = (f.extendee.as_deref(), f.number) else {
            return;
        };
        let Some((file, msg)) = self.message_named(extendee) else {
            return;
        };
        let actual_type = match (ty, &f.type_name) {
            (Some(FieldType::Message | FieldType::Group | FieldType::Enum), Some(t)) => t.clone(),
            (Some(t), _) => protoc_type_name(t).to_string(),
            (None, _) => return,
        };
        let full = join(scope, &f.name);
        let x = extension_declarations::ExtField {
            full_name: &full,
            number,
            actual_type,
            repeated,
            pos: f.loc.extendee,
        };
        let had_errors = self.out.iter().any(|d| !d.2);
        let mut errs = Vec::new();
        extension_declarations::check_extension(
            extendee.trim_start_matches('.'),
            msg,
            &self.pool.file(file).name,
            &x,
            had_errors,
            &mut errs,
        );
        for (pos, e) in errs {
            self.err(pos, e);
        }
    }

    /// `ValidateMapEntry`'s key and value checks.
    fn map_entry(&mut self, entry: &DescriptorProto, pos: MaybePos) {
        let key = entry.field.iter().find(|x| x.number == Some(1));
        let val = entry.field.iter().find(|x| x.number == Some(2));
        if let Some(k) = key {
            match k.r#type {
                Some(FieldType::Enum) => {
                    self.err(pos, "Key in map fields cannot be enum types.");
                }
                Some(
                    FieldType::Float
                    | FieldType::Double
                    | FieldType::Message
                    | FieldType::Group
                    | FieldType::Bytes,
                ) => {
                    self.err(
                        pos,
                        "Key in map fields cannot be float/double, bytes or message types.",
                    );
                }
                _ => {}
            }
        }
        if let Some(v) = val
            && v.r#type == Some(FieldType::Enum)
            && let Some((e, _)) = v.type_name.as_deref().and_then(|t| self.enum_named(t))
            && e.value.first().is_some_and(|x| x.number != 0)
        {
            self.err(pos, "Enum value in map must define 0 as the first value.");
        }
    }

    fn jstype(&mut self, f: &FieldDescriptorProto, ty: Option<FieldType>, pos: MaybePos) {
        let js = option_varint(f.options.as_deref(), &[fdo::JSTYPE]).unwrap_or(0);
        if js == 0 {
            return;
        }
        use FieldType::*;
        match ty {
            Some(Uint64 | Int64 | Sint64 | Fixed64 | Sfixed64) => {
                if js != 1 && js != 2 {
                    self.err(
                        pos,
                        format!(
                            "Illegal jstype for int64, uint64, sint64, fixed64 or sfixed64 field: {js}"
                        ),
                    );
                }
            }
            _ => self.err(
                pos,
                "jstype is only allowed on int64, uint64, sint64, fixed64 or sfixed64 fields.",
            ),
        }
    }
}

/// `PrefixRemover::MaybeRemove`: drop the enum name (lower-cased, no underscores) from the
/// front of a value name, ignoring underscores and case; unchanged if that fails or would
/// leave nothing.
/// Whether a field whose type is a map entry is that entry's own map field: repeated, the
/// entry named `<FieldName>Entry`, and declared beside it (`containing`: the full name of the
/// message holding `f`).
/// Whether [`Validator::json_names`] can find anything in `m`: a custom JSON name in brackets,
/// or two fields whose JSON names hash alike in either pass (default names; custom names where
/// set). Equal names hash alike, so a `false` is exact; most messages are settled here without
/// building a name.
fn json_names_may_clash(m: &DescriptorProto) -> bool {
    fn hash(bytes: impl Iterator<Item = u8>) -> u64 {
        let mut h = rustc_hash::FxHasher::default();
        for b in bytes {
            h.write_u8(b);
        }
        h.finish()
    }
    fn has_duplicate(hashes: &mut [u64]) -> bool {
        hashes.sort_unstable();
        hashes.windows(2).any(|w| w[0] == w[1])
    }
    let mut defaults = Vec::with_capacity(m.field.len());
    let mut keys = Vec::with_capacity(m.field.len());
    let mut any_custom = false;
    for f in &m.field {
        let default = hash(json_name_bytes(&f.name));
        defaults.push(default);
        match &f.json_name {
            Some(j) if !is_json_name_of(j, &f.name) => {
                if j.starts_with('[') && j.ends_with(']') {
                    return true;
                }
                any_custom = true;
                keys.push(hash(j.bytes()));
            }
            _ => keys.push(default),
        }
    }
    has_duplicate(&mut defaults) || (any_custom && has_duplicate(&mut keys))
}

fn map_entry_named_by_its_map(f: &FieldDescriptorProto, containing: &str) -> bool {
    let type_name = f.type_name.as_deref().unwrap_or("").trim_start_matches('.');
    let (entry_scope, entry_name) = type_name.rsplit_once('.').unwrap_or(("", type_name));
    f.label == Some(Label::Repeated)
        && entry_name == format!("{}Entry", upper_camel_case(&f.name))
        && entry_scope == containing.trim_start_matches('.')
}

/// `ValidateMapEntry`'s shape: no extensions, ranges or nested types, and exactly the fields
/// `optional key = 1` and `optional value = 2`.
fn map_entry_shaped(entry: &DescriptorProto) -> bool {
    let ok = |x: &FieldDescriptorProto, n: i32, name: &str| {
        x.label == Some(Label::Optional) && x.number == Some(n) && x.name == name
    };
    entry.extension.is_empty()
        && entry.extension_range.is_empty()
        && entry.nested_type.is_empty()
        && entry.enum_type.is_empty()
        && entry.field.len() == 2
        && ok(&entry.field[0], 1, "key")
        && ok(&entry.field[1], 2, "value")
}

/// descriptor.cc `ToCamelCase(name, /*lower_first=*/false)`.
fn upper_camel_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = true;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn strip_prefix<'s>(s: &'s str, prefix: &[u8]) -> &'s str {
    let b = s.as_bytes();
    let (mut i, mut j) = (0, 0);
    while i < b.len() && j < prefix.len() {
        if b[i] == b'_' {
            i += 1;
            continue;
        }
        if b[i].to_ascii_lowercase() != prefix[j] {
            return s;
        }
        i += 1;
        j += 1;
    }
    if j < prefix.len() {
        return s;
    }
    while i < b.len() && b[i] == b'_' {
        i += 1;
    }
    if i == b.len() {
        return s;
    }
    s.get(i..).unwrap_or(s)
}

/// `EnumValueToPascalCase`.
fn pascal_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut upper = true;
    for c in s.chars() {
        if c == '_' {
            upper = true;
        } else {
            out.push(if upper {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            });
            upper = false;
        }
    }
    out
}

/// `ValidateNamingStyle` (STYLE2024, the edition 2024 default; STYLE2026, the edition 2026
/// default, adds the collision checks of fields and oneofs), run after unused-import warnings
/// and only when the file has no errors.
pub fn naming_style(pool: &Pool, diags: &mut Diagnostics, ctx: &FileContext) {
    let file = pool.file(ctx.index);
    // Only editions files can set features, and no syntax's defaults enforce a style.
    if !matches!(file.syntax, Syntax::Editions(_)) {
        return;
    }
    let mut n = Naming {
        pool,
        out: Vec::new(),
    };
    let feats = features::file_features(file, pool.release);
    if n.on(feats)
        && let Some(pkg) = file.package.as_deref().filter(|p| !p.is_empty())
    {
        n.check(file.loc.package, "Package", pkg, lower_snake);
    }
    for m in &file.message_type {
        n.message(m, feats);
    }
    for e in &file.enum_type {
        n.enum_type(e, feats);
    }
    for x in &file.extension {
        n.field(x, feats, None);
    }
    for s in &file.service {
        let sf = feats.merge(&features::explicit(
            s.options.as_deref(),
            OptionsKind::Service,
        ));
        if n.on(sf) {
            n.check(s.loc.name, "Service", &s.name, title_case);
        }
        for m in &s.method {
            let mf = sf.merge(&features::explicit(
                m.options.as_deref(),
                OptionsKind::Method,
            ));
            if n.on(mf) {
                n.check(m.loc.name, "Method", &m.name, title_case);
            }
        }
    }
    for (pos, msg) in n.out {
        diags.error(&ctx.display_name, pos, msg);
    }
}

struct Naming<'p> {
    pool: &'p Pool,
    out: Vec<(MaybePos, String)>,
}

/// The end of a STYLE2026 collision error.
const COLLISION_OPT_OUT: &str =
    " (features.enforce_naming_style = STYLE2024 can be used to opt out of this check)";

impl Naming<'_> {
    /// `IsStyleOrGreater(STYLE2024)`: STYLE2024 or a later style, never STYLE_LEGACY.
    fn on(&self, f: Features) -> bool {
        let s = f.0[slot(feature_set::ENFORCE_NAMING_STYLE)];
        s >= value::STYLE2024 && s != value::STYLE_LEGACY
    }

    /// `IsStyleOrGreater(STYLE2026)`.
    fn collisions_on(&self, f: Features) -> bool {
        f.0[slot(feature_set::ENFORCE_NAMING_STYLE)] >= features::value::STYLE2026
    }

    /// `IsValidFieldNonCollisionName`: a field or oneof name that generated code could confuse
    /// with an accessor of another member of `container` (a field's containing type: for an
    /// extension, the extended message), or the name `descriptor`.
    fn collision(
        &mut self,
        pos: MaybePos,
        what: &str,
        name: &str,
        container: Option<&DescriptorProto>,
    ) {
        let error = container
            .and_then(|m| {
                let has = |n: &str| {
                    m.field.iter().any(|f| f.name == n) || m.oneof_decl.iter().any(|o| o.name == n)
                };
                let prefixed = ["has_", "get_", "set_", "clear_"]
                    .into_iter()
                    .find_map(|p| {
                        let rest = name.strip_prefix(p)?;
                        has(rest).then(|| {
                            format!("should not begin with {p} if a field named {rest} exists.")
                        })
                    });
                prefixed.or_else(|| {
                    let rest = name.strip_suffix("_value")?;
                    has(rest).then(|| {
                        format!("should not end with _value if a field named {rest} exists.")
                    })
                })
            })
            .or_else(|| {
                (name == "descriptor").then(|| "should not be named descriptor.".to_string())
            });
        if let Some(e) = error {
            self.out.push((
                pos,
                format!(
                    "{what} name {name} {e} This can cause collisions in generated code.{COLLISION_OPT_OUT}"
                ),
            ));
        }
    }

    fn check(
        &mut self,
        pos: MaybePos,
        what: &str,
        name: &str,
        rule: fn(&str) -> Option<&'static str>,
    ) {
        if let Some(problem) = rule(name) {
            self.out.push((
                pos,
                format!(
                    "{what} name {name} {problem} (features.enforce_naming_style = STYLE_LEGACY can be used to opt out of this check)"
                ),
            ));
        }
    }

    /// A field of `message` (`None`: an extension, checked against its extendee).
    fn field(
        &mut self,
        f: &FieldDescriptorProto,
        parent: Features,
        message: Option<&DescriptorProto>,
    ) {
        let ff = parent.merge(&features::explicit(
            f.options.as_deref(),
            OptionsKind::Field,
        ));
        if self.on(ff) {
            self.check(f.loc.name, "Field", &f.name, lower_snake);
        }
        if self.collisions_on(ff) {
            let pool = self.pool;
            let container = match message {
                Some(m) => Some(m),
                None => f
                    .extendee
                    .as_deref()
                    .and_then(|e| pool.message(e.strip_prefix('.').unwrap_or(e))),
            };
            self.collision(f.loc.name, "Field", &f.name, container);
        }
    }

    fn enum_type(&mut self, e: &EnumDescriptorProto, parent: Features) {
        let ef = parent.merge(&features::explicit(e.options.as_deref(), OptionsKind::Enum));
        if self.on(ef) {
            self.check(e.loc.name, "Enum", &e.name, title_case);
        }
        for v in &e.value {
            let vf = ef.merge(&features::explicit(
                v.options.as_deref(),
                OptionsKind::EnumValue,
            ));
            if self.on(vf) {
                self.check(v.loc.name, "Enum value", &v.name, upper_snake);
            }
        }
    }

    fn message(&mut self, m: &DescriptorProto, parent: Features) {
        let mf = parent.merge(&features::explicit(
            m.options.as_deref(),
            OptionsKind::Message,
        ));
        if self.on(mf) {
            self.check(m.loc.name, "Message", &m.name, title_case);
        }
        for e in &m.enum_type {
            self.enum_type(e, mf);
        }
        let oneof_feats: Vec<Features> = m
            .oneof_decl
            .iter()
            .map(|o| {
                mf.merge(&features::explicit(
                    o.options.as_deref(),
                    OptionsKind::Oneof,
                ))
            })
            .collect();
        for (o, of) in m.oneof_decl.iter().zip(&oneof_feats) {
            if self.on(*of) {
                self.check(o.loc.name, "Oneof", &o.name, lower_snake);
            }
            if self.collisions_on(*of) {
                self.collision(o.loc.name, "Oneof", &o.name, Some(m));
            }
        }
        for f in &m.field {
            let pf = f
                .oneof_index
                .and_then(|i| oneof_feats.get(i as usize).copied())
                .unwrap_or(mf);
            self.field(f, pf, Some(m));
        }
        for n in &m.nested_type {
            self.message(n, mf);
        }
        for x in &m.extension {
            self.field(x, mf, None);
        }
    }
}

/// A style-violating underscore: leading, trailing, or not followed by a letter.
fn bad_underscores(name: &str) -> bool {
    let b = name.as_bytes();
    if b.is_empty() {
        return false;
    }
    if b[0] == b'_' || b[b.len() - 1] == b'_' {
        return true;
    }
    b.windows(2)
        .any(|w| w[0] == b'_' && !w[1].is_ascii_alphabetic())
}

fn title_case(name: &str) -> Option<&'static str> {
    if !name.bytes().all(|c| c.is_ascii_alphanumeric()) {
        return Some("should be TitleCase");
    }
    if !name.bytes().next().is_some_and(|c| c.is_ascii_uppercase()) {
        return Some("should begin with a capital letter");
    }
    None
}

fn lower_snake(name: &str) -> Option<&'static str> {
    if !name
        .bytes()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_' || c == b'.')
    {
        return Some("should be lower_snake_case");
    }
    if !name.bytes().next().is_some_and(|c| c.is_ascii_lowercase()) {
        return Some("should begin with a lower case letter");
    }
    if bad_underscores(name) {
        return Some("contains style violating underscores");
    }
    None
}

fn upper_snake(name: &str) -> Option<&'static str> {
    if !name
        .bytes()
        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'_')
    {
        return Some("should be UPPER_SNAKE_CASE");
    }
    if !name.bytes().next().is_some_and(|c| c.is_ascii_uppercase()) {
        return Some("should begin with an upper case letter");
    }
    if bad_underscores(name) {
        return Some("contains style violating underscores");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(fields: &[(&str, Option<&str>)]) -> DescriptorProto {
        DescriptorProto {
            field: (fields.iter())
                .map(|(name, json)| FieldDescriptorProto {
                    name: name.to_string(),
                    json_name: json.map(str::to_string),
                    ..FieldDescriptorProto::default()
                })
                .collect(),
            ..DescriptorProto::default()
        }
    }

    #[test]
    fn json_name_clashes_are_never_missed() {
        // Default names alike (`fooBar`), a custom name another field's default, a custom name
        // another's custom name, a custom name in brackets.
        for fields in [
            &[("foo_bar", None), ("fooBar", None)][..],
            &[("a", Some("b")), ("b", None)],
            &[("a", Some("x")), ("b", Some("x"))],
            &[("a", Some("[x]"))],
        ] {
            assert!(json_names_may_clash(&message(fields)), "{fields:?}");
        }
        // Distinct names; a custom name equal to the field's own default is no custom name.
        for fields in [
            &[][..],
            &[("foo_bar", None), ("foo_baz", None)],
            &[
                ("foo_bar", Some("fooBar")),
                ("a", Some("[x")),
                ("b", Some("c")),
            ],
        ] {
            assert!(!json_names_may_clash(&message(fields)), "{fields:?}");
        }
    }
}
