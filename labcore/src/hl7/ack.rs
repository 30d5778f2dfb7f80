//! The ACK labcore would send back: MSH, MSA and one ERR per finding, with HL7 locations and finding codes,
//! never a payload value.
//!
//! - MSH-3/4 are the receiving application and facility (labcore's side), MSH-5/6 the original sender; MSH-9 is
//!   `ACK^<event>^ACK` (`ACK^<event>` in v2.3, whose MSG type has two components); MSH-10 the ACK's own control
//!   ID; MSH-11 and MSH-12 echo the original (P and v2.5.1 when it gave no valid one).
//! - MSA-1 is AA, AE or AR (HL7 table 0008, original mode), MSA-2 echoes the original MSH-10. MSA-3 (text
//!   message) is written only for versions before 2.7, where it was withdrawn (deprecated since v2.4).
//!
//! Nothing the sender wrote is copied unless it is a validated code: the trigger event only when it has the shape
//! of one (else MSH-9 is plain `ACK`), the processing ID only when it is P, T or D, the version only when labcore
//! reads it. The parties (HD values, not patient data) and the control ID (which HL7 requires MSA-2 to echo) are
//! copied escaped, without control characters and at most 199 characters each (as the header reader keeps them).
//! - From v2.5, each ERR has ERR-2 (location: segment^sequence^field^repetition^component^sub-component),
//!   ERR-3 (HL7 table 0357 code), ERR-4 (severity E/W/I, table 0516), ERR-5 (labcore's finding code, local
//!   coding system `99LABCORE`) and ERR-7 (the finding's message). Before v2.5, ERR-1 (ELD: segment^sequence^
//!   field^code) carries the location, with the table 0357 code and labcore's code as the two triplets of the
//!   CE sub-components.

use chrono::{DateTime, FixedOffset};

use super::header::{Hd, MessageHeader};
use super::process::{AckCode, Hl7Outcome, MessageOutcome};
use super::tables;
use super::{Delimiters, datetime, escape};
use crate::{Finding, Hl7Location, Severity, SourceLocation};

/// The local coding system name of labcore's finding codes in ERR-5 (HL7 table 0396: local systems are `99zzz`).
pub const FINDING_CODE_SYSTEM: &str = "99LABCORE";

/// What an ACK needs besides the outcome (labcore has no clock and no counter of its own).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AckOptions {
    /// MSH-10 of the ACK (for several messages, `-2`, `-3`… are appended from the second on).
    pub control_id: String,
    /// MSH-7 of the ACK.
    pub timestamp: DateTime<FixedOffset>,
    /// MSH-3 of the ACK; by default the original message's receiving application.
    pub sending_application: Option<Hd>,
    /// MSH-4 of the ACK; by default the original message's receiving facility.
    pub sending_facility: Option<Hd>,
    /// Also list information findings (errors and warnings always are).
    pub include_info: bool,
    /// List at most this many findings as ERR segments (errors first); one more ERR says how many were left out.
    /// A message with a hundred thousand results should not earn a hundred-thousand-line ACK.
    pub max_errors: usize,
}

impl AckOptions {
    /// Options with the defaults: the original's receiving side as sender, errors and warnings listed.
    pub fn new(control_id: impl Into<String>, timestamp: DateTime<FixedOffset>) -> AckOptions {
        AckOptions {
            control_id: control_id.into(),
            timestamp,
            sending_application: None,
            sending_facility: None,
            include_info: false,
            max_errors: 100,
        }
    }
}

impl Hl7Outcome<'_> {
    /// One ACK per message (or, for an input with no readable message, one AR).
    pub fn acks(&self, options: &AckOptions) -> Vec<String> {
        if self.messages.is_empty() {
            return vec![write(&MessageHeader::default(), AckCode::AR, self.findings.iter(), options)];
        }
        self.messages
            .iter()
            .enumerate()
            .map(|(i, message)| {
                let mut numbered = options.clone();
                if i > 0 {
                    numbered.control_id = format!("{}-{}", options.control_id, i + 1);
                }
                let findings = self.findings.iter().chain(message.all_findings());
                write(&message.header, message.ack_code, findings, &numbered)
            })
            .collect()
    }
}

