//! One input checked, as the line the command prints.

use chrono::{DateTime, Utc};
use labcore::catalog::Catalog;
use labcore::fhir::{DiagnosticReport, FhirOptions, OperationOutcome, operation_outcome, to_fhir};
use labcore::hl7::AckOptions;
use labcore::{Context, Finding, Format, Intake, Report, Status};
use serde::Serialize;

use crate::{InputFormat, Output};

/// What every input is checked with.
pub(crate) struct Settings<'a> {
    pub(crate) catalog: &'a Catalog,
    pub(crate) issued: DateTime<Utc>,
    pub(crate) output: Output,
    pub(crate) input_format: InputFormat,
    pub(crate) ack_control_id: &'a str,
}

/// An input's outcome: the JSON line, or (for `--format ack`) the ACK text.
pub(crate) struct Checked<'a> {
    pub(crate) accepted: bool,
    pub(crate) line: Line<'a>,
    pub(crate) ack_text: Option<Vec<String>>,
}

/// One output line.
#[derive(Serialize)]
pub(crate) struct Line<'a> {
    input: &'a str,
    format: Option<Format>,
    accepted: bool,
    status: Option<Status>,
    error: Option<ErrorLine>,
    /// The reports, one shape for every format: one for a labcore JSON input, one per order (HL7) or per
    /// DiagnosticReport (FHIR).
    #[serde(skip_serializing_if = "Option::is_none")]
    reports: Option<Vec<Report<'a>>>,
    /// `--format fhir`: the DiagnosticReports, one per report.
    #[serde(skip_serializing_if = "Option::is_none")]
    fhir: Option<Vec<DiagnosticReport>>,
    /// `--format outcome`: every finding as a FHIR OperationOutcome.
    #[serde(skip_serializing_if = "Option::is_none")]
    outcome: Option<OperationOutcome>,
    /// The findings about the input itself (none for labcore JSON), or with `--format fhir` every finding.
    #[serde(skip_serializing_if = "Option::is_none")]
    findings: Option<Vec<Finding>>,
    /// The ACK code of each HL7 message (AA, AE, AR).
    #[serde(skip_serializing_if = "Option::is_none")]
    ack_codes: Option<Vec<&'static str>>,
}

impl Line<'_> {
    /// The input's name.
    pub(crate) fn input(&self) -> &str {
        self.input
    }

    /// The input's overall status; none when it could not be read.
    pub(crate) fn status(&self) -> Option<Status> {
        self.status
    }

    /// Why the input could not be read, with where.
    pub(crate) fn error_text(&self) -> Option<String> {
        self.error.as_ref().map(|e| format!("{} ({}) at line {}, column {}", e.message, e.code, e.line, e.column))
    }

    /// The findings about the input itself.
    pub(crate) fn input_findings(&self) -> &[Finding] {
        self.findings.as_deref().unwrap_or_default()
    }

    /// Every report.
    pub(crate) fn all_reports(&self) -> &[Report<'_>] {
        self.reports.as_deref().unwrap_or_default()
    }
}

/// An unusable input: its stable code, message and location (never its content).
#[derive(Serialize)]
struct ErrorLine {
    code: &'static str,
    message: String,
    line: usize,
    column: usize,
}

/// Checks one input.
pub(crate) fn check<'a>(name: &'a str, bytes: &[u8], context: &Context<'a>, settings: &Settings<'_>) -> Checked<'a> {
    let intake = read(bytes, context, settings);
    let mut line = Line {
        input: name,
        format: None,
        accepted: false,
        status: None,
        error: None,
        reports: None,
        fhir: None,
        outcome: None,
        findings: None,
        ack_codes: None,
    };
    let intake = match intake {
        Ok(intake) => intake,
        Err(err) => {
            let location = err.location();
            line.error = Some(ErrorLine {
                code: err.code(),
                message: err.to_string(),
                line: location.line,
                column: location.column,
            });
            return Checked { accepted: false, line, ack_text: None };
        }
    };
    line.format = Some(intake.format());
    line.accepted = intake.accepted();
    line.status = Some(intake.status());
    let ack_text = (settings.output == Output::Ack).then(|| acks(&intake, settings));
    fill(&mut line, intake, settings);
    Checked { accepted: line.accepted, line, ack_text }
}

/// Reads the input as `--input-format` says (for `--format ack`, anything not JSON is read as HL7, so that
/// garbage earns the AR it would get). No typed payload is built: the command prints reports only.
fn read<'c>(bytes: &[u8], context: &Context<'c>, settings: &Settings<'_>) -> labcore::Result<Intake<'c>> {
    let forced = match settings.input_format {
        InputFormat::Auto if settings.output == Output::Ack => match labcore::detect(bytes) {
            Some(Format::Labcore | Format::Fhir) => None,
            _ => Some(Format::Hl7v2),
        },
        InputFormat::Auto => None,
        InputFormat::Json => Some(Format::Labcore),
        InputFormat::Fhir => Some(Format::Fhir),
        InputFormat::Hl7 => Some(Format::Hl7v2),
    };
    labcore::validate_as(bytes, context, forced)
}

fn acks(intake: &Intake<'_>, settings: &Settings<'_>) -> Vec<String> {
    let options = AckOptions::new(settings.ack_control_id, settings.issued.fixed_offset());
    match intake {
        Intake::Hl7(outcome) => outcome.acks(&options),
        _ => Vec::new(),
    }
}

/// Puts the reports (or their FHIR renderings, or the OperationOutcome) on the line.
fn fill<'a>(line: &mut Line<'a>, intake: Intake<'a>, settings: &Settings<'_>) {
    let input_findings: Vec<Finding> = intake.input_findings().into_iter().cloned().collect();
    let ack_codes = match &intake {
        Intake::Hl7(outcome) => Some(outcome.messages.iter().map(|m| m.ack_code.as_str()).collect()),
        _ => None,
    };
    let reports: Vec<Report<'a>> = match intake {
        Intake::Labcore(processed) => vec![processed.report],
        Intake::Fhir(outcome) => outcome.reports.into_iter().map(|p| p.report).collect(),
        Intake::Hl7(outcome) => outcome.messages.into_iter().flat_map(|m| m.orders).map(|p| p.report).collect(),
        _ => Vec::new(),
    };
    line.ack_codes = ack_codes;
    match settings.output {
        Output::Json | Output::Ack | Output::Table => {
            line.findings = Some(input_findings);
            line.reports = Some(reports);
        }
        Output::Fhir => {
            let options = FhirOptions { issued: settings.issued, subject: None, id: None };
            line.fhir = Some(reports.iter().filter_map(|r| to_fhir(r, settings.catalog, &options).ok()).collect());
            let mut all = input_findings;
            all.extend(reports.into_iter().flat_map(|r| r.findings));
            line.findings = Some(all);
        }
        Output::Outcome => {
            let all = input_findings.iter().chain(reports.iter().flat_map(|r| r.findings.iter()));
            line.outcome = Some(operation_outcome(all));
        }
    }
}
