//! Option interpretation (descriptor.cc `OptionInterpreter`): every `UninterpretedOption` becomes a
//! wire record appended to its options message, in two passes (plain names first, then `(ext)`
//! names); then the message is re-encoded against protoc's built-in descriptor.proto (known fields
//! in number order, custom records after them in interpretation order).

use super::canonical::Canon;
use super::features;
use super::schema::{FieldRef, MsgRef, Schema};
use super::text;
use crate::compiler::context::FileContext;
use crate::compiler::link::cross_link::{LookupCache, LookupFailure, ResolveMode, Resolver};
use crate::compiler::pool::{Pool, Symbol, SymbolKind};
use crate::descriptor::model::*;
use crate::descriptor::numbers::UNINTERPRETED_OPTION;
use crate::descriptor::options::{
    Element, OptionsKind, elements, options_at, options_at_mut, options_path,
};
use crate::descriptor::path::{enum_at, join, type_full_name};
use crate::descriptor::wire;
use crate::diagnostics::Diagnostics;
use rustc_hash::FxHashMap;

/// descriptor.cc `OptionInterpreter::UpdateSourceCodeInfo`: each location of an uninterpreted
/// option (`O,999,i`) takes the path of the field it set (`interpreted`, keyed by the old path),
/// and the locations nested under it are dropped. Rewritten in place: a file's locations are
/// the bulk of its memory, and most of them are no option's.
fn update_source_code_info(
    locations: &mut Vec<Location>,
    interpreted: &FxHashMap<Vec<i32>, Vec<i32>>,
) {
    let mut removing: Option<Vec<i32>> = None;
    // `retain_mut` visits the locations in order, which the nesting rule needs.
    locations.retain_mut(|loc| {
        if let Some(prefix) = &removing {
            if loc.path.starts_with(prefix) {
                return false;
            }
            removing = None;
        }
        // Only an uninterpreted option's own path can be a key: skip hashing the others.
        let option_path = loc.path.iter().rev().nth(1) == Some(&UNINTERPRETED_OPTION);
        if option_path && let Some(dest) = interpreted.get(&loc.path) {
            removing = Some(std::mem::replace(&mut loc.path, dest.clone()));
        }
        true
    });
}

