//! `--python_target=protobuf==X.Y.Z[,grpcio==A.B.C]`: which runtime the Python back ends write
//! for. A target resolves to a [`Shape`], the handful of flags and version strings in which the
//! grpcio-tools releases' outputs differ (measured on the googleapis corpus and the fixtures,
//! see docs/python.md, "Python runtime versions"); `pb2`, `pyi` and `grpc` read the shape and never compare
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

/// The grpcio-tools releases whose outputs were measured (grpcio-tools = grpcio, bundled
/// protobuf): one per distinct shape, each a line of testdata/python/releases.txt. The shape
/// of any other version is decided by the thresholds of [`Shape::for_target`], which these
/// releases pin down.
pub const RELEASES: &[(Version, Version)] = &[
    (Version::new(1, 62, 3), Version::new(4, 25, 1)),
    (Version::new(1, 63, 2), Version::new(5, 26, 1)),
    (Version::new(1, 65, 5), Version::new(5, 26, 1)),
    (Version::new(1, 66, 2), Version::new(5, 27, 2)),
    (Version::new(1, 68, 1), Version::new(5, 28, 1)),
    (Version::new(1, 71, 0), Version::new(5, 29, 0)),
    (Version::new(1, 72, 2), Version::new(6, 30, 0)),
    (Version::new(1, 73, 1), Version::new(6, 31, 0)),
    (Version::new(1, 74, 0), Version::new(6, 31, 1)),
    (Version::new(1, 78, 2), Version::new(6, 31, 1)),
    (Version::new(1, 81, 1), Version::new(6, 33, 5)),
    (Version::new(1, 82, 3), Version::new(7, 35, 0)),
    (Version::new(1, 85, 1), Version::new(7, 35, 1)),
];

/// The protobuf versions accepted, as the error lists them.
pub const SUPPORTED_PROTOBUF: &str = "4.25.x, 5.26.x to 5.29.x, 6.x, 7.x";
/// The grpcio versions accepted.
pub const SUPPORTED_GRPCIO: &str = "1.62.x to 1.85.x";

/// A resolved `--python_target`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PythonTarget {
    pub protobuf: Version,
    pub grpcio: Version,
}

/// What the Python generators write differently per target. Every field names one measured
/// difference; see [`Shape::for_target`] for the release that introduced it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shape {
    /// `# Protobuf Python Version:` and the runtime check's numbers.
    pub protobuf_version: Version,
    /// `_pb2.py`: `# NO CHECKED-IN PROTOBUF GENCODE` and `ValidateProtobufRuntimeVersion`
    /// (protobuf 5.27 on).
    pub runtime_check: bool,
    /// protoc 25.1's parser knows no edition after 2023 (`Unknown edition "2024".`).
    pub unknown_later_editions: bool,
    /// protoc 25.1 and 26.1 refuse editions files without `--experimental_editions`;
    /// `cli::run` prints their error.
    pub rejects_editions: bool,
    /// protoc 26.1 to 29.0 (protobuf 5) parse editions up to 2023 only, protoc 30.0 to 35.1
    /// (protobuf 6.30 to 7.35) up to 2024: a later one is an error of the first such input.
    pub parser_max_edition: Option<i32>,
    /// protoc 30.0 to 31.1 compile edition 2024, but their Python generators support 2023 at
    /// most.
    pub generator_max_edition: Option<i32>,
    /// `_pb2.py`: `if _descriptor._USE_C_DESCRIPTORS == False:` and `._options = None`
    /// (protobuf 4) instead of `if not ...:` and `._loaded_options = None`.
    pub legacy_options: bool,
    /// `.pyi`: singular bool `__init__` arguments as `_Optional[bool]` (protobuf 6.33 on)
    /// instead of a bare `bool`.
    pub pyi_optional_bool: bool,
    /// `.pyi`: `Iterable`/`Mapping` from `collections.abc` (protobuf 6 on) instead of from
    /// `typing`.
    pub pyi_collections_abc: bool,
    /// `.pyi`: `datetime` alternatives in the Timestamp/Duration unions (protobuf 6.31 on).
    pub pyi_datetime_union: bool,
    /// `.pyi`: `import datetime` where those unions appear (protobuf 6.31.1 on: 6.31.0 uses
    /// `datetime` without importing it).
    pub pyi_datetime_import: bool,
    /// `.pyi`: `__init__(self_, ...)` when a field is named `self` (protobuf 6 on); before,
    /// `self` twice.
    pub pyi_rename_self: bool,
    /// `GRPC_GENERATED_VERSION`.
    pub grpc_version: Version,
    /// `_pb2_grpc.py`: `import warnings`, the version-check block and
    /// `_registered_method=True` (grpcio 1.63 on).
    pub grpc_registered_methods: bool,
    /// `_pb2_grpc.py`: `server.add_registered_method_handlers(...)` (grpcio 1.64 on).
    pub grpc_add_registered_handlers: bool,
    /// `_pb2_grpc.py`: the version check only warns, naming the release in which it becomes
    /// an error and that release's date (grpcio 1.63 to 1.65).
    pub grpc_check_warns: Option<(&'static str, &'static str)>,
    /// `a/b.c.proto` writes `a/b/c_pb2_grpc.py` (grpcio 1.73 on) instead of
    /// `a/b.c_pb2_grpc.py`.
    pub grpc_dots_as_dirs: bool,
    /// `_pb2_grpc.py`: `+ f' but the generated code in ...'` (an f-string without fields,
    /// grpcio up to 1.75).
    pub grpc_fstring_quirk: bool,
    /// `_pb2_grpc.py`: `class XStub(object):` (grpcio up to 1.80).
    pub grpc_object_base: bool,
}

