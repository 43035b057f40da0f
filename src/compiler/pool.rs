//! The pool: every file built in this invocation and the symbol table over them, with
//! protoc's name-resolution rules (descriptor.cc `LookupSymbolNoPlaceholder`, `FindSymbol`).

use super::fxhash::FxHashMap;

use crate::descriptor::model::*;

/// What a symbol names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolKind {
    Package,
    Message,
    Enum,
    EnumValue,
    Field,
    Extension,
    Oneof,
    Service,
    Method,
}

impl SymbolKind {
    pub fn is_type(self) -> bool {
        matches!(self, SymbolKind::Message | SymbolKind::Enum)
    }

    /// Symbols that can contain other symbols (descriptor.cc `Symbol::IsAggregate`).
    pub fn is_aggregate(self) -> bool {
        matches!(
            self,
            SymbolKind::Package | SymbolKind::Message | SymbolKind::Enum | SymbolKind::Service
        )
    }
}

/// A symbol: its kind, the file that first defined it, and its descriptor path in that file
/// (`[4, i, 3, j, 2, k]`, as SourceCodeInfo paths).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Symbol {
    pub kind: SymbolKind,
    pub file: u32,
    pub path: Box<[i32]>,
}

/// An extension: its number, the file defining it, and its path there.
pub type ExtensionEntry = (i32, u32, Box<[i32]>);

/// Every file built so far and the symbols they define.
#[derive(Default)]
pub struct Pool {
    pub files: Vec<FileDescriptorProto>,
    pub file_index: FxHashMap<String, u32>,
    pub symbols: FxHashMap<String, Symbol>,
    /// Extensions by extendee full name (no leading dot), then number.
    pub extensions: FxHashMap<String, Vec<ExtensionEntry>>,
}

impl Pool {
    pub fn file(&self, i: u32) -> &FileDescriptorProto {
        &self.files[i as usize]
    }

    pub fn find(&self, full_name: &str) -> Option<&Symbol> {
        self.symbols.get(full_name)
    }

    /// The message at `path` in file `file`.
    pub fn message_at(&self, file: u32, path: &[i32]) -> Option<&DescriptorProto> {
        message_at(self.file(file), path)
    }

    pub fn message(&self, full_name: &str) -> Option<&DescriptorProto> {
        let s = self.find(full_name)?;
        if s.kind != SymbolKind::Message {
            return None;
        }
        self.message_at(s.file, &s.path)
    }

    pub fn enum_type(&self, full_name: &str) -> Option<&EnumDescriptorProto> {
        let s = self.find(full_name)?;
        if s.kind != SymbolKind::Enum {
            return None;
        }
        enum_at(self.file(s.file), &s.path)
    }

    /// The field or extension at `path`.
    pub fn field_at(&self, file: u32, path: &[i32]) -> Option<&FieldDescriptorProto> {
        field_at(self.file(file), path)
    }
}

pub fn message_at<'a>(file: &'a FileDescriptorProto, path: &[i32]) -> Option<&'a DescriptorProto> {
    let (&first, rest) = path.split_first()?;
    if first != 4 {
        return None;
    }
    let mut m = file.message_type.get(*path.get(1)? as usize)?;
    let mut rest = &rest[1..];
    while !rest.is_empty() {
        if rest[0] != 3 || rest.len() < 2 {
            return None;
        }
        m = m.nested_type.get(rest[1] as usize)?;
        rest = &rest[2..];
    }
    Some(m)
}

pub fn enum_at<'a>(file: &'a FileDescriptorProto, path: &[i32]) -> Option<&'a EnumDescriptorProto> {
    let n = path.len();
    if n < 2 {
        return None;
    }
    let i = path[n - 1] as usize;
    if n == 2 {
        return if path[0] == 5 {
            file.enum_type.get(i)
        } else {
            None
        };
    }
    if path[n - 2] != 4 {
        return None;
    }
    message_at(file, &path[..n - 2])?.enum_type.get(i)
}

