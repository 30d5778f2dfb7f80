//! What each value of an HL7 v2 field is, by data type ([`super::hl7_types`]): the family and given names of
//! every XPN, XCN, CNN and PPN, the street, city, ZIP and county of every XAD, the numbers and email of every
//! XTN, the identifier of every CX and EI, every DT, DTM and TS, the text of every coded element (CE/CWE
//! original text), URLs (RP) and embedded documents (ED) — in any segment, so that a field nobody listed is
//! still covered. Values of unknown types (Z-segments, positions past the standard's) are free text. Shared by
//! the redaction of HL7 messages and by free-text detection, which applies the same rules to segments pasted into
//! a ticket or a log line (`PID|1||00482913^^^NW^MR||DOE^JANE`).

use super::Category;
use super::detect::Seeds;
use super::detect::dates::{FoundDate, Style};
use super::hl7_types::Hl7Types;
use crate::hl7::{Delimiters, Field, Message, Repetition};
use chrono::Datelike;

/// What one value (a field, component or sub-component, as written) holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// A code, a number, a lab value: kept.
    Keep,
    /// Free text, searched for identifiers.
    Text,
    /// A date or date/time (DT, DTM, TS.1).
    Date,
    /// An identifier of this category, replaced whole.
    Identifier(Category),
    /// A value of no known type: a date when shaped as one, else free text.
    Unknown,
}

/// One value of a field and what it holds; `component` and `sub` are 1-based (0: the whole repetition).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Value<'a> {
    pub(crate) raw: &'a str,
    pub(crate) role: Role,
    pub(crate) component: usize,
    pub(crate) sub: usize,
}

/// The values of field `n` of a segment with what each holds; `value_type` is OBX-2 for OBX-5.
pub(crate) fn field_values<'a>(
    types: &Hl7Types,
    segment: &str,
    n: usize,
    field: &Field<'a>,
    value_type: Option<&str>,
) -> Vec<Value<'a>> {
    let mut out = Vec::new();
    if field.is_empty() {
        return out;
    }
    let declared = match (segment, n) {
        ("OBX", 5) => value_type.and_then(value_type_of),
        _ => types.field(segment, n),
    };
    for repetition in field.repetitions().filter(|r| !r.is_empty()) {
        if let Some(role) = field_rule(segment, n) {
            out.push(Value { raw: repetition.as_str(), role, component: 0, sub: 0 });
            continue;
        }
        let d = *field.delimiters();
        let Some(data_type) = declared else {
            // A field of no known type: each component and sub-component on its own.
            let context = Context { segment, field: n, kind: None };
            for (k, component) in repetition.components().enumerate().filter(|(_, c)| !c.is_empty()) {
                components(types, &d, component.as_str(), None, None, &context, k + 1, &mut out);
            }
            continue;
        };
        let data_type = as_written(data_type, &repetition);
        let Some(parts) = types.components(data_type) else {
            out.push(Value { raw: repetition.as_str(), role: primitive(data_type), component: 0, sub: 0 });
            continue;
        };
        let kind = (data_type == "CX").then(|| id_kind(&repetition.component(5).text())).flatten();
        let context = Context { segment, field: n, kind };
        for (k, component) in repetition.components().enumerate().filter(|(_, c)| !c.is_empty()) {
            let component_type = parts.get(k).copied();
            let rule = part_rule(data_type, k + 1, &context);
            components(types, &d, component.as_str(), component_type, rule, &context, k + 1, &mut out);
        }
    }
    retag_fax(field, &mut out);
    out
}

/// The type a repetition is read as: its declared type, or, for a name with date and location (NDL: OBR-32..35,
/// the result interpreter, assistant, technician, transcriptionist) written in components as senders often do —
/// `7731^Abernathy^Lucinda^Marie^^Dr^MD`, an XCN's layout, where the standard puts the person in NDL-1's
/// sub-components and a date in NDL-2 — the person it names (CNN), so that every part of the name is read as one.
/// Written so: NDL-1 has no sub-components, and NDL-2 holds letters, which no date does.
fn as_written<'t>(declared: &'t str, repetition: &Repetition<'_>) -> &'t str {
    let first = repetition.component(1);
    let second = repetition.component(2).as_str();
    let letters = second.chars().any(char::is_alphabetic) && !Category::is_placeholder(second.trim());
    let person = declared == "NDL" && first.subcomponent(2).is_empty() && letters;
    if person { "CNN" } else { declared }
}

