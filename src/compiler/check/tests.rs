//! Unit tests of the check stages, each calling the one stage that owns the rule on a file
//! put into a pool by `test_support`, after running the stages it needs explicitly
//! (expected texts and positions from protoc 35.1).

use super::{after_link, after_options, before_link, feature_lifetimes};
use crate::compiler::context::FileContext;
use crate::compiler::link::cross_link;
use crate::compiler::test_support::Harness;

/// `src` as `name`, interpreted without errors: what `after_options` and the later checks
/// see.
fn interpreted(name: &str, src: &str) -> (Harness, FileContext) {
    let mut h = Harness::new();
    let ctx = h.interpreted(name, src);
    assert_eq!(h.lines(), Vec::<String>::new(), "building {name}");
    (h, ctx)
}

/// Diagnostics of `after_options::run` on `src`.
fn after_options_lines(name: &str, src: &str) -> Vec<String> {
    let (mut h, ctx) = interpreted(name, src);
    after_options::run(&h.pool, &mut h.diags, &ctx);
    h.lines()
}

#[test]
fn reserved_numbers_and_names_are_checked_before_linking() {
    let mut h = Harness::new();
    let mut ctx = h.add(
        "reserved.proto",
        r#"syntax = "proto2";
message A {
  reserved 5 to 10, 20;
  reserved "y";
  optional int32 x = 7;
  optional int32 y = 1;
  optional int32 z = 20;
}
enum E {
  reserved 3;
  reserved "E_B";
  E_A = 3;
  E_B = 1;
}
"#,
    );
    let hints = before_link::run(&h.pool, &mut h.diags, &ctx);
    // Field numbers point at the reserved range, names at the field.
    assert_eq!(
        h.take_lines(),
        [
            "reserved.proto:3:12: Field \"x\" uses reserved number 7.",
            "reserved.proto:6:18: Field name \"y\" is reserved.",
            "reserved.proto:3:21: Field \"z\" uses reserved number 20.",
            "reserved.proto:10:12: Enum value \"E_A\" uses reserved number 3.",
            "reserved.proto:13:3: Enum value \"E_B\" is reserved.",
        ]
    );
    // The hint `before_link` requested is printed by `after_link`, after cross-linking.
    cross_link::run(&mut h.pool, &mut h.diags, &mut ctx);
    after_link::run(&h.pool, &mut h.diags, &ctx, hints);
    assert_eq!(
        h.lines(),
        ["reserved.proto:3:12: Suggested field numbers for A: 2, 3"]
    );
}

#[test]
fn extension_ranges_may_not_overlap_fields_ranges_or_reserved_ranges() {
    let mut h = Harness::new();
    let ctx = h.add(
        "ranges.proto",
        r#"syntax = "proto2";
message A {
  optional int32 x = 15;
  extensions 10 to 20;
  extensions 18 to 30;
  reserved 25 to 26;
}
"#,
    );
    before_link::run(&h.pool, &mut h.diags, &ctx);
    assert_eq!(
        h.lines(),
        [
            "ranges.proto:4:14: Extension range 10 to 20 includes field \"x\" (15).",
            "ranges.proto:4:14: Extension range 18 to 30 overlaps with already-defined range 10 to 20.",
            "ranges.proto:5:14: Extension range 18 to 30 overlaps with reserved range 25 to 26.",
        ]
    );
}

#[test]
fn duplicate_field_number_is_found_after_linking_with_the_next_free_number() {
    let mut h = Harness::new();
    let mut ctx = h.add(
        "dupnum.proto",
        r#"syntax = "proto2";
package p;
message A {
  optional int32 x = 1;
  optional int32 y = 2;
  optional int32 z = 1;
  optional int32 w = 0;
}
"#,
    );
    let hints = before_link::run(&h.pool, &mut h.diags, &ctx);
    assert_eq!(
        h.take_lines(),
        ["dupnum.proto:7:22: Field numbers must be positive integers."]
    );
    cross_link::run(&mut h.pool, &mut h.diags, &mut ctx);
    after_link::run(&h.pool, &mut h.diags, &ctx, hints);
    assert_eq!(
        h.lines(),
        [
            "dupnum.proto:6:22: Field number 1 has already been used in \"p.A\" by field \"x\". Next available field number is 1.",
            "dupnum.proto:7:22: Suggested field numbers for p.A: 3",
        ]
    );
}

