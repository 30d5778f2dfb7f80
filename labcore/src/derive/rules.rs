//! Which derived values labcore computes, from which inputs, and with which guardrails.

use super::equations::{self, round_to};
use super::inputs::{Input, Inputs, Unusable};
use super::{DerivedValue, Method};
use crate::catalog::{Age, Analyte};
use crate::finding::Findings;
use crate::flags::{self, Flag, Judge, Reading};
use crate::report::UnitSystem;
use crate::units::convert;
use crate::{FindingCode, JsonPointer, Sex};

/// Why a derivation did not produce a value.
enum Refusal {
    /// An input is missing (a finding says which) or the patient lacks what the method needs.
    Skip(&'static str),
    /// The method's guardrail refuses these inputs.
    Refuse(&'static str),
}

/// An equation: inputs in slot order (canonical units), the patient's sex and age → the value, or a refusal.
type Equation = fn(&[f64], Option<Sex>, Option<&Age>) -> Result<f64, Refusal>;

/// One derivation: its method, output analyte, inputs (each slot lists the analytes that can fill it), the
/// decimals it is reported with in conventional and in SI units, and the equation.
struct Rule {
    method: Method,
    output: &'static str,
    inputs: &'static [&'static [&'static str]],
    decimals: i32,
    /// As laboratories report the SI unit: lipids and calcium in mmol/L to two decimals, globulin in whole g/L.
    si_decimals: i32,
    compute: Equation,
}

const LIPIDS: &[&[&str]] = &[&["cholesterol_total"], &["hdl_cholesterol"], &["triglycerides"]];

const RULES: &[Rule] = &[
    Rule {
        method: Method::CkdEpi2021,
        output: "egfr",
        inputs: &[&["creatinine"]],
        decimals: 0,
        si_decimals: 0,
        compute: egfr,
    },
    Rule {
        method: Method::Friedewald,
        output: "ldl_cholesterol_calculated",
        inputs: LIPIDS,
        decimals: 0,
        si_decimals: 2,
        compute: friedewald,
    },
    Rule {
        method: Method::SampsonNih,
        output: "ldl_cholesterol_calculated",
        inputs: LIPIDS,
        decimals: 0,
        si_decimals: 2,
        compute: sampson,
    },
    Rule {
        method: Method::NonHdl,
        output: "non_hdl_cholesterol",
        inputs: &[&["cholesterol_total"], &["hdl_cholesterol"]],
        decimals: 0,
        si_decimals: 2,
        compute: |v, _, _| positive(equations::non_hdl(at(v, 0), at(v, 1))),
    },
    Rule {
        method: Method::AnionGap,
        output: "anion_gap",
        inputs: &[&["sodium"], &["chloride"], &["bicarbonate", "co2_total"]],
        decimals: 0,
        si_decimals: 0,
        compute: |v, _, _| Ok(equations::anion_gap(at(v, 0), at(v, 1), at(v, 2))),
    },
    Rule {
        method: Method::CorrectedCalcium,
        output: "calcium_corrected",
        inputs: &[&["calcium"], &["albumin"]],
        decimals: 1,
        si_decimals: 2,
        compute: |v, _, _| positive(equations::corrected_calcium(at(v, 0), at(v, 1))),
    },
    Rule {
        method: Method::Globulin,
        output: "globulin",
        inputs: &[&["total_protein"], &["albumin"]],
        decimals: 1,
        si_decimals: 0,
        compute: |v, _, _| positive(equations::globulin(at(v, 0), at(v, 1))),
    },
    Rule {
        method: Method::AgRatio,
        output: "ag_ratio",
        inputs: &[&["albumin"], &["total_protein"]],
        decimals: 1,
        si_decimals: 1,
        compute: |v, _, _| positive(equations::globulin(at(v, 1), at(v, 0))).map(|g| equations::ag_ratio(at(v, 0), g)),
    },
    Rule {
        method: Method::BunCreatinineRatio,
        output: "bun_creatinine_ratio",
        inputs: &[&["bun"], &["creatinine"]],
        decimals: 0,
        si_decimals: 0,
        compute: |v, _, _| positive(at(v, 1)).map(|c| equations::bun_creatinine_ratio(at(v, 0), c)),
    },
];

fn at(values: &[f64], i: usize) -> f64 {
    values.get(i).copied().unwrap_or(f64::NAN)
}

fn positive(value: f64) -> Result<f64, Refusal> {
    if value > 0.0 { Ok(value) } else { Err(Refusal::Refuse("the inputs give a value that is not positive")) }
}

fn egfr(v: &[f64], sex: Option<Sex>, age: Option<&Age>) -> Result<f64, Refusal> {
    let female = match sex {
        Some(Sex::Female) => true,
        Some(Sex::Male) => false,
        _ => return Err(Refusal::Skip("CKD-EPI 2021 needs the patient's sex (female or male)")),
    };
    let age =
        age.ok_or(Refusal::Skip("CKD-EPI 2021 needs the patient's age (a birth date that gives a possible one)"))?;
    if age.years() < 18 {
        return Err(Refusal::Refuse("CKD-EPI 2021 is validated for adults only (18 years and over)"));
    }
    // Completed years fit in f64 exactly.
    #[allow(clippy::cast_precision_loss)]
    let years = age.years() as f64;
    positive(equations::ckd_epi_2021(at(v, 0), years, female))
}

fn friedewald(v: &[f64], _: Option<Sex>, _: Option<&Age>) -> Result<f64, Refusal> {
    if at(v, 2) >= equations::FRIEDEWALD_MAX_TRIGLYCERIDES {
        return Err(Refusal::Refuse("Friedewald is not valid with triglycerides of 400 mg/dL or more"));
    }
    positive(equations::friedewald(at(v, 0), at(v, 1), at(v, 2)))
}

fn sampson(v: &[f64], _: Option<Sex>, _: Option<&Age>) -> Result<f64, Refusal> {
    if at(v, 2) > equations::SAMPSON_MAX_TRIGLYCERIDES {
        return Err(Refusal::Refuse("the Sampson/NIH equation is validated up to triglycerides of 800 mg/dL"));
    }
    positive(equations::sampson_nih(at(v, 0), at(v, 1), at(v, 2)))
}

/// The catalog positions of each rule's output and input analytes, resolved once per catalog.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Plan {
    /// Per rule: the output's position and, per input slot, the positions of its alternatives.
    rules: Vec<(Option<usize>, Vec<Vec<usize>>)>,
}

/// Resolves the rules against a catalog.
pub(crate) fn plan(catalog: &crate::catalog::Catalog) -> Plan {
    let position = |id: &str| catalog.analyte(id).map(|a| a.position);
    let rules = RULES
        .iter()
        .map(|rule| {
            let slots = rule.inputs.iter().map(|alts| alts.iter().filter_map(|id| position(id)).collect()).collect();
            (position(rule.output), slots)
        })
        .collect();
    Plan { rules }
}

/// Computes every derivation whose inputs are present, reporting skipped and refused ones.
pub(crate) fn derive_all<'c>(
    inputs: &Inputs<'c>,
    judge: &Judge<'c>,
    system: UnitSystem,
    findings: &mut Findings,
) -> Vec<DerivedValue<'c>> {
    let plan = inputs.catalog().derive_plan();
    RULES
        .iter()
        .zip(&plan.rules)
        .filter_map(|(rule, (output, slots))| {
            let analyte = output.and_then(|p| inputs.catalog().analytes().get(p))?;
            derive_one(rule, analyte, slots, inputs, judge, system, findings)
        })
        .collect()
}

