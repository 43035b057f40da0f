//! The `protoc-rs` binary: arguments in, exit code out; everything else is in `cli`.

fn main() {
    // Non-UTF-8 arguments are taken lossily: protoc's own texts are ASCII.
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    // On a thread with a large stack: see `protoc_rs::STACK_SIZE`.
    let code = protoc_rs::with_large_stack(move || protoc_rs::cli::run(args)).unwrap_or(1);
    std::process::exit(code);
}

/// The global allocator. A compile allocates and frees millions of small objects (tokens, names,
/// descriptor fields): with glibc's malloc, malloc/free/consolidate were about a third of `-o`'s
/// profile; mimalloc cuts the user time of the googleapis `-o` row by about a third (README
/// "Performance"). Built with `no_thp`: mimalloc otherwise asks for transparent huge pages,
/// which on the `-o` row cost about 40 MB of peak and a quarter of its time zeroing pages in
/// the kernel.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
