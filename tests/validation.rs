//! protoc's semantic validation, checked against the real binary: each case compiles small
//! malformed inputs and expects protoc 35.1's exact stderr and exit code (captured once from
//! `python -m grpc_tools.protoc -I. -o /dev/null`, libprotoc 35.1).

mod common;

use std::fs;

/// Writes `files` into a scratch directory, compiles `main`, returns (exit code, stderr).
fn compile(files: &[(&str, &str)], main: &str) -> (i32, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, text) in files {
        fs::write(dir.path().join(name), text).expect("write");
    }
    let o = common::protoc_rs()
        .args(["-I.", "-o", "/dev/null", main])
        .current_dir(dir.path())
        .output()
        .expect("run protoc-rs");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}
#[test]
fn numbers_ranges_reserved() {
    let files = [(
        "s1.proto",
        r#"syntax = "proto2";
package p;
message M {
  optional int32 a = 0;
  optional int32 b = 536870912;
  optional int32 c = 3;
  optional int32 d = 3;
  extensions 10 to 20;
  extensions 15 to 25;
  reserved 30 to 40, 35;
  reserved "x", "x", "c";
  optional int32 e = 12;
  optional int32 f = 31;
  message N { optional int32 z = 0; }
  extensions 0;
}
enum E {}
enum F { A = 0; B = 1; reserved 1, 0 to 2; reserved "B", "B"; }
extend M { optional int32 q = 11; optional int32 r = 11; required int32 s = 13; }
"#,
    )];
    let (code, stderr) = compile(&files, "s1.proto");
    assert_eq!(
        stderr,
        r#"s1.proto:4:22: Field numbers must be positive integers.
s1.proto:5:22: Field numbers cannot be greater than 536870911.
s1.proto:15:14: Extension numbers must be positive integers.
s1.proto:14:34: Field numbers must be positive integers.
s1.proto:10:12: Reserved range 35 to 35 overlaps with already-defined range 30 to 40.
s1.proto:3:9: Field name "x" is reserved multiple times.
s1.proto:15:14: Extension range 0 to 0 includes field "a" (0).
s1.proto:6:18: Field name "c" is reserved.
s1.proto:8:14: Extension range 10 to 20 includes field "e" (12).
s1.proto:10:12: Field "f" uses reserved number 31.
s1.proto:8:14: Extension range 15 to 25 overlaps with already-defined range 10 to 20.
s1.proto:17:6: Enums must contain at least one value.
s1.proto:18:33: Reserved range 0 to 2 overlaps with already-defined range 1 to 1.
s1.proto:18:6: Enum value "B" is reserved multiple times.
s1.proto:18:36: Enum value "A" uses reserved number 0.
s1.proto:18:33: Enum value "B" uses reserved number 1.
s1.proto:18:36: Enum value "B" uses reserved number 1.
s1.proto:18:17: Enum value "B" is reserved.
s1.proto:19:67: The extension p.s cannot be required.
s1.proto:7:22: Field number 3 has already been used in "p.M" by field "c". Next available field number is 1.
s1.proto:19:54: Extension number 11 has already been used in "p.M" by extension "p.q".
s1.proto:4:22: Suggested field numbers for p.M: 1, 2, 4
"#
    );
    assert_eq!(code, 1);
}

#[test]
fn no_available_field_numbers() {
    let files = [(
        "s2.proto",
        r#"syntax = "proto2";
message M {
  optional int32 a = 1;
  optional int32 b = 2;
  optional int32 c = 1;
  reserved 3 to 5;
  extensions 6 to max;
  optional int32 d = 6;
}
"#,
    )];
    let (code, stderr) = compile(&files, "s2.proto");
    assert_eq!(
        stderr,
        r#"s2.proto:7:14: Extension range 6 to 536870911 includes field "d" (6).
s2.proto:5:22: Field number 1 has already been used in "M" by field "a". There are no available field numbers.
s2.proto:7:14: Suggested field numbers for M: 
"#
    );
    assert_eq!(code, 1);
}

#[test]
fn duplicate_extension_numbers() {
    let files = [
        (
            "s3.proto",
            r#"syntax = "proto2";
message M {
  optional int32 a = 1;

  reserved 2, 4;

}
message N {
  optional int32 a = 5;

  extensions 6 to 7;

}
"#,
        ),
        (
            "s4.proto",
            r#"syntax = "proto2";
import "s3.proto";
extend N { optional int32 x = 6; }
extend N { optional int32 y = 6; }
"#,
        ),
    ];
    let (code, stderr) = compile(&files, "s4.proto");
    assert_eq!(
        stderr,
        r#"s4.proto:4:31: Extension number 6 has already been used in "N" by extension "x".
"#
    );
    assert_eq!(code, 1);
}

#[test]
fn reserved_numbers_and_suggestions() {
    let files = [(
        "s6.proto",
        r#"syntax = "proto2";
message M {
  optional int32 a = 1;
  optional int32 b = 1;
  reserved 2, 4;
  optional int32 c = 4;
}
message N {
  optional int32 a = 5;
  optional int32 b = 0;
  extensions 6 to 7;
  optional int32 c = 7;
}
"#,
    )];
    let (code, stderr) = compile(&files, "s6.proto");
    assert_eq!(
        stderr,
        r#"s6.proto:5:15: Field "c" uses reserved number 4.
s6.proto:10:22: Field numbers must be positive integers.
s6.proto:11:14: Extension range 6 to 7 includes field "c" (7).
s6.proto:4:22: Field number 1 has already been used in "M" by field "a". Next available field number is 3.
s6.proto:5:15: Suggested field numbers for M: 3
s6.proto:10:22: Suggested field numbers for N: 1, 2
"#
    );
    assert_eq!(code, 1);
}

