//! Delta checks: has a result changed more than its analyte allows since the patient's previous result?
//! A pure function: the caller passes the previous results; labcore stores nothing.

mod priors;

pub(crate) use priors::{ReadPrior, read_priors};

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use crate::catalog::{Analyte, Catalog, DeltaCompare, DeltaDirection, DeltaRule, LabCatalog};
use crate::units::{Unit, convert};

/// A previous result of the same patient.
#[derive(Debug, Clone, PartialEq)]
pub struct PriorResult {
    /// The analyte: a catalog id (`potassium`), a LOINC code (`2823-3`) or a vendor name (`K`, `Potassium, serum`).
    pub analyte: String,
    /// The value.
    pub value: f64,
    /// Its unit (UCUM or a vendor spelling).
    pub unit: String,
    /// When its specimen was collected.
    pub collected_at: DateTime<FixedOffset>,
    /// The patient it belongs to, compared with the payload's `patient_id`: a prior that names another patient is
    /// never compared. `None`: the caller vouches that it is the payload's patient's.
    pub patient_id: Option<String>,
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

/// Compares a current value (in `unit`, collected at `at`) with every previous result of the same analyte inside
/// the rule's window: a change that builds up over several results (creatinine 1.0 → 1.4 → 1.5 mg/dL within 48 h)
/// fails although no single step does. A rule whose limits a source derived from consecutive results
/// (`compare = "latest"`) compares with the most recent one only. The check reported is the failing one with the
/// largest change, or, when none fails, the one against the most recent prior. The lab's rules for the analyte, when `lab` has some,
/// replace the catalog's. `None` when the analyte has no rule or no previous result qualifies. Priors are read as
/// [`process`](crate::process) reads them (catalog id, LOINC code or name; vendor units); those it cannot read are
/// left out here, and reported as `prior_unusable` findings there.
///
/// ```
/// use labcore::{catalog::Catalog, delta_check, PriorResult};
/// let catalog = Catalog::builtin()?;
/// let mcv = catalog.analyte("mcv").unwrap();
/// let fl = catalog.units().parse_ucum("fL").unwrap();
/// let at = "2026-11-24T08:00:00Z".parse().unwrap();
/// let prior = PriorResult { analyte: "MCV".into(), value: 85.0, unit: "fl".into(),
///                           collected_at: "2026-11-23T08:00:00Z".parse().unwrap(), patient_id: None };
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
    let read: Vec<ReadPrior<'_>> =
        priors.iter().enumerate().filter_map(|(i, p)| priors::read_prior(catalog, i, p).ok()).collect();
    check_read(catalog, lab, analyte, value, unit, at, &read)
}

/// [`delta_check`] against priors already read.
pub(crate) fn check_read<'c>(
    catalog: &'c Catalog,
    lab: Option<&'c LabCatalog>,
    analyte: &Analyte,
    value: f64,
    unit: &Unit,
    at: DateTime<FixedOffset>,
    priors: &[ReadPrior<'_>],
) -> Option<DeltaCheck<'c>> {
    let own = lab.map_or(&[][..], |lab| lab.delta_rules(analyte));
    let rules = if own.is_empty() { catalog.delta_rules(analyte) } else { own };
    rules.iter().find_map(|rule| check_rule(analyte, rule, value, unit, at, priors))
}

