//! The `protoc-rs` binary: arguments in, exit code out; everything else is in `cli`.

fn main() {
    allocator::configure();
    // Non-UTF-8 arguments are taken lossily: protoc's own texts are ASCII.
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    // On a thread with a large stack: see `protoc_rs::STACK_SIZE`.
    let code = protoc_rs::with_large_stack(move || protoc_rs::cli::run(args)).unwrap_or(1);
    std::process::exit(code);
}

mod allocator;
