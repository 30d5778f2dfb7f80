//! Redaction: `Policy` (immutable), `Redactor` (policy, key and compiled detector) and the module-level call.

use labcore::redact as core;
use labcore_js::redaction;
use napi::bindgen_prelude::{Buffer, Either};
use napi_derive::napi;
use serde_json::Value;

use crate::errors::{OrThrow, Result};
use crate::{bytes, now};

/// A redaction policy; every method returns a new policy.
#[napi]
pub struct Policy {
    inner: core::Policy,
}

#[napi]
impl Policy {
    /// HIPAA Safe Harbor (the default).
    #[napi(factory)]
    pub fn safe_harbor() -> Policy {
        Policy { inner: core::Policy::safe_harbor() }
    }

    /// A limited data set: keeps dates and city, state and ZIP code.
    #[napi(factory)]
    pub fn limited_data_set() -> Policy {
        Policy { inner: core::Policy::limited_data_set() }
    }

    /// The category names.
    #[napi]
    pub fn categories() -> Vec<String> {
        redaction::category_names()
    }

    /// This policy with `operation` (keep, remove, mask, pseudonym, shift_date, generalize) for `category`.
    #[napi]
    pub fn with_operation(&self, category_name: String, operation: String) -> Result<Policy> {
        redaction::with_operation(&self.inner, &category_name, &operation).map(|inner| Policy { inner }).or_throw()
    }

    /// This policy with another restricted ZIP3 list (`census2020`, `census2000`, unions with `+`).
    #[napi]
    pub fn with_zip3(&self, list: String) -> Result<Policy> {
        redaction::with_zip3(&self.inner, &list).map(|inner| Policy { inner }).or_throw()
    }

    /// This policy with date shifts of at most `days` days.
    #[napi]
    pub fn with_shift_days(&self, days: u32) -> Policy {
        Policy { inner: self.inner.clone().with_shift_days(days) }
    }

    /// The operation applied to `category`.
    #[napi]
    pub fn operation(&self, category_name: String) -> Result<String> {
        redaction::operation(&self.inner, &category_name).map(str::to_owned).or_throw()
    }

    /// The policy's name.
    #[napi(getter)]
    pub fn name(&self) -> String {
        self.inner.name().to_owned()
    }

    /// The restricted ZIP3 list in use.
    #[napi(getter)]
    pub fn zip3(&self) -> String {
        self.inner.zip3().id().to_owned()
    }

    /// Whether the policy needs a key.
    #[napi(getter)]
    pub fn needs_key(&self) -> bool {
        self.inner.needs_key()
    }
}

/// A policy, its key (string or Buffer, at least 16 bytes) and the compiled detector.
#[napi]
pub struct Redactor {
    inner: core::Redactor,
}

fn redactor(policy: Option<&Policy>, key: Option<Either<String, Buffer>>) -> Result<core::Redactor> {
    redaction::redactor(policy.map(|p| &p.inner), key.as_ref().map(bytes)).or_throw()
}

fn run(
    redactor: &core::Redactor,
    data: &Either<String, Buffer>,
    format: Option<String>,
    as_of: Option<String>,
    patient: Option<String>,
    seeds: Option<Value>,
) -> Result<String> {
    let options = redaction::options(as_of.as_deref(), patient, seeds.as_ref(), now()).or_throw()?;
    redaction::redact(redactor, bytes(data), format.as_deref(), &options).or_throw()
}

#[napi]
impl Redactor {
    /// A redactor for `policy` (default Safe Harbor) with an optional `key`.
    #[napi(constructor)]
    pub fn new(policy: Option<&Policy>, key: Option<Either<String, Buffer>>) -> Result<Redactor> {
        redactor(policy, key).map(|inner| Redactor { inner })
    }

    /// Redacts text or a document: `{format, output, changes}`.
    #[napi(js_name = "redactNative")]
    pub fn redact(
        &self,
        data: Either<String, Buffer>,
        format: Option<String>,
        as_of: Option<String>,
        patient: Option<String>,
        seeds: Option<Value>,
    ) -> Result<String> {
        run(&self.inner, &data, format, as_of, patient, seeds)
    }

    /// The identifiers in free text: `{start, end, category}` with UTF-16 indices (`text.slice(start, end)`).
    #[napi(js_name = "findNative")]
    pub fn find(&self, text: String, seeds: Option<Value>) -> Result<String> {
        let options = redaction::options(None, None, seeds.as_ref(), now()).or_throw()?;
        redaction::find(&self.inner, &text, &options).or_throw()
    }

    /// The policy.
    #[napi(getter)]
    pub fn policy(&self) -> Policy {
        Policy { inner: self.inner.policy().clone() }
    }
}

/// Redacts with a one-off redactor (default Safe Harbor, no key).
#[napi(js_name = "redactNative")]
pub fn redact(
    data: Either<String, Buffer>,
    policy: Option<&Policy>,
    key: Option<Either<String, Buffer>>,
    format: Option<String>,
    as_of: Option<String>,
    patient: Option<String>,
    seeds: Option<Value>,
) -> Result<String> {
    run(&redactor(policy, key)?, &data, format, as_of, patient, seeds)
}
