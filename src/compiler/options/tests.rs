//! Unit tests of option interpretation (`interpret::run`), run alone on a linked file put
//! into a pool by `test_support` (expected texts, positions and option bytes from protoc 35.1).

use super::interpret;
use crate::compiler::context::FileContext;
use crate::compiler::link::symbols;
use crate::compiler::test_support::Harness;

/// Nine lines declaring the custom options `(my)` (int32) and `(agg)` (message `Agg`) on
/// messages; a test's own declarations start on line 10.
const CUSTOM: &str = r#"syntax = "proto2";
import "google/protobuf/descriptor.proto";
extend google.protobuf.MessageOptions {
  optional int32 my = 50000;
  optional Agg agg = 50001;
}
message Agg {
  optional int32 a = 1;
}
"#;

/// Links `src` as `name` (on top of descriptor.proto when `custom`), checks linking was
/// clean, then runs the stage under test: extension registration and interpretation.
fn interpret(custom: bool, name: &str, src: &str) -> (Harness, FileContext) {
    let mut h = Harness::new();
    if custom {
        h.descriptor_proto();
    }
    let mut ctx = h.linked(name, src);
    assert_eq!(h.lines(), Vec::<String>::new(), "linking {name}");
    symbols::register_extensions(&mut h.pool, &ctx);
    interpret::run(&mut h.pool, &mut h.diags, &mut ctx);
    (h, ctx)
}

