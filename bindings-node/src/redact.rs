//! Redaction: `Policy` (immutable), `Redactor` (policy, key and compiled detector) and the module-level call.

use labcore::redact::{self as core, Category, Operation, RedactOptions, RedactionKey, Seeds, Zip3List};
use napi_derive::napi;
use serde_json::{Value, json};

use crate::errors::{Failure, Result};
use napi::bindgen_prelude::{Buffer, Either};

use crate::{Input, bytes, utc};

fn category(name: &str) -> Result<Category> {
    Category::from_name(name).ok_or_else(|| Failure::option("category", "is not a known identifier category").into())
}

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
        Category::ALL.iter().map(|c| c.as_str().to_owned()).collect()
    }

    /// This policy with `operation` (keep, remove, mask, pseudonym, shift_date, generalize) for `category`.
    #[napi]
    pub fn with_operation(&self, category_name: String, operation: String) -> Result<Policy> {
        let operation =
            Operation::from_name(&operation).ok_or_else(|| Failure::option("operation", "is not a known operation"))?;
        Ok(Policy { inner: self.inner.clone().with(category(&category_name)?, operation) })
    }

    /// This policy with another restricted ZIP3 list (`census2020`, `census2000`, unions with `+`).
    #[napi]
    pub fn with_zip3(&self, list: String) -> Result<Policy> {
        let zip3 = Zip3List::builtin(&list).ok_or_else(|| Failure::option("zip3", "is not a known ZIP3 list"))?;
        Ok(Policy { inner: self.inner.clone().with_zip3(zip3) })
    }

    /// This policy with date shifts of at most `days` days.
    #[napi]
    pub fn with_shift_days(&self, days: u32) -> Policy {
        Policy { inner: self.inner.clone().with_shift_days(days) }
    }

    /// The operation applied to `category`.
    #[napi]
    pub fn operation(&self, category_name: String) -> Result<String> {
        Ok(self.inner.operation(category(&category_name)?).as_str().to_owned())
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

#[napi]
impl Redactor {
    /// A redactor for `policy` (default Safe Harbor) with an optional `key`.
    #[napi(constructor)]
    pub fn new(policy: Option<&Policy>, key: Option<Either<String, Buffer>>) -> Result<Redactor> {
        let policy = policy.map_or_else(core::Policy::safe_harbor, |p| p.inner.clone());
        let key = match key {
            Some(key) => Some(RedactionKey::new(bytes(&key)).map_err(Failure::key)?),
            None => None,
        };
        core::Redactor::new(policy, key).map(|inner| Redactor { inner }).map_err(|e| Failure::redaction(&e).into())
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
        run(&self.inner, &data, format.as_deref(), &options(as_of, patient, seeds)?)
    }

    /// The identifiers in free text: `{start, end, category}` with UTF-16 indices (`text.slice(start, end)`).
    #[napi(js_name = "findNative")]
    pub fn find(&self, text: String, seeds: Option<Value>) -> Result<String> {
        let options = options(None, None, seeds)?;
        let utf16 = |byte: usize| text.get(..byte).map_or(0, |p| p.encode_utf16().count());
        let found: Vec<Value> = self
            .inner
            .find(&text, &options)
            .iter()
            .map(|d| json!({"start": utf16(d.start), "end": utf16(d.end), "category": d.category.as_str()}))
            .collect();
        Ok(Value::Array(found).to_string())
    }

    /// The policy.
    #[napi(getter)]
    pub fn policy(&self) -> Policy {
        Policy { inner: self.inner.policy().clone() }
    }
}

fn options(as_of: Option<String>, patient: Option<String>, seeds: Option<Value>) -> Result<RedactOptions> {
    let mut options = RedactOptions::new(utc(as_of.as_deref(), "asOf")?);
    options.patient = patient;
    if let Some(Value::Object(map)) = seeds {
        let mut found = Seeds::new();
        for (name, values) in &map {
            let category = category(name)?;
            match values {
                Value::String(one) => found.add(category, one),
                Value::Array(many) => many.iter().filter_map(Value::as_str).for_each(|v| found.add(category, v)),
                _ => return Err(Failure::option("seeds", "values must be strings or arrays of strings").into()),
            }
        }
        options.seeds = found;
    }
    Ok(options)
}

fn run(redactor: &core::Redactor, data: &Input, format: Option<&str>, options: &RedactOptions) -> Result<String> {
    let input = bytes(data);
    let redacted = match format.unwrap_or("auto") {
        "labcore" => redactor.labcore_json(input, options),
        "fhir" => redactor.fhir(input, options),
        "hl7v2" => redactor.hl7(input, options),
        "text" => Ok(redactor.text(&String::from_utf8_lossy(input), options)),
        "auto" => redactor.auto(input, options),
        _ => return Err(Failure::option("format", "must be auto, text, labcore, fhir or hl7v2").into()),
    }
    .map_err(|e| Failure::redaction(&e))?;
    serde_json::to_string(&redacted).map_err(|_| Failure::internal("the redaction could not be rendered").into())
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
    let redactor = Redactor::new(policy, key)?;
    run(&redactor.inner, &data, format.as_deref(), &options(as_of, patient, seeds)?)
}
