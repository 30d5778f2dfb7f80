//! FHIR Bundles as servers and converters write them — transaction, batch and collection; entries with
//! `urn:uuid:` full URLs (the resource id the same UUID, as converters write it), absolute full URLs or none; ids
//! shaped as the specification's examples (`f203`), as words (`unsat`) and as UUIDs; references by full URL,
//! relative (`Type/id`), absolute and to contained resources (`#id`); narratives that repeat the ids and the
//! names (`P. van de Heuvel`), notes that name the practitioner. After redaction no original id and no name is
//! left anywhere, every reference that resolved resolves to the same resource, and the Bundle is as valid as it
//! was against the FHIR R4 schema.

use std::collections::HashMap;
use std::sync::OnceLock;

use proptest::prelude::*;
use serde_json::{Value, json};

use crate::plant::Planter;

const BASE: &str = "https://fhir.example.org/baseR4";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Transaction,
    Batch,
    Collection,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Urls {
    Uuid,
    Absolute,
    Missing,
}

/// The generator's state: the planter, and the choices of reference style, taken in turn.
struct Gen {
    p: Planter,
    urls: Urls,
    styles: Vec<u8>,
    turn: usize,
}

/// A resource of the Bundle and how it is addressed.
struct Entry {
    kind: &'static str,
    id: String,
    full_url: Option<String>,
}

impl Gen {
    fn style(&mut self) -> u8 {
        self.turn += 1;
        self.styles.get(self.turn % self.styles.len().max(1)).copied().unwrap_or(0)
    }

    /// A new resource id: a UUID (with `urn:uuid:` full URLs, as converters write them), else in turn one
    /// shaped as the specification's examples, a word, or a UUID.
    fn id(&mut self) -> String {
        match (self.urls, self.turn % 3) {
            (Urls::Uuid, _) | (_, 2) => crate::fhir::uuid(&mut self.p),
            (_, 0) => self.p.id("f"),
            _ => {
                let word = self.p.name().to_lowercase();
                self.p.keep(word)
            }
        }
    }

    fn entry(&mut self, kind: &'static str) -> Entry {
        self.turn += 1;
        let id = self.id();
        let full_url = match self.urls {
            Urls::Uuid => Some(format!("urn:uuid:{id}")),
            Urls::Absolute => Some(format!("{BASE}/{kind}/{id}")),
            Urls::Missing => None,
        };
        Entry { kind, id, full_url }
    }

    /// A reference to an entry: by its full URL, relative, or absolute (on the Bundle's own server).
    fn reference(&mut self, to: &Entry) -> String {
        match (self.style(), &to.full_url) {
            (0, Some(url)) => url.clone(),
            (2, _) if self.urls == Urls::Absolute => format!("{BASE}/{}/{}", to.kind, to.id),
            _ => format!("{}/{}", to.kind, to.id),
        }
    }
}

/// A generated narrative: the lines, as the FHIR publication tool writes them.
fn narrative(lines: &[String]) -> Value {
    let body: String = lines.iter().map(|l| format!("<p>{l}</p>")).collect();
    json!({"status": "generated", "div": format!("<div xmlns=\"http://www.w3.org/1999/xhtml\">{body}</div>")})
}

/// A person's name as a narrative abbreviates it: `P. Heuvel`.
fn initialled(given: &str, family: &str) -> String {
    format!("{}. {family}", given.chars().next().unwrap_or('X'))
}

fn person(g: &mut Gen, entry: &Entry, given: &str, family: &str) -> Value {
    let text = narrative(&[format!("<b>id</b>: {}", entry.id), initialled(given, family)]);
    json!({"resourceType": entry.kind, "id": entry.id, "text": text,
        "name": [{"family": family, "given": [given]}], "gender": if g.turn.is_multiple_of(2) { "female" } else { "male" }})
}

