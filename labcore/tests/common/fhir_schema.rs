//! The official FHIR R4 JSON schema (fetched by `scripts/setup.sh fhir-schema`, which `make test` runs; or the
//! file `LABCORE_FHIR_SCHEMA` names), compiled with its root narrowed to one resource type, and what FHIR
//! forbids beyond it.
#![allow(clippy::panic, clippy::indexing_slicing, clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

fn schema_path() -> PathBuf {
    std::env::var_os("LABCORE_FHIR_SCHEMA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/fhir/fhir.schema.json"))
}

/// The R4 schema with its root narrowed from "any resource" to `root` (a resource type, or `ResourceList` for
/// any; contained and Bundle entry resources are still validated against every resource type through
/// `ResourceList`). The npm package adds 16 resource types of its own (Project, User, Bot, …) whose `contained`
/// refers to an undefined `#/definitions/Resource`; they are removed, which leaves HL7's schema.
pub(crate) fn validator(root: &str) -> jsonschema::Validator {
    let path = schema_path();
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("{}: {e}; fetch it with `scripts/setup.sh fhir-schema` (make test does)", path.display())
    });
    let mut schema: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(schema["id"], "http://hl7.org/fhir/json-schema/4.0", "not the FHIR R4 schema");
    strip_vendor_resources(&mut schema);
    let object = schema.as_object_mut().unwrap();
    object.remove("oneOf");
    object.remove("discriminator");
    // In draft 6 a `$ref` hides its siblings (the definitions), so the narrowing goes through `allOf`.
    object.insert("allOf".into(), json!([{"$ref": format!("#/definitions/{root}")}]));
    jsonschema::draft6::new(&schema).unwrap()
}

/// Removes what the redistributing package added: definitions that refer to something undefined (its own
/// resource types' `#/definitions/Resource`, a SQL-on-FHIR `integer64`), repeatedly until none is left, and
/// their entries in `ResourceList`. None of HL7's R4 definitions is touched (asserted).
fn strip_vendor_resources(schema: &mut Value) {
    let mut removed: Vec<String> = Vec::new();
    loop {
        let definitions = schema["definitions"].as_object().unwrap();
        let dangling: Vec<String> = definitions
            .iter()
            .filter(|(_, d)| refs(d).iter().any(|r| !definitions.contains_key(r.as_str())))
            .map(|(name, _)| name.clone())
            .collect();
        if dangling.is_empty() {
            break;
        }
        let object = schema["definitions"].as_object_mut().unwrap();
        for name in &dangling {
            object.remove(name);
        }
        if let Some(list) = schema["definitions"]["ResourceList"]["oneOf"].as_array_mut() {
            list.retain(|r| !dangling.iter().any(|d| r["$ref"] == format!("#/definitions/{d}")));
        }
        removed.extend(dangling);
    }
    let core = [
        "Observation",
        "DiagnosticReport",
        "Bundle",
        "Patient",
        "Practitioner",
        "Specimen",
        "Quantity",
        "CodeableConcept",
        "Reference",
        "Narrative",
        "Observation_ReferenceRange",
    ];
    assert!(removed.iter().all(|r| !core.contains(&r.as_str())) && removed.len() < 60, "{removed:?}");
}

/// The definitions a schema fragment refers to.
fn refs(value: &Value) -> Vec<String> {
    match value {
        Value::Object(map) => map
            .iter()
            .flat_map(|(k, v)| match (k.as_str(), v.as_str()) {
                ("$ref", Some(target)) => {
                    target.strip_prefix("#/definitions/").map(str::to_owned).into_iter().collect()
                }
                _ => refs(v),
            })
            .collect(),
        Value::Array(items) => items.iter().flat_map(refs).collect(),
        _ => Vec::new(),
    }
}

/// Schema errors, and what FHIR forbids beyond its JSON schema: `null`, empty arrays, objects and strings.
pub(crate) fn errors(validator: &jsonschema::Validator, fhir: &Value) -> Vec<String> {
    let mut found: Vec<String> = validator.iter_errors(fhir).map(|e| format!("{e} at {}", e.instance_path())).collect();
    empties(fhir, "", &mut found);
    found
}

pub(crate) fn empties(value: &Value, at: &str, found: &mut Vec<String>) {
    match value {
        Value::Null => found.push(format!("null at {at}")),
        Value::String(s) if s.is_empty() => found.push(format!("empty string at {at}")),
        Value::Array(items) if items.is_empty() => found.push(format!("empty array at {at}")),
        Value::Object(map) if map.is_empty() => found.push(format!("empty object at {at}")),
        Value::Array(items) => items.iter().enumerate().for_each(|(i, v)| empties(v, &format!("{at}/{i}"), found)),
        Value::Object(map) => map.iter().for_each(|(k, v)| empties(v, &format!("{at}/{k}"), found)),
        _ => {}
    }
}
