//! HL7 v2, redacted by data type ([`super::hl7_fields`]): in every segment, known or not, every person name,
//! address, telecom, identifier and date where the standard's data types put one, coded elements' text and
//! every free-text value searched, seeded with the patient's own identifiers from PID. Segment identifiers are
//! read forgivingly (`pid|`, `PID |`), every field is read (no limit on their number), and a line that is not a
//! segment — a note wrapped onto the next line, text pasted between segments, a header whose delimiters cannot
//! be used — is redacted as free text: nothing passes through unread. Control IDs, codes, values, units, ranges
//! and flags are kept.

use chrono::Datelike;

use super::hl7_fields::{Role, Value, date_shaped, field_values, hl7_date};
use super::session::{Form, Session};
use super::{Category, RedactOptions, Redactor, Seeds};
use crate::hl7::{Delimiters, Field, escape, unescape};

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

/// One line of the input: a segment (its normalised identifier and fields) or free text.
struct Line<'a> {
    text: &'a str,
    number: usize,
    segment: Option<Segment<'a>>,
}

struct Segment<'a> {
    id: String,
    /// 1-based occurrence of the identifier within its message.
    sequence: usize,
    /// `fields[n]` is field n (`fields[0]` the identifier; for a header, `fields[1]` the field separator).
    fields: Vec<&'a str>,
    delimiters: Delimiters,
}

impl<'a> Segment<'a> {
    fn field(&self, n: usize) -> Field<'a> {
        Field::new(self.fields.get(n).copied().unwrap_or_default(), self.delimiters)
    }
}

pub(crate) fn redact(redactor: &Redactor, text: &str, options: &RedactOptions) -> (String, Vec<super::Change>) {
    let lines = read_lines(text);
    let mut seeds = options.seeds.clone();
    let mut patient = options.patient.clone();
    for segment in lines.iter().filter_map(|l| l.segment.as_ref()).filter(|s| s.id == "PID") {
        pid_seeds(|n| segment.field(n), &mut seeds, &mut patient);
    }
    let mut session = Session::new(redactor, patient.as_deref(), options.as_of.year()).numbered_after(text);
    let mut edits = Edits { text, edits: Vec::new() };
    for line in &lines {
        match &line.segment {
            Some(segment) => redact_segment(&mut session, &seeds, segment, &mut edits),
            None => {
                let location = format!("line {}", line.number);
                let new = redactor.free_text(&mut session, line.text, &seeds, &location);
                if new != line.text {
                    edits.replace(line.text, new);
                }
            }
        }
    }
    (edits.finish(), session.changes)
}

/// Splits the text into lines at CR and LF (MLLP framing bytes set aside) and reads each as a segment with the
/// delimiters of the header before it (the standard ones before any header).
fn read_lines(text: &str) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let mut delimiters = Some(Delimiters::default());
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let pieces = text.split(['\r', '\n']).map(|l| l.trim_matches(|c| c == '\u{0B}' || c == '\u{1C}'));
    for (number, piece) in pieces.filter(|l| !l.trim().is_empty()).enumerate() {
        let header = header_id(piece);
        if header.is_some() {
            let start = piece.len() - piece.trim_start().len();
            delimiters = piece.get(start..).and_then(|h| Delimiters::read(h).ok()).map(|(d, _)| d);
            if header == Some("MSH") {
                counts.clear();
            }
        }
        let segment = delimiters.and_then(|d| segment(piece, d, &mut counts));
        lines.push(Line { text: piece, number: number + 1, segment });
    }
    lines
}

/// `MSH`, `FHS` or `BHS` when the line starts with one (in any case) and a field separator follows.
fn header_id(line: &str) -> Option<&'static str> {
    let line = line.trim_start();
    let id = line.get(..3)?.to_ascii_uppercase();
    let separator = line.get(3..)?.chars().next()?;
    if separator.is_alphanumeric() || separator.is_whitespace() {
        return None;
    }
    ["MSH", "FHS", "BHS"].into_iter().find(|h| *h == id)
}

/// The normalised identifier of a line (upper case, surrounding spaces dropped), when it is shaped as one: three
/// letters or digits, the first a letter, before the field separator or the end of the line.
fn segment_id(line: &str, separator: char) -> Option<String> {
    let head = line.split(separator).next()?.trim();
    let valid = head.len() == 3
        && head.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
        && head.bytes().all(|b| b.is_ascii_alphanumeric());
    valid.then(|| head.to_ascii_uppercase())
}

