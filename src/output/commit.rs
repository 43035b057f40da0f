//! Writing the plan, all or nothing. protoc opens each output in turn with `O_TRUNC` and
//! writes it (command_line_interface.cc, `WriteAllToDisk`); protoc-rs, after protoc's checks
//! (`plan`), goes in three phases:
//!
//! 1. **Look.** Each target is compared with what is on disk. A regular file (or a link to
//!    one) holding the same bytes is unchanged and skipped: no temporary, no rename, so its
//!    mtime and inode stay. An existing target is opened for writing (never truncated), so a
//!    directory or a read-only file fails with protoc's message before anything is written.
//! 2. **Stage.** Missing parent directories are created (protoc's `TryCreateParentDirectory`,
//!    one `mkdir` per directory, not per file) and each changed file is written to a temporary
//!    beside its target (`.NAME.RANDOM.protoc-rs.tmp`, a `tempfile` name), with the mode of the file it replaces
//!    (new files: 0666 less the umask, as protoc). Any failure, or SIGINT/SIGTERM, removes
//!    every temporary and every directory this run created, and leaves all outputs as they
//!    were.
//! 3. **Rename.** Each temporary is renamed over its target. SIGINT/SIGTERM are deferred until
//!    every rename is done, so an interrupted run leaves all old or all new files. A rename
//!    replaces a symlink or a hard link rather than writing through it; directory symlinks on
//!    the way are followed, as protoc follows them. No fsync, as protoc does none.
//!
//! Looking and writing temporaries touch no other target, so both run on every thread
//! (`PROTOC_RS_THREADS`; 24,048 files for googleapis' Python row), and the first failure in
//! the targets' order is the one reported, whatever the thread count. Renames stay in order.
//!
//! Devices, pipes and sockets (`-o /dev/stdout`) cannot be renamed over: they are written in
//! place, as protoc does, after the rename phase.
//!
//! Test hook, for tests only: `PROTOC_RS_TEST_PAUSE=before_rename` (after staging) or
//! `during_rename` (after the first rename) prints `protoc-rs: test pause: POINT` on stderr
//! and waits until a signal arrives or 10 s pass, so a test can interrupt at a known point.

use std::collections::HashSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::plan::{Outputs, Target, WriteError};
use crate::os_error::strerror;
use crate::parallel::{map_in_order, thread_count};

/// What a commit did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Written {
    /// Files renamed into place or written in place.
    pub written: usize,
    /// Files that already held the same bytes, left untouched.
    pub unchanged: usize,
    /// A signal arrived during the rename phase: every output was written, and the run
    /// should exit with this code (130 for SIGINT, 143 for SIGTERM).
    pub interrupted: Option<i32>,
}

/// The environment variable of the test hook.
pub const TEST_PAUSE: &str = "PROTOC_RS_TEST_PAUSE";

/// How long the test hook waits for a signal.
const PAUSE_LIMIT: Duration = Duration::from_secs(10);

/// What phase 1 decided for a target.
enum Action {
    Unchanged,
    /// Write a temporary (keeping these permissions, when a file is replaced) and rename it.
    Replace(Option<fs::Permissions>),
    /// A device, pipe or socket: written in place.
    InPlace,
}

impl Outputs {
    /// Writes every output of the plan, all or nothing (see the module docs). The error is
    /// what to print; `Ok` may still carry a signal's exit code.
    pub fn commit(&self, allow_escape: bool) -> Result<Written, WriteError> {
        self.commit_on(allow_escape, thread_count())
    }

