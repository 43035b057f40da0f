//! Generates `OUT_DIR/shop.common.rs` and `OUT_DIR/shop.v1.rs` with tonic-prost-build, which
//! runs `$PROTOC` (here protoc-rs) for the descriptor set. `PROTOC` must be set: without it
//! prost-build would quietly run whatever `protoc` is on `PATH`, and this crate exists to
//! show protoc-rs in that place (`.ci/run` sets it to the release binary).

use std::path::Path;

const PROTOS: &[&str] = &["proto/shop/v1/shop.proto", "proto/shop/common/money.proto"];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Any `rerun-if-*` line switches off cargo's default (rerun when any file of the package
    // changes), and prost-build and tonic-prost-build print none for the protos: without the
    // next line an edited .proto would leave OUT_DIR stale.
    println!("cargo:rerun-if-changed=proto");
    println!("cargo:rerun-if-env-changed=PROTOC");
    let Some(protoc) = std::env::var_os("PROTOC") else {
        return Err("PROTOC is not set: set it to the protoc-rs binary \
                    (PROTOC=$CARGO_TARGET_DIR/release/protoc-rs cargo build -p build-rs-example)"
            .into());
    };
    // A path (not a name looked up on PATH): rebuild when the binary does.
    if Path::new(&protoc).is_file() {
        println!("cargo:rerun-if-changed={}", Path::new(&protoc).display());
    }
    // The same configuration as `--rust_out`/`--grpc_out` without parameters: prost-build's
    // defaults, tonic's client, server and transport.
    tonic_prost_build::configure().compile_with_config(
        prost_build::Config::new(),
        PROTOS,
        &["proto"],
    )?;
    Ok(())
}