/// The data type an OBX-2 value type (HL7 table 0125) gives OBX-5; the types of v2.3 named as their successors.
/// Anything else is not a value type: OBX-5 is then of unknown type.
fn value_type_of(code: &str) -> Option<&str> {
    Some(match code {
        "PN" => "XPN",
        "CN" => "XCN",
        "CK" => "CX",
        "AD" | "CE" | "CF" | "CP" | "CWE" | "CNE" | "CX" | "DR" | "DT" | "DTM" | "ED" | "FT" | "ID" | "IS" | "MA"
        | "MO" | "NA" | "NM" | "RP" | "SN" | "SRT" | "ST" | "TM" | "TN" | "TS" | "TX" | "XAD" | "XCN" | "XON"
        | "XPN" | "XTN" => code,
        _ => return None,
    })
}

/// Where a value is, for its id's category: the segment and field, and a CX-5 identifier type code's category.
struct Context<'s> {
    segment: &'s str,
    field: usize,
    kind: Option<Category>,
}

/// The values of one component: itself (primitive, or a role for the whole component), or its sub-components.
#[allow(clippy::too_many_arguments)] // the walk's state, passed down one level
fn components<'a>(
    types: &Hl7Types,
    d: &Delimiters,
    raw: &'a str,
    component_type: Option<&str>,
    rule: Option<Role>,
    context: &Context<'_>,
    k: usize,
    out: &mut Vec<Value<'a>>,
) {
    let sub_parts = component_type.and_then(|t| types.components(t).map(|p| (t, p)));
    let separator = d.subcomponent.and_then(|c| u8::try_from(c).ok());
    // Split where sub-components mean something: a composite, a role for all of them, or a type nobody knows.
    let by_parts = sub_parts.is_some() || rule.is_some() || component_type.is_none();
    let subs: Vec<&'a str> = match separator {
        Some(separator) if by_parts => split(raw, separator),
        _ => vec![raw],
    };
    let has_subs = subs.len() > 1;
    for (j, sub) in subs.into_iter().enumerate().filter(|(_, s)| !s.trim().is_empty()) {
        let role = match (rule, sub_parts) {
            (Some(role), _) => role,
            (None, Some((t, parts))) => {
                part_rule(t, j + 1, context).unwrap_or_else(|| parts.get(j).map_or(Role::Unknown, |t| primitive(t)))
            }
            (None, None) => component_type.map_or(Role::Unknown, primitive),
        };
        let sub_number = if has_subs { j + 1 } else { 0 };
        out.push(Value { raw: sub, role, component: k, sub: sub_number });
    }
}

fn split(raw: &str, separator: u8) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for at in memchr::memchr_iter(separator, raw.as_bytes()).chain([raw.len()]) {
        out.push(raw.get(start..at).unwrap_or_default());
        start = at + 1;
    }
    out
}

/// A primitive type's role: text types searched, dates redacted, codes and numbers kept; a composite met where
/// a primitive was expected, or an unknown name, is of unknown type.
fn primitive(data_type: &str) -> Role {
    match data_type {
        "ST" | "TX" | "FT" | "GTS" | "varies" => Role::Text,
        "DT" | "DTM" => Role::Date,
        "TN" => Role::Identifier(Category::Phone),
        "TM" | "ID" | "IS" | "SI" | "NM" => Role::Keep,
        _ => Role::Unknown,
    }
}

/// Fields whose values are one thing whatever their type says (HL7 v2.5.1 positions): identifiers written as ST,
/// codes of places, the lab's own values, and the message header's control fields.
fn field_rule(segment: &str, n: usize) -> Option<Role> {
    use Category as C;
    let role = match (segment, n) {
        ("PID", 19) | ("NK1", 37) | ("GT1", 12) | ("IN2", 2) => Role::Identifier(C::Ssn),
        ("PID", 12 | 23) => Role::Identifier(C::City),
        ("IN1", 36) | ("IN2", 8 | 9) => Role::Identifier(C::HealthPlan),
        // What was measured and how: the observation's code (its text a LOINC name, `…:Pt:Bld:…`, not prose),
        // sub-ID, units, reference range, abnormal flags and status, the ordered test and the specimen's type.
        ("OBX", 3 | 4 | 6 | 7 | 8 | 11) | ("OBR", 4) | ("SPM", 4) => Role::Keep,
        // The header and the acknowledgement: delimiters, applications, control IDs, versions; MSH-7 is a date.
        ("MSH", 7) | ("FHS" | "BHS", 7) => return None,
        ("MSH", _) | ("MSA", 1 | 2) | ("FHS" | "BHS", 1..=6 | 11 | 12) | ("BTS" | "FTS", 1) => Role::Keep,
        _ => return None,
    };
    Some(role)
}

