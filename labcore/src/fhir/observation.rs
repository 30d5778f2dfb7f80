//! One result, or one derived value, as a FHIR Observation.

use super::model::{CodeableConcept, Coding, Observation, Quantity, Range, Reference, ReferenceRange};
use super::{LOINC_SYSTEM, UCUM_SYSTEM};
use crate::catalog::{AgeBand, AgeLimit, AgeUnit, Catalog, SexFilter};
use crate::derive::DerivedValue;
use crate::flags::{Flag, INTERPRETATION_SYSTEM};
use crate::report::{AppliedRange, NormalizedResult, RangeOrigin};
use crate::{Comparator, LoincCode, ResultStatus, TextKind};

/// What every observation of a report shares.
pub(super) struct Frame {
    pub(super) status: &'static str,
    pub(super) subject: Option<Reference>,
    pub(super) effective: Option<String>,
    pub(super) issued: String,
}

fn base(id: String, code: CodeableConcept, frame: &Frame) -> Observation {
    Observation {
        resource_type: "Observation",
        id,
        status: frame.status,
        category: vec![CodeableConcept::coded(
            "http://terminology.hl7.org/CodeSystem/observation-category",
            "laboratory",
            Some("Laboratory".into()),
        )],
        code,
        subject: frame.subject.clone(),
        effective_date_time: frame.effective.clone(),
        issued: frame.issued.clone(),
        value_quantity: None,
        data_absent_reason: None,
        interpretation: Vec::new(),
        method: None,
        reference_range: Vec::new(),
        derived_from: Vec::new(),
    }
}

/// A measured result.
pub(super) fn measured(result: &NormalizedResult, catalog: &Catalog, frame: &Frame) -> Observation {
    let text = result.display.or(result.original.analyte.as_deref()).unwrap_or("Unmapped result");
    let mut observation = base(format!("result-{}", result.index), code(result.loinc, text, catalog), frame);
    // The sender's own status wins when it says more than final (a correction, a preliminary result).
    if let Some(status @ (ResultStatus::Corrected | ResultStatus::Amended | ResultStatus::Preliminary)) = result.status
    {
        observation.status = status.fhir_code();
    }
    match (result.value, result.text) {
        (Some(value), _) => {
            observation.value_quantity = Some(quantity(value, result.comparator, result.unit.as_deref()))
        }
        (None, kind) => observation.data_absent_reason = Some(absent(kind)),
    }
    observation.interpretation = result.flag.map(interpretation).into_iter().collect();
    observation.reference_range = result.range.as_ref().map(reference_range).into_iter().collect();
    observation
}

/// A derived value, linked to the results it was computed from.
pub(super) fn derived(position: usize, value: &DerivedValue, catalog: &Catalog, frame: &Frame) -> Observation {
    let mut observation = base(format!("derived-{position}"), code(value.loinc, value.display, catalog), frame);
    observation.value_quantity = Some(quantity(value.value, None, Some(value.unit)));
    observation.interpretation = value.flag.map(interpretation).into_iter().collect();
    observation.reference_range = value.range.as_ref().map(reference_range).into_iter().collect();
    let method =
        serde_json::to_value(value.method).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
    observation.method =
        Some(CodeableConcept { coding: Vec::new(), text: Some(format!("{method} ({})", value.source)) });
    observation.derived_from =
        value.inputs.iter().map(|i| Reference { reference: Some(format!("#result-{i}")), display: None }).collect();
    observation
}

fn code(loinc: Option<LoincCode>, text: &str, catalog: &Catalog) -> CodeableConcept {
    let coding = loinc.map(|code| {
        let long_name = catalog
            .find_by_loinc(code)
            .and_then(|a| a.loinc().iter().find(|t| t.code == code))
            .map(|t| t.long_name.clone());
        Coding { system: LOINC_SYSTEM, code: code.to_string(), display: long_name }
    });
    CodeableConcept { coding: coding.into_iter().collect(), text: Some(text.to_owned()) }
}

fn quantity(value: f64, comparator: Option<Comparator>, unit: Option<&str>) -> Quantity {
    Quantity {
        value,
        comparator: comparator.map(Comparator::symbol),
        unit: unit.map(str::to_owned),
        system: unit.map(|_| UCUM_SYSTEM),
        code: unit.map(str::to_owned),
    }
}

/// `dataAbsentReason` for a value that is not a number.
fn absent(kind: Option<TextKind>) -> CodeableConcept {
    let code = match kind {
        Some(TextKind::Masked) => "masked",
        Some(TextKind::Text) => "not-a-number",
        Some(TextKind::Ambiguous | TextKind::OutOfRange) => "error",
        Some(TextKind::Empty) | None => "unknown",
    };
    CodeableConcept::coded("http://terminology.hl7.org/CodeSystem/data-absent-reason", code, None)
}

fn interpretation(flag: Flag) -> CodeableConcept {
    CodeableConcept::coded(INTERPRETATION_SYSTEM, flag.code(), Some(flag.display().to_owned()))
}

fn reference_range(range: &AppliedRange) -> ReferenceRange {
    // An unmapped result without a unit has a unitless range: no unit is rendered (FHIR forbids empty strings).
    let unit = (!range.unit.is_empty()).then_some(&*range.unit);
    let bound = |v: Option<f64>| v.map(|v| quantity(v, None, unit));
    let origin = match range.origin {
        RangeOrigin::Payload => {
            range.text.as_ref().map_or_else(|| "as sent by the laboratory".to_owned(), |t| t.to_string())
        }
        RangeOrigin::LabCatalog => "laboratory-specific reference interval".to_owned(),
        RangeOrigin::Default => "labcore default reference interval".to_owned(),
    };
    let open_end = (range.low.is_some() && !range.low_inclusive) || (range.high.is_some() && !range.high_inclusive);
    let text = if open_end { format!("{origin} (limits excluded)") } else { origin };
    ReferenceRange {
        low: bound(range.low),
        high: bound(range.high),
        kind: Some(CodeableConcept::coded(
            "http://terminology.hl7.org/CodeSystem/referencerange-meaning",
            "normal",
            Some("Normal Range".into()),
        )),
        applies_to: range.sex.and_then(sex_concept).into_iter().collect(),
        age: range.age.as_ref().and_then(age_range),
        text: Some(text),
    }
}

fn sex_concept(sex: SexFilter) -> Option<CodeableConcept> {
    let code = match sex {
        SexFilter::Female => "female",
        SexFilter::Male => "male",
        SexFilter::Any => return None,
    };
    Some(CodeableConcept::coded("http://hl7.org/fhir/administrative-gender", code, None))
}

fn age_range(band: &AgeBand) -> Option<Range> {
    if band.is_unbounded() {
        return None;
    }
    let limit = |l: AgeLimit| {
        let code = match l.unit {
            AgeUnit::Days => "d",
            AgeUnit::Weeks => "wk",
            AgeUnit::Months => "mo",
            AgeUnit::Years => "a",
        };
        quantity(f64::from(l.value), None, Some(code))
    };
    Some(Range { low: band.from.map(limit), high: band.to.map(limit) })
}
