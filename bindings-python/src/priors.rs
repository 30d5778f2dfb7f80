//! `priors=`: the patient's previous results, a list of dicts. Every problem is a `labcore.OptionError`
//! (`invalid_option`) whose path names the entry and field (`priors[2].value`), never the value: Python's own
//! `TypeError`/`OverflowError` would quote neither where nor, reliably, what.

use labcore::PriorResult;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyString};

use crate::{convert, errors};

/// Reads the `priors` argument (`None`: no priors).
pub(crate) fn read(priors: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<PriorResult>> {
    let Some(list) = priors.filter(|p| !p.is_none()) else { return Ok(Vec::new()) };
    let not_a_list = || errors::option("priors", "must be a list of dicts");
    if list.is_instance_of::<PyDict>() || list.is_instance_of::<PyString>() || list.is_instance_of::<PyBytes>() {
        return Err(not_a_list());
    }
    let items = list.try_iter().map_err(|_| not_a_list())?;
    items.enumerate().map(|(index, item)| prior(index, &item.map_err(|_| not_a_list())?)).collect()
}

/// One dict with `analyte`, `value`, `unit`, `collected_at` and, optionally, `patient_id`.
fn prior(index: usize, item: &Bound<'_, PyAny>) -> PyResult<PriorResult> {
    let at = |field: &str| format!("priors[{index}].{field}");
    let dict = item.cast::<PyDict>().map_err(|_| errors::option(&format!("priors[{index}]"), "must be a dict"))?;
    let get = |name: &str| dict.get_item(name).map(|v| v.filter(|v| !v.is_none()));
    let required = |name: &str| get(name)?.ok_or_else(|| errors::option(&at(name), "is required"));
    let text = |object: &Bound<'_, PyAny>, name: &str| -> PyResult<String> {
        let string = object.cast::<PyString>().map_err(|_| errors::option(&at(name), "must be a str"))?;
        convert::text(string).map_err(|_| errors::option(&at(name), "must be a str of valid Unicode"))
    };
    let collected_at = required("collected_at")?;
    let collected_at = convert::fixed_time(&collected_at, &at("collected_at")).map_err(|_| {
        errors::option(&at("collected_at"), "must be an aware datetime or an RFC 3339 string with an offset")
    })?;
    Ok(PriorResult {
        analyte: text(&required("analyte")?, "analyte")?,
        value: number(&required("value")?, &at("value"))?,
        unit: text(&required("unit")?, "unit")?,
        collected_at,
        patient_id: get("patient_id")?.map(|id| text(&id, "patient_id")).transpose()?,
    })
}

/// An `int` or a `float` (not a `bool`, not a numeric string); an `int` too large for a 64-bit float is refused.
/// A float that is not finite (NaN) is passed on: labcore reports it as a `prior_unusable` finding.
fn number(object: &Bound<'_, PyAny>, path: &str) -> PyResult<f64> {
    if object.is_instance_of::<PyBool>() || !(object.is_instance_of::<PyInt>() || object.is_instance_of::<PyFloat>()) {
        return Err(errors::option(path, "must be a number (int or float)"));
    }
    let value: f64 = object.extract().map_err(|_| errors::option(path, "is too large for a 64-bit float"))?;
    if object.is_instance_of::<PyInt>() && !value.is_finite() {
        return Err(errors::option(path, "is too large for a 64-bit float"));
    }
    Ok(value)
}
