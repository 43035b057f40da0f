//! The nursery: the first bytes a run allocates, handed out from one static block by bumping
//! an offset. mimalloc gives each size class of each thread a page of its own and touches at
//! least one fresh 4 KiB page per class, which for a one-small-file run was about 100 page
//! faults, over half of what protoc 36.2 costs in total; allocations packed together touch
//! only the pages they fill. A run that outgrows the nursery goes on in mimalloc, so a large
//! compile loses nothing but these bytes.
//!
//! Freeing gives back only the newest block (the offset moves back over it), and growing the
//! newest block grows it in place: a `Vec` being filled, a string being built and short-lived
//! temporaries reuse the same bytes. Any other freed block stays unused until exit.

use std::alloc::Layout;
use std::cell::UnsafeCell;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// The binary's nursery: 1 MiB, of which a one-small-file run uses about 260 KB (the kernel
/// maps only the pages touched: the rest of the block costs nothing).
pub static NURSERY: Nursery<{ 1 << 20 }> = Nursery::new();

/// How much of the nursery [`Nursery::populate`] maps in at a time.
const POPULATE_CHUNK: usize = 64 << 10;

/// `N` bytes to hand out, and how many are taken.
#[repr(C, align(4096))]
pub struct Nursery<const N: usize> {
    block: UnsafeCell<[u8; N]>,
    /// Bytes in use from the start of `block`.
    top: AtomicUsize,
    /// Bytes from the start of `block` already mapped in (see [`Nursery::populate`]).
    populated: AtomicUsize,
    /// Set once an allocation of at most [`Nursery::LARGEST`] found no room: from then on
    /// every allocation goes elsewhere, so a large run does not retry the nursery each time.
    full: AtomicBool,
}

// SAFETY: the bytes are handed out in disjoint ranges (one atomic offset), each owned by
// whoever received it, as any allocator's memory is.
unsafe impl<const N: usize> Sync for Nursery<N> {}

impl<const N: usize> Nursery<N> {
    /// The largest single allocation taken: bigger blocks (whole files, large buffers) would
    /// use up the nursery for one object.
    pub const LARGEST: usize = N / 16;

    pub const fn new() -> Self {
        Nursery {
            block: UnsafeCell::new([0; N]),
            top: AtomicUsize::new(0),
            populated: AtomicUsize::new(0),
            full: AtomicBool::new(false),
        }
    }

    fn base(&self) -> usize {
        self.block.get() as usize
    }

    /// Whether `ptr` came from this nursery.
    pub fn owns(&self, ptr: *mut u8) -> bool {
        (ptr as usize).wrapping_sub(self.base()) < N
    }

