//! Validate + normalise throughput, as a ratio against plain typed `serde_json` parsing of the same payloads in
//! the same run; and hostile inputs at growing sizes, to show time stays linear.
//!
//! `cargo bench -p labcore-benches` prints criterion's figures, then a ratio measured by interleaving both
//! workloads in this process (machines are noisy; a ratio of neighbours is not).
#![allow(missing_docs, clippy::print_stdout, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use criterion::{BenchmarkId, Criterion, Throughput};
use labcore::{Context, UnitSystem, catalog::Catalog};
use labcore_benches::{TypedPayload, payloads};

fn as_of() -> DateTime<Utc> {
    "2026-11-30T00:00:00Z".parse().unwrap()
}

fn throughput(c: &mut Criterion, inputs: &[String], catalog: &Catalog) {
    let bytes: usize = inputs.iter().map(String::len).sum();
    let mut group = c.benchmark_group("payloads");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("serde_typed_parse", |b| {
        b.iter(|| inputs.iter().map(|p| serde_json::from_str::<TypedPayload>(p).is_ok() as usize).sum::<usize>())
    });
    for (name, system) in [("labcore_validate", UnitSystem::Conventional), ("labcore_validate_si", UnitSystem::Si)] {
        let context = Context::new(catalog, as_of()).with_unit_system(system);
        group.bench_function(name, |b| {
            b.iter(|| inputs.iter().map(|p| labcore::validate(p.as_bytes(), &context).is_ok() as usize).sum::<usize>())
        });
    }
    group.finish();
}

fn hostile(c: &mut Criterion, catalog: &Catalog) {
    let context = Context::new(catalog, as_of()).with_max_input_bytes(256 << 20);
    let mut group = c.benchmark_group("hostile");
    group.sample_size(10);
    for mb in [1usize, 4, 16] {
        let input = format!(r#"{{"patient_id": "{}", "results": []}}"#, "A".repeat(mb << 20));
        group.throughput(Throughput::Bytes(input.len() as u64));
        group.bench_with_input(BenchmarkId::new("long_string_mb", mb), &input, |b, i| {
            b.iter(|| labcore::validate(i.as_bytes(), &context).is_ok())
        });
    }
    for count in [1_000usize, 10_000, 100_000] {
        let result = r#"{"analyte": "Glucose", "value": "5,5", "unit": "MMOL/L", "zz": [[[1]]]}"#;
        let input = format!(r#"{{"patient_id": "P", "results": [{}]}}"#, vec![result; count].join(","));
        group.throughput(Throughput::Bytes(input.len() as u64));
        group.bench_with_input(BenchmarkId::new("results", count), &input, |b, i| {
            b.iter(|| labcore::validate(i.as_bytes(), &context).is_ok())
        });
    }
    for depth in [1_000usize, 10_000, 100_000] {
        let input = format!(r#"{{"patient_id": "P", "x": {}{}}}"#, "[".repeat(depth), "]".repeat(depth));
        group.throughput(Throughput::Bytes(input.len() as u64));
        group.bench_with_input(BenchmarkId::new("nesting", depth), &input, |b, i| {
            b.iter(|| labcore::validate(i.as_bytes(), &context).is_ok())
        });
    }
    group.finish();
}

/// Runs both workloads alternately for `rounds` and returns (median serde time, median labcore time).
fn interleaved(inputs: &[String], context: &Context<'_>, rounds: usize) -> (Duration, Duration) {
    let mut serde_times = Vec::with_capacity(rounds);
    let mut labcore_times = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let start = Instant::now();
        for p in inputs {
            black_box(serde_json::from_str::<TypedPayload>(black_box(p)).is_ok());
        }
        serde_times.push(start.elapsed());
        let start = Instant::now();
        for p in inputs {
            black_box(labcore::validate(black_box(p.as_bytes()), context).is_ok());
        }
        labcore_times.push(start.elapsed());
    }
    serde_times.sort();
    labcore_times.sort();
    (serde_times[rounds / 2], labcore_times[rounds / 2])
}

fn report_ratio(inputs: &[String], catalog: &Catalog) {
    let context = Context::new(catalog, as_of());
    let (serde, labcore) = interleaved(inputs, &context, 41);
    let per = |d: Duration| d.as_secs_f64() * 1e6 / inputs.len() as f64;
    let bytes: usize = inputs.iter().map(String::len).sum();
    println!(
        "\n== labcore validate+normalise vs typed serde_json parse, {} payloads, {} bytes ==",
        inputs.len(),
        bytes
    );
    println!(
        "serde typed parse : {:8.2} us/payload, {:7.1} MB/s",
        per(serde),
        bytes as f64 / serde.as_secs_f64() / 1e6
    );
    println!(
        "labcore validate  : {:8.2} us/payload, {:7.1} MB/s",
        per(labcore),
        bytes as f64 / labcore.as_secs_f64() / 1e6
    );
    println!(
        "speed ratio labcore/serde = {:.2}x (goal for the finished core: >= 0.5x)",
        serde.as_secs_f64() / labcore.as_secs_f64()
    );
}

fn main() {
    let catalog = Catalog::builtin().unwrap();
    let inputs = payloads(400, 2026);
    // LABCORE_BENCH_RATIO_ONLY=1 skips the criterion groups (a quick check while optimising).
    if std::env::var_os("LABCORE_BENCH_RATIO_ONLY").is_none() {
        let mut criterion = Criterion::default().configure_from_args();
        throughput(&mut criterion, &inputs, &catalog);
        hostile(&mut criterion, &catalog);
        criterion.final_summary();
    }
    // `cargo bench` passes --bench; `cargo test --benches` (a smoke run) does not, and skips the timing.
    if std::env::args().any(|a| a == "--bench") {
        report_ratio(&inputs, &catalog);
    }
}
