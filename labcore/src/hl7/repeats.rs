//! What an OBX says twice: OBX-3, OBX-6 and OBX-11 do not repeat in the standard, and an OBX-3 has up to three
//! coding triplets. A second LOINC code or unit is passed on with the result, and compared with the first when
//! the result is normalised (which analyte, which unit); repeated statuses are compared here. Nothing said
//! twice is resolved by silently taking the first.

use std::borrow::Cow;

use smol_str::SmolStr;

use super::field::{Component, Field, Repetition};
use super::message::Segment;
use super::obx::{IDENTIFIER, STATUS, UNITS, located};
use super::tables::{self, Disposition};
use crate::finding::Findings;
use crate::value::shared_text;
use crate::{FindingCode, ResultStatus, Severity};

/// The coding triplets of a CE/CWE: identifier, text, coding system (CWE.1–3, .4–6 and, from v2.7, .10–12).
const TRIPLETS: [(usize, usize, usize); 3] = [(1, 2, 3), (4, 5, 6), (10, 11, 12)];

/// The LOINC codes of one OBX-3 repetition, in triplet order: a triplet whose system is LOINC, or one without
/// a system whose identifier is a LOINC code with a valid check digit.
pub(crate) fn loinc_codes<'a>(parts: &[Component<'a>; 12]) -> Vec<Cow<'a, str>> {
    let part = |n: usize| parts.get(n.wrapping_sub(1)).map(Component::text).unwrap_or_default();
    let mut codes: Vec<Cow<'a, str>> = Vec::new();
    for (id, text, system) in TRIPLETS {
        let identifier = part(id);
        if identifier.is_empty() {
            continue;
        }
        let system = part(system);
        let valid = || crate::LoincCode::parse(&identifier).is_ok();
        // A sender that shifted the triplet writes the system name where the text belongs (`94558-4^LN^…`): a
        // valid LOINC code whose next component names LOINC is one. A valid-looking code beside another system's
        // name is not guessed to be LOINC.
        let is_loinc = tables::is_loinc_system(&system)
            || (system.is_empty() && valid())
            || (tables::is_loinc_system(&part(text)) && valid());
        if is_loinc && !codes.contains(&identifier) {
            codes.push(identifier);
        }
    }
    codes
}

/// The LOINC codes other than `primary` in OBX-3: its other triplets and its repetitions. A repetition that
/// differs from the first is a `field_conflict` warning: the first identifies the result, and the LOINC codes
/// of the others are checked against it.
pub(crate) fn other_codes(obx: &Segment<'_, '_>, primary: Option<&str>, findings: &mut Findings) -> Vec<SmolStr> {
    let field = obx.field(usize::from(IDENTIFIER));
    // The usual OBX-3 (one repetition, one coding triplet) has nothing more to say: no allocation for it.
    if !repeats(&field) && count(field.as_str(), field.delimiters().component) < 3 {
        return Vec::new();
    }
    let mut repetitions = field.repetitions().filter(|r| !r.is_empty());
    let Some(first) = repetitions.next() else { return Vec::new() };
    let mut others: Vec<SmolStr> = Vec::new();
    let mut add = |codes: Vec<Cow<'_, str>>| {
        for code in codes {
            if Some(code.as_ref()) != primary && !others.iter().any(|o| o == code.as_ref()) {
                others.push(shared_text(&code));
            }
        }
    };
    add(loinc_codes(&first.parts()));
    let mut repeated = false;
    for repetition in repetitions {
        repeated |= repetition.as_str().trim() != first.as_str().trim();
        add(loinc_codes(&repetition.parts()));
    }
    if repeated {
        let message = "OBX-3 repeats with other contents, but it does not repeat in the standard: the first repetition identifies the result, and the LOINC codes of the others are checked against it";
        located(findings, FindingCode::FieldConflict, obx.location().field(IDENTIFIER), message);
        findings.retune_last(Severity::Warning);
    }
    others
}

/// Whether a field holds the repetition separator (most do not: checked before anything is split).
fn repeats(field: &Field<'_>) -> bool {
    field.as_str().contains(field.delimiters().repetition)
}

/// How often a delimiter occurs in a field as written.
fn count(raw: &str, delimiter: char) -> usize {
    raw.matches(delimiter).count()
}

/// The unit of one OBX-6 repetition: its identifier, else its text (CE.1, CE.2).
pub(crate) fn unit_of<'a>(repetition: &Repetition<'a>) -> Cow<'a, str> {
    let [identifier, text] = repetition.parts();
    let identifier = identifier.text();
    if identifier.is_empty() { text.text() } else { identifier }
}

