//! Work spread over threads with results that do not depend on the thread count. Every stage
//! that runs on several threads takes its count from here: the front end parsing ahead
//! (`compiler::prefetch`), `-o`'s encoding, the generators, and the output writer.
//!
//! - [`map_in_order`]: `items.iter().map(f).collect()`, every result held until all are done;
//! - [`append_in_order`]: encodings appended to one buffer as they finish, in order, with
//!   bounded memory; [`parts_in_order`] leaves them in parts for a writer.

mod append;
mod map;

pub use append::{Parts, append_in_order, parts_in_order};
pub use map::map_in_order;

/// The environment variable bounding the threads protoc-rs uses.
pub const THREADS_VAR: &str = "PROTOC_RS_THREADS";

/// How many threads protoc-rs may use (at least 1): `PROTOC_RS_THREADS` if set to a positive
/// number, else the machine's available parallelism.
pub fn thread_count() -> usize {
    std::env::var(THREADS_VAR)
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(available_parallelism)
}

/// The machine's available parallelism, asked once per process: each answer reads the
/// cgroup's files (about 20 system calls), and a run asks at every parallel stage.
fn available_parallelism() -> usize {
    static ONCE: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *ONCE.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}
