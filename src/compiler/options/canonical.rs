//! Canonical re-encoding of a message against a schema, as C++ does when it parses bytes into a
//! message and serialises it again: known fields (extensions included) in number order,
//! singular values last-wins, singular sub-messages merged, repeated scalars packed per their
//! definition, unknown records kept in order at the end. With `strip`, source-retention
//! fields are dropped (retention.cc).

use super::schema::{FieldRef, MsgRef, Schema};
use crate::descriptor::model::FieldType;
use crate::descriptor::wire::put_value;
use crate::descriptor::wire::{self, Reader, WireValue};

/// Nesting bound for re-encoding (options nested deeper are a documented limit).
pub const MAX_DEPTH: usize = 128;

/// The paths (field numbers, indexes of repeated messages) of the fields `strip` removed,
/// as retention.cc's `StripMessage` collects them for `StripSourceCodeInfo`.
#[derive(Default)]
pub struct StripTrace {
    pub path: Vec<i32>,
    pub stripped: Vec<Vec<i32>>,
}

pub struct Canon<'s, 'p> {
    pub schema: &'s Schema<'p>,
    pub strip: bool,
    /// Deterministic serialisation's map order: entries stably sorted by key (protoc's
    /// `--deterministic_output`); otherwise entries stay in the order given.
    pub sort_maps: bool,
}

