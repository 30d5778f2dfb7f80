//! Numeric OBX-5 values: NM, a plain number, and SN, a structured numeric `comparator^num1^separator^num2`
//! (HL7 v2.5 §2.A.71). A value whose structure is not the type's is not a number: `1^2` in an NM is not 12 and
//! `2&50` is not 2. It is refused — kept as text, with a finding — rather than read as whatever its pieces
//! happen to spell.

use std::borrow::Cow;

use super::field::{Component, Repetition, trimmed};
use super::obx::note_leaf;
use crate::Hl7Location;

/// SN comparators (HL7 v2.5 §2.A.71: `>`, `<`, `>=`, `<=`, `=`, `<>`).
const COMPARATORS: &[&str] = &[">", "<", ">=", "<=", "=", "<>"];
/// SN separators and suffixes: `-` range, `/` and `:` ratio, `+` categorical ("2+"), `.` a decimal read apart.
const SEPARATORS: &[&str] = &["-", "/", ":", "+", "."];

/// A numeric value read: the text to read as a number, or why it is not one.
pub(crate) enum Numeric<'a> {
    /// The number (or bound, or ratio) as text, to be read like any value.
    Text(Cow<'a, str>),
    /// The value's structure is not its type's: the message says why (no payload value in it).
    Refused(&'static str),
}

const NM_STRUCTURED: &str = "OBX-5 holds components or sub-components, but OBX-2 says NM (a plain number): it was not read as a number and is kept as text (SN is the type for structured numerics)";
const SN_MALFORMED: &str = "OBX-5 is not a structured numeric (a comparator, a number, a separator, a number; no sub-components): it was not read as a number and is kept as text";

/// Reads an NM (`structured` false) or SN (`structured` true) repetition.
pub(crate) fn read<'a>(
    repetition: &Repetition<'a>,
    structured: bool,
    at: Hl7Location,
    findings: &mut crate::finding::Findings,
) -> Numeric<'a> {
    let raw = repetition.as_str();
    if repetition.delimiters().subcomponent.is_some_and(|s| raw.contains(s)) {
        return Numeric::Refused(if structured { SN_MALFORMED } else { NM_STRUCTURED });
    }
    let mut text = |c: Component<'a>| {
        let leaf = c.leaf();
        note_leaf(&leaf, at, findings);
        trimmed(leaf.text)
    };
    if !structured {
        // An NM is one component; empty components around it (`5.0^`, a habit of some senders) add nothing.
        let mut filled = repetition.components().filter(|c| !c.is_empty());
        return match (filled.next(), filled.next()) {
            (Some(number), None) => Numeric::Text(text(number)),
            (None, _) => Numeric::Text(Cow::Borrowed("")),
            (Some(_), Some(_)) => Numeric::Refused(NM_STRUCTURED),
        };
    }
    let [comparator, number, separator, second] = repetition.parts();
    if repetition.components().skip(4).any(|c| !c.is_empty()) {
        return Numeric::Refused(SN_MALFORMED);
    }
    let (comparator, number, separator, second) = (text(comparator), text(number), text(separator), text(second));
    let valid = |piece: &str, allowed: &[&str]| piece.is_empty() || allowed.contains(&piece);
    if !valid(&comparator, COMPARATORS) || !valid(&separator, SEPARATORS) {
        return Numeric::Refused(SN_MALFORMED);
    }
    if separator.is_empty() && second.is_empty() && comparator.is_empty() {
        return Numeric::Text(number);
    }
    // `=` adds nothing to the number.
    let comparator = if comparator == "=" { "" } else { &comparator };
    Numeric::Text(Cow::Owned([comparator, &number, &separator, &second].concat()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hl7::Delimiters;
    use crate::hl7::field::Field;

    fn read_as(raw: &str, structured: bool) -> Option<String> {
        let field = Field::new(raw, Delimiters::default());
        let mut findings = crate::finding::Findings::default();
        match read(&field.first(), structured, Hl7Location::segment(*b"OBX", 1), &mut findings) {
            Numeric::Text(text) => Some(text.into_owned()),
            Numeric::Refused(_) => None,
        }
    }

    #[test]
    fn nm_is_one_plain_component() {
        assert_eq!(read_as("1.2", false).as_deref(), Some("1.2"));
        assert_eq!(read_as("<20", false).as_deref(), Some("<20"));
        assert_eq!(read_as("5.0^", false).as_deref(), Some("5.0"));
        assert_eq!(read_as("", false).as_deref(), Some(""));
        for refused in ["1^2", "2&50", "<^0.01", "1^^2", "&5"] {
            assert_eq!(read_as(refused, false), None, "{refused}");
        }
    }

    #[test]
    fn sn_is_comparator_number_separator_number() {
        assert_eq!(read_as("<^0.01", true).as_deref(), Some("<0.01"));
        assert_eq!(read_as("^1.2", true).as_deref(), Some("1.2"));
        assert_eq!(read_as("=^5.0", true).as_deref(), Some("5.0"));
        assert_eq!(read_as("^1^:^128", true).as_deref(), Some("1:128"));
        assert_eq!(read_as("^2^+", true).as_deref(), Some("2+"));
        for refused in ["1^2", "^2&50", "x^5", "^1^x^2", "^1^:^2^3"] {
            assert_eq!(read_as(refused, true), None, "{refused}");
        }
    }
}
