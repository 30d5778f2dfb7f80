//! Normalising a numeric value of a mapped analyte: unit choice, conversion, plausibility.

use std::borrow::Cow;

use super::suspect::{self, Alarm};
use super::{Setting, is_dimensionless};
use crate::catalog::{Analyte, same_unit};
use crate::finding::Findings;
use crate::flags::{self, Evaluation, Flag, Reading};
use crate::payload::VendorRange;
use crate::report::NormalizedResult;
use crate::units::{QuantityKind, Unit, UnitReading, convert};
use crate::value::Comparator;
use crate::{FindingCode, JsonPointer, LoincCode};

/// A numeric value of a mapped analyte, with where it sits in the payload.
pub(crate) struct Measured<'a, 'c> {
    pub(crate) analyte: &'c Analyte,
    pub(crate) value: f64,
    pub(crate) comparator: Option<Comparator>,
    pub(crate) code: Option<LoincCode>,
    pub(crate) unit_sent: bool,
    pub(crate) vendor: Option<&'a VendorRange>,
    pub(crate) path: JsonPointer,
}

/// Converts the value to the analyte's unit in the chosen system and checks it is plausible.
pub(crate) fn normalize_number<'c>(
    m: &Measured<'_, 'c>,
    reading: Option<&UnitReading>,
    setting: &Setting<'c>,
    result: &mut NormalizedResult<'c>,
    findings: &mut Findings,
) {
    let analyte = m.analyte;
    let target = setting.unit_system.unit_of(analyte);
    let target_kind = target.kind().unwrap_or(analyte.kind().quantity_kind());
    let reported = analyte.loinc_for(target_kind, blood(setting, analyte, m.code), m.code).map(|t| t.code);
    result.loinc = keep_sent_code(m, reported, target, findings);
    let Some(unit) = choose_unit(m, reading, setting, findings) else { return };
    check_loinc_property(m, &unit, findings);
    match convert(m.value, &unit, target, analyte.bridges()) {
        Ok(value) => {
            result.converted = !same_unit(&unit, target);
            // A value that was not converted is the reported number itself; a converted one loses float noise.
            result.value = Some(if result.converted { tidy(value) } else { m.value });
            result.unit = Some(Cow::Borrowed(target.ucum()));
        }
        Err(_) => {
            let message = format!("no sourced conversion takes this unit to {}", target.ucum());
            findings.push(FindingCode::UnitIncompatible, m.path.key("unit"), message);
            return;
        }
    }
    result.plausible = check_plausible(m, &unit, findings);
    if !setting.patient {
        return; // QC material or test data: a patient's ranges and critical limits say nothing about it
    }
    let evaluation = (result.plausible != Some(false)).then(|| evaluate(m, &unit, target, setting, findings));
    let alarm = match &evaluation {
        None => Some(Alarm::Implausible),
        Some(e) if e.flag.is_some_and(Flag::is_critical) => Some(Alarm::Critical),
        Some(_) => None,
    };
    if let Some(alarm) = alarm
        && let Some(likely) = suspect::likely_unit(m, &unit, &setting.judge)
    {
        // Held for a person and kept out of derived values, deltas and sums; a critical flag from the unit sent
        // stays (see `suspect` for why).
        suspect::report(m, &unit, likely, alarm, findings);
        result.unit_suspected = true;
    }
    if let Some(evaluation) = evaluation {
        apply(m, evaluation, result, findings);
    }
}

/// Compares the value with its reference range and critical limits.
fn evaluate<'c>(
    m: &Measured<'_, 'c>,
    unit: &Unit,
    target: &'c Unit,
    setting: &Setting<'c>,
    findings: &mut Findings,
) -> Evaluation<'c> {
    let vendor = super::bounds::align(m.vendor, m.analyte, unit, setting.catalog, m.path, findings);
    let vendor = vendor.as_deref();
    let reading = Reading { analyte: m.analyte, value: m.value, comparator: m.comparator, unit, vendor, path: m.path };
    flags::evaluate(&setting.judge, &reading, target, findings)
}

