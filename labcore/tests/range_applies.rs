//! The issue-13 invariant, over generated labcore JSON payloads: every result either carries a flag from a range
//! that applies to the patient (sex, age and unit checked) or a finding saying why it has none.
//!
//! Payloads mix every numeric analyte of the catalog, in any of its units, with values anywhere in (and beyond) the
//! plausible span, bounds (`<`, `>`), vendor ranges that are right, in the wrong unit or nonsense, patients of
//! every sex and age (absent, newborn, child, adult, impossible: 1900 and year 1), and a laboratory catalog that is
//! the payload's lab's, another lab's, or none.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, missing_docs)]

use std::sync::OnceLock;

use chrono::NaiveDate;
use labcore::catalog::{Age, Analyte, Catalog, LabCatalog, SexFilter};
use labcore::flags::Flag;
use labcore::units::convert;
use labcore::{Context, FindingCode, RangeOrigin, Report, Sex};
use proptest::prelude::*;
use serde_json::{Value, json};

const COLLECTED: &str = "2026-11-24T08:00:00Z";

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::builtin().unwrap())
}

/// A catalog of the laboratory `ACME` with adult glucose and potassium intervals.
fn acme() -> &'static LabCatalog {
    static LAB: OnceLock<LabCatalog> = OnceLock::new();
    LAB.get_or_init(|| {
        let text = "lab_id = \"ACME\"\n\
            [[interval]]\nanalyte = \"glucose\"\nage_from = \"18y\"\nlow = 60\nhigh = 110\nunit = \"mg/dL\"\nsource = \"t\"\n\
            [[interval]]\nanalyte = \"potassium\"\nsex = \"female\"\nlow = 3.4\nhigh = 4.8\nunit = \"mmol/L\"\nsource = \"t\"\n";
        LabCatalog::from_toml(catalog(), "acme.toml", text).unwrap()
    })
}

/// Analytes with a plausibility span, each with the units it may be sent in.
fn analytes() -> Vec<(usize, Vec<String>)> {
    catalog()
        .analytes()
        .iter()
        .enumerate()
        .filter(|(_, a)| a.plausible().is_some())
        .map(|(i, a)| {
            let units = [a.canonical_unit(), a.si_unit()].into_iter().chain(a.accepted_units());
            (i, units.map(|u| u.ucum().to_owned()).collect())
        })
        .collect()
}

/// What a generated result is made of.
#[derive(Debug, Clone)]
struct Drawn {
    analyte: usize,
    unit: usize,
    /// Where the value sits in the plausible span (beyond 1.0: implausible).
    fraction: f64,
    comparator: &'static str,
    range: RangeKind,
}

#[derive(Debug, Clone, Copy)]
enum RangeKind {
    None,
    /// A range around the value's span, in the result's unit.
    Fitting,
    /// The same numbers with another unit printed after them.
    OtherUnit,
    /// Numbers a hundred times too large.
    Nonsense,
}

fn drawn() -> impl Strategy<Value = Drawn> {
    let analytes = analytes();
    // A quarter of the results are glucose or potassium, the analytes the laboratory catalog lists.
    let listed: Vec<usize> = ["glucose", "potassium"]
        .iter()
        .map(|id| analytes.iter().position(|(i, _)| catalog().analytes()[*i].id() == *id).unwrap())
        .collect();
    let pick = prop_oneof![3 => 0..analytes.len(), 1 => proptest::sample::select(listed)];
    (pick, 0usize..8, 0.0f64..1.2, 0usize..6, 0usize..4).prop_map(move |(a, unit, fraction, comparator, range)| {
        let (index, units) = &analytes[a];
        Drawn {
            analyte: *index,
            unit: unit % units.len(),
            fraction,
            comparator: ["", "", "", "", "<", ">"][comparator],
            range: [RangeKind::None, RangeKind::Fitting, RangeKind::OtherUnit, RangeKind::Nonsense][range],
        }
    })
}

fn unit_of(analyte: &Analyte, unit: usize) -> String {
    let units: Vec<String> = [analyte.canonical_unit(), analyte.si_unit()]
        .into_iter()
        .chain(analyte.accepted_units())
        .map(|u| u.ucum().to_owned())
        .collect();
    units[unit % units.len()].clone()
}

fn result_json(d: &Drawn) -> Value {
    let analyte = &catalog().analytes()[d.analyte];
    let unit_text = unit_of(analyte, d.unit);
    let unit = catalog().units().parse_ucum(&unit_text).unwrap();
    let p = analyte.plausible().unwrap();
    let in_plausible = p.low + (p.high - p.low) * d.fraction;
    let value = convert(in_plausible, &p.unit, &unit, analyte.bridges()).unwrap();
    let mut result =
        json!({"analyte": analyte.id(), "value": format!("{}{value:.4}", d.comparator), "unit": unit_text});
    let (lo, hi) = (value * 0.8, value * 1.2 + 0.01);
    let other = if unit_text == analyte.canonical_unit().ucum() { analyte.si_unit() } else { analyte.canonical_unit() };
    match d.range {
        RangeKind::None => {}
        RangeKind::Fitting => result["reference_range"] = json!(format!("{lo:.3}-{hi:.3}")),
        RangeKind::OtherUnit => result["reference_range"] = json!(format!("{lo:.3}-{hi:.3} {}", other.ucum())),
        RangeKind::Nonsense => result["reference_range"] = json!(format!("{:.3}-{:.3}", lo * 100.0, hi * 100.0)),
    }
    result
}

