//! Editions feature resolution (descriptor.cc `ResolveFeaturesImpl`, feature_resolver.cc): the
//! edition's defaults, overridden by explicit `features` in the options of the file, then each
//! enclosing element, then the element itself. proto2/proto3 files also infer features from legacy
//! syntax (`required`, `group`, `[packed]`), as `InferLegacyProtoFeatures` does.
//!
//! Only the core `FeatureSet` fields are resolved: the checks that need features (presence,
//! open/closed enums, json conflicts, naming style) only read those.

use crate::descriptor::model::*;
use crate::descriptor::numbers::feature_set;
use crate::descriptor::numbers::{self as n, field_options, file, message};
use crate::descriptor::options::{OptionsKind, option_varint};
use crate::descriptor::wire::{Reader, WireValue};
use crate::release::Release;

/// `FeatureSet` enum values (descriptor.proto).
pub mod value {
    pub const EXPLICIT: i32 = 1;
    pub const IMPLICIT: i32 = 2;
    pub const LEGACY_REQUIRED: i32 = 3;
    pub const CLOSED: i32 = 2;
    pub const VERIFY: i32 = 2;
    pub const PACKED: i32 = 1;
    pub const EXPANDED: i32 = 2;
    pub const DELIMITED: i32 = 2;
    pub const LEGACY_BEST_EFFORT: i32 = 2;
    pub const STYLE2024: i32 = 1;
    pub const STYLE_LEGACY: i32 = 2;
    pub const STYLE2026: i32 = 3;
    /// `DefaultSymbolVisibility`.
    pub const EXPORT_ALL: i32 = 1;
    pub const EXPORT_TOP_LEVEL: i32 = 2;
    pub const LOCAL_ALL: i32 = 3;
    pub const STRICT: i32 = 4;
    pub const LEGACY_NO_EXPLICIT_LIMITS: i32 = 1;
    pub const PROTO_LIMITS2026: i32 = 2;
}

/// The core features, indexed by `FeatureSet` field number - 1.
pub const NAMES: [(&str, &str); COUNT] = [
    ("field_presence", "FIELD_PRESENCE_UNKNOWN"),
    ("enum_type", "ENUM_TYPE_UNKNOWN"),
    ("repeated_field_encoding", "REPEATED_FIELD_ENCODING_UNKNOWN"),
    ("utf8_validation", "UTF8_VALIDATION_UNKNOWN"),
    ("message_encoding", "MESSAGE_ENCODING_UNKNOWN"),
    ("json_format", "JSON_FORMAT_UNKNOWN"),
    ("enforce_naming_style", "ENFORCE_NAMING_STYLE_UNKNOWN"),
    (
        "default_symbol_visibility",
        "DEFAULT_SYMBOL_VISIBILITY_UNKNOWN",
    ),
    // NB: protoc 36.2 names this one with its enclosing message.
    (
        "enforce_proto_limits",
        "ProtoLimitsFeature::PROTO_LIMITS_UNKNOWN",
    ),
];

/// The number of core features (protoc 36.2's `FeatureSet` fields 1 to 9; 35.1 has 8, and
/// resolves the ninth to its legacy value, which nothing reads in that release).
pub const COUNT: usize = 9;

/// The index of a core `FeatureSet` field (`numbers::feature_set`) in `FeatureSet` and
/// `Features`: its number - 1.
pub const fn slot(field: u32) -> usize {
    (field as usize).saturating_sub(1)
}

/// A `FeatureSet` of the core fields; `None` = not set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FeatureSet(pub [Option<i32>; COUNT]);

/// Fully resolved core features.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Features(pub [i32; COUNT]);

impl Features {
    pub fn field_presence(&self) -> i32 {
        self.0[slot(feature_set::FIELD_PRESENCE)]
    }
    pub fn enum_type(&self) -> i32 {
        self.0[slot(feature_set::ENUM_TYPE)]
    }
    pub fn repeated_field_encoding(&self) -> i32 {
        self.0[slot(feature_set::REPEATED_FIELD_ENCODING)]
    }
    pub fn message_encoding(&self) -> i32 {
        self.0[slot(feature_set::MESSAGE_ENCODING)]
    }
    pub fn json_format(&self) -> i32 {
        self.0[slot(feature_set::JSON_FORMAT)]
    }

