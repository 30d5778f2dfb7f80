//! Reported result values: numbers, bounds (`<0.01`), and text kept as text.

mod number;

pub(crate) use number::fast_decimal;
pub use number::{Decimal, DecimalReading, NumberError, parse_decimal};

use crate::Phi;
use serde::Serialize;

/// A comparator in front of a value: the value is a bound, not a measurement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Comparator {
    /// `<`
    #[serde(rename = "<")]
    Less,
    /// `<=` or `≤`
    #[serde(rename = "<=")]
    LessOrEqual,
    /// `>`
    #[serde(rename = ">")]
    Greater,
    /// `>=` or `≥`
    #[serde(rename = ">=")]
    GreaterOrEqual,
}

impl Comparator {
    /// The ASCII symbol, as in FHIR `Quantity.comparator`.
    pub const fn symbol(self) -> &'static str {
        match self {
            Comparator::Less => "<",
            Comparator::LessOrEqual => "<=",
            Comparator::Greater => ">",
            Comparator::GreaterOrEqual => ">=",
        }
    }
}

/// Why a value is kept as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TextKind {
    /// Empty or white space only.
    Empty,
    /// A masked placeholder such as `***.**` or `####`.
    Masked,
    /// Any other text ("see comment", "TNP", "hemolyzed", …).
    Text,
    /// The separators allow two readings (`1,234`).
    Ambiguous,
    /// A number a 64-bit float cannot hold: too large (`1e309`), or so small that it would become zero or lose
    /// precision (`1e-400`, anything non-zero below 2.2e-308).
    OutOfRange,
}

/// A value as the sender reported it.
#[derive(Debug, Clone, PartialEq)]
pub enum ReportedValue {
    /// A number, possibly a bound.
    Number {
        /// `<`, `>`, … when the value is a bound.
        comparator: Option<Comparator>,
        /// The number, with the precision it was reported with.
        number: Decimal,
        /// The value used a decimal comma.
        decimal_comma: bool,
    },
    /// Not a number; the text is kept, protected, because free text can hold anything.
    Text {
        /// Why it is not a number.
        kind: TextKind,
        /// The text as sent.
        text: Phi<String>,
    },
}

/// The longest value text labcore tries to read as a number; longer text is kept as text.
const MAX_NUMERIC_TEXT: usize = 64;

/// Reads a value sent as a string: numbers (decimal point or comma, thousands separators), comparators, and
/// anything else as text.
///
/// ```
/// use labcore::{read_value_text, Comparator, ReportedValue, TextKind};
/// let ReportedValue::Number { comparator, number, decimal_comma } = read_value_text("< 0,050") else { panic!() };
/// assert_eq!((comparator, number.value(), number.text(), decimal_comma), (Some(Comparator::Less), 0.05, "0.050", true));
/// assert!(matches!(read_value_text("***.**"), ReportedValue::Text { kind: TextKind::Masked, .. }));
/// assert!(matches!(read_value_text("1,234"), ReportedValue::Text { kind: TextKind::Ambiguous, .. }));
/// ```
pub fn read_value_text(raw: &str) -> ReportedValue {
    // Most values are plain ASCII ("13.8"): nothing to clean, no copy.
    let cleaned: std::borrow::Cow<'_, str> =
        if raw.bytes().all(|b| b.is_ascii_graphic()) { raw.into() } else { clean(raw).into() };
    let text = || Phi::new(raw.to_owned());
    if cleaned.is_empty() {
        return ReportedValue::Text { kind: TextKind::Empty, text: text() };
    }
    if is_masked(&cleaned) {
        return ReportedValue::Text { kind: TextKind::Masked, text: text() };
    }
    let (comparator, rest) = split_comparator(&cleaned);
    if rest.len() > MAX_NUMERIC_TEXT {
        return ReportedValue::Text { kind: TextKind::Text, text: text() };
    }
    match parse_decimal(rest.trim_start()) {
        Ok(reading) => {
            ReportedValue::Number { comparator, number: reading.number, decimal_comma: reading.decimal_comma }
        }
        Err(NumberError::Ambiguous) => ReportedValue::Text { kind: TextKind::Ambiguous, text: text() },
        Err(NumberError::OutOfRange) => ReportedValue::Text { kind: TextKind::OutOfRange, text: text() },
        Err(NumberError::NotANumber) => ReportedValue::Text { kind: TextKind::Text, text: text() },
    }
}

/// A shared string of `text`. Short text (the usual case) is copied byte by byte into the inline buffer, which
/// profiles faster than `SmolStr::new`'s call to `memcpy` for a handful of bytes.
pub(crate) fn shared_text(text: &str) -> smol_str::SmolStr {
    if text.len() <= smol_str::SmolStr::INLINE_CAP {
        smol_str::SmolStr::new_inline(text)
    } else {
        smol_str::SmolStr::new(text)
    }
}

