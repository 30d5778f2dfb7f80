//! Delta checks: has a result changed more than its analyte allows since the patient's previous result?
//! A pure function: the caller passes the previous results; labcore stores nothing.

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use crate::catalog::{Analyte, Catalog, DeltaDirection, DeltaRule, LabCatalog};
use crate::units::{Unit, convert};

/// A previous result of the same patient.
#[derive(Debug, Clone, PartialEq)]
pub struct PriorResult {
    /// The analyte: a catalog id (`potassium`) or a LOINC code (`2823-3`).
    pub analyte: String,
    /// The value.
    pub value: f64,
    /// Its unit (UCUM or a vendor spelling).
    pub unit: String,
    /// When its specimen was collected.
    pub collected_at: DateTime<FixedOffset>,
}

/// The outcome of a delta check, in the unit of the current result.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct DeltaCheck<'c> {
    /// The previous value.
    pub previous: f64,
    /// Current minus previous.
    pub change: f64,
    /// The change as a percentage of the previous value (`None` when that is zero).
    pub percent_change: Option<f64>,
    /// Hours between the two collections.
    pub hours_apart: f64,
    /// The absolute limit, when the rule has one.
    pub limit_absolute: Option<f64>,
    /// The relative limit in percent, when the rule has one.
    pub limit_percent: Option<f64>,
    /// Only previous results within this many hours count.
    pub window_hours: f64,
    /// Which changes the rule watches.
    pub direction: DeltaDirection,
    /// Whether the change goes the watched way and reaches a limit.
    pub failed: bool,
    /// Where the rule comes from.
    pub source: &'c str,
}

/// Compares a current value (in `unit`, collected at `at`) with the most recent previous result of the same
/// analyte inside the rule's window. The lab's rules for the analyte, when `lab` has some, replace the catalog's.
/// `None` when the analyte has no rule or no previous result qualifies.
///
/// ```
/// use labcore::{catalog::Catalog, delta_check, PriorResult};
/// let catalog = Catalog::builtin()?;
/// let mcv = catalog.analyte("mcv").unwrap();
/// let fl = catalog.units().parse_ucum("fL").unwrap();
/// let at = "2026-11-24T08:00:00Z".parse().unwrap();
/// let prior = PriorResult { analyte: "mcv".into(), value: 85.0, unit: "fL".into(),
///                           collected_at: "2026-11-23T08:00:00Z".parse().unwrap() };
/// let check = delta_check(&catalog, None, mcv, 92.0, &fl, at, &[prior]).unwrap();
/// assert!(check.failed);
/// # Ok::<(), labcore::catalog::CatalogError>(())
/// ```
pub fn delta_check<'c>(
    catalog: &'c Catalog,
    lab: Option<&'c LabCatalog>,
    analyte: &Analyte,
    value: f64,
    unit: &Unit,
    at: DateTime<FixedOffset>,
    priors: &[PriorResult],
) -> Option<DeltaCheck<'c>> {
    let own = lab.map_or(&[][..], |lab| lab.delta_rules(analyte));
    let rules = if own.is_empty() { catalog.delta_rules(analyte) } else { own };
    rules.iter().find_map(|rule| check_rule(catalog, analyte, rule, value, unit, at, priors))
}

fn check_rule<'c>(
    catalog: &Catalog,
    analyte: &Analyte,
    rule: &'c DeltaRule,
    value: f64,
    unit: &Unit,
    at: DateTime<FixedOffset>,
    priors: &[PriorResult],
) -> Option<DeltaCheck<'c>> {
    let bridges = analyte.bridges();
    let (prior, hours, previous) = priors
        .iter()
        .filter(|p| same_analyte(catalog, analyte, &p.analyte))
        .filter_map(|p| {
            // Whole seconds are exact in f64 for any realistic span.
            #[allow(clippy::cast_precision_loss)]
            let hours = (at - p.collected_at).num_seconds() as f64 / 3600.0;
            let reading = catalog.read_unit(&p.unit).ok()?;
            let prior_unit = reading.candidates().find(|u| u.kind().is_some_and(|k| analyte.accepts(k)))?.clone();
            let previous = convert(p.value, &prior_unit, unit, bridges).ok()?;
            (hours > 0.0 && hours <= rule.window_hours && previous.is_finite()).then_some((p, hours, previous))
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))?;
    let _ = prior;
    let change = value - previous;
    let percent_change = (previous != 0.0).then(|| change / previous.abs() * 100.0);
    let limit_absolute = rule.absolute.and_then(|a| convert(a, &rule.unit, unit, bridges).ok()).map(|a| a.abs());
    let beyond = limit_absolute.is_some_and(|a| change.abs() >= a)
        || rule.percent.zip(percent_change).is_some_and(|(limit, p)| p.abs() >= limit);
    let failed = beyond && rule.direction.watches(change);
    Some(DeltaCheck {
        previous,
        change,
        percent_change,
        hours_apart: hours,
        limit_absolute,
        limit_percent: rule.percent,
        window_hours: rule.window_hours,
        direction: rule.direction,
        failed,
        source: &rule.source,
    })
}

