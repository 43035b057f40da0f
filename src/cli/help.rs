//! `--help` and `--version` texts. The help is protoc's, with protoc-rs's generators listed
//! where protoc lists its registered ones, a line under each flag protoc-rs does not support
//! yet or extends (protoc's own lines are kept byte for byte), and protoc-rs's version last.
//! Both follow the selected release: `--version` prints exactly protoc's `libprotoc X.Y`
//! (build tools parse it), and the help is that release's (36.2 added `--<lang>_prefix`).
//!
//! Two styles ([`Style`], chosen by the entry point: `cli::entry`): the Python package's is
//! grpcio-tools' `protoc` help (`Usage: protoc`, the registry's lines, which are grpcio-tools'
//! for its generators) with protoc-rs's flags after it, unchanged since before `--hints`; the
//! binary's own says `Usage: protoc-rs`, gives each generator a line of its own, lists protoc's
//! other built-ins (run through a real protoc) and every protoc-rs flag.

use std::borrow::Cow;

use crate::generator::plugin::protoc;
use crate::generator::registry::GENERATORS;
use crate::release::Release;

/// Which help to print.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// The Python package's (`python -m protoc_rs`): grpcio-tools' protoc help, then
    /// protoc-rs's flags as they were before `--hints` (kept byte for byte).
    Protoc,
    /// The binary's: `Usage: protoc-rs`, a line of its own for each generator, protoc's other
    /// built-ins, every protoc-rs flag.
    Own,
}

/// The generator lines of the own help that differ from the registry's (grpcio-tools' lines:
/// it describes `--grpc_python_out` as `--python_out`; protoc's `--rust_out` is not prost's).
const OWN_LINES: &[(&str, &str)] = &[
    ("--grpc_python_out", "Generate Python gRPC service stubs."),
    ("--rust_out", "Generate Rust (prost) sources."),
];

/// protoc's other built-ins (`protoc::BUILT_INS`) with the lines a full protoc 35.1 and 36.2
/// prints for them (main.cc's `RegisterGenerator`), in the own help only.
const PROTOC_LINES: &[(&str, &str)] = &[
    ("--cpp_out", "Generate C++ header and source."),
    ("--csharp_out", "Generate C# source file."),
    ("--java_out", "Generate Java source file."),
    ("--kotlin_out", "Generate Kotlin file."),
    ("--objc_out", "Generate Objective-C header and source."),
    ("--php_out", "Generate PHP source file."),
    ("--rbs_out", "Generate RBS type definition."),
    ("--ruby_out", "Generate Ruby source file."),
];

/// The line under each of `PROTOC_LINES`' flags.
const THROUGH_PROTOC: &str = "protoc-rs: through $PROTOC_RS_PROTOC or protoc.";

