//! Splitting one prost-build run into independent runs that can go on separate threads.
//!
//! prost-build's `Config::generate` writes one module per protobuf package, each the
//! concatenation of its files' code in request order, formatted on its own. What a file's code
//! depends on beyond itself is prost-build's message graph (boxing of recursive fields, whether a
//! message may derive `Copy`/`Eq`), which only ever follows a field to the message it names, i.e.
//! into the file's transitive imports. So a run whose requests are
//! - every file of some packages ("full", in the order of the whole run), and
//! - the messages of the transitive imports of those files from other packages ("skeletons":
//!   messages and fields only, no comments, services, enums or options, their code discarded)
//!
//! produces for those packages exactly what the whole run produces. [`plan`] cuts the packages
//! into such chunks, of similar size; the outputs do not depend on the cut, so neither on the
//! thread count.

use crate::compiler::pool::Pool;
use prost_build::Module;
use prost_types::{DescriptorProto, FileDescriptorProto};
use std::collections::{HashMap, HashSet};

/// One prost-build run: the modules it owns and its requests as positions in the whole run's
/// request order, each full or a skeleton.
#[derive(Debug, PartialEq, Eq)]
pub struct Chunk {
    pub modules: Vec<Module>,
    /// `(position, full)`, ascending positions.
    pub files: Vec<(usize, bool)>,
}

/// Cuts the modules of `wanted` (in that order, each once) into about `parts` chunks of similar
/// total `weights`. `order` is the whole run's request order (pool indices), `modules[k]` the
/// module of `order[k]`, `weights[k]` its size. With `parts <= 1`, one chunk.
pub fn plan(
    pool: &Pool,
    order: &[u32],
    modules: &[Module],
    weights: &[usize],
    wanted: &[Module],
    parts: usize,
) -> Vec<Chunk> {
    let mut owned: Vec<&Module> = Vec::new();
    let mut module_weight: HashMap<&Module, usize> = HashMap::new();
    for m in wanted {
        if !module_weight.contains_key(m) {
            module_weight.insert(m, 0);
            owned.push(m);
        }
    }
    for (m, w) in modules.iter().zip(weights) {
        if let Some(total) = module_weight.get_mut(m) {
            *total += w;
        }
    }
    let total: usize = module_weight.values().sum();
    let target = if parts <= 1 {
        usize::MAX
    } else {
        total.div_ceil(parts).max(1)
    };
    // Greedy, in order: neighbouring packages share most of their imports, so their skeletons.
    let mut groups: Vec<Vec<&Module>> = Vec::new();
    let mut current: Vec<&Module> = Vec::new();
    let mut weight = 0;
    for m in owned {
        current.push(m);
        weight += module_weight[m];
        if weight >= target {
            groups.push(std::mem::take(&mut current));
            weight = 0;
        }
    }
    if !current.is_empty() {
        groups.push(current);
    }

    let position: HashMap<u32, usize> = order.iter().enumerate().map(|(k, &i)| (i, k)).collect();
    groups
        .into_iter()
        .map(|group| {
            let mine: HashSet<&Module> = group.iter().copied().collect();
            let mut role: Vec<Option<bool>> = vec![None; order.len()];
            let mut stack = Vec::new();
            for (k, m) in modules.iter().enumerate() {
                if mine.contains(m) {
                    role[k] = Some(true);
                    stack.push(k);
                }
            }
            while let Some(k) = stack.pop() {
                let f = pool.file(order[k]);
                for d in f.dependency.iter().chain(&f.option_dependency) {
                    let Some(&j) = pool.file_index.get(d.as_str()) else {
                        continue;
                    };
                    let Some(&dk) = position.get(&j) else {
                        continue;
                    };
                    if role[dk].is_none() {
                        role[dk] = Some(false);
                        stack.push(dk);
                    }
                }
            }
            Chunk {
                modules: group.into_iter().cloned().collect(),
                files: role
                    .into_iter()
                    .enumerate()
                    .filter_map(|(k, r)| r.map(|full| (k, full)))
                    .collect(),
            }
        })
        .collect()
}

/// What prost-build's message graph reads of a file: its messages and their fields.
pub fn skeleton(file: &FileDescriptorProto) -> FileDescriptorProto {
    FileDescriptorProto {
        name: file.name.clone(),
        package: file.package.clone(),
        syntax: file.syntax.clone(),
        message_type: file.message_type.iter().map(skeleton_message).collect(),
        ..Default::default()
    }
}

