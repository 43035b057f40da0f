//! What every per-file stage gets besides the pool and the diagnostics sink: the file's
//! place in the pool, how diagnostics name it, what it may see of its imports, and where
//! protoc's compiled-in descriptor.proto comes from. The driver makes one per file
//! (`link::imports` fills the visibility sets) and hands it to each stage in turn.

use super::pool::Pool;
use rustc_hash::{FxHashMap, FxHashSet};

/// protoc's compiled-in descriptor.proto (with the cpp and java feature files it links),
/// built on first use: options are re-encoded against it, and it is the schema when the pool
/// has no descriptor.proto of its own.
pub type BuiltinPool = fn() -> &'static Pool;

/// What building one file needs to know about itself and its imports.
pub struct FileContext {
    /// Index the file will have in the pool.
    pub index: u32,
    pub display_name: String,
    /// This file, its direct imports, and what they re-export through `import public`.
    pub visible: FxHashSet<u32>,
    /// Files reached through `import option` (their fields are visible to options only).
    pub option_visible: FxHashSet<u32>,
    /// Direct imports that are still unused (candidates for the warning), with their index
    /// in `dependency` followed by `option_dependency`.
    pub unused: FxHashMap<u32, usize>,
    /// `import option` files that were not found or had errors, as indexes into
    /// `option_dependency`: protoc builds the file against placeholders for them.
    pub missing_option_deps: Vec<usize>,
    /// Whether this file was named on the command line.
    pub is_input: bool,
    /// Building protoc's built-in descriptor.proto itself: it is its own schema, and
    /// `builtin` must not be called.
    pub bootstrap: bool,
    /// The built-in pool.
    pub builtin: BuiltinPool,
    /// Whether each extension is checked against its range's declarations (protoc: only
    /// when compiling).
    pub enforce_extension_declarations: bool,
}

impl FileContext {
    /// A context for the file that will get pool index `index`: it sees only itself until
    /// its imports are resolved.
    pub fn new(
        index: u32,
        display_name: &str,
        is_input: bool,
        bootstrap: bool,
        builtin: BuiltinPool,
    ) -> Self {
        FileContext {
            index,
            display_name: display_name.to_string(),
            visible: FxHashSet::from_iter([index]),
            option_visible: FxHashSet::default(),
            unused: FxHashMap::default(),
            missing_option_deps: Vec::new(),
            is_input,
            bootstrap,
            builtin,
            enforce_extension_declarations: true,
        }
    }
}