/// Gives the result its flag, range and critical limits, with the findings they call for.
fn apply<'c>(
    m: &Measured<'_, 'c>,
    evaluation: Evaluation<'c>,
    result: &mut NormalizedResult<'c>,
    findings: &mut Findings,
) {
    if evaluation.flag.is_some_and(Flag::is_critical) {
        let message = format!("{} is beyond its critical limit: a person must be told now", m.analyte.display());
        findings.push(FindingCode::CriticalValue, m.path.key("value"), message);
    }
    if evaluation.status == crate::report::RangeStatus::NoApplicableRange {
        // A fixed message (no allocation): an analyte without intervals may be reported thousands of times.
        let message =
            "no reference range applies to this result for this patient, and none was sent: not flagged L, N or H";
        findings.push(FindingCode::RangeUnavailable, m.path, message);
    }
    result.flag = evaluation.flag;
    result.range_status = evaluation.status;
    result.range = evaluation.range;
    result.critical = evaluation.critical;
}

/// Whether the result is from whole blood: the system of the LOINC code sent, else the payload's specimen.
fn blood(setting: &Setting<'_>, analyte: &Analyte, code: Option<LoincCode>) -> Option<bool> {
    code.and_then(|c| analyte.loinc().iter().find(|t| t.code == c)).map(|t| t.is_blood()).or(setting.blood)
}

/// The reading of the unit that can express the analyte, reinterpreted where a sourced rule says so.
fn choose_unit<'r>(
    m: &Measured<'_, 'r>,
    reading: Option<&'r UnitReading>,
    setting: &Setting<'r>,
    findings: &mut Findings,
) -> Option<Cow<'r, Unit>> {
    let analyte = m.analyte;
    let path = m.path.key("unit");
    let Some(reading) = reading else {
        if !m.unit_sent {
            let unity = setting.catalog.units().parse_ucum("1").ok();
            if let Some(unit) = super::missing_unit::infer(m, unity, &setting.judge, findings) {
                return Some(unit);
            }
        }
        if is_dimensionless(analyte) {
            return setting.catalog.units().parse_ucum("1").ok().map(Cow::Owned);
        }
        if !m.unit_sent {
            let message = format!("`unit` is required for a numeric {} value", analyte.display());
            findings.push(FindingCode::MissingField, path, message);
        }
        return None;
    };
    let Some(unit) = reading.candidates().find(|u| u.kind().is_some_and(|k| analyte.accepts(k))) else {
        let kind = reading.best().kind().map_or("no known kind", QuantityKind::as_str);
        let message = format!(
            "the unit expresses {kind}, which cannot express {} ({})",
            analyte.display(),
            analyte.kind().as_str()
        );
        findings.push(FindingCode::UnitIncompatible, path, message);
        return None;
    };
    if reading.was_rewritten() {
        findings.push(FindingCode::UnitNormalized, path, "unit spelling rewritten to UCUM");
    }
    let unit = reinterpret(analyte, unit, setting, path, findings)?;
    if !analyte.accepted_units().iter().any(|a| same_unit(a, &unit)) {
        let message = format!("the unit is compatible but unusual for {}; the value was converted", analyte.display());
        findings.push(FindingCode::UnitUnusual, path, message);
    }
    Some(unit)
}

/// `IU/L` for an enzyme is the enzyme unit; `mU/L` for TSH is milli-international units.
fn reinterpret<'r>(
    analyte: &Analyte,
    unit: &'r Unit,
    setting: &Setting<'r>,
    path: JsonPointer,
    findings: &mut Findings,
) -> Option<Cow<'r, Unit>> {
    let (own, sent) = (analyte.kind().quantity_kind(), unit.kind());
    let (to_enzyme, message) = match (own, sent) {
        (QuantityKind::CatalyticConcentration, Some(QuantityKind::ArbitraryConcentration)) => {
            (true, "international units read as enzyme units (1 IU = 1 umol/min, IUB 1961) for an enzyme activity")
        }
        (QuantityKind::ArbitraryConcentration, Some(QuantityKind::CatalyticConcentration)) => {
            (false, "enzyme unit U read as international unit [IU] for an immunoassay calibrated to a WHO standard")
        }
        _ => return Some(Cow::Borrowed(unit)),
    };
    let swapped = setting.catalog.swap_international(unit, to_enzyme);
    let swapped = swapped?;
    findings.push(FindingCode::UnitNormalized, path, message);
    Some(swapped)
}

