//! Redaction as the JS bindings call it: policies edited by name, keys as bytes, seeds as a JSON object, answers
//! as JSON text, text offsets in UTF-16 code units (what `String.prototype.slice` counts).

use chrono::{DateTime, Utc};
use labcore::redact::{Category, Operation, Policy, RedactAs, RedactOptions, RedactionKey, Redactor, Seeds, Zip3List};
use serde_json::{Value, json};

use crate::failure::{Failure, Result, to_json};
use crate::settings::parse_time;

/// A category by name (`name`, `mrn`, `date`, … as `Policy.categories()` lists them).
pub fn category(name: &str) -> Result<Category> {
    Category::from_name(name).ok_or_else(|| Failure::option("category", "is not a known identifier category"))
}

/// The category names.
pub fn category_names() -> Vec<String> {
    Category::ALL.iter().map(|c| c.as_str().to_owned()).collect()
}

/// `policy` with `operation` (keep, remove, mask, pseudonym, shift_date, generalize) for the named category.
pub fn with_operation(policy: &Policy, category_name: &str, operation: &str) -> Result<Policy> {
    let operation =
        Operation::from_name(operation).ok_or_else(|| Failure::option("operation", "is not a known operation"))?;
    Ok(policy.clone().with(category(category_name)?, operation))
}

/// `policy` with another restricted ZIP3 list (`census2020`, `census2000`, unions with `+`).
pub fn with_zip3(policy: &Policy, list: &str) -> Result<Policy> {
    let zip3 = Zip3List::builtin(list).ok_or_else(|| Failure::option("zip3", "is not a known ZIP3 list"))?;
    Ok(policy.clone().with_zip3(zip3))
}

/// The operation `policy` applies to the named category.
pub fn operation(policy: &Policy, category_name: &str) -> Result<&'static str> {
    Ok(policy.operation(category(category_name)?).as_str())
}

/// A redactor for `policy` (Safe Harbor when absent) and an optional key (at least 16 bytes).
pub fn redactor(policy: Option<&Policy>, key: Option<&[u8]>) -> Result<Redactor> {
    let policy = policy.map_or_else(Policy::safe_harbor, Policy::clone);
    let key = key.map(RedactionKey::new).transpose().map_err(Failure::key)?;
    Redactor::new(policy, key).map_err(|e| Failure::redaction(&e))
}

/// The options of one redaction: `asOf` (RFC 3339, `now` when absent), the patient whose dates are shifted,
/// and `seeds` (`{category: value | [values]}`, identifiers known from the record).
pub fn options(
    as_of: Option<&str>,
    patient: Option<String>,
    seeds: Option<&Value>,
    now: DateTime<Utc>,
) -> Result<RedactOptions> {
    let as_of = match as_of {
        Some(text) => parse_time(text, "asOf")?.with_timezone(&Utc),
        None => now,
    };
    let mut options = RedactOptions::new(as_of);
    options.patient = patient;
    match seeds {
        None | Some(Value::Null) => {}
        Some(Value::Object(map)) => {
            let mut found = Seeds::new();
            for (name, values) in map {
                let category = category(name)?;
                match values {
                    Value::String(one) => found.add(category, one),
                    Value::Array(many) => many.iter().filter_map(Value::as_str).for_each(|v| found.add(category, v)),
                    _ => return Err(Failure::option("seeds", "values must be strings or arrays of strings")),
                }
            }
            options.seeds = found;
        }
        Some(_) => return Err(Failure::option("seeds", "must be an object")),
    }
    Ok(options)
}

/// Redacts text or a document (`format`: auto, text, labcore, fhir or hl7v2): `{format, output, changes}`.
pub fn redact(redactor: &Redactor, data: &[u8], format: Option<&str>, options: &RedactOptions) -> Result<String> {
    let kind = RedactAs::from_name(format.unwrap_or("auto"))
        .ok_or_else(|| Failure::option("format", "must be auto, text, labcore, fhir or hl7v2"))?;
    let redacted = redactor.redact_as(kind, data, options).map_err(|e| Failure::redaction(&e))?;
    to_json(&redacted)
}

/// The identifiers in free text as a JSON array of `{start, end, category}`, offsets in UTF-16 code units.
pub fn find(redactor: &Redactor, text: &str, options: &RedactOptions) -> Result<String> {
    let utf16 = |byte: usize| text.get(..byte).map_or(0, |p| p.encode_utf16().count());
    let found: Vec<Value> = redactor
        .find(text, options)
        .iter()
        .map(|d| json!({"start": utf16(d.start), "end": utf16(d.end), "category": d.category.as_str()}))
        .collect();
    to_json(&found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::UNIX_EPOCH
    }

    #[test]
    fn find_counts_utf16_code_units() {
        let text = "Señora Zoë Brontë-Ng 🙂 called 217-555-0199";
        let seeds = json!({"name": "Zoë Brontë-Ng"});
        let options = options(None, None, Some(&seeds), now()).unwrap();
        let found: Vec<Value> =
            serde_json::from_str(&find(&redactor(None, None).unwrap(), text, &options).unwrap()).unwrap();
        let units: Vec<u16> = text.encode_utf16().collect();
        let slices: Vec<String> = found
            .iter()
            .map(|f| {
                String::from_utf16_lossy(
                    &units[f["start"].as_u64().unwrap() as usize..f["end"].as_u64().unwrap() as usize],
                )
            })
            .collect();
        // Offsets in UTF-16 code units land on the seeded name, with the social title Safe Harbor's recall-first
        // search masks with it, and on the phone.
        for wanted in ["Señora Zoë Brontë-Ng", "217-555-0199"] {
            assert!(slices.iter().any(|s| s == wanted), "{wanted} not found at its UTF-16 offsets: {slices:?}");
        }
        assert!(slices.iter().all(|s| text.contains(s.as_str()) && !s.is_empty()), "{slices:?}");
    }

    #[test]
    fn policies_change_by_name_and_say_what_is_wrong() {
        let custom =
            with_zip3(&with_operation(&Policy::safe_harbor(), "mrn", "pseudonym").unwrap(), "census2000").unwrap();
        assert_eq!(operation(&custom, "mrn").unwrap(), "pseudonym");
        assert_eq!(with_operation(&custom, "mrn", "shred").unwrap_err().path, "operation");
        assert_eq!(with_operation(&custom, "shoe size", "mask").unwrap_err().path, "category");
        assert_eq!(with_zip3(&custom, "census1850").unwrap_err().path, "zip3");
        assert_eq!(redactor(Some(&custom), None).unwrap_err().code, "key_required");
        assert_eq!(redactor(None, Some(b"short")).unwrap_err().code, "key_too_short");
        assert!(category_names().contains(&"mrn".to_owned()));
    }

    #[test]
    fn redact_renders_changes_without_values() {
        let options = options(Some("2026-11-25T12:00:00Z"), None, None, now()).unwrap();
        let answer = redact(&redactor(None, None).unwrap(), b"Call 217-555-0199", None, &options).unwrap();
        assert!(!answer.contains("555-0199") && answer.contains("\"changes\""));
        assert_eq!(redact(&redactor(None, None).unwrap(), b"x", Some("pdf"), &options).unwrap_err().path, "format");
        assert_eq!(self::options(None, None, Some(&json!([1])), now()).unwrap_err().path, "seeds");
    }
}
