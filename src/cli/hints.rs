//! protoc-rs's hints: after protoc's own text, one line `protoc-rs: hint: ...` for a common
//! mistake whose fix protoc-rs can name for certain (the file system is checked before anything
//! is suggested; without certainty, no line). protoc prints nothing like them
//! (command_line_interface.cc), so they are for a person: `--hints=auto`, the default, prints
//! them only when stderr is a terminal, so build tools and CI keep reading protoc's exact bytes;
//! `always` and `never` force it. The flag wins over `PROTOC_RS_HINTS`, which wins over the
//! entry point's default (`never` for the Python package: `cli::entry`).
//!
//! The stage that failed asks for its hint and [`Hints`] prints them all after everything protoc
//! printed (`run`; `plugin_output` for a plugin):
//!
//! - an input under no `-I`, or not found: the `-I` that maps it ([`unmapped_input`]);
//! - an import not found: the `-I` under which it is, or where googleapis' files come from
//!   ([`missing_import`]);
//! - an output directory that does not exist ([`missing_output_dirs`]);
//! - a plugin that cannot be started ([`plugin_not_found`]);
//! - a `protoc-gen-grpc`/`protoc-gen-rust` on `PATH` that protoc would run where protoc-rs ran
//!   its own generator ([`plugin_on_path`]).

use std::borrow::Cow;
use std::fs;
use std::path::{Path, PathBuf};

use super::console::Console;
use super::generators;
use crate::compiler::source::{self, DiskSourceTree, DiskToVirtual};
use crate::diagnostics::Diagnostic;
use crate::generator::plugin::Plugin;
use crate::release::Release;

/// The flag: `--hints=auto|always|never`.
pub const FLAG: &str = "--hints";

/// The environment variable read when the flag is absent.
pub const ENV_VAR: &str = "PROTOC_RS_HINTS";

/// How every hint line starts.
const PREFIX: &str = "protoc-rs: hint: ";

/// When hints are printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum When {
    /// When stderr is a terminal.
    #[default]
    Auto,
    Always,
    Never,
}

impl When {
    pub fn parse(value: &str) -> Option<When> {
        match value {
            "auto" => Some(When::Auto),
            "always" => Some(When::Always),
            "never" => Some(When::Never),
            _ => None,
        }
    }
}

/// The line refusing `value` for `source` (the flag or the environment variable).
pub fn unknown_value(source: &str, value: &str) -> String {
    format!("{source}: unknown value \"{value}\"; protoc-rs takes auto, always or never.")
}

/// Whether this run prints hints: `flag` (`--hints`), else `env` (`PROTOC_RS_HINTS`, unless
/// empty), else the entry point's `default`; `auto` means `terminal` (stderr is one). The error
/// is the line to print.
pub fn shown(
    flag: Option<When>,
    env: Option<&str>,
    default: When,
    terminal: bool,
) -> Result<bool, String> {
    let when = match (flag, env) {
        (Some(when), _) => when,
        (None, Some(value)) if !value.is_empty() => {
            When::parse(value).ok_or_else(|| unknown_value(ENV_VAR, value))?
        }
        _ => default,
    };
    Ok(match when {
        When::Auto => terminal,
        When::Always => true,
        When::Never => false,
    })
}

/// The hints of one run, printed after everything protoc printed.
#[derive(Debug, Default)]
pub struct Hints {
    shown: bool,
    lines: Vec<String>,
    /// protoc's last line was printed without its newline (a failed write of a generated file).
    partial_line: bool,
}

impl Hints {
    pub fn new(shown: bool) -> Hints {
        Hints {
            shown,
            ..Hints::default()
        }
    }

    /// Adds the line `make` finds; it is only asked when hints are shown, so the probes behind
    /// it (the file system, `PATH`) cost nothing otherwise. A line already added is not
    /// repeated.
    pub fn add(&mut self, make: impl FnOnce() -> Option<String>) {
        if !self.shown {
            return;
        }
        if let Some(line) = make()
            && !self.lines.contains(&line)
        {
            self.lines.push(line);
        }
    }

    /// protoc's last line ended without a newline: the hints start on a line of their own.
    pub fn after_partial_line(&mut self) {
        self.partial_line = true;
    }

