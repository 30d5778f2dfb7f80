//! The HL7 v2 tables labcore reads and writes, each with its source.

use crate::ResultStatus;

/// Message types labcore reads: ORU^R01 (HL7 v2.5.1 §7.3.1, "ORU – unsolicited transmission of an observation
/// message"), and the point-of-care forms ORU^R30, R31 and R32 (v2.5 §7.3.4–7.3.6), whose PID/ORC/OBR/OBX
/// groups are the same.
pub(crate) fn is_supported_message(message_type: &str, event: &str) -> bool {
    message_type == "ORU" && matches!(event, "R01" | "R30" | "R31" | "R32")
}

/// HL7 v2 versions labcore reads (MSH-12, HL7 table 0104).
pub(crate) fn is_supported_version(version: &str) -> bool {
    const SUPPORTED: &[&str] = &["2.3", "2.3.1", "2.4", "2.5", "2.5.1", "2.6", "2.7", "2.7.1", "2.8", "2.8.1", "2.8.2"];
    SUPPORTED.contains(&version)
}

/// Whether the version writes ERR the v2.5 way (ERR-2 location, ERR-3 HL7 error code, ERR-4 severity) rather
/// than the v2.3/2.4 way (ERR-1, type ELD). Unknown versions get the v2.5 form.
pub(crate) fn has_err_location_field(version: &str) -> bool {
    !matches!(version, "2.1" | "2.2" | "2.3" | "2.3.1" | "2.4")
}

/// Segments that may appear in an ORU^R01 (v2.3–v2.8 message structures, chapter 7), Z-segments aside.
pub(crate) fn is_oru_segment(id: &str) -> bool {
    const ORU: &[&str] = &[
        "MSH", "SFT", "UAC", "NTE", "PID", "PD1", "NK1", "ARV", "PV1", "PV2", "PRT", "ORC", "OBR", "TQ1", "TQ2", "CTD",
        "OBX", "FT1", "CTI", "SPM", "DSC", "ROL",
    ];
    ORU.contains(&id) || id.starts_with('Z')
}

/// What OBX-11 (HL7 table 0085, observation result status) means for the result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Disposition {
    /// A result to read.
    Report,
    /// No result is reported (cancelled, pending, not asked, order detail only): left out.
    NotReported,
    /// An earlier result is withdrawn (sent in error, deleted): left out, and a person must know.
    Retracted,
}

/// HL7 table 0085 (observation result status; HL7 UTG `cs-v2-0085.xml`, codes of v2.3–v2.8) read into a FHIR
/// `ObservationStatus` and what it means for reading the OBX. A, C, D, F, P, W and X follow the HL7 v2-to-FHIR
/// concept map (HL7/v2-to-fhir, "ObservationResultStatusCodesInterpretation": A amended, C corrected,
/// D and W entered-in-error, F final, P preliminary, X cancelled). The codes that map leaves open are read by
/// their table meaning: B "appended report — final results reviewed … without change" and V "verified — final
/// results reviewed and confirmed" (v2.8) and U "status change to final" are final; R "results entered — not
/// verified" and S "partial results" are preliminary; I "specimen in lab; results pending" and O "order detail
/// description only (no result)" report no result yet; N "not asked" reports none.
pub(crate) fn result_status(code: &str) -> Option<(ResultStatus, Disposition)> {
    use Disposition::{NotReported, Report, Retracted};
    Some(match code {
        "F" | "U" | "B" | "V" => (ResultStatus::Final, Report),
        "C" => (ResultStatus::Corrected, Report),
        "A" => (ResultStatus::Amended, Report),
        "P" | "R" | "S" => (ResultStatus::Preliminary, Report),
        "I" | "O" => (ResultStatus::Registered, NotReported),
        "X" | "N" => (ResultStatus::Cancelled, NotReported),
        "D" | "W" => (ResultStatus::EnteredInError, Retracted),
        _ => return None,
    })
}

/// HL7 table 0123 (result status, OBR-25; HL7 UTG `cs-v2-0123.xml`): the codes that say no result of the order
/// is available — O "order received; specimen not yet received", I "no results available; specimen received,
/// procedure incomplete", S "no results available; procedure scheduled, but not done", X "no results available;
/// order canceled", Y "no order on record for this test" and Z "no record of this patient" (both "used only on
/// queries"). Whatever OBX segments such an order carries are not live results. A (some results), P, C, R and F
/// report results, whose own status OBX-11 gives.
pub(crate) fn is_non_live_result_status(code: &str) -> bool {
    matches!(code, "O" | "I" | "S" | "X" | "Y" | "Z")
}

/// HL7 table 0123 (result status, OBR-25): the codes whose results are reported but not final — A "some, but not
/// all, results available", P "preliminary: a verified early result is available, final results not yet
/// obtained", R "results stored; not yet verified".
pub(crate) fn is_not_final_result_status(code: &str) -> bool {
    matches!(code, "A" | "P" | "R")
}

