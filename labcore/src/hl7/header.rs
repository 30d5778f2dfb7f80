//! The message header (MSH): who sent the message, what it is, and what the ACK must echo.

use chrono::FixedOffset;
use serde::Serialize;

use super::message::Segment;
use super::{datetime, tables};
use crate::finding::Findings;
use crate::{Finding, FindingCode, Hl7Location, JsonPointer, Severity, SourceLocation};

/// The longest header value labcore keeps (HD components are at most 20–199 characters in the standard).
const MAX_HEADER_TEXT: usize = 199;

/// A hierarchic designator (HD): an application or facility.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[non_exhaustive]
pub struct Hd {
    /// HD.1, the namespace ID (`LIS`).
    pub namespace: String,
    /// HD.2, the universal ID (an OID, say).
    pub universal_id: String,
    /// HD.3, the universal ID type (`ISO`, `DNS`).
    pub universal_id_type: String,
}

impl Hd {
    /// An HD with only a namespace ID.
    pub fn named(namespace: impl Into<String>) -> Hd {
        Hd { namespace: namespace.into(), ..Hd::default() }
    }

    /// Whether every component is empty.
    pub fn is_empty(&self) -> bool {
        self.namespace.is_empty() && self.universal_id.is_empty() && self.universal_id_type.is_empty()
    }

    /// The namespace, else the universal ID.
    pub fn name(&self) -> Option<&str> {
        [&self.namespace, &self.universal_id].into_iter().find(|s| !s.is_empty()).map(String::as_str)
    }
}

/// What labcore reads from MSH: the parties, the message type and version, and the acknowledgment it asks for.
/// None of it is PHI (the patient is in PID), so it may be logged and echoed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[non_exhaustive]
pub struct MessageHeader {
    /// MSH-3.
    pub sending_application: Hd,
    /// MSH-4.
    pub sending_facility: Hd,
    /// MSH-5.
    pub receiving_application: Hd,
    /// MSH-6.
    pub receiving_facility: Hd,
    /// MSH-9.1 (`ORU`).
    pub message_type: String,
    /// MSH-9.2 (`R01`).
    pub trigger_event: String,
    /// MSH-9.3 (`ORU_R01`), when sent.
    pub structure: String,
    /// MSH-10, echoed in the ACK's MSA-2.
    pub control_id: String,
    /// MSH-11.1 (`P`roduction, `T`raining, `D`ebugging; anything else is read as not production).
    pub processing_id: String,
    /// MSH-12.1 (`2.5.1`).
    pub version: String,
    /// MSH-15, the accept acknowledgment type (HL7 table 0155).
    pub accept_ack_type: String,
    /// MSH-16, the application acknowledgment type (HL7 table 0155).
    pub application_ack_type: String,
    /// The UTC offset of MSH-7: the sender's time zone, for times sent without one.
    #[serde(skip)]
    pub(crate) sender_offset: Option<FixedOffset>,
}

impl MessageHeader {
    /// Whether the sender asked for an application acknowledgment given this outcome (MSH-16, table 0155:
    /// `AL` always, `NE` never, `ER` on error only, `SU` on success only; empty means always, as in original
    /// acknowledgment mode).
    pub fn wants_application_ack(&self, accepted: bool) -> bool {
        match self.application_ack_type.as_str() {
            "NE" => false,
            "ER" => !accepted,
            "SU" => accepted,
            _ => true,
        }
    }
}

/// Reads one HD field, dropping control characters and over-long text.
fn hd(segment: &Segment<'_, '_>, field: usize) -> Hd {
    let [namespace, universal_id, universal_id_type] =
        segment.field(field).first().parts().map(|c| header_text(&c.text()));
    Hd { namespace, universal_id, universal_id_type }
}

fn header_text(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).take(MAX_HEADER_TEXT).collect()
}

/// Reads MSH and reports what makes the message unusable (an error: the ACK is AR) or doubtful.
pub(crate) fn read(msh: &Segment<'_, '_>, findings: &mut Findings) -> MessageHeader {
    let text = |field: usize, component: usize| header_text(&msh.field(field).component(component).text());
    let [message_type, trigger_event, structure] = msh.field(9).first().parts().map(|c| header_text(&c.text()));
    let header = MessageHeader {
        sending_application: hd(msh, 3),
        sending_facility: hd(msh, 4),
        receiving_application: hd(msh, 5),
        receiving_facility: hd(msh, 6),
        message_type,
        trigger_event,
        structure,
        control_id: header_text(&msh.field(10).text()),
        processing_id: text(11, 1),
        version: text(12, 1),
        accept_ack_type: text(15, 1),
        application_ack_type: text(16, 1),
        sender_offset: datetime::parse(&msh.field(7).component(1).text()).and_then(|t| t.offset),
    };
    check(&header, msh, findings);
    header
}

