//! Every core error as one [`Failure`]: the core's stable `code`, the JS class it becomes (`kind`), the core's
//! PHI-free message, where (`path`) and, for rejections, every finding.

use serde::Serialize;

/// What the shared calls return.
pub type Result<T> = std::result::Result<T, Failure>;

/// The JS error class a failure becomes (its `name`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub enum Kind {
    /// The input is unusable as a whole.
    InputError,
    /// The input was read but rejected; the failure lists every finding.
    ValidationError,
    /// A laboratory catalog could not be loaded.
    CatalogError,
    /// Redaction cannot run as asked.
    RedactionError,
    /// An argument has a value labcore does not know.
    OptionError,
    /// Anything else (a bug in a binding).
    LabcoreError,
}

impl Kind {
    /// The class name, as JS sees it.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::InputError => "InputError",
            Kind::ValidationError => "ValidationError",
            Kind::CatalogError => "CatalogError",
            Kind::RedactionError => "RedactionError",
            Kind::OptionError => "OptionError",
            Kind::LabcoreError => "LabcoreError",
        }
    }
}

/// An error on its way to JS. Every text in it comes from the core's messages, which never hold input text.
#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    /// The core's stable snake_case code.
    #[serde(skip)]
    pub code: String,
    /// The JS class.
    pub kind: Kind,
    /// The message (PHI-free).
    pub message: String,
    /// Where: the sender's location (HL7 `OBX[3]-5`, FHIR path), a JSON pointer, `line L column C`, the name of
    /// an argument, or empty.
    pub path: String,
    /// For rejections, every finding as the core renders it.
    pub findings: Vec<serde_json::Value>,
}

impl Failure {
    fn new(kind: Kind, code: &str, message: String, path: String) -> Failure {
        Failure { code: code.to_owned(), kind, message, path, findings: Vec::new() }
    }

    /// An unusable input.
    pub fn input(err: &labcore::Error) -> Failure {
        Failure::new(Kind::InputError, err.code(), err.to_string(), err.path())
    }

    /// A rejected input, with every finding; the path is the first error's (HL7/FHIR location when known).
    pub fn rejected(code: &str, findings: &[&labcore::Finding]) -> Failure {
        let rejection = labcore::Rejection::of(findings.iter().copied());
        let mut failure = Failure::new(Kind::ValidationError, code, rejection.message(code), rejection.path);
        failure.findings = findings.iter().filter_map(|f| serde_json::to_value(f).ok()).collect();
        failure
    }

    /// A laboratory catalog that cannot be loaded.
    pub fn catalog(err: &labcore::catalog::CatalogError) -> Failure {
        Failure::new(Kind::CatalogError, err.code(), err.to_string(), String::new())
    }

    /// Redaction that cannot run, or its unusable input.
    pub fn redaction(err: &labcore::redact::RedactError) -> Failure {
        match err {
            labcore::redact::RedactError::Input(inner) => Failure::input(inner),
            labcore::redact::RedactError::UnknownFormat
            | labcore::redact::RedactError::Unreadable
            | labcore::redact::RedactError::TooDeep => {
                Failure::new(Kind::InputError, err.code(), err.to_string(), String::new())
            }
            _ => Failure::new(Kind::RedactionError, err.code(), err.to_string(), String::new()),
        }
    }

    /// A redaction key that cannot be used.
    pub fn key(err: labcore::redact::KeyError) -> Failure {
        Failure::new(Kind::RedactionError, err.code(), err.to_string(), "key".into())
    }

    /// An argument with a value labcore does not know (`argument` is its JS name).
    pub fn option(argument: &str, problem: &str) -> Failure {
        Failure::new(Kind::OptionError, "invalid_option", format!("{argument} {problem}"), argument.into())
    }

    /// Something that cannot happen unless a binding is wrong.
    pub fn internal(problem: &str) -> Failure {
        Failure::new(Kind::LabcoreError, "internal_error", problem.into(), String::new())
    }

    /// `{kind, message, path, findings}` as JSON text (the `code` travels beside it).
    pub fn detail_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }

    /// The findings as one JSON array text.
    pub fn findings_json(&self) -> String {
        serde_json::to_string(&self.findings).unwrap_or_else(|_| "[]".into())
    }
}

/// JSON text of an answer.
pub(crate) fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|_| Failure::internal("the answer could not be rendered"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_option_failure_names_the_argument() {
        let failure = Failure::option("unitSystem", "must be \"conventional\" or \"si\"");
        assert_eq!(
            (failure.code.as_str(), failure.kind, failure.path.as_str()),
            ("invalid_option", Kind::OptionError, "unitSystem")
        );
        let detail: serde_json::Value = serde_json::from_str(&failure.detail_json()).unwrap();
        assert_eq!(detail["kind"], "OptionError");
        assert!(detail.get("code").is_none());
        assert_eq!(failure.findings_json(), "[]");
    }

    #[test]
    fn kinds_are_class_names() {
        for kind in [
            Kind::InputError,
            Kind::ValidationError,
            Kind::CatalogError,
            Kind::RedactionError,
            Kind::OptionError,
            Kind::LabcoreError,
        ] {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
        }
    }
}
