//! protoc's `ToJsonName`: drop each `_` and upper-case the ASCII letter after it.

pub fn to_json_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
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

#[cfg(test)]
mod tests {
    use super::to_json_name;

    #[test]
    fn matches_protoc_examples() {
        // Cases checked against protoc 35.1's `ToJsonName` (descriptor.cc).
        assert_eq!(to_json_name("_foo"), "Foo");
        assert_eq!(to_json_name("Foo__bar"), "FooBar");
        assert_eq!(to_json_name("foo_1bar"), "foo1bar");
        assert_eq!(to_json_name("a_b_C_"), "aBC");
        assert_eq!(to_json_name("foo_bar_baz"), "fooBarBaz");
    }
}