fn push(
    findings: &mut Findings,
    code: FindingCode,
    at: Hl7Location,
    severity: Option<Severity>,
    message: &'static str,
) {
    let mut finding = Finding::new(code, JsonPointer::root(), message).with_location(SourceLocation::Hl7(at));
    if let Some(severity) = severity {
        finding = finding.with_severity(severity);
    }
    findings.push_finding(finding);
}

fn check(header: &MessageHeader, msh: &Segment<'_, '_>, findings: &mut Findings) {
    let at = msh.location();
    if header.message_type.is_empty() {
        push(findings, FindingCode::MissingField, at.field(9), None, "MSH-9 (message type) is required");
    } else if !tables::is_supported_message(&header.message_type, &header.trigger_event) {
        let message = "labcore reads ORU^R01 result messages (and the ORU^R30–R32 point-of-care forms) only";
        push(findings, FindingCode::MessageTypeUnsupported, at.field(9), None, message);
    }
    if header.control_id.is_empty() {
        let message = "MSH-10 (message control ID) is required: the acknowledgment must echo it";
        push(findings, FindingCode::MissingField, at.field(10), None, message);
    }
    if header.version.is_empty() {
        let message = "MSH-12 (version ID) is empty; the message was read as HL7 v2.5.1";
        push(findings, FindingCode::MissingField, at.field(12), Some(Severity::Warning), message);
    } else if !tables::is_supported_version(&header.version) {
        let message = "MSH-12 names a version outside 2.3–2.8; the message was read as if it were one of them";
        push(findings, FindingCode::VersionUnsupported, at.field(12), None, message);
    }
    if !header.processing_id.is_empty() && !matches!(header.processing_id.as_str(), "P" | "T" | "D") {
        let message = "MSH-11 (processing ID) is not P, T or D (HL7 table 0103)";
        push(findings, FindingCode::InvalidValue, at.field(11), Some(Severity::Warning), message);
    }
    check_time(msh, findings);
}

/// MSH-7 gives the sender's time zone to every time sent without an offset: one that cannot be read (a date
/// that is not one, an offset such as `+2500` beyond ±14 hours) leaves those times in UTC, which must be said.
fn check_time(msh: &Segment<'_, '_>, findings: &mut Findings) {
    let text = msh.field(7).component(1).text();
    if !text.is_empty() && datetime::parse(&text).is_none() {
        let message = "MSH-7 (date/time of message) is not an HL7 date/time with a valid UTC offset (at most ±14 hours); times sent without an offset cannot take the sender's time zone";
        push(findings, FindingCode::InvalidValue, msh.location().field(7), Some(Severity::Warning), message);
    }
}

/// Whether MSH-11 (processing ID, HL7 table 0103) says the message is not production data: `T` training, `D`
/// debugging, or any value outside the table (`N`, which CDC ReportStream feeds use for scheduled test
/// messages): only `P` says the data is a patient's, so an unknown value is read conservatively. Such a message is
/// no patient's result, whatever it holds. An empty MSH-11 (required, but left out by some senders) is read as
/// production, as before.
pub(crate) fn is_not_production(header: &MessageHeader) -> bool {
    !header.processing_id.is_empty() && header.processing_id != "P"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hl7::Document;

    fn header_of(msh: &str) -> (MessageHeader, Vec<(FindingCode, String)>) {
        let doc = Document::parse(msh);
        let segment = doc.messages()[0].first("MSH").unwrap();
        let mut findings = Findings::default();
        let header = read(&segment, &mut findings);
        let found = findings.into_vec().iter().map(|f| (f.code(), f.location().unwrap().to_string())).collect();
        (header, found)
    }

    #[test]
    fn an_unreadable_msh7_is_reported_and_gives_no_time_zone() {
        let (header, found) = header_of("MSH|^~\\&|LIS|LAB|||20261124080000+2500||ORU^R01|C1|P|2.5.1");
        assert_eq!(found, [(FindingCode::InvalidValue, "MSH[1]-7".to_owned())]);
        assert_eq!(header.sender_offset, None);
        let (header, found) = header_of("MSH|^~\\&|LIS|LAB|||20261124080000-0500||ORU^R01|C1|P|2.5.1");
        assert!(found.is_empty() && header.sender_offset.is_some());
        assert!(header_of("MSH|^~\\&|LIS|LAB|||||ORU^R01|C1|P|2.5.1").1.is_empty());
    }

    #[test]
    fn training_and_debugging_are_not_production() {
        for (id, expected) in [("P", false), ("T", true), ("D", true), ("", false), ("N", true), ("X", true)] {
            let (header, _) = header_of(&format!("MSH|^~\\&|LIS|LAB|||20261124||ORU^R01|C1|{id}|2.5.1"));
            assert_eq!(is_not_production(&header), expected, "{id}");
        }
    }
}
