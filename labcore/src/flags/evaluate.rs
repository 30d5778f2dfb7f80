//! Flagging one numeric result: choose the range (payload, lab catalog, default), the critical limits, compare.

use super::Flag;
use super::classify::{Scale, Values, classify};
use super::vendor_range::{Bound, NumericRange, VendorRangeReading, read_vendor_range};
use crate::catalog::{Age, Analyte, Catalog, Fit, LabCatalog, Limits};
use crate::finding::Findings;
use crate::payload::VendorRange;
use crate::report::{AppliedCritical, AppliedRange, RangeOrigin, RangeStatus};
use crate::units::{Unit, convert, convert_clean};
use crate::value::{Comparator, ReportedValue};
use crate::{FindingCode, JsonPointer, Sex};

/// What flagging needs to know about the patient and the catalogs.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Judge<'c> {
    pub(crate) catalog: &'c Catalog,
    pub(crate) lab: Option<&'c LabCatalog>,
    pub(crate) sex: Option<Sex>,
    pub(crate) age: Option<Age>,
}

/// A numeric result to flag: its value (with comparator) in the unit it was sent in.
pub(crate) struct Reading<'a> {
    pub(crate) analyte: &'a Analyte,
    pub(crate) value: f64,
    pub(crate) comparator: Option<Comparator>,
    pub(crate) unit: &'a Unit,
    pub(crate) vendor: Option<&'a VendorRange>,
    pub(crate) path: JsonPointer,
}

/// The outcome of flagging.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Evaluation<'c> {
    pub(crate) flag: Option<Flag>,
    pub(crate) status: RangeStatus,
    pub(crate) range: Option<AppliedRange<'c>>,
    pub(crate) critical: Option<AppliedCritical<'c>>,
}

/// A range ready to compare with: its bounds, unit, and what to report about it.
struct Chosen<'u, 'c> {
    low: Option<Bound>,
    high: Option<Bound>,
    unit: &'u Unit,
    origin: RangeOrigin,
    limits: Option<&'c Limits>,
    /// The vendor's text, copied into the report only once the range is applied.
    text: Option<&'u smol_str::SmolStr>,
}

/// Flags one numeric, plausible result. `target` is the unit the report shows values in.
pub(crate) fn evaluate<'c>(
    judge: &Judge<'c>,
    reading: &Reading<'_>,
    target: &'c Unit,
    findings: &mut Findings,
) -> Evaluation<'c> {
    let mut status = RangeStatus::NoApplicableRange;
    let payload = reading.vendor.and_then(|v| payload_range(judge, reading, v, findings));
    let chosen = match &payload {
        Some((range, unit)) => Some(Chosen {
            low: range.low,
            high: range.high,
            unit: unit.as_ref().unwrap_or(reading.unit),
            origin: RangeOrigin::Payload,
            limits: None,
            text: reading.vendor.and_then(|v| v.text.as_ref()),
        }),
        None => catalog_range(judge, reading.analyte, &mut status),
    };
    if let Some(vendor) = chosen.as_ref().filter(|c| c.origin == RangeOrigin::Payload) {
        note_difference(judge, reading, vendor, findings);
    }
    let critical = critical_limits(judge, reading.analyte);
    let compare_unit = chosen.as_ref().map_or_else(|| critical.map_or(reading.unit, |(l, _)| &l.unit), |c| c.unit);
    let Some(values) = values_in(reading, compare_unit) else {
        return Evaluation { flag: None, status: RangeStatus::NotEvaluated, range: None, critical: None };
    };
    let scale = scale(reading.analyte, chosen.as_ref(), critical.map(|(l, _)| l), compare_unit);
    let mut flag = match classify(&values, &scale) {
        Ok(flag) => Some(flag),
        Err(_) => {
            let message = "the value is a bound that spans a limit; it cannot be flagged";
            findings.push(FindingCode::FlagIndeterminate, reading.path.key("value"), message);
            None
        }
    };
    if chosen.is_none() && !flag.is_some_and(Flag::is_critical) {
        // Without a reference range only a critical flag is meaningful: "no range" is never "normal".
        flag = None;
    } else if chosen.is_some() {
        status = RangeStatus::Applied;
    }
    Evaluation {
        flag,
        status,
        range: chosen.as_ref().map(|c| applied_range(reading.analyte, c, target)),
        critical: critical.map(|(limits, origin)| applied_critical(reading.analyte, limits, origin, target)),
    }
}

