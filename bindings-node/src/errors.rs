//! Every core error mapped to a JS error, in one place: `code` is the core's stable code, the message a JSON
//! object `{message, path, findings}` that `labcore.js` turns into a `LabcoreError` (with `kind` naming the
//! category). Messages come from the core and carry no input text.

use serde::Serialize;

/// What the addon's functions return.
pub(crate) type Result<T> = napi::Result<T, String>;

/// An error on its way to JS.
#[derive(Serialize)]
pub(crate) struct Failure {
    #[serde(skip)]
    code: String,
    kind: &'static str,
    message: String,
    path: String,
    findings: Vec<serde_json::Value>,
}

impl Failure {
    fn new(kind: &'static str, code: &str, message: String, path: String) -> Failure {
        Failure { code: code.to_owned(), kind, message, path, findings: Vec::new() }
    }

    /// An unusable input.
    pub(crate) fn input(err: &labcore::Error) -> Failure {
        Failure::new("InputError", err.code(), err.to_string(), err.path())
    }

    /// A rejected input, with every finding; the path is the first error's (HL7/FHIR location when known).
    pub(crate) fn rejected(code: &str, findings: &[&labcore::Finding]) -> Failure {
        let rejection = labcore::Rejection::of(findings.iter().copied());
        let mut failure = Failure::new("ValidationError", code, rejection.message(code), rejection.path);
        failure.findings = findings.iter().filter_map(|f| serde_json::to_value(f).ok()).collect();
        failure
    }

    /// A laboratory catalog that cannot be loaded.
    pub(crate) fn catalog(err: &labcore::catalog::CatalogError) -> Failure {
        Failure::new("CatalogError", err.code(), err.to_string(), String::new())
    }

    /// Redaction that cannot run, or its unusable input.
    pub(crate) fn redaction(err: &labcore::redact::RedactError) -> Failure {
        match err {
            labcore::redact::RedactError::Input(inner) => Failure::input(inner),
            labcore::redact::RedactError::UnknownFormat => {
                Failure::new("InputError", err.code(), err.to_string(), String::new())
            }
            _ => Failure::new("RedactionError", err.code(), err.to_string(), String::new()),
        }
    }

    /// A redaction key that cannot be used.
    pub(crate) fn key(err: labcore::redact::KeyError) -> Failure {
        Failure::new("RedactionError", err.code(), err.to_string(), "key".into())
    }

    /// An argument with a value labcore does not know.
    pub(crate) fn option(argument: &str, problem: &str) -> Failure {
        Failure::new("OptionError", "invalid_option", format!("{argument} {problem}"), argument.into())
    }

    /// Something that cannot happen unless the binding is wrong.
    pub(crate) fn internal(problem: &str) -> Failure {
        Failure::new("LabcoreError", "internal_error", problem.into(), String::new())
    }
}

impl From<Failure> for napi::Error<String> {
    fn from(failure: Failure) -> napi::Error<String> {
        let detail = serde_json::to_string(&failure).unwrap_or_else(|_| "{}".into());
        napi::Error::new(failure.code, detail)
    }
}
