//! What a processing call returns: a light, immutable object with the headline answers as attributes and the
//! reports and findings converted to plain Python data on demand (a fresh copy on each access).

use labcore::Intake;
use pyo3::prelude::*;

use crate::{convert, errors};

/// The core's answer. Without a laboratory catalog or priors, the intake borrows only the built-in catalog
/// (`'static`) and is kept as it is, to be converted only if asked; otherwise it is rendered as JSON before
/// the call returns, as the data it borrows belongs to the call.
enum Body {
    Kept(Box<Intake<'static>>),
    Rendered { intake: String, findings: String },
}

/// The headline answers, and the body.
pub(crate) struct Summary {
    format: &'static str,
    accepted: bool,
    status: &'static str,
    ack_codes: Vec<&'static str>,
    report_count: usize,
    finding_count: usize,
    rejection: Option<labcore::Rejection>,
    body: Body,
}

impl Summary {
    fn headline(intake: &Intake<'_>, body: Body) -> Summary {
        let findings = intake.all_findings();
        let accepted = intake.accepted();
        Summary {
            format: intake.format().as_str(),
            accepted,
            status: status_name(intake.status()),
            ack_codes: intake.ack_codes(),
            report_count: intake.reports().len(),
            finding_count: findings.len(),
            rejection: (!accepted).then(|| labcore::Rejection::of(findings.iter().copied())),
            body,
        }
    }

    /// Keeps an intake that borrows only `'static` data.
    pub(crate) fn kept(intake: Intake<'static>) -> Summary {
        let mut summary = Summary::headline(&intake, Body::Rendered { intake: String::new(), findings: String::new() });
        summary.body = Body::Kept(Box::new(intake));
        summary
    }

    /// Renders an intake that borrows the call's data.
    pub(crate) fn rendered(intake: &Intake<'_>) -> Result<Summary, serde_json::Error> {
        let body = Body::Rendered {
            intake: serde_json::to_string(intake)?,
            findings: serde_json::to_string(&intake.all_findings())?,
        };
        Ok(Summary::headline(intake, body))
    }

    /// Whether everything in the input was accepted.
    pub(crate) fn accepted(&self) -> bool {
        self.accepted
    }

    /// `ValidationError` for this (rejected) input, with every finding.
    pub(crate) fn rejected(&self, py: Python<'_>, code: &str) -> PyErr {
        match self.findings(py) {
            Ok(findings) => errors::rejected(code, self.rejection.as_ref(), findings),
            Err(err) => err,
        }
    }

    fn findings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match &self.body {
            Body::Kept(intake) => convert::to_python(py, &intake.all_findings()),
            Body::Rendered { findings, .. } => convert::json_to_python(py, findings),
        }
    }

    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match &self.body {
            Body::Kept(intake) => convert::to_python(py, &**intake),
            Body::Rendered { intake, .. } => convert::json_to_python(py, intake),
        }
    }

    fn reports<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match &self.body {
            Body::Kept(intake) => convert::to_python(py, &intake.reports()),
            Body::Rendered { .. } => self.to_dict(py)?.get_item("reports"),
        }
    }

    fn to_json(&self) -> PyResult<String> {
        match &self.body {
            Body::Kept(intake) => serde_json::to_string(&**intake).map_err(render_error),
            Body::Rendered { intake, .. } => Ok(intake.clone()),
        }
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
        self.summary.format
    }

    /// Whether everything in the input was accepted.
    #[getter]
    fn accepted(&self) -> bool {
        self.summary.accepted
    }

    /// `READY`, `NEEDS_REVIEW` or `REJECTED`.
    #[getter]
    fn status(&self) -> &'static str {
        self.summary.status
    }

    /// The ACK code of each HL7 message (`AA`, `AE`, `AR`); empty for other formats.
    #[getter]
    fn ack_codes(&self) -> Vec<&'static str> {
        self.summary.ack_codes.clone()
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
    fn to_json(&self) -> PyResult<String> {
        self.summary.to_json()
    }

    fn __repr__(&self) -> String {
        format!(
            "Outcome(format={:?}, status={:?}, reports={}, findings={})",
            self.summary.format, self.summary.status, self.summary.report_count, self.summary.finding_count
        )
    }
}

/// Maps a rendering failure (which would be a bug) to the base error.
pub(crate) fn render_error(_: serde_json::Error) -> PyErr {
    errors::internal("the report could not be rendered as JSON")
}
