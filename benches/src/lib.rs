//! Generated inputs for labcore's benchmarks, and the baseline a team would otherwise write: plain typed
//! `serde_json` parsing of the same payloads. [`hl7`] generates HL7 v2 ORU^R01 messages for the HL7 benchmarks,
//! [`hostile_text`] the hostile free text of the detector's scaling benchmark.

use serde::Deserialize;

pub mod deid;
pub mod deid_styles;
pub mod hl7;
pub mod hostile_text;

/// The baseline: the payload format as a plain `#[derive(Deserialize)]` model — what typed serde parsing gives
/// without validation, unit handling or findings.
#[derive(Debug, Deserialize)]
pub struct TypedPayload {
    /// Patient identifier.
    pub patient_id: String,
    /// Laboratory identifier.
    pub lab_id: String,
    /// Panel.
    pub test_type: String,
    /// Collection time.
    pub collected_at: String,
    /// Demographics.
    pub patient: Option<TypedPatient>,
    /// Results.
    pub results: Vec<TypedResult>,
    /// Comments.
    #[serde(default)]
    pub comments: Vec<String>,
}

/// Demographics in the baseline model.
#[derive(Debug, Deserialize)]
pub struct TypedPatient {
    /// Sex.
    pub sex: Option<String>,
    /// Birth date.
    pub birth_date: Option<String>,
}

/// One result in the baseline model.
#[derive(Debug, Deserialize)]
pub struct TypedResult {
    /// Name.
    pub analyte: Option<String>,
    /// LOINC code.
    pub loinc: Option<String>,
    /// Value: a number or a string.
    pub value: TypedValue,
    /// Unit.
    pub unit: Option<String>,
    /// Vendor range.
    pub reference_range: Option<String>,
    /// Vendor flag.
    pub flag: Option<String>,
}

/// A value as JSON sends it.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum TypedValue {
    /// A JSON number.
    Number(f64),
    /// A JSON string.
    Text(String),
}

/// A small deterministic generator (64-bit LCG, Knuth's MMIX constants): benchmarks need no randomness, only
/// variety that is the same on every run.
#[derive(Debug, Clone)]
pub struct Lcg(u64);

impl Lcg {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Lcg {
        Lcg(seed)
    }

    /// The next number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        usize::try_from((self.0 >> 33) % (n.max(1) as u64)).unwrap_or(0)
    }

    /// Picks one element.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len()))
    }
}

/// `(names vendors use, units vendors use, typical value range)` per analyte, per panel.
type Analyte = (&'static [&'static str], &'static [&'static str], (f64, f64));

const CBC: &[Analyte] = &[
    (&["WBC", "White Blood Cell Count", "Leukocytes"], &["K/uL", "10*3/uL", "x10E3/uL", "x10^9/L"], (3.0, 12.0)),
    (&["RBC", "Red Blood Cell Count"], &["M/uL", "10*6/uL", "x10E6/uL"], (3.8, 5.8)),
    (&["Hemoglobin", "HGB", "Hgb"], &["g/dL", "g/dl", "G/DL"], (11.0, 17.0)),
    (&["Hematocrit", "HCT"], &["%"], (34.0, 50.0)),
    (&["MCV"], &["fL", "fl"], (80.0, 100.0)),
    (&["MCH"], &["pg"], (27.0, 33.0)),
    (&["MCHC"], &["g/dL"], (32.0, 36.0)),
    (&["RDW", "RDW-CV"], &["%"], (11.5, 15.0)),
    (&["Platelets", "PLT", "Platelet Count"], &["K/uL", "x10E3/uL", "10*3/uL"], (150.0, 400.0)),
    (&["MPV"], &["fL"], (7.5, 11.5)),
    (&["NEUT%", "Neutrophils %"], &["%"], (40.0, 75.0)),
    (&["NEUT#", "Absolute Neutrophils"], &["K/uL", "x10E3/uL"], (1.5, 7.5)),
    (&["LYMPH%", "Lymphocytes %"], &["%"], (20.0, 45.0)),
    (&["LYMPH#", "Absolute Lymphocytes"], &["K/uL"], (1.0, 4.0)),
    (&["MONO%"], &["%"], (2.0, 10.0)),
    (&["MONO#"], &["K/uL"], (0.1, 1.0)),
    (&["EOS%"], &["%"], (0.0, 6.0)),
    (&["EOS#"], &["K/uL"], (0.0, 0.5)),
    (&["BASO%"], &["%"], (0.0, 2.0)),
    (&["BASO#"], &["K/uL"], (0.0, 0.2)),
];

