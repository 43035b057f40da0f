//! What the outputs see of a compilation: the `-o` output, the files in protoc's output order
//! encoded as a `FileDescriptorSet` (command_line_interface.cc `WriteDescriptorSet`), and the
//! files with source-retention options stripped (unless `--retain_options`), which the
//! generators use too.

use super::driver::{Compilation, CompileOptions, builtin_pool};
use super::options::retention;
use super::pool::Pool;
use crate::descriptor::model::FileDescriptorProto;

/// retention.cc `StripSourceRetentionOptions` on one file of `pool` (see
/// `options::retention::strip`), against protoc's built-in descriptor.proto when the pool has
/// none.
pub fn strip_source_retention(pool: &Pool, file: &FileDescriptorProto) -> FileDescriptorProto {
    retention::strip(pool, file, builtin_pool)
}

/// The `-o` output: a `FileDescriptorSet` of `inputs` (with their imports, post-order, when
/// `include_imports`), encoded in protoc's byte order.
pub fn descriptor_set(
    compilation: &Compilation,
    inputs: &[String],
    include_imports: bool,
    options: &CompileOptions,
) -> Vec<u8> {
    let pool = &compilation.pool;
    let order = output_order(pool, inputs, include_imports);
    let enc = crate::descriptor::encode::EncodeOptions { json_names: true };
    let mut out = Vec::new();
    for i in order {
        let file = pool.file(i);
        // Generators compile with source info; `-o` keeps it only when asked for.
        let without_info;
        let file = if file.source_code_info.is_some() && !options.include_source_info {
            without_info = FileDescriptorProto {
                source_code_info: None,
                ..file.clone()
            };
            &without_info
        } else {
            file
        };
        if options.retain_options {
            crate::descriptor::encode::write_file_field(&mut out, 1, file, &enc);
        } else {
            let stripped = strip_source_retention(pool, file);
            crate::descriptor::encode::write_file_field(&mut out, 1, &stripped, &enc);
        }
    }
    out
}

/// Files in protoc's output order: per input, a post-order walk of its imports.
pub fn output_order(pool: &Pool, inputs: &[String], include_imports: bool) -> Vec<u32> {
    fn walk(pool: &Pool, i: u32, seen: &mut Vec<bool>, out: &mut Vec<u32>) {
        if seen[i as usize] {
            return;
        }
        seen[i as usize] = true;
        let f = pool.file(i);
        for d in f.dependency.iter().chain(&f.option_dependency) {
            if let Some(&j) = pool.file_index.get(d.as_str()) {
                walk(pool, j, seen, out);
            }
        }
        out.push(i);
    }
    let mut seen = vec![false; pool.files.len()];
    let mut order = Vec::new();
    for name in inputs {
        if let Some(&i) = pool.file_index.get(name.as_str()) {
            walk(pool, i, &mut seen, &mut order);
        }
    }
    if !include_imports {
        let wanted: std::collections::HashSet<&str> = inputs.iter().map(|s| s.as_str()).collect();
        order.retain(|&i| wanted.contains(pool.file(i).name.as_str()));
    }
    order
}
