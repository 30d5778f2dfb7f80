//! Reading an HL7 v2 input end to end: decode, split, check each message's header and structure, read each
//! order into a payload and process it like any other.

use serde::Serialize;

use super::decode::{TextEncoding, decode};
use super::header::{self, MessageHeader};
use super::message::{Document, Message};
use super::order::{self, OrderContext};
use super::{not_patient, oru};
use crate::error::{Error, ErrorKind, Location, Result};
use crate::finding::Findings;
use crate::{Context, Finding, FindingCode, Hl7Location, JsonPointer, Processed, Severity, SourceLocation};

/// The acknowledgment code a message earns (HL7 table 0008, original mode).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[non_exhaustive]
pub enum AckCode {
    /// Application accept: every order was accepted (READY or NEEDS_REVIEW).
    AA,
    /// Application error: the message was read, but an order has an error in its content.
    AE,
    /// Application reject: the message cannot be processed at all (no usable header, an unsupported message
    /// type, no control ID), or it is not production data (MSH-11 other than P: training, debugging, `N`).
    AR,
}

impl AckCode {
    /// The code as written in MSA-1.
    pub const fn as_str(self) -> &'static str {
        match self {
            AckCode::AA => "AA",
            AckCode::AE => "AE",
            AckCode::AR => "AR",
        }
    }
}

/// What labcore made of one message.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct MessageOutcome<'c> {
    /// The header (MSH), for routing and for the ACK.
    pub header: MessageHeader,
    /// What the ACK will say.
    pub ack_code: AckCode,
    /// Findings about the message as a whole (its header and segment structure).
    pub findings: Vec<Finding>,
    /// One processed payload per order (OBR group), each with its report and, when accepted, its typed payload.
    pub orders: Vec<Processed<'c>>,
}

impl MessageOutcome<'_> {
    /// The message's findings and every order's, in order.
    pub fn all_findings(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().chain(self.orders.iter().flat_map(|o| o.report.findings.iter()))
    }
}

/// What labcore made of an HL7 v2 input: one outcome per message, and findings about the input as a whole.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Hl7Outcome<'c> {
    /// How the bytes were decoded.
    pub encoding: TextEncoding,
    /// Findings about the input itself (its encoding, batch envelope, lines outside any message, no message).
    pub findings: Vec<Finding>,
    /// The messages, in order.
    pub messages: Vec<MessageOutcome<'c>>,
}

impl Hl7Outcome<'_> {
    /// Whether every message was accepted (ACK code AA) and nothing about the input is an error.
    pub fn accepted(&self) -> bool {
        let is_error = |f: &Finding| f.severity() == Severity::Error;
        // As for FHIR: every report accepted (one with a result in error still is, for review: its ACK is AE),
        // and no error about a message or the input as a whole.
        !self.messages.is_empty()
            && self.messages.iter().all(|m| {
                m.ack_code != AckCode::AR
                    && !m.findings.iter().any(is_error)
                    && m.orders.iter().all(|o| o.report.accepted)
            })
            && !self.findings.iter().any(is_error)
    }
}

/// At most this many findings of one kind about the lines of one message or input; the rest are counted in
/// one more finding (a binary file can have a hundred thousand "lines").
const MAX_LINE_FINDINGS: usize = 20;

