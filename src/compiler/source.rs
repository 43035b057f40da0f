//! Source tree: `-I` mappings (`virtual=disk`), input-file to virtual-name mapping, and the
//! bundled include directory (protoc's `include/`), searched last.
//!
//! This mirrors protoc's `DiskSourceTree` (importer.cc): paths are compared as strings after
//! a light canonicalisation (drop `.` and empty segments), never through the file system, so
//! `-I/abs` and a relative input naming the same file do not match. The bundled files take
//! the place of the `include/` directory protoc finds next to its binary: they behave like
//! one more mapping after every `-I`, but are shown by their virtual name.
//!
//! Unix only: protoc's Windows rules (backslash separators, drive letters) are not copied.

use std::fs;
use std::io;

use crate::os_error::strerror;
use crate::release::Release;

/// Where `.proto` files come from: `-I` directories, then the bundled include directory.
pub trait SourceTree: Sync {
    /// Opens a file by its virtual name (`google/protobuf/any.proto`).
    fn open(&self, virtual_name: &str) -> Result<SourceFile, OpenError>;

    /// A pre-built file of that name (`--descriptor_set_in`), consulted when `open` fails.
    fn descriptor(&self, _virtual_name: &str) -> Option<crate::descriptor::decode::Decoded> {
        None
    }
}

/// A file read from a source tree.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub contents: Vec<u8>,
    /// How diagnostics name the file: its disk path (`protos/a.proto`) or, for a bundled
    /// file, its virtual name.
    pub display_name: String,
}

/// Why a file could not be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenError {
    /// Not found anywhere: protoc prints `x.proto: File not found.`
    NotFound,
    /// Found but unreadable (a directory, permissions): protoc prints the message given.
    Unreadable(String),
}

/// The most protoc-rs reads of one `.proto` file: 128 MiB, thirty times the largest file of
/// googleapis. NB: protoc has no bound: given `/dev/zero` it reports its first error after
/// 5 MB and reads on until memory runs out; protoc-rs stops here with an error.
pub const MAX_SOURCE_BYTES: u64 = 128 << 20;

/// The message for a file longer than [`MAX_SOURCE_BYTES`] (protoc-rs's own: protoc has none).
fn too_large() -> String {
    format!(
        "File too large: protoc-rs reads at most {} MiB of a .proto file.",
        MAX_SOURCE_BYTES >> 20
    )
}

/// Reads a whole opened `.proto` file (a pipe or a device too, as protoc reads them) up to
/// [`MAX_SOURCE_BYTES`]; `Ok(None)` when it is longer. `len` is its length where it has one
/// (a pipe reports 0).
fn read_source(file: fs::File, len: u64) -> io::Result<Option<Vec<u8>>> {
    use io::Read;
    // Sized from the file's length (`take` hides it from `read_to_end`, which would otherwise
    // read a small file 32 bytes at a time, doubling).
    let mut bytes = Vec::with_capacity(len.min(MAX_SOURCE_BYTES) as usize + 1);
    file.take(MAX_SOURCE_BYTES + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= MAX_SOURCE_BYTES).then_some(bytes))
}

/// The message protoc gives for a virtual path that is not canonical.
const NON_CANONICAL: &str =
    "Backslashes, consecutive slashes, \".\", or \"..\" are not allowed in the virtual path";

macro_rules! bundled {
    ($table:ident, $release:literal: $($name:literal),* $(,)?) => {
        /// A release's bundled include directory (`include/X.Y/`): virtual name and
        /// contents, sorted by name.
        static $table: &[(&str, &[u8])] = &[
            $((
                $name,
                include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/include/", $release, "/", $name)),
            )),*
        ];
    };
}

bundled!(
    BUNDLED_35_1, "35.1":
    "google/protobuf/any.proto",
    "google/protobuf/api.proto",
    "google/protobuf/c_sharp_features.proto",
    "google/protobuf/compiler/plugin.proto",
    "google/protobuf/cpp_features.proto",
    "google/protobuf/descriptor.proto",
    "google/protobuf/duration.proto",
    "google/protobuf/empty.proto",
    "google/protobuf/field_mask.proto",
    "google/protobuf/go_features.proto",
    "google/protobuf/java_features.proto",
    "google/protobuf/source_context.proto",
    "google/protobuf/struct.proto",
    "google/protobuf/timestamp.proto",
    "google/protobuf/type.proto",
    "google/protobuf/wrappers.proto",
);

