//! The record behind a note: the patient, the people around them, the dates of the episode and the
//! identifiers a note may repeat. Templates refer to it through slots (see [`super::template`]).

use chrono::NaiveDate;

use super::contact::{PERSONAL_DOMAINS, UsNumber};
use super::dates::{random_day, shift};
use super::ids;
use super::people::Person;
use super::places::Address;
use super::writer::Writer;

/// Everything a note about one patient can mention more than once.
#[derive(Debug, Clone)]
pub(super) struct Record {
    /// The patient.
    pub(super) pat: Person,
    /// The attending or signing clinician.
    pub(super) doc: Person,
    /// A second clinician (consultant, referring or primary care physician, resident).
    pub(super) doc2: Person,
    /// A nurse, technologist, courier or support agent.
    pub(super) staff: Person,
    /// A relative of the patient (with a relation).
    pub(super) rel: Person,
    /// Another patient (mislabelled specimens, merged records).
    pub(super) pt2: Person,
    /// The patient's age in years; about one in five is 90 or over.
    pub(super) age: u32,
    /// The relative's age in years.
    pub(super) rel_age: u32,
    /// The visit, admission or collection day.
    pub(super) visit: NaiveDate,
    /// Discharge, a few days after the visit.
    pub(super) dis: NaiveDate,
    /// A follow-up, weeks after the visit.
    pub(super) next: NaiveDate,
    /// An earlier episode.
    pub(super) prior: NaiveDate,
    /// Date of birth, consistent with the age at the visit.
    pub(super) dob: NaiveDate,
    /// Medical record number.
    pub(super) mrn: String,
    /// The patient's phone.
    pub(super) phone: UsNumber,
    /// The patient's home address.
    pub(super) home: Address,
    /// The patient's email address.
    pub(super) email: String,
}

/// A relative's age that fits the relation to a patient of `age`.
fn relative_age(w: &mut Writer, relation: &str, age: u32) -> u32 {
    let age = match relation {
        "mother" | "father" => age + w.between(19, 36),
        "daughter" | "son" | "daughter-in-law" | "niece" | "nephew" => age.saturating_sub(w.between(20, 36)),
        "granddaughter" | "grandson" => age.saturating_sub(w.between(45, 62)),
        _ => (age + w.between(0, 10)).saturating_sub(5),
    };
    age.clamp(16, 104)
}

impl Record {
    /// A new record; the patient's relatives and clinicians are drawn independently.
    pub(super) fn new(w: &mut Writer) -> Record {
        let pat = Person::random(w);
        let age = if w.chance(22) { w.between(90, 104) } else { w.between(19, 89) };
        let mut rel = Person::relative(w);
        for _ in 0..6 {
            let plausible = match rel.relation {
                "mother" | "father" => age < 70,
                "granddaughter" | "grandson" => age > 65,
                "daughter" | "son" | "daughter-in-law" | "niece" | "nephew" => age > 40,
                _ => true,
            };
            if plausible {
                break;
            }
            rel = Person::relative(w);
        }
        let rel_age = relative_age(w, rel.relation, age);
        let visit = random_day(w, 2012, 2025);
        let birth_offset = i64::from(age) * 365 + i64::from(age / 4) + i64::from(w.between(1, 360));
        let email = pat.email(w, PERSONAL_DOMAINS);
        Record {
            doc: Person::random(w),
            doc2: Person::random(w),
            staff: Person::random(w),
            pt2: Person::random(w),
            dis: shift(visit, i64::from(w.between(2, 9))),
            next: shift(visit, i64::from(w.between(10, 60))),
            prior: shift(visit, -i64::from(w.between(60, 900))),
            dob: shift(visit, -birth_offset),
            mrn: ids::mrn(w),
            phone: UsNumber::random(w),
            home: Address::us(w),
            pat,
            age,
            rel,
            rel_age,
            visit,
            email,
        }
    }

    /// The person a slot head names (`pat`, `doc`, `doc2`, `staff`, `rel`, `pt2`).
    pub(super) fn person(&self, head: &str) -> Option<&Person> {
        match head {
            "pat" => Some(&self.pat),
            "doc" => Some(&self.doc),
            "doc2" => Some(&self.doc2),
            "staff" => Some(&self.staff),
            "rel" => Some(&self.rel),
            "pt2" => Some(&self.pt2),
            _ => None,
        }
    }

    /// Records the seeds a structured record would give a de-identifier: name, MRN, phone.
    pub(super) fn seed(&self, w: &mut Writer) {
        w.seed("name", self.pat.full());
        w.seed("mrn", self.mrn.clone());
        w.seed("phone", self.phone.canonical());
    }
}