    pub fn print(self, con: &mut Console) {
        if self.lines.is_empty() {
            return;
        }
        if self.partial_line {
            let _ = con.err.write_all(b"\n");
        }
        for line in &self.lines {
            con.err_line(line);
        }
    }
}

/// The `-I` directories of a run, as given, and the release whose bundled files stand behind
/// them.
#[derive(Clone, Copy, Debug)]
pub struct ProtoPath<'a> {
    /// `(virtual, disk)` pairs, in order.
    pub mappings: &'a [(String, String)],
    /// No `-I` was given: `mappings` is protoc's default `.`, which any `-I` replaces.
    pub default: bool,
    pub release: Release,
}

impl ProtoPath<'_> {
    /// The source tree of the run.
    fn tree(&self) -> DiskSourceTree {
        let mut tree = DiskSourceTree::for_release(self.release);
        for (virt, disk) in self.mappings {
            tree.map_path(virt, disk);
        }
        tree
    }

    /// The source tree with `-I dir` added (the default `.` gone, as it would be).
    fn with(&self, dir: &str) -> DiskSourceTree {
        let mut tree = DiskSourceTree::for_release(self.release);
        if !self.default {
            for (virt, disk) in self.mappings {
                tree.map_path(virt, disk);
            }
        }
        tree.map_path("", dir);
        tree
    }

    /// The plain `-I` directories given (no `VIRTUAL=` part), not the default `.`.
    fn given_dirs(&self) -> impl Iterator<Item = &str> {
        self.mappings
            .iter()
            .filter(|(virt, _)| !self.default && virt.is_empty())
            .map(|(_, disk)| disk.as_str())
    }
}

/// After protoc's line for an input it could not map (`Could not make proto path relative:
/// x.proto: No such file or directory`, `x.proto: File does not reside within any path
/// specified using --proto_path (or -I)...`): the `-I` that maps it.
pub fn unmapped_input(input: &str, paths: &ProtoPath) -> Option<String> {
    if fs::metadata(input).is_err() {
        return input_under_a_parent(input, paths);
    }
    if !Path::new(input).is_file()
        || paths.tree().disk_to_virtual(input) != DiskToVirtual::NoMapping
    {
        return None;
    }
    respelled_proto_path(input, paths).or_else(|| proto_root(input, paths))
}

/// An input that is no file but a name under a directory above one of the `-I` directories
/// (`-I protos/foo foo/a.proto` for `protos/foo/a.proto`).
fn input_under_a_parent(input: &str, paths: &ProtoPath) -> Option<String> {
    if input.starts_with('/') {
        return None;
    }
    let dirs: Vec<&str> = if paths.default {
        vec!["."]
    } else {
        paths.given_dirs().collect()
    };
    for dir in dirs {
        for parent in parents(dir) {
            let found = under(&parent, input);
            if Path::new(&found).is_file() && paths.with(&parent).map_input(input).is_ok() {
                return Some(format!("{PREFIX}{found} exists: add -I {}", shell(&parent)));
            }
        }
    }
    None
}

/// protoc's "too dumb" case: a `-I` directory is the input's directory spelled another way
/// (absolute against relative, a symbolic link).
fn respelled_proto_path(input: &str, paths: &ProtoPath) -> Option<String> {
    let prefixes = prefixes(input);
    for dir in paths.given_dirs() {
        let Ok(real) = fs::canonicalize(dir) else {
            continue;
        };
        for (prefix, rest) in &prefixes {
            if fs::canonicalize(prefix).ok().as_ref() != Some(&real) {
                continue;
            }
            let respelled = under(dir, rest);
            if paths.tree().map_input(&respelled).is_ok() {
                return Some(format!(
                    "{PREFIX}-I {dir} is {prefix} written another way, and protoc compares them \
                     as written: name the input {}, or pass -I {}",
                    shell(&respelled),
                    shell(prefix)
                ));
            }
        }
    }
    None
}

/// Why a directory is suggested as the input's `-I`.
enum Root {
    /// It holds this import of the file.
    Import(String),
    /// The file's package is the path from it to the file.
    Package(String),
    /// The file's own directory.
    Directory,
}

