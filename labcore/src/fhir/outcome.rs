//! Findings as a FHIR R4 OperationOutcome: one issue per finding, with its severity, an IssueType code, labcore's
//! finding code in `details`, the PHI-free message in `diagnostics`, and the FHIRPath of the finding in
//! `expression` for FHIR inputs (for other inputs the location goes into `diagnostics`).

use serde::Serialize;

use super::model::{CodeableConcept, Coding};
use crate::{Finding, FindingCode, Severity, SourceLocation};

/// The code system of labcore's finding codes in `issue.details` (the codes are listed in the schema README).
pub const FINDING_CODE_SYSTEM_URI: &str = "https://github.com/labcore/labcore/finding-codes";

/// FHIR R4 `OperationOutcome`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OperationOutcome {
    /// Always `OperationOutcome`.
    pub resource_type: &'static str,
    /// At least one issue (FHIR requires one): an `information` issue when there are no findings.
    pub issue: Vec<Issue>,
}

/// `OperationOutcome.issue`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Issue {
    /// `fatal`, `error`, `warning` or `information`.
    pub severity: &'static str,
    /// The IssueType code (`required`, `value`, `code-invalid`, `business-rule`, …).
    pub code: &'static str,
    /// labcore's finding code, and the message as text.
    pub details: CodeableConcept,
    /// The message, and the location when it is not a FHIRPath.
    pub diagnostics: String,
    /// The FHIRPath of the finding, for FHIR inputs.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub expression: Vec<String>,
}

/// Renders findings as an OperationOutcome.
///
/// ```
/// use labcore::{fhir::operation_outcome, Finding, FindingCode, JsonPointer};
/// let finding = Finding::new(FindingCode::UnitUnknown, JsonPointer::root().key("results").index(0).key("unit"), "unknown unit");
/// let outcome = serde_json::to_value(operation_outcome(&[finding]))?;
/// assert_eq!(outcome["issue"][0]["severity"], "error");
/// assert_eq!(outcome["issue"][0]["code"], "code-invalid");
/// assert_eq!(outcome["issue"][0]["details"]["coding"][0]["code"], "unit_unknown");
/// assert_eq!(outcome["issue"][0]["diagnostics"], "unknown unit (at /results/0/unit)");
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn operation_outcome<'f>(findings: impl IntoIterator<Item = &'f Finding>) -> OperationOutcome {
    let mut issue: Vec<Issue> = findings.into_iter().map(issue).collect();
    if issue.is_empty() {
        issue.push(Issue {
            severity: "information",
            code: "informational",
            details: CodeableConcept { coding: Vec::new(), text: Some("accepted; no findings".into()) },
            diagnostics: "accepted; no findings".into(),
            expression: Vec::new(),
        });
    }
    OperationOutcome { resource_type: "OperationOutcome", issue }
}

fn issue(finding: &Finding) -> Issue {
    let (expression, diagnostics) = match finding.location() {
        Some(SourceLocation::Fhir(path)) => (vec![path.to_string()], finding.message().to_owned()),
        Some(other) => (Vec::new(), format!("{} (at {other})", finding.message())),
        None if finding.path().is_root() => (Vec::new(), finding.message().to_owned()),
        None => (Vec::new(), format!("{} (at {})", finding.message(), finding.path())),
    };
    let coding = Coding { system: FINDING_CODE_SYSTEM_URI, code: finding.code().as_str().to_owned(), display: None };
    Issue {
        severity: match finding.severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "information",
        },
        code: issue_type(finding.code()),
        details: CodeableConcept { coding: vec![coding], text: Some(finding.message().to_owned()) },
        diagnostics,
        expression,
    }
}

/// The FHIR R4 IssueType (`http://hl7.org/fhir/issue-type`) closest to a finding code: a missing element is
/// `required`; a malformed one `structure` or `value`; an unknown code `code-invalid`; a clinical rule
/// `business-rule`; something labcore does not read `not-supported`; a dangling reference `not-found`; a
/// note that changes nothing `informational`.
pub fn issue_type(code: FindingCode) -> &'static str {
    use FindingCode as C;
    match code {
        C::MissingField | C::NoResults => "required",
        C::InvalidType
        | C::DuplicateField
        | C::UnknownField
        | C::MessageUnreadable
        | C::SegmentUnexpected
        | C::SegmentInvalid
        | C::TextEncoding => "structure",
        C::InvalidValue | C::ValueAmbiguous | C::ValueTruncated | C::EscapeMalformed | C::ValueNotNumeric => "value",
        C::TooLong => "too-long",
        C::UnknownAnalyte | C::InvalidLoinc | C::UnitUnknown | C::AnalyteAmbiguous | C::VendorFlagUnknown => {
            "code-invalid"
        }
        C::MessageTypeUnsupported | C::VersionUnsupported | C::ValueTypeUnsupported => "not-supported",
        C::ReferenceUnresolved => "not-found",
        C::AnalyteConflict
        | C::UnitIncompatible
        | C::UnitLoincMismatch
        | C::ImplausibleValue
        | C::DuplicateAnalyte
        | C::CollectedInFuture
        | C::CollectedBeforeBirth
        | C::PanelMismatch
        | C::RangeUnparseable
        | C::CriticalValue
        | C::FlagMismatch
        | C::DerivationRefused
        | C::PanelIncomplete
        | C::DeltaFailure
        | C::ResultRetracted => "business-rule",
        _ => "informational",
    }
}