#[test]
fn extension_number_in_other_file_warns() {
    let files = [
        (
            "s3.proto",
            r#"syntax = "proto2";
message M {
  optional int32 a = 1;

  reserved 2, 4;

}
message N {
  optional int32 a = 5;

  extensions 6 to 7;

}
"#,
        ),
        (
            "s7.proto",
            r#"syntax = "proto2";
import "s3.proto";
extend N { optional int32 x = 6; }
"#,
        ),
        (
            "s8.proto",
            r#"syntax = "proto2";
import "s3.proto";
import "s7.proto";
extend N { optional int32 z = 6; }
"#,
        ),
    ];
    let (code, stderr) = compile(&files, "s8.proto");
    assert_eq!(
        stderr,
        r#"s8.proto:4:31: warning: Extension number 6 has already been used in "N" by extension "x" defined in s7.proto.
s8.proto:3:1: warning: Import s7.proto is unused.
"#
    );
    assert_eq!(code, 0);
}

#[test]
fn proto3_rules_and_field_options() {
    let files = [(
        "v1.proto",
        r#"syntax = "proto3";
package p;
import "google/protobuf/descriptor.proto";
message M {
  int32 a = 1 [default = 5];
  int32 foo_bar = 2;
  int32 fooBar = 3;
  string s = 4 [json_name = "x"];
  string t = 5 [json_name = "x"];
  int32 u = 6 [packed = true];
  int32 l = 7 [lazy = true];
  string js = 8 [jstype = JS_STRING];
  map<float, int32> mm = 9;
  extensions 100 to 200;
  option message_set_wire_format = true;
}
enum E { A = 1; B = 1; E_C = 2; C = 3; }
extend M { int32 ext = 101; }
extend google.protobuf.FieldOptions { int32 okopt = 5000 [json_name = "zz"]; }
"#,
    )];
    let (code, stderr) = compile(&files, "v1.proto");
    assert_eq!(
        stderr,
        r#"v1.proto:18:8: Extensions in proto3 are only allowed for defining options.
v1.proto:5:26: Explicit default values are not allowed in proto3.
v1.proto:14:14: Extension ranges are not allowed in proto3.
v1.proto:4:9: MessageSet is not supported in proto3.
v1.proto:7:9: The default JSON name of field "fooBar" ("fooBar") conflicts with the default JSON name of field "foo_bar".
v1.proto:9:10: The custom JSON name of field "t" ("x") conflicts with the custom JSON name of field "s".
v1.proto:5:9: MessageSets cannot have fields, only extensions.
v1.proto:6:9: MessageSets cannot have fields, only extensions.
v1.proto:7:9: MessageSets cannot have fields, only extensions.
v1.proto:8:10: MessageSets cannot have fields, only extensions.
v1.proto:9:10: MessageSets cannot have fields, only extensions.
v1.proto:10:3: [packed = true] can only be specified for repeated primitive fields.
v1.proto:10:9: MessageSets cannot have fields, only extensions.
v1.proto:11:3: [lazy = true] can only be specified for submessage fields.
v1.proto:11:9: MessageSets cannot have fields, only extensions.
v1.proto:12:10: MessageSets cannot have fields, only extensions.
v1.proto:12:3: jstype is only allowed on int64, uint64, sint64, fixed64 or sfixed64 fields.
v1.proto:13:21: MessageSets cannot have fields, only extensions.
v1.proto:13:3: Key in map fields cannot be float/double, bytes or message types.
v1.proto:17:33: Enum name C has the same name as E_C if you ignore case and strip out the enum name prefix (if any). (If you are using allow_alias, please assign the same number to each enum value name.)
v1.proto:17:14: The first enum value must be zero for open enums.
v1.proto:17:21: "p.B" uses the same enum value as "p.A". If this is intended, set 'option allow_alias = true;' to the enum definition. The next available enum value is 4.
v1.proto:18:12: Extensions of MessageSets must be optional messages.
v1.proto:19:59: option json_name is not allowed on extension fields.
"#
    );
    assert_eq!(code, 1);
}

#[test]
fn proto2_maps_messageset_json_warning() {
    let files = [(
        "v2.proto",
        r#"syntax = "proto2";
message M {
  optional int32 foo_bar = 2;
  optional int32 fooBar = 3;
  optional M m = 4 [lazy = true];
  repeated string r = 5 [packed = true];
  optional int64 j = 6 [jstype = JS_NUMBER];
  map<bytes, E> mm = 7;
  map<int32, E> mm2 = 8;
  optional E e = 9;
}
enum E { E_X = 1; X = 2; }
message S { option message_set_wire_format = true; extensions 4 to max; optional int32 f = 1; }
extend S { optional int32 bad = 5; repeated S bad2 = 6; optional M ok = 7; }
"#,
    )];
    let (code, stderr) = compile(&files, "v2.proto");
    assert_eq!(
        stderr,
        r#"v2.proto:4:18: warning: The default JSON name of field "fooBar" ("fooBar") conflicts with the default JSON name of field "foo_bar".
v2.proto:6:12: [packed = true] can only be specified for repeated primitive fields.
v2.proto:8:3: Key in map fields cannot be float/double, bytes or message types.
v2.proto:8:3: Enum value in map must define 0 as the first value.
v2.proto:9:3: Enum value in map must define 0 as the first value.
v2.proto:13:88: MessageSets cannot have fields, only extensions.
v2.proto:12:19: Enum name X has the same name as E_X if you ignore case and strip out the enum name prefix (if any). (If you are using allow_alias, please assign the same number to each enum value name.)
v2.proto:14:21: Extensions of MessageSets must be optional messages.
v2.proto:14:45: Extensions of MessageSets must be optional messages.
"#
    );
    assert_eq!(code, 1);
}

