//! The elements of a file that carry options (file, messages, fields, oneofs, extension
//! ranges, enums, values, services, methods) in protoc's allocation order, and access to
//! their options messages by descriptor path. Used by the option interpreter, the checks,
//! retention stripping and the generators.

use super::model::*;
use super::numbers::{self, enum_type as en, file as f, message as msg, service as svc};
use super::path::{enum_at, enum_at_mut, field_at, join, message_at, message_at_mut};

/// Which options message an element has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

/// Lists the elements of a file that carry options, in protoc's allocation order.
pub fn elements(file: &FileDescriptorProto) -> Vec<Element> {
    let mut out = Vec::new();
    let pkg = file.package.clone().unwrap_or_default();
    let has = |o: &Option<Options>| o.is_some();
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

/// The source-info path of an element's options message: the element's path plus the
/// options field number of its descriptor (`[8]` for the file).
pub fn options_path(e: &Element) -> Vec<i32> {
    let field = match e.kind {
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
    let mut p = e.path.clone();
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
        OptionsKind::File => file.options.as_ref(),
        OptionsKind::Message => message_at(file, path)?.options.as_ref(),
        OptionsKind::Field => field_at(file, path)?.options.as_ref(),
        OptionsKind::Enum => enum_at(file, path)?.options.as_ref(),
        OptionsKind::EnumValue => enum_at(file, &path[..n - 2])?
            .value
            .get(path[n - 1] as usize)?
            .options
            .as_ref(),
        OptionsKind::Oneof => message_at(file, &path[..n - 2])?
            .oneof_decl
            .get(path[n - 1] as usize)?
            .options
            .as_ref(),
        OptionsKind::ExtensionRange => message_at(file, &path[..n - 2])?
            .extension_range
            .get(path[n - 1] as usize)?
            .options
            .as_ref(),
        OptionsKind::Service => file.service.get(path[1] as usize)?.options.as_ref(),
        OptionsKind::Method => file
            .service
            .get(path[1] as usize)?
            .method
            .get(path[3] as usize)?
            .options
            .as_ref(),
    }
}

/// Mutable access to the options of an element.
pub fn options_slot_mut<'a>(
    file: &'a mut FileDescriptorProto,
    path: &[i32],
    kind: OptionsKind,
) -> Option<&'a mut Option<Options>> {
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
    options_slot_mut(file, path, kind)?.as_mut()
}

/// Removes the options message of an element.
pub fn remove_options(file: &mut FileDescriptorProto, path: &[i32], kind: OptionsKind) {
    if let Some(slot) = options_slot_mut(file, path, kind) {
        *slot = None;
    }
}
