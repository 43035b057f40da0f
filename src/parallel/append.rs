//! Encoding many files on several threads into one buffer or into parts that follow one
//! another, in the given order: the `-o` output's retention stripping and encoding are per
//! file and read only the finished pool, so they need not wait for each other. The bytes are
//! those of encoding the files one after another on one thread, whatever the thread count.
//! Unlike [`super::map_in_order`] (which holds every result until all are done), finished
//! units are appended and freed as they come: the encoded set is up to 86 MB.

use std::sync::mpsc;

/// Files per unit of work: large enough that a unit costs far more than its hand-off, small
/// enough that the units finished ahead of the one being appended hold little memory.
const CHUNK: usize = 32;

/// Appends `encode(out, item)` for every item of `items`, in order, using up to `threads`
/// threads: each unit of work (a chunk of files) is encoded on a worker, appended in order.
pub fn append_in_order<T, F>(items: &[T], threads: usize, encode: F) -> Vec<u8>
where
    T: Copy + Sync,
    F: Fn(&mut Vec<u8>, T) + Sync,
{
    let unit = |unit: &[T]| {
        let mut buf = Vec::new();
        for &item in unit {
            encode(&mut buf, item);
        }
        buf
    };
    let mut out = Vec::new();
    in_order(items, threads, unit, |buf| out.extend_from_slice(&buf));
    out
}

/// The bytes of a unit of work as parts that follow one another: what was appended to
/// [`Parts::buf`], cut where [`Parts::push_part`] moved a buffer in whole.
#[derive(Default)]
pub struct Parts {
    buf: Vec<u8>,
    done: Vec<Vec<u8>>,
}

impl Parts {
    /// Where bytes are appended.
    pub fn buf(&mut self) -> &mut Vec<u8> {
        &mut self.buf
    }

    /// Appends `bytes` as a part of its own: moved, not copied.
    pub fn push_part(&mut self, bytes: Vec<u8>) {
        self.cut();
        self.done.push(bytes);
    }

    /// Ends the part being appended to, copied at exactly its length.
    fn cut(&mut self) {
        if !self.buf.is_empty() {
            self.done.push(self.buf.as_slice().to_vec());
            self.buf.clear();
        }
    }

    fn finish(mut self) -> Vec<Vec<u8>> {
        self.cut();
        self.done
    }
}

/// [`append_in_order`]'s bytes left in parts (each exactly its length, in order), written to
/// [`Parts`]: for a writer that writes them one after another, so the whole is never copied
/// into one buffer grown by doubling, and a part moved in (`Parts::push_part`) is not copied
/// at all.
pub fn parts_in_order<T, F>(items: &[T], threads: usize, encode: F) -> Vec<Vec<u8>>
where
    T: Copy + Sync,
    F: Fn(&mut Parts, T) + Sync,
{
    let unit = |unit: &[T]| {
        let mut parts = Parts::default();
        for &item in unit {
            encode(&mut parts, item);
        }
        parts.finish()
    };
    let mut all = Vec::new();
    in_order(items, threads, unit, |parts| all.extend(parts));
    all
}

/// Hands `take` the result of `unit` on each unit of work (a chunk of `CHUNK` items), in
/// order. Unit `k` goes to worker `k % workers`, each worker hands its results over a
/// channel holding at most one, and the calling thread takes them round-robin: so at most
/// about two units per worker wait in memory, and the order never depends on timing.
fn in_order<T, R, F>(items: &[T], threads: usize, unit: F, mut take: impl FnMut(R))
where
    T: Copy + Sync,
    R: Send,
    F: Fn(&[T]) -> R + Sync,
{
    let units: Vec<&[T]> = items.chunks(CHUNK).collect();
    let workers = threads.min(units.len());
    if workers <= 1 {
        units.iter().for_each(|u| take(unit(u)));
        return;
    }
    let units = &units;
    let unit = &unit;
    std::thread::scope(|scope| {
        let receivers: Vec<mpsc::Receiver<R>> = (0..workers)
            .map(|w| {
                let (send, receive) = mpsc::sync_channel(1);
                scope.spawn(move || {
                    for u in units.iter().skip(w).step_by(workers) {
                        // The receiver lives until every unit is taken; a send error means it
                        // is gone (a panic elsewhere), so there is nothing left to do.
                        if send.send(unit(u)).is_err() {
                            return;
                        }
                    }
                });
                receive
            })
            .collect();
        for k in 0..units.len() {
            // A worker that ends early panicked: its panic surfaces when the scope joins.
            let Ok(result) = receivers[k % workers].recv() else {
                break;
            };
            take(result);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(out: &mut Vec<u8>, i: u32) {
        out.extend_from_slice(format!("<{i}>").as_bytes());
    }

    #[test]
    fn bytes_do_not_depend_on_the_thread_count() {
        let items: Vec<u32> = (0..1000).collect();
        let one = append_in_order(&items, 1, encode);
        assert!(one.starts_with(b"<0><1><2>") && one.ends_with(b"<998><999>"));
        for threads in [2, 3, 8, 64] {
            assert_eq!(
                append_in_order(&items, threads, encode),
                one,
                "{threads} threads"
            );
        }
    }

    #[test]
    fn parts_are_the_same_bytes_cut_per_unit_and_where_moved_in() {
        let items: Vec<u32> = (0..1000).collect();
        let one = append_in_order(&items, 1, encode);
        let appended = |p: &mut Parts, i: u32| encode(p.buf(), i);
        // Every tenth item's bytes moved in whole, the others appended.
        let mixed = |p: &mut Parts, i: u32| match i % 10 {
            0 => p.push_part(format!("<{i}>").into_bytes()),
            _ => encode(p.buf(), i),
        };
        for threads in [1, 2, 3, 8] {
            let parts = parts_in_order(&items, threads, appended);
            assert_eq!(
                parts.len(),
                items.len().div_ceil(CHUNK),
                "{threads} threads"
            );
            assert!(parts.iter().all(|p| p.capacity() == p.len()));
            assert_eq!(parts.concat(), one, "{threads} threads");
            let parts = parts_in_order(&items, threads, mixed);
            assert!(parts.iter().all(|p| !p.is_empty()));
            assert!(parts.contains(&b"<990>".to_vec()));
            assert_eq!(parts.concat(), one, "{threads} threads");
        }
        assert!(parts_in_order::<u32, _>(&[], 8, appended).is_empty());
    }

    #[test]
    fn few_items_and_none() {
        assert_eq!(append_in_order(&[7u32], 8, encode), b"<7>");
        assert!(append_in_order::<u32, _>(&[], 8, encode).is_empty());
    }
}