/// The role of component `k` of a composite type, when the type says (names, addresses, telecoms, identifiers,
/// coded text); `None`: go by the component's own type.
fn part_rule(data_type: &str, k: usize, context: &Context<'_>) -> Option<Role> {
    use Category as C;
    let id = || Role::Identifier(context.kind.unwrap_or_else(|| id_category(context)));
    Some(match (data_type, k) {
        ("FN" | "SAD", _) => Role::Identifier(if data_type == "FN" { C::Name } else { C::StreetAddress }),
        ("XPN", 1 | 2 | 3 | 15) | ("XCN" | "PPN", 2..=4) | ("CNN", 2..=4) | ("XAD", 19) => Role::Identifier(C::Name),
        ("XPN", 4..=8 | 11 | 14) | ("XCN" | "PPN", 5..=15 | 18 | 21) | ("CNN", 5..=11) => Role::Keep,
        ("XCN" | "PPN" | "CNN", 1) => Role::Identifier(C::OtherId),
        ("XAD" | "AD", 1 | 2) => Role::Identifier(C::StreetAddress),
        ("XAD" | "AD", 3 | 8) | ("XAD", 9 | 10) => Role::Identifier(C::City),
        ("XAD" | "AD", 5) => Role::Identifier(C::Zip),
        ("XAD" | "AD", 4 | 6 | 7) | ("XAD", 11 | 17 | 18) => Role::Keep,
        ("XTN", 1 | 6 | 7 | 8 | 11 | 12) => Role::Identifier(C::Phone),
        ("XTN", 4) => Role::Identifier(C::Email),
        ("XTN", 2 | 3 | 5 | 10 | 15..=18) => Role::Keep,
        ("CX" | "EI", 1) | ("PLN", 1) | ("DLN", 1) => match data_type {
            "PLN" | "DLN" => Role::Identifier(C::License),
            _ => id(),
        },
        ("CX", 2..=6) | ("EI", 2..=4) | ("DLN", 2) | ("PLN", 2 | 3) => Role::Keep,
        ("CE" | "CWE" | "CNE" | "CF", 2 | 5 | 9 | 11) => Role::Text,
        ("CE" | "CWE" | "CNE" | "CF", _) => Role::Keep,
        ("TS", 1) => Role::Date,
        ("TS", _) | ("HD" | "SN" | "CQ" | "CQ_SIMPLE" | "MSG" | "PT" | "VID" | "NR" | "MO", _) => Role::Keep,
        ("ED", 5) => Role::Identifier(C::OtherId),
        ("ED", _) | ("RP", 2..=4) => Role::Keep,
        ("RP", 1) => Role::Identifier(C::Url),
        ("XON", 1) | ("PL", 9) => Role::Text,
        ("XON", _) | ("PL", _) => Role::Keep,
        _ => return None,
    })
}

/// The category of a CX or EI identifier by where it is: the patient's identifiers, account and visit numbers,
/// plan numbers; any other identifier (orders, specimens, providers) is another identifying number.
fn id_category(context: &Context<'_>) -> Category {
    use Category as C;
    match (context.segment, context.field) {
        ("PID", 2 | 3 | 4 | 21) | ("MRG", 1 | 2 | 4) | ("NK1", 33) | ("PD1", _) => C::Mrn,
        ("PID", 18) | ("MRG", 3 | 5 | 6) | ("PV1", 5 | 19 | 50) | ("GT1", 2) => C::Account,
        ("IN1", 49) => C::HealthPlan,
        _ => C::OtherId,
    }
}

