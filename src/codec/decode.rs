//! A message of a pool type read from the wire, as protoc's `--decode` parses it into a
//! `DynamicMessage` (`ParsePartialFromZeroCopyStream`): known fields by number (extensions
//! included), a wrong wire type kept as an unknown field, packed and unpacked repeated values
//! both accepted, closed-enum values the enum does not know kept as unknown varints, singular
//! messages merged, the last of a oneof's members kept, strings checked for UTF-8 where the
//! field's features ask for it.

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::unknown::{End, UnknownField, UnknownValue, read_field};
use super::wire_in::{
    END_GROUP, FIXED32, FIXED64, Flavor, Input, LEN, RECURSION_LIMIT, START_GROUP, VARINT,
};
use crate::compiler::options::schema::{FieldRef, MsgRef, Schema};
use crate::descriptor::model::FieldType;
use crate::descriptor::path::{join, type_full_name};

/// One field's value.
#[derive(Clone)]
pub enum Value<'p, 'a> {
    Int(i64),
    UInt(u64),
    F32(f32),
    F64(f64),
    Bool(bool),
    Enum(i32),
    Bytes(&'a [u8]),
    Msg(Box<DynMessage<'p, 'a>>),
}

impl Value<'_, '_> {
    /// Whether C++'s `HasField` is false for this value in a field without presence: every
    /// bit zero (so `-0.0` counts as set).
    pub fn is_zero(&self) -> bool {
        match self {
            Value::Int(v) => *v == 0,
            Value::UInt(v) => *v == 0,
            Value::F32(v) => v.to_bits() == 0,
            Value::F64(v) => v.to_bits() == 0,
            Value::Bool(v) => !v,
            Value::Enum(v) => *v == 0,
            Value::Bytes(v) => v.is_empty(),
            Value::Msg(_) => false,
        }
    }
}

/// A field and its values (one for a singular field).
#[derive(Clone)]
pub struct Slot<'p, 'a> {
    pub field: FieldRef<'p>,
    pub values: Vec<Value<'p, 'a>>,
}

/// A parsed message: known fields by number, then the unknown ones in wire order.
#[derive(Clone)]
pub struct DynMessage<'p, 'a> {
    pub msg: MsgRef<'p>,
    pub full_name: String,
    pub fields: BTreeMap<i32, Slot<'p, 'a>>,
    pub unknown: Vec<UnknownField<'a>>,
}

/// Why the input is no message of the type: protoc prints "Failed to parse input.", after
/// a log line for invalid UTF-8.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    Malformed,
    /// A string field (its full name) with invalid UTF-8.
    InvalidUtf8(String),
}

type Result<T> = std::result::Result<T, DecodeError>;

fn need<T>(v: Option<T>) -> Result<T> {
    v.ok_or(DecodeError::Malformed)
}

/// Reads `buf` as a whole message of type `full_name` (which must be in the schema).
pub fn decode<'p, 'a>(
    schema: &Schema<'p>,
    full_name: &str,
    buf: &'a [u8],
) -> Result<DynMessage<'p, 'a>> {
    let msg = need(schema.message(full_name))?;
    let mut m = DynMessage::new(msg, full_name);
    let d = Decoder { schema };
    let mut inp = Input::new(buf, Flavor::Table);
    let mut depth = RECURSION_LIMIT;
    match d.merge(&mut m, &mut inp, &mut depth)? {
        End::Eof => Ok(m),
        End::Tag(_) => Err(DecodeError::Malformed),
    }
}

impl<'p, 'a> DynMessage<'p, 'a> {
    pub fn new(msg: MsgRef<'p>, full_name: &str) -> Self {
        DynMessage {
            msg,
            full_name: full_name.to_string(),
            fields: BTreeMap::new(),
            unknown: Vec::new(),
        }
    }
}

struct Decoder<'s, 'p> {
    schema: &'s Schema<'p>,
}

