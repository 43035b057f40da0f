//! Links the `protoc-rs` binary as a position-dependent executable on Linux: what costs a
//! one-small-file run most is start-up, and a position-independent (PIE) binary of this size
//! has the dynamic loader relocate about 200 KB of pointers (vtables, string tables) before
//! `main`, about 60 page faults and 0.35 M instructions per run (docs/performance.md). protoc's
//! own release binaries are position-dependent too. The library and its users are unaffected:
//! the flag applies to this binary's link only.
fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo::rustc-link-arg-bin=protoc-rs=-no-pie");
    }
}
