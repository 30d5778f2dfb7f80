//! The front door: one payload in, a report (and the typed payload, when accepted) out.

use crate::catalog::Analyte;
use crate::error::{Error, ErrorKind, Location, Result};
use crate::finding::Findings;
use crate::normalize::{self, Setting};
use crate::payload::{Draft, JsonType, LabPayload, RawDocument, Reader, ResultsRead, Shaped};
use crate::report::{NormalizedResult, RangeStatus, Report, Status};
use crate::{Context, FindingCode, JsonPointer, SourceLocation};

/// A processed payload: the report, and the typed payload when it was accepted.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Processed<'c> {
    /// Normalised results and every finding.
    pub report: Report<'c>,
    /// The payload, typed, when `report.accepted`.
    pub payload: Option<LabPayload>,
}

/// Validates and normalises one labcore JSON payload.
///
/// Only input that is not JSON at all (or too large, or nested too deeply) is an `Err`; everything else
/// is reported as findings, all at once.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use labcore::{catalog::Catalog, process, Context};
/// let catalog = Catalog::builtin()?;
/// let context = Context::new(&catalog, Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap());
/// let payload = br#"{"patient_id": "MRN-1", "lab_id": "LAB", "test_type": "CMP",
///   "collected_at": "2026-11-24T08:00:00Z",
///   "results": [{"analyte": "GLU", "value": "100", "unit": "mg/dl"}]}"#;
/// let processed = process(payload, &context)?;
/// let glucose = &processed.report.results[0];
/// assert_eq!((glucose.analyte.as_deref(), glucose.value, glucose.unit.as_deref()), (Some("glucose"), Some(100.0), Some("mg/dL")));
/// assert!(processed.report.accepted);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn process<'c>(input: &[u8], context: &Context<'c>) -> Result<Processed<'c>> {
    run(input, context, true)
}

/// Validates and normalises one payload, returning only the report (the typed payload is not built).
pub fn validate<'c>(input: &[u8], context: &Context<'c>) -> Result<Report<'c>> {
    run(input, context, false).map(|p| p.report)
}

pub(crate) fn run<'c>(input: &[u8], context: &Context<'c>, want_payload: bool) -> Result<Processed<'c>> {
    let text = check_input(input, context.max_input_bytes())?;
    let document: RawDocument<'_, ResultsRead> = serde_json::from_str(text).map_err(|e| Error::from_json(&e))?;
    // Most payloads have a few findings: one allocation for them rather than growing through 4 and 8.
    let mut findings = Findings::with_capacity(16);
    let draft = match document {
        Shaped::Object(raw) => Reader { findings: &mut findings }.payload(raw),
        Shaped::Text(_) => not_an_object(JsonType::String, &mut findings),
        Shaped::Other(t) => not_an_object(t, &mut findings),
    };
    Ok(evaluate(draft, findings, context, want_payload, None))
}

/// Where the parts of a payload read from HL7 v2 or FHIR were in the sender's message.
pub(crate) trait Locator {
    /// The source location of a part of labcore's model of the payload (`/results/2/unit` → `OBX[3]-6`).
    fn locate(&self, path: &JsonPointer) -> Option<SourceLocation>;

    /// How the sender names the result at this index in its own message (OBX-1, an Observation's id).
    fn sender_reference(&self, index: usize) -> Option<crate::SenderReference>;
}

