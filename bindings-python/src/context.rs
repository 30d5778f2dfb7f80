//! What a call is processed with: the built-in catalog, an optional laboratory catalog, the time, the unit
//! system and the patient's previous results, read from keyword arguments.

use std::sync::OnceLock;

use labcore::catalog::Catalog;
use labcore::{Context, PriorResult, UnitSystem};
use pyo3::prelude::*;

use crate::{convert, errors};

/// The built-in analyte catalog, loaded once per process (it is checked data compiled into the library).
pub(crate) fn catalog() -> PyResult<&'static Catalog> {
    static CATALOG: OnceLock<Result<Catalog, labcore::catalog::CatalogError>> = OnceLock::new();
    CATALOG.get_or_init(Catalog::builtin).as_ref().map_err(errors::catalog)
}

/// A laboratory's own catalog: reference intervals, critical limits and delta rules that override the defaults.
///
/// ```python
/// lab = labcore.LabCatalog(open("lab.toml").read())
/// labcore.process(payload, lab_catalog=lab)
/// ```
#[pyclass(frozen, module = "labcore._native", name = "LabCatalog")]
pub(crate) struct LabCatalog {
    inner: labcore::catalog::LabCatalog,
}

#[pymethods]
impl LabCatalog {
    /// Loads a catalog from its text: `format` is `"toml"` (default) or `"json"`; `name` is used in errors.
    #[new]
    #[pyo3(signature = (text, *, format = "toml", name = "lab_catalog"))]
    fn new(text: &str, format: &str, name: &str) -> PyResult<LabCatalog> {
        let base = catalog()?;
        let loaded = match format {
            "toml" => labcore::catalog::LabCatalog::from_toml(base, name, text),
            "json" => labcore::catalog::LabCatalog::from_json(base, name, text),
            _ => return Err(errors::option("format", "must be \"toml\" or \"json\"")),
        };
        loaded.map(|inner| LabCatalog { inner }).map_err(|e| errors::catalog(&e))
    }

    /// The laboratory the catalog is for, when it says.
    #[getter]
    fn lab_id(&self) -> Option<&str> {
        self.inner.lab_id()
    }

    fn __repr__(&self) -> String {
        format!("LabCatalog(lab_id={:?})", self.inner.lab_id())
    }
}

/// The keyword arguments every processing call takes. Owned (the laboratory catalog by reference count), so that
/// an outcome can keep them to read its input again.
pub(crate) struct Settings {
    as_of: chrono::DateTime<chrono::Utc>,
    unit_system: UnitSystem,
    lab: Option<Py<LabCatalog>>,
    priors: Vec<PriorResult>,
}

impl Settings {
    /// Reads `as_of`, `unit_system`, `lab_catalog` and `priors`.
    pub(crate) fn read(
        as_of: Option<&Bound<'_, PyAny>>,
        unit_system: &str,
        lab_catalog: Option<Bound<'_, LabCatalog>>,
        priors: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Settings> {
        let unit_system = UnitSystem::from_name(unit_system)
            .ok_or_else(|| errors::option("unit_system", "must be \"conventional\" or \"si\""))?;
        let priors = crate::priors::read(priors)?;
        let lab = lab_catalog.map(Bound::unbind);
        Ok(Settings { as_of: convert::time(as_of, "as_of")?, unit_system, lab, priors })
    }

    /// The processing time.
    pub(crate) fn as_of(&self) -> chrono::DateTime<chrono::Utc> {
        self.as_of
    }

    /// The context, when it borrows nothing of the call (no laboratory catalog, no priors): its reports can
    /// outlive the call.
    pub(crate) fn static_context(&self, catalog: &'static Catalog) -> Option<Context<'static>> {
        (self.lab.is_none() && self.priors.is_empty())
            .then(|| Context::new(catalog, self.as_of).with_unit_system(self.unit_system))
    }

    /// The core's context for these settings.
    pub(crate) fn context<'s>(&'s self, catalog: &'s Catalog) -> Context<'s> {
        let context = Context::new(catalog, self.as_of).with_unit_system(self.unit_system).with_priors(&self.priors);
        match &self.lab {
            Some(lab) => context.with_lab_catalog(&lab.get().inner),
            None => context,
        }
    }
}
