//! The elements of a file that carry options (file, messages, fields, oneofs, extension
//! ranges, enums, values, services, methods) in protoc's allocation order (or its visiting
//! order), and access to
//! their options messages by descriptor path. Used by the option interpreter, the checks,
//! retention stripping and the generators.

use super::model::*;
use super::numbers::{self, enum_type as en, file as f, message as msg, service as svc};
use super::path::{enum_at, enum_at_mut, field_at, join, message_at, message_at_mut};
use super::wire::last_varint;

/// Which options message an element has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OptionsKind {
    File,
    Message,
    Field,
    Oneof,
    ExtensionRange,
    Enum,
    EnumValue,
    Service,
    Method,
}

impl OptionsKind {
    pub fn type_name(self) -> &'static str {
        match self {
            OptionsKind::File => "google.protobuf.FileOptions",
            OptionsKind::Message => "google.protobuf.MessageOptions",
            OptionsKind::Field => "google.protobuf.FieldOptions",
            OptionsKind::Oneof => "google.protobuf.OneofOptions",
            OptionsKind::ExtensionRange => "google.protobuf.ExtensionRangeOptions",
            OptionsKind::Enum => "google.protobuf.EnumOptions",
            OptionsKind::EnumValue => "google.protobuf.EnumValueOptions",
            OptionsKind::Service => "google.protobuf.ServiceOptions",
            OptionsKind::Method => "google.protobuf.MethodOptions",
        }
    }
}

/// One element with options: where it is, what kind, and the scope names resolve from.
pub struct Element {
    /// Descriptor path of the element (`[4, 0, 2, 1]`); the file is `[]`.
    pub path: Vec<i32>,
    pub kind: OptionsKind,
    pub scope: String,
}

/// Whether any element of `file` carries options: `!elements(file).is_empty()`, without
/// building the list (asked for every file by stages that can skip such files).
pub fn has_options(file: &FileDescriptorProto) -> bool {
    any_options(file, &|_| true)
}

/// Whether any element of `file` carries options that `pred` holds for, without building the
/// element list.
pub fn any_options(file: &FileDescriptorProto, pred: &dyn Fn(&Options) -> bool) -> bool {
    let has = |o: &Option<Box<Options>>| o.as_deref().is_some_and(pred);
    let enum_type =
        |e: &EnumDescriptorProto| has(&e.options) || e.value.iter().any(|v| has(&v.options));
    fn message(
        m: &DescriptorProto,
        has: &dyn Fn(&Option<Box<Options>>) -> bool,
        enum_type: &dyn Fn(&EnumDescriptorProto) -> bool,
    ) -> bool {
        has(&m.options)
            || m.oneof_decl.iter().any(|o| has(&o.options))
            || m.field.iter().chain(&m.extension).any(|f| has(&f.options))
            || m.extension_range.iter().any(|r| has(&r.options))
            || m.enum_type.iter().any(enum_type)
            || m.nested_type.iter().any(|n| message(n, has, enum_type))
    }
    has(&file.options)
        || file
            .message_type
            .iter()
            .any(|m| message(m, &has, &enum_type))
        || file.enum_type.iter().any(enum_type)
        || file
            .service
            .iter()
            .any(|s| has(&s.options) || s.method.iter().any(|m| has(&m.options)))
        || file.extension.iter().any(|f| has(&f.options))
}