/// The `-I` for an input on disk under none: the directory above it that holds the most of its
/// imports, else the root of its package's directories, else its own directory; each checked
/// to map the input.
fn proto_root(input: &str, paths: &ProtoPath) -> Option<String> {
    let prefixes = prefixes(input);
    let (imports, package) = read_small(input)
        .map(|text| scan(&text))
        .unwrap_or_default();
    let wanted: Vec<&String> = imports
        .iter()
        .filter(|name| source::bundled_file(paths.release, name).is_none())
        .collect();
    let mut candidates: Vec<(&str, Root)> = Vec::new();
    let mut best: Option<(usize, &str, &String)> = None;
    for (prefix, _) in &prefixes {
        let found: Vec<&&String> = wanted
            .iter()
            .filter(|name| Path::new(&under(prefix, name)).is_file())
            .collect();
        if let Some(first) = found.first()
            && best.is_none_or(|(n, _, _)| found.len() > n)
        {
            best = Some((found.len(), prefix, first));
        }
    }
    if let Some((_, prefix, import)) = best {
        candidates.push((prefix, Root::Import(import.clone())));
    }
    if let Some(package) = package {
        let dirs = package.replace('.', "/");
        if let Some((prefix, _)) = prefixes.iter().find(|(_, rest)| {
            rest.rsplit_once('/')
                .is_some_and(|(rest_dir, _)| rest_dir == dirs)
        }) {
            candidates.push((prefix, Root::Package(package)));
        }
    }
    if let Some((prefix, _)) = prefixes.first() {
        candidates.push((prefix, Root::Directory));
    }
    candidates.into_iter().find_map(|(dir, root)| {
        let DiskToVirtual::Success(name) = paths.with(dir).disk_to_virtual(input) else {
            return None;
        };
        let why = match root {
            Root::Import(import) => format!(", where its import {import} is"),
            Root::Package(package) => format!(", the root of its package {package}"),
            Root::Directory => ", the file's directory".to_string(),
        };
        Some(format!(
            "{PREFIX}add -I {}{why} (the file is then {name})",
            shell(dir)
        ))
    })
}

/// A file's text (its first MiB, lossily), to scan for its imports.
fn read_small(path: &str) -> Option<String> {
    const LIMIT: u64 = 1 << 20;
    let file = fs::File::open(path).ok()?;
    let mut text = Vec::new();
    std::io::Read::read_to_end(&mut std::io::Read::take(file, LIMIT), &mut text).ok()?;
    Some(String::from_utf8_lossy(&text).into_owned())
}

/// A `.proto` file's imports and package, read line by line (`import [public|weak|option]
/// "x";` and `package a.b;` at the start of a line): enough for a hint, no parse.
fn scan(text: &str) -> (Vec<String>, Option<String>) {
    let mut imports = Vec::new();
    let mut package = None;
    for line in text.lines() {
        let line = line.trim_start();
        if let Some(rest) = line.strip_prefix("import")
            && rest.starts_with([' ', '\t', '"', '\''])
            && let Some(start) = rest.find(['"', '\''])
        {
            let quote = &rest[start..start + 1];
            if let Some(len) = rest[start + 1..].find(quote) {
                imports.push(rest[start + 1..start + 1 + len].to_string());
            }
        } else if let Some(rest) = line.strip_prefix("package")
            && rest.starts_with([' ', '\t'])
            && package.is_none()
            && let Some((name, _)) = rest.split_once(';')
        {
            let name = name.trim();
            if !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_alphanumeric() || "._".contains(c))
            {
                package = Some(name.to_string());
            }
        }
    }
    (imports, package)
}

