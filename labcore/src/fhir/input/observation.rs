//! One FHIR R4 Observation (or one of its components) read into a labcore result.
//!
//! | labcore | FHIR |
//! |---|---|
//! | `loinc` | `code.coding` with system `http://loinc.org` |
//! | `analyte` | `code.text`, else another coding's display or code |
//! | `value`, `unit` | `valueQuantity` (`value` exact, `comparator`, UCUM `code` else `unit`), `valueString`, `valueCodeableConcept`, `valueInteger`; other types are left out |
//! | `reference_range` | the `referenceRange` that applies to the patient (type `normal` or none; `age`, `appliesTo` sex; see `range.rs`): `low`/`high`, each with its unit, else `text` |
//! | `flag` | `interpretation` (v3 ObservationInterpretation or v2 table 0078 code) |
//! | `status` | `status`: `cancelled` and `registered` report no result, `entered-in-error` withdraws one |
//! | `comment` | `note[].text` |

use std::borrow::Cow;

use smol_str::SmolStr;

use super::json::{Json, Obj};
use super::range::{self, Patient};
use crate::finding::Findings;
use crate::payload::{Alternates, MAX_COMMENT, MAX_VALUE_TEXT, Reader, ResultInput, field, free_text};
use crate::value::{read_json_number, read_value_text, shared_text};
use crate::{
    Comparator, FhirPath, Finding, FindingCode, JsonPointer, Phi, ReportedValue, ResultStatus, Severity,
    SourceLocation, TextKind,
};

/// The LOINC system URI, and the OID form some senders use.
const LOINC: &[&str] = &["http://loinc.org", "urn:oid:2.16.840.1.113883.6.1"];
/// UCUM's system URI.
const UCUM: &str = "http://unitsofmeasure.org";
/// Interpretation code systems whose codes are HL7 table 0078 / v3 ObservationInterpretation flags.
const INTERPRETATION: &[&str] = &[
    "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation",
    "http://hl7.org/fhir/v2/0078",
    "http://terminology.hl7.org/CodeSystem/v2-0078",
];

/// Where each part of one result is in the resource.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ResultSource {
    pub(crate) base: FhirPath,
    pub(crate) value: &'static str,
    pub(crate) range: Option<usize>,
}

/// What reading a result needs from its observation and patient.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Inherited {
    /// The observation's status (components share it).
    pub(crate) status: Option<ResultStatus>,
    /// The patient's sex and age at collection, which select the reference range.
    pub(crate) patient: Patient,
}

fn left_out(findings: &mut Findings, code: FindingCode, at: FhirPath, message: &'static str) {
    let path = JsonPointer::root().key("results");
    findings.push_finding(Finding::new(code, path, message).with_location(SourceLocation::Fhir(Box::new(at))));
}

/// The observation's status, or `None` when it reports no result (with a finding).
pub(crate) fn status(body: &Obj<'_>, base: FhirPath, findings: &mut Findings) -> Option<Option<ResultStatus>> {
    let at = base.key("status");
    let Some(code) = body.string("status") else { return Some(None) };
    let Some(status) = ResultStatus::from_fhir_code(&code) else {
        let message = "`status` is not an ObservationStatus code; the result was read as final";
        let finding = Finding::new(FindingCode::InvalidValue, JsonPointer::root().key("results"), message)
            .with_location(SourceLocation::Fhir(Box::new(at)))
            .with_severity(Severity::Warning);
        findings.push_finding(finding);
        return Some(None);
    };
    match status {
        ResultStatus::Cancelled | ResultStatus::Registered => {
            left_out(
                findings,
                FindingCode::ResultNotReported,
                at,
                "the observation is cancelled or only registered: no result is reported; it was left out",
            );
            None
        }
        ResultStatus::EnteredInError => {
            left_out(
                findings,
                FindingCode::ResultRetracted,
                at,
                "the observation was entered in error: it withdraws a result sent earlier; it was left out",
            );
            None
        }
        ResultStatus::Preliminary => {
            left_out(findings, FindingCode::ResultPreliminary, at, "the result is preliminary; it may change");
            Some(Some(status))
        }
        ResultStatus::Amended | ResultStatus::Corrected => {
            left_out(findings, FindingCode::ResultCorrected, at, "the result corrects or amends one sent earlier");
            Some(Some(status))
        }
        _ => Some(Some(status)),
    }
}

