//! Invariants of reading real feeds (issue 14), checked with proptest over generated HL7 v2 messages:
//!
//! - no result is lost to segment order: an order's results are the same whether its SPM comes after them (HL7
//!   v2.5.1's SPECIMEN group) or before them (as some EHR vendors send ELR), and the unusual order is noted;
//! - a valid LOINC code a sender gives is never output as another code: every term of every catalog analyte and
//!   valid codes the catalog does not know, with names of the same analyte, of another or none, in any accepted
//!   unit and either unit system;
//! - one unusable result does not cost the others: a result in error is marked `usable: false`, every other result
//!   is still read and flagged, and the report needs a person (NEEDS_REVIEW) unless nothing usable is left.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, missing_docs)]

use std::sync::OnceLock;

use labcore::catalog::Catalog;
use labcore::{Context, FindingCode, Intake, Report, Severity, Status, UnitSystem};
use proptest::prelude::*;
use serde_json::json;

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::builtin().unwrap())
}

/// Analytes with their unit, and plausible values below, inside and above their adult intervals.
const ANALYTES: &[(&str, &str, &str, [&str; 3])] = &[
    ("2823-3", "Potassium", "mmol/L", ["3.1", "4.2", "5.6"]),
    ("2951-2", "Sodium", "mmol/L", ["128", "140", "150"]),
    ("2345-7", "Glucose", "mg/dL", ["65", "90", "250"]),
    ("2160-0", "Creatinine", "mg/dL", ["0.3", "0.9", "1.6"]),
    ("1742-6", "ALT", "U/L", ["2", "25", "80"]),
];

/// One OBX: analyte, value, and whether its unit is one that cannot express the analyte (a result in error).
type Obx = (usize, usize, bool);

fn obx_segment(set_id: usize, (analyte, value, broken): Obx) -> String {
    let (code, name, unit, values) = ANALYTES[analyte];
    let unit = if broken { "fL" } else { unit };
    format!("OBX|{set_id}|NM|{code}^{name}^LN||{}|{unit}|||||F", values[value])
}

fn message(observations: &[Obx], specimen_first: bool) -> String {
    let mut segments = vec![
        "MSH|^~\\&|LIS|LAB|EHR|CLINIC|20261124080000-0500||ORU^R01^ORU_R01|M1|P|2.5.1".to_owned(),
        "PID|1||MRN-1^^^LAB^MR||DOE^JANE||19800402|F".to_owned(),
        "OBR|1|||24323-8^CMP^LN|||202611240730-0500".to_owned(),
    ];
    let spm = "SPM|1|^ACC-1&LAB||119364003^Serum specimen^SCT".to_owned();
    if specimen_first {
        segments.push(spm.clone());
    }
    segments.extend(observations.iter().enumerate().map(|(i, o)| obx_segment(i + 1, *o)));
    if !specimen_first {
        segments.push(spm);
    }
    segments.join("\r")
}

/// The message's one report, and whether the message noted a segment in an unusual place.
fn report(text: &str) -> (Report<'static>, bool) {
    let context = Context::new(catalog(), "2026-11-25T12:00:00Z".parse().unwrap());
    let Ok(Intake::Hl7(outcome)) = labcore::process_any(text.as_bytes(), &context) else { panic!("not HL7") };
    let mut messages = outcome.messages;
    assert_eq!(messages.len(), 1);
    let message = messages.remove(0);
    let noted = message.findings.iter().any(|f| f.code() == FindingCode::SegmentUnexpected);
    let mut reports: Vec<Report<'static>> = message.orders.into_iter().map(|o| o.report).collect();
    assert_eq!(reports.len(), 1);
    (reports.remove(0), noted)
}

/// A result's code, value, flag and usability.
type Summary = (Option<String>, Option<f64>, Option<String>, bool);

/// What a result is, as far as segment order could change it.
fn summary(report: &Report<'_>) -> Vec<Summary> {
    let flag = |r: &labcore::NormalizedResult<'_>| r.flag.map(|f| format!("{f:?}"));
    report.results.iter().map(|r| (r.loinc.map(|c| c.to_string()), r.value, flag(r), r.usable)).collect()
}