bundled!(
    BUNDLED_36_2, "36.2":
    "google/protobuf/any.proto",
    "google/protobuf/api.proto",
    "google/protobuf/c_sharp_features.proto",
    "google/protobuf/compiler/plugin.proto",
    "google/protobuf/cpp_features.proto",
    "google/protobuf/cpp_file_options.proto",
    "google/protobuf/cpp_options.proto",
    "google/protobuf/descriptor.proto",
    "google/protobuf/duration.proto",
    "google/protobuf/empty.proto",
    "google/protobuf/field_mask.proto",
    "google/protobuf/go_features.proto",
    "google/protobuf/java_features.proto",
    "google/protobuf/json_enumvalue_options.proto",
    "google/protobuf/json_options.proto",
    "google/protobuf/source_context.proto",
    "google/protobuf/struct.proto",
    "google/protobuf/timestamp.proto",
    "google/protobuf/type.proto",
    "google/protobuf/wrappers.proto",
);

/// A release's bundled include directory: protoc's native `include/` tree of that release.
fn bundled(release: Release) -> &'static [(&'static str, &'static [u8])] {
    match release {
        Release::V35_1 => BUNDLED_35_1,
        Release::V36_2 => BUNDLED_36_2,
    }
}

/// The contents of a release's bundled include file (`google/protobuf/descriptor.proto`), if
/// bundled.
pub fn bundled_file(release: Release, name: &str) -> Option<&'static [u8]> {
    let table = bundled(release);
    table
        .binary_search_by(|(n, _)| (*n).cmp(name))
        .ok()
        .map(|i| table[i].1)
}

/// Names of every file of a release's bundled include directory, sorted.
pub fn bundled_names(release: Release) -> impl Iterator<Item = &'static str> {
    bundled(release).iter().map(|(n, _)| *n)
}

/// One `-I` entry: files under `virtual_path` live under `disk_path`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping {
    /// As given on the command line (protoc does not canonicalise this half).
    pub virtual_path: String,
    /// Canonicalised.
    pub disk_path: String,
}

/// Where a virtual name was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
    /// Through a `-I` mapping; the disk path as protoc spells it (`/abs//a.proto` for
    /// `-I/abs/`).
    Disk(String),
    /// In the bundled include directory.
    Bundled(&'static [u8]),
}

/// A located file, opened when it is on disk (with its length, 0 where it has none).
enum Found {
    Disk(String, fs::File, u64),
    Bundled(&'static [u8]),
}

/// The result of mapping a disk path back to a virtual name (protoc's
/// `DiskFileToVirtualFileResult`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DiskToVirtual {
    Success(String),
    /// A mapping earlier on the path has a file with the same virtual name (its disk path).
    Shadowed(String),
    /// Mapped, but unreadable: the reason.
    CannotOpen(String),
    NoMapping,
}

/// protoc's `DiskSourceTree` plus the bundled include directory.
#[derive(Clone, Debug, Default)]
pub struct DiskSourceTree {
    mappings: Vec<Mapping>,
    /// Whose bundled include directory is searched last.
    release: Release,
}

impl DiskSourceTree {
    pub fn new() -> Self {
        Self::default()
    }

    /// A tree whose bundled include directory is `release`'s.
    pub fn for_release(release: Release) -> Self {
        Self {
            mappings: Vec::new(),
            release,
        }
    }

    /// Adds a `-I` entry after the existing ones.
    pub fn map_path(&mut self, virtual_path: &str, disk_path: &str) {
        self.mappings.push(Mapping {
            virtual_path: virtual_path.to_string(),
            disk_path: canonicalize_path(disk_path),
        });
    }

    pub fn mappings(&self) -> &[Mapping] {
        &self.mappings
    }

    /// Finds a virtual name: the first mapping whose file opens, then the bundled files.
    pub fn locate(&self, virtual_name: &str) -> Result<Location, OpenError> {
        Ok(match self.locate_open(virtual_name)? {
            Found::Disk(disk, ..) => Location::Disk(disk),
            Found::Bundled(bytes) => Location::Bundled(bytes),
        })
    }