    /// `MergeFeatures`: explicit values override the parent's.
    pub fn merge(&self, explicit: &FeatureSet) -> Features {
        let mut out = *self;
        for (o, e) in out.0.iter_mut().zip(explicit.0.iter()) {
            if let Some(v) = e {
                *o = *v;
            }
        }
        out
    }

    /// feature_resolver.cc `ValidateMergedFeatures`: the first feature left unknown.
    pub fn unknown_error(&self) -> Option<String> {
        let i = self.0.iter().position(|v| *v == 0)?;
        let (name, unknown) = NAMES[i];
        Some(format!(
            "Feature field `{name}` must resolve to a known value, found {unknown}"
        ))
    }
}

/// The edition defaults (protoc's compiled-in `FeatureSetDefaults` of `release`, as
/// `--edition_defaults_out` prints them): the greatest entry not after `edition`.
pub fn edition_defaults(edition: i32, release: Release) -> Features {
    // field_presence, enum_type, repeated_field_encoding, utf8_validation,
    // message_encoding, json_format, enforce_naming_style, default_symbol_visibility,
    // enforce_proto_limits
    if edition >= edition::E2024 {
        // 36.2: edition 2026 (and UNSTABLE after it) brings STYLE2026, STRICT and the 2026
        // limits. NB: 35.1's descriptor.proto gives UNSTABLE STYLE2026 alone.
        let e2026 = release >= Release::V36_2 && edition >= edition::E2026;
        let style = if e2026 || edition == edition::UNSTABLE {
            value::STYLE2026
        } else {
            value::STYLE2024
        };
        let visibility = if e2026 {
            value::STRICT
        } else {
            value::EXPORT_TOP_LEVEL
        };
        let limits = if e2026 {
            value::PROTO_LIMITS2026
        } else {
            value::LEGACY_NO_EXPLICIT_LIMITS
        };
        Features([1, 1, 1, 2, 1, 1, style, visibility, limits])
    } else if edition >= edition::PROTO3 {
        Features([2, 1, 1, 2, 1, 1, 2, 1, 1]).with_presence(edition)
    } else {
        Features([1, 2, 2, 3, 1, 2, 2, 1, 1])
    }
}

impl Features {
    fn with_presence(mut self, edition: i32) -> Features {
        if edition >= edition::E2023 {
            self.0[slot(feature_set::FIELD_PRESENCE)] = value::EXPLICIT;
        }
        self
    }
}

/// The number of the `features` field in each options message.
pub fn features_field(kind: OptionsKind) -> u32 {
    use OptionsKind::*;
    match kind {
        File => n::file_options::FEATURES,
        Message => n::message_options::FEATURES,
        Field => n::field_options::FEATURES,
        Oneof => n::oneof_options::FEATURES,
        ExtensionRange => n::extension_range_options::FEATURES,
        Enum => n::enum_options::FEATURES,
        EnumValue => n::enum_value_options::FEATURES,
        Service => n::service_options::FEATURES,
        Method => n::method_options::FEATURES,
    }
}

/// The explicit core features in interpreted options.
pub fn explicit(opts: Option<&Options>, kind: OptionsKind) -> FeatureSet {
    let mut out = FeatureSet::default();
    let Some(o) = opts.filter(|o| !o.unresolved_features) else {
        return out;
    };
    // One pass over the options and their `features` records (merged: the last value of each
    // feature wins), not one `last_varint` per feature: every field's checks ask for these.
    let f = features_field(kind);
    for r in Reader::new(&o.bytes).flatten() {
        if r.field != f {
            continue;
        }
        let WireValue::Len(set) = r.value else {
            continue;
        };
        for x in Reader::new(set).flatten() {
            if let WireValue::Varint(v) = x.value
                && let Some(slot) = (x.field as usize)
                    .checked_sub(1)
                    .and_then(|i| out.0.get_mut(i))
            {
                *slot = Some(v as i32);
            }
        }
    }
    out
}

/// Whether the options carry a `features` field at all (even an empty one).
pub fn has_features(opts: Option<&Options>, kind: OptionsKind) -> bool {
    let Some(o) = opts.filter(|o| !o.unresolved_features) else {
        return false;
    };
    let f = features_field(kind);
    Reader::new(&o.bytes).flatten().any(|r| r.field == f)
}

