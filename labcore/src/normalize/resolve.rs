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
pub(crate) fn read_code(text: Option<&str>, path: JsonPointer, findings: &mut Findings) -> Option<LoincCode> {
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
    path: JsonPointer,
    findings: &mut Findings,
) -> Resolved<'c> {
    let by_code = code.and_then(|c| catalog.find_by_loinc(c));
    // A name that is the code's own LOINC long name (HL7 OBX-3.2, FHIR coding.display) cannot contradict it.
    let name = name.filter(|n| !by_code.zip(code).is_some_and(|(a, c)| is_long_name(a, c, n)));
    let (matches, marker) = name.map_or((&[][..], None), |n| catalog.name_candidates(n));
    let fits = |a: &&Analyte| marker.is_none_or(|m| m.fits(a));
    let by_name = || matches.iter().filter_map(|i| catalog.analytes().get(*i)).filter(fits);
    if let Some(analyte) = by_code {
        if by_name().next().is_some() && !by_name().any(|a| compatible(a, analyte)) {
            let names: Vec<&str> = by_name().map(Analyte::display).collect();
            let message = format!(
                "the LOINC code means {} but the name means {}; send one analyte per result",
                analyte.display(),
                names.join(" or ")
            );
            findings.push(FindingCode::AnalyteConflict, path, message);
            return Resolved { analyte: None, mapping: Mapping::Unmapped };
        }
        return Resolved { analyte: Some(analyte), mapping: Mapping::Loinc };
    }
    if code.is_some() {
        // A valid code the catalog does not know is the sender's word for what the result is: it is never replaced
        // by the code of an analyte the name resembles (race-based MDRD eGFR 48642-3 is not CKD-EPI because it says "eGFR").
        unknown_code(pick_by_unit(by_name(), unit), path, findings);
        return Resolved { analyte: None, mapping: Mapping::Unmapped };
    }
    if by_name().next().is_none() {
        if name.is_some() {
            let message = "neither the LOINC code nor the name is in the catalog; the result stays unmapped";
            findings.push(FindingCode::UnknownAnalyte, path, message);
        }
        return Resolved { analyte: None, mapping: Mapping::Unmapped };
    }
    match pick_by_unit(by_name(), unit) {
        Some(analyte) => Resolved { analyte: Some(analyte), mapping: Mapping::Name },
        None => {
            let names: Vec<&str> = by_name().map(Analyte::display).collect();
            let reason = if unit.is_some() { "the unit fits none of them" } else { "no unit tells them apart" };
            let message = format!("the name may mean {}, and {reason}; send a LOINC code or a unit", names.join(", "));
            findings.push(FindingCode::AnalyteAmbiguous, path, message);
            Resolved { analyte: None, mapping: Mapping::Unmapped }
        }
    }
}

/// Whether a name's analyte agrees with a code's: the same analyte, or one of its group (method variants of one
/// measurand, such as LDL cholesterol measured directly or calculated) of the same kind. A generic name ("LDL
/// Cholesterol") fits a specific code (LDL direct, 18262-6); a percentage's name does not fit a count's code.
fn compatible(by_name: &Analyte, by_code: &Analyte) -> bool {
    std::ptr::eq(by_name, by_code) || (by_name.group() == by_code.group() && by_name.kind() == by_code.kind())
}

/// The finding for a valid LOINC code the catalog does not know, naming the catalog analyte its name suggests.
fn unknown_code(suggested: Option<&Analyte>, path: JsonPointer, findings: &mut Findings) {
    let message = match suggested {
        Some(analyte) => format!(
            "the LOINC code is not in the catalog; the result stays unmapped under the sender's code (its name \
             suggests {}, but a sender's code is never replaced)",
            analyte.display()
        ),
        None => "the LOINC code is not in the catalog; the result stays unmapped under the sender's code".to_owned(),
    };
    findings.push(FindingCode::UnknownAnalyte, path, message);
}

/// Whether `name` is the LOINC long name of the analyte's term `code`.
fn is_long_name(analyte: &Analyte, code: LoincCode, name: &str) -> bool {
    analyte.loinc().iter().any(|t| t.code == code && t.long_name.eq_ignore_ascii_case(name.trim()))
}

/// The single family member whose kind the unit can express (or the only member).
fn pick_by_unit<'c>(
    mut members: impl Iterator<Item = &'c Analyte> + Clone,
    unit: Option<&UnitReading>,
) -> Option<&'c Analyte> {
    let first = members.next()?;
    let Some(second) = members.next() else { return Some(first) };
    let unit = unit?;
    let fits = |a: &&Analyte| unit.candidates().any(|u| u.kind().is_some_and(|k| a.accepts(k)));
    let mut fitting = [first, second].into_iter().chain(members).filter(fits);
    let one = fitting.next()?;
    fitting.next().is_none().then_some(one)
}
