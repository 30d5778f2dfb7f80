//! `labcore-precheck redact`: de-identification from the command line. The key (for pseudonyms and date shifts)
//! comes from an environment variable or a file — never from an argument, which other users of the machine could
//! see in the process list.

use std::io::{self, Write};
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use clap::{Args, ValueEnum};
use labcore::redact::{Category, Operation, Policy, RedactOptions, RedactionKey, Redactor, Zip3List};
use serde::Serialize;

/// De-identify payloads.
#[derive(Debug, Args)]
pub(crate) struct RedactArgs {
    /// Files, directories (every *.json and *.hl7 inside), or `-` for standard input.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// The policy: HIPAA Safe Harbor, or a limited data set (dates, city and ZIP code kept).
    #[arg(long, value_enum, default_value_t = PolicyName::SafeHarbor)]
    policy: PolicyName,
    /// Replace identifiers (MRN, account, SSN…) by keyed pseudonyms instead of placeholders (needs a key).
    #[arg(long)]
    pseudonymize: bool,
    /// Shift each patient's dates by a number of days derived from the key instead of keeping only the year.
    #[arg(long)]
    shift_dates: bool,
    /// Restricted three-digit ZIP areas: `census2020` (default), `census2000`, `census2010`, `census2020_no_zcta`,
    /// or a union joined by `+` (`census2000+census2020`, the conservative choice).
    #[arg(long, value_name = "LIST", default_value = "census2020")]
    zip3: String,
    /// The environment variable holding the key (at least 16 bytes).
    #[arg(long, value_name = "NAME", default_value = "LABCORE_REDACTION_KEY")]
    key_env: String,
    /// A file holding the key (surrounding white space is trimmed); instead of the environment variable.
    #[arg(long, value_name = "FILE")]
    key_file: Option<PathBuf>,
    /// Read inputs as free text (a comment, a log) instead of recognising their format.
    #[arg(long)]
    text: bool,
    /// Judge "over 89" against this instant (RFC 3339) instead of now.
    #[arg(long, value_name = "RFC3339")]
    as_of: Option<DateTime<Utc>>,
    /// Write each redacted document to this directory (same file name) instead of into the JSON line.
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum PolicyName {
    SafeHarbor,
    LimitedDataSet,
}

/// One output line: the document (unless written to a file) and the changes.
#[derive(Serialize)]
struct Line<'a> {
    input: &'a str,
    format: Option<labcore::Format>,
    error: Option<ErrorLine>,
    #[serde(skip_serializing_if = "Option::is_none")]
    output: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    written: Option<String>,
    changes: Vec<labcore::redact::Change>,
}

#[derive(Serialize)]
struct ErrorLine {
    code: &'static str,
    message: String,
}

/// The policy the options describe.
fn policy(args: &RedactArgs) -> Result<Policy, String> {
    let mut policy = match args.policy {
        PolicyName::SafeHarbor => Policy::safe_harbor(),
        PolicyName::LimitedDataSet => Policy::limited_data_set(),
    };
    if args.pseudonymize {
        for category in
            [Category::Mrn, Category::Account, Category::HealthPlan, Category::Ssn, Category::OtherId, Category::Name]
        {
            policy = policy.with(category, Operation::Pseudonym);
        }
    }
    if args.shift_dates {
        policy = policy.with(Category::Date, Operation::ShiftDate);
    }
    let zip3 = Zip3List::builtin(&args.zip3)
        .ok_or_else(|| format!("unknown ZIP3 list {} (known: {:?})", args.zip3, Zip3List::builtin_ids()))?;
    Ok(policy.with_zip3(zip3))
}

/// The key, from the file or the environment, when there is one.
fn key(args: &RedactArgs) -> Result<Option<RedactionKey>, String> {
    let bytes = match &args.key_file {
        Some(path) => {
            let text = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
            Some(text.trim_ascii().to_vec())
        }
        None => std::env::var_os(&args.key_env).map(|v| v.to_string_lossy().trim().as_bytes().to_vec()),
    };
    bytes.map(|b| RedactionKey::new(&b).map_err(|e| e.to_string())).transpose()
}

/// Whether two paths name one existing file (the redacted copy must never replace the original).
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Redacts every input; `Ok(true)` when none failed.
pub(crate) fn run(args: &RedactArgs) -> Result<bool, String> {
    let redactor = Redactor::new(policy(args)?, key(args)?).map_err(|e| match e {
        labcore::redact::RedactError::KeyRequired => {
            format!("--pseudonymize and --shift-dates need a key: set {} or pass --key-file", args.key_env)
        }
        other => other.to_string(),
    })?;
    let options = RedactOptions::new(args.as_of.unwrap_or_else(Utc::now));
    let mut out = io::stdout().lock();
    let mut all_ok = true;
    for file in crate::expand(&args.inputs)? {
        let bytes = crate::read(&file)?;
        let name = file.to_string_lossy();
        let result = if args.text { redactor.text_bytes(&bytes, &options) } else { redactor.any(&bytes, &options) };
        let mut line =
            Line { input: &name, format: None, error: None, output: None, written: None, changes: Vec::new() };
        match result {
            Ok(redacted) => {
                line.format = redacted.format;
                line.changes = redacted.changes;
                match &args.out_dir {
                    Some(dir) => {
                        let target = dir.join(file.file_name().unwrap_or_default());
                        if same_file(&target, &file) {
                            return Err(format!("{}: --out-dir would overwrite the input", target.display()));
                        }
                        std::fs::write(&target, redacted.output).map_err(|e| format!("{}: {e}", target.display()))?;
                        line.written = Some(target.to_string_lossy().into_owned());
                    }
                    None => line.output = Some(redacted.output),
                }
            }
            Err(err) => {
                all_ok = false;
                line.error = Some(ErrorLine { code: err.code(), message: err.to_string() });
            }
        }
        serde_json::to_writer(&mut out, &line).map_err(|e| e.to_string())?;
        writeln!(out).map_err(|e| e.to_string())?;
    }
    Ok(all_ok)
}