/// Warns when the unit's kind contradicts the property of the LOINC code sent (mmol/L with a mass code).
/// The code to report: the sender's (a term of this analyte, or the result would not be matched to it), never
/// replaced; when the unit system puts the value in another property than the code's (15074-8, glucose in
/// mmol/L, reported in mg/dL), an info finding names the term of the reported property.
fn keep_sent_code(
    m: &Measured<'_, '_>,
    reported: Option<LoincCode>,
    target: &Unit,
    findings: &mut Findings,
) -> Option<LoincCode> {
    let Some(sent) = m.code else { return reported };
    if let Some(twin) = reported.filter(|r| *r != sent) {
        let message = format!(
            "the value is reported in {} as the unit system asks; the sender's LOINC {sent} is kept (a sender's code \
             is never replaced), though the term for the reported property is {twin}",
            target.ucum()
        );
        let finding = crate::Finding::new(FindingCode::UnitLoincMismatch, m.path.key("loinc"), message)
            .with_severity(crate::Severity::Info);
        findings.push_finding(finding);
    }
    Some(sent)
}

fn check_loinc_property(m: &Measured<'_, '_>, unit: &Unit, findings: &mut Findings) {
    let Some(term) = m.code.and_then(|c| m.analyte.loinc().iter().find(|t| t.code == c)) else { return };
    let (Some(expected), Some(sent)) = (term.quantity_kind(), unit.kind()) else { return };
    let equivalent = matches!(
        (expected, sent),
        (QuantityKind::SubstanceConcentration, QuantityKind::EquivalentConcentration)
            | (QuantityKind::CatalyticConcentration, QuantityKind::ArbitraryConcentration)
            | (QuantityKind::ArbitraryConcentration, QuantityKind::CatalyticConcentration)
    );
    if expected != sent && !equivalent {
        let message = format!(
            "the unit expresses {} but LOINC {} has property {} ({}); the unit was trusted",
            sent.as_str(),
            term.code,
            term.property,
            expected.as_str()
        );
        findings.push(FindingCode::UnitLoincMismatch, m.path.key("unit"), message);
    }
}

/// Whether `value` in `unit` is inside the analyte's plausibility limits; `None` when it has none (or the
/// limits cannot be converted to the unit).
pub(super) fn within_plausible(analyte: &Analyte, value: f64, unit: &Unit) -> Option<bool> {
    let limits = analyte.plausible()?;
    let value = convert(value, unit, &limits.unit, analyte.bridges()).ok()?;
    Some(value >= limits.low && value <= limits.high)
}

/// Checks the value against the analyte's plausibility limits; `None` when the analyte has none.
fn check_plausible(m: &Measured<'_, '_>, unit: &Unit, findings: &mut Findings) -> Option<bool> {
    let plausible = within_plausible(m.analyte, m.value, unit)?;
    let limits = m.analyte.plausible()?;
    if !plausible {
        let message = format!(
            "the value is outside what is possible for {} ({} to {} {}); check the unit",
            m.analyte.display(),
            limits.low,
            limits.high,
            limits.unit.ucum()
        );
        findings.push(FindingCode::ImplausibleValue, m.path.key("value"), message);
    }
    Some(plausible)
}

/// Rounds away float noise from conversions (5.550700000000001 → 5.5507) by keeping 12 significant digits.
pub(crate) fn tidy(value: f64) -> f64 {
    if value == 0.0 || !value.is_finite() {
        return if value == 0.0 { 0.0 } else { value };
    }
    // floor(log10) is at most 308 in magnitude, so the cast cannot truncate.
    #[allow(clippy::cast_possible_truncation)]
    let magnitude = value.abs().log10().floor() as i32;
    let scale = 10f64.powi(11 - magnitude);
    let rounded = (value * scale).round() / scale;
    if rounded.is_finite() { rounded } else { value }
}

#[cfg(test)]
mod tests {
    use super::tidy;

    #[test]
    fn tidy_keeps_twelve_digits() {
        assert_eq!(tidy(5.550_700_000_000_001), 5.5507);
        assert_eq!(tidy(-0.0).to_bits(), 0.0f64.to_bits());
        assert_eq!(tidy(88.402_000_000_000_01), 88.402);
    }
}