const BEFORE_GENERATORS: &str = r#"Parse PROTO_FILES and generate output based on the options given:
  -IPATH, --proto_path=PATH   Specify the directory in which to search for
                              imports.  May be specified multiple times;
                              directories will be searched in order.  If not
                              given, the current working directory is used.
                              If not found in any of the these directories,
                              the --descriptor_set_in descriptors will be
                              checked for required proto file.
  --version                   Show version info and exit.
  -h, --help                  Show this text and exit.
  --encode=MESSAGE_TYPE       Read a text-format message of the given type
                              from standard input and write it in binary
                              to standard output.  The message type must
                              be defined in PROTO_FILES or their imports.
  --deterministic_output      When using --encode, ensure map fields are
                              deterministically ordered. Note that this order
                              is not canonical, and changes across builds or
                              releases of protoc.
  --unsafe_allow_out_dir_escape
                              Allow output files to use ".." to escape the
                              output directory. Use with caution.
  --decode=MESSAGE_TYPE       Read a binary message of the given type from
                              standard input and write it in text format
                              to standard output.  The message type must
                              be defined in PROTO_FILES or their imports.
  --decode_raw                Read an arbitrary protocol message from
                              standard input and write the raw tag/value
                              pairs in text format to standard output.  No
                              PROTO_FILES should be given when using this
                              flag.
  --descriptor_set_in=FILES   Specifies a delimited list of FILES
                              each containing a FileDescriptorSet (a
                              protocol buffer defined in descriptor.proto).
                              The FileDescriptor for each of the PROTO_FILES
                              provided will be loaded from these
                              FileDescriptorSets. If a FileDescriptor
                              appears multiple times, the first occurrence
                              will be used.
  -oFILE,                     Writes a FileDescriptorSet (a protocol buffer,
    --descriptor_set_out=FILE defined in descriptor.proto) containing all of
                              the input files to FILE.
  --include_imports           When using --descriptor_set_out, also include
                              all dependencies of the input files in the
                              set, so that the set is self-contained.
  --include_source_info       When using --descriptor_set_out, do not strip
                              SourceCodeInfo from the FileDescriptorProto.
                              This results in vastly larger descriptors that
                              include information about the original
                              location of each decl in the source file as
                              well as surrounding comments.
  --retain_options            When using --descriptor_set_out, do not strip
                              any options from the FileDescriptorProto.
                              This results in potentially larger descriptors
                              that include information about options that were
                              only meant to be useful during compilation.
  --dependency_out=FILE       Write a dependency output file in the format
                              expected by make. This writes the transitive
                              set of input file paths to FILE
  --error_format=FORMAT       Set the format in which to print errors.
                              FORMAT may be 'gcc' (the default) or 'msvs'
                              (Microsoft Visual Studio format).
  --fatal_warnings            Make warnings be fatal (similar to -Werr in
                              gcc). This flag will make protoc return
                              with a non-zero exit code if any warnings
                              are generated.
  --print_free_field_numbers  Print the free field numbers of the messages
                              defined in the given proto files. Extension ranges
                              are counted as occupied fields numbers.
  --enable_codegen_trace      Enables tracing which parts of protoc are
                              responsible for what codegen output. Not supported
                              by all backends or on all platforms.
  --direct_dependencies       A colon delimited list of imports that are
                              allowed to be used in "import"
                              declarations, when explictily provided.
  --option_dependencies       A colon delimited list of imports that are
                              allowed to be used in "import option"
                              declarations, when explicitly provided.
  --notices                   Show notice file and exit.
  --plugin=EXECUTABLE         Specifies a plugin executable to use.
                              Normally, protoc searches the PATH for
                              plugins, but you may specify additional
                              executables not in the path using this flag.
                              Additionally, EXECUTABLE may be of the form
                              NAME=PATH, in which case the given plugin name
                              is mapped to the given executable even if
                              the executable's own name differs."#;

/// protoc 36.2's block after `--plugin`.
const PREFIX_36_2: &str = r#"
  --<lang>_prefix=COMMAND     Runs the plugin used by --<lang>_out via
                              COMMAND. protoc executes "COMMAND <plugin>"
                              instead of invoking the plugin binary directly.
                              COMMAND's first token is resolved via the
                              search path (PATH). The value is split into
                              argv tokens on whitespace; quotes are not
                              supported. Use a wrapper script for more
                              complex invocations."#;

const AFTER_GENERATORS: &str = r#"
  @<filename>                 Read options and filenames from file. If a
                              relative file path is specified, the file
                              will be searched in the working directory.
                              The --proto_path option will not affect how
                              this argument file is searched. Content of
                              the file will be expanded in the position of
                              @<filename> as in the argument list. Note
                              that shell expansion is not applied to the
                              content of the file (i.e., you cannot use
                              quotes, wildcards, escapes, commands, etc.).
                              Each line corresponds to a single argument,
                              even if it contains spaces.
"#;

/// Where protoc-rs's own lines go: under these flags' descriptions (30 columns in, as
/// protoc's descriptions, and as short).
const MARKER_COLUMN: &str = "                              ";

