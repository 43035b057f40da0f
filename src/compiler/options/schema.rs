//! A pool seen as a schema for dynamic messages: fields of a message type by name or number
//! (extensions included), with what encoding needs (packed, retention). Used to interpret
//! options, parse aggregate values and re-encode options canonically.

use super::features;
use crate::compiler::pool::{Pool, SymbolKind};
use crate::descriptor::model::*;
use crate::descriptor::numbers::{feature_set, field_options, message_options};
use crate::descriptor::options::{is_map_entry, option_varint};

/// A message type of the pool.
#[derive(Clone, Copy)]
pub struct MsgRef<'p> {
    pub file: u32,
    pub path: &'p [i32],
    pub msg: &'p DescriptorProto,
}

/// A field or extension, resolved.
#[derive(Clone, Copy)]
pub struct FieldRef<'p> {
    pub file: u32,
    /// The scope that declares the field: a message path, or empty for file level.
    pub scope_path: &'p [i32],
    pub field: &'p FieldDescriptorProto,
    pub is_extension: bool,
}

impl<'p> FieldRef<'p> {
    pub fn ty(&self) -> FieldType {
        self.field.r#type.unwrap_or(FieldType::Message)
    }

    pub fn number(&self) -> i32 {
        self.field.number.unwrap_or(0)
    }

    pub fn is_repeated(&self) -> bool {
        self.field.label == Some(Label::Repeated)
    }

    pub fn is_message(&self) -> bool {
        matches!(self.ty(), FieldType::Message | FieldType::Group)
    }

    /// The message or enum type's full name, without the leading dot.
    pub fn type_name(&self) -> &'p str {
        self.field
            .type_name
            .as_deref()
            .unwrap_or("")
            .trim_start_matches('.')
    }
}

pub struct Schema<'p> {
    pub pool: &'p Pool,
}

impl<'p> Schema<'p> {
    pub fn new(pool: &'p Pool) -> Self {
        Schema { pool }
    }

    pub fn message(&self, full_name: &str) -> Option<MsgRef<'p>> {
        let s = self.pool.find(full_name)?;
        if s.kind != SymbolKind::Message {
            return None;
        }
        Some(MsgRef {
            file: s.file,
            path: &s.path,
            msg: self.pool.message_at(s.file, &s.path)?,
        })
    }

    pub fn field_by_number(&self, m: &MsgRef<'p>, full_name: &str, n: i32) -> Option<FieldRef<'p>> {
        if let Some(f) = m.msg.field.iter().find(|f| f.number == Some(n)) {
            return Some(FieldRef {
                file: m.file,
                scope_path: m.path,
                field: f,
                is_extension: false,
            });
        }
        self.extension(full_name, n)
    }

    pub fn extension(&self, extendee: &str, n: i32) -> Option<FieldRef<'p>> {
        let list = self.pool.extensions.get(extendee)?;
        let (_, f, p) = list.iter().find(|(num, _, _)| *num == n)?;
        let field = self.pool.field_at(*f, p)?;
        Some(FieldRef {
            file: *f,
            scope_path: &p[..p.len() - 2],
            field,
            is_extension: true,
        })
    }

    pub fn field_by_name(&self, m: &MsgRef<'p>, name: &str) -> Option<FieldRef<'p>> {
        let f = m.msg.field.iter().find(|f| f.name == name)?;
        Some(FieldRef {
            file: m.file,
            scope_path: m.path,
            field: f,
            is_extension: false,
        })
    }

    /// Whether a repeated field is written packed: its resolved `repeated_field_encoding`
    /// (proto2 infers it from `[packed = true]`, proto3 from `[packed = false]`).
    pub fn is_packed(&self, f: &FieldRef<'p>) -> bool {
        if !f.is_repeated() || !f.ty().is_packable() {
            return false;
        }
        let file = self.pool.file(f.file);
        let resolved = features::type_features(file, f.scope_path, self.pool.release)
            .merge(&features::field_base(f.field, file.syntax));
        resolved.repeated_field_encoding() == features::value::PACKED
    }

    /// A field's resolved core features (its scope's, then its own and what its syntax infers).
    fn field_features(&self, f: &FieldRef<'p>) -> features::Features {
        let file = self.pool.file(f.file);
        features::type_features(file, f.scope_path, self.pool.release)
            .merge(&features::field_base(f.field, file.syntax))
    }

    /// Whether a string field's values must be valid UTF-8 (`utf8_validation = VERIFY`, proto3's
    /// and the editions' default): C++ refuses to parse a message with one that is not.
    pub fn validates_utf8(&self, f: &FieldRef<'p>) -> bool {
        f.ty() == FieldType::String
            && self.field_features(f).0[features::slot(feature_set::UTF8_VALIDATION)]
                == features::value::VERIFY
    }

    /// `FieldDescriptor::is_required`: `required`, or `LEGACY_REQUIRED` presence in editions.
    pub fn is_required(&self, f: &FieldRef<'p>) -> bool {
        f.field.label == Some(Label::Required)
            || (!f.is_repeated()
                && self.field_features(f).field_presence() == features::value::LEGACY_REQUIRED)
    }

    /// descriptor.cc `FieldDescriptor::has_presence`: whether setting the field to its default
    /// still counts as set (`HasField`).
    pub fn has_presence(&self, f: &FieldRef<'p>) -> bool {
        if f.is_repeated() {
            return false;
        }
        f.is_message()
            || f.is_extension
            || f.field.oneof_index.is_some()
            || self.field_features(f).field_presence() != features::value::IMPLICIT
    }

    /// Whether an enum type is closed (`EnumDescriptor::is_closed`): its resolved `enum_type`.
    pub fn is_closed_enum(&self, full_name: &str) -> bool {
        let Some(s) = self.pool.find(full_name) else {
            return false;
        };
        if s.kind != SymbolKind::Enum {
            return false;
        }
        features::type_features(self.pool.file(s.file), &s.path, self.pool.release).enum_type()
            == features::value::CLOSED
    }

    /// The type a field is encoded as: descriptor.cc's `PostProcessFieldFeatures` makes a
    /// `DELIMITED` message field (not a map) a group.
    pub fn ty(&self, f: &FieldRef<'p>) -> FieldType {
        let ty = f.ty();
        if ty == FieldType::Message
            && self.field_features(f).message_encoding() == features::value::DELIMITED
            && !self
                .message(f.type_name())
                .is_some_and(|m| self.is_map_entry(&m))
        {
            return FieldType::Group;
        }
        ty
    }

    /// Whether a message type is a map's synthesized entry (`MessageOptions.map_entry`).
    pub fn is_map_entry(&self, m: &MsgRef<'p>) -> bool {
        is_map_entry(m.msg)
    }

    /// Whether a message type has `option message_set_wire_format = true`.
    pub fn is_message_set(&self, m: &MsgRef<'p>) -> bool {
        option_varint(
            m.msg.options.as_deref(),
            &[message_options::MESSAGE_SET_WIRE_FORMAT],
        ) == Some(1)
    }

    /// `[retention = RETENTION_SOURCE]` (FieldOptions.retention = 17).
    pub fn is_source_retention(&self, f: &FieldRef<'p>) -> bool {
        option_varint(f.field.options.as_deref(), &[field_options::RETENTION])
            == Some(field_options::retention::SOURCE)
    }
}
