//! Runs the language-neutral conformance corpus (`conformance/cases/*.json`) through the Rust core.
//! The case format is described in `conformance/README.md`; every binding's suite runs the same files.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, missing_docs)]

mod common;

use std::path::Path;

use labcore::catalog::Catalog;
use serde_json::Value;

/// The patient identifier every case uses: it must never appear in a finding or an error.
const PLANTED_ID: &str = "MRN-7741-SECRET";

#[test]
fn conformance_corpus() {
    let catalog = Catalog::builtin().unwrap();
    let paths = common::case_paths();
    assert!(paths.len() >= 40, "corpus too small: {}", paths.len());
    let failures: Vec<String> = paths.iter().filter_map(|p| run_case(&catalog, p).err()).collect();
    assert!(failures.is_empty(), "{} case(s) failed:\n{}", failures.len(), failures.join("\n"));
}

fn run_case(catalog: &Catalog, path: &Path) -> Result<(), String> {
    let name = path.file_stem().unwrap().to_string_lossy().into_owned();
    let case: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).map_err(|e| format!("{name}: {e}"))?;
    let context = common::case_context(catalog, &case, None);
    let input = common::case_input(&case);
    let expect = &case["expect"];
    match labcore::process(&input, &context) {
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
        Ok(processed) => {
            if let Some(code) = expect.get("error").and_then(Value::as_str) {
                return Err(format!("{name}: expected error {code}, got a report"));
            }
            let report = serde_json::to_value(&processed.report).unwrap();
            check_report(&report, expect).map_err(|e| format!("{name}: {e}"))
        }
    }
}

fn check_report(report: &Value, expect: &Value) -> Result<(), String> {
    for finding in report["findings"].as_array().unwrap() {
        if finding.to_string().contains(PLANTED_ID) {
            return Err(format!("finding leaks the patient id: {finding}"));
        }
    }
    if let Some(accepted) = expect.get("accepted")
        && &report["accepted"] != accepted
    {
        return Err(format!(
            "accepted is {}, expected {accepted}; findings {}",
            report["accepted"], report["findings"]
        ));
    }
    let tolerance = expect.get("tolerance").and_then(Value::as_f64).unwrap_or(1e-9);
    for wanted in expect.get("results").and_then(Value::as_array).into_iter().flatten() {
        let index = &wanted["index"];
        let got = report["results"].as_array().unwrap().iter().find(|r| &r["index"] == index);
        let got = got.ok_or_else(|| format!("no result with index {index}"))?;
        subset(wanted, got, tolerance).map_err(|e| format!("result {index}: {e}"))?;
    }
    if let Some(status) = expect.get("status")
        && &report["status"] != status
    {
        return Err(format!("status is {}, expected {status}; findings {}", report["status"], report["findings"]));
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
    if let Some(findings) = expect.get("findings").and_then(Value::as_array) {
        let ignore: Vec<&str> =
            expect.get("ignore").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
        if let Some(unknown) = ignore.iter().find(|c| !labcore::FindingCode::ALL.iter().any(|k| k.as_str() == **c)) {
            return Err(format!("`ignore` lists `{unknown}`, which is not a finding code"));
        }
        let key = |f: &Value| format!("{} {}", f["code"].as_str().unwrap_or(""), f["path"].as_str().unwrap_or(""));
        let mut want: Vec<String> = findings.iter().map(key).collect();
        let mut got: Vec<String> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| !ignore.contains(&f["code"].as_str().unwrap_or("")))
            .map(key)
            .collect();
        want.sort();
        got.sort();
        if want != got {
            return Err(format!("findings differ\n  expected {want:?}\n  got      {got:?}"));
        }
    }
    Ok(())
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
