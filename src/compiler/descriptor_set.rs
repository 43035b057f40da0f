//! What the outputs see of a compilation: the `-o` output, the files in protoc's output order
//! encoded as a `FileDescriptorSet` (command_line_interface.cc `WriteDescriptorSet`), and the
//! files with source-retention options stripped (unless `--retain_options`), which the
//! generators use too.

use super::driver::{Compilation, CompileOptions, builtin_pool_of};
use super::options::retention;
use super::pool::Pool;
use crate::descriptor::encode::{
    EncodeOptions, write_file_field_around_info, write_file_field_parts, write_file_field_with_info,
};
use crate::descriptor::model::{FileDescriptorProto, SourceCodeInfo};
use crate::parallel::Parts;
use std::sync::Mutex;

/// retention.cc `StripSourceRetentionOptions` on one file of `pool` (see
/// `options::retention::strip`), against protoc's built-in descriptor.proto of the pool's
/// release when the pool has none.
pub fn strip_source_retention(pool: &Pool, file: &FileDescriptorProto) -> FileDescriptorProto {
    retention::strip(pool, file, builtin_pool_of(pool.release))
}

/// [`strip_source_retention`], `None` when it would return an unchanged copy.
pub fn strip_source_retention_if_changed(
    pool: &Pool,
    file: &FileDescriptorProto,
) -> Option<FileDescriptorProto> {
    retention::strip_if_changed(pool, file, builtin_pool_of(pool.release))
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
    let enc = EncodeOptions { json_names: true };
    let encode = |out: &mut Vec<u8>, i: u32| {
        let file = pool.file(i);
        // Generators compile with source info; `-o` keeps it only when asked for (encoded
        // without it rather than copying the file to drop it).
        let source_info = options.include_source_info;
        let stripped = match options.retain_options {
            true => None,
            false => strip_source_retention_if_changed(pool, file),
        };
        let file = stripped.as_ref().unwrap_or(file);
        write_file_field_parts(out, 1, file, &enc, source_info);
    };
    crate::parallel::append_in_order(&order, crate::parallel::thread_count(), encode)
}

