//! `--edition_defaults_out` (command_line_interface.cc `WriteEditionDefaults`): feature_resolver.cc
//! `CompileDefaults` over `google.protobuf.FeatureSet` and its extensions in the compiled pool,
//! serialised as a `FeatureSetDefaults`. Each feature field's `edition_defaults` and
//! `feature_support` are read from its options; one entry per edition where anything changes
//! (and always `UNSTABLE`), each feature fixed or overridable per its support window.

use std::collections::BTreeSet;

use crate::compiler::check::feature_lifetimes::{Support, support};
use crate::compiler::options::schema::{MsgRef, Schema};
use crate::compiler::pool::SymbolKind;
use crate::descriptor::model::{FieldDescriptorProto, FieldType, Label, edition, edition_name};
use crate::descriptor::numbers::field_options::{self, edition_default};
use crate::descriptor::path::{join, type_full_name};
use crate::descriptor::wire::{self, Reader, WireValue};

const FEATURE_SET: &str = "google.protobuf.FeatureSet";

/// `FeatureSetDefaults` and `FeatureSetEditionDefault` field numbers.
const DEFAULTS: u32 = 1;
const MINIMUM_EDITION: u32 = 4;
const MAXIMUM_EDITION: u32 = 5;
const EDITION: u32 = 3;
const OVERRIDABLE_FEATURES: u32 = 4;
const FIXED_FEATURES: u32 = 5;

/// `ProtocMinimumEdition` (the same in every release; `ProtocMaximumEdition` is the release's).
const PROTOC_MINIMUM: i32 = edition::PROTO2;

/// An edition's number from its name without `EDITION_` (`2023`, `LEGACY`); `UNKNOWN` is
/// protoc's "not given".
pub fn parse_edition(name: &str) -> Option<i32> {
    [
        0,
        1,
        2,
        900,
        998,
        999,
        1000,
        1001,
        1002,
        9999,
        99997,
        99998,
        99999,
        edition::MAX,
    ]
    .into_iter()
    .find(|e| edition_name(*e) == name)
}

