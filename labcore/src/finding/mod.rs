//! Findings: what labcore has to say about a payload, as data.
//!
//! A finding never carries a payload value: its message is built only from labcore's own vocabulary
//! (field names, catalog names, unit kinds), so reports can be logged and shown to support staff.

mod code;
mod pointer;

pub use code::FindingCode;
pub use pointer::JsonPointer;

use serde::Serialize;
use std::borrow::Cow;

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
    message: Cow<'static, str>,
}

impl Finding {
    /// A finding with the code's default severity.
    pub fn new(code: FindingCode, path: JsonPointer, message: impl Into<Cow<'static, str>>) -> Finding {
        Finding { code, severity: code.default_severity(), path, message: message.into() }
    }

    /// The same finding with another severity.
    #[must_use]
    pub fn with_severity(mut self, severity: Severity) -> Finding {
        self.severity = severity;
        self
    }

    /// The stable code.
    pub fn code(&self) -> FindingCode {
        self.code
    }

    /// How serious it is.
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// Where in the payload (a JSON pointer, RFC 6901).
    pub fn path(&self) -> &JsonPointer {
        &self.path
    }

    /// A human sentence that never contains a payload value.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (severity, code, message, path) = (self.severity.as_str(), self.code, &self.message, &self.path);
        if path.is_root() {
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
    pub(crate) fn push(&mut self, code: FindingCode, path: JsonPointer, message: impl Into<Cow<'static, str>>) {
        self.items.push(Finding::new(code, path, message));
    }

    pub(crate) fn push_finding(&mut self, finding: Finding) {
        self.items.push(finding);
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
        assert_eq!(json, r#"{"code":"value_censored","severity":"info","path":"","message":"m"}"#);
    }
}
