//! Style 4: lab comments as they are really typed at the bench and the phone: all capitals or all lower case,
//! little punctuation, abbreviations and typos, several identifiers run together, fragments over lines.

use super::record::Record;
use super::template::render_one;
use super::writer::{Case, Writer};

const FRAGMENTS: &[&str] = &[
    "called to dr {doc.lowfam} at {time} on {d.md} read back ok {lab}",
    "CRIT {lab} CALLED TO {staff.given} RN {unit} @{time} RB Y",
    "pt states name is {pat.low}, dob {dob.us3} corrected in lis per {staff.lowgiven}",
    "spec recd unlabeled from {unit} rm {room} redraw req'd rn aware ({staff.lowgiven})",
    "hemolyzed 2/2 difficult draw x{n} attempts, redraw ordered, spoke w {staff.given} on {unit}",
    "ADD ON {Mg|phos|lipase|TSH|ferritin} PER DR {doc.FAM} FAX RESULT TO {fax}",
    "mislabeled spec - tube says {pat.REV} req says {pt2.REV}, mrn {mrn} vs {mrn2}. incident {ticket} filed",
    "pt's {rel.relation} {rel.low} called {phone} wants results mailed to {street} {city} {zip}",
    "DOB MISMATCH LIS {dob.us} VS REQ {dob2.us} - HELD, CALLED {unit}",
    "courier pickup missed, driver {staff.given} van plate {plate}",
    "pacemaker pt (sn {device}) no mri, ok for draw",
    "recieved 2 tubes 1 lav 1 gold from {hosp} acc {acc} no req, called clinic spoke w/ {staff.low}",
    "policy# {plan} denied per {payer} rep {staff.given}, ref {ticket}",
    "{age.yo} {pat.sex} from snf, hgb 6.{n}, called {doc.init} at {time}",
    "notified dr {doc.lowfam} via pager {phone2} - no callback x2, escalated to {doc2.lowfam}",
    "ssn on req {ssn} - removed, pls dont write ssn on reqs!!",
    "results emailed to pt at {email} per pt request signed {d.md}",
    "portal lockout, pt calling from {phone}, ip {ip}, reset by {staff.lowgiven}",
    "ERROR CORRECTION: RESULT ON {d.dmon} REPORTED ON WRONG PT. CORRECT PT {pat.REV} MRN {mrn}. \
     DR {doc.FAM} NOTIFIED {d.dt}",
    "QNS - pls recollect. pt {pat.REV} rm {room} bed {A|B}",
    "pt age {age.n} - confirm DOB {dob.us3}?? req says {dob2.us3}",
    "lic# {lic} verified for {staff.full} RN (agency) before draw",
    "dl {dl} used for ID, pt had no wristband, see {staff.lowgiven}",
    "cult pos gram + cocci clusters 2/4 btls, called {staff.given} {unit} {time} read back",
    "TROPONIN I 0.{n}{n} NG/ML CALLED DR {doc.FAM} @ {time} {d.md}",
    "insulin pump sn {device} alarming during draw, pt's {rel.relation} {rel.given} present",
    "wrong tube (SST vs lav) redrawn {d.md} by {staff.init}",
    "pt lives at {addr.nostate} homebound draw sched {next.md}",
    "specimen {spec} tube broke in pneumatic tube stn {n}{n}, notified {unit}",
    "pt {age.yo} per {pat.his} {rel.relation}, very HOH",
    "acct {acct} FIN {acct} merged - see {staff.lowgiven}",
    "paged {doc.lowfam} re {lab}, ordered {drug} per verbal",
    "verbal order {test} from dr {doc.lowfam} {time} read back",
    "sendout to mayo, order {order}, req {req}",
    "pt refused draw, {rel.relation} ({rel.full}) {phone2} will bring pt back {next.md}",
    "{rel.relation} {rel.given} at bedside says pt is {age.n}",
    "VEHICLE IN LOT {plate} LIGHTS ON - PT'S CAR PER FRONT DESK",
    "pt gave medicaid # {plan} and ss# {ssn.plain} at check in",
    "critcal value {lab} on {pat.REV} called to {staff.init} RN {time}",
    "fax from {faxintl} illegible, pls resend - pt {pat.init} {dob.us2}",
    "pt pager/cell {phone} call w results only, no voicemail",
];

const BARE: &[&str] = &[
    "{pat.REV} {mrn} {dob.us} {phone}",
    "{mrn} {pat.REV} CRIT {lab} called",
    "{pat.low} {mrn} redraw",
    "{pat.UP} {dob.us3} ok to release",
    "re: {pat.full} - {lab}",
    "{pat.FAM} {mrn} QNS",
];

const JOINERS: &[&str] = &[" ", "\n", " // ", ". ", " - ", "\n\n", "; "];

/// Every template list of this module, for the slot test.
#[cfg(test)]
pub(super) const ALL: &[&[&str]] = &[FRAGMENTS, BARE];

/// Writes one to three fragments, sometimes all in capitals or lower case; seeded notes may name the patient
/// without a cue (a label line), as only the record can tell.
pub(super) fn write(w: &mut Writer, r: &Record) {
    let seeded = w.chance(50);
    if seeded {
        r.seed(w);
    }
    let case = match w.below(20) {
        0..=6 => Case::Upper,
        7..=10 => Case::Lower,
        _ => Case::AsWritten,
    };
    w.set_case(case);
    let count = w.between(1, 3);
    for i in 0..count {
        if i > 0 {
            let joiner = w.pick(JOINERS);
            w.t(joiner);
        }
        let list = if seeded && w.chance(25) { BARE } else { FRAGMENTS };
        render_one(w, r, list);
    }
}
