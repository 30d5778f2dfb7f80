//! Renders every finding code and every error kind from inputs full of planted identifiers and values, and
//! asserts that none of them appears in any rendering (`Display`, `Debug`, JSON).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, missing_docs)]

use chrono::{DateTime, Utc};
use labcore::{Context, ErrorKind, FindingCode, catalog::Catalog};
use serde_json::{Value, json};

/// Strings and numbers planted in the inputs; none may be rendered.
const SECRETS: &[&str] = &[
    "Jane-Q-Roe",
    "MRN-5550199",
    "555-0199",
    "1963-07-04",
    "ACC-7734421",
    "98765.4321",
    "98765",
    "4321.987",
    "7.6543",
    "987.65",
    "4,5678",
    "0.04321",
    "4,321",
    "2099",
    "SECRET",
    "Rosebud",
];

fn as_of() -> DateTime<Utc> {
    "2026-11-25T12:00:00Z".parse().unwrap()
}

/// A payload carrying identifiers everywhere, with `results` and overrides.
fn payload(results: Value, overrides: Value) -> Value {
    let mut base = json!({
        "patient_id": "MRN-5550199",
        "lab_id": "LAB-Jane-Q-Roe",
        "test_type": "CMP",
        "collected_at": "2026-11-24T08:00:00Z",
        "patient": {"sex": "F", "birth_date": "1963-07-04"},
        "specimen": {"id": "ACC-7734421", "type": "serum"},
        "results": results,
        "comments": ["Pt Jane-Q-Roe called from 555-0199 about Rosebud"]
    });
    for (key, value) in overrides.as_object().unwrap() {
        if value.is_null() {
            base.as_object_mut().unwrap().remove(key);
        } else {
            base[key] = value.clone();
        }
    }
    base
}

fn glucose(value: Value, unit: &str) -> Value {
    json!({"analyte": "Glucose", "value": value, "unit": unit, "comment": "Rosebud 555-0199"})
}

