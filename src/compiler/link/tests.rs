//! Unit tests of the link stages, each run alone on a file put into a pool by
//! `test_support` (expected texts and positions from protoc 35.1).

use super::{cross_link, imports, symbols};
use crate::compiler::test_support::Harness;
use crate::descriptor::model::*;

/// `a.proto` (defines `A`), `b.proto` (imports it, defines `B`) and `bpub.proto` (imports it
/// publicly), built as dependencies.
fn with_import_chain() -> Harness {
    let mut h = Harness::new();
    h.dep("a.proto", "syntax = \"proto3\";\nmessage A {}\n")
        .dep(
            "b.proto",
            "syntax = \"proto3\";\nimport \"a.proto\";\nmessage B {}\n",
        )
        .dep(
            "bpub.proto",
            "syntax = \"proto3\";\nimport public \"a.proto\";\n",
        );
    h
}

/// The linked `type_name` of each field of `m`.
fn type_names(m: &DescriptorProto) -> Vec<(String, Option<String>)> {
    m.field
        .iter()
        .map(|f| (f.name.clone(), f.type_name.clone()))
        .collect()
}

#[test]
fn relative_names_are_searched_outward_from_the_innermost_scope() {
    let mut h = Harness::new();
    let mut ctx = h.add(
        "scope.proto",
        r#"syntax = "proto2";
package a.b;
message Foo {}
message Outer {
  message Foo {}
  message M {
    optional Foo near = 1;
    optional .a.b.Foo far = 2;
    optional b.Foo pkg_rel = 3;
  }
}
"#,
    );
    cross_link::run(&mut h.pool, &mut h.diags, &mut ctx);
    assert_eq!(h.lines(), Vec::<String>::new());
    let m = &h.file(&ctx).message_type[1].nested_type[1];
    assert_eq!(
        type_names(m),
        [
            ("near".to_string(), Some(".a.b.Outer.Foo".to_string())),
            ("far".to_string(), Some(".a.b.Foo".to_string())),
            ("pkg_rel".to_string(), Some(".a.b.Foo".to_string())),
        ]
    );
    assert!(m.field.iter().all(|f| f.r#type == Some(FieldType::Message)));
}

#[test]
fn compound_name_resolved_in_inner_scope_is_not_searched_further() {
    let mut h = Harness::new();
    let mut ctx = h.add(
        "wrongscope.proto",
        r#"syntax = "proto2";
package p;
message Foo { message Bar {} }
message M {
  message Foo {}
  optional Foo.Bar b = 1;
}
"#,
    );
    cross_link::run(&mut h.pool, &mut h.diags, &mut ctx);
    assert_eq!(
        h.lines(),
        [
            "wrongscope.proto:6:12: \"Foo.Bar\" is resolved to \"p.M.Foo.Bar\", which is not defined. The innermost scope is searched first in name resolution. Consider using a leading '.'(i.e., \".Foo.Bar\") to start from the outermost scope."
        ]
    );
}

#[test]
fn name_of_a_field_is_not_a_type_and_single_names_skip_non_types() {
    let mut h = Harness::new();
    let mut ctx = h.add(
        "nontype.proto",
        r#"syntax = "proto2";
message M {
  optional int32 x = 1;
  optional M.x y = 2;
  optional x z = 3;
}
"#,
    );
    cross_link::run(&mut h.pool, &mut h.diags, &mut ctx);
    assert_eq!(
        h.lines(),
        [
            "nontype.proto:4:12: \"M.x\" is not a type.",
            "nontype.proto:5:12: \"x\" is not defined.",
        ]
    );
}

#[test]
fn undefined_names_and_non_message_method_types() {
    let mut h = Harness::new();
    let mut ctx = h.add(
        "undef.proto",
        r#"syntax = "proto3";
package p;
message M {
  Missing a = 1;
  .p.M.Nope b = 2;
}
enum E { E0 = 0; }
service S {
  rpc R(E) returns (M);
}
"#,
    );
    cross_link::run(&mut h.pool, &mut h.diags, &mut ctx);
    assert_eq!(
        h.lines(),
        [
            "undef.proto:4:3: \"Missing\" is not defined.",
            "undef.proto:5:3: \".p.M.Nope\" is not defined.",
            "undef.proto:9:9: \"E\" is not a message type.",
        ]
    );
    let method = &h.file(&ctx).service[0].method[0];
    assert_eq!(method.output_type, ".p.M");
}

#[test]
fn type_of_an_indirect_non_public_import_is_not_visible() {
    let mut h = with_import_chain();
    let mut ctx = h.add(
        "indirect.proto",
        r#"syntax = "proto3";
import "b.proto";
message T {
  A a = 1;
  B b = 2;
}
"#,
    );
    assert!(!ctx.visible.contains(&h.pool.file_index["a.proto"]));
    cross_link::run(&mut h.pool, &mut h.diags, &mut ctx);
    assert_eq!(
        h.lines(),
        [
            "indirect.proto:4:3: \"A\" seems to be defined in \"a.proto\", which is not imported by \"indirect.proto\".  To use it here, please add the necessary import."
        ]
    );
}

#[test]
fn import_public_re_exports_the_types_of_its_file() {
    let mut h = with_import_chain();
    let mut ctx = h.add(
        "public.proto",
        "syntax = \"proto3\";\nimport \"bpub.proto\";\nmessage T {\n  A a = 1;\n}\n",
    );
    assert!(ctx.visible.contains(&h.pool.file_index["a.proto"]));
    cross_link::run(&mut h.pool, &mut h.diags, &mut ctx);
    assert_eq!(h.lines(), Vec::<String>::new());
    let f = &h.file(&ctx).message_type[0].field[0];
    assert_eq!(f.type_name.as_deref(), Some(".A"));
    assert_eq!(f.r#type, Some(FieldType::Message));
}

#[test]
fn imports_missing_and_listed_twice() {
    let mut h = with_import_chain();
    let (file, mut ctx) = h.load(
        "imports.proto",
        "syntax = \"proto3\";\nimport \"a.proto\";\nimport \"nope.proto\";\nimport \"a.proto\";\n",
    );
    assert!(imports::run(&h.pool, &mut h.diags, &mut ctx, &file));
    // protoc first prints "nope.proto: File not found." while loading (the driver's part).
    assert_eq!(
        h.lines(),
        [
            "imports.proto:3:1: Import \"nope.proto\" was not found or had errors.",
            "imports.proto:4:1: Import \"a.proto\" was listed twice.",
        ]
    );
}

#[test]
fn import_used_only_by_linking_is_not_reported_unused() {
    let mut h = with_import_chain();
    let mut ctx = h.add(
        "unused.proto",
        "syntax = \"proto3\";\nimport \"a.proto\";\nimport \"b.proto\";\nmessage T { B b = 1; }\n",
    );
    cross_link::run(&mut h.pool, &mut h.diags, &mut ctx);
    imports::warn_unused(&h.pool, &mut h.diags, &ctx);
    assert_eq!(
        h.lines(),
        ["unused.proto:2:1: warning: Import a.proto is unused."]
    );
}

#[test]
fn symbols_already_defined_in_scope() {
    let mut h = Harness::new();
    let (file, mut ctx) = h.load(
        "dup.proto",
        r#"syntax = "proto2";
package p;
message M {
  optional int32 x = 1;
  optional int32 x = 2;
}
enum M { M_ZERO = 0; }
"#,
    );
    assert!(imports::run(&h.pool, &mut h.diags, &mut ctx, &file));
    symbols::run(&mut h.pool, &mut h.diags, &ctx, &file);
    assert_eq!(
        h.lines(),
        [
            "dup.proto:5:18: \"x\" is already defined in \"p.M\".",
            "dup.proto:7:6: \"M\" is already defined in \"p\".",
        ]
    );
    // The package and the first definitions are registered; the duplicates are not.
    assert!(h.pool.find("p").is_some());
    assert_eq!(
        h.pool.find("p.M.x").map(|s| s.path.to_vec()),
        Some(vec![4, 0, 2, 0])
    );
    assert_eq!(
        h.pool.find("p.M").map(|s| s.path.to_vec()),
        Some(vec![4, 0])
    );
}

#[test]
fn default_values_are_normalised_as_protoc_prints_them() {
    let mut h = Harness::new();
    let mut ctx = h.add(
        "defaults.proto",
        r#"syntax = "proto2";
message D {
  optional double d = 1 [default = 1.50];
  optional float f = 2 [default = 0.1];
  optional int32 i = 3 [default = 0x10];
  optional double n = 4 [default = -inf];
  optional uint64 u = 5 [default = 010];
  optional E e = 6 [default = B];
  optional float big = 7 [default = 1e40];
}
enum E { A = 0; B = 1; }
"#,
    );
    cross_link::run(&mut h.pool, &mut h.diags, &mut ctx);
    assert_eq!(h.lines(), Vec::<String>::new());
    let got: Vec<(&str, Option<&str>)> = h.file(&ctx).message_type[0]
        .field
        .iter()
        .map(|f| (f.name.as_str(), f.default_value.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("d", Some("1.5")),
            ("f", Some("0.1")),
            ("i", Some("16")),
            ("n", Some("-inf")),
            ("u", Some("8")),
            ("e", Some("B")),
            ("big", Some("inf")),
        ]
    );
}

#[test]
fn enum_default_must_name_a_value_of_the_enum() {
    let mut h = Harness::new();
    let mut ctx = h.add(
        "enumdefault.proto",
        "syntax = \"proto2\";\nmessage D {\n  optional E e = 1 [default = C];\n}\nenum E { A = 0; B = 1; }\n",
    );
    cross_link::run(&mut h.pool, &mut h.diags, &mut ctx);
    assert_eq!(
        h.lines(),
        ["enumdefault.proto:3:31: Enum type \"E\" has no value named \"C\"."]
    );
}

/// The symbol table's names with their files and paths, sorted.
fn table(h: &Harness) -> Vec<(String, u32, Vec<i32>)> {
    let mut t: Vec<_> = h
        .pool
        .symbols
        .iter()
        .map(|(n, s)| (n.to_string(), s.file, s.path.to_vec()))
        .collect();
    t.sort();
    t
}

const COLLIDING: &str = r#"syntax = "proto2";
package p;
message A {
  optional int32 x = 1;
  enum E { E_ZERO = 0; }
}
message B {}
message C { optional int32 y = 1; }
"#;

#[test]
fn planned_symbols_that_collide_take_the_full_walk() {
    // A symbol of the file is taken by another file half-way through the planned list: the
    // ones inserted are taken back, and the full walk reports the collision and registers
    // the rest, exactly as without a plan.
    let build = |planned: bool| {
        let mut h = Harness::new();
        h.dep(
            "other.proto",
            "syntax = \"proto2\";\npackage p;\nmessage B {}\n",
        );
        let (file, mut ctx) = h.load("t.proto", COLLIDING);
        assert!(imports::run(&h.pool, &mut h.diags, &mut ctx, &file));
        symbols::register_package(&mut h.pool, &mut h.diags, &ctx, &file);
        let plan = symbols::plan(&file);
        assert!(plan.is_some());
        let errs = match planned {
            true => symbols::register_planned(&mut h.pool, &ctx, &file, plan),
            false => symbols::register_elements_keyed(&mut h.pool, &ctx, &file),
        };
        let errs: Vec<String> = errs.into_iter().map(|k| k.msg).collect();
        (errs, table(&h))
    };
    let (errs, planned) = build(true);
    assert_eq!(
        errs,
        ["\"p.B\" is already defined in file \"other.proto\"."]
    );
    assert_eq!((errs, planned.clone()), build(false));
    assert!(planned.iter().any(|(n, f, _)| n == "p.C.y" && *f == 1));
    assert!(planned.iter().any(|(n, f, _)| n == "p.B" && *f == 0));
}

#[test]
fn a_file_with_a_name_protoc_rejects_is_not_planned() {
    let mut file = crate::compiler::test_support::parse("t.proto", COLLIDING);
    assert!(symbols::plan(&file).is_some());
    file.message_type[1].name = "not an identifier".to_string();
    assert!(symbols::plan(&file).is_none());
}

#[test]
fn unregistering_takes_back_the_files_symbols_and_only_its_own_package_parts() {
    let mut h = Harness::new();
    h.dep(
        "outer.proto",
        "syntax = \"proto2\";\npackage a;\nmessage X {}\n",
    );
    let before = table(&h);
    let src = "syntax = \"proto2\";\npackage a.b;\nmessage Y { optional int32 z = 1; }\nenum E { E_ZERO = 0; }\n";
    let ctx = h.add("inner.proto", src);
    assert!(h.pool.find("a.b.Y.z").is_some() && h.pool.find("a.b").is_some());
    let file = h.pool.files.pop().expect("added");
    symbols::unregister(&mut h.pool, ctx.index, &file);
    assert_eq!(table(&h), before);
}