/// Lists the elements of a file that carry options, in protoc's allocation order.
pub fn elements(file: &FileDescriptorProto) -> Vec<Element> {
    let mut out = Vec::new();
    let pkg = file.package.clone().unwrap_or_default();
    let has = |o: &Option<Box<Options>>| o.is_some();
    fn message(m: &DescriptorProto, scope: &str, path: Vec<i32>, out: &mut Vec<Element>) {
        let full = join(scope, &m.name);
        let sub = |k: i32, i: usize| {
            let mut p = path.clone();
            p.extend([k, i as i32]);
            p
        };
        for (i, o) in m.oneof_decl.iter().enumerate() {
            if o.options.is_some() {
                out.push(Element {
                    path: sub(msg::ONEOF_DECL, i),
                    kind: OptionsKind::Oneof,
                    scope: join(&full, &o.name),
                });
            }
        }
        for (i, f) in m.field.iter().enumerate() {
            if f.options.is_some() {
                out.push(Element {
                    path: sub(msg::FIELD, i),
                    kind: OptionsKind::Field,
                    scope: join(&full, &f.name),
                });
            }
        }
        for (i, e) in m.enum_type.iter().enumerate() {
            enum_type(e, &full, sub(msg::ENUM_TYPE, i), out);
        }
        for (i, r) in m.extension_range.iter().enumerate() {
            if r.options.is_some() {
                out.push(Element {
                    path: sub(msg::EXTENSION_RANGE, i),
                    kind: OptionsKind::ExtensionRange,
                    scope: full.clone(),
                });
            }
        }
        for (i, f) in m.extension.iter().enumerate() {
            if f.options.is_some() {
                out.push(Element {
                    path: sub(msg::EXTENSION, i),
                    kind: OptionsKind::Field,
                    scope: join(&full, &f.name),
                });
            }
        }
        if m.options.is_some() {
            out.push(Element {
                path: path.clone(),
                kind: OptionsKind::Message,
                scope: full.clone(),
            });
        }
        for (i, n) in m.nested_type.iter().enumerate() {
            message(n, &full, sub(msg::NESTED_TYPE, i), out);
        }
    }
    fn enum_type(e: &EnumDescriptorProto, scope: &str, path: Vec<i32>, out: &mut Vec<Element>) {
        let full = join(scope, &e.name);
        for (i, v) in e.value.iter().enumerate() {
            if v.options.is_some() {
                let mut p = path.clone();
                p.extend([en::VALUE, i as i32]);
                out.push(Element {
                    path: p,
                    kind: OptionsKind::EnumValue,
                    scope: join(scope, &v.name),
                });
            }
        }
        if e.options.is_some() {
            out.push(Element {
                path,
                kind: OptionsKind::Enum,
                scope: full,
            });
        }
    }
    for (i, m) in file.message_type.iter().enumerate() {
        message(m, &pkg, vec![f::MESSAGE_TYPE, i as i32], &mut out);
    }
    for (i, e) in file.enum_type.iter().enumerate() {
        enum_type(e, &pkg, vec![f::ENUM_TYPE, i as i32], &mut out);
    }
    for (i, s) in file.service.iter().enumerate() {
        let full = join(&pkg, &s.name);
        for (j, m) in s.method.iter().enumerate() {
            if m.options.is_some() {
                out.push(Element {
                    path: vec![f::SERVICE, i as i32, svc::METHOD, j as i32],
                    kind: OptionsKind::Method,
                    scope: join(&full, &m.name),
                });
            }
        }
        if s.options.is_some() {
            out.push(Element {
                path: vec![f::SERVICE, i as i32],
                kind: OptionsKind::Service,
                scope: full,
            });
        }
    }
    for (i, f) in file.extension.iter().enumerate() {
        if f.options.is_some() {
            out.push(Element {
                path: vec![f::EXTENSION, i as i32],
                kind: OptionsKind::Field,
                scope: join(&pkg, &f.name),
            });
        }
    }
    if has(&file.options) {
        out.push(Element {
            path: vec![],
            kind: OptionsKind::File,
            scope: join(&pkg, "dummy"),
        });
    }
    out
}

/// The elements of [`elements`] in descriptor_visitor.h `VisitDescriptors` order: each element
/// before its contents; a file's messages, enums, extensions, services; a message's enums (with
/// their values), oneofs, fields, nested messages, extensions, extension ranges.
pub fn elements_visit_order(file: &FileDescriptorProto) -> Vec<Element> {
    let mut els = elements(file);
    els.sort_by_cached_key(|e| visit_key(&e.path));
    els
}

