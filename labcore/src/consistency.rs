//! Consistency across results: the parts of a differential cannot add up to more than their whole
//! (`catalog/consistency.toml`).

use crate::catalog::{Analyte, Catalog, SumRule, Whole};
use crate::finding::Findings;
use crate::report::{NormalizedResult, UnitSystem};
use crate::units::convert;
use crate::{FindingCode, JsonPointer};

/// A result usable in a sum: numeric, a measurement (no comparator), plausible. Its value in the rule's unit, and
/// its index in the payload.
fn value_of(rule: &SumRule, analyte: &Analyte, result: &NormalizedResult<'_>, system: UnitSystem) -> Option<f64> {
    if result.comparator.is_some() || result.plausible == Some(false) {
        return None;
    }
    convert(result.value?, system.unit_of(analyte), &rule.unit, analyte.bridges()).ok()
}

/// Runs every sum rule of the catalog over the report's results.
pub(crate) fn check_sums(
    catalog: &Catalog,
    results: &[NormalizedResult<'_>],
    matched: &[(usize, Option<&Analyte>)],
    system: UnitSystem,
    findings: &mut Findings,
) {
    for rule in catalog.sum_rules() {
        check_sum(rule, results, matched, system, findings);
    }
}

fn check_sum(
    rule: &SumRule,
    results: &[NormalizedResult<'_>],
    matched: &[(usize, Option<&Analyte>)],
    system: UnitSystem,
    findings: &mut Findings,
) {
    // The first usable result of each part (a repeat is a `duplicate_analyte` finding already), and of the whole;
    // parts are marked in a bit set (a rule has at most 64, checked when the catalog is built): no allocation.
    let (mut seen, mut count, mut sum) = (0u64, 0usize, 0.0f64);
    let mut whole: Option<(usize, f64, &str)> = None;
    let mut first_part: Option<usize> = None;
    for (result, (index, analyte)) in results.iter().zip(matched) {
        let Some(analyte) = analyte else { continue };
        let is_whole = rule.whole == Whole::Analyte(analyte.position);
        let part = rule.parts.iter().position(|p| *p == analyte.position);
        if part.is_none() && !is_whole {
            continue;
        }
        let Some(value) = value_of(rule, analyte, result, system) else { continue };
        if is_whole && whole.is_none() {
            whole = Some((*index, value, analyte.display()));
        } else if let Some(bit) = part.and_then(|k| u32::try_from(k).ok()).and_then(|k| 1u64.checked_shl(k))
            && seen & bit == 0
        {
            seen |= bit;
            count += 1;
            sum += value;
            first_part = first_part.or(Some(*index));
        }
    }
    if count < 2 {
        return;
    }
    let (total, numbers, path, name) = match (rule.whole, whole) {
        (Whole::Total(total), _) => {
            let path = first_part.map(|i| JsonPointer::root().key("results").index(i));
            (total, count, path.unwrap_or_default(), None)
        }
        (Whole::Analyte(_), Some((index, value, display))) => {
            let path = JsonPointer::root().key("results").index(index).key("value");
            (value, count + 1, path, Some(display))
        }
        (Whole::Analyte(_), None) => return,
    };
    // Counts of numbers are tiny: exact in f64.
    #[allow(clippy::cast_precision_loss)]
    let allowed = total + rule.rounding * numbers as f64;
    if sum > allowed * (1.0 + 1e-12) {
        let name = name.map_or_else(|| format!("{total} {}", rule.unit.ucum()), |whole| format!("the {whole}"));
        let message = format!(
            "the {} parts of the differential reported ({}) sum to more than {name}, beyond what rounding explains: \
             a part or its unit is wrong",
            count, rule.id
        );
        findings.push(FindingCode::DifferentialInconsistent, path, message);
    }
}

#[cfg(test)]
mod tests {
    use crate::{Context, FindingCode, catalog::Catalog};

    fn findings(results: &str) -> Vec<(FindingCode, String)> {
        let catalog = Catalog::builtin().unwrap();
        let context = Context::new(&catalog, "2026-11-25T12:00:00Z".parse().unwrap());
        let payload = format!(
            r#"{{"patient_id": "P", "lab_id": "L", "test_type": "CBC", "collected_at": "2026-11-24T08:00:00Z",
                "results": [{results}]}}"#
        );
        let report = crate::validate(payload.as_bytes(), &context).unwrap();
        report
            .findings
            .iter()
            .filter(|f| f.code() == FindingCode::DifferentialInconsistent)
            .map(|f| (f.code(), f.path().to_string()))
            .collect()
    }

    fn pct(name: &str, value: f64) -> String {
        format!(r#"{{"analyte": "{name} %", "value": {value}, "unit": "%"}}"#)
    }

    #[test]
    fn percentages_may_not_exceed_100_beyond_rounding() {
        let diff = |n: f64| {
            [
                pct("Neutrophils", n),
                pct("Lymphocytes", 30.0),
                pct("Monocytes", 7.0),
                pct("Eosinophils", 2.0),
                pct("Basophils", 1.0),
            ]
            .join(",")
        };
        assert!(findings(&diff(62.5)).is_empty(), "102.5 %: five whole-number roundings");
        assert_eq!(findings(&diff(62.6)), [(FindingCode::DifferentialInconsistent, "/results/0".to_owned())]);
        assert!(findings(&diff(40.0)).is_empty(), "a short sum leaves room for classes labcore does not list");
        assert!(findings(&[pct("Neutrophils", 99.0)].join(",")).is_empty(), "one part is no sum");
    }

    #[test]
    fn counts_may_not_exceed_the_wbc_and_bounds_do_not_count() {
        let count = |name: &str, v: &str| format!(r#"{{"analyte": "{name} #", "value": "{v}", "unit": "10*3/uL"}}"#);
        let wbc = r#"{"analyte": "WBC", "value": 5.0, "unit": "10*9/L"}"#;
        let over = [wbc.to_owned(), count("Neutrophils", "4.0"), count("Lymphocytes", "1.31")].join(",");
        assert_eq!(findings(&over), [(FindingCode::DifferentialInconsistent, "/results/0/value".to_owned())]);
        let within = [wbc.to_owned(), count("Neutrophils", "4.0"), count("Lymphocytes", "1.15")].join(",");
        assert!(findings(&within).is_empty(), "5.15 <= 5.0 + 3 x 0.05");
        let bound = [wbc.to_owned(), count("Neutrophils", ">4.0"), count("Lymphocytes", "1.31")].join(",");
        assert!(findings(&bound).is_empty());
        let no_wbc = [count("Neutrophils", "40.0"), count("Lymphocytes", "13.1")].join(",");
        assert!(findings(&no_wbc).is_empty(), "no whole to compare with");
    }
}
