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

    /// Removes an object member (key, value and one comma), given its value as read from this text; a value
    /// that is not a member (an array element, the root) is replaced by `null`.
    pub(crate) fn remove_member(&mut self, raw: &RawValue) {
        let Some((start, end)) = self.span(raw) else { return };
        match member_span(self.input.as_bytes(), start, end) {
            Some((from, to)) => self.edits.push((from, to, String::new())),
            None => self.edits.push((start, end, "null".to_owned())),
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
                continue; // nested in an earlier replacement (or a removal)
            }
            out.push_str(self.input.get(at..start).unwrap_or_default());
            out.push_str(&text);
            at = end;
        }
        out.push_str(self.input.get(at..).unwrap_or_default());
        out
    }
}

/// The bytes of the member whose value spans `start..end`: from the comma before its key (or, for the first
/// member, from its key to the comma after its value), so that what is left is still valid JSON.
fn member_span(bytes: &[u8], start: usize, end: usize) -> Option<(usize, usize)> {
    let skip_back = |mut at: usize| {
        while at > 0 && bytes.get(at - 1).is_some_and(u8::is_ascii_whitespace) {
            at -= 1;
        }
        at
    };
    let colon = skip_back(start).checked_sub(1)?;
    (bytes.get(colon) == Some(&b':')).then_some(())?;
    let close = skip_back(colon).checked_sub(1)?;
    (bytes.get(close) == Some(&b'"')).then_some(())?;
    // The key's opening quote: the first quote before the closing one that no backslash escapes.
    let mut open = close;
    loop {
        open = open.checked_sub(1)?;
        if bytes.get(open) == Some(&b'"') {
            let slashes = bytes.get(..open)?.iter().rev().take_while(|b| **b == b'\\').count();
            if slashes % 2 == 0 {
                break;
            }
        }
    }
    let before = skip_back(open).checked_sub(1)?;
    match bytes.get(before) {
        Some(b',') => Some((before, end)),
        Some(b'{') => {
            let mut after = end;
            while bytes.get(after).is_some_and(u8::is_ascii_whitespace) {
                after += 1;
            }
            if bytes.get(after) != Some(&b',') {
                return Some((open, end));
            }
            after += 1;
            while bytes.get(after).is_some_and(u8::is_ascii_whitespace) {
                after += 1;
            }
            Some((open, after))
        }
        _ => None,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn removed(text: &str, key: &str) -> String {
        let raw: &RawValue = serde_json::from_str(text).unwrap();
        let object = Obj::read(raw).unwrap();
        let mut splicer = Splicer::new(raw.get());
        splicer.remove_member(object.raw(key).unwrap());
        let out = splicer.finish();
        serde_json::from_str::<serde_json::Value>(&out).unwrap();
        out
    }

    #[test]
    fn members_are_removed_leaving_valid_json() {
        assert_eq!(removed(r#"{"a": 1, "data": "QUJD", "c": 2}"#, "data"), r#"{"a": 1, "c": 2}"#);
        assert_eq!(removed(r#"{"data": "QUJD", "c": 2}"#, "data"), r#"{"c": 2}"#);
        assert_eq!(removed(r#"{"c": 2, "data" : "QUJD" }"#, "data"), r#"{"c": 2 }"#);
        assert_eq!(removed(r#"{"data": "QUJD"}"#, "data"), r#"{}"#);
        assert_eq!(removed(r#"{"x\"y": 1, "data": [1, {"a": 2}]}"#, "data"), r#"{"x\"y": 1}"#);
    }
}