/// After protoc's `x.proto: File not found.` and `...: Import "x.proto" was not found or had
/// errors.`: the directory above the importing file that holds it, checked to keep every input
/// mapped; else, for a googleapis file, where those come from.
pub fn missing_import(
    diags: &[Diagnostic],
    inputs: &[String],
    paths: &ProtoPath,
) -> Option<String> {
    for d in diags {
        if d.warning || d.pos.is_some() || d.message != "File not found." {
            continue;
        }
        let name = &d.file;
        let marker = format!("Import \"{name}\" was not found or had errors.");
        let Some(importer) = diags.iter().find(|i| i.message == marker) else {
            continue;
        };
        for parent in parents(&importer.file) {
            let found = under(&parent, name);
            if !Path::new(&found).is_file() {
                continue;
            }
            let tree = paths.with(&parent);
            if tree.locate(name).is_err() {
                continue;
            }
            // The inputs that would no longer map, named from `parent` (above the working
            // directory: `bar.proto` in protos/foo is `../foo/bar.proto` from `..`).
            let mut renamed = Vec::new();
            for input in inputs {
                if tree.map_input(input).is_ok() {
                    continue;
                }
                match from_above(&parent, input) {
                    Some(respelled) if tree.map_input(&respelled).is_ok() => {
                        renamed.push(shell(&respelled).into_owned());
                    }
                    _ => {
                        renamed.clear();
                        break;
                    }
                }
            }
            if renamed.is_empty() && inputs.iter().any(|i| tree.map_input(i).is_err()) {
                continue;
            }
            let why = if paths.default {
                "no -I was given, so imports are looked up from the current directory; "
            } else {
                ""
            };
            let rename = match renamed.len() {
                0 => String::new(),
                1 => format!(" and name the input {}", renamed[0]),
                _ => {
                    let renamed: Vec<&str> = renamed.iter().map(String::as_str).collect();
                    format!(" and name the inputs {}", listed(&renamed))
                }
            };
            let at = if parent == "." {
                "under the current directory".to_string()
            } else {
                format!("at {found}")
            };
            return Some(format!(
                "{PREFIX}{why}{name} is {at}: add -I {}{rename}",
                shell(&parent)
            ));
        }
        if let Some(line) = googleapis(name) {
            return Some(line);
        }
    }
    None
}

/// `input` (relative to the working directory) as named from `dir`, a directory above the
/// working directory spelled `..`, `../..`: `from_above("..", "bar.proto")` in `protos/foo` is
/// `../foo/bar.proto`.
fn from_above(dir: &str, input: &str) -> Option<String> {
    if input.starts_with('/') || input.split('/').any(|p| p == "..") {
        return None;
    }
    let levels = dir.split('/').count();
    if dir.split('/').any(|p| p != "..") {
        return None;
    }
    let cwd = std::env::current_dir().ok()?;
    let names: Vec<String> = cwd
        .components()
        .filter_map(|c| match c {
            std::path::Component::Normal(n) => Some(n.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    let below = names.get(names.len().checked_sub(levels)?..)?;
    let input = input.trim_start_matches("./");
    Some(format!("{dir}/{}/{input}", below.join("/")))
}

/// googleapis' top directories under `google/` (npm's google-proto-files 5.0.3, which ships the
/// whole repository), `protobuf` excepted.
const GOOGLEAPIS: &[&str] = &[
    "actions",
    "ads",
    "ai",
    "analytics",
    "api",
    "appengine",
    "apps",
    "area120",
    "assistant",
    "bigtable",
    "bytestream",
    "chat",
    "chromeos",
    "cloud",
    "compute",
    "container",
    "dataflow",
    "datastore",
    "developers",
    "devicesandservices",
    "devtools",
    "example",
    "firebase",
    "firestore",
    "geo",
    "home",
    "iam",
    "identity",
    "logging",
    "longrunning",
    "maps",
    "marketingplatform",
    "monitoring",
    "networking",
    "partner",
    "privacy",
    "pubsub",
    "rpc",
    "search",
    "security",
    "shopping",
    "spanner",
    "storage",
    "storagetransfer",
    "streetview",
    "type",
    "watcher",
];

/// The directories whose files PyPI's googleapis-common-protos (1.76) ships all of, by the same
/// names (not `google/longrunning/`: it renames `operations.proto`).
const COMMON_PROTOS: &[&str] = &[
    "google/api/",
    "google/rpc/",
    "google/rpc/context/",
    "google/type/",
];

/// Where a googleapis file (`google/api/annotations.proto`) comes from: protoc bundles only
/// `google/protobuf/`.
fn googleapis(name: &str) -> Option<String> {
    let rest = name.strip_prefix("google/")?;
    let (top, _) = rest.split_once('/')?;
    if !GOOGLEAPIS.contains(&top) {
        return None;
    }
    let dir = &name[..name.rfind('/')? + 1];
    let pip = if COMMON_PROTOS.contains(&dir) {
        "pip install googleapis-common-protos, "
    } else {
        ""
    };
    Some(format!(
        "{PREFIX}only google/protobuf/ is bundled; {name} is part of googleapis \
         (https://github.com/googleapis/googleapis; {pip}npm install google-proto-files): pass \
         the directory holding its google/ with -I"
    ))
}

/// One place a run writes: the flag (`--python_out`, `-o`), the path as given, and whether it
/// is a directory (else a file: `-o`, `--dependency_out`, a `.zip`/`.jar`/`.srcjar`).
#[derive(Clone, Copy, Debug)]
pub struct Place<'a> {
    pub flag: &'a str,
    pub path: &'a str,
    pub directory: bool,
}

impl Place<'_> {
    /// How protoc names it in its error (a directory with its slash).
    fn named(&self) -> Cow<'_, str> {
        if self.directory && !self.path.ends_with('/') {
            Cow::Owned(format!("{}/", self.path))
        } else {
            Cow::Borrowed(self.path)
        }
    }

    /// The directory it needs, when that does not exist.
    fn missing_directory(&self) -> Option<&str> {
        let dir = if self.directory {
            self.path.trim_end_matches('/')
        } else {
            self.path.rsplit_once('/')?.0
        };
        let missing = !dir.is_empty()
            && fs::metadata(dir).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound);
        missing.then_some(dir)
    }
}