#[test]
fn editions_field_features() {
    let files = [(
        "v3.proto",
        r#"edition = "2023";
option features.field_presence = LEGACY_REQUIRED;
message M {
  int32 a = 1 [packed = true];
  int32 b = 2 [features.field_presence = IMPLICIT, default = 3];
  repeated int32 c = 3 [features.field_presence = EXPLICIT];
  M m = 4 [features.field_presence = IMPLICIT];
  int32 d = 5 [features.repeated_field_encoding = PACKED];
  int32 e = 6 [features.utf8_validation = VERIFY];
  int32 f = 7 [features.message_encoding = DELIMITED];
  repeated string g = 8 [features.repeated_field_encoding = PACKED];
  oneof o { int32 h = 9 [features.field_presence = EXPLICIT]; }
  C cl = 10 [features.field_presence = IMPLICIT];
  M dl = 11 [features.message_encoding = DELIMITED, lazy = true];
}
enum C { option features.enum_type = CLOSED; C0 = 0; }
enum O { O1 = 1; }
message P { extensions 100 to 200; }
extend P { int32 x = 100 [features.field_presence = EXPLICIT]; }
message N { extensions 100 to 200; }
extend N { int32 y = 100 [features.field_presence = LEGACY_REQUIRED]; }
"#,
    )];
    let (code, stderr) = compile(&files, "v3.proto");
    assert_eq!(
        stderr,
        r"v3.proto:1:1: Required presence can't be specified by default.
v3.proto:4:9: Field option packed is not allowed under editions.  Use the repeated_field_encoding feature to control this behavior.
v3.proto:4:3: [packed = true] can only be specified for repeated primitive fields.
v3.proto:5:9: Implicit presence fields can't specify defaults.
v3.proto:6:18: Repeated fields can't specify field presence.
v3.proto:7:5: Message fields can't specify implicit presence.
v3.proto:8:9: Only repeated fields can specify repeated field encoding.
v3.proto:8:9: Only repeated primitive fields can specify PACKED repeated field encoding.
v3.proto:9:9: Only string fields can specify utf8 validation.
v3.proto:10:9: Only message fields can specify message encoding.
v3.proto:11:19: Only repeated primitive fields can specify PACKED repeated field encoding.
v3.proto:12:19: Oneof fields can't specify field presence.
v3.proto:13:5: Implicit presence enum fields must always be open.
v3.proto:14:3: [lazy = true] can only be specified for submessage fields.
v3.proto:17:15: The first enum value must be zero for open enums.
v3.proto:19:18: Extensions can't specify field presence.
v3.proto:21:18: Extensions can't be required.
"
    );
    assert_eq!(code, 1);
}

#[test]
fn features_outside_editions() {
    let files = [(
        "v4.proto",
        r#"syntax = "proto2";
option features.field_presence = EXPLICIT;
message M { option features.enum_type = OPEN; optional int32 a = 1 [features.field_presence = EXPLICIT]; }
"#,
    )];
    let (code, stderr) = compile(&files, "v4.proto");
    assert_eq!(
        stderr,
        r"v4.proto:1:1: Features are only valid under editions.
v4.proto:3:9: Features are only valid under editions.
v4.proto:3:62: Features are only valid under editions.
"
    );
    assert_eq!(code, 1);
}

#[test]
fn ctype_in_2024() {
    let files = [(
        "v5.proto",
        r#"edition = "2024";
message M { string s = 1 [ctype = CORD]; }
"#,
    )];
    let (code, stderr) = compile(&files, "v5.proto");
    assert_eq!(
        stderr,
        r"v5.proto:2:13: ctype option is not allowed under edition 2024 and beyond. Use the feature string_type = VIEW|CORD|STRING|... instead.
"
    );
    assert_eq!(code, 1);
}

#[test]
fn unknown_feature_value() {
    let files = [(
        "v6.proto",
        r#"edition = "2023";
message M { int32 s = 1 [features.field_presence = FIELD_PRESENCE_UNKNOWN]; }
"#,
    )];
    let (code, stderr) = compile(&files, "v6.proto");
    assert_eq!(
        stderr,
        r"v6.proto:2:19: Feature field `field_presence` must resolve to a known value, found FIELD_PRESENCE_UNKNOWN
"
    );
    assert_eq!(code, 1);
}

