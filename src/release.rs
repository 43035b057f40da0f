//! The protoc release protoc-rs matches in one run. Each release is one protoc binary's
//! behaviour: what it accepts, its messages, its bundled `include/` tree, its compiled-in
//! descriptor.proto, `--version`, `--help` and the plugin request's `compiler_version`.
//!
//! Chosen by `--protoc_release=X.Y`, then `PROTOC_RS_RELEASE=X.Y`, then the entry point's
//! default (the binary and the build.rs helper: the newest; `python -m protoc_rs`: the release
//! of the newest grpcio-tools it supports). Adding a release: a variant here, its `include/X.Y/`
//! tree, and what `scripts/track-protoc X.Y` lists.

/// A protoc release protoc-rs matches, oldest first (so `>=` reads "this release or later").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Release {
    /// protoc 35.1 (grpcio-tools 1.85.1).
    V35_1,
    /// protoc 36.2: edition 2026.
    #[default]
    V36_2,
}

/// The command-line flag that selects a release.
pub const FLAG: &str = "--protoc_release";

/// The environment variable that selects a release when the flag is absent.
pub const ENV_VAR: &str = "PROTOC_RS_RELEASE";

impl Release {
    /// Every release, oldest first.
    pub const ALL: [Release; 2] = [Release::V35_1, Release::V36_2];

    /// The newest release: the default of the binary, the library and the build.rs helper.
    pub const NEWEST: Release = Release::V36_2;

    /// `35.1`.
    pub fn name(self) -> &'static str {
        match self {
            Release::V35_1 => "35.1",
            Release::V36_2 => "36.2",
        }
    }

    /// A release by its name (`36.2`).
    pub fn parse(text: &str) -> Option<Release> {
        Release::ALL.into_iter().find(|r| r.name() == text)
    }

    /// `(minor, patch)` of `PROTOBUF_VERSION` (major 7 in every supported release): what the
    /// plugin request's `compiler_version` carries.
    pub fn version(self) -> (i32, i32) {
        match self {
            Release::V35_1 => (35, 1),
            Release::V36_2 => (36, 2),
        }
    }

    /// What `--version` prints.
    pub fn version_line(self) -> String {
        format!("libprotoc {}\n", self.name())
    }

    /// `ProtocMaximumEdition`: the latest edition a file may declare (`Edition` numbers).
    pub fn maximum_edition(self) -> i32 {
        match self {
            Release::V35_1 => 1001,
            Release::V36_2 => 1002,
        }
    }

    /// The numbers of the `FeatureSet` extensions compiled into protoc's own generated pool
    /// (`pb.cpp`, `pb.java`; 36.2 adds `pb.csharp`, which its C# generator now uses). Other
    /// feature extensions are unknown fields to protoc's generated `FeatureSet`, so they are
    /// serialized after these.
    pub fn linked_feature_extensions(self) -> &'static [i32] {
        match self {
            Release::V35_1 => &[1000, 1001],
            Release::V36_2 => &[1000, 1001, 1004],
        }
    }

    /// The `descriptor.cc` lines of the log a pool without an error collector writes for a file
    /// that does not build: the heading, then each error.
    pub fn invalid_descriptor_log_lines(self) -> (u32, u32) {
        match self {
            Release::V35_1 => (5227, 5230),
            Release::V36_2 => (4446, 4449),
        }
    }

    /// The names of every release, for messages: `35.1, 36.2`.
    pub fn names() -> String {
        Release::ALL.map(Release::name).join(", ")
    }

    /// The release a `--protoc_release` value (`Some(value)`) or, without one, the
    /// environment's `PROTOC_RS_RELEASE` selects; `default` when neither is set. The error is
    /// the line to print.
    pub fn select(
        flag: Option<&str>,
        env: Option<&str>,
        default: Release,
    ) -> Result<Release, String> {
        let (value, source) = match (flag, env) {
            (Some(v), _) => (v, FLAG),
            (None, Some(v)) if !v.is_empty() => (v, ENV_VAR),
            _ => return Ok(default),
        };
        Release::parse(value).ok_or_else(|| {
            format!(
                "{source}: unknown protoc release \"{value}\"; protoc-rs matches {}.",
                Release::names()
            )
        })
    }
}

impl std::fmt::Display for Release {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_order() {
        for r in Release::ALL {
            assert_eq!(Release::parse(r.name()), Some(r));
        }
        assert!(Release::V35_1 < Release::V36_2);
        assert_eq!(Release::NEWEST, *Release::ALL.last().unwrap());
        assert_eq!(Release::default(), Release::NEWEST);
        assert_eq!(Release::parse("36"), None);
    }

    #[test]
    fn flag_then_environment_then_default() {
        let d = Release::V36_2;
        assert_eq!(Release::select(None, None, d), Ok(d));
        assert_eq!(Release::select(None, Some(""), d), Ok(d));
        assert_eq!(Release::select(None, Some("35.1"), d), Ok(Release::V35_1));
        assert_eq!(
            Release::select(Some("36.2"), Some("35.1"), Release::V35_1),
            Ok(Release::V36_2)
        );
        assert_eq!(
            Release::select(Some("34.2"), Some("35.1"), d),
            Err(
                "--protoc_release: unknown protoc release \"34.2\"; protoc-rs matches 35.1, 36.2."
                    .into()
            )
        );
        assert_eq!(
            Release::select(None, Some("37"), d),
            Err(
                "PROTOC_RS_RELEASE: unknown protoc release \"37\"; protoc-rs matches 35.1, 36.2."
                    .into()
            )
        );
    }
}
