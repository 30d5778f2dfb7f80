//! `--priors`: the patients' previous results. Either a JSON array of
//! `{"analyte", "value", "unit", "collected_at", "patient_id"}` (`patient_id` optional), or an object whose keys are
//! patient identifiers and whose values are such arrays (`{"MRN-1": [...], "MRN-2": [...]}`). labcore compares a
//! previous result that names a patient only with that patient's payloads; one that names none is taken to be every
//! input's patient's, which is only safe with a single input ([`check_inputs`]).
//!
//! A priors file holds patients' identifiers, results and times, so its errors say which entry and which field is
//! wrong and how, never what is written there (serde_json's own messages quote the input: `invalid type: string
//! "…"`), and a patient is named by its position in the file, never by its identifier.

use std::path::Path;

use chrono::DateTime;
use labcore::PriorResult;
use serde_json::Value;

/// What a priors file must be, for its errors.
const SHAPE: &str = "must be a JSON array of {\"analyte\", \"value\", \"unit\", \"collected_at\", \"patient_id\"}, or an \
                     object of such arrays by patient identifier";

/// Reads a priors file.
pub(crate) fn read(path: &Path) -> Result<Vec<PriorResult>, String> {
    let name = path.display();
    let text = std::fs::read_to_string(path).map_err(|e| format!("{name}: {e}"))?;
    let value: Value = serde_json::from_str(&text).map_err(|e| format!("{name}: {}", syntax(&e)))?;
    match value {
        Value::Array(entries) => entries
            .iter()
            .enumerate()
            .map(|(i, entry)| prior(entry, None).map_err(|e| format!("{name}: entry [{i}]: {e}")))
            .collect(),
        Value::Object(_) => {
            // Again, keys in the file's order, so that "patient #2" is the second patient of the file.
            let patients: InOrder = serde_json::from_str(&text).map_err(|e| format!("{name}: {}", syntax(&e)))?;
            let mut priors = Vec::new();
            for (p, (patient, entries)) in patients.0.iter().enumerate() {
                let Value::Array(entries) = entries else {
                    return Err(format!("{name}: patient #{}: must be an array of previous results", p + 1));
                };
                for (i, entry) in entries.iter().enumerate() {
                    let read = prior(entry, Some(patient));
                    priors.push(read.map_err(|e| format!("{name}: patient #{}, entry [{i}]: {e}", p + 1))?);
                }
            }
            Ok(priors)
        }
        _ => Err(format!("{name}: {SHAPE}")),
    }
}

/// Previous results that name no patient would be compared with every input's patient: refused when there is
/// more than one input (a directory, several files). With one input they are that input's patient's, as before.
pub(crate) fn check_inputs(priors: &[PriorResult], inputs: usize) -> Result<(), String> {
    let unkeyed = priors.iter().filter(|p| p.patient_id.is_none()).count();
    if inputs > 1 && unkeyed > 0 {
        return Err(format!(
            "--priors: {unkeyed} previous result(s) name no patient, and there are {inputs} inputs: they would be \
             compared with every input's patient. Give each a \"patient_id\", or key the file by patient identifier"
        ));
    }
    Ok(())
}

/// A JSON object's members in the file's order (`serde_json::Map` sorts its keys).
struct InOrder(Vec<(String, Value)>);

impl<'de> serde::Deserialize<'de> for InOrder {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Members;
        impl<'de> serde::de::Visitor<'de> for Members {
            type Value = InOrder;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<InOrder, A::Error> {
                let mut members = Vec::new();
                while let Some(member) = map.next_entry::<String, Value>()? {
                    members.push(member);
                }
                Ok(InOrder(members))
            }
        }
        deserializer.deserialize_map(Members)
    }
}

/// What kind of JSON error, and where: serde_json's category and position, never its message.
fn syntax(err: &serde_json::Error) -> String {
    let what = match err.classify() {
        serde_json::error::Category::Eof => "not valid JSON: unexpected end of input",
        serde_json::error::Category::Io => "could not be read",
        _ => "not valid JSON",
    };
    format!("{what} at line {} column {}", err.line(), err.column())
}

