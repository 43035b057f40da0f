//! The symbol index protoc builds over each `--descriptor_set_in` file as it loads it
//! (descriptor_database.cc `SimpleDescriptorDatabase::DescriptorIndex::AddFile`): every
//! top-level message, enum, extension and service of every file (package-qualified), which
//! must neither repeat nor nest inside one another across the files of one set, and every
//! extension of a fully-qualified extendee, which must not repeat its number. protoc refuses
//! the whole set at the first conflict, with only an absl log line to say why.

use std::collections::BTreeSet;
use std::ops::Bound;

use crate::descriptor::model::{DescriptorProto, FieldDescriptorProto, FileDescriptorProto};

/// The index of one set, filled file by file.
#[derive(Default)]
pub struct SetIndex {
    symbols: BTreeSet<String>,
    extensions: BTreeSet<(String, i32)>,
}

impl SetIndex {
    /// Adds a file's symbols; the error is the log line protoc prints when it refuses them.
    pub fn add_file(&mut self, file: &FileDescriptorProto) -> Result<(), String> {
        let mut prefix = file.package.clone().unwrap_or_default();
        if !prefix.is_empty() {
            prefix.push('.');
        }
        for m in &file.message_type {
            self.add_symbol(&format!("{prefix}{}", m.name))?;
            self.add_nested_extensions(&file.name, m)?;
        }
        for e in &file.enum_type {
            self.add_symbol(&format!("{prefix}{}", e.name))?;
        }
        for x in &file.extension {
            self.add_symbol(&format!("{prefix}{}", x.name))?;
            self.add_extension(&file.name, x)?;
        }
        for s in &file.service {
            self.add_symbol(&format!("{prefix}{}", s.name))?;
        }
        Ok(())
    }

    fn add_symbol(&mut self, name: &str) -> Result<(), String> {
        // NB: protoc's messages are absl log lines (`E<date> <time> <thread>
        // descriptor_database.cc:LINE] ...`); protoc-rs prints them without the parts that
        // change from run to run, as it prints parser.cc's.
        if !name
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'.')
        {
            return Err(format!(
                "E descriptor_database.cc:207] Invalid symbol name: {name}"
            ));
        }
        let conflict = |existing: &str, line: u32| {
            format!(
                "E descriptor_database.cc:{line}] Symbol name \"{name}\" conflicts with the \
                 existing symbol \"{existing}\"."
            )
        };
        // The last symbol sorting at or before `name` may be `name` or a parent of it; the
        // one after it may be a child.
        let before = self
            .symbols
            .range::<str, _>((Bound::Unbounded, Bound::Included(name)))
            .next_back();
        let after = match before {
            Some(before) if is_sub_symbol(before, name) => return Err(conflict(before, 222)),
            Some(_) => self
                .symbols
                .range::<str, _>((Bound::Excluded(name), Bound::Unbounded))
                .next(),
            // NB: with nothing at or before `name`, protoc's "last less or equal" is the first
            // symbol (greater than `name`), and it looks for a child one further on: a child
            // that is the very first symbol goes unnoticed.
            None => self.symbols.iter().nth(1),
        };
        if let Some(next) = after
            && is_sub_symbol(name, next)
        {
            return Err(conflict(next, 237));
        }
        self.symbols.insert(name.to_string());
        Ok(())
    }

    fn add_nested_extensions(&mut self, file: &str, m: &DescriptorProto) -> Result<(), String> {
        for n in &m.nested_type {
            self.add_nested_extensions(file, n)?;
        }
        for x in &m.extension {
            self.add_extension(file, x)?;
        }
        Ok(())
    }

    fn add_extension(&mut self, file: &str, x: &FieldDescriptorProto) -> Result<(), String> {
        // Only a fully-qualified extendee is indexed.
        let Some(extendee) = x.extendee.as_deref().and_then(|e| e.strip_prefix('.')) else {
            return Ok(());
        };
        let number = x.number.unwrap_or(0);
        if !self.extensions.insert((extendee.to_string(), number)) {
            return Err(format!(
                "E descriptor_database.cc:279] Extension conflicts with extension already in \
                 database: extend .{extendee} {{ {} = {number} }} from:{file}",
                x.name
            ));
        }
        Ok(())
    }
}

/// `sub` equals `sup` or is a parent scope of it (`a.b` of `a.b.c`, not of `a.bc`).
fn is_sub_symbol(sub: &str, sup: &str) -> bool {
    sup == sub || (sup.starts_with(sub) && sup.as_bytes().get(sub.len()) == Some(&b'.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(package: &str, messages: &[&str]) -> FileDescriptorProto {
        FileDescriptorProto {
            package: Some(package.to_string()).filter(|p| !p.is_empty()),
            message_type: messages
                .iter()
                .map(|m| DescriptorProto {
                    name: m.to_string(),
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn symbols_may_not_repeat_or_nest() {
        let mut index = SetIndex::default();
        assert_eq!(index.add_file(&file("a", &["M"])), Ok(()));
        assert_eq!(index.add_file(&file("a", &["N", "Mx"])), Ok(()));
        assert_eq!(
            index.add_file(&file("a", &["M"])),
            Err("E descriptor_database.cc:222] Symbol name \"a.M\" conflicts with the existing symbol \"a.M\".".to_string())
        );
        // NB: nothing sorts before "a", so protoc compares with the second symbol.
        assert_eq!(
            index.add_file(&file("", &["a"])),
            Err("E descriptor_database.cc:237] Symbol name \"a\" conflicts with the existing symbol \"a.Mx\".".to_string())
        );
        assert_eq!(
            index.add_file(&file("a.M", &["X"])),
            Err("E descriptor_database.cc:222] Symbol name \"a.M.X\" conflicts with the existing symbol \"a.M\".".to_string())
        );
        assert_eq!(
            index.add_file(&file("", &["B-C"])),
            Err("E descriptor_database.cc:207] Invalid symbol name: B-C".to_string())
        );
        // protoc's blind spot: a parent added before a first symbol that is its child.
        let mut index = SetIndex::default();
        assert_eq!(index.add_file(&file("q.M", &["N"])), Ok(()));
        assert_eq!(index.add_file(&file("q", &["M"])), Ok(()));
    }
}
