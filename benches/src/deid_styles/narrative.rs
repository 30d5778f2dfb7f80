//! Style 1: narrative clinical notes as hospitals dictate and type them (discharge summaries and progress notes
//! here; pathology reports, letters and emergency notes in [`super::reports`]), in the manner of the i2b2/n2c2
//! de-identification corpora: section headers, names in every form, dates in many formats, eponyms, hospitals.

use super::record::Record;
use super::reports;
use super::template::render_one;
use super::writer::Writer;

const DC_HEADERS: &[&str] = &[
    "{hosp}\nDISCHARGE SUMMARY\n\nPatient: {pat.REV}    MRN: {mrn}\n\
     Admission Date: {visit.us}    Discharge Date: {dis.us}\nAttending: {doc.full}, {doc.cred}",
    "Record date: {dis.iso}\n\nNAME: {pat.rev}\nUNIT NO: {mrn}\nADMISSION DATE: {visit.us2}\n\
     DISCHARGE DATE: {dis.us2}\nATTENDING: {doc.UP}, M.D.\nSERVICE: {Medicine|Cardiology|Hospitalist B|Geriatrics}",
    "DISCHARGE SUMMARY - {hosp}\n{pat.full} (MRN {mrn}), DOB {dob.us}, {pat.Sex}\n\
     Admitted {visit.long}; discharged {dis.long}.\nAttending physician: Dr. {doc.full}. PCP: {doc2.init}, {doc2.cred}",
    "{hosp} | Inpatient Discharge Summary\nPt: {pat.full} | Med Rec #: {mrn} | DOB: {dob.dmon} | Acct: {acct}\n\
     Adm: {visit.dmon}   Disch: {dis.dmon}\nDischarging provider: {doc.init}, {doc.cred}",
    "{mrn} | {hosp} | {acct} | {visit.dt} | DISCHARGE SUMMARY | Signed | DIS\n\
     Admission Date: {visit.us1}  Report Status: Signed\nDischarge Date: {dis.us1}\nATTENDING: {doc.REV} M.D.",
];

const HPI: &[&str] = &[
    "HISTORY OF PRESENT ILLNESS:\n{pat.title} {pat.family} is {age.a} {age.hyph} {pat.man} with a history of {eponym}, \
     {pmh} and {pmh} who presented to the {hosp} emergency department on {visit.md} with {complaint}. {pat.He} had \
     been seen by Dr. {doc2.family} in clinic on {prior.long} and started on {drug} at that time.",
    "HPI: {pat.given} is a pleasant {age.yo} {pat.Sex} from {city}, transferred from {hosp} on {visit.wk} for \
     management of {complaint}. Per {pat.his} {rel.relation} {rel.full}, {pat.he} has been declining since \
     {prior.monyr}. Of note, {pat.he} was admitted in {year} with {eponym}.",
    "HISTORY OF THE PRESENT ILLNESS: This is {age.a} {age.hyph} {retired |Spanish-speaking |}{pat.man} with {pmh} \
     s/p {procedure} ({prior.us1}, Dr. {doc2.init} at {hosp}) who now presents with {complaint} x {n} days. \
     {pat.He} lives at home in {city} with {pat.his} {relage.hyph} {rel.relation}.",
    "HPI:\n{age.any} {pat.man} w/ {pmh}, {pmh}, {eponym} p/w {complaint}. Seen at {hosp} ED {d.md} and sent home. \
     Returned {visit.md} after {pat.his} {rel.relation} found {pat.him} on the floor. Last seen well the evening \
     of the {d.ord}.",
    "CHIEF COMPLAINT: {complaint}\n\nHISTORY OF PRESENT ILLNESS: {pat.full} is {age.a} {age.hyph} {pat.man} \
     (DOB {dob.us}) with {eponym} diagnosed {prior.monyr} who was sent in by {pat.his} PCP, Dr. {doc2.full}, for \
     {lab}. {pat.He} denies {chest pain|fevers|melena|dysuria|headache}. No sick contacts; {pat.he} quit smoking \
     in {year}.",
    "HPI: Pt is a {age.n} y/o {pat.man} well known to Dr. {doc.family}'s service, last admitted {prior.abbr} for \
     {complaint}. Since then {pat.he} has been living with {pat.his} {rel.relation} ({rel.given}) in {city2}. \
     Today {pat.he} reports {complaint}.",
];

