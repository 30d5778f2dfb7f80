//! The FHIR R4 rendering of every accepted conformance case validates against the official FHIR R4 JSON schema
//! (fetched by `scripts/setup.sh fhir-schema`, which `make test` runs), and carries what the report says.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, missing_docs)]

mod common;

use std::path::Path;
use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use labcore::fhir::{FhirError, FhirOptions, to_fhir};
use labcore::{Context, Status, UnitSystem, catalog::Catalog};
use serde_json::{Value, json};

/// The R4 schema with its root narrowed from "any resource" to DiagnosticReport (contained resources are still
/// validated against every resource type through `ResourceList`).
fn validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| common::fhir_schema::validator("DiagnosticReport"))
}

fn as_of() -> DateTime<Utc> {
    "2026-11-25T12:00:00Z".parse().unwrap()
}

/// Schema errors, and what FHIR forbids beyond its JSON schema: `null`, empty arrays, objects and strings.
fn errors(fhir: &Value) -> Vec<String> {
    common::fhir_schema::errors(validator(), fhir)
}

#[test]
fn every_accepted_conformance_case_renders_valid_fhir() {
    let catalog = Catalog::builtin().unwrap();
    let (mut rendered, mut problems) = (0, Vec::new());
    for path in common::case_paths() {
        let case: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        let input = common::case_input(&case);
        for system in [UnitSystem::Conventional, UnitSystem::Si] {
            // The case's own priors and lab catalog, so that delta checks and lab ranges are rendered too.
            let context = common::case_context(&catalog, &case, Some(system));
            let Ok(report) = labcore::validate(&input, &context) else { continue };
            let options =
                FhirOptions { issued: as_of(), subject: Some("Patient/example".into()), id: Some("r1".into()) };
            match to_fhir(&report, &catalog, &options) {
                Err(FhirError::Rejected) => assert_eq!(report.status, Status::Rejected),
                Err(other) => panic!("{other}"),
                Ok(fhir) => {
                    rendered += 1;
                    let fhir = serde_json::to_value(&fhir).unwrap();
                    let found = errors(&fhir);
                    if !found.is_empty() {
                        problems.push(format!("{}: {found:?}", path.display()));
                    }
                }
            }
        }
    }
    assert!(rendered >= 30, "only {rendered} reports rendered");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Reports read from HL7 v2 and FHIR (the corpus's cases and the real samples) render valid FHIR too, with the
/// sender's result status where it says more than final.
#[test]
fn reports_read_from_hl7_and_fhir_render_valid_fhir() {
    let catalog = Catalog::builtin().unwrap();
    let context = Context::new(&catalog, as_of());
    let samples = ["hl7/samples", "fhir/samples"].iter().flat_map(|dir| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../conformance").join(dir);
        std::fs::read_dir(dir).unwrap().map(|e| std::fs::read(e.unwrap().path()).unwrap()).collect::<Vec<_>>()
    });
    let cases = common::format_case_paths().into_iter().map(|p| {
        let case: Value = serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap();
        common::case_input(&case)
    });
    let (mut rendered, mut corrected, mut problems) = (0, 0, Vec::new());
    for input in samples.chain(cases) {
        let Ok(intake) = labcore::process_any(&input, &context) else { continue };
        for report in intake.reports().into_iter().filter(|r| r.accepted) {
            let options = FhirOptions { issued: as_of(), subject: None, id: None };
            let fhir = serde_json::to_value(to_fhir(report, &catalog, &options).unwrap()).unwrap();
            rendered += 1;
            let contained = fhir["contained"].as_array().cloned().unwrap_or_default();
            corrected += contained.iter().filter(|o| o["status"] == "corrected").count();
            let found = errors(&fhir);
            if !found.is_empty() {
                problems.push(format!("{found:?}"));
            }
        }
    }
    assert!(rendered >= 30 && corrected >= 2, "rendered {rendered}, corrected {corrected}");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_rendering_carries_codes_values_ranges_flags_and_derivations() {
    let catalog = Catalog::builtin().unwrap();
    let input = json!({
        "patient_id": "MRN-1", "lab_id": "NORTHWIND", "test_type": "LIPID", "collected_at": "2026-11-24T08:00:00-05:00",
        "patient": {"sex": "F", "birth_date": "1976-05-01"},
        "results": [
            {"analyte": "Cholesterol, Total", "value": 200, "unit": "mg/dL"},
            {"analyte": "HDL", "value": 50, "unit": "mg/dL"},
            {"analyte": "Triglycerides", "value": 150, "unit": "mg/dL", "reference_range": "<150", "flag": "H"}
        ]
    });
    let report = labcore::validate(input.to_string().as_bytes(), &Context::new(&catalog, as_of())).unwrap();
    let options = FhirOptions { issued: as_of(), subject: None, id: None };
    let fhir = serde_json::to_value(to_fhir(&report, &catalog, &options).unwrap()).unwrap();
    assert!(errors(&fhir).is_empty(), "{:?}", errors(&fhir));
    assert!(fhir.get("subject").is_none(), "no patient reference unless the caller gives one");
    let contained = fhir["contained"].as_array().unwrap();
    let tg = &contained[2];
    assert_eq!(tg["code"]["coding"][0]["code"], "2571-8");
    assert_eq!(
        tg["valueQuantity"],
        json!({"value": 150.0, "unit": "mg/dL", "system": "http://unitsofmeasure.org", "code": "mg/dL"})
    );
    assert_eq!(tg["interpretation"][0]["coding"][0]["code"], "H");
    assert_eq!(tg["referenceRange"][0]["high"]["value"], 150.0);
    let friedewald =
        contained.iter().find(|o| o["method"]["text"].as_str().is_some_and(|m| m.starts_with("friedewald"))).unwrap();
    assert_eq!(friedewald["valueQuantity"]["value"], 120.0);
    assert_eq!(
        friedewald["derivedFrom"],
        json!([{"reference": "#result-0"}, {"reference": "#result-1"}, {"reference": "#result-2"}])
    );
    assert_eq!(fhir["result"].as_array().unwrap().len(), contained.len());
    assert_eq!(fhir["code"]["coding"][0]["code"], "24331-1");
}

#[test]
fn the_schema_rejects_what_fhir_forbids() {
    let catalog = Catalog::builtin().unwrap();
    let input = json!({"patient_id": "P", "lab_id": "L", "test_type": "CMP", "collected_at": "2026-11-24T08:00:00Z",
        "results": [{"analyte": "Glucose", "value": 90, "unit": "mg/dL", "reference_range": "70-99"}]});
    let report = labcore::validate(input.to_string().as_bytes(), &Context::new(&catalog, as_of())).unwrap();
    let options = FhirOptions { issued: as_of(), subject: None, id: None };
    let good = serde_json::to_value(to_fhir(&report, &catalog, &options).unwrap()).unwrap();
    assert!(errors(&good).is_empty());
    let broken: Vec<(&str, Value)> = vec![
        ("/status", json!("done")),
        ("/contained/0/status", json!("ok")),
        ("/contained/0/valueQuantity/value", json!("ninety")),
        ("/contained/0/effectiveDateTime", json!("24/11/2026")),
        ("/contained/0/code", json!(null)),
        ("/issued", json!("2026-11-25")),
        ("/contained/0/interpretation", json!([])),
    ];
    for (pointer, value) in broken {
        let mut fhir = good.clone();
        *fhir.pointer_mut(pointer).unwrap() = value;
        assert!(!errors(&fhir).is_empty(), "the schema accepted a broken {pointer}");
    }
}
