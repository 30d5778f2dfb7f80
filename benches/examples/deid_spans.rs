//! labcore's side of `benches/python/deid_vs_presidio.py`, the same-run comparison with Presidio.
//!
//! `deid_spans dump notes|styles COUNT SEED` writes one of the two existing annotated corpora as JSON lines (`text`,
//! `spans` as `[start, end, category]` in characters, `seeds`); `deid_spans run < corpus.jsonl` reads such lines and
//! writes, for each note, what labcore's Safe Harbor redactor finds (recall-first; `run precise` for the precise search) (`[start, end, category]` in characters), then
//! one last line `{"notes": N, "seconds": S}`: the median time of five passes of `Redactor::text` over every note,
//! on one core. Run it from a release build for the throughput figure.
#![allow(
    missing_docs,
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use std::io::BufRead;
use std::time::Instant;

use labcore::redact::{Category, Policy, RedactOptions, Redactor, Seeds, Sensitivity};
use labcore_benches::{deid, deid_styles};
use serde_json::{Value, json};

fn chars(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

fn options(seeds: &[(String, String)]) -> RedactOptions {
    let mut options = RedactOptions::new("2026-11-25T12:00:00Z".parse().unwrap());
    let mut found = Seeds::new();
    for (category, value) in seeds {
        found.add(Category::from_name(category).unwrap(), value);
    }
    options.seeds = found;
    options
}

fn dump(which: &str, count: usize, seed: u64) {
    let corpus = if which == "styles" { deid_styles::notes(count, seed) } else { deid::notes(count, seed) };
    for note in corpus {
        let spans: Vec<Value> = note
            .spans
            .iter()
            .map(|s| json!([chars(&note.text, s.start), chars(&note.text, s.end), s.category]))
            .collect();
        println!("{}", json!({"text": note.text, "spans": spans, "seeds": note.seeds}));
    }
}

fn run(sensitivity: Sensitivity) {
    let notes: Vec<(String, RedactOptions)> = std::io::stdin()
        .lock()
        .lines()
        .map(|line| {
            let note: Value = serde_json::from_str(&line.unwrap()).unwrap();
            let seeds: Vec<(String, String)> = serde_json::from_value(note["seeds"].clone()).unwrap_or_default();
            (note["text"].as_str().unwrap().to_owned(), options(&seeds))
        })
        .collect();
    let redactor = Redactor::new(Policy::safe_harbor().with_sensitivity(sensitivity), None).unwrap();
    for (text, opts) in &notes {
        let found: Vec<Value> = redactor
            .find(text, opts)
            .iter()
            .map(|d| json!([chars(text, d.start), chars(text, d.end), d.category.as_str()]))
            .collect();
        println!("{}", Value::Array(found));
    }
    let mut times: Vec<f64> = (0..5)
        .map(|_| {
            let start = Instant::now();
            let bytes: usize = notes.iter().map(|(text, opts)| redactor.text(text, opts).output.len()).sum();
            std::hint::black_box(bytes);
            start.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!("{}", json!({"notes": notes.len(), "seconds": times[2]}));
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("dump") => dump(&args[1], args[2].parse().unwrap(), args[3].parse().unwrap()),
        Some("run") if args.get(1).is_some_and(|a| a == "precise") => run(Sensitivity::Precise),
        Some("run") => run(Sensitivity::RecallFirst),
        _ => eprintln!("usage: deid_spans dump notes|styles COUNT SEED | deid_spans run [precise] < corpus.jsonl"),
    }
}
