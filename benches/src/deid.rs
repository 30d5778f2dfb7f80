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

use std::sync::OnceLock;

use crate::Lcg;

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
    samples(count, seed).into_iter().map(|s| s.note).collect()
}

const MIN_CHARS: usize = 60;
const MAX_CHARS: usize = 400;

/// A note and what the tests check about the corpus as a whole.
#[cfg_attr(not(test), expect(dead_code, reason = "corpus statistics, read by the tests"))]
struct Sample {
    note: AnnotatedNote,
    /// Person-name mentions, and how many of them are rare or invented names.
    names: usize,
    rare_names: usize,
    /// Distractors written.
    distractors: usize,
}

fn samples(count: usize, seed: u64) -> Vec<Sample> {
    let mut generator = Generator { rng: Lcg::new(seed), device: 0, payer: 0, last_clinician: None };
    (0..count).map(|_| generator.sample()).collect()
}

// ---------------------------------------------------------------------------------------------------------------
// Templates. `{slot}`s are filled by `Generator::slot`; literal text around them carries the cues.

const CRITICAL: &[&str] = &[
    "Critical {crit} called to {clin_rn} at {cphone} on {dt}, read back verified.",
    "CRITICAL VALUE {crit}. Notified {dr} on {date_short} at {time}; read-back confirmed.",
    "{crit} (critical) phoned to {clin_rn}, {cphone}, {dt}. Read back and verified.",
    "Crit {crit} called to {dr} {dt}, RB verified.",
    "Critical result {crit} reported to {clin_rn} ({unit}) at {time}; read back verified. {acc}.",
    "Panic value {crit}. Unable to reach {role}; paged {dr} at {cphone}, who acknowledged on {dt}.",
    "Critical {crit}, {acc}. Called to {clin_rn}, {unit}, {dt}; read back OK.",
    "Repeat critical {crit}, previously called on {date_short}. Called again to {clin_rn} at {time}, read back.",
];

const SPECIMEN: &[&str] = &[
    "Specimen {problem}; {test} not reported. Redraw requested from {clin_rn} on {date_short}. {acc}.",
    "{problem_cap} specimen received, {acc}. Spoke with {clin_rn}, who will arrange recollection.",
    "{specid} received unlabeled at {time}. Rejected per policy; {dr} notified {dt}.",
    "Mislabeled tube: label reads patient {pt}, requisition lists another patient. {specid} rejected; {clin_rn} told.",
    "Hemolyzed (H-index {hindex}); K may be falsely elevated. Please redraw. {acc}.",
    "Specimen for {test} {problem}. Per {dr}, cancel and recollect on {date_short}. {specid}.",
];

const REDRAW: &[&str] = &[
    "Redraw needed for Pt: {pt} ({mrn}), {problem} lavender top. Please call {phone} to schedule.",
    "Pt {pt}, {mrn}, to return on {date_short} for fasting lipid panel. Callback {phone}.",
    "Left voicemail for patient {pt} at {phone} re: recollection; will call again on {date_short}.",
    "Patient {pt} {mrn} needs recollection of 24 h urine; container given {date}.",
    "Outpatient {pt} ({mrn}) missed redraw appointment of {date}. Reminder sent to {email}.",
    "Redraw requested for {pt_title} ({mrn}): {test} {problem}. Phlebotomy to draw on {date_short}.",
];

const DEMOGRAPHICS: &[&str] = &[
    "Pt: {pt} {mrn} DOB {dob} {age_unit} {sex}.",
    "Patient {pt}, {sex_word}, DOB: {dob}, {age}. {mrn}. Home phone {phone}.",
    "Name: {pt} | {mrn} | DOB {dob} | {age} | Sex: {sex}.",
    "Registration: patient {pt}, DOB {dob}, {ssn}, phone {phone}.",
    "ADT update: Pt {pt} now {mrn} after merge; DOB {dob}; {ssn}.",
    "Pt {pt} ({sex}, {age}), {mrn}, DOB {dob}, admitted on {date_short}.",
    "Demographics corrected: DOB changed from {dob_alt} to {dob} for {pt_title}, {mrn}.",
];

const ADDRESS: &[&str] = &[
    "Mail copy of report to patient at {addr}.",
    "Report returned undeliverable from {addr}. Pt {pt} to confirm address.",
    "Home draw: {addr}. Phlebotomist to call {phone} on arrival.",
    "Patient {pt} moved to {city}, {st} {zip}; send results to new address {street}.",
    "Home collection scheduled for {date} at {street}, {city} {zip}. Gate code on file.",
    "Pt lives in {city} ({state}); courier pickup from {street} arranged for {date}.",
    "Mobile draw unit visit, {addr}, on {date_short}; {pt_title} is home-bound.",
];

const INSURANCE: &[&str] = &[
    "Ins: {payer}, {plan}. {acct}.",
    "Billing hold: {plan} inactive as of {date}. {acct}; patient {pt} to provide new card.",
    "Secondary insurance {payer}, {plan}. Guarantor {pt}, {acct}.",
    "ABN signed {date} for vitamin D screen; {payer} ({plan}) does not cover. {acct}.",
    "Prior auth for genetic panel denied by {payer} ({plan}) on {date_short}. {acct} flagged for self-pay.",
    "Claim for {acc} rejected: {plan} not found. Verified with {pt_title} by phone at {phone}.",
    "Statement for {acct} sent; pay online at {url}.",
];

const DEVICE: &[&str] = &[
    "Pt {pt} has {device} ({model}), {serial}; MRI-conditional check requested.",
    "{device_cap} {serial} interrogated on {date_short}; draw from opposite arm.",
    "Pt on {device} ({model}), {serial}. POC glucose {gluc} mg/dL vs lab {gluc} mg/dL; reported to {clin_rn}.",
    "{device_cap} ({model}) {serial} removed before draw per {dr}.",
    "Implant record for {pt_title}: {device}, {model}, {serial}, placed {date}.",
    "Patient {pt} reports {device} alarm during draw; {serial} noted, {clin_rn} informed.",
];

const VEHICLE: &[&str] = &[
    "Security incident {dt}: vehicle {plate} in courier bay; owner, {relation} of Pt {pt}, reached at {phone}.",
    "Specimen cooler left in patient's car ({vin}); security retrieved it on {date_short}.",
    "Parking lot incident: car of Pt {pt}, {plate}, {vin}, struck the courier van. Report filed {date}.",
    "Security: Pt {pt} reported a break-in of their car ({vin}, {plate}) in the garage during draw on {date_short}.",
    "Visitor {rel} ({plate}) refused to move vehicle from lab entrance on {date_short}; security called.",
    "Security log: {relation} {rel} drove Pt {pt} to outpatient draw and left vehicle {plate} in ambulance bay.",
];

const IT: &[&str] = &[
    "Result portal {url} accessed from {ip4} on {dt}.",
    "Failed login to patient portal from {ip6} at {time}; account locked. Ticket opened by analyst {clin}.",
    "Patient portal session for {pt} from {ip} expired on {dt}; results re-sent to {email}.",
    "Pt {pt} reports portal link {url} not loading; {email} on file.",
    "Audit: record {mrn} viewed from {ip} by user {clin} on {dt}.",
    "Report PDF posted to {url}; access logged from {ip} and {ip}.",
];

const EMAIL: &[&str] = &[
    "Pt requests results by email to {email}; consent signed {date}.",
    "Report emailed to {dr} at {cemail} per patient request.",
    "Secure message sent to {email} re: abnormal {analyte}; no reply as of {date}.",
    "Copy of results sent to {clin_rn} ({cemail}) and to patient {pt} at {email}.",
    "Email bounced for {email}; patient {pt} to update address at next visit on {date_short}.",
];

const SSN: &[&str] = &[
    "Registration mismatch: {ssn} on requisition differs from ADT; resolved by {clin} on {date_short}.",
    "Reference lab requires {ssn} for Pt {pt}; entered on {date}.",
    "Duplicate record suspected: Pt {pt} and {pt_title} share {ssn}; HIM notified.",
    "Paternity case: tested party {rel}, {ssn}, DOB {dob_any}.",
];

const CUSTODY: &[&str] = &[
    "Chain of custody collection. Donor {pt}, photo ID {dl}. {specid}, temperature in range.",
    "DOT drug screen: donor ID verified by {dl}; collector {clin} signed {dt}.",
    "Paternity test: alleged father {rel_male} presented {dl}; buccal swabs collected {date}.",
    "Collector {clin}, {rnlic}, witnessed split specimen on {date_short}. {specid}.",
    "Forensic blood alcohol draw for Pt {pt} ({dl}) at officer's request, {dt}. Seal intact.",
];

const FAX: &[&str] = &[
    "Results faxed to {dr_title}'s office ({fax}) on {date_short}; confirmation received.",
    "Copy to PCP {dr}. Tel {cphone}, {fax}.",
    "Fax to {faxnum} failed twice on {dt}; called office at {cphone} and spoke with {clin}.",
    "Please send results to {clin_rn}, {fax}, attention oncology clinic.",
    "Outside records received by fax from {faxnum} on {date_short}, {pages} pages.",
];

const FAMILY: &[&str] = &[
    "{relation_cap} {rel} ({cphone}) will pick up copy of results; patient {pt} consented on {date_short}.",
    "Spoke with {relation} {rel} at {cphone}; patient unable to come to phone.",
    "Results discussed with patient's {relation}, {rel}, per HIPAA release on file dated {date}.",
    "Emergency contact: {rel} ({relation}), {cphone}.",
    "{relation_cap} {rel} called at {time} asking for {pt_title}'s results; identity not verified, none released.",
];

const AGE: &[&str] = &[
    "Pt is a {age_adj} {sex_word} from a nursing home. {lab}. Specimen hemolyzed, redraw requested.",
    "Pt age {age_num}; eGFR calculated with CKD-EPI 2021. {lab}.",
    "No reference interval established for {age_unit} {sex_word}; {lab} interpreted with caution.",
    "Geriatric panel, {age_unit} {sex}; {dr} aware of {lab}.",
    "Pt {pt}, {age}, {sex}: {lab}, {lab}. Delta check passed.",
];

const ADDON: &[&str] = &[
    "Add-on {test} requested by {dr} on {dt}, {order}. Original specimen collected {date} is within stability.",
    "Add-on {test} to {acc} per {clin_rn}; sample stable for 24 h.",
    "{order} cancelled per {dr}: duplicate order. Credit issued to {acct}.",
    "Add-on declined: {acc} collected {dt}, beyond stability for {test}. {clin_rn} notified.",
];