/// Reads one result (an Observation with a value, or a component); `None` when it has no value to read.
pub(crate) fn read(
    body: &Obj<'_>,
    base: FhirPath,
    index: usize,
    inherited: Inherited,
    findings: &mut Findings,
) -> Option<(ResultInput, ResultSource)> {
    let path = JsonPointer::root().key("results").index(index);
    let withheld = super::choice::conflicts(body, base, &path, findings);
    let (value_key, value, unit) = match value(body, base, &path, withheld, findings) {
        Some(read) => read,
        // Two `value[x]`, the first of a type labcore does not read: the result is kept, its value not used.
        None if withheld => {
            ("value", ReportedValue::Text { kind: TextKind::Empty, text: Phi::new(String::new()) }, None)
        }
        None => return None,
    };
    let (analyte, loinc, others) = code(body, &path, findings);
    let mut reader = Reader { findings };
    let unit = unit.and_then(|u| reader.check_text(&u, &path, field("unit", 64), false).map(shared_text));
    let (range_index, range) = match range::select(body, unit.as_deref(), inherited.patient, base, reader.findings) {
        Some((i, range)) => (Some(i), Some(range)),
        None => (None, None),
    };
    let flag =
        interpretation(body).and_then(|f| reader.check_text(&f, &path, field("flag", 32), false).map(shared_text));
    let comment = Some(notes(body, base, path.key("comment"), reader.findings))
        .filter(|c| !c.is_empty())
        .and_then(|c| reader.check_text(&c, &path, free_text("comment", MAX_COMMENT), false).map(str::to_owned));
    let input = ResultInput {
        index,
        analyte,
        loinc,
        value: Some(value),
        unit,
        reference_range: range,
        flag,
        comment: comment.map(Phi::new),
        status: inherited.status,
        alternates: Alternates { loinc: others, units: Vec::new(), withheld }.boxed(),
    };
    Some((input, ResultSource { base, value: value_key, range: range_index }))
}

/// `note[].text`, one line each. A note that would make the comment longer than labcore keeps (64 KiB) is left out
/// with a `too_long` warning, as in HL7, rather than the report rejected; a note is never cut short.
fn notes(body: &Obj<'_>, base: FhirPath, path: JsonPointer, findings: &mut Findings) -> String {
    let mut text = String::new();
    for (i, note) in body.objects("note") {
        let Some(line) = note.string("text") else { continue };
        let separator = usize::from(!text.is_empty());
        if text.len() + separator + line.len() > MAX_COMMENT {
            let message = "this note would make the comment longer than 64 KiB: the note was left out";
            let at = SourceLocation::Fhir(Box::new(base.key("note").index(i)));
            findings.push_finding(
                Finding::new(FindingCode::TooLong, path, message).with_location(at).with_severity(Severity::Warning),
            );
            continue;
        }
        if separator == 1 {
            text.push('\n');
        }
        text.push_str(&line);
    }
    text
}

/// `code`: the LOINC coding, the sender's name for the analyte, and the other LOINC codes sent (compared with
/// the first when the result is normalised: two codes are two answers to "which analyte").
fn code(
    body: &Obj<'_>,
    path: &JsonPointer,
    findings: &mut Findings,
) -> (Option<SmolStr>, Option<SmolStr>, Vec<SmolStr>) {
    let concept = body.object("code").unwrap_or_default();
    let codings: Vec<Obj<'_>> = concept.objects("coding").into_iter().map(|(_, c)| c).collect();
    let is_loinc = |c: &Obj<'_>| c.string("system").is_some_and(|s| LOINC.contains(&s.as_ref()));
    let mut loincs: Vec<Cow<'_, str>> = Vec::new();
    for code in codings.iter().filter(|c| is_loinc(c)).filter_map(|c| c.string("code")) {
        if !loincs.contains(&code) {
            loincs.push(code);
        }
    }
    let alternates: Vec<SmolStr> = loincs.iter().skip(1).map(|c| shared_text(c)).collect();
    let loinc = loincs.into_iter().next();
    let others = codings.iter().filter(|c| !is_loinc(c));
    let name = concept
        .string("text")
        .or_else(|| others.clone().find_map(|c| c.string("display")))
        .or_else(|| others.clone().find_map(|c| c.string("code")))
        .or_else(|| codings.iter().filter(|c| is_loinc(c)).find_map(|c| c.string("display")));
    let mut reader = Reader { findings };
    let name = name.and_then(|n| reader.check_text(&n, path, field("analyte", 256), false).map(shared_text));
    let loinc = loinc.and_then(|l| reader.check_text(&l, path, field("loinc", 32), false).map(shared_text));
    if name.is_none() && loinc.is_none() {
        reader.findings.push(FindingCode::MissingField, *path, "a result needs `analyte` or `loinc`");
    }
    (name, loinc, alternates)
}

