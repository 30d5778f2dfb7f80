//! The groups of an ORU^R01 message: each ORDER_OBSERVATION (an OBR with its ORC, notes, OBX observations and
//! specimen) under the PATIENT_RESULT (PID) it belongs to. HL7 v2.5.1 §7.3.1:
//!
//! ```text
//! MSH [SFT] { [ PID [PD1] [{NTE}] [{NK1}] [PV1 [PV2]] ]
//!             { [ORC] OBR [{NTE}] [{TQ1 [{TQ2}]}] [CTD] [{OBX [{NTE}]}] [{FT1}] [{CTI}] [{SPM [{OBX}]}] } } [DSC]
//! ```
//!
//! Segments are referred to by their index in the message.

use super::message::{Message, Segment};
use super::tables;
use crate::finding::Findings;
use crate::{Finding, FindingCode, JsonPointer, SourceLocation};

/// One OBX and the notes that follow it.
#[derive(Debug, Default)]
pub(crate) struct Observation {
    pub(crate) obx: usize,
    pub(crate) notes: Vec<usize>,
}

/// One order: an OBR (absent when OBX segments came before any OBR) and what belongs to it.
#[derive(Debug, Default)]
pub(crate) struct Order {
    pub(crate) pid: Option<usize>,
    pub(crate) patient_notes: Vec<usize>,
    /// The ORC (common order) before the OBR, whose order control and status say whether the order is live.
    pub(crate) orc: Option<usize>,
    pub(crate) obr: Option<usize>,
    pub(crate) notes: Vec<usize>,
    pub(crate) observations: Vec<Observation>,
    pub(crate) spm: Option<usize>,
    /// The OBX after the order's SPM when its results came before it (HL7 v2.5.1's SPECIMEN group): about the
    /// specimen, unless one carries a lab result's code (`order.rs` decides, with the catalog).
    pub(crate) specimen_observations: Vec<Observation>,
}

/// What the last NTE would annotate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Last {
    Header,
    Patient,
    Order,
    Observation,
    Specimen,
}

/// Groups a message's segments into orders, reporting segments in places the structure does not allow.
pub(crate) fn orders(message: &Message<'_>, findings: &mut Findings) -> Vec<Order> {
    let mut walk = Walk {
        orders: Vec::new(),
        current: None,
        pid: None,
        patient_notes: Vec::new(),
        orc: None,
        last: Last::Header,
        specimen_group: false,
    };
    for (index, segment) in message.segments().enumerate() {
        walk.segment(index, &segment, findings);
    }
    walk.orders.extend(walk.current.take());
    walk.orders
}

struct Walk {
    orders: Vec<Order>,
    current: Option<Order>,
    pid: Option<usize>,
    patient_notes: Vec<usize>,
    /// An ORC not yet followed by its OBR.
    orc: Option<usize>,
    last: Last,
    /// Whether the OBX segments after the current SPM describe the specimen (the order's results came before it).
    specimen_group: bool,
}

/// An info finding on a segment in an unusual but understood place.
pub(super) fn note_order(segment: &Segment<'_, '_>, findings: &mut Findings, message: &'static str) {
    let finding = Finding::new(FindingCode::SegmentUnexpected, JsonPointer::root(), message)
        .with_location(SourceLocation::Hl7(segment.location()))
        .with_severity(crate::Severity::Info);
    findings.push_finding(finding);
}

fn unexpected(segment: &Segment<'_, '_>, findings: &mut Findings, message: &'static str) {
    let finding = Finding::new(FindingCode::SegmentUnexpected, JsonPointer::root(), message)
        .with_location(SourceLocation::Hl7(segment.location()));
    findings.push_finding(finding);
}

impl Walk {
    fn segment(&mut self, index: usize, segment: &Segment<'_, '_>, findings: &mut Findings) {
        let Some(id) = segment.id() else {
            let message = "this line is not a segment (three upper-case letters or digits, then the field separator); it was ignored";
            let finding = Finding::new(FindingCode::SegmentInvalid, JsonPointer::root(), message)
                .with_location(SourceLocation::Hl7(segment.location()));
            findings.push_finding(finding);
            return;
        };
        match id.as_str() {
            "MSH" => self.last = Last::Header,
            "PID" => self.patient(index),
            // ORC starts the next order; its order control and status belong to the OBR that follows.
            "ORC" => {
                self.finish_if_started();
                self.orc = Some(index);
            }
            "OBR" => self.order(index),
            "NTE" => self.note(index),
            "OBX" => self.observation(index, segment, findings),
            "SPM" => self.specimen(index, segment, findings),
            other if !tables::is_oru_segment(other) => {
                unexpected(segment, findings, "this segment is not part of an ORU^R01 message; it was ignored");
            }
            _ => {}
        }
    }

    /// Closes the current order if it has an OBR or observations (an ORC or OBR starts the next one).
    fn finish_if_started(&mut self) {
        if self.current.as_ref().is_some_and(|o| o.obr.is_some() || !o.observations.is_empty()) {
            self.orders.extend(self.current.take());
        }
    }

    fn patient(&mut self, index: usize) {
        self.orders.extend(self.current.take());
        self.pid = Some(index);
        self.patient_notes.clear();
        self.orc = None;
        self.last = Last::Patient;
    }

    /// A new order of the current patient; the patient's notes go to the patient's first order only (they are
    /// about the patient, not each order, and copying them to every order would be quadratic).
    fn new_order(&mut self, obr: Option<usize>) -> Order {
        let (patient_notes, orc) = (std::mem::take(&mut self.patient_notes), self.orc.take());
        Order { pid: self.pid, patient_notes, orc, obr, ..Order::default() }
    }