    /// [`Self::commit`] on up to `threads` threads.
    fn commit_on(&self, allow_escape: bool, threads: usize) -> Result<Written, WriteError> {
        let targets = self.targets(allow_escape)?;
        let mut result = Written::default();
        let mut changed = Vec::new();
        // Looking has no side effect, so the targets are looked at on every thread (a rerun
        // reads and compares every file) and the first failure in order is reported.
        for (t, action) in targets.iter().zip(map_in_order(&targets, threads, look)) {
            match action? {
                Action::Unchanged => result.unchanged += 1,
                action => changed.push((t, action)),
            }
        }
        if changed.is_empty() {
            return Ok(result);
        }

        let signals = Signals::register();
        let mut staged = Staged::default();
        let taken: HashSet<&str> = targets.iter().map(|t| t.path.as_str()).collect();
        let mut in_place = Vec::new();
        let mut to_stage = Vec::new();
        // Parent directories first, in order, each made once. A failure stops there: the
        // targets before it are staged and the earliest failure is reported, as one pass over
        // the targets would.
        let mut dir_failure = None;
        let mut known_dirs = HashSet::new();
        for (t, action) in changed {
            let perms = match action {
                Action::InPlace => {
                    in_place.push(t);
                    continue;
                }
                Action::Replace(perms) => perms,
                Action::Unchanged => continue,
            };
            if let Some((prefix, name)) = t.within
                && let Err(e) = create_parents(prefix, name, &mut known_dirs, &mut staged.dirs)
            {
                dir_failure = Some(e);
                break;
            }
            to_stage.push((t, perms));
        }
        let failure = stage_all(&to_stage, threads, &signals, &taken, &mut staged);
        if let Some(e) = failure.or(dir_failure) {
            return Err(e);
        }
        if let Some(code) = signals.received() {
            return Err(WriteError::Interrupted(code));
        }

        pause("before_rename", &signals);
        if let Some(code) = signals.received() {
            return Err(WriteError::Interrupted(code));
        }
        // The rename phase: signals only set the flag until it ends.
        let renames = std::mem::take(&mut staged.renames);
        let mut pending = renames.iter();
        while let Some((tmp, target)) = pending.next() {
            if let Err(e) = fs::rename(tmp, target) {
                staged.renames = pending.cloned().collect();
                staged.renames.push((tmp.clone(), target.clone()));
                return Err(line(&target.to_string_lossy(), &e));
            }
            result.written += 1;
            if result.written == 1 {
                pause("during_rename", &signals);
            }
        }
        staged.dirs.clear();
        result.interrupted = signals.received();
        drop(signals);

        if result.interrupted.is_none() {
            for t in in_place {
                write_in_place(t).map_err(|e| t.failure(&e))?;
                result.written += 1;
            }
        }
        Ok(result)
    }
}

/// Writes the temporaries of `to_stage` on up to `threads` threads, stopping at a signal.
/// Every temporary written is recorded in `staged` (so a failure removes them all) before the
/// earliest failure in order is returned.
fn stage_all(
    to_stage: &[(&Target, Option<fs::Permissions>)],
    threads: usize,
    signals: &Signals,
    taken: &HashSet<&str>,
    staged: &mut Staged,
) -> Option<WriteError> {
    let outcomes = map_in_order(to_stage, threads, |(t, perms)| {
        if signals.received().is_some() {
            return Staging::Skipped;
        }
        match stage(t, perms.clone(), taken) {
            Ok(tmp) => Staging::Staged(tmp),
            Err(e) => Staging::Failed(t.failure(&e)),
        }
    });
    let mut failure = None;
    for ((t, _), outcome) in to_stage.iter().zip(outcomes) {
        match outcome {
            Staging::Staged(tmp) => staged.renames.push((tmp, PathBuf::from(&t.path))),
            Staging::Failed(e) => {
                failure.get_or_insert(e);
            }
            Staging::Skipped => {}
        }
    }
    failure
}

/// What staging did for one target.
enum Staging {
    /// Written to this temporary.
    Staged(PathBuf),
    Failed(WriteError),
    /// Not attempted: a signal arrived.
    Skipped,
}

fn line(path: &str, e: &std::io::Error) -> WriteError {
    WriteError::Line(format!("{path}: {}", strerror(e)))
}

/// Phase 1 for one target.
fn look(t: &Target) -> Result<Action, WriteError> {
    // NB: protoc's open("DIR/", O_CREAT) fails with "Is a directory" whether or not DIR
    // exists; on Linux that open creates nothing, so it is the probe.
    if t.path.ends_with('/') {
        fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .open(&t.path)
            .map_err(|e| t.failure(&e))?;
    }
    let Ok(meta) = fs::metadata(&t.path) else {
        // Missing (or a dangling link): a new file. Any other reason to fail (a parent that is
        // a file, a read-only directory) is reported by staging, with open's errno.
        return Ok(Action::Replace(None));
    };
    if !meta.is_file() && !meta.is_dir() {
        return Ok(Action::InPlace);
    }
    if meta.is_file() && meta.len() == t.bytes.len() as u64 && holds(&t.path, t.bytes.parts()) {
        return Ok(Action::Unchanged);
    }
    // What protoc's open would report: a directory, a read-only file. Not truncated.
    fs::OpenOptions::new()
        .write(true)
        .open(&t.path)
        .map_err(|e| t.failure(&e))?;
    Ok(Action::Replace(Some(meta.permissions())))
}

