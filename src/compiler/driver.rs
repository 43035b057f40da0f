//! The build driver, and the only place that knows the order of the stages. It loads files
//! depth-first through the source tree, parses them (`syntax`), and builds each one into the
//! pool in protoc's order (descriptor.cc `BuildFile`/`BuildFileImpl`, importer.cc): imports
//! and symbols (`link::imports`, `link::symbols`), the structure checks before linking
//! (`check::before_link`), cross-linking (`link::cross_link`), the number checks after it
//! (`check::after_link`), option interpretation (`options::interpret`), the checks after
//! options (`check::after_options`), unused-import warnings, strict visibility and feature
//! lifetimes. A file with errors is rolled back out of the pool, so importers see "not found
//! or had errors"; a built file's source info is frozen into its encoded form, which is all
//! the later readers need (by the parse helpers when there are any: `prefetch`). Once every
//! input is built, the command line's own checks run (`check::after_all_files`).

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::OnceLock;

use super::build_order;
use super::builtin;
use super::check::input_rules::{self, InputRules};
use super::check::{
    after_all_files, after_link, after_options, before_link, feature_lifetimes, proto_limits,
};
use super::context::{BuiltinPool, FileContext};
use super::link::{cross_link, imports, symbols, visibility};
use super::options::interpret;
use super::pool::Pool;
use super::prefetch::{self, Loaded, Locations, Prefetch};
use super::source::{OpenError, SourceTree};
use crate::descriptor::decode;
use crate::descriptor::model::*;
use crate::descriptor::wire::{Reader, Record, WireValue};
use crate::diagnostics::Diagnostics;
use crate::release::Release;

/// What a compilation produces: every file built, in build order (dependencies first).
#[derive(Default)]
pub struct Compilation {
    pub pool: Pool,
}

/// Options of a compilation that change what is built.
#[derive(Clone, Debug, Default)]
pub struct CompileOptions {
    /// `--retain_options`: keep source-retention options and protoc's interpretation order.
    pub retain_options: bool,
    /// `--include_source_info`.
    pub include_source_info: bool,
    /// With `include_source_info`: `Some(fields)` keeps only the locations under those
    /// top-level `FileDescriptorProto` fields (what the run's generators read), dropped as
    /// each file is parsed so the others are never held for the whole compilation.
    pub source_info_under: Option<Vec<i32>>,
    /// `--experimental_editions`: edition UNSTABLE allowed in any file.
    pub experimental_editions: bool,
    /// The protoc release matched: the maximum edition, the compiled-in descriptor.proto,
    /// the release's own checks.
    pub release: Release,
    /// The command line's rules on each input (`--disallow_services`, strict dependencies).
    pub input_rules: InputRules,
    /// NB: protoc enforces extension declarations only when compiling, not for `--encode`,
    /// `--decode` or `--print_free_field_numbers` (`EnforceExtensionDeclarations`).
    pub skip_extension_declarations: bool,
}

/// Builds `inputs` (virtual names, command-line order) and everything they import. Returns
/// `None` when any error was reported to `diags` (warnings alone still return the files).
pub fn compile(
    tree: &dyn SourceTree,
    inputs: &[String],
    options: &CompileOptions,
    diags: &mut Diagnostics,
) -> Option<Compilation> {
    compile_on(
        tree,
        inputs,
        options,
        diags,
        crate::parallel::thread_count(),
    )
}

/// [`compile`] on up to `threads` threads.
pub(crate) fn compile_on(
    tree: &dyn SourceTree,
    inputs: &[String],
    options: &CompileOptions,
    diags: &mut Diagnostics,
    threads: usize,
) -> Option<Compilation> {
    // NB: a single input is compiled without helpers: most such runs are small, and a thread
    // costs more than it saves there.
    if threads > 1 && inputs.len() > 1 {
        let mark = diags.mark();
        for later in [Some(threads), None] {
            let ahead = Prefetch::new(tree, inputs, locations(options), options.release);
            let compiled = ahead.run(threads, || {
                compile_with(tree, inputs, options, diags, Some(&ahead), later)
            });
            match compiled {
                Ok(mut compiled) => {
                    if let Some(compilation) = &mut compiled {
                        ahead.install(&mut compilation.pool);
                    }
                    return compiled;
                }
                // A check run after the build found an error: the build it would have
                // stopped or changed is done again with every check in its place.
                Err(Recheck) => diags.rewind(mark),
            }
        }
    }
    compile_with(tree, inputs, options, diags, None, None).unwrap_or(None)
}