/// Calls `visit` with the kind, descriptor path and options of each element of
/// [`elements_visit_order`], in that order, without building the list: no path or scope is
/// allocated per element (the after-all-files checks and feature lifetimes walk every built
/// file this way).
pub fn visit_options<'f>(
    file: &'f FileDescriptorProto,
    visit: &mut dyn FnMut(OptionsKind, &[i32], &'f Options),
) {
    type Visit<'v, 'f> = &'v mut dyn FnMut(OptionsKind, &[i32], &'f Options);
    fn at<'f>(
        path: &mut Vec<i32>,
        step: [i32; 2],
        kind: OptionsKind,
        o: &'f Option<Box<Options>>,
        visit: Visit<'_, 'f>,
    ) {
        if let Some(o) = o.as_deref() {
            path.extend(step);
            visit(kind, path, o);
            path.truncate(path.len() - 2);
        }
    }
    fn enum_type<'f>(e: &'f EnumDescriptorProto, path: &mut Vec<i32>, visit: Visit<'_, 'f>) {
        if let Some(o) = e.options.as_deref() {
            visit(OptionsKind::Enum, path, o);
        }
        for (i, v) in e.value.iter().enumerate() {
            at(
                path,
                [en::VALUE, i as i32],
                OptionsKind::EnumValue,
                &v.options,
                visit,
            );
        }
    }
    fn message<'f>(m: &'f DescriptorProto, path: &mut Vec<i32>, visit: Visit<'_, 'f>) {
        if let Some(o) = m.options.as_deref() {
            visit(OptionsKind::Message, path, o);
        }
        for (i, e) in m.enum_type.iter().enumerate() {
            path.extend([msg::ENUM_TYPE, i as i32]);
            enum_type(e, path, visit);
            path.truncate(path.len() - 2);
        }
        for (i, o) in m.oneof_decl.iter().enumerate() {
            at(
                path,
                [msg::ONEOF_DECL, i as i32],
                OptionsKind::Oneof,
                &o.options,
                visit,
            );
        }
        for (i, f) in m.field.iter().enumerate() {
            at(
                path,
                [msg::FIELD, i as i32],
                OptionsKind::Field,
                &f.options,
                visit,
            );
        }
        for (i, n) in m.nested_type.iter().enumerate() {
            path.extend([msg::NESTED_TYPE, i as i32]);
            message(n, path, visit);
            path.truncate(path.len() - 2);
        }
        for (i, f) in m.extension.iter().enumerate() {
            at(
                path,
                [msg::EXTENSION, i as i32],
                OptionsKind::Field,
                &f.options,
                visit,
            );
        }
        for (i, r) in m.extension_range.iter().enumerate() {
            let kind = OptionsKind::ExtensionRange;
            at(
                path,
                [msg::EXTENSION_RANGE, i as i32],
                kind,
                &r.options,
                visit,
            );
        }
    }
    let mut path = Vec::with_capacity(16);
    if let Some(o) = file.options.as_deref() {
        visit(OptionsKind::File, &path, o);
    }
    for (i, m) in file.message_type.iter().enumerate() {
        path.extend([f::MESSAGE_TYPE, i as i32]);
        message(m, &mut path, visit);
        path.clear();
    }
    for (i, e) in file.enum_type.iter().enumerate() {
        path.extend([f::ENUM_TYPE, i as i32]);
        enum_type(e, &mut path, visit);
        path.clear();
    }
    for (i, x) in file.extension.iter().enumerate() {
        at(
            &mut path,
            [f::EXTENSION, i as i32],
            OptionsKind::Field,
            &x.options,
            visit,
        );
    }
    for (i, s) in file.service.iter().enumerate() {
        path.extend([f::SERVICE, i as i32]);
        if let Some(o) = s.options.as_deref() {
            visit(OptionsKind::Service, &path, o);
        }
        for (j, m) in s.method.iter().enumerate() {
            at(
                &mut path,
                [svc::METHOD, j as i32],
                OptionsKind::Method,
                &m.options,
                visit,
            );
        }
        path.clear();
    }
}

