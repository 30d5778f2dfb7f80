//! HL7 v2: the identifying fields of PID (identifiers, name, mother's maiden name, birth and death dates,
//! address, phones, account, SSN, driver's licence, birthplace), NK1 (next of kin), PV1 (doctors, visit
//! numbers, admission and discharge), ORC and OBR (order numbers, providers, call-back phones, dates), OBX
//! (dates, responsible observer, medical director), SPM (specimen identifiers, collection times), IN1 and GT1
//! (insured and guarantor), MSH-7 and EVN dates; free text in NTE-3 and in TX/FT/ST values of OBX-5, searched
//! seeded with the patient's own identifiers; every field of Z-segments and segments labcore does not know
//! treated as free text. MSH control IDs, codes, values, units, ranges and flags are kept.

use std::borrow::Cow;

use chrono::Datelike;

use super::detect::dates::{FoundDate, Style};
use super::session::{Form, Session};
use super::{Category, RedactError, RedactOptions, Redactor, Seeds};
use crate::hl7::{Delimiters, Document, Field, Segment, escape, unescape};

/// How a field's identifiers are laid out.
#[derive(Clone, Copy)]
enum Shape {
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
fn fields(segment: &str) -> Option<&'static [(usize, Shape)]> {
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
        "NTE" => &[(3, Text)],
        "SPM" => &[(2, Whole(C::OtherId)), (3, Whole(C::OtherId)), (17, Date), (18, Date)],
        "IN1" => &[(16, Name), (18, Date), (19, Address), (36, Id(C::HealthPlan)), (49, Id(C::HealthPlan))],
        "GT1" => &[(3, Name), (5, Address), (6, Telecom), (7, Telecom), (8, Date), (12, Whole(C::Ssn))],
        // Known segments with nothing identifying labcore redacts.
        "SFT" | "PD1" | "PV2" | "TQ1" | "TQ2" | "CTD" | "FT1" | "CTI" | "DSC" | "MSA" | "ERR" | "FHS" | "BHS"
        | "BTS" | "FTS" => &[],
        _ => return None,
    })
}

struct Edits<'t> {
    text: &'t str,
    edits: Vec<(usize, usize, String)>,
}

impl<'t> Edits<'t> {
    fn replace(&mut self, part: &str, new: String) {
        let start = (part.as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize);
        if start + part.len() <= self.text.len() {
            self.edits.push((start, start + part.len(), new));
        }
    }

    fn finish(mut self) -> String {
        self.edits.sort_by_key(|(start, _, _)| *start);
        let mut out = String::with_capacity(self.text.len());
        let mut at = 0;
        for (start, end, new) in self.edits {
            if start < at {
                continue;
            }
            out.push_str(self.text.get(at..start).unwrap_or_default());
            out.push_str(&new);
            at = end;
        }
        out.push_str(self.text.get(at..).unwrap_or_default());
        out
    }
}

pub(crate) fn redact(
    redactor: &Redactor,
    input: &[u8],
    options: &RedactOptions,
) -> Result<(String, Vec<super::Change>), RedactError> {
    if input.len() > crate::DEFAULT_MAX_INPUT_BYTES {
        return Err(RedactError::Input(crate::Error::new(
            crate::ErrorKind::InputTooLarge,
            "",
            crate::Location::default(),
        )));
    }
    let (text, _) = crate::hl7::decode_text(input);
    let document = Document::parse(&text);
    let mut seeds = options.seeds.clone();
    let mut patient = options.patient.clone();
    for message in document.messages() {
        for pid in message.segments().filter(|s| s.is("PID")) {
            pid_seeds(&pid, &mut seeds, &mut patient);
        }
    }
    let mut session = Session::new(redactor, patient.as_deref(), options.as_of.year());
    let mut edits = Edits { text: &text, edits: Vec::new() };
    for message in document.messages() {
        for segment in message.segments() {
            redact_segment(&mut session, &seeds, &segment, &mut edits);
        }
    }
    let output = edits.finish();
    Ok((output, session.changes))
}

/// The patient's names, identifiers, phones, SSN and street address, as seeds; the first identifier, for date shifts.
fn pid_seeds(pid: &Segment<'_, '_>, seeds: &mut Seeds, patient: &mut Option<String>) {
    for repetition in pid.field(5).repetitions().chain(pid.field(9).repetitions()) {
        let name: Vec<String> = repetition.components().take(3).map(|c| c.text().into_owned()).collect();
        seeds.add(Category::Name, &name.join(" "));
    }
    for (field, category) in [(3, Category::Mrn), (2, Category::Mrn), (19, Category::Ssn), (18, Category::Account)] {
        for repetition in pid.field(field).repetitions() {
            let id = repetition.component(1).text();
            if !id.is_empty() {
                seeds.add(category, &id);
                if field == 3 {
                    patient.get_or_insert_with(|| id.into_owned());
                }
            }
        }
    }
    for field in [13, 14] {
        for repetition in pid.field(field).repetitions() {
            let number: String = [1, 6, 7].iter().map(|n| repetition.component(*n).text().into_owned()).collect();
            seeds.add(Category::Phone, &number);
        }
    }
    for repetition in pid.field(11).repetitions() {
        seeds.add(Category::StreetAddress, &repetition.component(1).text());
    }
}

