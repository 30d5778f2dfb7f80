//! Redaction: `Policy` (what happens to each category), `Redactor` (a policy, its key and the compiled
//! detector) and `Redacted` (the output and the list of changes, never the original values).

use std::sync::OnceLock;

use labcore::redact::{self as core, Category, Operation, RedactOptions, RedactionKey, Seeds, Zip3List};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use crate::{convert, errors};

/// A redaction policy. Start from `Policy.safe_harbor()` (the default: HIPAA Safe Harbor, all 18 categories)
/// or `Policy.limited_data_set()`, and adjust it; every method returns a new policy.
#[pyclass(frozen, module = "labcore._native", name = "Policy")]
#[derive(Clone)]
pub(crate) struct Policy {
    inner: core::Policy,
}

fn category(name: &str) -> PyResult<Category> {
    Category::from_name(name).ok_or_else(|| errors::option("category", "is not a known identifier category"))
}

#[pymethods]
impl Policy {
    /// HIPAA Safe Harbor (45 CFR 164.514(b)(2)): every identifier category removed, masked or generalised.
    #[staticmethod]
    fn safe_harbor() -> Policy {
        Policy { inner: core::Policy::safe_harbor() }
    }

    /// A limited data set (45 CFR 164.514(e)): keeps dates and city, state and ZIP code.
    #[staticmethod]
    fn limited_data_set() -> Policy {
        Policy { inner: core::Policy::limited_data_set() }
    }

    /// The category names (`name`, `date`, `zip`, `mrn`, …).
    #[staticmethod]
    fn categories() -> Vec<&'static str> {
        Category::ALL.iter().map(|c| c.as_str()).collect()
    }

    /// This policy with `operation` (`keep`, `remove`, `mask`, `pseudonym`, `shift_date`, `generalize`) for
    /// `category`.
    fn with_operation(&self, category_name: &str, operation: &str) -> PyResult<Policy> {
        let operation =
            Operation::from_name(operation).ok_or_else(|| errors::option("operation", "is not a known operation"))?;
        Ok(Policy { inner: self.inner.clone().with(category(category_name)?, operation) })
    }

    /// This policy with another restricted three-digit ZIP list: `census2020` (default), `census2010`,
    /// `census2000`, `census2020_no_zcta`, or a union such as `census2000+census2020`.
    fn with_zip3(&self, list: &str) -> PyResult<Policy> {
        let zip3 = Zip3List::builtin(list).ok_or_else(|| errors::option("zip3", "is not a known ZIP3 list"))?;
        Ok(Policy { inner: self.inner.clone().with_zip3(zip3) })
    }

    /// This policy with date shifts of at most `days` days.
    fn with_shift_days(&self, days: u32) -> Policy {
        Policy { inner: self.inner.clone().with_shift_days(days) }
    }

    /// The operation applied to `category`.
    fn operation(&self, category_name: &str) -> PyResult<&'static str> {
        Ok(self.inner.operation(category(category_name)?).as_str())
    }

    /// The policy's name.
    #[getter]
    fn name(&self) -> &'static str {
        self.inner.name()
    }

    /// The restricted ZIP3 list in use.
    #[getter]
    fn zip3(&self) -> String {
        self.inner.zip3().id().to_owned()
    }

    /// Whether the policy pseudonymises or shifts dates, and so needs a key.
    #[getter]
    fn needs_key(&self) -> bool {
        self.inner.needs_key()
    }

    fn __repr__(&self) -> String {
        format!("Policy({:?}, zip3={:?})", self.inner.name(), self.inner.zip3().id())
    }
}

/// The result of a redaction: `output` (the redacted text or document), `format` (`labcore`, `fhir`,
/// `hl7v2`, or `None` for free text) and `changes` (dicts with `category`, `operation` and `location`).
#[pyclass(frozen, module = "labcore._native", name = "Redacted")]
pub(crate) struct Redacted {
    format: Option<&'static str>,
    output: String,
    changes: Vec<core::Change>,
}

#[pymethods]
impl Redacted {
    /// The redacted text or document.
    #[getter]
    fn output(&self) -> &str {
        &self.output
    }

    /// The input's format, or `None` for free text.
    #[getter]
    fn format(&self) -> Option<&'static str> {
        self.format
    }

    /// Every change, in document order: `category`, `operation`, `location` — never the original value.
    #[getter]
    fn changes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::to_python(py, &self.changes)
    }

    /// `format`, `output` and `changes` as plain data.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("format", self.format)?;
        dict.set_item("output", &self.output)?;
        dict.set_item("changes", self.changes(py)?)?;
        Ok(dict)
    }

    fn __repr__(&self) -> String {
        format!("Redacted(format={:?}, changes={})", self.format, self.changes.len())
    }
}

/// A redactor: a policy, the key it may need (bytes or str, at least 16 bytes; required for pseudonyms and
/// date shifts) and the compiled detector. Build it once and share it between threads.
#[pyclass(frozen, module = "labcore._native", name = "Redactor")]
pub(crate) struct Redactor {
    inner: core::Redactor,
}

#[pymethods]
impl Redactor {
    /// A redactor for `policy` (default Safe Harbor) with an optional `key`.
    #[new]
    #[pyo3(signature = (policy = None, key = None))]
    fn new(policy: Option<&Bound<'_, Policy>>, key: Option<&Bound<'_, PyAny>>) -> PyResult<Redactor> {
        let policy = policy.map_or_else(core::Policy::safe_harbor, |p| p.get().inner.clone());
        let key = key.filter(|k| !k.is_none()).map(read_key).transpose()?;
        core::Redactor::new(policy, key).map(|inner| Redactor { inner }).map_err(|e| errors::redaction(&e))
    }