#[test]
fn lite_imported_by_non_lite() {
    let files = [
        (
            "lite.proto",
            r#"syntax = "proto2";
option optimize_for = LITE_RUNTIME;
message L { extensions 1 to 10; }
service S { option deprecated = true; }
"#,
        ),
        (
            "v7.proto",
            r#"syntax = "proto2";
import "lite.proto";
message M {}
"#,
        ),
    ];
    let (code, stderr) = compile(&files, "v7.proto");
    assert_eq!(
        stderr,
        r#"v7.proto:2:1: Files that do not use optimize_for = LITE_RUNTIME cannot import files which do use this option.  This file is not lite, but it imports "lite.proto" which is.
"#
    );
    assert_eq!(code, 1);
}

#[test]
fn lite_extension_of_non_lite() {
    let files = [
        (
            "s3.proto",
            r#"syntax = "proto2";
message M {
  optional int32 a = 1;

  reserved 2, 4;

}
message N {
  optional int32 a = 5;

  extensions 6 to 7;

}
"#,
        ),
        (
            "v8.proto",
            r#"syntax = "proto2";
option optimize_for = LITE_RUNTIME;
import "s3.proto";
extend N { optional int32 q = 6; }
"#,
        ),
    ];
    let (code, stderr) = compile(&files, "v8.proto");
    assert_eq!(
        stderr,
        r"v8.proto:4:8: Extensions to non-lite types can only be declared in non-lite files.  Note that you cannot extend a non-lite type to contain a lite type, but the reverse is allowed.
"
    );
    assert_eq!(code, 1);
}

#[test]
fn enum_names_json_names_extension_limit() {
    let files = [(
        "v9.proto",
        r#"syntax = "proto2";
message M { option message_set_wire_format = true; extensions 4 to max; }
message N { extensions 4 to 536870912; }
enum E { option allow_alias = true; A = 0; B = 0; }
enum F { F_UNKNOWN = 0; UNKNOWN = 0; F_A = 1; a = 2; }
message J { optional int32 a = 1 [json_name = "[x]"]; optional int32 b = 2 [json_name = "A"]; optional int32 c_d = 3 [json_name = "cD"]; optional int32 cD = 4; }
"#,
    )];
    let (code, stderr) = compile(&files, "v9.proto");
    assert_eq!(
        stderr,
        r#"v9.proto: Extension numbers cannot be greater than 536870911.
v9.proto:6:153: warning: The default JSON name of field "cD" ("cD") conflicts with the default JSON name of field "c_d".
v9.proto:6:28: The custom JSON name of field "a" ("[x]") is invalid: JSON names may not start with '[' and end with ']'.
v9.proto:5:47: Enum name a has the same name as F_A if you ignore case and strip out the enum name prefix (if any). (If you are using allow_alias, please assign the same number to each enum value name.)
v9.proto:5:35: "UNKNOWN" uses the same enum value as "F_UNKNOWN". If this is intended, set 'option allow_alias = true;' to the enum definition. The next available enum value is 3.
"#
    );
    assert_eq!(code, 1);
}

#[test]
fn naming_style_2024() {
    let files = [(
        "n1.proto",
        r#"edition = "2024";
package My.pkg;
message foo_Bar {
  int32 BadField = 1;
  int32 bad__x = 2;
  int32 ok_1 = 3;
  oneof Choice { int32 c = 4; }
  map<string, int32> my_map = 5;
  enum kind { k = 0; GOOD_X = 1; BAD_ = 2; }
  message Legacy { option features.enforce_naming_style = STYLE_LEGACY; int32 XX = 1; }
}
enum Color { red = 0; }
service my_svc { rpc do_it(foo_Bar) returns (foo_Bar); }
"#,
    )];
    let (code, stderr) = compile(&files, "n1.proto");
    assert_eq!(
        stderr,
        r"n1.proto:2:1: Package name My.pkg should be lower_snake_case (features.enforce_naming_style = STYLE_LEGACY can be used to opt out of this check)
n1.proto:3:9: Message name foo_Bar should be TitleCase (features.enforce_naming_style = STYLE_LEGACY can be used to opt out of this check)
n1.proto:9:8: Enum name kind should begin with a capital letter (features.enforce_naming_style = STYLE_LEGACY can be used to opt out of this check)
n1.proto:9:15: Enum value name k should be UPPER_SNAKE_CASE (features.enforce_naming_style = STYLE_LEGACY can be used to opt out of this check)
n1.proto:9:34: Enum value name BAD_ contains style violating underscores (features.enforce_naming_style = STYLE_LEGACY can be used to opt out of this check)
n1.proto: Oneof name Choice should be lower_snake_case (features.enforce_naming_style = STYLE_LEGACY can be used to opt out of this check)
n1.proto:4:9: Field name BadField should be lower_snake_case (features.enforce_naming_style = STYLE_LEGACY can be used to opt out of this check)
n1.proto:5:9: Field name bad__x contains style violating underscores (features.enforce_naming_style = STYLE_LEGACY can be used to opt out of this check)
n1.proto:6:9: Field name ok_1 contains style violating underscores (features.enforce_naming_style = STYLE_LEGACY can be used to opt out of this check)
n1.proto:12:14: Enum value name red should be UPPER_SNAKE_CASE (features.enforce_naming_style = STYLE_LEGACY can be used to opt out of this check)
n1.proto:13:9: Service name my_svc should be TitleCase (features.enforce_naming_style = STYLE_LEGACY can be used to opt out of this check)
n1.proto:13:22: Method name do_it should be TitleCase (features.enforce_naming_style = STYLE_LEGACY can be used to opt out of this check)
"
    );
    assert_eq!(code, 1);
}

