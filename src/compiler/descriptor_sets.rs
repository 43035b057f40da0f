//! `--descriptor_set_in`: the files of one or more encoded `FileDescriptorSet`s, consulted
//! when the source tree has no file of a name (command_line_interface.cc
//! `PopulateSingleSimpleDescriptorDatabase`, a `MergedDescriptorDatabase` as the
//! `SourceTreeDescriptorDatabase`'s fallback). Their files are not parsed: the driver builds
//! the decoded `FileDescriptorProto` as protoc's `DescriptorBuilder` builds a database file.

use std::collections::HashMap;
use std::fs;

use super::descriptor_set_index::SetIndex;
use super::source::{OpenError, SourceFile, SourceTree};
use crate::descriptor::decode::{self, Decoded};

/// Every file of the descriptor sets, by name; the first set naming a file wins, and within a
/// set its first copy.
#[derive(Default)]
pub struct DescriptorSets {
    files: HashMap<String, Vec<u8>>,
}

impl DescriptorSets {
    /// Reads the sets in command-line order. The error is the line protoc prints (for a set
    /// whose files clash, a log line: see `descriptor_set_index`).
    pub fn load(paths: &[String]) -> Result<DescriptorSets, String> {
        let mut sets = DescriptorSets::default();
        for path in paths {
            // NB: protoc reports any failure to open a set as ENOENT, whatever the cause.
            let Ok(mut file) = fs::File::open(path) else {
                return Err(format!("{path}: No such file or directory"));
            };
            let mut bytes = Vec::new();
            let read = std::io::Read::read_to_end(&mut file, &mut bytes);
            let files = match read {
                Ok(_) => decode::file_set(&bytes).ok(),
                Err(_) => None,
            };
            let Some(files) = files else {
                return Err(format!("{path}: Unable to parse."));
            };
            // Each set is its own database: a file name seen before in it is skipped, the
            // others must not clash with its symbols.
            let mut index = SetIndex::default();
            let mut in_this_set = std::collections::HashSet::new();
            for f in files {
                let name = decode::file_name(f);
                if !in_this_set.insert(name.clone()) {
                    continue;
                }
                if let Ok(decoded) = decode::file(f) {
                    index.add_file(&decoded)?;
                }
                sets.files.entry(name).or_insert_with(|| f.to_vec());
            }
        }
        Ok(sets)
    }

    pub fn contains(&self, name: &str) -> bool {
        self.files.contains_key(name)
    }

    /// The decoded file of that name (`load` checked every file decodes).
    pub fn file(&self, name: &str) -> Option<Decoded> {
        decode::decoded(self.files.get(name)?).ok()
    }
}

/// A source tree with the descriptor sets behind it: files come from the tree when it has
/// them (even unreadable ones are looked up in the sets only after the tree failed).
pub struct WithDescriptorSets<'a> {
    pub tree: &'a dyn SourceTree,
    pub sets: &'a DescriptorSets,
}

impl SourceTree for WithDescriptorSets<'_> {
    fn open(&self, virtual_name: &str) -> Result<SourceFile, OpenError> {
        self.tree.open(virtual_name)
    }

    fn descriptor(&self, virtual_name: &str) -> Option<Decoded> {
        self.sets.file(virtual_name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::descriptor::encode::{EncodeOptions, write_file_field};
    use crate::descriptor::model::FileDescriptorProto;

    fn set(names: &[(&str, &str)]) -> Vec<u8> {
        let mut out = Vec::new();
        for (name, package) in names {
            let f = FileDescriptorProto {
                name: name.to_string(),
                package: Some(package.to_string()),
                ..Default::default()
            };
            write_file_field(&mut out, 1, &f, &EncodeOptions::default());
        }
        out
    }

    #[test]
    fn first_set_and_first_copy_win() {
        let dir = tempfile::tempdir().expect("tempdir");
        let one = dir.path().join("one.pb");
        let two = dir.path().join("two.pb");
        fs::write(&one, set(&[("a.proto", "first"), ("a.proto", "second")])).expect("write");
        fs::write(&two, set(&[("a.proto", "third"), ("b.proto", "b")])).expect("write");
        let paths = [one, two].map(|p| p.to_str().expect("utf8").to_string());
        let sets = DescriptorSets::load(&paths).expect("loads");
        let a = sets.file("a.proto").expect("a").file;
        assert_eq!(a.package.as_deref(), Some("first"));
        assert!(sets.contains("b.proto") && !sets.contains("c.proto"));
    }

    #[test]
    fn load_errors_are_protocs() {
        let dir = tempfile::tempdir().expect("tempdir");
        let bad = dir.path().join("bad.pb");
        fs::write(&bad, [0x0a, 9, 1]).expect("write");
        let bad = bad.to_str().expect("utf8").to_string();
        assert_eq!(
            DescriptorSets::load(std::slice::from_ref(&bad)).err(),
            Some(format!("{bad}: Unable to parse."))
        );
        let d = dir.path().to_str().expect("utf8").to_string();
        assert_eq!(
            DescriptorSets::load(&[format!("{d}/nope.pb")]).err(),
            Some(format!("{d}/nope.pb: No such file or directory"))
        );
        assert_eq!(
            DescriptorSets::load(std::slice::from_ref(&d)).err(),
            Some(format!("{d}: Unable to parse."))
        );
    }
}