/// The Bundle's resources: a patient, a practitioner, a specimen, observations and a report with a contained
/// interpreter, each with a narrative naming its id and its people.
fn resources(g: &mut Gen) -> Vec<(Entry, Value)> {
    let (given, family) = (g.p.given.clone(), g.p.family.clone());
    let (doc_given, doc_family) = (g.p.planted_name(), g.p.planted_name());
    let (patient, practitioner, specimen) = (g.entry("Patient"), g.entry("Practitioner"), g.entry("Specimen"));
    let mut out = vec![
        (person(g, &patient, &given, &family)),
        (person(g, &practitioner, &doc_given, &doc_family)),
        json!({"resourceType": "Specimen", "id": specimen.id, "text": narrative(&[format!("<b>id</b>: {}", specimen.id)]),
            "type": {"text": "Venous blood"}, "subject": {"reference": g.reference(&patient)}}),
    ];
    let mut results = Vec::new();
    for (code, value) in [("2345-7", 105), ("2823-3", 4)] {
        let observation = g.entry("Observation");
        let subject = g.reference(&patient);
        let lines = [
            format!("<b>id</b>: {}", observation.id),
            format!("<b>subject</b>: <a href=\"{subject}\">{}</a>", initialled(&given, &family)),
            format!("<b>performer</b>: <a>{}</a>", initialled(&doc_given, &doc_family)),
        ];
        out.push(json!({"resourceType": "Observation", "id": observation.id, "text": narrative(&lines),
            "status": "final", "code": {"coding": [{"system": "http://loinc.org", "code": code}]},
            "subject": {"reference": subject},
            "performer": [{"reference": g.reference(&practitioner), "display": format!("Dr. {doc_given} {doc_family}")}],
            "specimen": {"reference": g.reference(&specimen)},
            "valueQuantity": {"value": value, "unit": "mg/dL", "system": "http://unitsofmeasure.org", "code": "mg/dL"},
            "note": [{"text": format!("{doc_given} {doc_family} reviewed the result")}]}));
        results.push(observation);
    }
    let report = g.entry("DiagnosticReport");
    let (local, reader_given, reader_family) = (g.p.id("pr"), g.p.planted_name(), g.p.planted_name());
    let reader = Entry { kind: "Practitioner", id: local.clone(), full_url: None };
    let result_refs: Vec<Value> = results.iter().map(|r| json!({"reference": g.reference(r)})).collect();
    out.push(json!({"resourceType": "DiagnosticReport", "id": report.id,
        "text": narrative(&[format!("<b>id</b>: {}", report.id), format!("Read by {reader_given} {reader_family}")]),
        "contained": [person(g, &reader, &reader_given, &reader_family)],
        "status": "final", "code": {"coding": [{"system": "http://loinc.org", "code": "24323-8"}]},
        "subject": {"reference": g.reference(&patient)}, "resultsInterpreter": [{"reference": format!("#{local}")}],
        "result": result_refs, "specimen": [{"reference": g.reference(&specimen)}]}));
    let entries = [patient, practitioner, specimen].into_iter().chain(results).chain([report]);
    entries.zip(out).collect()
}

pub(crate) fn bundle(p: Planter, kind: Kind, urls: Urls, styles: Vec<u8>) -> (Value, Planter) {
    let mut g = Gen { p, urls, styles, turn: 0 };
    let entries: Vec<Value> = resources(&mut g)
        .into_iter()
        .map(|(entry, resource)| {
            let mut out = json!({"resource": resource});
            if let Some(url) = &entry.full_url {
                out["fullUrl"] = json!(url);
            }
            if kind != Kind::Collection {
                out["request"] = match urls {
                    Urls::Uuid => json!({"method": "POST", "url": entry.kind}),
                    _ => json!({"method": "PUT", "url": format!("{}/{}", entry.kind, entry.id)}),
                };
            }
            out
        })
        .collect();
    let kind = match kind {
        Kind::Transaction => "transaction",
        Kind::Batch => "batch",
        Kind::Collection => "collection",
    };
    let id = g.p.id("b");
    (json!({"resourceType": "Bundle", "id": id, "type": kind, "entry": entries}), g.p)
}

