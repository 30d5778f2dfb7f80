//! Arguments as the core reads them: inputs as bytes, JSON option values, the JS clock.

use chrono::{DateTime, Utc};
use labcore_js::Failure;
use wasm_bindgen::{JsCast, JsValue};

use crate::{JsResult, to_js_error};

/// The bytes of an input given as a string (UTF-8) or a `Uint8Array`.
pub(crate) fn bytes(input: &JsValue) -> JsResult<Vec<u8>> {
    if let Some(text) = input.as_string() {
        return Ok(text.into_bytes());
    }
    match input.dyn_ref::<js_sys::Uint8Array>() {
        Some(array) => Ok(array.to_vec()),
        None => Err(to_js_error(Failure::option("input", "must be a string or a Uint8Array"))),
    }
}

/// An option given as JSON text (`labcore.js` stringifies objects), parsed.
pub(crate) fn json_argument(text: Option<&str>, argument: &str) -> JsResult<Option<serde_json::Value>> {
    text.map(|t| serde_json::from_str(t).map_err(|_| to_js_error(Failure::option(argument, "is not valid JSON"))))
        .transpose()
}

/// Now, by the JS clock (`std`'s clock does not exist on `wasm32-unknown-unknown`).
pub(crate) fn now() -> DateTime<Utc> {
    let millis = js_sys::Date::now();
    DateTime::from_timestamp_millis(millis as i64).unwrap_or_default()
}
