//! protoc's flag semantics (`ParseArguments`/`InterpretArgument`): every flag into a raw
//! struct that mirrors protoc's own state, with its errors, warnings and cross-flag checks in
//! protoc's order. Nothing here touches inputs beyond protoc's own existence checks on `-I`.

use std::collections::BTreeMap;
use std::fs;

use super::args::{self, Split};
use super::console::Console;
use super::generators;
use super::hints;
use super::notices;
use crate::diagnostics::ErrorFormat;
use crate::generator::python::target::PythonTarget;
use crate::generator::registry::Registration;
use crate::release::{self, Release};

/// NB: protoc prints its `argv[0]` in the empty-argument message; protoc-rs always says
/// `protoc`, which is what a user of the drop-in sees when it is installed under that name.
/// (The help's `Usage:` line follows the entry point: `help::Style`.)
pub const PROGRAM: &str = "protoc";

/// What protoc is asked to do.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    #[default]
    Compile,
    Encode,
    Decode,
    /// `--print_free_field_numbers`.
    Print,
}

/// One `--NAME_out=[PARAMS:]LOCATION`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputDirective {
    /// The flag, `--python_out`.
    pub name: String,
    /// `None` for a plugin.
    pub generator: Option<&'static Registration>,
    pub parameter: String,
    pub location: String,
}

/// The command line after protoc's grammar, before anything is resolved.
#[derive(Clone, Debug, Default)]
pub struct RawArgs {
    /// `(virtual, disk)` pairs in order.
    pub proto_path: Vec<(String, String)>,
    pub input_files: Vec<String>,
    pub output_directives: Vec<OutputDirective>,
    /// Joined `--NAME_opt` values per generator flag.
    pub generator_parameters: BTreeMap<&'static str, String>,
    /// Joined `--NAME_opt` values per plugin name (`protoc-gen-NAME`), in first-seen order.
    pub plugin_parameters: Vec<(String, String)>,
    /// protoc 36.2's `--NAME_prefix=COMMAND`: the command's tokens per plugin name.
    pub plugin_prefixes: Vec<(String, Vec<String>)>,
    /// `--plugin` values: name to path.
    pub plugins: BTreeMap<String, String>,
    pub descriptor_set_in: Vec<String>,
    pub descriptor_set_out: Option<String>,
    pub dependency_out: Option<String>,
    pub edition_defaults_out: Option<String>,
    pub edition_defaults_minimum: Option<String>,
    pub edition_defaults_maximum: Option<String>,
    pub direct_dependencies: Option<Vec<String>>,
    pub option_dependencies: Option<Vec<String>>,
    /// `--direct_dependencies_violation_msg` / `--option_dependencies_violation_msg`.
    pub direct_dependencies_violation_msg: Option<String>,
    pub option_dependencies_violation_msg: Option<String>,
    pub experimental_editions: bool,
    /// `--enable_codegen_trace`: protoc sets `PROTOC_CODEGEN_TRACE=yes` for its plugins
    /// (its Python generators print nothing more).
    pub codegen_trace: bool,
    pub include_imports: bool,
    pub include_source_info: bool,
    pub retain_options: bool,
    pub fatal_warnings: bool,
    pub disallow_services: bool,
    pub unsafe_allow_out_dir_escape: bool,
    /// `--check` (protoc-rs only).
    pub check: bool,
    pub deterministic_output: bool,
    pub mode: Mode,
    /// The flag that set the mode (`--encode`, `--decode`, `--decode_raw`,
    /// `--print_free_field_numbers`).
    pub mode_flag: Option<String>,
    pub codec_type: String,
    pub error_format: ErrorFormat,
    /// `--plugin_timeout` (protoc-rs only): seconds a plugin may run.
    pub plugin_timeout: Option<u64>,
    /// `--hints` (protoc-rs only), when given.
    pub hints: Option<hints::When>,
    /// No `-I` was given: `proto_path` is protoc's default `.`.
    pub default_proto_path: bool,
    /// `--python_target`: `auto` or a target checked by `PythonTarget::parse`.
    pub python_target: Option<String>,
    /// The protoc release matched (`--protoc_release`, `PROTOC_RS_RELEASE`, the entry point's
    /// default), resolved before any other flag so that `--version` and `--help` follow it.
    pub release: Release,
}

