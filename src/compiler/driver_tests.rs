//! The driver's output does not depend on the thread count where the checks left for after
//! the build (`Later`) find something: their warnings land where the build reports them,
//! and an error among them (or a file rolled back after them) makes the driver build again
//! with every check in its place. Expected texts from protoc 36.2 (`protoc -I. -o /dev/null
//! <inputs>` on the same files).

use super::*;
use crate::compiler::source::SourceFile;
use crate::diagnostics::ErrorFormat;

const FILES: &[(&str, &str)] = &[
    ("unused.proto", "syntax = \"proto2\";\nmessage U {}\n"),
    // A JSON-name conflict is a warning in proto2 (`check::after_options`), and an unused
    // import.
    (
        "warn.proto",
        "syntax = \"proto2\";\nimport \"unused.proto\";\nmessage W {\n  optional int32 foo_bar = 1;\n  optional int32 fooBar = 2;\n}\n",
    ),
    // ... and an error in proto3.
    (
        "json3.proto",
        "syntax = \"proto3\";\nmessage J {\n  int32 foo_bar = 1;\n  int32 fooBar = 2;\n}\n",
    ),
    (
        "importer.proto",
        "syntax = \"proto3\";\nimport \"json3.proto\";\nmessage I { J j = 1; }\n",
    ),
    // A deprecated feature: a feature-lifetime warning.
    (
        "lifetimes.proto",
        "edition = \"2023\";\nimport \"google/protobuf/cpp_features.proto\";\noption features.(pb.cpp).legacy_closed_enum = true;\nmessage L {}\n",
    ),
    // A feature before its edition: a feature-lifetime error.
    (
        "too_early.proto",
        "edition = \"2023\";\noption features.enforce_naming_style = STYLE2024;\nmessage E {}\n",
    ),
    // A naming-style error.
    (
        "naming.proto",
        "edition = \"2024\";\nmessage lower_message {}\n",
    ),
    // An error of the strict-visibility check, which runs after the checks left for later:
    // the file is rolled back under them.
    (
        "strict.proto",
        "edition = \"2024\";\noption features.default_symbol_visibility = STRICT;\nmessage A {\n  export message B {}\n}\n",
    ),
];

struct Files;

impl SourceTree for Files {
    fn open(&self, name: &str) -> Result<SourceFile, OpenError> {
        match FILES.iter().find(|(n, _)| *n == name) {
            Some((n, text)) => Ok(SourceFile {
                contents: text.as_bytes().to_vec(),
                display_name: n.to_string(),
            }),
            None => builtin::Embedded(Release::default()).open(name),
        }
    }
}

/// Whether `inputs` compile on `threads` threads, and the diagnostics as protoc prints them.
fn compile_lines(inputs: &[&str], threads: usize) -> (bool, Vec<String>) {
    let inputs: Vec<String> = inputs.iter().map(|s| s.to_string()).collect();
    let mut diags = Diagnostics::default();
    let built = compile_on(
        &Files,
        &inputs,
        &CompileOptions::default(),
        &mut diags,
        threads,
    );
    let lines = diags.items.iter().map(|d| ErrorFormat::Gcc.render(d));
    (built.is_some(), lines.collect())
}

/// Checks protoc's result on one thread and the same on several.
fn check(inputs: &[&str], compiles: bool, expected: &[&str]) {
    for threads in [1, 2, 3, 8] {
        let (built, lines) = compile_lines(inputs, threads);
        assert_eq!(lines, expected, "{inputs:?} on {threads} threads");
        assert_eq!(built, compiles, "{inputs:?} on {threads} threads");
    }
}

const JSON_WARNING: &str = "warn.proto:5:18: warning: The default JSON name of field \"fooBar\" (\"fooBar\") conflicts with the default JSON name of field \"foo_bar\".";
const UNUSED: &str = "warn.proto:2:1: warning: Import unused.proto is unused.";
const DEPRECATED: &str = "lifetimes.proto: warning: pb.CppFeatures.legacy_closed_enum has been deprecated in edition 2023: The legacy closed enum behavior in C++ is deprecated and is scheduled to be removed in edition 2025.  See http://protobuf.dev/programming-guides/enum/#cpp for more information";
const JSON_ERROR: &str = "json3.proto:4:9: The default JSON name of field \"fooBar\" (\"fooBar\") conflicts with the default JSON name of field \"foo_bar\".";

