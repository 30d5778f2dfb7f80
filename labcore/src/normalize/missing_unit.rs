//! A numeric result sent without a unit (issue 14, class 2): a hematocrit of `0.405` is a fraction, an RDW of
//! `0.133` too. When exactly one of the analyte's usual units (its accepted units, its conventional and SI units,
//! and for a dimensionless analyte the unit `1`) makes the number *ordinary* — plausible, not critical, and inside
//! the reference interval that applies to the patient (or the span of the analyte's intervals), the test the
//! unit-mix-up rule uses (see `suspect`) — the value is read in that unit, with a `unit_inferred` warning that
//! names it and holds the report for a person. Units that differ by no factor count once. Plausibility alone
//! would not do: 0.405 % is a possible hematocrit. When no unit or several make the number ordinary (an abnormal
//! hematocrit of 0.30), nothing is guessed: the missing unit stays the error it was. A bound (`<0.5`) is never read
//! so.
//!
//! Only dimensionless analytes (fractions, percentages, ratios) are read so: their usual units differ by a power
//! of ten that the magnitude tells apart, and analyzers do export them as bare fractions. A concentration without a
//! unit may be in any of several unit systems, and the sender may have sent a unit under a misspelt key (`unti`):
//! there a guess would be a silent factor error, so the missing unit stays an error.
//!
//! A ratio whose conventional unit is `1` itself (the albumin/globulin ratio) has no unit to infer: it is read in
//! `1` as before, without a finding.

use std::borrow::Cow;

use super::quantity::Measured;
use crate::catalog::Analyte;
use crate::finding::Findings;
use crate::flags::Judge;
use crate::units::{Unit, convert};
use crate::{Finding, FindingCode};

/// The unit a unit-less value must be in, with its finding; `None` when it cannot be told.
pub(super) fn infer<'r>(
    m: &Measured<'_, 'r>,
    unity: Option<Unit>,
    judge: &Judge<'_>,
    findings: &mut Findings,
) -> Option<Cow<'r, Unit>> {
    if m.comparator.is_some() {
        return None;
    }
    let analyte = m.analyte;
    if analyte.canonical_unit().kind() != Some(crate::units::QuantityKind::Fraction) {
        return None;
    }
    let factor = |unit: &Unit| {
        convert(1.0, unit, analyte.canonical_unit(), analyte.bridges()).ok().filter(|f| f.is_finite() && *f > 0.0)
    };
    let same = |a: f64, b: f64| (a - b).abs() <= 1e-9 * a.max(b);
    let dimensionless = super::is_dimensionless(analyte);
    let usual = analyte.accepted_units().iter().chain([analyte.canonical_unit(), analyte.si_unit()]);
    let candidates = usual.map(Cow::Borrowed).chain(unity.filter(|_| dimensionless).map(Cow::Owned));
    let mut seen: Vec<f64> = Vec::new();
    let mut possible: Option<Cow<'r, Unit>> = None;
    for unit in candidates {
        let Some(f) = factor(&unit) else { continue };
        if seen.iter().any(|s| same(*s, f)) {
            continue;
        }
        seen.push(f);
        if super::suspect::ordinary(judge, analyte, m.value, &unit) {
            if possible.is_some() {
                return None;
            }
            possible = Some(unit);
        }
    }
    let unit = possible?;
    if !(dimensionless && factor(&unit).is_some_and(|f| same(f, 1.0)) && is_unity(analyte)) {
        report(analyte, &unit, m, findings);
    }
    Some(unit)
}

/// Whether the analyte's conventional unit is `1` itself (a plain ratio).
fn is_unity(analyte: &Analyte) -> bool {
    let unit = analyte.canonical_unit();
    unit.ucum() == "1"
}

fn report(analyte: &Analyte, unit: &Unit, m: &Measured<'_, '_>, findings: &mut Findings) {
    let message = format!(
        "`unit` is missing; the value was read in `{}`, the only usual unit of {} in which it is an ordinary value: \
         confirm it",
        unit.ucum(),
        analyte.display()
    );
    findings.push_finding(Finding::new(FindingCode::UnitInferred, m.path.key("unit"), message));
}