const COURSE: &[&str] = &[
    "HOSPITAL COURSE:\n{pat.He} was admitted to {unit}, room {room}. Labs on admission were notable for {labs}. \
     {Cardiology|Nephrology|Renal|ID|GI|Hematology} (Dr. {doc2.init}) was consulted on the {d.ord} and recommended \
     {drug}. {test} was negative; Foley catheter removed. By {dis.wk} {pat.he} was ambulating with PT.",
    "BRIEF HOSPITAL COURSE BY PROBLEM:\n# {complaint}: treated with {drug} and {drug}; {lab} on {d.md}, improved \
     to {lab} by discharge.\n# {pmh}: continued home {drug}. BP {bp} on HD {n}.\n# Goals of care: discussed with \
     {pat.his} {rel.relation}, {rel.full}, who is the health care proxy ({phone2}).",
    "COURSE: Uneventful. {pat.title} {pat.family} tolerated a regular diet by POD {n}. Blood cultures from \
     {d.iso} showed no growth x 5 days. Pathology (case {case}) returned benign. Dr. {doc.family}'s team discussed \
     code status with {pat.him} and {pat.his} {rel.relation} on {dis.md}; {pat.he} remains full code.",
    "Hospital Course:\nThe patient was started on {rx} and {drug}. Echo {visit.us1} showed EF 35-40%. \
     {eponym} was felt to be contributory. {pat.His} {rel.relation}, {rel.given}, visited daily and can be \
     reached at {phone2} or {rel.email}.",
    "HOSPITAL COURSE: {pat.given} did well. Swan-Ganz catheter removed on hospital day {n}; CrCl \
     (Cockcroft-Gault) 3{n} mL/min. INR peaked at 3.{n} on {d.abbr} and \
     {drug} was held. Seen by {doc2.full} from palliative care, who met with the family on {dis.mdord}.",
];

const LABS: &[&str] = &[
    "PERTINENT LABS ({d.us}):\n{labs}\n{labs}\nMICRO: urine culture >100,000 CFU/mL E. coli; {test} negative.",
    "Labs {visit.md}: {labs}. Repeat at {time}: {lab}. A1c ({year}) 8.1%. ANA {ratio}, speckled.",
    "DATA: {labs}. ECG: NSR, QTc 468 ms. CXR ({d.us2}): no acute process. LOINC {loinc} sent out to Mayo Clinic.",
];

const MEDS: &[&str] = &[
    "DISCHARGE MEDICATIONS:\n1. {rx}\n2. {rx}\n3. {rx}\n4. {rx}",
    "Meds on discharge: {rx}, {rx}, {rx}. Allergies: {penicillin (hives)|sulfa|NKDA|\
     codeine|iodinated contrast}.",
];

const DISPOSITION: &[&str] = &[
    "DISPOSITION: Home with services to {addr.line}. Follow up with Dr. {doc2.family} at {hosp} in {n} weeks \
     ({next.us}). {pat.He} can be reached at {phone}.",
    "FOLLOW-UP:\n{doc2.rev}, {doc2.cred} on {next.wk} at {time}\n\
     {Anticoagulation|Heart failure|Wound|Renal} clinic in {n} weeks\n\
     Discharged to {facility} (fax {fax}) on {dis.long}.",
    "Disposition: {facility}. Report called to {staff.full}, RN at {phonex}. Summary faxed to {fax}.",
    "Discharge to home ({city}) with {pat.his} {rel.relation}. Appointments: {next.us1} Dr. {doc2.init}; \
     {any.long} labs at {hosp}.",
];

const SIGNATURES: &[&str] = &[
    "____________________\n{doc.full}, {doc.cred}\nDictated: {dis.dt}\nTranscribed: {dis.us}\n\
     cc: Dr. {doc2.full}; {hosp}",
    "Electronically signed by {doc.full}, {doc.cred} on {dis.dt}\ncc: {doc2.init}, {doc2.cred}",
    "Attending attestation: I saw and examined the patient with Dr. {doc2.family} (resident) and agree with the \
     findings and plan as documented. -- {doc.full}, {doc.cred}",
    "Dictated By: {doc.REV}\nAttending: {doc2.REV}\nBatch: {pid}  Index No. {pid}\nD: {dis.us2}  T: {dis.us2}",
];

const PROGRESS_HEADERS: &[&str] = &[
    "Record date: {visit.iso}\n\n{Internal Medicine|Renal|Geriatrics|Endocrine|Heme/Onc} Clinic Note\n{pat.full}\n\
     MRN {mrn}",
    "PROGRESS NOTE - {visit.long}\nPatient: {pat.rev}   DOB: {dob.us1}   MRN: {mrn}\n\
     Provider: {doc.full}, {doc.cred}   Location: {hosp}",
    "{hosp} - Hospitalist Progress Note\nHospital day {n}, {visit.wk}\n{pat.REV}  Age: {age.n}  {pat.sex}  \
     Rm {room}",
    "Interval Note {visit.us2}\nRE: {pat.full}, {age.yo} {pat.sex}, seen with {pat.his} {rel.relation} {rel.given}",
];