/// The outcome of parsing.
#[derive(Debug)]
pub enum Parsed {
    Run(Box<RawArgs>),
    /// Print the help of this release (in the entry point's style) and exit 0.
    Help(Release),
    /// Stop with this exit code (version, or an error already printed).
    Exit(i32),
}

enum Step {
    Continue,
    Help,
    Exit(i32),
}

/// Editions `--edition_defaults_minimum/maximum` accept (protoc's `Edition_Parse` on
/// `EDITION_<value>`).
const EDITIONS: &[&str] = &[
    "UNKNOWN",
    "LEGACY",
    "PROTO2",
    "PROTO3",
    "2023",
    "2024",
    "2026",
    "UNSTABLE",
    "1_TEST_ONLY",
    "2_TEST_ONLY",
    "99997_TEST_ONLY",
    "99998_TEST_ONLY",
    "99999_TEST_ONLY",
    "MAX",
];

/// protoc's `ParseArguments`. `env_release` is `PROTOC_RS_RELEASE`'s value, `default` the
/// entry point's release.
pub fn parse(
    argv: &[String],
    env_release: Option<&str>,
    default: Release,
    con: &mut Console,
) -> Parsed {
    let arguments = match args::expand_argfiles(argv) {
        Ok(a) => a,
        Err(file) => {
            con.err_line(&format!("Failed to open argument file: {file}"));
            return Parsed::Exit(1);
        }
    };
    let release = match select_release(&arguments, env_release, default) {
        Ok(r) => r,
        Err(line) => {
            con.err_line(&line);
            return Parsed::Exit(1);
        }
    };
    if arguments.is_empty() {
        return Parsed::Help(release);
    }

    let mut raw = RawArgs {
        release,
        ..RawArgs::default()
    };
    let mut i = 0;
    while i < arguments.len() {
        let Split {
            name,
            mut value,
            wants_next,
        } = args::split(&arguments[i]);
        if wants_next {
            // NB: protoc refuses a next argument starting with `-` but takes an empty one.
            match arguments.get(i + 1) {
                Some(next) if !next.starts_with('-') => {
                    value = next.clone();
                    i += 1;
                }
                _ => {
                    con.err_line(&format!("Missing value for flag: {name}"));
                    if name == "--decode" {
                        con.err_line("To decode an unknown message, use --decode_raw.");
                    }
                    return Parsed::Exit(1);
                }
            }
        }
        match raw.interpret(&name, &value, con) {
            Step::Continue => {}
            Step::Help => return Parsed::Help(raw.release),
            Step::Exit(code) => return Parsed::Exit(code),
        }
        i += 1;
    }

    match raw.check(con) {
        Step::Continue => Parsed::Run(Box::new(raw)),
        Step::Help => Parsed::Help(raw.release),
        Step::Exit(code) => Parsed::Exit(code),
    }
}

/// The release `--protoc_release` (anywhere on the expanded command line, at most once), else
/// the environment, else `default` selects. A flag without its value is left to the main
/// loop's "Missing value" error.
fn select_release(
    arguments: &[String],
    env_release: Option<&str>,
    default: Release,
) -> Result<Release, String> {
    let mut flag: Option<String> = None;
    let mut i = 0;
    while i < arguments.len() {
        let args::Split {
            name,
            mut value,
            wants_next,
        } = args::split(&arguments[i]);
        i += 1;
        if wants_next {
            match arguments.get(i) {
                Some(next) if !next.starts_with('-') => {
                    value = next.clone();
                    i += 1;
                }
                _ => continue,
            }
        }
        if name == release::FLAG {
            if flag.is_some() {
                return Err(format!("{} may only be passed once.", release::FLAG));
            }
            flag = Some(value);
        }
    }
    Release::select(flag.as_deref(), env_release, default)
}