const MICRO: &[&str] = &[
    "{gram_stain}: {gram}. Called to {clin_rn} on {dt}.",
    "Coombs test (DAT) positive; anti-D titer {ratio}. Blood bank notified {dr}.",
    "Blood culture positive at {hours} h, {gram}. Read back by {clin_rn}, {cphone}.",
    "Antibody screen positive; anti-K identified, titer {ratio}. Crossmatch delayed; {dr} informed at {time}.",
    "Kleihauer-Betke test: fetal cells {pct}%. RhIG dose discussed with {dr} on {date_short}.",
    "Peripheral smear: {smear}. Reviewed by pathologist {clin}, {dt}.",
];

const PATHOLOGY: &[&str] = &[
    "Prostate biopsy: {gleason}. Signed by {dr} on {date}.",
    "Bone marrow: findings consistent with {heme_dx}; flow cytometry sent. Signed by {clin}, {dt}.",
    "Cervical cytology: {bethesda}. Reviewed by {dr}; screened by {tech}.",
];

/// Notes without PHI: what precision is measured on.
const CLEAN: &[&str] = &[
    "Hemolyzed specimen; potassium may be falsely elevated. {word}",
    "{lab}. {lab}. Delta check reviewed, consistent with prior.",
    "QNS for full panel; {test} prioritized per protocol. {word}",
    "{word} {lab}. {word}",
    "Reagent lot {lot} in use; QC within limits. Results released at {time}.",
    "Specimen from outreach site in {state}; transit {hours} h at ambient temperature, results may be affected.",
    "Hx {eponym}; on {drug}. {lab}, {lab}.",
    "Sibling donor, {young_age} {sibling}, HLA typing pending; {stain} negative.",
    "BP {bp} at draw. {score}. {word}",
];

/// Main templates by weight (out of about 100).
#[rustfmt::skip]
const KINDS: &[(usize, &[&str])] = &[
    (13, CRITICAL), (9, SPECIMEN), (7, REDRAW), (9, DEMOGRAPHICS), (6, ADDRESS), (6, INSURANCE), (5, DEVICE),
    (3, VEHICLE), (6, IT), (4, EMAIL), (3, SSN), (4, CUSTODY), (4, FAX), (4, FAMILY), (4, AGE), (4, ADDON), (5, MICRO),
    (2, PATHOLOGY), (7, CLEAN),
];

/// Sentences added to a note, each with a distractor.
const NOISE: &[&str] = &[
    "{lab}.",
    "{lab}, {lab}.",
    "BP {bp} at time of draw.",
    "{titer}.",
    "Light blue top only {fraction} full.",
    "Hx {eponym}, dx in {year}.",
    "On {drug}.",
    "{score}.",
    "Reagent lot {lot} in use.",
    "Reported under LOINC {loinc}.",
    "Confirmation sent to {hosp}.",
    "{word}",
    "{word}",
    "{role_cap} aware at {time}.",
    "Outreach specimen, {state}.",
    "Sibling donor: {young_age} {sibling}.",
    "Analyzer firmware {firmware} in use.",
    "{stain} reviewed.",
    "Followed in {clinic} since {year}.",
];

/// Sentences added to a note, each with PHI behind a cue.
const EXTRA: &[&str] =
    &["Callback {cphone}.", "Collected {dt}.", "{acc}.", "Verified by {tech}.", "Received in lab {dt}.", "Per {dr}."];

/// Sentences for seeded notes only: the patient without a cue (or the MRN or phone in another format).
const BARE: &[&str] = &[
    "{pt_bare} tolerated venipuncture poorly, 2 attempts.",
    "Recollect {pt_bare} in AM, fasting.",
    "{pt_bare} left before the second tube was drawn.",
    "Second label printed for {pt_bare}, original discarded.",
    "{pt_bare} prefers the left arm.",
    "Results mailed, {pt_bare} aware.",
    "{mrn_bare} relabeled after ADT merge.",
    "Reached at {phone} after two attempts.",
];

// ---------------------------------------------------------------------------------------------------------------
// Distractor vocabulary.

/// `(name, low, high, unit, decimals)`.
type Measure = (&'static str, f64, f64, &'static str, usize);

#[rustfmt::skip]
const CRITICAL_VALUES: &[Measure] = &[
    ("K", 6.2, 7.9, "mmol/L", 1), ("Potassium", 2.0, 2.8, "mmol/L", 1), ("Glucose", 25.0, 45.0, "mg/dL", 0),
    ("Glucose", 450.0, 800.0, "mg/dL", 0), ("Na", 110.0, 119.0, "mmol/L", 0), ("Sodium", 161.0, 170.0, "mEq/L", 0),
    ("Hgb", 4.5, 6.5, "g/dL", 1), ("Plt", 5.0, 19.0, "x10^3/uL", 0), ("INR", 5.1, 9.8, "", 1),
    ("Troponin I", 0.5, 12.0, "ng/mL", 2), ("Lactate", 4.1, 9.0, "mmol/L", 1), ("Ca", 13.1, 15.5, "mg/dL", 1),
    ("WBC", 30.5, 88.0, "x10^3/uL", 1), ("pH", 7.01, 7.19, "", 2), ("Vancomycin trough", 25.0, 45.0, "ug/mL", 1),
    ("Digoxin", 2.1, 4.0, "ng/mL", 1), ("Lithium", 1.6, 3.2, "mmol/L", 1), ("aPTT", 100.0, 150.0, "sec", 0),
    ("Fibrinogen", 40.0, 90.0, "mg/dL", 0), ("Ammonia", 110.0, 250.0, "umol/L", 0),
];

#[rustfmt::skip]
const LABS: &[Measure] = &[
    ("Glucose", 70.0, 180.0, "mg/dL", 0), ("Creatinine", 0.5, 3.5, "mg/dL", 2), ("Hemoglobin", 8.0, 16.0, "g/dL", 1),
    ("WBC", 3.0, 18.0, "x10^3/uL", 1), ("INR", 0.9, 3.5, "", 1), ("TSH", 0.1, 8.0, "mIU/L", 2),
    ("HbA1c", 5.0, 11.0, "%", 1), ("BUN", 7.0, 60.0, "mg/dL", 0), ("ALT", 10.0, 300.0, "U/L", 0),
    ("CRP", 0.5, 120.0, "mg/L", 1), ("Ferritin", 8.0, 900.0, "ng/mL", 0), ("eGFR", 15.0, 110.0, "mL/min/1.73m2", 0),
    ("Hematocrit", 24.0, 50.0, "%", 1), ("Magnesium", 1.2, 2.8, "mg/dL", 1), ("hs-Troponin T", 3.0, 90.0, "ng/L", 0),
    ("Bilirubin, total", 0.2, 6.0, "mg/dL", 1), ("Albumin", 2.0, 5.0, "g/dL", 1),
    ("Heparin anti-Xa", 0.1, 1.1, "IU/mL", 2),
];

#[rustfmt::skip]
const EPONYMS: &[&str] = &[
    "Hodgkin lymphoma", "Addison's disease", "Crohn's disease", "Cushing syndrome", "Hashimoto thyroiditis",
    "Graves disease", "Wilson disease", "von Willebrand disease", "Waldenström macroglobulinemia", "Sjögren syndrome",
    "Parkinson's disease", "Gilbert syndrome", "Kawasaki disease", "Guillain-Barré syndrome",
    "CML, Philadelphia chromosome positive", "Down syndrome",
];

#[rustfmt::skip]
const STAINS: &[&str] = &[
    "Gram stain", "Wright stain", "Giemsa stain", "Ziehl-Neelsen stain", "Acid-fast stain", "Coombs test",
    "Westergren ESR", "Bence Jones protein",
];

#[rustfmt::skip]
const SMEARS: &[&str] = &[
    "Howell-Jolly bodies present", "Döhle bodies and toxic granulation", "Auer rods seen, hematopathology review",
    "Pelger-Huët cells noted", "schistocytes 2+", "rouleaux formation",
];

#[rustfmt::skip]
const GRAMS: &[&str] = &[
    "gram-positive cocci in clusters", "gram-negative rods", "gram-positive cocci in chains", "yeast seen",
    "gram-negative diplococci",
];

#[rustfmt::skip]
const DRUGS: &[&str] = &[
    "Warfarin 5 mg daily", "Heparin drip 18 units/kg/h", "Metformin 1000 mg BID", "Lisinopril 20 mg",
    "Vancomycin 1 g q12h", "Enoxaparin 40 mg SC", "Levothyroxine 88 mcg", "Digoxin 0.125 mg", "Apixaban 5 mg BID",
    "Tacrolimus 2 mg BID", "Lithium carbonate 300 mg TID",
];

#[rustfmt::skip]
const SCORES: &[&str] = &[
    "Gleason 3+4=7 (Grade Group 2)", "Gleason 4+3=7, Grade Group 3", "Nottingham grade 2", "WHO grade 3", "Apgar 8/9",
    "Tumor grade 2 of 3", "Rh negative, 2/2 units crossmatched",
];

const GRAM_STAINS: &[&str] = &["Gram stain", "Gram stain (direct smear)", "CSF Gram stain", "Gram stain of wound swab"];
const GLEASON: &[&str] =
    &["Gleason 3+3=6 (Grade Group 1)", "Gleason 3+4=7 (Grade Group 2)", "Gleason 4+3=7, Grade Group 3"];
#[rustfmt::skip]
const HEME_DX: &[&str] = &[
    "Hodgkin lymphoma", "Burkitt lymphoma", "Waldenström macroglobulinemia", "CML, Philadelphia chromosome positive",
    "Richter transformation of CLL", "Langerhans cell histiocytosis",
];
const CLINICS: &[&str] = &["anticoagulation clinic", "oncology clinic", "the dialysis unit", "transplant clinic"];
const BETHESDA: &[&str] = &["NILM", "ASC-US, HPV reflex sent", "LSIL", "HSIL, colposcopy advised"];

#[rustfmt::skip]
const HOSPITALS: &[&str] = &[
    "Northwind Medical Center", "Contoso Reference Laboratory", "St. Mary's Hospital", "Mercy Regional",
    "Fabrikam Children's Hospital", "Lincoln Memorial Hospital", "Mayo Clinic Laboratories", "ARUP Laboratories",
];

const ROLES: &[&str] =
    &["the physician", "the ordering provider", "charge RN", "the MD on call", "the covering resident", "RN"];

const ROLES_CAP: &[&str] = &["Charge RN", "The physician", "Ordering provider", "MD on call", "Unit clerk", "RN"];

const UNITS: &[&str] = &["4 West", "MICU", "ED", "L&D", "5 North", "oncology clinic", "dialysis unit"];

const LOINCS: &[&str] = &["2345-7", "2823-3", "718-7", "2160-0", "6690-2", "777-3", "4548-4", "1742-6", "34714-6"];

