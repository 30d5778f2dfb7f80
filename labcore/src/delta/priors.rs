//! Reading the patient's previous results like results: the analyte by catalog id, LOINC code or vendor name (the
//! unit telling family members apart), the unit by the unit reader, the value converted to the analyte's canonical
//! unit. Every prior that cannot be used is a finding that names it by index (`/priors/2`), never by its value.

use chrono::{DateTime, FixedOffset};

use super::PriorResult;
use crate::catalog::{Analyte, Catalog};
use crate::finding::Findings;
use crate::units::{UnitError, convert};
use crate::{FindingCode, JsonPointer, LoincCode};

/// A previous result labcore can compare with: its analyte, its value in the analyte's canonical unit, its time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ReadPrior<'c> {
    /// Where it was in the priors given.
    pub(crate) index: usize,
    pub(crate) analyte: &'c Analyte,
    /// In `analyte.canonical_unit()`.
    pub(crate) value: f64,
    pub(crate) collected_at: DateTime<FixedOffset>,
}

/// Why a prior cannot be used (the message of its `prior_unusable` finding).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unusable {
    Analyte,
    Value,
    Unit,
    UnitIncompatible,
}

impl Unusable {
    fn message(self) -> &'static str {
        match self {
            Unusable::Analyte => {
                "this previous result's `analyte` is not a catalog id, LOINC code or name labcore knows (or its name \
                 fits several analytes and the unit does not decide): it is not compared"
            }
            Unusable::Value => "this previous result's `value` is not a finite number: it is not compared",
            Unusable::Unit => "this previous result's `unit` is neither UCUM nor a vendor spelling: it is not compared",
            Unusable::UnitIncompatible => {
                "this previous result's `unit` cannot express its analyte: it is not compared"
            }
        }
    }
}

/// Reads one prior.
pub(crate) fn read_prior<'c>(
    catalog: &'c Catalog,
    index: usize,
    prior: &PriorResult,
) -> Result<ReadPrior<'c>, Unusable> {
    let reading = match catalog.read_unit(&prior.unit) {
        Ok(reading) => Some(reading),
        Err(UnitError::Empty) => None,
        Err(_) => return Err(Unusable::Unit),
    };
    let analyte = analyte_of(catalog, &prior.analyte, reading.as_deref()).ok_or(Unusable::Analyte)?;
    if !prior.value.is_finite() {
        return Err(Unusable::Value);
    }
    let reading = reading.ok_or(Unusable::UnitIncompatible)?;
    let unit = reading.candidates().find(|u| u.kind().is_some_and(|k| analyte.accepts(k)));
    let unit = unit.ok_or(Unusable::UnitIncompatible)?;
    let value = convert(prior.value, unit, analyte.canonical_unit(), analyte.bridges())
        .ok()
        .filter(|v| v.is_finite())
        .ok_or(Unusable::UnitIncompatible)?;
    Ok(ReadPrior { index, analyte, value, collected_at: prior.collected_at })
}

/// The analyte a prior names: a catalog id, a LOINC code, or a name read as a result's name is.
fn analyte_of<'c>(catalog: &'c Catalog, text: &str, unit: Option<&crate::units::UnitReading>) -> Option<&'c Analyte> {
    if let Some(analyte) = catalog.analyte(text.trim()) {
        return Some(analyte);
    }
    if let Ok(code) = LoincCode::parse(text.trim()) {
        return catalog.find_by_loinc(code);
    }
    let mut scratch = Findings::default();
    let root = JsonPointer::root();
    crate::normalize::resolve_name(catalog, text, unit, root, &mut scratch)
}