/// A check left for after the build found an error (see [`Later`]): the compilation must be
/// done again with the checks in their places.
struct Recheck;

/// The checks that only read a built file and the files it imports (`check::after_options`,
/// naming style, feature lifetimes). Nothing built later changes what they read, so with
/// helpers they run after the build on every core instead of on the driver's thread, a fifth
/// of its work: their warnings are put back where the build would have reported them. An
/// error among them means the build should have stopped or rolled a file back, so the
/// compilation is done again with the checks in their places ([`Recheck`]).
struct Later {
    check: LaterCheck,
    /// The file checked (as in its `FileContext`; its display name is the builder's).
    index: u32,
    is_input: bool,
    enforce_extension_declarations: bool,
    /// Where in the diagnostics the check would have reported.
    at: usize,
}

#[derive(Clone, Copy)]
enum LaterCheck {
    AfterOptions,
    NamingStyle,
    /// With whether the pool then had its own descriptor.proto.
    FeatureLifetimes {
        own_schema: bool,
    },
}

impl Later {
    fn new(check: LaterCheck, ctx: &FileContext, at: usize) -> Self {
        Later {
            check,
            index: ctx.index,
            is_input: ctx.is_input,
            enforce_extension_declarations: ctx.enforce_extension_declarations,
            at,
        }
    }

    /// Runs the check on the finished pool.
    fn run(&self, pool: &Pool, display: &str, builtin: BuiltinPool) -> Diagnostics {
        let mut ctx = FileContext::new(self.index, display, self.is_input, false, builtin);
        ctx.enforce_extension_declarations = self.enforce_extension_declarations;
        let mut diags = Diagnostics::default();
        match self.check {
            LaterCheck::AfterOptions => after_options::run(pool, &mut diags, &ctx),
            LaterCheck::NamingStyle => after_options::naming_style(pool, &mut diags, &ctx),
            LaterCheck::FeatureLifetimes { own_schema } => {
                feature_lifetimes::run_with_schema(pool, &mut diags, &ctx, own_schema)
            }
        }
        diags
    }
}

/// The source locations every parse records. Only those the run's generators read are
/// (`source_info_under`): option interpretation and retention stripping rewrite or drop
/// locations only within an element's subtree, so leaving whole subtrees out changes nothing
/// in the ones kept.
fn locations(options: &CompileOptions) -> Locations {
    Locations::new(
        options.include_source_info,
        options.source_info_under.as_deref(),
    )
}

/// Compiles on this thread, with `prefetch`'s helpers parsing ahead if any, and with the
/// [`Later`] checks run after the build on up to `later` threads if `Some`.
fn compile_with(
    tree: &dyn SourceTree,
    inputs: &[String],
    options: &CompileOptions,
    diags: &mut Diagnostics,
    prefetch: Option<&Prefetch>,
    later: Option<usize>,
) -> Result<Option<Compilation>, Recheck> {
    let mut b = Builder::new(tree, diags, options.clone(), inputs);
    b.prefetch = prefetch;
    b.later = later.map(|_| Vec::new());
    let built = build_inputs(&mut b, inputs, options);
    if let Some(threads) = later
        && !b.run_later(threads)
    {
        return Err(Recheck);
    }
    if !built || b.diags.has_errors() {
        return Ok(None);
    }
    let display = |name: &str| {
        b.display
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.to_string())
    };
    let experimental = options.experimental_editions;
    if !after_all_files::run(
        &b.pool,
        b.diags,
        inputs,
        &display,
        builtin_pool_of(options.release),
        experimental,
    ) {
        return Ok(None);
    }
    Ok(Some(Compilation { pool: b.pool }))
}

