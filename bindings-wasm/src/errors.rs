//! A shared [`Failure`] as a real JS `Error`: `name` its class, and `code`, `path`, `findings` as properties.

use js_sys::{Array, Error, JSON, Reflect};
use labcore_js::Failure;
use wasm_bindgen::JsValue;

/// The thrown error for a failure. Its texts are the core's PHI-free messages.
pub fn to_js_error(failure: Failure) -> JsValue {
    let error = Error::new(&failure.message);
    error.set_name(failure.kind.as_str());
    let findings = JSON::parse(&failure.findings_json()).unwrap_or_else(|_| Array::new().into());
    let target: &JsValue = error.as_ref();
    for (key, value) in
        [("code", JsValue::from_str(&failure.code)), ("path", JsValue::from_str(&failure.path)), ("findings", findings)]
    {
        // Setting a property on a fresh Error cannot fail; were it to, the error still has its message.
        let _ = Reflect::set(target, &JsValue::from_str(key), &value);
    }
    error.into()
}
