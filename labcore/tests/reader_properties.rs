//! Invariants of the HL7 v2 and FHIR readers (issue 13), checked with proptest over generated messages:
//!
//! - a withdrawn order yields no live result: an HL7 order cancelled by ORC-1 or ORC-5 or without results by
//!   OBR-25, a FHIR DiagnosticReport `entered-in-error` or `cancelled`, and every result whose own status withdraws
//!   it, give no result and no critical value; a training or debugging message reaches no status that releases it;
//! - no result is flagged against a sender's range that does not apply to the patient: a FHIR range used
//!   (`origin` payload) is one whose `age` and `appliesTo` sex hold the patient, and when none does, a finding says
//!   why none was used.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, missing_docs)]

use std::sync::OnceLock;

use labcore::catalog::Catalog;
use labcore::{Context, FindingCode, Intake, RangeOrigin, Report, ResultStatus, Status};
use proptest::prelude::*;
use serde_json::{Value, json};

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::builtin().unwrap())
}

fn context() -> Context<'static> {
    Context::new(catalog(), "2026-11-25T12:00:00Z".parse().unwrap())
}

/// Analytes with a critical limit, and values on both sides of it.
const ANALYTES: &[(&str, &str, &str)] = &[
    ("2823-3", "Potassium", "mmol/L"),
    ("2951-2", "Sodium", "mmol/L"),
    ("2345-7", "Glucose", "mg/dL"),
    ("17861-6", "Calcium", "mg/dL"),
];
const VALUES: &[&str] = &["6.8", "4.2", "110", "140", "30", "95", "14.9", "9.5"];

/// The result statuses a live result may have.
fn is_live(status: Option<ResultStatus>) -> bool {
    !matches!(status, Some(ResultStatus::EnteredInError | ResultStatus::Cancelled | ResultStatus::Registered))
}

fn has(report: &Report<'_>, code: FindingCode) -> bool {
    report.findings.iter().any(|f| f.code() == code)
}

// ---------------------------------------------------------------------------------------------------------------
// HL7 v2