/// Interprets all options of the file at `ctx.index`.
pub fn run(pool: &mut Pool, diags: &mut Diagnostics, ctx: &mut FileContext) {
    let idx = ctx.index;
    let mut results: Vec<(Vec<i32>, OptionsKind, Vec<u8>, bool)> = Vec::new();
    let mut errors: Vec<(MaybePos, String)> = Vec::new();
    let mut used: Vec<u32> = Vec::new();
    // Source info: `interpreted_paths_` and `repeated_option_counts_` of protoc.
    let source_info = pool.file(idx).source_code_info.is_some();
    let mut interpreted: FxHashMap<Vec<i32>, Vec<i32>> = FxHashMap::default();
    let mut repeated_counts: FxHashMap<Vec<i32>, i32> = FxHashMap::default();
    let elems = elements(pool.file(idx));
    if elems.is_empty() {
        return;
    }
    // The options messages as parsed (before any interpretation).
    let originals: Vec<Option<Vec<u8>>> = elems
        .iter()
        .map(|e| options_at(pool.file(idx), e).map(|o| o.bytes.clone()))
        .collect();
    // NB: protoc counts an import as used when an options message already holds one of its
    // extensions, encoded (only a descriptor-set file's options come so; descriptor.cc
    // `AllocateOptionsImpl`), provided the pool has descriptor.proto.
    for (e, original) in elems.iter().zip(&originals) {
        if let Some(bytes) = original {
            mark_encoded_extensions_used(pool, e.kind.type_name(), bytes, ctx);
        }
    }
    let has_options = originals.iter().any(Option::is_some);
    let mut records: Vec<Vec<Vec<u8>>> = vec![Vec::new(); elems.len()];
    // How many of each element's records the first pass made.
    let mut first_pass_len: Vec<usize> = vec![0; elems.len()];
    // The elements whose first pass stopped at an error.
    let mut first_pass_failed: Vec<bool> = vec![false; elems.len()];
    for ext_pass in [false, true] {
        if ext_pass {
            // descriptor.cc `BuildFileImpl` interprets the non-extension options of every
            // element, resolves features, then interprets the extensions: the extension pass
            // sees the file's own `packed`, `features`, `message_set_wire_format`, ... (the
            // encoding of values parsed from text, as inside an `Any`, depends on them).
            for (n, recs) in first_pass_len.iter_mut().zip(&records) {
                *n = recs.len();
            }
            let file = &mut pool.files[idx as usize];
            for ((e, recs), failed) in elems.iter().zip(&records).zip(&first_pass_failed) {
                // NB: a failed pass leaves its records in the options' unknown fields, never
                // re-parsed (descriptor.cc `InterpretOptionsImpl`), so feature resolution and
                // the extension pass see none of them: no "Features are only valid under
                // editions." for features set before the error, and the element inherits its
                // parent's features.
                if *failed {
                    continue;
                }
                if let Some(o) = options_at_mut(file, &e.path, e.kind) {
                    for r in recs {
                        o.bytes.extend_from_slice(r);
                    }
                }
            }
        }
        let pool = &*pool;
        let file = pool.file(idx);
        if ext_pass {
            // NB: protoc resolves features between the passes (descriptor.cc BuildFileImpl),
            // so their errors follow the first pass's and precede the extension pass's.
            errors.extend(crate::compiler::check::after_options::feature_errors(
                pool, file,
            ));
        }
        if !has_options {
            // Nothing to interpret: protoc's built-in pool (costly to build) is not needed.
            continue;
        }
        let r = Resolver { pool, ctx };
        // NB: protoc interprets against the pool's descriptor.proto when the pool has one,
        // else against its compiled-in one.
        let schema_pool: &Pool =
            if pool.find("google.protobuf.FileOptions").is_some() || ctx.bootstrap {
                pool
            } else {
                (ctx.builtin)()
            };
        let schema = Schema::new(schema_pool);
        let mut it = Interp {
            r: &r,
            schema: &schema,
            used: &mut used,
            extensions: LookupCache::default(),
        };
        for (ei, e) in elems.iter().enumerate() {
            let Some(opts) = options_at(file, e) else {
                continue;
            };
            for (ui, u) in opts.uninterpreted.iter().enumerate() {
                let first_is_ext = u.name.first().map(|p| p.is_extension).unwrap_or(false);
                if first_is_ext != ext_pass {
                    continue;
                }
                // NB: protoc's `ExamineIfOptionIsSet` looks at the options' unknown fields,
                // which after the first pass's re-parse hold only this pass's records: a
                // full name (`(google.protobuf.FileOptions.java_package)`) may set again
                // what a plain name set in the first pass (the later value wins).
                // An element whose first pass failed was never re-parsed: every record of
                // both passes is still among its unknown fields.
                let this_pass = if ext_pass && !first_pass_failed[ei] {
                    first_pass_len[ei]
                } else {
                    0
                };
                match it.interpret(e, u, &records[ei][this_pass..]) {
                    Ok((rec, numbers, repeated)) => {
                        records[ei].push(rec);
                        if source_info {
                            let mut src = options_path(e);
                            let mut dest = src.clone();
                            src.extend([UNINTERPRETED_OPTION, ui as i32]);
                            dest.extend(numbers);
                            if repeated {
                                let n = repeated_counts.entry(dest.clone()).or_insert(0);
                                dest.push(*n);
                                *n += 1;
                            }
                            interpreted.insert(src, dest);
                        }
                    }
                    Err(err) => {
                        errors.push(err);
                        if !ext_pass {
                            first_pass_failed[ei] = true;
                        }
                        // NB: protoc stops interpreting an options message at its first
                        // failure in each pass, but goes on with the other elements, and
                        // runs the extension pass on every element, failed ones too
                        // (descriptor.cc `BuildFileImpl`'s two loops over
                        // `options_to_interpret_`); any error skips later phases.
                        break;
                    }
                }
            }
        }
    }
    if errors.is_empty() && has_options {
        let pool = &*pool;
        let bootstrap = ctx.bootstrap;
        let builtin_pool: &Pool = if bootstrap { pool } else { (ctx.builtin)() };
        let builtin_schema = Schema::new(builtin_pool);
        let canon = Canon {
            schema: &builtin_schema,
            strip: false,
            sort_maps: false,
        };
        for (((e, mut recs), original), first) in
            elems.iter().zip(records).zip(originals).zip(first_pass_len)
        {
            let Some(mut raw) = original else {
                continue;
            };
            let unresolved = late_features(e.kind, &raw, &mut recs, first);
            for r in recs {
                raw.extend(r);
            }
            results.push((
                e.path.clone(),
                e.kind,
                canon.message(e.kind.type_name(), &raw),
                unresolved,
            ));
        }
    }
    for f in used {
        ctx.unused.remove(&f);
    }
    for (pos, e) in errors {
        diags.error(&ctx.display_name, pos, e);
    }
    let file = &mut pool.files[idx as usize];
    if let Some(info) = &mut file.source_code_info
        && !interpreted.is_empty()
    {
        info.rewrite(|locations| update_source_code_info(locations, &interpreted));
    }
    for (path, kind, bytes, unresolved_features) in results {
        if let Some(o) = options_at_mut(file, &path, kind) {
            o.bytes = bytes;
            o.unresolved_features = unresolved_features;
            // Freed, not cleared: the parser's vector (room for four options of about 170
            // bytes each) would otherwise stay with every options message for the whole run.
            o.uninterpreted = Vec::new();
        }
    }
}

