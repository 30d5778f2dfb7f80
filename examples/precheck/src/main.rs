//! `labcore-precheck`: lets a lab vendor check payloads before sending them — labcore JSON, FHIR R4 JSON or
//! HL7 v2 ORU^R01, recognised from the content.
//!
//! Prints one JSON line per input — its format, status (READY, NEEDS_REVIEW, REJECTED), every finding, and the
//! processed report(s) (or, with `--format fhir`, FHIR R4 DiagnosticReports; with `--format outcome`, a FHIR
//! OperationOutcome; with `--format ack`, the HL7 ACK labcore would send) — and exits 0 when every input is
//! accepted, 1 when any is rejected, 2 on a usage error (bad option, unreadable file).
// A command-line tool's job is to print.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod line;
mod priors;
mod redact;

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use clap::{Parser, ValueEnum};
use labcore::catalog::{Catalog, LabCatalog};
use labcore::{Context, UnitSystem};

/// Check lab payloads (labcore JSON, FHIR R4 JSON, HL7 v2 ORU^R01) before sending them.
#[derive(Debug, Parser)]
#[command(name = "labcore-precheck", version, about, long_about = None, args_conflicts_with_subcommands = true)]
struct Args {
    /// `redact`: de-identify payloads instead of checking them (see `labcore-precheck redact --help`).
    #[command(subcommand)]
    command: Option<Command>,
    /// Payload files, directories (every *.json and *.hl7 inside), or `-` for standard input.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Judge collection times against this instant (RFC 3339) instead of now; also the ACK's time.
    #[arg(long, value_name = "RFC3339")]
    as_of: Option<DateTime<Utc>>,
    /// Normalise values to conventional (US) or SI units.
    #[arg(long, value_enum, default_value_t = Units::Conventional)]
    units: Units,
    /// Pretty-print each line over several lines.
    #[arg(long)]
    pretty: bool,
    /// Print only the inputs that are rejected.
    #[arg(long)]
    rejected_only: bool,
    /// What to print: labcore's report (`json`), FHIR R4 DiagnosticReports (`fhir`), a FHIR OperationOutcome
    /// of the findings (`outcome`), or the HL7 ACK labcore would send (`ack`, plain HL7 text).
    #[arg(long, value_enum, default_value_t = Output::Json)]
    format: Output,
    /// The input format; `auto` recognises it from the content.
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    input_format: InputFormat,
    /// MSH-10 of the ACK (`--format ack`; several messages get `-2`, `-3`… appended).
    #[arg(long, value_name = "ID", default_value = "LABCORE-ACK")]
    ack_control_id: String,
    /// A laboratory's own reference intervals and critical limits (TOML, or JSON by the .json extension).
    #[arg(long, value_name = "FILE")]
    lab_catalog: Option<PathBuf>,
    /// The patients' previous results for delta checks: a JSON array of
    /// {"analyte", "value", "unit", "collected_at", "patient_id"}, or an object of such arrays by patient
    /// identifier. Each is compared only with its patient's payloads; entries without a patient_id are allowed
    /// with a single input only.
    #[arg(long, value_name = "FILE")]
    priors: Option<PathBuf>,
}

/// The other things the command does.
#[derive(Debug, clap::Subcommand)]
enum Command {
    /// De-identify labcore JSON, FHIR R4 JSON and HL7 v2 payloads (and free text): one JSON line per input with the
    /// redacted document and what was changed, or the documents written to `--out-dir`.
    Redact(redact::RedactArgs),
}

/// What is printed for each input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Output {
    Json,
    Fhir,
    Outcome,
    Ack,
}

/// How inputs are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum InputFormat {
    Auto,
    Json,
    Fhir,
    Hl7,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Units {
    Conventional,
    Si,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let outcome = match &args.command {
        Some(Command::Redact(redact)) => redact::run(redact),
        None => run(&args),
    };
    match outcome {
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
    let priors = args.priors.as_deref().map(priors::read).transpose()?.unwrap_or_default();
    let as_of = args.as_of.unwrap_or_else(Utc::now);
    let mut context = Context::new(&catalog, as_of).with_unit_system(system).with_priors(&priors);
    if let Some(lab) = &lab {
        context = context.with_lab_catalog(lab);
    }
    let files = expand(&args.inputs)?;
    priors::check_inputs(&priors, files.len())?;
    let settings = line::Settings {
        catalog: &catalog,
        issued: as_of,
        output: args.format,
        input_format: args.input_format,
        ack_control_id: &args.ack_control_id,
    };
    let mut all_accepted = true;
    // Buffered (stdout's own buffer flushes every kilobyte of a long line), and flushed after each line.
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    // A reader that stops early (`| head`) is not an error: the remaining inputs are still checked for the status.
    let mut reader_gone = false;
    for file in &files {
        let bytes = read(file)?;
        let name = file.to_string_lossy();
        let checked = line::check(&name, &bytes, &context, &settings);
        all_accepted &= checked.accepted;
        if reader_gone || args.rejected_only && checked.accepted {
            continue;
        }
        match write_line(&mut out, &checked, args.pretty) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => reader_gone = true,
            written => written.map_err(|e| format!("writing output: {e}"))?,
        }
    }
    Ok(all_accepted)
}

/// The lab's catalog. Its errors name the file, where (line and column, or the entry) and what kind of problem,
/// never what the file says (the core's [`labcore::catalog::CatalogError`] quotes nothing from a lab catalog).
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

fn write_line(out: &mut impl Write, checked: &line::Checked<'_>, pretty: bool) -> io::Result<()> {
    if let Some(acks) = &checked.ack_text {
        // Plain HL7: one segment per line, a blank line between ACKs.
        for ack in acks {
            writeln!(out, "{}", ack.trim_end_matches('\r').replace('\r', "\n"))?;
            writeln!(out)?;
        }
        return out.flush();
    }
    if pretty {
        serde_json::to_writer_pretty(&mut *out, &checked.line)?;
    } else {
        serde_json::to_writer(&mut *out, &checked.line)?;
    }
    writeln!(out)?;
    out.flush()
}

/// Files as given, directories as their `*.json` and `*.hl7` files in name order.
pub(crate) fn expand(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let entries = std::fs::read_dir(input).map_err(|e| format!("{}: {e}", input.display()))?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "json" || x == "hl7"))
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(input.clone());
        }
    }
    Ok(files)
}

pub(crate) fn read(file: &Path) -> Result<Vec<u8>, String> {
    if file == Path::new("-") {
        let mut bytes = Vec::new();
        io::stdin().read_to_end(&mut bytes).map_err(|e| format!("standard input: {e}"))?;
        return Ok(bytes);
    }
    std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))
}
