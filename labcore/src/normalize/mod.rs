//! Normalising one result: match the analyte, understand the unit, convert the value, check plausibility.

mod checks;
mod quantity;
mod resolve;

pub(crate) use checks::{check_duplicates, check_panel};

use std::borrow::Cow;

use crate::catalog::{Analyte, Catalog};
use crate::finding::Findings;
use crate::payload::ResultInput;
use crate::report::{Mapping, NormalizedResult, Original, OriginalRange, UnitSystem};
use crate::units::{UnitError, UnitReading};
use crate::{FindingCode, JsonPointer, ReportedValue};

/// What normalisation needs besides the result.
pub(crate) struct Setting<'c> {
    pub(crate) catalog: &'c Catalog,
    pub(crate) unit_system: UnitSystem,
    /// Whether the payload says the specimen is whole blood.
    pub(crate) blood: Option<bool>,
}

/// Normalises one result, pushing its findings; also returns the analyte it was matched to.
pub(crate) fn normalize<'c>(
    input: &ResultInput,
    setting: &Setting<'c>,
    findings: &mut Findings,
) -> (NormalizedResult, Option<&'c Analyte>) {
    let path = JsonPointer::root().key("results").index(input.index);
    let code = resolve::read_code(input.loinc.as_deref(), path, findings);
    let reading = read_unit(setting.catalog, input, path, findings);
    let resolved =
        resolve::resolve(setting.catalog, input.analyte.as_deref(), code, reading.as_deref(), path, findings);
    let mut result = NormalizedResult {
        index: input.index,
        mapping: resolved.mapping,
        analyte: resolved.analyte.map(|a| a.id.clone()),
        display: resolved.analyte.map(|a| a.display.clone()),
        loinc: None,
        value: None,
        comparator: None,
        unit: None,
        significant_digits: None,
        converted: false,
        text: None,
        plausible: None,
        original: original(input),
    };
    match (&input.value, resolved.analyte) {
        (Some(ReportedValue::Text { kind, .. }), analyte) => {
            result.text = Some(*kind);
            result.loinc =
                analyte.and_then(|a| a.loinc_for(a.kind().quantity_kind(), setting.blood, code)).map(|t| t.code);
        }
        (Some(ReportedValue::Number { comparator, number, .. }), Some(analyte)) => {
            result.comparator = *comparator;
            result.significant_digits = Some(number.significant_digits());
            let unit_sent = input.unit.is_some();
            let context = quantity::Measured { analyte, value: number.value(), code, unit_sent, path };
            quantity::normalize_number(&context, reading.as_deref(), setting, &mut result, findings);
        }
        (Some(ReportedValue::Number { comparator, number, .. }), None) => {
            result.comparator = *comparator;
            result.significant_digits = Some(number.significant_digits());
            result.value = Some(number.value());
            result.unit = reading.as_ref().map(|r| r.best().ucum_shared());
        }
        (None, analyte) => {
            result.loinc =
                analyte.and_then(|a| a.loinc_for(a.kind().quantity_kind(), setting.blood, code)).map(|t| t.code);
        }
    }
    if result.mapping == Mapping::Unmapped {
        result.loinc = code;
    }
    (result, resolved.analyte)
}

/// Reads the unit sent; an unknown unit is a finding, an empty one counts as absent.
fn read_unit<'c>(
    catalog: &'c Catalog,
    input: &ResultInput,
    path: JsonPointer,
    findings: &mut Findings,
) -> Option<Cow<'c, UnitReading>> {
    match catalog.read_unit(input.unit.as_deref()?) {
        Ok(reading) => Some(reading),
        Err(UnitError::Empty) => None,
        Err(_) => {
            let message = "`unit` is neither UCUM nor a vendor spelling labcore knows";
            findings.push(FindingCode::UnitUnknown, path.key("unit"), message);
            None
        }
    }
}

fn original(input: &ResultInput) -> Original {
    let value = match &input.value {
        Some(ReportedValue::Number { number, .. }) => Some(number.text_shared()),
        _ => None,
    };
    let bound = |v: &Option<ReportedValue>| match v {
        Some(ReportedValue::Number { comparator, number, .. }) => {
            Some(format!("{}{}", comparator.map(|c| c.symbol()).unwrap_or_default(), number.text()))
        }
        _ => None,
    };
    Original {
        analyte: input.analyte.clone(),
        loinc: input.loinc.clone(),
        value,
        unit: input.unit.clone(),
        reference_range: input.reference_range.as_ref().map(|r| OriginalRange {
            text: r.text.clone(),
            low: bound(&r.low),
            high: bound(&r.high),
        }),
        flag: input.flag.clone(),
    }
}

/// Whether the analyte is dimensionless, so that a missing unit means "1".
pub(crate) fn is_dimensionless(analyte: &Analyte) -> bool {
    analyte.kind() == crate::catalog::AnalyteKind::Ratio
}
