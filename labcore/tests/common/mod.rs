//! What the suites that run the conformance corpus share: where the cases are, and the context a case asks for.
#![allow(clippy::unwrap_used, dead_code)]

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use labcore::catalog::{Catalog, LabCatalog};
use labcore::{Context, PriorResult, UnitSystem};
use serde_json::Value;

/// The processing time of a case that gives none.
pub(crate) const DEFAULT_AS_OF: &str = "2026-11-25T12:00:00Z";

/// Every labcore JSON case file (`conformance/cases`), in name order.
pub(crate) fn case_paths() -> Vec<PathBuf> {
    cases_in("cases")
}

/// Every HL7 v2 and FHIR case file (`conformance/hl7/cases`, `conformance/fhir/cases`), in name order.
pub(crate) fn format_case_paths() -> Vec<PathBuf> {
    let mut paths = cases_in("hl7/cases");
    paths.extend(cases_in("fhir/cases"));
    paths
}

fn cases_in(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../conformance").join(dir);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    paths
}

/// The input bytes of a case: `input_text` as is (HL7 segments may be written one per array element, joined
/// with CR), `input_base64` decoded, or `input` serialised.
pub(crate) fn case_input(case: &Value) -> Vec<u8> {
    match (&case["input_text"], &case["input_base64"]) {
        (Value::String(text), _) => text.clone().into_bytes(),
        (Value::Array(lines), _) => {
            lines.iter().map(|l| format!("{}\r", l.as_str().unwrap())).collect::<String>().into_bytes()
        }
        (_, Value::String(encoded)) => base64_decode(encoded),
        _ => serde_json::to_vec(&case["input"]).unwrap(),
    }
}

/// Standard base64 (RFC 4648), for byte-exact inputs (invalid UTF-8, binary garbage).
fn base64_decode(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let values: Vec<u32> = text
        .bytes()
        .filter(|b| !b.is_ascii_whitespace() && *b != b'=')
        .map(|b| ALPHABET.iter().position(|a| *a == b).unwrap() as u32)
        .collect();
    let mut out = Vec::new();
    for chunk in values.chunks(4) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, v)| n | (v << (18 - 6 * i)));
        out.extend(n.to_be_bytes().iter().skip(1).take(chunk.len() - 1));
    }
    out
}

/// The context a case asks for: `as_of`, `unit_system`, the patient's previous results (`priors`, for delta
/// checks) and a laboratory catalog (`lab_catalog`, TOML text). `system` overrides the case's unit system.
pub(crate) fn case_context<'c>(catalog: &'c Catalog, case: &Value, system: Option<UnitSystem>) -> Context<'c> {
    let ctx = &case["context"];
    let priors: Vec<PriorResult> = ctx["priors"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| PriorResult {
            analyte: p["analyte"].as_str().unwrap().to_owned(),
            value: p["value"].as_f64().unwrap(),
            unit: p["unit"].as_str().unwrap().to_owned(),
            collected_at: p["collected_at"].as_str().unwrap().parse().unwrap(),
            patient_id: p["patient_id"].as_str().map(str::to_owned),
        })
        .collect();
    let priors: &'static [PriorResult] = Box::leak(priors.into_boxed_slice());
    let as_of: DateTime<Utc> = ctx["as_of"].as_str().unwrap_or(DEFAULT_AS_OF).parse().unwrap();
    let own_system = match ctx["unit_system"].as_str() {
        Some("si") => UnitSystem::Si,
        _ => UnitSystem::Conventional,
    };
    let context = Context::new(catalog, as_of).with_unit_system(system.unwrap_or(own_system)).with_priors(priors);
    match ctx["lab_catalog"].as_str() {
        Some(text) => {
            let lab = LabCatalog::from_toml(catalog, "case", text).unwrap();
            context.with_lab_catalog(Box::leak(Box::new(lab)))
        }
        None => context,
    }
}