/// The patient: sex as sent, birth date as sent.
fn patient() -> impl Strategy<Value = (Option<&'static str>, Option<&'static str>)> {
    let sex = proptest::sample::select(vec![None, Some("F"), Some("M"), Some("U"), Some("O")]);
    let birth = proptest::sample::select(vec![
        None,
        Some("2026-11-20"),
        Some("2026-06-01"),
        Some("2015-06-01"),
        Some("2009-02-28"),
        Some("1980-04-02"),
        Some("1950-12-31"),
        Some("1904-01-01"),
        Some("1900-01-01"),
        Some("0001-01-01"),
    ]);
    (sex, birth)
}

/// Whether a catalog range of the report applies to the patient, as the test itself reads the patient.
fn applies(
    sex: Option<Sex>,
    age: Option<Age>,
    range_sex: Option<SexFilter>,
    band: Option<labcore::catalog::AgeBand>,
) -> bool {
    let sex_ok = match range_sex {
        None | Some(SexFilter::Any) => true,
        Some(SexFilter::Female) => sex == Some(Sex::Female),
        Some(SexFilter::Male) => sex == Some(Sex::Male),
    };
    let age_ok = band.is_none_or(|b| b.is_unbounded() || age.is_some_and(|a| a.is_plausible() && b.contains(&a)));
    sex_ok && age_ok
}

/// Checks the invariant on one report; `Err` says which result breaks it and how.
fn check(report: &Report<'_>, payload: &Value, lab: Option<String>) -> Result<(), String> {
    let sex = payload["patient"]["sex"].as_str().and_then(Sex::parse);
    let birth = payload["patient"]["birth_date"].as_str().and_then(|b| NaiveDate::parse_from_str(b, "%Y-%m-%d").ok());
    let collected = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let age = birth.and_then(|b| Age::between(b, collected));
    let has = |code: FindingCode| report.findings.iter().any(|f| f.code() == code);
    for result in &report.results {
        let at = format!("/results/{}", result.index);
        let why = report.findings.iter().any(|f| {
            let path = f.path().to_string();
            path == at || path.starts_with(&format!("{at}/"))
        });
        let by_range = matches!(result.flag, Some(Flag::Low | Flag::Normal | Flag::High));
        if let Some(range) = &result.range {
            if Some(range.unit) != result.unit.as_deref() {
                return Err(format!("{at}: range in {} but value in {:?}", range.unit, result.unit));
            }
            let input = &payload["results"][result.index];
            match range.origin {
                RangeOrigin::Payload => {
                    if input.get("reference_range").is_none() {
                        return Err(format!("{at}: a payload range that was not sent"));
                    }
                    if matches!(input["reference_range"].as_str(), Some(t) if t.contains(' ')) {
                        // A range with a unit printed after it is the other unit's: it can only fit by chance.
                        let analyte = catalog().analyte(result.analyte.unwrap()).unwrap();
                        let plausible = analyte.plausible().unwrap();
                        let unit = catalog().units().parse_ucum(range.unit).unwrap();
                        let max = convert(plausible.high, &plausible.unit, &unit, analyte.bridges()).unwrap();
                        if range.high.is_some_and(|h| h > max * (1.0 + 1e-9)) {
                            return Err(format!("{at}: an impossible payload range was used"));
                        }
                    }
                }
                RangeOrigin::LabCatalog | RangeOrigin::Default => {
                    if range.origin == RangeOrigin::LabCatalog && lab.as_deref() != Some("ACME") {
                        return Err(format!("{at}: the lab catalog of ACME applied to {lab:?}"));
                    }
                    if !applies(sex, age, range.sex, range.age) {
                        return Err(format!(
                            "{at}: range for {:?} {:?} applied to {sex:?} aged {age:?}",
                            range.sex, range.age
                        ));
                    }
                }
            }
        } else if by_range {
            return Err(format!("{at}: flagged {:?} without a range", result.flag));
        }
        if !by_range {
            let demographics = result.range_status == labcore::RangeStatus::NeedsDemographics
                && (has(FindingCode::DemographicsMissing) || has(FindingCode::AgeImplausible));
            if !(why || demographics) {
                return Err(format!("{at}: no {:?} flag from a range, and no finding says why", result.flag));
            }
        }
    }
    Ok(())
}

fn as_of() -> chrono::DateTime<chrono::Utc> {
    "2026-11-25T12:00:00Z".parse().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn every_result_is_flagged_by_a_range_that_applies_or_a_finding_says_why(
        results in proptest::collection::vec(drawn(), 1..10),
        (sex, birth) in patient(),
        lab in proptest::sample::select(vec!["ACME", " acme ", "OTHER-LAB"]),
        with_lab in any::<bool>(),
        si in any::<bool>(),
    ) {
        let mut payload = json!({
            "patient_id": "P-1", "lab_id": lab, "test_type": "CMP", "collected_at": COLLECTED,
            "results": results.iter().map(result_json).collect::<Vec<_>>(),
        });
        let mut demographics = serde_json::Map::new();
        if let Some(sex) = sex { demographics.insert("sex".into(), json!(sex)); }
        if let Some(birth) = birth { demographics.insert("birth_date".into(), json!(birth)); }
        if !demographics.is_empty() { payload["patient"] = Value::Object(demographics); }
        let system = if si { labcore::UnitSystem::Si } else { labcore::UnitSystem::Conventional };
        let mut context = Context::new(catalog(), as_of()).with_unit_system(system);
        if with_lab { context = context.with_lab_catalog(acme()); }
        let report = labcore::validate(payload.to_string().as_bytes(), &context).unwrap();
        let lab_applied = with_lab.then(|| lab.trim().to_ascii_uppercase());
        if let Err(problem) = check(&report, &payload, lab_applied) {
            return Err(TestCaseError::fail(format!("{problem}\npayload: {payload}")));
        }
    }
}
