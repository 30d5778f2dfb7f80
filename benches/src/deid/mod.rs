//! A reproducible, annotated corpus of synthetic clinical-lab free text with planted PHI of every HIPAA Safe Harbor
//! category, to measure a de-identifier's precision, recall and F2 per category. [`notes`] writes short notes like
//! the comments labs attach to results and the entries of a lab's call log (critical-value calls, specimen
//! problems, redraws, demographics lines, mailed-report addresses, insurance, implants, portal access, chain of
//! custody, rare security incidents), each with byte-offset [`PhiSpan`]s. Everything is invented: names, numbers,
//! addresses and organisations; phone numbers and IDs have realistic shapes, not real owners.
//!
//! The generator never looks at a detector: it is written from the Safe Harbor list and from how lab staff write.
//!
//! # Annotation conventions
//!
//! - The identifier itself is annotated, never its cue: `MRN: 00482913` → `00482913`, `SSN 123456789` →
//!   `123456789`, `Fax: (217) 555-0142` → `(217) 555-0142`, `IL plate CJ 48812` → `CJ 48812`. A letter prefix
//!   written as part of the identifier stays in it (`ORD7718823`, `G00412233`); an identifier inside a URL is part
//!   of the URL span (no nested spans).
//! - Identifiers are annotated whoever they belong to: patient, relative, clinician (names, phones, emails,
//!   licences alike).
//! - `name`: each mention of a person is one span covering given, middle and family name as written (`Dr. Jane
//!   Doe` → `Jane Doe`, `DOE, JANE` and `Doe, Jane A.` one span each, `Ms. Doe` → `Doe`). Titles (`Dr.`, `Ms.`),
//!   roles (`RN`, `nurse`), credentials (`, MD`, `, MLS(ASCP)`) and a possessive `'s` are outside the span;
//!   particles are inside (`Anneke van der Berg`).
//! - `street_address`: the street part with its unit (`12 Elm St Apt 4B`, `PO Box 1432`); `city` and `zip`
//!   (`62704`, `62704-1234`) are their own spans; the state (`IL`, `Illinois`) is never annotated.
//! - `date`: every date element finer than the year, whole: `March 14, 2024`, `03/14/2024`, `14-Mar-2024`,
//!   `2024-03-14`, `23.4.2023`, `2nd of April 2023`, `Apr 2, 23`, `20230402`, `14MAR2024`, `April 2023`, and
//!   year-less `3/14`, `Mar 14` (always after `on`). A time directly attached to a date (by a space or `T`) is
//!   part of the span (`03/14/2024 09:12`, `2024-03-14T07:42:10-05:00`, `Mar 14, 2024 9:12 AM`); a time
//!   introduced by a word (`on 3/14 at 09:12`) is not, nor is a time alone. A year alone (`dx in 2019`) is not.
//! - `age`: only ages of 90 and over. The number with its unit when the unit is attached (`93-year-old`,
//!   `93 yo`, `93 y/o`, `93yo`, `93 years old`, `93 yrs`, `93y`); the number alone after a cue word (`age 93`,
//!   `Age: 93`, `aged 93` → `93`). Ages under 90 appear in the same forms, unannotated.
//! - `phone` / `fax`: the whole number with country code, area code, parentheses and extension
//!   (`+1 (217) 555-0199`, `(217)555-0199 x123`, `217-555-0199 ext. 4412`); `fax` when a fax cue precedes it
//!   (`Fax:`, `fax`, `FAX#`, `Fax to`, `by fax from`).
//! - `email`, `url` (`http://`, `https://`, `www.`; query string included, trailing sentence punctuation
//!   excluded), `ip` (IPv4, IPv6 in full, compressed or IPv4-mapped form): whole.
//! - `ssn`, `mrn`, `health_plan` (member, subscriber, policy, Medicare MBI, Medicaid IDs), `account` (billing
//!   account, HAR, FIN, guarantor account), `license` (driver's licence, state ID card, nursing/MLS licence),
//!   `vehicle` (VIN, plate), `device` (serial numbers of a patient's implants and wearables), `other_id`
//!   (accession, specimen, order, requisition and container IDs): the identifier only.
//!
//! # Distractors (never annotated)
//!
//! About half of the notes carry some: lab values with units (`K 6.8 mmol/L`, `WBC 12.5 x10^3/uL`, `INR 2.3`),
//! blood pressures (`120/80`), titers and ratios (`1:128`), fractions (`3/4 full`), Apgar scores (`8/9`), times
//! without a date, years alone, grades and scores (`Gleason 3+4=7`), analyte and drug names, eponymous diseases,
//! stains and findings (`Hodgkin lymphoma`, `Coombs test`, `Philadelphia chromosome`, `Döhle bodies`), surnames used
//! as words (`Brown urine`, `White blood cells`, `Young adult`, `Will call`, `May repeat`, `Frank hematuria`),
//! roles without names, ages under 90, state names and abbreviations, months alone, LOINC codes (`2345-7`), reagent
//! and QC lot numbers (lab materials, not patient identifiers), analyzer firmware versions, device model names
//! (`Dexcom G7`), payers and organisations (`Northwind Medical Center`, `St. Mary's Hospital`, `Lincoln Memorial
//! Hospital`: organisations are not PHI even when they hold a person's or a city's name). Ambiguous material is left
//! out rather than guessed: no lab switchboard numbers, instrument serials or IPs, group numbers, partial SSNs,
//! NPIs, generic reference URLs, reagent expiry dates.
//!
//! # Hard cases, on purpose
//!
//! About a quarter of person-name mentions use rare or invented names (varied origins, diacritics, hyphens,
//! apostrophes, particles), always after a cue (a title, `Pt:`, `patient`, `called to`, `spoke with`, `per`,
//! `signed by`, `collector`, `daughter`, `Visitor`, …), so that name recall measures cue-based detection and not
//! only dictionary lookup. About half of the notes carry `seeds`, the patient's name, MRN and phone as the
//! structured record holds them (`Jane Doe`, `00482913`, `(217) 555-0199`); in those notes the patient may also be
//! mentioned without any cue, in another order, case or format (`DOE, JANE`, `jane doe`, `DOE JANE`, `Ms. Doe`, the
//! bare MRN, the phone written `217.555.0199`), which only seeding finds. Common first names and surnames that are
//! words (`April`, `Hope`, `Gene`, `Brown`, `May`) and cities that are names (`Tyler`, `Eugene`, `Florence`) occur
//! both as PHI and as distractors.
//!
//! The corpus is one sequential stream: `notes(n, seed)` is a prefix of `notes(m, seed)` for `n <= m`.

