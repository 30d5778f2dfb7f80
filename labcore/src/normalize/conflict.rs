//! What the sender said twice about one result, compared with what was read (the readers collect it: a second
//! LOINC coding, an HL7 LOINC alternate or repeated OBX-3, a repeated OBX-6). Two codes for one analyte and two
//! spellings of one unit change nothing (a warning); two analytes, a code labcore cannot place beside one it
//! can, or two units leave the result without a meaning, and it is not flagged (an error).

use crate::catalog::{Analyte, Catalog, same_unit};
use crate::finding::Findings;
use crate::units::UnitReading;
use crate::{Finding, FindingCode, JsonPointer, LoincCode, Severity};

/// Compares the other LOINC codes sent with the analyte the result was matched to; returns whether they
/// contradict it (the result must then stay unmapped).
pub(crate) fn codes(
    catalog: &Catalog,
    matched: Option<&Analyte>,
    code: Option<LoincCode>,
    others: &[smol_str::SmolStr],
    path: JsonPointer,
    findings: &mut Findings,
) -> bool {
    let others: Vec<Option<&Analyte>> = others
        .iter()
        .filter_map(|text| LoincCode::parse(text).ok().map_or(Some(None), |c| (Some(c) != code).then_some(Some(c))))
        .map(|c| c.and_then(|c| catalog.find_by_loinc(c)))
        .collect();
    if others.is_empty() {
        return false;
    }
    let path = path.key("loinc");
    let same = |a: &Option<&Analyte>| matches!((matched, a), (Some(m), Some(o)) if std::ptr::eq(m, *o));
    if others.iter().all(same) {
        let message = "another LOINC code sent for this result names the same analyte; the first was used";
        findings.push_finding(Finding::new(FindingCode::FieldConflict, path, message).with_severity(Severity::Warning));
        return false;
    }
    if matched.is_none() && others.iter().all(Option::is_none) {
        let message = "other LOINC codes sent for this result are not in the catalog either; the result stays unmapped";
        findings.push_finding(Finding::new(FindingCode::FieldConflict, path, message).with_severity(Severity::Warning));
        return false;
    }
    let message = match (matched, others.iter().flatten().find(|o| !same(&Some(**o)))) {
        (Some(m), Some(o)) => format!(
            "the LOINC codes sent for this result mean different analytes ({} and {}); send one analyte per result",
            m.display(),
            o.display()
        ),
        _ => "two LOINC codes are sent for this result and the catalog knows only one of them: which analyte it is cannot be told".to_owned(),
    };
    findings.push(FindingCode::AnalyteConflict, path, message);
    true
}

/// Compares the other units sent with the unit read; returns whether they differ (the value then has no known
/// unit and must not be used).
pub(crate) fn units(
    catalog: &Catalog,
    reading: Option<&UnitReading>,
    others: &[smol_str::SmolStr],
    path: JsonPointer,
    findings: &mut Findings,
) -> bool {
    if others.is_empty() {
        return false;
    }
    let path = path.key("unit");
    let same = |text: &smol_str::SmolStr| {
        let other = catalog.read_unit(text).ok();
        reading.zip(other).is_some_and(|(r, o)| same_unit(r.best(), o.best()))
    };
    if others.iter().all(same) {
        let message = "the unit is sent again, in another spelling of the same unit; the first was used";
        findings.push_finding(Finding::new(FindingCode::FieldConflict, path, message).with_severity(Severity::Warning));
        return false;
    }
    let message =
        "two different units are sent for this result: which one the value is in cannot be told; it is not used";
    findings.push(FindingCode::FieldConflict, path, message);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        Catalog::builtin().unwrap()
    }

    fn codes_of(primary: &str, others: &[&str]) -> (bool, Vec<(FindingCode, Severity)>) {
        let catalog = catalog();
        let code = LoincCode::parse(primary).ok();
        let matched = code.and_then(|c| catalog.find_by_loinc(c));
        let others: Vec<smol_str::SmolStr> = others.iter().map(|o| (*o).into()).collect();
        let mut findings = Findings::default();
        let conflict = codes(&catalog, matched, code, &others, JsonPointer::root(), &mut findings);
        (conflict, findings.into_vec().iter().map(|f| (f.code(), f.severity())).collect())
    }

    #[test]
    fn codes_for_one_analyte_agree_and_for_two_conflict() {
        // 2823-3 potassium, 2951-2 sodium (both in the catalog); 12345-6 is a valid code the catalog lacks.
        assert_eq!(codes_of("2823-3", &["2823-3"]), (false, vec![]));
        assert_eq!(codes_of("2823-3", &["2951-2"]), (true, vec![(FindingCode::AnalyteConflict, Severity::Error)]));
        assert_eq!(codes_of("2823-3", &["12345-6"]), (true, vec![(FindingCode::AnalyteConflict, Severity::Error)]));
        assert!(!codes_of("12345-6", &["99999-9"]).0);
    }

    #[test]
    fn units_spelled_twice_agree_and_two_units_conflict() {
        let catalog = catalog();
        let reading = catalog.read_unit("mg/dL").ok();
        let check = |others: &[&str]| {
            let others: Vec<smol_str::SmolStr> = others.iter().map(|o| (*o).into()).collect();
            let mut findings = Findings::default();
            let conflict = units(&catalog, reading.as_deref(), &others, JsonPointer::root(), &mut findings);
            (conflict, findings.into_vec().iter().map(|f| f.severity()).collect::<Vec<_>>())
        };
        assert_eq!(check(&["MG/DL"]), (false, vec![Severity::Warning]));
        assert_eq!(check(&["mmol/L"]), (true, vec![Severity::Error]));
        assert_eq!(check(&["furlongs"]), (true, vec![Severity::Error]));
        assert_eq!(check(&[]), (false, vec![]));
    }
}