/// A key ordering descriptor paths as `VisitDescriptors` visits them (a prefix sorts first).
fn visit_key(path: &[i32]) -> Vec<(u8, i32)> {
    #[derive(Clone, Copy)]
    enum Scope {
        File,
        Message,
        Enum,
        Service,
        Leaf,
    }
    let mut scope = Scope::File;
    let mut key = Vec::with_capacity(path.len() / 2);
    for pair in path.chunks(2) {
        let (field, index) = (pair[0], pair.get(1).copied().unwrap_or(0));
        let (rank, next) = match (scope, field) {
            (Scope::File, f::MESSAGE_TYPE) => (0, Scope::Message),
            (Scope::File, f::ENUM_TYPE) => (1, Scope::Enum),
            (Scope::File, f::EXTENSION) => (2, Scope::Leaf),
            (Scope::File, f::SERVICE) => (3, Scope::Service),
            (Scope::Message, msg::ENUM_TYPE) => (0, Scope::Enum),
            (Scope::Message, msg::ONEOF_DECL) => (1, Scope::Leaf),
            (Scope::Message, msg::FIELD) => (2, Scope::Leaf),
            (Scope::Message, msg::NESTED_TYPE) => (3, Scope::Message),
            (Scope::Message, msg::EXTENSION) => (4, Scope::Leaf),
            (Scope::Message, msg::EXTENSION_RANGE) => (5, Scope::Leaf),
            (Scope::Enum, en::VALUE) | (Scope::Service, svc::METHOD) => (0, Scope::Leaf),
            _ => (u8::MAX, Scope::Leaf),
        };
        key.push((rank, index));
        scope = next;
    }
    key
}

/// The source-info path of an element's options message: the element's path plus the
/// options field number of its descriptor (`[8]` for the file).
pub fn options_path(e: &Element) -> Vec<i32> {
    options_path_of(e.kind, &e.path)
}

/// [`options_path`] of the element of `kind` at `path`.
pub fn options_path_of(kind: OptionsKind, path: &[i32]) -> Vec<i32> {
    let field = match kind {
        OptionsKind::File => f::OPTIONS,
        OptionsKind::Message => msg::OPTIONS,
        OptionsKind::Field => numbers::field::OPTIONS,
        OptionsKind::Oneof => numbers::oneof::OPTIONS,
        OptionsKind::ExtensionRange => numbers::extension_range::OPTIONS,
        OptionsKind::Enum => en::OPTIONS,
        OptionsKind::EnumValue => numbers::enum_value::OPTIONS,
        OptionsKind::Service => svc::OPTIONS,
        OptionsKind::Method => numbers::method::OPTIONS,
    };
    let mut p = Vec::with_capacity(path.len() + 1);
    p.extend_from_slice(path);
    p.push(field);
    p
}

/// The options of the element at `path` (of the given kind).
pub fn options_at<'a>(file: &'a FileDescriptorProto, e: &Element) -> Option<&'a Options> {
    options_at_path(file, &e.path, e.kind)
}

fn options_at_path<'a>(
    file: &'a FileDescriptorProto,
    path: &[i32],
    kind: OptionsKind,
) -> Option<&'a Options> {
    let n = path.len();
    match kind {
        OptionsKind::File => file.options.as_deref(),
        OptionsKind::Message => message_at(file, path)?.options.as_deref(),
        OptionsKind::Field => field_at(file, path)?.options.as_deref(),
        OptionsKind::Enum => enum_at(file, path)?.options.as_deref(),
        OptionsKind::EnumValue => enum_at(file, &path[..n - 2])?
            .value
            .get(path[n - 1] as usize)?
            .options
            .as_deref(),
        OptionsKind::Oneof => message_at(file, &path[..n - 2])?
            .oneof_decl
            .get(path[n - 1] as usize)?
            .options
            .as_deref(),
        OptionsKind::ExtensionRange => message_at(file, &path[..n - 2])?
            .extension_range
            .get(path[n - 1] as usize)?
            .options
            .as_deref(),
        OptionsKind::Service => file.service.get(path[1] as usize)?.options.as_deref(),
        OptionsKind::Method => file
            .service
            .get(path[1] as usize)?
            .method
            .get(path[3] as usize)?
            .options
            .as_deref(),
    }
}