mod contact;
mod dates;
mod generator;
mod identifiers;
mod names;
mod people;
mod templates;
mod vocabulary;

#[cfg(test)]
mod tests;

/// One planted identifier: a byte range of [`AnnotatedNote::text`] and its Safe Harbor category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PhiSpan {
    /// Byte offset of the span's first byte.
    pub start: usize,
    /// Byte offset one past the span's last byte.
    pub end: usize,
    /// One of [`distinct_categories`].
    pub category: &'static str,
}

/// A note with its gold annotations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnotatedNote {
    /// The free text (UTF-8; 60 to 400 characters).
    pub text: String,
    /// The planted identifiers, in text order, never overlapping.
    pub spans: Vec<PhiSpan>,
    /// Identifiers already known from the same record (`"name"`, `"mrn"`, `"phone"`), for about half of the notes.
    pub seeds: Vec<(&'static str, String)>,
}

#[rustfmt::skip]
const CATEGORIES: [&str; 19] = [
    "name", "street_address", "city", "zip", "date", "age", "phone", "fax", "email", "ssn", "mrn", "health_plan",
    "account", "license", "vehicle", "device", "url", "ip", "other_id",
];

/// The categories a span can have, in Safe Harbor order.
pub fn distinct_categories() -> &'static [&'static str] {
    &CATEGORIES
}

/// `count` annotated notes, byte-identical for a given seed.
pub fn notes(count: usize, seed: u64) -> Vec<AnnotatedNote> {
    generator::samples(count, seed).into_iter().map(|s| s.note).collect()
}
