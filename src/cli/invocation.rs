//! The resolved invocation: what `run` needs, with protoc's derived values filled in
//! (generator parameters joined with their `_opt` values, compile options) and every flag
//! protoc-rs does not implement yet turned into an error instead of being ignored.

use super::generators;
use super::raw::{Mode, RawArgs};
use crate::compiler::CompileOptions;
use crate::compiler::check::input_rules::{self, Allowed, InputRules};
use crate::diagnostics::ErrorFormat;
use crate::generator::plugin::Plugin;
use crate::generator::python::target::{PythonTarget, Shape, Version, unsupported};
use crate::generator::registry::Registration;
use std::time::Duration;

/// One code generator to run, in command-line order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    /// The flag as given, `--python_out`; error messages are prefixed with it.
    pub flag: String,
    /// `None` for a plugin (`protoc-gen-NAME`).
    pub generator: Option<&'static Registration>,
    /// The plugin to run when `generator` is `None`.
    pub plugin: Option<Plugin>,
    /// `PARAMS` of `--X_out=PARAMS:DIR`, then the `--X_opt` values, joined with `,`.
    pub parameter: String,
    /// The directory, or a `.zip`/`.jar`/`.srcjar` archive.
    pub location: String,
}

/// `--encode=TYPE`, `--decode=TYPE` or `--decode_raw` (an empty type).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Codec {
    pub encode: bool,
    pub type_name: String,
    /// `--deterministic_output`: map entries sorted by key.
    pub deterministic: bool,
}

/// `--edition_defaults_out=FILE` with its bounds (edition names without `EDITION_`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditionDefaultsOut {
    pub path: String,
    pub minimum: Option<String>,
    pub maximum: Option<String>,
}

/// Everything a compile run needs.
#[derive(Clone, Debug)]
pub struct Invocation {
    /// `(virtual, disk)` pairs, in order; never empty (protoc defaults to `.`).
    pub proto_path: Vec<(String, String)>,
    /// Inputs as given on the command line.
    pub inputs: Vec<String>,
    /// `--descriptor_set_in` files, in order (the first naming a file wins).
    pub descriptor_set_in: Vec<String>,
    pub outputs: Vec<Output>,
    pub descriptor_set_out: Option<String>,
    /// `--dependency_out`: the make-style manifest of the outputs and their inputs.
    pub dependency_out: Option<String>,
    pub include_imports: bool,
    pub compile_options: CompileOptions,
    pub error_format: ErrorFormat,
    pub fatal_warnings: bool,
    /// For generators: allow output names with `..`.
    pub unsafe_allow_out_dir_escape: bool,
    /// `--check` (protoc-rs only): compare every output with the disk, write nothing.
    pub check: bool,
    /// `--python_target` resolved (grpcio-tools 1.85.1's shape without it).
    pub python: Shape,
    /// `--print_free_field_numbers`: print each input message's free numbers instead of
    /// generating anything.
    pub print_free_field_numbers: bool,
    /// `--enable_codegen_trace`: plugins run with `PROTOC_CODEGEN_TRACE=yes`.
    pub codegen_trace: bool,
    pub codec: Option<Codec>,
    pub edition_defaults: Option<EditionDefaultsOut>,
    /// No `-I` was given: `proto_path` is protoc's default `.` (for hints).
    pub default_proto_path: bool,
    /// protoc-rs's hint lines are printed (`cli::hints`). Set by the entry point, which knows
    /// where stderr goes; `resolve` leaves it off.
    pub hints: bool,
}