/// One input per finding code that triggers it, secrets planted in the triggering field.
fn triggers() -> Vec<(FindingCode, String)> {
    let ok = || json!([glucose(json!(90), "mg/dL")]);
    let cases: Vec<(FindingCode, Value)> = vec![
        (FindingCode::MissingField, payload(ok(), json!({"lab_id": null}))),
        (FindingCode::InvalidType, payload(ok(), json!({"patient_id": 98765}))),
        (FindingCode::InvalidValue, payload(ok(), json!({"test_type": "SECRET Jane-Q-Roe"}))),
        (FindingCode::TooLong, payload(ok(), json!({"patient_id": format!("MRN-5550199{}", "9".repeat(300))}))),
        (FindingCode::UnknownField, payload(ok(), json!({"Jane-Q-Roe": "MRN-5550199"}))),
        (FindingCode::NoResults, payload(json!([]), json!({}))),
        (
            FindingCode::UnknownAnalyte,
            payload(json!([{"analyte": "Jane-Q-Roe", "value": 1, "unit": "mg/dL"}]), json!({})),
        ),
        (
            FindingCode::InvalidLoinc,
            payload(json!([{"loinc": "SECRET-98765", "value": 1, "unit": "mg/dL"}]), json!({})),
        ),
        (
            FindingCode::AnalyteConflict,
            payload(
                json!([{"analyte": "Sodium", "loinc": "2345-7", "value": 98765.4321, "unit": "mmol/L"}]),
                json!({}),
            ),
        ),
        (FindingCode::AnalyteAmbiguous, payload(json!([{"analyte": "Neutrophils", "value": "SECRET"}]), json!({}))),
        (FindingCode::UnitUnknown, payload(json!([glucose(json!(90), "SECRET-Rosebud")]), json!({}))),
        (FindingCode::UnitIncompatible, payload(json!([glucose(json!(4321.987), "10*3/uL")]), json!({}))),
        (
            FindingCode::UnitLoincMismatch,
            payload(json!([{"loinc": "2345-7", "value": 7.6543, "unit": "mmol/L"}]), json!({})),
        ),
        (FindingCode::UnitNormalized, payload(json!([glucose(json!(98765.4321), "MG/DL")]), json!({}))),
        (FindingCode::UnitUnusual, payload(json!([glucose(json!(987.65), "ug/mL")]), json!({}))),
        (FindingCode::ValueNotNumeric, payload(json!([glucose(json!("Jane-Q-Roe"), "mg/dL")]), json!({}))),
        (FindingCode::DecimalComma, payload(json!([glucose(json!("4,5678"), "mg/dL")]), json!({}))),
        (FindingCode::ValueCensored, payload(json!([glucose(json!("<0.04321"), "mg/dL")]), json!({}))),
        (FindingCode::ValueAmbiguous, payload(json!([glucose(json!("4,321"), "mg/dL")]), json!({}))),
        (FindingCode::ImplausibleValue, payload(json!([glucose(json!(98765.4321), "mg/dL")]), json!({}))),
        // 4.5678 mg/dL is a critical low glucose; 4.5678 mmol/L an ordinary one.
        (FindingCode::UnitSuspected, payload(json!([glucose(json!("4,5678"), "mg/dL")]), json!({}))),
        // A hematocrit of 0.4321 without a unit is possible only as a fraction (L/L).
        (
            FindingCode::UnitInferred,
            payload(json!([{"analyte": "Hematocrit", "value": 0.4321, "comment": "Rosebud 555-0199"}]), json!({})),
        ),
        (
            FindingCode::DuplicateAnalyte,
            payload(json!([glucose(json!(98765), "mg/dL"), glucose(json!(4321.987), "mg/dL")]), json!({})),
        ),
        (FindingCode::CollectedInFuture, payload(ok(), json!({"collected_at": "2099-07-04T08:00:00Z"}))),
        (FindingCode::CollectedBeforeBirth, payload(ok(), json!({"patient": {"birth_date": "2026-11-25"}}))),
        (FindingCode::TimezoneMissing, payload(ok(), json!({"collected_at": "2026-11-24T08:00:00"}))),
        (
            FindingCode::PanelMismatch,
            payload(json!([{"analyte": "TSH", "value": 4321.987, "unit": "mIU/L"}]), json!({"test_type": "CBC"})),
        ),
    ];
    let more: Vec<(FindingCode, Value)> = vec![
        (
            FindingCode::RangeUnparseable,
            payload(
                json!([{"analyte": "Glucose", "value": 90, "unit": "mg/dL", "reference_range": "Jane-Q-Roe 98765"}]),
                json!({}),
            ),
        ),
        (FindingCode::DemographicsMissing, payload(ok(), json!({"patient": null}))),
        (
            FindingCode::FlagIndeterminate,
            payload(json!([{"analyte": "TSH", "value": "<4.321", "unit": "mIU/L"}]), json!({})),
        ),
        (
            FindingCode::CriticalValue,
            payload(json!([{"analyte": "Potassium", "value": 7.6543, "unit": "mmol/L"}]), json!({})),
        ),
        (
            FindingCode::FlagMismatch,
            payload(json!([{"analyte": "Glucose", "value": 98.7654, "unit": "mg/dL", "flag": "H"}]), json!({})),
        ),
        (
            FindingCode::VendorFlagUnknown,
            payload(json!([{"analyte": "Glucose", "value": 90, "unit": "mg/dL", "flag": "Rosebud"}]), json!({})),
        ),
        (
            FindingCode::DerivationSkipped,
            payload(
                json!([{"analyte": "Cholesterol, Total", "value": 4321.987, "unit": "mg/dL"}]),
                json!({"test_type": "LIPID"}),
            ),
        ),
        (
            FindingCode::DerivationRefused,
            payload(
                json!([{"analyte": "CHOL", "value": 300, "unit": "mg/dL"}, {"analyte": "HDL", "value": 50, "unit": "mg/dL"},
                       {"analyte": "TRIG", "value": 987.65, "unit": "mg/dL"}]),
                json!({"test_type": "LIPID"}),
            ),
        ),
        (FindingCode::PanelIncomplete, payload(ok(), json!({}))),
        (FindingCode::AgeImplausible, payload(ok(), json!({"patient": {"sex": "F", "birth_date": "1899-07-04"}}))),
        (
            FindingCode::RangeImplausible,
            payload(
                json!([{"analyte": "Glucose", "value": 90, "unit": "mg/dL", "reference_range": "98765-98766 mg/dL"}]),
                json!({}),
            ),
        ),
        (
            FindingCode::RangeDiffers,
            payload(
                json!([{"analyte": "Bilirubin, total", "value": 8.6, "unit": "mg/dL", "reference_range": "2.0-7.0"}]),
                json!({"patient": {"sex": "F", "birth_date": "1976-05-01"}}),
            ),
        ),
        (
            FindingCode::RangeUnavailable,
            payload(json!([{"analyte": "VLDL Cholesterol", "value": 7.6543, "unit": "mg/dL"}]), json!({})),
        ),
        (
            FindingCode::DifferentialInconsistent,
            payload(
                json!([{"analyte": "Neutrophils %", "value": 60, "unit": "%"}, {"analyte": "Lymphocytes %", "value": 40, "unit": "%"},
                       {"analyte": "Monocytes %", "value": 7.6543, "unit": "%"}]),
                json!({"test_type": "CBC"}),
            ),
        ),
        (
            FindingCode::DeltaFailure,
            payload(json!([{"analyte": "MCV", "value": 98.765, "unit": "fL"}]), json!({"test_type": "CBC"})),
        ),
    ];
    let mut out: Vec<(FindingCode, String)> = cases.into_iter().chain(more).map(|(c, v)| (c, v.to_string())).collect();
    let duplicate = r#"{"patient_id": "MRN-5550199", "patient_id": "Jane-Q-Roe", "lab_id": "L", "test_type": "CMP",
        "collected_at": "2026-11-24T08:00:00Z", "results": [{"analyte": "Glucose", "value": 90, "unit": "mg/dL"}]}"#;
    out.push((FindingCode::DuplicateField, duplicate.to_owned()));
    out
}

