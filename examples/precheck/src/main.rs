//! `labcore-precheck`: lets a lab vendor check payloads before sending them.
//!
//! Prints one JSON line per input — its status (READY, NEEDS_REVIEW, REJECTED), every finding, and the processed
//! report (or, with `--format fhir`, the same report as a FHIR R4 DiagnosticReport) — and exits 0 when every
//! input is accepted, 1 when any is rejected, 2 on a usage error (bad option, unreadable file).
// A command-line tool's job is to print.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use clap::{Parser, ValueEnum};
use labcore::catalog::{Catalog, LabCatalog};
use labcore::fhir::{FhirOptions, to_fhir};
use labcore::{Context, PriorResult, Report, Status, UnitSystem};
use serde::Serialize;

/// Check lab payloads (labcore JSON) before sending them.
#[derive(Debug, Parser)]
#[command(name = "labcore-precheck", version, about, long_about = None)]
struct Args {
    /// Payload files, directories (every *.json inside), or `-` for standard input.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Judge collection times against this instant (RFC 3339) instead of now.
    #[arg(long, value_name = "RFC3339")]
    as_of: Option<DateTime<Utc>>,
    /// Normalise values to conventional (US) or SI units.
    #[arg(long, value_enum, default_value_t = Units::Conventional)]
    units: Units,
    /// Pretty-print each report over several lines.
    #[arg(long)]
    pretty: bool,
    /// Print only the inputs that are rejected.
    #[arg(long)]
    rejected_only: bool,
    /// Print the labcore report (`json`) or the same report as a FHIR R4 DiagnosticReport (`fhir`).
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// A laboratory's own reference intervals and critical limits (TOML, or JSON by the .json extension).
    #[arg(long, value_name = "FILE")]
    lab_catalog: Option<PathBuf>,
    /// The patient's previous results for delta checks: a JSON array of
    /// {"analyte", "value", "unit", "collected_at"}.
    #[arg(long, value_name = "FILE")]
    priors: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Json,
    Fhir,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Units {
    Conventional,
    Si,
}

/// One output line.
#[derive(Serialize)]
struct Line<'a> {
    input: &'a str,
    accepted: bool,
    status: Option<Status>,
    error: Option<ErrorLine>,
    #[serde(skip_serializing_if = "Option::is_none")]
    report: Option<Report<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fhir: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    findings: Option<Vec<labcore::Finding>>,
}

/// An unusable input: its stable code, message and location (never its content).
#[derive(Serialize)]
struct ErrorLine {
    code: &'static str,
    message: String,
    line: usize,
    column: usize,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(message) => {
            eprintln!("labcore-precheck: {message}");
            ExitCode::from(2)
        }
    }
}

/// Checks every input; `Ok(true)` when all were accepted.
fn run(args: &Args) -> Result<bool, String> {
    let catalog = Catalog::builtin().map_err(|e| format!("built-in catalog: {e}"))?;
    let system = match args.units {
        Units::Conventional => UnitSystem::Conventional,
        Units::Si => UnitSystem::Si,
    };
    let lab = args.lab_catalog.as_deref().map(|path| lab_catalog(&catalog, path)).transpose()?;
    let priors = args.priors.as_deref().map(read_priors).transpose()?.unwrap_or_default();
    let as_of = args.as_of.unwrap_or_else(Utc::now);
    let mut context = Context::new(&catalog, as_of).with_unit_system(system).with_priors(&priors);
    if let Some(lab) = &lab {
        context = context.with_lab_catalog(lab);
    }
    let files = expand(&args.inputs)?;
    let mut all_accepted = true;
    let mut out = io::stdout().lock();
    // A reader that stops early (`| head`) is not an error: the remaining inputs are still checked for the status.
    let mut reader_gone = false;
    for file in &files {
        let bytes = read(file)?;
        let name = file.to_string_lossy();
        let mut line = check(&name, &bytes, &context);
        if args.format == Format::Fhir {
            to_fhir_line(&mut line, &catalog, as_of);
        }
        all_accepted &= line.accepted;
        if !(reader_gone || args.rejected_only && line.accepted) {
            match write_line(&mut out, &line, args.pretty) {
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => reader_gone = true,
                written => written.map_err(|e| format!("writing output: {e}"))?,
            }
        }
    }
    Ok(all_accepted)
}

fn check<'a>(name: &'a str, bytes: &[u8], context: &Context<'a>) -> Line<'a> {
    let line =
        Line { input: name, accepted: false, status: None, error: None, report: None, fhir: None, findings: None };
    match labcore::validate(bytes, context) {
        Ok(report) => Line { accepted: report.accepted, status: Some(report.status), report: Some(report), ..line },
        Err(err) => {
            let location = err.location();
            let error =
                ErrorLine { code: err.code(), message: err.to_string(), line: location.line, column: location.column };
            Line { error: Some(error), ..line }
        }
    }
}

/// Replaces the report by its FHIR rendering (a rejected payload keeps only its findings).
fn to_fhir_line(line: &mut Line<'_>, catalog: &Catalog, issued: DateTime<Utc>) {
    let Some(report) = line.report.take() else { return };
    let options = FhirOptions { issued, subject: None, id: None };
    line.fhir = to_fhir(&report, catalog, &options).ok().and_then(|f| serde_json::to_value(f).ok());
    line.findings = Some(report.findings);
}

fn lab_catalog(catalog: &Catalog, path: &Path) -> Result<LabCatalog, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let name = path.to_string_lossy();
    let parsed = if path.extension().is_some_and(|x| x == "json") {
        LabCatalog::from_json(catalog, &name, &text)
    } else {
        LabCatalog::from_toml(catalog, &name, &text)
    };
    parsed.map_err(|e| e.to_string())
}

/// Previous results as `[{"analyte", "value", "unit", "collected_at"}]`.
fn read_priors(path: &Path) -> Result<Vec<PriorResult>, String> {
    #[derive(serde::Deserialize)]
    struct Prior {
        analyte: String,
        value: f64,
        unit: String,
        collected_at: DateTime<chrono::FixedOffset>,
    }
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let priors: Vec<Prior> = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(priors
        .into_iter()
        .map(|p| PriorResult { analyte: p.analyte, value: p.value, unit: p.unit, collected_at: p.collected_at })
        .collect())
}

fn write_line(out: &mut impl Write, line: &Line<'_>, pretty: bool) -> io::Result<()> {
    if pretty {
        serde_json::to_writer_pretty(&mut *out, line)?;
    } else {
        serde_json::to_writer(&mut *out, line)?;
    }
    writeln!(out)
}

/// Files as given, directories as their `*.json` files in name order.
fn expand(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let entries = std::fs::read_dir(input).map_err(|e| format!("{}: {e}", input.display()))?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(input.clone());
        }
    }
    Ok(files)
}

fn read(file: &Path) -> Result<Vec<u8>, String> {
    if file == Path::new("-") {
        let mut bytes = Vec::new();
        io::stdin().read_to_end(&mut bytes).map_err(|e| format!("standard input: {e}"))?;
        return Ok(bytes);
    }
    std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))
}
