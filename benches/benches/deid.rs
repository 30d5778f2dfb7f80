//! De-identification throughput: free-text comments per second (the annotated corpus of `labcore_benches::deid`,
//! the patient's identifiers as seeds, Safe Harbor masks) and structured documents per second (labcore JSON
//! payloads with comments, the HL7 v2 and FHIR R4 samples of `conformance/`), each also as a ratio against a
//! baseline run interleaved in the same process: `serde_json` parsing and printing the same JSON, the HL7 parser
//! splitting the same messages. Single-threaded: one core.
//!
//! The `hostile_text` group is the detector's scaling benchmark: each hostile free-text shape of
//! `labcore_benches::hostile_text` (runs of name words, titles, placeholders, digits, dates, pasted HL7 segments, one
//! long line…) at 1 KB, 100 KB and 1 MB — and 10 MB with `LABCORE_BENCH_10MB=1` — in bytes per second, then a
//! table of the cost per byte at each size: a linear detector costs the same per byte at every size.
//!
//! The `startup` group times `Redactor::new` for Safe Harbor: compiling the patterns and building the word indexes
//! (name lists, the English vocabulary, the gazetteers), which a caller pays once per redactor.
//!
//! `cargo bench -p labcore-benches --bench deid` (`-- hostile_text` for the scaling group alone). Without `--bench`
//! (as `cargo test --all-targets` runs it) it is a smoke run: every workload once and every hostile shape at 1 KB,
//! no timing.
#![allow(missing_docs, clippy::print_stdout, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use criterion::{BenchmarkId, Criterion, Throughput};
use labcore::redact::{Category, Policy, RedactOptions, Redactor, Seeds};
use labcore_benches::deid::{AnnotatedNote, notes};
use labcore_benches::hostile_text::{LARGE, SHAPES, SIZES, cost_per_byte, input, label};
use serde_json::{Value, json};

const COMMENTS: usize = 2_000;
const ROUNDS: usize = 15;

fn as_of() -> DateTime<Utc> {
    "2026-11-30T00:00:00Z".parse().unwrap()
}

/// The options of one note: its record's identifiers as seeds.
fn options(note: &AnnotatedNote) -> RedactOptions {
    let mut options = RedactOptions::new(as_of());
    let mut seeds = Seeds::new();
    for (category, value) in &note.seeds {
        seeds.add(Category::from_name(category).unwrap(), value);
    }
    options.seeds = seeds;
    options
}

/// labcore payloads of a CMP's results, each with two or three of the corpus's notes as comments.
fn payloads(corpus: &[AnnotatedNote]) -> Vec<String> {
    let results = [
        ("Glucose", 105.5, "mg/dL", "70-99"),
        ("Potassium", 6.8, "mmol/L", "3.5-5.1"),
        ("Sodium", 139.0, "mmol/L", "136-145"),
    ];
    corpus
        .chunks(3)
        .enumerate()
        .map(|(i, notes)| {
            let rows: Vec<Value> = results
                .iter()
                .zip(notes)
                .map(|((analyte, value, unit, range), note)| {
                    json!({"analyte": analyte, "value": value, "unit": unit, "reference_range": range, "comment": note.text})
                })
                .collect();
            json!({"patient_id": format!("MRN-{:08}", 4_000_000 + i), "lab_id": "NORTHWIND", "test_type": "CMP",
                   "collected_at": "2026-11-24T07:42:00-05:00", "patient": {"sex": "F", "birth_date": "1961-03-09"},
                   "results": rows, "comments": [notes[0].text]})
            .to_string()
        })
        .collect()
}

fn samples(dir: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../conformance").join(dir);
    let mut paths: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    paths.into_iter().map(|p| std::fs::read(p).unwrap()).collect()
}

/// One workload: redacting its inputs, and the baseline it is compared with.
struct Workload<'a> {
    name: &'static str,
    unit: &'static str,
    count: usize,
    redact: Box<dyn Fn() -> usize + 'a>,
    baseline: (&'static str, Box<dyn Fn() -> usize + 'a>),
}

