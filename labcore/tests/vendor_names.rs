//! Analyte names and units as real feeds print them (LabCorp, Quest, hospital LIS, analyzers), each with the
//! analyte labcore must match. A name that fits a family (count or percentage) is resolved by its unit.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, missing_docs)]

use labcore::catalog::Catalog;
use labcore::units::UnitParser;

/// `(name as printed, unit as printed, expected analyte id)`.
const NAMES: &[(&str, &str, &str)] = &[
    // CBC, LabCorp style
    ("WBC", "x10E3/uL", "wbc"),
    ("RBC", "x10E6/uL", "rbc"),
    ("Hemoglobin", "g/dL", "hemoglobin"),
    ("Hematocrit", "%", "hematocrit"),
    ("MCV", "fL", "mcv"),
    ("MCH", "pg", "mch"),
    ("MCHC", "g/dL", "mchc"),
    ("RDW", "%", "rdw_cv"),
    ("Platelets", "x10E3/uL", "platelets"),
    ("Neutrophils", "%", "neutrophils_pct"),
    ("Lymphs", "%", "lymphocytes_pct"),
    ("Monocytes", "%", "monocytes_pct"),
    ("Eos", "%", "eosinophils_pct"),
    ("Basos", "%", "basophils_pct"),
    ("Neutrophils (Absolute)", "x10E3/uL", "neutrophils_abs"),
    ("Lymphs (Absolute)", "x10E3/uL", "lymphocytes_abs"),
    ("Monocytes(Absolute)", "x10E3/uL", "monocytes_abs"),
    ("Eos (Absolute)", "x10E3/uL", "eosinophils_abs"),
    ("Baso (Absolute)", "x10E3/uL", "basophils_abs"),
    ("Immature Granulocytes", "%", "ig_pct"),
    ("Immature Grans (Abs)", "x10E3/uL", "ig_abs"),
    // A count or percent marker the catalog's spelling lacks: the marker decides, even against a family name
    ("Neutrophils #", "10^3/uL", "neutrophils_abs"),
    ("Lymphocytes #", "x10^9/L", "lymphocytes_abs"),
    ("Monocytes %", "%", "monocytes_pct"),
    ("Eos #", "K/uL", "eosinophils_abs"),
    // CBC, Quest style
    ("WHITE BLOOD CELL COUNT", "Thousand/uL", "wbc"),
    ("RED BLOOD CELL COUNT", "Million/uL", "rbc"),
    ("HEMOGLOBIN", "g/dL", "hemoglobin"),
    ("HEMATOCRIT", "%", "hematocrit"),
    ("PLATELET COUNT", "Thousand/uL", "platelets"),
    ("ABSOLUTE NEUTROPHILS", "cells/uL", "neutrophils_abs"),
    ("ABSOLUTE LYMPHOCYTES", "cells/uL", "lymphocytes_abs"),
    ("ABSOLUTE MONOCYTES", "cells/uL", "monocytes_abs"),
    ("ABSOLUTE EOSINOPHILS", "cells/uL", "eosinophils_abs"),
    ("ABSOLUTE BASOPHILS", "cells/uL", "basophils_abs"),
    ("NEUTROPHILS", "%", "neutrophils_pct"),
    ("LYMPHOCYTES", "%", "lymphocytes_pct"),
    // Analyzer (Sysmex) style
    ("NEUT%", "%", "neutrophils_pct"),
    ("NEUT#", "10*3/uL", "neutrophils_abs"),
    ("LYMPH#", "10^3/uL", "lymphocytes_abs"),
    ("MONO#", "10^3/uL", "monocytes_abs"),
    ("EO%", "%", "eosinophils_pct"),
    ("BASO#", "10^3/uL", "basophils_abs"),
    ("HGB", "g/L", "hemoglobin"),
    ("HCT", "L/L", "hematocrit"),
    ("PLT", "10^9/L", "platelets"),
    ("RDW-SD", "fL", "rdw_sd"),
    ("RDW-CV", "%", "rdw_cv"),
    ("IG%", "%", "ig_pct"),
    ("NRBC%", "/100 WBC", "nrbc_pct"),
    // CMP, LabCorp and Quest styles
    ("Glucose", "mg/dL", "glucose"),
    ("GLUCOSE", "MG/DL", "glucose"),
    ("BUN", "mg/dL", "bun"),
    ("UREA NITROGEN (BUN)", "mg/dL", "bun"),
    ("Creatinine", "mg/dL", "creatinine"),
    ("eGFR", "mL/min/1.73", "egfr"),
    ("BUN/Creatinine Ratio", "", "bun_creatinine_ratio"),
    ("Sodium", "mmol/L", "sodium"),
    ("Potassium", "mmol/L", "potassium"),
    ("Chloride", "mmol/L", "chloride"),
    ("Carbon Dioxide, Total", "mmol/L", "co2_total"),
    ("CARBON DIOXIDE", "mmol/L", "co2_total"),
    ("Calcium", "mg/dL", "calcium"),
    ("Protein, Total", "g/dL", "total_protein"),
    ("PROTEIN, TOTAL", "g/dL", "total_protein"),
    ("Albumin", "g/dL", "albumin"),
    ("Globulin, Total", "g/dL", "globulin"),
    ("GLOBULIN", "g/dL", "globulin"),
    ("A/G Ratio", "", "ag_ratio"),
    ("ALBUMIN/GLOBULIN RATIO", "(calc)", "ag_ratio"),
    ("Bilirubin, Total", "mg/dL", "bilirubin_total"),
    ("Alkaline Phosphatase", "IU/L", "alp"),
    ("AST (SGOT)", "IU/L", "ast"),
    ("ALT (SGPT)", "IU/L", "alt"),
    ("AST", "U/L", "ast"),
    ("ALT", "U/L", "alt"),
    // Lipids
    ("Cholesterol, Total", "mg/dL", "cholesterol_total"),
    ("CHOLESTEROL, TOTAL", "mg/dL", "cholesterol_total"),
    ("Triglycerides", "mg/dL", "triglycerides"),
    ("HDL Cholesterol", "mg/dL", "hdl_cholesterol"),
    ("VLDL Cholesterol Cal", "mg/dL", "vldl_cholesterol"),
    ("LDL Chol Calc (NIH)", "mg/dL", "ldl_cholesterol_calculated"),
    ("LDL Cholesterol Calc", "mg/dL", "ldl_cholesterol_calculated"),
    ("LDL-CHOLESTEROL", "mg/dL (calc)", "ldl_cholesterol"),
    ("NON HDL CHOLESTEROL", "mg/dL (calc)", "non_hdl_cholesterol"),
    ("CHOL/HDLC RATIO", "(calc)", "cholesterol_hdl_ratio"),
    // Thyroid
    ("TSH", "uIU/mL", "tsh"),
    ("TSH, 3RD GENERATION", "mIU/L", "tsh"),
    ("T4,Free(Direct)", "ng/dL", "free_t4"),
    ("Free T4", "ng/dL", "free_t4"),
    ("T4, FREE", "ng/dL", "free_t4"),
    ("FT4", "pmol/L", "free_t4"),
    ("Thyroxine (T4)", "ug/dL", "total_t4"),
    ("T4, TOTAL", "mcg/dL", "total_t4"),
    ("Triiodothyronine (T3)", "ng/dL", "total_t3"),
    ("T3, FREE", "pg/mL", "free_t3"),
    ("Free T3", "pg/mL", "free_t3"),
];

