//! Source-retention stripping (retention.cc): what `-o` and the generators see of options
//! unless `--retain_options`. Every options message is re-encoded against the pool's
//! descriptor.proto, with its `retention = RETENTION_SOURCE` fields dropped.

use rustc_hash::FxHashSet;

use super::canonical;
use super::schema;
use crate::compiler::context::BuiltinPool;
use crate::compiler::pool::{Pool, SymbolKind};
use crate::descriptor::model::FileDescriptorProto;
use crate::descriptor::model::{FieldType, Label};
use crate::descriptor::options::{
    OptionsKind, has_options, options_at_mut, options_path_of, remove_options, visit_options,
};

/// retention.cc `StripSourceRetentionOptions`: every options message re-encoded against the
/// pool's descriptor.proto (protoc's own if the pool has none), source-retention fields
/// dropped, options emptied by that removed; with source info, the locations of everything
/// removed are dropped too (`StripSourceCodeInfo`). Callers outside the compiler use
/// `compiler::strip_source_retention`, which supplies the built-in pool.
pub fn strip(pool: &Pool, file: &FileDescriptorProto, builtin: BuiltinPool) -> FileDescriptorProto {
    strip_if_changed(pool, file, builtin).unwrap_or_else(|| file.clone())
}

/// [`strip`], or `None` when stripping changes nothing (the common case): the file is only
/// copied when some options differ, since a copy of every file (with its source info) was a
/// large part of `-o`'s and the generators' time and memory.
pub fn strip_if_changed(
    pool: &Pool,
    file: &FileDescriptorProto,
    builtin: BuiltinPool,
) -> Option<FileDescriptorProto> {
    let trace = file.source_code_info.is_some();
    strip_if_changed_tracing(pool, file, builtin, trace).map(|(stripped, _)| stripped)
}

/// [`strip_if_changed`], with the paths whose locations stripping removes when `trace` (the
/// file's own source info, if any, has them removed already). A caller holding the file's
/// source info apart needs no rewrite of it when the list is empty: stripping only re-encoded
/// options messages (the usual change: their fields in number order).
pub fn strip_if_changed_tracing(
    pool: &Pool,
    file: &FileDescriptorProto,
    builtin: BuiltinPool,
    trace: bool,
) -> Option<(FileDescriptorProto, Vec<Vec<i32>>)> {
    // A file without options has nothing to strip (and needs no built-in pool).
    if !has_options(file) {
        return None;
    }
    // NB: retention.cc converts the whole FileDescriptorProto to a dynamic message of the
    // pool's `google.protobuf.FileDescriptorProto`. Without one (no descriptor.proto, or a
    // user's trimmed copy that only declares the options messages) it strips protoc's
    // generated message instead, which knows no custom options: they stay as the interpreter
    // wrote them, one record per `option` statement, unmerged.
    let own = pool
        .find(FILE_DESCRIPTOR_PROTO)
        .is_some_and(|s| s.kind == SymbolKind::Message);
    let schema = schema::Schema::new(if own { pool } else { builtin() });
    let canon = canonical::Canon {
        schema: &schema,
        strip: true,
        sort_maps: false,
    };
    let source_info = trace;
    // Options messages found unchanged, by type and bytes: the re-encoding depends on nothing
    // else, and a file repeats the same options on many elements (`field_behavior`,
    // `resource_reference`), so each distinct one is re-encoded once.
    let mut unchanged: FxHashSet<(&str, &[u8])> = FxHashSet::default();
    // Re-encode every options message first, keeping only those that change.
    let mut changes = Vec::new();
    visit_options(file, &mut |kind, path, o| {
        let opath = options_path_of(kind, path);
        let type_name = if own {
            // A path the pool's descriptor.proto cannot follow is an unknown field of the
            // dynamic message: its bytes come back untouched.
            match options_type(&schema, &opath) {
                Some(t) => t,
                None => return,
            }
        } else {
            kind.type_name()
        };
        if unchanged.contains(&(type_name, &o.bytes[..])) {
            return;
        }
        let mut trace = source_info.then(|| canonical::StripTrace {
            path: opath,
            stripped: Vec::new(),
        });
        let bytes = canon.message_traced(type_name, &o.bytes, &mut trace);
        let traced = trace.as_ref().is_some_and(|t| !t.stripped.is_empty());
        if bytes != o.bytes || traced {
            changes.push((kind, path.to_vec(), bytes, trace));
        } else {
            unchanged.insert((type_name, &o.bytes));
        }
    });
    if changes.is_empty() {
        return None;
    }
    let mut out = file.clone();
    let mut stripped: Vec<Vec<i32>> = Vec::new();
    for (kind, path, bytes, trace) in changes {
        if let Some(o) = options_at_mut(&mut out, &path, kind) {
            let before = o.bytes.is_empty();
            o.bytes = bytes;
            if let Some(t) = trace {
                stripped.extend(t.stripped);
            }
            if o.bytes.is_empty() && !before {
                clear_options(&mut out, &path, kind);
                stripped.push(options_path_of(kind, &path));
            }
        }
    }
    if !stripped.is_empty()
        && let Some(info) = &mut out.source_code_info
    {
        info.rewrite(|locations| {
            locations.retain(|l| !stripped.iter().any(|p| l.path.starts_with(p)))
        });
    }
    Some((out, stripped))
}

const FILE_DESCRIPTOR_PROTO: &str = "google.protobuf.FileDescriptorProto";

/// The options message type at `path` (an options path such as `[4, 0, 2, 1, 8]`) as the
/// pool's own descriptor.proto declares it, followed from `FileDescriptorProto` field by
/// field (an index after each repeated one); `None` where it declares no such message field.
fn options_type<'p>(schema: &schema::Schema<'p>, path: &[i32]) -> Option<&'p str> {
    let mut ty = schema.message(FILE_DESCRIPTOR_PROTO)?;
    let mut rest = path;
    loop {
        let (&n, tail) = rest.split_first()?;
        let f = ty.msg.field.iter().find(|f| f.number == Some(n))?;
        if f.r#type != Some(FieldType::Message) {
            return None;
        }
        let repeated = f.label == Some(Label::Repeated);
        rest = if repeated { tail.get(1..)? } else { tail };
        let name = f.type_name.as_deref()?.trim_start_matches('.');
        if rest.is_empty() {
            return Some(name);
        }
        ty = schema.message(name)?;
    }
}

fn clear_options(file: &mut FileDescriptorProto, path: &[i32], kind: OptionsKind) {
    // An emptied options message is removed entirely (retention.cc).
    if let Some(o) = options_at_mut(file, path, kind) {
        o.bytes.clear();
    }
    remove_options(file, path, kind);
}
