//! The pre-check command as a vendor runs it: exit codes, one JSON line per input, no PHI on any line.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, missing_docs)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const AS_OF: &str = "2026-11-25T12:00:00Z";

fn samples() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../samples")
}

fn precheck() -> Command {
    Command::new(env!("CARGO_BIN_EXE_labcore-precheck"))
}

fn with_stdin(mut command: Command, input: &str) -> Output {
    let mut child = command.stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn lines(output: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(output).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn accepted_samples_exit_zero_with_one_line_each() {
    let out = precheck()
        .args(["--as-of", AS_OF])
        .arg(samples().join("cbc.json"))
        .arg(samples().join("cmp.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let lines = lines(&out.stdout);
    assert_eq!(lines.len(), 2);
    assert!(lines.iter().all(|l| l["accepted"] == true));
    assert_eq!(lines[0]["report"]["results"][0]["analyte"], "wbc");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("MRN-00482913"), "patient id printed");
}

#[test]
fn a_rejected_input_exits_one() {
    let out = precheck().args(["--as-of", AS_OF]).arg(samples().join("rejected.json")).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let lines = lines(&out.stdout);
    assert_eq!(lines[0]["accepted"], false);
    assert!(lines[0]["report"]["findings"].as_array().unwrap().iter().any(|f| f["severity"] == "error"));
}

#[test]
fn not_json_on_stdin_is_rejected_with_an_error_code() {
    let mut command = precheck();
    command.args(["--as-of", AS_OF, "-"]);
    let out = with_stdin(command, "{\"patient_id\": \"MRN-1\"");
    assert_eq!(out.status.code(), Some(1));
    let line = &lines(&out.stdout)[0];
    assert_eq!(line["error"]["code"], "not_json");
    assert!(!line.to_string().contains("MRN-1"));
}

#[test]
fn usage_errors_exit_two() {
    assert_eq!(precheck().output().unwrap().status.code(), Some(2));
    assert_eq!(precheck().args(["--units", "imperial", "x.json"]).output().unwrap().status.code(), Some(2));
    assert_eq!(precheck().arg("/nonexistent/payload.json").output().unwrap().status.code(), Some(2));
}

#[test]
fn si_units_and_directories() {
    let out = precheck().args(["--as-of", AS_OF, "--units", "si", "--rejected-only"]).arg(samples()).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "rejected.json is in the directory");
    let lines = lines(&out.stdout);
    assert_eq!(lines.len(), 1, "only the rejected sample is printed");
    assert!(lines[0]["input"].as_str().unwrap().ends_with("rejected.json"));
    assert_eq!(lines[0]["report"]["unit_system"], "si");
}

#[test]
fn fhir_format_prints_a_diagnostic_report_and_a_lab_catalog_overrides_ranges() {
    let dir = std::env::temp_dir().join(format!("labcore-precheck-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let lab = dir.join("lab.toml");
    std::fs::write(
        &lab,
        "[[interval]]\nanalyte = \"glucose\"\nlow = 60\nhigh = 110\nunit = \"mg/dL\"\nsource = \"test lab\"\n",
    )
    .unwrap();
    let payload = dir.join("p.json");
    std::fs::write(
        &payload,
        r#"{"patient_id": "MRN-9", "lab_id": "L", "test_type": "CMP", "collected_at": "2026-11-24T08:00:00Z",
        "results": [{"analyte": "Glucose", "value": 105, "unit": "mg/dL"}]}"#,
    )
    .unwrap();
    let out = precheck()
        .args(["--as-of", AS_OF, "--format", "fhir", "--lab-catalog"])
        .arg(&lab)
        .arg(&payload)
        .output()
        .unwrap();
    let line = &lines(&out.stdout)[0];
    assert_eq!(line["fhir"]["resourceType"], "DiagnosticReport");
    assert_eq!(line["fhir"]["contained"][0]["interpretation"][0]["coding"][0]["code"], "N", "lab range 60-110 applies");
    assert_eq!(line["status"], "NEEDS_REVIEW", "the CMP is incomplete");
    assert!(!line.to_string().contains("MRN-9"));
}

#[test]
fn hl7_and_fhir_inputs_are_recognised_and_reported_per_order() {
    let out = precheck()
        .args(["--as-of", AS_OF])
        .arg(samples().join("oru-cbc.hl7"))
        .arg(samples().join("fhir/lipid-bundle.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let lines = lines(&out.stdout);
    assert_eq!((lines[0]["format"].as_str(), lines[1]["format"].as_str()), (Some("hl7v2"), Some("fhir")));
    assert_eq!(lines[0]["ack_codes"], serde_json::json!(["AA"]));
    assert_eq!(lines[0]["reports"][0]["results"][2]["flag"], "L", "hemoglobin 11.4 g/dL");
    assert_eq!(lines[0]["reports"][0]["results"][2]["location"], "OBX[3]");
    assert_eq!(lines[1]["reports"][0]["panel"], "LIPID");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("MRN-00482913") && !text.contains("DOE") && !text.contains("5550199"), "PHI printed");
}

#[test]
fn ack_format_prints_the_hl7_ack_and_garbage_earns_an_ar() {
    let out = precheck()
        .args(["--as-of", AS_OF, "--format", "ack", "--ack-control-id", "A-1"])
        .arg(samples().join("oru-cbc.hl7"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("MSH|^~\\&|CLINIC EHR|CLINIC|NORTHWIND LIS|"), "{text}");
    assert!(text.contains("|ACK^R01^ACK|A-1|P|2.5.1\nMSA|AA|NW-20261124-0042|accepted\n"), "{text}");
    let mut command = precheck();
    command.args(["--as-of", AS_OF, "--format", "ack", "-"]);
    let out = with_stdin(command, "\u{1}\u{2} Jane-Q-Roe not a message");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("MSA|AR||rejected") && text.contains("message_unreadable"), "{text}");
    assert!(!text.contains("Jane-Q-Roe"));
}

#[test]
fn outcome_format_prints_a_fhir_operation_outcome() {
    let out = precheck()
        .args(["--as-of", AS_OF, "--format", "outcome"])
        .arg(samples().join("rejected.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let line = &lines(&out.stdout)[0];
    assert_eq!(line["outcome"]["resourceType"], "OperationOutcome");
    let issues = line["outcome"]["issue"].as_array().unwrap();
    assert!(issues.iter().any(|i| i["severity"] == "error" && i["details"]["coding"][0]["code"].is_string()));
}

#[test]
fn priors_are_applied_per_patient_and_unkeyed_priors_refuse_a_batch() {
    let dir = std::env::temp_dir().join(format!("labcore-precheck-priors-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let payload = |patient: &str| {
        format!(
            r#"{{"patient_id": "{patient}", "lab_id": "L", "test_type": "CMP", "collected_at": "2026-11-24T08:00:00Z",
            "results": [{{"analyte": "Creatinine", "value": 1.4, "unit": "mg/dL"}}]}}"#
        )
    };
    let (a, b) = (dir.join("a.json"), dir.join("b.json"));
    std::fs::write(&a, payload("MRN-AAA-1")).unwrap();
    std::fs::write(&b, payload("MRN-BBB-2")).unwrap();
    let entry = r#"{"analyte": "Creatinine", "value": 1.0, "unit": "mg/dL", "collected_at": "2026-11-23T08:00:00Z"}"#;
    let (unkeyed, keyed) = (dir.join("unkeyed.json"), dir.join("keyed.json"));
    std::fs::write(&unkeyed, format!("[{entry}]")).unwrap();
    std::fs::write(&keyed, format!(r#"{{"MRN-AAA-1": [{entry}]}}"#)).unwrap();
    let run = |priors: &std::path::Path, inputs: &[&std::path::Path]| {
        precheck().args(["--as-of", AS_OF, "--priors"]).arg(priors).args(inputs).output().unwrap()
    };
    // One patient's results would be applied to the other's payload: a usage error.
    let out = run(&unkeyed, &[&a, &b]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("name no patient"));
    // With a single input the old form still works.
    let line = &lines(&run(&unkeyed, &[&a]).stdout)[0];
    assert_eq!(line["report"]["results"][0]["delta"]["failed"], true);
    // Keyed: A's payload is compared with A's prior; B's gets none, and a finding says why.
    let out = run(&keyed, &[&a, &b]);
    let lines = lines(&out.stdout);
    assert_eq!(lines[0]["report"]["results"][0]["delta"]["failed"], true);
    assert_eq!(lines[1]["report"]["results"][0]["delta"], Value::Null);
    let codes: Vec<&str> =
        lines[1]["report"]["findings"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"prior_patient_mismatch"), "{codes:?}");
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(!printed.contains("MRN-AAA") && !printed.contains("MRN-BBB"));
    std::fs::remove_dir_all(&dir).unwrap();
}