impl RawArgs {
    /// protoc's `InterpretArgument`.
    fn interpret(&mut self, name: &str, value: &str, con: &mut Console) -> Step {
        let fail = |con: &mut Console, msg: String| {
            con.err_line(&msg);
            Step::Exit(1)
        };
        let once = |con: &mut Console| fail(con, format!("{name} may only be passed once."));
        let non_empty =
            |con: &mut Console| fail(con, format!("{name} requires a non-empty value."));

        match name {
            "" => {
                if value.is_empty() {
                    return fail(
                        con,
                        format!(
                            "You seem to have passed an empty string as one of the arguments \
                             to {PROGRAM}.  This is actually sort of hard to do.  Congrats.  \
                             Unfortunately it is not valid input so the program is going to \
                             die now."
                        ),
                    );
                }
                self.input_files.push(value.to_string());
            }
            "-I" | "--proto_path" => {
                // Java-classpath style: several directories separated by ':'.
                for part in value.split(':').filter(|p| !p.is_empty()) {
                    let (mut virt, mut disk) = match part.find('=') {
                        Some(eq) => (&part[..eq], &part[eq + 1..]),
                        None => ("", part),
                    };
                    if disk.is_empty() {
                        return fail(
                            con,
                            "--proto_path passed empty directory name.  (Use \".\" for \
                             current directory.)"
                                .to_string(),
                        );
                    }
                    if fs::metadata(disk).is_err() {
                        // NB: protoc retries the whole part, which may be a directory whose
                        // name contains '='.
                        if fs::metadata(part).is_ok() {
                            virt = "";
                            disk = part;
                        } else {
                            con.err_line(&format!("{disk}: warning: directory does not exist."));
                        }
                    }
                    self.proto_path.push((virt.to_string(), disk.to_string()));
                }
            }
            "--direct_dependencies" | "--option_dependencies" => {
                let (slot, what) = if name == "--direct_dependencies" {
                    (&mut self.direct_dependencies, "direct dependencies")
                } else {
                    (&mut self.option_dependencies, "option dependencies")
                };
                if slot.is_some() {
                    return fail(
                        con,
                        format!(
                            "{name} may only be passed once. To specify multiple {what}, pass \
                             them all as a single parameter separated by ':'."
                        ),
                    );
                }
                *slot = Some(
                    value
                        .split(':')
                        .filter(|p| !p.is_empty())
                        .map(str::to_string)
                        .collect(),
                );
            }
            "--direct_dependencies_violation_msg" => {
                self.direct_dependencies_violation_msg = Some(value.to_string());
            }
            "--option_dependencies_violation_msg" => {
                self.option_dependencies_violation_msg = Some(value.to_string());
            }
            "--descriptor_set_in" => {
                if !self.descriptor_set_in.is_empty() {
                    return fail(
                        con,
                        format!(
                            "{name} may only be passed once. To specify multiple descriptor \
                             sets, pass them all as a single parameter separated by ':'."
                        ),
                    );
                }
                if value.is_empty() {
                    return non_empty(con);
                }
                if self.dependency_out.is_some() {
                    return fail(con, format!("{name} cannot be used with --dependency_out."));
                }
                self.descriptor_set_in = value
                    .split(':')
                    .filter(|p| !p.is_empty())
                    .map(str::to_string)
                    .collect();
            }
            "-o" | "--descriptor_set_out" => {
                if self.descriptor_set_out.is_some() {
                    return once(con);
                }
                if value.is_empty() {
                    return non_empty(con);
                }
                if self.mode != Mode::Compile {
                    return fail(
                        con,
                        "Cannot use --encode or --decode and generate descriptors at the same \
                         time."
                            .to_string(),
                    );
                }
                self.descriptor_set_out = Some(value.to_string());
            }
            "--dependency_out" => {
                if self.dependency_out.is_some() {
                    return once(con);
                }
                if value.is_empty() {
                    return non_empty(con);
                }
                if !self.descriptor_set_in.is_empty() {
                    return fail(
                        con,
                        format!("{name} cannot be used with --descriptor_set_in."),
                    );
                }
                self.dependency_out = Some(value.to_string());
            }
            "--include_imports"
            | "--include_source_info"
            | "--retain_options"
            | "--fatal_warnings" => {
                let flag = match name {
                    "--include_imports" => &mut self.include_imports,
                    "--include_source_info" => &mut self.include_source_info,
                    "--retain_options" => &mut self.retain_options,
                    _ => &mut self.fatal_warnings,
                };
                if *flag {
                    return once(con);
                }
                *flag = true;
            }
            "-h" | "--help" => return Step::Help,
            "--version" => {
                con.out_str(&self.release.version_line());
                return Step::Exit(0);
            }
            "--disallow_services" => self.disallow_services = true,
            "--unsafe_allow_out_dir_escape" => self.unsafe_allow_out_dir_escape = true,
            // protoc-rs only: compare the outputs with the disk instead of writing them.
            "--check" => self.check = true,
            // NB: protoc no longer observes this flag but still accepts it.
            "--experimental_allow_proto3_optional" => {}
            "--encode" | "--decode" | "--decode_raw" => {
                if self.mode != Mode::Compile {
                    return fail(
                        con,
                        "Only one of --encode and --decode can be specified.".to_string(),
                    );
                }
                if !self.output_directives.is_empty() || self.descriptor_set_out.is_some() {
                    return fail(
                        con,
                        format!(
                            "Cannot use {name} and generate code or descriptors at the same \
                             time."
                        ),
                    );
                }
                self.mode = if name == "--encode" {
                    Mode::Encode
                } else {
                    Mode::Decode
                };
                if value.is_empty() && name != "--decode_raw" {
                    con.err_line(&format!("Type name for {name} cannot be blank."));
                    if name == "--decode" {
                        con.err_line("To decode an unknown message, use --decode_raw.");
                    }
                    return Step::Exit(1);
                } else if !value.is_empty() && name == "--decode_raw" {
                    return fail(con, "--decode_raw does not take a parameter.".to_string());
                }
                self.codec_type = value.to_string();
                self.mode_flag = Some(name.to_string());
            }
            // Checked with the other flags (`check`): only --encode takes it.
            "--deterministic_output" => self.deterministic_output = true,
            // protoc-rs adds `json` and `github`; an unknown value keeps protoc's message.
            "--error_format" => match ErrorFormat::parse(value) {
                Some(format) => self.error_format = format,
                None => return fail(con, format!("Unknown error format: {value}")),
            },
            // protoc-rs's own: the runtime the Python generators write for.
            "--python_target" => {
                if value != "auto"
                    && let Err(e) = PythonTarget::parse(value)
                {
                    return fail(con, e);
                }
                self.python_target = Some(value.to_string());
            }
            "--plugin" => {
                let (plugin_name, path) = match value.find('=') {
                    Some(eq) => (&value[..eq], &value[eq + 1..]),
                    None => (value.rsplit('/').next().unwrap_or(value), value),
                };
                self.plugins
                    .insert(plugin_name.to_string(), path.to_string());
            }
            // protoc-rs's own: hint lines after protoc's messages (`cli::hints`).
            hints::FLAG => match hints::When::parse(value) {
                Some(when) => self.hints = Some(when),
                None => return fail(con, hints::unknown_value(name, value)),
            },
            // protoc-rs's own: a deadline for each plugin run.
            "--plugin_timeout" => match value.parse::<u64>() {
                Ok(seconds) if seconds > 0 => self.plugin_timeout = Some(seconds),
                _ => {
                    return fail(
                        con,
                        format!("{name} needs a whole number of seconds above 0, not \"{value}\"."),
                    );
                }
            },
            "--print_free_field_numbers" => {
                if self.mode != Mode::Compile {
                    return fail(
                        con,
                        format!(
                            "Cannot use {name} and use --encode, --decode or print other info \
                             at the same time."
                        ),
                    );
                }
                if !self.output_directives.is_empty() || self.descriptor_set_out.is_some() {
                    return fail(
                        con,
                        format!(
                            "Cannot use {name} and generate code or descriptors at the same \
                             time."
                        ),
                    );
                }
                self.mode = Mode::Print;
                self.mode_flag = Some(name.to_string());
            }
            // NB: unlike the other switches, protoc gives this one a value (the next argument),
            // which it ignores.
            "--enable_codegen_trace" => self.codegen_trace = true,
            "--notices" => {
                // protoc prints its third-party notices and exits 0; protoc-rs prints those
                // of what its binary bundles.
                // The text ends in the newline protoc adds after its own.
                con.out_str(notices::TEXT);
                return Step::Exit(0);
            }
            "--experimental_editions" => self.experimental_editions = true,
            // Resolved before every other flag (`select_release`).
            release::FLAG => {}
            "--edition_defaults_out" => {
                if self.edition_defaults_out.is_some() {
                    return once(con);
                }
                if value.is_empty() {
                    return non_empty(con);
                }
                if self.mode != Mode::Compile {
                    return fail(
                        con,
                        "Cannot use --encode or --decode and generate defaults at the same time."
                            .to_string(),
                    );
                }
                self.edition_defaults_out = Some(value.to_string());
            }
            "--edition_defaults_minimum" | "--edition_defaults_maximum" => {
                let slot = if name == "--edition_defaults_minimum" {
                    &mut self.edition_defaults_minimum
                } else {
                    &mut self.edition_defaults_maximum
                };
                // NB: protoc's "unset" is EDITION_UNKNOWN, so `=UNKNOWN` may be repeated.
                if slot.as_deref().is_some_and(|v| v != "UNKNOWN") {
                    return once(con);
                }
                if !EDITIONS.contains(&value) {
                    return fail(con, format!("{name} unknown edition \"{value}\"."));
                }
                *slot = Some(value.to_string());
            }
            _ => return self.interpret_generator(name, value, con),
        }
        Step::Continue
    }

