//! Redaction fails closed: documents generated with identifiers planted in every field and element their format
//! allows — HL7 v2 fields by the data type the standard gives them (`deid/hl7v2_types.txt`), FHIR elements by the
//! data type the FHIR R4 schema gives them, every member of labcore JSON — in mutated shapes (wrapped lines,
//! wrong case, wrong JSON types, other encodings, nesting), and no planted identifier may survive in any output;
//! the lab values, units, codes and ranges stay as they were. Beside them: FHIR Bundles as servers and converters
//! write them (no original id survives, references still resolve, the Bundle stays valid), the public FHIR files
//! of issue 14's tuning split, and an HL7 order whose every person, number and address is written as senders
//! write them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, missing_docs)]

mod bundles;
#[path = "../common/mod.rs"]
mod common;
mod fhir;
mod hl7;
mod labcore_json;
mod orders;
mod plant;
mod public;

use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use labcore::redact::{Category, Operation, Policy, RedactOptions, Redacted, RedactionKey, Redactor};

pub(crate) fn options() -> RedactOptions {
    RedactOptions::new("2026-11-25T12:00:00Z".parse::<DateTime<Utc>>().unwrap())
}

/// Safe Harbor masks (first); keyed pseudonyms for names and MRNs with per-patient date shifts.
pub(crate) fn redactors() -> &'static [Redactor; 2] {
    static REDACTORS: OnceLock<[Redactor; 2]> = OnceLock::new();
    REDACTORS.get_or_init(|| {
        let keyed = Policy::safe_harbor()
            .with(Category::Name, Operation::Pseudonym)
            .with(Category::Mrn, Operation::Pseudonym)
            .with(Category::Date, Operation::ShiftDate);
        let key = RedactionKey::new(b"fail-closed-test-key-0123456789").unwrap();
        [Redactor::new(Policy::safe_harbor(), None).unwrap(), Redactor::new(keyed, Some(key)).unwrap()]
    })
}

/// Every planted identifier that appears in the output, its report or its `Debug` (case-insensitive, as a whole
/// token: a ZIP code inside a pseudonym's hexadecimal digits is not a leak).
pub(crate) fn survivors(secrets: &[String], redacted: &Redacted) -> Vec<String> {
    let everything = format!("{}\n{redacted:?}", redacted.output).to_lowercase();
    secrets.iter().filter(|s| contains_token(&everything, &s.to_lowercase())).cloned().collect()
}

/// Whether `needle` occurs in `hay` with no letter or digit right before or after it.
pub(crate) fn contains_token(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(at, _)| {
        let before = hay[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after = hay[at + needle.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        before && after
    })
}

/// Where each survivor is in the output, with the text around it, for a failure message.
pub(crate) fn around(survivors: &[String], output: &str) -> String {
    let lower = output.to_lowercase();
    let mut out = String::new();
    for survivor in survivors {
        if let Some(at) = lower.find(&survivor.to_lowercase()) {
            let from = lower.floor_char_boundary(at.saturating_sub(160));
            let to = lower.ceil_char_boundary((at + survivor.len() + 80).min(lower.len()));
            out.push_str(&format!("{survivor}: …{}…\n", output.get(from..to).unwrap_or_default()));
        } else {
            out.push_str(&format!("{survivor}: in the report\n"));
        }
    }
    out
}