/// Builds every input in order; `false` at the first that fails.
fn build_inputs(b: &mut Builder, inputs: &[String], options: &CompileOptions) -> bool {
    // NB: protoc stops at the first input that fails.
    for input in inputs {
        let built = b.build(input);
        let valid = b.validate_deferred();
        if built.is_none()
            || !valid
            || !input_rules::run(&options.input_rules, &b.pool, b.diags, input)
        {
            return false;
        }
    }
    true
}

/// protoc's compiled-in pool (descriptor.proto, cpp_features.proto, java_features.proto),
/// built on first use from `builtin`'s files, each its own schema. The stages get this
/// function through `FileContext::builtin`.
pub fn builtin_pool_of(release: Release) -> BuiltinPool {
    match release {
        Release::V35_1 => || builtin_pool_for(Release::V35_1),
        Release::V36_2 => || builtin_pool_for(Release::V36_2),
    }
}

fn builtin_pool_for(release: Release) -> &'static Pool {
    static POOLS: [OnceLock<Pool>; Release::ALL.len()] =
        [const { OnceLock::new() }; Release::ALL.len()];
    let slot = Release::ALL.iter().position(|r| *r == release).unwrap_or(0);
    POOLS[slot].get_or_init(|| {
        builtin_pool_prebuilt(release).unwrap_or_else(|| builtin_pool_from_sources(release))
    })
}

/// The built-in pool from `builtin::prebuilt`: its files decoded and their symbols registered,
/// nothing parsed, linked or checked (the bytes are the encoding of
/// [`builtin_pool_from_sources`]'s files, which a test keeps true). Parsing and building
/// descriptor.proto took six times the instructions of the rest of a one-small-file run,
/// and nearly every file has an option that needs this pool. `None` if the bytes do not decode.
pub(crate) fn builtin_pool_prebuilt(release: Release) -> Option<Pool> {
    let mut pool = Pool {
        release,
        ..Pool::default()
    };
    let mut files = Vec::with_capacity(builtin::NAMES.len());
    for record in Reader::new(builtin::prebuilt(release)) {
        let Ok(Record {
            field: 1,
            value: WireValue::Len(bytes),
            ..
        }) = record
        else {
            return None;
        };
        files.push(decode::file(bytes).ok()?);
    }
    // Sized once: a table grown while the files register is copied at each doubling.
    let elements: usize = files.iter().map(element_count).sum();
    pool.symbols.reserve(elements + files.len());
    let mut diags = Diagnostics::default();
    for file in files {
        let index = pool.files.len() as u32;
        let ctx = FileContext::new(index, &file.name, false, true, builtin_pool_of(release));
        symbols::register_package(&mut pool, &mut diags, &ctx, &file);
        symbols::register_elements_keyed(&mut pool, &ctx, &file);
        pool.file_index.insert(file.name.clone(), index);
        pool.files.push(file);
        symbols::register_extensions(&mut pool, &ctx);
    }
    (diags.error_count == 0 && pool.files.len() == builtin::NAMES.len()).then_some(pool)
}

/// How many named elements `file` defines (each a symbol, as are the package's parts).
fn element_count(file: &FileDescriptorProto) -> usize {
    fn message(m: &DescriptorProto) -> usize {
        1 + m.field.len()
            + m.extension.len()
            + m.oneof_decl.len()
            + m.enum_type.iter().map(|e| 1 + e.value.len()).sum::<usize>()
            + m.nested_type.iter().map(message).sum::<usize>()
    }
    file.message_type.iter().map(message).sum::<usize>()
        + file
            .enum_type
            .iter()
            .map(|e| 1 + e.value.len())
            .sum::<usize>()
        + file
            .service
            .iter()
            .map(|s| 1 + s.method.len())
            .sum::<usize>()
        + file.extension.len()
}