/// The ACK for one message.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use labcore::{catalog::Catalog, hl7, Context};
/// let catalog = Catalog::builtin()?;
/// let context = Context::new(&catalog, Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap());
/// let message = "MSH|^~\\&|LIS|LAB|EHR|HOSP|20261124080000||ORU^R01|C42|P|2.5.1\rPID|1||SECRET-MRN\r\
///                OBR|1|||CMP|||202611240742-0500\rOBX|1|NM|2345-7^Glucose^LN||105|mg/dL|||||F\r";
/// let outcome = hl7::process(message.as_bytes(), &context)?;
/// let now = chrono::FixedOffset::east_opt(0).unwrap().with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap();
/// let ack = hl7::ack(&outcome.messages[0], &hl7::AckOptions::new("ACK1", now));
/// assert!(ack.starts_with("MSH|^~\\&|EHR|HOSP|LIS|LAB|20261125120000+0000||ACK^R01^ACK|ACK1|P|2.5.1\rMSA|AA|C42|"));
/// assert!(!ack.contains("SECRET-MRN"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn ack(message: &MessageOutcome<'_>, options: &AckOptions) -> String {
    write(&message.header, message.ack_code, message.all_findings(), options)
}

fn write<'f>(
    original: &MessageHeader,
    code: AckCode,
    findings: impl Iterator<Item = &'f Finding>,
    options: &AckOptions,
) -> String {
    let d = Delimiters::default();
    let version = if tables::is_supported_version(&original.version) { original.version.as_str() } else { "2.5.1" };
    let mut out = msh(original, version, options, &d);
    let listed = dedup(findings.filter(|f| options.include_info || f.severity() != Severity::Info));
    out.push_str(&format!("MSA|{}|{}", code.as_str(), escape(&original.control_id, &d)));
    if msa_text_allowed(version) {
        out.push('|');
        out.push_str(&summary(code, &listed));
    }
    out.push('\r');
    errs(&mut out, &listed, tables::has_err_location_field(version), options.max_errors, &d);
    out
}

/// The ACK's MSH: labcore's side as sender, the original sender as receiver, the original's processing ID.
fn msh(original: &MessageHeader, version: &str, options: &AckOptions, d: &Delimiters) -> String {
    let e = |text: &str| escape(text, d);
    let hd = |hd: &Hd| {
        let parts = [e(&hd.namespace), e(&hd.universal_id), e(&hd.universal_id_type)];
        parts.join("^").trim_end_matches('^').to_owned()
    };
    let sender_app = options.sending_application.as_ref().unwrap_or(&original.receiving_application);
    let sender_facility = options.sending_facility.as_ref().unwrap_or(&original.receiving_facility);
    let processing = match original.processing_id.as_str() {
        id @ ("P" | "T" | "D") => id,
        _ => "P",
    };
    format!(
        "MSH|^~\\&|{}|{}|{}|{}|{}||{}|{}|{processing}|{version}\r",
        hd(sender_app),
        hd(sender_facility),
        hd(&original.sending_application),
        hd(&original.sending_facility),
        datetime::format(&options.timestamp),
        message_type(original, version),
        e(&options.control_id),
    )
}

/// MSH-9 of the ACK: `ACK^<event>^ACK` when the original's trigger event has the shape of an HL7 event code
/// (table 0003: three upper-case letters or digits, `R01`, `A01`), plain `ACK` for any other MSH-9 (unsupported or
/// malformed: none of it is copied). A message with no MSH-9 at all (unreadable) is answered as the ORU^R01
/// labcore reads.
fn message_type(original: &MessageHeader, version: &str) -> String {
    let trigger = original.trigger_event.as_str();
    let event = if original.message_type.is_empty() && trigger.is_empty() {
        Some("R01")
    } else {
        Some(trigger).filter(|t| t.len() == 3 && t.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()))
    };
    match event {
        Some(event) if version == "2.3" => format!("ACK^{event}"),
        Some(event) => format!("ACK^{event}^ACK"),
        None => "ACK".to_owned(),
    }
}

/// One ERR per finding, at most `max` (errors first, each kept in message order), and one counting the rest.
fn errs(out: &mut String, listed: &[&Finding], modern: bool, max: usize, d: &Delimiters) {
    let mut shown: Vec<&Finding> = listed.to_vec();
    if shown.len() > max {
        shown.sort_by_key(|f| std::cmp::Reverse(f.severity()));
        shown.truncate(max);
    }
    let kept: std::collections::HashSet<*const Finding> = shown.iter().map(|f| *f as *const Finding).collect();
    for finding in listed.iter().filter(|f| kept.contains(&(**f as *const Finding))) {
        out.push_str(&if modern { err_v25(finding, d) } else { err_v23(finding, d) });
        out.push('\r');
    }
    if listed.len() > shown.len() {
        let more = format!("{} more findings are not listed", listed.len() - shown.len());
        out.push_str(&if modern {
            format!("ERR|||0^Message accepted^HL70357|I|||{more}\r")
        } else {
            format!("ERR|^^^0&{more}&HL70357\r")
        });
    }
}

