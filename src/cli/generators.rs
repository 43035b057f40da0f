//! The built-in generators protoc-rs registers, as protoc's `RegisterGenerator` would: the
//! `--NAME_out` flag, the optional `--NAME_opt` flag, and the help line. Any other
//! `--NAME_out` names a plugin (`protoc-gen-NAME`).

/// One registered generator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GeneratorInfo {
    pub flag: &'static str,
    /// protoc registers some generators without an `_opt` flag; for those `--NAME_opt` is
    /// taken as a plugin parameter and then rejected as an unknown flag.
    pub option_flag: Option<&'static str>,
    pub help: &'static str,
}

/// Sorted by flag, the order protoc's help lists them in (a `btree_map`).
pub const GENERATORS: &[GeneratorInfo] = &[
    GeneratorInfo {
        flag: "--grpc_out",
        option_flag: Some("--grpc_opt"),
        help: "Generate Rust gRPC (tonic) service sources.",
    },
    // NB: grpcio-tools registers `--grpc_python_out` and `--pyi_out` without `_opt` flags.
    GeneratorInfo {
        flag: "--grpc_python_out",
        option_flag: None,
        help: "Generate Python source file.",
    },
    GeneratorInfo {
        flag: "--pyi_out",
        option_flag: None,
        help: "Generate Python pyi stub.",
    },
    GeneratorInfo {
        flag: "--python_out",
        option_flag: Some("--python_opt"),
        help: "Generate Python source file.",
    },
    GeneratorInfo {
        flag: "--rust_out",
        option_flag: Some("--rust_opt"),
        help: "Generate Rust sources.",
    },
];

pub fn by_flag(name: &str) -> Option<&'static GeneratorInfo> {
    GENERATORS.iter().find(|g| g.flag == name)
}

pub fn by_option(name: &str) -> Option<&'static GeneratorInfo> {
    GENERATORS.iter().find(|g| g.option_flag == Some(name))
}

/// protoc's `PluginName`: `--foo_out` / `--foo_opt` -> `protoc-gen-foo`.
pub fn plugin_name(directive: &str) -> String {
    let stem = directive
        .get(2..directive.len().saturating_sub(4))
        .unwrap_or("");
    format!("protoc-gen-{stem}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted() {
        assert!(GENERATORS.windows(2).all(|w| w[0].flag < w[1].flag));
    }

    #[test]
    fn plugin_names() {
        assert_eq!(plugin_name("--foo_out"), "protoc-gen-foo");
        assert_eq!(plugin_name("--foo_opt"), "protoc-gen-foo");
        assert_eq!(plugin_name("--_out"), "protoc-gen-");
    }
}