/// Surnames and given names used as words, months alone, and other capitalised traps.
#[rustfmt::skip]
const WORDS: &[&str] = &[
    "Brown urine, cloudy.", "White blood cells clumped on smear.", "Young adult reference interval applied.",
    "Will call with final result.", "May repeat in AM if still elevated.", "Gray top tube required for lactate.",
    "Green top received instead of gold top.", "Rose-colored serum, possible hemolysis.", "Long transport time noted.",
    "Little clot seen in lavender top.", "Frank hematuria reported.", "Gene panel pending at reference lab.",
    "Mark specimen as STAT.", "Black stool, guaiac positive.", "Hope to finalize by noon.", "April QC schedule posted.",
    "Dawn draw round missed.", "Grant-funded study tube, research use only.",
];

#[rustfmt::skip]
const TITERS: &[&str] = &[
    "ANA titer 1:320, speckled pattern", "ANA 1:1280, homogeneous", "RPR reactive 1:8", "Cold agglutinin titer 1:512",
    "ASO titer 400 IU/mL",
];

const FRACTIONS: &[&str] = &["1/2", "2/3", "3/4", "1/3"];

const TESTS: &[&str] = &["potassium", "coags", "CBC", "ammonia", "LDH", "BMP", "lactate", "lipid panel", "PTH"];

#[rustfmt::skip]
const PROBLEMS: &[&str] = &[
    "hemolyzed", "clotted", "QNS", "lipemic", "leaking in transport bag", "received unspun after 6 h",
    "drawn above IV site", "in wrong tube type",
];

const ANALYTES: &[&str] = &["hemoglobin A1c", "TSH", "Creatinine", "PSA", "Ferritin", "LDL cholesterol"];

const FIRMWARE: &[&str] = &["3.2.14", "v4.1.0", "2.08.3", "11.4.2"];

const LOT_PATTERNS: &[&str] = &["#####@", "@####-##", "####-#", "LOT##@###"];

#[rustfmt::skip]
const NOISE_LISTS: &[(&str, &[&str])] = &[
    ("eponym", EPONYMS), ("stain", STAINS), ("smear", SMEARS), ("gram", GRAMS), ("drug", DRUGS), ("score", SCORES),
    ("bethesda", BETHESDA), ("hosp", HOSPITALS), ("role", ROLES), ("role_cap", ROLES_CAP),
    ("unit", UNITS), ("loinc", LOINCS), ("word", WORDS), ("titer", TITERS), ("fraction", FRACTIONS), ("test", TESTS),
    ("problem", PROBLEMS), ("analyte", ANALYTES), ("firmware", FIRMWARE), ("hindex", &["2+", "3+", "4+"]),
    ("problem_cap", &["Hemolyzed", "Clotted", "QNS", "Lipemic", "Icteric", "Unlabeled", "Leaking"]),
    ("gram_stain", GRAM_STAINS), ("gleason", GLEASON), ("heme_dx", HEME_DX), ("clinic", CLINICS),
];

// ---------------------------------------------------------------------------------------------------------------
// Identifier shapes. In patterns `#` is a digit, `@` a letter (no I, O, Q), `%` either; the rest is literal.

const MRN_PATTERNS: &[&str] = &["########", "#######", "E#######", "M########", "00######"];
const MRN_CUES: &[&str] = &["MRN ", "MRN: ", "MRN#", "MR# ", "Med Rec #", "medical record no. ", "MRN "];
const SSN_CUES: &[&str] = &["SSN ", "SSN: ", "SS# ", "Social Security No. ", "SSN#"];

/// `(cue, pattern)`.
type Cued = &'static [(&'static str, &'static str)];

/// Payers (organisations, not PHI) and the member-ID shapes each issues.
#[rustfmt::skip]
const PAYERS: &[(&str, Cued)] = &[
    ("Blue Cross Blue Shield of Illinois", &[("Member ID ", "@@@#########"), ("Member #: ", "@@@#########")]),
    ("Aetna", &[("Member ID ", "W#########"), ("member id ", "W#########")]),
    ("Cigna", &[("Member ID ", "U########-01"), ("Policy # ", "U########-02")]),
    ("UnitedHealthcare", &[("Member ID ", "#########"), ("Subscriber ID ", "##########")]),
    ("Humana Gold Plus", &[("Member ID ", "H########"), ("member #", "H########")]),
    ("Medicare Part B", &[("Medicare MBI ", "#@%#-@%#-@@##"), ("MBI ", "#@%#@%#@@##")]),
    ("Illinois Medicaid", &[("Medicaid ID ", "#########"), ("recipient ID ", "#########")]),
    ("Tricare", &[("DoD benefits no. ", "###########"), ("sponsor ID ", "##########")]),
];
#[rustfmt::skip]
const ACCOUNTS: Cued = &[
    ("Acct # ", "##########"), ("Acct#", "##########"), ("Account: ", "####-#####"), ("billing acct ", "#########"),
    ("HAR ", "#########"), ("FIN ", "##########"), ("guarantor account ", "G########"),
];
#[rustfmt::skip]
const ACCESSIONS: Cued = &[
    ("Accession # ", "##-CH-######"), ("Accession: ", "W##########"), ("Acc# ", "@##-######"),
    ("Accession no. ", "##@########"),
];
const SPECIMEN_IDS: Cued =
    &[("Specimen ID ", "S##-######"), ("Specimen #", "##########"), ("Container ID ", "@@########")];
const ORDERS: Cued = &[("Order # ", "ORD#######"), ("Order ID ", "#########"), ("Req # ", "R######")];
#[rustfmt::skip]
const LICENSES: Cued = &[
    ("driver's license IL ", "@###-####-####"), ("DL# ", "@###-####-####"), ("IL DL ", "@###-####-####"),
    ("WI driver license ", "@###-####-####-##"), ("CA DL ", "@#######"), ("NY DL ", "### ### ###"),
    ("state ID card ", "@###-####-####"), ("Indiana DL ", "####-##-####"),
];
const NURSE_LICENSES: Cued = &[("RN lic. ", "041.######"), ("license #", "041-######"), ("MLS license ", "160.######")];
#[rustfmt::skip]
const PLATES: Cued = &[
    ("plate ", "@@@ ####"), ("license plate ", "#@@@###"), ("IL plate ", "@@ #####"), ("tag ", "@@#####"),
    ("plate ", "### ####"),
];
const SERIAL_CUES: &[&str] = &["serial ", "S/N ", "serial no. ", "SN: ", "device ID ", "serial #"];