/// The `FeatureSetDefaults` bytes, or protoc's message (printed after `FILE: `).
pub fn compile(
    schema: &Schema,
    minimum: Option<&str>,
    maximum: Option<&str>,
) -> Result<Vec<u8>, String> {
    let bound = |v: Option<&str>, default: i32| {
        v.and_then(parse_edition)
            .filter(|e| *e != 0)
            .unwrap_or(default)
    };
    let minimum = bound(minimum, PROTOC_MINIMUM);
    let maximum = bound(maximum, schema.pool.release.maximum_edition());
    let Some(feature_set) = schema.message(FEATURE_SET) else {
        return Err(
            "Could not find FeatureSet in descriptor pool.  Please make sure \
                    descriptor.proto is in your import path"
                .into(),
        );
    };
    if minimum > maximum {
        return Err(format!(
            "Invalid edition range, edition {} is newer than edition {}",
            edition_name(minimum),
            edition_name(maximum)
        ));
    }
    validate_descriptor(schema, &feature_set, FEATURE_SET)?;
    // `FindAllExtensions`: by number. NB: protoc parses the defaults back into its generated
    // `FeatureSet`, where only the extensions linked into protoc are known: the others are
    // unknown fields, serialized after the known ones.
    let mut extensions: Vec<_> = schema
        .pool
        .extensions
        .get(FEATURE_SET)
        .map(|v| v.iter().map(|(n, _, _)| *n).collect())
        .unwrap_or_default();
    let linked = schema.pool.release.linked_feature_extensions();
    extensions.sort_unstable_by_key(|n| (!linked.contains(n), *n));
    let mut types = vec![(None, feature_set, FEATURE_SET.to_string())];
    for n in extensions {
        let Some(ext) = schema.extension(FEATURE_SET, n) else {
            continue;
        };
        let full = join(
            &type_full_name(schema.pool.file(ext.file), ext.scope_path),
            &ext.field.name,
        );
        let ty = match schema.message(ext.type_name()) {
            Some(m) if ext.is_message() => m,
            _ => {
                return Err(format!(
                    "FeatureSet extension {full} is not of message type.  Feature extensions \
                     should always use messages to allow for evolution."
                ));
            }
        };
        if ext.is_repeated() {
            return Err(format!(
                "Only singular features extensions are supported.  Found repeated extension {full}"
            ));
        }
        if !ty.msg.extension.is_empty() || !ty.msg.extension_range.is_empty() {
            return Err(format!(
                "Nested extensions in feature extension {full} are not supported."
            ));
        }
        let ty_name = ext.type_name().to_string();
        validate_descriptor(schema, &ty, &ty_name)?;
        types.push((Some(n as u32), ty, ty_name));
    }

    let mut editions = BTreeSet::new();
    let mut insert = |e: i32| {
        if e <= maximum || e == edition::UNSTABLE {
            editions.insert(e);
        }
    };
    for (_, ty, _) in &types {
        for f in &ty.msg.field {
            let s = field_support(f).unwrap_or_default();
            insert(s.introduced.unwrap_or(0));
            if let Some(r) = s.removed {
                insert(r);
            }
            for (e, _) in defaults(f) {
                insert(e);
            }
        }
    }
    let first = editions.first().copied().unwrap_or(0);
    if first != edition::LEGACY {
        return Err(format!(
            "Minimum edition {} is not EDITION_LEGACY",
            edition_name(first)
        ));
    }
    if first > minimum {
        return Err(format!(
            "Minimum edition {} is earlier than the oldest valid edition {}",
            edition_name(minimum),
            edition_name(first)
        ));
    }

    let mut out = Vec::new();
    for &e in &editions {
        let (mut fixed, mut overridable) = (Vec::new(), Vec::new());
        for (ext, ty, name) in &types {
            let (mut f, mut o) = (Vec::new(), Vec::new());
            fill(schema, e, ty, name, &mut f, &mut o)?;
            match ext {
                // NB: `MutableMessage` creates an extension's message in both sets, so an
                // empty one is still written.
                Some(n) => {
                    wire::put_bytes(&mut fixed, *n, &f);
                    wire::put_bytes(&mut overridable, *n, &o);
                }
                None => {
                    fixed.extend(f);
                    overridable.extend(o);
                }
            }
        }
        wire::put_message(&mut out, DEFAULTS, |d| {
            wire::put_int(d, EDITION, e as i64);
            wire::put_bytes(d, OVERRIDABLE_FEATURES, &overridable);
            wire::put_bytes(d, FIXED_FEATURES, &fixed);
        });
    }
    wire::put_int(&mut out, MINIMUM_EDITION, minimum as i64);
    wire::put_int(&mut out, MAXIMUM_EDITION, maximum as i64);
    Ok(out)
}

fn field_support(f: &FieldDescriptorProto) -> Option<Support> {
    support(f.options.as_deref(), field_options::FEATURE_SUPPORT)
}

/// A feature field's `edition_defaults` as (edition, value text), in declaration order.
fn defaults(f: &FieldDescriptorProto) -> Vec<(i32, String)> {
    let Some(opts) = f.options.as_ref() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for r in Reader::new(&opts.bytes).flatten() {
        let (field_options::EDITION_DEFAULTS, WireValue::Len(b)) = (r.field, r.value) else {
            continue;
        };
        let (mut e, mut v) = (0, String::new());
        for x in Reader::new(b).flatten() {
            match (x.field, x.value) {
                (edition_default::EDITION, WireValue::Varint(n)) => e = n as i32,
                (edition_default::VALUE, WireValue::Len(s)) => {
                    v = String::from_utf8_lossy(s).into_owned()
                }
                _ => {}
            }
        }
        out.push((e, v));
    }
    out
}

