//! Identifiers recognised by their shape and a check rather than a cue word: payment card numbers (Luhn), IBANs
//! (ISO 13616 mod 97), international phone numbers (E.164: 8 to 15 digits), accession-style numbers
//! (`24-HE-63276`, `SP-21-540567`, `ORD-2022-5361500`), a letter and seven to ten digits (`E4653445`), and bare
//! runs of seven to ten digits — in lab text and logs such a number is an identifier of someone (a record, an
//! order, an account), never a result.

use super::places::STATES;
use crate::redact::Category;

/// What a match must pass besides its regular expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Check {
    /// Nothing more.
    None,
    /// At least one digit (a plate after `vehicle`, not the word "plate").
    Digit,
    /// A payment card number: 13 to 19 digits passing the Luhn check.
    Luhn,
    /// An IBAN: country, check digits, account, passing mod 97.
    Iban,
    /// An international phone number: 8 to 15 digits.
    E164,
    /// A bare number: not a date written as digits (`19610309`), not a North American phone number (the phone
    /// patterns take those).
    Bare,
}

impl Check {
    /// Whether a matched text passes.
    pub(crate) fn passes(self, text: &str) -> bool {
        let digits: Vec<u32> = text.chars().filter_map(|c| c.to_digit(10)).collect();
        match self {
            Check::None => true,
            Check::Digit => !digits.is_empty(),
            Check::Luhn => (13..=19).contains(&digits.len()) && luhn(&digits),
            Check::Iban => iban(text),
            Check::E164 => (8..=15).contains(&digits.len()),
            Check::Bare => !compact_date(&digits) && !nanp(&digits),
        }
    }
}

fn luhn(digits: &[u32]) -> bool {
    let sum: u32 =
        digits.iter().rev().enumerate().map(|(i, d)| if i % 2 == 1 { (d * 2) / 10 + (d * 2) % 10 } else { *d }).sum();
    sum.is_multiple_of(10)
}

/// ISO 13616: move the first four characters to the end, letters as 10–35, the number mod 97 is 1.
fn iban(text: &str) -> bool {
    let plain: Vec<char> = text.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    if !(15..=34).contains(&plain.len()) {
        return false;
    }
    let rotated = plain.iter().skip(4).chain(plain.iter().take(4));
    let mut remainder: u64 = 0;
    for c in rotated {
        let Some(value) = c.to_digit(36) else { return false };
        let width = if value >= 10 { 100 } else { 10 };
        remainder = (remainder * width + u64::from(value)) % 97;
    }
    remainder == 1
}

/// Eight digits that read as YYYYMMDD between 1900 and 2099.
fn compact_date(digits: &[u32]) -> bool {
    let number = |range: std::ops::Range<usize>| digits.get(range).map(|d| d.iter().fold(0, |n, d| n * 10 + d));
    digits.len() == 8
        && number(0..4).is_some_and(|y| (1900..2100).contains(&y))
        && number(4..6).is_some_and(|m| (1..=12).contains(&m))
        && number(6..8).is_some_and(|d| (1..=31).contains(&d))
}

/// Ten digits shaped as a North American number (area code and exchange starting 2–9).
fn nanp(digits: &[u32]) -> bool {
    digits.len() == 10 && digits.first().is_some_and(|d| *d >= 2) && digits.get(3).is_some_and(|d| *d >= 2)
}

/// The shape patterns (category, regular expression, capture group, check).
pub(crate) fn table() -> Vec<(Category, String, usize, Check)> {
    use Category as C;
    vec![
        (C::Account, r"\b[3-6]\d{3}(?:[ \-]?\d){9,15}\b".into(), 0, Check::Luhn),
        (C::Account, r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b".into(), 0, Check::Iban),
        (C::Phone, r"(?i)\+\d{1,3}(?:[\s.\-]?(?:\(0\)|\(\d{1,4}\)|\d{1,5})){2,6}\b(?:\s*(?:x|ext\.?|extension)\s*\d{1,6}\b)?".into(), 0, Check::E164),
        // A Medicare Beneficiary Identifier (CMS: 11 characters, no S, L, O, I, B or Z), dashes optional.
        (C::HealthPlan, r"\b[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y]{2}\d{2}\b".into(), 0, Check::None),
        (C::OtherId, r"\b\d{7,10}[A-Z]\b".into(), 0, Check::None),
        // Grouped numbers of lab and billing systems (`7304-108851`): not a phone (3-3-4), SSN (3-2-4) or ZIP+4.
        (C::OtherId, r"(?:^|[\s(\[#:=,;|'\x22])(\d{3,5}-\d{6,8})(?:$|[\s)\].,;:|'\x22])".into(), 1, Check::None),
        // A specimen number after the bare word (`specimen w4866530844 tube broke`).
        (C::OtherId, r"(?i)\bspecimen\s+([a-z]{0,3}\d{6,12})\b".into(), 1, Check::None),
        // Serial numbers of letters only, in capitals, after a device's serial cue (`Abbott serial XRLRRB`).
        (C::Device, r"(?i:\b(?:serial|s/n|sn|transmitter)\b\s*(?:no\.?|#|:)?\s*)([A-Z]{5,10})\b".into(), 1, Check::None),
        (
            C::OtherId,
            r"\b(?:[A-Z]{1,4}\d{0,4}-\d{2,4}-[A-Z0-9]{0,2}\d{4,}|[A-Z]{1,4}\d{2,4}-\d{5,}|\d{2}-[A-Z]{2,4}-\d{4,})\b".into(),
            0,
            Check::None,
        ),
        (C::OtherId, r"\b[A-Z]\d{7,10}\b".into(), 0, Check::None),
        (C::Vehicle, r"(?i)(?:\b|_)(?:licen[cs]e\s*plate|vehicle(?:\s+(?:[A-Z]{2}\s+)?(?:in\s+lot|plate|tag|licen[cs]e\s*plate))?|plate|tag)\s*(?:#|no\.?|number)?[\x22']?\s*[:#=]?\s*[\x22']?([A-Z0-9]{1,4}[\s\-]?[A-Z0-9]{2,5})\b".into(), 1, Check::Digit),
        (C::OtherId, r"(?:^|[\s(\[#:=,;|'\x22])(\d{7,10})(?:$|[\s)\].,;:|'\x22])".into(), 1, Check::Bare),
        // A driver's licence after a lower-case `dl` (`dl s8339505 used for id`) — never after a slash (mg/dL).
        (C::License, format!(r"(?:^|[\s(,;])(?i:dl)\s*[:#]?\s*(?-i:(?:{STATES})\s+)?([A-Za-z]{{0,3}}-?\d[A-Za-z0-9\-]{{1,20}}(?:\s\d{{2,8}}){{0,3}})\b"), 1, Check::None),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks() {
        assert!(Check::Luhn.passes("4111 1111 1111 1111") && !Check::Luhn.passes("4111 1111 1111 1112"));
        assert!(
            Check::Iban.passes("GB82 WEST 1234 5698 7654 32") && !Check::Iban.passes("GB82 WEST 1234 5698 7654 33")
        );
        assert!(Check::E164.passes("+44 (0)20 7946 0143") && !Check::E164.passes("+1 23"));
        assert!(!Check::Bare.passes("19610309") && !Check::Bare.passes("2175550199") && Check::Bare.passes("00482913"));
    }
}
