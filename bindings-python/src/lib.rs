//! labcore for Python: the native module `labcore._native` behind the `labcore` package.
//!
//! Thin by design: it converts Python arguments to what the core reads, runs the core with the GIL released,
//! and converts the answer (plain data) and the errors (`labcore.LabcoreError` and its subclasses, mapped in
//! `errors.rs`). Every decision is the core's.

mod context;
mod convert;
mod errors;
mod outcome;
mod priors;
mod pydata;
mod redact;

use labcore::hl7::AckOptions;
use labcore::{Format, Intake};
use pyo3::prelude::*;

use context::{LabCatalog, Settings};
use outcome::{Outcome, Summary};

/// Reads the input as `format` says: `None`/`auto` recognises it, else `labcore`, `fhir` or `hl7v2`.
fn format_argument(format: Option<&str>) -> PyResult<Option<Format>> {
    match format {
        None | Some("auto") => Ok(None),
        Some(name) => Format::from_name(name)
            .map(Some)
            .ok_or_else(|| errors::option("format", "must be auto, labcore, fhir or hl7v2")),
    }
}

/// Runs the core on an input with the GIL released and hands `finish` the intake, still without the GIL.
fn with_intake<T: Send>(
    py: Python<'_>,
    payload: &Bound<'_, PyAny>,
    format: Option<&str>,
    settings: &Settings,
    finish: impl FnOnce(&Intake<'_>) -> T + Send,
) -> PyResult<T> {
    let format = format_argument(format)?;
    let input = convert::input(payload, "payload")?;
    let catalog = context::catalog()?;
    let context = settings.context(catalog);
    let bytes = input.bytes();
    py.detach(|| labcore::validate_as(bytes, &context, format).map(|intake| finish(&intake)))
        .map_err(|e| errors::input(&e))
}

fn summarise(
    py: Python<'_>,
    payload: &Bound<'_, PyAny>,
    format: Option<&str>,
    settings: Settings,
) -> PyResult<Summary> {
    let format = format_argument(format)?;
    Summary::read(py, convert::input(payload, "payload")?, format, settings)
}

/// Validates, normalises and flags a payload — labcore JSON, FHIR R4 JSON or HL7 v2, as `str`, `bytes` or a
/// `dict` — and returns an `Outcome`. Findings about the payload are data (`outcome.findings`); only an
/// unusable input (empty, not JSON, no known format) raises `InputError`.
#[pyfunction]
#[pyo3(signature = (payload, *, format = None, as_of = None, unit_system = "conventional", lab_catalog = None, priors = None))]
fn process(
    py: Python<'_>,
    payload: &Bound<'_, PyAny>,
    format: Option<&str>,
    as_of: Option<&Bound<'_, PyAny>>,
    unit_system: &str,
    lab_catalog: Option<Bound<'_, LabCatalog>>,
    priors: Option<&Bound<'_, PyAny>>,
) -> PyResult<Outcome> {
    let settings = Settings::read(as_of, unit_system, lab_catalog, priors)?;
    summarise(py, payload, format, settings).map(Outcome::new)
}

/// Like `process`, but raises `ValidationError` (code `payload_rejected`, with every finding) when the payload
/// is rejected.
#[pyfunction]
#[pyo3(signature = (payload, *, format = None, as_of = None, unit_system = "conventional", lab_catalog = None, priors = None))]
fn validate(
    py: Python<'_>,
    payload: &Bound<'_, PyAny>,
    format: Option<&str>,
    as_of: Option<&Bound<'_, PyAny>>,
    unit_system: &str,
    lab_catalog: Option<Bound<'_, LabCatalog>>,
    priors: Option<&Bound<'_, PyAny>>,
) -> PyResult<Outcome> {
    let settings = Settings::read(as_of, unit_system, lab_catalog, priors)?;
    let summary = summarise(py, payload, format, settings)?;
    if summary.accepted() {
        return Ok(Outcome::new(summary));
    }
    Err(summary.rejected(py, labcore::Rejection::PAYLOAD))
}

/// Reads HL7 v2 (ORU^R01 messages, several messages, or a batch) into labcore reports: `process` with
/// `format="hl7v2"` (so that unreadable input earns findings and an `AR`, not an exception).
#[pyfunction]
#[pyo3(signature = (message, *, as_of = None, unit_system = "conventional", lab_catalog = None, priors = None))]
fn parse_hl7(
    py: Python<'_>,
    message: &Bound<'_, PyAny>,
    as_of: Option<&Bound<'_, PyAny>>,
    unit_system: &str,
    lab_catalog: Option<Bound<'_, LabCatalog>>,
    priors: Option<&Bound<'_, PyAny>>,
) -> PyResult<Outcome> {
    let settings = Settings::read(as_of, unit_system, lab_catalog, priors)?;
    summarise(py, message, Some("hl7v2"), settings).map(Outcome::new)
}

/// The HL7 ACK labcore would send for each message of an HL7 v2 input (`AA`, `AE` or `AR`, with ERR segments
/// carrying finding codes and locations, never PHI), each a `str` of CR-terminated segments. `control_id` is
/// the ACK's MSH-10, `timestamp` its MSH-7 (default `as_of`, default now).
#[pyfunction]
#[pyo3(signature = (message, *, control_id = "ACK-1", timestamp = None, include_info = false, as_of = None, unit_system = "conventional", lab_catalog = None, priors = None))]
#[allow(clippy::too_many_arguments)]
fn ack(
    py: Python<'_>,
    message: &Bound<'_, PyAny>,
    control_id: &str,
    timestamp: Option<&Bound<'_, PyAny>>,
    include_info: bool,
    as_of: Option<&Bound<'_, PyAny>>,
    unit_system: &str,
    lab_catalog: Option<Bound<'_, LabCatalog>>,
    priors: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<String>> {
    let settings = Settings::read(as_of, unit_system, lab_catalog, priors)?;
    let timestamp = match timestamp.filter(|t| !t.is_none()) {
        Some(t) => convert::fixed_time(t, "timestamp")?,
        None => settings.as_of().fixed_offset(),
    };
    let mut options = AckOptions::new(control_id, timestamp);
    options.include_info = include_info;
    with_intake(py, message, Some("hl7v2"), &settings, |intake| match intake {
        Intake::Hl7(outcome) => outcome.acks(&options),
        _ => Vec::new(),
    })
}

/// Renders each report of a payload as a FHIR R4 DiagnosticReport with contained Observations (a list of
/// dicts, one per report). A rejected report raises `ValidationError` (code `report_rejected`, with its
/// findings). `issued` defaults to `as_of`; `subject` (e.g. `Patient/123`) is included only when given.
#[pyfunction]
#[pyo3(signature = (payload, *, format = None, as_of = None, unit_system = "conventional", lab_catalog = None, issued = None, subject = None))]
#[allow(clippy::too_many_arguments)]
fn to_fhir<'py>(
    py: Python<'py>,
    payload: &Bound<'py, PyAny>,
    format: Option<&str>,
    as_of: Option<&Bound<'py, PyAny>>,
    unit_system: &str,
    lab_catalog: Option<Bound<'py, LabCatalog>>,
    issued: Option<&Bound<'py, PyAny>>,
    subject: Option<String>,
) -> PyResult<Bound<'py, PyAny>> {
    let settings = Settings::read(as_of, unit_system, lab_catalog, None)?;
    let issued = match issued.filter(|t| !t.is_none()) {
        Some(t) => convert::time(Some(t), "issued")?,
        None => settings.as_of(),
    };
    let catalog = context::catalog()?;
    let options = labcore::fhir::FhirOptions { issued, subject, id: None };
    let rendered = with_intake(py, payload, format, &settings, |intake| match intake.to_fhir(catalog, &options) {
        Ok(reports) => Ok(serde_json::to_string(&reports)),
        Err(rejected) => Err((labcore::Rejection::of(&rejected.findings), serde_json::to_string(&rejected.findings))),
    })?;
    match rendered {
        Ok(json) => convert::json_to_python(py, &json.map_err(outcome::render_error)?),
        Err((rejection, findings)) => {
            let findings = convert::json_to_python(py, &findings.map_err(outcome::render_error)?)?;
            Err(errors::rejected(labcore::Rejection::REPORT, Some(&rejection), findings))
        }
    }
}