    /// [`Self::locate`], with the disk file it opened (and its length) kept open for reading:
    /// opening a file once instead of twice saves half the system calls of loading it.
    fn locate_open(&self, virtual_name: &str) -> Result<Found, OpenError> {
        if virtual_name != canonicalize_path(virtual_name)
            || contains_parent_reference(virtual_name)
        {
            // NB: protoc rejects these so that one file cannot have two names. On Unix its
            // canonicalisation leaves backslashes alone, so `a\b.proto` is merely not found,
            // despite the message.
            return Err(OpenError::Unreadable(NON_CANONICAL.to_string()));
        }
        for m in &self.mappings {
            let Some(disk) = apply_mapping(virtual_name, &m.virtual_path, &m.disk_path) else {
                continue;
            };
            match open_disk_file(&disk) {
                Ok((file, len)) => return Ok(Found::Disk(disk, file, len)),
                // NB: protoc stops at an unreadable file instead of trying later mappings;
                // a directory or a missing file moves on.
                Err(DiskOpenError::Io(e)) if e.kind() == io::ErrorKind::PermissionDenied => {
                    return Err(OpenError::Unreadable(format!(
                        "Read access is denied for file: {disk}"
                    )));
                }
                Err(_) => {}
            }
        }
        match bundled_file(self.release, virtual_name) {
            Some(bytes) => Ok(Found::Bundled(bytes)),
            None => Err(OpenError::NotFound),
        }
    }

    /// How diagnostics name a virtual file: its disk path, or the virtual name itself when
    /// it is bundled or cannot be found (protoc's `ErrorPrinter` falls back the same way).
    pub fn display_name(&self, virtual_name: &str) -> String {
        match self.locate(virtual_name) {
            Ok(Location::Disk(d)) => d,
            _ => virtual_name.to_string(),
        }
    }

    /// Maps a disk path back to its virtual name through the first mapping that covers it.
    pub fn disk_to_virtual(&self, disk_file: &str) -> DiskToVirtual {
        let canonical = canonicalize_path(disk_file);
        let Some((index, virtual_name)) = self.mappings.iter().enumerate().find_map(|(i, m)| {
            apply_mapping(&canonical, &m.disk_path, &m.virtual_path).map(|v| (i, v))
        }) else {
            return DiskToVirtual::NoMapping;
        };
        // An earlier mapping that has a file of the same virtual name would win every import
        // of it, so compiling this file under that name would be a lie.
        for m in &self.mappings[..index] {
            if let Some(shadow) = apply_mapping(&virtual_name, &m.virtual_path, &m.disk_path)
                && fs::metadata(&shadow).is_ok()
            {
                return DiskToVirtual::Shadowed(shadow);
            }
        }
        // NB: protoc opens the path as given, not the canonical one, which also catches
        // `missing_dir/../a.proto`-style paths canonicalisation would have hidden.
        match open_disk_file(disk_file) {
            Ok(_) => DiskToVirtual::Success(virtual_name),
            Err(DiskOpenError::Directory) => {
                DiskToVirtual::CannotOpen("Input file is a directory.".to_string())
            }
            Err(DiskOpenError::Io(e)) => DiskToVirtual::CannotOpen(strerror(&e)),
        }
    }

    /// Turns a command-line input into the virtual name it is compiled under (protoc's
    /// `MakeProtoProtoPathRelative`). The error is the whole line protoc prints.
    pub fn map_input(&self, input: &str) -> Result<String, String> {
        self.map_input_with_fallback(input, false)
    }

