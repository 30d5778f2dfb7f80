//! labcore for Node: the native addon behind `labcore.js`.
//!
//! Thin by design: it hands arguments to the conversions it shares with the WebAssembly package
//! (`labcore-js`) and returns their answers — the core's JSON as text, which `labcore.js` parses (V8's
//! `JSON.parse` builds the objects far faster than setting their properties one by one through N-API). Every
//! error leaves as a JS `Error` whose `code` is the core's stable code and whose message is a JSON object
//! (`kind`, `message`, `path`, `findings`) that `labcore.js` turns into a `LabcoreError` with those properties.
#![allow(clippy::needless_pass_by_value)] // napi passes owned values

mod errors;
pub mod redact;

use chrono::{DateTime, Utc};
use labcore_js::Settings;
use napi::bindgen_prelude::{Buffer, Either};
use napi_derive::napi;
use serde_json::Value;

use errors::{OrThrow, Result};

/// An input: text, or bytes (a `Buffer`).
pub type Input = Either<String, Buffer>;

fn bytes(input: &Input) -> &[u8] {
    match input {
        Either::A(text) => text.as_bytes(),
        Either::B(buffer) => buffer,
    }
}

/// Now, for calls without `asOf`.
fn now() -> DateTime<Utc> {
    DateTime::<Utc>::from(std::time::SystemTime::now())
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
        labcore_js::lab_catalog(&text, format.as_deref(), name.as_deref()).map(|inner| LabCatalog { inner }).or_throw()
    }

    /// The laboratory the catalog is for, when it says.
    #[napi(getter)]
    pub fn lab_id(&self) -> Option<String> {
        self.inner.lab_id().map(str::to_owned)
    }
}

fn settings<'a>(
    as_of: Option<String>,
    unit_system: Option<String>,
    lab: Option<&'a LabCatalog>,
    priors: Option<&Value>,
) -> Result<Settings<'a>> {
    Settings::read(as_of.as_deref(), unit_system.as_deref(), lab.map(|l| &l.inner), priors, now()).or_throw()
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
    let settings = settings(as_of, unit_system, lab_catalog, priors.as_ref())?;
    labcore_js::process(bytes(&input), format.as_deref(), &settings).or_throw()
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
    let settings = settings(as_of, unit_system, lab_catalog, priors.as_ref())?;
    labcore_js::validate(bytes(&input), format.as_deref(), &settings).or_throw()
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
    let settings = settings(as_of, unit_system, lab_catalog, priors.as_ref())?;
    let include_info = include_info.unwrap_or(false);
    labcore_js::ack(bytes(&input), control_id.as_deref(), timestamp.as_deref(), include_info, &settings).or_throw()
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
    let settings = settings(as_of, unit_system, lab_catalog, None)?;
    labcore_js::to_fhir(bytes(&input), format.as_deref(), &settings, issued.as_deref(), subject).or_throw()
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
    let settings = settings(as_of, unit_system, lab_catalog, None)?;
    labcore_js::operation_outcome(bytes(&input), format.as_deref(), &settings).or_throw()
}

/// The format of an input (`labcore`, `fhir`, `hl7v2`), or `null`.
#[napi(js_name = "detectFormat")]
pub fn detect_format(input: Either<String, Buffer>) -> Option<String> {
    labcore_js::detect_format(bytes(&input)).map(str::to_owned)
}
