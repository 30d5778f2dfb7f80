//! `labcore-precheck`: lets a lab vendor check payloads before sending them.
//!
//! Prints one JSON line per input — whether it is accepted, every finding, and the normalised results — and
//! exits 0 when every input is accepted, 1 when any is rejected, 2 on a usage error (bad option, unreadable file).
// A command-line tool's job is to print.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use clap::{Parser, ValueEnum};
use labcore::{Context, Report, UnitSystem, catalog::Catalog};
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
    error: Option<ErrorLine>,
    report: Option<Report>,
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
    let context = Context::new(&catalog, args.as_of.unwrap_or_else(Utc::now)).with_unit_system(system);
    let files = expand(&args.inputs)?;
    let mut all_accepted = true;
    let mut out = io::stdout().lock();
    for file in &files {
        let bytes = read(file)?;
        let name = file.to_string_lossy();
        let line = check(&name, &bytes, &context);
        all_accepted &= line.accepted;
        if !(args.rejected_only && line.accepted) {
            write_line(&mut out, &line, args.pretty).map_err(|e| format!("writing output: {e}"))?;
        }
    }
    Ok(all_accepted)
}

fn check<'a>(name: &'a str, bytes: &[u8], context: &Context<'_>) -> Line<'a> {
    match labcore::validate(bytes, context) {
        Ok(report) => Line { input: name, accepted: report.accepted, error: None, report: Some(report) },
        Err(err) => {
            let location = err.location();
            let error =
                ErrorLine { code: err.code(), message: err.to_string(), line: location.line, column: location.column };
            Line { input: name, accepted: false, error: Some(error), report: None }
        }
    }
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
