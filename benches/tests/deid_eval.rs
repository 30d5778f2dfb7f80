//! The de-identification evaluation: labcore's free-text detector against the annotated synthetic corpus
//! (`labcore_benches::deid`), precision, recall and F2 per category, with the thresholds the project promises.
//!
//! Scoring. A planted identifier is *recalled* when every letter and digit of it lies inside something labcore
//! redacts (whatever category labcore gives it: a leak is a leak); for ages only the digits count (`93` masked in
//! `93 years old` reveals nothing). A detection is *correct* when it overlaps a planted identifier. Precision is
//! per category labcore assigned; recall per planted category; F2 = 5PR / (4P + R) weighs recall four times as
//! much as precision, as de-identification should. Run with `--nocapture` to see the table.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::print_stdout,
    missing_docs
)]

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use labcore::redact::{Category, Detection, Policy, RedactOptions, Redactor, Seeds, Sensitivity};
use labcore_benches::deid::{AnnotatedNote, PhiSpan, distinct_categories, notes};
use labcore_benches::deid_styles;

/// Counts for one category.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    planted: usize,
    recalled: usize,
    detected: usize,
    correct: usize,
}

impl Tally {
    fn recall(&self) -> f64 {
        if self.planted == 0 { 1.0 } else { self.recalled as f64 / self.planted as f64 }
    }

    fn precision(&self) -> f64 {
        if self.detected == 0 { 1.0 } else { self.correct as f64 / self.detected as f64 }
    }

    fn f2(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 5.0 * p * r / (4.0 * p + r) }
    }
}

fn options(note: &AnnotatedNote) -> RedactOptions {
    let mut options = RedactOptions::new("2026-11-25T12:00:00Z".parse::<DateTime<Utc>>().unwrap());
    let mut seeds = Seeds::new();
    for (category, value) in &note.seeds {
        seeds.add(Category::from_name(category).unwrap(), value);
    }
    options.seeds = seeds;
    options
}

/// Whether every letter and digit of a planted span (only the digits of an age) is inside a detection.
fn recalled(text: &str, span: &PhiSpan, found: &[Detection]) -> bool {
    let slice = &text[span.start..span.end];
    slice.char_indices().all(|(offset, c)| {
        let counts = if span.category == "age" { c.is_ascii_digit() } else { c.is_alphanumeric() };
        let at = span.start + offset;
        !counts || found.iter().any(|d| d.start <= at && at < d.end)
    })
}

/// Scores one corpus; also returns the misses and false alarms, for the report.
fn evaluate(corpus: &[AnnotatedNote]) -> (BTreeMap<&'static str, Tally>, Vec<String>) {
    evaluate_with(corpus, Sensitivity::RecallFirst)
}

/// Scores one corpus with the search of the given sensitivity.
fn evaluate_with(corpus: &[AnnotatedNote], sensitivity: Sensitivity) -> (BTreeMap<&'static str, Tally>, Vec<String>) {
    let redactor = Redactor::new(Policy::safe_harbor().with_sensitivity(sensitivity), None).unwrap();
    let mut tallies: BTreeMap<&'static str, Tally> = BTreeMap::new();
    let mut examples = Vec::new();
    for note in corpus {
        let found = redactor.find(&note.text, &options(note));
        for span in &note.spans {
            let tally = tallies.entry(span.category).or_default();
            tally.planted += 1;
            if recalled(&note.text, span, &found) {
                tally.recalled += 1;
            } else {
                let shown: Vec<String> =
                    found.iter().map(|d| format!("{}={:?}", d.category.as_str(), &note.text[d.start..d.end])).collect();
                examples.push(format!(
                    "missed {:<14} {:?} in {:?}\n    found {}\n    seeds {:?}",
                    span.category,
                    &note.text[span.start..span.end],
                    note.text,
                    shown.join(" | "),
                    note.seeds
                ));
            }
        }
        for detection in &found {
            let tally = tallies.entry(detection.category.as_str()).or_default();
            tally.detected += 1;
            if note.spans.iter().any(|s| s.start < detection.end && detection.start < s.end) {
                tally.correct += 1;
            } else {
                let what = &note.text[detection.start..detection.end];
                examples.push(format!("false {:<15} {what:?} in {:?}", detection.category.as_str(), note.text));
            }
        }
    }
    (tallies, examples)
}

fn total(tallies: &BTreeMap<&'static str, Tally>) -> Tally {
    tallies.values().fold(Tally::default(), |a, t| Tally {
        planted: a.planted + t.planted,
        recalled: a.recalled + t.recalled,
        detected: a.detected + t.detected,
        correct: a.correct + t.correct,
    })
}