impl<'p> Decoder<'_, 'p> {
    /// Reads fields into `m` until the input or a terminating tag ends them.
    fn merge<'a>(
        &self,
        m: &mut DynMessage<'p, 'a>,
        inp: &mut Input<'a>,
        depth: &mut i32,
    ) -> Result<End> {
        loop {
            if inp.at_end() {
                return Ok(End::Eof);
            }
            let tag = need(inp.tag())?;
            if tag == 0 || tag & 7 == END_GROUP {
                return Ok(End::Tag(tag));
            }
            if tag == MESSAGE_SET_ITEM_START && self.schema.is_message_set(&m.msg) {
                self.message_set_item(m, inp, depth)?;
                continue;
            }
            let number = (tag >> 3) as i32;
            let field = if number == 0 {
                None
            } else {
                self.schema.field_by_number(&m.msg, &m.full_name, number)
            };
            match field {
                Some(f) => self.field(m, f, tag, inp, depth)?,
                None => m.unknown.push(need(read_field(inp, tag, depth))?),
            }
        }
    }

    /// A MessageSet item (`group Item = 1 { int32 type_id = 2; bytes message = 3; }`): the
    /// extension `type_id` holding `message`, or an unknown length-delimited field of that
    /// number.
    fn message_set_item<'a>(
        &self,
        m: &mut DynMessage<'p, 'a>,
        inp: &mut Input<'a>,
        depth: &mut i32,
    ) -> Result<()> {
        let (mut type_id, mut message) = (None, None);
        loop {
            if inp.at_end() {
                return Err(DecodeError::Malformed);
            }
            let tag = need(inp.tag())?;
            match tag {
                MESSAGE_SET_ITEM_END => break,
                MESSAGE_SET_TYPE_ID => type_id = Some(need(inp.varint())? as u32),
                MESSAGE_SET_MESSAGE => message = Some(need(inp.len_delimited())?),
                _ if tag == 0 || tag & 7 == END_GROUP => return Err(DecodeError::Malformed),
                _ => {
                    need(read_field(inp, tag, depth))?;
                }
            }
        }
        let (Some(type_id), Some(message)) = (type_id, message) else {
            return Ok(());
        };
        match self.schema.extension(&m.full_name, type_id as i32) {
            Some(f) if f.is_message() && !f.is_repeated() => {
                self.sub_message_bytes(m, f, message, depth)
            }
            _ => {
                m.unknown.push(UnknownField {
                    number: type_id,
                    value: UnknownValue::Len(Cow::Borrowed(message)),
                });
                Ok(())
            }
        }
    }

    /// A singular message extension's payload, merged into what is there.
    fn sub_message_bytes<'a>(
        &self,
        m: &mut DynMessage<'p, 'a>,
        f: FieldRef<'p>,
        bytes: &'a [u8],
        depth: &mut i32,
    ) -> Result<()> {
        let type_name = f.type_name();
        let sub_type = need(self.schema.message(type_name))?;
        *depth -= 1;
        if *depth < 0 {
            return Err(DecodeError::Malformed);
        }
        let mut sub = match m.fields.get_mut(&f.number()).and_then(|s| s.values.pop()) {
            Some(Value::Msg(b)) => *b,
            _ => DynMessage::new(sub_type, type_name),
        };
        if self.merge(&mut sub, &mut Input::new(bytes, Flavor::Table), depth)? != End::Eof {
            return Err(DecodeError::Malformed);
        }
        *depth += 1;
        slot(m, f).values = vec![Value::Msg(Box::new(sub))];
        Ok(())
    }

    fn field<'a>(
        &self,
        m: &mut DynMessage<'p, 'a>,
        f: FieldRef<'p>,
        tag: u32,
        inp: &mut Input<'a>,
        depth: &mut i32,
    ) -> Result<()> {
        let ty = self.schema.ty(&f);
        let wire = tag & 7;
        if wire == wire_type(ty) {
            return match ty {
                FieldType::Message | FieldType::Group => {
                    self.sub_message(m, f, ty, tag, inp, depth)
                }
                _ => {
                    let v = self.scalar(&f, ty, inp)?;
                    self.set_scalar(m, f, v);
                    Ok(())
                }
            };
        }
        if wire == LEN && f.is_repeated() && ty.is_packable() {
            let bytes = need(inp.len_delimited())?;
            let mut packed = Input::new(bytes, Flavor::Table);
            while !packed.at_end() {
                let v = self.scalar(&f, ty, &mut packed)?;
                self.set_scalar(m, f, v);
            }
            return Ok(());
        }
        m.unknown.push(need(read_field(inp, tag, depth))?);
        Ok(())
    }

    /// One value of a scalar field; a closed enum's unknown number comes back as `None`-like
    /// `UInt` tagged by the caller (see `set_scalar`).
    fn scalar<'a>(
        &self,
        f: &FieldRef<'p>,
        ty: FieldType,
        inp: &mut Input<'a>,
    ) -> Result<Scalar<'a>> {
        use FieldType::*;
        let v = match ty {
            Int32 => Value::Int(need(inp.varint())? as i32 as i64),
            Int64 => Value::Int(need(inp.varint())? as i64),
            Uint32 => Value::UInt(need(inp.varint())? as u32 as u64),
            Uint64 => Value::UInt(need(inp.varint())?),
            Sint32 => {
                let v = need(inp.varint())? as u32;
                Value::Int(((v >> 1) as i32 ^ -((v & 1) as i32)) as i64)
            }
            Sint64 => {
                let v = need(inp.varint())?;
                Value::Int((v >> 1) as i64 ^ -((v & 1) as i64))
            }
            Bool => Value::Bool(need(inp.varint())? != 0),
            Enum => {
                let raw = need(inp.varint())?;
                let n = raw as i32;
                if self.schema.is_closed_enum(f.type_name()) && !self.enum_knows(f, n) {
                    // NB: C++ keeps the number it read as an int32, sign-extended.
                    return Ok(Scalar::UnknownEnum(n as i64 as u64));
                }
                Value::Enum(n)
            }
            Fixed32 => Value::UInt(need(inp.fixed32())? as u64),
            Sfixed32 => Value::Int(need(inp.fixed32())? as i32 as i64),
            Float => Value::F32(f32::from_bits(need(inp.fixed32())?)),
            Fixed64 => Value::UInt(need(inp.fixed64())?),
            Sfixed64 => Value::Int(need(inp.fixed64())? as i64),
            Double => Value::F64(f64::from_bits(need(inp.fixed64())?)),
            String | Bytes => {
                let b = need(inp.len_delimited())?;
                if self.schema.validates_utf8(f) && std::str::from_utf8(b).is_err() {
                    return Err(DecodeError::InvalidUtf8(field_full_name(self.schema, f)));
                }
                Value::Bytes(b)
            }
            Message | Group => return Err(DecodeError::Malformed),
        };
        Ok(Scalar::Value(v))
    }

    fn enum_knows(&self, f: &FieldRef<'p>, n: i32) -> bool {
        self.schema
            .pool
            .enum_type(f.type_name())
            .is_some_and(|e| e.value.iter().any(|v| v.number == n))
    }

    fn set_scalar<'a>(&self, m: &mut DynMessage<'p, 'a>, f: FieldRef<'p>, v: Scalar<'a>) {
        match v {
            Scalar::UnknownEnum(raw) => m.unknown.push(UnknownField {
                number: f.number() as u32,
                value: UnknownValue::Varint(raw),
            }),
            Scalar::Value(v) => {
                let slot = slot(m, f);
                if f.is_repeated() {
                    slot.values.push(v);
                } else {
                    slot.values = vec![v];
                }
            }
        }
    }

    /// A message or group field's value: merged into the singular one already there.
    fn sub_message<'a>(
        &self,
        m: &mut DynMessage<'p, 'a>,
        f: FieldRef<'p>,
        ty: FieldType,
        tag: u32,
        inp: &mut Input<'a>,
        depth: &mut i32,
    ) -> Result<()> {
        let type_name = f.type_name();
        let sub_type = need(self.schema.message(type_name))?;
        let bytes = if ty == FieldType::Message {
            Some(need(inp.len_delimited())?)
        } else {
            None
        };
        *depth -= 1;
        if *depth < 0 {
            return Err(DecodeError::Malformed);
        }
        let is_map = f.is_repeated() && self.schema.is_map_entry(&sub_type);
        let mut sub = match m.fields.get_mut(&f.number()) {
            Some(s) if !f.is_repeated() => match s.values.pop() {
                Some(Value::Msg(b)) => *b,
                _ => DynMessage::new(sub_type, type_name),
            },
            _ => DynMessage::new(sub_type, type_name),
        };
        let end = match bytes {
            Some(b) => self.merge(&mut sub, &mut Input::new(b, Flavor::Table), depth)?,
            None => self.merge(&mut sub, inp, depth)?,
        };
        let want = match bytes {
            Some(_) => End::Eof,
            None => End::Tag(tag >> 3 << 3 | END_GROUP),
        };
        if end != want {
            return Err(DecodeError::Malformed);
        }
        *depth += 1;
        if is_map {
            // NB: a map entry whose closed-enum value is unknown goes, whole, to the unknown
            // fields of the map's message; any other unknown field of an entry is dropped.
            let value_is_closed_enum = self
                .schema
                .field_by_number(&sub.msg, type_name, 2)
                .is_some_and(|v| {
                    v.ty() == FieldType::Enum && self.schema.is_closed_enum(v.type_name())
                });
            let unknown_value = sub
                .unknown
                .iter()
                .any(|u| u.number == 2 && matches!(u.value, UnknownValue::Varint(_)));
            if value_is_closed_enum && unknown_value {
                if let Some(b) = bytes {
                    m.unknown.push(UnknownField {
                        number: f.number() as u32,
                        value: UnknownValue::Len(Cow::Borrowed(b)),
                    });
                }
                return Ok(());
            }
            sub.unknown.clear();
        }
        let slot = slot(m, f);
        slot.values.push(Value::Msg(Box::new(sub)));
        Ok(())
    }
}

