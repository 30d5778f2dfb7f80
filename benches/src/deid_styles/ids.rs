//! Numbers and codes that identify a person or their record: SSNs, record numbers, plan and account numbers,
//! licences and passports, vehicles, implanted and worn devices, and specimen/order/case identifiers.

use super::writer::Writer;

const ALNUM: &str = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
const LETTERS: &str = "ABCDEFGHJKLMNPRSTUVWXYZ";

/// A Social Security number (never area 000, 666 or 9xx): dashed, plain or spaced.
pub(super) fn ssn(w: &mut Writer, form: &str) -> String {
    let mut area = w.between(1, 899);
    if area == 666 {
        area = 665;
    }
    let (group, serial) = (w.between(1, 99), w.between(1, 9999));
    let shape = match form {
        "dash" => 0,
        "plain" => 1,
        _ => w.below(4),
    };
    match shape {
        1 => format!("{area:03}{group:02}{serial:04}"),
        2 => format!("{area:03} {group:02} {serial:04}"),
        _ => format!("{area:03}-{group:02}-{serial:04}"),
    }
}

/// A medical record number as a hospital issues it.
pub(super) fn mrn(w: &mut Writer) -> String {
    match w.below(5) {
        0 => format!("00{}", w.digits(6)),
        1 => w.digits(7),
        2 => format!("E{}", w.digits(7)),
        3 => format!("{}{}", w.between(1, 9), w.digits(9)),
        _ => format!("{}", w.between(100_000, 999_999)),
    }
}

/// A Medicare Beneficiary Identifier (`1EG4-TE5-MK73` shape), with or without dashes.
pub(super) fn mbi(w: &mut Writer) -> String {
    let letters = "ACDEFGHJKMNPQRTUVWXY";
    let both = "ACDEFGHJKMNPQRTUVWXY0123456789";
    let part1 = format!("{}{}{}{}", w.between(1, 9), w.chars_of(1, letters), w.chars_of(1, both), w.digits(1));
    let part2 = format!("{}{}{}", w.chars_of(1, letters), w.chars_of(1, both), w.digits(1));
    let part3 = format!("{}{}", w.chars_of(2, letters), w.digits(2));
    if w.chance(50) { format!("{part1}-{part2}-{part3}") } else { format!("{part1}{part2}{part3}") }
}

/// A health plan member, subscriber or Medicaid number.
pub(super) fn plan(w: &mut Writer) -> String {
    match w.below(6) {
        0 => format!("{}{}", w.chars_of(3, LETTERS), w.digits(9)),
        1 => format!("W{}", w.digits(9)),
        2 => format!("H{}{}", w.digits(8), w.digits(2)),
        3 => format!("{}{}", w.digits(8), w.chars_of(1, LETTERS)),
        4 => format!("{}-{}-{}", w.chars_of(3, LETTERS), w.digits(4), w.digits(5)),
        _ => mbi(w),
    }
}

/// A billing, hospital or guarantor account number.
pub(super) fn account(w: &mut Writer) -> String {
    match w.below(4) {
        0 => w.digits(8),
        1 => format!("{}{}", w.between(1, 9), w.digits(9)),
        2 => format!("A{}", w.digits(7)),
        _ => format!("{}-{}", w.digits(4), w.digits(6)),
    }
}

/// A payment card number with a valid Luhn check digit, grouped as cards print it.
pub(super) fn card(w: &mut Writer) -> String {
    let amex = w.chance(20);
    let mut digits: Vec<u32> = if amex { vec![3, 7] } else { vec![w.between(4, 5)] };
    let length = if amex { 15 } else { 16 };
    while digits.len() < length - 1 {
        digits.push(w.between(0, 9));
    }
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| if i % 2 == 0 { if d * 2 > 9 { d * 2 - 9 } else { d * 2 } } else { d })
        .sum();
    digits.push((10 - sum % 10) % 10);
    let plain: String = digits.iter().filter_map(|d| char::from_digit(*d, 10)).collect();
    let groups: &[usize] = if amex { &[4, 6, 5] } else { &[4, 4, 4, 4] };
    let separator = w.pick(&[" ", "-", ""]);
    let mut out = Vec::new();
    let mut at = 0;
    for g in groups {
        out.push(plain.get(at..at + g).unwrap_or(""));
        at += g;
    }
    out.join(separator)
}

/// An IBAN (German or British) with correct ISO 7064 check digits, in print groups of four.
pub(super) fn iban(w: &mut Writer) -> String {
    let (country, bban) =
        if w.chance(50) { ("DE", w.digits(18)) } else { ("GB", format!("{}{}", w.chars_of(4, LETTERS), w.digits(14))) };
    let rearranged = format!("{bban}{country}00");
    let remainder = rearranged.chars().fold(0u32, |acc, c| {
        let value = c.to_digit(36).unwrap_or(0);
        if value >= 10 { (acc * 100 + value) % 97 } else { (acc * 10 + value) % 97 }
    });
    let compact = format!("{country}{:02}{bban}", 98 - remainder);
    let chunks: Vec<String> = compact.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect();
    chunks.join(" ")
}

