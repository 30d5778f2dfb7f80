//! One entry point for every format: labcore JSON, FHIR R4 JSON and HL7 v2, recognised from the input itself.

use crate::error::{Error, ErrorKind, Location, Result};
use crate::fhir::FhirOutcome;
use crate::hl7::Hl7Outcome;
use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::{Context, Finding, Processed, Report, Status};

/// The formats labcore reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Format {
    /// labcore's JSON payload.
    Labcore,
    /// FHIR R4 JSON (a resource with `resourceType`).
    Fhir,
    /// HL7 v2 (an `MSH`, `FHS` or `BHS` segment first).
    Hl7v2,
}

impl Format {
    /// The format's name as serialised (`labcore`, `fhir`, `hl7v2`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Format::Labcore => "labcore",
            Format::Fhir => "fhir",
            Format::Hl7v2 => "hl7v2",
        }
    }

    /// Looks a format up by its name (`labcore`, `fhir`, `hl7v2`).
    pub fn from_name(name: &str) -> Option<Format> {
        [Format::Labcore, Format::Fhir, Format::Hl7v2].into_iter().find(|f| f.as_str() == name)
    }
}

/// Recognises an input's format from its first bytes (after a byte order mark, white space and MLLP framing):
/// HL7 v2 starts with a header segment; JSON with `{` or `[`, and is FHIR when its top-level object has a
/// `resourceType`. `None` for anything else.
///
/// ```
/// use labcore::{detect, Format};
/// assert_eq!(detect(b"\x0bMSH|^~\\&|LIS"), Some(Format::Hl7v2));
/// assert_eq!(detect(br#"{"resourceType": "Observation"}"#), Some(Format::Fhir));
/// assert_eq!(detect(br#"{"patient_id": "x", "results": []}"#), Some(Format::Labcore));
/// assert_eq!(detect(b"\x00\x01garbage"), None);
/// ```
pub fn detect(input: &[u8]) -> Option<Format> {
    let input = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
    let start = input.iter().position(|b| !(b.is_ascii_whitespace() || *b == 0x0B))?;
    let rest = input.get(start..)?;
    if [&b"MSH"[..], b"FHS", b"BHS"].iter().any(|h| rest.starts_with(h)) {
        return Some(Format::Hl7v2);
    }
    match rest.first() {
        Some(b'{') => match std::str::from_utf8(rest) {
            Ok(text) if crate::fhir::is_fhir(text) => Some(Format::Fhir),
            _ => Some(Format::Labcore),
        },
        Some(b'[') => Some(Format::Labcore),
        _ => None,
    }
}

