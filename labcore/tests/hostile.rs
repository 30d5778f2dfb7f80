//! Hostile and malformed inputs: each gives a clean error or findings, never a panic. (Linear time is shown by
//! the `hostile` benchmark group, not by timing here.)
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, missing_docs)]

use labcore::{Context, FindingCode, Report, catalog::Catalog};

fn catalog() -> &'static Catalog {
    static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    CATALOG.get_or_init(|| Catalog::builtin().unwrap())
}

fn run(input: &[u8]) -> Result<Report<'static>, labcore::Error> {
    let context = Context::new(catalog(), "2026-11-25T12:00:00Z".parse().unwrap()).with_max_input_bytes(64 << 20);
    labcore::validate(input, &context)
}

fn codes(report: &Report) -> Vec<&'static str> {
    report.findings.iter().map(|f| f.code().as_str()).collect()
}

fn payload_with(field: &str, value: &str) -> String {
    let mut payload = serde_json::json!({
        "patient_id": "P1", "lab_id": "L", "test_type": "CMP", "collected_at": "2026-11-24T08:00:00Z",
        "results": [{"analyte": "Glucose", "value": 90, "unit": "mg/dL"}]
    });
    payload[field] = serde_json::Value::String(value.to_owned());
    payload.to_string()
}

#[test]
fn unusable_inputs_are_errors() {
    let cases: &[(&[u8], &str)] = &[
        (b"", "empty_input"),
        (b" \n\t ", "empty_input"),
        (b"\xEF\xBB\xBF", "empty_input"),
        (b"{", "not_json"),
        (b"{\"results\": [", "not_json"),
        (b"{\"value\": NaN}", "not_json"),
        (b"{\"value\": Infinity}", "not_json"),
        (b"{\"value\": -Infinity}", "not_json"),
        (b"{} {}", "not_json"),
        (b"{\"a\": \"\xff\xfe\"}", "not_json"),
        (b"\x00\x01\x02binary", "not_json"),
        (b"{'single': 'quotes'}", "not_json"),
        (b"{\"trailing\": 1,}", "not_json"),
    ];
    for (input, code) in cases {
        let err = run(input).expect_err("should be an error");
        assert_eq!(err.code(), *code, "{:?}", String::from_utf8_lossy(input));
    }
}

#[test]
fn a_ten_megabyte_string_in_any_field_is_a_finding() {
    let big = "A".repeat(10 * 1024 * 1024);
    for field in ["patient_id", "lab_id", "test_type", "collected_at"] {
        let report = run(payload_with(field, &big).as_bytes()).unwrap();
        assert!(codes(&report).contains(&"too_long"), "{field}: {:?}", codes(&report));
    }
    let comment = format!(
        r#"{{"patient_id": "P", "comments": ["{big}"], "results": [{{"analyte": "Glucose", "value": "{big}", "unit": "{big}", "comment": "{big}"}}]}}"#
    );
    let report = run(comment.as_bytes()).unwrap();
    assert!(codes(&report).contains(&"too_long"));
    assert!(codes(&report).contains(&"value_not_numeric"));
}

#[test]
fn ten_thousand_deep_nesting_is_skipped_not_recursed() {
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let objects = format!("{}1{}", "{\"a\":".repeat(10_000), "}".repeat(10_000));
    for nested in [&deep, &objects] {
        for template in [
            "{\"patient_id\": NESTED}",
            "{\"unknown\": NESTED}",
            "{\"results\": [{\"value\": NESTED}]}",
            "{\"results\": NESTED}",
            "{\"patient\": NESTED}",
            "NESTED",
        ] {
            let input = template.replace("NESTED", nested);
            match run(input.as_bytes()) {
                Ok(report) => assert!(!report.accepted),
                Err(err) => assert_eq!(err.code(), "not_json"),
            }
        }
    }
}

#[test]
fn wrong_types_everywhere_are_all_reported() {
    let values = ["null", "true", "0", "-1.5e300", "\"\"", "[]", "{}", "[1,\"a\",null]", "{\"k\":[{}]}"];
    for v in values {
        let input = format!(
            r#"{{"patient_id": {v}, "lab_id": {v}, "test_type": {v}, "collected_at": {v}, "patient": {v},
                "specimen": {v}, "results": [{{"analyte": {v}, "loinc": {v}, "value": {v}, "unit": {v},
                "reference_range": {v}, "flag": {v}, "comment": {v}}}, {v}], "comments": {v}}}"#
        );
        let report = run(input.as_bytes()).unwrap();
        assert!(!report.accepted, "{v}");
    }
}

#[test]
fn numbers_beyond_f64_are_text_not_errors() {
    let input = r#"{"patient_id": "P", "lab_id": "L", "test_type": "CMP", "collected_at": "2026-11-24T08:00:00Z",
        "results": [{"analyte": "Glucose", "value": 1e400, "unit": "mg/dL"},
                    {"analyte": "Sodium", "value": -1e400, "unit": "mmol/L"},
                    {"analyte": "Potassium", "value": 0.0000000000000000000000000000000000001, "unit": "mmol/L"}]}"#;
    let report = run(input.as_bytes()).unwrap();
    assert_eq!(report.results[0].text, Some(labcore::TextKind::OutOfRange));
    assert_eq!(report.results[1].text, Some(labcore::TextKind::OutOfRange));
    assert_eq!(report.results[2].value, Some(1e-37));
}

#[test]
fn many_results_and_many_unknown_fields() {
    let result = r#"{"analyte": "Glucose", "value": 90, "unit": "mg/dL", "x": 1}"#;
    let results = vec![result; 100_000].join(",");
    let input = format!(
        r#"{{"patient_id": "P", "lab_id": "L", "test_type": "CMP", "collected_at": "2026-11-24T08:00:00Z", "results": [{results}]}}"#
    );
    let report = run(input.as_bytes()).unwrap();
    assert_eq!(report.results.len(), 100_000);
    let duplicates = report.findings.iter().filter(|f| f.code() == FindingCode::DuplicateAnalyte).count();
    assert_eq!(duplicates, 99_999);
}

#[test]
fn delimiter_and_control_characters_inside_values() {
    let input = "{\"patient_id\": \"P\\u0000\\n|^~\\\\&\", \"lab_id\": \"L\", \"test_type\": \"C\\u0000MP\", \
                 \"collected_at\": \"2026-11-24T08:00:00Z\", \"results\": [{\"analyte\": \"Glu\\u200Bcose\", \
                 \"value\": \"9\\u200B0\", \"unit\": \"mg/\\u200BdL\"}]}";
    let report = run(input.as_bytes()).unwrap();
    assert_eq!(report.results[0].analyte, Some("glucose"));
    assert_eq!(report.results[0].value, Some(90.0));
    assert!(codes(&report).contains(&"invalid_value"));
}