/// HL7 table 0119 (order control, ORC-1; HL7 UTG `cs-v2-0119.xml`): the codes that cancel or discontinue the
/// order — CA "cancel order/service request", CR "canceled as requested", DC "discontinue order/service
/// request", DR "discontinued as requested", OC "order/service canceled", OD "order/service discontinued".
pub(crate) fn is_cancelling_order_control(code: &str) -> bool {
    matches!(code, "CA" | "CR" | "DC" | "DR" | "OC" | "OD")
}

/// HL7 table 0038 (order status, ORC-5; HL7 UTG `cs-v2-0038.xml`): CA "order was canceled", DC "order was
/// discontinued".
pub(crate) fn is_cancelled_order_status(code: &str) -> bool {
    matches!(code, "CA" | "DC")
}

/// How labcore reads an OBX-5 of each value type (OBX-2, HL7 table 0125).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ValueType {
    /// NM: a number (labcore also reads bounds and decimal commas, as senders write them).
    Numeric,
    /// SN: structured numeric, `comparator^num1^separator^num2`.
    StructuredNumeric,
    /// ST, TX, FT: text (a number in it is still read as a number).
    Text,
    /// CE, CWE, CNE, CF: a coded value; its text (or code) is the result.
    Coded,
    /// DT, DTM, TM, TS: a date or time (a symptom onset, a time of death): kept as text, never as a number.
    Temporal,
    /// ED, RP: an attachment (a PDF report, an image): not a result labcore reads.
    Attachment,
    /// Any other type of table 0125 (dates, names, addresses, money…): not read.
    Other,
}

/// Reads OBX-2; `None` when it is not a type of HL7 table 0125.
pub(crate) fn value_type(code: &str) -> Option<ValueType> {
    Some(match code {
        "NM" => ValueType::Numeric,
        "SN" => ValueType::StructuredNumeric,
        "ST" | "TX" | "FT" => ValueType::Text,
        "CE" | "CWE" | "CNE" | "CF" | "IS" | "ID" => ValueType::Coded,
        "DT" | "DTM" | "TM" | "TS" => ValueType::Temporal,
        "ED" | "RP" => ValueType::Attachment,
        "AD" | "CK" | "CN" | "CP" | "CX" | "DR" | "MA" | "MO" | "NA" | "PN" | "TN" | "XAD" | "XCN" | "XON" | "XPN"
        | "XTN" => ValueType::Other,
        _ => return None,
    })
}

/// Whether a coding system name (CWE.3/.6/.12) is LOINC: `LN` (HL7 table 0396), and the names and identifiers
/// senders also use (`LOINC`, the OID 2.16.840.1.113883.6.1, the FHIR URI).
pub(crate) fn is_loinc_system(system: &str) -> bool {
    let system = system.trim();
    ["LN", "LOINC", "2.16.840.1.113883.6.1", "http://loinc.org"].iter().any(|s| s.eq_ignore_ascii_case(system))
}

/// Whether a text is the name of a coding system of HL7 table 0396 rather than a display: `LN` (LOINC), `SCT`
/// (SNOMED CT), `L` (local general code), `99zzz` (local), `HL7nnnn` (an HL7 table), and LOINC's other names.
pub(crate) fn is_coding_system_name(text: &str) -> bool {
    let text = text.trim();
    let local = text.len() == 5 && text.starts_with("99") && text.bytes().all(|b| b.is_ascii_alphanumeric());
    let hl7_table = text.len() == 7 && text.starts_with("HL7") && text.bytes().skip(3).all(|b| b.is_ascii_digit());
    is_loinc_system(text) || is_snomed_system(text) || text == "L" || local || hl7_table
}

/// Whether a coding system name (CWE.3/.6) is SNOMED CT: `SCT` (HL7 table 0396), and the names and identifiers
/// senders also use (`SNOMED CT`, `SNOMED-CT`, the OID 2.16.840.1.113883.6.96, the FHIR URI).
pub(crate) fn is_snomed_system(system: &str) -> bool {
    let system = system.trim();
    ["SCT", "SNOMED CT", "SNOMED-CT", "SNOMEDCT", "2.16.840.1.113883.6.96", "http://snomed.info/sct"]
        .iter()
        .any(|s| s.eq_ignore_ascii_case(system))
}

/// Whether a text is a well-formed SNOMED CT identifier (SNOMED CT Technical Implementation Guide, "SCTID"
/// data type): 6 to 18 digits without a leading zero, whose last digit is the Verhoeff check digit of the rest.
/// Whether the concept exists, or is a specimen, cannot be told without the terminology.
pub(crate) fn is_sctid(text: &str) -> bool {
    use verhoeff::Verhoeff;
    let text = text.trim();
    (6..=18).contains(&text.len())
        && !text.starts_with('0')
        && text.bytes().all(|b| b.is_ascii_digit())
        && text.validate_verhoeff_check_digit()
}