fn workloads<'a>(redactor: &'a Redactor, corpus: &'a [AnnotatedNote], inputs: &'a Inputs) -> Vec<Workload<'a>> {
    let opts = RedactOptions::new(as_of());
    let json_round_trip = |docs: &'a [String]| -> Box<dyn Fn() -> usize + 'a> {
        Box::new(move || {
            docs.iter().map(|d| serde_json::to_string(&serde_json::from_str::<Value>(d).unwrap()).unwrap().len()).sum()
        })
    };
    vec![
        Workload {
            name: "comments",
            unit: "comments",
            count: corpus.len(),
            redact: Box::new(move || corpus.iter().map(|n| redactor.text(&n.text, &options(n)).output.len()).sum()),
            baseline: ("str::to_lowercase", Box::new(move || corpus.iter().map(|n| n.text.to_lowercase().len()).sum())),
        },
        Workload {
            name: "labcore_payloads",
            unit: "payloads",
            count: inputs.payloads.len(),
            redact: Box::new({
                let opts = opts.clone();
                move || {
                    inputs
                        .payloads
                        .iter()
                        .map(|p| redactor.labcore_json(p.as_bytes(), &opts).unwrap().output.len())
                        .sum()
                }
            }),
            baseline: ("serde_json parse+print", json_round_trip(&inputs.payloads)),
        },
        Workload {
            name: "hl7_messages",
            unit: "messages",
            count: inputs.hl7.len(),
            redact: Box::new({
                let opts = opts.clone();
                move || inputs.hl7.iter().map(|m| redactor.hl7(m, &opts).unwrap().output.len()).sum()
            }),
            baseline: (
                "hl7 parse",
                Box::new(move || {
                    inputs
                        .hl7
                        .iter()
                        .map(|m| labcore::hl7::Document::parse(&labcore::hl7::decode_text(m).0).messages().len())
                        .sum()
                }),
            ),
        },
        Workload {
            name: "fhir_resources",
            unit: "resources",
            count: inputs.fhir.len(),
            redact: Box::new(move || {
                inputs.fhir.iter().map(|r| redactor.fhir(r.as_bytes(), &opts).unwrap().output.len()).sum()
            }),
            baseline: ("serde_json parse+print", json_round_trip(&inputs.fhir)),
        },
    ]
}

struct Inputs {
    payloads: Vec<String>,
    hl7: Vec<Vec<u8>>,
    fhir: Vec<String>,
}

/// Runs redaction and baseline alternately and returns the median time of each for one pass.
fn interleaved(workload: &Workload<'_>, rounds: usize) -> (Duration, Duration) {
    let (mut redact, mut base) = (Vec::with_capacity(rounds), Vec::with_capacity(rounds));
    for _ in 0..rounds {
        let start = Instant::now();
        black_box((workload.redact)());
        redact.push(start.elapsed());
        let start = Instant::now();
        black_box((workload.baseline.1)());
        base.push(start.elapsed());
    }
    redact.sort();
    base.sort();
    (redact[rounds / 2], base[rounds / 2])
}

