//! Encoding many files on several threads into one buffer, in the given order: the `-o`
//! output's retention stripping and encoding are per file and read only the finished pool,
//! so they need not wait for each other. The bytes are those of encoding the files one after
//! another on one thread, whatever the thread count. Unlike [`super::map_in_order`]
//! (which holds every result until all are done), finished units are appended and freed as
//! they come: the encoded set is up to 86 MB and is already one buffer.

use std::sync::mpsc;

/// Files per unit of work: large enough that a unit costs far more than its hand-off, small
/// enough that the units finished ahead of the one being appended hold little memory.
const CHUNK: usize = 32;

/// Appends `encode(out, item)` for every item of `items`, in order, using up to `threads`
/// threads (see [`in_order`]).
pub fn append_in_order<T, F>(items: &[T], threads: usize, encode: F) -> Vec<u8>
where
    T: Copy + Sync,
    F: Fn(&mut Vec<u8>, T) + Sync,
{
    let mut out = Vec::new();
    in_order(items, threads, &encode, false, |unit| {
        out.extend_from_slice(&unit)
    });
    out
}

/// [`append_in_order`]'s bytes left in parts (one per unit of work, in order, each exactly
/// its length): for a writer that writes them one after another, so the whole is never
/// copied into one buffer grown by doubling.
pub fn parts_in_order<T, F>(items: &[T], threads: usize, encode: F) -> Vec<Vec<u8>>
where
    T: Copy + Sync,
    F: Fn(&mut Vec<u8>, T) + Sync,
{
    let mut parts = Vec::new();
    in_order(items, threads, &encode, true, |unit| parts.push(unit));
    parts
}

/// Hands `take` the encoding of each unit (a chunk of `CHUNK` items) in order. Unit `k` goes
/// to worker `k % workers`, each worker hands its units over a channel holding at most one
/// finished unit, and the calling thread takes them round-robin: so at most about two units
/// per worker wait in memory, and the order never depends on timing. `exact`: each unit is
/// copied out of a reused buffer at exactly its length.
fn in_order<T, F>(
    items: &[T],
    threads: usize,
    encode: &F,
    exact: bool,
    mut take: impl FnMut(Vec<u8>),
) where
    T: Copy + Sync,
    F: Fn(&mut Vec<u8>, T) + Sync,
{
    let units: Vec<&[T]> = items.chunks(CHUNK).collect();
    let workers = threads.min(units.len());
    let encode_unit = |scratch: &mut Vec<u8>, unit: &[T]| {
        scratch.clear();
        for &item in unit {
            encode(scratch, item);
        }
        match exact {
            true => scratch.as_slice().to_vec(),
            false => std::mem::take(scratch),
        }
    };
    if workers <= 1 {
        let mut scratch = Vec::new();
        for unit in &units {
            take(encode_unit(&mut scratch, unit));
        }
        return;
    }
    let units = &units;
    let encode_unit = &encode_unit;
    std::thread::scope(|scope| {
        let receivers: Vec<mpsc::Receiver<Vec<u8>>> = (0..workers)
            .map(|w| {
                let (send, receive) = mpsc::sync_channel(1);
                scope.spawn(move || {
                    let mut scratch = Vec::new();
                    for unit in units.iter().skip(w).step_by(workers) {
                        // The receiver lives until every unit is taken; a send error means it
                        // is gone (a panic elsewhere), so there is nothing left to do.
                        if send.send(encode_unit(&mut scratch, unit)).is_err() {
                            return;
                        }
                    }
                });
                receive
            })
            .collect();
        for k in 0..units.len() {
            // A worker that ends early panicked: its panic surfaces when the scope joins.
            let Ok(unit) = receivers[k % workers].recv() else {
                break;
            };
            take(unit);
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
    fn parts_are_the_same_bytes_cut_per_unit() {
        let items: Vec<u32> = (0..1000).collect();
        let one = append_in_order(&items, 1, encode);
        for threads in [1, 2, 3, 8] {
            let parts = parts_in_order(&items, threads, encode);
            assert_eq!(
                parts.len(),
                items.len().div_ceil(CHUNK),
                "{threads} threads"
            );
            assert!(parts.iter().all(|p| p.capacity() == p.len()));
            assert_eq!(parts.concat(), one, "{threads} threads");
        }
        assert!(parts_in_order::<u32, _>(&[], 8, encode).is_empty());
    }

    #[test]
    fn few_items_and_none() {
        assert_eq!(append_in_order(&[7u32], 8, encode), b"<7>");
        assert!(append_in_order::<u32, _>(&[], 8, encode).is_empty());
    }
}
