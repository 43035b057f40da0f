//! A map over items on several threads, results kept in input order (the generators' per-file
//! work, the output writer's looking and staging).

use std::sync::atomic::{AtomicUsize, Ordering};

/// `items.iter().map(f).collect()`, with the calls spread over up to `threads` threads
/// (each takes the next unclaimed item, so one large file does not hold up a whole share).
pub fn map_in_order<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let threads = threads.min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else {
                return done;
            };
            done.push((i, f(item)));
        }
    };
    let mut slots: Vec<Option<R>> = items.iter().map(|_| None).collect();
    std::thread::scope(|s| {
        let helpers: Vec<_> = (1..threads).map(|_| s.spawn(work)).collect();
        // This thread works too.
        for (i, r) in work() {
            slots[i] = Some(r);
        }
        for h in helpers {
            match h.join() {
                Ok(done) => {
                    for (i, r) in done {
                        slots[i] = Some(r);
                    }
                }
                // A panic in a generator is a bug; it surfaces as it would have unthreaded.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
    });
    // Every index below items.len() was claimed by exactly one thread.
    slots.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_input_order_at_any_thread_count() {
        let items: Vec<u64> = (0..500).collect();
        let expected: Vec<u64> = items.iter().map(|x| x * x).collect();
        for threads in [1, 2, 3, 8, 1000] {
            assert_eq!(map_in_order(&items, threads, |x| x * x), expected);
        }
        assert!(map_in_order(&[] as &[u64], 4, |x| *x).is_empty());
    }
}
