//! FHIR R4: resources whose every element is filled by the data type the FHIR R4 JSON schema gives it (a
//! HumanName wherever the schema says HumanName, a date wherever it says date, …), in transactions, searchsets,
//! contained resources and Parameters, then mutated.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use proptest::prelude::*;
use serde_json::{Map, Value, json};

use crate::plant::Planter;

/// The resources generated around the patient.
const RESOURCES: &[&str] = &[
    "Practitioner",
    "RelatedPerson",
    "Observation",
    "DiagnosticReport",
    "Specimen",
    "AuditEvent",
    "ServiceRequest",
    "Encounter",
];

/// Elements that hold the lab's own data (kept by design) or structure the generator writes itself.
const SKIPPED: &[&str] = &[
    "resourceType",
    "id",
    "meta",
    "implicitRules",
    "language",
    "contained",
    "extension",
    "modifierExtension",
    "referenceRange",
    "interpretation",
    "link",
];

fn schema_path() -> PathBuf {
    std::env::var_os("LABCORE_FHIR_SCHEMA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/fhir/fhir.schema.json"))
}

fn definitions() -> &'static Map<String, Value> {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    let schema = SCHEMA.get_or_init(|| {
        let text = std::fs::read_to_string(schema_path())
            .unwrap_or_else(|e| panic!("{e}: fetch the schema with `scripts/setup.sh fhir-schema` (make test does)"));
        serde_json::from_str(&text).unwrap()
    });
    schema["definitions"].as_object().unwrap()
}

/// The data type of a property and whether it repeats: its `$ref`, or for a choice element its name's suffix.
fn property_type(name: &str, property: &Value) -> Option<(String, bool)> {
    let array = property["type"] == "array";
    let reference = if array { &property["items"]["$ref"] } else { &property["$ref"] };
    if let Some(target) = reference.as_str() {
        return Some((target.strip_prefix("#/definitions/")?.to_owned(), array));
    }
    let suffixes = [("DateTime", "dateTime"), ("Instant", "instant"), ("Date", "date"), ("String", "string")];
    suffixes.iter().find(|(s, _)| name.ends_with(s)).map(|(_, t)| ((*t).to_owned(), false))
}

/// A value of a FHIR data type with identifiers planted in it; `None` for types that hold none.
fn typed(p: &mut Planter, data_type: &str, depth: usize) -> Option<Value> {
    let (_, iso) = p.date();
    Some(match data_type {
        "HumanName" => {
            json!({"use": "official", "family": p.planted_name(), "given": [p.planted_name()], "prefix": ["Dr."]})
        }
        "Address" => json!({"line": [p.street()], "city": p.planted_name(), "district": p.planted_name(),
            "state": "IL", "postalCode": p.zip(), "country": "US", "period": {"start": iso}}),
        "ContactPoint" => json!({"system": "phone", "value": p.phone(), "use": "home"}),
        "Identifier" => json!({"system": "urn:oid:2.16.840.1.113883.3.42", "value": p.id("ID")}),
        "Attachment" => json!({"contentType": "text/plain", "data": p.id("QUJD"),
            "url": format!("https://files.example.org/{}", p.planted_name()), "title": p.free_text()}),
        "Reference" => json!({"reference": format!("Practitioner/{}", p.id("prac")), "display": p.planted_name()}),
        "date" => json!(iso),
        "dateTime" | "instant" => json!(format!("{iso}T12:30:00Z")),
        "string" | "markdown" => json!(p.free_text()),
        "Narrative" => json!({"status": "generated",
            "div": format!("<div xmlns=\"http://www.w3.org/1999/xhtml\">{}</div>", p.free_text())}),
        "Annotation" => {
            json!({"authorString": p.planted_name(), "time": format!("{iso}T08:00:00Z"), "text": p.free_text()})
        }
        "Period" => json!({"start": iso, "end": format!("{}T09:00:00Z", p.date().1)}),
        "CodeableConcept" => {
            json!({"coding": [{"system": "http://example.org/codes", "code": "X1", "display": p.free_text()}],
            "text": p.free_text()})
        }
        "Coding" => json!({"system": "http://example.org/codes", "code": "X1", "display": p.free_text()}),
        backbone if backbone.contains('_') && depth < 2 => element_object(p, backbone, depth + 1),
        _ => return None,
    })
}

