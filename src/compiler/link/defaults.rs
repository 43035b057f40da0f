//! Default values as protoc stores them (`FieldDescriptor::DefaultValueAsString`): the parser's
//! text re-parsed by type and printed back (integers in decimal, floats as `%.15g`/`%.17g` or
//! `%.6g`/`%.9g`, `inf`, `-inf`, `nan`).

use crate::descriptor::model::FieldType;

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

/// absl `SimpleDtoa`: `%.15g` unless it does not round-trip, then `%.17g`.
pub fn simple_dtoa(v: f64) -> String {
    if v.is_nan() {
        return "nan".into();
    }
    let s = format_g(v, 15);
    // Unlike `SimpleFtoa` below, protoc's double check is a plain `strtod` round trip, which
    // subnormals pass like any other value (`5e-324` is `4.94065645841247e-324`).
    if s.parse::<f64>().ok() == Some(v) {
        s
    } else {
        format_g(v, 17)
    }
}

/// absl `SimpleFtoa`: `%.6g` unless it does not round-trip as a float, then `%.9g`.
pub fn simple_ftoa(v: f32) -> String {
    if v.is_nan() {
        return "nan".into();
    }
    let s = format_g(v as f64, 6);
    // NB: protoc's float round trip (`safe_strtof`) reports subnormals as out of range, so
    // they never round-trip and always get `%.9g`.
    let subnormal = v != 0.0 && v.abs() < f32::MIN_POSITIVE;
    if !subnormal && s.parse::<f32>().ok() == Some(v) {
        s
    } else {
        format_g(v as f64, 9)
    }
}

/// C's `printf("%.{prec}g", v)`.
pub fn format_g(v: f64, prec: usize) -> String {
    if v.is_nan() {
        return "nan".into();
    }
    if v.is_infinite() {
        return if v < 0.0 { "-inf".into() } else { "inf".into() };
    }
    if v == 0.0 {
        return if v.is_sign_negative() {
            "-0".into()
        } else {
            "0".into()
        };
    }
    let prec = prec.max(1);
    let sci = format!("{:.*e}", prec - 1, v);
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if exp < -4 || exp >= prec as i32 {
        let mant = strip_zeros(mant);
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{mant}e{sign}{:02}", exp.abs())
    } else {
        let decimals = (prec as i32 - 1 - exp).max(0) as usize;
        strip_zeros(&format!("{:.*}", decimals, v)).to_string()
    }
}

fn strip_zeros(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
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