/// MSA-3 was deprecated in v2.4 and withdrawn in v2.7.
fn msa_text_allowed(version: &str) -> bool {
    !version.starts_with("2.7") && !version.starts_with("2.8")
}

fn summary(code: AckCode, findings: &[&Finding]) -> String {
    let count = |s: Severity| findings.iter().filter(|f| f.severity() == s).count();
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    match code {
        AckCode::AA if warnings == 0 => "accepted".to_owned(),
        AckCode::AA => format!("accepted; {warnings} warning(s)"),
        AckCode::AE => format!("content errors: {errors} error(s), {warnings} warning(s)"),
        AckCode::AR => format!("rejected: {errors} error(s)"),
    }
}

/// The same finding at the same place is listed once (orders of one patient share its PID findings).
fn dedup<'f>(findings: impl Iterator<Item = &'f Finding>) -> Vec<&'f Finding> {
    let mut seen = std::collections::HashSet::new();
    findings.filter(|f| seen.insert((f.code(), f.location(), f.message()))).collect()
}

fn hl7_location(finding: &Finding) -> Option<Hl7Location> {
    match finding.location() {
        Some(SourceLocation::Hl7(at)) => Some(*at),
        _ => None,
    }
}

fn severity_code(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "E",
        Severity::Warning => "W",
        Severity::Info => "I",
    }
}

/// `ERR||OBX^3^6^1|103^Table value not found^HL70357|E|unit_unknown^unit_unknown^99LABCORE||| message`
fn err_v25(finding: &Finding, d: &Delimiters) -> String {
    let location = hl7_location(finding)
        .filter(|at| at.segment_id().is_some())
        .map(|at| {
            let mut parts = vec![at.segment_id().unwrap_or_default().to_owned(), at.sequence().to_string()];
            let numbers = [
                at.field_position(),
                at.repetition_number().max(u16::from(at.field_position() > 0)),
                at.component_number(),
                at.subcomponent_number(),
            ];
            let given = numbers.iter().rposition(|n| *n > 0).map_or(0, |i| i + 1);
            parts.extend(numbers.iter().take(given).map(|n| n.to_string()));
            parts.join("^")
        })
        .unwrap_or_default();
    let (condition, text) = tables::error_condition(finding.code(), finding.severity());
    let code = finding.code().as_str();
    format!(
        "ERR||{location}|{condition}^{text}^HL70357|{}|{code}^{code}^{FINDING_CODE_SYSTEM}||{}",
        severity_code(finding.severity()),
        escape(finding.message(), d),
    )
}

/// `ERR|OBX^3^6^103&Table value not found&HL70357&unit_unknown&message&99LABCORE`
fn err_v23(finding: &Finding, d: &Delimiters) -> String {
    let at = hl7_location(finding).filter(|at| at.segment_id().is_some());
    let segment = at.map(|a| a.segment_id().unwrap_or_default().to_owned()).unwrap_or_default();
    let sequence = at.map(|a| a.sequence().to_string()).unwrap_or_default();
    let field = at.map(|a| a.field_position()).filter(|f| *f > 0).map(|f| f.to_string()).unwrap_or_default();
    let (condition, text) = tables::error_condition(finding.code(), finding.severity());
    format!(
        "ERR|{segment}^{sequence}^{field}^{condition}&{text}&HL70357&{}&{}&{FINDING_CODE_SYSTEM}",
        finding.code().as_str(),
        escape(finding.message(), d),
    )
}

#[cfg(test)]
mod tests {
    use chrono::{FixedOffset, TimeZone, Utc};

    use super::*;
    use crate::catalog::Catalog;

    const PLANTED: [&str; 2] = ["Okonkwo", "Fairweather"];

    /// The ACK of a one-result message with this MSH.
    fn ack_of(msh: &str) -> String {
        let catalog = Catalog::builtin().unwrap();
        let context = crate::Context::new(&catalog, Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap());
        let text = format!(
            "{msh}\rPID|1||MRN1\rOBR|1|||CMP|||202611240742-0500\rOBX|1|NM|2345-7^Glucose^LN||105|mg/dL|||||F\r"
        );
        let outcome = crate::hl7::process(text.as_bytes(), &context).unwrap();
        let now = FixedOffset::east_opt(0).unwrap().with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap();
        outcome.acks(&AckOptions::new("A1", now)).concat()
    }