fn assert_clean(rendered: &str, what: &str) {
    for secret in SECRETS {
        assert!(!rendered.contains(secret), "{what} leaks {secret:?}: {rendered}");
    }
}

/// How a trigger is read.
#[derive(Clone, Copy)]
enum Route {
    /// Whatever `process_any` recognises.
    Any,
    /// Forced through the HL7 reader (for inputs that are not recognisably HL7).
    Hl7,
}

/// An HL7 v2 message whose PID, OBR and OBX carry planted identifiers, with `obx` as its results.
fn hl7(msh_extra: &str, obr4: &str, obx: &str) -> Vec<u8> {
    format!(
        "MSH|^~\\&|LIS|LAB|EHR|HOSP|20261124080000-0500||ORU^R01|CTRL-1|P|2.5.1{msh_extra}\r\
         PID|1||MRN-5550199^^^LAB^MR||Jane-Q-Roe^Rosebud||19630704|F|||1 Rosebud Way||555-0199\r\
         NTE|1||Pt Jane-Q-Roe called 555-0199\r\
         OBR|1|ACC-7734421||{obr4}|||202611240742-0500\r{obx}"
    )
    .into_bytes()
}

fn obx(value_type: &str, value: &str, status: &str) -> String {
    format!("OBX|1|{value_type}|2345-7^Glucose^LN||{value}|mg/dL|70-99||||{status}\rNTE|1||Rosebud 555-0199\r")
}

