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
/// profile; mimalloc halves the user time of the googleapis `-o` row (README "Performance").
#[cfg(feature = "mimalloc")]
mod allocator {
    #[global_allocator]
    static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

    // The values of mimalloc 3's `mi_option_e` (include/mimalloc.h of libmimalloc-sys 0.1.49,
    // which builds mimalloc 3 unless its `v2` feature is on); the crate exports no constants for
    // them.
    const ARENA_EAGER_COMMIT: i32 = 4;

    unsafe extern "C" {
        fn mi_option_set_default(option: i32, value: std::ffi::c_long);
    }

    /// Peak memory is one of protoc-rs's promises (half of protoc's): commit arena memory only
    /// when it is used (mimalloc's default commits whole arenas eagerly on Linux, which cost the
    /// `-o` row about 60 MB of peak). A `MIMALLOC_ARENA_EAGER_COMMIT` in the environment still
    /// wins. (An immediate purge, `purge_delay` 0, saved nothing and tripled the system time.)
    pub fn configure() {
        // SAFETY: called first thing in `main`, before any other thread exists (the function is
        // not thread-safe); the option takes a plain integer.
        unsafe { mi_option_set_default(ARENA_EAGER_COMMIT, 0) }
    }
}

#[cfg(not(feature = "mimalloc"))]
mod allocator {
    /// The system allocator needs no setting.
    pub fn configure() {}
}