    /// A block for `layout`, or null when the nursery cannot take it.
    pub fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.size() > Self::LARGEST || self.full.load(Ordering::Relaxed) {
            return std::ptr::null_mut();
        }
        let base = self.base();
        let mut top = self.top.load(Ordering::Relaxed);
        loop {
            // Aligned by address, so any power-of-two alignment comes out right.
            let start = (base + top).next_multiple_of(layout.align()) - base;
            let end = start + layout.size();
            if end > N {
                self.full.store(true, Ordering::Relaxed);
                return std::ptr::null_mut();
            }
            // Acquire: what a freeing thread wrote to these bytes is done before they are
            // handed out again.
            match self
                .top
                .compare_exchange_weak(top, end, Ordering::AcqRel, Ordering::Acquire)
            {
                Ok(_) => {
                    self.populate(end);
                    // SAFETY: `start < end <= N`: inside `block`.
                    return unsafe { (self.block.get() as *mut u8).add(start) };
                }
                Err(now) => top = now,
            }
        }
    }

    /// Maps in the chunks of [`POPULATE_CHUNK`] bytes up to `end` that are not yet, with one
    /// `madvise(MADV_POPULATE_WRITE)` call each instead of a page fault per 4 KiB page as
    /// they are first written: in a virtual machine each fault costs microseconds of kernel
    /// entry and exit, and the nursery is filled front to back anyway. Where the kernel lacks
    /// the call (before Linux 5.14) the pages fault in as usual.
    fn populate(&self, end: usize) {
        let done = self.populated.load(Ordering::Relaxed);
        if end <= done {
            return;
        }
        let want = end.next_multiple_of(POPULATE_CHUNK).min(N);
        if self.populated.fetch_max(want, Ordering::Relaxed) >= want {
            return;
        }
        #[cfg(target_os = "linux")]
        {
            unsafe extern "C" {
                fn madvise(addr: *mut std::ffi::c_void, len: usize, advice: i32) -> i32;
            }
            /// `MADV_POPULATE_WRITE` of linux/mman.h.
            const MADV_POPULATE_WRITE: i32 = 23;
            // SAFETY: a page-aligned range inside `block` (its start and `done` are multiples
            // of 4096, `want <= N`); populating changes no byte of it.
            unsafe {
                madvise(
                    (self.block.get() as *mut u8).add(done).cast(),
                    want - done,
                    MADV_POPULATE_WRITE,
                );
            }
        }
    }

    /// Gives back `ptr` (from [`Nursery::alloc`], `size` bytes) if it is the newest block.
    pub fn free(&self, ptr: *mut u8, size: usize) {
        let start = ptr as usize - self.base();
        let _ = self
            .top
            .compare_exchange(start + size, start, Ordering::AcqRel, Ordering::Relaxed);
    }

    /// Resizes `ptr` (from [`Nursery::alloc`], `old` bytes) to `new` bytes where it lies, if
    /// it is the newest block and the nursery has the room; `false` otherwise.
    pub fn resize_in_place(&self, ptr: *mut u8, old: usize, new: usize) -> bool {
        let start = ptr as usize - self.base();
        if new > Self::LARGEST || start + new > N {
            return false;
        }
        self.top
            .compare_exchange(
                start + old,
                start + new,
                Ordering::AcqRel,
                Ordering::Relaxed,
            )
            .is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Small = Nursery<65536>;

    fn layout(size: usize, align: usize) -> Layout {
        Layout::from_size_align(size, align).unwrap()
    }

    #[test]
    fn blocks_are_aligned_disjoint_and_owned() {
        let n = Box::new(Small::new());
        let a = n.alloc(layout(3, 1));
        let b = n.alloc(layout(16, 16));
        let c = n.alloc(layout(8, 8));
        assert!(!a.is_null() && !b.is_null() && !c.is_null());
        assert_eq!(b as usize % 16, 0);
        assert_eq!(c as usize % 8, 0);
        assert!(a as usize + 3 <= b as usize && b as usize + 16 <= c as usize);
        assert!(n.owns(a) && n.owns(c));
        let elsewhere = Box::new(0u8);
        assert!(!n.owns(&*elsewhere as *const u8 as *mut u8));
    }

    #[test]
    fn the_newest_block_is_freed_and_grown_in_place_others_are_not() {
        let n = Box::new(Small::new());
        let a = n.alloc(layout(100, 8));
        let b = n.alloc(layout(100, 8));
        // `a` is not the newest: neither grown nor given back.
        assert!(!n.resize_in_place(a, 100, 200));
        n.free(a, 100);
        assert!(n.resize_in_place(b, 100, 1000));
        n.free(b, 1000);
        // `b`'s bytes are handed out again; `a`'s are not.
        assert_eq!(n.alloc(layout(10, 8)), b);
    }

    #[test]
    fn a_full_nursery_refuses_and_stays_refusing() {
        let n = Box::new(Small::new());
        assert!(n.alloc(layout(Small::LARGEST + 1, 8)).is_null());
        // Too large for the nursery is not full: small blocks still come.
        assert!(!n.alloc(layout(8, 8)).is_null());
        let mut taken = 0;
        while !n.alloc(layout(Small::LARGEST, 8)).is_null() {
            taken += 1;
        }
        assert_eq!(taken, 15);
        assert!(n.alloc(layout(8, 8)).is_null());
    }

    #[test]
    fn threads_get_disjoint_blocks() {
        let n: &'static Small = Box::leak(Box::new(Small::new()));
        let blocks: Vec<Vec<usize>> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..4)
                .map(|_| s.spawn(|| (0..200).map(|_| n.alloc(layout(16, 8)) as usize).collect()))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let mut all: Vec<usize> = blocks.into_iter().flatten().collect();
        all.sort();
        assert!(
            all.windows(2).all(|w| w[0] + 16 <= w[1]),
            "overlapping blocks"
        );
    }
}