fn observations() -> impl Strategy<Value = Vec<Obx>> {
    prop::collection::vec((0..ANALYTES.len(), 0..3usize, prop::bool::weighted(0.2)), 1..8)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn no_result_is_lost_to_segment_order(observations in observations()) {
        let (standard, standard_noted) = report(&message(&observations, false));
        let (vendor, vendor_noted) = report(&message(&observations, true));
        prop_assert_eq!(standard.results.len(), observations.len());
        prop_assert_eq!(summary(&standard), summary(&vendor));
        prop_assert!(!standard_noted);
        prop_assert!(vendor_noted, "the unusual order is noted");
    }

    #[test]
    fn one_unusable_result_does_not_cost_the_others(observations in observations()) {
        let (report, _) = report(&message(&observations, false));
        for (result, (_, _, broken)) in report.results.iter().zip(&observations) {
            prop_assert_eq!(result.usable, !broken, "only a result in error is unusable");
            if !broken {
                prop_assert!(result.flag.is_some(), "every usable result is flagged");
            }
        }
        let broken = observations.iter().filter(|o| o.2).count();
        let expected = match broken {
            0 => report.status,
            b if b == observations.len() => Status::Rejected,
            _ => Status::NeedsReview,
        };
        prop_assert_eq!(report.status, expected);
        if broken > 0 && broken < observations.len() {
            prop_assert!(report.accepted);
            prop_assert!(report.status_reasons.contains(&FindingCode::UnitIncompatible));
        }
        let errors_outside_results =
            report.findings.iter().any(|f| f.severity() == Severity::Error && f.path().result_index().is_none());
        prop_assert!(!errors_outside_results);
    }
}

/// Every LOINC code of the catalog, with its analyte's position; and valid codes the catalog does not know (race-based
/// MDRD eGFR "among non-blacks", cholesterol mass-or-moles, HbA1c, blood lead, ESR).
fn sent_codes() -> Vec<(String, Option<usize>)> {
    let known = catalog()
        .analytes()
        .iter()
        .enumerate()
        .flat_map(|(i, a)| a.loinc().iter().map(move |t| (t.code.to_string(), Some(i))));
    let unknown = ["48642-3", "35200-5", "4548-4", "10368-9", "30341-2"].map(|c| (c.to_owned(), None));
    known.chain(unknown).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn a_valid_sender_code_is_never_output_as_another(
        pick in any::<prop::sample::Index>(),
        name_of in 0usize..3,
        other in any::<prop::sample::Index>(),
        unit_pick in any::<prop::sample::Index>(),
        si in any::<bool>(),
    ) {
        let codes = sent_codes();
        let (code, position) = &codes[pick.index(codes.len())];
        let analytes = catalog().analytes();
        let own = position.map(|p| &analytes[p]);
        let another = &analytes[other.index(analytes.len())];
        let name = match name_of {
            0 => None,
            1 => own.map(|a| a.aliases().first().map_or(a.display(), String::as_str)),
            _ => Some(another.display()),
        };
        let unit = own.or(Some(another)).map(|a| {
            let units = a.accepted_units();
            if units.is_empty() { a.canonical_unit().ucum().to_owned() } else { units[unit_pick.index(units.len())].ucum().to_owned() }
        });
        let mut result = json!({"loinc": code, "value": "5.0", "unit": unit});
        if let Some(name) = name {
            result["analyte"] = json!(name);
        }
        let payload = json!({"patient_id": "P", "lab_id": "L", "collected_at": "2026-11-24T08:00:00Z",
            "patient": {"sex": "F", "birth_date": "1980-04-02"}, "results": [result]});
        let system = if si { UnitSystem::Si } else { UnitSystem::Conventional };
        let context = Context::new(catalog(), "2026-11-25T12:00:00Z".parse().unwrap()).with_unit_system(system);
        let report = labcore::validate(payload.to_string().as_bytes(), &context).unwrap();
        let output = report.results[0].loinc.map(|c| c.to_string());
        prop_assert_eq!(output.as_deref(), Some(code.as_str()), "name {:?}", name);
    }
}

/// An accepted payload always has its typed payload (the fuzz target's invariant), also when one result's value
/// cannot be read: that result is left out of the typed payload and marked unusable in the report.
#[test]
fn an_accepted_payload_with_one_unreadable_value_has_its_typed_payload() {
    let payload = json!({"patient_id": "MRN-1", "lab_id": "LAB", "test_type": "CMP",
    "collected_at": "2026-11-24T08:00:00Z",
    "results": [
        {"analyte": "Glucose", "unit": "mg/dL"},
        {"analyte": "Potassium", "value": "4.1", "unit": "mmol/L"}
    ]});
    let as_of = chrono::DateTime::parse_from_rfc3339("2026-11-25T12:00:00Z").unwrap().to_utc();
    let processed = labcore::process(payload.to_string().as_bytes(), &Context::new(catalog(), as_of)).unwrap();
    assert!(processed.report.accepted, "{:?}", processed.report.findings);
    assert_eq!(processed.report.status, Status::NeedsReview);
    assert!(!processed.report.results[0].usable && processed.report.results[1].usable);
    let typed = processed.payload.expect("an accepted report has its typed payload");
    assert_eq!(typed.results.len(), 1);
}