/// `(kind, models, serial patterns)`.
type Device = (&'static str, &'static [&'static str], &'static [&'static str]);

const DEVICES: &[Device] = &[
    (
        "pacemaker",
        &["Medtronic Azure XT DR", "Abbott Assurity MRI", "Boston Scientific Accolade"],
        &["PM-#####", "@@@######@", "RNB######"],
    ),
    ("ICD", &["Medtronic Cobalt XT", "Boston Scientific Resonate EL"], &["@@@######@", "#######"]),
    ("insulin pump", &["MiniMed 780G", "Tandem t:slim X2", "Omnipod 5"], &["#@@-#####", "NG#######H", "@#######"]),
    ("CGM transmitter", &["Dexcom G7", "FreeStyle Libre 3", "Guardian 4"], &["%%%%%%", "#@#@@#"]),
    ("LVAD", &["HeartMate 3"], &["HM3-#####", "MLP######"]),
    ("cochlear implant", &["Cochlear Nucleus 8", "Advanced Bionics HiRes Ultra 3D"], &["@@#######", "####-####"]),
    ("hypoglossal nerve stimulator", &["Inspire IV"], &["@@########"]),
    ("spinal cord stimulator", &["Nevro HFX"], &["NIPG######"]),
];

const VIN_PREFIXES: &[&str] = &["1HG", "1FT", "2T1", "3VW", "5YJ", "JN1", "WBA", "1G1", "4T1", "KMH"];
const VIN_CUES: &[&str] = &["VIN ", "VIN: ", "VIN#"];

#[rustfmt::skip]
const AREA_CODES: &[&str] = &[
    "217", "309", "312", "618", "630", "708", "773", "815", "847", "224", "331", "779", "414", "608", "317", "314",
    "319", "515", "612", "262",
];
const FAX_CUES: &[&str] = &["Fax: ", "Fax ", "fax ", "FAX# ", "fax no. "];

const EMAIL_DOMAINS: &[&str] =
    &["gmail.com", "yahoo.com", "icloud.com", "outlook.com", "comcast.net", "aol.com", "sbcglobal.net", "uiuc.edu"];
const STAFF_DOMAINS: &[&str] = &["northwindhealth.org", "contoso-lab.com", "fabrikamclinics.org", "med.tailspin.edu"];
const URL_ORGS: &[&str] = &["northwindhealth", "contosolab", "fabrikamclinics", "lakesidelabs", "tailspinhealth"];

/// `(city, state abbreviation, state, first three ZIP digits)`.
#[rustfmt::skip]
const PLACES: &[(&str, &str, &str, &str)] = &[
    ("Springfield", "IL", "Illinois", "627"), ("Peoria", "IL", "Illinois", "616"), ("Chicago", "IL", "Illinois", "606"),
    ("Normal", "IL", "Illinois", "617"), ("Champaign", "IL", "Illinois", "618"), ("Decatur", "IL", "Illinois", "625"),
    ("Rockford", "IL", "Illinois", "611"), ("Naperville", "IL", "Illinois", "605"), ("Aurora", "IL", "Illinois", "605"),
    ("Marion", "IL", "Illinois", "629"), ("Carbondale", "IL", "Illinois", "629"), ("Evanston", "IL", "Illinois", "602"),
    ("Oak Park", "IL", "Illinois", "603"), ("Bloomington", "IL", "Illinois", "617"),
    ("Quincy", "IL", "Illinois", "623"), ("Joliet", "IL", "Illinois", "604"), ("Urbana", "IL", "Illinois", "618"),
    ("Mount Vernon", "IL", "Illinois", "628"), ("Madison", "WI", "Wisconsin", "537"),
    ("Milwaukee", "WI", "Wisconsin", "532"), ("Green Bay", "WI", "Wisconsin", "543"),
    ("St. Louis", "MO", "Missouri", "631"), ("Indianapolis", "IN", "Indiana", "462"),
    ("Fort Wayne", "IN", "Indiana", "468"), ("Des Moines", "IA", "Iowa", "503"), ("Ann Arbor", "MI", "Michigan", "481"),
    ("Warren", "MI", "Michigan", "480"), ("Philadelphia", "PA", "Pennsylvania", "191"),
    ("Wilkes-Barre", "PA", "Pennsylvania", "187"), ("Lincoln", "NE", "Nebraska", "685"),
    ("Jackson", "MS", "Mississippi", "392"), ("Florence", "AL", "Alabama", "356"), ("Tyler", "TX", "Texas", "757"),
    ("San Antonio", "TX", "Texas", "782"), ("Santa Fe", "NM", "New Mexico", "875"),
    ("Española", "NM", "New Mexico", "875"), ("Honolulu", "HI", "Hawaii", "968"), ("Anchorage", "AK", "Alaska", "995"),
    ("Coeur d'Alene", "ID", "Idaho", "838"), ("Winston-Salem", "NC", "North Carolina", "271"),
    ("Charleston", "WV", "West Virginia", "253"), ("Eugene", "OR", "Oregon", "974"), ("Troy", "NY", "New York", "121"),
    ("Sioux Falls", "SD", "South Dakota", "571"),
];

#[rustfmt::skip]
const STREETS: &[&str] = &[
    "Elm", "Oak", "Maple", "Washington", "Lincoln", "Main", "Park", "Cedar", "Walnut", "Jefferson", "Madison", "Monroe",
    "3rd", "21st", "Martin Luther King Jr", "Old Orchard", "Sangamon", "Prairie View", "Lake Shore", "Cottage Grove",
    "Lakeview", "Riverside", "Willow Creek", "Wabash", "Ashland", "Halsted", "Kamehameha", "Veterans", "Saint Paul",
    "Dr. Martin Luther King",
];
#[rustfmt::skip]
const SUFFIXES: &[&str] = &[
    "St", "Street", "Ave", "Avenue", "Rd", "Road", "Blvd", "Dr", "Drive", "Ln", "Ct", "Way", "Pl", "Pkwy", "Ter", "Cir",
];
const DIRECTIONS: &[&str] = &["N", "S", "E", "W", "North", "SW"];
const UNIT_PATTERNS: &[&str] = &["Apt #@", "Apt. ###", "Unit #", "Fl #", "Suite ###", "Lot ##", "Apt #-@"];

// ---------------------------------------------------------------------------------------------------------------
// People. Common names are frequent US first names and surnames; rare ones are of varied origin and absent from
// the common lists (a test checks), and some are invented on the spot. `_` stands for a space inside a name.

const FEMALE: &str = "
    Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy Betty Sandra Margaret Ashley
    Kimberly Emily Donna Michelle Carol Amanda Melissa Deborah Stephanie Dorothy Rebecca Sharon Laura Cynthia Amy
    Kathleen Angela Shirley Brenda Emma Anna Pamela Nicole Samantha Katherine Christine Helen Debra Rachel Carolyn
    Janet Maria Catherine Heather Diane Olivia Julie Joyce Victoria Ruth Virginia Lauren Kelly Christina Joan Evelyn
    Judith Andrea Hannah Megan Cheryl Jacqueline Martha Madison Teresa Gloria Sara Janice Ann Kathryn Abigail Sophia
    Frances Jean Alice Judy Isabella Julia Grace Amber Denise Danielle Marilyn Beverly Charlotte Natalie Theresa Diana
    Brittany Doris Kayla Alexis Lori Marie Tiffany Jane Rose Peggy Ruby Crystal Dawn Hope Faith Joy June April May
    Summer Iris Tammy Wanda Yolanda Rosa Guadalupe Lucia Carmen Ana Jasmine Destiny Aaliyah Ebony Latoya Keisha Mei
    Linh Priya Fatima Aisha Leah Chloe Ava Mia Harper Ella Zoe Lily Nora Hazel Violet Savannah Brooklyn Paige Misty
    Shelby Jill Gail Connie Sue Lynn Vicki Tina Wendy Erin Holly Kristen Kendra Monica Veronica Alicia Erica Tanya
    Regina Paula Lois Norma Marjorie Irene Eleanor Edith Mildred Lucille Bonnie Ellen Stella Vera";

const MALE: &str = "
    James Robert John Michael David William Richard Joseph Thomas Christopher Charles Daniel Matthew Anthony Mark
    Donald Steven Andrew Paul Joshua Kenneth Kevin Brian George Timothy Ronald Jason Edward Jeffrey Ryan Jacob Gary
    Nicholas Eric Jonathan Stephen Larry Justin Scott Brandon Benjamin Samuel Gregory Alexander Patrick Frank Raymond
    Jack Dennis Jerry Tyler Aaron Jose Adam Nathan Henry Zachary Douglas Peter Kyle Noah Ethan Jeremy Walter Christian
    Keith Roger Terry Austin Sean Gerald Carl Harold Dylan Arthur Lawrence Jordan Jesse Bryan Billy Bruce Gabriel Joe
    Logan Alan Juan Albert Willie Elijah Wayne Randy Vincent Mason Roy Ralph Bobby Russell Bradley Philip Eugene Louis
    Harry Howard Fred Carlos Luis Miguel Jorge Ricardo Jesus Manuel Victor Marcus Darnell Tyrone DeShawn Jamal Andre
    Malik Hunter Chase Wade Dean Grant Miles Gene Art Bill Earl Glenn Leon Lloyd Floyd Clarence Herbert Eddie Curtis
    Craig Todd Shane Derek Troy Cody Travis Brett Luke Owen Caleb Isaac Levi Wyatt Carter Hector Raul Omar Ahmed Ali
    Wei Minh Tuan Raj Sanjay Hiroshi Kenji";

const SURNAMES: &str = "
    Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson Anderson
    Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker
    Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell
    Carter Roberts Gomez Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy
    Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson
    Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers Long Ross
    Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson Barnes Gonzales Fisher Vasquez
    Simmons Romero Jordan Patterson Alexander Hamilton Graham Reynolds Griffin Wallace Moreno West Cole Hayes Bryant
    Herrera Gibson Ellis Tran Medina Aguilar Stevens Murray Ford Castro Marshall Owens Harrison Fernandez McDonald
    Woods Washington Kennedy Wells Vargas Henry Chen Freeman Webb Tucker Guzman Burns Crawford Olson Simpson Porter
    Hunter Gordon Mendez Silva Shaw Snyder Mason Dixon Munoz Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd Rose
    Stone Salazar Fox Warren Mills Meyer Rice Schmidt Garza Daniels Ferguson Nichols Stephens Soto Weaver Ryan Gardner
    Payne Grant Dunn Kelley Spencer Hawkins Arnold Pierce Vazquez Hansen Peters Santos Hart Bradley Knight Elliott
    Cunningham Duncan Armstrong Hudson Carroll Lane Riley Andrews Alvarado Ray Delgado Berry Perkins Hoffman Johnston
    Matthews Pena Richards Contreras Willis Carpenter Lawrence Sandoval Guerrero George Chapman Rios Estrada Ortega
    Watkins Greene Nunez Wheeler Valdez Harper Burke Larson Santiago Maldonado Morrison Franklin Carlson Austin
    Dominguez Carr Lawson Jacobs O'Brien Lynch Singh Vega Bishop Montgomery Oliver Jensen Harvey Williamson Gilbert
    Dean Sims Espinoza Howell Li Wong Reid Hanson Le McCoy Garrett Burton Fuller Wang Weber Welch Rojas Lucas Marquez
    Fields Park Yang Little Banks Padilla Day Walsh Bowman Schultz Luna Fowler Mejia Davidson Acosta Brewer May
    Holland Juarez Newman Pearson Curtis Cortez Douglas Schneider Joseph Barrett Navarro Figueroa Keller Avila Wade
    Molina Stanley Hopkins Campos Barnett Bates Chambers Caldwell Beck Lambert Miranda Byrd Craig Ayala Lowe Frazier
    Powers Neal Leonard Gregory Carrillo Sutton Fleming Rhodes Shelton Schwartz Norris Jennings Watts Duran Walters
    Cohen McDaniel Moran Parks Steele Vaughn Becker Holt DeLeon Barker Terry Hale Leon Benson Haynes Horton Miles
    Lyons Pham Graves Bush Thornton Wolfe Warner Cabrera McKinney Mann Zimmerman Dawson Lara Fletcher Page McCarthy
    Love O'Connor D'Angelo Smith-Jones Garcia-Lopez Doe";

const RARE_FEMALE: &str = "
    Zyrelle Tavita Chidinma Ngozi Adaeze Thandiwe Mele Aroha Saoirse Siobhán Caoimhe Dagny Solveig Aino Agnieszka
    Milica Vesna Erzsébet Anahit Nodira Dilnoza Aigerim Oyunchimeg Nguyệt Phượng Rajeshwari Yusra Asel Citlali
    Xochitl Quetzalli Nizhoni Ayasha Aputi Quorianne Thessaly Ileyna Marivette Zoë Ngaio Wairimu Akosua Efua Afua
    Zawadi Pema Dechen Sunniva Ylva Hjördis Ottilie Brunhilde Mahealani Leota Fetu";

const RARE_MALE: &str = "
    Siosaia Keoni Makana Wiremu Tamatea Oisín Torbjørn Bjørn Eero Jyrki Wojciech Grzegorz Przemysław Dragoslav
    Zoltán Vardan Tigran Bakhyt Temuulen Batbayar Khánh Venkatesh Thirumalai Ghaith Faraj Tlaloc Ahanu Takoda
    Nukilik Vantrel Draxen Joriel Oluwaseun Nkosana Kwabena Chukwuemeka Obinna Tendai Tafadzwa Ikaika Kaimana Sefo
    Tevita Ruairí Dónal Gwilym Iestyn Þorvaldur Eyvindur Kęstutis Algirdas Jānis Aivars Tõnu Mihkel Davron Ulugbek";

const RARE_SURNAMES: &str = "
    Okonkwo-Baptiste Fualaau Tuilagi Faleolo Kamakau Kealoha Nakoa Ngata Tshabalala Mokoena Dlamini Nwachukwu
    Eze-Udoh Oyelaran Adebayo-Cole Abiodun Ó_Súilleabháin Ní_Bhriain Przybylski Wojciechowska Szczepańska
    Brzęczyszczykiewicz Vaitkevičius Žemaitytė Kovačević Đorđević Hadžić Mkrtchyan Ter-Petrosyan Batmönkh
    Tserendorj Abdukhalikov Nurmagambetova Khudaiberdiev Tsosie Begaye Attakai Etsitty Quispe_Mamani Huamán Condori
    Thirunavukkarasu Venkataraman Balasubramanian Bhattacharjee Gangopadhyay Wickramasinghe Jayawardena
    Nakashima-Ortiz Nguyễn-Trần Đặng Lưu Sithole Kgosana Mthembu Zondi Ødegård Løkken Håkansson Fjeldstad Väänänen
    Kärkkäinen Hämäläinen Guðmundsdóttir Þórsson al-Khouri Al-Saadi Tahboub Abergel van_der_Berg Ten_Hoeve Oyedepo
    Mbeki-Ntuli Asantewaa Owusu-Ansah Wanjiru Chinwuba Aoyagi Higashikawa Tokunaga-Reyes Kahananui Kaleikini
    Vantrellis Quorrindale Thistlecombe Zandervelt Ferrowyn";

const ONSETS: &[&str] = &["Z", "Qu", "Th", "V", "X", "Dr", "Kh", "Y", "Ly", "Br", "Sh", "Tr", "J", "M", "N", "K", "Fe"];
const NUCLEI: &[&str] = &["a", "e", "i", "o", "u", "ae", "ai", "ey", "y", "ou"];
const CODAS: &[&str] = &["", "n", "l", "r", "x", "th", "s", "lle", "nne", "ra", "vel", "rin", "quist"];

/// Relations and the sex they imply.
#[rustfmt::skip]
const RELATIONS: &[(&str, Option<bool>)] = &[
    ("daughter", Some(true)), ("son", Some(false)), ("husband", Some(false)), ("wife", Some(true)),
    ("mother", Some(true)), ("father", Some(false)), ("sister", Some(true)), ("brother", Some(false)),
    ("caregiver", None), ("POA", None), ("niece", Some(true)), ("grandson", Some(false)),
];

/// The name lists, split once.
struct Names {
    female: Vec<&'static str>,
    male: Vec<&'static str>,
    surnames: Vec<&'static str>,
    rare_female: Vec<&'static str>,
    rare_male: Vec<&'static str>,
    rare_surnames: Vec<&'static str>,
}

fn names() -> &'static Names {
    static NAMES: OnceLock<Names> = OnceLock::new();
    NAMES.get_or_init(|| Names {
        female: FEMALE.split_whitespace().collect(),
        male: MALE.split_whitespace().collect(),
        surnames: SURNAMES.split_whitespace().collect(),
        rare_female: RARE_FEMALE.split_whitespace().collect(),
        rare_male: RARE_MALE.split_whitespace().collect(),
        rare_surnames: RARE_SURNAMES.split_whitespace().collect(),
    })
}

#[derive(Debug, Clone)]
struct Person {
    given: String,
    middle: String,
    family: String,
    female: bool,
    /// A rare or invented family name.
    rare: bool,
}

/// How a name is written.
#[derive(Debug, Clone, Copy)]
enum Form {
    /// `Jane Doe`
    Full,
    /// `Jane A. Doe`
    MiddleInitial,
    /// `Jane Ann Doe`
    Middle,
    /// `J. Doe`
    Initial,
    /// `Doe, Jane`
    LastFirst,
    /// `Doe, Jane A.`
    LastFirstInitial,
    /// `DOE, JANE`
    LastFirstCaps,
    /// `JANE DOE`
    Caps,
    /// `jane doe`
    Lower,
    /// `DOE JANE`
    ReversedCaps,
    /// `Doe` (after a title)
    Family,
}

#[rustfmt::skip]
const PATIENT_FORMS: &[Form] = &[
    Form::Full, Form::Full, Form::Full, Form::MiddleInitial, Form::MiddleInitial, Form::Middle, Form::LastFirst,
    Form::LastFirstInitial, Form::LastFirstCaps, Form::LastFirstCaps, Form::Caps, Form::Initial,
];
const STAFF_FORMS: &[Form] = &[Form::Full, Form::Full, Form::Full, Form::MiddleInitial, Form::Initial, Form::Caps];
const BARE_FORMS: &[Form] = &[Form::LastFirstCaps, Form::Lower, Form::Caps, Form::ReversedCaps, Form::Family];

fn render(p: &Person, form: Form) -> String {
    let initial = |s: &str| s.chars().next().map(String::from).unwrap_or_default();
    let full = format!("{} {}", p.given, p.family);
    match form {
        Form::Full => full,
        Form::MiddleInitial => format!("{} {}. {}", p.given, initial(&p.middle), p.family),
        Form::Middle => format!("{} {} {}", p.given, p.middle, p.family),
        Form::Initial => format!("{}. {}", initial(&p.given), p.family),
        Form::LastFirstInitial => format!("{}, {} {}.", p.family, p.given, initial(&p.middle)),
        Form::LastFirst => format!("{}, {}", p.family, p.given),
        Form::LastFirstCaps => format!("{}, {}", p.family, p.given).to_uppercase(),
        Form::Caps => full.to_uppercase(),
        Form::Lower => full.to_lowercase(),
        Form::ReversedCaps => format!("{} {}", p.family, p.given).to_uppercase(),
        Form::Family => p.family.clone(),
    }
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Lower-case ASCII for an email local part: diacritics folded, other characters dropped.
fn slug(s: &str) -> String {
    const FOLDS: &[(&str, char)] = &[
        ("áàâäãåāąạảấầẩẫậắằẳẵặă", 'a'),
        ("éèêëēęěėễệếềể", 'e'),
        ("íìîïīịỉ", 'i'),
        ("óòôöõøōọỏốồổỗộớờởỡợơ", 'o'),
        ("úùûüūůụủứừửữựư", 'u'),
        ("ñń", 'n'),
        ("çćč", 'c'),
        ("šś", 's'),
        ("žźż", 'z'),
        ("ł", 'l'),
        ("đð", 'd'),
        ("þ", 't'),
        ("ýÿ", 'y'),
    ];
    let fold = |c: char| FOLDS.iter().find(|(from, _)| from.contains(c)).map(|(_, to)| *to);
    s.to_lowercase().chars().filter_map(|c| if c.is_ascii_alphanumeric() { Some(c) } else { fold(c) }).collect()
}

// ---------------------------------------------------------------------------------------------------------------
// Dates.

#[derive(Debug, Clone, Copy)]
struct Date {
    y: usize,
    m: usize,
    d: usize,
    hh: usize,
    mi: usize,
}

#[rustfmt::skip]
const MONTHS: [&str; 12] = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
];

/// Formats of a birth date, of an event date, of an event date and time, and year-less ones (after `on`).
const BIRTH_FORMATS: &[u8] = &[0, 1, 2, 3, 3, 3, 4, 6, 7, 8, 9, 11, 13, 14];
const EVENT_FORMATS: &[u8] = &[0, 1, 2, 3, 3, 4, 5, 5, 6, 7, 7, 8, 9, 10, 11, 12, 13, 14];
const TIMED_FORMATS: &[u8] = &[20, 21, 22, 22, 23, 24, 25, 26, 3, 5, 7];
const SHORT_FORMATS: &[u8] = &[30, 30, 31, 32, 33, 3, 4, 5, 7, 1, 10];

fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn date_text(w: Date, format: u8) -> String {
    let Date { y, m, d, hh, mi } = w;
    let month = MONTHS.get(m.saturating_sub(1)).copied().unwrap_or("January");
    let mon = month.get(..3).unwrap_or(month);
    let yy = y % 100;
    let (h12, meridiem) = (if hh % 12 == 0 { 12 } else { hh % 12 }, if hh < 12 { "AM" } else { "PM" });
    match format {
        0 => format!("{month} {d}, {y}"),
        1 => format!("{mon} {d}, {y}"),
        2 => format!("{d} {month} {y}"),
        3 => format!("{m:02}/{d:02}/{y}"),
        4 => format!("{m}/{d}/{y}"),
        5 => format!("{m}/{d}/{yy:02}"),
        6 => format!("{d:02}-{mon}-{y}"),
        7 => format!("{y}-{m:02}-{d:02}"),
        8 => format!("{}.{m}.{y}", if d > 12 { d } else { d + 12 }),
        9 => format!("{} of {month} {y}", ordinal(d)),
        10 => format!("{mon} {d}, {yy:02}"),
        11 => format!("{y}{m:02}{d:02}"),
        12 => format!("{month} {y}"),
        13 => format!("{d:02}{}{y}", mon.to_uppercase()),
        14 => format!("{month} {} {y}", ordinal(d)),
        20 => format!("{y}-{m:02}-{d:02}T{hh:02}:{mi:02}"),
        21 => format!("{y}-{m:02}-{d:02}T{hh:02}:{mi:02}:{:02}-05:00", (mi * 7) % 60),
        22 => format!("{m:02}/{d:02}/{y} {hh:02}:{mi:02}"),
        23 => format!("{m}/{d}/{yy:02} {hh:02}{mi:02}"),
        24 => format!("{y}-{m:02}-{d:02} {hh:02}:{mi:02}"),
        25 => format!("{d:02}-{mon}-{y} {hh:02}:{mi:02}"),
        26 => format!("{mon} {d}, {y} {h12}:{mi:02} {meridiem}"),
        30 => format!("{m}/{d}"),
        31 => format!("{mon} {d}"),
        32 => format!("{month} {}", ordinal(d)),
        _ => format!("{d} {mon}"),
    }
}

/// Age forms: `(prefix outside the span, unit inside it)`.
const AGE_UNITS: &[(&str, &str)] = &[
    ("", "-year-old"),
    ("", " yo"),
    ("", " yo"),
    ("", " y/o"),
    ("", "yo"),
    ("", " years old"),
    ("", " yrs"),
    ("", "y"),
];
#[rustfmt::skip]
const AGE_FORMS: &[(&str, &str)] = &[
    ("", "-year-old"), ("", " yo"), ("", " yo"), ("", " y/o"), ("", "yo"), ("", " years old"), ("", " yrs"), ("", "y"),
    ("age ", ""), ("Age: ", ""), ("aged ", ""),
];
const AGE_ADJECTIVES: &[(&str, &str)] = &[("", "-year-old"), ("", "-yr-old")];
const AGE_NUMBER: &[(&str, &str)] = &[("", "")];

// ---------------------------------------------------------------------------------------------------------------
// The generator.

/// A note under construction.
#[derive(Debug, Default)]
struct Draft {
    text: String,
    spans: Vec<PhiSpan>,
    names: usize,
    rare_names: usize,
    distractors: usize,
}

impl Draft {
    fn put(&mut self, s: &str) {
        self.text.push_str(s);
    }

    fn phi(&mut self, category: &'static str, s: &str) {
        let start = self.text.len();
        self.text.push_str(s);
        self.spans.push(PhiSpan { start, end: self.text.len(), category });
    }

    fn noise(&mut self, s: &str) {
        self.distractors += 1;
        self.text.push_str(s);
    }

    fn chars(&self) -> usize {
        self.text.chars().count()
    }

    /// Appends another sentence after a space.
    fn join(&mut self, other: Draft) {
        if !self.text.is_empty() {
            self.text.push(' ');
        }
        let offset = self.text.len();
        self.text.push_str(&other.text);
        self.spans.extend(other.spans.iter().map(|s| PhiSpan { start: s.start + offset, end: s.end + offset, ..*s }));
        self.names += other.names;
        self.rare_names += other.rare_names;
        self.distractors += other.distractors;
    }
}

#[derive(Debug, Clone, Copy)]
struct Phone {
    area: &'static str,
    exchange: usize,
    line: usize,
}

/// What the structured record knows about the note's patient.
#[derive(Debug, Clone)]
struct Record {
    person: Person,
    mrn: String,
    phone: Phone,
    dob: Date,
    age: usize,
    place: (&'static str, &'static str, &'static str, &'static str),
    zip: String,
    street: String,
    email: String,
    /// The relation of the relative a note mentions, and the sex it implies.
    kin: (&'static str, Option<bool>),
    seeded: bool,
}

struct Generator {
    rng: Lcg,
    /// Index into [`DEVICES`] of the device a note talks about.
    device: usize,
    /// Index into [`PAYERS`] of the payer a note talks about.
    payer: usize,
    /// The clinician named last, whose email `{cemail}` writes.
    last_clinician: Option<Person>,
}

impl Generator {
    fn below(&mut self, n: usize) -> usize {
        self.rng.below(n)
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.rng.below(100) < percent
    }

    /// A number in `low..=high`.
    fn range(&mut self, low: usize, high: usize) -> usize {
        low + self.rng.below(high.saturating_sub(low) + 1)
    }

    fn pick<T: Copy + Default>(&mut self, items: &[T]) -> T {
        self.rng.pick(items).copied().unwrap_or_default()
    }

    fn pick_form(&mut self, forms: &[Form]) -> Form {
        self.rng.pick(forms).copied().unwrap_or(Form::Full)
    }

    fn pattern(&mut self, pattern: &str) -> String {
        const LETTERS: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXYZ";
        const ALNUM: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
        let mut one = |set: &[u8]| set.get(self.rng.below(set.len())).copied().map(char::from).unwrap_or('0');
        pattern
            .chars()
            .map(|c| match c {
                '#' => one(b"0123456789"),
                '@' => one(LETTERS),
                '%' => one(ALNUM),
                other => other,
            })
            .collect()
    }

    fn sample(&mut self) -> Sample {
        let mut last = None;
        for _ in 0..16 {
            let record = self.record();
            let draft = self.compose(&record);
            if (MIN_CHARS..=MAX_CHARS).contains(&draft.chars()) {
                return finish(draft, &record);
            }
            last = Some((draft, record));
        }
        // Not reached in practice (a test checks the lengths); keeps the generator total.
        let (draft, record) = last.unwrap_or_else(|| (Draft::default(), self.record()));
        finish(draft, &record)
    }

    fn record(&mut self) -> Record {
        let person = self.person();
        let age = if self.chance(35) { self.range(90, 104) } else { self.range(18, 89) };
        let dob = Date { y: 2024 - age, m: self.range(1, 12), d: self.range(1, 28), hh: 0, mi: 0 };
        let mrn_pattern = self.pick(MRN_PATTERNS);
        let mrn = self.pattern(mrn_pattern);
        let phone = self.phone();
        let place = self.rng.pick(PLACES).copied().unwrap_or(("Springfield", "IL", "Illinois", "627"));
        let mut zip = format!("{}{:02}", place.3, self.below(100));
        if self.chance(20) {
            zip.push_str(&format!("-{:04}", self.below(10_000)));
        }
        let street = self.street();
        let email = self.email(&person);
        let kin = self.rng.pick(RELATIONS).copied().unwrap_or(("caregiver", None));
        let seeded = self.chance(50);
        Record { person, mrn, phone, dob, age, place, zip, street, email, kin, seeded }
    }

    /// The main template, then extra sentences (noise, PHI, and for seeded notes a mention without a cue) at
    /// random places, as long as the note stays within bounds.
    fn compose(&mut self, record: &Record) -> Draft {
        self.device = self.below(DEVICES.len());
        self.payer = self.below(PAYERS.len());
        let main = self.main_template();
        let mut sentences = vec![self.sentence(main, record)];
        let mut extras = Vec::new();
        if record.seeded && self.chance(45) {
            extras.push(self.pick(BARE));
        }
        if self.chance(35) {
            extras.push(self.pick(NOISE));
        }
        if self.chance(15) {
            extras.push(self.pick(EXTRA));
        }
        for template in extras.into_iter().take(2) {
            let sentence = self.sentence(template, record);
            let at = self.below(sentences.len() + 1);
            sentences.insert(at, sentence);
        }
        let mut note = Draft::default();
        for sentence in sentences {
            if note.chars() + 1 + sentence.chars() <= MAX_CHARS {
                note.join(sentence);
            }
        }
        for _ in 0..4 {
            if note.chars() >= MIN_CHARS {
                break;
            }
            let template = self.pick(NOISE);
            let sentence = self.sentence(template, record);
            note.join(sentence);
        }
        note
    }

    fn main_template(&mut self) -> &'static str {
        let total: usize = KINDS.iter().map(|(weight, _)| weight).sum();
        let mut roll = self.below(total);
        for (weight, templates) in KINDS {
            if roll < *weight {
                return self.pick(templates);
            }
            roll -= weight;
        }
        self.pick(CLEAN)
    }

    fn sentence(&mut self, template: &str, record: &Record) -> Draft {
        let mut draft = Draft::default();
        self.fill(template, record, &mut draft);
        draft
    }

    /// Writes a template; false if it names a slot that does not exist (a test checks every template).
    fn fill(&mut self, template: &str, record: &Record, draft: &mut Draft) -> bool {
        let mut known = true;
        let mut rest = template;
        while let Some((literal, tail)) = rest.split_once('{') {
            draft.put(literal);
            let (key, after) = tail.split_once('}').unwrap_or((tail, ""));
            known &= self.slot(key, record, draft);
            rest = after;
        }
        draft.put(rest);
        known
    }

    fn slot(&mut self, key: &str, record: &Record, draft: &mut Draft) -> bool {
        self.person_slot(key, record, draft)
            || self.contact_slot(key, record, draft)
            || self.date_slot(key, record, draft)
            || self.id_slot(key, record, draft)
            || self.noise_slot(key, draft)
    }

    // --- people -------------------------------------------------------------------------------------------------

    fn given(&mut self, female: bool, rare: bool) -> String {
        let lists = names();
        if rare && self.chance(20) {
            return self.invented(2);
        }
        let list = match (rare, female) {
            (true, true) => &lists.rare_female,
            (true, false) => &lists.rare_male,
            (false, true) => &lists.female,
            (false, false) => &lists.male,
        };
        self.pick(list).to_owned()
    }

    fn family(&mut self, rare: bool) -> String {
        let lists = names();
        if rare && self.chance(20) {
            let syllables = self.range(2, 3);
            return self.invented(syllables);
        }
        let family = self.pick(if rare { &lists.rare_surnames } else { &lists.surnames });
        family.replace('_', " ")
    }

    /// A name made of syllables, checked against the common lists.
    fn invented(&mut self, syllables: usize) -> String {
        let lists = names();
        let mut name = String::new();
        for _ in 0..4 {
            name.clear();
            for syllable in 1..=syllables {
                let onset = self.pick(ONSETS);
                name.push_str(&onset.to_lowercase());
                name.push_str(self.pick(NUCLEI));
                name.push_str(self.pick(if syllable == syllables { CODAS } else { &["", "n", "l", "r"] }));
            }
            name = capitalize(&name);
            let common = [&lists.female, &lists.male, &lists.surnames];
            if !common.iter().any(|list| list.contains(&name.as_str())) {
                break;
            }
        }
        name
    }

    fn person(&mut self) -> Person {
        let female = self.chance(50);
        self.person_of(female)
    }

    fn person_of(&mut self, female: bool) -> Person {
        let rare = self.chance(25);
        // A rare family name goes with a rare given name most of the time ("Maria Fualaau" also happens).
        let rare_given = rare && self.chance(75);
        let given = self.given(female, rare_given);
        let middle = self.given(female, false);
        let family = self.family(rare);
        Person { given, middle, family, female, rare }
    }

    fn name(&mut self, draft: &mut Draft, person: &Person, form: Form) {
        draft.phi("name", &render(person, form));
        draft.names += 1;
        draft.rare_names += usize::from(person.rare);
    }

    fn title(&mut self, draft: &mut Draft, person: &Person) {
        let title = if person.female { self.pick(&["Ms.", "Mrs.", "Ms"]) } else { self.pick(&["Mr.", "Mr"]) };
        draft.put(title);
        draft.put(" ");
    }

    fn clinician(&mut self) -> Person {
        let person = self.person();
        self.last_clinician = Some(person.clone());
        person
    }

    fn person_slot(&mut self, key: &str, record: &Record, draft: &mut Draft) -> bool {
        let patient = &record.person;
        match key {
            "pt" => {
                let form = self.pick_form(PATIENT_FORMS);
                self.name(draft, patient, form);
            }
            "pt_title" => {
                self.title(draft, patient);
                self.name(draft, patient, Form::Family);
            }
            "pt_bare" => {
                let form = self.pick_form(BARE_FORMS);
                if matches!(form, Form::Family) {
                    self.title(draft, patient);
                }
                self.name(draft, patient, form);
            }
            "clin" | "clin_rn" | "dr" | "dr_title" | "tech" => self.staff(key, draft),
            "rel" => self.relative(record, draft, record.kin.1),
            "rel_male" => self.relative(record, draft, Some(false)),
            "relation" => draft.put(record.kin.0),
            "relation_cap" => draft.put(&capitalize(record.kin.0)),
            "sex" => draft.put(if patient.female { "F" } else { "M" }),
            "sex_word" => draft.put(if patient.female { "female" } else { "male" }),
            "age" => self.age(draft, record.age, AGE_FORMS),
            "age_unit" => self.age(draft, record.age, AGE_UNITS),
            "age_adj" => self.age(draft, record.age, AGE_ADJECTIVES),
            "age_num" => self.age(draft, record.age, AGE_NUMBER),
            "young_age" => {
                let years = self.range(18, 89);
                self.age(draft, years, AGE_UNITS);
            }
            "sibling" => draft.put(self.pick(&["sister", "brother"])),
            _ => return false,
        }
        true
    }

    /// A clinician with a role or title: `RN Kelly Brown`, `Kelly Brown, RN`, `Dr. Brown`, `K. Brown, MLS(ASCP)`.
    fn staff(&mut self, key: &str, draft: &mut Draft) {
        let person = self.clinician();
        let form = self.pick_form(STAFF_FORMS);
        let style = match key {
            "clin" => 0,
            "clin_rn" => self.range(1, 9),
            "dr" => self.range(8, 12),
            "dr_title" => self.range(8, 9),
            _ => self.range(13, 16),
        };
        let (before, form, after) = match style {
            0 => ("", form, ""),
            1 => ("RN ", form, ""),
            2 => ("", form, ", RN"),
            3 => ("", form, " RN"),
            4 => ("nurse ", form, ""),
            5 => ("charge nurse ", form, ""),
            6 => ("NP ", form, ""),
            7 => ("", form, ", PA-C"),
            8 => ("Dr. ", form, ""),
            9 => ("Dr. ", Form::Family, ""),
            10 => ("", form, ", MD"),
            11 => ("Dr ", form, ""),
            12 => ("", form, " MD"),
            13 => ("", form, ", MLS(ASCP)"),
            14 => ("", form, ", MT"),
            15 => ("tech ", form, ""),
            _ => ("", form, " MLT"),
        };
        draft.put(before);
        self.name(draft, &person, form);
        draft.put(after);
    }

    /// A relative or visitor; half of them share the patient's family name.
    fn relative(&mut self, record: &Record, draft: &mut Draft, female: Option<bool>) {
        let female = female.unwrap_or_else(|| self.chance(50));
        let mut person = self.person_of(female);
        if self.chance(50) {
            person.family.clone_from(&record.person.family);
            person.rare = record.person.rare;
            let rare_given = person.rare && self.chance(75);
            person.given = self.given(person.female, rare_given);
        }
        let form = self.pick_form(&[Form::Full, Form::Full, Form::MiddleInitial, Form::Caps]);
        self.name(draft, &person, form);
    }

    fn age(&mut self, draft: &mut Draft, years: usize, forms: &[(&'static str, &'static str)]) {
        let (prefix, unit) = self.rng.pick(forms).copied().unwrap_or(("", " yo"));
        draft.put(prefix);
        let text = format!("{years}{unit}");
        if years >= 90 {
            draft.phi("age", &text);
        } else {
            draft.noise(&text);
        }
    }

    // --- contact --------------------------------------------------------------------------------------------------

    fn contact_slot(&mut self, key: &str, record: &Record, draft: &mut Draft) -> bool {
        match key {
            "phone" => draft.phi("phone", &self.phone_text(record.phone, false)),
            "cphone" => {
                let (phone, ext) = (self.phone(), self.chance(20));
                draft.phi("phone", &self.phone_text(phone, ext));
            }
            "fax" | "faxnum" => {
                if key == "fax" {
                    draft.put(self.pick(FAX_CUES));
                }
                let phone = self.phone();
                draft.phi("fax", &self.phone_text(phone, false));
            }
            "email" => draft.phi("email", &record.email),
            "cemail" => {
                let person = self.last_clinician.clone().unwrap_or_else(|| self.person());
                draft.phi("email", &self.staff_email(&person));
            }
            "street" => draft.phi("street_address", &record.street),
            "city" => draft.phi("city", record.place.0),
            "st" => draft.noise(record.place.1),
            "state" => draft.noise(record.place.2),
            "zip" => draft.phi("zip", &record.zip),
            "addr" => self.address(record, draft),
            "url" => draft.phi("url", &self.url(record)),
            "ip4" => draft.phi("ip", &self.ip4()),
            "ip6" => draft.phi("ip", &self.ip6()),
            "ip" => {
                let ip = if self.chance(60) { self.ip4() } else { self.ip6() };
                draft.phi("ip", &ip);
            }
            _ => return false,
        }
        true
    }

    fn phone(&mut self) -> Phone {
        let area = self.pick(AREA_CODES);
        if self.chance(30) {
            return Phone { area, exchange: 555, line: self.range(100, 199) };
        }
        let mut exchange = self.range(201, 989);
        if exchange % 100 == 11 {
            exchange += 1;
        }
        Phone { area, exchange, line: self.below(10_000) }
    }

    fn phone_text(&mut self, phone: Phone, extension: bool) -> String {
        let Phone { area: a, exchange: e, line: l } = phone;
        let mut text = match self.below(10) {
            0 | 1 => format!("({a}) {e}-{l:04}"),
            2 => format!("({a}){e}-{l:04}"),
            3 => format!("{a}-{e}-{l:04}"),
            4 => format!("{a}.{e}.{l:04}"),
            5 => format!("+1 {a} {e} {l:04}"),
            6 => format!("+1 ({a}) {e}-{l:04}"),
            7 => format!("1-{a}-{e}-{l:04}"),
            8 => format!("{a} {e} {l:04}"),
            _ => format!("{a}{e}{l:04}"),
        };
        if extension {
            let digits = self.range(2, 4);
            let number = self.pattern(&"#".repeat(digits));
            text.push_str(self.pick(&[" x", " ext. ", " ext ", " x"]));
            text.push_str(&number);
        }
        text
    }

    fn email(&mut self, person: &Person) -> String {
        let (given, family) = (slug(&person.given), slug(&person.family));
        let initial = given.chars().next().map(String::from).unwrap_or_default();
        let local = match self.below(7) {
            0 => format!("{given}.{family}"),
            1 => format!("{initial}{family}"),
            2 => format!("{given}{family}{:02}", self.below(100)),
            3 => format!("{family}.{given}{}", self.range(1940, 2005)),
            4 => format!("{given}.{family}+labs"),
            5 => format!("{initial}-{family}"),
            _ => format!("{given}_{family}"),
        };
        let email = format!("{local}@{}", self.pick(EMAIL_DOMAINS));
        if self.chance(10) { email.to_uppercase() } else { email }
    }

    fn staff_email(&mut self, person: &Person) -> String {
        let (given, family) = (slug(&person.given), slug(&person.family));
        let initial = given.chars().next().map(String::from).unwrap_or_default();
        let local = if self.chance(50) { format!("{initial}{family}") } else { format!("{given}.{family}") };
        format!("{local}@{}", self.pick(STAFF_DOMAINS))
    }

    fn street(&mut self) -> String {
        if self.chance(8) {
            let number = self.range(1, 9999);
            return format!("{} {number}", self.pick(&["PO Box", "P.O. Box"]));
        }
        let highest = if self.chance(10) { 24_999 } else { 9999 };
        let mut street = self.range(1, highest).to_string();
        if self.chance(25) {
            street.push(' ');
            street.push_str(self.pick(DIRECTIONS));
        }
        street.push(' ');
        street.push_str(self.pick(STREETS));
        street.push(' ');
        street.push_str(self.pick(SUFFIXES));
        if self.chance(30) {
            let unit = self.pick(UNIT_PATTERNS);
            street.push(' ');
            street.push_str(&self.pattern(unit));
        }
        street
    }

    /// `12 Elm St Apt 4B, Springfield, IL 62704` and its variants: street, city and ZIP as three spans.
    fn address(&mut self, record: &Record, draft: &mut Draft) {
        let (city, abbreviation, state, _) = record.place;
        let (after_street, state_text, zip) = match self.below(6) {
            0 | 1 => (", ", abbreviation, true),
            2 => (" ", abbreviation, true),
            3 => (", ", state, true),
            4 => (", ", abbreviation, false),
            _ => ("; ", abbreviation, true),
        };
        draft.phi("street_address", &record.street);
        draft.put(after_street);
        draft.phi("city", city);
        draft.put(if after_street == " " { " " } else { ", " });
        draft.noise(state_text);
        if zip {
            draft.put(" ");
            draft.phi("zip", &record.zip);
        }
    }

    fn url(&mut self, record: &Record) -> String {
        let org = self.pick(URL_ORGS);
        match self.below(6) {
            0 => format!("https://mychart.{org}.org/MyChart/Results/{}", self.pattern("########")),
            1 => format!("https://portal.{org}.com/r/{}", self.pattern("######")),
            2 => format!("http://results.{org}.com/view?acc={}&pt={}", self.pattern("W##########"), record.mrn),
            3 => format!("www.{org}.org/patient/{}", self.pattern("%%%%%%%%").to_lowercase()),
            4 => format!("https://{}:8443/viewer?study={}", self.ip4(), self.pattern("#########")),
            _ => {
                let token: String = (0..16).map(|_| self.pick(&['0', '4', '7', '9', 'a', 'c', 'd', 'f'])).collect();
                format!("https://{org}.com/labs/report/{token}")
            }
        }
    }

    fn ip4(&mut self) -> String {
        let (b, c, d) = (self.below(256), self.below(256), self.range(1, 254));
        match self.below(4) {
            0 => format!("10.{b}.{c}.{d}"),
            1 => format!("172.{}.{c}.{d}", self.range(16, 31)),
            2 => format!("192.168.{c}.{d}"),
            _ => format!("{}.{b}.{c}.{d}", self.pick(&[24, 50, 66, 68, 71, 73, 98, 99, 107, 174])),
        }
    }

    fn ip6(&mut self) -> String {
        let mut group = || format!("{:x}", self.rng.below(65_536));
        let groups: Vec<String> = (0..6).map(|_| group()).collect();
        let g = |i: usize| groups.get(i).cloned().unwrap_or_default();
        match self.below(4) {
            0 => format!("2601:{}:{}:{}:{}:{}:{}:{}", g(0), g(1), g(2), g(3), g(4), g(5), g(0)),
            1 => format!("2001:db8:{}:{}::{}", g(0), g(1), g(2)),
            2 => format!("fe80::{}:{}:{}:{}", g(0), g(1), g(2), g(3)),
            _ => format!("::ffff:192.168.{}.{}", self.below(256), self.range(1, 254)),
        }
    }

    // --- dates ----------------------------------------------------------------------------------------------------

    fn event(&mut self) -> Date {
        let (y, m, d) = (self.range(2021, 2026), self.range(1, 12), self.range(1, 28));
        Date { y, m, d, hh: self.below(24), mi: self.below(60) }
    }

    fn date_slot(&mut self, key: &str, record: &Record, draft: &mut Draft) -> bool {
        let (when, formats) = match key {
            "date" => (self.event(), EVENT_FORMATS),
            "dt" => (self.event(), TIMED_FORMATS),
            "date_short" => (self.event(), SHORT_FORMATS),
            "dob" => (record.dob, BIRTH_FORMATS),
            "dob_alt" => (Date { d: record.dob.d % 28 + 1, ..record.dob }, BIRTH_FORMATS),
            "dob_any" => (Date { y: self.range(1940, 2005), ..self.event() }, BIRTH_FORMATS),
            _ => return false,
        };
        let format = self.pick(formats);
        draft.phi("date", &date_text(when, format));
        true
    }

    // --- identifiers ----------------------------------------------------------------------------------------------

    fn cued(&mut self, draft: &mut Draft, category: &'static str, cues: Cued) {
        let (cue, pattern) = self.rng.pick(cues).copied().unwrap_or(("ID ", "########"));
        draft.put(cue);
        let id = self.pattern(pattern);
        draft.phi(category, &id);
    }

    fn id_slot(&mut self, key: &str, record: &Record, draft: &mut Draft) -> bool {
        match key {
            "mrn" => {
                draft.put(self.pick(MRN_CUES));
                draft.phi("mrn", &record.mrn);
            }
            "mrn_bare" => draft.phi("mrn", &record.mrn),
            "ssn" => {
                draft.put(self.pick(SSN_CUES));
                draft.phi("ssn", &self.ssn());
            }
            "plan" => {
                let (_, plans) = self.current_payer();
                self.cued(draft, "health_plan", plans);
            }
            "payer" => draft.noise(self.current_payer().0),
            "acct" => self.cued(draft, "account", ACCOUNTS),
            "acc" => self.cued(draft, "other_id", ACCESSIONS),
            "specid" => self.cued(draft, "other_id", SPECIMEN_IDS),
            "order" => self.cued(draft, "other_id", ORDERS),
            "dl" => self.cued(draft, "license", LICENSES),
            "rnlic" => self.cued(draft, "license", NURSE_LICENSES),
            "plate" => self.cued(draft, "vehicle", PLATES),
            "vin" => {
                draft.put(self.pick(VIN_CUES));
                let vin = format!("{}{}", self.pick(VIN_PREFIXES), self.pattern("%%%%%#@@######"));
                draft.phi("vehicle", &vin);
            }
            _ => return self.device_slot(key, draft),
        }
        true
    }

    /// The implant or wearable of the note (chosen in `compose`), which `{device}`, `{model}` and `{serial}` describe.
    fn device_slot(&mut self, key: &str, draft: &mut Draft) -> bool {
        let (_, models, patterns) = self.current_device();
        match key {
            "device" | "device_cap" => {
                let (kind, _, _) = self.current_device();
                draft.put(&if key == "device" { kind.to_owned() } else { capitalize(kind) });
            }
            "model" => draft.noise(self.pick(models)),
            "serial" => {
                draft.put(self.pick(SERIAL_CUES));
                let pattern = self.pick(patterns);
                draft.phi("device", &self.pattern(pattern));
            }
            _ => return false,
        }
        true
    }

    fn current_payer(&self) -> (&'static str, Cued) {
        PAYERS.get(self.payer).copied().unwrap_or(("Aetna", &[("Member ID ", "W#########")]))
    }

    fn current_device(&self) -> Device {
        DEVICES.get(self.device).copied().unwrap_or(("pacemaker", &["Azure XT DR"], &["PM-#####"]))
    }

    /// An SSN of valid shape: area 001–899 but not 666, group 01–99, serial 0001–9999.
    fn ssn(&mut self) -> String {
        let area = match self.range(1, 899) {
            666 => 667,
            area => area,
        };
        let (group, serial) = (self.range(1, 99), self.range(1, 9999));
        match self.below(4) {
            0 => format!("{area:03}{group:02}{serial:04}"),
            1 => format!("{area:03} {group:02} {serial:04}"),
            _ => format!("{area:03}-{group:02}-{serial:04}"),
        }
    }

    // --- distractors ----------------------------------------------------------------------------------------------

    fn noise_slot(&mut self, key: &str, draft: &mut Draft) -> bool {
        if let Some((_, list)) = NOISE_LISTS.iter().find(|(name, _)| *name == key) {
            draft.noise(self.pick(list));
            return true;
        }
        let text = match key {
            "crit" => self.measure(CRITICAL_VALUES),
            "lab" => self.measure(LABS),
            "bp" => format!("{}/{}", self.range(92, 184), self.range(54, 108)),
            "time" => self.time(),
            "year" => self.range(1998, 2024).to_string(),
            "lot" => {
                let pattern = self.pick(LOT_PATTERNS);
                self.pattern(pattern)
            }
            "ratio" => format!("1:{}", self.pick(&[16, 32, 64, 128, 256, 512])),
            "hours" => self.range(8, 48).to_string(),
            "pct" => format!("{}.{}", self.below(3), self.below(10)),
            "pages" => self.range(2, 14).to_string(),
            "gluc" => self.range(40, 420).to_string(),
            _ => return false,
        };
        draft.noise(&text);
        true
    }

    fn measure(&mut self, measures: &[Measure]) -> String {
        let (name, low, high, unit, decimals) =
            self.rng.pick(measures).copied().unwrap_or(("K", 6.0, 7.0, "mmol/L", 1));
        let value = low + (high - low) * (self.below(1000) as f64 / 1000.0);
        let text = format!("{name} {value:.decimals$} {unit}");
        text.trim_end().to_owned()
    }

    fn time(&mut self) -> String {
        let (hh, mi) = (self.below(24), self.below(60));
        match self.below(4) {
            0 | 1 => format!("{hh:02}:{mi:02}"),
            2 => format!("{hh:02}{mi:02}"),
            _ => format!("{}:{mi:02} {}", if hh % 12 == 0 { 12 } else { hh % 12 }, if hh < 12 { "AM" } else { "PM" }),
        }
    }
}

fn finish(draft: Draft, record: &Record) -> Sample {
    let seeds = if record.seeded {
        let Phone { area, exchange, line } = record.phone;
        vec![
            ("name", format!("{} {}", record.person.given, record.person.family)),
            ("mrn", record.mrn.clone()),
            ("phone", format!("({area}) {exchange}-{line:04}")),
        ]
    } else {
        Vec::new()
    };
    Sample {
        note: AnnotatedNote { text: draft.text, spans: draft.spans, seeds },
        names: draft.names,
        rare_names: draft.rare_names,
        distractors: draft.distractors,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, HashSet};

    use super::*;

    fn text_of<'a>(note: &'a AnnotatedNote, span: &PhiSpan) -> &'a str {
        &note.text[span.start..span.end]
    }

    #[test]
    fn spans_are_well_formed() {
        for note in notes(2000, 1) {
            let mut previous_end = 0;
            for span in &note.spans {
                assert!(span.start < span.end, "{note:?}");
                assert!(note.text.is_char_boundary(span.start) && note.text.is_char_boundary(span.end));
                assert!(span.start >= previous_end, "overlap in {note:?}");
                previous_end = span.end;
                let text = text_of(&note, span);
                assert_eq!(text, text.trim(), "{note:?}");
                assert!(!text.ends_with([',', ';', ':']), "{text:?} in {note:?}");
                // Only an initial ends with a period ("Doe, Jane A.").
                let last_word = text.rsplit(' ').next().unwrap_or("");
                assert!(!text.ends_with('.') || last_word.chars().count() == 2, "{text:?} in {note:?}");
                assert!(CATEGORIES.contains(&span.category));
            }
        }
    }

    #[test]
    fn every_category_occurs_at_least_30_times() {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for note in notes(2000, 1) {
            for span in &note.spans {
                *counts.entry(span.category).or_default() += 1;
            }
        }
        for category in distinct_categories() {
            let count = counts.get(category).copied().unwrap_or(0);
            assert!(count >= 30, "{category}: {count}");
        }
    }

    #[test]
    fn same_seed_same_bytes_and_prefixes() {
        assert_eq!(notes(500, 7), notes(500, 7));
        assert_ne!(notes(50, 7), notes(50, 8));
        assert_eq!(notes(20, 3), notes(200, 3)[..20].to_vec());
    }

    #[test]
    fn notes_are_short() {
        for note in notes(2000, 1) {
            let chars = note.text.chars().count();
            assert!((MIN_CHARS..=MAX_CHARS).contains(&chars), "{chars}: {}", note.text);
        }
    }

    #[test]
    fn about_a_quarter_of_names_are_rare() {
        let all = samples(2000, 1);
        let names: usize = all.iter().map(|s| s.names).sum();
        let rare: usize = all.iter().map(|s| s.rare_names).sum();
        let share = rare as f64 / names as f64;
        assert!((0.20..=0.30).contains(&share), "{rare} of {names}");
    }

    #[test]
    fn distractors_and_seeds_are_common() {
        let all = samples(2000, 1);
        let with_noise = all.iter().filter(|s| s.distractors > 0).count();
        assert!(with_noise >= 800, "{with_noise}");
        let seeded: Vec<&AnnotatedNote> = all.iter().map(|s| &s.note).filter(|n| !n.seeds.is_empty()).collect();
        assert!((900..=1100).contains(&seeded.len()), "{}", seeded.len());
        // Seeded notes where the patient's name appears written otherwise than in the record.
        let reworded = seeded
            .iter()
            .filter(|n| {
                let seed = n.seeds.iter().find(|(k, _)| *k == "name").map(|(_, v)| v.as_str()).unwrap_or("");
                let family = seed.rsplit(' ').next().unwrap_or("").to_lowercase();
                n.spans.iter().any(|s| {
                    let text = text_of(n, s);
                    s.category == "name" && text != seed && text.to_lowercase().contains(&family)
                })
            })
            .count();
        assert!(reworded >= 200, "{reworded}");
    }

    #[test]
    fn rare_names_are_not_in_the_common_lists() {
        let lists = names();
        let common: HashSet<&str> = lists.female.iter().chain(&lists.male).chain(&lists.surnames).copied().collect();
        for rare in lists.rare_female.iter().chain(&lists.rare_male).chain(&lists.rare_surnames) {
            assert!(!common.contains(rare), "{rare}");
        }
        assert!(lists.female.len() + lists.male.len() >= 300);
        assert!(lists.surnames.len() >= 300);
    }

    #[test]
    fn ages_states_and_years_follow_safe_harbor() {
        let states: HashSet<&str> = PLACES.iter().flat_map(|p| [p.1, p.2]).collect();
        for note in notes(2000, 1) {
            for span in &note.spans {
                let text = text_of(&note, span);
                assert!(!states.contains(text), "{text}");
                let year_alone = text.len() == 4 && text.starts_with(['1', '2']) && text.parse::<u32>().is_ok();
                assert!(!(span.category == "date" && year_alone), "{text}");
                if span.category == "age" {
                    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
                    assert!(digits.parse::<u32>().unwrap() >= 90, "{text}");
                }
            }
        }
    }

    #[test]
    fn every_template_slot_exists() {
        let mut generator = Generator { rng: Lcg::new(5), device: 0, payer: 0, last_clinician: None };
        let record = generator.record();
        let lists: Vec<&[&str]> = KINDS.iter().map(|(_, t)| *t).chain([NOISE, EXTRA, BARE]).collect();
        for template in lists.into_iter().flatten() {
            let mut draft = Draft::default();
            assert!(generator.fill(template, &record, &mut draft), "{template}");
        }
    }

    #[test]
    fn print_counts_and_examples() {
        let corpus = notes(2000, 1);
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for span in corpus.iter().flat_map(|n| &n.spans) {
            *counts.entry(span.category).or_default() += 1;
        }
        println!("per-category spans in notes(2000, 1):");
        for category in distinct_categories() {
            println!("  {category:<15} {}", counts.get(category).copied().unwrap_or(0));
        }
        println!("  total spans     {}", counts.values().sum::<usize>());
        println!("  notes without PHI: {}", corpus.iter().filter(|n| n.spans.is_empty()).count());
        let all = samples(2000, 1);
        let (names, rare): (usize, usize) = all.iter().fold((0, 0), |(n, r), s| (n + s.names, r + s.rare_names));
        println!("  rare names: {rare} of {names} name mentions");
        println!("  notes with distractors: {}", all.iter().filter(|s| s.distractors > 0).count());
        println!("  seeded notes: {}", corpus.iter().filter(|n| !n.seeds.is_empty()).count());
        for note in corpus.iter().take(10) {
            println!("\n{}", note.text);
            for span in &note.spans {
                println!("    {:<15} {:?}", span.category, text_of(note, span));
            }
            if !note.seeds.is_empty() {
                println!("    seeds: {:?}", note.seeds);
            }
        }
    }
}
