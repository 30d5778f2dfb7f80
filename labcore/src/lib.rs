//! labcore: validate, normalise and flag clinical lab results, and keep PHI out of everything it renders.
//!
//! The core is pure: no I/O, no clock (the time is passed in through [`Context`]), no global state. It reads
//! labcore's JSON payload, matches every result to the analyte [`catalog`] (LOINC codes and vendor names),
//! understands the units real feeds send (UCUM and vendor spellings, see [`units`]), converts values to
//! conventional or SI units with sourced molar masses, and reports every problem at once as a [`Finding`]
//! whose message never contains a payload value.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use labcore::{catalog::Catalog, process, Context, UnitSystem};
//!
//! let catalog = Catalog::builtin()?;
//! let as_of = Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap();
//! let context = Context::new(&catalog, as_of).with_unit_system(UnitSystem::Si);
//! let payload = br#"{"patient_id": "MRN-0012345", "lab_id": "ACME", "test_type": "LIPID",
//!   "collected_at": "2026-11-24T08:00:00-05:00",
//!   "results": [{"loinc": "2093-3", "value": 200, "unit": "mg/dL"},
//!               {"analyte": "Triglycerides", "value": "150", "unit": "MG/DL"}]}"#;
//! let report = labcore::validate(payload, &context)?;
//! let cholesterol = &report.results[0];
//! assert_eq!(cholesterol.unit.as_deref(), Some("mmol/L"));
//! assert!((cholesterol.value.unwrap() - 5.172).abs() < 5e-4);
//! // The patient identifier is in no finding, error or rendering.
//! assert!(!serde_json::to_string(&report)?.contains("MRN-0012345"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod catalog;
pub mod fhir;
pub mod flags;
pub mod hl7;
pub mod redact;
pub mod units;

mod completeness;
mod consistency;
mod context;
mod delta;
pub mod derive;
mod error;
mod finding;
mod hash;
mod intake;
mod knowledge;
mod location;
mod loinc;
mod normalize;
mod panel;
mod payload;
mod phi;
mod process;
mod report;
mod status;
mod value;

pub use completeness::{Completeness, MissingGroup};
pub use context::{Context, DEFAULT_MAX_INPUT_BYTES};
pub use delta::{DeltaCheck, PriorResult, delta_check};
pub use error::{Error, ErrorKind, Location, Result};
pub use finding::{Finding, FindingCode, JsonPointer, Rejection, Severity};
pub use intake::{Format, Intake, detect, process_any, validate_any, validate_as};
pub use location::{FhirPath, Hl7Location, SegmentId, SenderReference, SourceLocation};
pub use loinc::{LoincCode, LoincError};
pub use panel::Panel;
pub use payload::{BoundUnits, Demographics, LabPayload, ResultEntry, Sex, Specimen, SpecimenKind, VendorRange};
pub use phi::{Phi, REDACTED};
pub use process::{Processed, process, validate};
pub use report::{
    AppliedCritical, AppliedRange, Mapping, NormalizedResult, Original, OriginalRange, RangeOrigin, RangeStatus,
    Report, ResultStatus, Status, UnitSystem,
};
pub use smol_str::SmolStr;
pub use status::REVIEW_CODES;
pub use value::{
    Comparator, Decimal, DecimalReading, NumberError, ReportedValue, TextKind, parse_decimal, read_value_text,
};

/// The README's Rust examples, compiled and run as doctests so they cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
