//! Decimal numbers as labs write them, with their reported precision.

use serde::{Serialize, Serializer, ser::SerializeStruct};
use smol_str::SmolStr;

/// A reported number: its value, and the text it was reported as (normalised to a decimal point), so that
/// `7.50` keeps its two decimals.
///
/// ```
/// use labcore::parse_decimal;
/// let n = parse_decimal("0.050").unwrap().number;
/// assert_eq!((n.value(), n.text(), n.decimals(), n.significant_digits()), (0.05, "0.050", 3, 2));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Decimal {
    value: f64,
    text: SmolStr,
    decimals: u8,
    significant: u8,
}

impl Decimal {
    /// The value as a float.
    pub fn value(&self) -> f64 {
        self.value
    }

    /// The number as reported, with a decimal point and without thousands separators (`1,234.50` → `1234.50`).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text, cheap to clone (inline for numbers of up to 23 characters).
    pub fn text_shared(&self) -> SmolStr {
        self.text.clone()
    }

    /// Digits reported after the decimal point.
    pub fn decimals(&self) -> u8 {
        self.decimals
    }

    /// Significant digits reported (trailing zeros count: `100` has three).
    pub fn significant_digits(&self) -> u8 {
        self.significant
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Decimal", 3)?;
        s.serialize_field("value", &self.value)?;
        s.serialize_field("text", &*self.text)?;
        s.serialize_field("decimals", &self.decimals)?;
        s.end()
    }
}

/// A number read from text, and whether it used a decimal comma.
#[derive(Debug, Clone, PartialEq)]
pub struct DecimalReading {
    /// The number.
    pub number: Decimal,
    /// The text used `,` as its decimal separator.
    pub decimal_comma: bool,
}

/// Why text is not a number. The text itself is never kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NumberError {
    /// Not a decimal number.
    #[error("not a decimal number")]
    NotANumber,
    /// The separators allow two readings (`1,234`).
    #[error("separators allow two readings")]
    Ambiguous,
    /// Beyond the range of a 64-bit float, or non-zero and below its smallest normal value (it would become zero
    /// or lose significant digits).
    #[error("number outside the range or the precision of a 64-bit float")]
    OutOfRange,
}

/// The parts of a number once its separators are understood.
struct Parts<'a> {
    negative: bool,
    integer: String,
    fraction: String,
    exponent: Option<&'a str>,
    decimal_comma: bool,
}

/// Parses a decimal number: optional sign, digits with `.` or `,` as decimal separator and the other as
/// thousands separator (in groups of three), optional exponent. Nothing else may follow.
///
/// `1,234` is refused as ambiguous (one thousand two hundred and thirty-four, or 1.234 with a decimal comma).
pub fn parse_decimal(text: &str) -> Result<DecimalReading, NumberError> {
    if let Some(reading) = plain(text) {
        return Ok(reading);
    }
    let parts = split(text)?;
    let integer = parts.integer.trim_start_matches('0');
    let mut canonical = String::with_capacity(text.len() + 1);
    if parts.negative {
        canonical.push('-');
    }
    canonical.push_str(if integer.is_empty() { "0" } else { integer });
    if !parts.fraction.is_empty() {
        canonical.push('.');
        canonical.push_str(&parts.fraction);
    }
    let exponent: i64 = match parts.exponent {
        Some(exp) => {
            canonical.push('e');
            canonical.push_str(exp);
            exp.parse().map_err(|_| NumberError::OutOfRange)?
        }
        None => 0,
    };
    let value: f64 = canonical.parse().map_err(|_| NumberError::NotANumber)?;
    let digits = format!("{integer}{}", parts.fraction);
    if !representable(value, &digits) {
        return Err(NumberError::OutOfRange);
    }
    let significant = digits.trim_start_matches('0').len().max(1);
    let decimals = i64::try_from(parts.fraction.len()).unwrap_or(i64::MAX).saturating_sub(exponent).max(0);
    let number = Decimal {
        value: if value == 0.0 { 0.0 } else { value },
        text: super::shared_text(&canonical),
        decimals: u8::try_from(decimals).unwrap_or(u8::MAX),
        significant: u8::try_from(significant).unwrap_or(u8::MAX),
    };
    Ok(DecimalReading { number, decimal_comma: parts.decimal_comma })
}