/// A CX identifier's category from its type code (CX-5, HL7 table 0203), when the code says.
fn id_kind(code: &str) -> Option<Category> {
    Some(match code {
        "SS" | "SSN" => Category::Ssn,
        "MR" | "MRN" | "PI" | "PT" | "PN" => Category::Mrn,
        "AN" | "AM" | "VN" => Category::Account,
        "DL" | "DN" | "PPN" | "LN" | "NPI" => Category::License,
        "MA" | "MC" | "MB" | "MCN" | "SN" => Category::HealthPlan,
        _ => return None,
    })
}

/// Numbers of an XTN whose use code (XTN-3) is `FX` are fax numbers.
fn retag_fax(field: &Field<'_>, values: &mut [Value<'_>]) {
    let faxes: Vec<&str> =
        field.repetitions().filter(|r| r.component(3).as_str() == "FX").map(|r| r.as_str()).collect();
    if faxes.is_empty() {
        return;
    }
    for value in values.iter_mut().filter(|v| v.role == Role::Identifier(Category::Phone)) {
        let inside = |r: &&str| {
            let start = r.as_ptr() as usize;
            (start..=start + r.len()).contains(&(value.raw.as_ptr() as usize))
        };
        if faxes.iter().any(inside) {
            value.role = Role::Identifier(Category::Fax);
        }
    }
}

/// An HL7 date/time as the date finder's parts (a year alone is already general: no parts).
pub(crate) fn hl7_date(raw: &str) -> Option<FoundDate> {
    let time = crate::hl7::datetime::parse(raw)?;
    let trimmed = raw.trim();
    let day = (trimmed.len() >= 8).then(|| time.local.day());
    let month = (trimmed.len() >= 6).then(|| time.local.month())?;
    Some(FoundDate {
        year: Some(time.local.year()),
        month,
        day,
        style: Style::Compact,
        rest: trimmed.get(8..).unwrap_or_default().to_owned(),
    })
}

/// Whether a value of unknown type is shaped as an HL7 date (`19700101`, `202611240800-0500`).
pub(crate) fn date_shaped(raw: &str) -> bool {
    let digits = raw.trim().split(['+', '-']).next().unwrap_or_default();
    let digits = digits.split('.').next().unwrap_or_default();
    matches!(digits.len(), 8 | 10 | 12 | 14) && digits.bytes().all(|b| b.is_ascii_digit()) && hl7_date(raw).is_some()
}

/// An identifier found in a pasted segment: byte range in the text, category, date parts.
pub(crate) type Found = (usize, usize, Category, Option<FoundDate>);

/// The identifiers of HL7 segments pasted into free text, one segment per line, with the standard delimiters
/// (or an `MSH` line's own); and the patient's identifiers from a pasted PID, as seeds for the rest of the text.
/// Free-text values are left to the text's own search.
pub(crate) fn embedded(types: &Hl7Types, text: &str) -> (Vec<Found>, Option<Seeds>) {
    let lines: Vec<&str> = text.split(['\r', '\n']).map(str::trim_start).filter(|l| is_segment(types, l)).collect();
    if lines.is_empty() {
        return (Vec::new(), None);
    }
    let message = Message::loose(lines);
    let (mut found, mut seeds, mut patient) = (Vec::new(), Seeds::new(), None);
    let base = text.as_ptr() as usize;
    for segment in message.segments() {
        let Some(id) = segment.id() else { continue };
        if segment.is("PID") {
            super::hl7::pid_seeds(|n| segment.field(n), &mut seeds, &mut patient);
        }
        let value_type = segment.field(2).text();
        for n in 1..=segment.field_count() {
            for value in field_values(types, id.as_str(), n, &segment.field(n), Some(&value_type)) {
                let category = match value.role {
                    Role::Identifier(category) => category,
                    Role::Date => Category::Date,
                    Role::Unknown if date_shaped(value.raw) => Category::Date,
                    _ => continue,
                };
                let start = (value.raw.as_ptr() as usize).saturating_sub(base);
                if value.raw.trim().is_empty() || start + value.raw.len() > text.len() {
                    continue;
                }
                let date = (category == Category::Date).then(|| hl7_date(value.raw)).flatten();
                found.push((start, start + value.raw.len(), category, date));
            }
        }
    }
    (found, Some(seeds))
}

/// Whether a line is an HL7 segment labcore knows the fields of (`PID|…`).
fn is_segment(types: &Hl7Types, line: &str) -> bool {
    let id = line.get(..3).unwrap_or_default();
    line.as_bytes().get(3) == Some(&b'|')
        && id.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && types.knows(id)
}
