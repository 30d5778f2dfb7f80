//! Style 1, continued: pathology reports, consultation and referral letters, emergency and social work notes.

use super::record::Record;
use super::template::render_one;
use super::writer::Writer;

const PATHOLOGY: &[&str] = &[
    "SURGICAL PATHOLOGY REPORT\nCase: {case}\nPatient: {pat.rev}    MRN: {mrn}    DOB: {dob.us} (Age: {age.n})\n\
     Collected: {visit.dt}    Received: {visit.dmon}\nSubmitting physician: Dr. {doc2.init}\nClient: {hosp}\n\n\
     CLINICAL HISTORY: {pmh}; r/o {eponym}.\n\nGROSS DESCRIPTION: Received in formalin labeled with the \
     patient's name \"{pat.full}\" and medical record number {mrn} {is a tan-pink core biopsy measuring 1.2 x 0.1 \
     cm|are two fragments of tan tissue, 0.4 and 0.6 cm}. Entirely submitted in cassette A1.\n\n\
     FINAL DIAGNOSIS: {path_dx}\n\nElectronically signed out by {doc.full}, {doc.cred}, on {dis.dt}",
    "HEMATOPATHOLOGY CONSULTATION\nAccession: {case}   Specimen: {spec}\nName: {pat.REV}   Sex: {pat.sex}   \
     Age: {age.n}\nDate of procedure: {visit.us}\nReferring: {doc2.rev}, {doc2.cred} ({hosp}); copy by fax to \
     {fax}\n\nPERIPHERAL BLOOD: {labs}. Smear: Döhle bodies, no circulating blasts.\nBONE MARROW: 40% cellular; \
     {path_dx}. Flow cytometry under {acc}.\n\nCOMMENT: Discussed with Dr. {doc2.family} by phone on {dis.md} at \
     {time}.\n{doc.mid}, {doc.cred}",
    "Pathology Report ({case})\nPt {pat.full} | {pat.Sex} | DOB {dob.iso}\nProcedure ({visit.long}): \
     {colonoscopy with polypectomy|shave biopsy, left cheek|prostate needle biopsy, 12 cores|endometrial biopsy}\n\
     Diagnosis: {path_dx}\nSigned {dis.us1} by {doc.init}, {doc.cred}",
    "CYTOLOGY REPORT   Lab no. {case}\n{pat.UP}   {age.yo}   Physician: {doc2.FAM}\nSource: {pleural fluid, right|\
     urine, voided|FNA thyroid, left lobe}\nReceived {visit.compact}. Interpretation: {path_dx}.\n\
     Screened by {staff.init}, CT(ASCP); reviewed {dis.iso} by {doc.init}, {doc.cred}.",
];

const LETTERS: &[&str] = &[
    "{hosp}\nDepartment of {Nephrology|Endocrinology|Rheumatology|Hematology}\n\n{next.long}\n\n\
     Dear Dr. {doc2.family},\n\nThank you for referring {pat.title} {pat.full}, {age.a} {age.hyph} {pat.man}, whom I \
     saw in clinic on {visit.mdord}. As you know, {pat.he} has {pmh} and {eponym}. Today {pat.his} {labs}. I have \
     started {rx} and asked {pat.him} to repeat labs at {hosp} before {pat.his} next visit on {next.wk}.\n\n\
     Sincerely,\n\n{doc.full}, {doc.cred}\nTel {phone2} | Fax {fax}\n{doc.email}",
    "RE: {pat.full}\nDOB: {dob.long}\nMRN: {mrn}\n\nDear {doc2.given},\n\nI had the pleasure of seeing your patient \
     {pat.given} again today, {visit.long}. {pat.He} is now {age.n} and lives independently in {city}, with help \
     from {pat.his} {rel.relation} {rel.full}. Blood pressure was {bp}. {sign} was negative. I would continue \
     {drug} and see {pat.him} in {n} months.\n\nWith best regards,\n{doc.init}, {doc.cred}\n\n\
     cc: {pat.title} {pat.family}, {addr.line}",
    "Referral: {doc2.full} -> Dr. {doc.full}\nReason: {eponym}, {lab}\nPt {pat.full}, ph {phone}, ins {payer} \
     member {plan}\nPlease see within {n} weeks. Records faxed {d.md} from {fax}.",
    "To whom it may concern,\n\n{pat.full} (date of birth {dob.long}) has been under my care since {prior.monyr} \
     for {pmh}. {pat.He} is {age.a} {age.hyph} {pat.man} who requires an insulin pump (serial {device}) and should \
     be allowed to carry supplies on board. Please contact my office at {hosp} with any questions.\n\n\
     {doc.full}, {doc.cred}\nLicense no. {lic}",
];

const EMERGENCY: &[&str] = &[
    "EMERGENCY DEPARTMENT NOTE\n{hosp}\nArrival: {visit.dt}   Mode: EMS\nPatient: {pat.full}   Age: {age.n}   \
     MRN: {mrn}\n\nHPI: Restrained driver in MVC on {I-35|Route 9|the interstate} this morning. Per police report \
     (Officer {staff.family}), {pat.his} vehicle, a gray sedan with plate {plate} (VIN {vin}), was struck on the \
     passenger side. + airbag deployment. Denies LOC. On {drug}.\n\nLabs: {labs}. CT head negative.\n\
     Dispo: observation, {unit}. {rel.relation} {rel.full} notified at {phone2}.",
    "TRIAGE NOTE {visit.dt}\nCC: {complaint}\n{age.any} {pat.Sex} brought in by {pat.his} {rel.relation} from \
     {city}. Pt has a pacemaker ({Medtronic|Abbott|Boston Scientific} serial {device}) and {pmh}. Home meds \
     include {drug} and {drug}.\nVitals: BP {bp}, HR {hr}, RR 2{n}, SpO2 9{n}%.\nContact: {rel.given} {phone2}; \
     alt {intl}",
    "SOCIAL WORK NOTE {visit.us}\nMet with {pat.title} {pat.family} and {pat.his} {rel.relation} at bedside. Pt \
     lives alone at {addr.line}; {pat.his} {rel.relation} lives in {city2}. Insurance: {payer}, ID {plan}; \
     Medicare MBI {mbi}. Provided {hosp} financial assistance packet (acct {acct}). Pt's driver's license \
     ({dl}) has expired. Plan: {facility} referral. SW {staff.full}, {phonex}",
    "ED PROVIDER NOTE - {visit.wk}\n{pat.full}, {age.a} {age.hyph} {pat.man}, presents with {complaint}. History \
     limited; collateral from {pat.his} {rel.relation} ({rel.full}, {rel.email}). Last visit here {prior.us1} for \
     {eponym}. ECG: sinus tach 1{n}2. Troponin I 0.0{n} ng/mL. Discussed with Dr. {doc2.REV} (cardiology) at {time}.\n\
     MDM: high complexity.\n{doc.full}, {doc.cred}",
];

/// Every template list of this module, for the slot test.
#[cfg(test)]
pub(super) const ALL: &[&[&str]] = &[PATHOLOGY, LETTERS, EMERGENCY];

/// Writes a pathology or cytology report.
pub(super) fn pathology(w: &mut Writer, r: &Record) {
    render_one(w, r, PATHOLOGY);
}

/// Writes a consultation, referral or support letter.
pub(super) fn letter(w: &mut Writer, r: &Record) {
    render_one(w, r, LETTERS);
}

/// Writes an emergency department, triage or social work note.
pub(super) fn emergency(w: &mut Writer, r: &Record) {
    render_one(w, r, EMERGENCY);
}
