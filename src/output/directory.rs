//! Output directories (protoc's `GeneratorContextImpl`): responses are applied to in-memory
//! directories; generators sharing a location share one (so one can insert into another's
//! file). Writing them is the plan's business (`plan`, `commit`, `check`).

use std::collections::BTreeMap;

use super::metadata;
use crate::generator::Response;

/// The files one output location will hold.
#[derive(Default, Debug)]
pub struct OutputDirectory {
    files: BTreeMap<String, Vec<u8>>,
    /// Set by a failed insertion or a duplicate file: the directory is then not written.
    had_error: bool,
}

/// One `CodeGeneratorResponse.File`: a name starts a file, an insertion point inserts into
/// one, neither continues the previous chunk's file.
#[derive(Clone, Copy, Debug)]
pub struct Chunk<'a> {
    pub name: &'a str,
    /// Empty for none.
    pub insertion_point: &'a str,
    pub content: &'a [u8],
    /// The encoded `GeneratedCodeInfo`; only an insertion's is used (`NAME.pb.meta`).
    pub generated_code_info: Option<&'a [u8]>,
}

/// What starts a stream: a chunk's name, insertion point (empty for none) and metadata.
struct Header {
    name: String,
    insertion_point: String,
    info: Option<Vec<u8>>,
}

/// A file being written by a response (protoc's `MemoryOutputStream`).
struct Stream {
    name: String,
    insertion_point: Option<String>,
    data: Vec<u8>,
    info: Option<Vec<u8>>,
}

impl OutputDirectory {
    /// Relative names and contents, sorted by name.
    pub fn files(&self) -> &BTreeMap<String, Vec<u8>> {
        &self.files
    }

    pub fn had_error(&self) -> bool {
        self.had_error
    }

    /// protoc's `GenerateCodeFromResponse` for a built-in's response; see [`Self::apply_chunks`].
    /// Taken by value: each file's content becomes the staged bytes without a copy (the
    /// googleapis Python row stages 165 MB).
    pub fn apply(&mut self, response: Response, generator: &str) -> Result<Vec<String>, String> {
        let parts = response.file.into_iter().map(|f| {
            let header = Header {
                name: f.name,
                insertion_point: f.insertion_point.unwrap_or_default(),
                info: None,
            };
            (header, f.content.into_bytes())
        });
        self.apply_parts(parts, generator)
    }