const SUBJECTIVE: &[&str] = &[
    "SUBJECTIVE: {pat.given} returns for follow-up of {pmh} and {eponym}. Reports {fatigue|better energy|mild \
     dyspnea on exertion|no new complaints}. Taking {rx}. Saw Dr. {doc2.family} ({Cardiology|Rheum|GI}) \
     last month - notes not available.",
    "S: pt seen and examined. c/o {complaint}. no f/c. {rel.relation} at bedside ({rel.low}) reports poor sleep. \
     per pt, last BM {d.md}.",
    "Interval history: Since {pat.his} visit on {prior.us1}, {pat.he} was hospitalized at {hosp} ({d.monyr}) for \
     {complaint}. {pat.He} moved in with {pat.his} {rel.relation} in {city2}.",
];

const OBJECTIVE: &[&str] = &[
    "OBJECTIVE: BP {bp}, HR {hr}, T 36.{n}, SpO2 9{n}% RA, Wt {wt} kg.\nLabs today: {labs}",
    "O: VS {bp} / {hr} / 97% 2L NC\ngen: NAD, A&Ox3\nCV: irregularly irregular, 2/6 SEM\n\
     ext: 2+ pitting edema bilaterally\nLabs: {labs}",
    "Exam: GCS 15, well-appearing. BP {bp} (repeat {bp}). Strength 4/5 RLE, {sign} positive. \
     Labs ({visit.md}): {labs}.",
];

const PLAN: &[&str] = &[
    "ASSESSMENT/PLAN:\n{age.any} {pat.man} with {pmh}, here for {complaint}.\n1. {pmh}: continue {drug}; recheck \
     {lab} in {n} weeks.\n2. {eponym}: refer back to Dr. {doc2.init}.\n3. HCM: flu shot today. RTC {next.md}.",
    "A/P: {complaint} - likely {eponym} flare vs {pmh}. d/w dr {doc2.lowfam}, will start {rx}. f/u \
     {next.mdord}. Pt's {rel.relation} ({rel.given}, {phone2}) updated by phone.",
    "Plan: labs in {n} wks, {rx}. Return {next.wk}. Letter to {facility} at {addr2.line}.",
];

const PROGRESS_SIGNATURES: &[&str] = &[
    "{doc.full}, {doc.cred}",
    "Signed: {doc.init} {doc.cred} {visit.dt}",
    "Seen with attending Dr. {doc2.family}. -- {doc.full}",
    "Electronically signed by: {doc.rev}, {doc.cred} ({visit.dt})",
];

/// Every template list of this module, for the slot test.
#[cfg(test)]
pub(super) const ALL: &[&[&str]] = &[
    DC_HEADERS,
    HPI,
    COURSE,
    LABS,
    MEDS,
    DISPOSITION,
    SIGNATURES,
    PROGRESS_HEADERS,
    SUBJECTIVE,
    OBJECTIVE,
    PLAN,
    PROGRESS_SIGNATURES,
];

/// Writes `parts` in order, as sections separated by blank lines; a part is skipped with its chance of omission.
pub(super) fn sections(w: &mut Writer, r: &Record, parts: &[(&[&'static str], usize)]) {
    for (templates, skip) in parts {
        if w.chance(*skip) {
            continue;
        }
        if !w.is_empty() {
            w.t("\n\n");
        }
        render_one(w, r, templates);
    }
}

/// Writes one narrative note: a discharge summary, progress note, pathology report, letter or emergency note.
pub(super) fn write(w: &mut Writer, r: &Record) {
    if w.chance(60) {
        r.seed(w);
    }
    match w.below(5) {
        0 => sections(
            w,
            r,
            &[(DC_HEADERS, 0), (HPI, 0), (COURSE, 0), (LABS, 40), (MEDS, 40), (DISPOSITION, 10), (SIGNATURES, 0)],
        ),
        1 => sections(
            w,
            r,
            &[(PROGRESS_HEADERS, 0), (SUBJECTIVE, 0), (OBJECTIVE, 20), (PLAN, 0), (PROGRESS_SIGNATURES, 0)],
        ),
        2 => reports::pathology(w, r),
        3 => reports::letter(w, r),
        _ => reports::emergency(w, r),
    }
}
