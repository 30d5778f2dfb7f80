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
use super::suspect;
use crate::catalog::Analyte;
use crate::catalog::same_unit;
use crate::finding::Findings;
use crate::flags::Judge;
use crate::units::Unit;
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
    let dimensionless = super::is_dimensionless(analyte);
    let usual = suspect::usual_units(analyte).map(Cow::Borrowed);
    let candidates = usual.chain(unity.filter(|_| dimensionless).map(Cow::Owned));
    let unit = suspect::only_ordinary_unit(judge, analyte, m.value, None, candidates)?;
    // A plain ratio (conventional unit `1` itself) read in `1` had no unit to infer.
    let plain_ratio =
        dimensionless && analyte.canonical_unit().ucum() == "1" && same_unit(&unit, analyte.canonical_unit());
    if !plain_ratio {
        report(analyte, &unit, m, findings);
    }
    Some(unit)
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