#[derive(Debug, Clone)]
struct Hl7Order {
    orc: Option<(&'static str, &'static str)>,
    obr25: &'static str,
    results: Vec<(usize, usize, &'static str)>,
}

fn hl7_order() -> impl Strategy<Value = Hl7Order> {
    let orc1 = prop::sample::select(vec!["RE", "NW", "SC", "CA", "CR", "DC", "DR", "OC", "OD", "XO"]);
    let orc5 = prop::sample::select(vec!["", "CM", "IP", "SC", "CA", "DC"]);
    let obr25 = prop::sample::select(vec!["", "F", "P", "C", "A", "R", "O", "I", "S", "X", "Y", "Z"]);
    let obx11 = prop::sample::select(vec!["F", "C", "P", "X", "W", "D", "I", "N", "", "F~D", "D~F", "F~C"]);
    let result = (0..ANALYTES.len(), 0..VALUES.len(), obx11);
    (prop::option::of((orc1, orc5)), obr25, prop::collection::vec(result, 1..4))
        .prop_map(|(orc, obr25, results)| Hl7Order { orc, obr25, results })
}

fn hl7_message(processing: &str, orders: &[Hl7Order]) -> String {
    let mut segments = vec![
        format!("MSH|^~\\&|LIS|NORTHWIND|EHR|CLINIC|20261124080000-0500||ORU^R01|MSG1|{processing}|2.5.1"),
        "PID|1||MRN-1^^^NW^MR||DOE^JANE||19840312|F".to_owned(),
    ];
    for (n, order) in orders.iter().enumerate() {
        if let Some((control, status)) = order.orc {
            segments.push(format!("ORC|{control}|P-{n}|||{status}"));
        }
        segments.push(format!("OBR|{}|||24323-8^CMP^LN|||202611240742-0500{}{}", n + 1, "|".repeat(18), order.obr25));
        for (i, (analyte, value, status)) in order.results.iter().enumerate() {
            let (code, name, unit) = ANALYTES[*analyte];
            segments.push(format!("OBX|{}|NM|{code}^{name}^LN||{}|{unit}|||||{status}", i + 1, VALUES[*value]));
        }
    }
    segments.join("\r") + "\r"
}

fn withdrawn(order: &Hl7Order) -> bool {
    let by_orc = order.orc.is_some_and(|(control, status)| {
        ["CA", "CR", "DC", "DR", "OC", "OD"].contains(&control) || ["CA", "DC"].contains(&status)
    });
    by_orc || ["O", "I", "S", "X", "Y", "Z"].contains(&order.obr25)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn a_withdrawn_hl7_order_yields_no_live_result(
        processing in prop::sample::select(vec!["P", "T", "D", ""]),
        orders in prop::collection::vec(hl7_order(), 1..4),
    ) {
        let message = hl7_message(processing, &orders);
        let statuses: Vec<&str> = orders.iter().flat_map(|o| o.results.iter().map(|r| r.2)).collect();
        let outcome = labcore::hl7::process(message.as_bytes(), &context()).unwrap();
        let processed = &outcome.messages[0];
        prop_assert_eq!(processed.orders.len(), orders.len());
        let training = matches!(processing, "T" | "D");
        if training {
            prop_assert_eq!(processed.ack_code, labcore::hl7::AckCode::AR);
        }
        for (order, got) in orders.iter().zip(&processed.orders) {
            let report = &got.report;
            if training {
                prop_assert_eq!(report.status, Status::Rejected);
                prop_assert!(has(report, FindingCode::ProcessingNotProduction));
            }
            if withdrawn(order) {
                prop_assert!(report.results.is_empty(), "a withdrawn order has results: {message:?}");
                prop_assert!(has(report, FindingCode::OrderWithdrawn));
                prop_assert!(!has(report, FindingCode::CriticalValue));
                prop_assert_ne!(report.status, Status::Ready);
            }
            if let Some(payload) = &got.payload {
                let withdrawn = payload.results.iter().any(|r| r.status == Some(ResultStatus::EnteredInError));
                prop_assert!(!withdrawn, "a withdrawn result is in the typed payload: {message:?}");
            }
            for result in &report.results {
                // A result its sender withdrew (OBX-11 W, D) is listed so that a person sees it, but never used.
                if result.status == Some(ResultStatus::EnteredInError) {
                    let used = result.usable || result.flag.is_some() || result.critical.is_some() || result.value.is_some();
                    prop_assert!(!used, "a withdrawn result is used: {message:?}");
                    prop_assert!(has(report, FindingCode::ResultRetracted));
                    prop_assert_ne!(report.status, Status::Ready);
                    continue;
                }
                prop_assert!(is_live(result.status), "a result that is not live is reported: {message:?}");
                // OBX[k]: the k-th OBX of the message.
                let at = result.location.as_ref().map(ToString::to_string).unwrap_or_default();
                let k: usize = at.trim_start_matches("OBX[").trim_end_matches(']').parse().unwrap();
                if statuses[k - 1] == "F~D" {
                    prop_assert!(result.flag.is_none() && result.value.is_none(), "a result whose status conflicts is used");
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// FHIR

const REPORT_STATUSES: &[&str] = &[
    "final",
    "amended",
    "corrected",
    "preliminary",
    "registered",
    "partial",
    "cancelled",
    "entered-in-error",
    "unknown",
];
const OBSERVATION_STATUSES: &[&str] =
    &["final", "amended", "corrected", "preliminary", "registered", "cancelled", "entered-in-error", "unknown"];

/// A generated DiagnosticReport: its status, and its Observations (analyte, value, status), as indices.
type GeneratedReport = (usize, Vec<(usize, usize, usize)>);

fn observation(id: usize, analyte: usize, value: usize, status: &str) -> Value {
    let (code, name, unit) = ANALYTES[analyte];
    json!({"resourceType": "Observation", "id": format!("o{id}"), "status": status,
        "code": {"coding": [{"system": "http://loinc.org", "code": code}], "text": name},
        "subject": {"reference": "Patient/p1"}, "effectiveDateTime": "2026-11-24T07:42:00-05:00",
        "valueQuantity": {"value": VALUES[value].parse::<f64>().unwrap(), "unit": unit,
                          "system": "http://unitsofmeasure.org", "code": unit}})
}

fn fhir_bundle(reports: &[GeneratedReport]) -> Value {
    let mut entries = vec![json!({"resource": {"resourceType": "Patient", "id": "p1", "gender": "female",
        "birthDate": "1984-03-12", "identifier": [{"value": "MRN-1"}]}})];
    let mut next = 0;
    for (status, observations) in reports {
        let ids: Vec<usize> = (next..next + observations.len()).collect();
        next += observations.len();
        entries.push(json!({"resource": {"resourceType": "DiagnosticReport", "status": REPORT_STATUSES[*status],
            "code": {"text": "CMP"}, "subject": {"reference": "Patient/p1"},
            "effectiveDateTime": "2026-11-24T07:42:00-05:00", "performer": [{"display": "Lab"}],
            "result": ids.iter().map(|i| json!({"reference": format!("Observation/o{i}")})).collect::<Vec<_>>()}}));
        for (id, (analyte, value, obs_status)) in ids.iter().zip(observations) {
            entries.push(json!({"resource": observation(*id, *analyte, *value, OBSERVATION_STATUSES[*obs_status])}));
        }
    }
    json!({"resourceType": "Bundle", "type": "collection", "entry": entries})
}

fn fhir_reports() -> impl Strategy<Value = Vec<GeneratedReport>> {
    let observation = (0..ANALYTES.len(), 0..VALUES.len(), 0..OBSERVATION_STATUSES.len());
    prop::collection::vec((0..REPORT_STATUSES.len(), prop::collection::vec(observation, 1..4)), 1..4)
}

/// A FHIR reference range for the test: bounds, and the sex and ages (in years) it is for.
#[derive(Debug, Clone)]
struct TestRange {
    low: f64,
    high: f64,
    sex: Option<&'static str>,
    ages: Option<(u32, Option<u32>)>,
}

fn test_range() -> impl Strategy<Value = TestRange> {
    let sex = prop::option::of(prop::sample::select(vec!["female", "male"]));
    let ages = prop::option::of((0u32..80, prop::option::of(0u32..40)));
    (30u32..45, 46u32..60, sex, ages).prop_map(|(low, high, sex, ages)| TestRange {
        low: f64::from(low) / 10.0,
        high: f64::from(high) / 10.0,
        sex,
        ages: ages.map(|(from, span)| (from, span.map(|s| from + s))),
    })
}

impl TestRange {
    fn json(&self) -> Value {
        let quantity =
            |v: f64, unit: &str| json!({"value": v, "unit": unit, "system": "http://unitsofmeasure.org", "code": unit});
        let mut range = json!({"low": quantity(self.low, "mmol/L"), "high": quantity(self.high, "mmol/L")});
        if let Some(sex) = self.sex {
            range["appliesTo"] =
                json!([{"coding": [{"system": "http://hl7.org/fhir/administrative-gender", "code": sex}]}]);
        }
        if let Some((from, to)) = self.ages {
            range["age"] = json!({"low": quantity(f64::from(from), "a")});
            if let Some(to) = to {
                range["age"]["high"] = quantity(f64::from(to), "a");
            }
        }
        range
    }

    /// Whether the range is for a patient of this sex and age in completed years (FHIR Range: inclusive).
    fn applies(&self, sex: &str, years: u32) -> bool {
        self.sex.is_none_or(|s| s == sex)
            && self.ages.is_none_or(|(from, to)| from <= years && to.is_none_or(|t| years <= t))
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn a_withdrawn_fhir_report_yields_no_live_result(reports in fhir_reports()) {
        let input = fhir_bundle(&reports).to_string();
        let Intake::Fhir(outcome) = labcore::process_any(input.as_bytes(), &context()).unwrap() else { panic!("not FHIR") };
        prop_assert_eq!(outcome.reports.len(), reports.len());
        for ((status, _), got) in reports.iter().zip(&outcome.reports) {
            let report = &got.report;
            if ["cancelled", "entered-in-error"].contains(&REPORT_STATUSES[*status]) {
                prop_assert!(report.results.is_empty(), "a withdrawn report has results: {input}");
                prop_assert!(has(report, FindingCode::OrderWithdrawn));
                prop_assert!(!has(report, FindingCode::CriticalValue));
                prop_assert_ne!(report.status, Status::Ready);
            }
            for result in &report.results {
                prop_assert!(is_live(result.status), "a withdrawn observation is reported: {input}");
            }
        }
    }

    #[test]
    fn no_result_is_flagged_against_a_range_that_does_not_apply(
        ranges in prop::collection::vec(test_range(), 1..4),
        female in any::<bool>(),
        years in 0u32..90,
        value in 25u32..70,
    ) {
        let sex = if female { "female" } else { "male" };
        // Born on 1 June `years + 1` years before 2026: `years + 1` completed years on 2026-11-24.
        let birth = format!("{:04}-06-01", 2026 - years - 1);
        let observation = json!({"resourceType": "Observation", "status": "final",
            "code": {"coding": [{"system": "http://loinc.org", "code": "2823-3"}], "text": "Potassium"},
            "subject": {"reference": "urn:uuid:p"}, "effectiveDateTime": "2026-11-24T07:42:00-05:00",
            "performer": [{"display": "Lab"}],
            "valueQuantity": {"value": f64::from(value) / 10.0, "unit": "mmol/L", "system": "http://unitsofmeasure.org", "code": "mmol/L"},
            "referenceRange": ranges.iter().map(TestRange::json).collect::<Vec<_>>()});
        let input = json!({"resourceType": "Bundle", "type": "collection", "entry": [
            {"fullUrl": "urn:uuid:p", "resource": {"resourceType": "Patient", "gender": sex, "birthDate": birth,
                "identifier": [{"value": "MRN-1"}]}},
            {"resource": observation}]}).to_string();
        let Intake::Fhir(outcome) = labcore::process_any(input.as_bytes(), &context()).unwrap() else { panic!("not FHIR") };
        let report = &outcome.reports[0].report;
        let result = &report.results[0];
        let applying: Vec<&TestRange> = ranges.iter().filter(|r| r.applies(sex, years + 1)).collect();
        match result.range.as_ref().filter(|r| r.origin == RangeOrigin::Payload) {
            Some(used) => {
                let from_applying = applying.iter().any(|r| Some(r.low) == used.low && Some(r.high) == used.high);
                prop_assert!(from_applying, "a range that does not apply was used: {input}");
            }
            None if applying.is_empty() => {
                prop_assert!(has(report, FindingCode::RangeNotApplicable), "no finding says why: {input}");
            }
            None => prop_assert!(has(report, FindingCode::RangeAmbiguous), "an applying range was dropped: {input}"),
        }
    }
}