/// What labcore made of an input, by format.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Intake<'c> {
    /// A labcore JSON payload.
    Labcore(Box<Processed<'c>>),
    /// A FHIR input: one report per DiagnosticReport (or group of Observations).
    Fhir(FhirOutcome<'c>),
    /// An HL7 v2 input: per message, one report per order, and the ACK code.
    Hl7(Hl7Outcome<'c>),
}

impl<'c> Intake<'c> {
    /// The input's format.
    pub fn format(&self) -> Format {
        match self {
            Intake::Labcore(_) => Format::Labcore,
            Intake::Fhir(_) => Format::Fhir,
            Intake::Hl7(_) => Format::Hl7v2,
        }
    }

    /// Whether everything in the input was accepted.
    pub fn accepted(&self) -> bool {
        match self {
            Intake::Labcore(p) => p.report.accepted,
            Intake::Fhir(f) => f.accepted(),
            Intake::Hl7(h) => h.accepted(),
        }
    }

    /// Every processed payload, in input order.
    pub fn processed(&self) -> Vec<&Processed<'c>> {
        match self {
            Intake::Labcore(p) => vec![&**p],
            Intake::Fhir(f) => f.reports.iter().collect(),
            Intake::Hl7(h) => h.messages.iter().flat_map(|m| m.orders.iter()).collect(),
        }
    }

    /// Every report, in input order.
    pub fn reports(&self) -> Vec<&Report<'c>> {
        self.processed().into_iter().map(|p| &p.report).collect()
    }

    /// The findings about the input (and its messages) that belong to no report.
    pub fn input_findings(&self) -> Vec<&Finding> {
        match self {
            Intake::Labcore(_) => Vec::new(),
            Intake::Fhir(f) => f.findings.iter().collect(),
            Intake::Hl7(h) => h.findings.iter().chain(h.messages.iter().flat_map(|m| m.findings.iter())).collect(),
        }
    }

    /// Every finding: those about the input first, then each report's, in input order.
    pub fn all_findings(&self) -> Vec<&Finding> {
        let mut all = self.input_findings();
        all.extend(self.reports().into_iter().flat_map(|r| r.findings.iter()));
        all
    }

    /// The input's overall status: `REJECTED` if anything was not accepted, else `NEEDS_REVIEW` if any report
    /// needs review, else `READY`.
    pub fn status(&self) -> Status {
        if !self.accepted() {
            Status::Rejected
        } else if self.reports().iter().any(|r| r.status == Status::NeedsReview) {
            Status::NeedsReview
        } else {
            Status::Ready
        }
    }

    /// Every report as a FHIR R4 DiagnosticReport, in order; the first rejected report is the error (its
    /// findings say why).
    pub fn to_fhir<'i>(
        &'i self,
        catalog: &crate::catalog::Catalog,
        options: &crate::fhir::FhirOptions,
    ) -> std::result::Result<Vec<crate::fhir::DiagnosticReport>, &'i Report<'c>> {
        self.reports()
            .into_iter()
            .map(|report| crate::fhir::to_fhir(report, catalog, options).map_err(|_| report))
            .collect()
    }

    /// The ACK code of each HL7 message (`AA`, `AE`, `AR`); empty for other formats.
    pub fn ack_codes(&self) -> Vec<&'static str> {
        match self {
            Intake::Hl7(h) => h.messages.iter().map(|m| m.ack_code.as_str()).collect(),
            _ => Vec::new(),
        }
    }
}

/// The language-neutral form every binding returns: `format`, `accepted`, `status`, `reports` (one per labcore
/// payload, HL7 order or FHIR report), `findings` (about the input itself, outside any report) and `ack_codes`
/// (HL7 only, else empty). It carries no PHI: reports hold none.
///
/// ```
/// # use chrono::{TimeZone, Utc};
/// # use labcore::{catalog::Catalog, process_any, Context};
/// # let catalog = Catalog::builtin()?;
/// # let context = Context::new(&catalog, Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap());
/// let intake = process_any(br#"{"patient_id": "p1", "results": []}"#, &context)?;
/// let json = serde_json::to_value(&intake)?;
/// assert_eq!(json["format"], "labcore");
/// assert_eq!(json["reports"].as_array().map(Vec::len), Some(1));
/// assert_eq!(json["ack_codes"], serde_json::json!([]));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl Serialize for Intake<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("Intake", 6)?;
        out.serialize_field("format", &self.format())?;
        out.serialize_field("accepted", &self.accepted())?;
        out.serialize_field("status", &self.status())?;
        out.serialize_field("reports", &self.reports())?;
        out.serialize_field("findings", &self.input_findings())?;
        out.serialize_field("ack_codes", &self.ack_codes())?;
        out.end()
    }
}

/// Recognises the input's format and processes it ([`process`](crate::process), [`fhir::read`](crate::fhir::read)
/// or [`hl7::process`](crate::hl7::process)).
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use labcore::{catalog::Catalog, process_any, Context, Format};
/// let catalog = Catalog::builtin()?;
/// let context = Context::new(&catalog, Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap());
/// let message = b"MSH|^~\\&|LIS|LAB|||20261124||ORU^R01|1|P|2.5.1\rPID|1||MRN1\rOBR|1|||CBC|||202611240742-0500\rOBX|1|NM|718-7^Hemoglobin^LN||13.2|g/dL|||||F";
/// let intake = process_any(message, &context)?;
/// assert_eq!(intake.format(), Format::Hl7v2);
/// assert_eq!(intake.reports()[0].results[0].analyte, Some("hemoglobin"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn process_any<'c>(input: &[u8], context: &Context<'c>) -> Result<Intake<'c>> {
    read_any(input, context, true)
}

