//! Redacting JSON in place: values are located in the original text and only the replaced ones change, so
//! everything else — lab values with their exact digits, codes, units, key order, white space — stays byte for
//! byte as it was.

use serde_json::value::RawValue;

use super::session::{Form, Session};
use super::{Category, Seeds};
pub(crate) use crate::fhir::input::json::{Json, Obj, elements};

/// Replaces a JSON string that holds a date by its redaction.
pub(crate) fn redact_date(session: &mut Session<'_>, splicer: &mut Splicer<'_>, raw: &RawValue, path: &str) {
    let Some(value) = Json::of(raw).text() else { return };
    let date = session.redactor.detector.whole_date(&value);
    if let Some(new) = session.replace(Category::Date, &value, date.as_ref(), Form::Text, || path.to_owned()) {
        splicer.replace_with_string(raw, &new);
    }
}

/// Replaces a JSON string by its redaction as free text, when that changes it.
pub(crate) fn redact_free_string(
    session: &mut Session<'_>,
    seeds: &Seeds,
    splicer: &mut Splicer<'_>,
    raw: &RawValue,
    path: &str,
) {
    let Some(value) = Json::of(raw).text() else { return };
    let redactor = session.redactor;
    let new = redactor.free_text(session, &value, seeds, path);
    if new != value {
        splicer.replace_with_string(raw, &new);
    }
}

/// Replacements of values of one JSON text, spliced in at the end.
pub(crate) struct Splicer<'a> {
    input: &'a str,
    edits: Vec<(usize, usize, String)>,
}

impl<'a> Splicer<'a> {
    pub(crate) fn new(input: &'a str) -> Splicer<'a> {
        Splicer { input, edits: Vec::new() }
    }

    /// Replaces a value (one read from this text) by a JSON string.
    pub(crate) fn replace_with_string(&mut self, raw: &RawValue, text: &str) {
        if let Some((start, end)) = self.span(raw) {
            let json = serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned());
            self.edits.push((start, end, json));
        }
    }

    /// Where a value read from this text is in it.
    fn span(&self, raw: &RawValue) -> Option<(usize, usize)> {
        let value = raw.get();
        let start = (value.as_ptr() as usize).checked_sub(self.input.as_ptr() as usize)?;
        let end = start.checked_add(value.len())?;
        (end <= self.input.len()).then_some((start, end))
    }

    /// The text with every replacement made.
    pub(crate) fn finish(mut self) -> String {
        self.edits.sort_by_key(|(start, _, _)| *start);
        let mut out = String::with_capacity(self.input.len());
        let mut at = 0;
        for (start, end, text) in self.edits {
            if start < at {
                continue; // nested in an earlier replacement
            }
            out.push_str(self.input.get(at..start).unwrap_or_default());
            out.push_str(&text);
            at = end;
        }
        out.push_str(self.input.get(at..).unwrap_or_default());
        out
    }
}

/// A JSON pointer segment for a key read from the input: the key when it is a plain identifier (element names),
/// else its position, so that a location never repeats input text that could be an identifier.
pub(crate) fn key_segment(key: &str, position: usize) -> String {
    let plain = key.len() <= 40
        && key.chars().next().is_some_and(|c| c.is_ascii_lowercase() || c == '_' || c == '$')
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if plain { key.to_owned() } else { format!("~{position}") }
}
