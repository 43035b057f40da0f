//! The binary's global allocator (the library leaves the choice to its users): a small
//! [`nursery`] for the first bytes of a run, then mimalloc.
//!
//! mimalloc: a compile allocates and frees millions of small objects (tokens, names,
//! descriptor fields): with glibc's malloc, malloc/free/consolidate were about a third of `-o`'s
//! profile; mimalloc cuts the user time of the googleapis `-o` row by about a third
//! (docs/performance.md). Built with `no_thp`: mimalloc otherwise asks for transparent huge
//! pages, which on the `-o` row cost about 40 MB of peak and a quarter of its time zeroing pages
//! in the kernel. But a one-small-file run pays mimalloc's start-up (its arena's bitmaps, a
//! fresh page per size class and thread), about 150 page faults where protoc 36.2 takes 170 in
//! all: the nursery serves such a run alone.

#[cfg(feature = "mimalloc")]
mod nursery;

#[cfg(feature = "mimalloc")]
pub use with_mimalloc::configure;

#[cfg(not(feature = "mimalloc"))]
/// The system allocator needs no setting.
pub fn configure() {}

#[cfg(feature = "mimalloc")]
mod with_mimalloc {
    use super::nursery::NURSERY;
    use std::alloc::{GlobalAlloc, Layout};

    /// The nursery while it has room, mimalloc after; each block freed where it came from.
    struct Allocator;

    #[global_allocator]
    static GLOBAL: Allocator = Allocator;

    // SAFETY: every block comes from exactly one of the two allocators and goes back to it
    // (`Nursery::owns` tells them apart by address); the nursery's blocks are disjoint and
    // aligned as asked.
    unsafe impl GlobalAlloc for Allocator {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            let p = NURSERY.alloc(layout);
            if !p.is_null() {
                return p;
            }
            // SAFETY: the caller's layout, passed on.
            unsafe { mimalloc::MiMalloc.alloc(layout) }
        }

        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            let p = NURSERY.alloc(layout);
            if !p.is_null() {
                // Freed blocks are reused: not necessarily zero any more.
                // SAFETY: `p` holds `layout.size()` bytes.
                unsafe { p.write_bytes(0, layout.size()) };
                return p;
            }
            // SAFETY: the caller's layout, passed on.
            unsafe { mimalloc::MiMalloc.alloc_zeroed(layout) }
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            if NURSERY.owns(ptr) {
                NURSERY.free(ptr, layout.size());
            } else {
                // SAFETY: a block of mimalloc's, with its layout.
                unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) }
            }
        }

        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            if !NURSERY.owns(ptr) {
                // SAFETY: a block of mimalloc's, with its layout.
                return unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) };
            }
            if NURSERY.resize_in_place(ptr, layout.size(), new_size) {
                return ptr;
            }
            if new_size <= layout.size() {
                // A shrunk block that is not the newest stays where it is (`Vec::into_boxed_slice`
                // and `shrink_to_fit` would otherwise copy it); its tail is not reused.
                return ptr;
            }
            // SAFETY: `realloc`'s contract makes this a valid layout.
            let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
            // SAFETY: a non-zero size (`realloc`'s contract).
            let q = unsafe { self.alloc(new_layout) };
            if !q.is_null() {
                // SAFETY: both blocks hold at least the smaller size; they are disjoint.
                unsafe { std::ptr::copy_nonoverlapping(ptr, q, layout.size().min(new_size)) };
                NURSERY.free(ptr, layout.size());
            }
            q
        }
    }

    /// `mi_option_purge_delay` in mimalloc 3's `mi_option_e` (include/mimalloc.h of
    /// libmimalloc-sys 0.1.49, which builds mimalloc 3); the crate exports no constant for it.
    const PURGE_DELAY: i32 = 15;

    /// How long mimalloc keeps an emptied page before returning it to the system. Its 10 ms
    /// default and an immediate purge cost time on googleapis `-o` (system time for the page
    /// faults of memory given back and taken again), while peak memory grows with the delay.
    /// 30 ms (measured on `-o`, with and without source info, 2026-12-07, paired runs: medians
    /// of 5-6): wall time within the runs' noise of 100 ms, for 228 MB instead of 237 MB of peak
    /// (10 ms: 226 MB; protoc 36.2: 674 MB), and 325 MB instead of 346 MB with source info
    /// (protoc 36.2: 1,034 MB). `MIMALLOC_PURGE_DELAY` in the environment still wins (mimalloc
    /// reads its environment before `main`, so a plain default would come too late).
    const PURGE_DELAY_MS: std::ffi::c_long = 30;

    unsafe extern "C" {
        fn mi_option_set(option: i32, value: std::ffi::c_long);
        #[cfg(test)]
        fn mi_option_get(option: i32) -> std::ffi::c_long;
    }

    /// Sets the purge delay (`PURGE_DELAY_MS`) unless the environment names one.
    pub fn configure() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            // SAFETY: called first thing in `main`, before any other thread exists (the
            // function is not thread-safe); the option takes a plain integer.
            unsafe { mi_option_set(PURGE_DELAY, PURGE_DELAY_MS) }
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        /// Set in the child run of the test below.
        const CHILD: &str = "PROTOC_RS_TEST_ALLOCATOR_CHILD";
        const TEST: &str =
            "allocator::with_mimalloc::tests::purge_delay_is_mimallocs_purge_delay_option";

        fn current() -> std::ffi::c_long {
            // SAFETY: reads an option; any option number is accepted.
            unsafe { mi_option_get(PURGE_DELAY) }
        }

        /// `PURGE_DELAY` is a bare number from mimalloc's header: mimalloc reads
        /// `MIMALLOC_PURGE_DELAY` into its purge-delay option, so reading the number back in a
        /// child run with that variable set proves it names that option (a mimalloc update
        /// that renumbers its options fails here). `configure` leaves the variable's value
        /// alone, and sets `PURGE_DELAY_MS` without it.
        #[test]
        fn purge_delay_is_mimallocs_purge_delay_option() {
            if std::env::var_os(CHILD).is_some() {
                configure();
                assert_eq!(current(), 4321);
                return;
            }
            let exe = std::env::current_exe().expect("the test binary");
            let child = std::process::Command::new(exe)
                .args([TEST, "--exact", "--test-threads=1"])
                .env(CHILD, "1")
                .env("MIMALLOC_PURGE_DELAY", "4321")
                .output()
                .expect("runs");
            let stdout = String::from_utf8_lossy(&child.stdout);
            assert!(
                child.status.success() && stdout.contains("1 passed"),
                "{stdout}{}",
                String::from_utf8_lossy(&child.stderr)
            );
            if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
                configure();
                assert_eq!(current(), PURGE_DELAY_MS);
            }
        }
    }
}