/// Runs the delta check of every numeric, plausible, mapped result against the priors read, with the lab's
/// rules when its catalog applies (`judge.lab`).
pub(crate) fn check_results<'c>(
    judge: &crate::flags::Judge<'c>,
    system: crate::report::UnitSystem,
    collected: DateTime<FixedOffset>,
    priors: &[ReadPrior<'_>],
    results: &mut [crate::report::NormalizedResult<'c>],
    matched: &[(usize, Option<&'c Analyte>)],
    findings: &mut crate::finding::Findings,
) {
    for (result, (_, analyte)) in results.iter_mut().zip(matched) {
        let (Some(analyte), Some(value), None) = (analyte, result.value, result.comparator) else { continue };
        if result.plausible == Some(false) {
            continue; // an impossible value says nothing about the patient's change
        }
        let unit = system.unit_of(analyte);
        let Some(check) = check_read(judge.catalog, judge.lab, analyte, value, unit, collected, priors) else {
            continue;
        };
        if check.failed {
            let message = format!("{} changed beyond its delta-check limit since a previous result", analyte.display());
            let path = crate::JsonPointer::root().key("results").index(result.index).key("value");
            findings.push(crate::FindingCode::DeltaFailure, path, message);
        }
        result.delta = Some(Box::new(check));
    }
}

fn check_rule<'c>(
    analyte: &Analyte,
    rule: &'c DeltaRule,
    value: f64,
    unit: &Unit,
    at: DateTime<FixedOffset>,
    priors: &[ReadPrior<'_>],
) -> Option<DeltaCheck<'c>> {
    let bridges = analyte.bridges();
    let limit_absolute = rule.absolute.and_then(|a| convert(a, &rule.unit, unit, bridges).ok()).map(f64::abs);
    let in_window = priors.iter().filter(|p| std::ptr::eq(p.analyte, analyte)).filter_map(|p| {
        // Whole seconds are exact in f64 for any realistic span.
        #[allow(clippy::cast_precision_loss)]
        let hours = (at - p.collected_at).num_seconds() as f64 / 3600.0;
        (hours > 0.0 && hours <= rule.window_hours).then_some((p, hours))
    });
    let latest = in_window.clone().min_by(|a, b| a.1.total_cmp(&b.1));
    let compared: Vec<(&ReadPrior<'_>, f64)> = match rule.compare {
        DeltaCompare::All => in_window.collect(),
        DeltaCompare::Latest => latest.into_iter().collect(),
    };
    let checks = compared.into_iter().filter_map(|(p, hours)| {
        let previous = convert(p.value, analyte.canonical_unit(), unit, bridges).ok().filter(|v| v.is_finite())?;
        Some(compare(rule, value, previous, hours, limit_absolute))
    });
    // The failing check with the largest change; when none fails, the most recent prior's.
    checks.reduce(|best, next| match (best.failed, next.failed) {
        (true, true) if next.change.abs() > best.change.abs() => next,
        (false, true) => next,
        (false, false) if next.hours_apart < best.hours_apart => next,
        _ => best,
    })
}

fn compare(rule: &DeltaRule, value: f64, previous: f64, hours: f64, limit_absolute: Option<f64>) -> DeltaCheck<'_> {
    let change = value - previous;
    let percent_change = (previous != 0.0).then(|| change / previous.abs() * 100.0);
    let beyond = limit_absolute.is_some_and(|a| change.abs() >= a)
        || rule.percent.zip(percent_change).is_some_and(|(limit, p)| p.abs() >= limit);
    DeltaCheck {
        previous,
        change,
        percent_change,
        hours_apart: hours,
        limit_absolute,
        limit_percent: rule.percent,
        window_hours: rule.window_hours,
        direction: rule.direction,
        failed: beyond && rule.direction.watches(change),
        source: &rule.source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prior(analyte: &str, value: f64, unit: &str, at: &str) -> PriorResult {
        PriorResult {
            analyte: analyte.into(),
            value,
            unit: unit.into(),
            collected_at: at.parse().unwrap(),
            patient_id: None,
        }
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
    fn every_prior_inside_the_window_is_compared() {
        // KDIGO AKI: a rise of >= 0.3 mg/dL within 48 h, here built up over two steps that each stay below it.
        let catalog = Catalog::builtin().unwrap();
        let creatinine = catalog.analyte("creatinine").unwrap();
        let mg = catalog.units().parse_ucum("mg/dL").unwrap();
        let at = "2026-11-24T08:00:00Z".parse().unwrap();
        let steps = [
            prior("creatinine", 1.0, "mg/dL", "2026-11-22T16:00:00Z"),
            prior("creatinine", 1.4, "mg/dL", "2026-11-23T20:00:00Z"),
            prior("creatinine", 0.5, "mg/dL", "2026-11-20T08:00:00Z"), // outside the 48 h window
        ];
        let check = delta_check(&catalog, None, creatinine, 1.5, &mg, at, &steps).unwrap();
        assert!(check.failed && check.previous == 1.0 && check.hours_apart == 40.0, "{check:?}");
        // Only the most recent step: passes, and is the one reported.
        let check = delta_check(&catalog, None, creatinine, 1.5, &mg, at, &steps[1..]).unwrap();
        assert!(!check.failed && check.previous == 1.4, "{check:?}");
        // Two failing priors: the larger change is reported.
        let both = [prior("creatinine", 1.1, "mg/dL", "2026-11-23T08:00:00Z"), steps[0].clone()];
        let check = delta_check(&catalog, None, creatinine, 1.6, &mg, at, &both).unwrap();
        assert!(check.failed && check.previous == 1.0 && check.hours_apart == 40.0, "{check:?}");
    }

    #[test]
    fn priors_unreadable_here_are_left_out() {
        let catalog = Catalog::builtin().unwrap();
        let mcv = catalog.analyte("mcv").unwrap();
        let fl = catalog.units().parse_ucum("fL").unwrap();
        let at = "2026-11-24T08:00:00Z".parse().unwrap();
        let priors =
            [prior("mcv", f64::NAN, "fL", "2026-11-23T08:00:00Z"), prior("mcv", 80.0, "?", "2026-11-23T08:00:00Z")];
        assert_eq!(delta_check(&catalog, None, mcv, 92.0, &fl, at, &priors), None);
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