/// SNOMED CT specimen types senders put in SPM-4 for the specimens of labcore's panels (system http://snomed.info/sct).
/// Sources: 122555007 "Venous blood specimen" and 119364003 "Serum specimen" in the FHIR R4 SpecimenDefinition
/// example (hl7.org/fhir/r4/specimendefinition-example-serum-plasma); 122592007 "Acellular blood (serum or plasma)
/// specimen" and 258580003 "Whole blood specimen" in the HL7 Switzerland CH ELM results value set; 119297000
/// "Blood specimen (specimen)" in the German Medical Informatics Initiative test data and FHIR example FSH;
/// 119361006 "Plasma specimen" and 122554006 "Capillary blood specimen" in an EU laboratory value set drafted from
/// the CDC LIVD mapping (secondary sources: no SNOMED browser page could be read here).
pub(crate) fn specimen_kind(code: &str) -> Option<crate::SpecimenKind> {
    use crate::SpecimenKind::{Plasma, Serum, SerumOrPlasma, WholeBlood};
    Some(match code.trim() {
        "119297000" | "122555007" | "122554006" | "258580003" => WholeBlood,
        "119364003" => Serum,
        "119361006" => Plasma,
        "122592007" => SerumOrPlasma,
        _ => return None,
    })
}

/// HL7 table 0357 (message error condition codes; HL7 UTG `cs-v2-0357.xml`) for a finding, with the table's
/// text: 0 accepted, 100 segment sequence error, 101 required field missing, 102 data type error, 103 table value
/// not found, 104 value too long, 200 unsupported message type, 203 unsupported version id, 207 application error
/// (UTG: "An application level error has occurred and the detail for that error is identified in ERR-5"). A
/// warning or information with no structural code is 0 ("Success … used for systems that must always return a
/// status code"), with ERR-4 giving its severity.
pub(crate) fn error_condition(code: crate::FindingCode, severity: crate::Severity) -> (u16, &'static str) {
    use crate::FindingCode as C;
    match code {
        C::SegmentUnexpected => (100, "Segment sequence error"),
        C::MissingField | C::NoResults => (101, "Required field missing"),
        C::TooLong => (104, "Value too long"),
        C::InvalidType | C::InvalidValue | C::ValueAmbiguous | C::ValueTruncated | C::FieldConflict => {
            (102, "Data type error")
        }
        C::InvalidLoinc | C::UnknownAnalyte | C::UnitUnknown => (103, "Table value not found"),
        C::MessageTypeUnsupported => (200, "Unsupported message type"),
        C::ProcessingNotProduction => (202, "Unsupported processing id"),
        C::VersionUnsupported => (203, "Unsupported version id"),
        C::MessageUnreadable => (102, "Data type error"),
        _ if severity == crate::Severity::Error => (207, "Application error"),
        _ => (0, "Message accepted"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_code_is_read() {
        for code in ["C", "D", "F", "I", "N", "O", "P", "R", "S", "U", "W", "X"] {
            assert!(result_status(code).is_some(), "{code}");
        }
        assert_eq!(result_status("W").map(|s| s.1), Some(Disposition::Retracted));
        assert_eq!(result_status("Q"), None);
    }

    #[test]
    fn order_tables() {
        for live in ["A", "P", "C", "R", "F", ""] {
            assert!(!is_non_live_result_status(live), "{live}");
        }
        assert!(["O", "I", "S", "X", "Y", "Z"].iter().all(|c| is_non_live_result_status(c)));
        assert!(is_cancelling_order_control("CA") && is_cancelling_order_control("OD"));
        assert!(!is_cancelling_order_control("RE") && !is_cancelling_order_control("NW"));
        assert!(is_cancelled_order_status("DC") && !is_cancelled_order_status("CM"));
    }

    #[test]
    fn value_types_and_systems() {
        assert_eq!(value_type("NM"), Some(ValueType::Numeric));
        assert_eq!(value_type("ED"), Some(ValueType::Attachment));
        assert!(["DT", "DTM", "TM", "TS"].iter().all(|t| value_type(t) == Some(ValueType::Temporal)));
        assert_eq!(value_type("QQ"), None);
        assert!(is_loinc_system("ln") && is_loinc_system("2.16.840.1.113883.6.1") && !is_loinc_system("L"));
        assert!(is_snomed_system("SCT") && is_snomed_system("SNOMED CT") && !is_snomed_system("LN"));
        assert!(["LN", "SCT", "L", "99USL", "HL70487"].iter().all(|t| is_coding_system_name(t)));
        assert!(!is_coding_system_name("Lead") && !is_coding_system_name("Hemoglobin"));
    }

    #[test]
    fn snomed_identifiers_carry_a_verhoeff_check_digit() {
        // Specimen concepts as CDC/APHL ELR test messages send them in SPM-4.
        for code in ["258500001", "697989009", "445297001", "119339001", "119364003", "122555007", "258467004"] {
            assert!(is_sctid(code), "{code}");
        }
        for code in ["258500002", "12345", "0258500001", "25850000x", ""] {
            assert!(!is_sctid(code), "{code}");
        }
    }
}