/// Whether the file at `path` holds exactly `parts`, one after another, read a block at a
/// time: reading it whole held a second copy of the largest output (a `-o` with source info:
/// 86 MB on googleapis) at the run's peak.
fn holds<'b>(path: &str, parts: impl IntoIterator<Item = &'b [u8]>) -> bool {
    use std::io::Read;
    let Ok(mut file) = fs::File::open(path) else {
        return false;
    };
    let mut block = vec![0u8; 1 << 16];
    let mut parts = parts.into_iter();
    let mut rest: &[u8] = &[];
    loop {
        let n = match file.read(&mut block) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => return false,
        };
        if n == 0 {
            return rest.is_empty() && parts.all(<[u8]>::is_empty);
        }
        let mut got = block.get(..n).unwrap_or_default();
        while !got.is_empty() {
            if rest.is_empty() {
                match parts.next() {
                    Some(p) => rest = p,
                    None => return false,
                }
                continue;
            }
            let k = rest.len().min(got.len());
            if rest[..k] != got[..k] {
                return false;
            }
            rest = &rest[k..];
            got = &got[k..];
        }
    }
}

/// Writes every part of `t`'s contents to `f`, many parts to a system call (the `-o` set with
/// source info comes in about two parts a file).
fn write_contents(f: &mut fs::File, t: &Target) -> std::io::Result<()> {
    use std::io::IoSlice;
    /// Slices per call: Linux's `IOV_MAX`, beyond which `writev` fails.
    const MAX_SLICES: usize = 1024;
    let mut slices: Vec<IoSlice> = (t.bytes.parts())
        .filter(|p| !p.is_empty())
        .map(IoSlice::new)
        .collect();
    let mut rest = &mut slices[..];
    while !rest.is_empty() {
        let n = rest.len().min(MAX_SLICES);
        match f.write_vectored(&rest[..n]) {
            Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
            // `written` is at most the length of the slices given, so this stays in bounds.
            Ok(written) => IoSlice::advance_slices(&mut rest, written),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Writes `t` to a new temporary beside it; returns the temporary's path.
fn stage(
    t: &Target,
    perms: Option<fs::Permissions>,
    taken: &HashSet<&str>,
) -> std::io::Result<PathBuf> {
    let target = Path::new(&t.path);
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let base = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    loop {
        // A random name (`tempfile`), created exclusively with std's mode 0666 less the umask,
        // as protoc creates outputs (tempfile's own files are 0600); a name that exists is
        // retried. `make_in` returns our `open`'s error as is, so its strerror is reported.
        let (mut f, tmp) = tempfile::Builder::new()
            .prefix(&format!(".{base}."))
            .suffix(".protoc-rs.tmp")
            .make_in(&dir, |path| {
                fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(path)
            })?
            .keep()
            .map_err(|e| e.error)?;
        // Never a name this run writes.
        if tmp.to_str().is_some_and(|s| taken.contains(s)) {
            let _ = fs::remove_file(&tmp);
            continue;
        }
        let written = write_contents(&mut f, t).and_then(|()| match &perms {
            // The mode of the file being replaced, as protoc's O_TRUNC keeps it.
            Some(p) => f.set_permissions(p.clone()),
            None => Ok(()),
        });
        return match written {
            Ok(()) => Ok(tmp),
            Err(e) => {
                let _ = fs::remove_file(&tmp);
                Err(e)
            }
        };
    }
}

fn write_in_place(t: &Target) -> std::io::Result<()> {
    let mut f = fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(&t.path)?;
    write_contents(&mut f, t)?;
    f.flush()
}

/// protoc's `TryCreateParentDirectory`: each parent under `prefix`, an existing one is fine.
/// `known` holds the directories this commit made or found already, so each is asked for
/// once, not once per file in it. The directories made are recorded in `made`, so a failed run
/// can remove them.
fn create_parents(
    prefix: &str,
    name: &str,
    known: &mut HashSet<String>,
    made: &mut Vec<PathBuf>,
) -> Result<(), WriteError> {
    let parts: Vec<&str> = name.split(['/', '\\']).filter(|p| !p.is_empty()).collect();
    let mut so_far = prefix.to_string();
    for part in parts.iter().take(parts.len().saturating_sub(1)) {
        so_far.push_str(part);
        if !known.contains(&so_far) {
            match fs::create_dir(&so_far) {
                Ok(()) => made.push(PathBuf::from(&so_far)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => {
                    return Err(WriteError::Line(format!(
                        "{name}: while trying to create directory {so_far}: {}",
                        strerror(&e)
                    )));
                }
            }
            known.insert(so_far.clone());
        }
        so_far.push('/');
    }
    Ok(())
}

/// What a failed or interrupted commit must undo: temporaries not renamed yet, directories
/// it created. Dropping it undoes them, on every path out of `commit`.
#[derive(Default)]
struct Staged {
    renames: Vec<(PathBuf, PathBuf)>,
    dirs: Vec<PathBuf>,
}

impl Drop for Staged {
    fn drop(&mut self) {
        for (tmp, _) in &self.renames {
            let _ = fs::remove_file(tmp);
        }
        // Innermost first; a directory that is not empty (another writer) stays.
        for dir in self.dirs.iter().rev() {
            let _ = fs::remove_dir(dir);
        }
    }
}

/// SIGINT and SIGTERM while staging and renaming: recorded instead of killing the process.
/// Dropping it restores their default action (through an armed emulation, since a handler
/// once installed stays installed).
struct Signals {
    received: Arc<AtomicUsize>,
    default_armed: Arc<AtomicBool>,
    ids: Vec<signal_hook::SigId>,
}

impl Signals {
    fn register() -> Signals {
        use signal_hook::consts::{SIGINT, SIGTERM};
        let received = Arc::new(AtomicUsize::new(0));
        let default_armed = Arc::new(AtomicBool::new(false));
        let mut ids = Vec::new();
        for (signal, code) in [(SIGINT, 130), (SIGTERM, 143)] {
            // The emulation first: once armed, it ends the process before the flag matters.
            // A registration that fails leaves that signal's default action, as protoc has.
            let _ = signal_hook::flag::register_conditional_default(signal, default_armed.clone());
            if let Ok(id) = signal_hook::flag::register_usize(signal, received.clone(), code) {
                ids.push(id);
            }
        }
        Signals {
            received,
            default_armed,
            ids,
        }
    }

    /// The exit code for the signal received, if any.
    fn received(&self) -> Option<i32> {
        match self.received.load(Ordering::SeqCst) {
            0 => None,
            code => i32::try_from(code).ok(),
        }
    }
}

impl Drop for Signals {
    fn drop(&mut self) {
        for id in self.ids.drain(..) {
            signal_hook::low_level::unregister(id);
        }
        self.default_armed.store(true, Ordering::SeqCst);
    }
}

/// The test hook (see the module docs).
fn pause(point: &str, signals: &Signals) {
    if std::env::var_os(TEST_PAUSE).is_none_or(|v| v != point) {
        return;
    }
    eprintln!("protoc-rs: test pause: {point}");
    let start = Instant::now();
    while signals.received().is_none() && start.elapsed() < PAUSE_LIMIT {
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::test_support::outputs;
    use std::os::unix::fs::{MetadataExt, PermissionsExt};

    fn listing(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("ls")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn holds_compares_block_by_block() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("f");
        let path = p.to_str().expect("utf-8");
        // Longer than a block, so the comparison crosses block boundaries.
        let bytes: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        fs::write(&p, &bytes).expect("write");
        let one = |b: &[u8]| holds(path, [b]);
        assert!(one(&bytes));
        let mut late = bytes.clone();
        if let Some(b) = late.last_mut() {
            *b ^= 1;
        }
        assert!(!one(&late));
        assert!(!one(&bytes[..bytes.len() - 1]));
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(!one(&longer));
        assert!(!holds(
            dir.path().join("missing").to_str().expect("utf-8"),
            [&b""[..]]
        ));
        // In parts, cut anywhere (empty parts too): the same answers.
        let cut = |at: &[usize], b: &[u8]| {
            let mut parts = Vec::new();
            let mut from = 0;
            for &to in at {
                parts.push(b[from..to.min(b.len())].to_vec());
                from = to.min(b.len());
            }
            parts.push(b[from..].to_vec());
            parts
        };
        for at in [
            &[0][..],
            &[1, 1, 65_536],
            &[65_535, 65_537, 199_999],
            &[200_000],
        ] {
            let parts = cut(at, &bytes);
            assert!(holds(path, parts.iter().map(Vec::as_slice)), "{at:?}");
            let parts = cut(at, &late);
            assert!(!holds(path, parts.iter().map(Vec::as_slice)), "{at:?}");
            let parts = cut(at, &bytes[..bytes.len() - 1]);
            assert!(!holds(path, parts.iter().map(Vec::as_slice)), "{at:?}");
            let parts = cut(at, &longer);
            assert!(!holds(path, parts.iter().map(Vec::as_slice)), "{at:?}");
        }
    }

    #[test]
    fn writes_then_leaves_unchanged_files_alone() {
        let dir = tempfile::tempdir().expect("tempdir");
        let outs = outputs(dir.path(), &[("a", "1"), ("sub/b", "2")]);
        let first = outs.commit(false).expect("writes");
        assert_eq!((first.written, first.unchanged), (2, 0));
        let ino = fs::metadata(dir.path().join("sub/b")).expect("b").ino();
        let second = outs.commit(false).expect("writes");
        assert_eq!((second.written, second.unchanged), (0, 2));
        assert_eq!(
            fs::metadata(dir.path().join("sub/b")).expect("b").ino(),
            ino
        );
        assert_eq!(listing(dir.path()), ["a", "sub"]);
    }

    #[test]
    fn replacing_keeps_the_mode() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("a");
        fs::write(&p, "old").expect("write");
        fs::set_permissions(&p, fs::Permissions::from_mode(0o640)).expect("chmod");
        outputs(dir.path(), &[("a", "new")])
            .commit(false)
            .expect("writes");
        assert_eq!(fs::read(&p).expect("read"), b"new");
        assert_eq!(fs::metadata(&p).expect("a").mode() & 0o777, 0o640);
    }

    #[test]
    fn a_failure_while_staging_removes_temporaries_and_new_directories() {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::write(dir.path().join("a"), "old").expect("write");
        fs::write(dir.path().join("file"), "").expect("write");
        // `file/c` cannot be created: its parent is a file.
        let outs = outputs(dir.path(), &[("a", "new"), ("new/b", "x"), ("file/c", "y")]);
        let err = outs.commit(false).expect_err("fails");
        let d = dir.path().display();
        assert_eq!(
            err,
            WriteError::Unterminated(format!("{d}/file/c: Not a directory"))
        );
        assert_eq!(listing(dir.path()), ["a", "file"]);
        assert_eq!(fs::read(dir.path().join("a")).expect("read"), b"old");
    }

    #[test]
    fn the_earliest_failure_in_order_is_reported_at_any_thread_count() {
        // `file/c` fails when staged (its parent is a file), `file2/sub/d` when its directory
        // is made; whichever comes first in the targets' order is reported, and nothing is left.
        let dir = tempfile::tempdir().expect("tempdir");
        let d = dir.path().display();
        for name in ["file", "file2", "zfile"] {
            fs::write(dir.path().join(name), "").expect("write");
        }
        let many: Vec<(String, &str)> = (0..40).map(|i| (format!("a/{i}"), "x")).collect();
        let mut files: Vec<(&str, &str)> = many.iter().map(|(n, c)| (n.as_str(), *c)).collect();
        files.extend([("file/c", "y"), ("file2/sub/d", "z"), ("zfile/e", "w")]);
        let staging_first = outputs(dir.path(), &files);
        let dir_first = outputs(
            dir.path(),
            &[("a", "1"), ("file2/sub/d", "z"), ("zfile/e", "w")],
        );
        for threads in [1, 2, 8] {
            assert_eq!(
                staging_first.commit_on(false, threads),
                Err(WriteError::Unterminated(format!(
                    "{d}/file/c: Not a directory"
                )))
            );
            assert_eq!(
                dir_first.commit_on(false, threads),
                Err(WriteError::Line(format!(
                    "file2/sub/d: while trying to create directory {d}/file2/sub: Not a directory"
                )))
            );
            assert_eq!(listing(dir.path()), ["file", "file2", "zfile"]);
        }
    }

    #[test]
    fn many_files_in_shared_directories() {
        let dir = tempfile::tempdir().expect("tempdir");
        let names: Vec<String> = (0..200)
            .map(|i| format!("d{}/e{}/f{i}.py", i % 3, i % 5))
            .collect();
        let files: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), n.as_str())).collect();
        let outs = outputs(dir.path(), &files);
        assert_eq!(outs.commit_on(false, 3).expect("writes").written, 200);
        for n in &names {
            assert_eq!(fs::read_to_string(dir.path().join(n)).expect("read"), *n);
        }
        assert_eq!(outs.commit_on(false, 3).expect("writes").unchanged, 200);
    }

    #[test]
    fn a_directory_in_the_way_fails_before_anything_is_written() {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::create_dir(dir.path().join("b")).expect("mkdir");
        let outs = outputs(dir.path(), &[("a", "new"), ("b", "x")]);
        let d = dir.path().display();
        assert_eq!(
            outs.commit(false),
            Err(WriteError::Unterminated(format!("{d}/b: Is a directory")))
        );
        assert_eq!(listing(dir.path()), ["b"]);
    }

    #[test]
    fn single_files_missing_directory_and_directory_target() {
        let dir = tempfile::tempdir().expect("tempdir");
        let missing = dir.path().join("nope/x.pb");
        let ms = missing.to_str().expect("utf8");
        let mut outs = Outputs::default();
        outs.add_file(ms, b"x".to_vec());
        assert_eq!(
            outs.commit(false),
            Err(WriteError::Line(format!("{ms}: No such file or directory")))
        );
        let ds = dir.path().to_str().expect("utf8");
        let mut outs = Outputs::default();
        outs.add_file(ds, b"x".to_vec());
        assert_eq!(
            outs.commit(false),
            Err(WriteError::Line(format!("{ds}: Is a directory")))
        );
        let mut outs = Outputs::default();
        outs.add_file(&format!("{ds}/new/"), b"x".to_vec());
        assert_eq!(
            outs.commit(false),
            Err(WriteError::Line(format!("{ds}/new/: Is a directory")))
        );
        assert_eq!(listing(dir.path()), Vec::<String>::new());
    }

    #[test]
    fn devices_are_written_in_place() {
        let mut outs = Outputs::default();
        outs.add_file("/dev/null", b"x".to_vec());
        assert_eq!(outs.commit(false).expect("writes").written, 1);
        use std::os::unix::fs::FileTypeExt;
        assert!(
            fs::metadata("/dev/null")
                .expect("still there")
                .file_type()
                .is_char_device()
        );
    }

    #[test]
    fn links_are_replaced_not_written_through() {
        let dir = tempfile::tempdir().expect("tempdir");
        let real = dir.path().join("real");
        fs::write(&real, "old").expect("write");
        std::os::unix::fs::symlink(&real, dir.path().join("sym")).expect("symlink");
        fs::hard_link(&real, dir.path().join("hard")).expect("link");
        outputs(dir.path(), &[("hard", "new"), ("sym", "new")])
            .commit(false)
            .expect("writes");
        assert_eq!(fs::read(&real).expect("read"), b"old");
        let sym = fs::symlink_metadata(dir.path().join("sym")).expect("sym");
        assert!(sym.file_type().is_file());
        assert_eq!(fs::read(dir.path().join("sym")).expect("read"), b"new");
        assert_eq!(fs::read(dir.path().join("hard")).expect("read"), b"new");
        assert_eq!(fs::metadata(&real).expect("real").nlink(), 1);
    }

    #[test]
    fn temporaries_are_not_guessable() {
        // Another user sharing the directory plants the names a PID-based scheme would use
        // (and a directory in the way of one): the run does not care, and leaves no temporary.
        let dir = tempfile::tempdir().expect("tempdir");
        let pid = std::process::id();
        let planted = [
            format!(".a.protoc-rs-{pid}.tmp"),
            format!(".a.protoc-rs-{pid}-1.tmp"),
        ];
        fs::write(dir.path().join(&planted[0]), "theirs").expect("plant");
        fs::create_dir(dir.path().join(&planted[1])).expect("plant");
        outputs(dir.path(), &[("a", "1"), ("b", "2")])
            .commit(false)
            .expect("writes");
        assert_eq!(fs::read(dir.path().join("a")).expect("a"), b"1");
        assert_eq!(
            fs::read(dir.path().join(&planted[0])).expect("planted"),
            b"theirs"
        );
        assert_eq!(listing(dir.path()).len(), 4);
    }

    #[cfg(unix)]
    #[test]
    fn new_outputs_get_0666_less_the_umask() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        outputs(dir.path(), &[("a", "1")])
            .commit(false)
            .expect("writes");
        // std's File::create opens with 0666 too: the same umask applies to both.
        fs::write(dir.path().join("reference"), "").expect("reference");
        let mode = |n: &str| {
            fs::metadata(dir.path().join(n))
                .expect("metadata")
                .permissions()
                .mode()
                & 0o777
        };
        assert_eq!(mode("a"), mode("reference"));
    }
}
