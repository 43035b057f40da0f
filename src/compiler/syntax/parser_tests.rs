//! Tests of the lexer and parser: the model they build, and protoc's exact diagnostics for
//! malformed inputs (expected texts recorded from the protoc 35.1 oracle).

use crate::compiler::syntax::lexer::{self, Lexer, TokenType};
use crate::descriptor::model::*;
use crate::diagnostics::{Diagnostics, ErrorFormat};
use crate::release::Release;

/// The release these tests' expected texts come from.
const R35: Release = Release::V35_1;

/// protoc 35.1's parser.
fn parse(display: &str, source: &[u8], diags: &mut Diagnostics) -> Option<FileDescriptorProto> {
    super::parse_file(display, display, source, diags, false, R35)
}

fn parse_ok(src: &str) -> FileDescriptorProto {
    let mut d = Diagnostics::default();
    let r = parse("t.proto", src.as_bytes(), &mut d);
    let errs: Vec<String> = d.items.iter().map(|x| ErrorFormat::Gcc.render(x)).collect();
    assert!(!d.has_errors(), "unexpected errors: {errs:#?}");
    r.expect("parsed")
}

/// Diagnostics as protoc prints them, without the no-syntax warning (protoc logs it through
/// absl instead of its error collector).
fn diagnostics(name: &str, src: &[u8]) -> (Option<FileDescriptorProto>, Vec<String>) {
    let mut d = Diagnostics::default();
    let r = parse(name, src, &mut d);
    let lines = d
        .items
        .iter()
        .filter(|x| !x.message.starts_with("No edition or syntax specified"))
        .map(|x| ErrorFormat::Gcc.render(x))
        .collect();
    (r, lines)
}

fn pos(line: u32, col: u32) -> MaybePos {
    Some(Pos::new(line - 1, col - 1))
}

