//! Templates. `{slot}`s are filled by `Generator::slot`; literal text around them carries the cues.

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
pub(super) const CLEAN: &[&str] = &[
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
pub(super) const KINDS: &[(usize, &[&str])] = &[
    (13, CRITICAL), (9, SPECIMEN), (7, REDRAW), (9, DEMOGRAPHICS), (6, ADDRESS), (6, INSURANCE), (5, DEVICE),
    (3, VEHICLE), (6, IT), (4, EMAIL), (3, SSN), (4, CUSTODY), (4, FAX), (4, FAMILY), (4, AGE), (4, ADDON), (5, MICRO),
    (2, PATHOLOGY), (7, CLEAN),
];

/// Sentences added to a note, each with a distractor.
pub(super) const NOISE: &[&str] = &[
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
pub(super) const EXTRA: &[&str] =
    &["Callback {cphone}.", "Collected {dt}.", "{acc}.", "Verified by {tech}.", "Received in lab {dt}.", "Per {dr}."];

/// Sentences for seeded notes only: the patient without a cue (or the MRN or phone in another format).
pub(super) const BARE: &[&str] = &[
    "{pt_bare} tolerated venipuncture poorly, 2 attempts.",
    "Recollect {pt_bare} in AM, fasting.",
    "{pt_bare} left before the second tube was drawn.",
    "Second label printed for {pt_bare}, original discarded.",
    "{pt_bare} prefers the left arm.",
    "Results mailed, {pt_bare} aware.",
    "{mrn_bare} relabeled after ADT merge.",
    "Reached at {phone} after two attempts.",
];