#[test]
fn proto3_rules_required_json_names_map_keys_and_first_enum_value() {
    assert_eq!(
        after_options_lines(
            "proto3.proto",
            r#"syntax = "proto3";
package p;
enum E {
  E_ONE = 1;
}
message A {
  required int32 x = 1;
  map<float, int32> m = 2;
  int32 foo_bar = 3;
  int32 fooBar = 4;
}
"#
        ),
        [
            "proto3.proto:7:12: Required fields are not allowed in proto3.",
            "proto3.proto:10:9: The default JSON name of field \"fooBar\" (\"fooBar\") conflicts with the default JSON name of field \"foo_bar\".",
            "proto3.proto:8:3: Key in map fields cannot be float/double, bytes or message types.",
            "proto3.proto:4:11: The first enum value must be zero for open enums.",
        ]
    );
}

#[test]
fn enum_alias_needs_allow_alias() {
    assert_eq!(
        after_options_lines(
            "alias.proto",
            "syntax = \"proto2\";\npackage p;\nenum E {\n  A = 0;\n  B = 0;\n  C = 2;\n}\n"
        ),
        [
            "alias.proto:5:7: \"p.B\" uses the same enum value as \"p.A\". If this is intended, set 'option allow_alias = true;' to the enum definition. The next available enum value is 1."
        ]
    );
}

#[test]
fn packed_only_on_repeated_primitive_fields() {
    assert_eq!(
        after_options_lines(
            "packed.proto",
            "syntax = \"proto2\";\nmessage M { optional int32 f = 1 [packed = true]; }\n"
        ),
        ["packed.proto:2:22: [packed = true] can only be specified for repeated primitive fields."]
    );
}

#[test]
fn map_entry_name_conflicting_with_a_nested_message() {
    let mut h = Harness::new();
    // Registering the symbols already finds the duplicate name.
    let ctx = h.add(
        "mapconflict.proto",
        "syntax = \"proto3\";\nmessage A {\n  map<string, int32> foo = 1;\n  message FooEntry {}\n}\n",
    );
    assert_eq!(
        h.take_lines(),
        ["mapconflict.proto:4:11: \"FooEntry\" is already defined in \"A\"."]
    );
    after_options::detect_map_conflicts(&h.pool, &mut h.diags, &ctx);
    assert_eq!(
        h.lines(),
        [
            "mapconflict.proto:2:9: Expanded map entry type FooEntry conflicts with an existing nested message type."
        ]
    );
}

#[test]
fn editions_2024_naming_style() {
    let (mut h, ctx) = interpreted(
        "naming.proto",
        r#"edition = "2024";
package p;
message lower_message {
  int32 BadField = 1;
  enum kind { KIND_UNSPECIFIED = 0; lowerValue = 1; }
}
service my_service {
  rpc do_it(lower_message) returns (lower_message);
}
"#,
    );
    after_options::naming_style(&h.pool, &mut h.diags, &ctx);
    let opt_out =
        "(features.enforce_naming_style = STYLE_LEGACY can be used to opt out of this check)";
    let expected: Vec<String> = [
        "naming.proto:3:9: Message name lower_message should be TitleCase",
        "naming.proto:5:8: Enum name kind should begin with a capital letter",
        "naming.proto:5:37: Enum value name lowerValue should be UPPER_SNAKE_CASE",
        "naming.proto:4:9: Field name BadField should be lower_snake_case",
        "naming.proto:7:9: Service name my_service should be TitleCase",
        "naming.proto:8:7: Method name do_it should be TitleCase",
    ]
    .iter()
    .map(|l| format!("{l} {opt_out}"))
    .collect();
    assert_eq!(h.lines(), expected);
}

#[test]
fn naming_style_is_not_enforced_before_edition_2024() {
    let (mut h, ctx) = interpreted(
        "naming.proto",
        "edition = \"2023\";\nmessage lower_message { int32 BadField = 1; }\n",
    );
    after_options::naming_style(&h.pool, &mut h.diags, &ctx);
    assert_eq!(h.lines(), Vec::<String>::new());
}

#[test]
fn feature_used_before_the_edition_that_introduced_it() {
    let (mut h, ctx) = interpreted(
        "lifetime.proto",
        "edition = \"2023\";\noption features.enforce_naming_style = STYLE2024;\nmessage A {}\n",
    );
    feature_lifetimes::run(&h.pool, &mut h.diags, &ctx);
    assert_eq!(
        h.lines(),
        [
            "lifetime.proto: google.protobuf.FeatureSet.enforce_naming_style wasn't introduced until edition 2024 and can't be used in edition 2023"
        ]
    );
}

#[test]
fn extension_must_match_its_declaration_type() {
    assert_eq!(
        after_options_lines(
            "extdecl.proto",
            r#"syntax = "proto2";
package err;
message A {
  extensions 100 to 200 [declaration = { number: 100 full_name: ".err.x" type: "string" }];
}
extend A {
  optional int32 x = 100;
}
"#
        ),
        [
            "extdecl.proto:6:8: \"err.A\" extension field 100 is expected to be type \"string\", not \"int32\"."
        ]
    );
}