    fn order(&mut self, index: usize) {
        self.finish_if_started();
        self.current = Some(self.new_order(Some(index)));
        self.last = Last::Order;
    }

    fn note(&mut self, index: usize) {
        match (self.last, self.current.as_mut()) {
            (Last::Observation, Some(order)) => {
                if let Some(observation) = order.observations.last_mut() {
                    observation.notes.push(index);
                }
            }
            (Last::Order | Last::Specimen, Some(order)) => order.notes.push(index),
            // Notes after MSH or PID are about the patient (or the whole message): every order carries them.
            _ => self.patient_notes.push(index),
        }
    }

    fn observation(&mut self, index: usize, segment: &Segment<'_, '_>, findings: &mut Findings) {
        if self.last == Last::Specimen {
            if self.specimen_group {
                // The standard's SPM {OBX}: after the order's results, observations about the specimen (its
                // condition, volume); whether one is a result placed there after all is decided with the catalog.
                if let Some(order) = self.current.as_mut() {
                    order.specimen_observations.push(Observation { obx: index, notes: Vec::new() });
                }
                return;
            }
            // Real feeds also put SPM before every result of the order: those OBX are its results, and no
            // result may be lost to segment order. The unusual order is noted once.
            let message = "SPM came before the order's results (an unusual segment order): the OBX segments after it were read as results";
            note_order(segment, findings, message);
        }
        if self.current.is_none() {
            unexpected(segment, findings, "an OBX before any OBR; it was read into an order without an OBR");
            self.current = Some(self.new_order(None));
        }
        if let Some(order) = self.current.as_mut() {
            order.observations.push(Observation { obx: index, notes: Vec::new() });
        }
        self.last = Last::Observation;
    }

    fn specimen(&mut self, index: usize, segment: &Segment<'_, '_>, findings: &mut Findings) {
        match self.current.as_mut() {
            Some(order) => {
                // The order's first SPM decides its layout: after results, the OBX that follow an SPM are the
                // specimen's; before any result, every OBX of the order is a result.
                if order.spm.is_none() {
                    self.specimen_group = !order.observations.is_empty();
                }
                order.spm.get_or_insert(index);
                self.last = Last::Specimen;
            }
            None => unexpected(segment, findings, "an SPM before any OBR; it was ignored"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hl7::Document;

    #[test]
    fn groups_orders_notes_and_specimens() {
        let text = "MSH|^~\\&|A\rPID|1\rNTE|1||patient note\rORC|RE\rOBR|1\rNTE|1||order note\rOBX|1|NM\rNTE|1||obs note\r\
                    OBX|2|NM\rSPM|1\rOBX|3|ST\rOBR|2\rOBX|1|NM\rPID|2\rOBR|1\rOBX|1|NM";
        let doc = Document::parse(text);
        let mut findings = Findings::default();
        let orders = orders(&doc.messages()[0], &mut findings);
        assert_eq!(orders.len(), 3);
        let first = &orders[0];
        assert_eq!((first.pid, first.orc, first.obr, first.spm), (Some(1), Some(3), Some(4), Some(9)));
        assert_eq!(orders[1].orc, None);
        assert_eq!((first.patient_notes.as_slice(), first.notes.as_slice()), (&[2][..], &[5][..]));
        assert_eq!(first.observations.len(), 2); // the OBX after SPM describes the specimen
        assert_eq!(first.observations[0].notes, [7]);
        assert_eq!(orders[1].pid, Some(1));
        assert_eq!(orders[2].pid, Some(13));
        // The specimen group's OBX is kept aside; `order.rs` decides with the catalog whether it is a result.
        assert_eq!(first.specimen_observations.iter().map(|o| o.obx).collect::<Vec<_>>(), [10]);
        assert_eq!(findings.len(), 0);
    }

    #[test]
    fn results_after_the_specimen_are_results() {
        // SPM before every OBX of the order (as some EHR vendors send ELR): the OBX are the order's results.
        let text = "MSH|^~\\&|A\rPID|1\rOBR|1\rSPM|1\rOBX|1|NM\rNTE|1||obs note\rOBX|2|NM\rSPM|2\rOBX|3|ST\rOBR|2\rSPM|1\rOBX|1|NM";
        let doc = Document::parse(text);
        let mut findings = Findings::default();
        let orders = orders(&doc.messages()[0], &mut findings);
        assert_eq!(orders.len(), 2);
        let counts: Vec<_> = orders.iter().map(|o| o.observations.len()).collect();
        assert_eq!(counts, [3, 1], "a second SPM before more OBX does not make them the specimen's");
        assert_eq!(orders[0].observations[0].notes, [5]);
        let infos = findings.into_vec();
        assert_eq!(infos.len(), 3, "each order's first OBX after its SPM is noted, and the one after SPM 2");
        assert!(infos.iter().all(|f| f.severity() == crate::Severity::Info));
    }

    #[test]
    fn obx_before_obr_and_foreign_segments() {
        let doc = Document::parse("MSH|^~\\&|A\rPID|1\rOBX|1|NM\rEVN|x\rZPI|custom\rlowercase");
        let mut findings = Findings::default();
        let orders = orders(&doc.messages()[0], &mut findings);
        assert_eq!((orders.len(), orders[0].obr), (1, None));
        let codes: Vec<_> = findings.into_vec().iter().map(|f| f.code().as_str()).collect();
        assert_eq!(codes, ["segment_unexpected", "segment_unexpected", "segment_invalid"]);
    }
}
