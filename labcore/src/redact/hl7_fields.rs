//! Which fields of which HL7 v2 segments hold identifiers, and how (HL7 v2.5.1 field positions) — shared by the
//! redaction of HL7 messages and by free-text detection, which applies the same rules to segments pasted into a
//! ticket or a log line (`PID|1||00482913^^^NW^MR||DOE^JANE`).

use super::Category;
use super::detect::Seeds;
use super::detect::dates::{FoundDate, Style};
use crate::hl7::{Component, Field, Message, Segment};
use chrono::Datelike;

/// How a field's identifiers are laid out.
#[derive(Clone, Copy)]
pub(crate) enum Shape {
    /// CX, EI: the identifier in component 1.
    Id(Category),
    /// Every component an identifier of one category (SSN, a name written as ST).
    Whole(Category),
    /// XPN, XCN, NDL: name components (XCN's first component, an id, is an other identifier).
    Name,
    /// XCN: id, family, given, middle.
    Person,
    /// XAD: street, other, city, state (kept), ZIP, country (kept), type, other geographic, county.
    Address,
    /// XTN: telephone number components, email in component 4.
    Telecom,
    /// DTM / TS.
    Date,
    /// Free text.
    Text,
}

/// The fields of each segment labcore redacts (HL7 v2.5.1 field positions).
pub(crate) fn fields(segment: &str) -> Option<&'static [(usize, Shape)]> {
    use Category as C;
    use Shape::{Address, Date, Id, Name, Person, Telecom, Text, Whole};
    Some(match segment {
        "MSH" => &[(7, Date)],
        "EVN" => &[(2, Date), (6, Date)],
        "PID" => &[
            (2, Id(C::Mrn)),
            (3, Id(C::Mrn)),
            (4, Id(C::Mrn)),
            (5, Name),
            (6, Name),
            (7, Date),
            (9, Name),
            (11, Address),
            (12, Whole(C::City)),
            (13, Telecom),
            (14, Telecom),
            (18, Id(C::Account)),
            (19, Whole(C::Ssn)),
            (20, Id(C::License)),
            (21, Id(C::Mrn)),
            (23, Whole(C::City)),
            (29, Date),
        ],
        "NK1" => &[
            (2, Name),
            (4, Address),
            (5, Telecom),
            (6, Telecom),
            (16, Date),
            (30, Name),
            (31, Telecom),
            (32, Address),
            (33, Id(C::Mrn)),
            (37, Whole(C::Ssn)),
        ],
        "PV1" => &[
            (7, Person),
            (8, Person),
            (9, Person),
            (17, Person),
            (19, Id(C::Account)),
            (44, Date),
            (45, Date),
            (50, Id(C::Account)),
            (52, Person),
        ],
        "ORC" => &[
            (2, Id(C::OtherId)),
            (3, Id(C::OtherId)),
            (4, Id(C::OtherId)),
            (9, Date),
            (10, Person),
            (11, Person),
            (12, Person),
            (14, Telecom),
            (15, Date),
            (19, Person),
        ],
        "OBR" => &[
            (2, Id(C::OtherId)),
            (3, Id(C::OtherId)),
            (6, Date),
            (7, Date),
            (8, Date),
            (10, Person),
            (14, Date),
            (16, Person),
            (17, Telecom),
            (22, Date),
            (28, Person),
            (32, Name),
            (33, Name),
            (34, Name),
            (35, Name),
            (36, Date),
        ],
        "OBX" => &[(14, Date), (16, Person), (19, Date), (25, Person)],
        // NTE-5 entered by (v2.6+), NTE-6 entered date/time.
        "NTE" => &[(3, Text), (5, Person), (6, Date)],
        "SPM" => &[(2, Whole(C::OtherId)), (3, Whole(C::OtherId)), (17, Date), (18, Date)],
        "IN1" => &[(16, Name), (18, Date), (19, Address), (36, Id(C::HealthPlan)), (49, Id(C::HealthPlan))],
        "GT1" => &[(3, Name), (5, Address), (6, Telecom), (7, Telecom), (8, Date), (12, Whole(C::Ssn))],
        // Known segments with nothing identifying labcore redacts.
        "SFT" | "PD1" | "PV2" | "TQ1" | "TQ2" | "CTD" | "FT1" | "CTI" | "DSC" | "MSA" | "ERR" | "FHS" | "BHS"
        | "BTS" | "FTS" => &[],
        _ => return None,
    })
}

