//! Fuzzes the parsers of short texts that vendors send: values, reference ranges, flags, units, and the lab
//! catalog file formats. Any input gives a reading or a refusal, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn catalog() -> &'static labcore::catalog::Catalog {
    static CATALOG: OnceLock<labcore::catalog::Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| labcore::catalog::Catalog::builtin().expect("built-in catalog"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = labcore::read_value_text(text);
    let _ = labcore::parse_decimal(text);
    if let Some(labcore::flags::VendorRangeReading::Numeric(range)) = labcore::flags::read_vendor_range(text) {
        if let (Some(low), Some(high)) = (range.low, range.high) {
            assert!(low.value <= high.value, "a range is read with its bounds in order");
        }
    }
    let _ = labcore::flags::read_vendor_flag(text);
    let _ = labcore::flags::qualitative_flag(text, text);
    let _ = catalog().read_unit(text);
    let _ = labcore::catalog::name_key(text);
    let _ = labcore::catalog::LabCatalog::from_toml(catalog(), "fuzz.toml", text);
    let _ = labcore::catalog::LabCatalog::from_json(catalog(), "fuzz.json", text);
});