fn segment<'a>(
    line: &'a str,
    delimiters: Delimiters,
    counts: &mut std::collections::HashMap<String, usize>,
) -> Option<Segment<'a>> {
    let id = segment_id(line, delimiters.field)?;
    let mut fields: Vec<&'a str> = line.split(delimiters.field).collect();
    if matches!(id.as_str(), "MSH" | "FHS" | "BHS") {
        // Field 1 of a header is the field separator itself.
        fields.insert(1, "");
    }
    let count = counts.entry(id.clone()).or_insert(0);
    *count += 1;
    Some(Segment { id, sequence: *count, fields, delimiters })
}

/// The patient's names, identifiers, phones, SSN and street address, as seeds; the first identifier, for date
/// shifts. `field(n)` is PID-n.
pub(crate) fn pid_seeds<'a>(field: impl Fn(usize) -> Field<'a>, seeds: &mut Seeds, patient: &mut Option<String>) {
    for repetition in field(5).repetitions().chain(field(9).repetitions()) {
        let name: Vec<String> = repetition.components().take(3).map(|c| c.text().into_owned()).collect();
        seeds.add(Category::Name, &name.join(" "));
    }
    for (n, category) in [(3, Category::Mrn), (2, Category::Mrn), (19, Category::Ssn), (18, Category::Account)] {
        for repetition in field(n).repetitions() {
            let id = repetition.component(1).text();
            if !id.is_empty() {
                seeds.add(category, &id);
                if n == 3 {
                    patient.get_or_insert_with(|| id.into_owned());
                }
            }
        }
    }
    for n in [13, 14] {
        for repetition in field(n).repetitions() {
            let number: String = [1, 6, 7].iter().map(|c| repetition.component(*c).text().into_owned()).collect();
            seeds.add(Category::Phone, &number);
        }
    }
    for repetition in field(11).repetitions() {
        seeds.add(Category::StreetAddress, &repetition.component(1).text());
    }
}

fn redact_segment(session: &mut Session<'_>, seeds: &Seeds, segment: &Segment<'_>, edits: &mut Edits<'_>) {
    let types = session.redactor.detector.hl7_types();
    let value_type = segment.field(2).text().trim().to_ascii_uppercase();
    for n in 1..segment.fields.len() {
        let field = segment.field(n);
        let values = field_values(types, &segment.id, n, &field, Some(&value_type));
        for value in values {
            let location = location(segment, n, &value);
            redact_value(session, seeds, &value, &segment.delimiters, &location, edits);
        }
    }
}

fn location(segment: &Segment<'_>, n: usize, value: &Value<'_>) -> String {
    let mut at = format!("{}[{}]-{n}", segment.id, segment.sequence);
    for part in [value.component, value.sub].into_iter().filter(|p| *p > 0) {
        at.push('.');
        at.push_str(&part.to_string());
    }
    at
}

fn redact_value(
    session: &mut Session<'_>,
    seeds: &Seeds,
    value: &Value<'_>,
    d: &Delimiters,
    location: &str,
    edits: &mut Edits<'_>,
) {
    let role = match value.role {
        Role::Unknown if date_shaped(value.raw) => Role::Date,
        Role::Unknown => Role::Text,
        role => role,
    };
    match role {
        Role::Keep | Role::Unknown => {}
        Role::Text => {
            let decoded = unescape(value.raw, d);
            let redactor = session.redactor;
            let new = redactor.free_text(session, &decoded, seeds, location);
            if new != decoded {
                edits.replace(value.raw, escape(&new, d));
            }
        }
        Role::Date => {
            let raw = value.raw.trim();
            let found = hl7_date(raw);
            if let Some(new) = session.replace(Category::Date, raw, found.as_ref(), Form::Text, || location.to_owned())
            {
                edits.replace(raw, escape(&new, d));
            }
        }
        Role::Identifier(category) => {
            let decoded = unescape(value.raw, d);
            let text = decoded.trim();
            if let Some(new) = session.replace(category, text, None, Form::Text, || location.to_owned()) {
                edits.replace(value.raw, escape(&new, d));
            }
        }
    }
}