/// `value[x]`: the value, its unit and which element held it; `None` (with a finding) for a value type labcore
/// does not read, or no value (a data-absent reason says why).
fn value<'a>(
    body: &Obj<'a>,
    base: FhirPath,
    path: &JsonPointer,
    conflicting: bool,
    findings: &mut Findings,
) -> Option<(&'static str, ReportedValue, Option<Cow<'a, str>>)> {
    let Some((key, json)) = body.choice("value") else {
        if body.get("dataAbsentReason").is_some() {
            let message = "the observation has no value (a data-absent reason says why); it was left out";
            left_out(findings, FindingCode::ResultNotReported, base.key("dataAbsentReason"), message);
            return None;
        }
        let value = ReportedValue::Text { kind: TextKind::Empty, text: Phi::new(String::new()) };
        Reader { findings }.value_findings(&value, &path.key("value"));
        return Some(("value", value, None));
    };
    let Some((key, value, unit)) = typed_value(body, key, json, path, findings) else {
        if conflicting {
            return None; // `field_conflict` says why the value is not used
        }
        let message = "the value type is not one labcore reads as a lab result (Quantity, string, CodeableConcept, integer); it was left out";
        left_out(findings, FindingCode::ValueTypeUnsupported, base.key("value"), message);
        return None;
    };
    if !conflicting {
        Reader { findings }.value_findings(&value, &path.key("value"));
    }
    Some((key, value, unit))
}

/// The value of the `value[x]` types labcore reads, with the element's name; `None` for any other type.
fn typed_value<'a>(
    body: &Obj<'a>,
    key: &str,
    json: Json<'a>,
    path: &JsonPointer,
    findings: &mut Findings,
) -> Option<(&'static str, ReportedValue, Option<Cow<'a, str>>)> {
    Some(match key {
        "valueQuantity" => {
            let quantity = Obj::read(body.raw(key)?).unwrap_or_default();
            let (value, unit) = quantity_value(&quantity, path, findings);
            ("valueQuantity", value, unit)
        }
        "valueString" => ("valueString", text_value(json.text().unwrap_or_default().trim()), None),
        "valueInteger" => match json {
            Json::Number(n) => ("valueInteger", read_json_number(n), None),
            _ => ("valueInteger", text_value(""), None),
        },
        "valueCodeableConcept" => {
            let concept = Obj::read(body.raw(key)?).unwrap_or_default();
            let codings = concept.objects("coding");
            let text = concept.string("text").or_else(|| {
                codings
                    .iter()
                    .find_map(|(_, c)| c.string("display"))
                    .or_else(|| codings.iter().find_map(|(_, c)| c.string("code")))
            });
            ("valueCodeableConcept", text_value(text.as_deref().unwrap_or_default()), None)
        }
        _ => return None,
    })
}

fn text_value(text: &str) -> ReportedValue {
    if text.len() > MAX_VALUE_TEXT {
        ReportedValue::Text { kind: TextKind::Text, text: Phi::new(text.to_owned()) }
    } else {
        read_value_text(text)
    }
}

