//! Parsing ahead of the build on other threads. The driver builds files one at a time in
//! protoc's depth-first order (a file's build needs its imports built); parsing needs
//! nothing but the file, so helper threads open and parse the files the driver will ask for
//! next (the inputs in order, each file's imports before the next input, as the driver
//! visits them) while it builds the ones before.
//!
//! Nothing is reported from a helper: each parse collects its diagnostics apart, and the
//! driver appends them when it takes the file, at the moment it would have parsed it itself.
//! A file no helper has claimed yet the driver loads itself, so the output and the
//! diagnostics are the same whatever the thread count (`PROTOC_RS_THREADS`).
//!
//! The helpers also encode the source locations of the files the driver has built
//! ([`Prefetch::freeze_later`]): nothing reads a built file's locations until the build ends,
//! and encoding them was a tenth of the driver's work with `--include_source_info`. The
//! encodings go into the pool when the build ends ([`Prefetch::install`]).

use rustc_hash::FxHashMap;
use std::collections::VecDeque;
use std::sync::{Condvar, Mutex, MutexGuard};

use super::link::symbols::{self, Planned};
use super::pool::Pool;
use super::source::{OpenError, SourceTree};
use super::syntax::parser;
use crate::descriptor::model::{FileDescriptorProto, Location, SourceCodeInfo};
use crate::diagnostics::Diagnostics;
use crate::release::Release;

/// Stack of a helper thread: the parser recurses per nesting level (bounded, as protoc's).
const HELPER_STACK: usize = 256 << 20;

/// Parsed files not yet taken by the driver, at most: bounds what a helper holds ahead. A few
/// dozen absorb the difference between a large file and a small one; more only hold memory
/// (at 512, parsed files waiting with their decoded source info were 70 MB of googleapis'
/// `-o --include_source_info` peak).
const LOOKAHEAD: usize = 32;

/// Which source locations a parse records: none, all, or only those under some top-level
/// `FileDescriptorProto` fields (`CompileOptions::source_info_under`: what the run's
/// generators read).
#[derive(Clone)]
pub enum Locations {
    None,
    All,
    Under(Vec<i32>),
}

impl Locations {
    pub fn new(include_source_info: bool, under: Option<&[i32]>) -> Self {
        match (include_source_info, under) {
            (false, _) => Locations::None,
            (true, None) => Locations::All,
            (true, Some(tops)) => Locations::Under(tops.to_vec()),
        }
    }
}

/// One file opened and parsed: its display name (or why it could not be opened), the
/// parsed file (`None` after a parse error, reported in the diagnostics) and, when a helper
/// had the time, its element symbols worked out ahead (`symbols::plan`).
pub struct Loaded {
    pub opened: Result<String, OpenError>,
    pub file: Option<FileDescriptorProto>,
    pub symbols: Option<Planned>,
}

/// Opens `name` in `tree` and parses it, reporting parse errors to `diags`.
pub fn load(
    tree: &dyn SourceTree,
    name: &str,
    locations: &Locations,
    release: Release,
    diags: &mut Diagnostics,
) -> Loaded {
    match tree.open(name) {
        Err(e) => Loaded {
            opened: Err(e),
            file: None,
            symbols: None,
        },
        Ok(source) => {
            let (display, text) = (&source.display_name, &source.contents);
            let file = match locations {
                Locations::None => parser::parse_file(display, name, text, diags, false, release),
                Locations::All => parser::parse_file(display, name, text, diags, true, release),
                Locations::Under(tops) => parser::parse_file_with_source_info_under(
                    display, name, text, diags, tops, release,
                ),
            }
            .map(|mut f| {
                f.name = name.to_string();
                f
            });
            Loaded {
                opened: Ok(source.display_name),
                file,
                symbols: None,
            }
        }
    }
}

enum Slot {
    /// A helper is parsing it.
    Claimed,
    /// Parsed, waiting for the driver.
    Ready(Box<(Loaded, Diagnostics)>),
    /// The driver loaded it itself (or took it): helpers leave it alone.
    Driver,
}