    /// Generator, generator-option and plugin flags; anything else is unknown.
    fn interpret_generator(&mut self, name: &str, value: &str, con: &mut Console) -> Step {
        let generator = generators::by_flag(name);
        if generator.is_none() && !name.ends_with("_out") {
            if let Some(g) = generators::by_option(name) {
                append_param(self.generator_parameters.entry(g.flag).or_default(), value);
            } else if name.starts_with("--") && name.ends_with("_opt") {
                let plugin = generators::plugin_name(name);
                match self
                    .plugin_parameters
                    .iter_mut()
                    .find(|(p, _)| *p == plugin)
                {
                    Some((_, params)) => append_param(params, value),
                    None => self.plugin_parameters.push((plugin, value.to_string())),
                }
            } else if self.release >= Release::V36_2
                && name.starts_with("--")
                && name.ends_with("_prefix")
            {
                return self.interpret_prefix(name, value, con);
            } else {
                con.err_line(&format!("Unknown flag: {name}"));
                return Step::Exit(1);
            }
            return Step::Continue;
        }
        if self.mode != Mode::Compile {
            con.err_line(
                "Cannot use --encode, --decode or print .proto info and generate code at the \
                 same time.",
            );
            return Step::Exit(1);
        }
        // Split at the first ':' so PARAMS can hold anything but a colon.
        let (parameter, location) = match value.find(':') {
            Some(c) => (&value[..c], &value[c + 1..]),
            None => ("", value),
        };
        self.output_directives.push(OutputDirective {
            name: name.to_string(),
            generator,
            parameter: parameter.to_string(),
            location: location.to_string(),
        });
        Step::Continue
    }