/// A driver's licence or state ID number in one of several state shapes.
pub(super) fn driver_license(w: &mut Writer) -> String {
    let letter = w.chars_of(1, LETTERS);
    match w.below(6) {
        0 => format!("{letter}{}", w.digits(7)),
        1 => format!("{} {} {}", w.digits(3), w.digits(3), w.digits(3)),
        2 => format!("{letter}{}-{}-{}", w.digits(3), w.digits(4), w.digits(4)),
        3 => format!("{letter}{}-{}-{}-{}-{}", w.digits(3), w.digits(3), w.digits(2), w.digits(3), w.digits(1)),
        4 => w.digits(8),
        _ => format!("WDL{}", w.chars_of(9, ALNUM)),
    }
}

/// A passport number (US book or card, or another country's shape).
pub(super) fn passport(w: &mut Writer) -> String {
    match w.below(3) {
        0 => w.digits(9),
        1 => format!("{}{}", w.chars_of(1, LETTERS), w.digits(8)),
        _ => format!("{}{}", w.chars_of(2, LETTERS), w.digits(7)),
    }
}

/// A professional licence number (nursing, medical, laboratory).
pub(super) fn professional_license(w: &mut Writer) -> String {
    match w.below(4) {
        0 => format!("RN{}", w.digits(6)),
        1 => format!("RN-{}", w.digits(7)),
        2 => format!("MD-{}", w.digits(5)),
        _ => format!("G{}", w.digits(5)),
    }
}

/// A 17-character VIN (no I, O or Q).
pub(super) fn vin(w: &mut Writer) -> String {
    let maker = w.pick(&["1HG", "2T1", "3FA", "5YJ", "JTD", "WBA", "1FT", "KMH", "1G1", "4T1"]);
    let check = if w.chance(10) { "X".to_owned() } else { w.digits(1) };
    let year = w.chars_of(1, "ABCDEFGHJKLMNPRSTVWXY123456789");
    format!("{maker}{}{check}{year}{}{}", w.chars_of(5, ALNUM), w.chars_of(1, LETTERS), w.digits(6))
}

/// A licence plate as written on a form.
pub(super) fn plate(w: &mut Writer) -> String {
    match w.below(5) {
        0 => format!("{}{}{}", w.between(1, 9), w.chars_of(3, LETTERS), w.digits(3)),
        1 => format!("{}-{}", w.chars_of(3, LETTERS), w.digits(4)),
        2 => format!("{} {}", w.chars_of(3, LETTERS), w.digits(4)),
        3 => format!("{}{} {}", w.chars_of(2, LETTERS), w.digits(2), w.chars_of(3, LETTERS)),
        _ => format!("{}{}{}", w.digits(3), w.chars_of(1, LETTERS), w.digits(3)),
    }
}

/// The serial number of an implanted or worn device (pacemaker, pump, CGM transmitter, hearing aid).
pub(super) fn device_serial(w: &mut Writer) -> String {
    match w.below(6) {
        0 => format!("{}{}{}", w.chars_of(3, LETTERS), w.digits(6), w.chars_of(1, LETTERS)),
        1 => w.digits(8),
        2 => format!("NG{}H", w.digits(7)),
        3 => w.chars_of(6, ALNUM),
        4 => format!("{}{}{}", w.digits(2), w.chars_of(1, LETTERS), w.digits(5)),
        _ => format!("SN{}", w.digits(9)),
    }
}

/// An accession, specimen, order, requisition or pathology case identifier, in the shape `kind` names.
pub(super) fn specimen_id(w: &mut Writer, kind: &str) -> String {
    let year = w.between(18, 25);
    match kind {
        "order" if w.chance(50) => format!("ORD{}", w.digits(7)),
        "order" => format!("ORD-20{year}-{}", w.digits(7)),
        "req" => format!("REQ-{}", w.digits(6)),
        "case" => format!("{}{year}-{}", w.pick(&["SP-", "S", "CY", "BM-", "NG"]), w.digits(6)),
        "spec" if w.chance(50) => format!("W{}{}", w.digits(6), w.digits(4)),
        "spec" => format!("SPC{}", w.digits(7)),
        _ => match w.below(3) {
            0 => format!("{}{year}-{}", w.chars_of(1, "ACHMW"), w.digits(6)),
            1 => format!("{year}-{}-{}", w.pick(&["CH", "HE", "MB", "UA"]), w.digits(6)),
            _ => format!("{}{}", w.digits(4), w.digits(6)),
        },
    }
}