/// The built-in pool built by our own front end from `builtin`'s sources, each file its own
/// schema: what `builtin::prebuilt` encodes.
pub(crate) fn builtin_pool_from_sources(release: Release) -> Pool {
    let mut diags = Diagnostics::default();
    let options = CompileOptions {
        release,
        ..CompileOptions::default()
    };
    let tree = builtin::Embedded(release);
    let mut b = Builder::new(&tree, &mut diags, options, &[]);
    b.bootstrap = true;
    for n in &builtin::names() {
        b.build(n);
        b.validate_deferred();
    }
    b.pool
}

struct Builder<'a> {
    tree: &'a dyn SourceTree,
    pool: Pool,
    diags: &'a mut Diagnostics,
    options: CompileOptions,
    pending: Vec<String>,
    bad: FxHashSet<String>,
    inputs: FxHashSet<String>,
    /// Display names of files by virtual name (for diagnostics about already-built files).
    display: FxHashMap<String, String>,
    /// Building protoc's built-in descriptor.proto itself: it is its own schema.
    bootstrap: bool,
    /// Files built since the last top-level file, waiting for their feature-lifetime checks.
    deferred: Vec<FileContext>,
    /// Descriptor-set files whose `syntax` protoc does not know, with that syntax.
    unrecognized_syntax: FxHashMap<String, String>,
    /// Helpers parsing ahead, if any.
    prefetch: Option<&'a Prefetch<'a>>,
    /// The checks left for after the build, when they are ([`Later`]).
    later: Option<Vec<Later>>,
    /// A file with checks left for later was rolled back: they can no longer run as they
    /// would have.
    later_lost: bool,
    /// The findings of the first checks left for later, run while the driver waited for a
    /// helper's parse.
    later_found: Vec<Diagnostics>,
}

impl<'a> Builder<'a> {
    fn new(
        tree: &'a dyn SourceTree,
        diags: &'a mut Diagnostics,
        options: CompileOptions,
        inputs: &[String],
    ) -> Self {
        Builder {
            tree,
            pool: Pool {
                release: options.release,
                // Sized up front from the inputs: growing by doubling rehashed every name at
                // each step (about 5% of the driver's time on googleapis, 340,000 symbols).
                symbols: FxHashMap::with_capacity_and_hasher(
                    inputs.len().saturating_mul(SYMBOLS_PER_INPUT),
                    Default::default(),
                ),
                file_index: FxHashMap::with_capacity_and_hasher(inputs.len(), Default::default()),
                ..Pool::default()
            },
            diags,
            options,
            pending: Vec::new(),
            bad: FxHashSet::default(),
            inputs: inputs.iter().cloned().collect(),
            display: FxHashMap::default(),
            bootstrap: false,
            deferred: Vec::new(),
            unrecognized_syntax: FxHashMap::default(),
            prefetch: None,
            later: None,
            later_lost: false,
            later_found: Vec::new(),
        }
    }

