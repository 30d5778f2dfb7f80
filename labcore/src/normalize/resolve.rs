//! Matching a result to a catalog analyte, by LOINC code and by name.

use crate::catalog::{Analyte, Catalog};
use crate::finding::Findings;
use crate::report::Mapping;
use crate::units::UnitReading;
use crate::{FindingCode, JsonPointer, LoincCode, LoincError};

/// The outcome of matching.
pub(crate) struct Resolved<'c> {
    pub(crate) analyte: Option<&'c Analyte>,
    pub(crate) mapping: Mapping,
}

/// Reads the LOINC code sent, reporting a malformed one.
pub(crate) fn read_code(text: Option<&str>, path: &JsonPointer, findings: &mut Findings) -> Option<LoincCode> {
    let text = text?;
    match LoincCode::parse(text) {
        Ok(code) => Some(code),
        Err(e) => {
            let message = match e {
                LoincError::CheckDigit => "`loinc` fails its mod-10 check digit",
                _ => "`loinc` is not a LOINC code (digits, a hyphen and a check digit)",
            };
            findings.push(FindingCode::InvalidLoinc, path.key("loinc"), message);
            None
        }
    }
}

/// Matches a result: the LOINC code decides when the catalog knows it, else the name (with the unit telling
/// family members apart). Conflicts and ambiguities are findings and leave the result unmapped.
pub(crate) fn resolve<'c>(
    catalog: &'c Catalog,
    name: Option<&str>,
    code: Option<LoincCode>,
    unit: Option<&UnitReading>,
    path: &JsonPointer,
    findings: &mut Findings,
) -> Resolved<'c> {
    let by_code = code.and_then(|c| catalog.find_by_loinc(c));
    let by_name: Vec<&Analyte> = name.map(|n| catalog.find_by_name(n).collect()).unwrap_or_default();
    if let Some(analyte) = by_code {
        if !by_name.is_empty() && !by_name.iter().any(|a| a.id() == analyte.id()) {
            let message = format!(
                "the LOINC code means {} but the name means {}; send one analyte per result",
                analyte.display(),
                by_name.iter().map(|a| a.display()).collect::<Vec<_>>().join(" or ")
            );
            findings.push(FindingCode::AnalyteConflict, path.clone(), message);
            return Resolved { analyte: None, mapping: Mapping::Unmapped };
        }
        return Resolved { analyte: Some(analyte), mapping: Mapping::Loinc };
    }
    if by_name.is_empty() {
        if name.is_some() || code.is_some() {
            let message = "neither the LOINC code nor the name is in the catalog; the result stays unmapped";
            findings.push(FindingCode::UnknownAnalyte, path.clone(), message);
        }
        return Resolved { analyte: None, mapping: Mapping::Unmapped };
    }
    match pick_by_unit(&by_name, unit) {
        Some(analyte) => Resolved { analyte: Some(analyte), mapping: Mapping::Name },
        None => {
            let names = by_name.iter().map(|a| a.display()).collect::<Vec<_>>().join(", ");
            let reason = if unit.is_some() { "the unit fits none of them" } else { "no unit tells them apart" };
            let message = format!("the name may mean {names}, and {reason}; send a LOINC code or a unit");
            findings.push(FindingCode::AnalyteAmbiguous, path.clone(), message);
            Resolved { analyte: None, mapping: Mapping::Unmapped }
        }
    }
}

/// The single family member whose kind the unit can express.
fn pick_by_unit<'c>(members: &[&'c Analyte], unit: Option<&UnitReading>) -> Option<&'c Analyte> {
    if let [only] = members {
        return Some(*only);
    }
    let unit = unit?;
    let fitting: Vec<&'c Analyte> = members
        .iter()
        .copied()
        .filter(|a| unit.candidates().any(|u| u.kind().is_some_and(|k| a.accepts(k))))
        .collect();
    match fitting.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}
