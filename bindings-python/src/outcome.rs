//! What a processing call returns: a light, immutable object with the headline answers as attributes and the
//! reports and findings converted to plain Python data on demand (a fresh copy on each access).

use labcore::{Format, Intake};
use pyo3::prelude::*;

use crate::context::{self, Settings};
use crate::convert::{self, Input, Stored};
use crate::errors;

/// Inputs up to this size keep their intake (when it borrows only the built-in catalog). Larger ones keep only
/// the input and read it again when their reports or findings are asked for: a report holds several hundred bytes
/// per result (its Python dicts, a few kilobytes), so an outcome kept for its headline would otherwise hold ten to
/// twenty times its input; reading again costs a fraction of the conversion to Python data that follows it.
const KEEP_INTAKE_UP_TO: usize = 64 * 1024;

/// The core's answer, or what it takes to compute it again.
enum Body {
    Kept(Box<Intake<'static>>),
    /// The input and what it was read with (the core is deterministic: reading again gives the same intake).
    Reread {
        input: Stored,
        format: Option<Format>,
        settings: Box<Settings>,
    },
}

/// The answers an outcome gives without converting anything.
struct Headline {
    format: &'static str,
    accepted: bool,
    status: &'static str,
    ack_codes: Vec<&'static str>,
    report_count: usize,
    finding_count: usize,
    rejection: Option<labcore::Rejection>,
}

impl Headline {
    fn of(intake: &Intake<'_>) -> Headline {
        let findings = intake.all_findings();
        let accepted = intake.accepted();
        Headline {
            format: intake.format().as_str(),
            accepted,
            status: status_name(intake.status()),
            ack_codes: intake.ack_codes(),
            report_count: intake.reports().len(),
            finding_count: findings.len(),
            rejection: (!accepted).then(|| labcore::Rejection::of(findings.iter().copied())),
        }
    }
}

/// The headline answers, and the body.
pub(crate) struct Summary {
    headline: Headline,
    body: Body,
}

impl Summary {
    /// Reads an input with the GIL released. A small input read with the built-in catalog alone keeps its intake;
    /// any other keeps the input (by reference, for `bytes`) and the settings, to read it again on demand.
    pub(crate) fn read(
        py: Python<'_>,
        input: Input<'_>,
        format: Option<Format>,
        settings: Settings,
    ) -> PyResult<Summary> {
        let catalog = context::catalog()?;
        let bytes = input.bytes();
        if let Some(context) = settings.static_context(catalog).filter(|_| bytes.len() <= KEEP_INTAKE_UP_TO) {
            let intake = py.detach(|| labcore::validate_as(bytes, &context, format)).map_err(|e| errors::input(&e))?;
            return Ok(Summary { headline: Headline::of(&intake), body: Body::Kept(Box::new(intake)) });
        }
        let context = settings.context(catalog);
        let headline = py
            .detach(|| labcore::validate_as(bytes, &context, format).map(|intake| Headline::of(&intake)))
            .map_err(|e| errors::input(&e))?;
        let body = Body::Reread { input: input.store(), format, settings: Box::new(settings) };
        Ok(Summary { headline, body })
    }

    /// Runs `f` on the intake: the one kept, or the input read again (with the GIL released).
    fn with_intake<T>(&self, py: Python<'_>, f: impl FnOnce(&Intake<'_>) -> PyResult<T>) -> PyResult<T> {
        match &self.body {
            Body::Kept(intake) => f(intake),
            Body::Reread { input, format, settings } => {
                let context = settings.context(context::catalog()?);
                let bytes = input.bytes(py);
                let intake = py
                    .detach(|| labcore::validate_as(bytes, &context, *format))
                    .map_err(|_| errors::internal("the input could not be read again"))?;
                f(&intake)
            }
        }
    }

    /// Whether everything in the input was accepted.
    pub(crate) fn accepted(&self) -> bool {
        self.headline.accepted
    }

    /// `ValidationError` for this (rejected) input, with every finding.
    pub(crate) fn rejected(&self, py: Python<'_>, code: &str) -> PyErr {
        match self.findings(py) {
            Ok(findings) => errors::rejected(code, self.headline.rejection.as_ref(), findings),
            Err(err) => err,
        }
    }

    fn findings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.with_intake(py, |intake| convert::to_python(py, &intake.all_findings()))
    }

    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.with_intake(py, |intake| convert::to_python(py, intake))
    }

    fn reports<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.with_intake(py, |intake| convert::to_python(py, &intake.reports()))
    }

    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        self.with_intake(py, |intake| serde_json::to_string(intake).map_err(render_error))
    }
}

fn status_name(status: labcore::Status) -> &'static str {
    match status {
        labcore::Status::Ready => "READY",
        labcore::Status::NeedsReview => "NEEDS_REVIEW",
        _ => "REJECTED",
    }
}

/// What labcore made of an input: `format`, `accepted`, `status` (`READY`, `NEEDS_REVIEW`, `REJECTED`),
/// `ack_codes` (HL7), `reports` (one dict per labcore payload, HL7 order or FHIR report) and `findings` (every
/// finding, about the input and in every report). `to_dict()` returns all of it as plain data. It holds no PHI.
#[pyclass(frozen, module = "labcore._native", name = "Outcome")]
pub(crate) struct Outcome {
    summary: Summary,
}

impl Outcome {
    pub(crate) fn new(summary: Summary) -> Outcome {
        Outcome { summary }
    }
}

#[pymethods]
impl Outcome {
    /// The input's format: `labcore`, `fhir` or `hl7v2`.
    #[getter]
    fn format(&self) -> &'static str {
        self.summary.headline.format
    }

    /// Whether everything in the input was accepted.
    #[getter]
    fn accepted(&self) -> bool {
        self.summary.headline.accepted
    }

    /// `READY`, `NEEDS_REVIEW` or `REJECTED`.
    #[getter]
    fn status(&self) -> &'static str {
        self.summary.headline.status
    }

    /// The ACK code of each HL7 message (`AA`, `AE`, `AR`); empty for other formats.
    #[getter]
    fn ack_codes(&self) -> Vec<&'static str> {
        self.summary.headline.ack_codes.clone()
    }

    /// The reports, as dicts (see labcore's report schema).
    #[getter]
    fn reports<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.summary.reports(py)
    }

    /// Every finding (about the input and in every report), as dicts with `code`, `severity`, `path`,
    /// `location` and `message`.
    #[getter]
    fn findings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.summary.findings(py)
    }

    /// Everything, as plain data: `format`, `accepted`, `status`, `reports`, `findings` (those about the input
    /// itself, outside any report) and `ack_codes`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.summary.to_dict(py)
    }

    /// The same as `to_dict()`, as JSON text.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        self.summary.to_json(py)
    }

    fn __repr__(&self) -> String {
        format!(
            "Outcome(format={:?}, status={:?}, reports={}, findings={})",
            self.summary.headline.format,
            self.summary.headline.status,
            self.summary.headline.report_count,
            self.summary.headline.finding_count
        )
    }
}

/// Maps a rendering failure (which would be a bug) to the base error.
pub(crate) fn render_error(_: serde_json::Error) -> PyErr {
    errors::internal("the report could not be rendered as JSON")
}
