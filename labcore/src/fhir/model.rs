//! The few FHIR R4 types labcore writes. FHIR forbids `null` and empty arrays, so absent parts are skipped.

use serde::Serialize;

/// `Coding`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coding {
    /// The code system URI.
    pub system: &'static str,
    /// The code.
    pub code: String,
    /// Its display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
}

/// `CodeableConcept`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct CodeableConcept {
    /// Codings.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub coding: Vec<Coding>,
    /// Plain text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl CodeableConcept {
    /// One coding.
    pub(crate) fn coded(system: &'static str, code: impl Into<String>, display: Option<String>) -> CodeableConcept {
        CodeableConcept { coding: vec![Coding { system, code: code.into(), display }], text: None }
    }
}

/// `Quantity` with a UCUM code.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    /// The number.
    pub value: f64,
    /// `<`, `<=`, `>=`, `>` for a bound.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comparator: Option<&'static str>,
    /// Human unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// `http://unitsofmeasure.org`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system: Option<&'static str>,
    /// The UCUM code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// `Range` (for a reference range's `age`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Range {
    /// Low end.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub low: Option<Quantity>,
    /// High end.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub high: Option<Quantity>,
}

/// `Reference`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reference {
    /// A relative, absolute or contained (`#id`) reference.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Text for the target.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
}

/// `Observation.referenceRange`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReferenceRange {
    /// Low limit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub low: Option<Quantity>,
    /// High limit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub high: Option<Quantity>,
    /// The kind of range (`normal`).
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<CodeableConcept>,
    /// Sexes it applies to.
    #[serde(rename = "appliesTo", skip_serializing_if = "Vec::is_empty")]
    pub applies_to: Vec<CodeableConcept>,
    /// Ages it applies to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub age: Option<Range>,
    /// The range as printed, and where it comes from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// An `Observation` (one result).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Observation {
    /// Always `Observation`.
    pub resource_type: &'static str,
    /// Local id, referenced as `#id` from the report.
    pub id: String,
    /// `final` or `preliminary`.
    pub status: &'static str,
    /// `laboratory`.
    pub category: Vec<CodeableConcept>,
    /// LOINC (or the name sent, for an unmapped result).
    pub code: CodeableConcept,
    /// The patient, when the caller gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<Reference>,
    /// When the specimen was collected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_date_time: Option<String>,
    /// When labcore processed the result.
    pub issued: String,
    /// The value with its UCUM unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_quantity: Option<Quantity>,
    /// Why there is no value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_absent_reason: Option<CodeableConcept>,
    /// The flag.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub interpretation: Vec<CodeableConcept>,
    /// How a derived value was computed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<CodeableConcept>,
    /// The range the flag was computed with.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reference_range: Vec<ReferenceRange>,
    /// For a derived value: the observations it was computed from.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub derived_from: Vec<Reference>,
}

/// A `DiagnosticReport` with its observations contained.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DiagnosticReport {
    /// Always `DiagnosticReport`.
    pub resource_type: &'static str,
    /// The report id, when the caller gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The observations.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub contained: Vec<Observation>,
    /// `final` or `preliminary`.
    pub status: &'static str,
    /// `LAB`.
    pub category: Vec<CodeableConcept>,
    /// The panel's LOINC code.
    pub code: CodeableConcept,
    /// The patient, when the caller gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<Reference>,
    /// When the specimen was collected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_date_time: Option<String>,
    /// When labcore processed the report.
    pub issued: String,
    /// The sending laboratory.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub performer: Vec<Reference>,
    /// References to the contained observations.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub result: Vec<Reference>,
}
