//! Reference ranges as vendors print them: `4.0-11.0`, `4.3 to 6.2`, `<200`, `>40`, `70_105`, `3,5 - 5,1`,
//! `>= 60`, `0.5-1.2 mg/dL`, `Negative`.

use crate::value::{Comparator, ReportedValue, read_value_text};

/// One end of a range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bound {
    /// The limit, in the unit of the range.
    pub value: f64,
    /// Whether a value equal to the limit is inside the range.
    pub inclusive: bool,
}

/// A numeric range read from text: either end may be open.
#[derive(Debug, Clone, PartialEq)]
pub struct NumericRange {
    /// The low end; `None` for `<200`.
    pub low: Option<Bound>,
    /// The high end; `None` for `>40`.
    pub high: Option<Bound>,
    /// A unit printed after the numbers (`0.5-1.2 mg/dL`), if any.
    pub unit: Option<String>,
}

/// What a vendor range says.
#[derive(Debug, Clone, PartialEq)]
pub enum VendorRangeReading {
    /// A numeric range.
    Numeric(NumericRange),
    /// A qualitative expected result ("Negative", "Non-reactive", "Not detected").
    Qualitative(String),
}

/// Words that introduce a range and mean nothing else ("Ref: 70-99", "Normal range 4-11").
const PREFIXES: &[&str] =
    &["reference range", "reference", "ref range", "ref.", "ref:", "ref", "normal range", "normal:", "range"];

/// Qualitative expectations a text result is compared with.
const QUALITATIVE: &[&str] = &[
    "negative",
    "neg",
    "nonreactive",
    "non-reactive",
    "not detected",
    "none detected",
    "none seen",
    "absent",
    "normal",
];

/// Reads a vendor range; `None` when the text is neither a numeric range nor a known qualitative one.
///
/// ```
/// use labcore::flags::{read_vendor_range, VendorRangeReading};
/// let Some(VendorRangeReading::Numeric(r)) = read_vendor_range("4.3 to 6.2") else { panic!() };
/// assert_eq!((r.low.unwrap().value, r.high.unwrap().value), (4.3, 6.2));
/// let Some(VendorRangeReading::Numeric(r)) = read_vendor_range("<200") else { panic!() };
/// assert!(r.low.is_none() && !r.high.unwrap().inclusive);
/// assert!(read_vendor_range("see report").is_none());
/// ```
pub fn read_vendor_range(text: &str) -> Option<VendorRangeReading> {
    if let Some(range) = simple_range(text) {
        return Some(VendorRangeReading::Numeric(range));
    }
    let text = strip_prefix(text.trim());
    if text.is_empty() || text.len() > 128 {
        return None;
    }
    let lower = text.to_lowercase();
    if QUALITATIVE.contains(&lower.as_str()) {
        return Some(VendorRangeReading::Qualitative(lower));
    }
    let (numbers, unit) = split_unit(text);
    let range = one_sided(numbers).or_else(|| two_sided(numbers))?;
    Some(VendorRangeReading::Numeric(NumericRange { unit: unit.map(str::to_owned), ..range }))
}

/// The common shapes (`4.0-11.0`, `4.0 - 11.0`, `70_105`, `<200`, `>= 60`), read without copies; anything else
/// goes to the general reader.
fn simple_range(text: &str) -> Option<NumericRange> {
    let bytes = text.as_bytes().trim_ascii();
    let (comparator, start) = match bytes {
        [b'<', b'=', ..] => (Some(Comparator::LessOrEqual), 2),
        [b'>', b'=', ..] => (Some(Comparator::GreaterOrEqual), 2),
        [b'<', ..] => (Some(Comparator::Less), 1),
        [b'>', ..] => (Some(Comparator::Greater), 1),
        _ => (None, 0),
    };
    let mut at = skip_spaces(bytes, start);
    let (low, next) = number_at(bytes, at)?;
    if let Some(comparator) = comparator {
        return (skip_spaces(bytes, next) == bytes.len()).then(|| one_bound(comparator, low));
    }
    at = skip_spaces(bytes, next);
    at = match bytes.get(at) {
        Some(b'-' | b'_') => at + 1,
        _ => return None,
    };
    let (high, end) = number_at(bytes, skip_spaces(bytes, at))?;
    if skip_spaces(bytes, end) != bytes.len() || low > high {
        return None;
    }
    let bound = |value| Some(Bound { value, inclusive: true });
    Some(NumericRange { low: bound(low), high: bound(high), unit: None })
}

