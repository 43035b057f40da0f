//! protoc 36.2's custom JSON strings of enum values (`(pb.enumvalue.json).string`, extension
//! 998 of `EnumValueOptions`, json_enumvalue_options.proto): reading them from a value's
//! encoded options, and descriptor.cc's per-value checks (`ValidateOptions` of an
//! `EnumValueDescriptor`). The per-enum uniqueness checks are `after_options`'.

use crate::descriptor::model::EnumValueDescriptorProto;
use crate::descriptor::wire::{Reader, WireValue};

/// `pb.enumvalue.json`'s number in `EnumValueOptions`.
const JSON_EXTENSION: u32 = 998;
/// `JsonEnumValueOptions.string`.
const STRING: u32 = 1;

/// A value's `(pb.enumvalue.json)`, when set (`HasExtension`).
pub struct CustomJson {
    /// `string`, when set (`has_string`); the merged records' last value.
    pub string: Option<String>,
}

/// The value's `(pb.enumvalue.json)`, if its options carry extension 998.
pub fn of(v: &EnumValueDescriptorProto) -> Option<CustomJson> {
    let opts = v.options.as_ref()?;
    let mut found = None;
    for r in Reader::new(&opts.bytes).flatten() {
        if r.field != JSON_EXTENSION {
            continue;
        }
        let WireValue::Len(bytes) = r.value else {
            continue;
        };
        let c = found.get_or_insert(CustomJson { string: None });
        for x in Reader::new(bytes).flatten() {
            if let (STRING, WireValue::Len(s)) = (x.field, x.value) {
                c.string = Some(String::from_utf8_lossy(s).into_owned());
            }
        }
    }
    found
}

/// The errors of one value's custom string: an embedded NUL, and a string that reads as an
/// integer other than the value's number (absl's `SimpleAtoi`).
pub fn value_errors(custom: &CustomJson, number: i32) -> Vec<String> {
    let s = custom.string.as_deref().unwrap_or("");
    let mut out = Vec::new();
    if s.contains('\0') {
        out.push("Custom JSON strings cannot contain embedded null characters.".to_string());
    }
    if let Some(n) = simple_atoi(s)
        && n != number
    {
        out.push(format!(
            "Custom JSON string \"{s}\" parses as integer {n}, which does not match the enum value's number {number}."
        ));
    }
    out
}

/// absl `SimpleAtoi` into an int32: ASCII whitespace around, an optional sign, decimal digits
/// only, in range.
fn simple_atoi(s: &str) -> Option<i32> {
    let t = s.trim_matches(|c: char| c.is_ascii_whitespace());
    let (neg, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut v: i64 = 0;
    for b in digits.bytes() {
        v = v * 10 + i64::from(b - b'0');
        if v > i64::from(i32::MAX) + 1 {
            return None;
        }
    }
    let v = if neg { -v } else { v };
    i32::try_from(v).ok()
}

#[cfg(test)]
mod tests {
    use super::simple_atoi;

    #[test]
    fn simple_atoi_as_absl() {
        assert_eq!(simple_atoi("7"), Some(7));
        assert_eq!(simple_atoi(" +007 "), Some(7));
        assert_eq!(simple_atoi("-2147483648"), Some(i32::MIN));
        assert_eq!(simple_atoi("2147483648"), None);
        assert_eq!(simple_atoi(""), None);
        assert_eq!(simple_atoi("0x10"), None);
        assert_eq!(simple_atoi("5.0"), None);
        assert_eq!(simple_atoi("-"), None);
    }
}
