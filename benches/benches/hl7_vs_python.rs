//! labcore's HL7 v2 parse + process against Python's `hl7` package (python-hl7) parsing the same ORU^R01
//! messages, measured in the same run: labcore block, Python run, labcore block, … , labcore block; the figures
//! are the medians of the alternations (machines are noisy; a ratio of neighbours is not).
//!
//! `cargo bench -p labcore-benches --bench hl7_vs_python` runs it. The interpreter is `LABCORE_PYTHON`, else
//! `<workspace>/.venv/bin/python` (`scripts/setup.sh python` creates it). Without `--bench` (as `cargo test
//! --all-targets` runs it) it is a smoke run: a few messages, Python only if it is installed, no timing.
//!
//! The Python side only parses (`hl7.parse` splits the message down to sub-components); labcore also validates,
//! normalises and evaluates every result, so the ratio understates labcore's parsing speed.
#![allow(missing_docs, clippy::print_stdout, clippy::unwrap_used, clippy::expect_used)] // a bench binary: fail loudly

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use labcore::{Context, catalog::Catalog, hl7};
use labcore_benches::hl7::oru_messages;

const MESSAGES: usize = 400;
/// Python runs; labcore gets one block more (one before the first run and one after each).
const PYTHON_RUNS: usize = 5;
const PYTHON_ROUNDS: usize = 5;
/// How long one labcore block lasts, about.
const BLOCK: Duration = Duration::from_millis(500);

fn as_of() -> DateTime<Utc> {
    "2026-11-30T00:00:00Z".parse().unwrap()
}

fn workspace() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap()
}

/// `CARGO_TARGET_DIR` (relative to the workspace when relative), else `<workspace>/target`.
fn target_dir() -> PathBuf {
    workspace().join(std::env::var_os("CARGO_TARGET_DIR").unwrap_or_else(|| "target".into()))
}

fn python() -> PathBuf {
    std::env::var_os("LABCORE_PYTHON").map_or_else(|| workspace().join(".venv/bin/python"), PathBuf::from)
}

/// Checks every message processes to one accepted order of 20 results; returns the findings, rendered.
fn check(messages: &[String], context: &Context<'_>) -> Vec<String> {
    let mut findings = Vec::new();
    for message in messages {
        let outcome = hl7::process(message.as_bytes(), context).expect("the generated message is HL7");
        let orders: Vec<_> = outcome.messages.iter().flat_map(|m| &m.orders).collect();
        assert!(outcome.accepted() && orders.len() == 1 && orders.iter().all(|o| o.report.results.len() == 20));
        findings.extend(outcome.messages.iter().flat_map(|m| m.all_findings()).map(|f| f.to_string()));
    }
    findings
}

/// Passes over all messages until `budget` is spent; the time per message of parse + process and of parse only.
fn labcore_block(messages: &[String], context: &Context<'_>, budget: Duration) -> (Duration, Duration) {
    let (mut process, mut parse, mut passes) = (Duration::ZERO, Duration::ZERO, 0u32);
    while passes == 0 || process + parse < budget {
        let start = Instant::now();
        for m in messages {
            black_box(hl7::process(black_box(m.as_bytes()), context).is_ok());
        }
        process += start.elapsed();
        let start = Instant::now();
        for m in messages {
            black_box(hl7::Document::parse(black_box(m)).messages().len());
        }
        parse += start.elapsed();
        passes += 1;
    }
    let per = passes * u32::try_from(messages.len()).unwrap();
    (process / per, parse / per)
}

enum Python {
    /// Seconds per message (median of the run's rounds).
    Timed(f64),
    /// The interpreter or the package is missing.
    Missing(String),
}

