//! Fuzzes the JSON payload reader and normaliser: any input must give an error or a report, never a panic,
//! and an accepted report must come with a typed payload.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn catalog() -> &'static labcore::catalog::Catalog {
    static CATALOG: OnceLock<labcore::catalog::Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| labcore::catalog::Catalog::builtin().expect("built-in catalog"))
}

fuzz_target!(|data: &[u8]| {
    let as_of = chrono::DateTime::UNIX_EPOCH + chrono::Duration::days(20_000);
    for system in [labcore::UnitSystem::Conventional, labcore::UnitSystem::Si] {
        let context = labcore::Context::new(catalog(), as_of).with_unit_system(system);
        if let Ok(processed) = labcore::process(data, &context) {
            assert_eq!(processed.report.accepted, processed.payload.is_some());
        }
    }
});