    /// protoc's `GenerateCodeFromResponse`, for built-ins and plugins alike. Returns the lines
    /// protoc prints for failed insertions and duplicate files (the invocation then fails when
    /// writing), or `Err` (`GENERATOR: First file chunk ...`) for a response protoc rejects
    /// outright.
    pub fn apply_chunks<'c>(
        &mut self,
        chunks: impl IntoIterator<Item = Chunk<'c>>,
        generator: &str,
    ) -> Result<Vec<String>, String> {
        let parts = chunks.into_iter().map(|f| {
            let header = Header {
                name: f.name.to_string(),
                insertion_point: f.insertion_point.to_string(),
                info: f.generated_code_info.map(<[u8]>::to_vec),
            };
            (header, f.content)
        });
        self.apply_parts(parts, generator)
    }

    /// The chunks in order: a named chunk or an insertion starts a stream (its content becomes
    /// the stream's bytes: moved when owned), an unnamed one continues the current stream.
    fn apply_parts<C: Into<Vec<u8>> + AsRef<[u8]>>(
        &mut self,
        parts: impl IntoIterator<Item = (Header, C)>,
        generator: &str,
    ) -> Result<Vec<String>, String> {
        let mut messages = Vec::new();
        let mut current: Option<Stream> = None;
        for (header, content) in parts {
            if !header.insertion_point.is_empty() || !header.name.is_empty() {
                if let Some(s) = current.take() {
                    self.close(s, &mut messages);
                }
                current = Some(Stream {
                    name: header.name,
                    insertion_point: Some(header.insertion_point).filter(|p| !p.is_empty()),
                    data: content.into(),
                    info: header.info,
                });
                continue;
            }
            match current.as_mut() {
                Some(s) => s.data.extend_from_slice(content.as_ref()),
                None => {
                    return Err(format!(
                        "{generator}: First file chunk returned by plugin did not specify a file name."
                    ));
                }
            }
        }
        if let Some(s) = current.take() {
            self.close(s, &mut messages);
        }
        Ok(messages)
    }

    fn close(&mut self, s: Stream, messages: &mut Vec<String>) {
        use std::collections::btree_map::Entry;
        // NB: protoc registers the name (empty) before looking at it, so inserting into a
        // missing file leaves an empty entry and a later generator writing that file is told
        // it was written twice.
        let target = match (self.files.entry(s.name.clone()), s.insertion_point) {
            (Entry::Vacant(v), None) => {
                v.insert(s.data);
                return;
            }
            (Entry::Occupied(_), None) => {
                messages.push(format!("{}: Tried to write the same file twice.", s.name));
                self.had_error = true;
                return;
            }
            (Entry::Vacant(v), Some(_)) => {
                v.insert(Vec::new());
                messages.push(format!(
                    "{}: Tried to insert into file that doesn't exist.",
                    s.name
                ));
                self.had_error = true;
                return;
            }
            (Entry::Occupied(o), Some(point)) => (o.into_mut(), point),
        };
        let (target, point) = target;
        let mut data = s.data;
        if data.last().is_some_and(|&b| b != b'\n') {
            data.push(b'\n');
        }
        let magic = format!("@@protoc_insertion_point({point})");
        let Some(found) = find(target, magic.as_bytes()) else {
            messages.push(format!(
                "{}: insertion point \"{point}\" not found.",
                s.name
            ));
            self.had_error = true;
            return;
        };
        let pos = if found > 3 && &target[found - 3..found - 1] == b"/*" {
            // An inline `/* @@protoc_insertion_point(x) */`.
            found - 3
        } else {
            // The start of the line: inserting there pushes the point down, so several
            // insertions at one point keep their order.
            target[..found]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1)
        };
        let indent_len = target[pos..]
            .iter()
            .position(|&b| b != b' ' && b != b'\t')
            .unwrap_or(target.len() - pos);
        let indent = target[pos..pos + indent_len].to_vec();
        let mut block = Vec::with_capacity(data.len() + indent.len() * 8);
        for line in data.split_inclusive(|&b| b == b'\n') {
            block.extend_from_slice(&indent);
            block.extend_from_slice(line);
        }
        let insertion = metadata::Insertion {
            content: &data,
            offset: pos,
            length: block.len(),
            indent: indent.len(),
            info: s.info.as_deref(),
        };
        target.splice(pos..pos, block);
        let meta_name = format!("{}.pb.meta", s.name);
        match metadata::update(self.files.get(&meta_name).map(Vec::as_slice), &insertion) {
            metadata::Update::None => {}
            metadata::Update::Write(meta) => {
                self.files.insert(meta_name, meta);
            }
            metadata::Update::Unreadable => messages.push(format!(
                "{meta_name}: Could not parse metadata as wire or text format."
            )),
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len().max(1))
        .position(|w| w == needle)
        .filter(|_| !needle.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generator::ResponseFile;

    fn file(name: &str, point: Option<&str>, content: &str) -> ResponseFile {
        ResponseFile {
            name: name.to_string(),
            insertion_point: point.map(str::to_string),
            content: content.to_string(),
        }
    }

    fn response(files: Vec<ResponseFile>) -> Response {
        Response {
            error: None,
            file: files,
        }
    }

    #[test]
    fn insertion_indents_and_keeps_order() {
        let mut d = OutputDirectory::default();
        let r = response(vec![
            file("a.py", None, "x\n  # @@protoc_insertion_point(p)\ny\n"),
            file("a.py", Some("p"), "one\n"),
            file("", None, "two"),
            file("a.py", Some("p"), "three\n"),
        ]);
        assert!(d.apply(r, "--x_out").expect("applies").is_empty());
        assert_eq!(
            String::from_utf8_lossy(&d.files()["a.py"]),
            "x\n  one\n  two\n  three\n  # @@protoc_insertion_point(p)\ny\n"
        );
    }

    #[test]
    fn insertion_errors() {
        let mut d = OutputDirectory::default();
        let r = response(vec![
            file("a.py", Some("p"), "x"),
            file("b.py", None, "no point\n"),
            file("b.py", Some("p"), "x"),
            file("b.py", None, "again"),
        ]);
        let msgs = d.apply(r, "--x_out").expect("applies");
        assert_eq!(
            msgs,
            [
                "a.py: Tried to insert into file that doesn't exist.",
                "b.py: insertion point \"p\" not found.",
                "b.py: Tried to write the same file twice.",
            ]
        );
        assert!(d.had_error());
    }

    #[test]
    fn first_chunk_needs_a_name() {
        let mut d = OutputDirectory::default();
        let r = response(vec![file("", None, "x")]);
        assert_eq!(
            d.apply(r, "--foo_out"),
            Err(
                "--foo_out: First file chunk returned by plugin did not specify a file name."
                    .to_string()
            )
        );
    }
}