fn skip_spaces(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at) == Some(&b' ') {
        at += 1;
    }
    at
}

/// A plain decimal (optional minus, digits, one `.`) starting at `at`, and where it ends.
fn number_at(bytes: &[u8], at: usize) -> Option<(f64, usize)> {
    let mut end = at + usize::from(bytes.get(at) == Some(&b'-'));
    let digits_start = end;
    let mut seen_point = false;
    while let Some(b) = bytes.get(end) {
        match b {
            b'0'..=b'9' => {}
            b'.' if !seen_point => seen_point = true,
            _ => break,
        }
        end += 1;
    }
    if end == digits_start || !bytes.get(digits_start).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let number = bytes.get(digits_start..end)?;
    let (integer, fraction) = match number.iter().position(|b| *b == b'.') {
        Some(point) => (number.get(..point)?, number.get(point + 1..)?),
        None => (number, &[][..]),
    };
    let value = match crate::value::fast_decimal(integer, fraction) {
        Some(v) => v,
        None => std::str::from_utf8(number).ok()?.parse().ok()?,
    };
    let value = if digits_start > at { -value } else { value };
    value.is_finite().then_some((value, end))
}

fn strip_prefix(text: &str) -> &str {
    let lower = text.to_ascii_lowercase();
    PREFIXES
        .iter()
        .find(|p| lower.starts_with(*p))
        .and_then(|p| text.get(p.len()..))
        .map_or(text, |rest| rest.trim_start_matches([':', ' ', '=']).trim())
}

/// Splits a trailing unit (`0.5-1.2 mg/dL`) from the numbers: the unit starts at the first letter, `%` or `µ`
/// that follows a digit and a space.
fn split_unit(text: &str) -> (&str, Option<&str>) {
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        let starts_unit = c.is_alphabetic() || c == '%' || c == '/';
        let after_number = i > 0
            && bytes.get(..i).is_some_and(|b| b.iter().rev().find(|b| **b != b' ').is_some_and(u8::is_ascii_digit));
        if starts_unit && after_number && !is_separator_word(text.get(i..).unwrap_or_default()) {
            let unit = text.get(i..).map(str::trim).filter(|u| !u.is_empty());
            return (text.get(..i).unwrap_or(text).trim(), unit);
        }
    }
    (text, None)
}

fn is_separator_word(rest: &str) -> bool {
    let lower = rest.to_ascii_lowercase();
    lower.starts_with("to ")
        || lower.starts_with("to-")
        || lower.starts_with("e") && rest.get(1..2).is_some_and(|d| d.chars().all(|c| c.is_ascii_digit() || c == '-'))
}

/// `<200`, `<= 5`, `>40`, `≥ 60`, `up to 5`, `less than 5`, `greater than 40`.
fn one_sided(text: &str) -> Option<NumericRange> {
    const WORDS: &[(&str, Comparator)] = &[
        ("up to", Comparator::LessOrEqual),
        ("less than", Comparator::Less),
        ("greater than", Comparator::Greater),
        ("more than", Comparator::Greater),
        ("below", Comparator::Less),
        ("above", Comparator::Greater),
    ];
    let lower = text.to_ascii_lowercase();
    let worded = WORDS.iter().find(|(w, _)| lower.starts_with(w));
    let (comparator, number) = match worded {
        Some((word, comparator)) => (*comparator, text.get(word.len()..)?.trim()),
        None => match read_value_text(text) {
            ReportedValue::Number { comparator: Some(c), number, .. } => return Some(one_bound(c, number.value())),
            _ => return None,
        },
    };
    match read_value_text(number) {
        ReportedValue::Number { comparator: None, number, .. } => Some(one_bound(comparator, number.value())),
        _ => None,
    }
}

