#![allow(missing_docs, clippy::unwrap_used, clippy::print_stdout)]
//! The cost per byte of redacting each hostile free-text shape (`labcore_benches::hostile_text`) at growing sizes,
//! for finding super-linear loops by hand: `cargo run --release -p labcore-benches --example hostile_text --
//! [shape-substring] [max-bytes]` (by default up to 10 MB). A shape whose single run takes longer than 20 s skips
//! its larger sizes. The benchmark (`cargo bench -p labcore-benches --bench deid -- hostile_text`) is the
//! measurement of record.
use std::time::Duration;

use labcore::redact::{Policy, RedactOptions, Redactor};
use labcore_benches::hostile_text::{LARGE, SHAPES, SIZES, cost_per_byte, input, label};

fn main() {
    let filter = std::env::args().nth(1).unwrap_or_default();
    let max: usize = std::env::args().nth(2).and_then(|s| s.parse().ok()).unwrap_or(LARGE);
    let redactor = Redactor::new(Policy::safe_harbor(), None).unwrap();
    let options = RedactOptions::new("2026-11-30T00:00:00Z".parse().unwrap());
    // A maximum beyond 10 MB adds a size of its own (`… emails 41943040`).
    let beyond = (max > LARGE).then_some(max);
    let sizes: Vec<usize> = SIZES.iter().copied().chain([LARGE]).filter(|s| *s <= max).chain(beyond).collect();
    println!("{:<24} {}", "shape", sizes.iter().map(|s| format!("{:>14}", label(*s))).collect::<String>());
    for shape in SHAPES.iter().filter(|s| s.name.contains(&filter)) {
        let mut row = String::new();
        let mut slow = false;
        for &size in &sizes {
            if slow {
                row.push_str(&format!("{:>14}", "skipped"));
                continue;
            }
            let text = input(shape, size);
            let (per_byte, rounds) = cost_per_byte(&text, Duration::from_millis(200), |t| {
                std::hint::black_box(redactor.text(t, &options).output.len());
            });
            row.push_str(&format!("{per_byte:>11.1} ns"));
            slow = rounds == 1 && per_byte * text.len() as f64 > 20e9;
        }
        println!("{:<24} {row}", shape.name);
    }
}