/// A Quantity's value (its exact digits and comparator) and unit (the UCUM code, else the human unit).
fn quantity_value<'a>(
    quantity: &Obj<'a>,
    path: &JsonPointer,
    findings: &mut Findings,
) -> (ReportedValue, Option<Cow<'a, str>>) {
    let mut value = match quantity.get("value") {
        Some(Json::Number(n)) => read_json_number(n),
        Some(Json::Str(token)) => {
            let message = "`valueQuantity.value` must be a JSON number; the string was read as a value";
            let finding =
                Finding::new(FindingCode::InvalidType, path.key("value"), message).with_severity(Severity::Warning);
            findings.push_finding(finding);
            text_value(Json::Str(token).text().unwrap_or_default().trim())
        }
        _ => ReportedValue::Text { kind: TextKind::Empty, text: Phi::new(String::new()) },
    };
    if let (ReportedValue::Number { comparator, .. }, Some(symbol)) = (&mut value, quantity.string("comparator")) {
        *comparator = match symbol.as_ref() {
            "<" => Some(Comparator::Less),
            "<=" => Some(Comparator::LessOrEqual),
            ">" => Some(Comparator::Greater),
            ">=" => Some(Comparator::GreaterOrEqual),
            _ => None,
        };
    }
    foreign_unit_system(quantity, path, findings);
    (value, quantity_unit(quantity))
}

/// Says so when a Quantity's unit is coded in another system than UCUM (a SNOMED CT unit concept, say): its
/// `code` is then no UCUM unit, and the unit is read from the `unit` text. The system is named from a fixed list,
/// never quoted (it is the sender's text).
fn foreign_unit_system(quantity: &Obj<'_>, path: &JsonPointer, findings: &mut Findings) {
    let Some(system) = quantity.string("system").filter(|s| s != UCUM) else { return };
    let name = match system.as_ref() {
        "http://snomed.info/sct" => "SNOMED CT",
        "urn:iso:std:iso:11073:10101" => "ISO/IEEE 11073-10101 (device units)",
        s if s.starts_with("http://terminology.hl7.org/CodeSystem/v2-") || s.starts_with("http://hl7.org/fhir/v2/") => {
            "an HL7 v2 table"
        }
        _ => "a code system labcore does not know",
    };
    let read =
        if quantity.string("unit").is_some() { "its `unit` text" } else { "its `code` (there is no `unit` text)" };
    let message = format!(
        "`valueQuantity.system` is {name}, not UCUM (http://unitsofmeasure.org): the unit was read from {read}"
    );
    findings.push(FindingCode::UnitNormalized, path.key("unit"), message);
}

/// The unit of a Quantity: its UCUM `code`, else its human `unit`, else any `code`.
pub(super) fn quantity_unit<'a>(quantity: &Obj<'a>) -> Option<Cow<'a, str>> {
    let ucum = quantity.string("system").is_some_and(|s| s == UCUM);
    let code = quantity.string("code");
    if ucum && code.is_some() { code } else { quantity.string("unit").or(code) }
}

/// `interpretation`: the first coding from an interpretation code system, else any coding's code, else text.
fn interpretation<'a>(body: &Obj<'a>) -> Option<Cow<'a, str>> {
    let (_, concept) = body.objects("interpretation").into_iter().next()?;
    let codings = concept.objects("coding");
    let from = |c: &Obj<'_>| c.string("system").is_some_and(|s| INTERPRETATION.contains(&s.as_ref()));
    codings
        .iter()
        .find(|(_, c)| from(c))
        .and_then(|(_, c)| c.string("code"))
        .or_else(|| codings.iter().find_map(|(_, c)| c.string("code")))
        .or_else(|| concept.string("text"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_over_64_kib_is_left_out_not_the_report() {
        let long = "x".repeat(MAX_COMMENT);
        let text = format!(r#"{{"note": [{{"text": "first"}}, {{"text": "{long}"}}, {{"text": "third"}}]}}"#);
        let raw: &serde_json::value::RawValue = serde_json::from_str(&text).unwrap();
        let body = Obj::read(raw).unwrap();
        let mut findings = Findings::default();
        let base = FhirPath::resource("Observation");
        let notes = notes(&body, base, JsonPointer::root().key("results").index(0).key("comment"), &mut findings);
        assert_eq!(notes, "first\nthird");
        let found = findings.into_vec();
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].code(), found[0].severity()), (FindingCode::TooLong, Severity::Warning));
        assert_eq!(found[0].location().map(ToString::to_string).as_deref(), Some("Observation.note[1]"));
    }
}
