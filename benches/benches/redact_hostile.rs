//! Redaction of hostile structured inputs at growing sizes (1 KB, 100 KB, 1 MB and, when benchmarking, 10 MB):
//! JSON nested as deep as redaction walks (and far deeper, refused), FHIR Bundles wide and nested, HL7 messages
//! with many segments, one field of many components and repetitions, one segment of many fields, labcore
//! payloads with many results. Throughput is reported in bytes, so that a flat MB/s across sizes shows linear
//! time (the README gives the figures of a run).

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)] // a bench binary: a failure should stop it loudly

use std::hint::black_box;
use std::time::Duration;

use chrono::{DateTime, Utc};
use criterion::{BenchmarkId, Criterion, Throughput};
use labcore::redact::{MAX_JSON_DEPTH, Policy, RedactOptions, Redactor};

/// A hostile shape: its name and how to make it about `size` bytes long.
struct Shape {
    name: &'static str,
    make: fn(usize) -> String,
}

const PERSON: &str = r#"{"resourceType":"Patient","id":"p1","name":[{"family":"Roe","given":["Mary"]}],"telecom":[{"system":"phone","value":"217-555-0111"}],"birthDate":"1970-01-01"}"#;

fn repeat_to(size: usize, head: &str, unit: &str, separator: &str, tail: &str) -> String {
    let count = (size.saturating_sub(head.len() + tail.len()) / (unit.len() + separator.len())).max(1);
    let mut out = String::with_capacity(size + unit.len());
    out.push_str(head);
    for i in 0..count {
        if i > 0 {
            out.push_str(separator);
        }
        out.push_str(unit);
    }
    out.push_str(tail);
    out
}

fn deep_arrays(size: usize) -> String {
    let depth = MAX_JSON_DEPTH - 2;
    let unit = format!("{}\"Called Mary Roe at 217-555-0111\"{}", "[".repeat(depth), "]".repeat(depth));
    repeat_to(size, "{\"comments\":[", &unit, ",", "]}")
}

fn too_deep(size: usize) -> String {
    "[".repeat(size / 2) + &"]".repeat(size / 2)
}

fn wide_bundle(size: usize) -> String {
    let entry = format!("{{\"fullUrl\":\"urn:uuid:61ebe359-bfdc-4613-8bf2-c5e300945f0a\",\"resource\":{PERSON}}}");
    repeat_to(size, r#"{"resourceType":"Bundle","type":"collection","entry":["#, &entry, ",", "]}")
}

fn nested_bundles(size: usize) -> String {
    // Bundles in Parameters in Bundles down to the depth limit, each level carrying a patient.
    // Each level nests six deep (Parameters, parameter, entry, Bundle, entry, entry): as many as the limit allows.
    let levels = (MAX_JSON_DEPTH - 8) / 6;
    let mut inner = PERSON.to_owned();
    for _ in 0..levels {
        inner = format!(
            r#"{{"resourceType":"Parameters","parameter":[{{"name":"p","resource":{{"resourceType":"Bundle","type":"collection","entry":[{{"resource":{PERSON}}},{{"resource":{inner}}}]}}}}]}}"#
        );
    }
    repeat_to(
        size,
        r#"{"resourceType":"Bundle","type":"collection","entry":["#,
        &format!("{{\"resource\":{inner}}}"),
        ",",
        "]}",
    )
}

const MSH: &str =
    "MSH|^~\\&|LIS|LAB|EHR|HOSP|20261124080000-0500||ORU^R01|C1|P|2.5.1\rPID|1||MRN1^^^H^MR||ROE^MARY||19700101|F\r";

fn many_segments(size: usize) -> String {
    repeat_to(
        size,
        MSH,
        "OBX|1|ST|1-8^Note^L||Called Mary Roe at 217-555-0111|||N|||F\rNTE|1||Spoke with Dr. Okafor",
        "\r",
        "\r",
    )
}

fn many_components(size: usize) -> String {
    repeat_to(size, &format!("{MSH}ZPD|1|"), "ROE^MARY~19700101", "^", "\r")
}

fn many_fields(size: usize) -> String {
    repeat_to(size, &format!("{MSH}PID|1|"), "MRN1^^^H^MR", "|", "\r")
}

fn many_results(size: usize) -> String {
    let result = r#"{"analyte":"Potassium","value":4.1,"unit":"mmol/L","comment":"called Mary Roe"}"#;
    repeat_to(
        size,
        r#"{"patient_id":"MRN1","lab_id":"L","test_type":"CMP","collected_at":"2026-11-24T07:42:00Z","results":["#,
        result,
        ",",
        "]}",
    )
}

const SHAPES: &[Shape] = &[
    Shape { name: "json_64_deep", make: deep_arrays },
    Shape { name: "json_too_deep_refused", make: too_deep },
    Shape { name: "fhir_wide_bundle", make: wide_bundle },
    Shape { name: "fhir_nested_bundles", make: nested_bundles },
    Shape { name: "hl7_many_segments", make: many_segments },
    Shape { name: "hl7_one_field_many_components", make: many_components },
    Shape { name: "hl7_one_segment_many_fields", make: many_fields },
    Shape { name: "labcore_many_results", make: many_results },
];

fn main() {
    let benchmarking = std::env::args().any(|a| a == "--bench");
    let mut sizes = vec![1 << 10, 100 << 10, 1 << 20];
    if benchmarking {
        sizes.push(10 << 20);
    }
    let redactor = Redactor::new(Policy::safe_harbor(), None).unwrap();
    let options = RedactOptions::new("2026-11-25T12:00:00Z".parse::<DateTime<Utc>>().unwrap());
    let mut criterion =
        Criterion::default().configure_from_args().sample_size(10).warm_up_time(Duration::from_millis(500));
    let mut group = criterion.benchmark_group("redact_hostile");
    for shape in SHAPES {
        for size in &sizes {
            let input = (shape.make)(*size);
            let refused = redactor.auto(input.as_bytes(), &options).is_err();
            assert_eq!(refused, shape.name.ends_with("refused"), "{}: refused {refused}", shape.name);
            group.throughput(Throughput::Bytes(input.len() as u64));
            group.bench_with_input(BenchmarkId::new(shape.name, size), &input, |b, input| {
                b.iter(|| black_box(redactor.auto(input.as_bytes(), &options).map(|r| r.output.len())));
            });
        }
    }
    group.finish();
    criterion.final_summary();
}
