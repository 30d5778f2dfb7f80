//! One OBX (with its NTE notes) read into a labcore result.
//!
//! OBX-2 value type, OBX-3 observation identifier (a LOINC code in any of its coding triplets, else the
//! sender's name), OBX-5 value, OBX-6 units, OBX-7 reference range, OBX-8 abnormal flags (repeating), OBX-11
//! result status; the NTE-3 comments that follow.

use std::borrow::Cow;

use super::field::{Leaf, Repetition};
use super::message::Segment;
use super::numeric::{self, Numeric};
use super::repeats;
use super::tables::{self, Disposition, ValueType};
use crate::finding::Findings;
use crate::payload::{Alternates, MAX_COMMENT, MAX_VALUE_TEXT, Reader, ResultInput, field, free_text};
use crate::value::{read_value_text, shared_text};
use crate::{Finding, FindingCode, Hl7Location, JsonPointer, Phi, ReportedValue, Severity, SourceLocation, TextKind};

/// OBX field positions.
pub(crate) const VALUE_TYPE: u16 = 2;
pub(crate) const IDENTIFIER: u16 = 3;
pub(crate) const VALUE: u16 = 5;
pub(crate) const UNITS: u16 = 6;
pub(crate) const RANGE: u16 = 7;
pub(crate) const FLAGS: u16 = 8;
pub(crate) const STATUS: u16 = 11;
pub(crate) const OBSERVED_AT: u16 = 14;
pub(crate) const PERFORMING_ORGANIZATION: u16 = 23;
pub(crate) const OBSERVATION_TYPE: u16 = 29;

/// Whether the OBX answers a question asked at order entry: OBX-29 (observation type, HL7 table 0936, v2.8.2)
/// `QST` "Question", as the CDC/APHL ELR feeds mark their AOE answers (symptoms, pregnancy, employment). Such an
/// answer is order context, not a lab result.
pub(crate) fn is_order_question(obx: &Segment<'_, '_>) -> bool {
    obx.field(usize::from(OBSERVATION_TYPE)).first().component(1).text().trim() == "QST"
}

/// Pushes a finding located in the message (its model path: the order's results).
pub(crate) fn located(findings: &mut Findings, code: FindingCode, at: Hl7Location, message: &'static str) -> usize {
    let path = JsonPointer::root().key("results");
    findings.push_finding(Finding::new(code, path, message).with_location(SourceLocation::Hl7(at)));
    findings.len()
}

/// Changes the severity of the last finding pushed.
fn soften(findings: &mut Findings, severity: Severity) {
    findings.retune_last(severity);
}

/// Reports what decoding a value noticed: a malformed escape, a truncated value.
pub(crate) fn note_leaf(leaf: &Leaf<'_>, at: Hl7Location, findings: &mut Findings) {
    if leaf.decoding.malformed {
        located(findings, FindingCode::EscapeMalformed, at, "an escape sequence is malformed; it was kept as written");
    }
    if leaf.truncated {
        located(
            findings,
            FindingCode::ValueTruncated,
            at,
            "the value ends with the truncation character: the sender cut it short",
        );
    }
}