/// The vendor's range, read, in a unit that can express the analyte, and possible for the analyte in that unit;
/// an unreadable or an impossible one is a finding (and the catalog's range is used).
fn payload_range(
    judge: &Judge<'_>,
    reading: &Reading<'_>,
    vendor: &VendorRange,
    findings: &mut Findings,
) -> Option<(NumericRange, Option<Unit>)> {
    // A bound sent as an object member must be a plain number: `<5` or text there cannot be compared with.
    let bound = |v: &Option<ReportedValue>| match v {
        None => Ok(None),
        Some(ReportedValue::Number { comparator: None, number, .. }) => {
            Ok(Some(Bound { value: number.value(), inclusive: true }))
        }
        Some(_) => Err(()),
    };
    let parsed = match (bound(&vendor.low), bound(&vendor.high)) {
        (Err(()), _) | (_, Err(())) => None,
        (Ok(None), Ok(None)) => match vendor.text.as_deref().map(read_vendor_range) {
            None => return None,
            Some(Some(VendorRangeReading::Numeric(range))) => Some(range),
            Some(_) => None,
        },
        (Ok(low), Ok(high)) => Some(NumericRange { low, high, unit: None }),
    };
    let unreadable = |findings: &mut Findings| {
        let message = "the reference range sent cannot be read as a numeric range; the catalog's range was used";
        findings.push(FindingCode::RangeUnparseable, reading.path.key("reference_range"), message);
        None
    };
    // Reversed bounds (`11.0-4.0`) are a transcription error, not a range.
    let ordered = |r: &NumericRange| r.low.zip(r.high).is_none_or(|(l, h)| l.value <= h.value);
    let Some(range) = parsed.filter(ordered) else { return unreadable(findings) };
    let unit = match &range.unit {
        None => None,
        Some(text) => {
            let unit =
                judge.catalog.read_unit(text).ok().and_then(|r| {
                    r.candidates().find(|u| u.kind().is_some_and(|k| reading.analyte.accepts(k))).cloned()
                });
            match unit {
                Some(unit) => Some(unit),
                None => return unreadable(findings),
            }
        }
    };
    let checked = super::range_check::check(
        judge.catalog,
        judge.lab,
        reading.analyte,
        &range,
        unit.as_ref().unwrap_or(reading.unit),
    );
    if let Err(why) = checked {
        findings.push(FindingCode::RangeImplausible, reading.path.key("reference_range"), why.message());
        return None;
    }
    Some((range, unit))
}

/// An info finding when the sender's range differs materially from the one labcore would use (the lab catalog's
/// or the default) for this patient: a limit present in both off by more than the default's width, or, for a
/// one-sided default, by more than a fifth of its limit. Compared in the sender's unit.
fn note_difference(judge: &Judge<'_>, reading: &Reading<'_>, vendor: &Chosen<'_, '_>, findings: &mut Findings) {
    let mut status = RangeStatus::NoApplicableRange;
    let Some(ours) = catalog_range(judge, reading.analyte, &mut status) else { return };
    let to_vendor = |b: Option<Bound>| {
        // Unrounded: the comparison below has its own margin for float noise.
        b.and_then(|b| convert(b.value, ours.unit, vendor.unit, reading.analyte.bridges()).ok())
    };
    let (low, high) = (to_vendor(ours.low), to_vendor(ours.high));
    let tolerance = |limit: f64| match (low, high) {
        (Some(l), Some(h)) => (h - l).abs(),
        _ => limit.abs() / 5.0,
    };
    let differs = |theirs: Option<Bound>, ours: Option<f64>| {
        theirs.zip(ours).is_some_and(|(t, o)| (t.value - o).abs() > tolerance(o) * (1.0 + 1e-9))
    };
    if differs(vendor.low, low) || differs(vendor.high, high) {
        let message = "the reference range sent differs materially from labcore's for this analyte, sex and age; \
                       it was used (confirm its unit and limits)";
        findings.push_finding(
            crate::Finding::new(FindingCode::RangeDiffers, reading.path.key("reference_range"), message)
                .with_severity(crate::Severity::Info),
        );
    }
}

/// The lab's interval if it has one for this analyte, else the default; records why there is none.
fn catalog_range<'c>(judge: &Judge<'c>, analyte: &Analyte, status: &mut RangeStatus) -> Option<Chosen<'c, 'c>> {
    let lab = judge.lab.map(|lab| lab.interval_for(analyte, judge.sex, judge.age.as_ref()));
    let (fit, origin) = match lab {
        Some(found @ Fit::Found(_)) => (found, RangeOrigin::LabCatalog),
        Some(Fit::NeedsDemographics) => (Fit::NeedsDemographics, RangeOrigin::LabCatalog),
        _ => (judge.catalog.interval_for(analyte, judge.sex, judge.age.as_ref()), RangeOrigin::Default),
    };
    match fit {
        Fit::Found(limits) => Some(Chosen {
            low: limits.low.map(|value| Bound { value, inclusive: !limits.low_exclusive }),
            high: limits.high.map(|value| Bound { value, inclusive: !limits.high_exclusive }),
            unit: &limits.unit,
            origin,
            limits: Some(limits),
            text: None,
        }),
        Fit::NeedsDemographics => {
            *status = RangeStatus::NeedsDemographics;
            None
        }
        Fit::None => None,
    }
}

