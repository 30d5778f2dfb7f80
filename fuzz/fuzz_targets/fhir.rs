//! Fuzzes the FHIR R4 reader (resources, bundles, references, value types) and format detection: any input gives
//! an outcome or an error, never a panic; an accepted report has a typed payload and renders as FHIR; the
//! findings render as an OperationOutcome.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn catalog() -> &'static labcore::catalog::Catalog {
    static CATALOG: OnceLock<labcore::catalog::Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| labcore::catalog::Catalog::builtin().expect("built-in catalog"))
}

fuzz_target!(|data: &[u8]| {
    let as_of = chrono::DateTime::UNIX_EPOCH + chrono::Duration::days(20_000);
    let context = labcore::Context::new(catalog(), as_of);
    let _ = labcore::detect(data);
    let _ = labcore::process_any(data, &context);
    let Ok(outcome) = labcore::fhir::read(data, &context) else { return };
    let options = labcore::fhir::FhirOptions { issued: as_of, subject: None, id: None };
    for processed in &outcome.reports {
        assert_eq!(processed.report.accepted, processed.payload.is_some());
        assert_eq!(labcore::fhir::to_fhir(&processed.report, catalog(), &options).is_ok(), processed.report.accepted);
        assert!(processed.report.results.iter().all(|r| r.location.is_some()));
    }
    let issues = labcore::fhir::operation_outcome(outcome.all_findings()).issue;
    assert!(!issues.is_empty());
});