/// Normalises, flags and cross-checks a payload read by any of the readers, and builds its report. With a
/// locator, every finding and result also gets its location in the sender's message.
pub(crate) fn evaluate<'c>(
    mut draft: Draft,
    mut findings: Findings,
    context: &Context<'c>,
    want_payload: bool,
    locator: Option<&dyn Locator>,
) -> Processed<'c> {
    let knowledge = crate::knowledge::applicable(&draft, context, &mut findings);
    let setting = Setting {
        catalog: context.catalog(),
        unit_system: context.unit_system(),
        blood: draft.specimen.as_ref().and_then(|s| s.kind).map(|k| k.is_blood()),
        judge: knowledge.judge,
        patient: !draft.not_patient,
    };
    // Without a typed payload to build, each input of a large payload is done with once normalised, and its memory
    // is released as the results grow: the two never add up at the peak. A small payload is not worth the moves.
    let (mut results, matched) = if want_payload || draft.results.len() <= RELEASE_ABOVE {
        normalize_all(&draft.results, &setting, &mut findings)
    } else {
        normalize_releasing(std::mem::take(&mut draft.results), &setting, &mut findings)
    };
    let checks = cross_checks(&draft, context, &setting, &knowledge.priors, &mut results, &matched, &mut findings);
    let mut findings = findings.into_vec();
    if let Some(locator) = locator {
        locate(locator, &mut findings, &mut results);
    }
    let any_usable = crate::status::mark_unusable(&findings, &mut results);
    let (status, status_reasons) = crate::status::status(&findings, any_usable);
    let report = Report {
        status,
        status_reasons,
        accepted: status != Status::Rejected,
        panel: draft.panel,
        // Without a typed payload to build, the draft's own copy is not needed again.
        lab_id: if want_payload { draft.lab_id.clone() } else { draft.lab_id.take() },
        collected_at: draft.collected_at,
        unit_system: context.unit_system(),
        results,
        derived: checks.derived,
        completeness: checks.completeness,
        findings,
    };
    let payload = if report.accepted && want_payload { draft.into_payload() } else { None };
    Processed { report, payload }
}

/// Results above which the inputs' memory is released while they are normalised (about 320 KiB of inputs):
/// below, the buffer's shrinking and the final reversal cost more than they save.
const RELEASE_ABOVE: usize = 1024;

/// Normalises and flags every result; with each result's index, the analyte it was matched to.
fn normalize_all<'c>(
    inputs: &[crate::payload::ResultInput],
    setting: &Setting<'c>,
    findings: &mut Findings,
) -> (Vec<NormalizedResult<'c>>, Vec<(usize, Option<&'c Analyte>)>) {
    let mut results = Vec::with_capacity(inputs.len());
    let mut matched = Vec::with_capacity(inputs.len());
    for input in inputs {
        let analyte = normalize::normalize(input, setting, findings, &mut results);
        matched.push((input.index, analyte));
    }
    (results, matched)
}

/// [`normalize_all`] on inputs that are not needed afterwards, releasing their memory on the way: they are taken
/// from the end, the buffer shrunk whenever it is a quarter empty (for a large payload the allocator gives the
/// pages back), and the results put back in payload order. Every finding of a result is about that result
/// (`/results/i/…`), and findings are ordered by result in the end, so the order of work changes no output.
fn normalize_releasing<'c>(
    mut inputs: Vec<crate::payload::ResultInput>,
    setting: &Setting<'c>,
    findings: &mut Findings,
) -> (Vec<NormalizedResult<'c>>, Vec<(usize, Option<&'c Analyte>)>) {
    let mut results = Vec::with_capacity(inputs.len());
    let mut matched = Vec::with_capacity(inputs.len());
    while let Some(input) = inputs.pop() {
        let analyte = normalize::normalize(&input, setting, findings, &mut results);
        matched.push((input.index, analyte));
        if inputs.len() < inputs.capacity() / 4 * 3 {
            inputs.shrink_to_fit();
        }
    }
    results.reverse();
    matched.reverse();
    (results, matched)
}

/// Gives every finding not yet located, and every result, its place in the sender's message.
fn locate(locator: &dyn Locator, findings: &mut [crate::Finding], results: &mut [NormalizedResult<'_>]) {
    for finding in findings.iter_mut().filter(|f| f.location().is_none()) {
        if let Some(location) = locator.locate(finding.path()) {
            finding.set_location(location);
        }
    }
    for result in results {
        result.location = locator.locate(&JsonPointer::root().key("results").index(result.index));
        result.sender_reference = locator.sender_reference(result.index).filter(|r| !r.is_empty()).map(Box::new);
    }
}

/// What the checks across results produce besides findings.
struct CrossChecks<'c> {
    derived: Vec<crate::derive::DerivedValue<'c>>,
    completeness: Option<crate::completeness::Completeness<'c>>,
}

