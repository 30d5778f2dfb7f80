//! Runs the language-neutral conformance corpus through the Rust core: labcore JSON cases
//! (`conformance/cases/*.json`), HL7 v2 cases (`conformance/hl7/cases/*.json`) and FHIR cases
//! (`conformance/fhir/cases/*.json`). The case format is described in `conformance/README.md`; every binding's
//! suite runs the same files.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, missing_docs)]

mod common;

use std::path::Path;

use labcore::catalog::Catalog;
use labcore::hl7::AckOptions;
use labcore::{Context, Intake};
use serde_json::{Value, json};

/// The patient identifier every case uses: it must never appear in a finding, an error or an ACK.
const PLANTED_ID: &str = "MRN-7741-SECRET";

#[test]
fn conformance_corpus() {
    let catalog = Catalog::builtin().unwrap();
    let paths = common::case_paths();
    let formats = common::format_case_paths();
    let failures: Vec<String> = paths.iter().chain(&formats).filter_map(|p| run_case(&catalog, p).err()).collect();
    assert!(failures.is_empty(), "{} case(s) failed:\n{}", failures.len(), failures.join("\n"));
    assert!(paths.len() >= 40, "corpus too small: {}", paths.len());
    assert!(formats.len() >= 20, "HL7 and FHIR corpus too small: {}", formats.len());
}

/// Reads a case's input as its `format` says (default: recognised from the content).
fn intake<'c>(case: &Value, input: &[u8], context: &Context<'c>) -> labcore::Result<Intake<'c>> {
    match case["format"].as_str() {
        Some("hl7v2") => labcore::hl7::process(input, context).map(Intake::Hl7),
        Some("fhir") => labcore::fhir::read(input, context).map(Intake::Fhir),
        Some("labcore") => labcore::process(input, context).map(|p| Intake::Labcore(Box::new(p))),
        _ => labcore::process_any(input, context),
    }
}

fn run_case(catalog: &Catalog, path: &Path) -> Result<(), String> {
    let name = path.file_stem().unwrap().to_string_lossy().into_owned();
    let case: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).map_err(|e| format!("{name}: {e}"))?;
    let context = common::case_context(catalog, &case, None);
    let input = common::case_input(&case);
    let expect = &case["expect"];
    match intake(&case, &input, &context) {
        Err(err) => {
            let rendered = format!("{err} {err:?}");
            if rendered.contains(PLANTED_ID) {
                return Err(format!("{name}: error leaks the patient id"));
            }
            match expect.get("error").and_then(Value::as_str) {
                Some(code) if code == err.code() => Ok(()),
                _ => Err(format!("{name}: unexpected error {}", err.code())),
            }
        }
        Ok(intake) => {
            if let Some(code) = expect.get("error").and_then(Value::as_str) {
                return Err(format!("{name}: expected error {code}, got a report"));
            }
            check_intake(&case, &intake, expect).map_err(|e| format!("{name}: {e}"))
        }
    }
}

