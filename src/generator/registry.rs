//! The built-in generators, each registered once as protoc's `RegisterGenerator` does: the
//! `--NAME_out` flag, the optional `--NAME_opt` flag, the help line, and a constructor. The
//! CLI's flag table, its `--help` list and the run's dispatch are all derived from
//! [`GENERATORS`]; any other `--NAME_out` names a plugin (`protoc-gen-NAME`).
//!
//! Adding a generator is one entry here plus its own module.

use std::fmt;

#[cfg(feature = "rust-codegen")]
use super::rust;
use super::{Generator, Setup, python};

/// One registered generator.
pub struct Registration {
    pub flag: &'static str,
    /// protoc registers some generators without an `_opt` flag; for those `--NAME_opt` is
    /// taken as a plugin parameter and then rejected as an unknown flag.
    pub option_flag: Option<&'static str>,
    pub help: &'static str,
    /// Makes the generator for one output of an invocation.
    pub make: fn(&Setup) -> Box<dyn Generator>,
    /// The source locations (comments) the generator reads.
    pub source_info: SourceInfoUse,
    /// A generator built into protoc (grpcio-tools' protoc for `--grpc_python_out`): protoc
    /// runs it on the request through plugin.cc's `GenerateCode`, which first rebuilds every
    /// file of the request in a pool of its own; a file that does not rebuild fails it.
    pub rebuilds: bool,
}

/// Which of a file's source locations a generator reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceInfoUse {
    /// Any of them.
    All,
    /// Only those under these top-level `FileDescriptorProto` fields (none: no comments).
    Under(&'static [i32]),
}

/// The source locations a run needs kept, for `CompileOptions::source_info_under`: `None`
/// for all (a plugin or a generator reading any comment), else the union of the
/// generators' top-level fields. Source info is most of the compilation's memory, and the
/// Python generators read at most the services' comments.
pub fn source_info_needed<'g>(
    outputs: impl IntoIterator<Item = Option<&'g Registration>>,
) -> Option<Vec<i32>> {
    let mut tops = Vec::new();
    for output in outputs {
        match output.map(|g| g.source_info) {
            Some(SourceInfoUse::Under(fields)) => {
                for f in fields {
                    if !tops.contains(f) {
                        tops.push(*f);
                    }
                }
            }
            // A plugin gets every location in its request.
            None | Some(SourceInfoUse::All) => return None,
        }
    }
    Some(tops)
}

/// Sorted by flag, the order protoc's help lists them in (a `btree_map`).
pub const GENERATORS: &[Registration] = &[
    #[cfg(feature = "rust-codegen")]
    Registration {
        flag: "--grpc_out",
        option_flag: Some("--grpc_opt"),
        help: "Generate Rust gRPC (tonic) service sources.",
        make: rust::services,
        source_info: SourceInfoUse::All,
        rebuilds: false,
    },
    // NB: grpcio-tools registers `--grpc_python_out` and `--pyi_out` without `_opt` flags.
    Registration {
        flag: "--grpc_python_out",
        option_flag: None,
        help: "Generate Python source file.",
        make: |s| {
            Box::new(python::GrpcPythonGenerator {
                shape: s.python.clone(),
            })
        },
        // Docstrings from the services' comments.
        source_info: SourceInfoUse::Under(&[crate::descriptor::numbers::file::SERVICE]),
        rebuilds: true,
    },
    Registration {
        flag: "--pyi_out",
        option_flag: None,
        help: "Generate Python pyi stub.",
        make: |s| {
            Box::new(python::PyiGenerator {
                shape: s.python.clone(),
            })
        },
        source_info: SourceInfoUse::Under(&[]),
        rebuilds: true,
    },
    Registration {
        flag: "--python_out",
        option_flag: Some("--python_opt"),
        help: "Generate Python source file.",
        make: |s| {
            Box::new(python::Pb2Generator {
                shape: s.python.clone(),
            })
        },
        source_info: SourceInfoUse::Under(&[]),
        rebuilds: true,
    },
    #[cfg(feature = "rust-codegen")]
    Registration {
        flag: "--rust_out",
        option_flag: Some("--rust_opt"),
        help: "Generate Rust sources.",
        make: rust::messages,
        source_info: SourceInfoUse::All,
        rebuilds: false,
    },
];

// By flag: flags are unique in the registry, and the constructor has no useful identity.
impl PartialEq for Registration {
    fn eq(&self, other: &Self) -> bool {
        self.flag == other.flag
    }
}

impl Eq for Registration {}

impl fmt::Debug for Registration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Registration")
            .field("flag", &self.flag)
            .field("option_flag", &self.option_flag)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compiler::Compilation;
    use crate::generator::{Requests, Shared};

    #[test]
    fn sorted_and_unique() {
        assert!(GENERATORS.windows(2).all(|w| w[0].flag < w[1].flag));
        let mut options: Vec<_> = GENERATORS.iter().filter_map(|g| g.option_flag).collect();
        options.sort_unstable();
        options.dedup();
        assert_eq!(
            options.len(),
            GENERATORS
                .iter()
                .filter(|g| g.option_flag.is_some())
                .count()
        );
    }

    #[test]
    fn flags_are_out_and_opt_of_one_name() {
        for g in GENERATORS {
            let name = g
                .flag
                .strip_prefix("--")
                .and_then(|f| f.strip_suffix("_out"));
            assert!(name.is_some_and(|n| !n.is_empty()), "{}", g.flag);
            if let (Some(name), Some(opt)) = (name, g.option_flag) {
                assert_eq!(opt, format!("--{name}_opt"));
            }
        }
    }

    #[test]
    fn source_info_is_kept_where_a_generator_reads_it() {
        let by_flag = |f: &str| GENERATORS.iter().find(|g| g.flag == f);
        let python = ["--python_out", "--pyi_out"].map(by_flag);
        assert_eq!(source_info_needed(python), Some(vec![]));
        let grpc = ["--python_out", "--grpc_python_out", "--pyi_out"].map(by_flag);
        assert_eq!(source_info_needed(grpc), Some(vec![6]));
        // A plugin (no registration) reads everything.
        assert_eq!(source_info_needed([by_flag("--python_out"), None]), None);
    }

    #[test]
    fn every_registration_makes_a_generator() {
        let compilation = Compilation::default();
        let requests = Requests::new(&compilation, &[]);
        let shared = Shared::default();
        for g in GENERATORS {
            let generator = (g.make)(&Setup {
                location: "out",
                shared: &shared,
                python: &Default::default(),
            });
            // Nothing to generate: every built-in answers with an empty, successful response.
            let response = generator.generate(&requests.request(""));
            assert_eq!(response.error, None, "{}", g.flag);
            assert!(response.file.is_empty(), "{}", g.flag);
        }
    }
}