/// One entry (of the patient `key`, in a file keyed by patient); the error names the field and what it must be.
fn prior(entry: &Value, key: Option<&String>) -> Result<PriorResult, String> {
    if !entry.is_object() {
        return Err("must be an object with analyte, value, unit and collected_at".to_owned());
    }
    let text = |key: &'static str| match entry.get(key) {
        Some(Value::String(s)) => Ok(s.clone()),
        None => Err(format!("`{key}` is missing")),
        Some(_) => Err(format!("`{key}` must be a string")),
    };
    let analyte = text("analyte")?;
    let value = match entry.get("value") {
        Some(v) => v.as_f64().ok_or_else(|| "`value` must be a number".to_owned())?,
        None => return Err("`value` is missing".to_owned()),
    };
    let unit = text("unit")?;
    let collected_at = DateTime::parse_from_rfc3339(&text("collected_at")?)
        .map_err(|_| "`collected_at` must be an RFC 3339 time with an offset".to_owned())?;
    let named = match entry.get("patient_id") {
        None | Some(Value::Null) => None,
        Some(_) => Some(text("patient_id")?),
    };
    let patient_id = match (key, named) {
        (Some(key), Some(named)) if *key != named => {
            return Err("`patient_id` is not the patient it is filed under".to_owned());
        }
        (Some(key), _) => Some(key.clone()),
        (None, named) => named,
    };
    Ok(PriorResult { analyte, value, unit, collected_at, patient_id })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(text: &str) -> String {
        let path = std::env::temp_dir().join(format!("labcore-priors-{}-{}.json", std::process::id(), text.len()));
        std::fs::write(&path, text).unwrap();
        let err = read(&path).unwrap_err();
        std::fs::remove_file(&path).unwrap();
        err
    }

    #[test]
    fn errors_name_the_entry_and_field_never_the_value() {
        let cases = [
            (
                r#"[{"analyte": "potassium", "value": "Jane Doe", "unit": "mmol/L"}]"#,
                "entry [0]: `value` must be a number",
            ),
            (
                r#"[{"analyte": 7, "value": 1, "unit": "x", "collected_at": "2026-01-01T00:00:00Z"}]"#,
                "entry [0]: `analyte` must be a string",
            ),
            (
                r#"[{"analyte": "k", "value": 1, "unit": "x", "collected_at": "Jane Doe"}]"#,
                "entry [0]: `collected_at` must be an RFC 3339",
            ),
            (r#"7"#, "must be a JSON array"),
            (r#"{"Jane Doe": 1}"#, "patient #1: must be an array"),
            (
                r#"{"MRN-1": [], "Jane Doe": [{"analyte": "k", "value": "x"}]}"#,
                "patient #2, entry [0]: `value` must be a number",
            ),
            (
                r#"{"Jane Doe": [{"analyte": "k", "value": 1, "unit": "x", "collected_at": "2026-01-01T00:00:00Z",
                    "patient_id": "MRN-1"}]}"#,
                "patient #1, entry [0]: `patient_id` is not the patient it is filed under",
            ),
            (
                r#"[{"analyte": "k", "value": 1, "unit": "x", "collected_at": "2026-01-01T00:00:00Z", "patient_id": 7}]"#,
                "entry [0]: `patient_id` must be a string",
            ),
            (r#"[{"analyte": "Jane Doe""#, "not valid JSON: unexpected end of input at line 1 column 23"),
            (r#"["Jane Doe" "MRN-1"]"#, "not valid JSON at line 1 column 13"),
        ];
        for (text, expected) in cases {
            let err = error_of(text);
            assert!(err.contains(expected), "{err}");
            assert!(!err.contains("Jane") && !err.contains("MRN"), "{err}");
        }
    }

    fn read_text(text: &str) -> Vec<PriorResult> {
        let path = std::env::temp_dir().join(format!("labcore-priors-ok-{}-{}.json", std::process::id(), text.len()));
        std::fs::write(&path, text).unwrap();
        let read = read(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        read
    }

    #[test]
    fn priors_are_keyed_by_patient_and_unkeyed_ones_need_a_single_input() {
        let entry = r#"{"analyte": "creatinine", "value": 1, "unit": "mg/dL", "collected_at": "2026-11-23T08:00:00Z"}"#;
        let keyed = read_text(&format!(r#"{{"MRN-1": [{entry}, {entry}], "MRN-2": [{entry}]}}"#));
        let patients: Vec<_> = keyed.iter().map(|p| p.patient_id.as_deref()).collect();
        assert_eq!(patients, [Some("MRN-1"), Some("MRN-1"), Some("MRN-2")]);
        assert!(check_inputs(&keyed, 5).is_ok());
        let unkeyed = read_text(&format!("[{entry}]"));
        assert_eq!(unkeyed[0].patient_id, None);
        assert!(check_inputs(&unkeyed, 1).is_ok());
        let err = check_inputs(&unkeyed, 2).unwrap_err();
        assert!(err.contains("1 previous result(s) name no patient"), "{err}");
    }
}