/// Flags protoc-rs extends, with the lines saying how.
const EXTENDED: &[(&str, &[&str])] = &[
    (
        "--dependency_out",
        &[
            "protoc-rs: several PROTO_FILES are accepted,",
            "written as one rule.",
        ],
    ),
    (
        "--notices",
        &["protoc-rs: the notices of what protoc-rs", "bundles."],
    ),
    (
        "--error_format",
        &[
            "protoc-rs: also 'json' (one JSON object per",
            "line) or 'github' (GitHub Actions annotations).",
        ],
    ),
];

/// The flag a help line introduces (`  --encode=MESSAGE_TYPE ...` is `--encode`), if any.
/// `@<filename>` counts as one.
fn flag_of(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("  ")?;
    if !rest.starts_with(['-', '@']) {
        return None;
    }
    let end = rest.find([' ', '=', ',']).unwrap_or(rest.len());
    // `-IPATH, --proto_path=PATH` and `-oFILE,` name their long flag second; the short form
    // is enough to find the block.
    Some(&rest[..end])
}

/// protoc-rs's lines for the flag `flag`.
fn notes(flag: &str) -> Vec<&'static str> {
    // Only the own help lists these.
    if protoc::built_in(flag).is_some() {
        return vec![THROUGH_PROTOC];
    }
    EXTENDED
        .iter()
        .find(|(f, _)| *f == flag)
        .map(|(_, lines)| lines.to_vec())
        .unwrap_or_default()
}

/// protoc's text with protoc-rs's lines after each flag's description.
fn annotate(text: &str) -> String {
    let mut out = String::new();
    let mut pending: Vec<&str> = Vec::new();
    for line in text.split('\n') {
        if let Some(flag) = flag_of(line) {
            flush(&mut out, &mut pending);
            pending = notes(flag);
        }
        out.push_str(line);
        out.push('\n');
    }
    flush(&mut out, &mut pending);
    out.pop();
    out
}

fn flush(out: &mut String, pending: &mut Vec<&str>) {
    for note in pending.drain(..) {
        out.push_str(MARKER_COLUMN);
        out.push_str(note);
        out.push('\n');
    }
}

/// The last line of the help.
pub fn version_line(release: Release) -> String {
    format!(
        "protoc-rs {}, a drop-in replacement for libprotoc {release}.",
        env!("CARGO_PKG_VERSION")
    )
}

/// Flags protoc does not have, after protoc's help (the Python package's help: these).
const PROTOC_RS_ONLY: &str = r#"
protoc-rs only (not in protoc):
  --check                     Run every generator and compare each file this
                              run would write with the one on disk; write
                              nothing. Exit 0 when all are up to date, 1 when
                              any is missing or differs (each is listed on
                              stdout, text files with a short diff).
  --python_target=protobuf==X.Y.Z[,grpcio==A.B.C]
                              Write --python_out, --pyi_out and
                              --grpc_python_out code for these runtime
                              versions (as the grpcio-tools release bundling
                              them writes it); 'auto' asks $PYTHON or python3
                              which versions are installed.
  --plugin_timeout=SECONDS    Kill a plugin still running after SECONDS and
                              fail (protoc waits for ever).
  --protoc_release=X.Y        Match this protoc release: 35.1 or 36.2 (the
                              default; also $PROTOC_RS_RELEASE).
"#;

/// The own help's `--hints`, after `--check`.
const HINTS: &str = r#"  --hints=auto|always|never   After protoc's messages, print a line
                              'protoc-rs: hint: ...' naming the fix of some
                              common mistakes: auto (the default) when
                              stderr is a terminal (also $PROTOC_RS_HINTS).
"#;