/// Inputs in HL7 v2 and FHIR that trigger the codes only those formats have.
fn format_triggers() -> Vec<(FindingCode, Route, Vec<u8>)> {
    let cmp = "24323-8^CMP^LN";
    let ok = obx("NM", "98765.4321", "F");
    let mut latin = hl7("", cmp, &ok);
    latin.extend(b"NTE|1||Ren\xe9e Jane-Q-Roe\r");
    let fhir = r#"{"resourceType": "DiagnosticReport", "status": "final", "subject": {"reference": "Patient/MRN-5550199"},
        "code": {"text": "CMP"}, "effectiveDateTime": "2026-11-24T08:00:00Z",
        "result": [{"reference": "Observation/Jane-Q-Roe"}]}"#;
    vec![
        (FindingCode::MessageUnreadable, Route::Hl7, b"Jane-Q-Roe MRN-5550199 SECRET\r\x00\x01".to_vec()),
        (
            FindingCode::MessageTypeUnsupported,
            Route::Any,
            String::from_utf8_lossy(&hl7("", cmp, &ok)).replace("ORU^R01", "ADT^A01").into_bytes(),
        ),
        (
            FindingCode::VersionUnsupported,
            Route::Any,
            String::from_utf8_lossy(&hl7("", cmp, &ok)).replace("|2.5.1", "|2.1").into_bytes(),
        ),
        (FindingCode::SegmentUnexpected, Route::Any, hl7("", cmp, &format!("{ok}EVN|Jane-Q-Roe|MRN-5550199\r"))),
        (FindingCode::SegmentInvalid, Route::Any, hl7("", cmp, &format!("{ok}Jane-Q-Roe MRN-5550199 SECRET\r"))),
        (FindingCode::EscapeMalformed, Route::Any, hl7("", cmp, &obx("ST", "Rosebud\\Q\\4321.987", "F"))),
        (
            FindingCode::ValueTruncated,
            Route::Any,
            String::from_utf8_lossy(&hl7("", cmp, &obx("NM", "987.65#", "F")))
                .replacen("^~\\&", "^~\\&#", 1)
                .into_bytes(),
        ),
        (FindingCode::ValueTypeUnsupported, Route::Any, hl7("", cmp, &obx("XPN", "Jane-Q-Roe^Rosebud", "F"))),
        (
            FindingCode::SubjectNotHuman,
            Route::Any,
            String::from_utf8_lossy(&hl7("", cmp, &ok))
                .replacen(
                    "|F|||1 Rosebud Way||555-0199",
                    "|F|||1 Rosebud Way||555-0199||||||||||||||||||||||Rosebud^Jane-Q-Roe",
                    1,
                )
                .into_bytes(),
        ),
        (
            FindingCode::AskAtOrderEntry,
            Route::Any,
            hl7("", cmp, &format!("{ok}OBX|2|ST|95419-8^Symptoms^LN||Rosebud 555-0199||||||F||||||||||||||||||QST\r")),
        ),
        (FindingCode::ResultNotReported, Route::Any, hl7("", cmp, &format!("{ok}{}", obx("NM", "7.6543", "X")))),
        (FindingCode::ResultRetracted, Route::Any, hl7("", cmp, &format!("{ok}{}", obx("NM", "7.6543", "W")))),
        (FindingCode::ResultPreliminary, Route::Any, hl7("", cmp, &obx("NM", "7.6543", "P"))),
        (FindingCode::ResultCorrected, Route::Any, hl7("", cmp, &obx("NM", "7.6543", "C"))),
        (FindingCode::PanelUnrecognized, Route::Any, hl7("", "SECRET^Rosebud panel^L", &ok)),
        (FindingCode::TextEncoding, Route::Any, latin),
        (
            FindingCode::BatchCountMismatch,
            Route::Any,
            [b"BHS|^~\\&|LIS\r".to_vec(), hl7("", cmp, &ok), b"BTS|2099\r".to_vec()].concat(),
        ),
        (FindingCode::ReferenceUnresolved, Route::Any, fhir.as_bytes().to_vec()),
        (
            FindingCode::OrderWithdrawn,
            Route::Any,
            String::from_utf8_lossy(&hl7("", cmp, &ok))
                .replacen("OBR|1|", "ORC|CA|ACC-7734421\rOBR|1|", 1)
                .into_bytes(),
        ),
        (
            FindingCode::ProcessingNotProduction,
            Route::Any,
            String::from_utf8_lossy(&hl7("", cmp, &ok)).replace("|P|2.5.1", "|T|2.5.1").into_bytes(),
        ),
        (FindingCode::QualityControl, Route::Any, hl7("", cmp, &format!("{ok}SPM|1|ACC-7734421||SER|||||||Q\r"))),
        (FindingCode::FieldConflict, Route::Any, hl7("", cmp, &ok.replace("|mg/dL|", "|mg/dL~Rosebud 98765|"))),
        (
            FindingCode::FieldInherited,
            Route::Any,
            fhir_report_without_fields(
                r#""effectiveDateTime": "2026-11-24T08:00:00Z""#,
                r#""effectiveDateTime": "2026-11-24T08:00:00Z""#,
            ),
        ),
        (
            FindingCode::ReportMembersDisagree,
            Route::Any,
            fhir_report_without_fields(
                r#""effectiveDateTime": "2026-11-24T08:00:00Z""#,
                r#""effectiveDateTime": "2026-11-23T09:00:00Z""#,
            ),
        ),
        (
            FindingCode::CollectionTimeAssumed,
            Route::Any,
            fhir_report_without_fields(r#""issued": "2026-11-24T08:00:00Z""#, r#""issued": "2026-11-24T09:00:00Z""#),
        ),
        (
            FindingCode::NotLaboratory,
            Route::Any,
            fhir_observation(r#""category": [{"coding": [{"code": "vital-signs"}], "text": "Jane-Q-Roe"}]"#),
        ),
        (
            FindingCode::RangeNotApplicable,
            Route::Any,
            fhir_observation(
                r#""referenceRange": [{"low": {"value": 98765.4321}, "high": {"value": 4321.987},
                "age": {"low": {"value": 2099, "code": "a", "system": "http://unitsofmeasure.org"}}}]"#,
            ),
        ),
        (
            FindingCode::RangeAmbiguous,
            Route::Any,
            fhir_observation(
                r#""referenceRange": [{"low": {"value": 98.7654}, "high": {"value": 4321.987}},
                {"low": {"value": 7.6543}, "high": {"value": 987.65}, "text": "Jane-Q-Roe"}]"#,
            ),
        ),
    ]
}

