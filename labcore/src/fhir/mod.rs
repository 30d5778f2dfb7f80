//! FHIR R4 in and out. In: [`read`] takes Observations, DiagnosticReports, Bundles and Patients. Out: the
//! processed report as a FHIR R4 `DiagnosticReport` with its `Observation`s contained: LOINC codings, UCUM
//! `valueQuantity`, `referenceRange`, `interpretation`, and derived values linked to their inputs.

pub(crate) mod input;
mod model;
mod observation;
mod outcome;

pub use input::{FhirOutcome, read};
pub(crate) use input::{is_fhir, read_as};
pub use model::{CodeableConcept, Coding, DiagnosticReport, Observation, Quantity, Range, Reference, ReferenceRange};
pub use outcome::{FINDING_CODE_SYSTEM_URI, Issue, OperationOutcome, issue_type, operation_outcome};

use chrono::{DateTime, SecondsFormat, Utc};

use crate::catalog::Catalog;
use crate::report::{Report, Status};

/// LOINC's code system URI.
pub const LOINC_SYSTEM: &str = "http://loinc.org";
/// UCUM's code system URI.
pub const UCUM_SYSTEM: &str = "http://unitsofmeasure.org";

/// What the FHIR rendering needs besides the report. The patient reference is PHI: it appears only when the
/// caller passes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FhirOptions {
    /// `issued`: when the report was produced (labcore does not read the clock).
    pub issued: DateTime<Utc>,
    /// `subject.reference`, e.g. `Patient/123`.
    pub subject: Option<String>,
    /// `DiagnosticReport.id`.
    pub id: Option<String>,
}

/// Why a report has no FHIR rendering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FhirError {
    /// The payload was rejected: its findings, not a clinical report, are what to send back.
    #[error("a rejected payload has no FHIR report; return its findings instead")]
    Rejected,
}

impl FhirError {
    /// A stable snake_case code.
    pub const fn code(self) -> &'static str {
        match self {
            FhirError::Rejected => "report_rejected",
        }
    }
}

/// Renders a report as a FHIR R4 DiagnosticReport.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use labcore::{catalog::Catalog, fhir::{to_fhir, FhirOptions}, Context};
/// let catalog = Catalog::builtin()?;
/// let as_of = Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap();
/// let payload = br#"{"patient_id": "P-1", "lab_id": "LAB", "test_type": "CMP", "collected_at": "2026-11-24T08:00:00Z",
///   "results": [{"analyte": "Potassium", "value": 6.8, "unit": "mmol/L"}]}"#;
/// let report = labcore::validate(payload, &Context::new(&catalog, as_of))?;
/// let fhir = to_fhir(&report, &catalog, &FhirOptions { issued: as_of, subject: None, id: None })?;
/// let json = serde_json::to_value(&fhir)?;
/// assert_eq!(json["contained"][0]["interpretation"][0]["coding"][0]["code"], "HH");
/// assert_eq!(json["contained"][0]["valueQuantity"]["code"], "mmol/L");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn to_fhir(report: &Report, catalog: &Catalog, options: &FhirOptions) -> Result<DiagnosticReport, FhirError> {
    let status = match report.status {
        Status::Ready => "final",
        Status::NeedsReview => "preliminary",
        Status::Rejected => return Err(FhirError::Rejected),
    };
    let frame = observation::Frame {
        status,
        subject: options.subject.as_ref().map(|s| Reference { reference: Some(s.clone()), display: None }),
        effective: report.collected_at.map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true)),
        issued: options.issued.to_rfc3339_opts(SecondsFormat::Secs, true),
    };
    let mut contained: Vec<Observation> =
        report.results.iter().map(|r| observation::measured(r, catalog, &frame)).collect();
    contained.extend(report.derived.iter().enumerate().map(|(i, d)| observation::derived(i, d, catalog, &frame)));
    let result = contained.iter().map(|o| Reference { reference: Some(format!("#{}", o.id)), display: None }).collect();
    Ok(DiagnosticReport {
        resource_type: "DiagnosticReport",
        id: options.id.clone(),
        contained,
        status,
        category: vec![CodeableConcept::coded(
            "http://terminology.hl7.org/CodeSystem/v2-0074",
            "LAB",
            Some("Laboratory".into()),
        )],
        code: panel_code(report, catalog),
        subject: frame.subject.clone(),
        effective_date_time: frame.effective.clone(),
        issued: frame.issued.clone(),
        performer: report.lab_id.iter().map(|lab| Reference { reference: None, display: Some(lab.clone()) }).collect(),
        result,
    })
}

/// The panel's LOINC code when the catalog has a verified one, and its name as text.
fn panel_code(report: &Report, catalog: &Catalog) -> CodeableConcept {
    let Some(panel) = report.panel else {
        return CodeableConcept { coding: Vec::new(), text: Some("Laboratory report".into()) };
    };
    let mut code = match catalog.panel_code(panel) {
        Some(p) => CodeableConcept::coded(LOINC_SYSTEM, p.loinc.to_string(), Some(p.long_name.clone())),
        None => CodeableConcept::default(),
    };
    code.text = Some(panel.as_str().to_owned());
    code
}