/// Whether a parsed value is the number its digits say: finite (not an overflow to infinity, `1e309`) and, when
/// a digit is not zero, not an underflow to zero (`1e-400`) or to a subnormal float (below 2.2e-308, where a 64-bit
/// float keeps fewer than its 15 significant digits). Such a number is refused, never rounded to something else.
fn representable(value: f64, digits: &str) -> bool {
    let zero_digits = digits.bytes().all(|b| b == b'0');
    value.is_finite() && (zero_digits || value.is_normal())
}

/// The common case, `-?digits(.digits)?` without leading zeros, read without intermediate copies.
fn plain(text: &str) -> Option<DecimalReading> {
    let bytes = text.as_bytes();
    let unsigned = bytes.strip_prefix(b"-").unwrap_or(bytes);
    let point = unsigned.iter().position(|b| *b == b'.');
    let (integer, fraction) = match point {
        Some(at) => (unsigned.get(..at)?, unsigned.get(at + 1..)?),
        None => (unsigned, &[][..]),
    };
    let digits = |part: &[u8]| part.iter().all(u8::is_ascii_digit);
    let canonical_integer = integer == b"0" || integer.first().is_some_and(|b| *b != b'0');
    if integer.is_empty() || !digits(integer) || !digits(fraction) || !canonical_integer || unsigned.len() > 40 {
        return None;
    }
    if point.is_some() && fraction.is_empty() {
        return None;
    }
    let value = match fast_decimal(integer, fraction) {
        Some(v) if bytes.first() == Some(&b'-') => -v,
        Some(v) => v,
        None => text.parse().ok()?,
    };
    let leading_zeros = integer.iter().chain(fraction).take_while(|b| **b == b'0').count();
    let significant = (integer.len() + fraction.len()).saturating_sub(leading_zeros).max(1);
    let number = Decimal {
        value: if value == 0.0 { 0.0 } else { value },
        text: super::shared_text(text),
        decimals: u8::try_from(fraction.len()).ok()?,
        significant: u8::try_from(significant).ok()?,
    };
    Some(DecimalReading { number, decimal_comma: false })
}

/// Powers of ten exactly representable in an f64.
const POW10: [f64; 16] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/// Clinger's fast path: with at most 15 digits, the digits form an integer exactly representable in an f64,
/// and one division by an exact power of ten is correctly rounded — the same result as `str::parse`.
/// `None` for longer numbers (the caller parses those in full).
pub(crate) fn fast_decimal(integer: &[u8], fraction: &[u8]) -> Option<f64> {
    if integer.len() + fraction.len() > 15 {
        return None;
    }
    let mut mantissa: u64 = 0;
    for b in integer.iter().chain(fraction) {
        mantissa = mantissa * 10 + u64::from(b.checked_sub(b'0').filter(|d| *d <= 9)?);
    }
    // At most 15 digits: below 2^53, so the conversion is exact.
    #[allow(clippy::cast_precision_loss)]
    let mantissa = mantissa as f64;
    Some(mantissa / POW10.get(fraction.len())?)
}