/// A FHIR DiagnosticReport with neither `subject` nor `effective[x]`, and two glucose Observations of a patient
/// with planted identifiers, with `a` and `b` members (their times).
fn fhir_report_without_fields(a: &str, b: &str) -> Vec<u8> {
    let observation = |id: &str, extra: &str| {
        format!(
            r#"{{"fullUrl": "urn:uuid:{id}", "resource": {{"resourceType": "Observation", "status": "final",
              "subject": {{"reference": "urn:uuid:p"}}, "performer": [{{"display": "LAB-Jane-Q-Roe"}}],
              "code": {{"coding": [{{"system": "http://loinc.org", "code": "2345-7"}}], "text": "Rosebud"}},
              "valueQuantity": {{"value": 98.7654, "unit": "mg/dL"}}, {extra}}}}}"#
        )
    };
    format!(
        r#"{{"resourceType": "Bundle", "type": "collection", "entry": [
            {{"fullUrl": "urn:uuid:p", "resource": {{"resourceType": "Patient", "gender": "female",
              "birthDate": "1963-07-04", "identifier": [{{"value": "MRN-5550199"}}],
              "name": [{{"family": "Jane-Q-Roe"}}]}}}},
            {{"resource": {{"resourceType": "DiagnosticReport", "status": "final", "code": {{"text": "Rosebud"}},
              "result": [{{"reference": "urn:uuid:a"}}, {{"reference": "urn:uuid:b"}}]}}}},
            {}, {}]}}"#,
        observation("a", a),
        observation("b", b)
    )
    .into_bytes()
}