/// Reads one observation; `None` when it reports no result (its status or value type say so, with a finding).
pub(crate) fn read(
    obx: &Segment<'_, '_>,
    notes: &[Segment<'_, '_>],
    index: usize,
    findings: &mut Findings,
) -> Option<ResultInput> {
    let at = obx.location();
    let withheld = repeats::status_conflict(obx, findings);
    let status = status(obx, index, findings)?;
    let value_type = value_type(obx, findings)?;
    let path = JsonPointer::root().key("results").index(index);
    let (analyte, loinc) = identify(obx, &path, findings);
    let loincs = repeats::other_codes(obx, loinc.as_deref(), findings);
    let alternates = Alternates { loinc: loincs, units: repeats::other_units(obx), withheld };
    let mut reader = Reader { findings };
    let text = |reader: &mut Reader<'_>, field_number: u16, text: Cow<'_, str>, spec| {
        reader.check_text(&text, &path, spec, false).map(shared_text).map(|t| (t, field_number))
    };
    let unit = repeats::unit_of(&obx.field(usize::from(UNITS)).first());
    let unit = text(&mut reader, UNITS, unit, field("unit", 64)).map(|(t, _)| t);
    let range_leaf = obx.field(usize::from(RANGE)).first().component(1).whole();
    note_leaf(&range_leaf, at.field(RANGE), reader.findings);
    let range = text(&mut reader, RANGE, range_leaf.text, field("reference_range", 128)).map(|(t, _)| t);
    let flag = text(&mut reader, FLAGS, chosen_flag(obx), field("flag", 32)).map(|(t, _)| t);
    let value = value(obx, value_type, &path, reader.findings);
    if obx.field(usize::from(STATUS)).is_empty() && obx.field(usize::from(VALUE)).is_empty() {
        // Neither what was found nor whether anything was: nothing to release, and a person must ask.
        let message = "the result has neither a value (OBX-5) nor a status (OBX-11): what was found cannot be told";
        let finding = Finding::new(FindingCode::MissingField, path.key("value"), message)
            .with_location(SourceLocation::Hl7(at.field(VALUE)));
        reader.findings.push_finding(finding);
    }
    let comment = comment(notes, path.key("comment"), reader.findings)
        .and_then(|c| reader.check_text(&c, &path, free_text("comment", MAX_COMMENT), false).map(str::to_owned));
    Some(ResultInput {
        index,
        analyte,
        loinc,
        value: Some(value),
        unit,
        reference_range: range.map(|text| crate::VendorRange { text: Some(text), ..crate::VendorRange::default() }),
        flag,
        comment: comment.map(Phi::new),
        status,
        alternates: alternates.boxed(),
    })
}

