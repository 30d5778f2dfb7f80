use super::*;
use crate::Panel;

fn builtin() -> Catalog {
    Catalog::builtin().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn builtin_catalog_loads_and_every_fact_cites_a_source() {
    let catalog = builtin();
    for analyte in catalog.analytes() {
        assert!(!analyte.loinc().is_empty(), "{} has no LOINC code", analyte.id());
        for term in analyte.loinc() {
            let text = term.code.to_string();
            let (body, check) = text.split_once('-').unwrap_or_default();
            assert_eq!(LoincCode::check_digit(body).map(|d| d.to_string()).as_deref(), Some(check), "{text}");
            assert!(!term.source.trim().is_empty(), "{text}");
        }
        if let Some(m) = analyte.molar_mass() {
            assert!(m.source.len() > 10, "{}: molar mass source", analyte.id());
        }
        let plausible = analyte.plausible().unwrap_or_else(|| panic!("{} has no plausible limits", analyte.id()));
        assert!(plausible.source.len() > 10, "{}", analyte.id());
    }
}

#[test]
fn every_panel_member_of_the_issue_is_there() {
    let catalog = builtin();
    let expected: &[(Panel, &[&str])] = &[
        (
            Panel::Cbc,
            &[
                "wbc",
                "rbc",
                "hemoglobin",
                "hematocrit",
                "mcv",
                "mch",
                "mchc",
                "rdw_cv",
                "platelets",
                "mpv",
                "neutrophils_abs",
                "neutrophils_pct",
                "lymphocytes_abs",
                "lymphocytes_pct",
                "monocytes_abs",
                "monocytes_pct",
                "eosinophils_abs",
                "eosinophils_pct",
                "basophils_abs",
                "basophils_pct",
            ],
        ),
        (
            Panel::Cmp,
            &[
                "glucose",
                "bun",
                "creatinine",
                "sodium",
                "potassium",
                "chloride",
                "co2_total",
                "bicarbonate",
                "calcium",
                "total_protein",
                "albumin",
                "bilirubin_total",
                "alp",
                "alt",
                "ast",
            ],
        ),
        (
            Panel::Lipid,
            &[
                "cholesterol_total",
                "hdl_cholesterol",
                "ldl_cholesterol",
                "ldl_cholesterol_direct",
                "ldl_cholesterol_calculated",
                "triglycerides",
                "non_hdl_cholesterol",
                "vldl_cholesterol",
            ],
        ),
        (Panel::Thyroid, &["tsh", "free_t4", "total_t4", "free_t3", "total_t3"]),
    ];
    for (panel, ids) in expected {
        for id in *ids {
            let analyte = catalog.analyte(id).unwrap_or_else(|| panic!("{id} missing"));
            assert!(analyte.belongs_to(*panel), "{id} not in {panel}");
        }
    }
}

#[test]
fn names_resolve_to_families() {
    let catalog = builtin();
    let ids = |name: &str| catalog.find_by_name(name).map(|a| a.id().to_owned()).collect::<Vec<_>>();
    assert_eq!(ids("GLU"), ["glucose"]);
    assert_eq!(ids("Glucose, Serum"), ["glucose"]);
    assert_eq!(ids("hemo\u{200B}globin"), ["hemoglobin"]);
    assert_eq!(ids("NEUT%"), ["neutrophils_pct"]);
    assert_eq!(ids("NEUT#"), ["neutrophils_abs"]);
    let mut neutrophils = ids("Neutrophils");
    neutrophils.sort();
    assert_eq!(neutrophils, ["neutrophils_abs", "neutrophils_pct"]);
    assert!(ids("Unobtainium").is_empty());
    assert_eq!(ids("Hemoglobin [Mass/volume] in Blood"), ["hemoglobin"], "a LOINC long name");
    assert_eq!(ids("Bilirub SerPl-mCnc"), ["bilirubin_total"], "a LOINC short name shown by US Core");
    assert_eq!(ids("Hct VFr Bld"), ["hematocrit"], "a LOINC short name shown by mCODE");
    assert!(ids("PCT").is_empty(), "plateletcrit or procalcitonin: not a name of either");
}

#[test]
fn every_loinc_long_name_names_its_own_analyte_and_no_other() {
    let catalog = builtin();
    let mut checked = 0;
    for analyte in catalog.analytes() {
        for term in analyte.loinc() {
            let ids: Vec<&str> = catalog.find_by_name(&term.long_name).map(Analyte::id).collect();
            assert_eq!(ids, [analyte.id()], "long name of {} is ambiguous or unindexed", term.code);
            checked += 1;
        }
    }
    assert!(checked >= 100, "{checked}");
}

#[test]
fn a_generic_egfr_name_stays_ckd_epi_and_mdrd_is_its_own_analyte() {
    let catalog = builtin();
    let ids = |name: &str| catalog.find_by_name(name).map(|a| a.id().to_owned()).collect::<Vec<_>>();
    assert_eq!(ids("eGFR"), ["egfr"]);
    assert_eq!(ids("Estimated Glomerular Filtration Rate"), ["egfr"]);
    assert_eq!(ids("eGFR (MDRD)"), ["egfr_mdrd"]);
    let mdrd = catalog.find_by_loinc(crate::LoincCode::parse("33914-3").unwrap()).map(Analyte::id);
    assert_eq!(mdrd, Some("egfr_mdrd"));
    let ckd_epi = catalog.find_by_loinc(crate::LoincCode::parse("98979-8").unwrap()).map(Analyte::id);
    assert_eq!(ckd_epi, Some("egfr"));
}

#[test]
fn a_catalog_with_a_bad_check_digit_is_refused() {
    let bad = r#"
        [[analyte]]
        id = "x"
        display = "X"
        kind = "mass_concentration"
        canonical_unit = "mg/dL"
        si_unit = "g/L"
        [[analyte.loinc]]
        code = "2345-8"
        long_name = "x"
        property = "MCnc"
        system = "Ser/Plas"
        source = "test"
    "#;
    let err = Catalog::from_files(&[("bad.toml", bad)]).err();
    assert_eq!(err.as_ref().map(CatalogError::code), Some("catalog_invalid"));
}

#[test]
fn a_unit_that_cannot_express_the_analyte_is_refused() {
    let bad = r#"
        [[analyte]]
        id = "x"
        display = "X"
        kind = "mass_concentration"
        canonical_unit = "mg/dL"
        si_unit = "mmol/L"
    "#;
    assert!(Catalog::from_files(&[("bad.toml", bad)]).is_err(), "mmol/L without a molar mass");
}

/// IUPAC CIAAW standard atomic weights (abridged / conventional values, "Standard atomic weights of the
/// elements 2021", Pure Appl. Chem. 2022): the basis of every formula mass in the catalog.
const ATOMIC_WEIGHTS: &[(&str, f64)] = &[
    ("C", 12.011),
    ("H", 1.008),
    ("N", 14.007),
    ("O", 15.999),
    ("I", 126.904_47),
    ("Na", 22.989_769_28),
    ("K", 39.0983),
    ("Cl", 35.45),
    ("Ca", 40.078),
    ("Mg", 24.305),
    ("P", 30.974),
];

fn formula_mass(formula: &str) -> f64 {
    let mut total = 0.0;
    let mut chars = formula.chars().peekable();
    while let Some(c) = chars.next() {
        let mut symbol = c.to_string();
        while let Some(lower) = chars.next_if(|c| c.is_ascii_lowercase()) {
            symbol.push(lower);
        }
        let mut count = String::new();
        while let Some(digit) = chars.next_if(char::is_ascii_digit) {
            count.push(digit);
        }
        let weight = ATOMIC_WEIGHTS.iter().find(|(s, _)| *s == symbol).map(|(_, w)| *w);
        let weight = weight.unwrap_or_else(|| panic!("no atomic weight for {symbol}"));
        total += weight * count.parse::<f64>().unwrap_or(1.0);
    }
    total
}

#[test]
fn every_formula_mass_matches_its_formula() {
    let catalog = builtin();
    let mut checked = 0;
    for analyte in catalog.analytes() {
        let Some(m) = analyte.molar_mass() else { continue };
        let Some(formula) = &m.formula else { continue };
        let computed = formula_mass(formula);
        assert!((computed - m.g_per_mol).abs() / computed < 1e-5, "{}: {computed} vs {}", analyte.id(), m.g_per_mol);
        checked += 1;
    }
    assert!(checked >= 15, "{checked}");
}

#[test]
fn order_codes_name_panels_only_when_they_order_the_same_analytes() {
    let catalog = builtin();
    let panel = |code: &str| catalog.panel_for_code(crate::LoincCode::parse(code).unwrap());
    assert_eq!(panel("57021-8"), Some(Panel::Cbc));
    assert_eq!(panel("57782-5"), Some(Panel::Cbc));
    assert_eq!(panel("24323-8"), Some(Panel::Cmp));
    assert_eq!(panel("24331-1"), Some(Panel::Lipid));
    assert_eq!(panel("57698-3"), Some(Panel::Lipid));
    assert_eq!(panel("69742-5"), Some(Panel::Cbc));
    assert_eq!(panel("58410-2"), Some(Panel::CbcNoDiff), "a CBC without differential is not labcore's CBC");
    assert_eq!(panel("24321-2"), Some(Panel::Bmp), "a BMP is not a CMP");
    assert_eq!(panel("51990-0"), Some(Panel::Bmp));
    assert_eq!(panel("24320-4"), None, "the 1998 BMP's members were not verified");
    assert_eq!(panel("57022-6"), None, "a reflex differential may not be done");
}

#[test]
fn bmp_and_cbc_without_differential_expect_their_own_members() {
    let catalog = builtin();
    let groups = |panel: Panel| -> Vec<String> {
        catalog.expected_groups(panel).iter().map(|g| g.group.to_string()).collect::<Vec<_>>()
    };
    let bmp = groups(Panel::Bmp);
    assert_eq!(bmp, ["glucose", "bun", "creatinine", "sodium", "potassium", "chloride", "co2", "calcium"]);
    let no_diff = groups(Panel::CbcNoDiff);
    assert_eq!(no_diff, ["wbc", "rbc", "hemoglobin", "hematocrit", "mcv", "mch", "mchc", "rdw", "platelets"]);
    let cbc = groups(Panel::Cbc);
    assert!(no_diff.iter().all(|g| cbc.contains(g)) && cbc.len() > no_diff.len(), "{cbc:?}");
    for id in ["egfr", "anion_gap", "bun_creatinine_ratio"] {
        assert!(catalog.analyte(id).unwrap().belongs_to(Panel::Bmp), "{id} may appear in a BMP");
    }
    for id in ["albumin", "alt", "total_protein"] {
        assert!(!catalog.analyte(id).unwrap().belongs_to(Panel::Bmp), "{id} is not a BMP member");
    }
    for id in ["mpv", "neutrophils_abs", "lymphocytes_pct"] {
        let analyte = catalog.analyte(id).unwrap();
        assert!(analyte.belongs_to(Panel::CbcNoDiff) && !analyte.panels().contains(&Panel::CbcNoDiff), "{id}");
    }
}

#[test]
fn every_panel_code_has_a_valid_check_digit_and_a_source() {
    let catalog = builtin();
    for panel in Panel::ALL.iter().filter(|p| **p != Panel::Thyroid) {
        let code = catalog.panel_code(*panel).unwrap_or_else(|| panic!("{panel} has no code"));
        let text = code.loinc.to_string();
        let (body, check) = text.split_once('-').unwrap();
        assert_eq!(crate::LoincCode::check_digit(body).map(|d| d.to_string()).as_deref(), Some(check), "{text}");
        assert!(!code.source.is_empty(), "{panel}");
    }
}

#[test]
fn lab_catalog_errors_quote_nothing_from_the_file() {
    let catalog = builtin();
    const PLANTED: &str = "Okonkwo-Fairweather";
    let entry = |fields: &str| format!("[[interval]]\nanalyte = \"potassium\"\nsource = \"s\"\n{fields}\n");
    let toml = [
        entry(&format!("low = \"{PLANTED}\"")),
        entry(&format!("low = 1\nunit = \"{PLANTED}\"")),
        entry(&format!("low = 1\nunit = \"mmol/L\"\nage_from = \"{PLANTED}\"")),
        entry(&format!("low = 1\nunit = \"mmol/L\"\nsex = \"{PLANTED}\"")),
        entry(&format!("{PLANTED} = 1")),
        format!("[[interval]]\nanalyte = \"{PLANTED}\"\nlow = 1\nunit = \"mmol/L\"\nsource = \"s\""),
        format!("lab_id = \"{PLANTED}\"\nlab_id = \"{PLANTED}\""),
        format!("[[{PLANTED}]]\nx = 1"),
        format!("lab_id = \"{PLANTED}"),
    ];
    let json = [
        format!(r#"{{"interval": [{{"analyte": "potassium", "low": "{PLANTED}"}}]}}"#),
        format!(r#"{{"{PLANTED}": 1}}"#),
        format!(r#"{{"lab_id": "{PLANTED}" 1}}"#),
        format!(r#"{{"delta": [{{"analyte": "{PLANTED}", "unit": "mmol/L", "window_hours": 1, "source": "s"}}]}}"#),
        format!(r#"{{"analyte": [{{"id": "{PLANTED}"}}]}}"#),
    ];
    let errors = toml
        .iter()
        .map(|text| LabCatalog::from_toml(&catalog, "lab.toml", text).err())
        .chain(json.iter().map(|text| LabCatalog::from_json(&catalog, "lab.json", text).err()));
    for err in errors {
        let err = err.unwrap_or_else(|| panic!("a bad lab catalog was accepted"));
        let rendered = format!("{err} {err:?}");
        assert!(!rendered.contains(PLANTED) && !rendered.contains("Okonkwo"), "{rendered}");
        assert!(rendered.contains("lab."), "{rendered}");
    }
}

#[test]
fn a_toml_type_error_is_located_by_its_entry() {
    let text = "[[interval]]\nanalyte = \"glucose\"\nlow = 60\nunit = \"mg/dL\"\nsource = \"s\"\n\
                [[interval]]\nanalyte = \"glucose\"\nlow = \"sixty\"\nunit = \"mg/dL\"\nsource = \"s\"\n";
    let err = LabCatalog::from_toml(&builtin(), "lab.toml", text).err().map(|e| e.to_string());
    assert_eq!(err.as_deref(), Some("lab.toml: not a catalog file: a value has the wrong type in interval[1]"));
}

#[test]
fn a_limit_that_is_not_finite_is_refused_not_dropped() {
    // In JSON, nan and inf would become null: an absent limit, a one-sided interval nobody asked for.
    let catalog = builtin();
    let entry = |bound: &str| {
        format!(
            "[[interval]]\nanalyte = \"glucose\"\nlow = 60\nhigh = 110\nunit = \"mg/dL\"\nsource = \"s\"\n\
                 [[critical]]\nanalyte = \"glucose\"\n{bound}\nunit = \"mg/dL\"\nsource = \"s\"\n"
        )
    };
    for bound in ["low = nan", "high = inf", "low = -inf\nhigh = 400", "low = 40\nhigh = +nan"] {
        let err = LabCatalog::from_toml(&catalog, "lab.toml", &entry(bound)).err().map(|e| e.to_string());
        let expected =
            "lab.toml: critical[0]: a number is not finite (nan or inf); leave a limit out to make it one-sided";
        assert_eq!(err.as_deref(), Some(expected), "{bound}");
    }
    let err = LabCatalog::from_toml(&catalog, "lab.toml", "extra = nan\n").err().map(|e| e.to_string());
    assert!(err.is_some_and(|e| e.contains("not finite")));
    let files = [("lab.toml", "[[analyte]]\nid = \"x\"\nplausible = { low = 0.0, high = inf }\n")];
    let err = Catalog::from_files(&files).err().map(|e| e.to_string());
    assert_eq!(
        err.as_deref(),
        Some("lab.toml: analyte[0]: a number is not finite (nan or inf); leave a limit out to make it one-sided")
    );
    // A JSON catalog cannot write nan or inf at all, and `null` is an absent limit, as documented.
    assert!(
        LabCatalog::from_json(&catalog, "lab.json", r#"{"critical": [{"analyte": "glucose", "low": NaN}]}"#).is_err()
    );
}
