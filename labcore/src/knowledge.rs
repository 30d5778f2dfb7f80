//! Which knowledge a payload is judged with: the patient's sex and age (an impossible age is no age), the
//! laboratory's catalog only when it is this laboratory's, and the previous results that are this patient's.

use crate::catalog::{Age, LabCatalog};
use crate::delta::{ReadPrior, read_priors};
use crate::finding::Findings;
use crate::flags::Judge;
use crate::payload::Draft;
use crate::{Context, FindingCode, JsonPointer};

/// The patient and the catalogs flags are judged with, and the priors delta checks compare with.
pub(crate) struct Knowledge<'c> {
    pub(crate) judge: Judge<'c>,
    pub(crate) priors: Vec<ReadPrior<'c>>,
}

/// What applies to this payload, with a finding for each piece of knowledge given that does not.
pub(crate) fn applicable<'c>(draft: &Draft, context: &Context<'c>, findings: &mut Findings) -> Knowledge<'c> {
    let sex = draft.patient.as_ref().and_then(|p| p.sex);
    let judge = Judge {
        catalog: context.catalog(),
        lab: lab_catalog(draft.lab_id.as_deref(), context.lab_catalog(), findings),
        sex,
        age: age(draft, findings),
    };
    let priors = match context.priors() {
        [] => Vec::new(),
        given => {
            let patient = draft.patient_id.as_ref().map(|p| p.expose().as_str());
            read_priors(context.catalog(), given, patient, findings)
        }
    };
    Knowledge { judge, priors }
}

/// The patient's age at collection, when it is one a living patient can have (see
/// [`MAX_AGE_YEARS`](crate::catalog::MAX_AGE_YEARS)); an older one is a finding and no age.
fn age(draft: &Draft, findings: &mut Findings) -> Option<Age> {
    let age = draft.age_at_collection()?;
    if age.is_plausible() {
        return Some(age);
    }
    let message = format!(
        "the birth date gives an age of {} years or more at collection, beyond the oldest verified human age: \
         nothing age-dependent (age-specific intervals and limits, eGFR) is computed",
        crate::catalog::MAX_AGE_YEARS
    );
    findings.push(FindingCode::AgeImplausible, JsonPointer::root().key("patient").key("birth_date"), message);
    None
}

/// The laboratory's catalog, unless it names another laboratory than the payload: one lab's intervals, critical
/// limits and delta rules are never applied to another lab's results. Laboratory identifiers are compared without
/// surrounding spaces and ignoring ASCII case. A catalog without `lab_id`, or a payload without one, cannot be
/// compared: the catalog applies (the caller chose it for this payload).
fn lab_catalog<'c>(
    lab_id: Option<&str>,
    lab: Option<&'c LabCatalog>,
    findings: &mut Findings,
) -> Option<&'c LabCatalog> {
    let lab = lab?;
    let (Some(theirs), Some(ours)) = (lab.lab_id(), lab_id) else { return Some(lab) };
    if theirs.trim().eq_ignore_ascii_case(ours.trim()) {
        return Some(lab);
    }
    let message = "the laboratory catalog given is another laboratory's (its `lab_id` is not the payload's): its \
                   intervals, critical limits and delta rules were not used, labcore's defaults were";
    findings.push(FindingCode::LabCatalogMismatch, JsonPointer::root().key("lab_id"), message);
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    #[test]
    fn a_lab_catalog_applies_only_to_its_own_lab() {
        let catalog = Catalog::builtin().unwrap();
        let acme = LabCatalog::from_json(&catalog, "acme.json", r#"{"lab_id": " acme "}"#).unwrap();
        let anonymous = LabCatalog::from_json(&catalog, "lab.json", "{}").unwrap();
        let mut findings = Findings::default();
        assert!(lab_catalog(Some("ACME"), Some(&acme), &mut findings).is_some());
        assert!(lab_catalog(None, Some(&acme), &mut findings).is_some(), "nothing to compare with");
        assert!(lab_catalog(Some("LAB-01"), Some(&anonymous), &mut findings).is_some(), "nothing to compare with");
        assert!(findings.into_vec().is_empty());
        let mut findings = Findings::default();
        assert!(lab_catalog(Some("LAB-01"), Some(&acme), &mut findings).is_none());
        let findings = findings.into_vec();
        assert_eq!(
            findings.iter().map(|f| (f.code(), f.path().to_string())).collect::<Vec<_>>(),
            [(FindingCode::LabCatalogMismatch, "/lab_id".to_owned())]
        );
        assert!(!format!("{findings:?}").contains("LAB-01") && !format!("{findings:?}").contains("acme"));
    }
}
