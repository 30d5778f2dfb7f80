//! Delta checks: has a result changed more than its analyte allows since the patient's previous result?
//! A pure function: the caller passes the previous results; labcore stores nothing.

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use crate::catalog::{Analyte, Catalog, DeltaRule};
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
    /// Whether the change reaches a limit.
    pub failed: bool,
    /// Where the rule comes from.
    pub source: &'c str,
}

/// Compares a current value (in `unit`, collected at `at`) with the most recent previous result of the same
/// analyte inside the rule's window. `None` when the analyte has no rule or no previous result qualifies.
///
/// ```
/// use labcore::{catalog::Catalog, delta_check, PriorResult};
/// let catalog = Catalog::builtin()?;
/// let mcv = catalog.analyte("mcv").unwrap();
/// let fl = catalog.units().parse_ucum("fL").unwrap();
/// let at = "2026-11-24T08:00:00Z".parse().unwrap();
/// let prior = PriorResult { analyte: "mcv".into(), value: 85.0, unit: "fL".into(),
///                           collected_at: "2026-11-23T08:00:00Z".parse().unwrap() };
/// let check = delta_check(&catalog, mcv, 92.0, &fl, at, &[prior]).unwrap();
/// assert!(check.failed);
/// # Ok::<(), labcore::catalog::CatalogError>(())
/// ```
pub fn delta_check<'c>(
    catalog: &'c Catalog,
    analyte: &Analyte,
    value: f64,
    unit: &Unit,
    at: DateTime<FixedOffset>,
    priors: &[PriorResult],
) -> Option<DeltaCheck<'c>> {
    catalog.delta_rules(analyte).iter().find_map(|rule| check_rule(catalog, analyte, rule, value, unit, at, priors))
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
    let failed = limit_absolute.is_some_and(|a| change.abs() >= a)
        || rule.percent.zip(percent_change).is_some_and(|(limit, p)| p.abs() >= limit);
    Some(DeltaCheck {
        previous,
        change,
        percent_change,
        hours_apart: hours,
        limit_absolute,
        limit_percent: rule.percent,
        window_hours: rule.window_hours,
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
