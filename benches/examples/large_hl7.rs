#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::print_stdout,
    clippy::print_stderr
)]
//! A large HL7 v2 ORU^R01 (one MSH, PID and OBR, then N potassium OBX) for memory and time measurements:
//!
//! - `large_hl7 generate N FILE` writes the message;
//! - `large_hl7 process FILE` runs `labcore::process_any` on it and prints the result and finding counts;
//! - `large_hl7 validate FILE` runs `labcore::validate_any` (no typed payloads, as the bindings and the CLI do);
//! - `large_hl7 json FILE` also serialises the language-neutral output (`Intake`) to a byte counter, as the
//!   bindings and the CLI do.
//!
//! Measure with `/usr/bin/time -v target/release/examples/large_hl7 process FILE` (peak RSS, wall time).
use std::io::Write;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("generate") => {
            let count: usize = args[2].parse().unwrap();
            let mut out = std::io::BufWriter::new(std::fs::File::create(&args[3]).unwrap());
            out.write_all(&labcore_benches::hl7::large_oru(count)).unwrap();
        }
        Some(mode @ ("process" | "validate" | "json")) => {
            let started = std::time::Instant::now();
            let input = std::fs::read(&args[2]).unwrap();
            let catalog = labcore::catalog::Catalog::builtin().unwrap();
            let context = labcore::Context::new(&catalog, "2026-11-25T12:00:00Z".parse().unwrap());
            let read = started.elapsed();
            let intake = if mode == "process" {
                labcore::process_any(&input, &context).unwrap()
            } else {
                labcore::validate_any(&input, &context).unwrap()
            };
            let processed = started.elapsed();
            let results: usize = intake.reports().iter().map(|r| r.results.len()).sum();
            let findings = intake.all_findings().len();
            let mut written = 0;
            if mode == "json" {
                let mut counter = Counter(0);
                serde_json::to_writer(&mut counter, &intake).unwrap();
                written = counter.0;
            }
            let serialised = started.elapsed();
            drop(intake);
            println!(
                "input {} bytes, {results} results, {findings} findings, JSON {written} bytes; read {:.2} s, \
                 processed {:.2} s, serialised {:.2} s, dropped {:.2} s",
                input.len(),
                read.as_secs_f64(),
                processed.as_secs_f64(),
                serialised.as_secs_f64(),
                started.elapsed().as_secs_f64()
            );
        }
        _ => eprintln!("usage: large_hl7 generate N FILE | process FILE | validate FILE | json FILE"),
    }
}

/// Counts what is written to it.
struct Counter(usize);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