/// A FHIR glucose Observation of a patient with planted identifiers, with `extra` members.
fn fhir_observation(extra: &str) -> Vec<u8> {
    format!(
        r#"{{"resourceType": "Bundle", "type": "collection", "entry": [
            {{"fullUrl": "urn:uuid:p", "resource": {{"resourceType": "Patient", "gender": "female",
              "birthDate": "1963-07-04", "identifier": [{{"value": "MRN-5550199"}}],
              "name": [{{"family": "Jane-Q-Roe"}}]}}}},
            {{"resource": {{"resourceType": "Observation", "status": "final", "subject": {{"reference": "urn:uuid:p"}},
              "code": {{"coding": [{{"system": "http://loinc.org", "code": "2345-7"}}], "text": "Rosebud"}},
              "effectiveDateTime": "2026-11-24T08:00:00Z", "performer": [{{"display": "LAB-Jane-Q-Roe"}}],
              "valueQuantity": {{"value": 98.7654, "unit": "mg/dL"}}, {extra}}}}}]}}"#
    )
    .into_bytes()
}

/// Every finding an input gives, in any format, and (for HL7) the ACKs it earns.
fn render_all(input: &[u8], route: Route, context: &Context<'_>) -> (Vec<labcore::Finding>, Vec<String>) {
    let ack_options = labcore::hl7::AckOptions::new("ACK-1", as_of().fixed_offset());
    let intake = match route {
        Route::Hl7 => labcore::Intake::Hl7(labcore::hl7::process(input, context).unwrap()),
        Route::Any => labcore::process_any(input, context).unwrap(),
    };
    let mut findings: Vec<labcore::Finding> = intake.input_findings().into_iter().cloned().collect();
    findings.extend(intake.reports().iter().flat_map(|r| r.findings.iter().cloned()));
    let acks = match &intake {
        labcore::Intake::Hl7(outcome) => outcome.acks(&ack_options),
        _ => Vec::new(),
    };
    (findings, acks)
}

#[test]
fn every_finding_code_renders_without_payload_values() {
    let catalog = Catalog::builtin().unwrap();
    let priors = [labcore::PriorResult {
        analyte: "mcv".into(),
        value: 85.0,
        unit: "fL".into(),
        collected_at: "2026-11-20T08:00:00Z".parse().unwrap(),
        patient_id: None,
    }];
    let context = Context::new(&catalog, as_of()).with_priors(&priors);
    let mut triggers: Vec<(FindingCode, Route, Vec<u8>)> =
        triggers().into_iter().map(|(c, t)| (c, Route::Any, t.into_bytes())).collect();
    triggers.extend(format_triggers());
    for code in FindingCode::ALL.iter().filter(|c| !CONTEXT_CODES.contains(c)) {
        let (_, route, input) =
            triggers.iter().find(|(c, _, _)| c == code).unwrap_or_else(|| panic!("no trigger for {code}"));
        let (findings, acks) = render_all(input, *route, &context);
        assert!(findings.iter().any(|f| f.code() == *code), "{code} not triggered; got {findings:?}");
        for finding in &findings {
            assert_clean(&finding.to_string(), "Display");
            assert_clean(&format!("{finding:?}"), "Debug");
            assert_clean(&serde_json::to_string(finding).unwrap(), "JSON");
        }
        for ack in &acks {
            assert_clean(ack, "ACK");
        }
    }
}

/// Codes about what the caller gives besides the payload (priors, a laboratory catalog), triggered by
/// [`context_codes_render_without_payload_or_context_values`].
const CONTEXT_CODES: &[FindingCode] =
    &[FindingCode::PriorUnusable, FindingCode::PriorPatientMismatch, FindingCode::LabCatalogMismatch];

