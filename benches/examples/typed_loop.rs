#![allow(missing_docs, clippy::unwrap_used, clippy::print_stdout)]
//! Parses the benchmark payloads with the typed serde baseline in a loop, for profilers.
fn main() {
    let inputs = labcore_benches::payloads(400, 2026);
    let rounds: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(4);
    let mut n = 0;
    for _ in 0..rounds {
        for p in &inputs {
            n += serde_json::from_str::<labcore_benches::TypedPayload>(p).map(|t| t.results.len()).unwrap_or(0);
        }
    }
    println!("{n}");
}
