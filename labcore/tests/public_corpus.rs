//! The public corpus of issue 14 (`conformance/public/`, sources in `conformance/public/SOURCES.md`): real,
//! publicly published HL7 v2 messages and FHIR R4 resources that labcore was never tuned on, split by a hash of
//! their source path into `tuning/` (looked at while fixing) and `heldout/` (never looked at file by file).
//!
//! This test asserts only what must hold for any input: no panic, and no error other than a recognised
//! unusable-input error. It prints what labcore makes of the corpus, per split:
//!
//! ```text
//! cargo test -p labcore --test public_corpus -- --nocapture
//! LABCORE_CORPUS_DETAIL=1 cargo test -p labcore --test public_corpus -- --nocapture   # every tuning result
//! ```
//!
//! For `tuning/` it prints every file (status, finding codes, results per report, mapped and unmapped
//! analytes); for `heldout/` only aggregate counts, so that held-out outcomes are never read one by one while
//! tuning. Nothing here pins an outcome: the split is evidence, not an expectation.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, clippy::print_stdout)]
#![allow(missing_docs)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use labcore::catalog::Catalog;
use labcore::{Context, ErrorKind, Intake, Mapping, Status};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../conformance/public")
}

fn as_of() -> DateTime<Utc> {
    "2026-11-25T12:00:00Z".parse().unwrap()
}

/// The files of one split, both formats, sorted.
fn files(split: &str) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    for format in ["hl7", "fhir"] {
        let Ok(entries) = std::fs::read_dir(root().join(format).join(split)) else { continue };
        paths.extend(entries.map(|e| e.unwrap().path()).filter(|p| p.is_file()));
    }
    paths.sort();
    paths
}

#[derive(Default)]
struct Tally {
    files: usize,
    errors: BTreeMap<&'static str, usize>,
    reports: usize,
    statuses: BTreeMap<&'static str, usize>,
    results: usize,
    mapped: usize,
    unmapped: usize,
    flagged: usize,
    codes: BTreeMap<String, usize>,
    ack_codes: BTreeMap<&'static str, usize>,
}

fn status_name(status: Status) -> &'static str {
    match status {
        Status::Ready => "READY",
        Status::NeedsReview => "NEEDS_REVIEW",
        Status::Rejected => "REJECTED",
    }
}

/// One line per file (and, with `detail`, one per result and finding); adds the file to the tally.
fn visit(path: &Path, context: &Context<'_>, tally: &mut Tally, detail: bool) -> Vec<String> {
    let name = path.strip_prefix(root()).unwrap().display().to_string();
    let bytes = std::fs::read(path).unwrap();
    tally.files += 1;
    let intake = match labcore::process_any(&bytes, context) {
        Ok(intake) => intake,
        Err(error) => {
            assert!(ErrorKind::ALL.contains(&error.kind()), "{name}: unrecognised error");
            *tally.errors.entry(error.code()).or_default() += 1;
            return vec![format!("{name}: error {}", error.code())];
        }
    };
    let mut lines = Vec::new();
    if let Intake::Hl7(outcome) = &intake {
        for message in &outcome.messages {
            *tally.ack_codes.entry(message.ack_code.as_str()).or_default() += 1;
        }
    }
    let mut per_report = Vec::new();
    for report in intake.reports() {
        tally.reports += 1;
        *tally.statuses.entry(status_name(report.status)).or_default() += 1;
        let mapped = report.results.iter().filter(|r| r.mapping != Mapping::Unmapped).count();
        let flagged = report.results.iter().filter(|r| r.flag.is_some()).count();
        tally.results += report.results.len();
        tally.mapped += mapped;
        tally.unmapped += report.results.len() - mapped;
        tally.flagged += flagged;
        per_report.push(format!(
            "{} {:?} results={} mapped={} unmapped={} flagged={}",
            status_name(report.status),
            report.panel,
            report.results.len(),
            mapped,
            report.results.len() - mapped,
            flagged
        ));
    }
    let mut codes: BTreeMap<String, usize> = BTreeMap::new();
    for finding in intake.all_findings() {
        *codes.entry(finding.code().as_str().to_owned()).or_default() += 1;
    }
    for (code, n) in &codes {
        *tally.codes.entry(code.clone()).or_default() += n;
    }
    let codes: Vec<String> = codes.iter().map(|(c, n)| if *n > 1 { format!("{c}×{n}") } else { c.clone() }).collect();
    lines.push(format!(
        "{name}: {:?} acks={:?} [{}] codes: {}",
        intake.format(),
        intake.ack_codes(),
        per_report.join(" | "),
        codes.join(" ")
    ));
    if detail {
        lines.extend(details(&intake));
    }
    lines
}