impl<'p> Canon<'_, 'p> {
    /// Re-encodes `bytes` as a message of type `full_name`; unknown types pass through.
    pub fn message(&self, full_name: &str, bytes: &[u8]) -> Vec<u8> {
        self.message_traced(full_name, bytes, &mut None)
    }

    /// [`Canon::message`], also recording into `trace` (its `path` is the message's own) the
    /// path of every field stripped.
    pub fn message_traced(
        &self,
        full_name: &str,
        bytes: &[u8],
        trace: &mut Option<StripTrace>,
    ) -> Vec<u8> {
        match self.schema.message(full_name) {
            Some(m) => self.encode(&m, full_name, bytes, 0, trace),
            None => bytes.to_vec(),
        }
    }

    fn encode(
        &self,
        m: &MsgRef<'p>,
        full_name: &str,
        bytes: &[u8],
        depth: usize,
        trace: &mut Option<StripTrace>,
    ) -> Vec<u8> {
        if depth > MAX_DEPTH {
            return bytes.to_vec();
        }
        // The known fields' records, each with its field; grouped by number below.
        let mut known: Vec<(i32, FieldRef<'p>, WireValue)> = Vec::new();
        let mut unknown: Vec<&[u8]> = Vec::new();
        let message_set = self.schema.is_message_set(m);
        for rec in Reader::new(bytes) {
            let Ok(mut rec) = rec else {
                return bytes.to_vec();
            };
            if message_set
                && rec.field == MSET_ITEM
                && let WireValue::Group(item) = rec.value
                && let Some((type_id, message)) = message_set_item(item)
            {
                // A MessageSet item is its extension `type_id` holding `message`.
                rec.field = type_id;
                rec.value = WireValue::Len(message);
            }
            let n = rec.field as i32;
            let fref = match known.iter().find(|(k, _, _)| *k == n) {
                Some((_, f, _)) => Some(*f),
                None => self.schema.field_by_number(m, full_name, n),
            };
            let Some(f) = fref.filter(|f| wire_type_ok(self.schema.ty(f), f, &rec.value)) else {
                unknown.push(rec.raw);
                continue;
            };
            known.push((n, f, rec.value));
        }
        if self.schema.is_map_entry(m) {
            // NB: protoc writes a map entry's key and value even when they are defaults (C++
            // serialises map entries whole).
            for n in [1, 2] {
                if known.iter().any(|(k, _, _)| *k == n) {
                    continue;
                }
                if let Some(f) = self.schema.field_by_number(m, full_name, n) {
                    let zero = match wire_kind(f.ty()) {
                        wire::FIXED64 => WireValue::Fixed64(0),
                        wire::FIXED32 => WireValue::Fixed32(0),
                        wire::LEN => WireValue::Len(&[]),
                        wire::START_GROUP => WireValue::Group(&[]),
                        _ => WireValue::Varint(0),
                    };
                    known.push((n, f, zero));
                }
            }
        }
        // Stable: a field's records keep their order.
        known.sort_by_key(|(n, _, _)| *n);
        let mut out = Vec::with_capacity(bytes.len());
        let mut vals = Vec::new();
        for group in known.chunk_by(|a, b| a.0 == b.0) {
            let (n, f) = (group[0].0, group[0].1);
            vals.clear();
            vals.extend(group.iter().map(|(_, _, v)| *v));
            if self.strip && self.schema.is_source_retention(&f) {
                if let Some(t) = trace {
                    let mut p = t.path.clone();
                    p.push(n);
                    t.stripped.push(p);
                }
                continue;
            }
            if let Some(t) = trace {
                t.path.push(n);
            }
            if message_set && f.is_extension && f.ty() == FieldType::Message && !f.is_repeated() {
                // NB: protoc writes the extensions of a `message_set_wire_format` message as
                // MessageSet items: group 1 holding `type_id` = 2 and `message` = 3.
                let mut plain = Vec::new();
                self.field(&mut plain, n as u32, &f, &vals, depth, trace);
                let body = match Reader::new(&plain).next() {
                    Some(Ok(r)) => match r.value {
                        WireValue::Len(b) => b.to_vec(),
                        _ => Vec::new(),
                    },
                    _ => Vec::new(),
                };
                wire::put_tag(&mut out, MSET_ITEM, wire::START_GROUP);
                wire::put_uint(&mut out, MSET_TYPE_ID, n as u64);
                wire::put_bytes(&mut out, MSET_MESSAGE, &body);
                wire::put_tag(&mut out, MSET_ITEM, wire::END_GROUP);
            } else {
                self.field(&mut out, n as u32, &f, &vals, depth, trace);
            }
            if let Some(t) = trace {
                t.path.pop();
            }
        }
        for u in unknown {
            out.extend_from_slice(u);
        }
        out
    }

    fn field(
        &self,
        out: &mut Vec<u8>,
        n: u32,
        f: &FieldRef<'p>,
        vals: &[WireValue],
        depth: usize,
        trace: &mut Option<StripTrace>,
    ) {
        let ty = self.schema.ty(f);
        if matches!(ty, FieldType::Message | FieldType::Group) {
            let sub_name = f.type_name();
            let sub = self.schema.message(sub_name);
            // NB: protoc's StripMessage only descends into TYPE_MESSAGE fields, so paths
            // stripped inside groups are not traced.
            let traced = ty == FieldType::Message;
            let mut untraced = None;
            let mut body = |b: &[u8], trace: &mut Option<StripTrace>| match &sub {
                Some(s) => self.encode(
                    s,
                    sub_name,
                    b,
                    depth + 1,
                    if traced { trace } else { &mut untraced },
                ),
                None => b.to_vec(),
            };
            fn bytes_of<'v>(v: &WireValue<'v>) -> &'v [u8] {
                match v {
                    WireValue::Len(b) | WireValue::Group(b) => b,
                    _ => &[],
                }
            }
            let put = |out: &mut Vec<u8>, b: &[u8]| {
                if ty == FieldType::Group {
                    put_value(out, n, &WireValue::Group(b));
                } else {
                    wire::put_bytes(out, n, b);
                }
            };
            if f.is_repeated() {
                let mut sorted;
                let mut vals = vals;
                if self.sort_maps && sub.as_ref().is_some_and(|m| self.schema.is_map_entry(m)) {
                    let key_ty = sub
                        .as_ref()
                        .and_then(|m| m.msg.field.first())
                        .and_then(|k| k.r#type);
                    sorted = vals.to_vec();
                    sorted.sort_by(|a, b| map_key_order(key_ty, bytes_of(a), bytes_of(b)));
                    vals = &sorted;
                }
                for (i, v) in vals.iter().enumerate() {
                    if let Some(t) = trace {
                        t.path.push(i as i32);
                    }
                    put(out, &body(bytes_of(v), trace));
                    if let Some(t) = trace {
                        t.path.pop();
                    }
                }
            } else if let [one] = vals {
                put(out, &body(bytes_of(one), trace));
            } else {
                // Occurrences of a singular message merge: their concatenation parses as the
                // merged message.
                let mut all = Vec::new();
                for v in vals {
                    all.extend_from_slice(bytes_of(v));
                }
                put(out, &body(&all, trace));
            }
            return;
        }
        if !f.is_repeated() {
            if let Some(v) = last_scalar(ty, vals) {
                put_value(out, n, &v);
            }
            return;
        }
        let mut items = Vec::new();
        for v in vals {
            match v {
                WireValue::Len(b) if ty.is_packable() => unpack(ty, b, &mut items),
                other => items.push(*other),
            }
        }
        if self.schema.is_packed(f) {
            let mut body = Vec::new();
            for v in &items {
                put_raw(&mut body, v);
            }
            if !items.is_empty() {
                wire::put_bytes(out, n, &body);
            }
        } else {
            for v in &items {
                put_value(out, n, v);
            }
        }
    }
}