/// Resolves the raw arguments. The error is the line to print.
pub fn resolve(raw: RawArgs) -> Result<Invocation, String> {
    let outputs = raw
        .output_directives
        .iter()
        .map(|d| {
            let generator = d
                .generator
                .filter(|g| !generators::yields_to_plugin(g, &raw.plugins));
            let extra = match d.generator {
                Some(g) => raw.generator_parameters.get(g.flag).cloned(),
                None => {
                    let plugin = generators::plugin_name(&d.name);
                    raw.plugin_parameters
                        .iter()
                        .find(|(p, _)| *p == plugin)
                        .map(|(_, v)| v.clone())
                }
            };
            let mut parameter = d.parameter.clone();
            if let Some(extra) = extra.filter(|e| !e.is_empty()) {
                if !parameter.is_empty() {
                    parameter.push(',');
                }
                parameter.push_str(&extra);
            }
            let plugin = generator.is_none().then(|| {
                let name = generators::plugin_name(&d.name);
                Plugin {
                    path: raw.plugins.get(&name).cloned(),
                    prefix: raw
                        .plugin_prefixes
                        .iter()
                        .find(|(p, _)| *p == name)
                        .map(|(_, tokens)| tokens.clone()),
                    name,
                    timeout: raw.plugin_timeout.map(Duration::from_secs),
                    codegen_trace: raw.codegen_trace,
                }
            });
            Output {
                flag: d.name.clone(),
                generator,
                plugin,
                parameter,
                location: d.location.clone(),
            }
        })
        .collect::<Vec<Output>>();
    let python = match raw.python_target.as_deref() {
        None => Shape::for_release(raw.release),
        Some("auto") => {
            let grpc = outputs.iter().any(|o| o.flag == "--grpc_python_out");
            Shape::for_target(&detect_python_target(grpc)?)
        }
        Some(value) => Shape::for_target(&PythonTarget::parse(value)?),
    };
    Ok(Invocation {
        proto_path: raw.proto_path,
        inputs: raw.input_files,
        descriptor_set_in: raw.descriptor_set_in,
        outputs,
        descriptor_set_out: raw.descriptor_set_out,
        dependency_out: raw.dependency_out,
        include_imports: raw.include_imports,
        compile_options: CompileOptions {
            retain_options: raw.retain_options,
            include_source_info: raw.include_source_info,
            experimental_editions: raw.experimental_editions,
            release: raw.release,
            input_rules: InputRules {
                disallow_services: raw.disallow_services,
                direct_dependencies: allowed(
                    raw.direct_dependencies,
                    raw.direct_dependencies_violation_msg,
                    input_rules::DIRECT_VIOLATION,
                ),
                option_dependencies: allowed(
                    raw.option_dependencies,
                    raw.option_dependencies_violation_msg,
                    input_rules::OPTION_VIOLATION,
                ),
            },
            skip_extension_declarations: raw.mode != super::raw::Mode::Compile,
            source_info_under: None,
        },
        error_format: raw.error_format,
        fatal_warnings: raw.fatal_warnings,
        unsafe_allow_out_dir_escape: raw.unsafe_allow_out_dir_escape,
        check: raw.check,
        python,
        print_free_field_numbers: raw.mode == Mode::Print,
        codegen_trace: raw.codegen_trace,
        codec: raw.mode_flag.as_deref().and_then(|flag| {
            matches!(flag, "--encode" | "--decode" | "--decode_raw").then(|| Codec {
                encode: flag == "--encode",
                type_name: raw.codec_type.clone(),
                deterministic: raw.deterministic_output,
            })
        }),
        edition_defaults: raw.edition_defaults_out.map(|path| EditionDefaultsOut {
            path,
            minimum: raw.edition_defaults_minimum,
            maximum: raw.edition_defaults_maximum,
        }),
        default_proto_path: raw.default_proto_path,
        hints: false,
    })
}

/// A strict-dependency rule, when its flag was given (its message defaults to protoc's).
fn allowed(
    files: Option<Vec<String>>,
    violation: Option<String>,
    default: &str,
) -> Option<Allowed> {
    Some(Allowed {
        files: files?,
        violation: violation.unwrap_or_else(|| default.to_string()),
    })
}

