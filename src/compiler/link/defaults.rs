//! Default values as protoc stores them (`FieldDescriptor::DefaultValueAsString`): the parser's
//! text re-parsed by type and printed back (integers in decimal, floats as `%.15g`/`%.17g` or
//! `%.6g`/`%.9g`, `inf`, `-inf`, `nan`).

use crate::descriptor::model::FieldType;
use crate::float_text::{simple_dtoa, simple_ftoa};

/// Normalises a parsed default for a scalar field; `Err` carries protoc's message.
pub fn normalize(t: FieldType, text: &str) -> Result<String, String> {
    use FieldType::*;
    let bad = || Err(format!("Couldn't parse default value \"{text}\"."));
    Ok(match t {
        Int32 | Sint32 | Sfixed32 | Int64 | Sint64 | Sfixed64 => match text.parse::<i64>() {
            Ok(v) => v.to_string(),
            Err(_) => return bad(),
        },
        Uint32 | Fixed32 | Uint64 | Fixed64 => match text.parse::<u64>() {
            Ok(v) => v.to_string(),
            Err(_) => return bad(),
        },
        Double => match parse_float(text) {
            Some(v) => simple_dtoa(v),
            None => return bad(),
        },
        Float => match parse_float(text) {
            Some(v) => simple_ftoa(v as f32),
            None => return bad(),
        },
        _ => text.to_string(),
    })
}

fn parse_float(text: &str) -> Option<f64> {
    let (neg, body) = match text.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, text),
    };
    let v = match body {
        "inf" | "infinity" => f64::INFINITY,
        "nan" => f64::NAN,
        _ => body.parse::<f64>().ok()?,
    };
    Some(if neg { -v } else { v })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_print_as_protoc() {
        // Outputs of protoc 35.1 (`DefaultValueAsString`).
        assert_eq!(normalize(FieldType::Double, "1e300").unwrap(), "1e+300");
        assert_eq!(normalize(FieldType::Double, "-0").unwrap(), "-0");
        assert_eq!(normalize(FieldType::Double, "0.00001").unwrap(), "1e-05");
        assert_eq!(normalize(FieldType::Double, "1e21").unwrap(), "1e+21");
        assert_eq!(normalize(FieldType::Double, "100000").unwrap(), "100000");
        assert_eq!(
            normalize(FieldType::Double, "123456789012345678").unwrap(),
            "1.2345678901234568e+17"
        );
        assert_eq!(normalize(FieldType::Double, "-inf").unwrap(), "-inf");
        assert_eq!(normalize(FieldType::Double, "nan").unwrap(), "nan");
        // Subnormal doubles round-trip at 15 digits like any other value.
        assert_eq!(
            normalize(FieldType::Double, "5e-324").unwrap(),
            "4.94065645841247e-324"
        );
        assert_eq!(
            normalize(FieldType::Double, "1e-310").unwrap(),
            "9.99999999999997e-311"
        );
    }

    #[test]
    fn floats_print_as_protoc() {
        assert_eq!(normalize(FieldType::Float, "1e39").unwrap(), "inf");
        assert_eq!(
            normalize(FieldType::Float, "3.4028235e38").unwrap(),
            "3.40282347e+38"
        );
        assert_eq!(normalize(FieldType::Float, "16777217").unwrap(), "16777216");
        assert_eq!(normalize(FieldType::Float, "1.5").unwrap(), "1.5");
        // Subnormal floats never round-trip for protoc: always 9 digits.
        assert_eq!(
            normalize(FieldType::Float, "1e-40").unwrap(),
            "9.9999461e-41"
        );
    }

    #[test]
    fn integers_print_in_decimal() {
        assert_eq!(normalize(FieldType::Int32, "-0").unwrap(), "0");
        assert_eq!(
            normalize(FieldType::Uint64, "18446744073709551615").unwrap(),
            "18446744073709551615"
        );
    }
}
