//! Redaction invariants over generated payloads and HL7 messages with planted identifiers: no lab value, unit, LOINC
//! code, range or flag ever changes; no planted identifier survives in the output, the transformation report, the
//! `Debug` output or the findings of the redacted document; redacting twice changes nothing more.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, missing_docs)]

use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use labcore::catalog::Catalog;
use labcore::hl7::Document;
use labcore::redact::{Category, Operation, Policy, RedactOptions, Redacted, RedactionKey, Redactor};
use labcore::{Context, Format};
use proptest::prelude::*;
use serde_json::{Value, json};

const GIVEN: &[&str] = &["Maria", "James", "Linda", "Robert", "Patricia", "Michael", "Jennifer", "Elizabeth", "Thomas"];
const FAMILY: &[&str] = &["Garcia", "Okafor", "Kowalski", "Nguyen", "Hernandez", "Fitzgerald", "Yamamoto", "Thompson"];
const STREETS: &[&str] = &["Elm St", "Maple Avenue", "Oak Rd", "Lincoln Blvd"];
const CITIES: &[(&str, &str)] = &[("Springfield", "IL"), ("Decatur", "GA"), ("Fresno", "CA"), ("Tulsa", "OK")];
/// (analyte, unit, reference range, LOINC code) — LOINC 2345-7 glucose, 2823-3 potassium, 718-7 hemoglobin,
/// 2951-2 sodium, 2093-3 cholesterol, 3016-3 TSH (loinc.org).
const RESULTS: &[(&str, &str, &str, &str)] = &[
    ("Glucose", "mg/dL", "70-99", "2345-7"),
    ("Potassium", "mmol/L", "3.5-5.1", "2823-3"),
    ("Hemoglobin", "g/dL", "12.0-15.5", "718-7"),
    ("Sodium", "mmol/L", "136-145", "2951-2"),
    ("Cholesterol", "mg/dL", "<200", "2093-3"),
    ("TSH", "m[IU]/L", "0.4-4.0", "3016-3"),
];

/// One patient's identifiers, each planted somewhere in the generated document.
#[derive(Debug, Clone)]
struct Planted {
    given: &'static str,
    family: &'static str,
    doctor: &'static str,
    mrn: String,
    ssn: String,
    phone: String,
    email: String,
    street: String,
    city: (&'static str, &'static str),
    zip: String,
    date: String,
}

impl Planted {
    /// The strings that must not appear anywhere after redaction.
    fn secrets(&self) -> Vec<String> {
        let (city, _) = self.city;
        [self.given, self.family, self.doctor, city]
            .iter()
            .map(|s| (*s).to_owned())
            .chain([
                self.mrn.clone(),
                self.ssn.clone(),
                self.phone.clone(),
                self.email.clone(),
                self.street.clone(),
                self.zip.clone(),
                self.date.clone(),
            ])
            .collect()
    }
}

fn planted() -> impl Strategy<Value = Planted> {
    let people = (prop::sample::select(GIVEN), prop::sample::select(FAMILY), prop::sample::select(FAMILY));
    let numbers = (100_000u32..99_999_999, (1u32..665, 1u32..99, 1u32..9999), (201u32..989, 200u32..999, 0u32..9999));
    let places = (1u32..9999, prop::sample::select(STREETS), prop::sample::select(CITIES), 10_000u32..99_999);
    let date = (1u32..12, 1u32..28, 1950u32..2025);
    (people, numbers, places, date, "[a-z]{3,8}").prop_filter_map(
        "distinct people",
        |(people, numbers, places, date, mailbox)| {
            let ((given, family, doctor), (mrn, (a, g, s), (area, exchange, line))) = (people, numbers);
            let (number, street, city, zip) = places;
            (family != doctor).then(|| Planted {
                given,
                family,
                doctor,
                mrn: format!("{mrn:08}"),
                ssn: format!("{a:03}-{g:02}-{s:04}"),
                phone: format!("({area}) {exchange}-{line:04}"),
                email: format!("{mailbox}.{}@example.org", family.to_lowercase()),
                street: format!("{number} {street}"),
                city,
                zip: format!("{zip:05}"),
                date: format!("{:02}/{:02}/{}", date.0, date.1, date.2),
            })
        },
    )
}

