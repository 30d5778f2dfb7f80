//! Distractor vocabulary: lab values, eponyms, stains, drugs, scores, words that look like names, and the
//! `{slot}`s that write them (never annotated).

use super::generator::{Draft, Generator};

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

impl Generator {
    /// A distractor: from a word list, or a lab value, time, year, lot number, ratio or count.
    pub(super) fn noise_slot(&mut self, key: &str, draft: &mut Draft) -> bool {
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
