//! Floating-point numbers as protoc prints them: C's `%.{p}g` and protobuf's `io::SimpleDtoa` /
//! `io::SimpleFtoa` (io/strtod.cc), shared by default values (`compiler::link::defaults`,
//! the parser's negative defaults) and the text format printer (`codec`). A leaf module.

/// C's `printf("%.{precision}g", v)` (exact decimal rounding, as glibc's): `inf`, `-inf`,
/// `nan` / `-nan` for the special values.
pub fn format_g(v: f64, precision: usize) -> String {
    if v.is_nan() {
        return if v.is_sign_negative() { "-nan" } else { "nan" }.into();
    }
    if v.is_infinite() {
        return if v < 0.0 { "-inf" } else { "inf" }.into();
    }
    if v == 0.0 {
        return if v.is_sign_negative() { "-0" } else { "0" }.into();
    }
    let p = precision.max(1);
    // The exponent as %e would print it after rounding to p significant digits.
    let e_form = format!("{:.*e}", p - 1, v);
    let (mantissa, exp) = e_form.split_once('e').unwrap_or((&e_form, "0"));
    let x: i32 = exp.parse().unwrap_or(0);
    if x < -4 || x >= p as i32 {
        let m = strip_zeros(mantissa);
        let sign = if x < 0 { '-' } else { '+' };
        format!("{m}e{sign}{:02}", x.unsigned_abs())
    } else {
        let decimals = (p as i32 - 1 - x).max(0) as usize;
        strip_zeros(&format!("{v:.decimals$}")).to_string()
    }
}

/// `%g` drops trailing zeros of the fraction, and the point if nothing is left after it.
fn strip_zeros(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}

/// `io::SimpleDtoa`: `%.15g` unless it does not read back as the same double, then `%.17g`.
/// NB: every NaN prints as `nan`, whatever its sign.
pub fn simple_dtoa(v: f64) -> String {
    if v.is_nan() {
        return "nan".into();
    }
    let s = format_g(v, 15);
    // A plain `strtod` round trip, which subnormals pass like any other value
    // (`5e-324` is `4.94065645841247e-324`).
    if s.parse::<f64>().ok() == Some(v) {
        s
    } else {
        format_g(v, 17)
    }
}

/// `io::SimpleFtoa`: `%.6g` unless it does not read back as the same float, then `%.9g`.
/// NB: every NaN prints as `nan`, whatever its sign.
pub fn simple_ftoa(v: f32) -> String {
    if v.is_nan() {
        return "nan".into();
    }
    let s = format_g(v as f64, 6);
    // NB: protoc's float round trip (`safe_strtof`) reports subnormals as out of range, so
    // they never round-trip and always get `%.9g` (`1e-40` prints as `9.9999461e-41`).
    let subnormal = v != 0.0 && v.abs() < f32::MIN_POSITIVE;
    if !subnormal && s.parse::<f32>().ok() == Some(v) {
        s
    } else {
        format_g(v as f64, 9)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_protoc_prints_them() {
        // protoc 35.1's outputs (default values and --decode).
        assert_eq!(simple_dtoa(1e300), "1e+300");
        assert_eq!(simple_dtoa(-0.0), "-0");
        assert_eq!(simple_dtoa(1e-5), "1e-05");
        assert_eq!(simple_dtoa(0.1), "0.1");
        assert_eq!(simple_dtoa(5e-324), "4.94065645841247e-324");
        assert_eq!(simple_dtoa(f64::NEG_INFINITY), "-inf");
        assert_eq!(simple_dtoa(-f64::NAN), "nan");
        assert_eq!(simple_ftoa(0.1), "0.1");
        assert_eq!(simple_ftoa(1e-40), "9.9999461e-41");
        assert_eq!(simple_ftoa(16777217.0), "16777216");
        assert_eq!(format_g(0.1, 17), "0.10000000000000001");
        assert_eq!(format_g(-f64::NAN, 6), "-nan");
    }

    #[test]
    fn g_format_as_printf() {
        // Expected texts are glibc printf's.
        assert_eq!(format_g(0.1, 15), "0.1");
        assert_eq!(format_g(0.1, 17), "0.10000000000000001");
        assert_eq!(format_g(1e21, 15), "1e+21");
        assert_eq!(format_g(123456.0, 6), "123456");
        assert_eq!(format_g(1234567.0, 6), "1.23457e+06");
        assert_eq!(format_g(0.0001, 6), "0.0001");
        assert_eq!(format_g(0.00001, 6), "1e-05");
        assert_eq!(format_g(-2.5, 6), "-2.5");
        assert_eq!(format_g(9.9999999, 6), "10");
        assert_eq!(format_g(999999.5, 6), "1e+06");
        assert_eq!(format_g(1e100, 15), "1e+100");
    }

    #[test]
    fn shortest_round_trip() {
        assert_eq!(simple_dtoa(0.1), "0.1");
        assert_eq!(simple_dtoa(1.0 / 3.0), "0.33333333333333331");
        assert_eq!(simple_ftoa(0.1), "0.1");
        assert_eq!(simple_ftoa(16777217.0), "16777216");
        assert_eq!(simple_ftoa(1.0 / 3.0), "0.333333343");
        assert_eq!(simple_dtoa(-0.0), "-0");
        assert_eq!(simple_dtoa(f64::NEG_INFINITY), "-inf");
        assert_eq!(simple_ftoa(-f32::NAN), "nan");
    }
}
