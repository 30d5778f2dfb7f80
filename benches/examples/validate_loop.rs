#![allow(missing_docs, clippy::unwrap_used, clippy::print_stdout, clippy::indexing_slicing)]
//! Validates the benchmark payloads in a loop, for profilers (the labcore side of the `process` ratio).
//! `validate_loop N` runs N rounds; `validate_loop ratio N` interleaves N rounds of labcore and the typed serde
//! baseline, as the `process` bench does, and prints the median ratio; `validate_loop repeat` times each payload
//! validated k times in a row (how much is cold caches); `validate_loop same N` validates one payload N times;
//! `validate_loop findings` counts the findings the payloads produce, by code; `validate_loop serde N` runs only the
//! baseline.
use std::hint::black_box;
use std::time::Instant;

use labcore::{Context, catalog::Catalog};

fn main() {
    let inputs = labcore_benches::payloads(400, 2026);
    let catalog = Catalog::builtin().unwrap();
    let as_of = "2026-11-30T00:00:00Z".parse().unwrap();
    let context = Context::new(&catalog, as_of);
    let mut args = std::env::args().skip(1);
    let first = args.next().unwrap_or_default();
    if first == "ratio" {
        let rounds: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(200);
        let (mut serde, mut ours) = (Vec::new(), Vec::new());
        for _ in 0..rounds {
            let start = Instant::now();
            for p in &inputs {
                black_box(serde_json::from_str::<labcore_benches::TypedPayload>(black_box(p)).is_ok());
            }
            serde.push(start.elapsed());
            let start = Instant::now();
            for p in &inputs {
                black_box(labcore::validate(black_box(p.as_bytes()), &context).is_ok());
            }
            ours.push(start.elapsed());
        }
        serde.sort();
        ours.sort();
        let (s, o) = (serde[rounds / 2].as_secs_f64(), ours[rounds / 2].as_secs_f64());
        println!("serde {:.2} us, labcore {:.2} us, ratio {:.3}", s * 2500.0, o * 2500.0, s / o);
        return;
    }
    if first == "serde" {
        // The baseline alone, for profilers (`--toggle-collect=validate_loop::parse_typed`).
        let rounds: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(4);
        for _ in 0..rounds {
            for p in &inputs {
                black_box(parse_typed(black_box(p)));
            }
        }
        return;
    }
    if first == "findings" {
        // What the payloads produce besides results: the findings by code, over all payloads.
        let mut counts = std::collections::BTreeMap::new();
        for p in &inputs {
            for f in labcore::validate(p.as_bytes(), &context).unwrap().findings {
                *counts.entry(f.code().as_str()).or_insert(0usize) += 1;
            }
        }
        println!("{counts:?}");
        return;
    }
    if first == "same" {
        // One payload, again and again (for cache simulators: is one payload's path larger than the caches?).
        let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(1000);
        for _ in 0..n {
            black_box(labcore::validate(black_box(inputs[7].as_bytes()), &context).is_ok());
        }
        return;
    }
    if first == "repeat" {
        // Each payload validated k times in a row: how much of the time is cold caches.
        for k in [1usize, 2, 4, 8] {
            let mut best = f64::MAX;
            for _ in 0..20 {
                let start = Instant::now();
                for p in &inputs {
                    for _ in 0..k {
                        black_box(labcore::validate(black_box(p.as_bytes()), &context).is_ok());
                    }
                }
                best = best.min(start.elapsed().as_secs_f64() / (k * inputs.len()) as f64);
            }
            println!("k={k}: {:.2} us per validation", best * 1e6);
        }
        return;
    }
    let rounds: usize = first.parse().unwrap_or(4);
    let mut n = 0;
    for _ in 0..rounds {
        for p in &inputs {
            n += labcore::validate(p.as_bytes(), &context).is_ok() as usize;
        }
    }
    println!("{n}");
}

/// The typed serde parse of the baseline, not inlined so that a profiler can count it alone.
#[inline(never)]
fn parse_typed(payload: &str) -> bool {
    serde_json::from_str::<labcore_benches::TypedPayload>(payload).is_ok()
}
