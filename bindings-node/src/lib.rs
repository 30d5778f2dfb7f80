//! labcore for Node: the native addon behind `labcore.js`.
//!
//! Thin by design: it converts arguments to what the core reads and the answers to plain JS values. Every
//! error leaves as a JS `Error` whose `code` is the core's stable code and whose message is a JSON object
//! (`message`, `path`, `findings`) that `labcore.js` turns into a `LabcoreError` with those properties.
#![allow(clippy::needless_pass_by_value)] // napi passes owned values

mod errors;
pub mod redact;

use chrono::{DateTime, FixedOffset, Utc};
use labcore::catalog::Catalog;
use labcore::hl7::AckOptions;
use labcore::{Context, Format, Intake, PriorResult, UnitSystem};
use napi::bindgen_prelude::{Buffer, Either};
use napi_derive::napi;
use serde_json::Value;

use errors::{Failure, Result};

/// An input: text, or bytes (a `Buffer`).
pub type Input = Either<String, Buffer>;

fn bytes(input: &Input) -> &[u8] {
    match input {
        Either::A(text) => text.as_bytes(),
        Either::B(buffer) => buffer,
    }
}

/// The built-in catalog, loaded once per process.
fn catalog() -> Result<&'static Catalog> {
    static CATALOG: std::sync::OnceLock<std::result::Result<Catalog, labcore::catalog::CatalogError>> =
        std::sync::OnceLock::new();
    CATALOG.get_or_init(Catalog::builtin).as_ref().map_err(|e| Failure::catalog(e).into())
}

/// A laboratory's own catalog (TOML or JSON text).
#[napi]
pub struct LabCatalog {
    inner: labcore::catalog::LabCatalog,
}

#[napi]
impl LabCatalog {
    /// Loads a catalog: `format` is `"toml"` (default) or `"json"`.
    #[napi(constructor)]
    pub fn new(text: String, format: Option<String>, name: Option<String>) -> Result<LabCatalog> {
        let base = catalog()?;
        let name = name.unwrap_or_else(|| "lab_catalog".into());
        let loaded = match format.as_deref().unwrap_or("toml") {
            "toml" => labcore::catalog::LabCatalog::from_toml(base, &name, &text),
            "json" => labcore::catalog::LabCatalog::from_json(base, &name, &text),
            _ => return Err(Failure::option("format", "must be \"toml\" or \"json\"").into()),
        };
        loaded.map(|inner| LabCatalog { inner }).map_err(|e| Failure::catalog(&e).into())
    }

    /// The laboratory the catalog is for, when it says.
    #[napi(getter)]
    pub fn lab_id(&self) -> Option<String> {
        self.inner.lab_id().map(str::to_owned)
    }
}

/// The options every processing call takes, read from the arguments.
struct Settings<'a> {
    as_of: DateTime<Utc>,
    unit_system: UnitSystem,
    lab: Option<&'a LabCatalog>,
    priors: Vec<PriorResult>,
}

impl<'a> Settings<'a> {
    fn read(
        as_of: Option<String>,
        unit_system: Option<String>,
        lab: Option<&'a LabCatalog>,
        priors: Option<Value>,
    ) -> Result<Settings<'a>> {
        let unit_system = UnitSystem::from_name(unit_system.as_deref().unwrap_or("conventional"))
            .ok_or_else(|| Failure::option("unitSystem", "must be \"conventional\" or \"si\""))?;
        let priors = match priors {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items.iter().map(prior).collect::<Result<_>>()?,
            Some(_) => return Err(Failure::option("priors", "must be an array").into()),
        };
        Ok(Settings { as_of: utc(as_of.as_deref(), "asOf")?, unit_system, lab, priors })
    }

    fn context<'s>(&'s self, catalog: &'s Catalog) -> Context<'s> {
        let context = Context::new(catalog, self.as_of).with_unit_system(self.unit_system).with_priors(&self.priors);
        match self.lab {
            Some(lab) => context.with_lab_catalog(&lab.inner),
            None => context,
        }
    }
}

fn prior(item: &Value) -> Result<PriorResult> {
    let text = |key: &str| item.get(key).and_then(Value::as_str).map(str::to_owned);
    let missing = || Failure::option("priors", "entries need analyte, value, unit and collectedAt");
    Ok(PriorResult {
        analyte: text("analyte").ok_or_else(missing)?,
        value: item.get("value").and_then(Value::as_f64).ok_or_else(missing)?,
        unit: text("unit").ok_or_else(missing)?,
        collected_at: fixed(
            &text("collectedAt").or_else(|| text("collected_at")).ok_or_else(missing)?,
            "priors collectedAt",
        )?,
    })
}

/// An RFC 3339 time (a JS `Date` arrives as its ISO string); `None` means now.
fn utc(text: Option<&str>, argument: &str) -> Result<DateTime<Utc>> {
    match text {
        None => Ok(DateTime::<Utc>::from(std::time::SystemTime::now())),
        Some(text) => fixed(text, argument).map(|t| t.with_timezone(&Utc)),
    }
}

fn fixed(text: &str, argument: &str) -> Result<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(text)
        .map_err(|_| Failure::option(argument, "is not an RFC 3339 time with an offset").into())
}

fn format_argument(format: Option<&str>) -> Result<Option<Format>> {
    match format {
        None | Some("auto") => Ok(None),
        Some(name) => Format::from_name(name)
            .map(Some)
            .ok_or_else(|| Failure::option("format", "must be auto, labcore, fhir or hl7v2").into()),
    }
}