/// feature_resolver.cc `ValidateDescriptor` (with `ValidateFieldDescriptor`).
fn validate_descriptor(schema: &Schema, m: &MsgRef, full: &str) -> Result<(), String> {
    if !m.msg.oneof_decl.is_empty() {
        return Err(format!(
            "Type {full} contains unsupported oneof feature fields."
        ));
    }
    for f in &m.msg.field {
        let name = format!("{full}.{}", f.name);
        let fail = |what: &str| Err(format!("Feature field {name} {what}"));
        if f.label == Some(Label::Required) {
            return fail("is an unsupported required field.");
        }
        if f.label == Some(Label::Repeated) {
            return fail("is an unsupported repeated field.");
        }
        if !matches!(f.r#type, Some(FieldType::Enum | FieldType::Bool)) {
            return fail("is not an enum or boolean.");
        }
        let targets = f.options.as_ref().is_some_and(|o| {
            Reader::new(&o.bytes)
                .flatten()
                .any(|r| r.field == field_options::TARGETS)
        });
        if !targets {
            return fail("has no target specified.");
        }
        let defaults = defaults(f);
        if !defaults.iter().any(|(e, _)| *e == edition::LEGACY) {
            return fail("has no default specified for EDITION_LEGACY, before it was introduced.");
        }
        let Some(s) = field_support(f) else {
            return fail("has no feature support specified.");
        };
        let Some(introduced) = s.introduced else {
            return fail("does not specify the edition it was introduced in.");
        };
        for (e, _) in defaults.iter().filter(|(e, _)| *e >= edition::E2023) {
            if *e < introduced {
                return fail(&format!(
                    "has a default specified for edition {}, before it was introduced.",
                    edition_name(*e)
                ));
            }
            if s.removed.is_some_and(|r| *e > r) {
                return fail(&format!(
                    "has a default specified for edition {}, after it was removed.",
                    edition_name(*e)
                ));
            }
        }
    }
    let _ = schema;
    Ok(())
}

/// feature_resolver.cc `FillDefaults`: each feature's value for edition `e`, written into the
/// fixed set outside its support window and the overridable one inside it.
fn fill(
    schema: &Schema,
    e: i32,
    m: &MsgRef,
    full: &str,
    fixed: &mut Vec<u8>,
    overridable: &mut Vec<u8>,
) -> Result<(), String> {
    let mut fields: Vec<&FieldDescriptorProto> = m.msg.field.iter().collect();
    // Written in number order, as C++ serialises.
    fields.sort_by_key(|f| f.number);
    for f in fields {
        let name = format!("{full}.{}", f.name);
        let s = field_support(f);
        let outside = s.as_ref().is_some_and(|s| {
            s.introduced.is_some_and(|i| e < i) || s.removed.is_some_and(|r| e >= r)
        });
        let mut defaults = defaults(f);
        defaults.sort_by_key(|(d, _)| *d);
        let Some((_, text)) = defaults.iter().rev().find(|(d, _)| *d <= e) else {
            return Err(format!(
                "No valid default found for edition {} in feature field {name}",
                edition_name(e)
            ));
        };
        let value = parse_value(schema, f, text).ok_or_else(|| {
            format!("Parsing error in edition_defaults for feature field {name}. Could not parse: {text}")
        })?;
        let out = if outside {
            &mut *fixed
        } else {
            &mut *overridable
        };
        wire::put_int(out, f.number.unwrap_or(0) as u32, value);
    }
    Ok(())
}

/// `TextFormat::ParseFieldValueFromString` for an enum or bool feature.
fn parse_value(schema: &Schema, f: &FieldDescriptorProto, text: &str) -> Option<i64> {
    let text = text.trim();
    if f.r#type == Some(FieldType::Bool) {
        return match text {
            "true" | "True" | "t" | "1" => Some(1),
            "false" | "False" | "f" | "0" => Some(0),
            _ => None,
        };
    }
    let ty = f.type_name.as_deref().unwrap_or("").trim_start_matches('.');
    let sym = schema
        .pool
        .find(ty)
        .filter(|s| s.kind == SymbolKind::Enum)?;
    let e = schema.pool.enum_type(ty)?;
    let _ = sym;
    match e.value.iter().find(|v| v.name == text) {
        Some(v) => Some(v.number as i64),
        None => text.parse::<i32>().ok().map(i64::from),
    }
}
