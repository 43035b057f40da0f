//! The generator flags, derived from the generator registry: `--NAME_out` and `--NAME_opt` of
//! each registered generator, and protoc's plugin naming for every other `--NAME_out`.

use crate::generator::registry::{GENERATORS, Registration};

/// The registered generator whose `--NAME_out` flag is `name`.
pub fn by_flag(name: &str) -> Option<&'static Registration> {
    GENERATORS.iter().find(|g| g.flag == name)
}

/// The registered generator whose `--NAME_opt` flag is `name`.
pub fn by_option(name: &str) -> Option<&'static Registration> {
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
    fn every_registered_flag_is_found() {
        for g in GENERATORS {
            assert_eq!(by_flag(g.flag), Some(g));
            if let Some(opt) = g.option_flag {
                assert_eq!(by_option(opt), Some(g));
                assert_eq!(by_flag(opt), None);
            }
            assert_eq!(by_option(g.flag), None);
        }
        assert_eq!(by_flag("--foo_out"), None);
        // NB: grpcio-tools registers `--pyi_out` without `--pyi_opt`.
        assert_eq!(by_option("--pyi_opt"), None);
    }

    #[test]
    fn plugin_names() {
        assert_eq!(plugin_name("--foo_out"), "protoc-gen-foo");
        assert_eq!(plugin_name("--foo_opt"), "protoc-gen-foo");
        assert_eq!(plugin_name("--_out"), "protoc-gen-");
    }
}