/// Mutable access to the options of an element.
pub fn options_slot_mut<'a>(
    file: &'a mut FileDescriptorProto,
    path: &[i32],
    kind: OptionsKind,
) -> Option<&'a mut Option<Box<Options>>> {
    let n = path.len();
    let last = *path.last().unwrap_or(&0) as usize;
    match kind {
        OptionsKind::File => Some(&mut file.options),
        OptionsKind::Message => Some(&mut message_at_mut(file, path)?.options),
        OptionsKind::Field => {
            if n == 2 {
                Some(&mut file.extension.get_mut(last)?.options)
            } else {
                let m = message_at_mut(file, &path[..n - 2])?;
                let f = if path[n - 2] == msg::FIELD {
                    m.field.get_mut(last)?
                } else {
                    m.extension.get_mut(last)?
                };
                Some(&mut f.options)
            }
        }
        OptionsKind::Enum => Some(&mut enum_at_mut(file, path)?.options),
        OptionsKind::EnumValue => Some(
            &mut enum_at_mut(file, &path[..n - 2])?
                .value
                .get_mut(last)?
                .options,
        ),
        OptionsKind::Oneof => Some(
            &mut message_at_mut(file, &path[..n - 2])?
                .oneof_decl
                .get_mut(last)?
                .options,
        ),
        OptionsKind::ExtensionRange => Some(
            &mut message_at_mut(file, &path[..n - 2])?
                .extension_range
                .get_mut(last)?
                .options,
        ),
        OptionsKind::Service => Some(&mut file.service.get_mut(path[1] as usize)?.options),
        OptionsKind::Method => Some(
            &mut file
                .service
                .get_mut(path[1] as usize)?
                .method
                .get_mut(path[3] as usize)?
                .options,
        ),
    }
}

/// Mutable access to the options of an element.
pub fn options_at_mut<'a>(
    file: &'a mut FileDescriptorProto,
    path: &[i32],
    kind: OptionsKind,
) -> Option<&'a mut Options> {
    options_slot_mut(file, path, kind)?.as_deref_mut()
}

/// Removes the options message of an element.
pub fn remove_options(file: &mut FileDescriptorProto, path: &[i32], kind: OptionsKind) {
    if let Some(slot) = options_slot_mut(file, path, kind) {
        *slot = None;
    }
}

/// The value of the varint field at `path` (singular message fields, then the varint) in an
/// element's options, the last occurrence winning as when C++ parses it; `None` without
/// options or without the field.
pub fn option_varint(options: Option<&Options>, path: &[u32]) -> Option<u64> {
    options.and_then(|o| last_varint(&o.bytes, path))
}

/// [`option_varint`] of several top-level fields of `options` at once: one pass over the bytes.
pub fn option_varints<const N: usize>(
    options: Option<&Options>,
    numbers: [u32; N],
) -> [Option<u64>; N] {
    let mut found = [None; N];
    let Some(o) = options else {
        return found;
    };
    for r in super::wire::Reader::new(&o.bytes).flatten() {
        if let super::wire::WireValue::Varint(v) = r.value
            && let Some(i) = numbers.iter().position(|&n| n == r.field)
        {
            found[i] = Some(v);
        }
    }
    found
}

