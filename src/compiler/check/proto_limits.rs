//! protoc 36.2's size limits (descriptor.cc `ValidateProtoLimits`, `kLimit2026*` of
//! descriptor.h): where `features.enforce_proto_limits` resolves to anything but
//! `LEGACY_NO_EXPLICIT_LIMITS` (edition 2026's default), a message may hold at most 1500
//! fields and 1000 real oneofs, a oneof 1200 fields, an enum 1700 values. Run after the
//! naming style, only when the file has no errors; each error goes on the element's name.

use crate::compiler::context::FileContext;
use crate::compiler::options::features::{self, Features, slot, value};
use crate::compiler::pool::Pool;
use crate::descriptor::model::*;
use crate::descriptor::numbers::feature_set;
use crate::descriptor::options::OptionsKind;
use crate::diagnostics::Diagnostics;

const FIELDS_PER_MESSAGE: usize = 1500;
const ONEOFS_PER_MESSAGE: usize = 1000;
const FIELDS_PER_ONEOF: usize = 1200;
const VALUES_PER_ENUM: usize = 1700;

const OPT_OUT: &str = " (features.enforce_proto_limits = LEGACY_NO_EXPLICIT_LIMITS can be used to opt out of this check)";

/// Checks the file at `ctx.index`, in `VisitDescriptors` order.
pub fn run(pool: &Pool, diags: &mut Diagnostics, ctx: &FileContext) {
    let file = pool.file(ctx.index);
    let feats = features::file_features(file, pool.release);
    let mut out = Vec::new();
    for m in &file.message_type {
        message(m, feats, &mut out);
    }
    for e in &file.enum_type {
        enum_type(e, feats, &mut out);
    }
    for (pos, msg) in out {
        diags.error(&ctx.display_name, pos, msg);
    }
}

fn enforced(f: Features) -> bool {
    f.0[slot(feature_set::ENFORCE_PROTO_LIMITS)] != value::LEGACY_NO_EXPLICIT_LIMITS
}

fn too_many(what: &str, name: &str, limit: usize, of: &str) -> String {
    format!("{what} name {name} should not contain more than {limit} {of}{OPT_OUT}")
}

fn message(m: &DescriptorProto, parent: Features, out: &mut Vec<(MaybePos, String)>) {
    let mf = parent.merge(&features::explicit(
        m.options.as_deref(),
        OptionsKind::Message,
    ));
    if enforced(mf) {
        if m.field.len() > FIELDS_PER_MESSAGE {
            let e = too_many("Message", &m.name, FIELDS_PER_MESSAGE, "fields");
            out.push((m.loc.name, e));
        }
        // Real oneofs: not the synthetic one of a proto3 `optional` field.
        let real = (0..m.oneof_decl.len())
            .filter(|&i| {
                !m.field
                    .iter()
                    .any(|f| f.oneof_index == Some(i as i32) && f.proto3_optional == Some(true))
            })
            .count();
        if real > ONEOFS_PER_MESSAGE {
            let e = too_many("Message", &m.name, ONEOFS_PER_MESSAGE, "oneofs");
            out.push((m.loc.name, e));
        }
    }
    for e in &m.enum_type {
        enum_type(e, mf, out);
    }
    for (i, o) in m.oneof_decl.iter().enumerate() {
        let of = mf.merge(&features::explicit(
            o.options.as_deref(),
            OptionsKind::Oneof,
        ));
        let fields = || {
            m.field
                .iter()
                .filter(|f| f.oneof_index == Some(i as i32))
                .count()
        };
        if enforced(of) && fields() > FIELDS_PER_ONEOF {
            out.push((
                o.loc.name,
                too_many("Oneof", &o.name, FIELDS_PER_ONEOF, "fields"),
            ));
        }
    }
    for n in &m.nested_type {
        message(n, mf, out);
    }
}

fn enum_type(e: &EnumDescriptorProto, parent: Features, out: &mut Vec<(MaybePos, String)>) {
    let ef = parent.merge(&features::explicit(e.options.as_deref(), OptionsKind::Enum));
    if enforced(ef) && e.value.len() > VALUES_PER_ENUM {
        out.push((
            e.loc.name,
            too_many("Enum", &e.name, VALUES_PER_ENUM, "values"),
        ));
    }
}