/// After protoc's `out/: No such file or directory` for a place of `places`: every flag whose
/// directory does not exist, and the `mkdir -p` that makes them.
pub fn missing_output_dirs(error: &str, places: &[Place]) -> Option<String> {
    let failed = error.strip_suffix(": No such file or directory")?;
    places
        .iter()
        .find(|p| p.named() == failed)?
        .missing_directory()?;
    let mut flags: Vec<&str> = Vec::new();
    let mut dirs: Vec<&str> = Vec::new();
    for place in places {
        if let Some(dir) = place.missing_directory() {
            if !flags.contains(&place.flag) {
                flags.push(place.flag);
            }
            if !dirs.contains(&dir) {
                dirs.push(dir);
            }
        }
    }
    let (what, verb) = if dirs.len() == 1 {
        ("directory", "does not exist (it is never created)")
    } else {
        ("directories", "do not exist (they are never created)")
    };
    let dirs: Vec<Cow<str>> = dirs.into_iter().map(shell).collect();
    Some(format!(
        "{PREFIX}the output {what} of {} {verb}: mkdir -p {}",
        listed(&flags),
        dirs.join(" ")
    ))
}

/// After protoc's lines for a plugin that could not be started (`protoc-gen-foo: program not
/// found or is not executable`): what is missing.
pub fn plugin_not_found(flag: &str, plugin: &Plugin) -> Option<String> {
    if plugin.prefix.is_some() {
        return None;
    }
    let name = &plugin.name;
    let Some(path) = &plugin.path else {
        let found = on_path(name);
        if found.iter().any(|p| executable(p)) {
            return None;
        }
        return Some(match found.first() {
            Some(p) => {
                let p = p.to_string_lossy();
                format!("{PREFIX}{p} is not executable: chmod +x {}", shell(&p))
            }
            None => format!(
                "{PREFIX}{flag} runs the plugin {name}, which is not on PATH: install it, or \
                 pass --plugin={name}=PATH"
            ),
        });
    };
    let file = Path::new(path);
    if fs::symlink_metadata(file).is_err() {
        Some(format!(
            "{PREFIX}--plugin={name}={path}: there is no file {path}"
        ))
    } else if file.is_file() && !executable(file) {
        Some(format!(
            "{PREFIX}{path} is not executable: chmod +x {}",
            shell(path)
        ))
    } else {
        None
    }
}

/// registry flags a full protoc has as built-ins of its own (grpcio-tools' protoc does not).
const FULL_PROTOC_BUILT_INS: &[&str] = &["--rust_out"];

