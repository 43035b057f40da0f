//! The plan of everything one invocation writes: the staged output directories (one per
//! `--X_out` location) and single files (`-o`, the dependency file), and protoc's checks on
//! them (command_line_interface.cc: `GeneratorContextImpl::WriteAllToDisk`, `WriteDescriptorSet`)
//! made for every output before anything is written. Writing is `commit`, comparing `check`.

use std::borrow::Cow;
use std::fmt;

use super::archive;
use super::directory::OutputDirectory;

/// Every output of an invocation: directories (and archives, `archive`) in first-use order,
/// then single files in the order they were added (protoc writes the directories, then the
/// dependency file, then `-o`).
#[derive(Default, Debug)]
pub struct Outputs {
    dirs: Vec<(String, OutputDirectory)>,
    files: Vec<(String, Vec<Vec<u8>>)>,
}

/// Why nothing (or not everything) was written, or why a check could not be made.
#[derive(Debug, PartialEq, Eq)]
pub enum WriteError {
    /// The lines were printed already (a failed insertion, a file written twice).
    Reported,
    /// The line protoc prints for the first failure (`x.pb: Permission denied`).
    Line(String),
    /// The same, for a generated file or an archive: protoc prints it without a newline
    /// (`out/a_pb2.py: Permission denied`).
    Unterminated(String),
    /// SIGINT or SIGTERM arrived before the rename phase: no output was touched and no
    /// temporary is left. The exit code to leave with (130, 143).
    Interrupted(i32),
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Reported => Ok(()),
            WriteError::Line(line) | WriteError::Unterminated(line) => f.write_str(line),
            WriteError::Interrupted(_) => {
                f.write_str("protoc-rs: interrupted; no output was written")
            }
        }
    }
}

/// One file of the plan, after protoc's checks.
#[derive(Debug)]
pub(crate) struct Target<'a> {
    /// Where it goes, as protoc names it in messages (`out/` + `a_pb2.py`, or `-o`'s value).
    pub path: String,
    /// Borrowed from the plan, or an archive built from it.
    pub bytes: Bytes<'a>,
    /// For a file of an output directory: the directory (ending in `/`) and the file's name in
    /// it, whose missing parent directories are created.
    pub within: Option<(&'a str, &'a str)>,
    /// A generated file or an archive (not `-o`, not the dependency file).
    pub generated: bool,
}

/// A target's contents: one buffer, or parts that follow one another.
#[derive(Debug)]
pub(crate) enum Bytes<'a> {
    One(Cow<'a, [u8]>),
    Parts(&'a [Vec<u8>]),
}

impl Bytes<'_> {
    pub fn len(&self) -> usize {
        match self {
            Bytes::One(b) => b.len(),
            Bytes::Parts(parts) => parts.iter().map(Vec::len).sum(),
        }
    }

    /// The parts in order (one for a single buffer).
    pub fn parts(&self) -> impl Iterator<Item = &[u8]> {
        let (one, parts): (Option<&[u8]>, &[Vec<u8>]) = match self {
            Bytes::One(b) => (Some(b), &[]),
            Bytes::Parts(parts) => (None, parts),
        };
        one.into_iter().chain(parts.iter().map(Vec::as_slice))
    }

    /// The contents as one buffer: copied only when they are in several parts (for `--check`'s
    /// comparisons, which read the old file whole anyway).
    pub fn joined(&self) -> Cow<'_, [u8]> {
        match self {
            Bytes::One(b) => Cow::Borrowed(b),
            Bytes::Parts([one]) => Cow::Borrowed(one),
            Bytes::Parts(parts) => Cow::Owned(parts.concat()),
        }
    }
}

impl Target<'_> {
    /// Why this target could not be opened or written, as protoc says it.
    pub fn failure(&self, e: &std::io::Error) -> WriteError {
        let line = format!("{}: {}", self.path, crate::os_error::strerror(e));
        if self.generated {
            // NB: protoc's `WriteAllToDisk` and `WriteAllToZip` end these lines without a
            // newline (`-o` and the dependency file use perror, with one).
            WriteError::Unterminated(line)
        } else {
            WriteError::Line(line)
        }
    }
}