const CMP: &[Analyte] = &[
    (&["Glucose", "GLU", "GLUCOSE"], &["mg/dL", "MG/DL", "mmol/L"], (70.0, 140.0)),
    (&["BUN", "Urea Nitrogen"], &["mg/dL"], (7.0, 25.0)),
    (&["Creatinine", "CREA"], &["mg/dL", "umol/L"], (0.6, 1.3)),
    (&["Sodium", "Na"], &["mmol/L", "mEq/L"], (135.0, 145.0)),
    (&["Potassium", "K"], &["mmol/L", "mEq/L"], (3.5, 5.1)),
    (&["Chloride", "Cl"], &["mmol/L", "mEq/L"], (98.0, 107.0)),
    (&["CO2", "Carbon Dioxide"], &["mmol/L"], (22.0, 29.0)),
    (&["Calcium", "Ca"], &["mg/dL"], (8.6, 10.3)),
    (&["Protein, Total", "Total Protein"], &["g/dL"], (6.0, 8.3)),
    (&["Albumin", "ALB"], &["g/dL"], (3.5, 5.0)),
    (&["Bilirubin, Total", "TBIL"], &["mg/dL"], (0.2, 1.2)),
    (&["Alkaline Phosphatase", "ALP"], &["U/L", "IU/L"], (40.0, 130.0)),
    (&["ALT", "ALT (SGPT)"], &["U/L", "IU/L"], (7.0, 56.0)),
    (&["AST", "AST (SGOT)"], &["U/L"], (10.0, 40.0)),
];

const LIPID: &[Analyte] = &[
    (&["Cholesterol, Total", "CHOL"], &["mg/dL", "mmol/L"], (150.0, 260.0)),
    (&["HDL Cholesterol", "HDL"], &["mg/dL"], (35.0, 80.0)),
    (&["LDL Cholesterol Calc", "LDL-C"], &["mg/dL"], (60.0, 180.0)),
    (&["Triglycerides", "TRIG"], &["mg/dL", "mmol/L"], (50.0, 300.0)),
    (&["Non-HDL Cholesterol"], &["mg/dL"], (80.0, 200.0)),
    (&["VLDL Cholesterol"], &["mg/dL"], (5.0, 40.0)),
];

const THYROID: &[Analyte] = &[
    (&["TSH"], &["mIU/L", "uIU/mL"], (0.4, 4.5)),
    (&["Free T4", "FT4"], &["ng/dL"], (0.8, 1.8)),
    (&["T4, Total"], &["ug/dL"], (4.5, 12.0)),
    (&["Free T3", "FT3"], &["pg/mL"], (2.3, 4.2)),
    (&["T3, Total"], &["ng/dL"], (80.0, 200.0)),
];

/// `count` payloads of mixed panels with vendor spellings, deterministic for a given seed.
pub fn payloads(count: usize, seed: u64) -> Vec<String> {
    let mut rng = Lcg::new(seed);
    (0..count).map(|i| payload(i, &mut rng)).collect()
}

fn payload(i: usize, rng: &mut Lcg) -> String {
    let panels: [(&str, &[Analyte]); 4] = [("CBC", CBC), ("CMP", CMP), ("LIPID", LIPID), ("THYROID", THYROID)];
    let (panel, analytes) = panels.get(i % 4).copied().unwrap_or(("CBC", CBC));
    let results: Vec<serde_json::Value> = analytes.iter().map(|a| result(a, rng)).collect();
    serde_json::json!({
        "patient_id": format!("MRN-{:08}", rng.below(100_000_000)),
        "lab_id": "NORTHWIND-CLIN-LAB",
        "test_type": panel,
        "collected_at": format!("2026-11-{:02}T{:02}:{:02}:00-05:00", 1 + rng.below(24), rng.below(24), rng.below(60)),
        "patient": {"sex": if rng.below(2) == 0 { "F" } else { "M" }, "birth_date": format!("19{:02}-0{}-1{}", 30 + rng.below(70), 1 + rng.below(9), rng.below(10))},
        "results": results,
    })
    .to_string()
}

fn result(analyte: &Analyte, rng: &mut Lcg) -> serde_json::Value {
    let (names, units, (low, high)) = analyte;
    let name = rng.pick(names).copied().unwrap_or("WBC");
    let unit = rng.pick(units).copied().unwrap_or("%");
    let fraction = rng.below(1000) as f64 / 1000.0;
    let value = low + (high - low) * fraction;
    let value = if rng.below(2) == 0 {
        serde_json::json!(format!("{value:.1}"))
    } else {
        serde_json::json!((value * 10.0).round() / 10.0)
    };
    serde_json::json!({"analyte": name, "value": value, "unit": unit, "reference_range": format!("{low}-{high}")})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_payloads_parse_both_ways() {
        let catalog = labcore::catalog::Catalog::builtin().unwrap_or_else(|e| panic!("{e}"));
        let as_of =
            chrono::DateTime::parse_from_rfc3339("2026-11-30T00:00:00Z").map(|d| d.to_utc()).unwrap_or_default();
        let context = labcore::Context::new(&catalog, as_of);
        for payload in payloads(40, 7) {
            assert!(serde_json::from_str::<TypedPayload>(&payload).is_ok());
            let report = labcore::validate(payload.as_bytes(), &context).unwrap_or_else(|e| panic!("{e}"));
            assert!(report.accepted, "{:?}", report.findings);
            assert!(report.results.iter().all(|r| r.value.is_some()), "{payload}");
        }
    }
}
