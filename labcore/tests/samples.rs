//! Real, publicly published HL7 v2 messages and FHIR resources (`conformance/hl7/samples`, `conformance/fhir/samples`,
//! sources in `conformance/SOURCES.md`), read as they are: what labcore makes of each is pinned in
//! `conformance/samples.json`, and the properties every input must have are checked on all of them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, missing_docs)]

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use labcore::catalog::Catalog;
use labcore::hl7::{AckOptions, Document};
use labcore::{Context, FindingCode, Intake, RangeOrigin, SourceLocation};
use serde_json::{Value, json};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../conformance")
}

fn as_of() -> DateTime<Utc> {
    "2026-11-25T12:00:00Z".parse().unwrap()
}

fn samples() -> Vec<PathBuf> {
    let mut paths = Vec::new();
    for dir in ["hl7/samples", "fhir/samples"] {
        let entries = std::fs::read_dir(root().join(dir)).unwrap();
        paths.extend(entries.map(|e| e.unwrap().path()).filter(|p| p.is_file()));
    }
    paths.sort();
    paths
}

fn name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

/// What the pinned expectations record of an intake.
fn summary(intake: &Intake<'_>) -> Value {
    let reports: Vec<Value> = intake
        .reports()
        .iter()
        .map(|r| {
            json!({
                "status": r.status,
                "panel": r.panel,
                "results": r.results.len(),
                "status_reasons": r.status_reasons,
            })
        })
        .collect();
    let acks: Option<Vec<&str>> = match intake {
        Intake::Hl7(outcome) => Some(outcome.messages.iter().map(|m| m.ack_code.as_str()).collect()),
        _ => None,
    };
    json!({ "format": intake.format(), "accepted": intake.accepted(), "ack_codes": acks, "reports": reports })
}

