//! Test support for the stage unit tests (`#[cfg(test)]` only): a `.proto` source string to a
//! parsed `FileDescriptorProto`, put into a `Pool` with its `FileContext` (on top of
//! dependencies built here), so that a test runs ONE stage and reads its diagnostics as
//! protoc prints them (`file:line:col: message`), without `compile()` or a source tree.
//!
//! Nothing here knows the driver's order except [`Harness::dep`], which builds a dependency
//! completely; a test of a later stage calls the earlier stages it needs itself, explicitly:
//!
//! ```ignore
//! let mut h = Harness::new();
//! let mut ctx = h.add("t.proto", "syntax = \"proto3\"; message M { Foo f = 1; }");
//! cross_link::run(&mut h.pool, &mut h.diags, &mut ctx);
//! assert_eq!(h.lines(), ["t.proto:1:32: \"Foo\" is not defined."]);
//! ```

use super::check::{after_link, after_options, before_link};
use super::context::FileContext;
use super::driver::builtin_pool_of;
use super::link::{cross_link, imports, symbols};
use super::options::interpret;
use super::pool::Pool;
use super::source::SourceTree;
use super::{builtin, syntax::parser};
use crate::descriptor::model::*;
use crate::diagnostics::{Diagnostics, ErrorFormat};
use crate::release::Release;

/// The release the stage tests' expected texts come from.
pub const RELEASE: Release = Release::V35_1;

/// Parses `src` as the file `name` (the parser's entry point, `parse_file`); panics with
/// the rendered diagnostics if it has errors.
pub fn parse(name: &str, src: &str) -> FileDescriptorProto {
    let mut d = Diagnostics::default();
    let file = parser::parse_file(name, name, src.as_bytes(), &mut d, false, RELEASE);
    let Some(mut file) = file else {
        panic!("{name} does not parse: {:#?}", render(&d));
    };
    file.name = name.to_string();
    file
}

/// Diagnostics as protoc prints them (gcc format, 1-based line and column).
pub fn render(d: &Diagnostics) -> Vec<String> {
    d.items.iter().map(|x| ErrorFormat::Gcc.render(x)).collect()
}

/// A pool under construction and the diagnostics sink every stage writes to.
#[derive(Default)]
pub struct Harness {
    pub pool: Pool,
    pub diags: Diagnostics,
}

impl Harness {
    pub fn new() -> Self {
        Self::default()
    }

    /// Parses `src` as `name` and makes the context it will have as the next file of the
    /// pool (an input file, named `name` in diagnostics). Nothing is run and the file is not
    /// in the pool yet: see [`Harness::insert`].
    pub fn load(&self, name: &str, src: &str) -> (FileDescriptorProto, FileContext) {
        let file = parse(name, src);
        let ctx = FileContext::new(
            self.pool.files.len() as u32,
            name,
            true,
            false,
            builtin_pool_of(RELEASE),
        );
        (file, ctx)
    }

    /// Puts a loaded file into the pool at `ctx.index` (no symbols registered).
    pub fn insert(&mut self, file: FileDescriptorProto, ctx: &FileContext) {
        assert_eq!(ctx.index as usize, self.pool.files.len());
        self.pool.file_index.insert(file.name.clone(), ctx.index);
        self.pool.files.push(file);
    }

    /// The file as the driver has it before any check: imports resolved (`link::imports`,
    /// which fills the context's visible files), symbols registered (`link::symbols`), and
    /// the file in the pool. Returns its context for the next stages.
    pub fn add(&mut self, name: &str, src: &str) -> FileContext {
        let (file, mut ctx) = self.load(name, src);
        assert!(imports::run(&self.pool, &mut self.diags, &mut ctx, &file));
        symbols::run(&mut self.pool, &mut self.diags, &ctx, &file);
        self.insert(file, &ctx);
        ctx
    }

    /// [`Harness::add`], then the stages up to a linked file: `check::before_link`,
    /// `link::cross_link`, `check::after_link`.
    pub fn linked(&mut self, name: &str, src: &str) -> FileContext {
        let mut ctx = self.add(name, src);
        let hints = before_link::run(&self.pool, &mut self.diags, &ctx);
        cross_link::run(&mut self.pool, &mut self.diags, &mut ctx);
        after_link::run(&self.pool, &mut self.diags, &ctx, hints);
        ctx
    }

    /// [`Harness::linked`], then option interpretation (`symbols::register_extensions`,
    /// `options::interpret`): the file as `check::after_options` sees it.
    pub fn interpreted(&mut self, name: &str, src: &str) -> FileContext {
        let mut ctx = self.linked(name, src);
        symbols::register_extensions(&mut self.pool, &ctx);
        interpret::run(&mut self.pool, &mut self.diags, &mut ctx);
        ctx
    }

    /// A dependency, built completely ([`Harness::interpreted`] and `check::after_options`);
    /// panics if building it reported anything.
    pub fn dep(&mut self, name: &str, src: &str) -> &mut Self {
        let before = self.diags.items.len();
        let ctx = self.interpreted(name, src);
        after_options::run(&self.pool, &mut self.diags, &ctx);
        let new = &self.diags.items[before..];
        assert!(new.is_empty(), "dependency {name}: {new:#?}");
        self
    }

    /// protoc's bundled `google/protobuf/descriptor.proto` as a dependency (for custom
    /// options).
    pub fn descriptor_proto(&mut self) -> &mut Self {
        let name = "google/protobuf/descriptor.proto";
        let src = builtin::Embedded(RELEASE).open(name).expect("bundled");
        let src = String::from_utf8(src.contents).expect("utf-8");
        self.dep(name, &src)
    }

    /// Every diagnostic so far, as protoc prints them.
    pub fn lines(&self) -> Vec<String> {
        render(&self.diags)
    }

    /// [`Harness::lines`], and forget them.
    pub fn take_lines(&mut self) -> Vec<String> {
        let lines = self.lines();
        self.diags = Diagnostics::default();
        lines
    }

    /// The file at `ctx.index`.
    pub fn file(&self, ctx: &FileContext) -> &FileDescriptorProto {
        self.pool.file(ctx.index)
    }
}
