//! Which entry point started protoc-rs, from `PROTOC_RS_ENTRY`: the binary itself (run by a
//! person or a build tool), or the Python package (`python -m protoc_rs`, `protoc_rs.main()`),
//! which runs the binary with `PROTOC_RS_ENTRY=python` and must stay grpcio-tools' `protoc`
//! (`python -m grpc_tools.protoc`). The entry point decides protoc-rs's own additions there:
//! the help (`Usage: protoc` and grpcio-tools' generator lines, `help::Style::Protoc`) and
//! whether hints show unless asked for (`hints::When::Never`). An environment variable, not a
//! flag: the Python package passes its caller's arguments through unchanged.

use super::help::Style;
use super::hints::When;

/// The environment variable naming the entry point.
pub const ENV_VAR: &str = "PROTOC_RS_ENTRY";

/// An entry point.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Entry {
    /// `protoc-rs` run directly (or `protoc_rs::build`, in-process).
    #[default]
    Binary,
    /// The Python package: `PROTOC_RS_ENTRY=python`.
    Python,
}

impl Entry {
    /// The entry point `PROTOC_RS_ENTRY`'s value names (unset or empty: the binary). The error
    /// is the line to print.
    pub fn from_env(value: Option<&str>) -> Result<Entry, String> {
        match value {
            None | Some("") => Ok(Entry::Binary),
            Some("python") => Ok(Entry::Python),
            Some(other) => Err(format!(
                "{ENV_VAR}: unknown entry point \"{other}\"; protoc-rs knows \"python\"."
            )),
        }
    }

    /// The help this entry point prints.
    pub fn help_style(self) -> Style {
        match self {
            Entry::Binary => Style::Own,
            Entry::Python => Style::Protoc,
        }
    }

    /// When hints show without `--hints` or `PROTOC_RS_HINTS`.
    pub fn default_hints(self) -> When {
        match self {
            Entry::Binary => When::Auto,
            Entry::Python => When::Never,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_points() {
        assert_eq!(Entry::from_env(None), Ok(Entry::Binary));
        assert_eq!(Entry::from_env(Some("")), Ok(Entry::Binary));
        assert_eq!(Entry::from_env(Some("python")), Ok(Entry::Python));
        assert_eq!(
            Entry::from_env(Some("ruby")),
            Err(
                "PROTOC_RS_ENTRY: unknown entry point \"ruby\"; protoc-rs knows \"python\"."
                    .to_string()
            )
        );
        assert_eq!(Entry::Python.help_style(), Style::Protoc);
        assert_eq!(Entry::Python.default_hints(), When::Never);
        assert_eq!(Entry::Binary.default_hints(), When::Auto);
    }
}