fn critical_limits<'c>(judge: &Judge<'c>, analyte: &Analyte) -> Option<(&'c Limits, RangeOrigin)> {
    if let Some(Fit::Found(limits)) = judge.lab.map(|lab| lab.critical_for(analyte, judge.sex, judge.age.as_ref())) {
        return Some((limits, RangeOrigin::LabCatalog));
    }
    match judge.catalog.critical_for(analyte, judge.sex, judge.age.as_ref()) {
        Fit::Found(limits) => Some((limits, RangeOrigin::Default)),
        _ => None,
    }
}

/// The value (or, for a bound like `<0.01`, the values it stands for) in the unit of comparison. A bound's
/// open side stops at the plausibility limit.
fn values_in(reading: &Reading<'_>, unit: &Unit) -> Option<Values> {
    let bridges = reading.analyte.bridges();
    // Rounded to 12 significant digits, so that 99 mg/dL sent as 5.49524… mmol/L meets a limit of 99 exactly.
    let value = convert_clean(reading.value, reading.unit, unit, bridges).ok()?;
    let limit = |pick: fn(&crate::catalog::Plausible) -> f64, fallback: f64| {
        reading.analyte.plausible().and_then(|p| convert(pick(p), &p.unit, unit, bridges).ok()).unwrap_or(fallback)
    };
    Some(match reading.comparator {
        None => Values::point(value),
        Some(Comparator::Less) => {
            Values { lo: limit(|p| p.low, f64::NEG_INFINITY), lo_closed: true, hi: value, hi_closed: false }
        }
        Some(Comparator::LessOrEqual) => {
            Values { lo: limit(|p| p.low, f64::NEG_INFINITY), lo_closed: true, hi: value, hi_closed: true }
        }
        Some(Comparator::Greater) => {
            Values { lo: value, lo_closed: false, hi: limit(|p| p.high, f64::INFINITY), hi_closed: true }
        }
        Some(Comparator::GreaterOrEqual) => {
            Values { lo: value, lo_closed: true, hi: limit(|p| p.high, f64::INFINITY), hi_closed: true }
        }
    })
}

/// The range and critical limits in one unit.
fn scale(analyte: &Analyte, chosen: Option<&Chosen<'_, '_>>, critical: Option<&Limits>, unit: &Unit) -> Scale {
    let to_unit = |v: f64, from: &Unit| convert_clean(v, from, unit, analyte.bridges()).ok();
    Scale {
        low: chosen.and_then(|c| c.low),
        high: chosen.and_then(|c| c.high),
        critical_low: critical.and_then(|l| l.low.and_then(|v| to_unit(v, &l.unit))),
        critical_high: critical.and_then(|l| l.high.and_then(|v| to_unit(v, &l.unit))),
        critical_inclusive: critical.is_some_and(|l| l.inclusive),
    }
}

fn in_target(analyte: &Analyte, value: f64, from: &Unit, target: &Unit) -> Option<f64> {
    convert_clean(value, from, target, analyte.bridges()).ok()
}

fn applied_range<'c>(analyte: &Analyte, chosen: &Chosen<'_, 'c>, target: &'c Unit) -> AppliedRange<'c> {
    AppliedRange {
        low: chosen.low.and_then(|b| in_target(analyte, b.value, chosen.unit, target)),
        low_inclusive: chosen.low.is_some_and(|b| b.inclusive),
        high: chosen.high.and_then(|b| in_target(analyte, b.value, chosen.unit, target)),
        high_inclusive: chosen.high.is_some_and(|b| b.inclusive),
        unit: std::borrow::Cow::Borrowed(target.ucum()),
        text: chosen.text.cloned(),
        origin: chosen.origin,
        source: chosen.limits.map(|l| &*l.source),
        sex: chosen.limits.map(|l| l.sex),
        age: chosen.limits.map(|l| l.age),
    }
}

fn applied_critical<'c>(
    analyte: &Analyte,
    limits: &'c Limits,
    origin: RangeOrigin,
    target: &'c Unit,
) -> AppliedCritical<'c> {
    AppliedCritical {
        low: limits.low.and_then(|v| in_target(analyte, v, &limits.unit, target)),
        high: limits.high.and_then(|v| in_target(analyte, v, &limits.unit, target)),
        unit: target.ucum(),
        origin,
        source: &limits.source,
    }
}
