//! HL7 v2 ORU^R01 throughput (parse + process, and parse only) on generated CBC messages, in bytes and in
//! messages per second; and hostile inputs at growing sizes, to show time stays linear.
//!
//! The comparison with Python's `hl7` package is the `hl7_vs_python` bench (it needs a second process).
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)] // a bench binary: a failure should stop it loudly

use chrono::{DateTime, Utc};
use criterion::{BenchmarkId, Criterion, Throughput};
use labcore::{Context, catalog::Catalog, hl7};
use labcore_benches::hl7::{Hostile, hostile, oru_messages};

fn as_of() -> DateTime<Utc> {
    "2026-11-30T00:00:00Z".parse().unwrap()
}

fn throughput(c: &mut Criterion, messages: &[String], context: &Context<'_>) {
    let bytes: usize = messages.iter().map(String::len).sum();
    let process = || messages.iter().map(|m| hl7::process(m.as_bytes(), context).is_ok() as usize).sum::<usize>();
    // Parse only: the text is already decoded, so this is splitting into segments and locating every field.
    let parse = || messages.iter().map(|m| hl7::Document::parse(m).messages().len()).sum::<usize>();
    for (group_name, unit) in
        [("hl7_bytes", Throughput::Bytes(bytes as u64)), ("hl7_messages", Throughput::Elements(messages.len() as u64))]
    {
        let mut group = c.benchmark_group(group_name);
        group.throughput(unit);
        group.bench_function("labcore_parse_process", |b| b.iter(process));
        group.bench_function("labcore_parse_only", |b| b.iter(parse));
        group.finish();
    }
}

fn hostile_group(c: &mut Criterion, catalog: &Catalog) {
    let context = Context::new(catalog, as_of()).with_max_input_bytes(256 << 20);
    let mut group = c.benchmark_group("hl7_hostile");
    group.sample_size(10);
    let cases =
        [(Hostile::ManyObx, "obx", [1_000usize, 10_000, 100_000]), (Hostile::LongField, "field_mb", [1, 4, 16])];
    let cases = cases.into_iter().chain([(Hostile::Garbage, "garbage_mb", [1, 4, 16])]);
    for (kind, name, sizes) in cases {
        for size in sizes {
            let input = hostile(kind, if kind == Hostile::ManyObx { size } else { size << 20 });
            group.throughput(Throughput::Bytes(input.len() as u64));
            group.bench_with_input(BenchmarkId::new(name, size), &input, |b, i| {
                b.iter(|| hl7::process(i, &context).is_ok())
            });
        }
    }
    group.finish();
}

fn main() {
    let catalog = Catalog::builtin().unwrap();
    let context = Context::new(&catalog, as_of());
    let messages = oru_messages(400, 2026);
    let mut criterion = Criterion::default().configure_from_args();
    throughput(&mut criterion, &messages, &context);
    hostile_group(&mut criterion, &catalog);
    criterion.final_summary();
}
