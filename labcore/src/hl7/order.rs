//! One ORU order (OBR with its OBX, under its PID) read into labcore's model of a payload, with a map back
//! from every part of that model to where it was in the message.
//!
//! | labcore | HL7 v2 |
//! |---|---|
//! | `patient_id` | PID-3 (the MR identifier, else PI, else the first that is not an SSN), else PID-2, PID-4 |
//! | `lab_id` | MSH-4 (sending facility), else OBX-23 (performing organization) |
//! | `test_type` | OBR-4 (universal service identifier): a panel's LOINC code or name |
//! | `collected_at` | OBR-7 (observation date/time), else SPM-17, OBR-8, OBX-14 of a result, another order's OBR-7 for the same specimen (`collection.rs`) |
//! | `patient.sex`, `patient.birth_date` | PID-8, PID-7 |
//! | `specimen.id`, `specimen.type` | SPM-2, SPM-4 (else OBR-15) |
//! | `results[i]` | the i-th reported OBX (see `obx.rs`), then any OBX after the order's SPM that carries the LOINC code of a catalog analyte |
//! | `comments[i]` | NTE-3 of the order's and the patient's notes |

use std::collections::HashMap;

use super::datetime::{self, Precision};
use super::header::MessageHeader;
use super::message::{Message, Segment};
use super::obx;
use super::oru::Order;
use super::tables;
use crate::catalog::Catalog;
use crate::finding::{Findings, Step};
use crate::payload::{Draft, Reader, field};
use crate::process::Locator;
use crate::{Demographics, Finding, FindingCode, Hl7Location, JsonPointer, Panel, Phi, Severity, Sex, SourceLocation};

/// An order read into a draft payload, its findings, and where each part came from.
pub(crate) struct MappedOrder {
    pub(crate) draft: Draft,
    pub(crate) findings: Findings,
    pub(crate) map: OrderMap,
}

/// Where each part of a draft was in the message.
#[derive(Debug, Clone)]
pub(crate) struct OrderMap {
    pid: Hl7Location,
    patient_id: Hl7Location,
    lab: Hl7Location,
    obr: Hl7Location,
    collected: Hl7Location,
    specimen_id: Hl7Location,
    specimen_type: Hl7Location,
    results: Vec<ResultPlace>,
    comments: Vec<Hl7Location>,
}

/// Where one result is in the message: its OBX, its first note, and the OBX-1 set ID the sender gave it.
#[derive(Debug, Clone, Copy)]
struct ResultPlace {
    obx: Hl7Location,
    note: Option<Hl7Location>,
    set_id: Option<u32>,
}

impl Locator for OrderMap {
    fn locate(&self, path: &JsonPointer) -> Option<SourceLocation> {
        let at = match path.steps() {
            [] => self.obr,
            [Step::Key("patient_id")] => self.patient_id,
            [Step::Key("lab_id")] => self.lab,
            [Step::Key("test_type")] => self.obr.field(4),
            [Step::Key("collected_at")] => self.collected,
            [Step::Key("patient")] => self.pid,
            [Step::Key("patient"), Step::Key("sex")] => self.pid.field(8),
            [Step::Key("patient"), Step::Key("birth_date")] => self.pid.field(7),
            [Step::Key("specimen"), Step::Key("id")] => self.specimen_id,
            [Step::Key("specimen"), ..] => self.specimen_type,
            [Step::Key("results")] => self.obr,
            [Step::Key("results"), Step::Index(i), rest @ ..] => return self.result(*i as usize, rest),
            [Step::Key("comments"), Step::Index(i), ..] => *self.comments.get(*i as usize)?,
            _ => return None,
        };
        Some(SourceLocation::Hl7(at))
    }

    fn sender_reference(&self, index: usize) -> Option<crate::SenderReference> {
        let set_id = self.results.get(index)?.set_id?;
        Some(crate::SenderReference { set_id: Some(set_id), ..crate::SenderReference::default() })
    }
}