/// [`process_any`] for callers that need only the reports: no typed payload (the part holding the PHI) is built —
/// of a labcore JSON payload, an HL7 order or a FHIR report — and every [`Processed::payload`] is `None` (as
/// [`validate`](crate::validate) is to [`process`](crate::process)), which also saves their memory. The reports,
/// findings and ACK codes are the same.
pub fn validate_any<'c>(input: &[u8], context: &Context<'c>) -> Result<Intake<'c>> {
    read_any(input, context, false)
}

/// [`validate_any`] with the format given (`None`: recognised from the input). Forced to HL7 v2, unreadable input
/// earns findings and an `AR` rather than an error.
pub fn validate_as<'c>(input: &[u8], context: &Context<'c>, format: Option<Format>) -> Result<Intake<'c>> {
    match format {
        None => validate_any(input, context),
        Some(Format::Hl7v2) => crate::hl7::read_as(input, context, false).map(Intake::Hl7),
        Some(Format::Fhir) => crate::fhir::read_as(input, context, false).map(Intake::Fhir),
        Some(Format::Labcore) => read_labcore(input, context, false),
    }
}

fn read_labcore<'c>(input: &[u8], context: &Context<'c>, typed: bool) -> Result<Intake<'c>> {
    crate::process::run(input, context, typed).map(|p| Intake::Labcore(Box::new(p)))
}

fn read_any<'c>(input: &[u8], context: &Context<'c>, typed: bool) -> Result<Intake<'c>> {
    match detect(input) {
        Some(Format::Hl7v2) => crate::hl7::read_as(input, context, typed).map(Intake::Hl7),
        Some(Format::Fhir) => crate::fhir::read_as(input, context, typed).map(Intake::Fhir),
        Some(Format::Labcore) => read_labcore(input, context, typed),
        None if input.len() > context.max_input_bytes() => {
            Err(Error::new(ErrorKind::InputTooLarge, "", Location::default()))
        }
        None if input.iter().all(u8::is_ascii_whitespace) => {
            Err(Error::new(ErrorKind::EmptyInput, "", Location::default()))
        }
        None => Err(unknown_format(input)),
    }
}

/// The error for an input of no format labcore reads; when an HL7 message starts further down (comment lines or a
/// banner before MSH, as analyzer drivers' files have), it says so, with the line of that MSH.
fn unknown_format(input: &[u8]) -> Error {
    let starts_line = |at: usize| at == 0 || matches!(input.get(at - 1), Some(b'\n' | b'\r'));
    let msh = input.windows(4).enumerate().find(|(at, w)| *w == b"MSH|" && starts_line(*at)).map(|(at, _)| at);
    let Some(at) = msh else { return Error::new(ErrorKind::UnknownFormat, "", Location::default()) };
    let before = input.get(..at).unwrap_or_default();
    let breaks = |byte: u8| before.iter().filter(|b| **b == byte).count();
    // Lines end in LF (or CR LF), or, as HL7 writes segments, in CR alone.
    let line = 1 + if breaks(b'\n') > 0 { breaks(b'\n') } else { breaks(b'\r') };
    let detail = "an HL7 v2 message starts at this line: the text before its MSH segment is not HL7";
    Error::new(ErrorKind::UnknownFormat, detail, Location { line, column: 1 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_before_an_hl7_message_is_named_with_the_line_of_its_msh()
    -> std::result::Result<(), Box<dyn std::error::Error>> {
        let catalog = crate::catalog::Catalog::builtin()?;
        let context = Context::new(&catalog, chrono::DateTime::default());
        let input = b"# exported by the analyzer driver for Jane Roe\n# 2 results\nMSH|^~\\&|STAGO|LAB\rPID|1\r";
        let error = validate_any(input, &context).err().ok_or("read as a format")?;
        assert_eq!((error.code(), error.path().as_str()), ("unknown_format", "line 3 column 1"));
        assert!(!error.to_string().contains("Roe") && error.to_string().contains("MSH"), "{error}");
        let cr_only = b"banner\rMSH|^~\\&|X\r";
        assert_eq!(validate_any(cr_only, &context).err().map(|e| e.path()), Some("line 2 column 1".to_owned()));
        let garbage = validate_any(b"\x00\x01 garbage", &context).err().map(|e| (e.code(), e.path()));
        assert_eq!(garbage, Some(("unknown_format", String::new())));
        Ok(())
    }
}
