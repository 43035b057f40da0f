//! The checks protoc runs on `feature_support` windows themselves (feature_resolver.cc
//! `ValidateFeatureSupport`, `ValidateFieldFeatureSupport`, `ValidateEnumValueFeatureSupport`),
//! which descriptor.cc's `ValidateOptions` applies to every field and every enum value when
//! protoc enforces feature-support validation (it always does). These are what keep a features
//! extension (`extend google.protobuf.FeatureSet`) self-consistent: removed without a removal
//! error, deprecated before introduced, a value widening its feature's window...
//!
//! NB: protoc reports these on the element's OPTION_NAME location, which the parser never
//! records for a descriptor itself, so the lines carry the file name only.

use super::feature_lifetimes::{Support, support};
use crate::descriptor::model::*;
use crate::descriptor::numbers::{enum_value_options, field_options};
use crate::descriptor::path::join;

/// `FeatureResolver::ValidateFeatureSupport`: the first rule `s` breaks, named by `full`.
pub(crate) fn validate(s: &Support, full: &str) -> Option<String> {
    // Unset editions read as EDITION_UNKNOWN (0), as proto2 getters do.
    let introduced = s.introduced.unwrap_or(0);
    let deprecated = s.deprecated.unwrap_or(0);
    if s.deprecated.is_some() {
        if deprecated < introduced {
            return Some(format!("{full} was deprecated before it was introduced."));
        }
        if s.deprecation_warning.is_none() {
            return Some(format!(
                "{full} is deprecated but does not specify a deprecation warning."
            ));
        }
    }
    if s.deprecated.is_none() && s.deprecation_warning.is_some() {
        return Some(format!(
            "{full} specifies a deprecation warning but is not marked deprecated in any edition."
        ));
    }
    if let Some(removed) = s.removed {
        if deprecated >= removed {
            return Some(format!("{full} was deprecated after it was removed."));
        }
        if removed < introduced {
            return Some(format!("{full} was removed before it was introduced."));
        }
        // Same-edition introduction and removal needs no removal error (protoc's exemption).
        if introduced != removed && s.removal_error.is_none() {
            return Some(format!(
                "{full} has been removed but does not specify a removal error."
            ));
        }
    } else if s.removal_error.is_some() {
        return Some(format!(
            "{full} specifies a removal error but is not marked removed in any edition."
        ));
    }
    None
}

/// `ValidateOptions(EnumValueDescriptor)`: the value's own window; the value is named in
/// `scope` (its full name is only built for an error).
pub(crate) fn enum_value(v: &EnumValueDescriptorProto, scope: &str) -> Option<String> {
    // No window is an empty one, which breaks no rule.
    let s = support(v.options.as_deref(), enum_value_options::FEATURE_SUPPORT)?;
    validate(&s, &join(scope, &v.name))
}

/// `ValidateFieldFeatureSupport`: the field's window, then, when the field has one and is an
/// enum, each value's window merged over it (the first failing value ends the check).
/// `values` are the field's enum values with their full names.
pub(crate) fn field<'e>(
    f: &FieldDescriptorProto,
    full: &str,
    values: impl IntoIterator<Item = (&'e EnumValueDescriptorProto, String)>,
) -> Option<String> {
    let parent = support(f.options.as_deref(), field_options::FEATURE_SUPPORT);
    if let Some(e) = validate(parent.as_ref().unwrap_or(&Support::default()), full) {
        return Some(e);
    }
    // Values are only held against a window the field declares.
    let parent = parent?;
    for (v, vfull) in values {
        let Some(own) = support(v.options.as_deref(), enum_value_options::FEATURE_SUPPORT) else {
            continue;
        };
        if let Some(e) = value_within(&parent, &own, &vfull, full) {
            return Some(e);
        }
    }
    None
}

/// `ValidateEnumValueFeatureSupport`: the value's window (merged over its field's) must be valid
/// and must not reach outside the field's.
fn value_within(parent: &Support, own: &Support, full: &str, field: &str) -> Option<String> {
    let merged = Support {
        introduced: own.introduced.or(parent.introduced),
        deprecated: own.deprecated.or(parent.deprecated),
        deprecation_warning: own
            .deprecation_warning
            .clone()
            .or_else(|| parent.deprecation_warning.clone()),
        removed: own.removed.or(parent.removed),
        removal_error: own
            .removal_error
            .clone()
            .or_else(|| parent.removal_error.clone()),
    };
    if let Some(e) = validate(&merged, full) {
        return Some(e);
    }
    if merged.introduced.unwrap_or(0) < parent.introduced.unwrap_or(0) {
        return Some(format!("value {full} was introduced before {field} was."));
    }
    if let Some(removed) = parent.removed
        && merged.removed.unwrap_or(0) > removed
    {
        return Some(format!("value {full} was removed after {field} was."));
    }
    if let Some(deprecated) = parent.deprecated
        && merged.deprecated.unwrap_or(0) > deprecated
    {
        return Some(format!("value {full} was deprecated after {field} was."));
    }
    None
}