/// The units of OBX-6's repetitions after the first, when they are written otherwise (whether they are the
/// same unit is told when the result is normalised).
pub(crate) fn other_units(obx: &Segment<'_, '_>) -> Vec<SmolStr> {
    let field = obx.field(usize::from(UNITS));
    if !repeats(&field) {
        return Vec::new();
    }
    let mut repetitions = field.repetitions().filter(|r| !r.is_empty());
    let Some(first) = repetitions.next().map(|r| unit_of(&r).into_owned()) else { return Vec::new() };
    let mut others: Vec<SmolStr> = Vec::new();
    for unit in repetitions.map(|r| unit_of(&r)) {
        if unit != first && !unit.is_empty() && !others.iter().any(|o| o == unit.as_ref()) {
            others.push(shared_text(&unit));
        }
    }
    others
}

/// Compares OBX-11's repetitions with the first. Statuses that disagree on whether there is a result to read
/// (`F~D`: final, or deleted?), or that cannot be read, leave the result without a meaning: an error, and the
/// result is withheld (returns `true`). Two statuses that both report it (`F~C`) are a warning; the first holds.
pub(crate) fn status_conflict(obx: &Segment<'_, '_>, findings: &mut Findings) -> bool {
    let field = obx.field(usize::from(STATUS));
    if !repeats(&field) {
        return false;
    }
    let codes: Vec<Cow<'_, str>> =
        field.repetitions().filter(|r| !r.is_empty()).map(|r| r.component(1).text()).collect();
    let Some((first, rest)) = codes.split_first() else { return false };
    let read = |code: &str| -> Option<(ResultStatus, Disposition)> { tables::result_status(code) };
    let differing: Vec<&Cow<'_, str>> = rest.iter().filter(|c| *c != first).collect();
    if differing.is_empty() {
        return false;
    }
    let first_read = read(first);
    let changes_meaning = differing.iter().any(|c| match (first_read, read(c)) {
        (Some((_, a)), Some((_, b))) => a != b,
        _ => true,
    });
    let at = obx.location().field(STATUS);
    if changes_meaning {
        let message = "OBX-11 repeats with statuses that disagree on whether the result is reported, withdrawn or pending: its value is not used";
        located(findings, FindingCode::FieldConflict, at, message);
    } else {
        let message = "OBX-11 repeats with another status that also reports the result; the first was used";
        located(findings, FindingCode::FieldConflict, at, message);
        findings.retune_last(Severity::Warning);
    }
    changes_meaning
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hl7::Document;

    fn obx_of(line: &str, mut check: impl FnMut(&Segment<'_, '_>, &mut Findings)) -> Vec<(String, String)> {
        let text = format!("MSH|^~\\&|A\r{line}");
        let doc = Document::parse(&text);
        let mut findings = Findings::default();
        if let Some(obx) = doc.messages().first().and_then(|m| m.first("OBX")) {
            check(&obx, &mut findings);
        }
        findings.into_vec().iter().map(|f| (f.code().to_string(), f.severity().as_str().to_owned())).collect()
    }

    #[test]
    fn statuses_that_disagree_withhold_the_result() {
        let conflict = |status: &str| {
            let mut withheld = false;
            let found = obx_of(&format!("OBX|1|NM|2823-3^K^LN||4.0|mmol/L|||||{status}"), |obx, f| {
                withheld = status_conflict(obx, f);
            });
            (withheld, found.first().map(|(_, s)| s.clone()))
        };
        assert_eq!(conflict("F~D"), (true, Some("error".into())));
        assert_eq!(conflict("F~Q"), (true, Some("error".into())));
        assert_eq!(conflict("F~C"), (false, Some("warning".into())));
        assert_eq!(conflict("F~F"), (false, None));
        assert_eq!(conflict("F"), (false, None));
    }

    #[test]
    fn other_codes_and_units_are_collected() {
        let text =
            "MSH|^~\\&|A\rOBX|1|NM|2823-3^K^LN^2951-2^Na^LN~2823-3^K^LN~LOC^x^L^2160-0^Cr^LN||4|mg/dL~mmol/L~mg/dL";
        let doc = Document::parse(text);
        let obx = doc.messages()[0].first("OBX").unwrap();
        let mut findings = Findings::default();
        let codes = other_codes(&obx, Some("2823-3"), &mut findings);
        assert_eq!(codes, ["2951-2", "2160-0"]);
        assert_eq!(findings.len(), 1);
        assert_eq!(other_units(&obx), ["mmol/L"]);
    }
}