/// The comments a lab might write, each carrying some of the patient's identifiers.
fn comments(p: &Planted) -> Vec<String> {
    let (city, state) = p.city;
    vec![
        format!("Pt {} {}, MRN: {}, seen {}", p.given, p.family, p.mrn, p.date),
        format!("Critical value called to Dr. {} at {}, read back", p.doctor, p.phone),
        format!("SSN {} on file; results sent to {}", p.ssn, p.email),
        format!("Home address {}, {}, {} {}", p.street, city, state, p.zip),
    ]
}

fn payload(p: &Planted, results: &[(usize, f64, &'static str)]) -> Value {
    let notes = comments(p);
    let results: Vec<Value> = results
        .iter()
        .enumerate()
        .map(|(i, (which, value, flag))| {
            let (analyte, unit, range, loinc) = RESULTS[*which % RESULTS.len()];
            let mut result = json!({"analyte": analyte, "loinc": loinc, "value": value, "unit": unit, "reference_range": range, "flag": flag});
            if let Some(note) = notes.get(i % 5) {
                result["comment"] = json!(note);
            }
            result
        })
        .collect();
    json!({
        "patient_id": format!("MRN-{}", p.mrn),
        "lab_id": "NORTHWIND",
        "test_type": "CMP",
        "collected_at": "2026-11-24T07:42:00-05:00",
        "patient": {"sex": "F", "birth_date": "1961-03-09"},
        "specimen": {"id": format!("ACC-{}", p.mrn), "type": "serum"},
        "results": results,
        "comments": notes,
    })
}

fn hl7_message(p: &Planted, results: &[(usize, f64, &'static str)]) -> String {
    let (city, state) = p.city;
    let mut segments = vec![
        "MSH|^~\\&|LIS|NORTHWIND|EHR|CLINIC|20261124080000||ORU^R01^ORU_R01|CTRL-0001|P|2.5.1".to_owned(),
        format!(
            "PID|1||{}^^^NW^MR||{}^{}||19610309|F|||{}^^{}^{}^{}||{}||||||{}",
            p.mrn, p.family, p.given, p.street, city, state, p.zip, p.phone, p.ssn
        ),
        format!(
            "OBR|1|ORD1|FIL1|24323-8^Comprehensive metabolic panel^LN|||20261124074200|||||||||1234^{}^Ann",
            p.doctor
        ),
    ];
    for (i, (which, value, flag)) in results.iter().enumerate() {
        let (analyte, unit, range, loinc) = RESULTS[*which % RESULTS.len()];
        let unit = unit.replace('^', "\\S\\");
        segments.push(format!("OBX|{}|NM|{loinc}^{analyte}^LN||{value}|{unit}|{range}|{flag}|||F", i + 1));
        if let Some(note) = comments(p).get(i % 5) {
            segments.push(format!("NTE|{}||{note}", i + 1));
        }
    }
    segments.join("\r") + "\r"
}

fn results() -> impl Strategy<Value = Vec<(usize, f64, &'static str)>> {
    let value = (0u32..100_000).prop_map(|v| f64::from(v) / 100.0);
    prop::collection::vec((0usize..RESULTS.len(), value, prop::sample::select(&["H", "L", "N", ""][..])), 1..8)
}

fn options() -> RedactOptions {
    RedactOptions::new("2026-11-25T12:00:00Z".parse::<DateTime<Utc>>().unwrap())
}

/// A redactor and whether its output is recognisably redacted (so that redacting again changes nothing). A shifted
/// date is a real date and is shifted again: date shifting is deliberately not idempotent.
struct Case {
    redactor: Redactor,
    idempotent: bool,
}

/// Safe Harbor masks; keyed pseudonyms for names and MRNs; the same with per-patient date shifts.
fn redactors() -> &'static [Case; 3] {
    static REDACTORS: OnceLock<[Case; 3]> = OnceLock::new();
    REDACTORS.get_or_init(|| {
        let pseudonyms = || {
            Policy::safe_harbor().with(Category::Name, Operation::Pseudonym).with(Category::Mrn, Operation::Pseudonym)
        };
        let key = || Some(RedactionKey::new(b"property-test-key-0123456789").unwrap());
        let case = |policy, key, idempotent| Case { redactor: Redactor::new(policy, key).unwrap(), idempotent };
        [
            case(Policy::safe_harbor(), None, true),
            case(pseudonyms(), key(), true),
            case(pseudonyms().with(Category::Date, Operation::ShiftDate), key(), false),
        ]
    })
}

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::builtin().unwrap())
}

/// Everything a redaction renders: the output, the report (Debug and JSON), and the findings of the output.
fn rendered(redacted: &Redacted) -> String {
    let context = Context::new(catalog(), "2026-11-25T12:00:00Z".parse().unwrap());
    let findings = match labcore::process_any(redacted.output.as_bytes(), &context) {
        Ok(intake) => intake.input_findings().iter().map(|f| format!("{f} {f:?}")).collect::<Vec<_>>().join("\n"),
        Err(error) => format!("{error} {error:?}"),
    };
    format!("{}\n{redacted:?}\n{}\n{findings}", redacted.output, serde_json::to_string(&redacted.changes).unwrap())
}

fn assert_nothing_survives(p: &Planted, redacted: &Redacted) -> Result<(), TestCaseError> {
    let everything = rendered(redacted);
    for secret in p.secrets() {
        prop_assert!(!contains_token(&everything, &secret), "{secret} survives:\n{everything}");
    }
    Ok(())
}

/// Whether `needle` occurs in `hay` as a whole token (a ZIP code 27011 is not "in" a shifted date 20270114).
fn contains_token(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(at, _)| {
        let before = hay[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after = hay[at + needle.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        before && after
    })
}

/// The lab part of a labcore payload: every result's analyte, value, unit, code, range and flag.
fn lab_part(payload: &Value) -> Vec<String> {
    let keys = ["analyte", "loinc", "value", "unit", "reference_range", "flag"];
    let results = payload["results"].as_array().cloned().unwrap_or_default();
    results.iter().flat_map(|r| keys.iter().map(move |k| format!("{k}={}", r[k]))).collect()
}

/// The result fields of every OBX: type, code, value, unit, range, flag, status.
fn obx_fields(message: &str) -> Vec<String> {
    let document = Document::parse(message);
    let messages = document.messages();
    let obx = messages.iter().flat_map(|m| m.segments().filter(|s| s.is("OBX")).collect::<Vec<_>>());
    obx.map(|s| [2, 3, 5, 6, 7, 8, 11].map(|f| s.field(f).as_str().to_owned()).join("|")).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn labcore_payloads_keep_their_lab_data_and_lose_their_identifiers(p in planted(), rows in results()) {
        let input = payload(&p, &rows);
        let bytes = serde_json::to_vec_pretty(&input).unwrap();
        for Case { redactor, idempotent } in redactors() {
            let once = redactor.labcore_json(&bytes, &options()).unwrap();
            let output: Value = serde_json::from_str(&once.output).unwrap();
            prop_assert_eq!(lab_part(&input), lab_part(&output));
            assert_nothing_survives(&p, &once)?;
            if !idempotent {
                continue;
            }
            let twice = redactor.any(once.output.as_bytes(), &options()).unwrap();
            prop_assert_eq!(twice.format, Some(Format::Labcore));
            prop_assert_eq!(&once.output, &twice.output, "redaction is idempotent");
            prop_assert!(twice.changes.is_empty());
        }
    }

    #[test]
    fn hl7_messages_keep_their_results_and_lose_their_identifiers(p in planted(), rows in results()) {
        let message = hl7_message(&p, &rows);
        for Case { redactor, idempotent } in redactors() {
            let once = redactor.hl7(message.as_bytes(), &options()).unwrap();
            prop_assert_eq!(obx_fields(&message), obx_fields(&once.output));
            assert_nothing_survives(&p, &once)?;
            let twice = redactor.hl7(once.output.as_bytes(), &options()).unwrap();
            prop_assert!(!idempotent || once.output == twice.output, "redaction is idempotent");
        }
    }

    #[test]
    fn free_text_is_redacted_once_and_for_all(p in planted()) {
        let text = comments(&p).join(" | ");
        for Case { redactor, idempotent } in redactors() {
            let once = redactor.text(&text, &options());
            assert_nothing_survives(&p, &once)?;
            prop_assert!(!idempotent || redactor.text(&once.output, &options()).output == once.output);
        }
    }
}