/// `--python_target=auto`: the `protobuf` and `grpcio` installed for `$PYTHON` (or `python3`
/// on PATH). grpcio only matters with `--grpc_python_out`: without it a missing or unsupported
/// grpcio is ignored (the protobuf line's own grpcio is declared nowhere that is written).
fn detect_python_target(grpc: bool) -> Result<PythonTarget, String> {
    const SCRIPT: &str = "import importlib.metadata as m\n\
        for n in ('protobuf', 'grpcio'):\n\
        \x20   try:\n\
        \x20       print(n, m.version(n))\n\
        \x20   except m.PackageNotFoundError:\n\
        \x20       print(n, '-')\n";
    let python = std::env::var("PYTHON")
        .ok()
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| "python3".to_string());
    let out = std::process::Command::new(&python)
        .args(["-c", SCRIPT])
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| format!("--python_target=auto: cannot run {python}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "--python_target=auto: {python} failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let version = |name: &str| -> Option<&str> {
        text.lines()
            .filter_map(|l| l.split_once(' '))
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.trim())
            .filter(|v| *v != "-")
    };
    let parse = |name: &str, v: &str| {
        Version::parse(v).ok_or_else(|| {
            unsupported(&format!(
                "auto: {python} has {name} {v}, not a release X.Y.Z"
            ))
        })
    };
    let protobuf = version("protobuf")
        .ok_or_else(|| format!("--python_target=auto: protobuf is not installed for {python}"))?;
    let protobuf = parse("protobuf", protobuf)?;
    let grpcio = match version("grpcio") {
        Some(v) if grpc => Some(parse("grpcio", v)?),
        None if grpc => {
            return Err(format!(
                "--python_target=auto: --grpc_python_out needs grpcio, which is not installed \
                 for {python}"
            ));
        }
        _ => None,
    };
    PythonTarget::new(protobuf, grpcio).map_err(|e| {
        e.replacen(
            "--python_target:",
            &format!("--python_target=auto ({python}):"),
            1,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::console::Console;
    use crate::cli::raw::{Parsed, parse};

    fn resolve_args(args: &[&str]) -> Result<Invocation, String> {
        let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let mut con = Console {
            out: &mut out,
            err: &mut err,
        };
        match parse(&args, None, crate::release::Release::V35_1, &mut con) {
            Parsed::Run(raw) => resolve(*raw),
            Parsed::Help(_) => Err("help".to_string()),
            Parsed::Exit(code) => Err(format!("exit {code}: {}", String::from_utf8_lossy(&err))),
        }
    }

    #[test]
    fn parameters_join_out_params_then_opts() {
        let inv = resolve_args(&[
            "--python_opt=c",
            "--python_out=a,b:out:dir",
            "--python_opt=d",
            "--foo_out=plug",
            "--foo_opt=x",
            "--rust_out=r",
            "a.proto",
        ])
        .expect("resolves");
        let got: Vec<_> = inv
            .outputs
            .iter()
            .map(|o| {
                (
                    o.flag.as_str(),
                    o.generator.is_some(),
                    o.parameter.as_str(),
                    o.location.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("--python_out", true, "a,b,c,d", "out:dir"),
                ("--foo_out", false, "x", "plug"),
                ("--rust_out", true, "", "r"),
            ]
        );
        assert_eq!(inv.proto_path, [(String::new(), ".".to_string())]);
        assert_eq!(inv.inputs, ["a.proto"]);
    }

    #[test]
    fn options_pass_through() {
        let inv = resolve_args(&[
            "-I",
            "v=.",
            "-ox.pb",
            "--include_imports",
            "--retain_options",
            "--error_format=msvs",
            "--fatal_warnings",
            "a.proto",
        ])
        .expect("resolves");
        assert_eq!(inv.proto_path, [("v".to_string(), ".".to_string())]);
        assert_eq!(inv.descriptor_set_out.as_deref(), Some("x.pb"));
        assert!(inv.include_imports && inv.fatal_warnings);
        assert!(inv.compile_options.retain_options);
        assert_eq!(inv.error_format, ErrorFormat::Msvs);
    }

    #[test]
    fn python_target() {
        let inv = resolve_args(&["--python_out=o", "a.proto"]).expect("resolves");
        assert_eq!(inv.python, Shape::default());
        let inv = resolve_args(&[
            "--python_target=protobuf==6.30.0",
            "--python_out=o",
            "a.proto",
        ])
        .expect("resolves");
        assert_eq!(inv.python.protobuf_version.to_string(), "6.30.0");
        assert_eq!(inv.python.grpc_version.to_string(), "1.72.2");
        let err = resolve_args(&[
            "--python_target=protobuf==3.20.0",
            "--python_out=o",
            "a.proto",
        ])
        .expect_err("refused");
        assert!(err.starts_with("exit 1: --python_target: protobuf 3.20.0 is not supported. Supported: protobuf 4.25.x"), "{err}");
    }
}