pub fn field_at<'a>(
    file: &'a FileDescriptorProto,
    path: &[i32],
) -> Option<&'a FieldDescriptorProto> {
    let n = path.len();
    if n < 2 {
        return None;
    }
    let i = path[n - 1] as usize;
    if n == 2 {
        return if path[0] == 7 {
            file.extension.get(i)
        } else {
            None
        };
    }
    let m = message_at(file, &path[..n - 2])?;
    match path[n - 2] {
        2 => m.field.get(i),
        6 => m.extension.get(i),
        _ => None,
    }
}

/// Mutable twin of `message_at`.
pub fn message_at_mut<'a>(
    file: &'a mut FileDescriptorProto,
    path: &[i32],
) -> Option<&'a mut DescriptorProto> {
    if path.first() != Some(&4) {
        return None;
    }
    let mut m = file.message_type.get_mut(*path.get(1)? as usize)?;
    let mut rest = &path[2..];
    while rest.len() >= 2 && rest[0] == 3 {
        m = m.nested_type.get_mut(rest[1] as usize)?;
        rest = &rest[2..];
    }
    rest.is_empty().then_some(m)
}

/// Mutable twin of `enum_at`.
pub fn enum_at_mut<'a>(
    file: &'a mut FileDescriptorProto,
    path: &[i32],
) -> Option<&'a mut EnumDescriptorProto> {
    let n = path.len();
    match n {
        2 if path[0] == 5 => file.enum_type.get_mut(path[1] as usize),
        _ if n > 2 && path[n - 2] == 4 => message_at_mut(file, &path[..n - 2])?
            .enum_type
            .get_mut(path[n - 1] as usize),
        _ => None,
    }
}

/// Mutable twin of `field_at`.
pub fn field_at_mut<'a>(
    file: &'a mut FileDescriptorProto,
    path: &[i32],
) -> Option<&'a mut FieldDescriptorProto> {
    let n = path.len();
    if n == 2 {
        return if path[0] == 7 {
            file.extension.get_mut(path[1] as usize)
        } else {
            None
        };
    }
    let m = message_at_mut(file, path.get(..n.checked_sub(2)?)?)?;
    match path[n - 2] {
        2 => m.field.get_mut(path[n - 1] as usize),
        6 => m.extension.get_mut(path[n - 1] as usize),
        _ => None,
    }
}

/// The full name (no leading dot) of the message or enum at `path`; the package for `[]`.
pub fn type_full_name(file: &FileDescriptorProto, path: &[i32]) -> String {
    let mut name = file.package.clone().unwrap_or_default();
    let mut m: Option<&DescriptorProto> = None;
    for pair in path.chunks_exact(2) {
        let j = pair[1] as usize;
        let part = match (m, pair[0]) {
            (None, 4) => {
                m = file.message_type.get(j);
                m.map(|x| x.name.as_str())
            }
            (None, 5) => file.enum_type.get(j).map(|x| x.name.as_str()),
            (Some(p), 3) => {
                m = p.nested_type.get(j);
                m.map(|x| x.name.as_str())
            }
            (Some(p), 4) => p.enum_type.get(j).map(|x| x.name.as_str()),
            _ => None,
        };
        if let Some(part) = part {
            if !name.is_empty() {
                name.push('.');
            }
            name.push_str(part);
        }
    }
    name
}

/// The full name of the scope that contains the element at `path` (a message's full name or
/// the package), given the file's package.
pub fn join(scope: &str, name: &str) -> String {
    if scope.is_empty() {
        name.to_string()
    } else {
        let mut s = String::with_capacity(scope.len() + 1 + name.len());
        s.push_str(scope);
        s.push('.');
        s.push_str(name);
        s
    }
}

/// `.pkg.Name` of a symbol, recomputed from its path.
pub fn symbol_full_name(pool: &Pool, s: &Symbol) -> String {
    let mut out = String::from(".");
    out.push_str(&symbol_name(pool, s));
    out
}

/// The full name of a message or enum symbol (no leading dot).
pub fn symbol_name(pool: &Pool, s: &Symbol) -> String {
    type_full_name(pool.file(s.file), &s.path)
}