fn same_analyte(catalog: &Catalog, analyte: &Analyte, reference: &str) -> bool {
    if reference == analyte.id() {
        return true;
    }
    crate::LoincCode::parse(reference)
        .ok()
        .and_then(|code| catalog.find_by_loinc(code))
        .is_some_and(|a| std::ptr::eq(a, analyte))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prior(analyte: &str, value: f64, unit: &str, at: &str) -> PriorResult {
        PriorResult { analyte: analyte.into(), value, unit: unit.into(), collected_at: at.parse().unwrap() }
    }

    #[test]
    fn the_most_recent_prior_inside_the_window_is_used_in_the_current_unit() {
        let catalog = Catalog::builtin().unwrap();
        let mcv = catalog.analyte("mcv").unwrap();
        let fl = catalog.units().parse_ucum("fL").unwrap();
        let at = "2026-11-24T08:00:00Z".parse().unwrap();
        let priors = [
            prior("mcv", 80.0, "fL", "2026-11-01T08:00:00Z"),
            prior("787-2", 90.0, "fl", "2026-11-23T08:00:00Z"), // by LOINC code, vendor spelling
            prior("mcv", 70.0, "fL", "2024-01-01T08:00:00Z"),   // outside the one-year window
            prior("mcv", 60.0, "fL", "2026-11-25T08:00:00Z"),   // after the current result
        ];
        let check = delta_check(&catalog, None, mcv, 92.0, &fl, at, &priors).unwrap();
        assert_eq!((check.previous, check.change, check.hours_apart, check.failed), (90.0, 2.0, 24.0, false));
        assert_eq!(delta_check(&catalog, None, mcv, 92.0, &fl, at, &priors[2..]), None);
    }

    #[test]
    fn a_rise_only_rule_ignores_falls_and_converts_its_limit() {
        let catalog = Catalog::builtin().unwrap();
        let creatinine = catalog.analyte("creatinine").unwrap();
        let umol = catalog.units().parse_ucum("umol/L").unwrap();
        let at = "2026-11-24T08:00:00Z".parse().unwrap();
        let rise = [prior("creatinine", 1.0, "mg/dL", "2026-11-23T08:00:00Z")];
        let check = delta_check(&catalog, None, creatinine, 124.0, &umol, at, &rise).unwrap();
        assert!(check.failed, "{check:?}"); // 88.4 -> 124 umol/L is a rise of 0.40 mg/dL
        assert!((check.limit_absolute.unwrap() - 26.52).abs() < 0.01);
        let fall = [prior("creatinine", 2.0, "mg/dL", "2026-11-23T08:00:00Z")];
        assert!(!delta_check(&catalog, None, creatinine, 88.4, &umol, at, &fall).unwrap().failed);
    }

    #[test]
    fn a_lab_catalog_rule_replaces_the_default() {
        let catalog = Catalog::builtin().unwrap();
        let lab = LabCatalog::from_toml(
            &catalog,
            "lab.toml",
            "[[delta]]\nanalyte = \"mcv\"\nabsolute = 1.5\nunit = \"fL\"\nwindow_hours = 72\nsource = \"lab SOP\"\n",
        )
        .unwrap();
        let mcv = catalog.analyte("mcv").unwrap();
        let fl = catalog.units().parse_ucum("fL").unwrap();
        let at = "2026-11-24T08:00:00Z".parse().unwrap();
        let priors = [prior("mcv", 90.0, "fL", "2026-11-23T08:00:00Z")];
        let check = delta_check(&catalog, Some(&lab), mcv, 92.0, &fl, at, &priors).unwrap();
        assert!(check.failed && check.source == "lab SOP" && check.window_hours == 72.0);
        assert!(!delta_check(&catalog, None, mcv, 92.0, &fl, at, &priors).unwrap().failed);
    }
}