/// Reads, validates and processes an HL7 v2 input (one message, several, or a batch).
///
/// Only an input that is empty or too large is an `Err`; anything else — binary garbage included — gives
/// findings and an ACK code, AR for a message that cannot be read at all.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use labcore::{catalog::Catalog, hl7, Context};
/// let catalog = Catalog::builtin()?;
/// let context = Context::new(&catalog, Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap());
/// let message = "MSH|^~\\&|LIS|NORTHWIND|EHR|CLINIC|20261124080000-0500||ORU^R01^ORU_R01|MSG00042|P|2.5.1\r\
///                PID|1||MRN-00482913^^^NW^MR||DOE^JANE||19840312|F\r\
///                OBR|1|||24323-8^Comprehensive metabolic 2000 panel^LN|||202611240742-0500\r\
///                OBX|1|NM|2823-3^Potassium^LN||6.8|mmol/L|3.5-5.1|HH|||F\r";
/// let outcome = hl7::process(message.as_bytes(), &context)?;
/// let order = &outcome.messages[0].orders[0].report;
/// assert_eq!(order.results[0].flag.map(|f| f.code()), Some("HH"));
/// assert_eq!(order.results[0].location.as_ref().map(|l| l.to_string()).as_deref(), Some("OBX[1]"));
/// assert_eq!(outcome.messages[0].ack_code, hl7::AckCode::AA);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn process<'c>(input: &[u8], context: &Context<'c>) -> Result<Hl7Outcome<'c>> {
    read_as(input, context, true)
}

/// [`process`], building each accepted order's typed payload only when `typed` (callers that need only the
/// reports, findings and ACK codes save the payloads' memory).
pub(crate) fn read_as<'c>(input: &[u8], context: &Context<'c>, typed: bool) -> Result<Hl7Outcome<'c>> {
    if input.len() > context.max_input_bytes() {
        return Err(Error::new(ErrorKind::InputTooLarge, "", Location::default()));
    }
    if input.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::new(ErrorKind::EmptyInput, "", Location::default()));
    }
    let (text, encoding) = decode(input);
    let mut findings = Findings::default();
    if encoding == TextEncoding::Latin1Assumed {
        let message = "the input is not valid UTF-8 and MSH-18 declares no character set labcore decodes; it was read as ISO 8859-1";
        findings.push(FindingCode::TextEncoding, JsonPointer::root(), message);
    }
    let document = Document::parse(&text);
    stray_lines(&document, &mut findings);
    if document.messages().is_empty() {
        let message = "the input has no MSH segment: it is not an HL7 v2 message";
        findings.push_at(FindingCode::MessageUnreadable, JsonPointer::root(), msh_absent(), message);
    }
    super::batch::check_envelope(&document, &mut findings);
    let messages = document.messages().iter().map(|m| message_outcome(m, context, typed)).collect();
    Ok(Hl7Outcome { encoding, findings: findings.into_vec(), messages })
}

fn msh_absent() -> SourceLocation {
    SourceLocation::Hl7(Hl7Location::segment(*b"MSH", 0))
}

fn stray_lines(document: &Document<'_>, findings: &mut Findings) {
    for line in document.stray.iter().take(MAX_LINE_FINDINGS) {
        let message = "this line is outside any message (before the first MSH); it was ignored";
        let at = SourceLocation::Hl7(Hl7Location::line(*line));
        findings.push_at(FindingCode::SegmentUnexpected, JsonPointer::root(), at, message);
    }
    if document.stray.len() > MAX_LINE_FINDINGS {
        let message = "more lines outside any message were ignored (only the first 20 are listed)";
        findings.push(FindingCode::SegmentUnexpected, JsonPointer::root(), message);
    }
}