    /// `map_input` when `--descriptor_set_in` is given: `in_sets` says whether the sets hold
    /// a file named `input`, which then stands as a virtual name wherever protoc would
    /// otherwise fail (every failure but shadowing).
    pub fn map_input_with_fallback(&self, input: &str, in_sets: bool) -> Result<String, String> {
        // NB: protoc decides between "disk path" and "virtual name" by whether the string
        // names an existing file relative to the working directory.
        if fs::metadata(input).is_err() {
            return match self.locate(input) {
                Ok(_) => Ok(input.to_string()),
                Err(_) if in_sets => Ok(input.to_string()),
                Err(_) => Err(format!(
                    "Could not make proto path relative: {input}: No such file or directory"
                )),
            };
        }
        match self.disk_to_virtual(input) {
            DiskToVirtual::Success(v) => Ok(v),
            DiskToVirtual::Shadowed(shadow) => Err(format!(
                "{input}: Input is shadowed in the --proto_path by \"{shadow}\".  Either use the \
                 latter file as your input or reorder the --proto_path so that the former \
                 file's location comes first."
            )),
            DiskToVirtual::CannotOpen(_) if in_sets => Ok(input.to_string()),
            DiskToVirtual::CannotOpen(why) => {
                Err(format!("Could not map to virtual file: {input}: {why}"))
            }
            DiskToVirtual::NoMapping => match self.locate(input) {
                Ok(_) => Ok(input.to_string()),
                Err(_) if in_sets => Ok(input.to_string()),
                Err(_) => Err(format!(
                    "{input}: File does not reside within any path specified using \
                     --proto_path (or -I).  You must specify a --proto_path which encompasses \
                     this file.  Note that the proto_path must be an exact prefix of the .proto \
                     file names -- protoc is too dumb to figure out when two paths (e.g. \
                     absolute and relative) are equivalent (it's harder than you think)."
                )),
            },
        }
    }
}

impl SourceTree for DiskSourceTree {
    fn open(&self, virtual_name: &str) -> Result<SourceFile, OpenError> {
        match self.locate_open(virtual_name)? {
            Found::Disk(disk, file, len) => match read_source(file, len) {
                Ok(Some(contents)) => Ok(SourceFile {
                    contents,
                    display_name: disk,
                }),
                Ok(None) => Err(OpenError::Unreadable(too_large())),
                Err(e) => Err(OpenError::Unreadable(strerror(&e))),
            },
            Found::Bundled(bytes) => Ok(SourceFile {
                contents: bytes.to_vec(),
                display_name: virtual_name.to_string(),
            }),
        }
    }
}

enum DiskOpenError {
    Directory,
    Io(io::Error),
}

/// protoc's `OpenDiskFile`: a directory is refused, anything else opened; the open file and
/// its length (0 where it has none).
fn open_disk_file(path: &str) -> Result<(fs::File, u64), DiskOpenError> {
    // protoc asks whether the path is a directory before opening it. Opening first and asking
    // the open file gives the same answers with one system call less per file (the corpus
    // opens thousands): opening a directory read-only succeeds, and only a directory that
    // cannot be opened needs the path asked after all.
    match fs::File::open(path) {
        Ok(file) => match file.metadata() {
            Ok(m) if m.is_dir() => Err(DiskOpenError::Directory),
            Ok(m) => Ok((file, m.len())),
            Err(_) => Ok((file, 0)),
        },
        Err(e)
            if e.kind() != io::ErrorKind::NotFound
                && fs::metadata(path).is_ok_and(|m| m.is_dir()) =>
        {
            Err(DiskOpenError::Directory)
        }
        Err(e) => Err(DiskOpenError::Io(e)),
    }
}

/// protoc's `CanonicalizePath`: drops `.` and empty segments, keeps a leading and a trailing
/// `/`. `..` is kept (resolving it would need the file system).
pub fn canonicalize_path(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    if path.starts_with('/') {
        parts.push("");
    }
    parts.extend(path.split('/').filter(|p| !p.is_empty() && *p != "."));
    if path.ends_with('/') {
        parts.push("");
    }
    parts.join("/")
}

fn contains_parent_reference(path: &str) -> bool {
    path == ".." || path.starts_with("../") || path.ends_with("/..") || path.contains("/../")
}