fn run_python(file: &Path, rounds: usize) -> Python {
    let interpreter = python();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("python/hl7_baseline.py");
    let output = match Command::new(&interpreter).arg(&script).arg(file).arg(rounds.to_string()).output() {
        Ok(output) => output,
        Err(e) => return Python::Missing(format!("{} cannot be run ({e})", interpreter.display())),
    };
    if output.status.code() == Some(3) {
        return Python::Missing(format!("{} has no `hl7` package", interpreter.display()));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{} failed:\n{stdout}{}",
        script.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    let line: serde_json::Value = serde_json::from_str(stdout.trim()).expect("the baseline prints one JSON line");
    Python::Timed(
        line.get("median_seconds_per_message").and_then(serde_json::Value::as_f64).expect("median_seconds_per_message"),
    )
}

fn write_messages(messages: &[String]) -> PathBuf {
    let dir = target_dir().join("labcore-benches");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("hl7_messages.json");
    std::fs::write(&file, serde_json::to_string(messages).unwrap()).unwrap();
    file
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

fn rate_line(name: &str, seconds_per_message: f64, bytes_per_message: f64) {
    println!(
        "{name:<24}: {:9.2} us/message, {:10.0} messages/s, {:8.1} MB/s",
        seconds_per_message * 1e6,
        1.0 / seconds_per_message,
        bytes_per_message / seconds_per_message / 1e6
    );
}

/// `cargo test --all-targets`: a few messages through labcore and, when installed, through the Python script.
fn smoke(context: &Context<'_>) {
    let messages = oru_messages(3, 2026);
    assert_eq!(check(&messages, context), Vec::<String>::new());
    let file = write_messages(&messages);
    let python = match run_python(&file, 1) {
        Python::Timed(_) => "ran".to_string(),
        Python::Missing(why) => format!("skipped: {why}"),
    };
    println!("hl7_vs_python smoke run: labcore ok, python baseline {python} (cargo bench runs the comparison)");
}

fn main() {
    let catalog = Catalog::builtin().unwrap();
    let context = Context::new(&catalog, as_of());
    // `cargo bench` passes --bench; `cargo test --all-targets` does not.
    if !std::env::args().any(|a| a == "--bench") {
        return smoke(&context);
    }
    let messages = oru_messages(MESSAGES, 2026);
    let findings = check(&messages, &context);
    let bytes: usize = messages.iter().map(String::len).sum();
    let per_message = bytes as f64 / messages.len() as f64;
    let file = write_messages(&messages);
    labcore_block(&messages, &context, BLOCK); // warm-up
    let (mut process, mut parse, mut python_times, mut missing) = (Vec::new(), Vec::new(), Vec::new(), None);
    for run in 0..=PYTHON_RUNS {
        let (p, q) = labcore_block(&messages, &context, BLOCK);
        process.push(p.as_secs_f64());
        parse.push(q.as_secs_f64());
        if run == PYTHON_RUNS || missing.is_some() {
            continue;
        }
        match run_python(&file, PYTHON_ROUNDS) {
            Python::Timed(seconds) => python_times.push(seconds),
            Python::Missing(why) => missing = Some(why),
        }
    }
    println!("\n== HL7 v2 ORU^R01: labcore parse + process vs python-hl7 parse, same run ==");
    println!(
        "{} generated CBC messages, 20 OBX each, {bytes} bytes ({per_message:.0} bytes/message); {} finding(s){}",
        messages.len(),
        findings.len(),
        findings.first().map(|f| format!(", first: {f}")).unwrap_or_default()
    );
    // Each Python run against the mean of the labcore blocks either side of it: the spread of the alternations.
    let pairs = process.iter().zip(process.iter().skip(1));
    let neighbours: Vec<f64> = pairs.zip(&python_times).map(|((a, b), p)| p * 2.0 / (a + b)).collect();
    let (process, parse) = (median(process), median(parse));
    rate_line("labcore parse + process", process, per_message);
    rate_line("labcore parse only", parse, per_message);
    match missing {
        Some(why) => println!(
            "python-hl7 baseline skipped: {why}. Install it with `scripts/setup.sh python` (or set LABCORE_PYTHON)"
        ),
        None => {
            let python = median(python_times);
            rate_line("python-hl7 hl7.parse", python, per_message);
            let (low, high) = neighbours.iter().fold((f64::MAX, 0.0f64), |(l, h), r| (l.min(*r), h.max(*r)));
            println!(
                "speed ratio labcore (parse + process) / python-hl7 (parse) = {:.1}x (goal: >= 100x); \
                 per alternation (each Python run against the labcore blocks either side): median {:.1}x, \
                 {low:.1}x to {high:.1}x over {}",
                python / process,
                median(neighbours.clone()),
                neighbours.len()
            );
        }
    }
}