/// Duplicates, panel membership and completeness, times, demographics, derived values and delta checks.
fn cross_checks<'c>(
    draft: &Draft,
    context: &Context<'c>,
    setting: &Setting<'c>,
    priors: &[crate::delta::ReadPrior<'c>],
    results: &mut [NormalizedResult<'c>],
    matched: &[(usize, Option<&'c Analyte>)],
    findings: &mut Findings,
) -> CrossChecks<'c> {
    normalize::check_duplicates(matched, context.catalog().analytes().len(), findings);
    let completeness = draft.panel.map(|panel| {
        normalize::check_panel(panel, matched, findings);
        crate::completeness::check(context.catalog(), panel, matched, findings)
    });
    crate::consistency::check_sums(context.catalog(), results, matched, context.unit_system(), findings);
    check_times(draft, context, findings);
    if results.iter().any(|r| r.range_status == RangeStatus::NeedsDemographics) {
        let message = "reference intervals depend on sex or age, which the payload does not give (or gives impossibly): some results are not flagged";
        findings.push(FindingCode::DemographicsMissing, JsonPointer::root().key("patient"), message);
    }
    if !setting.patient {
        // QC material or test data: nothing is derived for a patient, nor compared with a patient's history.
        return CrossChecks { derived: Vec::new(), completeness };
    }
    let inputs = crate::derive::Inputs::collect(context.catalog(), results, matched, context.unit_system());
    let derived = crate::derive::derive_all(&inputs, &setting.judge, context.unit_system(), findings);
    if let Some(collected) = draft.collected_at.filter(|_| !priors.is_empty()) {
        crate::delta::check_results(
            &setting.judge,
            context.unit_system(),
            collected,
            priors,
            results,
            matched,
            findings,
        );
    }
    CrossChecks { derived, completeness }
}

/// Size limit, UTF-8 (RFC 8259 §8.1: JSON text exchanged between systems is UTF-8, also in the parts labcore
/// skips), a leading byte order mark (Windows senders), emptiness.
pub(crate) fn check_input(input: &[u8], max: usize) -> Result<&str> {
    if input.len() > max {
        return Err(Error::new(ErrorKind::InputTooLarge, "", Location::default()));
    }
    let input = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
    let text = std::str::from_utf8(input).map_err(|e| {
        let before = input.get(..e.valid_up_to()).unwrap_or_default();
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        let column = before.len() - before.iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1) + 1;
        Error::new(ErrorKind::NotJson, "invalid UTF-8", Location { line, column })
    })?;
    if text.trim_start().is_empty() {
        return Err(Error::new(ErrorKind::EmptyInput, "", Location::default()));
    }
    Ok(text)
}

fn not_an_object(got: JsonType, findings: &mut Findings) -> Draft {
    let message = format!("the payload must be a JSON object, not {}", got.as_str());
    findings.push(FindingCode::InvalidType, JsonPointer::root(), message);
    Draft::default()
}

/// The collection time must not be in the future (beyond the clock skew) nor before the birth date.
fn check_times(draft: &Draft, context: &Context<'_>, findings: &mut Findings) {
    let Some(collected) = draft.collected_at else { return };
    if collected.to_utc() > context.as_of() + context.clock_skew() {
        let message = "the collection time is later than the processing time";
        findings.push(FindingCode::CollectedInFuture, JsonPointer::root().key("collected_at"), message);
    }
    let birth = draft.patient.as_ref().and_then(|p| p.birth_date.as_ref()).map(|d| *d.expose());
    if birth.is_some_and(|b| b > collected.date_naive()) {
        let message = "the birth date is after the collection time";
        let path = JsonPointer::root().key("patient").key("birth_date");
        findings.push(FindingCode::CollectedBeforeBirth, path, message);
    }
}