impl OrderMap {
    fn result(&self, index: usize, rest: &[Step]) -> Option<SourceLocation> {
        let ResultPlace { obx, note, .. } = self.results.get(index)?;
        let at = match rest {
            [] => *obx,
            [Step::Key("analyte" | "loinc"), ..] => obx.field(obx::IDENTIFIER),
            [Step::Key("value"), ..] => obx.field(obx::VALUE),
            [Step::Key("unit"), ..] => obx.field(obx::UNITS),
            [Step::Key("reference_range"), ..] => obx.field(obx::RANGE),
            [Step::Key("flag"), ..] => obx.field(obx::FLAGS),
            [Step::Key("comment"), ..] => note.unwrap_or(*obx),
            _ => *obx,
        };
        Some(SourceLocation::Hl7(at))
    }
}

/// What reading an order needs besides the order.
pub(crate) struct OrderContext<'x, 'm, 'a> {
    pub(crate) message: &'m Message<'a>,
    pub(crate) header: &'x MessageHeader,
    pub(crate) catalog: &'x Catalog,
    /// The message's orders that give a collection time ([`timed_orders`]).
    pub(crate) timed_orders: &'x TimedOrders<'a>,
}

/// The message's orders that give a collection time (OBR-7), by patient (the index of their PID segment) and
/// filler order number (OBR-3), to the index of the first such OBR: for an order that gives no time of its own
/// (`collection.rs`). Built once per message, so that finding one costs no scan of the message per order.
pub(crate) type TimedOrders<'a> = HashMap<(Option<usize>, &'a str), usize>;

/// Every OBR of the message with an OBR-7 and an OBR-3, under its patient's PID.
pub(crate) fn timed_orders<'a>(message: &Message<'a>) -> TimedOrders<'a> {
    let mut found = HashMap::new();
    let mut patient = None;
    for index in 0..message.len() {
        let Some(segment) = message.segment(index) else { continue };
        if segment.is("PID") {
            patient = Some(index);
        } else if segment.is("OBR") && !first_text(&segment, 7).is_empty() {
            let filler = first_text(&segment, 3);
            if !filler.is_empty() {
                found.entry((patient, filler)).or_insert(index);
            }
        }
    }
    found
}

/// The first sub-component of the first component of field `n`'s first repetition, trimmed.
fn first_text<'a>(segment: &Segment<'_, 'a>, n: usize) -> &'a str {
    segment.field(n).first().component(1).subcomponent(1).trim()
}

const PID: [u8; 3] = *b"PID";

/// One OBX and the NTE segments after it.
type Observed<'m, 'a> = (Segment<'m, 'a>, Vec<Segment<'m, 'a>>);

