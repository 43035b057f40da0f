//! The `protoc-rs` binary: arguments in, exit code out; everything else is in `cli`.

/// Stack for the compiling thread. Every recursion is bounded by a nesting limit (the
/// deepest is `MAX_BLOCK_NESTING` message/group bodies); this leaves room for the deepest
/// accepted input in every pass. Only the pages actually touched are committed.
const STACK_SIZE: usize = 1 << 30;

fn main() {
    // Non-UTF-8 arguments are taken lossily: protoc's own texts are ASCII.
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let code = std::thread::Builder::new()
        .name("protoc-rs".into())
        .stack_size(STACK_SIZE)
        .spawn(move || protoc_rs::cli::run(args))
        .ok()
        .and_then(|t| t.join().ok())
        .unwrap_or(1);
    std::process::exit(code);
}