/// How two map entries' keys compare (C++'s `MapSorter`): numbers by value (signed for the
/// signed types), strings by bytes, a missing key as its type's zero.
fn map_key_order(key_ty: Option<FieldType>, a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    let key = |entry: &[u8]| -> (i128, Vec<u8>) {
        let mut k = (0i128, Vec::new());
        for r in Reader::new(entry).flatten() {
            if r.field != 1 {
                continue;
            }
            k = match (r.value, key_ty) {
                (WireValue::Len(b), _) => (0, b.to_vec()),
                (WireValue::Varint(v), Some(FieldType::Int32)) => (v as i32 as i128, Vec::new()),
                (WireValue::Varint(v), Some(FieldType::Int64)) => (v as i64 as i128, Vec::new()),
                (WireValue::Varint(v), Some(FieldType::Uint32)) => (v as u32 as i128, Vec::new()),
                (WireValue::Varint(v), Some(FieldType::Sint32)) => {
                    let v = v as u32;
                    (((v >> 1) as i32 ^ -((v & 1) as i32)) as i128, Vec::new())
                }
                (WireValue::Varint(v), Some(FieldType::Sint64)) => {
                    ((v >> 1) as i64 as i128 ^ -((v & 1) as i128), Vec::new())
                }
                (WireValue::Varint(v), Some(FieldType::Bool)) => ((v != 0) as i128, Vec::new()),
                (WireValue::Varint(v), _) => (v as i128, Vec::new()),
                (WireValue::Fixed32(v), Some(FieldType::Sfixed32)) => {
                    (v as i32 as i128, Vec::new())
                }
                (WireValue::Fixed32(v), _) => (v as i128, Vec::new()),
                (WireValue::Fixed64(v), Some(FieldType::Sfixed64)) => {
                    (v as i64 as i128, Vec::new())
                }
                (WireValue::Fixed64(v), _) => (v as i128, Vec::new()),
                (WireValue::Group(_), _) => k,
            };
        }
        k
    };
    key(a).cmp(&key(b))
}

/// MessageSet's wire format: `repeated group Item = 1 { required int32 type_id = 2; required
/// bytes message = 3; }`.
const MSET_ITEM: u32 = 1;
const MSET_TYPE_ID: u32 = 2;
const MSET_MESSAGE: u32 = 3;

/// The `type_id` and `message` of a MessageSet item's body (the last of each, as C++ parses).
fn message_set_item(item: &[u8]) -> Option<(u32, &[u8])> {
    let mut type_id = None;
    let mut message = None;
    for r in Reader::new(item) {
        let r = r.ok()?;
        match (r.field, r.value) {
            (MSET_TYPE_ID, WireValue::Varint(v)) => type_id = u32::try_from(v).ok(),
            (MSET_MESSAGE, WireValue::Len(b)) => message = Some(b),
            _ => return None,
        }
    }
    Some((type_id?, message?))
}

fn last_scalar<'a>(ty: FieldType, vals: &[WireValue<'a>]) -> Option<WireValue<'a>> {
    let mut items = Vec::new();
    for v in vals {
        match v {
            WireValue::Len(b) if ty.is_packable() => unpack(ty, b, &mut items),
            other => items.push(*other),
        }
    }
    items.pop()
}

fn put_raw(out: &mut Vec<u8>, v: &WireValue) {
    match v {
        WireValue::Varint(x) => wire::put_varint(out, *x),
        WireValue::Fixed64(x) => out.extend_from_slice(&x.to_le_bytes()),
        WireValue::Fixed32(x) => out.extend_from_slice(&x.to_le_bytes()),
        _ => {}
    }
}

fn unpack<'a>(ty: FieldType, b: &'a [u8], items: &mut Vec<WireValue<'a>>) {
    let mut pos = 0;
    while pos < b.len() {
        match wire_kind(ty) {
            wire::FIXED64 => {
                let Some(c) = b.get(pos..pos + 8) else { return };
                items.push(WireValue::Fixed64(u64::from_le_bytes(
                    c.try_into().unwrap_or([0; 8]),
                )));
                pos += 8;
            }
            wire::FIXED32 => {
                let Some(c) = b.get(pos..pos + 4) else { return };
                items.push(WireValue::Fixed32(u32::from_le_bytes(
                    c.try_into().unwrap_or([0; 4]),
                )));
                pos += 4;
            }
            _ => match wire::read_varint(b, &mut pos) {
                Ok(v) => items.push(WireValue::Varint(v)),
                Err(_) => return,
            },
        }
    }
}

/// The wire type a field's values use (unpacked).
pub fn wire_kind(ty: FieldType) -> u32 {
    use FieldType::*;
    match ty {
        Double | Fixed64 | Sfixed64 => wire::FIXED64,
        Float | Fixed32 | Sfixed32 => wire::FIXED32,
        String | Bytes | Message => wire::LEN,
        Group => wire::START_GROUP,
        _ => wire::VARINT,
    }
}

fn wire_type_ok(ty: FieldType, f: &FieldRef, v: &WireValue) -> bool {
    let got = match v {
        WireValue::Varint(_) => wire::VARINT,
        WireValue::Fixed64(_) => wire::FIXED64,
        WireValue::Fixed32(_) => wire::FIXED32,
        WireValue::Len(_) => wire::LEN,
        WireValue::Group(_) => wire::START_GROUP,
    };
    got == wire_kind(ty) || (got == wire::LEN && f.is_repeated() && ty.is_packable())
}
