//! A second, independent annotated corpus of synthetic free text with planted PHI, in styles unlike
//! [`crate::deid`]'s short lab comments: so that a de-identifier measured on both is seen to generalise rather than
//! to fit one generator. It was written from the HIPAA Safe Harbor list and from how people write, without looking
//! at any detector. Everything is invented (names, numbers, addresses); real hospital, payer and drug names occur
//! only as distractors.
//!
//! [`notes`] mixes four styles in about equal shares:
//!
//! 1. narrative clinical notes (`narrative.rs`, `reports.rs`): discharge summaries, progress notes, pathology and
//!    cytology reports, consultation and referral letters, emergency, triage and social work notes, in the manner
//!    of the i2b2/n2c2 de-identification corpora (section headers, `Record date:`, `Attending:`, `cc:`);
//! 2. conversational and customer-support text (`support.rs`), in the spirit of Presidio's evaluation data:
//!    self-introductions, contact details, identifiers given to prove identity, chats, web forms;
//! 3. system text (`logs.rs`): log lines (ISO, syslog, access-log and key=value shapes), JSON events, FHIR and HL7
//!    v2 fragments, support tickets with pasted lines, emails with signatures;
//! 4. messy bench and phone comments (`messy.rs`): all capitals or lower case, no punctuation, typos, identifiers
//!    run together.
//!
//! # Annotation conventions
//!
//! The same as [`crate::deid`]'s, and the same [`crate::deid::distinct_categories`], so that both corpora are
//! scored alike: the identifier is annotated, never its cue; one `name` span per mention (given, middle and family
//! name as written; titles, credentials and a possessive `'s` outside); street (with its unit), city and ZIP are
//! separate spans and states are never annotated; every date finer than a year is a `date`, with a time attached
//! by a space or `T`; ages only from 90, the number with an attached unit (`92-year-old`, `92 yo`) or the number
//! alone after a cue (`age 92`); identifiers of clinicians and relatives are annotated like the patient's.
//!
//! Decisions where those conventions are silent:
//!
//! - A weekday joined to a date by a comma is inside the date span (`Tuesday, March 14`); a day of the month
//!   alone is a date after `on the` / `of the` (`the 3rd` → `3rd`); log timestamps (`2024-03-14T07:42:10Z`, syslog
//!   `Mar  4 07:42:10`, access-log `14/Mar/2024:07:42:10 -0500`, email `Tue, 14 Mar 2024 07:42:10 -0500`, HL7
//!   `20240314074210`) are dates, whole.
//! - HL7 names (`DOE^JANE^A`) are one span; a name split into separate fields (FHIR `family` / `given`, web form
//!   `First name:` / `Last name:`) is one span per field.
//! - Cities abroad and foreign postal codes (`Leeds LS6 2QT`, `10115 Berlin`, `M5V 2T6`) are `city` and `zip`;
//!   countries and provinces, like states, are not annotated. A city reported by an IP geolocation is a `city`.
//! - Passport numbers are `license` (a government-issued document number, like a state ID card); payment card
//!   numbers and IBANs are `account`.
//! - Not identifiers, hence distractors: hospital room, bed and unit numbers (`rm 4102`, `4 East`), ticket and
//!   incident numbers, HL7 message control IDs, OIDs, job and process IDs, analyzer models and firmware versions
//!   (four-part versions look like IPv4), user-agent strings, service accounts (`user=svc_lis_iface`), facility
//!   codes. Personal login names, clinic switchboard numbers, organisation URLs and role mailboxes are left out
//!   rather than guessed, as in [`crate::deid`].
//! - Organisations are never annotated, even when named after a person or a city (`Mayo Clinic`, `Johns Hopkins
//!   Hospital`, `Dayton Children's`, lower case `mayo`), nor are eponymous diseases, signs and procedures.
//!
//! # Hard cases, on purpose
//!
//! About a fifth of the people have a rare or invented given or family name (always with a cue: a title, `my
//! name is`, `patient`, `Attending:`, a signature, `patient_name=`); names are written in many forms (`Mr.
//! Okafor`, `Okafor, Chiamaka A.`, `C. Okafor`, `OKAFOR^CHIAMAKA`, `chiamaka okafor`); word-like names (`Hope`,
//! `Grant`, `Frank`) and cities that are names (`Tyler`, `Eugene`, `Florence`) occur. About half of the
//! narrative, log and messy notes carry `seeds` (the patient's name, MRN and phone as the record has them); in
//! messy seeded notes the patient may appear without any cue, as on a label line. Notes run from one line to a
//! few thousand characters (narrative notes are long, like the real ones).
//!
//! The corpus is prefix-stable: each note has its own random stream, seeded from the corpus seed and its index.

mod contact;
mod dates;
mod ids;
mod logs;
mod messy;
mod names;
mod narrative;
mod noise;
mod people;
mod places;
mod record;
mod reports;
mod support;
mod template;
mod writer;

#[cfg(test)]
mod tests;

use crate::deid::AnnotatedNote;
use record::Record;
use writer::Writer;

/// The `index`-th note of the corpus for `seed`.
fn note(seed: u64, index: usize) -> AnnotatedNote {
    let mut w = Writer::for_note(seed, index);
    let record = Record::new(&mut w);
    match w.below(4) {
        0 => narrative::write(&mut w, &record),
        1 => support::write(&mut w, &record),
        2 => logs::write(&mut w, &record),
        _ => messy::write(&mut w, &record),
    }
    w.finish()
}

/// `count` annotated notes, byte-identical for a given seed; `notes(n, seed)` is a prefix of `notes(m, seed)` for
/// `n <= m`.
pub fn notes(count: usize, seed: u64) -> Vec<AnnotatedNote> {
    (0..count).map(|index| note(seed, index)).collect()
}