impl Outputs {
    /// The directory for `location` (`out`, `out/`: the same one, as protoc adds the slash;
    /// `out.zip`, `out.jar`, `out.srcjar`: an archive, keyed without a slash).
    pub fn directory(&mut self, location: &str) -> &mut OutputDirectory {
        let key = if location.ends_with('/') || archive::is_archive(location) {
            location.to_string()
        } else {
            format!("{location}/")
        };
        let i = match self.dirs.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                self.dirs.push((key, OutputDirectory::default()));
                self.dirs.len() - 1
            }
        };
        &mut self.dirs[i].1
    }

    /// Adds a single file written whole (`-o FILE`, `--dependency_out=FILE`), after every
    /// directory and after the files added before it.
    pub fn add_file(&mut self, path: &str, bytes: Vec<u8>) {
        self.files.push((path.to_string(), vec![bytes]));
    }

    /// [`Self::add_file`] for contents made in parts, written one after another: never copied
    /// into one buffer (the `-o` set on googleapis is 86 MB with source info; one buffer grown
    /// by doubling cost about 40 MB of the run's peak).
    pub fn add_file_parts(&mut self, path: &str, parts: Vec<Vec<u8>>) {
        self.files.push((path.to_string(), parts));
    }

    /// The paths of every file the output directories will hold, in the order they are
    /// written (protoc's names: the location with its slash, then the file's name).
    /// NB: an archive's entries are named as protoc names them, the archive's path and the
    /// entry's name with nothing between (`out.zipa_pb2.py`), a jar's manifest included.
    pub fn directory_paths(&self) -> Vec<String> {
        self.dirs
            .iter()
            .flat_map(|(prefix, dir)| {
                archive::entries(prefix, dir.files())
                    .into_iter()
                    .map(move |(n, _)| format!("{prefix}{n}"))
            })
            .collect()
    }

    /// protoc's checks, for every output before the first byte is written: a directory with
    /// a failed insertion or a duplicate file, a missing output directory (protoc checks the
    /// directory itself and creates subdirectories), a name with `..`. Then every file, in
    /// write order; a path written twice keeps only its last contents, as protoc's second
    /// write would leave. An archive is one file, its entries checked for `..` as a
    /// directory's files are (protoc does not check them: a deliberate difference).
    pub(crate) fn targets(&self, allow_escape: bool) -> Result<Vec<Target<'_>>, WriteError> {
        let mut targets = Vec::new();
        for (prefix, dir) in &self.dirs {
            if dir.had_error() {
                return Err(WriteError::Reported);
            }
            if archive::is_archive(prefix) {
                let entries = archive::entries(prefix, dir.files());
                for (name, _) in &entries {
                    if let Some(line) = name_refusal(name, allow_escape) {
                        return Err(WriteError::Line(line));
                    }
                }
                targets.push(Target {
                    path: prefix.clone(),
                    bytes: Bytes::One(Cow::Owned(archive::zip(&entries))),
                    within: None,
                    generated: true,
                });
                continue;
            }
            if let Err(e) = std::fs::metadata(prefix) {
                return Err(WriteError::Line(format!(
                    "{prefix}: {}",
                    crate::os_error::strerror(&e)
                )));
            }
            for (name, bytes) in dir.files() {
                if let Some(line) = name_refusal(name, allow_escape) {
                    return Err(WriteError::Line(line));
                }
                targets.push(Target {
                    path: format!("{prefix}{name}"),
                    bytes: Bytes::One(Cow::Borrowed(bytes)),
                    within: Some((prefix.as_str(), name.as_str())),
                    generated: true,
                });
            }
        }
        for (path, parts) in &self.files {
            targets.push(Target {
                path: path.clone(),
                bytes: Bytes::Parts(parts),
                within: None,
                generated: false,
            });
        }
        // The last write of a path wins.
        let mut seen = std::collections::HashSet::new();
        let mut keep: Vec<bool> = targets
            .iter()
            .rev()
            .map(|t| seen.insert(t.path.clone()))
            .collect();
        keep.reverse();
        let mut keep = keep.into_iter();
        targets.retain(|_| keep.next().unwrap_or(true));
        Ok(targets)
    }
}

