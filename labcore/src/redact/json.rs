//! Redacting JSON in place: values are located in the original text and only the replaced ones change, so
//! everything else — lab values with their exact digits, codes, units, key order, white space — stays byte for
//! byte as it was.

use serde_json::value::RawValue;

use super::session::{Form, Session};
use super::{Category, Seeds};
pub(crate) use crate::fhir::input::json::{Json, Obj, elements};

/// Replaces a JSON string that holds a date by its redaction.
pub(crate) fn redact_date(session: &mut Session<'_>, splicer: &mut Splicer<'_>, raw: &RawValue, path: &str) {
    if let Some(new) = date_replacement(session, raw, path) {
        splicer.replace_with_string(raw, &new);
    }
}

/// What replaces a JSON string that holds a date (`None`: kept as it is).
pub(crate) fn date_replacement(session: &mut Session<'_>, raw: &RawValue, path: &str) -> Option<String> {
    let value = Json::of(raw).text()?;
    let date = session.redactor.detector.whole_date(&value);
    session.replace(Category::Date, &value, date.as_ref(), Form::Text, || path.to_owned())
}

/// Replaces a JSON string by its redaction as free text, when that changes it.
pub(crate) fn redact_free_string(
    session: &mut Session<'_>,
    seeds: &Seeds,
    splicer: &mut Splicer<'_>,
    raw: &RawValue,
    path: &str,
) {
    if let Some(new) = free_replacement(session, seeds, raw, path) {
        splicer.replace_with_string(raw, &new);
    }
}

/// What replaces a JSON string redacted as free text (`None`: unchanged).
pub(crate) fn free_replacement(session: &mut Session<'_>, seeds: &Seeds, raw: &RawValue, path: &str) -> Option<String> {
    let value = Json::of(raw).text()?;
    let redactor = session.redactor;
    let new = redactor.free_text(session, &value, seeds, path);
    (new != value).then_some(new)
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

    /// Replaces a value (one read from this text) by JSON text of the caller's making.
    pub(crate) fn replace_with_json(&mut self, raw: &RawValue, json: &str) {
        if let Some((start, end)) = self.span(raw) {
            self.edits.push((start, end, json.to_owned()));
        }
    }

    /// Replaces an object member (key and value), given its value as read from this text, by JSON text of the
    /// caller's making (another member); `false` when the value is not a member.
    pub(crate) fn replace_member(&mut self, raw: &RawValue, json: &str) -> bool {
        let Some((start, end)) = self.span(raw) else { return false };
        let Some(key) = key_start(self.input.as_bytes(), start) else { return false };
        self.edits.push((key, end, json.to_owned()));
        true
    }

    /// Removes the items of one object or array that are gone — `items` are its members' values (`members`) or
    /// its elements, all of them in order, each with whether it is gone — together with the commas between them,
    /// so that what is left is still valid JSON: each run of gone items from the end of the kept item before it
    /// or, for a leading run, up to the start of the kept item after it. When every item is gone nothing is
    /// done: the caller removes the container as a whole.
    pub(crate) fn remove_items(&mut self, items: &[(&RawValue, bool)], members: bool) {
        let bytes = self.input.as_bytes();
        let spans: Option<Vec<(usize, usize)>> = items
            .iter()
            .map(|(raw, _)| {
                let (start, end) = self.span(raw)?;
                Some((if members { key_start(bytes, start)? } else { start }, end))
            })
            .collect();
        let Some(spans) = spans else { return };
        let gone = |i: usize| items.get(i).is_some_and(|(_, gone)| *gone);
        let mut i = 0;
        while i < items.len() {
            if !gone(i) {
                i += 1;
                continue;
            }
            let first = i;
            while gone(i) {
                i += 1;
            }
            let last_end = spans.get(i - 1).map(|s| s.1);
            let range = match (first.checked_sub(1).and_then(|k| spans.get(k)), spans.get(i)) {
                (Some(kept), _) => last_end.map(|end| (kept.1, end)),
                (None, Some(next)) => spans.get(first).map(|s| (s.0, next.0)),
                (None, None) => None, // every item is gone: the container goes as a whole
            };
            if let Some((from, to)) = range {
                self.edits.push((from, to, String::new()));
            }
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

/// Where the key of the member whose value starts at `start` starts (its opening quote).
fn key_start(bytes: &[u8], start: usize) -> Option<usize> {
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
                return Some(open);
            }
        }
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

    /// `text` (an object or array) with the items whose keys (or, for an array, positions) are listed removed.
    fn removed(text: &str, gone: &[&str]) -> String {
        let raw: &RawValue = serde_json::from_str(text).unwrap();
        let (items, members): (Vec<(&RawValue, bool)>, bool) = match Obj::read(raw) {
            Some(object) => (object.members().iter().map(|(k, v)| (*v, gone.contains(&k.as_ref()))).collect(), true),
            None => (
                elements(raw)
                    .into_iter()
                    .enumerate()
                    .map(|(i, v)| (v, gone.contains(&i.to_string().as_str())))
                    .collect(),
                false,
            ),
        };
        let mut splicer = Splicer::new(raw.get());
        splicer.remove_items(&items, members);
        let out = splicer.finish();
        serde_json::from_str::<serde_json::Value>(&out).unwrap();
        out
    }

    #[test]
    fn members_and_elements_are_removed_leaving_valid_json() {
        assert_eq!(removed(r#"{"a": 1, "data": "QUJD", "c": 2}"#, &["data"]), r#"{"a": 1, "c": 2}"#);
        assert_eq!(removed(r#"{"data": "QUJD", "c": 2}"#, &["data"]), r#"{"c": 2}"#);
        assert_eq!(removed(r#"{"c": 2, "data" : "QUJD" }"#, &["data"]), r#"{"c": 2 }"#);
        assert_eq!(removed(r#"{"data": "QUJD"}"#, &["data"]), r#"{"data": "QUJD"}"#, "the caller removes it whole");
        assert_eq!(removed(r#"{"x\"y": 1, "data": [1, {"a": 2}]}"#, &["data"]), r#"{"x\"y": 1}"#);
        assert_eq!(removed(r#"{"a": 1, "b": 2, "c": 3, "d": 4}"#, &["a", "b", "d"]), r#"{"c": 3}"#);
        assert_eq!(removed(r#"{"a": 1, "b": 2, "c": 3, "d": 4}"#, &["b", "c"]), r#"{"a": 1, "d": 4}"#);
        assert_eq!(removed(r#"["a", "b", "c"]"#, &["0", "1"]), r#"["c"]"#);
        assert_eq!(removed(r#"["a", "b", "c"]"#, &["1", "2"]), r#"["a"]"#);
        assert_eq!(removed(r#"[ "a" ,"b", "c" ]"#, &["0", "2"]), r#"[ "b" ]"#);
    }
}
