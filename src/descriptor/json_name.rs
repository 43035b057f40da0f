//! protoc's `ToJsonName`: drop each `_` and upper-case the ASCII letter after it.

pub fn to_json_name(name: &str) -> String {
    if !name.as_bytes().contains(&b'_') {
        return name.to_owned();
    }
    let bytes: Vec<u8> = json_name_bytes(name).collect();
    // Dropping `_` bytes and upper-casing ASCII bytes keeps UTF-8 valid.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The bytes of [`to_json_name`]`(name)`, without building the string. Working on bytes is
/// the same as on characters: `_` and the letters upper-cased are ASCII, and a multi-byte
/// character after `_` is left as it is either way.
pub fn json_name_bytes(name: &str) -> impl Iterator<Item = u8> + '_ {
    let mut upper_next = false;
    name.bytes().filter_map(move |b| {
        if b == b'_' {
            upper_next = true;
            None
        } else if upper_next {
            upper_next = false;
            Some(b.to_ascii_uppercase())
        } else {
            Some(b)
        }
    })
}

/// Whether `json` is [`to_json_name`]`(name)`.
pub fn is_json_name_of(json: &str, name: &str) -> bool {
    json.bytes().eq(json_name_bytes(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_protoc_examples() {
        // Cases checked against protoc 35.1's `ToJsonName` (descriptor.cc).
        assert_eq!(to_json_name("_foo"), "Foo");
        assert_eq!(to_json_name("Foo__bar"), "FooBar");
        assert_eq!(to_json_name("foo_1bar"), "foo1bar");
        assert_eq!(to_json_name("a_b_C_"), "aBC");
        assert_eq!(to_json_name("foo_bar_baz"), "fooBarBaz");
    }

    #[test]
    fn bytes_agree_with_characters() {
        // A character-by-character reference, as protoc's loop over `char`s.
        fn by_chars(name: &str) -> String {
            let mut out = String::new();
            let mut upper_next = false;
            for c in name.chars() {
                if c == '_' {
                    upper_next = true;
                } else if upper_next {
                    out.push(c.to_ascii_uppercase());
                    upper_next = false;
                } else {
                    out.push(c);
                }
            }
            out
        }
        for name in ["plain", "a_é_b", "_ü", "x__y", "é_", "_", "", "ab_cd_ef"] {
            assert_eq!(to_json_name(name), by_chars(name), "{name}");
            assert!(is_json_name_of(&by_chars(name), name), "{name}");
        }
        assert!(!is_json_name_of("aB", "a_bc"));
        assert!(!is_json_name_of("aBc", "a_b"));
    }
}
