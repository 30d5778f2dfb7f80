//! HL7 v2: the identifying fields of PID (identifiers, name, mother's maiden name, birth and death dates,
//! address, phones, account, SSN, driver's licence, birthplace), NK1 (next of kin), PV1 (doctors, visit
//! numbers, admission and discharge), ORC and OBR (order numbers, providers, call-back phones, dates), OBX
//! (dates, responsible observer, medical director), SPM (specimen identifiers, collection times), IN1 and GT1
//! (insured and guarantor), MSH-7 and EVN dates; free text in NTE-3 and in TX/FT/ST values of OBX-5, searched
//! seeded with the patient's own identifiers; every field of Z-segments and segments labcore does not know
//! treated as free text. MSH control IDs, codes, values, units, ranges and flags are kept.

use std::borrow::Cow;

use chrono::Datelike;

use super::hl7_fields::{Shape, field_parts, fields, hl7_date};
use super::session::{Form, Session};
use super::{Category, RedactError, RedactOptions, Redactor, Seeds};
use crate::hl7::{Component, Delimiters, Document, Field, Segment, escape, unescape};

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
    let mut session = Session::new(redactor, patient.as_deref(), options.as_of.year()).numbered_after(&text);
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
pub(crate) fn pid_seeds(pid: &Segment<'_, '_>, seeds: &mut Seeds, patient: &mut Option<String>) {
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
    let d = *field.delimiters();
    if let Shape::Text = shape {
        for repetition in field.repetitions().filter(|r| !r.is_empty()) {
            let decoded: Cow<'_, str> = unescape(repetition.as_str(), &d);
            let redactor = session.redactor;
            let new = redactor.free_text(session, &decoded, seeds, location);
            if new != decoded {
                edits.replace(repetition.as_str(), escape(&new, &d));
            }
        }
        return;
    }
    for (component, category, n) in field_parts(field, shape) {
        if category == Category::Date {
            date(session, &component, location, &d, edits);
            continue;
        }
        let value = unescape(component.as_str(), &d);
        if let Some(new) = session.replace(category, &value, None, Form::Text, || format!("{location}.{n}")) {
            edits.replace(component.as_str(), escape(&new, &d));
        }
    }
}

/// A DTM (TS.1) date: generalised, shifted (kept in HL7's form, time and offset after it) or masked.
fn date(session: &mut Session<'_>, component: &Component<'_>, location: &str, d: &Delimiters, edits: &mut Edits<'_>) {
    let raw = component.subcomponent(1);
    let found = hl7_date(raw);
    if let Some(new) = session.replace(Category::Date, raw.trim(), found.as_ref(), Form::Text, || location.to_owned()) {
        edits.replace(raw, escape(&new, d));
    }
}