#[test]
fn naming_style_field() {
    let files = [(
        "n2.proto",
        r#"edition = "2024";
package p;
message M { int32 Y = 1; }
"#,
    )];
    let (code, stderr) = compile(&files, "n2.proto");
    assert_eq!(
        stderr,
        r"n2.proto:3:19: Field name Y should be lower_snake_case (features.enforce_naming_style = STYLE_LEGACY can be used to opt out of this check)
"
    );
    assert_eq!(code, 1);
}

#[test]
fn extdecl_declaration_rules() {
    let files = [(
        "b1.proto",
        r#"syntax = "proto2";
package p;
message A {
  extensions 100 to 200 [declaration = { number: 100 full_name: ".p.x" type: ".p.M" },
                         declaration = { number: 100 full_name: "p..y" type: "bad type" },
                         declaration = { number: 102 full_name: ".p.z" },
                         declaration = { number: 103 reserved: true },
                         declaration = { number: 104 type: "int32" reserved: true },
                         declaration = { number: 105 full_name: ".p..w" type: ".a b" },
                         declaration = { number: 106 full_name: "" type: "" }];
  extensions 300 to 400 [declaration = { number: 300 full_name: ".p.x" type: "int32" }];
}
message M {}
"#,
    )];
    let (code, stderr) = compile(&files, "b1.proto");
    assert_eq!(
        stderr,
        r#"b1.proto:4:14: Extension declaration number 100 is declared multiple times.
b1.proto: "p..y" must have a leading dot to indicate the fully-qualified scope.
b1.proto: "bad type" must have a leading dot to indicate the fully-qualified scope.
b1.proto: Extension declaration #102 should have both "full_name" and "type" set.
b1.proto: Extension declaration #104 should have both "full_name" and "type" set.
b1.proto: ".p..w" contains invalid identifiers.
b1.proto: ".a b" contains invalid identifiers.
b1.proto: "" must have a leading dot to indicate the fully-qualified scope.
b1.proto: "" must have a leading dot to indicate the fully-qualified scope.
b1.proto: Extension field name ".p.x" is declared multiple times.
"#
    );
    assert_eq!(code, 1);
}

#[test]
fn extdecl_scoped_and_repeated() {
    let files = [(
        "a2.proto",
        r#"syntax = "proto2";
package p;
message A {
  extensions 100 to 200 [declaration = { number: 100 full_name: ".p.M.x" type: "M" repeated: true },
                         declaration = { number: 101 full_name: ".p.M.y" type: ".p.E" },
                         declaration = { number: 102 full_name: ".p.M.g" type: "group" }];
}
message M {
  extend A {
    optional M x = 100;
    repeated E y = 101;
    optional group G = 102 {}
  }
}
enum E { E0 = 0; }
"#,
    )];
    let (code, stderr) = compile(&files, "a2.proto");
    assert_eq!(
        stderr,
        r#"a2.proto: "M" must have a leading dot to indicate the fully-qualified scope.
a2.proto: "group" must have a leading dot to indicate the fully-qualified scope.
a2.proto:9:10: "p.A" extension field 100 is expected to be repeated.
a2.proto: "p.A" extension field 101 is expected to be optional.
"#
    );
    assert_eq!(code, 1);
}

#[test]
fn extdecl_unverified_stops_ranges() {
    let files = [(
        "a3.proto",
        r#"syntax = "proto2";
package p;
message A {
  extensions 100 to 200 [declaration = { number: 100 full_name: ".p.x" type: "string" repeated: true }];
  extensions 300 to 400 [declaration = { number: 300 full_name: ".p.w" type: "int32" }, verification = UNVERIFIED];
  extensions 500 to 600 [declaration = { number: 700 full_name: ".p.v" type: "int32" }];
}
extend A {
  optional string x = 100;
  optional int32 y = 150;
}
"#,
    )];
    let (code, stderr) = compile(&files, "a3.proto");
    assert_eq!(
        stderr,
        r#"a3.proto: Cannot mark the extension range as UNVERIFIED when it has extension(s) declared.
a3.proto:8:8: "p.A" extension field 100 is expected to be repeated.
a3.proto: Missing extension declaration for field p.y with number 150 in extendee message p.A. An extension range must declare for all extension fields if its verification state is DECLARATION or there's any declaration in the range already. Otherwise, consider splitting up the range.
"#
    );
    assert_eq!(code, 1);
}

#[test]
fn extdecl_type_name_repeated() {
    let files = [(
        "b3.proto",
        r#"syntax = "proto2";
package p;
message A {
  extensions 100 to 200 [declaration = { number: 100 full_name: ".p.x" type: "int32" }];
  extensions 201 to max [verification = DECLARATION];
}
extend A {
  repeated string x = 100;
  optional int32 y = 300;
}
"#,
    )];
    let (code, stderr) = compile(&files, "b3.proto");
    assert_eq!(
        stderr,
        r#"b3.proto:7:8: "p.A" extension field 100 is expected to be type "int32", not "string".
b3.proto:7:8: "p.A" extension field 100 is expected to be optional.
b3.proto: Missing extension declaration for field p.y with number 300 in extendee message p.A. An extension range must declare for all extension fields if its verification state is DECLARATION or there's any declaration in the range already. Otherwise, consider splitting up the range.
"#
    );
    assert_eq!(code, 1);
}