    /// Redacts `data`: free text, or a labcore JSON payload or report, FHIR R4 JSON or HL7 v2 (as `str`,
    /// `bytes` or a `dict`). `format` is `auto` (structured when recognised, else free text), `text`,
    /// `labcore`, `fhir` or `hl7v2`. `as_of` (default now) judges ages over 89; for free text alone, `patient`
    /// keys its date shift and `seeds` (a dict of category → value or list of values) names identifiers known
    /// from the record.
    #[pyo3(signature = (data, *, format = "auto", as_of = None, patient = None, seeds = None))]
    fn redact(
        &self,
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        format: &str,
        as_of: Option<&Bound<'_, PyAny>>,
        patient: Option<String>,
        seeds: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Redacted> {
        let options = options(as_of, patient, seeds)?;
        run(py, &self.inner, data, format, &options)
    }

    /// Finds the identifiers in free text without changing it: dicts with `start`, `end` (`str` indices, so
    /// `text[start:end]` is the identifier) and `category`.
    #[pyo3(signature = (text, *, seeds = None))]
    fn find<'py>(
        &self,
        py: Python<'py>,
        text: &str,
        seeds: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Vec<Bound<'py, PyDict>>> {
        let options = options(None, None, seeds)?;
        let found = py.detach(|| self.inner.find(text, &options));
        found.iter().map(|d| detection(py, text, d)).collect()
    }

    /// The policy.
    #[getter]
    fn policy(&self) -> Policy {
        Policy { inner: self.inner.policy().clone() }
    }

    fn __repr__(&self) -> String {
        format!("Redactor(policy={:?})", self.inner.policy().name())
    }
}

fn detection<'py>(py: Python<'py>, text: &str, found: &core::Detection) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("start", convert::char_offset(text, found.start))?;
    dict.set_item("end", convert::char_offset(text, found.end))?;
    dict.set_item("category", found.category.as_str())?;
    Ok(dict)
}

/// A key from `bytes` or `str` (UTF-8).
fn read_key(key: &Bound<'_, PyAny>) -> PyResult<RedactionKey> {
    let bytes: Vec<u8> = match key.cast::<PyString>() {
        Ok(text) => convert::text(text)?.into_bytes(),
        Err(_) => key.extract()?,
    };
    RedactionKey::new(&bytes).map_err(errors::key)
}

fn options(
    as_of: Option<&Bound<'_, PyAny>>,
    patient: Option<String>,
    seeds: Option<&Bound<'_, PyDict>>,
) -> PyResult<RedactOptions> {
    let mut options = RedactOptions::new(convert::time(as_of, "as_of")?);
    options.patient = patient;
    if let Some(seeds) = seeds {
        options.seeds = read_seeds(seeds)?;
    }
    Ok(options)
}

fn read_seeds(dict: &Bound<'_, PyDict>) -> PyResult<Seeds> {
    let mut seeds = Seeds::new();
    for (name, values) in dict.iter() {
        let category = category(&name.extract::<String>()?)?;
        if let Ok(one) = values.cast::<PyString>() {
            seeds.add(category, &convert::text(one)?);
        } else {
            for value in values.try_iter()? {
                seeds.add(category, &value?.extract::<String>()?);
            }
        }
    }
    Ok(seeds)
}

/// Runs one redaction with the GIL released.
pub(crate) fn run(
    py: Python<'_>,
    redactor: &core::Redactor,
    data: &Bound<'_, PyAny>,
    format: &str,
    options: &RedactOptions,
) -> PyResult<Redacted> {
    let kind = core::RedactAs::from_name(format)
        .ok_or_else(|| errors::option("format", "must be auto, text, labcore, fhir or hl7v2"))?;
    let input = convert::input(data, "data")?;
    let bytes = input.bytes();
    let result = py.detach(|| redactor.redact_as(kind, bytes, options));
    let redacted = result.map_err(|e| errors::redaction(&e))?;
    Ok(Redacted {
        format: redacted.format.map(labcore::Format::as_str),
        output: redacted.output,
        changes: redacted.changes,
    })
}

/// The Safe Harbor redactor without a key, compiled once per process for `labcore.redact()`.
pub(crate) fn default_redactor() -> PyResult<&'static core::Redactor> {
    static DEFAULT: OnceLock<Result<core::Redactor, core::RedactError>> = OnceLock::new();
    DEFAULT.get_or_init(|| core::Redactor::new(core::Policy::safe_harbor(), None)).as_ref().map_err(errors::redaction)
}

/// `labcore.redact()`: a redaction with a one-off redactor (or the cached default one).
#[pyfunction]
#[pyo3(signature = (data, *, policy = None, key = None, format = "auto", as_of = None, patient = None, seeds = None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn redact(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    policy: Option<&Bound<'_, Policy>>,
    key: Option<&Bound<'_, PyAny>>,
    format: &str,
    as_of: Option<&Bound<'_, PyAny>>,
    patient: Option<String>,
    seeds: Option<&Bound<'_, PyDict>>,
) -> PyResult<Redacted> {
    let options = options(as_of, patient, seeds)?;
    if policy.is_none() && key.is_none_or(|k| k.is_none()) {
        return run(py, default_redactor()?, data, format, &options);
    }
    let redactor = Redactor::new(policy, key)?;
    run(py, &redactor.inner, data, format, &options)
}
