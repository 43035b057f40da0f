//! Imports (descriptor.cc `BuildFileImpl`, `RecordPublicDependencies`): duplicate and missing
//! imports, the files each file may see through them (`import public` followed), the
//! `import option` files, and the `Import x is unused.` warnings once the file is built.

use crate::compiler::context::FileContext;
use crate::compiler::pool::Pool;
use crate::descriptor::model::*;
use crate::descriptor::options::{elements, options_at};
use crate::diagnostics::Diagnostics;
use rustc_hash::FxHashSet;

/// Import checks and visibility for `file`, which is not in the pool yet: fills the
/// visibility sets and unused-import candidates of `ctx`. Returns false when the file
/// imports itself: the caller must stop building it.
pub fn run(
    pool: &Pool,
    diags: &mut Diagnostics,
    ctx: &mut FileContext,
    file: &FileDescriptorProto,
) -> bool {
    let display = ctx.display_name.as_str();
    let is_input = ctx.is_input;
    let mut seen = FxHashSet::default();
    let n_deps = file.dependency.len();
    let mut direct = Vec::new();
    let mut option_direct = Vec::new();
    for (i, name) in file
        .dependency
        .iter()
        .chain(file.option_dependency.iter())
        .enumerate()
    {
        let is_option = i >= n_deps;
        let pos = if is_option {
            file.loc
                .option_dependency
                .get(i - n_deps)
                .copied()
                .flatten()
        } else {
            file.loc.dependency.get(i).copied().flatten()
        };
        if !seen.insert(name.as_str()) {
            diags.error(display, pos, format!("Import \"{name}\" was listed twice."));
        }
        if *name == file.name {
            return false;
        }
        match pool.file_index.get(name.as_str()) {
            None => {
                // NB: protoc tolerates a missing `import option` file (a placeholder) until
                // it has options to interpret (`report_missing_option_deps`).
                if is_option {
                    ctx.missing_option_deps.push(i - n_deps);
                } else {
                    diags.error(
                        display,
                        pos,
                        format!("Import \"{name}\" was not found or had errors."),
                    );
                }
            }
            Some(&d) => {
                if is_option {
                    option_direct.push(d);
                } else {
                    direct.push(d);
                }
                // NB: protoc tracks `import option` files as possibly unused too.
                if is_input && pool.file(d).public_dependency.is_empty() {
                    ctx.unused.insert(d, i);
                }
            }
        }
    }
    // Only a descriptor set can hold an index out of range (the parser writes valid ones).
    let in_range = |i: i32| usize::try_from(i).is_ok_and(|i| i < n_deps);
    for &p in &file.public_dependency {
        if !in_range(p) {
            diags.error(
                display,
                file.loc.first_token,
                "Invalid public dependency index.",
            );
        } else if let Some(name) = file.dependency.get(p as usize)
            && let Some(d) = pool.file_index.get(name.as_str())
        {
            ctx.unused.remove(d);
        }
    }
    for &w in &file.weak_dependency {
        if !in_range(w) {
            diags.error(
                display,
                file.loc.first_token,
                "Invalid weak dependency index.",
            );
        }
    }
    for d in direct {
        record_public(pool, d, &mut ctx.visible);
    }
    for d in option_direct {
        record_public(pool, d, &mut ctx.option_visible);
    }
    true
}

/// After cross-linking (descriptor.cc `BuildFileImpl`): a file with options to interpret
/// cannot do without its missing `import option` files, one `Import "x" was not found or had
/// errors.` each; the error then keeps the options from being interpreted.
pub fn report_missing_option_deps(pool: &Pool, diags: &mut Diagnostics, ctx: &FileContext) {
    if ctx.missing_option_deps.is_empty() {
        return;
    }
    let file = pool.file(ctx.index);
    let has_options = elements(file)
        .iter()
        .any(|e| options_at(file, e).is_some_and(|o| !o.uninterpreted.is_empty()));
    if !has_options {
        return;
    }
    for &j in &ctx.missing_option_deps {
        let pos = file.loc.option_dependency.get(j).copied().flatten();
        let name = &file.option_dependency[j];
        diags.error(
            &ctx.display_name,
            pos,
            format!("Import \"{name}\" was not found or had errors."),
        );
    }
}

fn record_public(pool: &Pool, file: u32, into: &mut FxHashSet<u32>) {
    if !into.insert(file) {
        return;
    }
    let f = pool.file(file);
    for &p in &f.public_dependency {
        if let Some(name) = f.dependency.get(p as usize)
            && let Some(&d) = pool.file_index.get(name.as_str())
        {
            record_public(pool, d, into);
        }
    }
}

/// `Import x is unused.` for the imports of the file at `ctx.index` that neither linking nor
/// option interpretation used.
pub fn warn_unused(pool: &Pool, diags: &mut Diagnostics, ctx: &FileContext) {
    let file = pool.file(ctx.index);
    let mut unused: Vec<usize> = ctx.unused.values().copied().collect();
    unused.sort_unstable();
    let mut out = Vec::new();
    let n_deps = file.dependency.len();
    for i in unused {
        let (pos, name) = if i < n_deps {
            (file.loc.dependency.get(i), &file.dependency[i])
        } else {
            let j = i - n_deps;
            (
                file.loc.option_dependency.get(j),
                &file.option_dependency[j],
            )
        };
        let pos = pos.copied().flatten();
        out.push((pos, format!("Import {name} is unused.")));
    }
    for (pos, msg) in out {
        diags.warning(&ctx.display_name, pos, msg);
    }
}