/// Every result (as sent and as labcore answers) and every finding with its location.
fn details(intake: &Intake<'_>) -> Vec<String> {
    let mut lines = Vec::new();
    for finding in intake.input_findings() {
        lines.push(format!(
            "    input finding {} at {:?}",
            finding.code().as_str(),
            finding.location().map(|l| l.to_string())
        ));
    }
    for (r, report) in intake.reports().iter().enumerate() {
        lines.push(format!(
            "  report {r}: {} panel {:?} reasons {:?}",
            status_name(report.status),
            report.panel,
            report.status_reasons
        ));
        for result in &report.results {
            let o = &result.original;
            lines.push(format!(
                "    [{}] {} sent({:?} {:?} {:?} {:?} range {:?} flag {:?}) -> {:?} {:?} loinc {:?} {:?} {:?} flag {:?} range {:?} status {:?}",
                result.index,
                result.location.as_ref().map(|l| l.to_string()).unwrap_or_default(),
                o.loinc,
                o.analyte,
                o.value,
                o.unit,
                o.reference_range.as_ref().map(|x| (&x.text, &x.low, &x.high)),
                o.flag,
                result.mapping,
                result.analyte,
                result.loinc.as_ref().map(|l| l.to_string()),
                result.value,
                result.unit,
                result.flag,
                result.range.as_ref().map(|x| (x.low, x.high, x.origin)),
                result.status,
            ));
        }
        for finding in &report.findings {
            lines.push(format!(
                "    finding {} {:?} at {} / {:?}",
                finding.code().as_str(),
                finding.severity(),
                finding.path(),
                finding.location().map(|l| l.to_string())
            ));
        }
    }
    lines
}

fn summary(split: &str, tally: &Tally) -> String {
    format!(
        "== {split}: {} files; errors {:?}; {} reports {:?}; HL7 ACKs {:?}; {} results ({} mapped, {} unmapped, {} flagged)\n   finding codes: {:?}",
        tally.files,
        tally.errors,
        tally.reports,
        tally.statuses,
        tally.ack_codes,
        tally.results,
        tally.mapped,
        tally.unmapped,
        tally.flagged,
        tally.codes
    )
}

#[test]
fn every_public_file_is_read_without_panic_or_unknown_error() {
    let catalog = Catalog::builtin().unwrap();
    let context = Context::new(&catalog, as_of());
    let detail = std::env::var_os("LABCORE_CORPUS_DETAIL").is_some();
    let tuning = files("tuning");
    let heldout = files("heldout");
    assert!(!tuning.is_empty() && !heldout.is_empty(), "the public corpus is missing");

    let mut tally = Tally::default();
    let mut out = Vec::new();
    for path in &tuning {
        out.extend(visit(path, &context, &mut tally, detail));
    }
    out.push(summary("tuning", &tally));

    // Held-out: the same processing and the same assertions, but only the aggregate leaves this function.
    let mut held = Tally::default();
    for path in &heldout {
        let _ = visit(path, &context, &mut held, false);
    }
    out.push(summary("heldout", &held));
    println!("{}", out.join("\n"));
}
