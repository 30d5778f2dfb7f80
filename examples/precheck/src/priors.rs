//! `--priors`: the patient's previous results, a JSON array of `{"analyte", "value", "unit", "collected_at"}`.
//!
//! A priors file holds a patient's results and times, so its errors say which entry and which field is wrong and
//! how, never what is written there (serde_json's own messages quote the input: `invalid type: string "…"`).

use std::path::Path;

use chrono::DateTime;
use labcore::PriorResult;
use serde_json::Value;

/// Reads a priors file.
pub(crate) fn read(path: &Path) -> Result<Vec<PriorResult>, String> {
    let name = path.display();
    let text = std::fs::read_to_string(path).map_err(|e| format!("{name}: {e}"))?;
    let value: Value = serde_json::from_str(&text).map_err(|e| format!("{name}: {}", syntax(&e)))?;
    let Value::Array(entries) = value else {
        return Err(format!("{name}: must be a JSON array of {{\"analyte\", \"value\", \"unit\", \"collected_at\"}}"));
    };
    entries.iter().enumerate().map(|(i, entry)| prior(entry).map_err(|e| format!("{name}: entry [{i}]: {e}"))).collect()
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

/// One entry; the error names the field and what it must be.
fn prior(entry: &Value) -> Result<PriorResult, String> {
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
    Ok(PriorResult { analyte, value, unit, collected_at })
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
            (r#"{"Jane Doe": 1}"#, "must be a JSON array"),
            (r#"[{"analyte": "Jane Doe""#, "not valid JSON: unexpected end of input at line 1 column 23"),
            (r#"["Jane Doe" "MRN-1"]"#, "not valid JSON at line 1 column 13"),
        ];
        for (text, expected) in cases {
            let err = error_of(text);
            assert!(err.contains(expected), "{err}");
            assert!(!err.contains("Jane") && !err.contains("MRN"), "{err}");
        }
    }
}