/// MessageSet's item group and its two fields, as tags.
const MESSAGE_SET_ITEM_START: u32 = 1 << 3 | START_GROUP;
const MESSAGE_SET_ITEM_END: u32 = 1 << 3 | END_GROUP;
const MESSAGE_SET_TYPE_ID: u32 = 2 << 3 | VARINT;
const MESSAGE_SET_MESSAGE: u32 = 3 << 3 | LEN;

enum Scalar<'a> {
    Value(Value<'static, 'a>),
    UnknownEnum(u64),
}

/// The slot of field `f` in `m`, created empty; setting a oneof member clears the others.
fn slot<'m, 'p, 'a>(m: &'m mut DynMessage<'p, 'a>, f: FieldRef<'p>) -> &'m mut Slot<'p, 'a> {
    if let Some(o) = f.field.oneof_index.filter(|_| !f.is_extension) {
        m.fields.retain(|n, s| {
            *n == f.number() || s.field.is_extension || s.field.field.oneof_index != Some(o)
        });
    }
    m.fields.entry(f.number()).or_insert_with(|| Slot {
        field: f,
        values: Vec::new(),
    })
}

/// The wire type of a field's (unpacked) values.
fn wire_type(ty: FieldType) -> u32 {
    use FieldType::*;
    match ty {
        Double | Fixed64 | Sfixed64 => FIXED64,
        Float | Fixed32 | Sfixed32 => FIXED32,
        String | Bytes | Message => LEN,
        Group => START_GROUP,
        _ => VARINT,
    }
}

/// A field's full name (`pkg.Msg.field`, or the extension's own scope and name).
pub fn field_full_name(schema: &Schema, f: &FieldRef) -> String {
    let scope = type_full_name(schema.pool.file(f.file), f.scope_path);
    join(&scope, &f.field.name)
}
