//! Distractors: words and numbers that look like identifiers and are not (never annotated). Organisations named
//! after people or cities, eponymous diseases, signs and stains, drugs, lab values with units, blood pressures,
//! ratios, LOINC codes, versions, OIDs, room numbers, ticket and message IDs, years alone, clock times.

use super::writer::Writer;

/// Hospitals, clinics, laboratories and nursing homes, real and invented; several carry a person's or a city's name.
#[rustfmt::skip]
pub(super) const HOSPITALS: &[&str] = &[
    "Mayo Clinic", "Johns Hopkins Hospital", "Cleveland Clinic", "Mass General", "Brigham and Women's Hospital",
    "Cedars-Sinai", "Mount Sinai", "Beth Israel Deaconess", "St. Jude Children's Research Hospital",
    "Memorial Sloan Kettering", "Boston Medical Center", "Denver Health", "Parkland Memorial", "Houston Methodist",
    "Ochsner Medical Center", "Vanderbilt University Medical Center", "Providence St. Vincent", "Dayton Children's",
    "Riverbend Regional Medical Center", "Harlan Creek Community Hospital", "St. Agatha's", "Valley View Medical",
    "Lakeshore Clinic", "Mesa Verde Health", "Tucson Medical Center", "Spokane Valley Hospital",
    "Our Lady of Lourdes", "Shriners Children's", "Baylor Scott & White", "Lincoln Regional", "Mercy Family Practice",
];

/// Payers and companies.
#[rustfmt::skip]
pub(super) const PAYERS: &[&str] = &[
    "Aetna", "Blue Cross Blue Shield of Texas", "UnitedHealthcare", "Humana", "Cigna", "Medicare", "Medicaid",
    "Tricare", "Kaiser Permanente", "Anthem", "Molina Healthcare", "Highmark", "Ambetter", "Oscar Health",
];

/// Eponymous diseases, signs, scores, stains and procedures.
#[rustfmt::skip]
pub(super) const EPONYMS: &[&str] = &[
    "Hashimoto thyroiditis", "Crohn disease", "Addison disease", "Cushing syndrome", "Graves disease",
    "Parkinson disease", "Alzheimer dementia", "Bell's palsy", "Sjögren syndrome", "von Willebrand disease",
    "Wilson disease", "Barrett esophagus", "Guillain-Barré syndrome", "Raynaud phenomenon", "Kaposi sarcoma",
    "Hodgkin lymphoma", "Waldenström macroglobulinemia", "Paget disease", "Still disease", "Ménière disease",
    "Wolff-Parkinson-White", "Takotsubo cardiomyopathy", "Brugada pattern", "Gilbert syndrome", "Down syndrome",
    "Whipple disease", "Behçet disease", "Kawasaki disease", "Lyme disease", "Charcot foot", "Dupuytren contracture",
];

/// Eponymous laboratory tests and stains (that come back positive or negative).
#[rustfmt::skip]
pub(super) const EPONYM_TESTS: &[&str] = &[
    "Gram stain", "Kleihauer-Betke", "Ziehl-Neelsen stain", "Coombs test", "direct Coombs", "Papanicolaou smear",
    "Monospot", "Tzanck smear", "Hemoccult", "Wright-Giemsa smear review", "Congo red stain", "Prussian blue stain",
];

/// Eponymous examination signs.
#[rustfmt::skip]
pub(super) const SIGNS: &[&str] = &[
    "Babinski sign", "Murphy's sign", "Romberg", "Tinel sign", "Phalen test", "Homans sign", "Chvostek sign",
    "Trousseau sign", "Kernig sign", "Brudzinski sign", "Lachman test", "McMurray test",
];

/// Drugs with a plausible dose and frequency.
#[rustfmt::skip]
pub(super) const PRESCRIPTIONS: &[&str] = &[
    "metoprolol succinate 25 mg daily", "lisinopril 10 mg daily", "apixaban 5 mg BID", "Eliquis 2.5 mg BID",
    "warfarin 5 mg qHS (goal INR 2-3)", "furosemide 40 mg BID", "Lasix 20 mg daily", "levothyroxine 88 mcg daily",
    "Synthroid 100 mcg", "metformin 500 mg BID", "atorvastatin 40 mg qHS", "prednisone 40 mg x 5 days",
    "tacrolimus 2 mg q12h", "Lovenox 40 mg SC daily", "insulin glargine 18 units qHS", "Keppra 500 mg BID",
    "amiodarone 200 mg daily", "spironolactone 25 mg daily", "allopurinol 100 mg daily", "tamsulosin 0.4 mg qHS",
    "donepezil 10 mg qHS", "sertraline 50 mg daily", "gabapentin 300 mg TID", "Entresto 24/26 mg BID",
    "aspirin 81 mg daily", "vitamin D3 1000 IU daily", "ferrous sulfate 325 mg every other day",
];

