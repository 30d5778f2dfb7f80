//! Findings: what labcore has to say about a payload, as data.
//!
//! A finding never carries a payload value: its message is built only from labcore's own vocabulary
//! (field names, catalog names, unit kinds), so reports can be logged and shown to support staff.

mod code;
mod pointer;
mod rejection;
mod text;

pub use code::FindingCode;
pub use pointer::JsonPointer;
pub(crate) use pointer::Segment as Step;
pub use rejection::Rejection;

use serde::Serialize;
use std::borrow::Cow;

use crate::SourceLocation;

/// How serious a finding is. Any `Error` rejects the payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing; nothing is wrong.
    Info,
    /// Accepted, but a person should look (a text result, an implausible value, …).
    Warning,
    /// The payload cannot be accepted as sent.
    Error,
}

impl Severity {
    /// The lowercase name, as serialised.
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One thing labcore found in a payload.
///
/// ```
/// use labcore::{Finding, FindingCode, JsonPointer, Severity};
/// let finding = Finding::new(FindingCode::MissingField, JsonPointer::root().key("lab_id"), "lab_id is required");
/// assert_eq!(finding.code().as_str(), "missing_field");
/// assert_eq!(finding.severity(), Severity::Error);
/// assert_eq!(finding.path().to_string(), "/lab_id");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    code: FindingCode,
    severity: Severity,
    path: JsonPointer,
    /// Where in the sender's HL7 or FHIR message (null for labcore JSON, where `path` is the location).
    location: Option<SourceLocation>,
    message: text::Text,
}

impl Finding {
    /// A finding with the code's default severity.
    pub fn new(code: FindingCode, path: JsonPointer, message: impl Into<Cow<'static, str>>) -> Finding {
        Finding::build(code, path, message.into())
    }

    /// [`Finding::new`] without its generic part: one copy of the code, called from every place that reports
    /// (inlined at each, it made the hot paths too large for the instruction cache).
    #[inline(never)]
    fn build(code: FindingCode, path: JsonPointer, message: Cow<'static, str>) -> Finding {
        Finding { code, severity: code.default_severity(), path, location: None, message: message.into() }
    }

    /// A finding whose message other findings share (built once, counted by reference).
    pub(crate) fn shared(code: FindingCode, path: JsonPointer, message: std::sync::Arc<str>) -> Finding {
        let message = text::Text::Shared(message);
        Finding { code, severity: code.default_severity(), path, location: None, message }
    }

    /// The same finding, located in the sender's message.
    #[must_use]
    pub fn with_location(mut self, location: SourceLocation) -> Finding {
        self.location = Some(location);
        self
    }

    /// The same finding with another severity.
    #[must_use]
    pub fn with_severity(mut self, severity: Severity) -> Finding {
        self.severity = severity;
        self
    }

    /// Locates a finding in the sender's message after the fact.
    pub(crate) fn set_location(&mut self, location: SourceLocation) {
        self.location = Some(location);
    }

    /// The stable code.
    pub fn code(&self) -> FindingCode {
        self.code
    }

    /// How serious it is.
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// Where in the payload (a JSON pointer, RFC 6901, into labcore's model of it).
    pub fn path(&self) -> &JsonPointer {
        &self.path
    }

    /// Where in the sender's HL7 v2 or FHIR message, for inputs in those formats.
    pub fn location(&self) -> Option<&SourceLocation> {
        self.location.as_ref()
    }

    /// A human sentence that never contains a payload value.
    pub fn message(&self) -> &str {
        self.message.as_str()
    }
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (severity, code, message, path) = (self.severity.as_str(), self.code, self.message.as_str(), &self.path);
        if let Some(location) = &self.location {
            write!(f, "{severity} {code}: {message} at {location}")
        } else if path.is_root() {
            write!(f, "{severity} {code}: {message}")
        } else {
            write!(f, "{severity} {code}: {message} at {path}")
        }
    }
}

/// Collects findings while a payload is read.
#[derive(Debug, Default, Clone)]
pub(crate) struct Findings {
    items: Vec<Finding>,
}

impl Findings {
    /// Room for `capacity` findings before the first growth.
    pub(crate) fn with_capacity(capacity: usize) -> Findings {
        Findings { items: Vec::with_capacity(capacity) }
    }

    pub(crate) fn push(&mut self, code: FindingCode, path: JsonPointer, message: impl Into<Cow<'static, str>>) {
        self.push_message(code, path, message.into());
    }

    /// [`Findings::push`] without its generic part, out of line (see [`Finding::build`]).
    #[inline(never)]
    fn push_message(&mut self, code: FindingCode, path: JsonPointer, message: Cow<'static, str>) {
        self.items.push(Finding::build(code, path, message));
    }

    #[inline(never)]
    pub(crate) fn push_finding(&mut self, finding: Finding) {
        self.items.push(finding);
    }

    /// Pushes a finding unless the same one (code, severity, path, location and message) is already there.
    pub(crate) fn push_once(&mut self, finding: Finding) {
        if !self.items.contains(&finding) {
            self.items.push(finding);
        }
    }

    /// Pushes a finding located in the sender's message.
    pub(crate) fn push_at(
        &mut self,
        code: FindingCode,
        path: JsonPointer,
        location: SourceLocation,
        message: impl Into<Cow<'static, str>>,
    ) {
        self.items.push(Finding::build(code, path, message.into()).with_location(location));
    }

    /// Gives the last finding pushed another severity.
    pub(crate) fn retune_last(&mut self, severity: Severity) {
        if let Some(last) = self.items.last_mut() {
            last.severity = severity;
        }
    }

    /// Keeps only the first `keep` findings with this code; returns how many were dropped.
    pub(crate) fn keep_first_of(&mut self, code: FindingCode, keep: usize) -> usize {
        let mut seen = 0;
        let before = self.items.len();
        self.items.retain(|f| {
            if f.code != code {
                return true;
            }
            seen += 1;
            seen <= keep
        });
        before - self.items.len()
    }

    /// How many findings there are so far.
    pub(crate) fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether any finding so far has this code.
    pub(crate) fn has(&self, code: FindingCode) -> bool {
        self.items.iter().any(|f| f.code == code)
    }

    /// Whether any finding so far is an error.
    pub(crate) fn has_error(&self) -> bool {
        self.items.iter().any(|f| f.severity == Severity::Error)
    }

    /// Whether a finding so far is an error about result `index` (`/results/<index>/…`); the latest are looked at
    /// first, as a result's findings are pushed together.
    pub(crate) fn has_error_about(&self, index: usize) -> bool {
        self.items.iter().rev().any(|f| f.severity == Severity::Error && f.path.result_index() == Some(index))
    }

    /// Moves every finding of `other` to the end of these.
    pub(crate) fn append(&mut self, mut other: Findings) {
        self.items.append(&mut other.items);
    }

    /// The findings, payload-level ones first, then result by result in payload order (stable otherwise).
    pub(crate) fn into_vec(mut self) -> Vec<Finding> {
        self.items.sort_by_key(|f| f.path.result_index());
        self.items
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_is_one_line_with_code_and_path() {
        let f = Finding::new(FindingCode::UnitUnknown, JsonPointer::root().key("results").index(2).key("unit"), "x");
        assert_eq!(f.to_string(), "error unit_unknown: x at /results/2/unit");
    }

    #[test]
    fn serialises_as_flat_object() {
        let f = Finding::new(FindingCode::ValueCensored, JsonPointer::root(), "m");
        let json = serde_json::to_string(&f).unwrap_or_default();
        assert_eq!(json, r#"{"code":"value_censored","severity":"info","path":"","location":null,"message":"m"}"#);
    }
}