/// Every element of a resource or backbone element the schema defines, filled by its type.
fn element_object(p: &mut Planter, definition: &str, depth: usize) -> Value {
    let mut object = Map::new();
    let properties = definitions()[definition]["properties"].as_object().unwrap();
    for (name, property) in properties {
        if SKIPPED.contains(&name.as_str()) || name.starts_with('_') {
            continue;
        }
        let Some((data_type, array)) = property_type(name, property) else { continue };
        if let Some(value) = typed(p, &data_type, depth) {
            object.insert(name.clone(), if array { json!([value]) } else { value });
        }
    }
    Value::Object(object)
}

/// A resource of a type, every element filled, with a planted id.
fn resource(p: &mut Planter, kind: &str) -> Value {
    let mut object = element_object(p, kind, 0);
    object["resourceType"] = json!(kind);
    object["id"] = json!(p.id("res"));
    object
}

/// The patient: named as the free text names them (its name parts are the seeds), with the extensions that
/// identify a patient and a primitive extension on its birth date.
fn patient(p: &mut Planter) -> Value {
    let mut patient = resource(p, "Patient");
    let (_, birth) = p.date();
    patient["name"] = json!([{"family": p.family, "given": [p.given]}]);
    patient["birthDate"] = json!(birth);
    patient["_birthDate"] = json!({"extension": [{"url": "http://hl7.org/fhir/StructureDefinition/patient-birthTime",
        "valueDateTime": format!("{birth}T04:12:00Z")}]});
    let maiden = p.planted_name();
    let (_, other_date) = p.date();
    let place = typed(p, "Address", 0).unwrap();
    patient["extension"] = json!([
        {"url": "http://hl7.org/fhir/StructureDefinition/patient-mothersMaidenName", "valueString": maiden},
        {"url": "http://hl7.org/fhir/StructureDefinition/patient-birthPlace", "valueAddress": place},
        {"url": "http://example.org/fhir/StructureDefinition/local-date", "valueDate": other_date},
        {"url": "http://hl7.org/fhir/StructureDefinition/geolocation", "extension": [
            {"url": "latitude", "valueDecimal": 39.78173}, {"url": "longitude", "valueDecimal": -89.65015}]}
    ]);
    patient
}

/// The lab's own result, which must come out exactly as it went in.
fn lab_result() -> Value {
    json!({"resourceType": "Observation", "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": "2823-3"}]},
        "valueQuantity": {"value": 4.1, "unit": "mmol/L", "system": "http://unitsofmeasure.org", "code": "mmol/L"},
        "referenceRange": [{"low": {"value": 3.5, "unit": "mmol/L"}, "high": {"value": 5.1, "unit": "mmol/L"}}],
        "interpretation": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "code": "N"}]}]})
}

/// A UUID (planted: the full URL of an entry).
pub(crate) fn uuid(p: &mut Planter) -> String {
    let digits = format!("{}{}{}{}", p.id(""), p.id(""), p.id(""), p.id(""));
    let uuid =
        format!("{}-{}-4{}-8{}-{}", &digits[..8], &digits[8..12], &digits[12..15], &digits[15..18], &digits[16..28]);
    p.keep(uuid)
}

/// How the document is built and mutated.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Shape {
    Transaction,
    Searchset,
    Contained,
    Parameters,
}