fn split(text: &str) -> Result<Parts<'_>, NumberError> {
    let (negative, unsigned) = match text.as_bytes().first() {
        Some(b'-') => (true, text.get(1..).unwrap_or_default()),
        Some(b'+') => (false, text.get(1..).unwrap_or_default()),
        _ => (false, text),
    };
    let (mantissa, exponent) = split_exponent(unsigned)?;
    if mantissa.is_empty() || !mantissa.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',') {
        return Err(NumberError::NotANumber);
    }
    if !mantissa.bytes().any(|b| b.is_ascii_digit()) {
        return Err(NumberError::NotANumber);
    }
    let (integer, fraction, decimal_comma) = separate(mantissa)?;
    if exponent.is_some() && (decimal_comma || integer.len() != digits_before_point(mantissa)) {
        // An exponent only goes with a plain `d.ddd` mantissa.
        return Err(NumberError::NotANumber);
    }
    Ok(Parts { negative, integer, fraction, exponent, decimal_comma })
}

fn digits_before_point(mantissa: &str) -> usize {
    mantissa.split('.').next().map_or(0, str::len)
}

fn split_exponent(text: &str) -> Result<(&str, Option<&str>), NumberError> {
    let Some(at) = text.find(['e', 'E']) else { return Ok((text, None)) };
    let mantissa = text.get(..at).unwrap_or_default();
    let exponent = text.get(at + 1..).unwrap_or_default();
    let digits = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
    if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(NumberError::NotANumber);
    }
    Ok((mantissa, Some(exponent)))
}

/// Splits a mantissa into integer and fraction digits, deciding which separator is the decimal one.
fn separate(mantissa: &str) -> Result<(String, String, bool), NumberError> {
    let dots = mantissa.matches('.').count();
    let commas = mantissa.matches(',').count();
    match (dots, commas) {
        (0, 0) => Ok((mantissa.to_owned(), String::new(), false)),
        (1, 0) => decimal_split(mantissa, '.', None),
        (0, 1) => {
            let (int, frac) = mantissa.split_once(',').unwrap_or((mantissa, ""));
            if frac.len() == 3 && (1..=3).contains(&int.len()) && !int.starts_with('0') {
                return Err(NumberError::Ambiguous);
            }
            decimal_split(mantissa, ',', None)
        }
        (_, 0) => grouped_integer(mantissa, '.'),
        (0, _) => grouped_integer(mantissa, ','),
        _ => {
            // Both separators: the last one is the decimal separator, the other groups thousands.
            let last_dot = mantissa.rfind('.');
            let last_comma = mantissa.rfind(',');
            if last_dot > last_comma {
                decimal_split(mantissa, '.', Some(','))
            } else {
                decimal_split(mantissa, ',', Some('.'))
            }
        }
    }
}

fn decimal_split(mantissa: &str, point: char, thousands: Option<char>) -> Result<(String, String, bool), NumberError> {
    let (int, frac) = mantissa.rsplit_once(point).ok_or(NumberError::NotANumber)?;
    if frac.contains(['.', ',']) {
        return Err(NumberError::NotANumber);
    }
    let integer = match thousands {
        Some(sep) => grouped_integer(int, sep)?.0,
        None if int.contains(['.', ',']) => return Err(NumberError::NotANumber),
        None => int.to_owned(),
    };
    Ok((integer, frac.to_owned(), point == ','))
}