/// protoc-rs's flags in `style`.
fn protoc_rs_only(style: Style) -> Cow<'static, str> {
    match style {
        Style::Protoc => Cow::Borrowed(PROTOC_RS_ONLY),
        Style::Own => {
            let at = PROTOC_RS_ONLY
                .find("  --python_target=")
                .unwrap_or(PROTOC_RS_ONLY.len());
            Cow::Owned(format!(
                "{}{HINTS}{}",
                &PROTOC_RS_ONLY[..at],
                &PROTOC_RS_ONLY[at..]
            ))
        }
    }
}

/// The help text in `style`, ending in a newline.
pub fn help_text(style: Style, release: Release) -> String {
    let mut s = annotate(&protoc_help_text(style, release));
    s.push_str(&protoc_rs_only(style));
    s.push('\n');
    s.push_str(&version_line(release));
    s.push('\n');
    s
}

/// The generators `style` lists, by flag (protoc's order), with their lines.
fn generator_lines(style: Style) -> Vec<(&'static str, &'static str)> {
    let mut lines: Vec<(&str, &str)> = GENERATORS
        .iter()
        .map(|g| {
            let own = OWN_LINES.iter().find(|(f, _)| *f == g.flag);
            match (style, own) {
                (Style::Own, Some(&(_, line))) => (g.flag, line),
                _ => (g.flag, g.help),
            }
        })
        .collect();
    if style == Style::Own {
        lines.extend_from_slice(PROTOC_LINES);
        lines.sort_unstable();
    }
    lines
}