#[test]
fn every_sample_gives_its_pinned_outcome() {
    let catalog = Catalog::builtin().unwrap();
    let context = Context::new(&catalog, as_of());
    let paths = samples();
    assert!(paths.len() >= 25, "{} samples", paths.len());
    if std::env::var_os("LABCORE_PIN_SAMPLES").is_some() {
        // Re-pin after a deliberate change: LABCORE_PIN_SAMPLES=1 cargo test --test samples; review the diff.
        let all: serde_json::Map<String, Value> = paths
            .iter()
            .map(|p| (name(p), summary(&labcore::process_any(&std::fs::read(p).unwrap(), &context).unwrap())))
            .collect();
        std::fs::write(root().join("samples.json"), serde_json::to_string_pretty(&all).unwrap() + "\n").unwrap();
    }
    let pinned: Value = serde_json::from_slice(&std::fs::read(root().join("samples.json")).unwrap()).unwrap();
    let mut problems = Vec::new();
    for path in &paths {
        let bytes = std::fs::read(path).unwrap();
        let got = summary(&labcore::process_any(&bytes, &context).unwrap());
        match pinned.get(name(path)) {
            Some(want) if *want == got => {}
            Some(want) => problems.push(format!("{}:\n  pinned {want}\n  got    {got}", name(path))),
            None => problems.push(format!("{} is not pinned in samples.json: {got}", name(path))),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The acceptance rule of the HL7 issue, on every real result: a numeric value with a numeric range from the
/// sender and a sender's flag gets the same flag from labcore, or a finding at that result says why not.
#[test]
fn every_vendor_flag_is_matched_or_explained() {
    let catalog = Catalog::builtin().unwrap();
    let context = Context::new(&catalog, as_of());
    let explaining = [
        FindingCode::FlagMismatch,
        FindingCode::FlagIndeterminate,
        FindingCode::ImplausibleValue,
        FindingCode::RangeUnparseable,
        FindingCode::VendorFlagUnknown,
        FindingCode::UnitIncompatible,
        FindingCode::UnitUnknown,
        FindingCode::UnknownAnalyte,
    ];
    let (mut compared, mut problems) = (0, Vec::new());
    for path in samples() {
        let bytes = as_production(&std::fs::read(&path).unwrap());
        let intake = labcore::process_any(&bytes, &context).unwrap();
        for report in intake.reports() {
            for result in &report.results {
                let numeric_range = result.original.reference_range.as_ref().is_some_and(|r| {
                    r.text.as_deref().is_some_and(|t| t.chars().any(|c| c.is_ascii_digit()))
                        || r.low.is_some()
                        || r.high.is_some()
                });
                let (Some(vendor), true) = (&result.original.flag, result.original.value.is_some() && numeric_range)
                else {
                    continue;
                };
                compared += 1;
                let agrees = labcore::flags::read_vendor_flag(vendor).zip(result.flag).is_some_and(|(v, ours)| {
                    v.agrees_with(ours) && result.range.as_ref().is_some_and(|r| r.origin == RangeOrigin::Payload)
                });
                let explained = report
                    .findings
                    .iter()
                    .any(|f| f.path().result_index() == Some(result.index) && explaining.contains(&f.code()));
                if !agrees && !explained {
                    problems.push(format!(
                        "{} {:?}: labcore {:?}, vendor {vendor}",
                        name(&path),
                        result.location.as_ref().map(|l| l.to_string()),
                        result.flag
                    ));
                }
            }
        }
    }
    assert!(compared >= 60, "only {compared} results compared");
    assert!(problems.is_empty(), "unexplained flag differences:\n{}", problems.join("\n"));
}

/// An HL7 input with every MSH-11 set to `P`. The NIST LRI samples are test messages (MSH-11 `T`), which labcore
/// rejects without flagging anything (no patient's data); their results are realistic, so the flag comparison
/// reads them as production.
fn as_production(bytes: &[u8]) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(bytes) else { return bytes.to_vec() };
    if !text.starts_with("MSH") {
        return bytes.to_vec();
    }
    let segments = text.split_inclusive(['\r', '\n']).map(|segment| {
        let mut fields: Vec<&str> = segment.split('|').collect();
        if segment.starts_with("MSH|") && fields.len() > 11 {
            fields[10] = "P";
        }
        fields.join("|")
    });
    segments.collect::<String>().into_bytes()
}

/// Every finding of an HL7 or FHIR input is located in the sender's message, and every result too.
#[test]
fn every_finding_and_result_is_located() {
    let catalog = Catalog::builtin().unwrap();
    let context = Context::new(&catalog, as_of());
    for path in samples() {
        let bytes = std::fs::read(&path).unwrap();
        let intake = labcore::process_any(&bytes, &context).unwrap();
        for finding in
            intake.input_findings().into_iter().chain(intake.reports().iter().flat_map(|r| r.findings.iter()))
        {
            // Input-level counts ("more lines were ignored") have no single place.
            let summary_line = finding.message().contains("only the first 20");
            assert!(finding.location().is_some() || summary_line, "{}: {finding}", name(&path));
        }
        for report in intake.reports() {
            assert!(report.results.iter().all(|r| r.location.is_some()), "{}", name(&path));
        }
    }
}

/// Each sample's own identifiers (PID-3, PID-5, PID-7, PID-11, PID-13; the Patient's name and identifiers) appear
/// in no finding and no ACK.
#[test]
fn sample_identifiers_never_reach_findings_or_acks() {
    let catalog = Catalog::builtin().unwrap();
    let context = Context::new(&catalog, as_of());
    let options = AckOptions::new("ACK", as_of().fixed_offset());
    for path in samples() {
        let bytes = std::fs::read(&path).unwrap();
        let secrets = identifiers(&bytes);
        let intake = labcore::process_any(&bytes, &context).unwrap();
        let mut rendered: Vec<String> = intake.input_findings().iter().map(|f| format!("{f} {f:?}")).collect();
        rendered.extend(intake.reports().iter().map(|r| serde_json::to_string(&r.findings).unwrap()));
        if let Intake::Hl7(outcome) = &intake {
            rendered.extend(outcome.acks(&options));
        }
        for secret in &secrets {
            for text in &rendered {
                assert!(!text.contains(secret.as_str()), "{} leaks {secret:?}: {text}", name(&path));
            }
        }
    }
}

/// Identifying strings of a sample, at least five characters long (shorter ones match labcore's own words).
fn identifiers(bytes: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    let text = String::from_utf8_lossy(bytes);
    let document = Document::parse(&text);
    // MSH-3 to MSH-6 name the parties, which the ACK echoes by design (a nursing home can be both a sending
    // facility and a patient's address).
    let mut parties = Vec::new();
    for message in document.messages() {
        if let Some(msh) = message.first("MSH") {
            for field in 3..=6 {
                parties.extend(msh.field(field).first().components().map(|c| c.text().into_owned()));
            }
        }
        for pid in message.segments().filter(|s| s.is("PID")) {
            for field in [3, 5, 7, 11, 13] {
                for repetition in pid.field(field).repetitions() {
                    found.extend(repetition.components().map(|c| c.text().into_owned()));
                }
            }
        }
    }
    if let Ok(json) = serde_json::from_slice::<Value>(bytes) {
        collect_patient_strings(&json, false, &mut found);
    }
    found.retain(|s| s.len() >= 5 && s.chars().any(|c| c.is_ascii_alphanumeric()) && !parties.contains(s));
    found
}

fn collect_patient_strings(value: &Value, in_patient: bool, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            let patient = in_patient || map.get("resourceType").is_some_and(|t| t == "Patient");
            for (key, v) in map {
                let identifying = matches!(key.as_str(), "name" | "identifier" | "telecom" | "address" | "birthDate");
                collect_patient_strings(v, patient && (identifying || in_patient), out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_patient_strings(v, in_patient, out)),
        Value::String(s) if in_patient => out.push(s.clone()),
        _ => {}
    }
}

/// The ACK labcore builds reads back as an HL7 message whose MSA-2 echoes the original control ID.
#[test]
fn acks_parse_back_and_echo_the_control_id() {
    let catalog = Catalog::builtin().unwrap();
    let context = Context::new(&catalog, as_of());
    let options = AckOptions::new("ACK-1", as_of().fixed_offset());
    for path in samples().into_iter().filter(|p| p.extension().is_some_and(|x| x == "hl7")) {
        let bytes = std::fs::read(&path).unwrap();
        let Intake::Hl7(outcome) = labcore::process_any(&bytes, &context).unwrap() else { panic!("{}", name(&path)) };
        for (ack, message) in outcome.acks(&options).iter().zip(&outcome.messages) {
            let document = Document::parse(ack);
            let parsed = &document.messages()[0];
            assert!(parsed.is_readable());
            let msa = parsed.first("MSA").unwrap();
            assert_eq!(msa.field(1).as_str(), message.ack_code.as_str(), "{}", name(&path));
            assert_eq!(msa.field(2).text(), message.header.control_id, "{}", name(&path));
            for err in parsed.segments().filter(|s| s.is("ERR")) {
                // v2.5 and later: ERR-5; v2.3 and v2.4: the second triplet of ERR-1's CE (sub-component 4).
                let modern = err.field(5).component(1).text().into_owned();
                let code =
                    if modern.is_empty() { err.field(1).component(4).subcomponent(4).to_owned() } else { modern };
                if code.is_empty() && err.field(7).text().contains("more findings are not listed") {
                    continue; // the count of the findings left out of a long ACK
                }
                assert!(FindingCode::from_slug(&code).is_some(), "{}: ERR code {code}", name(&path));
            }
        }
    }
}

/// Where labcore put a result in a real bundle is a real place: the FHIRPath resolves in the JSON.
#[test]
fn fhir_result_locations_resolve_in_the_input() {
    let catalog = Catalog::builtin().unwrap();
    let context = Context::new(&catalog, as_of());
    for path in samples().into_iter().filter(|p| p.extension().is_some_and(|x| x == "json")) {
        let bytes = std::fs::read(&path).unwrap();
        let json: Value = serde_json::from_slice(&bytes).unwrap();
        let intake = labcore::process_any(&bytes, &context).unwrap();
        for result in intake.reports().iter().flat_map(|r| r.results.iter()) {
            let Some(SourceLocation::Fhir(at)) = &result.location else { panic!("{}", name(&path)) };
            let resolved = resolve(&json, &at.to_string());
            assert!(resolved.is_some_and(|v| v.get("code").is_some()), "{}: {at}", name(&path));
        }
    }
}

/// Follows a FHIRPath of labcore's form (`Bundle.entry[2].resource.component[0]`) into the JSON.
fn resolve<'v>(json: &'v Value, path: &str) -> Option<&'v Value> {
    let mut current = json;
    for step in path.split('.').skip(1) {
        let (key, index) = match step.split_once('[') {
            Some((key, rest)) => (key, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (step, None),
        };
        current = current.get(key)?;
        if let Some(i) = index {
            current = current.get(i)?;
        }
    }
    Some(current)
}