#[test]
fn extdecl_type_skipped_after_errors() {
    let files = [(
        "b4.proto",
        r#"syntax = "proto2";
package p;
message A {
  extensions 100 to 200 [declaration = { number: 100 full_name: ".p.y" type: "string" }];
}
message B { optional int32 f = 1 [lazy = true]; }
extend A {
  optional int32 x = 100;
}
"#,
    )];
    let (code, stderr) = compile(&files, "b4.proto");
    assert_eq!(
        stderr,
        r#"b4.proto:6:22: [lazy = true] can only be specified for submessage fields.
b4.proto:7:8: "p.A" extension field 100 is expected to have field name ".p.y", not ".p.x".
"#
    );
    assert_eq!(code, 1);
}

#[test]
fn extdecl_other_file_extendee() {
    let files = [
        (
            "b5.proto",
            r#"syntax = "proto2";
package p;
import "dep.proto";
extend d.A {
  optional string y = 100;
  optional string z = 101;
}
"#,
        ),
        (
            "dep.proto",
            r#"syntax = "proto2";
package d;
message A {
  extensions 100 to 200 [declaration = { number: 100 full_name: ".p.y" type: "string" }];
}
"#,
        ),
    ];
    let (code, stderr) = compile(&files, "b5.proto");
    assert_eq!(
        stderr,
        r#"b5.proto: Missing extension declaration for field p.z with number 101 in extendee message d.A. An extension range must declare for all extension fields if its verification state is DECLARATION or there's any declaration in the range already. Otherwise, consider splitting up the range.
"#
    );
    assert_eq!(code, 1);
}

#[test]
fn visibility_cross_file_references() {
    let files = [
        (
            "use1.proto",
            r#"edition = "2024";
package u;
import "lib.proto";
import "lall.proto";
import "strict.proto";
message M {
  lib.Top t = 1;
  lib.Top.Nested n = 2;
  lib.Top.ExpNested en = 3;
  lib.Top.NE ne = 4;
  lib.LocE le = 5;
  lall.A a = 6;
  lall.B b = 7;
  lall.B.C c = 8;
  st.A sa = 9;
  st.B sb = 10;
  lib.Top.MEntry me = 11;
}
extend lib.Loc { int32 x = 100; }
extend lib.Top { int32 y = 100; }
service S {
  rpc R(lib.Loc) returns (lall.A);
  rpc R2(lib.Top) returns (lib.Top.Nested);
}
"#,
        ),
        (
            "lib.proto",
            r#"edition = "2024";
package lib;
message Top {
  message Nested {}
  export message ExpNested {}
  enum NE { NE0 = 0; }
  extensions 100 to 200;
  map<string, int32> m = 1;
}
local message Loc { extensions 100 to 200; }
local enum LocE { L0 = 0; }
"#,
        ),
        (
            "lall.proto",
            r#"edition = "2024";
package lall;
option features.default_symbol_visibility = LOCAL_ALL;
message A {}
export message B { message C {} }
"#,
        ),
        (
            "strict.proto",
            r#"edition = "2024";
package st;
option features.default_symbol_visibility = STRICT;
message A {}
export message B {}
"#,
        ),
    ];
    let (code, stderr) = compile(&files, "use1.proto");
    assert_eq!(
        stderr,
        r#"use1.proto:8:3: Symbol "lib.Top.Nested", defined in "lib.proto"  is not visible from "use1.proto". It defaulted to local from file-level 'option features.default_symbol_visibility = 'EXPORT_TOP_LEVEL'; and cannot be accessed outside its own file
use1.proto:10:3: Symbol "lib.Top.NE", defined in "lib.proto"  is not visible from "use1.proto". It defaulted to local from file-level 'option features.default_symbol_visibility = 'EXPORT_TOP_LEVEL'; and cannot be accessed outside its own file
use1.proto:11:3: Symbol "lib.LocE", defined in "lib.proto"  is not visible from "use1.proto". It is explicitly marked 'local' and cannot be accessed outside its own file
use1.proto:12:3: Symbol "lall.A", defined in "lall.proto"  is not visible from "use1.proto". It defaulted to local from file-level 'option features.default_symbol_visibility = 'LOCAL_ALL'; and cannot be accessed outside its own file
use1.proto:14:3: Symbol "lall.B.C", defined in "lall.proto"  is not visible from "use1.proto". It defaulted to local from file-level 'option features.default_symbol_visibility = 'LOCAL_ALL'; and cannot be accessed outside its own file
use1.proto:15:3: Symbol "st.A", defined in "strict.proto"  is not visible from "use1.proto". It defaulted to local from file-level 'option features.default_symbol_visibility = 'STRICT'; and cannot be accessed outside its own file
use1.proto:17:3: Symbol "lib.Top.MEntry", defined in "lib.proto"  is not visible from "use1.proto". It defaulted to local from file-level 'option features.default_symbol_visibility = 'EXPORT_TOP_LEVEL'; and cannot be accessed outside its own file
use1.proto:19:8: Symbol "lib.Loc", defined in "lib.proto" target of extend is not visible from "use1.proto". It is explicitly marked 'local' and cannot be accessed outside its own file
use1.proto:22:9: Symbol "lib.Loc", defined in "lib.proto"  is not visible from "use1.proto". It is explicitly marked 'local' and cannot be accessed outside its own file
use1.proto:22:27: Symbol "lall.A", defined in "lall.proto"  is not visible from "use1.proto". It defaulted to local from file-level 'option features.default_symbol_visibility = 'LOCAL_ALL'; and cannot be accessed outside its own file
use1.proto:23:28: Symbol "lib.Top.Nested", defined in "lib.proto"  is not visible from "use1.proto". It defaulted to local from file-level 'option features.default_symbol_visibility = 'EXPORT_TOP_LEVEL'; and cannot be accessed outside its own file
"#
    );
    assert_eq!(code, 1);
}

