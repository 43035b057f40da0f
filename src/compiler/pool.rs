//! The pool: every file built in this invocation and the symbol table over them, with
//! protoc's name-resolution rules (descriptor.cc `LookupSymbolNoPlaceholder`, `FindSymbol`).

use crate::release::Release;
use rustc_hash::FxHashMap;

use crate::descriptor::model::*;
use crate::descriptor::path::{enum_at, field_at, message_at, type_full_name};

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
    pub symbols: FxHashMap<Box<str>, Symbol>,
    /// Extensions by extendee full name (no leading dot), then number.
    pub extensions: FxHashMap<String, Vec<ExtensionEntry>>,
    /// The protoc release the pool was built for: whose compiled-in descriptor.proto the
    /// later stages (retention stripping, generators) read.
    pub release: Release,
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