fn redact_segment(session: &mut Session<'_>, seeds: &Seeds, segment: &Segment<'_, '_>, edits: &mut Edits<'_>) {
    let Some(id) = segment.id() else { return };
    let at = segment.location();
    match fields(id.as_str()) {
        Some(fields) => {
            for (number, shape) in fields {
                let field = segment.field(*number);
                let location = at.field(u16::try_from(*number).unwrap_or(0));
                redact_field(session, seeds, &field, *shape, &location.to_string(), edits);
            }
            if segment.is("OBX") && matches!(segment.field(2).text().as_ref(), "TX" | "FT" | "ST") {
                redact_field(session, seeds, &segment.field(5), Shape::Text, &at.field(5).to_string(), edits);
            }
        }
        // Z-segments and segments labcore does not know may hold anything: every field is searched.
        None => {
            for number in 1..=segment.field_count() {
                let location = at.field(u16::try_from(number).unwrap_or(0)).to_string();
                redact_field(session, seeds, &segment.field(number), Shape::Text, &location, edits);
            }
        }
    }
}

fn redact_field(
    session: &mut Session<'_>,
    seeds: &Seeds,
    field: &Field<'_>,
    shape: Shape,
    location: &str,
    edits: &mut Edits<'_>,
) {
    if field.is_empty() {
        return;
    }
    let d = *field.delimiters();
    for repetition in field.repetitions() {
        let parts: [_; 12] = repetition.parts();
        let mut set = |n: usize, category: Category, edits: &mut Edits<'_>| {
            let Some(component) = parts.get(n - 1) else { return };
            if component.is_empty() {
                return;
            }
            let value = unescape(component.as_str(), &d);
            if let Some(new) = session.replace(category, &value, None, Form::Text, || format!("{location}.{n}")) {
                edits.replace(component.as_str(), escape(&new, &d));
            }
        };
        match shape {
            Shape::Id(category) => set(1, category, edits),
            Shape::Whole(category) => (1..=12).for_each(|n| set(n, category, edits)),
            Shape::Name => (1..=3).for_each(|n| set(n, Category::Name, edits)),
            Shape::Person => {
                set(1, Category::OtherId, edits);
                (2..=4).for_each(|n| set(n, Category::Name, edits));
            }
            Shape::Address => {
                for (n, category) in [
                    (1, Category::StreetAddress),
                    (2, Category::StreetAddress),
                    (3, Category::City),
                    (5, Category::Zip),
                    (8, Category::City),
                    (9, Category::City),
                    (10, Category::City),
                ] {
                    set(n, category, edits);
                }
            }
            Shape::Telecom => {
                let fax = parts.get(2).is_some_and(|c| c.as_str() == "FX");
                let phone = if fax { Category::Fax } else { Category::Phone };
                for n in [1, 6, 7, 8, 12] {
                    set(n, phone, edits);
                }
                set(4, Category::Email, edits);
            }
            Shape::Date => date(session, &parts, location, &d, edits),
            Shape::Text => {
                let decoded: Cow<'_, str> = unescape(repetition.as_str(), &d);
                let redactor = session.redactor;
                let new = redactor.free_text(session, &decoded, seeds, location);
                if new != decoded {
                    edits.replace(repetition.as_str(), escape(&new, &d));
                }
            }
        }
    }
}

/// A DTM (TS.1) date: generalised, shifted (kept in HL7's form, time and offset after it) or masked.
fn date(
    session: &mut Session<'_>,
    parts: &[crate::hl7::Component<'_>; 12],
    location: &str,
    d: &Delimiters,
    edits: &mut Edits<'_>,
) {
    let Some(component) = parts.first().filter(|c| !c.is_empty()) else { return };
    let raw = component.subcomponent(1);
    let found = hl7_date(raw);
    if let Some(new) = session.replace(Category::Date, raw.trim(), found.as_ref(), Form::Text, || location.to_owned()) {
        edits.replace(raw, escape(&new, d));
    }
}

/// An HL7 date/time as the date finder's parts (a year alone is already general: no parts).
fn hl7_date(raw: &str) -> Option<FoundDate> {
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
