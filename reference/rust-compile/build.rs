//! Runs protoc-rs (in-process) with `--rust_out` and `--grpc_out` into `OUT_DIR` on fixtures
//! covering proto2, proto3, editions, maps, groups, services and the googleapis subset.

fn main() {
    let out = std::env::var("OUT_DIR").expect("OUT_DIR");
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let runs: &[(&str, &str, &[&str])] = &[
        (
            "testdata/ok",
            "include_file=ok.rs",
            &[
                "proto2_defaults.proto",
                "proto2_extensions.proto",
                "proto2_groups.proto",
                "proto2_maps.proto",
                "proto2_messages.proto",
                "proto2_services.proto",
                "proto3_maps.proto",
                "proto3_messages.proto",
                "services.proto",
                "json_names.proto",
                "no_package.proto",
                "imports/user.proto",
                "imports/base.proto",
                "imports/public_reexport.proto",
                "imports/diamond_a.proto",
                "imports/diamond_b.proto",
                "imports/diamond_c.proto",
                "imports/unused.proto",
                "imports/weak_dep.proto",
                "editions/e2024_dep.proto",
                "editions/e2023.proto",
                "editions/e2024.proto",
                "editions/e2023_proto2_compat.proto",
            ],
        ),
        (
            "testdata/rust/editions",
            "include_file=editions.rs",
            &["e2023_closed.proto", "e2024_open.proto"],
        ),
        (
            "testdata/rust",
            "include_file=svc.rs",
            &["services_only.proto"],
        ),
        (
            "testdata/googleapis",
            "include_file=googleapis.rs",
            &[
                "google/rpc/status.proto",
                "google/rpc/error_details.proto",
                "google/type/date.proto",
                "google/longrunning/operations.proto",
            ],
        ),
    ];
    for (inc, params, files) in runs {
        let mut args = vec![
            format!("-I{root}/{inc}"),
            format!("--rust_out={out}"),
            format!("--grpc_out={out}"),
            format!("--rust_opt={params}"),
        ];
        args.extend(files.iter().map(|f| f.to_string()));
        let code = protoc_rs::cli::run(args);
        assert_eq!(code, 0, "protoc-rs failed on {inc}");
    }
    println!("cargo:rerun-if-changed=../../testdata");
}
