//! labcore for browsers and Node, as WebAssembly: the module behind `labcore.js`.
//!
//! Thin by design: arguments arrive as text, bytes and JSON text, go through the conversions shared with the
//! Node addon (`labcore-js`), and answers leave as the core's JSON text, which `labcore.js` parses. Every error
//! leaves as a real JS `Error` whose `name` is its class (`InputError`, `ValidationError`, …), with the core's
//! stable `code`, a `path` and, for rejections, `findings` — never a bare string. Nothing here reads a clock
//! the caller did not ask for: without `asOf`, "now" is the JS clock's.
#![allow(clippy::needless_pass_by_value)] // wasm-bindgen passes owned values

mod errors;
mod input;
#[cfg(feature = "redact")]
pub mod redact;

use labcore_js::Settings;
use wasm_bindgen::prelude::*;

pub use errors::to_js_error;
use input::{bytes, json_argument, now};

/// What every export returns: a value, or a thrown JS `Error`.
pub type JsResult<T> = Result<T, JsValue>;

/// A laboratory's own catalog (TOML or JSON text), or none (`LabCatalog.none()`: the built-in intervals only).
/// Every processing call takes one: wasm-bindgen cannot pass an optional borrowed object.
#[wasm_bindgen]
pub struct LabCatalog {
    inner: Option<labcore::catalog::LabCatalog>,
}

#[wasm_bindgen]
impl LabCatalog {
    /// Loads a catalog: `format` is `"toml"` (default) or `"json"`.
    #[wasm_bindgen(constructor)]
    pub fn new(text: &str, format: Option<String>, name: Option<String>) -> JsResult<LabCatalog> {
        labcore_js::lab_catalog(text, format.as_deref(), name.as_deref())
            .map(|inner| LabCatalog { inner: Some(inner) })
            .map_err(to_js_error)
    }

    /// No laboratory catalog: the built-in reference intervals only.
    pub fn none() -> LabCatalog {
        LabCatalog { inner: None }
    }

    /// The laboratory the catalog is for, when it says.
    #[wasm_bindgen(getter = labId)]
    pub fn lab_id(&self) -> Option<String> {
        self.inner.as_ref().and_then(|lab| lab.lab_id()).map(str::to_owned)
    }
}

fn settings<'a>(
    as_of: Option<String>,
    unit_system: Option<String>,
    lab: &'a LabCatalog,
    priors: Option<String>,
) -> JsResult<Settings<'a>> {
    let priors = json_argument(priors.as_deref(), "priors")?;
    Settings::read(as_of.as_deref(), unit_system.as_deref(), lab.inner.as_ref(), priors.as_ref(), now())
        .map_err(to_js_error)
}

/// Validates, normalises and flags a payload (labcore JSON, FHIR R4 JSON or HL7 v2; text or a `Uint8Array`):
/// `{format, accepted, status, reports, findings, ack_codes}` as JSON text. `priors` is JSON text.
#[wasm_bindgen(js_name = processNative)]
pub fn process(
    input: JsValue,
    format: Option<String>,
    as_of: Option<String>,
    unit_system: Option<String>,
    lab_catalog: &LabCatalog,
    priors: Option<String>,
) -> JsResult<String> {
    let settings = settings(as_of, unit_system, lab_catalog, priors)?;
    labcore_js::process(&bytes(&input)?, format.as_deref(), &settings).map_err(to_js_error)
}

/// Like `processNative`, but a rejected input is an error (`payload_rejected`, with every finding).
#[wasm_bindgen(js_name = validateNative)]
pub fn validate(
    input: JsValue,
    format: Option<String>,
    as_of: Option<String>,
    unit_system: Option<String>,
    lab_catalog: &LabCatalog,
    priors: Option<String>,
) -> JsResult<String> {
    let settings = settings(as_of, unit_system, lab_catalog, priors)?;
    labcore_js::validate(&bytes(&input)?, format.as_deref(), &settings).map_err(to_js_error)
}

/// The HL7 ACK of each message of an HL7 v2 input, each a string of CR-terminated segments.
#[wasm_bindgen(js_name = ackNative)]
#[allow(clippy::too_many_arguments)]
pub fn ack(
    input: JsValue,
    control_id: Option<String>,
    timestamp: Option<String>,
    include_info: Option<bool>,
    as_of: Option<String>,
    unit_system: Option<String>,
    lab_catalog: &LabCatalog,
    priors: Option<String>,
) -> JsResult<Vec<String>> {
    let settings = settings(as_of, unit_system, lab_catalog, priors)?;
    let input = bytes(&input)?;
    labcore_js::ack(&input, control_id.as_deref(), timestamp.as_deref(), include_info.unwrap_or(false), &settings)
        .map_err(to_js_error)
}

/// Each report as a FHIR R4 DiagnosticReport (JSON text); a rejected report is an error (`report_rejected`).
#[wasm_bindgen(js_name = toFhirNative)]
pub fn to_fhir(
    input: JsValue,
    format: Option<String>,
    as_of: Option<String>,
    unit_system: Option<String>,
    lab_catalog: &LabCatalog,
    issued: Option<String>,
    subject: Option<String>,
) -> JsResult<String> {
    let settings = settings(as_of, unit_system, lab_catalog, None)?;
    labcore_js::to_fhir(&bytes(&input)?, format.as_deref(), &settings, issued.as_deref(), subject).map_err(to_js_error)
}

/// Every finding of an input as a FHIR R4 OperationOutcome (JSON text).
#[wasm_bindgen(js_name = operationOutcomeNative)]
pub fn operation_outcome(
    input: JsValue,
    format: Option<String>,
    as_of: Option<String>,
    unit_system: Option<String>,
    lab_catalog: &LabCatalog,
) -> JsResult<String> {
    let settings = settings(as_of, unit_system, lab_catalog, None)?;
    labcore_js::operation_outcome(&bytes(&input)?, format.as_deref(), &settings).map_err(to_js_error)
}

/// The format of an input (`labcore`, `fhir`, `hl7v2`), or `undefined`.
#[wasm_bindgen(js_name = detectFormat)]
pub fn detect_format(input: JsValue) -> JsResult<Option<String>> {
    Ok(labcore_js::detect_format(&bytes(&input)?).map(str::to_owned))
}