#[test]
fn visibility_from_proto3_importer() {
    let files = [
        (
            "use2.proto",
            r#"syntax = "proto3";
package u2;
import "lib.proto";
message M { lib.Top.Nested n = 1; }
"#,
        ),
        (
            "lib.proto",
            r#"edition = "2024";
package lib;
message Top {
  message Nested {}
  export message ExpNested {}
  enum NE { NE0 = 0; }
  extensions 100 to 200;
  map<string, int32> m = 1;
}
local message Loc { extensions 100 to 200; }
local enum LocE { L0 = 0; }
"#,
        ),
    ];
    let (code, stderr) = compile(&files, "use2.proto");
    assert_eq!(
        stderr,
        r#"use2.proto:4:13: Symbol "lib.Top.Nested", defined in "lib.proto"  is not visible from "use2.proto". It defaulted to local from file-level 'option features.default_symbol_visibility = 'EXPORT_TOP_LEVEL'; and cannot be accessed outside its own file
"#
    );
    assert_eq!(code, 1);
}

#[test]
fn visibility_strict_nested_exports() {
    let files = [(
        "s2.proto",
        r#"edition = "2024";
package s2;
option features.default_symbol_visibility = STRICT;
export message A {
  export message B { export message C {} export enum CE { C0 = 0; } }
  export enum AE { A0 = 0; }
  local enum AL { L0 = 0; }
}
message NS {
  export enum OK { OK0 = 0; }
  reserved 1 to max;
}
export message NS2 {
  export enum NOK { OK0 = 0; }
  reserved 1 to max;
}
local message NS3 {
  export enum OK3 { OK0 = 0; }
  reserved 1 to max;
  export message Q {}
}
"#,
    )];
    let (code, stderr) = compile(&files, "s2.proto");
    assert_eq!(
        stderr,
        r#"s2.proto: "s2.A.B" is a nested message and cannot be `export` with STRICT default_symbol_visibility. It must be moved to top-level, ideally in its own file in order to be `export`.
s2.proto: "s2.A.B.C" is a nested message and cannot be `export` with STRICT default_symbol_visibility. It must be moved to top-level, ideally in its own file in order to be `export`.
s2.proto: "s2.NS3.Q" is a nested message and cannot be `export` with STRICT default_symbol_visibility. It must be moved to top-level, ideally in its own file in order to be `export`.
s2.proto: "s2.A.AE" is a nested enum and cannot be marked `export` with STRICT default_symbol_visibility. It must be moved to top-level, ideally in its own file in order to be `export`. For C++ namespacing of enums in a messages use: `local message <OuterNamespace> { export enum s2.A.AE {...} reserved 1 to max; }`
s2.proto: "s2.A.B.CE" is a nested enum and cannot be marked `export` with STRICT default_symbol_visibility. It must be moved to top-level, ideally in its own file in order to be `export`. For C++ namespacing of enums in a messages use: `local message <OuterNamespace> { export enum s2.A.B.CE {...} reserved 1 to max; }`
s2.proto: "s2.NS2.NOK" is a nested enum and cannot be marked `export` with STRICT default_symbol_visibility. It must be moved to top-level, ideally in its own file in order to be `export`. For C++ namespacing of enums in a messages use: `local message <OuterNamespace> { export enum s2.NS2.NOK {...} reserved 1 to max; }`
"#
    );
    assert_eq!(code, 1);
}

#[test]
fn map_entry_conflicts() {
    let files = [(
        "m1.proto",
        r#"syntax = "proto3";
package p;
message A {
  map<string, int32> foo = 1;
  int32 FooEntry = 2;
  map<string, int32> bar = 3;
  enum BarEntry { X = 0; }
  map<string, int32> baz = 4;
  oneof BazEntry { int32 q = 5; }
  message B {
    map<string, int32> foo = 1;
    message FooEntry {}
    message FooEntry {}
  }
  message B {}
}
message C {
  message FooEntry {}
  map<string, int32> foo = 1;
  message D { map<int32,int32> x = 1; message XEntry {} }
}
"#,
    )];
    let (code, stderr) = compile(&files, "m1.proto");
    assert_eq!(
        stderr,
        r#"m1.proto: "FooEntry" is already defined in "p.A".
m1.proto: "BarEntry" is already defined in "p.A".
m1.proto: "BazEntry" is already defined in "p.A".
m1.proto:12:13: "FooEntry" is already defined in "p.A.B".
m1.proto:13:13: "FooEntry" is already defined in "p.A.B".
m1.proto:15:11: "B" is already defined in "p.A".
m1.proto: "FooEntry" is already defined in "p.C".
m1.proto:20:47: "XEntry" is already defined in "p.C.D".
m1.proto:4:3: "FooEntry" is not defined.
m1.proto:8:3: "BazEntry" is not defined.
m1.proto:10:11: Expanded map entry type FooEntry conflicts with an existing nested message type.
m1.proto:3:9: Expanded map entry type FooEntry conflicts with an existing field.
m1.proto:3:9: Expanded map entry type BarEntry conflicts with an existing enum type.
m1.proto:3:9: Expanded map entry type BazEntry conflicts with an existing oneof type.
m1.proto:17:9: Expanded map entry type FooEntry conflicts with an existing nested message type.
"#
    );
    assert_eq!(code, 1);
}