/// Features set in the extension pass, under their full name
/// (`(google.protobuf.FieldOptions.features)`): protoc resolves features between the passes,
/// so these never count. NB: `FileDescriptor::CopyTo` then writes the first pass's features
/// over them (`RestoreFeaturesToOptions`), so with first-pass features they are dropped here;
/// without, they stay in the output, unresolved (the returned flag).
fn late_features(
    kind: OptionsKind,
    original: &[u8],
    recs: &mut Vec<Vec<u8>>,
    first: usize,
) -> bool {
    let number = features::features_field(kind);
    let sets_features = |r: &[u8]| wire::Reader::new(r).flatten().any(|x| x.field == number);
    if !recs[first..].iter().any(|r| sets_features(r)) {
        return false;
    }
    let resolved = sets_features(original) || recs[..first].iter().any(|r| sets_features(r));
    if !resolved {
        return true;
    }
    let mut i = 0;
    recs.retain(|r| {
        i += 1;
        i <= first || !sets_features(r)
    });
    false
}

/// Marks the files defining the extensions `bytes` holds at its top level as used imports.
fn mark_encoded_extensions_used(
    pool: &Pool,
    options_type: &str,
    bytes: &[u8],
    ctx: &mut FileContext,
) {
    if !pool
        .find(options_type)
        .is_some_and(|s| s.kind == SymbolKind::Message)
    {
        return;
    }
    let Some(extensions) = pool.extensions.get(options_type) else {
        return;
    };
    for record in wire::Reader::new(bytes).flatten() {
        if let Some((_, file, _)) = extensions
            .iter()
            .find(|(n, _, _)| *n as u32 == record.field)
        {
            ctx.unused.remove(file);
        }
    }
}

struct Interp<'a, 'p> {
    r: &'a Resolver<'p>,
    schema: &'a Schema<'p>,
    used: &'a mut Vec<u32>,
    /// The extensions this pass resolved.
    extensions: LookupCache<'p>,
}

type OptResult = Result<Vec<u8>, (MaybePos, String)>;

/// An interpreted option: its record, the field numbers of its name (the source-info path
/// below the options message), and whether the last field is repeated.
type Interpreted = Result<(Vec<u8>, Vec<i32>, bool), (MaybePos, String)>;

