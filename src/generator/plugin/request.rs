//! The `CodeGeneratorRequest` a plugin reads on its stdin, byte for byte as protoc 35.1 builds
//! and serialises it (command_line_interface.cc `CreateCodeGeneratorRequest`,
//! `GetTransitiveDependencies`; plugin.proto's field numbers).

use std::collections::HashSet;

use super::super::Requests;
use crate::compiler;
use crate::descriptor::encode::{EncodeOptions, write_file_field};
use crate::descriptor::model::FileDescriptorProto;
use crate::descriptor::wire::{put_int, put_message, put_str};

/// plugin.proto: `CodeGeneratorRequest` and `Version` field numbers.
mod field {
    pub const FILE_TO_GENERATE: u32 = 1;
    pub const PARAMETER: u32 = 2;
    pub const COMPILER_VERSION: u32 = 3;
    pub const PROTO_FILE: u32 = 15;
    pub const SOURCE_FILE_DESCRIPTORS: u32 = 17;
    pub const MAJOR: u32 = 1;
    pub const MINOR: u32 = 2;
    pub const PATCH: u32 = 3;
    pub const SUFFIX: u32 = 4;
}

/// NB: protoc hands no `json_name` to these plugins' files to generate (its built-in
/// generators once ran as them and ignore json names); their imports still get them.
const WITHOUT_JSON_NAMES: &[&str] = &[
    "protoc-gen-cpp",
    "protoc-gen-java",
    "protoc-gen-mutable_java",
    "protoc-gen-python",
];

/// protoc's `GetBootstrapParam`: a `bootstrap` part of the parameter.
pub fn bootstrap(parameter: &str) -> bool {
    parameter.split(',').any(|p| p == "bootstrap")
}

impl Requests<'_> {
    /// The serialized request for plugin `plugin_name` (`protoc-gen-foo`) with `parameter`.
    ///
    /// Fields in number order, as C++ serialises: the files to generate (command-line
    /// order), the parameter if not empty, the compiler version, then every file the inputs
    /// need (imports first, as `GetTransitiveDependencies`) with source info and json names,
    /// the files to generate with their source-retention options stripped; then those files
    /// again, unstripped, as `source_file_descriptors`.
    pub fn plugin_request(&self, plugin_name: &str, parameter: &str) -> Vec<u8> {
        let bootstrap = bootstrap(parameter);
        let copy_json_name = !WITHOUT_JSON_NAMES.contains(&plugin_name);
        let mut out = Vec::with_capacity(64 * 1024);
        // NB: protoc lists an input given twice twice.
        for name in &self.inputs {
            put_str(&mut out, field::FILE_TO_GENERATE, name);
        }
        if !parameter.is_empty() {
            put_str(&mut out, field::PARAMETER, parameter);
        }
        put_message(&mut out, field::COMPILER_VERSION, |o| {
            let v = super::super::Version::of(self.pool.release);
            put_int(o, field::MAJOR, v.major.into());
            put_int(o, field::MINOR, v.minor.into());
            put_int(o, field::PATCH, v.patch.into());
            // NB: protoc sets the suffix even when it is empty, so it is on the wire.
            put_str(o, field::SUFFIX, &v.suffix);
        });
        let pool = self.pool;
        let order = compiler::output_order(pool, &self.file_to_generate, true);
        let wanted: HashSet<&str> = self.file_to_generate.iter().map(String::as_str).collect();
        let to_generate = |f: &FileDescriptorProto| wanted.contains(f.name.as_str());
        let all_json = EncodeOptions { json_names: true };
        for &i in &order {
            let f = pool.file(i);
            if !to_generate(f) {
                write_file_field(&mut out, field::PROTO_FILE, f, &all_json);
                continue;
            }
            let mut stripped = compiler::strip_source_retention(pool, f);
            // NB: protoc copies neither source info nor json names for `bootstrap`.
            if bootstrap {
                stripped.source_code_info = None;
            }
            let opts = EncodeOptions {
                json_names: copy_json_name && !bootstrap,
            };
            write_file_field(&mut out, field::PROTO_FILE, &stripped, &opts);
        }
        for &i in &order {
            let f = pool.file(i);
            if to_generate(f) {
                write_file_field(&mut out, field::SOURCE_FILE_DESCRIPTORS, f, &all_json);
            }
        }
        out
    }
}
