//! Orders whose results are no patient's: a message that is not production data (MSH-11), and a specimen that
//! is quality-control material (specimen role, HL7 table 0369). Either way every order is rejected and nothing is
//! flagged: QC material and test data must never raise a patient's critical value nor reach a releasing status.
//! And orders whose subject is not a person (PID-35 species): real results, kept, but not flagged against human
//! intervals.

use super::message::{Message, Segment};
use super::oru::Order;
use crate::{Finding, FindingCode, JsonPointer, SourceLocation};

/// The finding every order of a message that is not production data gets (MSH-11 not `P`).
pub(crate) fn not_production(msh: &Segment<'_, '_>, processing_id: &str) -> Finding {
    let message = match processing_id {
        "T" | "D" => {
            "MSH-11 (processing ID) marks a training (T) or debugging (D) message, not production data: its results are no patient's and are rejected"
        }
        // CDCgov/trusted-intermediary ADR 026 (2024): `N` marks test messages not to be sent to partners, sent by
        // a scheduled task. Any value outside table 0103 is read the same way: only P says "a patient's data".
        _ => {
            "MSH-11 (processing ID) is not P (production): a value outside HL7 table 0103 (N marks scheduled test messages in CDC ReportStream feeds) is not production data; its results are no patient's and are rejected"
        }
    };
    Finding::new(FindingCode::ProcessingNotProduction, JsonPointer::root(), message)
        .with_location(SourceLocation::Hl7(msh.location().field(11)))
}

/// HL7 table 0369 (specimen role) codes of material that is not a patient's specimen: `Q` control specimen,
/// `C` calibrator, `V` verifying calibrator, `E` electronic QC, `F` filler proficiency, `O` operator
/// proficiency, `B` blind sample, `R` replicate (of a patient sample run as a control). `P` patient (the default
/// when empty), `G` group and `L` pool are patients' material. Source: HL7 v2 table 0369 as published by HL7
/// Terminology (`http://terminology.hl7.org/CodeSystem/v2-0369`, OID 2.16.840.1.113883.18.227); FHIR R5
/// `Specimen.role` (`http://hl7.org/fhir/specimen-role`) has the same codes in lower case.
pub(crate) fn is_quality_control_role(code: &str) -> bool {
    matches!(code.trim(), "Q" | "C" | "V" | "E" | "F" | "O" | "B" | "R" | "q" | "c" | "v" | "e" | "f" | "o" | "b" | "r")
}

/// The finding of an order whose specimen is quality-control material: SPM-11 (specimen role, any repetition),
/// else OBR-15.7 (the specimen role component of SPS, for v2.3–2.4 interfaces without SPM).
pub(crate) fn quality_control(message: &Message<'_>, order: &Order) -> Option<Finding> {
    let segment = |index: Option<usize>| index.and_then(|i| message.segment(i));
    let from_spm = segment(order.spm).and_then(|spm| {
        let role = spm.field(11).repetitions().any(|r| is_quality_control_role(&r.component(1).text()));
        role.then(|| spm.location().field(11))
    });
    let from_obr = || {
        segment(order.obr).and_then(|obr| {
            let role = obr.field(15).first().component(7).subcomponent(1);
            is_quality_control_role(role).then(|| obr.location().field(15))
        })
    };
    let at = from_spm.or_else(from_obr)?;
    let message = "the specimen role (HL7 table 0369) marks quality-control material (a control, calibrator, proficiency or blind sample), not a patient's specimen: its results are not flagged and the order is rejected";
    Some(Finding::new(FindingCode::QualityControl, JsonPointer::root(), message).with_location(SourceLocation::Hl7(at)))
}

/// SNOMED CT 337915000 "Homo sapiens (organism)", the species code for a person (as FHIR's patient-animal
/// examples and the HL7 ELR IG use the SNOMED CT organism hierarchy for PID-35), and the words for it.
fn is_human(code: &str, text: &str) -> bool {
    let human_text = ["human", "homo sapiens", "person"].iter().any(|h| text.trim().eq_ignore_ascii_case(h));
    code.trim() == "337915000" || (code.trim().is_empty() && human_text)
}

/// The finding of an order whose subject is not a person: PID-35 (species code, v2.5+) names another species
/// (a dog of a rabies ELR). Human reference intervals and critical limits do not apply, so nothing is flagged or
/// derived (`Draft::not_patient`); the results are kept, and the order is not rejected: they are real results.
pub(crate) fn non_human(message: &Message<'_>, order: &Order) -> Option<Finding> {
    let pid = order.pid.and_then(|i| message.segment(i))?;
    let species = pid.field(35).first();
    let (code, text) = (species.component(1).text(), species.component(2).text());
    if (code.trim().is_empty() && text.trim().is_empty()) || is_human(&code, &text) {
        return None;
    }
    let message = "PID-35 (species) names a species other than human: human reference intervals and critical limits do not apply, so no result was flagged or derived";
    let finding = Finding::new(FindingCode::SubjectNotHuman, JsonPointer::root().key("patient"), message)
        .with_location(SourceLocation::Hl7(pid.location().field(35)));
    Some(finding)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_species_other_than_human_is_no_patient() {
        let text = "MSH|^~\\&|A\rPID|1||X^^^A^MR||||||||||||||||||||||||||||||||44696006^Beagle^SCT\rOBR|1\rOBX|1|NM";
        let doc = crate::hl7::Document::parse(text);
        let mut findings = crate::finding::Findings::default();
        let orders = super::super::oru::orders(&doc.messages()[0], &mut findings);
        let found = non_human(&doc.messages()[0], &orders[0]);
        assert_eq!(found.map(|f| f.location().map(ToString::to_string)), Some(Some("PID[1]-35".to_owned())));
        assert!(is_human("337915000", "Homo sapiens") && is_human("", "Human") && !is_human("", "Canis"));
    }

    #[test]
    fn control_roles_are_not_patients() {
        for code in ["Q", "C", "V", "E", "F", "O", "B", "R", "q", " Q "] {
            assert!(is_quality_control_role(code), "{code}");
        }
        for code in ["", "P", "p", "G", "L", "X", "QC"] {
            assert!(!is_quality_control_role(code), "{code}");
        }
    }
}