/// Reads a JSON number token (its exact text, so `7.50` keeps two decimals).
pub(crate) fn read_json_number(raw: &str) -> ReportedValue {
    match parse_decimal(raw) {
        Ok(reading) => ReportedValue::Number { comparator: None, number: reading.number, decimal_comma: false },
        Err(_) => ReportedValue::Text { kind: TextKind::OutOfRange, text: Phi::new(raw.to_owned()) },
    }
}

/// Drops zero-width and format characters, folds exotic spaces and minus signs, trims.
fn clean(raw: &str) -> String {
    raw.chars()
        .filter(|c| !is_invisible(*c))
        .map(|c| match c {
            '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\t' => ' ',
            '\u{2212}' | '\u{2013}' | '\u{FE63}' | '\u{FF0D}' => '-',
            c => c,
        })
        .collect::<String>()
        .trim()
        .to_owned()
}

/// Zero-width and other invisible format characters that real feeds (and attackers) slip into text.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}')
}

/// `***.**`, `####`, `*****`: placeholders, made only of mask characters with at least one `*` or `#`.
fn is_masked(text: &str) -> bool {
    text.contains(['*', '#']) && text.chars().all(|c| matches!(c, '*' | '#' | '.' | ',' | ' ' | 'x' | 'X'))
}

fn split_comparator(text: &str) -> (Option<Comparator>, &str) {
    const COMPARATORS: &[(&str, Comparator)] = &[
        ("<=", Comparator::LessOrEqual),
        ("=<", Comparator::LessOrEqual),
        ("≤", Comparator::LessOrEqual),
        (">=", Comparator::GreaterOrEqual),
        ("=>", Comparator::GreaterOrEqual),
        ("≥", Comparator::GreaterOrEqual),
        ("<", Comparator::Less),
        (">", Comparator::Greater),
    ];
    for (symbol, comparator) in COMPARATORS {
        if let Some(rest) = text.strip_prefix(symbol) {
            return (Some(*comparator), rest);
        }
    }
    (None, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(text: &str) -> Option<(Option<Comparator>, f64, String)> {
        match read_value_text(text) {
            ReportedValue::Number { comparator, number, .. } => {
                Some((comparator, number.value(), number.text().into()))
            }
            ReportedValue::Text { .. } => None,
        }
    }

    fn kind(text: &str) -> Option<TextKind> {
        match read_value_text(text) {
            ReportedValue::Text { kind, .. } => Some(kind),
            ReportedValue::Number { .. } => None,
        }
    }

    #[test]
    fn numbers_and_bounds() {
        assert_eq!(number("7.50"), Some((None, 7.5, "7.50".into())));
        assert_eq!(number(" 140 "), Some((None, 140.0, "140".into())));
        assert_eq!(number("<0.01"), Some((Some(Comparator::Less), 0.01, "0.01".into())));
        assert_eq!(number("> 500"), Some((Some(Comparator::Greater), 500.0, "500".into())));
        assert_eq!(number("≥1.5"), Some((Some(Comparator::GreaterOrEqual), 1.5, "1.5".into())));
        assert_eq!(number("\u{2212}2.5"), Some((None, -2.5, "-2.5".into())));
        assert_eq!(number("5\u{200B}.5"), Some((None, 5.5, "5.5".into())));
        assert_eq!(number("1,234.5"), Some((None, 1234.5, "1234.5".into())));
        assert_eq!(number("1.234,5"), Some((None, 1234.5, "1234.5".into())));
        assert_eq!(number("5,55"), Some((None, 5.55, "5.55".into())));
        assert_eq!(number("0,123"), Some((None, 0.123, "0.123".into())));
    }

    #[test]
    fn text_kinds() {
        assert_eq!(kind(""), Some(TextKind::Empty));
        assert_eq!(kind("  \u{200B} "), Some(TextKind::Empty));
        assert_eq!(kind("***.**"), Some(TextKind::Masked));
        assert_eq!(kind("####"), Some(TextKind::Masked));
        assert_eq!(kind("see comment"), Some(TextKind::Text));
        assert_eq!(kind("5.5 H"), Some(TextKind::Text));
        assert_eq!(kind("10-20"), Some(TextKind::Text));
        assert_eq!(kind("NaN"), Some(TextKind::Text));
        assert_eq!(kind("Infinity"), Some(TextKind::Text));
        assert_eq!(kind("1,234"), Some(TextKind::Ambiguous));
        assert_eq!(kind("1e400"), Some(TextKind::OutOfRange));
        assert_eq!(kind("1e-400"), Some(TextKind::OutOfRange));
        assert_eq!(kind("<1e-400"), Some(TextKind::OutOfRange));
        assert!(matches!(read_json_number("1e-400"), ReportedValue::Text { kind: TextKind::OutOfRange, .. }));
        assert_eq!(kind(&"9".repeat(100)), Some(TextKind::Text));
    }
}
