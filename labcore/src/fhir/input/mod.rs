//! Reading FHIR R4 JSON: an Observation, a DiagnosticReport (with contained or bundled Observations), a Bundle
//! (collection, transaction, batch, searchset — any type whose entries hold resources), and the Patient and
//! Specimen they refer to. Small, hand-written readers for what labcore uses, not a model of all of FHIR.
//!
//! Each DiagnosticReport becomes one report; so does each panel Observation (`hasMember`) not in a report; the
//! other laboratory Observations are grouped by patient and effective time. Every finding and result is
//! located by a FHIRPath expression (`Bundle.entry[3].resource.valueQuantity`).

mod bundle;
mod choice;
mod draft;
mod group;
mod inherit;
pub(crate) mod json;
mod not_patient;
mod observation;
mod range;

use serde_json::value::RawValue;

use crate::error::{Error, Result};
use crate::finding::Findings;
use crate::{Context, FhirPath, Finding, FindingCode, JsonPointer, Processed, Severity, SourceLocation};

/// What labcore made of a FHIR input: one processed payload per report, and findings about the input itself.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct FhirOutcome<'c> {
    /// The top-level resource type (`Bundle`, `DiagnosticReport`, `Observation`, `Patient`), when known.
    pub resource_type: Option<&'static str>,
    /// Findings about the input as a whole (an unsupported resource type, no laboratory result at all).
    pub findings: Vec<Finding>,
    /// One processed payload per report, each with its report and, when accepted, its typed payload.
    pub reports: Vec<Processed<'c>>,
}

impl FhirOutcome<'_> {
    /// Whether every report was accepted and nothing about the input is an error.
    pub fn accepted(&self) -> bool {
        !self.reports.is_empty()
            && self.reports.iter().all(|r| r.report.accepted)
            && !self.findings.iter().any(|f| f.severity() == Severity::Error)
    }

    /// The input's findings and every report's.
    pub fn all_findings(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().chain(self.reports.iter().flat_map(|r| r.report.findings.iter()))
    }
}

/// Reads, validates and processes a FHIR R4 JSON input.
///
/// Input that is not JSON (or too large, or empty) is an `Err`, as for labcore JSON; JSON that is not a resource
/// labcore reads gives a `message_type_unsupported` finding.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use labcore::{catalog::Catalog, fhir, Context};
/// let catalog = Catalog::builtin()?;
/// let context = Context::new(&catalog, Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap());
/// let observation = br#"{"resourceType": "Observation", "status": "final",
///   "code": {"coding": [{"system": "http://loinc.org", "code": "2345-7"}], "text": "Glucose"},
///   "subject": {"reference": "Patient/p-1"}, "effectiveDateTime": "2026-11-24T07:42:00-05:00",
///   "performer": [{"display": "Northwind Lab"}],
///   "valueQuantity": {"value": 5.50, "unit": "mmol/L", "system": "http://unitsofmeasure.org", "code": "mmol/L"}}"#;
/// let outcome = fhir::read(observation, &context)?;
/// let glucose = &outcome.reports[0].report.results[0];
/// assert_eq!((glucose.analyte, glucose.significant_digits), (Some("glucose"), Some(3)));
/// assert!((glucose.value.unwrap() - 99.1).abs() < 0.05);                 // mg/dL, conventional units
/// assert_eq!(glucose.location.as_ref().map(|l| l.to_string()).as_deref(), Some("Observation"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read<'c>(input: &[u8], context: &Context<'c>) -> Result<FhirOutcome<'c>> {
    read_as(input, context, true)
}

/// [`read`], building each accepted report's typed payload only when `typed`.
pub(crate) fn read_as<'c>(input: &[u8], context: &Context<'c>, typed: bool) -> Result<FhirOutcome<'c>> {
    let text = crate::process::check_input(input, context.max_input_bytes())?;
    let raw: &RawValue = serde_json::from_str(text).map_err(|e| Error::from_json(&e))?;
    let mut findings = Findings::default();
    let Some((top, kind)) = top_resource(raw, &mut findings) else {
        return Ok(FhirOutcome { resource_type: None, findings: findings.into_vec(), reports: Vec::new() });
    };
    let at = SourceLocation::Fhir(Box::new(FhirPath::resource(kind)));
    if top.has_duplicate_keys() {
        let message = "a key appears twice in the resource (FHIR JSON forbids it); the first value was used";
        findings.push_at(FindingCode::DuplicateField, JsonPointer::root(), at.clone(), message);
    }
    let test_data = not_patient::message_mark(&top, kind);
    let resources = bundle::Resources::collect(top, kind);
    let reports: Vec<Processed<'c>> = group::groups(&resources, &mut findings)
        .into_iter()
        .map(|g| {
            let not_patient = not_patient::findings(&resources, &g, test_data);
            let mut mapped = draft::map(&resources, g, context.catalog());
            for finding in not_patient {
                mapped.findings.push_finding(finding);
                mapped.draft.not_patient = true;
            }
            crate::process::evaluate(mapped.draft, mapped.findings, context, typed, Some(&mapped.map))
        })
        .collect();
    // An input of Observations out of labcore's scope is answered by their `not_laboratory` findings alone.
    if reports.is_empty() && !findings.has(FindingCode::NotLaboratory) {
        findings.push_at(FindingCode::NoResults, JsonPointer::root(), at, "the input holds no laboratory Observation");
    }
    Ok(FhirOutcome { resource_type: Some(kind), findings: findings.into_vec(), reports })
}

/// The top-level resource, when it is an object of a type labcore reads (else a finding says what it is).
fn top_resource<'a>(raw: &'a RawValue, findings: &mut Findings) -> Option<(json::Obj<'a>, &'static str)> {
    let Some(top) = json::Obj::read(raw) else {
        findings.push(FindingCode::InvalidType, JsonPointer::root(), "a FHIR resource is a JSON object");
        return None;
    };
    let named = top.string("resourceType");
    let kind = named
        .as_deref()
        .and_then(bundle::known_type)
        .filter(|k| matches!(*k, "Bundle" | "DiagnosticReport" | "Observation" | "Patient"));
    if kind.is_none() {
        let message = match named {
            Some(_) => "labcore reads Observation, DiagnosticReport, Bundle and Patient resources only",
            None => "the JSON has no `resourceType`: it is not a FHIR resource",
        };
        findings.push(FindingCode::MessageTypeUnsupported, JsonPointer::root(), message);
    }
    Some((top, kind?))
}

/// Whether the input's top-level JSON object has a `resourceType` member: a FHIR resource, not labcore JSON.
pub(crate) fn is_fhir(text: &str) -> bool {
    if !text.contains("\"resourceType\"") {
        return false;
    }
    serde_json::from_str::<&RawValue>(text)
        .ok()
        .and_then(json::Obj::read)
        .is_some_and(|o| o.get("resourceType").is_some())
}