    /// Field `n` (numbered as the standard does) of segment `segment` (0-based) of an ACK.
    fn field(ack: &str, segment: usize, n: usize) -> String {
        let line = ack.split('\r').nth(segment).unwrap();
        let shift = usize::from(line.starts_with("MSH"));
        line.split('|').nth(n - shift).unwrap_or_default().to_owned()
    }

    fn msh(message_type: &str, control_id: &str, processing: &str, version: &str) -> String {
        format!("MSH|^~\\&|LIS|LAB|EHR|HOSP|20261124080000||{message_type}|{control_id}|{processing}|{version}")
    }

    #[test]
    fn msh_9_copies_only_a_trigger_event_code() {
        let cases = [
            ("ORU^R01^ORU_R01", "2.5.1", "ACK^R01^ACK"),
            ("ADT^A01^ADT_A01", "2.5.1", "ACK^A01^ACK"),
            ("ADT^A01", "2.3", "ACK^A01"),
            ("Okonkwo^Fairweather^X", "2.5.1", "ACK"),
            ("ORU^Okonkwo Fairweather", "2.5.1", "ACK"),
            ("Okonkwo Fairweather", "2.5.1", "ACK"),
            ("Okonkwo", "2.3", "ACK"),
            ("ORU^r01", "2.5.1", "ACK"),
            ("ORU^R01X", "2.5.1", "ACK"),
            ("ORU^R\\F\\1", "2.5.1", "ACK"),
            ("ORU", "2.5.1", "ACK"),
            ("Fairweather^R01", "2.5.1", "ACK^R01^ACK"),
        ];
        for (message_type, version, expected) in cases {
            let ack = ack_of(&msh(message_type, "C1", "P", version));
            assert_eq!(field(&ack, 0, 9), expected, "{message_type}: {ack}");
            assert!(PLANTED.iter().all(|p| !ack.contains(p)), "{message_type}: {ack}");
        }
    }

    #[test]
    fn processing_id_and_version_are_copied_only_when_valid() {
        let ack = ack_of(&msh("ORU^R01", "C1", "Okonkwo", "Fairweather"));
        assert_eq!((field(&ack, 0, 11), field(&ack, 0, 12)), ("P".to_owned(), "2.5.1".to_owned()), "{ack}");
        let ack = ack_of(&msh("ORU^R01", "C1", "T", "2.3"));
        assert_eq!((field(&ack, 0, 11), field(&ack, 0, 12)), ("T".to_owned(), "2.3".to_owned()), "{ack}");
        assert!(PLANTED.iter().all(|p| !ack.contains(p)), "{ack}");
    }

    #[test]
    fn the_control_id_is_echoed_escaped_and_bounded() {
        let ack = ack_of(&msh("ORU^R01", "A\\F\\B\\S\\C\\T\\D\\R\\E\\E\\F", "P", "2.5.1"));
        assert_eq!(field(&ack, 1, 2), "A\\F\\B\\S\\C\\T\\D\\R\\E\\E\\F", "{ack}");
        let long = "7".repeat(10_000);
        let ack = ack_of(&msh("ORU^R01", &long, "P", "2.5.1"));
        assert_eq!(field(&ack, 1, 2), "7".repeat(199), "MSA-2 keeps what the header reader keeps");
        let ids: Vec<&str> = ack.split('\r').filter(|s| !s.is_empty()).map(|s| s.get(..3).unwrap()).collect();
        assert_eq!(ids, ["MSH", "MSA", "ERR"], "no segment injected: {ack}");
    }

    #[test]
    fn the_parties_are_swapped_escaped_and_bounded() {
        let long = "H".repeat(1_000);
        let text = format!("MSH|^~\\&|L\\F\\IS^1.2\\T\\3^ISO|LAB\\R\\X|EHR|{long}|20261124080000||ORU^R01|C1|P|2.5.1");
        let ack = ack_of(&text);
        assert_eq!(field(&ack, 0, 3), "EHR", "{ack}");
        assert_eq!(field(&ack, 0, 4), "H".repeat(199), "{ack}");
        assert_eq!(field(&ack, 0, 5), "L\\F\\IS^1.2\\T\\3^ISO", "{ack}");
        assert_eq!(field(&ack, 0, 6), "LAB\\R\\X", "{ack}");
    }
}