    /// protoc 36.2's `--NAME_prefix=COMMAND`: the plugin `protoc-gen-NAME` runs as `COMMAND
    /// PLUGIN`. The value is split on spaces and tabs; quotes are refused. A prefix for a
    /// built-in generator, or without its `--NAME_out`, is kept and never used, as protoc does.
    fn interpret_prefix(&mut self, name: &str, value: &str, con: &mut Console) -> Step {
        let plugin = generators::plugin_name(name);
        if self.plugin_prefixes.iter().any(|(p, _)| *p == plugin) {
            con.err_line(&format!("{name} may only be passed once."));
            return Step::Exit(1);
        }
        if value.contains(['"', '\'']) {
            con.err_line(&format!(
                "{name}: quotes are not supported in the value. Use a wrapper script for more \
                 complex invocations."
            ));
            return Step::Exit(1);
        }
        let tokens: Vec<String> = value
            .split([' ', '\t'])
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect();
        if tokens.is_empty() {
            con.err_line(&format!("{name} requires a non-empty value."));
            return Step::Exit(1);
        }
        self.plugin_prefixes.push((plugin, tokens));
        Step::Continue
    }

    /// The checks of `ParseArguments` that span several flags, in protoc's order.
    fn check(&mut self, con: &mut Console) -> Step {
        // Every plugin option needs its `--NAME_out` (or a `--plugin` of that name).
        let mut unknown_option = false;
        for (plugin, _) in &self.plugin_parameters {
            if self.plugins.contains_key(plugin) {
                continue;
            }
            let implicit = self
                .output_directives
                .iter()
                .any(|d| d.generator.is_none() && generators::plugin_name(&d.name) == *plugin);
            // NB: protoc lets `--cpp_opt` through alone: it feeds C++ plugins.
            if !implicit && plugin != "protoc-gen-cpp" {
                let stem = plugin.strip_prefix("protoc-gen-").unwrap_or(plugin);
                con.err_line(&format!("Unknown flag: --{stem}_opt"));
                unknown_option = true;
            }
        }
        if unknown_option {
            return Step::Exit(1);
        }

        // With neither -I nor --descriptor_set_in, the working directory is the path.
        if self.proto_path.is_empty() && self.descriptor_set_in.is_empty() {
            self.proto_path.push((String::new(), ".".to_string()));
            self.default_proto_path = true;
        }

        let missing_inputs = match self.mode {
            Mode::Compile => self.input_files.is_empty(),
            Mode::Decode if self.codec_type.is_empty() => {
                if !self.input_files.is_empty() || !self.descriptor_set_in.is_empty() {
                    con.err_line("When using --decode_raw, no input files should be given.");
                    return Step::Exit(1);
                }
                false
            }
            Mode::Decode | Mode::Encode | Mode::Print => {
                self.input_files.is_empty() && self.descriptor_set_in.is_empty()
            }
        };
        if missing_inputs {
            con.err_line("Missing input file.");
            return Step::Exit(1);
        }
        if self.mode == Mode::Compile
            && self.output_directives.is_empty()
            && self.descriptor_set_out.is_none()
            && self.edition_defaults_out.is_none()
        {
            con.err_line("Missing output directives.");
            return Step::Exit(1);
        }
        if self.mode != Mode::Compile && self.check {
            con.err_line("Can only use --check when generating code or descriptors.");
            return Step::Exit(1);
        }
        if self.mode != Mode::Compile && self.dependency_out.is_some() {
            con.err_line("Can only use --dependency_out=FILE when generating code.");
            return Step::Exit(1);
        }
        if self.mode != Mode::Encode && self.deterministic_output {
            con.err_line("Can only use --deterministic_output with --encode.");
            return Step::Exit(1);
        }
        // NB: protoc refuses several inputs with --dependency_out ("Can only process one input
        // file when using --dependency_out=FILE."); protoc-rs writes one rule for all of them,
        // as a Rust package compiles all its files in one call (a listed difference).
        // These three only warn.
        for (set, flag) in [
            (self.include_imports, "--include_imports"),
            (self.include_source_info, "--include_source_info"),
            (self.retain_options, "--retain_options"),
        ] {
            if set && self.descriptor_set_out.is_none() {
                con.err_line(&format!(
                    "{flag} only makes sense when combined with --descriptor_set_out."
                ));
            }
        }
        Step::Continue
    }
}

fn append_param(params: &mut String, value: &str) {
    if !params.is_empty() {
        params.push(',');
    }
    params.push_str(value);
}