impl<'p> Interp<'_, 'p> {
    fn interpret(
        &mut self,
        e: &Element,
        u: &UninterpretedOption,
        previous: &[Vec<u8>],
    ) -> Interpreted {
        let name_err = |m: String| Err((u.name_pos, m));
        if u.name.is_empty() {
            return name_err("Option must have a name.".into());
        }
        if u.name[0].name_part == "uninterpreted_option" {
            return name_err("Option must not use reserved name \"uninterpreted_option\".".into());
        }
        let opts_type = e.kind.type_name();
        let Some(top) = self.schema.message(opts_type) else {
            return name_err(format!("Option \"{}\" unknown.", u.name[0].name_part));
        };
        if std::ptr::eq(self.schema.pool, self.r.pool) {
            self.used.push(top.file);
        }
        let mut msg: MsgRef<'p> = top;
        let mut msg_name = opts_type.to_string();
        let mut debug = String::new();
        let mut chain: Vec<FieldRef<'p>> = Vec::new();
        for (i, part) in u.name.iter().enumerate() {
            if !debug.is_empty() {
                debug.push('.');
            }
            let field = if part.is_extension {
                debug.push('(');
                debug.push_str(&part.name_part);
                debug.push(')');
                let mut fail = LookupFailure::default();
                // A symbol of another kind is an error that reads `fail`: not remembered.
                let field =
                    |s: &Symbol| matches!(s.kind, SymbolKind::Field | SymbolKind::Extension);
                let (name, scope) = (&part.name_part, &e.scope);
                let sym = (self.extensions).lookup(
                    self.r,
                    name,
                    scope,
                    ResolveMode::All,
                    &mut fail,
                    true,
                    field,
                );
                if let Some(s) = sym {
                    self.used.push(s.file);
                }
                match sym {
                    Some(s) if matches!(s.kind, SymbolKind::Field | SymbolKind::Extension) => {
                        let f = self.r.pool.field_at(s.file, &s.path);
                        f.map(|f| {
                            (
                                s.file,
                                &s.path[..s.path.len() - 2],
                                f,
                                s.kind == SymbolKind::Extension,
                            )
                        })
                    }
                    _ => {
                        if let Some(res) = fail.unresolved {
                            return name_err(format!(
                                "Option \"{debug}\" is resolved to \"({res})\", which is not defined. The innermost scope is searched first in name resolution. Consider using a leading '.'(i.e., \"(.{}\") to start from the outermost scope.",
                                &debug[1..]
                            ));
                        }
                        None
                    }
                }
            } else {
                debug.push_str(&part.name_part);
                self.schema
                    .field_by_name(&msg, &part.name_part)
                    .map(|f| (f.file, f.scope_path, f.field, false))
            };
            let Some((file, scope_path, fd, is_ext)) = field else {
                return name_err(format!(
                    "Option \"{debug}\" unknown. Ensure that your proto definition file imports the proto which defines the option (i.e. via import option after edition 2024)."
                ));
            };
            let fref = FieldRef {
                file,
                scope_path,
                field: fd,
                is_extension: is_ext,
            };
            // `field->containing_type() != descriptor`: an extension's extendee, or for a
            // plain field named in parentheses by its full name, its message.
            let container = if is_ext {
                fd.extendee
                    .as_deref()
                    .map(|x| x.trim_start_matches('.').to_string())
            } else if part.is_extension {
                Some(type_full_name(self.r.pool.file(file), scope_path))
            } else {
                None
            };
            if container.is_some_and(|c| c != msg_name) {
                return name_err(format!(
                    "Option field \"{debug}\" is not a field or extension of message \"{}\".",
                    msg.msg.name
                ));
            }
            if i + 1 < u.name.len() {
                if !fref.is_message() {
                    return name_err(format!(
                        "Option \"{debug}\" is an atomic type, not a message."
                    ));
                }
                if fref.is_repeated() {
                    return name_err(format!(
                        "Option field \"{debug}\" is a repeated message. Repeated message options must be initialized using an aggregate value."
                    ));
                }
                let Some(next) = self.schema.message(fref.type_name()) else {
                    return name_err(format!("Option \"{debug}\" unknown."));
                };
                msg_name = fref.type_name().to_string();
                msg = next;
            }
            let same_file =
                std::ptr::eq(self.schema.pool, self.r.pool) && fref.file == self.r.ctx.index;
            if same_file && u.name[0].name_part == "features" && !u.name[0].is_extension {
                return name_err(format!(
                    "Feature \"{debug}\" can't be used in the same file it's defined in."
                ));
            }
            chain.push(fref);
        }
        let numbers: Vec<i32> = chain.iter().map(|f| f.number()).collect();
        let Some(leaf) = chain.pop() else {
            return name_err("Option must have a name.".into());
        };
        let repeated = leaf.is_repeated();
        if !leaf.is_repeated() && already_set(&chain, &leaf, previous) {
            return name_err(format!("Option \"{debug}\" was already set."));
        }
        let mut rec = self.value(e, &leaf, u)?;
        for f in chain.iter().rev() {
            let mut outer = Vec::new();
            if self.schema.ty(f) == FieldType::Group {
                wire::put_tag(&mut outer, f.number() as u32, wire::START_GROUP);
                outer.extend(rec);
                wire::put_tag(&mut outer, f.number() as u32, wire::END_GROUP);
            } else {
                wire::put_bytes(&mut outer, f.number() as u32, &rec);
            }
            rec = outer;
        }
        Ok((rec, numbers, repeated))
    }

    fn value(&mut self, e: &Element, f: &FieldRef<'p>, u: &UninterpretedOption) -> OptResult {
        // Only error messages name the field.
        let full = FullName(self.schema.pool, f);
        let verr = |m: std::string::String| Err((u.value_pos, m));
        let n = f.number() as u32;
        let mut out = Vec::new();
        use FieldType::*;
        let ty = self.schema.ty(f);
        match ty {
            Int32 | Sint32 | Sfixed32 | Int64 | Sint64 | Sfixed64 => {
                let is32 = matches!(ty, Int32 | Sint32 | Sfixed32);
                let (min, max, tn) = if is32 {
                    (i32::MIN as i64, i32::MAX as i64, "int32")
                } else {
                    (i64::MIN, i64::MAX, "int64")
                };
                let v: i64 = if let Some(p) = u.positive_int_value {
                    if p > max as u64 {
                        return verr(format!(
                            "Value out of range, {min} to {max}, for {tn} option \"{full}\"."
                        ));
                    }
                    p as i64
                } else if let Some(neg) = u.negative_int_value {
                    if neg < min {
                        return verr(format!(
                            "Value out of range, {min} to {max}, for {tn} option \"{full}\"."
                        ));
                    }
                    neg
                } else {
                    return verr(format!(
                        "Value must be integer, from {min} to {max}, for {tn} option \"{full}\"."
                    ));
                };
                match ty {
                    Int32 | Int64 => wire::put_int(&mut out, n, v),
                    Sint32 => wire::put_uint(&mut out, n, wire::zigzag32(v as i32)),
                    Sint64 => wire::put_uint(&mut out, n, wire::zigzag64(v)),
                    Sfixed32 => {
                        wire::put_tag(&mut out, n, wire::FIXED32);
                        out.extend_from_slice(&(v as i32).to_le_bytes());
                    }
                    _ => {
                        wire::put_tag(&mut out, n, wire::FIXED64);
                        out.extend_from_slice(&v.to_le_bytes());
                    }
                }
            }
            Uint32 | Fixed32 | Uint64 | Fixed64 => {
                let is32 = matches!(ty, Uint32 | Fixed32);
                let (max, tn) = if is32 {
                    (u32::MAX as u64, "uint32")
                } else {
                    (u64::MAX, "uint64")
                };
                let v = match u.positive_int_value {
                    Some(p) if p <= max => p,
                    Some(_) => {
                        return verr(format!(
                            "Value out of range, 0 to {max}, for {tn} option \"{full}\"."
                        ));
                    }
                    None => {
                        return verr(format!(
                            "Value must be integer, from 0 to {max}, for {tn} option \"{full}\"."
                        ));
                    }
                };
                match ty {
                    Uint32 | Uint64 => wire::put_uint(&mut out, n, v),
                    Fixed32 => {
                        wire::put_tag(&mut out, n, wire::FIXED32);
                        out.extend_from_slice(&(v as u32).to_le_bytes());
                    }
                    _ => {
                        wire::put_tag(&mut out, n, wire::FIXED64);
                        out.extend_from_slice(&v.to_le_bytes());
                    }
                }
            }
            Float | Double => {
                let v = if let Some(d) = u.double_value {
                    d
                } else if let Some(p) = u.positive_int_value {
                    p as f64
                } else if let Some(neg) = u.negative_int_value {
                    neg as f64
                } else if u.identifier_value.as_deref() == Some("inf") {
                    f64::INFINITY
                } else if u.identifier_value.as_deref() == Some("nan") {
                    f64::NAN
                } else {
                    let tn = if ty == Float { "float" } else { "double" };
                    return verr(format!("Value must be number for {tn} option \"{full}\"."));
                };
                if ty == Float {
                    wire::put_tag(&mut out, n, wire::FIXED32);
                    out.extend_from_slice(&(v as f32).to_bits().to_le_bytes());
                } else {
                    wire::put_tag(&mut out, n, wire::FIXED64);
                    out.extend_from_slice(&v.to_bits().to_le_bytes());
                }
            }
            Bool => {
                let Some(id) = &u.identifier_value else {
                    return verr(format!(
                        "Value must be identifier for boolean option \"{full}\"."
                    ));
                };
                let v = match id.as_str() {
                    "true" => 1,
                    "false" => 0,
                    _ => {
                        return verr(format!(
                            "Value must be \"true\" or \"false\" for boolean option \"{full}\"."
                        ));
                    }
                };
                wire::put_uint(&mut out, n, v);
            }
            Enum => {
                let Some(id) = &u.identifier_value else {
                    return verr(format!(
                        "Value must be identifier for enum-valued option \"{full}\"."
                    ));
                };
                let enum_full = f.type_name();
                let scope = enum_full.rsplit_once('.').map(|(s, _)| s).unwrap_or("");
                let cand = join(scope, id);
                let mut number = None;
                let spool = self.schema.pool;
                if let Some(s) = spool.find(&cand)
                    && s.kind == SymbolKind::EnumValue
                {
                    let epath = &s.path[..s.path.len() - 2];
                    let e = enum_at(spool.file(s.file), epath);
                    let own = spool.find(enum_full).map(|x| (x.file, &x.path[..]))
                        == Some((s.file, epath));
                    if !own {
                        return verr(format!(
                            "Enum type \"{enum_full}\" has no value named \"{id}\" for option \"{full}\". This appears to be a value from a sibling type."
                        ));
                    }
                    number = e
                        .and_then(|e| e.value.get(s.path[s.path.len() - 1] as usize))
                        .map(|v| v.number);
                }
                let Some(num) = number else {
                    return verr(format!(
                        "Enum type \"{enum_full}\" has no value named \"{id}\" for option \"{full}\"."
                    ));
                };
                wire::put_int(&mut out, n, num as i64);
            }
            String | Bytes => {
                let Some(s) = &u.string_value else {
                    return verr(format!(
                        "Value must be quoted string for string option \"{full}\"."
                    ));
                };
                wire::put_bytes(&mut out, n, s);
            }
            Message | Group => {
                let Some(text) = &u.aggregate_value else {
                    let name = &f.field.name;
                    return verr(format!(
                        "Option \"{full}\" is a message. To set the entire message, use syntax like \"{name} = {{ <proto text format> }}\". To set fields within it, use syntax like \"{name}.foo = value\"."
                    ));
                };
                let type_name = f.type_name();
                // The options message sits one level below its element.
                let element_depth = e.path.len() / 2 + 1;
                let parsed = text::parse_message(
                    self.r,
                    self.schema,
                    type_name,
                    text,
                    self.used,
                    element_depth,
                )
                .map_err(|m| {
                    (
                        u.value_pos,
                        format!(
                            "Error while parsing option value for \"{}\": {m}",
                            f.field.name
                        ),
                    )
                })?;
                let canon = Canon {
                    schema: self.schema,
                    strip: false,
                    sort_maps: false,
                };
                let body = canon.message(type_name, &parsed);
                if ty == Group {
                    wire::put_tag(&mut out, n, wire::START_GROUP);
                    out.extend(body);
                    wire::put_tag(&mut out, n, wire::END_GROUP);
                } else {
                    wire::put_bytes(&mut out, n, &body);
                }
            }
        }
        Ok(out)
    }
}

