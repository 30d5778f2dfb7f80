//! What is said of a rejected input when it is refused as a whole (the bindings raise it as an error).

use super::{Finding, Severity};

/// A rejected input's summary: where its first error is — the sender's HL7 or FHIR location when there is one,
/// else the JSON pointer — and how many errors it has. Never a value from the input.
///
/// ```
/// use labcore::{Finding, FindingCode, JsonPointer, Rejection};
/// let findings = [Finding::new(FindingCode::MissingField, JsonPointer::root().key("lab_id"), "lab_id is required")];
/// let rejection = Rejection::of(&findings);
/// assert_eq!((rejection.path.as_str(), rejection.errors), ("/lab_id", 1));
/// assert_eq!(rejection.message(Rejection::PAYLOAD), "the payload was rejected: 1 error finding(s)");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Rejection {
    /// Where the first error finding is (the first finding when none is an error); empty when there is none.
    pub path: String,
    /// How many findings are errors.
    pub errors: usize,
}

impl Rejection {
    /// The code of a refused payload.
    pub const PAYLOAD: &'static str = "payload_rejected";
    /// The code of a rejected report asked for as FHIR (`FhirError::Rejected`).
    pub const REPORT: &'static str = "report_rejected";

    /// The summary of a rejected input's findings.
    pub fn of<'f>(findings: impl IntoIterator<Item = &'f Finding>) -> Rejection {
        let findings: Vec<&Finding> = findings.into_iter().collect();
        let is_error = |f: &&&Finding| f.severity() == Severity::Error;
        let path = findings
            .iter()
            .find(is_error)
            .or(findings.first())
            .map(|f| f.location().map_or_else(|| f.path().to_string(), ToString::to_string))
            .unwrap_or_default();
        Rejection { path, errors: findings.iter().filter(is_error).count() }
    }

    /// The message of the error raised for it, by its code ([`Rejection::PAYLOAD`] or [`Rejection::REPORT`]).
    pub fn message(&self, code: &str) -> String {
        if code == Rejection::REPORT {
            "a rejected payload has no FHIR report; its findings say why".to_owned()
        } else {
            format!("the payload was rejected: {} error finding(s)", self.errors)
        }
    }
}