/// A finding about one OBX field: its code, severity and message.
type Note = (FindingCode, Severity, &'static str);

const STATUS_EMPTY: Note =
    (FindingCode::MissingField, Severity::Warning, "OBX-11 (result status) is empty; the result was read as final");
const STATUS_UNKNOWN: Note = (
    FindingCode::InvalidValue,
    Severity::Warning,
    "OBX-11 is not a result status of HL7 table 0085; the result was read as final",
);
const NOT_REPORTED: Note = (
    FindingCode::ResultNotReported,
    Severity::Info,
    "the result status says no result is reported (cancelled, pending, not asked); it was left out",
);
const RETRACTED: Note = (
    FindingCode::ResultRetracted,
    Severity::Warning,
    "the result status withdraws a result sent earlier (wrong or deleted): it is listed as entered in error, not flagged nor used by any check or derivation",
);
const PRELIMINARY: Note = (
    FindingCode::ResultPreliminary,
    Severity::Info,
    "the result is preliminary, not verified or partial; it may change",
);
const CORRECTED: Note = (FindingCode::ResultCorrected, Severity::Info, "the result corrects one sent earlier");
const TYPE_EMPTY: Note = (
    FindingCode::MissingField,
    Severity::Warning,
    "OBX-2 (value type) is empty; the value was read as text or a number",
);
const TYPE_UNKNOWN: Note = (
    FindingCode::InvalidValue,
    Severity::Warning,
    "OBX-2 is not a value type of HL7 table 0125; the value was read as text or a number",
);
const ATTACHMENT: Note = (
    FindingCode::ValueTypeUnsupported,
    Severity::Info,
    "the value is an attachment (ED or RP), not a result; it was left out",
);
const OTHER_TYPE: Note = (
    FindingCode::ValueTypeUnsupported,
    Severity::Warning,
    "the value type is not one labcore reads as a lab result (NM, SN, ST, TX, FT, CE, CWE, DT, TM, TS); it was left out",
);

fn note(findings: &mut Findings, at: Hl7Location, (code, severity, message): Note) {
    located(findings, code, at, message);
    soften(findings, severity);
}

/// OBX-11: the result's status, or `None` (with a finding) when the OBX reports no result. A withdrawn result
/// (W, D) is kept with its status, entered-in-error, so that a person sees which results were withdrawn; its
/// finding is about that result.
fn status(obx: &Segment<'_, '_>, index: usize, findings: &mut Findings) -> Option<Option<crate::ResultStatus>> {
    use crate::ResultStatus::{Amended, Corrected, Preliminary};
    let at = obx.location().field(STATUS);
    let code = obx.field(usize::from(STATUS)).text();
    let read = if code.is_empty() { Err(STATUS_EMPTY) } else { tables::result_status(&code).ok_or(STATUS_UNKNOWN) };
    let (status, disposition) = match read {
        Ok(read) => read,
        Err(problem) => {
            note(findings, at, problem);
            return Some(None);
        }
    };
    let (kept, remark) = match (disposition, status) {
        (Disposition::NotReported, _) => (false, Some(NOT_REPORTED)),
        (Disposition::Retracted, _) => {
            let (code, severity, message) = RETRACTED;
            let path = JsonPointer::root().key("results").index(index).key("status");
            let finding = Finding::new(code, path, message).with_location(SourceLocation::Hl7(at));
            findings.push_finding(finding.with_severity(severity));
            return Some(Some(status));
        }
        (Disposition::Report, Preliminary) => (true, Some(PRELIMINARY)),
        (Disposition::Report, Corrected | Amended) => (true, Some(CORRECTED)),
        (Disposition::Report, _) => (true, None),
    };
    if let Some(remark) = remark {
        note(findings, at, remark);
    }
    kept.then_some(Some(status))
}

/// OBX-2, or `None` (with a finding) when the value is of a type labcore does not read as a result.
fn value_type(obx: &Segment<'_, '_>, findings: &mut Findings) -> Option<ValueType> {
    let at = obx.location().field(VALUE_TYPE);
    let code = obx.field(usize::from(VALUE_TYPE)).text();
    let kind = match tables::value_type(&code) {
        Some(kind) => kind,
        None if code.is_empty() => {
            if !obx.field(usize::from(VALUE)).is_empty() {
                note(findings, at, TYPE_EMPTY);
            }
            ValueType::Text
        }
        None => {
            note(findings, at, TYPE_UNKNOWN);
            ValueType::Text
        }
    };
    match kind {
        ValueType::Attachment => note(findings, at, ATTACHMENT),
        ValueType::Other => note(findings, at, OTHER_TYPE),
        kind => return Some(kind),
    }
    None
}

/// OBX-3: the sender's name for the analyte and the LOINC code, from whichever triplet carries LOINC (local
/// codes with a LOINC alternate are mapped through it). An identifier without a coding system that is a
/// LOINC code with a valid check digit is taken as one.
fn identify(
    obx: &Segment<'_, '_>,
    path: &JsonPointer,
    findings: &mut Findings,
) -> (Option<smol_str::SmolStr>, Option<smol_str::SmolStr>) {
    let parts: [_; 12] = obx.field(usize::from(IDENTIFIER)).first().parts();
    let part = |n: usize| parts.get(n.wrapping_sub(1)).map(|c| c.text()).unwrap_or_default();
    let loinc = repeats::loinc_codes(&parts).into_iter().next();
    let primary_is_loinc = tables::is_loinc_system(&part(3));
    // A text component that is a coding system's name (`LN`, `SCT`, `L` of HL7 table 0396, written there by a
    // sender that shifted the triplet) names no analyte.
    let name = [2usize, 9]
        .into_iter()
        .map(part)
        .find(|t| !t.is_empty() && !tables::is_coding_system_name(t))
        .or_else(|| Some(part(1)).filter(|id| !primary_is_loinc && !id.is_empty() && Some(id) != loinc.as_ref()))
        .or_else(|| Some(part(5)).filter(|t| !t.is_empty() && !tables::is_coding_system_name(t)));
    let mut reader = Reader { findings };
    let name = name.and_then(|n| reader.check_text(&n, path, field("analyte", 256), false).map(shared_text));
    let loinc = loinc.and_then(|l| reader.check_text(&l, path, field("loinc", 32), false).map(shared_text));
    if name.is_none() && loinc.is_none() {
        reader.findings.push(FindingCode::MissingField, *path, "a result needs `analyte` or `loinc`");
    }
    (name, loinc)
}

/// OBX-8: the repetition labcore compares with its own flag — the first that reads as a normal/abnormal flag
/// (`H`, `LL`, `A`, `N`…) rather than a delta, susceptibility or other flag — else the first one sent.
fn chosen_flag<'a>(obx: &Segment<'_, 'a>) -> Cow<'a, str> {
    let flags = obx.field(usize::from(FLAGS));
    let mut first = None;
    for code in flags.repetitions().map(|r| r.component(1).text()).filter(|c| !c.is_empty()) {
        if crate::flags::read_vendor_flag(&code).is_some() {
            return code;
        }
        first.get_or_insert(code);
    }
    first.unwrap_or_default()
}

/// OBX-5, read as its value type says; an empty value is kept as empty text.
fn value(obx: &Segment<'_, '_>, kind: ValueType, path: &JsonPointer, findings: &mut Findings) -> ReportedValue {
    let at = obx.location().field(VALUE);
    let field = obx.field(usize::from(VALUE));
    let mut repetitions = field.repetitions().filter(|r| !r.is_empty());
    let first = repetitions.next();
    let read = match (kind, first) {
        (_, None) => Numeric::Text(Cow::Borrowed("")),
        (ValueType::Text, Some(first)) => {
            let mut text = whole_text(&first, at, findings).into_owned();
            for more in repetitions.by_ref() {
                text.push('\n');
                text.push_str(&whole_text(&more, at, findings));
            }
            Numeric::Text(Cow::Owned(text))
        }
        (ValueType::Coded, Some(first)) => Numeric::Text(coded_text(&first)),
        (ValueType::Temporal, Some(first)) => {
            // A date is no measurement: `20240321` must not be read as a number.
            let text = super::field::trimmed(first.component(1).text()).into_owned();
            let value = ReportedValue::Text { kind: TextKind::Text, text: Phi::new(text) };
            Reader { findings }.value_findings(&value, &path.key("value"));
            return value;
        }
        (kind, Some(first)) => numeric::read(&first, kind == ValueType::StructuredNumeric, at, findings),
    };
    if repetitions.next().is_some() {
        located(
            findings,
            FindingCode::InvalidValue,
            at,
            "OBX-5 repeats but its value type does not; only the first repetition was read",
        );
        soften(findings, Severity::Warning);
    }
    let text = match read {
        Numeric::Text(text) => text,
        Numeric::Refused(message) => {
            located(findings, FindingCode::InvalidValue, at, message);
            soften(findings, Severity::Warning);
            let text = first.map(|r| super::field::trimmed(r.whole().text).into_owned()).unwrap_or_default();
            return ReportedValue::Text { kind: TextKind::Text, text: Phi::new(text) };
        }
    };
    // A value the sender cut short (the v2.7 truncation character ends it) is no measurement: kept as text.
    let truncated = field.delimiters().truncation.is_some_and(|t| field.as_str().trim_end().ends_with(t));
    let value = if text.len() > MAX_VALUE_TEXT || truncated {
        ReportedValue::Text { kind: TextKind::Text, text: Phi::new(text.into_owned()) }
    } else {
        read_value_text(&text)
    };
    Reader { findings }.value_findings(&value, &path.key("value"));
    value
}

fn whole_text<'a>(repetition: &Repetition<'a>, at: Hl7Location, findings: &mut Findings) -> Cow<'a, str> {
    let leaf = repetition.whole();
    note_leaf(&leaf, at, findings);
    super::field::trimmed(leaf.text)
}

