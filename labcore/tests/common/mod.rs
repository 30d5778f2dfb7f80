//! What the suites that run the conformance corpus share: where the cases are, and the context a case asks for.
#![allow(clippy::unwrap_used, dead_code)]

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use labcore::catalog::{Catalog, LabCatalog};
use labcore::{Context, PriorResult, UnitSystem};
use serde_json::Value;

/// The processing time of a case that gives none.
pub(crate) const DEFAULT_AS_OF: &str = "2026-11-25T12:00:00Z";

/// Every case file, in name order.
pub(crate) fn case_paths() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../conformance/cases");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    paths
}

/// The input bytes of a case: `input_text` as is, or `input` serialised.
pub(crate) fn case_input(case: &Value) -> Vec<u8> {
    match &case["input_text"] {
        Value::String(text) => text.clone().into_bytes(),
        _ => serde_json::to_vec(&case["input"]).unwrap(),
    }
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