/// The intake as the corpus sees it: its reports, every finding (about the input and in every report), the ACKs.
fn check_intake(case: &Value, intake: &Intake<'_>, expect: &Value) -> Result<(), String> {
    let reports: Vec<Value> = intake.reports().iter().map(|r| serde_json::to_value(r).unwrap()).collect();
    let mut findings: Vec<Value> = intake.input_findings().iter().map(|f| serde_json::to_value(f).unwrap()).collect();
    findings.extend(reports.iter().flat_map(|r| r["findings"].as_array().unwrap().iter().cloned()));
    let acks = acks(case, intake);
    for rendered in findings.iter().map(Value::to_string).chain(acks.iter().cloned()) {
        if rendered.contains(PLANTED_ID) {
            return Err(format!("the patient id leaks: {rendered}"));
        }
    }
    if let Some(accepted) = expect.get("accepted").and_then(Value::as_bool)
        && intake.accepted() != accepted
    {
        return Err(format!("accepted is {}, expected {accepted}; findings {findings:?}", intake.accepted()));
    }
    if let Some(count) = expect.get("report_count").and_then(Value::as_u64)
        && reports.len() as u64 != count
    {
        return Err(format!("{} report(s), expected {count}", reports.len()));
    }
    match expect.get("reports").and_then(Value::as_array) {
        Some(wanted) => {
            if wanted.len() != reports.len() {
                return Err(format!("{} report(s), expected {}", reports.len(), wanted.len()));
            }
            for (i, (want, got)) in wanted.iter().zip(&reports).enumerate() {
                check_report(got, want).map_err(|e| format!("report {i}: {e}"))?;
                if let Some(f) = want.get("findings") {
                    check_findings(got["findings"].as_array().unwrap(), f, want)
                        .map_err(|e| format!("report {i}: {e}"))?;
                }
            }
        }
        None => {
            let first = reports.first().cloned().unwrap_or(json!({"findings": [], "results": [], "derived": []}));
            check_report(&first, expect)?;
        }
    }
    if let Some(wanted) = expect.get("findings") {
        check_findings(&findings, wanted, expect)?;
    }
    check_acks(intake, &acks, expect)
}

/// The ACKs of an HL7 intake, with the case's `context.ack` options (control ID, timestamp).
fn acks(case: &Value, intake: &Intake<'_>) -> Vec<String> {
    let Intake::Hl7(outcome) = intake else { return Vec::new() };
    let ack = &case["context"]["ack"];
    let timestamp = ack["timestamp"].as_str().or(case["context"]["as_of"].as_str()).unwrap_or(common::DEFAULT_AS_OF);
    let timestamp = chrono::DateTime::parse_from_rfc3339(timestamp).unwrap();
    let mut options = AckOptions::new(ack["control_id"].as_str().unwrap_or("ACK-1"), timestamp);
    options.include_info = ack["include_info"].as_bool().unwrap_or(false);
    outcome.acks(&options)
}

fn check_acks(intake: &Intake<'_>, acks: &[String], expect: &Value) -> Result<(), String> {
    if let Some(codes) = expect.get("ack_codes") {
        let Intake::Hl7(outcome) = intake else { return Err("ack_codes expected of a non-HL7 input".into()) };
        let got: Vec<Value> = outcome.messages.iter().map(|m| json!(m.ack_code.as_str())).collect();
        let got = if outcome.messages.is_empty() { vec![json!("AR")] } else { got };
        if &Value::Array(got.clone()) != codes {
            return Err(format!("ACK codes are {got:?}, expected {codes}"));
        }
    }
    if let Some(wanted) = expect.get("acks").and_then(Value::as_array) {
        // Written one segment per array element, each ending in CR.
        let wanted: Vec<String> = wanted
            .iter()
            .map(|a| match a {
                Value::Array(segments) => segments.iter().map(|s| format!("{}\r", s.as_str().unwrap())).collect(),
                other => other.as_str().unwrap().to_owned(),
            })
            .collect();
        if wanted != acks {
            return Err(format!("ACKs differ\n  expected {wanted:?}\n  got      {acks:?}"));
        }
    }
    Ok(())
}