/// A coded value: its text (CWE.2), else its code (CWE.1), else the original text (CWE.9).
fn coded_text<'a>(repetition: &Repetition<'a>) -> Cow<'a, str> {
    [2, 1, 9].into_iter().map(|n| repetition.component(n).text()).find(|t| !t.is_empty()).unwrap_or_default()
}

/// The NTE-3 comments after an OBX (or an OBR), each repetition a line. A note that would make the comment
/// longer than labcore keeps (64 KiB) is left out with a warning (`too_long`), not the whole message rejected;
/// a note is never cut short, so no half sentence stands for the note.
pub(crate) fn comment(notes: &[Segment<'_, '_>], path: JsonPointer, findings: &mut Findings) -> Option<String> {
    let mut text = String::new();
    for note in notes {
        let at = note.location().field(3);
        let mut lines: Vec<Cow<'_, str>> = Vec::new();
        for repetition in note.field(3).repetitions() {
            let leaf = repetition.whole();
            note_leaf(&leaf, at, findings);
            lines.push(leaf.text);
        }
        let note_text = lines.join("\n");
        let separator = usize::from(!text.is_empty());
        if text.len() + separator + note_text.len() > MAX_COMMENT {
            let message = "this note (NTE-3) would make the comment longer than 64 KiB: the note was left out";
            let finding = Finding::new(FindingCode::TooLong, path, message)
                .with_location(SourceLocation::Hl7(at))
                .with_severity(Severity::Warning);
            findings.push_finding(finding);
            continue;
        }
        if separator == 1 {
            text.push('\n');
        }
        text.push_str(&note_text);
    }
    if text.trim().is_empty() { None } else { Some(text) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hl7::Document;

    /// Each finding's code, severity and path.
    type Found = Vec<(FindingCode, Severity, String)>;

    /// Reads the OBX of `obx` (one segment) as result 0: the input, and each finding's code, severity, path.
    fn read_one(obx: &str) -> (Option<ResultInput>, Found) {
        let text = format!("MSH|^~\\&|A\r{obx}");
        let doc = Document::parse(&text);
        let segment = doc.messages()[0].segments().find(|s| s.is("OBX"));
        let mut findings = Findings::default();
        let input = segment.and_then(|s| read(&s, &[], 0, &mut findings));
        let found = findings.into_vec().iter().map(|f| (f.code(), f.severity(), f.path().to_string())).collect();
        (input, found)
    }

    #[test]
    fn a_withdrawn_result_is_kept_with_its_status() {
        let (input, found) = read_one("OBX|1|NM|2160-0^Creatinine^LN||9.9|mg/dL|0.6-1.2|H|||W");
        assert_eq!(input.and_then(|i| i.status), Some(crate::ResultStatus::EnteredInError));
        let retracted = (FindingCode::ResultRetracted, Severity::Warning, "/results/0/status".to_owned());
        assert_eq!(found, [retracted]);
    }

    #[test]
    fn dates_and_times_are_text_never_numbers() {
        for obx in ["OBX|1|DT|11368-8^Onset^LN||20261120||||||F", "OBX|1|TS|X^Received^L||202611241015^M||||||F"] {
            let (input, found) = read_one(obx);
            let value = input.and_then(|i| i.value);
            assert!(matches!(value, Some(ReportedValue::Text { .. })), "{obx}");
            assert!(found.iter().all(|f| f.0 != FindingCode::ValueTypeUnsupported), "{obx}");
        }
    }

    #[test]
    fn a_result_without_value_or_status_is_in_error() {
        let (input, found) = read_one("OBX|1|NM|2823-3^Potassium^LN|||mmol/L");
        assert!(input.is_some());
        assert!(found.contains(&(FindingCode::MissingField, Severity::Error, "/results/0/value".to_owned())));
        let (_, found) = read_one("OBX|1|NM|2823-3^Potassium^LN|||mmol/L|||||F");
        assert!(
            found.iter().all(|f| f.1 != Severity::Error),
            "a final result without a value is not an error: {found:?}"
        );
    }

    #[test]
    fn questions_at_order_entry_and_shifted_loinc_triplets() {
        let doc =
            Document::parse("MSH|^~\\&|A\rOBX|1|CWE|95419-8^Symptoms^LN||Y||||||F||||||||||||||||||QST\rOBX|2|NM");
        let obx: Vec<_> = doc.messages()[0].segments().filter(|s| s.is("OBX")).collect();
        assert_eq!(obx.iter().map(is_order_question).collect::<Vec<_>>(), [true, false]);
        let (input, _) = read_one("OBX|1|CWE|94558-4^LN^260415000^260415000^L||260415000^Not detected^SCT||||||F");
        let input = input.expect("a result");
        assert_eq!((input.loinc.as_deref(), input.analyte.as_deref()), (Some("94558-4"), None));
        let (input, _) = read_one("OBX|1|NM|2823-3^Potassium^SCT||4.1|mmol/L||||||F");
        assert_eq!(input.and_then(|i| i.loinc), None, "a code beside another system is not guessed to be LOINC");
    }

    #[test]
    fn a_note_over_64_kib_is_left_out_not_the_message() {
        let long = "x".repeat(MAX_COMMENT + 1);
        let text = format!("MSH|^~\\&|A\rNTE|1||first\rNTE|2||{long}\rNTE|3||third");
        let doc = Document::parse(&text);
        let notes: Vec<Segment<'_, '_>> = doc.messages()[0].segments().filter(|s| s.is("NTE")).collect();
        let mut findings = Findings::default();
        let comment = comment(&notes, JsonPointer::root().key("comments"), &mut findings);
        assert_eq!(comment.as_deref(), Some("first\nthird"));
        let found = findings.into_vec();
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].code(), found[0].severity()), (FindingCode::TooLong, Severity::Warning));
        assert_eq!(found[0].location().map(ToString::to_string).as_deref(), Some("NTE[2]-3"));
    }
}
