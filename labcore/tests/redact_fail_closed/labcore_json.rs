//! labcore JSON: every member of the payload, identifiers and dates also sent as numbers or objects, text where
//! a value belongs, members labcore does not know, other encodings.

use proptest::prelude::*;
use serde_json::{Value, json};

use crate::plant::Planter;

/// The lab's results, which must come out exactly as they went in.
fn results() -> Vec<Value> {
    vec![
        json!({"analyte": "Potassium", "loinc": "2823-3", "value": 4.1, "unit": "mmol/L", "reference_range": "3.5-5.1", "flag": "N"}),
        json!({"analyte": "Glucose", "loinc": "2345-7", "value": "105", "unit": "mg/dL", "reference_range": {"low": 70, "high": 99}, "flag": "H"}),
        json!({"analyte": "eGFR", "value": ">60", "unit": "mL/min/1.73m2"}),
    ]
}

/// How the payload is mutated.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Mutations {
    numbers: bool,
    objects: bool,
    utf16: bool,
}

pub(crate) fn mutations() -> impl Strategy<Value = Mutations> {
    any::<[bool; 3]>().prop_map(|[numbers, objects, utf16]| Mutations { numbers, objects, utf16 })
}

pub(crate) fn payload(p: &mut Planter, m: Mutations) -> Value {
    let (birth_compact, birth) = p.date();
    let (_, collected) = p.date();
    let patient_id = p.id("");
    let specimen = p.id("");
    let text_value = p.free_text();
    let mut rows = results();
    rows.push(json!({"analyte": "Comment", "value": text_value, "comment": p.free_text()}));
    let mut payload = json!({
        "patient_id": if m.numbers { json!(patient_id.parse::<u64>().unwrap()) } else { json!(patient_id) },
        "lab_id": "NORTHWIND-CLIN-LAB",
        "test_type": "CMP",
        "collected_at": format!("{collected}T07:42:00-05:00"),
        "patient": {"sex": "female",
            "birth_date": if m.numbers { json!(birth_compact.parse::<u64>().unwrap()) } else { json!(birth) }},
        "specimen": {"type": "serum", "id": if m.numbers { json!(specimen.parse::<u64>().unwrap()) } else { json!(specimen) }},
        "results": rows,
        "comments": [p.free_text(), format!("SSN {} on file", p.hidden_ssn())],
        "ordering_note": p.free_text(),
        "callback": if m.numbers { json!(p.phone().replace(|c: char| !c.is_ascii_digit(), "").parse::<u64>().unwrap()) } else { json!(p.phone()) },
    });
    if m.objects {
        payload["comments"] = json!({"by": p.free_text(), "text": p.free_text()});
        payload["results"][0]["comment"] = json!({"note": p.free_text()});
    }
    payload
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn no_identifier_survives_in_any_member(seed in any::<u64>(), m in mutations()) {
        let mut p = Planter::new(seed);
        let input = payload(&mut p, m);
        let text = serde_json::to_string(&input).unwrap();
        let bytes: Vec<u8> = if m.utf16 {
            [0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect()
        } else {
            text.into_bytes()
        };
        // labcore JSON carries no name: the caller passes the patient's as seeds (names without any cue in free
        // text are the free-text detector's own task, measured in benches::deid_eval).
        let mut options = crate::options();
        options.seeds.add(labcore::redact::Category::Name, &format!("{} {}", p.given, p.family));
        for (i, redactor) in crate::redactors().iter().enumerate() {
            let redacted = redactor.labcore_json(&bytes, &options).unwrap();
            let survivors = crate::survivors(&p.all_secrets(i == 0), &redacted);
            prop_assert!(survivors.is_empty(), "survivors:\n{}", crate::around(&survivors, &redacted.output));
            let output: Value = serde_json::from_str(&redacted.output).unwrap();
            for (k, row) in results().iter().enumerate() {
                for key in ["analyte", "loinc", "value", "unit", "reference_range", "flag"] {
                    prop_assert_eq!(&output["results"][k][key], &row[key], "a lab element changed");
                }
            }
            let auto = redactor.auto(&bytes, &options).unwrap();
            prop_assert_eq!(auto.output, redacted.output, "recognised as labcore JSON whatever its encoding");
        }
    }
}