#[test]
fn context_codes_render_without_payload_or_context_values() {
    let catalog = Catalog::builtin().unwrap();
    let prior = |analyte: &str, value: f64, unit: &str, patient: Option<&str>| labcore::PriorResult {
        analyte: analyte.into(),
        value,
        unit: unit.into(),
        collected_at: "2026-11-20T08:00:00Z".parse().unwrap(),
        patient_id: patient.map(str::to_owned),
    };
    let unusable = [prior("Jane-Q-Roe", 98765.4321, "mg/dL", None), prior("glucose", 7.6543, "SECRET-Rosebud", None)];
    let other = [prior("glucose", 7.6543, "mg/dL", Some("MRN-5550199-Rosebud"))];
    let lab = labcore::catalog::LabCatalog::from_toml(&catalog, "lab.toml", "lab_id = \"Rosebud-SECRET\"\n").unwrap();
    let input = payload(json!([glucose(json!(90), "mg/dL")]), json!({})).to_string();
    let contexts = [
        (FindingCode::PriorUnusable, Context::new(&catalog, as_of()).with_priors(&unusable)),
        (FindingCode::PriorPatientMismatch, Context::new(&catalog, as_of()).with_priors(&other)),
        (FindingCode::LabCatalogMismatch, Context::new(&catalog, as_of()).with_lab_catalog(&lab)),
    ];
    for code in CONTEXT_CODES {
        let (_, context) = contexts.iter().find(|(c, _)| c == code).unwrap_or_else(|| panic!("no trigger for {code}"));
        let (findings, _) = render_all(input.as_bytes(), Route::Any, context);
        assert!(findings.iter().any(|f| f.code() == *code), "{code} not triggered; got {findings:?}");
        for finding in &findings {
            assert_clean(&format!("{finding} {finding:?} {}", serde_json::to_string(finding).unwrap()), "finding");
        }
    }
}

#[test]
fn every_error_kind_renders_without_input() {
    let catalog = Catalog::builtin().unwrap();
    let small = Context::new(&catalog, as_of()).with_max_input_bytes(64);
    let context = Context::new(&catalog, as_of());
    let inputs: Vec<(ErrorKind, String, &Context<'_>)> = vec![
        (ErrorKind::EmptyInput, "   ".into(), &context),
        (
            ErrorKind::InputTooLarge,
            format!("{{\"patient_id\": \"MRN-5550199 Jane-Q-Roe {}\"}}", "x".repeat(100)),
            &small,
        ),
        (ErrorKind::NotJson, "{\"patient_id\": \"MRN-5550199\" Jane-Q-Roe}".into(), &context),
        (ErrorKind::NotJson, "{\"name\": \"Jane-Q-Roe\", \"value\": NaN}".into(), &context),
        (ErrorKind::NotJson, "{\"patient_id\": \"MRN-5550199\\u12\"}".into(), &context),
        (ErrorKind::UnknownFormat, "Jane-Q-Roe MRN-5550199".into(), &context),
    ];
    for kind in ErrorKind::ALL {
        assert!(inputs.iter().any(|(k, _, _)| k == kind), "no input for {kind:?}");
    }
    for (kind, input, ctx) in inputs {
        let err = labcore::process_any(input.as_bytes(), ctx).expect_err("an error");
        assert_eq!(err.kind(), kind, "{input}");
        assert_clean(&err.to_string(), "Display");
        assert_clean(&format!("{err:?}"), "Debug");
        assert!(!err.code().is_empty());
    }
}

#[test]
fn accepted_payload_debug_keeps_identifiers_redacted() {
    let catalog = Catalog::builtin().unwrap();
    let context = Context::new(&catalog, as_of());
    let input = payload(json!([glucose(json!(90), "mg/dL")]), json!({"lab_id": "LAB-1"})).to_string();
    let processed = labcore::process(input.as_bytes(), &context).unwrap();
    let payload = processed.payload.expect("accepted");
    let debug = format!("{payload:?} {payload:#?}");
    for secret in ["MRN-5550199", "1963-07-04", "ACC-7734421", "Jane-Q-Roe", "555-0199", "Rosebud", "2026-11-24"] {
        assert!(!debug.contains(secret), "Debug leaks {secret}");
    }
    assert_eq!(payload.patient_id.expose(), "MRN-5550199");
    let report = serde_json::to_string(&processed.report).unwrap();
    for secret in ["MRN-5550199", "1963-07-04", "ACC-7734421", "Jane-Q-Roe", "555-0199", "Rosebud"] {
        assert!(!report.contains(secret), "report leaks {secret}");
    }
}