/// Whether a message is a map's synthesized entry (`MessageOptions.map_entry`).
pub fn is_map_entry(m: &DescriptorProto) -> bool {
    option_varint(m.options.as_deref(), &[numbers::message_options::MAP_ENTRY]) == Some(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_varint_and_map_entries() {
        // `map_entry = true` (MessageOptions 7), then `deprecated = true` twice.
        let opts = Options {
            bytes: vec![0x38, 0x01, 0x18, 0x00, 0x18, 0x01],
            ..Options::default()
        };
        let path = [numbers::message_options::MAP_ENTRY];
        assert_eq!(option_varint(Some(&opts), &path), Some(1));
        assert_eq!(
            option_varint(Some(&opts), &[3]),
            Some(1),
            "the last occurrence wins"
        );
        assert_eq!(option_varint(None, &path), None);
        // Several at once, as one at a time; a length-delimited record of a number is no varint.
        let mixed = Options {
            bytes: vec![0x38, 0x01, 0x18, 0x00, 0x18, 0x01, 0x2a, 0x01, 0x07],
            ..Options::default()
        };
        assert_eq!(
            option_varints(Some(&mixed), [3, 7, 5, 9]),
            [Some(1), Some(1), None, None]
        );
        assert_eq!(option_varints(None, [3]), [None]);
        let mut m = DescriptorProto::default();
        assert!(!is_map_entry(&m));
        m.options = Some(Box::new(opts));
        assert!(is_map_entry(&m));
    }

    fn opts(b: u8) -> Option<Box<Options>> {
        Some(Box::new(Options {
            bytes: vec![b],
            ..Options::default()
        }))
    }

    fn field(name: &str, o: Option<Box<Options>>) -> FieldDescriptorProto {
        FieldDescriptorProto {
            name: name.into(),
            options: o,
            ..FieldDescriptorProto::default()
        }
    }

    /// `package p; message M { oneof o; field f; enum E { V } ext x; message N { field g } }`
    /// `enum F; service S { method R }; extend y; file options`, everything with options.
    fn sample() -> FileDescriptorProto {
        let e = EnumDescriptorProto {
            name: "E".into(),
            value: vec![EnumValueDescriptorProto {
                name: "V".into(),
                options: opts(4),
                ..Default::default()
            }],
            options: opts(5),
            ..Default::default()
        };
        let n = DescriptorProto {
            name: "N".into(),
            field: vec![field("g", opts(9))],
            options: opts(10),
            ..Default::default()
        };
        let m = DescriptorProto {
            name: "M".into(),
            oneof_decl: vec![OneofDescriptorProto {
                name: "o".into(),
                options: opts(1),
                ..Default::default()
            }],
            field: vec![field("f", opts(2))],
            enum_type: vec![e],
            extension_range: vec![ExtensionRange {
                options: opts(6),
                ..Default::default()
            }],
            extension: vec![field("x", opts(7))],
            nested_type: vec![n],
            options: opts(8),
            ..Default::default()
        };
        FileDescriptorProto {
            package: Some("p".into()),
            message_type: vec![m],
            enum_type: vec![EnumDescriptorProto {
                name: "F".into(),
                options: opts(11),
                ..Default::default()
            }],
            service: vec![ServiceDescriptorProto {
                name: "S".into(),
                method: vec![MethodDescriptorProto {
                    name: "R".into(),
                    options: opts(12),
                    ..Default::default()
                }],
                options: opts(13),
                ..Default::default()
            }],
            extension: vec![field("y", opts(14))],
            options: opts(15),
            ..Default::default()
        }
    }

    /// `has_options` sees each kind of element `elements` lists, alone, and nothing once every
    /// element's options are removed.
    #[test]
    fn has_options_agrees_with_elements() {
        let file = sample();
        let all = elements(&file);
        assert!(has_options(&file));
        for keep in 0..all.len() {
            let mut f = file.clone();
            for (i, e) in all.iter().enumerate() {
                if i != keep {
                    remove_options(&mut f, &e.path, e.kind);
                }
            }
            assert_eq!(elements(&f).len(), 1);
            assert!(has_options(&f), "{:?}", all[keep].path);
            remove_options(&mut f, &all[keep].path, all[keep].kind);
            assert!(elements(&f).is_empty());
            assert!(!has_options(&f), "{:?}", all[keep].path);
        }
    }

    #[test]
    fn elements_are_in_allocation_order() {
        let file = sample();
        let got: Vec<_> = elements(&file)
            .into_iter()
            .map(|e| (e.path, e.kind, e.scope))
            .collect();
        use OptionsKind::*;
        let want: Vec<(Vec<i32>, OptionsKind, &str)> = vec![
            (vec![4, 0, 8, 0], Oneof, "p.M.o"),
            (vec![4, 0, 2, 0], Field, "p.M.f"),
            (vec![4, 0, 4, 0, 2, 0], EnumValue, "p.M.V"),
            (vec![4, 0, 4, 0], Enum, "p.M.E"),
            (vec![4, 0, 5, 0], ExtensionRange, "p.M"),
            (vec![4, 0, 6, 0], Field, "p.M.x"),
            (vec![4, 0], Message, "p.M"),
            (vec![4, 0, 3, 0, 2, 0], Field, "p.M.N.g"),
            (vec![4, 0, 3, 0], Message, "p.M.N"),
            (vec![5, 0], Enum, "p.F"),
            (vec![6, 0, 2, 0], Method, "p.S.R"),
            (vec![6, 0], Service, "p.S"),
            (vec![7, 0], Field, "p.y"),
            (vec![], File, "p.dummy"),
        ];
        let want: Vec<_> = want
            .into_iter()
            .map(|(p, k, s)| (p, k, s.to_string()))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn visit_order_puts_each_element_before_its_contents() {
        let file = sample();
        // The options byte of each element (see `sample`), in descriptor_visitor.h's order.
        let got: Vec<u8> = elements_visit_order(&file)
            .iter()
            .map(|e| options_at(&file, e).map_or(0, |o| o.bytes[0]))
            .collect();
        assert_eq!(got, [15, 8, 5, 4, 1, 2, 10, 9, 7, 6, 11, 14, 13, 12]);
    }

    #[test]
    fn the_visitor_meets_the_elements_in_visit_order() {
        let mut file = sample();
        // A second message and service: indices other than 0.
        file.message_type.push(file.message_type[0].clone());
        file.service.push(file.service[0].clone());
        let want: Vec<(OptionsKind, Vec<i32>, u8)> = elements_visit_order(&file)
            .iter()
            .map(|e| {
                (
                    e.kind,
                    e.path.clone(),
                    options_at(&file, e).map_or(0, |o| o.bytes[0]),
                )
            })
            .collect();
        let mut got = Vec::new();
        visit_options(&file, &mut |kind, path, o| {
            got.push((kind, path.to_vec(), o.bytes[0]))
        });
        assert_eq!(got, want);
        assert_eq!(got.len(), 25);
    }

    #[test]
    fn options_are_found_by_path() {
        let file = sample();
        let bytes: Vec<u8> = elements(&file)
            .iter()
            .map(|e| options_at(&file, e).map_or(0, |o| o.bytes[0]))
            .collect();
        assert_eq!(bytes, [1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    }

    #[test]
    fn options_paths_add_the_options_field() {
        let file = sample();
        let paths: Vec<Vec<i32>> = elements(&file).iter().map(options_path).collect();
        assert_eq!(paths[0], [4, 0, 8, 0, 2]);
        assert_eq!(paths[2], [4, 0, 4, 0, 2, 0, 3]);
        assert_eq!(paths[6], [4, 0, 7]);
        assert_eq!(paths[10], [6, 0, 2, 0, 4]);
        assert_eq!(paths[13], [8]);
    }

    #[test]
    fn options_are_changed_and_removed_by_path() {
        let mut file = sample();
        for e in elements(&file.clone()) {
            let o = options_at_mut(&mut file, &e.path, e.kind).expect("options");
            o.bytes[0] += 100;
        }
        assert_eq!(file.message_type[0].extension[0].options, opts(107));
        assert_eq!(file.service[0].method[0].options, opts(112));
        for e in elements(&file.clone()) {
            remove_options(&mut file, &e.path, e.kind);
        }
        assert!(elements(&file).is_empty());
        assert!(options_at_mut(&mut file, &[4, 0, 2, 0], OptionsKind::Field).is_none());
    }
}