/// [`descriptor_set`] in parts that follow one another, for the CLI's writer: the set is never
/// copied into one buffer. With source info, each file's encoded locations are moved out of
/// the pool into the set as parts of their own, so they are never held twice (in the pool and
/// in the set) at the run's peak: the CLI calls this after every other reader of source info
/// (the generators).
pub fn descriptor_set_parts(
    compilation: &mut Compilation,
    inputs: &[String],
    include_imports: bool,
    options: &CompileOptions,
) -> Vec<Vec<u8>> {
    let source_info = options.include_source_info;
    // With source info, one slot per file, taken by the one worker that encodes it; without,
    // none (the pool's locations, if generators asked for them, are left out).
    let infos: Vec<Mutex<Option<SourceCodeInfo>>> = match source_info {
        true => (compilation.pool.files.iter_mut())
            .map(|f| Mutex::new(f.source_code_info.take()))
            .collect(),
        false => Vec::new(),
    };
    let pool = &compilation.pool;
    let order = output_order(pool, inputs, include_imports);
    let enc = EncodeOptions { json_names: true };
    let encode = |parts: &mut Parts, i: u32| {
        let file = pool.file(i);
        let info = infos.get(i as usize).and_then(|slot| match slot.lock() {
            Ok(mut info) => info.take(),
            Err(poisoned) => poisoned.into_inner().take(),
        });
        // With the source info held apart, stripping says which locations it would remove.
        let stripped = match options.retain_options {
            true => None,
            false => retention::strip_if_changed_tracing(
                pool,
                file,
                builtin_pool_of(pool.release),
                info.is_some(),
            ),
        };
        // Stripping that removed nothing with a location leaves the locations as they are.
        let (stripped, locations_stripped) = match stripped {
            Some((s, paths)) => (Some(s), !paths.is_empty()),
            None => (None, false),
        };
        match (stripped, info) {
            // The encoded locations become a part of the set as they are: not copied.
            (stripped, Some(SourceCodeInfo::Encoded(bytes))) if !locations_stripped => {
                let file = stripped.as_ref().unwrap_or(file);
                let mut rest = Vec::new();
                let (buf, len) = (parts.buf(), bytes.len());
                write_file_field_around_info(buf, &mut rest, 1, file, &enc, len);
                parts.push_part(bytes.into_vec());
                parts.buf().extend_from_slice(&rest);
            }
            (None, info) => write_file_field_with_info(parts.buf(), 1, file, &enc, info.as_ref()),
            // Something was stripped: again with the source info in place, so the locations of
            // what was removed go too.
            (Some(_), Some(info)) => {
                let mut with = file.clone();
                with.source_code_info = Some(info);
                let stripped = strip_source_retention(pool, &with);
                write_file_field_parts(parts.buf(), 1, &stripped, &enc, true);
            }
            (Some(stripped), None) => {
                write_file_field_parts(parts.buf(), 1, &stripped, &enc, source_info);
            }
        }
    };
    crate::parallel::parts_in_order(&order, crate::parallel::thread_count(), encode)
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

#[cfg(test)]
mod tests {
    use super::super::source::{OpenError, SourceFile, SourceTree};
    use super::*;
    use crate::descriptor::model::SourceCodeInfo;

    struct One;
    impl SourceTree for One {
        fn open(&self, name: &str) -> Result<SourceFile, OpenError> {
            let contents: &[u8] = match name {
                "a.proto" => {
                    b"syntax = \"proto3\";\noption java_package = \"x\";\n\
                        // A.\nmessage A { int32 b = 1; }\n"
                }
                "b.proto" => {
                    b"syntax = \"proto3\";\nimport \"a.proto\";\n\
                        // B.\nmessage B { A a = 1; }\n"
                }
                "c.proto" => {
                    b"syntax = \"proto3\";\nimport \"b.proto\";\n\
                        message C { B b = 1 [deprecated = true]; }\n"
                }
                _ => return Err(OpenError::NotFound),
            };
            Ok(SourceFile {
                contents: contents.to_vec(),
                display_name: name.to_string(),
            })
        }
    }

    #[test]
    fn every_file_gets_its_encoded_source_info_back_at_any_thread_count() {
        // With helpers, a built file's locations are encoded on a helper and put back when
        // the build ends: the set is the same as encoding them on the driver.
        let options = CompileOptions {
            include_source_info: true,
            ..Default::default()
        };
        let inputs = ["c.proto".to_string(), "a.proto".to_string()];
        let set = |threads| {
            let mut diags = crate::diagnostics::Diagnostics::default();
            let compilation =
                super::super::driver::compile_on(&One, &inputs, &options, &mut diags, threads)
                    .expect("compiles");
            for i in 0..3 {
                let info = compilation.pool.file(i).source_code_info.as_ref();
                assert!(matches!(info, Some(SourceCodeInfo::Encoded(b)) if !b.is_empty()));
            }
            descriptor_set(&compilation, &inputs, true, &options)
        };
        let one = set(1);
        for threads in [2, 3, 8] {
            assert_eq!(set(threads), one, "{threads} threads");
        }
    }

    #[test]
    fn built_files_keep_their_source_info_encoded_after_option_interpretation() {
        let options = CompileOptions {
            include_source_info: true,
            ..Default::default()
        };
        let inputs = ["a.proto".to_string()];
        let mut diags = crate::diagnostics::Diagnostics::default();
        let compilation =
            super::super::compile(&One, &inputs, &options, &mut diags).expect("compiles");
        let file = compilation.pool.file(0);
        let info = file.source_code_info.as_ref().expect("source info");
        assert!(matches!(info, SourceCodeInfo::Encoded(_)));
        let locations = info.locations();
        let paths: Vec<&[i32]> = locations.iter().map(|l| l.path.as_slice()).collect();
        // The interpreter's rewrite (`[8, 999, 0]` to `[8, 1]`) happened before the freeze.
        assert!(paths.contains(&&[8, 1][..]), "{paths:?}");
        assert!(!paths.iter().any(|p| p.starts_with(&[8, 999])), "{paths:?}");
        let a = locations
            .iter()
            .find(|l| l.path == [4, 0])
            .expect("message A");
        assert_eq!(a.leading_comments.as_deref(), Some(&b" A.\n"[..]));
        // `-o` copies the encoding: the set decodes back to the same locations.
        let set = descriptor_set(&compilation, &inputs, false, &options);
        let files = crate::descriptor::decode::file_set(&set).expect("a set");
        let again = crate::descriptor::decode::file(files[0]).expect("decodes");
        assert_eq!(again.source_code_info.as_ref(), Some(info));
    }
}