impl Default for Shape {
    fn default() -> Shape {
        let (grpcio, protobuf) = RELEASES[RELEASES.len() - 1];
        Shape::for_target(&PythonTarget { protobuf, grpcio })
    }
}

impl Shape {
    /// The shape of a protoc release's own Python generators without `--python_target`: its
    /// protobuf version (7.X.Y for protoc X.Y), and the newest grpcio-tools' `_pb2_grpc.py`
    /// (grpcio-tools 1.85.1 bundles protoc 35.1, so that release's is the default shape).
    pub fn for_release(release: crate::release::Release) -> Shape {
        let (minor, patch) = release.version();
        let (grpcio, _) = RELEASES[RELEASES.len() - 1];
        Shape::for_target(&PythonTarget {
            protobuf: Version::new(7, minor as u32, patch as u32),
            grpcio,
        })
    }
}

impl Shape {
    /// The shape of a target: each difference starts at the first measured release showing
    /// it (testdata/python/releases.txt); a version between two measured releases gets the
    /// older one's shape.
    pub fn for_target(t: &PythonTarget) -> Shape {
        let pb = |major, minor| t.protobuf >= Version::new(major, minor, 0);
        let g = |minor| t.grpcio >= Version::new(1, minor, 0);
        Shape {
            protobuf_version: t.protobuf,
            runtime_check: pb(5, 27),
            legacy_options: !pb(5, 26),
            unknown_later_editions: !pb(5, 26),
            rejects_editions: !pb(5, 27),
            // protoc 30.0 to 35.1 know editions up to 2024: an edition 2026 input (which
            // protoc-rs compiles in 36.2 mode) is refused as they refuse it.
            parser_max_edition: if pb(5, 26) && !pb(6, 30) {
                Some(1000)
            } else if pb(6, 30) && !pb(7, 36) {
                Some(1001)
            } else {
                None
            },
            generator_max_edition: (pb(6, 30) && !pb(6, 33)).then_some(1000),
            pyi_optional_bool: pb(6, 33),
            pyi_collections_abc: pb(6, 30),
            pyi_datetime_union: pb(6, 31),
            pyi_datetime_import: t.protobuf >= Version::new(6, 31, 1),
            pyi_rename_self: pb(6, 30),
            grpc_version: t.grpcio,
            grpc_registered_methods: g(63),
            grpc_add_registered_handlers: g(64),
            grpc_check_warns: match t.grpcio.minor {
                63 | 64 => Some(("1.65.0", "June 25, 2024")),
                65 => Some(("1.66.0", "August 6, 2024")),
                _ => None,
            },
            grpc_dots_as_dirs: g(73),
            grpc_fstring_quirk: !g(76),
            grpc_object_base: !g(81),
        }
    }
}