#[allow(clippy::too_many_arguments)] // one call site; the plan's slots travel beside the rule they resolve
fn derive_one<'c>(
    rule: &Rule,
    analyte: &'c Analyte,
    positions: &[Vec<usize>],
    inputs: &Inputs<'c>,
    judge: &Judge<'c>,
    system: UnitSystem,
    findings: &mut Findings,
) -> Option<DerivedValue<'c>> {
    let mut found: [Option<Input>; 3] = [None; 3];
    for (slot, alternatives) in found.iter_mut().zip(positions) {
        *slot = alternatives.iter().find_map(|p| inputs.at(*p));
    }
    let slots = found.get(..rule.inputs.len()).unwrap_or_default();
    let first = slots.iter().flatten().map(|i| match i {
        Input::Value { index, .. } | Input::Unusable { index, .. } => *index,
    });
    let path = JsonPointer::root().key("results").index(first.min()?);
    // On the stack until the derivation succeeds: most rules of a payload are skipped.
    let (mut values, mut indexes, mut used) = ([f64::NAN; 3], [0usize; 3], 0);
    for (slot, alternatives) in slots.iter().zip(rule.inputs) {
        match slot {
            Some(Input::Value { index, value }) => {
                if let (Some(v), Some(i)) = (values.get_mut(used), indexes.get_mut(used)) {
                    (*v, *i) = (*value, *index);
                    used += 1;
                }
            }
            Some(Input::Unusable { why, .. }) => return skip(analyte, path, unusable_reason(*why), findings),
            None => return skip(analyte, path, missing_reason(alternatives), findings),
        }
    }
    match (rule.compute)(values.get(..used).unwrap_or_default(), judge.sex, judge.age.as_ref()) {
        Ok(raw) => {
            let inputs = indexes.get(..used).unwrap_or_default().to_vec();
            Some(finish(rule, analyte, raw, inputs, judge, system, path, findings))
        }
        Err(Refusal::Skip(reason)) => skip(analyte, path, reason, findings),
        Err(Refusal::Refuse(reason)) => {
            let message = format!("{} not derived: {reason}", analyte.display());
            findings.push(FindingCode::DerivationRefused, path, message);
            None
        }
    }
}

