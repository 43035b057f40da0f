//! The build.rs helper: prost messages and tonic services into `OUT_DIR`, as
//! tonic-prost-build's `compile_protos` writes them, with no `protoc` on the machine and
//! editions supported. The code is exactly what `protoc-rs --rust_out --grpc_out` writes (the
//! helper runs that command line in-process), so the same `--rust_opt` parameters apply.
//!
//! ```no_run
//! // build.rs
//! fn main() {
//!     // The error's text is protoc's `file:line:col: message` lines: print it as is.
//!     if let Err(e) = protoc_rs::build::configure()
//!         .compile_protos(&["proto/shop/v1/shop.proto"], &["proto"])
//!     {
//!         eprintln!("{e}");
//!         std::process::exit(1);
//!     }
//! }
//! ```
//!
//! and in the crate, per protobuf package:
//!
//! ```text
//! pub mod shop {
//!     pub mod v1 {
//!         include!(concat!(env!("OUT_DIR"), "/shop.v1.rs"));
//!     }
//! }
//! ```
//!
//! (`shop.v1.rs` includes `shop.v1.tonic.rs`, the services, when the package has any.)

// The example above is a build script: its `fn main` is the point.
#![allow(clippy::needless_doctest_main)]

use std::io;
use std::path::{Path, PathBuf};

/// `tonic_prost_build::compile_protos`: one file, its directory as the include path, into
/// `OUT_DIR`, services included.
pub fn compile_protos(proto: impl AsRef<Path>) -> io::Result<()> {
    let proto = proto.as_ref();
    let dir = proto.parent().unwrap_or(Path::new("."));
    configure().compile_protos(&[proto], &[dir])
}

/// A [`Builder`] with tonic-prost-build's defaults: messages, client and server code, into
/// `OUT_DIR`, `cargo:rerun-if-changed` lines when run by cargo.
pub fn configure() -> Builder {
    Builder {
        out_dir: None,
        parameters: Vec::new(),
        build_services: true,
        emit_rerun_if_changed: std::env::var_os("CARGO").is_some(),
    }
}

/// What to generate and where.
#[derive(Clone, Debug)]
pub struct Builder {
    out_dir: Option<PathBuf>,
    parameters: Vec<String>,
    build_services: bool,
    emit_rerun_if_changed: bool,
}

impl Builder {
    /// Where the files go (default: `$OUT_DIR`).
    pub fn out_dir(mut self, dir: impl AsRef<Path>) -> Builder {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// A `--rust_opt` parameter (`btree_map=.`, `bytes=.`, `no_client`, ...; see docs/rust.md,
    /// Rust section); several calls add up, as several `--rust_opt` flags do.
    pub fn parameter(mut self, parameter: &str) -> Builder {
        self.parameters.push(parameter.to_string());
        self
    }

    /// Whether tonic services are generated too (`--grpc_out`; default true).
    pub fn build_services(mut self, yes: bool) -> Builder {
        self.build_services = yes;
        self
    }

    /// Whether to print `cargo:rerun-if-changed` for every proto and include directory, and
    /// `cargo:rerun-if-env-changed=PROTOC_RS_RELEASE` (default: when run by cargo). The
    /// helper matches the protoc release `PROTOC_RS_RELEASE` names, the newest without it.
    pub fn emit_rerun_if_changed(mut self, yes: bool) -> Builder {
        self.emit_rerun_if_changed = yes;
        self
    }

    /// Compiles `protos` (paths under one of `includes`, or names relative to them) and
    /// writes the generated files. Errors carry protoc's messages.
    pub fn compile_protos(
        self,
        protos: &[impl AsRef<Path>],
        includes: &[impl AsRef<Path>],
    ) -> io::Result<()> {
        let out_dir = match &self.out_dir {
            Some(d) => d.clone(),
            None => PathBuf::from(std::env::var_os("OUT_DIR").ok_or_else(|| {
                io::Error::other("OUT_DIR is not set: call out_dir() outside a build script")
            })?),
        };
        let args = self.arguments(&out_dir, protos, includes)?;
        let (code, stderr) = crate::api::with_large_stack(move || {
            let mut out = Vec::new();
            let mut err = Vec::new();
            let code = crate::cli::run_with(
                &args,
                &mut crate::cli::Console {
                    out: &mut out,
                    err: &mut err,
                },
            );
            (code, String::from_utf8_lossy(&err).into_owned())
        })
        .ok_or_else(|| io::Error::other("protoc-rs: the compiling thread failed"))?;
        if code != 0 {
            return Err(io::Error::other(format!(
                "protoc-rs failed:\n{}",
                stderr.trim_end()
            )));
        }
        if self.emit_rerun_if_changed {
            // The release (`PROTOC_RS_RELEASE`, default the newest) changes what is accepted.
            println!("cargo:rerun-if-env-changed={}", crate::release::ENV_VAR);
            for p in protos {
                println!("cargo:rerun-if-changed={}", p.as_ref().display());
            }
            for i in includes {
                println!("cargo:rerun-if-changed={}", i.as_ref().display());
            }
        }
        // Warnings (unused imports) are shown as cargo shows a build script's warnings.
        for line in stderr.lines() {
            println!("cargo:warning={line}");
        }
        Ok(())
    }

    /// The protoc-rs command line this builder stands for.
    fn arguments(
        &self,
        out_dir: &Path,
        protos: &[impl AsRef<Path>],
        includes: &[impl AsRef<Path>],
    ) -> io::Result<Vec<String>> {
        let text = |p: &Path| {
            p.to_str().map(str::to_string).ok_or_else(|| {
                io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("not UTF-8: {}", p.display()),
                )
            })
        };
        let out = text(out_dir)?;
        let mut args = Vec::new();
        for i in includes {
            args.push(format!("--proto_path={}", text(i.as_ref())?));
        }
        args.push(format!("--rust_out={out}"));
        if self.build_services {
            args.push(format!("--grpc_out={out}"));
        }
        for p in &self.parameters {
            args.push(format!("--rust_opt={p}"));
            if self.build_services {
                args.push(format!("--grpc_opt={p}"));
            }
        }
        for p in protos {
            args.push(text(p.as_ref())?);
        }
        Ok(args)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_line_of_the_defaults() {
        let b = configure().parameter("bytes=.");
        let args = b
            .arguments(Path::new("/out"), &["p/a.proto"], &["p"])
            .expect("utf-8");
        assert_eq!(
            args,
            [
                "--proto_path=p",
                "--rust_out=/out",
                "--grpc_out=/out",
                "--rust_opt=bytes=.",
                "--grpc_opt=bytes=.",
                "p/a.proto"
            ]
        );
        let args = configure()
            .build_services(false)
            .arguments(Path::new("/out"), &["a.proto"], &["."])
            .expect("utf-8");
        assert_eq!(args, ["--proto_path=.", "--rust_out=/out", "a.proto"]);
    }

    #[test]
    fn errors_carry_protocs_message() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            dir.path().join("bad.proto"),
            "syntax = \"proto3\";\nmessage {}\n",
        )
        .expect("write");
        let err = configure()
            .emit_rerun_if_changed(false)
            .out_dir(dir.path())
            .compile_protos(&[dir.path().join("bad.proto")], &[dir.path()])
            .expect_err("bad.proto is invalid");
        let text = err.to_string();
        assert!(
            text.contains("bad.proto:2:9: Expected message name."),
            "{text}"
        );
    }
}