fn one_bound(comparator: Comparator, value: f64) -> NumericRange {
    let (low, high) = match comparator {
        Comparator::Less => (None, Some(Bound { value, inclusive: false })),
        Comparator::LessOrEqual => (None, Some(Bound { value, inclusive: true })),
        Comparator::Greater => (Some(Bound { value, inclusive: false }), None),
        Comparator::GreaterOrEqual => (Some(Bound { value, inclusive: true }), None),
    };
    NumericRange { low, high, unit: None }
}

/// `4.0-11.0`, `4.0 - 11.0`, `4.3 to 6.2`, `70_105`, `-2 - 2`, `3,5-5,1`, `[4.0; 11.0]`.
fn two_sided(text: &str) -> Option<NumericRange> {
    let text = text.trim_start_matches(['[', '(']).trim_end_matches([']', ')']).trim();
    for separator in [" to ", " TO ", " - ", " – ", "–", "—", "_", "..", ";", " ", "-"] {
        // The first character may be a minus sign of the low end: search after it.
        let Some(at) = text.get(1..).and_then(|rest| rest.find(separator)).map(|i| i + 1) else { continue };
        let (low, high) = (text.get(..at)?.trim(), text.get(at + separator.len()..)?.trim());
        if let (Some(low), Some(high)) = (plain_number(low), plain_number(high))
            && low <= high
        {
            let bound = |value| Some(Bound { value, inclusive: true });
            return Some(NumericRange { low: bound(low), high: bound(high), unit: None });
        }
    }
    None
}

fn plain_number(text: &str) -> Option<f64> {
    match read_value_text(text) {
        ReportedValue::Number { comparator: None, number, .. } => Some(number.value()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Bound = Option<(f64, bool)>;

    fn numeric(text: &str) -> Option<(Bound, Bound, Option<String>)> {
        match read_vendor_range(text)? {
            VendorRangeReading::Numeric(r) => {
                Some((r.low.map(|b| (b.value, b.inclusive)), r.high.map(|b| (b.value, b.inclusive)), r.unit))
            }
            VendorRangeReading::Qualitative(_) => None,
        }
    }

    #[test]
    fn vendor_spellings() {
        let both = |l: f64, h: f64| Some((Some((l, true)), Some((h, true)), None));
        assert_eq!(numeric("4.0-11.0"), both(4.0, 11.0));
        assert_eq!(numeric("4.0 - 11.0"), both(4.0, 11.0));
        assert_eq!(numeric("4.3 to 6.2"), both(4.3, 6.2));
        assert_eq!(numeric("70_105"), both(70.0, 105.0));
        assert_eq!(numeric("3,5-5,1"), both(3.5, 5.1));
        assert_eq!(numeric("-2 - 2"), both(-2.0, 2.0));
        assert_eq!(numeric("-3--1"), both(-3.0, -1.0));
        assert_eq!(numeric("[4.0; 11.0]"), both(4.0, 11.0));
        assert_eq!(numeric("Ref: 70-99"), both(70.0, 99.0));
        assert_eq!(
            numeric("135 - 145 mmol/L"),
            Some((Some((135.0, true)), Some((145.0, true)), Some("mmol/L".into())))
        );
        assert_eq!(numeric("<200"), Some((None, Some((200.0, false)), None)));
        assert_eq!(numeric("<= 5.0"), Some((None, Some((5.0, true)), None)));
        assert_eq!(numeric(">40"), Some((Some((40.0, false)), None, None)));
        assert_eq!(numeric("≥60"), Some((Some((60.0, true)), None, None)));
        assert_eq!(numeric("up to 5"), Some((None, Some((5.0, true)), None)));
        assert_eq!(numeric("> 59 mL/min/1.73m2"), Some((Some((59.0, false)), None, Some("mL/min/1.73m2".into()))));
    }

    #[test]
    fn not_ranges() {
        for text in ["", "see report", "11.0-4.0", "4.0-", "M: 13.5-17.5 F: 12.0-15.5", "abc-def", &"1".repeat(200)] {
            assert_eq!(numeric(text), None, "{text}");
        }
        assert_eq!(read_vendor_range("Negative"), Some(VendorRangeReading::Qualitative("negative".into())));
    }
}