/// Reads one order.
pub(crate) fn map(context: &OrderContext<'_, '_, '_>, order: &Order) -> MappedOrder {
    let message = context.message;
    let segment = |index: Option<usize>| index.and_then(|i| message.segment(i));
    let (pid, obr, spm) = (segment(order.pid), segment(order.obr), segment(order.spm));
    let mut findings = Findings::default();
    let absent = |id: [u8; 3]| Hl7Location::segment(id, 0);
    let obr_at = obr.as_ref().map_or(absent(*b"OBR"), Segment::location);
    let mut observations: Vec<Observed<'_, '_>> = order
        .observations
        .iter()
        .filter_map(|o| Some((message.segment(o.obx)?, o.notes.iter().filter_map(|n| message.segment(*n)).collect())))
        .collect();
    observations.extend(results_among_specimen_observations(context, order, &mut findings));
    let first_obx = observations.first().map(|(o, _)| o);
    let (patient_id, patient_id_at) = patient_id(pid.as_ref(), &mut findings);
    let (lab_id, lab) = lab_id(context.header, message, first_obx, &mut findings);
    let observed = observations
        .iter()
        .map(|(o, _)| o)
        .find(|o| !obx::is_order_question(o) && !o.field(usize::from(obx::OBSERVED_AT)).is_empty());
    let same_specimen = obr.as_ref().and_then(|o| {
        // Another order of the same patient with the same filler order number (OBR-3, as analyzers write the
        // sample's id on every order they report for it: the automated and the manual count of one tube).
        let at = *context.timed_orders.get(&(order.pid, first_text(o, 3)))?;
        (Some(at) != order.obr).then(|| message.segment(at)).flatten()
    });
    let sources = super::collection::TimeSources {
        obr: obr.as_ref(),
        spm: spm.as_ref(),
        observed,
        same_specimen: same_specimen.as_ref(),
    };
    let (collected_at, collected) = super::collection::collected_at(context.header, &sources, &mut findings);
    let (specimen, specimen_id, specimen_type) =
        super::collection::specimen(obr.as_ref(), spm.as_ref(), obr_at, &mut findings);
    let mut draft = Draft {
        patient_id,
        lab_id,
        panel: panel(context.catalog, obr.as_ref(), &mut findings),
        collected_at,
        patient: pid.as_ref().map(|p| demographics(p, &mut findings)),
        specimen,
        ..Draft::default()
    };
    let orc = segment(order.orc);
    let live = !super::liveness::check(orc.as_ref(), obr.as_ref(), &mut findings);
    let results = read_results(if live { &observations } else { &[] }, &mut draft, &mut findings);
    let notes: Vec<Segment<'_, '_>> =
        order.notes.iter().chain(&order.patient_notes).filter_map(|n| message.segment(*n)).collect();
    let comments = read_comments(&notes, &mut draft, &mut findings);
    let pid = pid.as_ref().map_or(absent(PID), Segment::location);
    let map = OrderMap {
        pid,
        patient_id: patient_id_at,
        lab,
        obr: obr_at,
        collected,
        specimen_id,
        specimen_type,
        results,
        comments,
    };
    MappedOrder { draft, findings, map }
}

/// The OBX of the order's SPECIMEN group (after its SPM, its results before it) that carry the LOINC code of a lab
/// result the catalog knows: a sender placed a result there, and no result may be lost to segment order. The
/// others describe the specimen (its condition, volume) and are named by an info finding each.
fn results_among_specimen_observations<'m, 'a>(
    context: &OrderContext<'_, 'm, 'a>,
    order: &Order,
    findings: &mut Findings,
) -> Vec<Observed<'m, 'a>> {
    let mut results = Vec::new();
    for obx in order.specimen_observations.iter().filter_map(|o| context.message.segment(o.obx)) {
        let parts: [_; 12] = obx.field(usize::from(obx::IDENTIFIER)).first().parts();
        let known = super::repeats::loinc_codes(&parts)
            .iter()
            .filter_map(|code| crate::LoincCode::parse(code).ok())
            .any(|code| context.catalog.find_by_loinc(code).is_some());
        let message = if known {
            "an OBX after SPM carries the LOINC code of a lab result labcore knows: it was read as a result of the \
             order (HL7 v2.5.1 puts results before SPM; the OBX after it describe the specimen)"
        } else {
            "an OBX after SPM describes the specimen (HL7 v2.5.1 SPECIMEN group); it is not read as a result"
        };
        super::oru::note_order(&obx, findings, message);
        if known {
            results.push((obx, Vec::new()));
        }
    }
    results
}