/// After protoc-rs ran its own generator for `flag` (`--grpc_out`, `--rust_out`): the
/// `protoc-gen-NAME` on `PATH` that protoc would have run instead.
pub fn plugin_on_path(flag: &str) -> Option<String> {
    if generators::is_oracle_built_in(flag) {
        return None;
    }
    let name = generators::plugin_name(flag);
    let found = on_path(&name).into_iter().find(|p| executable(p))?;
    let found = found.to_string_lossy();
    let which = if FULL_PROTOC_BUILT_INS.contains(&flag) {
        format!("grpcio-tools' protoc would run (a full protoc has its own {flag})")
    } else {
        "protoc would run".to_string()
    };
    Some(format!(
        "{PREFIX}{flag} ran protoc-rs's own generator, not {found} found on PATH, which {which}: \
         pass --plugin={name}={} to run that one",
        shell(&found)
    ))
}

/// Every file named `name` in a `PATH` directory, in `PATH`'s order.
fn on_path(name: &str) -> Vec<PathBuf> {
    let Some(path) = std::env::var_os("PATH") else {
        return Vec::new();
    };
    std::env::split_paths(&path)
        .filter(|dir| !dir.as_os_str().is_empty())
        .map(|dir| dir.join(name))
        .filter(|p| p.is_file())
        .collect()
}

#[cfg(unix)]
fn executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn executable(path: &Path) -> bool {
    path.is_file()
}

/// The directories above `path` (a file's or a directory's, as written), nearest first,
/// spelled as `path` is: `protos/foo/a.proto` gives `protos/foo`, `protos`, `.`, then `..`,
/// `../..` up to the file system's root; `/abs/a.proto` gives `/abs`, `/`.
fn parents(path: &str) -> Vec<String> {
    const MAX: usize = 32;
    let absolute = path.starts_with('/');
    let mut parts: Vec<&str> = path
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    let mut climb = if absolute {
        0
    } else {
        std::env::current_dir().map_or(0, |d| d.components().count().saturating_sub(1))
    };
    let mut out = Vec::new();
    while out.len() < MAX {
        match parts.last() {
            Some(&"..") | None => {
                if climb == 0 {
                    break;
                }
                climb -= 1;
                parts.push("..");
            }
            Some(_) => {
                parts.pop();
            }
        }
        out.push(spell(absolute, &parts));
    }
    out
}

/// The directories of which `path` (a file's, as written) is the path below, nearest first,
/// with that path: `protos/foo/a.proto` gives (`protos/foo`, `a.proto`), (`protos`,
/// `foo/a.proto`), (`.`, `protos/foo/a.proto`).
fn prefixes(path: &str) -> Vec<(String, String)> {
    let absolute = path.starts_with('/');
    let parts: Vec<&str> = path
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    (0..parts.len())
        .rev()
        .map(|n| (spell(absolute, &parts[..n]), parts[n..].join("/")))
        .collect()
}

fn spell(absolute: bool, parts: &[&str]) -> String {
    match (absolute, parts.is_empty()) {
        (true, _) => format!("/{}", parts.join("/")),
        (false, true) => ".".to_string(),
        (false, false) => parts.join("/"),
    }
}

/// `name` under the directory `dir`, as a person would write it.
fn under(dir: &str, name: &str) -> String {
    if dir == "." {
        name.to_string()
    } else if dir.ends_with('/') {
        format!("{dir}{name}")
    } else {
        format!("{dir}/{name}")
    }
}

/// `word` as one shell word: as is when it needs no quoting, else in single quotes.
fn shell(word: &str) -> Cow<'_, str> {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_./+=:,@%-".contains(c));
    if plain {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(format!("'{}'", word.replace('\'', r"'\''")))
    }
}

