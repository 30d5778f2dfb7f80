//! Fuzzes the JSON payload reader, normaliser, flags, derivations and delta checks: any input must give an error
//! or a report, never a panic; an accepted report comes with a typed payload and renders as FHIR.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn catalog() -> &'static labcore::catalog::Catalog {
    static CATALOG: OnceLock<labcore::catalog::Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| labcore::catalog::Catalog::builtin().expect("built-in catalog"))
}

/// Previous results for the delta checks, so that fuzzed payloads reach them.
fn priors() -> &'static [labcore::PriorResult] {
    static PRIORS: OnceLock<Vec<labcore::PriorResult>> = OnceLock::new();
    PRIORS.get_or_init(|| {
        let at = chrono::DateTime::parse_from_rfc3339("2024-10-01T08:00:00Z").expect("valid time");
        [("mcv", 88.0, "fL"), ("glucose", 95.0, "mg/dL"), ("creatinine", 1.0, "mg/dL")]
            .into_iter()
            .map(|(analyte, value, unit)| labcore::PriorResult {
                analyte: analyte.into(),
                value,
                unit: unit.into(),
                collected_at: at,
                patient_id: None,
            })
            .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    let as_of = chrono::DateTime::UNIX_EPOCH + chrono::Duration::days(20_000);
    for system in [labcore::UnitSystem::Conventional, labcore::UnitSystem::Si] {
        let context = labcore::Context::new(catalog(), as_of).with_unit_system(system).with_priors(priors());
        if let Ok(processed) = labcore::process(data, &context) {
            assert_eq!(processed.report.accepted, processed.payload.is_some());
            let options = labcore::fhir::FhirOptions { issued: as_of, subject: None, id: None };
            let fhir = labcore::fhir::to_fhir(&processed.report, catalog(), &options);
            assert_eq!(fhir.is_ok(), processed.report.accepted);
        }
    }
});