pub(crate) fn document(p: &mut Planter, shape: Shape, wrong_types: bool) -> Value {
    let mut patient = patient(p);
    if wrong_types {
        let (compact, _) = p.date();
        patient["birthDate"] = json!(compact.parse::<u64>().unwrap());
        let number = p.id("");
        patient["identifier"] = json!([{"system": "urn:mrn", "value": number.parse::<u64>().unwrap()}]);
        patient["x-note"] = json!(p.free_text());
    }
    let mut others: Vec<Value> = RESOURCES.iter().map(|k| resource(p, k)).collect();
    others.push(lab_result());
    match shape {
        Shape::Transaction | Shape::Searchset => bundle(p, patient, others, matches!(shape, Shape::Searchset)),
        Shape::Contained => {
            let local = p.id("pat");
            patient["id"] = json!(local);
            let mut report = resource(p, "DiagnosticReport");
            report["contained"] = json!([patient]);
            report["subject"] = json!({"reference": format!("#{local}")});
            let entries: Vec<Value> = std::iter::once(report).chain(others).map(|r| json!({"resource": r})).collect();
            json!({"resourceType": "Bundle", "type": "collection", "entry": entries})
        }
        Shape::Parameters => {
            let basic = json!({"resourceType": "Basic", "id": p.id("b")});
            let inner = bundle(p, basic, others, false);
            json!({"resourceType": "Parameters", "parameter": [
                {"name": "patient", "resource": patient},
                {"name": "results", "resource": inner},
                {"name": "note", "valueString": p.free_text()},
                {"name": "when", "valueDate": p.date().1}]})
        }
    }
}

/// A transaction (conditional creates by identifier, references by `urn:uuid:`) or a searchset (absolute full
/// URLs, a self link searching by identifier).
fn bundle(p: &mut Planter, patient: Value, others: Vec<Value>, searchset: bool) -> Value {
    let mrn = p.id("MRN");
    let patient_url = if searchset {
        format!("https://ehr.example.org/fhir/Patient/{}", patient["id"].as_str().unwrap_or("x"))
    } else {
        format!("urn:uuid:{}", uuid(p))
    };
    let mut entries = vec![json!({"fullUrl": patient_url, "resource": patient,
        "request": {"method": "POST", "url": "Patient", "ifNoneExist": format!("identifier=urn:mrn|{mrn}")}})];
    for mut resource in others {
        resource["subject"] = json!({"reference": patient_url});
        let kind = resource["resourceType"].as_str().unwrap_or("Basic").to_owned();
        let url = match (searchset, resource["id"].as_str()) {
            (true, Some(id)) => format!("https://ehr.example.org/fhir/{kind}/{id}"),
            _ => format!("urn:uuid:{}", uuid(p)),
        };
        entries.push(json!({"fullUrl": url, "resource": resource, "request": {"method": "POST", "url": kind}}));
    }
    let kind = if searchset { "searchset" } else { "transaction" };
    json!({"resourceType": "Bundle", "type": kind, "entry": entries,
        "link": [{"relation": "self", "url": format!("https://ehr.example.org/fhir/Patient?identifier={mrn}&_count=10")}]})
}

pub(crate) fn shapes() -> impl Strategy<Value = Shape> {
    prop_oneof![Just(Shape::Transaction), Just(Shape::Searchset), Just(Shape::Contained), Just(Shape::Parameters)]
}

