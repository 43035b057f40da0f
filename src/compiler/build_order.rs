//! Where in descriptor.cc's one building walk (`BuildFileImpl` -> `BuildMessage` ->
//! `BuildFieldOrExtension`, `BuildEnum`...) an error arises. protoc-rs registers symbols
//! (`link::symbols`) and runs the building checks (`check::before_link`) as two walks; each
//! tags its errors with a [`BuildKey`] and the driver prints both lists merged in key order,
//! so that e.g. `"A" is already defined` and `Field "r" uses reserved number 5.` come in
//! protoc's order.
//!
//! A key is the element's path in building order, then the step within it; a prefix sorts
//! before its extensions (an element's own early checks come before its contents).

use crate::descriptor::model::MaybePos;
use crate::diagnostics::Diagnostics;

/// A position in protoc's building walk.
pub type BuildKey = Vec<u32>;

/// An error found at a point of the building walk.
pub struct Keyed {
    pub key: BuildKey,
    pub pos: MaybePos,
    pub msg: String,
}

/// Steps of a file (`BuildFileImpl`'s `BUILD_ARRAY`s), each followed by the index.
pub mod file {
    pub const MESSAGE: u32 = 0;
    pub const ENUM: u32 = 1;
    pub const SERVICE: u32 = 2;
    pub const EXTENSION: u32 = 3;
}

/// Steps of a message (`BuildMessage`).
pub mod message {
    /// `BuildOneof`, then the index.
    pub const ONEOF: u32 = 0;
    /// `BuildField`, then the index and a [`super::field`] step.
    pub const FIELD: u32 = 1;
    /// `BuildEnum`, then the index.
    pub const ENUM: u32 = 2;
    /// `BuildExtensionRange`, then the index.
    pub const EXTENSION_RANGE: u32 = 3;
    /// `BuildExtension`, then the index and a [`super::field`] step.
    pub const EXTENSION: u32 = 4;
    /// `BuildReservedRange`, then the index.
    pub const RESERVED_RANGE: u32 = 5;
    /// The nesting limit.
    pub const DEPTH_LIMIT: u32 = 6;
    /// `BuildMessage` of the nested types, then the index.
    pub const NESTED: u32 = 7;
    /// `AddSymbol` of the message itself.
    pub const SYMBOL: u32 = 8;
    /// The checks after it (reserved ranges and names, extension ranges).
    pub const CHECKS: u32 = 9;
}

/// Steps of a field or extension (`BuildFieldOrExtension`): its name is checked first (the
/// field's own key), then its number and default, then its symbol is added.
pub mod field {
    pub const CHECKS: u32 = 0;
    pub const SYMBOL: u32 = 1;
}

/// Steps of an enum (`BuildEnum`).
pub mod enumeration {
    /// "Enums must contain at least one value."
    pub const EMPTY: u32 = 0;
    /// `BuildEnumValue`, then the index.
    pub const VALUE: u32 = 1;
    /// `BuildReservedRange`, then the index.
    pub const RESERVED_RANGE: u32 = 2;
    /// `AddSymbol` of the enum itself.
    pub const SYMBOL: u32 = 3;
    /// The checks after it (reserved ranges and names).
    pub const CHECKS: u32 = 4;
}

/// `base` extended by `steps`.
pub fn at(base: &[u32], steps: &[u32]) -> BuildKey {
    let mut k = Vec::with_capacity(base.len() + steps.len());
    k.extend_from_slice(base);
    k.extend_from_slice(steps);
    k
}

/// Prints the errors of several walks as protoc's one walk reports them: by key, each walk's
/// own order kept for equal keys.
pub fn report(diags: &mut Diagnostics, display: &str, lists: Vec<Vec<Keyed>>) {
    let mut all: Vec<Keyed> = lists.into_iter().flatten().collect();
    all.sort_by(|a, b| a.key.cmp(&b.key));
    for e in all {
        diags.error(display, e.pos, e.msg);
    }
}
