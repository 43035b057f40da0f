//! `--python_target=protobuf==X.Y.Z[,grpcio==A.B.C]`: which runtime the Python back ends write
//! for. A target resolves to a [`Shape`], the handful of flags and version strings in which the
//! grpcio-tools releases' outputs differ (measured on the googleapis corpus and the fixtures,
//! see README "Runtime versions"); `pb2`, `pyi` and `grpc` read the shape and never compare
//! versions themselves. Without the flag the shape is grpcio-tools 1.85.1's (protobuf 7.35.1).
//!
//! Nothing here imports the rest of the generator: the CLI parses targets, `Setup` carries the
//! shape to the generators.

use std::fmt;

/// A `major.minor.patch` version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version {
    pub major: u32,
    pub minor: u32,
    pub patch: u32,
}

impl Version {
    pub const fn new(major: u32, minor: u32, patch: u32) -> Version {
        Version {
            major,
            minor,
            patch,
        }
    }

    /// `X.Y.Z` exactly (as pip writes a released version).
    pub fn parse(text: &str) -> Option<Version> {
        let mut parts = text.split('.');
        let mut next = || -> Option<u32> {
            let p = parts.next()?;
            if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) || p.len() > 9 {
                return None;
            }
            p.parse().ok()
        };
        let v = Version::new(next()?, next()?, next()?);
        parts.next().is_none().then_some(v)
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// The grpcio-tools releases whose outputs protoc-rs reproduces: (grpcio-tools = grpcio,
/// bundled protobuf).
pub const RELEASES: &[(Version, Version)] = &[
    (Version::new(1, 62, 3), Version::new(4, 25, 1)),
    (Version::new(1, 66, 2), Version::new(5, 27, 2)),
    (Version::new(1, 71, 0), Version::new(5, 29, 0)),
    (Version::new(1, 74, 0), Version::new(6, 31, 1)),
    (Version::new(1, 85, 1), Version::new(7, 35, 1)),
];

/// The protobuf versions accepted, as the error lists them.
pub const SUPPORTED_PROTOBUF: &str = "4.25.x, 5.27.x to 5.29.x, 6.x, 7.x";
/// The grpcio versions accepted.
pub const SUPPORTED_GRPCIO: &str = "1.62.x, 1.66.x to 1.71.x, 1.74.x, 1.85.x";

/// The `--python_out`/`--pyi_out` shape: protobuf's generators by protobuf major.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProtobufLine {
    /// protobuf 4.25 (grpcio-tools 1.62.3): no runtime check, `_options`.
    V4,
    /// protobuf 5.27 to 5.29 (grpcio-tools 1.66.2, 1.71.0).
    V5,
    /// protobuf 6 (grpcio-tools 1.74.0).
    V6,
    /// protobuf 7 (grpcio-tools 1.85.1).
    V7,
}

/// The `--grpc_python_out` shape by grpcio line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GrpcLine {
    /// grpcio 1.62: no version check, no `_registered_method`.
    G62,
    /// grpcio 1.66 to 1.71.
    G66,
    /// grpcio 1.74.
    G74,
    /// grpcio 1.85.
    G85,
}

/// A resolved `--python_target`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PythonTarget {
    pub protobuf: Version,
    pub grpcio: Version,
}