#[test]
fn warnings_of_the_checks_after_the_build_come_where_the_build_reports_them() {
    check(
        &["lifetimes.proto", "warn.proto"],
        true,
        &[DEPRECATED, JSON_WARNING, UNUSED],
    );
}

#[test]
fn an_error_of_the_option_checks_stops_where_the_build_would_have() {
    check(
        &["warn.proto", "json3.proto", "lifetimes.proto"],
        false,
        &[JSON_WARNING, UNUSED, JSON_ERROR],
    );
}

#[test]
fn an_import_failing_the_option_checks_fails_its_importer() {
    check(
        &["warn.proto", "importer.proto"],
        false,
        &[
            JSON_WARNING,
            UNUSED,
            JSON_ERROR,
            "importer.proto:2:1: Import \"json3.proto\" was not found or had errors.",
            "importer.proto:3:13: \"J\" is not defined.",
        ],
    );
}

#[test]
fn an_error_of_the_naming_style_stops_where_the_build_would_have() {
    check(
        &["warn.proto", "naming.proto", "lifetimes.proto"],
        false,
        &[
            JSON_WARNING,
            UNUSED,
            "naming.proto:2:9: Message name lower_message should be TitleCase (features.enforce_naming_style = STYLE_LEGACY can be used to opt out of this check)",
        ],
    );
}

#[test]
fn an_error_of_the_feature_lifetimes_stops_where_the_build_would_have() {
    check(
        &["warn.proto", "too_early.proto", "lifetimes.proto"],
        false,
        &[
            JSON_WARNING,
            UNUSED,
            "too_early.proto: google.protobuf.FeatureSet.enforce_naming_style wasn't introduced until edition 2024 and can't be used in edition 2023",
        ],
    );
}

#[test]
fn a_file_rolled_back_after_its_checks_were_left_for_later() {
    check(
        &["lifetimes.proto", "strict.proto", "warn.proto"],
        false,
        &[
            DEPRECATED,
            "strict.proto: \"A.B\" is a nested message and cannot be `export` with STRICT default_symbol_visibility. It must be moved to top-level, ideally in its own file in order to be `export`.",
        ],
    );
}

/// The checks left for later, the first `early` of them run one by one (as while the driver
/// waits for a helper) and the rest together after the build: whether they all pass, and the
/// diagnostics.
fn checks_split(inputs: &[&str], early: usize) -> (bool, Vec<String>) {
    let inputs: Vec<String> = inputs.iter().map(|s| s.to_string()).collect();
    let options = CompileOptions::default();
    let mut diags = Diagnostics::default();
    let mut b = Builder::new(&Files, &mut diags, options.clone(), &inputs);
    b.later = Some(Vec::new());
    build_inputs(&mut b, &inputs, &options);
    for _ in 0..early {
        b.run_one_later();
    }
    let passed = b.run_later(2);
    let lines = diags.items.iter().map(|d| ErrorFormat::Gcc.render(d));
    (passed, lines.collect())
}

#[test]
fn checks_run_early_or_after_the_build_report_alike() {
    let inputs = ["lifetimes.proto", "warn.proto", "unused.proto"];
    let expected = compile_lines(&inputs, 1).1;
    assert_eq!(expected, [DEPRECATED, JSON_WARNING, UNUSED]);
    for early in 0..8 {
        assert_eq!(
            checks_split(&inputs, early),
            (true, expected.clone()),
            "{early} early"
        );
    }
    // An error found early or late: the build is done again.
    for early in 0..8 {
        let inputs = ["warn.proto", "json3.proto"];
        assert!(!checks_split(&inputs, early).0, "{early} early");
    }
}
