//! Fuzzes de-identification: free text (comments, log lines) and whole documents (labcore JSON, FHIR, HL7 v2).
//! Any input is redacted without a panic and every change of free text is located by bytes. (Idempotence is a
//! property test over generated documents and a test over both evaluation corpora: on arbitrary bytes a
//! half-redacted name can read differently the second time, which the fuzzer found and which is documented.)
#![no_main]

use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use labcore::redact::{Category, Operation, Policy, RedactOptions, RedactionKey, Redactor};
use libfuzzer_sys::fuzz_target;

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

fuzz_target!(|data: &[u8]| {
    for redactor in redactors() {
        let _ = redactor.any(data, &options());
        let Ok(text) = std::str::from_utf8(data) else { continue };
        let once = redactor.text(text, &options());
        for change in &once.changes {
            assert!(change.location.starts_with("bytes "), "a free-text change is located by bytes");
        }
    }
});