#[test]
fn option_import_debug_redact() {
    let files = [
        (
            "use.proto",
            r#"edition = "2024";
package u;
import option "plain.proto";
import option "opts.proto";
message M { int32 a = 1 [(o.sens) = SECRET]; int32 b = 19001; }
"#,
        ),
        (
            "opts.proto",
            r#"edition = "2024";
package o;
import "google/protobuf/descriptor.proto";
enum Sens { NONE = 0; SECRET = 1 [debug_redact = true]; }
message Wrap { Sens s = 1; Wrap again = 2; }
message Holder {
  extend google.protobuf.FieldOptions { Wrap inner = 50001; }
}
extend google.protobuf.FieldOptions {
  Sens sens = 50000;
  int32 plain = 50002;
}
"#,
        ),
        (
            "plain.proto",
            r#"edition = "2024";
package pl;
import "google/protobuf/descriptor.proto";
extend google.protobuf.FieldOptions { int32 ok = 50010; }
"#,
        ),
    ];
    let (code, stderr) = compile(&files, "use.proto");
    assert_eq!(
        stderr,
        r#"use.proto:3:1: warning: Import plain.proto is unused.
use.proto: Option dependency opts.proto contains a custom option o.sens marked debug_redact, which is used to mark fields that need to be redacted in debug string APIs. Switch to a regular import or remove the debug_redact annotation to avoid potentially leaking sensitive data.
use.proto: Field numbers 19000 through 19999 are reserved for the protocol buffer library implementation.
"#
    );
    assert_eq!(code, 1);
}

#[test]
fn option_import_debug_redact_visit_order() {
    let files = [
        (
            "use5.proto",
            r#"edition = "2024";
package u5;
import option "opts2.proto";
import option "plain.proto";
"#,
        ),
        (
            "opts2.proto",
            r#"edition = "2024";
package o2;
import "google/protobuf/descriptor.proto";
enum Sens { NONE = 0; SECRET = 1 [debug_redact = true]; }
message Wrap { Wrap again = 2; Sens s = 1; }
message Holder {
  extend google.protobuf.FieldOptions { Wrap inner = 50001; }
  message Deeper { extend google.protobuf.MessageOptions { Wrap deep = 50003; } }
}
extend google.protobuf.FieldOptions { int32 plain2 = 50002; }
"#,
        ),
        (
            "plain.proto",
            r#"edition = "2024";
package pl;
import "google/protobuf/descriptor.proto";
extend google.protobuf.FieldOptions { int32 ok = 50010; }
"#,
        ),
    ];
    let (code, stderr) = compile(&files, "use5.proto");
    assert_eq!(
        stderr,
        r#"use5.proto:3:1: warning: Import opts2.proto is unused.
use5.proto:4:1: warning: Import plain.proto is unused.
use5.proto: Option dependency opts2.proto contains a custom option o2.Holder.inner marked debug_redact, which is used to mark fields that need to be redacted in debug string APIs. Switch to a regular import or remove the debug_redact annotation to avoid potentially leaking sensitive data.
"#
    );
    assert_eq!(code, 1);
}

#[test]
fn feature_lifetimes_introduced() {
    let files = [(
        "f4.proto",
        r#"edition = "2023";
package f;
option features.default_symbol_visibility = EXPORT_ALL;
message M {
  int32 a = 1 [features.enforce_naming_style = STYLE2024];
}
"#,
    )];
    let (code, stderr) = compile(&files, "f4.proto");
    assert_eq!(
        stderr,
        r#"f4.proto:2:1: google.protobuf.FeatureSet.default_symbol_visibility wasn't introduced until edition 2024 and can't be used in edition 2023
f4.proto:5:9: google.protobuf.FeatureSet.enforce_naming_style wasn't introduced until edition 2024 and can't be used in edition 2023
"#
    );
    assert_eq!(code, 1);
}

#[test]
fn feature_lifetimes_deprecated_warning() {
    let files = [(
        "f3.proto",
        r#"edition = "2023";
package f;
import "google/protobuf/cpp_features.proto";
message M {
  string b = 2 [features.(pb.cpp).string_type = VIEW];
  int32 c = 3 [features.(pb.cpp).legacy_closed_enum = true];
}
"#,
    )];
    let (code, stderr) = compile(&files, "f3.proto");
    assert_eq!(
        stderr,
        r#"f3.proto:6:9: warning: pb.CppFeatures.legacy_closed_enum has been deprecated in edition 2023: The legacy closed enum behavior in C++ is deprecated and is scheduled to be removed in edition 2025.  See http://protobuf.dev/programming-guides/enum/#cpp for more information
"#
    );
    assert_eq!(code, 0);
}