/// Diagnostics of interpreting `CUSTOM` followed by `body` as `e.proto`.
fn custom_errors(body: &str) -> Vec<String> {
    interpret(true, "e.proto", &format!("{CUSTOM}{body}\n"))
        .0
        .lines()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn builtin_options_are_encoded_in_field_number_order() {
    let (h, ctx) = interpret(
        false,
        "builtin.proto",
        r#"syntax = "proto2";
option java_package = "x";
option optimize_for = CODE_SIZE;
message M {
  repeated int32 a = 1 [packed = true, deprecated = true];
}
"#,
    );
    assert_eq!(h.lines(), Vec::<String>::new());
    let file = h.file(&ctx);
    let fopts = file.options.as_ref().expect("file options");
    // java_package (1) = "x", optimize_for (9) = CODE_SIZE (2).
    assert_eq!(hex(&fopts.bytes), "0a01784802");
    assert!(fopts.uninterpreted.is_empty());
    let field = &file.message_type[0].field[0];
    let opts = field.options.as_ref().expect("field options");
    // packed (2) = true, deprecated (3) = true.
    assert_eq!(hex(&opts.bytes), "10011801");
    assert!(opts.uninterpreted.is_empty());
}

#[test]
fn custom_option_and_aggregate_value_from_extensions_of_the_same_file() {
    let (h, ctx) = interpret(
        true,
        "custom.proto",
        r#"syntax = "proto2";
import "google/protobuf/descriptor.proto";
extend google.protobuf.MessageOptions {
  optional int32 my = 50000;
  optional Agg agg = 50001;
}
message Agg {
  optional int32 a = 1;
  optional string s = 2;
}
message M {
  option (my) = 42;
  option (agg) = { a: 1 s: "hi" };
}
"#,
    );
    assert_eq!(h.lines(), Vec::<String>::new());
    let opts = h.file(&ctx).message_type[1]
        .options
        .as_ref()
        .expect("options");
    // 50000 varint 42, then 50001 length-delimited { a: 1 s: "hi" }.
    assert_eq!(hex(&opts.bytes), "80b5182a8ab51806080112026869");
    assert!(opts.uninterpreted.is_empty());
}

#[test]
fn unknown_option_names_import_option() {
    assert_eq!(
        custom_errors("option foo = 1;"),
        [
            "e.proto:10:8: Option \"foo\" unknown. Ensure that your proto definition file imports the proto which defines the option (i.e. via import option after edition 2024)."
        ]
    );
}

#[test]
fn string_option_needs_a_quoted_value() {
    assert_eq!(
        custom_errors("option java_package = 1;"),
        [
            "e.proto:10:23: Value must be quoted string for string option \"google.protobuf.FileOptions.java_package\"."
        ]
    );
}

#[test]
fn enum_option_value_must_name_a_value_of_the_enum() {
    assert_eq!(
        custom_errors("option optimize_for = FAST;"),
        [
            "e.proto:10:23: Enum type \"google.protobuf.FileOptions.OptimizeMode\" has no value named \"FAST\" for option \"google.protobuf.FileOptions.optimize_for\"."
        ]
    );
}

#[test]
fn int32_option_out_of_range_or_not_an_integer() {
    assert_eq!(
        custom_errors("message M { option (my) = 3000000000; }"),
        ["e.proto:10:27: Value out of range, -2147483648 to 2147483647, for int32 option \"my\"."]
    );
    assert_eq!(
        custom_errors("message M { option (my) = \"s\"; }"),
        [
            "e.proto:10:27: Value must be integer, from -2147483648 to 2147483647, for int32 option \"my\"."
        ]
    );
}

#[test]
fn aggregate_value_with_unknown_field() {
    assert_eq!(
        custom_errors("message M { option (agg) = { b: 1 }; }"),
        [
            "e.proto:10:28: Error while parsing option value for \"agg\": Message type \"Agg\" has no field named \"b\"."
        ]
    );
}

#[test]
fn option_already_set_directly_or_through_a_sub_field() {
    assert_eq!(
        custom_errors(
            "message M { optional int32 f = 1 [deprecated = true, deprecated = false]; }"
        ),
        ["e.proto:10:54: Option \"deprecated\" was already set."]
    );
    assert_eq!(
        custom_errors("message M { option (agg).a = 5; option (agg) = { a: 1 }; }"),
        ["e.proto:10:40: Option \"(agg)\" was already set."]
    );
}

#[test]
fn sub_field_of_an_atomic_option() {
    assert_eq!(
        custom_errors("message M { option (my).x = 1; }"),
        ["e.proto:10:20: Option \"(my)\" is an atomic type, not a message."]
    );
}

/// protoc reports the first error of every options message (non-extension names of all
/// elements first, then extension names).
#[test]
fn first_error_of_each_options_message_is_reported() {
    assert_eq!(
        custom_errors(
            r#"option foo = 1;
option java_package = 1;
option optimize_for = FAST;
message M {
  option (my) = 3000000000;
  option (agg) = { b: 1 };
  optional int32 f = 1 [deprecated = true, deprecated = false];
}"#
        ),
        [
            "e.proto:16:44: Option \"deprecated\" was already set.",
            "e.proto:10:8: Option \"foo\" unknown. Ensure that your proto definition file imports the proto which defines the option (i.e. via import option after edition 2024).",
            "e.proto:14:17: Value out of range, -2147483648 to 2147483647, for int32 option \"my\".",
        ]
    );
}

#[test]
fn an_extension_name_resolves_from_each_elements_own_scope() {
    // `(x)` names a different extension from each message: the lookups remembered for the
    // fields of `A` must not answer for those of `A.Inner` or `B`.
    let (h, ctx) = interpret(
        true,
        "scopes.proto",
        r#"syntax = "proto2";
import "google/protobuf/descriptor.proto";
package p;
message A {
  extend google.protobuf.FieldOptions { optional int32 x = 50000; }
  optional int32 a1 = 1 [(x) = 1];
  optional int32 a2 = 2 [(x) = 2];
  message Inner {
    extend google.protobuf.FieldOptions { optional int32 x = 50001; }
    optional int32 i1 = 1 [(x) = 3];
  }
}
message B {
  optional int32 b1 = 1 [(x) = 4];
  optional int32 b2 = 2 [(.p.A.x) = 5];
}
extend google.protobuf.FieldOptions { optional int32 x = 50002; }
"#,
    );
    assert_eq!(h.lines(), Vec::<String>::new());
    let file = h.file(&ctx);
    let bytes = |f: &crate::descriptor::model::FieldDescriptorProto| {
        hex(&f.options.as_ref().expect("options").bytes)
    };
    let (a, b) = (&file.message_type[0], &file.message_type[1]);
    assert_eq!(bytes(&a.field[0]), "80b51801");
    assert_eq!(bytes(&a.field[1]), "80b51802");
    assert_eq!(bytes(&a.nested_type[0].field[0]), "88b51803");
    assert_eq!(bytes(&b.field[0]), "90b51804");
    assert_eq!(bytes(&b.field[1]), "80b51805");
}
