//! When and what was collected, for one order: the collection time (OBR-7, else SPM-17, else OBR-8, else OBX-14,
//! else OBR-7 of the message's order for the same specimen) and the specimen (SPM-4, else OBR-15; SPM-2).

use chrono::{DateTime, FixedOffset};

use super::datetime::{self, Precision};
use super::header::MessageHeader;
use super::message::Segment;
use super::obx;
use super::tables;
use crate::finding::Findings;
use crate::{Finding, FindingCode, Hl7Location, JsonPointer, Phi, Severity, SourceLocation, Specimen, SpecimenKind};

/// Where the collection time was taken from when OBR-7 is empty, as the info finding says.
const FROM_SPECIMEN: &str = "OBR-7 is empty: the collection time was taken from SPM-17 (specimen collection date/time)";
const FROM_OBSERVATION_END: &str =
    "OBR-7 and SPM-17 are empty: the collection time was taken from OBR-8 (observation end date/time)";
const FROM_OBSERVATION: &str =
    "OBR-7, SPM-17 and OBR-8 are empty: the collection time was taken from OBX-14 (observation date/time) of the order";
const FROM_SAME_SPECIMEN: &str = "the order gives no collection time: it was taken from OBR-7 of the message's order \
                                  with the same filler order number (OBR-3), the same specimen";

/// Where an order's collection time may be written, in the order they are tried.
pub(crate) struct TimeSources<'s, 'm, 'a> {
    /// The order's OBR.
    pub(crate) obr: Option<&'s Segment<'m, 'a>>,
    /// The order's SPM.
    pub(crate) spm: Option<&'s Segment<'m, 'a>>,
    /// The order's first observation that gives an OBX-14.
    pub(crate) observed: Option<&'s Segment<'m, 'a>>,
    /// Another order's OBR of the same patient with the same filler order number and an OBR-7 (`order.rs`).
    pub(crate) same_specimen: Option<&'s Segment<'m, 'a>>,
}

/// OBR-7, else SPM-17 (its range start), else OBR-8 (the end of the collection), else OBX-14 of the order's first
/// observation that gives one, else OBR-7 of another order of the message for the same specimen (each fallback with
/// an info finding naming where it came from); with the sender's offset (MSH-7) for a time written without one.
/// With none anywhere the order is rejected, as a labcore JSON payload without `collected_at` is: ages, the
/// future-time check and delta checks all need it.
pub(crate) fn collected_at(
    header: &MessageHeader,
    sources: &TimeSources<'_, '_, '_>,
    findings: &mut Findings,
) -> (Option<DateTime<FixedOffset>>, Hl7Location) {
    let TimeSources { obr, spm, observed, same_specimen } = *sources;
    let candidates = [
        (obr, 7u16, None),
        (spm, 17, Some(FROM_SPECIMEN)),
        (obr, 8, Some(FROM_OBSERVATION_END)),
        (observed, obx::OBSERVED_AT, Some(FROM_OBSERVATION)),
        (same_specimen, 7, Some(FROM_SAME_SPECIMEN)),
    ];
    let found = candidates.iter().find_map(|(segment, number, note)| {
        let segment = (*segment)?;
        let text = segment.field(usize::from(*number)).component(1).subcomponent(1).trim().to_owned();
        (!text.is_empty()).then(|| (text, segment.location().field(*number), *note))
    });
    let fallback = obr.map_or(Hl7Location::segment(*b"OBR", 0), |o| o.location()).field(7);
    let path = JsonPointer::root().key("collected_at");
    let Some((text, at, note)) = found else {
        let message = "`collected_at` is required: OBR-7, SPM-17, OBR-8 and every OBX-14 of the order are empty";
        findings.push(FindingCode::MissingField, path, message);
        return (None, fallback);
    };
    if let Some(note) = note {
        let finding = Finding::new(FindingCode::MissingField, path, note)
            .with_location(SourceLocation::Hl7(at))
            .with_severity(Severity::Info);
        findings.push_finding(finding);
    }
    let Some(time) = datetime::parse(&text) else {
        let message = "the collection time must be an HL7 date/time such as 202611240742-0500";
        findings.push(FindingCode::InvalidValue, path, message);
        return (None, at);
    };
    if time.precision < Precision::Day {
        findings.push(FindingCode::InvalidValue, path, "the collection time must give at least the day");
        return (None, at);
    }
    let (instant, known) = time.at(header.sender_offset);
    if !known {
        let message = "the collection time has no UTC offset, nor has MSH-7; it was read as UTC";
        findings.push(FindingCode::TimezoneMissing, path, message);
    }
    (Some(instant), at)
}