/// Every `reference` in the document that names a full URL of it or a `#` id.
fn references(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(object) => {
            for (key, inner) in object {
                match (key.as_str(), inner.as_str()) {
                    ("reference", Some(reference)) => out.push(reference.to_owned()),
                    _ => references(inner, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| references(i, out)),
        _ => {}
    }
}

/// The full URLs and contained ids a reference can resolve to.
fn targets(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(object) => {
            if let Some(url) = object.get("fullUrl").and_then(Value::as_str) {
                out.push(url.to_owned());
            }
            for contained in object.get("contained").and_then(Value::as_array).into_iter().flatten() {
                out.extend(contained["id"].as_str().map(|id| format!("#{id}")));
            }
            object.values().for_each(|v| targets(v, out));
        }
        Value::Array(items) => items.iter().for_each(|i| targets(i, out)),
        _ => {}
    }
}

fn resolving(document: &Value) -> usize {
    let (mut refs, mut known) = (Vec::new(), Vec::new());
    references(document, &mut refs);
    targets(document, &mut known);
    refs.iter().filter(|r| known.contains(r)).count()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn no_identifier_survives_in_any_element_of_any_resource(
        seed in any::<u64>(), shape in shapes(), wrong_types: bool, utf16: bool
    ) {
        let mut p = Planter::new(seed);
        let input = document(&mut p, shape, wrong_types);
        let text = serde_json::to_string(&input).unwrap();
        let bytes: Vec<u8> = if utf16 {
            [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect()
        } else {
            text.into_bytes()
        };
        for (i, redactor) in crate::redactors().iter().enumerate() {
            let redacted = redactor.fhir(&bytes, &crate::options()).unwrap();
            let survivors = crate::survivors(&p.all_secrets(i == 0), &redacted);
            prop_assert!(survivors.is_empty(), "survivors:\n{}", crate::around(&survivors, &redacted.output));
            let output: Value = serde_json::from_str(&redacted.output).unwrap();
            for part in ["code", "valueQuantity", "referenceRange", "interpretation"] {
                let kept = serde_json::to_string(&lab_result()[part]).unwrap();
                prop_assert!(redacted.output.contains(&kept), "the lab result's {} changed", part);
            }
            prop_assert_eq!(resolving(&output), resolving(&input), "a reference no longer resolves");
        }
    }
}

/// The extensions left with a URL and nothing else (ext-1: an extension has a value or extensions).
fn bare_extensions(value: &Value, out: &mut usize) {
    match value {
        Value::Object(object) => {
            let content = object.keys().any(|k| k.starts_with("value") || k == "extension");
            if object.contains_key("url") && !content && object.keys().all(|k| k == "url" || k == "id") {
                *out += 1;
            }
            object.values().for_each(|v| bare_extensions(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| bare_extensions(v, out)),
        _ => {}
    }
}

/// Safe Harbor with every category removed instead of masked.
fn removing() -> &'static labcore::redact::Redactor {
    static REDACTOR: OnceLock<labcore::redact::Redactor> = OnceLock::new();
    REDACTOR.get_or_init(|| {
        let policy = labcore::redact::Category::ALL
            .iter()
            .fold(labcore::redact::Policy::safe_harbor(), |p, c| p.with(*c, labcore::redact::Operation::Remove));
        labcore::redact::Redactor::new(policy, None).unwrap()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, failure_persistence: None, ..ProptestConfig::default() })]

    /// A removed value is removed — member or element, and the object, array or extension it leaves empty —
    /// never written as `""`, `{}`, `[]` or an extension without a value; Safe Harbor's removals (coordinates,
    /// attachment data) likewise.
    #[test]
    fn removed_values_leave_no_empty_element(seed in any::<u64>(), shape in shapes(), wrong_types: bool) {
        let mut p = Planter::new(seed);
        let input = document(&mut p, shape, wrong_types);
        let text = serde_json::to_string(&input).unwrap();
        // The generator leaves a backbone element empty when it plants nothing in it (Patient.communication).
        let mut before = Vec::new();
        crate::common::fhir_schema::empties(&input, "", &mut before);
        for redactor in [removing(), &crate::redactors()[0]] {
            let redacted = redactor.fhir(text.as_bytes(), &crate::options()).unwrap();
            let output: Value = serde_json::from_str(&redacted.output).unwrap();
            let mut empties = Vec::new();
            crate::common::fhir_schema::empties(&output, "", &mut empties);
            empties.retain(|e| !before.contains(e));
            prop_assert!(empties.is_empty(), "{:?}", empties);
            let mut bare = 0;
            bare_extensions(&output, &mut bare);
            prop_assert_eq!(bare, 0, "an extension left without its value");
            let survivors = crate::survivors(&p.all_secrets(true), &redacted);
            prop_assert!(survivors.is_empty(), "survivors:\n{}", crate::around(&survivors, &redacted.output));
        }
    }
}
