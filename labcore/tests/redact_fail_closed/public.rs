//! The public FHIR files of issue 14's tuning split (`conformance/public/fhir/tuning/`, sources in
//! `conformance/public/SOURCES.md`), redacted: what `conformance/public/ANALYSIS.md` (class 9) found surviving —
//! the original ids and the names in the narratives — is gone; no resource id of any file survives anywhere;
//! every reference that resolved still resolves to the same resource; and the output is valid JSON with no
//! schema error the input did not have. The held-out split is not read here.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde_json::Value;

/// What ANALYSIS.md found surviving redaction, file by file: ids, identifiers and names in `text.div`.
const FOUND: &[(&str, &[&str])] = &[
    ("r4-observation-f203-bicarbonate-snomed-unit.json", &["f203", "Roel", "Luigi", "Maas", "1304-03720-Bicarbonate"]),
    ("r4-observation-f206-blood-culture-staph.json", &["f206", "Roel", "Luigi", "Maas"]),
    ("r4-observation-unsat-glucose-cancelled.json", &["unsat", "Heuvel", "Langeveld", "6323"]),
    ("msfs-observation-glucose-28-digit-decimal.json", &["f001", "Heuvel", "Langeveld", "6323"]),
];

fn tuning() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../conformance/public/fhir/tuning")
}

fn files() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(tuning()).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    paths
}

/// Every resource id of a document (resources in entries, contained, nested) and the ids of its full URLs.
fn ids(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let (Some(_), Some(id)) = (map.get("resourceType"), map.get("id").and_then(Value::as_str)) {
                out.push(id.to_owned());
            }
            let full_url = map.get("fullUrl").and_then(Value::as_str).unwrap_or_default();
            let id = full_url.rsplit([':', '/']).next().unwrap_or_default();
            if !id.is_empty() {
                out.push(id.to_owned());
            }
            map.values().for_each(|v| ids(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| ids(v, out)),
        _ => {}
    }
}

fn validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| crate::common::fhir_schema::validator("ResourceList"))
}

/// Where the document breaks the schema (or holds an empty value): the JSON pointers.
fn broken(document: &Value) -> Vec<String> {
    let errors = crate::common::fhir_schema::errors(validator(), document);
    let mut at: Vec<String> = errors.iter().map(|e| e.rsplit(" at ").next().unwrap_or_default().to_owned()).collect();
    at.sort();
    at.dedup();
    at
}

#[test]
fn the_leaks_found_in_the_public_files_are_gone() {
    for (name, found) in FOUND {
        let input = std::fs::read(tuning().join(name)).unwrap();
        let text = String::from_utf8_lossy(&input);
        let secrets: Vec<String> = found.iter().map(|s| (*s).to_owned()).collect();
        assert!(secrets.iter().all(|s| text.contains(s.as_str())), "{name}: the file changed");
        for redactor in crate::redactors() {
            let redacted = redactor.fhir(&input, &crate::options()).unwrap();
            let survivors = crate::survivors(&secrets, &redacted);
            assert!(survivors.is_empty(), "{name}: survivors:\n{}", crate::around(&survivors, &redacted.output));
            let output: Value = serde_json::from_str(&redacted.output).unwrap();
            assert_eq!(output["text"]["status"], "empty", "{name}");
        }
    }
}

#[test]
fn no_resource_id_survives_and_references_resolve_in_every_public_file() {
    let files = files();
    assert!(files.len() >= 14, "{} files", files.len());
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let input = std::fs::read(&path).unwrap();
        let before: Value = serde_json::from_slice(&input).unwrap();
        let mut secrets = Vec::new();
        ids(&before, &mut secrets);
        let (resolved, broken_before) = (crate::bundles::resolved(&before), broken(&before));
        for redactor in crate::redactors() {
            let redacted = redactor.fhir(&input, &crate::options()).unwrap();
            let survivors = crate::survivors(&secrets, &redacted);
            assert!(survivors.is_empty(), "{name}: survivors:\n{}", crate::around(&survivors, &redacted.output));
            let after: Value = serde_json::from_str(&redacted.output).unwrap();
            let still = crate::bundles::resolved(&after);
            for ((at, target), (_, now)) in resolved.iter().zip(&still).filter(|((_, t), _)| t.is_some()) {
                assert_eq!(now, target, "{name}: {at} resolves elsewhere");
            }
            let new: Vec<String> = broken(&after).into_iter().filter(|b| !broken_before.contains(b)).collect();
            let detail = crate::common::fhir_schema::errors(validator(), &after);
            assert!(new.is_empty(), "{name}: redaction broke {new:?}: {detail:?}");
        }
    }
}