/// Every finding of a payload as a FHIR R4 OperationOutcome (a dict): severity, code, expression and
/// diagnostics without PHI; a single informational issue when there is nothing to say.
#[pyfunction]
#[pyo3(signature = (payload, *, format = None, as_of = None, unit_system = "conventional", lab_catalog = None))]
fn operation_outcome<'py>(
    py: Python<'py>,
    payload: &Bound<'py, PyAny>,
    format: Option<&str>,
    as_of: Option<&Bound<'py, PyAny>>,
    unit_system: &str,
    lab_catalog: Option<Bound<'py, LabCatalog>>,
) -> PyResult<Bound<'py, PyAny>> {
    let settings = Settings::read(as_of, unit_system, lab_catalog, None)?;
    let json = with_intake(py, payload, format, &settings, |intake| {
        serde_json::to_string(&labcore::fhir::operation_outcome(intake.all_findings()))
    })?
    .map_err(outcome::render_error)?;
    convert::json_to_python(py, &json)
}

/// The format of an input (`labcore`, `fhir`, `hl7v2`), or `None` when it is none of them.
#[pyfunction]
fn detect_format(payload: &Bound<'_, PyAny>) -> PyResult<Option<&'static str>> {
    let input = convert::input(payload, "payload")?;
    Ok(labcore::detect(input.bytes()).map(Format::as_str))
}

/// The native module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(process, m)?)?;
    m.add_function(wrap_pyfunction!(validate, m)?)?;
    m.add_function(wrap_pyfunction!(parse_hl7, m)?)?;
    m.add_function(wrap_pyfunction!(ack, m)?)?;
    m.add_function(wrap_pyfunction!(to_fhir, m)?)?;
    m.add_function(wrap_pyfunction!(operation_outcome, m)?)?;
    m.add_function(wrap_pyfunction!(detect_format, m)?)?;
    m.add_function(wrap_pyfunction!(redact::redact, m)?)?;
    m.add_class::<Outcome>()?;
    m.add_class::<LabCatalog>()?;
    m.add_class::<redact::Policy>()?;
    m.add_class::<redact::Redactor>()?;
    m.add_class::<redact::Redacted>()?;
    Ok(())
}