    /// Builds `name` and its imports; `None` if it could not be found or had errors.
    fn build(&mut self, name: &str) -> Option<u32> {
        if let Some(&i) = self.pool.file_index.get(name) {
            return Some(i);
        }
        if self.bad.contains(name) {
            return None;
        }
        // Opened and parsed together (a helper may have done it already): the parse's
        // diagnostics come where protoc reports them, since a failed open has none.
        let Loaded {
            opened,
            file,
            symbols,
        } = match self.prefetch.and_then(|p| {
            // Rather than wait for a helper still parsing it (a large file, or helpers
            // behind), take work off the helpers (source locations to encode), else do checks
            // left for later.
            while p.is_being_parsed(name) && (p.freeze_one() || self.run_one_later()) {}
            p.take(name)
        }) {
            Some((loaded, diags)) => {
                self.diags.append(diags);
                loaded
            }
            None => prefetch::load(
                self.tree,
                name,
                &locations(&self.options),
                self.options.release,
                self.diags,
            ),
        };
        if opened.is_err()
            && let Some(decoded) = self.tree.descriptor(name)
        {
            // A file of a descriptor set: built as it is, never parsed; protoc names it by
            // its virtual name in diagnostics.
            self.display.insert(name.to_string(), name.to_string());
            if let Some(syntax) = decoded.unrecognized_syntax {
                self.unrecognized_syntax.insert(name.to_string(), syntax);
            }
            let result = self.build_parsed(decoded.file, name, None);
            if result.is_none() {
                self.bad.insert(name.to_string());
            }
            return result;
        }
        let display = match opened {
            Ok(display) => display,
            Err(OpenError::NotFound) => {
                self.diags.error(name, None, "File not found.");
                self.bad.insert(name.to_string());
                return None;
            }
            Err(OpenError::Unreadable(msg)) => {
                self.diags.error(name, None, msg);
                self.bad.insert(name.to_string());
                return None;
            }
        };
        self.display.insert(name.to_string(), display.clone());
        let Some(file) = file else {
            self.bad.insert(name.to_string());
            return None;
        };
        let result = self.build_parsed(file, &display, symbols);
        if result.is_none() {
            self.bad.insert(name.to_string());
        }
        result
    }

