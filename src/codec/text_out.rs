//! The text printer's output (text_format.cc `TextGenerator`: two spaces per level, written at
//! the start of each non-empty line) and its number formats (io/strtod.cc `SimpleDtoa`,
//! `SimpleFtoa`).

/// Text being printed, with its current indentation.
#[derive(Default)]
pub struct TextOut {
    pub buf: Vec<u8>,
    indent: usize,
}

impl TextOut {
    /// One `text` line at the current indentation.
    pub fn line(&mut self, text: &str) {
        self.indent_line();
        self.buf.extend_from_slice(text.as_bytes());
        self.buf.push(b'\n');
    }

    /// `NAME {` and one level deeper.
    pub fn open(&mut self, name: &str) {
        self.line(&format!("{name} {{"));
        self.indent += 1;
    }

    /// One level back, then `}`.
    pub fn close(&mut self) {
        self.indent = self.indent.saturating_sub(1);
        self.line("}");
    }

    fn indent_line(&mut self) {
        for _ in 0..self.indent {
            self.buf.extend_from_slice(b"  ");
        }
    }
}

/// `SimpleDtoa`: `%.15g` if it reads back as the same double, else `%.17g`.
pub fn simple_dtoa(v: f64) -> String {
    if let Some(s) = special(v, v.is_nan()) {
        return s;
    }
    let short = format_g(v, 15);
    if short.parse::<f64>().ok() == Some(v) {
        short
    } else {
        format_g(v, 17)
    }
}

/// `SimpleFtoa`: `%.6g` if it reads back as the same float, else `%.9g`.
pub fn simple_ftoa(v: f32) -> String {
    if let Some(s) = special(v as f64, v.is_nan()) {
        return s;
    }
    let short = format_g(v as f64, 6);
    if short.parse::<f32>().ok() == Some(v) {
        short
    } else {
        format_g(v as f64, 9)
    }
}

/// NB: the printer writes every NaN as `nan`, whatever its sign.
fn special(v: f64, nan: bool) -> Option<String> {
    if nan {
        Some("nan".into())
    } else if v == f64::INFINITY {
        Some("inf".into())
    } else if v == f64::NEG_INFINITY {
        Some("-inf".into())
    } else {
        None
    }
}

/// C's `%.{precision}g` for a finite value (exact decimal rounding, as glibc's printf).
pub fn format_g(v: f64, precision: usize) -> String {
    let p = precision.max(1);
    if v == 0.0 {
        return if v.is_sign_negative() { "-0" } else { "0" }.into();
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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