fn skeleton_message(m: &DescriptorProto) -> DescriptorProto {
    DescriptorProto {
        name: m.name.clone(),
        field: m.field.clone(),
        nested_type: m.nested_type.iter().map(skeleton_message).collect(),
        oneof_decl: m.oneof_decl.clone(),
        // Keeps map entries map entries.
        options: m.options.clone(),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compiler::{self, CompileOptions, OpenError, SourceFile, SourceTree};
    use crate::diagnostics::Diagnostics;

    struct Tree(&'static [(&'static str, &'static str)]);

    impl SourceTree for Tree {
        fn open(&self, name: &str) -> Result<SourceFile, OpenError> {
            let (_, text) = self
                .0
                .iter()
                .find(|(n, _)| *n == name)
                .ok_or(OpenError::NotFound)?;
            Ok(SourceFile {
                contents: text.as_bytes().to_vec(),
                display_name: name.to_string(),
            })
        }
    }

    const FILES: &[(&str, &str)] = &[
        (
            "base.proto",
            "syntax = \"proto3\"; package base; message B {}",
        ),
        (
            "a1.proto",
            "syntax = \"proto3\"; package a; import \"base.proto\"; message A1 { base.B b = 1; }",
        ),
        (
            "c.proto",
            "syntax = \"proto3\"; package c; import \"a1.proto\"; message C { a.A1 a = 1; }",
        ),
        ("a2.proto", "syntax = \"proto3\"; package a; message A2 {}"),
    ];

    fn pool() -> compiler::Compilation {
        let inputs: Vec<String> = ["a1.proto", "c.proto", "a2.proto"]
            .map(String::from)
            .to_vec();
        let mut diags = Diagnostics::default();
        compiler::compile(
            &Tree(FILES),
            &inputs,
            &CompileOptions::default(),
            &mut diags,
        )
        .expect("compiles")
    }

    #[test]
    fn chunks_own_whole_packages_and_see_their_imports_as_skeletons() {
        let compilation = pool();
        let pool = &compilation.pool;
        let wanted_files = ["a1.proto", "c.proto", "a2.proto"].map(String::from);
        let order = compiler::output_order(pool, &wanted_files, true);
        let names: Vec<&str> = order.iter().map(|&i| pool.file(i).name.as_str()).collect();
        assert_eq!(names, ["base.proto", "a1.proto", "c.proto", "a2.proto"]);
        let modules: Vec<Module> = order
            .iter()
            .map(|&i| {
                Module::from_protobuf_package_name(pool.file(i).package.as_deref().unwrap_or(""))
            })
            .collect();
        let wanted = [&modules[1], &modules[2], &modules[3]].map(Clone::clone);
        let weights = [1, 1, 1, 1];

        // One part: both packages in one run; base.proto only as a skeleton.
        let one = plan(pool, &order, &modules, &weights, &wanted, 1);
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].files, [(0, false), (1, true), (2, true), (3, true)]);

        // Two parts: package a (a1 and a2, wherever they stand) and package c, which needs a1
        // and, through it, base.proto as skeletons.
        let two = plan(pool, &order, &modules, &weights, &wanted, 2);
        assert_eq!(two.len(), 2);
        assert_eq!(two[0].modules, [modules[1].clone()]);
        assert_eq!(two[0].files, [(0, false), (1, true), (3, true)]);
        assert_eq!(two[1].modules, [modules[2].clone()]);
        assert_eq!(two[1].files, [(0, false), (1, false), (2, true)]);
    }

    #[test]
    fn a_skeleton_keeps_messages_and_fields_only() {
        let file = FileDescriptorProto {
            name: Some("x.proto".into()),
            package: Some("x".into()),
            message_type: vec![DescriptorProto {
                name: Some("M".into()),
                field: vec![Default::default()],
                nested_type: vec![DescriptorProto {
                    name: Some("N".into()),
                    enum_type: vec![Default::default()],
                    ..Default::default()
                }],
                ..Default::default()
            }],
            service: vec![Default::default()],
            enum_type: vec![Default::default()],
            source_code_info: Some(Default::default()),
            ..Default::default()
        };
        let s = skeleton(&file);
        assert!(s.service.is_empty() && s.enum_type.is_empty() && s.source_code_info.is_none());
        assert_eq!(s.message_type[0].field.len(), 1);
        assert_eq!(s.message_type[0].nested_type[0].name(), "N");
        assert!(s.message_type[0].nested_type[0].enum_type.is_empty());
    }
}