fn check_report(report: &Value, expect: &Value) -> Result<(), String> {
    let tolerance = expect.get("tolerance").and_then(Value::as_f64).unwrap_or(1e-9);
    for wanted in expect.get("results").and_then(Value::as_array).into_iter().flatten() {
        let index = &wanted["index"];
        let got = report["results"].as_array().unwrap().iter().find(|r| &r["index"] == index);
        let got = got.ok_or_else(|| format!("no result with index {index}"))?;
        subset(wanted, got, tolerance).map_err(|e| format!("result {index}: {e}"))?;
    }
    for key in ["status", "panel", "lab_id", "collected_at"] {
        if let Some(want) = expect.get(key)
            && &report[key] != want
        {
            return Err(format!("{key} is {}, expected {want}; findings {}", report[key], report["findings"]));
        }
    }
    if let Some(reasons) = expect.get("status_reasons").and_then(Value::as_array) {
        let sorted = |items: &Vec<Value>| {
            let mut codes: Vec<String> = items.iter().map(|c| c.as_str().unwrap_or("").to_owned()).collect();
            codes.sort();
            codes
        };
        let (want, got) = (sorted(reasons), sorted(report["status_reasons"].as_array().unwrap()));
        if want != got {
            return Err(format!("status_reasons are {got:?}, expected {want:?}"));
        }
    }
    for wanted in expect.get("derived").and_then(Value::as_array).into_iter().flatten() {
        let got = report["derived"].as_array().unwrap().iter().find(|d| d["method"] == wanted["method"]);
        let got = got.ok_or_else(|| format!("no derived value by {}", wanted["method"]))?;
        subset(wanted, got, tolerance).map_err(|e| format!("derived {}: {e}", wanted["method"]))?;
    }
    if let Some(completeness) = expect.get("completeness") {
        subset(completeness, &report["completeness"], tolerance).map_err(|e| format!("completeness: {e}"))?;
    }
    Ok(())
}

/// The findings are exactly the expected multiset of `(code, path)` — and `location` for the expected entries
/// that give one — apart from the codes in `ignore`.
fn check_findings(findings: &[Value], wanted: &Value, expect: &Value) -> Result<(), String> {
    let Some(wanted) = wanted.as_array() else { return Ok(()) };
    let ignore: Vec<&str> =
        expect.get("ignore").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
    if let Some(unknown) = ignore.iter().find(|c| !labcore::FindingCode::ALL.iter().any(|k| k.as_str() == **c)) {
        return Err(format!("`ignore` lists `{unknown}`, which is not a finding code"));
    }
    let mut left: Vec<&Value> =
        findings.iter().filter(|f| !ignore.contains(&f["code"].as_str().unwrap_or(""))).collect();
    let mut missing = Vec::new();
    for want in wanted {
        let matches = |f: &&Value| {
            f["code"] == want["code"]
                && want.get("path").is_none_or(|p| &f["path"] == p)
                && want.get("location").is_none_or(|l| &f["location"] == l)
                && want.get("severity").is_none_or(|s| &f["severity"] == s)
        };
        match left.iter().position(matches) {
            Some(i) => {
                left.remove(i);
            }
            None => missing.push(want.to_string()),
        }
    }
    if missing.is_empty() && left.is_empty() {
        return Ok(());
    }
    let extra: Vec<String> = left.iter().map(|f| format!("{} {} {}", f["code"], f["path"], f["location"])).collect();
    Err(format!("findings differ\n  missing {missing:?}\n  unexpected {extra:?}"))
}

/// Every key of `wanted` matches in `got` (recursively); numbers within `tolerance`.
fn subset(wanted: &Value, got: &Value, tolerance: f64) -> Result<(), String> {
    match (wanted, got) {
        (Value::Object(w), Value::Object(g)) => {
            for (key, value) in w {
                subset(value, g.get(key).unwrap_or(&Value::Null), tolerance).map_err(|e| format!("{key}: {e}"))?;
            }
            Ok(())
        }
        (Value::Array(w), Value::Array(g)) if w.len() == g.len() => w
            .iter()
            .zip(g)
            .enumerate()
            .try_for_each(|(i, (w, g))| subset(w, g, tolerance).map_err(|e| format!("{i}: {e}"))),
        (Value::Number(w), Value::Number(g)) => {
            let (w, g) = (w.as_f64().unwrap(), g.as_f64().unwrap());
            if (w - g).abs() <= tolerance.max(1e-9 * w.abs()) { Ok(()) } else { Err(format!("{g} is not {w}")) }
        }
        (w, g) if w == g => Ok(()),
        (w, g) => Err(format!("{g} is not {w}")),
    }
}
