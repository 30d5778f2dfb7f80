//! Conversions between Python objects and what the core reads and writes: input bytes, JSON values, times.

use chrono::{DateTime, FixedOffset, Utc};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};

use crate::errors;

/// An input given as `str`, `bytes`, `bytearray` or (for JSON formats) a `dict`/`list`, as bytes the core reads.
pub(crate) enum Input<'py> {
    /// A `bytes` object, or a `str` encoded once as UTF-8.
    Bytes(Bound<'py, PyBytes>),
    /// Serialised from a `dict`/`list`, or copied from a `bytearray`.
    Owned(Vec<u8>),
}

/// An input kept beyond the call (by reference to the `bytes` object, or owned).
pub(crate) enum Stored {
    Bytes(Py<PyBytes>),
    Owned(Vec<u8>),
}

impl Stored {
    /// The bytes.
    pub(crate) fn bytes<'a>(&'a self, py: Python<'a>) -> &'a [u8] {
        match self {
            Stored::Bytes(bytes) => bytes.as_bytes(py),
            Stored::Owned(bytes) => bytes,
        }
    }
}

impl Input<'_> {
    /// The input kept beyond the call.
    pub(crate) fn store(self) -> Stored {
        match self {
            Input::Bytes(bytes) => Stored::Bytes(bytes.unbind()),
            Input::Owned(bytes) => Stored::Owned(bytes),
        }
    }

    /// The bytes (valid while the input is).
    pub(crate) fn bytes(&self) -> &[u8] {
        match self {
            Input::Owned(bytes) => bytes,
            Input::Bytes(bytes) => bytes.as_bytes(),
        }
    }
}

/// Reads an input argument.
pub(crate) fn input<'py>(object: &Bound<'py, PyAny>, argument: &str) -> PyResult<Input<'py>> {
    if let Ok(bytes) = object.cast::<PyBytes>() {
        return Ok(Input::Bytes(bytes.clone()));
    }
    if let Ok(text) = object.cast::<PyString>() {
        return text.encode_utf8().map(Input::Bytes);
    }
    if let Ok(array) = object.cast::<PyByteArray>() {
        return Ok(Input::Owned(array.to_vec()));
    }
    if object.is_instance_of::<PyDict>() || object.is_instance_of::<PyList>() {
        let value = to_json(object, argument)?;
        return serde_json::to_vec(&value).map(Input::Owned).map_err(|_| errors::option(argument, "not serialisable"));
    }
    Err(PyTypeError::new_err(format!("{argument} must be str, bytes, bytearray, dict or list")))
}

/// A `str` argument as Rust text.
pub(crate) fn text(object: &Bound<'_, PyString>) -> PyResult<String> {
    object.to_cow().map(std::borrow::Cow::into_owned)
}

/// A Python object made of dicts, lists, tuples, strings, numbers, booleans and None, as JSON.
pub(crate) fn to_json(object: &Bound<'_, PyAny>, argument: &str) -> PyResult<Value> {
    if object.is_none() {
        Ok(Value::Null)
    } else if let Ok(b) = object.cast::<PyBool>() {
        Ok(Value::Bool(b.is_true()))
    } else if object.is_instance_of::<PyInt>() {
        integer(object, argument)
    } else if let Ok(f) = object.cast::<PyFloat>() {
        Number::from_f64(f.value())
            .map(Value::Number)
            .ok_or_else(|| errors::option(argument, "contains a NaN or infinite float, which JSON cannot carry"))
    } else if let Ok(s) = object.cast::<PyString>() {
        Ok(Value::String(text(s)?))
    } else if let Ok(dict) = object.cast::<PyDict>() {
        let mut map = Map::with_capacity(dict.len());
        for (key, value) in dict.iter() {
            let Ok(key) = key.cast::<PyString>() else {
                return Err(PyTypeError::new_err(format!("{argument}: dict keys must be str")));
            };
            map.insert(text(key)?, to_json(&value, argument)?);
        }
        Ok(Value::Object(map))
    } else if object.is_instance_of::<PyList>() || object.is_instance_of::<PyTuple>() {
        object.try_iter()?.map(|item| to_json(&item?, argument)).collect::<PyResult<Vec<_>>>().map(Value::Array)
    } else {
        Err(PyTypeError::new_err(format!("{argument}: only dict, list, str, int, float, bool and None are JSON")))
    }
}

fn integer(object: &Bound<'_, PyAny>, argument: &str) -> PyResult<Value> {
    if let Ok(n) = object.extract::<i64>() {
        Ok(Value::Number(n.into()))
    } else if let Ok(n) = object.extract::<u64>() {
        Ok(Value::Number(n.into()))
    } else {
        Err(errors::option(argument, "contains an integer too large for JSON numbers"))
    }
}

/// Any serialisable core value as plain Python data (dict, list, str, int, float, bool, None).
pub(crate) fn to_python<'py, T: serde::Serialize + ?Sized>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    crate::pydata::to_python(py, value)
}

/// Parses JSON text the core produced into Python data.
pub(crate) fn json_to_python<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    let value: Value = serde_json::from_str(text).map_err(|_| errors::internal("the core produced unreadable JSON"))?;
    to_python(py, &value)
}

/// A time argument: an aware `datetime` or an RFC 3339 string; `None` means now.
pub(crate) fn time(object: Option<&Bound<'_, PyAny>>, argument: &str) -> PyResult<DateTime<Utc>> {
    match object.filter(|o| !o.is_none()) {
        None => Ok(DateTime::<Utc>::from(std::time::SystemTime::now())),
        Some(object) => fixed_time(object, argument).map(|t| t.with_timezone(&Utc)),
    }
}

/// An aware `datetime` or an RFC 3339 string, keeping its offset.
pub(crate) fn fixed_time(object: &Bound<'_, PyAny>, argument: &str) -> PyResult<DateTime<FixedOffset>> {
    let text: String = if let Ok(s) = object.cast::<PyString>() {
        text(s)?
    } else if object.hasattr("isoformat")? && object.hasattr("utcoffset")? {
        if object.call_method0("utcoffset")?.is_none() {
            return Err(errors::option(argument, "must be timezone-aware (a naive datetime has no offset)"));
        }
        object.call_method0("isoformat")?.extract()?
    } else {
        return Err(PyTypeError::new_err(format!("{argument} must be a datetime or an RFC 3339 string")));
    };
    DateTime::parse_from_rfc3339(&text).map_err(|_| errors::option(argument, "is not an RFC 3339 time with an offset"))
}

/// Converts a byte offset in `text` to a code-point offset (Python's `str` indices).
pub(crate) fn char_offset(text: &str, byte: usize) -> usize {
    text.get(..byte).map_or_else(|| text.chars().count(), |prefix| prefix.chars().count())
}