/// SPM-4 (specimen type: an HL7 table 0487 code, a SNOMED CT code or a name), else OBR-15; SPM-2 (the filler's
/// specimen identifier, else the placer's).
pub(crate) fn specimen(
    obr: Option<&Segment<'_, '_>>,
    spm: Option<&Segment<'_, '_>>,
    obr_at: Hl7Location,
    findings: &mut Findings,
) -> (Option<Specimen>, Hl7Location, Hl7Location) {
    let spm_at = spm.map_or(Hl7Location::segment(*b"SPM", 0), |s| s.location());
    let id = spm.and_then(|s| {
        let ids = s.field(2).first();
        [2, 1].into_iter().map(|n| ids.component(n).subcomponent(1).trim().to_owned()).find(|t| !t.is_empty())
    });
    let (codes, type_at): (Vec<String>, Hl7Location) = match (spm, obr) {
        (Some(s), _) if !s.field(4).is_empty() => {
            let t = s.field(4).first();
            ([1, 2, 4, 5, 3, 6].iter().map(|n| t.component(*n).text().into_owned()).collect(), spm_at.field(4))
        }
        (_, Some(o)) if !o.field(15).is_empty() => {
            let source = o.field(15).first().component(1);
            ([1, 2].iter().map(|n| source.subcomponent(*n).trim().to_owned()).collect(), obr_at.field(15))
        }
        _ => (Vec::new(), spm_at.field(4)),
    };
    // SPM-4's codes and texts (CWE.1, .2, .4, .5), then its coding systems (CWE.3, .6).
    let (read, systems) = codes.split_at(codes.len().min(4));
    let given: Vec<&String> = read.iter().filter(|c| !c.is_empty()).collect();
    let kind = given.iter().find_map(|c| tables::specimen_kind(c).or_else(|| SpecimenKind::parse(c)));
    // A well-formed SNOMED CT code named as such is a valid specimen type, only not one of the panels' (a swab, a
    // stool specimen): no finding. A result's LOINC code already names its specimen, so nothing is mismatched.
    let snomed = |(code, system): (Option<&String>, Option<&String>)| {
        code.zip(system).is_some_and(|(c, s)| tables::is_snomed_system(s) && tables::is_sctid(c))
    };
    let coded = [(0, 0), (2, 1)].into_iter().any(|(c, s)| snomed((read.get(c), systems.get(s))));
    if kind.is_none() && !given.is_empty() && !coded {
        let message =
            "the specimen type is not serum, plasma or blood; results were matched to the catalog as if it were";
        let finding = Finding::new(FindingCode::InvalidValue, JsonPointer::root().key("specimen").key("type"), message)
            .with_severity(Severity::Warning);
        findings.push_finding(finding);
    }
    let specimen = (id.is_some() || kind.is_some()).then(|| Specimen { id: id.map(Phi::new), kind });
    (specimen, spm_at.field(2), type_at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hl7::Document;

    /// Each finding's code, severity and location.
    type Found = Vec<(FindingCode, Severity, String)>;

    fn read(text: &str) -> (Option<DateTime<FixedOffset>>, Found) {
        let doc = Document::parse(text);
        let message = &doc.messages()[0];
        let find = |id: &str| message.segments().find(|s| s.is(id));
        let observed = message.segments().find(|s| s.is("OBX") && !s.field(14).is_empty());
        let mut findings = Findings::default();
        let header = MessageHeader::default();
        let (obr, spm) = (find("OBR"), find("SPM"));
        let sources =
            TimeSources { obr: obr.as_ref(), spm: spm.as_ref(), observed: observed.as_ref(), same_specimen: None };
        let (time, _) = collected_at(&header, &sources, &mut findings);
        let found = findings
            .into_vec()
            .iter()
            .map(|f| (f.code(), f.severity(), f.location().map(ToString::to_string).unwrap_or_default()))
            .collect();
        (time, found)
    }

    #[test]
    fn the_collection_time_says_where_it_came_from() {
        let (time, found) = read("MSH|^~\\&|A\rOBR|1|||X|||202611240742-0500\rOBX|1|NM|||||||||F|||202611240800-0500");
        assert!(time.is_some() && found.is_empty(), "OBR-7 needs no note");
        let (time, found) = read("MSH|^~\\&|A\rOBR|1\rOBX|1|NM\rOBX|2|NM|||||||||F|||202611240715-0500");
        assert_eq!(time.map(|t| t.to_rfc3339()).as_deref(), Some("2026-11-24T07:15:00-05:00"));
        assert_eq!(found, [(FindingCode::MissingField, Severity::Info, "OBX[2]-14".to_owned())]);
        // OBR-8 (the end of the collection) before OBX-14 (when the analyzer measured).
        let (time, found) = read("MSH|^~\\&|A\rOBR|1|||X||||202611240730-0500\rOBX|1|NM|||||||||F|||202611240800-0500");
        assert_eq!(time.map(|t| t.to_rfc3339()).as_deref(), Some("2026-11-24T07:30:00-05:00"));
        assert_eq!(found, [(FindingCode::MissingField, Severity::Info, "OBR[1]-8".to_owned())]);
        let (time, found) = read("MSH|^~\\&|A\rOBR|1\rOBX|1|NM");
        assert!(time.is_none());
        assert_eq!(found, [(FindingCode::MissingField, Severity::Error, String::new())]);
    }

    fn specimen_findings(spm4: &str) -> usize {
        let text = format!("MSH|^~\\&|A\rOBR|1\rSPM|1|||{spm4}");
        let doc = Document::parse(&text);
        let message = &doc.messages()[0];
        let spm = message.segments().find(|s| s.is("SPM"));
        let mut findings = Findings::default();
        let _ = specimen(None, spm.as_ref(), Hl7Location::segment(*b"OBR", 1), &mut findings);
        findings.len()
    }

    #[test]
    fn snomed_specimen_codes_are_valid_specimen_types() {
        assert_eq!(specimen_findings("258500001^Nasopharyngeal swab^SCT"), 0);
        assert_eq!(specimen_findings("697989009^Anterior nares swab^SNOMED CT"), 0);
        assert_eq!(specimen_findings("LOCAL^Stool^L^119339001^Stool specimen^SCT"), 0, "the alternate triplet");
        assert_eq!(specimen_findings("119364003^Serum specimen^SCT"), 0);
        assert_eq!(specimen_findings("258500002^Swab^SCT"), 1, "a check digit that fails is not SNOMED CT");
        assert_eq!(specimen_findings("258500001^Swab^L"), 1, "a number is not guessed to be SNOMED CT");
        assert_eq!(specimen_findings("Spit"), 1);
    }
}
