//! Parameters of `--rust_out` / `--grpc_out` (`--X_opt=...` or `--X_out=PARAMS:DIR`): a
//! comma-separated list of `key` or `key=value`. Commas inside brackets, parentheses or quotes
//! do not split, so `type_attribute=.a.B=#[derive(Eq, Hash)]` is one item.

/// Everything the parameters can set; defaults are prost-build's and tonic-prost-build's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Params {
    pub extern_path: Vec<(String, String)>,
    pub type_attribute: Vec<(String, String)>,
    pub field_attribute: Vec<(String, String)>,
    pub message_attribute: Vec<(String, String)>,
    pub enum_attribute: Vec<(String, String)>,
    pub type_name_domain: Vec<(String, String)>,
    pub btree_map: Vec<String>,
    pub bytes: Vec<String>,
    pub boxed: Vec<String>,
    pub disable_comments: Vec<String>,
    pub skip_debug: Vec<String>,
    pub compile_well_known_types: bool,
    pub retain_enum_prefix: bool,
    pub enable_type_names: bool,
    pub default_package_filename: String,
    pub include_file: Option<String>,
    pub build_client: bool,
    pub build_server: bool,
    pub build_transport: bool,
    pub codec_path: Option<String>,
    pub use_arc_self: bool,
    pub generate_default_stubs: bool,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            extern_path: Vec::new(),
            type_attribute: Vec::new(),
            field_attribute: Vec::new(),
            message_attribute: Vec::new(),
            enum_attribute: Vec::new(),
            type_name_domain: Vec::new(),
            btree_map: Vec::new(),
            bytes: Vec::new(),
            boxed: Vec::new(),
            disable_comments: Vec::new(),
            skip_debug: Vec::new(),
            compile_well_known_types: false,
            retain_enum_prefix: false,
            enable_type_names: false,
            default_package_filename: "_".to_string(),
            include_file: None,
            build_client: true,
            build_server: true,
            build_transport: true,
            codec_path: None,
            use_arc_self: false,
            generate_default_stubs: false,
        }
    }
}

/// The parameter names, for the error message.
pub const KEYS: &[&str] = &[
    "extern_path",
    "type_attribute",
    "field_attribute",
    "message_attribute",
    "enum_attribute",
    "type_name_domain",
    "btree_map",
    "bytes",
    "boxed",
    "disable_comments",
    "skip_debug",
    "compile_well_known_types",
    "retain_enum_prefix",
    "enable_type_names",
    "default_package_filename",
    "include_file",
    "no_client",
    "no_server",
    "no_transport",
    "codec_path",
    "use_arc_self",
    "generate_default_stubs",
];

/// Splits at top-level commas.
fn split(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut quote, mut start) = (0i32, None::<char>, 0);
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '"' | '\'' => quote = Some(c),
            '(' | '[' | '{' | '<' => depth += 1,
            ')' | ']' | '}' | '>' => depth -= 1,
            ',' if depth <= 0 => {
                out.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out.into_iter().filter(|p| !p.trim().is_empty()).collect()
}

fn flag(key: &str, value: Option<&str>) -> Result<bool, String> {
    match value {
        None | Some("true") => Ok(true),
        Some("false") => Ok(false),
        Some(v) => Err(format!("{key}: expected true or false, got \"{v}\"")),
    }
}

fn pair(key: &str, value: Option<&str>) -> Result<(String, String), String> {
    let v = value.ok_or_else(|| format!("{key} needs a value: {key}=PATH=VALUE"))?;
    let (p, a) = v
        .split_once('=')
        .ok_or_else(|| format!("{key} needs a value: {key}=PATH=VALUE, got \"{v}\""))?;
    Ok((p.to_string(), a.to_string()))
}

fn value(key: &str, value: Option<&str>) -> Result<String, String> {
    match value {
        Some(v) if !v.is_empty() => Ok(v.to_string()),
        _ => Err(format!("{key} needs a value: {key}=VALUE")),
    }
}

/// A path list option: bare means every path (`.`).
fn path(value: Option<&str>) -> String {
    value.unwrap_or(".").to_string()
}

/// Parses a parameter string.
pub fn parse(s: &str) -> Result<Params, String> {
    let mut p = Params::default();
    for item in split(s) {
        let item = item.trim();
        let (key, v) = match item.split_once('=') {
            Some((k, v)) => (k.trim(), Some(v)),
            None => (item, None),
        };
        match key {
            "extern_path" => p.extern_path.push(pair(key, v)?),
            "type_attribute" => p.type_attribute.push(pair(key, v)?),
            "field_attribute" => p.field_attribute.push(pair(key, v)?),
            "message_attribute" => p.message_attribute.push(pair(key, v)?),
            "enum_attribute" => p.enum_attribute.push(pair(key, v)?),
            "type_name_domain" => p.type_name_domain.push(pair(key, v)?),
            "btree_map" => p.btree_map.push(path(v)),
            "bytes" => p.bytes.push(path(v)),
            "boxed" => p.boxed.push(value(key, v)?),
            "disable_comments" => p.disable_comments.push(path(v)),
            "skip_debug" => p.skip_debug.push(path(v)),
            "compile_well_known_types" => p.compile_well_known_types = flag(key, v)?,
            "retain_enum_prefix" => p.retain_enum_prefix = flag(key, v)?,
            "enable_type_names" => p.enable_type_names = flag(key, v)?,
            "default_package_filename" => p.default_package_filename = value(key, v)?,
            "include_file" => p.include_file = Some(value(key, v)?),
            "no_client" => p.build_client = !flag(key, v)?,
            "no_server" => p.build_server = !flag(key, v)?,
            "no_transport" => p.build_transport = !flag(key, v)?,
            "codec_path" => p.codec_path = Some(value(key, v)?),
            "use_arc_self" => p.use_arc_self = flag(key, v)?,
            "generate_default_stubs" => p.generate_default_stubs = flag(key, v)?,
            _ => {
                return Err(format!(
                    "unknown parameter \"{key}\"; known parameters: {}",
                    KEYS.join(", ")
                ));
            }
        }
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_outside_brackets() {
        let p = parse("type_attribute=.a.B=#[derive(Eq, Hash)],btree_map,no_client").expect("ok");
        assert_eq!(
            p.type_attribute,
            vec![(".a.B".to_string(), "#[derive(Eq, Hash)]".to_string())]
        );
        assert_eq!(p.btree_map, vec![".".to_string()]);
        assert!(!p.build_client && p.build_server);
    }

    #[test]
    fn unknown_is_an_error() {
        let e = parse("frobnicate=1").expect_err("unknown");
        assert!(e.starts_with("unknown parameter \"frobnicate\""), "{e}");
        assert!(parse("boxed").is_err());
        assert!(parse("use_arc_self=maybe").is_err());
    }
}