/// `a`, `a and b`, `a, b and c`.
fn listed(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn when_and_precedence() {
        assert_eq!(When::parse("auto"), Some(When::Auto));
        assert_eq!(When::parse("never"), Some(When::Never));
        assert_eq!(When::parse("yes"), None);
        // The flag wins over the environment, which wins over the entry point's default.
        assert_eq!(
            shown(Some(When::Never), Some("always"), When::Auto, true),
            Ok(false)
        );
        assert_eq!(shown(None, Some("always"), When::Never, false), Ok(true));
        assert_eq!(shown(None, Some(""), When::Auto, true), Ok(true));
        assert_eq!(shown(None, None, When::Auto, false), Ok(false));
        assert_eq!(shown(None, None, When::Never, true), Ok(false));
        assert_eq!(
            shown(None, Some("on"), When::Auto, true),
            Err(
                "PROTOC_RS_HINTS: unknown value \"on\"; protoc-rs takes auto, always or never."
                    .to_string()
            )
        );
    }

    #[test]
    fn collected_only_when_shown() {
        let mut hints = Hints::new(false);
        hints.add(|| panic!("not asked when hints are not shown"));
        let mut out = Vec::new();
        let mut err = Vec::new();
        hints.print(&mut Console {
            out: &mut out,
            err: &mut err,
        });
        assert!(err.is_empty());

        let mut hints = Hints::new(true);
        hints.add(|| Some("a".to_string()));
        hints.add(|| Some("a".to_string()));
        hints.add(|| None);
        hints.after_partial_line();
        hints.print(&mut Console {
            out: &mut out,
            err: &mut err,
        });
        assert_eq!(err, b"\na\n");
    }

    #[test]
    fn directories_above() {
        assert_eq!(parents("/abs/a.proto"), ["/abs", "/"]);
        assert_eq!(parents("/a.proto"), ["/"]);
        let rel = parents("protos/foo/a.proto");
        assert_eq!(rel[..3], ["protos/foo", "protos", "."]);
        assert!(rel[3..].iter().all(|p| p.starts_with("..")));
        assert_eq!(parents("./protos/a.proto")[..2], ["protos", "."]);
        assert_eq!(
            prefixes("protos/foo/a.proto"),
            [
                ("protos/foo".to_string(), "a.proto".to_string()),
                ("protos".to_string(), "foo/a.proto".to_string()),
                (".".to_string(), "protos/foo/a.proto".to_string()),
            ]
        );
        assert_eq!(
            prefixes("/abs/a.proto"),
            [
                ("/abs".to_string(), "a.proto".to_string()),
                ("/".to_string(), "abs/a.proto".to_string()),
            ]
        );
    }

    #[test]
    fn words_and_lists() {
        assert_eq!(shell("protos/foo"), "protos/foo");
        assert_eq!(shell("my protos"), "'my protos'");
        assert_eq!(shell("it's"), r"'it'\''s'");
        assert_eq!(under(".", "a.proto"), "a.proto");
        assert_eq!(under("/", "a.proto"), "/a.proto");
        assert_eq!(under("protos", "a.proto"), "protos/a.proto");
        assert_eq!(listed(&["-o"]), "-o");
        assert_eq!(listed(&["a", "b", "c"]), "a, b and c");
    }

    #[test]
    fn imports_and_package_scanned() {
        let text = "syntax = \"proto3\";\n  package foo.bar ;\nimport \"a/b.proto\";\n\
                    import public 'c.proto';\nimport weak \"d.proto\"; // x\nimportant = 1;\n\
                    // import \"commented.proto\";\n";
        let (imports, package) = scan(text);
        assert_eq!(imports, ["a/b.proto", "c.proto", "d.proto"]);
        assert_eq!(package.as_deref(), Some("foo.bar"));
    }

    #[test]
    fn googleapis_files() {
        let line = googleapis("google/api/annotations.proto").expect("a googleapis file");
        assert_eq!(
            line,
            "protoc-rs: hint: only google/protobuf/ is bundled; google/api/annotations.proto is \
             part of googleapis (https://github.com/googleapis/googleapis; pip install \
             googleapis-common-protos, npm install google-proto-files): pass the directory \
             holding its google/ with -I"
        );
        // Not in googleapis-common-protos under that name, or not in its directories.
        for name in [
            "google/longrunning/operations.proto",
            "google/api/expr/v1alpha1/syntax.proto",
            "google/cloud/speech/v1/cloud_speech.proto",
        ] {
            let line = googleapis(name).expect("a googleapis file");
            assert!(!line.contains("pip"), "{line}");
        }
        for name in [
            "google/protobuf/unittest.proto",
            "google/a.proto",
            "google/fhir/x.proto",
            "api/annotations.proto",
        ] {
            assert_eq!(googleapis(name), None, "{name}");
        }
    }
}
