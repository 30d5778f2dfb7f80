//! Whether a range a sender gives is possible for the analyte, once read in the unit of comparison.
//!
//! The rule, derived: a reference interval describes the central 95 % of the results of a healthy reference
//! population for one measurand (CLSI EP28-A3c, *Defining, Establishing, and Verifying Reference Intervals in the
//! Clinical Laboratory*, 3rd ed., 2008, section 1; IFCC/CLSI). Intervals for the same measurand differ between
//! laboratories, methods, ages and sexes, but they describe overlapping populations of real patients. So a sender's
//! range that, in the unit it states (or the result's unit when it states none),
//!
//! 1. has a bound outside the analyte's plausibility limits (what is physically possible in a living patient,
//!    `plausible` in the catalog), or
//! 2. does not even meet the span of all of the catalog's reference intervals for the analyte (every age band and
//!    sex, the laboratory's own intervals included),
//!
//! is not a reference range of that analyte in that unit: the unit is wrong (potassium `3.5-5.1 mg/dL` is
//! 0.90-1.30 mmol/L, HDL `40-60 mmol/L` is 1547-2320 mg/dL), or the numbers belong to another unit (`35-51` for
//! potassium in mmol/L). Flagging against it would give a confident wrong flag.

use super::vendor_range::NumericRange;
use crate::catalog::{Analyte, Catalog, LabCatalog};
use crate::units::{Unit, convert};

/// Why a range is impossible for the analyte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Implausible {
    /// A bound beyond the plausibility limits.
    BeyondPossible,
    /// No overlap with any catalog reference interval.
    MeetsNoInterval,
}

impl Implausible {
    pub(crate) fn message(self) -> &'static str {
        match self {
            Implausible::BeyondPossible => {
                "the reference range sent, read in its unit, has a limit beyond what is possible for the analyte \
                 (a wrong unit?); it was not used, the catalog's range was"
            }
            Implausible::MeetsNoInterval => {
                "the reference range sent, read in its unit, meets none of the catalog's reference intervals for the \
                 analyte (a wrong unit?); it was not used, the catalog's range was"
            }
        }
    }
}

/// Checks a sender's range whose bounds are in `unit`; `Ok` when it is possible, or cannot be checked (a
/// conversion labcore has no source for). The bounds are compared in the analyte's canonical unit, with the
/// plausibility limits and with the span of the intervals computed once when the catalogs were built.
pub(crate) fn check(
    catalog: &Catalog,
    lab: Option<&LabCatalog>,
    analyte: &Analyte,
    range: &NumericRange,
    unit: &Unit,
) -> Result<(), Implausible> {
    let canonical = analyte.canonical_unit();
    let to_canonical = |value: f64, from: &Unit| convert(value, from, canonical, analyte.bridges()).ok();
    let low = range.low.map_or(Some(f64::NEG_INFINITY), |b| to_canonical(b.value, unit));
    let high = range.high.map_or(Some(f64::INFINITY), |b| to_canonical(b.value, unit));
    let (Some(low), Some(high)) = (low, high) else { return Ok(()) };
    if let Some((min, max)) = analyte.plausible_canonical {
        // A relative margin for the float noise of conversions (a bound written at the limit itself is possible).
        let outside = |v: f64| v.is_finite() && (v < min - 1e-9 * min.abs() || v > max + 1e-9 * max.abs());
        if outside(low) || outside(high) {
            return Err(Implausible::BeyondPossible);
        }
    }
    match interval_span(catalog, lab, analyte) {
        Some((min, max)) if high < min || low > max => Err(Implausible::MeetsNoInterval),
        _ => Ok(()),
    }
}

/// The lowest low and highest high of the analyte's reference intervals — every age band and sex, labcore's and
/// the laboratory's — in its canonical unit; `None` when it has none.
pub(crate) fn interval_span(catalog: &Catalog, lab: Option<&LabCatalog>, analyte: &Analyte) -> Option<(f64, f64)> {
    let spans = [catalog.interval_span(analyte), lab.and_then(|lab| lab.interval_span(analyte))];
    spans.into_iter().flatten().reduce(|(l1, h1), (l2, h2)| (l1.min(l2), h1.max(h2)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flags::{VendorRangeReading, read_vendor_range};

    fn verdict(analyte: &str, text: &str, unit: &str) -> Result<(), Implausible> {
        let catalog = Catalog::builtin().unwrap();
        let analyte = catalog.analyte(analyte).unwrap();
        let Some(VendorRangeReading::Numeric(range)) = read_vendor_range(text) else { panic!("{text}") };
        let unit = catalog.units().parse_ucum(unit).unwrap();
        check(&catalog, None, analyte, &range, &unit)
    }

    #[test]
    fn ranges_in_the_wrong_unit_are_implausible() {
        assert_eq!(verdict("potassium", "3.5-5.1", "mg/dL"), Err(Implausible::MeetsNoInterval));
        assert_eq!(verdict("hdl_cholesterol", "40-60", "mmol/L"), Err(Implausible::BeyondPossible));
        assert_eq!(verdict("potassium", "35-51", "mmol/L"), Err(Implausible::BeyondPossible));
        assert_eq!(verdict("creatinine", "53-106", "mg/dL"), Err(Implausible::BeyondPossible));
        assert_eq!(verdict("glucose", "70-99", "mmol/L"), Err(Implausible::MeetsNoInterval), "1261-1784 mg/dL");
    }

    #[test]
    fn real_ranges_of_other_labs_pass() {
        assert_eq!(verdict("potassium", "3.4-4.8", "mmol/L"), Ok(()));
        assert_eq!(verdict("potassium", "13-20", "mg/dL"), Ok(()), "3.3-5.1 mmol/L, in mass units");
        assert_eq!(verdict("creatinine", "53-106", "umol/L"), Ok(()));
        assert_eq!(verdict("glucose", "3.9-5.5", "mmol/L"), Ok(()));
        assert_eq!(verdict("hdl_cholesterol", ">40", "mg/dL"), Ok(()));
        assert_eq!(verdict("hdl_cholesterol", ">1.0", "mmol/L"), Ok(()));
        assert_eq!(verdict("cholesterol_total", "<200", "mg/dL"), Ok(()));
        assert_eq!(verdict("alp", "40-500", "U/L"), Ok(()), "a child's wide range");
        assert_eq!(verdict("tsh", "0.4-4.0", "m[IU]/L"), Ok(()));
    }
}