/// Drugs, generic and brand.
#[rustfmt::skip]
pub(super) const DRUGS: &[&str] = &[
    "metoprolol", "lisinopril", "apixaban", "warfarin", "Eliquis", "Xarelto", "furosemide", "Lasix", "levothyroxine",
    "Synthroid", "metformin", "Januvia", "atorvastatin", "vancomycin", "Zosyn", "ceftriaxone", "prednisone",
    "tacrolimus", "heparin", "Lovenox", "insulin glargine", "Lantus", "Keppra", "Humira", "Ozempic", "amiodarone",
    "digoxin", "spironolactone", "allopurinol", "tamsulosin", "donepezil", "sertraline", "gabapentin", "Entresto",
];

/// Past medical history items without eponyms.
#[rustfmt::skip]
pub(super) const HISTORY: &[&str] = &[
    "CHF with EF 30%", "CKD stage 3b", "type 2 diabetes", "HTN", "atrial fibrillation on anticoagulation", "COPD",
    "hypothyroidism", "prior CVA", "CAD s/p CABG", "osteoporosis", "GERD", "OSA on CPAP", "anemia of CKD",
    "hyperlipidemia", "BPH", "depression", "DVT", "gout", "cirrhosis (Child-Pugh B)", "MGUS",
];

/// Presenting complaints.
#[rustfmt::skip]
pub(super) const COMPLAINTS: &[&str] = &[
    "shortness of breath", "a mechanical fall", "chest pain", "confusion", "melena", "fever and dysuria",
    "hyperkalemia on outpatient labs", "syncope", "worsening edema", "abdominal pain", "a COPD exacerbation",
    "weakness", "hematuria", "poor oral intake", "palpitations",
];

/// Procedures, several eponymous.
#[rustfmt::skip]
pub(super) const PROCEDURES: &[&str] = &[
    "CABG x3", "TAVR", "Whipple procedure", "Nissen fundoplication", "right TKA", "Roux-en-Y gastric bypass",
    "Hartmann procedure", "lap chole", "Ivor Lewis esophagectomy", "left hip ORIF", "PCI to the LAD", "TURP",
];

/// Skilled nursing and rehabilitation facilities.
#[rustfmt::skip]
pub(super) const FACILITIES: &[&str] = &[
    "Maple Grove Rehabilitation", "Brookdale Senior Living", "Golden Pond Skilled Nursing", "St. Anne's Home",
    "Heritage Manor", "the Jewish Home", "Willowbrook Care Center", "Sunrise Assisted Living",
];

/// Pathology diagnoses.
#[rustfmt::skip]
pub(super) const PATHOLOGY: &[&str] = &[
    "tubular adenoma, no high-grade dysplasia", "basal cell carcinoma, nodular type, margins free",
    "prostatic adenocarcinoma, Gleason score 3+4=7 (Grade Group 2)", "classic Hodgkin lymphoma, nodular sclerosis",
    "chronic gastritis, H. pylori organisms identified", "benign proliferative endometrium",
    "Barrett esophagus without dysplasia", "plasma cell neoplasm, kappa restricted, 30% of cellularity",
    "invasive ductal carcinoma, Nottingham grade 2", "reactive lymphoid hyperplasia",
];

/// Hospital units and wards.
pub(super) const UNITS: &[&str] =
    &["4 East", "5W", "MICU", "CCU", "ED", "PACU", "L&D", "3 North", "Onc 7", "SICU", "Tele 6", "NICU", "ortho"];

/// Analytes with units and a plausible range, for lab values written in text.
#[rustfmt::skip]
const LAB_VALUES: &[(&str, &str, f64, f64)] = &[
    ("Na", "", 124.0, 148.0), ("K", "mmol/L", 2.8, 6.9), ("Cr", "mg/dL", 0.5, 4.8), ("BUN", "", 6.0, 88.0),
    ("Hgb", "g/dL", 5.9, 16.8), ("WBC", "K/uL", 1.1, 28.0), ("Plt", "", 18.0, 612.0), ("INR", "", 0.9, 6.2),
    ("troponin I", "ng/mL", 0.01, 4.8), ("lactate", "mmol/L", 0.6, 8.4), ("TSH", "mIU/L", 0.02, 42.0),
    ("A1c", "%", 5.1, 13.9), ("BNP", "pg/mL", 30.0, 4800.0), ("ferritin", "ng/mL", 4.0, 2100.0),
    ("eGFR", "mL/min/1.73m2", 8.0, 110.0), ("pH", "", 7.05, 7.55), ("pCO2", "mmHg", 22.0, 78.0),
    ("glucose", "mg/dL", 38.0, 612.0), ("Mg", "mg/dL", 0.9, 3.4), ("phos", "", 1.2, 8.1), ("ALT", "U/L", 8.0, 940.0),
    ("lipase", "U/L", 12.0, 2400.0), ("procalcitonin", "ng/mL", 0.05, 38.0), ("D-dimer", "ug/mL FEU", 0.2, 9.8),
];