fn skip<'c>(analyte: &Analyte, path: JsonPointer, reason: &str, findings: &mut Findings) -> Option<DerivedValue<'c>> {
    // Two rules can compute one analyte (calculated LDL-C by Friedewald and by Sampson/NIH): a missing input is
    // said once for it, not once per rule.
    let message = format!("{} not derived: {reason}", analyte.display());
    findings.push_once(crate::Finding::new(FindingCode::DerivationSkipped, path, message));
    None
}

fn unusable_reason(why: Unusable) -> &'static str {
    match why {
        Unusable::Bound => "an input is a bound (<, >), not a measurement",
        Unusable::Implausible => "an input is implausible",
        Unusable::UnitSuspected => "the unit of an input is suspected to be another than the one sent",
        Unusable::NotNumeric => "an input has no numeric value in a usable unit",
    }
}

fn missing_reason(alternatives: &[&str]) -> &'static str {
    match alternatives.first().copied() {
        Some("creatinine") => "creatinine is missing",
        Some("cholesterol_total") => "total cholesterol is missing",
        Some("hdl_cholesterol") => "HDL cholesterol is missing",
        Some("triglycerides") => "triglycerides are missing",
        Some("sodium") => "sodium is missing",
        Some("chloride") => "chloride is missing",
        Some("bicarbonate") => "bicarbonate (or total CO2) is missing",
        Some("calcium") => "calcium is missing",
        Some("albumin") => "albumin is missing",
        Some("total_protein") => "total protein is missing",
        Some("bun") => "BUN is missing",
        _ => "an input is missing",
    }
}

/// Builds the derived value in the chosen unit system, flagged against its catalog range.
#[allow(clippy::too_many_arguments)] // one call site; a struct for these would only rename them
fn finish<'c>(
    rule: &Rule,
    analyte: &'c Analyte,
    raw: f64,
    inputs: Vec<usize>,
    judge: &Judge<'c>,
    system: UnitSystem,
    path: JsonPointer,
    findings: &mut Findings,
) -> DerivedValue<'c> {
    let canonical = analyte.canonical_unit();
    let target = if system == UnitSystem::Si { analyte.si_unit() } else { canonical };
    let raw = equations::without_conversion_noise(raw);
    let conventional = round_to(raw, rule.decimals);
    // The SI value is rounded from the unrounded result, not from the rounded conventional one.
    let value = if std::ptr::eq(target, canonical) {
        conventional
    } else {
        convert(raw, canonical, target, analyte.bridges()).map_or(conventional, |v| round_to(v, rule.si_decimals))
    };
    let reading = Reading { analyte, value: conventional, comparator: None, unit: canonical, vendor: None, path };
    let evaluation = flags::evaluate(judge, &reading, target, findings);
    if evaluation.flag.is_some_and(Flag::is_critical) {
        let message =
            format!("the derived {} is beyond its critical limit: a person must be told now", analyte.display());
        findings.push(FindingCode::CriticalValue, path, message);
    }
    DerivedValue {
        analyte: analyte.id(),
        display: analyte.display(),
        loinc: target.kind().and_then(|k| analyte.loinc_for(k, None, None)).map(|t| t.code),
        value,
        unit: target.ucum(),
        derived: true,
        method: rule.method,
        source: rule.method.source(),
        inputs,
        flag: evaluation.flag,
        range_status: evaluation.status,
        range: evaluation.range,
        critical: evaluation.critical,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_skipped_derivation_is_said_once_per_analyte() {
        let catalog = crate::catalog::Catalog::builtin().unwrap();
        let context = crate::Context::new(&catalog, "2026-11-25T12:00:00Z".parse().unwrap());
        let payload = br#"{"patient_id": "P-1", "lab_id": "L", "test_type": "LIPID",
          "collected_at": "2026-11-24T08:00:00Z", "results": [{"analyte": "Cholesterol", "value": 105, "unit": "mg/dL"}]}"#;
        let report = crate::validate(payload, &context).unwrap();
        let skipped: Vec<&str> = report
            .findings
            .iter()
            .filter(|f| f.code() == FindingCode::DerivationSkipped)
            .map(crate::Finding::message)
            .collect();
        // Calculated LDL-C (two rules) and non-HDL-C, each once.
        assert_eq!(skipped.len(), 2, "{skipped:?}");
        assert_ne!(skipped.first(), skipped.get(1));
    }

    #[test]
    fn every_rule_fits_the_three_input_slots() {
        // `derive_one` gathers inputs into three slots; a rule with more would silently lose one.
        assert!(RULES.iter().all(|rule| !rule.inputs.is_empty() && rule.inputs.len() <= 3));
    }

    #[test]
    fn every_rule_resolves_against_the_builtin_catalog() {
        let catalog = crate::catalog::Catalog::builtin().unwrap();
        for (rule, (output, slots)) in RULES.iter().zip(&plan(&catalog).rules) {
            assert!(output.is_some(), "{}", rule.output);
            assert!(slots.iter().all(|alternatives| !alternatives.is_empty()), "{:?}", rule.method);
        }
    }
}