/// Whether protoc-rs writes for this protobuf version: 4.25, 5.26 to 5.29, any 6 or 7.
fn protobuf_supported(v: Version) -> bool {
    matches!((v.major, v.minor), (4, 25) | (5, 26..=29) | (6, _) | (7, _))
}

/// Whether protoc-rs writes for this grpcio version: 1.62 to 1.85.
fn grpcio_supported(v: Version) -> bool {
    v.major == 1 && (62..=85).contains(&v.minor)
}

/// The grpcio a protobuf version came with when none is given: the newest measured release
/// bundling a protobuf of the same major at or below it (the oldest of the major otherwise).
fn default_grpcio(protobuf: Version) -> Version {
    let same: Vec<_> = RELEASES
        .iter()
        .filter(|(_, pb)| pb.major == protobuf.major)
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
        "--python_target: {what}. Supported: protobuf {SUPPORTED_PROTOBUF}, grpcio \
         {SUPPORTED_GRPCIO}; \
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
        if !protobuf_supported(protobuf) {
            return Err(unsupported(&format!(
                "protobuf {protobuf} is not supported"
            )));
        }
        let grpcio = grpcio.unwrap_or_else(|| default_grpcio(protobuf));
        if !grpcio_supported(grpcio) {
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
    fn each_release_shape_and_its_maximum_edition() {
        // 35.1's shape is the default one; protoc 35.1 knows editions up to 2024.
        let s35 = Shape::for_release(crate::release::Release::V35_1);
        assert_eq!(s35, Shape::default());
        assert_eq!(s35.parser_max_edition, Some(1001));
        let s36 = Shape::for_release(crate::release::Release::V36_2);
        assert_eq!(s36.protobuf_version.to_string(), "7.36.2");
        assert_eq!(s36.grpc_version.to_string(), "1.85.1");
        assert_eq!(s36.parser_max_edition, None);
        let s6 = Shape::for_target(&PythonTarget::parse("protobuf==6.31.1").expect("ok"));
        assert_eq!(s6.parser_max_edition, Some(1001));
        let s5 = Shape::for_target(&PythonTarget::parse("protobuf==5.29.0").expect("ok"));
        assert_eq!(s5.parser_max_edition, Some(1000));
    }

    #[test]
    fn parses_and_defaults_grpcio() {
        let t = PythonTarget::parse("protobuf==6.30.0").expect("ok");
        assert_eq!(t.grpcio.to_string(), "1.72.2");
        let t = PythonTarget::parse("protobuf==6.32.0").expect("ok");
        assert_eq!(t.grpcio.to_string(), "1.78.2");
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
        let s = shape("5.26.1", "1.63.2");
        assert!(s.rejects_editions && !s.unknown_later_editions && !s.runtime_check);
        assert!(s.grpc_registered_methods && !s.grpc_add_registered_handlers);
        assert_eq!(s.grpc_check_warns, Some(("1.65.0", "June 25, 2024")));
        let s = shape("6.31.0", "1.73.1");
        assert!(s.grpc_dots_as_dirs && s.grpc_check_warns.is_none() && s.grpc_fstring_quirk);
        let s = shape("6.31.1", "1.76.0");
        assert!(!s.grpc_fstring_quirk && s.grpc_object_base);
        let s = shape("6.33.5", "1.81.1");
        assert!(s.pyi_optional_bool && s.generator_max_edition.is_none() && !s.grpc_object_base);
    }
}