#[test]
fn real_vendor_names_map_to_the_right_analyte() {
    let catalog = Catalog::builtin().unwrap();
    let units = UnitParser::new();
    let mut failures = Vec::new();
    for (name, unit, expected) in NAMES {
        let candidates: Vec<&labcore::catalog::Analyte> = catalog.find_by_name(name).collect();
        let reading = units.read(unit).ok();
        let chosen: Vec<&str> = if candidates.len() == 1 {
            candidates.iter().map(|a| a.id()).collect()
        } else {
            candidates
                .iter()
                .filter(|a| reading.iter().flat_map(|r| r.candidates()).any(|u| u.kind().is_some_and(|k| a.accepts(k))))
                .map(|a| a.id())
                .collect()
        };
        if chosen != [*expected] {
            let all: Vec<&str> = candidates.iter().map(|a| a.id()).collect();
            failures.push(format!("{name:?} [{unit}] -> {chosen:?} (candidates {all:?}), expected {expected}"));
        }
    }
    assert!(failures.is_empty(), "{} of {}:\n{}", failures.len(), NAMES.len(), failures.join("\n"));
}

/// Every name and unit above, sent as a result: no unit may be unknown or incompatible.
#[test]
fn real_vendor_units_are_understood() {
    let catalog = Catalog::builtin().unwrap();
    let context = labcore::Context::new(&catalog, "2026-11-25T12:00:00Z".parse().unwrap());
    let mut failures = Vec::new();
    for (name, unit, expected) in NAMES {
        let payload = serde_json::json!({"patient_id": "P", "lab_id": "L", "test_type": "CMP",
            "collected_at": "2026-11-24T08:00:00Z", "results": [{"analyte": name, "value": 1, "unit": unit}]});
        let report = labcore::validate(payload.to_string().as_bytes(), &context).unwrap();
        let bad: Vec<&str> = report
            .findings
            .iter()
            .map(|f| f.code().as_str())
            .filter(|c| c.starts_with("unit_unknown") || c.starts_with("unit_incompatible") || c.starts_with("missing"))
            .collect();
        if !bad.is_empty() || report.results[0].analyte != Some(*expected) {
            failures.push(format!("{name:?} [{unit}]: {bad:?} -> {:?}", report.results[0].analyte));
        }
    }
    assert!(failures.is_empty(), "{} of {}:\n{}", failures.len(), NAMES.len(), failures.join("\n"));
}
