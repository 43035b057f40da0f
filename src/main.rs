//! The `protoc-rs` binary: arguments in, exit code out; everything else is in `cli`.

fn main() {
    // Non-UTF-8 arguments are taken lossily: protoc's own texts are ASCII.
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    std::process::exit(protoc_rs::cli::run(args));
}