/// Every `reference` under a value, with its JSON pointer.
fn references(value: &Value, at: &str, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                match (key.as_str(), inner.as_str()) {
                    ("reference", Some(reference)) => out.push((format!("{at}/reference"), reference.to_owned())),
                    _ => references(inner, &format!("{at}/{key}"), out),
                }
            }
        }
        Value::Array(items) => items.iter().enumerate().for_each(|(i, v)| references(v, &format!("{at}/{i}"), out)),
        _ => {}
    }
}

/// Where each reference of a resource or Bundle points: its JSON pointer, and the entry (`3`) or contained
/// resource (`3#0`) it resolves to — by full URL, by `Type/id` (relative, or absolute on the Bundle's server), or
/// by `#id` among the resources its resource contains; `None` when it resolves to nothing in the document.
pub(crate) fn resolved(document: &Value) -> Vec<(String, Option<String>)> {
    let single = [json!({"resource": document})];
    let entries = document["entry"].as_array().map_or(&single[..], Vec::as_slice);
    let mut known: HashMap<String, String> = HashMap::new();
    for (i, entry) in entries.iter().enumerate() {
        let resource = &entry["resource"];
        if let Some(url) = entry["fullUrl"].as_str() {
            known.insert(url.to_owned(), i.to_string());
        }
        if let (Some(kind), Some(id)) = (resource["resourceType"].as_str(), resource["id"].as_str()) {
            known.entry(format!("{kind}/{id}")).or_insert_with(|| i.to_string());
        }
    }
    let mut out = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let contained = entry["resource"]["contained"].as_array().cloned().unwrap_or_default();
        let mut found = Vec::new();
        references(&entry["resource"], &format!("/entry/{i}"), &mut found);
        for (at, reference) in found {
            let target = match reference.strip_prefix('#') {
                Some(local) => contained.iter().position(|c| c["id"] == local).map(|j| format!("{i}#{j}")),
                None => {
                    let relative = reference.strip_prefix(&format!("{BASE}/")).unwrap_or(&reference);
                    known.get(&reference).or_else(|| known.get(relative)).cloned()
                }
            };
            out.push((at, target));
        }
    }
    out
}

fn validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| crate::common::fhir_schema::validator("Bundle"))
}

pub(crate) fn kinds() -> impl Strategy<Value = Kind> {
    prop_oneof![Just(Kind::Transaction), Just(Kind::Batch), Just(Kind::Collection)]
}

pub(crate) fn urls() -> impl Strategy<Value = Urls> {
    prop_oneof![Just(Urls::Uuid), Just(Urls::Absolute), Just(Urls::Missing)]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn no_original_id_survives_and_every_reference_still_resolves(
        seed in any::<u64>(), kind in kinds(), urls in urls(), styles in prop::collection::vec(0u8..3, 1..8)
    ) {
        let (input, p) = bundle(Planter::new(seed), kind, urls, styles);
        let before = resolved(&input);
        prop_assert!(before.iter().all(|(_, target)| target.is_some()), "the generator wrote a dangling reference");
        let schema_errors = crate::common::fhir_schema::errors(validator(), &input);
        prop_assert!(schema_errors.is_empty(), "the generator wrote invalid FHIR: {:?}", schema_errors);
        let text = serde_json::to_string(&input).unwrap();
        for redactor in crate::redactors() {
            let redacted = redactor.fhir(text.as_bytes(), &crate::options()).unwrap();
            let survivors = crate::survivors(&p.secrets, &redacted);
            prop_assert!(survivors.is_empty(), "survivors:\n{}", crate::around(&survivors, &redacted.output));
            let output: Value = serde_json::from_str(&redacted.output).unwrap();
            prop_assert_eq!(&resolved(&output), &before, "a reference resolves elsewhere or to nothing");
            let schema_errors = crate::common::fhir_schema::errors(validator(), &output);
            prop_assert!(schema_errors.is_empty(), "redaction made it invalid: {:?}", schema_errors);
            for (i, entry) in input["entry"].as_array().unwrap().iter().enumerate() {
                let value = &entry["resource"]["valueQuantity"];
                prop_assert_eq!(&output["entry"][i]["resource"]["valueQuantity"], value, "a result changed");
            }
        }
    }
}