/// Why an output name is refused, if it is. protoc's check: `..` anywhere (even `a..b`).
/// protoc-rs's (a listed difference; protoc nests an absolute name under the directory and cuts
/// a name at a NUL): absolute names and NUL bytes.
fn name_refusal(name: &str, allow_escape: bool) -> Option<String> {
    if name.contains('\0') {
        return Some(format!(
            "Output file names must not contain a NUL byte ({}).",
            crate::escape::c_escape(name.as_bytes())
        ));
    }
    if allow_escape {
        return None;
    }
    if name.contains("..") {
        return Some(format!(
            "Output file names must never have a relative path. ({name}). \
             Use --unsafe_allow_out_dir_escape to disable this error if intentional."
        ));
    }
    let b = name.as_bytes();
    let drive =
        b.len() > 2 && b[0].is_ascii_alphabetic() && b[1] == b':' && matches!(b[2], b'/' | b'\\');
    if name.starts_with(['/', '\\']) || drive {
        return Some(format!(
            "Output file names must be relative to the output directory ({name}). \
             Use --unsafe_allow_out_dir_escape to disable this error if intentional."
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::test_support::response;

    #[test]
    fn a_name_with_dots_fails_the_whole_plan() {
        let dir = tempfile::tempdir().expect("tempdir");
        let loc = dir.path().to_str().expect("utf8");
        let mut outs = Outputs::default();
        outs.directory(loc)
            .apply(
                response(&[("sub/ok.py", "x"), ("../bad.py", "y")]),
                "--x_out",
            )
            .expect("applies");
        match outs.targets(false) {
            Err(WriteError::Line(l)) => assert!(l.contains("(../bad.py)"), "{l}"),
            other => panic!("{other:?}"),
        }
        assert_eq!(outs.targets(true).expect("allowed").len(), 2);
    }

    #[test]
    fn archive_entries_with_dots_are_refused_unless_allowed() {
        // protoc writes `../x` into the archive as is; protoc-rs refuses it like a directory's.
        let mut outs = Outputs::default();
        outs.directory("/nonexistent-protoc-rs/out.zip")
            .apply(response(&[("ok.py", "x"), ("../up.py", "y")]), "--x_out")
            .expect("applies");
        match outs.targets(false) {
            Err(WriteError::Line(l)) => assert_eq!(
                l,
                "Output file names must never have a relative path. (../up.py). Use \
                 --unsafe_allow_out_dir_escape to disable this error if intentional."
            ),
            other => panic!("{other:?}"),
        }
        let targets = outs.targets(true).expect("allowed");
        assert_eq!(targets.len(), 1, "one archive, its directory not checked");
        assert_eq!(targets[0].path, "/nonexistent-protoc-rs/out.zip");
        assert!(
            targets[0]
                .bytes
                .joined()
                .windows(9)
                .any(|w| w == b"../up.pyy")
        );
        assert_eq!(
            outs.directory_paths(),
            [
                "/nonexistent-protoc-rs/out.zip../up.py",
                "/nonexistent-protoc-rs/out.zipok.py"
            ]
        );
    }

    #[test]
    fn refused_names() {
        assert!(name_refusal("a/b.txt", false).is_none());
        for bad in [
            "../x",
            "a/../../x",
            "..\\x",
            "a..b.txt",
            "/abs/x",
            "C:\\x",
            "\\x",
        ] {
            assert!(name_refusal(bad, false).is_some(), "{bad}");
            assert!(name_refusal(bad, true).is_none(), "{bad}");
        }
        assert!(name_refusal("a\0b", true).is_some());
    }

    #[test]
    fn missing_directory() {
        let mut outs = Outputs::default();
        outs.directory("/nonexistent-protoc-rs")
            .apply(response(&[("a", "")]), "--x_out")
            .expect("applies");
        assert_eq!(
            outs.targets(false).err(),
            Some(WriteError::Line(
                "/nonexistent-protoc-rs/: No such file or directory".to_string()
            ))
        );
    }

    #[test]
    fn order_and_last_write_wins() {
        let dir = tempfile::tempdir().expect("tempdir");
        let loc = dir.path().to_str().expect("utf8");
        let mut outs = Outputs::default();
        outs.directory(loc)
            .apply(response(&[("b", "1"), ("a", "2")]), "--x_out")
            .expect("applies");
        outs.add_file(&format!("{loc}/a"), b"3".to_vec());
        outs.add_file("x.pb", b"4".to_vec());
        let got: Vec<(String, Vec<u8>)> = outs
            .targets(false)
            .expect("targets")
            .into_iter()
            .map(|t| (t.path.replace(loc, "D"), t.bytes.joined().into_owned()))
            .collect();
        assert_eq!(
            got,
            [
                ("D/b".to_string(), b"1".to_vec()),
                ("D/a".to_string(), b"3".to_vec()),
                ("x.pb".to_string(), b"4".to_vec()),
            ]
        );
        assert_eq!(
            outs.directory_paths(),
            [format!("{loc}/a"), format!("{loc}/b")]
        );
    }
}