/// Reads each OBX that reports a result; returns where each result and its first note are.
fn read_results(observations: &[Observed<'_, '_>], draft: &mut Draft, findings: &mut Findings) -> Vec<ResultPlace> {
    let mut results = Vec::with_capacity(observations.len());
    draft.results.reserve_exact(observations.len());
    let mut questions = 0usize;
    for (obx, notes) in observations {
        if obx::is_order_question(obx) {
            questions += 1;
            continue;
        }
        let index = draft.results.len();
        if let Some(input) = obx::read(obx, notes, index, findings) {
            draft.results.push(input);
            let note = notes.first().map(|n| n.location().field(3));
            let set_id = crate::SenderReference::hl7_set_id(&obx.field(1).first().component(1).whole().text)
                .and_then(|r| r.set_id);
            results.push(ResultPlace { obx: obx.location(), note, set_id });
        }
    }
    if questions > 0 {
        let message = format!(
            "{questions} OBX answer questions asked at order entry (OBX-29 QST): they are order context, not results, and are not in `results`"
        );
        let finding =
            Finding::new(FindingCode::AskAtOrderEntry, JsonPointer::root(), message).with_severity(Severity::Info);
        findings.push_finding(finding);
    }
    if draft.results.is_empty() {
        // Every OBX was left out (cancelled, pending, withdrawn, an attachment): the order is answered, not wrong.
        let message =
            "every result of the order was left out (not reported, withdrawn, or of a type labcore does not read)";
        let finding = Finding::new(FindingCode::NoResults, JsonPointer::root().key("results"), message)
            .with_severity(Severity::Warning);
        findings.push_finding(finding);
    }
    results
}

/// The order's and the patient's NTE-3 notes as comments; returns where each is.
fn read_comments(notes: &[Segment<'_, '_>], draft: &mut Draft, findings: &mut Findings) -> Vec<Hl7Location> {
    let mut comments = Vec::new();
    for note in notes {
        let path = JsonPointer::root().key("comments").index(draft.comments.len());
        if let Some(text) = obx::comment(std::slice::from_ref(note), path, findings) {
            draft.comments.push(Phi::new(text));
            comments.push(note.location().field(3));
        }
    }
    comments
}

/// The identifier types (CX.5, HL7 table 0203) preferred as the patient identifier, best first.
const ID_TYPES: &[&str] = &["MR", "MRN", "PI", "PT", "PN"];

/// PID-3 (else the deprecated PID-2 and PID-4): the medical record number, else the best identifier that is not
/// a Social Security number.
fn patient_id(pid: Option<&Segment<'_, '_>>, findings: &mut Findings) -> (Option<Phi<String>>, Hl7Location) {
    let mut at = Hl7Location::segment(PID, 0).field(3);
    let mut chosen = None;
    if let Some(pid) = pid {
        at = pid.location().field(3);
        let candidates = [3usize, 2, 4].into_iter().flat_map(|f| {
            pid.field(f).repetitions().enumerate().map(move |(r, rep)| (f, r + 1, rep)).collect::<Vec<_>>()
        });
        let candidates: Vec<_> = candidates.filter(|(_, _, rep)| !rep.component(1).is_empty()).collect();
        let rank = |rep: &super::field::Repetition<'_>| {
            let kind = rep.component(5).text();
            ID_TYPES.iter().position(|t| *t == kind).unwrap_or(if kind == "SS" || kind == "SSN" { 99 } else { 50 })
        };
        if let Some((f, r, rep)) = candidates.iter().min_by_key(|(f, r, rep)| (rank(rep), *f != 3, *r)) {
            at = pid.location().field(*f as u16).repetition(*r as u16);
            chosen = Some(rep.component(1).text());
        }
    }
    let text = chosen.unwrap_or_default();
    let id = Reader { findings }.check_text(&text, &JsonPointer::root(), field("patient_id", 128), true);
    (id.map(|t| Phi::new(t.to_owned())), at)
}