/// `1,234,567` or `1.234.567`: a first group of one to three digits, then groups of exactly three.
fn grouped_integer(text: &str, separator: char) -> Result<(String, String, bool), NumberError> {
    let mut groups = text.split(separator);
    let first = groups.next().unwrap_or_default();
    if first.is_empty() || first.len() > 3 || first.contains(['.', ',']) {
        return Err(NumberError::NotANumber);
    }
    let mut digits = first.to_owned();
    for group in groups {
        if group.len() != 3 || !group.bytes().all(|b| b.is_ascii_digit()) {
            return Err(NumberError::NotANumber);
        }
        digits.push_str(group);
    }
    Ok((digits, String::new(), false))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn text(input: &str) -> Result<String, NumberError> {
        parse_decimal(input).map(|r| r.number.text().to_owned())
    }

    #[test]
    fn separators() {
        assert_eq!(text("1,234,567"), Ok("1234567".into()));
        assert_eq!(text("1.234.567"), Ok("1234567".into()));
        assert_eq!(text("1.234.567,89"), Ok("1234567.89".into()));
        assert_eq!(text("12,50"), Ok("12.50".into()));
        assert_eq!(text(".5"), Ok("0.5".into()));
        assert_eq!(text("5."), Ok("5".into()));
        assert_eq!(text("007"), Ok("7".into()));
        assert_eq!(text("1,23,456"), Err(NumberError::NotANumber));
        assert_eq!(text("1.2.3"), Err(NumberError::NotANumber));
        assert_eq!(text("1,2.3,4"), Err(NumberError::NotANumber));
        assert_eq!(text("123,456"), Err(NumberError::Ambiguous));
        assert_eq!(text("."), Err(NumberError::NotANumber));
        assert_eq!(text("-"), Err(NumberError::NotANumber));
        assert_eq!(text(""), Err(NumberError::NotANumber));
    }

    #[test]
    fn exponents() {
        assert_eq!(text("1.20E3"), Ok("1.20e3".into()));
        assert_eq!(parse_decimal("1.20E3").map(|r| (r.number.value(), r.number.decimals())), Ok((1200.0, 0)));
        assert_eq!(parse_decimal("5e-3").map(|r| (r.number.value(), r.number.decimals())), Ok((0.005, 3)));
        assert_eq!(text("1,5e3"), Err(NumberError::NotANumber));
        assert_eq!(text("1e"), Err(NumberError::NotANumber));
        assert_eq!(text("1e99999"), Err(NumberError::NotANumber));
        assert_eq!(text("1e400"), Err(NumberError::OutOfRange));
        assert_eq!(text("1e-400"), Err(NumberError::OutOfRange));
        assert_eq!(text("-2.5e-400"), Err(NumberError::OutOfRange));
        assert_eq!(text("1e-310"), Err(NumberError::OutOfRange), "subnormal: fewer significant digits than sent");
        assert_eq!(parse_decimal("1e-300").map(|r| r.number.value()), Ok(1e-300));
        assert_eq!(parse_decimal("0e-400").map(|r| r.number.value()), Ok(0.0), "zero is zero at any exponent");
        assert_eq!(parse_decimal("0.000e5").map(|r| r.number.value()), Ok(0.0));
    }

    #[test]
    fn precision() {
        let n = parse_decimal("100").map(|r| r.number);
        assert_eq!(n.map(|n| (n.significant_digits(), n.decimals())), Ok((3, 0)));
        let n = parse_decimal("-0.0").map(|r| r.number);
        assert_eq!(n.map(|n| (n.value().to_bits(), n.significant_digits())), Ok((0.0f64.to_bits(), 1)));
    }

    proptest! {
        #[test]
        fn never_panics(input in "\\PC{0,40}") {
            let _ = parse_decimal(&input);
        }

        #[test]
        fn fast_path_equals_std_parse(int in 0u64..10_000_000, frac in "[0-9]{0,8}") {
            let text = if frac.is_empty() { int.to_string() } else { format!("{int}.{frac}") };
            let expected: f64 = text.parse().map_err(|_| TestCaseError::fail("float"))?;
            let (i, f) = text.split_once('.').unwrap_or((&text, ""));
            if let Some(fast) = fast_decimal(i.as_bytes(), f.as_bytes()) {
                prop_assert_eq!(fast.to_bits(), expected.to_bits());
            }
        }

        #[test]
        fn plain_decimals_round_trip(int in 0u32..100_000, frac in "[0-9]{0,4}") {
            let input = if frac.is_empty() { int.to_string() } else { format!("{int}.{frac}") };
            let reading = parse_decimal(&input).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
            let expected: f64 = input.parse().map_err(|_| TestCaseError::fail("float"))?;
            prop_assert_eq!(reading.number.value(), expected);
            prop_assert_eq!(usize::from(reading.number.decimals()), frac.len());
        }
    }
}
