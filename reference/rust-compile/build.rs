//! Runs protoc-rs (in-process) with `--rust_out` and `--grpc_out` into `OUT_DIR` on fixtures
//! covering proto2, proto3, editions, maps, groups, services, the demo greeter, and a large
//! googleapis subset of the corpus (google/api, google/rpc, google/type, google/longrunning,
//! google/iam/v1 and the cloud services google/cloud/secretmanager/v1, google/pubsub/v1 and
//! google/cloud/location) in one invocation into `OUT_DIR/googleapis/`.

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
            &[
                "e2023_closed.proto",
                "e2024_open.proto",
                "e2023_implicit_delimited.proto",
            ],
        ),
        (
            "testdata/rust",
            "include_file=svc.rs",
            &["services_only.proto"],
        ),
        (
            "testdata/rust/demo",
            "include_file=greeter.rs",
            &["greeter.proto"],
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
    googleapis(&out);
    println!("cargo:rerun-if-changed=../../testdata");
}

/// The corpus root: `PROTOC_RS_CORPUS`, else `$PROTOC_RS_CACHE` (default `~/.cache/protoc-rs`)
/// `/corpus/node_modules/google-proto-files`, as `.ci/run` installs it.
fn corpus() -> std::path::PathBuf {
    println!("cargo:rerun-if-env-changed=PROTOC_RS_CORPUS");
    println!("cargo:rerun-if-env-changed=PROTOC_RS_CACHE");
    if let Ok(c) = std::env::var("PROTOC_RS_CORPUS") {
        return c.into();
    }
    let cache = std::env::var("PROTOC_RS_CACHE").unwrap_or_else(|_| {
        format!(
            "{}/.cache/protoc-rs",
            std::env::var("HOME").unwrap_or_default()
        )
    });
    std::path::Path::new(&cache).join("corpus/node_modules/google-proto-files")
}

const GOOGLEAPIS_DIRS: &[&str] = &[
    "google/api",
    "google/rpc",
    "google/rpc/context",
    "google/type",
    "google/longrunning",
    "google/iam/v1",
    "google/cloud/location",
    "google/cloud/secretmanager/v1",
    "google/pubsub/v1",
];

fn googleapis(out: &str) {
    let root = corpus();
    assert!(
        root.join("google/api").is_dir(),
        "corpus not found at {} (npm install google-proto-files@5.0.3; see .ci/run)",
        root.display()
    );
    let mut files = Vec::new();
    for dir in GOOGLEAPIS_DIRS {
        let mut names: Vec<String> = std::fs::read_dir(root.join(dir))
            .expect("corpus directory")
            .map(|e| {
                e.expect("dir entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .filter(|n| n.ends_with(".proto"))
            .map(|n| format!("{dir}/{n}"))
            .collect();
        names.sort();
        assert!(!names.is_empty(), "no .proto files in {dir}");
        files.extend(names);
    }
    let dest = format!("{out}/googleapis");
    std::fs::create_dir_all(&dest).expect("mkdir");
    let mut args = vec![
        format!("-I{}", root.display()),
        format!("--rust_out={dest}"),
        format!("--grpc_out={dest}"),
        "--rust_opt=include_file=mod.rs".to_string(),
    ];
    args.extend(files);
    assert_eq!(
        protoc_rs::cli::run(args),
        0,
        "protoc-rs failed on the googleapis subset"
    );
}
