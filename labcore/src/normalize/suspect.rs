//! Likely unit mix-ups (issue 14, class 12): potassium 4.1 "mg/dL" is 1.05 mmol/L, a critical low, yet 4.1 mmol/L
//! is an ordinary potassium; a person sees at once that the sender meant mmol/L.
//!
//! **The rule.** A measured value (not a bound) that is implausible, or beyond a critical limit, in the unit it was
//! sent in is read again in each of the analyte's other usual units: its `accepted_units` and its conventional and
//! SI units, each connected to the unit sent by a sourced conversion (mass ↔ substance through the molar mass,
//! g/dL ↔ g/L, counts per µL ↔ per L). Nothing is listed per analyte: the swaps are those the catalog's units
//! allow. Units that differ by no factor (mmol/L and meq/L of a univalent ion, 10*3/uL and 10*9/L) give one
//! reading, and one equal to the unit sent gives none. When exactly one reading is *ordinary*, its unit is the
//! likely one. Ordinary means plausible, not beyond a critical limit, and inside the reference interval that
//! applies to the patient (the laboratory's, else labcore's); when none does for want of the patient's sex or age,
//! inside the span of all the analyte's intervals. Inside an interval, not merely "not critical": most numbers
//! read ten times smaller or larger are not critical either, and only a value a healthy person has is evidence
//! enough for a guess. Two ordinary readings are evidence for neither.
//!
//! **What is done.** The value is kept as sent (converted from the unit sent, as always) and flagged as sent:
//! a critical flag stays, with its `critical_value`, because the guess may be wrong — glucose 1.1 mmol/L is a
//! dangerous low and also an ordinary 1.1 g/L, and a suppressed critical is the one error nobody looks for. The
//! `unit_suspected` warning, naming the unit sent and the likely one, holds the report for a person, who makes
//! the call either way (the platform routes held critical results to a reviewer, not to the patient). The result
//! feeds no derived value, delta check or sum (as an implausible one does not): which number is right is not
//! known.

use std::borrow::Cow;

use super::quantity::Measured;
use crate::catalog::Analyte;
use crate::finding::Findings;
use crate::flags::{self, Flag, Judge, Reading};
use crate::report::RangeStatus;
use crate::units::{Unit, convert};
use crate::{FindingCode, JsonPointer};

/// Why a value is suspicious in the unit sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Alarm {
    /// Outside the plausibility limits.
    Implausible,
    /// Beyond a critical limit.
    Critical,
}

/// The unit the sender likely meant for a value that is `alarm` in the unit `sent`: the one unit of the analyte's
/// usual units in which the number is ordinary, when there is exactly one. `None` for a bound.
pub(super) fn likely_unit<'c>(m: &Measured<'_, 'c>, sent: &Unit, judge: &Judge<'c>) -> Option<&'c Unit> {
    if m.comparator.is_some() {
        return None;
    }
    let usual = usual_units(m.analyte).map(Cow::Borrowed);
    match only_ordinary_unit(judge, m.analyte, m.value, Some(sent), usual)? {
        Cow::Borrowed(unit) => Some(unit),
        Cow::Owned(_) => None,
    }
}

/// An analyte's usual units: its accepted units, then its conventional and SI units.
pub(super) fn usual_units(analyte: &Analyte) -> impl Iterator<Item = &Unit> {
    analyte.accepted_units().iter().chain([analyte.canonical_unit(), analyte.si_unit()])
}

/// The one unit among `candidates` in which `value` is [`ordinary`], when there is exactly one. Units that
/// differ by no factor count once, and those with the factor of `excluded` (the unit sent) not at all.
pub(super) fn only_ordinary_unit<'u>(
    judge: &Judge<'_>,
    analyte: &Analyte,
    value: f64,
    excluded: Option<&Unit>,
    candidates: impl Iterator<Item = Cow<'u, Unit>>,
) -> Option<Cow<'u, Unit>> {
    let factor = |unit: &Unit| {
        convert(1.0, unit, analyte.canonical_unit(), analyte.bridges()).ok().filter(|f| f.is_finite() && *f > 0.0)
    };
    let same = |a: f64, b: f64| (a - b).abs() <= 1e-9 * a.max(b);
    // At most a handful of units per analyte: a vector scanned linearly.
    let mut seen = match excluded {
        Some(unit) => vec![factor(unit)?],
        None => Vec::new(),
    };
    let mut found = None;
    for unit in candidates {
        let Some(f) = factor(&unit) else { continue };
        if seen.iter().any(|s| same(*s, f)) {
            continue;
        }
        seen.push(f);
        if ordinary(judge, analyte, value, &unit) {
            if found.is_some() {
                return None;
            }
            found = Some(unit);
        }
    }
    found
}

/// Whether `value` in `unit` is what a healthy patient has: plausible, not critical, inside the interval that
/// applies (or, without the sex or age to choose one, inside the span of the analyte's intervals).
fn ordinary(judge: &Judge<'_>, analyte: &Analyte, value: f64, unit: &Unit) -> bool {
    if super::quantity::within_plausible(analyte, value, unit) == Some(false) {
        return false;
    }
    let reading = Reading { analyte, value, comparator: None, unit, vendor: None, path: JsonPointer::root() };
    // Flagging a number in a unit it was not sent in: its findings are not the payload's.
    let mut scratch = Findings::default();
    let evaluation = flags::evaluate(judge, &reading, analyte.canonical_unit(), &mut scratch);
    match evaluation.status {
        RangeStatus::Applied => evaluation.flag == Some(Flag::Normal),
        RangeStatus::NeedsDemographics => {
            let in_canonical = convert(value, unit, analyte.canonical_unit(), analyte.bridges()).ok();
            let span = flags::interval_span(judge.catalog, judge.lab, analyte);
            !evaluation.flag.is_some_and(Flag::is_critical)
                && in_canonical.zip(span).is_some_and(|(v, (low, high))| v >= low && v <= high)
        }
        RangeStatus::NoApplicableRange | RangeStatus::NotEvaluated => false,
    }
}

/// The `unit_suspected` finding: the unit sent and the likely one, never the value.
pub(super) fn report(m: &Measured<'_, '_>, sent: &Unit, likely: &Unit, alarm: Alarm, findings: &mut Findings) {
    let why = match alarm {
        Alarm::Implausible => "impossible",
        Alarm::Critical => "beyond a critical limit",
    };
    let message = format!(
        "the value is {why} for {} in the unit sent ({}) but ordinary in {}: the sender likely meant {}; the value \
         is kept as sent and not flagged, for a person to confirm the unit",
        m.analyte.display(),
        sent.ucum(),
        likely.ucum(),
        likely.ucum()
    );
    findings.push(FindingCode::UnitSuspected, m.path.key("unit"), message);
}