/// protoc's `ApplyMapping`: replaces `old_prefix` (a whole number of segments) at the start
/// of `filename` by `new_prefix`. An empty `old_prefix` matches any relative path.
fn apply_mapping(filename: &str, old_prefix: &str, new_prefix: &str) -> Option<String> {
    let join = |rest: &str| {
        let mut out = new_prefix.to_string();
        // NB: protoc always adds the separator, so `-I/abs/` yields `/abs//a.proto`.
        if !out.is_empty() {
            out.push('/');
        }
        out.push_str(rest);
        out
    };
    if old_prefix.is_empty() {
        if contains_parent_reference(filename) || filename.starts_with('/') {
            return None;
        }
        return Some(join(filename));
    }
    let rest = filename.strip_prefix(old_prefix)?;
    if rest.is_empty() {
        return Some(new_prefix.to_string());
    }
    let after = if let Some(stripped) = rest.strip_prefix('/') {
        stripped
    } else if old_prefix.ends_with('/') {
        rest
    } else {
        // `foo` is not a prefix of `foobar`.
        return None;
    };
    if contains_parent_reference(after) {
        return None;
    }
    Some(join(after))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonicalize() {
        assert_eq!(canonicalize_path("."), "");
        assert_eq!(canonicalize_path("./a//b/./c"), "a/b/c");
        assert_eq!(canonicalize_path("/tmp/o/"), "/tmp/o/");
        assert_eq!(canonicalize_path("a/../b"), "a/../b");
        assert_eq!(canonicalize_path("a\\b"), "a\\b");
    }

    #[test]
    fn mapping() {
        assert_eq!(
            apply_mapping("foo/bar", "", "baz").as_deref(),
            Some("baz/foo/bar")
        );
        assert_eq!(
            apply_mapping("foo/bar", "foo", "baz").as_deref(),
            Some("baz/bar")
        );
        assert_eq!(apply_mapping("foo", "foo", "bar").as_deref(), Some("bar"));
        assert_eq!(apply_mapping("foo/bar", "baz", "qux"), None);
        assert_eq!(apply_mapping("foobar", "foo", "baz"), None);
        assert_eq!(apply_mapping("/a/b", "", "x"), None);
        assert_eq!(apply_mapping("../b", "", "x"), None);
        assert_eq!(
            apply_mapping("a.proto", "", "/t/").as_deref(),
            Some("/t//a.proto")
        );
        assert_eq!(
            apply_mapping("/t/a.proto", "/t/", "").as_deref(),
            Some("a.proto")
        );
        assert_eq!(apply_mapping("a.proto", "", "").as_deref(), Some("a.proto"));
    }

    #[test]
    fn bundled_lookup() {
        for r in Release::ALL {
            assert!(bundled_file(r, "google/protobuf/descriptor.proto").is_some());
            assert!(bundled_file(r, "google/protobuf/compiler/plugin.proto").is_some());
            assert!(bundled_file(r, "google/protobuf/c_sharp_features.proto").is_some());
            assert!(bundled_file(r, "google/protobuf/nope.proto").is_none());
            let names: Vec<_> = bundled_names(r).collect();
            let mut sorted = names.clone();
            sorted.sort_unstable();
            assert_eq!(names, sorted, "binary search needs sorted names");
        }
        // 36.2's four new files exist in its tree only.
        let only_36: Vec<_> = bundled_names(Release::V36_2)
            .filter(|n| bundled_file(Release::V35_1, n).is_none())
            .collect();
        assert_eq!(
            only_36,
            [
                "google/protobuf/cpp_file_options.proto",
                "google/protobuf/cpp_options.proto",
                "google/protobuf/json_enumvalue_options.proto",
                "google/protobuf/json_options.proto"
            ]
        );
    }

    #[test]
    fn bundled_tables_list_every_file_of_include() {
        // A file added to include/X.Y/ but not to its table would silently not be bundled.
        for r in Release::ALL {
            let root = format!("{}/include/{}", env!("CARGO_MANIFEST_DIR"), r.name());
            let mut on_disk = Vec::new();
            let mut stack = vec![std::path::PathBuf::from(&root)];
            while let Some(d) = stack.pop() {
                for e in fs::read_dir(&d).expect("include dir") {
                    let p = e.expect("entry").path();
                    if p.is_dir() {
                        stack.push(p);
                    } else {
                        let rel = p.strip_prefix(&root).expect("under root");
                        on_disk.push(rel.to_str().expect("utf8").replace('\\', "/"));
                    }
                }
            }
            on_disk.sort();
            assert_eq!(on_disk, bundled_names(r).collect::<Vec<_>>(), "{r}");
        }
    }

    #[test]
    fn bundled_is_last_and_shown_by_virtual_name() {
        let tree = DiskSourceTree::new();
        let f = tree.open("google/protobuf/any.proto").expect("bundled");
        assert_eq!(f.display_name, "google/protobuf/any.proto");
        assert_eq!(tree.open("nope.proto").unwrap_err(), OpenError::NotFound);
        assert_eq!(
            tree.open("./a.proto").unwrap_err(),
            OpenError::Unreadable(NON_CANONICAL.to_string())
        );
    }

    fn disk_fixture() -> (tempfile::TempDir, String) {
        let dir = tempfile::tempdir().expect("tempdir");
        let d = dir.path().to_str().expect("utf8").to_string();
        fs::create_dir_all(format!("{d}/sub/google/protobuf")).expect("mkdir");
        fs::write(format!("{d}/a.proto"), "top").expect("write");
        fs::write(format!("{d}/sub/a.proto"), "sub").expect("write");
        fs::write(format!("{d}/sub/google/protobuf/any.proto"), "mine").expect("write");
        (dir, d)
    }

    #[test]
    fn disk_files_through_mappings() {
        let (_dir, d) = disk_fixture();
        let mut tree = DiskSourceTree::new();
        tree.map_path("", &format!("{d}/"));
        tree.map_path("foo", &format!("{d}/./sub"));
        let a = tree.open("a.proto").expect("a");
        // The trailing slash of `-I` survives into the shown path.
        assert_eq!(a.display_name, format!("{d}//a.proto"));
        assert_eq!(a.contents, b"top");
        let foo = tree.open("foo/a.proto").expect("foo/a");
        assert_eq!(foo.display_name, format!("{d}/sub/a.proto"));
        assert_eq!(
            tree.open("foo/nope.proto").unwrap_err(),
            OpenError::NotFound
        );
        // A directory is skipped, then not found.
        assert_eq!(tree.open("sub").unwrap_err(), OpenError::NotFound);
        assert_eq!(
            tree.open("foo//a.proto").unwrap_err(),
            OpenError::Unreadable(NON_CANONICAL.to_string())
        );
        assert_eq!(
            tree.open("foo/../a.proto").unwrap_err(),
            OpenError::Unreadable(NON_CANONICAL.to_string())
        );
    }

    #[test]
    fn disk_files_win_over_bundled() {
        let (_dir, d) = disk_fixture();
        let mut tree = DiskSourceTree::new();
        tree.map_path("", &format!("{d}/sub"));
        let f = tree.open("google/protobuf/any.proto").expect("any");
        assert_eq!(f.contents, b"mine");
        assert_eq!(f.display_name, format!("{d}/sub/google/protobuf/any.proto"));
        let f = tree.open("google/protobuf/empty.proto").expect("empty");
        assert_eq!(f.display_name, "google/protobuf/empty.proto");
        assert_eq!(
            tree.display_name("google/protobuf/empty.proto"),
            f.display_name
        );
    }

    #[test]
    fn inputs_to_virtual_names() {
        let (_dir, d) = disk_fixture();
        let mut tree = DiskSourceTree::new();
        tree.map_path("", &format!("{d}/sub"));
        tree.map_path("", &d);
        assert_eq!(
            tree.map_input(&format!("{d}/sub/a.proto")),
            Ok("a.proto".into())
        );
        assert_eq!(
            tree.map_input(&format!("{d}//./sub/a.proto")),
            Ok("a.proto".into())
        );
        assert_eq!(
            tree.map_input(&format!("{d}/a.proto")),
            Err(format!(
                "{d}/a.proto: Input is shadowed in the --proto_path by \"{d}/sub/a.proto\".  \
                 Either use the latter file as your input or reorder the --proto_path so that \
                 the former file's location comes first."
            ))
        );
        // Not on disk: taken as a virtual name, bundled files included.
        assert_eq!(
            tree.map_input("google/protobuf/empty.proto"),
            Ok("google/protobuf/empty.proto".into())
        );
        assert_eq!(
            tree.map_input("google/protobuf/nope.proto"),
            Err(
                "Could not make proto path relative: google/protobuf/nope.proto: No such file \
                 or directory"
                    .into()
            )
        );
        assert_eq!(
            tree.map_input(&format!("{d}/sub")),
            Err(format!(
                "Could not map to virtual file: {d}/sub: Input file is a directory."
            ))
        );
        let mut virt = DiskSourceTree::new();
        virt.map_path("v", &format!("{d}/sub"));
        assert_eq!(
            virt.map_input(&format!("{d}/sub/a.proto")),
            Ok("v/a.proto".into())
        );
        let outside = DiskSourceTree::new();
        assert!(
            outside
                .map_input(&format!("{d}/a.proto"))
                .is_err_and(|e| e.contains("File does not reside within any path"))
        );
    }
}
