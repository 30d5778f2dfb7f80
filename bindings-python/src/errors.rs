//! Every core error mapped to its Python exception, in one place. The classes are defined in Python
//! (`labcore/_errors.py`) so that they pickle; messages come from the core and carry no input text.

use pyo3::prelude::*;
use pyo3::types::PyList;

/// The Python class names, as in `labcore/_errors.py`.
#[derive(Clone, Copy)]
pub(crate) enum Class {
    Input,
    Validation,
    Catalog,
    Redaction,
    Option,
    Base,
}

impl Class {
    fn name(self) -> &'static str {
        match self {
            Class::Input => "InputError",
            Class::Validation => "ValidationError",
            Class::Catalog => "CatalogError",
            Class::Redaction => "RedactionError",
            Class::Option => "OptionError",
            Class::Base => "LabcoreError",
        }
    }
}

/// Builds `labcore._errors.<class>(message, code, path, findings)` as an exception to raise.
pub(crate) fn raise(class: Class, message: &str, code: &str, path: &str, findings: Option<Bound<'_, PyAny>>) -> PyErr {
    Python::attach(|py| match build(py, class, message, code, path, findings) {
        Ok(err) => err,
        Err(err) => err,
    })
}

fn build<'py>(
    py: Python<'py>,
    class: Class,
    message: &str,
    code: &str,
    path: &str,
    findings: Option<Bound<'py, PyAny>>,
) -> PyResult<PyErr> {
    let module = py.import("labcore._errors")?;
    let findings = findings.unwrap_or_else(|| PyList::empty(py).into_any());
    let instance = module.getattr(class.name())?.call1((message, code, path, findings))?;
    Ok(PyErr::from_value(instance))
}

/// An unusable input (`not_json`, `empty_input`, `input_too_large`, `unknown_format`).
pub(crate) fn input(err: &labcore::Error) -> PyErr {
    raise(Class::Input, &err.to_string(), err.code(), &err.path(), None)
}

/// A rejected payload: `ValidationError` with every finding (as Python data).
pub(crate) fn rejected(code: &str, rejection: Option<&labcore::Rejection>, findings: Bound<'_, PyAny>) -> PyErr {
    let empty = labcore::Rejection::default();
    let rejection = rejection.unwrap_or(&empty);
    raise(Class::Validation, &rejection.message(code), code, &rejection.path, Some(findings))
}

/// A laboratory catalog that cannot be loaded (catalogs are configuration, not patient data).
pub(crate) fn catalog(err: &labcore::catalog::CatalogError) -> PyErr {
    raise(Class::Catalog, &err.to_string(), err.code(), "", None)
}

/// Redaction that cannot run, or its unusable input.
pub(crate) fn redaction(err: &labcore::redact::RedactError) -> PyErr {
    match err {
        labcore::redact::RedactError::Input(inner) => input(inner),
        labcore::redact::RedactError::UnknownFormat
        | labcore::redact::RedactError::Unreadable
        | labcore::redact::RedactError::TooDeep => raise(Class::Input, &err.to_string(), err.code(), "", None),
        _ => raise(Class::Redaction, &err.to_string(), err.code(), "", None),
    }
}

/// A redaction key that cannot be used.
pub(crate) fn key(err: labcore::redact::KeyError) -> PyErr {
    raise(Class::Redaction, &err.to_string(), err.code(), "key", None)
}

/// An argument with a value labcore does not know; `argument` names it, `problem` says what is wrong.
pub(crate) fn option(argument: &str, problem: &str) -> PyErr {
    raise(Class::Option, &format!("{argument} {problem}"), "invalid_option", argument, None)
}

/// Something that cannot happen unless the binding is wrong.
pub(crate) fn internal(problem: &str) -> PyErr {
    raise(Class::Base, problem, "internal_error", "", None)
}