    /// Builds parsed `file`, its element symbols `planned` ahead if they were.
    fn build_parsed(
        &mut self,
        file: FileDescriptorProto,
        display: &str,
        planned: Option<symbols::Planned>,
    ) -> Option<u32> {
        // NB: protoc loads every import (depth-first) before building the file, keeping the
        // chain of files being loaded to detect cycles.
        if let Some(from) = self.pending.iter().position(|p| *p == file.name) {
            let mut msg = String::from("File recursively imports itself: ");
            for p in &self.pending[from..] {
                msg.push_str(p);
                msg.push_str(" -> ");
            }
            msg.push_str(&file.name);
            let target = self
                .pending
                .get(from + 1)
                .cloned()
                .unwrap_or_else(|| file.name.clone());
            let pos = import_pos(&file, &target);
            self.diags.error(display, pos, msg);
            return None;
        }
        // NB: protoc rejects over-long packages before loading any import (descriptor.cc
        // BuildFile).
        let package = file.package.as_deref().unwrap_or("");
        if package.len() > MAX_PACKAGE_LEN {
            self.diags
                .error(display, file.loc.package, "Package name is too long");
            return None;
        }
        self.pending.push(file.name.clone());
        let deps: Vec<String> = file
            .dependency
            .iter()
            .chain(file.option_dependency.iter())
            .cloned()
            .collect();
        for d in &deps {
            if !self.pool.file_index.contains_key(d.as_str()) {
                self.build(d);
            }
        }
        self.pending.pop();
        // The same file may have been built while loading a cycle.
        if let Some(&i) = self.pool.file_index.get(&file.name) {
            return Some(i);
        }
        let errors_before = self.diags.error_count;
        if let Some(syntax) = self.unrecognized_syntax.get(&file.name) {
            self.diags
                .error(display, None, format!("Unrecognized syntax: {syntax}"));
        }
        // FeatureResolver::Create: the edition must lie within protoc's supported range.
        if let Syntax::Editions(e) = file.syntax {
            if e < edition::PROTO2 {
                self.diags.error(
                    display,
                    file.loc.syntax,
                    format!(
                        "Edition {} is earlier than the minimum supported edition PROTO2",
                        edition_name(e)
                    ),
                );
            } else if e > self.options.release.maximum_edition() && e != edition::UNSTABLE {
                self.diags.error(
                    display,
                    file.loc.syntax,
                    format!(
                        "Edition {} is later than the maximum supported edition {}",
                        edition_name(e),
                        edition_name(self.options.release.maximum_edition())
                    ),
                );
            }
        }
        // NB: protoc: at most 100 dots in a package (descriptor.cc kPackageLimit), checked before
        // the imports are resolved.
        if package.bytes().filter(|&c| c == b'.').count() > MAX_PACKAGE_DOTS {
            self.diags
                .error(display, file.loc.package, "Exceeds Maximum Package Depth");
            return None;
        }
        let index = self.pool.files.len() as u32;
        let is_input = self.inputs.contains(&file.name);
        let builtin = builtin_pool_of(self.options.release);
        let mut ctx = FileContext::new(index, display, is_input, self.bootstrap, builtin);
        ctx.enforce_extension_declarations = !self.options.skip_extension_declarations;
        let (pool, diags) = (&mut self.pool, &mut *self.diags);
        // NB: protoc adds the package before it resolves the imports, so a package conflict
        // is reported before a missing import.
        symbols::register_package(pool, diags, &ctx, &file);
        if !imports::run(pool, diags, &mut ctx, &file) {
            // NB: protoc finds the half-built file itself and returns silently (descriptor.cc
            // BuildFileImpl `dependency == result`); the recursion error is already printed.
            symbols::unregister_package(pool, index, &file);
            return None;
        }
        let planned = planned.or_else(|| symbols::plan(&file));
        let symbol_errors = symbols::register_planned(pool, &ctx, &file, planned);
        pool.file_index.insert(file.name.clone(), index);
        pool.files.push(file);
        // BuildMessage/BuildEnum's own checks (numbers, ranges, reserved) run before linking;
        // protoc finds them in the same walk as the symbols, so the two lists are merged.
        let (hints, check_errors) = before_link::run_keyed(pool, &ctx);
        build_order::report(diags, display, vec![symbol_errors, check_errors]);
        // NB: protoc cross-links even when imports are missing ("not defined" errors follow).
        cross_link::run(pool, diags, &mut ctx);
        after_link::run(pool, diags, &ctx, hints);
        imports::report_missing_option_deps(pool, diags, &ctx);
        if diags.error_count == errors_before {
            symbols::register_extensions(pool, &ctx);
            interpret::run(pool, diags, &mut ctx);
        }
        if diags.error_count == errors_before {
            match &mut self.later {
                Some(later) => later.push(Later::new(
                    LaterCheck::AfterOptions,
                    &ctx,
                    diags.items.len(),
                )),
                None => after_options::run(pool, diags, &ctx),
            }
        }
        if diags.error_count != errors_before {
            after_options::detect_map_conflicts(pool, diags, &ctx);
        }
        if diags.error_count == errors_before {
            if ctx.is_input {
                imports::warn_unused(pool, diags, &ctx);
            }
            // NB: protoc checks naming style after the unused-import warnings.
            match &mut self.later {
                Some(later) => {
                    later.push(Later::new(LaterCheck::NamingStyle, &ctx, diags.items.len()))
                }
                None => after_options::naming_style(pool, diags, &ctx),
            }
        }
        if diags.error_count == errors_before {
            proto_limits::run(pool, diags, &ctx);
        }
        if diags.error_count == errors_before {
            visibility::check_strict(pool, diags, &ctx);
        }
        if diags.error_count == errors_before {
            // NB: protoc defers `ValidateFeatureLifetimes` to the end of the top-level file's
            // build (descriptor.cc `DeferredValidation`): a file failing it stays in the pool,
            // importers see it, and its errors come after theirs.
            self.deferred.push(ctx);
            // Built: nothing rewrites its source locations any more, so the pool keeps them
            // encoded (a fifth of the memory; the bulk of a run with source info), encoded by
            // a helper when there is one.
            let file = self.pool.files.get_mut(index as usize);
            if let Some(file) = file
                && let Some(info) = file.source_code_info.as_mut()
            {
                match (self.prefetch, info) {
                    (Some(ahead), SourceCodeInfo::Locations(locations)) => {
                        ahead.freeze_later(index, &file.name, std::mem::take(locations));
                    }
                    (_, info) => info.freeze(),
                }
            }
            return Some(index);
        }
        self.rollback(index);
        None
    }

