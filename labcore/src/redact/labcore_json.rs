//! labcore's JSON payload and report: `patient_id` (MRN), `patient.birth_date` and `collected_at` (dates),
//! `specimen.id` (an accession number), and free text (`comments`, `results[].comment`, text written where a
//! value is) searched for identifiers seeded with the patient identifier. Numbers, codes, units and ranges are
//! left exactly as sent. Failing closed: an identifier or date of the wrong JSON type (`"patient_id": 482913`)
//! is redacted all the same, an object where text was expected is walked, and a key labcore does not know may
//! hold anything: its strings and numbers are searched as free text.

use chrono::Datelike;
use serde_json::value::RawValue;

use super::json::{Json, Obj, Splicer, elements, key_segment, redact_date, redact_free_string};
use super::session::{Form, Session};
use super::{Category, RedactError, RedactOptions, Redactor, Seeds};

/// Keys whose values are kept as they are (labcore's vocabulary, lab values, codes, ranges, flags, statuses).
const KEPT: &[&str] = &[
    "lab_id",
    "test_type",
    "sex",
    "type",
    "analyte",
    "loinc",
    "unit",
    "reference_range",
    "flag",
    "status",
    "status_reasons",
    "accepted",
    "panel",
    "unit_system",
    "derived",
    "completeness",
    "findings",
    "index",
    "mapping",
    "comparator",
    "significant_digits",
    "converted",
    "plausible",
    "range_status",
    "range",
    "critical",
    "delta",
    "location",
    "usable",
    "$schema",
];

/// What one member's value is.
enum Rule {
    Identifier(Category),
    Date,
    FreeText,
    Keep,
    /// A value: numbers kept, text searched (`"value": "Mary Roe, DOB 1970-01-01"`).
    Value,
    /// An object or array to walk into (results, patient, specimen, comments, unknown containers).
    Walk,
}

fn rule(parent: &str, key: &str) -> Rule {
    match (parent, key) {
        ("", "patient_id") => Rule::Identifier(Category::Mrn),
        ("", "collected_at") | ("patient", "birth_date") => Rule::Date,
        ("specimen", "id") => Rule::Identifier(Category::OtherId),
        ("", "comments") | ("result", "comment") => Rule::FreeText,
        ("", "results" | "patient" | "specimen") | ("result", "sender_reference") => Rule::Walk,
        // A report's result: the sender's names for its records (the OBX-1 ordinal is only a position).
        ("sender_reference", "set_id") => Rule::Keep,
        ("sender_reference", _) => Rule::Identifier(Category::OtherId),
        (_, "value" | "text" | "display" | "original") => Rule::Value,
        (_, key) if KEPT.contains(&key) => Rule::Keep,
        _ => Rule::FreeText,
    }
}

struct Walk<'r, 'a> {
    session: Session<'r>,
    seeds: Seeds,
    splicer: Splicer<'a>,
}

pub(crate) fn redact(
    redactor: &Redactor,
    text: &str,
    options: &RedactOptions,
) -> Result<(String, Vec<super::Change>), RedactError> {
    let raw: &RawValue = serde_json::from_str(text).map_err(|e| RedactError::Input(crate::Error::from_json(&e)))?;
    let root = Obj::read(raw);
    let patient = root.as_ref().and_then(|r| r.string("patient_id").or_else(|| number(r, "patient_id")));
    let mut seeds = options.seeds.clone();
    if let Some(id) = &patient {
        seeds.add(Category::Mrn, id);
    }
    let session = Session::new(redactor, patient.as_deref().or(options.patient.as_deref()), options.as_of.year())
        .numbered_after(text);
    let mut walk = Walk { session, seeds, splicer: Splicer::new(text) };
    match root {
        Some(root) => walk.object(&root, "", ""),
        None => walk.free(raw, ""),
    }
    Ok((walk.splicer.finish(), walk.session.changes))
}

impl Walk<'_, '_> {
    fn object(&mut self, object: &Obj<'_>, parent: &str, path: &str) {
        for (position, (key, raw)) in object.members().iter().enumerate() {
            let here = format!("{path}/{}", key_segment(key, position));
            match rule(parent, key) {
                Rule::Keep => {}
                Rule::Value => self.value(raw, &here),
                Rule::Identifier(category) => self.identifier(raw, category, &here),
                Rule::Date => self.date(raw, &here),
                Rule::FreeText => self.free(raw, &here),
                Rule::Walk => self.container(raw, key, &here),
            }
        }
    }

    /// `results` (each element a result), `patient`, `specimen`.
    fn container(&mut self, raw: &RawValue, key: &str, path: &str) {
        match Json::of(raw) {
            Json::Array(_) => {
                for (i, element) in elements(raw).into_iter().enumerate() {
                    match Obj::read(element) {
                        Some(result) => self.object(&result, "result", &format!("{path}/{i}")),
                        None => self.free(element, &format!("{path}/{i}")),
                    }
                }
            }
            Json::Object(_) => {
                if let Some(object) = Obj::read(raw) {
                    self.object(&object, key, path);
                }
            }
            _ => self.free(raw, path),
        }
    }

    /// An identifier: a string, or a number written where the string should be; anything else is walked.
    fn identifier(&mut self, raw: &RawValue, category: Category, path: &str) {
        let value = match Json::of(raw) {
            Json::Number(number) => std::borrow::Cow::Borrowed(number),
            json => match json.text() {
                Some(text) => text,
                None => return self.free(raw, path),
            },
        };
        if let Some(new) = self.session.replace(category, &value, None, Form::Text, || path.to_owned()) {
            self.splicer.replace_with_string(raw, &new);
        }
    }

    /// A date: a string, or a number (`19840312`) redacted as the date it spells; anything else is walked.
    fn date(&mut self, raw: &RawValue, path: &str) {
        match Json::of(raw) {
            Json::Str(_) => redact_date(&mut self.session, &mut self.splicer, raw, path),
            Json::Number(number) => {
                let date = super::hl7_fields::hl7_date(number);
                if let Some(new) =
                    self.session.replace(Category::Date, number, date.as_ref(), Form::Text, || path.to_owned())
                {
                    self.splicer.replace_with_string(raw, &new);
                }
            }
            _ => self.free(raw, path),
        }
    }

    /// A value: a number kept, text searched, a container walked.
    fn value(&mut self, raw: &RawValue, path: &str) {
        match Json::of(raw) {
            Json::Number(_) | Json::Bool | Json::Null => {}
            _ => self.free(raw, path),
        }
    }

    /// Strings and numbers searched as free text; arrays and objects of unknown meaning walked into.
    fn free(&mut self, raw: &RawValue, path: &str) {
        match Json::of(raw) {
            Json::Str(_) => redact_free_string(&mut self.session, &self.seeds, &mut self.splicer, raw, path),
            Json::Number(number) => {
                let redactor = self.session.redactor;
                let new = redactor.free_text(&mut self.session, number, &self.seeds, path);
                if new != number {
                    self.splicer.replace_with_string(raw, &new);
                }
            }
            Json::Array(_) => {
                for (i, element) in elements(raw).into_iter().enumerate() {
                    self.free(element, &format!("{path}/{i}"));
                }
            }
            Json::Object(_) => {
                if let Some(object) = Obj::read(raw) {
                    self.object(&object, "unknown", path);
                }
            }
            _ => {}
        }
    }
}

/// A number member's text (an identifier sent as a number).
fn number<'a>(object: &Obj<'a>, key: &str) -> Option<std::borrow::Cow<'a, str>> {
    match object.get(key)? {
        Json::Number(number) => Some(std::borrow::Cow::Borrowed(number)),
        _ => None,
    }
}