/// The components of a field that hold identifiers, each with its category and its 1-based number (dates: the
/// component whose first sub-component is the DTM). Free text is not listed: it is searched as text.
pub(crate) fn field_parts<'a>(field: &Field<'a>, shape: Shape) -> Vec<(Component<'a>, Category, usize)> {
    use Category as C;
    let mut out = Vec::new();
    if field.is_empty() {
        return out;
    }
    for repetition in field.repetitions() {
        let parts: [Component<'a>; 12] = repetition.parts();
        let fax = parts.get(2).is_some_and(|c| c.as_str() == "FX");
        let chosen: &[(usize, Category)] = match shape {
            Shape::Id(category) => &[(1, category)][..],
            Shape::Whole(category) => {
                out.extend(parts.iter().zip(1..).filter(|(c, _)| !c.is_empty()).map(|(c, n)| (*c, category, n)));
                continue;
            }
            Shape::Name => &[(1, C::Name), (2, C::Name), (3, C::Name)],
            Shape::Person => &[(1, C::OtherId), (2, C::Name), (3, C::Name), (4, C::Name)],
            Shape::Address => &[
                (1, C::StreetAddress),
                (2, C::StreetAddress),
                (3, C::City),
                (5, C::Zip),
                (8, C::City),
                (9, C::City),
                (10, C::City),
            ],
            Shape::Telecom if fax => &[(1, C::Fax), (6, C::Fax), (7, C::Fax), (8, C::Fax), (12, C::Fax), (4, C::Email)],
            Shape::Telecom => {
                &[(1, C::Phone), (6, C::Phone), (7, C::Phone), (8, C::Phone), (12, C::Phone), (4, C::Email)]
            }
            Shape::Date => &[(1, C::Date)],
            Shape::Text => &[],
        };
        out.extend(
            chosen
                .iter()
                .filter_map(|(n, category)| parts.get(n - 1).filter(|c| !c.is_empty()).map(|c| (*c, *category, *n))),
        );
    }
    out
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

/// An identifier found in a pasted segment: byte range in the text, category, date parts.
pub(crate) type Found = (usize, usize, Category, Option<FoundDate>);

/// The identifiers of HL7 segments pasted into free text, one segment per line, with the standard delimiters
/// (or an `MSH` line's own); and the patient's identifiers from a pasted PID, as seeds for the rest of the text.
pub(crate) fn embedded(text: &str) -> (Vec<Found>, Option<Seeds>) {
    let lines: Vec<&str> = text.split(['\r', '\n']).map(str::trim_start).filter(|l| is_segment(l)).collect();
    if lines.is_empty() {
        return (Vec::new(), None);
    }
    let message = Message::loose(lines);
    let (mut found, mut seeds, mut patient) = (Vec::new(), Seeds::new(), None);
    for segment in message.segments() {
        if segment.is("PID") {
            super::hl7::pid_seeds(&segment, &mut seeds, &mut patient);
        }
        found.extend(segment_identifiers(text, &segment));
    }
    (found, Some(seeds))
}

/// Whether a line is an HL7 segment labcore knows the fields of (`PID|…`).
fn is_segment(line: &str) -> bool {
    let id = line.get(..3).unwrap_or_default();
    line.as_bytes().get(3) == Some(&b'|')
        && id.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && fields(id).is_some_and(|f| !f.is_empty())
}

fn segment_identifiers(text: &str, segment: &Segment<'_, '_>) -> Vec<Found> {
    let Some(id) = segment.id() else { return Vec::new() };
    let base = text.as_ptr() as usize;
    let mut out = Vec::new();
    for (number, shape) in fields(id.as_str()).unwrap_or_default() {
        for (component, category, _) in field_parts(&segment.field(*number), *shape) {
            let raw = if category == Category::Date { component.subcomponent(1) } else { component.as_str() };
            let start = (raw.as_ptr() as usize).saturating_sub(base);
            if raw.trim().is_empty() || start + raw.len() > text.len() {
                continue;
            }
            let date = (category == Category::Date).then(|| hl7_date(raw)).flatten();
            out.push((start, start + raw.len(), category, date));
        }
    }
    out
}