/// A field's explicit features plus what proto2/proto3 infer from its syntax
/// (`InferLegacyProtoFeatures`).
pub fn field_base(f: &FieldDescriptorProto, syntax: Syntax) -> FeatureSet {
    let mut fs = explicit(f.options.as_deref(), OptionsKind::Field);
    if matches!(syntax, Syntax::Editions(_)) {
        return fs;
    }
    if f.label == Some(Label::Required) {
        fs.0[slot(feature_set::FIELD_PRESENCE)] = Some(value::LEGACY_REQUIRED);
    }
    if f.r#type == Some(FieldType::Group) {
        fs.0[slot(feature_set::MESSAGE_ENCODING)] = Some(value::DELIMITED);
    }
    let packed = option_varint(f.options.as_deref(), &[field_options::PACKED]);
    if packed == Some(1) {
        fs.0[slot(feature_set::REPEATED_FIELD_ENCODING)] = Some(value::PACKED);
    }
    if syntax == Syntax::Proto3 && packed == Some(0) {
        fs.0[slot(feature_set::REPEATED_FIELD_ENCODING)] = Some(value::EXPANDED);
    }
    fs
}

/// The file's resolved features.
pub fn file_features(file: &FileDescriptorProto, release: Release) -> Features {
    edition_defaults(file.syntax.edition(), release)
        .merge(&explicit(file.options.as_deref(), OptionsKind::File))
}

/// Resolved features of the message or enum at `path` (`[4, i, 3, j, 4, k]`) in `file`.
pub fn type_features(file: &FileDescriptorProto, path: &[i32], release: Release) -> Features {
    // Only editions files can set features (protoc rejects them elsewhere: "Features are only
    // valid under editions."), so a proto2/proto3 type has its syntax's defaults. This skips
    // re-reading every enclosing options message on the hot paths of option encoding.
    if !matches!(file.syntax, Syntax::Editions(_)) {
        return edition_defaults(file.syntax.edition(), release);
    }
    let mut feats = file_features(file, release);
    let mut msg: Option<&DescriptorProto> = None;
    let mut i = 0;
    while i + 1 < path.len() {
        let (k, j) = (path[i], path[i + 1] as usize);
        match (msg, k) {
            (None, file::MESSAGE_TYPE) | (Some(_), message::NESTED_TYPE) => {
                let m = match msg {
                    None => file.message_type.get(j),
                    Some(p) => p.nested_type.get(j),
                };
                let Some(m) = m else { return feats };
                feats = feats.merge(&explicit(m.options.as_deref(), OptionsKind::Message));
                msg = Some(m);
            }
            (None, file::ENUM_TYPE) | (Some(_), message::ENUM_TYPE) => {
                let e = match msg {
                    None => file.enum_type.get(j),
                    Some(p) => p.enum_type.get(j),
                };
                let Some(e) = e else { return feats };
                return feats.merge(&explicit(e.options.as_deref(), OptionsKind::Enum));
            }
            _ => return feats,
        }
        i += 2;
    }
    feats
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::descriptor::wire::last_varint;

    /// `explicit` against the definition it replaced: per feature, the last varint under
    /// `features` (merged across repeated `features` records).
    #[test]
    fn explicit_is_the_last_value_of_each_feature() {
        let features = features_field(OptionsKind::Field);
        let tag = |field: u8, wire: u8| (field << 3) | wire;
        let set_a = [tag(1, 0), 1, tag(2, 0), 2, tag(9, 0), 7, tag(3, 2), 0];
        let set_b = [tag(1, 0), 3, tag(6, 0), 2];
        let mut bytes = vec![tag(2, 0), 1]; // ctype: not a feature
        for set in [&set_a[..], &set_b[..]] {
            crate::descriptor::wire::put_tag(&mut bytes, features, 2);
            bytes.push(set.len() as u8);
            bytes.extend_from_slice(set);
        }
        let opts = Options {
            bytes: bytes.clone(),
            ..Default::default()
        };
        let got = explicit(Some(&opts), OptionsKind::Field);
        for i in 0..8u32 {
            let want = last_varint(&bytes, &[features, i + 1]).map(|v| v as i32);
            assert_eq!(got.0[i as usize], want, "feature {}", i + 1);
        }
        assert_eq!(got.0[0], Some(3));
        assert_eq!(got.0[1], Some(2));
        assert_eq!(got.0[5], Some(2));
        assert_eq!(got.0[2], None);
        let unresolved = Options {
            bytes,
            unresolved_features: true,
            ..Default::default()
        };
        assert_eq!(
            explicit(Some(&unresolved), OptionsKind::Field),
            FeatureSet::default()
        );
    }
}