/// What the Python generators write differently per target. Every field names one measured
/// difference; see [`Shape::for_target`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shape {
    /// `# Protobuf Python Version:` and the runtime check's numbers.
    pub protobuf_version: Version,
    /// `_pb2.py`: `# NO CHECKED-IN PROTOBUF GENCODE` and `ValidateProtobufRuntimeVersion`
    /// (protobuf 5.27 on).
    pub runtime_check: bool,
    /// The release's protoc (25.1) refuses editions files without `--experimental_editions`
    /// (protobuf 4); `cli::run` prints its error.
    pub rejects_editions: bool,
    /// protoc 27.2 and 29.0 (protobuf 5) parse editions up to 2023 only: a later one is a
    /// parse error of the first such input.
    pub parser_max_edition: Option<i32>,
    /// protoc 31.1 (protobuf 6) compiles edition 2024, but its Python generators support 2023
    /// at most.
    pub generator_max_edition: Option<i32>,
    /// `_pb2.py`: `if _descriptor._USE_C_DESCRIPTORS == False:` and `._options = None`
    /// (protobuf 4) instead of `if not ...:` and `._loaded_options = None`.
    pub legacy_options: bool,
    /// `.pyi`: singular bool `__init__` arguments as `_Optional[bool]` (protobuf 7) instead of
    /// a bare `bool`.
    pub pyi_optional_bool: bool,
    /// `.pyi`: `Iterable`/`Mapping` from `collections.abc` and `datetime` in the
    /// Timestamp/Duration unions (protobuf 6 on) instead of from `typing` and no `datetime`.
    pub pyi_collections_abc: bool,
    /// `.pyi`: `__init__(self_, ...)` when a field is named `self` (protobuf 6 on); before,
    /// `self` twice.
    pub pyi_rename_self: bool,
    /// `GRPC_GENERATED_VERSION`.
    pub grpc_version: Version,
    /// `_pb2_grpc.py`: `import warnings`, the version-check block, `_registered_method=True`
    /// and `add_registered_method_handlers` (grpcio 1.63 on).
    pub grpc_registered_methods: bool,
    /// `a/b.c.proto` writes `a/b/c_pb2_grpc.py` (grpcio 1.74 on) instead of
    /// `a/b.c_pb2_grpc.py`.
    pub grpc_dots_as_dirs: bool,
    /// `_pb2_grpc.py`: `+ f' but the generated code in ...'` (an f-string without fields,
    /// grpcio up to 1.74).
    pub grpc_fstring_quirk: bool,
    /// `_pb2_grpc.py`: `class XStub(object):` (grpcio up to 1.74).
    pub grpc_object_base: bool,
}

impl Default for Shape {
    fn default() -> Shape {
        let (grpcio, protobuf) = RELEASES[RELEASES.len() - 1];
        Shape::for_target(&PythonTarget { protobuf, grpcio })
    }
}

impl Shape {
    pub fn for_target(t: &PythonTarget) -> Shape {
        // Both are validated by `PythonTarget::parse`; anything else gets the newest shape.
        let pb = protobuf_line(t.protobuf).unwrap_or(ProtobufLine::V7);
        let g = grpc_line(t.grpcio).unwrap_or(GrpcLine::G85);
        Shape {
            protobuf_version: t.protobuf,
            runtime_check: pb != ProtobufLine::V4,
            legacy_options: pb == ProtobufLine::V4,
            rejects_editions: pb == ProtobufLine::V4,
            parser_max_edition: (pb == ProtobufLine::V5).then_some(1000),
            generator_max_edition: (pb == ProtobufLine::V6).then_some(1000),
            pyi_optional_bool: pb == ProtobufLine::V7,
            pyi_collections_abc: matches!(pb, ProtobufLine::V6 | ProtobufLine::V7),
            pyi_rename_self: matches!(pb, ProtobufLine::V6 | ProtobufLine::V7),
            grpc_version: t.grpcio,
            grpc_registered_methods: g != GrpcLine::G62,
            grpc_dots_as_dirs: matches!(g, GrpcLine::G74 | GrpcLine::G85),
            grpc_fstring_quirk: g != GrpcLine::G85,
            grpc_object_base: g != GrpcLine::G85,
        }
    }
}

pub fn protobuf_line(v: Version) -> Option<ProtobufLine> {
    match (v.major, v.minor) {
        (4, 25) => Some(ProtobufLine::V4),
        (5, 27..=29) => Some(ProtobufLine::V5),
        (6, _) => Some(ProtobufLine::V6),
        (7, _) => Some(ProtobufLine::V7),
        _ => None,
    }
}

pub fn grpc_line(v: Version) -> Option<GrpcLine> {
    match (v.major, v.minor) {
        (1, 62) => Some(GrpcLine::G62),
        (1, 66..=71) => Some(GrpcLine::G66),
        (1, 74) => Some(GrpcLine::G74),
        (1, 85) => Some(GrpcLine::G85),
        _ => None,
    }
}

/// The grpcio a protobuf version came with when none is given: the newest measured release
/// bundling that protobuf line at or below it (the oldest of the line otherwise).
fn default_grpcio(protobuf: Version) -> Version {
    let line = protobuf_line(protobuf);
    let same: Vec<_> = RELEASES
        .iter()
        .filter(|(_, pb)| protobuf_line(*pb) == line)
        .collect();
    same.iter()
        .rev()
        .find(|(_, pb)| *pb <= protobuf)
        .or(same.first())
        .map(|(g, _)| *g)
        .unwrap_or(RELEASES[RELEASES.len() - 1].0)
}

/// protoc 25.1's error for an editions input (`CommandLineInterface::Run`).
pub fn editions_error(file: &str) -> String {
    format!(
        "{file}: This file uses editions, but --experimental_editions has not been enabled. \
         This syntax is experimental and should be avoided."
    )
}