/// Reads the input as `format` says (the typed payload, which holds the PHI, is never built) and hands the
/// intake to `finish`.
fn with_intake<T>(
    input: &Input,
    format: Option<Format>,
    settings: &Settings<'_>,
    finish: impl FnOnce(&Intake<'_>, &Catalog) -> Result<T>,
) -> Result<T> {
    let catalog = catalog()?;
    let intake =
        labcore::validate_as(bytes(input), &settings.context(catalog), format).map_err(|e| Failure::input(&e))?;
    finish(&intake, catalog)
}

/// JSON text, which `labcore.js` parses: V8's `JSON.parse` builds the objects far faster than setting their
/// properties one by one through N-API.
fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|_| Failure::internal("the report could not be rendered").into())
}

/// Validates, normalises and flags a payload (labcore JSON, FHIR R4 JSON or HL7 v2): `{format, accepted,
/// status, reports, findings, ack_codes}` as JSON text (`findings`: those about the input itself).
#[napi(js_name = "processNative")]
pub fn process(
    input: Either<String, Buffer>,
    format: Option<String>,
    as_of: Option<String>,
    unit_system: Option<String>,
    lab_catalog: Option<&LabCatalog>,
    priors: Option<Value>,
) -> Result<String> {
    let settings = Settings::read(as_of, unit_system, lab_catalog, priors)?;
    with_intake(&input, format_argument(format.as_deref())?, &settings, |intake, _| to_json(intake))
}

/// Like `processNative`, but a rejected input is an error (`payload_rejected`, with every finding).
#[napi(js_name = "validateNative")]
pub fn validate(
    input: Either<String, Buffer>,
    format: Option<String>,
    as_of: Option<String>,
    unit_system: Option<String>,
    lab_catalog: Option<&LabCatalog>,
    priors: Option<Value>,
) -> Result<String> {
    let settings = Settings::read(as_of, unit_system, lab_catalog, priors)?;
    with_intake(&input, format_argument(format.as_deref())?, &settings, |intake, _| {
        if !intake.accepted() {
            return Err(Failure::rejected(labcore::Rejection::PAYLOAD, &intake.all_findings()).into());
        }
        to_json(intake)
    })
}

/// The HL7 ACK of each message of an HL7 v2 input, each a string of CR-terminated segments.
#[napi(js_name = "ackNative")]
#[allow(clippy::too_many_arguments)]
pub fn ack(
    input: Either<String, Buffer>,
    control_id: Option<String>,
    timestamp: Option<String>,
    include_info: Option<bool>,
    as_of: Option<String>,
    unit_system: Option<String>,
    lab_catalog: Option<&LabCatalog>,
    priors: Option<Value>,
) -> Result<Vec<String>> {
    let settings = Settings::read(as_of, unit_system, lab_catalog, priors)?;
    let timestamp = match timestamp.as_deref() {
        Some(t) => fixed(t, "timestamp")?,
        None => settings.as_of.fixed_offset(),
    };
    let mut options = AckOptions::new(control_id.unwrap_or_else(|| "ACK-1".into()), timestamp);
    options.include_info = include_info.unwrap_or(false);
    with_intake(&input, Some(Format::Hl7v2), &settings, |intake, _| match intake {
        Intake::Hl7(outcome) => Ok(outcome.acks(&options)),
        _ => Ok(Vec::new()),
    })
}

/// Each report as a FHIR R4 DiagnosticReport; a rejected report is an error (`report_rejected`).
#[napi(js_name = "toFhirNative")]
pub fn to_fhir(
    input: Either<String, Buffer>,
    format: Option<String>,
    as_of: Option<String>,
    unit_system: Option<String>,
    lab_catalog: Option<&LabCatalog>,
    issued: Option<String>,
    subject: Option<String>,
) -> Result<String> {
    let settings = Settings::read(as_of, unit_system, lab_catalog, None)?;
    let issued = match issued.as_deref() {
        Some(t) => utc(Some(t), "issued")?,
        None => settings.as_of,
    };
    let options = labcore::fhir::FhirOptions { issued, subject, id: None };
    with_intake(&input, format_argument(format.as_deref())?, &settings, |intake, catalog| {
        match intake.to_fhir(catalog, &options) {
            Ok(reports) => to_json(&reports),
            Err(rejected) => {
                Err(Failure::rejected(labcore::Rejection::REPORT, &rejected.findings.iter().collect::<Vec<_>>()).into())
            }
        }
    })
}

/// Every finding of an input as a FHIR R4 OperationOutcome.
#[napi(js_name = "operationOutcomeNative")]
pub fn operation_outcome(
    input: Either<String, Buffer>,
    format: Option<String>,
    as_of: Option<String>,
    unit_system: Option<String>,
    lab_catalog: Option<&LabCatalog>,
) -> Result<String> {
    let settings = Settings::read(as_of, unit_system, lab_catalog, None)?;
    with_intake(&input, format_argument(format.as_deref())?, &settings, |intake, _| {
        to_json(&labcore::fhir::operation_outcome(intake.all_findings()))
    })
}

/// The format of an input (`labcore`, `fhir`, `hl7v2`), or `null`.
#[napi(js_name = "detectFormat")]
pub fn detect_format(input: Either<String, Buffer>) -> Option<String> {
    labcore::detect(bytes(&input)).map(|f| f.as_str().to_owned())
}
