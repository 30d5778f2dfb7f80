//! Redaction: `Policy` (immutable), `Redactor` (policy, key and compiled detector) and the one-off call.

use labcore::redact as core;
use labcore_js::redaction;
use wasm_bindgen::prelude::*;

use crate::input::{bytes, json_argument, now};
use crate::{JsResult, to_js_error};

/// A redaction policy; every method returns a new policy.
#[wasm_bindgen]
pub struct Policy {
    inner: core::Policy,
}

#[wasm_bindgen]
impl Policy {
    /// HIPAA Safe Harbor (the default).
    #[wasm_bindgen(js_name = safeHarbor)]
    pub fn safe_harbor() -> Policy {
        Policy { inner: core::Policy::safe_harbor() }
    }

    /// A limited data set: keeps dates and city, state and ZIP code.
    #[wasm_bindgen(js_name = limitedDataSet)]
    pub fn limited_data_set() -> Policy {
        Policy { inner: core::Policy::limited_data_set() }
    }

    /// The category names.
    pub fn categories() -> Vec<String> {
        redaction::category_names()
    }

    /// This policy with `operation` (keep, remove, mask, pseudonym, shift_date, generalize) for `category`.
    #[wasm_bindgen(js_name = withOperation)]
    pub fn with_operation(&self, category: &str, operation: &str) -> JsResult<Policy> {
        redaction::with_operation(&self.inner, category, operation).map(|inner| Policy { inner }).map_err(to_js_error)
    }

    /// This policy with another restricted ZIP3 list (`census2020`, `census2000`, unions with `+`).
    #[wasm_bindgen(js_name = withZip3)]
    pub fn with_zip3(&self, list: &str) -> JsResult<Policy> {
        redaction::with_zip3(&self.inner, list).map(|inner| Policy { inner }).map_err(to_js_error)
    }

    /// This policy with date shifts of at most `days` days.
    #[wasm_bindgen(js_name = withShiftDays)]
    pub fn with_shift_days(&self, days: u32) -> Policy {
        Policy { inner: self.inner.clone().with_shift_days(days) }
    }

    /// The operation applied to `category`.
    pub fn operation(&self, category: &str) -> JsResult<String> {
        redaction::operation(&self.inner, category).map(str::to_owned).map_err(to_js_error)
    }

    /// The policy's name.
    #[wasm_bindgen(getter)]
    pub fn name(&self) -> String {
        self.inner.name().to_owned()
    }

    /// The restricted ZIP3 list in use.
    #[wasm_bindgen(getter)]
    pub fn zip3(&self) -> String {
        self.inner.zip3().id().to_owned()
    }

    /// Whether the policy needs a key.
    #[wasm_bindgen(getter = needsKey)]
    pub fn needs_key(&self) -> bool {
        self.inner.needs_key()
    }
}

/// A policy, its key (text or bytes, at least 16 bytes) and the compiled detector.
#[wasm_bindgen]
pub struct Redactor {
    inner: core::Redactor,
}

fn redactor(policy: &Policy, key: JsValue) -> JsResult<core::Redactor> {
    let key = if key.is_undefined() || key.is_null() { None } else { Some(bytes(&key)?) };
    redaction::redactor(Some(&policy.inner), key.as_deref()).map_err(to_js_error)
}

fn run(
    redactor: &core::Redactor,
    data: &JsValue,
    format: Option<String>,
    as_of: Option<String>,
    patient: Option<String>,
    seeds: Option<String>,
) -> JsResult<String> {
    let seeds = json_argument(seeds.as_deref(), "seeds")?;
    let options = redaction::options(as_of.as_deref(), patient, seeds.as_ref(), now()).map_err(to_js_error)?;
    redaction::redact(redactor, &bytes(data)?, format.as_deref(), &options).map_err(to_js_error)
}

#[wasm_bindgen]
impl Redactor {
    /// A redactor for `policy` with an optional `key` (`undefined` for none).
    #[wasm_bindgen(constructor)]
    pub fn new(policy: &Policy, key: JsValue) -> JsResult<Redactor> {
        redactor(policy, key).map(|inner| Redactor { inner })
    }

    /// Redacts text or a document: `{format, output, changes}` as JSON text; `seeds` is JSON text.
    #[wasm_bindgen(js_name = redactNative)]
    pub fn redact(
        &self,
        data: JsValue,
        format: Option<String>,
        as_of: Option<String>,
        patient: Option<String>,
        seeds: Option<String>,
    ) -> JsResult<String> {
        run(&self.inner, &data, format, as_of, patient, seeds)
    }

    /// The identifiers in free text as JSON text: `{start, end, category}` with UTF-16 indices.
    #[wasm_bindgen(js_name = findNative)]
    pub fn find(&self, text: &str, seeds: Option<String>) -> JsResult<String> {
        let seeds = json_argument(seeds.as_deref(), "seeds")?;
        let options = redaction::options(None, None, seeds.as_ref(), now()).map_err(to_js_error)?;
        redaction::find(&self.inner, text, &options).map_err(to_js_error)
    }

    /// The policy.
    #[wasm_bindgen(getter)]
    pub fn policy(&self) -> Policy {
        Policy { inner: self.inner.policy().clone() }
    }
}

/// Redacts with a one-off redactor for `policy` and an optional `key`.
#[wasm_bindgen(js_name = redactNative)]
pub fn redact(
    data: JsValue,
    policy: &Policy,
    key: JsValue,
    format: Option<String>,
    as_of: Option<String>,
    patient: Option<String>,
    seeds: Option<String>,
) -> JsResult<String> {
    run(&redactor(policy, key)?, &data, format, as_of, patient, seeds)
}