/// protoc's `ExamineIfOptionIsSet`: a singular leaf already present in earlier records.
fn already_set(chain: &[FieldRef], leaf: &FieldRef, previous: &[Vec<u8>]) -> bool {
    fn examine(chain: &[FieldRef], leaf: &FieldRef, buf: &[u8]) -> bool {
        for r in wire::Reader::new(buf).flatten() {
            match chain.split_first() {
                None => {
                    if r.field as i32 == leaf.number() {
                        return true;
                    }
                }
                Some((first, rest)) => {
                    if r.field as i32 == first.number() {
                        let inner = match r.value {
                            wire::WireValue::Len(b) | wire::WireValue::Group(b) => b,
                            _ => continue,
                        };
                        if examine(rest, leaf, inner) {
                            return true;
                        }
                    }
                }
            }
        }
        false
    }
    previous.iter().any(|p| examine(chain, leaf, p))
}

/// [`field_full_name`], built when formatted.
struct FullName<'a, 'p>(&'a Pool, &'a FieldRef<'p>);

impl std::fmt::Display for FullName<'_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&field_full_name(self.0, self.1))
    }
}

/// `pkg.Msg.field` / `pkg.ext` of a field reference.
pub fn field_full_name(pool: &Pool, f: &FieldRef) -> String {
    join(
        &type_full_name(pool.file(f.file), f.scope_path),
        &f.field.name,
    )
}
