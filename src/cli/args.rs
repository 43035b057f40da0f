//! The lexical layer of protoc's command line: `@argfile` expansion and splitting one
//! argument into a flag name and value (protoc's `ExpandArgumentFile` and `ParseArgument`).

use std::fs;

/// Expands `@file` arguments in place: each line of the file is one argument, verbatim.
/// Returns the file name that could not be read on failure.
pub fn expand_argfiles(argv: &[String]) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for arg in argv {
        let Some(file) = arg.strip_prefix('@') else {
            out.push(arg.clone());
            continue;
        };
        // NB: protoc's ifstream opens a directory and then reads no line from it, so
        // `@dir` expands to nothing instead of failing.
        if fs::metadata(file).is_ok_and(|m| m.is_dir()) {
            continue;
        }
        let bytes = fs::read(file).map_err(|_| file.to_string())?;
        out.extend(lines(&bytes));
    }
    Ok(out)
}

/// `std::getline` semantics: split on `\n`, keep `\r`, no empty argument after a final
/// newline. Not recursive: a line starting with `@` is an ordinary argument.
fn lines(bytes: &[u8]) -> Vec<String> {
    let body = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    if bytes.is_empty() {
        return Vec::new();
    }
    body.split(|b| *b == b'\n')
        .map(|l| String::from_utf8_lossy(l).into_owned())
        .collect()
}

/// One argument split into name and value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split {
    /// Empty for an input file.
    pub name: String,
    pub value: String,
    /// The value is the next argument.
    pub wants_next: bool,
}

/// Flags that never take a value (protoc hard-codes the same list).
const NO_VALUE_FLAGS: &[&str] = &[
    "-h",
    "--help",
    "--disallow_services",
    "--include_imports",
    "--include_source_info",
    "--retain_options",
    "--version",
    "--decode_raw",
    "--notices",
    "--experimental_editions",
    "--print_free_field_numbers",
    "--experimental_allow_proto3_optional",
    "--deterministic_output",
    "--unsafe_allow_out_dir_escape",
    "--fatal_warnings",
    // protoc-rs only.
    "--check",
];

/// protoc's `ParseArgument`: `--name=value`, `--name` (value next unless a no-value flag),
/// `-Xvalue`, `-X` (value next), and anything not starting with `-` (or a bare `-`) is an
/// input file.
pub fn split(arg: &str) -> Split {
    let input = |v: &str| Split {
        name: String::new(),
        value: v.to_string(),
        wants_next: false,
    };
    if !arg.starts_with('-') || arg == "-" {
        return input(arg);
    }
    let (name, value, has_value) = if let Some(rest) = arg.strip_prefix("--") {
        match rest.find('=') {
            Some(i) => (&arg[..i + 2], &rest[i + 1..], true),
            None => (arg, "", false),
        }
    } else {
        // One dash: a one-character name, the rest glued on is the value.
        let cut = arg.char_indices().nth(2).map_or(arg.len(), |(i, _)| i);
        let value = &arg[cut..];
        (&arg[..cut], value, !value.is_empty())
    };
    // NB: protoc accepts (and ignores) a value on a no-value flag: `--include_imports=x`.
    let wants_next = !has_value && !NO_VALUE_FLAGS.contains(&name);
    Split {
        name: name.to_string(),
        value: value.to_string(),
        wants_next,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(name: &str, value: &str, wants_next: bool) -> Split {
        Split {
            name: name.into(),
            value: value.into(),
            wants_next,
        }
    }

    #[test]
    fn splitting() {
        assert_eq!(split("a.proto"), s("", "a.proto", false));
        assert_eq!(split("-"), s("", "-", false));
        assert_eq!(split(""), s("", "", false));
        assert_eq!(split("-Ifoo"), s("-I", "foo", false));
        assert_eq!(split("-I"), s("-I", "", true));
        assert_eq!(split("-h"), s("-h", "", false));
        assert_eq!(split("--proto_path=a=b"), s("--proto_path", "a=b", false));
        assert_eq!(split("--proto_path"), s("--proto_path", "", true));
        assert_eq!(
            split("--include_imports"),
            s("--include_imports", "", false)
        );
        assert_eq!(split("--x="), s("--x", "", false));
        assert_eq!(split("--"), s("--", "", true));
    }

    #[test]
    fn argfile_lines() {
        assert_eq!(lines(b""), Vec::<String>::new());
        assert_eq!(lines(b"\n"), vec![""]);
        assert_eq!(lines(b"a\nb"), vec!["a", "b"]);
        assert_eq!(lines(b"a\n\nb\n"), vec!["a", "", "b"]);
        assert_eq!(lines(b"a b\r\n"), vec!["a b\r"]);
    }
}