/// MSH-4 (HD.1, else HD.2), else OBX-23 of the first result (XON.1, else XON.10).
fn lab_id(
    header: &MessageHeader,
    message: &Message<'_>,
    first_obx: Option<&Segment<'_, '_>>,
    findings: &mut Findings,
) -> (Option<String>, Hl7Location) {
    let msh_at = message.segment(0).map_or(Hl7Location::segment(*b"MSH", 1), |m| m.location()).field(4);
    let from_obx = first_obx.and_then(|obx| {
        let org = obx.field(usize::from(obx::PERFORMING_ORGANIZATION));
        let name = [org.component(1).text(), org.component(10).text()].into_iter().find(|t| !t.is_empty())?;
        Some((name.into_owned(), obx.location().field(obx::PERFORMING_ORGANIZATION)))
    });
    let (text, at) = match header.sending_facility.name() {
        Some(name) => (name.to_owned(), msh_at),
        None => from_obx.unwrap_or((String::new(), msh_at)),
    };
    if text.trim().is_empty() {
        // MSH-4 is optional in HL7 v2: a message without it is usable, but no lab catalog can be matched to it.
        let message = "neither MSH-4 (sending facility) nor OBX-23 (performing organization) names the laboratory";
        let finding = Finding::new(FindingCode::MissingField, JsonPointer::root().key("lab_id"), message)
            .with_severity(Severity::Warning);
        findings.push_finding(finding);
        return (None, at);
    }
    let lab = Reader { findings }.check_text(&text, &JsonPointer::root(), field("lab_id", 128), true);
    (lab.map(str::to_owned), at)
}

/// OBR-4: a panel's LOINC code in any coding triplet, else a panel name in an identifier or text.
fn panel(catalog: &Catalog, obr: Option<&Segment<'_, '_>>, findings: &mut Findings) -> Option<Panel> {
    let service = obr.map(|o| o.field(4).first());
    let part = |n: usize| service.map(|s| s.component(n).text().into_owned()).unwrap_or_default();
    let by_code = [(1, 3), (4, 6), (10, 12)].into_iter().find_map(|(id, system)| {
        let code = crate::LoincCode::parse(&part(id)).ok()?;
        let system = part(system);
        (tables::is_loinc_system(&system) || system.is_empty()).then(|| catalog.panel_for_code(code)).flatten()
    });
    let by_name = || [1, 2, 4, 5, 9, 10, 11].into_iter().find_map(|n| Panel::parse(&part(n)));
    let panel = by_code.or_else(by_name);
    if panel.is_none() {
        let message = "the order code (OBR-4) is not one of the CBC (with or without differential), BMP, CMP, lipid or thyroid panels; panel membership and completeness are not checked";
        findings.push(FindingCode::PanelUnrecognized, JsonPointer::root().key("test_type"), message);
    }
    panel
}

/// PID-8 (administrative sex, HL7 table 0001) and PID-7 (date of birth). HL7's sex table is user-defined, so an
/// unknown code is a warning, not an error.
fn demographics(pid: &Segment<'_, '_>, findings: &mut Findings) -> Demographics {
    let patient = JsonPointer::root().key("patient");
    let sex_text = pid.field(8).text();
    let sex = (!sex_text.is_empty()).then(|| Sex::parse(&sex_text)).flatten();
    if sex.is_none() && !sex_text.is_empty() {
        let message = "PID-8 is not a sex of HL7 table 0001 (F, M, O, U, A, N); sex-specific ranges are not used";
        let finding =
            Finding::new(FindingCode::InvalidValue, patient.key("sex"), message).with_severity(Severity::Warning);
        findings.push_finding(finding);
    }
    let birth_text = pid.field(7).component(1).text();
    let birth = (!birth_text.is_empty()).then(|| datetime::parse(&birth_text));
    let birth_date = match birth {
        Some(Some(t)) if t.precision >= Precision::Day => Some(Phi::new(t.local.date())),
        Some(parsed) => {
            let message = match parsed {
                Some(_) => "PID-7 gives only a year or month: age-specific ranges need the date of birth",
                None => "PID-7 is not an HL7 date such as 19840312",
            };
            let finding = Finding::new(FindingCode::InvalidValue, patient.key("birth_date"), message)
                .with_severity(Severity::Warning);
            findings.push_finding(finding);
            None
        }
        None => None,
    };
    Demographics { sex, birth_date }
}