fn print(title: &str, tallies: &BTreeMap<&'static str, Tally>, examples: &[String]) {
    println!(
        "{title}\n{:<15} {:>7} {:>9} {:>8} {:>9} {:>7}",
        "category", "planted", "recall", "found", "precision", "F2"
    );
    for category in distinct_categories() {
        let t = tallies.get(category).copied().unwrap_or_default();
        println!(
            "{category:<15} {:>7} {:>9.4} {:>8} {:>9.4} {:>7.4}",
            t.planted,
            t.recall(),
            t.detected,
            t.precision(),
            t.f2()
        );
    }
    let all = total(tallies);
    println!(
        "{:<15} {:>7} {:>9.4} {:>8} {:>9.4} {:>7.4}",
        "all",
        all.planted,
        all.recall(),
        all.detected,
        all.precision(),
        all.f2()
    );
    for example in examples.iter().take(40) {
        println!("  {example}");
    }
    // Every miss and false alarm, for tuning: LABCORE_DEID_EXAMPLES=/tmp/deid.txt cargo test ... deid_eval
    if let Some(path) = std::env::var_os("LABCORE_DEID_EXAMPLES") {
        std::fs::write(path, examples.join("\n")).unwrap();
    }
}

/// The promises of the redaction issue, checked on one corpus.
fn assert_thresholds(tallies: &BTreeMap<&'static str, Tally>) {
    let recall = |category: &str| tallies.get(category).copied().unwrap_or_default().recall();
    for category in ["ssn", "phone", "fax", "email", "mrn", "date", "zip", "ip", "url"] {
        assert!(recall(category) >= 0.99, "{category} recall {:.4} < 0.99", recall(category));
    }
    assert!(recall("name") >= 0.95, "name recall {:.4} < 0.95", recall("name"));
    let precision = total(tallies).precision();
    assert!(precision >= 0.9, "overall precision {precision:.4} < 0.9");
}

#[test]
fn free_text_detection_meets_its_thresholds_on_the_tuning_corpus() {
    let (tallies, examples) = evaluate(&notes(2000, 1));
    print("corpus notes(2000, seed 1)", &tallies, &examples);
    assert_thresholds(&tallies);
}

/// A corpus the detector was not tuned on: the same generator, another seed.
#[test]
fn free_text_detection_meets_its_thresholds_on_a_held_out_corpus() {
    let (tallies, examples) = evaluate(&notes(3000, 20_261_201));
    print("corpus notes(3000, seed 20261201), held out", &tallies, &examples);
    assert_thresholds(&tallies);
}

/// A corpus from an independent generator in other styles: narrative notes, support messages, log lines, messy
/// bench comments — written by someone who never saw the detector.
#[test]
fn free_text_detection_meets_its_thresholds_on_an_independent_corpus() {
    let (tallies, examples) = evaluate(&deid_styles::notes(3000, 1));
    print("independent corpus deid_styles::notes(3000, seed 1)", &tallies, &examples);
    // A floor under what is measured (a regression guard, not the promise): its misses are mostly cities named
    // without a street, state or ZIP code, and bare record numbers with no cue at all. Safe Harbor's default
    // search is recall-first (recall 0.9887, precision 0.9253 when it became the default); the precise search
    // keeps the precision it had (0.9943).
    let all = total(&tallies);
    let recall = |category: &str| tallies.get(category).copied().unwrap_or_default().recall();
    assert!(
        all.recall() >= 0.98 && all.precision() >= 0.92,
        "recall {:.4}, precision {:.4}",
        all.recall(),
        all.precision()
    );
    let (precise, _) = evaluate_with(&deid_styles::notes(3000, 1), Sensitivity::Precise);
    let precise = total(&precise);
    assert!(
        precise.recall() >= 0.96 && precise.precision() >= 0.97,
        "precise: recall {:.4}, precision {:.4}",
        precise.recall(),
        precise.precision()
    );
    assert!(recall("name") >= 0.95, "name recall {:.4}", recall("name"));
    for category in ["ssn", "phone", "fax", "email", "date", "zip", "ip", "url"] {
        assert!(recall(category) >= 0.99, "{category} recall {:.4} < 0.99", recall(category));
    }
}

/// Redacting a redacted note changes nothing, on both corpora (placeholders and pseudonyms are recognised, and
/// numbering continues after them).
#[test]
fn redaction_of_the_corpora_is_idempotent() {
    let redactor = Redactor::new(Policy::safe_harbor(), None).unwrap();
    let mut differ = Vec::new();
    for note in notes(2000, 1).iter().chain(&deid_styles::notes(3000, 1)) {
        let once = redactor.text(&note.text, &options(note)).output;
        let twice = redactor.text(&once, &options(note)).output;
        if once != twice {
            differ.push(format!("{once:?}\n  -> {twice:?}"));
        }
    }
    assert!(
        differ.is_empty(),
        "{} notes change when redacted again, e.g.\n{}",
        differ.len(),
        differ.iter().take(5).cloned().collect::<Vec<_>>().join("\n")
    );
}
