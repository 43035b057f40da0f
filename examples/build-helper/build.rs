//! Generates `OUT_DIR/hello.v1.rs` and `OUT_DIR/stock.v1.rs` (with their `.tonic.rs` service
//! files) with `protoc_rs::build`: no `protoc` is run, whatever `PROTOC` or `PATH` say
//! (`.ci/run` builds this crate with `PROTOC=/bin/false` and a failing `protoc` first on PATH).

fn main() {
    // The error's text is protoc's `file:line:col: message` lines: print it as is (returning it
    // from `main` would print Rust's Debug form of it, escaped on one line).
    if let Err(e) = protoc_rs::build::configure().compile_protos(
        &["proto/hello/v1/hello.proto", "proto/stock/v1/stock.proto"],
        &["proto"],
    ) {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