#[test]
fn oracle_cases() {
    let mut failures = Vec::new();
    for (name, src, expected) in ORACLE_CASES {
        let (r, got) = diagnostics(name, src);
        let expected: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
        if got != expected {
            failures.push(format!("{name}:\n expected {expected:#?}\n got {got:#?}"));
        }
        if expected.iter().any(|l| !l.contains(": warning: ")) {
            assert!(r.is_none(), "{name}: errors must make parse return None");
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn lexer_tokens_and_positions() {
    let src = b"\xef\xbb\xbfa\t1.5 0x1F 'x\\'' /\n  07 // c\n/* b */ .5 \"s\"";
    let mut d = Diagnostics::default();
    let mut lx = Lexer::new(src, "t", &mut d);
    let mut toks = Vec::new();
    lx.next_with_comments(None);
    loop {
        let t = *lx.current();
        toks.push((
            t.ty,
            std::string::String::from_utf8_lossy(t.text).into_owned(),
            t.line,
            t.col,
        ));
        if t.ty == TokenType::End {
            break;
        }
        lx.next_token();
    }
    use TokenType::*;
    let expect = vec![
        (Identifier, "a".to_string(), 0, 3),
        (Float, "1.5".to_string(), 0, 8),
        (Integer, "0x1F".to_string(), 0, 12),
        (String, "'x\\''".to_string(), 0, 17),
        (Symbol, "/".to_string(), 0, 23),
        (Integer, "07".to_string(), 1, 2),
        (Float, ".5".to_string(), 2, 8),
        (String, "\"s\"".to_string(), 2, 11),
        (End, "".to_string(), 2, 14),
    ];
    assert_eq!(toks, expect);
    assert!(!d.has_errors());
}

#[test]
fn literal_helpers() {
    assert_eq!(lexer::parse_integer(b"0x10", u64::MAX), Some(16));
    assert_eq!(lexer::parse_integer(b"010", u64::MAX), Some(8));
    assert_eq!(
        lexer::parse_integer(b"18446744073709551615", u64::MAX),
        Some(u64::MAX)
    );
    assert_eq!(
        lexer::parse_integer(b"18446744073709551616", u64::MAX),
        None
    );
    assert_eq!(lexer::parse_integer(b"2147483648", i32::MAX as u64), None);
    assert_eq!(lexer::parse_float(b"1e5"), 1e5);
    assert_eq!(lexer::parse_float(b"5."), 5.0);
    assert_eq!(lexer::parse_float(b".25"), 0.25);
    assert_eq!(lexer::parse_float(b"1e"), 1.0);
    assert_eq!(
        lexer::parse_string(b"\"a\\x41\\101\\n\\u00e9\\U0001F600\\ud83d\\ude00\""),
        "aAA\né😀😀".as_bytes()
    );
    assert_eq!(lexer::parse_string(b"'it\\'s'"), b"it's");
    assert_eq!(
        lexer::c_escape("a\"\n\x01é".as_bytes()),
        "a\\\"\\n\\001\\303\\251"
    );
    assert_eq!(lexer::simple_dtoa(1e300), "1e+300");
    assert_eq!(lexer::simple_dtoa(-0.0), "-0");
    assert_eq!(lexer::simple_dtoa(1e-5), "1e-05");
    assert_eq!(lexer::simple_dtoa(1e21), "1e+21");
    assert_eq!(lexer::simple_dtoa(100000.0), "100000");
    assert_eq!(lexer::simple_dtoa(0.1), "0.1");
    assert_eq!(
        lexer::simple_dtoa(123456789012345678.0),
        "1.2345678901234568e+17"
    );
    assert_eq!(lexer::simple_dtoa(f64::NEG_INFINITY), "-inf");
}

#[test]
fn file_level_statements() {
    let f = parse_ok(
        "syntax = \"proto3\";\npackage a.b;\nimport \"x.proto\";\nimport public \"y.proto\";\nimport weak \"z.proto\";\noption java_package = \"p\";\n",
    );
    assert_eq!(f.syntax, Syntax::Proto3);
    assert_eq!(f.package.as_deref(), Some("a.b"));
    assert_eq!(f.dependency, vec!["x.proto", "y.proto", "z.proto"]);
    assert_eq!(f.public_dependency, vec![1]);
    assert_eq!(f.weak_dependency, vec![2]);
    assert_eq!(f.loc.first_token, pos(1, 1));
    assert_eq!(f.loc.syntax, pos(1, 1));
    assert_eq!(f.loc.package, pos(2, 1));
    assert_eq!(f.loc.dependency, vec![pos(3, 1), pos(4, 1), pos(5, 1)]);
    assert_eq!(f.loc.weak, vec![pos(5, 8)]);
    let o = &f.options.as_ref().unwrap().uninterpreted[0];
    assert_eq!(
        o.name,
        vec![NamePart {
            name_part: "java_package".into(),
            is_extension: false
        }]
    );
    assert_eq!(o.string_value.as_deref(), Some(&b"p"[..]));
    assert_eq!(o.name_pos, pos(6, 8));
    assert_eq!(o.value_pos, pos(6, 23));
    assert!(f.name.is_empty());

    let f = parse_ok(
        "edition = \"2024\";\nimport option \"o.proto\";\nexport message A {}\nlocal enum E { X = 0; }\n",
    );
    assert_eq!(f.syntax, Syntax::Editions(edition::E2024));
    assert_eq!(f.option_dependency, vec!["o.proto"]);
    assert_eq!(f.loc.option_dependency, vec![pos(2, 1)]);
    assert_eq!(f.message_type[0].visibility, Some(Visibility::Export));
    assert_eq!(f.enum_type[0].visibility, Some(Visibility::Local));

    let f = parse_ok("message A {}");
    assert_eq!(f.syntax, Syntax::Proto2);
}

#[test]
fn fields_labels_types_positions() {
    let f = parse_ok(
        "syntax = \"proto2\";\nmessage M {\n  optional int32 a = 1;\n  repeated .p.Foo b = 2 [packed = true];\n  required map c = 3;\n\toptional bytes d = 0x10 [default = \"\\001\\n\"];\n}\n",
    );
    let m = &f.message_type[0];
    assert_eq!(m.name, "M");
    assert_eq!(m.loc.name, pos(2, 9));
    let a = &m.field[0];
    assert_eq!(
        (a.name.as_str(), a.number, a.label, a.r#type),
        ("a", Some(1), Some(Label::Optional), Some(FieldType::Int32))
    );
    assert_eq!(a.type_name, None);
    assert_eq!(a.proto3_optional, None);
    assert_eq!(a.loc.r#type, pos(3, 12));
    assert_eq!(a.loc.name, pos(3, 18));
    assert_eq!(a.loc.number, pos(3, 22));
    assert_eq!(a.options, None);
    let b = &m.field[1];
    assert_eq!(b.r#type, None);
    assert_eq!(b.type_name.as_deref(), Some(".p.Foo"));
    assert_eq!(b.label, Some(Label::Repeated));
    assert_eq!(
        b.options.as_ref().unwrap().uninterpreted[0]
            .identifier_value
            .as_deref(),
        Some("true")
    );
    let c = &m.field[2];
    assert_eq!(c.type_name.as_deref(), Some("map"));
    assert_eq!(c.label, Some(Label::Required));
    let d = &m.field[3];
    assert_eq!(d.number, Some(16));
    assert_eq!(d.default_value.as_deref(), Some("\\001\\n"));
    assert_eq!(d.loc.r#type, pos(6, 18), "tab advances to column 8");
    assert_eq!(d.loc.default_value, pos(6, 44));
}

#[test]
fn defaults_normalized() {
    let f = parse_ok(
        "message M {\n optional int32 a = 1 [default = -0x10];\n optional uint64 b = 2 [default = 010];\n optional double c = 3 [default = -inf];\n optional float d = 4 [default = 1e300];\n optional double e = 5 [default = 0x20];\n optional string s = 6 [default = \"a\" 'b'];\n optional bool t = 7 [default = true];\n optional E u = 8 [default = FOO];\n optional double v = 9 [default = nan];\n optional int64 w = 10 [default = -9223372036854775808];\n optional int32 x = 11 [json_name = \"X\"];\n}\n",
    );
    let dv: Vec<Option<&str>> = f.message_type[0]
        .field
        .iter()
        .map(|x| x.default_value.as_deref())
        .collect();
    assert_eq!(
        dv,
        vec![
            Some("-16"),
            Some("8"),
            Some("-inf"),
            Some("1e+300"),
            Some("32"),
            Some("ab"),
            Some("true"),
            Some("FOO"),
            Some("nan"),
            Some("-9223372036854775808"),
            None
        ]
    );
    let x = &f.message_type[0].field[10];
    assert_eq!(x.json_name.as_deref(), Some("X"));
    assert_eq!(x.loc.json_name_option, pos(12, 25));
    assert_eq!(x.loc.json_name_value, pos(12, 37));
    assert_eq!(x.options, None);
}

#[test]
fn groups() {
    let f = parse_ok(
        "message M {\n  repeated group MyGroup = 1 [deprecated = true] {\n    optional int32 x = 1;\n  }\n}\n",
    );
    let m = &f.message_type[0];
    let g = &m.field[0];
    assert_eq!(g.name, "mygroup");
    assert_eq!(g.r#type, Some(FieldType::Group));
    assert_eq!(g.type_name.as_deref(), Some("MyGroup"));
    assert_eq!(g.label, Some(Label::Repeated));
    assert!(g.options.is_some());
    let n = &m.nested_type[0];
    assert_eq!(n.name, "MyGroup");
    assert_eq!(n.loc.name, pos(2, 18));
    assert_eq!(n.field[0].name, "x");
}

#[test]
fn maps() {
    let f = parse_ok(
        "edition = \"2023\";\nmessage M {\n  map<string, .p.V> foo_bar = 1 [features.utf8_validation = NONE, deprecated = true];\n}\n",
    );
    let m = &f.message_type[0];
    let fld = &m.field[0];
    assert_eq!(fld.label, Some(Label::Repeated));
    assert_eq!(fld.r#type, None);
    assert_eq!(fld.type_name.as_deref(), Some("FooBarEntry"));
    assert_eq!(fld.loc.r#type, pos(3, 3));
    let e = &m.nested_type[0];
    assert_eq!(e.name, "FooBarEntry");
    assert_eq!(
        e.options,
        Some(Box::new(Options {
            uninterpreted: vec![],
            bytes: vec![0x38, 0x01],
            unresolved_features: false,
        }))
    );
    assert_eq!(e.loc.name, None);
    let (k, v) = (&e.field[0], &e.field[1]);
    assert_eq!(
        (k.name.as_str(), k.number, k.label, k.r#type),
        (
            "key",
            Some(1),
            Some(Label::Optional),
            Some(FieldType::String)
        )
    );
    assert_eq!(
        (v.name.as_str(), v.number, v.r#type, v.type_name.as_deref()),
        ("value", Some(2), None, Some(".p.V"))
    );
    let ko = &k.options.as_ref().unwrap().uninterpreted;
    assert_eq!(ko.len(), 1, "only features.* are copied");
    assert_eq!(ko[0].name[0].name_part, "features");
    assert_eq!(ko[0].identifier_value.as_deref(), Some("NONE"));
    assert_eq!(v.options.as_ref().unwrap().uninterpreted.len(), 1);
    assert_eq!(k.loc, FieldLoc::default());
}

#[test]
fn oneofs_and_proto3_optional() {
    let f = parse_ok(
        "syntax = \"proto3\";\nmessage M {\n  optional int32 x = 1;\n  oneof choice {\n    option (o) = 1;\n    string a = 2;\n    int32 b = 3;\n  }\n  optional int32 _y = 4;\n  int32 Xx = 5;\n  optional int32 xx = 6;\n  int32 _xx = 7;\n}\n",
    );
    let m = &f.message_type[0];
    let names: Vec<&str> = m.oneof_decl.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, vec!["choice", "_x", "X_y", "X_xx"]);
    assert_eq!(
        m.oneof_decl[0].options.as_ref().unwrap().uninterpreted[0].positive_int_value,
        Some(1)
    );
    assert_eq!(m.oneof_decl[0].loc.name, None);
    let idx: Vec<Option<i32>> = m.field.iter().map(|f| f.oneof_index).collect();
    assert_eq!(
        idx,
        vec![Some(1), Some(0), Some(0), Some(2), None, Some(3), None]
    );
    assert_eq!(m.field[0].proto3_optional, Some(true));
    assert_eq!(m.field[1].proto3_optional, None);
    assert_eq!(m.field[1].label, Some(Label::Optional));
    assert_eq!(m.field[4].label, Some(Label::Optional));
}

#[test]
fn option_values() {
    let f = parse_ok(
        "option (a) = -5;\noption (b.c).d = 18446744073709551615;\noption (e) = 18446744073709551616;\noption (f) = -inf;\noption (g) = 1.5e3;\noption (h) = { x: \"a\\n\" y [ 1 , 2 ] z { } };\noption i = \"a\" \"b\";\noption (.j) = -9223372036854775808;\noption k = -nan;\n",
    );
    let u = &f.options.as_ref().unwrap().uninterpreted;
    assert_eq!(u[0].negative_int_value, Some(-5));
    assert_eq!(u[0].value_pos, pos(1, 14));
    assert_eq!(
        u[1].name,
        vec![
            NamePart {
                name_part: "b.c".into(),
                is_extension: true
            },
            NamePart {
                name_part: "d".into(),
                is_extension: false
            }
        ]
    );
    assert_eq!(u[1].positive_int_value, Some(u64::MAX));
    assert_eq!(u[2].double_value, Some(18446744073709551616.0));
    assert_eq!(u[3].double_value, Some(f64::NEG_INFINITY));
    assert_eq!(u[4].double_value, Some(1500.0));
    assert_eq!(
        u[5].aggregate_value.as_deref(),
        Some("x : \"a\\n\" y [ 1 , 2 ] z { }")
    );
    assert_eq!(u[6].string_value.as_deref(), Some(&b"ab"[..]));
    assert_eq!(u[7].name[0].name_part, ".j");
    assert_eq!(u[7].negative_int_value, Some(i64::MIN));
    assert!(u[8].double_value.unwrap().is_nan());
}

#[test]
fn ranges_reserved_extend_enum_service() {
    let f = parse_ok(
        "message M {\n  extensions 100 to 199, 300 to max [(v) = 1];\n  reserved 2, 5 to 7, 10 to max;\n  reserved \"a\", \"b\";\n  option message_set_wire_format = true;\n  extend N { optional int32 e = 100; repeated group G = 101 {} }\n}\nextend .p.O {\n  optional int32 f = 1;\n  optional int32 g = 2;\n}\nenum E {\n  A = 0;\n  B = -1 [deprecated = true];\n  reserved -5 to -3, 9 to max;\n  reserved \"C\";\n}\nservice S {\n  option (s) = true;\n  rpc A(stream .x.In) returns (stream Out) {}\n  rpc B(In) returns (Out);\n}\n",
    );
    let m = &f.message_type[0];
    let er: Vec<(i32, i32)> = m.extension_range.iter().map(|r| (r.start, r.end)).collect();
    assert_eq!(er, vec![(100, 200), (300, i32::MAX)]);
    assert_eq!(m.extension_range[0].options, m.extension_range[1].options);
    assert!(m.extension_range[0].options.is_some());
    assert_eq!(m.extension_range[0].loc, pos(2, 14));
    assert_eq!(m.extension_range[1].loc, pos(2, 26));
    let rr: Vec<(i32, i32)> = m.reserved_range.iter().map(|r| (r.start, r.end)).collect();
    assert_eq!(rr, vec![(2, 3), (5, 8), (10, i32::MAX)]);
    assert_eq!(m.reserved_name, vec!["a", "b"]);
    assert_eq!(m.extension[0].extendee.as_deref(), Some("N"));
    assert_eq!(m.extension[0].loc.extendee, pos(6, 10));
    assert_eq!(m.extension[1].loc.extendee, None);
    assert_eq!(m.extension[1].name, "g");
    assert_eq!(m.nested_type[0].name, "G");
    assert_eq!(f.extension[0].extendee.as_deref(), Some(".p.O"));
    assert_eq!(f.extension[0].loc.extendee, pos(8, 8));
    assert_eq!(f.extension[1].loc.extendee, None);
    let e = &f.enum_type[0];
    assert_eq!(e.value[1].number, -1);
    assert_eq!(e.value[1].loc.number, pos(14, 7));
    assert!(e.value[1].options.is_some());
    assert!(e.value[0].options.is_none());
    let er: Vec<(i32, i32)> = e.reserved_range.iter().map(|r| (r.start, r.end)).collect();
    assert_eq!(er, vec![(-5, -3), (9, i32::MAX)]);
    assert_eq!(e.reserved_name, vec!["C"]);
    let s = &f.service[0];
    assert!(s.options.is_some());
    let (a, b) = (&s.method[0], &s.method[1]);
    assert_eq!(
        (a.input_type.as_str(), a.output_type.as_str()),
        (".x.In", "Out")
    );
    assert!(a.client_streaming && a.server_streaming);
    assert_eq!(a.options, Some(Box::default()));
    assert_eq!(a.loc.stream, pos(20, 32), "the last `stream` wins");
    assert_eq!(a.loc.input_type, pos(20, 16));
    assert_eq!(b.options, None);
    assert!(!b.client_streaming);
}

#[test]
fn reserved_max_without_message_set() {
    let f = parse_ok("message M { extensions 5 to max; reserved 1 to max; }");
    assert_eq!(f.message_type[0].extension_range[0].end, 536_870_912);
    assert_eq!(f.message_type[0].reserved_range[0].end, 536_870_912);
}

#[test]
fn warnings_keep_the_file() {
    let (r, lines) = diagnostics(
        "w.proto",
        b"syntax = \"proto2\";\nmessage M { reserved \"a b\"; }\n",
    );
    assert!(r.is_some());
    assert_eq!(
        lines,
        vec!["w.proto:2:22: warning: Reserved name \"a b\" is not a valid identifier."]
    );
}

#[test]
fn hostile_nesting_is_bounded() {
    // Deep groups: protoc's parser accepts them (and crashes past ~15,000 levels); we stop at
    // a fixed depth. The binary compiles on a big stack; so does this test.
    let n = 13_000;
    let mut s = String::from("syntax = \"proto2\";\nmessage M {\n");
    for i in 0..n {
        s.push_str(&format!("optional group G{i} = 1 {{\n"));
    }
    s.push_str(&"}".repeat(n + 1));
    let (r, lines) = std::thread::Builder::new()
        .stack_size(1 << 30)
        .spawn(move || diagnostics("g.proto", s.as_bytes()))
        .unwrap()
        .join()
        .unwrap();
    assert!(r.is_none());
    assert_eq!(
        lines[0],
        "g.proto:12002:27: Messages and groups are nested too deeply (more than 12000 levels)."
    );

    // 40 nested groups are fine for the parser (as in protoc).
    let mut s = String::from("message M {\n");
    for i in 0..40 {
        s.push_str(&format!("optional group G{i} = 1 {{\n"));
    }
    s.push_str(&"}".repeat(41));
    assert!(diagnostics("g.proto", s.as_bytes()).0.is_some());

    // Messages: protoc's limit and position.
    let s = format!(
        "syntax = \"proto2\";\n{}{}",
        "message A {".repeat(33),
        "}".repeat(33)
    );
    let (_, lines) = diagnostics("m.proto", s.as_bytes());
    assert_eq!(
        lines[0],
        "m.proto:2:342: Reached maximum recursion limit for nested messages."
    );
    let s = format!("{}{}", "message A {".repeat(31), "}".repeat(31));
    assert!(diagnostics("m.proto", s.as_bytes()).0.is_some());

    // Aggregate values.
    let s = format!(
        "option (a) = {}{};",
        "{a ".repeat(100_000),
        "}".repeat(100_000)
    );
    let (_, lines) = diagnostics("a.proto", s.as_bytes());
    assert_eq!(
        lines,
        vec!["a.proto:1:302: Aggregate value is nested too deeply (more than 96 levels of \"{\")."]
    );
}

#[test]
fn arbitrary_bytes_do_not_panic() {
    let mut seed: u64 = 0x1234_5678;
    let alphabet = b"message{}[]()<>=;,.-\"'\\/*\n\t 0x9eE_aZ\x00\x01\xef\xbb\xbf\xc3optional group map oneof extend";
    for _ in 0..2000 {
        let len = (seed % 200) as usize;
        let mut v = Vec::with_capacity(len);
        for _ in 0..len {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            v.push(alphabet[(seed % alphabet.len() as u64) as usize]);
        }
        let mut d = Diagnostics::default();
        let _ = parse("f.proto", &v, &mut d);
    }
}
#[test]
fn comment_collection_hook() {
    use crate::compiler::syntax::lexer::Comments;
    let src = b"// detached\n\n// leading\nmessage A {} // trailing\n/* next */\n";
    let mut d = Diagnostics::default();
    let mut lx = Lexer::new(src, "t", &mut d);
    let mut c = Comments::default();
    lx.next_with_comments(Some(&mut c));
    assert_eq!(lx.current().text, b"message");
    assert_eq!(c.detached, vec![b" detached\n".to_vec()]);
    assert_eq!(c.next_leading, b" leading\n".to_vec());
    for _ in 0..3 {
        lx.next_token();
    }
    assert_eq!(lx.current().text, b"}");
    let mut c = Comments::default();
    assert!(!lx.next_with_comments(Some(&mut c)));
    assert_eq!(c.prev_trailing, b" trailing\n".to_vec());
    assert_eq!(c.detached, vec![b" next ".to_vec()]);
    assert!(!d.has_errors());
}

/// Malformed inputs and protoc 35.1's exact stderr (oracle output, parse errors only).
pub(super) const ORACLE_CASES: &[(&str, &[u8], &[&str])] = &[
    (
        "aggr.proto",
        b"syntax = \"proto2\";\noption (a) = { a: 1 b { c: \"x\" } \n",
        &[
            "aggr.proto:3:1: Unexpected end of stream while parsing aggregate value.",
        ],
    ),
    (
        "alias.proto",
        b"syntax = \"proto2\";\nenum E { option allow_alias = false; A = 0; }\nenum F { option allow_alias = true; A = 0; B = 1; }\nmessage M { option map_entry = true; }\n",
        &[
            "alias.proto:3:1: \"E\" declares 'option allow_alias = false;' which has no effect. Please remove the declaration.",
            "alias.proto:4:20: map_entry should not be set explicitly. Use map<KeyType, ValueType> instead.",
        ],
    ),
    (
        "bad_syntax.proto",
        b"syntax = \"proto4\";\nmessage {",
        &[
            "bad_syntax.proto:1:10: Unrecognized syntax identifier \"proto4\".  This parser only recognizes \"proto2\" and \"proto3\".",
        ],
    ),
    (
        "badbom.proto",
        b"\xef\xbbsyntax = \"proto2\";\n",
        &[
            "badbom.proto:1:3: Proto file starts with 0xEF but not UTF-8 BOM. Only UTF-8 is accepted for proto file.",
            "badbom.proto:1:1: Expected top-level statement (e.g. \"message\").",
        ],
    ),
    (
        "bom.proto",
        b"\xef\xbb\xbfsyntax = \"proto2\";\nmessage A { x }\n",
        &[
            "bom.proto:2:13: Expected \"required\", \"optional\", or \"repeated\".",
            "bom.proto:2:15: Expected field name.",
        ],
    ),
    (
        "crlf.proto",
        b"syntax = \"proto2\";\x0d\nmessage A {\x0d\n  optional int32 x = 1 y;\x0d\n}\x0d\n",
        &[
            "crlf.proto:3:24: Expected \";\".",
        ],
    ),
    (
        "ctrl.proto",
        b"syntax = \"proto2\";\nmessage A {\x01\x02 }\n",
        &[
            "ctrl.proto:2:12: Invalid control characters encountered in text.",
        ],
    ),
    (
        "ctrlstr.proto",
        b"syntax = \"proto2\";\noption (a) = \"a\x01b\";\nmessage \x7f A {}\n",
        &[
            "ctrlstr.proto:3:9: Expected message name.",
        ],
    ),
    (
        "deep.proto",
        b"syntax = \"proto2\";\nmessage A {message A {message A {message A {message A {message A {message A {message A {message A {message A {message A {message A {message A {message A {message A {message A {message A {message A {message A {message A {message A {message A {message A {message A {message A {message A {message A {message A {message A {message A {message A {message A {message A {}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}\n",
        &[
            "deep.proto:2:342: Reached maximum recursion limit for nested messages.",
            "deep.proto:3:1: Reached end of input in message definition (missing '}').",
            "deep.proto:3:1: Reached end of input in message definition (missing '}').",
        ],
    ),
    (
        "defaults.proto",
        b"syntax = \"proto2\";\nmessage A { optional uint32 a = 1 [default = -1]; optional int32 b = 2 [default = 3000000000]; optional bool c = 3 [default = 1]; optional A d = 4 [default = 1, default = 2]; optional group G = 5 [default = 1] {} optional float f = 6 [default = x]; optional string s = 7 [default = 1]; optional int32 j = 8 [json_name = \"a\", json_name = 1]; }\n",
        &[
            "defaults.proto:2:47: Unsigned field can't have negative default value.",
            "defaults.proto:2:83: Integer out of range.",
            "defaults.proto:2:127: Expected \"true\" or \"false\".",
            "defaults.proto:2:162: Already set option \"default\".",
            "defaults.proto:2:208: Messages can't have default values.",
            "defaults.proto:2:246: Expected number.",
            "defaults.proto:2:283: Expected string for field default value.",
            "defaults.proto:2:326: Already set option \"json_name\".",
            "defaults.proto:2:338: Expected string for JSON name.",
        ],
    ),
    (
        "dotnum.proto",
        b"syntax = \"proto2\";\noption (a) = .5;\noption (b) = 5.;\noption (c) = 1e5x;\n",
        &[
            "dotnum.proto:4:17: Need space between number and identifier.",
            "dotnum.proto:4:17: Expected \";\".",
        ],
    ),
    (
        "emptyextend.proto",
        b"syntax = \"proto2\";\nextend A {}\n",
        &[
            "emptyextend.proto:2:11: Expected \"required\", \"optional\", or \"repeated\".",
            "emptyextend.proto:2:11: Expected type name.",
        ],
    ),
    (
        "enumval.proto",
        b"syntax = \"proto2\";\nenum E { A; B = x; C = 1 [ ; }\n",
        &[
            "enumval.proto:2:11: Missing numeric value for enum constant.",
            "enumval.proto:2:17: Expected integer.",
            "enumval.proto:2:28: Expected identifier.",
        ],
    ),
    (
        "eof_enum.proto",
        b"syntax = \"proto2\";\nenum E {\n",
        &[
            "eof_enum.proto:3:1: Reached end of input in enum definition (missing '}').",
        ],
    ),
    (
        "eof_extend.proto",
        b"syntax = \"proto2\";\nextend A {\n",
        &[
            "eof_extend.proto:3:1: Reached end of input in extend definition (missing '}').",
        ],
    ),
    (
        "eof_method.proto",
        b"syntax = \"proto2\";\nservice S { rpc M(A) returns (B) {\n",
        &[
            "eof_method.proto:3:1: Reached end of input in method options (missing '}').",
            "eof_method.proto:3:1: Reached end of input in service definition (missing '}').",
        ],
    ),
    (
        "eof_msg.proto",
        b"syntax = \"proto2\";\nmessage A {\n",
        &[
            "eof_msg.proto:3:1: Reached end of input in message definition (missing '}').",
        ],
    ),
    (
        "eof_oneof.proto",
        b"syntax = \"proto2\";\nmessage A { oneof o {\n",
        &[
            "eof_oneof.proto:3:1: Reached end of input in oneof definition (missing '}').",
            "eof_oneof.proto:3:1: Reached end of input in message definition (missing '}').",
        ],
    ),
    (
        "eof_svc.proto",
        b"syntax = \"proto2\";\nservice S {\n",
        &[
            "eof_svc.proto:3:1: Reached end of input in service definition (missing '}').",
        ],
    ),
    (
        "esc.proto",
        b"syntax = \"proto2\";\noption (a) = \"\\q \\x \\u12 \\U0011ffff\";\n",
        &[
            "esc.proto:2:16: Invalid escape sequence in string literal.",
            "esc.proto:2:20: Expected hex digits for escape sequence.",
            "esc.proto:2:25: Expected four hex digits for \\u escape sequence.",
        ],
    ),
    (
        "expo.proto",
        b"syntax = \"proto2\";\noption (a) = 1e;\n",
        &[
            "expo.proto:2:16: \"e\" must be followed by exponent.",
        ],
    ),
    (
        "extrange.proto",
        b"syntax = \"proto2\";\nmessage A { extensions 1 to max [(a) = 1, b = 2], 10; extensions; extensions 5 to; }\n",
        &[
            "extrange.proto:2:49: Expected \";\".",
            "extrange.proto:2:65: Expected field number range.",
            "extrange.proto:2:82: Expected integer.",
        ],
    ),
    (
        "float2.proto",
        b"syntax = \"proto2\";\noption (a) = 1.5.3;\n",
        &[
            "float2.proto:2:17: Already saw decimal point or exponent; can't have another one.",
            "float2.proto:2:17: Expected \";\".",
        ],
    ),
    (
        "groupeditions.proto",
        b"edition = \"2023\";\nmessage A { group Foo = 1 {} optional int32 x = 2; required int32 y = 3; }\n",
        &[
            "groupeditions.proto:2:13: Group syntax is no longer supported in editions. To get group behavior you can specify features.message_encoding = DELIMITED on a message field.",
            "groupeditions.proto:2:30: Label \"optional\" is not supported in editions. By default, all singular fields have presence unless features.field_presence is set.",
            "groupeditions.proto:2:52: Label \"required\" is not supported in editions, use features.field_presence = LEGACY_REQUIRED.",
        ],
    ),
    (
        "groupname.proto",
        b"syntax = \"proto2\";\nmessage A { optional group foo = 1 { } optional group Bar = 2; }\n",
        &[
            "groupname.proto:2:28: Group names must start with a capital letter.",
            "groupname.proto:2:62: Missing group body.",
        ],
    ),
    (
        "hex.proto",
        b"syntax = \"proto2\";\nmessage A { optional int32 x = 0x; }\n",
        &[
            "hex.proto:2:34: \"0x\" must be followed by hex digits.",
        ],
    ),
    (
        "hexdot.proto",
        b"syntax = \"proto2\";\noption (a) = 0x1.3;\n",
        &[
            "hexdot.proto:2:17: Hex and octal numbers must be integers.",
            "hexdot.proto:2:17: Expected \";\".",
        ],
    ),
    (
        "identdot.proto",
        b"syntax = \"proto2\";\noption (a) = abc.5;\n",
        &[
            "identdot.proto:2:17: Need space between identifier and decimal point.",
            "identdot.proto:2:17: Expected \";\".",
        ],
    ),
    (
        "imports.proto",
        b"syntax = \"proto2\";\nimport option \"a.proto\";\nimport public;\nimport weak \"b.proto\"\n",
        &[
            "imports.proto:2:8: option import is not supported before edition 2024.",
            "imports.proto:3:8: imports should precede any option imports to ensure proto files can roundtrip.",
            "imports.proto:3:14: Expected a string naming the file to import.",
            "imports.proto:4:8: imports should precede any option imports to ensure proto files can roundtrip.",
            "imports.proto:5:1: Expected \";\".",
        ],
    ),
    (
        "imports24.proto",
        b"edition = \"2024\";\nimport option \"a.proto\";\nimport \"b.proto\";\nimport weak \"c.proto\";\n",
        &[
            "imports24.proto:3:8: imports should precede any option imports to ensure proto files can roundtrip.",
            "imports24.proto:4:8: imports should precede any option imports to ensure proto files can roundtrip.",
            "imports24.proto:4:8: weak import is not supported in edition 2024 and above. Consider using option import instead.",
        ],
    ),
    (
        "intrange.proto",
        b"syntax = \"proto2\";\nmessage A { optional int32 x = 99999999999; extensions 2147483647; extensions 1 to 2147483647; }\nenum E { A = 2147483648; B = -2147483649; }\n",
        &[
            "intrange.proto:2:32: Integer out of range.",
            "intrange.proto:2:66: Field number out of bounds.",
            "intrange.proto:2:94: Field number out of bounds.",
            "intrange.proto:3:14: Integer out of range.",
            "intrange.proto:3:31: Integer out of range.",
        ],
    ),
    (
        "mapbad.proto",
        b"syntax = \"proto2\";\nmessage A { optional map<int32,string> m = 1; oneof o { map<int32, int32> n = 2; } }\n",
        &[
            "mapbad.proto:2:25: Field labels (required/optional/repeated) are not allowed on map fields.",
            "mapbad.proto:2:60: Map fields are not allowed in oneofs.",
        ],
    ),
    (
        "mapext.proto",
        b"syntax = \"proto2\";\nextend A { map<int32,string> m = 1; }\n",
        &[
            "mapext.proto:2:15: Map fields are not allowed to be extensions.",
        ],
    ),
    (
        "method.proto",
        b"syntax = \"proto2\";\nservice S { rpc M(stream int32) returns (B); rpc N(A) returns B; rpc O(A) returns (B) { foo; option x = 1; } }\n",
        &[
            "method.proto:2:26: Expected message type.",
            "method.proto:2:63: Expected \"(\".",
            "method.proto:2:89: Expected \"option\".",
        ],
    ),
    (
        "msgtype.proto",
        b"syntax = \"proto2\";\nextend int32 { }\nservice S { rpc M(string) returns (.a.) ; }\n",
        &[
            "msgtype.proto:2:8: Expected message type.",
            "msgtype.proto:2:16: Expected \"required\", \"optional\", or \"repeated\".",
            "msgtype.proto:2:16: Expected type name.",
            "msgtype.proto:3:19: Expected message type.",
            "msgtype.proto:3:39: Expected identifier.",
        ],
    ),
    (
        "multiline.proto",
        b"syntax = \"proto2\";\noption (a) = \"abc\ndef\";\n",
        &[
            "multiline.proto:2:18: Multiline strings are not allowed. Did you miss a \"?.",
            "multiline.proto:3:1: Expected \";\".",
            "multiline.proto:3:6: Multiline strings are not allowed. Did you miss a \"?.",
        ],
    ),
    (
        "nested_comment.proto",
        b"syntax = \"proto2\";\n/* a /* b */\nmessage A {}\n",
        &[
            "nested_comment.proto:2:7: \"/*\" inside block comment.  Block comments cannot be nested.",
        ],
    ),
    (
        "nolabel.proto",
        b"syntax = \"proto2\";\nmessage A { int32 x = 1; string y = 2 }\n",
        &[
            "nolabel.proto:2:13: Expected \"required\", \"optional\", or \"repeated\".",
            "nolabel.proto:2:26: Expected \"required\", \"optional\", or \"repeated\".",
            "nolabel.proto:2:39: Expected \";\".",
        ],
    ),
    (
        "nonascii.proto",
        b"syntax = \"proto2\";\nmessage A { \xc3\xa9 }\n",
        &[
            "nonascii.proto:2:13: Interpreting non ascii codepoint 195.",
            "nonascii.proto:2:13: Expected \"required\", \"optional\", or \"repeated\".",
            "nonascii.proto:2:13: Expected type name.",
            "nonascii.proto:2:14: Interpreting non ascii codepoint 169.",
        ],
    ),
    (
        "nul.proto",
        b"syntax = \"proto2\";\nmessage A { \x00 }\n",
        &[
            "nul.proto:2:13: Invalid control characters encountered in text.",
        ],
    ),
    (
        "nul_block.proto",
        b"syntax = \"proto2\";\n/* hi \x00 there */\nmessage A {}\n",
        &[
            "nul_block.proto:2:7: End-of-file inside block comment.",
            "nul_block.proto:2:1:   Comment started here.",
            "nul_block.proto:2:7: Invalid control characters encountered in text.",
            "nul_block.proto:2:9: Expected top-level statement (e.g. \"message\").",
        ],
    ),
    (
        "nul_comment.proto",
        b"syntax = \"proto2\";\n// hi \x00 there\nmessage A {}\n",
        &[
            "nul_comment.proto:2:7: Invalid control characters encountered in text.",
            "nul_comment.proto:2:9: Expected top-level statement (e.g. \"message\").",
        ],
    ),
    (
        "nul_str.proto",
        b"syntax = \"proto2\";\noption java_package = \"a\x00b\";\n",
        &[
            "nul_str.proto:2:25: Unexpected end of string.",
            "nul_str.proto:2:25: Invalid control characters encountered in text.",
            "nul_str.proto:2:26: Expected \";\".",
            "nul_str.proto:2:29: Multiline strings are not allowed. Did you miss a \"?.",
        ],
    ),
    (
        "numident.proto",
        b"syntax = \"proto2\";\nmessage A { optional int32 x = 1abc; }\n",
        &[
            "numident.proto:2:33: Need space between number and identifier.",
            "numident.proto:2:33: Expected \";\".",
        ],
    ),
    (
        "octal.proto",
        b"syntax = \"proto2\";\nmessage A { optional int32 x = 09; }\n",
        &[
            "octal.proto:2:33: Numbers starting with leading zero must be in octal.",
            "octal.proto:2:32: Integer out of range.",
        ],
    ),
    (
        "oneoflabel.proto",
        b"syntax = \"proto2\";\nmessage A { oneof o { optional int32 x = 1; } }\n",
        &[
            "oneoflabel.proto:2:23: Fields in oneofs must not have labels (required / optional / repeated).",
        ],
    ),
    (
        "optname.proto",
        b"syntax = \"proto2\";\noption (a.) = 1;\noption .a = 1;\noption (.a.b).c = 1;\noption a.(b = 1;\n",
        &[
            "optname.proto:2:11: Expected identifier.",
            "optname.proto:3:8: Expected identifier.",
            "optname.proto:5:13: Expected \")\".",
        ],
    ),
    (
        "optneg.proto",
        b"syntax = \"proto2\";\noption (a) = -foo;\noption (b) = -\"s\";\noption (c) = ;\noption (d) = {\n",
        &[
            "optneg.proto:2:18: Identifier after '-' symbol must be inf or nan.",
            "optneg.proto:3:15: Invalid '-' symbol before string.",
            "optneg.proto:4:14: Expected option value.",
            "optneg.proto:6:1: Unexpected end of stream while parsing aggregate value.",
        ],
    ),
    (
        "pkg.proto",
        b"syntax = \"proto2\";\npackage a.b;\npackage c;\npackage ;\n",
        &[
            "pkg.proto:3:1: Multiple package definitions.",
            "pkg.proto:4:1: Multiple package definitions.",
            "pkg.proto:4:9: Expected identifier.",
        ],
    ),
    (
        "reserved.proto",
        b"syntax = \"proto2\";\nmessage A { reserved foo; reserved \"a b\", \"c\"; reserved 1, x; reserved ; }\n",
        &[
            "reserved.proto:2:22: Reserved names must be string literals. (Only editions supports identifiers.)",
            "reserved.proto:2:36: warning: Reserved name \"a b\" is not a valid identifier.",
            "reserved.proto:2:60: Expected field number range.",
            "reserved.proto:2:72: Expected field name or number range.",
        ],
    ),
    (
        "reserved_ed.proto",
        b"edition = \"2023\";\nmessage A { reserved \"foo\"; reserved foo, 1; }\nenum E { X = 0; reserved \"a\"; reserved 1 to max; reserved -5 to -1, ; }\n",
        &[
            "reserved_ed.proto:2:22: Reserved names must be identifiers in editions, not string literals.",
            "reserved_ed.proto:2:43: Expected field name identifier.",
            "reserved_ed.proto:3:26: Reserved names must be identifiers in editions, not string literals.",
            "reserved_ed.proto:3:69: Expected enum number range.",
        ],
    ),
    (
        "skipquirk.proto",
        b"syntax = \"proto2\";\nmessage A { foo { } bar; optional int32 x = 1 }\n",
        &[
            "skipquirk.proto:2:13: Expected \"required\", \"optional\", or \"repeated\".",
            "skipquirk.proto:2:17: Expected field name.",
            "skipquirk.proto:2:21: Expected \"required\", \"optional\", or \"repeated\".",
            "skipquirk.proto:2:24: Expected field name.",
            "skipquirk.proto:2:47: Expected \";\".",
        ],
    ),
    (
        "slash.proto",
        b"syntax = \"proto2\";\nmessage A / {}\n",
        &[
            "slash.proto:2:11: Expected \"{\".",
        ],
    ),
    (
        "squote.proto",
        b"syntax = 'proto2';\noption (a) = 'it''s' \"x\";\nmessage A { optional int32 x = 1 [(b) = 'q\\'}\n",
        &[
            "squote.proto:3:46: Multiline strings are not allowed. Did you miss a \"?.",
            "squote.proto:4:1: Expected \"]\".",
            "squote.proto:4:1: Reached end of input in message definition (missing '}').",
        ],
    ),
    (
        "syntax_noeq.proto",
        b"syntax \"proto2\";\n",
        &[
            "syntax_noeq.proto:1:8: Expected \"=\".",
        ],
    ),
    (
        "tab.proto",
        b"syntax = \"proto2\";\nmessage A {\n\x09optional Foo\x09x = ;\n}\n",
        &[
            "tab.proto:3:29: Expected field number.",
        ],
    ),
    (
        "toplevel.proto",
        b"syntax = \"proto2\";\nfoo bar;\nmessage A {}\n}\n",
        &[
            "toplevel.proto:2:1: Expected top-level statement (e.g. \"message\").",
            "toplevel.proto:4:1: Expected top-level statement (e.g. \"message\").",
            "toplevel.proto:4:1: Unmatched \"}\".",
        ],
    ),
    (
        "unknown_edition.proto",
        b"edition = \"2025\";\n",
        &[
            "unknown_edition.proto:1:11: Unknown edition \"2025\".",
        ],
    ),
    (
        "unknown_edition2.proto",
        b"edition = \"PROTO2\";\n",
        &[
            "unknown_edition2.proto:1:11: Unknown edition \"PROTO2\".",
        ],
    ),
    (
        "unmatched.proto",
        b"syntax = \"proto2\";\n}\nmessage A { } }\n",
        &[
            "unmatched.proto:2:1: Expected top-level statement (e.g. \"message\").",
            "unmatched.proto:2:1: Unmatched \"}\".",
            "unmatched.proto:3:15: Expected top-level statement (e.g. \"message\").",
            "unmatched.proto:3:15: Unmatched \"}\".",
        ],
    ),
    (
        "unstable.proto",
        b"edition = \"UNSTABLE\";\nmessage A { sint32 a = 1; fixed64 b = 2; zigzag32 c = 3; int32 d = 4; }\n",
        &[
            "unstable.proto:2:13: Type 'sint32' is obsolete in unstable editions, use 'zigzag32' instead.",
            "unstable.proto:2:27: Type 'fixed64' is obsolete in unstable editions, use 'uint64' instead.",
        ],
    ),
    (
        "unterm_comment.proto",
        b"syntax = \"proto2\";\nmessage A {}\n  /* hello\n world",
        &[
            "unterm_comment.proto:4:7: End-of-file inside block comment.",
            "unterm_comment.proto:3:3:   Comment started here.",
        ],
    ),
    (
        "unterm_str.proto",
        b"syntax = \"proto2\";\nmessage A { optional string s = 1 [default = \"abc];\n}\n",
        &[
            "unterm_str.proto:2:52: Multiline strings are not allowed. Did you miss a \"?.",
            "unterm_str.proto:3:1: Expected \"]\".",
        ],
    ),
    (
        "unterm_str_eof.proto",
        b"syntax = \"proto2\";\noption java_package = \"abc",
        &[
            "unterm_str_eof.proto:2:27: Unexpected end of string.",
            "unterm_str_eof.proto:2:27: Expected \";\".",
        ],
    ),
    (
        "vis.proto",
        b"edition = \"2024\";\nexport service S {}\nlocal message A { export int32 x = 1; }\n",
        &[
            "vis.proto:2:8: 'local' and 'export' visibility modifiers are valid only on 'message' and 'enum'",
            "vis.proto:3:26: 'local' and 'export' visibility modifiers are valid only on 'message' and 'enum'",
        ],
    ),
    (
        "vis23.proto",
        b"edition = \"2023\";\nexport message A {}\n",
        &[
            "vis23.proto:2:1: Expected top-level statement (e.g. \"message\").",
        ],
    ),
    (
        "agg_nested.proto",
        b"syntax = \"proto2\";\noption (a) = { x { y { } } } ;\noption (b) = { \"str\\n\" 'q' 1.5 -3 } x;\n",
        &[
            "agg_nested.proto:3:37: Expected \";\".",
        ],
    ),
    (
        "bigoct.proto",
        b"syntax = \"proto2\";\noption (a) = 0777777777777777777777777;\noption (b) = -0x8000000000000001;\noption (c) = 99999999999999999999999;\n",
        &[
            "bigoct.proto:2:14: Integer out of range.",
        ],
    ),
    (
        "blockdouble.proto",
        b"syntax = \"proto2\";\n/* a */ /* b\n*/ message /**/ A {}\n/* c \n * d /* e\n",
        &[
            "blockdouble.proto:5:7: \"/*\" inside block comment.  Block comments cannot be nested.",
            "blockdouble.proto:6:1: End-of-file inside block comment.",
            "blockdouble.proto:4:1:   Comment started here.",
        ],
    ),
    (
        "concat.proto",
        b"syntax = \"proto2\" \"x\";\n",
        &[
            "concat.proto:1:10: Unrecognized syntax identifier \"proto2x\".  This parser only recognizes \"proto2\" and \"proto3\".",
        ],
    ),
    (
        "cr.proto",
        b"syntax = \"proto2\";\x0dmessage A {\x0d optional int32 x = 1 y;\x0d}\x0d",
        &[
            "cr.proto:1:54: Expected \";\".",
        ],
    ),
    (
        "defunclosed.proto",
        b"syntax = \"proto2\";\nmessage A { optional int32 x = 1 [default = 1 }\n",
        &[
            "defunclosed.proto:2:47: Expected \"]\".",
        ],
    ),
    (
        "dotdot.proto",
        b"syntax = \"proto2\";\noption (a) = 1..2;\n",
        &[
            "dotdot.proto:2:16: Already saw decimal point or exponent; can't have another one.",
            "dotdot.proto:2:16: Expected \";\".",
        ],
    ),
    (
        "ed2023.proto",
        b"edition = \"2023\";\nmessage A { optional int32 x = 1; required int32 y = 2; repeated int32 z = 3; }\n",
        &[
            "ed2023.proto:2:13: Label \"optional\" is not supported in editions. By default, all singular fields have presence unless features.field_presence is set.",
            "ed2023.proto:2:35: Label \"required\" is not supported in editions, use features.field_presence = LEGACY_REQUIRED.",
        ],
    ),
    (
        "edition_legacy.proto",
        b"edition = \"LEGACY\";\nexport message A {}\n",
        &[
            "edition_legacy.proto:2:1: Expected top-level statement (e.g. \"message\").",
        ],
    ),
    (
        "ef.proto",
        b"\xef",
        &[
            "ef.proto:1:2: Proto file starts with 0xEF but not UTF-8 BOM. Only UTF-8 is accepted for proto file.",
            "ef.proto:1:1: Expected top-level statement (e.g. \"message\").",
        ],
    ),
    (
        "enumneg.proto",
        b"syntax = \"proto2\";\nenum E { X = -; Y = - 1; Z = --1; }\n",
        &[
            "enumneg.proto:2:15: Expected integer.",
            "enumneg.proto:2:31: Expected integer.",
        ],
    ),
    (
        "enumo.proto",
        b"enum o{C}",
        &[
            "enumo.proto:1:9: Missing numeric value for enum constant.",
        ],
    ),
    (
        "enumopt.proto",
        b"syntax = \"proto2\";\nenum E { X = 0 [(a) = 1, ] ; }\n",
        &[
            "enumopt.proto:2:26: Expected identifier.",
        ],
    ),
    (
        "extendname.proto",
        b"syntax = \"proto2\";\nextend . { optional int32 x = 1; }\nextend a. { }\n",
        &[
            "extendname.proto:2:10: Expected type name.",
            "extendname.proto:3:11: Expected identifier.",
        ],
    ),
    (
        "extopt.proto",
        b"syntax = \"proto2\";\nmessage A { extensions 1 to 5 [ (a) = 1 ; }\n",
        &[
            "extopt.proto:2:41: Expected \"]\".",
        ],
    ),
    (
        "ffvt.proto",
        b"syntax = \"proto2\";\n\x0c\x0bmessage A { x }\n",
        &[
            "ffvt.proto:2:15: Expected \"required\", \"optional\", or \"repeated\".",
            "ffvt.proto:2:17: Expected field name.",
        ],
    ),
    (
        "floatdef.proto",
        b"syntax = \"proto2\";\nmessage A { optional float x = 1 [default = -]; optional double y = 2 [default = 0x1FFFFFFFFFFFFFFFFF]; }\n",
        &[
            "floatdef.proto:2:46: Expected number.",
            "floatdef.proto:2:82: Integer out of range.",
        ],
    ),
    (
        "fsuffix.proto",
        b"syntax = \"proto2\";\noption (a) = 1.5f;\n",
        &[
            "fsuffix.proto:2:17: Need space between number and identifier.",
            "fsuffix.proto:2:17: Expected \";\".",
        ],
    ),
    (
        "grouplabel3.proto",
        b"syntax = \"proto2\";\nmessage A { group Foo = 1 {} }\n",
        &[
            "grouplabel3.proto:2:13: Expected \"required\", \"optional\", or \"repeated\".",
        ],
    ),
    (
        "groupnobody.proto",
        b"syntax = \"proto2\";\nmessage A { optional group Foo = 1; optional int32 x = 2; }\n",
        &[
            "groupnobody.proto:2:35: Missing group body.",
        ],
    ),
    (
        "hexdot2.proto",
        b"syntax = \"proto2\";\noption (a) = 0x1.;\n",
        &[
            "hexdot2.proto:2:17: Hex and octal numbers must be integers.",
            "hexdot2.proto:2:17: Expected \";\".",
        ],
    ),
    (
        "identnonascii.proto",
        b"syntax = \"proto2\";\nmessage\xc3\xa9 A {}\n",
        &[
            "identnonascii.proto:2:8: Interpreting non ascii codepoint 195.",
            "identnonascii.proto:2:8: Expected message name.",
            "identnonascii.proto:2:9: Interpreting non ascii codepoint 169.",
        ],
    ),
    (
        "json_bad.proto",
        b"syntax = \"proto2\";\nmessage A { optional int32 x = 1 [json_name = ]; }\n",
        &[
            "json_bad.proto:2:47: Expected string for JSON name.",
        ],
    ),
    (
        "mapbad2.proto",
        b"syntax = \"proto2\";\nmessage A { map<int32> m = 1; map<int32, string, x> n = 2; map <a.b, .c> o = 3 }\n",
        &[
            "mapbad2.proto:2:22: Expected \",\".",
            "mapbad2.proto:2:48: Expected \">\".",
            "mapbad2.proto:2:80: Expected \";\".",
        ],
    ),
    (
        "nulonly.proto",
        b"\x00\x00\x01",
        &[
            "nulonly.proto:1:1: Invalid control characters encountered in text.",
        ],
    ),
    (
        "octesc.proto",
        b"syntax = \"proto2\";\noption (a) = \"\\8\";\n",
        &[
            "octesc.proto:2:16: Invalid escape sequence in string literal.",
        ],
    ),
    (
        "optstmt.proto",
        b"syntax = \"proto2\";\noption;\noption = 1;\noption a;\noption a = 1 2;\n",
        &[
            "optstmt.proto:2:7: Expected identifier.",
            "optstmt.proto:3:8: Expected identifier.",
            "optstmt.proto:4:9: Expected \"=\".",
            "optstmt.proto:5:14: Expected \";\".",
        ],
    ),
    (
        "p3oneofopt.proto",
        b"syntax = \"proto3\";\nmessage A { oneof o { optional int32 x = 1; } }\n",
        &[
            "p3oneofopt.proto:2:23: Fields in oneofs must not have labels (required / optional / repeated).",
        ],
    ),
    (
        "reserved_enum_str_ed.proto",
        b"edition = \"2023\";\nenum E { X = 0; reserved \"X\"; }\n",
        &[
            "reserved_enum_str_ed.proto:2:26: Reserved names must be identifiers in editions, not string literals.",
        ],
    ),
    (
        "reserved_neg_msg.proto",
        b"syntax = \"proto2\";\nmessage A { reserved -1; reserved 1 to -5; reserved 2147483647; }\n",
        &[
            "reserved_neg_msg.proto:2:22: Expected field name or number range.",
            "reserved_neg_msg.proto:2:40: Expected integer.",
        ],
    ),
    (
        "rpcopt.proto",
        b"syntax = \"proto2\";\nservice S { rpc M(A) returns (B) { option (x) = 1 } }\n",
        &[
            "rpcopt.proto:2:51: Expected \";\".",
        ],
    ),
    (
        "slashend.proto",
        b"syntax = \"proto2\";\nmessage A {}\n/",
        &[
            "slashend.proto:3:1: Expected top-level statement (e.g. \"message\").",
        ],
    ),
    (
        "squote3.proto",
        b"syntax = 'proto3';\nmessage A { x y = 1 }\n",
        &[
            "squote3.proto:2:21: Expected \";\".",
        ],
    ),
    (
        "stream2.proto",
        b"syntax = \"proto2\";\nservice S { rpc M(stream stream A) returns (B); rpc N(A) returns (stream); }\n",
        &[
            "stream2.proto:2:33: Expected \")\".",
            "stream2.proto:2:73: Expected type name.",
        ],
    ),
    (
        "stringnl.proto",
        b"syntax = \"proto2\";\noption (a) = \"abc\n\";\n",
        &[
            "stringnl.proto:2:18: Multiline strings are not allowed. Did you miss a \"?.",
            "stringnl.proto:3:3: Multiline strings are not allowed. Did you miss a \"?.",
            "stringnl.proto:4:1: Expected \";\".",
        ],
    ),
    (
        "syntaxlate.proto",
        b"message A {}\nsyntax = \"proto2\";\n",
        &[
            "syntaxlate.proto:2:1: Expected top-level statement (e.g. \"message\").",
        ],
    ),
    (
        "unmatched2.proto",
        b"syntax = \"proto2\";\nmessage A { x }\n}}\n",
        &[
            "unmatched2.proto:2:13: Expected \"required\", \"optional\", or \"repeated\".",
            "unmatched2.proto:2:15: Expected field name.",
            "unmatched2.proto:3:1: Expected top-level statement (e.g. \"message\").",
            "unmatched2.proto:3:1: Unmatched \"}\".",
            "unmatched2.proto:3:2: Expected top-level statement (e.g. \"message\").",
            "unmatched2.proto:3:2: Unmatched \"}\".",
        ],
    ),
    (
        "visbad.proto",
        b"edition = \"2024\";\nexport;\nlocal extend A {}\nmessage B { local oneof x {} export message C {} }\n",
        &[
            "visbad.proto:2:7: 'local' and 'export' visibility modifiers are valid only on 'message' and 'enum'",
            "visbad.proto:3:7: 'local' and 'export' visibility modifiers are valid only on 'message' and 'enum'",
            "visbad.proto:4:19: 'local' and 'export' visibility modifiers are valid only on 'message' and 'enum'",
        ],
    ),
    (
        "weak24.proto",
        b"edition = \"2024\";\nimport weak \"a.proto\";\n",
        &[
            "weak24.proto:2:8: weak import is not supported in edition 2024 and above. Consider using option import instead.",
        ],
    ),
    (
        "zero.proto",
        b"0",
        &[
            "zero.proto:1:1: Expected top-level statement (e.g. \"message\").",
        ],
    ),
];

#[test]
fn source_info_under_some_fields_is_the_full_info_filtered() {
    let src = r#"syntax = "proto2";
// the package
package p;
import "x.proto";
option java_package = "j";
// A message.
message M {
  // a field
  optional int32 a = 1 [default = 3];
  extensions 10 to 20, 30 to 40 [(ext) = 1];
  optional group G = 2 { optional string s = 1; }
  enum E { Z = 0 [deprecated = true]; }
}
enum Top { T = 0; }
// The service.
service S {
  option deprecated = true;
  // A method.
  rpc Call(M) returns (M) { option idempotency_level = NO_SIDE_EFFECTS; } // trailing
}
extend M { optional int32 x = 11; }
"#;
    let parsed = |tops: Option<&[i32]>| {
        let mut d = Diagnostics::default();
        let file = match tops {
            None => super::parse_file("t.proto", "t.proto", src.as_bytes(), &mut d, true, R35),
            Some(t) => super::parse_file_with_source_info_under(
                "t.proto",
                "t.proto",
                src.as_bytes(),
                &mut d,
                t,
                R35,
            ),
        };
        let file = file.expect("parses");
        file.source_code_info
            .expect("source info")
            .locations()
            .into_owned()
    };
    let all = parsed(None);
    for tops in [&[6][..], &[4, 7], &[], &[2, 3, 5, 6, 8, 12]] {
        let expected: Vec<&Location> = all
            .iter()
            .filter(|l| l.path.first().is_none_or(|t| tops.contains(t)))
            .collect();
        let got = parsed(Some(tops));
        assert_eq!(got.iter().collect::<Vec<_>>(), expected, "{tops:?}");
        assert!(got.len() < all.len() || tops.len() > 5);
    }
}

/// The aggregate value's text, as each release's parser stores it (protoc 35.1 joins the tokens
/// with single spaces; 36.2 keeps the line breaks and columns, comments blanked).
#[test]
fn aggregate_value_text_per_release() {
    let src = "syntax = \"proto2\";\noption (o) = { a: 1 # c\n  b: /* x */ 2\n};\n";
    let value = |release| {
        let mut d = Diagnostics::default();
        let f = super::parse_file("t.proto", "t.proto", src.as_bytes(), &mut d, false, release)
            .expect("parses");
        let o = f.options.expect("options");
        o.uninterpreted[0]
            .aggregate_value
            .clone()
            .expect("aggregate")
    };
    assert_eq!(value(R35), "a : 1 # c b : 2");
    assert_eq!(value(Release::V36_2), " a: 1 # c\n  b:         2\n");
}

/// protoc 36.2 refuses a message's reserved number INT32_MAX at the token after it; 35.1
/// wraps the exclusive end (and its builder reports the range).
#[test]
fn reserved_int32_max_per_release() {
    let src = "syntax = \"proto2\";\nmessage M {\n  reserved 2147483647;\n  reserved 1 to 2147483647, 5;\n}\n";
    let mut d = Diagnostics::default();
    let f = super::parse_file("t.proto", "t.proto", src.as_bytes(), &mut d, false, R35);
    assert!(f.is_some() && d.items.is_empty(), "{:?}", d.items);
    let mut d = Diagnostics::default();
    let f = super::parse_file(
        "t.proto",
        "t.proto",
        src.as_bytes(),
        &mut d,
        false,
        Release::V36_2,
    );
    assert!(f.is_none());
    let lines: Vec<String> = d.items.iter().map(|i| ErrorFormat::Gcc.render(i)).collect();
    assert_eq!(
        lines,
        [
            "t.proto:3:22: Field number out of bounds.",
            "t.proto:4:27: Field number out of bounds."
        ]
    );
}