/// protoc's help, with `style`'s generators and nothing of protoc-rs's own.
fn protoc_help_text(style: Style, release: Release) -> String {
    let program = match style {
        Style::Protoc => "protoc",
        Style::Own => "protoc-rs",
    };
    let mut s = format!("Usage: {program} [OPTION] PROTO_FILES\n{BEFORE_GENERATORS}");
    if release >= Release::V36_2 {
        s.push_str(PREFIX_36_2);
    }
    for (flag, line) in generator_lines(style) {
        // protoc pads to a 19-character flag column; longer flags just get no padding.
        let pad = 19usize.saturating_sub(flag.len());
        s.push_str(&format!("\n  {flag}=OUT_DIR {}{line}", " ".repeat(pad)));
    }
    s.push_str(AFTER_GENERATORS);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn protoc_rs_only_flags_once_after_protocs_help() {
        for style in [Style::Protoc, Style::Own] {
            let text = help_text(style, Release::NEWEST);
            assert_eq!(text.matches("protoc-rs only (not in protoc):").count(), 1);
            assert_eq!(text.matches("  --plugin_timeout=SECONDS").count(), 1);
            assert!(!protoc_help_text(style, Release::NEWEST).contains("protoc-rs only"));
        }
        // `--hints` is the own help's only.
        assert!(help_text(Style::Own, Release::NEWEST).contains("\n  --hints=auto|always|never "));
        assert!(!help_text(Style::Protoc, Release::NEWEST).contains("--hints"));
    }

    /// The generator flags `text` lists, in order.
    fn listed(text: &str) -> Vec<&str> {
        text.lines()
            .filter_map(|l| l.strip_prefix("  --"))
            .filter_map(|l| l.split_once("=OUT_DIR"))
            .map(|(flag, _)| flag)
            .collect()
    }

    #[test]
    fn the_python_help_lists_exactly_the_registry_in_order() {
        let text = help_text(Style::Protoc, Release::NEWEST);
        assert!(text.starts_with("Usage: protoc [OPTION] PROTO_FILES\n"));
        let registered: Vec<&str> = GENERATORS
            .iter()
            .map(|g| g.flag.trim_start_matches("--"))
            .collect();
        assert_eq!(listed(&text), registered);
        // grpcio-tools' lines.
        assert!(text.contains("\n  --rust_out=OUT_DIR          Generate Rust sources.\n"));
        assert!(text.contains("\n  --grpc_python_out=OUT_DIR   Generate Python source file.\n"));
        assert!(!text.contains(THROUGH_PROTOC));
    }

    #[test]
    fn the_own_help_lists_the_registry_and_protocs_other_built_ins() {
        let text = help_text(Style::Own, Release::NEWEST);
        assert!(text.starts_with("Usage: protoc-rs [OPTION] PROTO_FILES\n"));
        let mut want: Vec<&str> = GENERATORS
            .iter()
            .map(|g| g.flag)
            .chain(protoc::BUILT_INS.iter().map(|(flag, _)| *flag))
            .map(|f| f.trim_start_matches("--"))
            .collect();
        want.sort_unstable();
        assert_eq!(listed(&text), want);
        // Exactly protoc's other built-ins have protoc's line, each marked.
        let mut flags: Vec<&str> = PROTOC_LINES.iter().map(|(f, _)| *f).collect();
        let mut built_ins: Vec<&str> = protoc::BUILT_INS.iter().map(|(f, _)| *f).collect();
        flags.sort_unstable();
        built_ins.sort_unstable();
        assert_eq!(flags, built_ins);
        assert_eq!(text.matches(THROUGH_PROTOC).count(), PROTOC_LINES.len());
        assert!(text.contains(&format!(
            "\n  --cpp_out=OUT_DIR           Generate C++ header and source.\n{MARKER_COLUMN}\
             {THROUGH_PROTOC}\n"
        )));
        // Each generator a line of its own.
        let lines: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with("  --") && l.contains("=OUT_DIR "))
            .map(|l| l[30..].trim())
            .collect();
        let mut unique = lines.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), lines.len(), "{lines:?}");
        assert!(text.contains("\n  --rust_out=OUT_DIR          Generate Rust (prost) sources.\n"));
    }

    #[test]
    fn protocs_lines_are_kept_and_ours_added() {
        for style in [Style::Protoc, Style::Own] {
            let ours = help_text(style, Release::NEWEST);
            let protoc = protoc_help_text(style, Release::NEWEST);
            let kept: Vec<&str> = ours
                .lines()
                .filter(|l| {
                    let note = l.strip_prefix(MARKER_COLUMN).unwrap_or("");
                    note != THROUGH_PROTOC && !EXTENDED.iter().any(|(_, n)| n.contains(&note))
                })
                .collect();
            let mut want: Vec<String> = protoc.lines().map(String::from).collect();
            want.extend(protoc_rs_only(style).lines().map(String::from));
            want.push(String::new());
            want.push(version_line(Release::NEWEST));
            assert_eq!(kept, want);
            for line in ours.lines() {
                assert!(line.len() <= 80, "too long: {line:?}");
            }
        }
    }

    /// The Python package's help is the text protoc-rs printed before the own help existed:
    /// the own help with its changes undone.
    #[test]
    fn the_python_help_is_the_own_help_without_its_changes() {
        for release in Release::ALL {
            let own = help_text(Style::Own, release);
            let mut undone: Vec<&str> = Vec::new();
            let mut skip_note = false;
            for line in own.lines() {
                if skip_note {
                    skip_note = false;
                    if line.strip_prefix(MARKER_COLUMN) == Some(THROUGH_PROTOC) {
                        continue;
                    }
                }
                if PROTOC_LINES
                    .iter()
                    .any(|(flag, _)| line.starts_with(&format!("  {flag}=OUT_DIR ")))
                {
                    skip_note = true;
                    continue;
                }
                undone.push(line);
            }
            let undone = undone.join("\n") + "\n";
            let undone = undone
                .replacen("Usage: protoc-rs ", "Usage: protoc ", 1)
                .replacen(HINTS, "", 1)
                .replacen(
                    "Generate Python gRPC service stubs.",
                    "Generate Python source file.",
                    1,
                )
                .replacen(
                    "Generate Rust (prost) sources.",
                    "Generate Rust sources.",
                    1,
                );
            assert_eq!(undone, help_text(Style::Protoc, release), "{release}");
        }
    }
}
