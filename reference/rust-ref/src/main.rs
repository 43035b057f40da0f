//! Reference harness for `--rust_out` / `--grpc_out`: runs the pinned prost-build and
//! tonic-prost-build, as a `build.rs` would, on a descriptor set written by protoc
//! (`--include_imports --include_source_info`), and writes for each package of the files to
//! generate `NAME.rs` (prost-build alone) and `NAME.combined.rs` (prost-build with tonic's
//! service generator, as `tonic_prost_build::compile_fds` writes it).
//!
//! Usage: `rust-ref [--combined-only] SET.pb OUT_DIR PARAMS FILE...` (PARAMS as for
//! `--rust_opt`, may be empty). `--combined-only` skips the prost-build-alone pass and writes
//! only `NAME.combined.rs`, what one `build.rs` does (scripts/bench times it).
//! Only the parameter string parser is shared with protoc-rs; everything else is prost's.

use prost::Message;
use prost_build::Module;
use std::collections::BTreeSet;

fn config(p: &protoc_rs::generator::rust::params::Params) -> prost_build::Config {
    let mut c = prost_build::Config::new();
    for (a, b) in &p.extern_path {
        c.extern_path(a, b);
    }
    for (a, b) in &p.type_attribute {
        c.type_attribute(a, b);
    }
    for (a, b) in &p.field_attribute {
        c.field_attribute(a, b);
    }
    for (a, b) in &p.message_attribute {
        c.message_attribute(a, b);
    }
    for (a, b) in &p.enum_attribute {
        c.enum_attribute(a, b);
    }
    for (a, b) in &p.type_name_domain {
        c.type_name_domain([a], b);
    }
    if !p.btree_map.is_empty() {
        c.btree_map(&p.btree_map);
    }
    if !p.bytes.is_empty() {
        c.bytes(&p.bytes);
    }
    for b in &p.boxed {
        c.boxed(b);
    }
    if !p.disable_comments.is_empty() {
        c.disable_comments(&p.disable_comments);
    }
    if !p.skip_debug.is_empty() {
        c.skip_debug(&p.skip_debug);
    }
    if p.compile_well_known_types {
        c.compile_well_known_types();
    }
    if p.retain_enum_prefix {
        c.retain_enum_prefix();
    }
    if p.enable_type_names {
        c.enable_type_names();
    }
    c.default_package_filename(&p.default_package_filename);
    c
}

fn main() -> Result<(), String> {
    let mut args: Vec<String> = std::env::args().collect();
    let combined_only = args.get(1).is_some_and(|a| a == "--combined-only");
    if combined_only {
        args.remove(1);
    }
    if args.len() < 5 {
        return Err("usage: rust-ref [--combined-only] SET.pb OUT_DIR PARAMS FILE...".into());
    }
    let bytes = std::fs::read(&args[1]).map_err(|e| e.to_string())?;
    let set =
        prost_types::FileDescriptorSet::decode(bytes.as_slice()).map_err(|e| e.to_string())?;
    let out = std::path::Path::new(&args[2]);
    let p = protoc_rs::generator::rust::params::parse(&args[3])?;
    let wanted: BTreeSet<Module> = set
        .file
        .iter()
        .filter(|f| args[4..].iter().any(|n| n == f.name()))
        .map(|f| Module::from_protobuf_package_name(f.package()))
        .collect();
    let requests: Vec<_> = set
        .file
        .iter()
        .map(|f| (Module::from_protobuf_package_name(f.package()), f.clone()))
        .collect();
    let plain = if combined_only {
        Default::default()
    } else {
        config(&p)
            .generate(requests.clone())
            .map_err(|e| e.to_string())?
    };
    let mut with_services = config(&p);
    let mut b = tonic_prost_build::configure()
        .build_client(p.build_client)
        .build_server(p.build_server)
        .build_transport(p.build_transport)
        .use_arc_self(p.use_arc_self)
        .generate_default_stubs(p.generate_default_stubs)
        .compile_well_known_types(p.compile_well_known_types);
    if let Some(c) = &p.codec_path {
        b = b.codec_path(c);
    }
    if !p.disable_comments.is_empty() {
        b = b.disable_comments(&p.disable_comments);
    }
    with_services.service_generator(b.service_generator());
    let combined = with_services
        .generate(requests)
        .map_err(|e| e.to_string())?;
    std::fs::create_dir_all(out).map_err(|e| e.to_string())?;
    for m in &wanted {
        let name = m.to_file_name_or(&p.default_package_filename);
        if let Some(c) = plain.get(m) {
            std::fs::write(out.join(&name), c).map_err(|e| e.to_string())?;
        }
        if let Some(c) = combined.get(m) {
            let stem = name.trim_end_matches(".rs");
            std::fs::write(out.join(format!("{stem}.combined.rs")), c)
                .map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}