/// Checks one message and processes its orders.
fn message_outcome<'c>(message: &Message<'_>, context: &Context<'c>, typed: bool) -> MessageOutcome<'c> {
    let mut findings = Findings::default();
    let Some(msh) = message.segment(0) else {
        return rejected(MessageHeader::default(), findings);
    };
    if !check_delimiters(message, &msh, &mut findings) {
        return rejected(MessageHeader::default(), findings);
    }
    let header = header::read(&msh, &mut findings);
    if findings.has_error() {
        return rejected(header, findings);
    }
    let mut groups = oru::orders(message, &mut findings);
    cap_line_findings(&mut findings);
    drop_empty_orders(message, &mut groups, &mut findings);
    let timed_orders = order::timed_orders(message);
    let order_context =
        OrderContext { message, header: &header, catalog: context.catalog(), timed_orders: &timed_orders };
    let not_production = header::is_not_production(&header);
    let orders: Vec<Processed<'c>> = groups
        .iter()
        .map(|group| {
            let mut mapped = order::map(&order_context, group);
            let quality_control = not_patient::quality_control(message, group);
            let reasons = not_production.then(|| not_patient::not_production(&msh, &header.processing_id));
            let non_human = not_patient::non_human(message, group);
            for finding in reasons.into_iter().chain(quality_control).chain(non_human) {
                mapped.findings.push_finding(finding);
                mapped.draft.not_patient = true;
            }
            crate::process::evaluate(mapped.draft, mapped.findings, context, typed, Some(&mapped.map))
        })
        .collect();
    if orders.is_empty() && not_production {
        findings.push_finding(not_patient::not_production(&msh, &header.processing_id));
    }
    if orders.is_empty() {
        let text = "the message has no OBR or OBX: it reports no result";
        findings.push_at(FindingCode::NoResults, JsonPointer::root(), SourceLocation::Hl7(msh.location()), text);
    }
    let findings = findings.into_vec();
    // A result in error is an application error for its sender (AE) even when the order's other results were
    // accepted (NEEDS_REVIEW): the ERR segments say which, so the sender can correct it.
    let is_error = |f: &Finding| f.severity() == Severity::Error;
    let content_error = findings.iter().any(is_error)
        || orders.iter().any(|o| !o.report.accepted || o.report.findings.iter().any(is_error));
    // HL7 v2.5.1 §2.9.2.1 (original mode): a message whose processing ID the receiver does not accept is
    // rejected (AR); its orders are still read, and rejected, so that a sender debugging a feed sees the rest.
    let ack_code = match (not_production, content_error) {
        (true, _) => AckCode::AR,
        (false, true) => AckCode::AE,
        (false, false) => AckCode::AA,
    };
    MessageOutcome { header, ack_code, findings, orders }
}

/// Whether the message's delimiters can be used (with a finding when not, or when MSH-2 is short).
fn check_delimiters(message: &Message<'_>, msh: &super::message::Segment<'_, '_>, findings: &mut Findings) -> bool {
    let at = SourceLocation::Hl7(msh.location().field(2));
    if let Some(problem) = message.delimiter_problem {
        findings.push_at(FindingCode::MessageUnreadable, JsonPointer::root(), at, problem.message());
        return false;
    }
    if message.short_encoding {
        let text =
            "MSH-2 declares fewer than four encoding characters: escape sequences or sub-components are not recognized";
        let finding = Finding::new(FindingCode::InvalidValue, JsonPointer::root(), text).with_location(at);
        findings.push_finding(finding.with_severity(Severity::Warning));
    }
    true
}

/// An OBR without any OBX (a parent order, a header) reports nothing: it gets no report of its own.
fn drop_empty_orders(message: &Message<'_>, groups: &mut Vec<oru::Order>, findings: &mut Findings) {
    groups.retain(|group| {
        let empty = group.observations.is_empty();
        if let Some(obr) = group.obr.and_then(|i| message.segment(i)).filter(|_| empty) {
            let text = "this order has no OBX segment; it reports nothing and gets no report";
            let finding = Finding::new(FindingCode::NoResults, JsonPointer::root(), text)
                .with_location(SourceLocation::Hl7(obr.location()))
                .with_severity(Severity::Info);
            findings.push_finding(finding);
        }
        !empty
    });
}

fn rejected<'c>(header: MessageHeader, findings: Findings) -> MessageOutcome<'c> {
    MessageOutcome { header, ack_code: AckCode::AR, findings: findings.into_vec(), orders: Vec::new() }
}

/// Keeps the first [`MAX_LINE_FINDINGS`] findings about lines of each kind and counts the rest in one.
fn cap_line_findings(findings: &mut Findings) {
    for code in [FindingCode::SegmentInvalid, FindingCode::SegmentUnexpected] {
        if findings.keep_first_of(code, MAX_LINE_FINDINGS) > 0 {
            let message = "more segments like the ones above were ignored (only the first 20 are listed)";
            findings.push(code, JsonPointer::root(), message);
        }
    }
}
