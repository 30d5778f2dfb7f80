//! Choice-type elements of an Observation (`value[x]`): what two of them, or a value beside a data-absent
//! reason, mean (FHIR R4 obs-6 and the choice-type rule forbid both).

use crate::finding::Findings;
use crate::{FhirPath, Finding, FindingCode, JsonPointer, SourceLocation};

use super::json::Obj;

/// The `value[x]` types of an R4 Observation (and its components), named in findings; any other key is not quoted.
const VALUE_TYPES: &[&str] = &[
    "valueQuantity",
    "valueCodeableConcept",
    "valueString",
    "valueBoolean",
    "valueInteger",
    "valueRange",
    "valueRatio",
    "valueSampledData",
    "valueTime",
    "valueDateTime",
    "valuePeriod",
];

/// A value sent with a data-absent reason, or two `value[x]` of any types (FHIR R4 obs-6 and the choice-type rule
/// forbid both): which one holds cannot be told, so the result is kept but its value is not used
/// (`field_conflict`, an error about that result alone: the report's other results are still used).
pub(super) fn conflicts(body: &Obj<'_>, base: FhirPath, path: &JsonPointer, findings: &mut Findings) -> bool {
    let values: Vec<&str> = body.members().iter().map(|(k, _)| k.as_ref()).filter(|k| is_choice(k, "value")).collect();
    let mut withheld = false;
    let at = |key: &'static str| SourceLocation::Fhir(Box::new(base.key(key)));
    if values.len() > 1 {
        let names: Vec<&str> =
            values.iter().map(|k| VALUE_TYPES.iter().find(|t| *t == k).copied().unwrap_or("another")).collect();
        let message = format!(
            "the observation has {} `value[x]` ({}): which holds cannot be told; the result is not used",
            values.len(),
            names.join(", ")
        );
        findings.push_finding(
            Finding::new(FindingCode::FieldConflict, path.key("value"), message).with_location(at("value")),
        );
        withheld = true;
    }
    if !values.is_empty() && body.get("dataAbsentReason").is_some() {
        let message = "the observation has both a value and a `dataAbsentReason`: whether it has a value cannot be told; its value is not used";
        findings.push_finding(
            Finding::new(FindingCode::FieldConflict, path.key("value"), message).with_location(at("dataAbsentReason")),
        );
        withheld = true;
    }
    withheld
}

/// Whether a key is a choice-type element of `prefix` (`valueQuantity` of `value`).
fn is_choice(key: &str, prefix: &str) -> bool {
    key.len() > prefix.len()
        && key.starts_with(prefix)
        && key.as_bytes().get(prefix.len()).is_some_and(u8::is_ascii_uppercase)
}

#[cfg(test)]
mod tests {
    use super::super::observation::{Inherited, read};
    use super::super::range::Patient;
    use super::*;
    use crate::payload::ResultInput;

    fn read_one(text: &str) -> (Option<ResultInput>, Vec<Finding>) {
        let raw: &serde_json::value::RawValue = serde_json::from_str(text).unwrap();
        let body = Obj::read(raw).unwrap();
        let mut findings = Findings::default();
        let inherited = Inherited { status: None, patient: Patient { sex: None, age: None } };
        let read = read(&body, FhirPath::resource("Observation"), 0, inherited, &mut findings);
        (read.map(|(input, _)| input), findings.into_vec())
    }

    #[test]
    fn every_pair_of_value_types_is_a_conflict_about_that_result() {
        for text in [
            r#"{"code": {"text": "Glucose"}, "valueRange": {"low": {"value": 182}}, "valueQuantity": {"code": "mg/dL"}}"#,
            r#"{"code": {"text": "Glucose"}, "valueQuantity": {"code": "mg/dL"}, "valueRange": {"low": {"value": 182}}}"#,
            r#"{"code": {"text": "Glucose"}, "valueRatio": {}, "valueString": "7"}"#,
        ] {
            let (input, found) = read_one(text);
            let input = input.expect("the result is kept");
            assert!(input.alternates.as_deref().is_some_and(|a| a.withheld), "{text}");
            let codes: Vec<FindingCode> = found.iter().map(Finding::code).collect();
            assert_eq!(codes, [FindingCode::FieldConflict], "{text}");
            assert_eq!(found[0].path().result_index(), Some(0));
            assert!(found[0].message().contains("2 `value[x]`"), "{}", found[0].message());
        }
    }

    #[test]
    fn a_key_that_is_no_value_type_is_not_quoted() {
        let (_, found) = read_one(r#"{"code": {"text": "x"}, "valueString": "7", "valueJaneDoe": 1}"#);
        assert!(found[0].message().contains("valueString, another"), "{}", found[0].message());
        assert!(!found[0].message().contains("Jane"));
    }
}
