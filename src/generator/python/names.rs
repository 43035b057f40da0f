//! Python naming rules shared by the `_pb2.py`, `.pyi` and `_pb2_grpc.py` generators
//! (protobuf `python/helpers.cc`, grpc `python_generator_helpers.h`): module names and
//! aliases, keywords, nested-type prefixes; and the one file-option query (`HasGenericServices`)
//! both `_pb2.py` and `.pyi` make.

use crate::descriptor::model::FileDescriptorProto;
use crate::descriptor::numbers::file_options;
use crate::descriptor::options::option_varint;

/// Keywords reserved by the Python language (helpers.cc `kKeywords`).
const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// Whether any dotted part of a module name is a keyword (then it is imported through
/// `importlib`).
pub fn contains_keyword(module: &str) -> bool {
    module.split('.').any(is_keyword)
}

/// `globals()['x']` for a keyword, else the name.
pub fn resolve_keyword(name: &str) -> String {
    if is_keyword(name) {
        format!("globals()['{name}']")
    } else {
        name.to_string()
    }
}

/// code_generator.cc `StripProto`: drops `.protodevel` or `.proto`.
pub fn strip_proto(filename: &str) -> &str {
    filename
        .strip_suffix(".protodevel")
        .or_else(|| filename.strip_suffix(".proto"))
        .unwrap_or(filename)
}

/// `a/b-c.proto` -> `a.b_c_pb2`.
pub fn module_name(filename: &str) -> String {
    let base = strip_proto(filename).replace('-', "_").replace('/', ".");
    format!("{base}_pb2")
}

/// `a/b_c.proto` -> `a_dot_b__c__pb2`: underscores doubled so `a.b` and `a_dot_b` differ.
pub fn module_alias(filename: &str) -> String {
    alias_of_module(&module_name(filename))
}

pub fn alias_of_module(module: &str) -> String {
    module.replace('_', "__").replace('.', "_dot_")
}

/// The output path: the module name with dots as slashes, plus `suffix`.
pub fn file_name(filename: &str, suffix: &str) -> String {
    format!("{}{suffix}", module_name(filename).replace('.', "/"))
}

/// `from a.b import c` / `import c` for a module name.
pub fn import_statement(module: &str) -> String {
    match module.rfind('.') {
        Some(dot) => format!("from {} import {}", &module[..dot], &module[dot + 1..]),
        None => format!("import {module}"),
    }
}

/// helpers.cc `NamePrefixedWithNestedTypes`: the outer message names and the name joined by
/// `sep`; with `.`, keywords become `globals()['x']` (top level) or `getattr(p, 'x')`.
pub fn nested_name(parents: &[&str], name: &str, sep: &str) -> String {
    let dotted = sep == ".";
    let mut acc = String::new();
    for (i, part) in parents.iter().copied().chain([name]).enumerate() {
        if i == 0 {
            acc = if dotted {
                resolve_keyword(part)
            } else {
                part.to_string()
            };
        } else if dotted && is_keyword(part) {
            acc = format!("getattr({acc}, '{part}')");
        } else {
            acc.push_str(sep);
            acc.push_str(part);
        }
    }
    acc
}

/// `ModuleLevelDescriptorName` for an element of this file: `_OUTER_INNER`.
pub fn descriptor_name(parents: &[&str], name: &str) -> String {
    format!("_{}", nested_name(parents, name, "_").to_ascii_uppercase())
}

/// helpers.cc `HasGenericServices`: services and `py_generic_services` (FileOptions 18).
pub fn has_generic_services(file: &FileDescriptorProto) -> bool {
    !file.service.is_empty()
        && option_varint(
            file.options.as_deref(),
            &[file_options::PY_GENERIC_SERVICES],
        )
        .is_some_and(|v| v != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modules() {
        assert_eq!(module_name("a/b-c.proto"), "a.b_c_pb2");
        assert_eq!(module_alias("a/b_c.proto"), "a_dot_b__c__pb2");
        assert_eq!(file_name("a/b.c.proto", ".pyi"), "a/b/c_pb2.pyi");
        assert!(contains_keyword("a.from.b_pb2"));
        assert!(!contains_keyword("a.froms.b_pb2"));
        assert_eq!(import_statement("x_pb2"), "import x_pb2");
        assert_eq!(import_statement("a.b.x_pb2"), "from a.b import x_pb2");
    }

    #[test]
    fn nested() {
        assert_eq!(nested_name(&["A", "B"], "C", "_"), "A_B_C");
        assert_eq!(nested_name(&["A"], "in", "."), "getattr(A, 'in')");
        assert_eq!(nested_name(&[], "def", "."), "globals()['def']");
        assert_eq!(nested_name(&["def"], "X", "."), "globals()['def'].X");
    }
}
