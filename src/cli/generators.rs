//! The generator flags, derived from the generator registry: `--NAME_out` and `--NAME_opt` of
//! each registered generator, and protoc's plugin naming for every other `--NAME_out`.

use std::collections::BTreeMap;

use crate::generator::registry::{GENERATORS, Registration};

/// The registered generator whose `--NAME_out` flag is `name`.
pub fn by_flag(name: &str) -> Option<&'static Registration> {
    GENERATORS.iter().find(|g| g.flag == name)
}

/// The registered generator whose `--NAME_opt` flag is `name`.
pub fn by_option(name: &str) -> Option<&'static Registration> {
    GENERATORS.iter().find(|g| g.option_flag == Some(name))
}

/// The oracle's own generators (grpcio-tools registers exactly these): always built in, as
/// there, whatever `--plugin` says.
const ORACLE_BUILT_INS: &[&str] = &["--python_out", "--pyi_out", "--grpc_python_out"];

/// Whether `flag` is one of the oracle's own generators (never a plugin there).
pub fn is_oracle_built_in(flag: &str) -> bool {
    ORACLE_BUILT_INS.contains(&flag)
}

/// Whether `--plugin` takes `g`'s flag over: only for the generators protoc-rs adds (the
/// oracle would run a `protoc-gen-rust` for `--rust_out`, so an explicit one wins; one merely
/// found on `PATH` does not).
pub fn yields_to_plugin(g: &Registration, plugins: &BTreeMap<String, String>) -> bool {
    !is_oracle_built_in(g.flag) && plugins.contains_key(&plugin_name(g.flag))
}

/// The line protoc-rs adds after protoc's "program not found" message when `directive`
/// (`--pyhton_out`) is a likely misspelling of a built-in generator's flag.
pub fn did_you_mean(directive: &str) -> Option<String> {
    let stem = |f: &str| {
        f.strip_prefix("--")
            .and_then(|f| f.strip_suffix("_out"))
            .unwrap_or("")
            .to_string()
    };
    let wanted = stem(directive);
    // One typo per four characters (at least one): `pyhton` finds `python`, `php` no `pyi`.
    let limit = (wanted.chars().count() / 4).max(1);
    GENERATORS
        .iter()
        .map(|g| (edit_distance(&wanted, &stem(g.flag)), g.flag))
        .filter(|&(d, _)| d > 0 && d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, flag)| format!("did you mean {flag}?"))
}

/// Edit distance with adjacent transpositions (optimal string alignment).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

/// protoc's `PluginName`: `--foo_out` / `--foo_opt` / `--foo_prefix` -> `protoc-gen-foo` (the
/// `--` and everything from the last `_` dropped).
pub fn plugin_name(directive: &str) -> String {
    let end = directive.rfind('_').unwrap_or(directive.len());
    let stem = directive.get(2..end).unwrap_or("");
    format!("protoc-gen-{stem}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plugin_names_drop_the_last_underscore_part() {
        assert_eq!(plugin_name("--foo_out"), "protoc-gen-foo");
        assert_eq!(plugin_name("--foo_opt"), "protoc-gen-foo");
        assert_eq!(plugin_name("--foo_prefix"), "protoc-gen-foo");
        assert_eq!(plugin_name("--my_gen_prefix"), "protoc-gen-my_gen");
    }

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
    fn suggestions() {
        let s = |d: &str| did_you_mean(d);
        assert_eq!(
            s("--pyhton_out").as_deref(),
            Some("did you mean --python_out?")
        );
        assert_eq!(
            s("--python3_out").as_deref(),
            Some("did you mean --python_out?")
        );
        assert_eq!(s("--rsut_out").as_deref(), Some("did you mean --rust_out?"));
        assert_eq!(
            s("--grpc_pyhton_out").as_deref(),
            Some("did you mean --grpc_python_out?")
        );
        for real in [
            "--go_out",
            "--php_out",
            "--cpp_out",
            "--java_out",
            "--ruby_out",
            "--ts_out",
            "--es_out",
            "--mypy_out",
        ] {
            assert_eq!(s(real), None, "{real}");
        }
    }

    #[test]
    fn precedence() {
        let mut plugins = BTreeMap::new();
        for flag in ["--rust_out", "--grpc_out", "--python_out"] {
            assert!(!yields_to_plugin(
                by_flag(flag).expect("registered"),
                &plugins
            ));
        }
        for name in [
            "protoc-gen-rust",
            "protoc-gen-grpc",
            "protoc-gen-python",
            "protoc-gen-pyi",
            "protoc-gen-grpc_python",
        ] {
            plugins.insert(name.to_string(), "p".to_string());
        }
        assert!(yields_to_plugin(
            by_flag("--rust_out").expect("registered"),
            &plugins
        ));
        assert!(yields_to_plugin(
            by_flag("--grpc_out").expect("registered"),
            &plugins
        ));
        for flag in ORACLE_BUILT_INS {
            assert!(!yields_to_plugin(
                by_flag(flag).expect("registered"),
                &plugins
            ));
        }
    }

    #[test]
    fn plugin_names() {
        assert_eq!(plugin_name("--foo_out"), "protoc-gen-foo");
        assert_eq!(plugin_name("--foo_opt"), "protoc-gen-foo");
        assert_eq!(plugin_name("--_out"), "protoc-gen-");
    }
}