fn report(workloads: &[Workload<'_>]) {
    println!("\nde-identification, Safe Harbor, one core (medians of {ROUNDS} interleaved passes):");
    for w in workloads {
        let (redact, base) = interleaved(w, ROUNDS);
        let per_second = w.count as f64 / redact.as_secs_f64();
        let micros = redact.as_secs_f64() * 1e6 / w.count as f64;
        let ratio = redact.as_secs_f64() / base.as_secs_f64();
        println!(
            "  {:<17} {:>6} {:<9} {:>10.0} {}/s  {:>8.1} µs each  {:>6.2}× {}",
            w.name, w.count, w.unit, per_second, w.unit, micros, ratio, w.baseline.0
        );
    }
}

/// The sizes of the scaling benchmark: 1 KB to 1 MB, and 10 MB when `LABCORE_BENCH_10MB` is set.
fn hostile_sizes() -> Vec<usize> {
    let large = std::env::var_os("LABCORE_BENCH_10MB").is_some_and(|v| !v.is_empty() && v != "0");
    SIZES.iter().copied().chain(large.then_some(LARGE)).collect()
}

/// The scaling benchmark: redacting each hostile shape at each size, in bytes per second.
fn hostile_text(criterion: &mut Criterion, redactor: &Redactor) {
    let options = RedactOptions::new(as_of());
    let mut group = criterion.benchmark_group("hostile_text");
    group.sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2));
    for shape in SHAPES {
        for size in hostile_sizes() {
            let text = input(shape, size);
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(BenchmarkId::new(shape.name, label(size).replace(" ", "")), &text, |b, text| {
                b.iter(|| redactor.text(text, &options).output.len())
            });
        }
    }
    group.finish();
}

/// The cost per byte of each hostile shape at each size, and how much it grew from the smallest to the largest.
fn hostile_report(redactor: &Redactor) {
    let options = RedactOptions::new(as_of());
    let sizes = hostile_sizes();
    println!("\nfree-text detection on hostile shapes, ns per byte (one core):");
    println!("  {:<24}{}   growth", "shape", sizes.iter().map(|s| format!("{:>10}", label(*s))).collect::<String>());
    for shape in SHAPES {
        let costs: Vec<f64> = sizes
            .iter()
            .map(|size| {
                let text = input(shape, *size);
                cost_per_byte(&text, Duration::from_millis(300), |t| {
                    black_box(redactor.text(t, &options).output.len());
                })
                .0
            })
            .collect();
        let growth = costs.last().unwrap() / costs.first().unwrap();
        let row: String = costs.iter().map(|c| format!("{c:>10.1}")).collect();
        println!("  {:<24}{row}   {growth:>5.2}×", shape.name);
    }
}

/// What a Safe Harbor redactor costs to build: patterns compiled, word indexes filled.
fn startup(criterion: &mut Criterion) {
    let mut group = criterion.benchmark_group("startup");
    group.sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(3));
    group.bench_function("redactor_new", |b| b.iter(|| black_box(Redactor::new(Policy::safe_harbor(), None).unwrap())));
    group.finish();
}

/// Whether the command line's filter (criterion's positional argument) selects benchmarks named `name`.
fn selected(name: &str) -> bool {
    let filters: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    filters.is_empty() || filters.iter().any(|f| name.contains(f.as_str()) || f.contains(name))
}

fn main() {
    let redactor = Redactor::new(Policy::safe_harbor(), None).unwrap();
    let corpus = notes(COMMENTS, 1);
    let fhir = samples("fhir/samples").into_iter().map(|b| String::from_utf8(b).unwrap()).collect();
    let inputs = Inputs { payloads: payloads(&corpus), hl7: samples("hl7/samples"), fhir };
    let workloads = workloads(&redactor, &corpus, &inputs);
    if !std::env::args().any(|a| a == "--bench") {
        for w in &workloads {
            assert!((w.redact)() > 0 && (w.baseline.1)() > 0, "{}", w.name);
        }
        let options = RedactOptions::new(as_of());
        for shape in SHAPES {
            let text = input(shape, 1 << 10);
            assert!(!redactor.text(&text, &options).output.is_empty(), "{}", shape.name);
        }
        println!("deid bench smoke run: {} workloads and {} hostile shapes ok", workloads.len(), SHAPES.len());
        return;
    }
    let mut criterion = Criterion::default().configure_from_args();
    let mut group = criterion.benchmark_group("deid");
    for w in &workloads {
        group.throughput(Throughput::Elements(w.count as u64));
        group.bench_function(w.name, |b| b.iter(|| (w.redact)()));
    }
    group.finish();
    hostile_text(&mut criterion, &redactor);
    startup(&mut criterion);
    if selected("deid") {
        report(&workloads);
    }
    if selected("hostile_text") {
        hostile_report(&redactor);
    }
}
