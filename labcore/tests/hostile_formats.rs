//! Hostile and malformed HL7 v2 and FHIR inputs: each gives findings and an ACK code (or, for FHIR that is not
//! JSON, an error), never a panic. Linear time is shown by the `hl7` benchmark's hostile group, not by timing here;
//! these tests use sizes that a quadratic step would make take minutes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, missing_docs)]

use labcore::hl7::{AckCode, AckOptions, Hl7Outcome};
use labcore::{Context, FindingCode, catalog::Catalog};

fn catalog() -> &'static Catalog {
    static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    CATALOG.get_or_init(|| Catalog::builtin().unwrap())
}

fn context() -> Context<'static> {
    Context::new(catalog(), "2026-11-25T12:00:00Z".parse().unwrap()).with_max_input_bytes(64 << 20)
}

fn hl7(input: &[u8]) -> Hl7Outcome<'static> {
    labcore::hl7::process(input, &context()).unwrap()
}

const HEADER: &str = "MSH|^~\\&|LIS|LAB|EHR|HOSP|20261124080000-0500||ORU^R01|C1|P|2.5.1\rPID|1||MRN1^^^L^MR||DOE^J||19800101|F\r\
                      OBR|1|||24323-8^CMP^LN|||202611240742-0500\r";

fn codes(outcome: &Hl7Outcome<'_>) -> Vec<&'static str> {
    let input = outcome.findings.iter();
    input.chain(outcome.messages.iter().flat_map(|m| m.all_findings())).map(|f| f.code().as_str()).collect()
}

fn acks(outcome: &Hl7Outcome<'_>) -> Vec<String> {
    outcome.acks(&AckOptions::new("A", "2026-11-25T12:00:00Z".parse().unwrap()))
}

#[test]
fn a_hundred_thousand_obx_segments() {
    let mut input = HEADER.to_owned();
    for i in 0..100_000 {
        input.push_str(&format!("OBX|{i}|NM|2345-7^Glucose^LN||{}|mg/dL|70-99|N|||F\r", 80 + i % 30));
    }
    let outcome = hl7(input.as_bytes());
    let order = &outcome.messages[0].orders[0].report;
    assert_eq!(order.results.len(), 100_000);
    assert_eq!(order.results[99_999].location.as_ref().map(|l| l.to_string()).as_deref(), Some("OBX[100000]"));
    assert!(codes(&outcome).contains(&"duplicate_analyte"));
    let ack = &acks(&outcome)[0];
    assert_eq!(ack.matches("\rERR|").count(), 101, "100 findings and a count of the rest");
    assert!(ack.contains("more findings are not listed"));
}

#[test]
fn every_obx_in_is_one_result_out_whichever_entry_point() {
    // validate_any releases each result's input as it goes (no typed payload to build), process_any keeps them
    // for the payloads: the reports must be the same, one result per OBX, in order, at its OBX.
    let mut input = HEADER.to_owned();
    let count = 20_000;
    for i in 1..=count {
        let value = ["4.1", "2.1", "7.0", "x"][i % 4];
        input.push_str(&format!("OBX|{i}|NM|2823-3^Potassium^LN||{value}|mmol/L|3.5-5.1|N|||F\r"));
    }
    let validated = labcore::validate_any(input.as_bytes(), &context()).unwrap();
    let processed = labcore::process_any(input.as_bytes(), &context()).unwrap();
    assert_eq!(validated.reports(), processed.reports());
    assert!(validated.processed().iter().all(|p| p.payload.is_none()));
    let results = &validated.reports()[0].results;
    assert_eq!(results.len(), count);
    for (i, result) in results.iter().enumerate() {
        assert_eq!(result.index, i);
        assert_eq!(result.location.as_ref().map(|l| l.to_string()), Some(format!("OBX[{}]", i + 1)));
    }
    let duplicates = validated.all_findings().iter().filter(|f| f.code() == FindingCode::DuplicateAnalyte).count();
    assert_eq!(duplicates, count - 1);
}

#[test]
fn megabyte_fields_are_kept_out_of_numbers() {
    let big = "9".repeat(1 << 20);
    let text = "x".repeat(1 << 20);
    let input = format!(
        "{HEADER}OBX|1|NM|2345-7^Glucose^LN||{big}|mg/dL|||||F\rNTE|1||{text}\rOBX|2|ST|2345-7^Glucose^LN||{text}||||||F\r"
    );
    let outcome = hl7(input.as_bytes());
    let report = &outcome.messages[0].orders[0].report;
    assert!(report.results.iter().all(|r| r.value.is_none()));
    let codes = codes(&outcome);
    assert!(codes.contains(&"value_not_numeric") && codes.contains(&"too_long"), "{codes:?}");
}

#[test]
fn binary_garbage_and_missing_headers_are_rejected() {
    let garbage: Vec<u8> = (0..4_000_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    for input in [&garbage[..], b"PID|1||MRN1\rOBX|1|NM|x||1", b"\x0b\x1c\r", b"MSH"] {
        let outcome = hl7(input);
        assert!(!outcome.accepted());
        assert!(outcome.messages.iter().all(|m| m.ack_code == AckCode::AR));
        let acks = acks(&outcome);
        assert!(acks[0].contains("MSA|AR|"), "{}", acks[0]);
        assert!(codes(&outcome).contains(&"message_unreadable"), "{:?}", codes(&outcome));
    }
    // A hundred thousand stray lines give twenty findings and a count, not a hundred thousand findings.
    let strays = "NOT A SEGMENT\r".repeat(100_000);
    let outcome = hl7(format!("{HEADER}{strays}").as_bytes());
    let invalid = codes(&outcome).iter().filter(|c| **c == "segment_invalid").count();
    assert_eq!(invalid, 21);
}

#[test]
fn truncated_messages_at_every_length_never_panic() {
    let message =
        format!("{HEADER}OBX|1|SN|2345-7^Glucose^LN||<^5.5|mmol/L|3.9-5.5|L~D|||C|||202611240742\rNTE|1||a \\F\\ b\r");
    for end in 0..message.len() {
        let Some(prefix) = message.get(..end) else { continue };
        if let Ok(outcome) = labcore::hl7::process(prefix.as_bytes(), &context()) {
            let _ = acks(&outcome);
        }
    }
}

#[test]
fn pathological_escapes_and_repetitions_stay_linear_and_bounded() {
    let cases = [
        "\\".repeat(1 << 20),
        "\\a".repeat(1 << 19),
        "\\.sp 99999\\".repeat(50_000),
        "\\X".repeat(1 << 19),
        "~".repeat(1 << 20),
        "^".repeat(1 << 20),
        "&".repeat(1 << 20),
    ];
    for value in cases {
        let input = format!("{HEADER}OBX|1|ST|2345-7^Glucose^LN||{value}||||{value}||F\rNTE|1||{value}\r");
        let outcome = hl7(input.as_bytes());
        assert_eq!(outcome.messages.len(), 1);
        let ack = &acks(&outcome)[0];
        // An ACK never grows with the hostile value: it carries labcore's messages, never the input.
        assert!(ack.len() < 10_000, "{}", ack.len());
    }
}

#[test]
fn many_distinct_segment_ids_and_orders() {
    // Every Z-segment identifier ZA0..ZZZ (936 distinct), a hundred times each.
    let mut input = HEADER.to_owned();
    for _ in 0..100 {
        for a in b'A'..=b'Z' {
            for c in (b'0'..=b'9').chain(b'A'..=b'Z') {
                input.push_str(&format!("Z{}{}|x\r", char::from(a), char::from(c)));
            }
        }
    }
    for i in 0..20_000 {
        input.push_str(&format!("NTE|{i}||note\r"));
    }
    let orders = "OBR|1|||CMP|||202611240742-0500\rOBX|1|NM|2345-7^Glucose^LN||90|mg/dL|||||F\r".repeat(20_000);
    input = input.replace(
        "OBR|1|||24323-8^CMP^LN|||202611240742-0500\r",
        &format!("PID|2||MRN2\r{}", "NTE|1||p\r".repeat(20_000)),
    );
    input.push_str(&orders);
    let outcome = hl7(input.as_bytes());
    assert_eq!(outcome.messages[0].orders.len(), 20_000);
}

#[test]
fn hostile_fhir() {
    let context = context();
    let observation = r#"{"resourceType": "Observation", "status": "final", "code": {"coding": [{"system": "http://loinc.org", "code": "2345-7"}]},
        "subject": {"reference": "Patient/p"}, "effectiveDateTime": "2026-11-24T07:42:00Z", "valueQuantity": {"value": 90, "code": "mg/dL", "system": "http://unitsofmeasure.org"}}"#;
    // 50 000 loose observations at distinct times (50 000 reports), and a report with 50 000 results.
    let loose: Vec<String> = (0..50_000)
        .map(|i| {
            observation
                .replace("07:42:00Z", &format!("{:02}:{:02}:{:02}Z", i / 3600 % 24, i / 60 % 60, i % 60))
                .replace("\"status\"", &format!("\"id\": \"o{i}\", \"status\""))
        })
        .collect();
    let entries: Vec<String> = loose.iter().map(|o| format!(r#"{{"resource": {o}}}"#)).collect();
    let bundle = format!(r#"{{"resourceType": "Bundle", "type": "collection", "entry": [{}]}}"#, entries.join(","));
    let outcome = labcore::fhir::read(bundle.as_bytes(), &context).unwrap();
    assert!(outcome.reports.len() >= 40_000);
    let results: Vec<String> = (0..50_000).map(|i| format!(r#"{{"reference": "Observation/o{i}"}}"#)).collect();
    let report = format!(
        r#"{{"resource": {{"resourceType": "DiagnosticReport", "status": "final", "code": {{"text": "CMP"}}, "subject": {{"reference": "Patient/p"}},
        "effectiveDateTime": "2026-11-24T07:42:00Z", "result": [{}]}}}}"#,
        results.join(",")
    );
    let bundle =
        format!(r#"{{"resourceType": "Bundle", "type": "collection", "entry": [{report},{}]}}"#, entries.join(","));
    let outcome = labcore::fhir::read(bundle.as_bytes(), &context).unwrap();
    assert_eq!(outcome.reports.len(), 1);
    assert_eq!(outcome.reports[0].report.results.len(), 50_000);
    // An object with a hundred thousand keys, a string of 8 MB, deep nesting.
    let keys: Vec<String> = (0..100_000).map(|i| format!(r#""k{i}": 1"#)).collect();
    let wide = format!(r#"{{"resourceType": "Observation", {}}}"#, keys.join(","));
    assert!(labcore::fhir::read(wide.as_bytes(), &context).is_ok());
    let long = format!(r#"{{"resourceType": "Observation", "valueString": "{}"}}"#, "x".repeat(8 << 20));
    assert!(labcore::fhir::read(long.as_bytes(), &context).is_ok());
    let deep =
        format!(r#"{{"resourceType": "Observation", "extension": {}{}}}"#, "[".repeat(100_000), "]".repeat(100_000));
    let _ = labcore::fhir::read(deep.as_bytes(), &context);
    let duplicate = r#"{"resourceType": "Observation", "resourceType": "Patient"}"#;
    let outcome = labcore::fhir::read(duplicate.as_bytes(), &context).unwrap();
    assert!(outcome.findings.iter().any(|f| f.code() == FindingCode::DuplicateField));
}
