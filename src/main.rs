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

/// The global allocator. A compile allocates and frees millions of small objects (tokens, names,
/// descriptor fields): with glibc's malloc, malloc/free/consolidate were about a third of `-o`'s
/// profile; mimalloc cuts the user time of the googleapis `-o` row by about a third (README
/// "Performance"). Built with `no_thp`: mimalloc otherwise asks for transparent huge pages,
/// which on the `-o` row cost about 40 MB of peak and a quarter of its time zeroing pages in
/// the kernel.
#[cfg(feature = "mimalloc")]
mod allocator {
    #[global_allocator]
    static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

    /// `mi_option_purge_delay` in mimalloc 3's `mi_option_e` (include/mimalloc.h of
    /// libmimalloc-sys 0.1.49, which builds mimalloc 3); the crate exports no constant for it.
    const PURGE_DELAY: i32 = 15;

    unsafe extern "C" {
        fn mi_option_set(option: i32, value: std::ffi::c_long);
    }

    /// Peak memory is one of protoc-rs's promises (half of protoc's). mimalloc returns freed
    /// pages to the system only 10 ms after they empty; a compile frees its parse trees and
    /// source locations while it keeps allocating, so those pages piled up: 100 MB more peak
    /// than glibc on googleapis `-o --include_source_info`, 25 MB on `-o`. Purging at once costs
    /// a little system time. `MIMALLOC_PURGE_DELAY` in the environment still wins (mimalloc
    /// reads its environment before `main`, so a plain default would come too late).
    pub fn configure() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            // SAFETY: called first thing in `main`, before any other thread exists (the
            // function is not thread-safe); the option takes a plain integer.
            unsafe { mi_option_set(PURGE_DELAY, 0) }
        }
    }
}

#[cfg(not(feature = "mimalloc"))]
mod allocator {
    /// The system allocator needs no setting.
    pub fn configure() {}
}