struct State {
    slots: FxHashMap<String, Slot>,
    /// Names to parse next, front first.
    queue: VecDeque<String>,
    /// `Ready` slots.
    ready: usize,
    /// Built files' locations to encode: (pool index, file name, locations).
    to_freeze: VecDeque<(u32, String, Vec<Location>)>,
    /// Their encodings, to put back into the pool.
    frozen: Vec<(u32, String, SourceCodeInfo)>,
    stop: bool,
    /// The driver waits for a helper's parse. A wake-up is a system call even with nobody
    /// asleep (a few percent of the driver's time when every file woke everyone), so each
    /// side wakes the other only when it sleeps.
    driver_waiting: bool,
    /// Helpers asleep, waiting for work or for lookahead room.
    helpers_waiting: usize,
}

/// The shared state of the helpers and the driver.
pub struct Prefetch<'t> {
    tree: &'t dyn SourceTree,
    locations: Locations,
    /// Whose parser parses.
    release: Release,
    state: Mutex<State>,
    changed: Condvar,
}

impl<'t> Prefetch<'t> {
    pub fn new(
        tree: &'t dyn SourceTree,
        inputs: &[String],
        locations: Locations,
        release: Release,
    ) -> Self {
        Prefetch {
            tree,
            locations,
            release,
            state: Mutex::new(State {
                slots: FxHashMap::default(),
                queue: inputs.iter().cloned().collect(),
                ready: 0,
                to_freeze: VecDeque::new(),
                frozen: Vec::new(),
                stop: false,
                driver_waiting: false,
                helpers_waiting: 0,
            }),
            changed: Condvar::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A helper that panicked leaves consistent state behind (the panic resurfaces at join).
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs `build` on this thread with `threads - 1` helpers parsing ahead; they stop when
    /// `build` returns.
    pub fn run<R>(&self, threads: usize, build: impl FnOnce() -> R) -> R {
        std::thread::scope(|s| {
            for _ in 1..threads {
                let started = std::thread::Builder::new()
                    .name("protoc-rs-parse".into())
                    .stack_size(HELPER_STACK)
                    .spawn_scoped(s, || self.help());
                // Without a helper the driver simply parses everything itself.
                if started.is_err() {
                    break;
                }
            }
            // The helpers stop when `build` returns, and when it panics: the scope waits for
            // them before the panic goes on.
            let _stop = StopOnDrop(self);
            build()
        })
    }

    /// After [`Self::run`]: puts the encodings of the locations given to
    /// [`Self::freeze_later`] into `pool` (encoding those no helper took, on this thread).
    pub fn install(&self, pool: &mut Pool) {
        let mut st = self.lock();
        while let Some(job) = st.to_freeze.pop_front() {
            st.frozen.push(freeze(job));
        }
        for (index, name, info) in st.frozen.drain(..) {
            // Only into the file it came from (a failed build may have rolled it back).
            if let Some(file) = pool.files.get_mut(index as usize)
                && file.name == name
            {
                file.source_code_info = Some(info);
            }
        }
    }

    /// Hands a built file's locations (pool index `index`, file `name`) to the helpers to
    /// encode; the pool holds none for the file until [`Self::install`] puts the encoding
    /// back.
    pub fn freeze_later(&self, index: u32, name: &str, locations: Vec<Location>) {
        let mut st = self.lock();
        st.to_freeze.push_back((index, name.to_string(), locations));
        if st.helpers_waiting > 0 {
            self.changed.notify_all();
        }
    }

    /// Encodes the locations of one built file waiting for a helper, on this thread (the
    /// driver, rather than wait for a parse); `false` when none waits.
    pub fn freeze_one(&self) -> bool {
        let Some(job) = self.lock().to_freeze.pop_front() else {
            return false;
        };
        let done = freeze(job);
        self.lock().frozen.push(done);
        true
    }

    /// Whether a helper is parsing `name` now (taking it would wait).
    pub fn is_being_parsed(&self, name: &str) -> bool {
        matches!(self.lock().slots.get(name), Some(Slot::Claimed))
    }

    /// The file `name` parsed by a helper, with the diagnostics of its parse; `None` when no
    /// helper has it (the driver loads it itself). Waits for a parse under way.
    pub fn take(&self, name: &str) -> Option<(Loaded, Diagnostics)> {
        let mut st = self.lock();
        loop {
            match st.slots.get(name) {
                Some(Slot::Claimed) => {
                    st.driver_waiting = true;
                    st = self.changed.wait(st).unwrap_or_else(|e| e.into_inner());
                    st.driver_waiting = false;
                }
                Some(Slot::Ready(..)) => {
                    let Some(Slot::Ready(parsed)) = st.slots.insert(name.to_string(), Slot::Driver)
                    else {
                        unreachable!("checked above")
                    };
                    st.ready -= 1;
                    // Room ahead again for a helper that had run out of it.
                    if st.helpers_waiting > 0 {
                        self.changed.notify_all();
                    }
                    return Some(*parsed);
                }
                Some(Slot::Driver) => return None,
                None => {
                    st.slots.insert(name.to_string(), Slot::Driver);
                    return None;
                }
            }
        }
    }

    /// A helper's loop: encode the built files' locations waiting (their memory goes with
    /// them), else parse the next queued file nobody has, queue its imports first; until the
    /// build ends.
    fn help(&self) {
        let mut st = self.lock();
        loop {
            if st.stop {
                return;
            }
            if let Some(job) = st.to_freeze.pop_front() {
                drop(st);
                let done = freeze(job);
                st = self.lock();
                st.frozen.push(done);
                continue;
            }
            let next = match st.ready < LOOKAHEAD {
                true => st.queue.pop_front(),
                false => None,
            };
            let Some(name) = next else {
                st.helpers_waiting += 1;
                st = self.changed.wait(st).unwrap_or_else(|e| e.into_inner());
                st.helpers_waiting -= 1;
                continue;
            };
            if st.slots.contains_key(&name) {
                continue;
            }
            st.slots.insert(name.clone(), Slot::Claimed);
            drop(st);
            let mut diags = Diagnostics::default();
            let mut loaded = load(self.tree, &name, &self.locations, self.release, &mut diags);
            // The file's symbols too, while the driver has parsed files waiting; when it has
            // none (the helpers are behind), it plans them itself.
            if self.lock().ready > 0 {
                loaded.symbols = loaded.file.as_ref().and_then(symbols::plan);
            }
            let imports: Vec<String> = loaded
                .file
                .iter()
                .flat_map(|f| f.dependency.iter().chain(&f.option_dependency))
                .cloned()
                .collect();
            st = self.lock();
            st.ready += 1;
            st.slots
                .insert(name, Slot::Ready(Box::new((loaded, diags))));
            // The driver visits a file's imports (in order) before the next input.
            for import in imports.into_iter().rev() {
                st.queue.push_front(import);
            }
            // The driver may wait for this file; other helpers for the imports queued.
            if st.driver_waiting || st.helpers_waiting > 0 {
                self.changed.notify_all();
            }
        }
    }
}

/// Tells the helpers to stop when dropped.
struct StopOnDrop<'p, 't>(&'p Prefetch<'t>);

impl Drop for StopOnDrop<'_, '_> {
    fn drop(&mut self) {
        self.0.lock().stop = true;
        self.0.changed.notify_all();
    }
}

/// A freeze job done: the locations encoded.
fn freeze((index, name, locations): (u32, String, Vec<Location>)) -> (u32, String, SourceCodeInfo) {
    let mut info = SourceCodeInfo::Locations(locations);
    info.freeze();
    (index, name, info)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compiler::builtin::Embedded;

    #[test]
    fn a_build_that_panics_stops_the_helpers_and_the_panic_goes_on() {
        // The helpers wait for work until told to stop: a driver that panicked without
        // telling them would leave `run` waiting for them for ever.
        let tree = Embedded(Release::default());
        let inputs = ["google/protobuf/descriptor.proto".to_string()];
        let ahead = Prefetch::new(&tree, &inputs, Locations::None, Release::default());
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            ahead.run(3, || panic!("a bug in the build"))
        }));
        assert!(run.is_err());
    }
}