    /// The feature-lifetime checks of every file built since the last call, in build order
    /// (dependencies first). `false` when any of them reported an error.
    fn validate_deferred(&mut self) -> bool {
        let errors_before = self.diags.error_count;
        for ctx in std::mem::take(&mut self.deferred) {
            match &mut self.later {
                Some(later) => {
                    let own_schema = feature_lifetimes::has_own_schema(&self.pool);
                    let check = LaterCheck::FeatureLifetimes { own_schema };
                    later.push(Later::new(check, &ctx, self.diags.items.len()));
                }
                None => feature_lifetimes::run(&self.pool, self.diags, &ctx),
            }
        }
        self.diags.error_count == errors_before
    }

    /// Runs the checks left for later on up to `threads` threads and puts their warnings
    /// where the build would have reported them. `false` when any found an error (or could
    /// not run): the compilation must be done again with the checks in their places.
    fn run_later(&mut self, threads: usize) -> bool {
        let later = self.later.take().unwrap_or_default();
        let early = std::mem::take(&mut self.later_found);
        if self.later_lost || early.iter().any(Diagnostics::has_errors) {
            return false;
        }
        let builtin = builtin_pool_of(self.options.release);
        let (pool, display) = (&self.pool, &self.display);
        let rest = crate::parallel::map_in_order(&later[early.len()..], threads, |l| {
            l.run(pool, Self::display_of(display, pool, l.index), builtin)
        });
        let found: Vec<Diagnostics> = early.into_iter().chain(rest).collect();
        if found.iter().any(Diagnostics::has_errors) {
            return false;
        }
        let at = later.iter().map(|l| l.at);
        self.diags
            .splice_warnings(at.zip(found.into_iter().map(|d| d.items)));
        true
    }

    /// Runs the next check left for later now (a built file's checks read nothing a later
    /// file changes). `false` when none is waiting, or one has found an error.
    fn run_one_later(&mut self) -> bool {
        let Some(later) = &self.later else {
            return false;
        };
        let Some(l) = later.get(self.later_found.len()) else {
            return false;
        };
        if self.later_found.last().is_some_and(Diagnostics::has_errors) {
            return false;
        }
        let builtin = builtin_pool_of(self.options.release);
        let display = Self::display_of(&self.display, &self.pool, l.index);
        let found = l.run(&self.pool, display, builtin);
        self.later_found.push(found);
        true
    }

    /// How diagnostics name the built file at `index`.
    fn display_of<'d>(
        display: &'d FxHashMap<String, String>,
        pool: &'d Pool,
        index: u32,
    ) -> &'d str {
        let name = &pool.file(index).name;
        display.get(name).unwrap_or(name)
    }

    /// Takes the file at `index` (the last built) back out of the pool.
    fn rollback(&mut self, index: u32) {
        if let Some(later) = &self.later
            && later.iter().rev().any(|l| l.index == index)
        {
            self.later_lost = true;
        }
        for list in self.pool.extensions.values_mut() {
            list.retain(|(_, f, _)| *f != index);
        }
        if (index as usize) < self.pool.files.len() {
            for file in self.pool.files.split_off(index as usize) {
                symbols::unregister(&mut self.pool, index, &file);
                self.pool.file_index.remove(&file.name);
            }
        }
    }
}

fn import_pos(file: &FileDescriptorProto, target: &str) -> MaybePos {
    file.dependency
        .iter()
        .rposition(|d| d == target)
        .and_then(|i| file.loc.dependency.get(i).copied().flatten())
}

/// Symbols the table is sized for per input before the build: googleapis has about 42 (its
/// 8,016 inputs with their imports define 340,000), so 32 sizes its table for the whole build
/// (a table's size is a power of two) while a project with fewer, smaller files reserves
/// little. More symbols simply grow the table as before.
const SYMBOLS_PER_INPUT: usize = 32;

/// Longest package name protoc accepts (descriptor.h NameLimits::kPackageName).
const MAX_PACKAGE_LEN: usize = 511;

/// Most dots protoc accepts in a package name (descriptor.cc kPackageLimit).
const MAX_PACKAGE_DOTS: usize = 100;

#[cfg(test)]
#[path = "driver_tests.rs"]
mod tests;
