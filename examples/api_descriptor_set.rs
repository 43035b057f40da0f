//! The library API as a tiny protoc: `api_descriptor_set [--include_imports]
//! [--include_source_info] [--retain_options] -I DIR... -o OUT --list LISTFILE` compiles the
//! files of LISTFILE (one a line) with `protoc_rs::Compiler` and writes the set's bytes to
//! OUT; diagnostics go to stderr as protoc prints them. scripts/api-parity compares OUT with
//! `protoc-rs -o` on the corpus.

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut compiler = protoc_rs::Compiler::new();
    let mut out = None;
    let mut inputs = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--include_imports" => {
                compiler.include_imports(true);
            }
            "--include_source_info" => {
                compiler.include_source_info(true);
            }
            "--retain_options" => {
                compiler.retain_options(true);
            }
            "-I" => {
                compiler.include(args.next().expect("-I DIR"));
            }
            "-o" => out = args.next(),
            "--list" => {
                let list =
                    std::fs::read_to_string(args.next().expect("--list FILE")).expect("list");
                inputs.extend(list.lines().map(str::to_string));
            }
            other => inputs.push(other.to_string()),
        }
    }
    match compiler.compile(&inputs) {
        Ok(compiled) => {
            for w in compiled.warnings() {
                eprintln!("{w}");
            }
            std::fs::write(out.expect("-o OUT"), compiled.descriptor_set()).expect("write");
            ExitCode::SUCCESS
        }
        Err(errors) => {
            eprintln!("{errors}");
            ExitCode::FAILURE
        }
    }
}