/// Real LOINC codes of common tests.
pub(super) const LOINC: &[&str] =
    &["2951-2", "2823-3", "718-7", "4548-4", "2160-0", "6690-2", "777-3", "33914-3", "2345-7", "1742-6", "6301-6"];

/// An analyte with its value and unit, as written in a note (`K 6.8 mmol/L`, `Hgb 7.2`).
pub(super) fn lab_value(w: &mut Writer) -> String {
    let (name, unit, low, high) = w.pick_or(LAB_VALUES, ("K", "mmol/L", 3.5, 5.1));
    let value = low + (high - low) * w.below(1000) as f64 / 1000.0;
    let digits = if high < 10.0 {
        2
    } else if high < 100.0 {
        1
    } else {
        0
    };
    let number = format!("{value:.digits$}");
    let unit = if unit.is_empty() || w.chance(40) { String::new() } else { format!(" {unit}") };
    match w.below(4) {
        0 => format!("{name} {number}{unit}"),
        1 => format!("{name} of {number}{unit}"),
        2 => format!("{name}: {number}{unit}"),
        _ => format!("{name} {number}{unit}{}", w.pick(&[" (H)", " (L)", " H", " *", "", " (crit)"])),
    }
}

/// A ticket or incident number (not a person's identifier).
fn ticket(w: &mut Writer) -> String {
    match w.below(3) {
        0 => format!("INC{:07}", w.between(1, 9_999_999)),
        1 => format!("#{}", w.between(10_000, 99_999)),
        _ => format!("CS-{}", w.between(1000, 99_999)),
    }
}

/// A distractor by key, written as plain text; `false` for an unknown key.
pub(super) fn write(w: &mut Writer, key: &str) -> bool {
    let text = match key {
        "hosp" => w.pick(HOSPITALS).to_owned(),
        "payer" => w.pick(PAYERS).to_owned(),
        "eponym" => w.pick(EPONYMS).to_owned(),
        "test" => w.pick(EPONYM_TESTS).to_owned(),
        "drug" => w.pick(DRUGS).to_owned(),
        "rx" => w.pick(PRESCRIPTIONS).to_owned(),
        "sign" => w.pick(SIGNS).to_owned(),
        "pmh" => w.pick(HISTORY).to_owned(),
        "complaint" => w.pick(COMPLAINTS).to_owned(),
        "unit" => w.pick(UNITS).to_owned(),
        "procedure" => w.pick(PROCEDURES).to_owned(),
        "facility" => w.pick(FACILITIES).to_owned(),
        "path_dx" => w.pick(PATHOLOGY).to_owned(),
        "fac" => w.pick(&["RBMC", "HCCH", "NGLAB", "VVMC", "LSC", "MVH"]).to_owned(),
        "wt" => w.between(41, 142).to_string(),
        "lab" => lab_value(w),
        "labs" => (0..w.between(3, 5)).map(|_| lab_value(w)).collect::<Vec<_>>().join(", "),
        "loinc" => w.pick(LOINC).to_owned(),
        "bp" => format!("{}/{}", w.between(88, 192), w.between(46, 112)),
        "hr" => w.between(48, 138).to_string(),
        "ratio" => format!("1:{}", w.pick(&["40", "80", "160", "320", "640", "1280"])),
        "year" => w.between(1968, 2024).to_string(),
        "n" => w.between(2, 6).to_string(),
        "room" => format!("{}{:02}{}", w.between(2, 9), w.between(1, 40), w.pick(&["", "", "A", "B"])),
        "ver" => format!("{}.{}.{}", w.between(1, 12), w.between(0, 20), w.between(0, 40)),
        "fw" => format!("{}.{}.{}.{}", w.between(1, 9), w.between(0, 12), w.between(0, 30), w.between(0, 300)),
        "oid" => format!("2.16.840.1.113883.3.{}.{}", w.between(100, 9999), w.between(1, 40)),
        "ticket" => ticket(w),
        "msgid" => format!("MSG{}", w.digits(8)),
        "pid" => w.between(300, 65_000).to_string(),
        _ => return false,
    };
    w.t(&text);
    true
}
