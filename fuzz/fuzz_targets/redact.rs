//! Fuzzes de-identification: free text (comments, log lines) and whole documents (labcore JSON, FHIR, HL7 v2).
//! Any input is redacted without a panic and every change of free text is located by bytes. Then the fuzzed
//! text is used as filler around identifiers planted where each format keeps them (HL7 PID fields, a FHIR
//! Patient, labcore's patient members, and the patient's name in notes beside the filler): none of them may
//! survive, whatever the filler. (Idempotence is a property test over generated documents and a test over both
//! evaluation corpora: on arbitrary bytes a half-redacted name can read differently the second time.)
#![no_main]

use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use labcore::redact::{Category, Operation, Policy, RedactOptions, RedactionKey, Redactor};
use libfuzzer_sys::fuzz_target;

/// What is planted, and must not survive.
const GIVEN: &str = "Quorblax";
const FAMILY: &str = "Zentavia";
const MRN: &str = "MRN7654321";
const SSN: &str = "123-45-6789";
const PHONE: &str = "(217) 555-0142";
const BIRTH: &str = "19700304";
const SECRETS: &[&str] = &[GIVEN, FAMILY, MRN, SSN, PHONE, BIRTH, "1970-03-04"];

fn redactors() -> &'static [Redactor; 2] {
    static REDACTORS: OnceLock<[Redactor; 2]> = OnceLock::new();
    REDACTORS.get_or_init(|| {
        let keyed = Policy::safe_harbor().with(Category::Name, Operation::Pseudonym).with(Category::Mrn, Operation::Pseudonym);
        let key = RedactionKey::new(b"fuzzing-key-0123456789").expect("a long enough key");
        [
            Redactor::new(Policy::safe_harbor(), None).expect("no key needed"),
            Redactor::new(keyed, Some(key)).expect("a key"),
        ]
    })
}

fn options() -> RedactOptions {
    RedactOptions::new("2026-11-25T12:00:00Z".parse::<DateTime<Utc>>().expect("a time"))
}

/// The filler for an HL7 field: the fuzzed text without delimiters or line breaks (which would move the planted
/// fields to other positions).
fn hl7_filler(text: &str) -> String {
    text.chars().map(|c| if "|^~\\&\r\n".contains(c) || c.is_control() { ' ' } else { c }).collect()
}

fn json(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned())
}

/// Documents with the secrets planted and the filler around them.
fn planted(filler: &str) -> [Vec<u8>; 3] {
    let h = hl7_filler(filler);
    let hl7 = format!(
        "MSH|^~\\&|L|L|E|C|20261124080000||ORU^R01|C1|P|2.5.1\rPID|1||{MRN}^^^H^MR||{FAMILY}^{GIVEN}||{BIRTH}|F|||||{PHONE}||||||{SSN}\r\
         NTE|1||{h} called {GIVEN} {FAMILY} {h}\rOBX|1|ST|1-8^Note^L||{h}|||N|||F\rZPD|{h}|{FAMILY}^{GIVEN}\r"
    );
    let fhir = format!(
        r#"{{"resourceType":"Bundle","type":"collection","entry":[{{"resource":{{"resourceType":"Patient","identifier":[{{"value":"{MRN}"}}],"name":[{{"family":"{FAMILY}","given":["{GIVEN}"]}}],"birthDate":"1970-03-04","telecom":[{{"system":"phone","value":"{PHONE}"}}]}}}},{{"resource":{{"resourceType":"Observation","note":[{{"text":{}}}],"valueString":{}}}}}]}}"#,
        json(&format!("{filler} {GIVEN} {FAMILY} {filler}")),
        json(filler)
    );
    let labcore = format!(
        r#"{{"patient_id":"{MRN}","lab_id":"L","test_type":"CMP","collected_at":"2026-11-24T07:42:00Z","patient":{{"birth_date":"1970-03-04"}},"results":[{{"analyte":"Sodium","value":140,"unit":"mmol/L","comment":{}}}],"comments":[{}],"x":{}}}"#,
        json(filler),
        json(&format!("SSN {SSN}, call {PHONE} {filler}")),
        json(filler)
    );
    [hl7.into_bytes(), fhir.into_bytes(), labcore.into_bytes()]
}

/// Whether `needle` occurs in `hay` with no letter or digit right before or after it.
fn contains_token(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(at, _)| {
        let before = hay.get(..at).and_then(|b| b.chars().next_back()).is_none_or(|c| !c.is_alphanumeric());
        let after = hay.get(at + needle.len()..).and_then(|a| a.chars().next()).is_none_or(|c| !c.is_alphanumeric());
        before && after
    })
}

fuzz_target!(|data: &[u8]| {
    for redactor in redactors() {
        let _ = redactor.any(data, &options());
        let _ = redactor.auto(data, &options());
        let Ok(text) = std::str::from_utf8(data) else { continue };
        let once = redactor.text(text, &options());
        for change in &once.changes {
            assert!(change.location.starts_with("bytes "), "a free-text change is located by bytes");
        }
        for document in planted(text) {
            let redacted = redactor.any(&document, &options()).expect("a planted document is redacted");
            for secret in SECRETS {
                assert!(!contains_token(&redacted.output, secret), "a planted identifier survives: {secret}");
            }
        }
    }
});
