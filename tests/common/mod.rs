//! Helpers the integration tests share (each test binary includes this with `mod common;`).

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::Command;

/// The release these suites' committed goldens come from (protoc 35.1, grpcio-tools 1.85.1).
#[allow(dead_code)]
pub const RELEASE: &str = "35.1";

/// The protoc-rs binary, matching [`RELEASE`] whatever the environment says.
#[allow(dead_code)]
pub fn protoc_rs() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_protoc-rs"));
    c.env("PROTOC_RS_RELEASE", RELEASE);
    c
}

/// Every file under `dir` (not directories), as `/`-separated paths relative to it.
#[allow(dead_code)]
pub fn files(dir: &Path) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(rel) = path.strip_prefix(dir) {
                let parts: Vec<_> = rel.iter().map(|p| p.to_string_lossy()).collect();
                out.insert(parts.join("/"));
            }
        }
    }
    out
}