/// The error for a value `--python_target` does not accept.
pub fn unsupported(what: &str) -> String {
    format!(
        "--python_target: {what}. Supported: protobuf {SUPPORTED_PROTOBUF} (grpcio-tools \
         1.62.3, 1.66.2, 1.71.0, 1.74.0, 1.85.1), grpcio {SUPPORTED_GRPCIO}; \
         e.g. --python_target=protobuf==6.31.1,grpcio==1.74.0, or --python_target=auto."
    )
}

impl PythonTarget {
    /// `protobuf==X.Y.Z[,grpcio==A.B.C]` (either order). `auto` is resolved by the CLI.
    pub fn parse(value: &str) -> Result<PythonTarget, String> {
        let mut protobuf = None;
        let mut grpcio = None;
        for part in value.split(',') {
            let (name, version) = part
                .split_once("==")
                .ok_or_else(|| unsupported(&format!("expected NAME==X.Y.Z, got \"{part}\"")))?;
            let v = Version::parse(version)
                .ok_or_else(|| unsupported(&format!("\"{version}\" is not a version X.Y.Z")))?;
            let slot = match name {
                "protobuf" => &mut protobuf,
                "grpcio" => &mut grpcio,
                _ => return Err(unsupported(&format!("unknown package \"{name}\""))),
            };
            if slot.replace(v).is_some() {
                return Err(unsupported(&format!("{name} given twice")));
            }
        }
        let protobuf = protobuf.ok_or_else(|| unsupported("protobuf==X.Y.Z is required"))?;
        Self::new(protobuf, grpcio)
    }

    /// Checks both versions against the supported lines.
    pub fn new(protobuf: Version, grpcio: Option<Version>) -> Result<PythonTarget, String> {
        if protobuf_line(protobuf).is_none() {
            return Err(unsupported(&format!(
                "protobuf {protobuf} is not supported"
            )));
        }
        let grpcio = grpcio.unwrap_or_else(|| default_grpcio(protobuf));
        if grpc_line(grpcio).is_none() {
            return Err(unsupported(&format!("grpcio {grpcio} is not supported")));
        }
        Ok(PythonTarget { protobuf, grpcio })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_1_85_1() {
        let s = Shape::default();
        assert_eq!(s.protobuf_version.to_string(), "7.35.1");
        assert_eq!(s.grpc_version.to_string(), "1.85.1");
        assert!(s.runtime_check && s.pyi_optional_bool && !s.grpc_object_base);
    }

    #[test]
    fn parses_and_defaults_grpcio() {
        let t = PythonTarget::parse("protobuf==6.30.0").expect("ok");
        assert_eq!(t.grpcio.to_string(), "1.74.0");
        let t = PythonTarget::parse("grpcio==1.66.2,protobuf==5.27.2").expect("ok");
        assert_eq!(
            (t.protobuf.to_string(), t.grpcio.to_string()),
            ("5.27.2".into(), "1.66.2".into())
        );
        assert_eq!(
            PythonTarget::parse("protobuf==5.29.3").expect("ok").grpcio,
            Version::new(1, 71, 0)
        );
        assert_eq!(
            PythonTarget::parse("protobuf==5.28.0").expect("ok").grpcio,
            Version::new(1, 66, 2)
        );
        for bad in [
            "protobuf==3.20.0",
            "protobuf==4.24.0",
            "protobuf==6.31",
            "protobuf==6.31.1,grpcio==1.50.0",
            "grpcio==1.74.0",
            "protobuf==6.31.1,protobuf==6.31.1",
            "numpy==1.0.0",
            "",
        ] {
            let e = PythonTarget::parse(bad).expect_err(bad);
            assert!(e.contains("Supported: protobuf 4.25.x"), "{e}");
        }
    }

    #[test]
    fn shapes_by_release() {
        let shape = |pb, g| {
            Shape::for_target(
                &PythonTarget::parse(&format!("protobuf=={pb},grpcio=={g}")).expect("ok"),
            )
        };
        let s = shape("4.25.1", "1.62.3");
        assert!(s.legacy_options && !s.runtime_check && !s.grpc_registered_methods);
        let s = shape("5.27.2", "1.66.2");
        assert!(s.runtime_check && !s.pyi_collections_abc && s.grpc_fstring_quirk);
        let s = shape("6.31.1", "1.74.0");
        assert!(s.pyi_collections_abc && !s.pyi_optional_bool && s.grpc_fstring_quirk);
        assert!(s.grpc_object_base);
    }
}