/// The priors of this payload's patient, read, with a finding for each that cannot be used. A prior that names a
/// patient (`patient_id`) is this patient's only when the payload names the same patient; one that names none is
/// taken to be this patient's (the caller vouches for it). When priors name patients and none of them is this
/// patient, one finding says so: no delta check is run against another patient's results.
pub(crate) fn read_priors<'c>(
    catalog: &'c Catalog,
    priors: &[PriorResult],
    patient: Option<&str>,
    findings: &mut Findings,
) -> Vec<ReadPrior<'c>> {
    let root = JsonPointer::root().key("priors");
    let mut read = Vec::with_capacity(priors.len());
    let (mut keyed, mut matched) = (false, false);
    for (index, prior) in priors.iter().enumerate() {
        if let Some(named) = prior.patient_id.as_deref() {
            keyed = true;
            if patient.is_none_or(|p| p != named) {
                continue;
            }
            matched = true;
        }
        match read_prior(catalog, index, prior) {
            Ok(prior) => read.push(prior),
            Err(why) => findings.push(FindingCode::PriorUnusable, root.index(index), why.message()),
        }
    }
    if keyed && !matched {
        let message = match patient {
            Some(_) => "the previous results given name other patients, none this payload's: they are not compared",
            None => "the previous results given name patients and the payload names none: they are not compared",
        };
        findings.push(FindingCode::PriorPatientMismatch, root, message);
    }
    read
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prior(analyte: &str, value: f64, unit: &str) -> PriorResult {
        let collected_at = "2026-11-23T08:00:00Z".parse().unwrap();
        PriorResult { analyte: analyte.into(), value, unit: unit.into(), collected_at, patient_id: None }
    }

    fn codes(findings: Findings) -> Vec<(String, String)> {
        findings.into_vec().iter().map(|f| (f.code().as_str().to_owned(), f.path().to_string())).collect()
    }

    #[test]
    fn priors_are_read_like_results() {
        let catalog = Catalog::builtin().unwrap();
        let read = |p: PriorResult| read_prior(&catalog, 0, &p).map(|r| (r.analyte.id().to_owned(), r.value));
        assert_eq!(read(prior("creatinine", 1.0, "mg/dL")), Ok(("creatinine".into(), 1.0)));
        assert_eq!(read(prior("Creatinine", 1.0, "MG/DL")), Ok(("creatinine".into(), 1.0)));
        let by_code = read(prior("2160-0", 88.4, "umol/L")).unwrap();
        assert!(by_code.0 == "creatinine" && (by_code.1 - 1.0).abs() < 1e-3, "{by_code:?}");
        assert_eq!(read(prior("Neutrophils", 4.2, "10*3/uL")).map(|r| r.0), Ok("neutrophils_abs".into()));
        assert_eq!(read(prior("Neutrophils", 60.0, "%")).map(|r| r.0), Ok("neutrophils_pct".into()));
        assert_eq!(read(prior("Xyzzy", 1.0, "mg/dL")), Err(Unusable::Analyte));
        assert_eq!(read(prior("creatinine", f64::NAN, "mg/dL")), Err(Unusable::Value));
        assert_eq!(read(prior("creatinine", f64::INFINITY, "mg/dL")), Err(Unusable::Value));
        assert_eq!(read(prior("creatinine", 1.0, "furlongs")), Err(Unusable::Unit));
        assert_eq!(read(prior("creatinine", 1.0, "10*3/uL")), Err(Unusable::UnitIncompatible));
        assert_eq!(read(prior("creatinine", 1.0, "")), Err(Unusable::UnitIncompatible));
        assert_eq!(
            read(prior("creatinine", 1e308, "g/dL")),
            Err(Unusable::UnitIncompatible),
            "overflows when converted"
        );
    }

    #[test]
    fn unusable_priors_are_named_by_index_never_by_value() {
        let catalog = Catalog::builtin().unwrap();
        let priors =
            [prior("creatinine", 1.0, "mg/dL"), prior("Okonkwo", 1.0, "mg/dL"), prior("creatinine", f64::NAN, "x")];
        let mut findings = Findings::default();
        let read = read_priors(&catalog, &priors, None, &mut findings);
        assert_eq!(read.iter().map(|r| r.index).collect::<Vec<_>>(), [0]);
        let rendered: Vec<String> = findings.into_vec().iter().map(|f| format!("{f:?}")).collect();
        assert_eq!(rendered.len(), 2);
        assert!(rendered.iter().all(|f| !f.contains("Okonkwo") && f.contains("PriorUnusable")), "{rendered:?}");
    }

    #[test]
    fn priors_naming_a_patient_are_only_that_patients() {
        let catalog = Catalog::builtin().unwrap();
        let keyed = |id: &str| PriorResult { patient_id: Some(id.into()), ..prior("creatinine", 1.0, "mg/dL") };
        let pool = [keyed("MRN-A"), keyed("MRN-B"), prior("glucose", 90.0, "mg/dL")];
        let mut findings = Findings::default();
        let read = read_priors(&catalog, &pool, Some("MRN-B"), &mut findings);
        assert_eq!(read.iter().map(|r| r.index).collect::<Vec<_>>(), [1, 2]);
        assert!(codes(findings).is_empty());
        for patient in [Some("MRN-C"), None] {
            let mut findings = Findings::default();
            let read = read_priors(&catalog, &pool[..2], patient, &mut findings);
            assert!(read.is_empty());
            assert_eq!(codes(findings), [("prior_patient_mismatch".to_owned(), "/priors".to_owned())]);
        }
    }
}
